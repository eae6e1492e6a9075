package domain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"summit/domain/scheduler"
)

// ProposalParams is what an organiser asks the scheduler for.
type ProposalParams struct {
	ID                 string // the proposal's id to be; "" for a new one
	From, To           time.Time
	RoomIDs            []string // empty: every room with the bilateral layout
	RequestIDs         []string // empty: every accepted, unscheduled request
	TimeLimit          time.Duration
	ExpectedAttendance int // seats a bilateral needs (0: 8)
}

// Proposal is a stored plan for bilateral requests: where and when each would
// meet. Applying it books the meetings.
type Proposal struct {
	ID        string
	CreatedBy string
	CreatedAt time.Time
	AppliedAt *time.Time
	Params    ProposalParams
	// Status is running (Begin stored it, Run is solving it), ready or failed.
	Status      ProposalStatus
	Done, Total int       // progress while running
	Error       string    // why it failed
	UpdatedAt   time.Time // the last progress written while running
	Plan        scheduler.Plan
	// Basis is what the plan relies on: each request's version when planned.
	Basis map[string]int
	// MeetingIDs are the meetings applying it made.
	MeetingIDs []string
	// Languages and Seats per request, as planned, for the meetings it books.
	Languages map[string][]string
	Seats     map[string]int
	names     *strings.Replacer // member ids to names, while it is made
}

// ProposalRepos are what the scheduler's proposals read and write: the
// requests and rooms they plan, the bookings they plan around, and the
// proposals; applying one books meetings.
type ProposalRepos interface {
	BookingRepos
	RequestRepo
	ProposalRepo
}

// ProposalStore is what the proposals service keeps its data in.
type ProposalStore interface {
	ProposalRepos
	Transactor[ProposalRepos]
}

// Proposals builds, stores and applies scheduler proposals (organisers).
type Proposals struct {
	Store ProposalStore
	Clock Clock
}

// State is where a stored proposal stands at now, and why it failed:
// applied once applied; failed when it failed or when its run went without
// news for AbandonedAfter (the instance running it stopped).
func (p *Proposal) State(now time.Time) (ProposalStatus, string) {
	switch {
	case p.AppliedAt != nil:
		return ProposalApplied, ""
	case p.Status == ProposalRunning && now.Sub(p.UpdatedAt) > AbandonedAfter:
		return ProposalFailed, "The server running this proposal stopped before it finished; run it again."
	}
	return p.Status, p.Error
}

// Propose builds the scheduling problem from the database — accepted,
// unscheduled requests; rooms; draft and confirmed meetings as fixed
// commitments; delegations' arrival and departure; heads as attendees; the
// summit's days and working hours — solves it and stores the proposal. No
// meeting is written. progress, when set, is called as the search goes.
func (s Proposals) Propose(ctx context.Context, actor Actor, params ProposalParams, progress func(done, total int)) (*Proposal, error) {
	if err := s.Validate(actor, params); err != nil {
		return nil, err
	}
	prop, err := s.solve(ctx, params, progress, nil)
	if err != nil {
		return nil, err
	}
	prop.ID, prop.CreatedBy, prop.CreatedAt, prop.Params = params.ID, actor.UserID, s.Clock.Now(), params
	if prop.ID == "" {
		prop.ID = NewID()
	}
	prop.Status, prop.UpdatedAt = ProposalReady, prop.CreatedAt
	err = s.Store.WithTx(ctx, func(tx ProposalRepos) error {
		if err := tx.CreateProposal(ctx, prop); err != nil {
			return err
		}
		return s.auditProposal(ctx, tx, actor, prop)
	})
	return prop, err
}

// Begin stores a running proposal for params, which Run then solves; every
// instance sharing the database can answer for it meanwhile.
func (s Proposals) Begin(ctx context.Context, actor Actor, params ProposalParams) (*Proposal, error) {
	if err := s.Validate(actor, params); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	prop := &Proposal{ID: params.ID, CreatedBy: actor.UserID, CreatedAt: now, UpdatedAt: now, Params: params, Status: ProposalRunning,
		Plan: scheduler.Plan{Placements: []scheduler.Placement{}, Unplaced: []scheduler.Unplaced{}}}
	if prop.ID == "" {
		prop.ID = NewID()
	}
	return prop, s.Store.WithTx(ctx, func(tx ProposalRepos) error { return tx.CreateProposal(ctx, prop) })
}

