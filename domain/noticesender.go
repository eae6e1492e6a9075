package domain

import (
	"context"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Mailer hands a mail to a mail server. An error means it was not accepted
// (it will be tried again); it must give up on its own within a bounded time.
type Mailer interface {
	Send(ctx context.Context, m Mail) error
}

// NoticeSender delivers the outbox (CONTRACT section 12): at least once,
// with retries and back-off, surviving restarts (the outbox is in the
// database) and a mail server that is down. It leases due notices in a
// write transaction before sending them, so that of several instances
// sharing a database exactly one sends each; a notice is marked sent in
// the database right after the mail server accepted it, so it is never
// sent twice while the database is intact (a crash between the two sends
// it again after its lease runs out; the mail keeps its Message-ID).
type NoticeSender struct {
	Store NoticeStore
	// Mailer sends the mails; nil when no mail server is configured: due
	// notices are then marked unsent, and go out once a server is configured.
	Mailer Mailer
	Clock  Clock
	// AgendaURL is the link to the agenda that every mail carries.
	AgendaURL string
	// Owner names this sender in leases (NewID when empty).
	Owner string
	// Poll is how often the sender looks for due notices (1 s when 0).
	Poll time.Duration
	// Lease is how long a leased batch is this sender's (10 min when 0):
	// longer than sending a batch can take (Batch × the Mailer's timeout).
	Lease time.Duration
	// Batch is how many notices one lease takes (20 when 0).
	Batch int
	// OnError, when set, is told of failures of the database and of mails.
	OnError func(noticeID string, err error)

	stop chan struct{}
	done sync.WaitGroup
	once sync.Once
}

func (s *NoticeSender) defaults() {
	if s.Owner == "" {
		s.Owner = NewID()
	}
	if s.Poll <= 0 {
		s.Poll = time.Second
	}
	if s.Lease <= 0 {
		s.Lease = 10 * time.Minute
	}
	if s.Batch <= 0 {
		s.Batch = 20
	}
}

// Start sends due notices in the background, every Poll, until Stop.
func (s *NoticeSender) Start() {
	s.defaults()
	s.stop = make(chan struct{})
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		t := time.NewTicker(s.Poll)
		defer t.Stop()
		for {
			if _, err := s.SendDue(context.Background()); err != nil && s.OnError != nil {
				s.OnError("", err)
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
}

// Stop ends the background sending and waits for it: a mail being sent is
// finished (the Mailer's own time limit bounds it) and recorded first.
func (s *NoticeSender) Stop() {
	if s.stop == nil {
		return
	}
	s.once.Do(func() { close(s.stop) })
	s.done.Wait()
}

// stopping reports whether Stop was called.
func (s *NoticeSender) stopping() bool {
	if s.stop == nil {
		return false
	}
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// SendDue makes one pass over the outbox: without a Mailer it marks the due
// notices unsent; with one it leases due notices (queued or unsent) batch
// by batch and sends each, until none is due or Stop is called. It returns
// how many mails were sent.
func (s *NoticeSender) SendDue(ctx context.Context) (int, error) {
	s.defaults()
	if s.Mailer == nil {
		return 0, s.Store.WithTx(ctx, func(tx NoticeRepos) error {
			_, err := tx.MarkNoticesUnsent(ctx, s.Clock.Now())
			return err
		})
	}
	sent := 0
	for !s.stopping() {
		var batch []Notice
		err := s.Store.WithTx(ctx, func(tx NoticeRepos) error {
			now := s.Clock.Now()
			var err error
			batch, err = tx.LeaseNotices(ctx, now, []NoticeStatus{NoticeQueued, NoticeUnsent}, s.Owner, now.Add(s.Lease), s.Batch)
			return err
		})
		if err != nil || len(batch) == 0 {
			return sent, err
		}
		for i := range batch {
			if s.stopping() {
				return sent, s.unlease(ctx, batch[i:])
			}
			ok, err := s.deliver(ctx, &batch[i])
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
	return sent, nil
}

// unlease gives back leased notices that were not tried, so that they are
// sent at once (by this instance after a restart, or another).
func (s *NoticeSender) unlease(ctx context.Context, ns []Notice) error {
	return s.Store.WithTx(ctx, func(tx NoticeRepos) error {
		for i := range ns {
			ns[i].LeaseOwner, ns[i].LeaseUntil = "", nil
			if _, err := tx.SaveNotice(ctx, &ns[i], s.Owner); err != nil {
				return err
			}
		}
		return nil
	})
}

// deliver renders and sends one leased notice and records the outcome: sent,
// or the failure with the next try after a back-off (failed once it has
// kept failing for NoticeGiveUp). It reports whether the mail went out; an
// error is the database's.
func (s *NoticeSender) deliver(ctx context.Context, n *Notice) (bool, error) {
	m, err := s.render(ctx, n)
	if err != nil {
		return false, err
	}
	var sendErr error = Errorf(EINVALID, "The delegation has no contact e-mail addresses.")
	if len(m.To) > 0 {
		sendErr = s.Mailer.Send(ctx, m)
	}
	now := s.Clock.Now()
	n.Attempts++
	n.LeaseOwner, n.LeaseUntil = "", nil
	if sendErr == nil {
		n.Status, n.SentAt = NoticeSent, &now
	} else {
		s.failed(n, now, sendErr)
	}
	var kept bool
	err = s.Store.WithTx(ctx, func(tx NoticeRepos) error {
		kept, err = tx.SaveNotice(ctx, n, s.Owner)
		return err
	})
	if err == nil && !kept && s.OnError != nil {
		s.OnError(n.ID, Errorf(ECONFLICT, "notice %s was taken over while it was being sent", n.ID))
	}
	if sendErr != nil && s.OnError != nil {
		s.OnError(n.ID, sendErr)
	}
	return sendErr == nil, err
}

// failed records a failed attempt at now: the error, and either the next
// try after a back-off that doubles with each attempt, or failed.
func (s *NoticeSender) failed(n *Notice, now time.Time, err error) {
	n.LastError = shorten(err.Error(), 500)
	if n.FirstFailedAt == nil {
		n.FirstFailedAt = &now
	}
	if now.Sub(*n.FirstFailedAt) >= NoticeGiveUp {
		n.Status = NoticeFailed
		return
	}
	wait := noticeBackoffFirst
	for i := 1; i < n.Attempts && wait < noticeBackoffMax; i++ {
		wait *= 2
	}
	n.Status, n.DueAt = NoticeQueued, now.Add(min(wait, noticeBackoffMax))
}

// shorten cuts s to at most n characters.
func shorten(s string, n int) string {
	s = strings.ToValidUTF8(s, "?")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// render reads what a notice's mail needs — its delegation (contacts,
// language, names), items, the summit — and writes the mail.
func (s *NoticeSender) render(ctx context.Context, n *Notice) (Mail, error) {
	d, err := s.Store.DelegationByID(ctx, n.DelegationID)
	if err != nil {
		return Mail{}, err
	}
	items, err := s.Store.NoticeItems(ctx, n.ID)
	if err != nil {
		return Mail{}, err
	}
	summit, err := summitOrZero(ctx, s.Store)
	if err != nil {
		return Mail{}, err
	}
	nm := &namer{ctx: ctx, tx: s.Store, lang: d.NoticeLanguage, cache: map[string]string{}}
	return renderNotice(nm, d, summit, n, items, s.AgendaURL)
}
