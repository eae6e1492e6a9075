package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingStore is what the meetings service keeps its data in.
type MeetingStore interface {
	BookingRepos
	Transactor[BookingRepos]
}

// Meetings is the service for the programme: it books meetings under the
// scheduling rules, inside the write transaction.
type Meetings struct {
	Store MeetingStore
	Clock Clock
}

// MeetingPatch is a change to a meeting: nil fields stay as they are. On
// create it is laid over a new draft meeting visible to its participants.
type MeetingPatch struct {
	Title              *string
	Kind               *string
	StartsAt, EndsAt   *time.Time // a zero time clears it (and fails validation)
	RoomID             *string    // "" for no room
	Status             *MeetingStatus
	Visibility         *string
	Languages          *[]string
	ExpectedAttendance *int
	Participants       *[]Participant
	Allow              *[]string
	RequestID          *string // "" unlinks the meeting from its request
}

// Patch lays p over m.
func (p MeetingPatch) Patch(m *Meeting) {
	setIf(&m.Title, p.Title)
	setIf(&m.Kind, p.Kind)
	setIf(&m.StartsAt, p.StartsAt)
	setIf(&m.EndsAt, p.EndsAt)
	setIf(&m.RoomID, p.RoomID)
	setIf(&m.Status, p.Status)
	setIf(&m.Visibility, p.Visibility)
	setIf(&m.Languages, p.Languages)
	setIf(&m.ExpectedAttendance, p.ExpectedAttendance)
	setIf(&m.Participants, p.Participants)
	setIf(&m.Allow, p.Allow)
	setIf(&m.RequestID, p.RequestID)
	m.Title, m.StartsAt, m.EndsAt = strings.TrimSpace(m.Title), m.StartsAt.UTC(), m.EndsAt.UTC()
	m.Languages, m.Allow = nonNilList(m.Languages), nonNilList(m.Allow)
}

// setIf sets *dst to *v when v is not nil.
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// newMeeting is what a meeting is before a create's patch.
func newMeeting(p MeetingPatch, createdBy string) Meeting {
	m := Meeting{Status: MeetingDraft, Visibility: "participants", CreatedBy: createdBy}
	p.Patch(&m)
	return m
}

// validateMeeting checks a meeting's fields, naming every bad one.
func validateMeeting(m *Meeting) error {
	var v Validation
	v.Check(m.Title != "" && utf8.RuneCountInString(m.Title) <= 300, "title", "must be 1 to 300 characters")
	v.Check(Contains(MeetingKinds, m.Kind), "kind", "must be one of %s", strings.Join(MeetingKinds, ", "))
	_, ok := ParseMeetingStatus(string(m.Status))
	v.Check(ok, "status", "must be one of %s", oneOf(MeetingStatuses))
	v.Check(Contains(MeetingVisibilities, m.Visibility), "visibility", "must be one of %s", strings.Join(MeetingVisibilities, ", "))
	v.Check(!m.StartsAt.IsZero(), "starts_at", "is required")
	switch {
	case m.EndsAt.IsZero():
		v.Add("ends_at", "is required")
	case !m.EndsAt.After(m.StartsAt):
		v.Add("ends_at", "must be after starts_at")
	case m.EndsAt.Sub(m.StartsAt) > MaxMeetingLength:
		v.Add("ends_at", "a meeting lasts at most 24 hours")
	}
	v.Check(m.ExpectedAttendance >= 0 && m.ExpectedAttendance <= MaxSeats, "expected_attendance", "must be 0 to %d", MaxSeats)
	v.Check(len(m.Participants) <= MaxParticipants, "participants", "at most %d items", MaxParticipants)
	checkLanguages(&v, "languages", m.Languages)
	for _, l := range m.Languages {
		v.Check(l != "" && len(l) <= 16, "languages", "each language is a code such as ru or zh")
	}
	seen := map[string]bool{}
	for i, p := range m.Participants {
		if p.DelegationID == "" {
			v.Add("participants", "participant %d has no delegation_id", i+1)
		}
		if seen[p.DelegationID] {
			v.Add("participants", "delegation %s is listed twice", p.DelegationID)
		}
		seen[p.DelegationID] = true
	}
	checkAllow(&v, m.Allow)
	return v.Err()
}

// checkAllow checks that allow names only overridable rules.
func checkAllow(v *Validation, allow []string) {
	for _, rule := range allow {
		switch {
		case !Contains(Rules, rule):
			v.Add("allow", "%q is not a rule", rule)
		case !Overridable(rule):
			v.Add("allow", "%s can never be overridden", rule)
		}
	}
}

