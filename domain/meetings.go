package domain

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingInput is a meeting as a caller describes it, for creating or
// changing one (a change replaces every field).
type MeetingInput struct {
	Title              string
	Kind               string
	StartsAt, EndsAt   time.Time
	RoomID             string
	Status             string
	Visibility         string
	Languages          []string
	ExpectedAttendance int
	Participants       []Participant
	Allow              []string
}

// Meetings is the service for the programme: it books meetings under the
// scheduling rules, inside the write transaction.
type Meetings struct {
	Store Store
}

// validateMeeting checks a meeting's fields, naming every bad one.
func validateMeeting(in MeetingInput) error {
	var v Validation
	v.Check(strings.TrimSpace(in.Title) != "" && utf8.RuneCountInString(in.Title) <= 300, "title", "must be 1 to 300 characters")
	v.Check(Contains(MeetingKinds, in.Kind), "kind", "must be one of %s", strings.Join(MeetingKinds, ", "))
	v.Check(Contains(MeetingStatuses, in.Status), "status", "must be one of %s", strings.Join(MeetingStatuses, ", "))
	v.Check(Contains(MeetingVisibilities, in.Visibility), "visibility", "must be one of %s", strings.Join(MeetingVisibilities, ", "))
	v.Check(!in.StartsAt.IsZero(), "starts_at", "is required")
	switch {
	case in.EndsAt.IsZero():
		v.Add("ends_at", "is required")
	case !in.EndsAt.After(in.StartsAt):
		v.Add("ends_at", "must be after starts_at")
	case in.EndsAt.Sub(in.StartsAt) > MaxMeetingLength:
		v.Add("ends_at", "a meeting lasts at most 24 hours")
	}
	v.Check(in.ExpectedAttendance >= 0, "expected_attendance", "must not be negative")
	for _, l := range in.Languages {
		v.Check(l != "" && len(l) <= 16, "languages", "each language is a code such as ru or zh")
	}
	seen := map[string]bool{}
	for i, p := range in.Participants {
		if p.DelegationID == "" {
			v.Add("participants", "participant %d has no delegation_id", i+1)
		}
		if seen[p.DelegationID] {
			v.Add("participants", "delegation %s is listed twice", p.DelegationID)
		}
		seen[p.DelegationID] = true
	}
	for _, rule := range in.Allow {
		switch {
		case !Contains(Rules, rule):
			v.Add("allow", "%q is not a rule", rule)
		case !Overridable(rule):
			v.Add("allow", "%s can never be overridden", rule)
		}
	}
	return v.Err()
}

// resolveAttendees returns the people a meeting holds: each participant's
// named members, or its head. Unknown delegations and members that are not
// of their delegation are EINVALID.
func resolveAttendees(ctx context.Context, tx Repos, participants []Participant) ([]Attendee, map[string]Delegation, error) {
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
			out = append(out, Attendee{MemberID: head.ID, DelegationID: d.ID, Name: head.FullName})
			continue
		}
		for _, id := range p.MemberIDs {
			m, err := tx.MemberByID(ctx, id)
			if err != nil || m.DelegationID != d.ID {
				v.Add("participants", "member %s is not in delegation %s", id, d.Code)
				continue
			}
			out = append(out, Attendee{MemberID: id, DelegationID: d.ID, Name: m.FullName})
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
}

// Slot is a time a meeting could take instead.
type Slot struct{ StartsAt, EndsAt time.Time }

// check runs every rule for a meeting in tx and splits the result. A room
// that does not exist is EINVALID.
func (s Meetings) check(ctx context.Context, tx Repos, m Meeting, attendees []Attendee, dels map[string]Delegation) (CheckResult, error) {
	in, margin, err := ruleInput(ctx, tx, m, attendees, dels)
	if err != nil || m.Status == "cancelled" {
		return CheckResult{}, err
	}
	if in.Others, err = bookingsAround(ctx, tx, in, m.StartsAt, m.EndsAt, margin); err != nil {
		return CheckResult{}, err
	}
	return judge(in), nil
}

// ruleInput gathers what the rules need for m but the other bookings, and
// margin: how far from m another booking can still conflict with it.
func ruleInput(ctx context.Context, tx Repos, m Meeting, attendees []Attendee, dels map[string]Delegation) (RuleInput, time.Duration, error) {
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
	if m.Status == "cancelled" {
		return in, margin, nil
	}
	venues, err := tx.ListVenues(ctx)
	if err != nil {
		return in, 0, err
	}
	in.Travel = NewTravelTimes(venues)
	for _, minutes := range in.Travel {
		margin = max(margin, time.Duration(minutes)*time.Minute)
	}
	if summit, err := tx.Summit(ctx); err == nil {
		in.Summit = *summit
		if loc, err := time.LoadLocation(summit.Timezone); err == nil {
			in.Location = loc
		}
	} else if ErrorCode(err) != ENOTFOUND {
		return in, 0, err
	}
	return in, margin, nil
}

