package domain

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Accreditation (CONTRACT section 15): access zones are sets of rooms; a
// badge category (with its colour) opens the zones it lists; a member has
// a category, a photo, and an accreditation that organisers approve.

// AccessZone is a set of rooms that a badge category may open.
type AccessZone struct {
	ID        string
	Name      string
	RoomIDs   []string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// BadgeCategory is a kind of badge: its colour band and the zones it opens.
type BadgeCategory struct {
	ID        string
	Name      string
	Colour    string // #rrggbb
	ZoneIDs   []string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AccessZonePatch is a change to a zone (on create, to a new one): nil fields stay.
type AccessZonePatch struct {
	Name    *string
	RoomIDs *[]string
}

// BadgeCategoryPatch is a change to a category (on create, to a new one): nil fields stay.
type BadgeCategoryPatch struct {
	Name    *string
	Colour  *string
	ZoneIDs *[]string
}

// MaxZoneItems bounds the rooms of a zone and the zones of a category.
const MaxZoneItems = 500

// AccreditationRepo persists access zones, badge categories, members'
// photos and the badge key. Lookups of absent ones return ENOTFOUND.
type AccreditationRepo interface {
	CreateAccessZone(ctx context.Context, z *AccessZone) error
	AccessZoneByID(ctx context.Context, id string) (*AccessZone, error)
	ListAccessZones(ctx context.Context) ([]AccessZone, error)
	// UpdateAccessZone saves z with its rooms over version z.Version and bumps it.
	UpdateAccessZone(ctx context.Context, z *AccessZone) error
	// DeleteAccessZone removes a zone; ECONFLICT while a category lists it.
	DeleteAccessZone(ctx context.Context, id string) error
	CreateBadgeCategory(ctx context.Context, c *BadgeCategory) error
	BadgeCategoryByID(ctx context.Context, id string) (*BadgeCategory, error)
	ListBadgeCategories(ctx context.Context) ([]BadgeCategory, error)
	// UpdateBadgeCategory saves c with its zones over version c.Version and bumps it.
	UpdateBadgeCategory(ctx context.Context, c *BadgeCategory) error
	// DeleteBadgeCategory removes a category; ECONFLICT while members hold it.
	DeleteBadgeCategory(ctx context.Context, id string) error
	// MemberPhoto returns a member's photo, ENOTFOUND when it has none.
	MemberPhoto(ctx context.Context, memberID string) (*Photo, error)
	// PutMemberPhoto stores a member's photo, replacing the one it had.
	PutMemberPhoto(ctx context.Context, p *Photo) error
	// CategoryAdmits reports whether a zone of the category holds the room.
	CategoryAdmits(ctx context.Context, categoryID, roomID string) (bool, error)
	SettingRepo
}

// SettingRepo keeps small named values (keys, secrets) in the database.
type SettingRepo interface {
	// Setting returns the value stored under key and whether there is one.
	Setting(ctx context.Context, key string) (string, bool, error)
	SetSetting(ctx context.Context, key, value string) error
	// SetSettingIfAbsent stores value unless key has one, and returns the stored value.
	SetSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}

// MemberLister lists and changes members.
type MemberLister interface {
	ListMembers(ctx context.Context, delegationID string) ([]Member, error)
	UpdateMember(ctx context.Context, m *Member) error
}

// AccreditationRepos are what the accreditation service reads and writes.
type AccreditationRepos interface {
	AccreditationRepo
	DelegationReader
	MemberLister
	RoomByID(ctx context.Context, id string) (*Room, error)
	SummitReader
	AuditAppender
}

// AccreditationStore is what the accreditation service keeps its data in.
type AccreditationStore interface {
	AccreditationRepos
	Transactor[AccreditationRepos]
}

// Accreditation is the service for zones, badge categories, photos, badges
// and the checks at the door.
type Accreditation struct {
	Store AccreditationStore
	Clock Clock
}

var colourPattern = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// Patch lays in over z.
func (in AccessZonePatch) Patch(z *AccessZone) {
	if in.Name != nil {
		z.Name = strings.TrimSpace(*in.Name)
	}
	if in.RoomIDs != nil {
		z.RoomIDs = uniqueSorted(*in.RoomIDs)
	}
}

// Patch lays in over c.
func (in BadgeCategoryPatch) Patch(c *BadgeCategory) {
	if in.Name != nil {
		c.Name = strings.TrimSpace(*in.Name)
	}
	if in.Colour != nil {
		c.Colour = strings.ToLower(strings.TrimSpace(*in.Colour))
	}
	if in.ZoneIDs != nil {
		c.ZoneIDs = uniqueSorted(*in.ZoneIDs)
	}
}

// uniqueSorted returns the ids once each, sorted, never nil.
func uniqueSorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return append([]string{}, slices.Compact(out)...)
}

// checkZone validates z, including that its rooms exist.
func checkZone(ctx context.Context, tx AccreditationRepos, z *AccessZone) error {
	var v Validation
	v.Check(z.Name != "" && utf8.RuneCountInString(z.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(len(z.RoomIDs) <= MaxZoneItems, "room_ids", "at most %d items", MaxZoneItems)
	for _, id := range z.RoomIDs {
		if _, err := tx.RoomByID(ctx, id); ErrorCode(err) == ENOTFOUND {
			v.Add("room_ids", "no room %s", id)
		} else if err != nil {
			return err
		}
	}
	return v.Err()
}

// checkCategory validates c, including that its zones exist.
func checkCategory(ctx context.Context, tx AccreditationRepos, c *BadgeCategory) error {
	var v Validation
	v.Check(c.Name != "" && utf8.RuneCountInString(c.Name) <= 200, "name", "must be 1 to 200 characters")
	v.Check(colourPattern.MatchString(c.Colour), "colour", "must be a colour such as #1f6feb")
	v.Check(len(c.ZoneIDs) <= MaxZoneItems, "zone_ids", "at most %d items", MaxZoneItems)
	for _, id := range c.ZoneIDs {
		if _, err := tx.AccessZoneByID(ctx, id); ErrorCode(err) == ENOTFOUND {
			v.Add("zone_ids", "no access zone %s", id)
		} else if err != nil {
			return err
		}
	}
	return v.Err()
}

// Zones lists the access zones by name (organisers).
func (s Accreditation) Zones(ctx context.Context, actor Actor) ([]AccessZone, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.ListAccessZones(ctx)
}

// Zone returns one access zone (organisers).
func (s Accreditation) Zone(ctx context.Context, actor Actor, id string) (*AccessZone, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.AccessZoneByID(ctx, id)
}

// SaveZone creates a zone (id "") or changes one (organisers); a stale
// ifMatch is EPRECONDITION.
func (s Accreditation) SaveZone(ctx context.Context, actor Actor, id string, in AccessZonePatch, ifMatch int) (*AccessZone, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *AccessZone
	err := s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		z, before := &AccessZone{RoomIDs: []string{}}, any(nil)
		if id != "" {
			var err error
			if z, err = tx.AccessZoneByID(ctx, id); err != nil {
				return err
			}
			if err := checkVersion("access zone", z.Version, ifMatch); err != nil {
				return err
			}
			b := *z
			before = &b
		}
		in.Patch(z)
		if err := checkZone(ctx, tx, z); err != nil {
			return err
		}
		write, action := tx.UpdateAccessZone, "update"
		if id == "" {
			write, action = tx.CreateAccessZone, "create"
		}
		if err := write(ctx, z); err != nil {
			return err
		}
		out = z
		return s.Clock.audit(ctx, tx, actor, action, "access_zone", z.ID, before, z)
	})
	return out, err
}

// DeleteZone removes a zone (organisers); ECONFLICT while a category lists it.
func (s Accreditation) DeleteZone(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		z, err := tx.AccessZoneByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("access zone", z.Version, ifMatch); err != nil {
			return err
		}
		if err := tx.DeleteAccessZone(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "access_zone", id, z, nil)
	})
}

