package scheduler

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"time"
)

// Solve places as many requests as it can, maximising the sum of their
// priorities, so that every placement satisfies every rule of the contract's
// section 5 against the other placements and the fixed commitments.
//
// It lists each request's candidates (room, start) against the fixed
// commitments, builds a plan greedily (highest priority, then scarcest,
// first), prices rooms' and people's time by a Lagrangian relaxation, builds
// the plan again guided by those prices, and improves the better one by
// large-neighbourhood search with simulated annealing (ejections, ruin and
// rebuild, one-room repacking by dynamic programming, and several-room
// repacking of a few hours by branch and bound), on every core at once
// with restarts (search.go), until the plan is provably optimal, ctx is
// done or opts.TimeLimit has passed; it then returns the best plan found. A problem that fails
// Validate gets a plan that places nothing and gives the validation error
// as every request's reason.
func Solve(ctx context.Context, p *Problem, opts Options) Plan {
	began := time.Now()
	if err := p.Validate(); err != nil {
		plan := Plan{Placements: []Placement{}, Unplaced: []Unplaced{}}
		for _, q := range p.Requests {
			plan.Unplaced = append(plan.Unplaced, Unplaced{q.ID, "invalid problem: " + err.Error()})
		}
		plan.Stats.Seconds = time.Since(began).Seconds()
		return plan
	}
	s := newSolver(ctx, compile(p), opts, began)
	s.examineAll()
	s.bound = s.upperBound()
	s.construct()
	s.relax(s.st.objective)
	if s.cells > 0 {
		// Build the plan again, now guided by the prices; keep the better.
		first, objective := slices.Clone(s.st.at), s.st.objective
		for _, r := range slices.Clone(s.placed.items) {
			s.take(r)
		}
		s.undo = s.undo[:0]
		s.construct()
		if s.st.objective < objective {
			s.restore(first)
		}
	}
	s.search()
	s.fill()
	return s.plan()
}

// solver holds the search's state.
type solver struct {
	m     *model
	st    *state
	rng   *rand.Rand
	ctx   context.Context
	opts  Options
	began time.Time
	soft  time.Time // the search stops here, leaving time to finish the plan
	hard  time.Time // the time limit; zero when there is none
	hit   bool      // the time limit (or ctx) stopped the search

	bound      int
	order      []int     // feasible requests, greedy order
	pool       indexSet  // feasible requests that are not placed
	placed     indexSet  // placed requests
	byPerson   [][]int32 // requests each person attends
	byRoom     [][]int32 // feasible requests each room fits, highest priority (then shortest) first
	lastTry    []int     // iteration in which each request was last picked
	undo       []undoOp
	mark       []uint32 // scratch marks for de-duplication
	inWindow   []bool   // the requests a windowSearch has chosen
	roomSlot   []int32  // each room's index among a windowSearch's rooms, or -1
	roomsFound []uint64 // per request marked in this windowSearch: the rooms it has candidates in
	gen        uint32
	scratch    []int32

	lg          *lagrangian // the relaxation, nil when there are no prices
	cellSize    int64
	cells       int       // grid cells from the first window's start past the last one's end; 0: no prices
	roomPrice   []float32 // [room*cells+cell]: the price of the room's time
	personPrice []float32 // [person*cells+cell]: the price of the person's time

	iterations, improvements int
	done, total, reported    int

	// A portfolio worker's run of annealing (search.go).
	halt    *atomic.Bool // set when any worker sees the time run out
	best    elite        // the best plan of this run
	runIt   int          // iterations into the run
	runLen  int          // the run's length
	lastImp int          // runIt of the run's last improvement (or restart from its best)
	heat    float64      // the run's starting temperature
	weights [3]int       // cumulative percentages of eject, ruin and repack moves; the rest are window moves
	optimal bool         // the plan is proven optimal
	workers int          // how many workers the search ran
}

type undoOp struct {
	r      int32
	ci     int32
	placed bool // the op placed r (else it removed r from ci)
}

