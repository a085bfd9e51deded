// Package reports holds Steerco's built-in report templates, embedded in the
// binary. The format is documented in README.md; internal/report reads them.
package reports

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.json
var files embed.FS

// FS returns the built-in templates, one NAME.json file each.
func FS() fs.FS { return files }

// Names lists the built-in template names, sorted.
func Names() []string {
	ents, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range ents {
		if n, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Default is the template used when none is named.
const Default = "board-pack"
