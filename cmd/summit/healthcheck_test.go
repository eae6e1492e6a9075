package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serveInProcess runs summit serve with env until the test ends, once it is ready.
func serveInProcess(t *testing.T, env map[string]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
	}()
	t.Cleanup(func() { cancel(); <-done })
	waitReady(t, env["SUMMIT_ADDR"])
}

func TestHealthcheck(t *testing.T) {
	env := sqliteEnv(t)
	env["SUMMIT_ADDR"] = freeAddr(t)
	serveInProcess(t, env)
	_, port, _ := net.SplitHostPort(env["SUMMIT_ADDR"])

	unavailable := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer unavailable.Close()

	untouched := filepath.Join(t.TempDir(), "never.db")
	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in the one line of output
	}{
		{"ready", map[string]string{"SUMMIT_ADDR": env["SUMMIT_ADDR"]}, nil, 0, "answered 200 OK"},
		{"ready_asked_on_loopback_for_0.0.0.0", nil, []string{"--addr", "0.0.0.0:" + port}, 0, "http://127.0.0.1:" + port + "/readyz"},
		{"ready_asked_on_loopback_for_no_host", nil, []string{"--addr", ":" + port}, 0, "http://127.0.0.1:" + port + "/readyz"},
		{"flag_wins_over_the_environment", map[string]string{"SUMMIT_ADDR": freeAddr(t)}, []string{"--addr", env["SUMMIT_ADDR"]}, 0, "200"},
		{"nothing_listening", map[string]string{"SUMMIT_ADDR": freeAddr(t)}, nil, 1, "connection refused"},
		{"not_ready_503", map[string]string{"SUMMIT_ADDR": strings.TrimPrefix(unavailable.URL, "http://")}, nil, 1, "answered 503 Service Unavailable"},
		{"never_opens_the_database", map[string]string{"SUMMIT_ADDR": strings.TrimPrefix(unavailable.URL, "http://"),
			"SUMMIT_DATABASE_URL": "file:" + untouched}, nil, 1, "503"},
		{"bad_address", map[string]string{"SUMMIT_ADDR": "8080"}, nil, 2, "SUMMIT_ADDR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := summit(t, c.env, "", append([]string{"healthcheck"}, c.args...)...)
			if code != c.code || !strings.Contains(out+errOut, c.want) || strings.Count(out+errOut, "\n") != 1 {
				t.Fatalf("exit %d, output %q %q; want %d and one line with %q", code, out, errOut, c.code, c.want)
			}
		})
	}
	if _, err := os.Stat(untouched); !os.IsNotExist(err) {
		t.Fatalf("healthcheck touched the database: %v", err)
	}
}

func TestReadyzURL(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:8080":   "http://127.0.0.1:8080/readyz",
		"0.0.0.0:8080":     "http://127.0.0.1:8080/readyz",
		":8080":            "http://127.0.0.1:8080/readyz",
		"[::]:8080":        "http://[::1]:8080/readyz",
		"[::1]:9090":       "http://[::1]:9090/readyz",
		"summit.lan:80":    "http://summit.lan:80/readyz",
		"192.168.1.5:8080": "http://192.168.1.5:8080/readyz",
	} {
		if got, err := readyzURL(addr); err != nil || got != want {
			t.Errorf("readyzURL(%q) = %q, %v; want %q", addr, got, err, want)
		}
	}
}
