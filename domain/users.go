package domain

import (
	"context"
	"net/mail"
	"strings"
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
// in use is ECONFLICT.
func CreateUser(ctx context.Context, store Store, hasher PasswordHasher, actor Actor, n NewUser) (*User, error) {
	n.Email, n.Name = strings.TrimSpace(n.Email), strings.TrimSpace(n.Name)
	var v Validation
	addr, err := mail.ParseAddress(n.Email)
	v.Check(err == nil && addr.Address == n.Email && len(n.Email) <= 254, "email", "must be an email address")
	v.Check(n.Name != "" && utf8.RuneCountInString(n.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(Contains(Roles, n.Role), "role", "must be one of %s", strings.Join(Roles, ", "))
	switch {
	case n.Role == RoleDelegate && n.DelegationID == "":
		v.Add("delegation_id", "a delegate must belong to a delegation")
	case n.Role != RoleDelegate && n.DelegationID != "":
		v.Add("delegation_id", "only delegates belong to a delegation")
	}
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
