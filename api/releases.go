package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// releaseResponse is a release of the programme (CONTRACT section 11).
// meetings counts the frozen meetings the caller may see.
type releaseResponse struct {
	Number    int       `json:"number"`
	CreatedAt time.Time `json:"created_at"`
	Note      string    `json:"note"`
	Meetings  int       `json:"meetings"`
	// Message says so when the release froze nothing.
	Message string `json:"message,omitempty"`
}

func toReleaseResponse(r *domain.Release) releaseResponse {
	out := releaseResponse{Number: r.Number, CreatedAt: r.CreatedAt, Note: r.Note, Meetings: r.Meetings}
	if r.Meetings == 0 {
		out.Message = fmt.Sprintf("Release %d holds no meetings: nothing you may see was confirmed when it was made.", r.Number)
	}
	return out
}

// releasedMeetingResponse is a meeting's frozen image in a release.
type releasedMeetingResponse struct {
	ID                 string            `json:"id"`
	Title              string            `json:"title"`
	Kind               string            `json:"kind"`
	StartsAt           time.Time         `json:"starts_at"`
	EndsAt             time.Time         `json:"ends_at"`
	RoomID             *string           `json:"room_id"`
	RoomName           string            `json:"room_name"`
	VenueID            *string           `json:"venue_id"`
	VenueName          string            `json:"venue_name"`
	Status             string            `json:"status"`
	Visibility         string            `json:"visibility"`
	Languages          []string          `json:"languages"`
	ExpectedAttendance int               `json:"expected_attendance"`
	Participants       []participantBody `json:"participants"`
	Version            int               `json:"version"`
}

func toReleasedMeeting(m domain.ReleasedMeeting) releasedMeetingResponse {
	out := releasedMeetingResponse{ID: m.ID, Title: m.Title, Kind: m.Kind, StartsAt: m.StartsAt.UTC(), EndsAt: m.EndsAt.UTC(),
		RoomName: m.RoomName, VenueName: m.VenueName, Status: string(m.Status), Visibility: m.Visibility,
		Languages: nonNil(m.Languages), ExpectedAttendance: m.ExpectedAttendance, Participants: []participantBody{}, Version: m.Version}
	if m.RoomID != "" {
		out.RoomID = &m.RoomID
	}
	if m.VenueID != "" {
		out.VenueID = &m.VenueID
	}
	for _, p := range m.Participants {
		out.Participants = append(out.Participants, participantBody{DelegationID: p.DelegationID, MemberIDs: p.MemberIDs})
	}
	return out
}

func toReleasedMeetings(ms []domain.ReleasedMeeting) []releasedMeetingResponse {
	out := make([]releasedMeetingResponse, len(ms))
	for i, m := range ms {
		out[i] = toReleasedMeeting(m)
	}
	return out
}

type meetingChangeResponse struct {
	Before releasedMeetingResponse `json:"before"`
	After  releasedMeetingResponse `json:"after"`
}

// changesResponse is what changed between two images of the programme.
type changesResponse struct {
	Added   []releasedMeetingResponse `json:"added"`
	Changed []meetingChangeResponse   `json:"changed"`
	Removed []releasedMeetingResponse `json:"removed"`
}

func toChangesResponse(c domain.Changes) changesResponse {
	out := changesResponse{Added: toReleasedMeetings(c.Added), Changed: make([]meetingChangeResponse, len(c.Changed)),
		Removed: toReleasedMeetings(c.Removed)}
	for i, ch := range c.Changed {
		out.Changed[i] = meetingChangeResponse{Before: toReleasedMeeting(ch.Before), After: toReleasedMeeting(ch.After)}
	}
	return out
}

type publishRequest struct {
	Note string `json:"note"`
}

func (s *Server) publishRelease(c echo.Context) error {
	var req publishRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.svc.Releases.Publish(c.Request().Context(), actorOf(c), req.Note)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/releases/"+strconv.Itoa(r.Number))
	return c.JSON(http.StatusCreated, toReleaseResponse(r))
}

func (s *Server) listReleases(c echo.Context) error {
	rs, err := s.svc.Releases.List(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	out := list[releaseResponse]{Items: make([]releaseResponse, len(rs))}
	for i := range rs {
		out.Items[i] = toReleaseResponse(&rs[i])
	}
	return c.JSON(http.StatusOK, out)
}

// releaseNumber reads the release number of the path: anything but a
// positive number names no release (404).
func releaseNumber(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("number"))
	if err != nil || n < 1 {
		return 0, domain.Errorf(domain.ENOTFOUND, "There is no release %q.", c.Param("number"))
	}
	return n, nil
}

func (s *Server) getRelease(c echo.Context) error {
	n, err := releaseNumber(c)
	if err != nil {
		return err
	}
	r, ms, err := s.svc.Releases.Get(c.Request().Context(), actorOf(c), n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		releaseResponse
		Items []releasedMeetingResponse `json:"items"`
	}{toReleaseResponse(r), toReleasedMeetings(ms)})
}

func (s *Server) releaseChanges(c echo.Context) error {
	n, err := releaseNumber(c)
	if err != nil {
		return err
	}
	since := 0
	if raw := c.QueryParam("since"); raw != "" {
		if since, err = strconv.Atoi(raw); err != nil || since < 1 {
			var v domain.Validation
			v.Add("since", "must be the number of an earlier release, such as 1")
			return v.Err()
		}
	}
	ch, since, err := s.svc.Releases.Changes(c.Request().Context(), actorOf(c), n, since)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		Number int `json:"number"`
		Since  int `json:"since"` // 0: compared with no release (release 1)
		changesResponse
	}{n, since, toChangesResponse(ch)})
}

// myChangesResponse is GET /me/changes' answer: the changes' shape, and
// what they are measured from.
type myChangesResponse struct {
	changesResponse
	// Baseline: seen (since the caller last marked changes seen), release
	// (never marked: since the latest release) or none (never marked and
	// nothing released: no changes to tell).
	Baseline string     `json:"baseline"`
	SeenAt   *time.Time `json:"seen_at"`
	Release  int        `json:"release"`        // the release compared with, or the latest one when the caller marked seen; 0 for none
	Latest   int        `json:"latest_release"` // the latest release now, 0 for none
}

func (s *Server) myChanges(c echo.Context) error {
	ch, err := s.svc.Releases.Mine(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, myChangesResponse{changesResponse: toChangesResponse(ch.Changes), Baseline: ch.Baseline,
		SeenAt: ch.SeenAt, Release: ch.Release, Latest: ch.Latest})
}

func (s *Server) markChangesSeen(c echo.Context) error {
	p, n, err := s.svc.Releases.MarkSeen(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		SeenAt   time.Time `json:"seen_at"`
		Release  int       `json:"release"`
		Meetings int       `json:"meetings"`
	}{p.SeenAt, p.Release, n})
}
