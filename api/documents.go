package api

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/pdf"
)

// Documents (CONTRACT section 13): GET /agenda.pdf?delegation_id=&date=&lang=
// and GET /rooms/{id}/day.pdf?date=&lang=, A4 PDFs of what the caller may
// see of the programme, drafts never.

// agendaPDF answers a delegation's agenda as a PDF.
func (s *Server) agendaPDF(c echo.Context) error {
	q := domain.SheetQuery{DelegationID: c.QueryParam("delegation_id"), Date: c.QueryParam("date"), Lang: c.QueryParam("lang")}
	sh, err := s.svc.Documents.Agenda(c.Request().Context(), actorOf(c), q)
	if err != nil {
		return err
	}
	name := "agenda-" + sh.Delegation.Code
	if sh.Date != "" {
		name += "-" + sh.Date
	}
	return sendPDF(c, name+"-"+sh.Lang, func(b *bytes.Buffer) error { return pdf.Agenda(b, sh) })
}

// roomDayPDF answers a room's day as a PDF.
func (s *Server) roomDayPDF(c echo.Context) error {
	q := domain.SheetQuery{RoomID: c.Param("id"), Date: c.QueryParam("date"), Lang: c.QueryParam("lang")}
	sh, err := s.svc.Documents.RoomDay(c.Request().Context(), actorOf(c), q)
	if err != nil {
		return err
	}
	return sendPDF(c, "room-"+sh.Date+"-"+sh.Lang, func(b *bytes.Buffer) error { return pdf.RoomDay(b, sh) })
}

// sendPDF writes a document into memory (so that a failure is still a
// problem, not half a file) and sends it as the attachment name.pdf.
func sendPDF(c echo.Context, name string, write func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.pdf"`, name))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/pdf", b.Bytes())
}
