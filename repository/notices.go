package repository

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"

	"summit/domain"
)

type noticeRow struct {
	ID            string `gorm:"primaryKey"`
	DelegationID  string
	CreatedAt     time.Time
	Status        string
	Attempts      int
	LastError     string
	Subject       string
	ReleaseNumber *int
	SinceRelease  int
	DueAt         time.Time
	FirstFailedAt *time.Time
	SentAt        *time.Time
	LeaseOwner    string
	LeaseUntil    *time.Time
}

func (noticeRow) TableName() string { return "notices" }

func toNoticeRow(n *domain.Notice) noticeRow {
	row := noticeRow{ID: n.ID, DelegationID: n.DelegationID, CreatedAt: utc(n.CreatedAt), Status: string(n.Status),
		Attempts: n.Attempts, LastError: n.LastError, Subject: n.Subject, SinceRelease: n.Since, DueAt: utc(n.DueAt),
		FirstFailedAt: utcPtr(n.FirstFailedAt), SentAt: utcPtr(n.SentAt), LeaseOwner: n.LeaseOwner, LeaseUntil: utcPtr(n.LeaseUntil)}
	if n.Release > 0 {
		row.ReleaseNumber = &n.Release
	}
	return row
}

func (r noticeRow) domain() domain.Notice {
	n := domain.Notice{ID: r.ID, DelegationID: r.DelegationID, CreatedAt: utc(r.CreatedAt), Status: domain.NoticeStatus(r.Status),
		Attempts: r.Attempts, LastError: r.LastError, Subject: r.Subject, Since: r.SinceRelease, DueAt: utc(r.DueAt),
		FirstFailedAt: utcPtr(r.FirstFailedAt), SentAt: utcPtr(r.SentAt), LeaseOwner: r.LeaseOwner, LeaseUntil: utcPtr(r.LeaseUntil)}
	if r.ReleaseNumber != nil {
		n.Release = *r.ReleaseNumber
	}
	return n
}

// imageJSON is a meeting's image kept as JSON in a TEXT column (NULL for none).
type imageJSON struct{ m *domain.ReleasedMeeting }

func (j imageJSON) Value() (driver.Value, error) {
	if j.m == nil {
		return nil, nil
	}
	b, err := json.Marshal(toImageRow(*j.m))
	return string(b), err
}

func (j *imageJSON) Scan(src any) error {
	if src == nil {
		j.m = nil
		return nil
	}
	var row imageRow
	if err := scanJSON(src, &row, "image"); err != nil {
		return err
	}
	m := row.domain()
	j.m = &m
	return nil
}

type noticeItemRow struct {
	NoticeID    string
	MeetingID   string
	Seq         int
	BeforeImage imageJSON
	AfterImage  imageJSON
}

func (noticeItemRow) TableName() string { return "notice_items" }

// CreateNotice stores a new notice (its id made here when empty).
func (r *Repos) CreateNotice(ctx context.Context, n *domain.Notice) error {
	if n.ID == "" {
		n.ID = domain.NewID()
	}
	row := toNoticeRow(n)
	return translate(r.w(ctx).Create(&row).Error)
}

// NoticeByID returns the notice with id, ENOTFOUND when there is none.
func (r *Repos) NoticeByID(ctx context.Context, id string) (*domain.Notice, error) {
	var row noticeRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	n := row.domain()
	return &n, nil
}

// OpenNotice returns the delegation's notice still gathering changes at now, nil when none.
func (r *Repos) OpenNotice(ctx context.Context, delegationID string, now time.Time) (*domain.Notice, error) {
	var rows []noticeRow
	err := r.q(ctx).Where("delegation_id = ? AND status = ? AND attempts = 0 AND lease_owner = '' AND due_at > ?",
		delegationID, domain.NoticeQueued, utc(now)).Order("due_at DESC").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, translate(err)
	}
	n := rows[0].domain()
	return &n, nil
}

// SaveNotice writes n over the stored notice while owner holds its lease.
func (r *Repos) SaveNotice(ctx context.Context, n *domain.Notice, owner string) (bool, error) {
	row := toNoticeRow(n)
	res := r.w(ctx).Model(&noticeRow{}).Where("id = ? AND lease_owner = ?", n.ID, owner).
		Select("status", "attempts", "last_error", "subject", "release_number", "since_release", "due_at",
			"first_failed_at", "sent_at", "lease_owner", "lease_until").Updates(&row)
	if err := translate(res.Error); err != nil {
		return false, err
	}
	return res.RowsAffected == 1, nil
}

