// The register's classes as the desk writes them by SMS, and checked against the
// organisation's.
#include "tickets/closing.hpp"

#include <gtest/gtest.h>

namespace ombud::tickets {
namespace {

ClosingRules property() {
  ClosingRules r;
  r.classes.push_back({"cause", {"投诉类别", "cause"}, false,
                       {{"ours", {"一类", "ours"}}, {"developer", {"二类", "developer"}},
                        {"third_party", {"三类", "third party"}}}});
  return r;
}

TEST(Closing, ClassesAreReadFromWordsInEitherLanguage) {
  const ClosingRules r;
  struct Case {
    std::string written, validity, responsibility, reason;
  } cases[] = {
      {"有效 责任", "valid", "responsible", ""},
      {"有效责任", "valid", "responsible", ""},
      {"无效，无责任 客户误解资费", "invalid", "not_responsible", "客户误解资费"},
      {"无效、协助处理：已协调物业", "invalid", "assisting", "已协调物业"},
      {"valid, at fault", "valid", "responsible", ""},
      {"VALID not at fault", "valid", "not_responsible", ""},
      {"invalid not_responsible duplicate of T2611300002", "invalid", "not_responsible",
       "duplicate of T2611300002"},
      {"validated", "", "", "validated"},
      {"无责任 有效", "valid", "not_responsible", ""},
      {"　有效　责任　", "valid", "responsible", ""},
      {"", "", "", ""},
      {"客户满意", "", "", "客户满意"},
  };
  for (const auto& c : cases) {
    const auto got = read_classes(c.written, r);
    EXPECT_EQ(got.validity, c.validity) << c.written;
    EXPECT_EQ(got.responsibility, c.responsibility) << c.written;
    EXPECT_EQ(got.reason, c.reason) << c.written;
  }
  EXPECT_EQ(read_classes("有效 责任 三类", property()).cause, "third_party");
  EXPECT_EQ(read_classes("有效 责任 三类", r).reason, "三类") << "not a class this desk uses";
}

TEST(Closing, ClassesAreCheckedAgainstTheOrganisations) {
  const ClosingRules r;
  EXPECT_FALSE(check_classes({"valid", "responsible"}, r));
  EXPECT_FALSE(check_classes({"invalid", "assisting", "", "重复登记"}, r));
  auto missing = check_classes({"valid", ""}, r);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, ClassProblem::Kind::missing);
  EXPECT_EQ(missing->group->name, "responsibility");
  auto reason = check_classes({"invalid", "assisting", "", "  "}, r);
  ASSERT_TRUE(reason);
  EXPECT_EQ(reason->kind, ClassProblem::Kind::needs_reason);
  EXPECT_EQ(check_classes({"valid", "guilty"}, r)->kind, ClassProblem::Kind::unknown);
  EXPECT_EQ(check_classes({"valid", "responsible", "ours"}, r)->kind, ClassProblem::Kind::unknown)
      << "a cause where the desk has none";
  EXPECT_FALSE(check_classes({"valid", "responsible", "ours"}, property()));
  EXPECT_FALSE(check_classes({"valid", "responsible"}, property())) << "causes optional there";
  ClosingRules none;
  none.classes.clear();
  EXPECT_FALSE(check_classes({}, none)) << "a desk without classes closes without them";
}

TEST(Closing, ClassesAreNamedByTheirLabels) {
  const auto r = property();
  EXPECT_EQ(class_labels({"invalid", "assisting", "developer"}, r, core::Language::zh), "无效、协助处理、二类");
  EXPECT_EQ(class_labels({"valid", "not_responsible"}, r, core::Language::en), "valid, not at fault");
  EXPECT_EQ(class_choices(r.classes[1], core::Language::zh), "责任/无责任/协助处理");
}

}  // namespace
}  // namespace ombud::tickets
