package domain

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Sign-in limits: failures allowed per account and per client address
// within LoginWindow.
const (
	FailuresPerAccount = 5
	FailuresPerClient  = 20
	RefreshLifetime    = 14 * 24 * time.Hour
)

// Auth signs users in and keeps their sessions: refresh tokens that rotate on
// every use, whose reuse revokes the whole session.
type Auth struct {
	Store  AuthStore
	Hasher PasswordHasher
	Clock  Clock
	// dummy is a hash to verify against when the email is unknown, so that
	// unknown emails and wrong passwords take the same time.
	dummy  string
	actors actorCache
}

// AuthRepos are what signing in reads and writes.
type AuthRepos interface {
	UserRepo
	SessionRepo
	LoginFailureRepo
	AuditAppender
}

// AuthStore is what the sign-in service keeps its data in.
type AuthStore interface {
	AuthRepos
	Transactor[AuthRepos]
	ChangeCounter
}

// ChangeCounter counts the commits a process has seen (its own at once,
// other processes' as news of them arrives), without a query.
type ChangeCounter interface {
	ChangeSeq() uint64
}

// NewAuth returns the sign-in service.
func NewAuth(store AuthStore, hasher PasswordHasher, clock Clock) (*Auth, error) {
	dummy, err := hasher.Hash("not a password anyone has: " + NewID())
	if err != nil {
		return nil, err
	}
	return &Auth{Store: store, Hasher: hasher, Clock: clock, dummy: dummy}, nil
}

// Session is a signed-in user with the refresh token of the session.
type Session struct {
	User         User
	SessionID    string // the refresh token family
	RefreshToken string
	ExpiresAt    time.Time
}

var errBadCredentials = Errorf(EUNAUTHORIZED, "The email or password is wrong.")

// Login checks the credentials and opens a session. Unknown email and wrong
// password answer alike (EUNAUTHORIZED); too many failures for the account or
// the client answer ERATELIMIT with RetryAfter. Success and failure are audited.
func (a *Auth) Login(ctx context.Context, email, password, client string) (*Session, error) {
	now := a.Clock.Now()
	email = strings.ToLower(strings.TrimSpace(email))
	accountKey, clientKey := "account:"+email, "client:"+client
	accountWait, err := loginWait(ctx, a.Store, accountKey, FailuresPerAccount, now)
	if err != nil {
		return nil, err
	}
	clientWait, err := loginWait(ctx, a.Store, clientKey, FailuresPerClient, now)
	if err != nil {
		return nil, err
	}
	if wait := max(accountWait, clientWait); wait > 0 {
		return nil, &Error{Code: ERATELIMIT, Message: "Too many failed sign-ins; try again later.", RetryAfter: wait}
	}
	u, err := a.Store.UserByEmail(ctx, email)
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	hash := a.dummy
	if u != nil {
		hash = u.PasswordHash
	}
	ok := a.Hasher.Verify(hash, password) && u != nil && !u.Disabled
	if !ok {
		id := ""
		if u != nil {
			id = u.ID
		}
		err := a.Store.WithTx(ctx, func(tx AuthRepos) error {
			if err := loginFailed(ctx, tx, now, accountKey, clientKey); err != nil {
				return err
			}
			// A failed sign-in is nobody's action: no actor, the user (when the email is known) as the entity.
			return a.Clock.audit(ctx, tx, Actor{}, "login_failed", "user", id, nil, map[string]string{"email": email, "client": client})
		})
		if err != nil {
			return nil, err
		}
		return nil, errBadCredentials
	}
	var s *Session
	err = a.Store.WithTx(ctx, func(tx AuthRepos) error {
		if err := tx.ClearLoginFailures(ctx, accountKey); err != nil {
			return err
		}
		var err error
		if s, err = a.openSession(ctx, tx, *u, NewID()); err != nil {
			return err
		}
		return a.Clock.audit(ctx, tx, Actor{UserID: u.ID, Role: u.Role}, "login", "user", u.ID, nil, map[string]string{"client": client, "session": s.SessionID})
	})
	return s, err
}

