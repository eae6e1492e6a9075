package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

type delegationResponse struct {
	ID          string     `json:"id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Kind        string     `json:"kind"`
	Precedence  int        `json:"precedence"`
	Languages   []string   `json:"languages"`
	ArrivalAt   *time.Time `json:"arrival_at"`
	DepartureAt *time.Time `json:"departure_at"`
	Hotel       string     `json:"hotel"`
	// HotelVenueID is the venue (of kind hotel) the delegation stays at, null for none.
	HotelVenueID *string   `json:"hotel_venue_id"`
	Names        namesBody `json:"names"`
	// ContactEmails are shown to organisers and the delegation's own delegates ([] to others).
	ContactEmails  []string  `json:"contact_emails"`
	NoticeLanguage string    `json:"notice_language"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

func toDelegationResponse(d *domain.Delegation) delegationResponse {
	return delegationResponse{ID: d.ID, Code: d.Code, Name: d.Name, Kind: d.Kind, Precedence: d.Precedence,
		Languages: nonNil(d.Languages), ArrivalAt: d.ArrivalAt, DepartureAt: d.DepartureAt, Hotel: d.Hotel,
		HotelVenueID: nullable(d.HotelVenueID), Names: toNamesBody(d.Names), ContactEmails: nonNil(d.ContactEmails), NoticeLanguage: d.NoticeLanguage,
		Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
}

type headRequest struct {
	FullName string `json:"full_name"`
	Position string `json:"position"`
}

type delegationRequest struct {
	Code        optional[string]    `json:"code"`
	Name        optional[string]    `json:"name"`
	Kind        optional[string]    `json:"kind"`
	Precedence  optional[int]       `json:"precedence"`
	Languages   optional[[]string]  `json:"languages"`
	ArrivalAt   optional[time.Time] `json:"arrival_at"`
	DepartureAt optional[time.Time] `json:"departure_at"`
	Hotel       optional[string]    `json:"hotel"`
	// HotelVenueID: null clears it.
	HotelVenueID optional[string]    `json:"hotel_venue_id"`
	Names        optional[namesBody] `json:"names"`
	// ContactEmails: null clears them.
	ContactEmails  optional[[]string] `json:"contact_emails"`
	NoticeLanguage optional[string]   `json:"notice_language"`
	Head           *headRequest       `json:"head"`
}

func (r delegationRequest) patch() domain.DelegationPatch {
	in := domain.DelegationPatch{Code: r.Code.val(), Name: r.Name.val(), Kind: r.Kind.val(), Precedence: r.Precedence.val(),
		Languages: r.Languages.val(), ArrivalAt: r.ArrivalAt.ptr(), DepartureAt: r.DepartureAt.ptr(), Hotel: r.Hotel.val(), HotelVenueID: r.HotelVenueID.orZero(), Names: namesPatch(r.Names),
		ContactEmails: r.ContactEmails.orZero(), NoticeLanguage: r.NoticeLanguage.val()}
	if r.Head != nil {
		in.Head = &domain.Member{FullName: r.Head.FullName, Position: r.Head.Position}
	}
	return in
}

func (s *Server) listDelegations(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	ds, next, err := s.svc.Delegations.List(c.Request().Context(), actorOf(c), p)
	if err != nil {
		return err
	}
	out := list[delegationResponse]{Items: make([]delegationResponse, len(ds)), NextCursor: next}
	for i := range ds {
		out.Items[i] = toDelegationResponse(&ds[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createDelegation(c echo.Context) error {
	var req delegationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	d, err := s.svc.Delegations.Create(c.Request().Context(), actorOf(c), req.patch())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/delegations/"+d.ID)
	return withETag(c, http.StatusCreated, d.Version, toDelegationResponse(d))
}

func (s *Server) getDelegation(c echo.Context) error {
	d, err := s.svc.Delegations.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, d.Version, toDelegationResponse(d))
}

func (s *Server) updateDelegation(c echo.Context) error {
	var req delegationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.Head != nil {
		return malformed("head", "is set on create only; change members at /members/{id}")
	}
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	d, impact, err := s.svc.Delegations.Update(c.Request().Context(), actorOf(c), c.Param("id"), req.patch(), version, dry)
	if err != nil {
		return err
	}
	return changed(c, dry, d.Version, struct {
		delegationResponse
		Impact []impactBody `json:"impact"`
	}{toDelegationResponse(d), toImpactBodies(impact)})
}

func (s *Server) deleteDelegation(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.svc.Delegations.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// memberResponse is a member as the API shows it.
type memberResponse struct {
	ID            string `json:"id"`
	DelegationID  string `json:"delegation_id"`
	FullName      string `json:"full_name"`
	Position      string `json:"position"`
	IsHead        bool   `json:"is_head"`
	Accreditation string `json:"accreditation"`
	// BadgeCategoryID is the member's badge category, null for none (CONTRACT section 15).
	BadgeCategoryID *string `json:"badge_category_id"`
	// HasPhoto tells whether GET /members/{id}/photo has a photo.
	HasPhoto bool `json:"has_photo"`
	// HotelBlockID, HotelRoom and Nights: where the member sleeps (CONTRACT section 15); null without a block.
	HotelBlockID *string     `json:"hotel_block_id"`
	HotelRoom    string      `json:"hotel_room"`
	Nights       *nightsBody `json:"nights"`
	Names        namesBody   `json:"names"`
	Version      int         `json:"version"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

func toMemberResponse(m *domain.Member) memberResponse {
	return memberResponse{ID: m.ID, DelegationID: m.DelegationID, FullName: m.FullName, Position: m.Position, IsHead: m.IsHead,
		Accreditation: m.Accreditation, BadgeCategoryID: nullableID(m.BadgeCategoryID), HasPhoto: m.HasPhoto,
		HotelBlockID: nullableID(m.HotelBlockID), HotelRoom: m.HotelRoom, Nights: toNightsBody(m.Nights), Names: toNamesBody(m.Names),
		Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

// nullableID answers "" as null.
func nullableID(id string) *string {
	if id == "" {
		return nil
	}
	return &id
}

type memberRequest struct {
	FullName      optional[string] `json:"full_name"`
	Position      optional[string] `json:"position"`
	IsHead        optional[bool]   `json:"is_head"`
	Accreditation optional[string] `json:"accreditation"`
	// BadgeCategoryID: null takes the category away.
	BadgeCategoryID optional[string]    `json:"badge_category_id"`
	Names           optional[namesBody] `json:"names"`
	// HotelBlockID: null takes the member out of its block (and its room and nights with it).
	HotelBlockID optional[string] `json:"hotel_block_id"`
	HotelRoom    optional[string] `json:"hotel_room"`
	// Nights: null or absent with a new block, every night of the block.
	Nights optional[nightsBody] `json:"nights"`
}

func (r memberRequest) patch() domain.MemberPatch {
	return domain.MemberPatch{FullName: r.FullName.val(), Position: r.Position.val(), IsHead: r.IsHead.val(), Accreditation: r.Accreditation.val(),
		BadgeCategoryID: r.BadgeCategoryID.orZero(), Names: namesPatch(r.Names), HotelBlockID: r.HotelBlockID.orZero(),
		HotelRoom: r.HotelRoom.orZero(), Nights: r.nights()}
}

func (s *Server) listMembers(c echo.Context) error {
	ms, err := s.svc.Delegations.Members(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	out := list[memberResponse]{Items: make([]memberResponse, len(ms))}
	for i := range ms {
		out.Items[i] = toMemberResponse(&ms[i])
	}
	return c.JSON(http.StatusOK, out)
}

// listMembersOf lists the members of the delegations named by the repeatable
// ?delegation_id= (without it: of every delegation the caller may see).
func (s *Server) listMembersOf(c echo.Context) error {
	ms, err := s.svc.Delegations.MembersOf(c.Request().Context(), actorOf(c), c.QueryParams()["delegation_id"])
	if err != nil {
		return err
	}
	out := list[memberResponse]{Items: make([]memberResponse, len(ms))}
	for i := range ms {
		out.Items[i] = toMemberResponse(&ms[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createMember(c echo.Context) error {
	var req memberRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m, err := s.svc.Delegations.CreateMember(c.Request().Context(), actorOf(c), c.Param("id"), req.patch())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/members/"+m.ID)
	return withETag(c, http.StatusCreated, m.Version, toMemberResponse(m))
}

func (s *Server) getMember(c echo.Context) error {
	m, err := s.svc.Delegations.Member(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, m.Version, toMemberResponse(m))
}

func (s *Server) updateMember(c echo.Context) error {
	var req memberRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	m, impact, err := s.svc.Delegations.UpdateMember(c.Request().Context(), actorOf(c), c.Param("id"), req.patch(), version, dry)
	if err != nil {
		return err
	}
	return changed(c, dry, m.Version, struct {
		memberResponse
		Impact []impactBody `json:"impact"`
	}{toMemberResponse(m), toImpactBodies(impact)})
}

// deleteMember answers 204; a dry run, after the same checks, 200 with the
// impact (always empty: meetings that hold a member keep it from going).
func (s *Server) deleteMember(c echo.Context) error {
	version, dry, err := changeParams(c)
	if err != nil {
		return err
	}
	if err := s.svc.Delegations.DeleteMember(c.Request().Context(), actorOf(c), c.Param("id"), version, dry); err != nil {
		return err
	}
	if dry {
		return c.JSON(http.StatusOK, map[string][]impactBody{"impact": {}})
	}
	return c.NoContent(http.StatusNoContent)
}

type feedTokenResponse struct {
	URL       string `json:"url"`
	WebcalURL string `json:"webcal_url"`
}

// rotateFeedToken makes a new secret feed URL for a delegation; the old one stops working.
func (s *Server) rotateFeedToken(c echo.Context) error {
	token, err := s.svc.Delegations.RotateFeedToken(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	path := "/ical/delegations/" + token + ".ics"
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, feedTokenResponse{URL: c.Scheme() + "://" + c.Request().Host + path, WebcalURL: "webcal://" + c.Request().Host + path})
}
