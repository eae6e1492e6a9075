// Package scheduler places bilateral meeting requests into rooms and times so
// that every scheduling rule of the contract (section 5) holds, maximising the
// sum of the priorities of the placed requests. It reads and writes the
// problem file and the plan of the contract's section 8 and imports only the
// standard library.
package scheduler

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// Problem is the scheduler's input: when meetings may happen, where, who is
// free when, what is already fixed, and the requests to place.
type Problem struct {
	GranularityMinutes int        `json:"granularity_minutes"`
	Windows            []Interval `json:"windows"`
	Venues             []Venue    `json:"venues"`
	Rooms              []Room     `json:"rooms"`
	People             []Person   `json:"people"`
	Busy               []Busy     `json:"busy"`
	Requests           []Request  `json:"requests"`
	// RestMinutes is the least gap between two engagements of a person
	// when at least one of them is a placement, on top of the travel time
	// between their venues; zero means none.
	RestMinutes int `json:"rest_minutes,omitempty"`
}

// Interval is a half-open span of time [From, To).
type Interval struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Venue is a building; TravelMinutes gives the time to get to other venues.
// A pair given in one direction only holds both ways; a pair not given at all
// needs no travel time.
type Venue struct {
	ID            string         `json:"id"`
	TravelMinutes map[string]int `json:"travel_minutes,omitempty"`
}

// Room is a meeting room in a venue. A meeting in it needs a booth for each of
// its languages when it has two or more, and ChangeoverMinutes free between
// consecutive uses.
type Room struct {
	ID                      string   `json:"id"`
	VenueID                 string   `json:"venue_id"`
	Capacity                int      `json:"capacity"`
	InterpretationLanguages []string `json:"interpretation_languages,omitempty"`
	ChangeoverMinutes       int      `json:"changeover_minutes,omitempty"`
}

// Person is someone who attends meetings. Available, when not empty, lists
// the only times the person can meet (for instance between arrival and
// departure); absent or empty means always available. Touching or
// overlapping intervals count as one.
type Person struct {
	ID        string     `json:"id"`
	Available []Interval `json:"available,omitempty"`
	// MaxPlacementsPerWindow, when set, is the most placements the person
	// may have in any one window (busy entries do not count); absent means
	// no limit.
	MaxPlacementsPerWindow *int `json:"max_placements_per_window,omitempty"`
}

