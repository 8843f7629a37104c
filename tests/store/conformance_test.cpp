// The store conformance suite (conformance.h): every case runs against every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "../core/demo.h"
#include "conformance.h"

namespace ss::tests {
namespace {

using store::OpenStore;
using store::Store;

const TimeZone kShanghai{"Asia/Shanghai", 480};
Millis At(const char* iso) { return *ParseInstant(iso, kShanghai); }

// One line per candidate with every stored field, so that lists compare in one expectation.
std::vector<std::string> Describe(const std::vector<Candidate>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) {
    out.push_back(std::to_string(c.id) + "|" + std::to_string(c.no) + "|" + c.name + "|" + c.gender + "|" +
                  c.title + "|" + c.unit + "|" + c.group + "|" + (c.active ? "active" : "inactive"));
  }
  return out;
}

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().fresh_url(scratch_.path);
    Open();
  }

  void Open() {
    store_.reset();
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }

  // The demo campaign without the candidates whose 序号 is over `keep_up_to`; their units stay
  // free for later roster imports.
  static CampaignDocument Demo(int keep_up_to = 103) {
    auto doc = DemoDocument();
    std::erase_if(doc.candidates, [&](const Candidate& c) { return c.no > keep_up_to; });
    return doc;
  }

  std::int64_t Create(const CampaignDocument& doc, PhaseKey phase = PhaseKey::kDraft,
                      Millis now = At("2022-02-08T09:00:00+08:00")) {
    auto id = CreateCampaign(*store_, doc, phase, now);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  std::vector<Candidate> Candidates(std::int64_t campaign) {
    auto list = store_->roster().Candidates(campaign);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? *list : std::vector<Candidate>{};
  }

  static const Candidate* ByNo(const std::vector<Candidate>& list, int no) {
    auto it = std::find_if(list.begin(), list.end(), [&](const Candidate& c) { return c.no == no; });
    return it == list.end() ? nullptr : &*it;
  }

  // A backend moves the generation for its own writes before it answers them, and never
  // again for the same write, so the generation read now is settled: no waiting.
  std::uint64_t SettledGeneration() { return store_->Generation(); }

  ScratchDir scratch_;  // first: outlives the store
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreConformanceTest, FreshStoreHasASchemaAndNoCampaigns) {
  EXPECT_GE(store_->SchemaVersion(), 1);
  auto list = store_->campaigns().List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->empty());
}

TEST_P(StoreConformanceTest, CreateThenGetAndListReturnEveryConfigField) {
  auto doc = Demo();
  // The voting dates moved three days after publication: both schedules must be kept.
  auto& voting = doc.config.schedule.mutable_phases()[3];
  voting.original_start = voting.start - 3 * kMillisPerDay;
  voting.original_end = voting.end - 3 * kMillisPerDay;
  doc.config.vote_policy.per_group = {{"village_community", 2}};
  doc.config.weights.online_vote_method = VoteScoreMethod::kRank;

  Millis now = At("2022-02-08T09:00:00+08:00");
  std::int64_t id = Create(doc, PhaseKey::kShowcase, now);
  ASSERT_GT(id, 0);

  auto got = store_->campaigns().Get(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->id, id);
  EXPECT_EQ(got->phase, PhaseKey::kShowcase);
  EXPECT_EQ(got->created_at, now);
  EXPECT_EQ(got->updated_at, now);
  ExpectSameConfig(doc.config, got->config);

  auto list = store_->campaigns().List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, id);
  EXPECT_EQ((*list)[0].phase, PhaseKey::kShowcase);
  ExpectSameConfig(doc.config, (*list)[0].config);
}

TEST_P(StoreConformanceTest, ListIsNewestFirst) {
  auto doc = Demo();
  std::int64_t first = Create(doc);
  doc.config.name = "乌海市2023年“晒党建、晒成绩”活动";
  std::int64_t second = Create(doc);
  ASSERT_NE(first, second);
  auto list = store_->campaigns().List();
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, second);
  EXPECT_EQ((*list)[0].config.name, "乌海市2023年“晒党建、晒成绩”活动");
  EXPECT_EQ((*list)[1].id, first);
  // Two campaigns over the same units and 序号 do not clash.
  EXPECT_EQ(Candidates(first).size(), 103u);
  EXPECT_EQ(Candidates(second).size(), 103u);
}

TEST_P(StoreConformanceTest, MissingCampaignIsNotFound) {
  auto got = store_->campaigns().Get(4242);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), code::kNotFound);
  auto units = store_->roster().OrgUnits(4242);
  ASSERT_FALSE(units.ok());
  EXPECT_EQ(units.status().code(), code::kNotFound);
}

