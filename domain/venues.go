package domain

import (
	"context"
	"maps"
	"strings"
	"unicode/utf8"
)

// VenuePatch is a change to a venue (on create, to a new one): nil fields
// stay as they are.
type VenuePatch struct {
	Name          *string
	Address       *string
	Kind          *string
	TravelMinutes *map[string]int
	Names         *Names
}

// RoomPatch is a change to a room (on create, to a new one): nil fields stay
// as they are.
type RoomPatch struct {
	Name                    *string
	Capacity                *int
	Layout                  *string
	InterpretationLanguages *[]string
	ChangeoverMinutes       *int
	Names                   *Names
}

// Venues is the service for venues, their travel times and their rooms.
// Everybody signed in reads them; organisers change them.
type Venues struct {
	Store VenueStore
	Clock Clock
}

// VenueRepos are what the venues service reads and writes.
type VenueRepos interface {
	VenueRepo
	ProblemRepos
	// HotelInUse reports whether a delegation stays at the venue or holds rooms in it.
	HotelInUse(ctx context.Context, venueID string) (bool, error)
}

// VenueStore is what the venues service keeps its data in.
type VenueStore interface {
	VenueRepos
	Transactor[VenueRepos]
}

// Patch lays in over v.
func (in VenuePatch) Patch(v *Venue) {
	if in.Name != nil {
		v.Name = strings.TrimSpace(*in.Name)
	}
	if in.Address != nil {
		v.Address = strings.TrimSpace(*in.Address)
	}
	if in.Kind != nil {
		v.Kind = *in.Kind
	}
	if in.TravelMinutes != nil {
		v.TravelMinutes = *in.TravelMinutes
	}
	if in.Names != nil {
		v.Names = cleanNames(*in.Names)
	}
}

// checkVenue validates v, including that its travel minutes name other existing venues.
func checkVenue(ctx context.Context, tx VenueReader, v *Venue) error {
	var val Validation
	val.Check(v.Name != "" && utf8.RuneCountInString(v.Name) <= 200, "name", "must be 1 to 200 characters")
	val.Check(utf8.RuneCountInString(v.Address) <= 500, "address", "must be at most 500 characters")
	val.Check(Contains(VenueKinds, v.Kind), "kind", "must be one of %s", strings.Join(VenueKinds, ", "))
	checkNames(&val, v.Names)
	val.Check(len(v.TravelMinutes) <= MaxVenues, "travel_minutes", "at most %d items", MaxVenues)
	for id, minutes := range v.TravelMinutes {
		switch {
		case id == v.ID:
			val.Add("travel_minutes."+id, "a venue needs no travel time to itself")
		case minutes < 0 || minutes > 24*60:
			val.Add("travel_minutes."+id, "must be 0 to 1440")
		default:
			if _, err := tx.VenueByID(ctx, id); ErrorCode(err) == ENOTFOUND {
				val.Add("travel_minutes."+id, "no venue %s", id)
			} else if err != nil {
				return err
			}
		}
	}
	return val.Err()
}

// List returns every venue by name, with travel minutes.
func (s Venues) List(ctx context.Context, actor Actor) ([]Venue, error) {
	return s.Store.ListVenues(ctx)
}

// Get returns the venue with id.
func (s Venues) Get(ctx context.Context, actor Actor, id string) (*Venue, error) {
	return s.Store.VenueByID(ctx, id)
}

// Create adds a venue with its travel minutes to other venues.
func (s Venues) Create(ctx context.Context, actor Actor, in VenuePatch) (*Venue, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	v := newVenue(in)
	err := s.Store.WithTx(ctx, func(tx VenueRepos) error { return s.create(ctx, tx, actor, v) })
	return v, err
}

// newVenue is a new venue made of in, not yet validated (its travel minutes
// name other venues: create checks them).
func newVenue(in VenuePatch) *Venue {
	v := Venue{ID: NewID(), Kind: VenueKinds[0], TravelMinutes: map[string]int{}}
	in.Patch(&v)
	return &v
}

// create validates and stores a new venue with its audit entry, in tx.
func (s Venues) create(ctx context.Context, tx VenueRepos, actor Actor, v *Venue) error {
	if err := checkVenue(ctx, tx, v); err != nil {
		return err
	}
	if err := tx.CreateVenue(ctx, v); err != nil {
		return err
	}
	return s.Clock.audit(ctx, tx, actor, "create", "venue", v.ID, nil, v)
}

