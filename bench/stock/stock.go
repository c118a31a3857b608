// Package stock holds the plain collections that the benchmarks create to
// measure stock PocketBase next to Dishpatch in the same process: the shape
// of a Dishpatch collection, its rules, none of its hooks. The load tools in
// bench/ and the in-process benchmarks in hooks/ use the same definitions.
package stock

// CartItems is cart_items' fields and rules, for POST /api/collections.
const CartItems = `{"name":"stock_cart_items","type":"base",
		"listRule":"@request.auth.id != \"\" && cart.user = @request.auth.id","viewRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
		"createRule":"@request.auth.id != \"\" && cart.user = @request.auth.id","updateRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
		"deleteRule":"@request.auth.id != \"\" && cart.user = @request.auth.id",
		"fields":[{"name":"cart","type":"relation","collectionId":"pbc_carts","maxSelect":1,"required":true},
		{"name":"menu_item","type":"relation","collectionId":"pbc_menu_items","maxSelect":1,"required":true},
		{"name":"quantity","type":"number","onlyInt":true,"min":1,"max":99,"required":true},
		{"name":"options","type":"json","maxSize":8192},{"name":"note","type":"text","max":200},
		{"name":"name","type":"text","max":120},{"name":"unit_price","type":"number","onlyInt":true,"min":0},
		{"name":"line_total","type":"number","onlyInt":true,"min":0}],
		"indexes":["CREATE INDEX idx_stock_cart ON stock_cart_items (cart)"]}`

// Orders is an order's shape (customer, restaurant, items snapshot,
// money), for POST /api/collections.
const Orders = `{"name":"stock_orders","type":"base",
		"listRule":"customer = @request.auth.id","viewRule":"customer = @request.auth.id",
		"createRule":"@request.auth.id != \"\" && customer = @request.auth.id",
		"updateRule":"@request.auth.id != \"\" && customer = @request.auth.id",
		"fields":[{"name":"customer","type":"relation","collectionId":"_pb_users_auth_","maxSelect":1,"required":true},
		{"name":"restaurant","type":"relation","collectionId":"pbc_restaurants","maxSelect":1,"required":true},
		{"name":"status","type":"select","maxSelect":1,"values":["placed","accepted"]},
		{"name":"items","type":"json","maxSize":262144},
		{"name":"subtotal","type":"number","onlyInt":true,"min":0},{"name":"delivery_fee","type":"number","onlyInt":true,"min":0},
		{"name":"service_fee","type":"number","onlyInt":true,"min":0},{"name":"tax","type":"number","onlyInt":true,"min":0},
		{"name":"total","type":"number","onlyInt":true,"min":0},{"name":"currency","type":"text","max":3},
		{"name":"delivery_location","type":"geoPoint"},{"name":"delivery_address","type":"text","max":500},
		{"name":"created","type":"autodate","onCreate":true},{"name":"updated","type":"autodate","onCreate":true,"onUpdate":true}],
		"indexes":["CREATE INDEX idx_stock_orders_customer ON stock_orders (customer, created)"]}`
