//go:build !unix

package scheduler

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
