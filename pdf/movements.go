package pdf

import (
	"io"
	"strings"
	"time"

	"summit/domain"
)

// Movements writes the transport desk's day sheet: every movement of the
// day in time order (time, delegation, from → to, vehicles, drivers), and
// the transport problems of the day.
func Movements(w io.Writer, sh *domain.MovementSheet, lg string) error {
	l := lang(lg)
	d, err := New(sheetHeader(&domain.Sheet{Summit: sh.Summit, Zone: sh.Zone, Lang: lg, PrintedAt: sh.PrintedAt, Release: sh.Release},
		l.say("movements")))
	if err != nil {
		return err
	}
	date, _ := time.Parse(time.DateOnly, sh.Date)
	d.Heading(l.day(date))
	if len(sh.Movements) == 0 {
		d.Paragraph(l.say("noMovements"))
		return d.Output(w)
	}
	cols := []Column{{Title: l.say("time"), Width: 23}, {Title: l.say("delegation"), Width: 32, Bold: true},
		{Title: l.say("route")}, {Title: l.say("cars"), Width: 30}, {Title: l.say("drivers"), Width: 45}}
	rows := make([]Row, len(sh.Movements))
	for i, mv := range sh.Movements {
		del := sh.Delegations[mv.DelegationID]
		var cars, drivers []string
		for _, id := range mv.VehicleIDs {
			v := sh.Vehicles[id]
			cars = append(cars, v.Plate)
			drivers = append(drivers, strings.TrimSpace(v.DriverName+" "+v.DriverPhone))
		}
		rows[i] = Row{Cells: []string{mv.DepartAt.In(sh.Zone).Format("15:04") + "–" + mv.ArriveAt.In(sh.Zone).Format("15:04"),
			del.Names.In(lg, del.Name), venueIn(sh.Venues, mv.FromVenueID, lg) + " → " + venueIn(sh.Venues, mv.ToVenueID, lg),
			strings.Join(cars, "\n"), strings.Join(drivers, "\n")}}
	}
	d.Table(cols, rows)
	if len(sh.Problems) > 0 {
		d.Heading(l.say("transportProblems"))
		for _, p := range sh.Problems {
			d.Note(p.Message)
		}
	}
	return d.Output(w)
}

// venueIn is a venue's name in the language, its id when unknown.
func venueIn(venues map[string]domain.Venue, id, lg string) string {
	if v, ok := venues[id]; ok {
		return v.Names.In(lg, v.Name)
	}
	return id
}

// departLine says a movement in l: "Depart Hilton Astana 11:25 → Akorda, arrive 11:50".
func departLine(l lang, from, to string, mv domain.Movement, zone *time.Location) string {
	return l.say("depart", "from", from, "to", to, "at", mv.DepartAt.In(zone).Format("15:04"), "arrive", mv.ArriveAt.In(zone).Format("15:04"))
}
