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
	Role         string
	DelegationID string
	Password     string
}

// UserView is a user as the audit trail and the API show it: never the hash.
type UserView struct {
	ID           string `json:"id"`
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	DelegationID string `json:"delegation_id,omitempty"`
	Disabled     bool   `json:"disabled"`
	Version      int    `json:"version"`
}

// View returns the caller-safe form of u.
func (u *User) View() UserView {
	return UserView{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, DelegationID: u.DelegationID,
		Disabled: u.Disabled, Version: u.Version}
}

// CheckPassword validates a new password: 12 to 128 characters, any Unicode.
func CheckPassword(v *Validation, field, password string) {
	n := utf8.RuneCountInString(password)
	v.Check(utf8.ValidString(password) && n >= 12 && n <= 128, field, "must be 12 to 128 characters long")
}

// CreateUser validates n, hashes its password and stores the user, with an
// audit entry, in one transaction. EINVALID names every bad field; an email
// in use is ECONFLICT; only admins (and the system) may create users.
func CreateUser(ctx context.Context, store Store, hasher PasswordHasher, actor Actor, n NewUser) (*User, error) {
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
	hash, err := hasher.Hash(n.Password)
	if err != nil {
		return nil, err
	}
	u := &User{Email: strings.ToLower(n.Email), Name: n.Name, Role: n.Role, DelegationID: n.DelegationID, PasswordHash: hash}
	err = store.WithTx(ctx, func(tx Repos) error {
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
		return Audit(ctx, tx, actor, "create", "user", u.ID, nil, u.View())
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// checkUser validates the fields a user's name, role and delegation share
// between creation and change.
func checkUser(v *Validation, name, role, delegationID string) {
	v.Check(name != "" && utf8.RuneCountInString(name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(Contains(Roles, role), "role", "must be one of %s", strings.Join(Roles, ", "))
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
	Role         *string
	DelegationID *string
	Disabled     *bool
	Password     *string
}

// Users is the admins' service for user accounts.
type Users struct {
	Store  Store
	Hasher PasswordHasher
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
	var hash string
	if patch.Password != nil {
		var v Validation
		CheckPassword(&v, "password", *patch.Password)
		if err := v.Err(); err != nil {
			return nil, err
		}
		var err error
		if hash, err = s.Hasher.Hash(*patch.Password); err != nil {
			return nil, err
		}
	}
	var out *User
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && u.Version != ifMatch {
			return Errorf(EPRECONDITION, "The user was changed by someone else since you read it; reload and try again.")
		}
		before := u.View()
		next := *u
		if patch.Name != nil {
			next.Name = strings.TrimSpace(*patch.Name)
		}
		if patch.Role != nil {
			next.Role = *patch.Role
			if next.Role != RoleDelegate && patch.DelegationID == nil {
				next.DelegationID = ""
			}
		}
		if patch.DelegationID != nil {
			next.DelegationID = *patch.DelegationID
		}
		if patch.Disabled != nil {
			next.Disabled = *patch.Disabled
		}
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
			if err := lastAdminGuard(ctx, tx); err != nil {
				return err
			}
		}
		if hash != "" {
			next.PasswordHash = hash
		}
		endsTokens := next.Role != u.Role || next.DelegationID != u.DelegationID || (next.Disabled && !u.Disabled) || hash != ""
		if endsTokens {
			next.TokenVersion++
			if err := tx.RevokeUserSessions(ctx, u.ID, time.Now()); err != nil {
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
		after := next.View()
		out = &next
		return Audit(ctx, tx, actor, action, "user", u.ID, before, auditUserChange{after, hash != ""})
	})
	return out, err
}

// auditUserChange is a user's after-image in the audit: never the password, only that it changed.
type auditUserChange struct {
	UserView
	PasswordChanged bool `json:"password_changed,omitempty"`
}

// Delete removes the user with id (version ifMatch, 0: any); never the last active admin.
func (s Users) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanManageUsers(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Repos) error {
		u, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && u.Version != ifMatch {
			return Errorf(EPRECONDITION, "The user was changed by someone else since you read it; reload and try again.")
		}
		if u.Role == RoleAdmin && !u.Disabled {
			if err := lastAdminGuard(ctx, tx); err != nil {
				return err
			}
		}
		if err := tx.DeleteUser(ctx, id); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "delete", "user", id, u.View(), nil)
	})
}

// lastAdminGuard refuses to take away the last active admin.
func lastAdminGuard(ctx context.Context, tx Repos) error {
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
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		u, err := tx.UserByID(ctx, actor.UserID)
		if err != nil {
			return err
		}
		if ifMatch != 0 && u.Version != ifMatch {
			return Errorf(EPRECONDITION, "Your account was changed elsewhere since you read it; reload and try again.")
		}
		before := u.View()
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
		return Audit(ctx, tx, actor, "update", "user", u.ID, before, u.View())
	})
	return out, err
}

// ChangePassword sets the signed-in user's password after checking the
// current one, ends every session and token of the user, and opens a new
// session for the caller. A wrong current password is EINVALID.
func (s Users) ChangePassword(ctx context.Context, auth *Auth, actor Actor, current, next string) (*Session, error) {
	var v Validation
	CheckPassword(&v, "new_password", next)
	if err := v.Err(); err != nil {
		return nil, err
	}
	u, err := s.Store.UserByID(ctx, actor.UserID)
	if err != nil {
		return nil, err
	}
	key, now := "account:"+u.Email, auth.Now()
	if wait, err := loginWait(ctx, s.Store, key, FailuresPerAccount, now); err != nil || wait > 0 {
		if err != nil {
			return nil, err
		}
		return nil, &Error{Code: ERATELIMIT, Message: "Too many wrong passwords; try again later.", RetryAfter: wait}
	}
	if !s.Hasher.Verify(u.PasswordHash, current) {
		if err := s.Store.WithTx(ctx, func(tx Repos) error { return loginFailed(ctx, tx, now, key) }); err != nil {
			return nil, err
		}
		return nil, &Error{Code: EINVALID, Message: "The current password is wrong.",
			Fields: []FieldError{{Field: "current_password", Message: "is wrong"}}}
	}
	hash, err := s.Hasher.Hash(next)
	if err != nil {
		return nil, err
	}
	var sess *Session
	err = s.Store.WithTx(ctx, func(tx Repos) error {
		u, err := tx.UserByID(ctx, actor.UserID)
		if err != nil {
			return err
		}
		u.PasswordHash = hash
		u.TokenVersion++
		if err := tx.RevokeUserSessions(ctx, u.ID, time.Now()); err != nil {
			return err
		}
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if sess, err = auth.openSession(ctx, tx, *u, NewID()); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "password_change", "user", u.ID, nil, map[string]bool{"password_changed": true})
	})
	return sess, err
}
