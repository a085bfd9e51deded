package msproject

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
	"steerco/internal/plan"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want float64 // minutes
		bad  bool
	}{
		{"PT8H0M0S", 480, false},
		{"PT0H1M0S", 1, false},
		{"PT24H0M0S", 1440, false},
		{"PT160H0M0S", 9600, false},
		{"PT0H0M30S", 0.5, false},
		{"-PT4H0M0S", -240, false},
		{"P1DT2H0M0S", 1560, false},
		{"P1W", 10080, false},
		{"PT7.5H", 450, false},
		{"", 0, true},
		{"8h", 0, true},
		{"P", 0, true},
		{"PT", 0, true},
		{"P1Y", 0, true},
		{"PTH", 0, true},
		{"PT1H1H", 60 + 60, false},
		{"PT1X", 0, true},
		{"PTT1H", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if (err != nil) != tc.bad || !tc.bad && math.Abs(got-tc.want) > 1e-9 {
				t.Fatalf("ParseDuration(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.bad)
			}
		})
	}
}

func TestDays(t *testing.T) {
	tests := []struct {
		name   string
		dur    string
		format int
		mpd    float64
		want   float64
	}{
		{"working day", "PT8H0M0S", 7, 480, 1},
		{"24h as working time is 3 days", "PT24H0M0S", 7, 480, 3},
		{"24h elapsed is 1 day", "PT24H0M0S", 8, 480, 1},
		{"24h calendar file", "PT24H0M0S", 7, 1440, 1},
		{"450-minute day", "PT15H0M0S", 7, 450, 2},
		{"null format is working", "PT8H0M0S", 53, 480, 1},
		{"estimated elapsed day", "PT48H0M0S", 40, 480, 2},
		{"unset minutes per day", "PT16H0M0S", 7, 0, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Days(tc.dur, tc.format, tc.mpd)
			if err != nil || math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("Days = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestLagDays(t *testing.T) {
	tests := []struct {
		name     string
		lag      string
		format   int
		want     int
		exact    bool
		msgEmpty bool
	}{
		{"none", "0", 7, 0, true, true},
		{"one day (4800 tenths of a minute)", "4800", 7, 1, true, true},
		{"one week (24000 with format w)", "24000", 9, 5, true, true},
		{"half a day rounds up", "2400", 7, 1, false, true},
		{"elapsed day", "14400", 8, 1, true, true},
		{"lead becomes 0", "-4800", 7, 0, true, false},
		{"percent lag", "500", 19, 0, true, false},
		{"garbage", "abc", 7, 0, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, exact, msg := lagDays(link{LinkLag: tc.lag, LagFormat: tc.format}, 480)
			if d != tc.want || exact != tc.exact || (msg == "") != tc.msgEmpty {
				t.Fatalf("lagDays(%s) = %d, %v, %q", tc.lag, d, exact, msg)
			}
		})
	}
}

func load(t *testing.T, file string, opts ingest.Options) (*ingest.Preview, *plan.Portfolio) {
	t.Helper()
	src := roadmaptest.Source(t, roadmaptest.RealData(t, "msproject/"+file))
	p := roadmaptest.Base()
	pv, err := Preview(context.Background(), src, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.HasErrors() {
		t.Fatalf("errors: %v", pv.Problems)
	}
	q := roadmaptest.Apply(t, p, pv)
	again, err := Preview(context.Background(), src, q, opts)
	if err != nil || len(again.Changes) != 0 {
		t.Errorf("re-import changes %v (%v)", again.Changes, err)
	}
	return pv, q
}

func bySource(t *testing.T, p *plan.Portfolio, src string) *plan.Item {
	t.Helper()
	for i := range p.Items {
		if p.Items[i].Source == src {
			return &p.Items[i]
		}
	}
	t.Fatalf("no item from %s", src)
	return nil
}

func TestMSPDIDuration(t *testing.T) {
	_, q := load(t, "mpxj_mspdiduration.xml", ingest.Options{})
	// Worked by hand, MinutesPerDay 480 (8 h), elapsed formats at 24 h a day:
	want := map[string]float64{
		"1":  1.0 / 480,  // m   PT0H1M0S: 1 working minute
		"2":  1.0 / 8,    // h   PT1H0M0S: 1 working hour
		"3":  1,          // d   PT8H0M0S: 1 working day
		"4":  5,          // w   PT40H0M0S: 1 week = 5 days
		"5":  20,         // mo  PT160H0M0S: 1 month = 20 days × 8 h
		"6":  1.0 / 1440, // em  PT0H1M0S: 1 elapsed minute
		"7":  1.0 / 24,   // eh  PT1H0M0S: 1 elapsed hour
		"8":  1,          // ed  PT24H0M0S: 1 elapsed day (it would be 3 working days)
		"9":  7,          // ew  PT168H0M0S: 1 elapsed week = 7 days
		"10": 30,         // emo PT720H0M0S: 1 elapsed month = 30 days
	}
	if len(q.Items) != 10 {
		t.Fatalf("%d items, want 10", len(q.Items))
	}
	for uid, days := range want {
		it := bySource(t, q, "msproject:mspdiduration.xml#"+uid)
		if math.Abs(it.Estimate.Likely-days) > 1e-4 {
			t.Errorf("task %s: %v days, want %v", uid, it.Estimate.Likely, days)
		}
	}
}

func TestTaskLinks(t *testing.T) {
	pv, q := load(t, "mpxj_task-links-project2019-mspdi.xml", ingest.Options{})
	pr, _ := parse(context.Background(), "x", roadmaptest.Source(t, roadmaptest.RealData(t, "msproject/mpxj_task-links-project2019-mspdi.xml")).Data)
	links, types := 0, map[int]int{}
	for _, tk := range pr.Tasks {
		for _, l := range tk.Links {
			links++
			types[l.Type]++
		}
	}
	if len(pr.Tasks) != 17 || links != 8 || types[0] != 1 || types[1] != 5 || types[2] != 1 || types[3] != 1 {
		t.Fatalf("%d tasks, %d links, types %v; want 17, 8, FF 1 FS 5 SF 1 SS 1", len(pr.Tasks), links, types)
	}
	src := "msproject:task-links-project2019-mspdi.xml#"
	tests := []struct {
		succ, pred string
		lag        int
		none       bool
	}{
		{"2", "1", 0, false},   // FS, no lag
		{"4", "3", 1, false},   // FS, 4800 = 480 min = 1 day
		{"6", "5", 2, false},   // FS, 9600 = 2 days
		{"8", "7", 5, false},   // FS, 24000 (weeks) = 2400 min = 5 days
		{"10", "9", 10, false}, // FS, 48000 (weeks) = 10 days
		{"12", "11", 0, true},  // SF: dropped
		{"14", "13", 0, false}, // SS: finish-to-start, lag 0
		{"16", "15", 0, false}, // FF: finish-to-start, lag 0
	}
	for _, tc := range tests {
		s, p := bySource(t, q, src+tc.succ), bySource(t, q, src+tc.pred)
		if tc.none {
			if len(s.DependsOn) != 0 {
				t.Errorf("task %s depends on %+v, want none (SF dropped)", tc.succ, s.DependsOn)
			}
			continue
		}
		if len(s.DependsOn) != 1 || s.DependsOn[0].ItemID != p.ID || s.DependsOn[0].LagDays != tc.lag {
			t.Errorf("task %s depends on %+v, want %s with lag %d", tc.succ, s.DependsOn, p.ID, tc.lag)
		}
	}
	warn := 0
	for _, pr := range pv.Problems {
		if strings.Contains(pr.Message, "Steerco models finish-to-start only") {
			warn++
		}
	}
	if warn != 3 {
		t.Errorf("%d link warnings, want 3 (SS, FF, SF): %v", warn, pv.Problems)
	}
}

func TestLegacySample(t *testing.T) {
	pv, q := load(t, "mpxj_legacy_sample.xml", ingest.Options{})
	pr, _ := parse(context.Background(), "x", roadmaptest.Source(t, roadmaptest.RealData(t, "msproject/mpxj_legacy_sample.xml")).Data)
	summaries, milestones, links := 0, 0, 0
	for _, tk := range pr.Tasks {
		summaries += tk.Summary
		milestones += tk.Milestone
		links += len(tk.Links)
	}
	if len(pr.Tasks) != 20 || summaries != 4 || milestones != 1 || links != 6 || len(pr.Resources) != 3 || len(pr.Assignments) != 17 || len(pr.Calendars) != 4 {
		t.Fatalf("tasks %d summaries %d milestones %d links %d resources %d assignments %d calendars %d",
			len(pr.Tasks), summaries, milestones, links, len(pr.Resources), len(pr.Assignments), len(pr.Calendars))
	}
	if pv.RowsRead != 20 || len(q.Items) != 15 || len(q.Milestones) != 1 || len(q.Products) != 3 {
		t.Errorf("read %d, items %d, milestones %d, products %d", pv.RowsRead, len(q.Items), len(q.Milestones), len(q.Products))
	}
	if m := q.Milestones[0]; m.Name != "Third task" || m.Date != plan.MustDate("2003-01-07") {
		t.Errorf("milestone %+v", m)
	}
	// "Second Task" (PT800H) is 100 days at 8 h; its resource names its team.
	st := bySource(t, q, "msproject:sample.xml#2")
	if st.Estimate.Likely != 100 || q.Team(st.TeamID).Name != "Second Resource" || q.Product(st.ProductID).Name != "First Task" {
		t.Errorf("Second Task %+v", st)
	}
	// Related Task 3b has a lead of one day: dependency kept with lag 0, warned.
	if d := bySource(t, q, "msproject:sample.xml#14").DependsOn; len(d) != 1 || d[0].LagDays != 0 {
		t.Errorf("3b depends on %+v", d)
	}
}

func TestRecurringExceptions(t *testing.T) {
	pr, err := parse(context.Background(), "x", roadmaptest.Source(t, roadmaptest.RealData(t, "msproject/mpxj_calendar-recurring-exceptions-project2016-mspdi.xml")).Data)
	if err != nil {
		t.Fatal(err)
	}
	cal := pr.Calendars[0]
	if len(cal.Exceptions) != 27 {
		t.Fatalf("%d exceptions, want 27", len(cal.Exceptions))
	}
	// Known expansions (checked against the dated WeekDay entries Project 2016 writes beside them).
	want := map[string][]string{
		"Daily 2":            {"2000-02-01", "2000-02-04", "2000-02-07", "2000-02-10"},
		"Weekly 2 Tuesday":   {"2001-01-02", "2001-01-16", "2001-01-30", "2001-02-13"},
		"Monthly Relative 2": {"2002-01-08", "2002-04-09", "2002-07-09", "2002-10-08"}, // second Tuesday, every 3 months
		"Monthly Absolute 1": {"2003-01-01", "2003-03-01", "2003-05-01"},
		"Yearly Relative 1":  {"2004-03-02", "2005-03-01", "2006-03-07", "2007-03-06"}, // first Tuesday of March (Month 2 is 0-based)
		"Yearly Absolute 1":  {"2005-02-01", "2006-02-01", "2007-02-01"},               // Month 1 = February
	}
	total := 0
	for _, ex := range cal.Exceptions {
		ds, ok := ex.expand()
		if !ok {
			t.Errorf("%s not expanded", ex.Name)
		}
		if ex.Occurrences > 0 && len(ds) != ex.Occurrences {
			t.Errorf("%s: %d dates, want %d occurrences", ex.Name, len(ds), ex.Occurrences)
		}
		if w, ok := want[ex.Name]; ok {
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if strings.Join(got, " ") != strings.Join(w, " ") {
				t.Errorf("%s = %v, want %v", ex.Name, got, w)
			}
		}
		if ex.DayWorking == 0 {
			total += len(ds)
		}
	}
	if total != 138 {
		t.Errorf("%d non-working dates, want 138 (137 distinct)", total)
	}
	// Default: proposed in the notes only; with holidays=apply they join the portfolio calendar.
	pv, q := load(t, "mpxj_calendar-recurring-exceptions-project2016-mspdi.xml", ingest.Options{})
	if len(q.Calendar.Holidays) != 0 || !strings.Contains(strings.Join(pv.Notes, " "), "137 non-working day(s)") {
		t.Errorf("holidays %d, notes %v", len(q.Calendar.Holidays), pv.Notes)
	}
	_, q = load(t, "mpxj_calendar-recurring-exceptions-project2016-mspdi.xml", ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"holidays": "apply"}}})
	if len(q.Calendar.Holidays) != 137 {
		t.Errorf("%d holidays applied, want 137", len(q.Calendar.Holidays))
	}
}

