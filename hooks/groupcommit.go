package hooks

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// groupCommit writes jobs in shared transactions ("group commit").
//
// PocketBase has one writer connection, so write transactions run one at a
// time, each with its own BEGIN and COMMIT, and each commit appends every
// page it touched to the WAL. Jobs that arrive while a transaction is
// running queue up; the first of them then writes the whole queue (up to
// maxBatch jobs) in one transaction, with runBatch, while the others wait.
// Under load a queued job thus waits for at most one transaction, and the
// writer runs one goroutine's work back to back instead of handing the
// connection over for every write. The queue is first come first served,
// unlike database/sql, which hands the connection to a random waiter.
//
// A job's write runs on the goroutine that leads its batch, while the
// job's own goroutine waits for its outcome.
type groupCommit struct {
	// runBatch writes batch in transactions and sends each job its outcome.
	runBatch func(app core.App, batch []*commitJob)

	mu      sync.Mutex
	queue   []*commitJob
	leading bool
}

// commitJob is one write, waiting for its batch.
type commitJob struct {
	write func(tx core.App) error
	done  chan error
}

// maxBatch bounds a batch, and so the time one transaction holds the writer.
const maxBatch = 32

// errLead tells a queued job that it now writes the queue.
var errLead = errors.New("hooks: lead the next batch")

// inTurn runs write in a write transaction, shared with the jobs queued
// with it, and returns its outcome. Inside a transaction it runs write in
// that transaction (a queued job would wait for the writer it holds).
func (g *groupCommit) inTurn(app core.App, write func(tx core.App) error) error {
	if app.IsTransactional() {
		return app.RunInTransaction(write)
	}
	job := &commitJob{write: write, done: make(chan error, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, job)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead {
		if err := <-job.done; !errors.Is(err, errLead) {
			return err
		}
	}
	g.mu.Lock()
	n := min(len(g.queue), maxBatch)
	batch := slices.Clone(g.queue[:n])
	g.queue = g.queue[n:]
	g.mu.Unlock()

	g.runBatch(app, batch)

	g.mu.Lock()
	if len(g.queue) > 0 {
		g.queue[0].done <- errLead
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return <-job.done
}

// recovered runs f and turns a panic into an error: the jobs queued behind
// a batch must get their turn even if something in it panics.
func recovered(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("hooks: panic: %v", p)
		}
	}()
	return f()
}

// runShared writes a batch in one transaction, its jobs one after the
// other, for jobs that cannot run twice, such as a record save's own write
// (a hook's e.Next() runs once).
//
// A job that fails before writing anything (SQLite's count of changed rows
// did not move: a refusal, a conflict found by a read) gets its error and
// leaves the others alone. A job that fails after writing rolls the
// transaction back: it gets its error, the jobs written before it in the
// batch get errSharedRollback, and the jobs after it, not run yet, are
// written in a batch of their own. Failures after a write are the
// database's own (an I/O error, a full disk), which would fail the other
// writes of the moment too. (SQLite savepoints would isolate every job, but
// they copy each page a job touches into a statement journal: a quarter of
// the server's CPU in the cart write benchmark.)
func runShared(app core.App, batch []*commitJob) {
	outcomes := make([]error, len(batch))
	failed := -1 // the job that failed after writing
	err := recovered(func() error {
		return runWrite(app, func(tx core.App) error {
			for i, job := range batch {
				before, err := totalChanges(tx)
				if err != nil {
					return err
				}
				outcomes[i] = recovered(func() error { return job.write(tx) })
				if outcomes[i] == nil {
					continue
				}
				after, err := totalChanges(tx)
				if err != nil || after != before {
					failed = i
					return cmp.Or(err, outcomes[i])
				}
			}
			return nil
		})
	})
	rest := len(batch)
	switch {
	case failed >= 0:
		rest = failed + 1
		for i := range batch[:failed] {
			if outcomes[i] == nil {
				outcomes[i] = fmt.Errorf("%w: %w", errSharedRollback, err)
			}
		}
	case err != nil: // the transaction did not commit: nothing was written
		for i := range batch {
			outcomes[i] = cmp.Or(outcomes[i], err)
		}
	}
	for i, job := range batch[:rest] {
		job.done <- outcomes[i]
	}
	if rest < len(batch) {
		runShared(app, batch[rest:])
	}
}

// errSharedRollback is the outcome of a job that was written in a
// transaction that another job's failure rolled back.
var errSharedRollback = errors.New("hooks: the write was rolled back with its transaction")
