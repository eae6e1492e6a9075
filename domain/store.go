package domain

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"time"
)

// Store is the persistence the domain services work against. Reads made on
// the Store itself see committed data; WithTx runs one write transaction.
type Store interface {
	Repos
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
}

// Repos are the repositories, either outside a transaction (reads) or bound
// to one (inside WithTx).
type Repos interface {
	// WithTx runs fn in one write transaction: committed when fn returns nil,
	// rolled back otherwise. Called on a transaction it joins that transaction.
	WithTx(ctx context.Context, fn func(tx Repos) error) error

	UserRepo
	DelegationRepo
	VenueRepo
	MeetingRepo
	RequestRepo
	AuditRepo
	SettingRepo
}

// Page asks for one page of a list: at most Limit items after Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// UserRepo persists users. Lookups of absent users return ENOTFOUND.
type UserRepo interface {
	CreateUser(ctx context.Context, u *User) error
	UserByID(ctx context.Context, id string) (*User, error)
	UserByEmail(ctx context.Context, email string) (*User, error)
	// UpdateUser saves u when its stored version is u.Version-1 (EPRECONDITION otherwise).
	UpdateUser(ctx context.Context, u *User) error
	DeleteUser(ctx context.Context, id string) error
	ListUsers(ctx context.Context, p Page) ([]User, string, error)
	CountUsers(ctx context.Context) (int, error)
}

// DelegationRepo persists delegations and their members.
type DelegationRepo interface {
	CreateDelegation(ctx context.Context, d *Delegation) error
	DelegationByID(ctx context.Context, id string) (*Delegation, error)
	DelegationByCode(ctx context.Context, code string) (*Delegation, error)
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	CreateMember(ctx context.Context, m *Member) error
	ListMembers(ctx context.Context, delegationID string) ([]Member, error)
}

// VenueRepo persists venues, travel times and rooms.
type VenueRepo interface {
	CreateVenue(ctx context.Context, v *Venue) error
	VenueByID(ctx context.Context, id string) (*Venue, error)
	// SetVenueTravel replaces the travel minutes given from venueID to other venues.
	SetVenueTravel(ctx context.Context, venueID string, minutes map[string]int) error
	ListVenues(ctx context.Context) ([]Venue, error)
	CreateRoom(ctx context.Context, r *Room) error
	RoomByID(ctx context.Context, id string) (*Room, error)
	ListRooms(ctx context.Context, venueID string) ([]Room, error)
}

// MeetingRepo persists meetings with their participants and attendees.
type MeetingRepo interface {
	CreateMeeting(ctx context.Context, m *Meeting) error
	MeetingByID(ctx context.Context, id string) (*Meeting, error)
	ListMeetings(ctx context.Context, f MeetingFilter, p Page) ([]Meeting, string, error)
}

// MeetingFilter narrows a meeting list; zero fields do not filter.
type MeetingFilter struct {
	From, To     time.Time
	RoomID       string
	DelegationID string
	Status       string
	Kind         string
}

// RequestRepo persists bilateral requests.
type RequestRepo interface {
	CreateRequest(ctx context.Context, r *BilateralRequest) error
	RequestByID(ctx context.Context, id string) (*BilateralRequest, error)
	ListRequests(ctx context.Context, p Page) ([]BilateralRequest, string, error)
}

// AuditRepo appends to and reads the audit trail.
type AuditRepo interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter, p Page) ([]AuditEntry, string, error)
}

// AuditFilter narrows the audit list; zero fields do not filter.
type AuditFilter struct {
	EntityType, EntityID, ActorID string
}

// SettingRepo keeps the summit's settings and server-wide key/value settings.
type SettingRepo interface {
	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error
	// SetSettingIfAbsent stores value unless key exists, and returns the stored value.
	SetSettingIfAbsent(ctx context.Context, key, value string) (string, error)
	Summit(ctx context.Context) (*Summit, error)
	PutSummit(ctx context.Context, s *Summit) error
	// HasSummitData reports whether any delegation, venue or meeting exists.
	HasSummitData(ctx context.Context) (bool, error)
}

// NewID returns a new UUID (version 7: time-ordered, so ids sort by creation).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[6:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	ms := uint64(time.Now().UnixMilli())
	binary.BigEndian.PutUint16(b[0:2], uint16(ms>>32))
	binary.BigEndian.PutUint32(b[2:6], uint32(ms))
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
