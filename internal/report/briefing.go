// Package report builds an executive briefing — the board pack, the monthly
// status, the PI review — from a portfolio, its forecast in calendar dates
// and its budget. A Briefing is data: sections of headline sentences, KPIs,
// tables of typed cells and charts described by their numbers. It imports no
// renderer; report/pdf and report/xlsx turn the same Briefing into a PDF and
// a workbook.
package report

import (
	"math"

	"steerco/internal/figure"
	"steerco/internal/plan"
)

// Briefing is one report, ready to render.
type Briefing struct {
	Title           string // "Board pack"
	Template        string // the template's name
	Portfolio       string // portfolio name
	AsOf            plan.Date
	Currency        string
	Confidentiality string
	Paper           string // "A4" or "Letter"
	Landscape       bool
	Confidence      int // the confidence level quoted, e.g. 85
	// Compact briefings (the monthly status) leave detail tables out of the
	// PDF; the workbook always has them.
	Compact bool
	// Slides: the PDF is laid out as 16:9 slides (the board deck).
	Slides   bool
	Sections []Section
	// Raw is the forecast of every open item, unabridged: the workbook's
	// "Forecast (raw)" sheet (the PDF does not print it).
	Raw *Table
	// RawSheet is the name of the workbook sheet of Raw (SheetNames).
	RawSheet string
}

// Section kinds, in the board pack's order. Templates name sections with these.
const (
	SecCover       = "cover"
	SecSummary     = "summary"
	SecCommitments = "commitments"
	SecRoadmap     = "roadmap"
	SecMilestones  = "milestones"
	SecCapacity    = "capacity"
	SecBudget      = "budget"
	SecRisks       = "risks"
	SecDelivery    = "delivery"
	SecDecisions   = "decisions"
	SecMethod      = "method"
)

// SectionKinds lists every section a template may name, in the default order.
var SectionKinds = []string{SecCover, SecDecision, SecSummary, SecCommitments, SecRoadmap, SecMilestones,
	SecCapacity, SecBudget, SecRisks, SecDelivery, SecDecisions, SecMethod}

// Section is one chapter of the briefing.
type Section struct {
	Kind  string
	Title string
	// Sheet is the name of the section's workbook sheet, which the PDF's
	// "see the workbook, sheet …" lines name (SheetNames decides it).
	Sheet     string
	Headlines []string // generated sentences, most important first
	KPIs      []KPI
	Blocks    []Block // tables and charts, in reading order
	Notes     []string
	// Cover holds the cover page's fields (only for the cover section).
	Cover *Cover
	// Decision holds the decision sheet's model (only for the decision section).
	Decision *Decision
}

// Cover is what the title page shows.
type Cover struct {
	Title           string
	Portfolio       string
	Subtitle        string // e.g. "Forecast as of 21 Nov 2026 · 10,000 trials"
	Date            plan.Date
	AsOf            plan.Date
	Confidentiality string
}

// KPI is one headline number.
type KPI struct {
	Label string
	Value Cell
	Note  string // one short line under the value
}

// Block is a table or a chart (exactly one is set).
type Block struct {
	Table *Table
	Chart *Chart
}

// CellKind says how a cell is typed.
type CellKind int

const (
	KText    CellKind = iota
	KDate             // Date
	KMoney            // Money
	KPercent          // Num in 0–1
	KNumber           // Num, with Decimals
	KRAG              // RAG
	KEmpty            // nothing (a blank cell)
)

// RAG is a red/amber/green status: figure's, the one rule.
type RAG = figure.RAG

// The statuses (figure's).
const (
	RAGNone = figure.None
	Green   = figure.Green
	Amber   = figure.Amber
	Red     = figure.Red
)

// Cell is a typed table value.
type Cell struct {
	Kind     CellKind
	Text     string
	Date     plan.Date
	Money    plan.Money
	Num      float64
	Decimals int // for KNumber
	RAG      RAG
	Signed   bool // show a + sign on positive numbers/money (changes, variances)
	// Cents shows money with its currency's decimals (finance tables);
	// otherwise money is shown in whole units.
	Cents bool
	// Short shows money in headline form with its currency, "USD 6.1M"
	// (figure.MoneyShort): KPI tiles, whose note or sentence quotes the same.
	Short bool
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Kind: KText, Text: s} }

// DateCell returns a date cell, or an empty cell for an unset date.
func DateCell(d plan.Date) Cell { return dateOrEmpty(d) }

// MoneyCell returns a money cell, shown in whole units.
func MoneyCell(m plan.Money) Cell { return Cell{Kind: KMoney, Money: m} }

// ShortMoneyCell returns a money cell shown in headline form, "USD 6.1M".
func ShortMoneyCell(m plan.Money) Cell { return Cell{Kind: KMoney, Money: m, Short: true} }

// CentsCell returns a money cell shown with cents (finance tables only).
func CentsCell(m plan.Money) Cell { return Cell{Kind: KMoney, Money: m, Cents: true} }

// Percent returns a cell showing p (0..1) as a percentage.
func Percent(p float64) Cell { return Cell{Kind: KPercent, Num: p} }

// Number returns a number cell shown with decimals decimal places.
func Number(v float64, decimals int) Cell { return Cell{Kind: KNumber, Num: v, Decimals: decimals} }

// RAGCell returns a red/amber/green status cell.
func RAGCell(r RAG) Cell { return Cell{Kind: KRAG, RAG: r, Text: r.Label()} }

// Empty returns an empty cell.
func Empty() Cell { return Cell{Kind: KEmpty} }

func dateOrEmpty(d plan.Date) Cell {
	if d.IsZero() {
		return Empty()
	}
	return Cell{Kind: KDate, Date: d}
}