// Update changes a venue; travel_minutes, when given, replaces the minutes
// given from this venue. It returns the problems the change made (impact);
// a dry run writes nothing.
func (s Venues) Update(ctx context.Context, actor Actor, id string, in VenuePatch, ifMatch int, dryRun bool) (*Venue, []Impact, error) {
	if err := CanPlan(actor); err != nil {
		return nil, nil, err
	}
	var out *Venue
	var impact []Impact
	err := writeOrTry(ctx, s.Store, dryRun, func(tx VenueRepos) error {
		v, err := tx.VenueByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("venue", v.Version, ifMatch); err != nil {
			return err
		}
		before := *v
		in.Patch(v)
		out = v
		impact, err = s.save(ctx, tx, actor, &before, v)
		return err
	})
	return out, impact, err
}

// save validates and stores v, changed from before (its travel minutes too
// when they changed), with its audit entry, in tx, and returns the problems
// the change made.
func (s Venues) save(ctx context.Context, tx VenueRepos, actor Actor, before, v *Venue) ([]Impact, error) {
	if err := checkVenue(ctx, tx, v); err != nil {
		return nil, err
	}
	if before.Kind == "hotel" && v.Kind != "hotel" {
		if used, err := tx.HotelInUse(ctx, v.ID); err != nil {
			return nil, err
		} else if used {
			return nil, &Error{Code: ECONFLICT, Message: "Delegations stay at this hotel or hold rooms in it; move them to another hotel first.",
				Fields: []FieldError{{Field: "kind", Message: "delegations stay at this hotel"}}}
		}
	}
	if err := tx.UpdateVenue(ctx, v); err != nil {
		return nil, err
	}
	if !maps.Equal(v.TravelMinutes, before.TravelMinutes) {
		if err := tx.SetVenueTravel(ctx, v.ID, v.TravelMinutes); err != nil {
			return nil, err
		}
	}
	if err := s.Clock.audit(ctx, tx, actor, "update", "venue", v.ID, before, v); err != nil {
		return nil, err
	}
	// travel_time and rest_time read the minutes: the meetings at this
	// venue and at each venue whose minutes from it changed.
	sc := scope{venueIDs: []string{v.ID}, rules: []string{RuleTravelTime, RuleRestTime}}
	for to := range v.TravelMinutes {
		if m, ok := before.TravelMinutes[to]; !ok || m != v.TravelMinutes[to] {
			sc.venueIDs = append(sc.venueIDs, to)
		}
	}
	for to := range before.TravelMinutes {
		if _, ok := v.TravelMinutes[to]; !ok {
			sc.venueIDs = append(sc.venueIDs, to)
		}
	}
	if len(sc.venueIDs) == 1 {
		return nil, nil
	}
	return s.Clock.impact(ctx, tx, actor, sc)
}

// Delete removes a venue that has no rooms (ECONFLICT otherwise).
func (s Venues) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx VenueRepos) error {
		v, err := tx.VenueByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("venue", v.Version, ifMatch); err != nil {
			return err
		}
		rooms, err := tx.ListRooms(ctx, id)
		if err != nil {
			return err
		}
		if len(rooms) > 0 {
			return Errorf(ECONFLICT, "The venue has %d rooms; delete them first.", len(rooms))
		}
		if err := tx.DeleteVenue(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "venue", id, v, nil)
	})
}

// Patch lays in over r.
func (in RoomPatch) Patch(r *Room) {
	if in.Name != nil {
		r.Name = strings.TrimSpace(*in.Name)
	}
	if in.Capacity != nil {
		r.Capacity = *in.Capacity
	}
	if in.Layout != nil {
		r.Layout = *in.Layout
	}
	if in.InterpretationLanguages != nil {
		r.InterpretationLanguages = nonNilList(*in.InterpretationLanguages)
	}
	if in.ChangeoverMinutes != nil {
		r.ChangeoverMinutes = *in.ChangeoverMinutes
	}
	if in.Names != nil {
		r.Names = cleanNames(*in.Names)
	}
}

