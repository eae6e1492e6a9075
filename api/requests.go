package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

type requestResponse struct {
	ID               string     `json:"id"`
	FromDelegationID string     `json:"from_delegation_id"`
	ToDelegationID   string     `json:"to_delegation_id"`
	DurationMinutes  int        `json:"duration_minutes"`
	Priority         int        `json:"priority"`
	Earliest         *time.Time `json:"earliest"`
	Latest           *time.Time `json:"latest"`
	Note             string     `json:"note"`
	Status           string     `json:"status"`
	MeetingID        *string    `json:"meeting_id"`
	Version          int        `json:"version"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

func toRequestResponse(r *domain.BilateralRequest) requestResponse {
	out := requestResponse{ID: r.ID, FromDelegationID: r.FromDelegationID, ToDelegationID: r.ToDelegationID, DurationMinutes: r.DurationMinutes,
		Priority: r.Priority, Earliest: r.Earliest, Latest: r.Latest, Note: r.Note, Status: string(r.Status), Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.MeetingID != "" {
		out.MeetingID = &r.MeetingID
	}
	return out
}

type requestBody struct {
	FromDelegationID string     `json:"from_delegation_id"`
	ToDelegationID   string     `json:"to_delegation_id"`
	DurationMinutes  int        `json:"duration_minutes"`
	Priority         int        `json:"priority"`
	Earliest         *time.Time `json:"earliest"`
	Latest           *time.Time `json:"latest"`
	Note             string     `json:"note"`
}

func (s *Server) listRequests(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := domain.RequestFilter{DelegationID: c.QueryParam("delegation_id"), Status: domain.RequestStatus(c.QueryParam("status"))}
	rs, next, err := s.svc.Requests.List(c.Request().Context(), actorOf(c), f, p)
	if err != nil {
		return err
	}
	out := list[requestResponse]{Items: make([]requestResponse, len(rs)), NextCursor: next}
	for i := range rs {
		out.Items[i] = toRequestResponse(&rs[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createRequest(c echo.Context) error {
	var req requestBody
	body, err := bindWithBody(c, &req)
	if err != nil {
		return err
	}
	idem, err := idempotency(c, body)
	if err != nil {
		return err
	}
	r, err := s.svc.Requests.Create(c.Request().Context(), actorOf(c), domain.RequestInput(req), idem)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/bilateral-requests/"+r.ID)
	return withETag(c, http.StatusCreated, r.Version, toRequestResponse(r))
}

func (s *Server) getRequest(c echo.Context) error {
	r, err := s.svc.Requests.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, r.Version, toRequestResponse(r))
}

// moveRequest returns the handler that moves a request to status.
func (s *Server) moveRequest(status domain.RequestStatus) echo.HandlerFunc {
	return func(c echo.Context) error {
		r, err := s.svc.Requests.Move(c.Request().Context(), actorOf(c), c.Param("id"), status)
		if err != nil {
			return err
		}
		return withETag(c, http.StatusOK, r.Version, toRequestResponse(r))
	}
}
