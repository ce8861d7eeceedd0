-- W1: replays pre-signed Twilio inbound SMS (bench/gen_requests output), each request once.
-- Thread k of n takes lines k, k+n, k+2n, ... so no two requests share a MessageSid.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  nthreads = #threads > 0 and #threads or tonumber(os.getenv("W1_THREADS") or "2")
  requests = {}
  local i = 0
  for line in io.lines(os.getenv("W1_REQUESTS")) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      local sig, body = line:sub(1, tab - 1), line:sub(tab + 1)
      requests[#requests + 1] = wrk.format("POST", wrk.path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = sig,
        ["Host"] = "127.0.0.1",
      }, body)
    end
    i = i + 1
  end
  n = 0
  wrapped = 0
end

function request()
  n = n + 1
  if n > #requests then n = 1; wrapped = wrapped + 1 end
  return requests[n]
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = (non200 or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("W1_LATENCY p50_us=%d p99_us=%d\n",
                         latency:percentile(50), latency:percentile(99)))
  local wraps = 0
  for _, t in ipairs(threads) do wraps = wraps + (t:get("wrapped") or 0) end
  io.write(string.format("W1_REPEATS wrapped=%d\n", wraps))
  io.write(string.format("W1_ERRORS non2xx=%d socket=%d\n", summary.errors.status,
                         summary.errors.connect + summary.errors.read + summary.errors.write +
                         summary.errors.timeout))
end
