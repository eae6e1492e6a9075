package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

var testSPA = fstest.MapFS{
	"index.html":    {Data: []byte(`<!doctype html><title>Summit Planner</title><div id="root"></div>`)},
	"assets/app.js": {Data: []byte(`console.log("app")`)},
	"favicon.svg":   {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
}

// newTestServer returns a server on a fresh, migrated SQLite database.
func newTestServer(t *testing.T) (*Server, *repository.DB) {
	t.Helper()
	db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
	s := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: servicesOn(t, db.Store()), SPA: testSPA})
	return s, db
}

func do(t *testing.T, h http.Handler, method, path string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, body)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// assertProblem checks the RFC 9457 shape of an error answer.
func assertProblem(t *testing.T, rec *httptest.ResponseRecorder, status int) Problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json", ct)
	}
	var raw map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatalf("body is not JSON: %s", rec.Body)
	}
	for _, k := range []string{"type", "title", "status", "detail"} {
		if _, ok := raw[k]; !ok {
			t.Fatalf("problem lacks %q: %s", k, rec.Body)
		}
	}
	var p Problem
	json.Unmarshal(rec.Body.Bytes(), &p)
	if p.Status != status {
		t.Fatalf("problem status %d, want %d", p.Status, status)
	}
	return p
}

