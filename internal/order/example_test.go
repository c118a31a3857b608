package order_test

import (
	"errors"
	"fmt"

	"github.com/dishpatch/dishpatch/internal/order"
)

func ExampleCheck() {
	fmt.Println(order.Check(order.Placed, order.Accepted, order.Customer, order.Staff))
	err := order.Check(order.Placed, order.Accepted, order.Customer)
	fmt.Println(err, errors.Is(err, order.ErrForbidden))
	err = order.Check(order.Placed, order.Delivered, order.Superuser)
	fmt.Println(err, errors.Is(err, order.ErrIllegal))
	// Output:
	// <nil>
	// order: your role may not make this move: from placed to accepted true
	// order: illegal move: from placed to delivered true
}

func ExampleETA() {
	fmt.Println(order.ETA(order.Accepted, 15, 7))
	fmt.Println(order.ETA(order.PickedUp, 15, 7))
	fmt.Println(order.ETA(order.Preparing, 15, 7))
	fmt.Println(order.ETA(order.Delivered, 15, 7))
	// Output:
	// 22 true false
	// 7 true false
	// 0 false false
	// 0 false true
}
