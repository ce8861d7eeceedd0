#include "store/ticket_repository.hpp"

#include "store/errors.hpp"
#include "store/lua_sources.hpp"
#include "store/detail/script_args.hpp"
#include "store/script.hpp"

#include <algorithm>
#include <cstdlib>

namespace ombud::store {

namespace {
const Script kRecentComplaints(lua::recent_complaints);
const Script kList(lua::tickets_list);
const Script kAct(lua::ticket_action);
const Script kReindex(lua::reindex);
const Script kHashesGet(lua::hashes_get);

// The timeline as one JSON array, as the work order reads it: the lines of a ticket stored
// before the timeline was a list (its old field), then the list's.
std::string merged_timeline(std::string old, const std::vector<Reply>& lines) {
  if (old.size() < 2 || old.front() != '[') old = "[]";
  old.pop_back();
  bool first = old.size() == 1;
  for (const auto& line : lines) {
    if (!first) old += ',';
    old += line.str;
    first = false;
  }
  return old + "]";
}

std::map<std::string, std::string> fields_of(const Reply& flat) {
  std::map<std::string, std::string> fields;
  for (std::size_t i = 0; i + 1 < flat.elements.size(); i += 2)
    fields[flat.elements[i].str] = flat.elements[i + 1].str;
  return fields;
}
}  // namespace

boost::asio::awaitable<boost::system::result<std::optional<std::map<std::string, std::string>>>>
TicketRepository::async_get(std::string number) {
  auto reply = co_await redis_.async_command(command("HGETALL", keys_.ticket(number)));
  if (!reply) co_return reply.error();
  if (reply->elements.empty()) co_return std::nullopt;
  auto fields = fields_of(*reply);
  // The list read 500 lines a command.
  std::vector<Reply> lines;
  const auto list = keys_.timeline(number);
  for (long long from = 0;; from += 500) {
    auto page = co_await redis_.async_command(
        command("LRANGE", list, std::to_string(from), std::to_string(from + 499)));
    if (!page) co_return page.error();
    const auto n = page->elements.size();
    for (auto& line : page->elements) lines.push_back(std::move(line));
    if (n < 500) break;
  }
  fields["timeline"] = merged_timeline(fields["timeline"], lines);
  co_return fields;
}

boost::asio::awaitable<boost::system::result<std::vector<std::optional<TicketRepository::Fields>>>>
TicketRepository::async_get_many(std::vector<std::string> numbers, int timeline_tail) {
  std::vector<std::optional<Fields>> out;
  if (numbers.empty()) co_return out;
  RedisClient::Argv keys;
  for (const auto& n : numbers) {
    keys.push_back(keys_.ticket(n));
    if (timeline_tail > 0) keys.push_back(keys_.timeline(n));
  }
  auto reply = co_await kHashesGet.async_run(redis_, std::move(keys),
                                             command(std::to_string(std::max(0, timeline_tail))));
  if (!reply) co_return reply.error();
  if (reply->elements.size() != numbers.size()) co_return StoreError::protocol;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const auto& item = reply->elements[i].elements;
    if (item.size() != 2 || item[0].elements.empty()) {
      out.emplace_back();
      continue;
    }
    auto fields = fields_of(item[0]);
    fields["number"] = numbers[i];
    if (timeline_tail > 0) fields["timeline"] = merged_timeline(fields["timeline"], item[1].elements);
    out.push_back(std::move(fields));
  }
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::vector<std::string>>>
TicketRepository::async_customer_tickets(std::string owner, int limit) {
  auto listed = co_await redis_.async_command(
      command("ZREVRANGE", keys_.customer_tickets(owner), "0", std::to_string(limit - 1)));
  if (!listed) co_return listed.error();
  std::vector<std::string> out;
  for (const auto& n : listed->elements) out.push_back(n.str);
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::vector<std::string>>>
TicketRepository::async_staff_open(std::string phone) {
  auto listed = co_await redis_.async_command(command("ZRANGE", keys_.staff_open(phone), "0", "-1"));
  if (!listed) co_return listed.error();
  std::vector<std::string> out;
  for (const auto& n : listed->elements) out.push_back(n.str);
  co_return out;
}

boost::asio::awaitable<boost::system::result<bool>> TicketRepository::async_opted_out(
    std::string channel, std::string account, std::string address) {
  auto reply = co_await redis_.async_command(command("EXISTS", keys_.opt_out(channel, account, address)));
  if (!reply) co_return boost::system::result<bool>(boost::system::in_place_error, reply.error());
  co_return reply->integer == 1;
}

boost::asio::awaitable<boost::system::result<std::vector<std::pair<std::string, std::int64_t>>>>
TicketRepository::async_handoff_queue(int limit) {
  auto queue = co_await redis_.async_command(
      command("ZRANGE", keys_.handoff_queue(), "0", std::to_string(limit - 1), "WITHSCORES"));
  if (!queue) co_return queue.error();
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (std::size_t i = 0; i + 1 < queue->elements.size(); i += 2)
    out.emplace_back(queue->elements[i].str, std::strtoll(queue->elements[i + 1].str.c_str(), nullptr, 10));
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::optional<TicketRepository::Remembered>>>
TicketRepository::async_remembered(std::string account, std::string key) {
  auto seen = co_await redis_.async_command(
      command("HMGET", keys_.idempotency(account, key), "version", "confirmation", "request"));
  if (!seen) co_return seen.error();
  if (seen->elements.size() != 3 || seen->elements[0].is_nil()) co_return std::nullopt;
  co_return Remembered{seen->elements[0].str, seen->elements[1].str, seen->elements[2].str};
}

boost::asio::awaitable<boost::system::result<std::vector<std::map<std::string, std::string>>>>
TicketRepository::async_recent_complaints(std::string category, std::int64_t since_ms) {
  auto reply = co_await kRecentComplaints.async_run(
      redis_, command(keys_.recent_complaints(category), keys_.legacy_recent_complaints()),
      command(std::to_string(since_ms), keys_.ticket_prefix()));
  if (!reply) co_return reply.error();
  std::vector<std::map<std::string, std::string>> out;
  const auto& items = reply->elements;
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    std::map<std::string, std::string> fields;
    const auto& flat = items[i + 1].elements;
    for (std::size_t j = 0; j + 1 < flat.size(); j += 2) fields[flat[j].str] = flat[j + 1].str;
    fields.try_emplace("number", items[i].str);
    out.push_back(std::move(fields));
  }
  co_return out;
}

boost::asio::awaitable<boost::system::result<TicketPage>> TicketRepository::async_list(
    TicketQuery q) {
  auto args = command(q.cursor_score, std::to_string(q.cursor_skip), std::to_string(q.page),
                      std::to_string(q.scan), std::to_string(q.now_ms),
                      std::to_string(q.filters.size()));
  for (auto& [name, value] : q.filters) args.insert(args.end(), {name, value});
  auto index = q.needing_work_of ? keys_.tickets_of_department(*q.needing_work_of) : keys_.tickets_all();
  auto reply = co_await kList.async_run(redis_, command(std::move(index)), std::move(args));
  if (!reply) co_return reply.error();
  TicketPage page;
  const auto& items = reply->elements;
  if (items.size() < 2) co_return page;
  page.next_score = items[0].str;
  page.next_skip = items[1].integer;
  // The fields tickets_list.lua reads, in its order.
  static constexpr const char* kSummary[] = {
      "number",     "type",        "state",     "category", "category_label", "channel",
      "department", "department_name", "department_name_en", "responsible", "level",
      "created_ms", "updated_ms",  "sign_due_ms", "due_ms", "incident",       "repeat_of",
      "version",    "name",        "language", "close_validity", "close_responsibility",
      "close_cause", "close_requested_ms", "declined_reason", "legal_flag", "revisit_state",
      "revisit_due_ms", "revisit_overdue", "call_list", "parts_pending"};
  for (std::size_t i = 2; i < items.size(); ++i) {
    std::map<std::string, std::string> fields;
    const auto& values = items[i].elements;
    for (std::size_t j = 0; j < values.size() && j < std::size(kSummary); ++j)
      if (!values[j].is_nil()) fields[kSummary[j]] = values[j].str;
    page.tickets.push_back(std::move(fields));
  }
  co_return page;
}

boost::asio::awaitable<boost::system::result<ActionOutcome>> TicketRepository::async_act(
    TicketAction a) {
  const bool idempotent = !a.idempotency_key.empty();
  const auto& e = a.effects;
  const auto audit = e.audit ? e.audit->fields() : decltype(e.audit->fields()){};
  RedisClient::Argv keys{keys_.ticket(a.number), keys_.outbox(), keys_.audit_log(),
                         idempotent ? keys_.idempotency(a.idempotency_account, a.idempotency_key)
                                    : keys_.audit_log()};
  RedisClient::Argv args{a.expected_version,
                         std::to_string(a.now_ms),
                         idempotent ? "1" : "0",
                         std::to_string(a.idempotency_ttl.count()),
                         a.confirmation,
                         std::to_string(e.hset.size()),
                         std::to_string(e.zadd.size()),
                         std::to_string(e.zrem.size()),
                         std::to_string(e.outbound.size()),
                         std::to_string(audit.size()),
                         std::to_string(e.set.size()),
                         a.request};
  for (const auto& [name, value] : audit) args.insert(args.end(), {name, value});
  detail::append_hset(e.hset, keys, args);
  detail::append_zadd(e.zadd, keys, args);
  detail::append_zrem(e.zrem, keys, args);
  detail::append_set(e.set, keys, args);
  detail::append_outbound(keys_, e.outbound, {}, keys, args);
  auto reply = co_await kAct.async_run(redis_, std::move(keys), std::move(args));
  if (!reply) co_return reply.error();
  const auto& r = reply->elements;
  ActionOutcome out;
  if (r.size() < 2) co_return out;
  switch (r[0].integer) {
    case 0: out.kind = ActionOutcome::Kind::no_ticket; break;
    case 2: out.kind = ActionOutcome::Kind::changed_since_read; break;
    case 3: out.kind = ActionOutcome::Kind::repeated; break;
    case 4: out.kind = ActionOutcome::Kind::key_reused; break;
    default: out.kind = ActionOutcome::Kind::applied;
  }
  out.version = r[1].as_string() ? std::string(*r[1].as_string()) : std::to_string(r[1].integer);
  if (r.size() > 2) out.confirmation = r[2].str;
  co_return out;
}

boost::asio::awaitable<boost::system::result<std::pair<long long, long long>>>
TicketRepository::async_build_indexes(std::int64_t now_ms) {
  auto built = co_await redis_.async_command(command("GET", keys_.indexes_built()));
  if (!built) co_return built.error();
  if (!built->is_nil()) co_return std::pair<long long, long long>{-1, -1};
  std::pair<long long, long long> listed{0, 0};
  std::vector<std::string> patterns;  // (no braced list of strings in a coroutine: GCC 12)
  patterns.push_back(keys_.ticket("*"));
  patterns.push_back(keys_.incident("*"));
  for (const auto& pattern : patterns) {
    std::string cursor = "0";
    do {
      auto page = co_await redis_.async_command(command("SCAN", cursor, "MATCH", pattern, "COUNT", "500"));
      if (!page) co_return page.error();
      if (!page->is_array() || page->elements.size() != 2) co_return StoreError::protocol;
      cursor = page->elements[0].str;
      RedisClient::Argv keys;
      for (const auto& k : page->elements[1].elements) keys.push_back(k.str);
      if (keys.empty()) continue;
      auto counted = co_await kReindex.async_run(redis_, std::move(keys),
                                                 command(std::to_string(now_ms), keys_.incidents()));
      if (!counted) co_return counted.error();
      if (counted->elements.size() == 2) {
        listed.first += counted->elements[0].integer;
        listed.second += counted->elements[1].integer;
      }
    } while (cursor != "0");
  }
  auto done = co_await redis_.async_command(command("SET", keys_.indexes_built(), std::to_string(now_ms)));
  if (!done) co_return done.error();
  co_return listed;
}

}  // namespace ombud::store
