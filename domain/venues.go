package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// VenueInput is a venue as a caller describes it; nil fields stay as they are.
type VenueInput struct {
	Name          *string
	Address       *string
	TravelMinutes *map[string]int
}

// RoomInput is a room as a caller describes it; nil fields stay as they are.
type RoomInput struct {
	Name                    *string
	Capacity                *int
	Layout                  *string
	InterpretationLanguages *[]string
	ChangeoverMinutes       *int
}

// Venues is the service for venues, their travel times and their rooms.
// Everybody signed in reads them; organisers change them.
type Venues struct {
	Store Store
}

func (in VenueInput) apply(v *Venue) {
	if in.Name != nil {
		v.Name = strings.TrimSpace(*in.Name)
	}
	if in.Address != nil {
		v.Address = strings.TrimSpace(*in.Address)
	}
	if in.TravelMinutes != nil {
		v.TravelMinutes = *in.TravelMinutes
	}
}

// checkVenue validates v, including that its travel minutes name other existing venues.
func checkVenue(ctx context.Context, tx Repos, v *Venue) error {
	var val Validation
	val.Check(v.Name != "" && utf8.RuneCountInString(v.Name) <= 200, "name", "must be 1 to 200 characters")
	val.Check(utf8.RuneCountInString(v.Address) <= 500, "address", "must be at most 500 characters")
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
func (s Venues) Create(ctx context.Context, actor Actor, in VenueInput) (*Venue, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	v := Venue{ID: NewID(), TravelMinutes: map[string]int{}}
	in.apply(&v)
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		if err := checkVenue(ctx, tx, &v); err != nil {
			return err
		}
		if err := tx.CreateVenue(ctx, &v); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "create", "venue", v.ID, nil, v)
	})
	return &v, err
}

// Update changes a venue; travel_minutes, when given, replaces the minutes
// given from this venue.
func (s Venues) Update(ctx context.Context, actor Actor, id string, in VenueInput, ifMatch int) (*Venue, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *Venue
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		v, err := tx.VenueByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && v.Version != ifMatch {
			return Errorf(EPRECONDITION, "The venue was changed by someone else since you read it; reload and try again.")
		}
		before := *v
		in.apply(v)
		if err := checkVenue(ctx, tx, v); err != nil {
			return err
		}
		if err := tx.UpdateVenue(ctx, v); err != nil {
			return err
		}
		if in.TravelMinutes != nil {
			if err := tx.SetVenueTravel(ctx, id, v.TravelMinutes); err != nil {
				return err
			}
		}
		out = v
		return Audit(ctx, tx, actor, "update", "venue", id, before, v)
	})
	return out, err
}

// Delete removes a venue that has no rooms (ECONFLICT otherwise).
func (s Venues) Delete(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Repos) error {
		v, err := tx.VenueByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && v.Version != ifMatch {
			return Errorf(EPRECONDITION, "The venue was changed by someone else since you read it; reload and try again.")
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
		return Audit(ctx, tx, actor, "delete", "venue", id, v, nil)
	})
}

func (in RoomInput) apply(r *Room) {
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
}

