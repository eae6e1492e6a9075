package repository_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// The database's own refusals of a double booking (migration 0005).
const (
	roomTaken   = "The room is already booked at that time."
	personTaken = "A person would be in two meetings at once."
)

// errRollback ends a test transaction that succeeded, leaving nothing behind.
var errRollback = errors.New("roll back")

// at is a clock time on the day of the invariant tests, in UTC.
func at(clock string) time.Time {
	t, err := time.Parse("15:04", clock)
	if err != nil {
		panic(err)
	}
	return time.Date(2024, 7, 4, t.Hour(), t.Minute(), 0, 0, time.UTC)
}

// plan is a meeting from from to to in room, holding people (heads).
func plan(title string, room domain.Room, from, to string, status domain.MeetingStatus, people ...domain.Member) (domain.Meeting, []domain.Attendee) {
	m := domain.Meeting{Title: title, Kind: "bilateral", StartsAt: at(from), EndsAt: at(to), RoomID: room.ID,
		Status: status, Visibility: "participants", Participants: []domain.Participant{}}
	var attendees []domain.Attendee
	for _, p := range people {
		m.Participants = append(m.Participants, domain.Participant{DelegationID: p.DelegationID})
		attendees = append(attendees, domain.Attendee{MemberID: p.ID, DelegationID: p.DelegationID})
	}
	return m, attendees
}

// bookedDay is a day with meetings in it, written through the repositories:
//
//	hall   (15-minute changeover)  m0 10:00–11:00 h1;  mr 10:30–11:30 cancelled
//	annex  (no changeover)         ma 10:00–11:00 h2
//	studio (no changeover)         mp 10:30–11:30 h1 cancelled;  m2 14:00–15:00
//	far    (30 minutes away)       —
type bookedDay struct {
	store                    *repository.Repos
	hall, annex, studio, far domain.Room
	h1, h2                   domain.Member
	m0, ma, mr, mp, m2       domain.Meeting
}

