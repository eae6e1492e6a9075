package api

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"summit/domain"
)

// Conditional GETs: an agenda, a list or a feed carries an ETag made of the
// newest audit entry (every committed change writes one, and writes are
// serialised, so the number only grows with each change) and of who asks
// what; If-None-Match with it answers 304 Not Modified without reading
// anything else. The newest audit id is itself remembered while no commit is
// seen (domain.ChangeCounter), and for domain.ActorCacheFor at most, so that
// a 304 costs no query when nothing changed.

// changeMark remembers the newest audit id and when it was read.
type changeMark struct {
	mu   sync.Mutex
	id   int64
	seq  uint64
	read time.Time
	ok   bool
}

// lastChange returns the id of the newest audit entry.
func (s *Server) lastChange(c echo.Context) (int64, error) {
	m := &s.mark
	seq, read := s.svc.Events.ChangeSeq(), time.Now()
	m.mu.Lock()
	if m.ok && m.seq == seq && read.Sub(m.read) < domain.ActorCacheFor {
		id := m.id
		m.mu.Unlock()
		return id, nil
	}
	m.mu.Unlock()
	id, err := s.svc.Events.Last(c.Request().Context())
	if err != nil {
		return 0, err
	}
	m.mu.Lock()
	if !m.ok || seq >= m.seq {
		m.id, m.seq, m.read, m.ok = id, seq, read, true
	}
	m.mu.Unlock()
	return id, nil
}

// notModified sets the ETag of a read that depends on the data and on who
// (the caller; "" for a URL that is its own key, such as a feed's) and the
// URL, and answers 304 when the request's If-None-Match names it: then done
// is true and the handler ends.
func (s *Server) notModified(c echo.Context, who string) (done bool, err error) {
	id, err := s.lastChange(c)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256([]byte(who + "\n" + c.Request().URL.RequestURI()))
	tag := fmt.Sprintf(`W/"c%d-%x"`, id, sum[:8])
	c.Response().Header().Set("ETag", tag)
	if inm := c.Request().Header.Get("If-None-Match"); inm != "" && matchesETag(inm, tag) {
		return true, c.NoContent(http.StatusNotModified)
	}
	return false, nil
}

// callerKey names the caller as far as what it may see goes.
func callerKey(a domain.Actor) string {
	return a.UserID + "|" + string(a.Role) + "|" + a.DelegationID
}

// matchesETag reports whether an If-None-Match list names tag (weakly, as
// RFC 9110 compares for If-None-Match), or is "*".
func matchesETag(list, tag string) bool {
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}

// gzipMinLength is the smallest answer worth compressing.
const gzipMinLength = 4 << 10

// compress gzips API and calendar answers of gzipMinLength bytes or more for
// clients that accept it; PDFs, photos and spreadsheets are compressed
// already, and the event stream must not wait for a buffer to fill.
func compress() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{MinLength: gzipMinLength, Skipper: func(c echo.Context) bool {
		p := c.Path()
		return !(strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/ical/")) ||
			strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, "/photo") || strings.HasSuffix(p, "/stream") ||
			strings.HasSuffix(p, "/export/:file")
	}})
}
