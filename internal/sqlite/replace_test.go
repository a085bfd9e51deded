package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"steerco/internal/plan"
)

func TestReplace(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		old      string // content of the file at path before; "" for none
		side     string // a side file that exists beside path ("-wal")
		p        *plan.Portfolio
		wantCode string // "" for success
	}{
		{name: "no file yet", p: richPortfolio("EUR")},
		{name: "replaces a file", old: "old content", p: richPortfolio("EUR")},
		{name: "a stale -wal of a file that is not a portfolio", old: "old content", side: "-wal", p: richPortfolio("EUR")},
		{name: "invalid portfolio", old: "old content", p: &plan.Portfolio{}, wantCode: plan.EINVALID},
		{name: "nil portfolio", old: "old content", wantCode: plan.EINVALID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "p"+Extension)
			want := 0
			if tc.old != "" {
				os.WriteFile(path, []byte(tc.old), 0o644)
				want++
			}
			if tc.side != "" {
				os.WriteFile(path+tc.side, nil, 0o644)
				want++
			}
			err := Replace(ctx, path, tc.p)
			if tc.wantCode != "" {
				if plan.ErrorCode(err) != tc.wantCode {
					t.Fatalf("Replace: %v, want code %s", err, tc.wantCode)
				}
				if b, _ := os.ReadFile(path); string(b) != tc.old {
					t.Errorf("the old file changed to %q", b)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				db, err := Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if got := mustPortfolio(t, db); got.Name != tc.p.Name || len(got.Items) != len(tc.p.Items) {
					t.Errorf("read back %q with %d items", got.Name, len(got.Items))
				}
				want = 1
				db.Close()
			}
			if ents, _ := os.ReadDir(dir); len(ents) != want {
				t.Errorf("folder holds %d files, want %d (no temporary files left)", len(ents), want)
			}
		})
	}
	t.Run("folder", func(t *testing.T) {
		if err := Replace(ctx, t.TempDir(), richPortfolio("EUR")); plan.ErrorCode(err) != plan.EINVALID {
			t.Errorf("Replace on a folder: %v", err)
		}
	})
}

// A symlink at path is replaced by the new file, not followed: the file it
// pointed to stays as it was, with its backups.
func TestReplaceSymlinkIsReplacedNotFollowed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	target := filepath.Join(dir, "target.steerco")
	goodFile(t, target)
	before, _ := os.ReadFile(target)
	link := filepath.Join(dir, "link.steerco")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	newer := richPortfolio("EUR")
	newer.Name = "Through the link"
	if err := Replace(ctx, link, newer); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink != 0 {
		t.Errorf("the link is still a link: %v %v", fi.Mode(), err)
	}
	if after, _ := os.ReadFile(target); string(after) != string(before) {
		t.Error("the target was changed")
	}
	db, err := Open(ctx, link)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p := mustPortfolio(t, db); p.Name != "Through the link" {
		t.Errorf("reads %q", p.Name)
	}
}
