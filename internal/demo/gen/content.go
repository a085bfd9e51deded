package main

import (
	"time"

	"steerco/internal/plan"
)

// anchor is the demo's "today" and planning start as authored: a Monday.
// Every other date below is written relative to it (wk, fri, day), and
// internal/demo moves the whole portfolio from this week to the current one.
var anchor = plan.MustDate("2026-11-16")

const usd = "USD"

// wk returns the Monday of week n (week 0 is the anchor's week; negative
// weeks are in the past).
func wk(n int) plan.Date { return anchor.AddDays(7 * n) }

// fri returns the Friday of week n.
func fri(n int) plan.Date { return anchor.AddDays(7*n + 4) }

// day returns the date n calendar days from the anchor.
func day(n int) plan.Date { return anchor.AddDays(n) }

// Programme increments are twelve weeks long. PI 1 began on the Monday 41
// weeks before the anchor (2 February 2026 as authored, the first Monday of
// the fiscal year); the anchor sits in week 6 of PI 4.
const pi1Week = -41

func usdAmount(units int64) plan.Money { return plan.Amount(units, usd) }

func build() *plan.Portfolio {
	first := anchor.Year() - 1
	p := &plan.Portfolio{
		Name:            "FHIR Interoperability Programme",
		Currency:        usd,
		FiscalYearStart: time.February,
		PlanningStart:   anchor,
		Calendar:        plan.Calendar{Holidays: plan.USHolidays(first, anchor.Year()+2)},
		Confidentiality: "Confidential — Steering Committee",
		Teams:           teams(),
		Products: []plan.Product{
			{ID: "fhir-api-layer", Name: "FHIR API Layer", Description: "The FHIR R4 API that replaces the HL7 v2 interfaces: US Core and CARIN resources, SMART on FHIR, bulk data, prior authorisation."},
			{ID: "exchange", Name: "Payer–Provider Exchange", Description: "Payer-to-payer and provider access exchange built on the FHIR API, and the EHR vendor integration."},
			{ID: "platform", Name: "Platform", Description: "The AWS platform under the programme: PostgreSQL, API gateway, observability, storage, disaster recovery."},
			{ID: "compliance", Name: "Compliance", Description: "HIPAA, SOC 2 and security assurance the programme must show before go-live."},
		},
		Items:      items(),
		Milestones: milestones(),
		Risks:      risks(),
		Scenarios:  scenarios(),
	}
	p.BudgetLines = budget(p)
	p.Deployments, p.Changes, p.Incidents = delivery(p)
	history(p)
	return p
}

func teams() []plan.Team {
	return []plan.Team{
		{
			ID: "fhir-api", Name: "FHIR API", Headcount: 7,
			HeadcountChanges: []plan.HeadcountChange{
				{Date: wk(7), Delta: 1, Note: "Senior FHIR engineer joins (requisition ENG-2231, approved in the FY budget)"},
			},
			Allocation: 0.85, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: usdAmount(17500),
		},
		{
			ID: "exchange", Name: "Patient Data Exchange", Headcount: 6,
			HeadcountChanges: []plan.HeadcountChange{
				{Date: wk(4), Delta: -1, Note: "Senior integration engineer leaves (resigned; backfill not yet approved)"},
			},
			Allocation: 0.8, FocusFactor: 0.65, WIPLimit: 2, CostPerFTEMonth: usdAmount(16800),
		},
		{
			ID: "platform", Name: "Platform & DevOps", Headcount: 5,
			Allocation: 0.7, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: usdAmount(18900),
		},
		{
			ID: "compliance", Name: "Compliance & Security", Headcount: 4,
			Allocation: 0.75, FocusFactor: 0.6, WIPLimit: 2, CostPerFTEMonth: usdAmount(15200),
		},
	}
}

func est(lo, likely, hi float64) plan.Estimate {
	return plan.Estimate{Low: lo, Likely: likely, High: hi}
}

func rem(d float64) *float64 { return &d }

func deps(ids ...string) []plan.Dependency {
	out := make([]plan.Dependency, len(ids))
	for i, id := range ids {
		out[i] = plan.Dependency{ItemID: id}
	}
	return out
}

func tags(t ...string) []string { return t }

