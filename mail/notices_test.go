package mail_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"summit/domain"
	"summit/mail"
	"summit/repository"
	"summit/repository/dbtest"
)

// testClock is a clock the test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// world is the demo summit on a real database with the services that queue
// and send notices, all on one test clock.
type world struct {
	t           testing.TB
	url         string
	db          *repository.DB
	clock       *testClock
	meetings    domain.Meetings
	releases    domain.Releases
	delegations domain.Delegations
	notices     domain.Notices
	rus         *domain.Delegation
}

var system = domain.Actor{}

// newWorld seeds the demo on the database at u and gives Russia two
// contacts and Russian notices.
func newWorld(t testing.TB, u string) *world {
	t.Helper()
	w := &world{t: t, url: u, clock: &testClock{t: time.Date(2024, 7, 1, 6, 0, 0, 0, time.UTC)}}
	w.open()
	seeder := domain.Seeder{Store: repository.For[domain.DemoRepos](w.db), Hasher: fastHasher{}, Clock: w.clock.now}
	if err := seeder.Seed(context.Background(), domain.AstanaDemo()); err != nil {
		t.Fatal(err)
	}
	rus, err := w.db.Store().DelegationByCode(context.Background(), "RUS")
	if err != nil {
		t.Fatal(err)
	}
	emails, lang := []string{"protocol@mid.example", "liaison@mid.example"}, "ru"
	if w.rus, _, err = w.delegations.Update(context.Background(), system, rus.ID,
		domain.DelegationPatch{ContactEmails: &emails, NoticeLanguage: &lang}, 0, false); err != nil {
		t.Fatal(err)
	}
	return w
}

// open (re)opens the database and builds the services on it.
func (w *world) open() {
	w.db = dbtest.Open(w.t, w.url)
	c := domain.Clock(w.clock.now)
	w.meetings = domain.Meetings{Store: repository.For[domain.BookingRepos](w.db), Clock: c}
	w.releases = domain.Releases{Store: repository.For[domain.ReleaseRepos](w.db), Clock: c}
	w.delegations = domain.Delegations{Store: repository.For[domain.DelegationRepos](w.db), Clock: c}
	w.notices = domain.Notices{Store: repository.For[domain.NoticeRepos](w.db), Clock: c}
}

// restart closes the database and opens it again, as a restarted server does.
func (w *world) restart() {
	w.db.Close()
	w.open()
}

// sender is a notice sender on the world's database sending to server.
func (w *world) sender(server string) *domain.NoticeSender {
	s := &domain.NoticeSender{Store: repository.For[domain.NoticeRepos](w.db), Clock: w.clock.now,
		AgendaURL: "https://summit.example/agenda"}
	if server != "" {
		m, err := mail.Parse("smtp://"+server+"?tls=none&timeout=5s", "")
		if err != nil {
			w.t.Fatal(err)
		}
		s.Mailer = m
	}
	return s
}

// send runs one pass of s and returns how many mails it sent.
func (w *world) send(s *domain.NoticeSender) int {
	w.t.Helper()
	n, err := s.SendDue(context.Background())
	if err != nil {
		w.t.Fatalf("send: %v", err)
	}
	return n
}

// publish publishes the next release.
func (w *world) publish() {
	w.t.Helper()
	if _, err := w.releases.Publish(context.Background(), system, "note"); err != nil {
		w.t.Fatal(err)
	}
}

// meeting returns the demo meeting with title.
func (w *world) meeting(title string) *domain.Meeting {
	w.t.Helper()
	ms, _, err := w.db.Store().ListMeetings(context.Background(), domain.MeetingFilter{}, domain.Page{Limit: 500})
	if err != nil {
		w.t.Fatal(err)
	}
	for i := range ms {
		if ms[i].Title == title {
			return &ms[i]
		}
	}
	w.t.Fatalf("no meeting %q", title)
	return nil
}

