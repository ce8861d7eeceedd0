-- Applies a provider's delivery status callback to the outbound message it names.
-- KEYS[1] provider-id index key. ARGV[1] message hash key prefix, ARGV[2] new status
-- (sent | delivered | undelivered | failed), ARGV[3] provider error code or '',
-- ARGV[4] now (unix ms), ARGV[5] the account that reported it ('' : any): another account's
-- message is treated as unknown.
-- Callbacks arrive in any order, so the status only moves forward.
-- Returns our message id, or false when the provider id is unknown.
local id = redis.call('GET', KEYS[1])
if not id then
  return false
end
local key = ARGV[1] .. id
if ARGV[5] ~= '' and redis.call('HGET', key, 'account') ~= ARGV[5] then
  return false
end
local rank = { queued = 0, sending = 1, sent = 2, failed = 3, undelivered = 3, delivered = 3 }
local current = redis.call('HGET', key, 'status')
local new = ARGV[2]
if rank[new] ~= nil and (current == false or rank[current] == nil or rank[new] > rank[current]) then
  redis.call('HSET', key, 'status', new, 'updated_ms', ARGV[4])
  if ARGV[3] ~= '' then
    redis.call('HSET', key, 'error', ARGV[3])
  end
end
return id
