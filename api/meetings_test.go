package api

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

var astana = time.FixedZone("Asia/Almaty", 5*3600)

// at is 4 July 2024 at hh:mm in Astana.
func at(hh, mm int) time.Time { return time.Date(2024, 7, 4, hh, mm, 0, 0, astana) }

// planning is a harness with a summit to plan: venues, rooms and heads.
type planning struct {
	*harness
	organiser              string
	palace, akorda         venueResponse
	hall, small, oval      roomResponse
	kazHead, kazMin, chnHd memberResponse
}

func newPlanning(t *testing.T, dbURL string) *planning {
	if dbURL == "" {
		dbURL = dbtest.URLs(t)[repository.SQLite]
	}
	h := newHarness(t, dbURL)
	p := &planning{harness: h, organiser: h.token("organiser")}
	mustOK := func(status int, method, path string, body any, out any) {
		t.Helper()
		rec := h.call(method, path, p.organiser, body)
		if rec.Code != status {
			t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
		}
		if out != nil {
			json.Unmarshal(rec.Body.Bytes(), out)
		}
	}
	mustOK(200, "PUT", "/api/v1/summit", map[string]string{"name": "SCO", "city": "Astana", "timezone": "Asia/Almaty",
		"starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00"}, nil)
	mustOK(201, "POST", "/api/v1/venues", map[string]any{"name": "Akorda"}, &p.akorda)
	mustOK(201, "POST", "/api/v1/venues", map[string]any{"name": "Palace of Independence", "travel_minutes": map[string]int{p.akorda.ID: 15}}, &p.palace)
	mustOK(201, "POST", "/api/v1/venues/"+p.palace.ID+"/rooms", map[string]any{"name": "Hall", "capacity": 100, "layout": "plenary",
		"interpretation_languages": []string{"ru", "zh", "en"}, "changeover_minutes": 15}, &p.hall)
	mustOK(201, "POST", "/api/v1/venues/"+p.palace.ID+"/rooms", map[string]any{"name": "Small", "capacity": 10, "layout": "bilateral", "changeover_minutes": 10}, &p.small)
	mustOK(201, "POST", "/api/v1/venues/"+p.akorda.ID+"/rooms", map[string]any{"name": "Oval Hall", "capacity": 10, "layout": "bilateral",
		"interpretation_languages": []string{"ru", "zh"}}, &p.oval)
	mustOK(201, "POST", "/api/v1/delegations/"+h.kaz.ID+"/members", map[string]any{"full_name": "Kassym-Jomart Tokayev", "position": "President"}, &p.kazHead)
	mustOK(201, "POST", "/api/v1/delegations/"+h.kaz.ID+"/members", map[string]any{"full_name": "Murat Nurtleu", "position": "Minister"}, &p.kazMin)
	mustOK(201, "POST", "/api/v1/delegations/"+h.chn.ID+"/members", map[string]any{"full_name": "Xi Jinping", "position": "President"}, &p.chnHd)
	mustOK(200, "PATCH", "/api/v1/delegations/"+h.chn.ID, map[string]any{"arrival_at": at(9, 0).Add(-24 * time.Hour), "departure_at": at(20, 0)}, nil)
	return p
}

// meeting is a valid meeting body to vary.
func (p *planning) meeting(title, roomID string, from, to time.Time, delegations ...string) map[string]any {
	parts := []map[string]any{}
	for _, d := range delegations {
		parts = append(parts, map[string]any{"delegation_id": d})
	}
	return map[string]any{"title": title, "kind": "bilateral", "starts_at": from, "ends_at": to, "room_id": roomID,
		"status": "confirmed", "visibility": "participants", "participants": parts}
}

func (p *planning) book(body map[string]any) meetingResponse {
	p.t.Helper()
	rec := p.call("POST", "/api/v1/meetings", p.organiser, body)
	if rec.Code != 201 {
		p.t.Fatalf("book %v: %d %s", body["title"], rec.Code, rec.Body)
	}
	return decode[meetingResponse](p.t, rec)
}

