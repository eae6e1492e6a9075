package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// spa serves the single-page app: a file of the build when the path names
// one, index.html for every other path (history fallback), so that deep
// links into the app work.
func (s *Server) spa(c echo.Context) error {
	if s.cfg.SPA == nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	if name != "" && name != "index.html" {
		if info, err := fs.Stat(s.cfg.SPA, name); err == nil && !info.IsDir() {
			if strings.HasPrefix(name, "assets/") { // content-hashed by Vite
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			http.ServeFileFS(c.Response(), c.Request(), s.cfg.SPA, name)
			return nil
		}
		if path.Ext(name) != "" && strings.HasPrefix(name, "assets/") {
			return echo.NewHTTPError(http.StatusNotFound) // a missing asset is not a page
		}
	}
	index, err := fs.ReadFile(s.cfg.SPA, "index.html")
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.HTMLBlob(http.StatusOK, index)
}
