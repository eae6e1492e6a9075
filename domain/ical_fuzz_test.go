package domain

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzzing the iCalendar writer (issue 11). `make fuzz` runs it longer; its
// committed corpus lives in testdata/fuzz/FuzzWriteCalendar.

// FuzzWriteCalendar writes a calendar of two events made of arbitrary text
// and checks it: every line ends with CRLF and has at most 75 octets;
// folding never splits a UTF-8 character; each VEVENT is a BEGIN/END pair
// with its properties in order; and unfolding and unescaping every text
// gives back the text as icalEscape documents it: newlines kept, CR and the
// other control characters except tab dropped (and, as ranging over a
// string does, each byte of invalid UTF-8 read as U+FFFD).
func FuzzWriteCalendar(f *testing.F) {
	long := strings.Repeat("Встреча глав государств; 上海合作组织, ", 5)
	seeds := []struct {
		name, uid, summary, location, description string
		sequence                                  uint16
		status                                    uint8
		start                                     int64
		minutes                                   uint16
	}{
		{"SCO Summit 2024, Astana", "m-1", "Bilateral: Kazakhstan – China", "Oval Hall, Akorda", "Agenda: trade, energy; transit", 0, 0, 1720072800, 60},
		{"", "", "", "", "", 0, 1, 0, 0},
		{"Делегация Казахстана, 哈萨克斯坦代表团", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", long, long, long, 3, 2, 1720000000, 45},
		{`C:\dir; a,b`, `\,`, "line1\r\nline2\rline3\nline4", "a\x00b\x1bc\x7fd", "tab\there", 65535, 3, -1, 65535},
		{strings.Repeat("x", 74) + "会", strings.Repeat("a", 71) + "🇰🇿", strings.Repeat(`\`, 80), strings.Repeat(",", 40), strings.Repeat("\n", 40), 1, 0, 4102444800, 1},
		{"\xff\xfe invalid", "\xc3", "\xe4\xbc", "\xf0\x9f\x87", "ok", 2, 1, 1, 2},
		{strings.Repeat("é", 40), strings.Repeat("\t", 80), " leading and trailing ", "\u2028\u0085\ufeff", "\x00", 7, 0, 86399, 1440},
	}
	for _, s := range seeds {
		f.Add(s.name, s.uid, s.summary, s.location, s.description, s.sequence, s.status, s.start, s.minutes)
	}
	f.Fuzz(func(t *testing.T, name, uid, summary, location, description string, sequence uint16, status uint8, start int64, minutes uint16) {
		// Times from 1970 to 2199, to the second (what DTSTART can say).
		const span = 230 * 365 * 24 * 3600
		startsAt := time.Unix((start%span+span)%span, 0).In(time.FixedZone("UTC+5", 5*3600))
		events := []CalendarEvent{
			{UID: uid, Sequence: int(sequence), Stamp: startsAt.Add(-time.Hour), Start: startsAt, End: startsAt.Add(time.Duration(minutes) * time.Minute),
				Summary: summary, Location: location, Description: description, Cancelled: status&1 != 0, Tentative: status&2 != 0},
			// The same texts in other places (no location when the name is
			// empty, no description when the summary is).
			{UID: name, Sequence: int(sequence) + 1, Stamp: startsAt, Start: startsAt.Add(time.Hour), End: startsAt.Add(2 * time.Hour),
				Summary: description, Location: name, Description: summary},
		}
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, name, events); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		checkPhysicalLines(t, out)

		want := []string{
			"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Summit Planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
			"X-WR-CALNAME:" + icalSanitise(name), "X-PUBLISHED-TTL:PT15M", "REFRESH-INTERVAL;VALUE=DURATION:PT15M",
		}
		for _, e := range events {
			want = append(want, "BEGIN:VEVENT",
				"UID:"+icalSanitise(e.UID)+icalUIDDomain,
				"DTSTAMP:"+e.Stamp.UTC().Format("20060102T150405Z"),
				"DTSTART:"+e.Start.UTC().Format("20060102T150405Z"),
				"DTEND:"+e.End.UTC().Format("20060102T150405Z"),
				"SEQUENCE:"+strconv.Itoa(e.Sequence),
				"SUMMARY:"+icalSanitise(e.Summary))
			if e.Location != "" {
				want = append(want, "LOCATION:"+icalSanitise(e.Location))
			}
			if e.Description != "" {
				want = append(want, "DESCRIPTION:"+icalSanitise(e.Description))
			}
			st := "CONFIRMED"
			switch {
			case e.Cancelled:
				st = "CANCELLED"
			case e.Tentative:
				st = "TENTATIVE"
			}
			want = append(want, "STATUS:"+st, "END:VEVENT")
		}
		want = append(want, "END:VCALENDAR")

		got := icalLogicalLines(t, out)
		if len(got) != len(want) {
			t.Fatalf("%d logical lines, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
		}
		depth := 0
		for i, line := range got {
			prop, value, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("line %d has no value: %q", i, line)
			}
			switch line {
			case "BEGIN:VEVENT":
				depth++
			case "END:VEVENT":
				depth--
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("line %d: BEGIN:VEVENT and END:VEVENT do not pair", i)
			}
			switch prop {
			case "X-WR-CALNAME", "UID", "SUMMARY", "LOCATION", "DESCRIPTION":
				text, err := icalUnescape(value)
				if err != nil {
					t.Fatalf("line %d %q: %v", i, line, err)
				}
				line = prop + ":" + text
			}
			if line != want[i] {
				t.Fatalf("logical line %d, unescaped, is %q, want %q", i, line, want[i])
			}
		}
	})
}

// checkPhysicalLines checks out's line endings and physical lines.
func checkPhysicalLines(t *testing.T, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatalf("output does not end with CRLF: %q", out)
	}
	if n, m := strings.Count(out, "\n"), strings.Count(out, "\r\n"); n != m || strings.Count(out, "\r") != m {
		t.Fatalf("line endings: %d LF, %d CRLF, %d CR; want all CRLF", n, m, strings.Count(out, "\r"))
	}
	for i, p := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(p) > icalLineOctets {
			t.Fatalf("physical line %d has %d octets: %q", i, len(p), p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("physical line %d is not UTF-8 (a character split by folding?): %q", i, p)
		}
		if p == "" || p == " " {
			t.Fatalf("physical line %d is empty: %q", i, p)
		}
	}
}

// icalLogicalLines unfolds out as RFC 5545 3.1 says (a CRLF followed by one
// space or tab is removed) and splits it into lines.
func icalLogicalLines(t *testing.T, out string) []string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(out); i++ {
		if strings.HasPrefix(out[i:], "\r\n") && i+2 < len(out) && (out[i+2] == ' ' || out[i+2] == '\t') {
			i += 2
			continue
		}
		b.WriteByte(out[i])
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
}

// icalUnescape reads an RFC 5545 TEXT value (3.3.11), strictly: only \\,
// \;, \,, \n and \N are escapes, and ; and , must be escaped. Control
// characters other than tab may not appear.
func icalUnescape(v string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\':
			if i+1 == len(v) {
				return "", fmt.Errorf("a lone backslash ends %q", v)
			}
			i++
			switch v[i] {
			case '\\', ';', ',':
				b.WriteByte(v[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("%q is not a TEXT escape, in %q", v[i-1:i+1], v)
			}
		case c == ';' || c == ',':
			return "", fmt.Errorf("unescaped %q in %q", c, v)
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", fmt.Errorf("control character %q in %q", c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// icalSanitise is s as a calendar carries it, by icalEscape's documentation:
// newline and tab kept, CR and other control characters dropped; each byte
// of invalid UTF-8 is U+FFFD.
func icalSanitise(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