func conflictRules(t *testing.T, pr Problem) string {
	var rules []string
	for _, c := range pr.Conflicts {
		rules = append(rules, c.Rule)
	}
	return strings.Join(rules, ",")
}

func TestMeetingRulesOverHTTP(t *testing.T) {
	p := newPlanning(t, "")
	kaz, chn := p.kaz.ID, p.chn.ID
	first := p.book(p.meeting("KAZ–CHN talks", p.oval.ID, at(10, 0), at(11, 0), kaz, chn))
	if first.StartsAt != at(10, 0).UTC() || first.StartsAt.Location() != time.UTC || first.Version != 1 {
		t.Fatalf("booked %+v", first)
	}

	t.Run("room_and_people_taken_is_409_listing_both", func(t *testing.T) {
		pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Clash", p.oval.ID, at(10, 30), at(11, 30), kaz)), 409)
		if got := conflictRules(t, pr); got != "room_overlap,member_overlap" {
			t.Fatalf("conflicts %s: %+v", got, pr.Conflicts)
		}
		if pr.Conflicts[0].MeetingID != first.ID || pr.Conflicts[0].RoomID != p.oval.ID || pr.Conflicts[1].MemberID != p.kazHead.ID {
			t.Fatalf("conflict details %+v", pr.Conflicts)
		}
	})
	t.Run("touching_meetings_do_not_overlap", func(t *testing.T) {
		p.book(p.meeting("Right after", p.oval.ID, at(11, 0), at(11, 30), kaz))
	})
	t.Run("changeover_exactly_met_passes_one_minute_short_fails", func(t *testing.T) {
		p.book(p.meeting("Hall A", p.hall.ID, at(8, 0), at(9, 0)))
		assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Hall B", p.hall.ID, at(9, 14), at(9, 30))), 409)
		p.book(p.meeting("Hall B", p.hall.ID, at(9, 15), at(9, 45)))
	})
	t.Run("travel_exactly_met_passes_one_minute_short_fails", func(t *testing.T) {
		// The KAZ head is at Akorda until 11:30; the Palace is 15 minutes away.
		pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Too soon", p.small.ID, at(11, 44), at(12, 0), kaz)), 409)
		if conflictRules(t, pr) != "travel_time" {
			t.Fatalf("%+v", pr.Conflicts)
		}
		p.book(p.meeting("In time", p.small.ID, at(11, 45), at(12, 0), kaz))
	})
	t.Run("allow_overrides_overridable_rules_and_is_audited", func(t *testing.T) {
		body := p.meeting("Crowded", p.oval.ID, at(13, 0), at(14, 0), kaz)
		body["expected_attendance"] = 30
		assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body), 409)
		body["allow"] = []string{"room_capacity"}
		m := p.book(body)
		entries, _, _ := p.store.ListAudit(context.Background(), domain.AuditFilter{EntityType: "meeting", EntityID: m.ID}, domain.Page{})
		if len(entries) != 1 || !strings.Contains(string(entries[0].After), `"allow_used":["room_capacity"]`) {
			t.Fatalf("audit %+v", entries)
		}
	})
	t.Run("hard_rules_cannot_be_allowed", func(t *testing.T) {
		body := p.meeting("Clash", p.oval.ID, at(10, 0), at(11, 0), kaz)
		body["allow"] = []string{"room_overlap", "member_overlap"}
		pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body), 422)
		if len(pr.Errors) != 2 || pr.Errors[0].Field != "allow" {
			t.Fatalf("%+v", pr.Errors)
		}
	})
	t.Run("named_member_is_held_not_the_head", func(t *testing.T) {
		body := p.meeting("Ministers", p.small.ID, at(10, 15), at(10, 45))
		body["participants"] = []map[string]any{{"delegation_id": kaz, "member_ids": []string{p.kazMin.ID}}}
		m := p.book(body)
		if len(m.Participants) != 1 || len(m.Participants[0].MemberIDs) != 1 {
			t.Fatalf("%+v", m.Participants)
		}
	})
	t.Run("foreign_member_is_422", func(t *testing.T) {
		body := p.meeting("Wrong", p.small.ID, at(15, 0), at(15, 30))
		body["participants"] = []map[string]any{{"delegation_id": kaz, "member_ids": []string{p.chnHd.ID}}}
		assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body), 422)
	})
	t.Run("unknown_room_is_422_even_when_cancelled_or_checked", func(t *testing.T) {
		for _, status := range []string{"confirmed", "cancelled"} {
			body := p.meeting("Nowhere", "no-such-room", at(15, 0), at(15, 30), kaz)
			body["status"] = status
			for _, path := range []string{"/api/v1/meetings", "/api/v1/meetings/check"} {
				pr := assertProblem(t, p.call("POST", path, p.organiser, body), 422)
				if len(pr.Errors) != 1 || pr.Errors[0].Field != "room_id" {
					t.Fatalf("%s %s: %+v", path, status, pr.Errors)
				}
			}
		}
	})
	t.Run("cancelled_meetings_hold_nothing_drafts_hold_everything", func(t *testing.T) {
		draft := p.meeting("Draft", p.hall.ID, at(16, 0), at(17, 0), chn)
		draft["status"] = "draft"
		d := p.book(draft)
		assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Over draft", p.hall.ID, at(16, 30), at(17, 0))), 409)
		rec := p.call("PATCH", "/api/v1/meetings/"+d.ID, p.organiser, map[string]any{"status": "cancelled"}, "If-Match", `"1"`)
		if rec.Code != 200 || rec.Header().Get("ETag") != `"2"` {
			t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
		}
		p.book(p.meeting("Over cancelled", p.hall.ID, at(16, 30), at(17, 0), chn))
	})
	t.Run("presence_and_summit_dates", func(t *testing.T) {
		pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("Late", p.oval.ID, at(19, 30), at(20, 30), chn)), 409)
		if conflictRules(t, pr) != "delegation_presence" {
			t.Fatalf("%+v", pr.Conflicts)
		}
		next := time.Date(2024, 7, 5, 0, 10, 0, 0, astana)
		pr = assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, p.meeting("After", p.oval.ID, next, next.Add(time.Hour))), 409)
		if conflictRules(t, pr) != "outside_summit" {
			t.Fatalf("%+v", pr.Conflicts)
		}
	})
	t.Run("check_is_a_dry_run_and_a_meeting_does_not_conflict_with_itself", func(t *testing.T) {
		before, _, _ := p.store.ListMeetings(context.Background(), domain.MeetingFilter{}, domain.Page{Limit: 500})
		rec := p.call("POST", "/api/v1/meetings/check", p.organiser, p.meeting("Probe", p.oval.ID, at(10, 0), at(11, 0), kaz))
		res := decode[checkResponse](t, rec)
		if rec.Code != 200 || len(res.Conflicts) != 2 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		rec = p.call("POST", "/api/v1/meetings/check?meeting_id="+first.ID, p.organiser, map[string]any{"ends_at": at(10, 59)})
		if res := decode[checkResponse](t, rec); rec.Code != 200 || len(res.Conflicts) != 0 {
			t.Fatalf("self: %d %s", rec.Code, rec.Body)
		}
		after, _, _ := p.store.ListMeetings(context.Background(), domain.MeetingFilter{}, domain.Page{Limit: 500})
		if len(after) != len(before) {
			t.Fatal("check wrote something")
		}
	})
	t.Run("validation_names_every_bad_field", func(t *testing.T) {
		pr := assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, map[string]any{"title": "", "kind": "party", "status": "maybe",
			"starts_at": at(10, 0), "ends_at": at(9, 0), "visibility": "secret"}), 422)
		fields := map[string]bool{}
		for _, e := range pr.Errors {
			fields[e.Field] = true
		}
		for _, f := range []string{"title", "kind", "status", "visibility", "ends_at"} {
			if !fields[f] {
				t.Errorf("%s not named: %+v", f, pr.Errors)
			}
		}
	})
}

