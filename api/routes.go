package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes registers every route. The OpenAPI document must list each one
// (TestOpenAPICoversEveryRoute fails otherwise).
func (s *Server) routes() {
	e := s.Echo
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics.handler())
	e.GET("/api/openapi.json", serveOpenAPI)
	e.GET("/api/docs", serveDocs)
	e.GET("/api/docs/:file", serveDocs)

	// Unknown API and feed paths are JSON problems, never the SPA.
	notFound := func(echo.Context) error { return echo.ErrNotFound }
	e.Any("/api/*", notFound)
	e.Any("/ical/*", notFound)
	e.GET("/*", s.spa)
	e.HEAD("/*", s.spa)
}

// healthz answers while the process is up.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 while the database is reachable, 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	if err := s.cfg.Store.Ping(c.Request().Context()); err != nil {
		s.cfg.Log.Warn("database unreachable", "error", err.Error())
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		return c.JSON(http.StatusServiceUnavailable, Problem{Type: problemType(http.StatusServiceUnavailable),
			Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
			Detail: "The database is not reachable."})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
