-- wrk script for bench/engine/polls.sh: the same GET over and over, counting every response whose status is not the
-- expected one (polls.sh fails the run when there is any), so an error can never pass for throughput.
--
--   wrk -t2 -c64 -d15s --latency -s poll.lua http://127.0.0.1:5181 -- /api/device/queue 304 "Device <key>" '"<version>"'
--   wrk -t2 -c64 -d15s --latency -s poll.lua http://127.0.0.1:5181 -- /ping 204
--
-- Arguments: path, expected status, then optionally the Authorization and If-None-Match header values.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local req, expected = nil, nil

function init(args)
  local path = assert(args[1], "path")
  expected = assert(tonumber(args[2]), "expected status")
  local headers = {}
  if args[3] and args[3] ~= "" then headers["Authorization"] = args[3] end
  if args[4] and args[4] ~= "" then headers["If-None-Match"] = args[4] end
  req = wrk.format("GET", path, headers)
  -- Globals, read back by done() through thread:get.
  ok = 0
  bad = 0
  statuses = ""
  seen = {}
end

function request()
  return req
end

function response(status, headers, body)
  if status == expected then
    ok = ok + 1
    return
  end
  bad = bad + 1
  seen[status] = (seen[status] or 0) + 1
  local parts = {}
  for code, count in pairs(seen) do table.insert(parts, code .. ":" .. count) end
  statuses = table.concat(parts, ",")
  if bad <= 3 then io.stderr:write("poll.lua: HTTP " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n") end
end

function done(summary, latency, requests)
  local good, wrong, codes = 0, 0, {}
  for _, t in ipairs(threads) do
    good = good + (t:get("ok") or 0)
    wrong = wrong + (t:get("bad") or 0)
    local s = t:get("statuses")
    if s and s ~= "" then table.insert(codes, s) end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH ok %d\n", good))
  io.write(string.format("BENCH unexpected %d\n", wrong))
  io.write(string.format("BENCH statuses %s\n", #codes > 0 and table.concat(codes, ";") or "-"))
  io.write(string.format("BENCH socket_errors connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH per_s %.1f\n", good / seconds))
  io.write(string.format("BENCH p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH p99_ms %.3f\n", latency:percentile(99) / 1000))
end
