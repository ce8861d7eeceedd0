-- Stores a console account's fields and, when given, its new token (by hash); the token it
-- had before stops working in the same step (rotation, disabling).
-- KEYS: [1] the account hash, [2] the set of accounts, [3] the new token's key ('' : none).
-- ARGV: [1] account id, [2] the key prefix of tokens, then field/value pairs (token_hash
--       among them when the token changes).
-- Returns 1, or 0 when ARGV says the account must exist (ARGV[3] == 'existing') and it does not.
local a = 3
if ARGV[3] == 'existing' then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return 0
  end
  a = 4
end
local old = redis.call('HGET', KEYS[1], 'token_hash')
local fields = {}
local new_hash = nil
for i = a, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
  if ARGV[i] == 'token_hash' then new_hash = ARGV[i + 1] end
end
if new_hash ~= nil and old and old ~= '' and old ~= new_hash then
  redis.call('DEL', ARGV[2] .. old)
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('SADD', KEYS[2], ARGV[1])
if KEYS[3] ~= '' then
  redis.call('SET', KEYS[3], ARGV[1])
end
return 1
