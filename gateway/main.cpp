// ombud: the omnichannel complaint gateway.

#include "app/app.hpp"
#include "core/clock.hpp"
#include "gateway/config.hpp"
#include "tools/demo/demo.hpp"
#include "gateway/directory_config.hpp"
#include "gateway/offline.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  CLI::App cli{"ombud: omnichannel complaint gateway"};
  cli.require_subcommand(1);
  std::string config_file = "config/ombud.yaml";

  auto* serve = cli.add_subcommand("serve", "run the gateway");
  serve->add_option("-c,--config", config_file, "configuration file")->required();
  auto* demo = cli.add_subcommand("demo", "play the customer of the sample organisation");
  demo->add_option("-c,--config", config_file, "configuration file");
  auto* check = cli.add_subcommand("check-config", "validate a configuration file");
  check->add_option("file", config_file, "configuration file")->required();
  auto* departments = cli.add_subcommand("departments", "manage the directory of departments");
  auto* import = departments->add_subcommand("import", "replace the directory from a file");
  std::string departments_file, by = "cli";
  import->add_option("file", departments_file, "departments YAML")->required();
  import->add_option("-c,--config", config_file, "the configuration of the running ombud");
  import->add_option("--by", by, "who makes the change (recorded)");
  departments->require_subcommand(1);

  auto* agents = cli.add_subcommand("agents", "manage the agent console's accounts");
  agents->require_subcommand(1);
  agents->add_option("-c,--config", config_file, "the configuration of the running ombud");
  agents->fallthrough();  // -c may follow the subcommand too
  ombud::gateway::AgentCommand agent;
  auto* agents_add = agents->add_subcommand("add", "add an account; prints its token once");
  agents_add->add_option("--name", agent.name, "the person's name")->required();
  agents_add->add_option("--role", agent.role, "agent, head, desk, manager, admin (console.roles)")->required();
  agents_add->add_option("--department", agent.department, "their department's id (agent, head)");
  agents_add->add_option("--phone", agent.phone, "their phone in the directory: the same person as by SMS");
  auto* agents_list = agents->add_subcommand("list", "list the accounts");
  auto* agents_disable = agents->add_subcommand("disable", "disable an account (its token stops working)");
  agents_disable->add_option("id", agent.id, "the account id")->required();
  auto* agents_token = agents->add_subcommand("token", "tokens");
  agents_token->require_subcommand(1);
  agents_token->fallthrough();
  auto* agents_rotate = agents_token->add_subcommand("rotate", "a new token; the old one stops working");
  agents_rotate->add_option("id", agent.id, "the account id")->required();
  CLI11_PARSE(cli, argc, argv);

  try {
    if (*agents || *import) spdlog::set_level(spdlog::level::warn);  // stdout is the answer
    if (*check) {
      const auto config = ombud::gateway::load_config(config_file);
      std::cout << config_file << ": ok\n";
      for (const auto& w : ombud::gateway::config_warnings(config, ombud::core::unix_ms()))
        std::cout << "warning: " << w << "\n";
      return 0;
    }
    if (*import) {
      const auto config = ombud::gateway::load_config(config_file);
      const auto directory = ombud::gateway::load_directory(departments_file);
      const auto version = ombud::gateway::import_directory(config, directory, by);
      std::cout << departments_file << ": imported as version " << version << "\n";
      return 0;
    }
    if (*agents) {
      agent.verb = *agents_add ? "add" : *agents_list ? "list" : *agents_disable ? "disable" : "rotate";
      return ombud::gateway::run_agents(ombud::gateway::load_config(config_file), agent, std::cout);
    }
    if (*demo) {
      return ombud::demo::run_demo(ombud::gateway::load_config(config_file), std::cin, std::cout);
    }
    auto config = ombud::gateway::load_config(config_file);
    for (const auto& w : ombud::gateway::config_warnings(config, ombud::core::unix_ms()))
      spdlog::warn("config: {}", w);
    ombud::app::App app(std::move(config));
    app.start();
    app.run_until_signal();
    return 0;
  } catch (const ombud::gateway::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ombud: " << e.what() << "\n";
    return 1;
  }
}
