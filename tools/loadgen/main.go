// Command loadgen is `make bench-http`: it starts `summit serve` on the demo
// summit, and again with 10,000 more meetings, and the raw net/http +
// database/sql yardstick (tools/rawagenda) on the same SQLite file, then
// loads each read with concurrent clients and prints requests/s, p50 and p99.
//
//	loadgen -summit bin/summit -raw bin/rawagenda [-c 32] [-d 5s] [-sets 0,10000]
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"summit/domain"
)

var (
	summitBin = flag.String("summit", "bin/summit", "the server binary")
	rawBin    = flag.String("raw", "bin/rawagenda", "the yardstick binary (tools/rawagenda)")
	clients   = flag.Int("c", 32, "concurrent clients")
	duration  = flag.Duration("d", 5*time.Second, "how long each read is loaded")
	sets      = flag.String("sets", "0,10000", "data sets: how many meetings to add to the demo, comma-separated")
	keep      = flag.Bool("keep", false, "keep the servers running after the first data set, for profiling (prints their addresses)")
)

func main() {
	flag.Parse()
	log.SetFlags(0)
	fmt.Printf("%d clients, %v per read, %s\n\n", *clients, *duration, time.Now().UTC().Format(time.DateOnly))
	fmt.Println("| data | read | requests/s | p50 | p99 | × raw |")
	fmt.Println("| --- | --- | ---: | ---: | ---: | ---: |")
	for _, s := range strings.Split(*sets, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			log.Fatalf("-sets: %v", err)
		}
		if err := run(n); err != nil {
			log.Fatal(err)
		}
	}
}

// run benchmarks the demo with n more meetings.
func run(n int) error {
	dir, err := os.MkdirTemp("", "loadgen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "summit.db")
	// First start: the demo is seeded; then more meetings are written while no server runs.
	stop, _, err := startSummit(file)
	if err != nil {
		return err
	}
	stop()
	if n > 0 {
		if err := addMeetings(file, n); err != nil {
			return err
		}
	}
	stop, base, err := startSummit(file)
	if err != nil {
		return err
	}
	defer stop()
	rawAddr := freeAddr()
	raw := exec.Command(*rawBin, "-db", file, "-addr", rawAddr)
	raw.Stderr = os.Stderr
	if err := raw.Start(); err != nil {
		return err
	}
	defer func() { raw.Process.Kill(); raw.Wait() }()
	rawBase := "http://" + rawAddr
	if err := waitFor(rawBase + "/meetings/none"); err != nil {
		return err
	}

	organiser, err := login(base, "organiser@summit.example", "organiser-demo-2024")
	if err != nil {
		return err
	}
	delegate, err := login(base, "delegate@summit.example", "delegate-demo-2024")
	if err != nil {
		return err
	}
	var me struct {
		DelegationID string `json:"delegation_id"`
	}
	if err := getJSON(base+"/api/v1/me", delegate, &me); err != nil {
		return err
	}
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if err := getJSON(base+"/api/v1/meetings?limit=100", organiser, &page); err != nil || len(page.Items) == 0 {
		return fmt.Errorf("no meetings: %v", err)
	}
	first := page.Items[0]
	id := first["id"].(string)
	check, _ := json.Marshal(map[string]any{"title": "Load check", "kind": "bilateral", "starts_at": first["starts_at"],
		"ends_at": first["ends_at"], "room_id": first["room_id"], "participants": first["participants"],
		"visibility": "participants", "status": "draft"})
	agenda := "/agenda?delegation_id=" + me.DelegationID
	etag, err := etagOf(base+"/api/v1"+agenda, delegate)
	if err != nil {
		return err
	}
	if *keep {
		fmt.Printf("\nsummit %s (delegate token %s), raw %s; Ctrl-C ends\n", base, delegate, rawBase)
		select {}
	}

	data := "demo"
	if n > 0 {
		data = fmt.Sprintf("demo + %d", n)
	}
	type read struct {
		name, url, token, etag string
		body                   []byte
		raw                    string // the raw yardstick's URL for the same read
	}
	reads := []read{
		{name: "agenda (a delegation's)", url: base + "/api/v1" + agenda, token: delegate, raw: rawBase + agenda},
		{name: "agenda, 304", url: base + "/api/v1" + agenda, token: delegate, etag: etag},
		{name: "meetings, page of 100", url: base + "/api/v1/meetings?limit=100", token: organiser, raw: rawBase + "/meetings"},
		{name: "one meeting", url: base + "/api/v1/meetings/" + id, token: organiser, raw: rawBase + "/meetings/" + id},
		{name: "dry-run check", url: base + "/api/v1/meetings/check", token: organiser, body: check},
	}
	for _, r := range reads {
		if r.name == "agenda, 304" && r.etag == "" {
			fmt.Printf("| %s | %s | (no ETag) | | | |\n", data, r.name)
			continue
		}
		got, err := load(r.url, r.token, r.etag, r.body)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		ratio := ""
		if r.raw != "" {
			yard, err := load(r.raw, "", "", nil)
			if err != nil {
				return fmt.Errorf("%s (raw): %w", r.name, err)
			}
			fmt.Printf("| %s | %s, raw | %s |  |\n", data, r.name, yard)
			ratio = fmt.Sprintf("%.2f", got.rate/yard.rate)
		}
		fmt.Printf("| %s | %s | %s | %s |\n", data, r.name, got, ratio)
	}
	return nil
}

// result is one read's figures.
type result struct {
	rate     float64
	p50, p99 time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("%.0f | %s | %s", r.rate, ms(r.p50), ms(r.p99))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: time.Minute}

// load sends the request from *clients clients for *duration and measures it.
func load(url, token, etag string, body []byte) (result, error) {
	do := func() error {
		method := http.MethodGet
		var rd io.Reader
		if body != nil {
			method, rd = http.MethodPost, bytes.NewReader(body)
		}
		req, _ := http.NewRequest(method, url, rd)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if want := map[bool]int{true: 304, false: 200}[etag != ""]; resp.StatusCode != want {
			return fmt.Errorf("%s %s: %d, want %d", method, url, resp.StatusCode, want)
		}
		return nil
	}
	if err := do(); err != nil { // warm up, and see that it answers
		return result{}, err
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		firstErr  error
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(*duration)
	for range *clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var own []time.Duration
			for time.Now().Before(deadline) {
				t0 := time.Now()
				if err := do(); err != nil {
					mu.Lock()
					firstErr = cmpOr(firstErr, err)
					mu.Unlock()
					return
				}
				own = append(own, time.Since(t0))
			}
			mu.Lock()
			latencies = append(latencies, own...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return result{}, firstErr
	}
	elapsed := time.Since(start)
	slices.Sort(latencies)
	at := func(q float64) time.Duration { return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))] }
	return result{rate: float64(len(latencies)) / elapsed.Seconds(), p50: at(0.50), p99: at(0.99)}, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// startSummit serves the database file on a free port and returns how to stop it.
