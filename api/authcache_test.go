package api

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository/dbtest"
)

// TestTokenEndsOnEveryInstance: two servers on one database. Disabling a
// user or ending a session on one refuses the token there at once, and on
// the other within domain.ActorCacheFor (on PostgreSQL the change's notice
// usually ends it sooner), though the other had just accepted it.
func TestTokenEndsOnEveryInstance(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			a := newHarness(t, u)
			other := &harness{t: t, store: dbtest.Open(t, u).Store(), users: a.users}
			other.s = New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: servicesOn(t, other.store),
				JWTSecret: []byte(strings.Repeat("k", 32))})
			admin := a.token("admin")
			for _, c := range []struct{ name, role string }{{"disable", "delegate"}, {"logout", "delegate_chn"}} {
				t.Run(c.name, func(t *testing.T) {
					victim := a.users[c.role]
					tok := a.login(victim.Email, testPassword)
					for _, h := range []*harness{a, other} {
						if rec := h.call("GET", "/api/v1/me", tok.AccessToken, nil); rec.Code != 200 {
							t.Fatalf("before: %d %s", rec.Code, rec.Body)
						}
					}
					rec := a.call("PATCH", "/api/v1/users/"+victim.ID, admin, map[string]any{"disabled": true})
					if c.name == "logout" {
						rec = a.call("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": tok.RefreshToken})
					}
					if rec.Code >= 300 {
						t.Fatalf("%s: %d %s", c.name, rec.Code, rec.Body)
					}
					changed := time.Now()
					assertProblem(t, a.call("GET", "/api/v1/me", tok.AccessToken, nil), 401)
					for other.call("GET", "/api/v1/me", tok.AccessToken, nil).Code == 200 {
						if time.Since(changed) > domain.ActorCacheFor+200*time.Millisecond {
							t.Fatalf("the other instance still accepts the token %v after the change", time.Since(changed))
						}
						time.Sleep(10 * time.Millisecond)
					}
					t.Logf("%s: refused on the other instance after %v", dialect, time.Since(changed).Round(time.Millisecond))
				})
			}
		})
	}
}
