// The ticket endpoints: listing, one ticket with its timeline, and the actions.

#include "console/api.hpp"
#include "console/call.hpp"
#include "console/requests.hpp"

#include "channels/common/form.hpp"
#include "core/text.hpp"
#include "tickets/ticket.hpp"
#include "tickets/typed_ticket.hpp"
#include "tickets/vocabulary.hpp"
#include "tickets/work_order.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/sha.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

namespace ombud::console {

namespace asio = boost::asio;
namespace json = boost::json;
using http::ApiError;
using Fields = std::map<std::string, std::string>;

namespace {

const std::string& get(const Fields& f, const std::string& name) {
  static const std::string kEmpty;
  auto it = f.find(name);
  return it == f.end() ? kEmpty : it->second;
}

json::value number_or_null(const std::string& text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return nullptr;
  return v;
}

json::value parsed_or_null(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return nullptr;
  return v;
}

// The fields of a ticket every view has.
// `category_label`: the category as the caller reads it.
json::object summary(const Fields& t, const tickets::Directory* directory, std::int64_t now_ms,
                     const std::string& category_label) {
  const auto& department = get(t, "department");
  json::object dept{{"id", department}, {"name", get(t, "department_name")}};
  if (directory)
    if (const auto* d = directory->find(department)) {
      dept["name"] = d->name;
      dept["name_en"] = d->label("en");
    }
  const auto due = number_or_null(get(t, "due_ms"));
  const bool overdue = due.is_int64() && tickets::overdue(due.as_int64(), get(t, "state"), now_ms);
  return {{"number", get(t, "number")},
          {"version", number_or_null(tickets::version_of(t))},
          {"type", get(t, "type")},
          {"state", get(t, "state")},
          {"category", get(t, "category")},
          {"category_label", category_label},
          {"channel", get(t, "channel")},
          {"department", department.empty() ? json::value(nullptr) : json::value(std::move(dept))},
          {"responsible", get(t, "responsible")},
          {"level", number_or_null(get(t, "level"))},
          {"created_ms", number_or_null(get(t, "created_ms"))},
          {"updated_ms", number_or_null(get(t, "updated_ms"))},
          {"sign_due_ms", number_or_null(get(t, "sign_due_ms"))},
          {"due_ms", due},
          {"overdue", overdue},
          {"incident", get(t, "incident")},
          {"repeat_of", get(t, "repeat_of")},
          {"customer_name", get(t, "name")},
          {"language", get(t, "language")}};
}

std::string etag(const std::string& version) {
  return "\"" + (version.empty() ? std::string("0") : version) + "\"";
}

// The version an If-Match names ("7", W/"7"); empty for none or "*".
std::string if_match(const http::Request& request) {
  std::string_view v = request[http::field::if_match];
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v == "*" ? std::string() : std::string(v);
}

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

// What an Idempotency-Key was given with: the action and the body, hashed (SHA-256, hex).
std::string request_hash(std::string_view action, std::string_view body) {
  std::string request(action);
  request += '\n';
  request += body;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(request.data()), request.size(), digest);
  return hex(digest, sizeof digest);
}

}  // namespace