TEST_P(StoreConformanceTest, OrgUnitsInImportOrder) {
  auto doc = Demo();
  std::int64_t id = Create(doc);
  auto units = store_->roster().OrgUnits(id);
  ASSERT_TRUE(units.ok()) << units.status().ToString();
  ASSERT_EQ(units->size(), 107u);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < units->size(); ++i) {
    const OrgUnit& u = (*units)[i];
    EXPECT_EQ(u.code, doc.units[i].code);
    EXPECT_EQ(u.name, doc.units[i].name);
    EXPECT_EQ(u.level, doc.units[i].level);
    EXPECT_EQ(u.parent, doc.units[i].parent);
    EXPECT_TRUE(u.active);
    if (!u.parent.empty()) {
      EXPECT_TRUE(seen.count(u.parent)) << u.code << " comes before its parent";
    }
    seen.insert(u.code);
  }
  EXPECT_TRUE(OrgTree::Build(*units).ok());
}

TEST_P(StoreConformanceTest, CandidatesOrderedByNoWithIdsAssigned) {
  auto doc = Demo();
  std::reverse(doc.candidates.begin(), doc.candidates.end());  // imported in reverse order
  std::int64_t id = Create(doc);
  auto list = Candidates(id);
  ASSERT_EQ(list.size(), 103u);
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Candidate& c = list[i];
    EXPECT_EQ(c.no, static_cast<int>(i + 1));
    EXPECT_GT(c.id, 0);
    ids.insert(c.id);
    const Candidate& given = doc.candidates[doc.candidates.size() - 1 - i];
    EXPECT_EQ(c.name, given.name);
    EXPECT_EQ(c.gender, given.gender);
    EXPECT_EQ(c.title, given.title);
    EXPECT_EQ(c.unit, given.unit);
    EXPECT_EQ(c.group, given.group);
    EXPECT_TRUE(c.active);
  }
  EXPECT_EQ(ids.size(), 103u);
}

TEST_P(StoreConformanceTest, SetPhaseIsCompareAndSet) {
  std::int64_t id = Create(Demo(), PhaseKey::kDraft, At("2022-02-08T09:00:00+08:00"));
  Millis t1 = At("2022-02-21T08:00:00+08:00");
  Status ok = SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, t1);
  ASSERT_TRUE(ok.ok()) << ok.ToString();
  auto got = store_->campaigns().Get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->phase, PhaseKey::kShowcase);
  EXPECT_EQ(got->updated_at, t1);

  // A second organizer, still looking at draft.
  Status stale = SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, t1 + 1000);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.code(), code::kConflict);
  got = store_->campaigns().Get(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->phase, PhaseKey::kShowcase);
  EXPECT_EQ(got->updated_at, t1);
}

TEST_P(StoreConformanceTest, ApplyRosterInsertsAndUpdates) {
  auto doc = Demo(102);  // 103 (the last unit) has no secretary yet
  std::int64_t id = Create(doc);
  auto before = Candidates(id);
  ASSERT_EQ(before.size(), 102u);
  auto tree = OrgTree::Build(doc.units);
  ASSERT_TRUE(tree.ok());
  const std::string free_unit = DemoDocument().candidates.back().unit;

  std::string csv = "序号,姓名,性别,职务,单位代码\r\n"
                    "1,张立,男,镇党委书记、镇长,150301001\r\n"
                    "103,王新,女,社区党组织书记," + free_unit + "\r\n";
  auto rows = ParseRosterCsv(csv, *tree, doc.config);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  auto plan = PlanRoster(before, *rows, doc.config);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->updates.size(), 1u);
  ASSERT_EQ(plan->inserts.size(), 1u);

  Status s = ApplyRoster(*store_, id, *plan, At("2022-02-10T10:00:00+08:00"));
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto after = Candidates(id);
  ASSERT_EQ(after.size(), 103u);
  const Candidate* updated = ByNo(after, 1);
  ASSERT_NE(updated, nullptr);
  EXPECT_EQ(updated->id, ByNo(before, 1)->id);  // the same candidate: votes and scores stay
  EXPECT_EQ(updated->title, "镇党委书记、镇长");
  const Candidate* inserted = ByNo(after, 103);
  ASSERT_NE(inserted, nullptr);
  EXPECT_GT(inserted->id, 0);
  EXPECT_EQ(inserted->name, "王新");
  EXPECT_EQ(inserted->unit, free_unit);
  EXPECT_EQ(inserted->group, "village_community");
  // Nobody else changed.
  for (const auto& c : before) {
    if (c.no == 1) continue;
    const Candidate* now = ByNo(after, c.no);
    ASSERT_NE(now, nullptr);
    EXPECT_EQ(Describe({*now}), Describe({c}));
  }
}

