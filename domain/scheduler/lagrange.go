package scheduler

import (
	"math"
	"slices"
	"time"
)

// Prices and the upper bound come from a Lagrangian relaxation of the
// problem on a grid of cells: each room holds at most one meeting (with its
// changeover after it) in each cell, each person at most one meeting (with
// the rest after it) in each cell, and a person with
// max_placements_per_window at most that many meetings in each window. The
// multipliers are prices of room time, of people's time and of people's
// places in a window; a candidate's priority less the prices of what it
// takes is its reduced value, and each request takes its best candidate when
// that is positive. At any prices the relaxation's value is at least the
// optimum whenever every start, duration, changeover and the rest lie on one
// common grid (two meetings that may both take place then never share a
// cell), and at the best prices it is the value of the linear programme
// with these constraints. The prices also guide the search towards the time
// that is least wanted.
//
// The multipliers are optimised first by plain subgradient steps, which
// come close fast, then by the volume algorithm (Barahona and Anbil), whose
// direction averages the subgradients of the past steps and which comes
// much closer to the linear programme's value; the search runs it beside its
// workers (search.go).

// lagrangian is the relaxation: its grid, its constraints, its multipliers
// and scratch space. The constraints are numbered: the rooms' cells
// (room*cells+cell), then the people's cells, then the caps of the capped
// people (capBase + capIdx[person]*windows + window).
type lagrangian struct {
	m       *model
	order   []int
	size    int64 // cell length in ticks
	cells   int
	exact   bool      // every interval lies on the cells: the value bounds the optimum
	persons int       // the index of the first person cell
	capBase int       // the index of the first cap
	capIdx  []int     // per person, the index among the capped, or -1
	limit   []float64 // each constraint's capacity
	y       []float64 // the multipliers tried last
	use     []float64 // how much of each constraint the best candidates at y take
	prefix  []float64 // per room and person row, prefix sums of y (cells+1 each)
	startC  []float64 // scratch: the attendees' price of each start of a request
	winOf   [][]int32 // [request][start]: the window of the start
	value   float64   // the value at y
	best    float64   // the least value seen: the bound
	bestY   []float64 // the multipliers of the best value

	theta    float64 // step size factor
	since    int     // subgradient steps since the best value improved
	avg      []float64
	alphaMax float64 // the volume algorithm's averaging weight
	reds     int     // volume steps since the best value improved
	steps    int     // volume steps taken
	mark     float64 // the best value at the last multiple of volumeStall steps
	stalled  bool    // the best value improved by less than volumeGain in volumeStall steps
}

// newLagrangian lays out the cells: the largest length that every window
// start, duration, changeover and the rest are multiples of makes the cell
// constraints exact; nil when there are no requests or too many cells.
func newLagrangian(m *model, order []int) *lagrangian {
	size := gcd(m.gran, m.rest)
	for _, w := range m.windows {
		size = gcd(size, w.from)
	}
	for _, r := range m.rooms {
		size = gcd(size, r.changeover)
	}
	for _, r := range order {
		size = gcd(size, m.reqs[r].dur)
	}
	exact := true
	if size < int64(time.Minute) {
		size, exact = m.gran, false
	}
	end, changeover := int64(0), int64(0)
	for _, w := range m.windows {
		end = max(end, w.to)
	}
	for _, r := range m.rooms {
		changeover = max(changeover, r.changeover)
	}
	cells := int((end+max(changeover, m.rest))/size) + 2
	rows := len(m.rooms) + len(m.people)
	if len(order) == 0 || cells*rows > 1<<24 {
		return nil
	}
	lg := &lagrangian{m: m, order: order, size: size, cells: cells, exact: exact, theta: 1,
		persons: len(m.rooms) * cells, capBase: rows * cells, best: math.Inf(1), alphaMax: 0.1}
	n := lg.capBase
	lg.capIdx = make([]int, len(m.people))
	for p, pi := range m.people {
		lg.capIdx[p] = -1
		if pi.cap > 0 {
			lg.capIdx[p] = (n - lg.capBase) / len(m.windows)
			n += len(m.windows)
		}
	}
	lg.limit = make([]float64, n)
	for k := range lg.limit {
		lg.limit[k] = 1
	}
	for p, pi := range m.people {
		if i := lg.capIdx[p]; i >= 0 {
			for w := range m.windows {
				lg.limit[lg.capBase+i*len(m.windows)+w] = float64(pi.cap)
			}
		}
	}
	lg.y, lg.use, lg.bestY = make([]float64, n), make([]float64, n), make([]float64, n)
	lg.prefix = make([]float64, rows*(cells+1))
	lg.winOf = make([][]int32, len(m.reqs))
	for _, r := range order {
		q := &m.reqs[r]
		lg.winOf[r] = make([]int32, len(q.starts))
		for si, t := range q.starts {
			lg.winOf[r][si] = int32(m.windowIndex(t))
		}
	}
	return lg
}

