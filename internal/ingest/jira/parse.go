package jira

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"steerco/internal/plan"
)

// monthAbbrev maps lower-case month abbreviations (English, Portuguese,
// Spanish, French, German, Italian) and full English/Portuguese names to months.
var monthAbbrev = map[string]time.Month{}

func init() {
	lists := [][]string{
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},        // en
		{"jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"},        // pt
		{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"},        // es
		{"janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"}, // fr
		{"jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"},        // de
		{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},        // it
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	}
	for _, l := range lists {
		for i, a := range l {
			if _, ok := monthAbbrev[a]; !ok {
				monthAbbrev[a] = time.Month(i + 1)
			}
		}
	}
	for k, m := range map[string]time.Month{"fevr": 2, "fév": 2, "avril": 4, "juillet": 7, "aout": 8, "mrz": 3, "maer": 3, "sept": 9} {
		monthAbbrev[k] = m
	}
}

// isoLayouts are the machine formats Jira writes in its API and RSS exports.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.000-0700",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.DateOnly,
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
}

// ParseDate reads a date as Jira writes it in CSV and XML exports:
// "22/Mar/26 10:50 AM" (day/abbreviated month/two-digit year, the default
// for English profiles), localised month abbreviations ("22/fev/26 10:50"),
// four-digit years, ISO forms ("2025-09-30", "2024-08-29T08:32:14.457-0500")
// and RSS dates ("Sun, 5 Oct 2025 00:00:00 +0000"). The time of day is
// dropped: Steerco plans in days. An empty string gives the zero Date and no
// error; anything else unreadable gives an error that quotes the value.
func ParseDate(s string) (plan.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if len(s) > 64 {
		return 0, fmt.Errorf("%.20q… is too long to be a date", s)
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2999 {
				return 0, fmt.Errorf("%q is not a plausible date (year %d)", s, t.Year())
			}
			return plan.DateOf(t), nil
		}
	}
	// dd/Mon/yy [h:mm [AM|PM]] and dd-Mon-yyyy.
	datePart := s
	if i := strings.IndexByte(s, ' '); i >= 0 {
		datePart = s[:i]
		if err := checkTime(strings.TrimSpace(s[i+1:])); err != nil {
			return 0, fmt.Errorf("%q is not a date Steerco can read (%v); Jira dates look like 22/Mar/26 10:50 AM", s, err)
		}
	}
	sep := "/"
	if !strings.Contains(datePart, "/") {
		sep = "-"
	}
	parts := strings.Split(datePart, sep)
	if len(parts) != 3 {
		return 0, fmt.Errorf("%q is not a date Steerco can read; Jira dates look like 22/Mar/26 10:50 AM", s)
	}
	day, err1 := strconv.Atoi(parts[0])
	year, err2 := strconv.Atoi(parts[2])
	mon, ok := monthAbbrev[strings.TrimSuffix(strings.ToLower(parts[1]), ".")]
	if !ok {
		if n, err := strconv.Atoi(parts[1]); err == nil && n >= 1 && n <= 12 {
			mon, ok = time.Month(n), true
		}
	}
	if err1 != nil || err2 != nil || !ok || len(parts[2]) != 2 && len(parts[2]) != 4 {
		return 0, fmt.Errorf("%q is not a date Steerco can read; Jira dates look like 22/Mar/26 10:50 AM", s)
	}
	if len(parts[2]) == 2 {
		year += 2000
	}
	if day < 1 || day > 31 || year < 1900 || year > 2999 {
		return 0, fmt.Errorf("%q is not a real date", s)
	}
	d := plan.NewDate(year, mon, day)
	if d.Day() != day {
		return 0, fmt.Errorf("%q is not a real date (%s has no day %d)", s, mon, day)
	}
	return d, nil
}

// checkTime accepts "10:50", "10:50 AM", "4:31 PM", "10:50:00".
func checkTime(s string) error {
	s = strings.TrimSpace(s)
	ampm := false
	for _, suf := range []string{"AM", "PM", "am", "pm", "a.m.", "p.m."} {
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSpace(strings.TrimSuffix(s, suf))
			ampm = true
			break
		}
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return fmt.Errorf("time %q", s)
	}
	h, err := strconv.Atoi(parts[0])
	if err != nil || h < 0 || h > 23 || ampm && (h < 1 || h > 12) {
		return fmt.Errorf("hour %q", parts[0])
	}
	for _, p := range parts[1:] {
		if m, err := strconv.Atoi(p); err != nil || m < 0 || m > 59 || len(p) != 2 {
			return fmt.Errorf("minutes %q", p)
		}
	}
	return nil
}

// HoursPerDay converts Jira's time estimates (seconds) into person-days.
const HoursPerDay = 8

// ParseSeconds reads a Jira time field in seconds ("28800", "28800.0") and
// returns person-days at HoursPerDay hours a day. The empty string gives
// ok = false. Negative, non-finite or absurd values (over a million days)
// are errors.
func ParseSeconds(s string) (days float64, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("%q is not a number of seconds", s)
	}
	if v < 0 {
		return 0, false, fmt.Errorf("%q seconds is negative", s)
	}
	days = v / (HoursPerDay * 3600)
	if days > plan.MaxEstimateDays {
		return 0, false, fmt.Errorf("%w: %.20q seconds is %.3g person-days, more than the %d a plan can mean", ErrImplausible, s, days, plan.MaxEstimateDays)
	}
	return days, true, nil
}

// ErrImplausible marks a value that parses but is beyond what a portfolio
// can mean (see the limits in package plan); the import refuses it.
var ErrImplausible = errors.New("implausible value")

// ParsePoints reads a story-point value ("5", "2.5", "3,5"). The empty string gives ok = false.
func ParsePoints(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, nil
	}
	if len(s) > 64 {
		return 0, false, fmt.Errorf("%.20q… is not a number of story points", s)
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0, false, fmt.Errorf("%q is not a number of story points", s)
	}
	if v > plan.MaxEstimateDays {
		return 0, false, fmt.Errorf("%w: %.20q story points is more than the %d a plan can mean", ErrImplausible, s, plan.MaxEstimateDays)
	}
	return v, true, nil
}
