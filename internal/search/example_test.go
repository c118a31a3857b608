package search_test

import (
	"fmt"

	"github.com/dishpatch/dishpatch/internal/search"
)

func ExampleFold() {
	fmt.Println(search.Fold("Crème Brûlée"), search.Fold("STRAẞE"), search.Fold("ＰＩＺＺＡ"))
	// Output: creme brulee strasse pizza
}

func ExampleTokens() {
	fmt.Printf("%q\n", search.Tokens(`"Crème" AND -(brûlée*) crème NEAR/3`))
	fmt.Println(len(search.Tokens(`"" -- ()`)))
	// Output:
	// ["creme" "and" "brulee" "near" "3"]
	// 0
}

func ExampleWords() {
	fmt.Printf("%q\n", search.Words("Trattoria Roma", "Pizza Margherita, pizza bianca"))
	// Output: ["bianca" "margherita" "pizza" "roma" "trattoria"]
}

func ExamplePrefixRange() {
	lo, hi := search.PrefixRange("pizz")
	fmt.Printf("word >= %q AND word < %q\n", lo, hi)
	// Output: word >= "pizz" AND word < "piz{"
}

func ExampleHasPrefixWord() {
	words := search.Words("Pizzeria Napoli")
	for _, token := range search.Tokens("pizz nap zz") {
		fmt.Println(token, search.HasPrefixWord(words, token))
	}
	// Output:
	// pizz true
	// nap true
	// zz false
}
