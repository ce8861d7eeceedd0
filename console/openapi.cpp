// The OpenAPI 3.1 document of /api/v1 (tests check it against the routes the server has).

#include "console/api.hpp"
#include "console/requests.hpp"
#include "tickets/commands.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ombud::console {

namespace json = boost::json;

namespace {

json::object error_response(std::string_view description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json::object responses(std::initializer_list<std::pair<std::string_view, std::string_view>> extra,
                       std::string_view ok_schema) {
  json::object r{
      {"200", {{"description", "done"},
               {"content", {{"application/json", {{"schema", {{"$ref", ok_schema}}}}}}}}},
      {"401", error_response("no token, or a disabled or replaced one")},
      {"403", error_response("the role lacks the permission named in error.permission")},
      {"429", error_response("over the token's rate; see Retry-After")},
      {"503", error_response("the store is not answering; retry")}};
  for (const auto& [code, what] : extra) r[code] = error_response(what);
  return r;
}

// An action's body, as its specs say.
json::object action(std::string_view summary, std::string_view permission,
                    const std::vector<tickets::ArgSpec>& args) {
  json::object properties;
  json::array required;
  for (const auto& a : args) {
    json::object p;
    if (a.kind == tickets::ArgKind::text) {
      p["type"] = "string";
      if (a.required) p["minLength"] = 1;
    } else {
      p["type"] = a.kind == tickets::ArgKind::integer ? "integer" : "boolean";
    }
    if (!a.choices.empty()) {
      json::array choices;
      for (auto c : a.choices) choices.emplace_back(c);
      p["enum"] = std::move(choices);
    }
    if (a.min) p["minimum"] = *a.min;
    if (a.max) p["maximum"] = *a.max;
    if (!a.description.empty()) p["description"] = a.description;
    properties[a.name] = std::move(p);
    if (a.required) required.emplace_back(a.name);
  }
  json::object op{
      {"summary", summary},
      {"x-permission", permission},
      {"parameters",
       {{{"name", "number"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}},
        {{"name", "If-Match"},
         {"in", "header"},
         {"description", "the ticket's version (ETag) the action is decided on"},
         {"schema", {{"type", "string"}}}},
        {{"name", "Idempotency-Key"},
         {"in", "header"},
         {"description", "a retried request with the same key acts once and gets the first answer"},
         {"schema", {{"type", "string"}, {"maxLength", 200}}}}}},
      {"responses",
       responses({{"404", "no such ticket in the caller's scope"},
                  {"409", "refused (error.reason \"refused\": the same sentence as by SMS, in the "
                          "caller's language) or changed since read (\"version\")"},
                  {"415", "the body is not application/json"},
                  {"422", "a field is wrong, missing or unknown (error.field)"}},
                 "#/components/schemas/ActionResult")}};
  if (!properties.empty())
    op["requestBody"] = {
        {"required", !required.empty()},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"additionalProperties", false},
              {"properties", std::move(properties)},
              {"required", std::move(required)}}}}}}}};
  return {{"post", std::move(op)}};
}