func nonNilList(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// Check is the dry run of Create (or, with id, of Update): the same rules
// and request link (checkLink) on the patched meeting, nothing written. A
// blocked meeting comes with up to three of the nearest times that day at
// which it would break no rule.
func (s Meetings) Check(ctx context.Context, actor Actor, id string, p MeetingPatch) (CheckResult, error) {
	if err := CanPlan(actor); err != nil {
		return CheckResult{}, err
	}
	m := newMeeting(p, actor.UserID)
	var old *Meeting
	if id != "" {
		var err error
		if old, err = s.Store.MeetingByID(ctx, id); err != nil {
			return CheckResult{}, err
		}
		m = *old
		p.Patch(&m)
	}
	if err := validateMeeting(&m); err != nil {
		return CheckResult{}, err
	}
	attendees, dels, err := resolveAttendees(ctx, s.Store, m.Participants)
	if err != nil {
		return CheckResult{}, err
	}
	if err := checkLink(ctx, s.Store, actor, old, &m); err != nil {
		return CheckResult{}, err
	}
	res, err := check(ctx, s.Store, m, attendees, dels)
	if err == nil && len(res.Conflicts) > 0 {
		res.Suggestions, err = suggest(ctx, s.Store, m, attendees, dels, 3)
	}
	return res, err
}

// Create books a new meeting: validation (EINVALID), the rules inside the
// write transaction (ECONFLICT listing every blocking conflict), the write and
// its audit entry. With an idempotency key, a retry with the same request
// returns the meeting it created; another request with the key is EINVALID.
func (s Meetings) Create(ctx context.Context, actor Actor, p MeetingPatch, idem *Idempotency) (*Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	m := newMeeting(p, actor.UserID)
	if err := validateMeeting(&m); err != nil {
		return nil, err
	}
	var out *Meeting
	err := s.Store.WithTx(ctx, func(tx BookingRepos) error {
		if done, err := replay(ctx, tx, actor, idem); err != nil || done != "" {
			if err == nil {
				out, err = tx.MeetingByID(ctx, done)
			}
			return err
		}
		out = &m
		return s.Clock.book(ctx, tx, actor, booking{Meeting: &m, Idem: idem})
	})
	return out, err
}

// requireVersion refuses a change of a meeting without If-Match (EPRECONDREQ).
func requireVersion(ifMatch int, what string) error {
	if ifMatch == 0 {
		return Errorf(EPRECONDREQ, "Send If-Match with the meeting's ETag, so that nobody %s another organiser's change.", what)
	}
	return nil
}

// Update changes the meeting with id (at version ifMatch, which is
// required) by p, inside the transaction, under the same rules as Create.
func (s Meetings) Update(ctx context.Context, actor Actor, id string, p MeetingPatch, ifMatch int) (*Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *Meeting
	err := s.Store.WithTx(ctx, func(tx BookingRepos) error {
		old, err := tx.MeetingByID(ctx, id)
		if err != nil {
			return err
		}
		if err := requireVersion(ifMatch, "overwrites"); err != nil {
			return err
		}
		m := *old
		p.Patch(&m)
		if err := validateMeeting(&m); err != nil {
			return err
		}
		if err := checkVersion("meeting", old.Version, ifMatch); err != nil {
			return err
		}
		out = &m
		return s.Clock.book(ctx, tx, actor, booking{Old: old, Meeting: &m})
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
	err := s.Store.WithTx(ctx, func(tx BookingRepos) error {
		out = out[:0]
		var sc scope
		for _, id := range ids {
			old, err := tx.MeetingByID(ctx, id)
			if ErrorCode(err) == ENOTFOUND {
				v.Add("meeting_ids", "no meeting %s", id)
				continue
			} else if err != nil {
				return err
			}
			switch old.Status {
			case MeetingConfirmed:
				out = append(out, *old)
				continue
			case MeetingCancelled:
				v.Add("meeting_ids", "meeting %s is cancelled", id)
				continue
			}
			m := *old
			m.Status = MeetingConfirmed
			if err := s.Clock.book(ctx, tx, actor, booking{Old: old, Meeting: &m, Scope: &sc}); err != nil {
				return err
			}
			out = append(out, m)
		}
		if err := v.Err(); err != nil {
			return err
		}
		_, err := s.Clock.recheck(ctx, tx, actor, sc)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes the meeting with id at version ifMatch (required); its
// request, if it held one, returns to accepted in the same transaction.
func (s Meetings) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	if err := requireVersion(ifMatch, "deletes"); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx BookingRepos) error {
		old, err := tx.MeetingByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("meeting", old.Version, ifMatch); err != nil {
			return err
		}
		near, err := neighboursOf(ctx, tx, *old)
		if err != nil {
			return err
		}
		if err := s.Clock.relink(ctx, tx, actor, old, nil); err != nil {
			return err
		}
		if err := tx.DeleteMeeting(ctx, id); err != nil {
			return err
		}
		if err := s.Clock.audit(ctx, tx, actor, "delete", "meeting", id, old, nil); err != nil {
			return err
		}
		if err := s.Clock.noticeMeeting(ctx, tx, old, nil); err != nil {
			return err
		}
		_, err = s.Clock.recheck(ctx, tx, actor, scope{ids: append(near, id)})
		return err
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
	var v Validation
	if _, ok := ParseMeetingStatus(string(f.Status)); f.Status != "" && !ok {
		v.Add("status", "must be one of %s", oneOf(MeetingStatuses))
	}
	v.Check(f.Kind == "" || Contains(MeetingKinds, f.Kind), "kind", "must be one of %s", strings.Join(MeetingKinds, ", "))
	if err := v.Err(); err != nil {
		return nil, "", err
	}
	f.Viewer = ViewerOf(actor)
	return s.Store.ListMeetings(ctx, f, p)
}

// AgendaQuery asks for an agenda: by delegation, room, member and/or local date.
type AgendaQuery struct {
	DelegationID, RoomID, MemberID string
	Date                           string // 2006-01-02 in the summit's time zone
	// Page asks for a page (with the next page's cursor); without a limit
	// or a cursor the agenda comes whole, as it always has.
	Page Page
}

// Agenda returns the ordered items the actor may see. A delegate may ask for
// its own delegation's members only (another delegation's member is ENOTFOUND).
func (s Meetings) Agenda(ctx context.Context, actor Actor, q AgendaQuery) ([]AgendaItem, error) {
	items, _, err := s.AgendaPage(ctx, actor, q)
	return items, err
}

// AgendaPage is Agenda with the next page's cursor, when q asked for a page.
func (s Meetings) AgendaPage(ctx context.Context, actor Actor, q AgendaQuery) ([]AgendaItem, string, error) {
	f, err := s.agendaFilter(ctx, actor, q)
	if err != nil {
		return nil, "", err
	}
	if q.Page == (Page{}) {
		items, err := s.Store.Agenda(ctx, f)
		return items, "", err
	}
	return s.Store.AgendaPage(ctx, f, q.Page)
}

// agendaFilter is the filter of an agenda query as actor may see it.
func (s Meetings) agendaFilter(ctx context.Context, actor Actor, q AgendaQuery) (MeetingFilter, error) {
	f := MeetingFilter{DelegationID: q.DelegationID, RoomID: q.RoomID, MemberID: q.MemberID, Viewer: ViewerOf(actor)}
	if q.MemberID != "" {
		m, err := s.Store.MemberByID(ctx, q.MemberID)
		if err != nil || !CanSeeMembers(actor, m.DelegationID) {
			return f, Errorf(ENOTFOUND, "No such member.")
		}
	}
	if q.Date != "" {
		loc := time.UTC
		if summit, err := s.Store.Summit(ctx); err == nil {
			if l, err := time.LoadLocation(summit.Timezone); err == nil {
				loc = l
			}
		}
		from, to, err := localDay(q.Date, loc)
		if err != nil {
			return f, &Error{Code: EMALFORMED, Message: "date must be a date such as 2024-07-04.",
				Fields: []FieldError{{Field: "date", Message: "must be YYYY-MM-DD"}}}
		}
		f.From, f.To = from, to
	}
	return f, nil
}

// ReplaceWith is the patch that sets every field a caller may set to m's
// (a whole replacement, as a form that edits every field sends).
func ReplaceWith(m Meeting) MeetingPatch {
	return MeetingPatch{Title: &m.Title, Kind: &m.Kind, StartsAt: &m.StartsAt, EndsAt: &m.EndsAt, RoomID: &m.RoomID,
		Status: &m.Status, Visibility: &m.Visibility, Languages: &m.Languages, ExpectedAttendance: &m.ExpectedAttendance,
		Participants: &m.Participants, Allow: &m.Allow, RequestID: &m.RequestID}
}
