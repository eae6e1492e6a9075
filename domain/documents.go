package domain

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Printed documents of the programme (CONTRACT section 13): a delegation's
// agenda and a room's day. The service gathers what a document shows, as
// the reader may see it; package pdf lays it out.

// DocumentLanguages are the languages documents are written in.
var DocumentLanguages = []string{"en", "ru", "zh", "kk"}

// DocumentRepos are what the documents read.
type DocumentRepos interface {
	SummitReader
	DelegationReader
	VenueReader
	// LatestReleaseNumber returns the newest release's number, 0 when there is none.
	LatestReleaseNumber(ctx context.Context) (int, error)
	// Agenda returns the visible meetings of a filter with their room and venue names, in time order.
	Agenda(ctx context.Context, f MeetingFilter) ([]AgendaItem, error)
	// MeetingsByIDs returns the meetings with the given ids that exist, with their participants.
	MeetingsByIDs(ctx context.Context, ids []string) ([]Meeting, error)
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	// ListMembersOf lists the members of the given delegations, in protocol order, head first.
	ListMembersOf(ctx context.Context, delegationIDs []string) ([]Member, error)
}

// Documents gathers what the printed documents show.
type Documents struct {
	Store DocumentRepos
	Clock Clock
	// Transport adds a delegation's movements to its agenda; unset, there are none.
	Transport Transport
}

// SheetQuery asks for a document: a delegation's agenda (all days, or
// Date's) or a room's day (Date's), in Lang.
type SheetQuery struct {
	DelegationID, RoomID string
	Date                 string // 2006-01-02 in the summit's time zone
	Lang                 string // one of DocumentLanguages; "" is en
}

// Sheet is what a document of the programme shows: the meetings the reader
// may see (never drafts; cancelled ones with their status), in time order,
// with the names they need in every language, the latest release and the
// summit's zone.
type Sheet struct {
	Summit     Summit
	Zone       *time.Location
	Lang       string
	Date       string // the day asked for; "" for every day
	Release    int    // the latest release; 0 when nothing is released
	PrintedAt  time.Time
	Delegation *Delegation // an agenda's delegation
	Room       *Room       // a room day's room
	Venue      *Venue      // and its venue
	Items      []AgendaItem
	// By id: every delegation, room and venue; the members the reader may
	// see of the delegations the items name.
	Delegations map[string]Delegation
	Members     map[string]Member
	Rooms       map[string]Room
	Venues      map[string]Venue
	heads       map[string]Member // by delegation id, of Members
}

// People are the members a participant stands for that the reader may see:
// its named members, else its delegation's head.
func (s *Sheet) People(p Participant) []Member {
	var out []Member
	for _, id := range p.MemberIDs {
		if m, ok := s.Members[id]; ok {
			out = append(out, m)
		}
	}
	if head, ok := s.heads[p.DelegationID]; ok && len(p.MemberIDs) == 0 {
		out = append(out, head)
	}
	return out
}

// Agenda gathers a delegation's agenda: its meetings the actor may see, all
// days or q.Date's. Organisers name the delegation; a delegate gets its own
// (another delegation is ENOTFOUND, as its members are). Bad query
// parameters are EINVALID naming each.
func (s Documents) Agenda(ctx context.Context, actor Actor, q SheetQuery) (*Sheet, error) {
	if q.DelegationID == "" && !actor.IsOrganiser() {
		q.DelegationID = actor.DelegationID
	}
	var v Validation
	v.Check(q.DelegationID != "", "delegation_id", "is required")
	sh, err := s.start(ctx, q, &v, false)
	if err != nil {
		return nil, err
	}
	if !CanSeeMembers(actor, q.DelegationID) {
		return nil, Errorf(ENOTFOUND, "No such delegation.")
	}
	if sh.Delegation, err = s.Store.DelegationByID(ctx, q.DelegationID); err != nil {
		return nil, err
	}
	if err := s.fill(ctx, actor, sh, MeetingFilter{DelegationID: q.DelegationID}); err != nil || s.Transport.Store == nil {
		return sh, err
	}
	sh.Items, err = s.Transport.WithMovements(ctx, actor, q.DelegationID, q.Date, sh.Items)
	return sh, err
}