func TestRealFiles(t *testing.T) {
	tests := []struct {
		file       string
		read       int
		items      int
		milestones int
		check      func(t *testing.T, pv *ingest.Preview, q *plan.Portfolio)
	}{
		{"autostore_Cronograma_es.xml", 40, 39, 0, func(t *testing.T, pv *ingest.Preview, q *plan.Portfolio) {
			it := bySource(t, q, "msproject:autostore_Cronograma_es.xml#32") // first task has UID 97; UIDs are not in order
			if it.Title != "Diseñar la arquitectura del software" || it.Estimate.Likely != 3 || it.StartNoEarlierThan != plan.MustDate("2015-11-09") {
				t.Errorf("UID 32 %+v", it)
			}
			if first := bySource(t, q, "msproject:autostore_Cronograma_es.xml#97"); first.Rank != 1 {
				t.Errorf("first task rank %d", first.Rank)
			}
		}},
		{"ganttproject_issue2659_24h.xml", 2, 1, 0, func(t *testing.T, pv *ingest.Preview, q *plan.Portfolio) {
			if e := q.Items[0].Estimate.Likely; e != 1 { // PT24H0M0S at 1440 minutes a day
				t.Errorf("24h task is %v days, want 1", e)
			}
		}},
		{"mpxj_task-baselines-project2019-mspdi.xml", 111, 110, 0, func(t *testing.T, pv *ingest.Preview, q *plan.Portfolio) {
			if it := bySource(t, q, "msproject:task-baselines-project2019-mspdi.xml#23"); it.Target != plan.MustDate("2014-03-01") {
				t.Errorf("baseline 0 finish target %s, want 2014-03-01", it.Target)
			}
			targets := 0
			for _, it := range q.Items {
				if !it.Target.IsZero() {
					targets++
				}
			}
			if targets != 2 {
				t.Errorf("%d targets, want 2 (the tasks with a Baseline 0 finish)", targets)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			pv, q := load(t, tc.file, ingest.Options{})
			if pv.RowsRead != tc.read || len(q.Items) != tc.items || len(q.Milestones) != tc.milestones {
				t.Errorf("read %d items %d milestones %d; want %d %d %d", pv.RowsRead, len(q.Items), len(q.Milestones), tc.read, tc.items, tc.milestones)
			}
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			tc.check(t, pv, q)
		})
	}
}

func TestRefusals(t *testing.T) {
	mpp := append(append([]byte{}, ole2Magic...), make([]byte, 512)...)
	utf16 := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	mpp14 := append(append([]byte{}, mpp...), utf16("   114")...)
	xls := append(append([]byte{}, mpp...), utf16("Workbook")...)
	tests := []struct {
		name, want string
		data       []byte
	}{
		{"mpp", MPPMessage, mpp},
		{"mpp with its streams", MPPMessage, mpp14},
		{"old excel", "binary Excel 97–2003 (.xls) file, not a Microsoft Project plan", xls},
		{"gan", "not MS Project's <Project>", []byte(`<project name="x" version="3.0"/>`)},
		{"truncated", "malformed", []byte(`<Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><UID>1</UID>`)},
		{"deep", "nested more than", []byte("<Project>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Project>")},
		{"empty", "no XML elements", []byte("   ")},
		{"binary", "not an XML file", []byte{0xff, 0x00, 0x81, 0x82, 0x83, 0xc0}},
		{"other encoding", "encoding", []byte(`<?xml version="1.0" encoding="EBCDIC"?><Project/>`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Preview(context.Background(), ingest.Source{Name: "plan.mpp", Data: tc.data}, roadmaptest.Base(), ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a ParseError containing %q", err, tc.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"mspdi", `<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name>`, true},
		{"no namespace", `<Project><Tasks/>`, true},
		{"mpp", string(ole2Magic), true},
		{"xls", string(ole2Magic) + "W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00", false},
		{"gan", `<?xml version="1.0"?><project name="" version="3.3">`, false},
		{"rss", `<rss version="0.92">`, false},
		{"csv", "a,b,c\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.head)); got != tc.want {
				t.Errorf("Sniff = %v, want %v", got, tc.want)
			}
		})
	}
}

const cyclePlan = `<Project xmlns="http://schemas.microsoft.com/project"><Name>c.xml</Name><Tasks>
<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><DurationFormat>7</DurationFormat>
<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>1</Type></PredecessorLink></Task>
<Task><UID>2</UID><ID>2</ID><Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><DurationFormat>7</DurationFormat>
<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink>
<PredecessorLink><PredecessorUID>99</PredecessorUID><Type>1</Type></PredecessorLink></Task>
</Tasks></Project>`

func TestCycleAndMissing(t *testing.T) {
	pv, err := Preview(context.Background(), ingest.Source{Name: "c.xml", Data: []byte(cyclePlan)}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var errs, missing []string
	for _, pr := range pv.Problems {
		if pr.Severity == ingest.SevError {
			errs = append(errs, pr.Message)
		}
		if strings.Contains(pr.Message, "99") && pr.Severity == ingest.SevWarning {
			missing = append(missing, pr.Message)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "cycle") || !strings.Contains(errs[0], "#1") || !strings.Contains(errs[0], "#2") {
		t.Errorf("errors %v, want one naming the cycle", errs)
	}
	if len(missing) != 1 {
		t.Errorf("no warning for the link to missing task 99: %v", pv.Problems)
	}
	if err := pv.Apply(context.Background(), &roadmaptest.Updater{P: roadmaptest.Base()}); err == nil {
		t.Error("a preview with a cycle applied")
	}
}

const summaryPlan = `<Project xmlns="http://schemas.microsoft.com/project"><Name>s.xml</Name><Tasks>
<Task><UID>0</UID><ID>0</ID><Name>s</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>1</UID><ID>1</ID><Name>Phase 1</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
<Task><UID>2</UID><ID>2</ID><Name>A</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration><PercentComplete>50</PercentComplete></Task>
<Task><UID>3</UID><ID>3</ID><Name>B</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><PercentComplete>100</PercentComplete></Task>
<Task><UID>4</UID><ID>4</ID><Name>Gate</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT0H0M0S</Duration><Finish>2026-03-02T17:00:00</Finish>
<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink></Task>
<Task><UID>5</UID><ID>5</ID><Name>Phase 2</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary>
<PredecessorLink><PredecessorUID>4</PredecessorUID><Type>1</Type><LinkLag>9600</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
<Task><UID>6</UID><ID>6</ID><Name>C</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><Deadline>2026-04-30T17:00:00</Deadline></Task>
</Tasks></Project>`

// Links to summaries apply to every task under them; links through a milestone reach its predecessors.
func TestSummaryAndMilestoneLinks(t *testing.T) {
	p := roadmaptest.Base()
	pv, err := Preview(context.Background(), ingest.Source{Name: "s.xml", Data: []byte(summaryPlan)}, p, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q := roadmaptest.Apply(t, p, pv)
	c := bySource(t, q, "msproject:s.xml#6")
	a, b := bySource(t, q, "msproject:s.xml#2"), bySource(t, q, "msproject:s.xml#3")
	if len(c.DependsOn) != 2 || c.DependsOn[0].LagDays != 2 {
		t.Fatalf("C depends on %+v, want A and B with lag 2", c.DependsOn)
	}
	if a.Status != plan.InProgress || a.Remaining == nil || *a.Remaining != 1 || b.Status != plan.Done {
		t.Errorf("A %+v B %+v", a, b)
	}
	if len(q.Milestones) != 1 || len(q.Milestones[0].DependsOn) != 2 || q.Milestones[0].Date != plan.MustDate("2026-03-02") {
		t.Errorf("milestone %+v", q.Milestones)
	}
	if c.Target != plan.MustDate("2026-04-30") {
		t.Errorf("C target %s, want its Deadline", c.Target)
	}
	if q.Product(a.ProductID).Name != "Phase 1" || q.Product(c.ProductID).Name != "Phase 2" {
		t.Errorf("products %+v", q.Products)
	}
}
