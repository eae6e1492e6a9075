package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// delegationFeed serves a delegation's secret calendar; the token in the
// path is the only credential.
func (s *Server) delegationFeed(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("token"), ".ics")
	if !ok || token == "" {
		return echo.ErrNotFound
	}
	if done, err := s.notModified(c, ""); done || err != nil {
		return err
	}
	name, events, err := s.svc.Feeds.Delegation(c.Request().Context(), token)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-cache")
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	return writeCalendar(c, name, events)
}

// publicFeed serves the public programme.
func (s *Server) publicFeed(c echo.Context) error {
	if done, err := s.notModified(c, ""); done || err != nil {
		return err
	}
	name, events, err := s.svc.Feeds.Public(c.Request().Context())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=60")
	return writeCalendar(c, name, events)
}

func writeCalendar(c echo.Context, name string, events []domain.CalendarEvent) error {
	var b bytes.Buffer
	if err := domain.WriteCalendar(&b, name, events); err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", b.Bytes())
}
