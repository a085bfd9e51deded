package main

import (
	"steerco/internal/ingest"
	"steerco/internal/ingest/delivery"
	"steerco/internal/ingest/jira"
	"steerco/internal/ingest/msproject"
)

// importers maps each kind of source file to the importer this build has.
// A kind missing here is reported as "not available in this build".
var importers = map[ingest.Kind]ingest.PreviewFunc{
	ingest.Jira:      jira.Preview,
	ingest.MSProject: msproject.Preview,
	ingest.Delivery:  delivery.Preview,
}
