package domain

import (
	"sync"
	"time"
)

// LoginLimiter counts failed sign-ins per key (an account, a client address)
// in a sliding window, and says how long a key must wait once it has failed
// too often. It is safe for concurrent use and bounded in memory.
type LoginLimiter struct {
	Window   time.Duration
	MaxKeys  int // keys kept at most; the oldest are dropped past it
	mu       sync.Mutex
	failures map[string][]time.Time
}

// NewLoginLimiter returns a limiter with a window of 15 minutes.
func NewLoginLimiter() *LoginLimiter {
	return &LoginLimiter{Window: 15 * time.Minute, MaxKeys: 100_000, failures: map[string][]time.Time{}}
}

// Wait returns how long the key must wait before it may try again, 0 when it
// may try now: after limit failures within the window it waits until the
// oldest of them leaves the window.
func (l *LoginLimiter) Wait(key string, limit int, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.prune(key, now)
	if len(recent) < limit {
		return 0
	}
	return recent[len(recent)-limit].Add(l.Window).Sub(now)
}

// Fail records a failure of key at now.
func (l *LoginLimiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.failures[key]; !ok && len(l.failures) >= l.MaxKeys {
		for k := range l.failures { // shed stale keys, or any one key when none is stale
			if len(l.prune(k, now)) == 0 || len(l.failures) >= l.MaxKeys {
				delete(l.failures, k)
			}
			if len(l.failures) < l.MaxKeys/2 {
				break
			}
		}
	}
	l.failures[key] = append(l.prune(key, now), now)
}

// Reset forgets the failures of key (after a successful sign-in).
func (l *LoginLimiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, key)
}

// prune drops failures older than the window and returns what remains.
func (l *LoginLimiter) prune(key string, now time.Time) []time.Time {
	list := l.failures[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= l.Window {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = list
	return list
}

// Keys returns how many keys the limiter holds (it never holds more than MaxKeys).
func (l *LoginLimiter) Keys() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.failures)
}