// pi names the programme increment that contains week n.
func pi(n int) string {
	k := (n-pi1Week)/12 + 1
	return "PI " + string(rune('0'+k))
}

const (
	done  = plan.Done
	doing = plan.InProgress
	todo  = plan.NotStarted
	com   = plan.Committed
	pln   = plan.Planned
	str   = plan.Stretch
)

// The items. The critical path of the CMS mandate runs through the FHIR API
// squad (Coverage → ExplanationOfBenefit and bulk $export) into the Patient
// Data Exchange squad (payer-to-payer bulk exchange) and its end-to-end
// conformance run; the late HIPAA audit trail lands in the API squad's queue
// at rank 2 and competes for the same three WIP slots.
func items() []plan.Item {
	return []plan.Item{
		// ── FHIR API squad ──────────────────────────────────────────────
		{ID: "api-patient", Title: "Patient, Practitioner & Organization resources (US Core 6.1)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(25, 32, 45), Status: done, Target: fri(-30), Commitment: com, Increment: pi(-35), Tags: tags(plan.TagFeature), Source: "jira:FHIR-12"},
		{ID: "api-v2bridge", Title: "HL7 v2 ADT/ORU → FHIR mapping service", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(35, 45, 70), Status: done, Target: fri(-22), Commitment: com, Increment: pi(-25), Tags: tags(plan.TagFeature, plan.TagTechDebt), DependsOn: deps("api-patient"), Source: "jira:FHIR-19"},
		{ID: "api-smart", Title: "SMART on FHIR authorisation server (OAuth 2.0, launch contexts, scopes)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(30, 40, 60), Status: done, Target: fri(-14), Commitment: com, Increment: pi(-20), Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("plat-gateway"), Source: "jira:FHIR-23"},
		{ID: "api-capstmt", Title: "CapabilityStatement and US Core conformance validation", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(8, 10, 15), Status: done, Target: fri(-12), Commitment: pln, Increment: pi(-14), Tags: tags(plan.TagFeature), DependsOn: deps("api-patient"), Source: "jira:FHIR-27"},
		{ID: "api-coverage", Title: "Coverage resource and CARIN C4BB profiles", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(20, 28, 40), Remaining: rem(12), Rank: 1, Status: doing, Target: day(9), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagFeature), DependsOn: deps("api-patient"), Source: "jira:FHIR-31",
			Notes: "Slipped two weeks in PI 3: the payer's plan and group identifiers needed a new NamingSystem."},
		{ID: "api-audit", Title: "HIPAA audit trail: AuditEvent for every PHI read and write", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(18, 25, 40), Rank: 2, Status: todo, Target: wk(7), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagCompliance), DependsOn: deps("sec-audit-policy"), Source: "jira:FHIR-58",
			Notes: "Added three weeks ago after the compliance review flagged HIPAA §164.312(b); not in the PI 4 plan. Target set by the HIPAA assessor's fieldwork date."},
		{ID: "api-eob", Title: "ExplanationOfBenefit (CARIN Blue Button 2.0)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(22, 30, 45), Rank: 3, Status: todo, Target: fri(7), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-coverage"), Source: "jira:FHIR-34"},
		{ID: "api-bulk", Title: "Bulk Data Access $export (group and patient level, NDJSON)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(25, 35, 55), Rank: 4, Status: todo, Target: fri(10), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature), DependsOn: deps("api-coverage", "plat-s3"), Source: "jira:FHIR-36"},
		{ID: "api-inferno", Title: "ONC Inferno test kit: Patient Access API passes", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(6, 8, 14), Rank: 5, Status: todo, Target: fri(11), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagCompliance), DependsOn: deps("api-eob"), Source: "jira:FHIR-41"},
		{ID: "api-provider", Title: "Provider Access API: attribution lists (Group, $davinci-data-export)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(20, 26, 40), Rank: 6, Status: todo, Target: fri(14), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-smart", "api-bulk"), Source: "jira:FHIR-44"},
		{ID: "api-pas", Title: "Prior Authorization API (Da Vinci PAS, Claim/$submit)", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(30, 40, 65), Rank: 7, Status: todo, Target: fri(14), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-smart", "api-coverage"), Source: "jira:FHIR-47",
			CostOfDelayPerWeek: usdAmount(30000), Notes: "Each week late defers the prior-authorization savings the payer contract shares with us (about USD 30k a week)."},
		{ID: "api-perf", Title: "FHIR search performance: _include/_revinclude indexes", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(10, 14, 25), Rank: 8, Status: todo, StartNoEarlierThan: wk(7), Commitment: pln, Increment: pi(8), Tags: tags(plan.TagTechDebt), Source: "jira:FHIR-52"},
		{ID: "api-uscore7", Title: "US Core 7.0 profile upgrade", ProductID: "fhir-api-layer", TeamID: "fhir-api",
			Estimate: est(15, 20, 35), Rank: 9, Status: todo, StartNoEarlierThan: wk(19), Target: fri(26), Commitment: str, Increment: pi(20), Tags: tags(plan.TagCompliance), Source: "jira:FHIR-55"},

		// ── Patient Data Exchange squad ─────────────────────────────────
		{ID: "x-adt", Title: "Cut the legacy HL7 v2 ADT feed over to the FHIR bridge", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(15, 20, 30), Status: done, Target: fri(-16), Commitment: com, Increment: pi(-18), Tags: tags(plan.TagFeature, plan.TagTechDebt), DependsOn: deps("api-v2bridge"), Source: "jira:PDX-8"},
		{ID: "x-ehr-sandbox", Title: "EHR vendor sandbox integration (Müller & Söhne Health IT)", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(20, 30, 50), Status: done, Target: fri(-6), Commitment: com, Increment: pi(-10), Tags: tags(plan.TagFeature), DependsOn: deps("sec-baa", "api-smart"), Source: "jira:PDX-14",
			Notes: "Done against the vendor sandbox; production differs (see the vendor risk)."},
		{ID: "x-consent", Title: "Member consent capture for payer-to-payer exchange (opt-in)", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(12, 16, 24), Remaining: rem(6), Rank: 1, Status: doing, Target: fri(2), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-patient"), Source: "jira:PDX-19"},
		{ID: "x-membermatch", Title: "Payer-to-payer $member-match (Da Vinci HRex)", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(14, 18, 28), Rank: 2, Status: todo, Target: day(7*6 + 3), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagFeature), DependsOn: deps("api-coverage", "x-consent"), Source: "jira:PDX-21"},
		{ID: "x-ehr-prod", Title: "EHR vendor production connectivity and certification", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(10, 14, 25), Rank: 3, Status: todo, StartNoEarlierThan: wk(8), Target: fri(12), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature), DependsOn: deps("x-ehr-sandbox", "plat-gateway"), Source: "jira:PDX-25",
			Notes: "Cannot start before the vendor opens its production onboarding window (the start-no-earlier-than date)."},
		{ID: "x-pilot", Title: "Payer pilot onboarding: Cascade Health Plan", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(8, 10, 16), Rank: 4, Status: todo, Target: fri(10), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature), DependsOn: deps("x-membermatch"), Source: "jira:PDX-27",
			CostOfDelayPerWeek: usdAmount(40000), Notes: "Cascade's pilot fees start at go-live: each week late forgoes about USD 40k."},
		{ID: "x-p2p", Title: "Payer-to-payer bulk exchange (five years of claims and clinical data)", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(24, 32, 50), Rank: 5, Status: todo, Target: fri(17), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("x-membermatch", "api-bulk", "api-eob"), Source: "jira:PDX-30"},
		{ID: "x-provider", Title: "Provider access: attribution sync with provider groups", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(14, 18, 30), Rank: 6, Status: todo, Target: fri(19), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-provider"), Source: "jira:PDX-33"},
		{ID: "x-pa", Title: "Prior-auth workflow: PAS submission from the EHR (CRD/DTR hand-off)", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(16, 22, 38), Rank: 7, Status: todo, Target: fri(20), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("api-pas", "x-ehr-prod"), Source: "jira:PDX-36"},
		{ID: "x-e2e", Title: "End-to-end mandate readiness: CMS API conformance run", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(8, 10, 16), Rank: 8, Status: todo, Target: fri(21), Commitment: com, Increment: pi(20),
			Tags: tags(plan.TagCompliance), DependsOn: deps("x-p2p", "x-provider", "x-pa", "api-inferno", "api-audit"), Source: "jira:PDX-40"},
		{ID: "x-dashboard", Title: "Exchange operations dashboard for payer partners", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(10, 15, 25), Rank: 9, Status: todo, Commitment: pln, Increment: pi(20), Tags: tags(plan.TagFeature), DependsOn: deps("plat-obs", "x-e2e"), Source: "jira:PDX-42",
			Notes: "Hypercare after go-live: partners see their own exchange volumes and failures."},
		{ID: "x-v2-retire", Title: "Retire the HL7 v2 point-to-point feeds", ProductID: "exchange", TeamID: "exchange",
			Estimate: est(12, 18, 30), Rank: 10, Status: todo, Target: fri(28), Commitment: str, Increment: pi(20), Tags: tags(plan.TagTechDebt), DependsOn: deps("x-e2e"), Source: "jira:PDX-45"},

		// ── Platform & DevOps ───────────────────────────────────────────
		{ID: "plat-pg", Title: "HA PostgreSQL (Patroni) for the FHIR store", ProductID: "platform", TeamID: "platform",
			Estimate: est(15, 20, 30), Status: done, Target: fri(-34), Commitment: com, Increment: pi(-38), Tags: tags(plan.TagFeature), Source: "jira:PLAT-4"},
		{ID: "plat-gateway", Title: "API gateway (Kong) with mTLS and rate limits", ProductID: "platform", TeamID: "platform",
			Estimate: est(12, 16, 25), Status: done, Target: fri(-27), Commitment: com, Increment: pi(-30), Tags: tags(plan.TagFeature), Source: "jira:PLAT-7"},
		{ID: "plat-obs", Title: "Observability: OpenTelemetry traces and Datadog SLOs", ProductID: "platform", TeamID: "platform",
			Estimate: est(14, 20, 32), Remaining: rem(7), Rank: 2, Status: doing, Target: fri(3), Commitment: pln, Increment: pi(0),
			Tags: tags(plan.TagFeature, plan.TagKTLO), Source: "jira:PLAT-12"},
		{ID: "plat-s3", Title: "Bulk export staging: S3 with KMS keys and lifecycle rules", ProductID: "platform", TeamID: "platform",
			Estimate: est(6, 8, 14), Remaining: rem(3), Rank: 1, Status: doing, Target: day(9), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagFeature), Source: "jira:PLAT-15"},
		{ID: "plat-worm", Title: "Audit log store: S3 Object Lock (WORM), six-year retention", ProductID: "platform", TeamID: "platform",
			Estimate: est(6, 9, 16), Rank: 3, Status: todo, Target: fri(7), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagCompliance), DependsOn: deps("plat-s3", "sec-audit-policy"), Source: "jira:PLAT-19"},
		{ID: "plat-k8s", Title: "EKS upgrade 1.29 → 1.31 before end of standard support", ProductID: "platform", TeamID: "platform",
			Estimate: est(6, 10, 18), Rank: 4, Status: todo, Target: fri(9), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagTechDebt, plan.TagKTLO), Source: "jira:PLAT-21"},
		{ID: "plat-loadtest", Title: "Load-test harness for bulk $export at two million members", ProductID: "platform", TeamID: "platform",
			Estimate: est(8, 12, 20), Rank: 5, Status: todo, Target: fri(12), Commitment: pln, Increment: pi(8),
			Tags: tags(plan.TagTechDebt), DependsOn: deps("plat-s3"), Source: "jira:PLAT-23"},
		{ID: "plat-dr", Title: "Disaster recovery: cross-region replica, RPO 15 minutes", ProductID: "platform", TeamID: "platform",
			Estimate: est(14, 20, 34), Rank: 6, Status: todo, Target: fri(20), Commitment: pln, Increment: pi(8),
			Tags: tags(plan.TagFeature, plan.TagCompliance), DependsOn: deps("plat-pg"), Source: "jira:PLAT-26"},
		{ID: "plat-v2-decom", Title: "Decommission the HL7 v2 interface engine", ProductID: "platform", TeamID: "platform",
			Estimate: est(8, 12, 20), Rank: 7, Status: todo, Target: fri(31), Commitment: str, Increment: pi(20),
			Tags: tags(plan.TagTechDebt), DependsOn: deps("x-v2-retire"), Source: "jira:PLAT-30"},

		// ── Compliance & Security ───────────────────────────────────────
		{ID: "sec-baa", Title: "Business associate agreement with Müller & Söhne Health IT", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(4, 6, 12), Status: done, Target: fri(-24), Commitment: com, Increment: pi(-26), Tags: tags(plan.TagCompliance), Source: "jira:SEC-3"},
		{ID: "sec-smart-review", Title: "Security review of SMART scopes and token lifetimes", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(5, 8, 12), Status: done, Target: fri(-12), Commitment: pln, Increment: pi(-14), Tags: tags(plan.TagCompliance), DependsOn: deps("api-smart"), Source: "jira:SEC-9"},
		{ID: "sec-audit-policy", Title: "Audit-trail requirements and retention policy (HIPAA §164.312(b))", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(6, 8, 14), Remaining: rem(4), Rank: 1, Status: doing, Target: day(8), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagCompliance), Source: "jira:SEC-21"},
		{ID: "sec-risk-analysis", Title: "HIPAA security risk analysis update (§164.308(a)(1))", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(8, 10, 16), Remaining: rem(5), Rank: 2, Status: doing, Target: fri(4), Commitment: com, Increment: pi(0),
			Tags: tags(plan.TagCompliance), Source: "jira:SEC-17"},
		{ID: "sec-soc2", Title: "SOC 2 Type II evidence collection (CC6 access, CC7 operations)", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(14, 18, 28), Rank: 3, Status: todo, Target: fri(11), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagCompliance), DependsOn: deps("plat-obs"), Source: "jira:SEC-24"},
		{ID: "sec-pentest", Title: "External penetration test of the FHIR APIs (Ironbridge Security)", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(6, 8, 12), Rank: 4, Status: todo, StartNoEarlierThan: wk(12), Target: fri(14), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagCompliance), DependsOn: deps("api-eob", "api-bulk", "api-smart"), Source: "jira:SEC-27",
			Notes: "Ironbridge's testers are booked from the start-no-earlier-than date; moving the slot costs six weeks."},
		{ID: "sec-pentest-fix", Title: "Penetration-test remediation and retest", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(6, 10, 22), Rank: 5, Status: todo, Target: fri(18), Commitment: com, Increment: pi(8),
			Tags: tags(plan.TagCompliance), DependsOn: deps("sec-pentest"), Source: "jira:SEC-28"},
		{ID: "sec-training", Title: "HIPAA workforce training and quarterly access reviews", ProductID: "compliance", TeamID: "compliance",
			Estimate: est(4, 6, 9), Rank: 6, Status: todo, Commitment: pln, Increment: pi(8), Tags: tags(plan.TagKTLO), Source: "jira:SEC-30"},
	}
}