func newSolver(ctx context.Context, m *model, opts Options, began time.Time) *solver {
	s := &solver{
		m:          m,
		st:         newState(m),
		rng:        rand.New(rand.NewPCG(uint64(opts.Seed), 0x5c0a57a7a)),
		ctx:        ctx,
		opts:       opts,
		began:      began,
		pool:       newIndexSet(len(m.reqs)),
		placed:     newIndexSet(len(m.reqs)),
		lastTry:    make([]int, len(m.reqs)),
		mark:       make([]uint32, len(m.reqs)),
		inWindow:   make([]bool, len(m.reqs)),
		roomsFound: make([]uint64, len(m.reqs)),
		weights:    [3]int{40, 60, 80},
		heat:       1,
	}
	if opts.TimeLimit > 0 {
		s.hard = began.Add(opts.TimeLimit)
		s.soft = began.Add(opts.TimeLimit * 9 / 10)
	}
	s.roomSlot = make([]int32, len(m.rooms))
	for i := range s.roomSlot {
		s.roomSlot[i] = -1
	}
	s.byPerson = make([][]int32, len(m.people))
	for r, q := range m.reqs {
		for _, p := range q.attendees {
			s.byPerson[p] = append(s.byPerson[p], int32(r))
		}
	}
	s.total = 3*len(m.reqs) + searchSteps
	return s
}

// stopped reports whether the search must stop: ctx is done or the soft
// deadline has passed.
func (s *solver) stopped() bool {
	if !s.hit && (s.ctx.Err() != nil || (!s.soft.IsZero() && time.Now().After(s.soft)) || (s.halt != nil && s.halt.Load())) {
		s.hit = true
	}
	return s.hit
}

// late reports whether even finishing the plan must be cut short.
func (s *solver) late() bool {
	if s.ctx.Err() != nil || (!s.hard.IsZero() && time.Now().After(s.hard)) {
		s.hit = true
		return true
	}
	return false
}

func (s *solver) advance(n int) {
	s.done += n
	if s.opts.Progress != nil && (s.done-s.reported)*100 >= s.total {
		s.reported = s.done
		s.opts.Progress(min(s.done, s.total), s.total)
	}
}

// examineAll computes every request's static candidates.
func (s *solver) examineAll() {
	for r := range s.m.reqs {
		if s.stopped() {
			break
		}
		s.m.examine(s.st, r)
		s.advance(1)
	}
	for r, q := range s.m.reqs {
		if q.examined && len(q.cands) > 0 {
			s.order = append(s.order, r)
		}
	}
	// Highest priority first; among equals, the scarcest, then the shortest.
	slices.SortStableFunc(s.order, func(a, b int) int {
		qa, qb := &s.m.reqs[a], &s.m.reqs[b]
		if c := cmp.Compare(qb.prio, qa.prio); c != 0 {
			return c
		}
		if c := cmp.Compare(len(qa.cands), len(qb.cands)); c != 0 {
			return c
		}
		return cmp.Compare(qa.dur, qb.dur)
	})
	for _, r := range s.order {
		s.pool.add(r)
	}
	s.byRoom = make([][]int32, len(s.m.rooms))
	byDensity := slices.Clone(s.order)
	slices.SortStableFunc(byDensity, func(a, b int) int {
		qa, qb := &s.m.reqs[a], &s.m.reqs[b]
		if c := cmp.Compare(qb.prio, qa.prio); c != 0 {
			return c
		}
		return cmp.Compare(qa.dur, qb.dur)
	})
	for _, r := range byDensity {
		for _, room := range s.m.reqs[r].rooms {
			s.byRoom[room] = append(s.byRoom[room], int32(r))
		}
	}
}

// examine computes request r's grid starts and its candidates against the
// fixed commitments, which are all that st holds when it is called, and
// records the static check that rules the request out, if any.
func (m *model) examine(st *state, r int) {
	q := &m.reqs[r]
	q.examined = true
	if len(q.rooms) == 0 {
		q.stage = stageNoRoom
		return
	}
	slots := 0
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
			slots++
			ok := true
			for _, p := range q.attendees {
				if !m.people[p].available(t, t+q.dur) {
					ok = false
					break
				}
			}
			if ok {
				q.starts = append(q.starts, t)
			}
		}
	}
	switch {
	case slots == 0:
		q.stage = stageNoSlot
		return
	case len(q.starts) == 0:
		q.stage = stageNoAvail
		return
	}
	peopleFree := false
	for si, t := range q.starts {
		for i := 0; i < len(q.rooms); {
			v := m.rooms[q.rooms[i]].venue
			j := i + 1
			for j < len(q.rooms) && m.rooms[q.rooms[j]].venue == v {
				j++
			}
			if m.peopleFree(st, r, v, t, t+q.dur) {
				peopleFree = true
				for _, room := range q.rooms[i:j] {
					if m.roomFree(st, room, t, t+q.dur) {
						q.cands = append(q.cands, cand{int32(si), room})
					}
				}
			}
			i = j
		}
	}
	switch {
	case len(q.cands) > 0:
		q.stage = stageOK
	case !peopleFree:
		q.stage = stagePeople
	default:
		q.stage = stageRoomHeld
	}
}

