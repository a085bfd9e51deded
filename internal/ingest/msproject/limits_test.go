package msproject

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

func mspdi(tasks string) []byte {
	return []byte(`<Project xmlns="http://schemas.microsoft.com/project"><Name>l.xml</Name><Tasks>` + tasks + `</Tasks></Project>`)
}

// Values beyond plan.Validate's limits are refused at their element.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, tasks, field, want string
	}{
		{"duration PT999999999H", `<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT999999999H0M0S</Duration></Task>`,
			"Task UID 1 Duration", "task 1: a duration of PT999999999H0M0S (1.25e+08 working days) is more than the 5000 working days (about 20 years)"},
		{"lag of 1e8 days", `<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
<Task><UID>2</UID><ID>2</ID><Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>480000000000</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>`,
			"Task UID 2 PredecessorLink", "link from 1 to 2: a lag of 480000000000 (100000000 working days) is more than the 5000 working days"},
		{"long name", `<Task><UID>1</UID><ID>1</ID><Name>` + strings.Repeat("n", 501) + `</Name><OutlineLevel>1</OutlineLevel></Task>`,
			"Task UID 1 Name", "the task name is 501 characters long; at most 500"},
		{"long UID", `<Task><UID>` + strings.Repeat("9", 65) + `</UID><Name>A</Name></Task>`, "Task UID", "a task UID of 65 characters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pv, err := Preview(context.Background(), ingest.Source{Name: "l.xml", Data: mspdi(tc.tasks)}, roadmaptest.Base(), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range pv.Problems {
				if pr.Severity == ingest.SevError && pr.Row > 0 && pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want an error at %s saying %q", pv.Problems, tc.field, tc.want)
		})
	}
}

// A 100 MB task name is refused by the byte scan, located, before the
// decoder reads it into a string.
func TestHugeName(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Tasks>\n<Task><UID>1</UID><Name>")
	b.Write(bytes.Repeat([]byte("x"), 100<<20))
	b.WriteString("</Name></Task></Tasks></Project>")
	_, err := Preview(context.Background(), ingest.Source{Name: "big.xml", Data: b.Bytes()}, roadmaptest.Base(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || pe.Row != 3 || !strings.Contains(pe.Msg, "longer than 1024 KiB") {
		t.Fatalf("err = %v, want a refusal at line 3", err)
	}
}

// A task with no duration or a zero one that is not a milestone is imported
// without an estimate and warned about at its Duration; a milestone is not.
func TestZeroDuration(t *testing.T) {
	data := mspdi(`<Task><UID>1</UID><ID>1</ID><Name>Zero</Name><OutlineLevel>1</OutlineLevel><Duration>PT0H0M0S</Duration></Task>
<Task><UID>2</UID><ID>2</ID><Name>None</Name><OutlineLevel>1</OutlineLevel></Task>
<Task><UID>3</UID><ID>3</ID><Name>Gate</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT0H0M0S</Duration><Finish>2026-03-02T17:00:00</Finish></Task>`)
	pv, err := Preview(context.Background(), ingest.Source{Name: "z.xml", Data: data}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Task UID 1 Duration": "1 Zero: its Duration is PT0H0M0S but it is not a milestone; it is imported without an estimate",
		"Task UID 2 Duration": "2 None: it has no Duration; it is imported without an estimate",
	}
	for _, pr := range pv.Problems {
		if w, ok := want[pr.Field]; ok && pr.Row > 0 && strings.Contains(pr.Message, w) {
			delete(want, pr.Field)
		}
		if strings.Contains(pr.Message, "Gate") {
			t.Errorf("the milestone is warned about: %s", pr)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing warnings %v in %v", want, pv.Problems)
	}
	q := roadmaptest.Apply(t, roadmaptest.Base(), pv)
	for _, it := range q.Items {
		if it.Estimate.High != 0 {
			t.Errorf("%s estimate %+v, want none", it.ID, it.Estimate)
		}
	}
}

// XML limits: DTD entities are refused (never expanded), and a cancelled
// import stops.
func TestXMLGuards(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Project xmlns="http://schemas.microsoft.com/project"><Name>&b;</Name></Project>`
	_, err := Preview(context.Background(), ingest.Source{Name: "e.xml", Data: []byte(laughs)}, roadmaptest.Base(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "declares XML entities") || pe.Row != 1 {
		t.Errorf("err = %v, want the entities refused at line 1", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Preview(ctx, ingest.Source{Name: "c.xml", Data: []byte(cyclePlan)}, roadmaptest.Base(), ingest.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: err = %v", err)
	}
}

// BenchmarkHostile times the refusal of hostile plans (the import must
// answer in well under a second): a 100 MB task name and a duration of
// PT999999999H. Run: go test -run '^$' -bench Hostile -benchmem ./internal/ingest/msproject
func BenchmarkHostile(b *testing.B) {
	var big bytes.Buffer
	big.WriteString("<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Tasks>\n<Task><UID>1</UID><Name>")
	big.Write(bytes.Repeat([]byte("x"), 100<<20))
	big.WriteString("</Name></Task></Tasks></Project>")
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"name-100MB", big.Bytes()},
		{"duration-PT999999999H", mspdi(`<Task><UID>1</UID><ID>1</ID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT999999999H0M0S</Duration></Task>`)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pv, err := Preview(context.Background(), ingest.Source{Name: "h.xml", Data: bc.data}, roadmaptest.Base(), ingest.Options{})
				if err == nil && !pv.HasErrors() {
					b.Fatal("accepted")
				}
			}
		})
	}
}
