package repository

import (
	"context"
	"strings"
	"time"

	"summit/domain"
)

type userRow struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Name         string
	Role         string
	DelegationID *string
	PasswordHash string
	Disabled     bool
	TokenVersion int
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (userRow) TableName() string { return "users" }

func toUserRow(u *domain.User) userRow {
	return userRow{ID: u.ID, Email: strings.ToLower(u.Email), Name: u.Name, Role: string(u.Role),
		DelegationID: nullable(u.DelegationID), PasswordHash: u.PasswordHash, Disabled: u.Disabled,
		TokenVersion: u.TokenVersion, Version: u.Version, CreatedAt: utc(u.CreatedAt), UpdatedAt: utc(u.UpdatedAt)}
}

func (r userRow) domain() domain.User {
	return domain.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: domain.Role(r.Role),
		DelegationID: deref(r.DelegationID), PasswordHash: r.PasswordHash, Disabled: r.Disabled,
		TokenVersion: r.TokenVersion, Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

// CreateUser stores a new user; the email is kept in lower case and is unique.
func (r *Repos) CreateUser(ctx context.Context, u *domain.User) error {
	if u.ID == "" {
		u.ID = domain.NewID()
	}
	u.Version, u.TokenVersion = 1, max(u.TokenVersion, 1)
	row := toUserRow(u)
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*u = row.domain()
	return nil
}

// UserByID returns the user with id, ENOTFOUND when absent.
func (r *Repos) UserByID(ctx context.Context, id string) (*domain.User, error) {
	var row userRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	u := row.domain()
	return &u, nil
}

// UserByEmail returns the user with email (any case), ENOTFOUND when absent.
func (r *Repos) UserByEmail(ctx context.Context, email string) (*domain.User, error) {
	var row userRow
	if err := r.q(ctx).Where("email = ?", strings.ToLower(email)).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	u := row.domain()
	return &u, nil
}

// UpdateUser saves u over version u.Version and bumps the version.
func (r *Repos) UpdateUser(ctx context.Context, u *domain.User) error {
	row := toUserRow(u)
	row.Version = u.Version + 1
	row.UpdatedAt = time.Now().UTC()
	res := r.w(ctx).Model(&userRow{}).Where("id = ? AND version = ?", u.ID, u.Version).
		Select("email", "name", "role", "delegation_id", "password_hash", "disabled", "token_version", "version", "updated_at").
		Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "users", u.ID)
	}
	u.Version, u.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}

// DeleteUser removes the user with id.
func (r *Repos) DeleteUser(ctx context.Context, id string) error {
	res := r.w(ctx).Where("id = ?", id).Delete(&userRow{})
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	return nil
}

// ListUsers lists users by email.
func (r *Repos) ListUsers(ctx context.Context, p domain.Page) ([]domain.User, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 1)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("email").Limit(limit + 1)
	if after != nil {
		q = q.Where("email > ?", after[0])
	}
	var rows []userRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r userRow) []string { return []string{r.Email} })
	out := make([]domain.User, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, next, nil
}

// CountUsers returns how many users exist.
func (r *Repos) CountUsers(ctx context.Context) (int, error) {
	var n int64
	err := r.q(ctx).Model(&userRow{}).Count(&n).Error
	return int(n), translate(err)
}

// staleOrMissing tells why a versioned update touched no row.
func staleOrMissing(ctx context.Context, r *Repos, table, id string) error {
	var n int64
	if err := r.q(ctx).Table(table).Where("id = ?", id).Count(&n).Error; err != nil {
		return translate(err)
	}
	if n == 0 {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	return domain.Errorf(domain.EPRECONDITION, "It was changed by someone else since you read it; reload and try again.")
}
