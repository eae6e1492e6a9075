package domain

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// The checks below deliberately share no code with the production rules: they
// restate CONTRACT section 5 in a few lines each, so that a mistake in either
// place shows up as a disagreement.

var demoTestZone = time.FixedZone("UTC+5", 5*3600)

func demoTestHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func demoTestClock(t time.Time) string { return t.In(demoTestZone).Format("2006-01-02 15:04") }

// demoTestIndex resolves the names and codes a DemoSet uses.
type demoTestIndex struct {
	delegations map[string]DemoDelegation // by code
	venues      map[string]DemoVenue      // by name
	rooms       map[string]Room           // by "Venue / Room"
	roomVenue   map[string]string         // "Venue / Room" → venue name
}

func newDemoTestIndex(t *testing.T, set DemoSet) demoTestIndex {
	t.Helper()
	ix := demoTestIndex{map[string]DemoDelegation{}, map[string]DemoVenue{}, map[string]Room{}, map[string]string{}}
	for _, d := range set.Delegations {
		if _, dup := ix.delegations[d.Code]; dup {
			t.Errorf("delegation code %s appears twice", d.Code)
		}
		ix.delegations[d.Code] = d
	}
	for _, v := range set.Venues {
		if _, dup := ix.venues[v.Name]; dup {
			t.Errorf("venue %s appears twice", v.Name)
		}
		ix.venues[v.Name] = v
		for _, r := range v.Rooms {
			key := v.Name + " / " + r.Name
			if _, dup := ix.rooms[key]; dup {
				t.Errorf("room %s appears twice", key)
			}
			ix.rooms[key], ix.roomVenue[key] = r, v.Name
		}
	}
	return ix
}

// travel returns the minutes between two venues, given in either direction.
func (ix demoTestIndex) travel(a, b string) (int, bool) {
	if m, ok := ix.venues[a].Travel[b]; ok {
		return m, true
	}
	m, ok := ix.venues[b].Travel[a]
	return m, ok
}

func TestAstanaDemoSummit(t *testing.T) {
	s := AstanaDemo().Summit
	want := Summit{Name: "24th Meeting of the SCO Council of Heads of State", City: "Astana", Timezone: "Asia/Almaty",
		StartsOn: "2024-07-03", EndsOn: "2024-07-04", DayStarts: "08:00", DayEnds: "22:00", ArrivalBufferMinutes: 5}
	if s != want {
		t.Errorf("summit = %+v, want %+v", s, want)
	}
}

