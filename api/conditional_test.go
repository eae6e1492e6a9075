package api

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"summit/repository/dbtest"
)

// TestConditionalGets: an agenda, the meeting list, the problems and the
// feeds answer an ETag; sending it back answers 304 with no body until
// something changes. The tag is the caller's and the URL's own: another
// caller or another query gets the whole answer.
func TestConditionalGets(t *testing.T) {
	for dialect := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h, organiser, delegate := demoServer(t, dialect)
			me := decode[struct {
				DelegationID string `json:"delegation_id"`
			}](t, h.call("GET", "/api/v1/me", delegate, nil))
			feed := decode[struct {
				URL string `json:"url"`
			}](t, h.call("POST", "/api/v1/delegations/"+me.DelegationID+"/feed-token", delegate, nil))
			paths := []string{"/api/v1/agenda", "/api/v1/agenda?date=2024-07-04", "/api/v1/meetings?limit=5", "/api/v1/problems", "/ical/public.ics"}
			if i := strings.Index(feed.URL, "/ical/"); i >= 0 {
				paths = append(paths, feed.URL[i:])
			} else {
				t.Fatalf("no feed url: %+v", feed)
			}
			tags := map[string]string{}
			for _, p := range paths {
				first := h.call("GET", p, organiser, nil)
				tag := first.Header().Get("ETag")
				if first.Code != 200 || !strings.HasPrefix(tag, `W/"c`) {
					t.Fatalf("%s: %d, ETag %q", p, first.Code, tag)
				}
				again := h.call("GET", p, organiser, nil, "If-None-Match", tag)
				if again.Code != 304 || again.Body.Len() != 0 || again.Header().Get("ETag") != tag {
					t.Fatalf("%s with If-None-Match: %d %q, ETag %q", p, again.Code, again.Body, again.Header().Get("ETag"))
				}
				if rec := h.call("GET", p, organiser, nil, "If-None-Match", `W/"c1-0000000000000000"`); rec.Code != 200 {
					t.Fatalf("%s with another tag: %d", p, rec.Code)
				}
				tags[p] = tag
			}
			if tags["/api/v1/agenda"] == tags["/api/v1/agenda?date=2024-07-04"] {
				t.Fatal("two queries share a tag")
			}
			// Another caller, even with the organiser's tag, gets its own answer.
			if rec := h.call("GET", "/api/v1/agenda", delegate, nil, "If-None-Match", tags["/api/v1/agenda"]); rec.Code != 200 {
				t.Fatalf("the delegate with the organiser's tag: %d", rec.Code)
			}
			// A change (a room renamed) makes every tag old.
			agenda := decode[struct {
				Items []struct {
					RoomID string `json:"room_id"`
				} `json:"items"`
			}](t, h.call("GET", "/api/v1/agenda", organiser, nil))
			room := decode[struct {
				Version int `json:"version"`
			}](t, h.call("GET", "/api/v1/rooms/"+agenda.Items[0].RoomID, organiser, nil))
			rec := h.call("PATCH", "/api/v1/rooms/"+agenda.Items[0].RoomID, organiser, map[string]any{"name": "Renamed hall"},
				"If-Match", `"`+strconv.Itoa(room.Version)+`"`)
			if rec.Code != 200 {
				t.Fatalf("rename: %d %s", rec.Code, rec.Body)
			}
			for _, p := range paths {
				rec := h.call("GET", p, organiser, nil, "If-None-Match", tags[p])
				if rec.Code != 200 || rec.Header().Get("ETag") == tags[p] {
					t.Fatalf("%s after a change: %d, ETag %q (was %q)", p, rec.Code, rec.Header().Get("ETag"), tags[p])
				}
			}
			if !strings.Contains(h.call("GET", "/api/v1/agenda", organiser, nil).Body.String(), "Renamed hall") {
				t.Fatal("the agenda does not show the new name")
			}
		})
	}
}

// TestGzip: JSON answers of 4 KiB or more are compressed for clients that
// accept it; small ones, and clients that do not, get them as they are.
func TestGzip(t *testing.T) {
	h, organiser, _ := demoServer(t, "sqlite")
	plain := h.call("GET", "/api/v1/agenda", organiser, nil)
	if plain.Header().Get("Content-Encoding") != "" || plain.Body.Len() < gzipMinLength {
		t.Fatalf("without Accept-Encoding: %q, %d bytes", plain.Header().Get("Content-Encoding"), plain.Body.Len())
	}
	zipped := h.call("GET", "/api/v1/agenda", organiser, nil, "Accept-Encoding", "gzip")
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Body.Len() >= plain.Body.Len() {
		t.Fatalf("with gzip: %q, %d bytes", zipped.Header().Get("Content-Encoding"), zipped.Body.Len())
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if string(body) != plain.Body.String() {
		t.Fatal("the unzipped answer differs")
	}
	small := h.call("GET", "/api/v1/me", organiser, nil, "Accept-Encoding", "gzip")
	if small.Header().Get("Content-Encoding") != "" || !json.Valid(small.Body.Bytes()) {
		t.Fatalf("a small answer: %q %q", small.Header().Get("Content-Encoding"), small.Body)
	}
}