// ProgressEvery is how often Run writes a running proposal's progress.
const ProgressEvery = 2 * time.Second

// AbandonedAfter is how long a running proposal may go without news before
// it counts as failed: the instance running it stopped.
const AbandonedAfter = 30 * time.Second

// Run solves a proposal that Begin stored, writing its progress every
// ProgressEvery, and stores the outcome: ready with its plan, or failed with
// the reason, which it also returns. When ctx ends the search stops early
// and the best plan found so far is stored; the writes themselves outlive ctx.
func (s Proposals) Run(ctx context.Context, actor Actor, prop *Proposal) error {
	store := context.WithoutCancel(ctx)
	var done, total, best, bound atomic.Int64
	save := func(p *Proposal) error {
		return s.Store.WithTx(store, func(tx ProposalRepos) error {
			if err := tx.SaveProposal(store, p); err != nil {
				return err
			}
			if p.Status == ProposalReady {
				return s.auditProposal(store, tx, actor, p)
			}
			return nil
		})
	}
	stop := make(chan struct{})
	ticked := make(chan struct{})
	go func() {
		defer close(ticked)
		t := time.NewTicker(ProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				p := *prop
				p.Done, p.Total, p.UpdatedAt = int(done.Load()), int(total.Load()), s.Clock.Now()
				// The best plan so far and the bound, for "best so far N of at most M".
				p.Plan.Objective, p.Plan.Stats.UpperBound = int(best.Load()), int(bound.Load())
				save(&p) // a missed beat is made up by the next one
			}
		}
	}()
	solved, err := s.solve(ctx, prop.Params, func(d, t int) { done.Store(int64(d)); total.Store(int64(t)) },
		func(objective, upper int) { best.Store(int64(objective)); bound.Store(int64(upper)) })
	close(stop)
	<-ticked
	final := *prop
	final.UpdatedAt = s.Clock.Now()
	if err != nil {
		final.Status, final.Error = ProposalFailed, ErrorMessage(err)
		if serr := save(&final); serr != nil {
			return serr
		}
		return err
	}
	final.Status, final.Done, final.Total = ProposalReady, int(total.Load()), int(total.Load())
	final.Plan, final.Basis, final.Languages, final.Seats = solved.Plan, solved.Basis, solved.Languages, solved.Seats
	*prop = final
	return save(prop)
}

// solve builds the problem for params from the database and solves it.
// best, when set, hears of the best objective so far and the upper bound.
func (s Proposals) solve(ctx context.Context, params ProposalParams, progress func(done, total int), best func(objective, bound int)) (*Proposal, error) {
	if params.TimeLimit == 0 {
		params.TimeLimit = 10 * time.Second
	}
	if params.ExpectedAttendance == 0 {
		params.ExpectedAttendance = 8
	}
	// The problem is read in full even when ctx ends meanwhile: then the
	// search stops at once with the best plan it has.
	problem, prop, err := s.problem(context.WithoutCancel(ctx), params)
	if err != nil {
		return nil, err
	}
	prop.Plan = scheduler.Solve(ctx, problem, scheduler.Options{TimeLimit: params.TimeLimit, Progress: progress, Best: best})
	for i, u := range prop.Plan.Unplaced { // the solver names people by id; an organiser reads names
		prop.Plan.Unplaced[i].Reason = prop.names.Replace(u.Reason)
	}
	return prop, nil
}

func (s Proposals) auditProposal(ctx context.Context, tx AuditAppender, actor Actor, p *Proposal) error {
	return s.Clock.audit(ctx, tx, actor, "propose", "proposal", p.ID, nil, map[string]any{
		"placed": len(p.Plan.Placements), "unplaced": len(p.Plan.Unplaced), "objective": p.Plan.Objective})
}

// Validate tells whether actor may propose with params and whether they are
// well formed, before any work (Propose checks it again).
func (s Proposals) Validate(actor Actor, params ProposalParams) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	var v Validation
	v.Check(!params.From.IsZero(), "from", "is required")
	v.Check(!params.To.IsZero() && params.To.After(params.From), "to", "must be after from")
	v.Check(params.To.Sub(params.From) <= 31*24*time.Hour, "to", "plan at most 31 days at once")
	v.Check(params.TimeLimit >= 0 && params.TimeLimit <= 2*time.Minute, "time_limit_seconds", "must be 0 to 120")
	v.Check(params.ExpectedAttendance >= 0 && params.ExpectedAttendance <= MaxSeats, "expected_attendance", "must be 0 to %d", MaxSeats)
	v.Check(len(params.RoomIDs) <= 1000, "room_ids", "at most %d items", 1000)
	v.Check(len(params.RequestIDs) <= 5000, "request_ids", "at most %d items", 5000)
	return v.Err()
}

