package api

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"summit/domain"
	"summit/repository"
	"summit/repository/dbtest"
)

// harness is a server on a real database with a delegation and one user per role.
type harness struct {
	t        *testing.T
	s        *Server
	store    *repository.Repos
	log      *bytes.Buffer
	kaz, chn domain.Delegation
	users    map[string]*domain.User // by role, plus "delegate_chn"
}

const testPassword = "correct horse battery"

func newHarness(t *testing.T, dbURL string) *harness {
	t.Helper()
	db := dbtest.Open(t, dbURL)
	h := &harness{t: t, store: db.Store(), log: &bytes.Buffer{}, users: map[string]*domain.User{}}
	h.s = New(Config{Log: slog.New(slog.NewJSONHandler(h.log, nil)), Services: servicesOn(t, h.store), JWTSecret: []byte(strings.Repeat("k", 32))})
	ctx := context.Background()
	h.kaz = domain.Delegation{Code: "KAZ", Name: "Kazakhstan", Kind: "member"}
	h.chn = domain.Delegation{Code: "CHN", Name: "China", Kind: "member"}
	for _, d := range []*domain.Delegation{&h.kaz, &h.chn} {
		if err := h.store.CreateDelegation(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for key, n := range map[string]domain.NewUser{
		"admin":        {Email: "admin@gov.kz", Name: "Admin", Role: "admin"},
		"organiser":    {Email: "organiser@gov.kz", Name: "Organiser", Role: "organiser"},
		"delegate":     {Email: "delegate@gov.kz", Name: "Delegate", Role: "delegate", DelegationID: h.kaz.ID},
		"delegate_chn": {Email: "delegate@mfa.cn", Name: "Delegate CHN", Role: "delegate", DelegationID: h.chn.ID},
	} {
		n.Password = testPassword
		u, err := usersOn(h.store).Create(ctx, domain.Actor{}, n)
		if err != nil {
			t.Fatal(err)
		}
		h.users[key] = u
	}
	return h
}

// addUser makes one more user, kept under key.
func (h *harness) addUser(key string, n domain.NewUser) {
	h.t.Helper()
	n.Password = testPassword
	u, err := usersOn(h.store).Create(context.Background(), domain.Actor{}, n)
	if err != nil {
		h.t.Fatal(err)
	}
	h.users[key] = u
}

func newSQLiteHarness(t *testing.T) *harness {
	return newHarness(t, dbtest.URLs(t)[repository.SQLite])
}

// call sends a request through the whole server; body may be a string or a value to marshal.
func (h *harness) call(method, path, token string, body any, header ...string) *httptest.ResponseRecorder {
	h.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		r = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, path, r)
	req.RemoteAddr = "192.0.2.1:5555"
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.s.Echo.ServeHTTP(rec, req)
	return rec
}

// login signs a user in and returns the token pair.
func (h *harness) login(email, password string) tokenResponse {
	h.t.Helper()
	rec := h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": email, "password": password})
	if rec.Code != 200 {
		h.t.Fatalf("login %s: %d %s", email, rec.Code, rec.Body)
	}
	var tr tokenResponse
	json.Unmarshal(rec.Body.Bytes(), &tr)
	return tr
}

func (h *harness) token(role string) string {
	if role == "anonymous" {
		return ""
	}
	if role == "gate" && h.users["gate"] == nil {
		h.addUser("gate", domain.NewUser{Email: "gate@gov.kz", Name: "Gate", Role: "gate"})
	}
	return h.login(h.users[role].Email, testPassword).AccessToken
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

func TestLoginAndSession(t *testing.T) {
	for dialect, u := range dbtest.URLs(t) {
		t.Run(dialect, func(t *testing.T) {
			h := newHarness(t, u)
			rec := h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "Delegate@Gov.KZ", "password": testPassword})
			if rec.Code != 200 {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			tr := decode[tokenResponse](t, rec)
			if tr.TokenType != "Bearer" || tr.ExpiresIn != 900 || tr.RefreshToken == "" || tr.User.Role != "delegate" || *tr.User.DelegationID != h.kaz.ID {
				t.Fatalf("token response %+v", tr)
			}
			cookie := rec.Header().Get("Set-Cookie")
			for _, want := range []string{"summit_refresh=" + tr.RefreshToken, "HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"} {
				if !strings.Contains(cookie, want) {
					t.Fatalf("cookie %q lacks %q", cookie, want)
				}
			}
			me := h.call("GET", "/api/v1/me", tr.AccessToken, nil)
			if me.Code != 200 || decode[userResponse](t, me).Email != "delegate@gov.kz" || me.Header().Get("ETag") != `"1"` {
				t.Fatalf("me: %d %s", me.Code, me.Body)
			}
			// The SPA refreshes with the cookie alone.
			req := httptest.NewRequest("POST", "/api/v1/auth/refresh", nil)
			req.AddCookie(&http.Cookie{Name: "summit_refresh", Value: tr.RefreshToken})
			rr := httptest.NewRecorder()
			h.s.Echo.ServeHTTP(rr, req)
			if rr.Code != 200 {
				t.Fatalf("cookie refresh: %d %s", rr.Code, rr.Body)
			}
			next := decode[tokenResponse](t, rr)
			if h.call("GET", "/api/v1/me", next.AccessToken, nil).Code != 200 {
				t.Fatal("refreshed access token refused")
			}
			// Logout ends the session and its access tokens at once.
			if rec := h.call("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": next.RefreshToken}); rec.Code != 204 {
				t.Fatalf("logout %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, h.call("GET", "/api/v1/me", next.AccessToken, nil), 401)
			assertProblem(t, h.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": next.RefreshToken}), 401)
		})
	}
}

func TestRefreshRotationAndReuse(t *testing.T) {
	h := newSQLiteHarness(t)
	first := h.login("organiser@gov.kz", testPassword)
	other := h.login("organiser@gov.kz", testPassword) // another device: another session
	rec := h.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": first.RefreshToken})
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	second := decode[tokenResponse](t, rec)
	if second.RefreshToken == first.RefreshToken {
		t.Fatal("refresh token not rotated")
	}
	// The stolen first token is presented again: the whole session ends.
	assertProblem(t, h.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": first.RefreshToken}), 401)
	assertProblem(t, h.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": second.RefreshToken}), 401)
	assertProblem(t, h.call("GET", "/api/v1/me", second.AccessToken, nil), 401)
	// The other device's session is untouched.
	if h.call("GET", "/api/v1/me", other.AccessToken, nil).Code != 200 {
		t.Fatal("reuse in one session ended another")
	}
	entries, _, _ := h.store.ListAudit(context.Background(), domain.AuditFilter{EntityID: h.users["organiser"].ID}, domain.Page{})
	if len(entries) == 0 || entries[0].Action != "refresh_reuse" {
		t.Fatalf("reuse not audited: %+v", entries)
	}
	// Logging out everywhere ends the other device too.
	if rec := h.call("POST", "/api/v1/auth/logout", "", map[string]any{"refresh_token": other.RefreshToken, "everywhere": true}); rec.Code != 204 {
		t.Fatalf("logout everywhere: %d", rec.Code)
	}
	assertProblem(t, h.call("GET", "/api/v1/me", other.AccessToken, nil), 401)
}

// TestForgedTokens: every token the server did not issue, or that no longer
// stands, is refused with 401.
func TestForgedTokens(t *testing.T) {
	h := newSQLiteHarness(t)
	key := h.s.cfg.JWTSecret
	u := h.users["organiser"]
	good := h.login(u.Email, testPassword)
	claims := func(edit func(*accessClaims)) *accessClaims {
		var c accessClaims
		h.s.tokenParser.ParseWithClaims(good.AccessToken, &c, func(*jwt.Token) (any, error) { return key, nil })
		edit(&c)
		return &c
	}
	sign := func(c *accessClaims) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims(func(*accessClaims) {})).SignedString(jwt.UnsafeAllowNoneSignatureType)
	wrongKey, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims(func(*accessClaims) {})).SignedString([]byte(strings.Repeat("x", 32)))
	rs256, _ := jwt.NewWithClaims(jwt.SigningMethodRS256, claims(func(*accessClaims) {})).SignedString(rsaKey)
	hs384, _ := jwt.NewWithClaims(jwt.SigningMethodHS384, claims(func(*accessClaims) {})).SignedString(key)
	hour := time.Hour
	cases := map[string]string{
		"alg_none":                 none,
		"wrong_key":                wrongKey,
		"rs256_instead_of_hs256":   rs256,
		"hs384_with_the_right_key": hs384,
		"missing_exp":              sign(claims(func(c *accessClaims) { c.ExpiresAt = nil })),
		"expired":                  sign(claims(func(c *accessClaims) { c.ExpiresAt = jwt.NewNumericDate(time.Now().Add(-hour)) })),
		"wrong_issuer":             sign(claims(func(c *accessClaims) { c.Issuer = "someone-else" })),
		"wrong_audience":           sign(claims(func(c *accessClaims) { c.Audience = jwt.ClaimStrings{"other-api"} })),
		"issued_in_the_future":     sign(claims(func(c *accessClaims) { c.IssuedAt = jwt.NewNumericDate(time.Now().Add(hour)) })),
		"missing_iat":              sign(claims(func(c *accessClaims) { c.IssuedAt = nil })),
		"not_an_access_token":      sign(claims(func(c *accessClaims) { c.Type = "refresh" })),
		"no_subject":               sign(claims(func(c *accessClaims) { c.Subject = "" })),
		"unknown_user":             sign(claims(func(c *accessClaims) { c.Subject = domain.NewID() })),
		"role_raised_in_the_token": sign(claims(func(c *accessClaims) { c.Role = "admin" })),
		"old_token_version":        sign(claims(func(c *accessClaims) { c.TokenVersion = 0 })),
		"refresh_token_as_access":  good.RefreshToken,
		"garbage":                  "not.a.token",
		"empty_bearer":             " ",
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			rec := h.call("GET", "/api/v1/me", "", nil, "Authorization", "Bearer "+tok)
			assertProblem(t, rec, 401)
			if rec.Header().Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	if h.call("GET", "/api/v1/me", good.AccessToken, nil).Code != 200 {
		t.Fatal("the genuine token must still work")
	}

	// Tokens that were good, after what ends them.
	admin := h.token("admin")
	later := []struct {
		name   string
		role   string
		change func(victim *domain.User) *httptest.ResponseRecorder
	}{
		{"after_role_change", "organiser", func(v *domain.User) *httptest.ResponseRecorder {
			return h.call("PATCH", "/api/v1/users/"+v.ID, admin, map[string]any{"role": "delegate", "delegation_id": h.kaz.ID})
		}},
		{"after_disable", "delegate", func(v *domain.User) *httptest.ResponseRecorder {
			return h.call("PATCH", "/api/v1/users/"+v.ID, admin, map[string]any{"disabled": true})
		}},
		{"after_password_change_by_admin", "delegate_chn", func(v *domain.User) *httptest.ResponseRecorder {
			return h.call("PATCH", "/api/v1/users/"+v.ID, admin, map[string]any{"password": "a brand new password"})
		}},
	}
	for _, c := range later {
		t.Run(c.name, func(t *testing.T) {
			victim := h.users[c.role]
			tok := h.login(victim.Email, testPassword)
			if h.call("GET", "/api/v1/me", tok.AccessToken, nil).Code != 200 {
				t.Fatal("token should work before")
			}
			if rec := c.change(victim); rec.Code != 200 {
				t.Fatalf("change: %d %s", rec.Code, rec.Body)
			}
			assertProblem(t, h.call("GET", "/api/v1/me", tok.AccessToken, nil), 401)
			assertProblem(t, h.call("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": tok.RefreshToken}), 401)
		})
	}
	t.Run("after_own_password_change", func(t *testing.T) {
		tok := h.login("admin@gov.kz", testPassword)
		rec := h.call("POST", "/api/v1/me/password", tok.AccessToken, map[string]string{"current_password": testPassword, "new_password": "an even better password"})
		if rec.Code != 200 {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		assertProblem(t, h.call("GET", "/api/v1/me", tok.AccessToken, nil), 401)
		fresh := decode[tokenResponse](t, rec)
		if h.call("GET", "/api/v1/me", fresh.AccessToken, nil).Code != 200 {
			t.Fatal("the new pair from the password change must work")
		}
		assertProblem(t, h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "admin@gov.kz", "password": testPassword}), 401)
		h.login("admin@gov.kz", "an even better password")
	})
	t.Run("after_delete", func(t *testing.T) {
		n := domain.NewUser{Email: "temp@gov.kz", Name: "Temp", Role: "organiser", Password: testPassword}
		v, _ := usersOn(h.store).Create(context.Background(), domain.Actor{}, n)
		tok := h.login(v.Email, testPassword)
		admin := h.login("admin@gov.kz", "an even better password").AccessToken
		if rec := h.call("DELETE", "/api/v1/users/"+v.ID, admin, nil); rec.Code != 204 {
			t.Fatalf("delete: %d %s", rec.Code, rec.Body)
		}
		assertProblem(t, h.call("GET", "/api/v1/me", tok.AccessToken, nil), 401)
	})
}

func TestSignInLimits(t *testing.T) {
	h := newSQLiteHarness(t)
	wrong := map[string]string{"email": "organiser@gov.kz", "password": "not the password"}
	unknown := map[string]string{"email": "nobody@gov.kz", "password": "not the password"}
	a := h.call("POST", "/api/v1/auth/login", "", wrong)
	b := h.call("POST", "/api/v1/auth/login", "", unknown)
	pa, pb := assertProblem(t, a, 401), assertProblem(t, b, 401)
	if pa.Detail != pb.Detail || pa.Title != pb.Title {
		t.Fatalf("unknown email and wrong password answer differently: %q / %q", pa.Detail, pb.Detail)
	}
	for i := 1; i < domain.FailuresPerAccount; i++ {
		assertProblem(t, h.call("POST", "/api/v1/auth/login", "", wrong), 401)
	}
	// Fifth failure reached: even the right password waits now, from any address.
	right := map[string]string{"email": "organiser@gov.kz", "password": testPassword}
	rec := h.call("POST", "/api/v1/auth/login", "", right, "X-Forwarded-For", "203.0.113.77")
	assertProblem(t, rec, 429)
	if ra := rec.Header().Get("Retry-After"); ra == "" || ra == "0" {
		t.Fatalf("Retry-After %q", ra)
	}
	// Another account from the same client is still fine (the client is under its limit).
	h.login("delegate@gov.kz", testPassword)

	// Per client: rotating X-Forwarded-For does not make a new client.
	for i := 0; i < domain.FailuresPerClient; i++ {
		h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "guess" + string(rune('a'+i)) + "@gov.kz", "password": "x"},
			"X-Forwarded-For", "198.51.100."+string(rune('0'+i%10)))
	}
	assertProblem(t, h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "admin@gov.kz", "password": testPassword},
		"X-Forwarded-For", "198.51.100.250"), 429)

	// The limiter forgets after its window.
	h.s.svc.Auth.Clock = func() time.Time { return time.Now().Add(16 * time.Minute) }
	h.login("admin@gov.kz", testPassword)
}

