// Command integrity runs SQLite's PRAGMA integrity_check on a Dishpatch
// data.db and prints its answer ("ok" when the file is sound). The crash
// test uses it where the sqlite3 command-line shell is not installed.
//
// Usage: go run ./bench/checkout/integrity path/to/data.db
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/pocketbase/pocketbase/core"
)

func main() {
	log.SetFlags(0)
	if len(os.Args) != 2 {
		log.Fatal("usage: integrity path/to/data.db")
	}
	if _, err := os.Stat(os.Args[1]); err != nil {
		log.Fatal(err)
	}
	db, err := core.DefaultDBConnect(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	var rows []struct {
		Result string `db:"integrity_check"`
	}
	if err := db.NewQuery("PRAGMA integrity_check").All(&rows); err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.Result)
	}
}