// problem reads the database into a scheduling problem, and the proposal
// to be: what it relies on and the names of the people it seats.
func (s Proposals) problem(ctx context.Context, params ProposalParams) (*scheduler.Problem, *Proposal, error) {
	p := &scheduler.Problem{GranularityMinutes: 15}
	var err error
	if p.Windows, err = s.windows(ctx, params); err != nil {
		return nil, nil, err
	}
	if p.Venues, p.Rooms, err = s.places(ctx, params); err != nil {
		return nil, nil, err
	}
	horizon := 24 * time.Hour // commitments this close to the period still matter for travel
	var bilaterals []Booking
	if p.Busy, bilaterals, err = s.commitments(ctx, params.From.Add(-horizon), params.To.Add(horizon), p.Rooms); err != nil {
		return nil, nil, err
	}
	prop, err := s.requests(ctx, params, horizon, p)
	if err != nil {
		return nil, nil, err
	}
	if err := s.humane(ctx, p, bilaterals); err != nil {
		return nil, nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, nil, fmt.Errorf("scheduling problem from the database: %w", err)
	}
	return p, prop, nil
}

// windows are the summit's working hours, day by day, within the period.
func (s Proposals) windows(ctx context.Context, params ProposalParams) ([]scheduler.Interval, error) {
	summit, err := s.Store.Summit(ctx)
	if err != nil {
		return nil, Errorf(EINVALID, "Set the summit's dates and working hours first (PUT /summit).")
	}
	loc, err := time.LoadLocation(summit.Timezone)
	if err != nil {
		return nil, err
	}
	var windows []scheduler.Interval
	first, _ := time.ParseInLocation("2006-01-02", summit.StartsOn, loc)
	last, _ := time.ParseInLocation("2006-01-02", summit.EndsOn, loc)
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		from, _ := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+summit.DayStarts, loc)
		to, _ := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+summit.DayEnds, loc)
		from, to = maxTime(from, params.From), minTime(to, params.To)
		if to.After(from) {
			windows = append(windows, scheduler.Interval{From: from.UTC(), To: to.UTC()})
		}
	}
	if len(windows) == 0 {
		return nil, &Error{Code: EINVALID, Message: "The period has no working hours of the summit.",
			Fields: []FieldError{{Field: "from", Message: "from–to must overlap the summit's days and working hours"}}}
	}
	return windows, nil
}

