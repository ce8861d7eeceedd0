-- Removes a consumer from the outbox group if it holds nothing (a consumer removed with
-- entries pending would lose them).
-- KEYS[1] outbox stream; ARGV[1] group; ARGV[2] consumer. Returns 1 when removed.
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then
  return 0
end
redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
return 1
