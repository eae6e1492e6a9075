package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository/dbtest"
)

// putRest sets the summit's rest minutes and daily cap on the planning
// summit at version, and returns the answer.
func (p *planning) putRest(version string, settings map[string]any) summitResponse {
	p.t.Helper()
	body := map[string]any{"name": "SCO", "city": "Astana", "timezone": "Asia/Almaty",
		"starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00"}
	for k, v := range settings {
		body[k] = v
	}
	rec := p.call("PUT", "/api/v1/summit", p.organiser, body, "If-Match", `"`+version+`"`)
	if rec.Code != 200 {
		p.t.Fatalf("PUT /summit %v: %d %s", settings, rec.Code, rec.Body)
	}
	return decode[summitResponse](p.t, rec)
}

// auditAfter returns the after of a meeting's latest audit entry.
func (p *planning) auditAfter(id string) string {
	p.t.Helper()
	entries, _, err := p.store.ListAudit(context.Background(), domain.AuditFilter{EntityType: "meeting", EntityID: id}, domain.Page{})
	if err != nil || len(entries) == 0 {
		p.t.Fatalf("audit of %s: %v %+v", id, err, entries)
	}
	return string(entries[len(entries)-1].After)
}

// TestRestTimeAndDailyLimitOverHTTP: the summit's rest_minutes and
// max_bilaterals_per_day are settings of PUT /summit, and the rules
// rest_time and daily_limit they turn on answer 409, are overridden with
// allow and are audited, on both databases.
func TestRestTimeAndDailyLimitOverHTTP(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			kaz, chn := p.kaz.ID, p.chn.ID

			s := p.putRest("1", map[string]any{"rest_minutes": 15, "max_bilaterals_per_day": 2})
			if s.RestMinutes != 15 || s.MaxBilateralsPerDay != 2 || s.Version != 2 {
				t.Fatalf("PUT answered %+v", s)
			}
			if got := decode[summitResponse](t, p.call("GET", "/api/v1/summit", p.organiser, nil)); got.RestMinutes != 15 || got.MaxBilateralsPerDay != 2 {
				t.Fatalf("GET answered %+v", got)
			}
			for field, value := range map[string]int{"rest_minutes": 241, "max_bilaterals_per_day": -1} {
				rec := p.call("PUT", "/api/v1/summit", p.organiser, map[string]any{"name": "SCO", "city": "Astana", "timezone": "Asia/Almaty",
					"starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00", field: value}, "If-Match", `"2"`)
				if pr := assertProblem(t, rec, 422); len(pr.Errors) != 1 || pr.Errors[0].Field != field {
					t.Fatalf("%s=%d: %+v", field, value, pr.Errors)
				}
			}
			if s := p.putRest("2", nil); s.RestMinutes != 0 || s.MaxBilateralsPerDay != 0 {
				t.Fatalf("absent settings are 0: %+v", s)
			}
			p.putRest("3", map[string]any{"rest_minutes": 15, "max_bilaterals_per_day": 2})

			talks := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), kaz))
			t.Run("rest_time_is_409_and_allowed", func(t *testing.T) {
				body := p.meeting("Soon after", p.oval.ID, at(11, 5), at(11, 30), kaz)
				pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body), 409)
				if conflictRules(t, pr) != "rest_time" || pr.Conflicts[0].MeetingID != talks.ID || pr.Conflicts[0].MemberID != p.kazHead.ID ||
					!strings.Contains(pr.Conflicts[0].Message, "only 5 minutes after “Talks”") {
					t.Fatalf("%+v", pr.Conflicts)
				}
				res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, body))
				if conflictRules(t, Problem{Conflicts: res.Conflicts}) != "rest_time" {
					t.Fatalf("check %+v", res)
				}
				body["allow"] = []string{"rest_time"}
				res = decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, body))
				if len(res.Conflicts) != 0 || conflictRules(t, Problem{Conflicts: res.Warnings}) != "rest_time" {
					t.Fatalf("check with allow %+v", res)
				}
				m := p.book(body)
				if after := p.auditAfter(m.ID); !strings.Contains(after, `"allow_used":["rest_time"]`) {
					t.Fatalf("audit %s", after)
				}
				p.book(p.meeting("Rested", p.small.ID, at(11, 45), at(12, 0), chn)) // the KAZ head is not in it
			})
			t.Run("a_cancelled_neighbour_leaves_no_rest_to_keep", func(t *testing.T) {
				press := p.meeting("Before", p.hall.ID, at(13, 0), at(13, 30), chn)
				press["kind"] = "press"
				before := p.book(press)
				body := p.meeting("After", p.small.ID, at(13, 40), at(14, 0), chn)
				body["kind"] = "press"
				if res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, body)); conflictRules(t, Problem{Conflicts: res.Conflicts}) != "rest_time" {
					t.Fatalf("%+v", res)
				}
				if rec := p.call("PATCH", "/api/v1/meetings/"+before.ID, p.organiser, map[string]any{"status": "cancelled"}, "If-Match", `"1"`); rec.Code != 200 {
					t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
				}
				if res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, body)); len(res.Conflicts) != 0 {
					t.Fatalf("%+v", res)
				}
			})
			t.Run("daily_limit_is_409_and_allowed", func(t *testing.T) {
				// The KAZ head has two bilaterals on 4 July (Talks, Soon after).
				plenary := p.meeting("Plenary", p.hall.ID, at(15, 0), at(15, 30), kaz)
				plenary["kind"] = "plenary"
				p.book(plenary)
				other := time.Date(2024, 7, 3, 15, 0, 0, 0, astana)
				p.book(p.meeting("The day before", p.oval.ID, other, other.Add(30*time.Minute), kaz))
				body := p.meeting("Third", p.oval.ID, at(17, 0), at(17, 30), kaz)
				pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body), 409)
				if conflictRules(t, pr) != "daily_limit" || pr.Conflicts[0].MemberID != p.kazHead.ID ||
					!strings.Contains(pr.Conflicts[0].Message, "already has 2 bilaterals on 4 July; the summit allows 2 a day") {
					t.Fatalf("%+v", pr.Conflicts)
				}
				// A member who is not the head is not counted.
				minister := p.meeting("Ministers", p.oval.ID, at(17, 0), at(17, 30))
				minister["participants"] = []map[string]any{{"delegation_id": kaz, "member_ids": []string{p.kazMin.ID}}}
				if res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, minister)); len(res.Conflicts) != 0 {
					t.Fatalf("minister %+v", res)
				}
				body["allow"] = []string{"daily_limit"}
				m := p.book(body)
				if after := p.auditAfter(m.ID); !strings.Contains(after, `"allow_used":["daily_limit"]`) {
					t.Fatalf("audit %s", after)
				}
			})
		})
	}
}

// TestCheckSuggestionsKeepRest: a blocked dry run suggests no time that
// would break rest_time.
func TestCheckSuggestionsKeepRest(t *testing.T) {
	p := newPlanning(t, "")
	p.putRest("1", map[string]any{"rest_minutes": 30})
	p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))
	res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, p.meeting("Press", p.oval.ID, at(10, 30), at(11, 0), p.kaz.ID)))
	// 11:00, 11:15, 09:30 and 09:15 are free of the room but leave under 30 minutes of rest.
	want := []time.Time{at(11, 30), at(11, 45), at(9, 0)}
	if len(res.Suggestions) != len(want) {
		t.Fatalf("suggestions %+v", res.Suggestions)
	}
	for i, s := range res.Suggestions {
		if !s.StartsAt.Equal(want[i]) {
			t.Fatalf("suggestion %d: %v, want %v", i, s.StartsAt, want[i])
		}
	}
}
