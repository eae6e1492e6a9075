// Package importer reads the spreadsheets of an import (CONTRACT section
// 13): UTF-8 CSV — with or without a byte order mark, CRLF or LF line ends,
// comma-separated, or semicolon- or tab-separated as spreadsheets save it
// in some locales — or XLSX (its first sheet). It gives the header row and
// the rows under it as trimmed text cells; what the cells mean is the API's
// business.
package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"summit/domain"
	"summit/export"
)

// Formats: the content types an import takes, by format.
const (
	CSV  = "csv"
	XLSX = "xlsx"
)

// MaxColumns bounds the columns of a sheet.
const MaxColumns = 100

// maxUnzipped bounds what an XLSX may unpack to, so that a small file
// cannot fill the memory (a "zip bomb").
const maxUnzipped = 64 << 20

// Table is a spreadsheet as read: its header (trimmed, in lower case) and
// its rows, empty ones left out.
type Table struct {
	Header    []string
	HeaderRow int // the header's row number: 1 unless empty rows come first
	Rows      []Row
	// Errors are the cells no import may take (each with its Row and, as
	// Field, its column's name): a formula.
	Errors []domain.FieldError
}

// Row is one row under the header.
type Row struct {
	Number int      // in the file: the header is row 1
	Cells  []string // one per column of the header, trimmed ("" where the row has none)
}

// Read reads a spreadsheet of format (CSV or XLSX) of at most maxRows rows
// under its header. A file it cannot read is EMALFORMED (not UTF-8, not
// CSV, not XLSX); one it can read but not take is EINVALID (empty, too many
// rows or columns, a row longer than the header); each names field "body".
func Read(data []byte, format string, maxRows int) (*Table, error) {
	var rows rowSource
	var err error
	switch format {
	case CSV:
		rows, err = csvRows(data)
	case XLSX:
		rows, err = xlsxRows(data)
	default:
		return nil, malformed(0, "must be CSV or XLSX")
	}
	if err != nil {
		return nil, err
	}
	defer rows.close()
	t := &Table{}
	for {
		n, cells, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		if err := t.add(n, cells, maxRows); err != nil {
			return nil, err
		}
	}
	if t.Header == nil {
		return nil, invalid(0, "the file is empty: its first row must name the columns")
	}
	return t, nil
}

// add takes row n of the file: the header when there is none yet.
func (t *Table) add(n int, cells []string, maxRows int) error {
	for i, c := range cells {
		if !utf8.ValidString(c) {
			return malformed(n, "must be UTF-8 text (save the file as “CSV UTF-8”)")
		}
		cells[i] = strings.TrimSpace(c)
	}
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	switch {
	case len(cells) == 0:
		return nil // an empty row
	case len(cells) > MaxColumns:
		return invalid(n, fmt.Sprintf("has %d columns: at most %d", len(cells), MaxColumns))
	case t.Header == nil:
		for i := range cells {
			cells[i] = strings.ToLower(cells[i])
		}
		t.Header, t.HeaderRow = cells, n
		return nil
	case len(cells) > len(t.Header):
		return invalid(n, fmt.Sprintf("has %d cells, but the header names %d columns", len(cells), len(t.Header)))
	case len(t.Rows) == maxRows:
		return invalid(n, fmt.Sprintf("the file has more than %d rows: import it in parts", maxRows))
	}
	row := Row{Number: n, Cells: make([]string, len(t.Header))}
	for i, c := range cells {
		v, formula := Cell(c)
		if formula {
			t.Errors = append(t.Errors, domain.FieldError{Row: n, Field: t.Header[i],
				Message: "begins with = like a formula: an import takes values (begin it with ' to mean the text)"})
		}
		row.Cells[i] = v
	}
	t.Rows = append(t.Rows, row)
	return nil
}

// Cell reads a cell's text: one that an export neutralised (a ' before
// = + - @, a tab or a carriage return) loses its quote; formula is true for
// one that begins with = as a formula does, which no import takes.
func Cell(s string) (v string, formula bool) {
	if len(s) > 1 && s[0] == '\'' && export.SafeCell(s[1:]) != s[1:] {
		return s[1:], false
	}
	return s, strings.HasPrefix(s, "=")
}

