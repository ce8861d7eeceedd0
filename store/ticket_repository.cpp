#include "store/ticket_repository.hpp"

#include "store/errors.hpp"
#include "store/lua_sources.hpp"
#include "store/detail/script_args.hpp"
#include "store/script.hpp"

namespace ombud::store {

namespace {
const Script kRecentComplaints(lua::recent_complaints);
const Script kList(lua::tickets_list);
const Script kAct(lua::ticket_action);
const Script kReindex(lua::reindex);
}  // namespace

boost::asio::awaitable<boost::system::result<std::optional<std::map<std::string, std::string>>>>
TicketRepository::async_get(std::string number) {
  auto reply = co_await redis_.async_command(command("HGETALL", keys_.ticket(number)));
  if (!reply) co_return reply.error();
  if (reply->elements.empty()) co_return std::nullopt;
  std::map<std::string, std::string> fields;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2)
    fields[reply->elements[i].str] = reply->elements[i + 1].str;
  // The timeline as one JSON array, as the work order reads it: the lines of a ticket stored
  // before the timeline was a list, then the list's, read 500 at a time.
  std::string timeline = fields["timeline"];
  if (timeline.size() < 2 || timeline.front() != '[') timeline = "[]";
  timeline.pop_back();
  bool first = timeline.size() == 1;
  const auto list = keys_.timeline(number);
  for (long long from = 0;; from += 500) {
    auto page = co_await redis_.async_command(
        command("LRANGE", list, std::to_string(from), std::to_string(from + 499)));
    if (!page) co_return page.error();
    for (const auto& line : page->elements) {
      if (!first) timeline += ',';
      timeline += line.str;
      first = false;
    }
    if (page->elements.size() < 500) break;
  }
  fields["timeline"] = timeline + "]";
  co_return fields;
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
  auto reply = co_await kList.async_run(redis_, command(q.index), std::move(args));
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
      "version",    "name",        "language"};
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
                         idempotent ? a.idempotency_key : keys_.audit_log()};
  RedisClient::Argv args{e.unchanged ? e.unchanged->version : "",
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
