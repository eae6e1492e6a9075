package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/domain/scheduler"
	"summit/repository/dbtest"
)

// summit runs the command in-process and returns its exit code and output.
func summit(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func sqliteEnv(t *testing.T) map[string]string {
	return map[string]string{"SUMMIT_DATABASE_URL": "file:" + filepath.Join(t.TempDir(), "summit.db")}
}

func TestBadConfigurationExitsTwoNamingTheVariable(t *testing.T) {
	good := sqliteEnv(t)["SUMMIT_DATABASE_URL"]
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unsupported_database_scheme", map[string]string{"SUMMIT_DATABASE_URL": "mysql://db/summit"}, nil, "SUMMIT_DATABASE_URL"},
		{"unparseable_postgres_url", map[string]string{"SUMMIT_DATABASE_URL": "postgres://%zz"}, nil, "SUMMIT_DATABASE_URL"},
		{"memory_sqlite", map[string]string{"SUMMIT_DATABASE_URL": "file::memory:"}, nil, "SUMMIT_DATABASE_URL"},
		{"short_secret", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_JWT_SECRET": "short"}, nil, "SUMMIT_JWT_SECRET"},
		{"bad_addr", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_ADDR": "8080"}, nil, "SUMMIT_ADDR"},
		{"bad_log_format", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_LOG_FORMAT": "xml"}, nil, "SUMMIT_LOG_FORMAT"},
		{"bad_demo", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_DEMO": "maybe"}, nil, "SUMMIT_DEMO"},
		{"bad_proxy_cidr", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_TRUSTED_PROXIES": "10.0.0.1"}, nil, "SUMMIT_TRUSTED_PROXIES"},
		{"admin_email_without_password", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_ADMIN_EMAIL": "a@b.org"}, nil, "SUMMIT_ADMIN_PASSWORD"},
		{"bad_flag_value_beats_good_env", map[string]string{"SUMMIT_DATABASE_URL": good}, []string{"--database-url", "ftp://x"}, "SUMMIT_DATABASE_URL"},
		{"unknown_flag", nil, []string{"--colour"}, "-colour: unknown flag"},
		{"short_admin_password", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_ADMIN_EMAIL": "a@b.org", "SUMMIT_ADMIN_PASSWORD": "short"}, nil, "SUMMIT_ADMIN_PASSWORD"},
		{"bad_admin_email", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_ADMIN_EMAIL": "nobody", "SUMMIT_ADMIN_PASSWORD": "long enough pass"}, nil, "SUMMIT_ADMIN_EMAIL"},
		{"smtp_url_scheme", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_SMTP_URL": "http://mail.example"}, nil, "SUMMIT_SMTP_URL"},
		{"smtp_url_no_host", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_SMTP_URL": "smtp://"}, nil, "SUMMIT_SMTP_URL"},
		{"smtp_url_bad_tls", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_SMTP_URL": "smtp://mail.example?tls=maybe"}, nil, "SUMMIT_SMTP_URL"},
		{"smtp_url_bad_port", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_SMTP_URL": "smtp://mail.example:99999"}, nil, "SUMMIT_SMTP_URL"},
		{"bad_mail_from", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_MAIL_FROM": "nobody"}, nil, "SUMMIT_MAIL_FROM"},
		{"bad_public_url", map[string]string{"SUMMIT_DATABASE_URL": good, "SUMMIT_PUBLIC_URL": "summit.example.org"}, nil, "SUMMIT_PUBLIC_URL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := summit(t, c.env, "", append([]string{"serve"}, c.args...)...)
			if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want 2 and one line naming %s", code, stderr, c.want)
			}
		})
	}
	t.Run("flag_overrides_a_bad_environment", func(t *testing.T) {
		code, _, stderr := summit(t, map[string]string{"SUMMIT_DATABASE_URL": "mysql://x"}, "", "migrate", "--database-url", good)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
	t.Run("unknown_command", func(t *testing.T) {
		if code, _, _ := summit(t, nil, "", "launch"); code != 2 {
			t.Fatalf("exit %d", code)
		}
	})
}

func TestCommands(t *testing.T) {
	env := sqliteEnv(t)
	if code, out, errOut := summit(t, env, "", "migrate"); code != 0 || !strings.Contains(out, "applied") {
		t.Fatalf("migrate: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := summit(t, env, "", "seed", "demo"); code != 0 || !strings.Contains(out, "admin@summit.example") {
		t.Fatalf("seed demo: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := summit(t, env, "", "seed", "demo"); code != 1 || !strings.Contains(errOut, "already holds summit data") {
		t.Fatalf("second seed should refuse with 1: %d %s", code, errOut)
	}

	users := []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"organiser", "a long enough pass\n", []string{"--email", "Protocol@Gov.kz", "--name", "Protocol Officer", "--role", "organiser"}, 0, "created organiser protocol@gov.kz"},
		{"delegate_of_a_delegation", "пароль делегации 2024\n", []string{"--email", "liaison@mfa.kg", "--name", "Liaison", "--role", "delegate", "--delegation", "kgz"}, 0, "created delegate"},
		{"duplicate_email", "a long enough pass\n", []string{"--email", "protocol@gov.kz", "--name", "Again", "--role", "admin"}, 1, "exists already"},
		{"short_password", "short\n", []string{"--email", "x@gov.kz", "--name", "X", "--role", "admin"}, 2, "password"},
		{"unknown_role", "a long enough pass\n", []string{"--email", "x@gov.kz", "--name", "X", "--role", "king"}, 2, "--role"},
		{"delegate_without_delegation", "a long enough pass\n", []string{"--email", "x@gov.kz", "--name", "X", "--role", "delegate"}, 2, "--delegation"},
		{"unknown_delegation", "a long enough pass\n", []string{"--email", "x@gov.kz", "--name", "X", "--role", "delegate", "--delegation", "ZZZ"}, 2, "--delegation"},
	}
	for _, u := range users {
		t.Run("user_create/"+u.name, func(t *testing.T) {
			code, out, errOut := summit(t, env, u.stdin, append([]string{"user", "create"}, u.args...)...)
			if code != u.code || !strings.Contains(out+errOut, u.want) {
				t.Fatalf("exit %d (want %d), output %q %q, want %q", code, u.code, out, errOut, u.want)
			}
		})
	}

	backup := filepath.Join(t.TempDir(), "copy.db")
	if code, _, errOut := summit(t, env, "", "backup", backup); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut)
	}
	copyDB := dbtest.Open(t, "file:"+backup)
	if u, err := copyDB.Store().UserByEmail(context.Background(), "liaison@mfa.kg"); err != nil || u.Role != "delegate" {
		t.Fatalf("backup lacks the delegate: %v", err)
	}
	if code, _, _ := summit(t, env, "", "backup", backup); code != 1 {
		t.Fatal("backup over an existing file should fail")
	}
	if dbtest.PostgresURL() != "" {
		pg := map[string]string{"SUMMIT_DATABASE_URL": dbtest.NewPostgresDB(t)}
		if code, out, _ := summit(t, pg, "", "backup", backup+"2"); code != 2 || !strings.Contains(out, "pg_dump") {
			t.Fatalf("backup on PostgreSQL: %d %s", code, out)
		}
	}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServe starts the real server with the demo on each database, checks
// it answers, and stops it as SIGTERM would.
func TestServe(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			addr := freeAddr(t)
			env := map[string]string{"SUMMIT_DATABASE_URL": u, "SUMMIT_ADDR": addr, "SUMMIT_DEMO": "1",
				"SUMMIT_ADMIN_EMAIL": "ops@gov.kz", "SUMMIT_ADMIN_PASSWORD": "operations-2024", "SUMMIT_LOG_FORMAT": "json"}
			ctx, cancel := context.WithCancel(context.Background())
			var out, errOut bytes.Buffer
			done := make(chan int, 1)
			go func() {
				done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
			}()
			deadline := time.Now().Add(30 * time.Second)
			for {
				resp, err := http.Get("http://" + addr + "/readyz")
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode == 200 {
						break
					}
				}
				select {
				case code := <-done:
					t.Fatalf("serve exited %d: %s", code, errOut.String())
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("server not ready: %s", errOut.String())
				}
				time.Sleep(50 * time.Millisecond)
			}
			resp, err := http.Get("http://" + addr + "/")
			if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=UTF-8" {
				t.Fatalf("SPA: %v %v", err, resp)
			}
			resp.Body.Close()
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("serve exit %d: %s", code, errOut.String())
			}
			if !strings.Contains(out.String(), "delegate@summit.example") {
				t.Fatalf("demo accounts not printed: %s", out.String())
			}
			db := dbtest.Open(t, u)
			store := db.Store()
			ctx = context.Background()
			if _, err := store.UserByEmail(ctx, "ops@gov.kz"); err != nil {
				t.Fatalf("admin from the environment not created: %v", err)
			}
			secret, ok, _ := store.Setting(ctx, "jwt_secret")
			if !ok || len(secret) < 32 {
				t.Fatalf("generated secret not kept: %q", secret)
			}
			delegations, _, _ := store.ListDelegations(ctx, domain.Page{Limit: 500})
			if len(delegations) < 20 {
				t.Fatalf("demo has %d delegations", len(delegations))
			}
		})
	}
}

func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("problem.json", `{
	  "granularity_minutes": 15,
	  "windows": [{"from": "2024-07-03T09:00:00+05:00", "to": "2024-07-03T12:00:00+05:00"}],
	  "venues": [{"id": "v1", "travel_minutes": {"v2": 20}}, {"id": "v2"}],
	  "rooms": [{"id": "r1", "venue_id": "v1", "capacity": 12, "interpretation_languages": ["ru", "zh"]}],
	  "people": [{"id": "p1"}, {"id": "p2"}, {"id": "p3"}],
	  "busy": [{"person_ids": ["p1"], "room_id": "r1", "from": "2024-07-03T09:00:00+05:00", "to": "2024-07-03T10:00:00+05:00"}],
	  "requests": [
	    {"id": "q1", "attendees": ["p1", "p2"], "duration_minutes": 30, "priority": 3, "languages": ["ru", "zh"]},
	    {"id": "q2", "attendees": ["p2", "p3"], "duration_minutes": 60, "priority": 5},
	    {"id": "q3", "attendees": ["p1", "p3"], "duration_minutes": 30, "priority": 1, "languages": ["fa", "zh"]}
	  ]}`)
	out := filepath.Join(dir, "plan.json")
	code, stdout, stderr := summit(t, nil, "", "plan", "--in", good, "--out", out, "--time-limit", "2s")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	var plan struct {
		Placements []struct {
			RequestID string `json:"request_id"`
		} `json:"placements"`
		Unplaced []struct {
			RequestID string `json:"request_id"`
			Reason    string `json:"reason"`
		} `json:"unplaced"`
		Objective int `json:"objective"`
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &plan); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"optimal": true`) { // 8 is all the feasible requests: proven at once
		t.Errorf("plan is not proven optimal: %s", b)
	}
	if plan.Objective != 8 || len(plan.Placements) != 2 || len(plan.Unplaced) != 1 || plan.Unplaced[0].RequestID != "q3" ||
		!strings.Contains(plan.Unplaced[0].Reason, "fa") {
		t.Fatalf("plan %s", b)
	}
	if code, stdout, _ := summit(t, nil, "", "plan", "--in", good); code != 0 || !strings.Contains(stdout, `"objective": 8`) {
		t.Fatalf("to standard output: %d %s", code, stdout)
	}
	bad := []struct{ name, body, want string }{
		{"malformed", `{"windows": [`, "problem"},
		{"unknown_field", `{"granularity_minutes": 15, "colour": "red"}`, "colour"},
		{"unknown_attendee", strings.Replace(string(mustRead(t, good)), `"attendees": ["p2", "p3"]`, `"attendees": ["p2", "p9"]`, 1), "p9"},
		{"negative_rest", strings.Replace(string(mustRead(t, good)), `"granularity_minutes": 15,`, `"granularity_minutes": 15, "rest_minutes": -5,`, 1), "rest_minutes is negative"},
		{"zero_cap", strings.Replace(string(mustRead(t, good)), `{"id": "p2"}`, `{"id": "p2", "max_placements_per_window": 0}`, 1),
			"people[1] (p2): max_placements_per_window must be positive"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := summit(t, nil, "", "plan", "--in", write(c.name+".json", c.body))
			if code != 2 || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want 2 naming %q", code, stderr, c.want)
			}
		})
	}
	if code, _, stderr := summit(t, nil, "", "plan"); code != 2 || !strings.Contains(stderr, "--in") {
		t.Fatalf("no --in: %d %s", code, stderr)
	}
}

// TestPlanUsesItsTime: `summit plan --time-limit 3s` on a small problem
// that is not proven optimal at once either proves its plan optimal or
// searches for at least 2.7 s of the 3 — it never stops early on an
// iteration count.
func TestPlanUsesItsTime(t *testing.T) {
	body, err := json.Marshal(scheduler.Generate(17, scheduler.GenConfig{Delegations: 6, Venues: 3, Rooms: 3, Days: 1, Requests: 25, GranularityMinutes: 5}))
	if err != nil {
		t.Fatal(err)
	}
	in, out := filepath.Join(t.TempDir(), "problem.json"), filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(in, body, 0o600); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if code, stdout, stderr := summit(t, nil, "", "plan", "--in", in, "--out", out, "--time-limit", "3s"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	elapsed := time.Since(began)
	var plan struct {
		Objective int             `json:"objective"`
		Stats     scheduler.Stats `json:"stats"`
	}
	if err := json.Unmarshal(mustRead(t, out), &plan); err != nil {
		t.Fatal(err)
	}
	if !plan.Stats.Optimal && elapsed < 2700*time.Millisecond {
		t.Errorf("stopped after %v without proving %d optimal (bound %d)", elapsed, plan.Objective, plan.Stats.UpperBound)
	}
	if plan.Stats.Optimal && plan.Objective != plan.Stats.UpperBound {
		t.Errorf("optimal with %d, bound %d", plan.Objective, plan.Stats.UpperBound)
	}
	t.Logf("objective %d, bound %d, optimal %v, %v", plan.Objective, plan.Stats.UpperBound, plan.Stats.Optimal, elapsed)
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTwoInstancesShareChanges starts two servers on one PostgreSQL
// database, each with its own configuration and connection pools as two
// processes would have: a subscriber on the first sees a meeting booked
// through the second within one second.
func TestTwoInstancesShareChanges(t *testing.T) {
	if dbtest.PostgresURL() == "" {
		t.Skip("SUMMIT_TEST_POSTGRES_URL is not set")
	}
	u := dbtest.NewPostgresDB(t)
	secret := strings.Repeat("s", 40)
	var addrs []string
	for range 2 {
		addr := freeAddr(t)
		addrs = append(addrs, addr)
		env := map[string]string{"SUMMIT_DATABASE_URL": u, "SUMMIT_ADDR": addr, "SUMMIT_DEMO": "1", "SUMMIT_JWT_SECRET": secret}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
		}()
		t.Cleanup(func() { cancel(); <-done })
		waitReady(t, addr)
	}
	token := signIn(t, addrs[1], "organiser@summit.example", "organiser-demo-2024")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addrs[0]+"/api/v1/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("stream: %v %v", err, resp)
	}
	defer resp.Body.Close()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for l := range lines { // wait until the stream is open
		if l == ": connected" {
			break
		}
	}
	var rooms struct {
		Items []struct{ ID, Name string }
	}
	var venues struct{ Items []struct{ ID, Name string } }
	getJSON(t, "http://"+addrs[1]+"/api/v1/venues", token, &venues)
	getJSON(t, "http://"+addrs[1]+"/api/v1/venues/"+venues.Items[0].ID+"/rooms", token, &rooms)
	body := `{"title":"Late addition","kind":"hold","starts_at":"2024-07-04T21:00:00+05:00","ends_at":"2024-07-04T21:30:00+05:00","room_id":"` + rooms.Items[0].ID + `"}`
	start := time.Now()
	post, _ := http.NewRequest("POST", "http://"+addrs[1]+"/api/v1/meetings", strings.NewReader(body))
	post.Header.Set("Authorization", "Bearer "+token)
	post.Header.Set("Content-Type", "application/json")
	presp, err := http.DefaultClient.Do(post)
	if err != nil || presp.StatusCode != 201 {
		b, _ := io.ReadAll(presp.Body)
		t.Fatalf("book through the second instance: %v %s", err, b)
	}
	presp.Body.Close()
	deadline := time.After(time.Second)
	for {
		select {
		case l := <-lines:
			if l == "event: meeting.created" {
				t.Logf("the first instance announced it after %v", time.Since(start))
				return
			}
		case <-deadline:
			t.Fatal("no event on the first instance within one second")
		}
	}
}

func waitReady(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s not ready", addr)
}

func signIn(t *testing.T, addr, email, password string) string {
	t.Helper()
	resp, err := http.Post("http://"+addr+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"`+email+`","password":"`+password+`"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("sign in: %v %v", err, resp)
	}
	defer resp.Body.Close()
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tr)
	return tr.AccessToken
}

func getJSON(t *testing.T, url, token string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %v %v", url, err, resp)
	}
	defer resp.Body.Close()
	if v != nil {
		json.NewDecoder(resp.Body).Decode(v)
	}
}
