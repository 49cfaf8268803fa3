-- One wrk thread per connection, each with its own session cookie (COOKIES is a
-- "|"-separated list handed out in order), so no two connections share a session.
-- The summary is printed as one JSON line for the benchmark to read.
local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  table.insert(cookies, cookie)
end
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  if #cookies > 0 then
    thread:set("cookie", cookies[((next_thread - 1) % #cookies) + 1])
  end
end

function init(args)
  wrk.headers["X-Forwarded-Proto"] = "https"
  if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
