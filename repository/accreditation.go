package repository

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"summit/domain"
)

// Accreditation (migration 0014): access zones with their rooms, badge
// categories with their zones, and members' photos.

type accessZoneRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (accessZoneRow) TableName() string { return "access_zones" }

type badgeCategoryRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	Colour    string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (badgeCategoryRow) TableName() string { return "badge_categories" }

type photoRow struct {
	MemberID  string `gorm:"primaryKey"`
	JPEG      []byte `gorm:"column:jpeg"`
	Width     int
	Height    int
	UpdatedAt time.Time
}

func (photoRow) TableName() string { return "member_photos" }

// linkSet describes one "set of ids" table: owner column, member column.
type linkSet struct{ table, owner, item string }

var (
	zoneRooms     = linkSet{"access_zone_rooms", "zone_id", "room_id"}
	categoryZones = linkSet{"badge_category_zones", "category_id", "zone_id"}
)

// links reads the items of each owner, sorted.
func (r *Repos) links(ctx context.Context, s linkSet, owners []string) (map[string][]string, error) {
	var rows []struct{ Owner, Item string }
	err := r.q(ctx).Table(s.table).Select(s.owner+" AS owner, "+s.item+" AS item").
		Where(s.owner+" IN ?", owners).Order(s.item).Scan(&rows).Error
	out := map[string][]string{}
	for _, row := range rows {
		out[row.Owner] = append(out[row.Owner], row.Item)
	}
	return out, translate(err)
}

// setLinks replaces the items of owner.
func (r *Repos) setLinks(ctx context.Context, s linkSet, owner string, items []string) error {
	return r.WithTx(ctx, func(tx *Repos) error {
		if err := tx.w(ctx).Exec("DELETE FROM "+s.table+" WHERE "+s.owner+" = ?", owner).Error; err != nil {
			return translate(err)
		}
		for _, item := range items {
			if err := tx.w(ctx).Exec("INSERT INTO "+s.table+" ("+s.owner+", "+s.item+") VALUES (?, ?)", owner, item).Error; err != nil {
				return translate(err)
			}
		}
		return nil
	})
}

func (row accessZoneRow) domain(rooms []string) domain.AccessZone {
	return domain.AccessZone{ID: row.ID, Name: row.Name, RoomIDs: nonNil(rooms), Version: row.Version,
		CreatedAt: utc(row.CreatedAt), UpdatedAt: utc(row.UpdatedAt)}
}

func (row badgeCategoryRow) domain(zones []string) domain.BadgeCategory {
	return domain.BadgeCategory{ID: row.ID, Name: row.Name, Colour: row.Colour, ZoneIDs: nonNil(zones), Version: row.Version,
		CreatedAt: utc(row.CreatedAt), UpdatedAt: utc(row.UpdatedAt)}
}

