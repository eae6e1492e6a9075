package domain

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// NoticeStatus is where a notice stands in the outbox (CONTRACT section 12).
type NoticeStatus string

// Notice statuses: queued waits for the sender (the end of its batching
// minute, or its next try); sent was accepted by the mail server; failed
// kept failing for NoticeGiveUp; unsent is due but no mail server is
// configured (it goes out once one is).
const (
	NoticeQueued NoticeStatus = "queued"
	NoticeSent   NoticeStatus = "sent"
	NoticeFailed NoticeStatus = "failed"
	NoticeUnsent NoticeStatus = "unsent"
)

// Timings of the outbox.
const (
	// NoticeBatch is how long a notice gathers its delegation's further
	// changes before it is sent: changes within it go out as one mail.
	NoticeBatch = time.Minute
	// NoticeGiveUp is how long a notice may keep failing before it is failed.
	NoticeGiveUp = 24 * time.Hour
	// noticeBackoffFirst and noticeBackoffMax bound the wait after a failure,
	// which doubles with each attempt.
	noticeBackoffFirst = 30 * time.Second
	noticeBackoffMax   = 30 * time.Minute
)

// Notice is one e-mail to a delegation in the outbox: what changed for it
// (its NoticeItems), and, when it announces one, the release.
type Notice struct {
	ID            string
	DelegationID  string
	CreatedAt     time.Time
	Status        NoticeStatus
	Attempts      int
	LastError     string
	Subject       string // in the delegation's language, kept up to date as changes join
	Release       int    // the release it announces; 0 for changes alone
	Since         int    // the latest release when it was queued: the changes are counted from it
	DueAt         time.Time
	FirstFailedAt *time.Time
	SentAt        *time.Time
	LeaseOwner    string // the sender sending it now; "" when none
	LeaseUntil    *time.Time
}

// NoticeItem is one meeting a notice tells of: as the delegation could see
// it before the first change the notice gathered (nil: it could not, the
// meeting is new to it) and after the last (nil: deleted or no longer
// visible to it; cancelled meetings keep their image, with that status).
type NoticeItem struct {
	MeetingID     string
	Before, After *ReleasedMeeting
}

// NoticeRepo keeps the outbox.
type NoticeRepo interface {
	CreateNotice(ctx context.Context, n *Notice) error
	NoticeByID(ctx context.Context, id string) (*Notice, error)
	// OpenNotice returns the delegation's notice still gathering changes at
	// now (queued, never tried, not leased, due after now), nil when none.
	OpenNotice(ctx context.Context, delegationID string, now time.Time) (*Notice, error)
	// SaveNotice writes every field of n but its id, delegation and creation
	// over the stored notice while that is leased by owner ("": by nobody);
	// false when it is not (another sender or a retry took it over).
	SaveNotice(ctx context.Context, n *Notice, owner string) (bool, error)
	DeleteNotice(ctx context.Context, id string) error
	// ListNotices returns one page of the notices, newest first.
	ListNotices(ctx context.Context, p Page) ([]Notice, string, error)
	// NoticeItems returns a notice's items in the order they were added.
	NoticeItems(ctx context.Context, noticeID string) ([]NoticeItem, error)
	// PutNoticeItem adds it to the notice, replacing the item of the same meeting.
	PutNoticeItem(ctx context.Context, noticeID string, it NoticeItem) error
	// DeleteNoticeItems removes the notice's items of the meetings given (all of them when none is).
	DeleteNoticeItems(ctx context.Context, noticeID string, meetingIDs ...string) error
	// LeaseNotices leases to owner, until until, up to limit notices whose
	// status is one of statuses, due at now and not leased (or whose lease
	// expired), earliest due first, and returns them. Call it in a write
	// transaction: of several senders, each notice goes to one.
	LeaseNotices(ctx context.Context, now time.Time, statuses []NoticeStatus, owner string, until time.Time, limit int) ([]Notice, error)
	// MarkNoticesUnsent turns the queued notices due at now into unsent; it returns how many.
	MarkNoticesUnsent(ctx context.Context, now time.Time) (int, error)
}

// NoticeQueue is what queueing notices reads and writes inside the
// transaction of the change they tell of.
type NoticeQueue interface {
	NoticeRepo
	ReleaseReader
	DelegationReader
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	VenueReader
	SummitReader
}

// delegateOf is how a delegation's delegates are judged: what they may see
// is what a notice to the delegation tells.
func delegateOf(delegationID string) Actor {
	return Actor{UserID: "notice", Role: RoleDelegate, DelegationID: delegationID}
}