// cellsOf returns the cells [lo, hi) that [t, e) covers.
func (lg *lagrangian) cellsOf(t, e int64) (int, int) {
	return int(t / lg.size), int((e + lg.size - 1) / lg.size)
}

// rowSum is the sum of the multipliers of cells [lo, hi) of a room's or a
// person's row (rows are numbered rooms first).
func (lg *lagrangian) rowSum(row, lo, hi int) float64 {
	base := row * (lg.cells + 1)
	return lg.prefix[base+hi] - lg.prefix[base+lo]
}

// evaluate computes the value at y and leaves in lg.use how much of each
// constraint the requests' best candidates take.
func (lg *lagrangian) evaluate() {
	value := 0.0
	for k, x := range lg.y {
		value += lg.limit[k] * x
	}
	for row := 0; row*lg.cells < lg.capBase; row++ {
		total, base := 0.0, row*(lg.cells+1)
		for c, x := range lg.y[row*lg.cells : (row+1)*lg.cells] {
			lg.prefix[base+c] = total
			total += x
		}
		lg.prefix[base+lg.cells] = total
	}
	clear(lg.use)
	for _, r := range lg.order {
		value += lg.choose(r)
	}
	// The cells' uses were kept as differences: sum them up row by row.
	for row := 0; row*lg.cells < lg.capBase; row++ {
		total := 0.0
		for k := row * lg.cells; k < (row+1)*lg.cells; k++ {
			total += lg.use[k]
			lg.use[k] = total
		}
	}
	lg.value = value
}

// choose adds request r's best candidate, if its reduced value is positive,
// to lg.use and returns that value (or zero).
func (lg *lagrangian) choose(r int) float64 {
	m := lg.m
	q := &m.reqs[r]
	rooms := len(m.rooms)
	lg.startC = lg.startC[:0]
	for si, t := range q.starts {
		lo, hi := lg.cellsOf(t, t+q.dur+m.rest)
		c := 0.0
		for _, p := range q.attendees {
			c += lg.rowSum(rooms+int(p), lo, hi)
			if i := lg.capIdx[p]; i >= 0 {
				c += lg.y[lg.capBase+i*len(m.windows)+int(lg.winOf[r][si])]
			}
		}
		lg.startC = append(lg.startC, c)
	}
	best, bestCand := 0.0, -1
	for ci, c := range q.cands {
		t := q.starts[c.si]
		lo, hi := lg.cellsOf(t, t+q.dur+m.rooms[c.room].changeover)
		if rc := float64(q.prio) - lg.startC[c.si] - lg.rowSum(int(c.room), lo, hi); rc > best {
			best, bestCand = rc, ci
		}
	}
	if bestCand < 0 {
		return 0
	}
	c := q.cands[bestCand]
	t := q.starts[c.si]
	lo, hi := lg.cellsOf(t, t+q.dur+m.rooms[c.room].changeover)
	lg.use[int(c.room)*lg.cells+lo]++
	lg.use[int(c.room)*lg.cells+hi]--
	lo, hi = lg.cellsOf(t, t+q.dur+m.rest)
	for _, p := range q.attendees {
		lg.use[lg.persons+int(p)*lg.cells+lo]++
		lg.use[lg.persons+int(p)*lg.cells+hi]--
		if i := lg.capIdx[p]; i >= 0 {
			lg.use[lg.capBase+i*len(m.windows)+int(lg.winOf[r][c.si])]++
		}
	}
	return best
}

// keep records the value at y when it is the best so far.
func (lg *lagrangian) keep() bool {
	if lg.value >= lg.best-1e-9 {
		return false
	}
	lg.best = lg.value
	copy(lg.bestY, lg.y)
	return true
}

// step moves y from the multipliers from by a Polyak step towards the
// target along capacity less use; it reports false when no step is left.
func (lg *lagrangian) step(from, use []float64, gap float64) bool {
	norm := 0.0
	for k, x := range from {
		if g := lg.limit[k] - use[k]; x > 0 || g < 0 {
			norm += g * g
		}
	}
	if norm == 0 || gap < 1e-6 {
		return false
	}
	size := lg.theta * gap / norm
	for k, x := range from {
		lg.y[k] = max(0, x-size*(lg.limit[k]-use[k]))
	}
	return true
}

