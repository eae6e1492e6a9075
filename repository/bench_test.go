package repository

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"summit/domain"
	"summit/export"
	"summit/pdf"
)

// The benchmarks run the domain service on SQLite databases pre-filled with
// a busy programme: 60 rooms in 5 venues, 300 delegations with their heads,
// each room booked from 08:00 to 19:30 (UTC) with 30–90 minute meetings of
// 1–3 delegations, over as many days as the size needs (about 470 meetings a
// day), so that a day looks the same at every size and only the history grows.
// The nights are left free for the bookings the benchmarks make.
//
// Each sub-benchmark fills its database once, before b.Loop (which runs the
// function once), and keeps at least benchSamples latencies for p50/p99, so
// that -benchtime 1x (make bench) still reports meaningful figures.

var benchSizes = []int{1_000, 100_000}

const (
	benchVenues      = 5
	benchRoomsPer    = 12
	benchDelegations = 300
	benchSamples     = 200 // latencies kept for the percentiles, at least
	benchSlotLength  = 30 * time.Minute
	benchSlotStep    = 40 * time.Minute // the length and the rooms' 10-minute changeover
	benchSlotsANight = 17               // 20:00 to 07:30
)

var benchDay0 = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)

type benchHead struct{ delegationID, memberID string }

// benchWorld is a filled database and what the benchmarks book into it.
type benchWorld struct {
	db       *DB
	meetings domain.Meetings
	rooms    []domain.Room
	heads    []benchHead
	days     int
}