// move moves the meeting by d.
func (w *world) move(title string, d time.Duration) {
	w.t.Helper()
	m := w.meeting(title)
	from, to := m.StartsAt.Add(d), m.EndsAt.Add(d)
	if _, err := w.meetings.Update(context.Background(), system, m.ID, domain.MeetingPatch{StartsAt: &from, EndsAt: &to}, m.Version); err != nil {
		w.t.Fatal(err)
	}
}

// list returns every notice, newest first.
func (w *world) list() []domain.Notice {
	w.t.Helper()
	ns, _, err := w.notices.List(context.Background(), system, domain.Page{Limit: 500})
	if err != nil {
		w.t.Fatal(err)
	}
	return ns
}

// fastHasher stands in for argon2id where the demo's passwords do not matter.
type fastHasher struct{}

func (fastHasher) Hash(p string) (string, error) { return "plain:" + p, nil }
func (fastHasher) Verify(h, p string) bool       { return h == "plain:"+p }

const talks = "Talks: Kazakhstan – Russia" // 3 July, 16:30–17:45, Akorda / Oval Hall

// published gives the world release 1 and delivers its notice to server,
// so that what follows starts from an empty outbox.
func (w *world) published(server *smtpServer) {
	w.t.Helper()
	w.publish()
	w.clock.add(domain.NoticeBatch)
	if n := w.send(w.sender(server.Addr)); n != 1 {
		w.t.Fatalf("release 1: %d mails, want 1", n)
	}
}

func TestRussianNoticeEndToEnd(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.published(server)
			first := parse(t, server.mails()[0].Data)
			if !strings.HasSuffix(first.Subject, ": выпуск программы № 1") {
				t.Fatalf("release subject %q", first.Subject)
			}
			if !strings.Contains(first.Text, "Добавлено: "+talks) || !strings.Contains(first.Text, "Опубликован выпуск программы № 1.") {
				t.Fatalf("release mail:\n%s", first.Text)
			}

			// After the release, Kazakhstan – Russia moves by 30 minutes.
			w.move(talks, 30*time.Minute)
			ns := w.list()
			if len(ns) != 2 || ns[0].Status != domain.NoticeQueued || ns[0].DelegationID != w.rus.ID {
				t.Fatalf("after the move: %+v", ns)
			}
			if n := w.send(w.sender(server.Addr)); n != 0 {
				t.Fatalf("sent %d within the batching minute", n)
			}
			w.clock.add(domain.NoticeBatch)
			if n := w.send(w.sender(server.Addr)); n != 1 {
				t.Fatalf("sent %d after the minute, want 1", n)
			}
			got := server.mails()
			if len(got) != 2 {
				t.Fatalf("%d mails arrived, want 2", len(got))
			}
			m := parse(t, got[1].Data)
			if strings.Join(got[1].To, ",") != "protocol@mid.example,liaison@mid.example" {
				t.Fatalf("recipients %v", got[1].To)
			}
			if !strings.Contains(m.Subject, "изменения в вашей программе (1)") {
				t.Fatalf("subject %q", m.Subject)
			}
			for _, want := range []string{
				"Делегации: Россия",
				"Изменено: " + talks,
				"Было: 3 июля 2024, 16:30–17:45, ",
				"→ Стало: 3 июля 2024, 17:00–18:15, ",
				"Время везде: Asia/Almaty, UTC+05:00.",
				"Ваша программа: https://summit.example/agenda",
			} {
				if !strings.Contains(m.Text, want) {
					t.Errorf("text lacks %q:\n%s", want, m.Text)
				}
			}
			for _, want := range []string{`<html lang="ru">`, "<del>3 июля 2024, 16:30–17:45", "<ins>3 июля 2024, 17:00–18:15",
				`<a href="https://summit.example/agenda">`, "Talks: Kazakhstan – Russia"} {
				if !strings.Contains(m.HTML, want) {
					t.Errorf("HTML lacks %q:\n%s", want, m.HTML)
				}
			}
			if id := m.Header.Get("Message-Id"); !strings.Contains(id, ns[0].ID) {
				t.Errorf("Message-Id %q does not name notice %s", id, ns[0].ID)
			}
			if ns := w.list(); ns[0].Status != domain.NoticeSent || ns[0].Attempts != 1 || ns[0].SentAt == nil {
				t.Fatalf("after sending: %+v", ns[0])
			}
			// Nothing more goes out: never twice.
			w.clock.add(time.Hour)
			if n := w.send(w.sender(server.Addr)); n != 0 || len(server.mails()) != 2 {
				t.Fatalf("sent again: %d", n)
			}
		})
	}
}

