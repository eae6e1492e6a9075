package repository

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

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
	RequestID          *string // the bilateral request the meeting holds
	CreatedBy          *string
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
	RoomBusyUntil      *time.Time // see holdRoom
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
	Cancelled    bool // the meeting's, so that the database knows whom it holds
}

func (attendeeRow) TableName() string { return "meeting_attendees" }

func toMeetingRow(m *domain.Meeting) meetingRow {
	return meetingRow{ID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: utc(m.StartsAt), EndsAt: utc(m.EndsAt),
		RoomID: nullable(m.RoomID), Status: string(m.Status), Visibility: m.Visibility, Languages: m.Languages,
		ExpectedAttendance: m.ExpectedAttendance, Allow: m.Allow, RequestID: nullable(m.RequestID), CreatedBy: nullable(m.CreatedBy),
		Version: m.Version, CreatedAt: utc(m.CreatedAt), UpdatedAt: utc(m.UpdatedAt)}
}

func (r meetingRow) domain() domain.Meeting {
	return domain.Meeting{ID: r.ID, Title: r.Title, Kind: r.Kind, StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt),
		RoomID: deref(r.RoomID), Status: domain.MeetingStatus(r.Status), Visibility: r.Visibility, Languages: nonNil(r.Languages),
		ExpectedAttendance: r.ExpectedAttendance, Allow: nonNil(r.Allow), RequestID: deref(r.RequestID), CreatedBy: deref(r.CreatedBy),
		Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

// CreateMeeting stores a meeting with its participants and the people it
// holds. It checks no scheduling rule; the domain does that in the same
// transaction.
func (r *Repos) CreateMeeting(ctx context.Context, m *domain.Meeting, attendees []domain.Attendee) error {
	if m.ID == "" {
		m.ID = domain.NewID()
	}
	m.Version = 1
	row := toMeetingRow(m)
	return r.WithTx(ctx, func(tx *Repos) error {
		if err := tx.holdRoom(ctx, &row); err != nil {
			return err
		}
		if err := tx.w(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		if err := tx.putPeople(ctx, row, m.Participants, attendees, true); err != nil {
			return err
		}
		*m = withParticipants(row.domain(), m.Participants)
		return nil
	})
}

// holdRoom sets until when the meeting of row holds its room: its end plus
// the room's changeover, as the room_overlap rule counts it (domain/rules.go).
// The database refuses two meetings of a room whose [starts_at,
// room_busy_until) overlap (migration 0005), which is that rule as long as no
// meeting holds its room longer than the room's changeover says: UpdateRoom
// shortens them when the changeover is.
func (r *Repos) holdRoom(ctx context.Context, row *meetingRow) error {
	var minutes []int
	if row.RoomID != nil {
		err := r.q(ctx).Model(&roomRow{}).Where("id = ?", *row.RoomID).Pluck("changeover_minutes", &minutes).Error
		if err != nil {
			return translate(err)
		}
	}
	until := row.EndsAt
	if len(minutes) > 0 { // none: no room, or one the foreign key refuses
		until = until.Add(time.Duration(minutes[0]) * time.Minute)
	}
	row.RoomBusyUntil = &until
	return nil
}

// putPeople stores a meeting's participants and attendees, replacing any it
// had (fresh: a new meeting, which has none yet).
func (r *Repos) putPeople(ctx context.Context, row meetingRow, participants []domain.Participant, attendees []domain.Attendee, fresh bool) error {
	q := r.w(ctx)
	if !fresh {
		if err := q.Where("meeting_id = ?", row.ID).Delete(&attendeeRow{}).Error; err != nil {
			return translate(err)
		}
		if err := q.Where("meeting_id = ?", row.ID).Delete(&participantRow{}).Error; err != nil {
			return translate(err)
		}
	}
	parts := make([]participantRow, len(participants))
	for i, p := range participants {
		parts[i] = participantRow{MeetingID: row.ID, DelegationID: p.DelegationID, NamedMembers: len(p.MemberIDs) > 0}
	}
	if len(parts) > 0 {
		if err := q.Create(&parts).Error; err != nil {
			return translate(err)
		}
	}
	people := make([]attendeeRow, len(attendees))
	for i, a := range attendees {
		people[i] = attendeeRow{MeetingID: row.ID, MemberID: a.MemberID, DelegationID: a.DelegationID, StartsAt: row.StartsAt, EndsAt: row.EndsAt,
			Cancelled: row.Status == string(domain.MeetingCancelled)}
	}
	if len(people) > 0 {
		if err := q.Create(&people).Error; err != nil {
			return translate(err)
		}
	}
	return nil
}

// UpdateMeeting saves m with its people over version m.Version and bumps it.
func (r *Repos) UpdateMeeting(ctx context.Context, m *domain.Meeting, attendees []domain.Attendee) error {
	row := toMeetingRow(m)
	row.Version, row.UpdatedAt = m.Version+1, time.Now().UTC()
	return r.WithTx(ctx, func(tx *Repos) error {
		t := tx
		if err := t.holdRoom(ctx, &row); err != nil {
			return err
		}
		res := t.w(ctx).Model(&meetingRow{}).Where("id = ? AND version = ?", m.ID, m.Version).
			Select("title", "kind", "starts_at", "ends_at", "room_id", "status", "visibility", "languages",
				"expected_attendance", "allow", "request_id", "version", "updated_at", "room_busy_until").Updates(&row)
		if err := translate(res.Error); err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return staleOrMissing(ctx, t, "meetings", m.ID)
		}
		if err := t.putPeople(ctx, row, m.Participants, attendees, false); err != nil {
			return err
		}
		m.Version, m.UpdatedAt = row.Version, row.UpdatedAt
		return nil
	})
}

// DeleteMeeting removes the meeting with id and its people.
func (r *Repos) DeleteMeeting(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &meetingRow{}, id)
}

