package domain

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one meeting as an iCalendar feed shows it.
type CalendarEvent struct {
	UID         string    // stable: the meeting id
	Sequence    int       // grows with every change (the meeting's version - 1)
	Stamp       time.Time // DTSTAMP: when the meeting last changed
	Start, End  time.Time
	Summary     string
	Location    string // "Room, Venue"
	Description string // omitted when empty
	Cancelled   bool   // STATUS:CANCELLED; wins over Tentative
	Tentative   bool   // STATUS:TENTATIVE (drafts); else STATUS:CONFIRMED
}

// icalUIDDomain makes UIDs globally unique, as RFC 5545 3.8.4.7 recommends.
const icalUIDDomain = "@summit-planner"

// icalLineOctets is the longest content line RFC 5545 3.1 allows, CRLF excluded.
const icalLineOctets = 75

// WriteCalendar writes an RFC 5545 VCALENDAR named name to w, with one VEVENT
// per event in the order given: times in UTC, text escaped, long lines folded,
// CRLF line endings. It returns only the error of writing to w.
func WriteCalendar(w io.Writer, name string, events []CalendarEvent) error {
	var b strings.Builder
	line := func(s string) {
		b.WriteString(icalFold(s))
		b.WriteString("\r\n")
	}
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Summit Planner//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icalEscape(name))
	line("X-PUBLISHED-TTL:PT15M")
	line("REFRESH-INTERVAL;VALUE=DURATION:PT15M")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + icalEscape(e.UID) + icalUIDDomain)
		line("DTSTAMP:" + icalTime(e.Stamp))
		line("DTSTART:" + icalTime(e.Start))
		line("DTEND:" + icalTime(e.End))
		line("SEQUENCE:" + strconv.Itoa(e.Sequence))
		line("SUMMARY:" + icalEscape(e.Summary))
		if e.Location != "" {
			line("LOCATION:" + icalEscape(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION:" + icalEscape(e.Description))
		}
		line("STATUS:" + e.status())
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

func (e CalendarEvent) status() string {
	switch {
	case e.Cancelled:
		return "CANCELLED"
	case e.Tentative:
		return "TENTATIVE"
	default:
		return "CONFIRMED"
	}
}

// icalTime formats t as an RFC 5545 UTC DATE-TIME, e.g. 20240704T050000Z.
func icalTime(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
}

// icalEscape escapes s as an RFC 5545 TEXT value (3.3.11): backslash,
// semicolon, comma and newline are escaped; CR and other control characters,
// which TEXT may not contain, are dropped (tab is kept).
func icalEscape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// dropped: CR and other controls
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icalFold folds a content line (without its CRLF) so that no physical line
// exceeds 75 octets: each continuation is CRLF plus one space. It never splits
// a UTF-8 character, so a line may break a little before the 75th octet.
func icalFold(s string) string {
	if len(s) <= icalLineOctets {
		return s
	}
	var b strings.Builder
	limit := icalLineOctets // the first line has no leading space
	for len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		if i == 0 { // not UTF-8 at all: split on the octet
			i = limit
		}
		b.WriteString(s[:i])
		b.WriteString("\r\n ")
		s = s[i:]
		limit = icalLineOctets - 1
	}
	b.WriteString(s)
	return b.String()
}
