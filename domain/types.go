package domain

import "time"

// Roles a user can have (CONTRACT section 3).
const (
	RoleAdmin     = "admin"
	RoleOrganiser = "organiser"
	RoleDelegate  = "delegate"
)

// Roles lists every role, for validation.
var Roles = []string{RoleAdmin, RoleOrganiser, RoleDelegate}

// User is a person who signs in: an admin, an organiser or a delegation's delegate.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         string
	DelegationID string // set for delegates only
	PasswordHash string
	Disabled     bool
	TokenVersion int // grows whenever existing tokens must stop working
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Summit is the event being planned: one per database.
type Summit struct {
	Name      string    `json:"name"`
	City      string    `json:"city"`
	Timezone  string    `json:"timezone"`   // IANA, e.g. Asia/Almaty
	StartsOn  string    `json:"starts_on"`  // date, 2006-01-02
	EndsOn    string    `json:"ends_on"`    // date
	DayStarts string    `json:"day_starts"` // local working hours, 15:04
	DayEnds   string    `json:"day_ends"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Delegation kinds.
var DelegationKinds = []string{"member", "observer", "dialogue_partner", "organisation", "guest"}

// Delegation is a state's or organisation's party at the summit.
type Delegation struct {
	ID          string     `json:"id"`
	Code        string     `json:"code"` // ISO 3166-1 alpha-3 for states, short code for organisations
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Precedence  int        `json:"precedence"` // protocol order, lower first
	Languages   []string   `json:"languages"`
	ArrivalAt   *time.Time `json:"arrival_at"`
	DepartureAt *time.Time `json:"departure_at"`
	Hotel       string     `json:"hotel"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Accreditation states of a member.
var AccreditationStates = []string{"pending", "approved", "rejected"}

// Member is a person in a delegation; exactly one is its head.
type Member struct {
	ID            string    `json:"id"`
	DelegationID  string    `json:"delegation_id"`
	FullName      string    `json:"full_name"`
	Position      string    `json:"position"`
	IsHead        bool      `json:"is_head"`
	Accreditation string    `json:"accreditation"`
	Version       int       `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Venue is a place in the city; travel between venues takes time.
type Venue struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Address string `json:"address"`
	// TravelMinutes gives the motorcade time to other venues by venue id.
	TravelMinutes map[string]int `json:"travel_minutes"`
	Version       int            `json:"version"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// Room layouts.
var RoomLayouts = []string{"plenary", "bilateral", "banquet", "press", "ceremony", "other"}

// Room is a bookable space within a venue.
type Room struct {
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
}

// Meeting kinds, statuses and visibilities.
var (
	MeetingKinds = []string{"plenary", "restricted", "extended", "bilateral", "multilateral",
		"ceremony", "arrival", "departure", "meal", "press", "cultural", "hold"}
	MeetingStatuses     = []string{"draft", "confirmed", "cancelled"}
	MeetingVisibilities = []string{"public", "participants", "organisers"}
)

// Participant is a delegation taking part in a meeting. No MemberIDs stands
// for the delegation's head.
type Participant struct {
	DelegationID string   `json:"delegation_id"`
	MemberIDs    []string `json:"member_ids,omitempty"`
}

// Meeting is anything on the programme that holds a room and people.
type Meeting struct {
	ID                 string        `json:"id"`
	Title              string        `json:"title"`
	Kind               string        `json:"kind"`
	StartsAt           time.Time     `json:"starts_at"`
	EndsAt             time.Time     `json:"ends_at"`
	RoomID             string        `json:"room_id"`
	Status             string        `json:"status"`
	Visibility         string        `json:"visibility"`
	Languages          []string      `json:"languages"`
	ExpectedAttendance int           `json:"expected_attendance"`
	Participants       []Participant `json:"participants"`
	Allow              []string      `json:"allow"` // overridden rules
	CreatedBy          string        `json:"created_by"`
	Version            int           `json:"version"`
	CreatedAt          time.Time     `json:"created_at"`
	UpdatedAt          time.Time     `json:"updated_at"`
}

// Bilateral request statuses.
var RequestStatuses = []string{"pending", "accepted", "declined", "scheduled", "withdrawn"}

// BilateralRequest is one delegation asking to meet another on the sidelines.
type BilateralRequest struct {
	ID               string     `json:"id"`
	FromDelegationID string     `json:"from_delegation_id"`
	ToDelegationID   string     `json:"to_delegation_id"`
	DurationMinutes  int        `json:"duration_minutes"`
	Priority         int        `json:"priority"` // 1 to 5
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

// AuditEntry records one successful mutation: who, what, before and after.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    string
	Action     string
	EntityType string
	EntityID   string
	Before     []byte // JSON, nil when absent
	After      []byte
}

// Conflict is one violated scheduling rule.
type Conflict struct {
	Rule      string `json:"rule"`
	Message   string `json:"message"`
	MeetingID string `json:"meeting_id,omitempty"`
	MemberID  string `json:"member_id,omitempty"`
	RoomID    string `json:"room_id,omitempty"`
}

// Contains reports whether list holds s.
func Contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
