package domain

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// Reading movements: the world they are derived from, who may see which,
// the transport desk's day sheet, the agenda's movement items and the
// transport problems.

// DefaultArrivalBuffer is the summit's arrival_buffer_minutes until set.
const DefaultArrivalBuffer = 10

// MovementQuery asks for movements: of a delegation ("" for every one the
// caller may see) on Date ("" for every summit day).
type MovementQuery struct {
	DelegationID string
	Date         string // 2006-01-02 in the summit's time zone
}

// load reads what deriving movements needs, for date ("" every summit day).
func loadTransport(ctx context.Context, tx TransportRepos, date string) (transportWorld, error) {
	w := transportWorld{loc: time.UTC, buffer: DefaultArrivalBuffer * time.Minute, venues: map[string]Venue{},
		heads: map[string]string{}, vehicles: map[string]Vehicle{}}
	summit, err := tx.Summit(ctx)
	switch {
	case err == nil:
		if loc, err := time.LoadLocation(summit.Timezone); err == nil {
			w.loc = loc
		}
		w.buffer = time.Duration(summit.ArrivalBufferMinutes) * time.Minute
		if date == "" {
			w.days = summitDays(summit.StartsOn, summit.EndsOn)
		}
	case ErrorCode(err) != ENOTFOUND:
		return w, err
	}
	if date != "" {
		w.days = []string{date}
	}
	venues, err := tx.ListVenues(ctx)
	if err != nil {
		return w, err
	}
	w.travel = NewTravelTimes(venues)
	for _, v := range venues {
		w.venues[v.ID] = v
	}
	err = EachPage(500, func(p Page) ([]Delegation, string, error) { return tx.ListDelegations(ctx, p) },
		func(ds []Delegation) error { w.delegations = append(w.delegations, ds...); return nil })
	if err != nil {
		return w, err
	}
	members, err := tx.ListMembersOf(ctx, nil)
	if err != nil {
		return w, err
	}
	for _, m := range members {
		if m.IsHead {
			w.heads[m.DelegationID] = m.ID
		}
	}
	if w.motorcades, err = tx.Motorcades(ctx); err != nil {
		return w, err
	}
	vehicles, err := tx.ListVehicles(ctx)
	for _, v := range vehicles {
		w.vehicles[v.ID] = v
	}
	return w, err
}

// summitDays lists the dates from one to another, both included (none
// when they do not read as dates).
func summitDays(from, to string) []string {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	var out []string
	for d := a; err1 == nil && err2 == nil && !d.After(b) && len(out) < 366; d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// span is the stretch of time of the world's days.
func (w transportWorld) span() (from, to time.Time, ok bool) {
	if len(w.days) == 0 {
		return from, to, false
	}
	from, _, err1 := localDay(w.days[0], w.loc)
	_, to, err2 := localDay(w.days[len(w.days)-1], w.loc)
	return from, to, err1 == nil && err2 == nil
}

// derive works out the movements of the delegations with ids (nil: all)
// from bookings, in time order.
func (w transportWorld) derive(bookings []Booking, ids []string) []Movement {
	heads := make(map[string]bool, len(w.heads))
	for _, h := range w.heads {
		heads[h] = true
	}
	byPerson := make(map[string][]Booking, len(w.heads))
	for _, b := range bookings {
		for _, p := range b.MemberIDs {
			if heads[p] {
				byPerson[p] = append(byPerson[p], b)
			}
		}
	}
	var out []Movement
	for _, d := range w.delegations {
		head, ok := w.heads[d.ID]
		if !ok || ids != nil && !slices.Contains(ids, d.ID) {
			continue
		}
		out = append(out, DeriveMovements(MovementInput{DelegationID: d.ID, HotelVenueID: d.HotelVenueID, Meetings: byPerson[head],
			Travel: w.travel, ArrivalBuffer: w.buffer, Location: w.loc, Days: w.days, VehicleIDs: nonNilList(w.motorcades[d.ID])})...)
	}
	order := make(map[string]int, len(w.delegations)) // protocol order among movements that leave at once
	for i, d := range w.delegations {
		order[d.ID] = i
	}
	slices.SortFunc(out, func(a, b Movement) int {
		return cmp.Or(a.DepartAt.Compare(b.DepartAt), cmp.Compare(order[a.DelegationID], order[b.DelegationID]), a.ArriveAt.Compare(b.ArriveAt))
	})
	return out
}

// movements works out the movements q asks for as the actor may see them:
// organisers every delegation's (or q's), from every non-cancelled
// meeting; a delegation's delegates its own only (another is ENOTFOUND),
// from the meetings they may see.
func (s Transport) movements(ctx context.Context, actor Actor, q MovementQuery) (transportWorld, []Movement, error) {
	organiser := actor.IsOrganiser() || actor.IsSystem()
	if !organiser {
		if actor.DelegationID == "" {
			return transportWorld{}, nil, errForbidden("see movements")
		}
		if q.DelegationID == "" {
			q.DelegationID = actor.DelegationID
		}
		if q.DelegationID != actor.DelegationID {
			return transportWorld{}, nil, Errorf(ENOTFOUND, "No such delegation.")
		}
	}
	if q.Date != "" {
		if _, err := time.Parse(time.DateOnly, q.Date); err != nil {
			return transportWorld{}, nil, invalidField("date", "must be a date such as 2024-07-03")
		}
	}
	var ids []string
	if q.DelegationID != "" {
		if _, err := s.Store.DelegationByID(ctx, q.DelegationID); err != nil {
			return transportWorld{}, nil, err
		}
		ids = []string{q.DelegationID}
	}
	w, err := loadTransport(ctx, s.Store, q.Date)
	if err != nil {
		return w, nil, err
	}
	from, to, ok := w.span()
	if !ok {
		return w, []Movement{}, nil
	}
	bookings, err := s.Store.Bookings(ctx, from, to)
	if err != nil {
		return w, nil, err
	}
	if !organiser {
		if bookings, err = s.visible(ctx, actor, bookings); err != nil {
			return w, nil, err
		}
	}
	return w, append([]Movement{}, w.derive(bookings, ids)...), nil
}

// visible keeps the bookings of meetings the actor may see.
func (s Transport) visible(ctx context.Context, actor Actor, bookings []Booking) ([]Booking, error) {
	ids := make([]string, len(bookings))
	for i, b := range bookings {
		ids[i] = b.MeetingID
	}
	ms, err := s.Store.MeetingsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i := range ms {
		seen[ms[i].ID] = CanSeeMeeting(actor, &ms[i])
	}
	return slices.DeleteFunc(bookings, func(b Booking) bool { return !seen[b.MeetingID] }), nil
}

// Movements returns the movements q asks for, in time order: organisers
// any delegation's, delegates their own delegation's. A bad date is
// EINVALID naming date.
func (s Transport) Movements(ctx context.Context, actor Actor, q MovementQuery) ([]Movement, error) {
	_, mvs, err := s.movements(ctx, actor, q)
	return mvs, err
}

// MovementSheet is the transport desk's day sheet: every movement of a
// day with the names, cars and drivers it needs, and the problems.
type MovementSheet struct {
	Summit      Summit
	Zone        *time.Location
	Date        string
	Release     int // the latest release; 0 when nothing is released
	PrintedAt   time.Time
	Movements   []Movement
	Venues      map[string]Venue
	Delegations map[string]Delegation
	Vehicles    map[string]Vehicle
	Problems    []Problem
}

// DaySheet gathers the transport desk's day sheet for date (organisers).
func (s Transport) DaySheet(ctx context.Context, actor Actor, date string) (*MovementSheet, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return nil, invalidField("date", "must be a date such as 2024-07-03")
	}
	w, mvs, err := s.movements(ctx, actor, MovementQuery{Date: date})
	if err != nil {
		return nil, err
	}
	sh := &MovementSheet{Zone: w.loc, Date: date, PrintedAt: s.Clock.Now(), Movements: mvs, Venues: w.venues,
		Delegations: map[string]Delegation{}, Vehicles: w.vehicles, Problems: w.movementProblems(mvs)}
	if summit, err := s.Store.Summit(ctx); err == nil {
		sh.Summit = *summit
	}
	if sh.Release, err = s.Store.LatestReleaseNumber(ctx); err != nil {
		return nil, err
	}
	for _, d := range w.delegations {
		sh.Delegations[d.ID] = d
	}
	return sh, nil
}

