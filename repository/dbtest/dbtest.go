// Package dbtest gives tests real databases: a SQLite file in a temporary
// folder always, and a database of its own on the PostgreSQL server named by
// SUMMIT_TEST_POSTGRES_URL when that is set. Every database is dropped when
// its test ends.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"summit/repository"
)

// PostgresURL is the server the PostgreSQL tests use, "" when they are off.
func PostgresURL() string { return os.Getenv("SUMMIT_TEST_POSTGRES_URL") }

// URLs returns database URLs for a test, by dialect: a fresh SQLite file, and
// (when SUMMIT_TEST_POSTGRES_URL is set) a fresh PostgreSQL database. Neither
// is migrated.
func URLs(t testing.TB) map[string]string {
	t.Helper()
	urls := map[string]string{repository.SQLite: "file:" + filepath.Join(t.TempDir(), "summit.db")}
	if PostgresURL() != "" {
		urls[repository.Postgres] = NewPostgresDB(t)
	}
	return urls
}

// NewPostgresDB creates an empty database on the test server, drops it when
// the test ends, and returns its URL.
func NewPostgresDB(t testing.TB) string {
	t.Helper()
	base, err := url.Parse(PostgresURL())
	if err != nil {
		t.Fatalf("SUMMIT_TEST_POSTGRES_URL: %v", err)
	}
	admin, err := repository.OpenAdmin(context.Background(), base.String())
	if err != nil {
		t.Fatalf("reach the PostgreSQL test server: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "summit_test_" + hex.EncodeToString(b[:])
	if err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		admin.Close()
	})
	u := *base
	u.Path = "/" + name
	return u.String()
}

// Each runs fn once per available dialect, as a subtest named for it, with a
// freshly migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *repository.DB)) {
	for dialect, u := range URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			fn(t, Open(t, u))
		})
	}
}

// Open opens and migrates the database at u, closing it when the test ends.
func Open(t testing.TB, u string) *repository.DB {
	t.Helper()
	ctx := context.Background()
	db, err := repository.Open(ctx, u)
	if err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}
