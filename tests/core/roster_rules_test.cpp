#include "core/roster_rules.h"

#include <gtest/gtest.h>

#include "demo.h"

namespace ss {
namespace {

using tests::HasError;
using tests::HasField;

class RosterRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = tests::DemoDocument();
    auto tree = OrgTree::Build(doc_.units);
    ASSERT_TRUE(tree.ok()) << tree.status().ToString();
    tree_ = std::move(*tree);
    candidates_ = doc_.candidates;
    for (std::size_t i = 0; i < candidates_.size(); ++i) candidates_[i].id = static_cast<std::int64_t>(i + 1);
  }
  RosterSnapshot Snapshot(PhaseKey phase = PhaseKey::kDraft) const { return {doc_.config, tree_, candidates_, phase}; }
  const Candidate& ByNo(int no) const {
    for (const auto& c : candidates_)
      if (c.no == no) return c;
    throw std::logic_error("no such 序号");
  }
  // A village of 海勃湾区 without an active secretary, or "".
  std::string FreeVillage() const {
    for (const auto& u : tree_.units()) {
      if (u.level != Level::kVillage || !u.active || Snapshot().DistrictOf(u.code) != "150301") continue;
      bool taken = false;
      for (const auto& c : candidates_) taken = taken || (c.active && c.unit == u.code);
      if (!taken) return u.code;
    }
    return "";
  }
  static Actor Organizer() { return {1, "organizer", Role::kOrganizer, "", 0}; }
  static Actor DistrictAdmin(std::string district) { return {2, "dist", Role::kDistrictAdmin, std::move(district), 0}; }

  CampaignDocument doc_;
  OrgTree tree_;
  std::vector<Candidate> candidates_;
};

TEST(CheckCorrection, AnythingGoesInTheRosterPhases) {
  PhaseSchedule none;
  EXPECT_FALSE(CheckCorrection(PhaseKey::kDraft, none, std::nullopt));
  EXPECT_FALSE(CheckCorrection(PhaseKey::kShowcase, none, std::string("")));
}

TEST(CheckCorrection, LaterAReasonOfFourCharactersNamingThePhase) {
  PhaseSchedule schedule({Phase{PhaseKey::kVoting, "展播与线上投票", 0, 0, 0, 0}});
  auto missing = CheckCorrection(PhaseKey::kVoting, schedule, std::nullopt);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->field, "reason");
  EXPECT_EQ(missing->message, "当前阶段为“展播与线上投票”，修改名单属于更正，须填写更正原因（至少 4 个字）");
  EXPECT_TRUE(CheckCorrection(PhaseKey::kVoting, schedule, std::string("abc")));
  EXPECT_TRUE(CheckCorrection(PhaseKey::kVoting, schedule, std::string("更正原")));  // 3 characters, 9 bytes
  EXPECT_FALSE(CheckCorrection(PhaseKey::kVoting, schedule, std::string("更正原因")));
  EXPECT_FALSE(CheckCorrection(PhaseKey::kVoting, schedule, std::string("abcd")));
  // A phase the schedule does not list is named by its default title.
  auto judging = CheckCorrection(PhaseKey::kJudging, schedule, std::nullopt);
  ASSERT_TRUE(judging);
  EXPECT_NE(judging->message.find(std::string(PhaseDefaultTitle(PhaseKey::kJudging))), std::string::npos);
}

TEST(Utf8Chars, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Chars(""), 0u);
  EXPECT_EQ(Utf8Chars("ab"), 2u);
  EXPECT_EQ(Utf8Chars("更正"), 2u);
}

TEST_F(RosterRulesTest, UpdateKeepsWhatTheFormDoesNotName) {
  const Candidate& c = ByNo(2);
  CandidateChange change;
  change.title = "村党委书记";
  auto next = DecideCandidate(Snapshot(), Organizer(), &c, change);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->id, c.id);
  EXPECT_EQ(next->name, c.name);
  EXPECT_EQ(next->title, "村党委书记");
  EXPECT_EQ(next->group, "village_community");
}

TEST_F(RosterRulesTest, UniqueNumberAndOneActiveSecretaryPerUnit) {
  const Candidate& c = ByNo(2);
  CandidateChange change;
  change.no = 3;
  change.unit = ByNo(3).unit;
  auto refused = DecideCandidate(Snapshot(), Organizer(), &c, change);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), code::kInvalid);
  EXPECT_EQ(refused.status().message(), "提交的内容有误");
  EXPECT_TRUE(HasField(refused.status(), "no"));
  EXPECT_TRUE(HasField(refused.status(), "unit"));
  // A disabled candidate may share the unit.
  change.no = 9999;
  change.active = false;
  EXPECT_TRUE(DecideCandidate(Snapshot(), Organizer(), &c, change).ok());
}

