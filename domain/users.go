package domain

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// NewUser is what it takes to create a user.
type NewUser struct {
	Email        string
	Name         string
	Role         Role
	DelegationID string
	Password     string
}

// CheckPassword validates a new password: 12 to 128 characters, any Unicode.
func CheckPassword(v *Validation, field, password string) {
	n := utf8.RuneCountInString(password)
	v.Check(utf8.ValidString(password) && n >= 12 && n <= 128, field, "must be 12 to 128 characters long")
}

// Create validates n, hashes its password and stores the user, with an
// audit entry, in one transaction. EINVALID names every bad field; an email
// in use is ECONFLICT; only admins (and the system) may create users.
func (s Users) Create(ctx context.Context, actor Actor, n NewUser) (*User, error) {
	if err := CanManageUsers(actor); err != nil {
		return nil, err
	}
	n.Email, n.Name = strings.TrimSpace(n.Email), strings.TrimSpace(n.Name)
	var v Validation
	addr, err := mail.ParseAddress(n.Email)
	v.Check(err == nil && addr.Address == n.Email && len(n.Email) <= 254, "email", "must be an email address")
	checkUser(&v, n.Name, n.Role, n.DelegationID)
	CheckPassword(&v, "password", n.Password)
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(n.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Email: strings.ToLower(n.Email), Name: n.Name, Role: n.Role, DelegationID: n.DelegationID, PasswordHash: hash}
	err = s.Store.WithTx(ctx, func(tx UserRepos) error {
		if u.DelegationID != "" {
			if _, err := tx.DelegationByID(ctx, u.DelegationID); err != nil {
				return &Error{Code: EINVALID, Message: "The request has invalid fields.",
					Fields: []FieldError{{Field: "delegation_id", Message: "no such delegation"}}}
			}
		}
		if _, err := tx.UserByEmail(ctx, u.Email); err == nil {
			return Errorf(ECONFLICT, "A user with this email exists already.")
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "create", "user", u.ID, nil, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// checkUser validates the fields a user's name, role and delegation share
// between creation and change.
func checkUser(v *Validation, name string, role Role, delegationID string) {
	v.Check(name != "" && utf8.RuneCountInString(name) <= 200, "name", "must be 1 to 200 characters")
	_, ok := ParseRole(string(role))
	v.Check(ok, "role", "must be one of %s", oneOf(Roles))
	switch {
	case role == RoleDelegate && delegationID == "":
		v.Add("delegation_id", "a delegate must belong to a delegation")
	case role != RoleDelegate && delegationID != "":
		v.Add("delegation_id", "only delegates belong to a delegation")
	}
}

// UserPatch is a partial change of a user: nil fields stay as they are.
// DelegationID "" clears the delegation.
type UserPatch struct {
	Name         *string
	Role         *Role
	DelegationID *string
	Disabled     *bool
	Password     *string
}

// PasswordHasher hashes passwords for storage and checks them.
type PasswordHasher interface {
	Hash(password string) (string, error)
	Verify(hash, password string) bool
}

// UserRepos are what the users service reads and writes.
type UserRepos interface {
	UserRepo
	DelegationReader
	// RevokeUserSessions revokes every refresh token of a user.
	RevokeUserSessions(ctx context.Context, userID string, at time.Time) error
	AuditAppender
}

// UserStore is what the users service keeps its data in.
type UserStore interface {
	UserRepos
	Transactor[UserRepos]
}

// Patch lays p (but its password) over u; a role other than delegate
// without a delegation given clears the delegation.
func (p UserPatch) Patch(u *User) {
	if p.Name != nil {
		u.Name = strings.TrimSpace(*p.Name)
	}
	if p.Role != nil {
		u.Role = *p.Role
		if u.Role != RoleDelegate && p.DelegationID == nil {
			u.DelegationID = ""
		}
	}
	setIf(&u.DelegationID, p.DelegationID)
	setIf(&u.Disabled, p.Disabled)
}

// newPasswordHash validates and hashes a new password; "" for none.
func (s Users) newPasswordHash(password *string) (string, error) {
	if password == nil {
		return "", nil
	}
	var v Validation
	CheckPassword(&v, "password", *password)
	if err := v.Err(); err != nil {
		return "", err
	}
	return s.Hasher.Hash(*password)
}

// checkUserChange validates a change of u into next, in tx: its fields, its
// delegation, and that it takes away no last active admin.
func checkUserChange(ctx context.Context, tx UserRepos, u, next *User) error {
	var v Validation
	checkUser(&v, next.Name, next.Role, next.DelegationID)
	if err := v.Err(); err != nil {
		return err
	}
	if next.DelegationID != "" && next.DelegationID != u.DelegationID {
		if _, err := tx.DelegationByID(ctx, next.DelegationID); err != nil {
			return &Error{Code: EINVALID, Message: "The request has invalid fields.",
				Fields: []FieldError{{Field: "delegation_id", Message: "no such delegation"}}}
		}
	}
	if u.Role == RoleAdmin && !u.Disabled && (next.Role != RoleAdmin || next.Disabled) {
		return lastAdminGuard(ctx, tx)
	}
	return nil
}

// Users is the admins' service for user accounts, and each user's own.
type Users struct {
	Store  UserStore
	Hasher PasswordHasher
	Clock  Clock
}

// List returns one page of users by email.
func (s Users) List(ctx context.Context, actor Actor, p Page) ([]User, string, error) {
	if err := CanManageUsers(actor); err != nil {
		return nil, "", err
	}
	return s.Store.ListUsers(ctx, p)
}

// Get returns the user with id.
func (s Users) Get(ctx context.Context, actor Actor, id string) (*User, error) {
	if err := CanManageUsers(actor); err != nil {
		return nil, err
	}
	return s.Store.UserByID(ctx, id)
}

// Update applies patch to the user with id when its version is ifMatch (0:
// any). A change of role or delegation, disabling, or a new password ends
// the user's tokens and sessions at once. The last active admin cannot be
// demoted or disabled (ECONFLICT).
func (s Users) Update(ctx context.Context, actor Actor, id string, patch UserPatch, ifMatch int) (*User, error) {
	if err := CanManageUsers(actor); err != nil {
		return nil, err
	}
	hash, err := s.newPasswordHash(patch.Password)
	if err != nil {
		return nil, err
	}
	var out *User
	err = s.Store.WithTx(ctx, func(tx UserRepos) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("user", u.Version, ifMatch); err != nil {
			return err
		}
		before, next := *u, *u
		patch.Patch(&next)
		if err := checkUserChange(ctx, tx, u, &next); err != nil {
			return err
		}
		if hash != "" {
			next.PasswordHash = hash
		}
		endsTokens := next.Role != u.Role || next.DelegationID != u.DelegationID || (next.Disabled && !u.Disabled) || hash != ""
		if endsTokens {
			next.TokenVersion++
			if err := tx.RevokeUserSessions(ctx, u.ID, s.Clock.Now()); err != nil {
				return err
			}
		}
		if err := tx.UpdateUser(ctx, &next); err != nil {
			return err
		}
		action := "update"
		if next.Role != u.Role {
			action = "role_change"
		}
		out = &next
		return s.Clock.audit(ctx, tx, actor, action, "user", u.ID, &before, userChange{&next, hash != ""})
	})
	return out, err
}

// Delete removes the user with id (version ifMatch, 0: any); never the last active admin.
func (s Users) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanManageUsers(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx UserRepos) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("user", u.Version, ifMatch); err != nil {
			return err
		}
		if u.Role == RoleAdmin && !u.Disabled {
			if err := lastAdminGuard(ctx, tx); err != nil {
				return err
			}
		}
		if err := tx.DeleteUser(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "user", id, u, nil)
	})
}

