package api

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// sseEvent is one event as a client reads it.
type sseEvent struct {
	ID, Type string
	Data     eventBody
}

// subscribe opens /stream on srv and returns the events as they come.
func subscribe(t *testing.T, srv *httptest.Server, token string, header ...string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v1/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream: %v %v", err, resp)
	}
	out := make(chan sseEvent, 100)
	ready := make(chan struct{})
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == ": connected":
				close(ready)
			case strings.HasPrefix(line, "id: "):
				ev.ID = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.Type = line[7:]
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(line[6:]), &ev.Data)
			case line == "" && ev.Type != "":
				out <- ev
				ev = sseEvent{}
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("stream did not open")
	}
	return out
}

// next returns the next event, failing after within.
func next(t *testing.T, events <-chan sseEvent, within time.Duration) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("stream closed")
		}
		return ev
	case <-time.After(within):
		t.Fatalf("no event within %v", within)
	}
	return sseEvent{}
}

// TestStreamAcrossInstances: a subscriber on instance A sees a change made
// through instance B within one second; on PostgreSQL A and B share only the
// database, as two processes would.
func TestStreamAcrossInstances(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			other := p.store
			if dialect == repository.Postgres {
				other = dbtest.Open(t, u).Store() // a second connection pool, as another process has
			}
			a := httptest.NewServer(p.s.Echo)
			defer a.Close()
			defer p.s.CloseStreams()
			b := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: servicesOn(t, other), JWTSecret: p.s.cfg.JWTSecret})
			events := subscribe(t, a, p.organiser)

			start := time.Now()
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("POST", "/api/v1/meetings", strings.NewReader(mustJSON(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+p.organiser)
			b.Echo.ServeHTTP(rec, req)
			if rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			m := decode[meetingResponse](t, rec)
			ev := next(t, events, time.Second)
			if ev.Type != "meeting.created" || ev.Data.ID != m.ID || ev.Data.Version != 1 || ev.Data.Type != "meeting.created" {
				t.Fatalf("%+v", ev)
			}
			t.Logf("%s: event after %v", dialect, time.Since(start))
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestStreamShowsOnlyWhatTheCallerMaySee: a CHN delegate's stream carries
// the public meeting and its own, never a KAZ-only meeting, not even its id;
// a rolled-back change is never announced.
func TestStreamShowsOnlyWhatTheCallerMaySee(t *testing.T) {
	p := newPlanning(t, "")
	srv := httptest.NewServer(p.s.Echo)
	defer srv.Close()
	defer p.s.CloseStreams()
	chn := subscribe(t, srv, p.token("delegate_chn"))
	org := subscribe(t, srv, p.organiser)

	kazOnly := p.book(p.meeting("KAZ internal", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))
	assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Clash", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID)), 409)
	pub := p.meeting("Plenary", p.hall.ID, at(12, 0), at(13, 0), p.kaz.ID)
	pub["visibility"] = "public"
	plenary := p.book(pub)
	rec := p.call("PATCH", "/api/v1/meetings/"+plenary.ID, p.organiser, map[string]any{"status": "cancelled"}, "If-Match", `"1"`)
	if rec.Code != 200 {
		t.Fatal(rec.Body)
	}

	got := []string{}
	for range 3 {
		ev := next(t, org, 2*time.Second)
		got = append(got, ev.Type+":"+ev.Data.ID)
		if ev.Data.ActorName != "Organiser" || ev.Data.ActorID != p.users["organiser"].ID {
			t.Fatalf("who changed it: %+v", ev.Data)
		}
	}
	want := []string{"meeting.created:" + kazOnly.ID, "meeting.created:" + plenary.ID, "meeting.cancelled:" + plenary.ID}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("organiser got %v, want %v (a rolled-back booking must not appear)", got, want)
	}
	for _, w := range want[1:] {
		ev := next(t, chn, 2*time.Second)
		if ev.Type+":"+ev.Data.ID != w {
			t.Fatalf("CHN got %s:%s, want %s (never the KAZ-only meeting)", ev.Type, ev.Data.ID, w)
		}
	}
	select {
	case ev := <-chn:
		t.Fatalf("CHN got an extra event %+v", ev)
	case <-time.After(400 * time.Millisecond):
	}
}

func TestStreamReplaysWithLastEventID(t *testing.T) {
	p := newPlanning(t, "")
	srv := httptest.NewServer(p.s.Echo)
	defer srv.Close()
	defer p.s.CloseStreams()
	first := subscribe(t, srv, p.organiser)
	m := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))
	seen := next(t, first, 2*time.Second)
	// While the client is away, two more changes happen.
	p.call("PATCH", "/api/v1/meetings/"+m.ID, p.organiser, map[string]any{"title": "Talks (moved)"}, "If-Match", `"1"`)
	p.call("DELETE", "/api/v1/meetings/"+m.ID, p.organiser, nil, "If-Match", `"2"`)
	time.Sleep(300 * time.Millisecond) // let the hub move past them
	again := subscribe(t, srv, p.organiser, "Last-Event-ID", seen.ID)
	a, b := next(t, again, 2*time.Second), next(t, again, 2*time.Second)
	if a.Type != "meeting.updated" || a.Data.Version != 2 || b.Type != "meeting.deleted" || b.Data.ID != m.ID {
		t.Fatalf("replay: %+v %+v", a, b)
	}
}

// TestSlowSubscriberIsDropped: a subscriber that stops reading is cut off
// once its buffer is full, and writers never wait for it.
func TestSlowSubscriberIsDropped(t *testing.T) {
	p := newPlanning(t, "")
	ch, _, err := p.s.hub.subscribe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	err = p.store.WithTx(context.Background(), func(tx *repository.Repos) error {
		for i := range subscriberBuf + 10 {
			if err := tx.AppendAudit(context.Background(), &domain.AuditEntry{At: time.Now(), Action: "update", EntityType: "bilateral_request",
				EntityID: "r", After: fmt.Appendf(nil, `{"version":%d,"from_delegation_id":"a","to_delegation_id":"b"}`, i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	for p.s.hub.subscribers() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow subscriber was not dropped")
		}
		time.Sleep(20 * time.Millisecond)
	}
	n := 0
	for range ch {
		n++
	}
	if n != subscriberBuf {
		t.Fatalf("the dropped subscriber's channel held %d events, want its buffer of %d", n, subscriberBuf)
	}
}

// TestActorNamesRefresh: events name the actor from a cache that forgets a
// name after nameTTL, so a renamed user is soon named anew.
func TestActorNamesRefresh(t *testing.T) {
	h := newSQLiteHarness(t)
	ctx := context.Background()
	u := h.users["organiser"]
	if got := h.s.actorName(ctx, u.ID); got != u.Name {
		t.Fatalf("%q, want %q", got, u.Name)
	}
	renamed, err := h.store.UserByID(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	renamed.Name = "Chief of Protocol"
	if err := h.store.UpdateUser(ctx, renamed); err != nil {
		t.Fatal(err)
	}
	if got := h.s.actorName(ctx, u.ID); got != u.Name {
		t.Fatalf("within the TTL the cached name is used: %q", got)
	}
	h.s.names.Store(u.ID, cachedName{u.Name, time.Now().Add(-nameTTL)})
	if got := h.s.actorName(ctx, u.ID); got != "Chief of Protocol" {
		t.Fatalf("after the TTL: %q", got)
	}
}
