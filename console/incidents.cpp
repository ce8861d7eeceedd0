// Incidents (collective complaints, sudden events): the list, one with its tickets, what was
// found (cause, action taken), and an announcement to every customer of it.

#include "console/api.hpp"
#include "console/call.hpp"
#include "console/requests.hpp"
#include "console/settings.hpp"

#include "core/text.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>

namespace ombud::console {

namespace asio = boost::asio;
namespace json = boost::json;
using http::ApiError;

namespace {

std::vector<std::string> tickets_of(const std::map<std::string, std::string>& incident) {
  std::vector<std::string> out;
  auto it = incident.find("tickets");
  if (it == incident.end()) return out;
  std::string_view rest(it->second);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (comma != 0) out.emplace_back(rest.substr(0, comma));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

std::string join(const std::vector<std::string>& numbers) {
  std::string out;
  for (const auto& n : numbers) out += (out.empty() ? "" : ",") + n;
  return out;
}

json::value as_number(const std::map<std::string, std::string>& f, const std::string& name) {
  auto it = f.find(name);
  long long v = 0;
  if (it == f.end() || std::from_chars(it->second.data(), it->second.data() + it->second.size(), v).ec != std::errc())
    return nullptr;
  return v;
}

json::object incident_json(const std::map<std::string, std::string>& f, const std::string& label) {
  auto get = [&](const char* name) {
    auto it = f.find(name);
    return it == f.end() ? std::string() : it->second;
  };
  json::array tickets;
  for (const auto& n : tickets_of(f)) tickets.emplace_back(n);
  return {{"id", get("id")},
          {"category", get("category")},
          {"category_label", label},
          {"summary", get("summary")},
          {"customers", as_number(f, "customers")},
          {"tickets", std::move(tickets)},
          {"updated_ms", as_number(f, "updated_ms")},
          {"cause", get("cause")},
          {"action", get("action")},
          {"recorded_by", get("recorded_by")},
          {"recorded_ms", as_number(f, "recorded_ms")},
          {"announced", get("announced")}};
}

// A body of `spec`'s text fields (all optional), at least one of them given and not blank.
std::variant<std::map<std::string, std::string>, BodyError> texts_of(const ActionSpec& spec,
                                                                    const Api::Call& call) {
  auto parsed = parse_body(spec.fields, call.request[http::field::content_type], call.request.body());
  if (auto* e = std::get_if<BodyError>(&parsed)) return std::move(*e);
  std::map<std::string, std::string> out;
  for (const auto& f : spec.fields)
    if (auto text = tickets::arg_text(std::get<tickets::Args>(parsed), f.name); !core::normalize(text).empty())
      out[std::string(f.name)] = std::move(text);
  if (!out.empty()) return out;
  std::string names;
  for (const auto& f : spec.fields) names += (names.empty() ? "" : " and/or ") + std::string(f.name);
  return BodyError{ApiError::unprocessable, "give " + names, std::string(spec.fields.front().name)};
}

const ActionSpec kRecordSpec{"record", permission::incidents_write,
                             {{"cause"}, {"action"}}};
const ActionSpec kAnnounceSpec{"announce", permission::incidents_write,
                               {{"zh"}, {"en"}}};

}  // namespace

// An incident follows department scope: a caller of one department sees one only when some of
// its tickets are their department's, and of its tickets only those.
asio::awaitable<boost::system::result<std::vector<std::string>>> Api::async_tickets_in_scope(
    const Call& call, std::vector<std::string> numbers) {
  if (call.all_departments) co_return numbers;
  auto loaded = co_await tickets_.async_get_many(numbers);
  if (!loaded) co_return loaded.error();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < numbers.size(); ++i)
    if ((*loaded)[i] && call.in_scope((*(*loaded)[i])["department"])) out.push_back(std::move(numbers[i]));
  co_return out;
}

asio::awaitable<http::Response> Api::list_incidents(Call& call) {
  auto latest = co_await incidents_.async_latest(100);
  if (!latest) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  json::array out;
  for (auto& f : *latest) {
    auto scoped = co_await async_tickets_in_scope(call, tickets_of(f));
    if (!scoped) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    if (scoped->empty()) continue;
    f["tickets"] = join(*scoped);
    const auto category = f.count("category") ? f.at("category") : std::string();
    out.push_back(incident_json(f, s_.desk.category_label(category, call.language)));
  }
  co_return call.json(json::serialize(json::object{{"incidents", std::move(out)}}));
}

asio::awaitable<http::Response> Api::get_incident(Call& call) {
  const auto id = call.params.at("id");
  auto incident = co_await incidents_.async_get(id);
  if (!incident) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (!*incident) co_return call.error(ApiError::not_found, "no incident " + id);
  const auto& f = **incident;
  auto scoped = co_await async_tickets_in_scope(call, tickets_of(f));
  if (!scoped) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (scoped->empty()) co_return call.error(ApiError::not_found, "no incident " + id);
  auto visible = f;
  visible["tickets"] = join(*scoped);
  const auto category = f.count("category") ? f.at("category") : std::string();
  auto out = incident_json(visible, s_.desk.category_label(category, call.language));
  json::array tickets;
  auto details = co_await tickets_.async_get_many(*scoped);
  if (!details) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  for (auto& t : *details) {
    if (!t) continue;
    auto& fields = *t;
    tickets.push_back(json::object{{"number", fields["number"]},
                                   {"state", fields["state"]},
                                   {"department", fields["department"]},
                                   {"level", as_number(fields, "level")},
                                   {"customer_name", fields["name"]},
                                   {"created_ms", as_number(fields, "created_ms")}});
  }
  out["ticket_details"] = std::move(tickets);
  co_return call.json(json::serialize(out));
}

asio::awaitable<http::Response> Api::record_incident(Call& call) {
  const auto id = call.params.at("id");
  auto parsed = texts_of(kRecordSpec, call);
  if (auto* e = std::get_if<BodyError>(&parsed)) co_return refuse_body(call, *e);
  const auto& texts = std::get<std::map<std::string, std::string>>(parsed);
  if (!call.all_departments) {  // only an incident of the caller's department
    auto incident = co_await incidents_.async_get(id);
    if (!incident) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    if (!*incident) co_return call.error(ApiError::not_found, "no incident " + id);
    auto numbers = tickets_of(**incident);
    auto scoped = co_await async_tickets_in_scope(call, std::move(numbers));
    if (!scoped) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
    if (scoped->empty()) co_return call.error(ApiError::not_found, "no incident " + id);
  }
  const auto at = s_.clock.now_ms();
  // (An incident's id is the number of its first ticket.)
  store::AuditLine audit{at, call.account.id, call.account.name, call.account.role, "api",
                         "incident-record", id, "", call.request.body()};
  std::vector<std::pair<std::string, std::string>> recorded(texts.begin(), texts.end());
  auto r = co_await incidents_.async_record(id, std::move(recorded), call.account.name, at,
                                            std::move(audit));
  if (!r) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (!*r) co_return call.error(ApiError::not_found, "no incident " + id);
  co_return call.json(json::serialize(json::object{{"incident", id}, {"recorded_ms", at}}));
}

// Every customer of the incident is told, in their language, on their channel; each ticket's
// timeline has it. With an Idempotency-Key a retry tells nobody twice.
asio::awaitable<http::Response> Api::announce_incident(Call& call) {
  const auto id = call.params.at("id");
  auto parsed = texts_of(kAnnounceSpec, call);
  if (auto* e = std::get_if<BodyError>(&parsed)) co_return refuse_body(call, *e);
  auto& texts = std::get<std::map<std::string, std::string>>(parsed);
  const core::LocalizedText text{texts["zh"], texts["en"]};
  auto incident = co_await incidents_.async_get(id);
  if (!incident) co_return call.error(ApiError::unavailable, "the store is not answering; try again");
  if (!*incident) co_return call.error(ApiError::not_found, "no incident " + id);
  json::array told, not_told;
  for (const auto& n : tickets_of(**incident)) {
    std::function<Decided(const Decision&)> decide = [this, text](const Decision& d) {
      return s_.desk.announce(d.actor, d.ticket, d.number, text, d.now, d.effects, d.notices);
    };
    auto r = co_await async_decide(call, n, "", std::move(decide));
    if (r.result() == http::status::ok)
      told.emplace_back(n);
    else
      not_told.emplace_back(n);
  }
  co_await incidents_.async_mark_announced(id, s_.clock.now_ms());
  co_return call.json(json::serialize(json::object{{"incident", id}, {"told", std::move(told)},
                                                   {"not_told", std::move(not_told)}}));
}

}  // namespace ombud::console
