package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestInternalIsPure keeps the domain packages free of PocketBase (and of
// any module but the standard library and golang.org/x/text): they are
// pure functions with table tests, and the hooks depend on them, never the
// other way round.
func TestInternalIsPure(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./internal/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch {
		case strings.HasPrefix(pkg, "github.com/dishpatch/dishpatch/internal/"):
		case strings.HasPrefix(pkg, "golang.org/x/text/"):
		default:
			t.Errorf("internal/ depends on %s; domain packages use the standard library only", pkg)
		}
	}
}
