package domain

import (
	"context"
	"time"
)

// Event is a change a live client is told about (CONTRACT section 7). Events
// are read from the audit trail, which every change writes in its own
// transaction: so an event exists only once its change is committed, a
// rolled-back change is never announced, and every server instance that
// shares the database sees the same events in the same order.
type Event struct {
	ID      int64     // the audit entry's id: the stream's event id
	Type    string    // meeting.created|meeting.updated|meeting.cancelled|meeting.deleted|request.changed|problems.changed|transport.changed
	Entity  string    // the meeting's or request's id
	Version int       // its version after the change (before it, for a deletion)
	ActorID string    // who changed it
	At      time.Time // when

	// Who may see it, as it stood at the change.
	status      MeetingStatus
	visibility  string
	delegations []string
}

// EventTypes maps audit actions on meetings to event types.
var meetingEvents = map[string]string{"create": "meeting.created", "update": "meeting.updated",
	"cancel": "meeting.cancelled", "delete": "meeting.deleted"}

// EventOf turns an audit entry into the event it announces; false for entries
// that announce none.
func EventOf(e AuditEntry) (Event, bool) {
	ev := Event{ID: e.ID, Entity: e.EntityID, ActorID: e.ActorID, At: e.At}
	switch e.EntityType {
	case "meeting":
		if ev.Type = meetingEvents[e.Action]; ev.Type == "" {
			return ev, false
		}
	case "bilateral_request":
		ev.Type = "request.changed"
	case "problems":
		ev.Type = "problems.changed" // for organisers only; it carries no image
		return ev, true
	case "vehicle", "motorcade":
		// For organisers only, like problems.changed: the transport desk
		// reads movements and transport problems again.
		ev.Type = "transport.changed"
		return ev, true
	default:
		return ev, false
	}
	image := e.After
	if image == nil {
		image = e.Before
	}
	img, ok := readEventImage(e.Schema, image)
	if !ok {
		return ev, false
	}
	ev.Version, ev.status, ev.visibility = img.Version, MeetingStatus(img.Status), img.Visibility
	for _, p := range img.Participants {
		ev.delegations = append(ev.delegations, p.DelegationID)
	}
	if img.FromDelegationID != "" {
		ev.delegations = []string{img.FromDelegationID, img.ToDelegationID}
	}
	return ev, true
}

// VisibleTo reports whether the actor may learn of the event — the same rule
// as for the meeting or request itself; nobody learns even the id of what
// they may not see.
func (e Event) VisibleTo(a Actor) bool {
	if a.IsOrganiser() || a.IsSystem() {
		return true
	}
	if e.Type == "problems.changed" || e.Type == "transport.changed" {
		return false
	}
	if e.Type == "request.changed" {
		return Contains(e.delegations, a.DelegationID) && a.DelegationID != ""
	}
	participants := make([]Participant, len(e.delegations))
	for i, d := range e.delegations {
		participants[i] = Participant{DelegationID: d}
	}
	return CanSeeMeeting(a, &Meeting{Status: e.status, Visibility: e.visibility, Participants: participants})
}

// EventRepos are what the live events read: the audit trail, the names of
// who changed what, and news of commits.
type EventRepos interface {
	AuditReader
	UserReader
	// Changes receives after write transactions commit, in this process and
	// (on a shared database) in others, until ctx ends. Receives coalesce.
	Changes(ctx context.Context) <-chan struct{}
	ChangeCounter
}

// Events is the service behind the live stream.
type Events struct {
	Store EventRepos
}

// After returns up to limit events after id, in order, and the id of the
// last audit entry read (events are a subset of the audit trail).
func (s Events) After(ctx context.Context, id int64, limit int) ([]Event, int64, error) {
	entries, err := s.Store.AuditAfter(ctx, id, limit)
	if err != nil {
		return nil, id, err
	}
	var out []Event
	for _, e := range entries {
		if ev, ok := EventOf(e); ok {
			out = append(out, ev)
		}
		id = e.ID
	}
	return out, id, nil
}

// Last returns the id of the newest audit entry: events after it are new.
func (s Events) Last(ctx context.Context) (int64, error) { return s.Store.LastAuditID(ctx) }

// Changes tells of commits (see EventRepos.Changes), so that new events are read at once.
func (s Events) Changes(ctx context.Context) <-chan struct{} { return s.Store.Changes(ctx) }

// ChangeSeq counts the commits this process has seen (see ChangeCounter).
func (s Events) ChangeSeq() uint64 { return s.Store.ChangeSeq() }

// ActorName returns the current name of the user with id, "" when there is none.
func (s Events) ActorName(ctx context.Context, id string) (string, error) {
	u, err := s.Store.UserByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	return u.Name, nil
}
