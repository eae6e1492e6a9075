package api

import (
	"strings"
	"testing"

	"summit/domain"
	"summit/repository/dbtest"
)

// TestMembersOfSeveralDelegations: GET /members answers the members of the
// delegations asked for in one call, in protocol order and head first; a
// delegate gets its own delegation's members only, and other ids yield nothing.
func TestMembersOfSeveralDelegations(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			p := newPlanning(t, u)
			kaz, chn := p.kaz.ID, p.chn.ID
			names := func(path, token string) string {
				t.Helper()
				rec := p.call("GET", path, token, nil)
				if rec.Code != 200 {
					t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
				}
				var got []string
				for _, m := range decode[list[memberResponse]](t, rec).Items {
					got = append(got, m.FullName)
				}
				return strings.Join(got, ", ")
			}
			// Kazakhstan, the host, goes first; within it the head, then by name.
			for id, precedence := range map[string]int{kaz: 1, chn: 2} {
				if rec := p.call("PATCH", "/api/v1/delegations/"+id, p.organiser, map[string]any{"precedence": precedence}); rec.Code != 200 {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
			if rec := p.call("POST", "/api/v1/delegations/"+kaz+"/members", p.organiser, map[string]any{"full_name": "Aibek Smadiyarov"}); rec.Code != 201 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}

			both := "/api/v1/members?delegation_id=" + chn + "&delegation_id=" + kaz
			if got, want := names(both, p.organiser), "Kassym-Jomart Tokayev, Aibek Smadiyarov, Murat Nurtleu, Xi Jinping"; got != want {
				t.Fatalf("organiser got %q, want %q", got, want)
			}
			if got := names("/api/v1/members?delegation_id="+chn, p.organiser); got != "Xi Jinping" {
				t.Fatalf("organiser asking for China got %q", got)
			}

			delegate := p.token("delegate") // of Kazakhstan
			kazMembers := "Kassym-Jomart Tokayev, Aibek Smadiyarov, Murat Nurtleu"
			if got := names(both, delegate); got != kazMembers {
				t.Fatalf("delegate got %q, want its own delegation's members only", got)
			}
			if got := names("/api/v1/members", delegate); got != kazMembers {
				t.Fatalf("delegate without ids got %q", got)
			}
			// Another delegation and an unknown one answer alike: nothing.
			for _, id := range []string{chn, domain.NewID()} {
				if got := names("/api/v1/members?delegation_id="+id, delegate); got != "" {
					t.Fatalf("delegate asking for %s got %q", id, got)
				}
			}
			// What is not an id at all never reaches the database.
			assertProblem(t, p.call("GET", "/api/v1/members?delegation_id=no-such-delegation", delegate, nil), 422)

			tooMany := "/api/v1/members?delegation_id=" + kaz + strings.Repeat("&delegation_id="+chn, 100)
			pr := assertProblem(t, p.call("GET", tooMany, p.organiser, nil), 422)
			if len(pr.Errors) != 1 || pr.Errors[0].Field != "delegation_id" {
				t.Fatalf("errors %+v, want one naming delegation_id", pr.Errors)
			}
		})
	}
}
