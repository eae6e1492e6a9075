package domain

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// BookingRepos are what booking a meeting reads and writes: the people,
// rooms, venues and summit the rules look at, the meetings, the bilateral
// requests they hold, the idempotency records and the audit trail.
type BookingRepos interface {
	ProblemRepos
	RequestRepo
	IdempotencyRepo
	NoticeQueue
}

// booking is one meeting to write in a transaction: a new one when Old is
// nil, else a change of Old.
type booking struct {
	Old     *Meeting
	Meeting *Meeting
	Idem    *Idempotency // with a key: remembered, so that a retry gets this meeting
	// Scope, when set, collects the meetings whose problems the write may
	// change, for the caller to recheck once after several writes; when nil,
	// book rechecks them itself.
	Scope *scope
}

// book is the one way a meeting is written: it resolves the people the
// meeting holds, checks every rule against the other bookings inside the
// write transaction (ECONFLICT listing every conflict that is not allowed),
// checks the bilateral request it is to hold (checkLink), writes the
// meeting, its audit entry (create, update or cancel, with the overrides
// used), the requests it takes or lets go of (relink) and its idempotency
// record, the notices it sets off (noticeMeeting), and brings the problems
// of the meetings near its old and new place up to date. Create, update, confirm, shift and applying a proposal
// all book through it.
func (c Clock) book(ctx context.Context, tx BookingRepos, actor Actor, b booking) error {
	m := b.Meeting
	attendees, dels, err := resolveAttendees(ctx, tx, m.Participants)
	if err != nil {
		return err
	}
	var sc scope
	if b.Old != nil {
		if sc.ids, err = neighboursOf(ctx, tx, *b.Old); err != nil {
			return err
		}
	}
	if err := checkLink(ctx, tx, actor, b.Old, m); err != nil {
		return err
	}
	protocolOrder(m.Participants, dels)
	res, err := check(ctx, tx, *m, attendees, dels)
	if err != nil {
		return err
	}
	if len(res.Conflicts) > 0 {
		return conflictError(res.Conflicts)
	}
	action := "create"
	if b.Old == nil {
		err = tx.CreateMeeting(ctx, m, attendees)
	} else {
		action = "update"
		if m.Status == MeetingCancelled && b.Old.Status != MeetingCancelled {
			action = "cancel"
		}
		err = tx.UpdateMeeting(ctx, m, attendees)
	}
	if err != nil {
		return err
	}
	if err := remember(ctx, tx, actor, b.Idem, 201, m.ID); err != nil {
		return err
	}
	var before any
	if b.Old != nil {
		before = b.Old
	}
	if err := c.audit(ctx, tx, actor, action, "meeting", m.ID, before, meetingChange{m, UsedAllows(res.Warnings, m.Allow)}); err != nil {
		return err
	}
	if err := c.relink(ctx, tx, actor, b.Old, m); err != nil {
		return err
	}
	if err := c.noticeMeeting(ctx, tx, b.Old, m); err != nil {
		return err
	}
	sc.add(m.ID)
	sc.add(res.near...)
	if b.Scope != nil {
		b.Scope.add(sc.ids...)
		return nil
	}
	_, err = c.recheck(ctx, tx, actor, sc)
	return err
}

// neighboursOf returns the ids of the bookings that can break a rule with
// the stored meeting m where it stands: those whose problems may change
// when m moves, changes or goes.
func neighboursOf(ctx context.Context, tx BookingRepos, m Meeting) ([]string, error) {
	if m.Status == MeetingCancelled {
		return nil, nil
	}
	attendees, err := tx.AttendeesOf(ctx, []string{m.ID})
	if err != nil {
		return nil, err
	}
	in, margin, err := ruleInput(ctx, tx, m, attendees[m.ID], nil)
	if err != nil {
		return nil, err
	}
	bs, err := bookingsAround(ctx, tx, in, m.StartsAt, m.EndsAt, margin)
	ids := make([]string, len(bs))
	for i, b := range bs {
		ids[i] = b.MeetingID
	}
	return ids, err
}

