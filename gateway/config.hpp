#pragma once
// Reading ombud's configuration: one YAML file, validated completely at start-up.

#include "app/config.hpp"
#include "core/config_reader.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace ombud::gateway {

using app::Config;

using core::ConfigError;

/// The holidays and make-up working days of every YYYY.yaml in `dir` (config/calendar/).
/// Throws ConfigError.
void load_calendar(const std::filesystem::path& dir, tickets::BusinessCalendar& calendar);

/// What a valid configuration may still get wrong, for check-config and the log at start:
/// years without a complete holiday calendar (this one and the next), categories that route
/// to no department.
std::vector<std::string> config_warnings(const Config& config, std::int64_t now_ms);

/// Reads and validates `file`. Unknown keys, missing required keys, wrong types and
/// unset environment variables (values written `${NAME}`) are all reported together.
/// Throws ConfigError.
Config load_config(const std::filesystem::path& file);
/// The same from YAML text (`name` stands in for the file name in messages).
Config parse_config(const std::string& yaml, const std::filesystem::path& name);

}  // namespace ombud::gateway