json::value document() {
  json::object paths;
  paths["/api/v1/openapi.json"] = {{"get", {{"summary", "this document"}, {"security", json::array{}},
                                            {"responses", {{"200", {{"description", "OpenAPI 3.1"}}}}}}}};
  paths["/api/v1/me"] = {{"get", {{"summary", "the caller's account and permissions"},
                                  {"responses", responses({}, "#/components/schemas/Account")}}}};
  json::array list_params;
  for (const auto name : ticket_filters())
    list_params.push_back({{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
  for (const auto* name : {"limit", "cursor"})
    list_params.push_back({{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
  paths["/api/v1/tickets"] = {
      {"get",
       {{"summary", "tickets, newest first, filtered, a page at a time (next_cursor)"},
        {"x-permission", "tickets.read"},
        {"description",
         "state: a state or \"open\" (needs work); overdue/incident/repeat: true|false; due_before, "
         "created_from, created_to: unix ms; q: text in what the customer wrote; validity, "
         "responsibility, cause: a class's id (tickets.closing.classes); classified: true|false "
         "(has classes); close_requested: true|false (a department asked the desk to close it); "
         "declined: true|false (不予受理); legal: true|false (mentions arbitration or a court); "
         "revisit: due|overdue|done|call_list (回访); call_list: true|false (外呼表); "
         "parts_pending: true|false (a cooperating department has not reported its part). "
         "Agents and heads see their own department only."},
        {"parameters", std::move(list_params)},
        {"responses", responses({{"422", "an unknown or malformed query parameter (error.field)"}},
                                "#/components/schemas/TicketPage")}}}};
  {  // POST /api/v1/tickets: what the desk registers itself
    auto registration = action(
        "register a complaint, question or suggestion that came by phone, visit or letter (代理投诉 "
        "with proxy_name): dispatched like any other; the customer gets its number by SMS when a phone "
        "is given and they were not answered on the spot",
        "tickets.register", Api::registration_fields());
    auto op = registration["post"].as_object();
    op["parameters"] = json::array{
        {{"name", "Idempotency-Key"},
         {"in", "header"},
         {"description", "the same key from the same account registers once and answers with the same ticket"},
         {"schema", {{"type", "string"}, {"maxLength", 200}}}}};
    op["responses"] = responses({{"202", "stored but not processed yet: {registration, state: registering}"},
                                 {"415", "the body is not application/json"},
                                 {"422", "a field is wrong, missing or unknown (error.field)"}},
                                "#/components/schemas/Ticket");
    paths["/api/v1/tickets"].as_object()["post"] = std::move(op);
  }
  paths["/api/v1/tickets/{number}"] = {
      {"get",
       {{"summary", "one ticket with its timeline; ETag is its version"},
        {"x-permission", "tickets.read"},
        {"parameters",
         {{{"name", "number"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}},
        {"responses", responses({{"404", "no such ticket in the caller's scope"}},
                                "#/components/schemas/Ticket")}}}};
  paths["/api/v1/tickets/{number}/customer"] = {
      {"get",
       {{"summary", "the ticket's customer: contacts, every ticket they had (newest 50), repeats"},
        {"x-permission", "customers.read"},
        {"parameters",
         {{{"name", "number"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}},
        {"responses", responses({{"404", "no such ticket in the caller's scope"}},
                                "#/components/schemas/Customer")}}}};
  for (const auto& row : tickets::command_table())
    if (row.staff()) paths["/api/v1/tickets/{number}/" + std::string(row.name)] = action(row.summary, row.permission, row.args);
  paths["/api/v1/handoffs"] = {
      {"get", {{"summary", "customers waiting for a person (转人工), oldest first, with what they wrote last"},
               {"x-permission", "handoffs.work"},
               {"responses", responses({}, "#/components/schemas/Handoffs")}}}};
  for (const auto& spec : handoff_specs())
    paths["/api/v1/handoffs/{number}/" + std::string(spec.action)] = action(spec.summary, spec.permission, spec.fields);
  json::array id_param{{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}};
  paths["/api/v1/incidents"] = {
      {"get", {{"summary", "incidents (collective complaints), the latest first"},
               {"x-permission", "incidents.read"},
               {"responses", responses({}, "#/components/schemas/Incidents")}}}};
  paths["/api/v1/incidents/{id}"] = {
      {"get", {{"summary", "one incident with its tickets"},
               {"x-permission", "incidents.read"},
               {"parameters", id_param},
               {"responses", responses({{"404", "no such incident"}}, "#/components/schemas/Incident")}}}};
  auto text_body = [](std::initializer_list<const char*> names) {
    json::object props;
    for (const auto* n : names) props[n] = {{"type", "string"}};
    return json::object{{"required", true},
                        {"content", {{"application/json",
                                      {{"schema", {{"type", "object"}, {"additionalProperties", false},
                                                   {"minProperties", 1}, {"properties", std::move(props)}}}}}}}};
  };
  paths["/api/v1/incidents/{id}/record"] = {
      {"post", {{"summary", "record the cause and the action taken"},
                {"x-permission", "incidents.write"},
                {"parameters", id_param},
                {"requestBody", text_body({"cause", "action"})},
                {"responses", responses({{"404", "no such incident"}, {"415", "not application/json"},
                                         {"422", "a field is unknown, not text, or none is given"}},
                                        "#/components/schemas/Incident")}}}};
  paths["/api/v1/incidents/{id}/announce"] = {
      {"post", {{"summary", "tell every customer of the incident, in their language (Idempotency-Key: nobody twice)"},
                {"x-permission", "incidents.write"},
                {"parameters", id_param},
                {"requestBody", text_body({"zh", "en"})},
                {"responses", responses({{"404", "no such incident"}, {"415", "not application/json"},
                                         {"422", "neither zh nor en given"}},
                                        "#/components/schemas/Incident")}}}};
  paths["/api/v1/agents"] = {{"get", {{"summary", "console accounts"}, {"x-permission", "agents.manage"},
                                      {"responses", responses({}, "#/components/schemas/Agents")}}}};
  paths["/api/v1/departments"] = {
      {"get", {{"summary", "the directory of departments and its version"},
               {"x-permission", "directory.read"},
               {"responses", responses({{"404", "no directory stored"}}, "#/components/schemas/Directory")}}},
      {"put", {{"summary", "replace the directory (as `ombud departments import`): checked whole, versioned, logged"},
               {"x-permission", "directory.write"},
               {"requestBody", {{"required", true},
                                {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Directory"}}}}}}}}},
               {"responses", responses({{"415", "not application/json"},
                                        {"422", "not a directory, or its problems (error.problems)"}},
                                       "#/components/schemas/Directory")}}}};
  paths["/api/v1/events"] = {
      {"get",
       {{"summary", "server-sent events: every change to a ticket in the caller's scope"},
        {"x-permission", "events.read"},
        {"description",
         "text/event-stream; each event `ticket` has id (resume with Last-Event-ID: the missed "
         "events follow, each once) and data {ticket, department, state, type, version, level, "
         "last: the latest timeline line}. `reset` means events after Last-Event-ID were trimmed."},
        {"parameters", {{{"name", "Last-Event-ID"}, {"in", "header"}, {"schema", {{"type", "string"}}}}}},
        {"responses", {{"200", {{"description", "the stream"}, {"content", {{"text/event-stream", json::object{}}}}}},
                       {"401", error_response("no token, or a disabled or replaced one")},
                       {"403", error_response("the role lacks events.read")}}}}}};
  json::object error_schema{
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"message", {{"type", "string"}}},
            {"permission", {{"type", "string"}}},
            {"field", {{"type", "string"}}},
            {"reason", {{"type", "string"}}},
            {"version", {{"type", "integer"}}}}}}}}}};
  json::object open_object{{"type", "object"}};
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "ombud agent console API"}, {"version", "1"}}},
          {"security", {{{"bearer", json::array{}}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
            {"schemas",
             {{"Error", std::move(error_schema)},
              {"ActionResult",
               {{"type", "object"},
                {"properties",
                 {{"ticket", {{"type", "string"}}},
                  {"version", {{"type", "integer"}}},
                  {"message", {{"type", "string"}}}}}}},
              {"Account", open_object},
              {"Agents", open_object},
              {"Directory", open_object},
              {"Handoffs", open_object},
              {"Customer", open_object},
              {"Incident", open_object},
              {"Incidents", open_object},
              {"Ticket", open_object},
              {"TicketPage",
               {{"type", "object"},
                {"properties",
                 {{"tickets", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Ticket"}}}}},
                  {"next_cursor", {{"type", {"string", "null"}}}}}}}}}}}}};
}

}  // namespace

const std::string& Api::openapi_document() {
  static const std::string text = json::serialize(document());
  return text;
}

}  // namespace ombud::console
