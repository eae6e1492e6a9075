package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"summit/domain"
)

// Fuzzing how the API reads times (issue 11): the RFC 3339 query helper
// timeParam, and time.Time fields in JSON bodies (a plain one, in
// proposalRequest, and an optional one, in meetingRequest). The domain's
// dates and clocks are fuzzed in package domain (FuzzSummitTimes).

// rfc3339 is RFC 3339's date-time (section 5.6): a full date, "T", a time
// with optional fraction, and an offset, which is required. Its numeric
// ranges are checked in checkAcceptedTime.
var rfc3339 = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$`)

// FuzzTimeParam: reading a time never panics; a time accepted is RFC 3339
// (so it has an offset: a time without one is refused), is the instant the
// text names, and round-trips through formatting (RFC 3339 and JSON); a
// time refused is an EMALFORMED error naming the parameter or a field.
func FuzzTimeParam(f *testing.F) {
	for _, s := range []string{
		"2024-07-04T10:00:00+05:00",
		"2024-07-04T10:00:00Z",
		"2024-07-04T10:00:00.123456789-03:30",
		"2024-07-04T10:00:00.5+00:00",
		"2024-07-04T10:00:00-00:00",
		"2024-07-04t10:00:00z",
		"2024-07-04T10:00:00",
		"2024-07-04 10:00:00Z",
		"2024-07-04",
		"10:00",
		"2024-07-04T10:00:00+0500",
		"2024-07-04T10:00:00+05",
		"2024-07-04T1:00:00Z",
		"2024-07-04T10:00:00,5Z",
		"2024-07-04T10:00:00+24:00",
		"2024-07-04T10:00:00+05:60",
		"2024-02-29T10:00:00Z",
		"2023-02-29T10:00:00Z",
		"2024-07-04T24:00:00Z",
		"2024-07-04T10:00:60Z",
		"0000-01-01T00:00:00+01:00",
		"9999-12-31T23:59:59-23:59",
		"+2024-07-04T10:00:00Z",
		"2024-07-04T10:00:00.Z",
		"1719993600",
		"",
		" ",
		"2024-07-04T10:00:00Z ",
		"\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		// The query helper.
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.RawQuery = url.Values{"from": {raw}}.Encode()
		c := fuzzEcho.NewContext(req, httptest.NewRecorder())
		if got := c.QueryParam("from"); got != raw {
			t.Fatalf("query parameter %q arrived as %q", raw, got)
		}
		got, err := timeParam(c, "from")
		switch {
		case raw == "":
			if err != nil || !got.IsZero() {
				t.Fatalf("timeParam of an absent parameter: %v, %v; want the zero time", got, err)
			}
		case err != nil:
			checkTimeError(t, "timeParam", raw, err, "from")
		default:
			checkAcceptedTime(t, "timeParam", raw, got)
		}

		// time.Time fields in JSON bodies.
		if !utf8.ValidString(raw) {
			return // JSON would carry U+FFFD instead
		}
		value, _ := json.Marshal(raw)
		var p proposalRequest
		if err := bindJSON(fuzzContext("application/json", []byte(`{"from":`+string(value)+`}`)), &p); err != nil {
			checkTimeError(t, "a time.Time field", raw, err, "from")
		} else {
			checkAcceptedTime(t, "a time.Time field", raw, p.From)
		}
		var m meetingRequest
		if err := bindJSON(fuzzContext("application/json", []byte(`{"starts_at":`+string(value)+`}`)), &m); err != nil {
			checkTimeError(t, "an optional time field", raw, err, "starts_at")
		} else if !m.StartsAt.Set || m.StartsAt.Value == nil {
			t.Fatalf("an optional time field: %q bound as %+v", raw, m.StartsAt)
		} else {
			checkAcceptedTime(t, "an optional time field", raw, *m.StartsAt.Value)
		}
	})
}

// checkTimeError checks that err, from reading raw, is a caller's error
// (EINVALID, or EMALFORMED for a body that is not JSON) naming one of fields.
func checkTimeError(t *testing.T, where, raw string, err error, fields ...string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID && de.Code != domain.EMALFORMED {
		t.Fatalf("%s: %q refused with %T %v, want an EINVALID or EMALFORMED *domain.Error", where, raw, err, err)
	}
	for _, fe := range de.Fields {
		for _, want := range fields {
			if fe.Field == want {
				return
			}
		}
	}
	t.Fatalf("%s: %q refused with fields %+v, want one of %q", where, raw, de.Fields, fields)
}

// checkAcceptedTime checks a time got that was read from raw.
func checkAcceptedTime(t *testing.T, where, raw string, got time.Time) {
	t.Helper()
	m := rfc3339.FindStringSubmatch(raw)
	if m == nil {
		t.Fatalf("%s accepted %q, which is not RFC 3339", where, raw)
	}
	n := func(s string) int {
		v, _ := strconv.Atoi(s)
		return v
	}
	year, month, day, hour, minute, second := n(m[1]), time.Month(n(m[2])), n(m[3]), n(m[4]), n(m[5]), n(m[6])
	offset := 0
	if m[8] == "" { // numeric offset
		oh, om := n(m[10]), n(m[11])
		if oh > 23 || om > 59 {
			t.Fatalf("%s accepted %q, whose offset is out of range", where, raw)
		}
		offset = (oh*60 + om) * 60
		if m[9] == "-" {
			offset = -offset
		}
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || second > 59 {
		t.Fatalf("%s accepted %q, which has a field out of range", where, raw)
	}
	nanos := 0
	if m[7] != "" {
		frac := (m[7][1:] + "000000000")[:9]
		nanos = n(frac) // time keeps nanoseconds: digits beyond the ninth are dropped
	}
	want := time.Date(year, month, day, hour, minute, second, nanos, time.FixedZone("", offset))
	if _, off := got.Zone(); !got.Equal(want) || off != offset {
		t.Fatalf("%s read %q as %v, want %v", where, raw, got, want)
	}

	back, err := time.Parse(time.RFC3339Nano, got.Format(time.RFC3339Nano))
	if _, off := back.Zone(); err != nil || !back.Equal(got) || off != offset {
		t.Fatalf("%s: %q read as %v does not round-trip through RFC 3339: %v, %v", where, raw, got, back, err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("%s: %q read as %v cannot be encoded as JSON: %v", where, raw, got, err)
	}
	var fromJSON time.Time
	if err := json.Unmarshal(b, &fromJSON); err != nil || !fromJSON.Equal(got) {
		t.Fatalf("%s: %q read as %v does not round-trip through JSON %s: %v, %v", where, raw, got, b, fromJSON, err)
	}
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
