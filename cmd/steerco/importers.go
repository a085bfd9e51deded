package main

import "steerco/internal/app"

// importers maps each kind of source file to the importer this build has
// (the table the desktop app uses too, from internal/app). A kind missing
// here is reported as "not available in this build".
var importers = app.AllImporters()
