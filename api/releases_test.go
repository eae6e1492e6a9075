package api

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"summit/repository/dbtest"
)

// releaseDetail is GET /releases/{n}'s answer.
type releaseDetail struct {
	releaseResponse
	Items []releasedMeetingResponse `json:"items"`
}

// releaseChangesAnswer is GET /releases/{n}/changes' answer.
type releaseChangesAnswer struct {
	Number int `json:"number"`
	Since  int `json:"since"`
	changesResponse
}

// titles lists the titles of frozen meetings, in order.
func titles(ms []releasedMeetingResponse) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Title)
	}
	return strings.Join(out, ",")
}

// changesText sums up changes as "+added ~changed -removed".
func changesText(c changesResponse) string {
	var ch []string
	for _, x := range c.Changed {
		ch = append(ch, x.After.Title)
	}
	return "+" + titles(c.Added) + " ~" + strings.Join(ch, ",") + " -" + titles(c.Removed)
}

// TestReleases freezes the confirmed programme as numbered releases on both
// databases (CONTRACT section 11): numbering without gaps (also under
// concurrent publishing), frozen images that later changes leave alone,
// visibility per role on the frozen images (a delegate never learns of a
// confidential meeting of two other delegations, in a release or its
// changes), the changes' shape, the audit trail and bad input.
func TestReleases(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			chnDelegate, kazDelegate := p.token("delegate_chn"), p.token("delegate")
			publish := func(note string) releaseResponse {
				t.Helper()
				rec := p.call("POST", "/api/v1/releases", p.organiser, map[string]string{"note": note})
				if rec.Code != 201 {
					t.Fatalf("POST /releases: %d %s", rec.Code, rec.Body)
				}
				return decode[releaseResponse](t, rec)
			}
			get := func(token, path string) *httptest.ResponseRecorder {
				t.Helper()
				rec := p.call("GET", path, token, nil)
				if rec.Code != 200 {
					t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
				}
				return rec
			}
			release := func(token string, n int) releaseDetail {
				t.Helper()
				return decode[releaseDetail](t, get(token, fmt.Sprintf("/api/v1/releases/%d", n)))
			}
			changes := func(token string, path string) releaseChangesAnswer {
				t.Helper()
				return decode[releaseChangesAnswer](t, get(token, path))
			}

			// Nothing confirmed yet: an empty release 1 that says so.
			first := publish("")
			if first.Number != 1 || first.Meetings != 0 || !strings.Contains(first.Message, "no meetings") {
				t.Fatalf("empty release %+v", first)
			}

			// A third delegation, Russia, meets Kazakhstan in confidence.
			var rus delegationResponse
			if rec := p.call("POST", "/api/v1/delegations", p.organiser, map[string]any{"code": "RUS", "name": "Russia", "kind": "member"}); rec.Code != 201 {
				t.Fatalf("create RUS: %d %s", rec.Code, rec.Body)
			} else {
				rus = decode[delegationResponse](t, rec)
			}
			if rec := p.call("POST", "/api/v1/delegations/"+rus.ID+"/members", p.organiser, map[string]any{"full_name": "Vladimir Putin", "position": "President"}); rec.Code != 201 {
				t.Fatalf("RUS head: %d %s", rec.Code, rec.Body)
			}
			talks := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
			plenary := p.meeting("Plenary", p.hall.ID, at(12, 0), at(13, 0))
			plenary["visibility"] = "public"
			plen := p.book(plenary)
			secret := p.book(p.meeting("Secret", p.small.ID, at(14, 0), at(14, 30), p.kaz.ID, rus.ID))
			staff := p.meeting("Staff", p.hall.ID, at(8, 0), at(8, 30))
			staff["visibility"] = "organisers"
			p.book(staff)
			draft := p.meeting("Draft", p.hall.ID, at(16, 0), at(17, 0), p.chn.ID)
			draft["status"] = "draft"
			p.book(draft)

			second := publish("  First programme  ")
			if second.Number != 2 || second.Meetings != 4 || second.Note != "First programme" || second.Message != "" {
				t.Fatalf("release 2 %+v", second)
			}
			r2 := release(p.organiser, 2)
			if titles(r2.Items) != "Staff,Talks,Plenary,Secret" || r2.Items[1].RoomName != "Oval Hall" || r2.Items[1].VenueName != "Akorda" ||
				len(r2.Items[1].Participants) != 2 {
				t.Fatalf("release 2 for organisers: %+v", r2.Items)
			}
			if got := release(chnDelegate, 2); titles(got.Items) != "Talks,Plenary" || got.Meetings != 2 {
				t.Fatalf("release 2 for China's delegate: %d %s", got.Meetings, titles(got.Items))
			}
			if got := release(kazDelegate, 2); titles(got.Items) != "Talks,Plenary,Secret" {
				t.Fatalf("release 2 for Kazakhstan's delegate: %s", titles(got.Items))
			}

			// Changes after release 2: Talks moves and changes room, Secret
			// moves, Plenary is cancelled, a lunch is booked.
			patch := func(id string, version int, body map[string]any) {
				t.Helper()
				rec := p.call("PATCH", "/api/v1/meetings/"+id, p.organiser, body, "If-Match", fmt.Sprintf(`"%d"`, version))
				if rec.Code != 200 {
					t.Fatalf("PATCH %s: %d %s", id, rec.Code, rec.Body)
				}
			}
			patch(talks.ID, talks.Version, map[string]any{"starts_at": at(10, 30), "ends_at": at(11, 30), "room_id": p.small.ID})
			patch(secret.ID, secret.Version, map[string]any{"starts_at": at(15, 0), "ends_at": at(15, 30)})
			patch(plen.ID, plen.Version, map[string]any{"status": "cancelled"})
			p.book(p.meeting("Lunch", p.hall.ID, at(13, 30), at(14, 30), p.chn.ID))

			// Release 2 stays as it was frozen.
			if again := release(p.organiser, 2); !slices.EqualFunc(again.Items, r2.Items, func(a, b releasedMeetingResponse) bool {
				return a.ID == b.ID && a.StartsAt.Equal(b.StartsAt) && a.RoomName == b.RoomName && a.Status == b.Status
			}) {
				t.Fatalf("release 2 changed: %+v", again.Items)
			}
			third := publish("Second programme")
			if third.Number != 3 || third.Meetings != 4 {
				t.Fatalf("release 3 %+v", third)
			}

			// Changes: by default since the previous release.
			all := changes(p.organiser, "/api/v1/releases/3/changes")
			if all.Since != 2 || changesText(all.changesResponse) != "+Lunch ~Talks,Secret -Plenary" {
				t.Fatalf("organiser's changes since %d: %s", all.Since, changesText(all.changesResponse))
			}
			moved := all.Changed[0]
			if !moved.Before.StartsAt.Equal(at(10, 0)) || !moved.After.StartsAt.Equal(at(10, 30)) ||
				moved.Before.RoomName != "Oval Hall" || moved.After.RoomName != "Small" || moved.After.VenueName != "Palace of Independence" {
				t.Fatalf("Talks before/after %+v", moved)
			}
			rec := get(chnDelegate, "/api/v1/releases/3/changes?since=2")
			chn := decode[releaseChangesAnswer](t, rec)
			if changesText(chn.changesResponse) != "+Lunch ~Talks -Plenary" {
				t.Fatalf("China's changes: %s", changesText(chn.changesResponse))
			}
			for _, path := range []string{"/api/v1/releases/3/changes?since=2", "/api/v1/releases/3/changes?since=1", "/api/v1/releases/2", "/api/v1/releases/3"} {
				if body := get(chnDelegate, path).Body.String(); strings.Contains(body, secret.ID) || strings.Contains(body, "Secret") || strings.Contains(body, "Staff") {
					t.Fatalf("China's delegate learns of a meeting of others at %s: %s", path, body)
				}
			}
			if kaz := changes(kazDelegate, "/api/v1/releases/3/changes"); changesText(kaz.changesResponse) != "+ ~Talks,Secret -Plenary" {
				t.Fatalf("Kazakhstan's changes: %s", changesText(kaz.changesResponse))
			}
			if since1 := changes(p.organiser, "/api/v1/releases/3/changes?since=1"); since1.Since != 1 ||
				changesText(since1.changesResponse) != "+Staff,Talks,Lunch,Secret ~ -" {
				t.Fatalf("since the empty release: %s", changesText(since1.changesResponse))
			}
			if one := changes(p.organiser, "/api/v1/releases/1/changes"); one.Since != 0 || changesText(one.changesResponse) != "+ ~ -" {
				t.Fatalf("release 1's changes: %+v", one)
			}
			raw := get(p.organiser, "/api/v1/releases/3/changes").Body.String()
			for _, key := range []string{`"added":[`, `"changed":[{"before":{`, `"removed":[`} {
				if !strings.Contains(raw, key) {
					t.Fatalf("changes lack %s: %s", key, raw)
				}
			}

			// The list, newest first, counting what the caller may see.
			counts := func(token string) string {
				var out []string
				for _, r := range decode[list[releaseResponse]](t, get(token, "/api/v1/releases")).Items {
					out = append(out, fmt.Sprintf("%d:%d", r.Number, r.Meetings))
				}
				return strings.Join(out, " ")
			}
			if got := counts(p.organiser); got != "3:4 2:4 1:0" {
				t.Fatalf("organiser's list %s", got)
			}
			if got := counts(chnDelegate); got != "3:2 2:2 1:0" {
				t.Fatalf("China's list %s", got)
			}
			if got := counts(kazDelegate); got != "3:2 2:3 1:0" {
				t.Fatalf("Kazakhstan's list %s", got)
			}

			// Every release is audited.
			audit := decode[list[auditResponse]](t, get(p.organiser, "/api/v1/audit?entity_type=release"))
			if len(audit.Items) != 3 || audit.Items[0].Action != "publish" || audit.Items[0].EntityID != "3" {
				t.Fatalf("audit %+v", audit.Items)
			}

			// Bad input.
			assertProblem(t, p.call("POST", "/api/v1/releases", chnDelegate, map[string]string{"note": "mine"}), 403)
			pr := assertProblem(t, p.call("POST", "/api/v1/releases", p.organiser, map[string]string{"note": strings.Repeat("n", 2001)}), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "note" {
				t.Fatalf("long note %+v", pr)
			}
			assertProblem(t, p.call("POST", "/api/v1/releases", p.organiser, map[string]any{"note": 5}), 400)
			for _, path := range []string{"/api/v1/releases/4", "/api/v1/releases/0", "/api/v1/releases/abc", "/api/v1/releases/4/changes"} {
				assertProblem(t, p.call("GET", path, p.organiser, nil), 404)
			}
			for _, since := range []string{"3", "7", "0", "x", "-1"} {
				pr := assertProblem(t, p.call("GET", "/api/v1/releases/3/changes?since="+since, p.organiser, nil), 422)
				if len(pr.Errors) != 1 || pr.Errors[0].Field != "since" {
					t.Fatalf("since=%s: %+v", since, pr)
				}
			}
			assertProblem(t, p.call("GET", "/api/v1/releases", "", nil), 401)

			// Concurrent publishing: numbers follow each other, none twice.
			var wg sync.WaitGroup
			got := make([]int, 8)
			for i := range got {
				wg.Add(1)
				go func() {
					defer wg.Done()
					req := httptest.NewRequest("POST", "/api/v1/releases", strings.NewReader(`{"note":"race"}`))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Authorization", "Bearer "+p.organiser)
					req.RemoteAddr = "192.0.2.1:5555"
					w := httptest.NewRecorder()
					p.s.Echo.ServeHTTP(w, req)
					var r releaseResponse
					if w.Code == 201 && json.Unmarshal(w.Body.Bytes(), &r) == nil {
						got[i] = r.Number
					}
				}()
			}
			wg.Wait()
			slices.Sort(got)
			if !slices.Equal(got, []int{4, 5, 6, 7, 8, 9, 10, 11}) {
				t.Fatalf("concurrent numbers %v", got)
			}
			if got := counts(p.organiser); !strings.HasPrefix(got, "11:4 10:4 9:4 8:4 7:4 6:4 5:4 4:4 3:4") {
				t.Fatalf("list after the race %s", got)
			}
		})
	}
}

