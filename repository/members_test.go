package repository

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"summit/domain"
)

// TestMembersOfIsOneQuery: the members of many delegations are read with one
// query (no query per delegation), in protocol order and head first.
func TestMembersOfIsOneQuery(t *testing.T) {
	db := openTestSQLite(t)
	ctx := context.Background()
	var ids []string
	err := db.Store().WithTx(ctx, func(tx *Repos) error {
		for i := range 24 {
			d := domain.Delegation{Code: fmt.Sprintf("D%02d", i), Name: fmt.Sprintf("Delegation %d", i), Kind: "member", Precedence: 24 - i}
			if err := tx.CreateDelegation(ctx, &d); err != nil {
				return err
			}
			ids = append(ids, d.ID)
			for _, m := range []domain.Member{{FullName: "B Minister"}, {FullName: "C Head", IsHead: true}, {FullName: "A Adviser"}} {
				m.DelegationID = d.ID
				if err := tx.CreateMember(ctx, &m); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	captured := captureQueries(db)
	var finds int // Find and Take go through the query callback, not the row one
	db.read.Callback().Query().After("gorm:query").Register("members_test:count", func(*gorm.DB) { finds++ })
	organiser := domain.Actor{UserID: "u", Role: domain.RoleOrganiser}
	ms, err := domain.Delegations{Store: For[domain.DelegationRepos](db)}.MembersOf(ctx, organiser, append(ids[:3:3], ids[20], domain.NewID()))
	if err != nil {
		t.Fatal(err)
	}
	queries := captured()
	if len(queries) != 1 || finds != 0 {
		t.Fatalf("ran %d queries, want 1: %+v", len(queries)+finds, queries)
	}
	t.Logf("%s\n  plan: %s", strings.Join(strings.Fields(queries[0].SQL), " "), strings.Join(explain(t, db, queries[0]), " | "))
	var got []string
	for _, m := range ms {
		got = append(got, m.FullName)
	}
	// D20 has the lowest precedence number of the four, so it comes first.
	if want := strings.Repeat("C Head, A Adviser, B Minister, ", 4); strings.Join(got, ", ")+", " != want {
		t.Fatalf("got %v", got)
	}
	if ms[0].DelegationID != ids[20] || ms[3].DelegationID != ids[2] || ms[11].DelegationID != ids[0] {
		t.Fatalf("delegations out of protocol order: %+v", ms)
	}
}
