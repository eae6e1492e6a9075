package api

import (
	"bytes"
	"context"
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

func (r hotelBlockResponse) key() (string, int) { return r.ID, r.Version }

// listHotelBlocks answers GET /hotels/{venue}/blocks and, for every hotel, GET /hotel-blocks.
func (s *Server) listHotelBlocks(c echo.Context) error {
	bs, err := s.svc.Hotels.Blocks(c.Request().Context(), actorOf(c), c.Param("venue"))
	return listed(c, bs, err, toHotelBlockResponse)
}

func (s *Server) getHotelBlock(c echo.Context) error {
	b, err := s.svc.Hotels.Block(c.Request().Context(), actorOf(c), c.Param("venue"), c.Param("id"))
	return answered(c, b, err, toHotelBlockResponse)
}

// saveHotelBlock creates (POST, no id) or changes (PATCH) a block of the path's hotel.
func (s *Server) saveHotelBlock(c echo.Context) error {
	return saved[hotelBlockRequest](c, toHotelBlockResponse,
		func(ctx context.Context, a domain.Actor, id string, p domain.HotelBlockPatch, ifMatch int) (*domain.HotelBlock, error) {
			return s.svc.Hotels.SaveBlock(ctx, a, c.Param("venue"), id, p, ifMatch)
		})
}

func (s *Server) deleteHotelBlock(c echo.Context) error {
	return deleted(c, func(ctx context.Context, a domain.Actor, id string, ifMatch int) error {
		return s.svc.Hotels.DeleteBlock(ctx, a, c.Param("venue"), id, ifMatch)
	})
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