TEST_P(StoreConformanceTest, ApplyRosterWithAMissingIdChangesNothing) {
  auto doc = Demo(100);
  const auto all = DemoDocument().candidates;
  std::int64_t id = Create(doc);
  auto before = Candidates(id);
  std::uint64_t generation = store_->Generation();

  RosterPlan plan;
  plan.inserts = {all[100], all[101]};  // 101 and 102 on their free units
  Candidate good = before[0];
  good.title = "已更新";
  Candidate ghost = before[1];
  ghost.id = 999'999;  // deleted meanwhile, or never there
  ghost.title = "幽灵";
  plan.updates = {good, ghost};

  Status s = ApplyRoster(*store_, id, plan, At("2022-02-10T10:00:00+08:00"));
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.code() == code::kConflict || s.code() == code::kNotFound) << s.ToString();
  EXPECT_EQ(Describe(Candidates(id)), Describe(before));
  EXPECT_EQ(store_->Generation(), generation);
}

TEST_P(StoreConformanceTest, ApplyRosterFailingInsertRollsBackTheEarlierOnes) {
  auto doc = Demo(100);
  const auto all = DemoDocument().candidates;
  std::int64_t id = Create(doc);
  auto before = Candidates(id);

  RosterPlan plan;
  Candidate good = before[0];
  good.title = "已更新";
  plan.updates = {good};
  Candidate clash = all[101];
  clash.no = 5;  // 序号 5 is taken
  plan.inserts = {all[100], clash};

  Status s = ApplyRoster(*store_, id, plan, At("2022-02-10T10:00:00+08:00"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(Describe(Candidates(id)), Describe(before));
}

TEST_P(StoreConformanceTest, GenerationIncreasesAfterEveryCommittedWrite) {
  std::uint64_t g0 = store_->Generation();
  std::int64_t id = Create(Demo(102));
  std::uint64_t g1 = store_->Generation();
  EXPECT_GT(g1, g0);

  ASSERT_TRUE(SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, At("2022-02-21")).ok());
  std::uint64_t g2 = store_->Generation();
  EXPECT_GT(g2, g1);

  RosterPlan plan;
  plan.inserts = {DemoDocument().candidates.back()};
  ASSERT_TRUE(ApplyRoster(*store_, id, plan, At("2022-02-22")).ok());
  std::uint64_t g3 = store_->Generation();
  EXPECT_GT(g3, g2);
}

TEST_P(StoreConformanceTest, SessionsAndSignInCountersDoNotMoveTheGeneration) {
  Create(Demo());
  store::UserRecord judge;
  judge.username = "judge1";
  judge.display_name = "评委一";
  judge.role = Role::kJudge;
  judge.password_hash = "not-a-real-hash";
  judge.created_at = 1;
  auto uid = store_->users().Create(judge, store::AuditEvent{}).Wait();
  ASSERT_TRUE(uid.ok()) << uid.status().ToString();
  std::uint64_t settled = SettledGeneration();
  store::SessionRecord session{"hash-of-a-token", *uid, "csrf", 1, 1, "127.0.0.1", "test"};
  ASSERT_TRUE(store_->sessions().Create(session).Wait().ok());
  store_->sessions().Touch("hash-of-a-token", 2);
  ASSERT_TRUE(store_->throttle().AddFailures({{"ip:127.0.0.1", 5}}, 3, ThrottlePolicy{}).Wait().ok());
  ASSERT_TRUE(store_->sessions().Delete("hash-of-a-token").Wait().ok());
  EXPECT_EQ(SettledGeneration(), settled) << "read caches must not rebuild for sign-in traffic";
}

TEST_P(StoreConformanceTest, GenerationStaysAfterAFailedWrite) {
  std::int64_t id = Create(Demo());
  std::uint64_t settled = SettledGeneration();

  Status stale = SetPhase(*store_, id, PhaseKey::kVoting, PhaseKey::kJudging, At("2022-06-01"));
  ASSERT_EQ(stale.code(), code::kConflict);
  RosterPlan plan;
  Candidate ghost = Candidates(id)[0];
  ghost.id = 999'999;
  plan.updates = {ghost};
  ASSERT_FALSE(ApplyRoster(*store_, id, plan, At("2022-02-22")).ok());

  EXPECT_EQ(store_->Generation(), settled);
  // Nothing moves it later either (a change watcher must not take a refused write for one).
  EXPECT_EQ(store_->WaitForGeneration(settled, 700), settled);
}

TEST_P(StoreConformanceTest, EveryCommittedWriteAppendsItsAuditEntryAndAFailedOneNone) {
  auto count = [&] {
    auto all = store_->audit().All();
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? all->size() : 0u;
  };
  std::size_t n0 = count();
  std::int64_t id = Create(Demo(102));
  EXPECT_EQ(count(), n0 + 1);
  ASSERT_TRUE(SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, At("2022-02-21")).ok());
  EXPECT_EQ(count(), n0 + 2);

  // A stale phase change and a roster import that fails half-way leave no trace.
  EXPECT_FALSE(SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, At("2022-02-21")).ok());
  RosterPlan plan;
  plan.inserts = {DemoDocument().candidates.back()};
  Candidate ghost = Candidates(id)[0];
  ghost.id = 999'999;
  plan.updates = {ghost};
  EXPECT_FALSE(ApplyRoster(*store_, id, plan, At("2022-02-22")).ok());
  EXPECT_EQ(count(), n0 + 2);

  auto all = store_->audit().All();
  ASSERT_TRUE(all.ok());
  ASSERT_FALSE(all->empty());
  EXPECT_EQ(all->back().action, "campaign.phase");
  EXPECT_FALSE(FirstBrokenEntry(*all).has_value()) << "the hash chain is broken at " << *FirstBrokenEntry(*all);
}

