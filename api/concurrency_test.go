package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// racers is how many requests race for the same room or the same person.
const racers = 50

// raceResult is one racer's answer.
type raceResult struct {
	status int
	body   []byte
	err    error
}

// raceBookings sends one POST /api/v1/meetings per body, all released at
// once, and returns the answers in the order of bodies. A first round of
// reads opens the connections (HTTP and database) that the racers then use,
// so that the racers reach the write transaction together.
func raceBookings(t *testing.T, baseURL, token string, bodies []map[string]any) []raceResult {
	t.Helper()
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: len(bodies)}}
	defer client.CloseIdleConnections()
	send := func(req *http.Request, out *raceResult) {
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			out.err = err
			return
		}
		defer resp.Body.Close()
		out.status = resp.StatusCode
		out.body, out.err = io.ReadAll(resp.Body)
	}
	var wg sync.WaitGroup
	warm := make([]raceResult, len(bodies))
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", baseURL+"/api/v1/meetings?limit=1", nil)
			send(req, &warm[i])
		}()
	}
	wg.Wait()
	for i, r := range warm {
		if r.err != nil || r.status != http.StatusOK {
			t.Fatalf("warm-up %d: %d %v %s", i, r.status, r.err, r.body)
		}
	}

	start := make(chan struct{})
	results := make([]raceResult, len(bodies))
	for i, body := range bodies {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", baseURL+"/api/v1/meetings", bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
			<-start
			send(req, &results[i])
		}()
	}
	close(start)
	wg.Wait()
	return results
}

// checkOneWinner asserts exactly one 201 and every other answer a 409
// problem naming rule, and returns the winner's meeting id.
func checkOneWinner(t *testing.T, results []raceResult, rule string) string {
	t.Helper()
	winner, created, refused := "", 0, 0
	for i, r := range results {
		if r.err != nil {
			t.Fatalf("request %d: %v", i, r.err)
		}
		switch r.status {
		case http.StatusCreated:
			created++
			var m meetingResponse
			if err := json.Unmarshal(r.body, &m); err != nil || m.ID == "" {
				t.Fatalf("request %d: 201 without a meeting: %s", i, r.body)
			}
			winner = m.ID
		case http.StatusConflict:
			refused++
			var p Problem
			if err := json.Unmarshal(r.body, &p); err != nil {
				t.Fatalf("request %d: 409 body is not a problem: %s", i, r.body)
			}
			found := false
			for _, c := range p.Conflicts {
				if c.Rule == rule {
					found = true
				}
			}
			if !found {
				t.Fatalf("request %d: 409 without a %s conflict: %s", i, rule, r.body)
			}
		default:
			t.Fatalf("request %d: status %d: %s", i, r.status, r.body)
		}
	}
	if created != 1 || refused != len(results)-1 {
		t.Fatalf("%d created and %d refused, want 1 and %d", created, refused, len(results)-1)
	}
	return winner
}

// listMeetingIDs returns the ids of the meetings GET /api/v1/meetings lists for query.
func listMeetingIDs(t *testing.T, baseURL, token string, query url.Values) []string {
	t.Helper()
	req, _ := http.NewRequest("GET", baseURL+"/api/v1/meetings?"+query.Encode(), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list meetings: %d %s", resp.StatusCode, body)
	}
	var out list[meetingResponse]
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("list meetings: %v: %s", err, body)
	}
	ids := make([]string, len(out.Items))
	for i, m := range out.Items {
		ids[i] = m.ID
	}
	return ids
}

// raceFixture is a venue with n rooms and n delegations, each with a head.
type raceFixture struct {
	rooms       []domain.Room
	delegations []domain.Delegation
}