// Busy is a fixed commitment (a plenary, a lunch, a meeting already
// scheduled): it holds its people and, when RoomID is set, its room. Its venue
// (VenueID, or the room's) counts for travel time.
type Busy struct {
	PersonIDs []string  `json:"person_ids,omitempty"`
	RoomID    string    `json:"room_id,omitempty"`
	VenueID   string    `json:"venue_id,omitempty"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
}

// Request asks for one meeting of its attendees lasting DurationMinutes.
// Earliest bounds its start and Latest its end; both are optional.
type Request struct {
	ID                 string     `json:"id"`
	Attendees          []string   `json:"attendees"`
	DurationMinutes    int        `json:"duration_minutes"`
	Priority           int        `json:"priority"`
	ExpectedAttendance int        `json:"expected_attendance,omitempty"`
	Languages          []string   `json:"languages,omitempty"`
	Earliest           *time.Time `json:"earliest,omitempty"`
	Latest             *time.Time `json:"latest,omitempty"`
}

// Seats is the capacity a room needs for the request: the expected
// attendance or the number of attendees, whichever is larger.
func (q *Request) Seats() int {
	return max(q.ExpectedAttendance, len(q.Attendees))
}

// Parse decodes a problem file strictly (unknown fields and trailing data are
// errors) and validates it. Its errors name what is wrong.
func Parse(r io.Reader) (*Problem, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p Problem
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("problem file: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("problem file: unexpected data after the problem object")
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// Validate reports the first thing that makes the problem malformed or
// inconsistent, naming it (for example `requests[3] (q4): attendee "p9" is
// not in people`). It returns nil for a problem Solve can work on.
func (p *Problem) Validate() error {
	if p.GranularityMinutes <= 0 {
		return fmt.Errorf("granularity_minutes must be positive, got %d", p.GranularityMinutes)
	}
	if p.RestMinutes < 0 {
		return fmt.Errorf("rest_minutes is negative (%d)", p.RestMinutes)
	}
	if len(p.Windows) == 0 {
		return errors.New("windows: at least one window is needed")
	}
	for i, w := range p.Windows {
		if err := checkInterval(w); err != nil {
			return fmt.Errorf("windows[%d]: %w", i, err)
		}
		for j := range i {
			if o := p.Windows[j]; w.From.Before(o.To) && o.From.Before(w.To) {
				return fmt.Errorf("windows[%d] overlaps windows[%d]", i, j)
			}
		}
	}

	venues := make(map[string]bool, len(p.Venues))
	for i, v := range p.Venues {
		if v.ID == "" {
			return fmt.Errorf("venues[%d]: id is empty", i)
		}
		if venues[v.ID] {
			return fmt.Errorf("venues[%d]: duplicate id %q", i, v.ID)
		}
		venues[v.ID] = true
	}
	for i, v := range p.Venues {
		for _, to := range slices.Sorted(maps.Keys(v.TravelMinutes)) {
			if !venues[to] {
				return fmt.Errorf("venues[%d] (%s): travel_minutes names %q, which is not in venues", i, v.ID, to)
			}
			if m := v.TravelMinutes[to]; m < 0 {
				return fmt.Errorf("venues[%d] (%s): travel_minutes to %q is negative (%d)", i, v.ID, to, m)
			}
		}
	}

	rooms := make(map[string]string, len(p.Rooms)) // room id → venue id
	for i, r := range p.Rooms {
		switch {
		case r.ID == "":
			return fmt.Errorf("rooms[%d]: id is empty", i)
		case rooms[r.ID] != "":
			return fmt.Errorf("rooms[%d]: duplicate id %q", i, r.ID)
		case !venues[r.VenueID]:
			return fmt.Errorf("rooms[%d] (%s): venue %q is not in venues", i, r.ID, r.VenueID)
		case r.Capacity <= 0:
			return fmt.Errorf("rooms[%d] (%s): capacity must be positive, got %d", i, r.ID, r.Capacity)
		case r.ChangeoverMinutes < 0:
			return fmt.Errorf("rooms[%d] (%s): changeover_minutes is negative (%d)", i, r.ID, r.ChangeoverMinutes)
		}
		for _, l := range r.InterpretationLanguages {
			if l == "" {
				return fmt.Errorf("rooms[%d] (%s): empty interpretation language", i, r.ID)
			}
		}
		rooms[r.ID] = r.VenueID
	}

	people := make(map[string]bool, len(p.People))
	for i, person := range p.People {
		if person.ID == "" {
			return fmt.Errorf("people[%d]: id is empty", i)
		}
		if people[person.ID] {
			return fmt.Errorf("people[%d]: duplicate id %q", i, person.ID)
		}
		people[person.ID] = true
		if c := person.MaxPlacementsPerWindow; c != nil && *c <= 0 {
			return fmt.Errorf("people[%d] (%s): max_placements_per_window must be positive, got %d", i, person.ID, *c)
		}
		for j, a := range person.Available {
			if err := checkInterval(a); err != nil {
				return fmt.Errorf("people[%d] (%s): available[%d]: %w", i, person.ID, j, err)
			}
		}
	}

	for i, b := range p.Busy {
		if err := checkInterval(Interval{b.From, b.To}); err != nil {
			return fmt.Errorf("busy[%d]: %w", i, err)
		}
		if len(b.PersonIDs) == 0 && b.RoomID == "" {
			return fmt.Errorf("busy[%d]: holds neither people nor a room", i)
		}
		seen := make(map[string]bool, len(b.PersonIDs))
		for _, id := range b.PersonIDs {
			if !people[id] {
				return fmt.Errorf("busy[%d]: person %q is not in people", i, id)
			}
			if seen[id] {
				return fmt.Errorf("busy[%d]: person %q is listed twice", i, id)
			}
			seen[id] = true
		}
		if b.RoomID != "" && rooms[b.RoomID] == "" {
			return fmt.Errorf("busy[%d]: room %q is not in rooms", i, b.RoomID)
		}
		if b.VenueID != "" && !venues[b.VenueID] {
			return fmt.Errorf("busy[%d]: venue %q is not in venues", i, b.VenueID)
		}
		if b.RoomID != "" && b.VenueID != "" && rooms[b.RoomID] != b.VenueID {
			return fmt.Errorf("busy[%d]: venue %q differs from room %q's venue %q", i, b.VenueID, b.RoomID, rooms[b.RoomID])
		}
	}

	requests := make(map[string]bool, len(p.Requests))
	for i, q := range p.Requests {
		if q.ID == "" {
			return fmt.Errorf("requests[%d]: id is empty", i)
		}
		name := fmt.Sprintf("requests[%d] (%s)", i, q.ID)
		if requests[q.ID] {
			return fmt.Errorf("requests[%d]: duplicate id %q", i, q.ID)
		}
		requests[q.ID] = true
		if len(q.Attendees) == 0 {
			return fmt.Errorf("%s: no attendees", name)
		}
		seen := make(map[string]bool, len(q.Attendees))
		for _, id := range q.Attendees {
			if !people[id] {
				return fmt.Errorf("%s: attendee %q is not in people", name, id)
			}
			if seen[id] {
				return fmt.Errorf("%s: attendee %q is listed twice", name, id)
			}
			seen[id] = true
		}
		switch {
		case q.DurationMinutes <= 0:
			return fmt.Errorf("%s: duration_minutes must be positive, got %d", name, q.DurationMinutes)
		case q.Priority < 1 || q.Priority > 5:
			return fmt.Errorf("%s: priority must be 1 to 5, got %d", name, q.Priority)
		case q.ExpectedAttendance < 0:
			return fmt.Errorf("%s: expected_attendance is negative (%d)", name, q.ExpectedAttendance)
		case q.Earliest != nil && q.Earliest.IsZero():
			return fmt.Errorf("%s: earliest is the zero time", name)
		case q.Latest != nil && q.Latest.IsZero():
			return fmt.Errorf("%s: latest is the zero time", name)
		case q.Earliest != nil && q.Latest != nil && !q.Latest.After(*q.Earliest):
			return fmt.Errorf("%s: latest (%s) is not after earliest (%s)", name,
				q.Latest.Format(time.RFC3339), q.Earliest.Format(time.RFC3339))
		}
		for _, l := range q.Languages {
			if l == "" {
				return fmt.Errorf("%s: empty language", name)
			}
		}
	}
	return nil
}

func checkInterval(w Interval) error {
	switch {
	case w.From.IsZero():
		return errors.New("from is missing")
	case w.To.IsZero():
		return errors.New("to is missing")
	case !w.To.After(w.From):
		return fmt.Errorf("to (%s) is not after from (%s)", w.To.Format(time.RFC3339), w.From.Format(time.RFC3339))
	}
	return nil
}
