package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"summit/domain"
	"summit/repository/dbtest"
)

const (
	csvType  = "text/csv"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// importer sends files to the import of a planning fixture and reads what it wrote.
type importing struct {
	*planning
	t *testing.T
}

// send posts a file to /import/{kind} (query: "?dry_run=1" or "").
func (im importing) send(kind, query, contentType string, file []byte) *httptest.ResponseRecorder {
	im.t.Helper()
	return im.call("POST", "/api/v1/import/"+kind+query, im.organiser, string(file), "Content-Type", contentType)
}

// ok sends a file and wants 200 with counts created/updated/unchanged and no errors.
func (im importing) ok(kind, query, contentType string, file []byte, created, updated, unchanged int) importAnswer {
	im.t.Helper()
	rec := im.send(kind, query, contentType, file)
	if rec.Code != 200 {
		im.t.Fatalf("import %s%s: %d %s", kind, query, rec.Code, rec.Body)
	}
	a := decode[importAnswer](im.t, rec)
	if a.Created != created || a.Updated != updated || a.Unchanged != unchanged || len(a.Errors) != 0 {
		im.t.Fatalf("import %s%s: created %d updated %d unchanged %d errors %v, want %d %d %d and none",
			kind, query, a.Created, a.Updated, a.Unchanged, a.Errors, created, updated, unchanged)
	}
	return a
}

// lastAudit is the newest audit entry's id.
func (im importing) lastAudit() int64 {
	im.t.Helper()
	id, err := im.store.LastAuditID(context.Background())
	if err != nil {
		im.t.Fatal(err)
	}
	return id
}

// auditSince counts the audit entries after id by "action entity_type".
func (im importing) auditSince(id int64) map[string]int {
	im.t.Helper()
	entries, err := im.store.AuditAfter(context.Background(), id, 10000)
	if err != nil {
		im.t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range entries {
		out[e.Action+" "+e.EntityType]++
	}
	return out
}

func (im importing) delegation(code string) delegationResponse {
	im.t.Helper()
	var list list[delegationResponse]
	json.Unmarshal(im.call("GET", "/api/v1/delegations?limit=500", im.organiser, nil).Body.Bytes(), &list)
	for _, d := range list.Items {
		if d.Code == code {
			return d
		}
	}
	return delegationResponse{}
}

// errorsOf lists a problem's or an answer's errors as "row field".
func errorsOf(errs []fieldErrorBody) []string {
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("%d %s", e.Row, e.Field))
	}
	return out
}

// TestImportDelegations: a CSV with a byte order mark and CRLF line ends
// creates, updates and leaves delegations as its rows say, matched by
// code; the dry run answers the same, row by row, and writes nothing; the
// import writes one audit entry per row written; the same file again
// changes nothing.
func TestImportDelegations(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			file := []byte("\xef\xbb\xbfcode,name,names.ru,names.zh,names.kk,kind,precedence,languages,arrival_at,hotel\r\n" +
				"KAZ,Kazakhstan,,,,member,0,,,\r\n" +
				"chn,China,Китай,中国,Қытай,member,0,,2024-07-03T09:00:00+05:00,Rixos President\r\n" +
				"\r\n" +
				"UZB,Uzbekistan,Узбекистан,乌兹别克斯坦,Өзбекстан,member,4,\"uz; ru\",2024-07-03 09:30,Ritz-Carlton\r\n" +
				"UN,United Nations,,,,organisation,20,en;fr,,\r\n")
			before := im.lastAudit()
			dry := im.ok("delegations", "?dry_run=1", csvType, file, 2, 1, 1)
			if im.lastAudit() != before || im.delegation("UZB").ID != "" {
				t.Fatalf("the dry run wrote: %v", im.auditSince(before))
			}
			actions := map[int]string{}
			for _, r := range dry.Rows {
				actions[r.Row] = r.Action
			}
			if want := map[int]string{2: "unchanged", 3: "update", 5: "create", 6: "create"}; fmt.Sprint(actions) != fmt.Sprint(want) {
				t.Fatalf("rows %v, want %v (the header is row 1, an empty row keeps its number)", actions, want)
			}
			chn := dry.Rows[1]
			if chn.ID != im.chn.ID || !slices.Equal(chn.Changed, []string{"names.ru", "names.zh", "names.kk", "hotel"}) ||
				chn.Before["hotel"] != "" || chn.Before["names.ru"] != "" || chn.Cells[0] != "chn" {
				t.Fatalf("CHN's row %+v", chn)
			}
			if dry.Rows[2].ID != "" || len(dry.Rows[2].Changed) != 0 || !slices.Equal(dry.Columns[:3], []string{"code", "name", "names.ru"}) {
				t.Fatalf("a row that creates: %+v, columns %v", dry.Rows[2], dry.Columns)
			}

			done := im.ok("delegations", "", csvType, file, 2, 1, 1)
			if got := im.auditSince(before); fmt.Sprint(got) != fmt.Sprint(map[string]int{"create delegation": 2, "update delegation": 1}) {
				t.Fatalf("audit entries %v, want one per row written", got)
			}
			uzb := im.delegation("UZB")
			if uzb.ID != done.Rows[2].ID || uzb.ArrivalAt == nil || !uzb.ArrivalAt.Equal(time.Date(2024, 7, 3, 4, 30, 0, 0, time.UTC)) ||
				!slices.Equal(uzb.Languages, []string{"uz", "ru"}) || uzb.Names["zh"] != "乌兹别克斯坦" || uzb.Precedence != 4 {
				t.Fatalf("UZB as imported: %+v (its arrival in Astana time without an offset)", uzb)
			}
			if c := im.delegation("CHN"); c.Hotel != "Rixos President" || c.Names["kk"] != "Қытай" || c.Version != 3 {
				t.Fatalf("CHN as updated: %+v", c)
			}

			again := im.lastAudit()
			im.ok("delegations", "", csvType, file, 0, 0, 4)
			if im.lastAudit() != again {
				t.Fatalf("the same file again wrote %v", im.auditSince(again))
			}
		})
	}
}

