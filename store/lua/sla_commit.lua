-- Applies what one watch entry caused, exactly once, and takes the entry off the watch.
-- KEYS: [1] the watch zset, [2] the done marker (entry + due time), [3] outbox stream,
--       [4] delay register (stream), [5] the guard key (see ARGV[8]), [6] the ticket that must
--       be unchanged (see ARGV[9]), then the HSET keys, the ZADD keys, the outbound hashes.
-- ARGV: [1] member, [2] its claimed score, [3] nhset, [4] nzadd, [5] record a delay (1/0),
--       [6] n outbound, [7] now, [8] guarded (1/0): send the outbound messages only if the
--       guard key did not exist (it is set now), [9] checked (1/0), [10] the ticket's
--       version when it was read: if it changed since, nothing is applied, the entry is due
--       again now (decided anew on fresh data) and 2 is returned,
--       then per HSET: nfields and pairs, per ZADD: score and member,
--       the delay fields (ticket, department, kind, due_ms) when recorded, then per outbound:
--       id, nfields, pairs.
-- Returns 1 when applied, 0 when it had been applied before, 2 when the ticket changed.
-- @include ticket_changed
-- @include apply
local function unclaim()
  if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then
    redis.call('ZREM', KEYS[1], ARGV[1])
  end
end
if ARGV[9] == '1' and (redis.call('HGET', KEYS[6], 'version') or '0') ~= ARGV[10] then
  if redis.call('ZSCORE', KEYS[1], ARGV[1]) == ARGV[2] then
    redis.call('ZADD', KEYS[1], ARGV[7], ARGV[1])
  end
  return 2
end
if not redis.call('SET', KEYS[2], ARGV[7], 'NX', 'EX', 90 * 86400) then
  unclaim()
  return 0
end
local nhset, nzadd, nout = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[6])
local send = true
if ARGV[8] == '1' then
  send = redis.call('SET', KEYS[5], ARGV[7], 'NX', 'EX', 90 * 86400) ~= false
end
local k, a = apply_hset(nhset, 7, 11, function(key) ticket_changed(key, ARGV[7]) end)
k, a = apply_zadd(nzadd, k, a)
if ARGV[5] == '1' then
  redis.call('XADD', KEYS[4], '*', 'ticket', ARGV[a], 'department', ARGV[a + 1], 'kind',
             ARGV[a + 2], 'due_ms', ARGV[a + 3], 'at_ms', ARGV[7])
  a = a + 4
end
for _ = 1, nout do
  local n = tonumber(ARGV[a + 1])
  if send then
    redis.call('HSET', KEYS[k], unpack(ARGV, a + 2, a + 1 + 2 * n))
    redis.call('XADD', KEYS[3], '*', 'id', ARGV[a])
  end
  k, a = k + 1, a + 2 + 2 * n
end
unclaim()
return 1
