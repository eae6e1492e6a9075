package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// SummitRepos are what the summit's settings read and write.
type SummitRepos interface {
	SummitRepo
	ProblemRepos
}

// SummitStore is what the summit's settings are kept in.
type SummitStore interface {
	SummitRepos
	Transactor[SummitRepos]
}

// Summits is the service for the summit's settings: everybody signed in
// reads them; organisers change them.
type Summits struct {
	Store SummitStore
	Clock Clock
}

// Get returns the summit's settings (ENOTFOUND while none are set).
func (svc Summits) Get(ctx context.Context) (*Summit, error) { return svc.Store.Summit(ctx) }

// Put replaces the summit's settings (organisers), at version ifMatch when
// given. It returns the problems the change made (impact); a dry run
// writes nothing.
func (svc Summits) Put(ctx context.Context, actor Actor, s Summit, ifMatch int, dryRun bool) (*Summit, []Impact, error) {
	if err := CanPlan(actor); err != nil {
		return nil, nil, err
	}
	var v Validation
	v.Check(strings.TrimSpace(s.Name) != "" && utf8.RuneCountInString(s.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(strings.TrimSpace(s.City) != "" && utf8.RuneCountInString(s.City) <= 100, "city", "must be 1 to 100 characters")
	v.Check(len(s.Timezone) <= 64, "timezone", "must be at most 64 characters")
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		v.Add("timezone", "must be an IANA time zone such as Asia/Almaty")
	}
	from, err1 := time.Parse("2006-01-02", s.StartsOn)
	to, err2 := time.Parse("2006-01-02", s.EndsOn)
	v.Check(err1 == nil, "starts_on", "must be a date such as 2024-07-03")
	v.Check(err2 == nil, "ends_on", "must be a date such as 2024-07-04")
	if err1 == nil && err2 == nil {
		v.Check(!to.Before(from), "ends_on", "must not be before starts_on")
	}
	ds, err3 := parseClock(s.DayStarts)
	de, err4 := parseClock(s.DayEnds)
	v.Check(err3 == nil, "day_starts", "must be a time such as 08:00")
	v.Check(err4 == nil, "day_ends", "must be a time such as 22:00")
	if err3 == nil && err4 == nil {
		v.Check(de.After(ds), "day_ends", "must be after day_starts")
	}
	v.Check(s.RestMinutes >= 0 && s.RestMinutes <= 240, "rest_minutes", "must be 0 to 240")
	v.Check(s.MaxBilateralsPerDay >= 0 && s.MaxBilateralsPerDay <= 50, "max_bilaterals_per_day", "must be 0 to 50")
	v.Check(s.ArrivalBufferMinutes >= 0 && s.ArrivalBufferMinutes <= 240, "arrival_buffer_minutes", "must be 0 to 240")
	if err := v.Err(); err != nil {
		return nil, nil, err
	}
	var impact []Impact
	err := writeOrTry(ctx, svc.Store, dryRun, func(tx SummitRepos) error {
		var before any
		old, err := tx.Summit(ctx)
		switch {
		case ErrorCode(err) == ENOTFOUND:
			s.Version = 0
		case err != nil:
			return err
		default:
			if err := checkVersion("summit", old.Version, ifMatch); err != nil {
				return err
			}
			s.Version, before = old.Version, old
		}
		if err := tx.PutSummit(ctx, &s); err != nil {
			return err
		}
		if err := svc.Clock.audit(ctx, tx, actor, "update", "summit", "summit", before, &s); err != nil {
			return err
		}
		sc := scope{all: true, rules: summitRules(old, &s)}
		if sc.rules != nil && len(sc.rules) == 0 {
			return nil
		}
		impact, err = svc.Clock.impact(ctx, tx, actor, sc)
		return err
	})
	return &s, impact, err
}

// summitRules returns the rules that read what changed from old to s: nil
// (all) when the zone changed, since every message tells local times.
func summitRules(old, s *Summit) []string {
	if old == nil || old.Timezone != s.Timezone {
		return nil
	}
	rules := []string{}
	if old.StartsOn != s.StartsOn || old.EndsOn != s.EndsOn {
		rules = append(rules, RuleOutsideSummit)
	}
	if old.RestMinutes != s.RestMinutes {
		rules = append(rules, RuleRestTime)
	}
	if old.MaxBilateralsPerDay != s.MaxBilateralsPerDay {
		rules = append(rules, RuleDailyLimit)
	}
	return rules
}

// parseClock reads a time of day written as 15:04, two digits each.
func parseClock(s string) (time.Time, error) {
	if len(s) != 5 {
		return time.Time{}, Errorf(EINVALID, "not HH:MM")
	}
	return time.Parse("15:04", s)
}