func milestones() []plan.Milestone {
	return []plan.Milestone{
		{ID: "m-cms", Name: "CMS Interoperability mandate go-live", Date: day(7*22 + 3), Kind: "regulatory",
			DependsOn: []string{"x-e2e", "sec-pentest-fix", "api-audit", "api-inferno"},
			Penalty:   "CMS penalty window opens: corrective action plan and $25,000 per day of non-compliance under the state Medicaid managed-care contract",
			// USD 250k when the window opens, then USD 25k a calendar day: every week late costs USD 175k.
			PenaltyLumpSum: usdAmount(250000), PenaltyPerDay: usdAmount(25000), PenaltyDays: plan.CalendarDays},
		{ID: "m-ehr", Name: "EHR vendor production cut-over", Date: fri(12), Kind: "contract",
			DependsOn: []string{"x-ehr-prod"},
			Penalty:   "Missing the contracted cut-over slot forfeits it; Müller & Söhne charge a $60,000 re-scheduling fee"},
		{ID: "m-pilot", Name: "Payer pilot launch (Cascade Health Plan)", Date: fri(9), Kind: "launch",
			DependsOn: []string{"x-pilot", "x-membermatch", "api-eob"}},
		{ID: "m-hipaa", Name: "HIPAA audit (external assessor fieldwork)", Date: day(7*8 + 1), Kind: "regulatory",
			DependsOn: []string{"api-audit", "plat-worm", "sec-risk-analysis"}},
	}
}

