package scheduler

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The benchmark instances: a small summit that must solve in under 2 s, and a
// large one: 5,000 requests across 60 rooms, feasible within 30 s.
var (
	smallBench = GenConfig{Delegations: 20, Ministers: 2, Venues: 2, Rooms: 4, Days: 2, Requests: 200, GranularityMinutes: 30}
	largeBench = GenConfig{Delegations: 300, Ministers: 2, Venues: 5, Rooms: 60, Days: 3, Requests: 5000}
)

func BenchmarkSolve200(b *testing.B) {
	benchmarkSolve(b, smallBench, 2*time.Second)
}

func BenchmarkSolve5000(b *testing.B) {
	benchmarkSolve(b, largeBench, 25*time.Second)
}

func benchmarkSolve(b *testing.B, cfg GenConfig, limit time.Duration) {
	p := Generate(1, cfg)
	var plan Plan
	var seconds, cpu float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		began, cpuBefore := time.Now(), cpuTime()
		plan = Solve(context.Background(), p, Options{TimeLimit: limit, Seed: 1})
		seconds, cpu = time.Since(began).Seconds(), (cpuTime() - cpuBefore).Seconds()
	}
	b.StopTimer()
	if bad := checkPlan(p, plan); len(bad) > 0 {
		b.Fatalf("plan breaks the rules: %v", bad[0])
	}
	if seconds > 30 {
		b.Errorf("took %.1f s", seconds)
	}
	ratio := float64(plan.Objective) / float64(max(plan.Stats.UpperBound, 1))
	b.ReportMetric(float64(len(p.Requests)), "requests")
	b.ReportMetric(float64(len(plan.Placements)), "placed")
	b.ReportMetric(float64(plan.Objective), "objective")
	b.ReportMetric(float64(plan.Stats.UpperBound), "bound")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(seconds, "seconds")
	b.ReportMetric(cpu, "cpu-seconds")
	b.Logf("requests %d  placed %d  objective %d  bound %d  ratio %.3f  seconds %.2f  cpu %.2f  iterations %d  limit hit %v  (%s)",
		len(p.Requests), len(plan.Placements), plan.Objective, plan.Stats.UpperBound, ratio, seconds, cpu,
		plan.Stats.Iterations, plan.Stats.TimeLimitHit, loadAverage())
}

// BenchmarkOptima solves every stored instance of 90 requests or more
// (testdata/instances) and compares with its exact optimum
// (testdata/optima.json): at least 99.5% of the optimum within 5 s up to
// 200 requests, at least 97% of the bound (or optimum) within 10 s above.
// It prints the README's table; SUMMIT_BENCH_ONLY=name runs one instance.
func BenchmarkOptima(b *testing.B) {
	optima := loadOptima(b)
	var rows []string
	for _, spec := range instanceSpecs {
		name := spec.name
		if only := os.Getenv("SUMMIT_BENCH_ONLY"); only != "" && only != name || spec.cfg.Requests < 90 {
			continue
		}
		// An instance without a stored optimum yet is generated and
		// measured against its bound.
		o, known := optima[name]
		var p *Problem
		if known {
			p = loadInstance(b, name)
		} else {
			p = Generate(spec.seed, spec.cfg)
			o.Requests = len(p.Requests)
		}
		limit, target := 5*time.Second, 0.995
		if o.Requests > 200 {
			limit, target = 10*time.Second, 0.97
		}
		var plan Plan
		var seconds, cpu float64
		for i := 0; i < b.N; i++ {
			began, cpuBefore := time.Now(), cpuTime()
			plan = Solve(context.Background(), p, Options{TimeLimit: limit, Seed: 1})
			seconds, cpu = time.Since(began).Seconds(), (cpuTime() - cpuBefore).Seconds()
		}
		mustPass(b, p, plan)
		// The ratio is of the optimum when CBC proved it; else of the bound
		// (a floor on the true ratio, which lies between ours/bound and
		// ours/CBC's best). Above 200 requests the target is of the bound.
		ref, optimum := o.Optimum, fmt.Sprint(o.Optimum)
		switch {
		case !known:
			optimum = "not yet computed"
		case !o.Proven:
			optimum += " (CBC's best, not proven)"
		}
		floor := !known || !o.Proven || o.Requests > 200
		if floor {
			ref = plan.Stats.UpperBound
		}
		ratio := float64(plan.Objective) / float64(max(ref, 1))
		rows = append(rows, fmt.Sprintf("| %s | %d | %s | %d | %d | %s | %.1f | %.1f | %v |", name, o.Requests, optimum, plan.Objective,
			plan.Stats.UpperBound, fmtRatio(plan.Objective, ref), seconds, cpu, plan.Stats.Optimal))
		switch {
		case ratio >= target:
		case floor && o.Requests <= 200 && known && float64(plan.Objective) >= target*float64(o.Optimum):
			// Not proven either way: the true ratio may still meet it.
			rows[len(rows)-1] += fmt.Sprintf(" (%s of CBC's best)", fmtRatio(plan.Objective, o.Optimum))
		default: // reported, not failed: make bench measures, the README's table says what is met
			rows[len(rows)-1] += fmt.Sprintf(" below the %.1f %% target", 100*target)
			b.Logf("%s: %d is %.4f of %d, below %.3f", name, plan.Objective, ratio, ref, target)
		}
	}
	// cpu: the CPU seconds the solver had (out of seconds × cores): on a
	// machine shared with other work, what the figures were bought with.
	fmt.Printf("\n%s\n\n| instance | requests | optimum | ours | bound | ratio (of the optimum if proven, else of the bound) | seconds | cpu | proven |\n|---|---|---|---|---|---|---|---|---|\n%s\n",
		loadAverage(), strings.Join(rows, "\n"))
}

// loadAverage is the machine's load (/proc/loadavg) and core count, for the
// table's reader.
func loadAverage() string {
	load, _ := os.ReadFile("/proc/loadavg")
	return fmt.Sprintf("%d cores (GOMAXPROCS), load average %s", runtime.GOMAXPROCS(0), strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
}
