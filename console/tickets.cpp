// The ticket endpoints: listing, one ticket with its timeline, and the actions.

#include "console/api.hpp"
#include "console/call.hpp"
#include "console/requests.hpp"
#include "console/views.hpp"

#include "channels/common/form.hpp"
#include "core/text.hpp"
#include "tickets/ticket.hpp"
#include "tickets/typed_ticket.hpp"
#include "tickets/vocabulary.hpp"
#include "tickets/work_order.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <set>

namespace ombud::console {

namespace asio = boost::asio;
namespace json = boost::json;
using http::ApiError;

namespace {

json::value number_or_null(const std::string& text) {
  if (auto n = number_of(text)) return *n;
  return nullptr;
}

json::value parsed_or_null(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return nullptr;
  return v;
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

}  // namespace

asio::awaitable<http::Response> Api::list_tickets(Call& call) {
  static const std::set<std::string, std::less<>> kFilters(ticket_filters().begin(),
                                                           ticket_filters().end());
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
      if ((name == "overdue" || name == "incident" || name == "repeat" || name == "classified" ||
           name == "close_requested" || name == "declined" || name == "legal" || name == "call_list" ||
           name == "parts_pending") &&
          value != "true" && value != "false")
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
      if (name == "revisit" && value != "due" && value != "overdue" && value != "done" && value != "call_list")
        co_return bad("must be due, overdue, done or call_list");
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
  for (const auto& fields : page->tickets) {
    const auto t = tickets::ticket_from(fields);
    items.push_back(json::value_from(
        summary_of(t, call.directory.get(), now, s_.desk, call.language)));
  }
  json::value next = nullptr;
  if (!page->next_score.empty()) next = page->next_score + "." + std::to_string(page->next_skip);
  co_return call.json(json::serialize(json::object{{"tickets", std::move(items)}, {"next_cursor", next}}));
}

asio::awaitable<std::variant<tickets::Ticket, http::Response>> Api::async_visible(
    Call& call, std::string number) {
  auto loaded = co_await tickets_.async_get(number);
  if (!loaded) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (!*loaded) co_return call.error(ApiError::not_found, "no ticket " + number);
  auto ticket = tickets::ticket_from(**loaded);
  if (!call.in_scope(ticket.order.department)) co_return call.error(ApiError::not_found, "no ticket " + number);
  ticket.number = number;
  co_return std::move(ticket);
}

asio::awaitable<http::Response> Api::get_ticket(Call& call) {
  const auto number = call.params.at("number");
  auto visible = co_await async_visible(call, number);
  if (auto* refused = std::get_if<http::Response>(&visible)) co_return std::move(*refused);
  const auto& t = std::get<tickets::Ticket>(visible);
  const auto& phone = t.phone;
  const auto& address = t.address;
  // Numbers in full for the roles that need them, and for the person the ticket is with (who is
  // sent it by SMS to call the customer back); never for an anonymous customer.
  const bool full = !t.anonymous && (call.see_phones || (!call.account.phone.empty() &&
                                                         call.account.phone == t.order.responsible));
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
  const auto& o = t.order;
  std::string cooperating;
  for (const auto& c : o.cooperating) cooperating += (cooperating.empty() ? "" : ",") + c;
  TicketDetail detail{{t.name, shown(phone), t.channel, shown(address), t.language, t.anonymous},
                      parsed_or_null(t.slots_json),
                      o.reply,
                      cooperating,
                      o.transfers,
                      o.reopened,
                      o.extensions,
                      {o.escalation ? std::optional<std::int64_t>(o.escalation->level) : std::nullopt,
                       o.escalation ? o.escalation->reason : std::string()},
                      o.requested_extension_days,
                      parsed_or_null(t.transcript_json),
                      {},
                      survey_of(t),
                      closing_of(t, call.directory.get()),
                      revisit_of(t),
                      parts_of(t, call.directory.get(), call.language)};
  hide_in(detail.description, hide_in);
  hide_in(detail.transcript, hide_in);
  // The timeline, each line with who it was as people know them.
  std::map<std::string, std::string> names;
  for (const auto& e : o.timeline) {
    TimelineLine line{e.at_ms, e.actor, e.channel, e.what, e.text, {}, std::nullopt};
    if (!e.actor.empty() && (e.actor == phone || e.actor == address)) {
      line.by = "customer";
      line.by_name = t.name;
    } else if (call.directory) {
      if (const auto* m = call.directory->staff(e.actor).second) line.by_name = m->name;
    }
    if (line.by_name.empty() && e.actor.starts_with("agent-")) {
      if (!names.contains(e.actor)) {
        auto n = co_await agents_.async_name(e.actor);
        names[e.actor] = n ? *n : std::string();
      }
      line.by_name = names[e.actor];
    }
    // A department by its name, as people know it.
    if (call.directory && (e.what == "dispatched" || e.what == "transferred"))
      if (const auto* d = call.directory->find(e.text))
        line.department_name = d->label(core::to_string(call.language));
    detail.timeline.push_back(std::move(line));
  }
  const auto summary = json::value_from(summary_of(t, call.directory.get(), s_.clock.now_ms(), s_.desk, call.language));
  auto out = summary.as_object();
  auto details = json::value_from(detail);  // (named: a range over a temporary's member dangles)
  for (auto& [key, value] : details.as_object()) out[key] = std::move(value);
  hide_in(out["timeline"], hide_in);  // (staff phones too)
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
    if (!*original || !call.in_scope(tickets::ticket_from(**original).order.department))
      co_return refuse_body(call, {ApiError::unprocessable, "into names no ticket " + merge->original, "into"});
  }
  // The register's classes are the organisation's: checked here for a 422 naming the field.
  const auto& parsed = std::get<tickets::Command>(command);
  const auto* close = std::get_if<tickets::Close>(&parsed);
  const auto* classify = std::get_if<tickets::Classify>(&parsed);
  if (close || classify) {
    const auto problem = s_.desk.check_classes(close ? close->classes : classify->classes,
                                               call.params.at("number"), call.language);
    if (problem) co_return refuse_body(call, {ApiError::unprocessable, problem->text, problem->field});
  }
  if (const auto* decline = std::get_if<tickets::Decline>(&parsed);
      decline && s_.desk.acceptance().find(decline->reason) == nullptr) {
    std::string ids;
    for (const auto& r : s_.desk.acceptance().reasons) ids += (ids.empty() ? "" : ", ") + r.id;
    co_return refuse_body(call, {ApiError::unprocessable, "reason must be one of " + ids, "reason"});
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
  const auto& t = std::get<tickets::Ticket>(visible);
  auto shown = [&](const std::string& a) { return call.see_phones && !t.anonymous ? a : core::masked(a); };
  auto listed = co_await tickets_.async_customer_tickets(tickets::owner_of(t), 50);
  if (!listed) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  auto loaded = co_await tickets_.async_get_many(std::move(*listed));
  if (!loaded) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  CustomerPage page{t.name, shown(t.phone), t.language, t.anonymous, {}, 0, 0, {}};
  std::set<std::string> seen;
  const auto now = s_.clock.now_ms();
  for (auto& fields : *loaded) {
    if (!fields) continue;
    const auto other = tickets::ticket_from(*fields);
    if (seen.insert(other.channel + " " + other.address).second)
      page.contacts.push_back({other.channel, shown(other.address)});
    page.complaints += other.type == "complaint";
    page.repeats += !other.repeat_of.empty();
    if (!call.in_scope(other.order.department)) continue;  // listed only where the caller may look
    page.tickets.push_back(summary_of(other, call.directory.get(), now, s_.desk, call.language));
  }
  co_return call.json(json::serialize(json::value_from(page)));
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
  std::vector<HandoffView> out;
  for (std::size_t i = 0; i < queue->size(); ++i) {
    if (!(*loaded)[i]) continue;
    const auto t = tickets::ticket_from(*(*loaded)[i]);
    if (!call.in_scope(t.order.department)) continue;
    HandoffView view{(*queue)[i].first, number_of(tickets::version_of(t)), (*queue)[i].second,
                     t.name, t.channel, t.language, {}};
    auto said = [&](const std::string& who, const std::string& text) {
      const bool customer = who == "customer" || who == t.address || who == t.phone;
      if (customer && !text.empty())
        view.recent.push_back(call.see_phones ? text : core::mask_phone_numbers(text));
    };
    // (The dialog's transcript is its own JSON: lines with "by" and "text".)
    if (auto lines = parsed_or_null(t.transcript_json); lines.is_array())
      for (const auto& line : lines.as_array()) {
        const auto* o = line.if_object();
        const auto* by = o ? o->if_contains("by") : nullptr;
        const auto* text = o ? o->if_contains("text") : nullptr;
        if (text && text->is_string())
          said(by && by->is_string() ? std::string(by->as_string()) : std::string(),
               std::string(text->as_string()));
      }
    for (const auto& e : t.order.timeline) said(e.actor, e.text);
    while (view.recent.size() > 5) view.recent.erase(view.recent.begin());
    out.push_back(std::move(view));
  }
  co_return call.json(json::serialize(json::object{{"handoffs", json::value_from(out)}}));
}

}  // namespace ombud::console
