package scheduler

import (
	"cmp"
	"slices"
	"time"
)

// The solver works on integer times: nanoseconds since the earliest window's
// start (a tick), so every comparison is exact.
const never = int64(1) << 62

// span is a half-open interval of ticks.
type span struct{ from, to int64 }

// model is the problem compiled into indices and ticks.
type model struct {
	p       *Problem
	base    time.Time
	gran    int64
	windows []span // sorted by start
	travel  [][]int64
	maxGap  int64 // the longest gap a person needs between two engagements: travel and rest
	rest    int64 // rest_minutes in ticks
	capped  bool  // someone has max_placements_per_window
	rooms   []roomInfo
	people  []personInfo
	reqs    []reqInfo
	fixed   []fixedItem
	minDur  int64
	maxDur  int64
}

type roomInfo struct {
	venue      int32
	changeover int64
	demand     int // how many requests the room fits: busy rooms are kept for those that need them
}

type personInfo struct {
	avail []span // merged and sorted; nil: always available
	cap   int    // at most this many placements in any one window; 0: no limit
}

// fixedItem is a busy entry in ticks.
type fixedItem struct {
	span
	venue  int32
	room   int32
	people []int32
}

// reqInfo is a request in ticks, with its static candidates once examined.
type reqInfo struct {
	attendees []int32
	dur       int64
	prio      int
	lo, hi    int64   // the start may not be before lo, the end not after hi
	rooms     []int32 // rooms with the seats and booths, grouped by venue
	starts    []int64 // grid starts inside a window and [lo, hi] when every attendee is available
	cands     []cand  // (start, room) pairs free of fixed commitments, ordered by start, venue, room
	examined  bool
	stage     stage
}

// cand is a start (an index into reqInfo.starts) in a room.
type cand struct{ si, room int32 }

// stage records the static check that ruled a request out.
type stage int8

const (
	stageOK       stage = iota
	stageNoRoom         // no room has the seats and booths
	stageNoSlot         // no grid slot inside the windows and [earliest, latest]
	stageNoAvail        // the attendees are never available together in such a slot
	stagePeople         // fixed commitments (or travel to them) fill every such slot
	stageRoomHeld       // fixed commitments hold every fitting room whenever the attendees are free
)