// changed queues one change notice for Russia on a published world and
// makes it due.
func (w *world) changed(server *smtpServer) {
	w.t.Helper()
	w.published(server)
	w.move(talks, 15*time.Minute)
	w.clock.add(domain.NoticeBatch)
}

func TestRefusingServer(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.changed(server)
			server.set(2, 0) // refuses twice with 451, then accepts
			s := w.sender(server.Addr)
			if n := w.send(s); n != 0 {
				t.Fatalf("sent %d to a refusing server", n)
			}
			n := w.list()[0]
			if n.Status != domain.NoticeQueued || n.Attempts != 1 || !strings.Contains(n.LastError, "451") {
				t.Fatalf("after a refusal: %+v", n)
			}
			// Not before its back-off (30 s), then again, refused; then 60 s.
			w.clock.add(29 * time.Second)
			if w.send(s) != 0 || w.list()[0].Attempts != 1 {
				t.Fatal("tried again before the back-off ran out")
			}
			w.clock.add(time.Second)
			w.send(s)
			if n := w.list()[0]; n.Attempts != 2 || !n.DueAt.Equal(w.clock.now().Add(time.Minute)) {
				t.Fatalf("second refusal: %+v (now %s)", n, w.clock.now())
			}
			w.clock.add(time.Minute)
			if n := w.send(s); n != 1 {
				t.Fatalf("third attempt sent %d", n)
			}
			w.clock.add(time.Hour)
			w.send(s)
			if got := len(server.mails()); got != 2 { // the release's and this one, once
				t.Fatalf("%d mails, want 2", got)
			}
			if n := w.list()[0]; n.Status != domain.NoticeSent || n.Attempts != 3 {
				t.Fatalf("after delivery: %+v", n)
			}
		})
	}
}

func TestServerVanishesMidDelivery(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.changed(server)
			server.set(0, 1)
			s := w.sender(server.Addr)
			if n := w.send(s); n != 0 {
				t.Fatalf("sent %d to a server that vanished", n)
			}
			if n := w.list()[0]; n.Status != domain.NoticeQueued || n.Attempts != 1 || n.LastError == "" {
				t.Fatalf("after the server vanished: %+v", n)
			}
			w.clock.add(time.Minute)
			if n := w.send(s); n != 0 { // nobody listens now
				t.Fatalf("sent %d with no server", n)
			}
			back := startSMTP(t, server.Addr)
			w.clock.add(2 * time.Minute)
			if n := w.send(s); n != 1 {
				t.Fatalf("sent %d once the server was back", n)
			}
			if len(back.mails()) != 1 || w.list()[0].Status != domain.NoticeSent {
				t.Fatalf("delivered %d; %+v", len(back.mails()), w.list()[0])
			}
		})
	}
}

func TestRestartWithServerDown(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.changed(server)
			addr := server.Addr
			server.stop()
			s := w.sender(addr)
			s.Poll = 10 * time.Millisecond
			s.Start()
			deadline := time.Now().Add(10 * time.Second)
			for w.list()[0].Attempts == 0 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			s.Stop()
			if n := w.list()[0]; n.Attempts != 1 || n.Status != domain.NoticeQueued || n.LeaseOwner != "" {
				t.Fatalf("after a failed attempt and a stop: %+v", n)
			}
			// The server restarts with nothing sent; so does the mail server.
			w.restart()
			back := startSMTP(t, addr)
			w.clock.add(time.Minute)
			s = w.sender(addr)
			s.Poll = 10 * time.Millisecond
			s.Start()
			for len(back.mails()) == 0 && time.Now().Before(deadline.Add(10*time.Second)) {
				time.Sleep(10 * time.Millisecond)
			}
			s.Stop()
			if got := back.mails(); len(got) != 1 || !strings.Contains(parse(t, got[0].Data).Text, "Изменено: "+talks) {
				t.Fatalf("after the restart %d mails", len(got))
			}
			if n := w.list()[0]; n.Status != domain.NoticeSent || n.Attempts != 2 {
				t.Fatalf("after the restart: %+v", n)
			}
		})
	}
}

