package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// The durability test's admin, lanes and time slots.
const (
	soakAdmin    = "durability@summit.test"
	soakPassword = "durability-test-2024"
	soakLanes    = 4  // clients booking at once, each in its own room
	soakMinAcks  = 10 // bookings acknowledged before a kill, at least
	soakSlot     = 15 * time.Minute
)

var soakEpoch = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// TestDurabilityUnderSIGKILL is the crash test: a real summit serve process
// on a SQLite file takes bookings from several clients at once, is killed
// with SIGKILL in the middle of them and started again on the same file.
// Every booking acknowledged with 201 before the kill must be there with its
// participants, no meeting may be half-written, and the file must pass
// PRAGMA integrity_check. It runs 3 cycles; SUMMIT_SOAK_CYCLES (make soak)
// asks for more.
func TestDurabilityUnderSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds summit and kills it: not with -short")
	}
	cycles := 3
	if v := os.Getenv("SUMMIT_SOAK_CYCLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("SUMMIT_SOAK_CYCLES=%q: want a positive number of cycles", v)
		}
		cycles = n
	}
	dir := t.TempDir()
	bin := buildSummit(t, dir)
	dbFile := filepath.Join(dir, "summit.db")
	client := &http.Client{Timeout: 15 * time.Second}

	srv := startSummit(t, bin, dbFile)
	token := soakSignIn(t, client, srv.url)
	lanes := make([]*lane, soakLanes)
	venue := mustCreate(t, client, srv.url+"/api/v1/venues", token, map[string]any{"name": "Durability Hall"})
	for i := range lanes {
		l := &lane{room: mustCreate(t, client, srv.url+"/api/v1/venues/"+venue+"/rooms", token, map[string]any{
			"name": fmt.Sprintf("Room %d", i+1), "capacity": 10, "layout": "bilateral", "changeover_minutes": 0})}
		for j := range l.delegations {
			n := 2*i + j + 1
			l.delegations[j] = mustCreate(t, client, srv.url+"/api/v1/delegations", token, map[string]any{
				"code": fmt.Sprintf("D%02d", n), "name": fmt.Sprintf("Delegation %d", n), "kind": "member",
				"head": map[string]string{"full_name": fmt.Sprintf("Head %d", n), "position": "President"}})
		}
		lanes[i] = l
	}

	var acked []booking // by every cycle so far
	for cycle := 1; cycle <= cycles; cycle++ {
		began := time.Now()
		// Kill at a different moment each cycle, once enough bookings were acknowledged.
		killAfter := 300*time.Millisecond + time.Duration(cycle*211%700)*time.Millisecond
		got, attempted := bookUntilKilled(t, client, srv, token, lanes, killAfter)
		bookedFor := time.Since(began)

		srv = startSummit(t, bin, dbFile)
		token = soakSignIn(t, client, srv.url)
		for _, b := range got {
			b.check(t, client, srv.url, token)
		}
		acked = append(acked, got...)
		meetings := checkDatabaseFile(t, dbFile, acked)
		t.Logf("cycle %d: %d of %d bookings acknowledged before SIGKILL after %v; %d meetings in the file; cycle took %v",
			cycle, len(got), attempted, bookedFor.Round(time.Millisecond), meetings, time.Since(began).Round(time.Millisecond))
		if t.Failed() {
			return
		}
	}
	srv.stop(t)
}

// lane is one client's share of the bookings: its own room and two
// delegations, booked in consecutive slots, so that no booking conflicts
// with another and every refusal is a failure.
type lane struct {
	room        string
	delegations [2]string
	next        int // the next slot to book; a slot is never tried twice
}

// booking is a meeting the server acknowledged with 201.
type booking struct {
	id, room    string
	start       time.Time
	delegations [2]string
}

// book books the lane's next slots until killed is set, and returns the
// bookings acknowledged with 201 (a 201 counts once its headers are in, even
// if the kill then cuts off its body). An error before the kill is a failure.
func (l *lane) book(client *http.Client, base, token string, killed *atomic.Bool, acks, attempts *atomic.Int64) ([]booking, error) {
	var acked []booking
	for !killed.Load() {
		start := soakEpoch.Add(time.Duration(l.next) * soakSlot)
		l.next++
		attempts.Add(1)
		resp, body, err := send(client, "POST", base+"/api/v1/meetings", token, map[string]any{
			"title": fmt.Sprintf("Talks in slot %d", l.next), "kind": "bilateral", "status": "confirmed", "visibility": "participants",
			"starts_at": start, "ends_at": start.Add(soakSlot), "room_id": l.room,
			"participants": []map[string]string{{"delegation_id": l.delegations[0]}, {"delegation_id": l.delegations[1]}}})
		switch {
		case resp != nil && resp.StatusCode == http.StatusCreated:
			acked = append(acked, booking{id: path.Base(resp.Header.Get("Location")), room: l.room, start: start, delegations: l.delegations})
			acks.Add(1)
		case killed.Load():
			return acked, nil // the kill cut this one off
		case err != nil:
			return acked, fmt.Errorf("booking before the kill: %v", err)
		default:
			return acked, fmt.Errorf("booking before the kill answered %d: %s", resp.StatusCode, body)
		}
	}
	return acked, nil
}

