package domain

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"time"
)

// Transactor runs fn in one write transaction with the repositories R bound
// to it: committed when fn returns nil, rolled back otherwise. A service's
// store is the repositories it uses (reading committed data) together with
// a Transactor over the same repositories; each service declares its own,
// so that it is handed only what it needs.
type Transactor[R any] interface {
	WithTx(ctx context.Context, fn func(tx R) error) error
}

// Page asks for one page of a list: at most Limit items after Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// EachPage reads a list page by page, limit items at a time, handing each
// page to fn until the list ends (or fetch or fn fails).
func EachPage[T any](limit int, fetch func(Page) ([]T, string, error), fn func([]T) error) error {
	for p := (Page{Limit: limit}); ; {
		items, next, err := fetch(p)
		if err != nil {
			return err
		}
		if err := fn(items); err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		p.Cursor = next
	}
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
	// CountActiveAdmins returns how many admins are not disabled.
	CountActiveAdmins(ctx context.Context) (int, error)
}

// RefreshToken is one link of a sign-in session's chain of refresh tokens.
// Only the token's hash is stored.
type RefreshToken struct {
	ID        string
	UserID    string
	FamilyID  string // the session: every rotation stays in it
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// SessionRepo persists refresh tokens.
type SessionRepo interface {
	CreateRefreshToken(ctx context.Context, t *RefreshToken) error
	RefreshTokenByHash(ctx context.Context, hash string) (*RefreshToken, error)
	// MarkRefreshTokenUsed marks an unused token used; false when it was used already.
	MarkRefreshTokenUsed(ctx context.Context, id string, at time.Time) (bool, error)
	// RevokeSession revokes every token of a family.
	RevokeSession(ctx context.Context, familyID string, at time.Time) error
	// RevokeUserSessions revokes every token of a user.
	RevokeUserSessions(ctx context.Context, userID string, at time.Time) error
	// SessionRevoked reports whether a family has been revoked.
	SessionRevoked(ctx context.Context, familyID string) (bool, error)
}

// LoginFailureRepo counts failed sign-ins in the database, so that every
// instance sharing it counts the same.
type LoginFailureRepo interface {
	// RecentLoginFailures returns when subject failed to sign in after since,
	// newest first, at most limit times.
	RecentLoginFailures(ctx context.Context, subject string, since time.Time, limit int) ([]time.Time, error)
	// AddLoginFailure records a failure of subject at at, and forgets every
	// failure (of any subject) from before forgetBefore.
	AddLoginFailure(ctx context.Context, subject string, at, forgetBefore time.Time) error
	// ClearLoginFailures forgets subject's failures.
	ClearLoginFailures(ctx context.Context, subject string) error
}

// DelegationReader reads delegations and members one at a time.
type DelegationReader interface {
	DelegationByID(ctx context.Context, id string) (*Delegation, error)
	MemberByID(ctx context.Context, id string) (*Member, error)
	// HeadOf returns the delegation's head, ENOTFOUND when it has none.
	HeadOf(ctx context.Context, delegationID string) (*Member, error)
}

// DelegationRepo persists delegations and their members.
type DelegationRepo interface {
	DelegationReader
	CreateDelegation(ctx context.Context, d *Delegation) error
	DelegationByCode(ctx context.Context, code string) (*Delegation, error)
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	// UpdateDelegation saves d over version d.Version and bumps it (EPRECONDITION when stale).
	UpdateDelegation(ctx context.Context, d *Delegation) error
	DeleteDelegation(ctx context.Context, id string) error
	// DelegationInUse reports whether meetings refer to the delegation.
	DelegationInUse(ctx context.Context, id string) (bool, error)
	CreateMember(ctx context.Context, m *Member) error
	// UpdateMember saves m over version m.Version and bumps it (EPRECONDITION when stale).
	UpdateMember(ctx context.Context, m *Member) error
	DeleteMember(ctx context.Context, id string) error
	ListMembers(ctx context.Context, delegationID string) ([]Member, error)
	// ListMembersOf lists the members of the given delegations (of all when
	// delegationIDs is nil) in one query: in protocol order, head first, then by name.
	ListMembersOf(ctx context.Context, delegationIDs []string) ([]Member, error)
	// MemberInUse reports whether meetings hold the member.
	MemberInUse(ctx context.Context, id string) (bool, error)
	// SetFeedToken stores the hash of a delegation's feed token, replacing the old one.
	SetFeedToken(ctx context.Context, delegationID, hash string) error
	// DelegationByFeedToken returns the delegation whose feed token has hash, ENOTFOUND when none.
	DelegationByFeedToken(ctx context.Context, hash string) (*Delegation, error)
}

// VenueReader reads venues with their travel minutes, and rooms.
type VenueReader interface {
	VenueByID(ctx context.Context, id string) (*Venue, error)
	ListVenues(ctx context.Context) ([]Venue, error)
	RoomByID(ctx context.Context, id string) (*Room, error)
	// ListRooms returns the rooms of a venue ("" for all venues).
	ListRooms(ctx context.Context, venueID string) ([]Room, error)
}

// VenueRepo persists venues, travel times and rooms.
type VenueRepo interface {
	VenueReader
	CreateVenue(ctx context.Context, v *Venue) error
	// VenueByName returns the venue named name (names are unique), ENOTFOUND when there is none.
	VenueByName(ctx context.Context, name string) (*Venue, error)
	// SetVenueTravel replaces the travel minutes given from venueID to other venues.
	SetVenueTravel(ctx context.Context, venueID string, minutes map[string]int) error
	CreateRoom(ctx context.Context, r *Room) error
	// UpdateVenue saves v's name and address over version v.Version and bumps it.
	UpdateVenue(ctx context.Context, v *Venue) error
	DeleteVenue(ctx context.Context, id string) error
	// UpdateRoom saves r over version r.Version and bumps it.
	UpdateRoom(ctx context.Context, r *Room) error
	DeleteRoom(ctx context.Context, id string) error
	// RoomInUse reports whether meetings use the room.
	RoomInUse(ctx context.Context, id string) (bool, error)
}

// MeetingRepo persists meetings with their participants and attendees.
type MeetingRepo interface {
	// CreateMeeting stores a meeting with its participants and the people it holds.
	CreateMeeting(ctx context.Context, m *Meeting, attendees []Attendee) error
	MeetingByID(ctx context.Context, id string) (*Meeting, error)
	ListMeetings(ctx context.Context, f MeetingFilter, p Page) ([]Meeting, string, error)
	// UpdateMeeting saves m (with its participants and attendees) over version m.Version and bumps it.
	UpdateMeeting(ctx context.Context, m *Meeting, attendees []Attendee) error
	DeleteMeeting(ctx context.Context, id string) error
	// BookingsNear returns the draft and confirmed meetings, other than q.ExceptID,
	// in q.RoomID or holding one of q.MemberIDs, that end after q.From and start before q.To.
	BookingsNear(ctx context.Context, q BookingQuery) ([]Booking, error)
	// Agenda returns the visible meetings of a filter with their room and venue names, in time order.
	Agenda(ctx context.Context, f MeetingFilter) ([]AgendaItem, error)
	// AgendaPage is Agenda a page at a time, with the cursor of the next page ("" after the last).
	AgendaPage(ctx context.Context, f MeetingFilter, p Page) ([]AgendaItem, string, error)
	// MeetingsByIDs returns the meetings with the given ids that exist.
	MeetingsByIDs(ctx context.Context, ids []string) ([]Meeting, error)
	// Bookings returns every draft and confirmed meeting overlapping [from, to)
	// with its room's venue and all the people it holds.
	Bookings(ctx context.Context, from, to time.Time) ([]Booking, error)
}

// ProposalRepo keeps the scheduler's proposals.
type ProposalRepo interface {
	CreateProposal(ctx context.Context, p *Proposal) error
	// SaveProposal writes p's status, progress, error and plan over the stored one.
	SaveProposal(ctx context.Context, p *Proposal) error
	ProposalByID(ctx context.Context, id string) (*Proposal, error)
	// ListProposals returns the latest limit proposals, newest first.
	ListProposals(ctx context.Context, limit int) ([]Proposal, error)
	// MarkProposalApplied records that p was applied, with the meetings it made;
	// false when it was applied already.
	MarkProposalApplied(ctx context.Context, p *Proposal) (bool, error)
}

// BookingQuery asks for the bookings that may conflict with a meeting.
type BookingQuery struct {
	RoomID    string
	MemberIDs []string
	From, To  time.Time
	ExceptID  string
}

// MaxMeetingLength bounds a meeting's length, so that the rule checks read
// a bounded range of the time index.
const MaxMeetingLength = 24 * time.Hour

// MeetingFilter narrows a meeting list; zero fields do not filter.
type MeetingFilter struct {
	From, To     time.Time
	RoomID       string
	VenueID      string // meetings in any room of the venue
	DelegationID string
	MemberID     string
	Status       MeetingStatus
	Kind         string
	// Viewer limits the list to what a caller may see; nil sees everything.
	Viewer *Viewer
	// Public keeps only confirmed public meetings (the public programme).
	Public bool
}

// Viewer is who a list is for: organisers see everything; a delegation's
// delegates see non-draft meetings that are public or that their delegation
// takes part in (when visibility is participants).
type Viewer struct {
	Organiser    bool
	DelegationID string
}

// AgendaItem is one meeting on an agenda, with the names a reader needs.
type AgendaItem struct {
	Meeting
	RoomName  string
	VenueID   string
	VenueName string
	// Movement is set on an item of kind movement: a drive to (or back
	// from) the meeting (Transport.WithMovements).
	Movement *Movement
}

// RequestRepo persists bilateral requests.
type RequestRepo interface {
	CreateRequest(ctx context.Context, r *BilateralRequest) error
	RequestByID(ctx context.Context, id string) (*BilateralRequest, error)
	// ListRequests lists requests in the order they were filed.
	ListRequests(ctx context.Context, f RequestFilter, p Page) ([]BilateralRequest, string, error)
	// UpdateRequest saves r over version r.Version and bumps it (EPRECONDITION when stale).
	UpdateRequest(ctx context.Context, r *BilateralRequest) error
}

// RequestFilter narrows a request list; zero fields do not filter.
type RequestFilter struct {
	DelegationID string // either side
	Status       RequestStatus
}

// IdempotencyRecord remembers what a create request with an Idempotency-Key did.
type IdempotencyRecord struct {
	ActorID     string
	Key         string
	Method      string
	Path        string
	RequestHash string
	Status      int
	ResourceID  string
}

// IdempotencyRepo keeps idempotency records.
type IdempotencyRepo interface {
	// Idempotency returns the record of actor and key, nil when there is none.
	Idempotency(ctx context.Context, actorID, key string) (*IdempotencyRecord, error)
	SaveIdempotency(ctx context.Context, r *IdempotencyRecord) error
}

// SummitReader reads the summit's settings (ENOTFOUND while none are set).
type SummitReader interface {
	Summit(ctx context.Context) (*Summit, error)
}

// SummitRepo keeps the summit's settings.
type SummitRepo interface {
	SummitReader
	PutSummit(ctx context.Context, s *Summit) error
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
