package api

import (
	"net/http"
	"summit/domain"
	"time"

	"github.com/labstack/echo/v4"
)

type summitBody struct {
	Name      string `json:"name"`
	City      string `json:"city"`
	Timezone  string `json:"timezone"`
	StartsOn  string `json:"starts_on"`
	EndsOn    string `json:"ends_on"`
	DayStarts string `json:"day_starts"`
	DayEnds   string `json:"day_ends"`
	// Absent settings are 0 (off): PUT replaces the whole summit.
	RestMinutes         int `json:"rest_minutes"`
	MaxBilateralsPerDay int `json:"max_bilaterals_per_day"`
	// ArrivalBufferMinutes: absent is the default, 10 (CONTRACT section 14).
	ArrivalBufferMinutes *int `json:"arrival_buffer_minutes"`
}

type summitResponse struct {
	summitBody
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toSummitResponse(x *domain.Summit) summitResponse {
	return summitResponse{summitBody{x.Name, x.City, x.Timezone, x.StartsOn, x.EndsOn, x.DayStarts, x.DayEnds,
		x.RestMinutes, x.MaxBilateralsPerDay, &x.ArrivalBufferMinutes}, x.Version, x.UpdatedAt}
}

func (s *Server) getSummit(c echo.Context) error {
	x, err := s.svc.Summits.Get(c.Request().Context())
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, x.Version, toSummitResponse(x))
}

func (s *Server) putSummit(c echo.Context) error {
	var req summitBody
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	in := domain.Summit{Name: req.Name, City: req.City,
		Timezone: req.Timezone, StartsOn: req.StartsOn, EndsOn: req.EndsOn, DayStarts: req.DayStarts, DayEnds: req.DayEnds,
		RestMinutes: req.RestMinutes, MaxBilateralsPerDay: req.MaxBilateralsPerDay, ArrivalBufferMinutes: domain.DefaultArrivalBuffer}
	if req.ArrivalBufferMinutes != nil {
		in.ArrivalBufferMinutes = *req.ArrivalBufferMinutes
	}
	x, impact, err := s.svc.Summits.Put(c.Request().Context(), actorOf(c), in, version, dry)
	if err != nil {
		return err
	}
	return changed(c, dry, x.Version, struct {
		summitResponse
		Impact []impactBody `json:"impact"`
	}{toSummitResponse(x), toImpactBodies(impact)})
}
