package repository

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"summit/domain"
)

type problemRow struct {
	Key          string `gorm:"primaryKey"`
	MeetingID    string
	Rule         string
	Message      string
	DelegationID *string
	MemberID     *string
	RoomID       *string
	OtherID      *string
}

func (problemRow) TableName() string { return "problems" }

func toProblemRow(p domain.Problem) problemRow {
	sum := sha256.Sum256([]byte(strings.Join([]string{p.MeetingID, p.Rule, p.DelegationID, p.MemberID, p.RoomID, p.OtherID, p.Message}, "\x00")))
	return problemRow{Key: hex.EncodeToString(sum[:16]), MeetingID: p.MeetingID, Rule: p.Rule, Message: p.Message,
		DelegationID: nullable(p.DelegationID), MemberID: nullable(p.MemberID), RoomID: nullable(p.RoomID), OtherID: nullable(p.OtherID)}
}

func (r problemRow) domain() domain.Problem {
	return domain.Problem{MeetingID: r.MeetingID, Rule: r.Rule, Message: r.Message, DelegationID: deref(r.DelegationID),
		MemberID: deref(r.MemberID), RoomID: deref(r.RoomID), OtherID: deref(r.OtherID)}
}

// inChunks calls fn with ids in pieces small enough for a query's parameters.
func inChunks(ids []string, fn func([]string) error) error {
	for len(ids) > 0 {
		n := min(len(ids), 1000)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// ProblemsOf returns the stored problems of the meetings with ids (all when ids is nil).
func (r *Repos) ProblemsOf(ctx context.Context, ids []string) ([]domain.Problem, error) {
	var rows []problemRow
	if ids == nil {
		if err := r.q(ctx).Find(&rows).Error; err != nil {
			return nil, translate(err)
		}
	} else {
		err := inChunks(ids, func(part []string) error {
			var some []problemRow
			err := r.q(ctx).Where("meeting_id IN ?", part).Find(&some).Error
			rows = append(rows, some...)
			return err
		})
		if err != nil {
			return nil, translate(err)
		}
	}
	out := make([]domain.Problem, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// ChangeProblems stores add and forgets remove.
func (r *Repos) ChangeProblems(ctx context.Context, add, remove []domain.Problem) error {
	keys := make([]string, len(remove))
	for i, p := range remove {
		keys[i] = toProblemRow(p).Key
	}
	err := inChunks(keys, func(part []string) error {
		return r.w(ctx).Where("key IN ?", part).Delete(&problemRow{}).Error
	})
	if err != nil {
		return translate(err)
	}
	if len(add) == 0 {
		return nil
	}
	rows := make([]problemRow, len(add))
	for i, p := range add {
		rows[i] = toProblemRow(p)
	}
	return translate(r.w(ctx).CreateInBatches(rows, 200).Error)
}

// problemItemRow is a problem with its meeting's title and times.
type problemItemRow struct {
	Problem  problemRow `gorm:"embedded"`
	Title    string
	StartsAt time.Time
	EndsAt   time.Time
}

// ListProblems returns every problem with its meeting's title, times and
// delegations (in protocol order), by the meetings' start: two reads.
func (r *Repos) ListProblems(ctx context.Context) ([]domain.ProblemItem, error) {
	var rows []problemItemRow
	err := r.q(ctx).Table("problems p").Select("p.*, m.title, m.starts_at, m.ends_at").
		Joins("JOIN meetings m ON m.id = p.meeting_id").
		Order("m.starts_at, m.id, p.rule, p.message").Scan(&rows).Error
	if err != nil {
		return nil, translate(err)
	}
	var parts []struct{ MeetingID, DelegationID string }
	err = r.q(ctx).Raw(`SELECT mp.meeting_id, mp.delegation_id FROM meeting_participants mp
		JOIN delegations d ON d.id = mp.delegation_id
		WHERE mp.meeting_id IN (SELECT meeting_id FROM problems)
		ORDER BY mp.meeting_id, d.precedence, d.code`).Scan(&parts).Error
	if err != nil {
		return nil, translate(err)
	}
	dels := map[string][]string{}
	for _, p := range parts {
		dels[p.MeetingID] = append(dels[p.MeetingID], p.DelegationID)
	}
	out := make([]domain.ProblemItem, len(rows))
	for i, row := range rows {
		out[i] = domain.ProblemItem{Problem: row.Problem.domain(), Title: row.Title, StartsAt: utc(row.StartsAt),
			EndsAt: utc(row.EndsAt), DelegationIDs: nonNil(dels[row.Problem.MeetingID])}
	}
	return out, nil
}

const problemsBuiltKey = "problems_built"

// ProblemsBuilt reports whether the whole programme's problems were worked out once.
func (r *Repos) ProblemsBuilt(ctx context.Context) (bool, error) {
	var n int64
	err := r.q(ctx).Table("settings").Where("key = ?", problemsBuiltKey).Count(&n).Error
	return n > 0, translate(err)
}

// MarkProblemsBuilt records that they were.
func (r *Repos) MarkProblemsBuilt(ctx context.Context) error {
	return translate(r.w(ctx).Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, problemsBuiltKey, time.Now().UTC().Format(time.RFC3339)).Error)
}

// AttendeesOf returns the people each meeting holds, with their names and
// whether they head their delegation.
func (r *Repos) AttendeesOf(ctx context.Context, ids []string) (map[string][]domain.Attendee, error) {
	out := map[string][]domain.Attendee{}
	err := inChunks(ids, func(part []string) error {
		var rows []struct {
			MeetingID, MemberID, DelegationID, FullName string
			IsHead                                      bool
		}
		err := r.q(ctx).Raw(`SELECT a.meeting_id, a.member_id, a.delegation_id, mb.full_name, mb.is_head
			FROM meeting_attendees a JOIN members mb ON mb.id = a.member_id
			WHERE a.meeting_id IN ? ORDER BY a.meeting_id, mb.is_head DESC, mb.full_name, a.member_id`, part).Scan(&rows).Error
		for _, row := range rows {
			out[row.MeetingID] = append(out[row.MeetingID], domain.Attendee{MemberID: row.MemberID,
				DelegationID: row.DelegationID, Name: row.FullName, IsHead: row.IsHead})
		}
		return err
	})
	return out, translate(err)
}
