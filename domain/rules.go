package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Rule names (CONTRACT section 5).
const (
	RuleRoomOverlap        = "room_overlap"
	RuleMemberOverlap      = "member_overlap"
	RuleTravelTime         = "travel_time"
	RuleRoomCapacity       = "room_capacity"
	RuleInterpretation     = "interpretation"
	RuleDelegationPresence = "delegation_presence"
	RuleOutsideSummit      = "outside_summit"
	RuleRestTime           = "rest_time"
	RuleDailyLimit         = "daily_limit"
)

// Rules lists every rule in the order conflicts are reported.
var Rules = []string{
	RuleRoomOverlap,
	RuleMemberOverlap,
	RuleTravelTime,
	RuleRoomCapacity,
	RuleInterpretation,
	RuleDelegationPresence,
	RuleOutsideSummit,
	RuleRestTime,
	RuleDailyLimit,
}

// Overridable reports whether an organiser may override rule with `allow`;
// it is false for the hard rules and for names that are not rules.
func Overridable(rule string) bool {
	return rule != RuleRoomOverlap && rule != RuleMemberOverlap && Contains(Rules, rule)
}

// Booking is something that holds a room and people for an interval: a draft
// or confirmed meeting.
type Booking struct {
	MeetingID string
	Title     string
	RoomID    string // "" when it has no room
	VenueID   string // the room's venue, "" when none
	StartsAt  time.Time
	EndsAt    time.Time
	Kind      string   // the meeting's kind, e.g. bilateral
	MemberIDs []string // the people it holds
}

// Attendee is a person a meeting holds and the delegation they belong to.
type Attendee struct {
	MemberID, DelegationID string
	Name                   string // the member's name, for conflict messages; "" when not known
	IsHead                 bool   // whether the member heads their delegation
}

// TravelTimes gives motorcade minutes between venues, keyed by
// {fromVenueID, toVenueID}; a pair given in one direction holds both ways.
type TravelTimes map[[2]string]int

// NewTravelTimes collects the travel minutes that venues give to other venues.
func NewTravelTimes(venues []Venue) TravelTimes {
	t := TravelTimes{}
	for _, v := range venues {
		for to, minutes := range v.TravelMinutes {
			t[[2]string{v.ID, to}] = minutes
		}
	}
	return t
}

// Minutes returns the travel minutes between two venues: 0 for the same venue
// or "", the given value in either direction, and ok=false when the pair is
// unknown (unknown pairs do not conflict).
func (t TravelTimes) Minutes(from, to string) (int, bool) {
	if from == to || from == "" || to == "" {
		return 0, true
	}
	if m, ok := t[[2]string{from, to}]; ok {
		return m, true
	}
	m, ok := t[[2]string{to, from}]
	return m, ok
}

// RuleInput is everything the rules need to judge one meeting.
type RuleInput struct {
	Meeting     Meeting               // the candidate (its ID is set when changing an existing meeting)
	Room        *Room                 // the meeting's room, nil when none
	VenueID     string                // the room's venue
	Attendees   []Attendee            // the people the meeting holds, heads already resolved by the caller
	Delegations map[string]Delegation // every participating delegation by id
	Others      []Booking             // other draft/confirmed meetings near in time in the same room or with the same people
	Rooms       map[string]Room       // rooms of Others by id, for their changeover minutes
	Travel      TravelTimes
	Summit      Summit         // StartsOn/EndsOn are dates in the summit's time zone
	Location    *time.Location // the summit's time zone, loaded by the caller
}

