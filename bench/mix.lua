-- wrk script: each connection walks the URL list given after `--`, and the run ends with one
-- RESULT line: requests, non-2xx/3xx responses, socket errors, seconds, p95 ms, p99 ms, mean ms.
local paths, counter = {}, 0

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.2f %.1f %.1f %.1f\n", summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, summary.duration / 1e6, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000))
end
