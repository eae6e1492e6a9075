package domain

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"
)

// Problem is a rule that a non-cancelled meeting breaks as the programme now
// stands (CONTRACT section 10): facts change under a planned programme, and
// what they break is reported, never hidden. A rule in the meeting's allow is
// no problem.
type Problem struct {
	MeetingID    string
	Rule         string
	Message      string
	DelegationID string // the delegation concerned, "" when the rule names none
	MemberID     string // the person concerned, "" when none
	RoomID       string // the room concerned, "" when none
	// OtherID is the other meeting the problem is with ("" when none): a
	// reader who may not see it gets a message that does not name it.
	OtherID string
	// MovementID is the movement a transport problem is about (Movement.UID), "" for others.
	MovementID string
}

// key identifies a problem as stored: the same problem found twice is one.
func (p Problem) key() string { return p.what() + "\x00" + p.Message }

// what is a problem without its words: a problem that a change only
// rewords (a renamed delegation, room or person) is not one it made.
func (p Problem) what() string {
	return strings.Join([]string{p.MeetingID, p.Rule, p.DelegationID, p.MemberID, p.RoomID, p.OtherID}, "\x00")
}

// ProblemItem is a problem with what a reader needs of its meeting.
type ProblemItem struct {
	Problem
	Title            string
	StartsAt, EndsAt time.Time
	DelegationIDs    []string // the meeting's delegations
}

// ProblemRepo keeps the programme's problems, brought up to date inside the
// transaction of every change that can make or mend one (Clock.recheck).
type ProblemRepo interface {
	// ProblemsOf returns the stored problems of the meetings with ids; of every meeting when ids is nil.
	ProblemsOf(ctx context.Context, ids []string) ([]Problem, error)
	// ChangeProblems stores add and forgets remove (both by key: meeting, rule, people, room, other meeting, message).
	ChangeProblems(ctx context.Context, add, remove []Problem) error
	// ListProblems returns every stored problem with its meeting, in the meetings' time order.
	ListProblems(ctx context.Context) ([]ProblemItem, error)
	// ProblemsBuilt reports whether the problems of the whole programme have
	// been worked out once (MarkProblemsBuilt records it): a database made
	// before problems were kept has none stored yet.
	ProblemsBuilt(ctx context.Context) (bool, error)
	MarkProblemsBuilt(ctx context.Context) error
	// AttendeesOf returns the people each of the meetings with ids holds, with
	// their names and whether they head their delegation.
	AttendeesOf(ctx context.Context, ids []string) (map[string][]Attendee, error)
}

// ProblemRepos are what working out problems reads, and where it writes them.
type ProblemRepos interface {
	ProblemRepo
	MeetingRepo
	DelegationReader
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	VenueReader
	SummitReader
	AuditAppender
}

// scope is what a change may have made or mended problems in: the meetings
// with ids, those of a delegation, room or venues, or all; for the rules
// named (nil: every rule).
type scope struct {
	ids          []string
	delegationID string
	roomID       string
	venueIDs     []string
	all          bool
	rules        []string
}

func (sc *scope) add(ids ...string) { sc.ids = append(sc.ids, ids...) }

func (sc scope) empty() bool {
	return len(sc.ids) == 0 && sc.delegationID == "" && sc.roomID == "" && len(sc.venueIDs) == 0 && !sc.all
}

