package api

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// The small pieces of HTTP that every handler shares: lists and pages,
// versions as ETags and If-Match, query times and idempotency keys.

// list is the shape of every list answer.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// page reads ?limit= (1 to 500, default 100) and ?cursor=.
func page(c echo.Context) (domain.Page, error) {
	p := domain.Page{Cursor: c.QueryParam("cursor")}
	if raw := c.QueryParam("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 500 {
			return p, malformed("limit", "must be a whole number from 1 to 500")
		}
		p.Limit = n
	}
	return p, nil
}

// ifMatch reads If-Match as a version; 0 when absent.
func ifMatch(c echo.Context) (int, error) {
	raw := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if raw == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(raw, "W/"), `"`))
	if err != nil || v < 1 {
		return 0, malformed("If-Match", `must be the ETag the resource was served with, such as "3"`)
	}
	return v, nil
}

// changeParams reads what a change that may make problems is sent with:
// If-Match (0 when absent) and ?dry_run= (1/true or 0/false; absent is false).
func changeParams(c echo.Context) (version int, dryRun bool, err error) {
	if version, err = ifMatch(c); err != nil {
		return 0, false, err
	}
	if dryRun, err = dryRunParam(c); err != nil {
		return 0, false, err
	}
	return version, dryRun, nil
}

// dryRunParam reads ?dry_run= (1/true or 0/false; absent is false).
func dryRunParam(c echo.Context) (bool, error) {
	switch c.QueryParam("dry_run") {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	var v domain.Validation
	v.Add("dry_run", "must be 1 or 0")
	return false, v.Err()
}

// impactBody is one problem a change made (CONTRACT section 10).
type impactBody struct {
	MeetingID string    `json:"meeting_id"`
	Rule      string    `json:"rule"`
	Message   string    `json:"message"`
	Title     string    `json:"title"` // the meeting's title and start, to list it
	StartsAt  time.Time `json:"starts_at"`
}

func toImpactBodies(list []domain.Impact) []impactBody {
	out := make([]impactBody, len(list))
	for i, x := range list {
		out[i] = impactBody(x)
	}
	return out
}

// changed answers a change that can make problems: the resource with its
// version as ETag; for a dry run, what it would become with the ETag of the
// version stored (which it leaves as it is: the one to send as If-Match to
// make the change). A dry run of a first version has none.
func changed(c echo.Context, dryRun bool, version int, v any) error {
	switch {
	case !dryRun:
		return withETag(c, http.StatusOK, version, v)
	case version > 1:
		return withETag(c, http.StatusOK, version-1, v)
	}
	return c.JSON(http.StatusOK, v)
}

// withETag answers v with the resource's version as its ETag.
func withETag(c echo.Context, status, version int, v any) error {
	c.Response().Header().Set("ETag", fmt.Sprintf(`"%d"`, version))
	return c.JSON(status, v)
}

// timeParam reads an RFC 3339 query parameter; zero when absent.
func timeParam(c echo.Context, name string) (time.Time, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return time.Time{}, nil
	}
	t, ok := parseTime(raw)
	if !ok {
		var v domain.Validation
		v.Add(name, timeForm)
		return t, v.Err()
	}
	return t, nil
}

// idempotency reads the Idempotency-Key header of a create request.
func idempotency(c echo.Context, body []byte) (*domain.Idempotency, error) {
	key := c.Request().Header.Get("Idempotency-Key")
	if key == "" {
		return nil, nil
	}
	if len(key) > 200 {
		return nil, malformed("Idempotency-Key", "must be at most 200 characters")
	}
	sum := sha256.Sum256(body)
	return &domain.Idempotency{Key: key, Method: c.Request().Method, Path: c.Request().URL.Path, RequestHash: hex.EncodeToString(sum[:])}, nil
}

// nonNil answers an absent list as an empty one.
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
