package repository

import (
	"context"
	"time"

	"summit/domain"
)

type refreshRow struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	FamilyID  string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

func (refreshRow) TableName() string { return "refresh_tokens" }

// CreateRefreshToken stores a refresh token's hash.
func (r *Repos) CreateRefreshToken(ctx context.Context, t *domain.RefreshToken) error {
	if t.ID == "" {
		t.ID = domain.NewID()
	}
	row := refreshRow{ID: t.ID, UserID: t.UserID, FamilyID: t.FamilyID, TokenHash: t.TokenHash,
		ExpiresAt: utc(t.ExpiresAt), CreatedAt: time.Now().UTC()}
	return translate(r.w(ctx).Create(&row).Error)
}

// RefreshTokenByHash returns the token with hash, ENOTFOUND when absent.
func (r *Repos) RefreshTokenByHash(ctx context.Context, hash string) (*domain.RefreshToken, error) {
	var row refreshRow
	if err := r.q(ctx).Where("token_hash = ?", hash).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	return &domain.RefreshToken{ID: row.ID, UserID: row.UserID, FamilyID: row.FamilyID, TokenHash: row.TokenHash,
		ExpiresAt: utc(row.ExpiresAt), UsedAt: utcPtr(row.UsedAt), RevokedAt: utcPtr(row.RevokedAt), CreatedAt: utc(row.CreatedAt)}, nil
}

// MarkRefreshTokenUsed marks an unused token used; false when it was used already.
func (r *Repos) MarkRefreshTokenUsed(ctx context.Context, id string, at time.Time) (bool, error) {
	res := r.w(ctx).Model(&refreshRow{}).Where("id = ? AND used_at IS NULL", id).Update("used_at", utc(at))
	return res.RowsAffected == 1, translate(res.Error)
}

// RevokeSession revokes every token of a family.
func (r *Repos) RevokeSession(ctx context.Context, familyID string, at time.Time) error {
	return translate(r.w(ctx).Model(&refreshRow{}).Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", utc(at)).Error)
}

// RevokeUserSessions revokes every token of a user.
func (r *Repos) RevokeUserSessions(ctx context.Context, userID string, at time.Time) error {
	return translate(r.w(ctx).Model(&refreshRow{}).Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", utc(at)).Error)
}

// SessionRevoked reports whether a family has been revoked.
func (r *Repos) SessionRevoked(ctx context.Context, familyID string) (bool, error) {
	var n int64
	err := r.q(ctx).Model(&refreshRow{}).Where("family_id = ? AND revoked_at IS NOT NULL", familyID).Limit(1).Count(&n).Error
	return n > 0, translate(err)
}

// CountActiveAdmins returns how many admins are not disabled.
func (r *Repos) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int64
	err := r.q(ctx).Model(&userRow{}).Where("role = 'admin' AND NOT disabled").Count(&n).Error
	return int(n), translate(err)
}

type loginFailureRow struct {
	Subject string
	At      time.Time
}

func (loginFailureRow) TableName() string { return "login_failures" }

// RecentLoginFailures returns when subject failed after since, newest first, at most limit.
func (r *Repos) RecentLoginFailures(ctx context.Context, subject string, since time.Time, limit int) ([]time.Time, error) {
	var rows []loginFailureRow
	err := r.q(ctx).Where("subject = ? AND at > ?", subject, since.UTC()).Order("at DESC").Limit(limit).Find(&rows).Error
	out := make([]time.Time, len(rows))
	for i, row := range rows {
		out[i] = utc(row.At)
	}
	return out, translate(err)
}

// AddLoginFailure records a failure and forgets those from before forgetBefore.
func (r *Repos) AddLoginFailure(ctx context.Context, subject string, at, forgetBefore time.Time) error {
	if err := r.w(ctx).Where("at < ?", forgetBefore.UTC()).Delete(&loginFailureRow{}).Error; err != nil {
		return translate(err)
	}
	return translate(r.w(ctx).Create(&loginFailureRow{Subject: subject, At: at.UTC()}).Error)
}

// ClearLoginFailures forgets subject's failures.
func (r *Repos) ClearLoginFailures(ctx context.Context, subject string) error {
	return translate(r.w(ctx).Where("subject = ?", subject).Delete(&loginFailureRow{}).Error)
}