// newBenchWorld fills a fresh database with n meetings.
func newBenchWorld(b *testing.B, n int) *benchWorld {
	b.Helper()
	ctx := context.Background()
	started := time.Now()
	w := &benchWorld{db: openTestSQLite(b)}
	store := w.db.Store()
	w.meetings = domain.Meetings{Store: For[domain.BookingRepos](w.db)}
	rng := rand.New(rand.NewPCG(uint64(n), 7))

	// Everybody is in town, and the summit lasts, for as many days as the
	// programme needs (100,000 meetings take about 215 days).
	arrival := benchDay0.AddDate(0, 0, -1)
	departure := benchDay0.AddDate(0, 0, 2+n/400)
	err := store.WithTx(ctx, func(tx *Repos) error {
		if err := tx.PutSummit(ctx, &domain.Summit{Name: "Benchmark summit", City: "Astana", Timezone: "UTC",
			StartsOn: benchDay0.Format(time.DateOnly), EndsOn: departure.Format(time.DateOnly), DayStarts: "08:00", DayEnds: "22:00"}); err != nil {
			return err
		}
		var venues []domain.Venue
		for v := range benchVenues {
			venue := domain.Venue{Name: fmt.Sprintf("Venue %d", v+1), TravelMinutes: map[string]int{}}
			for i, other := range venues {
				venue.TravelMinutes[other.ID] = 10 + 5*(v-i) // 15 to 30 minutes
			}
			if err := tx.CreateVenue(ctx, &venue); err != nil {
				return err
			}
			venues = append(venues, venue)
			for i := range benchRoomsPer {
				room := domain.Room{VenueID: venue.ID, Name: fmt.Sprintf("Room %d", i+1), Capacity: 30 + 20*i,
					Layout: "bilateral", InterpretationLanguages: []string{"ru", "zh", "en"}, ChangeoverMinutes: 10}
				if err := tx.CreateRoom(ctx, &room); err != nil {
					return err
				}
				w.rooms = append(w.rooms, room)
			}
		}
		for i := range benchDelegations {
			d := domain.Delegation{Code: fmt.Sprintf("B%03d", i), Name: fmt.Sprintf("Delegation %d", i), Kind: "member",
				Precedence: i, Languages: []string{"ru"}, ArrivalAt: &arrival, DepartureAt: &departure}
			if err := tx.CreateDelegation(ctx, &d); err != nil {
				return err
			}
			m := domain.Member{DelegationID: d.ID, FullName: fmt.Sprintf("Head of delegation %d", i), IsHead: true}
			if err := tx.CreateMember(ctx, &m); err != nil {
				return err
			}
			w.heads = append(w.heads, benchHead{d.ID, m.ID})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}

	// The meetings, generated day by day, then written with batched INSERTs
	// in one transaction on the writer (the repository's one-row-at-a-time
	// path would take minutes for 100,000).
	var meetingRows, participantRows, attendeeRows [][]any
	now := time.Now().UTC()
	kinds := []string{"bilateral", "bilateral", "bilateral", "multilateral", "meal", "press", "cultural"}
	visibilities := []string{"participants", "participants", "participants", "public", "public", "organisers"}
	for day := 0; len(meetingRows) < n; day++ {
		type slot struct {
			room       string
			start, end time.Time
		}
		var slots []slot
		date := benchDay0.AddDate(0, 0, day)
		for _, room := range w.rooms {
			t := date.Add(8*time.Hour + time.Duration(rng.IntN(5))*5*time.Minute)
			for {
				end := t.Add(time.Duration(30+15*rng.IntN(5)) * time.Minute)
				if end.After(date.Add(19*time.Hour + 30*time.Minute)) {
					break
				}
				slots = append(slots, slot{room.ID, t, end})
				t = end.Add(time.Duration(10+5*rng.IntN(7)) * time.Minute)
			}
		}
		slices.SortFunc(slots, func(a, b slot) int { return a.start.Compare(b.start) })
		busyUntil := make([]time.Time, len(w.heads))
		for _, s := range slots {
			if len(meetingRows) == n {
				break
			}
			id := domain.NewID()
			status := "confirmed"
			if r := rng.IntN(20); r == 0 {
				status = "cancelled"
			} else if r < 3 {
				status = "draft"
			}
			meetingRows = append(meetingRows, []any{id, fmt.Sprintf("Meeting %d", len(meetingRows)+1), kinds[rng.IntN(len(kinds))],
				s.start, s.end, s.room, status, visibilities[rng.IntN(len(visibilities))], `["ru","zh"]`, rng.IntN(30), "[]", 1, now, now,
				s.end.Add(10 * time.Minute)}) // the rooms' changeover
			want := 1 + rng.IntN(3)
			var chosen []int
			for try := 0; try < 20 && len(chosen) < want; try++ {
				k := rng.IntN(len(w.heads))
				if busyUntil[k].After(s.start) || slices.Contains(chosen, k) {
					continue
				}
				chosen = append(chosen, k)
				if status != "cancelled" {
					busyUntil[k] = s.end
				}
				h := w.heads[k]
				participantRows = append(participantRows, []any{id, h.delegationID, false})
				attendeeRows = append(attendeeRows, []any{id, h.memberID, h.delegationID, s.start, s.end, status == "cancelled"})
			}
		}
		w.days = day + 1
	}
	if err := w.bulkInsert(ctx, meetingRows, participantRows, attendeeRows); err != nil {
		b.Fatal(err)
	}
	b.Logf("filled %d meetings (%d attendees) over %d days in %v", len(meetingRows), len(attendeeRows), w.days,
		time.Since(started).Round(time.Millisecond))
	return w
}

// bulkInsert writes the generated rows in one transaction on the writer's
// connection, with foreign key checks off and a large page cache for the
// load only (the rows are consistent by construction); both are restored
// before the benchmarks run, and the write-ahead log is checkpointed.
func (w *benchWorld) bulkInsert(ctx context.Context, meetings, participants, attendees [][]any) error {
	sqlDB, err := w.db.write.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cacheSize int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cacheSize); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -262144"); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, batch := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"meetings", []string{"id", "title", "kind", "starts_at", "ends_at", "room_id", "status", "visibility",
			"languages", "expected_attendance", "allow", "version", "created_at", "updated_at", "room_busy_until"}, meetings},
		{"meeting_participants", []string{"meeting_id", "delegation_id", "named_members"}, participants},
		{"meeting_attendees", []string{"meeting_id", "member_id", "delegation_id", "starts_at", "ends_at", "cancelled"}, attendees},
	} {
		if err := benchInsert(ctx, tx, batch.table, batch.cols, batch.rows); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// Copy the load into the database file now, not in the first booking.
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, fmt.Sprintf("PRAGMA foreign_keys = ON; PRAGMA cache_size = %d", cacheSize))
	return err
}

// benchInsert writes rows into table with multi-row INSERTs of 500 rows.
func benchInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for len(rows) > 0 {
		batch := rows[:min(500, len(rows))]
		rows = rows[len(batch):]
		args := make([]any, 0, len(batch)*len(cols))
		for _, r := range batch {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+",", len(batch)), ",")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// slot returns the i-th night booking: a 30-minute bilateral of one to three
// heads in a room, free of the programme and of every other slot. Each room
// has its own three delegations at night, and its slots follow each other
// 10 minutes apart, so that each booking finds the previous one nearby.
func (w *benchWorld) slot(i int) domain.Meeting {
	r := i % len(w.rooms)
	k := i / len(w.rooms) % benchSlotsANight
	day := i / (len(w.rooms) * benchSlotsANight)
	start := benchDay0.AddDate(0, 0, day).Add(20*time.Hour + time.Duration(k)*benchSlotStep)
	in := domain.Meeting{Title: fmt.Sprintf("Night bilateral %d", i), Kind: "bilateral", StartsAt: start,
		EndsAt: start.Add(benchSlotLength), RoomID: w.rooms[r].ID, Status: "confirmed", Visibility: "participants",
		Languages: []string{"ru", "zh"}, ExpectedAttendance: 12}
	for j := range 1 + i%3 {
		in.Participants = append(in.Participants, domain.Participant{DelegationID: w.heads[3*r+j].delegationID})
	}
	return in
}

