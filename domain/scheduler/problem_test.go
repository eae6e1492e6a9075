package scheduler

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var astana = time.FixedZone("Asia/Almaty", 5*3600)

func at(day, hour, minute int) time.Time {
	return time.Date(2024, 7, 3+day, hour, minute, 0, 0, astana)
}

func ptr(t time.Time) *time.Time { return &t }

// validProblem is a small consistent problem the validation cases break.
func validProblem() *Problem {
	return &Problem{
		GranularityMinutes: 15,
		Windows:            []Interval{{at(0, 9, 0), at(0, 19, 0)}},
		Venues:             []Venue{{ID: "v1", TravelMinutes: map[string]int{"v2": 20}}, {ID: "v2"}},
		Rooms: []Room{
			{ID: "r1", VenueID: "v1", Capacity: 12, InterpretationLanguages: []string{"ru", "zh"}},
			{ID: "r2", VenueID: "v2", Capacity: 8, ChangeoverMinutes: 15},
		},
		People: []Person{{ID: "p1"}, {ID: "p2", Available: []Interval{{at(0, 12, 0), at(0, 19, 0)}}}, {ID: "p3"}},
		Busy:   []Busy{{PersonIDs: []string{"p1"}, RoomID: "r1", From: at(0, 10, 0), To: at(0, 11, 0)}},
		Requests: []Request{
			{ID: "q1", Attendees: []string{"p1", "p2"}, DurationMinutes: 30, Priority: 3, ExpectedAttendance: 8, Languages: []string{"ru", "zh"}},
			{ID: "q2", Attendees: []string{"p2", "p3"}, DurationMinutes: 45, Priority: 5},
		},
	}
}

