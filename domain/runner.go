package domain

import (
	"context"
	"sync"
)

// ProposalRunner runs scheduler proposals in the background, each until its
// time limit or until Stop. Stop ends the searches early and waits until
// every run has stored the best plan it found, so that a server shutting
// down leaves no run behind.
type ProposalRunner struct {
	proposals Proposals
	onError   func(proposalID string, err error)
	ctx       context.Context
	cancel    context.CancelFunc
	mu        sync.Mutex
	runs      sync.WaitGroup
	stopped   bool
}

// NewProposalRunner returns a runner of p's proposals; onError, when set,
// is told of runs that failed for an internal reason (a broken database).
func NewProposalRunner(p Proposals, onError func(proposalID string, err error)) *ProposalRunner {
	ctx, cancel := context.WithCancel(context.Background())
	return &ProposalRunner{proposals: p, onError: onError, ctx: ctx, cancel: cancel}
}

// Start stores a running proposal for params (as Proposals.Begin, with its
// errors) and solves it in the background. After Stop it refuses (EINTERNAL).
func (r *ProposalRunner) Start(ctx context.Context, actor Actor, params ProposalParams) (*Proposal, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return nil, Errorf(EINTERNAL, "The server is shutting down.")
	}
	p, err := r.proposals.Begin(ctx, actor, params)
	if err != nil {
		return nil, err
	}
	running := *p
	r.runs.Add(1)
	go func() {
		defer r.runs.Done()
		if err := r.proposals.Run(r.ctx, actor, &running); err != nil && ErrorCode(err) == EINTERNAL && r.onError != nil {
			r.onError(running.ID, err)
		}
	}()
	return p, nil
}

// Stop ends every run's search early and waits until each has stored its outcome.
func (r *ProposalRunner) Stop() {
	r.mu.Lock()
	r.stopped = true
	r.mu.Unlock()
	r.cancel()
	r.runs.Wait()
}
