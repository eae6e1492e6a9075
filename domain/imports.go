package domain

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Import (CONTRACT section 13): the rows of a spreadsheet, each matched with
// a record by its natural key and created or updated through the service's
// own create and save steps — the same validation, audit entries and
// problem checks as one at a time — all in one transaction. Any bad row and
// nothing is written; every bad row is reported, not only the first.

// What an import does with a row.
const (
	ImportCreate    = "create"
	ImportUpdate    = "update"
	ImportUnchanged = "unchanged"
)

// MaxImportRows bounds the rows of one import.
const MaxImportRows = 10000

// ImportRow is one row of a spreadsheet to import.
type ImportRow[P any] struct {
	Row int // its number in the file; the header is row 1
	// Parent names the record's parent: a member's delegation code, a room's venue name.
	Parent string
	// ID and Version are what the row was exported with ("" and 0 for none):
	// an id naming another record than the row's key is refused, and a row
	// that changes the record it was exported from must carry its version.
	ID      string
	Version int
	Patch   P
}

// Imported is what an import does, or would do, with one row: the record
// before (nil when it creates one) and after.
type Imported[T any] struct {
	Row    int
	Action string // ImportCreate, ImportUpdate or ImportUnchanged
	Before *T
	After  *T
}

// ImportResult is what an import did, or for a dry run would do: each good
// row in file order, the problems the changes made, and every bad row's
// field errors (each with its Row). When Errors is not empty nothing was written.
type ImportResult[T any] struct {
	Rows   []Imported[T]
	Errors []FieldError
	Impact []Impact
}

// importStep is one entity's import: its rows' natural key ("" when a row
// lacks one) and the column that holds it, and what one row does in tx.
type importStep[R, P, T any] struct {
	keyField string
	key      func(ImportRow[P]) string
	one      func(tx R, row ImportRow[P]) (Imported[T], []Impact, error)
}

