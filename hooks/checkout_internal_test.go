package hooks

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// queueApp is an empty app with a table the queue's jobs write to.
func queueApp(t *testing.T) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if _, err := app.DB().NewQuery("CREATE TABLE queue_probe (job TEXT)").Execute(); err != nil {
		t.Fatal(err)
	}
	return app
}

// insertJob writes its name, then ends with outcome (a panic for "panic").
func insertJob(name string, outcome any) func(tx core.App) error {
	return func(tx core.App) error {
		if _, err := tx.DB().NewQuery("INSERT INTO queue_probe (job) VALUES ({:job})").
			Bind(dbx.Params{"job": name}).Execute(); err != nil {
			return err
		}
		switch o := outcome.(type) {
		case error:
			return o
		case string:
			panic(o)
		}
		return nil
	}
}

func written(t *testing.T, app core.App) map[string]bool {
	t.Helper()
	var rows []struct {
		Job string `db:"job"`
	}
	if err := app.DB().NewQuery("SELECT job FROM queue_probe").All(&rows); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rows {
		if got[r.Job] {
			t.Errorf("job %s written twice", r.Job)
		}
		got[r.Job] = true
	}
	return got
}

var errBroken = errors.New("probe: broken")

// queueJob is a job of a queue scenario: how it ends (nil, a refusal, another error, or a panic
// message), whether its write must stay, and the outcome its caller must get.
type queueJob struct {
	outcome any
	kept    bool
	want    error
}

// queueScenarios are jobs run through one checkouts queue at once.
var queueScenarios = []struct {
	name string
	jobs []queueJob
}{
	{name: "refusals roll back alone", jobs: []queueJob{
		{nil, true, nil}, {errCartGone, false, errCartGone}, {nil, true, nil}, {errPromoExhausted, false, errPromoExhausted},
		{errKeyUsed, false, errKeyUsed}, {errCartChanged, false, errCartChanged}, {nil, true, nil},
	}},
	{name: "an unexpected error fails only its own job", jobs: []queueJob{
		{nil, true, nil}, {errBroken, false, errBroken}, {nil, true, nil}, {errCartGone, false, errCartGone},
	}},
	{name: "a panic fails only its own job", jobs: []queueJob{
		{nil, true, nil}, {"boom", false, errors.New("hooks: panic: boom")}, {nil, true, nil},
	}},
}

// TestGroupCommit sends each scenario's jobs through a checkouts queue from concurrent goroutines,
// several times over, and checks every outcome and every write.
func TestGroupCommit(t *testing.T) {
	for _, s := range queueScenarios {
		t.Run(s.name, func(t *testing.T) {
			testQueue(t, newCheckouts(), s.jobs, insertJob)
		})
	}
}

// TestSharedQueue is TestGroupCommit for runShared with jobs that fail before writing, which fail
// alone.
func TestSharedQueue(t *testing.T) {
	jobs := []queueJob{
		{nil, true, nil}, {errBroken, false, errBroken}, {nil, true, nil}, {errCartGone, false, errCartGone},
		{"boom", false, errors.New("hooks: panic: boom")}, {nil, true, nil},
	}
	testQueue(t, &groupCommit{runBatch: runShared}, jobs, func(name string, outcome any) func(tx core.App) error {
		if outcome == nil {
			return insertJob(name, nil)
		}
		return func(core.App) error { return refuseJob(outcome) }
	})
}

// refuseJob ends with outcome (a panic for a string) without writing.
func refuseJob(outcome any) error {
	if s, ok := outcome.(string); ok {
		panic(s)
	}
	err, _ := outcome.(error)
	return err
}

// countedJob returns a maker of batch jobs that count their runs in calls: a job that writes inserts
// its name, then ends with outcome; one that does not ends with outcome at once (see refuseJob).
func countedJob(calls map[string]int) func(name string, writes bool, outcome any) *commitJob {
	return func(name string, writes bool, outcome any) *commitJob {
		return &commitJob{done: make(chan error, 1), write: func(tx core.App) error {
			calls[name]++
			if writes {
				return insertJob(name, outcome)(tx)
			}
			return refuseJob(outcome)
		}}
	}
}

