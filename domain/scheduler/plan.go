package scheduler

import "time"

// Plan is the scheduler's answer: where and when each placed request meets,
// why each other request was not placed, and the objective (the sum of the
// priorities of the placed requests). Times are UTC.
type Plan struct {
	Placements []Placement `json:"placements"`
	Unplaced   []Unplaced  `json:"unplaced"`
	Objective  int         `json:"objective"`
	Stats      Stats       `json:"stats"`
}

// Placement puts one request into a room for [StartsAt, EndsAt).
type Placement struct {
	RequestID string    `json:"request_id"`
	RoomID    string    `json:"room_id"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
}

// Unplaced names a request the plan leaves out and says why, in words an
// organiser understands.
type Unplaced struct {
	RequestID string `json:"request_id"`
	Reason    string `json:"reason"`
}

// Stats describes the search. Seconds and, when TimeLimitHit is set, the rest
// of the plan may differ between runs; everything else is determined by the
// problem and the seed.
type Stats struct {
	Seconds      float64 `json:"seconds"`
	Iterations   int     `json:"iterations"`
	Improvements int     `json:"improvements"`
	Candidates   int     `json:"candidates"`
	UpperBound   int     `json:"upper_bound"`
	TimeLimitHit bool    `json:"time_limit_hit"`
	// Optimal is set when the objective equals the upper bound: no plan
	// places more priority.
	Optimal bool `json:"optimal"`
	// Workers is the number of searches that ran side by side.
	Workers int `json:"workers"`
}

// Options tune Solve.
type Options struct {
	// TimeLimit stops the search and returns the best plan found so far.
	// The search uses all of it unless it proves its plan optimal sooner;
	// zero means no limit (the search then ends on proof, on ctx or, in
	// tests, on MaxIterations).
	TimeLimit time.Duration
	// Seed drives the search's random choices: the same problem, seed and
	// number of workers give the same plan whenever the time limit (or ctx)
	// is not what stops the search.
	Seed int64
	// Workers is the number of searches run side by side; zero means
	// runtime.GOMAXPROCS.
	Workers int
	// Best, when set, is called on Solve's goroutine whenever the search
	// takes stock: the objective of the best plan so far and the upper bound.
	Best func(objective, bound int)
	// Progress, when set, is called now and then with the work done so far
	// out of the total, for a progress bar. It runs on Solve's goroutine.
	Progress func(done, total int)
	// MaxIterations, for tests, ends the search once each worker has run
	// about that many iterations; zero (what the CLI and the server use)
	// means no such cap.
	MaxIterations int
}
