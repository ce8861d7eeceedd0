-- Writes several scripts apply the same way, reading their operands from KEYS[k] and
-- ARGV[a] onwards and returning where the next operands start (included with
-- "-- @include apply").

-- n SETs: per key ARGV value and lifetime (s, 0 = none).
local function apply_set(n, k, a)
  for _ = 1, n do
    if ARGV[a + 1] ~= '0' then
      redis.call('SET', KEYS[k], ARGV[a], 'EX', ARGV[a + 1])
    else
      redis.call('SET', KEYS[k], ARGV[a])
    end
    k, a = k + 1, a + 2
  end
  return k, a
end

-- n HSETs: per key ARGV nfields and the pairs; `written(key)` after each.
local function apply_hset(n, k, a, written)
  for _ = 1, n do
    local nfields = tonumber(ARGV[a])
    redis.call('HSET', KEYS[k], unpack(ARGV, a + 1, a + 2 * nfields))
    written(KEYS[k])
    k, a = k + 1, a + 1 + 2 * nfields
  end
  return k, a
end

-- n ZADDs: per key ARGV score and member (`member(text)` rewrites it when given).
local function apply_zadd(n, k, a, member)
  for _ = 1, n do
    local m = ARGV[a + 1]
    if member then
      m = member(m)
    end
    redis.call('ZADD', KEYS[k], ARGV[a], m)
    k, a = k + 1, a + 2
  end
  return k, a
end

-- n ZREMs: per key ARGV member.
local function apply_zrem(n, k, a)
  for _ = 1, n do
    redis.call('ZREM', KEYS[k], ARGV[a])
    k, a = k + 1, a + 1
  end
  return k, a
end
