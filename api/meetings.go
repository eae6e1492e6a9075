package api

import (
	"bytes"
	"io"
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
	Version            int               `json:"version"`
	CreatedAt          time.Time         `json:"created_at"`
	UpdatedAt          time.Time         `json:"updated_at"`
}

func toMeetingResponse(m *domain.Meeting) meetingResponse {
	out := meetingResponse{ID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt.UTC(),
		Status: m.Status, Visibility: m.Visibility, Languages: nonNil(m.Languages), ExpectedAttendance: m.ExpectedAttendance,
		Participants: []participantBody{}, Allow: nonNil(m.Allow), Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
	if m.RoomID != "" {
		out.RoomID = &m.RoomID
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
}

// onto lays the request over base: what the request gives replaces base's.
func (r meetingRequest) onto(base domain.MeetingInput) domain.MeetingInput {
	set := func(dst *string, o optional[string]) {
		if o.Set {
			*dst = ""
			if o.Value != nil {
				*dst = *o.Value
			}
		}
	}
	set(&base.Title, r.Title)
	set(&base.Kind, r.Kind)
	set(&base.RoomID, r.RoomID)
	set(&base.Status, r.Status)
	set(&base.Visibility, r.Visibility)
	if v := r.StartsAt.val(); v != nil || r.StartsAt.Set {
		base.StartsAt = time.Time{}
		if v != nil {
			base.StartsAt = *v
		}
	}
	if v := r.EndsAt.val(); v != nil || r.EndsAt.Set {
		base.EndsAt = time.Time{}
		if v != nil {
			base.EndsAt = *v
		}
	}
	if r.Languages.Set {
		base.Languages = deref(r.Languages.Value)
	}
	if v := r.ExpectedAttendance.val(); v != nil {
		base.ExpectedAttendance = *v
	}
	if r.Participants.Set {
		base.Participants = nil
		for _, p := range deref(r.Participants.Value) {
			base.Participants = append(base.Participants, domain.Participant{DelegationID: p.DelegationID, MemberIDs: p.MemberIDs})
		}
	}
	if r.Allow.Set {
		base.Allow = deref(r.Allow.Value)
	}
	return base
}

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

// newMeetingDefaults are what a new meeting is unless the body says otherwise.
var newMeetingDefaults = domain.MeetingInput{Status: "draft", Visibility: "participants"}

func inputOf(m *domain.Meeting) domain.MeetingInput {
	return domain.MeetingInput{Title: m.Title, Kind: m.Kind, StartsAt: m.StartsAt, EndsAt: m.EndsAt, RoomID: m.RoomID,
		Status: m.Status, Visibility: m.Visibility, Languages: m.Languages, ExpectedAttendance: m.ExpectedAttendance,
		Participants: m.Participants, Allow: m.Allow}
}

// bindMeeting reads a meeting body and keeps the raw body for idempotency.
func bindMeeting(c echo.Context) (meetingRequest, []byte, error) {
	var req meetingRequest
	body, err := bindWithBody(c, &req)
	return req, body, err
}

// bindWithBody binds a JSON body into v and returns the raw body too.
func bindWithBody(c echo.Context, v any) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, decodeError(err)
	}
	c.Request().Body = io.NopCloser(bytes.NewReader(body))
	return body, bindJSON(c, v)
}

func (s *Server) listMeetings(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := domain.MeetingFilter{RoomID: c.QueryParam("room_id"), DelegationID: c.QueryParam("delegation_id"),
		Status: c.QueryParam("status"), Kind: c.QueryParam("kind")}
	if f.From, err = timeParam(c, "from"); err != nil {
		return err
	}
	if f.To, err = timeParam(c, "to"); err != nil {
		return err
	}
	ms, next, err := s.meetings.List(c.Request().Context(), actorOf(c), f, p)
	if err != nil {
		return err
	}
	out := list[meetingResponse]{Items: make([]meetingResponse, len(ms)), NextCursor: next}
	for i := range ms {
		out.Items[i] = toMeetingResponse(&ms[i])
	}
	return c.JSON(http.StatusOK, out)
}

// timeParam reads an RFC 3339 query parameter; zero when absent.
func timeParam(c echo.Context, name string) (time.Time, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return t, malformed(name, "must be an RFC 3339 time such as 2024-07-04T10:00:00+05:00")
	}
	return t, nil
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
	m, err := s.meetings.Create(c.Request().Context(), actorOf(c), req.onto(newMeetingDefaults), idem)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/meetings/"+m.ID)
	return withETag(c, http.StatusCreated, m.Version, toMeetingResponse(m))
}

func (s *Server) getMeeting(c echo.Context) error {
	m, err := s.meetings.Get(c.Request().Context(), actorOf(c), c.Param("id"))
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
	ctx, actor := c.Request().Context(), actorOf(c)
	current, err := s.meetings.Get(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	m, err := s.meetings.Update(ctx, actor, current.ID, req.onto(inputOf(current)), version)
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
	confirmed, err := s.meetings.Confirm(c.Request().Context(), actorOf(c), req.MeetingIDs)
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
	if err := s.meetings.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type checkResponse struct {
	Conflicts   []domain.Conflict `json:"conflicts"`
	Warnings    []domain.Conflict `json:"warnings"`
	Suggestions []slotResponse    `json:"suggestions"`
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
	ctx, actor := c.Request().Context(), actorOf(c)
	base, id := newMeetingDefaults, c.QueryParam("meeting_id")
	if id != "" {
		current, err := s.meetings.Get(ctx, actor, id)
		if err != nil {
			return err
		}
		base = inputOf(current)
	}
	res, err := s.meetings.Check(ctx, actor, id, req.onto(base))
	if err != nil {
		return err
	}
	out := checkResponse{Conflicts: res.Conflicts, Warnings: res.Warnings, Suggestions: []slotResponse{}}
	for _, slot := range res.Suggestions {
		out.Suggestions = append(out.Suggestions, slotResponse{StartsAt: slot.StartsAt, EndsAt: slot.EndsAt})
	}
	if out.Conflicts == nil {
		out.Conflicts = []domain.Conflict{}
	}
	if out.Warnings == nil {
		out.Warnings = []domain.Conflict{}
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
}

func (s *Server) agenda(c echo.Context) error {
	q := domain.AgendaQuery{DelegationID: c.QueryParam("delegation_id"), RoomID: c.QueryParam("room_id"),
		MemberID: c.QueryParam("member_id"), Date: c.QueryParam("date")}
	items, err := s.meetings.Agenda(c.Request().Context(), actorOf(c), q)
	if err != nil {
		return err
	}
	out := list[agendaItemResponse]{Items: make([]agendaItemResponse, len(items))}
	for i, it := range items {
		r := agendaItemResponse{MeetingID: it.ID, Title: it.Title, Kind: it.Kind, Status: it.Status, Visibility: it.Visibility,
			StartsAt: it.StartsAt.UTC(), EndsAt: it.EndsAt.UTC(), RoomName: it.RoomName, VenueName: it.VenueName, Version: it.Version}
		if it.RoomID != "" {
			r.RoomID = &items[i].RoomID
		}
		if it.VenueID != "" {
			r.VenueID = &items[i].VenueID
		}
		out.Items[i] = r
	}
	return c.JSON(http.StatusOK, out)
}