func TestAstanaDemoDelegations(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)
	kindRank := map[string]int{"member": 0, "observer": 1, "dialogue_partner": 2, "guest": 3, "organisation": 4}

	prevPrecedence, prevRank := 0, 0
	for _, d := range set.Delegations {
		rank, ok := kindRank[d.Kind]
		if !ok {
			t.Errorf("%s: unknown kind %q", d.Code, d.Kind)
		}
		if rank < prevRank {
			t.Errorf("%s: kind %s listed after a later kind", d.Code, d.Kind)
		}
		prevRank = rank
		if d.Precedence <= prevPrecedence {
			t.Errorf("%s: precedence %d does not increase (previous %d)", d.Code, d.Precedence, prevPrecedence)
		}
		prevPrecedence = d.Precedence
		if d.Code == "" || d.Name == "" || len(d.Languages) == 0 {
			t.Errorf("%s: code, name and languages are required: %+v", d.Code, d.Delegation)
		}
		if len(d.Members) == 0 {
			t.Errorf("%s: no members", d.Code)
		}
		for _, m := range d.Members {
			if m.FullName == "" || m.Position == "" || m.Accreditation != "approved" {
				t.Errorf("%s: member %+v must have a name, a position and approved accreditation", d.Code, m)
			}
		}
		if d.Hotel != "" {
			if _, ok := ix.venues[d.Hotel]; !ok {
				t.Errorf("%s: hotel %q is not a venue", d.Code, d.Hotel)
			}
		}
		if (d.ArrivalAt == nil) != (d.DepartureAt == nil) {
			t.Errorf("%s: arrival and departure must be set together", d.Code)
		}
		if d.ArrivalAt != nil {
			if d.ArrivalAt.Location() != time.UTC || d.DepartureAt.Location() != time.UTC {
				t.Errorf("%s: arrival and departure must be UTC", d.Code)
			}
			arr, dep := demoTestClock(*d.ArrivalAt), demoTestClock(*d.DepartureAt)
			if arr < "2024-07-03 09:00" || arr > "2024-07-03 18:00" {
				t.Errorf("%s: arrives %s, want 3 July 09:00–18:00 local", d.Code, arr)
			}
			if dep < "2024-07-04 16:00" || dep > "2024-07-04 22:00" {
				t.Errorf("%s: departs %s, want 4 July evening", d.Code, dep)
			}
		}
	}

	// Member precedence in the Russian alphabetical order of SCO documents.
	for i, code := range []string{"BLR", "IND", "IRN", "KAZ", "CHN", "KGZ", "PAK", "RUS", "TJK", "UZB"} {
		d, ok := ix.delegations[code]
		if !ok || d.Kind != "member" || d.Precedence != i+1 {
			t.Errorf("member %s: want precedence %d, got %+v (present %v)", code, i+1, d.Delegation, ok)
		}
	}
	wantKinds := map[string]string{
		"MNG": "observer", "AZE": "dialogue_partner", "TUR": "dialogue_partner", "QAT": "dialogue_partner",
		"ARE": "dialogue_partner", "TKM": "guest", "UN": "organisation", "SCO": "organisation", "RATS": "organisation",
		"CSTO": "organisation", "CIS": "organisation", "EEC": "organisation", "CICA": "organisation", "ECO": "organisation",
	}
	for code, kind := range wantKinds {
		if d, ok := ix.delegations[code]; !ok || d.Kind != kind {
			t.Errorf("%s: want a delegation of kind %s, got %+v", code, kind, d.Delegation)
		}
	}
	if len(set.Delegations) != 10+len(wantKinds) {
		t.Errorf("%d delegations, want %d", len(set.Delegations), 10+len(wantKinds))
	}
	for _, absent := range []string{"AFG", "ARM", "BHR", "KHM", "EGY", "KWT", "MDV", "MMR", "NPL", "SAU", "LKA", "LAO"} {
		if _, ok := ix.delegations[absent]; ok {
			t.Errorf("%s was not at the summit", absent)
		}
	}

	heads := map[string][2]string{
		"KAZ": {"Kassym-Jomart Tokayev", "President"},
		"CHN": {"Xi Jinping", "President"},
		"RUS": {"Vladimir Putin", "President"},
		"IND": {"Subrahmanyam Jaishankar", "Minister of External Affairs"},
		"IRN": {"Mohammad Mokhber", "acting President"},
		"PAK": {"Shehbaz Sharif", "Prime Minister"},
		"BLR": {"Alexander Lukashenko", "President"},
		"QAT": {"Sheikh Tamim bin Hamad Al Thani", "Emir"},
		"ARE": {"Sheikh Saud bin Saqr Al Qasimi", "Ruler of Ras Al Khaimah"},
		"TKM": {"Gurbanguly Berdimuhamedov", "Chairman of the Halk Maslahaty"},
		"UN":  {"António Guterres", "Secretary-General"},
	}
	for code, want := range heads {
		if d, ok := ix.delegations[code]; ok && len(d.Members) > 0 {
			if got := [2]string{d.Members[0].FullName, d.Members[0].Position}; got != want {
				t.Errorf("%s head = %v, want %v", code, got, want)
			}
		}
	}

	// Kazakhstan is a member, the host (no travel, no hotel) and the chair.
	kaz := ix.delegations["KAZ"]
	if kaz.Kind != "member" || kaz.ArrivalAt != nil || kaz.DepartureAt != nil || kaz.Hotel != "" {
		t.Errorf("KAZ must be a member without arrival, departure or hotel: %+v", kaz.Delegation)
	}
	for _, m := range set.Meetings {
		if len(m.Participants) >= 3 && !demoTestHas(m.Participants, "KAZ") {
			t.Errorf("%q: the chair (KAZ) does not take part", m.Title)
		}
	}
	if blr, ok := ix.delegations["BLR"]; !ok || blr.Kind != "member" {
		t.Errorf("Belarus must be a member")
	}
}