// bookUntilKilled runs one client per lane against srv and kills srv with
// SIGKILL once killAfter has passed and soakMinAcks bookings were
// acknowledged. It returns those bookings and how many were tried.
func bookUntilKilled(t *testing.T, client *http.Client, srv *server, token string, lanes []*lane, killAfter time.Duration) ([]booking, int) {
	t.Helper()
	var killed atomic.Bool
	var acks, attempts atomic.Int64
	got := make([][]booking, len(lanes))
	errs := make([]error, len(lanes))
	var wg sync.WaitGroup
	for i, l := range lanes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = l.book(client, srv.url, token, &killed, &acks, &attempts)
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()

	began := time.Now()
	deadline := time.After(30 * time.Second)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	waited := ""
wait:
	for time.Since(began) < killAfter || acks.Load() < soakMinAcks {
		select {
		case <-done: // every client stopped early: errs says why
			break wait
		case <-deadline:
			waited = fmt.Sprintf("only %d bookings acknowledged in 30s", acks.Load())
			break wait
		case <-tick.C:
		}
	}
	killed.Store(true)
	srv.kill(t)
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("clients still booking 30s after the kill")
	}
	var all []booking
	for i := range lanes {
		if errs[i] != nil {
			t.Errorf("lane %d: %v", i+1, errs[i])
		}
		all = append(all, got[i]...)
	}
	if waited != "" {
		t.Errorf("%s; the server said: %s", waited, srv.output())
	}
	if t.Failed() {
		t.FailNow()
	}
	return all, int(attempts.Load())
}

