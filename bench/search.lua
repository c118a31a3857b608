-- wrk script of bench/search.sh: cycles through a list of request paths, one per line, from the file
-- given after "--", starting at a random line so that repeated runs do not replay the same order.
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time())
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
