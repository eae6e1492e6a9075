package domain_test

import (
	"context"
	"errors"
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

func openStore(t *testing.T) *repository.DB {
	t.Helper()
	db, err := repository.Open(context.Background(), "file:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// users is the users service on db, with h as its hasher.
func users(db *repository.DB, h domain.PasswordHasher) domain.Users {
	return domain.Users{Store: repository.For[domain.UserRepos](db), Hasher: h}
}

// newAuth is the sign-in service on db, with h as its hasher.
func newAuth(db *repository.DB, h domain.PasswordHasher) *domain.Auth {
	auth, err := domain.NewAuth(repository.For[domain.AuthRepos](db), h, nil)
	if err != nil {
		panic(err)
	}
	return auth
}

func TestUnknownEmailCostsAPasswordCheck(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	h := &countingHasher{}
	auth := newAuth(store, h)
	users(store, h).Create(ctx, domain.Actor{}, domain.NewUser{Email: "a@gov.kz", Name: "A", Role: "admin", Password: "the password!"})
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
	auth := newAuth(store, h)
	u, _ := users(store, h).Create(ctx, domain.Actor{}, domain.NewUser{Email: "o@gov.kz", Name: "O", Role: "organiser", Password: "the password!"})
	users(store, h).Create(ctx, domain.Actor{}, domain.NewUser{Email: "a@gov.kz", Name: "A", Role: "admin", Password: "the password!"})
	disabled := true
	if _, err := users(store, h).Update(ctx, domain.Actor{}, u.ID, domain.UserPatch{Disabled: &disabled}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := auth.Login(ctx, "o@gov.kz", "the password!", "192.0.2.1"); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
		t.Fatalf("disabled user signed in: %v", err)
	}
}

// TestLoginLimits: after FailuresPerAccount failures within LoginWindow the
// account waits until the oldest leaves the window, whatever the password;
// the failures are in the database, so a second service on it counts them.
func TestLoginLimits(t *testing.T) {
	ctx := context.Background()
	store := openStore(t)
	h := &countingHasher{}
	users(store, h).Create(ctx, domain.Actor{}, domain.NewUser{Email: "o@gov.kz", Name: "O", Role: "organiser", Password: "the password!"})
	first := newAuth(store, h)
	second := newAuth(store, h) // another instance on the same database
	now := time.Date(2024, 7, 3, 9, 0, 0, 0, time.UTC)
	for i := range domain.FailuresPerAccount {
		auth := []*domain.Auth{first, second}[i%2]
		auth.Clock = func() time.Time { return now.Add(time.Duration(i) * time.Minute) }
		if _, err := auth.Login(ctx, "o@gov.kz", "wrong", "192.0.2.1"); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	second.Clock = func() time.Time { return now.Add(5 * time.Minute) }
	_, err := second.Login(ctx, "o@gov.kz", "the password!", "192.0.2.2")
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.ERATELIMIT || e.RetryAfter != 10*time.Minute {
		t.Fatalf("the sixth try should wait 10 minutes (until the first failure leaves the window): %v", err)
	}
	second.Clock = func() time.Time { return now.Add(domain.LoginWindow + time.Minute) }
	if _, err := second.Login(ctx, "o@gov.kz", "the password!", "192.0.2.2"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// Success forgets the account's failures.
	first.Clock = second.Clock
	for range domain.FailuresPerAccount - 1 {
		first.Login(ctx, "o@gov.kz", "wrong", "192.0.2.3")
	}
	if _, err := first.Login(ctx, "o@gov.kz", "the password!", "192.0.2.3"); err != nil {
		t.Fatalf("under the limit: %v", err)
	}
	if _, err := first.Login(ctx, "o@gov.kz", "wrong", "192.0.2.3"); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
		t.Fatalf("the success should have cleared the count: %v", err)
	}
}

// countingAuthStore is the real store, counting the reads of a token check.
type countingAuthStore struct {
	repository.Scoped[domain.AuthRepos]
	reads atomic.Int32
}

func (s *countingAuthStore) UserByID(ctx context.Context, id string) (*domain.User, error) {
	s.reads.Add(1)
	return s.Scoped.UserByID(ctx, id)
}

// TestTokenCheckCostsNoQueryUntilAChange: a token check read once is
// believed while nothing commits; any commit (here disabling the user, or
// ending the session) makes the next check read again and refuse.
func TestTokenCheckCostsNoQueryUntilAChange(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	h := &countingHasher{}
	store := &countingAuthStore{Scoped: repository.For[domain.AuthRepos](db)}
	auth, err := domain.NewAuth(store, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, end := range []string{"disable", "logout"} {
		u, _ := users(db, h).Create(ctx, domain.Actor{}, domain.NewUser{Email: end + "@gov.kz", Name: "O", Role: "organiser", Password: "the password!"})
		sess, err := auth.Login(ctx, u.Email, "the password!", "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		claims := domain.Claims{UserID: u.ID, Role: u.Role, TokenVersion: sess.User.TokenVersion, SessionID: sess.SessionID}
		before := store.reads.Load()
		for range 5 {
			if _, err := auth.ActorFor(ctx, claims); err != nil {
				t.Fatalf("%s: a good token: %v", end, err)
			}
		}
		if n := store.reads.Load() - before; n != 1 {
			t.Fatalf("%s: 5 checks read the user %d times, want 1", end, n)
		}
		if end == "disable" {
			disabled := true
			if _, err := users(db, h).Update(ctx, domain.Actor{}, u.ID, domain.UserPatch{Disabled: &disabled}, 0); err != nil {
				t.Fatal(err)
			}
		} else if err := auth.Logout(ctx, sess.RefreshToken, false); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.ActorFor(ctx, claims); domain.ErrorCode(err) != domain.EUNAUTHORIZED {
			t.Fatalf("after %s the token still works: %v", end, err)
		}
	}
}
