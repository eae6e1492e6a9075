package repository

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"summit/domain"
)

// openTestSQLite opens and migrates a fresh SQLite database in a temporary
// folder of tb, closed when tb ends. (Package repository's own tests cannot
// use dbtest, which imports this package.)
func openTestSQLite(tb testing.TB) *DB {
	tb.Helper()
	ctx := context.Background()
	db, err := Open(ctx, "file:"+filepath.Join(tb.TempDir(), "summit.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

// capturedQuery is one statement as GORM sent it to the database.
type capturedQuery struct {
	SQL  string
	Vars []any
}

// captureQueries records every statement that goes through the read
// handle's row callback (Raw(...).Scan and Table(...).Scan), so that a test
// can explain exactly what the repository runs.
func captureQueries(db *DB) func() []capturedQuery {
	var mu sync.Mutex
	var got []capturedQuery
	db.read.Callback().Row().After("gorm:row").Register("plan_test:capture", func(g *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, capturedQuery{SQL: g.Statement.SQL.String(), Vars: append([]any(nil), g.Statement.Vars...)})
	})
	return func() []capturedQuery {
		mu.Lock()
		defer mu.Unlock()
		out := got
		got = nil
		return out
	}
}

// explain returns the lines of SQLite's query plan for q.
func explain(t *testing.T, db *DB, q capturedQuery) []string {
	t.Helper()
	sqlDB, err := db.read.DB()
	if err != nil {
		t.Fatal(err)
	}
	rows, err := sqlDB.Query("EXPLAIN QUERY PLAN "+q.SQL, q.Vars...)
	if err != nil {
		t.Fatalf("explain %s: %v", q.SQL, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// planFixture fills db with meetings through the repositories, in one
// transaction, and returns a room and two heads that hold meetings.
func planFixture(t *testing.T, db *DB, meetings int) (roomID string, heads []string) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	day0 := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	err := db.Store().WithTx(ctx, func(tx *Repos) error {
		var rooms []domain.Room
		for v := range 3 {
			venue := domain.Venue{Name: fmt.Sprintf("Venue %d", v+1)}
			if err := tx.CreateVenue(ctx, &venue); err != nil {
				return err
			}
			for i := range 10 {
				room := domain.Room{VenueID: venue.ID, Name: fmt.Sprintf("Room %d", i+1), Capacity: 50, Layout: "bilateral", ChangeoverMinutes: 10}
				if err := tx.CreateRoom(ctx, &room); err != nil {
					return err
				}
				rooms = append(rooms, room)
			}
		}
		type head struct{ delegationID, memberID string }
		var hs []head
		for i := range 60 {
			d := domain.Delegation{Code: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("Delegation %d", i), Kind: "member"}
			if err := tx.CreateDelegation(ctx, &d); err != nil {
				return err
			}
			m := domain.Member{DelegationID: d.ID, FullName: fmt.Sprintf("Head %d", i), IsHead: true}
			if err := tx.CreateMember(ctx, &m); err != nil {
				return err
			}
			hs = append(hs, head{d.ID, m.ID})
		}
		// Each room is booked back to back from 08:00 over as many days as it
		// takes, in slots of 70 minutes, by heads who are free in the slot.
		var free []int
		for n := 0; n < meetings; {
			for _, room := range rooms {
				if n == meetings {
					break
				}
				day := day0.AddDate(0, 0, n/(len(rooms)*10))
				start := day.Add(8*time.Hour + time.Duration(n/len(rooms)%10)*70*time.Minute)
				m := domain.Meeting{Title: fmt.Sprintf("Meeting %d", n), Kind: "bilateral", StartsAt: start,
					EndsAt: start.Add(time.Duration(30+rng.IntN(31)) * time.Minute), RoomID: room.ID,
					Status: "confirmed", Visibility: "participants"}
				if n%len(rooms) == 0 { // a new slot: everyone is free
					free = rng.Perm(len(hs))
				}
				var attendees []domain.Attendee
				take := min(1+rng.IntN(3), len(free))
				for _, k := range free[:take] {
					m.Participants = append(m.Participants, domain.Participant{DelegationID: hs[k].delegationID})
					attendees = append(attendees, domain.Attendee{MemberID: hs[k].memberID, DelegationID: hs[k].delegationID})
				}
				free = free[take:] // nobody is in two meetings at once
				if err := tx.CreateMeeting(ctx, &m, attendees); err != nil {
					return err
				}
				n++
			}
		}
		roomID = rooms[0].ID
		heads = []string{hs[0].memberID, hs[1].memberID}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return roomID, heads
}

// TestOverlapQueriesUseIndexes: the reads the rules make inside every
// booking are index range searches, not scans, whatever the table size.
func TestOverlapQueriesUseIndexes(t *testing.T) {
	db := openTestSQLite(t)
	roomID, heads := planFixture(t, db, 3000)
	var n int64
	if err := db.read.Table("meetings").Count(&n).Error; err != nil || n != 3000 {
		t.Fatalf("%d meetings, %v", n, err)
	}

	captured := captureQueries(db)
	from := time.Date(2024, 7, 2, 10, 0, 0, 0, time.UTC)
	_, err := db.Store().BookingsNear(context.Background(), domain.BookingQuery{RoomID: roomID, MemberIDs: heads,
		From: from, To: from.Add(time.Hour), ExceptID: domain.NewID()})
	if err != nil {
		t.Fatal(err)
	}
	queries := captured()
	if len(queries) != 2 {
		t.Fatalf("BookingsNear ran %d queries, want 2 (room, people): %+v", len(queries), queries)
	}
	want := []struct {
		table, alias, index string
	}{
		{"meetings", "m", "meetings_room_time (room_id=? AND starts_at>? AND starts_at<?)"},
		{"meeting_attendees", "a", "meeting_attendees_member_time (member_id=? AND starts_at>? AND starts_at<?)"},
	}
	for i, q := range queries {
		plan := explain(t, db, q)
		t.Logf("%s\n  plan: %s", strings.Join(strings.Fields(q.SQL), " "), strings.Join(plan, " | "))
		found := false
		for _, line := range plan {
			if strings.HasPrefix(line, "SEARCH") && strings.Contains(line, "USING INDEX "+want[i].index) {
				found = true
			}
			for _, name := range []string{want[i].table, "m", "a"} {
				if strings.HasPrefix(line, "SCAN "+name+" ") || line == "SCAN "+name || strings.HasPrefix(line, "SCAN TABLE "+name) {
					t.Errorf("query %d scans %s: %q", i+1, name, line)
				}
			}
		}
		if !found {
			t.Errorf("query %d does not search %s USING INDEX %s; plan: %v", i+1, want[i].table, want[i].index, plan)
		}
	}

	// For information: the plan of one delegation's agenda.
	if _, err := db.Store().Agenda(context.Background(), domain.MeetingFilter{DelegationID: "x"}); err != nil {
		t.Fatal(err)
	}
	for _, q := range captured() {
		t.Logf("agenda: %s\n  plan: %s", strings.Join(strings.Fields(q.SQL), " "), strings.Join(explain(t, db, q), " | "))
	}
}
