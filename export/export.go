// Package export writes tables as UTF-8 CSV or XLSX (CONTRACT section 13):
// a header row of the API's field names, then one row per item, written as
// it comes (the XLSX through excelize's streaming writer, so that memory
// stays flat however many rows), with every cell that a spreadsheet would
// read as a formula neutralised.
package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"summit/domain"
)

// Sheet is where an export's rows go; Close finishes the file.
type Sheet interface {
	Row(cells []string) error
	Close() error
}

// ContentTypes are the media types of the formats.
var ContentTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// New starts a sheet of format ("csv" or "xlsx") named name, written to w.
func New(w io.Writer, format, name string) (Sheet, error) {
	if format == "csv" {
		return csvSheet{csv.NewWriter(w)}, nil
	}
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	return &xlsxSheet{f: f, sw: sw, out: w}, nil
}

type csvSheet struct{ w *csv.Writer }

func (s csvSheet) Row(cells []string) error { return s.w.Write(safe(cells)) }
func (s csvSheet) Close() error             { s.w.Flush(); return s.w.Error() }

type xlsxSheet struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	n   int
	out io.Writer
}

func (s *xlsxSheet) Row(cells []string) error {
	s.n++
	cell, err := excelize.CoordinatesToCellName(1, s.n)
	if err != nil {
		return err
	}
	values := make([]any, len(cells))
	for i, c := range safe(cells) {
		values[i] = c
	}
	return s.sw.SetRow(cell, values)
}

func (s *xlsxSheet) Close() error {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	return s.f.Write(s.out)
}

// SafeCell neutralises a cell a spreadsheet would read as a formula (one
// that begins with = + - @, a tab or a carriage return) with a leading quote.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func safe(cells []string) []string {
	for i := range cells {
		cells[i] = SafeCell(cells[i])
	}
	return cells
}

// Time gives t in zone with its offset, such as 2024-07-04T10:00:00+05:00.
func Time(t time.Time, zone *time.Location) string { return t.In(zone).Format(time.RFC3339) }

// TimePtr is Time for an optional time, "" for none.
func TimePtr(t *time.Time, zone *time.Location) string {
	if t == nil {
		return ""
	}
	return Time(*t, zone)
}

// ProgrammeHeader names the columns of ProgrammeRow.
var ProgrammeHeader = []string{"id", "title", "kind", "status", "visibility", "starts_at", "ends_at", "room_id", "languages",
	"expected_attendance", "participants", "request_id", "version", "created_at", "updated_at"}

// ProgrammeRow is a meeting's row; participants are delegation codes (codes by delegation id).
func ProgrammeRow(m *domain.Meeting, codes map[string]string, zone *time.Location) []string {
	parts := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		parts[i] = codes[p.DelegationID]
	}
	return []string{m.ID, m.Title, m.Kind, string(m.Status), m.Visibility, Time(m.StartsAt, zone), Time(m.EndsAt, zone), m.RoomID,
		strings.Join(m.Languages, "; "), strconv.Itoa(m.ExpectedAttendance), strings.Join(parts, "; "), m.RequestID,
		strconv.Itoa(m.Version), Time(m.CreatedAt, zone), Time(m.UpdatedAt, zone)}
}
