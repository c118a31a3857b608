package hooks_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// access is one cell of the access matrix: a role doing a verb on a record
// of a collection. see and hide are record ids a list must (not) contain;
// fields are field names a 400 must name.
type access struct {
	collection string
	verb       string // list, view, create, update, delete
	role       string // fixture user id, "admin", or "" (anonymous)
	target     string // record id for view/update/delete
	body       string
	status     int
	see, hide  []string
	fields     []string // fields with an error: "name", or "name:code" to check the code too
}

const anon = ""

// roles of the matrix besides the fixture users' own names.
const admin = "admin"

var accessMatrix = []access{
	// users: a user reads and updates only their own record.
	{collection: "users", verb: "list", role: anon, status: 200, hide: []string{alice, bob}},
	{collection: "users", verb: "list", role: alice, status: 200, see: []string{alice}, hide: []string{bob, sam}},
	{collection: "users", verb: "list", role: sam, status: 200, see: []string{sam}, hide: []string{alice}},
	{collection: "users", verb: "list", role: admin, status: 200, see: []string{alice, bob, sam, cody}},
	{collection: "users", verb: "view", role: anon, target: alice, status: 404},
	{collection: "users", verb: "view", role: alice, target: alice, status: 200},
	{collection: "users", verb: "view", role: bob, target: alice, status: 404},
	{collection: "users", verb: "view", role: sam, target: alice, status: 404},
	{collection: "users", verb: "view", role: cody, target: alice, status: 404},
	{collection: "users", verb: "view", role: admin, target: alice, status: 200},
	{collection: "users", verb: "create", role: anon, body: `{"email":"new@dishpatch.test","password":"password123","passwordConfirm":"password123"}`, status: 200},
	{collection: "users", verb: "update", role: alice, target: alice, body: `{"name":"Alice B.","phone":"+49 30 123456"}`, status: 200},
	{collection: "users", verb: "update", role: bob, target: alice, body: `{"name":"Hacked"}`, status: 404},
	{collection: "users", verb: "update", role: anon, target: alice, body: `{"name":"Hacked"}`, status: 404},
	{collection: "users", verb: "update", role: admin, target: alice, body: `{"name":"Alice A."}`, status: 200},
	{collection: "users", verb: "delete", role: bob, target: dave, status: 404},
	{collection: "users", verb: "delete", role: dave, target: dave, status: 204},

	// restaurants: active ones are public; staff also see their inactive ones.
	{collection: "restaurants", verb: "list", role: anon, status: 200, see: []string{restA, restB}, hide: []string{restC}},
	{collection: "restaurants", verb: "list", role: alice, status: 200, see: []string{restA, restB}, hide: []string{restC}},
	{collection: "restaurants", verb: "list", role: sam, status: 200, see: []string{restA, restB, restC}},
	{collection: "restaurants", verb: "list", role: sue, status: 200, see: []string{restA, restB}, hide: []string{restC}},
	{collection: "restaurants", verb: "list", role: cody, status: 200, see: []string{restA}, hide: []string{restC}},
	{collection: "restaurants", verb: "list", role: admin, status: 200, see: []string{restA, restB, restC}},
	{collection: "restaurants", verb: "view", role: anon, target: restA, status: 200},
	{collection: "restaurants", verb: "view", role: anon, target: restC, status: 404},
	{collection: "restaurants", verb: "view", role: alice, target: restC, status: 404},
	{collection: "restaurants", verb: "view", role: sam, target: restC, status: 200},
	{collection: "restaurants", verb: "view", role: sue, target: restC, status: 404},
	{collection: "restaurants", verb: "view", role: cody, target: restC, status: 404},
	{collection: "restaurants", verb: "view", role: admin, target: restC, status: 200},
	{collection: "restaurants", verb: "create", role: anon, body: `{"name":"X","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3}`, status: 403},
	{collection: "restaurants", verb: "create", role: alice, body: `{"name":"X","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3}`, status: 403},
	{collection: "restaurants", verb: "create", role: sam, body: `{"name":"X","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3}`, status: 403},
	{collection: "restaurants", verb: "create", role: admin, body: `{"name":"Neu","location":{"lon":13.4,"lat":52.5},"delivery_radius_km":3}`, status: 200},
	{collection: "restaurants", verb: "update", role: anon, target: restA, body: `{"description":"x"}`, status: 404},
	{collection: "restaurants", verb: "update", role: alice, target: restA, body: `{"description":"x"}`, status: 404},
	{collection: "restaurants", verb: "update", role: sam, target: restA, body: `{"description":"Wood-fired since 1990"}`, status: 200},
	{collection: "restaurants", verb: "update", role: sam, target: restC, body: `{"description":"Soon"}`, status: 200},
	{collection: "restaurants", verb: "update", role: sue, target: restA, body: `{"description":"x"}`, status: 404},
	{collection: "restaurants", verb: "update", role: cody, target: restA, body: `{"description":"x"}`, status: 404},
	{collection: "restaurants", verb: "update", role: sam, target: restA, body: `{"is_active":false}`, status: 400, fields: []string{"is_active:superuser_field"}},
	{collection: "restaurants", verb: "update", role: sam, target: restA, body: `{"staff":["` + sam + `","` + bob + `"]}`, status: 400, fields: []string{"staff:superuser_field"}},
	{collection: "restaurants", verb: "update", role: sam, target: restA, body: `{"rating_avg":5,"rating_count":100}`, status: 400, fields: []string{"rating_avg:server_field", "rating_count:server_field"}},
	{collection: "restaurants", verb: "update", role: sam, target: restA, body: `{"staff+":"` + bob + `"}`, status: 400, fields: []string{"staff:superuser_field"}},
	{collection: "restaurants", verb: "update", role: admin, target: restA, body: `{"is_active":false,"staff":["` + sue + `"]}`, status: 200},
	{collection: "restaurants", verb: "delete", role: anon, target: restA, status: 403},
	{collection: "restaurants", verb: "delete", role: sam, target: restA, status: 403},
	{collection: "restaurants", verb: "delete", role: alice, target: restA, status: 403},
	{collection: "restaurants", verb: "delete", role: admin, target: restC, status: 204},
	// Orders keep their restaurant: one with orders cannot be deleted, only deactivated.
	{collection: "restaurants", verb: "delete", role: admin, target: restB, status: 400},

	// menu_items: readable with the restaurant, writable by its staff.
	{collection: "menu_items", verb: "list", role: anon, status: 200, see: []string{itemA1, itemB1}, hide: []string{itemC1}},
	{collection: "menu_items", verb: "list", role: alice, status: 200, see: []string{itemA1}, hide: []string{itemC1}},
	{collection: "menu_items", verb: "list", role: sam, status: 200, see: []string{itemA1, itemC1}},
	{collection: "menu_items", verb: "list", role: sue, status: 200, see: []string{itemA1, itemB1}, hide: []string{itemC1}},
	{collection: "menu_items", verb: "view", role: anon, target: itemC1, status: 404},
	{collection: "menu_items", verb: "view", role: sam, target: itemC1, status: 200},
	{collection: "menu_items", verb: "view", role: sue, target: itemC1, status: 404},
	{collection: "menu_items", verb: "view", role: cody, target: itemA1, status: 200},
	{collection: "menu_items", verb: "create", role: anon, body: `{"restaurant":"` + restA + `","name":"Diavola","price":1000}`, status: 400},
	{collection: "menu_items", verb: "create", role: alice, body: `{"restaurant":"` + restA + `","name":"Diavola","price":1000}`, status: 400},
	{collection: "menu_items", verb: "create", role: sue, body: `{"restaurant":"` + restA + `","name":"Diavola","price":1000}`, status: 400},
	{collection: "menu_items", verb: "create", role: sam, body: `{"restaurant":"` + restA + `","name":"Diavola","price":1000,"is_available":true}`, status: 200},
	{collection: "menu_items", verb: "create", role: admin, body: `{"restaurant":"` + restB + `","name":"Fries","price":300}`, status: 200},
	{collection: "menu_items", verb: "update", role: sam, target: itemA1, body: `{"price":950}`, status: 200},
	{collection: "menu_items", verb: "update", role: sue, target: itemA1, body: `{"price":1}`, status: 404},
	{collection: "menu_items", verb: "update", role: alice, target: itemA1, body: `{"price":1}`, status: 404},
	{collection: "menu_items", verb: "update", role: sam, target: itemA1, body: `{"restaurant":"` + restB + `"}`, status: 400, fields: []string{"restaurant"}},
	{collection: "menu_items", verb: "update", role: admin, target: itemA1, body: `{"is_available":false}`, status: 200},
	{collection: "menu_items", verb: "delete", role: sue, target: itemA1, status: 404},
	{collection: "menu_items", verb: "delete", role: alice, target: itemA1, status: 404},
	{collection: "menu_items", verb: "delete", role: sam, target: itemA1, status: 204},

	// carts: the owner only.
	{collection: "carts", verb: "list", role: alice, status: 200, see: []string{cartK}},
	{collection: "carts", verb: "list", role: bob, status: 200, hide: []string{cartK}},
	{collection: "carts", verb: "list", role: sam, status: 200, hide: []string{cartK}},
	{collection: "carts", verb: "list", role: anon, status: 200, hide: []string{cartK}},
	{collection: "carts", verb: "list", role: admin, status: 200, see: []string{cartK}},
	{collection: "carts", verb: "view", role: alice, target: cartK, status: 200},
	{collection: "carts", verb: "view", role: bob, target: cartK, status: 404},
	{collection: "carts", verb: "view", role: anon, target: cartK, status: 404},
	{collection: "carts", verb: "view", role: sam, target: cartK, status: 404},
	{collection: "carts", verb: "view", role: cody, target: cartK, status: 404},
	{collection: "carts", verb: "view", role: admin, target: cartK, status: 200},
	{collection: "carts", verb: "create", role: anon, body: `{"restaurant":"` + restB + `"}`, status: 400},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restB + `"}`, status: 200},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restB + `","user":"` + alice + `"}`, status: 200},
	{collection: "carts", verb: "create", role: bob, body: `{"restaurant":"` + restB + `","user":"` + alice + `"}`, status: 400, fields: []string{"user"}},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restA + `"}`, status: 400, fields: []string{"user", "restaurant"}},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restC + `"}`, status: 400, fields: []string{"restaurant"}},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restB + `","subtotal":5,"total":1}`, status: 400, fields: []string{"subtotal", "total"}},
	{collection: "carts", verb: "create", role: alice, body: `{"restaurant":"` + restB + `","blockers":[]}`, status: 400, fields: []string{"blockers"}},
	{collection: "carts", verb: "update", role: alice, target: cartK, body: `{"delivery_location":{"lon":13.41,"lat":52.52}}`, status: 200},
	{collection: "carts", verb: "update", role: bob, target: cartK, body: `{"promo_code":""}`, status: 404},
	{collection: "carts", verb: "update", role: sam, target: cartK, body: `{"promo_code":""}`, status: 404},
	{collection: "carts", verb: "update", role: anon, target: cartK, body: `{"promo_code":""}`, status: 404},
	{collection: "carts", verb: "update", role: alice, target: cartK, body: `{"total":1}`, status: 400, fields: []string{"total"}},
	{collection: "carts", verb: "update", role: alice, target: cartK, body: `{"discount":0,"currency":"USD"}`, status: 400, fields: []string{"discount", "currency"}},
	{collection: "carts", verb: "update", role: alice, target: cartK, body: `{"user":"` + bob + `"}`, status: 400, fields: []string{"user"}},
	{collection: "carts", verb: "update", role: alice, target: cartK, body: `{"restaurant":"` + restB + `"}`, status: 400, fields: []string{"restaurant"}},
	{collection: "carts", verb: "update", role: admin, target: cartK, body: `{"promo_code":"WELCOME10"}`, status: 200},
	{collection: "carts", verb: "delete", role: bob, target: cartK, status: 404},
	{collection: "carts", verb: "delete", role: anon, target: cartK, status: 404},
	{collection: "carts", verb: "delete", role: sam, target: cartK, status: 404},
	{collection: "carts", verb: "delete", role: alice, target: cartK, status: 204},

	// cart_items: only the cart's owner.
	{collection: "cart_items", verb: "list", role: alice, status: 200, see: []string{lineK1}},
	{collection: "cart_items", verb: "list", role: bob, status: 200, hide: []string{lineK1}},
	{collection: "cart_items", verb: "list", role: sam, status: 200, hide: []string{lineK1}},
	{collection: "cart_items", verb: "view", role: alice, target: lineK1, status: 200},
	{collection: "cart_items", verb: "view", role: bob, target: lineK1, status: 404},
	{collection: "cart_items", verb: "view", role: anon, target: lineK1, status: 404},
	{collection: "cart_items", verb: "view", role: admin, target: lineK1, status: 200},
	{collection: "cart_items", verb: "create", role: alice, body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]}}`, status: 200},
	{collection: "cart_items", verb: "create", role: bob, body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]}}`, status: 400, fields: []string{"cart"}},
	{collection: "cart_items", verb: "create", role: sam, body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]}}`, status: 400, fields: []string{"cart"}},
	{collection: "cart_items", verb: "create", role: anon, body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1}`, status: 400},
	{collection: "cart_items", verb: "create", role: alice, body: `{"cart":"` + cartK + `","menu_item":"` + itemA1 + `","quantity":1,"options":{"size":["m"]},"unit_price":1}`, status: 400, fields: []string{"unit_price"}},
	{collection: "cart_items", verb: "update", role: alice, target: lineK1, body: `{"quantity":3}`, status: 200},
	{collection: "cart_items", verb: "update", role: bob, target: lineK1, body: `{"quantity":3}`, status: 404},
	{collection: "cart_items", verb: "update", role: alice, target: lineK1, body: `{"line_total":1,"name":"free"}`, status: 400, fields: []string{"line_total", "name"}},
	{collection: "cart_items", verb: "delete", role: bob, target: lineK1, status: 404},
	{collection: "cart_items", verb: "delete", role: alice, target: lineK1, status: 204},

	// promo_codes: superusers only.
	{collection: "promo_codes", verb: "list", role: anon, status: 403},
	{collection: "promo_codes", verb: "list", role: alice, status: 403},
	{collection: "promo_codes", verb: "list", role: sam, status: 403},
	{collection: "promo_codes", verb: "list", role: admin, status: 200, see: []string{promoP}},
	{collection: "promo_codes", verb: "view", role: alice, target: promoP, status: 403},
	{collection: "promo_codes", verb: "view", role: admin, target: promoP, status: 200},
	{collection: "promo_codes", verb: "create", role: sam, body: `{"code":"FREE","kind":"fixed","value":100}`, status: 403},
	{collection: "promo_codes", verb: "create", role: admin, body: `{"code":" free5 ","kind":"fixed","value":500,"is_active":true}`, status: 200},
	{collection: "promo_codes", verb: "update", role: alice, target: promoP, body: `{"value":100}`, status: 403},
	{collection: "promo_codes", verb: "update", role: admin, target: promoP, body: `{"value":15}`, status: 200},
	{collection: "promo_codes", verb: "delete", role: sam, target: promoP, status: 403},
	{collection: "promo_codes", verb: "delete", role: admin, target: promoP, status: 204},

	// orders: customer, courier, restaurant staff read; nobody writes via CRUD.
	{collection: "orders", verb: "list", role: anon, status: 200, hide: []string{orderO1, orderO2}},
	{collection: "orders", verb: "list", role: alice, status: 200, see: []string{orderO1}, hide: []string{orderO2}},
	{collection: "orders", verb: "list", role: bob, status: 200, see: []string{orderO2}, hide: []string{orderO1}},
	{collection: "orders", verb: "list", role: sam, status: 200, see: []string{orderO1}, hide: []string{orderO2}},
	{collection: "orders", verb: "list", role: sue, status: 200, see: []string{orderO2}, hide: []string{orderO1}},
	{collection: "orders", verb: "list", role: cody, status: 200, see: []string{orderO1}, hide: []string{orderO2, orderO3}},
	{collection: "orders", verb: "list", role: admin, status: 200, see: []string{orderO1, orderO2}},
	{collection: "orders", verb: "view", role: alice, target: orderO1, status: 200},
	{collection: "orders", verb: "view", role: bob, target: orderO1, status: 404},
	{collection: "orders", verb: "view", role: sam, target: orderO1, status: 200},
	{collection: "orders", verb: "view", role: sue, target: orderO1, status: 404},
	{collection: "orders", verb: "view", role: cody, target: orderO1, status: 200},
	{collection: "orders", verb: "view", role: cody, target: orderO3, status: 404},
	{collection: "orders", verb: "view", role: anon, target: orderO1, status: 404},
	{collection: "orders", verb: "view", role: admin, target: orderO2, status: 200},
	{collection: "orders", verb: "create", role: alice, body: `{"customer":"` + alice + `","restaurant":"` + restA + `","status":"placed"}`, status: 403},
	{collection: "orders", verb: "create", role: sam, body: `{"customer":"` + alice + `","restaurant":"` + restA + `","status":"placed"}`, status: 403},
	{collection: "orders", verb: "update", role: alice, target: orderO4, body: `{"status":"cancelled"}`, status: 403},
	{collection: "orders", verb: "update", role: sam, target: orderO4, body: `{"status":"accepted"}`, status: 403},
	{collection: "orders", verb: "update", role: cody, target: orderO1, body: `{"total":0}`, status: 403},
	{collection: "orders", verb: "update", role: admin, target: orderO4, body: `{"note":"Ring twice"}`, status: 200},
	{collection: "orders", verb: "delete", role: alice, target: orderO4, status: 403},
	{collection: "orders", verb: "delete", role: sam, target: orderO4, status: 403},
	{collection: "orders", verb: "delete", role: admin, target: orderO2, status: 204},

	// reviews: public for active restaurants; the customer of a delivered order writes one.
	{collection: "reviews", verb: "list", role: anon, status: 200, see: []string{reviewRV1}},
	{collection: "reviews", verb: "list", role: bob, status: 200, see: []string{reviewRV1}},
	{collection: "reviews", verb: "view", role: anon, target: reviewRV1, status: 200},
	{collection: "reviews", verb: "create", role: alice, body: `{"order":"` + orderO3 + `","rating":4,"comment":"Hot and fast"}`, status: 200},
	{collection: "reviews", verb: "create", role: alice, body: `{"order":"` + orderO1 + `","rating":4}`, status: 400, fields: []string{"order"}},
	{collection: "reviews", verb: "create", role: alice, body: `{"order":"` + orderO4 + `","rating":4}`, status: 400, fields: []string{"order"}},
	{collection: "reviews", verb: "create", role: bob, body: `{"order":"` + orderO3 + `","rating":1}`, status: 400, fields: []string{"order"}},
	{collection: "reviews", verb: "create", role: sam, body: `{"order":"` + orderO3 + `","rating":5}`, status: 400, fields: []string{"order"}},
	{collection: "reviews", verb: "create", role: anon, body: `{"order":"` + orderO3 + `","rating":5}`, status: 400},
	{collection: "reviews", verb: "create", role: alice, body: `{"order":"` + orderO3 + `","rating":5,"customer":"` + alice + `"}`, status: 400, fields: []string{"customer"}},
	{collection: "reviews", verb: "create", role: alice, body: `{"order":"` + orderO3 + `","rating":6}`, status: 400, fields: []string{"rating"}},
	{collection: "reviews", verb: "update", role: alice, target: reviewRV1, body: `{"rating":4}`, status: 200},
	{collection: "reviews", verb: "update", role: bob, target: reviewRV1, body: `{"rating":1}`, status: 404},
	{collection: "reviews", verb: "update", role: sam, target: reviewRV1, body: `{"rating":1}`, status: 404},
	{collection: "reviews", verb: "update", role: alice, target: reviewRV2, body: `{"rating":1}`, status: 403},
	{collection: "reviews", verb: "update", role: alice, target: reviewRV1, body: `{"restaurant":"` + restB + `"}`, status: 400, fields: []string{"restaurant"}},
	{collection: "reviews", verb: "delete", role: bob, target: reviewRV1, status: 404},
	{collection: "reviews", verb: "delete", role: alice, target: reviewRV2, status: 403},
	{collection: "reviews", verb: "delete", role: alice, target: reviewRV1, status: 204},
	{collection: "reviews", verb: "delete", role: admin, target: reviewRV2, status: 204},

	// couriers: created by superusers; a courier updates is_online and location only.
	{collection: "couriers", verb: "list", role: cody, status: 200, see: []string{courierCR}},
	{collection: "couriers", verb: "list", role: alice, status: 200, hide: []string{courierCR}},
	{collection: "couriers", verb: "list", role: anon, status: 200, hide: []string{courierCR}},
	{collection: "couriers", verb: "list", role: sam, status: 200, see: []string{courierCR}},
	{collection: "couriers", verb: "view", role: cody, target: courierCR, status: 200},
	{collection: "couriers", verb: "view", role: alice, target: courierCR, status: 404},
	{collection: "couriers", verb: "view", role: anon, target: courierCR, status: 404},
	{collection: "couriers", verb: "create", role: alice, body: `{"user":"` + alice + `","is_online":true}`, status: 403},
	{collection: "couriers", verb: "create", role: cody, body: `{"user":"` + bob + `"}`, status: 403},
	{collection: "couriers", verb: "create", role: admin, body: `{"user":"` + bob + `","is_online":false}`, status: 200},
	{collection: "couriers", verb: "create", role: admin, body: `{"user":"` + cody + `"}`, status: 400, fields: []string{"user"}},
	{collection: "couriers", verb: "update", role: cody, target: courierCR, body: `{"is_online":false,"location":{"lon":13.3,"lat":52.5}}`, status: 200},
	{collection: "couriers", verb: "update", role: cody, target: courierCR, body: `{"user":"` + alice + `"}`, status: 400, fields: []string{"user"}},
	// The SDK idiom update(id, {...record, is_online: true}) resends the record's own values.
	{collection: "couriers", verb: "update", role: cody, target: courierCR, body: `{"id":"` + courierCR + `","collectionId":"x","collectionName":"couriers","user":"` + cody + `","created":"2020-01-01 00:00:00.000Z","updated":"2020-01-01 00:00:00.000Z","expand":{},"is_online":true}`, status: 200},
	{collection: "couriers", verb: "update", role: cody, target: courierCR, body: `{"user":"` + cody + `","is_online":true,"user+":"` + alice + `"}`, status: 400, fields: []string{"user"}},
	{collection: "couriers", verb: "update", role: alice, target: courierCR, body: `{"is_online":false}`, status: 404},
	{collection: "couriers", verb: "update", role: sam, target: courierCR, body: `{"is_online":false}`, status: 404},
	{collection: "couriers", verb: "delete", role: cody, target: courierCR, status: 403},
	{collection: "couriers", verb: "delete", role: admin, target: courierCR, status: 204},
}

