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
}

// Options tune Solve.
type Options struct {
	// TimeLimit stops the search and returns the best plan found so far;
	// zero means no limit besides the search's own iteration budget.
	TimeLimit time.Duration
	// Seed drives the search's random choices: the same problem and seed give
	// the same plan whenever the time limit is not hit.
	Seed int64
	// Progress, when set, is called now and then with the work done so far
	// out of the total, for a progress bar. It runs on Solve's goroutine.
	Progress func(done, total int)
	// MaxIterations caps the improvement phase; zero picks a budget from the
	// problem's size.
	MaxIterations int
}
