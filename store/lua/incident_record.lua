-- What people found about an incident (its cause, the action taken), stored with the audit
-- log's line in one step.
-- KEYS: [1] the incident, [2] the audit log stream.
-- ARGV: [1] n fields, then field/value pairs, then the audit line's field/value pairs.
-- Returns 1, or 0 when there is no such incident.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local n = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2, 1 + 2 * n))
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 1000000, '*', unpack(ARGV, 2 + 2 * n, #ARGV))
return 1
