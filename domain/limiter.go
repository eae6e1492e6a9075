package domain

import (
	"context"
	"time"
)

// LoginWindow is how long a failed sign-in counts against its account and
// its client address.
const LoginWindow = 15 * time.Minute

// loginWait returns how long subject must wait before it may try to sign in
// again, 0 when it may try now: after limit failures within LoginWindow it
// waits until the oldest of them leaves the window. Failures are kept in the
// database, so every instance sharing it counts the same.
func loginWait(ctx context.Context, repos LoginFailureRepo, subject string, limit int, now time.Time) (time.Duration, error) {
	times, err := repos.RecentLoginFailures(ctx, subject, now.Add(-LoginWindow), limit)
	if err != nil || len(times) < limit {
		return 0, err
	}
	return max(times[limit-1].Add(LoginWindow).Sub(now), time.Second), nil
}

// loginFailed records failures of subjects at now (in tx, with the audit
// entry of the failure).
func loginFailed(ctx context.Context, tx LoginFailureRepo, now time.Time, subjects ...string) error {
	for _, s := range subjects {
		if err := tx.AddLoginFailure(ctx, s, now, now.Add(-LoginWindow)); err != nil {
			return err
		}
	}
	return nil
}