func validateRoom(r *Room) error {
	var v Validation
	v.Check(r.Name != "" && utf8.RuneCountInString(r.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(r.Capacity > 0 && r.Capacity <= MaxSeats, "capacity", "must be 1 to %d", MaxSeats)
	v.Check(Contains(RoomLayouts, r.Layout), "layout", "must be one of %s", strings.Join(RoomLayouts, ", "))
	v.Check(r.ChangeoverMinutes >= 0 && r.ChangeoverMinutes <= 24*60, "changeover_minutes", "must be 0 to 1440")
	checkNames(&v, r.Names)
	checkLanguages(&v, "interpretation_languages", r.InterpretationLanguages)
	for _, l := range r.InterpretationLanguages {
		v.Check(l != "" && len(l) <= 16, "interpretation_languages", "each language is a code such as ru or zh")
	}
	return v.Err()
}

// Rooms returns the rooms of a venue ("" for all venues).
func (s Venues) Rooms(ctx context.Context, actor Actor, venueID string) ([]Room, error) {
	if venueID != "" {
		if _, err := s.Store.VenueByID(ctx, venueID); err != nil {
			return nil, err
		}
	}
	return s.Store.ListRooms(ctx, venueID)
}

// Room returns the room with id.
func (s Venues) Room(ctx context.Context, actor Actor, id string) (*Room, error) {
	return s.Store.RoomByID(ctx, id)
}

// CreateRoom adds a room to a venue.
func (s Venues) CreateRoom(ctx context.Context, actor Actor, venueID string, in RoomPatch) (*Room, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	r, err := newRoom(venueID, in)
	if err != nil {
		return nil, err
	}
	err = s.Store.WithTx(ctx, func(tx VenueRepos) error {
		if _, err := tx.VenueByID(ctx, venueID); err != nil {
			return err
		}
		return s.createRoom(ctx, tx, actor, r)
	})
	return r, err
}

// newRoom is a new room of a venue made of in, validated.
func newRoom(venueID string, in RoomPatch) (*Room, error) {
	r := Room{VenueID: venueID, Layout: "other", InterpretationLanguages: []string{}}
	in.Patch(&r)
	return &r, validateRoom(&r)
}

// createRoom stores a validated new room of an existing venue with its audit entry, in tx.
func (s Venues) createRoom(ctx context.Context, tx VenueRepos, actor Actor, r *Room) error {
	if err := tx.CreateRoom(ctx, r); err != nil {
		if ErrorCode(err) == ECONFLICT {
			return Errorf(ECONFLICT, "The venue has a room named %s already.", r.Name)
		}
		return err
	}
	return s.Clock.audit(ctx, tx, actor, "create", "room", r.ID, nil, r)
}

// UpdateRoom changes a room. It returns the problems the change made
// (impact); a dry run writes nothing.
func (s Venues) UpdateRoom(ctx context.Context, actor Actor, id string, in RoomPatch, ifMatch int, dryRun bool) (*Room, []Impact, error) {
	if err := CanPlan(actor); err != nil {
		return nil, nil, err
	}
	var out *Room
	var impact []Impact
	err := writeOrTry(ctx, s.Store, dryRun, func(tx VenueRepos) error {
		r, err := tx.RoomByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("room", r.Version, ifMatch); err != nil {
			return err
		}
		before := *r
		in.Patch(r)
		out = r
		impact, err = s.saveRoom(ctx, tx, actor, &before, r)
		return err
	})
	return out, impact, err
}

// saveRoom validates and stores r, changed from before, with its audit
// entry, in tx, and returns the problems the change made.
func (s Venues) saveRoom(ctx context.Context, tx VenueRepos, actor Actor, before, r *Room) ([]Impact, error) {
	if err := validateRoom(r); err != nil {
		return nil, err
	}
	if err := tx.UpdateRoom(ctx, r); err != nil {
		return nil, err
	}
	if err := s.Clock.audit(ctx, tx, actor, "update", "room", r.ID, before, r); err != nil {
		return nil, err
	}
	// The rules that read the room (and name it): its meetings.
	return s.Clock.impact(ctx, tx, actor, scope{roomID: r.ID,
		rules: []string{RuleRoomOverlap, RuleRoomCapacity, RuleInterpretation}})
}

// DeleteRoom removes a room that no meeting uses (ECONFLICT otherwise).
func (s Venues) DeleteRoom(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx VenueRepos) error {
		r, err := tx.RoomByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("room", r.Version, ifMatch); err != nil {
			return err
		}
		if used, err := tx.RoomInUse(ctx, id); err != nil {
			return err
		} else if used {
			return Errorf(ECONFLICT, "Meetings use this room; move or delete them first.")
		}
		if err := tx.DeleteRoom(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "room", id, r, nil)
	})
}
