package gantt

import (
	"context"
	"errors"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
	"steerco/internal/plan"
)

func load(t *testing.T, file string, opts ingest.Options) (*project, *ingest.Preview, *plan.Portfolio) {
	t.Helper()
	src := roadmaptest.Source(t, roadmaptest.RealData(t, "gantt/"+file))
	pr, err := parse(context.Background(), src.Name, src.Data)
	if err != nil {
		t.Fatal(err)
	}
	p := roadmaptest.Base()
	pv, err := Preview(context.Background(), src, p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if pv.HasErrors() {
		t.Fatalf("errors: %v", pv.Problems)
	}
	q := roadmaptest.Apply(t, p, pv)
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	again, err := Preview(context.Background(), src, q, opts)
	if err != nil || len(again.Changes) != 0 {
		t.Errorf("re-import changes %v (%v)", again.Changes, err)
	}
	return pr, pv, q
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

func maxDepth(pr *project) int {
	d := 0
	for _, t := range pr.Tasks {
		d = max(d, t.Depth)
	}
	return d
}

func countTypes(pr *project) map[int]int {
	m := map[int]int{}
	for _, t := range pr.Tasks {
		for _, d := range t.Depends {
			m[d.Type]++
		}
	}
	return m
}

func TestRealFiles(t *testing.T) {
	tests := []struct {
		file                       string
		tasks, milestones, depends int
		depth, holidays, recurring int
		resources                  int
		span                       string
		check                      func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio)
	}{
		{"ganttproject_HouseBuildingSample.gan", 20, 4, 17, 2, 1, 0, 7, "2024-05-27 → 2024-10-14", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if len(pr.Allocations) != 30 || len(pr.Vacations) != 1 {
				t.Errorf("%d allocations, %d vacations; want 30, 1", len(pr.Allocations), len(pr.Vacations))
			}
			rubber := 0
			for _, tk := range pr.Tasks {
				for _, d := range tk.Depends {
					if d.Hardness == "Rubber" {
						rubber++
					}
				}
			}
			if rubber != 1 {
				t.Errorf("%d Rubber dependencies, want 1", rubber)
			}
			// Stored on the predecessor: task 9 holds <depend id="10">, so 10 depends on 9.
			prep := bySource(t, q, "gantt:ganttproject_HouseBuildingSample#10")
			draft := bySource(t, q, "gantt:ganttproject_HouseBuildingSample#9")
			if len(prep.DependsOn) != 1 || prep.DependsOn[0].ItemID != draft.ID || len(draft.DependsOn) != 0 {
				t.Errorf("Prepare construction documents depends on %+v; draft on %+v", prep.DependsOn, draft.DependsOn)
			}
			// Foundation building (1) waits for milestone 17, which waits for task 10: 1 depends on 10.
			found := bySource(t, q, "gantt:ganttproject_HouseBuildingSample#1")
			if len(found.DependsOn) != 1 || found.DependsOn[0].ItemID != prep.ID {
				t.Errorf("Foundation building depends on %+v, want %s through the milestone", found.DependsOn, prep.ID)
			}
			if draft.Status != plan.Done || prep.Status != plan.InProgress || *prep.Remaining != 3.75 || prep.Estimate.Likely != 15 {
				t.Errorf("prep %+v", prep)
			}
			if q.Team(draft.TeamID).Name != "Michelangelo" { // the responsible resource
				t.Errorf("draft team %s", draft.TeamID)
			}
		}},
		{"cvra_uwb_planning_fr.gan", 18, 3, 9, 1, 19, 5, 0, "2017-09-19 → 2018-01-10", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if len(q.Teams) != 1 || !strings.HasPrefix(q.Teams[0].Name, "Development of an ultra-wide band") {
				t.Errorf("teams %+v, want one named after the project", q.Teams)
			}
		}},
		{"noroff_projmeth2018_project.gan", 61, 5, 25, 4, 0, 0, 0, "2018-11-15 → 2019-01-04", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if n := countTypes(pr); n[1] != 1 || n[2] != 24 {
				t.Errorf("dependency types %v, want 1 SS and 24 FS", n)
			}
			ss := false
			for _, p := range pv.Problems {
				ss = ss || strings.Contains(p.Message, "start-to-start link from 106 to 111")
			}
			if !ss {
				t.Errorf("the SS link is not reported: %v", pv.Problems)
			}
			quot := false
			for _, it := range q.Items {
				quot = quot || strings.Contains(it.Title, `"`)
			}
			if !quot {
				t.Error("no title kept its &quot; as a quote")
			}
		}},
		{"dymaxionkim_gantt_ko.gan", 27, 6, 21, 2, 0, 0, 3, "2020-12-01 → 2021-05-06", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if len(pr.Allocations) != 24 {
				t.Errorf("%d allocations, want 24", len(pr.Allocations))
			}
			names := map[string]bool{}
			for _, tm := range q.Teams {
				names[tm.Name] = true
			}
			if !names["홍길동"] {
				t.Errorf("teams %v lack 홍길동", names)
			}
			if it := bySource(t, q, "gantt:dymaxionkim_gantt_ko#6"); it.Title != "1차 디자인 시안" {
				t.Errorf("title %q", it.Title)
			}
		}},
		{"benel_agile-vs-gantt_fr.gan", 10, 1, 9, 1, 125, 0, 11, "2017-02-06 → 2017-09-12", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if pr.Holidays[0].Name != "New Years Day" {
				t.Errorf("first holiday %+v", pr.Holidays[0])
			}
			if !strings.Contains(strings.Join(pv.Notes, " "), "110 non-working day(s)") {
				t.Errorf("notes %v, want 110 proposed holidays (125 listed, 15 NEUTRAL)", pv.Notes)
			}
		}},
		{"grafari_Projektplan_gan-as-xml_de.xml", 7, 0, 0, 1, 0, 0, 12, "2014-10-21 → 2014-11-10", func(t *testing.T, pr *project, pv *ingest.Preview, q *plan.Portfolio) {
			if pr.Version != "2.0" || !pr.WeekSet || !pr.Weekend[0] || pr.Weekend[1] {
				t.Errorf("version %s, week %v", pr.Version, pr.Weekend)
			}
			if !Sniff(roadmaptest.Source(t, roadmaptest.RealData(t, "gantt/grafari_Projektplan_gan-as-xml_de.xml")).Data[:512]) {
				t.Error("the .xml GanttProject file is not recognised")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			pr, pv, q := load(t, tc.file, ingest.Options{})
			recurring := 0
			for _, h := range pr.Holidays {
				if h.Year == 0 {
					recurring++
				}
			}
			milestones := 0
			for _, tk := range pr.Tasks {
				if tk.Meeting {
					milestones++
				}
			}
			if len(pr.Tasks) != tc.tasks || milestones != tc.milestones || pr.DependCount != tc.depends || maxDepth(pr) != tc.depth ||
				len(pr.Holidays) != tc.holidays || recurring != tc.recurring || len(pr.Resources) != tc.resources {
				t.Errorf("tasks %d milestones %d depends %d depth %d holidays %d recurring %d resources %d; want %d %d %d %d %d %d %d",
					len(pr.Tasks), milestones, pr.DependCount, maxDepth(pr), len(pr.Holidays), recurring, len(pr.Resources),
					tc.tasks, tc.milestones, tc.depends, tc.depth, tc.holidays, tc.recurring, tc.resources)
			}
			if len(q.Milestones) != tc.milestones {
				t.Errorf("%d milestones imported, want %d", len(q.Milestones), tc.milestones)
			}
			if !strings.Contains(strings.Join(pv.Notes, " "), tc.span) {
				t.Errorf("notes %v lack the plan span %s", pv.Notes, tc.span)
			}
			tc.check(t, pr, pv, q)
		})
	}
}

