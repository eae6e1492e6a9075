package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/export"
	"summit/importer"
)

// Import (CONTRACT section 13): POST /import/{delegations|members|venues|rooms}
// for organisers, the body a CSV or XLSX file (at most 10 MiB) whose header
// row names the columns as the export does. Each row becomes the body the
// API would take for one record (the input gate's checks included), is
// matched by its natural key and created or updated by the service, all in
// one transaction; ?dry_run=1 answers the same and writes nothing.

// importPath is the import's route, which reads larger bodies than any other.
const importPath = "/api/v1/import/:kind"

// importLimit is the largest file an import takes: 10 MiB, 10,485,760 bytes.
const importLimit = 10 << 20

// cellKind says how an import reads a column's cells.
type cellKind int

const (
	cellText    cellKind = iota // text; empty leaves the field as it is (a new record gets its default)
	cellNote                    // text a record may lack (hotel, position, address): empty clears it
	cellInt                     // a whole number; empty leaves the field as it is
	cellBool                    // true or false (1 or 0, yes or no); empty leaves the field
	cellList                    // items separated by ; or ,
	cellTime                    // a time; empty clears the field
	cellName                    // names.ru, names.zh, names.kk: the three together
	cellParent                  // the parent's natural key: delegation_code, venue_name
	cellID                      // id: what the row was exported with
	cellVersion                 // version: likewise
	cellIgnored                 // created_at, updated_at, delegation_id, venue_id: an export's, read-only
)

var cellKinds = map[string]cellKind{
	"hotel": cellNote, "position": cellNote, "address": cellNote, "precedence": cellInt, "capacity": cellInt, "changeover_minutes": cellInt, "is_head": cellBool,
	"languages": cellList, "interpretation_languages": cellList, "contact_emails": cellList, "arrival_at": cellTime, "departure_at": cellTime,
	"names.ru": cellName, "names.zh": cellName, "names.kk": cellName, "delegation_code": cellParent, "venue_name": cellParent,
	"id": cellID, "version": cellVersion, "created_at": cellIgnored, "updated_at": cellIgnored, "delegation_id": cellIgnored, "venue_id": cellIgnored,
}

// writable reports whether an import changes a column's field.
func writable(col string) bool { return cellKinds[col] < cellParent }

// importKind is one entity an import takes: its sheet's columns, those a
// file must have, and how its rows are imported.
type importKind struct {
	columns  []string
	required []string
	run      func(s *Server, ctx context.Context, actor domain.Actor, sh *importSheet, dry bool) (*importAnswer, error)
}

// fileColumns are the columns a person fills in: the sheet's but those an
// export adds for reading (id, version, …).
func (imp importKind) fileColumns() []string {
	return slices.DeleteFunc(slices.Clone(imp.columns), func(col string) bool { return !writable(col) && cellKinds[col] != cellParent })
}

var importKinds = map[string]importKind{
	"delegations": {delegationColumns, []string{"code"}, importDelegations},
	"members":     {memberColumns, []string{"delegation_code", "full_name"}, importMembers},
	"venues":      {venueColumns, []string{"name"}, importVenues},
	"rooms":       {roomColumns, []string{"venue_name", "name"}, importRooms},
}

// importAnswer is what an import did, or for a dry run would do.
type importAnswer struct {
	Created   int              `json:"created"`
	Updated   int              `json:"updated"`
	Unchanged int              `json:"unchanged"`
	Errors    []fieldErrorBody `json:"errors"`
	Columns   []string         `json:"columns"` // the file's header
	Rows      []importedRow    `json:"rows"`
	Impact    []impactBody     `json:"impact"` // the problems the changes made
}

// importedRow is one row of the file and what becomes of it.
type importedRow struct {
	Row     int               `json:"row"`
	Action  string            `json:"action"`       // create, update, unchanged, or error
	ID      string            `json:"id,omitempty"` // the record's, once it exists
	Cells   []string          `json:"cells"`        // as read, under columns (a time as it is understood, in the summit's zone)
	Changed []string          `json:"changed"`      // the columns an update changes
	Before  map[string]string `json:"before,omitempty"`
}