func TestMassAssignmentIsRejected(t *testing.T) {
	h := newSQLiteHarness(t)
	admin, delegate := h.token("admin"), h.token("delegate")
	victim := h.users["organiser"]
	cases := []struct {
		name, method, path, token string
		body                      any
		field                     string
	}{
		{"role_on_me", "PATCH", "/api/v1/me", delegate, map[string]any{"name": "X", "role": "admin"}, "role"},
		{"delegation_on_me", "PATCH", "/api/v1/me", delegate, map[string]any{"name": "X", "delegation_id": h.chn.ID}, "delegation_id"},
		{"version_on_me", "PATCH", "/api/v1/me", delegate, map[string]any{"name": "X", "version": 9}, "version"},
		{"id_on_create", "POST", "/api/v1/users", admin, map[string]any{"id": "mine", "email": "n@gov.kz", "name": "N", "role": "admin", "password": testPassword}, "id"},
		{"token_version_on_create", "POST", "/api/v1/users", admin, map[string]any{"email": "n@gov.kz", "name": "N", "role": "admin", "password": testPassword, "token_version": 5}, "token_version"},
		{"id_on_update", "PATCH", "/api/v1/users/" + victim.ID, admin, map[string]any{"id": "other"}, "id"},
		{"version_on_update", "PATCH", "/api/v1/users/" + victim.ID, admin, map[string]any{"version": 7}, "version"},
		{"hash_on_update", "PATCH", "/api/v1/users/" + victim.ID, admin, map[string]any{"password_hash": "x"}, "password_hash"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := assertProblem(t, h.call(c.method, c.path, c.token, c.body), 400)
			if len(p.Errors) != 1 || p.Errors[0].Field != c.field {
				t.Fatalf("errors %+v", p.Errors)
			}
		})
	}
	u, _ := h.store.UserByID(context.Background(), h.users["delegate"].ID)
	if u.Role != "delegate" || u.Name != "Delegate" || u.Version != 1 {
		t.Fatalf("a rejected request changed the user: %+v", u)
	}
}

