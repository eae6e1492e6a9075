package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
	"summit/domain/scheduler"
)

type proposalRequest struct {
	From               time.Time `json:"from"`
	To                 time.Time `json:"to"`
	RoomIDs            []string  `json:"room_ids"`
	RequestIDs         []string  `json:"request_ids"`
	TimeLimitSeconds   float64   `json:"time_limit_seconds"`
	ExpectedAttendance int       `json:"expected_attendance"`
	// Wait false answers 202 at once; GET the proposal for its progress.
	Wait *bool `json:"wait"`
}

type progressBody struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

type proposalResponse struct {
	ID         string                `json:"id"`
	Status     string                `json:"status"` // running, ready, applied, failed
	Progress   *progressBody         `json:"progress,omitempty"`
	Error      string                `json:"error,omitempty"`
	CreatedAt  *time.Time            `json:"created_at,omitempty"`
	AppliedAt  *time.Time            `json:"applied_at,omitempty"`
	From       time.Time             `json:"from"`
	To         time.Time             `json:"to"`
	Placements []scheduler.Placement `json:"placements"`
	Unplaced   []scheduler.Unplaced  `json:"unplaced"`
	Objective  int                   `json:"objective"`
	Stats      *scheduler.Stats      `json:"stats,omitempty"`
	MeetingIDs []string              `json:"meeting_ids"`
}

func toProposalResponse(p *domain.Proposal) proposalResponse {
	out := proposalResponse{ID: p.ID, Status: p.Status, CreatedAt: &p.CreatedAt, AppliedAt: p.AppliedAt, From: p.Params.From.UTC(), To: p.Params.To.UTC(),
		Placements: p.Plan.Placements, Unplaced: p.Plan.Unplaced, Objective: p.Plan.Objective, Stats: &p.Plan.Stats, MeetingIDs: p.MeetingIDs}
	switch {
	case p.AppliedAt != nil:
		out.Status = "applied"
	case p.Abandoned(time.Now()):
		out.Status, out.Error = "failed", "The server running this proposal stopped before it finished; run it again."
	case p.Status == "running":
		out.Progress, out.Stats = &progressBody{Done: p.Done, Total: p.Total}, nil
	case p.Status == "failed":
		out.Error, out.Stats = p.Error, nil
	}
	if out.Placements == nil {
		out.Placements = []scheduler.Placement{}
	}
	if out.Unplaced == nil {
		out.Unplaced = []scheduler.Unplaced{}
	}
	if out.MeetingIDs == nil {
		out.MeetingIDs = []string{}
	}
	return out
}

func (s *Server) createProposal(c echo.Context) error {
	var req proposalRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	params := domain.ProposalParams{ID: domain.NewID(), From: req.From, To: req.To, RoomIDs: req.RoomIDs, RequestIDs: req.RequestIDs,
		TimeLimit: time.Duration(req.TimeLimitSeconds * float64(time.Second)), ExpectedAttendance: req.ExpectedAttendance}
	actor := actorOf(c)
	c.Response().Header().Set("Location", "/api/v1/scheduler/proposals/"+params.ID)
	if req.Wait != nil && !*req.Wait {
		// Stored as running before the answer, so that any instance can report on it.
		p, err := s.proposals.Begin(c.Request().Context(), actor, params)
		if err != nil {
			return err
		}
		// The run outlives the request (and its pooled echo context); its own time limit bounds it.
		bg := context.WithoutCancel(c.Request().Context())
		running := *p
		go func() {
			if err := s.proposals.Run(bg, actor, &running); err != nil && domain.ErrorCode(err) == domain.EINTERNAL {
				s.cfg.Log.Error("proposal failed", "proposal", running.ID, "error", err.Error())
			}
		}()
		return c.JSON(http.StatusAccepted, toProposalResponse(p))
	}
	p, err := s.proposals.Propose(c.Request().Context(), actor, params, nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toProposalResponse(p))
}

// proposalSummary is a proposal in the list: what it covers and how it went.
type proposalSummary struct {
	ID        string     `json:"id"`
	Status    string     `json:"status"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	AppliedAt *time.Time `json:"applied_at,omitempty"`
	From      time.Time  `json:"from"`
	To        time.Time  `json:"to"`
	Placed    int        `json:"placed"`
	Unplaced  int        `json:"unplaced"`
	Objective int        `json:"objective"`
}

func summarise(p proposalResponse) proposalSummary {
	return proposalSummary{ID: p.ID, Status: p.Status, CreatedAt: p.CreatedAt, AppliedAt: p.AppliedAt, From: p.From, To: p.To,
		Placed: len(p.Placements), Unplaced: len(p.Unplaced), Objective: p.Objective}
}

// listProposals answers the 20 latest proposals, newest first.
func (s *Server) listProposals(c echo.Context) error {
	stored, err := s.proposals.List(c.Request().Context(), actorOf(c), 20)
	if err != nil {
		return err
	}
	items := make([]proposalSummary, len(stored))
	for i := range stored {
		items[i] = summarise(toProposalResponse(&stored[i]))
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getProposal(c echo.Context) error {
	actor := actorOf(c)
	if err := domain.CanPlan(actor); err != nil {
		return err
	}
	p, err := s.proposals.Get(c.Request().Context(), actor, c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toProposalResponse(p))
}

type applyResponse struct {
	MeetingIDs []string `json:"meeting_ids"`
}

func (s *Server) applyProposal(c echo.Context) error {
	idem, err := idempotency(c, []byte(c.Param("id")))
	if err != nil {
		return err
	}
	ids, err := s.proposals.Apply(c.Request().Context(), actorOf(c), c.Param("id"), idem)
	if err != nil {
		return err
	}
	if ids == nil {
		ids = []string{}
	}
	return c.JSON(http.StatusOK, applyResponse{MeetingIDs: ids})
}
