package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/labstack/echo/v4"

	"summit/domain"
)

// bindJSON decodes the request body into v strictly: JSON only, one value,
// no unknown fields. Every failure is an EMALFORMED error naming the problem.
func bindJSON(c echo.Context, v any) error {
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if ct != echo.MIMEApplicationJSON {
		return malformed("body", "send the body as application/json")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var httpErr *echo.HTTPError
		if errors.As(err, &httpErr) { // the body limit, met after a whole value
			return httpErr
		}
		return malformed("body", "the body holds more than one JSON value")
	}
	return nil
}

func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	var httpErr *echo.HTTPError
	switch {
	case errors.As(err, &httpErr): // the body limit, while reading
		return httpErr
	case errors.As(err, &syntax):
		return malformed("body", fmt.Sprintf("malformed JSON at byte %d", syntax.Offset))
	case errors.As(err, &typeErr):
		return malformed(typeErr.Field, fmt.Sprintf("must be %s", typeErr.Type.String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return malformed(field, "is not a field this request accepts")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return malformed("body", "the body is empty or cut short")
	default:
		return malformed("body", "unreadable JSON")
	}
}

func malformed(field, message string) error {
	return &domain.Error{Code: domain.EMALFORMED, Message: "The request is malformed: " + field + " " + message + ".",
		Fields: []domain.FieldError{{Field: field, Message: message}}}
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