func TestBatchingWithinAMinute(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.published(server)
			w.move(talks, 15*time.Minute)
			w.clock.add(20 * time.Second)
			w.move(talks, 15*time.Minute) // the same meeting again: one line, 16:30 → 17:00
			w.clock.add(20 * time.Second)
			m := w.meeting("Meeting of the SCO Council of Heads of State in restricted format") // public: every delegation sees it
			room := w.meeting("Talks: Kazakhstan – Tajikistan").RoomID
			if _, err := w.meetings.Update(context.Background(), system, m.ID, domain.MeetingPatch{RoomID: &room}, m.Version); err == nil {
				t.Log("restricted format moved to the Oval Hall")
			}
			cancelled := domain.MeetingCancelled
			un := w.meeting("Meeting with the UN Secretary-General") // Russia does not take part: nothing for it
			if _, err := w.meetings.Update(context.Background(), system, un.ID, domain.MeetingPatch{Status: &cancelled}, un.Version); err != nil {
				t.Fatal(err)
			}
			if ns := w.list(); len(ns) != 2 {
				t.Fatalf("%d notices, want the release's and one gathering", len(ns))
			}
			w.clock.add(19 * time.Second) // 59 s after the first change
			if n := w.send(w.sender(server.Addr)); n != 0 {
				t.Fatalf("sent %d before the minute ran out", n)
			}
			w.clock.add(time.Second)
			if n := w.send(w.sender(server.Addr)); n != 1 {
				t.Fatalf("sent %d, want one mail", n)
			}
			text := parse(t, server.mails()[1].Data).Text
			if strings.Count(text, "* ") < 1 || strings.Count(text, talks) != 1 ||
				!strings.Contains(text, "Было: 3 июля 2024, 16:30–17:45") || !strings.Contains(text, "Стало: 3 июля 2024, 17:00–18:15") ||
				strings.Contains(text, "UN Secretary-General") {
				t.Fatalf("batched mail:\n%s", text)
			}
			// A change after the minute makes a new notice.
			w.move(talks, 15*time.Minute)
			if ns := w.list(); len(ns) != 3 || ns[0].Status != domain.NoticeQueued {
				t.Fatalf("after the minute: %+v", ns)
			}
			// Moving it back within the minute leaves nothing to tell: the notice goes.
			w.move(talks, -15*time.Minute)
			if ns := w.list(); len(ns) != 2 {
				t.Fatalf("undone change left %d notices", len(ns))
			}
		})
	}
}

func TestFailedAfter24Hours(t *testing.T) {
	server := startSMTP(t, "")
	w := newWorld(t, dbtest.URLs(t)[repository.SQLite])
	w.changed(server)
	server.stop()
	s := w.sender(server.Addr)
	start := w.clock.now()
	for i := 0; i < 100 && w.list()[0].Status == domain.NoticeQueued; i++ {
		w.send(s)
		if n := w.list()[0]; n.Status == domain.NoticeQueued {
			w.clock.t = n.DueAt
		}
	}
	n := w.list()[0]
	if n.Status != domain.NoticeFailed || w.clock.now().Sub(start) < domain.NoticeGiveUp || w.clock.now().Sub(start) > domain.NoticeGiveUp+30*time.Minute {
		t.Fatalf("after %s: %+v", w.clock.now().Sub(start), n)
	}
	if n.Attempts < 10 || n.Attempts > 60 {
		t.Fatalf("%d attempts in 24 h: the back-off does not grow, or grows too much", n.Attempts)
	}
	// A retry queues it again, due now, with another 24 hours.
	back := startSMTP(t, "")
	if r, err := w.notices.Retry(context.Background(), system, n.ID); err != nil || r.Status != domain.NoticeQueued {
		t.Fatalf("retry: %v %+v", err, r)
	}
	if sent := w.send(w.sender(back.Addr)); sent != 1 || w.list()[0].Status != domain.NoticeSent {
		t.Fatalf("after the retry: %d %+v", sent, w.list()[0])
	}
	if _, err := w.notices.Retry(context.Background(), system, "0190a0a0-0000-7000-8000-000000000000"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("retry of an unknown notice: %v", err)
	}
}

