// Package domain holds Summit Planner's types, rules and services. It imports
// only the standard library; storage and HTTP live in other packages that
// depend on this one.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Error codes: the one vocabulary of failures, mapped to HTTP statuses in api/.
const (
	EINVALID      = "invalid"               // well-formed but invalid input (422)
	EMALFORMED    = "malformed"             // unreadable input (400)
	EUNAUTHORIZED = "unauthorized"          // not authenticated (401)
	EFORBIDDEN    = "forbidden"             // authenticated but not allowed (403)
	ENOTFOUND     = "not_found"             // absent or not visible to the caller (404)
	ECONFLICT     = "conflict"              // scheduling conflict or duplicate (409)
	EPRECONDITION = "precondition"          // stale If-Match (412)
	EPRECONDREQ   = "precondition_required" // If-Match missing where required (428)
	ERATELIMIT    = "rate_limited"          // too many attempts (429)
	EMEDIATYPE    = "unsupported_media"     // a body of a type the endpoint does not take (415)
	ETOOLARGE     = "too_large"             // a body over the endpoint's limit (413)
	EINTERNAL     = "internal"              // anything else (500); never shown to callers
)

// FieldError names one invalid field of a request; of an imported
// spreadsheet, with its Row (0 otherwise).
type FieldError struct {
	Row     int
	Field   string
	Message string
}

// Error is a failure with a code from the vocabulary above and a message that
// is safe to show to the caller.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// Conflicts lists the scheduling rules a change would break.
	Conflicts []Conflict
	// RetryAfter tells a rate-limited caller when to try again.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: its own when it is (or wraps) an *Error,
// EINTERNAL for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the caller-safe message of err; internal errors get a
// generic text so that nothing of them leaks.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "An internal error occurred."
}

// Validation collects field errors and turns them into one EINVALID error.
type Validation struct{ Fields []FieldError }

// Add records a problem with field.
func (v *Validation) Add(field, format string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Check records a problem with field unless ok.
func (v *Validation) Check(ok bool, field, format string, args ...any) {
	if !ok {
		v.Add(field, format, args...)
	}
}

// Err returns nil when nothing was recorded, else an EINVALID *Error.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "The request has invalid fields.", Fields: v.Fields}
}

// checkVersion is the one optimistic-concurrency check: a change made
// against another version of what than current is EPRECONDITION; ifMatch 0
// (the caller sent no If-Match) checks nothing.
func checkVersion(what string, current, ifMatch int) error {
	if ifMatch != 0 && ifMatch != current {
		return Errorf(EPRECONDITION, "The %s was changed by someone else since you read it (now version %d); reload and try again.", what, current)
	}
	return nil
}
