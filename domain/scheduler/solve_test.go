package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// variedProblem generates a small or medium summit whose shape changes with
// the seed: grid, windows off the hour, split availability.
func variedProblem(seed int64) *Problem {
	cfg := GenConfig{
		Delegations:        4 + int(seed%9),
		Ministers:          int(seed % 3),
		Venues:             1 + int(seed%3),
		Rooms:              2 + int(seed%4),
		Days:               1 + int(seed%3),
		Requests:           15 + int(seed*3%60),
		GranularityMinutes: []int{15, 10, 30, 5}[seed%4],
	}
	p := Generate(seed, cfg)
	if seed%5 == 0 { // windows that do not start on the hour
		for i := range p.Windows {
			p.Windows[i].From = p.Windows[i].From.Add(7 * time.Minute)
		}
	}
	if seed%7 == 0 && len(p.People) > 0 { // availability in two touching pieces
		p.People[0].Available = []Interval{{at(0, 8, 0), at(0, 12, 0)}, {at(0, 12, 0), at(5, 0, 0)}}
	}
	return p
}

func TestSolvePlansPassTheChecker(t *testing.T) {
	for seed := int64(1); seed <= 50; seed++ {
		t.Run(fmt.Sprintf("seed_%d", seed), func(t *testing.T) {
			t.Parallel()
			p := variedProblem(seed)
			plan := Solve(context.Background(), p, Options{Seed: seed, MaxIterations: 1500})
			mustPass(t, p, plan)
			if plan.Stats.UpperBound < plan.Objective {
				t.Errorf("upper bound %d is below the objective %d", plan.Stats.UpperBound, plan.Objective)
			}
		})
	}
}

func TestSolveIsDeterministic(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		p := variedProblem(seed + 10)
		first := Solve(context.Background(), p, Options{Seed: seed, MaxIterations: 2000})
		second := Solve(context.Background(), p, Options{Seed: seed, MaxIterations: 2000})
		first.Stats.Seconds, second.Stats.Seconds = 0, 0
		if !reflect.DeepEqual(first, second) {
			t.Fatalf("seed %d: two runs differ", seed)
		}
	}
}

// tiny builds a one-window problem for the rule tests.
func tiny(granularity int, from, to time.Time) *Problem {
	return &Problem{
		GranularityMinutes: granularity,
		Windows:            []Interval{{from, to}},
		Venues:             []Venue{{ID: "v1"}, {ID: "v2", TravelMinutes: map[string]int{"v1": 20}}},
		Rooms: []Room{
			{ID: "r1", VenueID: "v1", Capacity: 10, InterpretationLanguages: []string{"ru", "zh"}},
			{ID: "r2", VenueID: "v2", Capacity: 10, InterpretationLanguages: []string{"ru", "en"}},
		},
		People: []Person{{ID: "p1"}, {ID: "p2"}, {ID: "p3"}, {ID: "p4"}},
	}
}

