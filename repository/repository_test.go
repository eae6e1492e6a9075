package repository_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

var ctx = context.Background()

func TestMigrate(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect+"/from_empty_then_nothing_pending", func(t *testing.T) {
			db, err := repository.Open(ctx, u)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			all, _ := repository.Migrations()
			n, err := db.Migrate(ctx)
			if err != nil || n != len(all) {
				t.Fatalf("first migrate: applied %d of %d, err %v", n, len(all), err)
			}
			if n, err := db.Migrate(ctx); err != nil || n != 0 {
				t.Fatalf("second migrate: applied %d, err %v", n, err)
			}
			if v, _ := db.SchemaVersion(ctx); v != all[len(all)-1].Version {
				t.Fatalf("schema version %d, want %d", v, all[len(all)-1].Version)
			}
		})
	}
}

func TestConcurrentMigrators(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					db, err := repository.Open(ctx, u)
					if err != nil {
						errs <- err
						return
					}
					defer db.Close()
					_, err = db.Migrate(ctx)
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// fixture creates one of everything and returns the store.
type fixture struct {
	store   *repository.Repos
	del     domain.Delegation
	head    domain.Member
	venue   domain.Venue
	room    domain.Room
	meeting domain.Meeting
}

func newFixture(t *testing.T, db *repository.DB) fixture {
	t.Helper()
	f := fixture{store: db.Store()}
	arrive := time.Date(2024, 7, 3, 9, 0, 0, 0, time.FixedZone("UTC+5", 5*3600))
	err := f.store.WithTx(ctx, func(tx *repository.Repos) error {
		if err := tx.PutSummit(ctx, &domain.Summit{Name: "SCO", City: "Astana", Timezone: "Asia/Almaty",
			StartsOn: "2024-07-03", EndsOn: "2024-07-04", DayStarts: "08:00", DayEnds: "22:00"}); err != nil {
			return err
		}
		f.del = domain.Delegation{Code: "kaz", Name: "Kazakhstan", Kind: "member", Precedence: 4,
			Languages: []string{"kk", "ru"}, ArrivalAt: &arrive, Hotel: "—"}
		if err := tx.CreateDelegation(ctx, &f.del); err != nil {
			return err
		}
		f.head = domain.Member{DelegationID: f.del.ID, FullName: "Kassym-Jomart Tokayev", Position: "President", IsHead: true}
		if err := tx.CreateMember(ctx, &f.head); err != nil {
			return err
		}
		other := domain.Venue{Name: "Akorda"}
		if err := tx.CreateVenue(ctx, &other); err != nil {
			return err
		}
		f.venue = domain.Venue{Name: "Palace of Independence", Address: "Tauelsizdik Ave", TravelMinutes: map[string]int{other.ID: 12}}
		if err := tx.CreateVenue(ctx, &f.venue); err != nil {
			return err
		}
		f.room = domain.Room{VenueID: f.venue.ID, Name: "Hall", Capacity: 200, Layout: "plenary",
			InterpretationLanguages: []string{"ru", "zh"}, ChangeoverMinutes: 15}
		if err := tx.CreateRoom(ctx, &f.room); err != nil {
			return err
		}
		f.meeting = domain.Meeting{Title: "Restricted session", Kind: "restricted",
			StartsAt: time.Date(2024, 7, 4, 10, 0, 0, 0, arrive.Location()), EndsAt: time.Date(2024, 7, 4, 12, 0, 0, 0, arrive.Location()),
			RoomID: f.room.ID, Status: "confirmed", Visibility: "public", Languages: []string{"ru", "zh"},
			ExpectedAttendance: 40, Participants: []domain.Participant{{DelegationID: f.del.ID}}}
		return tx.CreateMeeting(ctx, &f.meeting, []domain.Attendee{{MemberID: f.head.ID, DelegationID: f.del.ID}})
	})
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return f
}

func TestRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newFixture(t, db)
		s := f.store

		d, err := s.DelegationByCode(ctx, "KAZ")
		if err != nil || d.ID != f.del.ID || d.Code != "KAZ" || !reflect.DeepEqual(d.Languages, []string{"kk", "ru"}) {
			t.Fatalf("delegation: %+v %v", d, err)
		}
		if d.ArrivalAt == nil || !d.ArrivalAt.Equal(time.Date(2024, 7, 3, 4, 0, 0, 0, time.UTC)) || d.ArrivalAt.Location() != time.UTC {
			t.Fatalf("arrival should read back as 04:00 UTC, got %v", d.ArrivalAt)
		}
		members, err := s.ListMembers(ctx, f.del.ID)
		if err != nil || len(members) != 1 || !members[0].IsHead || members[0].Accreditation != "pending" {
			t.Fatalf("members: %+v %v", members, err)
		}
		v, err := s.VenueByID(ctx, f.venue.ID)
		if err != nil || v.Name != "Palace of Independence" || len(v.TravelMinutes) != 1 {
			t.Fatalf("venue: %+v %v", v, err)
		}
		room, err := s.RoomByID(ctx, f.room.ID)
		if err != nil || room.Capacity != 200 || room.ChangeoverMinutes != 15 || len(room.InterpretationLanguages) != 2 {
			t.Fatalf("room: %+v %v", room, err)
		}
		m, err := s.MeetingByID(ctx, f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.StartsAt != time.Date(2024, 7, 4, 5, 0, 0, 0, time.UTC) || m.Version != 1 || len(m.Participants) != 1 ||
			m.Participants[0].DelegationID != f.del.ID || len(m.Participants[0].MemberIDs) != 0 {
			t.Fatalf("meeting: %+v", m)
		}
		list, next, err := s.ListMeetings(ctx, domain.MeetingFilter{DelegationID: f.del.ID,
			From: time.Date(2024, 7, 4, 6, 0, 0, 0, time.UTC)}, domain.Page{})
		if err != nil || len(list) != 1 || next != "" {
			t.Fatalf("list meetings: %d %q %v", len(list), next, err)
		}
		if list, _, _ := s.ListMeetings(ctx, domain.MeetingFilter{From: time.Date(2024, 7, 4, 7, 0, 0, 0, time.UTC)}, domain.Page{}); len(list) != 0 {
			t.Fatalf("a meeting ending at 07:00 is not in [07:00, …): got %d", len(list))
		}

		other, _, _ := s.ListDelegations(ctx, domain.Page{})
		err = s.WithTx(ctx, func(tx *repository.Repos) error {
			u := domain.User{Email: "Liaison@Example.org", Name: "Liaison", Role: domain.RoleDelegate,
				DelegationID: other[0].ID, PasswordHash: "x"}
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
			u.Name = "Liaison officer"
			if err := tx.UpdateUser(ctx, &u); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, &domain.AuditEntry{At: time.Now(), ActorID: u.ID, Action: "update", EntityType: "user", EntityID: u.ID,
				After: []byte(`{"name":"Liaison officer"}`)})
		})
		if err != nil {
			t.Fatal(err)
		}
		u, err := s.UserByEmail(ctx, "liaison@example.ORG")
		if err != nil || u.Name != "Liaison officer" || u.Version != 2 || u.DelegationID != f.del.ID {
			t.Fatalf("user: %+v %v", u, err)
		}
		stale := *u
		stale.Version = 1
		if err := s.WithTx(ctx, func(tx *repository.Repos) error { return tx.UpdateUser(ctx, &stale) }); domain.ErrorCode(err) != domain.EPRECONDITION {
			t.Fatalf("stale update: %v", err)
		}
		entries, _, err := s.ListAudit(ctx, domain.AuditFilter{EntityType: "user", EntityID: u.ID}, domain.Page{})
		if err != nil || len(entries) != 1 || string(entries[0].After) != `{"name":"Liaison officer"}` || entries[0].Before != nil {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

func TestConstraints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newFixture(t, db)
		cases := []struct {
			name string
			code string
			fn   func(tx *repository.Repos) error
		}{
			{"duplicate_delegation_code_is_conflict", domain.ECONFLICT, func(tx *repository.Repos) error {
				return tx.CreateDelegation(ctx, &domain.Delegation{Code: "KAZ", Name: "again", Kind: "member"})
			}},
			{"second_head_is_conflict", domain.ECONFLICT, func(tx *repository.Repos) error {
				return tx.CreateMember(ctx, &domain.Member{DelegationID: f.del.ID, FullName: "Another", IsHead: true})
			}},
			{"meeting_ending_before_it_starts_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				m := f.meeting
				m.ID, m.EndsAt = "", m.StartsAt.Add(-time.Minute)
				return tx.CreateMeeting(ctx, &m, nil)
			}},
			{"priority_six_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				other := domain.Delegation{Code: "CHN", Name: "China", Kind: "member"}
				if err := tx.CreateDelegation(ctx, &other); err != nil {
					return err
				}
				return tx.CreateRequest(ctx, &domain.BilateralRequest{FromDelegationID: f.del.ID, ToDelegationID: other.ID,
					DurationMinutes: 30, Priority: 6})
			}},
			{"delegate_without_delegation_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				return tx.CreateUser(ctx, &domain.User{Email: "d@x.org", Name: "D", Role: "delegate", PasswordHash: "x"})
			}},
			{"organiser_with_delegation_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				return tx.CreateUser(ctx, &domain.User{Email: "o@x.org", Name: "O", Role: "organiser", DelegationID: f.del.ID, PasswordHash: "x"})
			}},
			{"room_of_unknown_venue_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				return tx.CreateRoom(ctx, &domain.Room{VenueID: "nope", Name: "R", Capacity: 2, Layout: "other"})
			}},
			{"zero_capacity_is_invalid", domain.EINVALID, func(tx *repository.Repos) error {
				return tx.CreateRoom(ctx, &domain.Room{VenueID: f.venue.ID, Name: "R", Capacity: 0, Layout: "other"})
			}},
			{"duplicate_email_is_conflict", domain.ECONFLICT, func(tx *repository.Repos) error {
				if err := tx.CreateUser(ctx, &domain.User{Email: "a@x.org", Name: "A", Role: "admin", PasswordHash: "x"}); err != nil {
					return err
				}
				return tx.CreateUser(ctx, &domain.User{Email: "A@X.org", Name: "A", Role: "admin", PasswordHash: "x"})
			}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before, _, _ := f.store.ListDelegations(ctx, domain.Page{})
				err := f.store.WithTx(ctx, c.fn)
				if got := domain.ErrorCode(err); got != c.code {
					t.Fatalf("got %q (%v), want %q", got, err, c.code)
				}
				after, _, _ := f.store.ListDelegations(ctx, domain.Page{})
				if len(after) != len(before) {
					t.Fatalf("a failed transaction left rows behind: %d delegations, had %d", len(after), len(before))
				}
			})
		}
	})
}

func TestPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		s := db.Store()
		err := s.WithTx(ctx, func(tx *repository.Repos) error {
			for i := range 7 {
				d := domain.Delegation{Code: fmt.Sprintf("D%02d", i), Name: "D", Kind: "guest", Precedence: i % 3}
				if err := tx.CreateDelegation(ctx, &d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		cursor := ""
		for pages := 0; ; pages++ {
			items, next, err := s.ListDelegations(ctx, domain.Page{Limit: 3, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range items {
				seen = append(seen, d.Code)
			}
			if next == "" {
				break
			}
			cursor = next
		}
		want := []string{"D00", "D03", "D06", "D01", "D04", "D02", "D05"}
		if !reflect.DeepEqual(seen, want) {
			t.Fatalf("pages gave %v, want %v", seen, want)
		}
		if _, _, err := s.ListDelegations(ctx, domain.Page{Cursor: "garbage!"}); domain.ErrorCode(err) != domain.EMALFORMED {
			t.Fatalf("bad cursor: %v", err)
		}
	})
}

// TestConcurrentWriters: 200 writers at once, each a transaction that reads
// and writes; none may fail (SQLite must never hand SQLITE_BUSY to a user).
func TestConcurrentWriters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		s := db.Store()
		const writers = 200
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- s.WithTx(ctx, func(tx *repository.Repos) error {
					if _, err := tx.HasSummitData(ctx); err != nil {
						return err
					}
					d := domain.Delegation{Code: fmt.Sprintf("W%03d", i), Name: "Writer", Kind: "guest"}
					if err := tx.CreateDelegation(ctx, &d); err != nil {
						return err
					}
					return tx.AppendAudit(ctx, &domain.AuditEntry{At: time.Now(), Action: "create", EntityType: "delegation", EntityID: d.ID,
						After: []byte(`"` + d.Code + `"`)})
				})
				// and a read alongside, from the reader pool
				if _, _, err := s.ListDelegations(ctx, domain.Page{Limit: 5}); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("writer failed: %v", err)
			}
		}
		all, _, _ := s.ListDelegations(ctx, domain.Page{Limit: 500})
		if len(all) != writers {
			t.Fatalf("%d delegations stored, want %d", len(all), writers)
		}
	})
}