// sample runs op (which appends one latency to *lat) in b.Loop, then until
// *lat holds benchSamples latencies, and reports them.
func sample(b *testing.B, lat *[]time.Duration, op func()) {
	for b.Loop() {
		op()
	}
	timed := len(*lat)
	for len(*lat) < benchSamples {
		op()
	}
	reportLatencies(b, *lat, timed)
}

// reportLatencies reports the 50th and 99th percentiles of lat in ms. When
// the timed loop ran fewer operations than the samples (e.g. -benchtime 1x),
// ns/op is replaced by the samples' mean, which is what it would measure.
func reportLatencies(b *testing.B, lat []time.Duration, timed int) {
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
	if timed < len(lat) {
		var sum time.Duration
		for _, d := range lat {
			sum += d
		}
		b.ReportMetric(float64(sum.Nanoseconds())/float64(len(lat)), "ns/op")
	}
}

// BenchmarkBookMeeting: Meetings.Create (the rules and the write in one
// transaction) of a meeting in a free slot, by the system actor.
func BenchmarkBookMeeting(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			next := 0
			var lat []time.Duration
			book := func() {
				in := w.slot(next)
				next++
				t0 := time.Now()
				if _, err := w.meetings.Create(ctx, domain.Actor{}, domain.ReplaceWith(in), nil); err != nil {
					b.Fatalf("book %s at %v: %v", in.Title, in.StartsAt, err)
				}
				lat = append(lat, time.Since(t0))
			}
			sample(b, &lat, book)
		})
	}
}

// BenchmarkCheckMeeting: Meetings.Check, the dry run of a booking in a free
// slot (nothing is written, so the slots can be checked again and again).
func BenchmarkCheckMeeting(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			slots := w.days * len(w.rooms) * benchSlotsANight
			next := 0
			var lat []time.Duration
			check := func() {
				in := w.slot(next % slots)
				next++
				t0 := time.Now()
				res, err := w.meetings.Check(ctx, domain.Actor{}, "", domain.ReplaceWith(in))
				if err != nil || len(res.Conflicts) > 0 {
					b.Fatalf("check %s at %v: %v %+v", in.Title, in.StartsAt, err, res.Conflicts)
				}
				lat = append(lat, time.Since(t0))
			}
			sample(b, &lat, check)
		})
	}
}

// BenchmarkCheckBlockedMeeting: Meetings.Check of a meeting in a busy
// daytime slot: the rules, then the search for the nearest free times of
// that day (one read of the day's bookings, the rules per candidate).
func BenchmarkCheckBlockedMeeting(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			next, found := 0, 0
			var lat []time.Duration
			check := func() {
				for { // daytime slots are busy, but not all of them: time the blocked ones
					in := w.slot(next % (w.days * len(w.rooms) * benchSlotsANight))
					day := in.StartsAt.Truncate(24 * time.Hour)
					in.StartsAt = day.Add(10*time.Hour + time.Duration(next%16)*15*time.Minute)
					in.EndsAt = in.StartsAt.Add(benchSlotLength)
					next++
					t0 := time.Now()
					res, err := w.meetings.Check(ctx, domain.Actor{}, "", domain.ReplaceWith(in))
					if err != nil {
						b.Fatalf("check %s at %v: %v", in.Title, in.StartsAt, err)
					}
					if len(res.Conflicts) > 0 {
						lat = append(lat, time.Since(t0))
						found += len(res.Suggestions)
						return
					}
				}
			}
			sample(b, &lat, check)
			b.ReportMetric(float64(found)/float64(len(lat)), "suggestions/op")
		})
	}
}

// BenchmarkAgendaOneDelegation: Meetings.Agenda of one delegation, all its
// meetings, for the system actor. The agenda grows with the programme
// (items/op), so its time does too.
func BenchmarkAgendaOneDelegation(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			next, items := 0, 0
			var lat []time.Duration
			agenda := func() {
				q := domain.AgendaQuery{DelegationID: w.heads[next%len(w.heads)].delegationID}
				next++
				t0 := time.Now()
				list, err := w.meetings.Agenda(ctx, domain.Actor{}, q)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				items += len(list)
			}
			sample(b, &lat, agenda)
			b.ReportMetric(float64(items)/float64(len(lat)), "items/op")
		})
	}
}

