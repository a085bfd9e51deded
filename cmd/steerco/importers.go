package main

import "steerco/internal/ingest/registry"

// importers maps each kind of source file to the importer this build has
// (the table the desktop app uses too, from internal/ingest/registry). A
// kind missing here is reported as "not available in this build".
var importers = registry.All()
