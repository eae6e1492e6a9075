package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/export"
)

// Export (CONTRACT section 13): GET /export/{programme|delegations|members|requests}.{csv|xlsx}
// for organisers. Columns are named as the API's fields (names.ru … for the
// names in other languages; lists joined with "; "; participants as
// delegation codes); times are in the summit's zone with the offset. Rows
// are read a page at a time and written as they come: the XLSX through
// excelize's streaming writer, so that memory stays flat however long the
// programme.

// exportPage is how many rows are read from the store at a time.
const exportPage = 500

// exportKinds are the exports and their column headers.
var exportKinds = map[string][]string{
	"programme":   export.ProgrammeHeader,
	"delegations": delegationColumns,
	"members":     memberColumns,
	"requests": {"id", "from_delegation_id", "from_delegation_code", "to_delegation_id", "to_delegation_code",
		"duration_minutes", "priority", "earliest", "latest", "note", "status", "meeting_id", "version", "created_at", "updated_at"},
	"rooming": roomingColumns,
}

func (s *Server) export(c echo.Context) error {
	kind, format, _ := strings.Cut(c.Param("file"), ".")
	header, ok := exportKinds[kind]
	if !ok || (format != "csv" && format != "xlsx") {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	if err := domain.CanPlan(actor); err != nil {
		return err
	}
	zone, err := s.summitZone(ctx)
	if err != nil {
		return err
	}
	var rooming []domain.RoomingEntry
	if kind == "rooming" { // read first: an unknown hotel is a 404, not half a file
		if rooming, err = s.svc.Hotels.Rooming(ctx, actor, c.QueryParam("hotel_venue_id")); err != nil {
			return err
		}
	}
	// Everything is read before the first byte goes out, but for the programme's
	// rows, which are read a page at a time while writing.
	var delegations []domain.Delegation
	err = domain.EachPage(exportPage, func(p domain.Page) ([]domain.Delegation, string, error) { return s.svc.Delegations.List(ctx, actor, p) },
		func(ds []domain.Delegation) error { delegations = append(delegations, ds...); return nil })
	if err != nil {
		return err
	}
	codes := make(map[string]string, len(delegations))
	for _, d := range delegations {
		codes[d.ID] = d.Code
	}

	res := c.Response()
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="summit-%s.%s"`, kind, format))
	res.Header().Set("Cache-Control", "no-store")
	res.Header().Set(echo.HeaderContentType, export.ContentTypes[format])
	out, err := export.New(res, format, kind)
	if err != nil {
		return err
	}
	res.WriteHeader(http.StatusOK)
	write := func(cells ...string) error { return out.Row(cells) }
	z := sheetTimes{zone}
	at, atPtr, itoa := z.at, z.atPtr, strconv.Itoa
	if err := out.Row(append([]string(nil), header...)); err != nil {
		return err
	}
	switch kind {
	case "programme":
		err = domain.EachPage(exportPage, func(p domain.Page) ([]domain.Meeting, string, error) {
			return s.svc.Meetings.List(ctx, actor, domain.MeetingFilter{}, p)
		}, func(ms []domain.Meeting) error {
			for i := range ms {
				if err := out.Row(export.ProgrammeRow(&ms[i], codes, zone)); err != nil {
					return err
				}
			}
			return nil
		})
	case "delegations":
		for _, d := range delegations {
			if err := out.Row(z.delegationCells(&d)); err != nil {
				return err
			}
		}
	case "members":
		ms, err := s.svc.Delegations.MembersOf(ctx, actor, nil)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if err := out.Row(z.memberCells(&m, codes[m.DelegationID])); err != nil {
				return err
			}
		}
	case "rooming":
		for i := range rooming {
			if err := out.Row(roomingCells(&rooming[i])); err != nil {
				return err
			}
		}
	case "requests":
		err = domain.EachPage(exportPage, func(p domain.Page) ([]domain.BilateralRequest, string, error) {
			return s.svc.Requests.List(ctx, actor, domain.RequestFilter{}, p)
		}, func(rs []domain.BilateralRequest) error {
			for _, r := range rs {
				if err := write(r.ID, r.FromDelegationID, codes[r.FromDelegationID], r.ToDelegationID, codes[r.ToDelegationID],
					itoa(r.DurationMinutes), itoa(r.Priority), atPtr(r.Earliest), atPtr(r.Latest), r.Note, string(r.Status),
					r.MeetingID, itoa(r.Version), at(r.CreatedAt), at(r.UpdatedAt)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	return out.Close()
}
