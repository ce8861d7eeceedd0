#include "console/events.hpp"

#include "core/text.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <spdlog/spdlog.h>

#include <charconv>

namespace ombud::console {

namespace asio = boost::asio;

namespace {

std::pair<std::uint64_t, std::uint64_t> parse_id(std::string_view id) {
  std::uint64_t ms = 0, seq = 0;
  const auto dash = id.find('-');
  std::from_chars(id.data(), id.data() + std::min(dash, id.size()), ms);
  if (dash != std::string_view::npos) std::from_chars(id.data() + dash + 1, id.data() + id.size(), seq);
  return {ms, seq};
}

std::string quoted_json(std::string_view text) {
  return boost::json::serialize(boost::json::string(text));
}

// The latest timeline line as every subscriber may read it: numbers in its text masked, and a
// member of staff who acted by SMS named by a masked number (the script already wrote the
// customer as "customer"). The ticket's view shows more to those allowed.
std::string shown_last(const std::string& written) {
  boost::system::error_code ec;
  auto line = boost::json::parse(written, ec);
  if (ec || !line.is_object()) return "null";
  auto& o = line.as_object();
  // At most 300 bytes of the text: the feed says what changed, the ticket has the rest.
  if (auto* text = o.if_contains("text"); text && text->is_string()) {
    const auto masked = core::mask_phone_numbers(text->as_string());
    const auto kept = core::utf8_prefix(masked, 300);
    *text = std::string(kept) + (kept.size() < masked.size() ? "…" : "");
  }
  if (auto* by = o.if_contains("by"); by && by->is_string() && by->as_string() != "customer" &&
                                      by->as_string() != "system" &&
                                      !by->as_string().starts_with("agent-"))
    *by = core::mask_phone_numbers(by->as_string());
  return boost::json::serialize(line);
}

}  // namespace

bool id_before(std::string_view a, std::string_view b) {
  return parse_id(a) < parse_id(b);
}

std::string TicketEvent::frame() const {
  std::string data = "{\"ticket\":" + quoted_json(ticket) + ",\"department\":" +
                     quoted_json(department) + ",\"state\":" + quoted_json(state) +
                     ",\"type\":" + quoted_json(type) + ",\"version\":" +
                     (version.empty() ? "0" : version) + ",\"level\":" + quoted_json(level);
  if (!last.empty()) data += ",\"last\":" + shown_last(last);
  data += "}";
  return "id: " + id + "\nevent: ticket\ndata: " + data + "\n\n";
}

std::vector<TicketEvent> events_from(const std::vector<store::ChangeEntry>& entries) {
  std::vector<TicketEvent> out;
  for (const auto& entry : entries) {
    TicketEvent e;
    e.id = entry.id;
    for (const auto& [name, value] : entry.fields) {
      if (name == "ticket") e.ticket = value;
      else if (name == "department") e.department = value;
      else if (name == "state") e.state = value;
      else if (name == "type") e.type = value;
      else if (name == "version") e.version = value;
      else if (name == "level") e.level = value;
      else if (name == "last") e.last = value;
    }
    out.push_back(std::move(e));
  }
  return out;
}

asio::awaitable<std::vector<TicketEvent>> EventHub::Subscription::async_next(
    std::chrono::milliseconds idle) {
  if (queue_.empty() && !closed_) {
    wake_.expires_after(idle);
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  std::vector<TicketEvent> out(std::make_move_iterator(queue_.begin()),
                               std::make_move_iterator(queue_.end()));
  queue_.clear();
  co_return out;
}

void EventHub::Subscription::push(const TicketEvent& event) {
  if (closed_) return;
  if (queue_.size() >= kQueueLimit) return close();
  queue_.push_back(event);
  wake_.cancel();
}

void EventHub::Subscription::close() {
  closed_ = true;
  queue_.clear();
  wake_.cancel();
}

EventHub::EventHub(asio::any_io_executor executor, const store::RedisOptions& options,
                   store::Keys keys)
    : redis_(executor, [&options] {
        auto o = options;
        o.command_timeout = std::chrono::milliseconds(5000);  // longer than the read's block
        return o;
      }()),
      log_(std::move(keys)),
      pause_(executor),
      background_(executor, "event feed") {}

EventHub::~EventHub() {
  redis_.stop();
}

void EventHub::start() {
  redis_.start();
  background_.spawn(async_follow());
}

// From any thread: the hub and its subscribers live on the io thread, so the rest is done
// there (the streams then end, and their connections with them).
void EventHub::stop() {
  if (stopping_.exchange(true)) return;
  background_.stop();
  redis_.stop();
  asio::post(pause_.get_executor(), [this] {
    stopped_ = true;
    pause_.cancel();
    for (auto& s : subscribers_) s->close();
    subscribers_.clear();
  });
}

std::shared_ptr<EventHub::Subscription> EventHub::subscribe() {
  auto s = std::make_shared<Subscription>(pause_.get_executor());
  if (stopped_) s->close();
  else subscribers_.push_back(s);
  return s;
}

void EventHub::unsubscribe(const std::shared_ptr<Subscription>& subscription) {
  subscribers_.remove(subscription);
}

asio::awaitable<boost::system::result<EventHub::Backlog>> EventHub::async_since(
    store::RedisClient& redis, std::string after_id, int limit) {
  auto since = co_await log_.async_since(redis, after_id, limit);
  if (!since) co_return since.error();
  Backlog out;
  out.missed = !id_before(since->max_deleted, after_id) && since->max_deleted != after_id;
  out.events = events_from(since->entries);
  co_return out;
}

// Follows the stream from its end at start: XREAD BLOCK on the hub's own connection.
asio::awaitable<void> EventHub::async_follow() {
  std::string last;
  while (!background_.stopping()) {
    if (last.empty()) {
      auto tail = co_await log_.async_last_id(redis_);  // (GCC 12: no co_await in a condition)
      if (tail) {
        last = std::move(*tail);
        continue;
      }
    } else {
      auto read = co_await log_.async_follow(redis_, last, 500, std::chrono::milliseconds(2000));
      if (read) {
        auto events = events_from(*read);
        if (!events.empty()) last = events.back().id;
        for (auto& s : subscribers_)
          for (const auto& e : events) s->push(e);
        subscribers_.remove_if([](const auto& s) { return s->closed(); });
        continue;
      }
    }
    co_await background_.async_pause(std::chrono::milliseconds(200));  // Redis away: try again shortly
  }
}

}  // namespace ombud::console
