package repository

import (
	"database/sql/driver"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"summit/domain"
)

// stringList is a []string stored as a JSON array in a TEXT column.
type stringList []string

func (l stringList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]string(l))
	return string(b), err
}

func (l *stringList) Scan(src any) error {
	if s, ok := src.(string); ok && s == "[]" { // the usual case, without JSON
		*l = stringList{}
		return nil
	}
	if b, ok := src.([]byte); ok && string(b) == "[]" {
		*l = stringList{}
		return nil
	}
	var out []string
	if err := scanJSON(src, &out, "stringList"); err != nil {
		return err
	}
	*l = out
	return nil
}

// scanJSON reads a JSON TEXT column into v; NULL leaves v as it is.
func scanJSON(src, v any, what string) error {
	switch s := src.(type) {
	case string:
		return json.Unmarshal([]byte(s), v)
	case []byte:
		return json.Unmarshal(s, v)
	case nil:
		return nil
	}
	return fmt.Errorf("%s: cannot scan %T", what, src)
}

// names are an entity's names in other languages, stored as a JSON object
// in a TEXT column ({} when none).
type names map[string]string

func (n names) Value() (driver.Value, error) {
	if len(n) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(map[string]string(n))
	return string(b), err
}

func (n *names) Scan(src any) error {
	var out map[string]string
	if err := scanJSON(src, &out, "names"); err != nil {
		return err
	}
	*n = out
	return nil
}

// domain returns n as the domain keeps it: nil when empty.
func (n names) domain() domain.Names {
	if len(n) == 0 {
		return nil
	}
	return domain.Names(n)
}

// utc returns t in UTC (the form every time takes inside the program).
func utc(t time.Time) time.Time { return t.UTC() }

// utcPtr returns a copy of *t in UTC, nil for nil.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// nullable returns nil for "", else a pointer to s.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// deref returns *s, "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// nonNil returns l, or an empty list for nil, so that JSON shows [].
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// pageLimit returns the limit to use for p: 100 by default, 500 at most.
func pageLimit(p domain.Page) int {
	switch {
	case p.Limit <= 0:
		return 100
	case p.Limit > 500:
		return 500
	default:
		return p.Limit
	}
}

// encodeCursor makes an opaque cursor of the last item's sort keys.
func encodeCursor(keys ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(keys, "\x00")))
}

// decodeCursor reads a cursor made by encodeCursor with n keys; "" gives nil.
func decodeCursor(c string, n int) ([]string, error) {
	if c == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != n {
		return nil, errBadCursor
	}
	return parts, nil
}

// nextCursor returns the cursor after items when a further page exists: the
// caller asked for limit+1 rows, so rows beyond limit mean "more".
func nextCursor[T any](rows []T, limit int, keys func(T) []string) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, encodeCursor(keys(rows[limit-1])...)
}

// errBadCursor answers a cursor this server did not make.
var errBadCursor = &domain.Error{Code: domain.EMALFORMED, Message: "The cursor is not valid.",
	Fields: []domain.FieldError{{Field: "cursor", Message: "not a cursor this server made"}}}