// recheck brings the stored problems of sc's meetings up to date in tx and
// returns the problems the change made (not there before, reworded ones
// aside). When the list
// changes, an audit entry (entity "problems") records how, which the live
// stream announces to organisers as problems.changed.
func (c Clock) recheck(ctx context.Context, tx ProblemRepos, actor Actor, sc scope) ([]Problem, error) {
	if sc.empty() {
		return nil, nil
	}
	ms, err := scopeMeetings(ctx, tx, sc)
	if err != nil {
		return nil, err
	}
	now, err := problemsIn(ctx, tx, ms, sc.rules, sc.all)
	if err != nil {
		return nil, err
	}
	var ids []string // nil: all
	if !sc.all {
		ids = slices.Clone(sc.ids)
		for _, m := range ms {
			ids = append(ids, m.ID)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	stored, err := tx.ProblemsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	stored = slices.DeleteFunc(stored, func(p Problem) bool { return sc.rules != nil && !Contains(sc.rules, p.Rule) })
	added, removed := diffProblems(stored, now)
	if len(added) == 0 && len(removed) == 0 {
		return nil, nil
	}
	if err := tx.ChangeProblems(ctx, added, removed); err != nil {
		return nil, err
	}
	was := map[string]bool{}
	for _, p := range stored {
		was[p.what()] = true
	}
	made := slices.DeleteFunc(slices.Clone(added), func(p Problem) bool { return was[p.what()] })
	is := map[string]bool{}
	for _, p := range now {
		is[p.what()] = true
	}
	resolved := 0
	for _, p := range removed {
		if !is[p.what()] {
			resolved++
		}
	}
	return made, c.audit(ctx, tx, actor, "change", "problems", "problems", nil,
		map[string]int{"added": len(made), "resolved": resolved})
}

// Rebuild works out the problems of the whole programme again and stores
// them (one transaction); ensureBuilt does so once for a database that has
// never had them worked out.
func (c Clock) rebuild(ctx context.Context, tx ProblemRepos) error {
	if _, err := c.recheck(ctx, tx, Actor{}, scope{all: true}); err != nil {
		return err
	}
	return tx.MarkProblemsBuilt(ctx)
}

// diffProblems returns what now has that stored lacks, and the reverse.
func diffProblems(stored, now []Problem) (added, removed []Problem) {
	was := map[string]bool{}
	for _, p := range stored {
		was[p.key()] = true
	}
	is := map[string]bool{}
	for _, p := range now {
		k := p.key()
		if !was[k] && !is[k] {
			added = append(added, p)
		}
		is[k] = true
	}
	for _, p := range stored {
		if !is[p.key()] {
			removed = append(removed, p)
			is[p.key()] = true // once
		}
	}
	return added, removed
}

// scopeMeetings reads the non-cancelled meetings of sc.
func scopeMeetings(ctx context.Context, tx ProblemRepos, sc scope) ([]Meeting, error) {
	var out []Meeting
	keep := func(ms []Meeting) {
		for _, m := range ms {
			if m.Status != MeetingCancelled {
				out = append(out, m)
			}
		}
	}
	if sc.all {
		ms, err := meetingsWhere(ctx, tx, MeetingFilter{})
		keep(ms)
		return out, err
	}
	for ids := sc.ids; len(ids) > 0; {
		n := min(len(ids), 500)
		ms, err := tx.MeetingsByIDs(ctx, ids[:n])
		if err != nil {
			return nil, err
		}
		keep(ms)
		ids = ids[n:]
	}
	var filters []MeetingFilter
	if sc.delegationID != "" {
		filters = append(filters, MeetingFilter{DelegationID: sc.delegationID})
	}
	if sc.roomID != "" {
		filters = append(filters, MeetingFilter{RoomID: sc.roomID})
	}
	for _, v := range sc.venueIDs {
		filters = append(filters, MeetingFilter{VenueID: v})
	}
	for _, f := range filters {
		ms, err := meetingsWhere(ctx, tx, f)
		if err != nil {
			return nil, err
		}
		keep(ms)
	}
	slices.SortFunc(out, func(a, b Meeting) int { return strings.Compare(a.ID, b.ID) })
	return slices.CompactFunc(out, func(a, b Meeting) bool { return a.ID == b.ID }), nil
}

// meetingsWhere reads every meeting of f, page by page.
func meetingsWhere(ctx context.Context, tx MeetingRepo, f MeetingFilter) ([]Meeting, error) {
	var out []Meeting
	err := EachPage(500, func(p Page) ([]Meeting, string, error) { return tx.ListMeetings(ctx, f, p) },
		func(ms []Meeting) error { out = append(out, ms...); return nil })
	return out, err
}

// world is what the rules read besides the meetings: the summit, its zone,
// rooms, travel minutes and delegations, and how far apart two bookings can
// still break a rule together.
type world struct {
	summit      Summit
	loc         *time.Location
	rooms       map[string]Room
	travel      TravelTimes
	delegations map[string]Delegation
	margin      time.Duration
}

// loadWorld reads the world the rules need to judge ms: every delegation
// when all is set, else only those taking part in ms.
func loadWorld(ctx context.Context, tx ProblemRepos, ms []Meeting, all bool) (world, error) {
	w := world{loc: time.UTC, rooms: map[string]Room{}, delegations: map[string]Delegation{}}
	if s, err := tx.Summit(ctx); err == nil {
		w.summit = *s
		if loc, err := time.LoadLocation(s.Timezone); err == nil {
			w.loc = loc
		}
	} else if ErrorCode(err) != ENOTFOUND {
		return w, err
	}
	venues, err := tx.ListVenues(ctx)
	if err != nil {
		return w, err
	}
	w.travel = NewTravelTimes(venues)
	rooms, err := tx.ListRooms(ctx, "")
	if err != nil {
		return w, err
	}
	var changeover, travel time.Duration
	for _, r := range rooms {
		w.rooms[r.ID] = r
		changeover = max(changeover, time.Duration(r.ChangeoverMinutes)*time.Minute)
	}
	for _, minutes := range w.travel {
		travel = max(travel, time.Duration(minutes)*time.Minute)
	}
	w.margin = max(changeover, travel+time.Duration(w.summit.RestMinutes)*time.Minute)
	if !all && len(ms) <= 100 {
		for _, m := range ms {
			for _, p := range m.Participants {
				if _, done := w.delegations[p.DelegationID]; done {
					continue
				}
				d, err := tx.DelegationByID(ctx, p.DelegationID)
				if err != nil {
					return w, err
				}
				w.delegations[d.ID] = *d
			}
		}
		return w, nil
	}
	err = EachPage(500, func(p Page) ([]Delegation, string, error) { return tx.ListDelegations(ctx, p) },
		func(ds []Delegation) error {
			for _, d := range ds {
				w.delegations[d.ID] = d
			}
			return nil
		})
	return w, err
}

// pairRules are the rules that look at other meetings.
var pairRules = []string{RuleRoomOverlap, RuleMemberOverlap, RuleTravelTime, RuleRestTime, RuleDailyLimit}

// reach is the stretch of time around m in which another booking can break
// a rule with it: the margin, and for daily_limit its whole summit day.
func (w world) reach(m Meeting) (from, to time.Time) {
	from, to = m.StartsAt.Add(-w.margin), m.EndsAt.Add(w.margin)
	if w.summit.MaxBilateralsPerDay > 0 && m.Kind == "bilateral" {
		start, end, _ := localDay(m.StartsAt.In(w.loc).Format(time.DateOnly), w.loc)
		from, to = minTime(from, start), maxTime(to, end)
	}
	return from, to
}

// problemsIn works out the problems of the rules named (nil: all) that the
// meetings ms break as tx stands. everything says that ms is the whole
// programme, so that every booking is read at once.
func problemsIn(ctx context.Context, tx ProblemRepos, ms []Meeting, rules []string, everything bool) ([]Problem, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	w, err := loadWorld(ctx, tx, ms, everything)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	attendees, err := tx.AttendeesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	var near bookingIndex
	if rules == nil || slices.ContainsFunc(rules, func(r string) bool { return Contains(pairRules, r) }) {
		if near, err = w.bookingsFor(ctx, tx, ms, attendees, everything); err != nil {
			return nil, err
		}
	}
	var out []Problem
	for _, m := range ms {
		in := RuleInput{Meeting: m, Attendees: attendees[m.ID], Delegations: w.delegations, Rooms: w.rooms,
			Travel: w.travel, Summit: w.summit, Location: w.loc}
		if room, ok := w.rooms[m.RoomID]; ok {
			in.Room, in.VenueID = &room, room.VenueID
		}
		from, to := w.reach(m)
		in.Others = near.around(m.RoomID, attendees[m.ID], from, to)
		for _, c := range CheckMeeting(in) {
			if rules != nil && !Contains(rules, c.Rule) || Overridable(c.Rule) && Contains(m.Allow, c.Rule) {
				continue
			}
			p := Problem{MeetingID: m.ID, Rule: c.Rule, Message: c.Message, DelegationID: c.DelegationID,
				MemberID: c.MemberID, RoomID: c.RoomID, OtherID: c.MeetingID}
			for _, a := range attendees[m.ID] {
				if p.MemberID != "" && a.MemberID == p.MemberID {
					p.DelegationID = a.DelegationID
				}
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// bookingsFor reads the bookings that can break a rule with one of ms: all
// of their span for many meetings, else each one's neighbourhood.
func (w world) bookingsFor(ctx context.Context, tx ProblemRepos, ms []Meeting, attendees map[string][]Attendee, everything bool) (bookingIndex, error) {
	if everything || len(ms) > 40 {
		from, to := w.reach(ms[0])
		for _, m := range ms[1:] {
			f, t := w.reach(m)
			from, to = minTime(from, f), maxTime(to, t)
		}
		bs, err := tx.Bookings(ctx, from, to)
		return newBookingIndex(bs), err
	}
	seen := map[string]int{} // index in all
	var all []Booking
	for _, m := range ms {
		from, to := w.reach(m)
		q := BookingQuery{RoomID: m.RoomID, From: from, To: to, ExceptID: m.ID}
		for _, a := range attendees[m.ID] {
			q.MemberIDs = append(q.MemberIDs, a.MemberID)
		}
		bs, err := tx.BookingsNear(ctx, q)
		if err != nil {
			return bookingIndex{}, err
		}
		for _, b := range bs {
			i, ok := seen[b.MeetingID]
			if !ok {
				seen[b.MeetingID] = len(all)
				all = append(all, b)
				continue
			}
			// Read again for other people: it holds them too.
			for _, p := range b.MemberIDs {
				if !Contains(all[i].MemberIDs, p) {
					all[i].MemberIDs = append(all[i].MemberIDs, p)
				}
			}
		}
	}
	return newBookingIndex(all), nil
}

// bookingIndex finds the bookings of a room or a person in a stretch of time.
type bookingIndex struct {
	all      []Booking
	byRoom   map[string][]int // indexes into all, by start
	byPerson map[string][]int
}

func newBookingIndex(bs []Booking) bookingIndex {
	slices.SortFunc(bs, func(a, b Booking) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), strings.Compare(a.MeetingID, b.MeetingID))
	})
	x := bookingIndex{all: bs, byRoom: map[string][]int{}, byPerson: map[string][]int{}}
	for i, b := range bs {
		if b.RoomID != "" {
			x.byRoom[b.RoomID] = append(x.byRoom[b.RoomID], i)
		}
		for _, p := range b.MemberIDs {
			x.byPerson[p] = append(x.byPerson[p], i)
		}
	}
	return x
}

// around returns the bookings in room or holding one of people that end
// after from and start before to.
func (x bookingIndex) around(room string, people []Attendee, from, to time.Time) []Booking {
	var out []Booking
	seen := map[int]bool{}
	pick := func(list []int) {
		// A booking lasts at most MaxMeetingLength: skip those that start earlier.
		i := sort.Search(len(list), func(i int) bool { return x.all[list[i]].StartsAt.After(from.Add(-MaxMeetingLength)) })
		for ; i < len(list) && x.all[list[i]].StartsAt.Before(to); i++ {
			if b := x.all[list[i]]; b.EndsAt.After(from) && !seen[list[i]] {
				seen[list[i]] = true
				out = append(out, b)
			}
		}
	}
	if room != "" {
		pick(x.byRoom[room])
	}
	for _, a := range people {
		pick(x.byPerson[a.MemberID])
	}
	return out
}

// ProblemStore is what the problems are kept in.
type ProblemStore interface {
	ProblemRepos
	Transactor[ProblemRepos]
}

// Problems is the organisers' list of what the programme breaks now.
type Problems struct {
	Store ProblemStore
	Clock Clock
	// Transport works out the transport problems (vehicle_overlap,
	// movement_gap) on each read; unset, there are none.
	Transport Transport
}

// List returns every problem of the programme (organisers), in the time
// order of their meetings: the stored ones and the transport problems.
func (s Problems) List(ctx context.Context, actor Actor) ([]ProblemItem, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	items, err := s.Store.ListProblems(ctx)
	if err != nil || s.Transport.Store == nil {
		return items, err
	}
	more, err := s.Transport.Problems(ctx, actor)
	if err != nil {
		return nil, err
	}
	items = append(items, more...)
	slices.SortStableFunc(items, func(a, b ProblemItem) int { return a.StartsAt.Compare(b.StartsAt) })
	return items, nil
}

// Rebuild works out every problem of the programme again, from scratch,
// and stores what differs (organisers).
func (s Problems) Rebuild(ctx context.Context, actor Actor) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx ProblemRepos) error { return s.Clock.rebuild(ctx, tx) })
}

