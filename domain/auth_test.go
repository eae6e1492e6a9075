package domain_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
)

// countingHasher is a real but cheap hasher that counts how often a password
// is checked, to show that unknown emails cost the same work as wrong passwords.
type countingHasher struct{ verifies atomic.Int32 }

func (h *countingHasher) Hash(p string) (string, error) { return "plain:" + p, nil }
func (h *countingHasher) Verify(hash, p string) bool {
	h.verifies.Add(1)
	return hash == "plain:"+p
}

func openStore(t *testing.T) domain.Store {
	t.Helper()
	db, err := repository.Open(context.Background(), "file:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db.Store()
}

func TestUnknownEmailCostsAPasswordCheck(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	h := &countingHasher{}
	auth, _ := domain.NewAuth(store, h)
	domain.CreateUser(ctx, store, h, domain.Actor{}, domain.NewUser{Email: "a@gov.kz", Name: "A", Role: "admin", Password: "the password!"})
	for _, c := range []struct{ email, password string }{{"a@gov.kz", "wrong password"}, {"nobody@gov.kz", "wrong password"}} {
		before := h.verifies.Load()
		_, err := auth.Login(ctx, c.email, c.password, "192.0.2.1")
		if domain.ErrorCode(err) != domain.EUNAUTHORIZED || err.Error() != "unauthorized: The email or password is wrong." {
			t.Fatalf("%s: %v", c.email, err)
		}
		if n := h.verifies.Load() - before; n != 1 {
			t.Fatalf("%s: %d password checks, want 1 (same work either way)", c.email, n)
		}
	}
	if _, err := auth.Login(ctx, "A@GOV.KZ", "the password!", "192.0.2.1"); err != nil {
		t.Fatalf("right password: %v", err)
	}
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	h := &countingHasher{}
	auth, _ := domain.NewAuth(store, h)
	u, _ := domain.CreateUser(ctx, store, h, domain.Actor{}, domain.NewUser{Email: "o@gov.kz", Name: "O", Role: "organiser", Password: "the password!"})
	domain.CreateUser(ctx, store, h, domain.Actor{}, domain.NewUser{Email: "a@gov.kz", Name: "A", Role: "admin", Password: "the password!"})
	disabled := true
	if _, err := (domain.Users{Store: store, Hasher: h}).Update(ctx, domain.Actor{}, u.ID, domain.UserPatch{Disabled: &disabled}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := auth.Login(ctx, "o@gov.kz", "the password!", "192.0.2.1"); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
		t.Fatalf("disabled user signed in: %v", err)
	}
}

func TestLoginLimiter(t *testing.T) {
	l := domain.NewLoginLimiter()
	now := time.Date(2024, 7, 3, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if w := l.Wait("k", 3, now); w != 0 {
			t.Fatalf("after %d failures: wait %v", i, w)
		}
		l.Fail("k", now.Add(time.Duration(i)*time.Minute))
	}
	if w := l.Wait("k", 3, now.Add(3*time.Minute)); w != 12*time.Minute {
		t.Fatalf("wait %v, want until the first failure leaves the 15-minute window (12m)", w)
	}
	if w := l.Wait("k", 3, now.Add(15*time.Minute)); w != 0 {
		t.Fatalf("after the window: wait %v", w)
	}
	l.Reset("k")
	l.MaxKeys = 10
	for i := range 100 {
		l.Fail(string(rune('a'+i%26))+string(rune('A'+i/26)), now)
	}
	if l.Keys() > l.MaxKeys {
		t.Fatalf("limiter holds %d keys, bound %d", l.Keys(), l.MaxKeys)
	}
	if w := l.Wait("new", 1, now); w != 0 {
		t.Fatal("unrelated key limited")
	}
}
