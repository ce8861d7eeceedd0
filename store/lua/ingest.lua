-- Exactly-once intake of a batch of provider messages (a batch of one is the usual case at low
-- load; under load the webhooks waiting at the same moment share one call: group commit).
-- KEYS: per message, its dedup key (channel, account, provider message id) then its inbox
--       partition stream.
-- ARGV[1] dedup lifetime in seconds; ARGV[2] values per message (field/value pairs, flattened);
-- then those values for each message in KEYS order.
-- Returns, per message, 1 when appended or 0 when its key was seen before (a provider retry).
local ttl, width = ARGV[1], tonumber(ARGV[2])
local out = {}
for i = 1, #KEYS / 2 do
  if redis.call('SET', KEYS[2 * i - 1], '1', 'NX', 'EX', ttl) then
    local first = 3 + (i - 1) * width
    redis.call('XADD', KEYS[2 * i], '*', unpack(ARGV, first, first + width - 1))
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
