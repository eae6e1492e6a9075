package scheduler

import (
	"context"
	"testing"
	"time"
)

// The benchmark instances: a small summit that must solve in under 2 s, and a
// large one (under 30 s with a 25 s limit).
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
	var seconds float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		began := time.Now()
		plan = Solve(context.Background(), p, Options{TimeLimit: limit, Seed: 1})
		seconds = time.Since(began).Seconds()
	}
	b.StopTimer()
	if bad := checkPlan(p, plan); len(bad) > 0 {
		b.Fatalf("plan breaks the rules: %v", bad[0])
	}
	ratio := float64(plan.Objective) / float64(max(plan.Stats.UpperBound, 1))
	b.ReportMetric(float64(len(p.Requests)), "requests")
	b.ReportMetric(float64(len(plan.Placements)), "placed")
	b.ReportMetric(float64(plan.Objective), "objective")
	b.ReportMetric(float64(plan.Stats.UpperBound), "bound")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(seconds, "seconds")
	b.Logf("requests %d  placed %d  objective %d  bound %d  ratio %.3f  seconds %.2f  iterations %d  limit hit %v",
		len(p.Requests), len(plan.Placements), plan.Objective, plan.Stats.UpperBound, ratio, seconds,
		plan.Stats.Iterations, plan.Stats.TimeLimitHit)
}
