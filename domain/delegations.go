package domain

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// DelegationPatch is a change to a delegation (on create, to a new one): nil
// fields stay as they are.
type DelegationPatch struct {
	Code        *string
	Name        *string
	Kind        *string
	Precedence  *int
	Languages   *[]string
	ArrivalAt   **time.Time
	DepartureAt **time.Time
	Hotel       *string
	// HotelVenueID sets the delegation's hotel, a venue of kind hotel ("" for none).
	HotelVenueID *string
	Names        *Names
	// ContactEmails and NoticeLanguage say where and in which language notices go.
	ContactEmails  *[]string
	NoticeLanguage *string
	// Head makes the head member on create.
	Head *Member
}

// MemberPatch is a change to a member (on create, to a new one): nil fields
// stay as they are.
type MemberPatch struct {
	FullName      *string
	Position      *string
	IsHead        *bool
	Accreditation *string
	// BadgeCategoryID sets the member's badge category ("" for none).
	BadgeCategoryID *string
	Names           *Names
	// HotelBlockID ("" for none), HotelRoom and Nights (nil: the block's) place the member in a hotel.
	HotelBlockID *string
	HotelRoom    *string
	Nights       **Nights
}

// DelegationRepos are what the delegations service reads and writes.
type DelegationRepos interface {
	DelegationRepo
	ProblemRepos
	BadgeCategoryByID(ctx context.Context, id string) (*BadgeCategory, error)
	HotelBlockByID(ctx context.Context, id string) (*HotelBlock, error)
	MembersInBlock(ctx context.Context, blockID string) ([]Member, error)
}

// DelegationStore is what the delegations service keeps its data in.
type DelegationStore interface {
	DelegationRepos
	Transactor[DelegationRepos]
}

// Delegations is the service for delegations and their members.
type Delegations struct {
	Store DelegationStore
	Clock Clock
}

var codePattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

