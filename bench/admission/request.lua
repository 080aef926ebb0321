-- wrk script for bench/admission.sh.
-- `wrk ... -s request.lua URL -- FILE` POSTs FILE as application/json on every request;
-- without FILE it sends a plain GET. Either way it ends with one machine-readable RESULT line.

function init(args)
  local path = args[1]
  if path then
    local file = assert(io.open(path, "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
  end
  -- wrk calls this from its own init, which then builds the request once: each send is a plain write.
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
