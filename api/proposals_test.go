package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// TestProposalsOnTheDemoSummit runs the scheduler on the Astana demo's
// accepted requests, applies the proposal and checks what it booked.
func TestProposalsOnTheDemoSummit(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h := newHarness(t, u)
			ctx := context.Background()
			// The harness made KAZ and CHN; the demo brings its own delegations, so seed into a fresh store.
			db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
			if dialect == repository.Postgres {
				db = dbtest.Open(t, dbtest.NewPostgresDB(t))
			}
			seed(t, db.Store())
			h.s = New(Config{Log: h.s.cfg.Log, Services: servicesOn(t, db.Store()), JWTSecret: h.s.cfg.JWTSecret})
			h.store = db.Store()
			org := h.login("organiser@summit.example", "organiser-demo-2024").AccessToken

			window := map[string]any{"from": "2024-07-03T08:00:00+05:00", "to": "2024-07-05T00:00:00+05:00", "time_limit_seconds": 1}
			rec := h.call("POST", "/api/v1/scheduler/proposals", org, window)
			if rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			prop := decode[proposalResponse](t, rec)
			accepted, _, _ := h.store.ListRequests(ctx, domain.RequestFilter{Status: "accepted"}, domain.Page{Limit: 500})
			if len(prop.Placements)+len(prop.Unplaced) != len(accepted) || len(prop.Placements) == 0 {
				t.Fatalf("%d placed + %d unplaced, %d accepted", len(prop.Placements), len(prop.Unplaced), len(accepted))
			}
			for _, u := range prop.Unplaced {
				if u.Reason == "" {
					t.Fatalf("unplaced without a reason: %+v", u)
				}
			}
			before, _, _ := h.store.ListMeetings(ctx, domain.MeetingFilter{}, domain.Page{Limit: 500})
			// A second proposal for the same requests: it goes stale when the first is applied.
			twin := decode[proposalResponse](t, h.call("POST", "/api/v1/scheduler/proposals", org, window))

			// A delegate may not run or see the scheduler.
			assertProblem(t, h.call("POST", "/api/v1/scheduler/proposals", h.login("delegate@summit.example", "delegate-demo-2024").AccessToken, window), 403)

			apply := "/api/v1/scheduler/proposals/" + prop.ID + "/apply"
			rec = h.call("POST", apply, org, nil, "Idempotency-Key", "apply-1")
			if rec.Code != 200 {
				t.Fatalf("apply: %d %s", rec.Code, rec.Body)
			}
			ids := decode[applyResponse](t, rec).MeetingIDs
			if len(ids) != len(prop.Placements) {
				t.Fatalf("%d meetings for %d placements", len(ids), len(prop.Placements))
			}
			if again := h.call("POST", apply, org, nil, "Idempotency-Key", "apply-1"); again.Code != 200 || len(decode[applyResponse](t, again).MeetingIDs) != len(ids) {
				t.Fatalf("retry: %d %s", again.Code, again.Body)
			}
			assertProblem(t, h.call("POST", apply, org, nil), 409)
			list := decode[struct{ Items []proposalSummary }](t, h.call("GET", "/api/v1/scheduler/proposals", org, nil)).Items
			if len(list) != 2 || list[0].ID != twin.ID || list[0].Status != "ready" || list[1].ID != prop.ID || list[1].Status != "applied" ||
				list[1].Placed != len(prop.Placements) || list[1].AppliedAt == nil {
				t.Fatalf("list, newest first: %+v", list)
			}
			after, _, _ := h.store.ListMeetings(ctx, domain.MeetingFilter{}, domain.Page{Limit: 500})
			if len(after) != len(before)+len(ids) {
				t.Fatalf("%d meetings, want %d", len(after), len(before)+len(ids))
			}
			// Every booked meeting is a draft that keeps every rule.
			svc := domain.Meetings{Store: repository.Scoped[domain.BookingRepos]{Repos: h.store}}
			for _, id := range ids {
				m, err := h.store.MeetingByID(ctx, id)
				if err != nil || m.Status != "draft" || m.Kind != "bilateral" {
					t.Fatalf("%+v %v", m, err)
				}
				res, err := svc.Check(ctx, domain.Actor{}, m.ID, domain.ReplaceWith(*m))
				if err != nil || len(res.Conflicts) > 0 {
					t.Fatalf("%s breaks rules: %+v %v", m.Title, res.Conflicts, err)
				}
			}
			scheduled, _, _ := h.store.ListRequests(ctx, domain.RequestFilter{Status: "scheduled"}, domain.Page{Limit: 500})
			if len(scheduled) != len(ids) || scheduled[0].MeetingID == "" {
				t.Fatalf("%d scheduled requests", len(scheduled))
			}

			// A proposal whose basis changed books nothing.
			if len(twin.Placements) == 0 {
				t.Fatal("the twin proposal placed nothing")
			}
			pr := assertProblem(t, h.call("POST", "/api/v1/scheduler/proposals/"+twin.ID+"/apply", org, nil), 409)
			if now, _, _ := h.store.ListMeetings(ctx, domain.MeetingFilter{}, domain.Page{Limit: 500}); len(now) != len(after) {
				t.Fatalf("a failed apply booked meetings: %s", pr.Detail)
			}
		})
	}
}

