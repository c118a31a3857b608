package hours_test

import (
	"fmt"
	"time"

	"github.com/dishpatch/dishpatch/internal/hours"
)

func ExampleParse() {
	week, err := hours.Parse([]byte(`{"tz": "Europe/Berlin", "sun": [["18:00", "02:00"]]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	monday := time.Date(2026, 4, 6, 0, 0, 0, 0, week.Loc)
	fmt.Println(week.IsOpen(monday.Add(90*time.Minute)), week.IsOpen(monday.Add(2*time.Hour)))

	_, err = hours.Parse([]byte(`{"tz": "Europe/Berlin", "mon": [["11:00", "25:00"]]}`))
	fmt.Println(err)
	// Output:
	// true false
	// hours: mon[0]: "25:00" is not a valid HH:MM time
}