func TestSolveKeepsTheRules(t *testing.T) {
	cases := []struct {
		name  string
		setup func() *Problem
		check func(t *testing.T, plan Plan)
	}{
		{"travel_given_one_way_holds_both_ways", func() *Problem {
			p := tiny(30, at(0, 9, 0), at(0, 10, 0))
			p.Requests = []Request{
				{ID: "q1", Attendees: []string{"p1", "p2"}, DurationMinutes: 30, Priority: 3, Languages: []string{"ru", "zh"}},
				{ID: "q2", Attendees: []string{"p1", "p3"}, DurationMinutes: 30, Priority: 2, Languages: []string{"ru", "en"}},
			}
			return p
		}, func(t *testing.T, plan Plan) {
			if len(plan.Placements) != 1 || plan.Objective != 3 {
				t.Fatalf("want only q1 placed (no time to travel), got %+v", plan.Placements)
			}
		}},
		{"changeover_keeps_the_room_free", func() *Problem {
			p := tiny(30, at(0, 9, 0), at(0, 10, 0))
			p.Rooms = p.Rooms[:1]
			p.Rooms[0].ChangeoverMinutes = 15
			p.Requests = []Request{
				{ID: "q1", Attendees: []string{"p1"}, DurationMinutes: 30, Priority: 2},
				{ID: "q2", Attendees: []string{"p2"}, DurationMinutes: 30, Priority: 4},
			}
			return p
		}, func(t *testing.T, plan Plan) {
			if len(plan.Placements) != 1 || plan.Placements[0].RequestID != "q2" {
				t.Fatalf("want only q2 placed, got %+v", plan.Placements)
			}
		}},
		{"busy_room_and_person", func() *Problem {
			p := tiny(15, at(0, 9, 0), at(0, 10, 0))
			p.Rooms = p.Rooms[:1]
			p.Busy = []Busy{
				{RoomID: "r1", From: at(0, 9, 0), To: at(0, 9, 15)},
				{PersonIDs: []string{"p2"}, VenueID: "v2", From: at(0, 9, 15), To: at(0, 9, 30)},
			}
			p.Requests = []Request{{ID: "q1", Attendees: []string{"p1", "p2"}, DurationMinutes: 30, Priority: 2}}
			return p
		}, func(t *testing.T, plan Plan) {
			// 09:15 is taken by p2's busy entry and 09:30 is too soon after it
			// (20 minutes from v2), so no slot is left before 10:00.
			if len(plan.Placements) != 0 {
				t.Fatalf("want nothing placed, got %+v", plan.Placements)
			}
		}},
		{"grid_counts_from_the_window_start", func() *Problem {
			p := tiny(15, at(0, 9, 7), at(0, 9, 52))
			p.Requests = []Request{{ID: "q1", Attendees: []string{"p1"}, DurationMinutes: 30, Priority: 1, Earliest: ptr(at(0, 9, 10))}}
			return p
		}, func(t *testing.T, plan Plan) {
			if len(plan.Placements) != 1 || !plan.Placements[0].StartsAt.Equal(at(0, 9, 22)) {
				t.Fatalf("want q1 at 09:22, got %+v", plan.Placements)
			}
		}},
		{"latest_bounds_the_end", func() *Problem {
			p := tiny(15, at(0, 9, 0), at(0, 12, 0))
			p.Busy = []Busy{{PersonIDs: []string{"p1"}, From: at(0, 9, 0), To: at(0, 9, 15)}}
			p.Requests = []Request{{ID: "q1", Attendees: []string{"p1"}, DurationMinutes: 30, Priority: 1, Latest: ptr(at(0, 9, 45))}}
			return p
		}, func(t *testing.T, plan Plan) {
			if len(plan.Placements) != 1 || !plan.Placements[0].StartsAt.Equal(at(0, 9, 15)) {
				t.Fatalf("want q1 at 09:15, got %+v", plan.Placements)
			}
		}},
		{"capacity_counts_attendees", func() *Problem {
			p := tiny(15, at(0, 9, 0), at(0, 10, 0))
			p.Rooms[0].Capacity, p.Rooms[1].Capacity = 3, 4
			p.Requests = []Request{{ID: "q1", Attendees: []string{"p1", "p2", "p3", "p4"}, DurationMinutes: 30, Priority: 1, ExpectedAttendance: 2}}
			return p
		}, func(t *testing.T, plan Plan) {
			if len(plan.Placements) != 1 || plan.Placements[0].RoomID != "r2" {
				t.Fatalf("want q1 in r2 (4 seats), got %+v", plan.Placements)
			}
		}},
		{"swap_beats_greedy", func() *Problem {
			// Greedy takes the priority-3 hour; two priority-2 half hours are worth more.
			p := tiny(30, at(0, 9, 0), at(0, 10, 0))
			p.Rooms = p.Rooms[:1]
			p.Requests = []Request{
				{ID: "long", Attendees: []string{"p1"}, DurationMinutes: 60, Priority: 3},
				{ID: "a", Attendees: []string{"p2"}, DurationMinutes: 30, Priority: 2},
				{ID: "b", Attendees: []string{"p3"}, DurationMinutes: 30, Priority: 2},
			}
			return p
		}, func(t *testing.T, plan Plan) {
			if plan.Objective != 4 || plan.Stats.UpperBound != 4 {
				t.Fatalf("want objective and bound 4, got %d and %d", plan.Objective, plan.Stats.UpperBound)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.setup()
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 2000})
			mustPass(t, p, plan)
			c.check(t, plan)
		})
	}
}

