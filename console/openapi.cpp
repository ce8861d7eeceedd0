// The OpenAPI 3.1 document of /api/v1 (tests check it against the routes the server has).

#include "console/api.hpp"

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

json::object text_field(std::string_view description) {
  return {{"type", "string"}, {"minLength", 1}, {"description", description}};
}

json::object action(std::string_view summary, std::string_view permission,
                    json::object properties, json::array required) {
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
  for (const auto* name : {"state", "department", "level", "category", "channel", "type", "overdue",
                           "due_before", "created_from", "created_to", "incident", "repeat", "q",
                           "limit", "cursor"})
    list_params.push_back({{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
  paths["/api/v1/tickets"] = {
      {"get",
       {{"summary", "tickets, newest first, filtered, a page at a time (next_cursor)"},
        {"x-permission", "tickets.read"},
        {"description",
         "state: a state or \"open\" (needs work); overdue/incident/repeat: true|false; due_before, "
         "created_from, created_to: unix ms; q: text in what the customer wrote. Agents and heads "
         "see their own department only."},
        {"parameters", std::move(list_params)},
        {"responses", responses({{"422", "an unknown or malformed query parameter (error.field)"}},
                                "#/components/schemas/TicketPage")}}}};
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
  auto p = "/api/v1/tickets/{number}/";
  paths[std::string(p) + "sign-for"] = action("sign for (签收)", "tickets.work", {}, {});
  paths[std::string(p) + "reply"] = action("answer with the result (回复)", "tickets.work",
                                           {{"result", text_field("the result for the customer")}}, {"result"});
  paths[std::string(p) + "note"] = action("a follow-up note (跟进)", "tickets.work",
                                          {{"text", text_field("the note")}}, {"text"});
  paths[std::string(p) + "appoint"] = action("an appointment, told to the customer (预约)", "tickets.work",
                                             {{"text", text_field("when and what")}}, {"text"});
  paths[std::string(p) + "extend"] = action(
      "extend the reply limit (延期; a request for the head where extensions need approval)", "tickets.work",
      {{"days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 60}}}, {"reason", {{"type", "string"}}}},
      {"days"});
  paths[std::string(p) + "transfer"] = action(
      "pass to another department (转派)", "tickets.transfer",
      {{"department", text_field("its id or name")}, {"reason", text_field("why")}}, {"department", "reason"});
  paths[std::string(p) + "approve"] = action("approve the request waiting: an extension or a change of handler (批准)", "tickets.approve", {}, {});
  paths[std::string(p) + "reject"] = action("reject the request waiting (驳回)", "tickets.approve",
                                                      {{"reason", text_field("why")}}, {"reason"});
  paths[std::string(p) + "audit"] = action(
      "approve an answer for the customer, or send it back (审核)", "tickets.audit",
      {{"approved", {{"type", "boolean"}}}, {"comment", {{"type", "string"}, {"description", "required when sent back"}}}},
      {"approved"});
  paths[std::string(p) + "close"] = action(
      "close after the result (结案), classified as the register does", "tickets.close",
      {{"validity", {{"enum", {"valid", "invalid"}}, {"description", "有效 / 无效"}}},
       {"responsibility", {{"enum", {"responsible", "not_responsible", "assisting"}},
                           {"description", "责任 / 无责任 / 协助处理"}}}},
      {"validity", "responsibility"});
  paths[std::string(p) + "merge"] = action("merge a duplicate into the ticket it repeats; its customer is told",
                                           "tickets.close", {{"into", text_field("the original's number")}}, {"into"});
  paths[std::string(p) + "assign"] = action(
      "give it to another person of its department (改派; they sign for it anew): directly by the head or "
      "the desk, a request for the head's approval from the department's staff",
      "tickets.work",
      {{"to", text_field("their name or phone, as in the directory")}, {"reason", text_field("why")}}, {"to"});
  paths[std::string(p) + "follow-up"] = action(
      "a follow-up call's outcome (回访)", "tickets.work",
      {{"outcome", {{"enum", {"appointment", "not_yet_solved", "solved_in_days", "dissatisfied"}}}},
       {"days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 60}, {"description", "with solved_in_days"}}},
       {"text", {{"type", "string"}}}},
      {"outcome"});
  paths[std::string(p) + "reopen"] = action("reopen (重新处理)", "tickets.close",
                                            {{"reason", text_field("why")}}, {"reason"});
  paths["/api/v1/handoffs"] = {
      {"get", {{"summary", "customers waiting for a person (转人工), oldest first, with what they wrote last"},
               {"x-permission", "handoffs.work"},
               {"responses", responses({}, "#/components/schemas/Handoffs")}}}};
  auto h = "/api/v1/handoffs/{number}/";
  paths[std::string(h) + "claim"] = action("take the conversation: its messages come to you", "handoffs.work", {}, {});
  paths[std::string(h) + "messages"] = action("write to the customer on their channel, as you",
                                              "handoffs.work", {{"text", text_field("the message")}}, {"text"});
  paths[std::string(h) + "close"] = action("end it: the customer is handed back to the bot", "handoffs.work", {}, {});
  paths[std::string(h) + "register"] = action(
      "turn it into a complaint (登记为投诉): the same number, dispatched like one from the intake; the "
      "customer is told its department and due date and handed back to the bot",
      "handoffs.work",
      {{"category", text_field("a category of the complaint flow (422 lists them)")},
       {"description", text_field("the matter, in your words")}},
      {"category", "description"});
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