func TestMeetingVersionsAndIdempotency(t *testing.T) {
	p := newPlanning(t, "")
	m := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))
	path := "/api/v1/meetings/" + m.ID
	assertProblem(t, p.call("PATCH", path, p.organiser, map[string]any{"title": "Renamed"}), 428)
	assertProblem(t, p.call("DELETE", path, p.organiser, nil), 428)
	assertProblem(t, p.call("PATCH", path, p.organiser, map[string]any{"title": "Renamed"}, "If-Match", `"2"`), 412)
	rec := p.call("PATCH", path, p.organiser, map[string]any{"title": "Renamed", "starts_at": at(10, 30), "ends_at": at(11, 30)}, "If-Match", `"1"`)
	if rec.Code != 200 || decode[meetingResponse](t, rec).Title != "Renamed" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	assertProblem(t, p.call("PATCH", path, p.organiser, map[string]any{"title": "Lost update"}, "If-Match", `"1"`), 412)
	assertProblem(t, p.call("PATCH", path, p.organiser, map[string]any{"id": "x"}, "If-Match", `"2"`), 400)

	body := p.meeting("Retried", p.small.ID, at(12, 0), at(12, 30), p.chn.ID)
	first := p.call("POST", "/api/v1/meetings", p.organiser, body, "Idempotency-Key", "k-1")
	again := p.call("POST", "/api/v1/meetings", p.organiser, body, "Idempotency-Key", "k-1")
	if first.Code != 201 || again.Code != 201 || decode[meetingResponse](t, first).ID != decode[meetingResponse](t, again).ID {
		t.Fatalf("retry: %d %d %s %s", first.Code, again.Code, first.Body, again.Body)
	}
	body["title"] = "Something else"
	assertProblem(t, p.call("POST", "/api/v1/meetings", p.organiser, body, "Idempotency-Key", "k-1"), 422)
	list, _, _ := p.store.ListMeetings(context.Background(), domain.MeetingFilter{RoomID: p.small.ID}, domain.Page{})
	if len(list) != 1 {
		t.Fatalf("%d meetings in the room, want 1", len(list))
	}
	if rec := p.call("DELETE", path, p.organiser, nil, "If-Match", `"2"`); rec.Code != 204 {
		t.Fatalf("delete %d %s", rec.Code, rec.Body)
	}
	assertProblem(t, p.call("GET", path, p.organiser, nil), 404)
}