func TestAstanaDemoVenues(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)
	layouts := []string{"plenary", "bilateral", "banquet", "press", "ceremony", "other"}
	for _, v := range set.Venues {
		if v.Name == "" || v.Address == "" || len(v.Rooms) == 0 {
			t.Errorf("venue %q needs a name, an address and rooms", v.Name)
		}
		for other, minutes := range v.Travel {
			if _, ok := ix.venues[other]; !ok || other == v.Name {
				t.Errorf("%s: travel to unknown venue or itself: %q", v.Name, other)
			}
			if minutes <= 0 {
				t.Errorf("%s → %s: %d minutes", v.Name, other, minutes)
			}
			if _, both := ix.venues[other].Travel[v.Name]; both {
				t.Errorf("%s ↔ %s: travel given in both directions", v.Name, other)
			}
		}
		for _, r := range v.Rooms {
			if r.Name == "" || r.Capacity <= 0 || r.ChangeoverMinutes < 0 || !demoTestHas(layouts, r.Layout) {
				t.Errorf("%s: bad room %+v", v.Name, r)
			}
		}
	}
	for i, a := range set.Venues {
		for _, b := range set.Venues[i+1:] {
			if _, ok := ix.travel(a.Name, b.Name); !ok {
				t.Errorf("no travel time between %s and %s", a.Name, b.Name)
			}
		}
	}
}

