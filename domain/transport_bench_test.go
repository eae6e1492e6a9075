package domain

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// BenchmarkMovements: the movements of 60 delegations' heads over the 3
// days of a programme of 10,000 meetings (two people each, among 600), and
// the vehicle problems of a pool of 100 cars shared at random — what one
// read of GET /movements or the transport problems works out (target: under 50 ms).
func BenchmarkMovements(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	venues := []string{"palace", "akorda", "expo", "opera", "airport", "ritz", "regis", "hilton"}
	travel := TravelTimes{}
	for i, a := range venues {
		for _, c := range venues[i+1:] {
			travel[[2]string{a, c}] = 10 + rng.Intn(20)
		}
	}
	w := transportWorld{loc: astanaZone, days: []string{"2024-07-03", "2024-07-04", "2024-07-05"}, buffer: 10 * time.Minute,
		travel: travel, heads: map[string]string{}, motorcades: map[string][]string{}, vehicles: map[string]Vehicle{}}
	for v := 0; v < 100; v++ {
		id := fmt.Sprintf("car%d", v)
		w.vehicles[id] = Vehicle{ID: id, Plate: fmt.Sprintf("%03d SCO 01", v)}
	}
	for d := 0; d < 60; d++ {
		id := fmt.Sprintf("d%d", d)
		w.delegations = append(w.delegations, Delegation{ID: id, Name: id, HotelVenueID: venues[5+d%3]})
		w.heads[id] = fmt.Sprintf("p%d", d)
		w.motorcades[id] = []string{fmt.Sprintf("car%d", rng.Intn(100)), fmt.Sprintf("car%d", rng.Intn(100))}
	}
	bookings := make([]Booking, 10000)
	for i := range bookings {
		start := astanaAt(3+rng.Intn(3), fmt.Sprintf("%02d:%02d", 8+rng.Intn(12), 15*rng.Intn(4)))
		bookings[i] = Booking{MeetingID: fmt.Sprintf("m%d", i), VenueID: venues[rng.Intn(5)], Kind: "bilateral", StartsAt: start,
			EndsAt: start.Add(time.Duration(15+15*rng.Intn(4)) * time.Minute), MemberIDs: []string{fmt.Sprintf("p%d", rng.Intn(600)), fmt.Sprintf("p%d", rng.Intn(600))}}
	}
	b.ResetTimer()
	for b.Loop() {
		mvs := w.derive(bookings, nil)
		ps := w.movementProblems(mvs)
		if len(mvs) == 0 || len(ps) == 0 {
			b.Fatalf("%d movements, %d problems", len(mvs), len(ps))
		}
	}
}
