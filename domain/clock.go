package domain

import "time"

// Clock tells the time to the services: tokens, proposals and the audit
// trail read it, so that tests can pin it. A nil Clock is the system's.
type Clock func() time.Time

// Now returns the time in UTC.
func (c Clock) Now() time.Time {
	if c == nil {
		return time.Now().UTC()
	}
	return c().UTC()
}
