package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/labstack/echo/v4"

	"summit/domain"
)

// Access tokens: HS256 JWTs that live 15 minutes.
const (
	tokenIssuer   = "summit"
	tokenAudience = "summit-api"
	accessTTL     = 15 * time.Minute
	refreshCookie = "summit_refresh"
	cookiePath    = "/api/v1/auth"
)

// accessClaims are the claims of an access token.
type accessClaims struct {
	Role         domain.Role `json:"role"`
	Delegation   string      `json:"delegation,omitempty"`
	TokenVersion int         `json:"tv"`
	Session      string      `json:"sid"`
	Type         string      `json:"typ"`
	jwt.RegisteredClaims
}

// issueAccess signs an access token for the user of a session.
func (s *Server) issueAccess(sess *domain.Session) (string, error) {
	now := s.cfg.Clock.Now()
	u := sess.User
	claims := accessClaims{Role: u.Role, Delegation: u.DelegationID, TokenVersion: u.TokenVersion, Session: sess.SessionID, Type: "access",
		RegisteredClaims: jwt.RegisteredClaims{Subject: u.ID, Issuer: tokenIssuer, Audience: jwt.ClaimStrings{tokenAudience},
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(accessTTL)), ID: domain.NewID()}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.cfg.JWTSecret)
}

// parseAccess checks an access token strictly: HS256 only, signed with our
// key, with issuer, audience, subject, issued-at (not in the future) and
// expiry, and of the access type.
func (s *Server) parseAccess(raw string) (domain.Claims, error) {
	var c accessClaims
	_, err := s.tokenParser.ParseWithClaims(raw, &c, func(*jwt.Token) (any, error) { return s.cfg.JWTSecret, nil })
	if err != nil || c.Type != "access" || c.Subject == "" || c.IssuedAt == nil {
		return domain.Claims{}, domain.Errorf(domain.EUNAUTHORIZED, "The access token is not valid; sign in again.")
	}
	return domain.Claims{UserID: c.Subject, Role: c.Role, DelegationID: c.Delegation, TokenVersion: c.TokenVersion, SessionID: c.Session}, nil
}

func newTokenParser(clock domain.Clock) *jwt.Parser {
	return jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithExpirationRequired(),
		jwt.WithIssuer(tokenIssuer), jwt.WithAudience(tokenAudience), jwt.WithIssuedAt(), jwt.WithLeeway(5*time.Second),
		jwt.WithTimeFunc(clock.Now))
}

// access says who may call a route; object-level checks happen in the domain.
type access int

const (
	public     access = iota // anyone, signed in or not
	signedIn                 // every signed-in user but gate staff
	organisers               // organisers and admins
	admins                   // admins only
	everyone                 // every signed-in user, gate staff included (their own account)
	checkers                 // gate staff, organisers and admins: badge checks at the door
)

// handle registers a route with its access policy. Every API route goes
// through here, so that none is left without one (TestEveryRouteHasAPolicy).
func (s *Server) handle(method, path string, a access, h echo.HandlerFunc) {
	s.access[method+" "+path] = a
	s.Echo.Add(method, path, h, wholeParams, s.guard(a), gate)
}

// wholeParams answers 404 when a path parameter swallowed further path
// segments: Echo's router falls back to a parameter route for paths such as
// /api/v1/users/1/x instead of to the catch-all.
func wholeParams(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, v := range c.ParamValues() {
			if strings.Contains(v, "/") {
				return echo.ErrNotFound
			}
		}
		return next(c)
	}
}

const actorKey = "actor"

// guard authenticates the caller (for every access but public) and checks its role.
func (s *Server) guard(a access) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if a == public {
				return next(c)
			}
			actor, err := s.authenticate(c)
			if err != nil {
				return err
			}
			switch {
			case actor.IsGate() && a != everyone && a != checkers:
				return domain.Errorf(domain.EFORBIDDEN, "Gate accounts check badges and nothing else.")
			case a == checkers && !actor.IsGate() && !actor.IsOrganiser():
				return domain.Errorf(domain.EFORBIDDEN, "This is for gate staff and organisers.")
			case a == organisers && !actor.IsOrganiser():
				return domain.Errorf(domain.EFORBIDDEN, "This is for organisers.")
			case a == admins && !actor.IsAdmin():
				return domain.Errorf(domain.EFORBIDDEN, "This is for admins.")
			}
			c.Set(actorKey, actor)
			return next(c)
		}
	}
}