// noticeMeeting queues what a change of a meeting tells the delegations (old
// nil: created; m nil: deleted), in the change's transaction: only after a
// release, only for meetings that were or became confirmed, and only for
// the delegations that can see the meeting before or after and have
// contacts. Changes a reader cannot see (expected attendance, overrides)
// tell nothing.
func (c Clock) noticeMeeting(ctx context.Context, tx NoticeQueue, old, m *Meeting) error {
	wasOn := old != nil && old.Status == MeetingConfirmed
	if !wasOn && (m == nil || m.Status != MeetingConfirmed) {
		return nil
	}
	latest, err := LatestRelease(ctx, tx)
	if err != nil || latest == 0 {
		return err
	}
	var ch Changes
	before, after, err := imagesOf(ctx, tx, old, m, wasOn)
	switch {
	case err != nil:
		return err
	case before == nil:
		ch.Added = []ReleasedMeeting{*after}
	case after == nil:
		ch.Removed = []ReleasedMeeting{*before}
	case sameImage(*before, *after):
		return nil
	default:
		ch.Changed = []MeetingChange{{Before: *before, After: *after}}
	}
	return c.queueNotices(ctx, tx, ch, 0, latest)
}

// imagesOf returns the images a change shows a reader: old's when it was
// confirmed (wasOn), m's when it is confirmed or was cancelled from confirmed.
func imagesOf(ctx context.Context, tx VenueReader, old, m *Meeting, wasOn bool) (before, after *ReleasedMeeting, err error) {
	if wasOn {
		if before, err = imageOf(ctx, tx, old); err != nil {
			return nil, nil, err
		}
	}
	if m != nil && (m.Status == MeetingConfirmed || wasOn && m.Status == MeetingCancelled) {
		after, err = imageOf(ctx, tx, m)
	}
	return before, after, err
}

// imageOf is m as a release would freeze it: with its room's and venue's names.
func imageOf(ctx context.Context, tx VenueReader, m *Meeting) (*ReleasedMeeting, error) {
	out := ReleasedMeeting{Meeting: *m}
	if m.RoomID == "" {
		return &out, nil
	}
	room, err := tx.RoomByID(ctx, m.RoomID)
	if err != nil {
		return nil, err
	}
	out.RoomName, out.VenueID = room.Name, room.VenueID
	v, err := tx.VenueByID(ctx, room.VenueID)
	if err != nil {
		return nil, err
	}
	out.VenueName = v.Name
	return &out, nil
}

// queueNotices queues ch for every delegation that can see a part of it
// and has contacts: into its open notice when it has one (changes within a
// minute make one mail), else a new one. A release (0: none) marks the
// notice as announcing it, and replaces what the notice had gathered (the
// release's changes since the one before include them).
func (c Clock) queueNotices(ctx context.Context, tx NoticeQueue, ch Changes, release, since int) error {
	ids, all := concerned(ch)
	var dels []Delegation
	if all {
		err := EachPage(500, func(p Page) ([]Delegation, string, error) { return tx.ListDelegations(ctx, p) },
			func(ds []Delegation) error { dels = append(dels, ds...); return nil })
		if err != nil {
			return err
		}
	} else {
		for _, id := range ids {
			d, err := tx.DelegationByID(ctx, id)
			if ErrorCode(err) == ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			dels = append(dels, *d)
		}
	}
	for i := range dels {
		if len(dels[i].ContactEmails) == 0 {
			continue
		}
		items := itemsFor(dels[i].ID, ch)
		if len(items) == 0 {
			continue
		}
		if err := c.queueNotice(ctx, tx, &dels[i], items, release, since); err != nil {
			return err
		}
	}
	return nil
}

// concerned returns the delegations taking part in the meetings of ch
// (before or after), in order, or all when one of them is public.
func concerned(ch Changes) (ids []string, all bool) {
	add := func(m ReleasedMeeting) {
		all = all || m.Visibility == "public"
		for _, p := range m.Participants {
			if !slices.Contains(ids, p.DelegationID) {
				ids = append(ids, p.DelegationID)
			}
		}
	}
	for _, m := range ch.Added {
		add(m)
	}
	for _, m := range ch.Removed {
		add(m)
	}
	for _, x := range ch.Changed {
		add(x.Before)
		add(x.After)
	}
	return ids, all
}

// itemsFor returns what of ch the delegation's delegates can see, as items:
// a change of a meeting they could see only before is its removal for
// them, one they can see only after its addition.
func itemsFor(delegationID string, ch Changes) []NoticeItem {
	a := delegateOf(delegationID)
	seen := func(m *ReleasedMeeting) *ReleasedMeeting {
		if m == nil || !CanSeeMeeting(a, &m.Meeting) {
			return nil
		}
		return m
	}
	var out []NoticeItem
	keep := func(b, af *ReleasedMeeting) {
		if b, af = seen(b), seen(af); b != nil || af != nil {
			out = append(out, NoticeItem{MeetingID: cmpID(b, af), Before: b, After: af})
		}
	}
	for i := range ch.Added {
		keep(nil, &ch.Added[i])
	}
	for i := range ch.Changed {
		keep(&ch.Changed[i].Before, &ch.Changed[i].After)
	}
	for i := range ch.Removed {
		keep(&ch.Removed[i], nil)
	}
	return out
}

