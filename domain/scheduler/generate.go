package scheduler

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// GenConfig sizes a synthetic summit for Generate.
type GenConfig struct {
	Delegations        int // each has a head and Ministers ministers
	Ministers          int
	Venues             int
	Rooms              int // the first is the plenary hall in the first venue
	Days               int // starting on 3 July 2024, 09:00–19:00 Astana time
	Requests           int
	GranularityMinutes int // zero means 15
	RestMinutes        int // the problem's rest_minutes
	HeadCap            int // when positive, every head's max_placements_per_window
}

// delegationNames are the codes and working languages of the first
// delegations Generate uses: the host, SCO members, observers, dialogue
// partners and organisations. Further delegations get made-up codes.
var delegationNames = []struct{ code, lang string }{
	{"KAZ", "kk"}, {"CHN", "zh"}, {"RUS", "ru"}, {"IND", "en"}, {"PAK", "en"},
	{"IRN", "fa"}, {"KGZ", "ru"}, {"TJK", "ru"}, {"UZB", "ru"}, {"BLR", "ru"},
	{"MNG", "mn"}, {"TUR", "tr"}, {"AZE", "ru"}, {"ARM", "ru"}, {"EGY", "ar"},
	{"QAT", "ar"}, {"SAU", "ar"}, {"ARE", "ar"}, {"KWT", "ar"}, {"BHR", "ar"},
	{"MDV", "en"}, {"MMR", "en"}, {"NPL", "en"}, {"KHM", "en"}, {"LKA", "en"},
	{"UN", "en"}, {"CIS", "ru"}, {"CSTO", "ru"}, {"EAEU", "ru"}, {"TKM", "ru"},
}

var extraLanguages = []string{"ru", "en", "zh", "ar", "fa", "tr", "fr", "es"}

