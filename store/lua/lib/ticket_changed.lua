-- ticket_index(key, now) and ticket_changed(key, now), for every script that writes tickets
-- (included with "-- @include ticket_changed").
--
-- ticket_index keeps the listing indexes of one ticket: every ticket by creation time
-- (tickets:all), and per department the tickets that still need its work
-- (tickets:department:<id>; the desk's undispatched queue is the empty id), moving a
-- transferred ticket between departments. Returns the ticket's number and fields, or nil for a
-- key that is not a ticket's.
-- @vocabulary
local function ticket_index(key, now)
  local base, number = string.match(key, '^(.*:)ticket:(.+)$')
  if not base then
    return nil
  end
  local f = redis.call('HMGET', key, 'created_ms', 'department', 'state', 'indexed_department',
                       'type', 'level', 'address', 'phone')
  local created = tonumber(f[1]) or tonumber(now)
  local department, state, indexed = f[2] or '', f[3] or '', f[4]
  redis.call('ZADD', base .. 'tickets:all', created, number)
  local needs_work = needs_work_states[state] == true
  if indexed and (indexed ~= department or not needs_work) then
    redis.call('ZREM', base .. 'tickets:department:' .. indexed, number)
    redis.call('HDEL', key, 'indexed_department')
    indexed = nil
  end
  if needs_work and not indexed then
    redis.call('ZADD', base .. 'tickets:department:' .. department, created, number)
    redis.call('HSET', key, 'indexed_department', department)
  end
  return base, number, f
end

-- ticket_changed is called after every write to a ticket hash: it
--  * bumps the ticket's version (the console's ETag / If-Match, and every decision's check that
--    the ticket is as it was read: every change, whoever made it);
--  * keeps the listing indexes (ticket_index);
--  * publishes the change on the events stream (the console's live feed), with the latest
--    timeline line (its customer named "customer"), trimmed to about 100,000 changes.
local function ticket_changed(key, now)
  if not string.match(key, ':ticket:') then
    return
  end
  local version = redis.call('HINCRBY', key, 'version', 1)
  local base, number, f = ticket_index(key, now)
  if not base then
    return
  end
  local department, state = f[2] or '', f[3] or ''
  -- The latest line: the list's last, or, for a ticket stored before the timeline was a list,
  -- the old field's.
  local last = ''
  local ok, line = pcall(cjson.decode, redis.call('LINDEX', base .. 'timeline:' .. number, -1) or '')
  if not ok then
    local old = redis.call('HGET', key, 'timeline')
    local decoded, timeline = pcall(cjson.decode, old or '')
    ok = decoded and type(timeline) == 'table' and #timeline > 0
    if ok then line = timeline[#timeline] end
  end
  if ok and type(line) == 'table' then
    -- The customer is "customer" in the feed, as in the ticket's view: never their number.
    if line.by and (line.by == f[7] or line.by == f[8]) then
      line.by = 'customer'
    end
    last = cjson.encode(line)
  end
  redis.call('XADD', base .. 'events', 'MAXLEN', '~', 100000, '*', 'ticket', number,
             'department', department, 'state', state, 'type', f[5] or '', 'version',
             tostring(version), 'level', f[6] or '', 'last', last)
end