func TestUsersAdministration(t *testing.T) {
	h := newSQLiteHarness(t)
	admin := h.token("admin")
	adminID := h.users["admin"].ID
	ctx := context.Background()

	rec := h.call("POST", "/api/v1/users", admin, map[string]any{"email": "Liaison@MFA.kg", "name": "Liaison", "role": "delegate", "password": testPassword})
	p := assertProblem(t, rec, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "delegation_id" {
		t.Fatalf("a delegate without a delegation: %+v", p.Errors)
	}
	rec = h.call("POST", "/api/v1/users", admin, map[string]any{"email": "bad", "name": "", "role": "king", "password": "short"})
	if p := assertProblem(t, rec, 422); len(p.Errors) != 4 {
		t.Fatalf("every bad field should be named: %+v", p.Errors)
	}
	rec = h.call("POST", "/api/v1/users", admin, map[string]any{"email": "Liaison@MFA.kg", "name": "Liaison", "role": "delegate", "delegation_id": h.chn.ID, "password": testPassword})
	if rec.Code != 201 || rec.Header().Get("Location") == "" || rec.Header().Get("ETag") != `"1"` {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	created := decode[userResponse](t, rec)
	if created.Email != "liaison@mfa.kg" || strings.Contains(rec.Body.String(), "argon2") || strings.Contains(rec.Body.String(), testPassword) {
		t.Fatalf("created: %s", rec.Body)
	}
	assertProblem(t, h.call("POST", "/api/v1/users", admin, map[string]any{"email": "liaison@mfa.kg", "name": "Again", "role": "admin", "password": testPassword}), 409)

	// If-Match: stale is 412, current works; organisers can't become delegates without a delegation.
	assertProblem(t, h.call("PATCH", "/api/v1/users/"+created.ID, admin, map[string]any{"name": "Liaison Officer"}, "If-Match", `"7"`), 412)
	rec = h.call("PATCH", "/api/v1/users/"+created.ID, admin, map[string]any{"name": "Liaison Officer", "role": "organiser"}, "If-Match", `"1"`)
	if rec.Code != 200 || decode[userResponse](t, rec).DelegationID != nil || rec.Header().Get("ETag") != `"2"` {
		t.Fatalf("promote: %d %s", rec.Code, rec.Body)
	}
	assertProblem(t, h.call("PATCH", "/api/v1/users/"+created.ID, admin, map[string]any{"role": "delegate"}), 422)

	// The last admin stays.
	for _, body := range []map[string]any{{"role": "organiser"}, {"disabled": true}} {
		assertProblem(t, h.call("PATCH", "/api/v1/users/"+adminID, admin, body), 409)
	}
	assertProblem(t, h.call("DELETE", "/api/v1/users/"+adminID, admin, nil), 409)
	// With a second admin, the first may step down.
	h.call("PATCH", "/api/v1/users/"+created.ID, admin, map[string]any{"role": "admin"})
	if rec := h.call("PATCH", "/api/v1/users/"+adminID, admin, map[string]any{"role": "organiser"}); rec.Code != 200 {
		t.Fatalf("step down: %d %s", rec.Code, rec.Body)
	}

	assertProblem(t, h.call("GET", "/api/v1/users", admin, nil), 401) // stepping down ended the old admin's token
	newAdmin := h.login("liaison@mfa.kg", testPassword).AccessToken
	first := decode[list[userResponse]](t, h.call("GET", "/api/v1/users?limit=2", newAdmin, nil))
	rest := decode[list[userResponse]](t, h.call("GET", "/api/v1/users?cursor="+first.NextCursor, newAdmin, nil))
	if len(first.Items) != 2 || first.NextCursor == "" || len(rest.Items) != 3 || rest.NextCursor != "" || rest.Items[0].Email <= first.Items[1].Email {
		t.Fatalf("paging: %+v then %+v", first, rest)
	}
	assertProblem(t, h.call("GET", "/api/v1/users?limit=0", newAdmin, nil), 400)
	assertProblem(t, h.call("GET", "/api/v1/users/"+domain.NewID(), newAdmin, nil), 404)

	// Every mutation above wrote exactly one audit entry, and none holds a secret.
	entries, _, _ := h.store.ListAudit(ctx, domain.AuditFilter{EntityType: "user", EntityID: created.ID}, domain.Page{})
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "login,role_change,role_change,create" {
		t.Fatalf("audit of the created user: %s", got)
	}
	all, _, _ := h.store.ListAudit(ctx, domain.AuditFilter{}, domain.Page{Limit: 500})
	for _, e := range all {
		for _, secret := range []string{testPassword, "argon2id", "$argon2"} {
			if strings.Contains(string(e.Before)+string(e.After), secret) {
				t.Fatalf("audit entry %s/%s holds a secret: %s %s", e.Action, e.EntityID, e.Before, e.After)
			}
		}
	}
	if strings.Contains(h.log.String(), testPassword) || strings.Contains(h.log.String(), "argon2") {
		t.Fatal("the log holds a password or hash")
	}
}

func TestAuditEndpoint(t *testing.T) {
	h := newSQLiteHarness(t)
	organiser := h.token("organiser")
	tok := h.login("delegate@gov.kz", testPassword)
	h.call("PATCH", "/api/v1/me", tok.AccessToken, map[string]any{"name": "Liaison of Kazakhstan"})
	h.call("POST", "/api/v1/auth/login", "", map[string]string{"email": "delegate@gov.kz", "password": "wrong password!"})
	rec := h.call("GET", "/api/v1/audit?entity_type=user&entity_id="+h.users["delegate"].ID, organiser, nil)
	if rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	got := decode[list[auditResponse]](t, rec)
	var actions []string
	for _, e := range got.Items {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "login_failed,update,login,create" {
		t.Fatalf("actions %v", actions)
	}
	if failed := got.Items[0]; failed.ActorID != nil || failed.ActorName != nil || !strings.Contains(string(failed.After), `"email":"delegate@gov.kz"`) {
		t.Fatalf("a failed sign-in is nobody's action: %+v", failed)
	}
	mine := decode[list[auditResponse]](t, h.call("GET", "/api/v1/audit?actor_id="+h.users["delegate"].ID, organiser, nil))
	for _, e := range mine.Items {
		if e.Action == "login_failed" {
			t.Fatal("the actor filter lists a failed sign-in as the account owner's action")
		}
	}
	upd := got.Items[1]
	if !strings.Contains(string(upd.Before), `"Delegate"`) || !strings.Contains(string(upd.After), "Liaison of Kazakhstan") || *upd.ActorID != h.users["delegate"].ID {
		t.Fatalf("update entry %+v", upd)
	}
	if upd.ActorName == nil || *upd.ActorName != "Liaison of Kazakhstan" {
		t.Fatalf("the actor's name is its current name: %v", upd.ActorName)
	}
	if got.Items[3].ActorID != nil || got.Items[3].ActorName != nil {
		t.Fatal("the system's creation should have no actor")
	}
	page1 := decode[list[auditResponse]](t, h.call("GET", "/api/v1/audit?limit=2", organiser, nil))
	page2 := decode[list[auditResponse]](t, h.call("GET", "/api/v1/audit?limit=2&cursor="+page1.NextCursor, organiser, nil))
	if len(page1.Items) != 2 || len(page2.Items) != 2 || page2.Items[0].ID >= page1.Items[1].ID {
		t.Fatalf("paging: %+v %+v", page1, page2)
	}
	assertProblem(t, h.call("GET", "/api/v1/audit", tok.AccessToken, nil), 403) // delegates do not read the audit
}