func TestUnplacedReasons(t *testing.T) {
	p := tiny(15, at(0, 9, 0), at(0, 11, 0))
	p.People = append(p.People,
		Person{ID: "early", Available: []Interval{{at(0, 9, 0), at(0, 9, 40)}}},
		Person{ID: "late", Available: []Interval{{at(0, 10, 0), at(0, 11, 0)}}},
		Person{ID: "away", Available: []Interval{{at(1, 9, 0), at(1, 11, 0)}}},
		Person{ID: "host"}, Person{ID: "guest"})
	p.Busy = []Busy{{PersonIDs: []string{"p4"}, From: at(0, 9, 0), To: at(0, 11, 0)}}
	p.Requests = []Request{
		{ID: "booths", Attendees: []string{"p1", "p2"}, DurationMinutes: 30, Priority: 5, Languages: []string{"kk", "fa"}},
		{ID: "seats", Attendees: []string{"p1"}, DurationMinutes: 30, Priority: 5, ExpectedAttendance: 50},
		{ID: "apart", Attendees: []string{"early", "late"}, DurationMinutes: 30, Priority: 5},
		{ID: "away", Attendees: []string{"p1", "away"}, DurationMinutes: 30, Priority: 5},
		{ID: "short", Attendees: []string{"p1"}, DurationMinutes: 30, Priority: 5, Earliest: ptr(at(0, 12, 0))},
		{ID: "booked", Attendees: []string{"p4", "p3"}, DurationMinutes: 30, Priority: 5},
		{ID: "vip", Attendees: []string{"host", "guest"}, DurationMinutes: 120, Priority: 5},
		{ID: "minor", Attendees: []string{"host", "guest"}, DurationMinutes: 60, Priority: 1},
	}
	plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 2000})
	mustPass(t, p, plan)
	want := map[string]string{
		"booths": "no room with kk and fa interpretation and 2 seats",
		"seats":  "no room with 50 seats",
		"apart":  "no common free time for early and late within their availability",
		"away":   "no free time for away within their availability",
		"short":  "no 30-minute slot",
		"booked": "fixed commitments of p4 and p3",
		"minor":  "host and guest have other meetings",
	}
	reasons := map[string]string{}
	for _, u := range plan.Unplaced {
		reasons[u.RequestID] = u.Reason
	}
	for id, fragment := range want {
		if !strings.Contains(reasons[id], fragment) {
			t.Errorf("%s: reason %q does not contain %q", id, reasons[id], fragment)
		}
	}
	if _, ok := reasons["vip"]; ok {
		t.Errorf("vip should be placed, reason %q", reasons["vip"])
	}
}

func TestUnplacedReasonForRoomsTaken(t *testing.T) {
	p := tiny(30, at(0, 9, 0), at(0, 10, 0))
	p.Rooms = p.Rooms[:1]
	p.Requests = []Request{
		{ID: "big", Attendees: []string{"p1"}, DurationMinutes: 60, Priority: 5},
		{ID: "small", Attendees: []string{"p2"}, DurationMinutes: 30, Priority: 1},
	}
	plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 2000})
	mustPass(t, p, plan)
	if len(plan.Unplaced) != 1 || !strings.Contains(plan.Unplaced[0].Reason, "all fitting rooms are taken at every common free time of p2") {
		t.Fatalf("unplaced = %+v", plan.Unplaced)
	}
}

func TestSolveRespectsTimeLimit(t *testing.T) {
	p := Generate(7, largeBench)
	began := time.Now()
	plan := Solve(context.Background(), p, Options{TimeLimit: 200 * time.Millisecond, Seed: 1})
	elapsed := time.Since(began)
	if elapsed > 1500*time.Millisecond {
		t.Fatalf("took %s with a 200ms limit", elapsed)
	}
	if !plan.Stats.TimeLimitHit {
		t.Errorf("stats do not say the limit was hit")
	}
	if len(plan.Placements)+len(plan.Unplaced) != len(p.Requests) {
		t.Fatalf("%d placed + %d unplaced != %d requests", len(plan.Placements), len(plan.Unplaced), len(p.Requests))
	}
	mustPass(t, p, plan)
	t.Logf("placed %d of %d in %s", len(plan.Placements), len(p.Requests), elapsed)
}

func TestSolveStopsWhenTheContextIsDone(t *testing.T) {
	p := variedProblem(4)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	plan := Solve(ctx, p, Options{Seed: 1, MaxIterations: 2000})
	mustPass(t, p, plan)
	if !plan.Stats.TimeLimitHit {
		t.Errorf("stats do not say the search was cut short")
	}
}

func TestProgress(t *testing.T) {
	p := variedProblem(6)
	var calls [][2]int
	plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 3000, Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}})
	mustPass(t, p, plan)
	if len(calls) < 3 {
		t.Fatalf("only %d progress calls", len(calls))
	}
	for i, c := range calls {
		if c[0] > c[1] || (i > 0 && (c[0] < calls[i-1][0] || c[1] != calls[i-1][1])) {
			t.Fatalf("progress goes backwards or past its total: %v", calls)
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] {
		t.Fatalf("last progress call %v is not complete", last)
	}
}

func TestSolveInvalidProblem(t *testing.T) {
	p := validProblem()
	p.Requests[0].Priority = 9
	plan := Solve(context.Background(), p, Options{})
	if len(plan.Placements) != 0 || len(plan.Unplaced) != 2 || !strings.Contains(plan.Unplaced[0].Reason, "invalid problem: requests[0] (q1): priority") {
		t.Fatalf("plan = %+v", plan)
	}
}

func TestPlanJSON(t *testing.T) {
	p := validProblem()
	plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 2000})
	mustPass(t, p, plan)
	data, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, key := range []string{`"placements":[{"request_id":`, `"room_id":`, `"starts_at":"2024-07-03T`, `Z","ends_at":`, `"unplaced":[`, `"objective":8`, `"upper_bound":`} {
		if !strings.Contains(text, key) {
			t.Errorf("plan JSON lacks %s: %s", key, text)
		}
	}
}