func TestSettingsAndBackup(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		s := db.Store()
		v, err := s.SetSettingIfAbsent(ctx, "jwt_secret", "first")
		if err != nil || v != "first" {
			t.Fatalf("%q %v", v, err)
		}
		if v, _ := s.SetSettingIfAbsent(ctx, "jwt_secret", "second"); v != "first" {
			t.Fatalf("an existing setting was replaced: %q", v)
		}
		if has, _ := s.HasSummitData(ctx); has {
			t.Fatal("empty database reports summit data")
		}
		newFixture(t, db)
		if has, _ := s.HasSummitData(ctx); !has {
			t.Fatal("summit data not seen")
		}
		if db.Dialect != repository.SQLite {
			if err := db.Backup(ctx, t.TempDir()+"/b.db"); err == nil {
				t.Fatal("backup on PostgreSQL should refuse")
			}
			return
		}
		path := t.TempDir() + "/backup.db"
		if err := db.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		copyDB := dbtest.Open(t, "file:"+path)
		if d, err := copyDB.Store().DelegationByCode(ctx, "KAZ"); err != nil || d.Name != "Kazakhstan" {
			t.Fatalf("backup lacks data: %v", err)
		}
	})
}

// TestCheckpointsInBackground: commits leave the WAL to the background
// checkpointer, which copies it into the database file within seconds while
// the database stays open.
func TestCheckpointsInBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summit.db")
	db := dbtest.Open(t, "file:"+path)
	const probe = "checkpoint-probe-7f3a9c"
	if _, err := db.Store().SetSettingIfAbsent(ctx, "probe", probe); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		main, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(main, []byte(probe)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the committed setting is still only in the WAL after 10 s")
		}
	}
}

