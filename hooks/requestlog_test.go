package hooks_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// loggedRow is a _logs row without its id, creation time and execTime,
// which differ from run to run.
type loggedRow struct {
	Level   int
	Message string
	Data    string
}

// requestLogRows sends the same requests to app and returns its log rows,
// after both loggers have written what they hold (as at shutdown).
func requestLogRows(t *testing.T, app *tests.TestApp) []loggedRow {
	t.Helper()
	srv := serve(t, app)
	for _, r := range []struct{ who, method, path, body string }{
		{"", http.MethodGet, "/api/health", ""},
		{"", http.MethodGet, "/api/collections/restaurants/records?filter=" + `(name~'%C3%A9t%C3%A9')&perPage=2`, ""},
		{alice, http.MethodGet, "/api/collections/carts/records/" + cartK, ""},
		{alice, http.MethodPatch, "/api/collections/cart_items/records/" + lineK1, `{"quantity":3}`},
		{alice, http.MethodPatch, "/api/collections/cart_items/records/" + lineK1, `{"quantity":0}`}, // 400
		{bob, http.MethodGet, "/api/collections/carts/records/" + cartK, ""},                         // 404
		{"", http.MethodGet, "/api/nothing-here", ""},                                                // 404
		{admin, http.MethodGet, "/api/logs?perPage=1", ""},                                           // opted out of success logs
	} {
		call(t, srv, r.who, r.method, r.path, r.body)
	}
	// PocketBase hands each row to its logger from a new goroutine.
	time.Sleep(200 * time.Millisecond)
	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(*core.TerminateEvent) error { return nil }); err != nil {
		t.Fatal(err)
	}

	var raw []struct {
		Level   int    `db:"level"`
		Message string `db:"message"`
		Data    string `db:"data"`
		Created string `db:"created"`
	}
	if err := app.AuxDB().NewQuery("SELECT level, message, data, created FROM _logs WHERE json_extract(data, '$.type') = 'request'").All(&raw); err != nil {
		t.Fatal(err)
	}
	var rows []loggedRow
	for _, r := range raw {
		var data map[string]any
		if err := json.Unmarshal([]byte(r.Data), &data); err != nil {
			t.Fatalf("data of %q: %v", r.Message, err)
		}
		if ms, ok := data["execTime"].(float64); !ok || ms < 0 {
			t.Errorf("%s: execTime %v; want a duration in ms", r.Message, data["execTime"])
		}
		delete(data, "execTime")
		created, err := time.Parse("2006-01-02 15:04:05.000Z", r.Created)
		if err != nil || time.Since(created) > time.Minute || time.Since(created) < 0 {
			t.Errorf("%s: created %q; want the request's time", r.Message, r.Created)
		}
		// Re-encoded without execTime: encoding/json sorts the keys.
		text, err := json.Marshal(data)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, loggedRow{r.Level, r.Message, string(text)})
	}
	slices.SortFunc(rows, func(a, b loggedRow) int {
		return cmp.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	return rows
}

// TestRequestLog: the rows Dishpatch writes for successful requests are the
// rows PocketBase's own activity logger writes for the same requests (with
// the log settings' variants), and failures are still PocketBase's.
func TestRequestLog(t *testing.T) {
	for _, s := range []struct {
		name             string
		maxDays          int
		logIP, logAuthID bool
		want             int // rows: every request but the logs API's success
	}{
		{"defaults", 7, true, false, 7},
		{"no IPs, with auth ids", 7, false, true, 7},
		{"logs off", 0, true, false, 0},
	} {
		t.Run(s.name, func(t *testing.T) {
			rows := map[string][]loggedRow{}
			for _, logger := range []string{"PocketBase's", "Dishpatch's"} {
				app := newApp(t)
				t.Cleanup(app.Cleanup)
				settings := app.Settings()
				settings.Logs.MaxDays = s.maxDays // tests.NewTestApp sets 0
				settings.Logs.LogIP, settings.Logs.LogAuthId = s.logIP, s.logAuthID
				if err := app.Save(settings); err != nil {
					t.Fatal(err)
				}
				if logger == "PocketBase's" {
					app.OnServe().BindFunc(func(se *core.ServeEvent) error {
						se.Router.Unbind("dishpatchRequestLog")
						return se.Next()
					})
				}
				rows[logger] = requestLogRows(t, app)
			}
			got, want := rows["Dishpatch's"], rows["PocketBase's"]
			if len(want) != s.want {
				t.Fatalf("PocketBase logged %d rows; want %d: %v", len(want), s.want, want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("rows differ:\ngot  %v\nwant %v", got, want)
			}
		})
	}
}
