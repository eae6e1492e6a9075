package repository

import (
	"context"
	"encoding/json"
	"time"

	"summit/domain"
	"summit/domain/scheduler"
)

type proposalRow struct {
	ID            string `gorm:"primaryKey"`
	CreatedBy     *string
	Params        string
	Plan          string
	Basis         string
	Status        string
	ProgressDone  int
	ProgressTotal int
	Error         string
	AppliedAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time `gorm:"autoUpdateTime:false"`
}

func (proposalRow) TableName() string { return "scheduler_proposals" }

// proposalBasis is what the basis column holds.
type proposalBasis struct {
	Versions   map[string]int      `json:"versions"`
	MeetingIDs []string            `json:"meeting_ids,omitempty"`
	Languages  map[string][]string `json:"languages"`
	Seats      map[string]int      `json:"seats"`
}

// proposalParams is what the params column holds.
type proposalParams struct {
	From               time.Time `json:"from"`
	To                 time.Time `json:"to"`
	RoomIDs            []string  `json:"room_ids,omitempty"`
	RequestIDs         []string  `json:"request_ids,omitempty"`
	TimeLimitSeconds   float64   `json:"time_limit_seconds"`
	ExpectedAttendance int       `json:"expected_attendance"`
}

func toProposalRow(p *domain.Proposal) (proposalRow, error) {
	params, err := json.Marshal(proposalParams{From: p.Params.From.UTC(), To: p.Params.To.UTC(), RoomIDs: p.Params.RoomIDs,
		RequestIDs: p.Params.RequestIDs, TimeLimitSeconds: p.Params.TimeLimit.Seconds(), ExpectedAttendance: p.Params.ExpectedAttendance})
	if err != nil {
		return proposalRow{}, err
	}
	plan, err := json.Marshal(p.Plan)
	if err != nil {
		return proposalRow{}, err
	}
	basis, err := json.Marshal(proposalBasis{Versions: p.Basis, MeetingIDs: p.MeetingIDs, Languages: p.Languages, Seats: p.Seats})
	if err != nil {
		return proposalRow{}, err
	}
	return proposalRow{ID: p.ID, CreatedBy: nullable(p.CreatedBy), Params: string(params), Plan: string(plan), Basis: string(basis),
		Status: string(p.Status), ProgressDone: p.Done, ProgressTotal: p.Total, Error: p.Error,
		AppliedAt: utcPtr(p.AppliedAt), CreatedAt: utc(p.CreatedAt), UpdatedAt: utc(p.UpdatedAt)}, nil
}

// CreateProposal stores a proposal.
func (r *Repos) CreateProposal(ctx context.Context, p *domain.Proposal) error {
	row, err := toProposalRow(p)
	if err != nil {
		return err
	}
	return translate(r.w(ctx).Create(&row).Error)
}

// SaveProposal writes p's status, progress, error and plan over the stored one.
func (r *Repos) SaveProposal(ctx context.Context, p *domain.Proposal) error {
	row, err := toProposalRow(p)
	if err != nil {
		return err
	}
	res := r.w(ctx).Model(&proposalRow{}).Where("id = ?", p.ID).Updates(map[string]any{"plan": row.Plan, "basis": row.Basis,
		"status": row.Status, "progress_done": row.ProgressDone, "progress_total": row.ProgressTotal, "error": row.Error, "updated_at": row.UpdatedAt})
	if res.Error == nil && res.RowsAffected == 0 {
		return domain.Errorf(domain.ENOTFOUND, "No such proposal.")
	}
	return translate(res.Error)
}

// ProposalByID returns the proposal with id, ENOTFOUND when absent.
func (r *Repos) ProposalByID(ctx context.Context, id string) (*domain.Proposal, error) {
	var row proposalRow
	if err := r.q(ctx).Where("id = ?", id).Take(&row).Error; err != nil {
		return nil, translate(err)
	}
	p, err := row.proposal()
	return &p, err
}

// ListProposals returns the latest limit proposals, newest first.
func (r *Repos) ListProposals(ctx context.Context, limit int) ([]domain.Proposal, error) {
	var rows []proposalRow
	if err := r.q(ctx).Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err)
	}
	out := make([]domain.Proposal, len(rows))
	for i, row := range rows {
		var err error
		if out[i], err = row.proposal(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (row proposalRow) proposal() (domain.Proposal, error) {
	var params proposalParams
	var plan scheduler.Plan
	var basis proposalBasis
	for _, x := range []struct {
		text string
		v    any
	}{{row.Params, &params}, {row.Plan, &plan}, {row.Basis, &basis}} {
		if err := json.Unmarshal([]byte(x.text), x.v); err != nil {
			return domain.Proposal{}, err
		}
	}
	return domain.Proposal{ID: row.ID, CreatedBy: deref(row.CreatedBy), CreatedAt: utc(row.CreatedAt), AppliedAt: utcPtr(row.AppliedAt),
		Status: domain.ProposalStatus(row.Status), Done: row.ProgressDone, Total: row.ProgressTotal, Error: row.Error, UpdatedAt: utc(row.UpdatedAt),
		Params: domain.ProposalParams{From: params.From, To: params.To, RoomIDs: params.RoomIDs, RequestIDs: params.RequestIDs,
			TimeLimit: time.Duration(params.TimeLimitSeconds * float64(time.Second)), ExpectedAttendance: params.ExpectedAttendance},
		Plan: plan, Basis: basis.Versions, MeetingIDs: basis.MeetingIDs, Languages: basis.Languages, Seats: basis.Seats}, nil
}

// MarkProposalApplied records that p was applied with its meetings; false when it was already.
func (r *Repos) MarkProposalApplied(ctx context.Context, p *domain.Proposal) (bool, error) {
	now := time.Now().UTC()
	p.AppliedAt = &now
	row, err := toProposalRow(p)
	if err != nil {
		return false, err
	}
	res := r.w(ctx).Model(&proposalRow{}).Where("id = ? AND applied_at IS NULL", p.ID).
		Updates(map[string]any{"applied_at": now, "basis": row.Basis})
	return res.RowsAffected == 1, translate(res.Error)
}