// DeleteNotice removes a notice with its items.
func (r *Repos) DeleteNotice(ctx context.Context, id string) error {
	return translate(r.w(ctx).Where("id = ?", id).Delete(&noticeRow{}).Error)
}

// ListNotices returns one page of the notices, newest first (ids are time-ordered).
func (r *Repos) ListNotices(ctx context.Context, p domain.Page) ([]domain.Notice, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 1)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("id DESC").Limit(limit + 1)
	if after != nil {
		q = q.Where("id < ?", after[0])
	}
	var rows []noticeRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r noticeRow) []string { return []string{r.ID} })
	out := make([]domain.Notice, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, next, nil
}

// NoticeItems returns a notice's items in the order they were added.
func (r *Repos) NoticeItems(ctx context.Context, noticeID string) ([]domain.NoticeItem, error) {
	var rows []noticeItemRow
	if err := r.q(ctx).Where("notice_id = ?", noticeID).Order("seq").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.NoticeItem, len(rows))
	for i, row := range rows {
		out[i] = domain.NoticeItem{MeetingID: row.MeetingID, Before: row.BeforeImage.m, After: row.AfterImage.m}
	}
	return out, nil
}

// PutNoticeItem adds it to the notice, replacing the item of the same meeting.
func (r *Repos) PutNoticeItem(ctx context.Context, noticeID string, it domain.NoticeItem) error {
	var seq *int
	if err := r.w(ctx).Model(&noticeItemRow{}).Where("notice_id = ?", noticeID).Select("MAX(seq)").Scan(&seq).Error; err != nil {
		return translate(err)
	}
	row := noticeItemRow{NoticeID: noticeID, MeetingID: it.MeetingID, Seq: 1, BeforeImage: imageJSON{it.Before}, AfterImage: imageJSON{it.After}}
	if seq != nil {
		row.Seq = *seq + 1
	}
	return translate(r.w(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "notice_id"}, {Name: "meeting_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"before_image", "after_image"}),
	}).Create(&row).Error)
}

// DeleteNoticeItems removes the notice's items of the meetings given, all when none is.
func (r *Repos) DeleteNoticeItems(ctx context.Context, noticeID string, meetingIDs ...string) error {
	q := r.w(ctx).Where("notice_id = ?", noticeID)
	if len(meetingIDs) > 0 {
		q = q.Where("meeting_id IN ?", meetingIDs)
	}
	return translate(q.Delete(&noticeItemRow{}).Error)
}

// LeaseNotices leases up to limit due notices of the statuses to owner until
// until. On PostgreSQL the rows are also locked FOR UPDATE SKIP LOCKED (the
// write transaction's advisory lock already serialises the senders; this
// keeps the claim safe on its own).
func (r *Repos) LeaseNotices(ctx context.Context, now time.Time, statuses []domain.NoticeStatus, owner string, until time.Time, limit int) ([]domain.Notice, error) {
	q := r.w(ctx).Where("status IN ? AND due_at <= ? AND (lease_owner = '' OR lease_until < ?)", statuses, utc(now), utc(now)).
		Order("due_at, id").Limit(limit)
	if r.db.Dialect == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
	}
	var rows []noticeRow
	if err := q.Find(&rows).Error; err != nil || len(rows) == 0 {
		return nil, translate(err)
	}
	ids := make([]string, len(rows))
	out := make([]domain.Notice, len(rows))
	for i := range rows {
		rows[i].LeaseOwner, rows[i].LeaseUntil = owner, &until
		ids[i], out[i] = rows[i].ID, rows[i].domain()
	}
	err := r.w(ctx).Model(&noticeRow{}).Where("id IN ?", ids).
		Updates(map[string]any{"lease_owner": owner, "lease_until": utc(until)}).Error
	return out, translate(err)
}

// MarkNoticesUnsent turns the queued notices due at now into unsent.
func (r *Repos) MarkNoticesUnsent(ctx context.Context, now time.Time) (int, error) {
	res := r.w(ctx).Model(&noticeRow{}).Where("status = ? AND due_at <= ?", domain.NoticeQueued, utc(now)).
		Update("status", domain.NoticeUnsent)
	return int(res.RowsAffected), translate(res.Error)
}
