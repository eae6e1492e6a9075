package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/pdf"
)

// Accommodation (CONTRACT section 15): the blocks of rooms hotels hold for
// delegations, and the rooming list.

// nightsBody is a stay: the first night and the day of leaving, as dates.
type nightsBody struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func toNightsBody(n *domain.Nights) *nightsBody {
	if n == nil {
		return nil
	}
	return &nightsBody{n.From, n.To}
}

func (memberRequest) dateFields() []string { return []string{"nights.from", "nights.to"} }

// nights is the request's nights for a member's patch.
func (r memberRequest) nights() **domain.Nights {
	if !r.Nights.Set {
		return nil
	}
	var n *domain.Nights
	if r.Nights.Value != nil {
		n = &domain.Nights{From: r.Nights.Value.From, To: r.Nights.Value.To}
	}
	return &n
}

type hotelBlockResponse struct {
	ID           string    `json:"id"`
	HotelVenueID string    `json:"hotel_venue_id"`
	DelegationID string    `json:"delegation_id"`
	Rooms        int       `json:"rooms"`
	From         string    `json:"from"`
	To           string    `json:"to"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toHotelBlockResponse(b *domain.HotelBlock) hotelBlockResponse {
	return hotelBlockResponse{ID: b.ID, HotelVenueID: b.HotelVenueID, DelegationID: b.DelegationID, Rooms: b.Rooms,
		From: b.Nights.From, To: b.Nights.To, Version: b.Version, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt}
}

type hotelBlockRequest struct {
	DelegationID optional[string] `json:"delegation_id"`
	Rooms        optional[int]    `json:"rooms"`
	From         optional[string] `json:"from"`
	To           optional[string] `json:"to"`
}

func (hotelBlockRequest) dateFields() []string { return []string{"from", "to"} }

func (r hotelBlockRequest) patch() domain.HotelBlockPatch {
	return domain.HotelBlockPatch{DelegationID: r.DelegationID.orZero(), Rooms: r.Rooms.orZero(), From: r.From.orZero(), To: r.To.orZero()}
}

// listHotelBlocks answers GET /hotels/{venue}/blocks and, for every hotel, GET /hotel-blocks.
func (s *Server) listHotelBlocks(c echo.Context) error {
	bs, err := s.svc.Hotels.Blocks(c.Request().Context(), actorOf(c), c.Param("venue"))
	if err != nil {
		return err
	}
	out := list[hotelBlockResponse]{Items: make([]hotelBlockResponse, len(bs))}
	for i := range bs {
		out.Items[i] = toHotelBlockResponse(&bs[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) getHotelBlock(c echo.Context) error {
	b, err := s.svc.Hotels.Block(c.Request().Context(), actorOf(c), c.Param("venue"), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, b.Version, toHotelBlockResponse(b))
}

// saveHotelBlock creates (POST, no id) or changes (PATCH) a block.
func (s *Server) saveHotelBlock(c echo.Context) error {
	var req hotelBlockRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	id := c.Param("id")
	b, err := s.svc.Hotels.SaveBlock(c.Request().Context(), actorOf(c), c.Param("venue"), id, req.patch(), version)
	if err != nil {
		return err
	}
	if id == "" {
		c.Response().Header().Set("Location", "/api/v1/hotels/"+b.HotelVenueID+"/blocks/"+b.ID)
		return withETag(c, http.StatusCreated, b.Version, toHotelBlockResponse(b))
	}
	return withETag(c, http.StatusOK, b.Version, toHotelBlockResponse(b))
}

func (s *Server) deleteHotelBlock(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.svc.Hotels.DeleteBlock(c.Request().Context(), actorOf(c), c.Param("venue"), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// roomingColumns are the rooming list's columns (GET /export/rooming.{csv|xlsx}).
var roomingColumns = []string{"hotel_venue_id", "hotel", "delegation_code", "delegation", "member_id", "full_name", "position",
	"hotel_room", "from", "to", "nights"}

// stayOf is an entry's nights (the block's when the member has none of its own) and how many.
func stayOf(e *domain.RoomingEntry) (domain.Nights, int) {
	n := e.Block.Nights
	if e.Member.Nights != nil {
		n = *e.Member.Nights
	}
	from, _ := time.Parse(time.DateOnly, n.From)
	to, _ := time.Parse(time.DateOnly, n.To)
	return n, int(to.Sub(from).Hours() / 24)
}

// roomingCells is an entry's row under roomingColumns.
func roomingCells(e *domain.RoomingEntry) []string {
	n, nights := stayOf(e)
	return []string{e.Hotel.ID, e.Hotel.Name, e.Delegation.Code, e.Delegation.Name, e.Member.ID, e.Member.FullName, e.Member.Position,
		e.Member.HotelRoom, n.From, n.To, strconv.Itoa(nights)}
}

// roomingPDF answers GET /rooming.pdf?hotel_venue_id=: the rooming list to print.
func (s *Server) roomingPDF(c echo.Context) error {
	ctx := c.Request().Context()
	entries, err := s.svc.Hotels.Rooming(ctx, actorOf(c), c.QueryParam("hotel_venue_id"))
	if err != nil {
		return err
	}
	zone, err := s.summitZone(ctx)
	if err != nil {
		return err
	}
	lines := make([]pdf.RoomingLine, len(entries))
	for i := range entries {
		e := &entries[i]
		n, nights := stayOf(e)
		lines[i] = pdf.RoomingLine{Hotel: e.Hotel.Name, Delegation: e.Delegation.Name + " (" + e.Delegation.Code + ")", Name: e.Member.FullName,
			Position: e.Member.Position, Room: e.Member.HotelRoom, From: n.From, To: n.To, Nights: nights}
	}
	now := s.svc.Hotels.Clock.Now().In(zone)
	h := pdf.Header{Title: "Rooming list", Lang: "en", At: now, Printed: pdf.PrintedEnglish(now), Stamp: strconv.Itoa(len(lines)) + " guests"}
	return sendPDF(c, "rooming", func(b *bytes.Buffer) error { return pdf.Rooming(b, h, lines) })
}
