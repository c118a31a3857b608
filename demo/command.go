package demo

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// Command returns the `demo` command: it migrates the database, loads the
// Berlin demo data with Seed and prints the demo logins. Running it again is
// safe; see Seed.
func Command(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Loads Berlin demo restaurants, menus, promo codes and one login per role",
		Long: `Loads Dishpatch's demo data into the data directory (--dir): Berlin
restaurants with menus, promo codes, a superuser and one login per role
(customer, restaurant staff, courier), then prints the logins.

Running it again creates nothing new and keeps admin edits; it only resets
the demo accounts' passwords if they were changed.`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return run(app, cmd.OutOrStdout())
		},
	}
}

// run is the demo command. PocketBase bootstraps the app before running a
// registered command, but an app embedded elsewhere may not have, and
// seeding needs the database open and migrated.
func run(app core.App, w io.Writer) error {
	if !app.IsBootstrapped() {
		if err := app.Bootstrap(); err != nil {
			return fmt.Errorf("demo: bootstrap: %w", err)
		}
	}
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("demo: run migrations: %w", err)
	}
	sum, err := Seed(app, time.Now())
	if err != nil {
		return err
	}
	if err := printSummary(w, sum); err != nil {
		return fmt.Errorf("demo: print summary: %w", err)
	}
	return nil
}

// printSummary writes the demo data's counts and logins for a person to
// read.
func printSummary(w io.Writer, sum *Summary) error {
	fmt.Fprintf(w, "Dishpatch demo data is ready: Berlin, %d restaurants (%d inactive), %d menu items, %d cuisines, %d promo codes.\n",
		sum.Restaurants, sum.Inactive, sum.MenuItems, sum.Cuisines, sum.PromoCodes)
	if sum.Created == 0 && sum.Updated == 0 {
		fmt.Fprintln(w, "Everything was already there; nothing was changed.")
	} else {
		fmt.Fprintf(w, "This run created %d records and updated %d.\n", sum.Created, sum.Updated)
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ROLE\tE-MAIL\tPASSWORD\tNAME\tNOTE")
	for _, l := range append([]Login{sum.Superuser}, sum.Logins...) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", l.Role, l.Email, l.Password, l.Name, l.Note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Promo codes: %s\n", strings.Join(sum.Codes, ", "))
	_, err := fmt.Fprintln(w, "Start the server with `serve`; the dashboard is at /_/ (by default http://127.0.0.1:8090/_/).")
	return err
}