// checkLink checks, before m is written over old (nil for a new meeting),
// the bilateral request m is to hold: it exists and the actor may see it,
// it is accepted (or scheduled with m already), and both its delegations
// take part in m; EINVALID naming request_id otherwise, ECONFLICT when
// another meeting holds it. A cancelled meeting holds no request:
// cancelling one lets go of its request.
func checkLink(ctx context.Context, tx BookingRepos, actor Actor, old, m *Meeting) error {
	if m.Status == MeetingCancelled && m.RequestID != "" {
		if old == nil || old.RequestID != m.RequestID {
			return linkError("a cancelled meeting holds no request")
		}
		m.RequestID = ""
	}
	if m.RequestID == "" {
		return nil
	}
	r, err := tx.RequestByID(ctx, m.RequestID)
	if ErrorCode(err) == ENOTFOUND || err == nil && !canSeeRequest(actor, r) {
		return linkError("no request " + m.RequestID)
	} else if err != nil {
		return err
	}
	switch {
	case r.Status == RequestScheduled && m.ID != "" && r.MeetingID == m.ID:
	case r.Status == RequestScheduled:
		return Errorf(ECONFLICT, "Request %s is scheduled with another meeting (%s); cancel that meeting or unlink it first.", r.ID, r.MeetingID)
	case r.Status != RequestAccepted:
		return linkError(fmt.Sprintf("request %s is %s; only an accepted request can be booked", r.ID, r.Status))
	}
	if !takesPart(m, r.FromDelegationID) || !takesPart(m, r.ToDelegationID) {
		return linkError(fmt.Sprintf("request %s is between delegations that do not both take part in this meeting", r.ID))
	}
	return nil
}

// takesPart reports whether the delegation with id is a participant of m.
func takesPart(m *Meeting, id string) bool {
	return slices.ContainsFunc(m.Participants, func(p Participant) bool { return p.DelegationID == id })
}

// linkError is the 422 naming request_id.
func linkError(msg string) error {
	return &Error{Code: EINVALID, Message: "The request has invalid fields.", Fields: []FieldError{{Field: "request_id", Message: msg}}}
}

// relink moves the request link after old became m (m nil: old was
// deleted), in the same transaction: the request old held and m does not
// returns to accepted with no meeting (audited "unscheduled"); the one m
// newly holds becomes scheduled with m (audited "scheduled"). Each change
// bumps the request's version.
func (c Clock) relink(ctx context.Context, tx BookingRepos, actor Actor, old, m *Meeting) error {
	var was, now string
	if old != nil {
		was = old.RequestID
	}
	if m != nil {
		now = m.RequestID
	}
	if was == now {
		return nil
	}
	if was != "" {
		r, err := tx.RequestByID(ctx, was)
		if ErrorCode(err) == ENOTFOUND {
			r = nil // gone with its delegation
		} else if err != nil {
			return err
		}
		if r != nil && r.Status == RequestScheduled && r.MeetingID == old.ID {
			if err := c.moveRequest(ctx, tx, actor, r, RequestAccepted, "", "unscheduled"); err != nil {
				return err
			}
		}
	}
	if now == "" {
		return nil
	}
	r, err := tx.RequestByID(ctx, now)
	if err != nil {
		return err
	}
	return c.moveRequest(ctx, tx, actor, r, RequestScheduled, m.ID, "scheduled")
}

// moveRequest saves r with status and meetingID and audits it as action.
func (c Clock) moveRequest(ctx context.Context, tx BookingRepos, actor Actor, r *BilateralRequest, status RequestStatus, meetingID, action string) error {
	before := *r
	r.Status, r.MeetingID = status, meetingID
	if err := tx.UpdateRequest(ctx, r); err != nil {
		return err
	}
	return c.audit(ctx, tx, actor, action, "bilateral_request", r.ID, &before, r)
}

// resolveAttendees returns the people a meeting holds: each participant's
// named members, or its head. Unknown delegations and members that are not
// of their delegation are EINVALID.
func resolveAttendees(ctx context.Context, tx DelegationReader, participants []Participant) ([]Attendee, map[string]Delegation, error) {
	var v Validation
	var out []Attendee
	dels := map[string]Delegation{}
	for _, p := range participants {
		d, err := tx.DelegationByID(ctx, p.DelegationID)
		if ErrorCode(err) == ENOTFOUND {
			v.Add("participants", "no delegation %s", p.DelegationID)
			continue
		} else if err != nil {
			return nil, nil, err
		}
		dels[d.ID] = *d
		if len(p.MemberIDs) == 0 {
			head, err := tx.HeadOf(ctx, d.ID)
			if ErrorCode(err) == ENOTFOUND {
				v.Add("participants", "delegation %s has no head; name its members", d.Code)
				continue
			} else if err != nil {
				return nil, nil, err
			}
			out = append(out, Attendee{MemberID: head.ID, DelegationID: d.ID, Name: head.FullName, IsHead: true})
			continue
		}
		for _, id := range p.MemberIDs {
			m, err := tx.MemberByID(ctx, id)
			if err != nil || m.DelegationID != d.ID {
				v.Add("participants", "member %s is not in delegation %s", id, d.Code)
				continue
			}
			out = append(out, Attendee{MemberID: id, DelegationID: d.ID, Name: m.FullName, IsHead: m.IsHead})
		}
	}
	return out, dels, v.Err()
}