// openSession issues a refresh token in family for u.
func (a *Auth) openSession(ctx context.Context, tx AuthRepos, u User, family string) (*Session, error) {
	token, hash := newRefreshToken()
	t := RefreshToken{UserID: u.ID, FamilyID: family, TokenHash: hash, ExpiresAt: a.Clock.Now().Add(RefreshLifetime)}
	if err := tx.CreateRefreshToken(ctx, &t); err != nil {
		return nil, err
	}
	return &Session{User: u, SessionID: family, RefreshToken: token, ExpiresAt: t.ExpiresAt}, nil
}

// Refresh rotates a refresh token: the presented one is used up and a new one
// issued in the same session. Presenting a token that was used already
// revokes the whole session (it was stolen, or the session was) and is audited.
func (a *Auth) Refresh(ctx context.Context, token string) (*Session, error) {
	now := a.Clock.Now()
	var s *Session
	reused := false
	err := a.Store.WithTx(ctx, func(tx AuthRepos) error {
		t, err := tx.RefreshTokenByHash(ctx, hashToken(token))
		if err != nil {
			return Errorf(EUNAUTHORIZED, "The session has ended; sign in again.")
		}
		if t.RevokedAt != nil || !now.Before(t.ExpiresAt) {
			return Errorf(EUNAUTHORIZED, "The session has ended; sign in again.")
		}
		fresh, err := tx.MarkRefreshTokenUsed(ctx, t.ID, now)
		if err != nil {
			return err
		}
		if !fresh || t.UsedAt != nil {
			reused = true
			if err := tx.RevokeSession(ctx, t.FamilyID, now); err != nil {
				return err
			}
			return a.Clock.audit(ctx, tx, Actor{UserID: t.UserID}, "refresh_reuse", "user", t.UserID, nil, map[string]string{"session": t.FamilyID})
		}
		u, err := tx.UserByID(ctx, t.UserID)
		if err != nil || u.Disabled {
			return Errorf(EUNAUTHORIZED, "The session has ended; sign in again.")
		}
		s, err = a.openSession(ctx, tx, *u, t.FamilyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if reused {
		return nil, Errorf(EUNAUTHORIZED, "This refresh token was used already; the session has been ended for safety. Sign in again.")
	}
	return s, nil
}

// Logout ends the session of token; everywhere also ends every other session
// of its user and makes every access token of the user invalid at once.
func (a *Auth) Logout(ctx context.Context, token string, everywhere bool) error {
	now := a.Clock.Now()
	return a.Store.WithTx(ctx, func(tx AuthRepos) error {
		t, err := tx.RefreshTokenByHash(ctx, hashToken(token))
		if err != nil {
			return nil // an unknown token has no session to end
		}
		if err := tx.RevokeSession(ctx, t.FamilyID, now); err != nil {
			return err
		}
		if everywhere {
			u, err := tx.UserByID(ctx, t.UserID)
			if err != nil {
				return err
			}
			before := *u
			u.TokenVersion++
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
			if err := tx.RevokeUserSessions(ctx, u.ID, now); err != nil {
				return err
			}
			return a.Clock.audit(ctx, tx, Actor{UserID: u.ID, Role: u.Role}, "logout_everywhere", "user", u.ID, &before, u)
		}
		return a.Clock.audit(ctx, tx, Actor{UserID: t.UserID}, "logout", "user", t.UserID, nil, map[string]string{"session": t.FamilyID})
	})
}

// Claims are what an access token says about its holder.
type Claims struct {
	UserID       string
	Role         Role
	DelegationID string
	TokenVersion int
	SessionID    string
}

// ActorFor checks an access token's claims against the stored user, so that a
// token stops working at once when its user is disabled, deleted, changes
// role or password, or its session ends. EUNAUTHORIZED otherwise.
//
// An accepted check is remembered (see actorCache), so that a request costs
// no query while nothing changed.
func (a *Auth) ActorFor(ctx context.Context, c Claims) (Actor, error) {
	// Both before the reads: a commit during them makes the result old at once.
	seq, read := a.Store.ChangeSeq(), time.Now()
	if actor, ok := a.actors.get(c, seq); ok {
		return actor, nil
	}
	actor, err := a.checkClaims(ctx, c)
	if err == nil {
		a.actors.put(c, cachedActor{actor, seq, read})
	}
	return actor, err
}

// checkClaims reads the user and the session of c.
func (a *Auth) checkClaims(ctx context.Context, c Claims) (Actor, error) {
	refused := Errorf(EUNAUTHORIZED, "The access token is no longer valid; sign in again.")
	u, err := a.Store.UserByID(ctx, c.UserID)
	if err != nil {
		if ErrorCode(err) == ENOTFOUND {
			return Actor{}, refused
		}
		return Actor{}, err
	}
	if u.Disabled || u.TokenVersion != c.TokenVersion || u.Role != c.Role || u.DelegationID != c.DelegationID {
		return Actor{}, refused
	}
	if c.SessionID != "" {
		revoked, err := a.Store.SessionRevoked(ctx, c.SessionID)
		if err != nil {
			return Actor{}, err
		}
		if revoked {
			return Actor{}, refused
		}
	}
	return Actor{UserID: u.ID, Role: u.Role, DelegationID: u.DelegationID}, nil
}

// ActorCacheFor is how long an accepted token check is believed without
// reading the user and the session again, at most: on the instance that
// made a change it ends at once (every commit counts, see ChangeCounter);
// on another instance sharing a PostgreSQL database it ends when the
// change's notice arrives, and at the latest after ActorCacheFor, should
// the notice be lost.
const ActorCacheFor = 2 * time.Second

// actorCacheSize bounds the cache; when full it starts again empty.
const actorCacheSize = 10_000

// actorCache remembers accepted token checks, each with the commit count it
// was read at and when (on the process's monotonic clock, not the summit's
// Clock, which tests pin).
type actorCache struct {
	mu      sync.Mutex
	entries map[Claims]cachedActor
}

type cachedActor struct {
	actor Actor
	seq   uint64
	read  time.Time
}

func (c *actorCache) get(k Claims, seq uint64) (Actor, bool) {
	c.mu.Lock()
	e, ok := c.entries[k]
	c.mu.Unlock()
	if !ok || e.seq != seq || time.Since(e.read) >= ActorCacheFor {
		return Actor{}, false
	}
	return e.actor, true
}

func (c *actorCache) put(k Claims, e cachedActor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= actorCacheSize {
		c.entries = map[Claims]cachedActor{}
	}
	c.entries[k] = e
}

// newRefreshToken returns a token of 256 random bits and its stored hash.
func newRefreshToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

// hashToken is how a secret token is stored: SHA-256, hex (the token has 256
// bits of entropy, so no salt or slow hash is needed).
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ChangePassword sets the signed-in user's password after checking the
// current one, ends every session and token of the user, and opens a new
// session for the caller. A wrong current password is EINVALID.
func (a *Auth) ChangePassword(ctx context.Context, actor Actor, current, next string) (*Session, error) {
	var v Validation
	CheckPassword(&v, "new_password", next)
	if err := v.Err(); err != nil {
		return nil, err
	}
	u, err := a.Store.UserByID(ctx, actor.UserID)
	if err != nil {
		return nil, err
	}
	key, now := "account:"+u.Email, a.Clock.Now()
	if wait, err := loginWait(ctx, a.Store, key, FailuresPerAccount, now); err != nil || wait > 0 {
		if err != nil {
			return nil, err
		}
		return nil, &Error{Code: ERATELIMIT, Message: "Too many wrong passwords; try again later.", RetryAfter: wait}
	}
	if !a.Hasher.Verify(u.PasswordHash, current) {
		if err := a.Store.WithTx(ctx, func(tx AuthRepos) error { return loginFailed(ctx, tx, now, key) }); err != nil {
			return nil, err
		}
		return nil, &Error{Code: EINVALID, Message: "The current password is wrong.",
			Fields: []FieldError{{Field: "current_password", Message: "is wrong"}}}
	}
	hash, err := a.Hasher.Hash(next)
	if err != nil {
		return nil, err
	}
	var sess *Session
	err = a.Store.WithTx(ctx, func(tx AuthRepos) error {
		u, err := tx.UserByID(ctx, actor.UserID)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
		u.TokenVersion++
		if err := tx.RevokeUserSessions(ctx, u.ID, now); err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if sess, err = a.openSession(ctx, tx, *u, NewID()); err != nil {
			return err
		}
		return a.Clock.audit(ctx, tx, actor, "password_change", "user", u.ID, nil, map[string]bool{"password_changed": true})
	})
	return sess, err
}
