package domain_test

import (
	"context"
	"testing"

	"summit/domain"
	"summit/repository"
)

// TestDemoKeepsEveryRule seeds the demo summit and runs the real scheduling
// rules on every meeting of its programme: the demo must be a summit that
// the server itself would have accepted.
func TestDemoKeepsEveryRule(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	store := db.Store()
	seeder := domain.Seeder{Store: repository.For[domain.DemoRepos](db), Hasher: &countingHasher{}}
	if err := seeder.Seed(ctx, domain.AstanaDemo()); err != nil {
		t.Fatal(err)
	}
	if err := seeder.Seed(ctx, domain.AstanaDemo()); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("a second seed should refuse: %v", err)
	}
	meetings, _, err := store.ListMeetings(ctx, domain.MeetingFilter{}, domain.Page{Limit: 500})
	if err != nil || len(meetings) < 20 {
		t.Fatalf("%d meetings, %v", len(meetings), err)
	}
	svc := domain.Meetings{Store: repository.For[domain.BookingRepos](db)}
	for _, m := range meetings {
		m.Allow = nil
		res, err := svc.Check(ctx, domain.Actor{}, m.ID, domain.ReplaceWith(m))
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
