package mail_test

import (
	"context"
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
	t           *testing.T
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
func newWorld(t *testing.T, u string) *world {
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