func withParticipants(m domain.Meeting, ps []domain.Participant) domain.Meeting {
	m.Participants = ps
	return m
}

// MeetingByID returns the meeting with id and its participants, ENOTFOUND when absent.
func (r *Repos) MeetingByID(ctx context.Context, id string) (*domain.Meeting, error) {
	rows, err := scanMeetings(r.q(ctx).Table("meetings").Select(meetingColumns("")).Where("id = ?", id), 1)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, translate(gorm.ErrRecordNotFound)
	}
	ms, err := r.withParticipants(ctx, rows)
	if err != nil {
		return nil, err
	}
	return &ms[0], nil
}

// ListMeetings lists meetings by start time, filtered; the From/To filter
// keeps meetings that overlap [From, To).
func (r *Repos) ListMeetings(ctx context.Context, f domain.MeetingFilter, p domain.Page) ([]domain.Meeting, string, error) {
	limit := pageLimit(p)
	q, err := afterMeeting(r.q(ctx).Table("meetings").Select(meetingColumns("")).Order("starts_at, id").Limit(limit+1), p.Cursor, "")
	if err != nil {
		return nil, "", err
	}
	rows, err := scanMeetings(filterMeetings(q, f, ""), limit+1)
	if err != nil {
		return nil, "", err
	}
	rows, next := nextCursor(rows, limit, func(r meetingRow) []string { return meetingCursor(r.StartsAt, r.ID) })
	out, err := r.withParticipants(ctx, rows)
	return out, next, err
}

// afterMeeting keeps the meetings (whose columns carry prefix) after a
// cursor of meetingCursor, in the order of start and id.
func afterMeeting(q *gorm.DB, cursor, prefix string) (*gorm.DB, error) {
	after, err := decodeCursor(cursor, 2)
	if err != nil || after == nil {
		return q, err
	}
	t, err := time.Parse(time.RFC3339Nano, after[0])
	if err != nil {
		return nil, errBadCursor
	}
	return q.Where(prefix+"starts_at > ? OR ("+prefix+"starts_at = ? AND "+prefix+"id > ?)", t, t, after[1]), nil
}

// meetingCursor are the sort keys of a meeting, for a cursor.
func meetingCursor(startsAt time.Time, id string) []string {
	return []string{startsAt.UTC().Format(time.RFC3339Nano), id}
}

// withParticipants converts meeting rows and loads their participants in one query.
func (r *Repos) withParticipants(ctx context.Context, rows []meetingRow) ([]domain.Meeting, error) {
	out := make([]domain.Meeting, len(rows))
	ms := make([]*domain.Meeting, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
		ms[i] = &out[i]
	}
	return out, r.loadParticipants(ctx, ms)
}

