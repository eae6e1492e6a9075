// Package frontend embeds the built single-page app (frontend/dist).
//
// The app is built by `npm ci && npm run build` in this folder (the Makefile
// does it before `go build`); without a dist folder the package does not
// compile.
package frontend

import (
	"embed"
	"io/fs"
)

// dist holds the output of `npm run build`: index.html, favicon.svg and the
// content-hashed files under assets/.
//
//go:embed all:dist
var dist embed.FS

// FS returns the built app's files, rooted at dist: index.html is at its root.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "dist" is valid.
		panic("frontend: " + err.Error())
	}
	return sub
}