// Table is a titled grid of typed cells.
type Table struct {
	Name    string // short name (an Excel sheet name or a bookmark), unique in the briefing
	Title   string
	Columns []Column
	Rows    []Row
	Total   *Row   // optional totals row
	Note    string // shown under the table
	// PDFRows, when positive, limits the rows printed in the PDF (the
	// workbook always has every row).
	PDFRows int
	// Detail tables are left out of a compact PDF.
	Detail bool
	// WorkbookOnly tables are data for the workbook, too fine-grained for
	// the PDF (the budget by line).
	WorkbookOnly bool
	// Width, between 0 and 1, narrows the table in the PDF to that share of
	// the page width (0 = full width).
	Width float64
}

// Column describes one column.
type Column struct {
	Title string
	Kind  CellKind
	Width float64 // relative width hint (0 = 1)
	// Formula, when set, says how this column is computed from the other
	// cells of its row, with {i} for the cell of column i (0-based): "{4}-{2}"
	// is column 4 minus column 2. The workbook writes it as a formula over
	// those cells (the totals row too); the PDF prints the value.
	Formula string
	// Detail columns are left out of a compact PDF (the workbook keeps them).
	Detail bool
	// RAGThresholds, on a percent column, asks for RAG colouring (green ≥ [0], amber ≥ [1]).
	RAGThresholds *[2]float64
}

// Row is one table row.
type Row struct {
	Cells []Cell
	Group string // rows with the same group are shown together under it (a team, a category)
}

// ChartKind says which kind of chart a Chart is.
type ChartKind int

const (
	ChartTimeline ChartKind = iota
	ChartHeatMap
	ChartRiskMatrix
	ChartSeries
	ChartScatter
)

// Chart is a chart described by its data (exactly one of the pointers is set).
type Chart struct {
	Kind     ChartKind
	Name     string
	Title    string
	Timeline *Timeline
	Heat     *HeatMap
	Matrix   *RiskMatrix
	Series   *SeriesChart
	Scatter  *ScatterChart
	Note     string
}

// ScatterChart is the joint cost–schedule chart: one dot per sampled trial
// (its finish date and cost to complete), the plan point, the target date
// and budget lines, and the 70 % frontier.
type ScatterChart struct {
	Currency string
	Points   []ScatterPoint
	// PlanFinish and PlanCost: the plan point (the trials' median finish and cost).
	PlanFinish plan.Date
	PlanCost   plan.Money
	// Target and Budget: the lines of the date and the budget (zero = none).
	Target plan.Date
	Budget plan.Money
	// Frontier: the lowest budget reaching the JCL level by each date.
	Frontier []ScatterPoint
	// InTarget: the share of the dots by the date and within budget (the JCL).
	InTarget float64
}

// ScatterPoint is one dot: a finish date and an amount.
type ScatterPoint struct {
	Date   plan.Date
	Amount plan.Money
}

// Timeline is a roadmap: one row per item with its P50–P85 bar and target.
type Timeline struct {
	From, To   plan.Date // the window shown
	Today      plan.Date
	Confidence int // the upper percentile of the bar (85)
	Rows       []TimelineRow
	Markers    []TimelineMarker // milestones: vertical markers
	// PDFRows, when not nil, are the indexes of the Rows the PDF draws, in
	// order (a large programme's board pack shows each team's items that
	// matter; the workbook has every row).
	PDFRows []int
}

// TimelineRow is one item on the timeline.
type TimelineRow struct {
	Group  string // team name
	Label  string
	Start  plan.Date // P50 start (the light lead-in of the bar)
	P50    plan.Date
	P85    plan.Date
	Target plan.Date // zero = none
	RAG    RAG
	// Driver names the dependency that drives the slip ("" when none does).
	Driver string
}

// TimelineMarker is a dated vertical marker (a milestone).
type TimelineMarker struct {
	Label string
	Date  plan.Date
	RAG   RAG
}

// HeatMap is a grid of probabilities (rows × columns); NaN means no data.
type HeatMap struct {
	RowLabels []string
	ColLabels []string
	Values    [][]float64 // 0–1
	Labels    [][]string  // text in each cell (e.g. "78%")
	// Thresholds colour the cells: ≥ [0] red, ≥ [1] amber, else green (a
	// probability of over-commitment is bad when high).
	Thresholds [2]float64
	RowTitle   string
	ColTitle   string
	// PDFCols, when positive, limits the columns drawn in the PDF (and in
	// the pictures of the slides) to the first PDFCols; the workbook has
	// every one.
	PDFCols int
}

// RiskMatrix is the 5 × 5 likelihood × impact grid.
type RiskMatrix struct {
	// Cells[l-1][i-1] lists the short labels of the risks with likelihood l and impact i.
	Cells      [5][5][]string
	Likelihood [5]string // band descriptions, 1..5
	Impact     [5]string
	// Key lists the risks by their label: "1", "The FHIR API squad's principal engineer leaves".
	Key [][2]string
}

// Score returns the cell's severity band for colouring: likelihood × impact.
func (m *RiskMatrix) Score(l, i int) int { return l * i }

// SeriesChart is an axis chart: categories along x, one or more series.
type SeriesChart struct {
	Categories []string
	Series     []Series
	Unit       string // "money", "percent", "number", "hours", "days"
	Currency   string // for money
	YTitle     string
}

// Series is one named series; Bar series are drawn as columns, others as lines.
type Series struct {
	Name   string
	Values []float64 // NaN = no value
	Bar    bool
}

// NaN is the missing value in chart data.
var NaN = math.NaN()
