package domain

import (
	"encoding/json"
	"time"
)

// Snapshots are what the audit trail stores of an entity before and after a
// change, in the format of version AuditSchema. They are the one place in
// domain that names JSON fields: the stored format of the trail, read back
// by the live events and shown by the audit API as it is. They are kept
// apart from the entities so that renaming an entity's field renames
// nothing that is stored.

type summitSnapshot struct {
	Name      string    `json:"name"`
	City      string    `json:"city"`
	Timezone  string    `json:"timezone"`
	StartsOn  string    `json:"starts_on"`
	EndsOn    string    `json:"ends_on"`
	DayStarts string    `json:"day_starts"`
	DayEnds   string    `json:"day_ends"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	// Added after version 1; omitted while 0 so older entries read the same.
	RestMinutes         int `json:"rest_minutes,omitempty"`
	MaxBilateralsPerDay int `json:"max_bilaterals_per_day,omitempty"`
	// Added after version 1 (CONTRACT section 14); omitted while 0 so older entries read the same.
	ArrivalBufferMinutes int `json:"arrival_buffer_minutes,omitempty"`
}

type delegationSnapshot struct {
	ID          string     `json:"id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Precedence  int        `json:"precedence"`
	Languages   []string   `json:"languages"`
	ArrivalAt   *time.Time `json:"arrival_at"`
	DepartureAt *time.Time `json:"departure_at"`
	Hotel       string     `json:"hotel"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	// Added after version 1 (CONTRACT section 13); omitted while empty so older entries read the same.
	Names Names `json:"names,omitempty"`
	// Added after version 1 (CONTRACT section 12); omitted while empty so older entries read the same.
	ContactEmails  []string `json:"contact_emails,omitempty"`
	NoticeLanguage string   `json:"notice_language,omitempty"`
	// Added after version 1 (CONTRACT section 14); omitted while empty so older entries read the same.
	HotelVenueID string `json:"hotel_venue_id,omitempty"`
}

type memberSnapshot struct {
	ID            string    `json:"id"`
	DelegationID  string    `json:"delegation_id"`
	FullName      string    `json:"full_name"`
	Position      string    `json:"position"`
	IsHead        bool      `json:"is_head"`
	Accreditation string    `json:"accreditation"`
	Version       int       `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	// Added after version 1 (CONTRACT section 13); omitted while empty so older entries read the same.
	Names Names `json:"names,omitempty"`
	// Added after version 1 (CONTRACT section 15); omitted while empty so older entries read the same.
	BadgeCategoryID string          `json:"badge_category_id,omitempty"`
	HotelBlockID    string          `json:"hotel_block_id,omitempty"`
	HotelRoom       string          `json:"hotel_room,omitempty"`
	Nights          *nightsSnapshot `json:"nights,omitempty"`
}

type nightsSnapshot struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func snapshotOfNights(n *Nights) *nightsSnapshot {
	if n == nil {
		return nil
	}
	return &nightsSnapshot{n.From, n.To}
}

type hotelBlockSnapshot struct {
	ID           string         `json:"id"`
	HotelVenueID string         `json:"hotel_venue_id"`
	DelegationID string         `json:"delegation_id"`
	Rooms        int            `json:"rooms"`
	Nights       nightsSnapshot `json:"nights"`
	Version      int            `json:"version"`
	CreatedAt    time.Time      `json:"created_at"`
	UpdatedAt    time.Time      `json:"updated_at"`
}

type venueSnapshot struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Address       string         `json:"address"`
	TravelMinutes map[string]int `json:"travel_minutes"`
	Version       int            `json:"version"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
	// Added after version 1 (CONTRACT section 13); omitted while empty so older entries read the same.
	Names Names `json:"names,omitempty"`
	// Added after version 1 (CONTRACT section 14); omitted while venue (the default) so older entries read the same.
	Kind string `json:"kind,omitempty"`
}

type roomSnapshot struct {
	ID                      string    `json:"id"`
	VenueID                 string    `json:"venue_id"`
	Name                    string    `json:"name"`
	Capacity                int       `json:"capacity"`
	Layout                  string    `json:"layout"`
	InterpretationLanguages []string  `json:"interpretation_languages"`
	ChangeoverMinutes       int       `json:"changeover_minutes"`
	Version                 int       `json:"version"`
	CreatedAt               time.Time `json:"created_at"`
	UpdatedAt               time.Time `json:"updated_at"`
	// Added after version 1 (CONTRACT section 13); omitted while empty so older entries read the same.
	Names Names `json:"names,omitempty"`
}

// accessZoneSnapshot and badgeCategorySnapshot are new in version 1's
// format (CONTRACT section 15).
type accessZoneSnapshot struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	RoomIDs   []string  `json:"room_ids"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type badgeCategorySnapshot struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Colour    string    `json:"colour"`
	ZoneIDs   []string  `json:"zone_ids"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// vehicleSnapshot and motorcadeSnapshot are new in version 1's format
// (CONTRACT section 14).
type vehicleSnapshot struct {
	ID          string    `json:"id"`
	Plate       string    `json:"plate"`
	Kind        string    `json:"kind"`
	Seats       int       `json:"seats"`
	DriverName  string    `json:"driver_name"`
	DriverPhone string    `json:"driver_phone"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

