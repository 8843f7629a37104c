// Org-unit import planning against the Wuhai tree.
#include <gtest/gtest.h>

#include <set>

#include "core/org_import.h"
#include "demo.h"

namespace ss {
namespace {

std::vector<CsvRecord> Sheet(std::initializer_list<std::vector<std::string>> rows) {
  std::vector<CsvRecord> out;
  int line = 0;
  for (const auto& r : rows) out.push_back({++line, r});
  return out;
}

const OrgTree& Tree() {
  static const OrgTree tree = tests::DemoTree();
  return tree;
}

TEST(OrgImport, NewUnitsUnderNewParentsOfTheSameFile) {
  auto plan = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                  {"150303004901", "新村一", "社区", "150303009"},  // child before its parent
                                  {"150303009", "新街道", "街道", "150303"}}),
                           Tree());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->inserts.size(), 2u);
  EXPECT_EQ(plan->inserts[0].code, "150303009") << "parents go first";
  auto after = TreeAfter(Tree(), *plan);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->size(), Tree().size() + 2);
  EXPECT_EQ(after->District(*after->Find("150303004901"))->name, "海南区");
}

TEST(OrgImport, KnownCodesOnlyChangeTheirName) {
  auto plan = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                  {"150303004001", "新桥社区", "社区", "150303004"},
                                  {"150303004002", "锦绣新社区", "community", "150303004"}}),
                           Tree());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->unchanged, 1);
  ASSERT_EQ(plan->updates.size(), 1u);
  EXPECT_EQ(plan->updates[0].name, "锦绣新社区");
  auto moved = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                   {"150303004001", "新桥社区", "社区", "150303005"}}),
                            Tree());
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.status().details()[0].field, "上级单位代码");
}

TEST(OrgImport, EveryBadRowIsNamedAndNothingIsPlanned) {
  auto plan = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码", "所属区"},
                                  {"150303004900", "", "社区", "150303004", ""},
                                  {"150303004901", "甲社区", "区", "150303004", ""},
                                  {"150303004902", "乙社区", "社区", "", ""},
                                  {"150303004900", "丙社区", "社区", "150303004", ""}}),
                           Tree());
  ASSERT_FALSE(plan.ok());
  std::vector<std::pair<int, std::string>> got;
  for (const auto& d : plan.status().details()) got.push_back({d.line, d.field});
  std::vector<std::pair<int, std::string>> want = {{2, "单位名称"}, {3, "层级"}, {4, "上级单位代码"}, {5, "单位代码"}};
  EXPECT_EQ(got, want);
}

TEST(OrgImport, WrongParentsAndNamesGoBackToTheirRow) {
  auto missing = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                     {"150303004903", "丁社区", "社区", "999999"}}),
                              Tree());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().details()[0].line, 2);
  EXPECT_EQ(missing.status().details()[0].field, "上级单位代码");
  auto wrong_level = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                         {"150303004904", "戊社区", "社区", "150303"}}),  // a community under a district
                                  Tree());
  ASSERT_FALSE(wrong_level.ok());
  EXPECT_EQ(wrong_level.status().details()[0].line, 2);
  auto wrong_district = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码", "所属区"},
                                            {"150303004905", "己社区", "社区", "150303004", "乌达区"}}),
                                     Tree());
  ASSERT_FALSE(wrong_district.ok());
  EXPECT_EQ(wrong_district.status().details()[0].field, "所属区");
}

TEST(OrgImport, EveryKindOfProblemIsToldInOnePass) {
  // A row's own problem, a parent that does not exist, a child of that bad new unit, a
  // district that disagrees with the codes and one good row: one answer names the four.
  auto check = CheckOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码", "所属区"},
                                    {"150303004910", "", "社区", "150303004", ""},
                                    {"150303099", "新街道", "街道", "999999", ""},
                                    {"150303099001", "新街道一社区", "社区", "150303099", ""},
                                    {"150303004911", "好社区", "社区", "150303004", "乌达区"},
                                    {"150303004912", "另一好社区", "社区", "150303004", "海南区"}}),
                             Tree());
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  std::vector<std::pair<int, std::string>> got;
  for (const auto& d : check->errors) got.push_back({d.line, d.field});
  std::vector<std::pair<int, std::string>> want = {{2, "单位名称"}, {3, "上级单位代码"}, {4, "上级单位代码"}, {5, "所属区"}};
  EXPECT_EQ(got, want);
  std::set<std::string> planned;
  for (const auto& u : check->plan.inserts) planned.insert(u.code);
  EXPECT_EQ(planned, (std::set<std::string>{"150303004911", "150303004912"})) << "the rows without a problem of the tree's";
  auto plan = PlanOrgUnits(Sheet({{"单位代码", "单位名称", "层级", "上级单位代码"}, {"150303004910", "", "社区", "150303004"}}), Tree());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "单位表有 1 处错误，未导入任何数据");
}

TEST(OrgImport, TheHeaderMustNameTheRequiredColumns) {
  auto plan = PlanOrgUnits(Sheet({{"代码", "单位名称"}, {"1", "x"}}), Tree());
  ASSERT_FALSE(plan.ok());
  std::set<std::string> fields;
  for (const auto& d : plan.status().details()) fields.insert(d.field);
  EXPECT_TRUE(fields.count("代码") && fields.count("单位代码") && fields.count("层级") && fields.count("上级单位代码"));
}

}  // namespace
}  // namespace ss
