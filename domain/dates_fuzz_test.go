package domain

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// Fuzzing the domain's dates and clocks (issue 11): the summit's settings
// (starts_on and ends_on, 2006-01-02; day_starts and day_ends, 15:04) and the
// agenda's date (2006-01-02 in the summit's zone). The API's RFC 3339 times
// are fuzzed in package api (FuzzTimeParam).

// fuzzSummitStore is a SummitStore in memory with no meetings: the calls
// the settings and their problem check make; any other panics on the nil
// ProblemRepos.
type fuzzSummitStore struct {
	ProblemRepos
	summit *Summit
}

func (s *fuzzSummitStore) ListMeetings(context.Context, MeetingFilter, Page) ([]Meeting, string, error) {
	return nil, "", nil
}

func (s *fuzzSummitStore) ProblemsOf(context.Context, []string) ([]Problem, error) { return nil, nil }

func (s *fuzzSummitStore) Summit(context.Context) (*Summit, error) {
	if s.summit == nil {
		return nil, Errorf(ENOTFOUND, "No summit.")
	}
	c := *s.summit
	return &c, nil
}

func (s *fuzzSummitStore) PutSummit(_ context.Context, x *Summit) error {
	c := *x
	s.summit = &c
	return nil
}

func (s *fuzzSummitStore) AppendAudit(context.Context, *AuditEntry) error { return nil }

func (s *fuzzSummitStore) WithTx(_ context.Context, fn func(SummitRepos) error) error { return fn(s) }

// fuzzAgendaStore answers the two calls Meetings.Agenda makes for a query
// by date alone; any other call panics on the nil MeetingStore.
type fuzzAgendaStore struct {
	MeetingStore
	summit Summit
	filter *MeetingFilter
}

func (s *fuzzAgendaStore) Summit(context.Context) (*Summit, error) {
	c := s.summit
	return &c, nil
}

func (s *fuzzAgendaStore) Agenda(_ context.Context, f MeetingFilter) ([]AgendaItem, error) {
	s.filter = &f
	return nil, nil
}

// fuzzZones are the summit time zones FuzzSummitTimes picks from: UTC, one
// without daylight saving, and two with it (Santiago's starts at midnight,
// so that some local midnights do not exist).
var fuzzZones = []string{"UTC", "Asia/Almaty", "America/Santiago", "Europe/London"}

var (
	dateForm  = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	clockForm = regexp.MustCompile(`^(\d{2}):(\d{2})$`)
	// goLenientClock is what time.Parse("15:04", ...) accepts beyond
	// clockForm: a one-digit hour.
	goLenientClock = regexp.MustCompile(`^(\d):(\d{2})$`)
)

// fuzzDate returns the date s names when it is a valid 2006-01-02 date.
func fuzzDate(s string) (time.Time, bool) {
	m := dateForm.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Year() == y && int(t.Month()) == mo && t.Day() == d
}

// fuzzClock returns the minutes after midnight s names when it is a valid
// 15:04 clock; lenient tells that s has Go's one-digit hour.
func fuzzClock(s string) (minutes int, ok, lenient bool) {
	m := clockForm.FindStringSubmatch(s)
	if m == nil {
		if m = goLenientClock.FindStringSubmatch(s); m == nil {
			return 0, false, false
		}
		lenient = true
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	return h*60 + mi, h < 24 && mi < 60, lenient
}

// FuzzSummitTimes: setting the summit's dates and working hours never
// panics; a field is refused (EINVALID naming it) exactly when it is not a
// valid 2006-01-02 date or 15:04 clock, or when ends_on is before starts_on
// or day_ends not after day_starts; what is accepted is stored as sent.
// Asking for the agenda of a date never panics; a date refused is EMALFORMED
// naming "date", a date accepted is a valid 2006-01-02 date, and the agenda
// covers exactly that local day in the summit's zone.
func FuzzSummitTimes(f *testing.F) {
	for _, s := range []struct {
		startsOn, endsOn, dayStarts, dayEnds string
		zone                                 uint8
	}{
		{"2024-07-03", "2024-07-04", "08:00", "22:00", 1},
		{"2024-07-04", "2024-07-03", "22:00", "08:00", 0},
		{"2024-07-04", "2024-07-04", "08:00", "08:00", 3},
		{"2024-02-29", "2023-02-29", "8:00", "24:00", 0},
		{"2024-09-08", "2024-09-08", "00:00", "23:59", 2}, // Santiago: no local midnight that day
		{"2024-04-06", "2024-04-07", "07:30", "07:31", 2}, // Santiago: midnight twice
		{"2024-03-31", "2024-10-27", "00:59", "01:00", 3},
		{"", "", "", "", 3},
		{"2024-7-4", "20240704", "0800", "22:00:00", 3},
		{"0000-01-01", "9999-12-31", "23:59", "00:00", 0},
		{"2024-07-04T00:00:00Z", " 2024-07-04", "08:00 ", "-1:00", 1},
		{"2024-13-01", "2024-00-10", "12:60", "١٢:٠٠", 0},
		{"+2024-07-04", "2024-07-04\x00", "8:0", "0:00", 1},
	} {
		f.Add(s.startsOn, s.endsOn, s.dayStarts, s.dayEnds, s.zone)
	}
	f.Fuzz(func(t *testing.T, startsOn, endsOn, dayStarts, dayEnds string, zone uint8) {
		tz := fuzzZones[int(zone)%len(fuzzZones)]
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Skipf("time zone %s: %v (no tzdata?)", tz, err)
		}
		in := Summit{Name: "SCO Summit", City: "Astana", Timezone: tz, StartsOn: startsOn, EndsOn: endsOn, DayStarts: dayStarts, DayEnds: dayEnds}
		checkSummitPut(t, in)
		for _, date := range []string{startsOn, endsOn} {
			checkAgendaDate(t, in, loc, date)
		}
	})
}

