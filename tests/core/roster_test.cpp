#include "core/roster.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "demo.h"

namespace ss {
namespace {

using tests::DemoDocument;
using tests::DemoRosterCsvText;
using tests::HasError;
using tests::HasField;

const char* kHeader = "序号,姓名,性别,职务,单位代码,单位,上级单位,所属区,组别\r\n";

class RosterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = DemoDocument();
    auto tree = OrgTree::Build(doc_.units);
    ASSERT_TRUE(tree.ok()) << tree.status().ToString();
    tree_ = std::move(*tree);
  }

  Result<std::vector<RosterRow>> Parse(std::string_view csv) const {
    return ParseRosterCsv(csv, tree_, doc_.config);
  }

  // `text` (a CRLF CSV without quotes) with field `column` (0-based) of file line `line` replaced.
  static std::string With(const std::string& text, int line, std::size_t column, const std::string& value) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find("\r\n", pos);
      if (end == std::string::npos) end = text.size();
      lines.push_back(text.substr(pos, end - pos));
      pos = end + 2;
    }
    std::string& target = lines.at(static_cast<std::size_t>(line - 1));
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t comma; (comma = target.find(',', start)) != std::string::npos; start = comma + 1)
      fields.push_back(target.substr(start, comma - start));
    fields.push_back(target.substr(start));
    fields.at(column) = value;
    target.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) target += (i ? "," : "") + fields[i];
    std::string out;
    for (const auto& l : lines) out += l + "\r\n";
    return out;
  }
  static std::string DemoRosterWith(int line, std::size_t column, const std::string& value) {
    return With(DemoRosterCsvText(), line, column, value);
  }

  // The stored roster: the demo candidates with ids 1001, 1002, … .
  std::vector<Candidate> Stored() const {
    std::vector<Candidate> list = doc_.candidates;
    for (auto& c : list) c.id = 1000 + c.no;
    return list;
  }

  std::vector<RosterRow> Rows(const std::string& body) const {
    auto rows = Parse(kHeader + body);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<RosterRow>{};
  }

  CampaignDocument doc_;
  OrgTree tree_;
};

TEST_F(RosterTest, DemoRosterParses) {
  auto rows = Parse(DemoRosterCsvText());
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 103u);
  EXPECT_EQ((*rows)[0].line, 2);
  EXPECT_EQ((*rows)[102].line, 104);
  int town_street = 0;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const Candidate& c = (*rows)[i].candidate;
    const Candidate& expected = doc_.candidates[i];
    EXPECT_EQ(c.no, expected.no);
    EXPECT_EQ(c.name, expected.name);
    EXPECT_EQ(c.gender, expected.gender);
    EXPECT_EQ(c.title, expected.title);
    EXPECT_EQ(c.unit, expected.unit);
    EXPECT_EQ(c.group, expected.group);  // the group key, although the file has the group's name
    town_street += c.group == "town_street";
  }
  EXPECT_EQ(town_street, 20);
}

TEST_F(RosterTest, BadGenderNamesLineAndColumn) {
  auto rows = Parse(DemoRosterWith(5, 2, "未知"));
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), code::kInvalid);
  ASSERT_EQ(rows.status().details().size(), 1u) << rows.status().ToString();
  EXPECT_EQ(rows.status().details()[0].line, 5);
  EXPECT_EQ(rows.status().details()[0].field, "性别");
  EXPECT_NE(rows.status().ToString().find("第 5 行 性别"), std::string::npos) << rows.status().ToString();
}

TEST_F(RosterTest, UnknownUnitCode) {
  auto rows = Parse(DemoRosterWith(10, 4, "150301009009"));
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 10, "单位代码")) << rows.status().ToString();
}

TEST_F(RosterTest, UnitNameNotMatchingTheCode) {
  auto rows = Parse(DemoRosterWith(3, 5, "绿洲村"));  // line 3 is 葡萄村
  ASSERT_FALSE(rows.ok());
  ASSERT_EQ(rows.status().details().size(), 1u) << rows.status().ToString();
  EXPECT_TRUE(HasError(rows.status(), 3, "单位")) << rows.status().ToString();
}

TEST_F(RosterTest, ParentAndDistrictNotMatchingTheCode) {
  auto text = DemoRosterWith(3, 6, "新华街道");
  auto rows = Parse(text);
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 3, "上级单位")) << rows.status().ToString();
  rows = Parse(DemoRosterWith(4, 7, "乌达区"));
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 4, "所属区")) << rows.status().ToString();
}

TEST_F(RosterTest, GroupNotMatchingTheUnitLevel) {
  auto rows = Parse(DemoRosterWith(2, 8, "村(社区)党组织书记组"));  // 张立 leads a town
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 2, "组别")) << rows.status().ToString();
}

TEST_F(RosterTest, DuplicateNo) {
  auto rows = Parse(DemoRosterWith(7, 0, "3"));
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 7, "编号")) << rows.status().ToString();
}

