package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthTimeout is how long healthcheck waits for /readyz to answer.
const healthTimeout = 3 * time.Second

// readyzURL is the /readyz address of a server listening on addr. A server
// listening on every address (0.0.0.0, [::] or no host) is asked on the
// loopback address of that family.
func readyzURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", badSetting("SUMMIT_ADDR", "%q is not host:port", addr)
	}
	switch ip := net.ParseIP(host); {
	case host == "", ip != nil && ip.IsUnspecified() && ip.To4() != nil:
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/readyz", nil
}

// healthcheck asks the server listening on addr whether it is ready, for a
// container's health check: nil when GET /readyz answers 200 within
// healthTimeout. It never opens the database.
func healthcheck(ctx context.Context, addr string, stdout io.Writer) error {
	url, err := readyzURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	// No proxy from the environment and no connection kept: ask the server itself, once.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("healthcheck: %s did not answer within %v", url, healthTimeout)
	case err != nil:
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", url, resp.Status)
	}
	fmt.Fprintf(stdout, "%s answered %s\n", url, resp.Status)
	return nil
}
