package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"summit/repository/dbtest"
)

// hostileTexts are the values a careless or hostile client sends in a text
// field, as raw JSON, and who answers: the body gate (400, "body") or the
// field's check (422, the field).
var hostileTexts = []struct {
	name, json string
	status     int
}{
	{"nul", `"a\u0000b"`, 422},
	{"raw_nul_bell", `"a\u0007b"`, 422},
	{"c1_control", `"a\u0085b"`, 422},
	{"lone_high_surrogate", `"a\ud800b"`, 400},
	{"lone_low_surrogate", `"\udc00"`, 400},
	{"invalid_utf8", "\"ok \xff\xfe\"", 400},
	{"huge", `"` + strings.Repeat("x", 900_000) + `"`, 422},
}

// hostileTimes are times in every form but RFC 3339 with an offset.
var hostileTimes = []string{`"2024-07-04T09:00:00"`, `"2024-07-04"`, `1720069200`, `"tomorrow"`, `""`, `true`}

// writeCase is one endpoint that takes a body, a valid body for it, and
// the fields to attack: "a.b" for nested objects, "a.0.b" for a list's
// first item (the error names it "a.b").
type writeCase struct {
	role, method, path string
	body               map[string]any
	texts, times       []string
}

// TestHostileInputIsRefusedAndChangesNothing sends hostile input to every
// endpoint that takes a body, every path id and every query filter, on
// SQLite and PostgreSQL: each answer is a 4xx problem naming the field, no
// answer is a 5xx, and nothing is written (the audit trail does not grow).
func TestHostileInputIsRefusedAndChangesNothing(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			m := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
			admin, delegate := p.token("admin"), p.token("delegate")
			tokens := map[string]string{"organiser": p.organiser, "admin": admin, "delegate": delegate, "anonymous": ""}
			refresh := p.login(p.users["organiser"].Email, testPassword).RefreshToken
			last := func() int64 {
				id, err := p.store.LastAuditID(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				return id
			}
			check := func(t *testing.T, rec *httptest.ResponseRecorder, status int, field string, before int64) {
				t.Helper()
				pr := assertProblem(t, rec, status)
				if !namesField(pr, field) {
					t.Fatalf("the problem does not name %q: %s", field, rec.Body.String()[:min(rec.Body.Len(), 400)])
				}
				if after := last(); after != before {
					t.Fatalf("a refused request wrote %d audit entries", after-before)
				}
			}
			cases := []writeCase{
				{"anonymous", "POST", "/api/v1/auth/login", map[string]any{"email": "a@b.kz", "password": "x"}, []string{"email", "password"}, nil},
				{"anonymous", "POST", "/api/v1/auth/refresh", map[string]any{"refresh_token": refresh}, []string{"refresh_token"}, nil},
				{"anonymous", "POST", "/api/v1/auth/logout", map[string]any{"refresh_token": refresh}, []string{"refresh_token"}, nil},
				{"organiser", "PATCH", "/api/v1/me", map[string]any{"name": "Me"}, []string{"name"}, nil},
				{"organiser", "POST", "/api/v1/me/password", map[string]any{"current_password": testPassword, "new_password": "a new long passphrase"},
					[]string{"current_password", "new_password"}, nil},
				{"admin", "POST", "/api/v1/users", map[string]any{"email": "n@gov.kz", "name": "N", "role": "delegate", "delegation_id": p.kaz.ID,
					"password": "a long passphrase"}, []string{"email", "name", "role", "delegation_id", "password"}, nil},
				{"admin", "PATCH", "/api/v1/users/" + p.users["delegate"].ID, map[string]any{"name": "N"}, []string{"name", "role", "delegation_id", "password"}, nil},
				{"organiser", "PUT", "/api/v1/summit", map[string]any{"name": "SCO", "city": "Astana", "timezone": "Asia/Almaty",
					"starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00"},
					[]string{"name", "city", "timezone", "starts_on", "ends_on", "day_starts", "day_ends"}, nil},
				{"organiser", "POST", "/api/v1/delegations", map[string]any{"code": "UZB", "name": "Uzbekistan", "kind": "member", "hotel": "H",
					"languages": []string{"uz"}, "head": map[string]any{"full_name": "Shavkat Mirziyoyev", "position": "President"}},
					[]string{"code", "name", "kind", "hotel", "languages.0", "head.full_name", "head.position"}, []string{"arrival_at", "departure_at"}},
				{"organiser", "PATCH", "/api/v1/delegations/" + p.kaz.ID, map[string]any{"hotel": "H", "names": map[string]any{"ru": "Казахстан"}}, []string{"name", "hotel", "names.ru", "names.zh"}, []string{"arrival_at"}},
				{"delegate", "PATCH", "/api/v1/delegations/" + p.kaz.ID, map[string]any{"hotel": "H"}, []string{"hotel"}, []string{"departure_at"}},
				{"organiser", "POST", "/api/v1/delegations/" + p.kaz.ID + "/members", map[string]any{"full_name": "A", "position": "B"},
					[]string{"full_name", "position", "accreditation"}, nil},
				{"organiser", "PATCH", "/api/v1/members/" + p.kazMin.ID, map[string]any{"position": "B", "names": map[string]any{}}, []string{"full_name", "position", "names.kk"}, nil},
				{"organiser", "POST", "/api/v1/venues", map[string]any{"name": "V", "address": "A", "travel_minutes": map[string]any{p.akorda.ID: 5}},
					[]string{"name", "address"}, nil},
				{"organiser", "PATCH", "/api/v1/venues/" + p.akorda.ID, map[string]any{"address": "A", "names": map[string]any{}}, []string{"name", "address", "names.ru"}, nil},
				{"organiser", "POST", "/api/v1/venues/" + p.akorda.ID + "/rooms", map[string]any{"name": "R", "capacity": 5, "layout": "bilateral",
					"interpretation_languages": []string{"ru"}}, []string{"name", "layout", "interpretation_languages.0"}, nil},
				{"organiser", "PATCH", "/api/v1/rooms/" + p.oval.ID, map[string]any{"name": "R", "names": map[string]any{"kk": "Сопақ зал"}}, []string{"name", "layout", "names.zh"}, nil},
				{"organiser", "POST", "/api/v1/meetings", p.meeting("New", p.small.ID, at(14, 0), at(15, 0), p.kaz.ID),
					[]string{"title", "kind", "room_id", "status", "visibility", "participants.0.delegation_id"}, []string{"starts_at", "ends_at"}},
				{"organiser", "POST", "/api/v1/meetings/check", p.meeting("New", p.small.ID, at(14, 0), at(15, 0), p.kaz.ID),
					[]string{"title", "room_id", "participants.0.delegation_id"}, []string{"starts_at", "ends_at"}},
				{"organiser", "PATCH", "/api/v1/meetings/" + m.ID, map[string]any{"title": "T"}, []string{"title", "room_id"}, []string{"starts_at", "ends_at"}},
				{"organiser", "POST", "/api/v1/meetings/confirm", map[string]any{"meeting_ids": []string{m.ID}}, []string{"meeting_ids.0"}, nil},
				{"organiser", "POST", "/api/v1/meetings/shift", map[string]any{"room_id": p.oval.ID, "from": at(9, 0), "minutes": 15, "dry_run": true},
					[]string{"room_id"}, []string{"from"}},
				{"delegate", "POST", "/api/v1/bilateral-requests", map[string]any{"to_delegation_id": p.chn.ID, "duration_minutes": 30, "priority": 3, "note": "N"},
					[]string{"to_delegation_id", "note"}, []string{"earliest", "latest"}},
				{"organiser", "POST", "/api/v1/scheduler/proposals", map[string]any{"from": at(8, 0), "to": at(22, 0), "room_ids": []string{p.oval.ID}},
					[]string{"room_ids.0"}, []string{"from", "to"}},
				{"organiser", "POST", "/api/v1/releases", map[string]any{"note": "N"}, []string{"note"}, nil},
				{"organiser", "POST", "/api/v1/access-zones", map[string]any{"name": "Z", "room_ids": []string{p.oval.ID}}, []string{"name", "room_ids.0"}, nil},
				{"organiser", "POST", "/api/v1/badge-categories", map[string]any{"name": "C", "colour": "#000000", "zone_ids": []string{}}, []string{"name", "colour"}, nil},
				{"organiser", "PATCH", "/api/v1/members/" + p.kazMin.ID, map[string]any{"badge_category_id": nil}, []string{"badge_category_id"}, nil},
				{"organiser", "POST", "/api/v1/access/check", map[string]any{"token": "ABC", "room_id": p.oval.ID}, []string{"token", "room_id"}, nil},
			}
			for _, c := range cases {
				for _, field := range c.texts {
					for _, h := range hostileTexts {
						t.Run(fmt.Sprintf("%s_%s_%s_%s_%s", c.role, c.method, c.path, field, h.name), func(t *testing.T) {
							before := last()
							rec := p.call(c.method, c.path, tokens[c.role], withRaw(t, c.body, field, h.json), "If-Match", `"1"`)
							want := fieldName(field)
							if h.status == 400 {
								want = "body"
							}
							check(t, rec, h.status, want, before)
						})
					}
				}
				for _, field := range c.times {
					for _, raw := range hostileTimes {
						t.Run(fmt.Sprintf("%s_%s_%s_%s_%s", c.role, c.method, c.path, field, raw), func(t *testing.T) {
							before := last()
							rec := p.call(c.method, c.path, tokens[c.role], withRaw(t, c.body, field, raw), "If-Match", `"1"`)
							check(t, rec, 422, field, before)
						})
					}
				}
			}
			t.Run("numbers_out_of_range", func(t *testing.T) {
				for _, c := range []struct{ path, field, raw string }{
					{"/api/v1/meetings", "expected_attendance", "2147483648"},
					{"/api/v1/meetings", "expected_attendance", "-1"},
					{"/api/v1/meetings", "expected_attendance", "1e400"},
				} {
					body := p.meeting("Big", p.small.ID, at(14, 0), at(15, 0), p.kaz.ID)
					body["allow"] = []string{"room_capacity"}
					before := last()
					rec := p.call("POST", c.path, p.organiser, withRaw(t, body, c.field, c.raw))
					if rec.Code != 400 && rec.Code != 422 {
						t.Fatalf("%s=%s: %d %s", c.field, c.raw, rec.Code, rec.Body)
					}
					check(t, rec, rec.Code, c.field, before)
				}
			})
			t.Run("path_ids", func(t *testing.T) {
				routes := []string{"/api/v1/users/%s", "/api/v1/delegations/%s", "/api/v1/delegations/%s/members", "/api/v1/members/%s",
					"/api/v1/venues/%s", "/api/v1/venues/%s/rooms", "/api/v1/rooms/%s", "/api/v1/meetings/%s", "/api/v1/bilateral-requests/%s",
					"/api/v1/scheduler/proposals/%s", "/api/v1/releases/%s", "/api/v1/releases/%s/changes"}
				for _, route := range routes {
					for _, id := range []string{"%00", "x", "1%27%20OR%201=1", "%ff%fe", strings.Repeat("a", 5000), strings.ToUpper(m.ID)} {
						before := last()
						path := fmt.Sprintf(route, id)
						rec := p.call("GET", path, admin, nil)
						if rec.Code != 404 {
							t.Fatalf("GET %s: %d %s", path[:min(len(path), 80)], rec.Code, rec.Body)
						}
						if pr := assertProblem(t, rec, 404); strings.ContainsFunc(pr.Instance, unicode.IsControl) {
							t.Fatalf("the problem echoes a control character: instance %q", pr.Instance)
						}
						if last() != before {
							t.Fatal("a lookup wrote to the audit trail")
						}
					}
				}
			})
			t.Run("query_filters", func(t *testing.T) {
				for _, c := range []struct{ path, field string }{
					{"/api/v1/meetings?delegation_id=%00", "delegation_id"},
					{"/api/v1/meetings?room_id=x", "room_id"},
					{"/api/v1/meetings?status=%00", "status"},
					{"/api/v1/meetings?status=postponed", "status"},
					{"/api/v1/meetings?kind=party", "kind"},
					{"/api/v1/meetings?from=2024-07-04T09:00:00", "from"},
					{"/api/v1/meetings?to=tomorrow", "to"},
					{"/api/v1/members?delegation_id=%00", "delegation_id"},
					{"/api/v1/agenda?member_id=%00", "member_id"},
					{"/api/v1/agenda?delegation_id=" + strconv.Quote("x"), "delegation_id"},
					{"/api/v1/audit?entity_id=%00", "entity_id"},
					{"/api/v1/audit?actor_id=x", "actor_id"},
					{"/api/v1/audit?entity_type=%07", "entity_type"},
					{"/api/v1/bilateral-requests?status=%00", "status"},
					{"/api/v1/bilateral-requests?status=lost", "status"},
					{"/api/v1/bilateral-requests?delegation_id=%00", "delegation_id"},
					{"/api/v1/meetings/check?meeting_id=%00", "meeting_id"},
					{"/api/v1/delegations?cursor=%00", "cursor"},
					{"/api/v1/venues?anything=%ff", "anything"},
					{"/api/v1/releases/1/changes?since=%00", "since"},
					{"/api/v1/releases/1/changes?since=1%27%20OR%201=1", "since"},
				} {
					method := "GET"
					var body any
					if strings.Contains(c.path, "/check") {
						method, body = "POST", p.meeting("New", p.small.ID, at(14, 0), at(15, 0), p.kaz.ID)
					}
					before := last()
					check(t, p.call(method, c.path, admin, body), 422, c.field, before)
				}
			})
		})
	}
}

// withRaw returns body as JSON with the value at field (a dotted path;
// numbers index lists) replaced by raw JSON, which may be invalid on purpose.
func withRaw(t *testing.T, body map[string]any, field, raw string) string {
	t.Helper()
	var copied map[string]any
	b, _ := json.Marshal(body)
	json.Unmarshal(b, &copied)
	var at any = copied
	parts := strings.Split(field, ".")
	for i, part := range parts {
		last := i == len(parts)-1
		switch node := at.(type) {
		case map[string]any:
			if last {
				node[part] = "\x00HOSTILE\x00"
			} else {
				at = node[part]
			}
		case []any:
			n, _ := strconv.Atoi(part)
			if last {
				node[n] = "\x00HOSTILE\x00"
			} else {
				at = node[n]
			}
		}
	}
	out, _ := json.Marshal(copied)
	return strings.Replace(string(out), `"\u0000HOSTILE\u0000"`, raw, 1)
}

var listIndex = regexp.MustCompile(`\.\d+`)

// fieldName is how the server names a field path: lists' items by the list's name.
func fieldName(path string) string { return listIndex.ReplaceAllString(path, "") }

// namesField reports whether a problem names field among its errors.
func namesField(pr Problem, field string) bool {
	for _, e := range pr.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}
