package domain

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The audit trail keeps what it stored for years: these fixtures are rows
// as version 1 wrote them (testdata/audit-v1, one per audited entity). The
// entities' Go fields may be renamed at will; the stored names may not
// change without a new AuditSchema and a reader for the old one.

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "audit-v1", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameJSON(t *testing.T, what string, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s: the stored format changed (bump AuditSchema and read version 1 as before)\n got  %s\n want %s", what, got, bytes.TrimSpace(want))
	}
}

// TestVersion1SnapshotsReadBack decodes every version-1 fixture strictly
// into today's snapshot type and writes it again unchanged.
func TestVersion1SnapshotsReadBack(t *testing.T) {
	types := map[string]any{"meeting": &meetingSnapshot{}, "bilateral_request": &requestSnapshot{}, "delegation": &delegationSnapshot{},
		"member": &memberSnapshot{}, "venue": &venueSnapshot{}, "room": &roomSnapshot{}, "summit": &summitSnapshot{}, "user": &userSnapshot{}}
	for name, snap := range types {
		raw := readFixture(t, name)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(snap); err != nil {
			t.Fatalf("%s: a version-1 row no longer reads: %v", name, err)
		}
		again, _ := json.Marshal(snap)
		sameJSON(t, name, again, raw)
	}
}

// TestEntitiesAreStoredInTheVersion1Format: what the services write today
// for an entity is exactly the version-1 row.
func TestEntitiesAreStoredInTheVersion1Format(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	ptr := func(t time.Time) *time.Time { return &t }
	id := func(n string) string { return "01900000-0000-7000-8000-00000000000" + n }
	entities := map[string]any{
		"meeting": meetingChange{&Meeting{ID: id("1"), Title: "Talks: Kazakhstan – China", Kind: "bilateral",
			StartsAt: at("2024-07-04T05:00:00Z"), EndsAt: at("2024-07-04T06:00:00Z"), RoomID: id("2"), Status: MeetingConfirmed,
			Visibility: "participants", Languages: []string{"ru", "zh"}, ExpectedAttendance: 12,
			Participants: []Participant{{DelegationID: id("3")}, {DelegationID: id("4"), MemberIDs: []string{id("5")}}},
			Allow:        []string{"travel_time"}, CreatedBy: id("6"), Version: 3, CreatedAt: at("2024-06-30T10:00:00Z"),
			UpdatedAt: at("2024-07-01T10:00:00Z")}, []string{"travel_time"}},
		"bilateral_request": &BilateralRequest{ID: id("7"), FromDelegationID: id("3"), ToDelegationID: id("4"), DurationMinutes: 45,
			Priority: 4, Earliest: ptr(at("2024-07-03T04:00:00Z")), Note: "Trade corridor", Status: RequestAccepted, CreatedBy: id("6"),
			Version: 2, CreatedAt: at("2024-06-30T10:00:00Z"), UpdatedAt: at("2024-07-01T10:00:00Z")},
		"delegation": &Delegation{ID: id("3"), Code: "KAZ", Name: "Kazakhstan", Kind: "member", Precedence: 4, Languages: []string{"kk", "ru"},
			ArrivalAt: ptr(at("2024-07-02T09:00:00Z")), Hotel: "Ritz-Carlton", Version: 2, CreatedAt: at("2024-06-30T10:00:00Z"),
			UpdatedAt: at("2024-07-01T10:00:00Z")},
		"member": &Member{ID: id("5"), DelegationID: id("4"), FullName: "Wang Yi", Position: "Minister of Foreign Affairs",
			Accreditation: "approved", Version: 1, CreatedAt: at("2024-06-30T10:00:00Z"), UpdatedAt: at("2024-06-30T10:00:00Z")},
		"venue": &Venue{ID: id("8"), Name: "Palace of Independence", Address: "Mangilik El Ave 52", TravelMinutes: map[string]int{id("9"): 15},
			Version: 1, CreatedAt: at("2024-06-30T10:00:00Z"), UpdatedAt: at("2024-06-30T10:00:00Z")},
		"room": &Room{ID: id("2"), VenueID: id("8"), Name: "Hall A", Capacity: 40, Layout: "bilateral", InterpretationLanguages: []string{"ru", "zh", "en"},
			ChangeoverMinutes: 15, Version: 1, CreatedAt: at("2024-06-30T10:00:00Z"), UpdatedAt: at("2024-06-30T10:00:00Z")},
		"summit": &Summit{Name: "SCO Summit", City: "Astana", Timezone: "Asia/Almaty", StartsOn: "2024-07-03", EndsOn: "2024-07-04",
			DayStarts: "08:00", DayEnds: "22:00", Version: 2, UpdatedAt: at("2024-07-01T10:00:00Z")},
		"user": userChange{&User{ID: id("6"), Email: "organiser@summit.example", Name: "Organiser", Role: RoleDelegate, DelegationID: id("3"),
			PasswordHash: "$argon2id$secret", Version: 4}, true},
	}
	for name, e := range entities {
		got, err := json.Marshal(snapshotOf(e))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(got), "argon2id") {
			t.Fatalf("%s: a password hash reached the audit trail: %s", name, got)
		}
		sameJSON(t, name, got, readFixture(t, name))
	}
}

// TestVersion1RowsStillAnnounceEvents: the live events read who may see a
// change from version-1 rows; a row of a version this program does not know
// announces nothing rather than something wrong.
func TestVersion1RowsStillAnnounceEvents(t *testing.T) {
	meeting := AuditEntry{ID: 7, Action: "update", EntityType: "meeting", EntityID: "m", Schema: 1, After: readFixture(t, "meeting")}
	ev, ok := EventOf(meeting)
	if !ok || ev.Type != "meeting.updated" || ev.Version != 3 {
		t.Fatalf("%+v %v", ev, ok)
	}
	kaz := Actor{UserID: "u", Role: RoleDelegate, DelegationID: "01900000-0000-7000-8000-000000000003"}
	other := Actor{UserID: "v", Role: RoleDelegate, DelegationID: "elsewhere"}
	if !ev.VisibleTo(kaz) || ev.VisibleTo(other) {
		t.Fatalf("visibility from a version-1 row: kaz %v, other %v", ev.VisibleTo(kaz), ev.VisibleTo(other))
	}
	request := AuditEntry{ID: 8, Action: "accepted", EntityType: "bilateral_request", EntityID: "r", Schema: 1,
		Before: readFixture(t, "bilateral_request")}
	if ev, ok := EventOf(request); !ok || ev.Version != 2 || !ev.VisibleTo(kaz) || ev.VisibleTo(other) {
		t.Fatalf("request event from a version-1 row: %+v %v", ev, ok)
	}
	meeting.Schema = AuditSchema + 1
	if _, ok := EventOf(meeting); ok {
		t.Fatal("a row of an unknown version announced an event")
	}
}
