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

-- A ticket's timeline is an append-only list beside its hash ("...:timeline:<number>" for
-- "...:ticket:<number>"): a write appends its new lines (the field "timeline+", one JSON object
-- a line, as written) and costs them, not the history. The list keeps its last 2,000 lines;
-- the hash counts the lines trimmed (timeline_trimmed).
local function append_timeline(key, lines)
  local base, number = string.match(key, '^(.*:)ticket:(.+)$')
  if not base then
    return
  end
  local list = base .. 'timeline:' .. number
  for line in string.gmatch(lines, '[^\n]+') do
    redis.call('RPUSH', list, line)
  end
  local over = redis.call('LLEN', list) - 2000
  if over > 0 then
    redis.call('LTRIM', list, over, -1)
    redis.call('HINCRBY', key, 'timeline_trimmed', over)
  end
end

-- HSET of the pairs ARGV[a .. a + 2n - 1] on `key`, "timeline+" appended to its list instead.
local function hset_ticket(key, a, nfields)
  local fields = {}
  for j = a, a + 2 * nfields - 1, 2 do
    if ARGV[j] == 'timeline+' then
      append_timeline(key, ARGV[j + 1])
    else
      fields[#fields + 1] = ARGV[j]
      fields[#fields + 1] = ARGV[j + 1]
    end
  end
  if #fields > 0 then
    redis.call('HSET', key, unpack(fields))
  end
end

-- n HSETs: per key ARGV nfields and the pairs; `written(key)` after each.
local function apply_hset(n, k, a, written)
  for _ = 1, n do
    local nfields = tonumber(ARGV[a])
    hset_ticket(KEYS[k], a + 1, nfields)
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