// CheckResult is the outcome of the rules for one meeting: what blocks it
// and what an allow overrode; for a dry run that is blocked, the nearest
// times the same meeting would break no rule.
type CheckResult struct {
	Conflicts   []Conflict // blocking
	Warnings    []Conflict // overridden by allow
	Suggestions []Slot
	near        []string // the other bookings looked at
}

// Slot is a time a meeting could take instead.
type Slot struct{ StartsAt, EndsAt time.Time }

// check runs every rule for a meeting in tx and splits the result. A room
// that does not exist is EINVALID.
func check(ctx context.Context, tx BookingRepos, m Meeting, attendees []Attendee, dels map[string]Delegation) (CheckResult, error) {
	in, margin, err := ruleInput(ctx, tx, m, attendees, dels)
	if err != nil || m.Status == MeetingCancelled {
		return CheckResult{}, err
	}
	if in.Others, err = bookingsAround(ctx, tx, in, m.StartsAt, m.EndsAt, margin); err != nil {
		return CheckResult{}, err
	}
	res := judge(in)
	for _, b := range in.Others {
		res.near = append(res.near, b.MeetingID)
	}
	return res, nil
}

// ruleInput gathers what the rules need for m but the other bookings, and
// margin: how far from m another booking can still conflict with it.
func ruleInput(ctx context.Context, tx BookingRepos, m Meeting, attendees []Attendee, dels map[string]Delegation) (RuleInput, time.Duration, error) {
	in := RuleInput{Meeting: m, Attendees: attendees, Delegations: dels, Rooms: map[string]Room{}, Location: time.UTC}
	var margin time.Duration
	if m.RoomID != "" {
		room, err := tx.RoomByID(ctx, m.RoomID)
		if ErrorCode(err) == ENOTFOUND {
			return in, 0, &Error{Code: EINVALID, Message: "The request has invalid fields.", Fields: []FieldError{{Field: "room_id", Message: "no such room"}}}
		} else if err != nil {
			return in, 0, err
		}
		in.Room, in.VenueID = room, room.VenueID
		in.Rooms[room.ID] = *room
		margin = time.Duration(room.ChangeoverMinutes) * time.Minute
	}
	if m.Status == MeetingCancelled {
		return in, margin, nil
	}
	venues, err := tx.ListVenues(ctx)
	if err != nil {
		return in, 0, err
	}
	in.Travel = NewTravelTimes(venues)
	if summit, err := tx.Summit(ctx); err == nil {
		in.Summit = *summit
		if loc, err := time.LoadLocation(summit.Timezone); err == nil {
			in.Location = loc
		}
	} else if ErrorCode(err) != ENOTFOUND {
		return in, 0, err
	}
	// travel_time and rest_time look as far as the longest travel plus the rest.
	var travel time.Duration
	for _, minutes := range in.Travel {
		travel = max(travel, time.Duration(minutes)*time.Minute)
	}
	margin = max(margin, travel+time.Duration(in.Summit.RestMinutes)*time.Minute)
	return in, margin, nil
}

// bookingsAround reads the bookings of in's room and people that may
// conflict with it anywhere between from and to; for daily_limit, when it
// applies, the whole summit day from starts on.
func bookingsAround(ctx context.Context, tx BookingRepos, in RuleInput, from, to time.Time, margin time.Duration) ([]Booking, error) {
	q := BookingQuery{RoomID: in.Meeting.RoomID, From: from.Add(-margin), To: to.Add(margin), ExceptID: in.Meeting.ID}
	if in.Summit.MaxBilateralsPerDay > 0 && in.Meeting.Kind == "bilateral" {
		dayStart, dayEnd, _ := localDay(from.In(in.Location).Format(time.DateOnly), in.Location)
		q.From, q.To = minTime(q.From, dayStart), maxTime(q.To, dayEnd)
	}
	for _, a := range in.Attendees {
		q.MemberIDs = append(q.MemberIDs, a.MemberID)
	}
	return tx.BookingsNear(ctx, q)
}

// judge runs the rules and splits what blocks from what an allow overrode.
func judge(in RuleInput) CheckResult {
	all := CheckMeeting(in)
	res := CheckResult{Conflicts: Blocking(all, in.Meeting.Allow)}
	for _, c := range all {
		if Overridable(c.Rule) && Contains(in.Meeting.Allow, c.Rule) {
			res.Warnings = append(res.Warnings, c)
		}
	}
	return res
}

