-- wrk script for bench/overload: every request a search the answer cache has not seen (two corpus words
-- and a random page), so each one ranks the whole corpus; counts answers by status.
-- RESULT <requests/s> <p50 µs> <p99 µs> <requests> <2xx> <503> <other status> <socket errors>
local words = {"json", "http", "client", "server", "logging", "core", "data", "sql", "cache", "redis", "queue",
  "azure", "storage", "blob", "identity", "auth", "token", "crypto", "xml", "parser", "async", "stream", "text",
  "search", "index", "image", "mail", "grpc", "rest", "api", "web", "console", "config", "hosting", "metrics",
  "retry", "jobs", "events", "socket", "tcp", "udp", "hash", "zip", "math", "time", "units", "money", "locale"}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  ok, busy, other = 0, 0, 0
end

function request()
  local q = words[math.random(#words)] .. "%20" .. words[math.random(#words)]
  return wrk.format("GET", "/v3/query?q=" .. q .. "&skip=" .. math.random(0, 2000) .. "&take=20")
end

function response(status, headers, body)
  if status == 503 then busy = busy + 1 elseif status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local o, b, x = 0, 0, 0
  for _, thread in ipairs(threads) do
    o = o + thread:get("ok"); b = b + thread:get("busy"); x = x + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format("RESULT %.1f %d %d %d %d %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), summary.requests, o, b, x, e.connect + e.read + e.write + e.timeout))
end