// CheckMeeting returns every violated rule for the meeting, in the order of
// Rules, each with a plain-words message and meeting_id / member_id / room_id
// set where they apply. It returns nil for a cancelled meeting, which holds
// nothing. Others with the candidate's own ID are ignored.
func CheckMeeting(in RuleInput) []Conflict {
	m := in.Meeting
	if m.Status == "cancelled" {
		return nil
	}
	if in.Location == nil {
		in.Location = time.UTC
	}
	if in.VenueID == "" && in.Room != nil {
		in.VenueID = in.Room.VenueID
	}
	var others []Booking
	for _, b := range in.Others {
		if m.ID == "" || b.MeetingID != m.ID {
			others = append(others, b)
		}
	}
	slices.SortStableFunc(others, func(a, b Booking) int { return a.StartsAt.Compare(b.StartsAt) })
	in.Others = others

	var out []Conflict
	out = append(out, ruleRoomOverlap(in)...)
	out = append(out, ruleMemberOverlap(in)...)
	out = append(out, ruleTravelTime(in)...)
	out = append(out, ruleRoomCapacity(in)...)
	out = append(out, ruleInterpretation(in)...)
	out = append(out, ruleDelegationPresence(in)...)
	out = append(out, ruleOutsideSummit(in)...)
	out = append(out, ruleRestTime(in)...)
	out = append(out, ruleDailyLimit(in)...)
	return out
}

// ruleRoomOverlap: the room's changeover lies between two of its meetings
// either way. The database refuses the same (repository migration 0005);
// a change here must leave it no stricter than this rule.
func ruleRoomOverlap(in RuleInput) []Conflict {
	if in.Room == nil {
		return nil
	}
	m, room := in.Meeting, in.Room
	var out []Conflict
	for _, b := range in.Others {
		if b.RoomID != room.ID {
			continue
		}
		changeover := max(room.ChangeoverMinutes, in.Rooms[b.RoomID].ChangeoverMinutes)
		need := time.Duration(changeover) * time.Minute
		var msg string
		switch {
		case !b.EndsAt.After(m.StartsAt): // b before the candidate
			gap := m.StartsAt.Sub(b.EndsAt)
			if gap >= need {
				continue
			}
			msg = fmt.Sprintf("Room %s needs %d minutes between meetings; this one starts %d minutes after “%s” ends.",
				room.Name, changeover, int(gap/time.Minute), b.Title)
		case !m.EndsAt.After(b.StartsAt): // b after the candidate
			gap := b.StartsAt.Sub(m.EndsAt)
			if gap >= need {
				continue
			}
			msg = fmt.Sprintf("Room %s needs %d minutes between meetings; this one ends %d minutes before “%s” starts.",
				room.Name, changeover, int(gap/time.Minute), b.Title)
		default:
			msg = fmt.Sprintf("Room %s is already booked for “%s” from %s to %s.",
				room.Name, b.Title, ruleClock(b.StartsAt, in.Location), ruleClock(b.EndsAt, in.Location))
		}
		out = append(out, Conflict{Rule: RuleRoomOverlap, Message: msg, MeetingID: b.MeetingID, RoomID: room.ID})
	}
	return out
}

// ruleMemberOverlap: nobody is in two meetings at once; meetings that touch
// do not overlap, and travel between them is ruleTravelTime's. The database
// refuses the same (repository migration 0005).
func ruleMemberOverlap(in RuleInput) []Conflict {
	m := in.Meeting
	var out []Conflict
	for _, a := range ruleAttendees(in.Attendees) {
		for _, b := range in.Others {
			if !Contains(b.MemberIDs, a.MemberID) || !b.StartsAt.Before(m.EndsAt) || !m.StartsAt.Before(b.EndsAt) {
				continue
			}
			out = append(out, Conflict{
				Rule: RuleMemberOverlap,
				Message: fmt.Sprintf("%s is already attending “%s” from %s to %s, at the same time as this meeting.",
					in.person(a), b.Title, ruleClock(b.StartsAt, in.Location), ruleClock(b.EndsAt, in.Location)),
				MeetingID: b.MeetingID,
				MemberID:  a.MemberID,
			})
		}
	}
	return out
}

