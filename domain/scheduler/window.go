package scheduler

import (
	"cmp"
	"slices"
	"time"
)

// windowMove clears a stretch of a few hours in two or three rooms and fills
// it again with the best set of requests it can find by branch and bound
// (windowSearch): unlike packRoom, which fills one room after the other, it
// weighs the rooms against each other, places each request at most once and
// keeps the attendees of meetings in different rooms apart. Requests it
// cleared out and did not take back are placed elsewhere if they fit.
func (s *solver) windowMove(iteration int) {
	var a, b int64
	var rooms []int32
	if s.rng.IntN(2) == 0 {
		a, b, rooms = s.targetWindow(iteration)
	} else {
		a, b, rooms = s.randomWindow()
	}
	if rooms == nil {
		return
	}
	m := s.m

	var victims []int32
	for _, room := range rooms {
		tl := &s.st.rooms[room]
		for i := tl.first(a, 0); i < len(tl.items) && tl.items[i].start < b; i++ {
			if it := &tl.items[i]; it.owner >= 0 && it.start >= a && it.end <= b {
				victims = append(victims, it.owner)
			}
		}
	}
	old := 0
	for _, v := range victims {
		old += m.reqs[v].prio
		s.take(int(v))
	}
	ws := s.newWindowSearch(rooms, a, b)
	chosen := ws.solve(old)
	if chosen == nil {
		s.rollback()
		return
	}
	for _, c := range chosen {
		if s.st.at[c.r] < 0 && m.fits(s.st, int(c.r), c.ci) {
			s.put(int(c.r), c.ci)
		}
	}
	for _, v := range victims {
		if s.st.at[v] < 0 {
			if ci := s.findSlot(int(v), -never, never, false); ci >= 0 {
				s.put(int(v), ci)
			}
		}
	}
}

// windowLength picks the length of a window in grid steps.
func (s *solver) windowLength() int {
	return max(1, min(int((int64(120+30*s.rng.IntN(5))*int64(time.Minute))/s.m.gran), 16))
}

// randomWindow picks a stretch of one window and two or three rooms at
// random; nil rooms when the window is shorter than the grid.
func (s *solver) randomWindow() (int64, int64, []int32) {
	m := s.m
	w := m.windows[s.rng.IntN(len(m.windows))]
	slots := int((w.to - w.from) / m.gran)
	if slots <= 0 {
		return 0, 0, nil
	}
	length := min(s.windowLength(), slots)
	first := s.rng.IntN(slots - length + 1)
	a := w.from + int64(first)*m.gran
	return a, min(w.to, a+int64(length)*m.gran), s.pickRooms(2 + s.rng.IntN(2))
}

// targetWindow picks a stretch around a candidate of an unplaced request, in
// the candidate's room and one or two other rooms the request fits; nil
// rooms when the window is shorter than the grid.
func (s *solver) targetWindow(iteration int) (int64, int64, []int32) {
	m := s.m
	u := s.pickUnplaced(iteration)
	q := &m.reqs[u]
	c := q.cands[s.rng.IntN(len(q.cands))]
	t := q.starts[c.si]
	w := m.windowOf(t)
	slots := int((w.to - w.from) / m.gran)
	if slots <= 0 {
		return 0, 0, nil
	}
	length := min(s.windowLength(), slots)
	first := int((t-w.from)/m.gran) - s.rng.IntN(length)
	first = max(0, min(first, slots-length))
	a := w.from + int64(first)*m.gran
	rooms := []int32{c.room}
	want := 2 + s.rng.IntN(2)
	for _, k := range s.rng.Perm(len(q.rooms)) {
		if len(rooms) < want && q.rooms[k] != c.room {
			rooms = append(rooms, q.rooms[k])
		}
	}
	for len(rooms) < min(want, len(m.rooms)) {
		if r := int32(s.rng.IntN(len(m.rooms))); !slices.Contains(rooms, r) {
			rooms = append(rooms, r)
		}
	}
	return a, min(w.to, a+int64(length)*m.gran), rooms
}

// pickRooms chooses k distinct rooms at random, preferring rooms of one
// venue when there are many, so that a window holds rooms that the same
// requests can use.
func (s *solver) pickRooms(k int) []int32 {
	m := s.m
	first := int32(s.rng.IntN(len(m.rooms)))
	rooms := []int32{first}
	if len(m.rooms) <= 8 {
		for _, r := range s.rng.Perm(len(m.rooms)) {
			if len(rooms) < k && int32(r) != first {
				rooms = append(rooms, int32(r))
			}
		}
		return rooms
	}
	for tries := 0; len(rooms) < k && tries < 4*k; tries++ {
		r := int32(s.rng.IntN(len(m.rooms)))
		if !slices.Contains(rooms, r) && (m.rooms[r].venue == m.rooms[first].venue || tries >= 2*k) {
			rooms = append(rooms, r)
		}
	}
	return rooms
}

