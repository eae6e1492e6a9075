package domain

import (
	"context"
	"strings"
)

// DelegationFeed returns the calendar of the delegation whose secret feed
// token is given: the non-draft meetings it takes part in and may see,
// cancelled ones included so that phones remove them. An unknown or rotated
// token is ENOTFOUND.
func DelegationFeed(ctx context.Context, store Store, token string) (string, []CalendarEvent, error) {
	d, err := store.DelegationByFeedToken(ctx, hashToken(token))
	if err != nil {
		return "", nil, err
	}
	items, err := store.Agenda(ctx, MeetingFilter{DelegationID: d.ID, Viewer: &Viewer{DelegationID: d.ID}})
	if err != nil {
		return "", nil, err
	}
	return d.Name + " — summit agenda", calendarEvents(items), nil
}

// PublicFeed returns the public programme: the confirmed public meetings.
func PublicFeed(ctx context.Context, store Store) (string, []CalendarEvent, error) {
	name := "Summit programme"
	if s, err := store.Summit(ctx); err == nil {
		name = s.Name
	}
	items, err := store.Agenda(ctx, MeetingFilter{Public: true})
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
		out[i] = CalendarEvent{UID: it.ID, Sequence: it.Version - 1, Stamp: it.UpdatedAt, Start: it.StartsAt, End: it.EndsAt,
			Summary: it.Title, Location: strings.Join(place, ", "), Cancelled: it.Status == "cancelled", Tentative: it.Status == "draft"}
	}
	return out
}