func TestValidate(t *testing.T) {
	if err := validProblem().Validate(); err != nil {
		t.Fatalf("valid problem: %v", err)
	}
	cases := []struct {
		name   string
		mutate func(p *Problem)
		want   string
	}{
		{"granularity_zero", func(p *Problem) { p.GranularityMinutes = 0 }, "granularity_minutes must be positive"},
		{"no_windows", func(p *Problem) { p.Windows = nil }, "at least one window"},
		{"window_backwards", func(p *Problem) { p.Windows[0].To = p.Windows[0].From }, "windows[0]: to"},
		{"window_missing_from", func(p *Problem) { p.Windows[0].From = time.Time{} }, "windows[0]: from is missing"},
		{"windows_overlap", func(p *Problem) {
			p.Windows = append(p.Windows, Interval{at(0, 18, 0), at(0, 20, 0)})
		}, "windows[1] overlaps windows[0]"},
		{"duplicate_venue", func(p *Problem) { p.Venues[1].ID = "v1" }, `venues[1]: duplicate id "v1"`},
		{"travel_to_unknown_venue", func(p *Problem) { p.Venues[0].TravelMinutes["v9"] = 5 }, `travel_minutes names "v9"`},
		{"negative_travel", func(p *Problem) { p.Venues[0].TravelMinutes["v2"] = -1 }, "negative"},
		{"room_unknown_venue", func(p *Problem) { p.Rooms[1].VenueID = "v7" }, `rooms[1] (r2): venue "v7" is not in venues`},
		{"duplicate_room", func(p *Problem) { p.Rooms[1].ID = "r1" }, `rooms[1]: duplicate id "r1"`},
		{"capacity_zero", func(p *Problem) { p.Rooms[0].Capacity = 0 }, "rooms[0] (r1): capacity must be positive"},
		{"negative_changeover", func(p *Problem) { p.Rooms[1].ChangeoverMinutes = -5 }, "changeover_minutes is negative"},
		{"negative_rest", func(p *Problem) { p.RestMinutes = -10 }, "rest_minutes is negative (-10)"},
		{"zero_cap", func(p *Problem) { zero := 0; p.People[1].MaxPlacementsPerWindow = &zero },
			"people[1] (p2): max_placements_per_window must be positive, got 0"},
		{"duplicate_person", func(p *Problem) { p.People[2].ID = "p1" }, `people[2]: duplicate id "p1"`},
		{"availability_backwards", func(p *Problem) { p.People[1].Available[0].To = at(0, 11, 0) }, "people[1] (p2): available[0]: to"},
		{"busy_unknown_room", func(p *Problem) { p.Busy[0].RoomID = "r9" }, `busy[0]: room "r9" is not in rooms`},
		{"busy_unknown_person", func(p *Problem) { p.Busy[0].PersonIDs = []string{"p9"} }, `busy[0]: person "p9" is not in people`},
		{"busy_unknown_venue", func(p *Problem) { p.Busy[0].RoomID, p.Busy[0].VenueID = "", "v9" }, `busy[0]: venue "v9" is not in venues`},
		{"busy_venue_differs_from_room", func(p *Problem) { p.Busy[0].VenueID = "v2" }, `differs from room "r1"`},
		{"busy_holds_nothing", func(p *Problem) { p.Busy[0].PersonIDs, p.Busy[0].RoomID = nil, "" }, "holds neither"},
		{"busy_backwards", func(p *Problem) { p.Busy[0].To = p.Busy[0].From.Add(-time.Minute) }, "busy[0]: to"},
		{"attendee_unknown", func(p *Problem) { p.Requests[1].Attendees[1] = "p9" }, `requests[1] (q2): attendee "p9" is not in people`},
		{"attendee_twice", func(p *Problem) { p.Requests[0].Attendees[1] = "p1" }, `attendee "p1" is listed twice`},
		{"no_attendees", func(p *Problem) { p.Requests[0].Attendees = nil }, "requests[0] (q1): no attendees"},
		{"duplicate_request", func(p *Problem) { p.Requests[1].ID = "q1" }, `requests[1]: duplicate id "q1"`},
		{"duration_zero", func(p *Problem) { p.Requests[0].DurationMinutes = 0 }, "duration_minutes must be positive"},
		{"priority_six", func(p *Problem) { p.Requests[0].Priority = 6 }, "priority must be 1 to 5, got 6"},
		{"priority_zero", func(p *Problem) { p.Requests[0].Priority = 0 }, "priority must be 1 to 5, got 0"},
		{"negative_attendance", func(p *Problem) { p.Requests[0].ExpectedAttendance = -1 }, "expected_attendance is negative"},
		{"latest_before_earliest", func(p *Problem) {
			p.Requests[0].Earliest, p.Requests[0].Latest = ptr(at(0, 15, 0)), ptr(at(0, 14, 0))
		}, "latest (2024-07-03T14:00:00+05:00) is not after earliest"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := validProblem()
			c.mutate(p)
			err := p.Validate()
			if err == nil {
				t.Fatalf("no error, want one containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	t.Run("round_trip_of_a_generated_problem", func(t *testing.T) {
		p := Generate(3, GenConfig{Delegations: 6, Ministers: 1, Venues: 2, Rooms: 3, Days: 2, Requests: 30})
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		again, _ := json.Marshal(got)
		if !bytes.Equal(data, again) {
			t.Fatal("decoding and encoding again changed the problem")
		}
	})
	t.Run("contract_example", func(t *testing.T) {
		const file = `{
		  "granularity_minutes": 15,
		  "windows": [{"from": "2024-07-03T09:00:00+05:00", "to": "2024-07-03T19:00:00+05:00"}],
		  "venues": [{"id": "v1", "travel_minutes": {"v2": 20}}, {"id": "v2"}],
		  "rooms": [{"id": "r1", "venue_id": "v1", "capacity": 12, "interpretation_languages": ["ru", "zh", "kk"], "changeover_minutes": 0}],
		  "people": [{"id": "p1", "available": [{"from": "2024-07-03T09:00:00+05:00", "to": "2024-07-03T19:00:00+05:00"}]}, {"id": "p2"}],
		  "busy": [{"person_ids": ["p1"], "room_id": "r1", "from": "2024-07-03T10:00:00+05:00", "to": "2024-07-03T11:00:00+05:00"}],
		  "requests": [{"id": "q1", "attendees": ["p1", "p2"], "duration_minutes": 30, "priority": 3,
		                "expected_attendance": 8, "languages": ["kk", "zh"], "earliest": "2024-07-03T09:00:00+05:00", "latest": "2024-07-03T12:00:00+05:00"}]
		}`
		p, err := Parse(strings.NewReader(file))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if p.Requests[0].Latest == nil || !p.Requests[0].Latest.Equal(at(0, 12, 0)) {
			t.Fatalf("latest = %v", p.Requests[0].Latest)
		}
	})
	for _, c := range []struct{ name, file, want string }{
		{"unknown_field", `{"granularity_minutes": 15, "colour": "red"}`, `unknown field "colour"`},
		{"trailing_data", `{"granularity_minutes": 15, "windows": [{"from": "2024-07-03T09:00:00Z", "to": "2024-07-03T10:00:00Z"}]} {}`, "after the problem"},
		{"not_json", `granularity: 15`, "problem file"},
		{"bad_time", `{"granularity_minutes": 15, "windows": [{"from": "3 July", "to": "2024-07-03T10:00:00Z"}]}`, "problem file"},
		{"invalid", `{"granularity_minutes": 15}`, "windows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}
