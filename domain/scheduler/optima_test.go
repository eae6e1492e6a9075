package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// The stored instances (testdata/instances/*.json) and their exact optima
// (testdata/optima.json), found offline by CBC on writeIntegerProgram's
// integer program. TestWriteInstances makes them (SUMMIT_EXACT=1, needs
// cbc); the other tests and the benchmarks only read them, so CI never
// needs an integer-programming solver.
//
//	apt-get install -y coinor-cbc
//	SUMMIT_EXACT=1 go test -run TestWriteInstances -v -timeout 60m ./domain/scheduler/

// instanceSpec is one stored instance: a Generate shape and seed.
type instanceSpec struct {
	name string
	seed int64
	cfg  GenConfig
}

var instanceSpecs = []instanceSpec{
	// Small: for the bound test on every `go test`.
	{"s01-one-day", 11, GenConfig{Delegations: 6, Venues: 1, Rooms: 2, Days: 1, Requests: 20}},
	{"s02-two-venues", 12, GenConfig{Delegations: 8, Ministers: 1, Venues: 2, Rooms: 3, Days: 1, Requests: 30}},
	{"s03-rest", 13, GenConfig{Delegations: 7, Venues: 2, Rooms: 3, Days: 1, Requests: 30, RestMinutes: 15}},
	{"s04-caps", 14, GenConfig{Delegations: 6, Venues: 1, Rooms: 3, Days: 2, Requests: 35, HeadCap: 3}},
	{"s05-rest-caps", 15, GenConfig{Delegations: 8, Ministers: 1, Venues: 2, Rooms: 3, Days: 2, Requests: 40, RestMinutes: 10, HeadCap: 4}},
	{"s06-coarse", 16, GenConfig{Delegations: 10, Venues: 2, Rooms: 2, Days: 1, Requests: 40, GranularityMinutes: 30}},
	{"s07-fine", 17, GenConfig{Delegations: 6, Venues: 3, Rooms: 3, Days: 1, Requests: 25, GranularityMinutes: 5}},
	{"s08-three-days", 18, GenConfig{Delegations: 9, Ministers: 2, Venues: 2, Rooms: 2, Days: 3, Requests: 45, HeadCap: 2}},
	{"s09-crowded", 19, GenConfig{Delegations: 5, Venues: 1, Rooms: 1, Days: 1, Requests: 30}},
	{"s10-ten-minute", 20, GenConfig{Delegations: 8, Ministers: 1, Venues: 2, Rooms: 3, Days: 2, Requests: 50, GranularityMinutes: 10}},
	{"s11-many-heads", 26, GenConfig{Delegations: 16, Venues: 2, Rooms: 3, Days: 1, Requests: 30, GranularityMinutes: 30, RestMinutes: 10}},
	{"s12-ministers", 27, GenConfig{Delegations: 10, Ministers: 2, Venues: 1, Rooms: 2, Days: 2, Requests: 40, GranularityMinutes: 30, HeadCap: 3}},
	// Medium (90–200 requests): the quality benchmark, several shapes.
	{"m01-bench200-s1", 1, GenConfig{Delegations: 20, Ministers: 2, Venues: 2, Rooms: 4, Days: 2, Requests: 200, GranularityMinutes: 30}},
	{"m02-bench200-s5", 5, GenConfig{Delegations: 20, Ministers: 2, Venues: 2, Rooms: 4, Days: 2, Requests: 200, GranularityMinutes: 30}},
	{"m03-rest-caps-200", 6, GenConfig{Delegations: 20, Ministers: 2, Venues: 2, Rooms: 4, Days: 2, Requests: 200, GranularityMinutes: 30, RestMinutes: 10, HeadCap: 4}},
	{"m04-rest-120", 21, GenConfig{Delegations: 14, Ministers: 1, Venues: 2, Rooms: 4, Days: 2, Requests: 120, RestMinutes: 10, HeadCap: 5}},
	{"m05-three-venues-150", 22, GenConfig{Delegations: 18, Ministers: 2, Venues: 3, Rooms: 6, Days: 2, Requests: 150}},
	{"m06-caps-90", 23, GenConfig{Delegations: 10, Venues: 1, Rooms: 3, Days: 2, Requests: 90, GranularityMinutes: 30, RestMinutes: 15, HeadCap: 3}},
	{"m07-one-day-180", 24, GenConfig{Delegations: 25, Ministers: 1, Venues: 2, Rooms: 6, Days: 1, Requests: 180}},
	// Large: 250 requests (97% of the bound in 10 s).
	{"l01-250", 25, GenConfig{Delegations: 30, Ministers: 2, Venues: 3, Rooms: 6, Days: 2, Requests: 250, RestMinutes: 10}},
}

