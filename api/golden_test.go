package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"image/jpeg"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"summit/domain"
	"summit/pdf/pdftest"
)

// update rewrites the recording: go test ./api -run TestGolden -update
var update = flag.Bool("update", false, "rewrite api/testdata/golden.json with the answers the API gives now")

var goldenFile = filepath.Join("testdata", "golden.json")

// TestGolden plays one scripted scenario through the whole HTTP API and
// compares every answer — status, the headers that matter, the body — with
// the recording in testdata/golden.json, after replacing what differs from
// run to run (ids, tokens, clock times, elapsed seconds) with placeholders.
// It is the proof that a refactor of the response types leaves the API's
// answers exactly as they were. Every route the server registers must answer
// a success at least once in the scenario.
//
// After an intended change of the API: go test ./api -run TestGolden -update
// and review the diff of testdata/golden.json.
func TestGolden(t *testing.T) {
	got := recordGolden(t)
	if *update {
		if err := os.MkdirAll(filepath.Dir(goldenFile), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenFile, encodeGolden(t, got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d steps", goldenFile, len(got))
		return
	}
	raw, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v: record it with go test ./api -run TestGolden -update", err)
	}
	var want goldenRecording
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("%s: %v", goldenFile, err)
	}
	compareGolden(t, want.Steps, got)
}

// goldenRecording is the file: a note for readers, then the steps.
type goldenRecording struct {
	Note  string `json:"note"`
	Steps []any  `json:"steps"`
}

// goldenStep is one exchange as recorded, normalised.
type goldenStep struct {
	Name          string            `json:"name"`
	As            string            `json:"as,omitempty"` // whose access token was sent
	Method        string            `json:"method"`
	Path          string            `json:"path"`
	RequestHeader map[string]string `json:"request_header,omitempty"`
	RequestBody   any               `json:"request_body,omitempty"`
	Status        int               `json:"status"`
	Header        map[string]string `json:"header,omitempty"`
	Body          any               `json:"body,omitempty"`
}

// goldenHeaders are the response headers recorded (when present).
var goldenHeaders = []string{"Content-Type", "ETag", "Location", "Cache-Control", "Allow", "WWW-Authenticate", "Retry-After", "Set-Cookie"}

// goldenRequestHeaders are the request headers recorded (the token is in "as").
var goldenRequestHeaders = []string{"If-Match", "Idempotency-Key", "Last-Event-ID"}

