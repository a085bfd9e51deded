package app

// What the Reports screen reads: the report templates, named here so the
// screen imports app and not report or the embedded templates.

import (
	"steerco/internal/report"
	builtin "steerco/reports"
)

// Template is a report template: which sections, in which order, with which
// thresholds and confidence quoted.
type Template = report.Template

// DefaultTemplate names the template used when none is chosen.
const DefaultTemplate = builtin.Default

// TemplateNames lists the built-in templates by name ("board-pack").
func TemplateNames() []string { return builtin.Names() }

// LoadTemplate reads a built-in template by name, or a template file (.json)
// by path, and checks it.
func LoadTemplate(name string) (*Template, error) { return report.LoadTemplate(name) }

// DecisionNotePrefix opens the decision sheet's ask when the director wrote
// it (plan.Portfolio.DecisionNote).
const DecisionNotePrefix = report.AskNotePrefix