func TestProposalInTheBackground(t *testing.T) {
	p := newPlanning(t, "")
	rec := p.call("POST", "/api/v1/bilateral-requests", p.organiser, map[string]any{"from_delegation_id": p.kaz.ID, "to_delegation_id": p.chn.ID, "duration_minutes": 30, "priority": 3})
	req := decode[requestResponse](t, rec)
	p.call("POST", "/api/v1/bilateral-requests/"+req.ID+"/accept", p.organiser, nil)
	rec = p.call("POST", "/api/v1/scheduler/proposals", p.organiser, map[string]any{"from": at(8, 0), "to": at(22, 0), "wait": false, "time_limit_seconds": 1})
	if rec.Code != 202 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	id := decode[proposalResponse](t, rec).ID
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := decode[proposalResponse](t, p.call("GET", "/api/v1/scheduler/proposals/"+id, p.organiser, nil))
		list := decode[struct{ Items []proposalSummary }](t, p.call("GET", "/api/v1/scheduler/proposals", p.organiser, nil))
		if len(list.Items) != 1 || list.Items[0].ID != id || list.Items[0].Status != got.Status && got.Status != "running" {
			t.Fatalf("list %+v while the proposal is %s", list.Items, got.Status)
		}
		if got.Status == "ready" {
			if len(got.Placements) != 1 || got.Placements[0].RoomID != p.oval.ID && got.Placements[0].RoomID != p.small.ID {
				t.Fatalf("%+v", got)
			}
			if s := list.Items[0]; s.Status != "ready" || s.Placed != 1 || s.Unplaced != 0 || s.CreatedAt == nil {
				t.Fatalf("list %+v", s)
			}
			assertProblem(t, p.call("GET", "/api/v1/scheduler/proposals", p.token("delegate_chn"), nil), 403)
			return
		}
		if got.Status != "running" || time.Now().After(deadline) {
			t.Fatalf("%+v", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestUnplacedReasonsNamePeople: a request the scheduler cannot place says
// why in words an organiser reads, with people's names, never their ids.
func TestUnplacedReasonsNamePeople(t *testing.T) {
	p := newPlanning(t, "")
	req := decode[requestResponse](t, p.call("POST", "/api/v1/bilateral-requests", p.organiser,
		map[string]any{"from_delegation_id": p.kaz.ID, "to_delegation_id": p.chn.ID, "duration_minutes": 30, "priority": 3}))
	p.call("POST", "/api/v1/bilateral-requests/"+req.ID+"/accept", p.organiser, nil)
	// China's delegation has left at 20:00.
	rec := p.call("POST", "/api/v1/scheduler/proposals", p.organiser, map[string]any{"from": at(20, 30), "to": at(22, 0), "time_limit_seconds": 1})
	if rec.Code != 201 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	prop := decode[proposalResponse](t, rec)
	if len(prop.Unplaced) != 1 {
		t.Fatalf("%+v", prop)
	}
	reason := prop.Unplaced[0].Reason
	if !strings.Contains(reason, "Xi Jinping (CHN)") || strings.Contains(reason, p.chnHd.ID) {
		t.Fatalf("reason %q should name Xi Jinping (CHN), not id %s", reason, p.chnHd.ID)
	}
}

// TestProposalsLiveInTheDatabase: a background proposal is stored while it
// runs, so another instance sharing the database reports on it; a failed run
// says why; a run whose instance stopped counts as failed; neither applies.
func TestProposalsLiveInTheDatabase(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h := newHarness(t, u) // no summit set: the run fails
			organiser := h.token("organiser")
			rec := h.call("POST", "/api/v1/scheduler/proposals", organiser, map[string]any{"from": at(8, 0), "to": at(22, 0), "wait": false})
			if rec.Code != 202 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			id := decode[proposalResponse](t, rec).ID
			// From here on, another instance answers: it never saw the run.
			h.s = New(Config{Log: h.s.cfg.Log, Services: servicesOn(t, h.store), JWTSecret: h.s.cfg.JWTSecret})
			var got proposalResponse
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
				got = decode[proposalResponse](t, h.call("GET", "/api/v1/scheduler/proposals/"+id, organiser, nil))
				if got.Status != "running" || time.Now().After(deadline) {
					break
				}
			}
			if got.Status != "failed" || !strings.Contains(got.Error, "summit") {
				t.Fatalf("a failed run says why: %+v", got)
			}
			assertProblem(t, h.call("POST", "/api/v1/scheduler/proposals/"+id+"/apply", organiser, nil), 409)

			// A run whose instance died: running, with no news for a while.
			stale := &domain.Proposal{ID: domain.NewID(), Status: "running", CreatedAt: time.Now().Add(-time.Hour),
				UpdatedAt: time.Now().Add(-domain.AbandonedAfter - time.Second), Params: domain.ProposalParams{From: at(8, 0), To: at(22, 0)}}
			if err := h.store.WithTx(context.Background(), func(tx *repository.Repos) error { return tx.CreateProposal(context.Background(), stale) }); err != nil {
				t.Fatal(err)
			}
			got = decode[proposalResponse](t, h.call("GET", "/api/v1/scheduler/proposals/"+stale.ID, organiser, nil))
			if got.Status != "failed" || !strings.Contains(got.Error, "stopped") {
				t.Fatalf("an abandoned run counts as failed: %+v", got)
			}
			assertProblem(t, h.call("POST", "/api/v1/scheduler/proposals/"+stale.ID+"/apply", organiser, nil), 409)
			list := decode[struct{ Items []proposalSummary }](t, h.call("GET", "/api/v1/scheduler/proposals", organiser, nil)).Items
			if len(list) != 2 || list[0].ID != id || list[0].Status != "failed" || list[1].ID != stale.ID || list[1].Status != "failed" {
				t.Fatalf("list, newest first: %+v", list)
			}
		})
	}
}

