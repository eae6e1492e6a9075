package repository

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"summit/domain"
)

type releaseRow struct {
	Number    int `gorm:"primaryKey;autoIncrement:false"`
	CreatedAt time.Time
	CreatedBy *string
	Note      string
	Meetings  int
}

func (releaseRow) TableName() string { return "releases" }

func (r releaseRow) domain() domain.Release {
	return domain.Release{Number: r.Number, CreatedAt: utc(r.CreatedAt), CreatedBy: deref(r.CreatedBy), Note: r.Note, Meetings: r.Meetings}
}

// participantList is a meeting's participants stored as a JSON array in a TEXT column.
type participantList []participantJSON

type participantJSON struct {
	DelegationID string   `json:"delegation_id"`
	MemberIDs    []string `json:"member_ids,omitempty"`
}

func (l participantList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]participantJSON(l))
	return string(b), err
}

func (l *participantList) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), l)
	case []byte:
		return json.Unmarshal(v, l)
	case nil:
		*l = nil
		return nil
	}
	return fmt.Errorf("participantList: cannot scan %T", src)
}

// imageRow is a meeting's frozen image: the columns release_meetings holds
// (with the release's number) and, later, any other frozen copy.
//
// The JSON names are those of the columns: notice_items keeps images as JSON.
type imageRow struct {
	MeetingID          string          `json:"meeting_id"`
	Title              string          `json:"title"`
	Kind               string          `json:"kind"`
	StartsAt           time.Time       `json:"starts_at"`
	EndsAt             time.Time       `json:"ends_at"`
	RoomID             *string         `json:"room_id"`
	RoomName           string          `json:"room_name"`
	VenueID            *string         `json:"venue_id"`
	VenueName          string          `json:"venue_name"`
	Status             string          `json:"status"`
	Visibility         string          `json:"visibility"`
	Languages          stringList      `json:"languages"`
	ExpectedAttendance int             `json:"expected_attendance"`
	Participants       participantList `json:"participants"`
	Version            int             `json:"version"`
}

func toImageRow(m domain.ReleasedMeeting) imageRow {
	ps := make(participantList, len(m.Participants))
	for i, p := range m.Participants {
		ps[i] = participantJSON{DelegationID: p.DelegationID, MemberIDs: p.MemberIDs}
	}
	return imageRow{MeetingID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: utc(m.StartsAt), EndsAt: utc(m.EndsAt),
		RoomID: nullable(m.RoomID), RoomName: m.RoomName, VenueID: nullable(m.VenueID), VenueName: m.VenueName,
		Status: string(m.Status), Visibility: m.Visibility, Languages: m.Languages, ExpectedAttendance: m.ExpectedAttendance,
		Participants: ps, Version: m.Version}
}

func (r imageRow) domain() domain.ReleasedMeeting {
	ps := make([]domain.Participant, len(r.Participants))
	for i, p := range r.Participants {
		ps[i] = domain.Participant{DelegationID: p.DelegationID, MemberIDs: p.MemberIDs}
	}
	return domain.ReleasedMeeting{Meeting: domain.Meeting{ID: r.MeetingID, Title: r.Title, Kind: r.Kind,
		StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt), RoomID: deref(r.RoomID), Status: domain.MeetingStatus(r.Status),
		Visibility: r.Visibility, Languages: nonNil(r.Languages), ExpectedAttendance: r.ExpectedAttendance,
		Participants: ps, Allow: []string{}, Version: r.Version},
		RoomName: r.RoomName, VenueID: deref(r.VenueID), VenueName: r.VenueName}
}

type releaseMeetingRow struct {
	ReleaseNumber int
	Image         imageRow `gorm:"embedded"`
}

func (releaseMeetingRow) TableName() string { return "release_meetings" }

// LatestReleaseNumber returns the newest release's number, 0 when there is none.
func (r *Repos) LatestReleaseNumber(ctx context.Context) (int, error) {
	var n *int
	if err := r.q(ctx).Model(&releaseRow{}).Select("MAX(number)").Scan(&n).Error; err != nil {
		return 0, translate(err)
	}
	if n == nil {
		return 0, nil
	}
	return *n, nil
}

// ReleaseByNumber returns release n, ENOTFOUND when there is none.
func (r *Repos) ReleaseByNumber(ctx context.Context, n int) (*domain.Release, error) {
	var row releaseRow
	if err := r.q(ctx).Where("number = ?", n).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	out := row.domain()
	return &out, nil
}

