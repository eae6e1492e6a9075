package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes registers every route. The OpenAPI document must list each one
// (TestOpenAPICoversEveryRoute fails otherwise).
func (s *Server) routes() {
	e := s.Echo
	s.handle(http.MethodGet, "/healthz", public, s.healthz)
	s.handle(http.MethodGet, "/readyz", public, s.readyz)
	s.handle(http.MethodGet, "/metrics", public, s.metrics.handler())
	s.handle(http.MethodGet, "/api/openapi.json", public, serveOpenAPI)
	s.handle(http.MethodGet, "/api/docs", public, serveDocs)
	s.handle(http.MethodGet, "/api/docs/:file", public, serveDocs)

	const v1 = "/api/v1"
	s.handle(http.MethodPost, v1+"/auth/login", public, s.login)
	s.handle(http.MethodPost, v1+"/auth/refresh", public, s.refresh)
	s.handle(http.MethodPost, v1+"/auth/logout", public, s.logout)
	s.handle(http.MethodGet, v1+"/me", signedIn, s.getMe)
	s.handle(http.MethodPatch, v1+"/me", signedIn, s.updateMe)
	s.handle(http.MethodPost, v1+"/me/password", signedIn, s.changePassword)
	s.handle(http.MethodGet, v1+"/users", admins, s.listUsers)
	s.handle(http.MethodPost, v1+"/users", admins, s.createUser)
	s.handle(http.MethodGet, v1+"/users/:id", admins, s.getUser)
	s.handle(http.MethodPatch, v1+"/users/:id", admins, s.updateUser)
	s.handle(http.MethodDelete, v1+"/users/:id", admins, s.deleteUser)
	s.handle(http.MethodGet, v1+"/audit", organisers, s.listAudit)

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