// places are every venue, with travel times, and the rooms to plan: those
// params name, or else every room with the bilateral layout.
func (s Proposals) places(ctx context.Context, params ProposalParams) ([]scheduler.Venue, []scheduler.Room, error) {
	venues, err := s.Store.ListVenues(ctx)
	if err != nil {
		return nil, nil, err
	}
	var vs []scheduler.Venue
	for _, v := range venues {
		vs = append(vs, scheduler.Venue{ID: v.ID, TravelMinutes: v.TravelMinutes})
	}
	rooms, err := s.Store.ListRooms(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	var rs []scheduler.Room
	known := map[string]bool{}
	for _, r := range rooms {
		known[r.ID] = true
		if len(params.RoomIDs) > 0 && !Contains(params.RoomIDs, r.ID) || len(params.RoomIDs) == 0 && r.Layout != "bilateral" {
			continue
		}
		rs = append(rs, scheduler.Room{ID: r.ID, VenueID: r.VenueID, Capacity: r.Capacity,
			InterpretationLanguages: r.InterpretationLanguages, ChangeoverMinutes: r.ChangeoverMinutes})
	}
	for _, id := range params.RoomIDs {
		if !known[id] {
			return nil, nil, &Error{Code: EINVALID, Message: "The request has invalid fields.", Fields: []FieldError{{Field: "room_ids", Message: "no room " + id}}}
		}
	}
	return vs, rs, nil
}

// commitments are the draft and confirmed meetings between from and to, as
// time their people (and, in the planned rooms, their rooms) are busy.
// It returns the bilateral ones too, for the daily limit.
func (s Proposals) commitments(ctx context.Context, from, to time.Time, planned []scheduler.Room) ([]scheduler.Busy, []Booking, error) {
	bookings, err := s.Store.Bookings(ctx, from, to)
	if err != nil {
		return nil, nil, err
	}
	var bilaterals []Booking
	inPlan := map[string]bool{}
	for _, r := range planned {
		inPlan[r.ID] = true
	}
	var busy []scheduler.Busy
	for _, b := range bookings {
		x := scheduler.Busy{PersonIDs: b.MemberIDs, VenueID: b.VenueID, From: b.StartsAt, To: b.EndsAt}
		if inPlan[b.RoomID] {
			x.RoomID = b.RoomID
		}
		if len(x.PersonIDs) > 0 || x.RoomID != "" {
			busy = append(busy, x)
		}
		if b.Kind == "bilateral" {
			bilaterals = append(bilaterals, b)
		}
	}
	return busy, bilaterals, nil
}

// humane passes the summit's rest_minutes and max_bilaterals_per_day to the
// problem. The problem's windows are the summit days (their working hours
// within the period), so the daily limit becomes each seated head's
// max_placements_per_window, less the bilaterals the head already has.
// The problem file allows one cap per person, not one per day, so the count
// is taken conservatively: a day on which the head already has the limit (or
// more) is taken out of the head's availability, and the cap is the limit
// less the count of the busiest remaining day. No day then exceeds the
// limit; on lighter days the head may get fewer than the limit would allow.
func (s Proposals) humane(ctx context.Context, p *scheduler.Problem, bilaterals []Booking) error {
	summit, err := s.Store.Summit(ctx)
	if err != nil {
		return err
	}
	p.RestMinutes = summit.RestMinutes
	limit := summit.MaxBilateralsPerDay
	if limit <= 0 {
		return nil
	}
	loc, err := time.LoadLocation(summit.Timezone)
	if err != nil {
		return err
	}
	dayOf := func(t time.Time) string { return t.In(loc).Format(time.DateOnly) }
	heads := map[string]bool{}
	for _, q := range p.Requests {
		for _, id := range q.Attendees {
			heads[id] = true
		}
	}
	held := map[string]map[string]int{} // member id → day → bilaterals already held
	for _, b := range bilaterals {
		for _, id := range b.MemberIDs {
			if heads[id] {
				if held[id] == nil {
					held[id] = map[string]int{}
				}
				held[id][dayOf(b.StartsAt)]++
			}
		}
	}
	for i := range p.People {
		person := &p.People[i]
		if !heads[person.ID] {
			continue
		}
		busiest := 0
		var open []scheduler.Interval // the windows of the days still below the limit
		for _, w := range p.Windows {
			if n := held[person.ID][dayOf(w.From)]; n < limit {
				busiest = max(busiest, n)
				open = append(open, w)
			}
		}
		if len(open) < len(p.Windows) {
			person.Available = intersectIntervals(person.Available, open)
			if len(person.Available) == 0 { // empty would mean always: a moment outside every window instead
				first := p.Windows[0].From
				person.Available = []scheduler.Interval{{From: first.Add(-2 * time.Minute), To: first.Add(-time.Minute)}}
			}
		}
		c := limit - busiest
		person.MaxPlacementsPerWindow = &c
	}
	return nil
}

// intersectIntervals intersects availability (nil: always) with windows.
func intersectIntervals(avail, windows []scheduler.Interval) []scheduler.Interval {
	if avail == nil {
		return slices.Clone(windows)
	}
	var out []scheduler.Interval
	for _, a := range avail {
		for _, w := range windows {
			from, to := maxTime(a.From, w.From), minTime(a.To, w.To)
			if to.After(from) {
				out = append(out, scheduler.Interval{From: from, To: to})
			}
		}
	}
	return out
}

// acceptedRequests reads every accepted request, page by page.
func (s Proposals) acceptedRequests(ctx context.Context) ([]BilateralRequest, error) {
	var requests []BilateralRequest
	for cursor := ""; ; {
		page, next, err := s.Store.ListRequests(ctx, RequestFilter{Status: RequestAccepted}, Page{Limit: 500, Cursor: cursor})
		if err != nil {
			return nil, err
		}
		requests = append(requests, page...)
		if next == "" {
			return requests, nil
		}
		cursor = next
	}
}

// requests adds to p the accepted, unscheduled requests that params ask for
// (all when they name none), seating each delegation's head, and the people
// they and p's commitments hold; it returns the proposal to be.
func (s Proposals) requests(ctx context.Context, params ProposalParams, horizon time.Duration, p *scheduler.Problem) (*Proposal, error) {
	requests, err := s.acceptedRequests(ctx)
	if err != nil {
		return nil, err
	}
	prop := &Proposal{Basis: map[string]int{}, Languages: map[string][]string{}, Seats: map[string]int{}}
	people := map[string]bool{}
	var names []string // member id, "Name (CODE)", …
	for _, r := range requests {
		if r.MeetingID != "" || len(params.RequestIDs) > 0 && !Contains(params.RequestIDs, r.ID) {
			continue
		}
		q := scheduler.Request{ID: r.ID, DurationMinutes: r.DurationMinutes, Priority: r.Priority,
			ExpectedAttendance: params.ExpectedAttendance, Earliest: r.Earliest, Latest: r.Latest}
		var spoken [][]string
		for _, delID := range []string{r.FromDelegationID, r.ToDelegationID} {
			d, head, err := s.head(ctx, delID)
			if err != nil {
				return nil, err
			}
			q.Attendees = append(q.Attendees, head.ID)
			spoken = append(spoken, d.Languages)
			if !people[head.ID] {
				people[head.ID] = true
				names = append(names, head.ID, head.FullName+" ("+d.Code+")")
				p.People = append(p.People, scheduler.Person{ID: head.ID, Available: presence(d, params.From.Add(-horizon), params.To.Add(horizon))})
			}
		}
		q.Languages = meetingLanguages(spoken[0], spoken[1], p.Rooms)
		p.Requests = append(p.Requests, q)
		prop.Basis[r.ID], prop.Languages[r.ID], prop.Seats[r.ID] = r.Version, q.Languages, q.Seats()
	}
	// Everyone a fixed commitment holds must be a known person.
	for _, b := range p.Busy {
		for _, id := range b.PersonIDs {
			if !people[id] {
				people[id] = true
				p.People = append(p.People, scheduler.Person{ID: id})
			}
		}
	}
	prop.names = strings.NewReplacer(names...)
	return prop, nil
}

// head returns a delegation and its head, whom the scheduler seats.
func (s Proposals) head(ctx context.Context, delegationID string) (*Delegation, *Member, error) {
	d, err := s.Store.DelegationByID(ctx, delegationID)
	if err != nil {
		return nil, nil, err
	}
	head, err := s.Store.HeadOf(ctx, delegationID)
	if err != nil {
		return nil, nil, Errorf(EINVALID, "Delegation %s has no head; the scheduler seats heads.", d.Code)
	}
	return d, head, nil
}

// presence is when a delegation is in town: from its arrival to its
// departure, each defaulting to the edge of from–to; nil when it gave neither.
func presence(d *Delegation, from, to time.Time) []scheduler.Interval {
	if d.ArrivalAt == nil && d.DepartureAt == nil {
		return nil
	}
	if d.ArrivalAt != nil {
		from = *d.ArrivalAt
	}
	if d.DepartureAt != nil {
		to = *d.DepartureAt
	}
	return []scheduler.Interval{{From: from, To: maxTime(to, from)}}
}

// meetingLanguages picks the languages of a bilateral between delegations
// that speak a and b (each in order of preference): one language both speak
// when there is one (no interpretation needed); else the most preferred pair
// that some of the rooms can interpret; else each one's first language.
func meetingLanguages(a, b []string, rooms []scheduler.Room) []string {
	for _, l := range a {
		if Contains(b, l) {
			return []string{l}
		}
	}
	switch {
	case len(a) == 0 && len(b) == 0:
		return []string{}
	case len(a) == 0:
		return b[:1]
	case len(b) == 0:
		return a[:1]
	}
	best, rank := []string{a[0], b[0]}, -1
	for i, la := range a {
		for j, lb := range b {
			if rank >= 0 && i+j >= rank {
				continue
			}
			for _, room := range rooms {
				if Contains(room.InterpretationLanguages, la) && Contains(room.InterpretationLanguages, lb) {
					best, rank = []string{la, lb}, i+j
					break
				}
			}
		}
	}
	return best
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// List returns the latest limit stored proposals, newest first (organisers).
func (s Proposals) List(ctx context.Context, actor Actor, limit int) ([]Proposal, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.ListProposals(ctx, limit)
}

// Get returns a stored proposal (organisers).
func (s Proposals) Get(ctx context.Context, actor Actor, id string) (*Proposal, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.ProposalByID(ctx, id)
}

// Apply books every placement of a proposal as a draft meeting and marks its
// requests scheduled, all in one transaction that checks every rule again.
// When anything the proposal relies on changed since it was made (a request,
// or a meeting now in the way), it books nothing and answers ECONFLICT. A
// retry with the same idempotency key gets the meetings of the first apply.
func (s Proposals) Apply(ctx context.Context, actor Actor, id string, idem *Idempotency) ([]string, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out []string
	err := s.Store.WithTx(ctx, func(tx ProposalRepos) error {
		if done, err := replay(ctx, tx, actor, idem); err != nil || done != "" {
			if err == nil {
				var p *Proposal
				if p, err = tx.ProposalByID(ctx, done); err == nil {
					out = p.MeetingIDs
				}
			}
			return err
		}
		p, err := tx.ProposalByID(ctx, id)
		if err != nil {
			return err
		}
		if p.AppliedAt != nil {
			return Errorf(ECONFLICT, "This proposal was applied already.")
		}
		if p.Status != ProposalReady {
			return Errorf(ECONFLICT, "This proposal is not ready to apply (it is %s).", p.Status)
		}
		if out, err = s.bookPlacements(ctx, tx, actor, p); err != nil {
			return err
		}
		p.MeetingIDs = out
		if ok, err := tx.MarkProposalApplied(ctx, p); err != nil {
			return err
		} else if !ok {
			return Errorf(ECONFLICT, "This proposal was applied already.")
		}
		if err := remember(ctx, tx, actor, idem, 200, p.ID); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "apply", "proposal", p.ID, nil, map[string]any{"meeting_ids": out})
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}

// bookPlacements books each placement of p as a draft bilateral holding
// its request (which book marks scheduled), in tx; the ids of the meetings booked. When a
// request changed since p was made or a placement now breaks a rule, it
// answers ECONFLICT naming all of them (the caller rolls back).
func (s Proposals) bookPlacements(ctx context.Context, tx ProposalRepos, actor Actor, p *Proposal) ([]string, error) {
	var ids, changed []string
	var conflicts []Conflict
	var sc scope
	for _, pl := range p.Plan.Placements {
		r, err := tx.RequestByID(ctx, pl.RequestID)
		if err != nil || r.Version != p.Basis[pl.RequestID] || r.Status != RequestAccepted || r.MeetingID != "" {
			changed = append(changed, pl.RequestID)
			continue
		}
		title, err := bilateralTitle(ctx, tx, r)
		if err != nil {
			return nil, err
		}
		m := Meeting{Title: title, Kind: "bilateral", StartsAt: pl.StartsAt, EndsAt: pl.EndsAt, RoomID: pl.RoomID,
			Status: MeetingDraft, Visibility: "participants", Languages: nonNilList(p.Languages[r.ID]), Allow: []string{},
			ExpectedAttendance: p.Seats[r.ID], CreatedBy: actor.UserID, RequestID: r.ID,
			Participants: []Participant{{DelegationID: r.FromDelegationID}, {DelegationID: r.ToDelegationID}}}
		var blocked *Error
		if err := s.Clock.book(ctx, tx, actor, booking{Meeting: &m, Scope: &sc}); errors.As(err, &blocked) && blocked.Conflicts != nil {
			conflicts = append(conflicts, blocked.Conflicts...)
			continue
		} else if err != nil {
			return nil, err
		}
		ids = append(ids, m.ID)
	}
	if len(changed) > 0 || len(conflicts) > 0 {
		msg := "The proposal is out of date; nothing was booked. Make a new proposal."
		if len(changed) > 0 {
			msg = fmt.Sprintf("%d of its requests changed since it was made (%s); nothing was booked. Make a new proposal.",
				len(changed), strings.Join(changed, ", "))
		}
		return nil, &Error{Code: ECONFLICT, Message: msg, Conflicts: conflicts}
	}
	_, err := s.Clock.recheck(ctx, tx, actor, sc)
	return ids, err
}

// bilateralTitle names a bilateral by its delegations: "Bilateral: Kazakhstan – China".
func bilateralTitle(ctx context.Context, tx DelegationReader, r *BilateralRequest) (string, error) {
	from, err := tx.DelegationByID(ctx, r.FromDelegationID)
	if err != nil {
		return "", err
	}
	to, err := tx.DelegationByID(ctx, r.ToDelegationID)
	if err != nil {
		return "", err
	}
	return "Bilateral: " + from.Name + " – " + to.Name, nil
}