// check fails the test unless the meeting answers as it was booked.
func (b booking) check(t *testing.T, client *http.Client, base, token string) {
	t.Helper()
	resp, body, err := send(client, "GET", base+"/api/v1/meetings/"+b.id, token, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("meeting %s, acknowledged before the kill, is gone: %v %s", b.id, err, body)
		return
	}
	var m struct {
		RoomID       string    `json:"room_id"`
		StartsAt     time.Time `json:"starts_at"`
		Participants []struct {
			DelegationID string `json:"delegation_id"`
		} `json:"participants"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		t.Errorf("meeting %s: %v", b.id, err)
		return
	}
	var got []string
	for _, p := range m.Participants {
		got = append(got, p.DelegationID)
	}
	if m.RoomID != b.room || !m.StartsAt.Equal(b.start) || len(got) != 2 ||
		!(got[0] == b.delegations[0] && got[1] == b.delegations[1] || got[0] == b.delegations[1] && got[1] == b.delegations[0]) {
		t.Errorf("meeting %s came back as %s; booked in room %s at %v with %v", b.id, body, b.room, b.start, b.delegations)
	}
}

// checkDatabaseFile opens the SQLite file read-only beside the running
// server and fails the test unless it passes PRAGMA integrity_check and
// foreign_key_check, holds every acknowledged booking, and every meeting in
// it is whole: both participants, both heads as attendees, an audit entry.
// It returns how many meetings the file holds.
func checkDatabaseFile(t *testing.T, dbFile string, acked []booking) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+dbFile+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("PRAGMA integrity_check: %q %v", integrity, err)
	}
	if ids := column(t, db, "PRAGMA foreign_key_check"); len(ids) > 0 {
		t.Errorf("PRAGMA foreign_key_check names rows in %v", ids)
	}
	half := column(t, db, `SELECT m.id FROM meetings m WHERE
		(SELECT count(*) FROM meeting_participants p WHERE p.meeting_id = m.id) <> 2 OR
		(SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) <> 2 OR
		NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.entity_type = 'meeting' AND e.entity_id = m.id)`)
	if len(half) > 0 {
		t.Errorf("meetings without both participants, both attendees or their audit entry: %v", half)
	}
	ids := column(t, db, "SELECT id FROM meetings")
	held := make(map[string]bool, len(ids))
	for _, id := range ids {
		held[id] = true
	}
	for _, b := range acked {
		if !held[b.id] {
			t.Errorf("meeting %s, acknowledged before a kill, is not in the file", b.id)
		}
	}
	return len(ids)
}

// column returns the first column of a query's rows, as text.
func column(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(sql.RawBytes)
		}
		if err := rows.Scan(vals...); err != nil {
			t.Fatal(err)
		}
		out = append(out, string(*vals[0].(*sql.RawBytes)))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// buildSummit builds the summit binary from this tree into dir.
func buildSummit(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the durability test builds summit and needs the go command: %v", err)
	}
	bin := filepath.Join(dir, "summit")
	began := time.Now()
	if out, err := exec.Command(goTool, "build", "-trimpath", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Logf("built summit in %v", time.Since(began).Round(time.Millisecond))
	return bin
}

// server is a summit serve process.
type server struct {
	cmd    *exec.Cmd
	url    string        // http://127.0.0.1:PORT
	log    string        // the file its output goes to
	exited chan struct{} // closed once it has exited
}

// startSummit starts summit serve on dbFile, with the test's admin, and
// waits until /readyz answers 200. The process is killed when the test ends.
func startSummit(t *testing.T, bin, dbFile string) *server {
	t.Helper()
	for attempt := 1; ; attempt++ {
		s := &server{log: filepath.Join(filepath.Dir(dbFile), fmt.Sprintf("serve-%d.log", time.Now().UnixNano())), exited: make(chan struct{})}
		addr := freeAddr(t)
		s.url = "http://" + addr
		out, err := os.Create(s.log)
		if err != nil {
			t.Fatal(err)
		}
		s.cmd = exec.Command(bin, "serve")
		s.cmd.Env = []string{"SUMMIT_ADDR=" + addr, "SUMMIT_DATABASE_URL=file:" + dbFile,
			"SUMMIT_ADMIN_EMAIL=" + soakAdmin, "SUMMIT_ADMIN_PASSWORD=" + soakPassword}
		s.cmd.Stdout, s.cmd.Stderr = out, out
		err = s.cmd.Start()
		out.Close()
		if err != nil {
			t.Fatal(err)
		}
		go func() { s.cmd.Wait(); close(s.exited) }()
		t.Cleanup(func() { s.kill(t) })
		switch err := s.waitReady(); {
		case err == nil:
			return s
		case attempt < 3 && strings.Contains(s.output(), "address already in use"):
			continue // someone took the free port meanwhile: another one
		default:
			t.Fatalf("summit serve: %v; it said: %s", err, s.output())
		}
	}
}

// waitReady waits up to 30 seconds for /readyz to answer 200.
func (s *server) waitReady() error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.After(30 * time.Second)
	for {
		if resp, err := client.Get(s.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.exited:
			return fmt.Errorf("exited with %v before it was ready", s.cmd.ProcessState)
		case <-deadline:
			return fmt.Errorf("not ready within 30s")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// kill sends SIGKILL (if the process still runs) and waits until it has exited.
func (s *server) kill(t *testing.T) {
	s.cmd.Process.Kill()
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		t.Errorf("summit serve (pid %d) still runs 10s after SIGKILL", s.cmd.Process.Pid)
	}
}

// stop asks the process to end as a service manager would (SIGTERM) and
// fails the test unless it exits 0 within 30 seconds.
func (s *server) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		if !s.cmd.ProcessState.Success() {
			t.Errorf("summit serve stopped with %v: %s", s.cmd.ProcessState, s.output())
		}
	case <-time.After(30 * time.Second):
		t.Errorf("summit serve still runs 30s after SIGTERM")
	}
}

// output is the end of what the process wrote, for failure messages.
func (s *server) output() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// send sends a JSON request and returns the answer and its body. resp is
// set as soon as the headers arrived, even when reading the body failed.
func send(client *http.Client, method, url, token string, body any) (resp *http.Response, b []byte, err error) {
	var r io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			return nil, nil, err
		}
		r = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err = client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err = io.ReadAll(resp.Body)
	return resp, b, err
}

// mustCreate POSTs body to url and returns the id of what it created.
func mustCreate(t *testing.T, client *http.Client, url, token string, body any) string {
	t.Helper()
	resp, b, err := send(client, "POST", url, token, body)
	var created struct{ ID string }
	if err != nil || resp.StatusCode != http.StatusCreated || json.Unmarshal(b, &created) != nil || created.ID == "" {
		t.Fatalf("POST %s: %v %s", url, err, b)
	}
	return created.ID
}

// soakSignIn signs the test's admin in and returns an access token.
func soakSignIn(t *testing.T, client *http.Client, base string) string {
	t.Helper()
	resp, b, err := send(client, "POST", base+"/api/v1/auth/login", "", map[string]string{"email": soakAdmin, "password": soakPassword})
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if err != nil || resp.StatusCode != http.StatusOK || json.Unmarshal(b, &tr) != nil || tr.AccessToken == "" {
		t.Fatalf("sign in: %v %s", err, b)
	}
	return tr.AccessToken
}
