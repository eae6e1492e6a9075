package api

// This file checks the server's answers against openapi.json:
//
//   - responseCases and TestResponsesMatchOpenAPI: real requests through the
//     whole server, each answer checked against the document. Add rows there
//     for every new endpoint: its successes and its typical errors;
//   - validateResponse: finds the documented response of an operation for a
//     recorded answer and checks status, Content-Type, ETag and body;
//   - schemaValidator: a small JSON Schema validator for the subset of JSON
//     Schema 2020-12 the document uses;
//   - TestSchemaValidator: the validator's own test.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"log/slog"
	"maps"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// ---------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------

// apiCase is one request of TestResponsesMatchOpenAPI. The answer must have
// the status given and match what openapi.json documents for it.
//
// Every row starts from its own copy of the same data (apiFixture), so rows
// do not depend on each other and may change, delete or sign out anything.
// In path and body, {name} stands for the id of a fixture object, such as
// {kaz} or {talks}; the comment of apiFixture lists them all.
//
// A new endpoint, say GET /api/v1/things/{id}, wants a row per documented
// status it can reach, such as
//
//	{name: "get_thing", role: "delegate", method: "GET", route: "/api/v1/things/{id}", path: "/api/v1/things/{thing}", status: 200},
//	{name: "get_thing_unknown", role: "delegate", method: "GET", route: "/api/v1/things/{id}", path: "/api/v1/things/{unknown}", status: 404},
//	{name: "get_thing_anonymous", role: "anonymous", method: "GET", route: "/api/v1/things/{id}", path: "/api/v1/things/{thing}", status: 401},
//
// with {thing} made once in newAPIFixture (a create line there).
type apiCase struct {
	name   string // subtest name
	role   string // whose access token is sent: admin, organiser, delegate (KAZ), delegate_chn, gate, or anonymous (none)
	method string
	route  string   // the path as openapi.json writes it, such as /api/v1/users/{id}
	path   string   // the concrete path, query included; "" means route itself (a route without parameters)
	body   any      // nil: none; a string is sent as is; anything else as JSON. A body goes with Content-Type: application/json
	header []string // request headers: name, value, name, value ...
	status int      // the status the answer must have
	stream bool     // the answer does not end (Server-Sent Events): the request is cancelled after a moment and what came is checked

	// Rarely needed: setup prepares state before the request (such as failed
	// sign-ins); pathFn and bodyFn build the path or body at run time (they
	// win over path and body). They run in that order.
	setup  func(f *apiFixture)
	pathFn func(f *apiFixture) string
	bodyFn func(f *apiFixture) any
}