// TestObjectAccess: every object a caller may not see answers 404, and what
// a caller may not change answers 403 or 404, on own and foreign objects.
func TestObjectAccess(t *testing.T) {
	p := newPlanning(t, "")
	kazTok, chnTok := p.token("delegate"), p.token("delegate_chn")
	private := p.book(p.meeting("KAZ internal", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID))
	public := p.meeting("Plenary", p.hall.ID, at(12, 0), at(13, 0), p.kaz.ID, p.chn.ID)
	public["visibility"] = "public"
	plenary := p.book(public)
	draftBody := p.meeting("Draft", p.small.ID, at(14, 0), at(15, 0), p.kaz.ID)
	draftBody["status"] = "draft"
	draft := p.book(draftBody)
	orgOnly := p.meeting("Security briefing", p.small.ID, at(16, 0), at(17, 0), p.kaz.ID)
	orgOnly["visibility"] = "organisers"
	secret := p.book(orgOnly)

	cases := []struct {
		name, token, method, path string
		body                      any
		want                      int
	}{
		{"own_members", kazTok, "GET", "/api/v1/delegations/" + p.kaz.ID + "/members", nil, 200},
		{"foreign_members", chnTok, "GET", "/api/v1/delegations/" + p.kaz.ID + "/members", nil, 404},
		{"foreign_member", chnTok, "GET", "/api/v1/members/" + p.kazMin.ID, nil, 404},
		{"foreign_member_change", chnTok, "PATCH", "/api/v1/members/" + p.kazMin.ID, map[string]any{"position": "x"}, 404},
		{"foreign_member_delete", chnTok, "DELETE", "/api/v1/members/" + p.kazMin.ID, nil, 404},
		{"foreign_member_add", chnTok, "POST", "/api/v1/delegations/" + p.kaz.ID + "/members", map[string]any{"full_name": "Spy"}, 404},
		{"own_member_add", kazTok, "POST", "/api/v1/delegations/" + p.kaz.ID + "/members", map[string]any{"full_name": "Aide"}, 201},
		{"own_arrival", kazTok, "PATCH", "/api/v1/delegations/" + p.kaz.ID, map[string]any{"hotel": "Hilton Astana"}, 200},
		{"own_name_is_for_organisers", kazTok, "PATCH", "/api/v1/delegations/" + p.kaz.ID, map[string]any{"name": "Kazakhstan!"}, 403},
		{"foreign_arrival", chnTok, "PATCH", "/api/v1/delegations/" + p.kaz.ID, map[string]any{"hotel": "x"}, 403},
		{"foreign_feed_token", chnTok, "POST", "/api/v1/delegations/" + p.kaz.ID + "/feed-token", nil, 404},
		{"own_meeting", kazTok, "GET", "/api/v1/meetings/" + private.ID, nil, 200},
		{"foreign_participants_meeting", chnTok, "GET", "/api/v1/meetings/" + private.ID, nil, 404},
		{"public_meeting", chnTok, "GET", "/api/v1/meetings/" + plenary.ID, nil, 200},
		{"draft_is_for_organisers", kazTok, "GET", "/api/v1/meetings/" + draft.ID, nil, 404},
		{"organisers_meeting", kazTok, "GET", "/api/v1/meetings/" + secret.ID, nil, 404},
		{"foreign_member_agenda", chnTok, "GET", "/api/v1/agenda?member_id=" + p.kazHead.ID, nil, 404},
		{"delegates_do_not_book", kazTok, "POST", "/api/v1/meetings", p.meeting("x", p.small.ID, at(18, 0), at(19, 0)), 403},
		{"delegates_do_not_check", kazTok, "POST", "/api/v1/meetings/check", p.meeting("x", p.small.ID, at(18, 0), at(19, 0)), 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := p.call(c.method, c.path, c.token, c.body)
			if rec.Code != c.want {
				t.Fatalf("%d, want %d: %s", rec.Code, c.want, rec.Body)
			}
		})
	}

	t.Run("lists_and_agendas_hold_only_what_the_caller_may_see", func(t *testing.T) {
		for _, path := range []string{"/api/v1/meetings", "/api/v1/agenda", "/api/v1/agenda?delegation_id=" + p.kaz.ID, "/api/v1/agenda?date=2024-07-04"} {
			body := p.call("GET", path, chnTok, nil).Body.String()
			for _, hidden := range []string{private.ID, draft.ID, secret.ID, "KAZ internal", "Security briefing"} {
				if strings.Contains(body, hidden) {
					t.Fatalf("%s shows CHN %q: %s", path, hidden, body)
				}
			}
			if !strings.Contains(body, plenary.ID) {
				t.Fatalf("%s lacks the public plenary: %s", path, body)
			}
		}
		ag := decode[list[agendaItemResponse]](t, p.call("GET", "/api/v1/agenda?delegation_id="+p.kaz.ID+"&date=2024-07-04", kazTok, nil))
		var titles []string
		for _, it := range ag.Items {
			titles = append(titles, it.Title+"@"+it.RoomName+"/"+it.VenueName)
		}
		// With the motorcade's drive between the two (CONTRACT section 14).
		if got := strings.Join(titles, ","); got != "KAZ internal@Oval Hall/Akorda,Depart Akorda 11:35 → Palace of Independence, arrive 11:50@/Palace of Independence,"+
			"Plenary@Hall/Palace of Independence" {
			t.Fatalf("KAZ agenda: %s", got)
		}
		if ag := decode[list[agendaItemResponse]](t, p.call("GET", "/api/v1/agenda?date=2024-07-05", kazTok, nil)); len(ag.Items) != 0 {
			t.Fatalf("5 July: %+v", ag.Items)
		}
	})
}