// myChangesAnswer is GET /me/changes' answer.
type myChangesAnswer struct {
	changesResponse
	Baseline string     `json:"baseline"`
	SeenAt   *time.Time `json:"seen_at"`
	Release  int        `json:"release"`
	Latest   int        `json:"latest_release"`
}

// TestMyChanges tells each user what changed in the meetings they may see
// since they last marked the changes seen, on both databases: before
// anything is released there is nothing to compare (baseline none); never
// marked, against the latest release; then against the user's own seen
// point, per user, never naming a meeting the user may not see.
func TestMyChanges(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			chn, kaz := p.token("delegate_chn"), p.token("delegate")
			mine := func(token string) myChangesAnswer {
				t.Helper()
				rec := p.call("GET", "/api/v1/me/changes", token, nil)
				if rec.Code != 200 {
					t.Fatalf("GET /me/changes: %d %s", rec.Code, rec.Body)
				}
				return decode[myChangesAnswer](t, rec)
			}
			seen := func(token string) int {
				t.Helper()
				rec := p.call("POST", "/api/v1/me/changes/seen", token, nil)
				if rec.Code != 200 {
					t.Fatalf("POST /me/changes/seen: %d %s", rec.Code, rec.Body)
				}
				return decode[struct {
					Meetings int `json:"meetings"`
				}](t, rec).Meetings
			}
			patch := func(m *meetingResponse, body map[string]any) {
				t.Helper()
				rec := p.call("PATCH", "/api/v1/meetings/"+m.ID, p.organiser, body, "If-Match", fmt.Sprintf(`"%d"`, m.Version))
				if rec.Code != 200 {
					t.Fatalf("PATCH %s: %d %s", m.Title, rec.Code, rec.Body)
				}
				*m = decode[meetingResponse](t, rec)
			}

			talks := p.book(p.meeting("Talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
			kazOnly := p.book(p.meeting("Kazakh briefing", p.small.ID, at(9, 0), at(9, 30), p.kaz.ID))
			if got := mine(chn); got.Baseline != "none" || got.Latest != 0 || changesText(got.changesResponse) != "+ ~ -" {
				t.Fatalf("before any release: %+v", got)
			}

			if rec := p.call("POST", "/api/v1/releases", p.organiser, map[string]string{"note": "1"}); rec.Code != 201 {
				t.Fatalf("publish: %d %s", rec.Code, rec.Body)
			}
			if got := mine(chn); got.Baseline != "release" || got.Release != 1 || got.Latest != 1 || got.SeenAt != nil || changesText(got.changesResponse) != "+ ~ -" {
				t.Fatalf("just released: %+v", got)
			}

			// After the release: Talks moves, China gets a lunch, Kazakhstan's briefing moves.
			patch(&talks, map[string]any{"starts_at": at(10, 30), "ends_at": at(11, 30)})
			lunch := p.book(p.meeting("Lunch", p.hall.ID, at(13, 0), at(14, 0), p.chn.ID))
			patch(&kazOnly, map[string]any{"starts_at": at(8, 30), "ends_at": at(9, 0)})
			got := mine(chn)
			if got.Baseline != "release" || changesText(got.changesResponse) != "+Lunch ~Talks -" ||
				!got.Changed[0].Before.StartsAt.Equal(at(10, 0)) || !got.Changed[0].After.StartsAt.Equal(at(10, 30)) {
				t.Fatalf("China since release 1: %s %+v", changesText(got.changesResponse), got)
			}
			if body := p.call("GET", "/api/v1/me/changes", chn, nil).Body.String(); strings.Contains(body, kazOnly.ID) {
				t.Fatal("China's delegate learns of Kazakhstan's briefing")
			}

			// China marks them seen: nothing new for China, Kazakhstan still compares with release 1.
			if n := seen(chn); n != 2 {
				t.Fatalf("China saw %d meetings, want 2", n)
			}
			if got := mine(chn); got.Baseline != "seen" || got.SeenAt == nil || got.Release != 1 || changesText(got.changesResponse) != "+ ~ -" {
				t.Fatalf("after seen: %+v", got)
			}
			if got := mine(kaz); got.Baseline != "release" || changesText(got.changesResponse) != "+ ~Kazakh briefing,Talks -" {
				t.Fatalf("Kazakhstan: %s", changesText(got.changesResponse))
			}

			// Lunch moves, and Talks is made confidential to organisers: China sees it go.
			patch(&lunch, map[string]any{"starts_at": at(13, 30), "ends_at": at(14, 30)})
			patch(&talks, map[string]any{"visibility": "organisers"})
			if got := mine(chn); changesText(got.changesResponse) != "+ ~Lunch -Talks" || !got.Changed[0].Before.StartsAt.Equal(at(13, 0)) {
				t.Fatalf("China after more changes: %s", changesText(got.changesResponse))
			}
			// The organiser, never marked, sees everything against release 1.
			if got := mine(p.organiser); changesText(got.changesResponse) != "+Lunch ~Kazakh briefing,Talks -" {
				t.Fatalf("organiser: %s", changesText(got.changesResponse))
			}

			// Marking seen is audited; it needs a signed-in caller.
			audit := decode[list[auditResponse]](t, p.call("GET", "/api/v1/audit?entity_type=user&entity_id="+p.users["delegate_chn"].ID, p.organiser, nil))
			if len(audit.Items) == 0 || audit.Items[0].Action != "mark_seen" {
				t.Fatalf("audit %+v", audit.Items)
			}
			assertProblem(t, p.call("GET", "/api/v1/me/changes", "", nil), 401)
			assertProblem(t, p.call("POST", "/api/v1/me/changes/seen", "", nil), 401)
		})
	}
}