// lastAdminGuard refuses to take away the last active admin.
func lastAdminGuard(ctx context.Context, tx UserRepo) error {
	n, err := tx.CountActiveAdmins(ctx)
	if err != nil {
		return err
	}
	if n <= 1 {
		return Errorf(ECONFLICT, "This is the last active admin; make another admin first.")
	}
	return nil
}

// Me returns the signed-in user.
func (s Users) Me(ctx context.Context, actor Actor) (*User, error) {
	if actor.UserID == "" {
		return nil, Errorf(EUNAUTHORIZED, "Sign in first.")
	}
	return s.Store.UserByID(ctx, actor.UserID)
}

// UpdateMe changes the signed-in user's own name.
func (s Users) UpdateMe(ctx context.Context, actor Actor, name string, ifMatch int) (*User, error) {
	var out *User
	err := s.Store.WithTx(ctx, func(tx UserRepos) error {
		u, err := tx.UserByID(ctx, actor.UserID)
		if err != nil {
			return err
		}
		if err := checkVersion("account", u.Version, ifMatch); err != nil {
			return err
		}
		before := *u
		u.Name = strings.TrimSpace(name)
		var v Validation
		checkUser(&v, u.Name, u.Role, u.DelegationID)
		if err := v.Err(); err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		out = u
		return s.Clock.audit(ctx, tx, actor, "update", "user", u.ID, &before, u)
	})
	return out, err
}