// Generate builds a realistic, deterministic summit problem for tests and
// benchmarks: delegations with a head and ministers, a plenary hall and
// bilateral rooms in several venues with travel times and interpretation
// booths, summit days as windows, plenaries, an official lunch and a
// ministers' council as fixed commitments, late arrivals and early
// departures, and more bilateral requests than can fit.
func Generate(seed int64, cfg GenConfig) *Problem {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5a33))
	cfg.Delegations = max(cfg.Delegations, 2)
	cfg.Venues = max(cfg.Venues, 1)
	cfg.Rooms = max(cfg.Rooms, 1)
	cfg.Days = max(cfg.Days, 1)
	if cfg.GranularityMinutes <= 0 {
		cfg.GranularityMinutes = 15
	}
	astana := time.FixedZone("Asia/Almaty", 5*3600)
	at := func(day, hour, minute int) time.Time {
		return time.Date(2024, 7, 3+day, hour, minute, 0, 0, astana)
	}
	p := &Problem{GranularityMinutes: cfg.GranularityMinutes}
	for d := range cfg.Days {
		p.Windows = append(p.Windows, Interval{at(d, 9, 0), at(d, 19, 0)})
	}

	for i := range cfg.Venues {
		v := Venue{ID: fmt.Sprintf("v%d", i+1), TravelMinutes: map[string]int{}}
		for j := i + 1; j < cfg.Venues; j++ {
			v.TravelMinutes[fmt.Sprintf("v%d", j+1)] = 10 + 5*rng.IntN(4)
		}
		p.Venues = append(p.Venues, v)
	}
	// Some pairs are given in both directions, the way back a little longer.
	for i := range p.Venues {
		for j := i + 1; j < cfg.Venues; j++ {
			if rng.IntN(5) == 0 {
				p.Venues[j].TravelMinutes[p.Venues[i].ID] = p.Venues[i].TravelMinutes[p.Venues[j].ID] + 5*rng.IntN(2)
			}
		}
	}

	type delegation struct {
		code, lang string
		head       string
		ministers  []string
	}
	var dels []delegation
	langs := map[string]bool{} // working languages in use
	for i := range cfg.Delegations {
		d := delegation{}
		if i < len(delegationNames) {
			d.code, d.lang = delegationNames[i].code, delegationNames[i].lang
		} else {
			d.code, d.lang = fmt.Sprintf("D%03d", i+1), extraLanguages[rng.IntN(len(extraLanguages))]
		}
		langs[d.lang] = true
		d.head = d.code + "-head"
		for k := range cfg.Ministers {
			d.ministers = append(d.ministers, fmt.Sprintf("%s-m%d", d.code, k+1))
		}
		dels = append(dels, d)
	}

	allLangs := []string{}
	for _, d := range dels {
		if !slices.Contains(allLangs, d.lang) {
			allLangs = append(allLangs, d.lang)
		}
	}
	p.Rooms = append(p.Rooms, Room{ID: "r1", VenueID: "v1", Capacity: 300, InterpretationLanguages: allLangs, ChangeoverMinutes: 30})
	capacities := []int{8, 10, 12, 16, 20, 24, 30}
	for i := 1; i < cfg.Rooms; i++ {
		room := Room{
			ID:                fmt.Sprintf("r%d", i+1),
			VenueID:           fmt.Sprintf("v%d", i%cfg.Venues+1),
			Capacity:          capacities[rng.IntN(len(capacities))],
			ChangeoverMinutes: []int{0, 0, 10, 15}[rng.IntN(4)],
		}
		switch k := rng.IntN(20); {
		case k < 3: // no booths
		case k < 7:
			room.InterpretationLanguages = []string{"kk", "ru", "en"}
		default:
			room.InterpretationLanguages = []string{"kk", "ru", "zh", "en"}
			for _, l := range extraLanguages[3:] {
				if langs[l] && rng.IntN(3) == 0 {
					room.InterpretationLanguages = append(room.InterpretationLanguages, l)
				}
			}
		}
		p.Rooms = append(p.Rooms, room)
	}

	last := cfg.Days - 1
	for _, d := range dels {
		var avail []Interval
		switch k := rng.IntN(20); {
		case k < 3: // arrives for the afternoon of the first day
			avail = []Interval{{at(0, 13, 0), at(last, 19, 0)}}
		case k < 5 && cfg.Days > 1: // leaves after lunch on the last day
			avail = []Interval{{at(0, 9, 0), at(last, 14, 0)}}
		case k < 6 && cfg.Days > 1: // arrives on the second day
			avail = []Interval{{at(1, 8, 0), at(last, 20, 0)}}
		}
		p.People = append(p.People, Person{ID: d.head, Available: avail})
		for _, m := range d.ministers {
			p.People = append(p.People, Person{ID: m, Available: avail})
		}
	}

	var heads, firstMinisters []string
	for _, d := range dels {
		heads = append(heads, d.head)
		if len(d.ministers) > 0 {
			firstMinisters = append(firstMinisters, d.ministers[0])
		}
	}
	members := heads[:min(10, len(heads))]
	for d := range cfg.Days {
		switch d {
		case 0: // restricted format of the member states, then the official lunch
			p.Busy = append(p.Busy, Busy{PersonIDs: members, RoomID: "r1", From: at(d, 10, 0), To: at(d, 12, 0)})
			p.Busy = append(p.Busy, Busy{PersonIDs: heads, VenueID: p.Venues[cfg.Venues-1].ID, From: at(d, 13, 0), To: at(d, 14, 0)})
			if len(firstMinisters) > 0 {
				p.Busy = append(p.Busy, Busy{PersonIDs: firstMinisters, VenueID: p.Venues[min(1, cfg.Venues-1)].ID, From: at(d, 15, 0), To: at(d, 16, 30)})
			}
		case 1: // extended format with ministers
			p.Busy = append(p.Busy, Busy{PersonIDs: append(append([]string{}, heads...), firstMinisters...), RoomID: "r1", From: at(d, 10, 0), To: at(d, 12, 30)})
		default:
			p.Busy = append(p.Busy, Busy{PersonIDs: heads, RoomID: "r1", From: at(d, 11, 0), To: at(d, 12, 0)})
		}
	}

	// Popular delegations (the host, the large states) are asked more often.
	weights := make([]float64, len(dels))
	totalWeight := 0.0
	for i := range dels {
		weights[i] = 1 + 3/(1+float64(i)/2)
		totalWeight += weights[i]
	}
	pick := func() int {
		x := rng.Float64() * totalWeight
		for i, w := range weights {
			if x < w {
				return i
			}
			x -= w
		}
		return len(weights) - 1
	}
	for n := range cfg.Requests {
		a := pick()
		b := pick()
		for b == a {
			b = rng.IntN(len(dels))
		}
		da, db := dels[a], dels[b]
		q := Request{ID: fmt.Sprintf("q%d", n+1)}
		switch k := rng.IntN(20); {
		case k < 3 && cfg.Ministers > 0: // ministers only
			m := rng.IntN(cfg.Ministers)
			q.Attendees = []string{da.ministers[m], db.ministers[m]}
		case k < 8 && cfg.Ministers > 0: // heads with their first ministers
			q.Attendees = []string{da.head, da.ministers[0], db.head, db.ministers[0]}
		default:
			q.Attendees = []string{da.head, db.head}
		}
		q.DurationMinutes = []int{30, 30, 30, 45, 45, 45, 60, 60}[rng.IntN(8)]
		q.Priority = []int{1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5}[rng.IntN(20)]
		q.ExpectedAttendance = 2*len(q.Attendees) + rng.IntN(7)
		q.Languages = []string{da.lang}
		if db.lang != da.lang {
			q.Languages = append(q.Languages, db.lang)
		}
		switch k := rng.IntN(20); {
		case k < 2: // on a given day
			d := rng.IntN(cfg.Days)
			e, l := at(d, 9, 0), at(d, 19, 0)
			q.Earliest, q.Latest = &e, &l
		case k < 3: // an afternoon
			d := rng.IntN(cfg.Days)
			e := at(d, 14, 0)
			q.Earliest = &e
		}
		p.Requests = append(p.Requests, q)
	}
	p.RestMinutes = cfg.RestMinutes
	if cfg.HeadCap > 0 {
		for i := range p.People {
			if c := cfg.HeadCap; len(p.People[i].ID) > 5 && p.People[i].ID[len(p.People[i].ID)-5:] == "-head" {
				p.People[i].MaxPlacementsPerWindow = &c
			}
		}
	}
	return p
}
