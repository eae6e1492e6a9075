package api

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/badge"
	"summit/domain"
)

// Accreditation (CONTRACT section 15): access zones, badge categories,
// members' photos, badges as PDF, the badge key, and the check at the door.

type accessZoneResponse struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	RoomIDs   []string  `json:"room_ids"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toAccessZoneResponse(z *domain.AccessZone) accessZoneResponse {
	return accessZoneResponse{ID: z.ID, Name: z.Name, RoomIDs: nonNil(z.RoomIDs), Version: z.Version, CreatedAt: z.CreatedAt, UpdatedAt: z.UpdatedAt}
}

type accessZoneRequest struct {
	Name    optional[string]   `json:"name"`
	RoomIDs optional[[]string] `json:"room_ids"`
}

func (r accessZoneRequest) patch() domain.AccessZonePatch {
	return domain.AccessZonePatch{Name: r.Name.orZero(), RoomIDs: r.RoomIDs.orZero()}
}

type badgeCategoryResponse struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Colour    string    `json:"colour"`
	ZoneIDs   []string  `json:"zone_ids"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toBadgeCategoryResponse(c *domain.BadgeCategory) badgeCategoryResponse {
	return badgeCategoryResponse{ID: c.ID, Name: c.Name, Colour: c.Colour, ZoneIDs: nonNil(c.ZoneIDs), Version: c.Version,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

type badgeCategoryRequest struct {
	Name    optional[string]   `json:"name"`
	Colour  optional[string]   `json:"colour"`
	ZoneIDs optional[[]string] `json:"zone_ids"`
}

func (r badgeCategoryRequest) patch() domain.BadgeCategoryPatch {
	return domain.BadgeCategoryPatch{Name: r.Name.orZero(), Colour: r.Colour.orZero(), ZoneIDs: r.ZoneIDs.orZero()}
}

func (r accessZoneResponse) key() (string, int)    { return r.ID, r.Version }
func (r badgeCategoryResponse) key() (string, int) { return r.ID, r.Version }

func (s *Server) listAccessZones(c echo.Context) error {
	zs, err := s.svc.Accreditation.Zones(c.Request().Context(), actorOf(c))
	return listed(c, zs, err, toAccessZoneResponse)
}

func (s *Server) getAccessZone(c echo.Context) error {
	z, err := s.svc.Accreditation.Zone(c.Request().Context(), actorOf(c), c.Param("id"))
	return answered(c, z, err, toAccessZoneResponse)
}

// saveAccessZone creates (POST, no id) or changes (PATCH) a zone.
func (s *Server) saveAccessZone(c echo.Context) error {
	return saved[accessZoneRequest](c, toAccessZoneResponse, s.svc.Accreditation.SaveZone)
}

func (s *Server) deleteAccessZone(c echo.Context) error {
	return deleted(c, s.svc.Accreditation.DeleteZone)
}

func (s *Server) listBadgeCategories(c echo.Context) error {
	cs, err := s.svc.Accreditation.Categories(c.Request().Context(), actorOf(c))
	return listed(c, cs, err, toBadgeCategoryResponse)
}

func (s *Server) getBadgeCategory(c echo.Context) error {
	bc, err := s.svc.Accreditation.Category(c.Request().Context(), actorOf(c), c.Param("id"))
	return answered(c, bc, err, toBadgeCategoryResponse)
}

// saveBadgeCategory creates (POST, no id) or changes (PATCH) a category.
func (s *Server) saveBadgeCategory(c echo.Context) error {
	return saved[badgeCategoryRequest](c, toBadgeCategoryResponse, s.svc.Accreditation.SaveCategory)
}

func (s *Server) deleteBadgeCategory(c echo.Context) error {
	return deleted(c, s.svc.Accreditation.DeleteCategory)
}

// photoPath is the one route whose body may exceed bodyLimit (see New).
const photoPath = "/api/v1/members/:id/photo"

// putPhoto takes a member's photo as the raw body. The media type is
// checked first (415), then the declared length (413), and the body is
// read through a limit, so that nothing over 5 MiB is ever read.
func (s *Server) putPhoto(c echo.Context) error {
	req := c.Request()
	mediaType, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if mediaType != "image/jpeg" && mediaType != "image/png" {
		return domain.Errorf(domain.EMEDIATYPE, "Send the photo as image/jpeg or image/png, not %q.", mediaType)
	}
	tooLarge := domain.Errorf(domain.ETOOLARGE, "A photo may be at most 5 MiB.")
	if req.ContentLength > domain.MaxPhotoBytes {
		return tooLarge
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, domain.MaxPhotoBytes+1))
	if err != nil {
		return malformed("body", "could not be read")
	}
	if len(body) > domain.MaxPhotoBytes {
		return tooLarge
	}
	m, err := s.svc.Accreditation.SetPhoto(req.Context(), actorOf(c), c.Param("id"), mediaType, body)
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, m.Version, toMemberResponse(m))
}

