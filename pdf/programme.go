package pdf

import (
	"io"
	"slices"
	"strings"
	"time"

	"summit/domain"
)

// The programme's documents: a delegation's agenda and a room's day, from
// what domain.Documents gathered, in the sheet's language with names in it
// (falling back to the primary name) and times in the summit's zone.

// Agenda writes a delegation's agenda: a heading per day, and a table of
// its meetings: time, title and kind, room and venue, participants.
func Agenda(w io.Writer, sh *domain.Sheet) error {
	l := lang(sh.Lang)
	title := l.say("agenda") + " · " + sh.Delegation.Names.In(sh.Lang, sh.Delegation.Name)
	d, err := New(sheetHeader(sh, title))
	if err != nil {
		return err
	}
	if head := headOf(sh); head != nil {
		d.Paragraph(l.say("head") + l.say("colon") + personName(sh, *head))
	}
	if len(sh.Items) == 0 {
		d.Paragraph(l.say("empty"))
	}
	cols := []Column{{Title: l.say("time"), Width: 23}, {Title: l.say("meeting"), BoldFirst: true},
		{Title: l.say("place"), Width: 43}, {Title: l.say("participants"), Width: 62}}
	for _, day := range byDay(sh) {
		d.Heading(l.day(day.date))
		rows := make([]Row, len(day.items))
		for i, it := range day.items {
			rows[i] = Row{Cells: []string{times(sh, it), meetingCell(l, it), placeOf(sh, it), participants(sh, it, sh.Delegation.ID)},
				Muted: it.Status == domain.MeetingCancelled}
			if mv := it.Movement; mv != nil {
				from, to := venueIn(sh.Venues, mv.FromVenueID, sh.Lang), venueIn(sh.Venues, mv.ToVenueID, sh.Lang)
				rows[i].Cells = []string{times(sh, it), departLine(l, from, to, *mv, sh.Zone) + "\n" + l.label("movement"), from + " → " + to, ""}
			}
		}
		d.Table(cols, rows)
	}
	return d.Output(w)
}

// RoomDay writes a room's day: the room's facts, and a table of its
// meetings: time, title and kind, participants.
func RoomDay(w io.Writer, sh *domain.Sheet) error {
	l := lang(sh.Lang)
	room := sh.Room.Names.In(sh.Lang, sh.Room.Name)
	d, err := New(sheetHeader(sh, room+" · "+sh.Venue.Names.In(sh.Lang, sh.Venue.Name)))
	if err != nil {
		return err
	}
	date, _ := time.Parse(time.DateOnly, sh.Date)
	d.Heading(l.day(date))
	facts := l.say("seats", "n", sh.Room.Capacity) + " · " + l.label("layout."+sh.Room.Layout)
	if langs := sh.Room.InterpretationLanguages; len(langs) > 0 {
		facts += " · " + l.say("interpretation") + l.say("colon") + strings.Join(langs, l.say("comma"))
	}
	d.Note(facts)
	if len(sh.Items) == 0 {
		d.Paragraph(l.say("roomEmpty"))
		return d.Output(w)
	}
	cols := []Column{{Title: l.say("time"), Width: 23}, {Title: l.say("meeting"), BoldFirst: true},
		{Title: l.say("participants"), Width: 85}}
	rows := make([]Row, len(sh.Items))
	for i, it := range sh.Items {
		rows[i] = Row{Cells: []string{times(sh, it), meetingCell(l, it), participants(sh, it, "")},
			Muted: it.Status == domain.MeetingCancelled}
	}
	d.Table(cols, rows)
	return d.Output(w)
}

// sheetHeader heads a sheet's pages: the title, the summit and its zone,
// the release, when it was printed, "page N of M".
func sheetHeader(sh *domain.Sheet, title string) Header {
	l := lang(sh.Lang)
	ref := sh.PrintedAt.In(sh.Zone)
	if day, err := time.ParseInLocation(time.DateOnly, sh.Summit.StartsOn, sh.Zone); err == nil {
		ref = day.Add(12 * time.Hour) // the summit's own offset, whatever the season of printing
	}
	sub := l.say("timesIn", "zone", l.zone(sh.Summit.City, ref))
	if sh.Summit.Name != "" {
		sub = sh.Summit.Name + " · " + sub
	}
	stamp := l.say("notReleased")
	if sh.Release > 0 {
		stamp = l.say("release", "n", sh.Release)
	}
	printed := sh.PrintedAt.In(sh.Zone)
	return Header{Title: title, Subtitle: sub, Stamp: stamp, Lang: sh.Lang, At: sh.PrintedAt,
		Printed: l.say("printed", "when", l.dateTime(printed)+" "+offsetLabel(printed)),
		PageOf:  func(n, total int) string { return l.say("pageOf", "n", n, "total", total) }}
}