func (s *Server) importFile(c echo.Context) error {
	kind := c.Param("kind")
	imp, ok := importKinds[kind]
	if !ok {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	dry, err := dryRunParam(c)
	if err != nil {
		return err
	}
	format, err := importFormat(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil {
		return err
	}
	data, err := readFile(c)
	if err != nil {
		return err
	}
	table, err := importer.Read(data, format, domain.MaxImportRows)
	if err != nil {
		return err
	}
	if err := checkHeader(kind, imp, table); err != nil {
		return err
	}
	ctx := c.Request().Context()
	zone, err := s.summitZone(ctx)
	if err != nil {
		return err
	}
	a, err := imp.run(s, ctx, actorOf(c), &importSheet{Table: table, zone: zone, xlsx: format == importer.XLSX}, dry)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, a)
}

// importFormat reads the Content-Type of an import: text/csv (UTF-8) or XLSX.
func importFormat(header string) (string, error) {
	ct, params, _ := mime.ParseMediaType(header)
	switch {
	case ct == "text/csv" && (params["charset"] == "" || strings.EqualFold(params["charset"], "utf-8")):
		return importer.CSV, nil
	case ct == "text/csv":
		return "", malformed("body", "a CSV must be UTF-8 (charset=utf-8)")
	case ct == export.ContentTypes[importer.XLSX]:
		return importer.XLSX, nil
	}
	return "", malformed("body", "send the file as text/csv or "+export.ContentTypes[importer.XLSX])
}

// readFile reads an import's body, at most importLimit bytes (413 beyond).
func readFile(c echo.Context) ([]byte, error) {
	tooLarge := echo.NewHTTPError(http.StatusRequestEntityTooLarge,
		fmt.Sprintf("The file is larger than %d MiB (%d bytes): import it in parts.", importLimit>>20, importLimit))
	req := c.Request()
	if req.ContentLength > importLimit {
		return nil, tooLarge
	}
	data, err := io.ReadAll(http.MaxBytesReader(c.Response(), req.Body, importLimit))
	var max *http.MaxBytesError
	if errors.As(err, &max) {
		return nil, tooLarge
	}
	return data, err
}

// checkHeader refuses a header with a column the entity lacks (by name),
// without a column it needs, or with one twice; names.ru, names.zh and
// names.kk come together. Its errors are of the header's row.
func checkHeader(kind string, imp importKind, t *importer.Table) error {
	var v domain.Validation
	for i, col := range t.Header {
		switch {
		case col == "":
			v.Add("body", "column %d has no name", i+1)
		case !slices.Contains(imp.columns, col):
			v.Add(col, "is not a column of %s (%s)", kind, strings.Join(imp.fileColumns(), ", "))
		case slices.Index(t.Header, col) < i:
			v.Add(col, "is a column twice")
		}
	}
	for _, col := range imp.required {
		v.Check(slices.Contains(t.Header, col), col, "is a column the file must have")
	}
	names := []string{"names.ru", "names.zh", "names.kk"}
	if slices.ContainsFunc(names, func(n string) bool { return slices.Contains(t.Header, n) }) {
		for _, n := range names {
			v.Check(slices.Contains(t.Header, n), n, "is a column the file must have with the other names (names.ru, names.zh, names.kk)")
		}
	}
	err := v.Err()
	if e, ok := err.(*domain.Error); ok {
		e.Message = "The file's header row does not name the columns of " + kind + "."
		for i := range e.Fields {
			e.Fields[i].Row = t.HeaderRow
		}
	}
	return err
}

// importSheet is a file to import with what reading its cells needs.
type importSheet struct {
	*importer.Table
	zone *time.Location // the summit's, for times without an offset
	xlsx bool
}

// rowFields are a row's cells as the API's fields.
type rowFields struct {
	parent, id string
	version    int
	body       map[string]any
}

// read turns a row's cells into fields; what a cell cannot be is recorded
// in v and the field left out, so that the rest of the row is checked too.
func (sh *importSheet) read(r importer.Row, v *domain.Validation) rowFields {
	f := rowFields{body: map[string]any{}}
	names := map[string]any{}
	for i, col := range sh.Header {
		cell := r.Cells[i]
		switch cellKinds[col] {
		case cellParent:
			f.parent = cell
		case cellID:
			if cell != "" && !idPattern.MatchString(cell) {
				v.Add(col, "must be an id such as 0190a8b2-5c3e-7d41-9f00-1a2b3c4d5e6f")
			} else {
				f.id = cell
			}
		case cellVersion:
			if n, ok := wholeNumber(cell); cell != "" && (!ok || n < 1) {
				v.Add(col, "must be a whole number from 1")
			} else {
				f.version = n
			}
		case cellIgnored:
		case cellName:
			if before := len(v.Fields); cell != "" {
				checkText(v, col, cell)
				if len(v.Fields) == before {
					names[strings.TrimPrefix(col, "names.")] = cell
				}
			}
			f.body["names"] = names
		default:
			if value, ok := sh.value(v, col, cell); ok {
				f.body[col] = value
			}
		}
	}
	return f
}

// value reads a cell of col as its field's value; false leaves the field out.
func (sh *importSheet) value(v *domain.Validation, col, cell string) (any, bool) {
	before := len(v.Fields)
	switch cellKinds[col] {
	case cellInt:
		n, ok := wholeNumber(cell)
		v.Check(ok || cell == "", col, "must be a whole number")
		return n, ok
	case cellBool:
		b, ok := yesNo(cell)
		v.Check(ok || cell == "", col, "must be true or false")
		return b, ok
	case cellList:
		items := []string{}
		for _, item := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' }) {
			if item = strings.TrimSpace(item); item != "" {
				checkText(v, col, item)
				items = append(items, item)
			}
		}
		return items, len(v.Fields) == before
	case cellTime:
		if cell == "" {
			return nil, true // no time: clears it
		}
		t, ok := sh.time(cell)
		v.Check(ok, col, "must be a time such as 2024-07-04T10:00:00+05:00, or 2024-07-04 10:00 in the summit's time zone")
		return t, ok
	}
	if cell == "" && cellKinds[col] == cellText {
		return nil, false
	}
	checkText(v, col, cell)
	return cell, len(v.Fields) == before
}

