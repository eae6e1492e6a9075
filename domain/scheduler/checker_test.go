package scheduler

import (
	"fmt"
	"sort"
	"testing"
	"time"
)

// checkPlan verifies a plan against the problem with its own code, sharing
// nothing with the solver: every rule of the contract's section 5 and the
// problem file's placement rules, that placed and unplaced requests
// partition the requests, and that the objective is the sum of the placed
// priorities. It returns one message per violation.
func checkPlan(p *Problem, plan Plan) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }

	requests := map[string]*Request{}
	for i := range p.Requests {
		requests[p.Requests[i].ID] = &p.Requests[i]
	}
	rooms := map[string]*Room{}
	for i := range p.Rooms {
		rooms[p.Rooms[i].ID] = &p.Rooms[i]
	}
	venues := map[string]*Venue{}
	for i := range p.Venues {
		venues[p.Venues[i].ID] = &p.Venues[i]
	}
	people := map[string]*Person{}
	for i := range p.People {
		people[p.People[i].ID] = &p.People[i]
	}
	travel := func(from, to string) time.Duration {
		if from == "" || to == "" || from == to {
			return 0
		}
		if m, ok := venues[from].TravelMinutes[to]; ok {
			return time.Duration(m) * time.Minute
		}
		if m, ok := venues[to].TravelMinutes[from]; ok {
			return time.Duration(m) * time.Minute
		}
		return 0
	}

	// Placed and unplaced partition the requests.
	seen := map[string]int{}
	for _, pl := range plan.Placements {
		seen[pl.RequestID]++
	}
	for _, u := range plan.Unplaced {
		seen[u.RequestID]++
		if u.Reason == "" {
			fail("unplaced %s has no reason", u.RequestID)
		}
	}
	for id, n := range seen {
		if requests[id] == nil {
			fail("plan names unknown request %s", id)
		} else if n != 1 {
			fail("request %s appears %d times in the plan", id, n)
		}
	}
	for _, q := range p.Requests {
		if seen[q.ID] == 0 {
			fail("request %s is neither placed nor unplaced", q.ID)
		}
	}

	// A commitment is a placement or a busy entry, for the overlap checks.
	type commitment struct {
		from, to time.Time
		venue    string
		label    string
		placed   bool
	}
	byRoom := map[string][]commitment{}
	byPerson := map[string][]commitment{}
	for i, b := range p.Busy {
		venue := b.VenueID
		if b.RoomID != "" {
			venue = rooms[b.RoomID].VenueID
			byRoom[b.RoomID] = append(byRoom[b.RoomID], commitment{b.From, b.To, venue, fmt.Sprintf("busy[%d]", i), false})
		}
		for _, id := range b.PersonIDs {
			byPerson[id] = append(byPerson[id], commitment{b.From, b.To, venue, fmt.Sprintf("busy[%d]", i), false})
		}
	}

	objective := 0
	for _, pl := range plan.Placements {
		q, room := requests[pl.RequestID], rooms[pl.RoomID]
		if q == nil {
			continue
		}
		if room == nil {
			fail("%s: unknown room %s", pl.RequestID, pl.RoomID)
			continue
		}
		objective += q.Priority
		s, e := pl.StartsAt, pl.EndsAt
		if s.Location() != time.UTC || e.Location() != time.UTC {
			fail("%s: times are not UTC", q.ID)
		}
		if e.Sub(s) != time.Duration(q.DurationMinutes)*time.Minute {
			fail("%s: lasts %s, wants %d minutes", q.ID, e.Sub(s), q.DurationMinutes)
		}
		inWindow := false
		for _, w := range p.Windows {
			if !s.Before(w.From) && !e.After(w.To) {
				inWindow = true
				if s.Sub(w.From)%(time.Duration(p.GranularityMinutes)*time.Minute) != 0 {
					fail("%s: starts at %s, off the %d-minute grid of the window from %s", q.ID, s, p.GranularityMinutes, w.From)
				}
			}
		}
		if !inWindow {
			fail("%s: [%s, %s) is not inside one window", q.ID, s, e)
		}
		if q.Earliest != nil && s.Before(*q.Earliest) {
			fail("%s: starts before its earliest time", q.ID)
		}
		if q.Latest != nil && e.After(*q.Latest) {
			fail("%s: ends after its latest time", q.ID)
		}
		need := q.ExpectedAttendance
		if len(q.Attendees) > need {
			need = len(q.Attendees)
		}
		if room.Capacity < need {
			fail("%s: room %s seats %d, needs %d", q.ID, room.ID, room.Capacity, need)
		}
		if len(q.Languages) >= 2 {
			for _, l := range q.Languages {
				found := false
				for _, b := range room.InterpretationLanguages {
					found = found || b == l
				}
				if !found {
					fail("%s: room %s has no %s booth", q.ID, room.ID, l)
				}
			}
		}
		for _, id := range q.Attendees {
			if !availableThroughout(people[id].Available, s, e) {
				fail("%s: %s is not available during [%s, %s)", q.ID, id, s, e)
			}
			byPerson[id] = append(byPerson[id], commitment{s, e, room.VenueID, q.ID, true})
		}
		byRoom[room.ID] = append(byRoom[room.ID], commitment{s, e, room.VenueID, q.ID, true})
	}
	// max_placements_per_window: count each person's placements per window.
	for _, person := range p.People {
		if person.MaxPlacementsPerWindow == nil {
			continue
		}
		for wi, w := range p.Windows {
			n := 0
			for _, c := range byPerson[person.ID] {
				if c.placed && !c.from.Before(w.From) && !c.to.After(w.To) {
					n++
				}
			}
			if n > *person.MaxPlacementsPerWindow {
				fail("%s has %d placements in windows[%d], at most %d allowed", person.ID, n, wi, *person.MaxPlacementsPerWindow)
			}
		}
	}
	if objective != plan.Objective {
		fail("objective is %d, placed priorities sum to %d", plan.Objective, objective)
	}

	for id, list := range byRoom {
		changeover := time.Duration(rooms[id].ChangeoverMinutes) * time.Minute
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				a, b := list[i], list[j]
				if !a.placed && !b.placed {
					continue
				}
				if a.from.Before(b.to.Add(changeover)) && b.from.Before(a.to.Add(changeover)) {
					fail("room %s: %s and %s are within %s of each other", id, a.label, b.label, changeover)
				}
			}
		}
	}
	for id, list := range byPerson {
		for i := range list {
			for j := i + 1; j < len(list); j++ {
				a, b := list[i], list[j]
				if (a.placed || b.placed) && a.from.Before(b.to) && b.from.Before(a.to) {
					fail("%s is in %s and %s at once", id, a.label, b.label)
				}
				// rest_minutes: between any two engagements, one of them
				// placed, the rest plus the travel between their venues.
				if rest := time.Duration(p.RestMinutes) * time.Minute; rest > 0 && (a.placed || b.placed) {
					first, second := a, b
					if b.from.Before(a.from) {
						first, second = b, a
					}
					if gap := second.from.Sub(first.to); gap >= 0 && gap < rest+travel(first.venue, second.venue) {
						fail("%s: only %s between %s and %s, needs %s of rest and %s of travel", id, gap, first.label, second.label,
							rest, travel(first.venue, second.venue))
					}
				}
			}
		}
		// Travel: a placed meeting's previous and next commitments.
		sort.SliceStable(list, func(i, j int) bool { return list[i].from.Before(list[j].from) })
		for _, m := range list {
			if !m.placed {
				continue
			}
			var prev, next *commitment
			for k := range list {
				c := &list[k]
				if c.label == m.label && c.placed {
					continue
				}
				if !c.to.After(m.from) && (prev == nil || c.to.After(prev.to)) {
					prev = c
				}
				if !c.from.Before(m.to) && (next == nil || c.from.Before(next.from)) {
					next = c
				}
			}
			if prev != nil && prev.venue != "" && prev.venue != m.venue && m.from.Sub(prev.to) < travel(prev.venue, m.venue) {
				fail("%s: only %s from %s (%s) to %s (%s)", id, m.from.Sub(prev.to), prev.label, prev.venue, m.label, m.venue)
			}
			if next != nil && next.venue != "" && next.venue != m.venue && next.from.Sub(m.to) < travel(m.venue, next.venue) {
				fail("%s: only %s from %s (%s) to %s (%s)", id, next.from.Sub(m.to), m.label, m.venue, next.label, next.venue)
			}
		}
	}
	return bad
}

// availableThroughout reports whether [s, e) lies inside the union of the
// availability intervals (no intervals: always available).
func availableThroughout(avail []Interval, s, e time.Time) bool {
	if len(avail) == 0 {
		return true
	}
	list := append([]Interval(nil), avail...)
	sort.Slice(list, func(i, j int) bool { return list[i].From.Before(list[j].From) })
	covered := s
	for _, a := range list {
		if a.From.After(covered) {
			return false
		}
		if a.To.After(covered) {
			covered = a.To
		}
		if !covered.Before(e) {
			return true
		}
	}
	return false
}

// mustPass fails the test with the checker's findings.
func mustPass(t testing.TB, p *Problem, plan Plan) {
	t.Helper()
	bad := checkPlan(p, plan)
	for i, msg := range bad {
		if i == 10 {
			t.Errorf("... and %d more", len(bad)-10)
			break
		}
		t.Error(msg)
	}
}
