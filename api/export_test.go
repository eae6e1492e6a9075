package api

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"summit/repository/dbtest"
)

// TestExport: organisers download the programme, delegations, members and
// requests as CSV and XLSX (CONTRACT section 13) with the API's field names
// as headers, times in Astana with the offset, drafts and cancelled
// meetings with their status, and formula-like cells neutralised; delegates
// may not.
func TestExport(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			talks := p.meeting("=HYPERLINK(\"http://evil.example\",\"click\")", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID)
			p.book(talks)
			draft := p.meeting("@SUM(A1:A2)", p.small.ID, at(12, 0), at(13, 0), p.kaz.ID)
			draft["status"] = "draft"
			p.book(draft)
			cancelled := p.meeting("-cancelled talks", p.hall.ID, at(14, 0), at(15, 0), p.chn.ID)
			cancelled["status"] = "cancelled"
			p.book(cancelled)
			if rec := p.call("PATCH", "/api/v1/delegations/"+p.chn.ID, p.organiser, map[string]any{"names": map[string]string{"zh": "中国", "ru": "Китай"}, "hotel": "+7 701 000 0000"}); rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}

			get := func(file string) [][]string {
				t.Helper()
				rec := p.call("GET", "/api/v1/export/"+file, p.organiser, nil)
				if rec.Code != 200 {
					t.Fatalf("GET %s: %d %s", file, rec.Code, rec.Body)
				}
				if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="summit-`+file+`"` {
					t.Fatalf("%s: Content-Disposition %q", file, cd)
				}
				if strings.HasSuffix(file, ".csv") {
					rows, err := csv.NewReader(rec.Body).ReadAll()
					if err != nil {
						t.Fatalf("%s: %v", file, err)
					}
					return rows
				}
				f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				defer f.Close()
				rows, err := f.GetRows(f.GetSheetName(0))
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				return rows
			}
			column := func(rows [][]string, name string) []string {
				t.Helper()
				i := slices.Index(rows[0], name)
				if i < 0 {
					t.Fatalf("no column %s in %v", name, rows[0])
				}
				var out []string
				for _, r := range rows[1:] {
					if i < len(r) {
						out = append(out, r[i])
					} else {
						out = append(out, "")
					}
				}
				return out
			}
			for _, format := range []string{"csv", "xlsx"} {
				prog := get("programme." + format)
				if len(prog) != 4 {
					t.Fatalf("%s programme: %d rows, want a header and 3: %v", format, len(prog), prog)
				}
				titles, statuses := column(prog, "title"), column(prog, "status")
				if want := []string{`'=HYPERLINK("http://evil.example","click")`, "'@SUM(A1:A2)", "'-cancelled talks"}; !slices.Equal(titles, want) {
					t.Fatalf("%s titles %q, want %q", format, titles, want)
				}
				if want := []string{"confirmed", "draft", "cancelled"}; !slices.Equal(statuses, want) {
					t.Fatalf("%s statuses %q", format, statuses)
				}
				if got := column(prog, "starts_at")[0]; got != "2024-07-04T10:00:00+05:00" {
					t.Fatalf("%s starts_at %q, want Astana time with the offset", format, got)
				}
				if got := column(prog, "participants")[0]; got != "KAZ; CHN" && got != "CHN; KAZ" {
					t.Fatalf("%s participants %q", format, got)
				}

				dels := get("delegations." + format)
				codes := column(dels, "code")
				i := slices.Index(codes, "CHN")
				if i < 0 || column(dels, "names.zh")[i] != "中国" || column(dels, "names.ru")[i] != "Китай" || column(dels, "hotel")[i] != "'+7 701 000 0000" {
					t.Fatalf("%s delegations: %v", format, dels)
				}
				members := get("members." + format)
				if !slices.Contains(column(members, "full_name"), "Xi Jinping") || !slices.Contains(column(members, "delegation_code"), "CHN") {
					t.Fatalf("%s members: %v", format, members)
				}
				if reqs := get("requests." + format); !slices.Equal(reqs[0][:3], []string{"id", "from_delegation_id", "from_delegation_code"}) {
					t.Fatalf("%s requests header %v", format, reqs[0])
				}
			}

			assertProblem(t, p.call("GET", "/api/v1/export/programme.csv", p.token("delegate"), nil), 403)
			assertProblem(t, p.call("GET", "/api/v1/export/programme.xlsx", "", nil), 401)
			assertProblem(t, p.call("GET", "/api/v1/export/rooms.csv", p.organiser, nil), 404)
			assertProblem(t, p.call("GET", "/api/v1/export/programme.pdf", p.organiser, nil), 404)
		})
	}
}
