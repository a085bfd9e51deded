package demotest

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	builtin "steerco/reports"
)

// hebrewWords make the names of hebraize: Hebrew without a digit, so that
// every digit of a report comes from a figure the sentence states.
var hebrewWords = []string{"השקה", "ציבורית", "מעבר", "לענן", "שלב", "דוחות", "כספיים", "צוות", "פלטפורמה", "תשלומים",
	"בזמן", "אמת", "רישום", "מטופלים", "ספק", "חיצוני", "ביקורת", "אבטחה", "נתונים", "ממשק", "שירות", "לקוחות",
	"תשתית", "רשת", "הדרכה", "משתמשים", "תמיכה", "רגולציה", "מערכת", "חדשה", "הסבה", "ארכיון", "מנהלת", "פרויקט",
	"תקציב", "רכש", "בדיקות", "קבלה", "הטמעה", "אינטגרציה"}

// hebraize gives every name a person types in p — the portfolio, its
// teams, items, milestones and their penalties, risks, their owners and
// sign-offs, budget lines, snapshots and saved scenarios — a Hebrew name
// of its own, without digits.
func hebraize(p *plan.Portfolio) {
	n := 0
	next := func() string {
		k := len(hebrewWords)
		name := hebrewWords[n%k] + " " + hebrewWords[(n/k+n%k+1)%k]
		n++
		return name
	}
	p.Name = next()
	p.Confidentiality = next()
	for i := range p.Teams {
		p.Teams[i].Name = next()
	}
	for i := range p.Items {
		p.Items[i].Title = next()
	}
	for i := range p.Milestones {
		p.Milestones[i].Name = next()
		if p.Milestones[i].Penalty != "" {
			p.Milestones[i].Penalty = next()
		}
	}
	for i := range p.Risks {
		r := &p.Risks[i]
		r.Title, r.Owner = next(), next()
		if r.SignedOffBy != "" {
			r.SignedOffBy = next()
		}
	}
	for i := range p.BudgetLines {
		p.BudgetLines[i].Name = next()
	}
	for i := range p.Snapshots {
		p.Snapshots[i].Name = next()
	}
	for i := range p.Scenarios {
		p.Scenarios[i].Name = next()
	}
}

var digitRun = regexp.MustCompile(`[0-9]+`)

// readsInOrder reports whether every line of s, put in display order
// (bidi.Visual, as the PDF lays it out), shows its numbers in the order
// they were written: "63% → 87%" must not read "87% → 63%".
func readsInOrder(s string) (line, shown string, ok bool) {
	for _, l := range strings.Split(s, "\n") {
		v := bidi.Visual(l)
		if !slices.Equal(digitRun.FindAllString(l, -1), digitRun.FindAllString(v, -1)) {
			return l, v, false
		}
	}
	return "", "", true
}

// eachString calls fn with every string reachable from v and its path.
func eachString(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			eachString(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			eachString(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			eachString(it.Key(), path+"{key}", fn)
			eachString(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key()), fn)
		}
	}
}

// TestHebrewNamesKeepNumbersInOrder is the property behind every sentence
// that names something: with every name of the demo in Hebrew (no digits),
// each string of every template's briefing, of its slides and of the
// window's sentences shows its numbers, laid out for display, in the order
// written. A Hebrew name placed before "63% → 87%" without being isolated
// (bidi.Isolate) takes the figures into its right-to-left run, and the
// board reads that the chance falls from 87% to 63%.
func TestHebrewNamesKeepNumbersInOrder(t *testing.T) {
	p, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	hebraize(p)
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 1000, Seed: 1, AsOf: today, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	checked, mixed, bad := 0, 0, 0
	check := func(path, s string) {
		checked++
		if bidi.RTL(s) && digitRun.MatchString(s) {
			mixed++
		}
		if line, shown, ok := readsInOrder(s); !ok {
			if bad++; bad <= 25 {
				t.Errorf("%s: the numbers of\n\t%q\nread out of order as\n\t%q", path, line, shown)
			}
		}
	}
	for _, name := range builtin.Names() {
		tp, err := report.LoadTemplate(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := app.Briefing(context.Background(), p, f, *tp, today)
		if err != nil {
			t.Fatal(err)
		}
		eachString(reflect.ValueOf(b), name, check)
		eachString(reflect.ValueOf(report.Slides(b)), name+".Slides", check)
		for i := range b.Sections {
			footer := report.SlideFooter(b, i+1, len(b.Sections))
			check(name+".SlideFooter", footer)
		}
	}
	// The window's sentences that name something.
	check("app.ExposureSentence", app.ExposureSentence(p, f))
	fc := app.NewForecaster(app.Default, func() plan.Date { return today })
	fc.ForceTrials(500)
	item := plan.Item{Title: "הצעה " + hebrewWords[0], TeamID: "fhir-api", Rank: 1, Estimate: plan.Estimate{Low: 40, Likely: 60, High: 100},
		Commitment: plan.Committed, Target: today.AddDays(120)}
	yes, err := app.CostOfYes(context.Background(), fc, p, item, 1, app.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if len(yes.Hurt) == 0 {
		t.Fatalf("the cost of yes hurts nothing, so its headline names no figures: %q", yes.Headline)
	}
	check("app.CostOfYes.Headline", yes.Headline)
	t.Logf("%d strings checked, %d with Hebrew and numbers", checked, mixed)
	if bad > 0 {
		t.Errorf("%d of %d strings show their numbers out of order", bad, checked)
	}
	if mixed < 200 {
		t.Errorf("only %d strings mix Hebrew and numbers: the test no longer reaches the sentences", mixed)
	}
}