TEST_F(RosterTest, NoThatIsNotANumber) {
  auto rows = Parse(DemoRosterWith(6, 0, "五"));
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 6, "编号")) << rows.status().ToString();
}

TEST_F(RosterTest, TwoSecretariesForOneUnit) {
  auto rows = Parse(kHeader + std::string("1,张立,男,镇党委书记,150301001\r\n200,李明,男,镇长,150301001\r\n"));
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 3, "单位代码")) << rows.status().ToString();
}

TEST_F(RosterTest, TheNumberColumnIs编号AndAnOlderFiles序号ReadsTheSame) {
  auto now = Parse("编号,姓名,性别,职务,单位代码\r\n7,张立,男,镇党委书记,150301001\r\n");
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  auto older = Parse("序号,姓名,性别,职务,单位代码\r\n7,张立,男,镇党委书记,150301001\r\n");
  ASSERT_TRUE(older.ok()) << older.status().ToString();
  EXPECT_EQ((*now)[0].candidate.no, 7);
  EXPECT_EQ((*older)[0].candidate.no, 7);
  auto both = Parse("编号,序号,姓名,性别,职务,单位代码\r\n7,7,张立,男,镇党委书记,150301001\r\n");
  EXPECT_FALSE(both.ok()) << "the same column twice";
}

TEST_F(RosterTest, MissingRequiredColumn) {
  auto rows = Parse("序号,姓名,职务,单位代码\r\n1,张立,镇党委书记,150301001\r\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), code::kInvalid);
  EXPECT_TRUE(HasError(rows.status(), 1, "性别")) << rows.status().ToString();
}

TEST_F(RosterTest, UnknownAndDuplicateColumns) {
  auto rows = Parse("序号,姓名,性别,职务,单位代码,电话,姓名\r\n1,张立,男,镇党委书记,150301001,1,张立\r\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 1, "电话")) << rows.status().ToString();
  EXPECT_TRUE(HasError(rows.status(), 1, "姓名")) << rows.status().ToString();
}

TEST_F(RosterTest, OnlyRequiredColumnsInAnyOrderWithSpaces) {
  auto rows = Parse("\xEF\xBB\xBF单位代码, 序号 ,姓名,职务,性别\r\n150303004001,97, 钟庆梅\xE3\x80\x80,社区党组织书记,男\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].candidate.no, 97);
  EXPECT_EQ((*rows)[0].candidate.name, "钟庆梅");
  EXPECT_EQ((*rows)[0].candidate.group, "village_community");
}

TEST_F(RosterTest, HeaderOnlyOrEmptyFile) {
  EXPECT_EQ(Parse(kHeader).status().code(), code::kInvalid);
  EXPECT_EQ(Parse("").status().code(), code::kInvalid);
}

TEST_F(RosterTest, MoreFieldsThanTheHeader) {
  auto rows = Parse("序号,姓名,性别,职务,单位代码\r\n1,张立,男,镇党委书记,150301001,多余\r\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_TRUE(HasError(rows.status(), 2, "")) << rows.status().ToString();
}

TEST_F(RosterTest, EveryBadRowIsReportedInLineOrder) {
  // Line 40: a bad gender; line 7: 序号 3 again (found only when the whole file is read);
  // line 6: no name.
  std::string text = With(With(DemoRosterWith(40, 2, "M"), 7, 0, "3"), 6, 1, "");
  auto rows = Parse(text);
  ASSERT_FALSE(rows.ok());
  const Status s = rows.status();
  const auto& d = s.details();
  ASSERT_EQ(d.size(), 3u) << rows.status().ToString();
  EXPECT_EQ(d[0].line, 6);
  EXPECT_EQ(d[0].field, "姓名");
  EXPECT_EQ(d[1].line, 7);
  EXPECT_EQ(d[1].field, "编号");
  EXPECT_EQ(d[2].line, 40);
  EXPECT_EQ(d[2].field, "性别");
}

TEST_F(RosterTest, MessageCountsTheProblems) {
  auto rows = Parse(With(DemoRosterWith(40, 2, "M"), 6, 1, ""));
  ASSERT_FALSE(rows.ok());
  ASSERT_EQ(rows.status().details().size(), 2u);
  EXPECT_NE(rows.status().message().find("名单有 2 处错误"), std::string::npos) << rows.status().message();
}

TEST_F(RosterTest, CsvSyntaxErrorIsPassedOn) {
  auto rows = Parse(kHeader + std::string("1,\"张立,男,镇党委书记,150301001\r\n"));
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), code::kInvalid);
  EXPECT_TRUE(HasError(rows.status(), 2, "")) << rows.status().ToString();
}

TEST_F(RosterTest, PlanUpdateByNoKeepsTheId) {
  auto rows = Rows("97,钟庆梅,女,社区党委书记,150303004001\r\n");
  auto plan = PlanRoster(Stored(), rows, doc_.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->inserts.empty());
  ASSERT_EQ(plan->updates.size(), 1u);
  EXPECT_EQ(plan->updates[0].id, 1097);
  EXPECT_EQ(plan->updates[0].gender, "女");
  EXPECT_EQ(plan->updates[0].title, "社区党委书记");
  EXPECT_EQ(plan->unchanged, 0);
}

TEST_F(RosterTest, PlanReimportOfTheSameRosterChangesNothing) {
  auto rows = Parse(DemoRosterCsvText());
  ASSERT_TRUE(rows.ok());
  auto plan = PlanRoster(Stored(), *rows, doc_.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->inserts.empty());
  EXPECT_TRUE(plan->updates.empty());
  EXPECT_EQ(plan->unchanged, 103);
}

TEST_F(RosterTest, PlanNewNoInserts) {
  auto stored = Stored();
  std::erase_if(stored, [](const Candidate& c) { return c.no == 97; });  // 新桥社区 has no secretary
  auto rows = Rows("200,王新,女,社区党组织书记,150303004001\r\n");
  auto plan = PlanRoster(stored, rows, doc_.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->inserts.size(), 1u);
  EXPECT_EQ(plan->inserts[0].no, 200);
  EXPECT_EQ(plan->inserts[0].id, 0);
  EXPECT_EQ(plan->inserts[0].group, "village_community");
  EXPECT_TRUE(plan->updates.empty());
}

TEST_F(RosterTest, PlanUnitCollisionWithTheStoredRoster) {
  auto rows = Rows("200,王新,女,社区党组织书记,150303004001\r\n");  // 钟庆梅 (97) holds this unit
  auto plan = PlanRoster(Stored(), rows, doc_.config);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), code::kInvalid);
  EXPECT_TRUE(HasError(plan.status(), 2, "单位代码")) << plan.status().ToString();
}

