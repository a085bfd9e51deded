package msproject

import (
	"context"
	"math"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// The seed corpora live in testdata/fuzz/<FuzzName>; `make fuzz` runs each target for a while.

// FuzzPreview feeds arbitrary bytes to the MSPDI reader: it must never
// panic, and a preview without errors must apply to a valid portfolio.
func FuzzPreview(f *testing.F) {
	f.Add([]byte(cyclePlan))
	f.Add([]byte(summaryPlan))
	f.Add([]byte(`<Project xmlns="http://schemas.microsoft.com/project"><Calendars><Calendar><UID>1</UID><Exceptions><Exception><Type>6</Type><Occurrences>3</Occurrences><Period>1</Period><DaysOfWeek>2</DaysOfWeek><TimePeriod><FromDate>2001-01-01T00:00:00</FromDate><ToDate>2001-01-15T23:59:00</ToDate></TimePeriod></Exception></Exceptions></Calendar></Calendars><CalendarUID>1</CalendarUID></Project>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), ingest.Source{Name: "f.xml", Data: data}, p, ingest.Options{Mapping: nil})
		if err != nil || pv.HasErrors() {
			return
		}
		if err := pv.Apply(context.Background(), &roadmaptest.Updater{P: p}); err != nil {
			t.Fatalf("a preview without errors failed to apply: %v", err)
		}
	})
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"PT8H0M0S", "-PT4H0M0S", "P1DT2H30M0.5S", "PT", "P1W", "PT1e9H"} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, format int) {
		d, err := Days(s, format, 480)
		if err == nil && (math.IsNaN(d) || math.IsInf(d, 0)) {
			t.Fatalf("Days(%q) = %v", s, d)
		}
	})
}

func FuzzException(f *testing.F) {
	f.Add(1, 3, 1, 0, 0, 0, 0, 0, "2000-01-01T00:00:00", "2000-01-03T23:59:00")
	f.Add(5, 4, 3, 0, 5, 1, 0, 0, "2002-01-01T00:00:00", "2002-10-08T23:59:00")
	f.Add(3, 4, 1, 0, 5, 0, 2, 0, "2004-01-01T00:00:00", "2007-03-06T23:59:00")
	f.Fuzz(func(t *testing.T, typ, occ, period, dow, item, pos, month, day int, from, to string) {
		ex := exception{Type: typ, Occurrences: occ, Period: period, DaysOfWeek: dow, MonthItem: item, MonthPosition: pos, Month: month, MonthDay: day,
			TimePeriod: timePeriod{FromDate: from, ToDate: to}}
		ds, _ := ex.expand()
		if len(ds) > MaxExceptionDays {
			t.Fatalf("%d dates, more than the limit", len(ds))
		}
	})
}
