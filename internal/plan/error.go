// Package plan is Steerco's domain: a portfolio of teams, roadmap items,
// milestones, risks, budget lines and delivery records, with the rules that
// make a portfolio valid. It imports only the standard library; storage,
// forecasting, reports and the user interface all speak in its types.
package plan

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. They say what kind of failure happened, so callers can choose an
// exit code or a dialog without parsing messages.
const (
	EINVALID  = "invalid"   // the input breaks a rule; the message says which
	ENOTFOUND = "not_found" // a referenced thing does not exist
	ECONFLICT = "conflict"  // the change clashes with existing data (duplicate id, newer file)
	EINTERNAL = "internal"  // a bug or an environment failure; details are in the wrapped error
)

// Error is the domain's error: a code and a message written for a person
// ("Team name is required."). Problems lists every rule that failed when
// several did (Validate reports them all at once).
type Error struct {
	Code     string
	Message  string
	Problems []Problem
	Err      error // the underlying cause, if any
}

// Problem is one broken rule, located on an entity and field.
type Problem struct {
	Entity  string `json:"entity"`          // "item", "team", "portfolio", ...
	ID      string `json:"id,omitempty"`    // the entity's id, when it has one
	Field   string `json:"field,omitempty"` // the field at fault, e.g. "estimate.low"
	Message string `json:"message"`         // a sentence for a person
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Entity)
	if p.ID != "" {
		b.WriteString(" " + p.ID)
	}
	if p.Field != "" {
		b.WriteString(", " + p.Field)
	}
	b.WriteString(": " + p.Message)
	return b.String()
}

func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		if e.Err != nil && e.Message == "" {
			return e.Err.Error()
		}
		return e.Message
	}
	var b strings.Builder
	b.WriteString(e.Message)
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the person-facing message of err: the message of the
// first *Error in its chain, or a generic sentence for internal failures.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Error()
	}
	return "An internal error occurred: " + err.Error()
}