// TestSharedBatch runs batches through runShared directly: a job that fails before writing fails
// alone; one that fails after writing fails the jobs written before it in its transaction, and the
// jobs after it are written in the next. Each job runs once.
func TestSharedBatch(t *testing.T) {
	app := queueApp(t)
	calls := map[string]int{}
	job := countedJob(calls)
	jobs := []*commitJob{
		job("a", true, nil), job("b", false, errCartGone), job("c", true, nil), job("d", true, errBroken),
		job("e", true, nil), job("f", false, "boom"), job("g", true, nil),
	}
	want := []error{errSharedRollback, errCartGone, errSharedRollback, errBroken, nil, errors.New("hooks: panic: boom"), nil}
	runShared(app, jobs)
	for i, j := range jobs {
		got := <-j.done
		if (got == nil) != (want[i] == nil) || got != nil && !errors.Is(got, want[i]) && got.Error() != want[i].Error() {
			t.Errorf("job %d: got %v; want %v", i, got, want[i])
		}
	}
	if want := map[string]int{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1}; !maps.Equal(calls, want) {
		t.Errorf("runs per job %v; want %v", calls, want)
	}
	got := written(t, app)
	for name, kept := range map[string]bool{"a": false, "c": false, "d": false, "e": true, "g": true} {
		if got[name] != kept {
			t.Errorf("job %s: written %t; want %t", name, got[name], kept)
		}
	}
}

// testQueue runs jobs, made by newJob, through queue q from concurrent goroutines, 20 times over.
func testQueue(t *testing.T, q *groupCommit, jobs []queueJob, newJob func(name string, outcome any) func(tx core.App) error) {
	t.Helper()
	app := queueApp(t)
	const rounds = 20
	outcomes := make([][]error, rounds)
	var wg sync.WaitGroup
	for r := range rounds {
		outcomes[r] = make([]error, len(jobs))
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outcomes[r][i] = q.inTurn(app, newJob(fmt.Sprintf("%d-%d", r, i), j.outcome))
			}()
		}
	}
	wg.Wait()
	got := written(t, app)
	for r := range rounds {
		for i, j := range jobs {
			name := fmt.Sprintf("%d-%d", r, i)
			if err := outcomes[r][i]; fmt.Sprint(err) != fmt.Sprint(j.want) {
				t.Errorf("job %s: got %v; want %v", name, err, j.want)
			}
			if got[name] != j.kept {
				t.Errorf("job %s: got written %t; want %t", name, got[name], j.kept)
			}
		}
	}
	// The queue is free again.
	if err := q.inTurn(app, insertJob("last", nil)); err != nil || !written(t, app)["last"] {
		t.Errorf("after the scenario: got %v; want the queue to write again", err)
	}
}

// TestCheckoutBatchRefusals runs batches directly: refusals made before any
// write leave the batch's other jobs in its one transaction (each job runs
// once); a refusal after a write makes the batch start over, one job per
// transaction, so that the refused job's write is rolled back.
func TestCheckoutBatchRefusals(t *testing.T) {
	app := queueApp(t)
	calls := map[string]int{}
	job := countedJob(calls)
	for _, c := range []struct {
		name string
		jobs []*commitJob
		want []error
		runs map[string]int
	}{
		{"refusals before writing", []*commitJob{job("a", true, nil), job("b", false, errCartGone),
			job("c", false, errPromoExhausted), job("d", false, errKeyUsed), job("e", false, errCartChanged), job("f", true, nil)},
			[]error{nil, errCartGone, errPromoExhausted, errKeyUsed, errCartChanged, nil},
			map[string]int{"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}},
		{"a refusal after writing", []*commitJob{job("g", true, nil), job("h", true, errKeyUsed), job("i", true, nil)},
			// g and h run in the batch, which stops at h, then each alone.
			[]error{nil, errKeyUsed, nil}, map[string]int{"g": 2, "h": 2, "i": 1}},
	} {
		runCheckouts(app, c.jobs)
		for i, j := range c.jobs {
			if got := <-j.done; !errors.Is(got, c.want[i]) || (got == nil) != (c.want[i] == nil) {
				t.Errorf("%s: job %d: got %v; want %v", c.name, i, got, c.want[i])
			}
		}
		if !maps.Equal(calls, c.runs) {
			t.Errorf("%s: runs per job %v; want %v", c.name, calls, c.runs)
		}
		clear(calls)
	}
	got := written(t, app)
	for name, kept := range map[string]bool{"a": true, "f": true, "g": true, "h": false, "i": true} {
		if got[name] != kept {
			t.Errorf("job %s: written %t; want %t", name, got[name], kept)
		}
	}
}

// TestSQLReader reads through the database/sql handle of an app and of a
// transaction, which must see its own uncommitted writes.
func TestSQLReader(t *testing.T) {
	app := queueApp(t)
	count := func(a core.App) int {
		t.Helper()
		ex, err := sqlReader(a)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := ex.QueryRowContext(context.Background(), "SELECT count(*) FROM queue_probe").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	err := app.RunInTransaction(func(tx core.App) error {
		if err := insertJob("x", nil)(tx); err != nil {
			return err
		}
		if n := count(tx); n != 1 {
			t.Errorf("inside the transaction: %d rows; want its own write", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(app); n != 1 {
		t.Errorf("after the commit: %d rows", n)
	}
}