TEST_P(StoreConformanceTest, ReopeningKeepsTheData) {
  auto doc = Demo(102);
  std::int64_t id = Create(doc);
  ASSERT_TRUE(SetPhase(*store_, id, PhaseKey::kDraft, PhaseKey::kShowcase, At("2022-02-21")).ok());
  RosterPlan plan;
  plan.inserts = {DemoDocument().candidates.back()};
  ASSERT_TRUE(ApplyRoster(*store_, id, plan, At("2022-02-22")).ok());
  auto candidates = Describe(Candidates(id));
  int version = store_->SchemaVersion();

  Open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->SchemaVersion(), version);
  auto got = store_->campaigns().Get(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->phase, PhaseKey::kShowcase);
  ExpectSameConfig(doc.config, got->config);
  auto units = store_->roster().OrgUnits(id);
  ASSERT_TRUE(units.ok());
  EXPECT_EQ(units->size(), 107u);
  EXPECT_EQ(Describe(Candidates(id)), candidates);
  EXPECT_EQ(candidates.size(), 103u);
}

TEST_P(StoreConformanceTest, ConcurrentReadersNeverSeeAHalfAppliedPlan) {
  constexpr int kStart = 43;   // candidates stored at first
  constexpr int kBatch = 5;    // candidates each plan adds
  constexpr int kPlans = 12;   // 43 + 12 × 5 = 103
  const auto all = DemoDocument().candidates;
  std::int64_t id = Create(Demo(kStart));
  const Candidate first = Candidates(id).at(0);
  auto title_after = [&](int plans) { return plans == 0 ? first.title : "第" + std::to_string(plans) + "批后"; };

  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, torn{0}, failed{0};
  auto reader = [&] {
    while (!done.load()) {
      auto list = store_->roster().Candidates(id);
      if (!list.ok()) {
        ++failed;
        continue;
      }
      ++reads;
      int added = static_cast<int>(list->size()) - kStart;
      int plans = added / kBatch;
      // Every plan adds its five candidates and renames no. 1 together, or not at all.
      if (added < 0 || added % kBatch != 0 || list->front().title != title_after(plans)) ++torn;
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back(reader);

  for (int p = 1; p <= kPlans; ++p) {
    RosterPlan plan;
    for (int k = 0; k < kBatch; ++k) plan.inserts.push_back(all[static_cast<std::size_t>(kStart + (p - 1) * kBatch + k)]);
    Candidate renamed = *ByNo(Candidates(id), first.no);  // a plan is made on the current revision
    renamed.title = title_after(p);
    plan.updates = {renamed};
    Status s = ApplyRoster(*store_, id, plan, At("2022-02-22") + p);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::this_thread::yield();
  }
  done = true;
  for (auto& t : readers) t.join();

  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(reads.load(), 0);
  auto final_list = Candidates(id);
  EXPECT_EQ(final_list.size(), 103u);
  EXPECT_EQ(final_list.front().title, title_after(kPlans));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests
