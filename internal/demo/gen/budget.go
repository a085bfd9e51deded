package main

import (
	"steerco/internal/plan"
)

// The budget covers two fiscal years: the current one (February to January,
// as authored; the anchor falls in its tenth month) and the next one, which
// the mandate work runs into. Actuals exist for every line for each month
// before the anchor's month, and for none after.
const budgetMonths = 24

// fyStart is the first month of the current fiscal year as authored.
func fyStart() plan.Month { return plan.MonthOf(anchor.Year(), 2) }

// pastMonths is how many months of actuals there are (the months of the
// fiscal year before the anchor's month).
func pastMonths() int { return int(anchor.MonthOf() - fyStart()) }

// line describes a budget line: plan(m) and actual(m) give the amounts in
// dollars for month index m (0 is the fiscal year's first month).
type line struct {
	id, name, category, centre, spend, team string
	plan                                    func(m int) float64
	actual                                  func(m int, r *rng) float64
}

const (
	ccEng      = "CC-4100 Engineering"
	ccPlatform = "CC-4150 Platform & Infrastructure"
	ccInterop  = "CC-4200 Interoperability Programme"
	ccSecurity = "CC-4300 Security & Compliance"
)

// fteSchedule returns a function giving the FTE in month m from a list of
// (first month, FTE) steps.
func fteSchedule(steps ...[2]float64) func(m int) float64 {
	return func(m int) float64 {
		v := 0.0
		for _, s := range steps {
			if float64(m) >= s[0] {
				v = s[1]
			}
		}
		return v
	}
}

// noisy returns v scaled by (1 + bias + sd·z) for a normal-ish z.
func noisy(r *rng, v, bias, sd float64) float64 { return v * (1 + bias + float64(sd*r.normal())) }