func compile(p *Problem) *model {
	m := &model{p: p, gran: int64(p.GranularityMinutes) * int64(time.Minute)}
	m.base = p.Windows[0].From
	for _, w := range p.Windows {
		if w.From.Before(m.base) {
			m.base = w.From
		}
	}
	for _, w := range p.Windows {
		m.windows = append(m.windows, m.span(w.From, w.To))
	}
	slices.SortFunc(m.windows, func(a, b span) int { return cmp.Compare(a.from, b.from) })

	venueIdx := make(map[string]int32, len(p.Venues))
	for i, v := range p.Venues {
		venueIdx[v.ID] = int32(i)
	}
	m.travel = make([][]int64, len(p.Venues))
	for i := range m.travel {
		m.travel[i] = make([]int64, len(p.Venues))
	}
	for i, v := range p.Venues {
		for to, mins := range v.TravelMinutes {
			j := venueIdx[to]
			if i == int(j) {
				continue
			}
			d := int64(mins) * int64(time.Minute)
			m.travel[i][j] = d
			if _, back := p.Venues[j].TravelMinutes[v.ID]; !back {
				m.travel[j][i] = d
			}
			m.maxGap = max(m.maxGap, d)
		}
	}

	m.rest = int64(p.RestMinutes) * int64(time.Minute)
	m.maxGap += m.rest

	roomIdx := make(map[string]int32, len(p.Rooms))
	for i, r := range p.Rooms {
		roomIdx[r.ID] = int32(i)
		m.rooms = append(m.rooms, roomInfo{
			venue:      venueIdx[r.VenueID],
			changeover: int64(r.ChangeoverMinutes) * int64(time.Minute),
		})
	}

	personIdx := make(map[string]int32, len(p.People))
	m.people = make([]personInfo, len(p.People))
	for i, person := range p.People {
		personIdx[person.ID] = int32(i)
		if c := person.MaxPlacementsPerWindow; c != nil {
			m.people[i].cap = *c
			m.capped = true
		}
		if len(person.Available) > 0 {
			var av []span
			for _, a := range person.Available {
				av = append(av, m.span(a.From, a.To))
			}
			m.people[i].avail = mergeSpans(av)
		}
	}

	for _, b := range p.Busy {
		f := fixedItem{span: m.span(b.From, b.To), venue: -1, room: -1}
		if b.RoomID != "" {
			f.room = roomIdx[b.RoomID]
			f.venue = m.rooms[f.room].venue
		}
		if b.VenueID != "" {
			f.venue = venueIdx[b.VenueID]
		}
		for _, id := range b.PersonIDs {
			f.people = append(f.people, personIdx[id])
		}
		m.fixed = append(m.fixed, f)
	}

	m.reqs = make([]reqInfo, len(p.Requests))
	m.minDur = never
	for i := range p.Requests {
		q := &p.Requests[i]
		r := &m.reqs[i]
		r.dur = int64(q.DurationMinutes) * int64(time.Minute)
		r.prio = q.Priority
		r.lo, r.hi = -never, never
		if q.Earliest != nil {
			r.lo = m.tick(*q.Earliest)
		}
		if q.Latest != nil {
			r.hi = m.tick(*q.Latest)
		}
		for _, id := range q.Attendees {
			r.attendees = append(r.attendees, personIdx[id])
		}
		for j := range p.Rooms {
			if roomFits(&p.Rooms[j], q) {
				r.rooms = append(r.rooms, int32(j))
				m.rooms[j].demand++
			}
		}
		m.minDur = min(m.minDur, r.dur)
		m.maxDur = max(m.maxDur, r.dur)
	}
	// Within a venue, try the least sought-after rooms first so that rooms
	// with many booths or seats stay free for the requests that need them.
	for i := range m.reqs {
		slices.SortStableFunc(m.reqs[i].rooms, func(a, b int32) int {
			ra, rb := m.rooms[a], m.rooms[b]
			if c := cmp.Compare(ra.venue, rb.venue); c != 0 {
				return c
			}
			return cmp.Compare(ra.demand, rb.demand)
		})
	}
	return m
}

// roomFits reports whether the room has the seats and, for a request with two
// or more languages, a booth for each of them.
func roomFits(room *Room, q *Request) bool {
	if room.Capacity < q.Seats() {
		return false
	}
	if len(q.Languages) < 2 {
		return true
	}
	for _, l := range q.Languages {
		if !slices.Contains(room.InterpretationLanguages, l) {
			return false
		}
	}
	return true
}

// tick converts a time to ticks, clamped to ±never so that differences of
// ticks never overflow.
func (m *model) tick(t time.Time) int64 {
	return min(max(int64(t.Sub(m.base)), -never), never)
}

func (m *model) span(from, to time.Time) span {
	return span{m.tick(from), m.tick(to)}
}

func (m *model) time(tick int64) time.Time {
	return m.base.Add(time.Duration(tick)).UTC()
}

// travelTime is the time needed from venue a to venue b; -1 is no venue.
func (m *model) travelTime(a, b int32) int64 {
	if a < 0 || b < 0 {
		return 0
	}
	return m.travel[a][b]
}

// mergeSpans sorts spans and joins those that touch or overlap.
func mergeSpans(s []span) []span {
	slices.SortFunc(s, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	out := s[:0]
	for _, x := range s {
		if n := len(out); n > 0 && x.from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, x.to)
			continue
		}
		out = append(out, x)
	}
	return out
}

// available reports whether the person can attend throughout [s, e).
func (pi *personInfo) available(s, e int64) bool {
	if pi.avail == nil {
		return true
	}
	i, _ := slices.BinarySearchFunc(pi.avail, s, func(a span, t int64) int {
		if a.to <= t {
			return -1
		}
		return 1
	})
	return i < len(pi.avail) && pi.avail[i].from <= s && e <= pi.avail[i].to
}
