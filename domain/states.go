package domain

import (
	"slices"
	"strings"
)

// Role is what a user may do (CONTRACT section 3).
type Role string

// Roles a user can have.
const (
	RoleAdmin     Role = "admin"
	RoleOrganiser Role = "organiser"
	RoleDelegate  Role = "delegate"
	// RoleGate checks badges at a venue's door and can do nothing else.
	RoleGate Role = "gate"
)

// Roles lists every role, for validation.
var Roles = []Role{RoleAdmin, RoleOrganiser, RoleDelegate, RoleGate}

// ParseRole returns the role named s; false when there is none.
func ParseRole(s string) (Role, bool) { return parse(Roles, s) }

// MeetingStatus is where a meeting stands: a draft, confirmed or cancelled.
type MeetingStatus string

// Meeting statuses.
const (
	MeetingDraft     MeetingStatus = "draft"
	MeetingConfirmed MeetingStatus = "confirmed"
	MeetingCancelled MeetingStatus = "cancelled"
)

// MeetingStatuses lists every meeting status, for validation.
var MeetingStatuses = []MeetingStatus{MeetingDraft, MeetingConfirmed, MeetingCancelled}

// ParseMeetingStatus returns the meeting status named s; false when there is none.
func ParseMeetingStatus(s string) (MeetingStatus, bool) { return parse(MeetingStatuses, s) }

// RequestStatus is where a bilateral request stands.
type RequestStatus string

// Bilateral request statuses.
const (
	RequestPending   RequestStatus = "pending"
	RequestAccepted  RequestStatus = "accepted"
	RequestDeclined  RequestStatus = "declined"
	RequestScheduled RequestStatus = "scheduled"
	RequestWithdrawn RequestStatus = "withdrawn"
)

// RequestStatuses lists every request status, for validation.
var RequestStatuses = []RequestStatus{RequestPending, RequestAccepted, RequestDeclined, RequestScheduled, RequestWithdrawn}

// ParseRequestStatus returns the request status named s; false when there is none.
func ParseRequestStatus(s string) (RequestStatus, bool) { return parse(RequestStatuses, s) }

// Open reports whether the request still waits for an answer or a meeting.
func (s RequestStatus) Open() bool { return s == RequestPending || s == RequestAccepted }

// ProposalStatus is where a scheduler proposal stands.
type ProposalStatus string

// Proposal statuses: running, ready and failed are stored; applied and a
// running proposal's failure when abandoned are worked out (Proposal.State).
const (
	ProposalRunning ProposalStatus = "running"
	ProposalReady   ProposalStatus = "ready"
	ProposalFailed  ProposalStatus = "failed"
	ProposalApplied ProposalStatus = "applied"
)

// ProposalStatuses lists every proposal status.
var ProposalStatuses = []ProposalStatus{ProposalRunning, ProposalReady, ProposalFailed, ProposalApplied}

// ParseProposalStatus returns the proposal status named s; false when there is none.
func ParseProposalStatus(s string) (ProposalStatus, bool) { return parse(ProposalStatuses, s) }

// parse finds s among the values of a string type.
func parse[T ~string](values []T, s string) (T, bool) {
	if i := slices.Index(values, T(s)); i >= 0 {
		return values[i], true
	}
	return "", false
}

// oneOf lists values for a validation message: "a, b, c".
func oneOf[T ~string](values []T) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}