// windowCand is a candidate of an unplaced request inside the window.
type windowCand struct {
	r, ci    int32
	k        int   // the room's index in windowSearch.rooms
	pos, end int   // grid positions of its start and of the room's next possible start
	s, e     int64 // its time
	venue    int32
	prio     int
	people   uint64 // a bit for each attendee, hashed: no common bit means no common attendee
}

// windowSearch is a branch and bound over the grid positions of a few rooms
// in [a, b): at each step the room free earliest gets one of the candidates
// starting at that position, or stays empty for one grid step.
type windowSearch struct {
	s      *solver
	rooms  []int32
	n      int          // grid positions in the window
	cands  []windowCand // by room, position, then best first
	first  []int32      // [room*n+position]: the first candidate there in cands
	ub     []int        // [room*(n+1)+position]: the most priority the room can still take, a request counted as often as it fits
	used   []bool       // requests in the current partial solution, by request
	stack  []int32      // candidates in the current partial solution
	next   []int        // per room, the next free position
	best   int          // the priority of the best solution found
	bestAt []int32      // its candidates
	nodes  int
	found  bool
}

// windowNodes caps the branch and bound's work per move: the nodes of the
// search tree and the candidates it looks at.
const windowNodes = 10000

// windowProbes caps the unplaced requests a window search considers per room.
const windowProbes = 70

// newWindowSearch prepares the search of [a, b) in the rooms: the free
// candidates of the unplaced requests and each room's bound.
func (s *solver) newWindowSearch(rooms []int32, a, b int64) *windowSearch {
	m := s.m
	ws := &windowSearch{s: s, rooms: rooms, n: int((b - a) / m.gran), used: s.inWindow}
	for k, room := range rooms {
		s.roomSlot[room] = int32(k)
	}
	// Each room considers its first windowProbes unplaced requests (in
	// byRoom's order: highest priority first) that fit in it in the window;
	// a request's candidates in all the rooms are collected at once.
	s.gen++
	for k, room := range rooms {
		probes := 0
		for _, r := range s.byRoom[room] {
			if s.st.at[r] >= 0 {
				continue
			}
			if s.mark[r] != s.gen {
				s.mark[r] = s.gen
				s.roomsFound[r] = ws.collect(int(r), a, b)
			}
			if s.roomsFound[r]&(1<<k) != 0 {
				if probes++; probes >= windowProbes {
					break
				}
			}
		}
	}
	for _, room := range rooms {
		s.roomSlot[room] = -1
	}
	ws.bucket()
	n := ws.n
	ws.ub = make([]int, len(rooms)*(n+1))
	for k := range rooms {
		ub := ws.ub[k*(n+1) : (k+1)*(n+1)]
		for pos := n - 1; pos >= 0; pos-- {
			ub[pos] = ub[pos+1]
			for c := ws.first[k*n+pos]; c < ws.first[k*n+pos+1]; c++ {
				wc := &ws.cands[c]
				ub[pos] = max(ub[pos], wc.prio+ub[min(n, wc.end)])
			}
		}
	}
	ws.next = make([]int, len(rooms))
	return ws
}

// bucket orders the candidates by room and position (a counting sort that
// keeps the order of collection) and, within each, highest priority first,
// then the shortest; it fills ws.first.
func (ws *windowSearch) bucket() {
	n := ws.n
	ws.first = make([]int32, len(ws.rooms)*n+1)
	for i := range ws.cands {
		ws.first[ws.cands[i].k*n+ws.cands[i].pos+1]++
	}
	for i := 1; i < len(ws.first); i++ {
		ws.first[i] += ws.first[i-1]
	}
	sorted := make([]windowCand, len(ws.cands))
	fill := slices.Clone(ws.first)
	for _, c := range ws.cands {
		slot := c.k*n + c.pos
		sorted[fill[slot]] = c
		fill[slot]++
	}
	for slot := 0; slot+1 < len(ws.first); slot++ {
		slices.SortStableFunc(sorted[ws.first[slot]:ws.first[slot+1]], func(x, y windowCand) int {
			if c := cmp.Compare(y.prio, x.prio); c != 0 {
				return c
			}
			return cmp.Compare(x.e, y.e)
		})
	}
	ws.cands = sorted
}