func TestCalendarFeeds(t *testing.T) {
	p := newPlanning(t, "")
	kazTok := p.token("delegate")
	talks := p.book(p.meeting("KAZ, CHN; talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
	secret := p.book(p.meeting("CHN only", p.small.ID, at(14, 0), at(15, 0), p.chn.ID))
	pub := p.meeting("Plenary", p.hall.ID, at(12, 0), at(13, 0), p.kaz.ID, p.chn.ID)
	pub["visibility"] = "public"
	plenary := p.book(pub)
	if rec := p.call("PATCH", "/api/v1/meetings/"+talks.ID, p.organiser, map[string]any{"status": "cancelled"}, "If-Match", `"1"`); rec.Code != 200 {
		t.Fatal(rec.Body)
	}

	rec := p.call("POST", "/api/v1/delegations/"+p.kaz.ID+"/feed-token", kazTok, nil)
	feed := decode[feedTokenResponse](t, rec)
	path := strings.TrimPrefix(feed.URL, "http://example.com")
	if rec.Code != 200 || !strings.HasPrefix(path, "/ical/delegations/") || !strings.HasSuffix(path, ".ics") || !strings.HasPrefix(feed.WebcalURL, "webcal://") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	cal := p.call("GET", path, "", nil)
	if cal.Code != 200 || cal.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("%d %v", cal.Code, cal.Header())
	}
	text := cal.Body.String()
	if strings.Contains(text, secret.ID) || strings.Contains(text, "CHN only") {
		t.Fatal("the KAZ feed holds a CHN-only meeting")
	}
	events := parseICal(t, text)
	if len(events) != 2 {
		t.Fatalf("events %+v", events)
	}
	if e := events[0]; e.UID != talks.ID+"@summit-planner" || e.Summary != "KAZ, CHN; talks" || e.Status != "CANCELLED" || e.Sequence != 1 ||
		e.Start != "2024-07-04T05:00:00.000Z" || e.End != "2024-07-04T06:00:00.000Z" || e.Location != "Oval Hall, Akorda" {
		t.Fatalf("talks: %+v", e)
	}
	if e := events[1]; e.UID != plenary.ID+"@summit-planner" || e.Status != "CONFIRMED" || e.Sequence != 0 {
		t.Fatalf("plenary: %+v", e)
	}

	// Rotating the token kills the old URL.
	rec = p.call("POST", "/api/v1/delegations/"+p.kaz.ID+"/feed-token", p.organiser, nil)
	if rec.Code != 200 {
		t.Fatal(rec.Body)
	}
	assertProblem(t, p.call("GET", path, "", nil), 404)
	assertProblem(t, p.call("GET", "/ical/delegations/not-a-token.ics", "", nil), 404)

	publicEvents := parseICal(t, p.call("GET", "/ical/public.ics", "", nil).Body.String())
	if len(publicEvents) != 1 || publicEvents[0].Summary != "Plenary" {
		t.Fatalf("public feed: %+v", publicEvents)
	}
}

type icalEvent struct {
	UID, Summary, Location, Status, Start, End string
	Sequence                                   int
}

// parseICal reads a calendar with ical.js (the parser Thunderbird uses),
// through tools/icalcheck. CI sets SUMMIT_REQUIRE_ICALJS=1, so it never skips there.
func parseICal(t *testing.T, text string) []icalEvent {
	t.Helper()
	script := filepath.Join("..", "tools", "icalcheck", "check.mjs")
	if _, err := os.Stat(filepath.Join("..", "tools", "icalcheck", "node_modules", "ical.js")); err != nil {
		if os.Getenv("SUMMIT_REQUIRE_ICALJS") == "1" {
			t.Fatalf("ical.js is not installed: cd tools/icalcheck && npm ci")
		}
		t.Skip("ical.js is not installed (cd tools/icalcheck && npm ci)")
	}
	cmd := exec.Command("node", script)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js could not read the calendar: %v\n%s", err, text)
	}
	var events []icalEvent
	if err := json.Unmarshal(out, &events); err != nil {
		t.Fatal(err)
	}
	return events
}