// put places r at candidate ci, remembering how to undo it.
func (s *solver) put(r int, ci int32) {
	s.m.place(s.st, r, ci)
	s.pool.remove(r)
	s.placed.add(r)
	s.undo = append(s.undo, undoOp{int32(r), ci, true})
}

// take removes r from the plan, remembering how to undo it.
func (s *solver) take(r int) {
	s.undo = append(s.undo, undoOp{int32(r), s.st.at[r], false})
	s.m.unplace(s.st, r)
	s.placed.remove(r)
	s.pool.add(r)
}

// rollback undoes every put and take since the undo log was last cleared.
func (s *solver) rollback() {
	for i := len(s.undo) - 1; i >= 0; i-- {
		op := s.undo[i]
		r := int(op.r)
		if op.placed {
			s.m.unplace(s.st, r)
			s.placed.remove(r)
			s.pool.add(r)
		} else {
			s.m.place(s.st, r, op.ci)
			s.pool.remove(r)
			s.placed.add(r)
		}
	}
	s.undo = s.undo[:0]
}

// candRange returns the candidates of r whose start lies in [lo, hi].
func (m *model) candRange(r int, lo, hi int64) (int, int) {
	q := &m.reqs[r]
	siLo, _ := slices.BinarySearch(q.starts, lo)
	siHi, found := slices.BinarySearch(q.starts, hi)
	if found {
		siHi++
	}
	from, _ := slices.BinarySearchFunc(q.cands, int32(siLo), func(c cand, si int32) int { return cmp.Compare(c.si, si) })
	to, _ := slices.BinarySearchFunc(q.cands, int32(siHi), func(c cand, si int32) int { return cmp.Compare(c.si, si) })
	return from, to
}

// findSlot returns a free candidate of r starting in [lo, hi], or -1. It
// picks the one whose room and attendees' time is cheapest at the
// relaxation's prices, then the one leaving the fewest unusable gaps in the
// room and the attendees' days, then the least sought-after room, then the
// earliest; or, when random is set, any free one.
func (s *solver) findSlot(r int, lo, hi int64, random bool) int32 {
	m := s.m
	q := &m.reqs[r]
	from, to := m.candRange(r, lo, hi)
	best := int32(-1)
	var bestWaste int64
	var bestDemand, seen int
	var bestContest float64
	lastSi, lastVenue, free := int32(-1), int32(-1), false
	for ci := from; ci < to; ci++ {
		c := q.cands[ci]
		t := q.starts[c.si]
		v := m.rooms[c.room].venue
		if c.si != lastSi || v != lastVenue {
			lastSi, lastVenue = c.si, v
			free = m.peopleFree(s.st, r, v, t, t+q.dur)
		}
		if !free || !m.roomFree(s.st, c.room, t, t+q.dur) {
			continue
		}
		if random {
			seen++
			if s.rng.IntN(seen) == 0 {
				best = int32(ci)
			}
			continue
		}
		contest := s.contest(r, c.room, t, t+q.dur)
		waste := s.waste(r, c.room, t, t+q.dur)
		demand := m.rooms[c.room].demand
		better := contest < bestContest ||
			contest == bestContest && (waste < bestWaste || waste == bestWaste && demand < bestDemand)
		if best < 0 || better {
			best, bestWaste, bestDemand, bestContest = int32(ci), waste, demand, contest
		}
	}
	return best
}

// contest is the price of the room and the attendees' time during [t, e),
// from the Lagrangian relaxation: how much the other requests want it.
func (s *solver) contest(r int, room int32, t, e int64) float64 {
	if s.cells == 0 {
		return 0
	}
	m := s.m
	co := m.rooms[room].changeover
	lo, hi := int(t/s.cellSize), int((e+co+s.cellSize-1)/s.cellSize)
	total := 0.0
	row := s.roomPrice[int(room)*s.cells:]
	for c := lo; c < hi; c++ {
		total += float64(row[c])
	}
	hi = int((e + m.rest + s.cellSize - 1) / s.cellSize)
	for _, p := range m.reqs[r].attendees {
		row := s.personPrice[int(p)*s.cells:]
		for c := lo; c < hi; c++ {
			total += float64(row[c])
		}
	}
	return total
}

