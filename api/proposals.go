package api

import (
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
	// Best and UpperBound: the best plan so far places Best of at most
	// UpperBound; absent until the search has a bound.
	Best       *int `json:"best,omitempty"`
	UpperBound *int `json:"upper_bound,omitempty"`
}

type proposalResponse struct {
	ID         string          `json:"id"`
	Status     string          `json:"status"` // running, ready, applied, failed
	Progress   *progressBody   `json:"progress,omitempty"`
	Error      string          `json:"error,omitempty"`
	CreatedAt  *time.Time      `json:"created_at,omitempty"`
	AppliedAt  *time.Time      `json:"applied_at,omitempty"`
	From       time.Time       `json:"from"`
	To         time.Time       `json:"to"`
	Placements []placementBody `json:"placements"`
	Unplaced   []unplacedBody  `json:"unplaced"`
	Objective  int             `json:"objective"`
	Stats      *statsBody      `json:"stats,omitempty"`
	MeetingIDs []string        `json:"meeting_ids"`
}

// placementBody is where and when a proposal would book a request.
type placementBody struct {
	RequestID string    `json:"request_id"`
	RoomID    string    `json:"room_id"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
}

// unplacedBody is a request a proposal leaves out, and why.
type unplacedBody struct {
	RequestID string `json:"request_id"`
	Reason    string `json:"reason"`
}

// statsBody describes the scheduler's search.
type statsBody struct {
	Seconds      float64 `json:"seconds"`
	Iterations   int     `json:"iterations"`
	Improvements int     `json:"improvements"`
	Candidates   int     `json:"candidates"`
	UpperBound   int     `json:"upper_bound"`
	TimeLimitHit bool    `json:"time_limit_hit"`
	Optimal      bool    `json:"optimal"`
	Workers      int     `json:"workers"`
}

func toStatsBody(st scheduler.Stats) *statsBody {
	b := statsBody(st)
	return &b
}

// toProposalResponse shows p as it stands at now.
func toProposalResponse(p *domain.Proposal, now time.Time) proposalResponse {
	status, why := p.State(now)
	out := proposalResponse{ID: p.ID, Status: string(status), Error: why, CreatedAt: &p.CreatedAt, AppliedAt: p.AppliedAt,
		From: p.Params.From.UTC(), To: p.Params.To.UTC(), Objective: p.Plan.Objective, Stats: toStatsBody(p.Plan.Stats),
		MeetingIDs: p.MeetingIDs, Placements: []placementBody{}, Unplaced: []unplacedBody{}}
	switch status {
	case domain.ProposalRunning:
		out.Progress, out.Stats = &progressBody{Done: p.Done, Total: p.Total}, nil
		if bound := p.Plan.Stats.UpperBound; bound > 0 {
			best := p.Plan.Objective
			out.Progress.Best, out.Progress.UpperBound = &best, &bound
		}
		out.Objective = 0 // the plan is not there yet
	case domain.ProposalFailed:
		if p.Status == domain.ProposalFailed { // an abandoned run shows the stats it had
			out.Stats = nil
		}
	}
	for _, pl := range p.Plan.Placements {
		out.Placements = append(out.Placements, placementBody(pl))
	}
	for _, u := range p.Plan.Unplaced {
		out.Unplaced = append(out.Unplaced, unplacedBody(u))
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
		p, err := s.svc.Runner.Start(c.Request().Context(), actor, params)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusAccepted, toProposalResponse(p, s.cfg.Clock.Now()))
	}
	p, err := s.svc.Proposals.Propose(c.Request().Context(), actor, params, nil)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toProposalResponse(p, s.cfg.Clock.Now()))
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
	stored, err := s.svc.Proposals.List(c.Request().Context(), actorOf(c), 20)
	if err != nil {
		return err
	}
	items := make([]proposalSummary, len(stored))
	for i := range stored {
		items[i] = summarise(toProposalResponse(&stored[i], s.cfg.Clock.Now()))
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getProposal(c echo.Context) error {
	p, err := s.svc.Proposals.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toProposalResponse(p, s.cfg.Clock.Now()))
}

type applyResponse struct {
	MeetingIDs []string `json:"meeting_ids"`
}

func (s *Server) applyProposal(c echo.Context) error {
	idem, err := idempotency(c, []byte(c.Param("id")))
	if err != nil {
		return err
	}
	ids, err := s.svc.Proposals.Apply(c.Request().Context(), actorOf(c), c.Param("id"), idem)
	if err != nil {
		return err
	}
	if ids == nil {
		ids = []string{}
	}
	return c.JSON(http.StatusOK, applyResponse{MeetingIDs: ids})
}
