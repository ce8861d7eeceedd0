-- Marks an outbound message as being sent and counts the attempt.
-- KEYS[1] message hash; ARGV[1] now in unix ms.
-- Returns {attempt number, 1 when the previous attempt has no known outcome (the message was
-- still 'sending': its sender timed out waiting for the provider, or died) else 0, when the
-- message last changed (unix ms)}; the attempt number is 0 when the message is already final
-- and -1 when it does not exist.
local status, updated = unpack(redis.call('HMGET', KEYS[1], 'status', 'updated_ms'))
if status == false then
  return {-1, 0, 0}
end
if status ~= 'queued' and status ~= 'sending' then
  return {0, 0, 0}
end
redis.call('HSET', KEYS[1], 'status', 'sending', 'updated_ms', ARGV[1])
return {redis.call('HINCRBY', KEYS[1], 'attempts', 1), status == 'sending' and 1 or 0,
        tonumber(updated or '0') or 0}
