package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// Stream settings.
const (
	pollEvery      = time.Second      // how often the hub reads new events when no commit wakes it
	heartbeatEvery = 15 * time.Second // a comment line, so proxies keep the connection
	subscriberBuf  = 256              // events a slow subscriber may lag behind before it is dropped
	replayLimit    = 1000             // events Last-Event-ID may replay; further back, the client reloads
)

// hub reads new events from the database and fans them out to this
// process's subscribers. It runs only while someone listens. Reading the
// shared audit trail is what carries changes between server instances.
type hub struct {
	events domain.Events
	mu     sync.Mutex
	subs   map[chan *domain.Event]struct{}
	last   int64 // the last audit id read
	stop   context.CancelFunc
}

func newHub(events domain.Events) *hub {
	return &hub{events: events, subs: map[chan *domain.Event]struct{}{}}
}

// subscribe adds a subscriber and returns its channel and the audit id it
// starts after; the channel is closed when the subscriber falls too far behind.
func (h *hub) subscribe(ctx context.Context) (chan *domain.Event, int64, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.subs) == 0 {
		last, err := h.events.Last(ctx)
		if err != nil {
			return nil, 0, err
		}
		h.last = last
		pctx, cancel := context.WithCancel(context.Background())
		h.stop = cancel
		go h.poll(pctx)
	}
	ch := make(chan *domain.Event, subscriberBuf)
	h.subs[ch] = struct{}{}
	return ch, h.last, nil
}

// unsubscribe removes a subscriber; the last one stops the polling.
func (h *hub) unsubscribe(ch chan *domain.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[ch]; ok {
		delete(h.subs, ch)
		close(ch)
	}
	if len(h.subs) == 0 && h.stop != nil {
		h.stop()
		h.stop = nil
	}
}

func (h *hub) poll(ctx context.Context) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	commits := h.events.Changes(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-commits:
		case <-t.C:
		}
		h.mu.Lock()
		after := h.last
		h.mu.Unlock()
		events, last, err := h.events.After(ctx, after, 500)
		if err != nil {
			continue // the next tick tries again
		}
		h.mu.Lock()
		if ctx.Err() == nil {
			h.last = last
			for i := range events {
				for ch := range h.subs {
					select {
					case ch <- &events[i]:
					default: // too slow: drop it; it reconnects with Last-Event-ID
						delete(h.subs, ch)
						close(ch)
					}
				}
			}
		}
		h.mu.Unlock()
	}
}

// subscribers returns how many clients listen.
func (h *hub) subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

type eventBody struct {
	Type      string    `json:"type"`
	ID        string    `json:"id"`
	Version   int       `json:"version"`
	ActorID   string    `json:"actor_id,omitempty"`
	ActorName string    `json:"actor_name,omitempty"`
	At        time.Time `json:"at"`
}

// cachedName is a user's name as it was read at a time.
type cachedName struct {
	name string
	read time.Time
}

// nameTTL is how long an event may carry a user's old name after a rename.
const nameTTL = time.Minute

// actorName names who made a change, for "moved by …" messages.
func (s *Server) actorName(ctx context.Context, id string) string {
	if id == "" {
		return ""
	}
	now := s.cfg.Clock.Now()
	if c, ok := s.names.Load(id); ok && now.Sub(c.(cachedName).read) < nameTTL {
		return c.(cachedName).name
	}
	name, err := s.svc.Events.ActorName(ctx, id)
	if err != nil || name == "" {
		return ""
	}
	s.names.Store(id, cachedName{name, now})
	return name
}

// replay sends what a reconnecting client (Last-Event-ID) missed, up to
// start, where the hub took over; false when the stream should end: too
// much was missed (the client is told to reload) or the client is gone.
func (s *Server) replay(c echo.Context, start int64, send func(*domain.Event) error) bool {
	raw := c.Request().Header.Get("Last-Event-ID")
	from, err := strconv.ParseInt(raw, 10, 64)
	if raw == "" || err != nil || from >= start {
		return true
	}
	missed, _, err := s.svc.Events.After(c.Request().Context(), from, replayLimit+1)
	if err != nil || len(missed) > replayLimit {
		fmt.Fprintf(c.Response(), "event: reload\ndata: {}\n\n") // too much missed: reload the page
		c.Response().Flush()
		return false
	}
	for i, ev := range missed {
		if ev.ID <= start {
			if err := send(&missed[i]); err != nil {
				return false
			}
		}
	}
	return true
}

// stream serves Server-Sent Events of the changes the caller may see.
func (s *Server) stream(c echo.Context) error {
	ctx := c.Request().Context()
	actor := actorOf(c)
	ch, start, err := s.hub.subscribe(ctx)
	if err != nil {
		return err
	}
	defer s.hub.unsubscribe(ch)

	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(ev *domain.Event) error {
		if !ev.VisibleTo(actor) {
			return nil
		}
		b, _ := json.Marshal(eventBody{Type: ev.Type, ID: ev.Entity, Version: ev.Version, ActorID: ev.ActorID,
			ActorName: s.actorName(ctx, ev.ActorID), At: ev.At})
		_, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", ev.ID, ev.Type, b)
		return err
	}
	fmt.Fprintf(w, "retry: 2000\n: connected\n\n")

	if !s.replay(c, start, send) {
		return nil
	}
	w.Flush()

	heartbeat := time.NewTicker(heartbeatEvery)
	defer heartbeat.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.closing:
			return nil
		case ev, ok := <-ch:
			if !ok {
				return nil // dropped for being slow; the client reconnects
			}
			if ev.ID <= start {
				continue
			}
			if err := send(ev); err != nil {
				return nil
			}
			w.Flush()
		case <-heartbeat.C:
			// A token that stops standing (disabled, demoted, signed out) ends the stream.
			if _, err := s.authenticate(c); err != nil {
				return nil
			}
			if _, err := fmt.Fprintf(w, ": heartbeat\n\n"); err != nil {
				return nil
			}
			w.Flush()
		}
	}
}