func TestWithoutMailServerNoticesStayUnsent(t *testing.T) {
	server := startSMTP(t, "")
	w := newWorld(t, dbtest.URLs(t)[repository.SQLite])
	w.published(server)
	w.move(talks, 15*time.Minute)
	w.clock.add(domain.NoticeBatch)
	w.send(w.sender("")) // no SUMMIT_SMTP_URL
	if n := w.list()[0]; n.Status != domain.NoticeUnsent || n.Attempts != 0 {
		t.Fatalf("without a mail server: %+v", n)
	}
	if sent := w.send(w.sender(server.Addr)); sent != 1 || w.list()[0].Status != domain.NoticeSent {
		t.Fatalf("once a server is configured: %d %+v", sent, w.list()[0])
	}
}

// TestTwoSendersSendEachNoticeOnce runs two instances' senders on one
// PostgreSQL database (and, for comparison, on one SQLite file) against
// one mail server, over many notices: each arrives exactly once.
func TestTwoSendersSendEachNoticeOnce(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			server := startSMTP(t, "")
			w := newWorld(t, u)
			w.published(server)
			queueMany(t, w, 60)
			w.clock.add(domain.NoticeBatch)
			other := dbtest.Open(t, u) // the second instance's own connections
			a := w.sender(server.Addr)
			b := w.sender(server.Addr)
			b.Store = repository.For[domain.NoticeRepos](other)
			a.Batch, b.Batch = 3, 3
			var wg sync.WaitGroup
			counts := make([]int, 2)
			for i, s := range []*domain.NoticeSender{a, b} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range 5 {
						n, err := s.SendDue(context.Background())
						if err != nil {
							t.Error(err)
						}
						counts[i] += n
					}
				}()
			}
			wg.Wait()
			seen := map[string]int{}
			for _, m := range server.mails()[1:] {
				seen[parse(t, m.Data).Header.Get("Message-Id")]++
			}
			for id, n := range seen {
				if n != 1 {
					t.Errorf("%s arrived %d times", id, n)
				}
			}
			if len(seen) != 60 || counts[0]+counts[1] != 60 {
				t.Fatalf("%d distinct mails, senders counted %v; want 60", len(seen), counts)
			}
			t.Logf("sender a sent %d, b %d", counts[0], counts[1])
		})
	}
}

// queueMany puts n notices straight into the outbox, each to a guest
// delegation of its own with a contact, telling of the Kazakhstan – Russia talks.
func queueMany(t *testing.T, w *world, n int) {
	t.Helper()
	ctx := context.Background()
	img := domain.ReleasedMeeting{Meeting: *w.meeting(talks), RoomName: "Oval Hall", VenueName: "Akorda"}
	store := w.db.Store()
	for i := range n {
		code, kind := fmt.Sprintf("X%02d", i), "guest"
		emails := []string{strings.ToLower(code) + "@guest.example"}
		d, err := w.delegations.Create(ctx, system, domain.DelegationPatch{Code: &code, Name: &code, Kind: &kind, ContactEmails: &emails})
		if err != nil {
			t.Fatal(err)
		}
		err = store.WithTx(ctx, func(tx *repository.Repos) error {
			nt := &domain.Notice{DelegationID: d.ID, CreatedAt: w.clock.now(), Status: domain.NoticeQueued, Subject: code, DueAt: w.clock.now()}
			if err := tx.CreateNotice(ctx, nt); err != nil {
				return err
			}
			return tx.PutNoticeItem(ctx, nt.ID, domain.NoticeItem{MeetingID: img.ID, After: &img})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
