package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// routes registers every route. The OpenAPI document must list each one
// (TestOpenAPICoversEveryRoute fails otherwise).
func (s *Server) routes() {
	e := s.Echo
	s.handle(http.MethodGet, "/healthz", public, s.healthz)
	s.handle(http.MethodGet, "/readyz", public, s.readyz)
	s.handle(http.MethodGet, "/metrics", public, s.metrics.handler())
	s.handle(http.MethodGet, "/api/openapi.json", public, serveOpenAPI)
	s.handle(http.MethodGet, "/api/docs", public, serveDocs)
	s.handle(http.MethodGet, "/api/docs/:file", public, serveDocs)

	const v1 = "/api/v1"
	s.handle(http.MethodPost, v1+"/auth/login", public, s.login)
	s.handle(http.MethodPost, v1+"/auth/refresh", public, s.refresh)
	s.handle(http.MethodPost, v1+"/auth/logout", public, s.logout)
	s.handle(http.MethodGet, v1+"/me", everyone, s.getMe)
	s.handle(http.MethodPatch, v1+"/me", signedIn, s.updateMe)
	s.handle(http.MethodPost, v1+"/me/password", everyone, s.changePassword)
	s.handle(http.MethodGet, v1+"/me/changes", signedIn, s.myChanges)
	s.handle(http.MethodPost, v1+"/me/changes/seen", signedIn, s.markChangesSeen)
	s.handle(http.MethodGet, v1+"/users", admins, s.listUsers)
	s.handle(http.MethodPost, v1+"/users", admins, s.createUser)
	s.handle(http.MethodGet, v1+"/users/:id", admins, s.getUser)
	s.handle(http.MethodPatch, v1+"/users/:id", admins, s.updateUser)
	s.handle(http.MethodDelete, v1+"/users/:id", admins, s.deleteUser)
	s.handle(http.MethodGet, v1+"/audit", organisers, s.listAudit)
	s.handle(http.MethodGet, v1+"/problems", organisers, s.listProblems)
	s.handle(http.MethodGet, v1+"/export/:file", organisers, s.export)
	s.handle(http.MethodPost, importPath, organisers, s.importFile)
	s.handle(http.MethodGet, v1+"/import/:kind/:file", organisers, s.importTemplate)

	s.handle(http.MethodGet, v1+"/summit", signedIn, s.getSummit)
	s.handle(http.MethodPut, v1+"/summit", organisers, s.putSummit)
	// Delegates may change their own delegation's arrival and members; the domain checks whose.
	s.handle(http.MethodGet, v1+"/delegations", signedIn, s.listDelegations)
	s.handle(http.MethodPost, v1+"/delegations", organisers, s.createDelegation)
	s.handle(http.MethodGet, v1+"/delegations/:id", signedIn, s.getDelegation)
	s.handle(http.MethodPatch, v1+"/delegations/:id", signedIn, s.updateDelegation)
	s.handle(http.MethodDelete, v1+"/delegations/:id", organisers, s.deleteDelegation)
	s.handle(http.MethodGet, v1+"/delegations/:id/members", signedIn, s.listMembers)
	s.handle(http.MethodPost, v1+"/delegations/:id/members", signedIn, s.createMember)
	s.handle(http.MethodPost, v1+"/delegations/:id/feed-token", signedIn, s.rotateFeedToken)
	s.handle(http.MethodGet, v1+"/members", signedIn, s.listMembersOf)
	s.handle(http.MethodGet, v1+"/members/:id", signedIn, s.getMember)
	s.handle(http.MethodPatch, v1+"/members/:id", signedIn, s.updateMember)
	s.handle(http.MethodDelete, v1+"/members/:id", signedIn, s.deleteMember)
	// Accreditation (CONTRACT section 15): photos and badges for a delegation's
	// own delegates too (the domain checks whose); the door check for gate staff.
	s.handle(http.MethodPut, v1+"/members/:id/photo", signedIn, s.putPhoto)
	s.handle(http.MethodGet, v1+"/members/:id/photo", signedIn, s.getPhoto)
	s.handle(http.MethodGet, v1+"/members/:id/badge.pdf", signedIn, s.memberBadge)
	s.handle(http.MethodGet, v1+"/delegations/:id/badges.pdf", signedIn, s.delegationBadges)
	s.handle(http.MethodGet, v1+"/access-zones", organisers, s.listAccessZones)
	s.handle(http.MethodPost, v1+"/access-zones", organisers, s.saveAccessZone)
	s.handle(http.MethodGet, v1+"/access-zones/:id", organisers, s.getAccessZone)
	s.handle(http.MethodPatch, v1+"/access-zones/:id", organisers, s.saveAccessZone)
	s.handle(http.MethodDelete, v1+"/access-zones/:id", organisers, s.deleteAccessZone)
	s.handle(http.MethodGet, v1+"/badge-categories", organisers, s.listBadgeCategories)
	s.handle(http.MethodPost, v1+"/badge-categories", organisers, s.saveBadgeCategory)
	s.handle(http.MethodGet, v1+"/badge-categories/:id", organisers, s.getBadgeCategory)
	s.handle(http.MethodPatch, v1+"/badge-categories/:id", organisers, s.saveBadgeCategory)
	s.handle(http.MethodDelete, v1+"/badge-categories/:id", organisers, s.deleteBadgeCategory)
	s.handle(http.MethodPost, v1+"/badges/key/rotate", organisers, s.rotateBadgeKey)
	// Accommodation (CONTRACT section 15): delegates read their own delegation's blocks.
	s.handle(http.MethodGet, v1+"/hotel-blocks", signedIn, s.listHotelBlocks)
	s.handle(http.MethodGet, v1+"/hotels/:venue/blocks", signedIn, s.listHotelBlocks)
	s.handle(http.MethodPost, v1+"/hotels/:venue/blocks", organisers, s.saveHotelBlock)
	s.handle(http.MethodGet, v1+"/hotels/:venue/blocks/:id", signedIn, s.getHotelBlock)
	s.handle(http.MethodPatch, v1+"/hotels/:venue/blocks/:id", organisers, s.saveHotelBlock)
	s.handle(http.MethodDelete, v1+"/hotels/:venue/blocks/:id", organisers, s.deleteHotelBlock)
	s.handle(http.MethodGet, v1+"/rooming.pdf", organisers, s.roomingPDF)
	s.handle(http.MethodPost, v1+"/access/check", checkers, s.checkAccess)
	// Ground transport (CONTRACT section 14): a delegation's delegates read its
	// own motorcade and movements; the domain checks whose.
	s.handle(http.MethodGet, v1+"/vehicles", organisers, s.listVehicles)
	s.handle(http.MethodPost, v1+"/vehicles", organisers, s.saveVehicle)
	s.handle(http.MethodGet, v1+"/vehicles/:id", organisers, s.getVehicle)
	s.handle(http.MethodPatch, v1+"/vehicles/:id", organisers, s.saveVehicle)
	s.handle(http.MethodDelete, v1+"/vehicles/:id", organisers, s.deleteVehicle)
	s.handle(http.MethodGet, v1+"/motorcades", organisers, s.listMotorcades)
	s.handle(http.MethodGet, v1+"/delegations/:id/motorcade", signedIn, s.getMotorcade)
	s.handle(http.MethodPut, v1+"/delegations/:id/motorcade", organisers, s.putMotorcade)
	s.handle(http.MethodGet, v1+"/movements", signedIn, s.listMovements)
	s.handle(http.MethodGet, v1+"/movements.pdf", organisers, s.movementsPDF)
	s.handle(http.MethodGet, v1+"/movements.csv", organisers, s.movementsCSV)
	s.handle(http.MethodGet, v1+"/venues", signedIn, s.listVenues)
	s.handle(http.MethodPost, v1+"/venues", organisers, s.createVenue)
	s.handle(http.MethodGet, v1+"/venues/:id", signedIn, s.getVenue)
	s.handle(http.MethodPatch, v1+"/venues/:id", organisers, s.updateVenue)
	s.handle(http.MethodDelete, v1+"/venues/:id", organisers, s.deleteVenue)
	s.handle(http.MethodGet, v1+"/venues/:id/rooms", signedIn, s.listRooms)
	s.handle(http.MethodPost, v1+"/venues/:id/rooms", organisers, s.createRoom)
	s.handle(http.MethodGet, v1+"/rooms", signedIn, s.listRooms)
	s.handle(http.MethodGet, v1+"/rooms/:id", signedIn, s.getRoom)
	s.handle(http.MethodPatch, v1+"/rooms/:id", organisers, s.updateRoom)
	s.handle(http.MethodDelete, v1+"/rooms/:id", organisers, s.deleteRoom)
	s.handle(http.MethodGet, v1+"/meetings", signedIn, s.listMeetings)
	s.handle(http.MethodPost, v1+"/meetings", organisers, s.createMeeting)
	s.handle(http.MethodPost, v1+"/meetings/check", organisers, s.checkMeeting)
	s.handle(http.MethodPost, v1+"/meetings/confirm", organisers, s.confirmMeetings)
	s.handle(http.MethodPost, v1+"/meetings/shift", organisers, s.shiftMeetings)
	s.handle(http.MethodGet, v1+"/meetings/:id", signedIn, s.getMeeting)
	s.handle(http.MethodPatch, v1+"/meetings/:id", organisers, s.updateMeeting)
	s.handle(http.MethodDelete, v1+"/meetings/:id", organisers, s.deleteMeeting)
	s.handle(http.MethodGet, v1+"/agenda", signedIn, s.agenda)
	// Documents: a delegate prints its own delegation's agenda, and a room's day
	// as GET /agenda shows it to them; the domain checks which.
	s.handle(http.MethodGet, v1+"/agenda.pdf", signedIn, s.agendaPDF)
	s.handle(http.MethodGet, v1+"/rooms/:id/day.pdf", signedIn, s.roomDayPDF)
	// Delegates file, answer and withdraw their own delegation's requests; the domain checks whose.
	s.handle(http.MethodGet, v1+"/bilateral-requests", signedIn, s.listRequests)
	s.handle(http.MethodPost, v1+"/bilateral-requests", signedIn, s.createRequest)
	s.handle(http.MethodGet, v1+"/bilateral-requests/:id", signedIn, s.getRequest)
	s.handle(http.MethodDelete, v1+"/bilateral-requests/:id", signedIn, s.moveRequest(domain.RequestWithdrawn))
	s.handle(http.MethodPost, v1+"/bilateral-requests/:id/accept", signedIn, s.moveRequest(domain.RequestAccepted))
	s.handle(http.MethodPost, v1+"/bilateral-requests/:id/decline", signedIn, s.moveRequest(domain.RequestDeclined))
	s.handle(http.MethodGet, v1+"/scheduler/proposals", organisers, s.listProposals)
	s.handle(http.MethodPost, v1+"/scheduler/proposals", organisers, s.createProposal)
	s.handle(http.MethodGet, v1+"/scheduler/proposals/:id", organisers, s.getProposal)
	s.handle(http.MethodPost, v1+"/scheduler/proposals/:id/apply", organisers, s.applyProposal)
	s.handle(http.MethodGet, v1+"/releases", signedIn, s.listReleases)
	s.handle(http.MethodPost, v1+"/releases", organisers, s.publishRelease)
	s.handle(http.MethodGet, v1+"/releases/:number", signedIn, s.getRelease)
	s.handle(http.MethodGet, v1+"/releases/:number/changes", signedIn, s.releaseChanges)
	s.handle(http.MethodGet, v1+"/notices", organisers, s.listNotices)
	s.handle(http.MethodPost, v1+"/notices/:id/retry", organisers, s.retryNotice)
	s.handle(http.MethodGet, v1+"/stream", signedIn, s.stream)
	s.handle(http.MethodGet, "/ical/public.ics", public, s.publicFeed)
	s.handle(http.MethodGet, "/ical/delegations/:token", public, s.delegationFeed)

	// Unknown API and feed paths are JSON problems, never the SPA; a known
	// path asked with another method is 405 with the methods it takes.
	notFound := func(c echo.Context) error {
		if allow := s.allowed(c.Request().URL.Path); len(allow) > 0 {
			c.Response().Header().Set(echo.HeaderAllow, strings.Join(allow, ", "))
			return echo.ErrMethodNotAllowed
		}
		return echo.ErrNotFound
	}
	e.Any("/api/*", notFound)
	e.Any("/ical/*", notFound)
	e.GET("/*", s.spa)
	e.HEAD("/*", s.spa)
}

// allowed lists the methods of the routes (not the catch-alls) that match path.
func (s *Server) allowed(path string) []string {
	var out []string
	for _, r := range s.Echo.Routes() {
		if !strings.HasSuffix(r.Path, "*") && !slices.Contains(out, r.Method) && matches(r.Path, path) {
			out = append(out, r.Method)
		}
	}
	slices.Sort(out)
	return out
}

// matches reports whether path fits the route pattern (":name" matches one
// non-empty segment).
func matches(pattern, path string) bool {
	ps, qs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(qs) {
		return false
	}
	for i := range ps {
		if ps[i] != qs[i] && (!strings.HasPrefix(ps[i], ":") || qs[i] == "") {
			return false
		}
	}
	return true
}

// healthz answers while the process is up.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 while the database is reachable, 503 otherwise.
func (s *Server) readyz(c echo.Context) error {
	if err := s.svc.Ready(c.Request().Context()); err != nil {
		s.cfg.Log.Warn("database unreachable", "error", err.Error())
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		return c.JSON(http.StatusServiceUnavailable, Problem{Type: problemType(http.StatusServiceUnavailable),
			Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
			Detail: "The database is not reachable."})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
