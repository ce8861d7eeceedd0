-- Applies one person's action on a ticket (from the console), all or nothing: the ticket's
-- fields, its watch entries and lists, the messages it sends, the audit log line.
-- KEYS: [1] the ticket, [2] outbox stream, [3] audit log stream, [4] idempotency record
--       (unused without a key), then the HSET keys, the ZADD keys, the ZREM keys, the SET
--       keys, the outbound message hashes.
-- ARGV: [1] the version the caller read ('' : no check), [2] now (unix ms), [3] with an
--       idempotency key (1/0), [4] its lifetime (s), [5] the confirmation to remember with it,
--       [6] nhset, [7] nzadd, [8] nzrem, [9] nout, [10] n audit fields, [11] nset, [12] the
--       request the key was given with (its action and body hashed), then the audit
--       field/value pairs, per HSET: nfields and pairs, per ZADD: score and
--       member, per ZREM: member, per SET: value and ttl (s, 0 = none), per outbound message:
--       id, nfields, pairs.
-- Returns {1, version} when applied; {2, version} when the ticket changed since the caller
-- read it (nothing done); {3, version, confirmation} when the idempotency key was used
-- before for the same request (nothing done: the first answer again); {4, ''} when it was used
-- for another request (nothing done); {0, ''} when there is no such ticket.
-- @include ticket_changed
-- @include apply
if ARGV[3] == '1' then
  local seen = redis.call('HMGET', KEYS[4], 'version', 'confirmation', 'request')
  if seen[1] then
    if seen[3] and seen[3] ~= ARGV[12] then
      return { 4, '' }
    end
    return { 3, seen[1], seen[2] }
  end
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 0, '' }
end
local current = redis.call('HGET', KEYS[1], 'version') or '0'
if ARGV[1] ~= '' and ARGV[1] ~= current then
  return { 2, current }
end
local nhset, nzadd, nzrem, nout = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]),
                                  tonumber(ARGV[9])
local naudit, nset = tonumber(ARGV[10]), tonumber(ARGV[11])
local a, k = 13, 5
redis.call('XADD', KEYS[3], 'MAXLEN', '~', 1000000, '*', unpack(ARGV, a, a + 2 * naudit - 1))
a = a + 2 * naudit
k, a = apply_hset(nhset, k, a, function(key)
  if key ~= KEYS[1] then
    ticket_changed(key, ARGV[2])
  end
end)
k, a = apply_zadd(nzadd, k, a)
k, a = apply_zrem(nzrem, k, a)
k, a = apply_set(nset, k, a)
for _ = 1, nout do
  local n = tonumber(ARGV[a + 1])
  redis.call('HSET', KEYS[k], unpack(ARGV, a + 2, a + 1 + 2 * n))
  redis.call('XADD', KEYS[2], '*', 'id', ARGV[a])
  k, a = k + 1, a + 2 + 2 * n
end
ticket_changed(KEYS[1], ARGV[2])
local version = redis.call('HGET', KEYS[1], 'version')
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[4], 'version', version, 'confirmation', ARGV[5], 'request', ARGV[12])
  redis.call('EXPIRE', KEYS[4], ARGV[4])
end
return { 1, version }
