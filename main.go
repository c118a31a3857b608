// Command dishpatch is a self-hosted food-delivery backend in one binary:
// PocketBase plus Dishpatch's collections, hooks, endpoints and web app.
package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/dishpatch/dishpatch/demo"
	"github.com/dishpatch/dishpatch/hooks"
	"github.com/dishpatch/dishpatch/internal/gctune"
	_ "github.com/dishpatch/dishpatch/migrations"
)

//go:embed all:pb_public
var publicFiles embed.FS

func main() {
	// GOGC 400 within half the memory, unless GOGC / GOMEMLIMIT are set.
	gctune.Apply()

	app := pocketbase.NewWithConfig(pocketbase.Config{
		// --dir still wins; the variable suits containers and services.
		DefaultDataDir: os.Getenv("DISHPATCH_DATA_DIR"),
		// PocketBase's SQLite connections, with prepared statements reused.
		DBConnect: hooks.DBConnect,
	})

	// The schema is compiled in: migrations run on `serve`, and automigrate
	// stays off so dashboard edits never write migration files next to the binary.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{Dir: "migrations"})

	hooks.Register(app)
	app.RootCmd.AddCommand(demo.Command(app), hooks.ReindexCommand(app))

	public, err := fs.Sub(publicFiles, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	static := apis.Static(public, true) // a path of the app (#/… or /orders/…): index.html
	files := apis.Static(public, false) // a path that names a file (/assets/app.js): that file or a 404
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: 999, // last, so that API routes always win
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute(http.MethodGet, "/{path...}") {
				e.Router.GET("/{path...}", func(re *core.RequestEvent) error {
					// An unknown API path is a JSON 404, not the web app's index page;
					// so is a file that is not there (a missing script must not load
					// as HTML).
					p := re.Request.URL.Path
					if p == "/api" || strings.HasPrefix(p, "/api/") {
						return re.NotFoundError("", nil)
					}
					if path.Ext(p) != "" {
						return files(re)
					}
					return static(re)
				})
			}
			return e.Next()
		},
	})

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