// authenticate turns the bearer token into the actor, checking it against the
// stored user so that revoked tokens stop at once.
func (s *Server) authenticate(c echo.Context) (domain.Actor, error) {
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	scheme, raw, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return domain.Actor{}, domain.Errorf(domain.EUNAUTHORIZED, "Sign in first: send Authorization: Bearer <access token>.")
	}
	claims, err := s.parseAccess(strings.TrimSpace(raw))
	if err != nil {
		return domain.Actor{}, err
	}
	return s.svc.Auth.ActorFor(c.Request().Context(), claims)
}

// actorOf returns the authenticated caller of a guarded route.
func actorOf(c echo.Context) domain.Actor {
	a, _ := c.Get(actorKey).(domain.Actor)
	return a
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type tokenResponse struct {
	AccessToken  string       `json:"access_token"`
	TokenType    string       `json:"token_type"`
	ExpiresIn    int          `json:"expires_in"`
	RefreshToken string       `json:"refresh_token"`
	User         userResponse `json:"user"`
}

func (s *Server) login(c echo.Context) error {
	var req loginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	sess, err := s.svc.Auth.Login(c.Request().Context(), req.Email, req.Password, c.RealIP())
	if err != nil {
		return err
	}
	return s.sessionResponse(c, http.StatusOK, sess)
}

// sessionResponse answers with a new token pair and sets the refresh cookie.
func (s *Server) sessionResponse(c echo.Context, status int, sess *domain.Session) error {
	access, err := s.issueAccess(sess)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: sess.RefreshToken, Path: cookiePath, Expires: sess.ExpiresAt,
		MaxAge: int(domain.RefreshLifetime.Seconds()), HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(status, tokenResponse{AccessToken: access, TokenType: "Bearer", ExpiresIn: int(accessTTL.Seconds()),
		RefreshToken: sess.RefreshToken, User: toUserResponse(&sess.User)})
}

type refreshRequest struct {
	RefreshToken string `json:"refresh_token"`
}

// refreshToken reads the refresh token from the body, or else the cookie.
func refreshToken(c echo.Context, body string) (string, error) {
	if body != "" {
		return body, nil
	}
	if ck, err := c.Cookie(refreshCookie); err == nil && ck.Value != "" {
		return ck.Value, nil
	}
	return "", domain.Errorf(domain.EUNAUTHORIZED, "No refresh token: send refresh_token or the session cookie.")
}

// bindOptionalJSON binds a body when there is one.
func bindOptionalJSON(c echo.Context, v any) error {
	if c.Request().ContentLength == 0 {
		return nil
	}
	return bindJSON(c, v)
}

func (s *Server) refresh(c echo.Context) error {
	var req refreshRequest
	if err := bindOptionalJSON(c, &req); err != nil {
		return err
	}
	token, err := refreshToken(c, req.RefreshToken)
	if err != nil {
		return err
	}
	sess, err := s.svc.Auth.Refresh(c.Request().Context(), token)
	if err != nil {
		clearRefreshCookie(c)
		return err
	}
	return s.sessionResponse(c, http.StatusOK, sess)
}

type logoutRequest struct {
	RefreshToken string `json:"refresh_token"`
	// Everywhere also ends every other session of the user and every access token.
	Everywhere bool `json:"everywhere"`
}

func (s *Server) logout(c echo.Context) error {
	var req logoutRequest
	if err := bindOptionalJSON(c, &req); err != nil {
		return err
	}
	token, err := refreshToken(c, req.RefreshToken)
	if err != nil {
		return err
	}
	if err := s.svc.Auth.Logout(c.Request().Context(), token, req.Everywhere); err != nil {
		return err
	}
	clearRefreshCookie(c)
	return c.NoContent(http.StatusNoContent)
}

func clearRefreshCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: refreshCookie, Value: "", Path: cookiePath, MaxAge: -1, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
}
