#include "gateway/config.hpp"

#include <algorithm>

#include <cctype>

#include "core/config_reader.hpp"
#include "gateway/detail/config_sections.hpp"
#include "channels/registry.hpp"

#include <yaml-cpp/yaml.h>
#include <boost/url/parse.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace ombud::gateway {
namespace {

using core::Reader;

void read_server(core::Reader& r, const YAML::Node& n, http::ServerConfig& s) {
  if (!r.expect_map(n, "server",
                    {"host", "port", "public_base_url", "threads", "max_body_bytes",
                     "max_header_bytes", "read_timeout_ms", "shutdown_grace_ms",
                     "max_connections", "metrics_token"}))
    return;
  r.get(n, "server", "host", s.host);
  r.get(n, "server", "port", s.port);
  r.get(n, "server", "public_base_url", s.public_base_url, true);
  r.get(n, "server", "threads", s.threads);
  r.get(n, "server", "max_body_bytes", s.max_body_bytes);
  r.get(n, "server", "max_header_bytes", s.max_header_bytes);
  r.get(n, "server", "read_timeout_ms", s.read_timeout);
  r.get(n, "server", "shutdown_grace_ms", s.shutdown_grace);
  r.get(n, "server", "max_connections", s.max_connections);
  r.get(n, "server", "metrics_token", s.metrics_token);
  if (s.max_connections < 1) r.problem("server.max_connections", "must be at least 1");
  while (!s.public_base_url.empty() && s.public_base_url.back() == '/')
    s.public_base_url.pop_back();
  if (!s.public_base_url.empty() && !boost::urls::parse_absolute_uri(s.public_base_url))
    r.problem("server.public_base_url", "is not an absolute URL");
}

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
    return;  // no SMS channel: config_warnings says so when there are departments
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

void read_sections(core::Reader& r, const YAML::Node& root, Config& c) {
  std::string data_dir;
  r.get(root, "", "organisation", c.organisation);
  r.get(root, "", "data_dir", data_dir);
  if (!data_dir.empty()) c.data_dir = data_dir;
  r.get(root, "", "log_level", c.log_level);

  if (root["server"])
    read_server(r, root["server"], c.server);
  else
    r.problem("server", "is required");

  if (auto n = root["redis"];
      n && r.expect_map(n, "redis", {"url", "prefix", "command_timeout_ms"})) {
    r.get(n, "redis", "url", c.redis.url);
    r.get(n, "redis", "prefix", c.redis.prefix);
    r.get(n, "redis", "command_timeout_ms", c.redis.command_timeout);
  }
  if (auto n = root["inbox"];
      n &&
      r.expect_map(n, "inbox", {"partitions", "workers", "dedup_ttl_s", "lease_ms", "batch",
                                     "recheck_ms"})) {
    r.get(n, "inbox", "partitions", c.inbox.partitions);
    r.get(n, "inbox", "workers", c.inbox.workers);
    r.get(n, "inbox", "dedup_ttl_s", c.inbox.dedup_ttl);
    r.get(n, "inbox", "lease_ms", c.inbox.lease);
    r.get(n, "inbox", "batch", c.inbox.batch);
    r.get(n, "inbox", "recheck_ms", c.inbox.recheck);
  }
  if (auto n = root["outbox"];
      n && r.expect_map(n, "outbox",
                        {"workers", "max_attempts", "backoff_initial_ms", "backoff_max_ms",
                         "claim_idle_ms", "send_timeout_ms", "concurrency"})) {
    r.get(n, "outbox", "workers", c.outbox.workers);
    r.get(n, "outbox", "max_attempts", c.outbox.max_attempts);
    r.get(n, "outbox", "backoff_initial_ms", c.outbox.backoff_initial);
    r.get(n, "outbox", "backoff_max_ms", c.outbox.backoff_max);
    r.get(n, "outbox", "claim_idle_ms", c.outbox.claim_idle);
    r.get(n, "outbox", "send_timeout_ms", c.outbox.send_timeout);
    r.get(n, "outbox", "concurrency", c.outbox.concurrency);
  }
  if (auto n = root["limits"];
      n && r.expect_map(n, "limits",
                        {"replies_per_sender", "reply_window_s", "auto_reply_markers"})) {
    r.get(n, "limits", "replies_per_sender", c.limits.replies_per_sender);
    r.get(n, "limits", "reply_window_s", c.limits.reply_window);
    r.get_list(n, "limits", "auto_reply_markers", c.limits.auto_reply_markers);
  }
  if (auto n = root["opt_out"];
      n && r.expect_map(n, "opt_out", {"stop_words", "start_words"})) {
    r.get_list(n, "opt_out", "stop_words", c.opt_words.stop);
    r.get_list(n, "opt_out", "start_words", c.opt_words.start);
    for (auto* list : {&c.opt_words.stop, &c.opt_words.start})
      for (auto& w : *list)
        for (auto& ch : w) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (auto n = root["replies"]; n && r.expect_map(n, "replies", {"opted_out", "opted_in"})) {
    r.get_text(n, "replies", "opted_out", c.replies.opted_out);
    r.get_text(n, "replies", "opted_in", c.replies.opted_in);
  }
  if (auto n = root["tickets"]) detail::read_tickets(r, n, c.file.parent_path(), c);
  if (auto n = root["dialog"])
    detail::read_dialog(r, n, c.file.parent_path(), c.dialog);
  else
    r.problem("dialog", "is required");
  if (auto n = root["channels"])
    channels::read_channels(r, n, {c.server.public_base_url, c.opt_words}, c.channels);
  default_notify_route(r, c);
}

void check_ranges(core::Reader& r, const Config& c) {
  if (c.inbox.partitions < 1) r.problem("inbox.partitions", "must be at least 1");
  if (c.inbox.workers < 0) r.problem("inbox.workers", "must not be negative");
  if (c.inbox.batch < 1) r.problem("inbox.batch", "must be at least 1");
  if (c.outbox.workers < 0) r.problem("outbox.workers", "must not be negative");
  if (c.limits.replies_per_sender < 1)
    r.problem("limits.replies_per_sender", "must be at least 1");
  if (c.limits.reply_window.count() < 1) r.problem("limits.reply_window_s", "must be at least 1");
  if (c.outbox.max_attempts < 1) r.problem("outbox.max_attempts", "must be at least 1");
  if (c.outbox.concurrency < 1) r.problem("outbox.concurrency", "must be at least 1");
  if (c.server.max_body_bytes < 1024) r.problem("server.max_body_bytes", "must be at least 1024");
  if (c.channels.empty()) r.problem("channels", "configures no channel account");
  if (c.log_level != "debug" && c.log_level != "info" && c.log_level != "warn" &&
      c.log_level != "error")
    r.problem("log_level", "must be debug, info, warn or error");
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> problems)
    : std::runtime_error([&] {
        std::string s = "invalid configuration:";
        for (const auto& p : problems) s += "\n  " + p;
        return s;
      }()),
      problems_(std::move(problems)) {}

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
  if (r.expect_map(root, "",
                   {"organisation", "data_dir", "log_level", "server", "redis", "inbox", "outbox",
                    "limits", "opt_out", "replies", "channels", "dialog", "tickets"})) {
    // A value of a shape the readers did not expect (a map where a name belongs, a complex
    // key) is one more problem with its position, never an escaping exception.
    try {
      read_sections(r, root, c);
      check_ranges(r, c);
    } catch (const YAML::Exception& e) {
      r.problem("(line " + std::to_string(e.mark.line + 1) + ")", e.msg);
    }
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
  detail::read_calendar_dir(r, dir, calendar);
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
