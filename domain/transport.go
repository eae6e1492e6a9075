package domain

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Ground transport (CONTRACT section 14): vehicles with their drivers, each
// delegation's motorcade, and the movements of its head derived from the
// programme on every read (never stored), so that a moved meeting moves its
// movements at once.

// VehicleKinds are the kinds of vehicle.
var VehicleKinds = []string{"car", "van", "bus", "security", "ambulance"}

// Vehicle is a car (or van, bus, …) of the motor pool with its driver.
type Vehicle struct {
	ID          string
	Plate       string // unique
	Kind        string // one of VehicleKinds
	Seats       int
	DriverName  string
	DriverPhone string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// VehiclePatch is a change to a vehicle (on create, to a new one): nil fields stay.
type VehiclePatch struct {
	Plate       *string
	Kind        *string
	Seats       *int
	DriverName  *string
	DriverPhone *string
}

// Motorcade is the vehicles assigned to a delegation's head.
type Motorcade struct {
	DelegationID string
	VehicleIDs   []string
	// Vehicles are the vehicles themselves, with their drivers (read only).
	Vehicles []Vehicle
}

// MaxMotorcade bounds the vehicles of one motorcade.
const MaxMotorcade = 50

// TransportRepo persists vehicles and motorcades. Lookups of absent
// vehicles return ENOTFOUND.
type TransportRepo interface {
	CreateVehicle(ctx context.Context, v *Vehicle) error
	VehicleByID(ctx context.Context, id string) (*Vehicle, error)
	// ListVehicles lists every vehicle by plate.
	ListVehicles(ctx context.Context) ([]Vehicle, error)
	// UpdateVehicle saves v over version v.Version and bumps it (EPRECONDITION when stale).
	UpdateVehicle(ctx context.Context, v *Vehicle) error
	// DeleteVehicle removes a vehicle; ECONFLICT while a motorcade holds it.
	DeleteVehicle(ctx context.Context, id string) error
	// Motorcades returns each delegation's vehicle ids (sorted), by delegation id.
	Motorcades(ctx context.Context) (map[string][]string, error)
	// SetMotorcade replaces the vehicles of a delegation's motorcade.
	SetMotorcade(ctx context.Context, delegationID string, vehicleIDs []string) error
	// HotelInUse reports whether a delegation stays at the venue or holds rooms in it.
	HotelInUse(ctx context.Context, venueID string) (bool, error)
}

// TransportRepos are what the transport service reads and writes.
type TransportRepos interface {
	TransportRepo
	DelegationReader
	ListDelegations(ctx context.Context, p Page) ([]Delegation, string, error)
	// ListMembersOf lists the members of the given delegations (all when nil).
	ListMembersOf(ctx context.Context, delegationIDs []string) ([]Member, error)
	VenueReader
	SummitReader
	// Bookings returns every draft and confirmed meeting overlapping [from, to) with the people it holds.
	Bookings(ctx context.Context, from, to time.Time) ([]Booking, error)
	MeetingsByIDs(ctx context.Context, ids []string) ([]Meeting, error)
	// LatestReleaseNumber returns the newest release's number, 0 when there is none.
	LatestReleaseNumber(ctx context.Context) (int, error)
	AuditAppender
}

// TransportStore is what the transport service keeps its data in.
type TransportStore interface {
	TransportRepos
	Transactor[TransportRepos]
}

// Transport is the service for vehicles, motorcades and movements.
// Organisers manage them; a delegation's delegates read its own motorcade
// and movements.
type Transport struct {
	Store TransportStore
	Clock Clock
}

// Patch lays in over v.
func (in VehiclePatch) Patch(v *Vehicle) {
	if in.Plate != nil {
		v.Plate = strings.ToUpper(strings.TrimSpace(*in.Plate))
	}
	if in.Kind != nil {
		v.Kind = *in.Kind
	}
	if in.Seats != nil {
		v.Seats = *in.Seats
	}
	if in.DriverName != nil {
		v.DriverName = strings.TrimSpace(*in.DriverName)
	}
	if in.DriverPhone != nil {
		v.DriverPhone = strings.TrimSpace(*in.DriverPhone)
	}
}

func validateVehicle(v *Vehicle) error {
	var val Validation
	val.Check(v.Plate != "" && utf8.RuneCountInString(v.Plate) <= 20, "plate", "must be 1 to 20 characters")
	val.Check(Contains(VehicleKinds, v.Kind), "kind", "must be one of %s", strings.Join(VehicleKinds, ", "))
	val.Check(v.Seats >= 1 && v.Seats <= 100, "seats", "must be 1 to 100")
	val.Check(utf8.RuneCountInString(v.DriverName) <= 200, "driver_name", "must be at most 200 characters")
	val.Check(utf8.RuneCountInString(v.DriverPhone) <= 40, "driver_phone", "must be at most 40 characters")
	return val.Err()
}

// checkHotel checks that id ("" for none) names a venue of kind hotel
// (EINVALID naming hotel_venue_id otherwise).
func checkHotel(ctx context.Context, tx VenueReader, id string) error {
	if id == "" {
		return nil
	}
	v, err := tx.VenueByID(ctx, id)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return invalidField("hotel_venue_id", "no venue "+id)
	case err != nil:
		return err
	case v.Kind != "hotel":
		return invalidField("hotel_venue_id", v.Name+" is a venue of kind "+v.Kind+", not a hotel")
	}
	return nil
}

