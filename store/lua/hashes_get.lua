-- Several hashes in one call (a page of a customer's tickets, the handoff queue, an
-- incident's tickets): every key it reads is in KEYS.
-- KEYS: the hashes; with ARGV[1] > 0, each followed by its list (a ticket's timeline).
-- ARGV: [1] how many of each list's last lines to read (0: no lists).
-- Returns, per hash, {its HGETALL, the list's last lines (empty when none were asked)}.
local tail = tonumber(ARGV[1]) or 0
local step = tail > 0 and 2 or 1
local out = {}
for i = 1, #KEYS, step do
  local fields = redis.call('HGETALL', KEYS[i])
  local lines = {}
  if tail > 0 and #fields > 0 then
    lines = redis.call('LRANGE', KEYS[i + 1], -tail, -1)
  end
  out[#out + 1] = { fields, lines }
end
return out