func risks() []plan.Risk {
	return []plan.Risk{
		{ID: "risk-ehr-sandbox", Title: "EHR vendor sandbox does not match production (Müller & Söhne)", Category: plan.RiskVendor,
			Probability: 0.6, ImpactDays: 12, Items: []string{"x-ehr-prod", "x-pa"}, Owner: "José Muñoz, Vendor Manager", Status: plan.RiskMitigating,
			Mitigation: "Weekly diff of sandbox and production CapabilityStatements; the vendor agreed to a production-like staging tenant; sandbox parity clause added to the next statement of work."},
		{ID: "risk-audit-scope", Title: "HIPAA audit-trail scope grows (logging every search and its results)", Category: plan.RiskCompliance,
			Probability: 0.5, ImpactDays: 10, Items: []string{"api-audit", "plat-worm"}, Owner: "Siobhán Ní Bhriain, Privacy Officer", Status: plan.RiskOpen,
			Mitigation: "Agree the §164.312(b) minimum with the assessor this month: log who searched and the query, not the result sets."},
		{ID: "risk-attrition", Title: "The FHIR API squad's principal engineer leaves", Category: plan.RiskPeople,
			Probability: 0.2, ImpactDays: 20, Items: []string{"api-bulk", "api-pas"}, CostImpact: usdAmount(35000), Owner: "Priya Raman, FHIR API lead", Status: plan.RiskMitigating,
			Mitigation: "Retention bonus approved; pairing on bulk export; architecture decision records for the authorisation server."},
		{ID: "risk-exchange-capacity", Title: "Patient Data Exchange loses a second engineer before the mandate", Category: plan.RiskPeople,
			Probability: 0.25, ImpactDays: 15, Items: []string{"x-p2p", "x-provider"}, Owner: "Zoë Ødegård, Data Exchange lead", Status: plan.RiskOpen,
			Mitigation: "Backfill requisition raised; two Nordlys Interop contractors on standby at four weeks' notice."},
		{ID: "risk-uscore", Title: "Certification requires US Core 7.0 instead of 6.1", Category: plan.RiskCompliance,
			Probability: 0.3, ImpactDays: 8, Items: []string{"api-eob", "api-inferno"}, Owner: "Priya Raman, FHIR API lead", Status: plan.RiskOpen,
			Mitigation: "Track the ONC HTI rule-making; keep profiles in one package so an upgrade is a configuration change plus tests."},
		{ID: "risk-pentest", Title: "Penetration test finds high-severity issues in the SMART scopes", Category: plan.RiskSecurity,
			Probability: 0.45, ImpactDays: 10, Items: []string{"sec-pentest-fix"}, CostImpact: usdAmount(40000), Owner: "Dr. Amara Okafor, CISO", Status: plan.RiskOpen,
			Mitigation: "Internal threat model and an OWASP ASVS level 2 self-assessment before the test; a week of API squad capacity held for fixes."},
		{ID: "risk-bulk-perf", Title: "Bulk $export too slow for a two-million-member payer", Category: plan.RiskTechDebt,
			Probability: 0.35, ImpactDays: 12, Items: []string{"api-bulk", "x-p2p"}, CostImpact: usdAmount(18000), Owner: "Marcus Chen, Platform lead", Status: plan.RiskMitigating,
			Mitigation: "Load-test harness at full volume; NDJSON partitioned by resource type; export served from a read replica."},
		{ID: "risk-payer-data", Title: "Pilot payer's member demographics fail $member-match", Category: plan.RiskDelivery,
			Probability: 0.4, ImpactDays: 6, Items: []string{"x-membermatch", "x-pilot"}, Owner: "Zoë Ødegård, Data Exchange lead", Status: plan.RiskOpen,
			Mitigation: "Run Cascade Health Plan's extract through the matcher in the sandbox now; agree a manual review queue for near matches."},
		{ID: "risk-cms-guidance", Title: "CMS revises the Provider Access API implementation guidance", Category: plan.RiskCompliance,
			Probability: 0.25, ImpactDays: 8, Items: []string{"api-provider", "x-provider"}, Owner: "Daniel Reyes, Director of Product Engineering", Status: plan.RiskOpen,
			Mitigation: "Join the Da Vinci PDex connectathon track; review each guidance update in the weekly architecture forum."},
		{ID: "risk-eks-eol", Title: "EKS 1.29 reaches end of standard support before the upgrade", Category: plan.RiskTechDebt,
			Probability: 0.3, ImpactDays: 5, Items: []string{"plat-k8s"}, CostImpact: usdAmount(14400), Owner: "Marcus Chen, Platform lead", Status: plan.RiskOpen,
			Mitigation: "Upgrade staging first, within three weeks; extended support ($0.60 per cluster-hour) as the fallback."},
		{ID: "risk-aws-cost", Title: "AWS spend overruns from bulk-export load-test environments", Category: plan.RiskDelivery,
			Probability: 0.7, CostImpact: usdAmount(96000), Owner: "Marcus Chen, Platform lead", Status: plan.RiskMitigating,
			Mitigation: "Nightly teardown of load-test stacks; S3 lifecycle to Glacier after seven days; Savings Plan review with finance."},
		{ID: "risk-v2-mllp", Title: "Legacy HL7 v2 MLLP feeds stay unencrypted inside the VPN until decommission", Category: plan.RiskSecurity,
			Probability: 0.05, ImpactDays: 5, Items: []string{"plat-v2-decom"}, Owner: "Dr. Amara Okafor, CISO", Status: plan.RiskAccepted,
			Mitigation:  "Compensating controls: private subnet, IPsec tunnel to the hospital network, intrusion-detection alerts; feeds retired after the mandate.",
			SignedOffBy: "Dr. Amara Okafor, CISO", SignedOffOn: day(-18)},
		{ID: "risk-baa", Title: "BAA with the EHR vendor not signed before PHI flows", Category: plan.RiskVendor,
			Probability: 0.3, ImpactDays: 15, Items: []string{"x-ehr-sandbox"}, Owner: "José Muñoz, Vendor Manager", Status: plan.RiskClosed,
			Mitigation: "Closed: the BAA was signed and counter-signed in PI 2; the copy is in the contract register."},
	}
}