func validateRoom(r *Room) error {
	var v Validation
	v.Check(r.Name != "" && utf8.RuneCountInString(r.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(r.Capacity > 0 && r.Capacity <= 100000, "capacity", "must be 1 to 100000")
	v.Check(Contains(RoomLayouts, r.Layout), "layout", "must be one of %s", strings.Join(RoomLayouts, ", "))
	v.Check(r.ChangeoverMinutes >= 0 && r.ChangeoverMinutes <= 24*60, "changeover_minutes", "must be 0 to 1440")
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
func (s Venues) CreateRoom(ctx context.Context, actor Actor, venueID string, in RoomInput) (*Room, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	r := Room{VenueID: venueID, Layout: "other", InterpretationLanguages: []string{}}
	in.apply(&r)
	if err := validateRoom(&r); err != nil {
		return nil, err
	}
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		if _, err := tx.VenueByID(ctx, venueID); err != nil {
			return err
		}
		if err := tx.CreateRoom(ctx, &r); err != nil {
			if ErrorCode(err) == ECONFLICT {
				return Errorf(ECONFLICT, "The venue has a room named %s already.", r.Name)
			}
			return err
		}
		return Audit(ctx, tx, actor, "create", "room", r.ID, nil, r)
	})
	return &r, err
}

// UpdateRoom changes a room.
func (s Venues) UpdateRoom(ctx context.Context, actor Actor, id string, in RoomInput, ifMatch int) (*Room, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *Room
	err := s.Store.WithTx(ctx, func(tx Repos) error {
		r, err := tx.RoomByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && r.Version != ifMatch {
			return Errorf(EPRECONDITION, "The room was changed by someone else since you read it; reload and try again.")
		}
		before := *r
		in.apply(r)
		if err := validateRoom(r); err != nil {
			return err
		}
		if err := tx.UpdateRoom(ctx, r); err != nil {
			return err
		}
		out = r
		return Audit(ctx, tx, actor, "update", "room", id, before, r)
	})
	return out, err
}

// DeleteRoom removes a room that no meeting uses (ECONFLICT otherwise).
func (s Venues) DeleteRoom(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx Repos) error {
		r, err := tx.RoomByID(ctx, id)
		if err != nil {
			return err
		}
		if ifMatch != 0 && r.Version != ifMatch {
			return Errorf(EPRECONDITION, "The room was changed by someone else since you read it; reload and try again.")
		}
		if used, err := tx.RoomInUse(ctx, id); err != nil {
			return err
		} else if used {
			return Errorf(ECONFLICT, "Meetings use this room; move or delete them first.")
		}
		if err := tx.DeleteRoom(ctx, id); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "delete", "room", id, r, nil)
	})
}

// GetSummit returns the summit's settings.
func GetSummit(ctx context.Context, store Store) (*Summit, error) { return store.Summit(ctx) }

// PutSummit replaces the summit's settings (organisers), at version ifMatch
// when given.
func PutSummit(ctx context.Context, store Store, actor Actor, s Summit, ifMatch int) (*Summit, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var v Validation
	v.Check(strings.TrimSpace(s.Name) != "", "name", "is required")
	v.Check(strings.TrimSpace(s.City) != "", "city", "is required")
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		v.Add("timezone", "must be an IANA time zone such as Asia/Almaty")
	}
	from, err1 := time.Parse("2006-01-02", s.StartsOn)
	to, err2 := time.Parse("2006-01-02", s.EndsOn)
	v.Check(err1 == nil, "starts_on", "must be a date such as 2024-07-03")
	v.Check(err2 == nil, "ends_on", "must be a date such as 2024-07-04")
	if err1 == nil && err2 == nil {
		v.Check(!to.Before(from), "ends_on", "must not be before starts_on")
	}
	ds, err3 := time.Parse("15:04", s.DayStarts)
	de, err4 := time.Parse("15:04", s.DayEnds)
	v.Check(err3 == nil, "day_starts", "must be a time such as 08:00")
	v.Check(err4 == nil, "day_ends", "must be a time such as 22:00")
	if err3 == nil && err4 == nil {
		v.Check(de.After(ds), "day_ends", "must be after day_starts")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := store.WithTx(ctx, func(tx Repos) error {
		var before any
		old, err := tx.Summit(ctx)
		switch {
		case ErrorCode(err) == ENOTFOUND:
			s.Version = 0
		case err != nil:
			return err
		default:
			if ifMatch != 0 && old.Version != ifMatch {
				return Errorf(EPRECONDITION, "The summit's settings were changed by someone else since you read them; reload and try again.")
			}
			s.Version, before = old.Version, old
		}
		if err := tx.PutSummit(ctx, &s); err != nil {
			return err
		}
		return Audit(ctx, tx, actor, "update", "summit", "summit", before, s)
	})
	return &s, err
}
