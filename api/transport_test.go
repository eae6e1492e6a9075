package api

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"summit/domain"
	"summit/pdf/pdftest"
	"summit/repository/dbtest"
)

// movementLines writes movements as "from > to hh:mm-hh:mm" in Astana time, naming venues.
func movementLines(t *testing.T, h *harness, items []movementResponse) string {
	t.Helper()
	venues, _ := h.store.ListVenues(t.Context())
	name := map[string]string{}
	for _, v := range venues {
		name[v.ID] = v.Name
	}
	astana := time.FixedZone("UTC+5", 5*3600)
	var lines []string
	for _, m := range items {
		lines = append(lines, name[m.FromVenueID]+" > "+name[m.ToVenueID]+" "+m.DepartAt.In(astana).Format("15:04")+"-"+m.ArriveAt.In(astana).Format("15:04"))
	}
	return strings.Join(lines, "\n")
}

// TestTransportOverHTTP: on the demo, China's 3 July movements run from
// the airport (its arrival) to Akorda, to the reception and back to its
// hotel with its motorcade; moving a meeting moves them at once; vehicles
// and motorcades refuse bad input naming the field; one car promised to two
// delegations at once is a problem; delegates see their own movements and
// motorcade only (CONTRACT section 14).
func TestTransportOverHTTP(t *testing.T) {
	for dialect := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h, org, chnDel := demoServer(t, dialect)
			ctx := t.Context()
			chn, _ := h.store.DelegationByCode(ctx, "CHN")
			rus, _ := h.store.DelegationByCode(ctx, "RUS")
			expect := func(status int, method, path, token string, body any, header ...string) []byte {
				t.Helper()
				rec := h.call(method, path, token, body, header...)
				if rec.Code != status {
					t.Fatalf("%s %s: %d, want %d: %s", method, path, rec.Code, status, rec.Body)
				}
				return rec.Body.Bytes()
			}
			movements := func(token, query string) []movementResponse {
				t.Helper()
				var out list[movementResponse]
				json.Unmarshal(expect(200, "GET", "/api/v1/movements?"+query, token, nil), &out)
				return out.Items
			}
			field := func(body []byte) string {
				var p Problem
				json.Unmarshal(body, &p)
				var fs []string
				for _, f := range p.Errors {
					fs = append(fs, f.Field)
				}
				return strings.Join(fs, ",")
			}

			// China's 3 July, as the transport desk and as China's delegate see it.
			want := "Nursultan Nazarbayev International Airport – State Apron > Akorda 11:30-11:55\n" +
				"Akorda > Palace of Independence 19:15-19:25\nPalace of Independence > The Ritz-Carlton Astana 21:30-21:42"
			mine := movements(org, "delegation_id="+chn.ID+"&date=2024-07-03")
			if got := movementLines(t, h, mine); got != want {
				t.Errorf("China's movements on 3 July:\n%s\nwant:\n%s", got, want)
			}
			if got := movementLines(t, h, movements(chnDel, "date=2024-07-03")); got != want {
				t.Errorf("China's delegate sees:\n%s", got)
			}
			var motorcade motorcadeBody
			json.Unmarshal(expect(200, "GET", "/api/v1/delegations/"+chn.ID+"/motorcade", chnDel, nil), &motorcade)
			if len(motorcade.VehicleIDs) != 2 || strings.Join(mine[0].VehicleIDs, ",") != strings.Join(motorcade.VehicleIDs, ",") {
				t.Errorf("motorcade %v, movement's vehicles %v", motorcade.VehicleIDs, mine[0].VehicleIDs)
			}
			// Whose: another delegation's movements and motorcade are not there for a delegate.
			expect(404, "GET", "/api/v1/movements?delegation_id="+rus.ID, chnDel, nil)
			expect(404, "GET", "/api/v1/delegations/"+rus.ID+"/motorcade", chnDel, nil)
			expect(401, "GET", "/api/v1/movements", "", nil)
			expect(403, "PUT", "/api/v1/delegations/"+chn.ID+"/motorcade", chnDel, map[string]any{"vehicle_ids": []string{}})
			for _, path := range []string{"/api/v1/vehicles", "/api/v1/motorcades", "/api/v1/movements.pdf?date=2024-07-03", "/api/v1/movements.csv?date=2024-07-03"} {
				expect(403, "GET", path, chnDel, nil)
			}
			expect(422, "GET", "/api/v1/movements?date=3+July", org, nil)
			if n := len(movements(org, "date=2024-07-05")); n != 0 {
				t.Errorf("%d movements on a day without meetings", n)
			}

			// The agenda and the calendar feed carry the movements.
			var agenda list[agendaItemResponse]
			json.Unmarshal(expect(200, "GET", "/api/v1/agenda?delegation_id="+chn.ID+"&date=2024-07-03", chnDel, nil), &agenda)
			var titles []string
			for _, it := range agenda.Items {
				if it.Kind == "movement" {
					titles = append(titles, it.Title)
				}
			}
			if len(titles) != 3 || titles[0] != "Depart Nursultan Nazarbayev International Airport – State Apron 11:30 → Akorda, arrive 11:55" {
				t.Errorf("agenda movements %q", titles)
			}
			var feed struct{ URL string }
			json.Unmarshal(expect(200, "POST", "/api/v1/delegations/"+chn.ID+"/feed-token", chnDel, nil), &feed)
			u, _ := url.Parse(feed.URL)
			ics := string(expect(200, "GET", u.Path, "", nil))
			if !strings.Contains(ics, "UID:movement-to-"+mine[0].MeetingID+"@summit-planner") || !strings.Contains(ics, "Depart ") {
				t.Errorf("feed lacks the movements:\n%s", ics)
			}

			agendaPDF := flat(pdftest.Text(t, expect(200, "GET", "/api/v1/agenda.pdf?date=2024-07-03", chnDel, nil)))
			for _, w := range []string{"Depart Akorda 19:15 → Palace of Independence, arrive 19:25", "Motorcade", "Akorda → Palace of Independence"} {
				if !strings.Contains(agendaPDF, w) {
					t.Errorf("agenda PDF lacks %q:\n%s", w, agendaPDF)
				}
			}

			// Moving China's talks at Akorda by half an hour moves its motorcade at once.
			talks := decode[meetingResponse](t, h.call("GET", "/api/v1/meetings/"+mine[0].MeetingID, org, nil))
			expect(200, "PATCH", "/api/v1/meetings/"+talks.ID, org, map[string]any{"starts_at": talks.StartsAt.Add(30 * time.Minute),
				"ends_at": talks.EndsAt.Add(30 * time.Minute)}, "If-Match", `"1"`)
			moved := movementLines(t, h, movements(org, "delegation_id="+chn.ID+"&date=2024-07-03"))
			if !strings.HasPrefix(moved, "Nursultan Nazarbayev International Airport – State Apron > Akorda 12:00-12:25") {
				t.Errorf("after the move:\n%s", moved)
			}

			// Vehicles: bad input names the field and changes nothing.
			var car vehicleResponse
			json.Unmarshal(expect(201, "POST", "/api/v1/vehicles", org, map[string]any{"plate": "777 ABC 01", "kind": "car", "seats": 4,
				"driver_name": "Arman", "driver_phone": "+7 701 000 0000"}), &car)
			for _, tc := range []struct {
				body   map[string]any
				status int
				field  string
			}{
				{map[string]any{"plate": "777 abc 01", "kind": "car", "seats": 4}, 409, "plate"},
				{map[string]any{"plate": "778 ABC 01", "kind": "car", "seats": 0}, 422, "seats"},
				{map[string]any{"plate": "778 ABC 01", "kind": "tank", "seats": 2}, 422, "kind"},
				{map[string]any{"plate": "", "kind": "car", "seats": 2}, 422, "plate"},
			} {
				if got := field(expect(tc.status, "POST", "/api/v1/vehicles", org, tc.body)); got != tc.field {
					t.Errorf("%v: fields %q, want %q", tc.body, got, tc.field)
				}
			}
			expect(403, "POST", "/api/v1/vehicles", chnDel, map[string]any{"plate": "1", "kind": "car", "seats": 4})
			expect(200, "PATCH", "/api/v1/vehicles/"+car.ID, org, map[string]any{"seats": 3}, "If-Match", `"1"`)
			expect(412, "PATCH", "/api/v1/vehicles/"+car.ID, org, map[string]any{"seats": 2}, "If-Match", `"1"`)

			// Motorcades: an unknown vehicle names its place; Russia given one of
			// China's cars shares it at the reception, which /problems reports.
			if got := field(expect(422, "PUT", "/api/v1/delegations/"+rus.ID+"/motorcade", org,
				map[string]any{"vehicle_ids": []string{car.ID, "no-such-car"}})); got != "vehicle_ids[1]" {
				t.Errorf("unknown vehicle: fields %q", got)
			}
			var problems list[problemResponse]
			json.Unmarshal(expect(200, "GET", "/api/v1/problems", org, nil), &problems)
			if len(problems.Items) != 0 {
				t.Fatalf("the demo has problems: %+v", problems.Items)
			}
			expect(200, "PUT", "/api/v1/delegations/"+rus.ID+"/motorcade", org, map[string]any{"vehicle_ids": []string{car.ID, motorcade.VehicleIDs[0]}})
			json.Unmarshal(expect(200, "GET", "/api/v1/problems", org, nil), &problems)
			overlaps := map[string]bool{}
			for _, p := range problems.Items {
				if p.Rule == domain.RuleVehicleOverlap {
					overlaps[p.DelegationID] = true
				}
			}
			if !overlaps[chn.ID] || !overlaps[rus.ID] {
				t.Errorf("problems %+v, want vehicle_overlap for China and Russia", problems.Items)
			}
			expect(409, "DELETE", "/api/v1/vehicles/"+car.ID, org, nil)

			// The day sheet, as CSV (formulas neutralised) and PDF.
			var evil vehicleResponse
			json.Unmarshal(expect(201, "POST", "/api/v1/vehicles", org, map[string]any{"plate": "=1+2", "kind": "car", "seats": 4,
				"driver_name": "@SUM(A1)"}), &evil)
			expect(200, "PUT", "/api/v1/delegations/"+chn.ID+"/motorcade", org, map[string]any{"vehicle_ids": []string{evil.ID}})
			csv := string(expect(200, "GET", "/api/v1/movements.csv?date=2024-07-03", org, nil))
			if !strings.HasPrefix(csv, "id,date,delegation_id,delegation_code") || !strings.Contains(csv, ",CHN,China,") ||
				!strings.Contains(csv, "'=1+2") || !strings.Contains(csv, "'@SUM(A1)") || !strings.Contains(csv, "2024-07-03T12:00:00+05:00") {
				t.Errorf("day sheet CSV:\n%s", csv)
			}
			text := flat(pdftest.Text(t, expect(200, "GET", "/api/v1/movements.pdf?date=2024-07-03&lang=ru", org, nil)))
			for _, w := range []string{"Передвижения", "Китай", "Акорда → Дворец Независимости", "=1+2", "Автомобили", "Водители"} {
				if !strings.Contains(text, w) {
					t.Errorf("day sheet PDF lacks %q:\n%s", w, text)
				}
			}
			expect(422, "GET", "/api/v1/movements.pdf?date=", org, nil)

			// Deleting a vehicle no motorcade holds.
			expect(200, "PUT", "/api/v1/delegations/"+rus.ID+"/motorcade", org, map[string]any{"vehicle_ids": []string{}})
			expect(204, "DELETE", "/api/v1/vehicles/"+car.ID, org, nil)
		})
	}
}

