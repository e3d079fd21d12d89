-- wrk script for bench/search/http.sh: every request a different search, as real clients send them (Visual Studio's
-- search-as-you-type, the website), so the answer cache (8 MB: about 230 full `/v3/query` answers) rarely has it.
-- Mode, after wrk's `--`: `query` (one word, two words, a typed prefix, a page further down, prerelease and SemVer
-- variants), `autocomplete` (the prefix of a corpus id as it is typed, with the same variants) or `popular` (the
-- same 24 queries over and over, each thread from its own place in the list: with the index changing meanwhile,
-- each is made once per change and then served from the cache).
-- Terms come from bench/v3/benchpkg.py's corpus (ORGS, WORDS), so most queries match packages; each thread draws
-- from its own seeded sequence, so runs compare.
-- RESULT <requests/s> <p50 µs> <p99 µs> <requests> <non-2xx/3xx> <socket errors> <bytes/s>  (as report.lua)
local orgs = {"acme", "contoso", "fabrikam", "northwind", "tailspin", "wingtip", "litware", "adatum", "proseware",
  "woodgrove", "lucerne", "humongous", "margie", "relecloud", "alpine", "coho", "trey", "fourth", "wide", "blue"}
local words = {"json", "http", "client", "server", "logging", "core", "data", "sql", "cache", "redis", "queue", "azure",
  "aws", "storage", "blob", "identity", "auth", "token", "crypto", "xml", "yaml", "csv", "parser", "serializer",
  "mapper", "validation", "testing", "mock", "fixture", "async", "reactive", "stream", "buffer", "pool", "text",
  "regex", "search", "index", "graph", "tree", "image", "pdf", "mail", "smtp", "grpc", "rest", "api", "web",
  "mvc", "razor", "blazor", "console", "cli", "config", "options", "hosting", "metrics", "tracing", "health",
  "retry", "polly", "scheduler", "jobs", "workflow", "events", "messaging", "bus", "kafka", "rabbit", "mqtt",
  "socket", "tcp", "udp", "dns", "ldap", "oauth", "saml", "jwt", "hash", "compression", "zip", "tar", "gzip",
  "brotli", "math", "numerics", "geometry", "units", "money", "time", "calendar", "locale", "resources"}
local variants = {"", "&prerelease=true", "&semVerLevel=2.0.0", "&prerelease=true&semVerLevel=2.0.0"}
local threads = {}
local mode = "query"

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1] or "query"
  math.randomseed(1000 + id)
end

local function pick(list) return list[math.random(#list)] end

-- A word as typed so far: at least two letters.
local function typed(word) return string.sub(word, 1, math.random(math.min(2, #word), #word)) end

local function query()
  local shape, q, skip = math.random(10), nil, 0
  if shape <= 3 then q = pick(words)                               -- one word
  elseif shape <= 6 then q = pick(words) .. "%20" .. pick(words)    -- two words
  elseif shape <= 8 then q = typed(pick(words))                     -- a word being typed
  else q = pick(words) .. "%20" .. typed(pick(words)); skip = 20 * math.random(0, 25) -- further pages
  end
  return "/v3/query?q=" .. q .. "&skip=" .. skip .. "&take=20" .. pick(variants)
end

local function autocomplete()
  -- A corpus id (`Org.Word.Word.P<n>`) typed up to a random length: the id box of a package manager.
  local id = pick(orgs) .. "." .. pick(words) .. "." .. pick(words) .. ".p" .. math.random(0, 9999)
  return "/v3/autocomplete?q=" .. string.sub(id, 1, math.random(2, #id)) .. "&take=20" .. pick(variants)
end

-- The popular queries: the first words of the list, alone and paired, both prerelease settings.
local popular = {}
for n = 1, 6 do
  table.insert(popular, "/v3/query?q=" .. words[n] .. "&take=20")
  table.insert(popular, "/v3/query?q=" .. words[n] .. "&take=20&prerelease=true&semVerLevel=2.0.0")
  table.insert(popular, "/v3/query?q=" .. words[n] .. "%20" .. words[n + 6] .. "&take=20")
  table.insert(popular, "/v3/autocomplete?q=" .. string.sub(words[n], 1, 3) .. "&take=20&prerelease=true")
end
local next_popular = nil

function request()
  if mode == "autocomplete" then return wrk.format("GET", autocomplete()) end
  if mode == "popular" then
    next_popular = ((next_popular or (id * 7)) % #popular) + 1
    return wrk.format("GET", popular[next_popular])
  end
  return wrk.format("GET", query())
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.1f %d %d %d %d %d %.0f\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), summary.requests,
    e.status, e.connect + e.read + e.write + e.timeout, summary.bytes / seconds))
end