TEST_F(RosterRulesTest, CreateInAFreeVillage) {
  // Every demo village has a secretary: disable one to free its unit.
  for (auto& c : candidates_)
    if (c.no == 2) c.active = false;
  std::string village = FreeVillage();
  ASSERT_EQ(village, ByNo(2).unit);
  CandidateChange change{9000, "新书记", "女", "村党支部书记", village, std::nullopt, std::nullopt};
  auto next = DecideCandidate(Snapshot(), DistrictAdmin("150301"), nullptr, change);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->id, 0);
  EXPECT_TRUE(next->active);
  // Another district's admin may not put them there.
  auto other = DecideCandidate(Snapshot(), DistrictAdmin("150302"), nullptr, change);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), code::kForbidden);
  EXPECT_EQ(other.status().message(), "只能把参评人安排在本区的单位");
}

TEST_F(RosterRulesTest, PermissionComesBeforeTheFormErrors) {
  const Candidate& c = ByNo(48);  // 乌达区
  auto refused = DecideCandidate(Snapshot(), DistrictAdmin("150301"), &c, {}, {{0, "name", "应为文字"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), code::kForbidden);
  EXPECT_EQ(refused.status().message(), "只能修改本区的参评人");
  auto judge = DecideCandidate(Snapshot(), Actor{3, "j", Role::kJudge, "", 0}, nullptr, {});
  ASSERT_FALSE(judge.ok());
  EXPECT_EQ(judge.status().code(), code::kForbidden);
  auto form = DecideCandidate(Snapshot(), Organizer(), &c, {}, {{0, "name", "应为文字"}});
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.status().code(), code::kInvalid);
  EXPECT_TRUE(HasField(form.status(), "name"));
}

TEST_F(RosterRulesTest, AfterTheRosterPhasesAChangeNeedsAReason) {
  const Candidate& c = ByNo(2);
  CandidateChange change;
  change.title = "村党委书记";
  auto refused = DecideCandidate(Snapshot(PhaseKey::kVoting), Organizer(), &c, change);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(HasField(refused.status(), "reason"));
  change.reason = "职务录入有误";
  EXPECT_TRUE(DecideCandidate(Snapshot(PhaseKey::kVoting), Organizer(), &c, change).ok());
}

TEST_F(RosterRulesTest, RosterImportRowsMustAllLieInTheDistrict) {
  std::vector<RosterRow> rows{{2, ByNo(2)}, {3, ByNo(48)}};
  EXPECT_TRUE(RosterRowsOutOfDistrict(Snapshot(), Organizer(), rows).empty());
  auto errors = RosterRowsOutOfDistrict(Snapshot(), DistrictAdmin("150301"), rows);
  ASSERT_EQ(errors.size(), 2u);  // the unit and the 序号 of row 3, even though unchanged
  Status s = OutOfDistrict(errors, "名单");
  EXPECT_EQ(s.message(), "名单有 2 处超出本区，未导入任何数据");
  EXPECT_TRUE(HasError(s, 3, "单位代码"));
  EXPECT_TRUE(HasError(s, 3, "编号"));
  EXPECT_TRUE(OutOfDistrict({}, "名单").ok());
}

