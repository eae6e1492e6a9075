package scheduler

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// The search is a portfolio of simulated-annealing workers, one per core,
// each with its own seed and its own mix of moves and temperature. They run
// in epochs of a fixed number of iterations; between epochs (at a barrier,
// on Solve's goroutine) the best plan of all is kept, a worker whose run has
// ended starts a new one from that plan, perturbed, and the search ends
// when the best plan reaches the upper bound (proven optimal), ctx is done
// or the time is up. Because the barrier decides everything from the
// workers' states alone, the same problem, seed and number of workers give
// the same plan whenever the time limit (or ctx) is not what stops it.

// epochLength is the number of iterations each worker runs between barriers.
const epochLength = 256

// searchSteps is the share of the progress bar the search takes: it counts
// in thousandths of the time limit.
const searchSteps = 1000

// strategy is a worker's way of searching.
type strategy struct {
	weights [3]int  // cumulative percentages of eject, ruin and repack moves
	heat    float64 // starting temperature of a run, in priority units
}

var strategies = []strategy{
	{[3]int{40, 60, 80}, 1},
	{[3]int{30, 45, 60}, 0.6},  // more window searches, cooler
	{[3]int{50, 75, 85}, 1.5},  // more ejections and ruin, hotter
	{[3]int{25, 40, 75}, 0.8},  // more room repacking
	{[3]int{40, 70, 80}, 2},    // hot ruin and rebuild
	{[3]int{35, 50, 65}, 0.4},  // cold, window searches
	{[3]int{45, 60, 90}, 1.2},  // repack
	{[3]int{40, 60, 80}, 0.25}, // nearly greedy
}

// search improves the plan in s.st until it is proven optimal, ctx is done,
// the time is up or (for tests) every worker has run opts.MaxIterations
// iterations; it leaves the best plan found in s.st.
func (s *solver) search() {
	best := elite{at: slices.Clone(s.st.at), objective: s.st.objective, used: s.st.used}
	s.done = 2 * len(s.m.reqs)
	defer func() {
		if s.st.objective != best.objective || s.st.used != best.used {
			s.restore(best.at)
		}
		s.optimal = best.objective >= s.bound
		s.done = s.total - len(s.m.reqs)
		s.advance(0)
	}()
	if s.pool.len() == 0 || best.objective >= s.bound || s.stopped() {
		return
	}
	n := s.opts.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	s.workers = n
	halt := new(atomic.Bool)
	s.halt = halt
	workers := make([]*solver, n)
	for k := range workers {
		workers[k] = s.worker(k, halt, best.at)
	}
	s.report(best.objective)
	var wg sync.WaitGroup
	refine := s.lg != nil && s.lg.exact // the bound can still come down
	for epoch := 0; ; epoch++ {
		for _, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.epoch(epochLength)
				if w.hit {
					halt.Store(true)
				}
			}()
		}
		if refine {
			// Beside the workers, a fixed number of the relaxation's steps.
			wg.Add(1)
			go func(target float64) {
				defer wg.Done()
				refine = s.lg.volume(s.volumeSteps(), target, halt.Load)
			}(float64(best.objective))
		}
		wg.Wait()
		if halt.Load() {
			s.hit = true
		}
		if b, ok := s.lg.bound(); ok && b < s.bound {
			s.bound = b
			for _, w := range workers {
				w.bound = b
			}
		}
		iterations := 0
		for _, w := range workers {
			iterations += w.iterations
			// The best plan of all: the most priority, then the least room
			// time, then the first worker.
			if b := &w.best; b.objective > best.objective || b.objective == best.objective && b.used < best.used {
				copy(best.at, b.at)
				best.objective, best.used = b.objective, b.used
			}
		}
		s.iterations = iterations
		s.improvements = 0
		for _, w := range workers {
			s.improvements += w.improvements
		}
		s.report(best.objective)
		if s.hit || best.objective >= s.bound || s.stopped() {
			return
		}
		if s.opts.MaxIterations > 0 && (epoch+1)*epochLength >= s.opts.MaxIterations {
			return
		}
		for _, w := range workers {
			if w.runIt >= w.runLen || w.pool.len() == 0 {
				w.restart(best)
			}
		}
	}
}

// volumeSteps is how many steps of the relaxation run beside each epoch of
// the workers: about as much work as an epoch.
func (s *solver) volumeSteps() int {
	work := len(s.lg.y)
	for _, r := range s.order {
		work += len(s.m.reqs[r].cands) + len(s.m.reqs[r].starts)*len(s.m.reqs[r].attendees)
	}
	return max(1, min(32, volumeWork/work))
}

// volumeWork is the work of the relaxation's steps per epoch.
const volumeWork = 1_600_000

