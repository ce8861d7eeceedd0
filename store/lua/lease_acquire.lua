-- Takes a free partition lease or renews our own.
-- KEYS[1] lease key; ARGV[1] owner; ARGV[2] lifetime in milliseconds.
-- Returns 1 when the caller holds the lease afterwards, 0 when someone else does.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