asio::awaitable<http::Response> Api::list_tickets(Call& call) {
  static const std::set<std::string, std::less<>> kFilters{
      "state", "department", "level", "category", "channel", "type", "overdue", "due_before",
      "created_from", "created_to", "incident", "repeat", "q"};
  const std::string_view target(call.request.target().data(), call.request.target().size());
  const auto query_at = target.find('?');
  const auto query = query_at == std::string_view::npos ? std::string_view() : target.substr(query_at + 1);
  auto params = channels::parse_form(query);
  if (!params) co_return call.error(ApiError::bad_request, "the query string is malformed");
  store::TicketQuery q;
  q.now_ms = s_.clock.now_ms();
  q.page = std::min(50, s_.settings.page_max);
  std::string department, state;
  bool department_given = false;
  for (const auto& param : *params) {
    const auto& name = param.first;  // (not a structured binding: clang 15 cannot capture one)
    const auto& value = param.second;
    auto bad = [&](std::string what) {
      return call.error(ApiError::unprocessable, name + " " + what, {{"field", name}});
    };
    auto integer = [&](long long& out) {
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
      return ec == std::errc() && p == value.data() + value.size();
    };
    if (name == "limit") {
      long long n = 0;
      if (!integer(n) || n < 1 || n > s_.settings.page_max)
        co_return bad("must be between 1 and " + std::to_string(s_.settings.page_max));
      q.page = static_cast<int>(n);
    } else if (name == "cursor") {
      const auto dot = value.find('.');
      long long skip = 0;
      const std::string score = value.substr(0, dot);
      auto [p, ec] = std::from_chars(value.data() + std::min(dot + 1, value.size()), value.data() + value.size(), skip);
      // The score is what Redis takes as one: a finite number, all of it ("e", "-", "1e" are
      // not; they once reached Redis and came back as 503).
      double number = 0;
      const auto [score_end, score_ec] =
          std::from_chars(score.data(), score.data() + score.size(), number);
      if (dot == std::string::npos || score.empty() || ec != std::errc() || skip < 0 ||
          p != value.data() + value.size() || score_ec != std::errc() ||
          score_end != score.data() + score.size() || !std::isfinite(number) ||
          score.find_first_not_of("0123456789.e+-") != std::string::npos)
        co_return bad("is not a cursor this API gave");
      q.cursor_score = score;
      q.cursor_skip = skip;
    } else if (!kFilters.contains(name)) {
      co_return call.error(ApiError::unprocessable, "unknown query parameter " + name, {{"field", name}});
    } else if (name == "department") {
      department = value;
      department_given = true;
    } else {
      if ((name == "overdue" || name == "incident" || name == "repeat") && value != "true" && value != "false")
        co_return bad("must be true or false");
      if (name == "due_before" || name == "created_from" || name == "created_to" || name == "level") {
        long long n = 0;
        if (!integer(n)) co_return bad("must be a number (unix ms; a level 1-4)");
      }
      // A search by number would tell, a digit at a time, numbers the caller is shown masked.
      if (name == "q" && !call.see_phones && core::has_digit_run(value, 5))
        co_return call.error(ApiError::forbidden,
                             "searching for a number needs the permission customers.phone",
                             {{"field", name}, {"permission", permission::customers_phone}});
      if (name == "state") state = value;
      q.filters.emplace_back(name, value);
    }
  }
  if (!call.all_departments) {
    if (department_given && department != call.account.department)
      co_return call.error(ApiError::forbidden,
                           "only your own department's tickets: this needs the permission tickets.read_all",
                           {{"permission", permission::tickets_read_all}});
    department = call.account.department;
    department_given = true;
  }
  // A department's tickets that need work have an index of their own; anything else walks
  // every ticket by creation time.
  if (department_given && (state == "open" || tickets::needs_work(state)))
    q.needing_work_of = department;
  else if (department_given)
    q.filters.emplace_back("department", department);
  auto page = co_await tickets_.async_list(std::move(q));
  if (!page) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  json::array items;
  const auto now = s_.clock.now_ms();
  for (const auto& t : page->tickets)
    items.push_back(summary(t, call.directory.get(), now,
                            s_.desk.category_label(get(t, "category"), call.language)));
  json::value next = nullptr;
  if (!page->next_score.empty()) next = page->next_score + "." + std::to_string(page->next_skip);
  co_return call.json(json::serialize(json::object{{"tickets", std::move(items)}, {"next_cursor", next}}));
}

asio::awaitable<std::variant<tickets::TicketFields, http::Response>> Api::async_visible(
    Call& call, std::string number) {
  auto loaded = co_await tickets_.async_get(number);
  if (!loaded) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (!*loaded || !call.in_scope(get(**loaded, "department")))
    co_return call.error(ApiError::not_found, "no ticket " + number);
  co_return std::move(**loaded);
}

