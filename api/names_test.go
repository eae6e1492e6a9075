package api

import (
	"strings"
	"testing"

	"summit/repository/dbtest"
)

// TestNames: delegations, members, venues and rooms keep names in Russian,
// Chinese and Kazakh (CONTRACT section 13) through create, read and
// update; a language names do not take, or an overlong name, is 422 naming
// names.xx; null clears them; a delegate may not rename its delegation in
// any language, but may name its own members as it names them today.
func TestNames(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			xi := namesBody{"ru": "Си Цзиньпин", "zh": "习近平", "kk": "Си Цзиньпин"}
			china := namesBody{"ru": "Китай", "zh": "中国", "kk": "Қытай"}
			hall := namesBody{"ru": "Большой зал", "zh": "大会议厅"}
			palace := namesBody{"kk": "Тәуелсіздік сарайы"}
			same := func(what string, got, want namesBody) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("%s: names %v, want %v", what, got, want)
				}
				for k, v := range want {
					if got[k] != v {
						t.Fatalf("%s: names %v, want %v", what, got, want)
					}
				}
			}
			ok := func(method, path string, body any) {
				t.Helper()
				if rec := p.call(method, path, p.organiser, body); rec.Code != 200 && rec.Code != 201 {
					t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
				}
			}
			ok("PATCH", "/api/v1/delegations/"+p.chn.ID, map[string]any{"names": china})
			ok("PATCH", "/api/v1/members/"+p.chnHd.ID, map[string]any{"names": xi})
			ok("PATCH", "/api/v1/venues/"+p.palace.ID, map[string]any{"names": palace})
			ok("PATCH", "/api/v1/rooms/"+p.hall.ID, map[string]any{"names": map[string]string{"ru": " Большой зал ", "zh": "大会议厅", "kk": ""}})
			rec := p.call("POST", "/api/v1/delegations", p.organiser, map[string]any{"code": "MNG", "name": "Mongolia", "kind": "observer",
				"names": map[string]string{"ru": "Монголия", "zh": "蒙古国", "kk": "Моңғолия"},
				"head":  map[string]string{"full_name": "Ukhnaagiin Khürelsükh"}})
			if rec.Code != 201 {
				t.Fatalf("create: %d %s", rec.Code, rec.Body)
			}
			same("created delegation", decode[delegationResponse](t, rec).Names, namesBody{"ru": "Монголия", "zh": "蒙古国", "kk": "Моңғолия"})

			// Read back, every resource, from a fresh GET.
			same("delegation", decode[delegationResponse](t, p.call("GET", "/api/v1/delegations/"+p.chn.ID, p.organiser, nil)).Names, china)
			same("member", decode[memberResponse](t, p.call("GET", "/api/v1/members/"+p.chnHd.ID, p.organiser, nil)).Names, xi)
			same("venue", decode[venueResponse](t, p.call("GET", "/api/v1/venues/"+p.palace.ID, p.organiser, nil)).Names, palace)
			same("room (trimmed, empty dropped)", decode[roomResponse](t, p.call("GET", "/api/v1/rooms/"+p.hall.ID, p.organiser, nil)).Names, hall)
			same("untouched room", decode[roomResponse](t, p.call("GET", "/api/v1/rooms/"+p.small.ID, p.organiser, nil)).Names, namesBody{})
			// A change of something else keeps the names.
			ok("PATCH", "/api/v1/delegations/"+p.chn.ID, map[string]any{"precedence": 3})
			same("delegation after another change", decode[delegationResponse](t, p.call("GET", "/api/v1/delegations/"+p.chn.ID, p.organiser, nil)).Names, china)

			// Validation: each bad field named.
			for _, c := range []struct {
				path  string
				names any
				field string
			}{
				{"/api/v1/delegations/" + p.chn.ID, map[string]string{"en": "China"}, "names.en"},
				{"/api/v1/members/" + p.chnHd.ID, map[string]string{"ru": strings.Repeat("я", 201)}, "names.ru"},
				{"/api/v1/venues/" + p.palace.ID, map[string]string{"zh": "独立宫", "fr": "Palais"}, "names.fr"},
				{"/api/v1/rooms/" + p.hall.ID, map[string]string{"kk": "зал\u0007"}, "names.kk"},
			} {
				pr := assertProblem(t, p.call("PATCH", c.path, p.organiser, map[string]any{"names": c.names}), 422)
				if len(pr.Errors) != 1 || pr.Errors[0].Field != c.field {
					t.Fatalf("%s %v: errors %+v, want one naming %s", c.path, c.names, pr.Errors, c.field)
				}
			}

			// A delegate (of Kazakhstan) may not rename its delegation, in any language.
			delegate := p.token("delegate")
			assertProblem(t, p.call("PATCH", "/api/v1/delegations/"+p.kaz.ID, delegate, map[string]any{"names": map[string]string{"ru": "Казахстан"}}), 403)
			if got := decode[delegationResponse](t, p.call("GET", "/api/v1/delegations/"+p.kaz.ID, p.organiser, nil)).Names; len(got) != 0 {
				t.Fatalf("names %v after a refused change", got)
			}
			// Its own members it names as it names them today.
			if rec := p.call("PATCH", "/api/v1/members/"+p.kazHead.ID, delegate, map[string]any{"names": map[string]string{"kk": "Қасым-Жомарт Тоқаев"}}); rec.Code != 200 {
				t.Fatalf("delegate naming its head: %d %s", rec.Code, rec.Body)
			}

			// null clears.
			ok("PATCH", "/api/v1/members/"+p.chnHd.ID, map[string]any{"names": nil})
			same("cleared member", decode[memberResponse](t, p.call("GET", "/api/v1/members/"+p.chnHd.ID, p.organiser, nil)).Names, namesBody{})
		})
	}
}
