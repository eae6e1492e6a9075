package scheduler

// item is one commitment on a room's or a person's timeline.
type item struct {
	start, end int64
	venue      int32 // -1: none known
	owner      int32 // the placed request, or -1 for a fixed commitment
}

// timeline keeps a room's or a person's commitments sorted by start.
type timeline struct {
	items  []item
	maxLen int64 // no item is longer, so a search can start close to where it matters
}

// first returns the index of the first item that can reach within slack of
// tick s.
func (tl *timeline) first(s, slack int64) int {
	lo, hi := 0, len(tl.items)
	bound := s - slack - tl.maxLen
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if tl.items[mid].start <= bound {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

func (tl *timeline) add(it item) {
	i := tl.first(it.start, 1-tl.maxLen) // the first item starting at it.start or later
	for i < len(tl.items) && tl.items[i].start == it.start && tl.items[i].owner < it.owner {
		i++
	}
	tl.items = append(tl.items, item{})
	copy(tl.items[i+1:], tl.items[i:])
	tl.items[i] = it
	tl.maxLen = max(tl.maxLen, it.end-it.start)
}

func (tl *timeline) remove(start int64, owner int32) {
	for i := tl.first(start, 1-tl.maxLen); i < len(tl.items) && tl.items[i].start <= start; i++ {
		if tl.items[i].start == start && tl.items[i].owner == owner {
			tl.items = append(tl.items[:i], tl.items[i+1:]...)
			return
		}
	}
	panic("scheduler: removing an item that is not on the timeline")
}

// state is a (partial) plan: where each request is and what it holds.
type state struct {
	at        []int32 // candidate index per request, -1 when unplaced
	rooms     []timeline
	people    []timeline
	objective int
	used      int64   // room time the placed requests take
	count     []int32 // [person*windows+window]: the person's placements in the window, when someone is capped
}

func newState(m *model) *state {
	st := &state{
		at:     make([]int32, len(m.reqs)),
		rooms:  make([]timeline, len(m.rooms)),
		people: make([]timeline, len(m.people)),
	}
	for i := range st.at {
		st.at[i] = -1
	}
	if m.capped {
		st.count = make([]int32, len(m.people)*len(m.windows))
	}
	for _, f := range m.fixed {
		it := item{start: f.from, end: f.to, venue: f.venue, owner: -1}
		if f.room >= 0 {
			st.rooms[f.room].add(it)
		}
		for _, p := range f.people {
			st.people[p].add(it)
		}
	}
	return st
}

// roomFree reports whether the room is free for [s, e) and its changeover
// time on either side.
func (m *model) roomFree(st *state, room int32, s, e int64) bool {
	tl := &st.rooms[room]
	co := m.rooms[room].changeover
	for i := tl.first(s, co); i < len(tl.items) && tl.items[i].start < e+co; i++ {
		if tl.items[i].end+co > s {
			return false
		}
	}
	return true
}

// clash reports whether a person's commitment it rules out a meeting at venue
// v during [s, e): they overlap, or the gap between them is shorter than the
// rest (rest_minutes) plus the travel time between their venues.
func (m *model) clash(it *item, v int32, s, e int64) bool {
	if it.start < e && s < it.end {
		return true
	}
	if it.end <= s {
		return s-it.end < m.rest+m.travelTime(it.venue, v)
	}
	return it.start-e < m.rest+m.travelTime(v, it.venue)
}

// full reports whether the person already has as many placements in the
// window holding tick s as max_placements_per_window allows.
func (m *model) full(st *state, p int32, s int64) bool {
	c := m.people[p].cap
	return c > 0 && int(st.count[int(p)*len(m.windows)+m.windowIndex(s)]) >= c
}

// personFree reports whether the person can attend a meeting at venue v
// during [s, e).
func (m *model) personFree(st *state, p int32, v int32, s, e int64) bool {
	if m.capped && m.full(st, p, s) {
		return false
	}
	tl := &st.people[p]
	slack := m.maxGap
	for i := tl.first(s, slack); i < len(tl.items) && tl.items[i].start < e+slack; i++ {
		if m.clash(&tl.items[i], v, s, e) {
			return false
		}
	}
	return true
}

// peopleFree reports whether every attendee of request r can attend at venue v
// during [s, e).
func (m *model) peopleFree(st *state, r int, v int32, s, e int64) bool {
	for _, p := range m.reqs[r].attendees {
		if !m.personFree(st, p, v, s, e) {
			return false
		}
	}
	return true
}

// where returns the start, end and room of candidate ci of request r.
func (m *model) where(r int, ci int32) (s, e int64, room int32) {
	q := &m.reqs[r]
	c := q.cands[ci]
	s = q.starts[c.si]
	return s, s + q.dur, c.room
}

func (m *model) fits(st *state, r int, ci int32) bool {
	s, e, room := m.where(r, ci)
	return m.roomFree(st, room, s, e) && m.peopleFree(st, r, m.rooms[room].venue, s, e)
}

func (m *model) place(st *state, r int, ci int32) {
	s, e, room := m.where(r, ci)
	it := item{start: s, end: e, venue: m.rooms[room].venue, owner: int32(r)}
	st.rooms[room].add(it)
	for _, p := range m.reqs[r].attendees {
		st.people[p].add(it)
	}
	if m.capped {
		m.countIn(st, r, s, 1)
	}
	st.at[r] = ci
	st.objective += m.reqs[r].prio
	st.used += e - s
}

func (m *model) unplace(st *state, r int) {
	s, e, room := m.where(r, st.at[r])
	st.used -= e - s
	if m.capped {
		m.countIn(st, r, s, -1)
	}
	st.rooms[room].remove(s, int32(r))
	for _, p := range m.reqs[r].attendees {
		st.people[p].remove(s, int32(r))
	}
	st.at[r] = -1
	st.objective -= m.reqs[r].prio
}

// countIn adds d to the window counts of request r's attendees for a
// placement starting at s.
func (m *model) countIn(st *state, r int, s int64, d int32) {
	w := m.windowIndex(s)
	for _, p := range m.reqs[r].attendees {
		st.count[int(p)*len(m.windows)+w] += d
	}
}