// time reads a time: RFC 3339 with an offset, a date and time without one
// on the summit's clock, or (XLSX) a spreadsheet's date.
func (sh *importSheet) time(cell string) (time.Time, bool) {
	if t, ok := parseTime(cell); ok {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, cell, sh.zone); err == nil {
			return t, true
		}
	}
	if sh.xlsx {
		return importer.SerialTime(cell, sh.zone)
	}
	return time.Time{}, false
}

// shown is a row's cells as the preview shows them: as read, but a time
// as it is understood (a spreadsheet's date, a time without an offset) in
// the summit's zone with the offset.
func (sh *importSheet) shown(r importer.Row) []string {
	cells := slices.Clone(r.Cells)
	for i, col := range sh.Header {
		if t, ok := sh.time(cells[i]); ok && cellKinds[col] == cellTime {
			cells[i] = export.Time(t, sh.zone)
		}
	}
	return cells
}

// wholeNumber reads a whole number, also as a spreadsheet stores one (10.0).
func wholeNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// yesNo reads true or false (1 or 0, yes or no, in any case).
func yesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "1", "yes":
		return true, true
	case "false", "0", "no":
		return false, true
	}
	return false, false
}

// readRows turns the sheet's rows into the service's: each row's fields
// decoded as the request body the API takes for one record, and its patch.
// It returns every cell that could not be read as an error of its row.
func readRows[Req interface{ patch() P }, P any](sh *importSheet) ([]domain.ImportRow[P], []domain.FieldError, error) {
	var errs []domain.FieldError
	rows := make([]domain.ImportRow[P], 0, len(sh.Rows))
	for _, r := range sh.Rows {
		var v domain.Validation
		f := sh.read(r, &v)
		raw, err := json.Marshal(f.body)
		if err != nil {
			return nil, nil, err
		}
		var req Req
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, nil, err // the columns are the request's fields: never
		}
		rows = append(rows, domain.ImportRow[P]{Row: r.Number, Parent: f.parent, ID: f.id, Version: f.version, Patch: req.patch()})
		for _, e := range v.Fields {
			errs = append(errs, domain.FieldError{Row: r.Number, Field: e.Field, Message: e.Message})
		}
	}
	return rows, errs, nil
}

// importRows imports the sheet's rows through call (a dry run when a cell
// could not be read) and answers with what became of each row; cells gives
// a record's row under columns (which begin with id).
func importRows[Req interface{ patch() P }, P, T any](sh *importSheet, dry bool, columns []string,
	call func([]domain.ImportRow[P], bool) (*domain.ImportResult[T], error), cells func(*T) []string) (*importAnswer, error) {
	rows, errs, err := readRows[Req](sh)
	if err != nil {
		return nil, err
	}
	errs = append(slices.Clone(sh.Errors), errs...)
	res, err := call(rows, dry || len(errs) > 0)
	if err != nil {
		return nil, err
	}
	errs = append(errs, res.Errors...)
	order := func(e domain.FieldError) int {
		if i := slices.Index(sh.Header, e.Field); i >= 0 {
			return i
		}
		return len(sh.Header)
	}
	slices.SortStableFunc(errs, func(a, b domain.FieldError) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return order(a) - order(b)
	})
	a := answer(sh, columns, res, errs, cells, dry)
	if len(errs) > 0 && !dry {
		return nil, &domain.Error{Code: domain.EINVALID, Fields: errs,
			Message: fmt.Sprintf("%d of the file's rows are not right: nothing was imported.", len(sh.Rows)-a.Created-a.Updated-a.Unchanged)}
	}
	return a, nil
}