func validateDelegation(d *Delegation) error {
	var v Validation
	v.Check(codePattern.MatchString(d.Code), "code", "must be 2 to 10 capital letters or digits, such as KAZ or UN")
	v.Check(strings.TrimSpace(d.Name) != "" && utf8.RuneCountInString(d.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(Contains(DelegationKinds, d.Kind), "kind", "must be one of %s", strings.Join(DelegationKinds, ", "))
	v.Check(d.Precedence >= 0 && d.Precedence <= 10000, "precedence", "must be 0 to 10000")
	checkLanguages(&v, "languages", d.Languages)
	for _, l := range d.Languages {
		v.Check(l != "" && len(l) <= 16, "languages", "each language is a code such as ru or zh")
	}
	if d.ArrivalAt != nil && d.DepartureAt != nil {
		v.Check(d.DepartureAt.After(*d.ArrivalAt), "departure_at", "must be after arrival_at")
	}
	v.Check(utf8.RuneCountInString(d.Hotel) <= 200, "hotel", "must be at most 200 characters")
	checkNames(&v, d.Names)
	checkContacts(&v, d.ContactEmails)
	v.Check(Contains(NoticeLanguages, d.NoticeLanguage), "notice_language", "must be one of %s", strings.Join(NoticeLanguages, ", "))
	return v.Err()
}

// MaxContactEmails bounds a delegation's contact addresses.
const MaxContactEmails = 20

// checkContacts records each entry of emails that is not a plain e-mail
// address (field contact_emails[i], naming the address), and duplicates.
func checkContacts(v *Validation, emails []string) {
	v.Check(len(emails) <= MaxContactEmails, "contact_emails", "at most %d items", MaxContactEmails)
	seen := map[string]bool{}
	for i, e := range emails {
		field := fmt.Sprintf("contact_emails[%d]", i)
		a, err := mail.ParseAddress(e)
		switch {
		case err != nil || a.Name != "" || a.Address != e || len(e) > 254:
			v.Add(field, "%q is not an e-mail address such as protocol@mfa.example", e)
		case seen[strings.ToLower(e)]:
			v.Add(field, "%q is listed twice", e)
		}
		seen[strings.ToLower(e)] = true
	}
}

// Patch lays p over d.
func (in DelegationPatch) Patch(d *Delegation) {
	if in.Code != nil {
		d.Code = strings.ToUpper(strings.TrimSpace(*in.Code))
	}
	if in.Name != nil {
		d.Name = strings.TrimSpace(*in.Name)
	}
	if in.Kind != nil {
		d.Kind = *in.Kind
	}
	if in.Precedence != nil {
		d.Precedence = *in.Precedence
	}
	if in.Languages != nil {
		d.Languages = nonNilList(*in.Languages)
	}
	if in.ArrivalAt != nil {
		d.ArrivalAt = utcPtr(*in.ArrivalAt)
	}
	if in.DepartureAt != nil {
		d.DepartureAt = utcPtr(*in.DepartureAt)
	}
	if in.Hotel != nil {
		d.Hotel = strings.TrimSpace(*in.Hotel)
	}
	if in.HotelVenueID != nil {
		d.HotelVenueID = strings.TrimSpace(*in.HotelVenueID)
	}
	if in.Names != nil {
		d.Names = cleanNames(*in.Names)
	}
	if in.ContactEmails != nil {
		d.ContactEmails = make([]string, len(*in.ContactEmails))
		for i, e := range *in.ContactEmails {
			d.ContactEmails[i] = strings.TrimSpace(e)
		}
	}
	if in.NoticeLanguage != nil {
		d.NoticeLanguage = *in.NoticeLanguage
	}
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// List returns one page of delegations in protocol order; every signed-in user may read it.
// Contact addresses are shown to organisers and the delegation's own delegates only.
func (s Delegations) List(ctx context.Context, actor Actor, p Page) ([]Delegation, string, error) {
	ds, next, err := s.Store.ListDelegations(ctx, p)
	for i := range ds {
		hideContacts(actor, &ds[i])
	}
	return ds, next, err
}

// Get returns the delegation with id (its contacts as List shows them).
func (s Delegations) Get(ctx context.Context, actor Actor, id string) (*Delegation, error) {
	d, err := s.Store.DelegationByID(ctx, id)
	if err == nil {
		hideContacts(actor, d)
	}
	return d, err
}

// hideContacts empties d's contact addresses unless the actor may see its members.
func hideContacts(actor Actor, d *Delegation) {
	if !CanSeeMembers(actor, d.ID) {
		d.ContactEmails = []string{}
	}
}

// Create adds a delegation (organisers), with its head when in.Head is set.
func (s Delegations) Create(ctx context.Context, actor Actor, in DelegationPatch) (*Delegation, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	d, err := newDelegation(in)
	if err != nil {
		return nil, err
	}
	var head *Member
	if in.Head != nil {
		head = &Member{FullName: strings.TrimSpace(in.Head.FullName), Position: strings.TrimSpace(in.Head.Position), IsHead: true, Accreditation: "pending"}
		if err := validateMember(head); err != nil {
			return nil, prefixFields(err, "head.")
		}
	}
	err = s.Store.WithTx(ctx, func(tx DelegationRepos) error { return s.create(ctx, tx, actor, d, head) })
	return d, err
}

// newDelegation is a new delegation made of in, validated.
func newDelegation(in DelegationPatch) (*Delegation, error) {
	d := Delegation{Languages: []string{}, ContactEmails: []string{}, NoticeLanguage: NoticeLanguages[0]}
	in.Patch(&d)
	return &d, validateDelegation(&d)
}

// create stores a validated new delegation, and head when not nil, with
// their audit entries, in tx; a code taken already is ECONFLICT.
func (s Delegations) create(ctx context.Context, tx DelegationRepos, actor Actor, d *Delegation, head *Member) error {
	if err := checkHotel(ctx, tx, d.HotelVenueID); err != nil {
		return err
	}
	if _, err := tx.DelegationByCode(ctx, d.Code); err == nil {
		return Errorf(ECONFLICT, "A delegation with code %s exists already.", d.Code)
	}
	if err := tx.CreateDelegation(ctx, d); err != nil {
		return err
	}
	if err := s.Clock.audit(ctx, tx, actor, "create", "delegation", d.ID, nil, d); err != nil {
		return err
	}
	if head == nil {
		return nil
	}
	head.DelegationID = d.ID
	if err := tx.CreateMember(ctx, head); err != nil {
		return err
	}
	return s.Clock.audit(ctx, tx, actor, "create", "member", head.ID, nil, head)
}

// Update changes a delegation. Organisers change anything; a delegation's own
// delegates change only its arrival, departure and hotel (other fields are
// EFORBIDDEN); anyone else EFORBIDDEN. It returns the problems the change
// made that the actor may see (impact); a dry run writes nothing and
// answers the same.
func (s Delegations) Update(ctx context.Context, actor Actor, id string, in DelegationPatch, ifMatch int, dryRun bool) (*Delegation, []Impact, error) {
	if CanPlan(actor) != nil {
		if !CanSeeMembers(actor, id) {
			return nil, nil, errForbidden("change this delegation")
		}
		if in.Code != nil || in.Name != nil || in.Kind != nil || in.Precedence != nil || in.Languages != nil || in.Names != nil ||
			in.ContactEmails != nil || in.NoticeLanguage != nil {
			return nil, nil, errForbidden("change more than the delegation's arrival, departure and hotel")
		}
	}
	var out *Delegation
	var impact []Impact
	err := writeOrTry(ctx, s.Store, dryRun, func(tx DelegationRepos) error {
		d, err := tx.DelegationByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("delegation", d.Version, ifMatch); err != nil {
			return err
		}
		before := *d
		in.Patch(d)
		out = d
		impact, err = s.save(ctx, tx, actor, &before, d)
		return err
	})
	return out, impact, err
}

// save validates and stores d, changed from before, with its audit entry,
// in tx, and returns the problems the change made that the actor may see.
func (s Delegations) save(ctx context.Context, tx DelegationRepos, actor Actor, before, d *Delegation) ([]Impact, error) {
	if err := validateDelegation(d); err != nil {
		return nil, err
	}
	if d.HotelVenueID != before.HotelVenueID {
		if err := checkHotel(ctx, tx, d.HotelVenueID); err != nil {
			return nil, err
		}
	}
	if d.Code != before.Code {
		if _, err := tx.DelegationByCode(ctx, d.Code); err == nil {
			return nil, Errorf(ECONFLICT, "A delegation with code %s exists already.", d.Code)
		}
	}
	if err := tx.UpdateDelegation(ctx, d); err != nil {
		return nil, err
	}
	if err := s.Clock.audit(ctx, tx, actor, "update", "delegation", d.ID, before, d); err != nil {
		return nil, err
	}
	// Only delegation_presence reads the arrival and departure; messages name the delegation.
	sc := scope{delegationID: d.ID, rules: []string{RuleDelegationPresence}}
	switch {
	case d.Name != before.Name || !sameNames(d.Names, before.Names):
		sc.rules = nil
	case sameTime(d.ArrivalAt, before.ArrivalAt) && sameTime(d.DepartureAt, before.DepartureAt):
		return nil, nil
	}
	return s.Clock.impact(ctx, tx, actor, sc)
}

// sameTime reports whether two optional instants are equal.
func sameTime(a, b *time.Time) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Equal(*b)
}

// Delete removes a delegation with its members (organisers); one that takes
// part in meetings is ECONFLICT.
func (s Delegations) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx DelegationRepos) error {
		d, err := tx.DelegationByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("delegation", d.Version, ifMatch); err != nil {
			return err
		}
		if used, err := tx.DelegationInUse(ctx, id); err != nil {
			return err
		} else if used {
			return Errorf(ECONFLICT, "Delegation %s takes part in meetings; remove it from them first.", d.Code)
		}
		if err := tx.DeleteDelegation(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "delegation", id, d, nil)
	})
}

