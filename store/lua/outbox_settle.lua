-- Records the outcome of one send attempt and acknowledges the outbox entry.
-- KEYS: [1] message hash, [2] outbox stream, [3] retry schedule (zset), [4] dead letters
--       (stream), [5] provider-id index key (only used for 'sent').
-- ARGV: [1] group, [2] entry id, [3] outcome: sent | retry | uncertain | failed,
--       [4] message id,
--       [5] provider message id, [6] error text, [7] retry due (unix ms) for 'retry' or the
--       index lifetime (s) for 'sent', [8] now (unix ms).
-- 'uncertain' is a retry whose attempt may have reached the provider (no answer came): the
-- message stays 'sending', so that the next attempt looks it up at the provider first.
redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[2], ARGV[2])
local outcome = ARGV[3]
if outcome == 'sent' then
  -- a delivery callback may already have moved the message on; never move it back
  local status = redis.call('HGET', KEYS[1], 'status')
  if status == 'queued' or status == 'sending' then
    redis.call('HSET', KEYS[1], 'status', 'sent')
  end
  redis.call('HSET', KEYS[1], 'provider_id', ARGV[5], 'updated_ms', ARGV[8])
  if ARGV[5] ~= '' then  -- a 2xx without an id is sent all the same, just not traceable
    redis.call('SET', KEYS[5], ARGV[4], 'EX', ARGV[7])
  end
elseif outcome == 'retry' or outcome == 'uncertain' then
  local status = outcome == 'retry' and 'queued' or 'sending'
  redis.call('HSET', KEYS[1], 'status', status, 'error', ARGV[6], 'updated_ms', ARGV[8])
  redis.call('ZADD', KEYS[3], ARGV[7], ARGV[4])
else
  redis.call('HSET', KEYS[1], 'status', 'failed', 'error', ARGV[6], 'updated_ms', ARGV[8])
  redis.call('XADD', KEYS[4], '*', 'id', ARGV[4], 'reason', ARGV[6], 'at_ms', ARGV[8])
end
return 1
