-- Votes for bench/vote_flood.sh: each request casts the next minted vote (VOTES: the file of
-- "<cookie>\t<body>" lines); each wrk thread takes every n-th line. When a thread has sent
-- all of its votes it asks for /healthz, which the summary does not count as a vote.
local origin, file = os.getenv("ORIGIN"), os.getenv("VOTES")
local threads, counter = {}, 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
local lines, idx = {}, 0
function init(args)
  local n = tonumber(os.getenv("THREADS") or "2")
  local i = 0
  for line in io.lines(file) do
    if i % n == tid then lines[#lines + 1] = line end
    i = i + 1
  end
end
request = function()
  idx = idx + 1
  local line = lines[idx]
  if not line then return wrk.format("GET", "/healthz") end
  local tab = string.find(line, "\t", 1, true)
  return wrk.format("POST", "/api/v1/campaigns/1/votes",
    { ["Cookie"] = string.sub(line, 1, tab - 1), ["Origin"] = origin, ["Content-Type"] = "application/json" },
    string.sub(line, tab + 1))
end
local created, other = 0, 0
response = function(status)
  if status == 201 then created = created + 1 elseif status ~= 200 then other = other + 1 end
  wrk.thread:set("created", created)
  wrk.thread:set("other", other)
end
done = function(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
    o = o + (t:get("other") or 0)
  end
  io.stderr:write(string.format("  votes accepted (201): %d, refused: %d; all requests p50 %.2f ms, p99 %.2f ms\n",
    c, o, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
