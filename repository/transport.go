package repository

import (
	"context"
	"time"

	"summit/domain"
)

// Ground transport (migration 0015): vehicles and the motorcades that hold them.

type vehicleRow struct {
	ID          string `gorm:"primaryKey"`
	Plate       string
	Kind        string
	Seats       int
	DriverName  string
	DriverPhone string
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (vehicleRow) TableName() string { return "vehicles" }

func (row vehicleRow) domain() domain.Vehicle {
	return domain.Vehicle{ID: row.ID, Plate: row.Plate, Kind: row.Kind, Seats: row.Seats, DriverName: row.DriverName,
		DriverPhone: row.DriverPhone, Version: row.Version, CreatedAt: utc(row.CreatedAt), UpdatedAt: utc(row.UpdatedAt)}
}

var motorcadeVehicles = linkSet{"motorcade_vehicles", "delegation_id", "vehicle_id"}

// CreateVehicle stores a new vehicle; a plate taken already is ECONFLICT.
func (r *Repos) CreateVehicle(ctx context.Context, v *domain.Vehicle) error {
	now := time.Now().UTC()
	row := vehicleRow{ID: domain.NewID(), Plate: v.Plate, Kind: v.Kind, Seats: v.Seats, DriverName: v.DriverName,
		DriverPhone: v.DriverPhone, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := r.w(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	*v = row.domain()
	return nil
}

// VehicleByID returns the vehicle with id, ENOTFOUND when absent.
func (r *Repos) VehicleByID(ctx context.Context, id string) (*domain.Vehicle, error) {
	var row vehicleRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	v := row.domain()
	return &v, nil
}

// ListVehicles lists every vehicle by plate.
func (r *Repos) ListVehicles(ctx context.Context) ([]domain.Vehicle, error) {
	var rows []vehicleRow
	if err := r.q(ctx).Order("plate").Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Vehicle, len(rows))
	for i, row := range rows {
		out[i] = row.domain()
	}
	return out, nil
}

// UpdateVehicle saves v over version v.Version and bumps it.
func (r *Repos) UpdateVehicle(ctx context.Context, v *domain.Vehicle) error {
	row := vehicleRow{Plate: v.Plate, Kind: v.Kind, Seats: v.Seats, DriverName: v.DriverName, DriverPhone: v.DriverPhone,
		Version: v.Version + 1, UpdatedAt: time.Now().UTC()}
	res := r.w(ctx).Model(&vehicleRow{}).Where("id = ? AND version = ?", v.ID, v.Version).
		Select("plate", "kind", "seats", "driver_name", "driver_phone", "version", "updated_at").Updates(&row)
	if err := translate(res.Error); err != nil {
		return err
	}
	if res.RowsAffected == 0 {
		return staleOrMissing(ctx, r, "vehicles", v.ID)
	}
	v.Version, v.UpdatedAt = row.Version, row.UpdatedAt
	return nil
}

// DeleteVehicle removes a vehicle; ECONFLICT while a motorcade holds it.
func (r *Repos) DeleteVehicle(ctx context.Context, id string) error {
	return deleteByID(ctx, r, &vehicleRow{}, id)
}

// Motorcades returns each delegation's vehicle ids, sorted, by delegation id.
func (r *Repos) Motorcades(ctx context.Context) (map[string][]string, error) {
	var rows []struct{ DelegationID, VehicleID string }
	err := r.q(ctx).Table(motorcadeVehicles.table).Select("delegation_id, vehicle_id").Order("vehicle_id").Scan(&rows).Error
	out := map[string][]string{}
	for _, row := range rows {
		out[row.DelegationID] = append(out[row.DelegationID], row.VehicleID)
	}
	return out, translate(err)
}

// SetMotorcade replaces the vehicles of a delegation's motorcade.
func (r *Repos) SetMotorcade(ctx context.Context, delegationID string, vehicleIDs []string) error {
	return r.setLinks(ctx, motorcadeVehicles, delegationID, vehicleIDs)
}
