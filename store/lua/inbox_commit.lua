-- Stores the effects of processing one inbox entry and acknowledges it, all or nothing.
-- KEYS: [1] partition lease, [2] inbox partition stream, [3] outbox stream,
--       then nset keys to SET, ndel keys to DEL, nout outbound message hashes.
-- ARGV: [1] owner, [2] group, [3] entry id, [4] nset, [5] ndel, [6] nout,
--       then the nset values, then per outbound message: id, nfields, field/value pairs.
-- Returns 1 when applied, 0 when the entry was already committed (nothing done),
-- -1 when the caller no longer holds the partition lease (nothing done; the new holder
-- processes the entry, so per-customer order holds).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return -1
end
if redis.call('XACK', KEYS[2], ARGV[2], ARGV[3]) == 0 then
  return 0
end
redis.call('XDEL', KEYS[2], ARGV[3])
local nset, ndel, nout = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local k, a = 4, 7
for _ = 1, nset do
  redis.call('SET', KEYS[k], ARGV[a])
  k, a = k + 1, a + 1
end
for _ = 1, ndel do
  redis.call('DEL', KEYS[k])
  k = k + 1
end
for _ = 1, nout do
  local id, nfields = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  redis.call('HSET', KEYS[k], unpack(ARGV, a, a + 2 * nfields - 1))
  redis.call('XADD', KEYS[3], '*', 'id', id)
  k, a = k + 1, a + 2 * nfields
end
return 1
