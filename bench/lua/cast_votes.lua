-- Votes for bench/vote_flood.sh: each request casts the next minted vote (VOTES: the file of
-- "<cookie>\t<body>" lines); each wrk thread takes every n-th line. When a thread has sent
-- all of its votes it asks for /healthz, which the summary does not count as a vote.
local origin, file = os.getenv("ORIGIN"), os.getenv("VOTES")
local agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " ..
  "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN"
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
  -- A crowd behind the trusted proxy (vote_flood.sh trusts 127.0.0.1): each voter from an
  -- address of its own across 10.0.0.0/8, on WeChat's browser on a phone.
  local n = idx * 2 + tid
  local ip = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", "/api/v1/campaigns/1/votes",
    { ["Cookie"] = string.sub(line, 1, tab - 1), ["Origin"] = origin, ["Content-Type"] = "application/json",
      ["X-Forwarded-For"] = ip, ["User-Agent"] = agent },
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
