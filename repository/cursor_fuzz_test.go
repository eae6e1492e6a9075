package repository

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"summit/domain"
)

// Fuzzing cursor decoding (issue 11): decodeCursor and encodeCursor, and
// the list queries that read a cursor's keys. `make fuzz` runs it longer;
// its committed corpus lives in testdata/fuzz/FuzzCursor.

// FuzzCursor: decoding never panics; decodeCursor(encodeCursor(keys...))
// gives back keys; a cursor that does not decode is an EMALFORMED or
// EINVALID error naming "cursor"; and every list query, given any cursor,
// answers a page or such an error, never another (which would be a 500).
func FuzzCursor(f *testing.F) {
	for _, s := range []struct{ cursor, key1, key2 string }{
		{"", "organiser@summit.example", "KAZ"},
		{encodeCursor("organiser@summit.example"), "a", ""},
		{encodeCursor("4", "KAZ"), "4", "KAZ"},
		{encodeCursor("2024-07-04T05:00:00Z", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), "2024-07-04T05:00:00.123456789Z", "m-1"},
		{encodeCursor("123"), "123", "-9223372036854775808"},
		{encodeCursor("x", "y", "z"), "x\x00y", "z"},
		{encodeCursor("1x", "KAZ"), "Делегация", "会谈"},
		{encodeCursor("0x1f", "KAZ"), " 4", "4 "},
		{encodeCursor("2024-07-04T10:00:00+05:00", ""), "", ""},
		{encodeCursor("99999999999999999999"), "\xff", "\x00"},
		{"garbage!", "", ""},
		{"AA==", "", ""},
		{"AB", "", ""},
		{"A", "", ""},
		{"QQ\n", "", ""},
		{"%41", "", ""},
	} {
		f.Add(s.cursor, s.key1, s.key2)
	}
	db := openTestSQLite(f)
	store := db.Store()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, cursor, key1, key2 string) {
		// decodeCursor on any string, for one and two keys.
		for n := 1; n <= 2; n++ {
			keys, err := decodeCursor(cursor, n)
			switch {
			case err != nil:
				checkCursorError(t, "decodeCursor", cursor, err)
			case cursor == "":
				if keys != nil {
					t.Fatalf("decodeCursor(\"\", %d) = %q, want nil", n, keys)
				}
			case len(keys) != n:
				t.Fatalf("decodeCursor(%q, %d) = %q: %d keys", cursor, n, keys, len(keys))
			case n == 1 && keys[0] == "":
				// A cursor of only line breaks (which base64 skips) decodes to
				// one empty key, which encodes to "", the first page's cursor:
				// the same page an empty key asks for.
			default:
				// Not every accepted cursor is one encodeCursor makes (base64's
				// padding bits and line breaks are ignored), but its keys
				// encode to a cursor that decodes to them again.
				again, err := decodeCursor(encodeCursor(keys...), n)
				if err != nil || !slices.Equal(again, keys) {
					t.Fatalf("keys %q of cursor %q encode to a cursor that decodes to %q, %v", keys, cursor, again, err)
				}
			}
		}

		// decode(encode(keys)) == keys, for the keys a list can have: a key
		// holds no NUL (the separator; PostgreSQL text cannot hold one
		// anyway), and the key of a one-key cursor is not empty (an empty
		// cursor means the first page).
		if key1 != "" && !strings.Contains(key1, "\x00") {
			if got, err := decodeCursor(encodeCursor(key1), 1); err != nil || !slices.Equal(got, []string{key1}) {
				t.Fatalf("decodeCursor(encodeCursor(%q), 1) = %q, %v", key1, got, err)
			}
		}
		if !strings.Contains(key1+key2, "\x00") {
			if got, err := decodeCursor(encodeCursor(key1, key2), 2); err != nil || !slices.Equal(got, []string{key1, key2}) {
				t.Fatalf("decodeCursor(encodeCursor(%q, %q), 2) = %q, %v", key1, key2, got, err)
			}
		}

		// Every list that pages, on an empty database: a page or a caller's
		// error naming the cursor.
		p := domain.Page{Limit: 2, Cursor: cursor}
		lists := []struct {
			name string
			keys int
			list func() error
		}{
			{"ListUsers", 1, func() error { _, _, err := store.ListUsers(ctx, p); return err }},
			{"ListRequests", 1, func() error { _, _, err := store.ListRequests(ctx, domain.RequestFilter{}, p); return err }},
			{"ListAudit", 1, func() error { _, _, err := store.ListAudit(ctx, domain.AuditFilter{}, p); return err }},
			{"ListDelegations", 2, func() error { _, _, err := store.ListDelegations(ctx, p); return err }},
			{"ListMeetings", 2, func() error { _, _, err := store.ListMeetings(ctx, domain.MeetingFilter{}, p); return err }},
		}
		for _, l := range lists {
			err := l.list()
			keys, decodeErr := decodeCursor(cursor, l.keys)
			switch {
			case decodeErr != nil:
				if err == nil {
					t.Fatalf("%s accepted cursor %q, which does not decode: %v", l.name, cursor, decodeErr)
				}
				checkCursorError(t, l.name, cursor, err)
			case err != nil:
				checkCursorError(t, l.name, cursor, err)
			case l.name == "ListDelegations" && keys != nil:
				// The precedence key must be an integer, and nothing else.
				if _, err := strconv.Atoi(keys[0]); err != nil {
					t.Fatalf("ListDelegations accepted precedence key %q of cursor %q", keys[0], cursor)
				}
			}
		}
	})
}

// checkCursorError checks that err is a caller's error naming the cursor.
func checkCursorError(t *testing.T, where, cursor string, err error) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EMALFORMED && de.Code != domain.EINVALID {
		t.Fatalf("%s, cursor %q: %T %v, want an EMALFORMED or EINVALID *domain.Error", where, cursor, err, err)
	}
	for _, fe := range de.Fields {
		if fe.Field == "cursor" {
			return
		}
	}
	t.Fatalf("%s, cursor %q: %v names fields %+v, not cursor", where, cursor, err, de.Fields)
}
