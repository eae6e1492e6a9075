package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

type venueResponse struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Address       string         `json:"address"`
	Kind          string         `json:"kind"`
	TravelMinutes map[string]int `json:"travel_minutes"`
	Names         namesBody      `json:"names"`
	Version       int            `json:"version"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

func toVenueResponse(v *domain.Venue) venueResponse {
	travel := v.TravelMinutes
	if travel == nil {
		travel = map[string]int{}
	}
	return venueResponse{ID: v.ID, Name: v.Name, Address: v.Address, Kind: v.Kind, TravelMinutes: travel, Names: toNamesBody(v.Names), Version: v.Version,
		CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
}

type venueRequest struct {
	Name          optional[string]         `json:"name"`
	Address       optional[string]         `json:"address"`
	Kind          optional[string]         `json:"kind"`
	TravelMinutes optional[map[string]int] `json:"travel_minutes"`
	Names         optional[namesBody]      `json:"names"`
}

func (r venueRequest) patch() domain.VenuePatch {
	return domain.VenuePatch{Name: r.Name.val(), Address: r.Address.val(), Kind: r.Kind.val(), TravelMinutes: r.TravelMinutes.val(), Names: namesPatch(r.Names)}
}

func (s *Server) listVenues(c echo.Context) error {
	vs, err := s.svc.Venues.List(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	out := list[venueResponse]{Items: make([]venueResponse, len(vs))}
	for i := range vs {
		out.Items[i] = toVenueResponse(&vs[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createVenue(c echo.Context) error {
	var req venueRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.svc.Venues.Create(c.Request().Context(), actorOf(c), req.patch())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/venues/"+v.ID)
	return withETag(c, http.StatusCreated, v.Version, toVenueResponse(v))
}

func (s *Server) getVenue(c echo.Context) error {
	v, err := s.svc.Venues.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, v.Version, toVenueResponse(v))
}

func (s *Server) updateVenue(c echo.Context) error {
	var req venueRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	v, impact, err := s.svc.Venues.Update(c.Request().Context(), actorOf(c), c.Param("id"), req.patch(), version, dry)
	if err != nil {
		return err
	}
	return changed(c, dry, v.Version, struct {
		venueResponse
		Impact []impactBody `json:"impact"`
	}{toVenueResponse(v), toImpactBodies(impact)})
}

func (s *Server) deleteVenue(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.svc.Venues.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type roomResponse struct {
	ID                      string    `json:"id"`
	VenueID                 string    `json:"venue_id"`
	Name                    string    `json:"name"`
	Capacity                int       `json:"capacity"`
	Layout                  string    `json:"layout"`
	InterpretationLanguages []string  `json:"interpretation_languages"`
	ChangeoverMinutes       int       `json:"changeover_minutes"`
	Names                   namesBody `json:"names"`
	Version                 int       `json:"version"`
	CreatedAt               time.Time `json:"created_at"`
	UpdatedAt               time.Time `json:"updated_at"`
}

func toRoomResponse(r *domain.Room) roomResponse {
	return roomResponse{ID: r.ID, VenueID: r.VenueID, Name: r.Name, Capacity: r.Capacity, Layout: r.Layout,
		InterpretationLanguages: nonNil(r.InterpretationLanguages), ChangeoverMinutes: r.ChangeoverMinutes,
		Names: toNamesBody(r.Names), Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

type roomRequest struct {
	Name                    optional[string]    `json:"name"`
	Capacity                optional[int]       `json:"capacity"`
	Layout                  optional[string]    `json:"layout"`
	InterpretationLanguages optional[[]string]  `json:"interpretation_languages"`
	ChangeoverMinutes       optional[int]       `json:"changeover_minutes"`
	Names                   optional[namesBody] `json:"names"`
}

func (r roomRequest) patch() domain.RoomPatch {
	return domain.RoomPatch{Name: r.Name.val(), Capacity: r.Capacity.val(), Layout: r.Layout.val(),
		InterpretationLanguages: r.InterpretationLanguages.val(), ChangeoverMinutes: r.ChangeoverMinutes.val(), Names: namesPatch(r.Names)}
}

func (s *Server) listRooms(c echo.Context) error {
	rs, err := s.svc.Venues.Rooms(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := list[roomResponse]{Items: make([]roomResponse, len(rs))}
	for i := range rs {
		out.Items[i] = toRoomResponse(&rs[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createRoom(c echo.Context) error {
	var req roomRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.svc.Venues.CreateRoom(c.Request().Context(), actorOf(c), c.Param("id"), req.patch())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/rooms/"+r.ID)
	return withETag(c, http.StatusCreated, r.Version, toRoomResponse(r))
}

func (s *Server) getRoom(c echo.Context) error {
	r, err := s.svc.Venues.Room(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, r.Version, toRoomResponse(r))
}

func (s *Server) updateRoom(c echo.Context) error {
	var req roomRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	r, impact, err := s.svc.Venues.UpdateRoom(c.Request().Context(), actorOf(c), c.Param("id"), req.patch(), version, dry)
	if err != nil {
		return err
	}
	return changed(c, dry, r.Version, struct {
		roomResponse
		Impact []impactBody `json:"impact"`
	}{toRoomResponse(r), toImpactBodies(impact)})
}

func (s *Server) deleteRoom(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.svc.Venues.DeleteRoom(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
