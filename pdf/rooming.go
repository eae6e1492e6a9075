package pdf

import (
	"io"
	"strconv"
	"time"
)

// PrintedEnglish says when a document was printed, as the agendas say it
// in English ("printed 3 July 2024, 09:00 UTC+5").
func PrintedEnglish(at time.Time) string {
	return lang("en").say("printed", "when", lang("en").dateTime(at)+" "+offsetLabel(at))
}

// RoomingLine is one guest of a rooming list.
type RoomingLine struct {
	Hotel, Delegation, Name, Position, Room, From, To string
	Nights                                            int
}

// Rooming writes a rooming list: a heading per hotel and a table of its
// guests (delegation, name and position, room, nights), in the order given.
func Rooming(w io.Writer, h Header, lines []RoomingLine) error {
	d, err := New(h)
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		d.Paragraph("No one is booked into this hotel yet.")
	}
	cols := []Column{{Title: "Delegation", Width: 38}, {Title: "Guest", BoldFirst: true}, {Title: "Room", Width: 20},
		{Title: "Arrives", Width: 24}, {Title: "Leaves", Width: 24}, {Title: "Nights", Width: 15}}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j].Hotel == lines[i].Hotel {
			j++
		}
		d.Heading(lines[i].Hotel)
		rows := make([]Row, 0, j-i)
		for _, l := range lines[i:j] {
			rows = append(rows, Row{Cells: []string{l.Delegation, l.Name + "\n" + l.Position, l.Room, l.From, l.To, strconv.Itoa(l.Nights)}})
		}
		d.Table(cols, rows)
		i = j
	}
	return d.Output(w)
}
