package repository_test

import (
	"testing"
	"time"

	"summit/repository"
	"summit/repository/dbtest"
)

// TestMeetingRequestMigration: migration 0007 links the meeting of every
// request scheduled before it, and returns to accepted the requests whose
// meeting was cancelled or deleted since (a cancelled meeting holds none).
func TestMeetingRequestMigration(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			db, err := repository.Open(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.MigrateTo(ctx, 6); err != nil {
				t.Fatal(err)
			}
			w := db.Writer()
			now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
			exec := func(sql string, args ...any) {
				t.Helper()
				if err := w.Exec(sql, args...).Error; err != nil {
					t.Fatalf("%s: %v", sql, err)
				}
			}
			for _, code := range []string{"KAZ", "CHN", "UZB", "IND"} {
				exec("INSERT INTO delegations (id, code, name, kind, created_at, updated_at) VALUES (?, ?, ?, 'member', ?, ?)", "d-"+code, code, code, now, now)
			}
			meeting := func(id, status string, hour int) {
				exec(`INSERT INTO meetings (id, title, kind, starts_at, ends_at, status, visibility, created_at, updated_at, room_busy_until)
					VALUES (?, 'Talks', 'bilateral', ?, ?, ?, 'participants', ?, ?, ?)`, id, now.Add(time.Duration(hour)*time.Hour),
					now.Add(time.Duration(hour)*time.Hour+30*time.Minute), status, now, now, now.Add(time.Duration(hour)*time.Hour+30*time.Minute))
			}
			request := func(id, from, to, status string, meetingID any) {
				exec(`INSERT INTO bilateral_requests (id, from_delegation_id, to_delegation_id, duration_minutes, priority, status, meeting_id, created_at, updated_at)
					VALUES (?, ?, ?, 30, 3, ?, ?, ?, ?)`, id, from, to, status, meetingID, now, now)
			}
			meeting("m-live", "draft", 8)
			meeting("m-cancelled", "cancelled", 9)
			meeting("m-free", "confirmed", 10)
			request("r-live", "d-KAZ", "d-CHN", "scheduled", "m-live")
			request("r-cancelled", "d-KAZ", "d-UZB", "scheduled", "m-cancelled")
			request("r-gone", "d-CHN", "d-UZB", "scheduled", nil) // its meeting was deleted
			request("r-open", "d-KAZ", "d-IND", "accepted", nil)

			if n, err := db.Migrate(ctx); err != nil || n < 1 {
				t.Fatalf("migrate: applied %d, %v", n, err)
			}
			type link struct{ ID, RequestID string }
			var links []link
			if err := w.Raw("SELECT id, COALESCE(request_id, '') AS request_id FROM meetings ORDER BY id").Scan(&links).Error; err != nil {
				t.Fatal(err)
			}
			want := []link{{"m-cancelled", ""}, {"m-free", ""}, {"m-live", "r-live"}}
			if len(links) != len(want) || links[0] != want[0] || links[1] != want[1] || links[2] != want[2] {
				t.Fatalf("meetings hold %+v, want %+v", links, want)
			}
			type req struct {
				ID, Status, MeetingID string
				Version               int
			}
			var reqs []req
			if err := w.Raw("SELECT id, status, COALESCE(meeting_id, '') AS meeting_id, version FROM bilateral_requests ORDER BY id").Scan(&reqs).Error; err != nil {
				t.Fatal(err)
			}
			wantReqs := []req{{"r-cancelled", "accepted", "", 2}, {"r-gone", "accepted", "", 2}, {"r-live", "scheduled", "m-live", 1}, {"r-open", "accepted", "", 1}}
			if len(reqs) != len(wantReqs) {
				t.Fatalf("requests %+v", reqs)
			}
			for i := range reqs {
				if reqs[i] != wantReqs[i] {
					t.Fatalf("requests %+v, want %+v", reqs, wantReqs)
				}
			}
			// One meeting per request.
			meeting("m-twin", "draft", 11)
			if err := w.Exec("UPDATE meetings SET request_id = 'r-live' WHERE id = 'm-twin'").Error; err == nil {
				t.Fatal("a second meeting took r-live")
			}
		})
	}
}
