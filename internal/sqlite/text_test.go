package sqlite

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// A file changed by another program can hold any bytes in a TEXT column.
// A title ending in a cut UTF-8 sequence used to reach the PDF library,
// which panicked in the middle of a report: the portfolio now reads with
// U+FFFD in place of each invalid sequence, everywhere in it.
func TestInvalidTextReadsAsReplacementCharacters(t *testing.T) {
	path := t.TempDir() + "/bad" + Extension
	goodFile(t, path)
	plainExec(t, path, `UPDATE items SET title = CAST(X'50617469656e74d7' AS TEXT) WHERE rowid = (SELECT min(rowid) FROM items);
		UPDATE teams SET name = CAST(X'c3' AS TEXT) || name WHERE rowid = (SELECT min(rowid) FROM teams);`)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := mustPortfolio(t, db)
	found := 0
	for _, it := range p.Items {
		if !utf8.ValidString(it.Title) {
			t.Errorf("item %s's title %q is not valid UTF-8", it.ID, it.Title)
		}
		if it.Title == "Patient\ufffd" {
			found++
		}
	}
	for _, tm := range p.Teams {
		if !utf8.ValidString(tm.Name) {
			t.Errorf("team %s's name %q is not valid UTF-8", tm.ID, tm.Name)
		}
		if strings.HasPrefix(tm.Name, "\ufffd") {
			found++
		}
	}
	if found != 2 {
		t.Errorf("%d of the 2 damaged texts read with U+FFFD", found)
	}
}