// ListReleases returns every release, newest first, counting the meetings
// the viewer may see: a delegation's delegates see the public ones and those
// it takes part in when visibility is participants (every image is of a
// confirmed meeting), read from the images' participants as stored
// (toImageRow writes them with encoding/json, so the text is exact).
func (r *Repos) ListReleases(ctx context.Context, viewer *domain.Viewer) ([]domain.Release, error) {
	var rows []releaseRow
	q := r.q(ctx).Table("releases r").Order("r.number DESC")
	if viewer != nil && !viewer.Organiser {
		mine := "nobody"
		if viewer.DelegationID != "" {
			b, _ := json.Marshal(viewer.DelegationID)
			mine = `%"delegation_id":` + string(b) + `%`
		}
		q = q.Select(`r.number, r.created_at, r.created_by, r.note, (SELECT COUNT(*) FROM release_meetings rm
			WHERE rm.release_number = r.number AND (rm.visibility = 'public' OR (rm.visibility = 'participants' AND rm.participants LIKE ?))) AS meetings`, mine)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Release, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// ReleaseMeetings returns the frozen meetings of release n, in time order.
func (r *Repos) ReleaseMeetings(ctx context.Context, n int) ([]domain.ReleasedMeeting, error) {
	var rows []releaseMeetingRow
	if err := r.q(ctx).Where("release_number = ?", n).Order("starts_at, meeting_id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.ReleasedMeeting, len(rows))
	for i, row := range rows {
		out[i] = row.Image.domain()
	}
	return out, nil
}

// ConfirmedProgramme returns every confirmed meeting with its participants
// and its room's and venue's names, in time order.
func (r *Repos) ConfirmedProgramme(ctx context.Context) ([]domain.ReleasedMeeting, error) {
	items, err := scanAgenda(r.agendaQuery(ctx, true).Where("m.status = ?", domain.MeetingConfirmed), true)
	if err != nil {
		return nil, err
	}
	ms := make([]*domain.Meeting, len(items))
	for i := range items {
		ms[i] = &items[i].Meeting
	}
	for len(ms) > 0 { // participants in pieces small enough for a query's parameters
		n := min(len(ms), 1000)
		if err := r.loadParticipants(ctx, ms[:n]); err != nil {
			return nil, err
		}
		ms = ms[n:]
	}
	return items, nil
}

// CreateRelease stores rel with the frozen images of its meetings.
func (r *Repos) CreateRelease(ctx context.Context, rel *domain.Release, meetings []domain.ReleasedMeeting) error {
	return r.WithTx(ctx, func(tx *Repos) error {
		row := releaseRow{Number: rel.Number, CreatedAt: utc(rel.CreatedAt), CreatedBy: nullable(rel.CreatedBy), Note: rel.Note, Meetings: len(meetings)}
		if err := tx.w(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		if len(meetings) == 0 {
			return nil
		}
		rows := make([]releaseMeetingRow, len(meetings))
		for i, m := range meetings {
			rows[i] = releaseMeetingRow{ReleaseNumber: rel.Number, Image: toImageRow(m)}
		}
		// 16 columns a row: 500 rows stay under every dialect's limit of parameters.
		return translate(tx.w(ctx).CreateInBatches(&rows, 500).Error)
	})
}

type changesSeenRow struct {
	UserID        string `gorm:"primaryKey"`
	SeenAt        time.Time
	ReleaseNumber int
}

func (changesSeenRow) TableName() string { return "changes_seen" }

type seenMeetingRow struct {
	UserID string
	Image  imageRow `gorm:"embedded"`
}

func (seenMeetingRow) TableName() string { return "seen_meetings" }

// ChangesSeen returns when the user last marked the changes seen, with the
// images of the meetings the user could see then; nil when never.
func (r *Repos) ChangesSeen(ctx context.Context, userID string) (*domain.SeenPoint, []domain.ReleasedMeeting, error) {
	var rows []changesSeenRow
	if err := r.q(ctx).Where("user_id = ?", userID).Limit(1).Find(&rows).Error; err != nil {
		return nil, nil, translate(err)
	}
	if len(rows) == 0 {
		return nil, nil, nil
	}
	var images []seenMeetingRow
	if err := r.q(ctx).Where("user_id = ?", userID).Order("starts_at, meeting_id").Find(&images).Error; err != nil {
		return nil, nil, translate(err)
	}
	out := make([]domain.ReleasedMeeting, len(images))
	for i, row := range images {
		out[i] = row.Image.domain()
	}
	return &domain.SeenPoint{UserID: userID, SeenAt: utc(rows[0].SeenAt), Release: rows[0].ReleaseNumber}, out, nil
}

// SetChangesSeen replaces the user's seen point and images.
func (r *Repos) SetChangesSeen(ctx context.Context, p domain.SeenPoint, meetings []domain.ReleasedMeeting) error {
	return r.WithTx(ctx, func(tx *Repos) error {
		q := tx.w(ctx)
		if err := q.Where("user_id = ?", p.UserID).Delete(&seenMeetingRow{}).Error; err != nil {
			return translate(err)
		}
		if err := q.Where("user_id = ?", p.UserID).Delete(&changesSeenRow{}).Error; err != nil {
			return translate(err)
		}
		if err := q.Create(&changesSeenRow{UserID: p.UserID, SeenAt: utc(p.SeenAt), ReleaseNumber: p.Release}).Error; err != nil {
			return translate(err)
		}
		if len(meetings) == 0 {
			return nil
		}
		rows := make([]seenMeetingRow, len(meetings))
		for i, m := range meetings {
			rows[i] = seenMeetingRow{UserID: p.UserID, Image: toImageRow(m)}
		}
		return translate(q.CreateInBatches(&rows, 500).Error)
	})
}