// scenarios are the what-ifs the director has saved to take to the board.
// Together they tell the story the board needs: hiring where the work is
// not waiting (the FHIR API squad) barely moves the mandate, hiring where
// it is (Patient Data Exchange) does; freeing the FHIR API squad by
// deferring its analytics work does not help either; accepting the
// audit-trail risk moves no date, because an accepted risk still happens.
func scenarios() []plan.Scenario {
	afterCMS := day(7*22 + 3 + 3) // the Monday after the mandate go-live
	return []plan.Scenario{
		{ID: "hire-fhir-api", Name: "Two more FHIR API engineers from January",
			Description: "Hire two engineers into the FHIR API squad from the first Monday of January; they count for half for their first four weeks while they ramp up, and cost the full loaded rate from day one.",
			Changes: []plan.ScenarioChange{
				{Kind: "headcount", Team: "fhir-api", FTE: 2, Value: 4, Date: wk(7)}, // 4 January 2027 as authored
			}},
		{ID: "hire-exchange", Name: "Two more Patient Data Exchange engineers from January",
			Description: "The same two hires, into the squad the mandate's end-to-end work waits on: from the first Monday of January, half productive for four weeks, full loaded cost from day one.",
			Changes: []plan.ScenarioChange{
				{Kind: "headcount", Team: "exchange", FTE: 2, Value: 4, Date: wk(7)},
			}},
		{ID: "defer-analytics", Name: "Defer the analytics work until after the mandate",
			Description: "Search performance analytics and the US Core 7.0 upgrade wait until the Monday after the CMS go-live, so the FHIR API squad works on the mandate only.",
			Changes: []plan.ScenarioChange{
				{Kind: "defer", Item: "api-perf", Date: afterCMS},
				{Kind: "defer", Item: "api-uscore7", Date: afterCMS},
			}},
		{ID: "accept-audit-risk", Name: "Accept the audit-trail risk",
			Description: "The Privacy Officer accepts that the HIPAA audit-trail scope may grow; we stop holding capacity against it. Accepting a risk does not make it go away: it stays in the forecast.",
			Changes: []plan.ScenarioChange{
				{Kind: "accept_risk", Risk: "risk-audit-scope", By: "Siobhán Ní Bhriain, Privacy Officer", Date: anchor},
			}},
	}
}
