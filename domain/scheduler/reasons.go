package scheduler

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// plan turns the solver's state into the Plan it returns.
func (s *solver) plan() Plan {
	m := s.m
	plan := Plan{Placements: []Placement{}, Unplaced: []Unplaced{}}
	for r := range m.reqs {
		q := &m.p.Requests[r]
		if ci := s.st.at[r]; ci >= 0 {
			t, e, room := m.where(r, ci)
			plan.Placements = append(plan.Placements, Placement{
				RequestID: q.ID,
				RoomID:    m.p.Rooms[room].ID,
				StartsAt:  m.time(t),
				EndsAt:    m.time(e),
			})
			plan.Objective += q.Priority
			continue
		}
		plan.Unplaced = append(plan.Unplaced, Unplaced{RequestID: q.ID, Reason: s.reason(r)})
	}
	slices.SortStableFunc(plan.Placements, func(a, b Placement) int {
		if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
			return c
		}
		return cmp.Compare(a.RoomID, b.RoomID)
	})
	for _, q := range m.reqs {
		plan.Stats.Candidates += len(q.cands)
	}
	plan.Stats.Iterations = s.iterations
	plan.Stats.Improvements = s.improvements
	plan.Stats.UpperBound = max(s.bound, plan.Objective)
	plan.Stats.TimeLimitHit = s.hit
	plan.Stats.Optimal = plan.Objective >= plan.Stats.UpperBound
	plan.Stats.Workers = s.workers
	plan.Stats.Seconds = time.Since(s.began).Seconds()
	if s.opts.Progress != nil {
		s.opts.Progress(s.total, s.total)
	}
	return plan
}

// reason explains, most specific first, why request r is not in the plan.
func (s *solver) reason(r int) string {
	m := s.m
	q := &m.reqs[r]
	req := &m.p.Requests[r]
	who := listWords(req.Attendees)
	if !q.examined {
		return "not considered: the time limit ran out before this request was examined"
	}
	switch q.stage {
	case stageNoRoom:
		if langs := distinct(req.Languages); len(langs) >= 2 {
			return fmt.Sprintf("no room with %s interpretation and %d seats", listWords(langs), req.Seats())
		}
		return fmt.Sprintf("no room with %d seats", req.Seats())
	case stageNoSlot:
		text := fmt.Sprintf("no %d-minute slot on the %d-minute grid fits inside the windows",
			req.DurationMinutes, m.p.GranularityMinutes)
		if req.Earliest != nil || req.Latest != nil {
			text += " between the request's earliest and latest times"
		}
		return text
	case stageNoAvail:
		for i, p := range q.attendees {
			if !m.slotForPeople(r, []int32{p}) {
				return fmt.Sprintf("no free time for %s within their availability and the request's window", req.Attendees[i])
			}
		}
		return fmt.Sprintf("no common free time for %s within their availability and the request's window", who)
	case stagePeople:
		return fmt.Sprintf("fixed commitments of %s (or travel to and from them) cover every common free time", who)
	case stageRoomHeld:
		return fmt.Sprintf("all fitting rooms are held by fixed commitments at every common free time of %s", who)
	}
	if s.late() {
		return "not placed: the time limit ran out before a slot was found"
	}
	return s.lostReason(r)
}