func validateMember(m *Member) error {
	var v Validation
	v.Check(m.FullName != "" && utf8.RuneCountInString(m.FullName) <= 200, "full_name", "must be 1 to 200 characters")
	v.Check(utf8.RuneCountInString(m.Position) <= 200, "position", "must be at most 200 characters")
	v.Check(Contains(AccreditationStates, m.Accreditation), "accreditation", "must be one of %s", strings.Join(AccreditationStates, ", "))
	checkNames(&v, m.Names)
	return v.Err()
}

func prefixFields(err error, prefix string) error {
	if e, ok := err.(*Error); ok {
		for i := range e.Fields {
			e.Fields[i].Field = prefix + e.Fields[i].Field
		}
	}
	return err
}

// Patch lays p over m.
func (in MemberPatch) Patch(m *Member) {
	if in.FullName != nil {
		m.FullName = strings.TrimSpace(*in.FullName)
	}
	if in.Position != nil {
		m.Position = strings.TrimSpace(*in.Position)
	}
	if in.IsHead != nil {
		m.IsHead = *in.IsHead
	}
	if in.Accreditation != nil {
		m.Accreditation = *in.Accreditation
	}
	if in.BadgeCategoryID != nil {
		m.BadgeCategoryID = strings.TrimSpace(*in.BadgeCategoryID)
	}
	if in.Names != nil {
		m.Names = cleanNames(*in.Names)
	}
	if in.HotelBlockID != nil {
		if block := strings.TrimSpace(*in.HotelBlockID); block != m.HotelBlockID {
			m.HotelBlockID, m.Nights = block, nil // a new block: its nights unless given
		}
	}
	if in.HotelRoom != nil {
		m.HotelRoom = strings.TrimSpace(*in.HotelRoom)
	}
	if in.Nights != nil {
		m.Nights = *in.Nights
	}
}

