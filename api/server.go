// Package api is Summit Planner's HTTP side: the Echo server, its middleware,
// the handlers of the JSON API, the SPA and the ops endpoints. Handlers bind,
// call one domain service and convert; the rules live in domain.
package api

import (
	"context"
	"crypto/rand"
	"errors"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"summit/domain"
)

// Services are the domain services the API calls; cmd/summit builds them.
type Services struct {
	Auth        *domain.Auth
	Users       domain.Users
	Delegations domain.Delegations
	Venues      domain.Venues
	Summits     domain.Summits
	Meetings    domain.Meetings
	Requests    domain.Requests
	Proposals   domain.Proposals
	Runner      *domain.ProposalRunner // background scheduler runs
	Audit       domain.AuditTrail
	Events      domain.Events
	Feeds       domain.Feeds
	Problems    domain.Problems
	Releases    domain.Releases
	Documents   domain.Documents
	Notices     domain.Notices
	// Accreditation keeps zones, badge categories, photos and badges, and checks badges at the door.
	Accreditation domain.Accreditation
	// Hotels keeps hotel blocks and rooming lists.
	Hotels domain.Hotels
	// Transport keeps vehicles and motorcades and derives movements.
	Transport domain.Transport
	// Ready reports whether the database answers (GET /readyz).
	Ready func(ctx context.Context) error
}

// Config is what the server needs from its surroundings.
type Config struct {
	Log      *slog.Logger
	Services Services
	// Clock tells the time for access tokens and proposals' state (nil: the system's).
	Clock domain.Clock
	// SPA holds the built single-page app (index.html at its root); nil serves none.
	SPA fs.FS
	// TrustedProxies are the networks whose X-Forwarded-For is believed.
	// Empty: the client address is the connection's peer, and the header is ignored.
	TrustedProxies []*net.IPNet
	// JWTSecret signs access tokens: at least 32 bytes; a shorter one is
	// replaced by a random key (tokens then die with the process).
	JWTSecret []byte
}

// Server is the configured HTTP server.
type Server struct {
	Echo        *echo.Echo
	cfg         Config
	svc         Services
	metrics     *metrics
	hub         *hub
	names       sync.Map      // user id → cachedName, for events
	closing     chan struct{} // closed when the server shuts down: streams end
	closeOnce   sync.Once
	tokenParser *jwt.Parser
	access      map[string]access // "METHOD /path" → who may call it
	mark        changeMark        // the newest audit id, for ETags
}

// bodyLimit is the largest request body the server reads: 1 MiB, 1,048,576
// bytes (for Echo, "1M" would be 1,000,000). A larger one answers 413.
const bodyLimit = "1MiB"

// New builds the server: middleware, API routes, ops endpoints and the SPA.
func New(cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(cfg.Log)
	e.IPExtractor = ipExtractor(cfg.TrustedProxies)
	if len(cfg.JWTSecret) < 32 {
		cfg.JWTSecret = make([]byte, 32)
		rand.Read(cfg.JWTSecret)
	}
	s := &Server{Echo: e, cfg: cfg, svc: cfg.Services, metrics: newMetrics(), tokenParser: newTokenParser(cfg.Clock),
		access: map[string]access{}, hub: newHub(cfg.Services.Events), closing: make(chan struct{})}

	e.Use(sanitiseRequestID)
	e.Use(middleware.RequestIDWithConfig(middleware.RequestIDConfig{Generator: domain.NewID}))
	e.Use(s.metrics.middleware)
	e.Use(requestLogger(cfg.Log))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			cfg.Log.Error("panic", "request_id", c.Response().Header().Get(echo.HeaderXRequestID),
				"error", err.Error(), "stack", string(stack))
			return err
		},
	}))
	e.Use(securityHeaders)
	e.Use(compress())
	// An import takes a file of up to 10 MiB and a photo up to 5 MiB: their
	// handlers limit what they read themselves.
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: bodyLimit,
		Skipper: func(c echo.Context) bool {
			return c.Path() == importPath || c.Path() == photoPath && c.Request().Method == http.MethodPut
		}}))

	s.routes()
	return s
}

// Run serves on addr until ctx ends, then shuts down gracefully: it stops
// accepting connections and lets in-flight requests finish (up to grace).
func (s *Server) Run(ctx context.Context, addr string, grace time.Duration) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln, grace)
}

// Serve is Run on a listener that is already open.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.Echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(s.CloseStreams)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.cfg.Log.Info("shutting down: finishing in-flight requests", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && serr != nil {
		return serr
	}
	return err
}

// CloseStreams ends every open event stream (on shutdown: they would
// otherwise hold it up until the grace period ends).
func (s *Server) CloseStreams() { s.closeOnce.Do(func() { close(s.closing) }) }

// ipExtractor decides where the client address comes from: the peer, or
// X-Forwarded-For when the peer is a configured proxy. No network is trusted
// by default, not even loopback or private ones.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
