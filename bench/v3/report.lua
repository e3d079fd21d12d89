-- wrk script: prints one machine-readable line after the run, so run.sh needs no unit parsing.
-- RESULT <requests/s> <p50 µs> <p99 µs> <requests> <non-2xx/3xx> <socket errors> <bytes/s>
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.1f %d %d %d %d %d %.0f\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout, summary.bytes / seconds))
end