// TestImportContacts: a delegation's notice contacts and language import
// as a list and a word; a bad address is refused on its column.
func TestImportContacts(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			im.ok("delegations", "", csvType, []byte("code,contact_emails,notice_language\n"+
				"CHN,\"protocol@mfa.example; liaison@mfa.example\",zh\n"), 0, 1, 0)
			if c := im.delegation("CHN"); !slices.Equal(c.ContactEmails, []string{"protocol@mfa.example", "liaison@mfa.example"}) || c.NoticeLanguage != "zh" {
				t.Fatalf("CHN's contacts as imported: %v %q", c.ContactEmails, c.NoticeLanguage)
			}
			pr := assertProblem(t, im.send("delegations", "", csvType, []byte("code,contact_emails,notice_language\n"+
				"CHN,\"ok@mfa.example, not an address\",fr\n")), 422)
			if got, want := errorsOf(pr.Errors), []string{"2 contact_emails", "2 notice_language"}; !slices.Equal(got, want) {
				t.Fatalf("errors %v, want %v", got, want)
			}
			im.ok("delegations", "", csvType, []byte("code,contact_emails\nCHN,\n"), 0, 1, 0)
			if c := im.delegation("CHN"); len(c.ContactEmails) != 0 || c.NoticeLanguage != "zh" {
				t.Fatalf("an empty cell clears the contacts and leaves the language: %v %q", c.ContactEmails, c.NoticeLanguage)
			}
		})
	}
}

// TestImportIsAllOrNothing: a file with bad rows answers 422 listing every
// bad row and field, in row order (the header is row 1), and writes
// nothing, not even its good rows; the dry run lists the same errors with
// the counts of the good rows.
func TestImportIsAllOrNothing(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			file := []byte("code,name,kind,precedence,arrival_at,departure_at,hotel\n" +
				"UZB,Uzbekistan,member,4,,,Ritz\n" +
				"IRN,Iran,empire,many,,,\n" +
				"k,,member,1,,,\n" +
				"UZB,Uzbekistan again,member,4,,,\n" +
				"PAK,=HYPERLINK(\"http://evil.example\"),member,2,tomorrow,,\n" +
				"IND,India,member,3,2024-07-04T10:00:00+05:00,2024-07-03T10:00:00+05:00,\"a\x07b\"\n" +
				"MNG,Mongolia,observer,5,,,'=not a formula\n")
			before := im.lastAudit()
			pr := assertProblem(t, im.send("delegations", "", csvType, file), 422)
			want := []string{"3 kind", "3 precedence", "4 code", "4 name", "5 code", "6 name", "6 arrival_at", "7 departure_at", "7 hotel"}
			if got := errorsOf(pr.Errors); !slices.Equal(got, want) {
				t.Fatalf("errors %v, want %v: %s", got, want, pr.Detail)
			}
			if im.lastAudit() != before || im.delegation("UZB").ID != "" || im.delegation("MNG").ID != "" {
				t.Fatalf("a refused import wrote %v", im.auditSince(before))
			}

			rec := im.send("delegations", "?dry_run=1", csvType, file)
			a := decode[importAnswer](t, rec)
			if rec.Code != 200 || a.Created != 2 || !slices.Equal(errorsOf(a.Errors), want) || a.Rows[1].Action != "error" || a.Rows[6].Action != "create" {
				t.Fatalf("dry run: %d %+v", rec.Code, a)
			}
			if im.lastAudit() != before {
				t.Fatal("the dry run wrote")
			}
		})
	}
}

