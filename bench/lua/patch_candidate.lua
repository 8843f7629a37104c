-- Staff writes for bench/write_flood.sh: PATCH a candidate's title (a correction with a reason),
-- each request on a random candidate among the first 80 so that revisions rarely collide.
-- COOKIE, CSRF and ORIGIN come from the environment.
local cookie, csrf, origin = os.getenv("COOKIE"), os.getenv("CSRF"), os.getenv("ORIGIN")
local ids = {}
for id in string.gmatch(os.getenv("IDS") or "", "%d+") do ids[#ids + 1] = id end
local n = 0
math.randomseed(os.time())
request = function()
  n = n + 1
  local id = ids[math.random(#ids)]
  local body = '{"title":"压测职务' .. n .. '","reason":"压测更正原因"}'
  return wrk.format("PATCH", "/api/v1/campaigns/1/candidates/" .. id,
    { ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Origin"] = origin, ["Content-Type"] = "application/json" }, body)
end
local statuses = {}
response = function(status) statuses[status] = (statuses[status] or 0) + 1 end
done = function(summary, latency, requests)
  io.stderr:write(string.format("  writes: %d requests, non-2xx %d, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
