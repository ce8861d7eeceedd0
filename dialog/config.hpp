#pragma once
// The dialog: section of the configuration.

#include "core/config_reader.hpp"
#include "dialog/settings.hpp"

#include <filesystem>

namespace ombud::dialog {

/// dialog: flows (loaded from `base`/flows and validated), commands, classifier, FAQ, texts.
void read_settings(core::Section section, const std::filesystem::path& base, Settings& settings);

}  // namespace ombud::dialog
