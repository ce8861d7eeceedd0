#pragma once
// departments.yaml: the directory of departments, staff, duty managers and routing.

#include "tickets/config.hpp"
#include "tickets/directory.hpp"
#include "app/config.hpp"

#include <filesystem>

namespace ombud::gateway {

using tickets::load_directory;

using app::Config;
/// Replaces the directory in the Redis of `config` (its redis.url, or the embedded server's
/// socket in its data_dir) and records the change as made by `by`. Returns the new version;
/// throws std::runtime_error when Redis cannot be reached.
long long import_directory(const Config& config, const tickets::Directory& directory,
                           const std::string& by);

}  // namespace ombud::gateway
