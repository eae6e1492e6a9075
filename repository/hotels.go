package repository

import (
	"context"
	"time"

	"summit/domain"
)

// Hotel blocks (migration 0016) and the members who sleep in them.

type hotelBlockRow struct {
	ID           string `gorm:"primaryKey"`
	HotelVenueID string
	DelegationID string
	Rooms        int
	NightsFrom   string
	NightsTo     string
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (hotelBlockRow) TableName() string { return "hotel_blocks" }

func (row hotelBlockRow) domain() domain.HotelBlock {
	return domain.HotelBlock{ID: row.ID, HotelVenueID: row.HotelVenueID, DelegationID: row.DelegationID, Rooms: row.Rooms,
		Nights: domain.Nights{From: row.NightsFrom, To: row.NightsTo}, Version: row.Version,
		CreatedAt: utc(row.CreatedAt), UpdatedAt: utc(row.UpdatedAt)}
}

func toHotelBlockRow(b *domain.HotelBlock) hotelBlockRow {
	return hotelBlockRow{ID: b.ID, HotelVenueID: b.HotelVenueID, DelegationID: b.DelegationID, Rooms: b.Rooms,
		NightsFrom: b.Nights.From, NightsTo: b.Nights.To, Version: b.Version, CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt}
}

// CreateHotelBlock stores a new block.
func (r *Repos) CreateHotelBlock(ctx context.Context, b *domain.HotelBlock) error {
	now := time.Now().UTC()
	b.ID, b.Version, b.CreatedAt, b.UpdatedAt = domain.NewID(), 1, now, now
	row := toHotelBlockRow(b)
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*b = row.domain()
	return nil
}

// UpdateHotelBlock saves b over version b.Version and bumps it.
func (r *Repos) UpdateHotelBlock(ctx context.Context, b *domain.HotelBlock) error {
	row := toHotelBlockRow(b)
	row.Version, row.UpdatedAt = b.Version+1, time.Now().UTC()
	res := r.w(ctx).Model(&hotelBlockRow{}).Where("id = ? AND version = ?", b.ID, b.Version).
		Select("delegation_id", "rooms", "nights_from", "nights_to", "version", "updated_at").Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "hotel_blocks", b.ID)
	}
	b.Version, b.UpdatedAt = row.Version, utc(row.UpdatedAt)
	return nil
}

// DeleteHotelBlock removes the block with id.
func (r *Repos) DeleteHotelBlock(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &hotelBlockRow{}, id)
}

// HotelBlockByID returns the block with id, ENOTFOUND when absent.
func (r *Repos) HotelBlockByID(ctx context.Context, id string) (*domain.HotelBlock, error) {
	var row hotelBlockRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	b := row.domain()
	return &b, nil
}

// ListHotelBlocks lists the blocks of a hotel and of a delegation ("" for any).
func (r *Repos) ListHotelBlocks(ctx context.Context, hotelVenueID, delegationID string) ([]domain.HotelBlock, error) {
	q := r.q(ctx).Order("hotel_venue_id, nights_from, delegation_id, id")
	if hotelVenueID != "" {
		q = q.Where("hotel_venue_id = ?", hotelVenueID)
	}
	if delegationID != "" {
		q = q.Where("delegation_id = ?", delegationID)
	}
	var rows []hotelBlockRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.HotelBlock, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// MembersInBlock lists the members who sleep in a block, by room and name.
func (r *Repos) MembersInBlock(ctx context.Context, blockID string) ([]domain.Member, error) {
	var rows []memberRow
	if err := r.q(ctx).Select(memberColumns).Where("hotel_block_id = ?", blockID).Order("hotel_room, full_name, id").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Member, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}
