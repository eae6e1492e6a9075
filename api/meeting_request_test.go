package api

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"summit/domain"
	"summit/repository/dbtest"
)

// linking is a planning harness with helpers for requests and meetings.
type linking struct {
	*planning
	t *testing.T
}

// request files a request between from and to and moves it to each of
// the given statuses (accept, decline).
func (l linking) request(from, to string, moves ...string) requestResponse {
	l.t.Helper()
	rec := l.call("POST", "/api/v1/bilateral-requests", l.organiser, map[string]any{"from_delegation_id": from, "to_delegation_id": to, "duration_minutes": 30, "priority": 3})
	if rec.Code != 201 {
		l.t.Fatalf("file request: %d %s", rec.Code, rec.Body)
	}
	r := decode[requestResponse](l.t, rec)
	for _, m := range moves {
		if rec := l.call("POST", "/api/v1/bilateral-requests/"+r.ID+"/"+m, l.organiser, nil); rec.Code != 200 {
			l.t.Fatalf("%s: %d %s", m, rec.Code, rec.Body)
		}
	}
	return l.get(r.ID)
}

// get reads a request.
func (l linking) get(id string) requestResponse {
	l.t.Helper()
	return decode[requestResponse](l.t, l.call("GET", "/api/v1/bilateral-requests/"+id, l.organiser, nil))
}

// want fails unless the request with id is status with meeting (nil: none).
func (l linking) want(id, status string, meeting *string) requestResponse {
	l.t.Helper()
	r := l.get(id)
	if r.Status != status || (r.MeetingID == nil) != (meeting == nil) || meeting != nil && *r.MeetingID != *meeting {
		l.t.Fatalf("request %s is %s with meeting %v, want %s with %v", id, r.Status, deref0(r.MeetingID), status, deref0(meeting))
	}
	return r
}

// patch changes a meeting at its version, expecting 200.
func (l linking) patch(m meetingResponse, body map[string]any) meetingResponse {
	l.t.Helper()
	rec := l.call("PATCH", "/api/v1/meetings/"+m.ID, l.organiser, body, "If-Match", fmt.Sprintf(`"%d"`, m.Version))
	if rec.Code != 200 {
		l.t.Fatalf("patch %v: %d %s", body, rec.Code, rec.Body)
	}
	return decode[meetingResponse](l.t, rec)
}

// meetingCount is how many meetings there are.
func (l linking) meetingCount() int {
	ms, _, err := l.store.ListMeetings(context.Background(), domain.MeetingFilter{}, domain.Page{Limit: 500})
	if err != nil {
		l.t.Fatal(err)
	}
	return len(ms)
}

// auditActions lists the actions of the audit entries of entity id, oldest first.
func (l linking) auditActions(id string) []string {
	got := decode[list[auditResponse]](l.t, l.call("GET", "/api/v1/audit?entity_id="+id, l.organiser, nil)).Items
	var out []string
	for _, e := range got {
		out = append(out, e.Action)
	}
	slices.Reverse(out) // the trail lists newest first
	return out
}

