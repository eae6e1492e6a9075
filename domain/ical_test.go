package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var icalAstana = time.FixedZone("Asia/Almaty", 5*3600)

func TestWriteCalendarGolden(t *testing.T) {
	events := []CalendarEvent{
		{
			UID:         "m-1",
			Sequence:    0,
			Stamp:       time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC),
			Start:       time.Date(2024, 7, 4, 10, 0, 0, 0, icalAstana),
			End:         time.Date(2024, 7, 4, 11, 0, 0, 0, icalAstana),
			Summary:     "Bilateral: Kazakhstan – China",
			Location:    "Oval Hall, Akorda",
			Description: "Agenda: trade, energy; transit corridors via Khorgos and the Middle Corridor",
		},
		{
			UID:       "m-2",
			Sequence:  2,
			Stamp:     time.Date(2024, 7, 2, 12, 30, 15, 0, time.UTC),
			Start:     time.Date(2024, 7, 4, 15, 0, 0, 0, icalAstana),
			End:       time.Date(2024, 7, 4, 15, 45, 0, 0, icalAstana),
			Summary:   "Heads of delegation photo",
			Location:  "Main Hall, Palace of Independence",
			Cancelled: true,
		},
		{
			UID:       "m-3",
			Sequence:  1,
			Stamp:     time.Date(2024, 7, 2, 8, 0, 0, 0, time.UTC),
			Start:     time.Date(2024, 7, 5, 9, 0, 0, 0, icalAstana),
			End:       time.Date(2024, 7, 5, 9, 30, 0, 0, icalAstana),
			Summary:   "Press approach",
			Tentative: true,
		},
	}
	want := strings.Join([]string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//Summit Planner//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		`X-WR-CALNAME:SCO Summit 2024\, Astana`,
		"X-PUBLISHED-TTL:PT15M",
		"REFRESH-INTERVAL;VALUE=DURATION:PT15M",
		"BEGIN:VEVENT",
		"UID:m-1@summit-planner",
		"DTSTAMP:20240701T090000Z",
		"DTSTART:20240704T050000Z",
		"DTEND:20240704T060000Z",
		"SEQUENCE:0",
		"SUMMARY:Bilateral: Kazakhstan – China",
		`LOCATION:Oval Hall\, Akorda`,
		`DESCRIPTION:Agenda: trade\, energy\; transit corridors via Khorgos and the `,
		" Middle Corridor",
		"STATUS:CONFIRMED",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:m-2@summit-planner",
		"DTSTAMP:20240702T123015Z",
		"DTSTART:20240704T100000Z",
		"DTEND:20240704T104500Z",
		"SEQUENCE:2",
		"SUMMARY:Heads of delegation photo",
		`LOCATION:Main Hall\, Palace of Independence`,
		"STATUS:CANCELLED",
		"END:VEVENT",
		"BEGIN:VEVENT",
		"UID:m-3@summit-planner",
		"DTSTAMP:20240702T080000Z",
		"DTSTART:20240705T040000Z",
		"DTEND:20240705T043000Z",
		"SEQUENCE:1",
		"SUMMARY:Press approach",
		"STATUS:TENTATIVE",
		"END:VEVENT",
		"END:VCALENDAR",
		"",
	}, "\r\n")

	var buf bytes.Buffer
	if err := WriteCalendar(&buf, "SCO Summit 2024, Astana", events); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != want {
		t.Errorf("calendar mismatch\n got: %q\nwant: %q", got, want)
	}
}

func TestWriteCalendarEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, "Empty", nil); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	if !strings.HasPrefix(got, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(got, "X-WR-CALNAME:Empty\r\nX-PUBLISHED-TTL:PT15M\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\nEND:VCALENDAR\r\n") {
		t.Errorf("empty calendar = %q", got)
	}
	if strings.Contains(got, "VEVENT") {
		t.Errorf("empty calendar has a VEVENT: %q", got)
	}
}