// bookingsAround reads the bookings of in's room and people that may
// conflict with it anywhere between from and to.
func bookingsAround(ctx context.Context, tx Repos, in RuleInput, from, to time.Time, margin time.Duration) ([]Booking, error) {
	q := BookingQuery{RoomID: in.Meeting.RoomID, From: from.Add(-margin), To: to.Add(margin), ExceptID: in.Meeting.ID}
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
func suggest(ctx context.Context, tx Repos, m Meeting, attendees []Attendee, dels map[string]Delegation, n int) ([]Slot, error) {
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

// admit resolves a meeting's people and runs every rule on it in tx; a
// meeting that breaks a rule not allowed is ECONFLICT listing every conflict.
func (s Meetings) admit(ctx context.Context, tx Repos, m Meeting) ([]Attendee, CheckResult, error) {
	attendees, dels, err := resolveAttendees(ctx, tx, m.Participants)
	if err != nil {
		return nil, CheckResult{}, err
	}
	protocolOrder(m.Participants, dels)
	res, err := s.check(ctx, tx, m, attendees, dels)
	if err != nil {
		return nil, CheckResult{}, err
	}
	if len(res.Conflicts) > 0 {
		return nil, res, conflictError(res.Conflicts)
	}
	return attendees, res, nil
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

func (in MeetingInput) meeting() Meeting {
	return Meeting{Title: strings.TrimSpace(in.Title), Kind: in.Kind, StartsAt: in.StartsAt.UTC(), EndsAt: in.EndsAt.UTC(),
		RoomID: in.RoomID, Status: in.Status, Visibility: in.Visibility, Languages: nonNilList(in.Languages),
		ExpectedAttendance: in.ExpectedAttendance, Participants: in.Participants, Allow: nonNilList(in.Allow)}
}

func nonNilList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// meetingAudit is a meeting as its audit entry shows it, with the overrides used.
type meetingAudit struct {
	Meeting
	AllowUsed []string `json:"allow_used,omitempty"`
}

// Check is the dry run of Create (or of Update when id is set): the same
// rules, nothing written.
func (s Meetings) Check(ctx context.Context, actor Actor, id string, in MeetingInput) (CheckResult, error) {
	if err := CanPlan(actor); err != nil {
		return CheckResult{}, err
	}
	if err := validateMeeting(in); err != nil {
		return CheckResult{}, err
	}
	m := in.meeting()
	m.ID = id
	if id != "" {
		if _, err := s.Store.MeetingByID(ctx, id); err != nil {
			return CheckResult{}, err
		}
	}
	attendees, dels, err := resolveAttendees(ctx, s.Store, m.Participants)
	if err != nil {
		return CheckResult{}, err
	}
	res, err := s.check(ctx, s.Store, m, attendees, dels)
	if err == nil && len(res.Conflicts) > 0 {
		res.Suggestions, err = suggest(ctx, s.Store, m, attendees, dels, 3)
	}
	return res, err
}

// Idempotency identifies a create request that may be retried.
type Idempotency struct {
	Key, Method, Path, RequestHash string
}

// Create books a new meeting: validation (EINVALID), the rules inside the
// write transaction (ECONFLICT listing every blocking conflict), the write and
// its audit entry. With an idempotency key, a retry with the same request
// returns the meeting it created; another request with the key is EINVALID.
func (s Meetings) Create(ctx context.Context, actor Actor, in MeetingInput, idem *Idempotency) (*Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	if err := validateMeeting(in); err != nil {
		return nil, err
	}
	m := in.meeting()
	m.CreatedBy = actor.UserID
	var out *Meeting
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		if idem != nil {
			done, err := replay(ctx, tx, actor, idem)
			if err != nil || done != "" {
				if err == nil {
					out, err = tx.MeetingByID(ctx, done)
				}
				return err
			}
		}
		attendees, res, err := s.admit(ctx, tx, m)
		if err != nil {
			return err
		}
		if err := tx.CreateMeeting(ctx, &m, attendees); err != nil {
			return err
		}
		if idem != nil {
			if err := tx.SaveIdempotency(ctx, &IdempotencyRecord{ActorID: actor.UserID, Key: idem.Key, Method: idem.Method,
				Path: idem.Path, RequestHash: idem.RequestHash, Status: 201, ResourceID: m.ID}); err != nil {
				return err
			}
		}
		out = &m
		return Audit(ctx, tx, actor, "create", "meeting", m.ID, nil, meetingAudit{m, UsedAllows(res.Warnings, m.Allow)})
	})
	return out, err
}

// replay returns the id of what an earlier request with the same key made,
// "" when the key is new; the key with another request is EINVALID.
func replay(ctx context.Context, tx Repos, actor Actor, idem *Idempotency) (string, error) {
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

// Update replaces the meeting with id (at version ifMatch, which is
// required) under the same rules as Create.
func (s Meetings) Update(ctx context.Context, actor Actor, id string, in MeetingInput, ifMatch int) (*Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	if ifMatch == 0 {
		return nil, Errorf(EPRECONDREQ, "Send If-Match with the meeting's ETag, so that nobody overwrites another organiser's change.")
	}
	if err := validateMeeting(in); err != nil {
		return nil, err
	}
	var out *Meeting
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		old, err := tx.MeetingByID(ctx, id)
		if err != nil {
			return err
		}
		if old.Version != ifMatch {
			return Errorf(EPRECONDITION, "The meeting was changed by someone else since you read it (now version %d); reload and try again.", old.Version)
		}
		m := in.meeting()
		m.ID, m.Version, m.CreatedBy, m.CreatedAt = id, old.Version, old.CreatedBy, old.CreatedAt
		if err := s.replace(ctx, tx, actor, old, &m); err != nil {
			return err
		}
		out = &m
		return nil
	})
	return out, err
}