asio::awaitable<http::Response> Api::get_ticket(Call& call) {
  const auto number = call.params.at("number");
  auto visible = co_await async_visible(call, number);
  if (auto* refused = std::get_if<http::Response>(&visible)) co_return std::move(*refused);
  auto& t = std::get<tickets::TicketFields>(visible);
  t["number"] = number;
  auto out = summary(t, call.directory.get(), s_.clock.now_ms(),
                     s_.desk.category_label(get(t, "category"), call.language));
  const auto& phone = get(t, "phone");
  const auto& address = get(t, "address");
  const bool anonymous = get(t, "anonymous") == "1";
  // Numbers in full for the roles that need them, and for the person the ticket is with (who is
  // sent it by SMS to call the customer back); never for an anonymous customer.
  const bool full = !anonymous && (call.see_phones || (!call.account.phone.empty() &&
                                                       call.account.phone == get(t, "responsible")));
  auto shown = [&](const std::string& a) { return full ? a : core::masked(a); };
  // The number as the customer typed it appears in their answers too, in any form the
  // phone parser accepts ("139 1234 5678"), and so may other numbers they wrote.
  auto hide_in = [&](json::value& v, auto& self) -> void {
    if (full) return;
    if (v.is_string()) {
      std::string text(v.as_string());
      for (const auto* a : {&phone, &address})
        for (auto at = a->empty() ? std::string::npos : text.find(*a); at != std::string::npos;
             at = text.find(*a, at + 1))
          text.replace(at, a->size(), core::masked(*a));
      v = core::mask_phone_numbers(text);
    } else if (v.is_array()) {
      for (auto& e : v.as_array()) self(e, self);
    } else if (v.is_object()) {
      for (auto& [k, e] : v.as_object()) self(e, self);
    }
  };
  out["customer"] = json::object{{"name", get(t, "name")},
                                 {"phone", shown(phone)},
                                 {"channel", get(t, "channel")},
                                 {"address", shown(address)},
                                 {"language", get(t, "language")},
                                 {"anonymous", anonymous}};
  out["description"] = parsed_or_null(get(t, "slots"));
  hide_in(out["description"], hide_in);
  out["reply"] = get(t, "reply");
  out["cooperating"] = get(t, "cooperating");
  out["transfers"] = number_or_null(get(t, "transfers"));
  out["reopened"] = number_or_null(get(t, "reopened"));
  out["extensions"] = number_or_null(get(t, "extensions"));
  out["escalation"] = json::object{{"level", number_or_null(get(t, "escalation_level"))},
                                   {"reason", get(t, "escalation_reason")}};
  out["requested_extension_days"] = number_or_null(get(t, "requested_extension_days"));
  out["transcript"] = parsed_or_null(get(t, "transcript"));
  hide_in(out["transcript"], hide_in);
  // The timeline, each line with who it was as people know them.
  auto timeline = parsed_or_null(get(t, "timeline"));
  std::map<std::string, std::string> names;
  if (timeline.is_array())
    for (auto& line : timeline.as_array()) {
      if (!line.is_object() || !line.as_object().contains("by") || !line.at("by").is_string()) continue;
      auto& o = line.as_object();
      const std::string by(o.at("by").as_string());
      std::string name;
      if (by == phone || by == address) {
        name = get(t, "name");
        o["by"] = "customer";
      } else if (call.directory) {
        if (const auto* m = call.directory->staff(by).second) name = m->name;
      }
      if (name.empty() && by.starts_with("agent-")) {
        if (!names.contains(by)) {
          auto n = co_await agents_.async_name(by);
          names[by] = n ? *n : std::string();
        }
        name = names[by];
      }
      o["by_name"] = name;
      // A department by its name, as people know it.
      if (call.directory && o.contains("what") && o.contains("text") && o.at("text").is_string() &&
          (o.at("what") == "dispatched" || o.at("what") == "transferred"))
        if (const auto* d = call.directory->find(std::string(o.at("text").as_string())))
          o["department_name"] = d->label(core::to_string(call.language));
    }
  hide_in(timeline, hide_in);
  out["timeline"] = std::move(timeline);
  auto res = call.json(json::serialize(out));
  res.set(http::field::etag, etag(tickets::version_of(t)));
  co_return res;
}

asio::awaitable<http::Response> Api::act(Call& call) {
  auto command = parse_action(call.action, call.request[http::field::content_type], call.request.body());
  if (auto* e = std::get_if<BodyError>(&command)) co_return refuse_body(call, *e);
  if (const auto* merge = std::get_if<tickets::Merge>(&std::get<tickets::Command>(command))) {
    auto original = co_await tickets_.async_get(merge->original);  // must exist, in scope
    if (!original) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    if (!*original || !call.in_scope(get(**original, "department")))
      co_return refuse_body(call, {ApiError::unprocessable, "into names no ticket " + merge->original, "into"});
  }
  // (Named first: GCC 12 destroys a lambda converted in a co_await expression twice.)
  std::function<Decided(const Decision&)> decide =
      [this, command = std::get<tickets::Command>(std::move(command))](const Decision& d) {
        return s_.desk.act(d.directory, d.actor, d.ticket, d.number, command, d.now, d.effects, d.notices);
      };
  auto response = co_await async_decide(call, call.params.at("number"), "", std::move(decide));
  co_return response;
}

