package scheduler

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// exactSeeds are the instances of the ~200-request benchmark shape (20
// delegations, 4 rooms, 2 days, 30-minute grid) that TestExactOptimum
// compares; CBC proves each optimum in well under a minute or two.
var exactSeeds = []int64{1, 5, 6}

// TestExactOptimum compares the scheduler with the proven optimum of
// ~200-request benchmark instances, found by CBC (coinor-cbc) or GLPK's
// glpsol on an integer program written by its own code. It is opt-in
// (SUMMIT_EXACT=1) because it needs one of those solvers and a few minutes:
//
//	apt-get install -y coinor-cbc
//	SUMMIT_EXACT=1 go test -run TestExactOptimum -v -timeout 20m ./domain/scheduler/
//
// SUMMIT_EXACT_DIR keeps the integer programs and solutions, one directory
// per seed.
func TestExactOptimum(t *testing.T) {
	if os.Getenv("SUMMIT_EXACT") != "1" {
		t.Skip("set SUMMIT_EXACT=1 to compare with an exact optimum (needs cbc or glpsol)")
	}
	for _, seed := range exactSeeds {
		t.Run(fmt.Sprintf("seed_%d", seed), func(t *testing.T) {
			compareWithOptimum(t, seed)
		})
	}
}

// compareWithOptimum solves the benchmark instance of the seed exactly and
// with Solve, and checks that Solve's objective is within 1% of the optimum
// and its upper bound is not below it.
func compareWithOptimum(t *testing.T, seed int64) {
	p := Generate(seed, smallBench)
	lp, vars, _ := writeIntegerProgram(p)
	dir := t.TempDir()
	if keep := os.Getenv("SUMMIT_EXACT_DIR"); keep != "" {
		dir = filepath.Join(keep, fmt.Sprintf("seed%d", seed))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	lpFile := filepath.Join(dir, "summit.lp")
	if err := os.WriteFile(lpFile, []byte(lp), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("integer program: %d candidates (binary variables), %d bytes", vars, len(lp))

	began := time.Now()
	optimum, proven, solverName := solveExactly(t, dir, lpFile)
	exactSeconds := time.Since(began).Seconds()

	began = time.Now()
	plan := Solve(context.Background(), p, Options{Seed: 1, TimeLimit: 5 * time.Second})
	mustPass(t, p, plan)
	t.Logf("%s: optimum %d (proven %v) in %.1f s; scheduler: objective %d, %d of %d placed, bound %d, %.2f s; ratio %.4f",
		solverName, optimum, proven, exactSeconds, plan.Objective, len(plan.Placements), len(p.Requests),
		plan.Stats.UpperBound, time.Since(began).Seconds(), float64(plan.Objective)/float64(optimum))
	if plan.Objective > optimum && proven {
		t.Errorf("scheduler's objective %d beats the proven optimum %d: the program misses a placement", plan.Objective, optimum)
	}
	if float64(plan.Objective) < 0.99*float64(optimum) {
		t.Errorf("objective %d is below 99%% of the optimum %d", plan.Objective, optimum)
	}
	if plan.Stats.UpperBound < optimum {
		t.Errorf("upper bound %d is below the optimum %d", plan.Stats.UpperBound, optimum)
	}
}

// solveExactly runs cbc, or else glpsol, on the LP file and returns the
// objective of the best solution and whether it is proven optimal.
func solveExactly(t *testing.T, dir, lpFile string) (int, bool, string) {
	solFile := filepath.Join(dir, "summit.sol")
	if path, err := exec.LookPath("cbc"); err == nil {
		out, err := exec.Command(path, lpFile, "sec", exactSeconds(), "threads", "1", "solve", "solution", solFile).CombinedOutput()
		if err != nil {
			t.Fatalf("cbc: %v\n%s", err, out)
		}
		sol, err := os.ReadFile(solFile)
		if err != nil {
			t.Fatalf("cbc wrote no solution: %v\n%s", err, out)
		}
		// First line: "Optimal - objective value 302.00000000"
		first := strings.SplitN(string(sol), "\n", 2)[0]
		t.Logf("cbc: %s", first)
		i := strings.Index(first, "objective value")
		if i < 0 {
			t.Fatalf("cbc: unexpected solution header %q", first)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(first[i+len("objective value"):]), 64)
		if err != nil {
			t.Fatalf("cbc: %v in %q", err, first)
		}
		return int(v + 0.5), strings.HasPrefix(first, "Optimal"), "cbc"
	}
	if path, err := exec.LookPath("glpsol"); err == nil {
		out, err := exec.Command(path, "--lp", lpFile, "--tmlim", exactSeconds(), "-o", solFile).CombinedOutput()
		if err != nil {
			t.Fatalf("glpsol: %v\n%s", err, out)
		}
		sol, err := os.ReadFile(solFile)
		if err != nil {
			t.Fatal(err)
		}
		var value float64
		proven := false
		for _, line := range strings.Split(string(sol), "\n") {
			if strings.HasPrefix(line, "Status:") {
				proven = strings.Contains(line, "INTEGER OPTIMAL")
			}
			if strings.HasPrefix(line, "Objective:") {
				fields := strings.Fields(line)
				for k, f := range fields {
					if f == "=" && k+1 < len(fields) {
						value, _ = strconv.ParseFloat(fields[k+1], 64)
					}
				}
			}
		}
		return int(value + 0.5), proven, "glpsol"
	}
	t.Skip("neither cbc nor glpsol is installed (apt-get install -y coinor-cbc)")
	return 0, false, ""
}

// exactSeconds is CBC's time limit: SUMMIT_EXACT_SECONDS, or 600.
func exactSeconds() string {
	if s := os.Getenv("SUMMIT_EXACT_SECONDS"); s != "" {
		return s
	}
	return "600"
}

// exactCand is one (request, room, start) a request could have on its own.
type exactCand struct {
	req      int
	room     int
	from, to int64 // seconds since the Unix epoch
}

// writeIntegerProgram writes the problem as a 0-1 program in CPLEX LP
// format, with its own enumeration of candidates: a binary variable for each
// (request, room, start) that satisfies every rule against the fixed
// commitments; at most one candidate per request; at most one candidate
// holding a room (with its changeover) at each start time; at most one
// candidate of a person holding each start time, each candidate taken with
// rest_minutes after it (overlaps and gaps shorter than the rest); for each
// person and ordered pair of different venues with travel time, at most one
// of the candidates at the first venue holding the moment t and those at the
// second holding t' for 0 < t'-t <= T, where T is the travel time plus the
// rest (a clique of travel conflicts); and, for each person with
// max_placements_per_window, at most that many of their candidates in each
// window. It maximises the sum of priorities.
func writeIntegerProgram(p *Problem) (string, int, []exactCand) {
	rooms := map[string]int{}
	for i, r := range p.Rooms {
		rooms[r.ID] = i
	}
	venueOfRoom := func(i int) string { return p.Rooms[i].VenueID }
	venues := map[string]*Venue{}
	for i := range p.Venues {
		venues[p.Venues[i].ID] = &p.Venues[i]
	}
	travel := func(from, to string) int64 {
		if from == "" || to == "" || from == to {
			return 0
		}
		if m, ok := venues[from].TravelMinutes[to]; ok {
			return int64(m) * 60
		}
		if m, ok := venues[to].TravelMinutes[from]; ok {
			return int64(m) * 60
		}
		return 0
	}
	people := map[string]*Person{}
	for i := range p.People {
		people[p.People[i].ID] = &p.People[i]
	}
	type hold struct {
		from, to int64
		venue    string
	}
	busyRoom := map[int][]hold{}
	busyPerson := map[string][]hold{}
	for _, b := range p.Busy {
		h := hold{b.From.Unix(), b.To.Unix(), b.VenueID}
		if b.RoomID != "" {
			h.venue = venueOfRoom(rooms[b.RoomID])
			busyRoom[rooms[b.RoomID]] = append(busyRoom[rooms[b.RoomID]], h)
		}
		for _, id := range b.PersonIDs {
			busyPerson[id] = append(busyPerson[id], h)
		}
	}

	rest := int64(p.RestMinutes) * 60
	var cands []exactCand
	for qi, q := range p.Requests {
		seats := max(q.ExpectedAttendance, len(q.Attendees))
		dur := int64(q.DurationMinutes) * 60
		for ri, r := range p.Rooms {
			if r.Capacity < seats {
				continue
			}
			booths := true
			if len(q.Languages) >= 2 {
				for _, l := range q.Languages {
					found := false
					for _, b := range r.InterpretationLanguages {
						found = found || b == l
					}
					booths = booths && found
				}
			}
			if !booths {
				continue
			}
			co := int64(r.ChangeoverMinutes) * 60
			for _, w := range p.Windows {
				for s := w.From.Unix(); s+dur <= w.To.Unix(); s += int64(p.GranularityMinutes) * 60 {
					e := s + dur
					if q.Earliest != nil && s < q.Earliest.Unix() || q.Latest != nil && e > q.Latest.Unix() {
						continue
					}
					ok := true
					for _, h := range busyRoom[ri] {
						ok = ok && (h.to+co <= s || e+co <= h.from)
					}
					for _, id := range q.Attendees {
						ok = ok && availableThroughout(people[id].Available, time.Unix(s, 0), time.Unix(e, 0))
						for _, h := range busyPerson[id] {
							switch {
							case h.to <= s:
								ok = ok && s-h.to >= rest+travel(h.venue, r.VenueID)
							case e <= h.from:
								ok = ok && h.from-e >= rest+travel(r.VenueID, h.venue)
							default:
								ok = false
							}
						}
					}
					if ok {
						cands = append(cands, exactCand{qi, ri, s, e})
					}
				}
			}
		}
	}

	var b strings.Builder
	w := bufio.NewWriter(&b)
	terms := func(list []int) {
		for k, c := range list {
			if k > 0 {
				w.WriteString(" +")
			}
			if k%12 == 11 {
				w.WriteString("\n")
			}
			fmt.Fprintf(w, " x%d", c)
		}
	}
	fmt.Fprintln(w, "Maximize")
	w.WriteString(" obj:")
	for k, c := range cands {
		if k > 0 {
			w.WriteString(" +")
		}
		if k%12 == 11 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, " %d x%d", p.Requests[c.req].Priority, k)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Subject To")
	rows := 0
	seen := map[string]bool{}
	row := func(list []int) {
		if len(list) < 2 {
			return
		}
		sort.Ints(list)
		list = slices.Compact(list) // with rest, one candidate can hold both moments of a clique
		if len(list) < 2 {
			return
		}
		key := fmt.Sprint(list)
		if seen[key] {
			return
		}
		seen[key] = true
		rows++
		fmt.Fprintf(w, " c%d:", rows)
		terms(list)
		fmt.Fprintln(w, " <= 1")
	}

	byReq := map[int][]int{}
	byRoom := map[int][]int{}
	byPerson := map[string][]int{}
	for k, c := range cands {
		byReq[c.req] = append(byReq[c.req], k)
		byRoom[c.room] = append(byRoom[c.room], k)
		for _, id := range p.Requests[c.req].Attendees {
			byPerson[id] = append(byPerson[id], k)
		}
	}
	for qi := range p.Requests {
		row(byReq[qi])
	}
	startsOf := func(list []int) []int64 {
		set := map[int64]bool{}
		for _, k := range list {
			set[cands[k].from] = true
		}
		var out []int64
		for s := range set {
			out = append(out, s)
		}
		sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
		return out
	}
	for ri := range p.Rooms {
		co := int64(p.Rooms[ri].ChangeoverMinutes) * 60
		for _, t := range startsOf(byRoom[ri]) {
			var list []int
			for _, k := range byRoom[ri] {
				if cands[k].from <= t && t < cands[k].to+co {
					list = append(list, k)
				}
			}
			row(list)
		}
	}
	for _, person := range p.People {
		mine := byPerson[person.ID]
		// Two candidates whose spans, each with the rest after it, share a
		// moment overlap or come closer than the rest: at most one of those
		// holding each start.
		for _, t := range startsOf(mine) {
			var list []int
			for _, k := range mine {
				if cands[k].from <= t && t < cands[k].to+rest {
					list = append(list, k)
				}
			}
			row(list)
		}
		for _, va := range p.Venues {
			for _, vb := range p.Venues {
				if va.ID != vb.ID && travel(va.ID, vb.ID) > 0 {
					travelCliques(mine, cands, venueOfRoom, va.ID, vb.ID, rest+travel(va.ID, vb.ID), row)
				}
			}
		}
	}
	// max_placements_per_window: a person's candidates in each window.
	for _, person := range p.People {
		if person.MaxPlacementsPerWindow == nil {
			continue
		}
		for _, win := range p.Windows {
			var list []int
			for _, k := range byPerson[person.ID] {
				if cands[k].from >= win.From.Unix() && cands[k].to <= win.To.Unix() {
					list = append(list, k)
				}
			}
			if len(list) > *person.MaxPlacementsPerWindow {
				rows++
				fmt.Fprintf(w, " c%d:", rows)
				terms(list)
				fmt.Fprintf(w, " <= %d\n", *person.MaxPlacementsPerWindow)
			}
		}
	}
	fmt.Fprintln(w, "Binary")
	for k := range cands {
		fmt.Fprintf(w, " x%d\n", k)
	}
	fmt.Fprintln(w, "End")
	w.Flush()
	return b.String(), len(cands), cands
}

// travelCliques emits, for a person's candidates mine, the travel conflicts
// from venue va to venue vb, which need a gap of T: at most one of the
// candidates at va holding the moment ta and those at vb holding tb, for
// 0 < tb-ta <= T.
func travelCliques(mine []int, cands []exactCand, venueOfRoom func(int) string, va, vb string, T int64, row func([]int)) {
	var atA, atB []int
	for _, k := range mine {
		switch venueOfRoom(cands[k].room) {
		case va:
			atA = append(atA, k)
		case vb:
			atB = append(atB, k)
		}
	}
	var ends, starts []int64
	for _, k := range atA {
		ends = append(ends, cands[k].to-1)
	}
	for _, k := range atB {
		starts = append(starts, cands[k].from)
	}
	slices.Sort(ends)
	slices.Sort(starts)
	for _, tb := range slices.Compact(starts) {
		for _, ta := range slices.Compact(ends) {
			if d := tb - ta; d <= 0 || d > T {
				continue
			}
			var list []int
			for _, k := range atA {
				if cands[k].from <= ta && ta < cands[k].to {
					list = append(list, k)
				}
			}
			for _, k := range atB {
				if cands[k].from <= tb && tb < cands[k].to {
					list = append(list, k)
				}
			}
			row(list)
		}
	}
}