// waste measures the gaps too short for any meeting that placing r in room
// during [t, e) would leave next to it, in the room and in the attendees' days.
func (s *solver) waste(r int, room int32, t, e int64) int64 {
	m := s.m
	w := m.windowOf(t)
	co := m.rooms[room].changeover
	total := m.gapWaste(&s.st.rooms[room], co, t, e, w)
	for _, p := range m.reqs[r].attendees {
		total += m.gapWaste(&s.st.people[p], 0, t, e, w)
	}
	return total
}

func (m *model) gapWaste(tl *timeline, co, t, e int64, w span) int64 {
	before, after := t-w.from, w.to-e
	for i := tl.first(t, co+m.minDur); i < len(tl.items) && tl.items[i].start < e+co+m.minDur; i++ {
		it := &tl.items[i]
		if it.end <= t {
			before = min(before, t-it.end-co)
		} else if it.start >= e {
			after = min(after, it.start-e-co)
		}
	}
	var waste int64
	if before > 0 && before < m.minDur {
		waste += before
	}
	if after > 0 && after < m.minDur {
		waste += after
	}
	return waste
}

// windowIndex returns the index of the window that holds tick t, or
// len(m.windows) when none does.
func (m *model) windowIndex(t int64) int {
	i, _ := slices.BinarySearchFunc(m.windows, t, func(w span, t int64) int {
		if w.to <= t {
			return -1
		}
		return 1
	})
	return i
}

// windowOf returns the window that holds tick t.
func (m *model) windowOf(t int64) span {
	i, _ := slices.BinarySearchFunc(m.windows, t, func(w span, t int64) int {
		if w.to <= t {
			return -1
		}
		return 1
	})
	if i < len(m.windows) {
		return m.windows[i]
	}
	return span{t, t}
}

// construct builds the first plan greedily.
func (s *solver) construct() {
	for _, r := range s.order {
		if s.stopped() {
			return
		}
		if ci := s.findSlot(r, -never, never, false); ci >= 0 {
			s.put(r, ci)
		}
		s.advance(1)
	}
	s.undo = s.undo[:0]
}

// fill tries once more to place every unplaced request.
func (s *solver) fill() {
	for _, r := range s.order {
		if s.late() {
			return
		}
		if s.st.at[r] < 0 {
			if ci := s.findSlot(r, -never, never, false); ci >= 0 {
				s.put(r, ci)
			}
		}
		s.advance(1)
	}
	s.undo = s.undo[:0]
}

// move changes a small part of the plan, choosing the kind of change at
// random by the worker's weights (by default 40% eject, 20% ruin and
// rebuild, 20% room repack, 20% window search).
func (s *solver) move(it int) {
	switch k := s.rng.IntN(100); {
	case s.placed.len() == 0 || k < s.weights[0]:
		s.ejectMove(it)
	case k < s.weights[1]:
		s.ruinMove()
	case k < s.weights[2]:
		s.repackMove()
	default:
		s.windowMove(it)
	}
}

// restore makes the plan the one given by at.
func (s *solver) restore(at []int32) {
	for _, r := range slices.Clone(s.placed.items) {
		s.take(r)
	}
	for r, ci := range at {
		if ci >= 0 {
			s.put(r, ci)
		}
	}
	s.undo = s.undo[:0]
}

// pickUnplaced chooses an unplaced request, preferring high priority and
// those not tried for a while.
func (s *solver) pickUnplaced(it int) int {
	best := s.pool.at(s.rng.IntN(s.pool.len()))
	for range 2 {
		r := s.pool.at(s.rng.IntN(s.pool.len()))
		pb, pr := s.m.reqs[best].prio, s.m.reqs[r].prio
		if pr > pb || (pr == pb && s.lastTry[r] < s.lastTry[best]) {
			best = r
		}
	}
	s.lastTry[best] = it
	return best
}

// ejectSlack is how much more priority than its own an ejectMove may
// displace to place a request; the displaced requests are placed again where
// they fit, and the annealing judges the result.
const ejectSlack = 4