type motorcadeSnapshot struct {
	DelegationID string   `json:"delegation_id"`
	VehicleIDs   []string `json:"vehicle_ids"`
}

type participantSnapshot struct {
	DelegationID string   `json:"delegation_id"`
	MemberIDs    []string `json:"member_ids,omitempty"`
}

type meetingSnapshot struct {
	ID                 string                `json:"id"`
	Title              string                `json:"title"`
	Kind               string                `json:"kind"`
	StartsAt           time.Time             `json:"starts_at"`
	EndsAt             time.Time             `json:"ends_at"`
	RoomID             string                `json:"room_id"`
	Status             string                `json:"status"`
	Visibility         string                `json:"visibility"`
	Languages          []string              `json:"languages"`
	ExpectedAttendance int                   `json:"expected_attendance"`
	Participants       []participantSnapshot `json:"participants"`
	Allow              []string              `json:"allow"`
	CreatedBy          string                `json:"created_by"`
	Version            int                   `json:"version"`
	CreatedAt          time.Time             `json:"created_at"`
	UpdatedAt          time.Time             `json:"updated_at"`
	AllowUsed          []string              `json:"allow_used,omitempty"` // the overrides a change used
	RequestID          string                `json:"request_id,omitempty"` // absent in version-1 rows and for a meeting of no request
}

