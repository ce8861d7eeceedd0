-- What a console request needs before anything else, in one round trip: the account its
-- token belongs to and the directory's version.
-- KEYS: [1] the token's key (agent-token:<hash>), [2] the directory version.
-- ARGV: [1] the key prefix of accounts (agent:).
-- Returns {account id or '', the account's fields (flat), directory version or ''}.
local id = redis.call('GET', KEYS[1])
local version = redis.call('GET', KEYS[2]) or ''
if not id then
  return { '', {}, version }
end
return { id, redis.call('HGETALL', ARGV[1] .. id), version }