// TestAstanaDemoProgramme checks every scheduling rule of CONTRACT section 5
// on the demo programme: none may be violated, since no meeting has an allow.
func TestAstanaDemoProgramme(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)
	kinds := []string{"plenary", "restricted", "extended", "bilateral", "multilateral", "ceremony",
		"arrival", "departure", "meal", "press", "cultural", "hold"}
	byRoom := map[string][]DemoMeeting{}
	byHead := map[string][]DemoMeeting{}
	titles := map[string]bool{}

	for _, m := range set.Meetings {
		name := fmt.Sprintf("%q (%s–%s)", m.Title, demoTestClock(m.StartsAt), demoTestClock(m.EndsAt))
		if titles[m.Title] {
			t.Errorf("%s: title used twice", name)
		}
		titles[m.Title] = true
		if !demoTestHas(kinds, m.Kind) || m.Status != "confirmed" || !demoTestHas([]string{"public", "participants", "organisers"}, m.Visibility) {
			t.Errorf("%s: kind %q, status %q, visibility %q", name, m.Kind, m.Status, m.Visibility)
		}
		if len(m.Allow) != 0 {
			t.Errorf("%s: overrides rules %v", name, m.Allow)
		}
		if !m.StartsAt.Before(m.EndsAt) || m.StartsAt.Location() != time.UTC || m.EndsAt.Location() != time.UTC {
			t.Errorf("%s: times must be UTC with start before end", name)
		}
		room, ok := ix.rooms[m.Room]
		if !ok {
			t.Errorf("%s: unknown room %q", name, m.Room)
			continue
		}
		byRoom[m.Room] = append(byRoom[m.Room], m)
		if len(m.Participants) == 0 {
			t.Errorf("%s: no participants", name)
		}
		seen := map[string]bool{}
		for _, code := range m.Participants {
			d, ok := ix.delegations[code]
			if !ok {
				t.Errorf("%s: unknown delegation %s", name, code)
				continue
			}
			if seen[code] {
				t.Errorf("%s: %s listed twice", name, code)
			}
			seen[code] = true
			byHead[code] = append(byHead[code], m)
			// delegation_presence
			if d.ArrivalAt != nil && d.ArrivalAt.After(m.StartsAt) {
				t.Errorf("%s: %s arrives only at %s", name, code, demoTestClock(*d.ArrivalAt))
			}
			if d.DepartureAt != nil && d.DepartureAt.Before(m.EndsAt) {
				t.Errorf("%s: %s leaves already at %s", name, code, demoTestClock(*d.DepartureAt))
			}
		}
		// room_capacity
		if m.ExpectedAttendance > room.Capacity || len(m.Participants) > room.Capacity || m.ExpectedAttendance < len(m.Participants) {
			t.Errorf("%s: %d expected, %d participants, room %s holds %d", name, m.ExpectedAttendance, len(m.Participants), m.Room, room.Capacity)
		}
		// interpretation
		if len(m.Languages) >= 2 {
			for _, lang := range m.Languages {
				if !demoTestHas(room.InterpretationLanguages, lang) {
					t.Errorf("%s: room %s has no %s booth", name, m.Room, lang)
				}
			}
		}
		// outside_summit and working hours
		start, end := demoTestClock(m.StartsAt), demoTestClock(m.EndsAt)
		if start[:10] != end[:10] || (start[:10] != "2024-07-03" && start[:10] != "2024-07-04") {
			t.Errorf("%s: not within one summit day", name)
		}
		if start[11:] < "08:00" || end[11:] > "22:00" {
			t.Errorf("%s: outside working hours 08:00–22:00", name)
		}
	}

	// room_overlap, with changeover: intervals grown by the changeover must not meet.
	for key, ms := range byRoom {
		gap := time.Duration(ix.rooms[key].ChangeoverMinutes) * time.Minute
		for i, a := range ms {
			for _, b := range ms[i+1:] {
				if a.StartsAt.Before(b.EndsAt.Add(gap)) && b.StartsAt.Before(a.EndsAt.Add(gap)) {
					t.Errorf("room %s: %q and %q within %v of each other", key, a.Title, b.Title, gap)
				}
			}
		}
	}
	// member_overlap and travel_time, per head of delegation.
	for code, ms := range byHead {
		for i, a := range ms {
			for _, b := range ms[i+1:] {
				if a.StartsAt.Before(b.EndsAt) && b.StartsAt.Before(a.EndsAt) {
					t.Errorf("%s is in %q and %q at once", code, a.Title, b.Title)
				}
			}
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].StartsAt.Before(ms[j].StartsAt) })
		for i := 1; i < len(ms); i++ {
			a, b := ms[i-1], ms[i]
			va, vb := ix.roomVenue[a.Room], ix.roomVenue[b.Room]
			if va == vb {
				continue
			}
			minutes, ok := ix.travel(va, vb)
			if !ok {
				t.Errorf("%s: no travel time from %s to %s", code, va, vb)
			} else if b.StartsAt.Sub(a.EndsAt) < time.Duration(minutes)*time.Minute {
				t.Errorf("%s: %v from %q to %q, travel %s → %s takes %d min", code, b.StartsAt.Sub(a.EndsAt), a.Title, b.Title, va, vb, minutes)
			}
		}
	}

	// Arrival and departure ceremonies: one each per travelling head, alone,
	// starting at the arrival and ending by the departure.
	for _, d := range set.Delegations {
		var arrivals, departures []DemoMeeting
		for _, m := range byHead[d.Code] {
			switch m.Kind {
			case "arrival":
				arrivals = append(arrivals, m)
			case "departure":
				departures = append(departures, m)
			}
		}
		if d.ArrivalAt == nil {
			if len(arrivals)+len(departures) != 0 {
				t.Errorf("%s does not travel but has arrival or departure ceremonies", d.Code)
			}
			continue
		}
		if len(arrivals) != 1 || !arrivals[0].StartsAt.Equal(*d.ArrivalAt) || len(arrivals[0].Participants) != 1 {
			t.Errorf("%s: want one arrival ceremony of its own at %s, got %d", d.Code, demoTestClock(*d.ArrivalAt), len(arrivals))
		}
		if len(departures) != 1 || departures[0].EndsAt.After(*d.DepartureAt) || len(departures[0].Participants) != 1 {
			t.Errorf("%s: want one departure ceremony of its own ending by %s, got %d", d.Code, demoTestClock(*d.DepartureAt), len(departures))
		}
		for _, m := range append(arrivals, departures...) {
			if r := ix.rooms[m.Room]; r.Layout != "ceremony" || !strings.Contains(m.Room, "State Apron") {
				t.Errorf("%s: %q is not on the state apron", d.Code, m.Title)
			}
		}
	}
}