// invalidField is EINVALID naming one field.
func invalidField(field, message string) error {
	var v Validation
	v.Add(field, "%s", message)
	return v.Err()
}

// Vehicles lists every vehicle by plate (organisers).
func (s Transport) Vehicles(ctx context.Context, actor Actor) ([]Vehicle, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.ListVehicles(ctx)
}

// Vehicle returns one vehicle (organisers).
func (s Transport) Vehicle(ctx context.Context, actor Actor, id string) (*Vehicle, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.VehicleByID(ctx, id)
}

// SaveVehicle creates a vehicle (id "") or changes one (organisers). A
// plate another vehicle has is ECONFLICT naming plate; a stale ifMatch
// EPRECONDITION.
func (s Transport) SaveVehicle(ctx context.Context, actor Actor, id string, in VehiclePatch, ifMatch int) (*Vehicle, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *Vehicle
	err := s.Store.WithTx(ctx, func(tx TransportRepos) error {
		v, before := &Vehicle{Kind: VehicleKinds[0], Seats: 4}, any(nil)
		if id != "" {
			var err error
			if v, err = tx.VehicleByID(ctx, id); err != nil {
				return err
			}
			if err := checkVersion("vehicle", v.Version, ifMatch); err != nil {
				return err
			}
			b := *v
			before = &b
		}
		in.Patch(v)
		if err := validateVehicle(v); err != nil {
			return err
		}
		write, action := tx.UpdateVehicle, "update"
		if id == "" {
			write, action = tx.CreateVehicle, "create"
		}
		if err := write(ctx, v); err != nil {
			if ErrorCode(err) == ECONFLICT {
				return &Error{Code: ECONFLICT, Message: "Another vehicle has plate " + v.Plate + ".",
					Fields: []FieldError{{Field: "plate", Message: "is taken by another vehicle"}}}
			}
			return err
		}
		out = v
		return s.Clock.audit(ctx, tx, actor, action, "vehicle", v.ID, before, v)
	})
	return out, err
}

// DeleteVehicle removes a vehicle (organisers); ECONFLICT while a motorcade holds it.
func (s Transport) DeleteVehicle(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx TransportRepos) error {
		v, err := tx.VehicleByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("vehicle", v.Version, ifMatch); err != nil {
			return err
		}
		if err := tx.DeleteVehicle(ctx, id); err != nil {
			if ErrorCode(err) == ECONFLICT {
				return Errorf(ECONFLICT, "Vehicle %s is in a motorcade; take it out first.", v.Plate)
			}
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "vehicle", id, v, nil)
	})
}