// rebuildProblems works out the problems of w's programme (its meetings are
// written in bulk, past the domain) and logs how long that took; the
// problems service and an organiser to call it as.
func (w *benchWorld) rebuildProblems(b *testing.B) (domain.Problems, domain.Actor) {
	problems := domain.Problems{Store: For[domain.ProblemRepos](w.db)}
	organiser := domain.Actor{UserID: "bench", Role: domain.RoleOrganiser}
	t0 := time.Now()
	if err := problems.Rebuild(context.Background(), organiser); err != nil {
		b.Fatal(err)
	}
	b.Logf("worked out the problems of the programme in %v", time.Since(t0).Round(time.Millisecond))
	return problems, organiser
}

// BenchmarkProblemsList: Problems.List, GET /problems' read, once the
// problems of the whole programme are worked out (the time of that rebuild
// is logged). The generated programme gives heads back-to-back meetings in
// different venues, so travel_time problems grow with it (items/op).
func BenchmarkProblemsList(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			problems, organiser := w.rebuildProblems(b)
			var lat []time.Duration
			items := 0
			list := func() {
				t0 := time.Now()
				got, err := problems.List(ctx, organiser)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				items += len(got)
			}
			sample(b, &lat, list)
			b.ReportMetric(float64(items)/float64(len(lat)), "items/op")
		})
	}
}

// BenchmarkDelegationArrival: Delegations.Update of a delegation's arrival
// (organiser), which rechecks delegation_presence for all its meetings in
// the same transaction: each op moves one delegation's arrival to the middle
// of the first day (making problems of its morning meetings: impact/op) or
// back, so that every op changes the problems.
func BenchmarkDelegationArrival(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			delegations := domain.Delegations{Store: For[domain.DelegationRepos](w.db)}
			_, organiser := w.rebuildProblems(b)
			early, late := benchDay0.AddDate(0, 0, -1), benchDay0.Add(13*time.Hour)
			next, impact := 0, 0
			var lat []time.Duration
			move := func() {
				h := w.heads[next%len(w.heads)]
				arrival := &late
				if next/len(w.heads)%2 == 1 {
					arrival = &early
				}
				next++
				t0 := time.Now()
				_, got, err := delegations.Update(ctx, organiser, h.delegationID, domain.DelegationPatch{ArrivalAt: &arrival}, 0, false)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
				impact += len(got)
			}
			sample(b, &lat, move)
			b.ReportMetric(float64(impact)/float64(len(lat)), "impact/op")
		})
	}
}

// BenchmarkPublishRelease: Releases.Publish, freezing a confirmed programme
// of 10,000 meetings (of 12,000 generated; the rest draft or cancelled) as
// the next release, in one transaction: the read of the programme with its
// participants and names, and the write of 10,000 frozen images.
func BenchmarkPublishRelease(b *testing.B) {
	const confirmed = 10_000
	w := newBenchWorld(b, 12_000)
	ctx := context.Background()
	err := w.db.write.Exec(`UPDATE meetings SET status = 'draft' WHERE status = 'confirmed' AND id NOT IN
		(SELECT id FROM meetings WHERE status = 'confirmed' ORDER BY id LIMIT ?)`, confirmed).Error
	if err != nil {
		b.Fatal(err)
	}
	releases := domain.Releases{Store: For[domain.ReleaseRepos](w.db)}
	organiser := domain.Actor{UserID: "", Role: domain.RoleOrganiser}
	for b.Loop() {
		r, err := releases.Publish(ctx, organiser, "benchmark")
		if err != nil {
			b.Fatal(err)
		}
		if r.Meetings != confirmed {
			b.Fatalf("froze %d meetings, want %d", r.Meetings, confirmed)
		}
	}
}

