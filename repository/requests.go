package repository

import (
	"context"
	"time"

	"summit/domain"
)

type requestRow struct {
	ID               string `gorm:"primaryKey"`
	FromDelegationID string
	ToDelegationID   string
	DurationMinutes  int
	Priority         int
	Earliest         *time.Time
	Latest           *time.Time
	Note             string
	Status           string
	MeetingID        *string
	CreatedBy        *string
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (requestRow) TableName() string { return "bilateral_requests" }

func (r requestRow) domain() domain.BilateralRequest {
	return domain.BilateralRequest{ID: r.ID, FromDelegationID: r.FromDelegationID, ToDelegationID: r.ToDelegationID,
		DurationMinutes: r.DurationMinutes, Priority: r.Priority, Earliest: utcPtr(r.Earliest), Latest: utcPtr(r.Latest),
		Note: r.Note, Status: domain.RequestStatus(r.Status), MeetingID: deref(r.MeetingID), CreatedBy: deref(r.CreatedBy),
		Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

// CreateRequest stores a new bilateral request.
func (r *Repos) CreateRequest(ctx context.Context, b *domain.BilateralRequest) error {
	if b.ID == "" {
		b.ID = domain.NewID()
	}
	if b.Status == "" {
		b.Status = "pending"
	}
	row := requestRow{ID: b.ID, FromDelegationID: b.FromDelegationID, ToDelegationID: b.ToDelegationID,
		DurationMinutes: b.DurationMinutes, Priority: b.Priority, Earliest: utcPtr(b.Earliest), Latest: utcPtr(b.Latest),
		Note: b.Note, Status: string(b.Status), MeetingID: nullable(b.MeetingID), CreatedBy: nullable(b.CreatedBy), Version: 1}
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*b = row.domain()
	return nil
}

// RequestByID returns the request with id, ENOTFOUND when absent.
func (r *Repos) RequestByID(ctx context.Context, id string) (*domain.BilateralRequest, error) {
	var row requestRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	b := row.domain()
	return &b, nil
}

// ListRequests lists requests in the order they were filed.
func (r *Repos) ListRequests(ctx context.Context, f domain.RequestFilter, p domain.Page) ([]domain.BilateralRequest, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 1)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("id").Limit(limit + 1)
	if f.DelegationID != "" {
		q = q.Where("(from_delegation_id = ? OR to_delegation_id = ?)", f.DelegationID, f.DelegationID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if after != nil {
		q = q.Where("id > ?", after[0])
	}
	var rows []requestRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r requestRow) []string { return []string{r.ID} })
	out := make([]domain.BilateralRequest, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, next, nil
}

// UpdateRequest saves b over version b.Version and bumps it.
func (r *Repos) UpdateRequest(ctx context.Context, b *domain.BilateralRequest) error {
	row := requestRow{DurationMinutes: b.DurationMinutes, Priority: b.Priority, Earliest: utcPtr(b.Earliest), Latest: utcPtr(b.Latest),
		Note: b.Note, Status: string(b.Status), MeetingID: nullable(b.MeetingID), Version: b.Version + 1, UpdatedAt: time.Now().UTC()}
	res := r.w(ctx).Model(&requestRow{}).Where("id = ? AND version = ?", b.ID, b.Version).
		Select("duration_minutes", "priority", "earliest", "latest", "note", "status", "meeting_id", "version", "updated_at").Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "bilateral_requests", b.ID)
	}
	b.Version, b.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}