func TestCalendarEnd(t *testing.T) {
	cal := &workCalendar{holidays: map[plan.Date]string{plan.MustDate("2024-05-29"): "x"}}
	cal.weekend[0], cal.weekend[6] = true, true
	tests := []struct {
		start string
		n     int
		want  string
	}{
		{"2024-05-27", 1, "2024-05-27"}, // Monday, one day
		{"2024-05-27", 3, "2024-05-30"}, // skips the Wednesday holiday
		{"2024-05-25", 1, "2024-05-27"}, // starts on a Saturday
		{"2024-05-31", 2, "2024-06-03"}, // over the weekend
		{"2024-05-27", 0, "2024-05-27"}, // milestone
	}
	for _, tc := range tests {
		if got := cal.end(plan.MustDate(tc.start), tc.n); got.String() != tc.want {
			t.Errorf("end(%s, %d) = %s, want %s", tc.start, tc.n, got, tc.want)
		}
	}
}

func TestRecurringHolidaysApplied(t *testing.T) {
	_, _, q := load(t, "cvra_uwb_planning_fr.gan", ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"holidays": "apply"}}})
	have := map[string]bool{}
	for _, h := range q.Calendar.Holidays {
		have[h.Date.String()] = true
	}
	// year="" on 25 December: expanded for 2017 and 2018, the years the plan spans.
	for _, d := range []string{"2017-12-25", "2018-12-25", "2018-01-02", "2012-04-06"} {
		if !have[d] {
			t.Errorf("holiday %s missing from %v", d, q.Calendar.Holidays)
		}
	}
}

