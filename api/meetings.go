package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

type participantBody struct {
	DelegationID string   `json:"delegation_id"`
	MemberIDs    []string `json:"member_ids,omitempty"`
}

type meetingResponse struct {
	ID                 string            `json:"id"`
	Title              string            `json:"title"`
	Kind               string            `json:"kind"`
	StartsAt           time.Time         `json:"starts_at"`
	EndsAt             time.Time         `json:"ends_at"`
	RoomID             *string           `json:"room_id"`
	Status             string            `json:"status"`
	Visibility         string            `json:"visibility"`
	Languages          []string          `json:"languages"`
	ExpectedAttendance int               `json:"expected_attendance"`
	Participants       []participantBody `json:"participants"`
	Allow              []string          `json:"allow"`
	RequestID          *string           `json:"request_id"`
	Version            int               `json:"version"`
	CreatedAt          time.Time         `json:"created_at"`
	UpdatedAt          time.Time         `json:"updated_at"`
}

func toMeetingResponse(m *domain.Meeting) meetingResponse {
	out := meetingResponse{ID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt.UTC(),
		Status: string(m.Status), Visibility: m.Visibility, Languages: nonNil(m.Languages), ExpectedAttendance: m.ExpectedAttendance,
		Participants: []participantBody{}, Allow: nonNil(m.Allow), Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
	if m.RoomID != "" {
		out.RoomID = &m.RoomID
	}
	if m.RequestID != "" {
		out.RequestID = &m.RequestID
	}
	for _, p := range m.Participants {
		out.Participants = append(out.Participants, participantBody{DelegationID: p.DelegationID, MemberIDs: p.MemberIDs})
	}
	return out
}

// meetingRequest is the meeting body; on PATCH absent fields keep their values.
type meetingRequest struct {
	Title              optional[string]            `json:"title"`
	Kind               optional[string]            `json:"kind"`
	StartsAt           optional[time.Time]         `json:"starts_at"`
	EndsAt             optional[time.Time]         `json:"ends_at"`
	RoomID             optional[string]            `json:"room_id"`
	Status             optional[string]            `json:"status"`
	Visibility         optional[string]            `json:"visibility"`
	Languages          optional[[]string]          `json:"languages"`
	ExpectedAttendance optional[int]               `json:"expected_attendance"`
	Participants       optional[[]participantBody] `json:"participants"`
	Allow              optional[[]string]          `json:"allow"`
	RequestID          optional[string]            `json:"request_id"`
}

// patch is the change the body asks for: absent fields stay as they are;
// null clears a text, a time, the room, the request or a list
// (expected_attendance stays).
func (r meetingRequest) patch() domain.MeetingPatch {
	p := domain.MeetingPatch{Title: r.Title.orZero(), Kind: r.Kind.orZero(), StartsAt: r.StartsAt.orZero(), EndsAt: r.EndsAt.orZero(),
		RoomID: r.RoomID.orZero(), Visibility: r.Visibility.orZero(), Languages: r.Languages.orZero(),
		ExpectedAttendance: r.ExpectedAttendance.val(), Allow: r.Allow.orZero(), RequestID: r.RequestID.orZero()}
	if status := r.Status.orZero(); status != nil {
		p.Status = (*domain.MeetingStatus)(status)
	}
	if r.Participants.Set {
		ps := []domain.Participant(nil)
		for _, b := range deref(r.Participants.Value) {
			ps = append(ps, domain.Participant{DelegationID: b.DelegationID, MemberIDs: b.MemberIDs})
		}
		p.Participants = &ps
	}
	return p
}

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

// bindMeeting reads a meeting body and keeps the raw body for idempotency.
func bindMeeting(c echo.Context) (meetingRequest, []byte, error) {
	var req meetingRequest
	body, err := bindWithBody(c, &req)
	return req, body, err
}

func (s *Server) listMeetings(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	if done, err := s.notModified(c, callerKey(actorOf(c))); done || err != nil {
		return err
	}
	f := domain.MeetingFilter{RoomID: c.QueryParam("room_id"), DelegationID: c.QueryParam("delegation_id"),
		Status: domain.MeetingStatus(c.QueryParam("status")), Kind: c.QueryParam("kind")}
	if f.From, err = timeParam(c, "from"); err != nil {
		return err
	}
	if f.To, err = timeParam(c, "to"); err != nil {
		return err
	}
	ms, next, err := s.svc.Meetings.List(c.Request().Context(), actorOf(c), f, p)
	if err != nil {
		return err
	}
	out := list[meetingResponse]{Items: make([]meetingResponse, len(ms)), NextCursor: next}
	for i := range ms {
		out.Items[i] = toMeetingResponse(&ms[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createMeeting(c echo.Context) error {
	req, body, err := bindMeeting(c)
	if err != nil {
		return err
	}
	idem, err := idempotency(c, body)
	if err != nil {
		return err
	}
	m, err := s.svc.Meetings.Create(c.Request().Context(), actorOf(c), req.patch(), idem)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/meetings/"+m.ID)
	return withETag(c, http.StatusCreated, m.Version, toMeetingResponse(m))
}

func (s *Server) getMeeting(c echo.Context) error {
	m, err := s.svc.Meetings.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, m.Version, toMeetingResponse(m))
}

func (s *Server) updateMeeting(c echo.Context) error {
	req, _, err := bindMeeting(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	m, err := s.svc.Meetings.Update(c.Request().Context(), actorOf(c), c.Param("id"), req.patch(), version)
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, m.Version, toMeetingResponse(m))
}

type confirmRequest struct {
	MeetingIDs []string `json:"meeting_ids"`
}

// confirmMeetings confirms draft meetings all at once (see Meetings.Confirm).
func (s *Server) confirmMeetings(c echo.Context) error {
	var req confirmRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	confirmed, err := s.svc.Meetings.Confirm(c.Request().Context(), actorOf(c), req.MeetingIDs)
	if err != nil {
		return err
	}
	items := make([]meetingResponse, len(confirmed))
	for i := range confirmed {
		items[i] = toMeetingResponse(&confirmed[i])
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

func (s *Server) deleteMeeting(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.svc.Meetings.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type checkResponse struct {
	Conflicts   []conflictBody `json:"conflicts"`
	Warnings    []conflictBody `json:"warnings"`
	Suggestions []slotResponse `json:"suggestions"`
}

type slotResponse struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

// checkMeeting runs the rules on a meeting body without writing anything;
// ?meeting_id= checks a change to that meeting.
func (s *Server) checkMeeting(c echo.Context) error {
	req, _, err := bindMeeting(c)
	if err != nil {
		return err
	}
	res, err := s.svc.Meetings.Check(c.Request().Context(), actorOf(c), c.QueryParam("meeting_id"), req.patch())
	if err != nil {
		return err
	}
	out := checkResponse{Conflicts: toConflictBodies(res.Conflicts), Warnings: toConflictBodies(res.Warnings), Suggestions: []slotResponse{}}
	for _, slot := range res.Suggestions {
		out.Suggestions = append(out.Suggestions, slotResponse{StartsAt: slot.StartsAt, EndsAt: slot.EndsAt})
	}
	return c.JSON(http.StatusOK, out)
}

type agendaItemResponse struct {
	MeetingID  string    `json:"meeting_id"`
	Title      string    `json:"title"`
	Kind       string    `json:"kind"`
	Status     string    `json:"status"`
	Visibility string    `json:"visibility"`
	StartsAt   time.Time `json:"starts_at"`
	EndsAt     time.Time `json:"ends_at"`
	RoomID     *string   `json:"room_id"`
	RoomName   string    `json:"room_name"`
	VenueID    *string   `json:"venue_id"`
	VenueName  string    `json:"venue_name"`
	Version    int       `json:"version"`
	// Movement is set on items of kind movement (CONTRACT section 14).
	Movement *movementResponse `json:"movement,omitempty"`
}

func (s *Server) agenda(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	q := domain.AgendaQuery{DelegationID: c.QueryParam("delegation_id"), RoomID: c.QueryParam("room_id"),
		MemberID: c.QueryParam("member_id"), Date: c.QueryParam("date"), Page: p}
	if done, err := s.notModified(c, callerKey(actorOf(c))); done || err != nil {
		return err
	}
	items, next, err := s.svc.Meetings.AgendaPage(c.Request().Context(), actorOf(c), q)
	if err != nil {
		return err
	}
	// A page carries the movements of its own meetings.
	if items, err = s.itemsWithMovements(c, q, items); err != nil {
		return err
	}
	out := list[agendaItemResponse]{Items: make([]agendaItemResponse, len(items)), NextCursor: next}
	for i, it := range items {
		r := agendaItemResponse{MeetingID: it.ID, Title: it.Title, Kind: it.Kind, Status: string(it.Status), Visibility: it.Visibility,
			StartsAt: it.StartsAt.UTC(), EndsAt: it.EndsAt.UTC(), RoomName: it.RoomName, VenueName: it.VenueName, Version: it.Version}
		if it.RoomID != "" {
			r.RoomID = &items[i].RoomID
		}
		if it.VenueID != "" {
			r.VenueID = &items[i].VenueID
		}
		if it.Movement != nil {
			mv := toMovementResponse(it.Movement)
			r.Movement = &mv
		}
		out.Items[i] = r
	}
	return c.JSON(http.StatusOK, out)
}

// shiftRequest is the body of POST /meetings/shift.
type shiftRequest struct {
	RoomID  string    `json:"room_id"`
	VenueID string    `json:"venue_id"`
	From    time.Time `json:"from"`
	Minutes int       `json:"minutes"`
	Allow   []string  `json:"allow"`
	DryRun  bool      `json:"dry_run"`
}

// shiftMeetings moves a room's or venue's later meetings that day (see Meetings.Shift).
func (s *Server) shiftMeetings(c echo.Context) error {
	var req shiftRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	moved, err := s.svc.Meetings.Shift(c.Request().Context(), actorOf(c), domain.ShiftRequest{RoomID: req.RoomID, VenueID: req.VenueID,
		From: req.From, Minutes: req.Minutes, Allow: req.Allow, DryRun: req.DryRun})
	if err != nil {
		return err
	}
	items := make([]meetingResponse, len(moved))
	for i := range moved {
		items[i] = toMeetingResponse(&moved[i])
	}
	return c.JSON(http.StatusOK, map[string]any{"moved": items})
}
