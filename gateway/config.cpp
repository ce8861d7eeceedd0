#include "gateway/config.hpp"

#include "channels/registry.hpp"
#include "console/settings.hpp"
#include "core/config_reader.hpp"
#include "dialog/config.hpp"
#include "tickets/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ombud::gateway {
namespace {

// Staff are told by SMS: on tickets.notify's channel, else the first channel whose addresses
// are phone numbers.
void default_notify_route(core::Reader& r, Config& c) {
  auto& route = c.tickets.notify;
  if (route.channel.empty()) {
    for (const auto& channel : c.channels.all())
      if (channel->capabilities().phone_addresses) {
        route = {std::string(channel->name()), channel->accounts().front()};
        return;
      }
    return;  // no SMS channel: config_warnings says so
  }
  const auto* channel = c.channels.find(route.channel);
  if (channel == nullptr || !channel->capabilities().phone_addresses)
    return r.problem("tickets.notify.channel", "must name a configured channel that sends SMS");
  const auto accounts = channel->accounts();
  if (route.account.empty())
    route.account = accounts.front();
  else if (std::find(accounts.begin(), accounts.end(), route.account) == accounts.end())
    r.problem("tickets.notify.account", "is not an account of " + route.channel);
}

// The file as each module reads its own section. Order matters where one section needs
// another: channels need the server's public URL and the opt-out words.
void read_sections(core::Reader& r, const YAML::Node& yaml, Config& c) {
  core::Section root(r, yaml, "");
  std::string data_dir;
  root.get("organisation", c.organisation);
  root.get("data_dir", data_dir);
  if (!data_dir.empty()) c.data_dir = data_dir;
  root.get("log_level", c.log_level);
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error")
    r.problem("log_level", "must be debug, info, warn or error");
  if (!root.has("server")) r.problem("server", "is required");
  http::read_server_config(root.section("server"), c.server);
  app::read_app_sections(root, c);
  const auto base = c.file.parent_path();
  tickets::read_tickets(root.section("tickets"), base,
                        {c.tickets, c.dialog.ticket_prefix, c.dialog.ticket_serial_digits, c.timezone});
  // "{ticket}" in a reply counts as the number it becomes when replies are split.
  c.dialog.sms.ticket_chars =
      static_cast<int>(c.dialog.ticket_prefix.size()) + 6 + c.dialog.ticket_serial_digits;
  if (!root.has("dialog")) r.problem("dialog", "is required");
  dialog::read_settings(root.section("dialog"), base, c.dialog);
  channels::read_channels(root.section("channels"), {c.server.public_base_url, c.opt_words},
                          c.channels);
  if (c.channels.empty()) r.problem("channels", "configures no channel account");
  {
    auto section = root.section("console");
    c.console = console::read_settings(section);
  }
  default_notify_route(r, c);
}

}  // namespace

Config parse_config(const std::string& yaml, const std::filesystem::path& name) {
  core::Reader r(name.string());
  Config c;
  c.file = name;
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw ConfigError({name.string() + ": " + e.what()});
  }
  // A value of a shape the readers did not expect (a map where a name belongs, a complex
  // key) is one more problem with its position, never an escaping exception.
  try {
    read_sections(r, root, c);
  } catch (const YAML::Exception& e) {
    r.problem("(line " + std::to_string(e.mark.line + 1) + ")", e.msg);
  }
  if (!r.problems().empty()) throw ConfigError(std::move(r.problems()));
  if (c.data_dir.is_relative()) c.data_dir = name.parent_path() / c.data_dir;
  return c;
}

Config load_config(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw ConfigError({file.string() + ": cannot be read"});
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file);
}

void load_calendar(const std::filesystem::path& dir, tickets::BusinessCalendar& calendar) {
  core::Reader r(dir.string());
  tickets::read_calendar_dir(r, dir, calendar);
  if (!r.problems().empty()) throw ConfigError(std::move(r.problems()));
}

std::vector<std::string> config_warnings(const Config& c, std::int64_t now_ms) {
  std::vector<std::string> out;
  const auto& calendar = c.tickets.calendar;
  const int year = calendar.local_date(now_ms).year;
  for (int y : {year, year + 1}) {
    auto it = calendar.years.find(y);
    if (it == calendar.years.end())
      out.push_back("tickets.calendar: no holidays for " + std::to_string(y) +
                    ": limits in it count every working weekday; add calendar/" +
                    std::to_string(y) + ".yaml from the State Council's notice");
    else if (!it->second.complete)
      out.push_back("tickets.calendar: " + std::to_string(y) +
                    " is incomplete (complete: false): " + it->second.source);
  }
  const auto* flow = c.dialog.flows.flow(c.dialog.complaint_flow);
  if (c.tickets.notify.channel.empty())
    out.push_back("channels: none sends SMS: staff cannot be told of tickets (configure a twilio "
                  "account, or tickets.notify)");
  if (!c.tickets.directory_seed) {
    out.push_back("tickets.departments: not set: complaints stay registered (待分派) and nobody is "
                  "told, unless a directory was imported");
  } else if (flow) {
    for (const auto& [id, step] : flow->steps)
      if (step.slot == c.dialog.classifier.category_slot)
        for (const auto& o : step.options) {
          const auto& directory = *c.tickets.directory_seed;
          const bool ruled = std::any_of(directory.routing.begin(), directory.routing.end(),
                                         [&](const auto& rule) { return rule.category == o.value; });
          const auto route = directory.route(o.value, "");
          if (route.lead == nullptr)
            out.push_back("tickets.departments: category '" + o.value + "' (" + o.label.zh +
                          ") routes to no department: its complaints reach nobody");
          else if (!ruled)
            out.push_back("tickets.departments: category '" + o.value + "' (" + o.label.zh +
                          ") has no routing rule: it goes to the default department, " +
                          route.lead->name);
        }
  }
  return out;
}

}  // namespace ombud::gateway
