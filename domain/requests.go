package domain

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"
)

// RequestInput is a bilateral request as its delegation files it.
type RequestInput struct {
	FromDelegationID string // a delegate's own delegation when empty
	ToDelegationID   string
	DurationMinutes  int
	Priority         int
	Earliest, Latest *time.Time
	Note             string
}

// Requests is the service for bilateral requests: a delegation asks another
// to meet; the other accepts or declines; the requester may withdraw; the
// scheduler places accepted ones. Only the two delegations and organisers
// ever see a request.
type Requests struct {
	Store RequestStore
	Clock Clock
}

// RequestRepos are what the requests service reads and writes.
type RequestRepos interface {
	DelegationReader
	RequestRepo
	IdempotencyRepo
	AuditAppender
}

// RequestStore is what the requests service keeps its data in.
type RequestStore interface {
	RequestRepos
	Transactor[RequestRepos]
}

// canSeeRequest reports whether the actor may see r.
func canSeeRequest(a Actor, r *BilateralRequest) bool {
	return CanSeeMembers(a, r.FromDelegationID) || CanSeeMembers(a, r.ToDelegationID)
}

// List returns one page of the requests the actor may see.
func (s Requests) List(ctx context.Context, actor Actor, f RequestFilter, p Page) ([]BilateralRequest, string, error) {
	if _, ok := ParseRequestStatus(string(f.Status)); f.Status != "" && !ok {
		var v Validation
		v.Add("status", "must be one of %s", oneOf(RequestStatuses))
		return nil, "", v.Err()
	}
	if !actor.IsOrganiser() && !actor.IsSystem() {
		if f.DelegationID != "" && f.DelegationID != actor.DelegationID {
			return nil, "", nil // another delegation's requests: none the actor may see
		}
		f.DelegationID = actor.DelegationID
	}
	return s.Store.ListRequests(ctx, f, p)
}

// Get returns the request with id when the actor may see it (ENOTFOUND otherwise).
func (s Requests) Get(ctx context.Context, actor Actor, id string) (*BilateralRequest, error) {
	r, err := s.Store.RequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !canSeeRequest(actor, r) {
		return nil, Errorf(ENOTFOUND, "Not found.")
	}
	return r, nil
}

// Create files a request: delegates for their own delegation, organisers for
// any. An open request between the same two delegations is ECONFLICT.
func (s Requests) Create(ctx context.Context, actor Actor, in RequestInput, idem *Idempotency) (*BilateralRequest, error) {
	if in.FromDelegationID == "" {
		in.FromDelegationID = actor.DelegationID
	}
	if !actor.IsOrganiser() && !actor.IsSystem() && in.FromDelegationID != actor.DelegationID {
		return nil, errForbidden("file requests for another delegation")
	}
	if err := validateRequest(in); err != nil {
		return nil, err
	}
	r := BilateralRequest{FromDelegationID: in.FromDelegationID, ToDelegationID: in.ToDelegationID, DurationMinutes: in.DurationMinutes,
		Priority: in.Priority, Earliest: utcPtr(in.Earliest), Latest: utcPtr(in.Latest), Note: in.Note, Status: RequestPending, CreatedBy: actor.UserID}
	var out *BilateralRequest
	err := s.Store.WithTx(ctx, func(tx RequestRepos) error {
		if done, err := replay(ctx, tx, actor, idem); err != nil || done != "" {
			if err == nil {
				out, err = tx.RequestByID(ctx, done)
			}
			return err
		}
		if err := checkRequestPair(ctx, tx, &r); err != nil {
			return err
		}
		if err := tx.CreateRequest(ctx, &r); err != nil {
			return err
		}
		if err := remember(ctx, tx, actor, idem, 201, r.ID); err != nil {
			return err
		}
		out = &r
		return s.Clock.audit(ctx, tx, actor, "create", "bilateral_request", r.ID, nil, &r)
	})
	return out, err
}