// CreateAccessZone stores a new zone with its rooms.
func (r *Repos) CreateAccessZone(ctx context.Context, z *domain.AccessZone) error {
	now := time.Now().UTC()
	row := accessZoneRow{ID: domain.NewID(), Name: z.Name, Version: 1, CreatedAt: now, UpdatedAt: now}
	return r.WithTx(ctx, func(tx *Repos) error {
		if err := tx.w(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		*z = row.domain(z.RoomIDs)
		return tx.setLinks(ctx, zoneRooms, row.ID, z.RoomIDs)
	})
}

// AccessZoneByID returns the zone with id, ENOTFOUND when absent.
func (r *Repos) AccessZoneByID(ctx context.Context, id string) (*domain.AccessZone, error) {
	zs, err := r.accessZones(ctx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(zs) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	return &zs[0], nil
}

// ListAccessZones lists every zone by name.
func (r *Repos) ListAccessZones(ctx context.Context) ([]domain.AccessZone, error) {
	return r.accessZones(ctx, "1 = 1")
}

func (r *Repos) accessZones(ctx context.Context, cond string, args ...any) ([]domain.AccessZone, error) {
	var rows []accessZoneRow
	if err := r.q(ctx).Where(cond, args...).Order("name, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	rooms, err := r.links(ctx, zoneRooms, ids)
	if err != nil {
		return nil, err
	}
	out := make([]domain.AccessZone, len(rows))
	for i, row := range rows {
		out[i] = row.domain(rooms[row.ID])
	}
	return out, nil
}

// UpdateAccessZone saves z with its rooms over version z.Version and bumps it.
func (r *Repos) UpdateAccessZone(ctx context.Context, z *domain.AccessZone) error {
	row := accessZoneRow{ID: z.ID, Name: z.Name, Version: z.Version + 1, CreatedAt: z.CreatedAt, UpdatedAt: time.Now().UTC()}
	return r.WithTx(ctx, func(tx *Repos) error {
		res := tx.w(ctx).Model(&accessZoneRow{}).Where("id = ? AND version = ?", z.ID, z.Version).
			Select("name", "version", "updated_at").Updates(&row)
		if err := translate(res.Error); err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return staleOrMissing(ctx, tx, "access_zones", z.ID)
		}
		*z = row.domain(z.RoomIDs)
		return tx.setLinks(ctx, zoneRooms, z.ID, z.RoomIDs)
	})
}

// DeleteAccessZone removes a zone; ECONFLICT while a category lists it.
func (r *Repos) DeleteAccessZone(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &accessZoneRow{}, id)
}

// CreateBadgeCategory stores a new category with its zones.
func (r *Repos) CreateBadgeCategory(ctx context.Context, c *domain.BadgeCategory) error {
	now := time.Now().UTC()
	row := badgeCategoryRow{ID: domain.NewID(), Name: c.Name, Colour: c.Colour, Version: 1, CreatedAt: now, UpdatedAt: now}
	return r.WithTx(ctx, func(tx *Repos) error {
		if err := tx.w(ctx).Create(&row).Error; err != nil {
			return translate(err)
		}
		*c = row.domain(c.ZoneIDs)
		return tx.setLinks(ctx, categoryZones, row.ID, c.ZoneIDs)
	})
}

// BadgeCategoryByID returns the category with id, ENOTFOUND when absent.
func (r *Repos) BadgeCategoryByID(ctx context.Context, id string) (*domain.BadgeCategory, error) {
	cs, err := r.badgeCategories(ctx, "id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "Not found.")
	}
	return &cs[0], nil
}

// ListBadgeCategories lists every category by name.
func (r *Repos) ListBadgeCategories(ctx context.Context) ([]domain.BadgeCategory, error) {
	return r.badgeCategories(ctx, "1 = 1")
}

func (r *Repos) badgeCategories(ctx context.Context, cond string, args ...any) ([]domain.BadgeCategory, error) {
	var rows []badgeCategoryRow
	if err := r.q(ctx).Where(cond, args...).Order("name, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	ids := make([]string, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	zones, err := r.links(ctx, categoryZones, ids)
	if err != nil {
		return nil, err
	}
	out := make([]domain.BadgeCategory, len(rows))
	for i, row := range rows {
		out[i] = row.domain(zones[row.ID])
	}
	return out, nil
}

// UpdateBadgeCategory saves c with its zones over version c.Version and bumps it.
func (r *Repos) UpdateBadgeCategory(ctx context.Context, c *domain.BadgeCategory) error {
	row := badgeCategoryRow{ID: c.ID, Name: c.Name, Colour: c.Colour, Version: c.Version + 1, CreatedAt: c.CreatedAt, UpdatedAt: time.Now().UTC()}
	return r.WithTx(ctx, func(tx *Repos) error {
		res := tx.w(ctx).Model(&badgeCategoryRow{}).Where("id = ? AND version = ?", c.ID, c.Version).
			Select("name", "colour", "version", "updated_at").Updates(&row)
		if err := translate(res.Error); err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			return staleOrMissing(ctx, tx, "badge_categories", c.ID)
		}
		*c = row.domain(c.ZoneIDs)
		return tx.setLinks(ctx, categoryZones, c.ID, c.ZoneIDs)
	})
}

// DeleteBadgeCategory removes a category; ECONFLICT while members hold it.
func (r *Repos) DeleteBadgeCategory(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &badgeCategoryRow{}, id)
}

// CategoryAdmits reports whether a zone of the category holds the room: one indexed query.
func (r *Repos) CategoryAdmits(ctx context.Context, categoryID, roomID string) (bool, error) {
	return exists(ctx, r, "badge_category_zones c JOIN access_zone_rooms z ON z.zone_id = c.zone_id",
		"c.category_id = ? AND z.room_id = ?", categoryID, roomID)
}

// MemberPhoto returns a member's photo, ENOTFOUND when it has none.
func (r *Repos) MemberPhoto(ctx context.Context, memberID string) (*domain.Photo, error) {
	var row photoRow
	if err := r.q(ctx).Where("member_id = ?", memberID).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	return &domain.Photo{MemberID: row.MemberID, JPEG: row.JPEG, Width: row.Width, Height: row.Height, UpdatedAt: utc(row.UpdatedAt)}, nil
}

// PutMemberPhoto stores a member's photo, replacing the one it had.
func (r *Repos) PutMemberPhoto(ctx context.Context, p *domain.Photo) error {
	row := photoRow{MemberID: p.MemberID, JPEG: p.JPEG, Width: p.Width, Height: p.Height, UpdatedAt: utc(p.UpdatedAt)}
	err := r.w(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "member_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"jpeg", "width", "height", "updated_at"})}).Create(&row).Error
	return translate(err)
}

var _ domain.AccreditationRepos = (*Repos)(nil)
var _ domain.DelegationRepos = (*Repos)(nil)
