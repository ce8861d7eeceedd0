-- Marks an outbound message as being sent and counts the attempt.
-- KEYS[1] message hash; ARGV[1] now in unix ms.
-- Returns the attempt number; 0 when the message is already final; -1 when it does not exist.
local status = redis.call('HGET', KEYS[1], 'status')
if status == false then
  return -1
end
if status ~= 'queued' and status ~= 'sending' then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'sending', 'updated_ms', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'attempts', 1)