// collect adds the candidates of unplaced request r that start on the grid
// in [a, b), end by b, lie in the search's rooms (s.roomSlot) and are free.
// It returns the set of rooms (as bits of their indices) it found some in.
func (ws *windowSearch) collect(r int, a, b int64) uint64 {
	s, m := ws.s, ws.s.m
	q := &m.reqs[r]
	from, to := m.candRange(r, a, b-q.dur)
	lastSi, lastVenue, free := int32(-1), int32(-1), false
	var found uint64
	bits := peopleBits(q.attendees)
	for ci := from; ci < to; ci++ {
		c := q.cands[ci]
		k := s.roomSlot[c.room]
		t := q.starts[c.si]
		if k < 0 || (t-a)%m.gran != 0 || int((t-a)/m.gran) >= ws.n || !m.roomFree(s.st, c.room, t, t+q.dur) {
			continue
		}
		v := m.rooms[c.room].venue
		if c.si != lastSi || v != lastVenue {
			lastSi, lastVenue = c.si, v
			free = m.peopleFree(s.st, r, v, t, t+q.dur)
		}
		if !free {
			continue
		}
		co := m.rooms[c.room].changeover
		ws.cands = append(ws.cands, windowCand{r: int32(r), ci: int32(ci), k: int(k), pos: int((t - a) / m.gran),
			s: t, e: t + q.dur, venue: v, prio: q.prio, people: bits,
			end: int((t + q.dur + co - a + m.gran - 1) / m.gran)})
		found |= 1 << k
	}
	return found
}

// solve returns the best set of candidates worth more than old, or nil when
// the search finds none.
func (ws *windowSearch) solve(old int) []windowCand {
	ws.best = old
	ws.dfs(0)
	if !ws.found {
		return nil
	}
	out := make([]windowCand, len(ws.bestAt))
	for i, c := range ws.bestAt {
		out[i] = ws.cands[c]
	}
	return out
}

// dfs extends the partial solution, worth value, in the room that is free
// earliest: with each candidate starting there that keeps the solution
// feasible, then with nothing for one grid step. It prunes when the bound
// (value plus each room's ub) cannot beat the best solution and stops after
// windowNodes units of work.
func (ws *windowSearch) dfs(value int) {
	if ws.nodes >= windowNodes {
		return
	}
	ws.nodes++
	k, bound := -1, value
	for j, pos := range ws.next {
		if pos < ws.n {
			bound += ws.ub[j*(ws.n+1)+pos]
			if k < 0 || pos < ws.next[k] {
				k = j
			}
		}
	}
	if value > ws.best {
		ws.best, ws.found = value, true
		ws.bestAt = append(ws.bestAt[:0], ws.stack...)
	}
	if k < 0 || bound <= ws.best {
		return
	}
	pos := ws.next[k]
	ub := ws.ub[k*(ws.n+1) : (k+1)*(ws.n+1)]
	rest := bound - ub[pos] // the bound without room k
	for c := ws.first[k*ws.n+pos]; c < ws.first[k*ws.n+pos+1]; c++ {
		wc := &ws.cands[c]
		ws.nodes++
		if rest+wc.prio+ub[min(ws.n, wc.end)] <= ws.best || ws.used[wc.r] || !ws.compatible(wc) {
			continue
		}
		ws.used[wc.r] = true
		ws.stack = append(ws.stack, c)
		ws.next[k] = wc.end
		ws.dfs(value + wc.prio)
		ws.next[k] = pos
		ws.stack = ws.stack[:len(ws.stack)-1]
		ws.used[wc.r] = false
	}
	if rest+ub[pos+1] > ws.best {
		ws.next[k] = pos + 1
		ws.dfs(value)
		ws.next[k] = pos
	}
}

// compatible reports whether a candidate's attendees can attend it together
// with the meetings of the partial solution in the other rooms.
func (ws *windowSearch) compatible(wc *windowCand) bool {
	m := ws.s.m
	for _, o := range ws.stack {
		oc := &ws.cands[o]
		if oc.k == wc.k || oc.people&wc.people == 0 || !sharePeople(m.reqs[wc.r].attendees, m.reqs[oc.r].attendees) {
			continue
		}
		it := item{start: oc.s, end: oc.e, venue: oc.venue}
		if m.clash(&it, wc.venue, wc.s, wc.e) {
			return false
		}
	}
	if m.capped {
		// The window lies in one of the problem's windows: the meetings
		// chosen so far count towards each attendee's cap.
		for _, p := range m.reqs[wc.r].attendees {
			c := m.people[p].cap
			if c == 0 {
				continue
			}
			n := int(ws.s.st.count[int(p)*len(m.windows)+m.windowIndex(wc.s)])
			for _, o := range ws.stack {
				if slices.Contains(m.reqs[ws.cands[o].r].attendees, p) {
					n++
				}
			}
			if n >= c {
				return false
			}
		}
	}
	return true
}

// peopleBits hashes attendees into a 64-bit set.
func peopleBits(attendees []int32) uint64 {
	var bits uint64
	for _, p := range attendees {
		bits |= 1 << (uint32(p) % 64)
	}
	return bits
}

// sharePeople reports whether two lists of attendees have someone in common.
func sharePeople(a, b []int32) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
