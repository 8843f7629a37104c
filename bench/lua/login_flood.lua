-- A sign-in flood for bench/write_flood.sh: wrong passwords for random names from random
-- addresses (the server is told to trust X-Forwarded-For), as a guessing botnet would send.
local origin = os.getenv("ORIGIN")
math.randomseed(os.time() + 7)
request = function()
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local body = string.format('{"username":"guess%d","password":"wrong-password-%d"}', math.random(1, 1000000), math.random(1, 1000000))
  return wrk.format("POST", "/api/v1/auth/login",
    { ["Origin"] = origin, ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }, body)
end
done = function(summary, latency, requests)
  io.stderr:write(string.format("  flood: %d sign-in attempts answered (%.0f/s; all refused: non-2xx %d), timeouts %d, p50 %.0f ms, p99 %.0f ms\n",
    summary.requests, summary.requests / (summary.duration / 1e6), summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