func checkSummitPut(t *testing.T, in Summit) {
	t.Helper()
	ctx := context.Background()
	store := &fuzzSummitStore{}
	svc := Summits{Store: store, Clock: func() time.Time { return time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC) }}
	got, _, err := svc.Put(ctx, Actor{UserID: "u-1", Role: RoleOrganiser}, in, 0, false)

	// The fields that must be refused, and those that may be.
	var must, may []string
	from, okFrom := fuzzDate(in.StartsOn)
	to, okTo := fuzzDate(in.EndsOn)
	if !okFrom {
		must = append(must, "starts_on")
	}
	if !okTo || okFrom && to.Before(from) {
		must = append(must, "ends_on")
	}
	ds, okDS, lenientDS := fuzzClock(in.DayStarts)
	de, okDE, lenientDE := fuzzClock(in.DayEnds)
	// A clock is HH:MM, two digits each: a one-digit hour ("8:00") is refused.
	if !okDS || lenientDS {
		must = append(must, "day_starts")
	}
	if !okDE || lenientDE || okDS && !lenientDS && de <= ds {
		must = append(must, "day_ends")
	}

	if err == nil {
		if len(must) > 0 {
			t.Fatalf("Put accepted %+v; want %v refused", in, must)
		}
		if got.StartsOn != in.StartsOn || got.EndsOn != in.EndsOn || got.DayStarts != in.DayStarts || got.DayEnds != in.DayEnds ||
			store.summit == nil || *store.summit != *got {
			t.Fatalf("Put of %+v returned %+v and stored %+v", in, got, store.summit)
		}
		return
	}
	var de2 *Error
	if !errors.As(err, &de2) || de2.Code != EINVALID {
		t.Fatalf("Put of %+v: %T %v, want an EINVALID *Error", in, err, err)
	}
	var refused []string
	for _, fe := range de2.Fields {
		if !slices.Contains(refused, fe.Field) {
			refused = append(refused, fe.Field)
		}
	}
	for _, f := range must {
		if !slices.Contains(refused, f) {
			t.Fatalf("Put of %+v refused %v, not %s", in, refused, f)
		}
	}
	for _, f := range refused {
		if !slices.Contains(must, f) && !slices.Contains(may, f) {
			t.Fatalf("Put of %+v refused %s, which is valid (refused %v)", in, f, refused)
		}
	}
	if store.summit != nil {
		t.Fatalf("Put of %+v failed but stored %+v", in, store.summit)
	}
}

func checkAgendaDate(t *testing.T, summit Summit, loc *time.Location, date string) {
	t.Helper()
	store := &fuzzAgendaStore{summit: summit}
	_, err := Meetings{Store: store}.Agenda(context.Background(), Actor{UserID: "u-1", Role: RoleOrganiser}, AgendaQuery{Date: date})
	day, valid := fuzzDate(date)
	if err != nil {
		var de *Error
		if !errors.As(err, &de) || de.Code != EMALFORMED || len(de.Fields) != 1 || de.Fields[0].Field != "date" {
			t.Fatalf("agenda of %q: %T %v, want EMALFORMED naming date", date, err, err)
		}
		if valid {
			t.Fatalf("agenda of %q, a valid date, refused: %v", date, err)
		}
		return
	}
	if store.filter == nil {
		t.Fatalf("agenda of %q: the store was not asked", date)
	}
	f := *store.filter
	if date == "" {
		if !f.From.IsZero() || !f.To.IsZero() {
			t.Fatalf("agenda without a date asked for %v–%v", f.From, f.To)
		}
		return
	}
	if !valid {
		t.Fatalf("agenda accepted %q, which is not a 2006-01-02 date", date)
	}
	// [From, To) must be the local day: From its first instant, To the next
	// day's.
	next := day.AddDate(0, 0, 1)
	for _, b := range []struct {
		what string
		at   time.Time
		day  time.Time
	}{{"from", f.From, day}, {"to", f.To, next}} {
		want := b.day.Format(time.DateOnly)
		if b.at.In(loc).Format(time.DateOnly) == want && b.at.Add(-time.Nanosecond).In(loc).Format(time.DateOnly) != want {
			continue
		}
		t.Fatalf("agenda of %q in %s: %s is %v, not the first instant of %s", date, loc, b.what, b.at.In(loc), want)
	}
}
