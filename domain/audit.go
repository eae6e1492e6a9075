package domain

import (
	"context"
	"encoding/json"
	"time"
)

// AuditSchema is the version of the snapshot format (below) that the audit
// trail is written in now. Rows from before versions were kept read as 1.
// Renaming a snapshot's field means a new version, and reading the older
// ones by their own names (readSnapshot), so that no stored row becomes
// unreadable.
const AuditSchema = 1

// AuditEntry records one successful mutation: who, what, before and after.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    string
	Action     string
	EntityType string
	EntityID   string
	// Schema is the version of the snapshots' format (AuditSchema when written now).
	Schema int
	Before []byte // a snapshot, nil when absent
	After  []byte
}

// AuditRecord is an audit entry as a reader sees it, with its actor's
// current name ("" for the system and for deleted users).
type AuditRecord struct {
	AuditEntry
	ActorName string
}

// AuditFilter narrows the audit list; zero fields do not filter.
type AuditFilter struct {
	EntityType, EntityID, ActorID string
}

// AuditAppender appends to the audit trail.
type AuditAppender interface {
	AppendAudit(ctx context.Context, e *AuditEntry) error
}

// AuditReader reads the audit trail.
type AuditReader interface {
	ListAudit(ctx context.Context, f AuditFilter, p Page) ([]AuditEntry, string, error)
	// AuditAfter returns up to limit entries with ids above id, oldest first.
	AuditAfter(ctx context.Context, id int64, limit int) ([]AuditEntry, error)
	// LastAuditID returns the newest entry's id, 0 when there is none.
	LastAuditID(ctx context.Context) (int64, error)
}

// UserReader finds users by id.
type UserReader interface {
	UserByID(ctx context.Context, id string) (*User, error)
}

// AuditRepos is what the audit trail's readers need.
type AuditRepos interface {
	AuditReader
	UserReader
}

// AuditTrail is the organisers' view of who changed what.
type AuditTrail struct {
	Store AuditRepos
}

// List returns one page of the audit trail, newest first, with each actor's
// current name (admins and organisers; EFORBIDDEN for others).
func (s AuditTrail) List(ctx context.Context, actor Actor, f AuditFilter, p Page) ([]AuditRecord, string, error) {
	if err := CanReadAudit(actor); err != nil {
		return nil, "", err
	}
	entries, next, err := s.Store.ListAudit(ctx, f, p)
	if err != nil {
		return nil, "", err
	}
	out := make([]AuditRecord, len(entries))
	names := map[string]string{} // each actor's name, looked up once per page
	for i, e := range entries {
		if _, done := names[e.ActorID]; !done && e.ActorID != "" {
			names[e.ActorID] = ""
			if u, err := s.Store.UserByID(ctx, e.ActorID); err == nil {
				names[e.ActorID] = u.Name
			} else if ErrorCode(err) != ENOTFOUND {
				return nil, "", err
			}
		}
		out[i] = AuditRecord{AuditEntry: e, ActorName: names[e.ActorID]}
	}
	return out, next, nil
}

// audit writes one audit entry in tx at the clock's time. Entities are
// recorded as their snapshots; other values (small maps of facts) as they are.
func (c Clock) audit(ctx context.Context, tx AuditAppender, actor Actor, action, entityType, entityID string, before, after any) error {
	e := AuditEntry{At: c.Now(), ActorID: actor.UserID, Action: action, EntityType: entityType, EntityID: entityID, Schema: AuditSchema}
	var err error
	if before != nil {
		if e.Before, err = json.Marshal(snapshotOf(before)); err != nil {
			return err
		}
	}
	if after != nil {
		if e.After, err = json.Marshal(snapshotOf(after)); err != nil {
			return err
		}
	}
	return tx.AppendAudit(ctx, &e)
}