// answer says what becomes of each row of the sheet.
func answer[T any](sh *importSheet, columns []string, res *domain.ImportResult[T], errs []domain.FieldError, cells func(*T) []string, dry bool) *importAnswer {
	a := &importAnswer{Columns: sh.Header, Errors: []fieldErrorBody{}, Rows: []importedRow{}, Impact: toImpactBodies(res.Impact)}
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Row] = true
		a.Errors = append(a.Errors, fieldErrorBody(e))
	}
	done := map[int]domain.Imported[T]{}
	for _, out := range res.Rows {
		done[out.Row] = out
	}
	for _, r := range sh.Rows {
		row := importedRow{Row: r.Number, Action: "error", Cells: sh.shown(r), Changed: []string{}}
		out, ok := done[r.Number]
		if ok && !bad[r.Number] {
			row.Action = out.Action
			after := cells(out.After)
			if out.Before != nil || !dry {
				row.ID = after[0]
			}
			if out.Before != nil {
				row.Changed, row.Before = changes(sh.Header, columns, cells(out.Before), after)
			}
		}
		switch row.Action {
		case domain.ImportCreate:
			a.Created++
		case domain.ImportUpdate:
			a.Updated++
		case domain.ImportUnchanged:
			a.Unchanged++
		}
		a.Rows = append(a.Rows, row)
	}
	return a
}

// changes lists the file's columns whose cells differ between two rows
// under columns, with the earlier cells.
func changes(header, columns, before, after []string) ([]string, map[string]string) {
	changed, was := []string{}, map[string]string{}
	for _, col := range header {
		if i := slices.Index(columns, col); writable(col) && i >= 0 && before[i] != after[i] {
			changed = append(changed, col)
			was[col] = before[i]
		}
	}
	return changed, was
}

func importDelegations(s *Server, ctx context.Context, actor domain.Actor, sh *importSheet, dry bool) (*importAnswer, error) {
	z := sheetTimes{sh.zone}
	return importRows[delegationRequest](sh, dry, delegationColumns,
		func(rows []domain.ImportRow[domain.DelegationPatch], dry bool) (*domain.ImportResult[domain.Delegation], error) {
			return s.svc.Delegations.Import(ctx, actor, rows, dry)
		}, z.delegationCells)
}

func importMembers(s *Server, ctx context.Context, actor domain.Actor, sh *importSheet, dry bool) (*importAnswer, error) {
	z := sheetTimes{sh.zone}
	return importRows[memberRequest](sh, dry, memberColumns,
		func(rows []domain.ImportRow[domain.MemberPatch], dry bool) (*domain.ImportResult[domain.Member], error) {
			return s.svc.Delegations.ImportMembers(ctx, actor, rows, dry)
		}, func(m *domain.Member) []string { return z.memberCells(m, "") })
}

func importVenues(s *Server, ctx context.Context, actor domain.Actor, sh *importSheet, dry bool) (*importAnswer, error) {
	z := sheetTimes{sh.zone}
	return importRows[venueRequest](sh, dry, venueColumns,
		func(rows []domain.ImportRow[domain.VenuePatch], dry bool) (*domain.ImportResult[domain.Venue], error) {
			return s.svc.Venues.Import(ctx, actor, rows, dry)
		}, z.venueCells)
}

func importRooms(s *Server, ctx context.Context, actor domain.Actor, sh *importSheet, dry bool) (*importAnswer, error) {
	z := sheetTimes{sh.zone}
	return importRows[roomRequest](sh, dry, roomColumns,
		func(rows []domain.ImportRow[domain.RoomPatch], dry bool) (*domain.ImportResult[domain.Room], error) {
			return s.svc.Venues.ImportRooms(ctx, actor, rows, dry)
		}, func(r *domain.Room) []string { return z.roomCells(r, "") })
}

// importTemplate answers an empty sheet to fill in for an import: the
// header row of the columns it changes, as CSV or XLSX.
func (s *Server) importTemplate(c echo.Context) error {
	imp, ok := importKinds[c.Param("kind")]
	name, format, _ := strings.Cut(c.Param("file"), ".")
	if !ok || name != "template" || (format != importer.CSV && format != importer.XLSX) {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	header := imp.fileColumns()
	res := c.Response()
	res.Header().Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="summit-%s-template.%s"`, c.Param("kind"), format))
	res.Header().Set(echo.HeaderContentType, export.ContentTypes[format])
	out, err := export.New(res, format, c.Param("kind"))
	if err != nil {
		return err
	}
	res.WriteHeader(http.StatusOK)
	if err := out.Row(header); err != nil {
		return err
	}
	return out.Close()
}