// TestImportRefusesTheFile: what is wrong with the file as a whole is
// said before any row is read: columns by name, the size, the encoding,
// the kind of file; only organisers import.
func TestImportRefusesTheFile(t *testing.T) {
	im := importing{newPlanning(t, ""), t}
	cases := []struct {
		name, kind, contentType, file string
		status                        int
		fields                        []string
	}{
		{"unknown_column", "delegations", csvType, "code,name,colour\nKAZ,Kazakhstan,blue\n", 422, []string{"1 colour"}},
		{"missing_key_column", "members", csvType, "full_name,position\nX,Y\n", 422, []string{"1 delegation_code"}},
		{"names_come_together", "venues", csvType, "name,names.ru\nAkorda,Акорда\n", 422, []string{"1 names.zh", "1 names.kk"}},
		{"column_twice", "venues", csvType, "name,address,address\nAkorda,a,b\n", 422, []string{"1 address"}},
		{"column_without_name", "venues", csvType, "name,,address\nAkorda,x,b\n", 422, []string{"1 body"}},
		{"not_utf8", "delegations", csvType, "code,name\nRUS,\xd0\xee\xf1\xf1\xe8\xff\n", 400, []string{"2 body"}},
		{"charset", "delegations", "text/csv; charset=windows-1251", "code\nRUS\n", 400, []string{"0 body"}},
		{"empty", "delegations", csvType, "", 422, []string{"0 body"}},
		{"json", "delegations", "application/json", `{"code":"KAZ"}`, 400, []string{"0 body"}},
		{"csv_said_to_be_xlsx", "delegations", xlsxType, "code\nKAZ\n", 400, []string{"0 body"}},
		{"unknown_kind", "meetings", csvType, "title\nX\n", 404, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := assertProblem(t, im.send(c.kind, "", c.contentType, []byte(c.file)), c.status)
			var got []string
			for _, e := range pr.Errors {
				got = append(got, fmt.Sprintf("%d %s", e.Row, e.Field))
			}
			if !slices.Equal(got, c.fields) {
				t.Fatalf("errors %v, want %v", got, c.fields)
			}
		})
	}
	t.Run("over_10_MiB", func(t *testing.T) {
		big := append([]byte("code,name\n"), bytes.Repeat([]byte("KAZ,Kazakhstan\n"), importLimit/15+1)...)
		pr := assertProblem(t, im.send("delegations", "", csvType, big), 413)
		if !strings.Contains(pr.Detail, "10 MiB") {
			t.Fatalf("detail %q", pr.Detail)
		}
		// Another route still stops at 1 MiB.
		assertProblem(t, im.call("POST", "/api/v1/delegations", im.organiser, `{"code":"`+strings.Repeat("A", 1<<20)+`"}`), 413)
	})
	t.Run("just_under_10_MiB_is_read", func(t *testing.T) {
		file := []byte("code,name,hotel\nKAZ,Kazakhstan," + strings.Repeat("x", importLimit-40) + "\n")
		rec := im.send("delegations", "", csvType, file)
		var pr Problem
		json.Unmarshal(rec.Body.Bytes(), &pr)
		if rec.Code != 422 || len(pr.Errors) != 1 || pr.Errors[0].Row != 2 || pr.Errors[0].Field != "hotel" {
			t.Fatalf("a cell over 2,000 characters: %d %+v", rec.Code, pr.Errors)
		}
	})
	t.Run("who", func(t *testing.T) {
		file := "code,name\nUZB,Uzbekistan\n"
		assertProblem(t, im.call("POST", "/api/v1/import/delegations", im.token("delegate"), file, "Content-Type", csvType), 403)
		assertProblem(t, im.call("POST", "/api/v1/import/delegations", "", file, "Content-Type", csvType), 401)
		assertProblem(t, im.call("GET", "/api/v1/import/rooms/template.csv", im.token("delegate"), nil), 403)
		if im.delegation("UZB").ID != "" {
			t.Fatal("a refused caller imported")
		}
	})
}

// TestImportMembers: members are matched by delegation code and full
// name; a file may move the head (the new head's row goes first, whatever
// its place), the former head's entry recording the change; a member of a
// delegation that does not exist is an error of its row.
func TestImportMembers(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			file := []byte("delegation_code,full_name,position,is_head,accreditation\n" +
				"KAZ,Kassym-Jomart Tokayev,President,false,approved\n" +
				"kaz,Murat Nurtleu,Minister of Foreign Affairs,TRUE,\n" +
				"KAZ,Roman Sklyar,Deputy Prime Minister,,pending\n" +
				"CHN,Xi Jinping,President,true,\n")
			before := im.lastAudit()
			im.ok("members", "", csvType, file, 1, 2, 1)
			got := im.auditSince(before)
			if got["create member"] != 1 || got["update member"] != 3 || len(got) > 3 {
				t.Fatalf("audit %v: a create, two rows' updates and the former head's", got)
			}
			var ms list[memberResponse]
			json.Unmarshal(im.call("GET", "/api/v1/delegations/"+im.kaz.ID+"/members", im.organiser, nil).Body.Bytes(), &ms)
			heads := 0
			for _, m := range ms.Items {
				if m.IsHead {
					heads++
					if m.FullName != "Murat Nurtleu" || m.Position != "Minister of Foreign Affairs" {
						t.Fatalf("head %+v", m)
					}
				}
				if m.FullName == "Kassym-Jomart Tokayev" && m.Accreditation != "approved" {
					t.Fatalf("Tokayev %+v", m)
				}
			}
			if heads != 1 || len(ms.Items) != 3 {
				t.Fatalf("KAZ members %+v", ms.Items)
			}

			bad := []byte("delegation_code,full_name,is_head\nXYZ,Nobody,\n,Nobody Either,\nCHN,Li Qiang,true\nCHN,Wang Yi,yes\nCHN,Ding Xuexiang,maybe\n")
			pr := assertProblem(t, im.send("members", "", csvType, bad), 422)
			if got, want := errorsOf(pr.Errors), []string{"2 delegation_code", "3 delegation_code", "5 is_head", "6 is_head"}; !slices.Equal(got, want) {
				t.Fatalf("errors %v, want %v (%+v)", got, want, pr.Errors)
			}
		})
	}
}

// xlsxFile writes rows as an XLSX workbook as a spreadsheet would: numbers
// as numbers, a date as a date.
func xlsxFile(t *testing.T, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportVenuesAndRoomsFromXLSX: venues by name and rooms by venue name
// and name, from Excel workbooks with numbers and dates typed as such.
func TestImportVenuesAndRoomsFromXLSX(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			venues := xlsxFile(t, []any{"name", "address", "names.ru", "names.zh", "names.kk"},
				[]any{"Akorda", "Mangilik El 1", "Акорда", "阿克奥尔达", "Ақорда"},
				[]any{"Congress Centre", "Kabanbay Batyr 20", nil, nil, nil})
			im.ok("venues", "", xlsxType, venues, 1, 1, 0)
			rooms := xlsxFile(t, []any{"venue_name", "name", "capacity", "layout", "interpretation_languages", "changeover_minutes"},
				[]any{"Congress Centre", "Hall A", 400, "plenary", "ru, zh, en", 30},
				[]any{"Congress Centre", "Room 2", 12.0, nil, nil, nil},
				[]any{"Akorda", "Oval Hall", 14, "bilateral", "ru; zh", 0})
			a := im.ok("rooms", "", xlsxType, rooms, 2, 1, 0)
			if a.Rows[2].Before["capacity"] != "10" || !slices.Equal(a.Rows[2].Changed, []string{"capacity"}) {
				t.Fatalf("Oval Hall's row %+v", a.Rows[2])
			}
			r := decode[roomResponse](t, im.call("GET", "/api/v1/rooms/"+a.Rows[1].ID, im.organiser, nil))
			if r.Capacity != 12 || r.Layout != "other" || len(r.InterpretationLanguages) != 0 || r.ChangeoverMinutes != 0 {
				t.Fatalf("Room 2 %+v", r)
			}
			pr := assertProblem(t, im.send("rooms", "", xlsxType, xlsxFile(t, []any{"venue_name", "name", "capacity"},
				[]any{"Nowhere", "Hall", 10}, []any{"Akorda", "Oval Hall", 0}, []any{"Akorda", "Oval Hall", 5})), 422)
			if got, want := errorsOf(pr.Errors), []string{"2 venue_name", "3 capacity", "4 name"}; !slices.Equal(got, want) {
				t.Fatalf("errors %v, want %v", got, want)
			}

			// A date typed in Excel is a serial number on the summit's clock.
			f := xlsxFile(t, []any{"code", "name", "kind", "arrival_at"}, []any{"MNG", "Mongolia", "observer", 45476.375})
			im.ok("delegations", "", xlsxType, f, 1, 0, 0)
			if at := im.delegation("MNG").ArrivalAt; at == nil || !at.Equal(time.Date(2024, 7, 3, 4, 0, 0, 0, time.UTC)) {
				t.Fatalf("MNG arrives %v, want 2024-07-03 09:00 in Astana", at)
			}
		})
	}
}

