package domain

import (
	"context"
	"strings"
)

// FeedRepos are what the calendar feeds read.
type FeedRepos interface {
	SummitReader
	// DelegationByFeedToken returns the delegation whose feed token has hash, ENOTFOUND when none.
	DelegationByFeedToken(ctx context.Context, hash string) (*Delegation, error)
	// Agenda returns the visible meetings of a filter with their room and venue names, in time order.
	Agenda(ctx context.Context, f MeetingFilter) ([]AgendaItem, error)
}

// Feeds is the service behind the calendar feeds, which need no sign-in:
// the public programme, and each delegation's behind its secret token.
type Feeds struct {
	Store FeedRepos
	// Transport adds the delegation's movements; unset, there are none.
	Transport Transport
}

// Delegation returns the calendar of the delegation whose secret feed
// token is given: the non-draft meetings it takes part in and may see,
// cancelled ones included so that phones remove them. An unknown or rotated
// token is ENOTFOUND.
func (s Feeds) Delegation(ctx context.Context, token string) (string, []CalendarEvent, error) {
	d, err := s.Store.DelegationByFeedToken(ctx, hashToken(token))
	if err != nil {
		return "", nil, err
	}
	items, err := s.Store.Agenda(ctx, MeetingFilter{DelegationID: d.ID, Viewer: &Viewer{DelegationID: d.ID}})
	if err != nil {
		return "", nil, err
	}
	if s.Transport.Store != nil {
		reader := Actor{Role: RoleDelegate, DelegationID: d.ID}
		if items, err = s.Transport.WithMovements(ctx, reader, d.ID, "", items); err != nil {
			return "", nil, err
		}
	}
	return d.Name + " — summit agenda", calendarEvents(items), nil
}

// Public returns the public programme: the confirmed public meetings.
func (s Feeds) Public(ctx context.Context) (string, []CalendarEvent, error) {
	name := "Summit programme"
	if summit, err := s.Store.Summit(ctx); err == nil {
		name = summit.Name
	}
	items, err := s.Store.Agenda(ctx, MeetingFilter{Public: true})
	if err != nil {
		return "", nil, err
	}
	return name, calendarEvents(items), nil
}

func calendarEvents(items []AgendaItem) []CalendarEvent {
	out := make([]CalendarEvent, len(items))
	for i, it := range items {
		var place []string
		for _, p := range []string{it.RoomName, it.VenueName} {
			if p != "" {
				place = append(place, p)
			}
		}
		uid := it.ID
		if it.Movement != nil {
			uid = it.Movement.UID()
		}
		out[i] = CalendarEvent{UID: uid, Sequence: it.Version - 1, Stamp: it.UpdatedAt, Start: it.StartsAt, End: it.EndsAt,
			Summary: it.Title, Location: strings.Join(place, ", "), Cancelled: it.Status == MeetingCancelled, Tentative: it.Status == MeetingDraft}
	}
	return out
}
