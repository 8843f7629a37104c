// The store conformance suite for showcases (store/showcases.h): drafts saved against the copy
// the editor saw, versions submitted and decided inside the write, the public version, the
// audit entries.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "conformance.h"

namespace ss::tests {
namespace {

using showcase::Content;
using showcase::State;

class ShowcaseConformanceTest : public FreshStoreTest {
 protected:
  store::ShowcaseRepository& showcases() { return store_->showcases(); }
  static Content Text(const std::string& effect) {
    Content c;
    c.sections["工作成效"] = effect;
    c.themes = {"促基层治理"};
    return c;
  }
  static store::AuditEvent Audit(const std::string& action, Millis at) { return TestAudit(action, "", at); }
};

TEST_P(ShowcaseConformanceTest, ADraftIsSavedAgainstTheCopyItsEditorSaw) {
  EXPECT_FALSE(showcases().Get(1, 97)->has_value());
  auto first = showcases().SaveDraft(1, 97, Text("第一稿"), 0, "cand097", 1000, Audit("showcase.save", 1000)).Wait();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->state, State::kDraft);
  EXPECT_EQ(first->updated_at, 1000);
  // The district admin saves over the copy they loaded (1000); the candidate, who also
  // loaded 1000, is then told someone else saved first, and nothing of theirs is written.
  ASSERT_TRUE(showcases().SaveDraft(1, 97, Text("区里改的"), 1000, "hainan", 2000, Audit("showcase.save", 2000)).Wait().ok());
  auto lost = showcases().SaveDraft(1, 97, Text("书记改的"), 1000, "cand097", 2500, Audit("showcase.save", 2500)).Wait();
  EXPECT_EQ(lost.status().code(), code::kConflict);
  EXPECT_EQ((*showcases().Get(1, 97))->draft.sections.at("工作成效"), "区里改的");
  // Two saves in the same millisecond still get stamps of their own.
  auto a = showcases().SaveDraft(1, 97, Text("a"), 2000, "x", 2000, Audit("showcase.save", 2000)).Wait();
  ASSERT_TRUE(a.ok());
  EXPECT_GT(a->updated_at, 2000);
}

TEST_P(ShowcaseConformanceTest, ConcurrentSavesOfOneCopyLetExactlyOneThrough) {
  ASSERT_TRUE(showcases().SaveDraft(1, 97, Text("起"), 0, "x", 1000, Audit("showcase.save", 1000)).Wait().ok());
  std::atomic<int> saved{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] {
      if (showcases().SaveDraft(1, 97, Text("改" + std::to_string(i)), 1000, "x", 2000 + i, Audit("showcase.save", 2000)).Wait().ok())
        ++saved;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(saved.load(), 1);
}

TEST_P(ShowcaseConformanceTest, ReturnedFixedResubmittedApproved) {
  auto d = *showcases().SaveDraft(1, 97, Text("第一稿"), 0, "cand097", 1000, Audit("showcase.save", 1000)).Wait();
  auto s1 = showcases().Submit(1, 97, d.updated_at, "cand097", 1100, Audit("showcase.submit", 1100)).Wait();
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  EXPECT_EQ(s1->state, State::kSubmitted);
  EXPECT_EQ(s1->versions, 1);
  // Waiting for review: no edits, no second submission.
  EXPECT_EQ(showcases().SaveDraft(1, 97, Text("偷改"), s1->updated_at, "cand097", 1200, Audit("showcase.save", 1200)).Wait().status().code(),
            showcase::kNotEditable);
  EXPECT_EQ(showcases().Decide(1, 97, 2, true, "", "hainan", 1300, Audit("showcase.approve", 1300)).Wait().status().code(),
            code::kConflict);
  auto returned = showcases().Decide(1, 97, 1, false, "请补充具体数据", "hainan", 1400, Audit("showcase.return", 1400)).Wait();
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->state, State::kReturned);
  EXPECT_EQ(returned->comment, "请补充具体数据");
  EXPECT_EQ(returned->approved_version, 0);
  EXPECT_EQ(showcases().Decide(1, 97, 1, true, "", "hainan", 1450, Audit("showcase.approve", 1450)).Wait().status().code(),
            showcase::kNotSubmitted);
  EXPECT_FALSE(showcases().Approved(1, 97)->has_value());

  auto fixed = *showcases().SaveDraft(1, 97, Text("第二稿：办成实事 23 件"), returned->updated_at, "cand097", 1500,
                                      Audit("showcase.save", 1500)).Wait();
  auto s2 = *showcases().Submit(1, 97, fixed.updated_at, "cand097", 1600, Audit("showcase.submit", 1600)).Wait();
  EXPECT_EQ(s2.versions, 2);
  auto approved = showcases().Decide(1, 97, 2, true, "", "organizer", 1700, Audit("showcase.approve", 1700)).Wait();
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->state, State::kApproved);
  EXPECT_EQ(approved->approved_version, 2);
  auto pub = showcases().Approved(1, 97);
  ASSERT_TRUE(pub.ok() && pub->has_value());
  EXPECT_EQ((*pub)->content.sections.at("工作成效"), "第二稿：办成实事 23 件");
  EXPECT_EQ((*pub)->decided_by, "organizer");

  // Edited again after approval: a draft, while version 2 stays public.
  auto again = *showcases().SaveDraft(1, 97, Text("第三稿"), approved->updated_at, "cand097", 1800, Audit("showcase.save", 1800)).Wait();
  EXPECT_EQ(again.state, State::kDraft);
  EXPECT_EQ((*showcases().Approved(1, 97))->number, 2);

  auto versions = showcases().Versions(1, 97);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].number, 2);
  EXPECT_EQ((*versions)[0].decision, "approved");
  EXPECT_EQ((*versions)[1].decision, "returned");
  EXPECT_EQ((*versions)[1].comment, "请补充具体数据");
  EXPECT_EQ((*versions)[1].content.sections.at("工作成效"), "第一稿");
  EXPECT_EQ(showcases().List(1)->size(), 1u);
  EXPECT_TRUE(showcases().List(2)->empty());

  // Every change is in the audit log, against the candidate.
  auto audit = store_->audit().List(store::AuditQuery{});
  ASSERT_TRUE(audit.ok());
  int showcase_entries = 0;
  for (const auto& e : audit->first)
    if (e.action.rfind("showcase.", 0) == 0) {
      ++showcase_entries;
      EXPECT_EQ(e.target, "campaign:1/candidate:97");
    }
  EXPECT_EQ(showcase_entries, 7);  // three saves, two submissions, two decisions; no refusal
}

INSTANTIATE_TEST_SUITE_P(Backends, ShowcaseConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests
