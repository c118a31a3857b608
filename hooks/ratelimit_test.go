package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/dishpatch/dishpatch/migrations"
)

// TestRateLimitDefaults checks the production default: a client hammering
// the login endpoint gets 429s after the `*:auth` budget, while the
// machine itself (loopback) is exempt.
func TestRateLimitDefaults(t *testing.T) {
	app := newApp(t)
	defer app.Cleanup()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error { return nil }); err != nil {
		t.Fatal(err)
	}
	mux, err := router.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	var budget int
	for _, r := range migrations.DefaultRateLimits {
		if r.Label == "*:auth" {
			budget = r.MaxRequests
		}
	}
	if budget == 0 {
		t.Fatal("no *:auth rule in the default rate limits")
	}

	login := func(remote string) int {
		req := httptest.NewRequest(http.MethodPost, "/api/collections/users/auth-with-password",
			strings.NewReader(`{"identity":"Alice@dishpatch.test","password":"wrong-password"}`))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec.Code
	}
	for i := 1; i <= budget; i++ {
		if got := login("203.0.113.7:4000"); got != http.StatusBadRequest {
			t.Fatalf("login %d of %d: got status %d; want 400 (wrong password, not yet limited)", i, budget, got)
		}
	}
	if got := login("203.0.113.7:4000"); got != http.StatusTooManyRequests {
		t.Errorf("login %d: got status %d; want 429", budget+1, got)
	}
	if got := login("203.0.113.8:4000"); got != http.StatusBadRequest {
		t.Errorf("another client: got status %d; want 400 (its own budget)", got)
	}
	for i := 0; i < budget+5; i++ {
		if got := login("127.0.0.1:4000"); got != http.StatusBadRequest {
			t.Fatalf("loopback login %d: got status %d; want 400 (loopback is exempt)", i+1, got)
		}
	}
}
