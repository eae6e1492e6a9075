package api

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository/dbtest"
)

// problemsList is GET /problems' answer.
type problemsList struct {
	Items []problemResponse `json:"items"`
}

// impactAnswer is the impact part of a change's answer.
type impactAnswer struct {
	Version int          `json:"version"`
	Impact  []impactBody `json:"impact"`
}

// TestProblems keeps the programme consistent through the whole stack on
// both databases (CONTRACT section 10): each kind of change makes and mends
// problems, answers its impact (a dry run the same, writing nothing), tells
// a delegate only of what it may see, and the list kept change by change is
// the list worked out from scratch.
func TestProblems(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			problems := func() []problemResponse {
				t.Helper()
				rec := p.call("GET", "/api/v1/problems", p.organiser, nil)
				if rec.Code != 200 {
					t.Fatalf("GET /problems: %d %s", rec.Code, rec.Body)
				}
				// The transport problems, worked out on each read from the movements, are
				// TestTransportOverHTTP's: here the rules of section 5 kept change by change.
				return slices.DeleteFunc(decode[problemsList](t, rec).Items, func(p problemResponse) bool {
					return p.Rule == domain.RuleVehicleOverlap || p.Rule == domain.RuleMovementGap
				})
			}
			rules := func(list []problemResponse) string {
				var out []string
				for _, x := range list {
					out = append(out, x.Title+":"+x.Rule)
				}
				return strings.Join(out, ",")
			}
			change := func(method, path, token string, body any) impactAnswer {
				t.Helper()
				rec := p.call(method, path, token, body)
				if rec.Code != 200 {
					t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
				}
				return decode[impactAnswer](t, rec)
			}
			impactOf := func(a impactAnswer) string {
				var out []string
				for _, x := range a.Impact {
					out = append(out, x.Title+":"+x.Rule)
				}
				return strings.Join(out, ",")
			}
			auditCount := func() int {
				return len(decode[list[auditResponse]](t, p.call("GET", "/api/v1/audit?limit=500", p.organiser, nil)).Items)
			}
			// Kazakhstan and China meet on 4 July at 10:00 and 14:00; China alone at 12:00.
			talks := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
			lunch := p.book(p.meeting("Lunch", p.hall.ID, at(12, 0), at(13, 0), p.chn.ID))
			secret := p.meeting("Secret", p.small.ID, at(14, 0), at(14, 30), p.kaz.ID, p.chn.ID)
			secret["visibility"] = "organisers"
			hidden := p.book(secret)
			if got := problems(); len(got) != 0 {
				t.Fatalf("a consistent programme has problems: %+v", got)
			}

			// Delegates may not read the list.
			assertProblem(t, p.call("GET", "/api/v1/problems", p.token("delegate_chn"), nil), 403)

			// China's arrival moves to 11:30: a dry run tells, writes nothing.
			arrival := map[string]any{"arrival_at": at(11, 30)}
			before := auditCount()
			dry := change("PATCH", "/api/v1/delegations/"+p.chn.ID+"?dry_run=1", p.organiser, arrival)
			if impactOf(dry) != "Talks:delegation_presence" || dry.Impact[0].MeetingID != talks.ID ||
				!strings.Contains(dry.Impact[0].Message, "arrives on 4 July at 11:30") {
				t.Fatalf("dry run impact %+v", dry.Impact)
			}
			chn := decode[delegationResponse](t, p.call("GET", "/api/v1/delegations/"+p.chn.ID, p.organiser, nil))
			if chn.Version != dry.Version-1 || auditCount() != before || len(problems()) != 0 {
				t.Fatalf("the dry run wrote: version %d (answered %d), audit %d → %d, problems %v", chn.Version, dry.Version, before, auditCount(), problems())
			}

			// Done by China's delegate: the same impact, less the meeting hidden from it.
			late := map[string]any{"arrival_at": at(14, 15)}
			byDelegate := change("PATCH", "/api/v1/delegations/"+p.chn.ID+"?dry_run=1", p.token("delegate_chn"), late)
			byOrganiser := change("PATCH", "/api/v1/delegations/"+p.chn.ID+"?dry_run=1", p.organiser, late)
			if impactOf(byOrganiser) != "Talks:delegation_presence,Lunch:delegation_presence,Secret:delegation_presence" ||
				impactOf(byDelegate) != "Talks:delegation_presence,Lunch:delegation_presence" {
				t.Fatalf("impact: organiser %s, delegate %s", impactOf(byOrganiser), impactOf(byDelegate))
			}
			done := change("PATCH", "/api/v1/delegations/"+p.chn.ID, p.token("delegate_chn"), arrival)
			if impactOf(done) != "Talks:delegation_presence" {
				t.Fatalf("impact %+v", done.Impact)
			}
			got := problems()
			if rules(got) != "Talks:delegation_presence" || got[0].DelegationID != p.chn.ID ||
				!slices.Equal(got[0].DelegationIDs, []string{p.chn.ID, p.kaz.ID}) && !slices.Equal(got[0].DelegationIDs, []string{p.kaz.ID, p.chn.ID}) {
				t.Fatalf("problems %+v", got)
			}
			// The change is announced to organisers only.
			events, _, err := p.s.svc.Events.After(context.Background(), 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			announced := 0
			for _, ev := range events {
				if ev.Type == "problems.changed" {
					announced++
					if ev.VisibleTo(domain.Actor{UserID: p.users["delegate_chn"].ID, Role: domain.RoleDelegate, DelegationID: p.chn.ID}) {
						t.Fatal("a delegate would learn of problems.changed")
					}
				}
			}
			if announced != 1 {
				t.Fatalf("%d problems.changed events, want 1", announced)
			}

			// Moving the meeting after the arrival mends it.
			talks = decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+talks.ID, p.organiser, nil))
			rec := p.call("PATCH", "/api/v1/meetings/"+talks.ID, p.organiser, map[string]any{"starts_at": at(15, 0), "ends_at": at(16, 0)},
				"If-Match", fmt.Sprintf(`"%d"`, talks.Version))
			if rec.Code != 200 {
				t.Fatalf("move: %d %s", rec.Code, rec.Body)
			}
			if got := problems(); len(got) != 0 {
				t.Fatalf("still %+v", got)
			}

			// A room that shrinks: room_capacity for its meetings.
			hall := decode[roomResponse](t, p.call("GET", "/api/v1/rooms/"+p.hall.ID, p.organiser, nil))
			lunchBody := map[string]any{"expected_attendance": 40}
			lunch = decode[meetingResponse](t, p.call("PATCH", "/api/v1/meetings/"+lunch.ID, p.organiser, lunchBody, "If-Match", fmt.Sprintf(`"%d"`, lunch.Version)))
			shrunk := change("PATCH", "/api/v1/rooms/"+hall.ID, p.organiser, map[string]any{"capacity": 30})
			if impactOf(shrunk) != "Lunch:room_capacity" || rules(problems()) != "Lunch:room_capacity" {
				t.Fatalf("impact %s, problems %s", impactOf(shrunk), rules(problems()))
			}
			change("PATCH", "/api/v1/rooms/"+hall.ID, p.organiser, map[string]any{"capacity": 100})

			// A longer drive: travel_time between the Palace (lunch till 13:00) and Akorda.
			meet := p.book(p.meeting("At Akorda", p.oval.ID, at(13, 20), at(13, 30), p.chn.ID))
			slower := change("PATCH", "/api/v1/venues/"+p.palace.ID, p.organiser, map[string]any{"travel_minutes": map[string]int{p.akorda.ID: 30}})
			if impactOf(slower) != "Lunch:travel_time,At Akorda:travel_time" || rules(problems()) != "Lunch:travel_time,At Akorda:travel_time" {
				t.Fatalf("impact %s, problems %s", impactOf(slower), rules(problems()))
			}
			// Cancelling one mends both.
			meet = decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+meet.ID, p.organiser, nil))
			if rec := p.call("PATCH", "/api/v1/meetings/"+meet.ID, p.organiser, map[string]any{"status": "cancelled"}, "If-Match", fmt.Sprintf(`"%d"`, meet.Version)); rec.Code != 200 {
				t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
			}
			if got := problems(); len(got) != 0 {
				t.Fatalf("after cancelling: %s", rules(got))
			}

			// The summit's settings: a rest of 60 minutes and shorter dates.
			summit := decode[summitResponse](t, p.call("GET", "/api/v1/summit", p.organiser, nil))
			settings := map[string]any{"name": summit.Name, "city": summit.City, "timezone": summit.Timezone, "starts_on": "2024-07-03",
				"ends_on": "2024-07-03", "day_starts": summit.DayStarts, "day_ends": summit.DayEnds, "rest_minutes": 60}
			put := change("PUT", "/api/v1/summit", p.organiser, settings)
			// Both heads go from Secret (Palace, till 14:30) to Talks (Akorda, 15:00): 30 minutes for 60 of rest and 15 of travel.
			want := "Lunch:outside_summit,Secret:outside_summit,Secret:rest_time,Secret:rest_time,Talks:outside_summit,Talks:rest_time,Talks:rest_time"
			if impactOf(put) != want {
				t.Fatalf("summit impact %s, want %s", impactOf(put), want)
			}
			if len(problems()) != 7 {
				t.Fatalf("problems %s", rules(problems()))
			}

			// What was kept change by change is what a rebuild works out.
			kept := problems()
			ctx := context.Background()
			stored, err := p.store.ProblemsOf(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := p.store.ChangeProblems(ctx, nil, stored); err != nil {
				t.Fatal(err)
			}
			if len(problems()) != 0 {
				t.Fatal("problems not cleared")
			}
			if err := p.s.svc.Problems.Rebuild(ctx, domain.Actor{UserID: p.users["organiser"].ID, Role: domain.RoleOrganiser}); err != nil {
				t.Fatal(err)
			}
			if rebuilt := problems(); rules(rebuilt) != rules(kept) || rebuilt[0].Message != kept[0].Message {
				t.Fatalf("kept %s, rebuilt %s", rules(kept), rules(rebuilt))
			}

			// Deleting a meeting takes its problems with it, announced like any other change.
			changes := func() (n int) {
				events, _, err := p.s.svc.Events.After(ctx, 0, 1000)
				if err != nil {
					t.Fatal(err)
				}
				for _, ev := range events {
					if ev.Type == "problems.changed" {
						n++
					}
				}
				return n
			}
			was := changes()
			hidden = decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+hidden.ID, p.organiser, nil))
			if rec := p.call("DELETE", "/api/v1/meetings/"+hidden.ID, p.organiser, nil, "If-Match", fmt.Sprintf(`"%d"`, hidden.Version)); rec.Code != 204 {
				t.Fatalf("delete: %d %s", rec.Code, rec.Body)
			}
			if got := rules(problems()); strings.Contains(got, "Secret") || changes() != was+1 {
				t.Fatalf("after deleting Secret: %s, %d events (was %d)", got, changes(), was)
			}
		})
	}
}