// Every problem of every row in one pass: a row with a bad 性别 and a row outside the
// district are both reported, and so is a row whose unit already has a secretary.
TEST_F(RosterRulesTest, RosterImportReportsEveryProblemAtOnce) {
  const Candidate& own = ByNo(2);     // 海勃湾区
  const Candidate& other = ByNo(48);  // another district
  const Candidate& neighbour = ByNo(3);
  ASSERT_EQ(Snapshot().DistrictOf(own.unit), "150301");
  ASSERT_NE(Snapshot().DistrictOf(other.unit), "150301");
  ASSERT_EQ(Snapshot().DistrictOf(neighbour.unit), "150301");
  auto row = [](int line, const Candidate& c, std::string gender, std::string unit) {
    return CsvRecord{line, {std::to_string(c.no), c.name, std::move(gender), c.title, std::move(unit)}};
  };
  std::vector<CsvRecord> records{{1, {"序号", "姓名", "性别", "职务", "单位代码"}},
                                 row(2, own, "未知", own.unit),
                                 row(3, other, other.gender, other.unit),
                                 row(4, neighbour, neighbour.gender, own.unit)};
  auto refused = PlanRosterImport(Snapshot(), DistrictAdmin("150301"), records);
  ASSERT_FALSE(refused.ok());
  const Status& s = refused.status();
  EXPECT_TRUE(HasError(s, 2, "性别")) << s.ToString();
  EXPECT_TRUE(HasError(s, 3, "单位代码")) << s.ToString();
  EXPECT_TRUE(HasError(s, 3, "编号")) << s.ToString();
  EXPECT_TRUE(HasError(s, 4, "单位代码")) << s.ToString();  // 2's unit, whose secretary stays
  EXPECT_NE(s.message().find("其中 2 处超出本区"), std::string::npos) << s.message();
  for (std::size_t i = 1; i < s.details().size(); ++i) EXPECT_LE(s.details()[i - 1].line, s.details()[i].line);

  // Only outside the district: the message says so; all good: the plan.
  std::vector<CsvRecord> outside{records[0], row(2, other, other.gender, other.unit)};
  EXPECT_EQ(PlanRosterImport(Snapshot(), DistrictAdmin("150301"), outside).status().message(),
            "名单有 2 处超出本区，未导入任何数据");
  std::vector<CsvRecord> good{records[0], row(2, own, own.gender, own.unit)};
  auto plan = PlanRosterImport(Snapshot(), DistrictAdmin("150301"), good);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->unchanged, 1);
  // An unknown unit is the row's own problem, not also "outside the district".
  std::vector<CsvRecord> unknown{records[0], row(2, own, own.gender, "999999")};
  auto bad_unit = PlanRosterImport(Snapshot(), DistrictAdmin("150301"), unknown);
  ASSERT_FALSE(bad_unit.ok());
  EXPECT_EQ(bad_unit.status().details().size(), 1u) << bad_unit.status().ToString();
}

TEST_F(RosterRulesTest, OrgImportRowsMustAllLieInTheDistrict) {
  std::vector<CsvRecord> records{{1, {"单位代码", "单位名称"}}, {2, {"150301001001", "葡萄村"}}, {3, {" 150302001 ", "x"}}, {4, {}}};
  EXPECT_TRUE(OrgRowsOutOfDistrict(tree_, Organizer(), records).empty());
  auto errors = OrgRowsOutOfDistrict(tree_, DistrictAdmin("150301"), records);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3);
  EXPECT_EQ(errors[0].field, "上级单位代码");
  EXPECT_EQ(errors[0].message, "单位 150302001 不在本区，不能导入");
  EXPECT_TRUE(OrgRowsOutOfDistrict(tree_, DistrictAdmin("150301"), {}).empty());
  // A unit the tree does not know is its row's own problem, not also outside the district.
  EXPECT_TRUE(OrgRowsOutOfDistrict(tree_, DistrictAdmin("150301"), {records[0], {2, {"150301999999", "x"}}}).empty());
  Status s = OutOfDistrict({{5, "a", "x"}, {2, "b", "y"}}, "单位表");
  EXPECT_EQ(s.details()[0].line, 2);
}

TEST_F(RosterRulesTest, AnOrgImportTellsItsOwnErrorsAndTheOutOfDistrictRowsAtOnce) {
  std::vector<CsvRecord> records{{1, {"单位代码", "单位名称", "层级", "上级单位代码"}},
                                 {2, {"150301001901", "", "村", "150301001"}},            // no name
                                 {3, {"150302001901", "乌达新村", "村", "150302001"}},    // 乌达区
                                 {4, {"150301001902", "海勃湾新村", "村", "150301001"}}};  // fine
  auto plan = PlanOrgImport(tree_, DistrictAdmin("150301"), records);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "单位表有 2 处错误（其中 1 处超出本区），未导入任何数据");
  ASSERT_EQ(plan.status().details().size(), 2u);
  EXPECT_EQ(plan.status().details()[0].line, 2);
  EXPECT_EQ(plan.status().details()[1].line, 3);
  EXPECT_EQ(PlanOrgImport(tree_, DistrictAdmin("150301"), {records[0], records[2]}).status().message(),
            "单位表有 1 处超出本区，未导入任何数据");
  auto good = PlanOrgImport(tree_, DistrictAdmin("150301"), {records[0], records[3]});
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->inserts.size(), 1u);
  EXPECT_TRUE(PlanOrgImport(tree_, Organizer(), {records[0], records[2], records[3]}).ok());
}

}  // namespace
}  // namespace ss
