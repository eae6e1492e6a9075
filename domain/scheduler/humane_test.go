package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestRestAndCaps: rest_minutes keeps gaps between one person's engagements
// (placement–placement and placement–busy), max_placements_per_window caps a
// person's placements per window, and the reasons say so.
func TestRestAndCaps(t *testing.T) {
	four := 4
	p := tiny(15, at(0, 9, 0), at(0, 19, 0))
	p.Windows = append(p.Windows, Interval{at(1, 9, 0), at(1, 10, 0)})
	p.RestMinutes = 15
	p.People[0].MaxPlacementsPerWindow = &four
	p.Busy = []Busy{{PersonIDs: []string{"p2"}, From: at(0, 9, 0), To: at(0, 10, 0)}}
	for i, id := range []string{"a", "b", "c", "d", "e", "f"} {
		p.Requests = append(p.Requests, Request{ID: id, Attendees: []string{"p1", []string{"p2", "p3", "p4"}[i%3]},
			DurationMinutes: 30, Priority: 5 - i%2, Earliest: ptr(at(0, 9, 0)), Latest: ptr(at(0, 19, 0))})
	}
	plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 2000})
	mustPass(t, p, plan)
	if len(plan.Placements) != 4 {
		t.Fatalf("placed %d, want the cap of 4: %+v", len(plan.Placements), plan.Placements)
	}
	for _, u := range plan.Unplaced {
		if !strings.Contains(u.Reason, "p1 already has 4 bilaterals on 3 July") {
			t.Errorf("%s: reason %q", u.RequestID, u.Reason)
		}
	}
	// Gaps of at least 15 minutes, also after p2's busy hour.
	byStart := map[time.Time]bool{}
	for _, pl := range plan.Placements {
		byStart[pl.StartsAt] = true
		if pl.StartsAt.Before(at(0, 10, 15)) && (pl.RequestID == "a" || pl.RequestID == "d") {
			t.Errorf("%s starts %s, within the rest after p2's busy hour", pl.RequestID, pl.StartsAt)
		}
	}
	if !plan.Stats.Optimal {
		t.Errorf("the cap makes 5+5+5+4 optimal and the bound should see it; stats %+v", plan.Stats)
	}

	// The checker catches a plan that breaks either rule.
	bad := Plan{Objective: 10, Unplaced: []Unplaced{}}
	for i, id := range []string{"a", "b"} {
		s := at(0, 11, 0).Add(time.Duration(i) * 45 * time.Minute).UTC()
		bad.Placements = append(bad.Placements, Placement{RequestID: id, RoomID: "r1", StartsAt: s, EndsAt: s.Add(30 * time.Minute)})
	}
	for _, id := range []string{"c", "d", "e", "f"} {
		bad.Unplaced = append(bad.Unplaced, Unplaced{id, "x"})
	}
	bad.Objective = 9
	p.RestMinutes = 30
	if msgs := checkPlan(p, bad); len(msgs) != 1 || !strings.Contains(msgs[0], "p1: only 15m0s between a and b, needs 30m0s of rest") {
		t.Errorf("checker on a 15-minute gap: %v", msgs)
	}
	one := 1
	p.People[0].MaxPlacementsPerWindow = &one
	p.RestMinutes = 0
	if msgs := checkPlan(p, bad); len(msgs) != 1 || !strings.Contains(msgs[0], "p1 has 2 placements in windows[0], at most 1") {
		t.Errorf("checker on a cap of 1: %v", msgs)
	}
}

// TestSearchUsesItsTime: a search that cannot prove its plan optimal goes on
// until the time limit; one that can stops at once, saying so.
func TestSearchUsesItsTime(t *testing.T) {
	p := Generate(3, smallBench)
	limit := 400 * time.Millisecond
	began := time.Now()
	plan := Solve(context.Background(), p, Options{Seed: 1, TimeLimit: limit})
	mustPass(t, p, plan)
	if plan.Stats.Optimal {
		t.Skipf("proved optimal in %s: nothing to measure", time.Since(began))
	}
	if elapsed := time.Since(began); elapsed < limit*9/10 {
		t.Errorf("stopped after %s of a %s limit without proof (stats %+v)", elapsed, limit, plan.Stats)
	}

	easy := tiny(15, at(0, 9, 0), at(0, 19, 0))
	easy.Requests = []Request{{ID: "q", Attendees: []string{"p1", "p2"}, DurationMinutes: 30, Priority: 3}}
	plan = Solve(context.Background(), easy, Options{Seed: 1, TimeLimit: time.Minute})
	if !plan.Stats.Optimal || plan.Stats.TimeLimitHit || plan.Objective != 3 {
		t.Errorf("easy problem: %+v", plan)
	}
}

// TestPortfolioIsReproducible: the same seed and number of workers give the
// same plan when the time limit is not what stops the search.
func TestPortfolioIsReproducible(t *testing.T) {
	p := variedProblem(12)
	p.RestMinutes = 10
	first := Solve(context.Background(), p, Options{Seed: 7, Workers: 3, MaxIterations: 1500})
	second := Solve(context.Background(), p, Options{Seed: 7, Workers: 3, MaxIterations: 1500})
	mustPass(t, p, first)
	if first.Stats.Workers != 3 {
		t.Errorf("workers = %d", first.Stats.Workers)
	}
	first.Stats.Seconds, second.Stats.Seconds = 0, 0
	if first.Objective != second.Objective || len(first.Placements) != len(second.Placements) {
		t.Fatalf("two runs differ: %d vs %d", first.Objective, second.Objective)
	}
	for i := range first.Placements {
		if first.Placements[i] != second.Placements[i] {
			t.Fatalf("placement %d differs: %+v vs %+v", i, first.Placements[i], second.Placements[i])
		}
	}
}