// cmpID is the meeting id of whichever image there is.
func cmpID(b, a *ReleasedMeeting) string {
	if b != nil {
		return b.ID
	}
	return a.ID
}

// queueNotice puts items into d's open notice (merging each with the
// item of the same meeting there: the earliest before, the latest after;
// dropped when they are the same) or a new notice, and brings its subject
// up to date. A notice left with nothing to tell is deleted.
func (c Clock) queueNotice(ctx context.Context, tx NoticeQueue, d *Delegation, items []NoticeItem, release, since int) error {
	now := c.Now()
	n, err := tx.OpenNotice(ctx, d.ID, now)
	if err != nil {
		return err
	}
	if n == nil {
		n = &Notice{DelegationID: d.ID, CreatedAt: now, Status: NoticeQueued, Since: since, DueAt: now.Add(NoticeBatch)}
		if err := tx.CreateNotice(ctx, n); err != nil {
			return err
		}
	}
	var have []NoticeItem
	if release > 0 {
		n.Release, n.Since = release, since
		err = tx.DeleteNoticeItems(ctx, n.ID)
	} else {
		have, err = tx.NoticeItems(ctx, n.ID)
	}
	if err != nil {
		return err
	}
	for _, it := range items {
		if i := slices.IndexFunc(have, func(h NoticeItem) bool { return h.MeetingID == it.MeetingID }); i >= 0 {
			it.Before = have[i].Before
		}
		if it.Before != nil && it.After != nil && sameImage(*it.Before, *it.After) || it.Before == nil && it.After == nil {
			err = tx.DeleteNoticeItems(ctx, n.ID, it.MeetingID)
		} else {
			err = tx.PutNoticeItem(ctx, n.ID, it)
		}
		if err != nil {
			return err
		}
	}
	return c.settleNotice(ctx, tx, d, n)
}

// settleNotice saves an open notice with its subject, or deletes it when
// it tells nothing any more (its changes were undone within the minute).
func (c Clock) settleNotice(ctx context.Context, tx NoticeQueue, d *Delegation, n *Notice) error {
	items, err := tx.NoticeItems(ctx, n.ID)
	if err != nil {
		return err
	}
	if len(items) == 0 && n.Release == 0 {
		return tx.DeleteNotice(ctx, n.ID)
	}
	summit, err := summitOrZero(ctx, tx)
	if err != nil {
		return err
	}
	n.Subject = noticeSubject(wordsIn(d.NoticeLanguage), summit.Name, n.Release, len(items))
	if ok, err := tx.SaveNotice(ctx, n, ""); err != nil || !ok {
		return cmpErr(err, fmt.Errorf("notice %s was taken while it gathered changes", n.ID))
	}
	return nil
}

// summitOrZero returns the summit's settings, zero ones while none are set.
func summitOrZero(ctx context.Context, tx SummitReader) (Summit, error) {
	s, err := tx.Summit(ctx)
	if ErrorCode(err) == ENOTFOUND {
		return Summit{Timezone: "UTC"}, nil
	}
	if err != nil {
		return Summit{}, err
	}
	return *s, nil
}

// cmpErr returns err when it is not nil, else alt.
func cmpErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// NoticeRepos are what the notices service and the sender read and write.
type NoticeRepos interface {
	NoticeRepo
	DelegationReader
	VenueReader
	SummitReader
	AuditAppender
}

// NoticeStore is the notices service's store.
type NoticeStore interface {
	NoticeRepos
	Transactor[NoticeRepos]
}

// Notices is the service organisers read the outbox through.
type Notices struct {
	Store NoticeStore
	Clock Clock
}

// List returns one page of the notices, newest first (organisers).
func (s Notices) List(ctx context.Context, actor Actor, p Page) ([]Notice, string, error) {
	if err := CanPlan(actor); err != nil {
		return nil, "", err
	}
	return s.Store.ListNotices(ctx, p)
}

// Retry queues the notice with id again, due now, with a fresh 24 hours
// before it counts as failed (organisers); a sender sending it at the
// moment loses it. Audited as retry. An unknown id is ENOTFOUND.
func (s Notices) Retry(ctx context.Context, actor Actor, id string) (*Notice, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *Notice
	err := s.Store.WithTx(ctx, func(tx NoticeRepos) error {
		n, err := tx.NoticeByID(ctx, id)
		if err != nil {
			return err
		}
		before := *n
		owner := n.LeaseOwner
		n.Status, n.DueAt, n.FirstFailedAt, n.LeaseOwner, n.LeaseUntil = NoticeQueued, s.Clock.Now(), nil, "", nil
		if ok, err := tx.SaveNotice(ctx, n, owner); err != nil || !ok {
			return cmpErr(err, Errorf(ECONFLICT, "The notice changed meanwhile; try again."))
		}
		out = n
		return s.Clock.audit(ctx, tx, actor, "retry", "notice", id, &before, n)
	})
	return out, err
}