// report tells opts.Progress how far the time has gone and opts.Best the
// best objective so far and the bound.
func (s *solver) report(objective int) {
	if s.opts.Best != nil {
		s.opts.Best(objective, s.bound)
	}
	if s.opts.Progress == nil || s.hard.IsZero() {
		return
	}
	frac := float64(time.Since(s.began)) / float64(s.hard.Sub(s.began))
	done := 2*len(s.m.reqs) + int(math.Min(1, frac)*searchSteps)
	if done > s.done {
		s.done = done
		s.advance(0)
	}
}

// worker makes the k-th worker of the portfolio: it shares the model, the
// requests' order and the prices with s and starts from the plan at.
func (s *solver) worker(k int, halt *atomic.Bool, at []int32) *solver {
	m := s.m
	st := strategies[k%len(strategies)]
	w := &solver{
		m:           m,
		st:          newState(m),
		rng:         rand.New(rand.NewPCG(uint64(s.opts.Seed), 0x5c0a57a7a+uint64(k)*0x9e3779b97f4a7c15)),
		ctx:         s.ctx,
		opts:        s.opts,
		began:       s.began,
		soft:        s.soft,
		hard:        s.hard,
		halt:        halt,
		bound:       s.bound,
		order:       s.order,
		byPerson:    s.byPerson,
		byRoom:      s.byRoom,
		cellSize:    s.cellSize,
		cells:       s.cells,
		roomPrice:   s.roomPrice,
		personPrice: s.personPrice,
		pool:        newIndexSet(len(m.reqs)),
		placed:      newIndexSet(len(m.reqs)),
		lastTry:     make([]int, len(m.reqs)),
		mark:        make([]uint32, len(m.reqs)),
		inWindow:    make([]bool, len(m.reqs)),
		roomsFound:  make([]uint64, len(m.reqs)),
		roomSlot:    slices.Clone(s.roomSlot),
		weights:     st.weights,
		heat:        st.heat,
	}
	for _, r := range s.order {
		w.pool.add(r)
	}
	w.restore(at)
	w.best = elite{at: slices.Clone(w.st.at), objective: w.st.objective, used: w.st.used}
	w.runLen = 60*len(m.reqs) + 5000
	return w
}

// restart begins a new run from the best plan, perturbed by a few ruin
// moves, with a fresh temperature.
func (w *solver) restart(best elite) {
	w.restore(best.at)
	if w.placed.len() > 0 {
		for range 1 + w.rng.IntN(3) {
			w.ruinMove()
			w.undo = w.undo[:0]
		}
	}
	copy(w.best.at, w.st.at)
	w.best.objective, w.best.used = w.st.objective, w.st.used
	if best.objective > w.best.objective || best.objective == w.best.objective && best.used < w.best.used {
		copy(w.best.at, best.at)
		w.best.objective, w.best.used = best.objective, best.used
	}
	w.runIt, w.lastImp = 0, 0
	w.runLen = (20+w.rng.IntN(40))*len(w.m.reqs) + 2000
}

// epoch runs up to n iterations of the worker's run of annealing: each
// changes a small part of the plan and keeps the change unless it lowers the
// objective, or by the annealing's chance. It stops early when the run ends,
// the plan is provably optimal, nothing is left to place or the time is up.
func (w *solver) epoch(n int) {
	stall := max(2000, w.runLen/3)
	for range n {
		if w.runIt >= w.runLen || w.pool.len() == 0 || w.best.objective >= w.bound || w.stopped() {
			return
		}
		temperature := w.heat * (1 - float64(w.runIt)/float64(w.runLen))
		before, used := w.st.objective, w.st.used
		w.move(w.iterations + 1)
		// Keep a change that raises the objective or keeps it while
		// leaving more room time free; keep a worse one with a chance that
		// shrinks as the run goes on.
		if d := before - w.st.objective; d > 0 || (d == 0 && w.st.used > used) {
			if d == 0 || temperature <= 0 || w.rng.Float64() >= math.Exp(-float64(d)/temperature) {
				w.rollback()
			}
		}
		w.undo = w.undo[:0]
		w.iterations++
		w.runIt++
		if b := &w.best; w.st.objective > b.objective || (w.st.objective == b.objective && w.st.used < b.used) {
			if w.st.objective > b.objective {
				w.improvements++
				w.lastImp = w.runIt
			}
			copy(b.at, w.st.at)
			b.objective, b.used = w.st.objective, w.st.used
		}
		if w.runIt-w.lastImp > stall {
			// Stuck: go on from the run's best plan, at the current temperature.
			w.restore(w.best.at)
			w.lastImp = w.runIt
		}
	}
}

// elite is a plan worth keeping: the best of a run or of the search.
type elite struct {
	at        []int32
	objective int
	used      int64
}