// Motorcade returns a delegation's motorcade: organisers any, a delegate
// its own delegation's (another is ENOTFOUND).
func (s Transport) Motorcade(ctx context.Context, actor Actor, delegationID string) (*Motorcade, error) {
	if !CanSeeMembers(actor, delegationID) {
		return nil, Errorf(ENOTFOUND, "No such delegation.")
	}
	if _, err := s.Store.DelegationByID(ctx, delegationID); err != nil {
		return nil, err
	}
	all, err := s.Store.Motorcades(ctx)
	if err != nil {
		return nil, err
	}
	m := &Motorcade{DelegationID: delegationID, VehicleIDs: nonNilList(all[delegationID]), Vehicles: []Vehicle{}}
	for _, id := range m.VehicleIDs {
		v, err := s.Store.VehicleByID(ctx, id)
		if err != nil {
			return nil, err
		}
		m.Vehicles = append(m.Vehicles, *v)
	}
	return m, nil
}

// Motorcades returns every delegation's motorcade that has vehicles (organisers).
func (s Transport) Motorcades(ctx context.Context, actor Actor) (map[string][]string, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.Motorcades(ctx)
}

// SetMotorcade assigns vehicles to a delegation's head (organisers). An
// unknown vehicle is EINVALID naming vehicle_ids[i].
func (s Transport) SetMotorcade(ctx context.Context, actor Actor, delegationID string, vehicleIDs []string) (*Motorcade, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	ids := uniqueSorted(vehicleIDs)
	var val Validation
	val.Check(len(ids) <= MaxMotorcade, "vehicle_ids", "at most %d vehicles", MaxMotorcade)
	if err := val.Err(); err != nil {
		return nil, err
	}
	out := &Motorcade{DelegationID: delegationID, VehicleIDs: ids}
	err := s.Store.WithTx(ctx, func(tx TransportRepos) error {
		if _, err := tx.DelegationByID(ctx, delegationID); err != nil {
			return err
		}
		for i, id := range vehicleIDs {
			if _, err := tx.VehicleByID(ctx, id); ErrorCode(err) == ENOTFOUND {
				val.Add("vehicle_ids["+strconv.Itoa(i)+"]", "no vehicle %s", id)
			} else if err != nil {
				return err
			}
		}
		if err := val.Err(); err != nil {
			return err
		}
		all, err := tx.Motorcades(ctx)
		if err != nil {
			return err
		}
		before := &Motorcade{DelegationID: delegationID, VehicleIDs: nonNilList(all[delegationID])}
		if slices.Equal(before.VehicleIDs, ids) {
			return nil
		}
		if err := tx.SetMotorcade(ctx, delegationID, ids); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "update", "motorcade", delegationID, before, out)
	})
	return out, err
}

// Movement is one drive of a delegation's head (CONTRACT section 14): to
// MeetingID from the hotel or the previous meeting's venue, or (Return)
// from MeetingID's venue back to the hotel.
type Movement struct {
	DelegationID string
	Date         string // the summit day, 2006-01-02 in the summit's zone
	FromVenueID  string
	ToVenueID    string
	DepartAt     time.Time
	ArriveAt     time.Time
	MeetingID    string
	Return       bool   // back to the hotel after MeetingID
	AfterID      string // the meeting the motorcade leaves, "" when it leaves the hotel or airport
	AfterEndsAt  time.Time
	VehicleIDs   []string
}

// UID identifies a movement across changes of times and venues: it leads
// to (or back from) its meeting.
func (m Movement) UID() string {
	if m.Return {
		return "movement-from-" + m.MeetingID
	}
	return "movement-to-" + m.MeetingID
}