func (s *Server) getPhoto(c echo.Context) error {
	p, err := s.svc.Accreditation.Photo(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Last-Modified", p.UpdatedAt.UTC().Format(http.TimeFormat))
	return c.Blob(http.StatusOK, "image/jpeg", p.JPEG)
}

func (s *Server) memberBadge(c echo.Context) error {
	b, err := s.svc.Accreditation.Badge(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return sendPDF(c, "badge-"+b.Member.ID, func(w *bytes.Buffer) error { return badge.Single(w, *b) })
}

func (s *Server) delegationBadges(c echo.Context) error {
	bs, err := s.svc.Accreditation.DelegationBadges(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return sendPDF(c, "badges-"+bs[0].Delegation.Code, func(w *bytes.Buffer) error { return badge.Sheet(w, bs) })
}

func (s *Server) rotateBadgeKey(c echo.Context) error {
	if err := s.svc.Accreditation.RotateBadgeKey(c.Request().Context(), actorOf(c)); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type accessCheckRequest struct {
	Token  string `json:"token"`
	RoomID string `json:"room_id"`
}

type accessMemberBody struct {
	ID             string `json:"id"`
	FullName       string `json:"full_name"`
	DelegationCode string `json:"delegation_code"`
	Position       string `json:"position"`
	Accreditation  string `json:"accreditation"`
	// Photo is the member's photo as a data: URL, for the guard to compare; "" when none.
	Photo string `json:"photo"`
}

type accessCheckResponse struct {
	Allowed bool              `json:"allowed"`
	Reason  string            `json:"reason"`
	Message string            `json:"message"`
	Member  *accessMemberBody `json:"member"`
}

// accessMessages say each reason in words.
var accessMessages = map[string]string{
	domain.AccessAllowed:       "Allowed.",
	domain.AccessInvalidToken:  "This is not a valid badge (forged, damaged, or printed before the badge key was changed).",
	domain.AccessUnknownMember: "The badge's holder is no longer accredited (deleted).",
	domain.AccessNotApproved:   "The holder's accreditation is not approved.",
	domain.AccessNoCategory:    "The holder has no badge category.",
	domain.AccessOutsideZones:  "The holder's badge category does not open this room.",
}

func (s *Server) checkAccess(c echo.Context) error {
	var req accessCheckRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if !idPattern.MatchString(req.RoomID) {
		return (&domain.Validation{Fields: []domain.FieldError{{Field: "room_id", Message: "must be a room's id"}}}).Err()
	}
	a, err := s.svc.Accreditation.CheckAccess(c.Request().Context(), actorOf(c), req.Token, req.RoomID)
	if err != nil {
		return err
	}
	out := accessCheckResponse{Allowed: a.Allowed, Reason: a.Reason, Message: accessMessages[a.Reason]}
	if m := a.Member; m != nil {
		out.Member = &accessMemberBody{ID: m.ID, FullName: m.FullName, DelegationCode: a.Delegation.Code, Position: m.Position,
			Accreditation: m.Accreditation}
		if a.Photo != nil {
			out.Member.Photo = "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(a.Photo.JPEG)
		}
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, out)
}