const cycleGan = `<?xml version="1.0" encoding="UTF-8"?><project name="c" version="3.0"><tasks>
<task id="1" name="A" start="2026-01-05" duration="2"><depend id="2" type="2" difference="0"/></task>
<task id="2" name="B" start="2026-01-07" duration="2"><depend id="1" type="2" difference="0"/><depend id="9" type="2" difference="0"/></task>
<task id="3" name="C" start="2026-01-07" duration="2"><depend id="4" type="4" difference="0"/></task>
<task id="4" name="D" start="2026-01-07" duration="2"/>
</tasks></project>`

func TestCycleMissingAndSF(t *testing.T) {
	pv, err := Preview(context.Background(), ingest.Source{Name: "c.gan", Data: []byte(cycleGan)}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	var missing, sf bool
	for _, pr := range pv.Problems {
		if pr.Severity == ingest.SevError {
			errs = append(errs, pr.Message)
		}
		missing = missing || strings.Contains(pr.Message, "task 9")
		sf = sf || strings.Contains(pr.Message, "start-to-finish link from 3 to 4 dropped")
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "cycle") || !strings.Contains(errs[0], "gantt:c#1") {
		t.Errorf("errors %v, want the cycle named", errs)
	}
	if !missing || !sf {
		t.Errorf("problems %v, want warnings for the missing task and the SF link", pv.Problems)
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"mspdi", `<Project xmlns="http://schemas.microsoft.com/project"/>`, "not GanttProject's <project>"},
		{"truncated", `<project version="3.0"><tasks><task id="1"`, "malformed"},
		{"deep", "<project>" + strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200) + "</project>", "nested more than"},
		{"empty", "", "no XML elements"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Preview(context.Background(), ingest.Source{Name: "x.gan", Data: []byte(tc.data)}, roadmaptest.Base(), ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a ParseError containing %q", err, tc.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"gan 3", `<?xml version="1.0" encoding="UTF-8"?><project name="" company="" webLink="" view-date="2024-05-19" version="3.3.3309" locale="en">`, true},
		{"gan 2.0", `<project name="Untitled Gantt Project" version="2.0" locale="de_DE">`, true},
		{"mspdi", `<Project xmlns="http://schemas.microsoft.com/project">`, false},
		{"maven pom", `<project xmlns="http://maven.apache.org/POM/4.0.0">`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.head)); got != tc.want {
				t.Errorf("Sniff = %v, want %v", got, tc.want)
			}
		})
	}
}