// MovementInput is what deriving one delegation's movements reads.
type MovementInput struct {
	DelegationID string
	HotelVenueID string // "" when the delegation has no hotel: days start and end at meetings
	// Meetings are the head's non-cancelled meetings, in any order; those
	// without a venue (no room) do not move anybody.
	Meetings      []Booking
	Travel        TravelTimes
	ArrivalBuffer time.Duration
	Location      *time.Location
	Days          []string // the days to derive, 2006-01-02 in Location
	VehicleIDs    []string
}

// DeriveMovements derives a delegation's movements from its head's meetings,
// day by day, exactly as CONTRACT section 14 words them: from the hotel to
// the first meeting, between consecutive meetings at different venues, and
// from the last meeting back to the hotel. An arrival meeting starts the day
// at its venue (no movement to it); a departure meeting ends it (no return).
// A movement to a meeting arrives arrival-buffer minutes before it starts
// and departs travel minutes earlier; a return departs at the meeting's end
// and arrives travel minutes later. Movements come in time order.
func DeriveMovements(in MovementInput) []Movement {
	loc := cmp.Or(in.Location, time.UTC)
	ms := slices.DeleteFunc(slices.Clone(in.Meetings), func(b Booking) bool { return b.VenueID == "" })
	slices.SortFunc(ms, func(a, b Booking) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), a.EndsAt.Compare(b.EndsAt), strings.Compare(a.MeetingID, b.MeetingID))
	})
	var out []Movement
	for _, day := range in.Days {
		start, end, err := localDay(day, loc)
		if err != nil {
			continue
		}
		i := slices.IndexFunc(ms, func(b Booking) bool { return !b.StartsAt.Before(start) })
		if i < 0 {
			continue
		}
		out = in.day(out, day, ms[i:], end)
	}
	return out
}

// day appends the movements of one day, whose meetings (in time order) are
// the first of ms that start before end.
func (in MovementInput) day(out []Movement, day string, ms []Booking, end time.Time) []Movement {
	at := in.HotelVenueID
	var prev *Booking
	for i := range ms {
		m := &ms[i]
		if !m.StartsAt.Before(end) {
			break
		}
		if m.Kind == "arrival" {
			at, prev = m.VenueID, m
			continue
		}
		if at != "" && at != m.VenueID {
			minutes, _ := in.Travel.Minutes(at, m.VenueID)
			arrive := m.StartsAt.Add(-in.ArrivalBuffer)
			mv := Movement{DelegationID: in.DelegationID, Date: day, FromVenueID: at, ToVenueID: m.VenueID,
				DepartAt: arrive.Add(-time.Duration(minutes) * time.Minute), ArriveAt: arrive, MeetingID: m.MeetingID,
				VehicleIDs: in.VehicleIDs}
			if prev != nil {
				mv.AfterID, mv.AfterEndsAt = prev.MeetingID, prev.EndsAt
			}
			out = append(out, mv)
		}
		at, prev = m.VenueID, m
		if m.Kind == "departure" {
			return out
		}
	}
	if prev == nil || in.HotelVenueID == "" || at == in.HotelVenueID {
		return out
	}
	minutes, _ := in.Travel.Minutes(at, in.HotelVenueID)
	return append(out, Movement{DelegationID: in.DelegationID, Date: day, FromVenueID: at, ToVenueID: in.HotelVenueID,
		DepartAt: prev.EndsAt, ArriveAt: prev.EndsAt.Add(time.Duration(minutes) * time.Minute), MeetingID: prev.MeetingID,
		Return: true, AfterID: prev.MeetingID, AfterEndsAt: prev.EndsAt, VehicleIDs: in.VehicleIDs})
}

// Transport problems (CONTRACT section 14), worked out on every read of the
// problems from the movements as they stand.
const (
	RuleVehicleOverlap = "vehicle_overlap"
	RuleMovementGap    = "movement_gap"
)

