package api

import (
	"fmt"
	"strings"
	"testing"

	"summit/repository/dbtest"
)

// TestHotelBlocks: an organiser holds rooms at a hotel for a delegation;
// its members sleep in them, sharing a room or each in one; a member more
// than the block holds on any night is 409 naming the night, so is a
// block shrunk below its guests or deleted while they sleep in it; the
// rooming list lists them. Delegates read their own blocks and place their
// own members, nobody else's; gate staff and strangers get nothing.
func TestHotelBlocks(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			hotel := decode[venueResponse](t, p.call("POST", "/api/v1/venues", p.organiser, map[string]any{"name": "Hilton Astana", "kind": "hotel"}))
			blocks := "/api/v1/hotels/" + hotel.ID + "/blocks"

			// Bad blocks change nothing and name the field.
			for body, field := range map[string]string{
				`{"delegation_id":"` + p.kaz.ID + `","rooms":0,"from":"2024-07-02","to":"2024-07-05"}`: "rooms",
				`{"delegation_id":"` + p.kaz.ID + `","rooms":2,"from":"2024-07-05","to":"2024-07-05"}`: "to",
				`{"delegation_id":"` + p.kaz.ID + `","rooms":2,"from":"2 July","to":"2024-07-05"}`:     "from",
				`{"delegation_id":"nobody","rooms":2,"from":"2024-07-02","to":"2024-07-05"}`:           "delegation_id",
			} {
				if pr := assertProblem(t, p.call("POST", blocks, p.organiser, body), 422); len(pr.Errors) == 0 || pr.Errors[0].Field != field {
					t.Errorf("%s: errors %+v, want %s", body, pr.Errors, field)
				}
			}
			if pr := assertProblem(t, p.call("POST", "/api/v1/hotels/"+p.akorda.ID+"/blocks", p.organiser, map[string]any{
				"delegation_id": p.kaz.ID, "rooms": 2, "from": "2024-07-02", "to": "2024-07-05"}), 422); pr.Errors[0].Field != "venue_id" {
				t.Errorf("a block at a venue that is not a hotel: %+v", pr.Errors)
			}
			assertProblem(t, p.call("POST", "/api/v1/hotels/nowhere/blocks", p.organiser, map[string]any{
				"delegation_id": p.kaz.ID, "rooms": 2, "from": "2024-07-02", "to": "2024-07-05"}), 404)

			rec := p.call("POST", blocks, p.organiser, map[string]any{"delegation_id": p.kaz.ID, "rooms": 1, "from": "2024-07-02", "to": "2024-07-05"})
			if rec.Code != 201 {
				t.Fatalf("block: %d %s", rec.Code, rec.Body)
			}
			block := decode[hotelBlockResponse](t, rec)
			chnBlock := decode[hotelBlockResponse](t, p.call("POST", blocks, p.organiser, map[string]any{
				"delegation_id": p.chn.ID, "rooms": 3, "from": "2024-07-02", "to": "2024-07-05"}))

			place := func(token string, m memberResponse, body map[string]any) memberResponse {
				t.Helper()
				rec := p.call("PATCH", "/api/v1/members/"+m.ID, token, body)
				if rec.Code != 200 {
					t.Fatalf("place %s: %d %s", m.FullName, rec.Code, rec.Body)
				}
				return decode[memberResponse](t, rec)
			}
			head := place(p.organiser, p.kazHead, map[string]any{"hotel_block_id": block.ID, "hotel_room": "1204"})
			if head.Nights == nil || *head.Nights != (nightsBody{"2024-07-02", "2024-07-05"}) || head.HotelRoom != "1204" {
				t.Fatalf("a member placed without nights stays every night of the block: %+v", head)
			}
			// The one room is taken on the night of 3 July: another member in another room is 409.
			pr := assertProblem(t, p.call("PATCH", "/api/v1/members/"+p.kazMin.ID, p.organiser, map[string]any{
				"hotel_block_id": block.ID, "hotel_room": "1205", "nights": map[string]string{"from": "2024-07-03", "to": "2024-07-04"}}), 409)
			if !strings.Contains(pr.Detail, "Hilton Astana holds 1 room for Kazakhstan on the night of 2024-07-03") {
				t.Errorf("the conflict does not say which night: %s", pr.Detail)
			}
			// Sharing the head's room fits; the delegate of Kazakhstan may do it.
			delegate := p.token("delegate")
			place(delegate, p.kazMin, map[string]any{"hotel_block_id": block.ID, "hotel_room": "1204",
				"nights": map[string]string{"from": "2024-07-03", "to": "2024-07-04"}})
			// Nights outside the block, a block of another delegation, and China's delegate placing Kazakhs are refused.
			assertProblem(t, p.call("PATCH", "/api/v1/members/"+p.kazMin.ID, p.organiser, map[string]any{
				"nights": map[string]string{"from": "2024-07-01", "to": "2024-07-04"}}), 409)
			if pr := assertProblem(t, p.call("PATCH", "/api/v1/members/"+p.kazMin.ID, p.organiser, map[string]any{
				"hotel_block_id": chnBlock.ID}), 422); pr.Errors[0].Field != "hotel_block_id" {
				t.Errorf("another delegation's block: %+v", pr.Errors)
			}
			assertProblem(t, p.call("PATCH", "/api/v1/members/"+p.kazMin.ID, p.token("delegate_chn"), map[string]any{"hotel_room": "1"}), 404)

			// The block cannot shrink below its guests, nor go while they sleep in it.
			etag := fmt.Sprint(block.Version)
			assertProblem(t, p.call("PATCH", blocks+"/"+block.ID, p.organiser, map[string]any{"from": "2024-07-03"}, "If-Match", `"`+etag+`"`), 409)
			assertProblem(t, p.call("DELETE", blocks+"/"+block.ID, p.organiser, nil), 409)
			grown := decode[hotelBlockResponse](t, p.call("PATCH", blocks+"/"+block.ID, p.organiser, map[string]any{"rooms": 2}))
			if grown.Rooms != 2 || grown.Version != 2 {
				t.Fatalf("grown block: %+v", grown)
			}

			// Who sees what.
			if l := decode[list[hotelBlockResponse]](t, p.call("GET", "/api/v1/hotel-blocks", delegate, nil)); len(l.Items) != 1 || l.Items[0].ID != block.ID {
				t.Errorf("Kazakhstan's delegate sees blocks %+v, want its own", l.Items)
			}
			if l := decode[list[hotelBlockResponse]](t, p.call("GET", blocks, p.organiser, nil)); len(l.Items) != 2 {
				t.Errorf("the organiser sees %d blocks, want 2", len(l.Items))
			}
			assertProblem(t, p.call("GET", blocks+"/"+chnBlock.ID, delegate, nil), 404)
			assertProblem(t, p.call("POST", blocks, delegate, map[string]any{"delegation_id": p.kaz.ID, "rooms": 9, "from": "2024-07-02", "to": "2024-07-05"}), 403)
			assertProblem(t, p.call("GET", "/api/v1/hotel-blocks", p.token("gate"), nil), 403)
			assertProblem(t, p.call("GET", "/api/v1/hotel-blocks", "", nil), 401)
			assertProblem(t, p.call("GET", "/api/v1/export/rooming.csv", delegate, nil), 403)
			assertProblem(t, p.call("GET", "/api/v1/rooming.pdf", delegate, nil), 403)

			// The rooming list.
			rec = p.call("GET", "/api/v1/export/rooming.csv?hotel_venue_id="+hotel.ID, p.organiser, nil)
			if rec.Code != 200 {
				t.Fatalf("rooming list: %d %s", rec.Code, rec.Body)
			}
			lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(rec.Body.String(), "\ufeff")), "\n")
			if len(lines) != 3 || !strings.HasPrefix(lines[0], "hotel_venue_id,hotel,delegation_code") ||
				!strings.Contains(lines[1], "KAZ,Kazakhstan,"+p.kazHead.ID+",Kassym-Jomart Tokayev,President,1204,2024-07-02,2024-07-05,3") ||
				!strings.Contains(lines[2], "Murat Nurtleu,Minister,1204,2024-07-03,2024-07-04,1") {
				t.Errorf("rooming list:\n%s", rec.Body)
			}
			assertProblem(t, p.call("GET", "/api/v1/export/rooming.csv?hotel_venue_id=nowhere", p.organiser, nil), 404)
			if rec := p.call("GET", "/api/v1/rooming.pdf?hotel_venue_id="+hotel.ID, p.organiser, nil); rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), "%PDF") {
				t.Errorf("rooming PDF: %d", rec.Code)
			}

			// Out of the block, the member has no room and no nights; the block can then go.
			out := place(p.organiser, p.kazMin, map[string]any{"hotel_block_id": nil})
			if out.HotelBlockID != nil || out.HotelRoom != "" || out.Nights != nil {
				t.Errorf("out of the block: %+v", out)
			}
			place(p.organiser, p.kazHead, map[string]any{"hotel_block_id": nil})
			if rec := p.call("DELETE", blocks+"/"+block.ID, p.organiser, nil); rec.Code != 204 {
				t.Fatalf("delete an empty block: %d %s", rec.Code, rec.Body)
			}
		})
	}
}
