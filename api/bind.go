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
// no unknown fields, after the input gate (checkBody). Every failure is an
// EMALFORMED or EINVALID error naming the field at fault.
func bindJSON(c echo.Context, v any) error {
	_, err := bindWithBody(c, v)
	return err
}

// dated is a request whose fields named in dateFields (paths such as
// "nights.from") hold calendar dates, where the gate would take a time.
type dated interface{ dateFields() []string }

func datesOf(v any) []string {
	if d, ok := v.(dated); ok {
		return d.dateFields()
	}
	return nil
}

// bindWithBody is bindJSON that returns the raw body too (for idempotency).
func bindWithBody(c echo.Context, v any) ([]byte, error) {
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if ct != echo.MIMEApplicationJSON {
		return nil, malformed("body", "send the body as application/json")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, decodeError(err)
	}
	if err := checkBody(body, datesOf(v)); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, malformed("body", "the body holds more than one JSON value")
	}
	return body, nil
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
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return malformed("body", "must be a JSON object")
	case errors.As(err, &typeErr):
		return malformed(typeErr.Field, fmt.Sprintf("must be %s", typeErr.Type.String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		if field == "" {
			return malformed("body", `holds a field with an empty name ("")`)
		}
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
