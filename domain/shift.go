package domain

import (
	"context"
	"errors"
	"slices"
	"time"
)

// MaxShiftMinutes is how far a shift may move meetings either way: a day.
const MaxShiftMinutes = 24 * 60

// ShiftRequest is the "running late" operation: the meetings of one room
// (RoomID) or of every room of one venue (VenueID) that start at or after
// From on that summit day move by Minutes (negative: earlier).
type ShiftRequest struct {
	RoomID, VenueID string
	From            time.Time
	Minutes         int
	Allow           []string // overridable rules allowed for every moved meeting
	DryRun          bool     // compute the answer, write nothing
}

// errDryRun rolls back a dry run's transaction once its answer is known.
var errDryRun = errors.New("dry run")

// Shift moves the meetings r names, all or nothing in one transaction
// (organisers). Each moves through book, so every rule is checked against
// the programme as it stands, knock-on effects on the people's other
// meetings included: when any moved meeting breaks a rule, ECONFLICT lists
// every conflict of every moved meeting and nothing is written. Meetings
// move in an order that never makes them collide with each other: latest
// first for a delay, earliest first for an earlier start. It returns the
// moved meetings in time order; a dry run returns the same and writes nothing.
func (s Meetings) Shift(ctx context.Context, actor Actor, r ShiftRequest) ([]Meeting, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var v Validation
	if (r.RoomID == "") == (r.VenueID == "") {
		v.Add("room_id", "give exactly one of room_id and venue_id")
	}
	v.Check(!r.From.IsZero(), "from", "is required")
	switch {
	case r.Minutes == 0:
		v.Add("minutes", "must not be 0")
	case r.Minutes > MaxShiftMinutes || r.Minutes < -MaxShiftMinutes:
		v.Add("minutes", "more than a day: at most %d either way", MaxShiftMinutes)
	}
	checkAllow(&v, r.Allow)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []Meeting
	err := s.Store.WithTx(ctx, func(tx BookingRepos) error {
		ms, dayStart, dayEnd, err := shiftable(ctx, tx, r)
		if err != nil {
			return err
		}
		by := time.Duration(r.Minutes) * time.Minute
		if r.Minutes > 0 {
			slices.Reverse(ms) // latest first
		}
		out = out[:0]
		var days Validation
		var conflicts []Conflict
		var sc scope
		for i := range ms {
			old := &ms[i]
			m := *old
			m.StartsAt, m.EndsAt = old.StartsAt.Add(by), old.EndsAt.Add(by)
			if m.StartsAt.Before(dayStart) || !m.StartsAt.Before(dayEnd) || m.EndsAt.After(maxTime(dayEnd, old.EndsAt)) {
				days.Add("minutes", "moves meeting %s into another day", old.ID)
				continue
			}
			m.Allow = nonNilList(slices.Clone(old.Allow))
			for _, rule := range r.Allow {
				if !Contains(m.Allow, rule) {
					m.Allow = append(m.Allow, rule)
				}
			}
			var blocked *Error
			if err := s.Clock.book(ctx, tx, actor, booking{Old: old, Meeting: &m, Scope: &sc}); errors.As(err, &blocked) && blocked.Conflicts != nil {
				conflicts = append(conflicts, blocked.Conflicts...)
				continue
			} else if err != nil {
				return err
			}
			out = append(out, m)
		}
		if err := days.Err(); err != nil {
			return err
		}
		if len(conflicts) > 0 {
			return conflictError(conflicts)
		}
		if _, err := s.Clock.recheck(ctx, tx, actor, sc); err != nil {
			return err
		}
		if r.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Meeting) int { return a.StartsAt.Compare(b.StartsAt) })
	return out, nil
}

// shiftable reads, in time order, the non-cancelled meetings of r's room or
// venue that start at or after r.From and before the end of that summit
// day (in the summit's time zone), and that day's bounds. An unknown room or venue
// is EINVALID naming it.
func shiftable(ctx context.Context, tx BookingRepos, r ShiftRequest) (ms []Meeting, dayStart, dayEnd time.Time, err error) {
	if r.RoomID != "" {
		_, err = tx.RoomByID(ctx, r.RoomID)
	} else {
		_, err = tx.VenueByID(ctx, r.VenueID)
	}
	if ErrorCode(err) == ENOTFOUND {
		field := map[bool]string{true: "room_id", false: "venue_id"}[r.RoomID != ""]
		return nil, dayStart, dayEnd, &Error{Code: EINVALID, Message: "The request has invalid fields.",
			Fields: []FieldError{{Field: field, Message: "no such " + field[:len(field)-3]}}}
	} else if err != nil {
		return nil, dayStart, dayEnd, err
	}
	loc := time.UTC
	if summit, err := tx.Summit(ctx); err == nil {
		if l, err := time.LoadLocation(summit.Timezone); err == nil {
			loc = l
		}
	} else if ErrorCode(err) != ENOTFOUND {
		return nil, dayStart, dayEnd, err
	}
	dayStart, dayEnd, _ = localDay(r.From.In(loc).Format(time.DateOnly), loc)
	f := MeetingFilter{RoomID: r.RoomID, VenueID: r.VenueID, From: r.From, To: dayEnd}
	all, err := meetingsWhere(ctx, tx, f)
	for _, m := range all {
		if m.Status != MeetingCancelled && !m.StartsAt.Before(r.From) {
			ms = append(ms, m)
		}
	}
	return ms, dayStart, dayEnd, err
}
