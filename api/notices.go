package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// noticeResponse is a notice of the outbox (CONTRACT section 12).
type noticeResponse struct {
	ID           string     `json:"id"`
	DelegationID string     `json:"delegation_id"`
	CreatedAt    time.Time  `json:"created_at"`
	Status       string     `json:"status"`
	Attempts     int        `json:"attempts"`
	LastError    string     `json:"last_error"`
	Subject      string     `json:"subject"`
	Release      *int       `json:"release"` // the release it announces; null for changes alone
	DueAt        time.Time  `json:"due_at"`  // when it is (next) sent, while queued
	SentAt       *time.Time `json:"sent_at"` // when the mail server accepted it
}

func toNoticeResponse(n *domain.Notice) noticeResponse {
	out := noticeResponse{ID: n.ID, DelegationID: n.DelegationID, CreatedAt: n.CreatedAt, Status: string(n.Status),
		Attempts: n.Attempts, LastError: n.LastError, Subject: n.Subject, DueAt: n.DueAt, SentAt: n.SentAt}
	if n.Release > 0 {
		out.Release = &n.Release
	}
	return out
}

func (s *Server) listNotices(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	ns, next, err := s.svc.Notices.List(c.Request().Context(), actorOf(c), p)
	if err != nil {
		return err
	}
	out := list[noticeResponse]{Items: make([]noticeResponse, len(ns)), NextCursor: next}
	for i := range ns {
		out.Items[i] = toNoticeResponse(&ns[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) retryNotice(c echo.Context) error {
	n, err := s.svc.Notices.Retry(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toNoticeResponse(n))
}
