-- wrk script: POSTs the GraphQL request bodies in the file named by BODIES (one JSON document a line) in turn,
-- and prints what bench/run.sh reads: requests per second, p50 and p99 latency, and failures.
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do
  bodies[#bodies + 1] = line
end

local turn = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  turn = turn % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[turn])
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d failed=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
