-- wrk script of bench/cart-wrk.sh. Each request is made as a customer who has no other request in
-- flight, so every customer writes only their own carts, one request at a time, whatever the number of
-- wrk threads: each thread owns an equal share of the customers (at least one per connection) and
-- keeps them in a free list; a request takes the first free customer and its response gives it back
-- (the response names the record, and the record names its customer). Modes:
--   change: PATCH the quantity of one of the customer's cart lines;
--   add:    POST a line to the customer's carts in turn (one per restaurant);
--   stock:  PATCH the quantity of the customer's stock_cart_items record (stock PocketBase).
-- Arguments after "--": the customers file written by `cartload -export`, the mode, wrk's thread count.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("index", threads)
end

-- key maps a record id in a response to the customer who owns it.
local key = {}
local free = {}
local mode
local n = 0
local checked = false

function init(args)
  mode = args[2]
  local nthreads = tonumber(args[3])
  local all = {}
  for line in io.lines(args[1]) do
    local fields = {}
    for f in line:gmatch("[^\t]+") do
      fields[#fields + 1] = f
    end
    local c = {token = fields[1], stock = fields[2], line = fields[3], carts = {}, next = 0}
    for cart, item in fields[4]:gmatch("([^:,]+):([^,]+)") do
      c.carts[#c.carts + 1] = {cart = cart, item = item}
    end
    c.options = fields[5]
    all[#all + 1] = c
  end
  local per = math.floor(#all / nthreads)
  for i = (index - 1) * per + 1, index * per do
    local c = all[i]
    free[#free + 1] = c
    if mode == "stock" then
      key[c.stock] = c
    elseif mode == "change" then
      key[c.line] = c
    else
      for _, at in ipairs(c.carts) do
        key[at.cart] = c
      end
    end
  end
end

function request()
  if index == 1 and not checked then
    -- wrk (4.1) checks the script by asking the first thread for a request it never sends.
    checked = true
    return wrk.format("GET", "/api/health")
  end
  n = n + 1
  local c = table.remove(free, 1)
  if c == nil then
    error("no free customer: run wrk with at most as many connections as customers")
  end
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = c.token}
  local quantity = '{"quantity":' .. (1 + n % 9) .. '}'
  if mode == "stock" then
    return wrk.format("PATCH", "/api/collections/stock_cart_items/records/" .. c.stock, headers, quantity)
  elseif mode == "change" then
    return wrk.format("PATCH", "/api/collections/cart_items/records/" .. c.line, headers, quantity)
  end
  c.next = c.next % #c.carts + 1
  local at = c.carts[c.next]
  return wrk.format("POST", "/api/collections/cart_items/records", headers,
    '{"cart":"' .. at.cart .. '","menu_item":"' .. at.item .. '","quantity":1,"options":' .. c.options .. '}')
end

function response(status, headers, body)
  if status ~= 200 then
    print("unexpected status " .. status .. ": " .. body)
  end
  local id
  if mode == "add" then
    id = body:match('"cart":"([^"]+)"')
  else
    id = body:match('"id":"([^"]+)"')
  end
  local c = id and key[id]
  if c == nil then
    -- Not one of ours (an error): the customer is lost; wrk then stops with an error when none is left.
    print("response names no customer of this thread: " .. body)
    return
  end
  free[#free + 1] = c
end