func TestSPAAndAPIPaths(t *testing.T) {
	s, _ := newTestServer(t)
	spaPaths := []string{"/", "/planning/board", "/delegations/KAZ/agenda?day=2024-07-04", "/index.html"}
	for _, p := range spaPaths {
		t.Run("spa"+p, func(t *testing.T) {
			rec := do(t, s.Echo, "GET", p, nil)
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<div id="root">`) {
				t.Fatalf("%s: %d %s", p, rec.Code, rec.Body)
			}
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || rec.Header().Get("Cache-Control") != "no-cache" {
				t.Fatalf("%s: headers %v", p, rec.Header())
			}
		})
	}
	t.Run("asset_is_served_and_cached", func(t *testing.T) {
		rec := do(t, s.Echo, "GET", "/assets/app.js", nil)
		if rec.Code != 200 || rec.Body.String() != `console.log("app")` || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Fatalf("%d %v %s", rec.Code, rec.Header(), rec.Body)
		}
	})
	t.Run("missing_asset_is_404_not_the_app", func(t *testing.T) {
		assertProblem(t, do(t, s.Echo, "GET", "/assets/gone.js", nil), 404)
	})
	for _, p := range []string{"/api/v1/nope", "/api/v1/meetings/123/whatever", "/api/", "/ical/abc.ics"} {
		t.Run("api_404"+p, func(t *testing.T) {
			pr := assertProblem(t, do(t, s.Echo, "GET", p, nil), 404)
			if pr.Instance != strings.Split(p, "?")[0] {
				t.Fatalf("instance %q", pr.Instance)
			}
		})
	}
	t.Run("api_post_404", func(t *testing.T) {
		assertProblem(t, do(t, s.Echo, "POST", "/api/v1/nope", strings.NewReader("{}")), 404)
	})
	t.Run("wrong_method_is_405", func(t *testing.T) {
		assertProblem(t, do(t, s.Echo, "DELETE", "/healthz", nil), 405)
		for path, allow := range map[string]string{"/api/v1/summit": "GET, PUT", "/api/v1/meetings/m-1": "DELETE, GET, PATCH",
			"/api/v1/scheduler/proposals/p-1/apply": "POST"} {
			rec := do(t, s.Echo, "PUT", path, strings.NewReader("{}"))
			if path == "/api/v1/summit" {
				rec = do(t, s.Echo, "DELETE", path, nil)
			}
			assertProblem(t, rec, 405)
			if got := rec.Header().Get("Allow"); got != allow {
				t.Fatalf("%s: Allow %q, want %q", path, got, allow)
			}
		}
		assertProblem(t, do(t, s.Echo, "PUT", "/api/v1/meetings/m-1/nope", nil), 404)
	})
	t.Run("no_spa_built_is_404", func(t *testing.T) {
		bare := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: s.svc})
		assertProblem(t, do(t, bare.Echo, "GET", "/", nil), 404)
	})
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := newTestServer(t)
	for _, p := range []string{"/", "/healthz", "/api/v1/nope"} {
		h := do(t, s.Echo, "GET", p, nil).Header()
		want := map[string]string{
			"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
			"X-Content-Type-Options":    "nosniff",
			"Referrer-Policy":           "no-referrer",
		}
		for k, v := range want {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", p, k, h.Get(k), v)
			}
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", p, h.Get("Content-Security-Policy"))
		}
		if h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no request id", p)
		}
	}
}

func TestRequestBodies(t *testing.T) {
	s, _ := newTestServer(t)
	type body struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	s.Echo.POST("/api/v1/test-bind", func(c echo.Context) error {
		var b body
		if err := bindJSON(c, &b); err != nil {
			return err
		}
		return c.JSON(200, b)
	})
	json := []string{"Content-Type", "application/json"}
	cases := []struct {
		name, body string
		header     []string
		status     int
		field      string
	}{
		{"valid", `{"name":"KAZ","n":1}`, json, 200, ""},
		{"unknown_field_is_400", `{"name":"KAZ","role":"admin"}`, json, 400, "role"},
		{"wrong_type_is_400", `{"name":"KAZ","n":"one"}`, json, 400, "n"},
		{"malformed_is_400", `{"name":`, json, 400, "body"},
		{"two_values_is_400", `{"name":"a"}{"name":"b"}`, json, 400, "body"},
		{"not_json_is_400", `name=KAZ`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 400, "body"},
		{"over_one_mib_is_413", `{"name":"` + strings.Repeat("x", 1<<20) + `"}`, json, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := do(t, s.Echo, "POST", "/api/v1/test-bind", strings.NewReader(c.body), c.header...)
			if c.status == 200 {
				if rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				return
			}
			p := assertProblem(t, rec, c.status)
			if c.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != c.field) {
				t.Fatalf("errors %+v, want field %q", p.Errors, c.field)
			}
		})
	}
}

// TestBodyLimitIsOneMebibyte sends bodies of exactly 1 MiB and one byte more
// through a real listener, with a Content-Length and chunked (where the limit
// is met only while reading): the first is read, the second is 413.
func TestBodyLimitIsOneMebibyte(t *testing.T) {
	s, _ := newTestServer(t)
	s.Echo.POST("/api/v1/test-size", func(c echo.Context) error {
		var b struct {
			Pad string `json:"pad"`
		}
		if err := bindJSON(c, &b); err != nil {
			return err
		}
		return c.JSON(200, map[string]int{"pad": len(b.Pad)})
	})
	srv := httptest.NewServer(s.Echo)
	defer srv.Close()
	body := func(size int) string { // {"pad":"x"   …} of exactly size bytes (no text may exceed 2,000 characters)
		return `{"pad":"x"` + strings.Repeat(" ", size-len(`{"pad":"x"}`)) + `}`
	}
	for _, c := range []struct {
		name    string
		size    int
		chunked bool
		status  int
	}{
		{"1MiB", 1 << 20, false, 200},
		{"1MiB_chunked", 1 << 20, true, 200},
		{"1MiB_plus_one", 1<<20 + 1, false, 413},
		{"1MiB_plus_one_chunked", 1<<20 + 1, true, 413},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r io.Reader = strings.NewReader(body(c.size))
			if c.chunked {
				r = io.MultiReader(r) // hides the length: the client sends it chunked
			}
			req, _ := http.NewRequest("POST", srv.URL+"/api/v1/test-size", r)
			req.Header.Set("Content-Type", "application/json")
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, _ := io.ReadAll(resp.Body)
			if c.chunked != (req.ContentLength <= 0) || resp.StatusCode != c.status {
				t.Fatalf("%d bytes (chunked %v): %d %.200s, want %d", c.size, c.chunked, resp.StatusCode, got, c.status)
			}
			if c.status == 413 && resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("413 as %q: %s", resp.Header.Get("Content-Type"), got)
			}
		})
	}
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	var logged bytes.Buffer
	db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
	s := New(Config{Log: slog.New(slog.NewJSONHandler(&logged, nil)), Services: servicesOn(t, db.Store())})
	s.Echo.GET("/api/v1/test-fail", func(c echo.Context) error {
		return errors.New("pq: relation secret_table does not exist")
	})
	s.Echo.GET("/api/v1/test-panic", func(c echo.Context) error { panic("secret panic text") })
	for _, p := range []string{"/api/v1/test-fail", "/api/v1/test-panic"} {
		rec := do(t, s.Echo, "GET", p, nil)
		pr := assertProblem(t, rec, 500)
		if strings.Contains(rec.Body.String(), "secret") || pr.Detail != "An internal error occurred." || pr.RequestID == "" {
			t.Fatalf("%s leaked or lacks request id: %s", p, rec.Body)
		}
		if !strings.Contains(logged.String(), pr.RequestID) {
			t.Fatalf("log lacks request id %s: %s", pr.RequestID, logged.String())
		}
	}
	if !strings.Contains(logged.String(), "secret_table") {
		t.Fatal("the internal error should be in the log for the operators")
	}
}

func TestDomainErrorsMapToStatuses(t *testing.T) {
	s, _ := newTestServer(t)
	want := map[string]int{domain.EINVALID: 422, domain.ENOTFOUND: 404, domain.ECONFLICT: 409, domain.EFORBIDDEN: 403,
		domain.EUNAUTHORIZED: 401, domain.EPRECONDITION: 412, domain.EPRECONDREQ: 428, domain.ERATELIMIT: 429, domain.EMALFORMED: 400}
	for code, status := range want {
		s.Echo.GET("/api/v1/test-"+code, func(c echo.Context) error {
			return &domain.Error{Code: code, Message: "msg " + code, Fields: []domain.FieldError{{Field: "f", Message: "m"}},
				Conflicts: []domain.Conflict{{Rule: "room_overlap", Message: "taken", RoomID: "r1"}}}
		})
		p := assertProblem(t, do(t, s.Echo, "GET", "/api/v1/test-"+code, nil), status)
		if p.Detail != "msg "+code || len(p.Errors) != 1 || len(p.Conflicts) != 1 || p.Conflicts[0].RoomID != "r1" {
			t.Fatalf("%s: %+v", code, p)
		}
	}
}

func TestRequestIDCannotForgeLogLines(t *testing.T) {
	var logged bytes.Buffer
	db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
	s := New(Config{Log: slog.New(slog.NewTextHandler(&logged, nil)), Services: servicesOn(t, db.Store())})
	forged := "abc\nlevel=ERROR msg=\"admin logged in\""
	req := httptest.NewRequest("GET", "/healthz?x=%0Alevel=ERROR", nil)
	req.Header["X-Request-Id"] = []string{forged}
	rec := httptest.NewRecorder()
	s.Echo.ServeHTTP(rec, req)
	if id := rec.Header().Get("X-Request-Id"); id == forged || strings.ContainsAny(id, "\n ") {
		t.Fatalf("forged request id kept: %q", id)
	}
	if n := strings.Count(strings.TrimSpace(logged.String()), "\n"); n != 0 {
		t.Fatalf("one request wrote %d lines: %s", n+1, logged.String())
	}
	rec = do(t, s.Echo, "GET", "/healthz", nil, "X-Request-Id", "client-id-42")
	if rec.Header().Get("X-Request-Id") != "client-id-42" {
		t.Fatalf("a well-formed client request id should be kept: %q", rec.Header().Get("X-Request-Id"))
	}
}

func TestOps(t *testing.T) {
	s, db := newTestServer(t)
	if rec := do(t, s.Echo, "GET", "/healthz", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"ok"`) {
		t.Fatalf("healthz %d %s", rec.Code, rec.Body)
	}
	if rec := do(t, s.Echo, "GET", "/readyz", nil); rec.Code != 200 {
		t.Fatalf("readyz %d %s", rec.Code, rec.Body)
	}
	rec := do(t, s.Echo, "GET", "/metrics", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `summit_http_requests_total{method="GET",route="/readyz",status="200"} 1`) {
		t.Fatalf("metrics %d %s", rec.Code, rec.Body)
	}
	if rec := do(t, s.Echo, "GET", "/api/docs", nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "/api/docs/docs.js") {
		t.Fatalf("docs %d", rec.Code)
	}
	if rec := do(t, s.Echo, "GET", "/api/docs/docs.js", nil); rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Fatalf("docs.js %d %v", rec.Code, rec.Header())
	}
	assertProblem(t, do(t, s.Echo, "GET", "/api/docs/secret.txt", nil), 404)
	db.Close()
	assertProblem(t, do(t, s.Echo, "GET", "/readyz", nil), 503)
}

// TestOpenAPICoversEveryRoute fails when a route is registered that the
// OpenAPI document does not describe, or the document describes one that
// does not exist.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	s, _ := newTestServer(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	rec := do(t, s.Echo, "GET", "/api/openapi.json", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || doc.OpenAPI != "3.1.0" {
		t.Fatalf("document: %v %q", err, doc.OpenAPI)
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	routes := map[string]bool{}
	for _, r := range s.Echo.Routes() {
		if strings.HasSuffix(r.Path, "/*") || r.Method == echo.RouteNotFound {
			continue // the SPA and the not-found fallbacks
		}
		path := param.ReplaceAllString(r.Path, "{$1}")
		if path == "/ical/delegations/{token}" {
			path += ".ics" // the route takes the file name whole; the document names its form
		}
		routes[strings.ToLower(r.Method)+" "+path] = true
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths {
		for method := range item {
			if method != "parameters" {
				documented[method+" "+path] = true
			}
		}
	}
	var missing, extra []string
	for r := range routes {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for d := range documented {
		if !routes[d] {
			extra = append(extra, d)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Fatalf("routes missing from openapi.json: %v; documented but not routed: %v", missing, extra)
	}
}

func TestClientAddress(t *testing.T) {
	_, cidr, _ := net.ParseCIDR("10.0.0.0/8")
	for _, c := range []struct {
		name    string
		trusted []*net.IPNet
		peer    string
		want    string
	}{
		{"xff_ignored_by_default", nil, "192.0.2.7:1234", "192.0.2.7"},
		{"xff_ignored_from_loopback_by_default", nil, "127.0.0.1:1234", "127.0.0.1"},
		{"xff_believed_from_a_trusted_proxy", []*net.IPNet{cidr}, "10.1.2.3:1234", "203.0.113.9"},
		{"xff_ignored_from_an_untrusted_peer", []*net.IPNet{cidr}, "192.0.2.7:1234", "192.0.2.7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := dbtest.Open(t, dbtest.URLs(t)[repository.SQLite])
			s := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: servicesOn(t, db.Store()), TrustedProxies: c.trusted})
			s.Echo.GET("/api/v1/test-ip", func(c echo.Context) error { return c.String(200, c.RealIP()) })
			req := httptest.NewRequest("GET", "/api/v1/test-ip", nil)
			req.RemoteAddr = c.peer
			req.Header.Set("X-Forwarded-For", "203.0.113.9")
			req.Header.Set("X-Real-Ip", "203.0.113.10")
			rec := httptest.NewRecorder()
			s.Echo.ServeHTTP(rec, req)
			if rec.Body.String() != c.want {
				t.Fatalf("client address %q, want %q", rec.Body.String(), c.want)
			}
		})
	}
}

// TestGracefulShutdown: a request in flight when the server is told to stop
// still gets its whole answer; new connections are refused afterwards.
func TestGracefulShutdown(t *testing.T) {
	s, _ := newTestServer(t)
	started := make(chan struct{})
	s.Echo.GET("/api/v1/test-slow", func(c echo.Context) error {
		close(started)
		time.Sleep(700 * time.Millisecond)
		return c.String(200, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, 10*time.Second) }()

	type result struct {
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/api/v1/test-slow")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{string(b), err}
	}()
	<-started
	cancel() // SIGTERM arrives while the request is in flight
	r := <-res
	if r.err != nil || r.body != "finished" {
		t.Fatalf("in-flight request: %q %v", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Fatal("the server still accepts connections after shutdown")
	}
}

func TestArgon2id(t *testing.T) {
	var h repository.Argon2id
	hash, err := h.Hash("correct horse battery ✓")
	if err != nil || !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("%q %v", hash, err)
	}
	again, _ := h.Hash("correct horse battery ✓")
	if again == hash {
		t.Fatal("two hashes of one password share a salt")
	}
	if !h.Verify(hash, "correct horse battery ✓") || h.Verify(hash, "correct horse battery") || h.Verify("garbage", "x") {
		t.Fatal("verify gives wrong answers")
	}
}
