package frontend

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// TestFS checks that the embedded build is rooted at dist and complete: an
// index.html with the app's mount point, and every asset it loads.
func TestFS(t *testing.T) {
	app := FS()
	index, err := fs.ReadFile(app, "index.html")
	if err != nil {
		t.Fatalf("index.html: %v (run `npm run build` in frontend/)", err)
	}
	if !strings.Contains(string(index), `<div id="root">`) {
		t.Errorf("index.html has no #root element:\n%s", index)
	}
	refs := regexp.MustCompile(`(?:src|href)="/([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(refs) == 0 {
		t.Fatalf("index.html loads nothing:\n%s", index)
	}
	for _, ref := range refs {
		if _, err := fs.Stat(app, ref[1]); err != nil {
			t.Errorf("index.html loads /%s, which is not embedded: %v", ref[1], err)
		}
	}
}
