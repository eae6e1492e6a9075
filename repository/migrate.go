package repository

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the embedded migrations in order.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, name := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		num, label, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_label.sql", name)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: label, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// dialectSQL replaces the migrations' portable tokens with the dialect's types.
func dialectSQL(dialect, sql string) string {
	r := map[string]*strings.Replacer{
		SQLite:   strings.NewReplacer("{{timestamp}}", "DATETIME", "{{serial}}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
		Postgres: strings.NewReplacer("{{timestamp}}", "TIMESTAMPTZ", "{{serial}}", "BIGSERIAL PRIMARY KEY"),
	}[dialect]
	return r.Replace(sql)
}

// Migrate applies the pending migrations, each in its own transaction, and
// returns how many it applied. Concurrent migrators (several instances
// starting at once) wait for each other.
func (db *DB) Migrate(ctx context.Context) (int, error) {
	return db.migrate(ctx, math.MaxInt)
}

// migrate applies the pending migrations up to version upTo (tests stop
// early to fill a database as an older version left it).
func (db *DB) migrate(ctx context.Context, upTo int) (int, error) {
	migrations, err := Migrations()
	if err != nil {
		return 0, err
	}
	applied := 0
	for _, m := range migrations {
		if m.Version > upTo {
			break
		}
		fkOff := db.Dialect == SQLite && strings.Contains(m.SQL, foreignKeysOff)
		if fkOff {
			if err := db.write.WithContext(ctx).Exec("PRAGMA foreign_keys = OFF").Error; err != nil {
				return applied, err
			}
		}
		err := db.write.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			if fkOff {
				if err := checkForeignKeysOff(tx); err != nil {
					return err
				}
			}
			if db.Dialect == Postgres {
				if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", writeLockKey).Error; err != nil {
					return err
				}
			}
			if err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`).Error; err != nil {
				return err
			}
			var n int64
			if err := tx.Raw("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := execScript(tx, db.Dialect, dialectSQL(db.Dialect, m.SQL)); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
			if fkOff {
				if err := foreignKeyCheck(tx); err != nil {
					return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
				}
			}
			applied++
			return tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)).Error
		})
		if fkOff {
			if ferr := db.write.WithContext(ctx).Exec("PRAGMA foreign_keys = ON").Error; err == nil {
				err = ferr
			}
		}
		if err != nil {
			return applied, err
		}
	}
	return applied, nil
}

// foreignKeysOff marks a migration that SQLite runs with foreign keys off,
// as SQLite's own procedure for making a table again asks (a table that
// others refer to cannot be dropped and made anew otherwise without their
// ON DELETE actions firing). Before it commits, every foreign key is checked.
const foreignKeysOff = "-- sqlite: foreign keys off"

// checkForeignKeysOff makes sure the transaction's connection (the one
// writer) really has foreign keys off.
func checkForeignKeysOff(tx *gorm.DB) error {
	var on int
	if err := tx.Raw("PRAGMA foreign_keys").Scan(&on).Error; err != nil {
		return err
	}
	if on != 0 {
		return fmt.Errorf("foreign keys are still on for a migration that needs them off")
	}
	return nil
}

// foreignKeyCheck fails when any row refers to one that does not exist.
func foreignKeyCheck(tx *gorm.DB) error {
	var rows []map[string]any
	if err := tx.Raw("PRAGMA foreign_key_check").Scan(&rows).Error; err != nil {
		return err
	}
	if len(rows) > 0 {
		return fmt.Errorf("foreign key check failed: %v", rows[0])
	}
	return nil
}

// SchemaVersion returns the newest applied migration, 0 for an empty database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v *int
	err := db.read.WithContext(ctx).Raw("SELECT MAX(version) FROM schema_migrations").Scan(&v).Error
	if err != nil || v == nil {
		return 0, nil
	}
	return *v, nil
}

// execScript runs the statements of a script one by one on dialect.
// Statements end with a semicolon at the end of a line, a trigger's body
// (from a line BEGIN to a line END;) included; lines starting with -- are
// comments. A statement after the comment "-- only sqlite" or
// "-- only postgres" runs on that dialect alone.
func execScript(tx *gorm.DB, dialect, script string) error {
	var stmt strings.Builder
	only, body := "", false
	run := func() error {
		sql := stmt.String()
		stmt.Reset()
		skip := only != "" && only != dialect
		only = ""
		if skip || strings.TrimSpace(sql) == "" {
			return nil
		}
		return tx.Exec(sql).Error
	}
	for _, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		if d, ok := strings.CutPrefix(trimmed, "-- only "); ok && stmt.Len() == 0 {
			if d != SQLite && d != Postgres {
				return fmt.Errorf("%q: no such dialect", trimmed)
			}
			only = d
			continue
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "--") {
			continue
		}
		stmt.WriteString(line)
		stmt.WriteString("\n")
		if strings.EqualFold(trimmed, "BEGIN") {
			body = true
		} else if strings.EqualFold(trimmed, "END;") {
			body = false
		}
		if strings.HasSuffix(trimmed, ";") && !body {
			if err := run(); err != nil {
				return err
			}
		}
	}
	return run()
}