func encodeGolden(t *testing.T, steps []goldenStep) []byte {
	t.Helper()
	anySteps := make([]any, len(steps))
	for i := range steps {
		anySteps[i] = steps[i]
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep <id1> readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(goldenRecording{
		Note: "Recorded answers of the HTTP API for TestGolden (api/golden_test.go). Regenerate with " +
			"go test ./api -run TestGolden -update and review the diff. Placeholders: <idN> for UUIDs by first appearance, " +
			"<time> for clock times (the scenario's own 2024 times are kept), <access-token>, <refresh-token-N>, <feed-token-N>, " +
			"<request-id> in problems, <elapsed> for the scheduler's seconds. Calendars and the event stream are recorded line by line, " +
			"/metrics as its request counts only, openapi.json and bodies over 4 KiB that are not JSON as their SHA-256.",
		Steps: anySteps}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// asJSONValue round-trips v through JSON, as the recording is read back.
func asJSONValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func prettyJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
	return strings.TrimRight(b.String(), "\n")
}

// compareGolden compares the steps as parsed JSON (key order does not
// matter) and reports the first differing step with a line diff.
func compareGolden(t *testing.T, want []any, got []goldenStep) {
	t.Helper()
	var differing []string
	first := -1
	for i := 0; i < len(want) && i < len(got); i++ {
		if !reflect.DeepEqual(want[i], asJSONValue(t, got[i])) {
			differing = append(differing, fmt.Sprintf("%d %q", i+1, got[i].Name))
			if first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		w, g := prettyJSON(want[first]), prettyJSON(asJSONValue(t, got[first]))
		others := ""
		if len(differing) > 1 {
			shown := differing[1:min(len(differing), 11)]
			others = fmt.Sprintf("\n%d more step(s) differ: %s", len(differing)-1, strings.Join(shown, ", "))
		}
		t.Fatalf("step %d %q (%s %s) answers differently from %s (run with -update if the change is intended)\n"+
			"--- expected\n+++ got\n%s%s", first+1, got[first].Name, got[first].Method, got[first].Path, goldenFile,
			lineDiff(strings.Split(w, "\n"), strings.Split(g, "\n")), others)
	}
	if len(want) != len(got) {
		var extra string
		switch {
		case len(got) > len(want):
			extra = fmt.Sprintf("first unrecorded step: %q", got[len(want)].Name)
		default:
			extra = fmt.Sprintf("first recorded step not played: %s", prettyJSON(want[len(got)]))
		}
		t.Fatalf("%s has %d steps, the scenario played %d; %s (run with -update if intended)", goldenFile, len(want), len(got), extra)
	}
}

// lineDiff is a unified-style diff of a and b with three lines of context.
func lineDiff(a, b []string) string {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	type op struct {
		kind byte // ' ', '-', '+'
		line string
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{' ', l})
	}
	if len(am)*len(bm) <= 4_000_000 {
		// Longest common subsequence of the middle parts.
		lcs := make([][]int32, len(am)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(bm)+1)
		}
		for i := len(am) - 1; i >= 0; i-- {
			for j := len(bm) - 1; j >= 0; j-- {
				if am[i] == bm[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(am) || j < len(bm) {
			switch {
			case i < len(am) && j < len(bm) && am[i] == bm[j]:
				ops = append(ops, op{' ', am[i]})
				i, j = i+1, j+1
			case j < len(bm) && (i == len(am) || lcs[i][j+1] >= lcs[i+1][j]):
				ops = append(ops, op{'+', bm[j]})
				j++
			default:
				ops = append(ops, op{'-', am[i]})
				i++
			}
		}
	} else {
		for _, l := range am {
			ops = append(ops, op{'-', l})
		}
		for _, l := range bm {
			ops = append(ops, op{'+', l})
		}
	}
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{' ', l})
	}
	// Print the changed lines with three lines of context; elide the rest.
	const around = 3
	show := make([]bool, len(ops))
	for k, o := range ops {
		if o.kind != ' ' {
			for c := max(0, k-around); c <= min(len(ops)-1, k+around); c++ {
				show[c] = true
			}
		}
	}
	var out strings.Builder
	aLine, bLine := 1, 1
	for k, o := range ops {
		if show[k] && (k == 0 || !show[k-1]) {
			fmt.Fprintf(&out, "@@ expected line %d, got line %d @@\n", aLine, bLine)
		}
		if show[k] {
			fmt.Fprintf(&out, "%c%s\n", o.kind, o.line)
		}
		if o.kind != '+' {
			aLine++
		}
		if o.kind != '-' {
			bLine++
		}
	}
	return out.String()
}

// normaliser replaces what differs between runs with stable placeholders.
type normaliser struct {
	since   time.Time         // clock times are at or after it; the scenario's own times are in 2024
	ids     map[string]string // UUID → <idN>
	secrets map[string]string // refresh and feed tokens → <kind-N>
	counts  map[string]int
}

var (
	uuidPattern       = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	jwtPattern        = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)
	changeETagPattern = regexp.MustCompile(`W/"c[0-9]+-[0-9a-f]{16}"`) // an agenda's, a list's or a feed's (see notModified)
	feedPattern       = regexp.MustCompile(`/ical/delegations/([A-Za-z0-9_-]+)\.ics`)
	expiresPattern    = regexp.MustCompile(`Expires=[^;]+`)
	dtstampPattern    = regexp.MustCompile(`^DTSTAMP:\d{8}T\d{6}Z$`)
)

func newNormaliser(since time.Time) *normaliser {
	return &normaliser{since: since, ids: map[string]string{}, secrets: map[string]string{}, counts: map[string]int{}}
}

// secret registers a random token, named by kind and order of first appearance.
func (n *normaliser) secret(kind, s string) {
	if s == "" || n.secrets[s] != "" {
		return
	}
	n.counts[kind]++
	n.secrets[s] = fmt.Sprintf("<%s-%d>", kind, n.counts[kind])
}

func (n *normaliser) id(u string) string {
	if p, ok := n.ids[u]; ok {
		return p
	}
	p := fmt.Sprintf("<id%d>", len(n.ids)+1)
	n.ids[u] = p
	return p
}

func (n *normaliser) str(s string) string {
	for secret, p := range n.secrets { // tokens never overlap, so the order does not matter
		s = strings.ReplaceAll(s, secret, p)
	}
	s = jwtPattern.ReplaceAllString(s, "<access-token>")
	s = changeETagPattern.ReplaceAllString(s, "<change-etag>")
	s = uuidPattern.ReplaceAllStringFunc(s, n.id)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil && !t.Before(n.since) {
		return "<time>"
	}
	return s
}

// value normalises a parsed JSON value, visiting object keys in sorted order
// so that placeholders do not depend on the order fields are written in.
func (n *normaliser) value(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if tok, ok := x["refresh_token"].(string); ok {
			n.secret("refresh-token", tok)
		}
		for _, k := range []string{"url", "webcal_url"} {
			if u, ok := x[k].(string); ok {
				if m := feedPattern.FindStringSubmatch(u); m != nil {
					n.secret("feed-token", m[1])
				}
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make(map[string]any, len(x))
		for _, k := range keys {
			switch v := x[k]; {
			case uuidPattern.MatchString(k): // keyed by id, as travel_minutes is
				out[n.str(k)] = n.value(v)
			case k == "stats" && isObject(v):
				stats := map[string]any{}
				for sk, sv := range v.(map[string]any) {
					stats[sk] = sv
				}
				if _, ok := stats["seconds"]; ok {
					stats["seconds"] = "<elapsed>" // the search's wall time; the rest is determined by the problem
				}
				out[k] = n.value(stats)
			default:
				out[k] = n.value(v)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = n.value(x[i])
		}
		return out
	case string:
		return n.str(x)
	default:
		return v
	}
}

func isObject(v any) bool { _, ok := v.(map[string]any); return ok }

func parseJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// printedPattern is the time a document was printed, in English or Russian.
var printedPattern = regexp.MustCompile(`(printed|напечатано) \d{1,2} \S+ \d{4}( г\.)?, \d\d:\d\d UTC\S*`)

// badgeCodePattern is a line of a badge's code as printed beside its QR code:
// groups of six base32 letters, signed with a key made at random per database.
var badgeCodePattern = regexp.MustCompile(`^[A-Z2-7]{6}( [A-Z2-7]{6}){0,2}$`)

// pdfPagePattern finds a PDF's page objects.
var pdfPagePattern = regexp.MustCompile(`/Type /Page\b[^s]`)

// body normalises a response body by its content type.
func (n *normaliser) body(t *testing.T, path, contentType string, b []byte) any {
	t.Helper()
	if len(b) == 0 {
		return nil
	}
	mediaType, _, _ := strings.Cut(contentType, ";")
	switch {
	case path == "/api/openapi.json":
		sum := sha256.Sum256(b) // a static file of 100 KiB: its digest
		return map[string]any{"sha256": hex.EncodeToString(sum[:]), "bytes": len(b)}
	case mediaType == "application/json" || mediaType == "application/problem+json":
		v, err := parseJSON(b)
		if err != nil {
			t.Fatalf("%s: the body is not JSON: %v\n%s", path, err, b)
		}
		if p, ok := v.(map[string]any); ok && mediaType == "application/problem+json" {
			if _, ok := p["request_id"].(string); ok {
				p["request_id"] = "<request-id>" // each request's own id, for the logs
			}
		}
		return n.value(v)
	case mediaType == "text/calendar":
		var lines []any
		for _, l := range strings.Split(string(b), "\r\n") {
			if dtstampPattern.MatchString(l) {
				l = "DTSTAMP:<time>" // when the meeting last changed
			}
			lines = append(lines, n.str(l))
		}
		return lines
	case mediaType == "application/pdf":
		// Its text, as a reader's viewer extracts it; the time of printing is the clock's.
		var lines []any
		for _, l := range strings.Split(pdftest.Text(t, b), "\n") {
			if badgeCodePattern.MatchString(l) {
				l = "<badge code>"
			}
			lines = append(lines, n.str(printedPattern.ReplaceAllString(l, "$1 <time>")))
		}
		return lines
	case mediaType == "text/csv":
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: the body is not CSV: %v", path, err)
		}
		var out []any
		for _, r := range rows {
			cells := make([]any, len(r))
			for i, c := range r {
				cells[i] = n.str(c)
			}
			out = append(out, cells)
		}
		return out
	case mediaType == "text/event-stream":
		var lines []any
		for _, l := range strings.Split(string(b), "\n") {
			if data, ok := strings.CutPrefix(l, "data: "); ok {
				if v, err := parseJSON([]byte(data)); err == nil {
					lines = append(lines, map[string]any{"data": n.value(v)})
					continue
				}
			}
			lines = append(lines, n.str(l))
		}
		return lines
	case path == "/metrics":
		// The request counts by route and status are determined by the
		// scenario; latencies and the Go runtime's figures are not.
		var lines []any
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "summit_http_requests_total") || strings.HasPrefix(l, "summit_http_request_duration_seconds_count") ||
				strings.HasPrefix(l, "# HELP summit_") || strings.HasPrefix(l, "# TYPE summit_") {
				lines = append(lines, l)
			}
		}
		return lines
	case mediaType == "application/pdf": // made anew each time (its date, the badge key's tokens): its pages
		return map[string]any{"pdf_pages": len(pdfPagePattern.FindAll(b, -1))}
	case mediaType == "image/jpeg":
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: not a JPEG: %v", path, err)
		}
		return map[string]any{"jpeg_width": cfg.Width, "jpeg_height": cfg.Height}
	case len(b) > 4096:
		sum := sha256.Sum256(b)
		return map[string]any{"sha256": hex.EncodeToString(sum[:]), "bytes": len(b)}
	default:
		var lines []any
		for _, l := range strings.Split(string(b), "\n") {
			lines = append(lines, n.str(l))
		}
		return lines
	}
}