// lostReason explains why a request that fits on its own lost out to the
// placed ones.
func (s *solver) lostReason(r int) string {
	m := s.m
	q := &m.reqs[r]
	req := &m.p.Requests[r]
	attendeeFree := make([]bool, len(q.attendees))
	together := false
	lastSi, lastVenue := int32(-1), int32(-1)
	for _, c := range q.cands {
		v := m.rooms[c.room].venue
		if c.si == lastSi && v == lastVenue {
			continue
		}
		lastSi, lastVenue = c.si, v
		t := q.starts[c.si]
		all := true
		for k, p := range q.attendees {
			if m.personFree(s.st, p, v, t, t+q.dur) {
				attendeeFree[k] = true
			} else {
				all = false
			}
		}
		together = together || all
	}
	if together {
		return fmt.Sprintf("all fitting rooms are taken at every common free time of %s", listWords(req.Attendees))
	}
	if why := s.capReason(r); why != "" {
		return why
	}
	var full []string
	for k, free := range attendeeFree {
		if !free {
			full = append(full, req.Attendees[k])
		}
	}
	if len(full) > 0 {
		verb := "has"
		if len(full) > 1 {
			verb = "have"
		}
		what := "travel"
		if m.rest > 0 {
			what = "travel and rest"
		}
		return fmt.Sprintf("%s %s other meetings (or %s) at every time this request could take place", listWords(full), verb, what)
	}
	if s.outranked(r) {
		return "not placed: lower priority than the requests that took its slots"
	}
	return fmt.Sprintf("not placed: other meetings of %s or of its rooms take every slot it could have", listWords(req.Attendees))
}

// capReason names an attendee of request r who already has as many
// placements as max_placements_per_window allows in every window the
// request could take place in ("p1 already has 4 bilaterals on 3 July"), or
// returns "".
func (s *solver) capReason(r int) string {
	m := s.m
	if !m.capped {
		return ""
	}
	q := &m.reqs[r]
	var windows []int
	for _, c := range q.cands {
		if w := m.windowIndex(q.starts[c.si]); !slices.Contains(windows, w) {
			windows = append(windows, w)
		}
	}
	for k, p := range q.attendees {
		full := len(windows) > 0
		for _, w := range windows {
			full = full && m.full(s.st, p, m.windows[w].from)
		}
		if !full {
			continue
		}
		var days []string
		for _, w := range windows {
			days = append(days, m.windowDay(w))
		}
		return fmt.Sprintf("%s already has %d bilaterals on %s", m.p.Requests[r].Attendees[k], m.people[p].cap, listWords(distinct(days)))
	}
	return ""
}

// windowDay names the day of window w as the problem file gives its start
// ("3 July"), in the start's own time zone.
func (m *model) windowDay(w int) string {
	from := m.windows[w].from
	for _, x := range m.p.Windows {
		if m.tick(x.From) == from {
			return x.From.Format("2 January")
		}
	}
	return m.time(from).Format("2 January")
}

// outranked reports whether every candidate of r is blocked by a placed
// request of equal or higher priority.
func (s *solver) outranked(r int) bool {
	for ci := range s.m.reqs[r].cands {
		s.blockers(r, int32(ci))
		top := 0
		for _, b := range s.scratch {
			top = max(top, s.m.reqs[b].prio)
		}
		if top < s.m.reqs[r].prio {
			return false
		}
	}
	return true
}