// TestAstanaDemoFacts checks the reported programme: the host's bilaterals on
// 3 July, Belarus's accession opening 4 July, and "SCO Plus" that afternoon.
func TestAstanaDemoFacts(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)

	var hostTalks []string
	for _, m := range set.Meetings {
		if m.Kind == "bilateral" && demoTestHas(m.Participants, "KAZ") && strings.HasPrefix(demoTestClock(m.StartsAt), "2024-07-03") {
			for _, code := range m.Participants {
				if code != "KAZ" {
					hostTalks = append(hostTalks, code)
				}
			}
		}
	}
	sort.Strings(hostTalks)
	if got := strings.Join(hostTalks, " "); got != "AZE CHN QAT RUS TJK UN" {
		t.Errorf("host's bilaterals on 3 July: %s", got)
	}

	var first DemoMeeting
	for _, m := range set.Meetings {
		if strings.HasPrefix(demoTestClock(m.StartsAt), "2024-07-04") && (first.Title == "" || m.StartsAt.Before(first.StartsAt)) {
			first = m
		}
	}
	if !strings.Contains(first.Title, "Belarus") || first.Kind != "ceremony" {
		t.Errorf("4 July opens with %q, want the signing of Belarus's accession", first.Title)
	}

	var plus []DemoMeeting
	for _, m := range set.Meetings {
		if strings.Contains(m.Title, "SCO Plus") {
			plus = append(plus, m)
		}
	}
	if len(plus) != 1 {
		t.Fatalf("%d meetings titled SCO Plus, want 1", len(plus))
	}
	p := plus[0]
	if start := demoTestClock(p.StartsAt); !strings.HasPrefix(start, "2024-07-04") || start[11:] < "12:00" {
		t.Errorf("SCO Plus starts %s local, want the afternoon of 4 July", start)
	}
	for _, d := range set.Delegations {
		if d.Kind != "member" && !demoTestHas(p.Participants, d.Code) {
			t.Errorf("SCO Plus lacks %s (%s)", d.Code, d.Kind)
		}
	}
	for _, code := range []string{"MNG", "AZE", "TUR", "QAT", "ARE"} {
		if _, ok := ix.delegations[code]; !ok || !demoTestHas(p.Participants, code) {
			t.Errorf("SCO Plus lacks observer or dialogue partner %s", code)
		}
	}
}

