package domain

import (
	"context"
	"encoding/json"
	"time"
)

// Event is a change a live client is told about (CONTRACT section 7). Events
// are read from the audit trail, which every change writes in its own
// transaction: so an event exists only once its change is committed, a
// rolled-back change is never announced, and every server instance that
// shares the database sees the same events in the same order.
type Event struct {
	ID      int64     // the audit entry's id: the stream's event id
	Type    string    // meeting.created|meeting.updated|meeting.cancelled|meeting.deleted|request.changed
	Entity  string    // the meeting's or request's id
	Version int       // its version after the change (before it, for a deletion)
	ActorID string    // who changed it
	At      time.Time // when

	// Who may see it, as it stood at the change.
	status, visibility string
	delegations        []string
}

// EventTypes maps audit actions on meetings to event types.
var meetingEvents = map[string]string{"create": "meeting.created", "update": "meeting.updated",
	"cancel": "meeting.cancelled", "delete": "meeting.deleted"}

// eventImage is the part of an audited meeting or request an event needs.
type eventImage struct {
	Version          int           `json:"version"`
	Status           string        `json:"status"`
	Visibility       string        `json:"visibility"`
	Participants     []Participant `json:"participants"`
	FromDelegationID string        `json:"from_delegation_id"`
	ToDelegationID   string        `json:"to_delegation_id"`
}

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
	default:
		return ev, false
	}
	image := e.After
	if image == nil {
		image = e.Before
	}
	var img eventImage
	if json.Unmarshal(image, &img) != nil {
		return ev, false
	}
	ev.Version, ev.status, ev.visibility = img.Version, img.Status, img.Visibility
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
	if e.Type == "request.changed" {
		return Contains(e.delegations, a.DelegationID) && a.DelegationID != ""
	}
	participants := make([]Participant, len(e.delegations))
	for i, d := range e.delegations {
		participants[i] = Participant{DelegationID: d}
	}
	return CanSeeMeeting(a, &Meeting{Status: e.status, Visibility: e.visibility, Participants: participants})
}

// EventsAfter returns up to limit events after id, in order, and the id of
// the last audit entry read (events are a subset of the audit trail).
func EventsAfter(ctx context.Context, store Store, id int64, limit int) ([]Event, int64, error) {
	entries, err := store.AuditAfter(ctx, id, limit)
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
