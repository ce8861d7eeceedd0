-- Takes a free partition lease, renews our own, or takes over one whose holder is gone.
-- KEYS[1] lease key; ARGV[1] owner; ARGV[2] lifetime in milliseconds; ARGV[3] (may be empty)
-- a holder the caller knows to be gone.
-- Returns 1 when the caller holds the lease afterwards, else the holder's name.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] or (ARGV[3] ~= '' and holder == ARGV[3]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return holder
