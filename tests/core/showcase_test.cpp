// A showcase's rules (core/showcase/showcase.h): what a draft may hold, what a submission
// needs, the review's states, and the line diff the reviewer reads.
#include <gtest/gtest.h>

#include <set>

#include "core/showcase/showcase.h"
#include "demo.h"

namespace ss::showcase {
namespace {

const std::string kVideo = "0123456789abcdef0123456789abcdef";

Content Complete(const CampaignConfig& config) {
  Content c;
  for (const auto& title : config.showcase_sections)
    c.sections[title] = "坚持党建引领，围绕群众急难愁盼问题，建立“网格员+志愿者”服务机制，办成实事二十余件。";
  c.themes = {"领导基层社会治理", "促基层治理"};
  c.video = kVideo;
  c.photos = {{"fedcba9876543210fedcba9876543210", "党群服务中心议事会"}};
  return c;
}

// Every upload of `c` processed.
std::set<std::string> Processed(const Content& c) {
  std::set<std::string> done{c.video};
  for (const auto& p : c.photos) done.insert(p.upload);
  return done;
}

TEST(Showcase, ACompleteShowcaseOfACommunitySecretaryMaySubmit) {
  CampaignConfig config = ss::tests::DemoDocument().config;
  Content c = Complete(config);
  EXPECT_TRUE(CheckDraft(c, config, Level::kCommunity, Limits{}).ok());
  Status s = CheckSubmission(c, config, Level::kCommunity, Limits{}, Processed(c));
  EXPECT_TRUE(s.ok()) << s.ToString();
  // A draft may be anything short of that: empty, one section, no video.
  EXPECT_TRUE(CheckDraft(Content{}, config, Level::kCommunity, Limits{}).ok());
}

TEST(Showcase, ADraftIsRefusedFieldByField) {
  CampaignConfig config = ss::tests::DemoDocument().config;
  Content c = Complete(config);
  c.sections["个人简历"] = "不在本活动的栏目里";
  c.sections["工作成效"] = std::string(3001 * 3, 'a').substr(0, 3001);  // 3001 characters
  c.themes = {"乡村振兴", "促基层治理", "促基层治理"};  // a town's theme for a community, a repeat
  c.photos.push_back({"../../etc/passwd", std::string(61, 'x')});
  Status s = CheckDraft(c, config, Level::kCommunity, Limits{});
  ASSERT_EQ(s.code(), code::kInvalid);
  EXPECT_TRUE(ss::tests::HasField(s, "sections.个人简历"));
  EXPECT_TRUE(ss::tests::HasField(s, "sections.工作成效"));
  EXPECT_TRUE(ss::tests::HasField(s, "themes[0]"));
  EXPECT_TRUE(ss::tests::HasField(s, "themes[2]"));
  EXPECT_FALSE(ss::tests::HasField(s, "themes[1]"));
  EXPECT_TRUE(ss::tests::HasField(s, "photos[1].upload"));
  EXPECT_TRUE(ss::tests::HasField(s, "photos[1].caption"));
  EXPECT_EQ(s.details().size(), 6u) << s.ToString();
  EXPECT_EQ(s.message(), "展示材料有 6 处需要修改") << "counted before the details move";
  // The town's theme is fine for a town secretary.
  Content town = Complete(config);
  town.themes = {"乡村振兴"};
  EXPECT_TRUE(CheckDraft(town, config, Level::kTown, Limits{}).ok());
}

TEST(Showcase, ASubmissionNamesWhatIsMissing) {
  CampaignConfig config = ss::tests::DemoDocument().config;
  Content c = Complete(config);
  c.sections.erase("特色亮点");
  c.sections["工作成效"] = "  很好。 ";
  c.themes.clear();
  Status s = CheckSubmission(c, config, Level::kCommunity, Limits{}, Processed(c));
  ASSERT_EQ(s.code(), kIncomplete);
  EXPECT_TRUE(ss::tests::HasField(s, "sections.特色亮点"));
  EXPECT_TRUE(ss::tests::HasField(s, "sections.工作成效"));
  EXPECT_TRUE(ss::tests::HasField(s, "themes"));
  EXPECT_EQ(s.details().size(), 3u);
  EXPECT_EQ(s.message(), "还不能提交审核：有 3 项没有完成");
  Content no_video = Complete(config);
  no_video.video.clear();
  EXPECT_TRUE(ss::tests::HasField(CheckSubmission(no_video, config, Level::kCommunity, Limits{}, Processed(no_video)), "video"));
  Content waiting = Complete(config);
  Status processing = CheckSubmission(waiting, config, Level::kCommunity, Limits{}, {waiting.photos[0].upload});
  ASSERT_EQ(processing.details().size(), 1u);
  EXPECT_EQ(processing.details()[0].message, "视频还在处理中（或未通过检查），处理完成后才能提交");
  Status photo = CheckSubmission(waiting, config, Level::kCommunity, Limits{}, {waiting.video});
  ASSERT_EQ(photo.details().size(), 1u);
  EXPECT_EQ(photo.details()[0].field, "photos[0].upload");
}

TEST(Showcase, TheReviewMovesOnlyFromSubmitted) {
  EXPECT_EQ(CheckEditable(State::kSubmitted).code(), kNotEditable);
  for (State s : {State::kDraft, State::kApproved, State::kReturned}) EXPECT_TRUE(CheckEditable(s).ok());
  EXPECT_TRUE(CheckReviewable(State::kSubmitted).ok());
  for (State s : {State::kDraft, State::kApproved, State::kReturned}) EXPECT_EQ(CheckReviewable(s).code(), kNotSubmitted);
  EXPECT_EQ(CheckReturnComment("   ", Limits{}).code(), code::kInvalid);
  EXPECT_TRUE(CheckReturnComment("请补充工作成效中的具体数据", Limits{}).ok());
  for (State s : {State::kDraft, State::kSubmitted, State::kApproved, State::kReturned}) EXPECT_EQ(ParseState(StateKey(s)), s);
  EXPECT_FALSE(ParseState("deleted"));
}

TEST(Showcase, CharactersAreCountedAsReadersCountThem) {
  EXPECT_EQ(CharCount("党建引领"), 4u);
  EXPECT_EQ(CharCount("a党b"), 3u);
  EXPECT_EQ(CharCount(""), 0u);
}

TEST(Showcase, TheDiffShowsWhatWentAndWhatCame) {
  auto d = DiffLines("第一段\n第二段\n第三段", "第一段\n第二段（改）\n第三段\n第四段");
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].op, DiffPiece::kSame);
  EXPECT_EQ(d[1].op, DiffPiece::kRemoved);
  EXPECT_EQ(d[1].text, "第二段");
  EXPECT_EQ(d[2].op, DiffPiece::kAdded);
  EXPECT_EQ(d[2].text, "第二段（改）");
  EXPECT_EQ(d[3].op, DiffPiece::kSame);
  EXPECT_EQ(d[4].op, DiffPiece::kAdded);
  EXPECT_EQ(d[4].text, "第四段");
  EXPECT_TRUE(DiffLines("", "").empty());
  auto added = DiffLines("", "新写的");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0].op, DiffPiece::kAdded);
}

}  // namespace
}  // namespace ss::showcase

