package importer

import (
	"archive/zip"
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"summit/domain"
	"summit/export"
)

// xlsxOf writes rows as an XLSX file through the export's writer.
func xlsxOf(t testing.TB, rows ...[]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	s, err := export.New(&buf, XLSX, "delegations")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := s.Row(append([]string(nil), r...)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rowsOf gives a table's rows as number → cells.
func rowsOf(t *Table) map[int][]string {
	out := map[int][]string{}
	for _, r := range t.Rows {
		out[r.Number] = r.Cells
	}
	return out
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name, data string
		header     []string
		rows       map[int][]string
	}{
		{"plain", "code,name\nKAZ,Kazakhstan\n", []string{"code", "name"}, map[int][]string{2: {"KAZ", "Kazakhstan"}}},
		{"bom_and_crlf", "\xef\xbb\xbfCode , Name\r\nKAZ, Kazakhstan \r\nCHN,China\r\n", []string{"code", "name"},
			map[int][]string{2: {"KAZ", "Kazakhstan"}, 3: {"CHN", "China"}}},
		{"semicolons", "code;name;hotel\nRUS;Россия;\"Rixos; Astana\"\n", []string{"code", "name", "hotel"},
			map[int][]string{2: {"RUS", "Россия", "Rixos; Astana"}}},
		{"tabs", "code\tname\nKAZ\tKazakhstan\n", []string{"code", "name"}, map[int][]string{2: {"KAZ", "Kazakhstan"}}},
		{"empty_rows_keep_their_numbers", "code,name\n\n,\nKAZ,Kazakhstan\n\n\nCHN,China", []string{"code", "name"},
			map[int][]string{4: {"KAZ", "Kazakhstan"}, 7: {"CHN", "China"}}},
		{"line_breaks_in_a_cell_make_no_row", "name,address\nAkorda,\"Street 1\r\nAstana\"\nPalace,Street 2\n", []string{"name", "address"},
			map[int][]string{2: {"Akorda", "Street 1\nAstana"}, 3: {"Palace", "Street 2"}}},
		{"short_rows_and_trailing_empty_cells", "code,name,hotel\nKAZ\nCHN,China,,,\n", []string{"code", "name", "hotel"},
			map[int][]string{2: {"KAZ", "", ""}, 3: {"CHN", "China", ""}}},
		{"exported_quotes_come_off", "name,hotel\nX,'=1+2\nY,'+7 701\nZ,'-\nW,'ok\n", []string{"name", "hotel"},
			map[int][]string{2: {"X", "=1+2"}, 3: {"Y", "+7 701"}, 4: {"Z", "-"}, 5: {"W", "'ok"}}},
		{"header_only", "code,name\n", []string{"code", "name"}, map[int][]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, err := Read([]byte(c.data), CSV, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(tab.Header, c.header) || !reflect.DeepEqual(rowsOf(tab), c.rows) || len(tab.Errors) != 0 {
				t.Fatalf("got %q %v %v, want %q %v", tab.Header, rowsOf(tab), tab.Errors, c.header, c.rows)
			}
		})
	}
}

func TestReadXLSX(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for cell, v := range map[string]any{"A1": "Code", "B1": "precedence", "C1": "arrival_at", "D1": "is_head",
		"A2": "KAZ", "B2": 10, "C2": 45476.5, "D2": true, "A4": "CHN", "B4": 2.0, "D4": false} {
		if err := f.SetCellValue("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellFormula("Sheet1", "E2", `="x"`); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(buf.Bytes(), XLSX, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]string{2: {"KAZ", "10", "45476.5", "1"}, 4: {"CHN", "2", "", "0"}}
	if !reflect.DeepEqual(tab.Header, []string{"code", "precedence", "arrival_at", "is_head"}) || !reflect.DeepEqual(rowsOf(tab), want) {
		t.Fatalf("got %q %v, want %v", tab.Header, rowsOf(tab), want)
	}

	exported := xlsxOf(t, []string{"name", "hotel"}, []string{"=cmd", "@SUM(A1)"})
	tab, err = Read(exported, XLSX, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int][]string{2: {"=cmd", "@SUM(A1)"}}; !reflect.DeepEqual(rowsOf(tab), want) || len(tab.Errors) != 0 {
		t.Fatalf("an export read back: %v %v, want %v", rowsOf(tab), tab.Errors, want)
	}
}

// TestReadRefuses: what no import takes is an error naming the row, or the
// cells that look like formulas, every one of them.
func TestReadRefuses(t *testing.T) {
	cases := []struct {
		name, format, data string
		code               string
		row                int
	}{
		{"not_utf8", CSV, "code,name\nRUS,\xd0\xee\xf1\xf1\xe8\xff\n", domain.EMALFORMED, 2},
		{"utf16", CSV, "\xff\xfec\x00o\x00d\x00e\x00", domain.EMALFORMED, 1},
		{"empty", CSV, "", domain.EINVALID, 0},
		{"blank_lines_only", CSV, "\r\n\r\n,,\n", domain.EINVALID, 0},
		{"row_longer_than_header", CSV, "code,name\nKAZ,Kazakhstan,extra\n", domain.EINVALID, 2},
		{"too_many_rows", CSV, "code\nA\nB\nC\n", domain.EINVALID, 4},
		{"too_many_columns", CSV, strings.Repeat("c,", MaxColumns) + "c\n", domain.EINVALID, 1},
		{"not_xlsx", XLSX, "code,name\n", domain.EMALFORMED, 0},
		{"unknown_format", "pdf", "%PDF", domain.EMALFORMED, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read([]byte(c.data), c.format, 2)
			e, ok := err.(*domain.Error)
			if !ok || e.Code != c.code || len(e.Fields) != 1 || e.Fields[0].Field != "body" || e.Fields[0].Row != c.row {
				t.Fatalf("got %#v, want %s at row %d", err, c.code, c.row)
			}
		})
	}

	t.Run("formulas_every_one", func(t *testing.T) {
		tab, err := Read([]byte("code,name,hotel\nKAZ,=HYPERLINK(\"x\"),ok\nCHN, =1+1,=2\n"), CSV, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range tab.Errors {
			got = append(got, e.Field+"@"+string(rune('0'+e.Row)))
		}
		if want := []string{"name@2", "name@3", "hotel@3"}; !reflect.DeepEqual(got, want) {
			t.Fatalf("formula cells %v, want %v", got, want)
		}
	})

	t.Run("zip_bomb", func(t *testing.T) {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.Create("xl/worksheets/sheet1.xml")
		chunk := bytes.Repeat([]byte(" "), 1<<20)
		for range maxUnzipped>>20 + 1 {
			w.Write(chunk)
		}
		z.Close()
		if buf.Len() > 1<<20 {
			t.Fatalf("the bomb is %d bytes", buf.Len())
		}
		_, err := Read(buf.Bytes(), XLSX, 10)
		if e, ok := err.(*domain.Error); !ok || e.Code != domain.EINVALID || !strings.Contains(e.Message, "unpacks to more than") {
			t.Fatalf("got %v", err)
		}
	})
}