func newRaceFixture(t *testing.T, store *repository.Repos, n int) raceFixture {
	t.Helper()
	ctx := context.Background()
	var f raceFixture
	err := store.WithTx(ctx, func(tx *repository.Repos) error {
		venue := domain.Venue{Name: "Palace of Independence"}
		if err := tx.CreateVenue(ctx, &venue); err != nil {
			return err
		}
		for i := range n {
			room := domain.Room{VenueID: venue.ID, Name: fmt.Sprintf("Hall %02d", i+1), Capacity: 40, Layout: "bilateral"}
			if err := tx.CreateRoom(ctx, &room); err != nil {
				return err
			}
			f.rooms = append(f.rooms, room)
			d := domain.Delegation{Code: fmt.Sprintf("R%02d", i+1), Name: fmt.Sprintf("Delegation %02d", i+1), Kind: "member"}
			if err := tx.CreateDelegation(ctx, &d); err != nil {
				return err
			}
			head := domain.Member{DelegationID: d.ID, FullName: fmt.Sprintf("Head of delegation %02d", i+1), IsHead: true}
			if err := tx.CreateMember(ctx, &head); err != nil {
				return err
			}
			f.delegations = append(f.delegations, d)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

const (
	raceStart = "2024-07-04T10:00:00Z"
	raceEnd   = "2024-07-04T11:00:00Z"
)

// TestConcurrentBookingsOfOneRoom: many organisers book one room at one time
// at once; the rule checked inside the write transaction lets exactly one win.
func TestConcurrentBookingsOfOneRoom(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h := newHarness(t, u)
			f := newRaceFixture(t, h.store, racers)
			srv := httptest.NewServer(h.s.Echo)
			defer srv.Close()
			token := h.token("organiser")
			room := f.rooms[0]
			bodies := make([]map[string]any, racers)
			for i := range bodies {
				bodies[i] = map[string]any{
					"title": fmt.Sprintf("Bilateral %02d", i+1), "kind": "bilateral",
					"starts_at": raceStart, "ends_at": raceEnd, "room_id": room.ID,
					"status": "confirmed", "visibility": "participants",
					"participants": []map[string]any{{"delegation_id": f.delegations[i].ID}},
				}
			}
			winner := checkOneWinner(t, raceBookings(t, srv.URL, token, bodies), domain.RuleRoomOverlap)
			ids := listMeetingIDs(t, srv.URL, token, url.Values{"room_id": {room.ID}, "from": {raceStart}, "to": {raceEnd}})
			if len(ids) != 1 || ids[0] != winner {
				t.Fatalf("room holds %v, want only the winner %s", ids, winner)
			}
		})
	}
}

// TestConcurrentBookingsOfOneHead: many organisers book one head of state
// into different rooms at one time at once; exactly one wins.
func TestConcurrentBookingsOfOneHead(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h := newHarness(t, u)
			f := newRaceFixture(t, h.store, racers)
			srv := httptest.NewServer(h.s.Echo)
			defer srv.Close()
			token := h.token("organiser")
			del := f.delegations[0]
			bodies := make([]map[string]any, racers)
			for i := range bodies {
				bodies[i] = map[string]any{
					"title": fmt.Sprintf("Meeting %02d", i+1), "kind": "bilateral",
					"starts_at": raceStart, "ends_at": raceEnd, "room_id": f.rooms[i].ID,
					"status": "confirmed", "visibility": "participants",
					"participants": []map[string]any{{"delegation_id": del.ID}},
				}
			}
			winner := checkOneWinner(t, raceBookings(t, srv.URL, token, bodies), domain.RuleMemberOverlap)
			ids := listMeetingIDs(t, srv.URL, token, url.Values{"delegation_id": {del.ID}, "from": {raceStart}, "to": {raceEnd}})
			if len(ids) != 1 || ids[0] != winner {
				t.Fatalf("the head holds %v, want only the winner %s", ids, winner)
			}
			all := listMeetingIDs(t, srv.URL, token, url.Values{"from": {raceStart}, "to": {raceEnd}})
			if len(all) != 1 {
				t.Fatalf("%d meetings at that time, want 1: %v", len(all), all)
			}
		})
	}
}