func TestICalEscape(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Oval Hall", "Oval Hall"},
		{"empty", "", ""},
		{"comma", "Oval Hall, Akorda", `Oval Hall\, Akorda`},
		{"semicolon", "a;b", `a\;b`},
		{"backslash", `C:\dir`, `C:\\dir`},
		{"newline", "line1\nline2", `line1\nline2`},
		{"crlf_becomes_newline", "line1\r\nline2", `line1\nline2`},
		{"lone_cr_dropped", "a\rb", "ab"},
		{"other_controls_dropped", "a\x00b\x1bc\x7fd", "abcd"},
		{"tab_kept", "a\tb", "a\tb"},
		{"colon_and_quote_kept", `Time: "10:00"`, `Time: "10:00"`},
		{"escape_is_not_reapplied", `\,`, `\\\,`},
		{"unicode", "Xi Jinping, President; 会谈", `Xi Jinping\, President\; 会谈`},
		{"cyrillic_kazakh", "Тоқаев, Қасым-Жомарт", `Тоқаев\, Қасым-Жомарт`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := icalEscape(tt.in); got != tt.want {
				t.Errorf("icalEscape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestICalFold(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"ascii_long", "SUMMARY:" + strings.Repeat("abcdefghij", 30)},
		{"chinese", "SUMMARY:" + strings.Repeat("习近平主席与托卡耶夫总统会谈", 10)},
		{"cyrillic", "SUMMARY:" + strings.Repeat("Встреча глав государств ШОС в Астане ", 8)},
		{"kazakh", "LOCATION:" + strings.Repeat("Тәуелсіздік сарайы, Ақорда, Қазақстан ", 6)},
		{"emoji_4_octets", "SUMMARY:" + strings.Repeat("🇰🇿🇨🇳", 30)},
	}
	// Shift each text by 0..3 octets so a multi-byte character straddles
	// octet 75 at every possible offset.
	for _, tt := range tests {
		for shift := 0; shift < 4; shift++ {
			in := strings.Repeat("x", shift) + tt.in
			t.Run(fmt.Sprintf("%s/shift_%d", tt.name, shift), func(t *testing.T) {
				got := icalFold(in)
				physical := strings.Split(got, "\r\n")
				if len(physical) < 2 {
					t.Fatalf("%d octets not folded", len(in))
				}
				for i, p := range physical {
					if len(p) > icalLineOctets {
						t.Errorf("line %d has %d octets: %q", i, len(p), p)
					}
					if !utf8.ValidString(p) {
						t.Errorf("line %d splits a UTF-8 character: %q", i, p)
					}
					if i > 0 && !strings.HasPrefix(p, " ") {
						t.Errorf("continuation line %d does not start with a space: %q", i, p)
					}
				}
				if back := icalUnfold(got); back != in {
					t.Errorf("unfold(fold(s)) != s\n got: %q\nwant: %q", back, in)
				}
			})
		}
	}
}

func TestICalFoldBoundary(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		folded bool
	}{
		{"74_octets", strings.Repeat("a", 74), false},
		{"exactly_75_octets", strings.Repeat("a", 75), false},
		{"exactly_75_octets_multibyte", strings.Repeat("a", 72) + "会", false},
		{"76_octets", strings.Repeat("a", 76), true},
		{"multibyte_across_75", strings.Repeat("a", 73) + "会", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := icalFold(tt.in)
			if folded := got != tt.in; folded != tt.folded {
				t.Fatalf("icalFold(%d octets) folded = %v, want %v: %q", len(tt.in), folded, tt.folded, got)
			}
			if tt.folded && tt.name == "multibyte_across_75" {
				if want := strings.Repeat("a", 73) + "\r\n 会"; got != want {
					t.Errorf("got %q, want %q", got, want)
				}
			}
		})
	}
}

func TestWriteCalendarFoldsAndUsesCRLF(t *testing.T) {
	summary := "Xi Jinping, President; 会谈 — " + strings.Repeat("Встреча глав государств; 上海合作组织成员国元首理事会, ", 4)
	events := []CalendarEvent{{
		UID:         "m-42",
		Start:       time.Date(2024, 7, 4, 10, 0, 0, 0, icalAstana),
		End:         time.Date(2024, 7, 4, 11, 0, 0, 0, icalAstana),
		Summary:     summary,
		Location:    "Oval Hall, Akorda",
		Description: strings.Repeat("Line one, with \\ backslash;\n", 5),
	}}
	var buf bytes.Buffer
	if err := WriteCalendar(&buf, "Делегация Казахстана, 哈萨克斯坦代表团", events); err != nil {
		t.Fatal(err)
	}
	out := buf.String()

	if !strings.HasSuffix(out, "\r\n") {
		t.Errorf("output does not end with CRLF")
	}
	if n, m := strings.Count(out, "\n"), strings.Count(out, "\r\n"); n != m || strings.Count(out, "\r") != m {
		t.Errorf("line endings: %d LF, %d CRLF, %d CR; want all CRLF", n, m, strings.Count(out, "\r"))
	}
	for i, p := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(p) > icalLineOctets {
			t.Errorf("line %d has %d octets: %q", i, len(p), p)
		}
		if !utf8.ValidString(p) {
			t.Errorf("line %d splits a UTF-8 character: %q", i, p)
		}
	}

	logical := strings.Split(icalUnfold(out), "\r\n")
	for _, want := range []string{
		"SUMMARY:" + icalEscape(summary),
		"DESCRIPTION:" + icalEscape(events[0].Description),
		`X-WR-CALNAME:Делегация Казахстана\, 哈萨克斯坦代表团`,
	} {
		if !slices.Contains(logical, want) {
			t.Errorf("unfolded output lacks line %q", want)
		}
	}
}

