package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// whoAmI sends GET /test/whoami with the Authorization header value and
// returns the status and the caller's name as the server saw it.
func whoAmI(t *testing.T, srv *httptest.Server, authorization string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/test/whoami", nil)
	if err != nil {
		t.Fatal(err)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	status, name := send(t, srv, req)
	return status, string(name)
}

// authCacheApp is the fixture with a route that answers the caller's name
// and then scribbles on e.Auth, which must not reach the next request.
func authCacheApp(t *testing.T) (*tests.TestApp, *httptest.Server) {
	app := newApp(t)
	t.Cleanup(app.Cleanup)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/test/whoami", func(e *core.RequestEvent) error {
			if e.Auth == nil {
				return e.UnauthorizedError("", nil)
			}
			name := e.Auth.GetString("name")
			e.Auth.Set("name", "scribbled")
			return e.String(http.StatusOK, name)
		})
		return se.Next()
	})
	return app, serve(t, app)
}

// TestAuthCache: a token's record is reused between requests, but never a
// stale one: a new password, a deleted user, a new token secret of the
// collection and the token's own expiry each end it at once.
func TestAuthCache(t *testing.T) {
	expectName := func(t *testing.T, srv *httptest.Server, authorization string, wantStatus int, wantName string) {
		t.Helper()
		status, name := whoAmI(t, srv, authorization)
		if status != wantStatus || (wantStatus == 200 && name != wantName) {
			t.Errorf("got %d %q; want %d %q", status, name, wantStatus, wantName)
		}
	}

	t.Run("reused, each request with its own copy", func(t *testing.T) {
		_, srv := authCacheApp(t)
		for range 3 {
			expectName(t, srv, tokens[alice], 200, "Alice")
		}
		expectName(t, srv, "Bearer "+tokens[alice], 200, "Alice")
		expectName(t, srv, "", 401, "")
		expectName(t, srv, tokens[alice]+"x", 401, "")
	})

	t.Run("a new password ends the token", func(t *testing.T) {
		app, srv := authCacheApp(t)
		expectName(t, srv, tokens[alice], 200, "Alice")
		u := mustFind(t, app, "users", alice)
		u.SetPassword("a-new-password-456")
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
		expectName(t, srv, tokens[alice], 401, "")
	})

	t.Run("a new password through the API ends the token", func(t *testing.T) {
		_, srv := authCacheApp(t)
		expectName(t, srv, tokens[alice], 200, "Alice")
		status, out := call(t, srv, alice, http.MethodPatch, "/api/collections/users/records/"+alice,
			`{"oldPassword":"password123","password":"a-new-password-456","passwordConfirm":"a-new-password-456"}`)
		if status != 200 {
			t.Fatal(status, out)
		}
		expectName(t, srv, tokens[alice], 401, "")
	})

	t.Run("a rename shows at once", func(t *testing.T) {
		app, srv := authCacheApp(t)
		expectName(t, srv, tokens[alice], 200, "Alice")
		mustUpdate(t, app, "users", alice, map[string]any{"name": "Alicia"})
		expectName(t, srv, tokens[alice], 200, "Alicia")
	})

	t.Run("a deleted user is signed out", func(t *testing.T) {
		app, srv := authCacheApp(t)
		expectName(t, srv, tokens[dave], 200, "Dave")
		if err := app.Delete(mustFind(t, app, "users", dave)); err != nil {
			t.Fatal(err)
		}
		expectName(t, srv, tokens[dave], 401, "")
	})

	t.Run("a new token secret ends every token", func(t *testing.T) {
		app, srv := authCacheApp(t)
		expectName(t, srv, tokens[alice], 200, "Alice")
		users := mustCollection(app, "users")
		users.AuthToken.Secret = "a-brand-new-secret-of-at-least-30-chars"
		if err := app.Save(users); err != nil {
			t.Fatal(err)
		}
		expectName(t, srv, tokens[alice], 401, "")
	})

	t.Run("an expired token", func(t *testing.T) {
		app, srv := authCacheApp(t)
		short, err := mustFind(t, app, "users", alice).NewStaticAuthToken(time.Second)
		if err != nil {
			t.Fatal(err)
		}
		expectName(t, srv, short, 200, "Alice")
		time.Sleep(2100 * time.Millisecond) // past its exp, which has whole seconds
		expectName(t, srv, short, 401, "")
	})
}