// neighbours returns the person's meetings in Others that end last before
// the candidate starts and start first after it ends, nil where none.
func (in RuleInput) neighbours(memberID string) (prev, next *Booking) {
	m := in.Meeting
	for i := range in.Others {
		b := &in.Others[i]
		if !Contains(b.MemberIDs, memberID) {
			continue
		}
		if !b.EndsAt.After(m.StartsAt) && (prev == nil || b.EndsAt.After(prev.EndsAt)) {
			prev = b
		}
		if !b.StartsAt.Before(m.EndsAt) && (next == nil || b.StartsAt.Before(next.StartsAt)) {
			next = b
		}
	}
	return prev, next
}

func ruleTravelTime(in RuleInput) []Conflict {
	m := in.Meeting
	var out []Conflict
	for _, a := range ruleAttendees(in.Attendees) {
		prev, next := in.neighbours(a.MemberID)
		if prev != nil {
			if minutes, short := in.travelShort(prev.VenueID, m.StartsAt.Sub(prev.EndsAt)); short {
				out = append(out, Conflict{
					Rule: RuleTravelTime,
					Message: fmt.Sprintf("%s needs %d minutes to travel from “%s”, which ends at %s; this meeting starts at %s.",
						in.person(a), minutes, prev.Title, ruleClock(prev.EndsAt, in.Location), ruleClock(m.StartsAt, in.Location)),
					MeetingID: prev.MeetingID,
					MemberID:  a.MemberID,
				})
			}
		}
		if next != nil {
			if minutes, short := in.travelShort(next.VenueID, next.StartsAt.Sub(m.EndsAt)); short {
				out = append(out, Conflict{
					Rule: RuleTravelTime,
					Message: fmt.Sprintf("%s needs %d minutes to travel to “%s”, which starts at %s; this meeting ends at %s.",
						in.person(a), minutes, next.Title, ruleClock(next.StartsAt, in.Location), ruleClock(m.EndsAt, in.Location)),
					MeetingID: next.MeetingID,
					MemberID:  a.MemberID,
				})
			}
		}
	}
	return out
}

// travelShort reports the travel minutes between the candidate's venue and
// venue, and whether gap is too short for them. Unknown pairs are never short.
func (in RuleInput) travelShort(venue string, gap time.Duration) (int, bool) {
	if in.VenueID == "" || venue == "" || venue == in.VenueID {
		return 0, false
	}
	minutes, ok := in.Travel.Minutes(in.VenueID, venue)
	return minutes, ok && gap < time.Duration(minutes)*time.Minute
}

// ruleRestTime: a person's previous and next meetings leave them the
// summit's rest minutes plus the travel minutes between the venues (0 within
// one venue or for an unknown pair). Off while RestMinutes is 0.
func ruleRestTime(in RuleInput) []Conflict {
	rest := in.Summit.RestMinutes
	if rest <= 0 {
		return nil
	}
	m := in.Meeting
	var out []Conflict
	for _, a := range ruleAttendees(in.Attendees) {
		prev, next := in.neighbours(a.MemberID)
		if prev != nil {
			if need, gap := in.restNeed(prev.VenueID), m.StartsAt.Sub(prev.EndsAt); gap < need {
				out = append(out, Conflict{
					Rule: RuleRestTime,
					Message: fmt.Sprintf("%s would have only %d minutes after “%s” (ends %s); the summit asks for %s.",
						in.person(a), int(gap/time.Minute), prev.Title, ruleClock(prev.EndsAt, in.Location), in.restWords(prev.VenueID)),
					MeetingID: prev.MeetingID,
					MemberID:  a.MemberID,
				})
			}
		}
		if next != nil {
			if need, gap := in.restNeed(next.VenueID), next.StartsAt.Sub(m.EndsAt); gap < need {
				out = append(out, Conflict{
					Rule: RuleRestTime,
					Message: fmt.Sprintf("%s would have only %d minutes before “%s” (starts %s); the summit asks for %s.",
						in.person(a), int(gap/time.Minute), next.Title, ruleClock(next.StartsAt, in.Location), in.restWords(next.VenueID)),
					MeetingID: next.MeetingID,
					MemberID:  a.MemberID,
				})
			}
		}
	}
	return out
}

