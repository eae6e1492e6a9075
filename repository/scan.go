package repository

import (
	"database/sql"
	"strings"

	"gorm.io/gorm"
)

// Hot reads (agendas, meeting lists, a meeting) scan rows directly: GORM
// builds the statement, database/sql reads it into preallocated values with
// no reflection. Writes and everything else use GORM as usual.

// scanAll runs q and scans each row into a new T with scan; size is how
// many rows to make room for.
func scanAll[T any](q *gorm.DB, size int, scan func(*sql.Rows, *T) error) ([]T, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := make([]T, 0, size)
	for rows.Next() {
		out = append(out, *new(T))
		if err := scan(rows, &out[len(out)-1]); err != nil {
			return nil, translate(err)
		}
	}
	return out, translate(rows.Err())
}

// meetingColumns are the columns scanMeeting reads, each after prefix ("" or "m.").
func meetingColumns(prefix string) string {
	cols := []string{"id", "title", "kind", "starts_at", "ends_at", "room_id", "status", "visibility", "languages",
		"expected_attendance", "allow", "request_id", "created_by", "version", "created_at", "updated_at"}
	return prefix + strings.Join(cols, ", "+prefix)
}

// scanMeeting reads the meetingColumns of a row, then extra.
func scanMeeting(rows *sql.Rows, m *meetingRow, extra ...any) error {
	var room, request, creator sql.NullString
	dest := append([]any{&m.ID, &m.Title, &m.Kind, &m.StartsAt, &m.EndsAt, &room, &m.Status, &m.Visibility, &m.Languages,
		&m.ExpectedAttendance, &m.Allow, &request, &creator, &m.Version, &m.CreatedAt, &m.UpdatedAt}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	m.RoomID, m.RequestID, m.CreatedBy = nullString(room), nullString(request), nullString(creator)
	return nil
}

// nullString is s as a pointer, nil for NULL.
func nullString(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

// scanMeetings reads meeting rows of q (which selects meetingColumns("")).
func scanMeetings(q *gorm.DB, size int) ([]meetingRow, error) {
	return scanAll(q, size, func(rows *sql.Rows, m *meetingRow) error { return scanMeeting(rows, m) })
}