// SerialTime reads a cell of an XLSX file's date column: a spreadsheet
// keeps a date and time as a number of days since 1900 (a serial number),
// on the clock of the place it was typed in, here zone. False when cell is
// no such number (from 1 January 1900 to 31 December 9999).
func SerialTime(cell string, zone *time.Location) (time.Time, bool) {
	days, err := strconv.ParseFloat(cell, 64)
	if err != nil || days < 1 || days >= 2958466 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(days, false)
	if err != nil {
		return time.Time{}, false
	}
	t = t.Round(time.Second)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, zone), true
}

// rowSource gives a sheet's rows one at a time with their numbers: io.EOF
// after the last.
type rowSource interface {
	next() (int, []string, error)
	close()
}

// csvSource reads CSV records and numbers them as a spreadsheet shows
// them: a line break inside a quoted cell makes no new row, an empty line
// (which encoding/csv skips) is an empty row.
type csvSource struct {
	r            *csv.Reader
	row, endLine int // the last record's row, and the line it ended on
}

// csvRows reads CSV: a byte order mark is dropped, and the separator is
// the one of , ; and tab that the first line holds most of.
func csvRows(data []byte) (rowSource, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return &csvSource{r: r}, nil
}

func (s *csvSource) next() (int, []string, error) {
	cells, err := s.r.Read()
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return 0, nil, malformed(s.row+1+perr.StartLine-s.endLine-1, "is not CSV: "+perr.Err.Error())
	} else if err != nil {
		return 0, nil, err
	}
	start, _ := s.r.FieldPos(0)
	last, _ := s.r.FieldPos(len(cells) - 1)
	s.row += start - s.endLine // skipped empty lines included
	s.endLine = last + strings.Count(cells[len(cells)-1], "\n")
	return s.row, cells, nil
}

func (*csvSource) close() {}

// separator is the one of , ; and tab that the first line holds most of
// (a comma when it holds none).
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, most := ',', bytes.Count(line, []byte(","))
	for _, sep := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte(string(sep))); n > most {
			best, most = sep, n
		}
	}
	return best
}

type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

// xlsxRows reads the first sheet of an XLSX file, cells as stored (numbers
// without their display format, dates as serial numbers, formulas as the
// value the spreadsheet computed).
func xlsxRows(data []byte) (rowSource, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return nil, invalid(0, fmt.Sprintf("unpacks to more than %d MiB", maxUnzipped>>20))
		}
		return nil, malformed(0, "is not an XLSX file (save it as an Excel workbook, .xlsx)")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, invalid(0, "the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, malformed(0, "is not an XLSX file (save it as an Excel workbook, .xlsx)")
	}
	return &xlsxSource{f: f, rows: rows}, nil
}

// next gives the next row: excelize's iterator stops at every row number,
// those the file leaves out too.
func (s *xlsxSource) next() (int, []string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return 0, nil, malformed(s.row+1, "has an unreadable sheet: "+err.Error())
		}
		return 0, nil, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, nil, malformed(s.row, "has an unreadable sheet: "+err.Error())
	}
	return s.row, cells, nil
}

func (s *xlsxSource) close() {
	s.rows.Close()
	s.f.Close()
}

func malformed(row int, message string) error {
	return fileError(domain.EMALFORMED, "The file cannot be read", row, message)
}

func invalid(row int, message string) error {
	return fileError(domain.EINVALID, "The file cannot be imported", row, message)
}

// fileError is an error of the file as a whole (field "body"), or of one of its rows.
func fileError(code, what string, row int, message string) error {
	if row > 0 {
		what += fmt.Sprintf(" (row %d)", row)
	}
	return &domain.Error{Code: code, Message: what + ": " + message + ".",
		Fields: []domain.FieldError{{Row: row, Field: "body", Message: message}}}
}
