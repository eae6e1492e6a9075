package repository_test

import (
	"testing"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// TestTransportConstraints: the database backs ground transport's rules
// (migration 0015): unique plates, seats above 0, known kinds, a vehicle in
// a motorcade and a hotel a delegation stays at cannot be deleted, and a
// deleted delegation's motorcade goes with it.
func TestTransportConstraints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *repository.DB) {
		store := db.Store()
		code := domain.ErrorCode
		car := &domain.Vehicle{Plate: "001 KZ 01", Kind: "car", Seats: 4}
		if err := store.CreateVehicle(ctx, car); err != nil {
			t.Fatal(err)
		}
		if err := store.CreateVehicle(ctx, &domain.Vehicle{Plate: "001 KZ 01", Kind: "van", Seats: 8}); code(err) != domain.ECONFLICT {
			t.Errorf("a taken plate: %v", err)
		}
		if err := store.CreateVehicle(ctx, &domain.Vehicle{Plate: "002 KZ 01", Kind: "car", Seats: 0}); code(err) != domain.EINVALID {
			t.Errorf("0 seats: %v", err)
		}
		if err := store.CreateVehicle(ctx, &domain.Vehicle{Plate: "003 KZ 01", Kind: "tank", Seats: 2}); code(err) != domain.EINVALID {
			t.Errorf("kind tank: %v", err)
		}
		hotel := &domain.Venue{Name: "Hilton Astana", Kind: "hotel"}
		if err := store.CreateVenue(ctx, hotel); err != nil {
			t.Fatal(err)
		}
		if err := store.CreateVenue(ctx, &domain.Venue{Name: "Castle", Kind: "castle"}); code(err) != domain.EINVALID {
			t.Errorf("kind castle: %v", err)
		}
		d := &domain.Delegation{Code: "CHN", Name: "China", Kind: "member", HotelVenueID: hotel.ID, NoticeLanguage: "en"}
		if err := store.CreateDelegation(ctx, d); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.DelegationByID(ctx, d.ID); got.HotelVenueID != hotel.ID {
			t.Errorf("hotel %q, want %q", got.HotelVenueID, hotel.ID)
		}
		if used, _ := store.HotelInUse(ctx, hotel.ID); !used {
			t.Error("the hotel is not in use")
		}
		if err := store.DeleteVenue(ctx, hotel.ID); code(err) != domain.ECONFLICT {
			t.Errorf("deleting a hotel in use: %v", err)
		}
		if err := store.SetMotorcade(ctx, d.ID, []string{car.ID}); err != nil {
			t.Fatal(err)
		}
		if m, _ := store.Motorcades(ctx); len(m[d.ID]) != 1 || m[d.ID][0] != car.ID {
			t.Errorf("motorcades %v", m)
		}
		if err := store.DeleteVehicle(ctx, car.ID); code(err) != domain.ECONFLICT {
			t.Errorf("deleting a vehicle in a motorcade: %v", err)
		}
		if err := store.DeleteDelegation(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
		if m, _ := store.Motorcades(ctx); len(m) != 0 {
			t.Errorf("a deleted delegation's motorcade stays: %v", m)
		}
		if err := store.DeleteVehicle(ctx, car.ID); err != nil {
			t.Errorf("deleting a free vehicle: %v", err)
		}
	})
}
