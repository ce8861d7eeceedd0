-- Claims the SLA watch entries that are due: each is pushed `lease` ms into the future so
-- that no other process takes it meanwhile (if the claimer dies, it comes due again).
-- KEYS[1] the SLA zset. ARGV[1] now (unix ms), ARGV[2] at most this many, ARGV[3] lease (ms).
-- Returns member, claimed score, member, claimed score, …
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local out = {}
local lease = tonumber(ARGV[1]) + tonumber(ARGV[3])
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], lease, member)
  out[#out + 1] = member
  out[#out + 1] = tostring(lease)
end
return out
