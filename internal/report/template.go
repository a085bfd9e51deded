package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/reports"
)

// Template chooses what a briefing contains and how it is laid out. Templates
// are JSON files; the built-in ones live in reports/ (see reports/README.md).
type Template struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Paper       string `json:"paper"`       // "A4", "Letter", or "" / "auto": by the portfolio (see Paper)
	Orientation string `json:"orientation"` // "landscape" (default) or "portrait"
	// Confidence is the percentile quoted as "the" date: 50, 85 (default) or 95.
	Confidence int `json:"confidence"`
	// RAG thresholds on the probability of meeting a date: green ≥ Green,
	// amber ≥ Amber, red below. Defaults 0.80 and 0.50.
	RAG Thresholds `json:"rag"`
	// Confidentiality, when set, replaces the portfolio's label on every page.
	Confidentiality string `json:"confidentiality,omitempty"`
	// TopRisks is how many risks the top-risks table lists (default 10).
	TopRisks int `json:"top_risks,omitempty"`
	// OverCommitment is the probability of over-commitment from which a team
	// quarter is flagged and a capacity ask is proposed (default 0.50).
	OverCommitment float64 `json:"over_commitment,omitempty"`
	// Compact leaves detail tables (budget by month and by line, waits,
	// standard errors) out of the PDF, for a short document; the workbook
	// keeps them.
	Compact bool `json:"compact,omitempty"`
	// Slides lays the PDF out as 16:9 slides (13.333 × 7.5 in), one per
	// section, as the PowerPoint is (report.Slides); paper and orientation
	// then apply to nothing.
	Slides   bool              `json:"slides,omitempty"`
	Sections []TemplateSection `json:"sections"`
}

// Thresholds are the RAG cut-offs on a probability (figure's: a status is
// decided from the value as shown).
type Thresholds = figure.Thresholds

// TemplateSection names one section and, optionally, its title.
type TemplateSection struct {
	Section string `json:"section"`
	Title   string `json:"title,omitempty"`
}

var defaultTitles = map[string]string{
	SecCover: "Cover", SecSummary: "Executive summary", SecCommitments: "Commitments",
	SecRoadmap: "Roadmap", SecMilestones: "Milestones", SecCapacity: "Capacity",
	SecBudget: "Budget", SecRisks: "Risks", SecDelivery: "Delivery metrics",
	SecDecisions: "Decisions needed", SecMethod: "Method and assumptions",
	SecDecision: "Decision",
}

// LoadTemplate returns a built-in template by name ("board-pack") or reads
// a template file by path (anything containing a path separator or ending
// in .json). Errors say what is wrong and list the valid choices.
func LoadTemplate(nameOrPath string) (*Template, error) {
	if nameOrPath == "" {
		nameOrPath = reports.Default
	}
	var data []byte
	var where string
	if strings.ContainsAny(nameOrPath, `/\`) || strings.HasSuffix(nameOrPath, ".json") {
		b, err := os.ReadFile(nameOrPath)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, plan.Errorf(plan.ENOTFOUND, "Template file %s does not exist. Pass a built-in template name (%s) or the path of a template file.", nameOrPath, strings.Join(reports.Names(), ", "))
		}
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", nameOrPath, err)
		}
		data, where = b, filepath.Base(nameOrPath)
	} else {
		b, err := fs.ReadFile(reports.FS(), nameOrPath+".json")
		if err != nil {
			return nil, plan.Errorf(plan.ENOTFOUND, "There is no built-in template %q. The built-in templates are %s; or pass the path of a template file.", nameOrPath, strings.Join(reports.Names(), ", "))
		}
		data, where = b, nameOrPath
	}
	return ParseTemplate(data, where)
}

// ParseTemplate reads a template from JSON; where names it in error messages.
func ParseTemplate(data []byte, where string) (*Template, error) {
	var t Template
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		return nil, plan.Errorf(plan.EINVALID, "Template %s is not valid template JSON: %v. See reports/README.md for the format.", where, err)
	}
	if err := t.normalise(where); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *Template) normalise(where string) error {
	var probs []string
	if t.Name == "" {
		t.Name = strings.TrimSuffix(where, ".json")
	}
	if t.Title == "" {
		t.Title = "Portfolio briefing"
	}
	switch strings.ToLower(t.Paper) {
	case "", "auto":
		t.Paper = "" // by the portfolio (Paper)
	case "a4":
		t.Paper = "A4"
	case "letter":
		t.Paper = "Letter"
	default:
		probs = append(probs, fmt.Sprintf("paper %q must be \"A4\" or \"Letter\"", t.Paper))
	}
	switch strings.ToLower(t.Orientation) {
	case "", "landscape":
		t.Orientation = "landscape"
	case "portrait":
		t.Orientation = "portrait"
	default:
		probs = append(probs, fmt.Sprintf("orientation %q must be \"landscape\" or \"portrait\"", t.Orientation))
	}
	switch t.Confidence {
	case 0:
		t.Confidence = 85
	case 50, 85, 95:
	default:
		probs = append(probs, fmt.Sprintf("confidence %d must be 50, 85 or 95 (the percentiles the forecast gives)", t.Confidence))
	}
	if t.RAG == (Thresholds{}) {
		t.RAG = figure.DefaultThresholds
	}
	if t.RAG.Green <= 0 || t.RAG.Green > 1 || t.RAG.Amber <= 0 || t.RAG.Amber > 1 {
		probs = append(probs, fmt.Sprintf("rag thresholds must be probabilities between 0 and 1 (got green %v, amber %v)", t.RAG.Green, t.RAG.Amber))
	} else if t.RAG.Amber >= t.RAG.Green {
		probs = append(probs, fmt.Sprintf("rag thresholds are out of order: amber (%v) must be below green (%v)", t.RAG.Amber, t.RAG.Green))
	}
	if t.TopRisks == 0 {
		t.TopRisks = 10
	} else if t.TopRisks < 0 {
		probs = append(probs, "top_risks cannot be negative")
	}
	if t.OverCommitment == 0 {
		t.OverCommitment = 0.5
	} else if t.OverCommitment < 0 || t.OverCommitment > 1 {
		probs = append(probs, fmt.Sprintf("over_commitment %v must be a probability between 0 and 1", t.OverCommitment))
	}
	if len(t.Sections) == 0 {
		probs = append(probs, "sections is empty: list the sections to include")
	}
	seen := map[string]bool{}
	for i := range t.Sections {
		s := &t.Sections[i]
		if _, ok := defaultTitles[s.Section]; !ok {
			probs = append(probs, fmt.Sprintf("unknown section %q; the sections are %s", s.Section, strings.Join(SectionKinds, ", ")))
			continue
		}
		if seen[s.Section] {
			probs = append(probs, fmt.Sprintf("section %q appears twice", s.Section))
		}
		seen[s.Section] = true
		if s.Title == "" {
			s.Title = defaultTitles[s.Section]
		}
	}
	if len(probs) > 0 {
		return plan.Errorf(plan.EINVALID, "Template %s: %s. See reports/README.md for the format.", where, strings.Join(probs, "; "))
	}
	return nil
}
