package repository

import (
	"cmp"
	"context"
	"time"

	"summit/domain"
)

type venueRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	Address   string
	Kind      string // venue, hotel or airport (migration 0015)
	Names     names
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (venueRow) TableName() string { return "venues" }

type travelRow struct {
	FromVenueID string `gorm:"primaryKey"`
	ToVenueID   string `gorm:"primaryKey"`
	Minutes     int
}

func (travelRow) TableName() string { return "travel_times" }

type roomRow struct {
	ID                      string `gorm:"primaryKey"`
	VenueID                 string
	Name                    string
	Capacity                int
	Layout                  string
	InterpretationLanguages stringList
	ChangeoverMinutes       int
	Names                   names
	Version                 int
	CreatedAt               time.Time
	UpdatedAt               time.Time
}

func (roomRow) TableName() string { return "rooms" }

func (r roomRow) domain() domain.Room {
	return domain.Room{ID: r.ID, VenueID: r.VenueID, Name: r.Name, Capacity: r.Capacity, Layout: r.Layout,
		InterpretationLanguages: nonNil(r.InterpretationLanguages), ChangeoverMinutes: r.ChangeoverMinutes, Names: r.Names.domain(),
		Version: r.Version, CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

// CreateVenue stores a new venue with its travel minutes to other venues.
func (r *Repos) CreateVenue(ctx context.Context, v *domain.Venue) error {
	if v.ID == "" {
		v.ID = domain.NewID()
	}
	v.Kind = cmp.Or(v.Kind, domain.VenueKinds[0])
	row := venueRow{ID: v.ID, Name: v.Name, Address: v.Address, Kind: v.Kind, Names: names(v.Names), Version: 1}
	return r.WithTx(ctx, func(tx *Repos) error {
		if err := tx.q(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		v.Version, v.CreatedAt, v.UpdatedAt = row.Version, utc(row.CreatedAt), utc(row.UpdatedAt)
		return tx.SetVenueTravel(ctx, v.ID, v.TravelMinutes)
	})
}

// SetVenueTravel replaces the travel minutes given from venueID to other venues.
func (r *Repos) SetVenueTravel(ctx context.Context, venueID string, minutes map[string]int) error {
	return r.WithTx(ctx, func(tx *Repos) error {
		q := tx.q(ctx)
		if err := q.Where("from_venue_id = ?", venueID).Delete(&travelRow{}).Error; err != nil {
			return translate(err)
		}
		for to, m := range minutes {
			if err := q.Create(&travelRow{FromVenueID: venueID, ToVenueID: to, Minutes: m}).Error; err != nil {
				return translate(err)
			}
		}
		return nil
	})
}

// VenueByID returns the venue with id and its travel minutes, ENOTFOUND when absent.
func (r *Repos) VenueByID(ctx context.Context, id string) (*domain.Venue, error) {
	return r.venueWhere(ctx, "id = ?", id)
}

// VenueByName returns the venue named name (names are unique) with its
// travel minutes, ENOTFOUND when there is none.
func (r *Repos) VenueByName(ctx context.Context, name string) (*domain.Venue, error) {
	return r.venueWhere(ctx, "name = ?", name)
}

func (r *Repos) venueWhere(ctx context.Context, cond string, arg any) (*domain.Venue, error) {
	var row venueRow
	if err := r.q(ctx).Where(cond, arg).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	venues, err := r.withTravel(ctx, []venueRow{row})
	if err != nil {
		return nil, err
	}
	return &venues[0], nil
}

// ListVenues lists every venue by name, with travel minutes.
func (r *Repos) ListVenues(ctx context.Context) ([]domain.Venue, error) {
	var rows []venueRow
	if err := r.q(ctx).Order("name").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	return r.withTravel(ctx, rows)
}

// withTravel converts venue rows and fills in travel minutes as given: the
// stored direction only (the rules read a pair given one way both ways).
func (r *Repos) withTravel(ctx context.Context, rows []venueRow) ([]domain.Venue, error) {
	ids := make([]string, len(rows))
	out := make([]domain.Venue, len(rows))
	index := map[string]*domain.Venue{}
	for i, row := range rows {
		ids[i] = row.ID
		out[i] = domain.Venue{ID: row.ID, Name: row.Name, Address: row.Address, Kind: row.Kind, TravelMinutes: map[string]int{}, Names: row.Names.domain(),
			Version: row.Version, CreatedAt: utc(row.CreatedAt), UpdatedAt: utc(row.UpdatedAt)}
		index[row.ID] = &out[i]
	}
	var travel []travelRow
	if err := r.q(ctx).Where("from_venue_id IN ?", ids).Find(&travel).Error; err != nil {
		return nil, translate(err)
	}
	for _, t := range travel {
		index[t.FromVenueID].TravelMinutes[t.ToVenueID] = t.Minutes
	}
	return out, nil
}

// CreateRoom stores a new room in a venue.
func (r *Repos) CreateRoom(ctx context.Context, room *domain.Room) error {
	if room.ID == "" {
		room.ID = domain.NewID()
	}
	row := roomRow{ID: room.ID, VenueID: room.VenueID, Name: room.Name, Capacity: room.Capacity,
		Layout: room.Layout, InterpretationLanguages: room.InterpretationLanguages,
		ChangeoverMinutes: room.ChangeoverMinutes, Names: names(room.Names), Version: 1}
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*room = row.domain()
	return nil
}

// RoomByID returns the room with id, ENOTFOUND when absent.
func (r *Repos) RoomByID(ctx context.Context, id string) (*domain.Room, error) {
	var row roomRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	room := row.domain()
	return &room, nil
}

// ListRooms lists the rooms of a venue ("" for every venue) by name.
func (r *Repos) ListRooms(ctx context.Context, venueID string) ([]domain.Room, error) {
	q := r.q(ctx).Order("venue_id, name")
	if venueID != "" {
		q = q.Where("venue_id = ?", venueID)
	}
	var rows []roomRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Room, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// HotelInUse reports whether a delegation stays at the venue.
func (r *Repos) HotelInUse(ctx context.Context, venueID string) (bool, error) {
	if used, err := exists(ctx, r, "delegations", "hotel_venue_id = ?", venueID); used || err != nil {
		return used, err
	}
	return exists(ctx, r, "hotel_blocks", "hotel_venue_id = ?", venueID)
}

// UpdateVenue saves v's name and address over version v.Version and bumps it.
func (r *Repos) UpdateVenue(ctx context.Context, v *domain.Venue) error {
	row := venueRow{Name: v.Name, Address: v.Address, Kind: v.Kind, Names: names(v.Names), Version: v.Version + 1, UpdatedAt: time.Now().UTC()}
	res := r.w(ctx).Model(&venueRow{}).Where("id = ? AND version = ?", v.ID, v.Version).
		Select("name", "address", "kind", "names", "version", "updated_at").Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "venues", v.ID)
	}
	v.Version, v.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}

// DeleteVenue removes a venue (its travel times go with it; rooms keep it).
func (r *Repos) DeleteVenue(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &venueRow{}, id)
}

// UpdateRoom saves room over version room.Version and bumps it. Its
// meetings that hold it longer than its changeover now says are shortened
// (see holdRoom); longer changeovers apply to meetings as they are written.
func (r *Repos) UpdateRoom(ctx context.Context, room *domain.Room) error {
	row := roomRow{Name: room.Name, Capacity: room.Capacity, Layout: room.Layout, InterpretationLanguages: room.InterpretationLanguages,
		ChangeoverMinutes: room.ChangeoverMinutes, Names: names(room.Names), Version: room.Version + 1, UpdatedAt: time.Now().UTC()}
	return r.WithTx(ctx, func(tx *Repos) error {
		res := tx.w(ctx).Model(&roomRow{}).Where("id = ? AND version = ?", room.ID, room.Version).
			Select("name", "capacity", "layout", "interpretation_languages", "changeover_minutes", "names", "version", "updated_at").Updates(&row)
		if err := translate(res.Error); err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return staleOrMissing(ctx, tx, "rooms", room.ID)
		}
		var held []meetingRow
		if err := tx.q(ctx).Select("id", "ends_at", "room_busy_until").Where("room_id = ? AND room_busy_until > ends_at", room.ID).
			Find(&held).Error; err != nil {
			return translate(err)
		}
		changeover := time.Duration(room.ChangeoverMinutes) * time.Minute
		for _, m := range held {
			if until := m.EndsAt.Add(changeover); m.RoomBusyUntil.After(until) {
				if err := tx.w(ctx).Exec("UPDATE meetings SET room_busy_until = ? WHERE id = ?", until, m.ID).Error; err != nil {
					return translate(err)
				}
			}
		}
		room.Version, room.UpdatedAt = row.Version, row.UpdatedAt
		return nil
	})
}

// DeleteRoom removes the room with id.
func (r *Repos) DeleteRoom(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &roomRow{}, id)
}

// RoomInUse reports whether meetings use the room.
func (r *Repos) RoomInUse(ctx context.Context, id string) (bool, error) {
	return exists(ctx, r, "meetings", "room_id = ?", id)
}
