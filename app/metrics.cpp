#include "app/metrics.hpp"

#include <fmt/format.h>

namespace ombud::app {

void Metrics::record_request(std::string_view route, unsigned status,
                             std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), status}];
  ++bucket_counts_[bucket];
  latency_sum_ += seconds;
  ++latency_count_;
}

std::string Metrics::render(long long inbox_lag) const {
  std::string out;
  auto counter = [&out](std::string_view name, std::string_view help, long long value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} counter\n{0} {2}\n", name, help, value);
  };
  {
    std::lock_guard lock(mutex_);
    out += "# HELP ombud_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE ombud_http_requests_total counter\n";
    for (const auto& [key, n] : requests_)
      out += fmt::format("ombud_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                         key.second, n);
    out += "# HELP ombud_http_request_duration_seconds Time from request read to response.\n";
    out += "# TYPE ombud_http_request_duration_seconds histogram\n";
    long long cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += bucket_counts_[i];
      out += fmt::format("ombud_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                         kBuckets[i], cumulative);
    }
    cumulative += bucket_counts_.back();
    out +=
        fmt::format("ombud_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    out += fmt::format("ombud_http_request_duration_seconds_sum {}\n", latency_sum_);
    out += fmt::format("ombud_http_request_duration_seconds_count {}\n", latency_count_);
  }
  counter("ombud_inbound_accepted_total", "Provider messages accepted into the inbox.",
          inbound_accepted);
  counter("ombud_inbound_duplicate_total", "Provider retries recognised as duplicates.",
          inbound_duplicate);
  counter("ombud_inbox_processed_total", "Inbox entries processed and committed.", inbox_processed);
  counter("ombud_inbox_decided_again_total",
          "Inbox entries decided again because their ticket changed between reading and commit.",
          inbox_decided_again);
  counter("ombud_inbox_parked_total",
          "Inbox entries that could not be processed, parked with the reason (inbox:parked).",
          inbox_parked);
  counter("ombud_calendar_uncovered_total",
          "Due dates counted in a year without a complete holiday calendar (tickets.calendar).",
          calendar_uncovered);
  counter("ombud_tickets_created_total",
          "Tickets (complaints, consultations, suggestions) created.", tickets_created);
  counter("ombud_sla_overdue_total", "Time limits that passed with the work not done.",
          sla_overdue);
  counter("ombud_outbound_queued_total", "Outbound messages queued.", outbound_queued);
  counter("ombud_outbound_sent_total", "Outbound messages accepted by a provider.", outbound_sent);
  counter("ombud_outbound_failed_total", "Outbound messages given up (dead letters).",
          outbound_failed);
  counter("ombud_outbound_retried_total", "Send attempts scheduled for retry.", outbound_retried);
  out += "# HELP ombud_http_requests_in_flight Requests read and not yet answered.\n";
  out +=
      fmt::format("# TYPE ombud_http_requests_in_flight gauge\nombud_http_requests_in_flight {}\n",
                  requests_in_flight.load());
  out += "# HELP ombud_inbox_lag Inbox entries not yet read by a worker (-1: Redis unreachable).\n";
  out += fmt::format("# TYPE ombud_inbox_lag gauge\nombud_inbox_lag {}\n", inbox_lag);
  return out;
}

}  // namespace ombud::app