// optimum is a stored instance's exact optimum.
type optimum struct {
	Requests int  `json:"requests"`
	Optimum  int  `json:"optimum"`
	Proven   bool `json:"proven"` // false: the best CBC found in its time, not proven
}

const optimaFile = "testdata/optima.json"

func loadOptima(t testing.TB) map[string]optimum {
	data, err := os.ReadFile(optimaFile)
	if os.IsNotExist(err) {
		return map[string]optimum{}
	}
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]optimum
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func loadInstance(t testing.TB, name string) *Problem {
	f, err := os.Open(filepath.Join("testdata", "instances", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

// TestWriteInstances generates the stored instances and solves them exactly
// with CBC (SUMMIT_EXACT=1; SUMMIT_EXACT_ONLY=name picks one). It keeps the
// optima it already has.
func TestWriteInstances(t *testing.T) {
	if os.Getenv("SUMMIT_EXACT") != "1" {
		t.Skip("set SUMMIT_EXACT=1 to write the instances and their optima (needs cbc)")
	}
	optima := loadOptima(t)
	if err := os.MkdirAll(filepath.Join("testdata", "instances"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, spec := range instanceSpecs {
		if only := os.Getenv("SUMMIT_EXACT_ONLY"); only != "" && only != spec.name {
			continue
		}
		if o, ok := optima[spec.name]; ok && o.Proven {
			continue
		}
		p := Generate(spec.seed, spec.cfg)
		body, err := json.MarshalIndent(p, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", "instances", spec.name+".json"), append(body, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		p = loadInstance(t, spec.name)
		lp, vars, _ := writeIntegerProgram(p)
		dir := t.TempDir()
		lpFile := filepath.Join(dir, "summit.lp")
		if err := os.WriteFile(lpFile, []byte(lp), 0o644); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		value, proven, _ := solveExactly(t, dir, lpFile)
		t.Logf("%s: %d requests, %d variables: optimum %d (proven %v) in %.1f s", spec.name, len(p.Requests), vars, value, proven, time.Since(began).Seconds())
		optima[spec.name] = optimum{Requests: len(p.Requests), Optimum: value, Proven: proven}
		body, err = json.MarshalIndent(optima, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(optimaFile, append(body, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBoundsAgainstOptima: on the small stored instances the upper bound is
// never below the exact optimum, no plan beats it, and a plan said to be
// optimal reaches it.
func TestBoundsAgainstOptima(t *testing.T) {
	optima := loadOptima(t)
	var names []string
	for name, o := range optima {
		if o.Proven && o.Requests <= 60 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) < 8 {
		t.Fatalf("only %d small instances with proven optima in %s", len(names), optimaFile)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			p := loadInstance(t, name)
			o := optima[name]
			plan := Solve(context.Background(), p, Options{Seed: 1, MaxIterations: 3000, TimeLimit: 2 * time.Second})
			mustPass(t, p, plan)
			if plan.Stats.UpperBound < o.Optimum {
				t.Errorf("upper bound %d is below the optimum %d", plan.Stats.UpperBound, o.Optimum)
			}
			if plan.Objective > o.Optimum {
				t.Errorf("objective %d beats the optimum %d: the integer program misses something", plan.Objective, o.Optimum)
			}
			if plan.Stats.Optimal && plan.Objective != o.Optimum {
				t.Errorf("says optimal with %d, the optimum is %d", plan.Objective, o.Optimum)
			}
			t.Logf("%s: objective %d, optimum %d, bound %d, optimal %v", name, plan.Objective, o.Optimum, plan.Stats.UpperBound, plan.Stats.Optimal)
		})
	}
}

// fmtRatio formats objective/optimum for the table.
func fmtRatio(a, b int) string { return fmt.Sprintf("%.4f", float64(a)/float64(max(b, 1))) }
