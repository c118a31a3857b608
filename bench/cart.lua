-- wrk script of bench/cart-wrk.sh: each wrk thread is one customer (run wrk with as many threads as
-- connections) PATCHing the quantity of one of its cart lines ("change") or of its record in the stock
-- collection ("stock"). The customers file, from `cartload -export`, comes after "--", then the mode.
local customers = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("index", counter)
end

function init(args)
  for line in io.lines(args[1]) do
    local token, stock, cartLine = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
    customers[#customers + 1] = {token = token, stock = stock, line = cartLine}
  end
  local c = customers[(index - 1) % #customers + 1]
  token = c.token
  if args[2] == "stock" then
    path = "/api/collections/stock_cart_items/records/" .. c.stock
  else
    path = "/api/collections/cart_items/records/" .. c.line
  end
  n = 0
end

function request()
  n = n + 1
  return wrk.format("PATCH", path, {["Content-Type"] = "application/json", ["Authorization"] = token},
    '{"quantity":' .. (1 + n % 9) .. '}')
end

function response(status, headers, body)
  if status ~= 200 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
