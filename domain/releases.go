package domain

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Release is one numbered, published version of the confirmed programme
// (CONTRACT section 11): the meetings as they stood when it was made, kept
// as they were (ReleasedMeeting), whatever happens to them later.
type Release struct {
	Number    int // 1, 2, 3 … without gaps
	CreatedAt time.Time
	CreatedBy string
	Note      string
	Meetings  int // how many meetings it froze
}

// ReleasedMeeting is a meeting's frozen image: the meeting with its
// participants, and its room's and venue's names as they were. Its status is
// always confirmed.
type ReleasedMeeting = AgendaItem

// Changes is what differs between two images of the programme as one
// reader may see them.
type Changes struct {
	Added   []ReleasedMeeting
	Changed []MeetingChange
	Removed []ReleasedMeeting
}

// MeetingChange is one meeting before and after.
type MeetingChange struct {
	Before, After ReleasedMeeting
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// ReleaseReader reads releases.
type ReleaseReader interface {
	// LatestReleaseNumber returns the newest release's number, 0 when there is none.
	LatestReleaseNumber(ctx context.Context) (int, error)
	// ReleaseByNumber returns release n, ENOTFOUND when there is none.
	ReleaseByNumber(ctx context.Context, n int) (*Release, error)
	// ListReleases returns every release, newest first, each with how many of
	// its meetings the viewer may see (all of them for nil or organisers).
	ListReleases(ctx context.Context, viewer *Viewer) ([]Release, error)
	// ReleaseMeetings returns the frozen meetings of release n, in time order.
	ReleaseMeetings(ctx context.Context, n int) ([]ReleasedMeeting, error)
}

// ReleaseRepo keeps releases.
type ReleaseRepo interface {
	ReleaseReader
	// ConfirmedProgramme returns every confirmed meeting with its participants
	// and its room's and venue's names, in time order.
	ConfirmedProgramme(ctx context.Context) ([]ReleasedMeeting, error)
	// CreateRelease stores r (its Number set by the caller) with the frozen images.
	CreateRelease(ctx context.Context, r *Release, meetings []ReleasedMeeting) error
}

// SeenPoint is when a user last marked the changes seen (POST
// /me/changes/seen), and the latest release then (0 for none).
type SeenPoint struct {
	UserID  string
	SeenAt  time.Time
	Release int
}

// SeenRepo keeps each user's seen point with the images of the meetings the
// user could see at it.
type SeenRepo interface {
	// ChangesSeen returns the user's seen point and its images; nil when never.
	ChangesSeen(ctx context.Context, userID string) (*SeenPoint, []ReleasedMeeting, error)
	// SetChangesSeen replaces the user's seen point and images.
	SetChangesSeen(ctx context.Context, p SeenPoint, meetings []ReleasedMeeting) error
}

// ReleaseRepos are what the releases service reads and writes.
type ReleaseRepos interface {
	ReleaseRepo
	SeenRepo
	AuditAppender
	NoticeQueue
}

// ReleaseStore is the releases service's store.
type ReleaseStore interface {
	ReleaseRepos
	Transactor[ReleaseRepos]
}

// Releases is the service that publishes numbered versions of the
// programme and tells what changed between them.
type Releases struct {
	Store ReleaseStore
	Clock Clock
}

// MaxReleaseNote bounds a release's note.
const MaxReleaseNote = 2000

// LatestRelease returns the number of the newest release as tx sees it (0
// when none). Inside a write transaction it is the release that a change
// being made comes after: "a confirmed meeting changed after the latest
// release" is a change made while LatestRelease is that number.
func LatestRelease(ctx context.Context, tx ReleaseReader) (int, error) {
	return tx.LatestReleaseNumber(ctx)
}

// Publish freezes the confirmed programme as it stands as the next release
// (organisers), in one write transaction: writes are serialised, so numbers
// follow each other without gaps however many publish at once. A programme
// with nothing confirmed makes an empty release. The frozen meetings are
// returned with the release, for whatever else publishing sets off.
func (s Releases) Publish(ctx context.Context, actor Actor, note string) (*Release, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	note = strings.TrimSpace(note)
	var v Validation
	v.Check(utf8.RuneCountInString(note) <= MaxReleaseNote, "note", "at most %d characters", MaxReleaseNote)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *Release
	err := s.Store.WithTx(ctx, func(tx ReleaseRepos) error {
		latest, err := LatestRelease(ctx, tx)
		if err != nil {
			return err
		}
		ms, err := tx.ConfirmedProgramme(ctx)
		if err != nil {
			return err
		}
		r := &Release{Number: latest + 1, CreatedAt: s.Clock.Now(), CreatedBy: actor.UserID, Note: note, Meetings: len(ms)}
		if err := tx.CreateRelease(ctx, r, ms); err != nil {
			return err
		}
		if err := s.noticeRelease(ctx, tx, latest, r.Number, ms); err != nil {
			return err
		}
		out = r
		return s.Clock.audit(ctx, tx, actor, "publish", "release", strconv.Itoa(r.Number), nil,
			map[string]any{"number": r.Number, "note": r.Note, "meetings": r.Meetings})
	})
	return out, err
}

// noticeRelease queues the notices of release n, whose frozen meetings are
// ms: each delegation with contacts whose programme differs from release
// prev (none when 0) as its delegates see it is told what changed.
func (s Releases) noticeRelease(ctx context.Context, tx ReleaseRepos, prev, n int, ms []ReleasedMeeting) error {
	var before []ReleasedMeeting
	if prev > 0 {
		var err error
		if before, err = tx.ReleaseMeetings(ctx, prev); err != nil {
			return err
		}
	}
	ch := Diff(before, ms)
	if ch.Empty() {
		return nil
	}
	return s.Clock.queueNotices(ctx, tx, ch, n, prev)
}

// List returns every release, newest first (everyone signed in), each
// counting the meetings the actor may see of it.
func (s Releases) List(ctx context.Context, actor Actor) ([]Release, error) {
	return s.Store.ListReleases(ctx, ViewerOf(actor))
}

// Get returns release n with the frozen meetings the actor may see, judged
// on their frozen images (CONTRACT section 3); its Meetings counts those.
func (s Releases) Get(ctx context.Context, actor Actor, n int) (*Release, []ReleasedMeeting, error) {
	r, err := releaseByNumber(ctx, s.Store, n, "")
	if err != nil {
		return nil, nil, err
	}
	ms, err := s.Store.ReleaseMeetings(ctx, n)
	if err != nil {
		return nil, nil, err
	}
	ms = Visible(actor, ms)
	r.Meetings = len(ms)
	return r, ms, nil
}

// Changes returns what changed from release since (0: the one before n) to
// release n, as the actor may see it. since must be an earlier release
// (EINVALID naming since otherwise; ENOTFOUND when it does not exist);
// release 1 compared with nothing has every meeting added.
func (s Releases) Changes(ctx context.Context, actor Actor, n, since int) (Changes, int, error) {
	if _, err := releaseByNumber(ctx, s.Store, n, ""); err != nil {
		return Changes{}, 0, err
	}
	var v Validation
	if since == 0 {
		since = n - 1
	} else {
		v.Check(since < n, "since", "must be an earlier release than %d", n)
	}
	if err := v.Err(); err != nil {
		return Changes{}, 0, err
	}
	var before []ReleasedMeeting
	if since > 0 {
		if _, err := releaseByNumber(ctx, s.Store, since, " (since)"); err != nil {
			return Changes{}, 0, err
		}
		var err error
		if before, err = s.Store.ReleaseMeetings(ctx, since); err != nil {
			return Changes{}, 0, err
		}
	}
	after, err := s.Store.ReleaseMeetings(ctx, n)
	if err != nil {
		return Changes{}, 0, err
	}
	return Diff(Visible(actor, before), Visible(actor, after)), since, nil
}

// releaseByNumber returns release n, ENOTFOUND naming it (and what) when there is none.
func releaseByNumber(ctx context.Context, tx ReleaseReader, n int, what string) (*Release, error) {
	r, err := tx.ReleaseByNumber(ctx, n)
	if ErrorCode(err) == ENOTFOUND {
		return nil, Errorf(ENOTFOUND, "There is no release %d%s.", n, what)
	}
	return r, err
}

// Visible keeps the meetings of ms the actor may see, judged on each image.
func Visible(actor Actor, ms []ReleasedMeeting) []ReleasedMeeting {
	out := make([]ReleasedMeeting, 0, len(ms))
	for i := range ms {
		if CanSeeMeeting(actor, &ms[i].Meeting) {
			out = append(out, ms[i])
		}
	}
	return out
}

// Diff compares two images of the programme: meetings only in after are
// added, only in before removed, in both but different (in anything a
// reader sees: title, kind, times, room, venue, visibility, languages,
// participants) changed. Each list is in time order.
func Diff(before, after []ReleasedMeeting) Changes {
	old := make(map[string]*ReleasedMeeting, len(before))
	for i := range before {
		old[before[i].ID] = &before[i]
	}
	c := Changes{Added: []ReleasedMeeting{}, Changed: []MeetingChange{}, Removed: []ReleasedMeeting{}}
	for _, a := range after {
		b, ok := old[a.ID]
		switch {
		case !ok:
			c.Added = append(c.Added, a)
		case !sameImage(*b, a):
			c.Changed = append(c.Changed, MeetingChange{Before: *b, After: a})
		}
		delete(old, a.ID)
	}
	for _, b := range before {
		if _, gone := old[b.ID]; gone {
			c.Removed = append(c.Removed, b)
		}
	}
	return c
}

// sameImage reports whether two images of a meeting show the same to a reader.
func sameImage(a, b ReleasedMeeting) bool {
	if a.Title != b.Title || a.Kind != b.Kind || !a.StartsAt.Equal(b.StartsAt) || !a.EndsAt.Equal(b.EndsAt) ||
		a.RoomID != b.RoomID || a.RoomName != b.RoomName || a.VenueID != b.VenueID || a.VenueName != b.VenueName ||
		a.Status != b.Status || a.Visibility != b.Visibility || !slices.Equal(a.Languages, b.Languages) ||
		len(a.Participants) != len(b.Participants) {
		return false
	}
	for i, p := range a.Participants {
		q := b.Participants[i]
		if p.DelegationID != q.DelegationID || !slices.Equal(p.MemberIDs, q.MemberIDs) {
			return false
		}
	}
	return true
}

// Baselines of GET /me/changes: what "now" is compared with.
const (
	BaselineSeen    = "seen"    // the programme as the caller could see it when they last marked changes seen
	BaselineRelease = "release" // never marked: the latest release
	BaselineNone    = "none"    // never marked and nothing released: nothing to compare, no changes
)

// MyChanges is what changed for one user since they last looked.
type MyChanges struct {
	Changes
	Baseline string
	SeenAt   *time.Time // when the user last marked changes seen (BaselineSeen)
	Release  int        // the release compared with (BaselineRelease); the latest release then (BaselineSeen)
	Latest   int        // the latest release now, 0 for none
}

// visibleNow returns the confirmed programme as it stands, as the actor may see it.
func visibleNow(ctx context.Context, tx ReleaseRepo, actor Actor) ([]ReleasedMeeting, error) {
	ms, err := tx.ConfirmedProgramme(ctx)
	if err != nil {
		return nil, err
	}
	return Visible(actor, ms), nil
}

// Mine returns what changed in the confirmed programme, as the actor may
// see it now, since the actor last marked the changes seen. Never marked, it
// compares with the latest release; with no release either there is nothing
// to compare with, and nothing is reported changed (BaselineNone): a liaison
// officer opening the app before anything is published is not shown the
// whole draft-free programme as "new", but told that nothing is released yet.
func (s Releases) Mine(ctx context.Context, actor Actor) (MyChanges, error) {
	var out MyChanges
	tx := s.Store // reads of committed data: a seen point, releases and the programme change only by whole transactions
	err := func() error {
		var err error
		if out.Latest, err = LatestRelease(ctx, tx); err != nil {
			return err
		}
		seen, before, err := tx.ChangesSeen(ctx, actor.UserID)
		if err != nil {
			return err
		}
		switch {
		case seen != nil:
			out.Baseline, out.SeenAt, out.Release = BaselineSeen, &seen.SeenAt, seen.Release
			before = Visible(actor, before) // the actor's role may have changed since
		case out.Latest > 0:
			out.Baseline, out.Release = BaselineRelease, out.Latest
			if before, err = tx.ReleaseMeetings(ctx, out.Latest); err != nil {
				return err
			}
			before = Visible(actor, before)
		default:
			out.Baseline = BaselineNone
			out.Changes = Diff(nil, nil)
			return nil
		}
		now, err := visibleNow(ctx, tx, actor)
		if err != nil {
			return err
		}
		out.Changes = Diff(before, now)
		return nil
	}()
	return out, err
}

// MarkSeen records that the actor has seen the programme as it now stands:
// later calls of Mine compare with it. It returns the seen point and how
// many meetings it holds.
func (s Releases) MarkSeen(ctx context.Context, actor Actor) (SeenPoint, int, error) {
	var p SeenPoint
	n := 0
	err := s.Store.WithTx(ctx, func(tx ReleaseRepos) error {
		latest, err := LatestRelease(ctx, tx)
		if err != nil {
			return err
		}
		now, err := visibleNow(ctx, tx, actor)
		if err != nil {
			return err
		}
		p, n = SeenPoint{UserID: actor.UserID, SeenAt: s.Clock.Now(), Release: latest}, len(now)
		if err := tx.SetChangesSeen(ctx, p, now); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "mark_seen", "user", actor.UserID, nil,
			map[string]any{"meetings": n, "release": latest})
	})
	return p, n, err
}
