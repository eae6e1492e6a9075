package mail_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// BenchmarkSendNotices puts 5,000 due notices into the outbox of a SQLite
// database (the demo summit, 50 delegations with contacts) and measures one
// sender delivering them all to a go-smtp server on the loopback interface:
// mails per second, and the live heap while they are pending (after a
// collection, sampled every 20 ms while the sender works). Run it with
// -benchtime 1x: each iteration sends the whole outbox.
func BenchmarkSendNotices(b *testing.B) {
	const pending = 5000
	server := startSMTP(b, "")
	w := newWorld(b, dbtest.URLs(b)[repository.SQLite])
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		fillOutbox(b, w, pending)
		runtime.GC()
		before := liveHeap()
		stop, peak := sampleHeap()
		s := w.sender(server.Addr)
		s.Batch = 50
		b.StartTimer()
		start := time.Now()
		sent, err := s.SendDue(context.Background())
		elapsed := time.Since(start)
		b.StopTimer()
		stop()
		if err != nil || sent != pending {
			b.Fatalf("sent %d of %d: %v", sent, pending, err)
		}
		b.ReportMetric(float64(sent)/elapsed.Seconds(), "mails/s")
		b.ReportMetric(float64(before)/(1<<20), "MB-heap-pending")
		b.ReportMetric(float64(peak())/(1<<20), "MB-heap-peak-sending")
		b.StartTimer()
	}
}

// fillOutbox adds n due notices, each with one item, to 50 delegations with contacts.
func fillOutbox(b *testing.B, w *world, n int) {
	ctx := context.Background()
	store := w.db.Store()
	var dels []string
	for i := range 50 {
		code, kind := fmt.Sprintf("B%02d", i), "guest"
		d, err := store.DelegationByCode(ctx, code)
		if err != nil {
			emails := []string{fmt.Sprintf("b%02d@guest.example", i)}
			if d, err = w.delegations.Create(ctx, system, domain.DelegationPatch{Code: &code, Name: &code, Kind: &kind, ContactEmails: &emails}); err != nil {
				b.Fatal(err)
			}
		}
		dels = append(dels, d.ID)
	}
	img := domain.ReleasedMeeting{Meeting: *w.meeting(talks), RoomName: "Oval Hall", VenueName: "Akorda"}
	err := store.WithTx(ctx, func(tx *repository.Repos) error {
		for i := range n {
			nt := &domain.Notice{DelegationID: dels[i%len(dels)], CreatedAt: w.clock.now(), Status: domain.NoticeQueued,
				Subject: "bench", DueAt: w.clock.now()}
			if err := tx.CreateNotice(ctx, nt); err != nil {
				return err
			}
			if err := tx.PutNoticeItem(ctx, nt.ID, domain.NoticeItem{MeetingID: img.ID, Before: &img, After: &img}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// liveHeap is the heap in use now.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// sampleHeap samples the heap in use every 20 ms until stop; peak tells the highest.
func sampleHeap() (stop func(), peak func() uint64) {
	var max atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if h := liveHeap(); h > max.Load() {
				max.Store(h)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); wg.Wait() }, max.Load
}
