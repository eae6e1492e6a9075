package repository

import (
	"context"

	"gorm.io/gorm"
)

// Writer is db's writer handle, for tests that read and write past the
// repositories.
func (db *DB) Writer() *gorm.DB { return db.write }

// Exec runs one statement past the repositories, in r's transaction when r
// is in one, and translates its error as the repositories do.
func (r *Repos) Exec(ctx context.Context, sql string, args ...any) error {
	return translate(r.w(ctx).Exec(sql, args...).Error)
}

// MigrateTo applies the pending migrations up to version upTo.
func (db *DB) MigrateTo(ctx context.Context, upTo int) (int, error) { return db.migrate(ctx, upTo) }