func startSummit(file string) (stop func(), base string, err error) {
	addr := freeAddr()
	cmd := exec.Command(*summitBin, "serve")
	cmd.Env = append(os.Environ(), "SUMMIT_ADDR="+addr, "SUMMIT_DATABASE_URL=file:"+file, "SUMMIT_DEMO=1", "SUMMIT_LOG_FORMAT=json")
	logs, err := os.OpenFile(file+".log", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600) // one line a request: kept out of the terminal
	if err != nil {
		return nil, "", err
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		logs.Close()
		return nil, "", err
	}
	stop = func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait(); logs.Close() }
	base = "http://" + addr
	if err := waitFor(base + "/readyz"); err != nil {
		stop()
		return nil, "", err
	}
	return stop, base, nil
}

func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitFor waits until url answers at all.
func waitFor(url string) error {
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode < 500 {
				return nil
			}
		}
	}
	return fmt.Errorf("%s does not answer", url)
}

func login(base, email, password string) (string, error) {
	b, _ := json.Marshal(map[string]string{"email": email, "password": password})
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var t struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&t); err != nil || t.AccessToken == "" {
		return "", fmt.Errorf("sign in as %s: %d %v", email, resp.StatusCode, err)
	}
	return t.AccessToken, nil
}

func getJSON(url, token string, v any) error {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func etagOf(url, token string) (string, error) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.Header.Get("ETag"), nil
}

// addMeetings writes n confirmed meetings into the demo's rooms after the
// summit, day after day, each room's one after another, each with one to
// three delegations (as whole delegations: no people are held), in one
// transaction.
func addMeetings(file string, n int) error {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", "file:"+file+"?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on")
	if err != nil {
		return err
	}
	defer db.Close()
	column := func(q string) ([]string, error) {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out, rows.Err()
	}
	rooms, err := column("SELECT id FROM rooms ORDER BY id")
	if err != nil {
		return err
	}
	delegations, err := column("SELECT id FROM delegations ORDER BY id")
	if err != nil || len(rooms) == 0 || len(delegations) < 3 {
		return fmt.Errorf("the demo has %d rooms and %d delegations: %v", len(rooms), len(delegations), err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	meeting, err := tx.PrepareContext(ctx, `INSERT INTO meetings (id, title, kind, starts_at, ends_at, room_id, status, visibility,
		languages, expected_attendance, allow, version, created_at, updated_at, room_busy_until)
		VALUES (?, ?, 'bilateral', ?, ?, ?, 'confirmed', ?, '["ru","zh"]', 10, '[]', 1, ?, ?, ?)`)
	if err != nil {
		return err
	}
	part, err := tx.PrepareContext(ctx, "INSERT INTO meeting_participants (meeting_id, delegation_id, named_members) VALUES (?, ?, 0)")
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(n), 19))
	day0 := time.Date(2024, 7, 10, 3, 0, 0, 0, time.UTC) // 09:00 in Astana, a week after the summit
	now := time.Now().UTC()
	visibility := []string{"participants", "participants", "public"}
	for i := 0; i < n; {
		for day := 0; i < n; day++ {
			for _, room := range rooms {
				for slot := 0; slot < 12 && i < n; slot, i = slot+1, i+1 {
					start := day0.AddDate(0, 0, day).Add(time.Duration(slot) * time.Hour)
					end := start.Add(40 * time.Minute)
					id := domain.NewID()
					if _, err := meeting.ExecContext(ctx, id, fmt.Sprintf("Bilateral %d", i+1), start, end, room,
						visibility[rng.IntN(len(visibility))], now, now, end.Add(15*time.Minute)); err != nil {
						return fmt.Errorf("meeting %d: %w", i, err)
					}
					for _, k := range rng.Perm(len(delegations))[:1+rng.IntN(3)] {
						if _, err := part.ExecContext(ctx, id, delegations[k]); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}
