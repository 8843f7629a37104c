-- Random 1 MiB byte ranges of one video, as players seeking through it ask for them.
-- VIDEO_SIZE: the file's length in bytes.
local size = tonumber(os.getenv("VIDEO_SIZE"))
local piece = 1048576
math.randomseed(os.time())
request = function()
  local first = math.random(0, math.max(0, size - piece))
  return wrk.format("GET", nil, {["Range"] = "bytes=" .. first .. "-" .. (first + piece - 1)})
end