// subgradient runs up to n plain subgradient steps towards the target (the
// objective of a plan), shrinking the step factor when the value stalls.
func (lg *lagrangian) subgradient(n int, target float64, stop func() bool) {
	for range n {
		if stop() {
			return
		}
		lg.evaluate()
		if lg.keep() {
			lg.since = 0
		} else if lg.since++; lg.since >= 20 {
			lg.theta, lg.since = lg.theta*0.7, 0
		}
		if lg.theta < 1e-4 || !lg.step(lg.y, lg.use, lg.value-target) {
			return
		}
	}
}

// volumeStall is how many volume steps may pass without the best value
// improving by volumeGain before the relaxation counts as converged.
const (
	volumeStall = 400
	volumeGain  = 0.005
)

// volume runs up to n steps of the volume algorithm towards the target:
// each step goes from the best multipliers along capacity less an average
// of the uses of the past steps. It reports false once converged.
func (lg *lagrangian) volume(n int, target float64, stop func() bool) bool {
	if lg.avg == nil {
		copy(lg.y, lg.bestY)
		lg.evaluate()
		lg.avg, lg.theta, lg.mark = slices.Clone(lg.use), 0.05, lg.best
	}
	for range n {
		if stop() || lg.converged(target) || !lg.step(lg.bestY, lg.avg, lg.best-target) {
			return false
		}
		lg.evaluate()
		lg.average()
		if lg.keep() {
			lg.reds, lg.theta = 0, min(2, lg.theta*1.1)
		} else if lg.reds++; lg.reds >= 20 {
			lg.reds, lg.theta = 0, lg.theta*0.66
		}
		if lg.steps++; lg.steps%volumeStall == 0 {
			lg.stalled = lg.mark-lg.best < volumeGain
			lg.mark = lg.best
		}
	}
	return !lg.converged(target)
}

// converged reports whether the volume algorithm has stalled or reached the
// target.
func (lg *lagrangian) converged(target float64) bool {
	return lg.stalled || lg.theta < 1e-5 || lg.best-target < 1e-6
}

// average mixes the latest use into the average with the weight, up to
// alphaMax, that brings capacity less the average closest to zero.
func (lg *lagrangian) average() {
	num, den := 0.0, 0.0
	for k, a := range lg.avg {
		d := a - lg.use[k]
		num += (lg.limit[k] - a) * d
		den += d * d
	}
	alpha := lg.alphaMax
	if den > 0 {
		alpha = min(lg.alphaMax, max(lg.alphaMax/10, -num/den))
	}
	for k, u := range lg.use {
		lg.avg[k] = alpha*u + (1-alpha)*lg.avg[k]
	}
}

// bound is the relaxation's upper bound on the optimum, or false when the
// cells are not exact.
func (lg *lagrangian) bound() (int, bool) {
	if lg == nil || !lg.exact || math.IsInf(lg.best, 1) {
		return 0, false
	}
	return int(math.Floor(lg.best + 1e-6)), true
}

// relax prices the problem's time by the relaxation's first, subgradient,
// phase (leaving the prices in s.roomPrice and s.personPrice) and lowers
// s.bound to its bound.
func (s *solver) relax(lowerBound int) {
	lg := newLagrangian(s.m, s.order)
	if lg == nil {
		return
	}
	work := len(lg.y)
	for _, r := range s.order {
		work += len(s.m.reqs[r].cands) + len(s.m.reqs[r].starts)*len(s.m.reqs[r].attendees)
	}
	lg.subgradient(min(subgradientSteps, max(50, relaxWork/max(work, 1))), float64(lowerBound), s.stopped)
	s.lg = lg
	s.cells, s.cellSize = lg.cells, lg.size
	s.roomPrice = make([]float32, lg.persons)
	s.personPrice = make([]float32, lg.capBase-lg.persons)
	for k, x := range lg.bestY[:lg.capBase] {
		if k < lg.persons {
			s.roomPrice[k] = float32(x)
		} else {
			s.personPrice[k-lg.persons] = float32(x)
		}
	}
	if b, ok := lg.bound(); ok && b < s.bound {
		s.bound = b
	}
}

// subgradientSteps and relaxWork cap the first phase: at most so many
// steps, and about relaxWork units of work.
const (
	subgradientSteps = 300
	relaxWork        = 30_000_000
)

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
