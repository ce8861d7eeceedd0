-- Moves outbound messages whose retry is due back onto the outbox stream.
-- KEYS[1] retry schedule (zset, score = due unix ms); KEYS[2] outbox stream.
-- ARGV[1] now (unix ms); ARGV[2] at most this many.
-- Returns how many were moved. Atomic, so several processes never promote one message twice.
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('XADD', KEYS[2], '*', 'id', id)
end
return #ids