#include "core/showcase/showcase_json.h"

namespace ss::showcase {
namespace {
TEST(ShowcaseJson, RoundTripsAndNamesTheWrongTypes) {
  Content c = Complete(ss::tests::DemoDocument().config);
  auto back = ParseContentText(ContentText(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sections, c.sections);
  EXPECT_EQ(back->themes, c.themes);
  EXPECT_EQ(back->video, c.video);
  ASSERT_EQ(back->photos.size(), 1u);
  EXPECT_EQ(back->photos[0].caption, "党群服务中心议事会");
  auto bad = ParseContent(boost::json::parse(R"({"sections":{"工作成效":12},"themes":"治理","photos":[{"caption":"x"}]})"));
  ASSERT_EQ(bad.status().code(), code::kInvalid);
  EXPECT_TRUE(ss::tests::HasField(bad.status(), "sections.工作成效"));
  EXPECT_TRUE(ss::tests::HasField(bad.status(), "themes"));
  EXPECT_TRUE(ss::tests::HasField(bad.status(), "photos[0].upload"));
  EXPECT_TRUE(ParseContent(boost::json::parse("{}")).ok());
}
}  // namespace
}  // namespace ss::showcase

namespace ss::showcase {
namespace {
TEST(ShowcasePhase, OutsideItsPhasesOnlyStaffMayCorrectWithAReason) {
  EXPECT_TRUE(CheckPhase(Action::kEditShowcase, PhaseKey::kShowcase, Role::kCandidate, std::nullopt).ok());
  EXPECT_EQ(CheckPhase(Action::kEditShowcase, PhaseKey::kVoting, Role::kCandidate, std::string("想改一下")).code(), code::kWrongPhase);
  Status no_reason = CheckPhase(Action::kEditShowcase, PhaseKey::kVoting, Role::kDistrictAdmin, std::nullopt);
  EXPECT_EQ(no_reason.code(), code::kInvalid);
  EXPECT_TRUE(ss::tests::HasField(no_reason, "reason"));
  EXPECT_EQ(CheckPhase(Action::kEditShowcase, PhaseKey::kVoting, Role::kOrganizer, std::string("错字")).code(), code::kInvalid);
  EXPECT_TRUE(CheckPhase(Action::kEditShowcase, PhaseKey::kVoting, Role::kOrganizer, std::string("更正错别字")).ok());
  EXPECT_TRUE(CheckPhase(Action::kReviewShowcase, PhaseKey::kReview, Role::kDistrictAdmin, std::nullopt).ok());
  EXPECT_FALSE(CheckPhase(Action::kReviewShowcase, PhaseKey::kVoting, Role::kDistrictAdmin, std::nullopt).ok());
}
TEST(ShowcasePhase, ReviewersAreStaffOfTheDistrict) {
  EXPECT_TRUE(MayReviewShowcase(Actor{1, "o", Role::kOrganizer, "", 0}, "150304"));
  EXPECT_TRUE(MayReviewShowcase(Actor{2, "h", Role::kDistrictAdmin, "150303", 0}, "150303"));
  EXPECT_FALSE(MayReviewShowcase(Actor{2, "h", Role::kDistrictAdmin, "150303", 0}, "150304"));
  EXPECT_FALSE(MayReviewShowcase(Actor{3, "c", Role::kCandidate, "", 97}, "150303"));
  EXPECT_FALSE(MayReviewShowcase(Actor{4, "j", Role::kJudge, "", 0}, "150303"));
}
}  // namespace
}  // namespace ss::showcase