// TestLoginFailures: the sign-in limits' failures, per subject, newest first,
// forgotten by age or on request, on both databases.
func TestLoginFailures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		s := db.Store()
		t0 := time.Date(2024, 7, 3, 9, 0, 0, 0, time.UTC)
		err := s.WithTx(ctx, func(tx *repository.Repos) error {
			for i := range 4 {
				if err := tx.AddLoginFailure(ctx, "account:a", t0.Add(time.Duration(i)*time.Minute), t0.Add(-time.Hour)); err != nil {
					return err
				}
			}
			return tx.AddLoginFailure(ctx, "client:b", t0, t0.Add(-time.Hour))
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.RecentLoginFailures(ctx, "account:a", t0, 2)
		if err != nil || len(got) != 2 || !got[0].Equal(t0.Add(3*time.Minute)) || !got[1].Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("after t0, newest first, two: %v %v", got, err)
		}
		// A new failure forgets every failure from before its cut-off.
		if err := s.WithTx(ctx, func(tx *repository.Repos) error {
			return tx.AddLoginFailure(ctx, "client:c", t0.Add(time.Hour), t0.Add(2*time.Minute))
		}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.RecentLoginFailures(ctx, "account:a", time.Time{}, 10); len(got) != 2 {
			t.Fatalf("old failures kept: %v", got)
		}
		if got, _ := s.RecentLoginFailures(ctx, "client:b", time.Time{}, 10); len(got) != 0 {
			t.Fatalf("old failures of another subject kept: %v", got)
		}
		if err := s.ClearLoginFailures(ctx, "account:a"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.RecentLoginFailures(ctx, "account:a", time.Time{}, 10); len(got) != 0 {
			t.Fatalf("cleared failures kept: %v", got)
		}
	})
}