// ejectMove places an unplaced request where it displaces the least
// priority, then tries to place the displaced requests and others that share
// their attendees again.
func (s *solver) ejectMove(it int) {
	m := s.m
	u := s.pickUnplaced(it)
	q := &m.reqs[u]
	best, bestCost, ties := int32(-1), 1<<30, 0
	for ci := range q.cands {
		cost := s.ejectCost(u, int32(ci), bestCost)
		switch {
		case cost < bestCost:
			best, bestCost, ties = int32(ci), cost, 1
		case cost == bestCost && best >= 0:
			ties++
			if s.rng.IntN(ties) == 0 {
				best = int32(ci)
			}
		}
	}
	if best < 0 || bestCost > q.prio+ejectSlack {
		return
	}
	s.blockers(u, best)
	victims := slices.Clone(s.scratch)
	for _, b := range victims {
		s.take(int(b))
	}
	s.put(u, best)
	s.rebuild(victims, true)
}

// ruinMove clears the plan around one placed meeting, in its room and in its
// attendees' days, and fills the gap again in another order.
func (s *solver) ruinMove() {
	m := s.m
	p := s.placed.at(s.rng.IntN(s.placed.len()))
	t, e, room := m.where(p, s.st.at[p])
	reach := int64(30+30*s.rng.IntN(4)) * int64(time.Minute)
	lo, hi := t-reach, e+reach
	s.gen++
	var victims []int32
	collect := func(tl *timeline) {
		for i := tl.first(lo, 0); i < len(tl.items) && tl.items[i].start < hi; i++ {
			it := &tl.items[i]
			if it.owner >= 0 && it.end > lo && s.mark[it.owner] != s.gen {
				s.mark[it.owner] = s.gen
				victims = append(victims, it.owner)
			}
		}
	}
	collect(&s.st.rooms[room])
	for _, a := range m.reqs[p].attendees {
		collect(&s.st.people[a])
	}
	for _, v := range victims {
		s.take(int(v))
	}
	s.rebuild(victims, s.rng.IntN(2) == 0)
}

// rebuild places the removed victims again (anywhere) together with related
// unplaced requests (near the freed times), highest priority first.
func (s *solver) rebuild(victims []int32, byPriority bool) {
	m := s.m
	lo, hi := never, -never
	for _, v := range victims {
		t, e, _ := m.where(int(v), s.undoCandOf(v))
		lo, hi = min(lo, t), max(hi, e)
	}
	slack := m.maxGap + m.maxDur
	for _, r := range m.rooms {
		slack = max(slack, r.changeover+m.maxDur)
	}
	lo, hi = lo-slack, hi+slack

	s.gen++
	var list []int32
	for _, v := range victims {
		s.mark[v] = s.gen
		list = append(list, v)
	}
	related := 0
	for _, v := range victims {
		for _, a := range m.reqs[v].attendees {
			reqs := s.byPerson[a]
			if len(reqs) == 0 {
				continue
			}
			off := s.rng.IntN(len(reqs))
			for k := range reqs {
				r := reqs[(off+k)%len(reqs)]
				if related < 24 && s.st.at[r] < 0 && s.pool.has(int(r)) && s.mark[r] != s.gen {
					s.mark[r] = s.gen
					list = append(list, r)
					related++
				}
			}
		}
	}
	for range 6 {
		if s.pool.len() == 0 {
			break
		}
		r := int32(s.pool.at(s.rng.IntN(s.pool.len())))
		if s.mark[r] != s.gen {
			s.mark[r] = s.gen
			list = append(list, r)
		}
	}
	s.rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	if byPriority {
		slices.SortStableFunc(list, func(a, b int32) int { return cmp.Compare(m.reqs[b].prio, m.reqs[a].prio) })
	}
	isVictim := func(r int32) bool { return slices.Contains(victims, r) }
	for _, r := range list {
		if s.st.at[r] >= 0 {
			continue
		}
		random := s.rng.IntN(4) == 0
		var ci int32
		if isVictim(r) {
			ci = s.findSlot(int(r), -never, never, random)
		} else {
			ci = s.findSlot(int(r), lo, hi, random)
		}
		if ci >= 0 {
			s.put(int(r), ci)
		}
	}
}

// undoCandOf returns the candidate a removed victim held before this move.
func (s *solver) undoCandOf(v int32) int32 {
	for i := len(s.undo) - 1; i >= 0; i-- {
		if s.undo[i].r == v && !s.undo[i].placed {
			return s.undo[i].ci
		}
	}
	return s.st.at[v]
}

