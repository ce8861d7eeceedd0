#pragma once
// Reading configuration YAML with every problem collected as "file: key.path: what".

#include "core/language.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

namespace ombud::core {

/// Every problem found in a configuration file, each naming the file and the key.
class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<std::string> problems)
      : std::runtime_error(joined(problems)), problems_(std::move(problems)) {}
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  static std::string joined(const std::vector<std::string>& problems) {
    std::string s = "invalid configuration:";
    for (const auto& p : problems) s += "\n  " + p;
    return s;
  }
  std::vector<std::string> problems_;
};

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

/// One mapping of the configuration, read key by key: each key is named once, where it is
/// read, and when the section ends every key of the file that nothing read is reported as
/// unknown. An absent node reads as empty (every get leaves its default).
class Section {
 public:
  Section(Reader& reader, YAML::Node node, std::string path)
      : reader_(reader), node_(std::move(node)), path_(std::move(path)) {
    if (node_ && !node_.IsNull() && !node_.IsMap()) {
      reader_.problem(path_.empty() ? "(top level)" : path_, "must be a mapping");
      node_ = YAML::Node();
    }
  }
  Section(const Section&) = delete;
  Section& operator=(const Section&) = delete;
  ~Section() {
    if (!node_ || !node_.IsMap()) return;
    for (const auto& kv : node_) {
      if (!kv.first.IsScalar()) {
        reader_.problem(path_.empty() ? "(top level)" : path_, "has a key that is not a name");
        continue;
      }
      if (!known_.contains(kv.first.Scalar()))
        reader_.problem(Reader::join(path_, kv.first.Scalar()), "unknown key");
    }
  }

  /// True when the file has this mapping.
  bool present() const { return node_ && node_.IsMap(); }
  bool has(const char* key) {
    known_.insert(key);
    return present() && at(key);
  }
  template <typename T>
  void get(const char* key, T& out, bool required = false) {
    known_.insert(key);
    if (present())
      reader_.get(node_, path_, key, out, required);
    else if (required)
      reader_.problem(Reader::join(path_, key), "is required");
  }
  void list(const char* key, std::vector<std::string>& out) {
    known_.insert(key);
    if (present()) reader_.get_list(node_, path_, key, out);
  }
  void text(const char* key, LocalizedText& out) {
    known_.insert(key);
    if (present()) reader_.get_text(node_, path_, key, out);
  }
  /// A map of texts by name (`table`: name → member of `into`).
  template <typename Table, typename Texts>
  void texts(const char* key, const Table& table, Texts& into) {
    known_.insert(key);
    if (present() && at(key)) reader_.get_texts(at(key), path(key), table, into);
  }
  /// A nested mapping.
  Section section(const char* key) {
    known_.insert(key);
    return Section(reader_, present() ? at(key) : YAML::Node(YAML::NodeType::Undefined), path(key));
  }
  /// The raw value of `key` (a list, a map of names), undefined when absent.
  YAML::Node node(const char* key) {
    known_.insert(key);
    return present() ? at(key) : YAML::Node(YAML::NodeType::Undefined);
  }
  /// The path of `key` in messages ("tickets.grading.rules").
  std::string path(const char* key) const { return Reader::join(path_, key); }
  const std::string& path() const { return path_; }
  Reader& reader() { return reader_; }
  void problem(const char* key, const std::string& what) { reader_.problem(path(key), what); }

 private:
  // Read-only lookup: a non-const operator[] would add the key to the tree.
  YAML::Node at(const char* key) const {
    const YAML::Node& map = node_;
    return map[key];
  }

  Reader& reader_;
  YAML::Node node_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace ombud::core