func budget(p *plan.Portfolio) []plan.BudgetLine {
	cost := map[string]float64{}
	for _, t := range p.Teams {
		cost[t.ID] = t.CostPerFTEMonth.Float()
	}
	headcount := func(team string, planned, actualFTE func(m int) float64) (func(int) float64, func(int, *rng) float64) {
		c := cost[team]
		return func(m int) float64 { return planned(m) * c },
			func(m int, r *rng) float64 { return noisy(r, actualFTE(m)*c, 0.01, 0.012) }
	}
	fhirPlan, fhirActual := headcount("fhir-api",
		fteSchedule([2]float64{0, 6}, [2]float64{3, 7}, [2]float64{11, 8}),
		fteSchedule([2]float64{0, 5}, [2]float64{2, 6}, [2]float64{3, 7}))
	xPlan, xActual := headcount("exchange",
		fteSchedule([2]float64{0, 6}),
		fteSchedule([2]float64{0, 5}, [2]float64{1, 6}))
	platPlan, platActual := headcount("platform",
		fteSchedule([2]float64{0, 5}),
		fteSchedule([2]float64{0, 5}))
	secPlan, secActual := headcount("compliance",
		fteSchedule([2]float64{0, 3}, [2]float64{6, 4}),
		fteSchedule([2]float64{0, 3}, [2]float64{7, 4}))
	// On-call allowances push Platform's actual payroll a little over plan.
	platActualOnCall := func(m int, r *rng) float64 { return platActual(m, r) * 1.035 }

	// step returns a plan function from (first month, amount) steps, zero outside.
	step := func(until int, steps ...[2]float64) func(int) float64 {
		f := fteSchedule(steps...)
		return func(m int) float64 {
			if m > until {
				return 0
			}
			return f(m)
		}
	}
	oneOff := func(pays map[int]float64, monthly float64) func(int) float64 {
		return func(m int) float64 { return pays[m] + monthly }
	}
	exact := func(f func(int) float64) func(int, *rng) float64 {
		return func(m int, _ *rng) float64 { return f(m) }
	}

	contractorsFHIR := step(13, [2]float64{0, 36800})
	contractorsQA := step(17, [2]float64{3, 21000})
	atlassian := fteSchedule([2]float64{0, 4350})
	github := fteSchedule([2]float64{0, 3120})
	datadog := fteSchedule([2]float64{0, 9800}, [2]float64{12, 11500})
	aws := fteSchedule([2]float64{0, 38000}, [2]float64{6, 45000}, [2]float64{12, 52000})
	ehr := oneOff(map[int]float64{1: 80000, 5: 80000, 13: 120000}, 5500)
	pentest := oneOff(map[int]float64{12: 46000, 14: 12000}, 0)
	soc2 := oneOff(map[int]float64{2: 28000, 12: 42000}, 0)
	hl7 := oneOff(map[int]float64{1: 14500, 4: 6000, 13: 14500}, 0)

	lines := []line{
		{id: "hc-fhir-api", name: "FHIR API squad — salaries and benefits (capitalised development)", category: plan.BudgetHeadcount, centre: ccEng, spend: plan.CapEx, team: "fhir-api",
			plan: fhirPlan, actual: fhirActual},
		{id: "hc-exchange", name: "Patient Data Exchange squad — salaries and benefits (capitalised development)", category: plan.BudgetHeadcount, centre: ccEng, spend: plan.CapEx, team: "exchange",
			plan: xPlan, actual: xActual},
		{id: "hc-platform", name: "Platform & DevOps — salaries, benefits and on-call", category: plan.BudgetHeadcount, centre: ccPlatform, spend: plan.OpEx, team: "platform",
			plan: platPlan, actual: platActualOnCall},
		{id: "hc-compliance", name: "Compliance & Security — salaries and benefits", category: plan.BudgetHeadcount, centre: ccSecurity, spend: plan.OpEx, team: "compliance",
			plan: secPlan, actual: secActual},
		{id: "con-fhir", name: "Nordlys Interop AS — two FHIR contractors", category: plan.BudgetContractors, centre: ccEng, spend: plan.CapEx, team: "fhir-api",
			plan: contractorsFHIR,
			// Extra hours since June to recover the Coverage slip: an overrun.
			actual: func(m int, r *rng) float64 {
				if m >= 4 {
					return noisy(r, contractorsFHIR(m), 0.19, 0.03)
				}
				return noisy(r, contractorsFHIR(m), 0, 0.015)
			}},
		{id: "con-qa", name: "Test automation contractors (Inferno and Touchstone suites)", category: plan.BudgetContractors, centre: ccEng, spend: plan.OpEx, team: "exchange",
			plan: contractorsQA,
			// One of the two contractors started six weeks late: under plan.
			actual: func(m int, r *rng) float64 {
				switch {
				case m < 3:
					return 0
				case m == 3:
					return 10500
				case m == 4:
					return 15750
				}
				return noisy(r, contractorsQA(m), -0.02, 0.02)
			}},
		{id: "tool-atlassian", name: "Atlassian Jira and Confluence Cloud", category: plan.BudgetTooling, centre: ccPlatform, spend: plan.OpEx,
			plan: atlassian,
			// Price rise at renewal in August.
			actual: func(m int, _ *rng) float64 {
				if m >= 6 {
					return 4611
				}
				return 4350
			}},
		{id: "tool-github", name: "GitHub Enterprise and Advanced Security", category: plan.BudgetTooling, centre: ccPlatform, spend: plan.OpEx,
			plan: github, actual: exact(github)},
		{id: "tool-datadog", name: "Datadog APM, logs and Cloud SIEM", category: plan.BudgetTooling, centre: ccPlatform, spend: plan.OpEx,
			plan: datadog,
			// Audit-trail log volume since July: an overrun that grows.
			actual: func(m int, r *rng) float64 {
				if m >= 5 {
					return noisy(r, datadog(m), 0.18+float64(0.04*float64(m-5)), 0.02)
				}
				return noisy(r, datadog(m), 0, 0.02)
			}},
		{id: "infra-aws", name: "AWS — production, staging and load test (EKS, RDS, S3)", category: plan.BudgetInfrastructure, centre: ccPlatform, spend: plan.OpEx,
			plan: aws,
			// Bulk-export load tests since June: the largest overrun.
			actual: func(m int, r *rng) float64 {
				if m >= 4 {
					return noisy(r, aws(m), 0.16+float64(0.02*float64(m-4)), 0.03)
				}
				return noisy(r, aws(m), -0.03, 0.02)
			}},
		{id: "ven-ehr", name: "Müller & Söhne Health IT — EHR integration fees and sandbox licence", category: plan.BudgetVendor, centre: ccInterop, spend: plan.OpEx,
			plan: ehr,
			// A change order for sandbox rework in July.
			actual: func(m int, _ *rng) float64 {
				if m == 5 {
					return ehr(m) + 18500
				}
				return ehr(m)
			}},
		{id: "ven-pentest", name: "Ironbridge Security — penetration test and retest", category: plan.BudgetVendor, centre: ccSecurity, spend: plan.OpEx,
			plan: pentest, actual: exact(pentest)},
		{id: "ven-soc2", name: "Whitford & Lane LLP — SOC 2 Type II audit", category: plan.BudgetVendor, centre: ccSecurity, spend: plan.OpEx,
			plan: soc2, actual: exact(soc2)},
		{id: "oth-hl7", name: "HL7 International membership and FHIR DevDays", category: plan.BudgetOther, centre: ccInterop, spend: plan.OpEx,
			plan: hl7,
			actual: func(m int, _ *rng) float64 {
				if m == 4 {
					return 7240
				}
				return hl7(m)
			}},
	}

	r := &rng{s: 20261116}
	start := fyStart()
	past := pastMonths()
	out := make([]plan.BudgetLine, 0, len(lines))
	for _, l := range lines {
		b := plan.BudgetLine{ID: l.id, Name: l.name, Category: l.category, CostCentre: l.centre, Spend: l.spend, TeamID: l.team}
		for m := 0; m < budgetMonths; m++ {
			b.Plan = append(b.Plan, plan.MonthAmount{Month: start.Add(m), Amount: dollars(l.plan(m))})
		}
		for m := 0; m < past; m++ {
			b.Actual = append(b.Actual, plan.MonthAmount{Month: start.Add(m), Amount: cents(l.actual(m, r))})
		}
		out = append(out, b)
	}
	return out
}

// dollars rounds to whole dollars (plans are set in round numbers).
func dollars(v float64) plan.Money {
	m, err := plan.RoundMoney(float64(int64(v+0.5)), usd)
	if err != nil {
		panic(err)
	}
	return m
}

// cents rounds to the cent (actuals come from the ledger).
func cents(v float64) plan.Money {
	m, err := plan.RoundMoney(v, usd)
	if err != nil {
		panic(err)
	}
	return m
}