// TestParticipantsInProtocolOrder: however a meeting's delegations are
// sent, they come back by precedence (then code), on create and on read.
func TestParticipantsInProtocolOrder(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			order := func(m meetingResponse) string {
				var ids []string
				for _, part := range m.Participants {
					ids = append(ids, part.DelegationID)
				}
				return strings.Join(ids, ",")
			}
			// Equal precedence: by code, CHN before KAZ.
			m := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
			if want := p.chn.ID + "," + p.kaz.ID; order(m) != want {
				t.Fatalf("created in order %s, want CHN, KAZ", order(m))
			}
			// Kazakhstan, the host, goes first once its precedence says so.
			if rec := p.call("PATCH", "/api/v1/delegations/"+p.kaz.ID, p.organiser, map[string]any{"precedence": 1}); rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if rec := p.call("PATCH", "/api/v1/delegations/"+p.chn.ID, p.organiser, map[string]any{"precedence": 2}); rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			got := decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+m.ID, p.organiser, nil))
			if want := p.kaz.ID + "," + p.chn.ID; order(got) != want {
				t.Fatalf("read in order %s, want KAZ, CHN", order(got))
			}
		})
	}
}

// TestAuditSnapshotsUseTheAPIsNames: the before and after of an audit entry
// name fields as the API does (starts_at, day_ends), never as Go does.
func TestAuditSnapshotsUseTheAPIsNames(t *testing.T) {
	p := newPlanning(t, "")
	m := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
	for _, q := range []string{"entity_type=meeting&entity_id=" + m.ID, "entity_type=summit"} {
		got := decode[list[auditResponse]](t, p.call("GET", "/api/v1/audit?"+q, p.organiser, nil))
		if len(got.Items) == 0 {
			t.Fatalf("no audit entries for %s", q)
		}
		var after map[string]any
		if err := json.Unmarshal(got.Items[0].After, &after); err != nil {
			t.Fatal(err)
		}
		for key := range after {
			if key != strings.ToLower(key) {
				t.Fatalf("%s: field %q is not the API's name (%v)", q, key, after)
			}
		}
		want := map[string]string{"entity_type=summit": "day_ends"}[q]
		if want == "" {
			want = "starts_at"
		}
		if _, ok := after[want]; !ok {
			t.Fatalf("%s: no %q in %v", q, want, after)
		}
	}
}