// slotForPeople reports whether the given people are available together in
// some grid slot of request r.
func (m *model) slotForPeople(r int, people []int32) bool {
	q := &m.reqs[r]
	for _, w := range m.windows {
		lo, hi := max(w.from, q.lo), min(w.to, q.hi)
		if hi-lo < q.dur {
			continue
		}
		first := w.from
		if lo > w.from {
			first += (lo - w.from + m.gran - 1) / m.gran * m.gran
		}
		for t := first; t+q.dur <= hi; t += m.gran {
			ok := true
			for _, p := range people {
				ok = ok && m.people[p].available(t, t+q.dur)
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// listWords joins words as "a", "a and b", "a, b and c".
func listWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func distinct(words []string) []string {
	var out []string
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// upperBound is a cheap bound on the best objective: the smallest of the
// priorities of the requests that fit on their own, a bound from each
// person's free time and a bound from the rooms' free time (each a
// fractional knapsack).
func (s *solver) upperBound() int {
	m := s.m
	alone := 0
	var feasible []int
	examined := true
	for r, q := range m.reqs {
		switch {
		case !q.examined:
			examined = false
			alone += q.prio
		case len(q.cands) > 0:
			alone += q.prio
			feasible = append(feasible, r)
		}
	}
	if !examined {
		return alone
	}

	// Each request's priority is shared among its attendees; a person's
	// share of the placed requests cannot need more time than they have.
	busyOf := make([][]span, len(m.people))
	for _, f := range m.fixed {
		for _, p := range f.people {
			busyOf[p] = append(busyOf[p], f.span)
		}
	}
	type piece struct {
		value  float64
		weight int64
	}
	byPerson := make([][]piece, len(m.people))
	for _, r := range feasible {
		q := &m.reqs[r]
		share := float64(q.prio) / float64(len(q.attendees))
		for _, p := range q.attendees {
			byPerson[p] = append(byPerson[p], piece{share, q.dur})
		}
	}
	knapsack := func(items []piece, capacity int64) float64 {
		slices.SortStableFunc(items, func(a, b piece) int {
			return cmp.Compare(b.value/float64(b.weight), a.value/float64(a.weight))
		})
		total := 0.0
		for _, it := range items {
			if capacity <= 0 {
				break
			}
			if it.weight <= capacity {
				total += it.value
				capacity -= it.weight
			} else {
				total += it.value * float64(capacity) / float64(it.weight)
				capacity = 0
			}
		}
		return total
	}
	personBound := 0.0
	for p := range m.people {
		if len(byPerson[p]) == 0 {
			continue
		}
		free := m.windows
		if av := m.people[p].avail; av != nil {
			free = intersectSpans(free, av)
		}
		personBound += knapsack(byPerson[p], measure(free)-measure(intersectSpans(free, mergeSpans(busyOf[p]))))
	}

	// Every placed meeting needs its duration in some room.
	var roomTime int64
	for room := range m.rooms {
		var held []span
		for _, f := range m.fixed {
			if f.room == int32(room) {
				held = append(held, f.span)
			}
		}
		roomTime += measure(m.windows) - measure(intersectSpans(m.windows, mergeSpans(held)))
	}
	var all []piece
	for _, r := range feasible {
		all = append(all, piece{float64(m.reqs[r].prio), m.reqs[r].dur})
	}
	roomBound := knapsack(all, roomTime)

	bound := min(float64(alone), personBound, roomBound, float64(s.capBound(feasible)))
	return int(math.Floor(bound + 1e-6))
}

// capBound bounds the objective by max_placements_per_window: each feasible
// request with a capped attendee is counted for one of them (the one with
// the fewest placements allowed), and a person with cap c can hold at most c
// placements in each window where their requests have candidates, so only
// that many of the highest priorities among their requests count.
func (s *solver) capBound(feasible []int) int {
	m := s.m
	if !m.capped {
		return math.MaxInt
	}
	total := 0
	mine := make([][]int, len(m.people))
	windows := make([][]int, len(m.people))
	for _, r := range feasible {
		q := &m.reqs[r]
		owner := int32(-1)
		for _, p := range q.attendees {
			if c := m.people[p].cap; c > 0 && (owner < 0 || c < m.people[owner].cap) {
				owner = p
			}
		}
		if owner < 0 {
			total += q.prio
			continue
		}
		mine[owner] = append(mine[owner], q.prio)
		for _, c := range q.cands {
			if w := m.windowIndex(q.starts[c.si]); !slices.Contains(windows[owner], w) {
				windows[owner] = append(windows[owner], w)
			}
		}
	}
	for p, prios := range mine {
		slices.Sort(prios)
		slices.Reverse(prios)
		for _, x := range prios[:min(len(prios), m.people[p].cap*len(windows[p]))] {
			total += x
		}
	}
	return total
}

// intersectSpans intersects two sorted lists of disjoint spans.
func intersectSpans(a, b []span) []span {
	var out []span
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].from, b[j].from), min(a[i].to, b[j].to)
		if lo < hi {
			out = append(out, span{lo, hi})
		}
		if a[i].to < b[j].to {
			i++
		} else {
			j++
		}
	}
	return out
}

func measure(s []span) int64 {
	var total int64
	for _, x := range s {
		total += x.to - x.from
	}
	return total
}
