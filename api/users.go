package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

type userResponse struct {
	ID           string    `json:"id"`
	Email        string    `json:"email"`
	Name         string    `json:"name"`
	Role         string    `json:"role"`
	DelegationID *string   `json:"delegation_id"`
	Disabled     bool      `json:"disabled"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toUserResponse(u *domain.User) userResponse {
	var del *string
	if u.DelegationID != "" {
		del = &u.DelegationID
	}
	return userResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, DelegationID: del, Disabled: u.Disabled,
		Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// list is the shape of every list answer.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// page reads ?limit= (1 to 500, default 100) and ?cursor=.
func page(c echo.Context) (domain.Page, error) {
	p := domain.Page{Cursor: c.QueryParam("cursor")}
	if raw := c.QueryParam("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > 500 {
			return p, malformed("limit", "must be a whole number from 1 to 500")
		}
		p.Limit = n
	}
	return p, nil
}

// ifMatch reads If-Match as a version; 0 when absent.
func ifMatch(c echo.Context) (int, error) {
	raw := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if raw == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(raw, "W/"), `"`))
	if err != nil || v < 1 {
		return 0, malformed("If-Match", `must be the ETag the resource was served with, such as "3"`)
	}
	return v, nil
}

// withETag answers v with the resource's version as its ETag.
func withETag(c echo.Context, status, version int, v any) error {
	c.Response().Header().Set("ETag", fmt.Sprintf(`"%d"`, version))
	return c.JSON(status, v)
}

type createUserRequest struct {
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	DelegationID string `json:"delegation_id"`
	Password     string `json:"password"`
}

type updateUserRequest struct {
	Name         *string         `json:"name"`
	Role         *string         `json:"role"`
	DelegationID json.RawMessage `json:"delegation_id"`
	Disabled     *bool           `json:"disabled"`
	Password     *string         `json:"password"`
}

func (s *Server) listUsers(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	users, next, err := s.users.List(c.Request().Context(), actorOf(c), p)
	if err != nil {
		return err
	}
	out := list[userResponse]{Items: make([]userResponse, len(users)), NextCursor: next}
	for i := range users {
		out.Items[i] = toUserResponse(&users[i])
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createUser(c echo.Context) error {
	var req createUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	u, err := domain.CreateUser(c.Request().Context(), s.cfg.Store, Argon2id{}, actorOf(c), domain.NewUser(req))
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/users/"+u.ID)
	return withETag(c, http.StatusCreated, u.Version, toUserResponse(u))
}

func (s *Server) getUser(c echo.Context) error {
	u, err := s.users.Get(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, u.Version, toUserResponse(u))
}

func (s *Server) updateUser(c echo.Context) error {
	var req updateUserRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	patch := domain.UserPatch{Name: req.Name, Role: req.Role, Disabled: req.Disabled, Password: req.Password}
	if len(req.DelegationID) > 0 { // null or "" clears it
		var id *string
		if err := json.Unmarshal(req.DelegationID, &id); err != nil {
			return malformed("delegation_id", "must be a string or null")
		}
		patch.DelegationID = new(string)
		if id != nil {
			*patch.DelegationID = *id
		}
	}
	u, err := s.users.Update(c.Request().Context(), actorOf(c), c.Param("id"), patch, version)
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, u.Version, toUserResponse(u))
}

func (s *Server) deleteUser(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.users.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) getMe(c echo.Context) error {
	u, err := s.users.Me(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, u.Version, toUserResponse(u))
}

type updateMeRequest struct {
	Name string `json:"name"`
}

func (s *Server) updateMe(c echo.Context) error {
	var req updateMeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	u, err := s.users.UpdateMe(c.Request().Context(), actorOf(c), req.Name, version)
	if err != nil {
		return err
	}
	return withETag(c, http.StatusOK, u.Version, toUserResponse(u))
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword sets a new password, ends every other session and token of
// the user, and answers with a fresh token pair for this one.
func (s *Server) changePassword(c echo.Context) error {
	var req passwordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sess, err := s.users.ChangePassword(c.Request().Context(), s.auth, actorOf(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		return err
	}
	return s.sessionResponse(c, http.StatusOK, sess)
}

type auditResponse struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	ActorID    *string         `json:"actor_id"`
	ActorName  *string         `json:"actor_name"` // null for the system and for deleted users
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before"`
	After      json.RawMessage `json:"after"`
}

func (s *Server) listAudit(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	f := domain.AuditFilter{EntityType: c.QueryParam("entity_type"), EntityID: c.QueryParam("entity_id"), ActorID: c.QueryParam("actor_id")}
	entries, next, err := domain.ListAudit(c.Request().Context(), s.cfg.Store, actorOf(c), f, p)
	if err != nil {
		return err
	}
	out := list[auditResponse]{Items: make([]auditResponse, len(entries)), NextCursor: next}
	names := map[string]*string{} // each actor's current name, looked up once per page
	for i, e := range entries {
		var actor *string
		if e.ActorID != "" {
			actor = &entries[i].ActorID
			if _, done := names[e.ActorID]; !done {
				names[e.ActorID] = nil
				if u, err := s.cfg.Store.UserByID(c.Request().Context(), e.ActorID); err == nil {
					names[e.ActorID] = &u.Name
				} else if domain.ErrorCode(err) != domain.ENOTFOUND {
					return err
				}
			}
		}
		out.Items[i] = auditResponse{ID: e.ID, At: e.At, ActorID: actor, ActorName: names[e.ActorID], Action: e.Action, EntityType: e.EntityType,
			EntityID: e.EntityID, Before: rawOrNull(e.Before), After: rawOrNull(e.After)}
	}
	return c.JSON(http.StatusOK, out)
}

func rawOrNull(b []byte) json.RawMessage {
	if b == nil {
		return json.RawMessage("null")
	}
	return b
}
