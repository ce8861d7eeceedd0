-- The complaints of one category since a time, for the analysis of a new one: the index is
-- trimmed of what is older first, so it stays a month long and the read stays bounded.
-- KEYS[1] the category's index (zset: number by creation time), KEYS[2] the index of every
-- category that versions before 0.2 kept (read and trimmed until it has drained).
-- ARGV[1] since (unix ms), ARGV[2] the ticket hash key prefix.
-- Returns {number, {field, value, ...}, number, {...}, ...} for each ticket still stored.
local out = {}
for _, index in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', index, '-inf', '(' .. ARGV[1])
  for _, number in ipairs(redis.call('ZRANGEBYSCORE', index, ARGV[1], '+inf')) do
    local fields = redis.call('HGETALL', ARGV[2] .. number)
    if #fields > 0 then
      out[#out + 1] = number
      out[#out + 1] = fields
    end
  end
end
return out