// TestTravelMinuteErrorsNameTheVenue: a bad travel time is reported on
// travel_minutes.<venue id>, so a form can show it next to that venue.
func TestTravelMinuteErrorsNameTheVenue(t *testing.T) {
	p := newPlanning(t, "")
	pr := assertProblem(t, p.call("POST", "/api/v1/venues", p.organiser,
		map[string]any{"name": "Expo", "travel_minutes": map[string]int{p.akorda.ID: 2000}}), 422)
	if len(pr.Errors) != 1 || pr.Errors[0].Field != "travel_minutes."+p.akorda.ID || pr.Errors[0].Message != "must be 0 to 1440" {
		t.Fatalf("%+v", pr.Errors)
	}
}

// TestCheckSuggestsFreeTimes: a blocked dry run offers the nearest times on
// the same day at which the same meeting breaks no rule, nearest first.
func TestCheckSuggestsFreeTimes(t *testing.T) {
	p := newPlanning(t, "")
	p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.chn.ID))
	rec := p.call("POST", "/api/v1/meetings/check", p.organiser, p.meeting("Press", p.oval.ID, at(10, 30), at(11, 0), p.kaz.ID))
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	got := decode[checkResponse](t, rec)
	if conflictRules(t, Problem{Conflicts: got.Conflicts}) != domain.RuleRoomOverlap {
		t.Fatalf("conflicts %+v", got.Conflicts)
	}
	// The Oval Hall has no changeover: 11:00 touches the talks (30 min away), then 11:15, then 09:30 before 11:30.
	want := []time.Time{at(11, 0), at(11, 15), at(9, 30)}
	if len(got.Suggestions) != len(want) {
		t.Fatalf("suggestions %+v", got.Suggestions)
	}
	for i, s := range got.Suggestions {
		if !s.StartsAt.Equal(want[i]) || s.EndsAt.Sub(s.StartsAt) != 30*time.Minute {
			t.Fatalf("suggestion %d: %v–%v, want %v", i, s.StartsAt, s.EndsAt, want[i])
		}
	}
	// Each suggestion really is free.
	for _, s := range got.Suggestions {
		body := p.meeting("Press", p.oval.ID, s.StartsAt, s.EndsAt, p.kaz.ID)
		if res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, body)); len(res.Conflicts) != 0 || len(res.Suggestions) != 0 {
			t.Fatalf("suggested %v is not free: %+v", s.StartsAt, res)
		}
	}
	// Nothing is suggested when no time of the day can help (too many seats).
	big := p.meeting("Press", p.oval.ID, at(10, 30), at(11, 0), p.kaz.ID)
	big["expected_attendance"] = 500
	if res := decode[checkResponse](t, p.call("POST", "/api/v1/meetings/check", p.organiser, big)); len(res.Suggestions) != 0 {
		t.Fatalf("suggestions for a room too small: %+v", res.Suggestions)
	}
}