// RoomDay gathers a room's meetings on q.Date that the actor may see:
// organisers all but drafts, delegates what GET /agenda shows them (public
// meetings and their own delegation's). An unknown room is ENOTFOUND.
func (s Documents) RoomDay(ctx context.Context, actor Actor, q SheetQuery) (*Sheet, error) {
	var v Validation
	sh, err := s.start(ctx, q, &v, true)
	if err != nil {
		return nil, err
	}
	if sh.Room, err = s.Store.RoomByID(ctx, q.RoomID); err != nil {
		return nil, err
	}
	if sh.Venue, err = s.Store.VenueByID(ctx, sh.Room.VenueID); err != nil {
		return nil, err
	}
	return sh, s.fill(ctx, actor, sh, MeetingFilter{RoomID: q.RoomID})
}

// start checks the query's date and language (with whatever v holds
// already) and begins the sheet with the summit, its zone, the latest
// release and the time of printing.
func (s Documents) start(ctx context.Context, q SheetQuery, v *Validation, needDate bool) (*Sheet, error) {
	if q.Lang == "" {
		q.Lang = "en"
	}
	v.Check(Contains(DocumentLanguages, q.Lang), "lang", "must be one of %s", strings.Join(DocumentLanguages, ", "))
	if needDate || q.Date != "" {
		_, err := time.Parse(time.DateOnly, q.Date)
		v.Check(err == nil, "date", "must be a date such as 2024-07-04")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	sh := &Sheet{Lang: q.Lang, Date: q.Date, Zone: time.UTC, PrintedAt: s.Clock.Now()}
	if summit, err := s.Store.Summit(ctx); err == nil {
		sh.Summit = *summit
		if loc, err := time.LoadLocation(summit.Timezone); err == nil {
			sh.Zone = loc
		}
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	var err error
	sh.Release, err = s.Store.LatestReleaseNumber(ctx)
	return sh, err
}

// fill reads the sheet's meetings (f narrowed to its day and to what the
// actor may see, drafts left out) with their participants, and the names
// they need.
func (s Documents) fill(ctx context.Context, actor Actor, sh *Sheet, f MeetingFilter) error {
	f.Viewer = ViewerOf(actor)
	if sh.Date != "" {
		from, to, err := localDay(sh.Date, sh.Zone)
		if err != nil {
			return err
		}
		f.From, f.To = from, to
	}
	items, err := s.Store.Agenda(ctx, f)
	if err != nil {
		return err
	}
	items = slices.DeleteFunc(items, func(it AgendaItem) bool { return it.Status == MeetingDraft })
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	ms, err := s.Store.MeetingsByIDs(ctx, ids)
	if err != nil {
		return err
	}
	parts := make(map[string][]Participant, len(ms))
	for _, m := range ms {
		parts[m.ID] = m.Participants
	}
	for i := range items {
		items[i].Participants = parts[items[i].ID]
	}
	sh.Items = items
	return s.names(ctx, actor, sh)
}

// names reads every delegation, room and venue, and the members the actor
// may see of the agenda's delegation and of those the sheet's meetings name.
func (s Documents) names(ctx context.Context, actor Actor, sh *Sheet) error {
	sh.Delegations, sh.Members = map[string]Delegation{}, map[string]Member{}
	sh.Rooms, sh.Venues = map[string]Room{}, map[string]Venue{}
	err := EachPage(500, func(p Page) ([]Delegation, string, error) { return s.Store.ListDelegations(ctx, p) },
		func(ds []Delegation) error {
			for _, d := range ds {
				sh.Delegations[d.ID] = d
			}
			return nil
		})
	if err != nil {
		return err
	}
	var seen []string
	if sh.Delegation != nil {
		seen = append(seen, sh.Delegation.ID) // for its head
	}
	for _, it := range sh.Items {
		for _, p := range it.Participants {
			if CanSeeMembers(actor, p.DelegationID) && !slices.Contains(seen, p.DelegationID) {
				seen = append(seen, p.DelegationID)
			}
		}
	}
	if len(seen) > 0 {
		members, err := s.Store.ListMembersOf(ctx, seen)
		if err != nil {
			return err
		}
		sh.heads = map[string]Member{}
		for _, m := range members {
			sh.Members[m.ID] = m
			if m.IsHead {
				sh.heads[m.DelegationID] = m
			}
		}
	}
	rooms, err := s.Store.ListRooms(ctx, "")
	if err != nil {
		return err
	}
	for _, r := range rooms {
		sh.Rooms[r.ID] = r
	}
	venues, err := s.Store.ListVenues(ctx)
	for _, v := range venues {
		sh.Venues[v.ID] = v
	}
	return err
}
