-- One page of a ticket listing: walks an index (zset by creation time) from the newest down,
-- from a cursor, keeps the tickets that pass every filter, and stops at a page or after
-- looking at `scan` tickets (a rare filter then gives a short page with a cursor to go on).
-- KEYS: [1] the index.
-- ARGV: [1] cursor score ('+inf' to start), [2] how many of that score were already seen,
--       [3] page size, [4] scan budget, [5] now (unix ms), [6] n filters, then name/value
--       pairs: state, department, level, category, channel, type, overdue, due_before,
--       created_from, created_to, incident, repeat, validity, responsibility, cause, classified,
--       close_requested, declined, legal, revisit (due|overdue|done|call_list), call_list, parts_pending, q (text in what the customer answered;
--       the caller refuses a q with a number in it unless the agent may see numbers).
-- Returns {next score or '', next skip, ticket...}, each ticket the values of `summary` in
-- its order (nil for a field the ticket lacks); the caller knows the names (TicketQuery).
local summary = { 'number', 'type', 'state', 'category', 'category_label', 'channel', 'department',
                  'department_name', 'department_name_en', 'responsible', 'level', 'created_ms',
                  'updated_ms', 'sign_due_ms', 'due_ms', 'incident', 'repeat_of', 'version',
                  'name', 'language', 'close_validity', 'close_responsibility', 'close_cause',
                  'close_requested_ms', 'declined_reason', 'legal_flag', 'revisit_state',
                  'revisit_due_ms', 'revisit_overdue', 'call_list', 'parts_pending' }
local filters = {}
local nf = tonumber(ARGV[6])
for i = 0, nf - 1 do
  filters[ARGV[7 + 2 * i]] = ARGV[8 + 2 * i]
end
local prefix = string.match(KEYS[1], '^(.*:)tickets:')
local now = tonumber(ARGV[5])
-- @vocabulary
local at = {}
for j, name in ipairs(summary) do at[name] = j end
local slots_hidden = false
local function passes(v, number, slots)
  for name, want in pairs(filters) do
    if name == 'state' then
      local state = v[at.state] or ''
      if want == 'open' then
        if not needs_work_states[state] then return false end
      elseif state ~= want then return false end
    elseif name == 'department' or name == 'category' or name == 'channel' or name == 'type' or
           name == 'level' then
      if (v[at[name]] or '') ~= want then return false end
    elseif name == 'overdue' then
      if (want == 'true') ~= is_overdue(v[at.due_ms], v[at.state], now) then return false end
    elseif name == 'due_before' then
      local due = tonumber(v[at.due_ms] or '')
      if due == nil or due >= tonumber(want) then return false end
    elseif name == 'created_from' then
      if (tonumber(v[at.created_ms] or '') or 0) < tonumber(want) then return false end
    elseif name == 'created_to' then
      if (tonumber(v[at.created_ms] or '') or 0) >= tonumber(want) then return false end
    elseif name == 'incident' then
      if (want == 'true') ~= ((v[at.incident] or '') ~= '') then return false end
    elseif name == 'repeat' then
      if (want == 'true') ~= ((v[at.repeat_of] or '') ~= '') then return false end
    elseif name == 'validity' or name == 'responsibility' or name == 'cause' then
      if (v[at['close_' .. name]] or '') ~= want then return false end
    elseif name == 'classified' then
      local classified = (v[at.close_validity] or '') ~= '' or (v[at.close_responsibility] or '') ~= '' or
                         (v[at.close_cause] or '') ~= ''
      if (want == 'true') ~= classified then return false end
    elseif name == 'close_requested' then
      local requested = (tonumber(v[at.close_requested_ms] or '') or 0) > 0 and (v[at.state] or '') ~= 'closed'
      if (want == 'true') ~= requested then return false end
    elseif name == 'declined' then
      if (want == 'true') ~= ((v[at.declined_reason] or '') ~= '') then return false end
    elseif name == 'legal' then
      if (want == 'true') ~= ((v[at.legal_flag] or '') ~= '') then return false end
    elseif name == 'revisit' then
      local state = v[at.revisit_state] or ''
      if want == 'overdue' then
        local due = tonumber(v[at.revisit_due_ms] or '') or 0
        if state ~= 'due' or due == 0 or due >= now then return false end
      elseif state ~= want then return false end
    elseif name == 'parts_pending' then
      local pending = (tonumber(v[at.parts_pending] or '') or 0) > 0 and needs_work_states[v[at.state] or ''] == true
      if (want == 'true') ~= pending then return false end
    elseif name == 'call_list' then
      if (want == 'true') ~= ((v[at.call_list] or '') == '1') then return false end
    elseif name == 'q' then
      if not slots then return false end
      local found = false
      for slot, value in pairs(slots) do
        local hidden = slots_hidden and (slot == 'phone' or slot == 'name')
        if not hidden and type(value) == 'string' and string.find(value, want, 1, true) then
          found = true
          break
        end
      end
      if not found then return false end
    end
  end
  return true
end
local out = { '', 0 }
local page, budget = tonumber(ARGV[3]), tonumber(ARGV[4])
local max, skip = ARGV[1], tonumber(ARGV[2])
local kept, looked = 0, 0
while kept < page and looked < budget do
  local batch = redis.call('ZREVRANGEBYSCORE', KEYS[1], max, '-inf', 'WITHSCORES', 'LIMIT', skip,
                           math.min(100, budget - looked))
  if #batch == 0 then
    return out
  end
  for i = 1, #batch, 2 do
    local number, score = batch[i], batch[i + 1]
    if score == max then skip = skip + 1 else max, skip = score, 1 end
    looked = looked + 1
    local values = redis.call('HMGET', prefix .. 'ticket:' .. number, unpack(summary))
    values[1] = number
    -- q: the values of the customer's answers (never the names of the slots), without the
    -- number and name of a customer who asked to stay anonymous.
    local slots = nil
    slots_hidden = false
    if filters.q then
      local stored = redis.call('HMGET', prefix .. 'ticket:' .. number, 'slots', 'anonymous')
      local ok, decoded = pcall(cjson.decode, stored[1] or '')
      if ok and type(decoded) == 'table' then slots = decoded end
      slots_hidden = stored[2] == '1'
    end
    if values[at.state] and passes(values, number, slots) then
      out[#out + 1] = values
      kept = kept + 1
      if kept == page then break end
    end
  end
end
out[1], out[2] = max, skip
return out