// TestShutdownStopsBackgroundRuns: stopping the runner (as serve does on
// shutdown) ends a long search early and waits until the run has stored the
// best plan it found; nothing is left running, and no new run starts.
func TestShutdownStopsBackgroundRuns(t *testing.T) {
	h := newHarness(t, dbtest.URLs(t)[repository.SQLite])
	db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
	seed(t, db.Store())
	h.s = New(Config{Log: h.s.cfg.Log, Services: servicesOn(t, db.Store()), JWTSecret: h.s.cfg.JWTSecret})
	org := h.login("organiser@summit.example", "organiser-demo-2024").AccessToken
	long := map[string]any{"from": "2024-07-03T08:00:00+05:00", "to": "2024-07-05T00:00:00+05:00", "time_limit_seconds": 120, "wait": false}
	rec := h.call("POST", "/api/v1/scheduler/proposals", org, long)
	if rec.Code != 202 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	id := decode[proposalResponse](t, rec).ID
	time.Sleep(300 * time.Millisecond) // let the search begin
	stopped := make(chan struct{})
	go func() { h.s.svc.Runner.Stop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(60 * time.Second):
		t.Fatal("the runner did not stop its run within half its time limit")
	}
	got := decode[proposalResponse](t, h.call("GET", "/api/v1/scheduler/proposals/"+id, org, nil))
	if got.Status != "ready" || len(got.Placements) == 0 || got.Stats == nil {
		t.Fatalf("after the stop the proposal is %s with %d placements: %+v", got.Status, len(got.Placements), got.Stats)
	}
	assertProblem(t, h.call("POST", "/api/v1/scheduler/proposals", org, long), 500)
}
