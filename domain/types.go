package domain

import "time"

// User is a person who signs in: an admin, an organiser or a delegation's delegate.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         Role
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
	Name      string
	City      string
	Timezone  string // IANA, e.g. Asia/Almaty
	StartsOn  string // date, 2006-01-02
	EndsOn    string // date
	DayStarts string // local working hours, 15:04
	DayEnds   string
	// RestMinutes is the rest a person needs between meetings, on top of
	// travel (rule rest_time); 0 is off.
	RestMinutes int
	// MaxBilateralsPerDay caps a head of delegation's bilaterals on one
	// summit day (rule daily_limit); 0 is no limit.
	MaxBilateralsPerDay int
	// ArrivalBufferMinutes is how long before a meeting starts a motorcade
	// arrives (CONTRACT section 14).
	ArrivalBufferMinutes int
	Version              int
	UpdatedAt            time.Time
}

// NameLanguages are the languages besides the primary one in which
// delegations, members, venues and rooms may have names (CONTRACT section 13).
var NameLanguages = []string{"ru", "zh", "kk"}

// Names are an entity's name in NameLanguages, by language code; nil when none.
type Names map[string]string

// Delegation kinds.
var DelegationKinds = []string{"member", "observer", "dialogue_partner", "organisation", "guest"}

// Delegation is a state's or organisation's party at the summit.
type Delegation struct {
	ID          string
	Code        string // ISO 3166-1 alpha-3 for states, short code for organisations
	Name        string
	Kind        string
	Precedence  int // protocol order, lower first
	Languages   []string
	ArrivalAt   *time.Time
	DepartureAt *time.Time
	Hotel       string
	// HotelVenueID is the venue (of kind hotel) the delegation stays at, "" for none.
	HotelVenueID string
	Names        Names
	// ContactEmails receive the delegation's notices (CONTRACT section 12),
	// written in NoticeLanguage.
	ContactEmails  []string
	NoticeLanguage string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// NoticeLanguages are the languages notices are written in; the first is the default.
var NoticeLanguages = []string{"en", "ru", "zh", "kk"}

// Accreditation states of a member.
var AccreditationStates = []string{"pending", "approved", "rejected"}

// Member is a person in a delegation; exactly one is its head.
type Member struct {
	ID            string
	DelegationID  string
	FullName      string
	Position      string
	IsHead        bool
	Accreditation string
	// BadgeCategoryID is the member's badge category, "" for none.
	BadgeCategoryID string
	// HasPhoto tells whether the member has a badge photo (read only).
	HasPhoto bool
	// HotelBlockID is the hotel block the member sleeps in ("" none), in
	// room HotelRoom ("" not yet known) on Nights (nil without a block).
	HotelBlockID string
	HotelRoom    string
	Nights       *Nights
	Names        Names
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Venue is a place in the city; travel between venues takes time.
type Venue struct {
	ID      string
	Name    string
	Address string
	Kind    string // one of VenueKinds
	// TravelMinutes gives the motorcade time to other venues by venue id.
	TravelMinutes map[string]int
	Names         Names
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Venue kinds: a hotel or the airport is a venue too (CONTRACT section 14).
var VenueKinds = []string{"venue", "hotel", "airport"}

// Room layouts.
var RoomLayouts = []string{"plenary", "bilateral", "banquet", "press", "ceremony", "other"}

// Room is a bookable space within a venue.
type Room struct {
	ID                      string
	VenueID                 string
	Name                    string
	Capacity                int
	Layout                  string
	InterpretationLanguages []string
	ChangeoverMinutes       int
	Names                   Names
	Version                 int
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

// Meeting kinds and visibilities.
var (
	MeetingKinds = []string{"plenary", "restricted", "extended", "bilateral", "multilateral",
		"ceremony", "arrival", "departure", "meal", "press", "cultural", "hold"}
	MeetingVisibilities = []string{"public", "participants", "organisers"}
)

// Participant is a delegation taking part in a meeting. No MemberIDs stands
// for the delegation's head.
type Participant struct {
	DelegationID string
	MemberIDs    []string
}

// Meeting is anything on the programme that holds a room and people.
type Meeting struct {
	ID                 string
	Title              string
	Kind               string
	StartsAt           time.Time
	EndsAt             time.Time
	RoomID             string
	Status             MeetingStatus
	Visibility         string
	Languages          []string
	ExpectedAttendance int
	Participants       []Participant
	Allow              []string // overridden rules
	RequestID          string   // the bilateral request this meeting holds, "" for none
	CreatedBy          string
	Version            int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// BilateralRequest is one delegation asking to meet another on the sidelines.
type BilateralRequest struct {
	ID               string
	FromDelegationID string
	ToDelegationID   string
	DurationMinutes  int
	Priority         int // 1 to 5
	Earliest         *time.Time
	Latest           *time.Time
	Note             string
	Status           RequestStatus
	MeetingID        string
	CreatedBy        string
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Conflict is one violated scheduling rule.
type Conflict struct {
	Rule         string
	Message      string
	MeetingID    string
	MemberID     string
	RoomID       string
	DelegationID string // the delegation concerned (delegation_presence), "" when none
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
