#include "gateway/directory_config.hpp"

#include "core/clock.hpp"
#include "gateway/config.hpp"
#include "core/config_reader.hpp"
#include "store/directory_repository.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace ombud::gateway {
namespace {

std::vector<tickets::StaffMember> read_staff(core::Reader& r, const YAML::Node& list,
                                             const std::string& path) {
  std::vector<tickets::StaffMember> out;
  if (!list || !list.IsSequence()) {
    r.problem(path, "must be a list of people");
    return out;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const auto where = path + "[" + std::to_string(i) + "]";
    if (!r.expect_map(list[i], where, {"name", "phone", "role", "language"})) continue;
    tickets::StaffMember s;
    r.get(list[i], where, "name", s.name, true);
    r.get(list[i], where, "phone", s.phone, true);
    r.get(list[i], where, "role", s.role, true);
    r.get(list[i], where, "language", s.language);
    if (s.language != "zh" && s.language != "en") r.problem(where + ".language", "must be zh or en");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

tickets::Directory load_directory(const std::filesystem::path& file) {
  core::Reader r(file.string());
  tickets::Directory d;
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::Exception& e) {
    throw ConfigError({file.string() + ": " + e.what()});
  }
  if (r.expect_map(root, "",
                   {"default_department", "duty_managers", "on_duty", "departments", "routing"})) {
    r.get(root, "", "default_department", d.default_department, true);
    d.duty_managers = read_staff(r, root["duty_managers"], "duty_managers");
    if (root["on_duty"]) d.on_duty = read_staff(r, root["on_duty"], "on_duty");
    const auto& deps = root["departments"];
    for (size_t i = 0; deps && deps.IsSequence() && i < deps.size(); ++i) {
      const auto where = "departments[" + std::to_string(i) + "]";
      if (!r.expect_map(deps[i], where, {"id", "name", "name_en", "staff"})) continue;
      tickets::Department dep;
      r.get(deps[i], where, "id", dep.id, true);
      r.get(deps[i], where, "name", dep.name, true);
      r.get(deps[i], where, "name_en", dep.name_en);
      dep.staff = read_staff(r, deps[i]["staff"], where + ".staff");
      d.departments.push_back(std::move(dep));
    }
    const auto& rules = root["routing"];
    for (size_t i = 0; rules && rules.IsSequence() && i < rules.size(); ++i) {
      const auto where = "routing[" + std::to_string(i) + "]";
      if (!r.expect_map(rules[i], where, {"category", "keywords", "department", "cooperating"}))
        continue;
      tickets::RoutingRule rule;
      r.get(rules[i], where, "category", rule.category, true);
      r.get_list(rules[i], where, "keywords", rule.keywords);
      r.get(rules[i], where, "department", rule.department, true);
      r.get_list(rules[i], where, "cooperating", rule.cooperating);
      d.routing.push_back(std::move(rule));
    }
  }
  for (const auto& p : d.problems()) r.problem("(directory)", p);
  if (!r.problems().empty()) throw ConfigError(std::move(r.problems()));
  return d;
}

long long import_directory(const Config& config, const tickets::Directory& directory,
                           const std::string& by) {
  store::RedisOptions options;
  if (config.redis.url) {
    options.endpoint = store::RedisEndpoint::parse(*config.redis.url).value();
  } else {
    options.endpoint.unix_path = (config.data_dir / "redis" / "redis.sock").string();
  }
  boost::asio::io_context io;
  store::RedisClient redis(io.get_executor(), options);
  redis.start();
  store::DirectoryRepository repository(redis, store::Keys(config.redis.prefix));
  auto done = boost::asio::co_spawn(
      io, repository.async_replace(directory.to_json(), by, core::unix_ms(), /*seed_only=*/false),
      boost::asio::use_future);
  io.run_for(std::chrono::seconds(5));
  redis.stop();
  io.run_for(std::chrono::milliseconds(100));
  if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    throw std::runtime_error("Redis at " + options.endpoint.describe() + " did not answer");
  auto version = done.get();
  if (!version)
    throw std::runtime_error("cannot store the directory: " + version.error().message());
  return *version;
}

}  // namespace ombud::gateway