// repackMove clears a stretch of a few hours in one or more rooms and fills
// each room again, one after the other, optimally by dynamic programming over
// the grid from the requests that are not placed: the most priority, then
// the least room time. Requests it cleared out and did not take back are
// placed elsewhere if they fit.
func (s *solver) repackMove() {
	m := s.m
	w := m.windows[s.rng.IntN(len(m.windows))]
	slots := int((w.to - w.from) / m.gran)
	if slots <= 0 {
		return
	}
	length := int((int64(90+30*s.rng.IntN(6)) * int64(time.Minute)) / m.gran)
	first := s.rng.IntN(slots)
	if first+length > slots {
		first = max(0, slots-length)
	}
	a := w.from + int64(first)*m.gran
	b := min(w.to, a+int64(length)*m.gran)

	rooms := s.rng.Perm(len(m.rooms))[:1+s.rng.IntN(min(len(m.rooms), 4))]
	var victims []int32
	for _, room := range rooms {
		tl := &s.st.rooms[room]
		for i := tl.first(a, 0); i < len(tl.items) && tl.items[i].start < b; i++ {
			if it := &tl.items[i]; it.owner >= 0 && it.start >= a && it.end <= b {
				victims = append(victims, it.owner)
			}
		}
	}
	for _, v := range victims {
		s.take(int(v))
	}
	for _, room := range rooms {
		s.packRoom(int32(room), a, b)
	}
	for _, v := range victims {
		if s.st.at[v] < 0 {
			if ci := s.findSlot(int(v), -never, never, false); ci >= 0 {
				s.put(int(v), ci)
			}
		}
	}
}

// packRoom fills [a, b) of a room, where a is on the grid, with unplaced
// requests: by dynamic programming over the grid positions, the most
// priority and then the least room time, ties broken at random.
func (s *solver) packRoom(room int32, a, b int64) {
	m := s.m
	n := int((b-a)/m.gran) + 1 // grid positions a, a+gran, …
	type option struct {
		r  int32
		ci int32
	}
	options := make([][]option, n)
	probes := 0
	venue := m.rooms[room].venue
	for _, r := range s.byRoom[room] {
		if s.st.at[r] >= 0 {
			continue
		}
		q := &m.reqs[r]
		from, to := m.candRange(int(r), a, b-q.dur)
		found := false
		for ci := from; ci < to; ci++ {
			c := q.cands[ci]
			if c.room != room {
				continue
			}
			t := q.starts[c.si]
			if (t-a)%m.gran != 0 || !m.roomFree(s.st, room, t, t+q.dur) || !m.peopleFree(s.st, int(r), venue, t, t+q.dur) {
				continue
			}
			options[(t-a)/m.gran] = append(options[(t-a)/m.gran], option{r, int32(ci)})
			found = true
		}
		if found {
			if probes++; probes >= 150 {
				break
			}
		}
	}

	// best[i] is the best value from position i on: priority first, then
	// minutes of room time saved, then a random tie-break.
	co := m.rooms[room].changeover
	step := func(r int32) int {
		return int((m.reqs[r].dur + co + m.gran - 1) / m.gran)
	}
	const unit = 1 << 30
	best := make([]int64, n+1)
	choice := make([]int32, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i], choice[i] = best[i+1], -1
		for k, o := range options[i] {
			q := &m.reqs[o.r]
			v := int64(q.prio)*unit - q.dur/int64(time.Minute)*64 + int64(s.rng.IntN(64)) + best[min(n, i+step(o.r))]
			if v > best[i] {
				best[i], choice[i] = v, int32(k)
			}
		}
	}
	for i := 0; i < n; {
		if choice[i] < 0 {
			i++
			continue
		}
		o := options[i][choice[i]]
		if s.st.at[o.r] < 0 && m.fits(s.st, int(o.r), o.ci) {
			s.put(int(o.r), o.ci)
		}
		i = min(n, i+step(o.r))
	}
}

