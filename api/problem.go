package api

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type      string           `json:"type"`
	Title     string           `json:"title"`
	Status    int              `json:"status"`
	Detail    string           `json:"detail"`
	Instance  string           `json:"instance,omitempty"`
	RequestID string           `json:"request_id,omitempty"`
	Errors    []fieldErrorBody `json:"errors,omitempty"`
	Conflicts []conflictBody   `json:"conflicts,omitempty"`
}

// fieldErrorBody names one invalid field of a request; of an imported
// spreadsheet, with its row (the header being row 1).
type fieldErrorBody struct {
	Row     int    `json:"row,omitempty"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// conflictBody is one scheduling rule a meeting breaks.
type conflictBody struct {
	Rule      string `json:"rule"`
	Message   string `json:"message"`
	MeetingID string `json:"meeting_id,omitempty"`
	MemberID  string `json:"member_id,omitempty"`
	RoomID    string `json:"room_id,omitempty"`
	// DelegationID is the delegation a rule names (delegation_presence).
	DelegationID string `json:"delegation_id,omitempty"`
}

// toConflictBodies converts conflicts, never nil.
func toConflictBodies(cs []domain.Conflict) []conflictBody {
	out := make([]conflictBody, len(cs))
	for i, c := range cs {
		out[i] = conflictBody(c)
	}
	return out
}

// statusOf maps the domain's error codes to HTTP statuses: the one place this happens.
var statusOf = map[string]int{
	domain.EMALFORMED:    http.StatusBadRequest,
	domain.EUNAUTHORIZED: http.StatusUnauthorized,
	domain.EFORBIDDEN:    http.StatusForbidden,
	domain.ENOTFOUND:     http.StatusNotFound,
	domain.ECONFLICT:     http.StatusConflict,
	domain.EPRECONDITION: http.StatusPreconditionFailed,
	domain.EINVALID:      http.StatusUnprocessableEntity,
	domain.EPRECONDREQ:   http.StatusPreconditionRequired,
	domain.ERATELIMIT:    http.StatusTooManyRequests,
	domain.EMEDIATYPE:    http.StatusUnsupportedMediaType,
	domain.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	domain.EINTERNAL:     http.StatusInternalServerError,
}

// problemType names each status's problem type, relative to the API docs.
func problemType(status int) string {
	return "/api/docs#problem-" + strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "-")
}

// errorHandler turns every error a handler returns into a problem+json
// answer. Internal errors are logged with the request id and answered with a
// generic text.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := toProblem(err)
		p.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
		p.Instance = c.Request().URL.EscapedPath() // as sent: a control character in a path is not echoed raw
		if p.Status >= 500 {
			log.ErrorContext(c.Request().Context(), "request failed",
				"request_id", p.RequestID, "method", c.Request().Method, "path", c.Request().URL.Path, "error", err.Error())
		}
		var de *domain.Error
		if errors.As(err, &de) && de.RetryAfter > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(de.RetryAfter.Seconds()))))
		}
		if p.Status == http.StatusUnauthorized {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="summit"`)
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		if c.Request().Method == http.MethodHead {
			c.Response().WriteHeader(p.Status)
			return
		}
		if err := c.JSON(p.Status, p); err != nil {
			log.Error("write problem", "error", err)
		}
	}
}

// toProblem converts an error of the domain or of Echo into a problem.
func toProblem(err error) Problem {
	var he *echo.HTTPError
	if errors.As(err, &he) && domain.ErrorCode(err) == domain.EINTERNAL {
		status := he.Code
		detail := http.StatusText(status)
		switch status {
		case http.StatusNotFound:
			detail = "There is nothing at this address."
		case http.StatusMethodNotAllowed:
			detail = "This address does not accept that method."
		case http.StatusRequestEntityTooLarge:
			detail = "The request body is larger than 1 MiB."
			if msg, ok := he.Message.(string); ok && msg != http.StatusText(status) {
				detail = msg // a route with a limit of its own (import) says which
			}
		case http.StatusUnsupportedMediaType:
			detail = "Send the body as application/json."
		}
		if status >= 500 {
			detail = "An internal error occurred."
		}
		return Problem{Type: problemType(status), Title: http.StatusText(status), Status: status, Detail: detail}
	}
	code := domain.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	p := Problem{Type: problemType(status), Title: http.StatusText(status), Status: status, Detail: domain.ErrorMessage(err)}
	var de *domain.Error
	if errors.As(err, &de) {
		for _, f := range de.Fields {
			p.Errors = append(p.Errors, fieldErrorBody(f))
		}
		for _, c := range de.Conflicts {
			p.Conflicts = append(p.Conflicts, conflictBody(c))
		}
	}
	return p
}
