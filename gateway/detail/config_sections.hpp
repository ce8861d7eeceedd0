#pragma once
// Readers for the configuration sections that live in their own source files.

#include "dialog/settings.hpp"
#include "gateway/config.hpp"
#include "core/config_reader.hpp"

#include <filesystem>
#include <string>

namespace ombud::gateway::detail {

/// dialog: flows (loaded from `base`/flows and validated), commands, classifier, FAQ, texts.
void read_dialog(core::Reader& r, const YAML::Node& node, const std::filesystem::path& base,
                 dialog::Settings& settings);
/// Every YYYY.yaml of `dir`: one year's holidays and make-up working days each.
void read_calendar_dir(core::Reader& r, const std::filesystem::path& dir,
                       tickets::BusinessCalendar& calendar);
/// tickets: number prefix and serial width, time zone, departments, time limits, calendar.
void read_tickets(core::Reader& r, const YAML::Node& node, const std::filesystem::path& base,
                  Config& config);

}  // namespace ombud::gateway::detail
