package api

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"summit/domain"
)

// isFallback tells the catch-all routes (the SPA, unknown API and feed
// paths), which need no policy of their own.
func isFallback(path string) bool { return strings.HasSuffix(path, "/*") }

// TestEveryRouteHasAPolicy fails when a route is registered without going
// through Server.handle, i.e. without saying who may call it.
func TestEveryRouteHasAPolicy(t *testing.T) {
	s, _ := newTestServer(t)
	for _, r := range s.Echo.Routes() {
		if isFallback(r.Path) || r.Method == "echo_route_not_found" {
			continue
		}
		if _, ok := s.access[r.Method+" "+r.Path]; !ok {
			t.Errorf("%s %s has no access policy: register it with Server.handle", r.Method, r.Path)
		}
	}
}

// TestAuthorizationMatrix calls every route as every role and checks the
// role gate: anonymous callers get 401 on everything but public routes;
// delegates get 403 on organiser, admin and badge-check routes, organisers on
// admin ones; gate staff get 403 on everything but their own account and the
// badge check; everyone else is let through (whatever the handler then says).
func TestAuthorizationMatrix(t *testing.T) {
	h := newSQLiteHarness(t)
	target, _ := usersOn(h.store).Create(context.Background(), domain.Actor{},
		domain.NewUser{Email: "target@gov.kz", Name: "Target", Role: "organiser", Password: testPassword})
	params := map[string]string{":id": target.ID, ":file": "docs.js"}
	roles := []string{"anonymous", "delegate", "organiser", "admin", "gate"}
	tokens := map[string]string{}
	for _, r := range roles {
		tokens[r] = h.token(r)
	}
	var keys []string
	for k := range h.s.access {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { // deletes last, so the target exists for the other routes
		return !strings.HasPrefix(keys[i], "DELETE") && strings.HasPrefix(keys[j], "DELETE") ||
			strings.HasPrefix(keys[i], "DELETE") == strings.HasPrefix(keys[j], "DELETE") && keys[i] < keys[j]
	})
	for _, key := range keys {
		level := h.s.access[key]
		method, path, _ := strings.Cut(key, " ")
		for p, v := range params {
			path = strings.ReplaceAll(path, p, v)
		}
		for _, role := range roles {
			t.Run(key+"/"+role, func(t *testing.T) {
				var body any
				if method == http.MethodPost || method == http.MethodPatch || method == http.MethodPut {
					body = map[string]any{}
				}
				if strings.HasSuffix(key, "/auth/logout") {
					return // would end the role's session for the rows after it; covered in TestLoginAndSession
				}
				if strings.HasSuffix(key, "/stream") && role != "anonymous" && role != "gate" {
					return // an open stream never ends by itself; covered in TestStream*
				}
				code := h.call(method, path, tokens[role], body).Code
				want := 0
				switch {
				case level == public:
					if code == http.StatusForbidden {
						t.Fatalf("public route answered 403")
					}
					return
				case role == "anonymous":
					want = http.StatusUnauthorized
				case role == "gate" && level != everyone && level != checkers:
					want = http.StatusForbidden
				case level == organisers && role == "delegate", level == admins && role != "admin", level == checkers && role == "delegate":
					want = http.StatusForbidden
				}
				if want != 0 && code != want {
					t.Fatalf("%s as %s: %d, want %d", key, role, code, want)
				}
				// Past the role gate, a route for every signed-in user may still
				// refuse a foreign object (403 or 404): TestObjectAccess covers that.
				objectLevel := level == signedIn && code == http.StatusForbidden
				if want == 0 && (code == http.StatusUnauthorized || code == http.StatusForbidden && !objectLevel) {
					t.Fatalf("%s as %s: %d, want to be let through", key, role, code)
				}
			})
		}
	}
}
