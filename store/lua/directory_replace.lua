-- Replaces the directory of departments, staff, duty managers and routing, and records the
-- change (who, when, before, after).
-- KEYS[1] directory (JSON), KEYS[2] its version, KEYS[3] the change log (stream).
-- ARGV[1] the new JSON, ARGV[2] who, ARGV[3] now (unix ms), ARGV[4] 'seed' to write only when
-- there is no directory yet (start-up), else 'replace'.
-- Returns the new version, or 0 when a seed found a directory already there.
local before = redis.call('GET', KEYS[1])
if ARGV[4] == 'seed' and before then
  return 0
end
local version = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[3], '*', 'version', version, 'by', ARGV[2], 'at_ms', ARGV[3],
           'before', before or '', 'after', ARGV[1])
return version
