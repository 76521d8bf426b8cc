-- wrk script for bench/votes/run.sh: POST /api/votes as one of the seeded listeners.
--
--   wrk -t2 -c32 -d20s --latency -s vote.lua http://127.0.0.1:5180 -- tokens.txt sounds.txt
--
-- tokens.txt: one bearer token a line (the 32 listeners); sounds.txt: one sound id a line.
-- Each vote picks its listener and its sound uniformly at random and a rating 1..5, the same draw as
-- vote.sql, so row-lock contention on profiles is statistically the same on both sides.
-- Every response that is not 201 is counted; done() prints the counts and the status codes seen, so an
-- error can never pass for throughput (run.sh fails the run when non201 > 0).

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local function read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then table.insert(lines, line) end
  end
  f:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

local tokens, sounds, auth = nil, nil, nil

function init(args)
  tokens = read_lines(args[1])
  sounds = read_lines(args[2])
  auth = {}
  for i, t in ipairs(tokens) do auth[i] = "Bearer " .. t end
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  -- Globals, read back by done() through thread:get.
  ok201 = 0
  non201 = 0
  statuses = ""   -- "code:count" for each code other than 201, built only when one happens
  seen = {}
end

function request()
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth[math.random(#auth)],
  }
  local body = '{"soundId":"' .. sounds[math.random(#sounds)] .. '","rating":' .. math.random(1, 5) .. '}'
  return wrk.format("POST", "/api/votes", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    ok201 = ok201 + 1
    return
  end
  non201 = non201 + 1
  seen[status] = (seen[status] or 0) + 1
  local parts = {}
  for code, count in pairs(seen) do table.insert(parts, code .. ":" .. count) end
  statuses = table.concat(parts, ",")
  if non201 <= 3 then io.stderr:write("vote.lua: HTTP " .. status .. ": " .. tostring(body):sub(1, 300) .. "\n") end
end

function done(summary, latency, requests)
  local ok, bad, codes = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok201") or 0)
    bad = bad + (t:get("non201") or 0)
    local s = t:get("statuses")
    if s and s ~= "" then table.insert(codes, s) end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  -- Machine-readable lines for run.sh; latency is in microseconds in wrk.
  io.write(string.format("BENCH requests %d\n", summary.requests))
  io.write(string.format("BENCH ok201 %d\n", ok))
  io.write(string.format("BENCH non201 %d\n", bad))
  io.write(string.format("BENCH statuses %s\n", #codes > 0 and table.concat(codes, ";") or "-"))
  io.write(string.format("BENCH socket_errors connect=%d read=%d write=%d timeout=%d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH seconds %.3f\n", seconds))
  io.write(string.format("BENCH votes_per_s %.1f\n", ok / seconds))
  io.write(string.format("BENCH p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH p99_ms %.2f\n", latency:percentile(99) / 1000))
end