// day is one day's items.
type day struct {
	date  time.Time // the calendar day (in UTC)
	items []domain.AgendaItem
}

// byDay splits the sheet's items (in time order) by their day in the summit's zone.
func byDay(sh *domain.Sheet) []day {
	var out []day
	for _, it := range sh.Items {
		y, m, dd := it.StartsAt.In(sh.Zone).Date()
		date := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
		if len(out) == 0 || !out[len(out)-1].date.Equal(date) {
			out = append(out, day{date: date})
		}
		out[len(out)-1].items = append(out[len(out)-1].items, it)
	}
	return out
}

func times(sh *domain.Sheet, it domain.AgendaItem) string {
	return it.StartsAt.In(sh.Zone).Format("15:04") + "–" + it.EndsAt.In(sh.Zone).Format("15:04")
}

// meetingCell is the title over the kind (and "Cancelled" when it is).
func meetingCell(l lang, it domain.AgendaItem) string {
	s := it.Title + "\n" + l.label(it.Kind)
	if it.Status == domain.MeetingCancelled {
		s += " · " + l.say("cancelled")
	}
	return s
}

// placeOf is the room and venue in the sheet's language.
func placeOf(sh *domain.Sheet, it domain.AgendaItem) string {
	if it.RoomID == "" {
		return lang(sh.Lang).say("noRoom")
	}
	room, venue := it.RoomName, it.VenueName
	if r, ok := sh.Rooms[it.RoomID]; ok {
		room = r.Names.In(sh.Lang, r.Name)
	}
	if v, ok := sh.Venues[it.VenueID]; ok {
		venue = v.Names.In(sh.Lang, v.Name)
	}
	return room + lang(sh.Lang).say("comma") + venue
}

// maxListed is how many participating delegations a meeting lists by
// name; a larger one lists the sheet's own delegation and counts the rest.
const maxListed = 4

// participants is a line per participating delegation, own first, with the
// people the reader may see ("China: Xi Jinping"); beyond maxListed
// delegations, own's line and how many others.
func participants(sh *domain.Sheet, it domain.AgendaItem, own string) string {
	l := lang(sh.Lang)
	ps := slices.Clone(it.Participants)
	slices.SortStableFunc(ps, func(a, b domain.Participant) int { return boolCmp(b.DelegationID == own, a.DelegationID == own) })
	if len(ps) > maxListed {
		if len(ps) > 0 && ps[0].DelegationID == own {
			return participantLine(sh, ps[0]) + "\n" + l.say("others", "n", len(ps)-1)
		}
		return l.say("delegations", "n", len(ps))
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = participantLine(sh, p)
	}
	return strings.Join(lines, "\n")
}

// participantLine is a delegation's name with the people the reader may see of it.
func participantLine(sh *domain.Sheet, p domain.Participant) string {
	d := sh.Delegations[p.DelegationID]
	line := d.Names.In(sh.Lang, d.Name)
	var names []string
	for _, m := range sh.People(p) {
		names = append(names, personName(sh, m))
	}
	if l := lang(sh.Lang); len(names) > 0 {
		line += l.say("colon") + strings.Join(names, l.say("comma"))
	}
	return line
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func personName(sh *domain.Sheet, m domain.Member) string {
	return m.Names.In(sh.Lang, m.FullName)
}

// headOf is the agenda's delegation's head, nil when the sheet does not know it.
func headOf(sh *domain.Sheet) *domain.Member {
	heads := sh.People(domain.Participant{DelegationID: sh.Delegation.ID})
	if len(heads) == 0 {
		return nil
	}
	return &heads[0]
}
