package api

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// The input gate: every request body, query parameter and path id passes
// here before anything reaches a service or the database, so that both
// databases see the same clean input. Field-specific rules (lengths of
// names and notes, ranges of numbers) are the domain's; the gate refuses
// what no field may hold.

// MaxText is the longest text any field takes, in characters; fields have
// shorter documented limits of their own (names 200, notes 1000, …).
const MaxText = 2000

// multiLine are the fields whose text may hold line breaks and tabs.
var multiLine = []string{"note", "address"}

// timeFields hold instants: RFC 3339 with an offset, nothing else.
var timeFields = []string{"starts_at", "ends_at", "from", "to", "earliest", "latest", "arrival_at", "departure_at"}

// datePattern is a calendar date, which the fields a request names as
// dates hold instead of a time (a hotel block's from and to, CONTRACT section 15).
var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// timeForm says what a time must look like.
const timeForm = "must be an RFC 3339 time with an offset, such as 2024-07-04T10:00:00+05:00"

// timePattern is the form of a time: RFC 3339 with an offset, and no more (Go's
// own parser also takes one-digit hours, a comma before the fraction and
// offsets of 24 hours or more).
var timePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$`)

// parseTime reads a time in the form timePattern describes; false when it is not one.
func parseTime(s string) (time.Time, bool) {
	if !timePattern.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// checkBody refuses a body that is not UTF-8 or whose Unicode escapes make
// no characters (EMALFORMED), and values that no field may hold: control
// characters, overlong texts, times in another form (EINVALID, naming each
// field). A body that is not JSON is left to the decoder that follows.
func checkBody(body []byte, dates []string) error {
	if !utf8.Valid(body) {
		return malformed("body", "must be UTF-8 text")
	}
	if at, ok := loneSurrogate(body); ok {
		return malformed("body", fmt.Sprintf("holds a \\u escape at byte %d that is half of a character (a lone surrogate)", at))
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return nil
	}
	var v domain.Validation
	inspect(&v, "", doc, dates)
	return v.Err()
}

// inspect checks every key and value of a decoded JSON document; field is
// the path of x ("head.full_name"; a list's items share the list's name).
func inspect(v *domain.Validation, field string, x any, dates []string) {
	name := field[strings.LastIndex(field, ".")+1:]
	switch t := x.(type) {
	case string:
		checkText(v, field, t)
		if slices.Contains(dates, field) {
			if !datePattern.MatchString(t) {
				v.Add(field, "must be a date such as 2024-07-03")
			}
		} else if slices.Contains(timeFields, name) {
			if _, ok := parseTime(t); !ok {
				v.Add(field, timeForm)
			}
		}
	case json.Number, bool:
		if slices.Contains(timeFields, name) {
			v.Add(field, timeForm)
		}
	case []any:
		for _, e := range t {
			inspect(v, field, e, dates)
		}
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			path := k
			if field != "" {
				path = field + "." + k
			}
			if bad := badText(k, false); bad != "" {
				v.Add(cmp.Or(field, "body"), "a key %s", bad)
				continue
			}
			inspect(v, path, t[k], dates)
		}
	}
}

// checkText records what is wrong with a text value of field, if anything.
func checkText(v *domain.Validation, field, s string) {
	name := field[strings.LastIndex(field, ".")+1:]
	if bad := badText(s, slices.Contains(multiLine, name)); bad != "" {
		v.Add(cmp.Or(field, "body"), "%s", bad)
	}
}

// badText says why s may not be stored, "" when it may: it holds control
// characters (tabs and line breaks only where lines allows them), or more
// than MaxText characters.
func badText(s string, lines bool) string {
	for _, r := range s {
		if r == 0 {
			return "must not contain NUL characters"
		}
		if lines && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return "must not contain control characters (" + strconv.QuoteRune(r) + ")"
		}
	}
	if utf8.RuneCountInString(s) > MaxText {
		return fmt.Sprintf("must be at most %d characters", MaxText)
	}
	return ""
}

// loneSurrogate finds a \u escape inside a JSON string that is half of a
// UTF-16 pair without its other half (which Go would quietly turn into
// U+FFFD); its byte offset and true when there is one.
func loneSurrogate(body []byte) (int, bool) {
	inString := false
	for i := 0; i < len(body); i++ {
		switch b := body[i]; {
		case !inString:
			inString = b == '"'
		case b == '"':
			inString = false
		case b == '\\' && i+1 < len(body):
			if body[i+1] != 'u' {
				i++
				continue
			}
			r, ok := hex4(body, i+2)
			switch {
			case !ok:
				return 0, false // not JSON: the decoder says so
			case r >= 0xdc00 && r <= 0xdfff:
				return i, true
			case r >= 0xd800 && r <= 0xdbff:
				low, ok := rune(0), i+7 < len(body) && body[i+6] == '\\' && body[i+7] == 'u'
				if ok {
					low, ok = hex4(body, i+8)
				}
				if !ok || low < 0xdc00 || low > 0xdfff {
					return i, true
				}
				i += 11
			default:
				i += 5
			}
		}
	}
	return 0, false
}

// hex4 reads four hex digits at body[at:].
func hex4(body []byte, at int) (rune, bool) {
	if at+4 > len(body) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(body[at:at+4]), 16, 16)
	return rune(n), err == nil
}

// idPattern is what every id the server hands out looks like: a UUID.
var idPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// idFilters are the query parameters that name one object by its id.
var idFilters = []string{"delegation_id", "room_id", "member_id", "meeting_id", "actor_id"}

// gate checks a request's path ids and query parameters before its
// handler: a path id that is not an id is 404 (nothing has it), a query
// parameter with control characters, or an id filter that is not an id, is
// 422 naming the parameter.
func gate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for i, name := range c.ParamNames() {
			if name == "id" && !idPattern.MatchString(c.ParamValues()[i]) {
				return domain.Errorf(domain.ENOTFOUND, "Not found.")
			}
		}
		var v domain.Validation
		params := c.QueryParams()
		names := make([]string, 0, len(params))
		for name := range params {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			for _, value := range params[name] {
				if !utf8.ValidString(value) {
					v.Add(name, "must be UTF-8 text")
				} else if bad := badText(value, false); bad != "" {
					v.Add(name, "%s", bad)
				} else if slices.Contains(idFilters, name) && !idPattern.MatchString(value) {
					v.Add(name, "must be an id such as 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f")
				}
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		return next(c)
	}
}
