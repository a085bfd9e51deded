package app

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// ExportJSON writes p as JSON (the lossless interchange format) to path,
// atomically: a failed export leaves no partial file. ".json" is added to
// a name without an extension; a portfolio file's name is refused, and so
// is the portfolio file the session has open (from, may be ""). It returns
// the path written.
func ExportJSON(path string, p *plan.Portfolio, from string) (string, error) {
	if p == nil {
		return "", errNoFile
	}
	if strings.EqualFold(filepath.Ext(path), Extension) || (from != "" && sameFile(path, from)) {
		return "", plan.Errorf(plan.EINVALID, "%s is a portfolio file name; the JSON export would overwrite it. Choose a .json name.", filepath.Base(path))
	}
	if filepath.Ext(path) == "" {
		path += ".json"
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { return plan.WriteJSON(w, p) }); err != nil {
		return "", fmt.Errorf("export JSON to %s: %w", path, err)
	}
	return path, nil
}