var responseCases = []apiCase{
	// Ops.
	{name: "healthz", role: "anonymous", method: "GET", route: "/healthz", status: 200},
	{name: "readyz", role: "anonymous", method: "GET", route: "/readyz", status: 200},
	{name: "readyz_database_down", role: "anonymous", method: "GET", route: "/readyz", setup: func(f *apiFixture) { f.db.Close() }, status: 503},
	{name: "metrics", role: "anonymous", method: "GET", route: "/metrics", status: 200},
	{name: "openapi_document", role: "anonymous", method: "GET", route: "/api/openapi.json", status: 200},
	{name: "docs_page", role: "anonymous", method: "GET", route: "/api/docs", status: 200},
	{name: "docs_file", role: "anonymous", method: "GET", route: "/api/docs/{file}", path: "/api/docs/docs.js", status: 200},
	{name: "docs_unknown_file", role: "anonymous", method: "GET", route: "/api/docs/{file}", path: "/api/docs/secret.txt", status: 404},

	// Sign-in.
	{name: "login", role: "anonymous", method: "POST", route: "/api/v1/auth/login", body: map[string]any{"email": "delegate@gov.kz", "password": testPassword}, status: 200},
	{name: "login_admin", role: "anonymous", method: "POST", route: "/api/v1/auth/login", body: map[string]any{"email": "admin@gov.kz", "password": testPassword}, status: 200},
	{name: "login_wrong_password", role: "anonymous", method: "POST", route: "/api/v1/auth/login", body: map[string]any{"email": "delegate@gov.kz", "password": "not the password"}, status: 401},
	{name: "login_unknown_field", role: "anonymous", method: "POST", route: "/api/v1/auth/login", body: map[string]any{"email": "delegate@gov.kz", "password": testPassword, "remember": true}, status: 400},
	{name: "login_malformed_json", role: "anonymous", method: "POST", route: "/api/v1/auth/login", body: `{"email":`, status: 400},
	{name: "login_locked", role: "anonymous", method: "POST", route: "/api/v1/auth/login", setup: failSignIns("delegate@gov.kz"),
		body: map[string]any{"email": "delegate@gov.kz", "password": testPassword}, status: 429},

	{name: "refresh", role: "anonymous", method: "POST", route: "/api/v1/auth/refresh", bodyFn: refreshBody("organiser", false), status: 200},
	{name: "refresh_unknown_token", role: "anonymous", method: "POST", route: "/api/v1/auth/refresh", body: map[string]any{"refresh_token": "not-a-token"}, status: 401},
	{name: "refresh_without_token", role: "anonymous", method: "POST", route: "/api/v1/auth/refresh", status: 401},
	{name: "refresh_unknown_field", role: "anonymous", method: "POST", route: "/api/v1/auth/refresh", body: map[string]any{"token": "x"}, status: 400},

	{name: "logout", role: "anonymous", method: "POST", route: "/api/v1/auth/logout", bodyFn: refreshBody("delegate", false), status: 204},
	{name: "logout_everywhere", role: "anonymous", method: "POST", route: "/api/v1/auth/logout", bodyFn: refreshBody("delegate", true), status: 204},
	{name: "logout_unknown_token", role: "anonymous", method: "POST", route: "/api/v1/auth/logout", body: map[string]any{"refresh_token": "not-a-token"}, status: 204}, // nothing to end
	{name: "logout_without_token", role: "anonymous", method: "POST", route: "/api/v1/auth/logout", status: 401},
	{name: "logout_unknown_field", role: "anonymous", method: "POST", route: "/api/v1/auth/logout", body: map[string]any{"refresh_token": "x", "all": true}, status: 400},

	// The signed-in user.
	{name: "me_delegate", role: "delegate", method: "GET", route: "/api/v1/me", status: 200},
	{name: "me_organiser", role: "organiser", method: "GET", route: "/api/v1/me", status: 200},
	{name: "me_anonymous", role: "anonymous", method: "GET", route: "/api/v1/me", status: 401},
	{name: "me_bad_token", role: "anonymous", method: "GET", route: "/api/v1/me", header: []string{"Authorization", "Bearer not.a.token"}, status: 401},

	{name: "update_me", role: "delegate", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": "Liaison of Kazakhstan"}, status: 200},
	{name: "update_me_if_match", role: "delegate", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": "Liaison"}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_me_stale", role: "delegate", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": "Liaison"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_me_empty_name", role: "delegate", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": ""}, status: 422},
	{name: "update_me_role", role: "delegate", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": "X", "role": "admin"}, status: 400},
	{name: "update_me_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/me", body: map[string]any{"name": "X"}, status: 401},

	{name: "change_password", role: "organiser", method: "POST", route: "/api/v1/me/password", body: map[string]any{"current_password": testPassword, "new_password": "a brand new password"}, status: 200},
	{name: "change_password_too_short", role: "organiser", method: "POST", route: "/api/v1/me/password", body: map[string]any{"current_password": testPassword, "new_password": "short"}, status: 422},
	{name: "change_password_wrong_current", role: "organiser", method: "POST", route: "/api/v1/me/password", body: map[string]any{"current_password": "not the password", "new_password": "a brand new password"}, status: 422},
	{name: "change_password_unknown_field", role: "organiser", method: "POST", route: "/api/v1/me/password", body: map[string]any{"password": "a brand new password"}, status: 400},
	{name: "change_password_anonymous", role: "anonymous", method: "POST", route: "/api/v1/me/password", body: map[string]any{"current_password": testPassword, "new_password": "a brand new password"}, status: 401},
	{name: "change_password_locked", role: "organiser", method: "POST", route: "/api/v1/me/password", setup: failSignIns("organiser@gov.kz"),
		body: map[string]any{"current_password": testPassword, "new_password": "a brand new password"}, status: 429},

	// Users (admins).
	{name: "list_users", role: "admin", method: "GET", route: "/api/v1/users", status: 200},
	{name: "list_users_paged", role: "admin", method: "GET", route: "/api/v1/users", path: "/api/v1/users?limit=1", status: 200},
	{name: "list_users_bad_limit", role: "admin", method: "GET", route: "/api/v1/users", path: "/api/v1/users?limit=0", status: 400},
	{name: "list_users_delegate", role: "delegate", method: "GET", route: "/api/v1/users", status: 403},
	{name: "list_users_anonymous", role: "anonymous", method: "GET", route: "/api/v1/users", status: 401},

	{name: "create_organiser", role: "admin", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "Planner@Gov.KZ", "name": "Planner", "role": "organiser", "password": testPassword}, status: 201},
	{name: "create_delegate", role: "admin", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "liaison@mfa.uz", "name": "Liaison", "role": "delegate", "delegation_id": "{uzb}", "password": testPassword}, status: 201},
	{name: "create_user_duplicate_email", role: "admin", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "organiser@gov.kz", "name": "Again", "role": "organiser", "password": testPassword}, status: 409},
	{name: "create_user_invalid", role: "admin", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "bad", "name": "", "role": "king", "password": "short"}, status: 422},
	{name: "create_user_unknown_field", role: "admin", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "n@gov.kz", "name": "N", "role": "admin", "password": testPassword, "token_version": 5}, status: 400},
	{name: "create_user_delegate", role: "delegate", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "n@gov.kz", "name": "N", "role": "admin", "password": testPassword}, status: 403},
	{name: "create_user_anonymous", role: "anonymous", method: "POST", route: "/api/v1/users", body: map[string]any{"email": "n@gov.kz", "name": "N", "role": "admin", "password": testPassword}, status: 401},

	{name: "get_user_delegate", role: "admin", method: "GET", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", status: 200},
	{name: "get_user_organiser", role: "admin", method: "GET", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", status: 200},
	{name: "get_user_unknown", role: "admin", method: "GET", route: "/api/v1/users/{id}", path: "/api/v1/users/{unknown}", status: 404},
	{name: "get_user_as_organiser", role: "organiser", method: "GET", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", status: 403},
	{name: "get_user_anonymous", role: "anonymous", method: "GET", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", status: 401},

	{name: "update_user", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", body: map[string]any{"name": "Chief Organiser"}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_user_clear_delegation", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", body: map[string]any{"role": "organiser", "delegation_id": nil}, status: 200},
	{name: "update_user_stale", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", body: map[string]any{"name": "X"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_user_bad_if_match", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", body: map[string]any{"name": "X"}, header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "update_user_last_admin", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{admin_user}", body: map[string]any{"role": "organiser"}, status: 409},
	{name: "update_user_invalid", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", body: map[string]any{"role": "king"}, status: 422},
	{name: "update_user_unknown_field", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{organiser_user}", body: map[string]any{"password_hash": "x"}, status: 400},
	{name: "update_user_unknown", role: "admin", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{unknown}", body: map[string]any{"name": "X"}, status: 404},
	{name: "update_user_as_delegate", role: "delegate", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", body: map[string]any{"name": "X"}, status: 403},
	{name: "update_user_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_user}", body: map[string]any{"name": "X"}, status: 401},

	{name: "delete_user", role: "admin", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_chn_user}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_user_stale", role: "admin", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_chn_user}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_user_bad_if_match", role: "admin", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_chn_user}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_user_last_admin", role: "admin", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{admin_user}", status: 409},
	{name: "delete_user_unknown", role: "admin", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{unknown}", status: 404},
	{name: "delete_user_as_delegate", role: "delegate", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_chn_user}", status: 403},
	{name: "delete_user_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/users/{id}", path: "/api/v1/users/{delegate_chn_user}", status: 401},

	// Audit (organisers and admins).
	{name: "audit", role: "organiser", method: "GET", route: "/api/v1/audit", status: 200},
	{name: "audit_filtered", role: "admin", method: "GET", route: "/api/v1/audit", path: "/api/v1/audit?entity_type=meeting&limit=2", status: 200},
	{name: "audit_bad_limit", role: "organiser", method: "GET", route: "/api/v1/audit", path: "/api/v1/audit?limit=501", status: 400},
	{name: "audit_delegate", role: "delegate", method: "GET", route: "/api/v1/audit", status: 403},
	{name: "audit_anonymous", role: "anonymous", method: "GET", route: "/api/v1/audit", status: 401},

	// The summit's settings.
	{name: "get_summit", role: "delegate", method: "GET", route: "/api/v1/summit", status: 200},
	{name: "get_summit_anonymous", role: "anonymous", method: "GET", route: "/api/v1/summit", status: 401},
	{name: "put_summit", role: "organiser", method: "PUT", route: "/api/v1/summit", body: summitExample, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "put_summit_stale", role: "organiser", method: "PUT", route: "/api/v1/summit", body: summitExample, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "put_summit_invalid", role: "organiser", method: "PUT", route: "/api/v1/summit", body: withFields(summitExample, "timezone", "Mars/Olympus"), status: 422},
	{name: "put_summit_unknown_field", role: "organiser", method: "PUT", route: "/api/v1/summit", body: withFields(summitExample, "country", "KZ"), status: 400},
	{name: "put_summit_delegate", role: "delegate", method: "PUT", route: "/api/v1/summit", body: summitExample, status: 403},
	{name: "put_summit_anonymous", role: "anonymous", method: "PUT", route: "/api/v1/summit", body: summitExample, status: 401},

	// Delegations.
	{name: "list_delegations", role: "delegate", method: "GET", route: "/api/v1/delegations", status: 200},
	{name: "list_delegations_paged", role: "organiser", method: "GET", route: "/api/v1/delegations", path: "/api/v1/delegations?limit=1", status: 200},
	{name: "list_delegations_bad_limit", role: "organiser", method: "GET", route: "/api/v1/delegations", path: "/api/v1/delegations?limit=x", status: 400},
	{name: "list_delegations_anonymous", role: "anonymous", method: "GET", route: "/api/v1/delegations", status: 401},

	{name: "create_delegation", role: "organiser", method: "POST", route: "/api/v1/delegations", body: delegationExample, status: 201},
	{name: "create_delegation_minimal", role: "organiser", method: "POST", route: "/api/v1/delegations", body: map[string]any{"code": "SCO", "name": "SCO Secretariat", "kind": "organisation"}, status: 201},
	{name: "create_delegation_names", role: "organiser", method: "POST", route: "/api/v1/delegations", body: withFields(delegationExample, "names", map[string]any{"ru": "Индия", "zh": "印度", "kk": "Үндістан"}), status: 201},
	{name: "create_delegation_names_unknown_language", role: "organiser", method: "POST", route: "/api/v1/delegations", body: withFields(delegationExample, "names", map[string]any{"hi": "भारत"}), status: 422},
	{name: "create_delegation_duplicate_code", role: "organiser", method: "POST", route: "/api/v1/delegations", body: withFields(delegationExample, "code", "KAZ"), status: 409},
	{name: "create_delegation_invalid", role: "organiser", method: "POST", route: "/api/v1/delegations", body: withFields(delegationExample, "kind", "empire"), status: 422},
	{name: "create_delegation_unknown_field", role: "organiser", method: "POST", route: "/api/v1/delegations", body: withFields(delegationExample, "flag", "🇮🇳"), status: 400},
	{name: "create_delegation_delegate", role: "delegate", method: "POST", route: "/api/v1/delegations", body: delegationExample, status: 403},
	{name: "create_delegation_anonymous", role: "anonymous", method: "POST", route: "/api/v1/delegations", body: delegationExample, status: 401},

	{name: "get_delegation", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", status: 200},
	{name: "get_delegation_unknown", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{unknown}", status: 404},
	{name: "get_delegation_anonymous", role: "anonymous", method: "GET", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", status: 401},

	{name: "update_delegation", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"name": "Republic of Kazakhstan", "languages": []string{"kk", "ru"}}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_delegation_names", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"names": map[string]any{"ru": "Китай", "zh": "中国", "kk": "Қытай"}}, status: 200},
	{name: "update_delegation_clear_names", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"names": nil}, status: 200},
	{name: "update_own_delegation_names", role: "delegate", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"names": map[string]any{"ru": "Казахстан"}}, status: 403},
	{name: "update_own_delegation_arrival", role: "delegate", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"arrival_at": "2024-07-02T18:00:00+05:00", "hotel": "Rixos"}, status: 200},
	{name: "update_delegation_clear_arrival", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"arrival_at": nil}, status: 200},
	{name: "update_own_delegation_name", role: "delegate", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"name": "Kazakh Khanate"}, status: 403},
	{name: "update_other_delegation", role: "delegate", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"hotel": "Rixos"}, status: 403},
	{name: "update_delegation_dry_run", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}?dry_run=1", body: map[string]any{"arrival_at": "2024-07-04T16:00:00+05:00"}, status: 200},
	{name: "update_delegation_bad_dry_run", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}?dry_run=maybe", body: map[string]any{"hotel": "Rixos"}, status: 422},
	{name: "update_delegation_contacts", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"contact_emails": []string{"protocol@mfa.cn"}, "notice_language": "zh"}, status: 200},
	{name: "update_delegation_bad_contact", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"contact_emails": []string{"protocol@mfa.cn", "mfa.cn"}}, status: 422},
	{name: "update_delegation_bad_notice_language", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{chn}", body: map[string]any{"notice_language": "de"}, status: 422},
	{name: "update_own_delegation_contacts", role: "delegate", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"contact_emails": []string{"me@gov.kz"}}, status: 403},
	{name: "problems", role: "organiser", method: "GET", route: "/api/v1/problems", status: 200},
	{name: "problems_delegate", role: "delegate", method: "GET", route: "/api/v1/problems", status: 403},
	{name: "problems_anonymous", role: "anonymous", method: "GET", route: "/api/v1/problems", status: 401},

	// Releases of the programme (CONTRACT section 11).
	{name: "publish_release", role: "organiser", method: "POST", route: "/api/v1/releases", body: map[string]any{"note": "Programme as agreed"}, status: 201},
	{name: "publish_release_empty_note", role: "organiser", method: "POST", route: "/api/v1/releases", body: map[string]any{}, status: 201},
	{name: "publish_release_long_note", role: "organiser", method: "POST", route: "/api/v1/releases", body: map[string]any{"note": strings.Repeat("n", 2001)}, status: 422},
	{name: "publish_release_unknown_field", role: "organiser", method: "POST", route: "/api/v1/releases", body: map[string]any{"number": 7}, status: 400},
	{name: "publish_release_delegate", role: "delegate", method: "POST", route: "/api/v1/releases", body: map[string]any{"note": "x"}, status: 403},
	{name: "publish_release_anonymous", role: "anonymous", method: "POST", route: "/api/v1/releases", body: map[string]any{"note": "x"}, status: 401},
	{name: "list_releases", role: "delegate", method: "GET", route: "/api/v1/releases", setup: publishTwice, status: 200},
	{name: "list_releases_anonymous", role: "anonymous", method: "GET", route: "/api/v1/releases", status: 401},
	{name: "get_release", role: "delegate", method: "GET", route: "/api/v1/releases/{number}", path: "/api/v1/releases/2", setup: publishTwice, status: 200},
	{name: "get_release_organiser", role: "organiser", method: "GET", route: "/api/v1/releases/{number}", path: "/api/v1/releases/1", setup: publishTwice, status: 200},
	{name: "get_release_unknown", role: "delegate", method: "GET", route: "/api/v1/releases/{number}", path: "/api/v1/releases/9", status: 404},
	{name: "get_release_anonymous", role: "anonymous", method: "GET", route: "/api/v1/releases/{number}", path: "/api/v1/releases/1", status: 401},
	{name: "release_changes", role: "organiser", method: "GET", route: "/api/v1/releases/{number}/changes", path: "/api/v1/releases/2/changes", setup: publishTwice, status: 200},
	{name: "release_changes_since", role: "delegate", method: "GET", route: "/api/v1/releases/{number}/changes", path: "/api/v1/releases/2/changes?since=1", setup: publishTwice, status: 200},
	{name: "release_changes_since_later", role: "organiser", method: "GET", route: "/api/v1/releases/{number}/changes", path: "/api/v1/releases/1/changes?since=2", setup: publishTwice, status: 422},
	{name: "release_changes_unknown", role: "organiser", method: "GET", route: "/api/v1/releases/{number}/changes", path: "/api/v1/releases/9/changes", status: 404},
	// Notices (CONTRACT section 12).
	{name: "list_notices", role: "organiser", method: "GET", route: "/api/v1/notices", setup: queueNotice, status: 200},
	{name: "list_notices_paged", role: "organiser", method: "GET", route: "/api/v1/notices", path: "/api/v1/notices?limit=1", setup: queueNotice, status: 200},
	{name: "list_notices_bad_cursor", role: "organiser", method: "GET", route: "/api/v1/notices", path: "/api/v1/notices?cursor=%21%21", status: 400},
	{name: "list_notices_delegate", role: "delegate", method: "GET", route: "/api/v1/notices", status: 403},
	{name: "list_notices_anonymous", role: "anonymous", method: "GET", route: "/api/v1/notices", status: 401},
	{name: "retry_notice", role: "organiser", method: "POST", route: "/api/v1/notices/{id}/retry", setup: queueNotice, pathFn: firstNoticeRetry, status: 200},
	{name: "retry_notice_unknown", role: "organiser", method: "POST", route: "/api/v1/notices/{id}/retry", path: "/api/v1/notices/{unknown}/retry", status: 404},
	{name: "retry_notice_delegate", role: "delegate", method: "POST", route: "/api/v1/notices/{id}/retry", setup: queueNotice, pathFn: firstNoticeRetry, status: 403},
	{name: "retry_notice_anonymous", role: "anonymous", method: "POST", route: "/api/v1/notices/{id}/retry", path: "/api/v1/notices/{unknown}/retry", status: 401},
	{name: "my_changes_none", role: "delegate", method: "GET", route: "/api/v1/me/changes", status: 200},
	{name: "my_changes_release", role: "delegate", method: "GET", route: "/api/v1/me/changes", setup: publishTwice, status: 200},
	{name: "my_changes_seen", role: "organiser", method: "GET", route: "/api/v1/me/changes",
		setup: func(f *apiFixture) {
			publishTwice(f)
			f.mustCall("organiser", 200, "POST", "/api/v1/me/changes/seen", nil)
		}, status: 200},
	{name: "my_changes_anonymous", role: "anonymous", method: "GET", route: "/api/v1/me/changes", status: 401},
	{name: "mark_changes_seen", role: "delegate", method: "POST", route: "/api/v1/me/changes/seen", setup: publishTwice, status: 200},
	{name: "mark_changes_seen_anonymous", role: "anonymous", method: "POST", route: "/api/v1/me/changes/seen", status: 401},
	{name: "release_changes_anonymous", role: "anonymous", method: "GET", route: "/api/v1/releases/{number}/changes", path: "/api/v1/releases/1/changes", status: 401},
	{name: "export_programme_csv", role: "organiser", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/programme.csv", status: 200},
	{name: "export_delegations_xlsx", role: "organiser", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/delegations.xlsx", status: 200},
	{name: "export_rooming_xlsx", role: "organiser", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/rooming.xlsx?hotel_venue_id={hilton}", setup: placeMinister, status: 200},
	{name: "export_delegate", role: "delegate", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/members.csv", status: 403},
	{name: "export_anonymous", role: "anonymous", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/requests.xlsx", status: 401},
	{name: "export_unknown", role: "organiser", method: "GET", route: "/api/v1/export/{file}", path: "/api/v1/export/rooms.csv", status: 404},

	// Import: organisers send CSV or XLSX; a bad row is 422 unless it is a dry run.
	{name: "import_dry_run", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/delegations?dry_run=1",
		body: "code,name,kind,hotel\nUZB,Uzbekistan,member,Ritz\nKAZ,Kazakhstan,member,Rixos\n", header: []string{"Content-Type", "text/csv"}, status: 200},
	{name: "import_rooms", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/rooms",
		body: "venue_name,name,capacity\nPalace of Independence,Room 9,12\n", header: []string{"Content-Type", "text/csv; charset=utf-8"}, status: 200},
	{name: "import_dry_run_bad_rows", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/members?dry_run=1",
		body: "delegation_code,full_name,accreditation\nXYZ,Nobody,\nKAZ,Someone,maybe\n", header: []string{"Content-Type", "text/csv"}, status: 200},
	{name: "import_bad_rows", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/venues",
		body: "name,address\n,Nowhere\n", header: []string{"Content-Type", "text/csv"}, status: 422},
	{name: "import_unknown_column", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/venues",
		body: "name,colour\nAkorda,blue\n", header: []string{"Content-Type", "text/csv"}, status: 422},
	{name: "import_not_a_spreadsheet", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/venues",
		body: map[string]any{"name": "Akorda"}, status: 400},
	{name: "import_too_large", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/venues",
		body: "name\n" + strings.Repeat("Akorda\n", importLimit/7+1), header: []string{"Content-Type", "text/csv"}, status: 413},
	{name: "import_unknown_kind", role: "organiser", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/meetings",
		body: "title\nTalks\n", header: []string{"Content-Type", "text/csv"}, status: 404},
	{name: "import_delegate", role: "delegate", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/delegations",
		body: "code,name\nUZB,Uzbekistan\n", header: []string{"Content-Type", "text/csv"}, status: 403},
	{name: "import_anonymous", role: "anonymous", method: "POST", route: "/api/v1/import/{kind}", path: "/api/v1/import/delegations",
		body: "code,name\nUZB,Uzbekistan\n", header: []string{"Content-Type", "text/csv"}, status: 401},
	{name: "import_template_csv", role: "organiser", method: "GET", route: "/api/v1/import/{kind}/{file}", path: "/api/v1/import/members/template.csv", status: 200},
	{name: "import_template_xlsx", role: "admin", method: "GET", route: "/api/v1/import/{kind}/{file}", path: "/api/v1/import/rooms/template.xlsx", status: 200},
	{name: "import_template_unknown", role: "organiser", method: "GET", route: "/api/v1/import/{kind}/{file}", path: "/api/v1/import/rooms/template.pdf", status: 404},
	{name: "import_template_delegate", role: "delegate", method: "GET", route: "/api/v1/import/{kind}/{file}", path: "/api/v1/import/venues/template.csv", status: 403},
	{name: "import_template_anonymous", role: "anonymous", method: "GET", route: "/api/v1/import/{kind}/{file}", path: "/api/v1/import/venues/template.csv", status: 401},
	// Accreditation (CONTRACT section 15).
	// Ground transport (CONTRACT section 14).
	{name: "list_vehicles", role: "organiser", method: "GET", route: "/api/v1/vehicles", status: 200},
	{name: "list_vehicles_delegate", role: "delegate", method: "GET", route: "/api/v1/vehicles", status: 403},
	{name: "list_vehicles_anonymous", role: "anonymous", method: "GET", route: "/api/v1/vehicles", status: 401},
	{name: "create_vehicle", role: "organiser", method: "POST", route: "/api/v1/vehicles", body: map[string]any{"plate": "002 SCO 01", "kind": "van", "seats": 8}, status: 201},
	{name: "create_vehicle_duplicate_plate", role: "organiser", method: "POST", route: "/api/v1/vehicles", body: map[string]any{"plate": "001 sco 01"}, status: 409},
	{name: "create_vehicle_no_seats", role: "organiser", method: "POST", route: "/api/v1/vehicles", body: map[string]any{"plate": "003 SCO 01", "seats": 0}, status: 422},
	{name: "create_vehicle_unknown_field", role: "organiser", method: "POST", route: "/api/v1/vehicles", body: map[string]any{"plate": "X", "colour": "black"}, status: 400},
	{name: "create_vehicle_delegate", role: "delegate", method: "POST", route: "/api/v1/vehicles", body: map[string]any{"plate": "X"}, status: 403},
	{name: "get_vehicle", role: "organiser", method: "GET", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", status: 200},
	{name: "get_vehicle_unknown", role: "organiser", method: "GET", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{unknown}", status: 404},
	{name: "get_vehicle_delegate", role: "delegate", method: "GET", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", status: 403},
	{name: "update_vehicle", role: "organiser", method: "PATCH", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", body: map[string]any{"seats": 3}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_vehicle_stale", role: "organiser", method: "PATCH", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", body: map[string]any{"seats": 3}, header: []string{"If-Match", `"4"`}, status: 412},
	{name: "update_vehicle_invalid", role: "organiser", method: "PATCH", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", body: map[string]any{"kind": "tank"}, status: 422},
	{name: "update_vehicle_unknown", role: "organiser", method: "PATCH", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{unknown}", body: map[string]any{"seats": 3}, status: 404},
	{name: "update_vehicle_delegate", role: "delegate", method: "PATCH", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", body: map[string]any{"seats": 3}, status: 403},
	{name: "delete_vehicle_in_use", role: "organiser", method: "DELETE", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", status: 409},
	{name: "delete_vehicle", role: "organiser", method: "DELETE", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}",
		setup: func(f *apiFixture) {
			f.mustCall("organiser", 200, "PUT", "/api/v1/delegations/{kaz}/motorcade", map[string]any{"vehicle_ids": []string{}})
		}, status: 204},
	{name: "delete_vehicle_unknown", role: "organiser", method: "DELETE", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{unknown}", status: 404},
	{name: "delete_vehicle_delegate", role: "delegate", method: "DELETE", route: "/api/v1/vehicles/{id}", path: "/api/v1/vehicles/{car}", status: 403},
	{name: "list_motorcades", role: "organiser", method: "GET", route: "/api/v1/motorcades", status: 200},
	{name: "list_motorcades_delegate", role: "delegate", method: "GET", route: "/api/v1/motorcades", status: 403},
	{name: "get_motorcade", role: "organiser", method: "GET", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{kaz}/motorcade", status: 200},
	{name: "get_motorcade_own", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{kaz}/motorcade", status: 200},
	{name: "get_motorcade_other", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{chn}/motorcade", status: 404},
	{name: "get_motorcade_anonymous", role: "anonymous", method: "GET", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{kaz}/motorcade", status: 401},
	{name: "put_motorcade", role: "organiser", method: "PUT", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{chn}/motorcade", body: map[string]any{"vehicle_ids": []string{"{car}"}}, status: 200},
	{name: "put_motorcade_unknown_vehicle", role: "organiser", method: "PUT", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{chn}/motorcade", body: map[string]any{"vehicle_ids": []string{"{unknown}"}}, status: 422},
	{name: "put_motorcade_unknown_delegation", role: "organiser", method: "PUT", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{unknown}/motorcade", body: map[string]any{"vehicle_ids": []string{}}, status: 404},
	{name: "put_motorcade_malformed", role: "organiser", method: "PUT", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{chn}/motorcade", body: map[string]any{"vehicles": 1}, status: 400},
	{name: "put_motorcade_delegate", role: "delegate", method: "PUT", route: "/api/v1/delegations/{id}/motorcade", path: "/api/v1/delegations/{kaz}/motorcade", body: map[string]any{"vehicle_ids": []string{}}, status: 403},
	{name: "list_movements", role: "organiser", method: "GET", route: "/api/v1/movements", path: "/api/v1/movements?date=2024-07-03", status: 200},
	{name: "list_movements_own", role: "delegate", method: "GET", route: "/api/v1/movements", status: 200},
	{name: "list_movements_other", role: "delegate", method: "GET", route: "/api/v1/movements", path: "/api/v1/movements?delegation_id={chn}", status: 404},
	{name: "list_movements_bad_date", role: "organiser", method: "GET", route: "/api/v1/movements", path: "/api/v1/movements?date=July", status: 422},
	{name: "list_movements_anonymous", role: "anonymous", method: "GET", route: "/api/v1/movements", status: 401},
	{name: "list_movements_gate", role: "gate", method: "GET", route: "/api/v1/movements", status: 403},
	{name: "movements_pdf", role: "organiser", method: "GET", route: "/api/v1/movements.pdf", path: "/api/v1/movements.pdf?date=2024-07-03", status: 200},
	{name: "movements_pdf_no_date", role: "organiser", method: "GET", route: "/api/v1/movements.pdf", status: 422},
	{name: "movements_pdf_delegate", role: "delegate", method: "GET", route: "/api/v1/movements.pdf", path: "/api/v1/movements.pdf?date=2024-07-03", status: 403},
	{name: "movements_pdf_anonymous", role: "anonymous", method: "GET", route: "/api/v1/movements.pdf", path: "/api/v1/movements.pdf?date=2024-07-03", status: 401},
	{name: "movements_csv", role: "organiser", method: "GET", route: "/api/v1/movements.csv", path: "/api/v1/movements.csv?date=2024-07-03", status: 200},
	{name: "movements_csv_no_date", role: "organiser", method: "GET", route: "/api/v1/movements.csv", status: 422},
	{name: "movements_csv_delegate", role: "delegate", method: "GET", route: "/api/v1/movements.csv", path: "/api/v1/movements.csv?date=2024-07-03", status: 403},
	{name: "list_access_zones", role: "organiser", method: "GET", route: "/api/v1/access-zones", status: 200},
	{name: "list_access_zones_delegate", role: "delegate", method: "GET", route: "/api/v1/access-zones", status: 403},
	{name: "list_access_zones_anonymous", role: "anonymous", method: "GET", route: "/api/v1/access-zones", status: 401},
	{name: "create_access_zone", role: "organiser", method: "POST", route: "/api/v1/access-zones", body: map[string]any{"name": "Akorda", "room_ids": []string{"{oval}"}}, status: 201},
	{name: "create_access_zone_unknown_room", role: "organiser", method: "POST", route: "/api/v1/access-zones", body: map[string]any{"name": "Akorda", "room_ids": []string{"{unknown}"}}, status: 422},
	{name: "create_access_zone_duplicate", role: "organiser", method: "POST", route: "/api/v1/access-zones", body: map[string]any{"name": "Palace"}, status: 409},
	{name: "create_access_zone_unknown_field", role: "organiser", method: "POST", route: "/api/v1/access-zones", body: map[string]any{"name": "X", "rooms": 1}, status: 400},
	{name: "create_access_zone_gate", role: "gate", method: "POST", route: "/api/v1/access-zones", body: map[string]any{"name": "X"}, status: 403},
	{name: "get_access_zone", role: "organiser", method: "GET", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", status: 200},
	{name: "get_access_zone_unknown", role: "organiser", method: "GET", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{unknown}", status: 404},
	{name: "get_access_zone_delegate", role: "delegate", method: "GET", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", status: 403},
	{name: "update_access_zone", role: "organiser", method: "PATCH", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", body: map[string]any{"room_ids": []string{"{hall}"}}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_access_zone_stale", role: "organiser", method: "PATCH", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", body: map[string]any{"name": "P"}, header: []string{"If-Match", `"4"`}, status: 412},
	{name: "update_access_zone_invalid", role: "organiser", method: "PATCH", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", body: map[string]any{"name": ""}, status: 422},
	{name: "update_access_zone_unknown", role: "organiser", method: "PATCH", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{unknown}", body: map[string]any{"name": "P"}, status: 404},
	{name: "update_access_zone_delegate", role: "delegate", method: "PATCH", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", body: map[string]any{"name": "P"}, status: 403},
	{name: "delete_access_zone_in_use", role: "organiser", method: "DELETE", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", status: 409},
	{name: "delete_access_zone", role: "organiser", method: "DELETE", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}",
		setup: func(f *apiFixture) {
			f.mustCall("organiser", 204, "DELETE", "/api/v1/badge-categories/{category}", nil)
		}, status: 204},
	{name: "delete_access_zone_unknown", role: "organiser", method: "DELETE", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{unknown}", status: 404},
	{name: "delete_access_zone_delegate", role: "delegate", method: "DELETE", route: "/api/v1/access-zones/{id}", path: "/api/v1/access-zones/{zone}", status: 403},
	{name: "list_badge_categories", role: "admin", method: "GET", route: "/api/v1/badge-categories", status: 200},
	{name: "list_badge_categories_delegate", role: "delegate", method: "GET", route: "/api/v1/badge-categories", status: 403},
	{name: "list_badge_categories_anonymous", role: "anonymous", method: "GET", route: "/api/v1/badge-categories", status: 401},
	{name: "create_badge_category", role: "organiser", method: "POST", route: "/api/v1/badge-categories", body: map[string]any{"name": "Press", "colour": "#F2C500", "zone_ids": []string{"{zone}"}}, status: 201},
	{name: "create_badge_category_invalid", role: "organiser", method: "POST", route: "/api/v1/badge-categories", body: map[string]any{"name": "Press", "colour": "yellow"}, status: 422},
	{name: "create_badge_category_duplicate", role: "organiser", method: "POST", route: "/api/v1/badge-categories", body: map[string]any{"name": "Delegation", "colour": "#000000"}, status: 409},
	{name: "create_badge_category_unknown_field", role: "organiser", method: "POST", route: "/api/v1/badge-categories", body: map[string]any{"name": "Press", "color": "#000000"}, status: 400},
	{name: "create_badge_category_delegate", role: "delegate", method: "POST", route: "/api/v1/badge-categories", body: map[string]any{"name": "Press", "colour": "#000000"}, status: 403},
	{name: "get_badge_category", role: "organiser", method: "GET", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", status: 200},
	{name: "get_badge_category_unknown", role: "organiser", method: "GET", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{unknown}", status: 404},
	{name: "get_badge_category_gate", role: "gate", method: "GET", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", status: 403},
	{name: "update_badge_category", role: "organiser", method: "PATCH", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", body: map[string]any{"colour": "#c0392b"}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_badge_category_stale", role: "organiser", method: "PATCH", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", body: map[string]any{"colour": "#c0392b"}, header: []string{"If-Match", `"3"`}, status: 412},
	{name: "update_badge_category_unknown_zone", role: "organiser", method: "PATCH", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", body: map[string]any{"zone_ids": []string{"{unknown}"}}, status: 422},
	{name: "update_badge_category_unknown", role: "organiser", method: "PATCH", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{unknown}", body: map[string]any{"name": "X"}, status: 404},
	{name: "update_badge_category_delegate", role: "delegate", method: "PATCH", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", body: map[string]any{"name": "X"}, status: 403},
	{name: "delete_badge_category", role: "organiser", method: "DELETE", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_badge_category_held", role: "organiser", method: "DELETE", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", setup: approveMinister, status: 409},
	{name: "delete_badge_category_unknown", role: "organiser", method: "DELETE", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{unknown}", status: 404},
	{name: "delete_badge_category_stale", role: "organiser", method: "DELETE", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", header: []string{"If-Match", `"2"`}, status: 412},
	{name: "delete_badge_category_delegate", role: "delegate", method: "DELETE", route: "/api/v1/badge-categories/{id}", path: "/api/v1/badge-categories/{category}", status: 403},
	{name: "list_hotel_blocks", role: "delegate", method: "GET", route: "/api/v1/hotel-blocks", status: 200},
	{name: "list_hotel_blocks_gate", role: "gate", method: "GET", route: "/api/v1/hotel-blocks", status: 403},
	{name: "list_hotel_blocks_anonymous", role: "anonymous", method: "GET", route: "/api/v1/hotel-blocks", status: 401},
	{name: "list_hotel_blocks_of_a_hotel", role: "organiser", method: "GET", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks", status: 200},
	{name: "list_hotel_blocks_unknown_hotel", role: "organiser", method: "GET", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{unknown}/blocks", status: 404},
	{name: "list_hotel_blocks_gate_of_a_hotel", role: "gate", method: "GET", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks", status: 403},
	{name: "create_hotel_block", role: "organiser", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks",
		body: map[string]any{"delegation_id": "{chn}", "rooms": 5, "from": "2024-07-02", "to": "2024-07-05"}, status: 201},
	{name: "create_hotel_block_invalid", role: "organiser", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks",
		body: map[string]any{"delegation_id": "{chn}", "rooms": 0, "from": "2024-07-05", "to": "2024-07-02"}, status: 422},
	{name: "create_hotel_block_a_time", role: "organiser", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks",
		body: map[string]any{"delegation_id": "{chn}", "rooms": 1, "from": "2024-07-02T10:00:00+05:00", "to": "2024-07-05"}, status: 422},
	{name: "create_hotel_block_unknown_field", role: "organiser", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks",
		body: map[string]any{"delegation": "{chn}"}, status: 400},
	{name: "create_hotel_block_unknown_hotel", role: "organiser", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{unknown}/blocks",
		body: map[string]any{"delegation_id": "{chn}", "rooms": 5, "from": "2024-07-02", "to": "2024-07-05"}, status: 404},
	{name: "create_hotel_block_delegate", role: "delegate", method: "POST", route: "/api/v1/hotels/{venue}/blocks", path: "/api/v1/hotels/{hilton}/blocks",
		body: map[string]any{"delegation_id": "{kaz}", "rooms": 5, "from": "2024-07-02", "to": "2024-07-05"}, status: 403},
	{name: "get_hotel_block", role: "delegate", method: "GET", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", status: 200},
	{name: "get_hotel_block_other_delegation", role: "delegate_chn", method: "GET", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", status: 404},
	{name: "get_hotel_block_anonymous", role: "anonymous", method: "GET", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", status: 401},
	{name: "update_hotel_block", role: "organiser", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}",
		body: map[string]any{"rooms": 3}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_hotel_block_stale", role: "organiser", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}",
		body: map[string]any{"rooms": 3}, header: []string{"If-Match", `"5"`}, status: 412},
	{name: "update_hotel_block_invalid", role: "organiser", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}",
		body: map[string]any{"to": "2024-07-01"}, status: 422},
	{name: "update_hotel_block_below_its_guests", role: "organiser", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}",
		setup: placeMinister, body: map[string]any{"from": "2024-07-04"}, status: 409},
	{name: "update_hotel_block_unknown", role: "organiser", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{unknown}",
		body: map[string]any{"rooms": 3}, status: 404},
	{name: "update_hotel_block_delegate", role: "delegate", method: "PATCH", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}",
		body: map[string]any{"rooms": 30}, status: 403},
	{name: "delete_hotel_block", role: "organiser", method: "DELETE", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_hotel_block_with_guests", role: "organiser", method: "DELETE", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", setup: placeMinister, status: 409},
	{name: "delete_hotel_block_stale", role: "organiser", method: "DELETE", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", header: []string{"If-Match", `"2"`}, status: 412},
	{name: "delete_hotel_block_unknown", role: "organiser", method: "DELETE", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{unknown}", status: 404},
	{name: "delete_hotel_block_delegate", role: "delegate", method: "DELETE", route: "/api/v1/hotels/{venue}/blocks/{id}", path: "/api/v1/hotels/{hilton}/blocks/{block}", status: 403},
	{name: "place_member_in_block", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}",
		body: map[string]any{"hotel_block_id": "{block}", "hotel_room": "1204", "nights": map[string]any{"from": "2024-07-03", "to": "2024-07-04"}}, status: 200},
	{name: "place_member_in_unknown_block", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}",
		body: map[string]any{"hotel_block_id": "{unknown}"}, status: 422},
	{name: "rooming_pdf", role: "organiser", method: "GET", route: "/api/v1/rooming.pdf", path: "/api/v1/rooming.pdf?hotel_venue_id={hilton}", setup: placeMinister, status: 200},
	{name: "rooming_pdf_unknown_hotel", role: "organiser", method: "GET", route: "/api/v1/rooming.pdf", path: "/api/v1/rooming.pdf?hotel_venue_id={unknown}", status: 404},
	{name: "rooming_pdf_delegate", role: "delegate", method: "GET", route: "/api/v1/rooming.pdf", status: 403},
	{name: "put_photo", role: "delegate", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: examplePhoto, header: []string{"Content-Type", "image/jpeg"}, status: 200},
	{name: "put_photo_not_an_image", role: "delegate", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: "GIF89a", header: []string{"Content-Type", "image/gif"}, status: 415},
	{name: "put_photo_damaged", role: "delegate", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: "\xff\xd8 not quite", header: []string{"Content-Type", "image/jpeg"}, status: 422},
	{name: "put_photo_too_large", role: "organiser", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: strings.Repeat("x", domain.MaxPhotoBytes+1), header: []string{"Content-Type", "image/png"}, status: 413},
	{name: "put_photo_other_delegation", role: "delegate_chn", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: examplePhoto, header: []string{"Content-Type", "image/jpeg"}, status: 404},
	{name: "put_photo_gate", role: "gate", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: examplePhoto, header: []string{"Content-Type", "image/jpeg"}, status: 403},
	{name: "put_photo_anonymous", role: "anonymous", method: "PUT", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", body: examplePhoto, header: []string{"Content-Type", "image/jpeg"}, status: 401},
	{name: "get_photo", role: "organiser", method: "GET", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", setup: approveMinister, status: 200},
	{name: "get_photo_none", role: "delegate", method: "GET", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_head}/photo", status: 404},
	{name: "get_photo_other_delegation", role: "delegate_chn", method: "GET", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", setup: approveMinister, status: 404},
	{name: "get_photo_gate", role: "gate", method: "GET", route: "/api/v1/members/{id}/photo", path: "/api/v1/members/{kaz_minister}/photo", status: 403},
	{name: "member_badge", role: "delegate", method: "GET", route: "/api/v1/members/{id}/badge.pdf", path: "/api/v1/members/{kaz_minister}/badge.pdf", setup: approveMinister, status: 200},
	{name: "member_badge_pending", role: "organiser", method: "GET", route: "/api/v1/members/{id}/badge.pdf", path: "/api/v1/members/{kaz_minister}/badge.pdf", status: 409},
	{name: "member_badge_other_delegation", role: "delegate_chn", method: "GET", route: "/api/v1/members/{id}/badge.pdf", path: "/api/v1/members/{kaz_minister}/badge.pdf", setup: approveMinister, status: 404},
	{name: "member_badge_gate", role: "gate", method: "GET", route: "/api/v1/members/{id}/badge.pdf", path: "/api/v1/members/{kaz_minister}/badge.pdf", status: 403},
	{name: "member_badge_anonymous", role: "anonymous", method: "GET", route: "/api/v1/members/{id}/badge.pdf", path: "/api/v1/members/{kaz_minister}/badge.pdf", status: 401},
	{name: "delegation_badges", role: "organiser", method: "GET", route: "/api/v1/delegations/{id}/badges.pdf", path: "/api/v1/delegations/{kaz}/badges.pdf", setup: approveMinister, status: 200},
	{name: "delegation_badges_none_approved", role: "delegate_chn", method: "GET", route: "/api/v1/delegations/{id}/badges.pdf", path: "/api/v1/delegations/{chn}/badges.pdf", status: 409},
	{name: "delegation_badges_other_delegation", role: "delegate_chn", method: "GET", route: "/api/v1/delegations/{id}/badges.pdf", path: "/api/v1/delegations/{kaz}/badges.pdf", status: 404},
	{name: "delegation_badges_gate", role: "gate", method: "GET", route: "/api/v1/delegations/{id}/badges.pdf", path: "/api/v1/delegations/{kaz}/badges.pdf", status: 403},
	{name: "delegation_badges_anonymous", role: "anonymous", method: "GET", route: "/api/v1/delegations/{id}/badges.pdf", path: "/api/v1/delegations/{kaz}/badges.pdf", status: 401},
	{name: "rotate_badge_key", role: "organiser", method: "POST", route: "/api/v1/badges/key/rotate", status: 204},
	{name: "rotate_badge_key_delegate", role: "delegate", method: "POST", route: "/api/v1/badges/key/rotate", status: 403},
	{name: "rotate_badge_key_anonymous", role: "anonymous", method: "POST", route: "/api/v1/badges/key/rotate", status: 401},
	{name: "access_check_refused", role: "gate", method: "POST", route: "/api/v1/access/check", body: map[string]any{"token": "NOTABADGE", "room_id": "{hall}"}, status: 200},
	{name: "access_check_allowed", role: "gate", method: "POST", route: "/api/v1/access/check", setup: approveMinister,
		bodyFn: func(f *apiFixture) any {
			return map[string]any{"token": f.ids["badge_token"], "room_id": f.ids["hall"]}
		}, status: 200},
	{name: "access_check_organiser", role: "organiser", method: "POST", route: "/api/v1/access/check", setup: approveMinister,
		bodyFn: func(f *apiFixture) any {
			return map[string]any{"token": f.ids["badge_token"], "room_id": f.ids["oval"]}
		}, status: 200},
	{name: "access_check_unknown_room", role: "gate", method: "POST", route: "/api/v1/access/check", body: map[string]any{"token": "NOTABADGE", "room_id": "{unknown}"}, status: 422},
	{name: "access_check_unknown_field", role: "gate", method: "POST", route: "/api/v1/access/check", body: map[string]any{"token": "X", "room_id": "{hall}", "door": 2}, status: 400},
	{name: "access_check_delegate", role: "delegate", method: "POST", route: "/api/v1/access/check", body: map[string]any{"token": "X", "room_id": "{hall}"}, status: 403},
	{name: "access_check_anonymous", role: "anonymous", method: "POST", route: "/api/v1/access/check", body: map[string]any{"token": "X", "room_id": "{hall}"}, status: 401},
	{name: "gate_elsewhere", role: "gate", method: "GET", route: "/api/v1/delegations", status: 403},
	{name: "gate_me", role: "gate", method: "GET", route: "/api/v1/me", status: 200},

	{name: "update_delegation_stale", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"hotel": "Rixos"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_delegation_duplicate_code", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"code": "CHN"}, status: 409},
	{name: "update_delegation_invalid", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"kind": "empire"}, status: 422},
	{name: "update_delegation_head", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"head": map[string]any{"full_name": "X"}}, status: 400},
	{name: "update_delegation_unknown", role: "organiser", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{unknown}", body: map[string]any{"hotel": "Rixos"}, status: 404},
	{name: "update_delegation_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", body: map[string]any{"hotel": "Rixos"}, status: 401},

	{name: "delete_delegation", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{uzb}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_delegation_in_meetings", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", status: 409},
	{name: "delete_delegation_with_users", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{uzb}",
		setup: func(f *apiFixture) {
			f.mustCall("admin", 201, "POST", "/api/v1/users", map[string]any{"email": "liaison@mfa.uz", "name": "Liaison", "role": "delegate", "delegation_id": "{uzb}", "password": testPassword})
		}, status: 409},
	{name: "delete_delegation_stale", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{uzb}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_delegation_bad_if_match", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{uzb}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_delegation_unknown", role: "organiser", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{unknown}", status: 404},
	{name: "delete_delegation_delegate", role: "delegate", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{kaz}", status: 403},
	{name: "delete_delegation_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/delegations/{id}", path: "/api/v1/delegations/{uzb}", status: 401},

	// Members: organisers, and the delegation's own delegates; to anyone else they do not exist (404).
	{name: "list_members", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", status: 200},
	{name: "list_members_empty", role: "organiser", method: "GET", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{uzb}/members", status: 200},
	{name: "list_members_other_delegation", role: "delegate", method: "GET", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{chn}/members", status: 404},
	{name: "list_members_unknown", role: "organiser", method: "GET", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{unknown}/members", status: 404},
	{name: "list_members_anonymous", role: "anonymous", method: "GET", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", status: 401},

	{name: "list_members_of", role: "organiser", method: "GET", route: "/api/v1/members", path: "/api/v1/members?delegation_id={kaz}&delegation_id={chn}&delegation_id={unknown}", status: 200},
	{name: "list_members_of_all", role: "organiser", method: "GET", route: "/api/v1/members", status: 200},
	{name: "list_members_of_delegate", role: "delegate", method: "GET", route: "/api/v1/members", path: "/api/v1/members?delegation_id={kaz}&delegation_id={chn}", status: 200},
	{name: "list_members_of_anonymous", role: "anonymous", method: "GET", route: "/api/v1/members", path: "/api/v1/members?delegation_id={kaz}", status: 401},
	{name: "list_members_of_too_many", role: "organiser", method: "GET", route: "/api/v1/members",
		pathFn: func(f *apiFixture) string {
			return "/api/v1/members?delegation_id=" + f.ids["kaz"] + strings.Repeat("&delegation_id="+f.ids["unknown"], domain.MaxMemberDelegations)
		}, status: 422},

	{name: "create_member", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", body: map[string]any{"full_name": "Roman Sklyar", "position": "Deputy Prime Minister"}, status: 201},
	{name: "create_first_member", role: "organiser", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{uzb}/members", body: map[string]any{"full_name": "Shavkat Mirziyoyev", "accreditation": "approved"}, status: 201},
	{name: "create_member_invalid", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", body: map[string]any{"full_name": ""}, status: 422},
	{name: "create_member_unknown_field", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", body: map[string]any{"full_name": "X", "rank": 1}, status: 400},
	{name: "create_member_other_delegation", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{chn}/members", body: map[string]any{"full_name": "X"}, status: 404},
	{name: "create_member_unknown_delegation", role: "organiser", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{unknown}/members", body: map[string]any{"full_name": "X"}, status: 404},
	{name: "create_member_anonymous", role: "anonymous", method: "POST", route: "/api/v1/delegations/{id}/members", path: "/api/v1/delegations/{kaz}/members", body: map[string]any{"full_name": "X"}, status: 401},

	{name: "rotate_feed_token", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/feed-token", path: "/api/v1/delegations/{kaz}/feed-token", status: 200},
	{name: "rotate_feed_token_other_delegation", role: "delegate", method: "POST", route: "/api/v1/delegations/{id}/feed-token", path: "/api/v1/delegations/{chn}/feed-token", status: 404},
	{name: "rotate_feed_token_unknown_delegation", role: "organiser", method: "POST", route: "/api/v1/delegations/{id}/feed-token", path: "/api/v1/delegations/{unknown}/feed-token", status: 404},
	{name: "rotate_feed_token_anonymous", role: "anonymous", method: "POST", route: "/api/v1/delegations/{id}/feed-token", path: "/api/v1/delegations/{kaz}/feed-token", status: 401},

	{name: "get_member", role: "delegate", method: "GET", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_head}", status: 200},
	{name: "get_member_other_delegation", role: "delegate", method: "GET", route: "/api/v1/members/{id}", path: "/api/v1/members/{chn_head}", status: 404},
	{name: "get_member_unknown", role: "organiser", method: "GET", route: "/api/v1/members/{id}", path: "/api/v1/members/{unknown}", status: 404},
	{name: "get_member_anonymous", role: "anonymous", method: "GET", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_head}", status: 401},

	{name: "update_member", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"position": "Minister of Foreign Affairs"}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_member_names", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"names": map[string]any{"ru": "Мурат Нуртлеу", "kk": "Мұрат Нұртілеу"}}, status: 200},
	{name: "update_member_names_too_long", role: "organiser", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"names": map[string]any{"ru": strings.Repeat("я", 201)}}, status: 422},
	{name: "update_member_make_head", role: "organiser", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"is_head": true, "accreditation": "approved"}, status: 200},
	{name: "update_member_unmake_head", role: "organiser", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_head}", body: map[string]any{"is_head": false}, status: 422},
	{name: "update_member_stale", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"position": "X"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_member_unknown_field", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"delegation_id": "{chn}"}, status: 400},
	{name: "update_member_other_delegation", role: "delegate", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{chn_head}", body: map[string]any{"position": "X"}, status: 404},
	{name: "update_member_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", body: map[string]any{"position": "X"}, status: 401},

	{name: "delete_member", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_member_dry_run", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}?dry_run=1", header: []string{"If-Match", `"1"`}, status: 200},
	{name: "delete_member_head", role: "organiser", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_head}", status: 409},
	{name: "delete_member_in_a_meeting", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}",
		setup: func(f *apiFixture) { f.mustCall("organiser", 201, "POST", "/api/v1/meetings", meetingExample) }, status: 409},
	{name: "delete_member_stale", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_member_bad_if_match", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_member_other_delegation", role: "delegate", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{chn_head}", status: 404},
	{name: "delete_member_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/members/{id}", path: "/api/v1/members/{kaz_minister}", status: 401},

	// Venues and rooms.
	{name: "list_venues", role: "delegate", method: "GET", route: "/api/v1/venues", status: 200},
	{name: "list_venues_anonymous", role: "anonymous", method: "GET", route: "/api/v1/venues", status: 401},

	{name: "create_venue", role: "organiser", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Expo Centre", "address": "Mangilik El 53", "travel_minutes": map[string]any{"{palace}": 20}}, status: 201},
	{name: "create_venue_names", role: "organiser", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Expo Centre", "names": map[string]any{"ru": "Экспо-центр", "zh": "世博中心", "kk": "Экспо орталығы"}}, status: 201},
	{name: "create_venue_duplicate_name", role: "organiser", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Akorda"}, status: 409},
	{name: "create_venue_invalid", role: "organiser", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "", "travel_minutes": map[string]any{"{unknown}": 5}}, status: 422},
	{name: "create_venue_unknown_field", role: "organiser", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Expo", "city": "Astana"}, status: 400},
	{name: "create_venue_delegate", role: "delegate", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Expo"}, status: 403},
	{name: "create_venue_anonymous", role: "anonymous", method: "POST", route: "/api/v1/venues", body: map[string]any{"name": "Expo"}, status: 401},

	{name: "get_venue", role: "delegate", method: "GET", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{palace}", status: 200},
	{name: "get_venue_unknown", role: "delegate", method: "GET", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{unknown}", status: 404},
	{name: "get_venue_anonymous", role: "anonymous", method: "GET", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{palace}", status: 401},

	{name: "update_venue", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"address": "Left bank", "travel_minutes": map[string]any{"{rixos}": 10}}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_venue_names", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"names": map[string]any{"ru": "Акорда", "kk": "Ақорда"}}, status: 200},
	{name: "update_venue_stale", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"address": "X"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_venue_duplicate_name", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", body: map[string]any{"name": "Akorda"}, status: 409},
	{name: "update_venue_invalid", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"travel_minutes": map[string]any{"{akorda}": 5}}, status: 422},
	{name: "update_venue_unknown_field", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"rooms": []any{}}, status: 400},
	{name: "update_venue_unknown", role: "organiser", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{unknown}", body: map[string]any{"address": "X"}, status: 404},
	{name: "update_venue_delegate", role: "delegate", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"address": "X"}, status: 403},
	{name: "update_venue_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{akorda}", body: map[string]any{"address": "X"}, status: 401},

	{name: "delete_venue", role: "organiser", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_venue_with_rooms", role: "organiser", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{palace}", status: 409},
	{name: "delete_venue_stale", role: "organiser", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_venue_bad_if_match", role: "organiser", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_venue_unknown", role: "organiser", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{unknown}", status: 404},
	{name: "delete_venue_delegate", role: "delegate", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", status: 403},
	{name: "delete_venue_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/venues/{id}", path: "/api/v1/venues/{rixos}", status: 401},

	{name: "list_rooms", role: "delegate", method: "GET", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{palace}/rooms", status: 200},
	{name: "list_rooms_unknown_venue", role: "delegate", method: "GET", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{unknown}/rooms", status: 404},
	{name: "list_rooms_anonymous", role: "anonymous", method: "GET", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{palace}/rooms", status: 401},

	{name: "create_room", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: roomExample, status: 201},
	{name: "create_room_names", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: withFields(roomExample, "names", map[string]any{"ru": "Библиотека", "zh": "图书馆", "kk": "Кітапхана"}), status: 201},
	{name: "create_room_duplicate_name", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{palace}/rooms", body: withFields(roomExample, "name", "Hall"), status: 409},
	{name: "create_room_invalid", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: withFields(roomExample, "capacity", 0), status: 422},
	{name: "create_room_unknown_field", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: withFields(roomExample, "floor", 2), status: 400},
	{name: "create_room_unknown_venue", role: "organiser", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{unknown}/rooms", body: roomExample, status: 404},
	{name: "create_room_delegate", role: "delegate", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: roomExample, status: 403},
	{name: "create_room_anonymous", role: "anonymous", method: "POST", route: "/api/v1/venues/{id}/rooms", path: "/api/v1/venues/{akorda}/rooms", body: roomExample, status: 401},

	{name: "list_all_rooms", role: "delegate", method: "GET", route: "/api/v1/rooms", status: 200},
	{name: "list_all_rooms_anonymous", role: "anonymous", method: "GET", route: "/api/v1/rooms", status: 401},

	{name: "get_room", role: "delegate", method: "GET", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{hall}", status: 200},
	{name: "get_room_unknown", role: "delegate", method: "GET", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{unknown}", status: 404},
	{name: "get_room_anonymous", role: "anonymous", method: "GET", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{hall}", status: 401},

	{name: "update_room", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"capacity": 12, "interpretation_languages": []string{"ru"}}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_room_names", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"names": map[string]any{"zh": "小会议室"}}, status: 200},
	{name: "update_room_names_unknown_language", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"names": map[string]any{"en": "Small"}}, status: 422},
	{name: "update_room_stale", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"capacity": 12}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_room_duplicate_name", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"name": "Hall"}, status: 409},
	{name: "update_room_invalid", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"layout": "theatre"}, status: 422},
	{name: "update_room_unknown_field", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"venue_id": "{akorda}"}, status: 400},
	{name: "update_room_unknown", role: "organiser", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{unknown}", body: map[string]any{"capacity": 12}, status: 404},
	{name: "update_room_delegate", role: "delegate", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"capacity": 12}, status: 403},
	{name: "update_room_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", body: map[string]any{"capacity": 12}, status: 401},

	{name: "delete_room", role: "organiser", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_room_in_use", role: "organiser", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{oval}", status: 409},
	{name: "delete_room_stale", role: "organiser", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_room_bad_if_match", role: "organiser", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_room_unknown", role: "organiser", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{unknown}", status: 404},
	{name: "delete_room_delegate", role: "delegate", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", status: 403},
	{name: "delete_room_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/rooms/{id}", path: "/api/v1/rooms/{small}", status: 401},

	// Meetings.
	{name: "list_meetings", role: "organiser", method: "GET", route: "/api/v1/meetings", status: 200},
	{name: "list_meetings_delegate", role: "delegate", method: "GET", route: "/api/v1/meetings", status: 200},
	{name: "list_meetings_filtered", role: "organiser", method: "GET", route: "/api/v1/meetings", path: "/api/v1/meetings?from=2024-07-04T00:00:00%2B05:00&to=2024-07-05T00:00:00%2B05:00&room_id={oval}&limit=1", status: 200},
	{name: "list_meetings_bad_from", role: "organiser", method: "GET", route: "/api/v1/meetings", path: "/api/v1/meetings?from=yesterday", status: 422},
	{name: "list_meetings_anonymous", role: "anonymous", method: "GET", route: "/api/v1/meetings", status: 401},

	{name: "create_meeting", role: "organiser", method: "POST", route: "/api/v1/meetings", body: meetingExample, status: 201},
	{name: "create_meeting_idempotent", role: "organiser", method: "POST", route: "/api/v1/meetings", body: meetingExample, header: []string{"Idempotency-Key", "press-1"}, status: 201},
	{name: "create_meeting_idempotent_replay", role: "organiser", method: "POST", route: "/api/v1/meetings", body: meetingExample, header: []string{"Idempotency-Key", "press-1"},
		setup: func(f *apiFixture) {
			f.mustCall("organiser", 201, "POST", "/api/v1/meetings", meetingExample, "Idempotency-Key", "press-1")
		}, status: 201},
	{name: "create_meeting_minimal", role: "organiser", method: "POST", route: "/api/v1/meetings", body: map[string]any{"title": "Hold", "kind": "hold", "starts_at": "2024-07-04T18:00:00+05:00", "ends_at": "2024-07-04T19:00:00+05:00"}, status: 201},
	{name: "create_meeting_overriding_a_rule", role: "organiser", method: "POST", route: "/api/v1/meetings", body: overrideExample, status: 201},
	{name: "create_meeting_clash", role: "organiser", method: "POST", route: "/api/v1/meetings", body: clashExample, status: 409},
	{name: "create_meeting_invalid", role: "organiser", method: "POST", route: "/api/v1/meetings", body: withFields(meetingExample, "ends_at", "2024-07-04T15:00:00+05:00"), status: 422},
	{name: "create_meeting_unknown_field", role: "organiser", method: "POST", route: "/api/v1/meetings", body: withFields(meetingExample, "priority", 1), status: 400},
	{name: "create_meeting_long_idempotency_key", role: "organiser", method: "POST", route: "/api/v1/meetings", body: meetingExample, header: []string{"Idempotency-Key", strings.Repeat("k", 201)}, status: 400},
	{name: "create_meeting_delegate", role: "delegate", method: "POST", route: "/api/v1/meetings", body: meetingExample, status: 403},
	{name: "create_meeting_anonymous", role: "anonymous", method: "POST", route: "/api/v1/meetings", body: meetingExample, status: 401},

	{name: "confirm_meetings", role: "organiser", method: "POST", route: "/api/v1/meetings/confirm", body: map[string]any{"meeting_ids": []string{"{talks}"}}, status: 200},
	{name: "confirm_meetings_unknown", role: "organiser", method: "POST", route: "/api/v1/meetings/confirm", body: map[string]any{"meeting_ids": []string{"{unknown}"}}, status: 422},
	{name: "confirm_meetings_none", role: "organiser", method: "POST", route: "/api/v1/meetings/confirm", body: map[string]any{"meeting_ids": []string{}}, status: 422},
	{name: "confirm_meetings_delegate", role: "delegate", method: "POST", route: "/api/v1/meetings/confirm", body: map[string]any{"meeting_ids": []string{"{talks}"}}, status: 403},
	{name: "confirm_meetings_anonymous", role: "anonymous", method: "POST", route: "/api/v1/meetings/confirm", body: map[string]any{"meeting_ids": []string{"{talks}"}}, status: 401},
	{name: "shift_meetings", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "from": "2024-07-04T09:00:00+05:00", "minutes": 15}, status: 200},
	{name: "shift_meetings_dry_run_venue", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"venue_id": "{palace}", "from": "2024-07-04T09:00:00+05:00", "minutes": -30, "dry_run": true}, status: 200},
	{name: "shift_meetings_into_plenary", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{oval}", "from": "2024-07-04T10:00:00+05:00", "minutes": 90}, status: 409},
	{name: "shift_meetings_zero", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "from": "2024-07-04T09:00:00+05:00", "minutes": 0}, status: 422},
	{name: "shift_meetings_room_and_venue", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "venue_id": "{palace}", "from": "2024-07-04T09:00:00+05:00", "minutes": 15}, status: 422},
	{name: "shift_meetings_unknown_field", role: "organiser", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "from": "2024-07-04T09:00:00+05:00", "minutes": 15, "hours": 1}, status: 400},
	{name: "shift_meetings_delegate", role: "delegate", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "from": "2024-07-04T09:00:00+05:00", "minutes": 15}, status: 403},
	{name: "shift_meetings_anonymous", role: "anonymous", method: "POST", route: "/api/v1/meetings/shift", body: map[string]any{"room_id": "{hall}", "from": "2024-07-04T09:00:00+05:00", "minutes": 15}, status: 401},

	{name: "check_meeting_clash", role: "organiser", method: "POST", route: "/api/v1/meetings/check", body: clashExample, status: 200},
	{name: "check_meeting_warnings", role: "organiser", method: "POST", route: "/api/v1/meetings/check", body: overrideExample, status: 200},
	{name: "check_meeting_clean", role: "organiser", method: "POST", route: "/api/v1/meetings/check", body: meetingExample, status: 200},
	{name: "check_meeting_change", role: "organiser", method: "POST", route: "/api/v1/meetings/check", path: "/api/v1/meetings/check?meeting_id={talks}", body: map[string]any{"room_id": "{hall}", "starts_at": "2024-07-04T12:30:00+05:00", "ends_at": "2024-07-04T13:30:00+05:00"}, status: 200},
	{name: "check_meeting_unknown", role: "organiser", method: "POST", route: "/api/v1/meetings/check", path: "/api/v1/meetings/check?meeting_id={unknown}", body: map[string]any{"title": "X"}, status: 404},
	{name: "check_meeting_invalid", role: "organiser", method: "POST", route: "/api/v1/meetings/check", body: withFields(meetingExample, "kind", "picnic"), status: 422},
	{name: "check_meeting_unknown_field", role: "organiser", method: "POST", route: "/api/v1/meetings/check", body: withFields(meetingExample, "id", "x"), status: 400},
	{name: "check_meeting_delegate", role: "delegate", method: "POST", route: "/api/v1/meetings/check", body: meetingExample, status: 403},
	{name: "check_meeting_anonymous", role: "anonymous", method: "POST", route: "/api/v1/meetings/check", body: meetingExample, status: 401},

	{name: "get_meeting", role: "organiser", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", status: 200},
	{name: "get_meeting_participant", role: "delegate_chn", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", status: 200},
	{name: "get_meeting_without_room", role: "organiser", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{draft}", status: 200},
	{name: "get_meeting_draft_as_delegate", role: "delegate", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{draft}", status: 404},
	{name: "get_meeting_unknown", role: "organiser", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{unknown}", status: 404},
	{name: "get_meeting_anonymous", role: "anonymous", method: "GET", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", status: 401},

	{name: "update_meeting", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"title": "KAZ–CHN restricted talks", "expected_attendance": 8}, header: []string{"If-Match", `"1"`}, status: 200},
	{name: "update_meeting_without_if_match", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"title": "X"}, status: 428},
	{name: "update_meeting_stale", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"title": "X"}, header: []string{"If-Match", `"7"`}, status: 412},
	{name: "update_meeting_clash", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"room_id": "{hall}", "starts_at": "2024-07-04T12:30:00+05:00", "ends_at": "2024-07-04T13:30:00+05:00"}, header: []string{"If-Match", `"1"`}, status: 409},
	{name: "update_meeting_invalid", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"status": "postponed"}, header: []string{"If-Match", `"1"`}, status: 422},
	{name: "update_meeting_unknown_field", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"version": 2}, header: []string{"If-Match", `"1"`}, status: 400},
	{name: "update_meeting_unknown", role: "organiser", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{unknown}", body: map[string]any{"title": "X"}, header: []string{"If-Match", `"1"`}, status: 404},
	{name: "update_meeting_delegate", role: "delegate", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"title": "X"}, header: []string{"If-Match", `"1"`}, status: 403},
	{name: "update_meeting_anonymous", role: "anonymous", method: "PATCH", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", body: map[string]any{"title": "X"}, status: 401},

	{name: "delete_meeting", role: "organiser", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", header: []string{"If-Match", `"1"`}, status: 204},
	{name: "delete_meeting_without_if_match", role: "organiser", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", status: 428},
	{name: "delete_meeting_stale", role: "organiser", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", header: []string{"If-Match", `"7"`}, status: 412},
	{name: "delete_meeting_bad_if_match", role: "organiser", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", header: []string{"If-Match", "yesterday"}, status: 400},
	{name: "delete_meeting_unknown", role: "organiser", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{unknown}", header: []string{"If-Match", `"1"`}, status: 404},
	{name: "delete_meeting_delegate", role: "delegate", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", header: []string{"If-Match", `"1"`}, status: 403},
	{name: "delete_meeting_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/meetings/{id}", path: "/api/v1/meetings/{talks}", status: 401},

	// The agenda and the calendar feeds.
	{name: "agenda", role: "delegate", method: "GET", route: "/api/v1/agenda", status: 200},
	{name: "agenda_organiser", role: "organiser", method: "GET", route: "/api/v1/agenda", status: 200},
	{name: "agenda_filtered", role: "organiser", method: "GET", route: "/api/v1/agenda", path: "/api/v1/agenda?date=2024-07-04&delegation_id={kaz}&member_id={kaz_head}", status: 200},
	{name: "agenda_bad_date", role: "delegate", method: "GET", route: "/api/v1/agenda", path: "/api/v1/agenda?date=04.07.2024", status: 400},
	{name: "agenda_other_delegations_member", role: "delegate", method: "GET", route: "/api/v1/agenda", path: "/api/v1/agenda?member_id={chn_head}", status: 404},
	{name: "agenda_anonymous", role: "anonymous", method: "GET", route: "/api/v1/agenda", status: 401},
	{name: "agenda_pdf", role: "delegate", method: "GET", route: "/api/v1/agenda.pdf", path: "/api/v1/agenda.pdf?lang=zh", status: 200},
	{name: "agenda_pdf_organiser", role: "organiser", method: "GET", route: "/api/v1/agenda.pdf", path: "/api/v1/agenda.pdf?delegation_id={chn}&date=2024-07-04&lang=ru", status: 200},
	{name: "agenda_pdf_other_delegation", role: "delegate", method: "GET", route: "/api/v1/agenda.pdf", path: "/api/v1/agenda.pdf?delegation_id={chn}", status: 404},
	{name: "agenda_pdf_bad_lang", role: "delegate", method: "GET", route: "/api/v1/agenda.pdf", path: "/api/v1/agenda.pdf?lang=de", status: 422},
	{name: "agenda_pdf_anonymous", role: "anonymous", method: "GET", route: "/api/v1/agenda.pdf", status: 401},
	{name: "room_day_pdf", role: "organiser", method: "GET", route: "/api/v1/rooms/{id}/day.pdf", path: "/api/v1/rooms/{hall}/day.pdf?date=2024-07-04&lang=kk", status: 200},
	{name: "room_day_pdf_delegate", role: "delegate", method: "GET", route: "/api/v1/rooms/{id}/day.pdf", path: "/api/v1/rooms/{hall}/day.pdf?date=2024-07-04", status: 200},
	{name: "room_day_pdf_without_date", role: "organiser", method: "GET", route: "/api/v1/rooms/{id}/day.pdf", path: "/api/v1/rooms/{hall}/day.pdf", status: 422},
	{name: "room_day_pdf_unknown", role: "organiser", method: "GET", route: "/api/v1/rooms/{id}/day.pdf", path: "/api/v1/rooms/{unknown}/day.pdf?date=2024-07-04", status: 404},
	{name: "room_day_pdf_anonymous", role: "anonymous", method: "GET", route: "/api/v1/rooms/{id}/day.pdf", path: "/api/v1/rooms/{hall}/day.pdf?date=2024-07-04", status: 401},

	{name: "public_feed", role: "anonymous", method: "GET", route: "/ical/public.ics", status: 200},
	{name: "delegation_feed", role: "anonymous", method: "GET", route: "/ical/delegations/{token}.ics", path: "/ical/delegations/{feed_token}.ics", status: 200},
	{name: "delegation_feed_unknown", role: "anonymous", method: "GET", route: "/ical/delegations/{token}.ics", path: "/ical/delegations/not-a-token.ics", status: 404},

	// Live changes.
	{name: "stream", role: "delegate", method: "GET", route: "/api/v1/stream", stream: true, status: 200},
	{name: "stream_replay", role: "organiser", method: "GET", route: "/api/v1/stream", header: []string{"Last-Event-ID", "1"}, stream: true, status: 200},
	{name: "stream_anonymous", role: "anonymous", method: "GET", route: "/api/v1/stream", status: 401},

	// Bilateral requests: {request} is pending, from KAZ to CHN.
	{name: "list_requests", role: "delegate", method: "GET", route: "/api/v1/bilateral-requests", status: 200},
	{name: "list_requests_filtered", role: "organiser", method: "GET", route: "/api/v1/bilateral-requests", path: "/api/v1/bilateral-requests?status=pending&delegation_id={chn}&limit=1", status: 200},
	{name: "list_requests_bad_limit", role: "delegate", method: "GET", route: "/api/v1/bilateral-requests", path: "/api/v1/bilateral-requests?limit=-1", status: 400},
	{name: "list_requests_anonymous", role: "anonymous", method: "GET", route: "/api/v1/bilateral-requests", status: 401},

	{name: "create_request", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests", body: requestExample, status: 201},
	{name: "create_request_by_organiser", role: "organiser", method: "POST", route: "/api/v1/bilateral-requests", body: withFields(requestExample, "from_delegation_id", "{kaz}"), header: []string{"Idempotency-Key", "uzb-1"}, status: 201},
	{name: "create_request_open_pair", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests", body: withFields(requestExample, "to_delegation_id", "{kaz}"), status: 409},
	{name: "create_request_for_another_delegation", role: "delegate", method: "POST", route: "/api/v1/bilateral-requests", body: withFields(requestExample, "from_delegation_id", "{chn}"), status: 403},
	{name: "create_request_invalid", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests", body: withFields(requestExample, "duration_minutes", 5, "priority", 9), status: 422},
	{name: "create_request_unknown_field", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests", body: withFields(requestExample, "status", "accepted"), status: 400},
	{name: "create_request_anonymous", role: "anonymous", method: "POST", route: "/api/v1/bilateral-requests", body: requestExample, status: 401},

	{name: "get_request", role: "delegate_chn", method: "GET", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", status: 200},
	{name: "get_request_unknown", role: "delegate", method: "GET", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{unknown}", status: 404},
	{name: "get_request_anonymous", role: "anonymous", method: "GET", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", status: 401},

	{name: "withdraw_request", role: "delegate", method: "DELETE", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", status: 200},
	{name: "withdraw_request_as_receiver", role: "delegate_chn", method: "DELETE", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", status: 403},
	{name: "withdraw_request_declined", role: "delegate", method: "DELETE", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", setup: moveRequestFirst("decline", "delegate_chn"), status: 409},
	{name: "withdraw_request_unknown", role: "delegate", method: "DELETE", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{unknown}", status: 404},
	{name: "withdraw_request_anonymous", role: "anonymous", method: "DELETE", route: "/api/v1/bilateral-requests/{id}", path: "/api/v1/bilateral-requests/{request}", status: 401},

	{name: "accept_request", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/accept", path: "/api/v1/bilateral-requests/{request}/accept", status: 200},
	{name: "accept_own_request", role: "delegate", method: "POST", route: "/api/v1/bilateral-requests/{id}/accept", path: "/api/v1/bilateral-requests/{request}/accept", status: 403},
	{name: "accept_request_twice", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/accept", path: "/api/v1/bilateral-requests/{request}/accept", setup: moveRequestFirst("accept", "delegate_chn"), status: 409},
	{name: "accept_request_unknown", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/accept", path: "/api/v1/bilateral-requests/{unknown}/accept", status: 404},
	{name: "accept_request_anonymous", role: "anonymous", method: "POST", route: "/api/v1/bilateral-requests/{id}/accept", path: "/api/v1/bilateral-requests/{request}/accept", status: 401},

	{name: "decline_request", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/decline", path: "/api/v1/bilateral-requests/{request}/decline", status: 200},
	{name: "decline_own_request", role: "delegate", method: "POST", route: "/api/v1/bilateral-requests/{id}/decline", path: "/api/v1/bilateral-requests/{request}/decline", status: 403},
	{name: "decline_withdrawn_request", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/decline", path: "/api/v1/bilateral-requests/{request}/decline", setup: moveRequestFirst("withdraw", "delegate"), status: 409},
	{name: "decline_request_unknown", role: "delegate_chn", method: "POST", route: "/api/v1/bilateral-requests/{id}/decline", path: "/api/v1/bilateral-requests/{unknown}/decline", status: 404},
	{name: "decline_request_anonymous", role: "anonymous", method: "POST", route: "/api/v1/bilateral-requests/{id}/decline", path: "/api/v1/bilateral-requests/{request}/decline", status: 401},

	// The scheduler (organisers). proposeFirst makes {proposal} from the accepted {request}.
	{name: "propose", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals", setup: moveRequestFirst("accept", "delegate_chn"), body: proposalExample, status: 201},
	{name: "propose_in_the_background", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals", body: withFields(proposalExample, "wait", false), status: 202},
	{name: "propose_in_the_background_invalid", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals", body: withFields(withFields(proposalExample, "wait", false), "to", "2024-07-03T08:00:00+05:00"), status: 422},
	{name: "propose_invalid", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals", body: withFields(proposalExample, "to", "2024-07-03T08:00:00+05:00"), status: 422},
	{name: "propose_unknown_field", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals", body: withFields(proposalExample, "seed", 7), status: 400},
	{name: "propose_delegate", role: "delegate", method: "POST", route: "/api/v1/scheduler/proposals", body: proposalExample, status: 403},
	{name: "propose_anonymous", role: "anonymous", method: "POST", route: "/api/v1/scheduler/proposals", body: proposalExample, status: 401},

	{name: "list_proposals", role: "organiser", method: "GET", route: "/api/v1/scheduler/proposals", setup: proposeFirst, status: 200},
	{name: "list_proposals_delegate", role: "delegate", method: "GET", route: "/api/v1/scheduler/proposals", status: 403},
	{name: "list_proposals_anonymous", role: "anonymous", method: "GET", route: "/api/v1/scheduler/proposals", status: 401},
	{name: "get_proposal", role: "organiser", method: "GET", route: "/api/v1/scheduler/proposals/{id}", path: "/api/v1/scheduler/proposals/{proposal}", setup: proposeFirst, status: 200},
	{name: "get_proposal_unknown", role: "organiser", method: "GET", route: "/api/v1/scheduler/proposals/{id}", path: "/api/v1/scheduler/proposals/{unknown}", status: 404},
	{name: "get_proposal_delegate", role: "delegate", method: "GET", route: "/api/v1/scheduler/proposals/{id}", path: "/api/v1/scheduler/proposals/{unknown}", status: 403},
	{name: "get_proposal_anonymous", role: "anonymous", method: "GET", route: "/api/v1/scheduler/proposals/{id}", path: "/api/v1/scheduler/proposals/{unknown}", status: 401},

	{name: "apply_proposal", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{proposal}/apply", setup: proposeFirst, header: []string{"Idempotency-Key", "apply-1"}, status: 200},
	{name: "apply_proposal_twice", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{proposal}/apply",
		setup: func(f *apiFixture) {
			proposeFirst(f)
			f.mustCall("organiser", 200, "POST", "/api/v1/scheduler/proposals/{proposal}/apply", nil)
		}, status: 409},
	{name: "apply_proposal_long_idempotency_key", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{proposal}/apply", setup: proposeFirst, header: []string{"Idempotency-Key", strings.Repeat("k", 201)}, status: 400},
	{name: "apply_proposal_unknown", role: "organiser", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{unknown}/apply", status: 404},
	{name: "apply_proposal_delegate", role: "delegate", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{unknown}/apply", status: 403},
	{name: "apply_proposal_anonymous", role: "anonymous", method: "POST", route: "/api/v1/scheduler/proposals/{id}/apply", path: "/api/v1/scheduler/proposals/{unknown}/apply", status: 401},
}

// Bodies the rows share; vary them with withFields.
var (
	summitExample = map[string]any{"name": "SCO Summit", "city": "Astana", "timezone": "Asia/Almaty",
		"starts_on": "2024-07-03", "ends_on": "2024-07-04", "day_starts": "08:00", "day_ends": "22:00"}
	delegationExample = map[string]any{"code": "IND", "name": "India", "kind": "member", "precedence": 7, "languages": []string{"en", "hi"},
		"arrival_at": "2024-07-03T07:00:00+05:00", "departure_at": nil, "hotel": "St. Regis",
		"head": map[string]any{"full_name": "Narendra Modi", "position": "Prime Minister"}}
	roomExample = map[string]any{"name": "Library", "capacity": 6, "layout": "bilateral", "interpretation_languages": []string{"ru", "en"}, "changeover_minutes": 5}
	// meetingExample fits the programme; clashExample takes the Oval Hall and KAZ's head during {talks}.
	meetingExample = map[string]any{"title": "Press conference", "kind": "press", "starts_at": "2024-07-04T16:00:00+05:00", "ends_at": "2024-07-04T17:00:00+05:00",
		"room_id": "{hall}", "status": "confirmed", "visibility": "public", "languages": []string{"ru"}, "expected_attendance": 40,
		"participants": []any{map[string]any{"delegation_id": "{kaz}", "member_ids": []string{"{kaz_head}", "{kaz_minister}"}}}}
	clashExample = withFields(meetingExample, "room_id", "{oval}", "starts_at", "2024-07-04T10:30:00+05:00", "ends_at", "2024-07-04T11:30:00+05:00")
	// overrideExample is too big for the Small room, and says so.
	overrideExample = withFields(meetingExample, "room_id", "{small}", "allow", []string{"room_capacity"})
	proposalExample = map[string]any{"from": "2024-07-04T08:00:00+05:00", "to": "2024-07-04T22:00:00+05:00", "time_limit_seconds": 1}
	requestExample  = map[string]any{"to_delegation_id": "{uzb}", "duration_minutes": 30, "priority": 2,
		"earliest": "2024-07-04T09:00:00+05:00", "latest": "2024-07-04T12:00:00+05:00", "note": "Water"}
)

// withFields returns a copy of body with the given key, value pairs set.
func withFields(body map[string]any, pairs ...any) map[string]any {
	out := maps.Clone(body)
	for i := 0; i+1 < len(pairs); i += 2 {
		out[pairs[i].(string)] = pairs[i+1]
	}
	return out
}

// refreshBody signs the user in afresh and builds a body with its refresh token.
func refreshBody(user string, everywhere bool) func(f *apiFixture) any {
	return func(f *apiFixture) any {
		body := map[string]any{"refresh_token": f.login(f.users[user].Email, testPassword).RefreshToken}
		if everywhere {
			body["everywhere"] = true
		}
		return body
	}
}

// failSignIns fails sign-in for email until its account is locked.
func failSignIns(email string) func(f *apiFixture) {
	return func(f *apiFixture) {
		for i := 0; i < domain.FailuresPerAccount; i++ {
			f.call("POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": "not the password"})
		}
	}
}

// moveRequestFirst moves {request} first: action is accept, decline or withdraw, done as role.
func moveRequestFirst(action, role string) func(f *apiFixture) {
	return func(f *apiFixture) {
		method, path := "POST", "/api/v1/bilateral-requests/{request}/"+action
		if action == "withdraw" {
			method, path = "DELETE", "/api/v1/bilateral-requests/{request}"
		}
		f.mustCall(role, 200, method, path, nil)
	}
}

// proposeFirst has CHN accept {request} and runs the scheduler on it, making {proposal}.
func proposeFirst(f *apiFixture) {
	moveRequestFirst("accept", "delegate_chn")(f)
	var p struct {
		ID string `json:"id"`
	}
	json.Unmarshal(f.mustCall("organiser", 201, "POST", "/api/v1/scheduler/proposals", proposalExample).Body.Bytes(), &p)
	f.ids["proposal"] = p.ID
}

// examplePhoto is a small JPEG upload.
var examplePhoto = func() string {
	img := image.NewRGBA(image.Rect(0, 0, 90, 120))
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return buf.String()
}()

// approveMinister gives the KAZ minister a photo, the category {category}
// and approval, and keeps the token of the minister's badge as {badge_token}.
func approveMinister(f *apiFixture) {
	f.mustCall("organiser", 200, "PUT", "/api/v1/members/{kaz_minister}/photo", examplePhoto, "Content-Type", "image/jpeg")
	f.mustCall("organiser", 200, "PATCH", "/api/v1/members/{kaz_minister}", map[string]any{"accreditation": "approved", "badge_category_id": "{category}"})
	pdf := f.mustCall("organiser", 200, "GET", "/api/v1/members/{kaz_minister}/badge.pdf", nil).Body.Bytes()
	f.ids["badge_token"] = qrOf(f.t, pdf)
}

// TestResponsesMatchOpenAPI sends every row of responseCases through the
// server and checks that the answer has the expected status and matches
// openapi.json. It also fails when the document describes an operation that
// no row sends.
func TestResponsesMatchOpenAPI(t *testing.T) {
	t.Run("every_documented_operation_has_a_case", func(t *testing.T) {
		sent := map[string]bool{}
		for _, c := range responseCases {
			sent[strings.ToLower(c.method)+" "+c.route] = true
		}
		paths, _ := openAPISpec(t)["paths"].(map[string]any)
		for _, route := range sortedKeys(paths) {
			item, _ := paths[route].(map[string]any)
			for _, method := range sortedKeys(item) {
				if isHTTPMethod(method) && !sent[method+" "+route] {
					t.Errorf("openapi.json documents %s %s, but no row of responseCases sends it: add rows for it", strings.ToUpper(method), route)
				}
			}
		}
	})

	template := newAPIFixture(t)
	for _, c := range responseCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := template.clone(t)
			token, ok := f.tokens[c.role]
			if !ok {
				t.Fatalf("unknown role %q", c.role)
			}
			if c.setup != nil {
				c.setup(f)
			}
			path := c.path
			switch {
			case c.pathFn != nil:
				path = c.pathFn(f)
			case path == "":
				path = c.route
			}
			path = f.expand(path)
			if strings.Contains(path, "{") {
				t.Fatalf("path %q: unknown {placeholder}; the fixture has %s", path, strings.Join(sortedKeys(f.ids), ", "))
			}
			if !routeMatches(c.route, path) {
				t.Fatalf("the path %q is not an instance of the route %q", path, c.route)
			}
			body := c.body
			if c.bodyFn != nil {
				body = c.bodyFn(f)
			}
			var rec *httptest.ResponseRecorder
			if c.stream {
				rec = f.callStream(c.method, path, token, c.header...)
			} else {
				rec = f.call(c.method, path, token, f.expandBody(body), c.header...)
			}
			if rec.Code != c.status {
				t.Errorf("%s %s as %s: status %d, want %d; body %s", c.method, path, c.role, rec.Code, c.status, rec.Body)
			}
			validateResponse(t, c.method, c.route, rec)
		})
	}
}

// routeMatches tells whether path (its query aside) is an instance of route,
// whose {parameters} each stand for a non-empty part of one segment.
func routeMatches(route, path string) bool {
	path, _, _ = strings.Cut(path, "?")
	pattern := regexp.QuoteMeta(route)
	pattern = regexp.MustCompile(`\\\{[^/]*?\\\}`).ReplaceAllString(pattern, `[^/]+`)
	return regexp.MustCompile("^" + pattern + "$").MatchString(path)
}

func isHTTPMethod(s string) bool {
	switch s {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

// ---------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------

// apiFixture is the data every row starts from: newPlanning's summit (see
// meetings_test.go) with a few more objects, and an access token per role.
// Rows name its objects as {name} in paths and bodies:
//
//	{admin_user} {organiser_user} {delegate_user} {delegate_chn_user}
//	           users, with testPassword
//	{kaz} {chn} {uzb}
//	           delegations; UZB has no members, users or meetings
//	{kaz_head} {kaz_minister} {chn_head}
//	           members
//	{palace} {akorda} {rixos} {hilton}
//	           venues; Rixos and Hilton Astana have no rooms
//	{block}    a block of 2 rooms for KAZ at Hilton Astana, 2–5 July 2024, nobody in it
//	{hall} {small} {oval}
//	           rooms: Hall and Small at the Palace, Oval Hall at Akorda; no meeting uses Small
//	{talks}    meeting: KAZ–CHN talks, Oval Hall, 4 July 10:00–11:00 (+05:00), confirmed, participants only
//	{plenary}  meeting: Plenary, Hall, 4 July 12:00–13:00, confirmed, public, KAZ and CHN
//	{draft}    meeting: a draft without a room, 4 July 15:00–16:00, organisers only
//	{request}  bilateral request, pending, KAZ to CHN
//	{feed_token}  KAZ's calendar feed token
//	{zone}     access zone Palace: Hall and Small
//	{category} badge category Delegation, opening {zone}; nobody holds it
//	           but after the setup approveMinister, which also gives the
//	           minister a photo and sets {badge_token}, the minister's badge's token
//	gate staff: role gate
//	{unknown}  an id nothing has
//	{proposal} a scheduler proposal, only after the setup proposeFirst
//
// Every object is at version 1, but CHN (2: its arrival was set).
//
// The template is built once per test run; each row gets a clone: a copy of
// the template's SQLite files with a new server on it, so that building the
// data (and hashing the passwords) happens once.
type apiFixture struct {
	*planning
	ids    map[string]string // {name} → id
	tokens map[string]string // role → access token ("" for anonymous)
	dbFile string            // the template's SQLite file
	db     *repository.DB    // a row's own database (nil in the template)
}

// placeMinister puts Kazakhstan's minister in the fixture's hotel block.
func placeMinister(f *apiFixture) {
	f.mustCall("organiser", 200, "PATCH", "/api/v1/members/{kaz_minister}", map[string]any{"hotel_block_id": "{block}"})
}

func newAPIFixture(t *testing.T) *apiFixture {
	t.Helper()
	dbURL := dbtest.URLs(t)[repository.SQLite]
	p := newPlanning(t, dbURL)
	f := &apiFixture{planning: p, tokens: map[string]string{"anonymous": ""}}
	f.dbFile, _, _ = strings.Cut(strings.TrimPrefix(dbURL, "file:"), "?")
	if _, err := os.Stat(f.dbFile); err != nil {
		t.Fatalf("the fixture expects a SQLite file: %v", err)
	}
	p.addUser("gate", domain.NewUser{Email: "gate@gov.kz", Name: "Gate", Role: "gate"})
	for role := range p.users {
		f.tokens[role] = p.token(role)
	}
	f.ids = map[string]string{
		"admin_user": p.users["admin"].ID, "organiser_user": p.users["organiser"].ID,
		"delegate_user": p.users["delegate"].ID, "delegate_chn_user": p.users["delegate_chn"].ID,
		"kaz": p.kaz.ID, "chn": p.chn.ID,
		"kaz_head": p.kazHead.ID, "kaz_minister": p.kazMin.ID, "chn_head": p.chnHd.ID,
		"palace": p.palace.ID, "akorda": p.akorda.ID,
		"hall": p.hall.ID, "small": p.small.ID, "oval": p.oval.ID,
		"unknown": domain.NewID(),
	}
	create := func(role, key string, method, path string, body any) {
		t.Helper()
		var out struct {
			ID string `json:"id"`
		}
		json.Unmarshal(f.mustCall(role, 201, method, path, body).Body.Bytes(), &out)
		f.ids[key] = out.ID
	}
	create("organiser", "uzb", "POST", "/api/v1/delegations", map[string]any{"code": "UZB", "name": "Uzbekistan", "kind": "member"})
	create("organiser", "rixos", "POST", "/api/v1/venues", map[string]any{"name": "Rixos"})
	create("organiser", "talks", "POST", "/api/v1/meetings", p.meeting("KAZ–CHN talks", p.oval.ID, at(10, 0), at(11, 0), p.kaz.ID, p.chn.ID))
	create("organiser", "plenary", "POST", "/api/v1/meetings", map[string]any{"title": "Plenary", "kind": "plenary", "starts_at": at(12, 0), "ends_at": at(13, 0),
		"room_id": "{hall}", "status": "confirmed", "visibility": "public", "participants": []any{map[string]any{"delegation_id": "{kaz}"}, map[string]any{"delegation_id": "{chn}"}}})
	create("organiser", "draft", "POST", "/api/v1/meetings", map[string]any{"title": "Draft", "kind": "hold", "starts_at": at(15, 0), "ends_at": at(16, 0), "visibility": "organisers"})
	create("delegate", "request", "POST", "/api/v1/bilateral-requests", map[string]any{"to_delegation_id": "{chn}", "duration_minutes": 45, "priority": 4})
	create("organiser", "zone", "POST", "/api/v1/access-zones", map[string]any{"name": "Palace", "room_ids": []string{"{hall}", "{small}"}})
	create("organiser", "category", "POST", "/api/v1/badge-categories", map[string]any{"name": "Delegation", "colour": "#1f6feb", "zone_ids": []string{"{zone}"}})
	create("organiser", "hilton", "POST", "/api/v1/venues", map[string]any{"name": "Hilton Astana", "kind": "hotel"})
	create("organiser", "block", "POST", "/api/v1/hotels/{hilton}/blocks", map[string]any{"delegation_id": "{kaz}", "rooms": 2, "from": "2024-07-02", "to": "2024-07-05"})
	create("organiser", "car", "POST", "/api/v1/vehicles", map[string]any{"plate": "001 SCO 01", "kind": "car", "seats": 4, "driver_name": "Arman"})
	f.mustCall("organiser", 200, "PUT", "/api/v1/delegations/{kaz}/motorcade", map[string]any{"vehicle_ids": []string{"{car}"}})
	var feed struct {
		URL string `json:"url"`
	}
	json.Unmarshal(f.mustCall("delegate", 200, "POST", "/api/v1/delegations/{kaz}/feed-token", nil).Body.Bytes(), &feed)
	_, token, _ := strings.Cut(feed.URL, "/ical/delegations/")
	f.ids["feed_token"] = strings.TrimSuffix(token, ".ics")
	return f
}

// clone gives a row its own copy of the template: the database files copied,
// a new server on them with the same configuration (so the template's
// tokens hold), and the template's ids and tokens.
func (f *apiFixture) clone(t *testing.T) *apiFixture {
	t.Helper()
	file := filepath.Join(t.TempDir(), "summit.db")
	for _, suffix := range []string{"", "-wal"} { // SQLite in WAL mode: the file and its log
		b, err := os.ReadFile(f.dbFile + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err == nil {
			err = os.WriteFile(file+suffix, b, 0o600)
		}
		if err != nil {
			t.Fatalf("copy the fixture database: %v", err)
		}
	}
	db := dbtest.Open(t, "file:"+file)
	h := *f.harness
	h.t, h.store, h.log, h.users = t, db.Store(), &bytes.Buffer{}, maps.Clone(f.users)
	cfg := f.s.cfg
	cfg.Services, cfg.Log = servicesOn(t, h.store), slog.New(slog.NewJSONHandler(h.log, nil))
	h.s = New(cfg)
	p := *f.planning
	p.harness = &h
	c := *f
	c.planning, c.db, c.ids = &p, db, maps.Clone(f.ids) // a setup may add ids
	return &c
}

// mustCall sends a request as role, {names} in path and body replaced, and
// fails the test unless the answer has status. For setup steps.
func (f *apiFixture) mustCall(role string, status int, method, path string, body any, header ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	rec := f.call(method, f.expand(path), f.tokens[role], f.expandBody(body), header...)
	if rec.Code != status {
		f.t.Fatalf("setup: %s %s as %s: %d, want %d: %s", method, path, role, rec.Code, status, rec.Body)
	}
	return rec
}

// callStream sends a request whose answer does not end (Server-Sent
// Events), cancels it after a moment, and returns what came until then.
func (f *apiFixture) callStream(method, path, token string, header ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req := httptest.NewRequest(method, path, nil).WithContext(ctx)
	req.RemoteAddr = "192.0.2.1:5555"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	f.s.Echo.ServeHTTP(rec, req) // returns once the context ends
	return rec
}

var fixturePlaceholder = regexp.MustCompile(`\{([a-z_]+)\}`)

// expand replaces each {name} of the fixture in s by its id; others stay.
func (f *apiFixture) expand(s string) string {
	return fixturePlaceholder.ReplaceAllStringFunc(s, func(m string) string {
		if id, ok := f.ids[m[1:len(m)-1]]; ok {
			return id
		}
		return m
	})
}

// expandBody returns body as the JSON text to send, {names} replaced; nil stays nil.
func (f *apiFixture) expandBody(body any) any {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return f.expand(b)
	}
	j, err := json.Marshal(body)
	if err != nil {
		f.t.Fatalf("body: %v", err)
	}
	return f.expand(string(j))
}

// ---------------------------------------------------------------------------
// validateResponse
// ---------------------------------------------------------------------------

var (
	openAPIOnce sync.Once
	openAPIRoot map[string]any
	openAPIErr  error
)

// loadOpenAPI returns openapi.json (the embedded openAPIDocument), parsed
// once, with numbers as json.Number.
func loadOpenAPI() (map[string]any, error) {
	openAPIOnce.Do(func() {
		v, err := decodeJSON(openAPIDocument)
		if err != nil {
			openAPIErr = err
			return
		}
		root, ok := v.(map[string]any)
		if !ok {
			openAPIErr = fmt.Errorf("the document is not a JSON object")
			return
		}
		openAPIRoot = root
	})
	return openAPIRoot, openAPIErr
}

// openAPISpec is loadOpenAPI, failing the test when the document does not parse.
func openAPISpec(t *testing.T) map[string]any {
	t.Helper()
	doc, err := loadOpenAPI()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// etagPattern is an entity tag (RFC 9110): quoted, maybe weak.
var etagPattern = regexp.MustCompile(`^(W/)?"[^"]*"$`)

// validateResponse checks a recorded answer against the operation
// method routePath of openapi.json (routePath as the document writes it, such
// as /api/v1/users/{id}): the status must be documented (exactly, as 4XX, or
// as default); every documented ETag header (and every one marked required)
// must be present; when the response documents content, the Content-Type must
// be one of its media types, and a JSON body must match the schema.
// Every mismatch is reported with t.Errorf.
func validateResponse(t *testing.T, method, routePath string, rec *httptest.ResponseRecorder) {
	t.Helper()
	validateResponseTo(t, method, routePath, rec)
}

// reporter is the part of *testing.T validateResponseTo needs (so that its own
// test can record the complaints).
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// validateResponseTo is validateResponse, reporting to t.
func validateResponseTo(t reporter, method, routePath string, rec *httptest.ResponseRecorder) {
	t.Helper()
	doc, err := loadOpenAPI()
	if err != nil {
		t.Errorf("openapi.json: %v", err)
		return
	}
	v := schemaValidator{root: doc}
	where := fmt.Sprintf("%s %s answered %d", method, routePath, rec.Code)

	paths, _ := doc["paths"].(map[string]any)
	item, err := v.deref(paths[routePath])
	if err != nil || item == nil {
		t.Errorf("%s: the path is not in openapi.json", where)
		return
	}
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		t.Errorf("%s: the method is not documented for this path", where)
		return
	}
	responses, _ := op["responses"].(map[string]any)
	code := strconv.Itoa(rec.Code)
	raw, ok := responses[code]
	if !ok {
		raw, ok = responses[code[:1]+"XX"]
	}
	if !ok {
		raw, ok = responses["default"]
	}
	if !ok {
		t.Errorf("%s: status %d is not documented (documented: %s); body %s", where, rec.Code, strings.Join(sortedKeys(responses), ", "), rec.Body)
		return
	}
	resp, err := v.deref(raw)
	if err != nil {
		t.Errorf("%s: the documented response: %v", where, err)
		return
	}

	headers, _ := resp["headers"].(map[string]any)
	for _, name := range sortedKeys(headers) {
		h, err := v.deref(headers[name])
		if err != nil {
			t.Errorf("%s: header %s: %v", where, name, err)
			continue
		}
		required, _ := h["required"].(bool)
		isETag := strings.EqualFold(name, "ETag")
		value := rec.Header().Get(name)
		switch {
		case value == "" && (required || isETag):
			t.Errorf("%s: the documented header %s is missing", where, name)
		case value != "" && isETag && !etagPattern.MatchString(value):
			t.Errorf("%s: ETag %q is not a quoted entity tag", where, value)
		}
	}

	content, _ := resp["content"].(map[string]any)
	if len(content) == 0 {
		if rec.Code == http.StatusNoContent && rec.Body.Len() > 0 {
			t.Errorf("%s: a 204 answer has a body: %s", where, rec.Body)
		}
		return
	}
	contentType := rec.Header().Get("Content-Type")
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mediaType = contentType
	}
	media, ok := content[mediaType]
	if !ok {
		t.Errorf("%s: Content-Type %q, documented %s", where, contentType, strings.Join(sortedKeys(content), " or "))
		if len(content) != 1 {
			return
		}
		for mt, m := range content { // validate against the only documented one anyway
			mediaType, media = mt, m
		}
	}
	m, _ := media.(map[string]any)
	schema, ok := m["schema"]
	if !ok || !isJSONMediaType(mediaType) {
		return
	}
	value, err := decodeJSON(rec.Body.Bytes())
	if err != nil {
		t.Errorf("%s: the body is not JSON (%v): %s", where, err, rec.Body)
		return
	}
	for _, e := range v.validate(schema, value) {
		t.Errorf("%s: %s", where, e)
	}
}

func isJSONMediaType(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// ---------------------------------------------------------------------------
// schemaValidator
// ---------------------------------------------------------------------------

// decodeJSON parses exactly one JSON value, keeping numbers as json.Number
// (so that integers are told from other numbers exactly). Values given to
// schemaValidator come from here.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// schemaValidator checks JSON values against the JSON Schema 2020-12 subset
// openapi.json uses: $ref (local, "#/..."), type (one or a list, "null"
// included), enum, const, required, properties, additionalProperties (a
// boolean or a schema), maxProperties, items, minItems, maxItems, minimum, maximum,
// minLength, maxLength, pattern, format (date-time, date and email are
// checked, others ignored), allOf, anyOf, oneOf, and boolean schemas (true,
// false, and {} for anything). Any other keyword is reported as unsupported,
// so that a document using one fails loudly rather than passing unchecked.
type schemaValidator struct {
	root any // the document $ref points into
}

// schemaKeywords are the keywords the validator checks, and annotations it may ignore.
var schemaKeywords = map[string]bool{
	"$ref": true, "type": true, "enum": true, "const": true,
	"required": true, "properties": true, "additionalProperties": true,
	"items": true, "minItems": true, "maxItems": true, "maxProperties": true,
	"minimum": true, "maximum": true, "minLength": true, "maxLength": true, "pattern": true, "format": true,
	"allOf": true, "anyOf": true, "oneOf": true,
	// Annotations: nothing to check.
	"description": true, "title": true, "examples": true, "example": true, "default": true, "deprecated": true,
	"readOnly": true, "writeOnly": true, "$comment": true, "externalDocs": true,
}

// validate returns one message per mismatch, each starting with the JSON
// path of the offending value, such as
// "$.items[2].delegation_id: want string or null, got number". None: valid.
func (v schemaValidator) validate(schema, value any) []string {
	var errs []string
	v.check(schema, value, "$", &errs)
	return errs
}

func (v schemaValidator) check(schema, value any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, path+": "+fmt.Sprintf(format, args...))
	}
	var s map[string]any
	switch sc := schema.(type) {
	case bool:
		if !sc {
			fail("no value is allowed here (schema false)")
		}
		return
	case map[string]any:
		s = sc
	default:
		fail("the schema is neither an object nor a boolean: %s", compactJSON(schema))
		return
	}
	for _, k := range sortedKeys(s) {
		if !schemaKeywords[k] && !strings.HasPrefix(k, "x-") {
			fail("schema keyword %q is not supported by the validator in api/openapi_validate_test.go; add it there", k)
		}
	}

	if ref, ok := s["$ref"].(string); ok {
		target, err := v.resolve(ref)
		if err != nil {
			fail("%v", err)
		} else {
			v.check(target, value, path, errs)
		}
	}
	if t, ok := s["type"]; ok {
		types := schemaTypes(t)
		matched := false
		for _, want := range types {
			matched = matched || hasType(value, want)
		}
		if !matched {
			fail("want %s, got %s", strings.Join(types, " or "), jsonType(value))
			return // the other keywords would only repeat it
		}
	}
	if e, ok := s["enum"].([]any); ok {
		found := false
		for _, x := range e {
			found = found || jsonEqual(x, value)
		}
		if !found {
			fail("%s is not one of %s", compactJSON(value), compactJSON(e))
		}
	}
	if c, ok := s["const"]; ok && !jsonEqual(c, value) {
		fail("want %s, got %s", compactJSON(c), compactJSON(value))
	}

	switch val := value.(type) {
	case json.Number:
		n, _ := val.Float64()
		if min, ok := schemaNumber(s["minimum"]); ok && n < min {
			fail("%s is less than the minimum %v", val, min)
		}
		if max, ok := schemaNumber(s["maximum"]); ok && n > max {
			fail("%s is more than the maximum %v", val, max)
		}
	case string:
		n := float64(utf8.RuneCountInString(val))
		if min, ok := schemaNumber(s["minLength"]); ok && n < min {
			fail("%q is shorter than %v characters", val, min)
		}
		if max, ok := schemaNumber(s["maxLength"]); ok && n > max {
			fail("%q is longer than %v characters", val, max)
		}
		if p, ok := s["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				fail("pattern %q does not compile: %v", p, err)
			} else if !re.MatchString(val) {
				fail("%q does not match the pattern %q", val, p)
			}
		}
		if f, ok := s["format"].(string); ok {
			if msg := checkFormat(f, val); msg != "" {
				fail("%q is not %s", val, msg)
			}
		}
	case []any:
		n := float64(len(val))
		if min, ok := schemaNumber(s["minItems"]); ok && n < min {
			fail("%v items, want at least %v", n, min)
		}
		if max, ok := schemaNumber(s["maxItems"]); ok && n > max {
			fail("%v items, want at most %v", n, max)
		}
		if items, ok := s["items"]; ok {
			for i, x := range val {
				v.check(items, x, fmt.Sprintf("%s[%d]", path, i), errs)
			}
		}
	case map[string]any:
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				name, _ := r.(string)
				if _, ok := val[name]; !ok {
					*errs = append(*errs, propertyPath(path, name)+": required, but missing")
				}
			}
		}
		if max, ok := schemaNumber(s["maxProperties"]); ok && float64(len(val)) > max {
			*errs = append(*errs, fmt.Sprintf("%s: %d properties, more than maxProperties %v", path, len(val), max))
		}
		props, _ := s["properties"].(map[string]any)
		additional, hasAdditional := s["additionalProperties"]
		for _, name := range sortedKeys(val) {
			at := propertyPath(path, name)
			if p, ok := props[name]; ok {
				v.check(p, val[name], at, errs)
				continue
			}
			if !hasAdditional {
				continue
			}
			if allowed, ok := additional.(bool); ok && !allowed {
				*errs = append(*errs, at+": not allowed (additionalProperties is false)")
				continue
			}
			v.check(additional, val[name], at, errs)
		}
	}

	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			v.check(sub, value, path, errs)
		}
	}
	if anyOf, ok := s["anyOf"].([]any); ok {
		var why []string
		for _, sub := range anyOf {
			e := v.validate(sub, value)
			if len(e) == 0 {
				why = nil
				break
			}
			why = append(why, strings.Join(e, "; "))
		}
		if len(why) > 0 {
			fail("matches none of anyOf: [%s]", strings.Join(why, " | "))
		}
	}
	if oneOf, ok := s["oneOf"].([]any); ok {
		matched := 0
		var why []string
		for _, sub := range oneOf {
			if e := v.validate(sub, value); len(e) == 0 {
				matched++
			} else {
				why = append(why, strings.Join(e, "; "))
			}
		}
		switch {
		case matched == 0:
			fail("matches none of oneOf: [%s]", strings.Join(why, " | "))
		case matched > 1:
			fail("matches %d of oneOf, want exactly one", matched)
		}
	}
}

// checkFormat returns what s fails to be ("" when it is fine) for the
// formats the validator checks; other formats are annotations.
func checkFormat(format, s string) string {
	switch format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return "an RFC 3339 date-time"
		}
	case "date":
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return "an RFC 3339 full-date"
		}
	case "email":
		if !strings.Contains(s, "@") {
			return "an email address"
		}
	}
	return ""
}

// resolve follows a local $ref ("#/components/schemas/User") in the document.
func (v schemaValidator) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#") {
		return nil, fmt.Errorf("$ref %q: only references inside the document (#/...) are supported", ref)
	}
	node := v.root
	pointer := strings.TrimPrefix(ref, "#")
	if pointer == "" {
		return node, nil
	}
	for _, part := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			next, ok := n[part]
			if !ok {
				return nil, fmt.Errorf("$ref %q does not resolve: no %q", ref, part)
			}
			node = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(n) {
				return nil, fmt.Errorf("$ref %q does not resolve: no item %q", ref, part)
			}
			node = n[i]
		default:
			return nil, fmt.Errorf("$ref %q does not resolve: %q is inside a scalar", ref, part)
		}
	}
	return node, nil
}

// deref returns the object node stands for, following $ref (responses,
// parameters, headers and path items may be references). A nil node gives nil.
func (v schemaValidator) deref(node any) (map[string]any, error) {
	for range 20 {
		if node == nil {
			return nil, nil
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("not an object: %s", compactJSON(node))
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		var err error
		if node, err = v.resolve(ref); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("$ref chain too long")
}

// jsonType names the JSON type of a value as decodeJSON returns it.
func jsonType(value any) string {
	switch value.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", value)
}

// hasType tells whether value is of the JSON Schema type want. An integer is
// a number with no fraction (1 and 1.0, not 1.5).
func hasType(value any, want string) bool {
	switch want {
	case "integer":
		n, ok := value.(json.Number)
		if !ok {
			return false
		}
		if _, err := n.Int64(); err == nil {
			return true
		}
		f, err := n.Float64()
		return err == nil && f == math.Trunc(f) && !math.IsInf(f, 0)
	case "number":
		_, ok := value.(json.Number)
		return ok
	}
	return jsonType(value) == want
}

// jsonEqual compares two JSON values; numbers by value.
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, errx := x.Float64()
		fy, erry := y.Float64()
		return errx == nil && erry == nil && fx == fy
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k := range x {
			if _, ok := y[k]; !ok || !jsonEqual(x[k], y[k]) {
				return false
			}
		}
		return true
	}
	return a == b // string, bool, nil
}

// schemaNumber reads a numeric schema value such as minimum.
func schemaNumber(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

// schemaTypes reads "type", which is a string or a list of strings.
func schemaTypes(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, s := range x {
			str, _ := s.(string)
			out = append(out, str)
		}
		return out
	}
	return nil
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// propertyPath extends a JSON path by a property: $.user.email, or $["odd key"].
func propertyPath(path, name string) string {
	if plainName.MatchString(name) {
		return path + "." + name
	}
	return path + "[" + strconv.Quote(name) + "]"
}

func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ---------------------------------------------------------------------------
// The validator's own test
// ---------------------------------------------------------------------------

const validatorTestDocument = `{
  "components": {
    "schemas": {
      "Thing": {
        "type": "object",
        "required": ["id", "at", "role"],
        "additionalProperties": false,
        "properties": {
          "id": {"type": "string", "minLength": 1, "maxLength": 5},
          "at": {"type": "string", "format": "date-time"},
          "role": {"type": "string", "enum": ["admin", "delegate"]},
          "delegation_id": {"type": ["string", "null"]},
          "count": {"type": "integer", "minimum": 0, "maximum": 10},
          "email": {"type": "string", "format": "email"},
          "status": {"type": "string", "const": "ok"},
          "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
          "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
          "before": {}
        }
      },
      "List": {
        "type": "object",
        "required": ["items"],
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
          "next_cursor": {"type": "string"}
        }
      },
      "Counts": {"type": "object", "additionalProperties": {"type": "integer"}},
      "StringOrInteger": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
      "NumberOrInteger": {"oneOf": [{"type": "number"}, {"type": "integer"}]},
      "NullOrThing": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Thing"}]},
      "AAndB": {"allOf": [{"required": ["a"]}, {"required": ["b"]}]},
      "Dangling": {"$ref": "#/components/schemas/Nope"},
      "Unsupported": {"type": "object", "patternProperties": {"^x": {}}}
    }
  }
}`

func TestSchemaValidator(t *testing.T) {
	root, err := decodeJSON([]byte(validatorTestDocument))
	if err != nil {
		t.Fatal(err)
	}
	v := schemaValidator{root: root}
	ref := func(name string) any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	const thing = `{"id":"u1","at":"2024-07-04T09:30:00.123Z","role":"admin"}`
	cases := []struct {
		name   string
		schema string // a schema of validatorTestDocument
		value  string // JSON
		want   string // "" when the value is valid; else a part of the error
	}{
		{"minimal_thing", "Thing", thing, ""},
		{"full_thing", "Thing", `{"id":"u1","at":"2024-07-04T09:30:00+06:00","role":"delegate","delegation_id":"d1","count":1.0,
			"email":"a@b.kz","status":"ok","code":"KAZ","tags":["x","y"],"before":{"any":[1,null]}}`, ""},
		{"null_where_allowed", "Thing", `{"id":"u1","at":"2024-07-04T09:30:00Z","role":"admin","delegation_id":null,"before":null}`, ""},
		{"list_via_ref", "List", `{"items":[` + thing + `,` + thing + `],"next_cursor":"c"}`, ""},
		{"empty_list", "List", `{"items":[]}`, ""},
		{"counts", "Counts", `{"a":1,"b":2}`, ""},
		{"one_of_string", "StringOrInteger", `"x"`, ""},
		{"one_of_integer", "StringOrInteger", `3`, ""},
		{"any_of_null", "NullOrThing", `null`, ""},
		{"any_of_thing", "NullOrThing", thing, ""},
		{"all_of", "AAndB", `{"a":1,"b":2}`, ""},

		{"not_an_object", "Thing", `[]`, "$: want object, got array"},
		{"wrong_type", "Thing", `{"id":7,"at":"2024-07-04T09:30:00Z","role":"admin"}`, "$.id: want string, got number"},
		{"missing_required", "Thing", `{"id":"u1","role":"admin"}`, "$.at: required, but missing"},
		{"extra_property", "Thing", `{"id":"u1","at":"2024-07-04T09:30:00Z","role":"admin","password_hash":"x"}`,
			"$.password_hash: not allowed (additionalProperties is false)"},
		{"null_not_allowed", "Thing", `{"id":null,"at":"2024-07-04T09:30:00Z","role":"admin"}`, "$.id: want string, got null"},
		{"bad_enum", "Thing", `{"id":"u1","at":"2024-07-04T09:30:00Z","role":"king"}`, `$.role: "king" is not one of ["admin","delegate"]`},
		{"bad_date_time", "Thing", `{"id":"u1","at":"2024-07-04 09:30","role":"admin"}`, "$.at: \"2024-07-04 09:30\" is not an RFC 3339 date-time"},
		{"date_time_without_zone", "Thing", `{"id":"u1","at":"2024-07-04T09:30:00","role":"admin"}`, "$.at:"},
		{"bad_email", "Thing", thing[:len(thing)-1] + `,"email":"nobody"}`, `$.email: "nobody" is not an email address`},
		{"bad_const", "Thing", thing[:len(thing)-1] + `,"status":"down"}`, `$.status: want "ok", got "down"`},
		{"fraction_is_not_integer", "Thing", thing[:len(thing)-1] + `,"count":1.5}`, "$.count: want integer, got number"},
		{"above_maximum", "Thing", thing[:len(thing)-1] + `,"count":11}`, "$.count: 11 is more than the maximum 10"},
		{"below_minimum", "Thing", thing[:len(thing)-1] + `,"count":-1}`, "$.count: -1 is less than the minimum 0"},
		{"too_short", "Thing", `{"id":"","at":"2024-07-04T09:30:00Z","role":"admin"}`, `$.id: "" is shorter than 1 characters`},
		{"too_long", "Thing", `{"id":"abcdef","at":"2024-07-04T09:30:00Z","role":"admin"}`, `$.id: "abcdef" is longer than 5 characters`},
		{"pattern", "Thing", thing[:len(thing)-1] + `,"code":"kaz"}`, `$.code: "kaz" does not match the pattern`},
		{"too_many_items", "Thing", thing[:len(thing)-1] + `,"tags":["a","b","c"]}`, "$.tags: 3 items, want at most 2"},
		{"item_type", "Thing", thing[:len(thing)-1] + `,"tags":["a",2]}`, "$.tags[1]: want string, got number"},
		{"deep_path_through_ref", "List", `{"items":[` + thing + `,{"id":"u2","at":"2024-07-04T09:30:00Z","role":"admin","delegation_id":5}]}`,
			"$.items[1].delegation_id: want string or null, got number"},
		{"additional_properties_schema", "Counts", `{"a":1,"b":"two"}`, "$.b: want integer, got string"},
		{"one_of_none", "StringOrInteger", `true`, "$: matches none of oneOf"},
		{"one_of_two", "NumberOrInteger", `3`, "$: matches 2 of oneOf, want exactly one"},
		{"any_of_none", "NullOrThing", `{"id":"u1"}`, "$: matches none of anyOf"},
		{"all_of_missing", "AAndB", `{"a":1}`, "$.b: required, but missing"},
		{"dangling_ref", "Dangling", `{}`, `$ref "#/components/schemas/Nope" does not resolve`},
		{"unsupported_keyword", "Unsupported", `{}`, `schema keyword "patternProperties" is not supported`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			value, err := decodeJSON([]byte(c.value))
			if err != nil {
				t.Fatalf("bad test value: %v", err)
			}
			errs := v.validate(ref(c.schema), value)
			got := strings.Join(errs, "\n")
			switch {
			case c.want == "" && len(errs) > 0:
				t.Fatalf("want valid, got:\n%s", got)
			case c.want != "" && len(errs) == 0:
				t.Fatalf("want an error containing %q, got none", c.want)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Fatalf("want an error containing %q, got:\n%s", c.want, got)
			}
		})
	}

	t.Run("schemas_true_false_and_empty", func(t *testing.T) {
		for _, value := range []any{nil, true, json.Number("1"), "x", []any{}, map[string]any{}} {
			if errs := v.validate(map[string]any{}, value); len(errs) > 0 {
				t.Errorf("{} refused %v: %v", value, errs)
			}
			if errs := v.validate(true, value); len(errs) > 0 {
				t.Errorf("true refused %v: %v", value, errs)
			}
			if errs := v.validate(false, value); len(errs) == 0 {
				t.Errorf("false accepted %v", value)
			}
		}
	})

	// The real document: every $ref resolves, and every schema uses only
	// keywords the validator knows (a response may not reach all of them).
	t.Run("openapi_json_refs_and_keywords", func(t *testing.T) {
		doc := openAPISpec(t)
		dv := schemaValidator{root: doc}
		var walkSchema func(schema any, path string)
		walkSchema = func(schema any, path string) {
			s, ok := schema.(map[string]any)
			if !ok {
				return
			}
			for _, k := range sortedKeys(s) {
				if !schemaKeywords[k] && !strings.HasPrefix(k, "x-") {
					t.Errorf("%s: schema keyword %q is not supported by the validator", path, k)
				}
			}
			props, _ := s["properties"].(map[string]any)
			for _, name := range sortedKeys(props) {
				walkSchema(props[name], path+"/properties/"+name)
			}
			for _, k := range []string{"items", "additionalProperties"} {
				walkSchema(s[k], path+"/"+k)
			}
			for _, k := range []string{"allOf", "anyOf", "oneOf"} {
				list, _ := s[k].([]any)
				for i, sub := range list {
					walkSchema(sub, fmt.Sprintf("%s/%s/%d", path, k, i))
				}
			}
		}
		var walk func(node any, path string)
		walk = func(node any, path string) {
			switch n := node.(type) {
			case map[string]any:
				for _, k := range sortedKeys(n) {
					if ref, ok := n[k].(string); ok && k == "$ref" {
						if _, err := dv.resolve(ref); err != nil {
							t.Errorf("%s: %v", path, err)
						}
					}
					if k == "schema" {
						walkSchema(n[k], path+"/schema")
					}
					walk(n[k], path+"/"+k)
				}
			case []any:
				for i, x := range n {
					walk(x, fmt.Sprintf("%s/%d", path, i))
				}
			}
		}
		walk(doc, "#")
		components, _ := doc["components"].(map[string]any)
		schemas, _ := components["schemas"].(map[string]any)
		for _, name := range sortedKeys(schemas) {
			walkSchema(schemas[name], "#/components/schemas/"+name)
		}
	})

	t.Run("validate_response_checks", func(t *testing.T) {
		// An undocumented status, a wrong Content-Type and a missing ETag are
		// each reported; a documented answer is not.
		record := func(status int, contentType, etag, body string) *httptest.ResponseRecorder {
			rec := httptest.NewRecorder()
			if contentType != "" {
				rec.Header().Set("Content-Type", contentType)
			}
			if etag != "" {
				rec.Header().Set("ETag", etag)
			}
			rec.WriteHeader(status)
			rec.WriteString(body)
			return rec
		}
		user := `{"id":"u1","email":"a@b.kz","name":"A","role":"admin","delegation_id":null,"disabled":false,"version":1,
			"created_at":"2024-07-04T09:30:00Z","updated_at":"2024-07-04T09:30:00Z"}`
		problem := `{"type":"/api/docs#problem-not-found","title":"Not Found","status":404,"detail":"x"}`
		checks := []struct {
			name string
			rec  *httptest.ResponseRecorder
			want string // "" when validateResponse must not complain
		}{
			{"good_user", record(200, "application/json", `"1"`, user), ""},
			{"good_problem", record(404, "application/problem+json", "", problem), ""},
			{"undocumented_status", record(418, "application/json", "", `{}`), "status 418 is not documented"},
			{"wrong_content_type", record(404, "application/json", "", problem), `Content-Type "application/json", documented application/problem+json`},
			{"missing_etag", record(200, "application/json", "", user), "the documented header ETag is missing"},
			{"unquoted_etag", record(200, "application/json", "1", user), `ETag "1" is not a quoted entity tag`},
			{"bad_body", record(200, "application/json", `"1"`, `{"id":"u1"}`), "$.email: required, but missing"},
		}
		for _, c := range checks {
			ft := &recordingT{}
			validateResponseTo(ft, "GET", "/api/v1/users/{id}", c.rec)
			got := strings.Join(ft.errors, "\n")
			switch {
			case c.want == "" && got != "":
				t.Errorf("%s: want no complaint, got:\n%s", c.name, got)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Errorf("%s: want a complaint containing %q, got:\n%s", c.name, c.want, got)
			}
		}
	})
}

// recordingT collects what checkResponse reports.
type recordingT struct{ errors []string }

func (r *recordingT) Helper() {}

func (r *recordingT) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// publishTwice makes releases 1 and 2 of the fixture's programme, with a
// meeting moved in between.
// queueNotice gives Kazakhstan a contact and publishes twice: its notice is queued.
func queueNotice(f *apiFixture) {
	f.mustCall("organiser", 200, "PATCH", "/api/v1/delegations/{kaz}", map[string]any{"contact_emails": []string{"protocol@mfa.kz"}})
	f.mustCall("organiser", 201, "POST", "/api/v1/meetings", map[string]any{"title": "Talks", "kind": "bilateral",
		"starts_at": "2024-07-04T20:00:00+05:00", "ends_at": "2024-07-04T20:30:00+05:00", "status": "confirmed", "visibility": "participants",
		"participants": []map[string]any{{"delegation_id": f.ids["kaz"], "member_ids": []string{f.ids["kaz_head"]}}}})
	publishTwice(f)
}

// firstNoticeRetry is the retry path of the newest notice.
func firstNoticeRetry(f *apiFixture) string {
	rec := f.mustCall("organiser", 200, "GET", "/api/v1/notices", nil)
	return "/api/v1/notices/" + decode[list[noticeResponse]](f.t, rec).Items[0].ID + "/retry"
}

func publishTwice(f *apiFixture) {
	f.mustCall("organiser", 201, "POST", "/api/v1/releases", map[string]any{"note": "First"})
	f.mustCall("organiser", 201, "POST", "/api/v1/meetings", map[string]any{"title": "Late addition", "kind": "press",
		"starts_at": "2024-07-04T21:00:00+05:00", "ends_at": "2024-07-04T21:30:00+05:00", "status": "confirmed", "visibility": "public"})
	f.mustCall("organiser", 201, "POST", "/api/v1/releases", map[string]any{"note": "Second"})
}
