package api

import (
	"context"
	"strconv"
	"strings"
	"time"

	"summit/domain"
	"summit/export"
)

// The columns of the spreadsheets that go out (export) and come in
// (import), CONTRACT section 13: the API's field names, names.ru … for the
// names in other languages, lists joined with "; ", times in the summit's
// zone with the offset; a member's delegation and a room's venue also by
// their natural keys (delegation_code, venue_name).

var (
	delegationColumns = []string{"id", "code", "name", "names.ru", "names.zh", "names.kk", "kind", "precedence", "languages",
		"arrival_at", "departure_at", "hotel", "contact_emails", "notice_language", "version", "created_at", "updated_at"}
	memberColumns = []string{"id", "delegation_id", "delegation_code", "full_name", "names.ru", "names.zh", "names.kk", "position",
		"is_head", "accreditation", "version", "created_at", "updated_at"}
	venueColumns = []string{"id", "name", "names.ru", "names.zh", "names.kk", "address", "version", "created_at", "updated_at"}
	roomColumns  = []string{"id", "venue_id", "venue_name", "name", "names.ru", "names.zh", "names.kk", "capacity", "layout",
		"interpretation_languages", "changeover_minutes", "version", "created_at", "updated_at"}
)

// sheetTimes formats times in a summit's zone.
type sheetTimes struct{ zone *time.Location }

func (z sheetTimes) at(t time.Time) string     { return export.Time(t, z.zone) }
func (z sheetTimes) atPtr(t *time.Time) string { return export.TimePtr(t, z.zone) }

// delegationCells is a delegation's row under delegationColumns.
func (z sheetTimes) delegationCells(d *domain.Delegation) []string {
	return []string{d.ID, d.Code, d.Name, d.Names["ru"], d.Names["zh"], d.Names["kk"], d.Kind, strconv.Itoa(d.Precedence),
		strings.Join(d.Languages, "; "), z.atPtr(d.ArrivalAt), z.atPtr(d.DepartureAt), d.Hotel,
		strings.Join(d.ContactEmails, "; "), d.NoticeLanguage, strconv.Itoa(d.Version),
		z.at(d.CreatedAt), z.at(d.UpdatedAt)}
}

// memberCells is a member's row under memberColumns; code is its delegation's.
func (z sheetTimes) memberCells(m *domain.Member, code string) []string {
	return []string{m.ID, m.DelegationID, code, m.FullName, m.Names["ru"], m.Names["zh"], m.Names["kk"], m.Position,
		strconv.FormatBool(m.IsHead), m.Accreditation, strconv.Itoa(m.Version), z.at(m.CreatedAt), z.at(m.UpdatedAt)}
}

// venueCells is a venue's row under venueColumns.
func (z sheetTimes) venueCells(v *domain.Venue) []string {
	return []string{v.ID, v.Name, v.Names["ru"], v.Names["zh"], v.Names["kk"], v.Address, strconv.Itoa(v.Version),
		z.at(v.CreatedAt), z.at(v.UpdatedAt)}
}

// roomCells is a room's row under roomColumns; venue is its venue's name.
func (z sheetTimes) roomCells(r *domain.Room, venue string) []string {
	return []string{r.ID, r.VenueID, venue, r.Name, r.Names["ru"], r.Names["zh"], r.Names["kk"], strconv.Itoa(r.Capacity), r.Layout,
		strings.Join(r.InterpretationLanguages, "; "), strconv.Itoa(r.ChangeoverMinutes), strconv.Itoa(r.Version),
		z.at(r.CreatedAt), z.at(r.UpdatedAt)}
}

// summitZone is the summit's time zone: UTC while no summit is set, or
// when its zone is unknown here.
func (s *Server) summitZone(ctx context.Context) (*time.Location, error) {
	summit, err := s.svc.Summits.Get(ctx)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return time.UTC, nil
	} else if err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation(summit.Timezone)
	if err != nil {
		return time.UTC, nil
	}
	return zone, nil
}