// runImport runs every row through step in one transaction of store,
// going on past a bad row so that all are reported; it commits only when
// no row is bad and this is no dry run.
func runImport[R, P, T any](ctx context.Context, store Transactor[R], rows []ImportRow[P], dryRun bool, step importStep[R, P, T]) (*ImportResult[T], error) {
	var v Validation
	v.Check(len(rows) <= MaxImportRows, "body", "at most %d rows at a time", MaxImportRows)
	if err := v.Err(); err != nil {
		return nil, err
	}
	res := &ImportResult[T]{}
	err := store.WithTx(ctx, func(tx R) error {
		seen := map[string]int{}
		for _, row := range rows {
			key := step.key(row)
			if first, ok := seen[key]; ok && key != "" {
				res.Errors = append(res.Errors, FieldError{Row: row.Row, Field: step.keyField, Message: fmt.Sprintf("repeats row %d", first)})
				continue
			}
			seen[key] = row.Row
			out, impact, err := step.one(tx, row)
			if fields := rowErrors(row.Row, step.keyField, err); fields != nil {
				res.Errors = append(res.Errors, fields...)
				continue
			} else if err != nil {
				return err
			}
			out.Row = row.Row
			res.Rows = append(res.Rows, out)
			res.Impact = append(res.Impact, impact...)
		}
		if dryRun || len(res.Errors) > 0 {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	slices.SortStableFunc(res.Rows, func(a, b Imported[T]) int { return cmp.Compare(a.Row, b.Row) })
	slices.SortStableFunc(res.Errors, func(a, b FieldError) int { return cmp.Compare(a.Row, b.Row) })
	return res, nil
}

// rowErrors gives a row's failure as field errors of that row (a failure
// without fields is put on field), nil when err is no failure of the row's
// own (nil, or an internal error, which ends the import).
func rowErrors(row int, field string, err error) []FieldError {
	var e *Error
	if !errors.As(err, &e) || e.Code == EINTERNAL {
		return nil
	}
	if len(e.Fields) == 0 {
		return []FieldError{{Row: row, Field: field, Message: e.Message}}
	}
	out := make([]FieldError, len(e.Fields))
	for i, f := range e.Fields {
		column, _, _ := strings.Cut(f.Field, "[") // contact_emails[1] is a cell of contact_emails
		out[i] = FieldError{Row: row, Field: column, Message: f.Message}
	}
	return out
}

// sameRecord reports whether a change left a record as it was: whether
// the audit trail would see no difference.
func sameRecord(before, after any) bool {
	a, errA := json.Marshal(snapshotOf(before))
	b, errB := json.Marshal(snapshotOf(after))
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// importedRecord checks a row against the record its key found (foundID,
// "" for none, at version): a row whose id names another record here
// (owner says whose, ENOTFOUND when none) is refused, since an import
// never changes a key; one that changes the record it was exported from
// must carry its current version.
func importedRecord[P any](row ImportRow[P], keyField, foundID string, version int, owner func(id string) (string, error)) error {
	if row.ID != "" && row.ID != foundID {
		name, err := owner(row.ID)
		if ErrorCode(err) == ENOTFOUND {
			return nil // an id of another database
		} else if err != nil {
			return err
		}
		return fieldError("id", "is the id of %s: an import finds records by %s and never changes it", name, keyField)
	}
	if row.Version != 0 && foundID != "" && row.Version != version {
		return fieldError("version", "the record was changed since this file was exported (now version %d): export it again", version)
	}
	return nil
}

// fieldError is an EINVALID error of one field.
func fieldError(field, format string, args ...any) error {
	var v Validation
	v.Add(field, format, args...)
	return v.Err()
}

// importUpdate finishes a row that found its record: unchanged when the
// patched record is as before, else checked against the row's id and
// version and saved.
func importUpdate[P, T any](row ImportRow[P], keyField, id string, version int, before, after *T,
	owner func(string) (string, error), save func() ([]Impact, error)) (Imported[T], []Impact, error) {
	out := Imported[T]{Action: ImportUnchanged, Before: before, After: after}
	if sameRecord(before, after) {
		return out, nil, nil
	}
	if err := importedRecord(row, keyField, id, version, owner); err != nil {
		return out, nil, err
	}
	out.Action = ImportUpdate
	impact, err := save()
	return out, impact, err
}

// importCreate finishes a row that found no record: checked against the
// row's id, then created.
func importCreate[P, T any](row ImportRow[P], keyField string, after *T, owner func(string) (string, error), create func() error) (Imported[T], []Impact, error) {
	out := Imported[T]{Action: ImportCreate, After: after}
	if err := importedRecord(row, keyField, "", 0, owner); err != nil {
		return out, nil, err
	}
	return out, nil, create()
}

// trimmed is *s without surrounding spaces, "" for nil.
func trimmed(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

// Import creates or updates delegations from rows matched by code
// (organisers; EFORBIDDEN otherwise). A dry run writes nothing.
func (s Delegations) Import(ctx context.Context, actor Actor, rows []ImportRow[DelegationPatch], dryRun bool) (*ImportResult[Delegation], error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	key := func(row ImportRow[DelegationPatch]) string { return strings.ToUpper(trimmed(row.Patch.Code)) }
	return runImport(ctx, s.Store, rows, dryRun, importStep[DelegationRepos, DelegationPatch, Delegation]{keyField: "code", key: key,
		one: func(tx DelegationRepos, row ImportRow[DelegationPatch]) (Imported[Delegation], []Impact, error) {
			owner := func(id string) (string, error) {
				d, err := tx.DelegationByID(ctx, id)
				if err != nil {
					return "", err
				}
				return "delegation " + d.Code, nil
			}
			d, err := tx.DelegationByCode(ctx, key(row))
			if ErrorCode(err) == ENOTFOUND {
				nd, err := newDelegation(row.Patch)
				if err != nil {
					return Imported[Delegation]{}, nil, err
				}
				return importCreate(row, "code", nd, owner, func() error { return s.create(ctx, tx, actor, nd, nil) })
			} else if err != nil {
				return Imported[Delegation]{}, nil, err
			}
			before := *d
			row.Patch.Patch(d)
			return importUpdate(row, "code", d.ID, before.Version, &before, d, owner, func() ([]Impact, error) { return s.save(ctx, tx, actor, &before, d) })
		}})
}

// ImportMembers creates or updates members from rows matched by their
// delegation's code (Parent) and full name (organisers; EFORBIDDEN
// otherwise). A row that makes a member head takes the role from the former
// head; such rows go first, so that a file may move the head, and two rows
// may not make two heads of one delegation. A dry run writes nothing.
func (s Delegations) ImportMembers(ctx context.Context, actor Actor, rows []ImportRow[MemberPatch], dryRun bool) (*ImportResult[Member], error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	isHead := func(row ImportRow[MemberPatch]) bool { return row.Patch.IsHead != nil && *row.Patch.IsHead }
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b ImportRow[MemberPatch]) int { return -cmp.Compare(b2i(isHead(a)), b2i(isHead(b))) })
	heads := map[string]int{} // delegation code → the row making its head
	members := byName{}
	step := importStep[DelegationRepos, MemberPatch, Member]{keyField: "full_name",
		key: func(row ImportRow[MemberPatch]) string {
			return childKey(strings.ToUpper(row.Parent), trimmed(row.Patch.FullName))
		},
		one: func(tx DelegationRepos, row ImportRow[MemberPatch]) (Imported[Member], []Impact, error) {
			code := strings.ToUpper(strings.TrimSpace(row.Parent))
			d, err := parentOf(code, "delegation_code", "no delegation has code %s", func() (*Delegation, error) { return tx.DelegationByCode(ctx, code) })
			if err != nil {
				return Imported[Member]{}, nil, err
			}
			if first, ok := heads[code]; ok && isHead(row) {
				return Imported[Member]{}, nil, fieldError("is_head", "row %d makes another member head of %s", first, code)
			} else if isHead(row) {
				heads[code] = row.Row
			}
			name := trimmed(row.Patch.FullName)
			found, err := memberNamed(ctx, tx, members, d, name)
			if err != nil {
				return Imported[Member]{}, nil, err
			}
			owner := func(id string) (string, error) {
				m, err := tx.MemberByID(ctx, id)
				if err != nil {
					return "", err
				}
				return "member " + m.FullName, nil
			}
			if found == nil {
				m := &Member{DelegationID: d.ID, Accreditation: "pending"}
				row.Patch.Patch(m)
				if err := validateMember(m); err != nil {
					return Imported[Member]{}, nil, err
				}
				return importCreate(row, "full_name", m, owner, func() error {
					err := s.createMember(ctx, tx, actor, m)
					members.add(d.ID, name, m.ID)
					return err
				})
			}
			before := *found
			row.Patch.Patch(found)
			return importUpdate(row, "full_name", found.ID, before.Version, &before, found, owner,
				func() ([]Impact, error) { return s.saveMember(ctx, tx, actor, &before, found) })
		}}
	return runImport(ctx, s.Store, rows, dryRun, step)
}

// memberNamed finds d's one member named name (nil for none) through the
// import's index of names; several are EINVALID.
func memberNamed(ctx context.Context, tx DelegationRepos, members byName, d *Delegation, name string) (*Member, error) {
	ids, err := members.find(d.ID, name, func() (map[string][]string, error) {
		ms, err := tx.ListMembers(ctx, d.ID)
		return namesOf(ms, func(m Member) (string, string) { return m.FullName, m.ID }), err
	})
	if err != nil {
		return nil, err
	}
	id, err := one(ids, "full_name", "members of "+d.Code)
	if err != nil || id == "" {
		return nil, err
	}
	return tx.MemberByID(ctx, id)
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// childKey is the natural key of a record within a parent, "" when either part is missing.
func childKey(parent, name string) string {
	if parent = strings.TrimSpace(parent); parent == "" || name == "" {
		return ""
	}
	return parent + "\x00" + name
}

// parentOf finds a row's parent by its key in field: "" is required, an
// unknown one EINVALID (missing says so, with %s for the key).
func parentOf[T any](key, field, missing string, find func() (*T, error)) (*T, error) {
	if key == "" {
		return nil, fieldError(field, "is required")
	}
	p, err := find()
	if ErrorCode(err) == ENOTFOUND {
		return nil, fieldError(field, missing, key)
	}
	return p, err
}

// byName finds records by name within their parent (a delegation's
// members, a venue's rooms), listing each parent's records once per import.
type byName map[string]map[string][]string // parent id → name → record ids

// find gives the ids of parent's records named name; list gives them all, by name.
func (b byName) find(parent, name string, list func() (map[string][]string, error)) ([]string, error) {
	names, ok := b[parent]
	if !ok {
		var err error
		if names, err = list(); err != nil {
			return nil, err
		}
		b[parent] = names
	}
	return names[name], nil
}

// add records a new record of parent.
func (b byName) add(parent, name, id string) { b[parent][name] = append(b[parent][name], id) }

// namesOf indexes list's ids by name.
func namesOf[T any](list []T, key func(T) (name, id string)) map[string][]string {
	out := map[string][]string{}
	for _, x := range list {
		name, id := key(x)
		out[name] = append(out[name], id)
	}
	return out
}

// one is the single id of ids ("" for none); several are EINVALID on
// field (what names them).
func one(ids []string, field, what string) (string, error) {
	if len(ids) > 1 {
		return "", fieldError(field, "%d %s have this name: tell them apart first", len(ids), what)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
}

// Import creates or updates venues from rows matched by name (organisers;
// EFORBIDDEN otherwise). A dry run writes nothing.
func (s Venues) Import(ctx context.Context, actor Actor, rows []ImportRow[VenuePatch], dryRun bool) (*ImportResult[Venue], error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	key := func(row ImportRow[VenuePatch]) string { return trimmed(row.Patch.Name) }
	return runImport(ctx, s.Store, rows, dryRun, importStep[VenueRepos, VenuePatch, Venue]{keyField: "name", key: key,
		one: func(tx VenueRepos, row ImportRow[VenuePatch]) (Imported[Venue], []Impact, error) {
			owner := func(id string) (string, error) {
				v, err := tx.VenueByID(ctx, id)
				if err != nil {
					return "", err
				}
				return "venue " + v.Name, nil
			}
			v, err := tx.VenueByName(ctx, key(row))
			if ErrorCode(err) == ENOTFOUND {
				nv := newVenue(row.Patch)
				return importCreate(row, "name", nv, owner, func() error { return s.create(ctx, tx, actor, nv) })
			} else if err != nil {
				return Imported[Venue]{}, nil, err
			}
			before := *v
			row.Patch.Patch(v)
			return importUpdate(row, "name", v.ID, before.Version, &before, v, owner, func() ([]Impact, error) { return s.save(ctx, tx, actor, &before, v) })
		}})
}

// ImportRooms creates or updates rooms from rows matched by their venue's
// name (Parent) and their own (organisers; EFORBIDDEN otherwise). A dry run
// writes nothing.
func (s Venues) ImportRooms(ctx context.Context, actor Actor, rows []ImportRow[RoomPatch], dryRun bool) (*ImportResult[Room], error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	rooms := byName{}
	step := importStep[VenueRepos, RoomPatch, Room]{keyField: "name",
		key: func(row ImportRow[RoomPatch]) string { return childKey(row.Parent, trimmed(row.Patch.Name)) },
		one: func(tx VenueRepos, row ImportRow[RoomPatch]) (Imported[Room], []Impact, error) {
			venue := strings.TrimSpace(row.Parent)
			v, err := parentOf(venue, "venue_name", "no venue is named %s", func() (*Venue, error) { return tx.VenueByName(ctx, venue) })
			if err != nil {
				return Imported[Room]{}, nil, err
			}
			name := trimmed(row.Patch.Name)
			ids, err := rooms.find(v.ID, name, func() (map[string][]string, error) {
				rs, err := tx.ListRooms(ctx, v.ID)
				return namesOf(rs, func(r Room) (string, string) { return r.Name, r.ID }), err
			})
			if err != nil {
				return Imported[Room]{}, nil, err
			}
			id, err := one(ids, "name", "rooms of "+v.Name)
			if err != nil {
				return Imported[Room]{}, nil, err
			}
			owner := func(id string) (string, error) {
				r, err := tx.RoomByID(ctx, id)
				if err != nil {
					return "", err
				}
				return "room " + r.Name, nil
			}
			if id == "" {
				r, err := newRoom(v.ID, row.Patch)
				if err != nil {
					return Imported[Room]{}, nil, err
				}
				return importCreate(row, "name", r, owner, func() error {
					err := s.createRoom(ctx, tx, actor, r)
					rooms.add(v.ID, name, r.ID)
					return err
				})
			}
			found, err := tx.RoomByID(ctx, id)
			if err != nil {
				return Imported[Room]{}, nil, err
			}
			before := *found
			row.Patch.Patch(found)
			return importUpdate(row, "name", found.ID, before.Version, &before, found, owner,
				func() ([]Impact, error) { return s.saveRoom(ctx, tx, actor, &before, found) })
		}}
	return runImport(ctx, s.Store, rows, dryRun, step)
}
