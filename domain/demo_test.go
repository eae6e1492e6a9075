package domain_test

import (
	"context"
	"testing"

	"summit/domain"
)

// TestDemoKeepsEveryRule seeds the demo summit and runs the real scheduling
// rules on every meeting of its programme: the demo must be a summit that
// the server itself would have accepted.
func TestDemoKeepsEveryRule(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	if err := domain.SeedDemo(ctx, store, &countingHasher{}, domain.AstanaDemo()); err != nil {
		t.Fatal(err)
	}
	if err := domain.SeedDemo(ctx, store, &countingHasher{}, domain.AstanaDemo()); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("a second seed should refuse: %v", err)
	}
	meetings, _, err := store.ListMeetings(ctx, domain.MeetingFilter{}, domain.Page{Limit: 500})
	if err != nil || len(meetings) < 20 {
		t.Fatalf("%d meetings, %v", len(meetings), err)
	}
	svc := domain.Meetings{Store: store}
	for _, m := range meetings {
		in := domain.MeetingInput{Title: m.Title, Kind: m.Kind, StartsAt: m.StartsAt, EndsAt: m.EndsAt, RoomID: m.RoomID,
			Status: m.Status, Visibility: m.Visibility, Languages: m.Languages, ExpectedAttendance: m.ExpectedAttendance,
			Participants: m.Participants}
		res, err := svc.Check(ctx, domain.Actor{}, m.ID, in)
		if err != nil {
			t.Fatalf("%s: %v", m.Title, err)
		}
		if len(res.Conflicts) > 0 {
			t.Errorf("%s breaks the rules: %+v", m.Title, res.Conflicts)
		}
	}
	requests, _, _ := store.ListRequests(ctx, domain.RequestFilter{}, domain.Page{Limit: 500})
	if len(requests) < 40 {
		t.Fatalf("%d bilateral requests, want several dozen", len(requests))
	}
}