asio::awaitable<http::Response> Api::handoff_act(Call& call) {
  const auto* spec = &handoff_specs().front();
  for (const auto& s : handoff_specs())
    if (s.action == call.action) spec = &s;
  auto parsed = parse_body(spec->fields, call.request[http::field::content_type], call.request.body());
  if (auto* e = std::get_if<BodyError>(&parsed)) co_return refuse_body(call, *e);
  const auto& fields = std::get<tickets::Args>(parsed);
  std::function<Decided(const Decision&)> decide;
  if (call.action == "register") {
    const auto category = tickets::arg_text(fields, "category");
    const auto known = s_.desk.categories();
    if (std::find(known.begin(), known.end(), category) == known.end()) {
      std::string list;
      for (const auto& c : known) list += (list.empty() ? "" : ", ") + c;
      co_return refuse_body(call, {ApiError::unprocessable, "category must be one of " + list, "category"});
    }
    decide = [this, category, description = tickets::arg_text(fields, "description")](const Decision& d) {
      return s_.desk.register_handoff(d.directory, d.actor, d.ticket, d.number, category, description,
                                      d.now, d.effects, d.notices);
    };
  } else {
    const auto action = call.action == "claim"   ? tickets::HandoffAction::claim
                        : call.action == "close" ? tickets::HandoffAction::close
                                                 : tickets::HandoffAction::write;
    decide = [this, action, text = tickets::arg_text(fields, "text")](const Decision& d) {
      return s_.desk.handoff_act(d.directory, d.actor, d.ticket, d.number, action, text, d.now,
                                 d.effects, d.notices);
    };
  }
  auto response = co_await async_decide(call, call.params.at("number"), "handoff", std::move(decide));
  co_return response;
}

http::Response Api::refuse_body(const Call& call, const BodyError& e) const {
  json::object details;
  if (!e.field.empty()) details["field"] = e.field;
  return call.error(e.error, e.message, details);
}

// An action on a ticket through the one use case (cases::DeskService): the console keeps only
// HTTP — the headers become the guard, the account the actor, the outcome a status and ETag.
asio::awaitable<http::Response> Api::async_decide(Call& call, std::string number,
                                                  std::string_view type,
                                                  std::function<Decided(const Decision&)> decide) {
  const std::string key(call.request["Idempotency-Key"]);
  if (key.size() > 200 || std::any_of(key.begin(), key.end(), [](char c) { return c < 0x21 || c > 0x7e; }))
    co_return call.error(ApiError::unprocessable, "Idempotency-Key must be 1-200 visible ASCII characters",
                         {{"field", "Idempotency-Key"}});
  if (!call.directory) co_return call.error(ApiError::conflict, "no directory of departments is stored");
  // The same person as by SMS when the account names a phone of the directory.
  cases::Actor actor{{call.account.id, "console", "", call.language, call.account.name},
                     call.account.id, call.account.role, "api"};
  if (!call.account.phone.empty())
    if (const auto* m = call.directory->staff(call.account.phone).second) {
      actor.staff.id = call.account.phone;
      actor.staff.role = m->role;
      actor.staff.name = m->name;
    }
  // A head decides as the head; an account of one department acts as its staff (a change of
  // handler is then a request, an answer needs the holder); an account over all departments
  // acts as the desk.
  if (call.account.role == "head") actor.staff.role = "head";
  else if (actor.staff.role.empty() && !call.all_departments) actor.staff.role = "staff";
  // Per ticket: an action on several (an incident's announcement) is retried ticket by ticket.
  // The key covers the request (the action and its body): the same key with another request
  // is a client's mistake, refused, never answered with the first request's answer.
  cases::Guard guard{if_match(call.request), key.empty() ? std::string() : key + ":" + number,
                     key.empty() ? std::string() : request_hash(call.action, call.request.body())};
  // A work order's actions do not apply to a conversation, nor a conversation's to a work order.
  const bool handoff = type == "handoff";
  cases::Accept accept = [&call, handoff](const tickets::Ticket& t) {
    return call.in_scope(t.order.department) && t.is_handoff() == handoff;
  };
  const auto& directory = *call.directory;
  cases::Decide decided = [&](const tickets::Ticket& ticket, std::int64_t now,
                              tickets::Effects& effects, std::vector<tickets::Notice>& notices) {
    return decide({directory, actor.staff, ticket, number, now, effects, notices});
  };
  cases::Request request{std::string(call.action), std::string(call.request.body())};
  auto outcome = co_await desk_service_.async_apply(number, actor, std::move(request),
                                                    std::move(guard), std::move(accept),
                                                    std::move(decided));
  using Kind = cases::Outcome::Kind;
  switch (outcome.kind) {
    case Kind::unavailable:
      co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    case Kind::not_found:
      co_return call.error(ApiError::not_found, "no ticket " + number);
    case Kind::refused:
      co_return call.error(ApiError::conflict, outcome.text, {{"reason", "refused"}});
    case Kind::conflict:
      co_return call.error(ApiError::conflict, "the ticket changed since you read it: read it again",
                           {{"version", number_or_null(outcome.version)}, {"reason", "version"}});
    case Kind::key_reused:
      co_return call.error(ApiError::unprocessable,
                           "Idempotency-Key reused with a different request (another action or body)",
                           {{"field", "Idempotency-Key"}});
    case Kind::applied:
    case Kind::repeated:
      break;
  }
  s_.queued(outcome.queued);
  auto res = call.json(json::serialize(json::object{
      {"ticket", number}, {"version", number_or_null(outcome.version)}, {"message", outcome.text}}));
  res.set(http::field::etag, etag(outcome.version));
  co_return res;
}

