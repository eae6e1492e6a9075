package api

import (
	"embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

//go:embed openapi.json
var openAPIDocument []byte

//go:embed docs
var docsFiles embed.FS

// serveOpenAPI serves the OpenAPI 3.1 document of the API.
func serveOpenAPI(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "application/json", openAPIDocument)
}

// serveDocs serves the browsable API reference: an HTML page whose script
// renders /api/openapi.json (no inline script, so the CSP holds).
func serveDocs(c echo.Context) error {
	file := c.Param("file")
	if file == "" {
		file = "index.html"
	}
	types := map[string]string{"index.html": "text/html; charset=utf-8",
		"docs.js": "text/javascript; charset=utf-8", "docs.css": "text/css; charset=utf-8"}
	ct, ok := types[file]
	if !ok {
		return echo.ErrNotFound
	}
	body, err := docsFiles.ReadFile("docs/" + file)
	if err != nil {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, ct, body)
}