// EnsureBuilt works out the problems of the whole programme once, for a
// database that has never had them worked out (made before problems were
// kept); afterwards every change keeps them up to date.
func (s Problems) EnsureBuilt(ctx context.Context) error {
	return s.Store.WithTx(ctx, func(tx ProblemRepos) error {
		if built, err := tx.ProblemsBuilt(ctx); err != nil || built {
			return err
		}
		return s.Clock.rebuild(ctx, tx)
	})
}

// Impact is a problem a change made, as a caller may learn of it: only on
// meetings they may see, and naming no other meeting they may not see.
type Impact struct {
	MeetingID, Rule, Message string
	Title                    string // the meeting's
	StartsAt                 time.Time
}

// impactFor returns what of added the actor may learn, in time order of
// the meetings.
func impactFor(ctx context.Context, tx MeetingRepo, actor Actor, added []Problem) ([]Impact, error) {
	out := []Impact{}
	if len(added) == 0 {
		return out, nil
	}
	var ids []string
	for _, p := range added {
		ids = append(ids, p.MeetingID, p.OtherID)
	}
	ms, err := tx.MeetingsByIDs(ctx, slices.DeleteFunc(ids, func(id string) bool { return id == "" }))
	if err != nil {
		return nil, err
	}
	seen := map[string]*Meeting{}
	order := map[string]int{}
	for i := range ms {
		if CanSeeMeeting(actor, &ms[i]) {
			seen[ms[i].ID] = &ms[i]
		}
		order[ms[i].ID] = i
	}
	for _, p := range added {
		if seen[p.MeetingID] == nil {
			continue
		}
		msg := p.Message
		if p.OtherID != "" && seen[p.OtherID] == nil {
			msg = ruleRedacted(p.Rule)
		}
		m := seen[p.MeetingID]
		out = append(out, Impact{MeetingID: p.MeetingID, Rule: p.Rule, Message: msg, Title: m.Title, StartsAt: m.StartsAt})
	}
	slices.SortStableFunc(out, func(a, b Impact) int { return cmp.Compare(order[a.MeetingID], order[b.MeetingID]) })
	return out, nil
}

// impact rechecks sc and returns what the change made that the actor may learn.
func (c Clock) impact(ctx context.Context, tx ProblemRepos, actor Actor, sc scope) ([]Impact, error) {
	added, err := c.recheck(ctx, tx, actor, sc)
	if err != nil {
		return nil, err
	}
	return impactFor(ctx, tx, actor, added)
}

// writeOrTry runs fn in one transaction of store: committed, or for a dry
// run always rolled back, once fn has worked out its answer.
func writeOrTry[R any](ctx context.Context, store Transactor[R], dryRun bool, fn func(tx R) error) error {
	err := store.WithTx(ctx, func(tx R) error {
		if err := fn(tx); err != nil || !dryRun {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}