// TestImportRoundTrip: an export imports as it is (every row unchanged),
// CSV and XLSX; a cell changed in it updates that record; a row changed
// since it was exported, or whose code was edited, is refused by name.
func TestImportRoundTrip(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			im := importing{newPlanning(t, u), t}
			im.call("PATCH", "/api/v1/delegations/"+im.chn.ID, im.organiser, map[string]any{"hotel": "=Rixos", "names": map[string]string{"zh": "中国"}, "languages": []string{"zh", "ru"}})
			export := func(file string) []byte {
				t.Helper()
				rec := im.call("GET", "/api/v1/export/"+file, im.organiser, nil)
				if rec.Code != 200 {
					t.Fatalf("export %s: %d", file, rec.Code)
				}
				return rec.Body.Bytes()
			}
			for _, format := range []string{"csv", "xlsx"} {
				ct := map[string]string{"csv": csvType, "xlsx": xlsxType}[format]
				im.ok("delegations", "", ct, export("delegations."+format), 0, 0, 2)
				im.ok("members", "", ct, export("members."+format), 0, 0, 3)
			}
			before := im.lastAudit()
			dels := export("delegations.csv")
			edited := bytes.Replace(dels, []byte("'=Rixos"), []byte("Rixos President"), 1)
			a := im.ok("delegations", "", csvType, edited, 0, 1, 1)
			if got := im.auditSince(before); got["update delegation"] != 1 || im.delegation("CHN").Hotel != "Rixos President" {
				t.Fatalf("audit %v, CHN %+v", got, im.delegation("CHN"))
			}
			if i := slices.IndexFunc(a.Rows, func(r importedRow) bool { return r.Action == "update" }); a.Rows[i].Before["hotel"] != "=Rixos" {
				t.Fatalf("rows %+v", a.Rows)
			}
			// The edited file's CHN row is now stale: changing it again is refused.
			again := bytes.Replace(edited, []byte("Rixos President"), []byte("Hilton"), 1)
			pr := assertProblem(t, im.send("delegations", "", csvType, again), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "version" {
				t.Fatalf("stale row: %+v", pr.Errors)
			}
			// A code edited in an export would make a new delegation: refused, naming whose id it is.
			renamed := bytes.Replace(export("delegations.csv"), []byte(",KAZ,"), []byte(",KZX,"), 1)
			pr = assertProblem(t, im.send("delegations", "", csvType, renamed), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "id" || !strings.Contains(pr.Errors[0].Message, "delegation KAZ") {
				t.Fatalf("renamed: %+v", pr.Errors)
			}
		})
	}
}

// TestImportTemplates: each import's template is its header row, CSV or XLSX.
func TestImportTemplates(t *testing.T) {
	im := importing{newPlanning(t, ""), t}
	rec := im.call("GET", "/api/v1/import/members/template.csv", im.organiser, nil)
	if rec.Code != 200 || rec.Body.String() != "delegation_code,full_name,names.ru,names.zh,names.kk,position,is_head,accreditation\n" {
		t.Fatalf("%d %q", rec.Code, rec.Body)
	}
	rec = im.call("GET", "/api/v1/import/rooms/template.xlsx", im.organiser, nil)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 1 || rows[0][0] != "venue_name" {
		t.Fatalf("rooms template %v", rows)
	}
	// A template imports as an empty file: nothing to do.
	im.ok("members", "", csvType, im.call("GET", "/api/v1/import/members/template.csv", im.organiser, nil).Body.Bytes(), 0, 0, 0)
	assertProblem(t, im.call("GET", "/api/v1/import/meetings/template.csv", im.organiser, nil), 404)
	assertProblem(t, im.call("GET", "/api/v1/import/rooms/template.pdf", im.organiser, nil), 404)
	_ = domain.MaxImportRows
}