// transportWorld is what deriving movements and naming them reads.
type transportWorld struct {
	loc         *time.Location
	days        []string
	buffer      time.Duration
	travel      TravelTimes
	venues      map[string]Venue
	delegations []Delegation // in protocol order
	heads       map[string]string
	motorcades  map[string][]string
	vehicles    map[string]Vehicle
}

// movementProblems returns the movement_gap and vehicle_overlap problems of
// movements: a movement that would have to depart before the meeting it
// leaves ends, and one vehicle in two delegations' movements at
// overlapping times (one problem on each side).
func (w transportWorld) movementProblems(mvs []Movement) []Problem {
	var out []Problem
	for _, mv := range mvs {
		if mv.AfterID != "" && mv.DepartAt.Before(mv.AfterEndsAt) {
			out = append(out, Problem{MeetingID: mv.MeetingID, Rule: RuleMovementGap, DelegationID: mv.DelegationID, OtherID: mv.AfterID, MovementID: mv.UID(),
				Message: "The motorcade of " + w.delegationName(mv.DelegationID) + " would have to leave " + w.venueName(mv.FromVenueID) +
					" at " + w.clock(mv.DepartAt) + " to reach " + w.venueName(mv.ToVenueID) + " in time, before the previous meeting ends at " +
					w.clock(mv.AfterEndsAt) + "."})
		}
	}
	byVehicle := map[string][]int{}
	for i, mv := range mvs {
		for _, v := range mv.VehicleIDs {
			byVehicle[v] = append(byVehicle[v], i)
		}
	}
	vehicles := make([]string, 0, len(byVehicle))
	for v := range byVehicle {
		vehicles = append(vehicles, v)
	}
	slices.Sort(vehicles)
	for _, v := range vehicles {
		list := byVehicle[v]
		slices.SortFunc(list, func(a, b int) int { return mvs[a].DepartAt.Compare(mvs[b].DepartAt) })
		for i, a := range list {
			for _, b := range list[i+1:] {
				if !mvs[b].DepartAt.Before(mvs[a].ArriveAt) {
					break
				}
				if mvs[a].DelegationID == mvs[b].DelegationID {
					continue
				}
				out = append(out, w.overlap(v, mvs[a], mvs[b]), w.overlap(v, mvs[b], mvs[a]))
			}
		}
	}
	return out
}

// overlap is the vehicle_overlap problem of mv, whose vehicle v other uses at the same time.
func (w transportWorld) overlap(v string, mv, other Movement) Problem {
	return Problem{MeetingID: mv.MeetingID, Rule: RuleVehicleOverlap, DelegationID: mv.DelegationID, OtherID: other.MeetingID, MovementID: mv.UID(),
		Message: "Vehicle " + w.vehicles[v].Plate + " drives " + w.delegationName(mv.DelegationID) + " from " + w.venueName(mv.FromVenueID) +
			" to " + w.venueName(mv.ToVenueID) + " at " + w.clock(mv.DepartAt) + "–" + w.clock(mv.ArriveAt) + " and " +
			w.delegationName(other.DelegationID) + " at " + w.clock(other.DepartAt) + "–" + w.clock(other.ArriveAt) + "."}
}

func (w transportWorld) clock(t time.Time) string { return t.In(w.loc).Format("15:04") }

func (w transportWorld) venueName(id string) string { return cmp.Or(w.venues[id].Name, id) }

func (w transportWorld) delegationName(id string) string {
	if i := slices.IndexFunc(w.delegations, func(d Delegation) bool { return d.ID == id }); i >= 0 {
		return w.delegations[i].Name
	}
	return id
}

// MovementTitle is how an agenda says a movement in English: "Depart
// Hilton Astana 11:25 → Akorda, arrive 11:50", local times in loc.
func MovementTitle(from, to string, mv Movement, loc *time.Location) string {
	return "Depart " + from + " " + mv.DepartAt.In(loc).Format("15:04") + " → " + to + ", arrive " + mv.ArriveAt.In(loc).Format("15:04")
}
