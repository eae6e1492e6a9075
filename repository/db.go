// Package repository stores Summit Planner's data with GORM, in SQLite (the
// embedded default) or PostgreSQL, behind the interfaces that domain declares.
package repository

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"summit/domain"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// writeLockKey is the PostgreSQL advisory lock every write transaction takes,
// so that writes are serialised across all server instances exactly as
// SQLite's single writer serialises them: a rule checked inside a write
// transaction cannot be broken by a concurrent one.
const writeLockKey = 7_301_2024

// DB is an open database: a writer and a reader handle (the same pool on
// PostgreSQL; one IMMEDIATE-transaction writer connection and a read-only
// pool on SQLite).
type DB struct {
	Dialect string
	write   *gorm.DB
	read    *gorm.DB
	dsn     string // SQLite: the DSN shared by both handles
	url     string // PostgreSQL: the URL, for the LISTEN connection
	changes changes
	done    chan struct{} // closed by Close
	closed  sync.Once
}

// ParseURL tells the dialect of a SUMMIT_DATABASE_URL and checks that it can
// be used: `postgres://…` (or `postgresql://…`) or `file:PATH` / a plain path.
func ParseURL(raw string) (dialect string, err error) {
	switch {
	case raw == "":
		return "", errors.New("empty")
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return "", fmt.Errorf("unparseable PostgreSQL URL")
		}
		if u.Host == "" {
			return "", fmt.Errorf("PostgreSQL URL has no host")
		}
		return Postgres, nil
	case strings.Contains(raw, "://"):
		return "", fmt.Errorf("unsupported scheme (use postgres:// or file:PATH)")
	default:
		path, _, _ := strings.Cut(strings.TrimPrefix(raw, "file:"), "?")
		if path == "" || path == ":memory:" {
			return "", fmt.Errorf("SQLite needs a file path")
		}
		return SQLite, nil
	}
}

// Open connects to the database named by rawURL. It does not migrate.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	dialect, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		SkipDefaultTransaction: true,
	}
	db := &DB{Dialect: dialect, url: rawURL, done: make(chan struct{})}
	if dialect == Postgres {
		g, err := gorm.Open(postgres.Open(rawURL), cfg)
		if err != nil {
			return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
		}
		sqlDB, _ := g.DB()
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(10)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		db.write, db.read = g, g
	} else if err := db.openSQLite(ctx, rawURL, cfg); err != nil {
		return nil, err
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	return db, nil
}

// openSQLite opens the writer and the reader handles of a SQLite file. Two
// processes opening a new file at once may both try to switch it to WAL, and
// SQLite then refuses one of them with SQLITE_BUSY without waiting (waiting
// could deadlock); that one tries again until ctx or a few seconds run out.
func (db *DB) openSQLite(ctx context.Context, rawURL string, cfg *gorm.Config) error {
	path, query, _ := strings.Cut(strings.TrimPrefix(rawURL, "file:"), "?")
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("create database folder: %w", err)
		}
	}
	common := "_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_synchronous=FULL"
	if query != "" {
		common = query + "&" + common
	}
	db.dsn = "file:" + path + "?" + common
	open := func(driver, dsn string, cfg *gorm.Config) (*gorm.DB, error) {
		deadline := time.Now().Add(10 * time.Second)
		for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
			g, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driver, DSN: dsn}), cfg)
			var se sqlite3.Error
			if err == nil || !errors.As(err, &se) || se.Code != sqlite3.ErrBusy || time.Now().After(deadline) {
				if err != nil {
					return nil, fmt.Errorf("open SQLite: %w", err)
				}
				return g, nil
			}
			select {
			case <-ctx.Done():
				return nil, fmt.Errorf("open SQLite: %w", ctx.Err())
			case <-time.After(wait):
			}
		}
	}
	w, err := open(sqliteWriter, db.dsn+"&_txlock=immediate", cfg)
	if err != nil {
		return err
	}
	wdb, _ := w.DB()
	wdb.SetMaxOpenConns(1) // the one writer: writers queue here, never on SQLITE_BUSY
	wdb.SetConnMaxLifetime(0)
	readCfg := *cfg
	readCfg.PrepareStmt, readCfg.PrepareStmtMaxSize = true, 500 // the reader runs the same few queries again and again
	r, err := open(sqlite.DriverName, db.dsn+"&_query_only=on", &readCfg)
	if err != nil {
		wdb.Close()
		return err
	}
	rdb, _ := r.DB()
	rdb.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	db.write, db.read = w, r
	go db.checkpoint(time.Second)
	return nil
}