TEST_F(RosterTest, PlanMovingASecretaryOntoAnOccupiedUnit) {
  auto rows = Rows("2,范杰,男,村党支部书记,150301001002\r\n");  // 邵海宏 (3) holds 绿洲村
  auto plan = PlanRoster(Stored(), rows, doc_.config);
  ASSERT_FALSE(plan.ok());
  EXPECT_TRUE(HasField(plan.status(), "单位代码")) << plan.status().ToString();
}

TEST_F(RosterTest, PlanSwapOfUnitsInOneImportIsFine) {
  auto rows = Rows("2,范杰,男,村党支部书记,150301001002\r\n3,邵海宏,女,村党支部书记,150301001001\r\n");
  auto plan = PlanRoster(Stored(), rows, doc_.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->updates.size(), 2u);
}

TEST_F(RosterTest, PlanQuotaOverflow) {
  // Ten town/street secretaries are left, exactly the ten places of that group; 葡萄村 is free.
  std::vector<Candidate> stored;
  int town_street = 0;
  for (const auto& c : Stored()) {
    if (c.no == 2) continue;  // 葡萄村
    if (c.group == "town_street" && ++town_street > 10) continue;
    stored.push_back(c);
  }
  ASSERT_TRUE(ValidateQuotas(doc_.config, GroupSizes(stored)).ok());
  // 张立 moves from 千里山镇 to 葡萄村: town_street would have 9 for 10 places.
  auto rows = Rows("1,张立,男,村党支部书记,150301001001\r\n");
  auto plan = PlanRoster(stored, rows, doc_.config);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), code::kInvalid);
  EXPECT_TRUE(HasField(plan.status(), "awards.town_street")) << plan.status().ToString();
}

TEST_F(RosterTest, PlanKeepsADisabledCandidateDisabled) {
  auto stored = Stored();
  stored[96].active = false;  // 97 钟庆梅
  ASSERT_EQ(stored[96].no, 97);
  auto rows = Rows("97,钟庆梅,男,社区党委书记,150303004001\r\n");
  auto plan = PlanRoster(stored, rows, doc_.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->updates.size(), 1u);
  EXPECT_FALSE(plan->updates[0].active);
}

TEST_F(RosterTest, RosterToCsvRoundTrip) {
  auto list = doc_.candidates;
  list[0].title = "镇党委书记,镇长";          // a comma
  list[1].name = "范\"小\"杰";                // quotes
  std::string csv = RosterToCsv(list, tree_, doc_.config);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("编号,姓名,性别,职务,单位代码,单位,上级单位,所属区,组别\r\n"), std::string::npos);
  auto rows = Parse(csv);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Candidate& c = (*rows)[i].candidate;
    EXPECT_EQ(c.no, list[i].no);
    EXPECT_EQ(c.name, list[i].name);
    EXPECT_EQ(c.gender, list[i].gender);
    EXPECT_EQ(c.title, list[i].title);
    EXPECT_EQ(c.unit, list[i].unit);
    EXPECT_EQ(c.group, list[i].group);
  }
}

TEST_F(RosterTest, RosterToCsvMatchesTheDemoFile) {
  // The demo roster file is the export of the demo document, apart from the BOM.
  std::string csv = RosterToCsv(doc_.candidates, tree_, doc_.config);
  EXPECT_EQ(csv, "\xEF\xBB\xBF" + DemoRosterCsvText());
}

}  // namespace
}  // namespace ss