func TestAstanaDemoRequests(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)
	if len(set.Requests) < 40 {
		t.Errorf("%d requests, want at least 40", len(set.Requests))
	}
	pairs := map[[2]string]bool{}
	statuses := map[string]int{}
	for _, r := range set.Requests {
		if _, ok := ix.delegations[r.From]; !ok {
			t.Errorf("request %s→%s: unknown %s", r.From, r.To, r.From)
		}
		if _, ok := ix.delegations[r.To]; !ok {
			t.Errorf("request %s→%s: unknown %s", r.From, r.To, r.To)
		}
		if r.From == r.To {
			t.Errorf("request %s→%s: to itself", r.From, r.To)
		}
		if pairs[[2]string{r.From, r.To}] || pairs[[2]string{r.To, r.From}] {
			t.Errorf("request %s→%s: pair requested twice", r.From, r.To)
		}
		pairs[[2]string{r.From, r.To}] = true
		if r.DurationMinutes != 30 && r.DurationMinutes != 45 && r.DurationMinutes != 60 {
			t.Errorf("request %s→%s: %d minutes", r.From, r.To, r.DurationMinutes)
		}
		if r.Priority < 1 || r.Priority > 5 || r.Note == "" {
			t.Errorf("request %s→%s: priority %d, note %q", r.From, r.To, r.Priority, r.Note)
		}
		if !demoTestHas([]string{"pending", "accepted", "declined"}, string(r.Status)) {
			t.Errorf("request %s→%s: status %q", r.From, r.To, r.Status)
		}
		statuses[string(r.Status)]++
	}
	if statuses["accepted"] <= len(set.Requests)/2 || statuses["pending"] == 0 || statuses["declined"] == 0 {
		t.Errorf("statuses %v: want mostly accepted, some pending and declined", statuses)
	}
	// Nothing asks again for a bilateral already on the programme.
	for _, m := range set.Meetings {
		if m.Kind == "bilateral" && len(m.Participants) == 2 {
			a, b := m.Participants[0], m.Participants[1]
			if pairs[[2]string{a, b}] || pairs[[2]string{b, a}] {
				t.Errorf("request %s–%s duplicates %q", a, b, m.Title)
			}
		}
	}
}

func TestAstanaDemoUsers(t *testing.T) {
	set := AstanaDemo()
	ix := newDemoTestIndex(t, set)
	roles := map[string]int{}
	emails := map[string]bool{}
	for _, u := range set.Users {
		if emails[u.Email] || !strings.Contains(u.Email, "@") || u.Name == "" {
			t.Errorf("user %q: duplicate or bad email, or no name", u.Email)
		}
		emails[u.Email] = true
		roles[string(u.Role)]++
		if len(u.Password) < 12 {
			t.Errorf("user %s: password shorter than 12 characters", u.Email)
		}
		if u.Role == "delegate" {
			if _, ok := ix.delegations[u.Delegation]; !ok {
				t.Errorf("delegate %s: unknown delegation %q", u.Email, u.Delegation)
			}
		} else if u.Delegation != "" {
			t.Errorf("user %s (%s) must not belong to a delegation", u.Email, u.Role)
		}
	}
	if roles["admin"] != 1 || roles["organiser"] != 1 || roles["delegate"] != 1 || len(roles) != 3 {
		t.Errorf("roles %v: want one user of each role", roles)
	}
}

// The demo names its delegations, heads, venues and rooms in Russian,
// Chinese and Kazakh (CONTRACT section 13), valid as any client's names.
func TestAstanaDemoNames(t *testing.T) {
	set := AstanaDemo()
	all := func(what string, n Names, langs ...string) {
		t.Helper()
		for _, l := range langs {
			if n[l] == "" {
				t.Errorf("%s has no %s name: %v", what, l, n)
			}
		}
		var v Validation
		checkNames(&v, n)
		if err := v.Err(); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}
	for _, d := range set.Delegations {
		all(d.Code, d.Names, NameLanguages...)
		all(d.Members[0].FullName, d.Members[0].Names, NameLanguages...)
	}
	for _, v := range set.Venues {
		all(v.Name, v.Names, NameLanguages...)
		for _, r := range v.Rooms {
			all(v.Name+" / "+r.Name, r.Names, NameLanguages...)
		}
	}
	for code, want := range map[string]Names{
		"CHN": {"ru": "Китай", "zh": "中国", "kk": "Қытай"},
		"RUS": {"ru": "Россия", "zh": "俄罗斯", "kk": "Ресей"},
	} {
		for _, d := range set.Delegations {
			if d.Code == code && (!sameNames(d.Names, want) || d.Members[0].Names["zh"] == "") {
				t.Errorf("%s: names %v, head %v", code, d.Names, d.Members[0].Names)
			}
		}
	}
}
