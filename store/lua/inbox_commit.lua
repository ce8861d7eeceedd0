-- Stores the effects of processing one inbox entry and acknowledges it, all or nothing.
-- KEYS: [1] partition lease, [2] inbox partition stream, [3] outbox stream,
--       [4] ticket serial counter, [5] customer's ticket index, [6] open-ticket index
--       (4–6 unused without a ticket), [7] the ticket the decision was made on (see ARGV[18]),
--       [8] the audit log stream, then nset keys to SET, ndel keys to DEL, nout outbound
--       message hashes.
-- ARGV: [1] owner, [2] group, [3] entry id, [4] nset, [5] ndel, [6] nout, [7] has_ticket,
--       [8] ticket prefix, [9] date code, [10] serial digits, [11] ticket key prefix,
--       [12] ticket open (1/0), [13] now (unix ms), [14] n ticket fields, [15] nhset,
--       [16] nzadd, [17] nzrem, [18] checked (1/0): apply only if KEYS[7]'s version is still
--       [19], [20] n audit fields (0: no audit line),
--       then the audit field/value pairs, then the ticket field/value pairs, then per SET: value and ttl (s, 0 = none),
--       then per outbound message: id, nfields, field/value pairs,
--       then per HSET: nfields, field/value pairs; per ZADD: score, member; per ZREM: member.
--       (The keys of HSET, ZADD and ZREM follow the outbound message keys, in that order.)
-- A "{ticket}" in an outbound text or a ZADD member becomes the new ticket's number.
-- Returns {1, number or ''} when applied, {0, ''} when the entry was already committed (nothing
-- done), {-1, ''} when the caller no longer holds the partition lease (nothing done; the new
-- holder processes the entry, so per-customer order holds), {2, ''} when the ticket changed
-- since it was read (nothing done; the entry stays pending, to be processed again).
-- @include ticket_changed
-- @include apply
local changed = {}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return { -1, '' }
end
if ARGV[18] == '1' and (redis.call('HGET', KEYS[7], 'version') or '0') ~= ARGV[19] then
  -- Unless it was committed before (its decision stored then): then say so.
  local pending = redis.call('XPENDING', KEYS[2], ARGV[2], ARGV[3], ARGV[3], 1)
  if #pending == 0 then
    return { 0, '' }
  end
  return { 2, '' }
end
if redis.call('XACK', KEYS[2], ARGV[2], ARGV[3]) == 0 then
  return { 0, '' }
end
redis.call('XDEL', KEYS[2], ARGV[3])
local nset, ndel, nout = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local nhset, nzadd, nzrem = tonumber(ARGV[15]), tonumber(ARGV[16]), tonumber(ARGV[17])
local a = 21
local naudit = tonumber(ARGV[20])
if naudit > 0 then
  redis.call('XADD', KEYS[8], 'MAXLEN', '~', 1000000, '*', unpack(ARGV, a, a + 2 * naudit - 1))
  a = a + 2 * naudit
end
local number = ''
if ARGV[7] == '1' then
  local serial = redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], 3 * 86400)
  number = ARGV[8] .. ARGV[9] .. string.format('%0' .. ARGV[10] .. 'd', serial)
  local nfields = tonumber(ARGV[14])
  redis.call('HSET', ARGV[11] .. number, 'number', number)
  hset_ticket(ARGV[11] .. number, a, nfields)
  changed[ARGV[11] .. number] = true
  a = a + 2 * nfields
  redis.call('ZADD', KEYS[5], ARGV[13], number)
  if ARGV[12] == '1' then
    redis.call('ZADD', KEYS[6], ARGV[13], number)
  end
end
local k = 9
k, a = apply_set(nset, k, a)
for _ = 1, ndel do
  redis.call('DEL', KEYS[k])
  k = k + 1
end
for _ = 1, nout do
  local id, nfields = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  local fields = {}
  for j = 0, 2 * nfields - 1, 2 do
    local name, value = ARGV[a + j], ARGV[a + j + 1]
    if name == 'text' and number ~= '' then
      value = string.gsub(value, '{ticket}', number)
    end
    fields[#fields + 1] = name
    fields[#fields + 1] = value
  end
  redis.call('HSET', KEYS[k], unpack(fields))
  redis.call('XADD', KEYS[3], '*', 'id', id)
  k, a = k + 1, a + 2 * nfields
end
k, a = apply_hset(nhset, k, a, function(key) changed[key] = true end)
k, a = apply_zadd(nzadd, k, a, function(member)
  if number == '' then
    return member
  end
  return (string.gsub(member, '{ticket}', number))
end)
k, a = apply_zrem(nzrem, k, a)
for key in pairs(changed) do
  ticket_changed(key, ARGV[13])
end
return { 1, number }
