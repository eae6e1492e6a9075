package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	out := proposalResponse{ID: p.ID, Status: "ready", CreatedAt: &p.CreatedAt, AppliedAt: p.AppliedAt, From: p.Params.From.UTC(), To: p.Params.To.UTC(),
		Placements: p.Plan.Placements, Unplaced: p.Plan.Unplaced, Objective: p.Plan.Objective, Stats: &p.Plan.Stats, MeetingIDs: p.MeetingIDs}
	if p.AppliedAt != nil {
		out.Status = "applied"
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

// proposalRun is a proposal being computed in the background.
type proposalRun struct {
	params      domain.ProposalParams
	done, total atomic.Int64
	failed      atomic.Pointer[string]
}

// failedRunKept is how long a failed background proposal still answers.
var failedRunKept = 15 * time.Minute

// proposalRuns are this process's running proposals, for progress bars.
type proposalRuns struct{ m sync.Map }

func (s *Server) createProposal(c echo.Context) error {
	var req proposalRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	params := domain.ProposalParams{ID: domain.NewID(), From: req.From, To: req.To, RoomIDs: req.RoomIDs, RequestIDs: req.RequestIDs,
		TimeLimit: time.Duration(req.TimeLimitSeconds * float64(time.Second)), ExpectedAttendance: req.ExpectedAttendance}
	actor := actorOf(c)
	if req.Wait != nil && !*req.Wait {
		if err := s.proposals.Validate(actor, params); err != nil {
			return err
		}
		run := &proposalRun{params: params}
		s.runs.m.Store(params.ID, run)
		// The run outlives the request (and its pooled echo context); its own time limit bounds it.
		bg := context.WithoutCancel(c.Request().Context())
		go func() {
			_, err := s.proposals.Propose(bg, actor, params, func(done, total int) {
				run.done.Store(int64(done))
				run.total.Store(int64(total))
			})
			if err != nil {
				msg := domain.ErrorMessage(err)
				run.failed.Store(&msg)
				// Kept a while for whoever polls it, then forgotten.
				time.AfterFunc(failedRunKept, func() { s.runs.m.Delete(params.ID) })
				return
			}
			s.runs.m.Delete(params.ID)
		}()
		c.Response().Header().Set("Location", "/api/v1/scheduler/proposals/"+params.ID)
		return c.JSON(http.StatusAccepted, runningResponse(params.ID, run))
	}
	p, err := s.proposals.Propose(c.Request().Context(), actor, params, nil)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/scheduler/proposals/"+p.ID)
	return c.JSON(http.StatusCreated, toProposalResponse(p))
}

func runningResponse(id string, run *proposalRun) proposalResponse {
	out := proposalResponse{ID: id, Status: "running", From: run.params.From.UTC(), To: run.params.To.UTC(),
		Progress:   &progressBody{Done: int(run.done.Load()), Total: int(run.total.Load())},
		Placements: []scheduler.Placement{}, Unplaced: []scheduler.Unplaced{}, MeetingIDs: []string{}}
	if msg := run.failed.Load(); msg != nil {
		out.Status, out.Error, out.Progress = "failed", *msg, nil
	}
	return out
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

// listProposals answers this process's running proposals, then the latest
// stored ones, newest first.
func (s *Server) listProposals(c echo.Context) error {
	stored, err := s.proposals.List(c.Request().Context(), actorOf(c), 20)
	if err != nil {
		return err
	}
	items := []proposalSummary{}
	s.runs.m.Range(func(id, run any) bool {
		items = append(items, summarise(runningResponse(id.(string), run.(*proposalRun))))
		return true
	})
	slices.SortFunc(items, func(a, b proposalSummary) int { return strings.Compare(b.ID, a.ID) }) // ids grow with time
	for i := range stored {
		items = append(items, summarise(toProposalResponse(&stored[i])))
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getProposal(c echo.Context) error {
	actor := actorOf(c)
	if err := domain.CanPlan(actor); err != nil {
		return err
	}
	if run, ok := s.runs.m.Load(c.Param("id")); ok {
		return c.JSON(http.StatusOK, runningResponse(c.Param("id"), run.(*proposalRun)))
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