func newBookedDay(t *testing.T, db *repository.DB) bookedDay {
	t.Helper()
	d := bookedDay{store: db.Store()}
	err := d.store.WithTx(ctx, func(tx *repository.Repos) error {
		for i, h := range []*domain.Member{&d.h1, &d.h2} {
			del := domain.Delegation{Code: fmt.Sprintf("D%d", i), Name: fmt.Sprintf("Delegation %d", i), Kind: "member"}
			if err := tx.CreateDelegation(ctx, &del); err != nil {
				return err
			}
			*h = domain.Member{DelegationID: del.ID, FullName: fmt.Sprintf("Head %d", i), IsHead: true}
			if err := tx.CreateMember(ctx, h); err != nil {
				return err
			}
		}
		farVenue := domain.Venue{Name: "Far"}
		if err := tx.CreateVenue(ctx, &farVenue); err != nil {
			return err
		}
		venue := domain.Venue{Name: "Palace", TravelMinutes: map[string]int{farVenue.ID: 30}}
		if err := tx.CreateVenue(ctx, &venue); err != nil {
			return err
		}
		for _, r := range []struct {
			room       *domain.Room
			venue      string
			name       string
			changeover int
		}{{&d.hall, venue.ID, "Hall", 15}, {&d.annex, venue.ID, "Annex", 0}, {&d.studio, venue.ID, "Studio", 0}, {&d.far, farVenue.ID, "Far", 0}} {
			*r.room = domain.Room{VenueID: r.venue, Name: r.name, Capacity: 20, Layout: "bilateral", ChangeoverMinutes: r.changeover}
			if err := tx.CreateRoom(ctx, r.room); err != nil {
				return err
			}
		}
		for _, m := range []struct {
			m        *domain.Meeting
			room     domain.Room
			from, to string
			status   domain.MeetingStatus
			people   []domain.Member
		}{
			{&d.m0, d.hall, "10:00", "11:00", domain.MeetingConfirmed, []domain.Member{d.h1}},
			{&d.ma, d.annex, "10:00", "11:00", domain.MeetingConfirmed, []domain.Member{d.h2}},
			{&d.mr, d.hall, "10:30", "11:30", domain.MeetingCancelled, nil},
			{&d.mp, d.studio, "10:30", "11:30", domain.MeetingCancelled, []domain.Member{d.h1}},
			{&d.m2, d.studio, "14:00", "15:00", domain.MeetingDraft, nil},
		} {
			var attendees []domain.Attendee
			*m.m, attendees = plan("Meeting", m.room, m.from, m.to, m.status, m.people...)
			if err := tx.CreateMeeting(ctx, m.m, attendees); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("booked day: %v", err)
	}
	return d
}

// create books a new meeting through the repository alone, past the rules.
func create(room domain.Room, from, to string, status domain.MeetingStatus, people ...domain.Member) func(tx *repository.Repos) error {
	return func(tx *repository.Repos) error {
		m, attendees := plan("New", room, from, to, status, people...)
		return tx.CreateMeeting(ctx, &m, attendees)
	}
}

// change rewrites old through the repository alone, past the rules.
func change(old domain.Meeting, room domain.Room, from, to string, status domain.MeetingStatus, people ...domain.Member) func(tx *repository.Repos) error {
	return func(tx *repository.Repos) error {
		m, attendees := plan(old.Title, room, from, to, status, people...)
		m.ID, m.Version, m.CreatedAt = old.ID, old.Version, old.CreatedAt
		return tx.UpdateMeeting(ctx, &m, attendees)
	}
}

// insert writes a meeting with plain SQL, without room_busy_until.
func insert(room domain.Room, from, to, status string, people ...domain.Member) func(tx *repository.Repos) error {
	return func(tx *repository.Repos) error {
		id, now := domain.NewID(), time.Now().UTC()
		if err := tx.Exec(ctx, `INSERT INTO meetings (id, title, kind, starts_at, ends_at, room_id, status, visibility, created_at, updated_at)
			VALUES (?, 'Raw', 'bilateral', ?, ?, ?, ?, 'participants', ?, ?)`, id, at(from), at(to), room.ID, status, now, now); err != nil {
			return err
		}
		for _, p := range people {
			if err := tx.Exec(ctx, `INSERT INTO meeting_attendees (meeting_id, member_id, delegation_id, starts_at, ends_at, cancelled)
				VALUES (?, ?, ?, ?, ?, ?)`, id, p.ID, p.DelegationID, at(from), at(to), status == "cancelled"); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestDatabaseRefusesDoubleBookings: writes past the rule engine (plain SQL,
// or the repositories called directly) cannot double-book a room, its
// changeover included, or a person; what the rules accept, the database
// accepts, and the overridable rules are none of its business.
func TestDatabaseRefusesDoubleBookings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		d := newBookedDay(t, db)
		draft, cancelled := domain.MeetingDraft, domain.MeetingCancelled
		both := func(fns ...func(tx *repository.Repos) error) func(tx *repository.Repos) error {
			return func(tx *repository.Repos) error {
				for _, fn := range fns {
					if err := fn(tx); err != nil {
						return err
					}
				}
				return nil
			}
		}
		changeover := func(minutes int) func(tx *repository.Repos) error {
			return func(tx *repository.Repos) error {
				room := d.hall
				room.ChangeoverMinutes = minutes
				return tx.UpdateRoom(ctx, &room)
			}
		}
		cases := []struct {
			name  string
			write func(tx *repository.Repos) error
			want  string // "" when accepted
		}{
			{"room_overlap/sql", insert(d.hall, "10:30", "11:30", "confirmed"), roomTaken},
			{"room_overlap/create", create(d.hall, "10:59", "11:30", draft), roomTaken},
			{"room_overlap/update", change(d.m2, d.annex, "10:30", "11:00", draft), roomTaken},
			{"room_overlap/inside", create(d.hall, "10:15", "10:45", draft), roomTaken},
			{"room_changeover_after/sql", insert(d.hall, "11:10", "12:00", "draft"), roomTaken},
			{"room_changeover_after/create", create(d.hall, "11:14", "12:00", draft), roomTaken},
			{"room_changeover_before/create", create(d.hall, "09:00", "09:46", draft), roomTaken},
			{"room_changeover_before/update", change(d.m2, d.hall, "09:00", "09:50", draft), roomTaken},
			{"person_overlap/sql", insert(d.studio, "10:00", "10:30", "confirmed", d.h1), personTaken},
			{"person_overlap/create", create(d.studio, "10:15", "10:45", draft, d.h1), personTaken},
			{"person_overlap/update", change(d.m2, d.studio, "10:45", "11:15", draft, d.h2), personTaken},
			{"cancelled_reactivated/room/sql", func(tx *repository.Repos) error {
				return tx.Exec(ctx, "UPDATE meetings SET status = 'confirmed' WHERE id = ?", d.mr.ID)
			}, roomTaken},
			{"cancelled_reactivated/room/update", change(d.mr, d.hall, "10:30", "11:30", draft), roomTaken},
			{"cancelled_reactivated/person/sql", func(tx *repository.Repos) error {
				return tx.Exec(ctx, "UPDATE meeting_attendees SET cancelled = ? WHERE meeting_id = ?", false, d.mp.ID)
			}, personTaken},
			{"cancelled_reactivated/person/update", change(d.mp, d.studio, "10:30", "11:30", draft, d.h1), personTaken},
			{"longer_changeover_then_rewritten", both(changeover(30), change(d.m0, d.hall, "10:00", "11:00", draft, d.h1),
				create(d.hall, "11:20", "12:00", draft)), roomTaken},

			{"touching/room/sql", both(insert(d.annex, "11:00", "12:00", "confirmed"), insert(d.annex, "09:00", "10:00", "confirmed")), ""},
			{"touching/room/create", create(d.annex, "11:00", "12:00", draft), ""},
			{"touching/room_after_changeover", create(d.hall, "11:15", "12:00", draft), ""},
			{"touching/room_before_changeover", create(d.hall, "08:45", "09:45", draft), ""},
			{"touching/room/update", change(d.m2, d.hall, "11:15", "11:45", draft), ""},
			{"touching/person/sql", insert(d.studio, "11:00", "12:00", "confirmed", d.h1, d.h2), ""},
			{"touching/person/create", create(d.studio, "09:00", "10:00", draft, d.h1, d.h2), ""},
			{"other_room/sql", insert(d.studio, "10:00", "10:30", "confirmed"), ""},
			{"other_room/create", create(d.studio, "10:00", "10:30", draft), ""},
			{"no_room", create(domain.Room{}, "10:00", "11:00", draft), ""},
			{"cancelled_overlap/sql", insert(d.hall, "10:00", "11:00", "cancelled", d.h1, d.h2), ""},
			{"cancelled_overlap/create", create(d.hall, "10:00", "11:00", cancelled, d.h1, d.h2), ""},
			{"cancelling_then_rebooking", both(change(d.m0, d.hall, "10:00", "11:00", cancelled, d.h1),
				create(d.hall, "10:30", "11:30", draft, d.h1)), ""},
			{"moving_within_its_own_slot", change(d.m0, d.hall, "10:10", "11:10", draft, d.h1), ""},
			{"shorter_changeover_frees_the_gap", both(changeover(5), create(d.hall, "11:05", "12:00", draft),
				create(d.hall, "09:00", "09:55", draft)), ""},
			// A longer changeover holds a room's meetings as each is written
			// again: until then the database is less strict than the rules.
			{"longer_changeover_not_yet_rewritten", both(changeover(30), create(d.hall, "11:20", "12:00", draft)), ""},
			{"travel_time_is_not_checked", create(d.far, "11:00", "12:00", draft, d.h1), ""},
			{"room_capacity_is_not_checked", func(tx *repository.Repos) error {
				m, attendees := plan("Crowded", d.annex, "12:00", "13:00", draft, d.h1)
				m.ExpectedAttendance = 500
				return tx.CreateMeeting(ctx, &m, attendees)
			}, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := d.store.WithTx(ctx, func(tx *repository.Repos) error {
					if err := c.write(tx); err != nil {
						return err
					}
					return errRollback
				})
				var de *domain.Error
				switch {
				case c.want == "" && !errors.Is(err, errRollback):
					t.Fatalf("refused: %v", err)
				case c.want != "" && (!errors.As(err, &de) || de.Code != domain.ECONFLICT || de.Message != c.want):
					t.Fatalf("got %v, want a conflict %q", err, c.want)
				}
			})
		}
	})
}

// TestDatabaseAgreesWithTheRules books random meetings through the
// repository alone and checks that the database refuses exactly those the
// hard rules (room_overlap, member_overlap) refuse: never one they accept.
// Rooms' changeovers are shortened now and then on the way.
func TestDatabaseAgreesWithTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		d := newBookedDay(t, db)
		svc := domain.Meetings{Store: repository.For[domain.BookingRepos](db)}
		rng := rand.New(rand.NewPCG(3, 4))
		rooms := []domain.Room{d.hall, d.annex, d.studio, d.far}
		for _, minutes := range []int{25, 40} {
			room := domain.Room{VenueID: d.hall.VenueID, Name: fmt.Sprintf("Changeover %d", minutes), Capacity: 20,
				Layout: "bilateral", ChangeoverMinutes: minutes}
			if err := d.store.CreateRoom(ctx, &room); err != nil {
				t.Fatal(err)
			}
			rooms = append(rooms, room)
		}
		rooms = append(rooms, domain.Room{}) // no room
		people := []domain.Member{d.h1, d.h2}
		existing := []domain.Meeting{d.m0, d.ma, d.mr, d.mp, d.m2}
		var refused, accepted int
		for step := range 150 {
			if step%25 == 24 {
				i := rng.IntN(len(rooms) - 1)
				rooms[i].ChangeoverMinutes = rooms[i].ChangeoverMinutes * rng.IntN(3) / 3
				if err := d.store.UpdateRoom(ctx, &rooms[i]); err != nil {
					t.Fatal(err)
				}
			}
			start := at("08:00").Add(time.Duration(rng.IntN(60)) * 5 * time.Minute)
			m := domain.Meeting{Title: fmt.Sprintf("Random %d", step), Kind: "bilateral", StartsAt: start,
				EndsAt: start.Add(time.Duration(1+rng.IntN(12)) * 5 * time.Minute), RoomID: rooms[rng.IntN(len(rooms))].ID,
				Status: domain.MeetingDraft, Visibility: "participants", Participants: []domain.Participant{}}
			if rng.IntN(8) == 0 {
				m.Status = domain.MeetingCancelled
			}
			var attendees []domain.Attendee
			for _, p := range people {
				if rng.IntN(3) == 0 {
					m.Participants = append(m.Participants, domain.Participant{DelegationID: p.DelegationID})
					attendees = append(attendees, domain.Attendee{MemberID: p.ID, DelegationID: p.DelegationID})
				}
			}
			var old *domain.Meeting
			if rng.IntN(4) == 0 { // change an existing meeting instead
				k := rng.IntN(len(existing))
				current, err := d.store.MeetingByID(ctx, existing[k].ID)
				if err != nil {
					t.Fatal(err)
				}
				old = current
				m.ID, m.Version, m.CreatedAt = current.ID, current.Version, current.CreatedAt
			}
			res, err := svc.Check(ctx, domain.Actor{}, m.ID, domain.ReplaceWith(m))
			if err != nil {
				t.Fatal(err)
			}
			var hard []string
			for _, c := range res.Conflicts {
				if !domain.Overridable(c.Rule) {
					hard = append(hard, c.Rule+": "+c.Message)
				}
			}
			err = d.store.WithTx(ctx, func(tx *repository.Repos) error {
				if old != nil {
					return tx.UpdateMeeting(ctx, &m, attendees)
				}
				return tx.CreateMeeting(ctx, &m, attendees)
			})
			switch {
			case err != nil && domain.ErrorCode(err) != domain.ECONFLICT:
				t.Fatalf("step %d: %v", step, err)
			case err != nil && len(hard) == 0:
				t.Fatalf("step %d: the database refused %s–%s in room %q, which the rules accept: %v",
					step, m.StartsAt.Format("15:04"), m.EndsAt.Format("15:04"), m.RoomID, err)
			case err == nil && len(hard) > 0:
				t.Fatalf("step %d: the database accepted %s–%s in room %q, which the rules refuse: %v",
					step, m.StartsAt.Format("15:04"), m.EndsAt.Format("15:04"), m.RoomID, hard)
			case err != nil:
				refused++
			default:
				accepted++
				if old == nil {
					existing = append(existing, m)
				}
			}
		}
		t.Logf("%d refused, %d accepted", refused, accepted)
		if refused < 20 || accepted < 20 {
			t.Fatalf("%d refused, %d accepted: the random bookings should give plenty of both", refused, accepted)
		}
	})
}

