package scheduler

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// tinyRandom makes a problem small enough to solve by enumeration: a few
// people and requests, one or two short windows, one or two rooms at two
// venues, and, by the seed, rest, caps, changeovers and a busy hour.
func tinyRandom(seed int64) *Problem {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	p := tiny(30, at(0, 9, 0), at(0, 12, 0))
	if seed%2 == 0 {
		p.Windows = append(p.Windows, Interval{at(1, 9, 0), at(1, 11, 0)})
	}
	p.People = append(p.People, Person{ID: "p5"}, Person{ID: "p6"})
	p.Rooms[0].ChangeoverMinutes = []int{0, 0, 30}[rng.IntN(3)]
	p.RestMinutes = []int{0, 30, 60}[rng.IntN(3)]
	if rng.IntN(2) == 0 {
		p.Rooms = p.Rooms[:1]
	}
	for i := range p.People {
		if c := 1 + rng.IntN(3); rng.IntN(3) == 0 {
			p.People[i].MaxPlacementsPerWindow = &c
		}
	}
	if rng.IntN(2) == 0 {
		p.Busy = []Busy{{PersonIDs: []string{"p1"}, VenueID: "v2", From: at(0, 10, 0), To: at(0, 10, 30)}}
	}
	for i := range 5 + rng.IntN(3) {
		a := rng.IntN(6)
		b := (a + 1 + rng.IntN(5)) % 6
		p.Requests = append(p.Requests, Request{ID: fmt.Sprintf("q%d", i+1),
			Attendees:       []string{p.People[a].ID, p.People[b].ID},
			DurationMinutes: []int{30, 60, 90}[rng.IntN(3)], Priority: 1 + rng.IntN(5)})
	}
	return p
}

// enumerate returns the best objective of any plan, trying every
// combination of candidates request by request.
func enumerate(p *Problem) int {
	m := compile(p)
	st := newState(m)
	for r := range m.reqs {
		m.examine(st, r)
	}
	best := 0
	var visit func(r int)
	visit = func(r int) {
		best = max(best, st.objective)
		if r == len(m.reqs) {
			return
		}
		for ci := range m.reqs[r].cands {
			if m.fits(st, r, int32(ci)) {
				m.place(st, r, int32(ci))
				visit(r + 1)
				m.unplace(st, r)
			}
		}
		visit(r + 1)
	}
	visit(0)
	return best
}

// TestBoundAgainstEnumeration: on many tiny problems with rest, caps,
// changeovers and travel the upper bound is never below the best plan found
// by trying them all, no plan beats it, and a plan said to be optimal is.
func TestBoundAgainstEnumeration(t *testing.T) {
	proven := 0
	for seed := int64(1); seed <= 60; seed++ {
		p := tinyRandom(seed)
		optimum := enumerate(p)
		plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 1000, TimeLimit: time.Second})
		mustPass(t, p, plan)
		switch {
		case plan.Stats.UpperBound < optimum:
			t.Errorf("seed %d: upper bound %d is below the optimum %d", seed, plan.Stats.UpperBound, optimum)
		case plan.Objective > optimum:
			t.Errorf("seed %d: objective %d beats the enumeration's %d", seed, plan.Objective, optimum)
		case plan.Stats.Optimal && plan.Objective != optimum:
			t.Errorf("seed %d: says optimal with %d, the optimum is %d", seed, plan.Objective, optimum)
		}
		if plan.Stats.Optimal {
			proven++
		}
	}
	t.Logf("proven optimal on %d of 60", proven)
}