// SuggestionStep is the grid of suggested times, from the day's start.
const SuggestionStep = 15 * time.Minute

// suggest finds up to n times on m's day, within the summit's working hours
// (its zone), nearest to m's start first, at which m — same room, people,
// length and allows — breaks no rule. One read for the whole day.
func suggest(ctx context.Context, tx BookingRepos, m Meeting, attendees []Attendee, dels map[string]Delegation, n int) ([]Slot, error) {
	in, margin, err := ruleInput(ctx, tx, m, attendees, dels)
	if err != nil {
		return nil, err
	}
	local := m.StartsAt.In(in.Location)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, in.Location)
	from, to := day, day.AddDate(0, 0, 1)
	if ds, err := time.Parse("15:04", in.Summit.DayStarts); err == nil {
		from = time.Date(day.Year(), day.Month(), day.Day(), ds.Hour(), ds.Minute(), 0, 0, in.Location)
	}
	if de, err := time.Parse("15:04", in.Summit.DayEnds); err == nil {
		to = time.Date(day.Year(), day.Month(), day.Day(), de.Hour(), de.Minute(), 0, 0, in.Location)
	}
	length := m.EndsAt.Sub(m.StartsAt)
	if length <= 0 || to.Sub(from) < length {
		return nil, nil
	}
	if in.Others, err = bookingsAround(ctx, tx, in, from, to, margin); err != nil {
		return nil, err
	}
	var starts []time.Time
	for t := from; !t.Add(length).After(to); t = t.Add(SuggestionStep) {
		if !t.Equal(m.StartsAt) {
			starts = append(starts, t)
		}
	}
	distance := func(t time.Time) time.Duration { return max(t.Sub(m.StartsAt), m.StartsAt.Sub(t)) }
	slices.SortStableFunc(starts, func(a, b time.Time) int { return cmp.Compare(distance(a), distance(b)) })
	var out []Slot
	for _, t := range starts {
		in.Meeting.StartsAt, in.Meeting.EndsAt = t.UTC(), t.Add(length).UTC()
		if len(judge(in).Conflicts) == 0 {
			out = append(out, Slot{StartsAt: in.Meeting.StartsAt, EndsAt: in.Meeting.EndsAt})
			if len(out) == n {
				break
			}
		}
	}
	return out, nil
}

// protocolOrder sorts participants in place as protocol lists delegations:
// by precedence, then code (the order the repository reads them back in).
func protocolOrder(ps []Participant, dels map[string]Delegation) {
	slices.SortStableFunc(ps, func(a, b Participant) int {
		da, db := dels[a.DelegationID], dels[b.DelegationID]
		return cmp.Or(cmp.Compare(da.Precedence, db.Precedence), strings.Compare(da.Code, db.Code))
	})
}

// conflictError is the 409 for a meeting that breaks rules.
func conflictError(conflicts []Conflict) error {
	rules := []string{}
	for _, c := range conflicts {
		if !Contains(rules, c.Rule) {
			rules = append(rules, c.Rule)
		}
	}
	return &Error{Code: ECONFLICT, Message: "The meeting breaks scheduling rules: " + strings.Join(rules, ", ") + ".", Conflicts: conflicts}
}

// Idempotency identifies a create request that may be retried.
type Idempotency struct {
	Key, Method, Path, RequestHash string
}

// replay returns the id of what an earlier request with the same key made,
// "" when the key is new or there is none; the key with another request is EINVALID.
func replay(ctx context.Context, tx IdempotencyRepo, actor Actor, idem *Idempotency) (string, error) {
	if idem == nil {
		return "", nil
	}
	rec, err := tx.Idempotency(ctx, actor.UserID, idem.Key)
	if err != nil || rec == nil {
		return "", err
	}
	if rec.RequestHash != idem.RequestHash || rec.Method != idem.Method || rec.Path != idem.Path {
		return "", &Error{Code: EINVALID, Message: "This Idempotency-Key was used for another request.",
			Fields: []FieldError{{Field: "Idempotency-Key", Message: "used for another request"}}}
	}
	return rec.ResourceID, nil
}

// remember saves what a request with an idempotency key made, so that a
// retry gets it again; nothing without a key.
func remember(ctx context.Context, tx IdempotencyRepo, actor Actor, idem *Idempotency, status int, resourceID string) error {
	if idem == nil {
		return nil
	}
	return tx.SaveIdempotency(ctx, &IdempotencyRecord{ActorID: actor.UserID, Key: idem.Key, Method: idem.Method,
		Path: idem.Path, RequestHash: idem.RequestHash, Status: status, ResourceID: resourceID})
}