// TestHotelsOverHTTP: a delegation's hotel must be a venue of kind hotel;
// a hotel that delegations stay at keeps its kind; movements return to the
// hotel the delegation now has.
func TestHotelsOverHTTP(t *testing.T) {
	for dialect := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h, org, chnDel := demoServer(t, dialect)
			ctx := t.Context()
			chn, _ := h.store.DelegationByCode(ctx, "CHN")
			akorda, _ := h.store.VenueByName(ctx, "Akorda")
			hilton, _ := h.store.VenueByName(ctx, "Hilton Astana")
			ritz, _ := h.store.VenueByName(ctx, "The Ritz-Carlton Astana")
			if hilton.Kind != "hotel" || akorda.Kind != "venue" || chn.HotelVenueID != ritz.ID {
				t.Fatalf("demo: hilton %s, akorda %s, China's hotel %s", hilton.Kind, akorda.Kind, chn.HotelVenueID)
			}
			rec := h.call("PATCH", "/api/v1/delegations/"+chn.ID, org, map[string]any{"hotel_venue_id": akorda.ID})
			if rec.Code != 422 || !strings.Contains(rec.Body.String(), `"field":"hotel_venue_id"`) {
				t.Fatalf("a venue as hotel: %d %s", rec.Code, rec.Body)
			}
			rec = h.call("PATCH", "/api/v1/venues/"+ritz.ID, org, map[string]any{"kind": "venue"})
			if rec.Code != 409 || !strings.Contains(rec.Body.String(), `"field":"kind"`) {
				t.Fatalf("a hotel in use made a venue: %d %s", rec.Code, rec.Body)
			}
			rec = h.call("PATCH", "/api/v1/venues/"+ritz.ID, org, map[string]any{"kind": "castle"})
			if rec.Code != 422 {
				t.Fatalf("kind castle: %d %s", rec.Code, rec.Body)
			}
			// China's delegate moves its own delegation to the Hilton.
			rec = h.call("PATCH", "/api/v1/delegations/"+chn.ID, chnDel, map[string]any{"hotel_venue_id": hilton.ID})
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"hotel_venue_id":"`+hilton.ID+`"`) {
				t.Fatalf("to the Hilton: %d %s", rec.Code, rec.Body)
			}
			var out list[movementResponse]
			json.Unmarshal(h.call("GET", "/api/v1/movements?date=2024-07-03", chnDel, nil).Body.Bytes(), &out)
			if got := movementLines(t, h, out.Items); !strings.HasSuffix(got, "Palace of Independence > Hilton Astana 21:30-21:45") {
				t.Errorf("movements after the change of hotel:\n%s", got)
			}
			rec = h.call("PATCH", "/api/v1/delegations/"+chn.ID, org, map[string]any{"hotel_venue_id": nil})
			if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"hotel_venue_id":null`) {
				t.Fatalf("no hotel: %d %s", rec.Code, rec.Body)
			}
		})
	}
}