type requestSnapshot struct {
	ID               string     `json:"id"`
	FromDelegationID string     `json:"from_delegation_id"`
	ToDelegationID   string     `json:"to_delegation_id"`
	DurationMinutes  int        `json:"duration_minutes"`
	Priority         int        `json:"priority"`
	Earliest         *time.Time `json:"earliest"`
	Latest           *time.Time `json:"latest"`
	Note             string     `json:"note"`
	Status           string     `json:"status"`
	MeetingID        string     `json:"meeting_id"`
	CreatedBy        string     `json:"created_by"`
	Version          int        `json:"version"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// userSnapshot is a user without its secrets; PasswordChanged says a change
// set a new password, never the password.
type userSnapshot struct {
	ID              string `json:"id"`
	Email           string `json:"email"`
	Name            string `json:"name"`
	Role            string `json:"role"`
	DelegationID    string `json:"delegation_id,omitempty"`
	Disabled        bool   `json:"disabled"`
	Version         int    `json:"version"`
	PasswordChanged bool   `json:"password_changed,omitempty"`
}

// noticeSnapshot is a notice of the outbox as a retry changes it.
type noticeSnapshot struct {
	ID           string     `json:"id"`
	DelegationID string     `json:"delegation_id"`
	Status       string     `json:"status"`
	Attempts     int        `json:"attempts"`
	LastError    string     `json:"last_error"`
	Subject      string     `json:"subject"`
	DueAt        time.Time  `json:"due_at"`
	SentAt       *time.Time `json:"sent_at,omitempty"`
}

// meetingChange is a meeting after a change with the overrides it used.
type meetingChange struct {
	Meeting   *Meeting
	AllowUsed []string
}

// noticeLanguageSnapshot is the language as a snapshot keeps it: omitted
// while it is the default, so that entries of delegations that never chose
// one read as before.
func noticeLanguageSnapshot(lang string) string {
	if lang == NoticeLanguages[0] {
		return ""
	}
	return lang
}

// venueKindSnapshot is the kind as a snapshot keeps it: omitted while it
// is the default, so that entries of venues before kinds read as before.
func venueKindSnapshot(kind string) string {
	if kind == VenueKinds[0] {
		return ""
	}
	return kind
}

// userChange is a user after a change, and whether it set a new password.
type userChange struct {
	User            *User
	PasswordChanged bool
}

// snapshotOf returns what the audit trail stores of v: an entity's snapshot
// (entities are passed by pointer), or v itself for anything else.
func snapshotOf(v any) any {
	switch x := v.(type) {
	case *Summit:
		return summitSnapshot{x.Name, x.City, x.Timezone, x.StartsOn, x.EndsOn, x.DayStarts, x.DayEnds, x.Version, x.UpdatedAt, x.RestMinutes,
			x.MaxBilateralsPerDay, x.ArrivalBufferMinutes}
	case *Delegation:
		return delegationSnapshot{x.ID, x.Code, x.Name, x.Kind, x.Precedence, x.Languages, x.ArrivalAt, x.DepartureAt,
			x.Hotel, x.Version, x.CreatedAt, x.UpdatedAt, x.Names, x.ContactEmails, noticeLanguageSnapshot(x.NoticeLanguage), x.HotelVenueID}
	case *Member:
		return memberSnapshot{x.ID, x.DelegationID, x.FullName, x.Position, x.IsHead, x.Accreditation, x.Version, x.CreatedAt, x.UpdatedAt, x.Names,
			x.BadgeCategoryID, x.HotelBlockID, x.HotelRoom, snapshotOfNights(x.Nights)}
	case *HotelBlock:
		return hotelBlockSnapshot{x.ID, x.HotelVenueID, x.DelegationID, x.Rooms, *snapshotOfNights(&x.Nights), x.Version, x.CreatedAt, x.UpdatedAt}
	case *AccessZone:
		return accessZoneSnapshot{x.ID, x.Name, x.RoomIDs, x.Version, x.CreatedAt, x.UpdatedAt}
	case *BadgeCategory:
		return badgeCategorySnapshot{x.ID, x.Name, x.Colour, x.ZoneIDs, x.Version, x.CreatedAt, x.UpdatedAt}
	case *Venue:
		return venueSnapshot{x.ID, x.Name, x.Address, x.TravelMinutes, x.Version, x.CreatedAt, x.UpdatedAt, x.Names, venueKindSnapshot(x.Kind)}
	case *Vehicle:
		return vehicleSnapshot{x.ID, x.Plate, x.Kind, x.Seats, x.DriverName, x.DriverPhone, x.Version, x.CreatedAt, x.UpdatedAt}
	case *Motorcade:
		return motorcadeSnapshot{x.DelegationID, x.VehicleIDs}
	case *Room:
		return roomSnapshot{x.ID, x.VenueID, x.Name, x.Capacity, x.Layout, x.InterpretationLanguages, x.ChangeoverMinutes,
			x.Version, x.CreatedAt, x.UpdatedAt, x.Names}
	case *Meeting:
		return snapshotOfMeeting(x, nil)
	case meetingChange:
		return snapshotOfMeeting(x.Meeting, x.AllowUsed)
	case *BilateralRequest:
		return requestSnapshot{x.ID, x.FromDelegationID, x.ToDelegationID, x.DurationMinutes, x.Priority, x.Earliest, x.Latest,
			x.Note, string(x.Status), x.MeetingID, x.CreatedBy, x.Version, x.CreatedAt, x.UpdatedAt}
	case *User:
		return snapshotOfUser(x, false)
	case userChange:
		return snapshotOfUser(x.User, x.PasswordChanged)
	case *Notice:
		return noticeSnapshot{x.ID, x.DelegationID, string(x.Status), x.Attempts, x.LastError, x.Subject, x.DueAt, x.SentAt}
	}
	return v
}

func snapshotOfMeeting(m *Meeting, allowUsed []string) meetingSnapshot {
	ps := make([]participantSnapshot, len(m.Participants))
	for i, p := range m.Participants {
		ps[i] = participantSnapshot{p.DelegationID, p.MemberIDs}
	}
	if m.Participants == nil {
		ps = nil
	}
	return meetingSnapshot{m.ID, m.Title, m.Kind, m.StartsAt, m.EndsAt, m.RoomID, string(m.Status), m.Visibility, m.Languages,
		m.ExpectedAttendance, ps, m.Allow, m.CreatedBy, m.Version, m.CreatedAt, m.UpdatedAt, allowUsed, m.RequestID}
}

func snapshotOfUser(u *User, passwordChanged bool) userSnapshot {
	return userSnapshot{u.ID, u.Email, u.Name, string(u.Role), u.DelegationID, u.Disabled, u.Version, passwordChanged}
}

// eventImage is the part of a meeting's or request's snapshot (of any
// version so far) that a live event needs.
type eventImage struct {
	Version          int                   `json:"version"`
	Status           string                `json:"status"`
	Visibility       string                `json:"visibility"`
	Participants     []participantSnapshot `json:"participants"`
	FromDelegationID string                `json:"from_delegation_id"`
	ToDelegationID   string                `json:"to_delegation_id"`
}

// readEventImage reads the event's part of a stored snapshot; false when the
// snapshot is of a version this program does not know, or unreadable.
func readEventImage(schema int, raw []byte) (eventImage, bool) {
	var img eventImage
	if schema > AuditSchema || json.Unmarshal(raw, &img) != nil {
		return img, false
	}
	return img, true
}