// travelTo returns the travel minutes between the candidate's venue and
// venue: 0 within one venue, where either is unknown, or for an unknown pair.
func (in RuleInput) travelTo(venue string) int {
	minutes, ok := in.Travel.Minutes(in.VenueID, venue)
	if !ok {
		return 0
	}
	return minutes
}

// restNeed is the gap rest_time asks for next to a meeting at venue.
func (in RuleInput) restNeed(venue string) time.Duration {
	return time.Duration(in.Summit.RestMinutes+in.travelTo(venue)) * time.Minute
}

// restWords says in a message what rest_time asks for next to a meeting at venue.
func (in RuleInput) restWords(venue string) string {
	if travel := in.travelTo(venue); travel > 0 {
		return fmt.Sprintf("%d minutes of rest plus %d minutes of travel", in.Summit.RestMinutes, travel)
	}
	return fmt.Sprintf("%d minutes of rest", in.Summit.RestMinutes)
}

// ruleDailyLimit: no head of delegation attends more than the summit's
// MaxBilateralsPerDay bilaterals on one summit day (the day the meeting
// starts, in the summit's zone), the candidate counted when it is a
// bilateral. Off while the limit is 0 and for other kinds.
func ruleDailyLimit(in RuleInput) []Conflict {
	limit, m := in.Summit.MaxBilateralsPerDay, in.Meeting
	if limit <= 0 || m.Kind != "bilateral" {
		return nil
	}
	day := m.StartsAt.In(in.Location).Format(time.DateOnly)
	var out []Conflict
	for _, a := range ruleAttendees(in.Attendees) {
		if !a.IsHead {
			continue
		}
		n := 0
		for _, b := range in.Others {
			if b.Kind == "bilateral" && Contains(b.MemberIDs, a.MemberID) && b.StartsAt.In(in.Location).Format(time.DateOnly) == day {
				n++
			}
		}
		if n+1 > limit {
			out = append(out, Conflict{
				Rule: RuleDailyLimit,
				Message: fmt.Sprintf("%s already has %d %s on %s; the summit allows %d a day.",
					in.person(a), n, plural(n, "bilateral", "bilaterals"), m.StartsAt.In(in.Location).Format("2 January"), limit),
				MemberID: a.MemberID,
			})
		}
	}
	return out
}

func ruleRoomCapacity(in RuleInput) []Conflict {
	if in.Room == nil {
		return nil
	}
	people := max(in.Meeting.ExpectedAttendance, len(ruleAttendees(in.Attendees)))
	if people <= in.Room.Capacity {
		return nil
	}
	return []Conflict{{
		Rule:    RuleRoomCapacity,
		Message: fmt.Sprintf("Room %s seats %d; this meeting expects %d people.", in.Room.Name, in.Room.Capacity, people),
		RoomID:  in.Room.ID,
	}}
}

