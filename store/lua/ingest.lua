-- Exactly-once intake of one provider message.
-- KEYS[1] dedup key (channel, account, provider message id); KEYS[2] inbox partition stream.
-- ARGV[1] dedup lifetime in seconds; ARGV[2..] the entry's field/value pairs.
-- Returns the new stream entry id, or false when the key was seen before (a provider retry).
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return false
end
return redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2))