// ejectCost is the total priority of the placed requests that block
// candidate ci of u, or a number above limit when it is at least limit.
func (s *solver) ejectCost(u int, ci int32, limit int) int {
	m := s.m
	t, e, room := m.where(u, ci)
	s.gen++
	cost := 0
	tl := &s.st.rooms[room]
	co := m.rooms[room].changeover
	for i := tl.first(t, co); i < len(tl.items) && tl.items[i].start < e+co; i++ {
		it := &tl.items[i]
		if it.end+co > t {
			if it.owner < 0 {
				return limit + 1
			}
			if s.mark[it.owner] != s.gen {
				s.mark[it.owner] = s.gen
				cost += m.reqs[it.owner].prio
				if cost > limit {
					return cost
				}
			}
		}
	}
	v := m.rooms[room].venue
	for _, p := range m.reqs[u].attendees {
		tl := &s.st.people[p]
		for i := tl.first(t, m.maxGap); i < len(tl.items) && tl.items[i].start < e+m.maxGap; i++ {
			it := &tl.items[i]
			if !m.clash(it, v, t, e) {
				continue
			}
			if it.owner < 0 {
				return limit + 1
			}
			if s.mark[it.owner] != s.gen {
				s.mark[it.owner] = s.gen
				cost += m.reqs[it.owner].prio
				if cost > limit {
					return cost
				}
			}
		}
	}
	if m.capped {
		for _, p := range m.reqs[u].attendees {
			if b := s.capBlocker(p, t); b >= 0 {
				s.mark[b] = s.gen
				if cost += m.reqs[b].prio; cost > limit {
					return cost
				}
			}
		}
	}
	return cost
}

// capBlocker returns, when person p's placements in the window of tick t
// are as many as max_placements_per_window allows and none of them is
// marked to make way already, the one of least priority (the earliest among
// equals); else -1.
func (s *solver) capBlocker(p int32, t int64) int32 {
	m := s.m
	if !m.full(s.st, p, t) {
		return -1
	}
	w := m.windows[m.windowIndex(t)]
	tl := &s.st.people[p]
	best := int32(-1)
	for i := tl.first(w.from, 0); i < len(tl.items) && tl.items[i].start < w.to; i++ {
		it := &tl.items[i]
		if it.owner < 0 || it.start < w.from {
			continue
		}
		if s.mark[it.owner] == s.gen {
			return -1
		}
		if best < 0 || m.reqs[it.owner].prio < m.reqs[best].prio {
			best = it.owner
		}
	}
	return best
}

// blockers leaves in s.scratch the placed requests that block candidate ci
// of u.
func (s *solver) blockers(u int, ci int32) {
	m := s.m
	t, e, room := m.where(u, ci)
	s.gen++
	s.scratch = s.scratch[:0]
	add := func(it *item) {
		if it.owner >= 0 && s.mark[it.owner] != s.gen {
			s.mark[it.owner] = s.gen
			s.scratch = append(s.scratch, it.owner)
		}
	}
	tl := &s.st.rooms[room]
	co := m.rooms[room].changeover
	for i := tl.first(t, co); i < len(tl.items) && tl.items[i].start < e+co; i++ {
		if tl.items[i].end+co > t {
			add(&tl.items[i])
		}
	}
	v := m.rooms[room].venue
	for _, p := range m.reqs[u].attendees {
		tl := &s.st.people[p]
		for i := tl.first(t, m.maxGap); i < len(tl.items) && tl.items[i].start < e+m.maxGap; i++ {
			if m.clash(&tl.items[i], v, t, e) {
				add(&tl.items[i])
			}
		}
	}
	if m.capped {
		for _, p := range m.reqs[u].attendees {
			if b := s.capBlocker(p, t); b >= 0 {
				s.mark[b] = s.gen
				s.scratch = append(s.scratch, b)
			}
		}
	}
}

// indexSet is a set of small integers with constant-time add, remove and
// random access; its order depends only on the sequence of operations.
type indexSet struct {
	items []int
	pos   []int32
}

func newIndexSet(n int) indexSet {
	s := indexSet{pos: make([]int32, n)}
	for i := range s.pos {
		s.pos[i] = -1
	}
	return s
}

func (s *indexSet) len() int       { return len(s.items) }
func (s *indexSet) at(i int) int   { return s.items[i] }
func (s *indexSet) has(x int) bool { return s.pos[x] >= 0 }

func (s *indexSet) add(x int) {
	if s.pos[x] < 0 {
		s.pos[x] = int32(len(s.items))
		s.items = append(s.items, x)
	}
}

func (s *indexSet) remove(x int) {
	i := s.pos[x]
	if i < 0 {
		return
	}
	last := s.items[len(s.items)-1]
	s.items[i] = last
	s.pos[last] = i
	s.items = s.items[:len(s.items)-1]
	s.pos[x] = -1
}
