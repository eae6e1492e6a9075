package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// problemResponse is one rule a meeting breaks now (CONTRACT section 10),
// with what a reader needs of the meeting.
type problemResponse struct {
	MeetingID     string    `json:"meeting_id"`
	Rule          string    `json:"rule"`
	Message       string    `json:"message"`
	DelegationID  string    `json:"delegation_id,omitempty"`
	MemberID      string    `json:"member_id,omitempty"`
	RoomID        string    `json:"room_id,omitempty"`
	Title         string    `json:"title"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	DelegationIDs []string  `json:"delegation_ids"`
	// MovementID names the movement of a transport problem (CONTRACT section 14).
	MovementID string `json:"movement_id,omitempty"`
}

func (s *Server) listProblems(c echo.Context) error {
	if done, err := s.notModified(c, callerKey(actorOf(c))); done || err != nil {
		return err
	}
	items, err := s.svc.Problems.List(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	out := struct {
		Items []problemResponse `json:"items"`
	}{Items: make([]problemResponse, len(items))}
	for i, p := range items {
		out.Items[i] = problemResponse{MeetingID: p.MeetingID, Rule: p.Rule, Message: p.Message, DelegationID: p.DelegationID,
			MemberID: p.MemberID, RoomID: p.RoomID, Title: p.Title, StartsAt: p.StartsAt, EndsAt: p.EndsAt, DelegationIDs: p.DelegationIDs, MovementID: p.MovementID}
	}
	return c.JSON(http.StatusOK, out)
}
