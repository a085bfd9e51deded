package main

import (
	"steerco/internal/ingest"
	"steerco/internal/ingest/delivery"
	"steerco/internal/ingest/finance"
	"steerco/internal/ingest/gantt"
	"steerco/internal/ingest/jira"
	"steerco/internal/ingest/msproject"
)

// importers maps each kind of source file to the importer this build has.
// A kind missing here is reported as "not available in this build".
var importers = map[ingest.Kind]ingest.PreviewFunc{
	ingest.Finance:   finance.Preview,
	ingest.Jira:      jira.Preview,
	ingest.MSProject: msproject.Preview,
	ingest.Gantt:     gantt.Preview,
	ingest.Delivery:  delivery.Preview,
}