// Members lists a delegation's members, for organisers and its own delegates
// (anyone else: ENOTFOUND, as if the delegation's members did not exist).
func (s Delegations) Members(ctx context.Context, actor Actor, delegationID string) ([]Member, error) {
	if !CanSeeMembers(actor, delegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	if _, err := s.Store.DelegationByID(ctx, delegationID); err != nil {
		return nil, err
	}
	return s.Store.ListMembers(ctx, delegationID)
}

// MaxMemberDelegations bounds how many delegations one MembersOf call may name.
const MaxMemberDelegations = 100

// MembersOf lists the members of several delegations (without ids: of every
// delegation the actor may see), in protocol order, head first. Organisers
// see any delegation's; a delegate only its own: other ids yield nothing,
// whether or not such delegations exist. Unknown ids are just absent.
func (s Delegations) MembersOf(ctx context.Context, actor Actor, delegationIDs []string) ([]Member, error) {
	var v Validation
	v.Check(len(delegationIDs) <= MaxMemberDelegations, "delegation_id", "at most %d delegations at a time", MaxMemberDelegations)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if !actor.IsOrganiser() && !actor.IsSystem() {
		if actor.DelegationID == "" || (len(delegationIDs) > 0 && !Contains(delegationIDs, actor.DelegationID)) {
			return []Member{}, nil
		}
		delegationIDs = []string{actor.DelegationID}
	}
	return s.Store.ListMembersOf(ctx, delegationIDs)
}

// Member returns a member when the actor may see its delegation's members.
func (s Delegations) Member(ctx context.Context, actor Actor, id string) (*Member, error) {
	m, err := s.Store.MemberByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !CanSeeMembers(actor, m.DelegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	return m, nil
}

// CreateMember adds a member to a delegation. Making it the head moves the
// head from the former one, so that a delegation always has exactly one.
func (s Delegations) CreateMember(ctx context.Context, actor Actor, delegationID string, in MemberPatch) (*Member, error) {
	if !CanSeeMembers(actor, delegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	m := Member{DelegationID: delegationID, Accreditation: "pending"}
	in.Patch(&m)
	if err := validateMember(&m); err != nil {
		return nil, err
	}
	err := s.Store.WithTx(ctx, func(tx DelegationRepos) error {
		if _, err := tx.DelegationByID(ctx, delegationID); err != nil {
			return err
		}
		return s.createMember(ctx, tx, actor, &m)
	})
	return &m, err
}

// createMember stores a validated new member of an existing delegation,
// with its audit entry, in tx: the first member heads the delegation, and
// a new head takes the role from the former one.
func (s Delegations) createMember(ctx context.Context, tx DelegationRepos, actor Actor, m *Member) error {
	if err := checkAccreditationChange(ctx, tx, actor, &Member{Accreditation: "pending"}, m); err != nil {
		return err
	}
	if err := checkStay(ctx, tx, m); err != nil {
		return err
	}
	head, err := tx.HeadOf(ctx, m.DelegationID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		m.IsHead = true // the first member heads the delegation
	case err != nil:
		return err
	case m.IsHead:
		if err := s.demote(ctx, tx, actor, head); err != nil {
			return err
		}
	}
	if err := tx.CreateMember(ctx, m); err != nil {
		return err
	}
	return s.Clock.audit(ctx, tx, actor, "create", "member", m.ID, nil, m)
}

// checkAccreditationChange lets only organisers approve or reject a member
// or give it a badge category (EFORBIDDEN for others), and checks that the
// category exists (EINVALID naming badge_category_id).
func checkAccreditationChange(ctx context.Context, tx DelegationRepos, actor Actor, before, after *Member) error {
	if before.Accreditation == after.Accreditation && before.BadgeCategoryID == after.BadgeCategoryID {
		return nil
	}
	if CanPlan(actor) != nil {
		return errForbidden("approve accreditations or choose badge categories")
	}
	if after.BadgeCategoryID == "" || after.BadgeCategoryID == before.BadgeCategoryID {
		return nil
	}
	if _, err := tx.BadgeCategoryByID(ctx, after.BadgeCategoryID); ErrorCode(err) == ENOTFOUND {
		var v Validation
		v.Add("badge_category_id", "no badge category %s", after.BadgeCategoryID)
		return v.Err()
	} else if err != nil {
		return err
	}
	return nil
}

// demote takes the head's role from a member, in tx.
func (s Delegations) demote(ctx context.Context, tx DelegationRepos, actor Actor, head *Member) error {
	before := *head
	head.IsHead = false
	if err := tx.UpdateMember(ctx, head); err != nil {
		return err
	}
	return s.Clock.audit(ctx, tx, actor, "update", "member", head.ID, &before, head)
}

// UpdateMember changes a member. Making a member head moves the head; a head
// stops being head only by another member becoming head (EINVALID otherwise).
// It returns the problems the change made (impact); a dry run writes nothing.
func (s Delegations) UpdateMember(ctx context.Context, actor Actor, id string, in MemberPatch, ifMatch int, dryRun bool) (*Member, []Impact, error) {
	var out *Member
	var impact []Impact
	err := writeOrTry(ctx, s.Store, dryRun, func(tx DelegationRepos) error {
		m, err := tx.MemberByID(ctx, id)
		if err != nil {
			return err
		}
		if !CanSeeMembers(actor, m.DelegationID) {
			return Errorf(ENOTFOUND, "Not found.")
		}
		if err := checkVersion("member", m.Version, ifMatch); err != nil {
			return err
		}
		before := *m
		in.Patch(m)
		out = m
		impact, err = s.saveMember(ctx, tx, actor, &before, m)
		return err
	})
	return out, impact, err
}

// saveMember validates and stores m, changed from before, with its audit
// entry, in tx: making it head moves the head; a head stops being head only
// by another member becoming head (EINVALID). It returns the problems the
// change made that the actor may see.
func (s Delegations) saveMember(ctx context.Context, tx DelegationRepos, actor Actor, before, m *Member) ([]Impact, error) {
	if err := validateMember(m); err != nil {
		return nil, err
	}
	if err := checkAccreditationChange(ctx, tx, actor, before, m); err != nil {
		return nil, err
	}
	if err := checkStay(ctx, tx, m); err != nil {
		return nil, err
	}
	if before.IsHead && !m.IsHead {
		return nil, &Error{Code: EINVALID, Message: "A delegation has exactly one head; make another member head instead.",
			Fields: []FieldError{{Field: "is_head", Message: "make another member head instead"}}}
	}
	if m.IsHead && !before.IsHead {
		head, err := tx.HeadOf(ctx, m.DelegationID)
		if err == nil {
			if err := s.demote(ctx, tx, actor, head); err != nil {
				return nil, err
			}
		} else if ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	if err := tx.UpdateMember(ctx, m); err != nil {
		return nil, err
	}
	if err := s.Clock.audit(ctx, tx, actor, "update", "member", m.ID, before, m); err != nil {
		return nil, err
	}
	if m.FullName == before.FullName && m.IsHead == before.IsHead {
		return nil, nil // no rule reads the rest
	}
	// Messages name people, and daily_limit counts heads: the delegation's meetings.
	return s.Clock.impact(ctx, tx, actor, scope{delegationID: m.DelegationID})
}

// DeleteMember removes a member; never the head (ECONFLICT), nor one that
// meetings hold (ECONFLICT).
// A member no meeting holds breaks no rule, so deleting one makes no problem;
// a dry run checks all the same and writes nothing.
func (s Delegations) DeleteMember(ctx context.Context, actor Actor, id string, ifMatch int, dryRun bool) error {
	return writeOrTry(ctx, s.Store, dryRun, func(tx DelegationRepos) error {
		m, err := tx.MemberByID(ctx, id)
		if err != nil {
			return err
		}
		if !CanSeeMembers(actor, m.DelegationID) {
			return Errorf(ENOTFOUND, "Not found.")
		}
		if err := checkVersion("member", m.Version, ifMatch); err != nil {
			return err
		}
		if m.IsHead {
			return Errorf(ECONFLICT, "This is the head of the delegation; make another member head first.")
		}
		if used, err := tx.MemberInUse(ctx, id); err != nil {
			return err
		} else if used {
			return Errorf(ECONFLICT, "Meetings hold this member; take them off those meetings first.")
		}
		if err := tx.DeleteMember(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "member", id, m, nil)
	})
}

// RotateFeedToken makes a new secret for a delegation's calendar feed (its
// organisers and own delegates), ending the old one, and returns the token.
func (s Delegations) RotateFeedToken(ctx context.Context, actor Actor, delegationID string) (string, error) {
	if !CanSeeMembers(actor, delegationID) {
		return "", Errorf(ENOTFOUND, "Not found.")
	}
	token, hash := newRefreshToken()
	err := s.Store.WithTx(ctx, func(tx DelegationRepos) error {
		if _, err := tx.DelegationByID(ctx, delegationID); err != nil {
			return err
		}
		if err := tx.SetFeedToken(ctx, delegationID, hash); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "rotate_feed_token", "delegation", delegationID, nil, nil)
	})
	return token, err
}

// ByCode returns the delegation with code (ENOTFOUND when there is none).
func (s Delegations) ByCode(ctx context.Context, code string) (*Delegation, error) {
	return s.Store.DelegationByCode(ctx, code)
}
