// Command rawagenda is the yardstick of `make bench-http`: the hot reads of
// Summit Planner written with nothing but net/http and database/sql on the
// same SQLite file, without authentication — a delegation's agenda as its
// delegate sees it, a page of meetings and one meeting, with the same items
// and JSON fields. What the server does beyond this is its overhead.
//
//	rawagenda -db PATH -addr 127.0.0.1:8090
package main

import (
	"database/sql"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"runtime"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	path := flag.String("db", "data/summit.db", "the SQLite file of a Summit Planner database")
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	flag.Parse()
	db, err := sql.Open("sqlite3", "file:"+*path+"?_journal_mode=WAL&_busy_timeout=10000&_query_only=on")
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	http.HandleFunc("GET /agenda", func(w http.ResponseWriter, r *http.Request) { agenda(db, w, r) })
	http.HandleFunc("GET /meetings", func(w http.ResponseWriter, r *http.Request) { meetings(db, w, r, "") })
	http.HandleFunc("GET /meetings/{id}", func(w http.ResponseWriter, r *http.Request) { meetings(db, w, r, r.PathValue("id")) })
	log.Fatal(http.ListenAndServe(*addr, nil))
}

type agendaItem struct {
	MeetingID  string    `json:"meeting_id"`
	Title      string    `json:"title"`
	Kind       string    `json:"kind"`
	Status     string    `json:"status"`
	Visibility string    `json:"visibility"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	RoomID     *string   `json:"room_id"`
	RoomName   string    `json:"room_name"`
	VenueID    *string   `json:"venue_id"`
	VenueName  string    `json:"venue_name"`
	Version    int       `json:"version"`
}

// agenda is GET /api/v1/agenda?delegation_id= as that delegation's delegate.
func agenda(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	d := r.URL.Query().Get("delegation_id")
	rows, err := db.QueryContext(r.Context(), `SELECT m.id, m.title, m.kind, m.status, m.visibility, m.starts_at, m.ends_at,
		m.room_id, COALESCE(rm.name, ''), rm.venue_id, COALESCE(v.name, ''), m.version
		FROM meetings m LEFT JOIN rooms rm ON rm.id = m.room_id LEFT JOIN venues v ON v.id = rm.venue_id
		WHERE m.id IN (SELECT meeting_id FROM meeting_participants WHERE delegation_id = ?)
		AND m.status <> 'draft' AND (m.visibility = 'public' OR (m.visibility = 'participants'
		AND m.id IN (SELECT meeting_id FROM meeting_participants WHERE delegation_id = ?)))
		ORDER BY m.starts_at, m.id LIMIT 5000`, d, d)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	items := make([]agendaItem, 0, 64)
	for rows.Next() {
		var it agendaItem
		if err := rows.Scan(&it.MeetingID, &it.Title, &it.Kind, &it.Status, &it.Visibility, &it.StartsAt, &it.EndsAt,
			&it.RoomID, &it.RoomName, &it.VenueID, &it.VenueName, &it.Version); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		items = append(items, it)
	}
	answer(w, map[string]any{"items": items})
}

type participant struct {
	DelegationID string   `json:"delegation_id"`
	MemberIDs    []string `json:"member_ids,omitempty"`
}

type meeting struct {
	ID                 string        `json:"id"`
	Title              string        `json:"title"`
	Kind               string        `json:"kind"`
	StartsAt           time.Time     `json:"starts_at"`
	EndsAt             time.Time     `json:"ends_at"`
	RoomID             *string       `json:"room_id"`
	Status             string        `json:"status"`
	Visibility         string        `json:"visibility"`
	Languages          []string      `json:"languages"`
	ExpectedAttendance int           `json:"expected_attendance"`
	Participants       []participant `json:"participants"`
	Allow              []string      `json:"allow"`
	RequestID          *string       `json:"request_id"`
	Version            int           `json:"version"`
	CreatedAt          time.Time     `json:"created_at"`
	UpdatedAt          time.Time     `json:"updated_at"`
}

// meetings is GET /api/v1/meetings (the first page of 100, as an organiser)
// or, with id, GET /api/v1/meetings/{id}.
func meetings(db *sql.DB, w http.ResponseWriter, r *http.Request, id string) {
	q, args := `SELECT id, title, kind, starts_at, ends_at, room_id, status, visibility, languages, expected_attendance,
		allow, request_id, version, created_at, updated_at FROM meetings`, []any{}
	if id != "" {
		q, args = q+" WHERE id = ?", append(args, id)
	} else {
		q += " ORDER BY starts_at, id LIMIT 100"
	}
	rows, err := db.QueryContext(r.Context(), q, args...)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	out := make([]meeting, 0, 100)
	index := map[string]int{}
	for rows.Next() {
		var m meeting
		var langs, allow string
		if err := rows.Scan(&m.ID, &m.Title, &m.Kind, &m.StartsAt, &m.EndsAt, &m.RoomID, &m.Status, &m.Visibility, &langs,
			&m.ExpectedAttendance, &allow, &m.RequestID, &m.Version, &m.CreatedAt, &m.UpdatedAt); err != nil {
			rows.Close()
			http.Error(w, err.Error(), 500)
			return
		}
		json.Unmarshal([]byte(langs), &m.Languages)
		json.Unmarshal([]byte(allow), &m.Allow)
		m.Participants = []participant{}
		index[m.ID] = len(out)
		out = append(out, m)
	}
	rows.Close()
	if len(out) == 0 {
		if id != "" {
			http.NotFound(w, r)
			return
		}
		answer(w, map[string]any{"items": out})
		return
	}
	ids := make([]any, 0, len(out))
	for _, m := range out {
		ids = append(ids, m.ID)
	}
	in := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	rows, err = db.QueryContext(r.Context(), `SELECT p.meeting_id, p.delegation_id FROM meeting_participants p
		JOIN delegations d ON d.id = p.delegation_id WHERE p.meeting_id IN (`+in+`) ORDER BY p.meeting_id, d.precedence, d.code`, ids...)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var m, d string
		if err := rows.Scan(&m, &d); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		out[index[m]].Participants = append(out[index[m]].Participants, participant{DelegationID: d})
	}
	if id != "" {
		answer(w, out[0])
		return
	}
	answer(w, map[string]any{"items": out})
}

func answer(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