// BenchmarkExportProgrammeXLSX: GET /export/programme.xlsx's work — every
// meeting, read 500 at a time through the service, written through the
// streaming XLSX writer (to io.Discard). It reports the time of one export
// (ms), the peak heap while exporting (peak-heap-MB: HeapAlloc after every
// page, garbage included), and the peak live heap (peak-live-MB: after a GC
// every 10,000 rows and at the end; half-way-live-MB: the same over the first
// half of the rows), to show memory staying flat as the programme grows: the
// streaming writer keeps at most 16 MiB of rows in memory before it spills
// to a temporary file.
func BenchmarkExportProgrammeXLSX(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			w := newBenchWorld(b, n)
			ctx := context.Background()
			ds, _, err := w.db.Store().ListDelegations(ctx, domain.Page{Limit: 500})
			if err != nil {
				b.Fatal(err)
			}
			codes := map[string]string{}
			for _, d := range ds {
				codes[d.ID] = d.Code
			}
			var took time.Duration
			var peak, live, liveHalf uint64 // liveHalf: the peak live heap over the first half of the rows
			rows := 0
			for b.Loop() {
				runtime.GC()
				var ms runtime.MemStats
				t0 := time.Now()
				sheet, err := export.New(io.Discard, "xlsx", "programme")
				if err != nil {
					b.Fatal(err)
				}
				if err := sheet.Row(append([]string(nil), export.ProgrammeHeader...)); err != nil {
					b.Fatal(err)
				}
				rows = 0
				for cursor := ""; ; {
					page, next, err := w.meetings.List(ctx, domain.Actor{}, domain.MeetingFilter{}, domain.Page{Limit: 500, Cursor: cursor})
					if err != nil {
						b.Fatal(err)
					}
					for i := range page {
						if err := sheet.Row(export.ProgrammeRow(&page[i], codes, time.UTC)); err != nil {
							b.Fatal(err)
						}
					}
					rows += len(page)
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
					if rows%(20*500) == 0 || next == "" {
						runtime.GC()
						runtime.ReadMemStats(&ms)
						live = max(live, ms.HeapAlloc)
						if rows <= n/2 {
							liveHalf = live
						}
					}
					if cursor = next; cursor == "" {
						break
					}
				}
				if err := sheet.Close(); err != nil {
					b.Fatal(err)
				}
				took = time.Since(t0)
			}
			if rows != n {
				b.Fatalf("exported %d meetings, want %d", rows, n)
			}
			b.ReportMetric(float64(took.Milliseconds()), "ms")
			b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
			b.ReportMetric(float64(live)/1e6, "peak-live-MB")
			b.ReportMetric(float64(liveHalf)/1e6, "half-way-live-MB")
		})
	}
}

// BenchmarkAgendaPDF: the agenda PDF of the busiest delegation (the one in
// the most meetings), as GET /agenda.pdf makes it for an organiser:
// Documents.Agenda reads the meetings with their participants and names,
// pdf.Agenda lays them out. On the demo summit (Kazakhstan, the host) in
// each language, and on the generated programmes in English and in
// Chinese, which adds the Chinese face to the file. Reports the mean in ms,
// the CPU time the process spent on it (cpu-ms, all threads, the garbage
// collector's included: what it costs whatever else the machine is doing),
// the items, and the size of the file.
func BenchmarkAgendaPDF(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		demo := openTestSQLite(b)
		seeder := domain.Seeder{Store: For[domain.DemoRepos](demo), Hasher: Argon2id{}}
		if err := seeder.Seed(context.Background(), domain.AstanaDemo()); err != nil {
			b.Fatal(err)
		}
		benchAgendaPDF(b, demo, domain.DocumentLanguages)
	})
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("meetings=%d", n), func(b *testing.B) {
			benchAgendaPDF(b, newBenchWorld(b, n).db, []string{"en", "zh"})
		})
	}
}

// benchAgendaPDF runs BenchmarkAgendaPDF's sub-benchmarks on db, one per language.
func benchAgendaPDF(b *testing.B, db *DB, langs []string) {
	ctx := context.Background()
	var busiest string
	err := db.Store().q(ctx).Raw(`SELECT delegation_id FROM meeting_participants GROUP BY delegation_id
		ORDER BY COUNT(*) DESC, delegation_id LIMIT 1`).Scan(&busiest).Error
	if err != nil {
		b.Fatal(err)
	}
	docs := domain.Documents{Store: For[domain.DocumentRepos](db)}
	for _, lang := range langs {
		b.Run("lang="+lang, func(b *testing.B) {
			var items, size int
			var took, cpu time.Duration
			for b.Loop() {
				t0, c0 := time.Now(), cpuTime()
				sh, err := docs.Agenda(ctx, domain.Actor{}, domain.SheetQuery{DelegationID: busiest, Lang: lang})
				if err != nil {
					b.Fatal(err)
				}
				var out bytes.Buffer
				if err := pdf.Agenda(&out, sh); err != nil {
					b.Fatal(err)
				}
				took, cpu = took+time.Since(t0), cpu+cpuTime()-c0
				items, size = len(sh.Items), out.Len()
			}
			b.ReportMetric(float64(took.Microseconds())/1000/float64(b.N), "ms")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms")
			b.ReportMetric(float64(items), "items")
			b.ReportMetric(float64(size)/1e3, "kB")
		})
	}
}

// cpuTime is the CPU time the process has used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