// loadParticipants sets the participants of meetings, in two queries.
func (r *Repos) loadParticipants(ctx context.Context, meetings []*domain.Meeting) error {
	ids := make([]string, len(meetings))
	index := make(map[string]*domain.Meeting, len(meetings))
	for i, m := range meetings {
		m.Participants = []domain.Participant{}
		ids[i] = m.ID
		index[m.ID] = m
	}
	if len(ids) == 0 {
		return nil
	}
	parts, err := scanAll(r.q(ctx).Table("meeting_participants p").Select("p.meeting_id, p.delegation_id").
		Joins("JOIN delegations d ON d.id = p.delegation_id").
		Where("p.meeting_id IN ?", ids).Order("p.meeting_id, d.precedence, d.code"), 2*len(ids), // protocol order
		func(rows *sql.Rows, p *participantRow) error { return rows.Scan(&p.MeetingID, &p.DelegationID) })
	if err != nil {
		return err
	}
	named, err := scanAll(r.q(ctx).Table("meeting_attendees a").Select("a.meeting_id, a.delegation_id, a.member_id").
		Joins("JOIN meeting_participants p ON p.meeting_id = a.meeting_id AND p.delegation_id = a.delegation_id").
		Where("a.meeting_id IN ? AND p.named_members", ids).Order("a.meeting_id, a.delegation_id, a.member_id"), 0,
		func(rows *sql.Rows, a *attendeeRow) error {
			return rows.Scan(&a.MeetingID, &a.DelegationID, &a.MemberID)
		})
	if err != nil {
		return err
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
	return nil
}

// filterMeetings applies f to a query of meetings whose columns carry prefix
// ("" or "m."), including what the viewer may see.
func filterMeetings(q *gorm.DB, f domain.MeetingFilter, prefix string) *gorm.DB {
	col := func(c string) string { return prefix + c }
	if !f.From.IsZero() {
		// Meetings last at most a day, so the start bound keeps the read a range of the time index.
		q = q.Where(col("ends_at")+" > ? AND "+col("starts_at")+" > ?", f.From.UTC(), f.From.UTC().Add(-domain.MaxMeetingLength))
	}
	if !f.To.IsZero() {
		q = q.Where(col("starts_at")+" < ?", f.To.UTC())
	}
	if f.RoomID != "" {
		q = q.Where(col("room_id")+" = ?", f.RoomID)
	}
	if f.VenueID != "" {
		q = q.Where(col("room_id")+" IN (SELECT id FROM rooms WHERE venue_id = ?)", f.VenueID)
	}
	if f.Status != "" {
		q = q.Where(col("status")+" = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where(col("kind")+" = ?", f.Kind)
	}
	if f.DelegationID != "" {
		q = q.Where(col("id")+" IN (SELECT meeting_id FROM meeting_participants WHERE delegation_id = ?)", f.DelegationID)
	}
	if f.MemberID != "" {
		q = q.Where(col("id")+" IN (SELECT meeting_id FROM meeting_attendees WHERE member_id = ?)", f.MemberID)
	}
	if f.Public {
		q = q.Where(col("status") + " = 'confirmed' AND " + col("visibility") + " = 'public'")
	}
	if v := f.Viewer; v != nil && !v.Organiser {
		q = q.Where(col("status")+" <> 'draft' AND ("+col("visibility")+" = 'public' OR ("+col("visibility")+
			" = 'participants' AND "+col("id")+" IN (SELECT meeting_id FROM meeting_participants WHERE delegation_id = ?)))", v.DelegationID)
	}
	return q
}

// bookingRow is one held interval of a room or a person, as the rules read it.
type bookingRow struct {
	MemberID string
	ID       string
	Title    string
	RoomID   *string
	VenueID  *string
	StartsAt time.Time
	EndsAt   time.Time
	Kind     string
}

// BookingsNear returns the draft and confirmed meetings near q, other than
// q.ExceptID. Both reads are ranges of an index on (room or person, start).
func (r *Repos) BookingsNear(ctx context.Context, q domain.BookingQuery) ([]domain.Booking, error) {
	earliest := q.From.UTC().Add(-domain.MaxMeetingLength)
	var rows []bookingRow
	if q.RoomID != "" {
		err := r.q(ctx).Raw(`SELECT '' AS member_id, m.id, m.title, m.kind, m.room_id, rm.venue_id, m.starts_at, m.ends_at
			FROM meetings m JOIN rooms rm ON rm.id = m.room_id
			WHERE m.room_id = ? AND m.starts_at > ? AND m.starts_at < ? AND m.ends_at > ?
			AND m.status <> 'cancelled' AND m.id <> ?`,
			q.RoomID, earliest, q.To.UTC(), q.From.UTC(), q.ExceptID).Scan(&rows).Error
		if err != nil {
			return nil, translate(err)
		}
	}
	if len(q.MemberIDs) > 0 {
		var people []bookingRow
		err := r.q(ctx).Raw(`SELECT a.member_id, m.id, m.title, m.kind, m.room_id, rm.venue_id, a.starts_at, a.ends_at
			FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id LEFT JOIN rooms rm ON rm.id = m.room_id
			WHERE a.member_id IN ? AND a.starts_at > ? AND a.starts_at < ? AND a.ends_at > ?
			AND m.status <> 'cancelled' AND m.id <> ?`,
			q.MemberIDs, earliest, q.To.UTC(), q.From.UTC(), q.ExceptID).Scan(&people).Error
		if err != nil {
			return nil, translate(err)
		}
		rows = append(rows, people...)
	}
	return groupBookings(rows), nil
}

// groupBookings joins the rows of one meeting into one booking with all its people.
func groupBookings(rows []bookingRow) []domain.Booking {
	index := map[string]int{}
	var out []domain.Booking
	for _, b := range rows {
		i, ok := index[b.ID]
		if !ok {
			i = len(out)
			index[b.ID] = i
			out = append(out, domain.Booking{MeetingID: b.ID, Title: b.Title, RoomID: deref(b.RoomID), VenueID: deref(b.VenueID),
				StartsAt: utc(b.StartsAt), EndsAt: utc(b.EndsAt), Kind: b.Kind})
		}
		if b.MemberID != "" {
			out[i].MemberIDs = append(out[i].MemberIDs, b.MemberID)
		}
	}
	return out
}

// Agenda returns the meetings of f in time order with room and venue names, in one query.
func (r *Repos) Agenda(ctx context.Context, f domain.MeetingFilter) ([]domain.AgendaItem, error) {
	return scanAgenda(filterMeetings(r.agendaQuery(ctx, false).Limit(5000), f, "m."), false)
}

// AgendaPage is Agenda a page at a time (see domain.Page).
func (r *Repos) AgendaPage(ctx context.Context, f domain.MeetingFilter, p domain.Page) ([]domain.AgendaItem, string, error) {
	limit := pageLimit(p)
	q, err := afterMeeting(r.agendaQuery(ctx, false).Limit(limit+1), p.Cursor, "m.")
	if err != nil {
		return nil, "", err
	}
	items, err := scanAgenda(filterMeetings(q, f, "m."), false)
	if err != nil {
		return nil, "", err
	}
	items, next := nextCursor(items, limit, func(it domain.AgendaItem) []string { return meetingCursor(it.StartsAt, it.ID) })
	return items, next, nil
}

// agendaColumns are what an agenda, a feed or a printed agenda shows of a
// meeting; the whole meeting (full) is for releases.
const agendaColumns = "m.id, m.title, m.kind, m.starts_at, m.ends_at, m.room_id, m.status, m.visibility, m.version, m.updated_at"

// agendaQuery reads meetings (as m) in time order with their room's and
// venue's names: agendaColumns, or all of a meeting's when full; see scanAgenda.
func (r *Repos) agendaQuery(ctx context.Context, full bool) *gorm.DB {
	cols := agendaColumns
	if full {
		cols = meetingColumns("m.")
	}
	return r.q(ctx).Table("meetings m").Select(cols + ", rm.name, rm.venue_id, v.name").
		Joins("LEFT JOIN rooms rm ON rm.id = m.room_id").Joins("LEFT JOIN venues v ON v.id = rm.venue_id").
		Order("m.starts_at, m.id")
}

// scanAgenda reads the rows of an agendaQuery.
func scanAgenda(q *gorm.DB, full bool) ([]domain.AgendaItem, error) {
	return scanAll(q, 64, func(rows *sql.Rows, it *domain.AgendaItem) error {
		var m meetingRow
		var room, venue, venueName sql.NullString
		var err error
		if full {
			err = scanMeeting(rows, &m, &room, &venue, &venueName)
		} else {
			var roomID sql.NullString
			err = rows.Scan(&m.ID, &m.Title, &m.Kind, &m.StartsAt, &m.EndsAt, &roomID, &m.Status, &m.Visibility, &m.Version, &m.UpdatedAt,
				&room, &venue, &venueName)
			m.RoomID = nullString(roomID)
		}
		if err != nil {
			return err
		}
		*it = domain.AgendaItem{Meeting: m.domain(), RoomName: room.String, VenueID: venue.String, VenueName: venueName.String}
		return nil
	})
}

// MeetingsByIDs returns the meetings with the given ids that exist, with participants.
func (r *Repos) MeetingsByIDs(ctx context.Context, ids []string) ([]domain.Meeting, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := scanMeetings(r.q(ctx).Table("meetings").Select(meetingColumns("")).Where("id IN ?", ids).Order("starts_at, id"), len(ids))
	if err != nil {
		return nil, err
	}
	return r.withParticipants(ctx, rows)
}

// Bookings returns every draft and confirmed meeting overlapping [from, to)
// with its room's venue and all the people it holds.
func (r *Repos) Bookings(ctx context.Context, from, to time.Time) ([]domain.Booking, error) {
	var rows []bookingRow
	err := r.q(ctx).Raw(`SELECT COALESCE(a.member_id, '') AS member_id, m.id, m.title, m.kind, m.room_id, rm.venue_id, m.starts_at, m.ends_at
		FROM meetings m LEFT JOIN rooms rm ON rm.id = m.room_id LEFT JOIN meeting_attendees a ON a.meeting_id = m.id
		WHERE m.starts_at < ? AND m.ends_at > ? AND m.status <> 'cancelled'
		ORDER BY m.starts_at, m.id, a.member_id`, to.UTC(), from.UTC()).Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	return groupBookings(rows), nil
}
