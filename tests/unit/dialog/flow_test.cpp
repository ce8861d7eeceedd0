#include "dialog/flow.hpp"

#include <gtest/gtest.h>

#include <fstream>

// check-config's flow checks: one test per kind of broken flow, each naming file, step and key.

namespace ombud::dialog {
namespace {

class FlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ombud-flows-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& yaml) {
    std::ofstream(dir_ / (name + ".yaml")) << yaml;
  }

  std::vector<std::string> problems() {
    std::vector<std::string> out;
    auto set = FlowSet::load(dir_, out);
    set.validate(out);
    return out;
  }

  bool has(const std::string& text) {
    for (const auto& p : problems())
      if (p.find(text) != std::string::npos) return true;
    ADD_FAILURE() << "no problem mentions: " << text << "\nproblems:\n"
                  << [&] {
                       std::string all;
                       for (const auto& p : problems()) all += "  " + p + "\n";
                       return all;
                     }();
    return false;
  }

  std::string file(const std::string& name) { return (dir_ / (name + ".yaml")).string(); }

  std::filesystem::path dir_;
};

const std::string kAsk = "    ask: {zh: 问, en: ask}\n";

TEST_F(FlowTest, AValidFlowHasNoProblems) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    choice: [{zh: 是, en: yes}, {zh: 否, en: no}]\n    slot: s\n    next: b\n"
                    "  b:\n" +
                    kAsk + "    text: {min: 1, max: 9}\n    slot: t\n    action: handoff\n");
  EXPECT_TRUE(problems().empty()) << problems().front();
}

TEST_F(FlowTest, UnknownNextStep) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    text: {}\n    slot: s\n    next: nowhere\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.next: unknown next step 'nowhere'"));
}

TEST_F(FlowTest, UnknownStepInAnotherFlowAndInABranch) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    yes_no: {}\n    slot: s\n    branches: [{slot: s, equals: 'yes', next: "
                    "'other:'}]\n    next: 'complaint:nope'\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.branches[0].next: unknown next step 'other:'"));
  EXPECT_TRUE(has(file("menu") + ": steps.a.next: unknown next step 'complaint:nope'"));
}

TEST_F(FlowTest, UnreachableStep) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    text: {}\n    slot: s\n    action: handoff\n  orphan:\n" + kAsk +
                    "    text: {}\n    slot: t\n    action: handoff\n");
  EXPECT_TRUE(has(file("menu") + ": steps.orphan: unreachable step"));
}

TEST_F(FlowTest, PromptMissingInOneLanguage) {
  write("menu",
        "type: menu\nstart: a\nsteps:\n  a:\n    ask: {zh: 问}\n"
        "    text: {}\n    slot: s\n    action: handoff\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.ask: the prompt is missing in English (en)"));
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    choice: [{number: 1, zh: 是}]\n    slot: s\n    action: handoff\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.choice[0]: the option is missing in English (en)"));
}

TEST_F(FlowTest, DuplicateOptionNumbers) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    choice: [{number: 1, zh: 是, en: yes}, {number: 1, zh: 否, en: no}]\n"
                    "    slot: s\n    action: handoff\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.choice[1].number: duplicate option number 1"));
}

TEST_F(FlowTest, UnknownAction) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    text: {}\n    slot: s\n    action: launch_rocket\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.action: unknown action 'launch_rocket'"));
}

TEST_F(FlowTest, UnknownKeysAndMissingInput) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk +
                    "    slot: s\n    colour: red\n    action: handoff\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a.colour: unknown key"));
  EXPECT_TRUE(has(file("menu") + ": steps.a: needs exactly one input kind"));
}

TEST_F(FlowTest, AStepWithNowhereToGo) {
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n" + kAsk + "    text: {}\n    slot: s\n");
  EXPECT_TRUE(has(file("menu") + ": steps.a: has no next step and no action"));
}

TEST_F(FlowTest, TheShippedSamplesAreValid) {
  for (const char* org : {"telecom", "property"}) {
    std::vector<std::string> out;
    auto set = FlowSet::load(std::filesystem::path(OMBUD_SOURCE_DIR) / "config/flows" / org, out);
    set.validate(out);
    EXPECT_TRUE(out.empty()) << org << ": " << out.front();
    EXPECT_NE(set.flow("complaint"), nullptr);
  }
}

}  // namespace
}  // namespace ombud::dialog

#include "dialog/settings.hpp"

namespace ombud::dialog {
namespace {

TEST_F(FlowTest, PromptsLongerThanTheSmsLimitAreReported) {
  std::string long_zh(150 * 3, '\0');
  long_zh.clear();
  for (int i = 0; i < 150; ++i) long_zh += "长";
  write("menu", "type: menu\nstart: a\nsteps:\n  a:\n    ask: {zh: " + long_zh +
                    ", en: short}\n    text: {}\n    slot: s\n    action: handoff\n");
  Settings settings;
  std::vector<std::string> out;
  settings.flows = FlowSet::load(dir_, out);
  settings.entry_flow = settings.complaint_flow = settings.consultation_flow =
      settings.suggestion_flow = "menu";
  settings.validate(out, "ombud.yaml: dialog");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], file("menu") +
                        ": steps.a.ask.zh: the prompt with its options is 150 characters, more "
                        "than 2 SMS segments (140)");
}

}  // namespace
}  // namespace ombud::dialog
