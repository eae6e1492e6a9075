package domain

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Accommodation (CONTRACT section 15): a hotel holds blocks of rooms for
// delegations, night by night, and members sleep in a block's rooms.

// Nights are the nights of a stay: From is the first night's date, To the
// morning of leaving (not a night), both "2006-01-02".
type Nights struct{ From, To string }

// HotelBlock is a number of rooms a hotel holds for a delegation on each
// night from From up to To (the day of leaving, not a night).
type HotelBlock struct {
	ID           string
	HotelVenueID string
	DelegationID string
	Rooms        int
	Nights       Nights
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// HotelBlockPatch is a change to a block (on create, to a new one): nil fields stay.
type HotelBlockPatch struct {
	DelegationID *string
	Rooms        *int
	From, To     *string
}

// Patch lays in over b.
func (in HotelBlockPatch) Patch(b *HotelBlock) {
	if in.DelegationID != nil {
		b.DelegationID = strings.TrimSpace(*in.DelegationID)
	}
	if in.Rooms != nil {
		b.Rooms = *in.Rooms
	}
	if in.From != nil {
		b.Nights.From = strings.TrimSpace(*in.From)
	}
	if in.To != nil {
		b.Nights.To = strings.TrimSpace(*in.To)
	}
}

// MaxBlockRooms bounds a block's rooms.
const MaxBlockRooms = 5000

// HotelBlockRepo persists hotel blocks. Lookups of absent ones return ENOTFOUND.
type HotelBlockRepo interface {
	CreateHotelBlock(ctx context.Context, b *HotelBlock) error
	// UpdateHotelBlock saves b over version b.Version and bumps it (EPRECONDITION when stale).
	UpdateHotelBlock(ctx context.Context, b *HotelBlock) error
	DeleteHotelBlock(ctx context.Context, id string) error
	HotelBlockByID(ctx context.Context, id string) (*HotelBlock, error)
	// ListHotelBlocks lists the blocks of a hotel and of a delegation ("" for
	// any), by hotel, first night and delegation.
	ListHotelBlocks(ctx context.Context, hotelVenueID, delegationID string) ([]HotelBlock, error)
	// MembersInBlock lists the members who sleep in a block, by name.
	MembersInBlock(ctx context.Context, blockID string) ([]Member, error)
}

// HotelRepos are what the accommodation service reads and writes.
type HotelRepos interface {
	HotelBlockRepo
	DelegationReader
	VenueByID(ctx context.Context, id string) (*Venue, error)
	AuditAppender
}

// HotelStore is what the accommodation service keeps its data in.
type HotelStore interface {
	HotelRepos
	Transactor[HotelRepos]
}

// Hotels is the service for hotel blocks and rooming lists.
type Hotels struct {
	Store HotelStore
	Clock Clock
}

// parseNights reads n's dates, each checked under its field (prefix +
// "from", "to"): a date each, To after From.
func parseNights(v *Validation, n Nights, prefix string) (from, to time.Time) {
	from, errFrom := time.Parse(time.DateOnly, n.From)
	to, errTo := time.Parse(time.DateOnly, n.To)
	v.Check(errFrom == nil, prefix+"from", "must be a date such as 2024-07-02")
	v.Check(errTo == nil, prefix+"to", "must be a date such as 2024-07-05")
	if errFrom == nil && errTo == nil {
		v.Check(to.After(from), prefix+"to", "must be after from: the day of leaving, at least one night later")
		v.Check(to.Sub(from) <= 60*24*time.Hour, prefix+"to", "at most 60 nights")
	}
	return from, to
}

// nightsOf lists the nights of n, assumed valid.
func nightsOf(n Nights) []string {
	from, _ := time.Parse(time.DateOnly, n.From)
	to, _ := time.Parse(time.DateOnly, n.To)
	var out []string
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// checkOccupancy checks that the members of block b fit it: each stays on
// nights the block holds, and on no night do they take more rooms than it
// has. Members who give the same room share it; one without a room takes a
// room of its own. The first overfull night is ECONFLICT, a stay outside
// the block EINVALID on field (prefix)nights.
func checkOccupancy(b *HotelBlock, members []Member, hotel, delegation string) error {
	held := map[string]bool{}
	for _, n := range nightsOf(b.Nights) {
		held[n] = true
	}
	taken := map[string]map[string]bool{} // night → rooms
	for _, m := range members {
		if m.Nights == nil {
			continue
		}
		for _, n := range nightsOf(*m.Nights) {
			if !held[n] {
				return &Error{Code: ECONFLICT, Message: fmt.Sprintf("%s stays the night of %s, which the block at %s (%s to %s) does not hold.",
					m.FullName, n, hotel, b.Nights.From, b.Nights.To), Fields: []FieldError{{Field: "nights", Message: "outside the block's nights"}}}
			}
			room := m.HotelRoom
			if room == "" {
				room = "member:" + m.ID
			}
			if taken[n] == nil {
				taken[n] = map[string]bool{}
			}
			taken[n][room] = true
			if len(taken[n]) > b.Rooms {
				rooms := fmt.Sprintf("%d rooms", b.Rooms)
				if b.Rooms == 1 {
					rooms = "1 room"
				}
				return Errorf(ECONFLICT, "%s holds %s for %s on the night of %s, all taken before %s.", hotel, rooms, delegation, n, m.FullName)
			}
		}
	}
	return nil
}

// checkStay validates a member's stay and, when it has a block, that the
// block is its delegation's and still has room on each of its nights (tx
// reads the block and its other members). Without a block a member has no
// room and no nights; with one and no nights, it stays every night of it.
func checkStay(ctx context.Context, tx interface {
	HotelBlockByID(ctx context.Context, id string) (*HotelBlock, error)
	MembersInBlock(ctx context.Context, blockID string) ([]Member, error)
	DelegationByID(ctx context.Context, id string) (*Delegation, error)
	VenueByID(ctx context.Context, id string) (*Venue, error)
}, m *Member) error {
	if m.HotelBlockID == "" {
		m.HotelRoom, m.Nights = "", nil
		return nil
	}
	var v Validation
	v.Check(utf8.RuneCountInString(m.HotelRoom) <= 40, "hotel_room", "must be at most 40 characters")
	b, err := tx.HotelBlockByID(ctx, m.HotelBlockID)
	if ErrorCode(err) == ENOTFOUND || (err == nil && b.DelegationID != m.DelegationID) {
		v.Add("hotel_block_id", "no hotel block %s of this member's delegation", m.HotelBlockID)
		return v.Err()
	} else if err != nil {
		return err
	}
	if m.Nights == nil {
		n := b.Nights
		m.Nights = &n
	}
	parseNights(&v, *m.Nights, "nights.")
	if err := v.Err(); err != nil {
		return err
	}
	others, err := tx.MembersInBlock(ctx, b.ID)
	if err != nil {
		return err
	}
	others = append(deleteMember(others, m.ID), *m)
	hotel, delegation, err := blockNames(ctx, tx, b)
	if err != nil {
		return err
	}
	return checkOccupancy(b, others, hotel, delegation)
}

// deleteMember returns ms without the member with id.
func deleteMember(ms []Member, id string) []Member {
	out := ms[:0]
	for _, m := range ms {
		if m.ID != id {
			out = append(out, m)
		}
	}
	return out
}

// blockNames are the names of a block's hotel and delegation, for messages.
func blockNames(ctx context.Context, tx interface {
	DelegationByID(ctx context.Context, id string) (*Delegation, error)
	VenueByID(ctx context.Context, id string) (*Venue, error)
}, b *HotelBlock) (hotel, delegation string, err error) {
	v, err := tx.VenueByID(ctx, b.HotelVenueID)
	if err != nil {
		return "", "", err
	}
	d, err := tx.DelegationByID(ctx, b.DelegationID)
	if err != nil {
		return "", "", err
	}
	return v.Name, d.Name, nil
}

// hotelOf returns the hotel with id: ENOTFOUND when no venue has it,
// EINVALID naming venue_id when the venue is not a hotel.
func hotelOf(ctx context.Context, tx HotelRepos, id string) (*Venue, error) {
	v, err := tx.VenueByID(ctx, id)
	if err == nil && v.Kind != "hotel" {
		var val Validation
		val.Add("venue_id", "%s is a venue of kind %s, not a hotel", v.Name, v.Kind)
		return nil, val.Err()
	}
	return v, err
}

// Blocks lists the blocks of a hotel ("" for every hotel): organisers see
// all, a delegate only its delegation's.
func (s Hotels) Blocks(ctx context.Context, actor Actor, hotelVenueID string) ([]HotelBlock, error) {
	delegation := ""
	if CanPlan(actor) != nil {
		if actor.DelegationID == "" {
			return nil, errForbidden("see hotel blocks")
		}
		delegation = actor.DelegationID
	}
	if hotelVenueID != "" {
		if _, err := hotelOf(ctx, s.Store, hotelVenueID); err != nil {
			return nil, err
		}
	}
	return s.Store.ListHotelBlocks(ctx, hotelVenueID, delegation)
}

// Block returns one block of a hotel, to organisers and its delegation's delegates.
func (s Hotels) Block(ctx context.Context, actor Actor, hotelVenueID, id string) (*HotelBlock, error) {
	b, err := s.Store.HotelBlockByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.HotelVenueID != hotelVenueID || (CanPlan(actor) != nil && actor.DelegationID != b.DelegationID) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	return b, nil
}

// SaveBlock creates a block at a hotel (id "") or changes one (organisers).
// A block that would no longer hold the members in it is ECONFLICT; a stale
// ifMatch EPRECONDITION.
func (s Hotels) SaveBlock(ctx context.Context, actor Actor, hotelVenueID, id string, in HotelBlockPatch, ifMatch int) (*HotelBlock, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *HotelBlock
	err := s.Store.WithTx(ctx, func(tx HotelRepos) error {
		hotel, err := hotelOf(ctx, tx, hotelVenueID)
		if err != nil {
			return err
		}
		b, before := &HotelBlock{HotelVenueID: hotelVenueID}, any(nil)
		if id != "" {
			if b, err = tx.HotelBlockByID(ctx, id); err != nil {
				return err
			}
			if b.HotelVenueID != hotelVenueID {
				return Errorf(ENOTFOUND, "Not found.")
			}
			if err := checkVersion("hotel block", b.Version, ifMatch); err != nil {
				return err
			}
			c := *b
			before = &c
		}
		in.Patch(b)
		var v Validation
		v.Check(b.Rooms >= 1 && b.Rooms <= MaxBlockRooms, "rooms", "must be 1 to %d", MaxBlockRooms)
		parseNights(&v, b.Nights, "")
		var d *Delegation
		if b.DelegationID == "" {
			v.Add("delegation_id", "must name a delegation")
		} else if d, err = tx.DelegationByID(ctx, b.DelegationID); ErrorCode(err) == ENOTFOUND {
			v.Add("delegation_id", "no delegation %s", b.DelegationID)
		} else if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if id != "" {
			members, err := tx.MembersInBlock(ctx, id)
			if err != nil {
				return err
			}
			if len(members) > 0 && b.DelegationID != before.(*HotelBlock).DelegationID {
				return Errorf(ECONFLICT, "%d members sleep in this block; move them before giving it to another delegation.", len(members))
			}
			if err := checkOccupancy(b, members, hotel.Name, d.Name); err != nil {
				return err
			}
		}
		write, action := tx.UpdateHotelBlock, "update"
		if id == "" {
			write, action = tx.CreateHotelBlock, "create"
		}
		if err := write(ctx, b); err != nil {
			return err
		}
		out = b
		return s.Clock.audit(ctx, tx, actor, action, "hotel_block", b.ID, before, b)
	})
	return out, err
}

// DeleteBlock removes a block (organisers); ECONFLICT while members sleep in it.
func (s Hotels) DeleteBlock(ctx context.Context, actor Actor, hotelVenueID, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx HotelRepos) error {
		b, err := tx.HotelBlockByID(ctx, id)
		if err != nil {
			return err
		}
		if b.HotelVenueID != hotelVenueID {
			return Errorf(ENOTFOUND, "Not found.")
		}
		if err := checkVersion("hotel block", b.Version, ifMatch); err != nil {
			return err
		}
		members, err := tx.MembersInBlock(ctx, id)
		if err != nil {
			return err
		}
		if len(members) > 0 {
			return Errorf(ECONFLICT, "%d members sleep in this block; move them first.", len(members))
		}
		if err := tx.DeleteHotelBlock(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "hotel_block", id, b, nil)
	})
}

// RoomingEntry is one line of a rooming list.
type RoomingEntry struct {
	Hotel      Venue
	Delegation Delegation
	Block      HotelBlock
	Member     Member
}

// Rooming is a hotel's rooming list ("" for every hotel's), for organisers:
// every member who sleeps there, block by block (by first night), then by
// room and name.
func (s Hotels) Rooming(ctx context.Context, actor Actor, hotelVenueID string) ([]RoomingEntry, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	if hotelVenueID != "" {
		if _, err := hotelOf(ctx, s.Store, hotelVenueID); err != nil {
			return nil, err
		}
	}
	blocks, err := s.Store.ListHotelBlocks(ctx, hotelVenueID, "")
	if err != nil {
		return nil, err
	}
	out := []RoomingEntry{}
	for _, b := range blocks {
		h, err := s.Store.VenueByID(ctx, b.HotelVenueID)
		if err != nil {
			return nil, err
		}
		d, err := s.Store.DelegationByID(ctx, b.DelegationID)
		if err != nil {
			return nil, err
		}
		ms, err := s.Store.MembersInBlock(ctx, b.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			out = append(out, RoomingEntry{Hotel: *h, Delegation: *d, Block: b, Member: m})
		}
	}
	return out, nil
}