// The customer of a ticket: how they can be reached and everything they had with the desk
// (complaints, consultations, conversations), newest first, the repeats marked. Reached through
// a ticket so that no number is ever in a URL (or a log line).
asio::awaitable<http::Response> Api::get_customer(Call& call) {
  auto visible = co_await async_visible(call, call.params.at("number"));
  if (auto* refused = std::get_if<http::Response>(&visible)) co_return std::move(*refused);
  const auto& t = std::get<tickets::TicketFields>(visible);
  const auto owner = tickets::owner_of(tickets::ticket_from(t));
  const bool anonymous = get(t, "anonymous") == "1";
  auto shown = [&](const std::string& a) { return call.see_phones && !anonymous ? a : core::masked(a); };
  auto listed = co_await tickets_.async_customer_tickets(owner, 50);
  if (!listed) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  auto loaded = co_await tickets_.async_get_many(std::move(*listed));
  if (!loaded) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  json::array tickets;
  json::array contacts;
  std::set<std::string> seen;
  int complaints = 0, repeats = 0;
  const auto now = s_.clock.now_ms();
  for (auto& other : *loaded) {
    if (!other) continue;
    auto& o = *other;
    const auto contact = get(o, "channel") + " " + get(o, "address");
    if (seen.insert(contact).second)
      contacts.push_back(json::object{{"channel", get(o, "channel")}, {"address", shown(get(o, "address"))}});
    complaints += get(o, "type") == "complaint";
    repeats += !get(o, "repeat_of").empty();
    if (!call.in_scope(get(o, "department"))) continue;  // listed only where the caller may look
    tickets.push_back(summary(o, call.directory.get(), now,
                              s_.desk.category_label(get(o, "category"), call.language)));
  }
  json::object out{{"name", get(t, "name")},
                   {"phone", shown(get(t, "phone"))},
                   {"language", get(t, "language")},
                   {"anonymous", anonymous},
                   {"contacts", std::move(contacts)},
                   {"complaints", complaints},
                   {"repeats", repeats},
                   {"tickets", std::move(tickets)}};
  co_return call.json(json::serialize(out));
}

// Customers waiting for a person, oldest first, each with what they wrote last.
asio::awaitable<http::Response> Api::list_handoffs(Call& call) {
  auto queue = co_await tickets_.async_handoff_queue(100);
  if (!queue) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  std::vector<std::string> numbers;
  for (const auto& waiting : *queue) numbers.push_back(waiting.first);
  // What the customer wrote last: their dialog's transcript and the timeline's latest lines.
  auto loaded = co_await tickets_.async_get_many(std::move(numbers), 50);
  if (!loaded) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  json::array out;
  for (std::size_t i = 0; i < queue->size(); ++i) {
    const auto& number = (*queue)[i].first;
    if (!(*loaded)[i] || !call.in_scope(get(*(*loaded)[i], "department"))) continue;
    const auto& t = *(*loaded)[i];
    json::array recent;
    for (const auto* name : {"transcript", "timeline"}) {
      auto lines = parsed_or_null(get(t, name));
      if (!lines.is_array()) continue;
      for (auto& line : lines.as_array())
        if (line.is_object() && line.as_object().contains("text")) {
          auto& o = line.as_object();
          const auto* by = o.if_contains("by");
          const std::string who = by && by->is_string() ? std::string(by->as_string()) : "";
          const bool customer = who == "customer" || who == get(t, "address") || who == get(t, "phone");
          if (customer && o.at("text").is_string() && !o.at("text").as_string().empty())
            recent.push_back(json::string(call.see_phones
                                              ? std::string(o.at("text").as_string())
                                              : core::mask_phone_numbers(o.at("text").as_string())));
        }
    }
    while (recent.size() > 5) recent.erase(recent.begin());
    out.push_back(json::object{{"number", number},
                               {"version", number_or_null(tickets::version_of(t))},
                               {"waiting_since_ms", (*queue)[i].second},
                               {"customer_name", get(t, "name")},
                               {"channel", get(t, "channel")},
                               {"language", get(t, "language")},
                               {"recent", std::move(recent)}});
  }
  co_return call.json(json::serialize(json::object{{"handoffs", std::move(out)}}));
}

}  // namespace ombud::console
