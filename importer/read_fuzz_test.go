package importer

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"summit/domain"
	"summit/export"
)

// Fuzzing the import's reader (issue 11): every spreadsheet a client may
// send. `make fuzz` runs these longer; their committed corpora live in
// testdata/fuzz/<Target>/.

// checkTable holds any answer of Read to what it promises: a table whose
// rows are as wide as its header, numbered upwards below it, trimmed UTF-8
// with no formula left unreported; or an EMALFORMED or EINVALID error of
// field "body".
func checkTable(t *testing.T, tab *Table, err error, maxRows int) {
	t.Helper()
	if err != nil {
		var e *domain.Error
		if !errors.As(err, &e) || (e.Code != domain.EMALFORMED && e.Code != domain.EINVALID) || len(e.Fields) != 1 || e.Fields[0].Field != "body" {
			t.Fatalf("Read failed with %#v, want an EMALFORMED or EINVALID error of body", err)
		}
		return
	}
	if len(tab.Header) == 0 || len(tab.Header) > MaxColumns || len(tab.Rows) > maxRows {
		t.Fatalf("header %q, %d rows", tab.Header, len(tab.Rows))
	}
	last := 1
	for _, r := range tab.Rows {
		if r.Number <= last || len(r.Cells) != len(tab.Header) {
			t.Fatalf("row %d after %d with %d cells for %d columns", r.Number, last, len(r.Cells), len(tab.Header))
		}
		last = r.Number
		for i, c := range r.Cells {
			if !utf8.ValidString(c) || strings.TrimSpace(c) != c && !strings.HasPrefix(c, "\t") && !strings.HasPrefix(c, "\r") {
				t.Fatalf("row %d cell %d %q is not trimmed UTF-8", r.Number, i, c)
			}
		}
	}
	for _, e := range tab.Errors {
		at := slices.IndexFunc(tab.Rows, func(r Row) bool { return r.Number == e.Row })
		formula := func(i int) bool { return tab.Header[i] == e.Field && strings.HasPrefix(tab.Rows[at].Cells[i], "=") }
		if at < 0 || !slices.ContainsFunc(rangeOf(len(tab.Header)), formula) {
			t.Fatalf("error %+v names no formula cell", e)
		}
	}
}

// rangeOf is 0 … n-1.
func rangeOf(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// FuzzReadCSV: Read on any bytes as CSV (and, since a client may say
// either, as XLSX) never panics and answers per checkTable.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"code,name\nKAZ,Kazakhstan\n",
		"\xef\xbb\xbfcode;name\r\nRUS;Россия\r\n",
		"name,address\n\"Akorda\",\"Street 1\r\nAstana\"\n\n\nPalace,\"a \"\"b\"\" c\"\n",
		"code,name,hotel\nKAZ,=HYPERLINK(\"x\"),'=1\nCHN,'+7,'-\n",
		"code\t\"name\nKAZ\tKaz\"akh\"stan\n",
		"a,b\n\"unterminated\n",
		"a,b\n1,2,3\n",
		"\xff\xfec\x00o\x00",
		"",
		"\n\n\n",
		"PK\x03\x04",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{CSV, XLSX} {
			tab, err := Read(data, format, 50)
			checkTable(t, tab, err, 50)
		}
	})
}

// FuzzReadXLSX: Read on XLSX files made of any cells, and on such files
// cut short or with a byte changed, never panics and answers per
// checkTable; an intact file reads back its cells as written (trimmed,
// and the export's quotes taken off).
func FuzzReadXLSX(f *testing.F) {
	f.Add("code|name\nKAZ|Kazakhstan", uint16(0), byte(0))
	f.Add("name|hotel\n=cmd|@SUM(A1)\n-5|+7 701", uint16(100), byte('x'))
	f.Add("a\n\n\nb", uint16(30), byte(0xff))
	f.Add("Код|名称\nҚАЗ|哈萨克斯坦 ", uint16(2000), byte('<'))
	f.Fuzz(func(t *testing.T, sheet string, at uint16, b byte) {
		if !utf8.ValidString(sheet) || strings.ContainsFunc(sheet, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r >= 0xfffe }) {
			return // XML holds no such text; the CSV fuzzer covers it
		}
		var rows [][]string
		for _, line := range strings.Split(sheet, "\n") {
			rows = append(rows, strings.Split(line, "|"))
		}
		data := xlsxOf(t, rows...)
		tab, err := Read(data, XLSX, 50)
		checkTable(t, tab, err, 50)
		if err == nil {
			checkReadBack(t, rows, tab)
		}
		if int(at) < len(data) {
			broken := bytes.Clone(data)
			broken[at] = b
			tab, err = Read(broken, XLSX, 50)
			checkTable(t, tab, err, 50)
			tab, err = Read(data[:at], XLSX, 50)
			checkTable(t, tab, err, 50)
		}
	})
}

// checkReadBack: the cells read are those written, as an import reads them.
func checkReadBack(t *testing.T, rows [][]string, tab *Table) {
	t.Helper()
	got := map[int][]string{}
	for _, r := range tab.Rows {
		got[r.Number] = r.Cells
	}
	header := true
	for i, r := range rows {
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue // an empty row
		}
		for j, c := range r {
			c = strings.TrimSpace(export.SafeCell(c))
			g := got[i+1]
			if header {
				c, g = strings.ToLower(c), tab.Header
			} else {
				c, _ = Cell(c)
			}
			if j < len(g) && g[j] != c {
				t.Fatalf("row %d cell %d: read %q, wrote %q", i+1, j, g[j], c)
			}
		}
		header = false
	}
}