// Confirm turns draft meetings into confirmed ones, all in one transaction
// (organisers), each checked against every rule again: when one is unknown,
// cancelled or now breaks a rule, nothing changes. Meetings confirmed
// already are left as they are, so a retry does no harm.
func (s Meetings) Confirm(ctx context.Context, actor Actor, ids []string) ([]Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var v Validation
	v.Check(len(ids) >= 1 && len(ids) <= 500, "meeting_ids", "must list 1 to 500 meetings")
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []Meeting
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		out = out[:0]
		for _, id := range ids {
			old, err := tx.MeetingByID(ctx, id)
			if ErrorCode(err) == ENOTFOUND {
				v.Add("meeting_ids", "no meeting %s", id)
				continue
			} else if err != nil {
				return err
			}
			switch old.Status {
			case "confirmed":
				out = append(out, *old)
				continue
			case "cancelled":
				v.Add("meeting_ids", "meeting %s is cancelled", id)
				continue
			}
			m := *old
			m.Status = "confirmed"
			if err := s.replace(ctx, tx, actor, old, &m); err != nil {
				return err
			}
			out = append(out, m)
		}
		return v.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// replace writes m over old in tx after every rule (ECONFLICT when one is
// broken), with its audit entry: a cancel when m cancels old, else an update.
func (s Meetings) replace(ctx context.Context, tx Repos, actor Actor, old, m *Meeting) error {
	attendees, res, err := s.admit(ctx, tx, *m)
	if err != nil {
		return err
	}
	if err := tx.UpdateMeeting(ctx, m, attendees); err != nil {
		return err
	}
	action := "update"
	if m.Status == "cancelled" && old.Status != "cancelled" {
		action = "cancel"
	}
	return Audit(ctx, tx, actor, action, "meeting", m.ID, old, meetingAudit{*m, UsedAllows(res.Warnings, m.Allow)})
}

// Delete removes the meeting with id at version ifMatch (required).
func (s Meetings) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	if ifMatch == 0 {
		return Errorf(EPRECONDREQ, "Send If-Match with the meeting's ETag, so that nobody deletes another organiser's change.")
	}
	return s.Store.WithTx(ctx, func(tx Repos) error {
		old, err := tx.MeetingByID(ctx, id)
		if err != nil {
			return err
		}
		if old.Version != ifMatch {
			return Errorf(EPRECONDITION, "The meeting was changed by someone else since you read it; reload and try again.")
		}
		if err := tx.DeleteMeeting(ctx, id); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "delete", "meeting", id, old, nil)
	})
}

// Get returns the meeting with id when the actor may see it (ENOTFOUND otherwise).
func (s Meetings) Get(ctx context.Context, actor Actor, id string) (*Meeting, error) {
	m, err := s.Store.MeetingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanSeeMeeting(actor, m) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	return m, nil
}

// List returns one page of the meetings the actor may see.
func (s Meetings) List(ctx context.Context, actor Actor, f MeetingFilter, p Page) ([]Meeting, string, error) {
	f.Viewer = ViewerOf(actor)
	return s.Store.ListMeetings(ctx, f, p)
}

// AgendaQuery asks for an agenda: by delegation, room, member and/or local date.
type AgendaQuery struct {
	DelegationID, RoomID, MemberID string
	Date                           string // 2006-01-02 in the summit's time zone
}

// Agenda returns the ordered items the actor may see. A delegate may ask for
// its own delegation's members only (another delegation's member is ENOTFOUND).
func (s Meetings) Agenda(ctx context.Context, actor Actor, q AgendaQuery) ([]AgendaItem, error) {
	f := MeetingFilter{DelegationID: q.DelegationID, RoomID: q.RoomID, MemberID: q.MemberID, Viewer: ViewerOf(actor)}
	if q.MemberID != "" {
		m, err := s.Store.MemberByID(ctx, q.MemberID)
		if err != nil || !CanSeeMembers(actor, m.DelegationID) {
			return nil, Errorf(ENOTFOUND, "No such member.")
		}
	}
	if q.Date != "" {
		loc := time.UTC
		if summit, err := s.Store.Summit(ctx); err == nil {
			if l, err := time.LoadLocation(summit.Timezone); err == nil {
				loc = l
			}
		}
		day, err := time.ParseInLocation("2006-01-02", q.Date, loc)
		if err != nil {
			return nil, &Error{Code: EMALFORMED, Message: "date must be a date such as 2024-07-04.",
				Fields: []FieldError{{Field: "date", Message: "must be YYYY-MM-DD"}}}
		}
		f.From, f.To = day, day.AddDate(0, 0, 1)
	}
	return s.Store.Agenda(ctx, f)
}