// plainHasher keeps passwords as they are, for seeding quickly.
type plainHasher struct{}

func (plainHasher) Hash(p string) (string, error) { return "plain:" + p, nil }
func (plainHasher) Verify(hash, p string) bool    { return hash == "plain:"+p }

// undoInvariants takes migrations 0006 and 0005 back out of db, data kept:
// the database is as version 4 left it.
var undoInvariants = map[string][]string{
	repository.SQLite: {
		"ALTER TABLE summits DROP COLUMN rest_minutes",
		"ALTER TABLE summits DROP COLUMN max_bilaterals_per_day",
		"DELETE FROM schema_migrations WHERE version = 6",
		"DROP TRIGGER meetings_room_overlap_insert",
		"DROP TRIGGER meetings_room_overlap_update",
		"DROP TRIGGER meeting_attendees_member_overlap_insert",
		"DROP TRIGGER meeting_attendees_member_overlap_update",
		"ALTER TABLE meetings DROP COLUMN room_busy_until",
		"ALTER TABLE meeting_attendees DROP COLUMN cancelled",
		"DELETE FROM schema_migrations WHERE version = 5",
	},
	repository.Postgres: {
		"ALTER TABLE summits DROP COLUMN rest_minutes",
		"ALTER TABLE summits DROP COLUMN max_bilaterals_per_day",
		"DELETE FROM schema_migrations WHERE version = 6",
		"ALTER TABLE meetings DROP CONSTRAINT meetings_room_overlap",
		"ALTER TABLE meeting_attendees DROP CONSTRAINT meeting_attendees_member_overlap",
		"ALTER TABLE meetings DROP COLUMN room_busy_until",
		"ALTER TABLE meeting_attendees DROP COLUMN cancelled",
		"DELETE FROM schema_migrations WHERE version = 5",
	},
}

