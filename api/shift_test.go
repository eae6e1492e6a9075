package api

import (
	"encoding/json"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"summit/domain"
	"summit/repository/dbtest"
)

// TestShiftMeetings runs "running late" (POST /meetings/shift) through the
// whole stack on both databases: what moves and what stays, knock-on
// conflicts that change nothing, allow, a venue, a dry run, bad input and access.
func TestShiftMeetings(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			early := p.book(p.meeting("Early", p.hall.ID, at(9, 0), at(9, 30), p.kaz.ID))
			a := p.book(p.meeting("A", p.hall.ID, at(10, 0), at(10, 30), p.kaz.ID))
			b := p.book(p.meeting("B", p.hall.ID, at(11, 0), at(11, 30), p.chn.ID))
			cancelled := p.meeting("Cancelled", p.hall.ID, at(12, 0), at(12, 30))
			cancelled["status"] = "cancelled"
			gone := p.book(cancelled)
			small := p.book(p.meeting("Small", p.small.ID, at(10, 0), at(10, 30)))
			yesterday := p.book(p.meeting("Yesterday", p.hall.ID, at(10, 0).Add(-24*time.Hour), at(10, 30).Add(-24*time.Hour), p.kaz.ID))
			akorda := p.book(p.meeting("At Akorda", p.oval.ID, at(11, 40), at(12, 10), p.kaz.ID)) // 15 minutes' drive from the Palace

			shift := func(body map[string]any) *httptest.ResponseRecorder {
				return p.call("POST", "/api/v1/meetings/shift", p.organiser, body)
			}
			moved := func(rec *httptest.ResponseRecorder) []meetingResponse {
				t.Helper()
				if rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				return decode[struct{ Moved []meetingResponse }](t, rec).Moved
			}
			get := func(m meetingResponse) meetingResponse {
				return decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+m.ID, p.organiser, nil))
			}
			audits := func(m meetingResponse) (updates int) { // each one a meeting.updated event
				for _, e := range decode[list[auditResponse]](t, p.call("GET", "/api/v1/audit?limit=500&entity_id="+m.ID, p.organiser, nil)).Items {
					if e.Action == "update" {
						updates++
					}
				}
				return updates
			}
			unchanged := func(ms ...meetingResponse) {
				t.Helper()
				for _, m := range ms {
					if now := get(m); now.Version != m.Version || !now.StartsAt.Equal(m.StartsAt) || !now.EndsAt.Equal(m.EndsAt) {
						t.Fatalf("%s changed: %+v", m.Title, now)
					}
				}
			}

			// A 15-minute delay in the Hall from 10:00 moves A and B only.
			got := moved(shift(map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 15}))
			if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID ||
				!got[0].StartsAt.Equal(at(10, 15)) || !got[0].EndsAt.Equal(at(10, 45)) || !got[1].StartsAt.Equal(at(11, 15)) ||
				got[0].Version != a.Version+1 || got[1].Version != b.Version+1 {
				t.Fatalf("moved %+v", got)
			}
			unchanged(early, gone, small, yesterday, akorda)
			a, b = get(a), get(b)
			if n := audits(a); n != 1 {
				t.Fatalf("A has %d update entries", n)
			}

			// 45 minutes more takes A's president to Akorda with 10 minutes to spare: travel_time, nothing moves.
			later := map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 45}
			pr := assertProblem(t, shift(later), 409)
			if conflictRules(t, pr) != domain.RuleTravelTime || pr.Conflicts[0].MeetingID != akorda.ID {
				t.Fatalf("conflicts %+v", pr.Conflicts)
			}
			unchanged(a, b, akorda)
			pr = assertProblem(t, shift(map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 60, "allow": []string{domain.RuleTravelTime}}), 409)
			if conflictRules(t, pr) != domain.RuleMemberOverlap || pr.Conflicts[0].MeetingID != akorda.ID {
				t.Fatalf("conflicts %+v", pr.Conflicts)
			}
			unchanged(a, b, akorda)

			// Allowed, a dry run answers as the move does and writes nothing.
			later["allow"], later["dry_run"] = []string{domain.RuleTravelTime}, true
			dry := moved(shift(later))
			unchanged(a, b)
			if n := audits(a); n != 1 {
				t.Fatalf("A has %d update entries after the dry run", n)
			}
			delete(later, "dry_run")
			done := moved(shift(later))
			for i := range done {
				dry[i].CreatedAt, dry[i].UpdatedAt, done[i].CreatedAt, done[i].UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			}
			if len(done) != 2 || !slices.EqualFunc(dry, done, func(x, y meetingResponse) bool { return jsonOf(t, x) == jsonOf(t, y) }) {
				t.Fatalf("dry run %+v, move %+v", dry, done)
			}
			if !done[0].StartsAt.Equal(at(11, 0)) || !slices.Contains(done[0].Allow, domain.RuleTravelTime) || done[0].Version != a.Version+1 {
				t.Fatalf("moved %+v", done)
			}
			if n := audits(a); n != 2 {
				t.Fatalf("A has %d update entries", n)
			}

			// 15 minutes earlier across the Palace moves the Small room's meeting too.
			got = moved(shift(map[string]any{"venue_id": p.palace.ID, "from": at(10, 0), "minutes": -15}))
			if len(got) != 3 || got[0].ID != small.ID || !got[0].StartsAt.Equal(at(9, 45)) || got[1].ID != a.ID || !got[1].StartsAt.Equal(at(10, 45)) ||
				got[2].ID != b.ID || !got[2].StartsAt.Equal(at(11, 45)) {
				t.Fatalf("moved %+v", got)
			}
			unchanged(early, gone, yesterday, akorda)

			// Nothing to move is no error.
			if got := moved(shift(map[string]any{"room_id": p.small.ID, "from": at(20, 0), "minutes": 15})); len(got) != 0 {
				t.Fatalf("moved %+v", got)
			}

			for _, c := range []struct {
				name, field string
				body        map[string]any
			}{
				{"neither room nor venue", "room_id", map[string]any{"from": at(10, 0), "minutes": 15}},
				{"both room and venue", "room_id", map[string]any{"room_id": p.hall.ID, "venue_id": p.palace.ID, "from": at(10, 0), "minutes": 15}},
				{"unknown room", "room_id", map[string]any{"room_id": "nope", "from": at(10, 0), "minutes": 15}},
				{"unknown venue", "venue_id", map[string]any{"venue_id": "nope", "from": at(10, 0), "minutes": 15}},
				{"no minutes", "minutes", map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 0}},
				{"more than a day", "minutes", map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 1441}},
				{"into another day", "minutes", map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 780}},
				{"no from", "from", map[string]any{"room_id": p.hall.ID, "minutes": 15}},
				{"a hard-to-read from", "from", map[string]any{"room_id": p.hall.ID, "from": "10 o'clock", "minutes": 15}},
				{"a rule never overridden", "allow", map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 15, "allow": []string{"member_overlap"}}},
			} {
				pr := assertProblem(t, shift(c.body), 422)
				if len(pr.Errors) == 0 || pr.Errors[0].Field != c.field {
					t.Errorf("%s: errors %+v", c.name, pr.Errors)
				}
			}
			unchanged(get(a), get(b), get(small))
			assertProblem(t, p.call("POST", "/api/v1/meetings/shift", p.token("delegate"), map[string]any{"room_id": p.hall.ID, "from": at(10, 0), "minutes": 15}), 403)
		})
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