func deref0(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestMeetingRequestLink: a meeting may hold an accepted request between its
// delegations (CONTRACT section 10): booking it schedules the request;
// unlinking, relinking, cancelling and deleting the meeting give it back, in
// the same transaction; a link that fails writes nothing.
func TestMeetingRequestLink(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			l := linking{newPlanning(t, u), t}
			var uzb delegationResponse
			if rec := l.call("POST", "/api/v1/delegations", l.organiser, map[string]any{"code": "UZB", "name": "Uzbekistan", "kind": "member",
				"precedence": 3, "head": map[string]any{"full_name": "Shavkat Mirziyoyev", "position": "President"}}); rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			} else {
				uzb = decode[delegationResponse](t, rec)
			}
			kaz, chn := l.kaz.ID, l.chn.ID
			declined := l.request(kaz, chn, "decline")
			pending := l.request(kaz, chn)
			body := func(requestID any, delegations ...string) map[string]any {
				b := l.meeting("Talks", l.oval.ID, at(10, 0), at(10, 30), delegations...)
				b["request_id"] = requestID
				return b
			}

			// Refused links name request_id and write nothing.
			for name, b := range map[string]map[string]any{
				"pending":  body(pending.ID, kaz, chn),
				"declined": body(declined.ID, kaz, chn),
				"unknown":  body("no-such-request", kaz, chn),
			} {
				for _, path := range []string{"/api/v1/meetings", "/api/v1/meetings/check"} { // the dry run answers the same
					pr := assertProblem(t, l.call("POST", path, l.organiser, b), 422)
					if len(pr.Errors) != 1 || pr.Errors[0].Field != "request_id" {
						t.Fatalf("%s %s: %+v", path, name, pr)
					}
				}
			}
			l.call("POST", "/api/v1/bilateral-requests/"+pending.ID+"/accept", l.organiser, nil)
			accepted := l.want(pending.ID, "accepted", nil)
			pr := assertProblem(t, l.call("POST", "/api/v1/meetings", l.organiser, body(accepted.ID, kaz, uzb.ID)), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "request_id" {
				t.Fatalf("not between the meeting's delegations: %+v", pr)
			}
			if n := l.meetingCount(); n != 0 {
				t.Fatalf("%d meetings after refused links", n)
			}

			// Linking on create schedules the request.
			m := l.book(body(accepted.ID, kaz, chn))
			if m.RequestID == nil || *m.RequestID != accepted.ID {
				t.Fatalf("request_id %v", deref0(m.RequestID))
			}
			if got := decode[meetingResponse](t, l.call("GET", "/api/v1/meetings/"+m.ID, l.organiser, nil)); deref0(got.RequestID) != accepted.ID {
				t.Fatalf("read back: request_id %v", deref0(got.RequestID))
			}
			if r := l.want(accepted.ID, "scheduled", &m.ID); r.Version != accepted.Version+1 {
				t.Fatalf("version %d, want %d", r.Version, accepted.Version+1)
			}

			// Another meeting for a scheduled request is 409; nothing is written.
			before := l.get(accepted.ID)
			assertProblem(t, l.call("POST", "/api/v1/meetings/check", l.organiser, body(accepted.ID, kaz, chn)), 409)
			if rec := l.call("POST", "/api/v1/meetings/check?meeting_id="+m.ID, l.organiser, map[string]any{}); rec.Code != 200 {
				t.Fatalf("checking the linked meeting itself: %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, l.call("POST", "/api/v1/meetings", l.organiser, body(accepted.ID, kaz, chn)), 409)
			if n, r := l.meetingCount(), l.get(accepted.ID); n != 1 || r.Version != before.Version || r.Status != "scheduled" {
				t.Fatalf("%d meetings, request %+v after a refused link", n, r)
			}
			// Dropping one of the request's delegations from the meeting is refused.
			pr = assertProblem(t, l.call("PATCH", "/api/v1/meetings/"+m.ID, l.organiser, map[string]any{"participants": []map[string]any{{"delegation_id": kaz}}},
				"If-Match", fmt.Sprintf(`"%d"`, m.Version)), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "request_id" {
				t.Fatalf("%+v", pr)
			}

			// Unlink with null, link again, relink to another request.
			m = l.patch(m, map[string]any{"request_id": nil})
			if m.RequestID != nil {
				t.Fatalf("unlinked meeting holds %s", *m.RequestID)
			}
			l.want(accepted.ID, "accepted", nil)
			m = l.patch(m, map[string]any{"request_id": accepted.ID})
			l.want(accepted.ID, "scheduled", &m.ID)
			other := l.request(kaz, uzb.ID, "accept")
			m = l.patch(m, map[string]any{"participants": []map[string]any{{"delegation_id": kaz}, {"delegation_id": chn}, {"delegation_id": uzb.ID}},
				"request_id": other.ID})
			l.want(accepted.ID, "accepted", nil)
			l.want(other.ID, "scheduled", &m.ID)
			m = l.patch(m, map[string]any{"request_id": ""})
			l.want(other.ID, "accepted", nil)

			// Cancelling frees the request, and the scheduler places it again.
			m = l.patch(m, map[string]any{"request_id": accepted.ID})
			m = l.patch(m, map[string]any{"status": "cancelled"})
			if m.RequestID != nil {
				t.Fatalf("a cancelled meeting holds %s", *m.RequestID)
			}
			l.want(accepted.ID, "accepted", nil)
			pr = assertProblem(t, l.call("PATCH", "/api/v1/meetings/"+m.ID, l.organiser, map[string]any{"request_id": accepted.ID},
				"If-Match", fmt.Sprintf(`"%d"`, m.Version)), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "request_id" {
				t.Fatalf("linking a cancelled meeting: %+v", pr)
			}
			rec := l.call("POST", "/api/v1/scheduler/proposals", l.organiser, map[string]any{"from": at(8, 0), "to": at(18, 0), "time_limit_seconds": 1})
			if rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			placed := false
			for _, pl := range decode[proposalResponse](t, rec).Placements {
				placed = placed || pl.RequestID == accepted.ID
			}
			if !placed {
				t.Fatalf("the freed request is not placed: %s", rec.Body)
			}

			// Deleting frees it too.
			d := l.book(body(accepted.ID, kaz, chn))
			l.want(accepted.ID, "scheduled", &d.ID)
			if rec := l.call("DELETE", "/api/v1/meetings/"+d.ID, l.organiser, nil, "If-Match", `"1"`); rec.Code != 204 {
				t.Fatalf("delete %d %s", rec.Code, rec.Body)
			}
			l.want(accepted.ID, "accepted", nil)

			want := []string{"create", "accepted", "scheduled", "unscheduled", "scheduled", "unscheduled", "scheduled", "unscheduled", "scheduled", "unscheduled"}
			if got := l.auditActions(accepted.ID); !slices.Equal(got, want) {
				t.Fatalf("audit trail %v, want %v", got, want)
			}
		})
	}
}

// TestApplyLinksMeetings: applying a proposal books meetings that hold
// their requests; cancelling one frees its request.
func TestApplyLinksMeetings(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			l := linking{newPlanning(t, u), t}
			r := l.request(l.kaz.ID, l.chn.ID, "accept")
			rec := l.call("POST", "/api/v1/scheduler/proposals", l.organiser, map[string]any{"from": at(8, 0), "to": at(18, 0), "time_limit_seconds": 1})
			if rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			rec = l.call("POST", "/api/v1/scheduler/proposals/"+decode[proposalResponse](t, rec).ID+"/apply", l.organiser, nil)
			ids := decode[applyResponse](t, rec).MeetingIDs
			if rec.Code != 200 || len(ids) != 1 {
				t.Fatalf("apply: %d %s", rec.Code, rec.Body)
			}
			m := decode[meetingResponse](t, l.call("GET", "/api/v1/meetings/"+ids[0], l.organiser, nil))
			if deref0(m.RequestID) != r.ID {
				t.Fatalf("applied meeting holds %s, want %s", deref0(m.RequestID), r.ID)
			}
			l.want(r.ID, "scheduled", &m.ID)
			l.patch(m, map[string]any{"status": "cancelled"})
			l.want(r.ID, "accepted", nil)
			if got, want := l.auditActions(r.ID), []string{"create", "accepted", "scheduled", "unscheduled"}; !slices.Equal(got, want) {
				t.Fatalf("audit trail %v, want %v", got, want)
			}
		})
	}
}