func ruleInterpretation(in RuleInput) []Conflict {
	langs := in.Meeting.Languages
	if in.Room == nil || len(langs) < 2 {
		return nil
	}
	var missing []string
	for _, l := range langs {
		if !Contains(in.Room.InterpretationLanguages, l) && !Contains(missing, l) {
			missing = append(missing, l)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return []Conflict{{
		Rule: RuleInterpretation,
		Message: fmt.Sprintf("Room %s has no interpretation booth for %s.",
			in.Room.Name, strings.Join(missing, ", ")),
		RoomID: in.Room.ID,
	}}
}

func ruleDelegationPresence(in RuleInput) []Conflict {
	m := in.Meeting
	var out []Conflict
	var seen []string
	for _, p := range m.Participants {
		d, ok := in.Delegations[p.DelegationID]
		if !ok || Contains(seen, p.DelegationID) {
			continue
		}
		seen = append(seen, p.DelegationID)
		var problems []string
		if d.ArrivalAt != nil && d.ArrivalAt.After(m.StartsAt) {
			problems = append(problems, "arrives on "+ruleDayClock(*d.ArrivalAt, in.Location)+", after this meeting starts")
		}
		if d.DepartureAt != nil && d.DepartureAt.Before(m.EndsAt) {
			problems = append(problems, "leaves on "+ruleDayClock(*d.DepartureAt, in.Location)+", before this meeting ends")
		}
		if len(problems) > 0 {
			out = append(out, Conflict{
				Rule:         RuleDelegationPresence,
				Message:      fmt.Sprintf("The %s delegation %s.", d.Name, strings.Join(problems, ", and ")),
				DelegationID: d.ID,
			})
		}
	}
	return out
}

func ruleOutsideSummit(in RuleInput) []Conflict {
	s := in.Summit
	if s.StartsOn == "" {
		return nil
	}
	endsOn := cmp.Or(s.EndsOn, s.StartsOn)
	first, _, err1 := localDay(s.StartsOn, in.Location)
	last, end, err2 := localDay(endsOn, in.Location)
	if err1 != nil || err2 != nil {
		return nil
	}
	m := in.Meeting
	if !m.StartsAt.Before(first) && !m.EndsAt.After(end) {
		return nil
	}
	return []Conflict{{
		Rule: RuleOutsideSummit,
		Message: fmt.Sprintf("The summit runs from %s to %s (%s time); this meeting falls outside those dates.",
			first.Format("2 January"), last.Format("2 January 2006"), in.Location),
	}}
}

// person names an attendee in a message by their delegation only.
func (in RuleInput) person(a Attendee) string {
	d, ok := in.Delegations[a.DelegationID]
	switch {
	case a.Name != "" && ok && d.Name != "":
		return a.Name + " (" + d.Name + ")"
	case a.Name != "":
		return a.Name
	case ok && d.Name != "":
		return "A member of the " + d.Name + " delegation"
	}
	return "A participant"
}

func ruleAttendees(list []Attendee) []Attendee {
	var out []Attendee
	seen := map[string]bool{}
	for _, a := range list {
		if !seen[a.MemberID] {
			seen[a.MemberID] = true
			out = append(out, a)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func ruleClock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

func ruleDayClock(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2 January at 15:04")
}

// Blocking returns the conflicts that stop a write: every hard rule, and
// overridable ones not named in allow. It returns nil when nothing blocks.
func Blocking(conflicts []Conflict, allow []string) []Conflict {
	var out []Conflict
	for _, c := range conflicts {
		if !Overridable(c.Rule) || !Contains(allow, c.Rule) {
			out = append(out, c)
		}
	}
	return out
}

// UsedAllows returns the rules of allow that override at least one of
// conflicts, in the order of Rules, for the audit entry.
func UsedAllows(conflicts []Conflict, allow []string) []string {
	var out []string
	for _, rule := range Rules {
		if !Overridable(rule) || !Contains(allow, rule) {
			continue
		}
		if slices.ContainsFunc(conflicts, func(c Conflict) bool { return c.Rule == rule }) {
			out = append(out, rule)
		}
	}
	return out
}

// RedactConflicts returns a copy of conflicts in which every conflict about a
// meeting the caller may not see (visible reports false for its MeetingID)
// has a generic message naming only the rule and no MeetingID. Conflicts
// without a MeetingID concern the candidate alone and are kept as they are.
func RedactConflicts(conflicts []Conflict, visible func(meetingID string) bool) []Conflict {
	if conflicts == nil {
		return nil
	}
	out := make([]Conflict, len(conflicts))
	for i, c := range conflicts {
		if c.MeetingID != "" && !visible(c.MeetingID) {
			c.Message, c.MeetingID = ruleRedacted(c.Rule), ""
		}
		out[i] = c
	}
	return out
}

func ruleRedacted(rule string) string {
	switch rule {
	case RuleRoomOverlap:
		return "The room is taken at this time."
	case RuleMemberOverlap:
		return "A participant is busy at this time."
	case RuleTravelTime:
		return "A participant cannot travel in time from or to another meeting."
	case RuleRestTime:
		return "A participant would not have the summit's rest before or after another meeting."
	default:
		return "This meeting conflicts with another meeting."
	}
}
