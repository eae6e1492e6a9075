package repository

import (
	"context"
	"strconv"
	"time"

	"summit/domain"
)

type auditRow struct {
	ID         int64 `gorm:"primaryKey;autoIncrement"`
	At         time.Time
	ActorID    *string
	Action     string
	EntityType string
	EntityID   string
	Schema     int
	Before     *string
	After      *string
}

func (auditRow) TableName() string { return "audit_entries" }

func jsonText(b []byte) *string {
	if b == nil {
		return nil
	}
	s := string(b)
	return &s
}

func jsonBytes(s *string) []byte {
	if s == nil {
		return nil
	}
	return []byte(*s)
}

// AppendAudit adds an entry to the audit trail.
func (r *Repos) AppendAudit(ctx context.Context, e *domain.AuditEntry) error {
	if e.At.IsZero() {
		e.At = time.Now()
	}
	row := auditRow{At: utc(e.At), ActorID: nullable(e.ActorID), Action: e.Action, EntityType: e.EntityType,
		EntityID: e.EntityID, Schema: max(e.Schema, 1), Before: jsonText(e.Before), After: jsonText(e.After)}
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	e.ID, e.At = row.ID, row.At
	return nil
}

// ListAudit lists audit entries, newest first.
func (r *Repos) ListAudit(ctx context.Context, f domain.AuditFilter, p domain.Page) ([]domain.AuditEntry, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 1)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("id DESC").Limit(limit + 1)
	if after != nil {
		id, err := strconv.ParseInt(after[0], 10, 64)
		if err != nil {
			return nil, "", errBadCursor
		}
		q = q.Where("id < ?", id)
	}
	if f.EntityType != "" {
		q = q.Where("entity_type = ?", f.EntityType)
	}
	if f.EntityID != "" {
		q = q.Where("entity_id = ?", f.EntityID)
	}
	if f.ActorID != "" {
		q = q.Where("actor_id = ?", f.ActorID)
	}
	var rows []auditRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r auditRow) []string { return []string{strconv.FormatInt(r.ID, 10)} })
	out := make([]domain.AuditEntry, len(rows))
	for i, row := range rows {
		out[i] = toAuditEntry(row)
	}
	return out, next, nil
}

// AuditAfter returns up to limit entries with ids above id, oldest first.
func (r *Repos) AuditAfter(ctx context.Context, id int64, limit int) ([]domain.AuditEntry, error) {
	var rows []auditRow
	if err := r.q(ctx).Where("id > ?", id).Order("id").Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.AuditEntry, len(rows))
	for i, row := range rows {
		out[i] = toAuditEntry(row)
	}
	return out, nil
}

// LastAuditID returns the newest entry's id, 0 when there is none.
func (r *Repos) LastAuditID(ctx context.Context) (int64, error) {
	var id *int64
	if err := r.q(ctx).Raw("SELECT MAX(id) FROM audit_entries").Scan(&id).Error; err != nil || id == nil {
		return 0, translate(err)
	}
	return *id, nil
}

func toAuditEntry(row auditRow) domain.AuditEntry {
	return domain.AuditEntry{ID: row.ID, At: utc(row.At), ActorID: deref(row.ActorID), Action: row.Action,
		EntityType: row.EntityType, EntityID: row.EntityID, Schema: row.Schema, Before: jsonBytes(row.Before), After: jsonBytes(row.After)}
}
