-- Cold-cache load: each request takes the next path from a file of thousands of distinct
-- paths (one per line), each thread starting at its own offset.
--   wrk -s benchmarks/rotate.lua http://127.0.0.1:8000 -- paths.txt
local thread_count = 0

function setup(thread)
  thread:set("thread_number", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  counter = (thread_number or 0) * math.floor(#paths / 2)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