// Categories lists the badge categories by name (organisers).
func (s Accreditation) Categories(ctx context.Context, actor Actor) ([]BadgeCategory, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.ListBadgeCategories(ctx)
}

// Category returns one badge category (organisers).
func (s Accreditation) Category(ctx context.Context, actor Actor, id string) (*BadgeCategory, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	return s.Store.BadgeCategoryByID(ctx, id)
}

// SaveCategory creates a category (id "") or changes one (organisers).
func (s Accreditation) SaveCategory(ctx context.Context, actor Actor, id string, in BadgeCategoryPatch, ifMatch int) (*BadgeCategory, error) {
	if err := CanPlan(actor); err != nil {
		return nil, err
	}
	var out *BadgeCategory
	err := s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		c, before := &BadgeCategory{ZoneIDs: []string{}}, any(nil)
		if id != "" {
			var err error
			if c, err = tx.BadgeCategoryByID(ctx, id); err != nil {
				return err
			}
			if err := checkVersion("badge category", c.Version, ifMatch); err != nil {
				return err
			}
			b := *c
			before = &b
		}
		in.Patch(c)
		if err := checkCategory(ctx, tx, c); err != nil {
			return err
		}
		write, action := tx.UpdateBadgeCategory, "update"
		if id == "" {
			write, action = tx.CreateBadgeCategory, "create"
		}
		if err := write(ctx, c); err != nil {
			return err
		}
		out = c
		return s.Clock.audit(ctx, tx, actor, action, "badge_category", c.ID, before, c)
	})
	return out, err
}

// DeleteCategory removes a category (organisers); ECONFLICT while members hold it.
func (s Accreditation) DeleteCategory(ctx context.Context, actor Actor, id string, ifMatch int) error {
	if err := CanPlan(actor); err != nil {
		return err
	}
	return s.Store.WithTx(ctx, func(tx AccreditationRepos) error {
		c, err := tx.BadgeCategoryByID(ctx, id)
		if err != nil {
			return err
		}
		if err := checkVersion("badge category", c.Version, ifMatch); err != nil {
			return err
		}
		if err := tx.DeleteBadgeCategory(ctx, id); err != nil {
			return err
		}
		return s.Clock.audit(ctx, tx, actor, "delete", "badge_category", id, c, nil)
	})
}
