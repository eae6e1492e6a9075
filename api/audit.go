package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// auditResponse is an audit entry; before and after are its snapshots as
// stored (their format is versioned in domain, AuditSchema).
type auditResponse struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	ActorID    *string         `json:"actor_id"`
	ActorName  *string         `json:"actor_name"` // null for the system and for deleted users
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

func (s *Server) listAudit(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := domain.AuditFilter{EntityType: c.QueryParam("entity_type"), EntityID: c.QueryParam("entity_id"), ActorID: c.QueryParam("actor_id")}
	records, next, err := s.svc.Audit.List(c.Request().Context(), actorOf(c), f, p)
	if err != nil {
		return err
	}
	out := list[auditResponse]{Items: make([]auditResponse, len(records)), NextCursor: next}
	for i, r := range records {
		out.Items[i] = auditResponse{ID: r.ID, At: r.At, ActorID: nullable(r.ActorID), ActorName: nullable(r.ActorName), Action: r.Action,
			EntityType: r.EntityType, EntityID: r.EntityID, Before: rawOrNull(r.Before), After: rawOrNull(r.After)}
	}
	return c.JSON(http.StatusOK, out)
}

// nullable is nil for "", else s.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// rawOrNull is a stored snapshot as it is, null when absent.
func rawOrNull(b []byte) json.RawMessage {
	if b == nil {
		return json.RawMessage("null")
	}
	return b
}