// goldenRun plays the scenario and records it.
type goldenRun struct {
	t         *testing.T
	s         *Server
	n         *normaliser
	steps     []goldenStep
	succeeded map[string]bool   // "METHOD /route" that answered 2xx
	tokens    map[string]string // by user label: access token
	refresh   map[string]string // by user label: refresh token
	lastMilli int64
	hold      bool   // record the next step's body later (see callAsSet)
	deferred  func() // records a held body; runs after the next step is recorded
}

// call sends one request through s.Echo, records it and checks its status.
func (g *goldenRun) call(name, as, method, path string, body any, want int, header ...string) *httptest.ResponseRecorder {
	g.t.Helper()
	rec, sent := g.send(as, body, header, func(body io.Reader, header []string) *httptest.ResponseRecorder {
		return do(g.t, g.s.Echo, method, path, body, header...)
	})
	g.record(name, as, method, path, sent, header, rec)
	if rec.Code != want {
		g.t.Fatalf("step %d %q: %s %s answered %d, want %d: %s", len(g.steps), name, method, path, rec.Code, want, rec.Body)
	}
	return rec
}

// rawBody is a request body sent as it is, with its media type: a file to import.
type rawBody struct{ contentType, text string }

// callRaw sends a body as it is, with its media type, records it (the body
// sent as its size) and checks the status.
func (g *goldenRun) callRaw(name, as, method, path, mediaType string, body []byte, want int) *httptest.ResponseRecorder {
	g.t.Helper()
	header := []string{"Content-Type", mediaType}
	rec, _ := g.send(as, nil, header, func(_ io.Reader, header []string) *httptest.ResponseRecorder {
		return do(g.t, g.s.Echo, method, path, bytes.NewReader(body), header...)
	})
	g.record(name, as, method, path, nil, header, rec)
	if rec.Code != want {
		g.t.Fatalf("step %d %q: %s %s answered %d, want %d: %s", len(g.steps), name, method, path, rec.Code, want, rec.Body)
	}
	return rec
}

// send adds the body, its type and the token to the request and has serve
// run it. Steps are at least a millisecond apart, so that ids (UUIDv7, whose
// first bits are the millisecond) sort in the order the scenario made them.
func (g *goldenRun) send(as string, body any, header []string, serve func(io.Reader, []string) *httptest.ResponseRecorder) (*httptest.ResponseRecorder, []byte) {
	g.t.Helper()
	for time.Now().UnixMilli() <= g.lastMilli {
		time.Sleep(100 * time.Microsecond)
	}
	var sent []byte
	var r io.Reader
	header = slices.Clone(header)
	if raw, ok := body.(rawBody); ok {
		sent, _ = json.Marshal(raw.text) // recorded as a JSON string
		r = strings.NewReader(raw.text)
		header = append(header, "Content-Type", raw.contentType)
	} else if body != nil {
		var err error
		if sent, err = json.Marshal(body); err != nil {
			g.t.Fatal(err)
		}
		r = bytes.NewReader(sent)
		header = append(header, "Content-Type", "application/json")
	}
	if as != "" {
		tok, ok := g.tokens[as]
		if !ok {
			g.t.Fatalf("no token for %q", as)
		}
		header = append(header, "Authorization", "Bearer "+tok)
	}
	rec := serve(r, header)
	g.lastMilli = time.Now().UnixMilli()
	return rec, sent
}

// record normalises and keeps one exchange, and notes the route it hit.
func (g *goldenRun) record(name, as, method, path string, sent []byte, header []string, rec *httptest.ResponseRecorder) {
	g.t.Helper()
	n := g.n
	step := goldenStep{Name: name, As: as, Method: method, Path: n.str(path), Status: rec.Code}
	for i := 0; i+1 < len(header); i += 2 {
		if slices.ContainsFunc(goldenRequestHeaders, func(h string) bool { return strings.EqualFold(h, header[i]) }) {
			if step.RequestHeader == nil {
				step.RequestHeader = map[string]string{}
			}
			step.RequestHeader[header[i]] = n.str(header[i+1])
		}
	}
	if len(sent) > 0 {
		v, err := parseJSON(sent)
		if err != nil {
			g.t.Fatal(err)
		}
		step.RequestBody = n.value(v)
	}
	if !g.hold {
		step.Body = n.body(g.t, strings.Split(path, "?")[0], rec.Header().Get("Content-Type"), rec.Body.Bytes())
	}
	for _, h := range goldenHeaders {
		v := strings.Join(rec.Header().Values(h), "\n")
		if v == "" {
			continue
		}
		if h == "Set-Cookie" {
			v = expiresPattern.ReplaceAllString(v, "Expires=<time>")
		}
		if step.Header == nil {
			step.Header = map[string]string{}
		}
		step.Header[h] = n.str(v)
	}
	g.steps = append(g.steps, step)
	if d := g.deferred; d != nil && !g.hold {
		g.deferred = nil
		d()
	}

	if rec.Code >= 200 && rec.Code < 300 {
		c := g.s.Echo.NewContext(httptest.NewRequest(method, path, nil), httptest.NewRecorder())
		g.s.Echo.Router().Find(method, strings.Split(path, "?")[0], c)
		g.succeeded[method+" "+c.Path()] = true
	}
}

// callAsSet is call for an answer that lists new ids sorted by id: ids made
// by one request may share their millisecond, and then their order (and so
// the placeholders they would get) differs from run to run. Its body is
// normalised after the next step, which must name those ids in a stable
// order, and its lists of ids are recorded sorted by placeholder.
func (g *goldenRun) callAsSet(name, as, method, path string, body any, want int, header ...string) *httptest.ResponseRecorder {
	g.t.Helper()
	g.hold = true
	rec := g.call(name, as, method, path, body, want, header...)
	g.hold = false
	i, raw, contentType := len(g.steps)-1, rec.Body.Bytes(), rec.Header().Get("Content-Type")
	g.deferred = func() { g.steps[i].Body = sortedLists(g.n.body(g.t, path, contentType, raw)) }
	return rec
}

// sortedLists sorts every list of strings in v.
func sortedLists(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			x[k] = sortedLists(x[k])
		}
	case []any:
		strs := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				strs = append(strs, s)
			}
		}
		if len(strs) == len(x) {
			sort.Strings(strs)
			for i := range strs {
				x[i] = strs[i]
			}
		}
	}
	return v
}