// TestConfirmMeetings: drafts become confirmed all at once, each checked
// again; one that now breaks a rule (or is unknown) changes nothing.
func TestConfirmMeetings(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			draft := func(title string, from, to time.Time, dels ...string) meetingResponse {
				body := p.meeting(title, p.oval.ID, from, to, dels...)
				body["status"] = "draft"
				return p.book(body)
			}
			a, b := draft("A", at(9, 0), at(9, 30), p.kaz.ID), draft("B", at(19, 0), at(19, 30), p.chn.ID)
			done := p.book(p.meeting("C", p.oval.ID, at(10, 0), at(10, 30), p.kaz.ID))
			confirm := func(ids ...string) *httptest.ResponseRecorder {
				return p.call("POST", "/api/v1/meetings/confirm", p.organiser, map[string]any{"meeting_ids": ids})
			}
			status := func(id string) (string, int) {
				m := decode[meetingResponse](t, p.call("GET", "/api/v1/meetings/"+id, p.organiser, nil))
				return m.Status, m.Version
			}
			// China now leaves at 18:00: B would break a rule, so nothing is confirmed.
			if rec := p.call("PATCH", "/api/v1/delegations/"+p.chn.ID, p.organiser, map[string]any{"departure_at": at(18, 0)}); rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			pr := assertProblem(t, confirm(a.ID, b.ID), 409)
			if conflictRules(t, pr) != domain.RuleDelegationPresence {
				t.Fatalf("conflicts %+v", pr.Conflicts)
			}
			assertProblem(t, confirm(a.ID, "no-such-meeting"), 422)
			if s, _ := status(a.ID); s != "draft" {
				t.Fatalf("A is %s after refused confirmations", s)
			}
			// Without B: A is confirmed, C (confirmed already) is left as it is.
			rec := confirm(a.ID, done.ID)
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			items := decode[struct{ Items []meetingResponse }](t, rec).Items
			if len(items) != 2 || items[0].Status != "confirmed" || items[0].Version != a.Version+1 || items[1].Version != done.Version {
				t.Fatalf("%+v", items)
			}
			if s, v := status(a.ID); s != "confirmed" || v != a.Version+1 {
				t.Fatalf("A is %s v%d", s, v)
			}
			if s, _ := status(b.ID); s != "draft" {
				t.Fatalf("B is %s", s)
			}
			assertProblem(t, p.call("POST", "/api/v1/meetings/confirm", p.token("delegate_chn"), map[string]any{"meeting_ids": []string{b.ID}}), 403)
		})
	}
}
