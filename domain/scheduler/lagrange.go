package scheduler

import (
	"math"
	"time"
)

// Prices come from a Lagrangian relaxation of the problem on the grid: each
// room and each person can hold at most one meeting in each grid cell. The
// multipliers are prices of room time and people's time; a candidate's
// priority less the prices of the cells it takes is its reduced value. They
// guide the search towards the time that is least wanted, and, when every
// time, duration and changeover lies on one common grid, the relaxation's
// value is an upper bound on the optimum.

// relax runs subgradient optimisation of the multipliers, leaving them in
// s.roomPrice and s.personPrice, and returns the best (lowest) Lagrangian
// value and whether it is a valid upper bound.
func (s *solver) relax(lowerBound int) (float64, bool) {
	m := s.m
	// Cells of the largest length that every window start, duration and
	// changeover is a multiple of make the cell constraints exact.
	size := m.gran
	for _, w := range m.windows {
		size = gcd(size, w.from)
	}
	for _, r := range m.rooms {
		size = gcd(size, r.changeover)
	}
	for _, r := range s.order {
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
	end += changeover
	cells := int(end/size) + 2
	if len(s.order) == 0 || cells*(len(m.rooms)+len(m.people)) > 1<<24 {
		return 0, false
	}
	s.cells, s.cellSize = cells, size

	lambda := make([]float64, cells*len(m.rooms))
	mu := make([]float64, cells*len(m.people))
	useRoom := make([]float64, len(lambda))
	usePerson := make([]float64, len(mu))
	s.roomPrice = make([]float32, len(lambda))
	s.personPrice = make([]float32, len(mu))

	work := 0
	for _, r := range s.order {
		work += len(m.reqs[r].cands) * 4
	}
	iterations := min(300, max(10, 200_000_000/max(work, 1)))
	best := math.Inf(1)
	theta := 1.0
	sinceBest := 0
	var personCost []float64
	for it := 0; it < iterations; it++ {
		if s.stopped() {
			break
		}
		clear(useRoom)
		clear(usePerson)
		value := 0.0
		for _, x := range lambda {
			value += x
		}
		for _, x := range mu {
			value += x
		}
		for _, r := range s.order {
			q := &m.reqs[r]
			personCost = personCost[:0]
			for _, t := range q.starts {
				c := 0.0
				lo, hi := int(t/size), int((t+q.dur+size-1)/size)
				for _, p := range q.attendees {
					row := mu[int(p)*cells:]
					for k := lo; k < hi; k++ {
						c += row[k]
					}
				}
				personCost = append(personCost, c)
			}
			bestRC, bestCand := 0.0, -1
			for ci, c := range q.cands {
				t := q.starts[c.si]
				co := m.rooms[c.room].changeover
				lo, hi := int(t/size), int((t+q.dur+co+size-1)/size)
				rc := float64(q.prio) - personCost[c.si]
				row := lambda[int(c.room)*cells:]
				for k := lo; k < hi; k++ {
					rc -= row[k]
				}
				if rc > bestRC {
					bestRC, bestCand = rc, ci
				}
			}
			if bestCand < 0 {
				continue
			}
			value += bestRC
			c := q.cands[bestCand]
			t := q.starts[c.si]
			co := m.rooms[c.room].changeover
			lo, hi := int(t/size), int((t+q.dur+co+size-1)/size)
			for k := lo; k < hi; k++ {
				useRoom[int(c.room)*cells+k]++
			}
			hi = int((t + q.dur + size - 1) / size)
			for _, p := range q.attendees {
				for k := lo; k < hi; k++ {
					usePerson[int(p)*cells+k]++
				}
			}
		}
		if value < best-1e-9 {
			best, sinceBest = value, 0
			for i, x := range lambda {
				s.roomPrice[i] = float32(x)
			}
			for i, x := range mu {
				s.personPrice[i] = float32(x)
			}
		} else if sinceBest++; sinceBest >= 10 {
			theta, sinceBest = theta/2, 0
		}
		// Polyak step towards the lower bound.
		norm := 0.0
		for i, x := range lambda {
			if g := 1 - useRoom[i]; x > 0 || g < 0 {
				norm += g * g
			}
		}
		for i, x := range mu {
			if g := 1 - usePerson[i]; x > 0 || g < 0 {
				norm += g * g
			}
		}
		if norm == 0 || value-float64(lowerBound) < 1e-6 {
			break
		}
		step := theta * (value - float64(lowerBound)) / norm
		for i := range lambda {
			lambda[i] = max(0, lambda[i]-step*(1-useRoom[i]))
		}
		for i := range mu {
			mu[i] = max(0, mu[i]-step*(1-usePerson[i]))
		}
	}
	return best, exact
}

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
