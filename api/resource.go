package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// The handlers of an entity that a service keeps (zones, categories,
// vehicles, hotel blocks, …) are each one service call between the same
// steps: bind the body and If-Match, call with the caller and the path's
// id, answer the entity with its ETag (201 and a Location on create). These
// helpers are those steps; a handler passes its service method.

// keyed is an entity's answer: its id and version.
type keyed interface {
	key() (id string, version int)
}

// listed answers items as a list, each converted by conv.
func listed[T, R any](c echo.Context, items []T, err error, conv func(*T) R) error {
	if err != nil {
		return err
	}
	out := list[R]{Items: make([]R, len(items))}
	for i := range items {
		out.Items[i] = conv(&items[i])
	}
	return c.JSON(http.StatusOK, out)
}

// answered answers one entity, converted by conv, with its version as the ETag.
func answered[T any, R keyed](c echo.Context, v *T, err error, conv func(*T) R) error {
	if err != nil {
		return err
	}
	body := conv(v)
	_, version := body.key()
	return withETag(c, http.StatusOK, version, body)
}

// saved binds a request of type Req and If-Match, and calls save with the
// path's id: without one it creates (201, Location under the request's
// path), with one it changes (200).
func saved[Req interface{ patch() P }, P, T any, R keyed](c echo.Context, conv func(*T) R,
	save func(ctx context.Context, a domain.Actor, id string, p P, ifMatch int) (*T, error)) error {
	var req Req
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	id := c.Param("id")
	v, err := save(c.Request().Context(), actorOf(c), id, req.patch(), version)
	if err != nil {
		return err
	}
	body := conv(v)
	newID, newVersion := body.key()
	if id == "" {
		c.Response().Header().Set("Location", c.Request().URL.Path+"/"+newID)
		return withETag(c, http.StatusCreated, newVersion, body)
	}
	return withETag(c, http.StatusOK, newVersion, body)
}

// deleted calls remove with the path's id and If-Match, and answers 204.
func deleted(c echo.Context, remove func(ctx context.Context, a domain.Actor, id string, ifMatch int) error) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := remove(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