// sqliteWriter is the driver of the writer connection: it leaves checkpoints
// to DB.checkpoint, so that no commit waits while SQLite copies the WAL back
// into the database file (with automatic checkpoints, one commit in a few
// hundred did, and was many times slower than the others).
const sqliteWriter = "sqlite3_summit_writer"

func init() {
	sql.Register(sqliteWriter, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA wal_autocheckpoint = 0", nil)
		return err
	}})
}

// checkpoint copies the WAL back into the database file every interval, on
// its own connection and without waiting for readers or the writer, until
// Close; a failure is tried again at the next tick. The WAL starts again
// from its beginning once everything in it has been copied.
func (db *DB) checkpoint(interval time.Duration) {
	c, err := sql.Open(sqlite.DriverName, db.dsn)
	if err != nil {
		return
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-db.done:
			return
		case <-t.C:
			c.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// Close closes every connection.
func (db *DB) Close() error {
	db.closed.Do(func() { close(db.done) })
	var errs []error
	for _, g := range []*gorm.DB{db.write, db.read} {
		if s, err := g.DB(); err == nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// Ping reports whether both handles reach the database.
func (db *DB) Ping(ctx context.Context) error {
	for _, g := range []*gorm.DB{db.write, db.read} {
		s, err := g.DB()
		if err != nil {
			return err
		}
		if err := s.PingContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Store returns the repositories on db: every repository interface that
// domain declares. Services get them through For, narrowed to what each uses.
func (db *DB) Store() *Repos { return &Repos{db: db, g: db.read} }

// Scoped is db's repositories seen as R, the repositories a service uses:
// reads through the promoted methods, and write transactions that hand the
// service the same R bound to the transaction.
type Scoped[R any] struct{ *Repos }

// For returns db's repositories for a service whose store is R together
// with a domain.Transactor[R] (for example domain.MeetingStore).
func For[R any](db *DB) Scoped[R] { return Scoped[R]{db.Store()} }

// WithTx runs fn in one write transaction (see Repos.WithTx).
func (s Scoped[R]) WithTx(ctx context.Context, fn func(tx R) error) error {
	return s.Repos.WithTx(ctx, func(tx *Repos) error { return fn(any(tx).(R)) })
}

// Backup writes a consistent copy of a SQLite database to path while it is in use.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.Dialect != SQLite {
		return errors.New("backup is for SQLite; use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists already", path)
	}
	// Its own connection: readers may not write the copy, and the writer
	// stays free for requests while the copy is made.
	g, err := gorm.Open(sqlite.Open(db.dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return err
	}
	defer func() {
		if s, err := g.DB(); err == nil {
			s.Close()
		}
	}()
	return g.WithContext(ctx).Exec("VACUUM INTO ?", path).Error
}

// Repos implements every repository interface of domain on a handle: the
// reader outside a transaction, the transaction inside one.
type Repos struct {
	db   *DB
	g    *gorm.DB
	inTx bool
}

func (r *Repos) Ping(ctx context.Context) error { return r.db.Ping(ctx) }

// Changes tells of committed writes (see DB.Changes).
func (r *Repos) Changes(ctx context.Context) <-chan struct{} { return r.db.Changes(ctx) }

// WithTx runs fn in one write transaction; inside one it joins it.
func (r *Repos) WithTx(ctx context.Context, fn func(tx *Repos) error) error {
	if r.inTx {
		return fn(r)
	}
	err := r.db.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if r.db.Dialect == Postgres {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", writeLockKey).Error; err != nil {
				return err
			}
		}
		if err := fn(&Repos{db: r.db, g: tx, inTx: true}); err != nil {
			return err
		}
		if r.db.Dialect == Postgres { // delivered to every listener when, and only if, this commits
			return tx.Exec("SELECT pg_notify(?, '')", changesChannel).Error
		}
		return nil
	}, &sql.TxOptions{})
	if err == nil {
		r.db.changes.announce()
	}
	return translate(err)
}

// q returns the handle for reads, bound to ctx.
func (r *Repos) q(ctx context.Context) *gorm.DB { return r.g.WithContext(ctx) }

// w returns the handle for a write, bound to ctx: the transaction inside
// one, else the writer (a single statement commits on its own).
func (r *Repos) w(ctx context.Context) *gorm.DB {
	if r.inTx {
		return r.g.WithContext(ctx)
	}
	return r.db.write.WithContext(ctx)
}

// overlaps are the messages for the database's own refusals of a double
// booking (migration 0005), by the name of the PostgreSQL exclusion
// constraint, which is also the message of the SQLite trigger. The rule check
// inside every write refuses those bookings first, with its own 409; these
// answer a write that got past it.
var overlaps = map[string]string{
	"meetings_room_overlap":            "The room is already booked at that time.",
	"meeting_attendees_member_overlap": "A person would be in two meetings at once.",
}

// translate turns driver errors into the domain's vocabulary; domain errors
// and nil pass through.
func translate(err error) error {
	if err == nil || domain.ErrorCode(err) != domain.EINTERNAL {
		return err
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		if msg, ok := overlaps[se.Error()]; ok && se.ExtendedCode == sqlite3.ErrConstraintTrigger {
			return &domain.Error{Code: domain.ECONFLICT, Message: msg}
		}
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return &domain.Error{Code: domain.ECONFLICT, Message: "It exists already."}
		case sqlite3.ErrConstraintForeignKey, sqlite3.ErrConstraintTrigger: // ON DELETE RESTRICT reports as a trigger
			return &domain.Error{Code: domain.EINVALID, Message: "It refers to something that does not exist, or is still referred to."}
		case sqlite3.ErrConstraintCheck, sqlite3.ErrConstraintNotNull:
			return &domain.Error{Code: domain.EINVALID, Message: "It breaks a rule of the data."}
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return &domain.Error{Code: domain.ECONFLICT, Message: "It exists already."}
		case "23503", "23001":
			return &domain.Error{Code: domain.EINVALID, Message: "It refers to something that does not exist, or is still referred to."}
		case "23514", "23502":
			return &domain.Error{Code: domain.EINVALID, Message: "It breaks a rule of the data."}
		case "23P01": // exclusion_violation
			return &domain.Error{Code: domain.ECONFLICT, Message: cmp.Or(overlaps[pe.ConstraintName], "It clashes with something that exists.")}
		}
	}
	return err
}

// Admin is a plain connection to a PostgreSQL server for creating and
// dropping databases (tests, tooling).
type Admin struct{ g *gorm.DB }

// OpenAdmin connects to the PostgreSQL server at rawURL.
func OpenAdmin(ctx context.Context, rawURL string) (*Admin, error) {
	g, err := gorm.Open(postgres.Open(rawURL), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	s, _ := g.DB()
	if err := s.PingContext(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return &Admin{g: g}, nil
}

// Exec runs one statement.
func (a *Admin) Exec(sql string) error { return a.g.Exec(sql).Error }

// Close closes the connection.
func (a *Admin) Close() error {
	s, err := a.g.DB()
	if err != nil {
		return err
	}
	return s.Close()
}
