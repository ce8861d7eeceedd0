-- Applies what one SLA entry caused, exactly once, and takes the entry off the watch.
-- KEYS: [1] the SLA zset, [2] the done marker (entry + due time), [3] outbox stream,
--       [4] ticket hash, [5] delay register (stream), then outbound message hashes.
-- ARGV: [1] member, [2] its claimed score, [3] n ticket fields, [4] record a delay (1/0),
--       [5] n outbound, [6] now, then ticket field/value pairs, then delay fields (ticket,
--       department, kind, due_ms) when recorded, then per outbound: id, nfields, pairs.
-- Returns 1 when applied, 0 when it had been applied before.
local function unclaim()
  if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then
    redis.call('ZREM', KEYS[1], ARGV[1])
  end
end
if not redis.call('SET', KEYS[2], ARGV[6], 'NX', 'EX', 90 * 86400) then
  unclaim()
  return 0
end
local nfields, delay, nout = tonumber(ARGV[3]), ARGV[4] == '1', tonumber(ARGV[5])
local a = 7
if nfields > 0 then
  redis.call('HSET', KEYS[4], unpack(ARGV, a, a + 2 * nfields - 1))
end
a = a + 2 * nfields
if delay then
  redis.call('XADD', KEYS[5], '*', 'ticket', ARGV[a], 'department', ARGV[a + 1], 'kind',
             ARGV[a + 2], 'due_ms', ARGV[a + 3], 'at_ms', ARGV[6])
  a = a + 4
end
for i = 1, nout do
  local n = tonumber(ARGV[a + 1])
  redis.call('HSET', KEYS[5 + i], unpack(ARGV, a + 2, a + 1 + 2 * n))
  redis.call('XADD', KEYS[3], '*', 'id', ARGV[a])
  a = a + 2 + 2 * n
end
unclaim()
return 1
