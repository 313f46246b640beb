-- wrk script: GET a random path from BENCH_PATHS (one per line), or POST the bodies in
-- BENCH_BODIES (one JSON document per line, in turn) to BENCH_POST_PATH; with neither,
-- wrk sends its URL as is. done() prints one line "BENCH_JSON {...}" for the runner.

local function read_lines(name)
  local lines = {}
  for line in io.lines(name) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

local paths_file = os.getenv("BENCH_PATHS")
local bodies_file = os.getenv("BENCH_BODIES")
local post_path = os.getenv("BENCH_POST_PATH")

if bodies_file then
  local bodies = read_lines(bodies_file)
  local next_body = 0
  request = function()
    next_body = next_body % #bodies + 1
    return wrk.format("POST", post_path, nil, bodies[next_body])
  end
elseif paths_file then
  local paths = read_lines(paths_file)
  init = function(args)
    math.randomseed(os.time())
  end
  request = function()
    return wrk.format("GET", paths[math.random(#paths)])
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,' ..
    '"timeouts":%d,"latency_us":{"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max))
end
