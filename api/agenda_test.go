package api

import (
	"net/url"
	"slices"
	"testing"

	"summit/repository/dbtest"
)

// TestAgendaPages: ?limit= and ?cursor= page an agenda (by day too) into
// exactly the items of the whole one, in the same order; without them the
// agenda comes whole, with no cursor, as before.
func TestAgendaPages(t *testing.T) {
	type agenda struct {
		Items []struct {
			MeetingID string `json:"meeting_id"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	ids := func(a agenda) (out []string) {
		for _, it := range a.Items {
			out = append(out, it.MeetingID)
		}
		return out
	}
	for dialect := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h, organiser, delegate := demoServer(t, dialect)
			for _, c := range []struct{ token, query string }{{organiser, ""}, {delegate, ""}, {organiser, "date=2024-07-04"}} {
				whole := decode[agenda](t, h.call("GET", "/api/v1/agenda?"+c.query, c.token, nil))
				if whole.NextCursor != nil || len(whole.Items) < 8 {
					t.Fatalf("%s: the whole agenda: %d items, cursor %v", c.query, len(whole.Items), whole.NextCursor)
				}
				var paged []string
				cursor, pages := "", 0
				for {
					q := url.Values{"limit": {"7"}}
					if c.query != "" {
						q.Set("date", "2024-07-04")
					}
					if cursor != "" {
						q.Set("cursor", cursor)
					}
					rec := h.call("GET", "/api/v1/agenda?"+q.Encode(), c.token, nil)
					if rec.Code != 200 {
						t.Fatalf("page %d: %d %s", pages, rec.Code, rec.Body)
					}
					a := decode[agenda](t, rec)
					if len(a.Items) > 7 {
						t.Fatalf("a page of %d items, limit 7", len(a.Items))
					}
					paged, pages = append(paged, ids(a)...), pages+1
					if a.NextCursor == nil {
						break
					}
					cursor = *a.NextCursor
				}
				if !slices.Equal(paged, ids(whole)) || pages != (len(whole.Items)+6)/7 {
					t.Fatalf("%s: %d pages of %v, whole %v", c.query, pages, paged, ids(whole))
				}
			}
			for _, q := range []string{"cursor=not-a-cursor", "limit=0", "limit=501"} {
				p := assertProblem(t, h.call("GET", "/api/v1/agenda?"+q, organiser, nil), 400)
				if len(p.Errors) != 1 {
					t.Fatalf("%s: %+v", q, p)
				}
			}
		})
	}
}