// login signs in and keeps the user's tokens under label.
func (g *goldenRun) login(name, label, email, password string) {
	g.t.Helper()
	rec := g.call(name, "", "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password}, 200)
	g.keepTokens(label, rec)
}

func (g *goldenRun) keepTokens(label string, rec *httptest.ResponseRecorder) {
	g.t.Helper()
	tr := decode[tokenResponse](g.t, rec)
	if tr.AccessToken == "" || tr.RefreshToken == "" {
		g.t.Fatalf("no tokens: %s", rec.Body)
	}
	g.tokens[label], g.refresh[label] = tr.AccessToken, tr.RefreshToken
}

// flushRecorder is a ResponseRecorder that tells when the handler first
// flushes: for the event stream, once it has sent what it replays.
type flushRecorder struct {
	*httptest.ResponseRecorder
	once    sync.Once
	flushed chan struct{}
}

func (f *flushRecorder) Flush() {
	f.ResponseRecorder.Flush()
	f.once.Do(func() { close(f.flushed) })
}

// stream opens the event stream, reads what it sends at once (the replay
// after Last-Event-ID) and closes it. Nothing else changes meanwhile, so that
// is all it would send until the next heartbeat.
func (g *goldenRun) stream(name, as, lastEventID string) {
	g.t.Helper()
	header := []string{"Last-Event-ID", lastEventID}
	rec, _ := g.send(as, nil, header, func(_ io.Reader, header []string) *httptest.ResponseRecorder {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/stream", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		fr := &flushRecorder{ResponseRecorder: httptest.NewRecorder(), flushed: make(chan struct{})}
		done := make(chan struct{})
		go func() {
			defer close(done)
			g.s.Echo.ServeHTTP(fr, req)
		}()
		select {
		case <-fr.flushed:
		case <-done:
		case <-time.After(10 * time.Second):
			g.t.Fatal("the stream sent nothing within 10s")
		}
		cancel()
		<-done // the handler has returned: the recorder is ours to read
		return fr.ResponseRecorder
	})
	g.record(name, as, "GET", "/api/v1/stream", nil, header, rec)
	if rec.Code != 200 {
		g.t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
	}
}

func idOf(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	v := decode[struct {
		ID string `json:"id"`
	}](t, rec)
	if v.ID == "" {
		t.Fatalf("no id in %s", rec.Body)
	}
	return v.ID
}

// recordGolden plays the scenario on a fresh server. Set-up makes the first
// admin directly (as the command line does); everything after goes through
// the HTTP API.
func recordGolden(t *testing.T) []goldenStep {
	s, db := newTestServer(t)
	t.Cleanup(s.CloseStreams)
	ctx := context.Background()
	if _, err := usersOn(db.Store()).Create(ctx, domain.Actor{},
		domain.NewUser{Email: "admin@summit.test", Name: "Admin", Role: "admin", Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	g := &goldenRun{t: t, s: s, n: newNormaliser(time.Now().Add(-time.Hour)), succeeded: map[string]bool{},
		tokens: map[string]string{}, refresh: map[string]string{}}
	const v1 = "/api/v1"
	ifMatch := func(v int) []string { return []string{"If-Match", fmt.Sprintf(`"%d"`, v)} }
	// The scenario's times are in UTC+5: Asia/Tashkent has had no rule change
	// since 1992, so the answers do not depend on the host's time zone data.
	at := func(day, hhmm string) string { return "2024-07-0" + day + "T" + hhmm + ":00+05:00" }
	unknown := "01900000-0000-7000-8000-000000000000"

	// Ops, documents and the app: public.
	g.call("health", "", "GET", "/healthz", nil, 200)
	g.call("readiness", "", "GET", "/readyz", nil, 200)
	g.call("OpenAPI document", "", "GET", "/api/openapi.json", nil, 200)
	g.call("API reference page", "", "GET", "/api/docs", nil, 200)
	g.call("API reference file", "", "GET", "/api/docs/docs.css", nil, 200)
	g.call("single-page app", "", "GET", "/planning/board", nil, 200)
	g.call("unknown API path is 404", "", "GET", v1+"/nope", nil, 404)
	g.call("wrong method is 405 with Allow", "", "DELETE", v1+"/summit", nil, 405)
	g.call("signed out is 401", "", "GET", v1+"/me", nil, 401)

	// Signing in; the signed-in user.
	g.login("admin signs in", "admin", "admin@summit.test", testPassword)
	g.call("wrong password is 401", "", "POST", v1+"/auth/login", map[string]string{"email": "admin@summit.test", "password": "not the password"}, 401)
	g.call("me", "admin", "GET", v1+"/me", nil, 200)
	g.call("rename me", "admin", "PATCH", v1+"/me", map[string]any{"name": "Chief Admin"}, 200, ifMatch(1)...)

	// Users.
	g.call("create organiser", "admin", "POST", v1+"/users",
		map[string]any{"email": "Organiser@Summit.Test", "name": "Organiser", "role": "organiser", "password": testPassword}, 201)
	g.call("invalid user is 422 naming fields", "admin", "POST", v1+"/users",
		map[string]any{"email": "not an email", "name": "", "role": "king", "password": "short"}, 422)
	g.login("organiser signs in", "organiser", "organiser@summit.test", testPassword)
	rec := g.call("refresh", "", "POST", v1+"/auth/refresh", map[string]any{"refresh_token": g.refresh["organiser"]}, 200)
	g.keepTokens("organiser", rec)

	// The summit.
	g.call("summit before it is set is 404", "organiser", "GET", v1+"/summit", nil, 404)
	g.call("set the summit", "organiser", "PUT", v1+"/summit", map[string]any{"name": "SCO Summit", "city": "Astana",
		"timezone": "Asia/Tashkent", "starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00"}, 200)

	// Delegations.
	kaz := idOf(t, g.call("create delegation KAZ", "organiser", "POST", v1+"/delegations", map[string]any{"code": "KAZ", "name": "Kazakhstan",
		"kind": "member", "precedence": 1, "languages": []string{"kk", "ru"},
		"head": map[string]any{"full_name": "Kassym-Jomart Tokayev", "position": "President"}}, 201))
	chn := idOf(t, g.call("create delegation CHN", "organiser", "POST", v1+"/delegations", map[string]any{"code": "CHN", "name": "China",
		"kind": "member", "precedence": 2, "languages": []string{"zh"}, "arrival_at": at("3", "09:00"), "departure_at": at("4", "20:00"),
		"head": map[string]any{"full_name": "Xi Jinping", "position": "President"}}, 201))
	uzb := idOf(t, g.call("create delegation UZB", "organiser", "POST", v1+"/delegations", map[string]any{"code": "UZB", "name": "Uzbekistan",
		"kind": "member", "precedence": 3, "head": map[string]any{"full_name": "Shavkat Mirziyoyev", "position": "President"}}, 201))
	ind := idOf(t, g.call("create delegation without head", "organiser", "POST", v1+"/delegations",
		map[string]any{"code": "SCO", "name": "SCO Secretariat", "kind": "organisation"}, 201))
	g.call("list delegations", "organiser", "GET", v1+"/delegations", nil, 200)
	g.call("get delegation", "organiser", "GET", v1+"/delegations/"+kaz, nil, 200)
	g.call("update delegation", "organiser", "PATCH", v1+"/delegations/"+kaz,
		map[string]any{"hotel": "Rixos President", "languages": []string{"kk", "ru", "en"}}, 200, ifMatch(1)...)
	g.call("stale If-Match is 412", "organiser", "PATCH", v1+"/delegations/"+kaz, map[string]any{"hotel": "Hilton"}, 412, ifMatch(1)...)
	g.call("delete delegation", "organiser", "DELETE", v1+"/delegations/"+ind, nil, 204, ifMatch(1)...)
	g.call("deleted delegation is 404", "organiser", "GET", v1+"/delegations/"+ind, nil, 404)

	// Delegates and the rest of the users' routes.
	kazUser := idOf(t, g.call("create KAZ delegate", "admin", "POST", v1+"/users", map[string]any{"email": "delegate@gov.kz",
		"name": "KAZ Liaison", "role": "delegate", "delegation_id": kaz, "password": testPassword}, 201))
	chnUser := idOf(t, g.call("create CHN delegate", "admin", "POST", v1+"/users", map[string]any{"email": "delegate@mfa.cn",
		"name": "CHN Liaison", "role": "delegate", "delegation_id": chn, "password": testPassword}, 201))
	temp := idOf(t, g.call("create user to delete", "admin", "POST", v1+"/users",
		map[string]any{"email": "temp@summit.test", "name": "Temp", "role": "organiser", "password": testPassword}, 201))
	g.call("list users", "admin", "GET", v1+"/users", nil, 200)
	g.call("get user", "admin", "GET", v1+"/users/"+kazUser, nil, 200)
	g.call("update user", "admin", "PATCH", v1+"/users/"+chnUser, map[string]any{"name": "CHN Liaison Office"}, 200, ifMatch(1)...)
	g.login("temp signs in", "temp", "temp@summit.test", testPassword)
	rec = g.call("change password", "temp", "POST", v1+"/me/password",
		map[string]any{"current_password": testPassword, "new_password": "a brand new password"}, 200)
	g.keepTokens("temp", rec)
	g.call("sign out", "", "POST", v1+"/auth/logout", map[string]any{"refresh_token": g.refresh["temp"]}, 204)
	g.call("refresh after signing out is 401", "", "POST", v1+"/auth/refresh", map[string]any{"refresh_token": g.refresh["temp"]}, 401)
	g.call("delete user", "admin", "DELETE", v1+"/users/"+temp, nil, 204, ifMatch(2)...)
	g.login("KAZ delegate signs in", "kaz", "delegate@gov.kz", testPassword)
	g.login("CHN delegate signs in", "chn", "delegate@mfa.cn", testPassword)
	g.call("summit as a delegate", "kaz", "GET", v1+"/summit", nil, 200)
	g.call("delegate on an organiser route is 403", "kaz", "POST", v1+"/venues", map[string]any{"name": "My palace"}, 403)

	// Venues and rooms.
	akorda := idOf(t, g.call("create venue Akorda", "organiser", "POST", v1+"/venues", map[string]any{"name": "Akorda"}, 201))
	palace := idOf(t, g.call("create venue Palace", "organiser", "POST", v1+"/venues",
		map[string]any{"name": "Palace of Independence", "address": "Tauelsizdik 52", "travel_minutes": map[string]int{akorda: 15}}, 201))
	old := idOf(t, g.call("create venue to delete", "organiser", "POST", v1+"/venues", map[string]any{"name": "Old Hall"}, 201))
	g.call("list venues", "kaz", "GET", v1+"/venues", nil, 200)
	g.call("get venue", "kaz", "GET", v1+"/venues/"+palace, nil, 200)
	g.call("update venue", "organiser", "PATCH", v1+"/venues/"+akorda, map[string]any{"address": "Mangilik El 1"}, 200, ifMatch(1)...)
	hall := idOf(t, g.call("create room Hall", "organiser", "POST", v1+"/venues/"+palace+"/rooms", map[string]any{"name": "Hall",
		"capacity": 100, "layout": "plenary", "interpretation_languages": []string{"ru", "zh", "en"}, "changeover_minutes": 15}, 201))
	small := idOf(t, g.call("create room Small", "organiser", "POST", v1+"/venues/"+palace+"/rooms",
		map[string]any{"name": "Small", "capacity": 10, "layout": "bilateral", "changeover_minutes": 10}, 201))
	oval := idOf(t, g.call("create room Oval Hall", "organiser", "POST", v1+"/venues/"+akorda+"/rooms",
		map[string]any{"name": "Oval Hall", "capacity": 10, "layout": "bilateral", "interpretation_languages": []string{"ru", "zh"}}, 201))
	g.call("invalid room is 422 naming fields", "organiser", "POST", v1+"/venues/"+palace+"/rooms",
		map[string]any{"name": "", "capacity": -1, "layout": "stadium"}, 422)
	annex := idOf(t, g.call("create room to delete", "organiser", "POST", v1+"/venues/"+old+"/rooms",
		map[string]any{"name": "Annex", "capacity": 5, "layout": "other"}, 201))
	g.call("list a venue's rooms", "kaz", "GET", v1+"/venues/"+palace+"/rooms", nil, 200)
	g.call("list rooms", "kaz", "GET", v1+"/rooms", nil, 200)
	g.call("get room", "kaz", "GET", v1+"/rooms/"+oval, nil, 200)
	g.call("update room", "organiser", "PATCH", v1+"/rooms/"+small, map[string]any{"capacity": 12}, 200, ifMatch(1)...)
	g.call("delete room", "organiser", "DELETE", v1+"/rooms/"+annex, nil, 204, ifMatch(1)...)
	g.call("delete venue", "organiser", "DELETE", v1+"/venues/"+old, nil, 204, ifMatch(1)...)
	_ = hall

	// Members.
	g.call("list a delegation's members", "kaz", "GET", v1+"/delegations/"+kaz+"/members", nil, 200)
	minister := idOf(t, g.call("create member", "kaz", "POST", v1+"/delegations/"+kaz+"/members",
		map[string]any{"full_name": "Murat Nurtleu", "position": "Minister of Foreign Affairs"}, 201))
	aide := idOf(t, g.call("create member to delete", "organiser", "POST", v1+"/delegations/"+chn+"/members",
		map[string]any{"full_name": "Temporary Aide"}, 201))
	g.call("list members of delegations", "organiser", "GET", v1+"/members?delegation_id="+kaz+"&delegation_id="+chn, nil, 200)
	g.call("list members as a delegate", "kaz", "GET", v1+"/members", nil, 200)
	g.call("get member", "kaz", "GET", v1+"/members/"+minister, nil, 200)
	g.call("update member", "organiser", "PATCH", v1+"/members/"+minister, map[string]any{"accreditation": "approved"}, 200, ifMatch(1)...)
	g.call("delete member", "organiser", "DELETE", v1+"/members/"+aide, nil, 204, ifMatch(1)...)
	g.call("unknown member is 404", "organiser", "GET", v1+"/members/"+unknown, nil, 404)
	rec = g.call("new calendar feed URL", "kaz", "POST", v1+"/delegations/"+kaz+"/feed-token", nil, 200)
	feedPath := feedPattern.FindString(decode[feedTokenResponse](t, rec).URL)

	// Meetings.
	meeting := func(title, kind, roomID, from, to, status, visibility string, delegations ...string) map[string]any {
		parts := []map[string]any{}
		for _, d := range delegations {
			parts = append(parts, map[string]any{"delegation_id": d})
		}
		return map[string]any{"title": title, "kind": kind, "starts_at": from, "ends_at": to, "room_id": roomID,
			"status": status, "visibility": visibility, "participants": parts}
	}
	talks := idOf(t, g.call("book a meeting", "organiser", "POST", v1+"/meetings",
		meeting("KAZ–CHN talks", "bilateral", oval, at("4", "10:00"), at("4", "11:00"), "confirmed", "participants", kaz, chn), 201))
	plenary := meeting("Plenary session", "plenary", hall, at("4", "12:00"), at("4", "13:30"), "draft", "public", kaz, chn, uzb)
	plenary["languages"], plenary["expected_attendance"] = []string{"ru", "zh"}, 60
	plenaryID := idOf(t, g.call("book a draft", "organiser", "POST", v1+"/meetings", plenary, 201))
	clash := meeting("KAZ–UZB talks", "bilateral", oval, at("4", "10:30"), at("4", "11:30"), "confirmed", "participants", kaz, uzb)
	g.call("check a blocked meeting: conflicts and suggestions", "organiser", "POST", v1+"/meetings/check", clash, 200)
	g.call("double-booked room is 409 listing conflicts", "organiser", "POST", v1+"/meetings", clash, 409)
	g.call("invalid meeting is 422 naming fields", "organiser", "POST", v1+"/meetings",
		meeting("", "party", small, at("4", "15:00"), at("4", "14:00"), "confirmed", "everyone"), 422)
	g.call("confirm drafts", "organiser", "POST", v1+"/meetings/confirm", map[string]any{"meeting_ids": []string{plenaryID}}, 200)
	g.call("running late: a dry run of a 15-minute delay in the hall", "organiser", "POST", v1+"/meetings/shift",
		map[string]any{"room_id": hall, "from": at("4", "09:00"), "minutes": 15, "dry_run": true}, 200)
	g.call("list meetings", "organiser", "GET", v1+"/meetings", nil, 200)
	g.call("list a delegation's meetings", "chn", "GET", v1+"/meetings?delegation_id="+chn, nil, 200)
	g.call("get meeting", "kaz", "GET", v1+"/meetings/"+talks, nil, 200)
	rename := map[string]any{"title": "KAZ–CHN talks on trade", "languages": []string{"ru", "zh"}}
	g.call("missing If-Match is 428", "organiser", "PATCH", v1+"/meetings/"+talks, rename, 428)
	g.call("stale If-Match on a meeting is 412", "organiser", "PATCH", v1+"/meetings/"+talks, rename, 412, ifMatch(7)...)
	g.call("update meeting", "organiser", "PATCH", v1+"/meetings/"+talks, rename, 200, ifMatch(1)...)
	briefing := idOf(t, g.call("book a meeting to delete", "organiser", "POST", v1+"/meetings",
		meeting("Press briefing", "press", small, at("4", "16:00"), at("4", "16:30"), "draft", "organisers"), 201))
	g.call("delete meeting", "organiser", "DELETE", v1+"/meetings/"+briefing, nil, 204, ifMatch(1)...)
	g.call("unknown meeting is 404", "organiser", "GET", v1+"/meetings/"+unknown, nil, 404)
	g.call("agenda", "kaz", "GET", v1+"/agenda?delegation_id="+kaz+"&date=2024-07-04", nil, 200)
	g.call("agenda as a PDF", "kaz", "GET", v1+"/agenda.pdf?date=2024-07-04", nil, 200)
	g.call("a room's day as a PDF, in Russian", "organiser", "GET", v1+"/rooms/"+small+"/day.pdf?date=2024-07-04&lang=ru", nil, 200)
	g.call("problems: none yet", "organiser", "GET", v1+"/problems", nil, 200)
	g.call("problems are the organisers'", "kaz", "GET", v1+"/problems", nil, 403)
	g.call("export: the programme as CSV", "organiser", "GET", v1+"/export/programme.csv", nil, 200)
	g.call("export is the organisers'", "kaz", "GET", v1+"/export/delegations.xlsx", nil, 403)
	g.call("impact of a later arrival, dry run", "organiser", "PATCH", v1+"/delegations/"+chn+"?dry_run=1",
		map[string]any{"arrival_at": at("4", "10:30")}, 200)

	// Where notices go, and in which language.
	g.call("a bad contact address is 422", "organiser", "PATCH", v1+"/delegations/"+kaz,
		map[string]any{"contact_emails": []string{"protocol@mfa.kz", "not an address"}}, 422)
	g.call("an unknown notice language is 422", "organiser", "PATCH", v1+"/delegations/"+kaz, map[string]any{"notice_language": "fr"}, 422)
	g.call("contacts for notices", "organiser", "PATCH", v1+"/delegations/"+kaz,
		map[string]any{"contact_emails": []string{"protocol@mfa.kz"}, "notice_language": "ru"}, 200)
	g.call("a delegate does not see another delegation's contacts", "chn", "GET", v1+"/delegations/"+kaz, nil, 200)

	// Releases of the programme.
	g.call("publish release 1", "organiser", "POST", v1+"/releases", map[string]any{"note": "Programme for the heads of delegation"}, 201)
	g.call("a delegate may not publish: 403", "kaz", "POST", v1+"/releases", map[string]any{"note": "mine"}, 403)
	g.call("change a released meeting", "organiser", "PATCH", v1+"/meetings/"+talks,
		map[string]any{"title": "KAZ–CHN talks on trade and transit"}, 200, ifMatch(2)...)
	g.call("publish release 2", "organiser", "POST", v1+"/releases", map[string]any{"note": "Talks renamed"}, 201)
	g.call("list releases", "chn", "GET", v1+"/releases", nil, 200)
	g.call("release 1 as a delegate sees it", "chn", "GET", v1+"/releases/1", nil, 200)
	g.call("what changed in release 2", "kaz", "GET", v1+"/releases/2/changes", nil, 200)
	g.call("since must be earlier: 422", "organiser", "GET", v1+"/releases/1/changes?since=2", nil, 422)
	g.call("unknown release is 404", "organiser", "GET", v1+"/releases/9", nil, 404)
	g.call("what changed for me: since the latest release", "kaz", "GET", v1+"/me/changes", nil, 200)
	g.call("mark the changes seen", "kaz", "POST", v1+"/me/changes/seen", nil, 200)
	g.call("what changed for me: nothing since seen", "kaz", "GET", v1+"/me/changes", nil, 200)
	notice := decode[list[noticeResponse]](t, g.call("notices: the outbox", "organiser", "GET", v1+"/notices", nil, 200)).Items[0].ID
	g.call("notices are the organisers'", "kaz", "GET", v1+"/notices", nil, 403)
	g.call("retry a notice", "organiser", "POST", v1+"/notices/"+notice+"/retry", nil, 200)
	g.call("retry of an unknown notice is 404", "organiser", "POST", v1+"/notices/"+unknown+"/retry", nil, 404)

	// Bilateral requests.
	kazUzb := idOf(t, g.call("KAZ asks UZB", "kaz", "POST", v1+"/bilateral-requests",
		map[string]any{"to_delegation_id": uzb, "duration_minutes": 45, "priority": 4, "note": "Water and energy"}, 201, "Idempotency-Key", "kaz-uzb-1"))
	chnUzb := idOf(t, g.call("CHN asks UZB", "chn", "POST", v1+"/bilateral-requests", map[string]any{"to_delegation_id": uzb,
		"duration_minutes": 30, "priority": 3, "earliest": at("4", "14:00"), "latest": at("4", "18:00")}, 201))
	chnKaz := idOf(t, g.call("CHN asks KAZ", "chn", "POST", v1+"/bilateral-requests",
		map[string]any{"to_delegation_id": kaz, "duration_minutes": 30, "priority": 2, "note": "Rail transit"}, 201))
	g.call("list requests", "organiser", "GET", v1+"/bilateral-requests", nil, 200)
	g.call("list requests as a delegate", "kaz", "GET", v1+"/bilateral-requests", nil, 200)
	g.call("get request", "chn", "GET", v1+"/bilateral-requests/"+chnKaz, nil, 200)
	g.call("accept request", "organiser", "POST", v1+"/bilateral-requests/"+kazUzb+"/accept", nil, 200)
	g.call("accept another", "organiser", "POST", v1+"/bilateral-requests/"+chnUzb+"/accept", nil, 200)
	g.call("decline request", "kaz", "POST", v1+"/bilateral-requests/"+chnKaz+"/decline", nil, 200)
	again := idOf(t, g.call("ask again", "chn", "POST", v1+"/bilateral-requests",
		map[string]any{"to_delegation_id": kaz, "duration_minutes": 20, "priority": 1}, 201))
	g.call("withdraw request", "chn", "DELETE", v1+"/bilateral-requests/"+again, nil, 200)

	// The scheduler.
	g.call("delegate cannot see proposals: 403", "kaz", "GET", v1+"/scheduler/proposals", nil, 403)
	proposal := idOf(t, g.call("propose a schedule", "organiser", "POST", v1+"/scheduler/proposals",
		map[string]any{"from": at("4", "08:00"), "to": at("4", "22:00"), "time_limit_seconds": 1}, 201))
	g.call("list proposals", "organiser", "GET", v1+"/scheduler/proposals", nil, 200)
	g.call("get proposal", "organiser", "GET", v1+"/scheduler/proposals/"+proposal, nil, 200)
	g.callAsSet("apply proposal", "organiser", "POST", v1+"/scheduler/proposals/"+proposal+"/apply", nil, 200, "Idempotency-Key", "apply-1")
	g.call("applied proposal lists its meetings in placement order", "organiser", "GET", v1+"/scheduler/proposals/"+proposal, nil, 200)
	g.call("scheduled request", "kaz", "GET", v1+"/bilateral-requests/"+kazUzb, nil, 200)
	g.call("drafts the proposal booked", "organiser", "GET", v1+"/meetings?status=draft", nil, 200)

	// Accreditation: zones, a category, a photo, badges, the door.
	palaceZone := idOf(t, g.call("create access zone", "organiser", "POST", v1+"/access-zones", map[string]any{"name": "Palace", "room_ids": []string{hall, small}}, 201))
	g.call("list access zones", "organiser", "GET", v1+"/access-zones", nil, 200)
	g.call("get access zone", "organiser", "GET", v1+"/access-zones/"+palaceZone, nil, 200)
	g.call("update access zone", "organiser", "PATCH", v1+"/access-zones/"+palaceZone, map[string]any{"room_ids": []string{hall}}, 200, ifMatch(1)...)
	spare := idOf(t, g.call("create access zone to delete", "organiser", "POST", v1+"/access-zones", map[string]any{"name": "Spare"}, 201))
	g.call("delete access zone", "organiser", "DELETE", v1+"/access-zones/"+spare, nil, 204, ifMatch(1)...)
	category := idOf(t, g.call("create badge category", "organiser", "POST", v1+"/badge-categories",
		map[string]any{"name": "Delegation", "colour": "#1F6FEB", "zone_ids": []string{palaceZone}}, 201))
	g.call("list badge categories", "organiser", "GET", v1+"/badge-categories", nil, 200)
	g.call("get badge category", "organiser", "GET", v1+"/badge-categories/"+category, nil, 200)
	g.call("update badge category", "organiser", "PATCH", v1+"/badge-categories/"+category, map[string]any{"name": "Delegation member"}, 200, ifMatch(1)...)
	press := idOf(t, g.call("create badge category to delete", "organiser", "POST", v1+"/badge-categories", map[string]any{"name": "Press", "colour": "#f2c500"}, 201))
	g.call("delete badge category", "organiser", "DELETE", v1+"/badge-categories/"+press, nil, 204, ifMatch(1)...)
	g.callRaw("upload a photo", "kaz", "PUT", v1+"/members/"+minister+"/photo", "image/jpeg", []byte(examplePhoto), 200)
	g.callRaw("a GIF is 415", "kaz", "PUT", v1+"/members/"+minister+"/photo", "image/gif", []byte("GIF89a"), 415)
	g.call("get the photo", "kaz", "GET", v1+"/members/"+minister+"/photo", nil, 200)
	g.call("approve with a category", "organiser", "PATCH", v1+"/members/"+minister, map[string]any{"accreditation": "approved", "badge_category_id": category}, 200)
	g.call("a member's badge", "kaz", "GET", v1+"/members/"+minister+"/badge.pdf", nil, 200)
	g.call("a delegation's badges", "organiser", "GET", v1+"/delegations/"+kaz+"/badges.pdf", nil, 200)
	g.call("rotate the badge key", "organiser", "POST", v1+"/badges/key/rotate", nil, 204)
	g.call("a forged badge is refused", "organiser", "POST", v1+"/access/check", map[string]any{"token": "NOTABADGE", "room_id": hall}, 200)

	// Ground transport: a hotel, vehicles, a motorcade, movements, the day sheet.
	hilton := idOf(t, g.call("create a hotel", "organiser", "POST", v1+"/venues",
		map[string]any{"name": "Hilton Astana", "kind": "hotel", "travel_minutes": map[string]int{akorda: 15, palace: 15}}, 201))
	g.call("a venue is not a hotel: 422", "organiser", "PATCH", v1+"/delegations/"+kaz, map[string]any{"hotel_venue_id": akorda}, 422)
	g.call("stay at the hotel", "kaz", "PATCH", v1+"/delegations/"+kaz, map[string]any{"hotel_venue_id": hilton}, 200)
	car := idOf(t, g.call("create vehicle", "organiser", "POST", v1+"/vehicles",
		map[string]any{"plate": "001 kz 01", "kind": "car", "seats": 4, "driver_name": "Yerlan Abenov", "driver_phone": "+7 701 555 0101"}, 201))
	g.call("a taken plate is 409", "organiser", "POST", v1+"/vehicles", map[string]any{"plate": "001 KZ 01", "seats": 4}, 409)
	g.call("list vehicles", "organiser", "GET", v1+"/vehicles", nil, 200)
	g.call("get vehicle", "organiser", "GET", v1+"/vehicles/"+car, nil, 200)
	g.call("update vehicle", "organiser", "PATCH", v1+"/vehicles/"+car, map[string]any{"seats": 3}, 200, ifMatch(1)...)
	spareCar := idOf(t, g.call("create vehicle to delete", "organiser", "POST", v1+"/vehicles", map[string]any{"plate": "999 KZ 01", "kind": "van", "seats": 8}, 201))
	g.call("delete vehicle", "organiser", "DELETE", v1+"/vehicles/"+spareCar, nil, 204, ifMatch(1)...)
	g.call("assign the motorcade", "organiser", "PUT", v1+"/delegations/"+kaz+"/motorcade", map[string]any{"vehicle_ids": []string{car}}, 200)
	g.call("a vehicle in use cannot be deleted: 409", "organiser", "DELETE", v1+"/vehicles/"+car, nil, 409)
	g.call("list motorcades", "organiser", "GET", v1+"/motorcades", nil, 200)
	g.call("a delegate reads its motorcade", "kaz", "GET", v1+"/delegations/"+kaz+"/motorcade", nil, 200)
	g.call("a delegate reads its movements", "kaz", "GET", v1+"/movements?date=2024-07-04", nil, 200)
	g.call("movements of every delegation", "organiser", "GET", v1+"/movements?date=2024-07-04", nil, 200)
	g.call("the day sheet as CSV", "organiser", "GET", v1+"/movements.csv?date=2024-07-04", nil, 200)
	g.call("the day sheet as a PDF", "organiser", "GET", v1+"/movements.pdf?date=2024-07-04", nil, 200)
	g.call("an agenda with movements", "kaz", "GET", v1+"/agenda?delegation_id="+kaz+"&date=2024-07-04", nil, 200)

	// Accommodation: a block at a hotel, a member in it, the rooming list.
	block := idOf(t, g.call("hold rooms for Kazakhstan", "organiser", "POST", v1+"/hotels/"+hilton+"/blocks",
		map[string]any{"delegation_id": kaz, "rooms": 2, "from": "2024-07-02", "to": "2024-07-05"}, 201))
	g.call("a delegate's blocks", "kaz", "GET", v1+"/hotel-blocks", nil, 200)
	g.call("a hotel's blocks", "organiser", "GET", v1+"/hotels/"+hilton+"/blocks", nil, 200)
	g.call("get a block", "kaz", "GET", v1+"/hotels/"+hilton+"/blocks/"+block, nil, 200)
	g.call("place a member", "kaz", "PATCH", v1+"/members/"+minister, map[string]any{"hotel_block_id": block, "hotel_room": "1204",
		"nights": map[string]any{"from": "2024-07-03", "to": "2024-07-05"}}, 200)
	g.call("a block cannot shrink below its guests", "organiser", "PATCH", v1+"/hotels/"+hilton+"/blocks/"+block, map[string]any{"to": "2024-07-04"}, 409)
	g.call("grow a block", "organiser", "PATCH", v1+"/hotels/"+hilton+"/blocks/"+block, map[string]any{"rooms": 3}, 200, ifMatch(1)...)
	g.call("rooming list", "organiser", "GET", v1+"/export/rooming.csv?hotel_venue_id="+hilton, nil, 200)
	g.call("rooming list to print", "organiser", "GET", v1+"/rooming.pdf?hotel_venue_id="+hilton, nil, 200)
	spareBlock := idOf(t, g.call("hold rooms to release", "organiser", "POST", v1+"/hotels/"+hilton+"/blocks",
		map[string]any{"delegation_id": kaz, "rooms": 1, "from": "2024-07-02", "to": "2024-07-03"}, 201))
	g.call("release a block", "organiser", "DELETE", v1+"/hotels/"+hilton+"/blocks/"+spareBlock, nil, 204, ifMatch(1)...)

	// Calendars, the live stream, metrics and the audit trail.
	g.call("public calendar", "", "GET", "/ical/public.ics", nil, 200)
	g.call("delegation calendar", "", "GET", feedPath, nil, 200)
	g.stream("event stream replays what a delegate may see", "kaz", "0")
	g.call("metrics", "", "GET", "/metrics", nil, 200)
	g.call("audit trail with before and after", "admin", "GET", v1+"/audit?limit=500", nil, 200)
	g.call("organiser signs out", "", "POST", v1+"/auth/logout", map[string]any{"refresh_token": g.refresh["organiser"]}, 204)

	// Import (last, so that the steps before keep their record).
	g.call("import template", "admin", "GET", v1+"/import/members/template.csv", nil, 200)
	delegations := rawBody{"text/csv", "\ufeffcode,name,kind,hotel,arrival_at\r\nKAZ,Kazakhstan,member,Hilton Astana,\r\nMNG,Mongolia,observer,,2024-07-03 10:00\r\n"}
	g.call("import delegations: dry run", "admin", "POST", v1+"/import/delegations?dry_run=1", delegations, 200)
	g.call("import delegations", "admin", "POST", v1+"/import/delegations", delegations, 200)
	g.call("import: every bad row is 422 and nothing is written", "admin", "POST", v1+"/import/members",
		rawBody{"text/csv", "delegation_code,full_name,accreditation\nMNG,Ukhnaagiin Khurelsukh,approved\nXYZ,Nobody,\nMNG,,maybe\n"}, 422)
	g.call("import is the organisers'", "kaz", "POST", v1+"/import/venues", rawBody{"text/csv", "name\nAkorda\n"}, 403)

	if g.deferred != nil {
		g.deferred()
	}
	var missed []string
	for route := range s.access {
		if !g.succeeded[route] {
			missed = append(missed, route)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("the golden scenario has no successful step for %d route(s): %s", len(missed), strings.Join(missed, ", "))
	}
	return g.steps
}