var verbMethods = map[string]string{
	"list": http.MethodGet, "view": http.MethodGet, "create": http.MethodPost,
	"update": http.MethodPatch, "delete": http.MethodDelete,
}

func (a access) scenario() tests.ApiScenario {
	url := "/api/collections/" + a.collection + "/records"
	if a.target != "" {
		url += "/" + a.target
	}
	if a.verb == "list" {
		url += "?perPage=500"
	}
	s := tests.ApiScenario{
		Name:           a.collection + " " + a.verb + " " + a.target + " as " + roleName(a.role) + " " + a.body,
		Method:         verbMethods[a.verb],
		URL:            url,
		Headers:        auth(a.role),
		ExpectedStatus: a.status,
		TestAppFactory: newApp,
	}
	if a.body != "" {
		s.Body = strings.NewReader(a.body)
	}
	switch {
	case a.status == 204:
	case a.verb == "list" && a.status == 200:
		s.ExpectedContent = []string{`"items":[`}
	case a.status == 200:
		s.ExpectedContent = []string{`"collectionName":"` + a.collection + `"`}
		if a.target != "" {
			s.ExpectedContent = append(s.ExpectedContent, `"id":"`+a.target+`"`)
		}
	default:
		s.ExpectedContent = []string{`"status":` + strconv.Itoa(a.status)}
	}
	for _, id := range a.see {
		s.ExpectedContent = append(s.ExpectedContent, `"id":"`+id+`"`)
	}
	for _, id := range a.hide {
		s.NotExpectedContent = append(s.NotExpectedContent, `"id":"`+id+`"`)
	}
	for _, f := range a.fields {
		name, code, _ := strings.Cut(f, ":")
		s.ExpectedContent = append(s.ExpectedContent, `"`+name+`":{"code":"`+code)
	}
	return s
}

func roleName(role string) string {
	if role == anon {
		return "anonymous"
	}
	return role
}

// TestAccessMatrix runs every (collection, role, verb) cell of the access
// matrix against a fresh copy of the fixture.
func TestAccessMatrix(t *testing.T) {
	for _, a := range accessMatrix {
		s := a.scenario()
		s.Test(t)
	}
}
