package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"summit/repository"
	"summit/repository/dbtest"
)

// BenchmarkAgendaHTTP: China's delegate reads its delegation's agenda on
// the demo summit through the whole server (token check, handler, JSON),
// for a CPU profile of the path:
//
//	go test ./api -run '^$' -bench AgendaHTTP -cpuprofile cpu.out && go tool pprof -top api.test cpu.out
func BenchmarkAgendaHTTP(b *testing.B) {
	db := dbtest.Open(b, dbtest.URLs(b)[repository.SQLite])
	seed(b, db.Store())
	s := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Services: servicesOn(b, db.Store()),
		JWTSecret: []byte(strings.Repeat("k", 32))})
	call := func(method, path, token, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		s.Echo.ServeHTTP(rec, req)
		return rec
	}
	var login struct {
		AccessToken string `json:"access_token"`
		User        struct {
			DelegationID string `json:"delegation_id"`
		} `json:"user"`
	}
	json.Unmarshal(call("POST", "/api/v1/auth/login", "", `{"email":"delegate@summit.example","password":"delegate-demo-2024"}`).Body.Bytes(), &login)
	path := "/api/v1/agenda?delegation_id=" + login.User.DelegationID
	if rec := call("GET", path, login.AccessToken, ""); rec.Code != 200 || rec.Body.Len() < 1000 {
		b.Fatalf("%d %s", rec.Code, rec.Body)
	}
	for b.Loop() {
		if rec := call("GET", path, login.AccessToken, ""); rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