// TestCalendarParsesWithICalJS checks the feed with an independent parser,
// ical.js, through tools/icalcheck. It skips when Node or the tool's
// node_modules are missing, unless SUMMIT_REQUIRE_ICALJS=1.
func TestCalendarParsesWithICalJS(t *testing.T) {
	script := filepath.Join("..", "tools", "icalcheck", "check.mjs")
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("SUMMIT_REQUIRE_ICALJS") == "1" {
			t.Fatalf(format+" (SUMMIT_REQUIRE_ICALJS=1 demands the ical.js check)", args...)
		}
		t.Skipf(format+"; skipping the ical.js check (set SUMMIT_REQUIRE_ICALJS=1 to fail instead)", args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node is not on PATH")
	}
	if _, err := os.Stat(filepath.Join("..", "tools", "icalcheck", "node_modules", "ical.js")); err != nil {
		unavailable("ical.js is not installed in tools/icalcheck/node_modules (run `cd tools/icalcheck && npm ci`)")
	}

	summary := "Xi Jinping, President; 会谈\nSecond line with a back\\slash — " +
		"Си Цзиньпин и Тоқаев: переговоры в узком составе; 习近平主席同托卡耶夫总统举行会谈"
	description := "Interpreters: RU, ZH, KZ;\nPress pool: 12 persons\\two cameras"
	events := []CalendarEvent{
		{
			UID:         "m-1",
			Sequence:    3,
			Stamp:       time.Date(2024, 7, 1, 9, 0, 0, 0, time.UTC),
			Start:       time.Date(2024, 7, 4, 10, 0, 0, 0, icalAstana),
			End:         time.Date(2024, 7, 4, 11, 0, 0, 0, icalAstana),
			Summary:     summary,
			Location:    "Oval Hall, Akorda",
			Description: description,
		},
		{
			UID:       "m-2",
			Sequence:  1,
			Stamp:     time.Date(2024, 7, 2, 9, 0, 0, 0, time.UTC),
			Start:     time.Date(2024, 7, 4, 15, 0, 0, 0, icalAstana),
			End:       time.Date(2024, 7, 4, 15, 30, 0, 0, icalAstana),
			Summary:   "Family photo",
			Location:  "Main Hall, Palace of Independence",
			Cancelled: true,
		},
		{
			UID:       "m-3",
			Stamp:     time.Date(2024, 7, 2, 9, 0, 0, 0, time.UTC),
			Start:     time.Date(2024, 7, 5, 9, 0, 0, 0, icalAstana),
			End:       time.Date(2024, 7, 5, 9, 30, 0, 0, icalAstana),
			Summary:   "Draft: press approach",
			Tentative: true,
		},
	}

	got := parseWithICalJS(t, node, script, events)
	want := []icalJSEvent{
		{UID: "m-1@summit-planner", Summary: summary, Location: "Oval Hall, Akorda", Description: description,
			Status: "CONFIRMED", Sequence: 3, Start: "2024-07-04T05:00:00.000Z", End: "2024-07-04T06:00:00.000Z"},
		{UID: "m-2@summit-planner", Summary: "Family photo", Location: "Main Hall, Palace of Independence",
			Status: "CANCELLED", Sequence: 1, Start: "2024-07-04T10:00:00.000Z", End: "2024-07-04T10:30:00.000Z"},
		{UID: "m-3@summit-planner", Summary: "Draft: press approach",
			Status: "TENTATIVE", Sequence: 0, Start: "2024-07-05T04:00:00.000Z", End: "2024-07-05T04:30:00.000Z"},
	}
	if len(got) != len(want) {
		t.Fatalf("ical.js read %d events, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d\n got: %+v\nwant: %+v", i, got[i], want[i])
		}
	}

	// A changed meeting keeps its UID and shows a higher SEQUENCE.
	events[0].Sequence = 4
	events[0].Summary = "Rescheduled"
	events[0].Start = events[0].Start.Add(time.Hour)
	events[0].End = events[0].End.Add(time.Hour)
	again := parseWithICalJS(t, node, script, events[:1])
	if len(again) != 1 || again[0].UID != want[0].UID || again[0].Sequence != 4 || again[0].Start != "2024-07-04T06:00:00.000Z" {
		t.Errorf("after a change ical.js read %+v, want UID %q, SEQUENCE 4, start 06:00Z", again, want[0].UID)
	}
}

// icalJSEvent is one event as tools/icalcheck prints it.
type icalJSEvent struct {
	UID         string `json:"uid"`
	Summary     string `json:"summary"`
	Location    string `json:"location"`
	Description string `json:"description"`
	Status      string `json:"status"`
	Sequence    int    `json:"sequence"`
	Start       string `json:"start"`
	End         string `json:"end"`
}

func parseWithICalJS(t *testing.T, node, script string, events []CalendarEvent) []icalJSEvent {
	t.Helper()
	var ics bytes.Buffer
	if err := WriteCalendar(&ics, "SCO Summit 2024", events); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script)
	cmd.Stdin = &ics
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", node, script, err, stderr.String())
	}
	var got []icalJSEvent
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("decoding icalcheck output: %v\n%s", err, out)
	}
	return got
}

// icalUnfold undoes RFC 5545 folding: a CRLF followed by one space or tab.
func icalUnfold(s string) string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.ReplaceAll(s, "\r\n\t", "")
}
