package domain

import (
	"strings"
	"testing"
	"time"
)

// at is 3 July 2024 (day 3) or 4 July (day 4) at hh:mm in Astana (UTC+5), as UTC.
func at(day int, hhmm string) time.Time { return astanaAt(day, hhmm) }

func held(id, venue, kind string, day int, from, to string) Booking {
	return Booking{MeetingID: id, VenueID: venue, Kind: kind, StartsAt: at(day, from), EndsAt: at(day, to)}
}

// says writes movements as "from>to depart-arrive meeting" lines in Astana time.
func says(mvs []Movement) string {
	var lines []string
	for _, m := range mvs {
		line := m.Date + " " + m.FromVenueID + ">" + m.ToVenueID + " " + m.DepartAt.In(astanaZone).Format("15:04") + "-" +
			m.ArriveAt.In(astanaZone).Format("15:04") + " " + m.MeetingID
		if m.Return {
			line += " back"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func TestDeriveMovements(t *testing.T) {
	travel := TravelTimes{{"hotel", "palace"}: 12, {"hotel", "akorda"}: 10, {"palace", "akorda"}: 10,
		{"airport", "akorda"}: 25, {"airport", "palace"}: 25, {"airport", "hotel"}: 25}
	both := []string{"2024-07-03", "2024-07-04"}
	tests := []struct {
		name     string
		hotel    string
		days     []string
		meetings []Booking
		want     string
		gaps     int
	}{
		{name: "hotel to a venue and back", hotel: "hotel", days: both,
			meetings: []Booking{held("talks", "akorda", "bilateral", 3, "12:00", "13:00")},
			want:     "2024-07-03 hotel>akorda 11:40-11:50 talks\n2024-07-03 akorda>hotel 13:00-13:10 talks back"},
		{name: "between venues, not within one", hotel: "hotel", days: both,
			meetings: []Booking{
				held("lunch", "palace", "meal", 4, "13:00", "14:00"),
				held("session", "palace", "plenary", 4, "09:00", "12:00"),
				held("talks", "akorda", "bilateral", 4, "15:00", "15:30"),
			},
			want: "2024-07-04 hotel>palace 08:38-08:50 session\n2024-07-04 palace>akorda 14:40-14:50 talks\n" +
				"2024-07-04 akorda>hotel 15:30-15:40 talks back"},
		{name: "same venue all day: there and back only", hotel: "hotel", days: both,
			meetings: []Booking{
				held("a", "palace", "plenary", 4, "09:00", "10:00"),
				held("b", "palace", "plenary", 4, "10:30", "11:00"),
			},
			want: "2024-07-04 hotel>palace 08:38-08:50 a\n2024-07-04 palace>hotel 11:00-11:12 b back"},
		{name: "arrival day starts at the airport", hotel: "hotel", days: both,
			meetings: []Booking{
				held("arrive", "airport", "arrival", 3, "09:30", "09:45"),
				held("talks", "akorda", "bilateral", 3, "12:00", "13:15"),
				held("reception", "palace", "meal", 3, "19:30", "21:30"),
			},
			want: "2024-07-03 airport>akorda 11:25-11:50 talks\n2024-07-03 akorda>palace 19:10-19:20 reception\n" +
				"2024-07-03 palace>hotel 21:30-21:42 reception back"},
		{name: "departure day ends at the airport", hotel: "hotel", days: both,
			meetings: []Booking{
				held("session", "palace", "plenary", 4, "09:00", "12:00"),
				held("leave", "airport", "departure", 4, "17:15", "17:25"),
				held("after", "akorda", "bilateral", 4, "18:00", "18:30"),
			},
			want: "2024-07-04 hotel>palace 08:38-08:50 session\n2024-07-04 palace>airport 16:40-17:05 leave"},
		{name: "a day with no meetings has no movements", hotel: "hotel", days: []string{"2024-07-05"},
			meetings: []Booking{held("talks", "akorda", "bilateral", 3, "12:00", "13:00")}},
		{name: "only the days asked for", hotel: "hotel", days: []string{"2024-07-04"},
			meetings: []Booking{
				held("talks", "akorda", "bilateral", 3, "12:00", "13:00"),
				held("session", "palace", "plenary", 4, "09:00", "12:00"),
			},
			want: "2024-07-04 hotel>palace 08:38-08:50 session\n2024-07-04 palace>hotel 12:00-12:12 session back"},
		{name: "no hotel: the day starts and ends at meetings", days: both,
			meetings: []Booking{
				held("talks", "akorda", "bilateral", 3, "12:00", "13:00"),
				held("reception", "palace", "meal", 3, "19:30", "21:30"),
			},
			want: "2024-07-03 akorda>palace 19:10-19:20 reception"},
		{name: "a meeting without a room moves nobody", hotel: "hotel", days: both,
			meetings: []Booking{held("call", "", "hold", 3, "12:00", "13:00")}},
		{name: "a meeting ending after the next one's departure is a gap", hotel: "hotel", days: both,
			meetings: []Booking{
				held("signing", "palace", "ceremony", 4, "16:15", "16:45"),
				held("leave", "airport", "departure", 4, "17:15", "17:25"),
			},
			want: "2024-07-04 hotel>palace 15:53-16:05 signing\n2024-07-04 palace>airport 16:40-17:05 leave", gaps: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := MovementInput{DelegationID: "d", HotelVenueID: tc.hotel, Meetings: tc.meetings, Travel: travel,
				ArrivalBuffer: 10 * time.Minute, Location: astanaZone, Days: tc.days, VehicleIDs: []string{"car"}}
			mvs := DeriveMovements(in)
			if got := says(mvs); got != tc.want {
				t.Errorf("movements:\n%s\nwant:\n%s", got, tc.want)
			}
			w := transportWorld{loc: astanaZone}
			gaps := 0
			for _, p := range w.movementProblems(mvs) {
				if p.Rule == RuleMovementGap {
					gaps++
				}
			}
			if gaps != tc.gaps {
				t.Errorf("%d movement gaps, want %d", gaps, tc.gaps)
			}
		})
	}
}

func TestVehicleOverlap(t *testing.T) {
	mv := func(del, meeting string, from, to string, vehicles ...string) Movement {
		return Movement{DelegationID: del, MeetingID: meeting, DepartAt: at(3, from), ArriveAt: at(3, to), VehicleIDs: vehicles}
	}
	w := transportWorld{loc: astanaZone, vehicles: map[string]Vehicle{"car": {Plate: "101 SCO 01"}},
		delegations: []Delegation{{ID: "CHN", Name: "China"}, {ID: "RUS", Name: "Russia"}}}
	tests := []struct {
		name string
		mvs  []Movement
		want int
	}{
		{"one car, two delegations at once", []Movement{mv("CHN", "m1", "11:25", "11:50", "car"), mv("RUS", "m2", "11:40", "12:00", "car")}, 2},
		{"one car, one after the other", []Movement{mv("CHN", "m1", "11:25", "11:50", "car"), mv("RUS", "m2", "11:50", "12:10", "car")}, 0},
		{"one delegation's own movements", []Movement{mv("CHN", "m1", "11:25", "11:50", "car"), mv("CHN", "m2", "11:30", "11:55", "car")}, 0},
		{"different cars", []Movement{mv("CHN", "m1", "11:25", "11:50", "car"), mv("RUS", "m2", "11:30", "11:55", "van")}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := w.movementProblems(tc.mvs)
			if len(ps) != tc.want {
				t.Fatalf("%d problems, want %d: %+v", len(ps), tc.want, ps)
			}
			if tc.want > 0 && (ps[0].Rule != RuleVehicleOverlap || !strings.Contains(ps[0].Message, "101 SCO 01") ||
				ps[0].OtherID != "m2" || ps[1].OtherID != "m1") {
				t.Errorf("problems %+v", ps)
			}
		})
	}
}
