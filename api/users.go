package api

import (
	"encoding/json"
	"net/http"
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
	return userResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), DelegationID: del, Disabled: u.Disabled,
		Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
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
	users, next, err := s.svc.Users.List(c.Request().Context(), actorOf(c), p)
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
	u, err := s.svc.Users.Create(c.Request().Context(), actorOf(c), domain.NewUser{Email: req.Email, Name: req.Name,
		Role: domain.Role(req.Role), DelegationID: req.DelegationID, Password: req.Password})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", "/api/v1/users/"+u.ID)
	return withETag(c, http.StatusCreated, u.Version, toUserResponse(u))
}

func (s *Server) getUser(c echo.Context) error {
	u, err := s.svc.Users.Get(c.Request().Context(), actorOf(c), c.Param("id"))
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
	patch := domain.UserPatch{Name: req.Name, Role: (*domain.Role)(req.Role), Disabled: req.Disabled, Password: req.Password}
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
	u, err := s.svc.Users.Update(c.Request().Context(), actorOf(c), c.Param("id"), patch, version)
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
	if err := s.svc.Users.Delete(c.Request().Context(), actorOf(c), c.Param("id"), version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) getMe(c echo.Context) error {
	u, err := s.svc.Users.Me(c.Request().Context(), actorOf(c))
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
	u, err := s.svc.Users.UpdateMe(c.Request().Context(), actorOf(c), req.Name, version)
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
	sess, err := s.svc.Auth.ChangePassword(c.Request().Context(), actorOf(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		return err
	}
	return s.sessionResponse(c, http.StatusOK, sess)
}
