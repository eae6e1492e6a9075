package repository

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// changesChannel is the PostgreSQL channel every committed write transaction
// notifies, so that every server instance learns of it at once.
const changesChannel = "summit_changes"

// changes tells listeners that a write transaction committed: in this
// process directly, and on PostgreSQL from every process through
// LISTEN/NOTIFY.
type changes struct {
	seq       atomic.Uint64 // counts announcements: a read made at one value is current while it stays
	mu        sync.Mutex
	listeners map[chan struct{}]struct{}
	listening atomic.Bool
}

// Changes returns a channel that receives (coalesced) after each committed
// write, until ctx ends. On PostgreSQL it also receives the commits of other
// processes sharing the database.
func (db *DB) Changes(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	c := &db.changes
	c.mu.Lock()
	if c.listeners == nil {
		c.listeners = map[chan struct{}]struct{}{}
	}
	c.listeners[ch] = struct{}{}
	c.mu.Unlock()
	db.startListening()
	go func() {
		<-ctx.Done()
		c.mu.Lock()
		delete(c.listeners, ch)
		c.mu.Unlock()
	}()
	return ch
}

// ChangeSeq counts the commits this process has seen: its own, at once
// after each commits, and on PostgreSQL other processes' as their notices
// arrive. It costs no query; what was read while it stays the same is
// still current as far as this process can tell.
func (db *DB) ChangeSeq() uint64 {
	db.startListening()
	return db.changes.seq.Load()
}

// startListening starts, on PostgreSQL, the one LISTEN connection of the process.
func (db *DB) startListening() {
	if db.Dialect == Postgres && !db.changes.listening.Load() && db.changes.listening.CompareAndSwap(false, true) {
		go db.listen()
	}
}

// ChangeSeq counts commits (see DB.ChangeSeq).
func (r *Repos) ChangeSeq() uint64 { return r.db.ChangeSeq() }

// announce counts a commit and wakes every listener of this process.
func (c *changes) announce() {
	c.seq.Add(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	for ch := range c.listeners {
		select {
		case ch <- struct{}{}:
		default: // already woken
		}
	}
}

// listen holds a connection that LISTENs for other processes' commits, and
// reconnects when it breaks, until the DB is closed.
func (db *DB) listen() {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-db.done; cancel() }()
	for ctx.Err() == nil {
		err := func() error {
			conn, err := pgx.Connect(ctx, db.url)
			if err != nil {
				return err
			}
			defer conn.Close(context.Background())
			if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
				return err
			}
			db.changes.announce() // catch up on anything missed while reconnecting
			for {
				if _, err := conn.WaitForNotification(ctx); err != nil {
					return err
				}
				db.changes.announce()
			}
		}()
		if err != nil && ctx.Err() == nil {
			select { // the database is away: try again shortly
			case <-time.After(time.Second):
			case <-ctx.Done():
			}
		}
	}
}