// TestImpactBadInput: dry_run takes 1 or 0 only, and a refused change reports no impact.
func TestImpactBadInput(t *testing.T) {
	p := newPlanning(t, "")
	pr := assertProblem(t, p.call("PATCH", "/api/v1/delegations/"+p.chn.ID+"?dry_run=yes", p.organiser, map[string]any{"hotel": "x"}), 422)
	if len(pr.Errors) != 1 || pr.Errors[0].Field != "dry_run" {
		t.Fatalf("errors %+v", pr.Errors)
	}
	// A delegate may not dry-run another delegation's change.
	assertProblem(t, p.call("PATCH", "/api/v1/delegations/"+p.kaz.ID+"?dry_run=1", p.token("delegate_chn"), map[string]any{"hotel": "x"}), 403)
	assertProblem(t, p.call("PATCH", "/api/v1/rooms/"+p.hall.ID+"?dry_run=1", p.token("delegate_chn"), map[string]any{"capacity": 1}), 403)
	// A member's deletion dry run: the checks, nothing written.
	rec := p.call("DELETE", "/api/v1/members/"+p.kazMin.ID+"?dry_run=1", p.organiser, nil, "If-Match", fmt.Sprintf(`"%d"`, p.kazMin.Version))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"impact":[]`) {
		t.Fatalf("dry delete: %d %s", rec.Code, rec.Body)
	}
	if rec := p.call("GET", "/api/v1/members/"+p.kazMin.ID, p.organiser, nil); rec.Code != 200 {
		t.Fatalf("the dry run deleted the member: %d", rec.Code)
	}
}

// TestProblemsKeptEqualRebuilt makes a few hundred random changes of every
// kind that can make or mend problems, on both databases, and after every
// tenth compares the problems kept change by change with those worked out
// from scratch: the incremental recheck must miss nothing and keep nothing stale.
func TestProblemsKeptEqualRebuilt(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(12, 2024))
			organiser := domain.Actor{UserID: p.users["organiser"].ID, Role: domain.RoleOrganiser}
			rooms := []string{p.hall.ID, p.small.ID, p.oval.ID}
			dels := []string{p.kaz.ID, p.chn.ID}
			soft := []string{domain.RuleTravelTime, domain.RuleRoomCapacity, domain.RuleDelegationPresence, domain.RuleRestTime, domain.RuleDailyLimit}
			someAllow := func() []string {
				var out []string
				for _, r := range soft {
					if rng.IntN(3) > 0 {
						out = append(out, r)
					}
				}
				return out
			}
			when := func() (time.Time, time.Time) {
				from := at(8, 0).Add(time.Duration(rng.IntN(48)) * 15 * time.Minute)
				return from, from.Add(time.Duration(30+15*rng.IntN(3)) * time.Minute)
			}
			var ids []string
			summit := decode[summitResponse](t, p.call("GET", "/api/v1/summit", p.organiser, nil))
			snapshot := func() string {
				items, err := p.s.svc.Problems.List(ctx, organiser)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, x := range items {
					out = append(out, x.MeetingID+" "+x.Rule+" "+x.MemberID+" "+x.OtherID+" "+x.Message)
				}
				slices.Sort(out)
				return strings.Join(out, "\n")
			}
			kinds := map[int]int{}
			for step := 1; step <= 400; step++ {
				op := rng.IntN(10)
				switch op {
				case 0, 1, 8, 9: // book
					from, to := when()
					body := p.meeting(fmt.Sprintf("M%d", step), rooms[rng.IntN(3)], from, to, dels[rng.IntN(2)])
					switch rng.IntN(3) {
					case 0:
						body = p.meeting(fmt.Sprintf("M%d", step), rooms[rng.IntN(3)], from, to, p.kaz.ID, p.chn.ID)
					case 1: // the minister alone
						body["participants"] = []map[string]any{{"delegation_id": p.kaz.ID, "member_ids": []string{p.kazMin.ID}}}
					}
					if rng.IntN(2) == 0 {
						body["kind"] = "press"
					}
					body["allow"], body["expected_attendance"] = someAllow(), rng.IntN(40)
					if rec := p.call("POST", "/api/v1/meetings", p.organiser, body); rec.Code == 201 {
						ids = append(ids, decode[meetingResponse](t, rec).ID)
						kinds[0]++
					}
				case 2: // move, re-room or cancel
					if len(ids) == 0 {
						continue
					}
					m := decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+ids[rng.IntN(len(ids))], p.organiser, nil))
					from, to := when()
					change := map[string]any{"starts_at": from, "ends_at": to, "room_id": rooms[rng.IntN(3)], "allow": someAllow()}
					if rng.IntN(4) == 0 {
						change = map[string]any{"status": "cancelled"}
					}
					if rec := p.call("PATCH", "/api/v1/meetings/"+m.ID, p.organiser, change, "If-Match", fmt.Sprintf(`"%d"`, m.Version)); rec.Code == 200 {
						kinds[op]++
					}
				case 3: // delete
					if len(ids) == 0 || rng.IntN(3) > 0 {
						continue
					}
					i := rng.IntN(len(ids))
					m := decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+ids[i], p.organiser, nil))
					if rec := p.call("DELETE", "/api/v1/meetings/"+m.ID, p.organiser, nil, "If-Match", fmt.Sprintf(`"%d"`, m.Version)); rec.Code == 204 {
						ids = slices.Delete(ids, i, i+1)
						kinds[op]++
					}
				case 4: // arrival or departure
					body := map[string]any{"arrival_at": at(7+rng.IntN(8), 0)}
					if rng.IntN(2) == 0 {
						body = map[string]any{"departure_at": at(14+rng.IntN(8), 0)}
					}
					if rec := p.call("PATCH", "/api/v1/delegations/"+dels[rng.IntN(2)], p.organiser, body); rec.Code == 200 {
						kinds[op]++
					}
				case 5: // a room's seats or changeover
					body := map[string]any{"capacity": 5 + rng.IntN(40), "changeover_minutes": 5 * rng.IntN(4)}
					if rec := p.call("PATCH", "/api/v1/rooms/"+rooms[rng.IntN(3)], p.organiser, body); rec.Code == 200 {
						kinds[op]++
					}
				case 6: // travel minutes
					body := map[string]any{"travel_minutes": map[string]int{p.akorda.ID: 5 * (1 + rng.IntN(12))}}
					if rec := p.call("PATCH", "/api/v1/venues/"+p.palace.ID, p.organiser, body); rec.Code == 200 {
						kinds[op]++
					}
				case 7: // rest and the daily limit
					summit.RestMinutes, summit.MaxBilateralsPerDay = 10*rng.IntN(4), rng.IntN(4)
					body := map[string]any{"name": summit.Name, "city": summit.City, "timezone": summit.Timezone, "starts_on": summit.StartsOn,
						"ends_on": summit.EndsOn, "day_starts": summit.DayStarts, "day_ends": summit.DayEnds,
						"rest_minutes": summit.RestMinutes, "max_bilaterals_per_day": summit.MaxBilateralsPerDay}
					if rec := p.call("PUT", "/api/v1/summit", p.organiser, body); rec.Code == 200 {
						kinds[op]++
					}
				}
				if step%10 != 0 {
					continue
				}
				kept := snapshot()
				stored, err := p.store.ProblemsOf(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				if err := p.store.ChangeProblems(ctx, nil, stored); err != nil {
					t.Fatal(err)
				}
				if err := p.s.svc.Problems.Rebuild(ctx, organiser); err != nil {
					t.Fatal(err)
				}
				t.Logf("step %d: %d meetings, %d problems", step, len(ids), strings.Count(kept, "\n")+min(1, len(kept)))
				if rebuilt := snapshot(); rebuilt != kept {
					t.Fatalf("after step %d the problems kept differ from those worked out from scratch:\nkept:\n%s\nrebuilt:\n%s", step, kept, rebuilt)
				}
			}
			if n := len(strings.Split(snapshot(), "\n")); n < 5 {
				t.Fatalf("the random programme ends with %d problems: too few to have tested anything", n)
			}
			for op := range 8 {
				if kinds[op] == 0 && op != 1 {
					t.Fatalf("no change of kind %d succeeded: %v", op, kinds)
				}
			}
		})
	}
}

// TestRenamingMakesNoImpact: renaming a delegation rewords its problems
// (their messages name it) but makes none.
func TestRenamingMakesNoImpact(t *testing.T) {
	p := newPlanning(t, "")
	p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
	rec := p.call("PATCH", "/api/v1/delegations/"+p.chn.ID, p.organiser, map[string]any{"arrival_at": at(10, 30)})
	if rec.Code != 200 || len(decode[impactAnswer](t, rec).Impact) != 1 {
		t.Fatalf("late arrival: %d %s", rec.Code, rec.Body)
	}
	rec = p.call("PATCH", "/api/v1/delegations/"+p.chn.ID, p.organiser, map[string]any{"name": "People's Republic of China"})
	if rec.Code != 200 || len(decode[impactAnswer](t, rec).Impact) != 0 {
		t.Fatalf("rename: %d %s", rec.Code, rec.Body)
	}
	got := decode[problemsList](t, p.call("GET", "/api/v1/problems", p.organiser, nil)).Items
	if len(got) != 1 || !strings.Contains(got[0].Message, "People's Republic of China") {
		t.Fatalf("problems %+v", got)
	}
}