// TestInvariantsMigrationOnDemoData: migration 0005 applies to a database
// of version 4 holding the demo summit, a cancelled meeting, and two
// meetings closer than their room's changeover, grown since they were
// booked; it fills its new columns as the repositories write them.
func TestInvariantsMigrationOnDemoData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		store := db.Store()
		if err := (domain.Seeder{Store: repository.For[domain.DemoRepos](db), Hasher: plainHasher{}}).Seed(ctx, domain.AstanaDemo()); err != nil {
			t.Fatal(err)
		}
		demo, _, err := store.ListMeetings(ctx, domain.MeetingFilter{Status: "confirmed"}, domain.Page{Limit: 500})
		if err != nil || len(demo) < 20 {
			t.Fatalf("%d demo meetings, %v", len(demo), err)
		}
		var first, second domain.Meeting
		err = store.WithTx(ctx, func(tx *repository.Repos) error {
			cancelled := demo[len(demo)/2]
			var attendees []domain.Attendee
			for _, p := range cancelled.Participants {
				head, err := tx.HeadOf(ctx, p.DelegationID)
				if err != nil {
					return err
				}
				attendees = append(attendees, domain.Attendee{MemberID: head.ID, DelegationID: p.DelegationID})
			}
			if len(attendees) == 0 {
				return fmt.Errorf("%s holds nobody", cancelled.Title)
			}
			cancelled.Status = domain.MeetingCancelled
			if err := tx.UpdateMeeting(ctx, &cancelled, attendees); err != nil {
				return err
			}
			venue := domain.Venue{Name: "Annex"}
			if err := tx.CreateVenue(ctx, &venue); err != nil {
				return err
			}
			room := domain.Room{VenueID: venue.ID, Name: "Small", Capacity: 10, Layout: "bilateral"}
			if err := tx.CreateRoom(ctx, &room); err != nil {
				return err
			}
			first, _ = plan("First", room, "09:00", "10:00", domain.MeetingConfirmed)
			second, _ = plan("Second", room, "10:05", "11:00", domain.MeetingConfirmed)
			for _, m := range []*domain.Meeting{&first, &second} {
				if err := tx.CreateMeeting(ctx, m, nil); err != nil {
					return err
				}
			}
			room.ChangeoverMinutes = 20
			return tx.UpdateRoom(ctx, &room)
		})
		if err != nil {
			t.Fatal(err)
		}

		type held struct {
			ID            string
			EndsAt        time.Time
			RoomBusyUntil time.Time
		}
		type attendee struct {
			MeetingID, MemberID string
			Cancelled           bool
		}
		read := func() (map[string]held, []attendee) {
			var meetings []held
			var attendees []attendee
			if err := db.Writer().Raw("SELECT id, ends_at, room_busy_until FROM meetings").Scan(&meetings).Error; err != nil {
				t.Fatal(err)
			}
			if err := db.Writer().Raw("SELECT meeting_id, member_id, cancelled FROM meeting_attendees ORDER BY meeting_id, member_id").
				Scan(&attendees).Error; err != nil {
				t.Fatal(err)
			}
			byID := map[string]held{}
			for _, m := range meetings {
				byID[m.ID] = m
			}
			return byID, attendees
		}
		wantMeetings, wantAttendees := read()
		changeovers, cancellations := 0, 0
		for _, m := range wantMeetings {
			if m.RoomBusyUntil.After(m.EndsAt) {
				changeovers++
			}
		}
		for _, a := range wantAttendees {
			if a.Cancelled {
				cancellations++
			}
		}
		if changeovers < 10 || cancellations == 0 {
			t.Fatalf("%d meetings with a changeover, %d cancelled attendees: the test needs both", changeovers, cancellations)
		}
		// The migration counts today's changeover, as the repositories do
		// when they write a meeting, but holds the first meeting's room only
		// up to the second's start (10:05, not 10:20, which would refuse the
		// data that is there).
		wantMeetings[first.ID] = held{first.ID, first.EndsAt, second.StartsAt}
		wantMeetings[second.ID] = held{second.ID, second.EndsAt, second.EndsAt.Add(20 * time.Minute)}

		for _, stmt := range undoInvariants[db.Dialect] {
			if err := db.Writer().Exec(stmt).Error; err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
		var has5 int64
		if err := db.Writer().Raw("SELECT COUNT(*) FROM schema_migrations WHERE version = 5").Scan(&has5).Error; err != nil || has5 != 0 {
			t.Fatalf("0005 still recorded after taking it out (%d, %v)", has5, err)
		}
		if n, err := db.Migrate(ctx); n != 2 || err != nil { // 0005 and 0006
			t.Fatalf("migrate: applied %d, %v", n, err)
		}
		gotMeetings, gotAttendees := read()
		if len(gotMeetings) != len(wantMeetings) {
			t.Fatalf("%d meetings, want %d", len(gotMeetings), len(wantMeetings))
		}
		for id, want := range wantMeetings {
			if got := gotMeetings[id]; !got.RoomBusyUntil.Equal(want.RoomBusyUntil) {
				t.Errorf("meeting %s holds its room until %v, want %v", id, got.RoomBusyUntil, want.RoomBusyUntil)
			}
		}
		if !reflect.DeepEqual(gotAttendees, wantAttendees) {
			t.Errorf("attendees after the migration differ:\n got %v\nwant %v", gotAttendees, wantAttendees)
		}

		// The refusals hold on the migrated data.
		m, _ := plan("Squeezed", domain.Room{ID: first.RoomID}, "10:00", "10:05", domain.MeetingDraft)
		err = store.WithTx(ctx, func(tx *repository.Repos) error { return tx.CreateMeeting(ctx, &m, nil) })
		if de := (*domain.Error)(nil); !errors.As(err, &de) || de.Message != roomTaken {
			t.Fatalf("a meeting inside the room's changeover: %v", err)
		}
	})
}
