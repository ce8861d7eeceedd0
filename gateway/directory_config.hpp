#pragma once
// departments.yaml: the directory of departments, staff, duty managers and routing.

#include "tickets/directory.hpp"

#include <filesystem>

namespace ombud::gateway {

/// Reads and checks a departments file; throws ConfigError listing every problem.
tickets::Directory load_directory(const std::filesystem::path& file);

}  // namespace ombud::gateway
