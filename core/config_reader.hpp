#pragma once
// Reading configuration YAML with every problem collected as "file: key.path: what".

#include "core/language.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace ombud::core {

// Walks the YAML tree, converting values and collecting every problem with its key path.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void problem(const std::string& key, const std::string& what) {
    problems_.push_back(file_ + ": " + key + ": " + what);
  }
  std::vector<std::string>& problems() { return problems_; }
  const std::string& file() const { return file_; }

  /// Reports keys of `node` outside `known`; false when `node` is not a map.
  bool expect_map(const YAML::Node& node, const std::string& path,
                  std::initializer_list<std::string_view> known) {
    if (!node.IsMap()) {
      problem(path.empty() ? "(top level)" : path, "must be a mapping");
      return false;
    }
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        problem(path.empty() ? "(top level)" : path, "has a key that is not a name");
        continue;
      }
      const auto& key = kv.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end())
        problem(join(path, key), "unknown key");
    }
    return true;
  }

  std::string expand_env(const std::string& value, const std::string& key) {
    std::string out;
    for (size_t i = 0; i < value.size();) {
      if (value.compare(i, 2, "${") == 0) {
        auto end = value.find('}', i);
        if (end == std::string::npos) {
          problem(key, "unterminated ${");
          return value;
        }
        auto name = value.substr(i + 2, end - i - 2);
        const char* env = std::getenv(name.c_str());
        if (env == nullptr)
          problem(key, "environment variable " + name + " is not set");
        else
          out += env;
        i = end + 1;
      } else {
        out += value[i++];
      }
    }
    return out;
  }

  void get_list(const YAML::Node& map, const std::string& path, const char* key,
                std::vector<std::string>& out) {
    const YAML::Node node = map[key];
    if (!node) return;
    const auto full = join(path, key);
    if (!node.IsSequence()) {
      problem(full, "must be a list");
      return;
    }
    out.clear();
    for (const auto& item : node) {
      if (!item.IsScalar())
        problem(full, "must be a list of words");
      else
        out.push_back(item.as<std::string>());
    }
  }

  template <typename T>
  void get(const YAML::Node& map, const std::string& path, const char* key, T& out,
           bool required = false) {
    const auto full = join(path, key);
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) {
      if (required) problem(full, "is required");
      return;
    }
    if (!node.IsScalar()) {
      problem(full, "must be a single value");
      return;
    }
    try {
      if constexpr (std::is_same_v<T, std::string>) {
        out = expand_env(node.as<std::string>(), full);
      } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
        out = expand_env(node.as<std::string>(), full);
      } else if constexpr (std::is_same_v<T, std::chrono::milliseconds> ||
                           std::is_same_v<T, std::chrono::seconds>) {
        out = T(node.as<long long>());
      } else {
        out = node.as<T>();
      }
    } catch (const YAML::Exception&) {
      problem(full, "has the wrong type ('" + node.as<std::string>() + "')");
    }
  }

  void get_text(const YAML::Node& map, const std::string& path, const char* key,
                LocalizedText& out) {
    const YAML::Node node = map[key];
    if (!node) return;
    const auto full = join(path, key);
    if (node.IsScalar()) {  // one text for both languages
      get(map, path, key, out.zh);
      out.en = out.zh;
      return;
    }
    if (!expect_map(node, full, {"zh", "en"})) return;
    get(node, full, "zh", out.zh, true);
    get(node, full, "en", out.en, true);
  }

  /// A map of texts by name (`table`: name → member of `into`); unknown names are problems.
  template <typename Table, typename Texts>
  void get_texts(const YAML::Node& node, const std::string& path, const Table& table,
                 Texts& into) {
    if (!node.IsMap()) return problem(path, "must be a mapping");
    for (const auto& kv : node) {
      const auto name = kv.first.as<std::string>();
      bool known = false;
      for (const auto& [text_name, member] : table)
        if (name == text_name) {
          get_text(node, path, name.c_str(), into.*member);
          known = true;
        }
      if (!known) problem(join(path, name), "unknown key");
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::string file_;
  std::vector<std::string> problems_;
};

}  // namespace ombud::core
