package repository

import (
	"context"
	"time"

	"summit/domain"
)

type meetingRow struct {
	ID                 string `gorm:"primaryKey"`
	Title              string
	Kind               string
	StartsAt           time.Time
	EndsAt             time.Time
	RoomID             *string
	Status             string
	Visibility         string
	Languages          stringList
	ExpectedAttendance int
	Allow              stringList
	CreatedBy          *string
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (meetingRow) TableName() string { return "meetings" }

type participantRow struct {
	MeetingID    string `gorm:"primaryKey"`
	DelegationID string `gorm:"primaryKey"`
	NamedMembers bool
}

func (participantRow) TableName() string { return "meeting_participants" }

type attendeeRow struct {
	MeetingID    string `gorm:"primaryKey"`
	MemberID     string `gorm:"primaryKey"`
	DelegationID string
	StartsAt     time.Time
	EndsAt       time.Time
}

func (attendeeRow) TableName() string { return "meeting_attendees" }

func toMeetingRow(m *domain.Meeting) meetingRow {
	return meetingRow{ID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: utc(m.StartsAt), EndsAt: utc(m.EndsAt),
		RoomID: nullable(m.RoomID), Status: m.Status, Visibility: m.Visibility, Languages: m.Languages,
		ExpectedAttendance: m.ExpectedAttendance, Allow: m.Allow, CreatedBy: nullable(m.CreatedBy),
		Version: m.Version, CreatedAt: utc(m.CreatedAt), UpdatedAt: utc(m.UpdatedAt)}
}

func (r meetingRow) domain() domain.Meeting {
	return domain.Meeting{ID: r.ID, Title: r.Title, Kind: r.Kind, StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt),
		RoomID: deref(r.RoomID), Status: r.Status, Visibility: r.Visibility, Languages: nonNil(r.Languages),
		ExpectedAttendance: r.ExpectedAttendance, Allow: nonNil(r.Allow), CreatedBy: deref(r.CreatedBy),
		Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

// CreateMeeting stores a meeting with its participants and the people it
// holds: the named members, or the head of a participant that names none.
// It checks no scheduling rule; the domain does that in the same transaction.
func (r *repos) CreateMeeting(ctx context.Context, m *domain.Meeting) error {
	if m.ID == "" {
		m.ID = domain.NewID()
	}
	m.Version = 1
	row := toMeetingRow(m)
	return r.WithTx(ctx, func(tx domain.Repos) error {
		q := tx.(*repos).q(ctx)
		if err := q.Create(&row).Error; err != nil {
			return translate(err)
		}
		for _, p := range m.Participants {
			if err := q.Create(&participantRow{MeetingID: m.ID, DelegationID: p.DelegationID,
				NamedMembers: len(p.MemberIDs) > 0}).Error; err != nil {
				return translate(err)
			}
			ids := p.MemberIDs
			if len(ids) == 0 {
				var head memberRow
				err := q.Where("delegation_id = ? AND is_head", p.DelegationID).Take(&head).Error
				if err != nil {
					return &domain.Error{Code: domain.EINVALID, Message: "A participating delegation has no head.",
						Fields: []domain.FieldError{{Field: "participants", Message: "delegation " + p.DelegationID + " has no head"}}}
				}
				ids = []string{head.ID}
			}
			for _, id := range ids {
				if err := q.Create(&attendeeRow{MeetingID: m.ID, MemberID: id, DelegationID: p.DelegationID,
					StartsAt: row.StartsAt, EndsAt: row.EndsAt}).Error; err != nil {
					return translate(err)
				}
			}
		}
		*m = withParticipants(row.domain(), m.Participants)
		return nil
	})
}

func withParticipants(m domain.Meeting, ps []domain.Participant) domain.Meeting {
	m.Participants = ps
	return m
}

// MeetingByID returns the meeting with id and its participants, ENOTFOUND when absent.
func (r *repos) MeetingByID(ctx context.Context, id string) (*domain.Meeting, error) {
	var row meetingRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	ms, err := r.withParticipants(ctx, []meetingRow{row})
	if err != nil {
		return nil, err
	}
	return &ms[0], nil
}

// ListMeetings lists meetings by start time, filtered; the From/To filter
// keeps meetings that overlap [From, To).
func (r *repos) ListMeetings(ctx context.Context, f domain.MeetingFilter, p domain.Page) ([]domain.Meeting, string, error) {
	limit := pageLimit(p)
	after, err := decodeCursor(p.Cursor, 2)
	if err != nil {
		return nil, "", err
	}
	q := r.q(ctx).Order("starts_at, id").Limit(limit + 1)
	if !f.From.IsZero() {
		q = q.Where("ends_at > ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		q = q.Where("starts_at < ?", f.To.UTC())
	}
	if f.RoomID != "" {
		q = q.Where("room_id = ?", f.RoomID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.DelegationID != "" {
		q = q.Where("id IN (SELECT meeting_id FROM meeting_participants WHERE delegation_id = ?)", f.DelegationID)
	}
	if after != nil {
		t, err := time.Parse(time.RFC3339Nano, after[0])
		if err != nil {
			return nil, "", domain.Errorf(domain.EMALFORMED, "The cursor is not valid.")
		}
		q = q.Where("starts_at > ? OR (starts_at = ? AND id > ?)", t, t, after[1])
	}
	var rows []meetingRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, "", translate(err)
	}
	rows, next := nextCursor(rows, limit, func(r meetingRow) []string {
		return []string{r.StartsAt.UTC().Format(time.RFC3339Nano), r.ID}
	})
	out, err := r.withParticipants(ctx, rows)
	return out, next, err
}

// withParticipants converts meeting rows and loads their participants in one query.
func (r *repos) withParticipants(ctx context.Context, rows []meetingRow) ([]domain.Meeting, error) {
	out := make([]domain.Meeting, len(rows))
	ids := make([]string, len(rows))
	index := map[string]*domain.Meeting{}
	for i, row := range rows {
		out[i] = row.domain()
		out[i].Participants = []domain.Participant{}
		ids[i] = row.ID
		index[row.ID] = &out[i]
	}
	if len(ids) == 0 {
		return out, nil
	}
	var parts []participantRow
	if err := r.q(ctx).Where("meeting_id IN ?", ids).Order("meeting_id, delegation_id").Find(&parts).Error; err != nil {
		return nil, translate(err)
	}
	var named []attendeeRow
	if err := r.q(ctx).Where("meeting_id IN ? AND (meeting_id, delegation_id) IN (SELECT meeting_id, delegation_id FROM meeting_participants WHERE named_members)", ids).
		Order("meeting_id, delegation_id, member_id").Find(&named).Error; err != nil {
		return nil, translate(err)
	}
	members := map[[2]string][]string{}
	for _, a := range named {
		k := [2]string{a.MeetingID, a.DelegationID}
		members[k] = append(members[k], a.MemberID)
	}
	for _, p := range parts {
		m := index[p.MeetingID]
		m.Participants = append(m.Participants, domain.Participant{DelegationID: p.DelegationID,
			MemberIDs: members[[2]string{p.MeetingID, p.DelegationID}]})
	}
	return out, nil
}
