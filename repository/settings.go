package repository

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"summit/domain"
)

type settingRow struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (settingRow) TableName() string { return "settings" }

type summitRow struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	City      string
	Timezone  string
	StartsOn  string
	EndsOn    string
	DayStarts string
	DayEnds   string
	// RestMinutes and MaxBilateralsPerDay are the rules' settings (migration 0006).
	RestMinutes         int
	MaxBilateralsPerDay int
	// ArrivalBufferMinutes is ground transport's (migration 0015).
	ArrivalBufferMinutes int
	Version              int
	UpdatedAt            time.Time
}

func (summitRow) TableName() string { return "summits" }

// Setting returns the value stored under key and whether there is one.
func (r *Repos) Setting(ctx context.Context, key string) (string, bool, error) {
	var rows []settingRow
	if err := r.q(ctx).Where("key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return "", false, translate(err)
	}
	if len(rows) == 0 {
		return "", false, nil
	}
	return rows[0].Value, true, nil
}

// SetSetting stores value under key, replacing what was there.
func (r *Repos) SetSetting(ctx context.Context, key, value string) error {
	err := r.w(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value"})}).Create(&settingRow{Key: key, Value: value}).Error
	return translate(err)
}

// SetSettingIfAbsent stores value unless key has one, and returns the stored value.
func (r *Repos) SetSettingIfAbsent(ctx context.Context, key, value string) (string, error) {
	var stored string
	err := r.WithTx(ctx, func(tx *Repos) error {
		q := tx.q(ctx)
		if err := q.Clauses(clause.OnConflict{DoNothing: true}).Create(&settingRow{Key: key, Value: value}).Error; err != nil {
			return translate(err)
		}
		v, _, err := tx.Setting(ctx, key)
		stored = v
		return err
	})
	return stored, err
}

// Summit returns the summit's settings, ENOTFOUND before they are set.
func (r *Repos) Summit(ctx context.Context) (*domain.Summit, error) {
	var row summitRow
	if err := r.q(ctx).Where("id = 'summit'").Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	return &domain.Summit{Name: row.Name, City: row.City, Timezone: row.Timezone, StartsOn: row.StartsOn,
		EndsOn: row.EndsOn, DayStarts: row.DayStarts, DayEnds: row.DayEnds, RestMinutes: row.RestMinutes,
		MaxBilateralsPerDay: row.MaxBilateralsPerDay, ArrivalBufferMinutes: row.ArrivalBufferMinutes, Version: row.Version,
		UpdatedAt: utc(row.UpdatedAt)}, nil
}

// PutSummit stores the summit's settings: creates them at version 1, or
// replaces version s.Version (EPRECONDITION when stale) and bumps it.
func (r *Repos) PutSummit(ctx context.Context, s *domain.Summit) error {
	row := summitRow{ID: "summit", Name: s.Name, City: s.City, Timezone: s.Timezone, StartsOn: s.StartsOn,
		EndsOn: s.EndsOn, DayStarts: s.DayStarts, DayEnds: s.DayEnds, RestMinutes: s.RestMinutes,
		MaxBilateralsPerDay: s.MaxBilateralsPerDay, ArrivalBufferMinutes: s.ArrivalBufferMinutes, Version: s.Version + 1,
		UpdatedAt: time.Now().UTC()}
	var res = r.w(ctx)
	if s.Version == 0 {
		res = res.Create(&row)
	} else {
		// Select("*"): a full replacement, zeros (a rule turned off) included.
		res = res.Model(&summitRow{}).Where("id = 'summit' AND version = ?", s.Version).Select("*").Updates(&row)
	}
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "summits", "summit")
	}
	s.Version, s.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}

// HasSummitData reports whether any delegation, venue or meeting exists.
func (r *Repos) HasSummitData(ctx context.Context) (bool, error) {
	var n int64
	err := r.q(ctx).Raw(`SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM delegations LIMIT 1) d)
		+ (SELECT COUNT(*) FROM (SELECT 1 FROM venues LIMIT 1) v)
		+ (SELECT COUNT(*) FROM (SELECT 1 FROM meetings LIMIT 1) m)`).Scan(&n).Error
	return n > 0, translate(err)
}