// validateRequest checks a new request's fields, naming every bad one.
func validateRequest(in RequestInput) error {
	var v Validation
	v.Check(in.FromDelegationID != "", "from_delegation_id", "is required")
	v.Check(in.ToDelegationID != "", "to_delegation_id", "is required")
	v.Check(in.ToDelegationID != in.FromDelegationID, "to_delegation_id", "a delegation does not meet itself")
	v.Check(in.DurationMinutes >= 10 && in.DurationMinutes <= 240, "duration_minutes", "must be 10 to 240")
	v.Check(in.Priority >= 1 && in.Priority <= 5, "priority", "must be 1 to 5")
	if in.Earliest != nil && in.Latest != nil {
		v.Check(in.Latest.Sub(*in.Earliest) >= time.Duration(in.DurationMinutes)*time.Minute, "latest", "must leave room for the meeting after earliest")
	}
	v.Check(utf8.RuneCountInString(in.Note) <= 1000, "note", "must be at most 1000 characters")
	return v.Err()
}

// checkRequestPair checks, in tx, that both delegations of r exist and have
// no open request between them yet (ECONFLICT).
func checkRequestPair(ctx context.Context, tx RequestRepos, r *BilateralRequest) error {
	var fields Validation
	for _, side := range [][2]string{{"from_delegation_id", r.FromDelegationID}, {"to_delegation_id", r.ToDelegationID}} {
		if _, err := tx.DelegationByID(ctx, side[1]); ErrorCode(err) == ENOTFOUND {
			fields.Add(side[0], "no such delegation")
		} else if err != nil {
			return err
		}
	}
	if err := fields.Err(); err != nil {
		return err
	}
	open, _, err := tx.ListRequests(ctx, RequestFilter{DelegationID: r.FromDelegationID}, Page{Limit: 500})
	if err != nil {
		return err
	}
	for _, o := range open {
		samePair := o.FromDelegationID == r.FromDelegationID && o.ToDelegationID == r.ToDelegationID ||
			o.FromDelegationID == r.ToDelegationID && o.ToDelegationID == r.FromDelegationID
		if samePair && o.Status.Open() {
			return Errorf(ECONFLICT, "These two delegations already have an open request (%s).", o.Status)
		}
	}
	return nil
}

// transitions says which statuses a request may move to from which, and who may move it.
var transitions = map[RequestStatus]struct {
	from     []RequestStatus
	receiver bool // the receiving delegation (else the requesting one)
}{
	RequestAccepted:  {[]RequestStatus{RequestPending}, true},
	RequestDeclined:  {[]RequestStatus{RequestPending, RequestAccepted}, true},
	RequestWithdrawn: {[]RequestStatus{RequestPending, RequestAccepted}, false},
}

// Move changes a request's status to accepted, declined (the receiving
// delegation's delegates) or withdrawn (the requesting one's); organisers may
// do all three. A request that is not in a state it can move from is ECONFLICT.
func (s Requests) Move(ctx context.Context, actor Actor, id string, status RequestStatus) (*BilateralRequest, error) {
	t := transitions[status]
	var out *BilateralRequest
	err := s.Store.WithTx(ctx, func(tx RequestRepos) error {
		r, err := tx.RequestByID(ctx, id)
		if err != nil {
			return err
		}
		if !canSeeRequest(actor, r) {
			return Errorf(ENOTFOUND, "Not found.")
		}
		side := r.FromDelegationID
		if t.receiver {
			side = r.ToDelegationID
		}
		if !CanSeeMembers(actor, side) {
			if t.receiver {
				return errForbidden("answer a request your delegation filed; the other delegation answers it")
			}
			return errForbidden("withdraw another delegation's request")
		}
		if !slices.Contains(t.from, r.Status) {
			return Errorf(ECONFLICT, "The request is %s; it cannot become %s.", r.Status, status)
		}
		before := *r
		r.Status = status
		if err := tx.UpdateRequest(ctx, r); err != nil {
			return err
		}
		out = r
		return s.Clock.audit(ctx, tx, actor, string(status), "bilateral_request", id, &before, r)
	})
	return out, err
}
