-- Lists what was stored before the listing indexes existed (run once, at the first start of a
-- version that has them; harmless to run again): each ticket of KEYS in tickets:all and its
-- department's list (ticket_index), each incident of KEYS in the incidents list by when it was
-- last raised. Keys of neither kind are passed over.
-- KEYS: ticket and incident hash keys. ARGV: [1] now (unix ms), [2] the incidents zset.
-- Returns {tickets listed, incidents listed}.
-- @include ticket_changed
local tickets, incidents = 0, 0
for _, key in ipairs(KEYS) do
  if redis.call('TYPE', key).ok == 'hash' then
    if ticket_index(key, ARGV[1]) then
      tickets = tickets + 1
    else
      local id, updated = unpack(redis.call('HMGET', key, 'id', 'updated_ms'))
      if id and string.match(key, ':incident:') then
        redis.call('ZADD', ARGV[2], 'NX', tonumber(updated) or tonumber(ARGV[1]), id)
        incidents = incidents + 1
      end
    end
  end
end
return { tickets, incidents }