// Problems works out the transport problems of every summit day as the
// programme stands, each with its meeting (organisers).
func (s Transport) Problems(ctx context.Context, actor Actor) ([]ProblemItem, error) {
	w, mvs, err := s.movements(ctx, actor, MovementQuery{})
	if err != nil {
		return nil, err
	}
	ps := w.movementProblems(mvs)
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.MeetingID
	}
	ms, err := s.Store.MeetingsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]Meeting{}
	for _, m := range ms {
		byID[m.ID] = m
	}
	out := make([]ProblemItem, len(ps))
	for i, p := range ps {
		m := byID[p.MeetingID]
		it := ProblemItem{Problem: p, Title: m.Title, StartsAt: m.StartsAt, EndsAt: m.EndsAt, DelegationIDs: []string{}}
		for _, pt := range m.Participants {
			it.DelegationIDs = append(it.DelegationIDs, pt.DelegationID)
		}
		out[i] = it
	}
	return out, nil
}

// WithMovements adds a delegation's movements (as the actor may see them)
// to its agenda items, as items of kind movement in time order: each with
// its meeting's id, status and version, its English title ("Depart Hilton
// Astana 11:25 → Akorda, arrive 11:50") and its destination as the venue.
// A movement whose meeting is not among items is left out.
func (s Transport) WithMovements(ctx context.Context, actor Actor, delegationID, date string, items []AgendaItem) ([]AgendaItem, error) {
	if !CanSeeMembers(actor, delegationID) {
		return items, nil // another delegation's agenda: its public meetings, not its movements
	}
	w, mvs, err := s.movements(ctx, actor, MovementQuery{DelegationID: delegationID, Date: date})
	if err != nil {
		return nil, err
	}
	byID := map[string]AgendaItem{}
	for _, it := range items {
		byID[it.ID] = it
	}
	out := slices.Clone(items)
	for i := range mvs {
		mv := &mvs[i]
		m, ok := byID[mv.MeetingID]
		if !ok || m.Movement != nil {
			continue
		}
		it := AgendaItem{Meeting: m.Meeting, VenueID: mv.ToVenueID, VenueName: w.venueName(mv.ToVenueID), Movement: mv}
		it.Kind, it.StartsAt, it.EndsAt = "movement", mv.DepartAt, mv.ArriveAt
		it.Title = MovementTitle(w.venueName(mv.FromVenueID), w.venueName(mv.ToVenueID), *mv, w.loc)
		it.Participants, it.RoomID, it.RoomName = nil, "", ""
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b AgendaItem) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(kindOrder(b), kindOrder(a)))
	})
	return out, nil
}

// kindOrder puts a movement before a meeting that starts with it.
func kindOrder(it AgendaItem) int {
	if it.Movement != nil {
		return 1
	}
	return 0
}
