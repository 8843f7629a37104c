// The store conformance suite, continued: every repository method of store/store.h with its
// outcomes (conflicts, not-found, scope, the append-only audit log), the invariants that
// each write checks inside its own transaction, and the writer's contract (group commit,
// one failing write never takes the others with it, Close drains). Every case runs against
// every backend (conformance.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "../core/demo.h"
#include "conformance.h"

namespace ss::tests {
namespace {

using store::OpenStore;
using store::Store;

store::AuditEvent Audit(const std::string& action, const std::string& target = "", const std::string& district = "") {
  store::AuditEvent e = TestAudit(action, target, 1'700'000'000'000);
  e.district = district;
  return e;
}

store::UserRecord User(const std::string& name, Role role = Role::kJudge, const std::string& district = "") {
  store::UserRecord u;
  u.username = name;
  u.display_name = name + "的名字";
  u.role = role;
  u.district = district;
  u.password_hash = "hash-of-" + name;
  u.created_at = 1000;
  return u;
}

// Queries set field by field (designated initializers would leave the rest to
// -Wmissing-field-initializers).
store::UserQuery Users(void (*set)(store::UserQuery&)) {
  store::UserQuery q;
  set(q);
  return q;
}
store::AuditQuery Audits(void (*set)(store::AuditQuery&)) {
  store::AuditQuery q;
  set(q);
  return q;
}

class RepositoryConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().fresh_url(scratch_.path);
    Reopen();
  }
  void Reopen() {
    store_.reset();
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  Store& s() { return *store_; }

  std::int64_t Campaign(int keep_up_to = 103) {
    auto doc = DemoDocument();
    std::erase_if(doc.candidates, [&](const Candidate& c) { return c.no > keep_up_to; });
    auto id = CreateCampaign(s(), doc, PhaseKey::kDraft, 1000);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  Candidate ByNo(std::int64_t campaign, int no) {
    auto list = s().roster().Candidates(campaign);
    EXPECT_TRUE(list.ok());
    for (const auto& c : *list)
      if (c.no == no) return c;
    ADD_FAILURE() << "no candidate " << no;
    return {};
  }
  std::int64_t AddUser(const store::UserRecord& u) {
    auto id = s().users().Create(u, Audit("user.create")).Wait();
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  std::vector<AuditEntry> AllAudit() {
    auto all = s().audit().All();
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<AuditEntry>{};
  }

  ScratchDir scratch_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

// --- campaigns -------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, UpdateConfigIsCompareAndSetOnUpdatedAt) {
  std::int64_t id = Campaign();
  auto before = s().campaigns().Get(id);
  ASSERT_TRUE(before.ok());
  CampaignConfig next = before->config;
  next.name = "改过的活动名称";
  ASSERT_TRUE(s().campaigns().UpdateConfig(id, next, before->updated_at, 2000, Audit("campaign.settings")).Wait().ok());
  auto after = s().campaigns().Get(id);
  EXPECT_EQ(after->config.name, "改过的活动名称");
  EXPECT_EQ(after->updated_at, 2000);
  // A second save based on the old version is refused and changes nothing.
  next.name = "迟到的保存";
  Status stale = s().campaigns().UpdateConfig(id, next, before->updated_at, 3000, Audit("campaign.settings")).Wait();
  EXPECT_EQ(stale.code(), code::kConflict);
  EXPECT_EQ(s().campaigns().Get(id)->config.name, "改过的活动名称");
}

TEST_P(RepositoryConformanceTest, UpdateConfigRefusesQuotasAboveTheGroupSizeAsStoredNow) {
  std::int64_t id = Campaign();
  auto rec = s().campaigns().Get(id);
  CampaignConfig next = rec->config;
  ASSERT_FALSE(next.awards["town_street"].empty());
  // 21 more awards than the 20 town/street secretaries could take.
  next.awards["town_street"].front().count += 21;
  std::size_t entries = AllAudit().size();
  Status st = s().campaigns().UpdateConfig(id, next, rec->updated_at, 2000, Audit("campaign.settings")).Wait();
  EXPECT_EQ(st.code(), code::kInvalid) << st.ToString();
  EXPECT_EQ(s().campaigns().Get(id)->updated_at, rec->updated_at);
  EXPECT_EQ(AllAudit().size(), entries);
}

TEST_P(RepositoryConformanceTest, WritesToAMissingCampaignAreNotFound) {
  Campaign();
  Candidate c = DemoDocument().candidates.front();
  auto created = s().roster().CreateCandidate(999, c, 1, Audit("candidate.create")).Wait();
  EXPECT_EQ(created.status().code(), code::kNotFound);
  EXPECT_EQ(s().campaigns().SetPhase(999, PhaseKey::kDraft, PhaseKey::kShowcase, PhaseSchedule{}, 1, Audit("campaign.phase")).Wait().code(),
            code::kNotFound);
  EXPECT_EQ(s().roster().OrgUnits(999).status().code(), code::kNotFound);
}

// --- candidates ------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, GetCandidateAndNotFound) {
  std::int64_t id = Campaign();
  Candidate c = ByNo(id, 97);
  auto got = s().roster().GetCandidate(id, c.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, c.name);
  EXPECT_EQ(got->revision, c.revision);
  EXPECT_EQ(s().roster().GetCandidate(id, 999'999).status().code(), code::kNotFound);
  std::int64_t other = Campaign();
  EXPECT_EQ(s().roster().GetCandidate(other, c.id).status().code(), code::kNotFound) << "candidates belong to one campaign";
}

TEST_P(RepositoryConformanceTest, CreateCandidateAssignsAnIdAndRefusesATakenNo) {
  std::int64_t id = Campaign(102);
  Candidate last = DemoDocument().candidates.back();
  auto cid = s().roster().CreateCandidate(id, last, 5, Audit("candidate.create")).Wait();
  ASSERT_TRUE(cid.ok()) << cid.status().ToString();
  EXPECT_EQ(s().roster().GetCandidate(id, *cid)->name, last.name);
  EXPECT_EQ(AllAudit().back().target, "campaign:" + std::to_string(id) + "/candidate:" + std::to_string(*cid));

  Candidate again = last;
  again.unit = ByNo(id, 1).unit;  // its unit is taken too, but the 序号 is named first
  auto dup = s().roster().CreateCandidate(id, again, 6, Audit("candidate.create")).Wait();
  EXPECT_EQ(dup.status().code(), code::kConflict);
}

TEST_P(RepositoryConformanceTest, OneActiveSecretaryPerUnitHoldsInTheWrite) {
  std::int64_t id = Campaign(102);
  Candidate newcomer = DemoDocument().candidates.back();
  newcomer.unit = ByNo(id, 97).unit;  // 97's unit already has its secretary
  auto refused = s().roster().CreateCandidate(id, newcomer, 5, Audit("candidate.create")).Wait();
  ASSERT_EQ(refused.status().code(), code::kConflict);
  EXPECT_NE(refused.status().message().find("已有在任的参评书记"), std::string::npos) << refused.status().message();
  // An inactive one may share the unit; making it active is refused again.
  newcomer.active = false;
  auto parked = s().roster().CreateCandidate(id, newcomer, 6, Audit("candidate.create")).Wait();
  ASSERT_TRUE(parked.ok()) << parked.status().ToString();
  Candidate wake = *s().roster().GetCandidate(id, *parked);
  wake.active = true;
  EXPECT_EQ(s().roster().UpdateCandidate(id, wake, 7, Audit("candidate.update")).Wait().code(), code::kConflict);
}

TEST_P(RepositoryConformanceTest, UpdateCandidateNeedsTheRevisionItWasDecidedOn) {
  std::int64_t id = Campaign();
  Candidate a = ByNo(id, 97), b = a;
  a.title = "第一次修改";
  ASSERT_TRUE(s().roster().UpdateCandidate(id, a, 10, Audit("candidate.update")).Wait().ok());
  Candidate now = ByNo(id, 97);
  EXPECT_EQ(now.title, "第一次修改");
  EXPECT_GT(now.revision, b.revision);
  // b was read before a's write: a lost update unless refused.
  b.title = "基于旧版本的修改";
  Status st = s().roster().UpdateCandidate(id, b, 11, Audit("candidate.update")).Wait();
  EXPECT_EQ(st.code(), code::kConflict) << st.ToString();
  EXPECT_EQ(ByNo(id, 97).title, "第一次修改");
  Candidate ghost = now;
  ghost.id = 999'999;
  EXPECT_EQ(s().roster().UpdateCandidate(id, ghost, 12, Audit("candidate.update")).Wait().code(), code::kNotFound);
}

TEST_P(RepositoryConformanceTest, DisablingACandidateMayNotLeaveAGroupBelowItsQuotas) {
  std::int64_t id = Campaign();
  auto rec = s().campaigns().Get(id);
  // Quotas exactly the size of the town/street group: no one may leave it.
  CampaignConfig full = rec->config;
  int total = 0;
  for (const auto& t : full.awards["town_street"]) total += t.count;
  full.awards["town_street"].front().count += 20 - total;
  ASSERT_TRUE(s().campaigns().UpdateConfig(id, full, rec->updated_at, 2000, Audit("campaign.settings")).Wait().ok());
  Candidate town = ByNo(id, 1);
  ASSERT_EQ(town.group, "town_street");
  town.active = false;
  Status st = s().roster().UpdateCandidate(id, town, 3000, Audit("candidate.update")).Wait();
  EXPECT_EQ(st.code(), code::kInvalid) << st.ToString();
  EXPECT_TRUE(ByNo(id, 1).active);
  // A village secretary may leave: their group has room.
  Candidate village = ByNo(id, 97);
  village.active = false;
  EXPECT_TRUE(s().roster().UpdateCandidate(id, village, 3001, Audit("candidate.update")).Wait().ok());
}

TEST_P(RepositoryConformanceTest, ConcurrentWritersKeepOneActiveSecretaryPerUnit) {
  std::int64_t id = Campaign(102);
  const Candidate template_ = DemoDocument().candidates.back();  // its unit is free
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      Candidate c = template_;
      c.no = 500 + i;
      c.name = "并发" + std::to_string(i);
      auto r = s().roster().CreateCandidate(id, c, 10 + i, Audit("candidate.create")).Wait();
      if (r.ok()) ++ok;
      else if (r.status().code() == code::kConflict) ++conflict;
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 7);
  int in_unit = 0;
  const auto list = *s().roster().Candidates(id);
  for (const auto& c : list) in_unit += c.active && c.unit == template_.unit;
  EXPECT_EQ(in_unit, 1);
}

TEST_P(RepositoryConformanceTest, ConcurrentUpdatesOfOneCandidateLoseNothingSilently) {
  std::int64_t id = Campaign();
  const Candidate base = ByNo(id, 97);
  std::atomic<int> ok{0}, conflict{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] {
      Candidate c = base;  // all decided on the same revision
      c.title = "并发修改" + std::to_string(i);
      Status st = s().roster().UpdateCandidate(id, c, 10 + i, Audit("candidate.update")).Wait();
      if (st.ok()) ++ok;
      else if (st.code() == code::kConflict) ++conflict;
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), 7);
}

// --- org units ---------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, CreateOrgUnitAndATakenCode) {
  std::int64_t id = Campaign();
  auto units = *s().roster().OrgUnits(id);
  const OrgUnit* town = nullptr;
  for (const auto& u : units)
    if (u.level == Level::kStreet || u.level == Level::kTown) town = town ? town : &u;
  ASSERT_NE(town, nullptr);
  OrgUnit fresh{"999999001", "新建社区", Level::kCommunity, town->code, true};
  ASSERT_TRUE(s().roster().CreateOrgUnit(id, fresh, Audit("org_unit.create")).Wait().ok());
  auto after = *s().roster().OrgUnits(id);
  EXPECT_EQ(after.size(), units.size() + 1);
  EXPECT_EQ(after.back().code, "999999001") << "new units come last (import order)";
  EXPECT_EQ(s().roster().CreateOrgUnit(id, fresh, Audit("org_unit.create")).Wait().code(), code::kConflict);
}

TEST_P(RepositoryConformanceTest, UpdateOrgUnitRenamesAndMayNotDisableAUnitWithASecretary) {
  std::int64_t id = Campaign();
  Candidate c = ByNo(id, 97);
  OrgUnit unit;
  const auto all_units = *s().roster().OrgUnits(id);
  for (const auto& u : all_units)
    if (u.code == c.unit) unit = u;
  unit.name = "改名后的社区";
  ASSERT_TRUE(s().roster().UpdateOrgUnit(id, unit, Audit("org_unit.update")).Wait().ok());
  unit.active = false;
  Status st = s().roster().UpdateOrgUnit(id, unit, Audit("org_unit.update")).Wait();
  EXPECT_EQ(st.code(), code::kInvalid) << st.ToString();
  // Once the secretary is disabled, the unit may be.
  c.active = false;
  ASSERT_TRUE(s().roster().UpdateCandidate(id, c, 5, Audit("candidate.update")).Wait().ok());
  EXPECT_TRUE(s().roster().UpdateOrgUnit(id, unit, Audit("org_unit.update")).Wait().ok());
  const auto units_after = *s().roster().OrgUnits(id);
  for (const auto& u : units_after) {
    if (u.code == unit.code) {
      EXPECT_EQ(u.name, "改名后的社区");
      EXPECT_FALSE(u.active);
    }
  }
  OrgUnit ghost = unit;
  ghost.code = "no-such-unit";
  EXPECT_EQ(s().roster().UpdateOrgUnit(id, ghost, Audit("org_unit.update")).Wait().code(), code::kNotFound);
}

TEST_P(RepositoryConformanceTest, ApplyOrgUnitsIsAllOrNothing) {
  std::int64_t id = Campaign();
  auto units = *s().roster().OrgUnits(id);
  OrgUnit renamed = units.back();
  renamed.name = "批量改名";
  OrgUnitPlan plan;
  plan.updates = {renamed};
  plan.inserts = {OrgUnit{"999999002", "批量新增", Level::kCommunity, units.back().parent, true},
                  OrgUnit{units.front().code, "重复的代码", Level::kCommunity, units.back().parent, true}};
  std::size_t entries = AllAudit().size();
  EXPECT_EQ(s().roster().ApplyOrgUnits(id, plan, Audit("org_unit.import")).Wait().code(), code::kConflict);
  EXPECT_EQ(s().roster().OrgUnits(id)->size(), units.size());
  EXPECT_EQ(s().roster().OrgUnits(id)->back().name, units.back().name);
  EXPECT_EQ(AllAudit().size(), entries);
  plan.inserts.pop_back();
  ASSERT_TRUE(s().roster().ApplyOrgUnits(id, plan, Audit("org_unit.import")).Wait().ok());
  EXPECT_EQ(s().roster().OrgUnits(id)->size(), units.size() + 1);
}

// --- users -------------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, UsersCreateGetFindAndATakenName) {
  std::int64_t uid = AddUser(User("zhangsan", Role::kDistrictAdmin, "150303"));
  auto got = s().users().Get(uid);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->username, "zhangsan");
  EXPECT_EQ(got->role, Role::kDistrictAdmin);
  EXPECT_EQ(got->district, "150303");
  EXPECT_EQ(got->password_hash, "hash-of-zhangsan");
  EXPECT_EQ(s().users().FindByUsername("zhangsan")->id, uid);
  EXPECT_EQ(s().users().FindByUsername("nobody").status().code(), code::kNotFound);
  EXPECT_EQ(s().users().Get(999).status().code(), code::kNotFound);
  auto dup = s().users().Create(User("zhangsan"), Audit("user.create")).Wait();
  EXPECT_EQ(dup.status().code(), code::kConflict);
  EXPECT_EQ(AllAudit().back().target, "user:" + std::to_string(uid));
}

TEST_P(RepositoryConformanceTest, UsersListFiltersAndPages) {
  for (int i = 0; i < 5; ++i) AddUser(User("judge" + std::to_string(i)));
  AddUser(User("hainan", Role::kDistrictAdmin, "150303"));
  auto judges = s().users().List(Users([](store::UserQuery& q) { q.q = ""; q.role = "judge"; q.page = 1; q.page_size = 2; }));
  ASSERT_TRUE(judges.ok());
  EXPECT_EQ(judges->second, 5);
  ASSERT_EQ(judges->first.size(), 2u);
  EXPECT_EQ(judges->first[0].username, "judge0");
  auto page3 = s().users().List(Users([](store::UserQuery& q) { q.q = ""; q.role = "judge"; q.page = 3; q.page_size = 2; }));
  ASSERT_EQ(page3->first.size(), 1u);
  EXPECT_EQ(page3->first[0].username, "judge4");
  auto search = s().users().List(Users([](store::UserQuery& q) { q.q = "hain"; q.role = ""; q.page = 1; q.page_size = 20; }));
  ASSERT_EQ(search->first.size(), 1u);
  EXPECT_EQ(search->first[0].username, "hainan");
  auto by_display = s().users().List(Users([](store::UserQuery& q) { q.q = "judge3的"; q.role = ""; q.page = 1; q.page_size = 20; }));
  EXPECT_EQ(by_display->second, 1);
}

TEST_P(RepositoryConformanceTest, DisablingAUserEndsTheirSessions) {
  std::int64_t uid = AddUser(User("wangwu"));
  ASSERT_TRUE(s().sessions().Create({"tok-a", uid, "csrf", 1, 1, "127.0.0.1", "ua"}).Wait().ok());
  auto u = *s().users().Get(uid);
  u.display_name = "王五";
  ASSERT_TRUE(s().users().Update(u, 5, Audit("user.update")).Wait().ok());
  EXPECT_TRUE(s().sessions().Find("tok-a")->has_value()) << "an edit keeps the sessions";
  u.disabled = true;
  ASSERT_TRUE(s().users().Update(u, 6, Audit("user.update")).Wait().ok());
  EXPECT_FALSE(s().sessions().Find("tok-a")->has_value());
  auto again = *s().users().Get(uid);
  EXPECT_TRUE(again.disabled);
  EXPECT_EQ(again.display_name, "王五");
  EXPECT_EQ(again.updated_at, 6);
  u.id = 999;
  EXPECT_EQ(s().users().Update(u, 7, Audit("user.update")).Wait().code(), code::kNotFound);
}

TEST_P(RepositoryConformanceTest, SetPasswordKeepsOnlyTheNamedSession) {
  std::int64_t uid = AddUser(User("lisi"));
  for (const char* t : {"keep", "end1", "end2"})
    ASSERT_TRUE(s().sessions().Create({t, uid, "csrf", 1, 1, "127.0.0.1", "ua"}).Wait().ok());
  ASSERT_TRUE(s().users().SetPassword(uid, "new-hash", 9, "keep", Audit("auth.password")).Wait().ok());
  EXPECT_EQ(s().users().Get(uid)->password_hash, "new-hash");
  EXPECT_EQ(s().users().Get(uid)->password_changed_at, 9);
  EXPECT_TRUE(s().sessions().Find("keep")->has_value());
  EXPECT_FALSE(s().sessions().Find("end1")->has_value());
  EXPECT_FALSE(s().sessions().Find("end2")->has_value());
  EXPECT_EQ(s().users().SetPassword(999, "x", 9, "", Audit("auth.password")).Wait().code(), code::kNotFound);
}

// --- sessions and sign-in -------------------------------------------------------------

TEST_P(RepositoryConformanceTest, SignInIsOneWriteOfEverythingItRecords) {
  std::int64_t uid = AddUser(User("organizer", Role::kOrganizer));
  ASSERT_TRUE(s().throttle().AddFailures({{"account:organizer", 20}, {"pair:organizer|10.0.0.1", 5}}, 100, {}).Wait().ok());
  ASSERT_TRUE(s().sessions().Create({"old", uid, "c", 1, 1, "10.0.0.1", "ua"}).Wait().ok());
  EXPECT_FALSE(*s().users().IsKnownAddress(uid, "10.0.0.1"));

  store::SignIn in;
  in.session = {"new-token-hash", uid, "csrf-1", 5000, 5000, "10.0.0.1", "Mozilla"};
  in.clear_counters = {"account:organizer", "pair:organizer|10.0.0.1"};
  in.idle_before = 10;  // "old" was last seen at 1
  in.audit = Audit("auth.login", "user:" + std::to_string(uid));
  ASSERT_TRUE(s().sessions().SignIn(in).Wait().ok());

  auto found = s().sessions().Find("new-token-hash");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->csrf_token, "csrf-1");
  EXPECT_EQ((*found)->user_agent, "Mozilla");
  EXPECT_FALSE(s().sessions().Find("old")->has_value()) << "expired sessions are swept";
  EXPECT_EQ(s().users().Get(uid)->last_login_at, 5000);
  EXPECT_TRUE(*s().users().IsKnownAddress(uid, "10.0.0.1"));
  EXPECT_FALSE(*s().users().IsKnownAddress(uid, "10.0.0.2"));
  EXPECT_EQ(s().throttle().Get("account:organizer")->failures, 0);
  EXPECT_EQ(s().throttle().Get("pair:organizer|10.0.0.1")->failures, 0);
  EXPECT_EQ(AllAudit().back().action, "auth.login");

  store::SignIn ghost = in;
  ghost.session.token_hash = "ghost";
  ghost.session.user_id = 999;
  EXPECT_EQ(s().sessions().SignIn(ghost).Wait().code(), code::kNotFound);
  EXPECT_FALSE(s().sessions().Find("ghost")->has_value());
}

TEST_P(RepositoryConformanceTest, TouchesAreSeenAtOnceAndWrittenBeforeClose) {
  std::int64_t uid = AddUser(User("touchy"));
  ASSERT_TRUE(s().sessions().Create({"t1", uid, "c", 100, 100, "127.0.0.1", "ua"}).Wait().ok());
  s().sessions().Touch("t1", 5000);
  s().sessions().Touch("t1", 4000);  // an older touch never moves it back
  EXPECT_EQ((*s().sessions().Find("t1"))->last_seen_at, 5000);
  s().sessions().Touch("no-such-session", 5000);  // harmless
  Reopen();  // closing writes what was coalesced
  EXPECT_EQ((*s().sessions().Find("t1"))->last_seen_at, 5000);
}

TEST_P(RepositoryConformanceTest, DeleteAndDeleteExpired) {
  std::int64_t uid = AddUser(User("sweeper"));
  ASSERT_TRUE(s().sessions().Create({"idle", uid, "c", 1000, 1000, "ip", "ua"}).Wait().ok());
  ASSERT_TRUE(s().sessions().Create({"old", uid, "c", 10, 9000, "ip", "ua"}).Wait().ok());
  ASSERT_TRUE(s().sessions().Create({"fresh", uid, "c", 8000, 9000, "ip", "ua"}).Wait().ok());
  ASSERT_TRUE(s().sessions().DeleteExpired(/*idle_before=*/2000, /*created_before=*/100).Wait().ok());
  EXPECT_FALSE(s().sessions().Find("idle")->has_value());
  EXPECT_FALSE(s().sessions().Find("old")->has_value());
  EXPECT_TRUE(s().sessions().Find("fresh")->has_value());
  ASSERT_TRUE(s().sessions().Delete("fresh").Wait().ok());
  EXPECT_FALSE(s().sessions().Find("fresh")->has_value());
  EXPECT_TRUE(s().sessions().Delete("fresh").Wait().ok()) << "deleting twice is not an error";
  EXPECT_EQ(s().sessions().Create({"x", 999, "c", 1, 1, "ip", "ua"}).Wait().code(), code::kConflict)
      << "a session needs a user";
}

// --- sign-in counters ------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, FailuresCountLockAndClear) {
  ThrottlePolicy p;
  EXPECT_EQ(s().throttle().Get("ip:1.2.3.4")->failures, 0);
  for (int i = 1; i <= 3; ++i) {
    auto c = s().throttle().AddFailures({{"ip:1.2.3.4", 3}, {"account:a", 100}}, 1000 + i, p).Wait();
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ((*c)[0].failures, i);
    EXPECT_EQ((*c)[1].failures, i);
  }
  auto locked = *s().throttle().Get("ip:1.2.3.4");
  EXPECT_TRUE(IsLocked(locked, 1004)) << "the third failure reaches lock_after = 3";
  EXPECT_FALSE(IsLocked(*s().throttle().Get("account:a"), 1004));
  ASSERT_TRUE(s().throttle().Clear("ip:1.2.3.4").Wait().ok());
  EXPECT_EQ(s().throttle().Get("ip:1.2.3.4")->failures, 0);
  EXPECT_EQ(s().throttle().Get("account:a")->failures, 3);
}

TEST_P(RepositoryConformanceTest, ParallelFailuresAreAllCounted) {
  std::vector<std::thread> guessers;
  for (int t = 0; t < 8; ++t) {
    guessers.emplace_back([&] {
      for (int i = 0; i < 25; ++i)
        ASSERT_TRUE(s().throttle().AddFailures({{"account:target", 1000}}, 5000, {}).Wait().ok());
    });
  }
  for (auto& g : guessers) g.join();
  EXPECT_EQ(s().throttle().Get("account:target")->failures, 200);
}

// --- audit log -------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, AuditListFiltersScopesAndPages) {
  ASSERT_TRUE(s().audit().Append(Audit("auth.login", "user:1", "150303")).Wait().ok());
  auto other = Audit("candidate.update", "campaign:1/candidate:53", "150304");
  ASSERT_TRUE(s().audit().Append(other).Wait().ok());
  auto mine = Audit("candidate.update", "campaign:1/candidate:97", "150303");
  mine.actor = "hainan";
  mine.actor_id = 7;
  ASSERT_TRUE(s().audit().Append(mine).Wait().ok());
  auto own_elsewhere = Audit("user.update", "user:7", "");
  own_elsewhere.actor_id = 7;
  ASSERT_TRUE(s().audit().Append(own_elsewhere).Wait().ok());

  auto all = s().audit().List({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->second, 4);
  EXPECT_EQ(all->first.front().action, "user.update") << "newest first";
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.action = "candidate."; }))->second, 2) << "a prefix ending in a dot";
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.action = "candidate"; }))->second, 0) << "otherwise exact";
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.actor = "hainan"; }))->second, 1);
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.target = "candidate:97"; }))->second, 1);
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.target = "candidate:9"; }))->second, 0) << "whole segments";
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.target = "campaign:1"; }))->second, 2);
  // A district admin sees their district's entries and their own.
  auto scoped = s().audit().List(Audits([](store::AuditQuery& q) { q.district = "150303"; q.actor_id = 7; }));
  EXPECT_EQ(scoped->second, 3);
  for (const auto& e : scoped->first) EXPECT_NE(e.district, "150304");
  auto page = s().audit().List(Audits([](store::AuditQuery& q) { q.page = 2; q.page_size = 3; }));
  ASSERT_EQ(page->first.size(), 1u);
  EXPECT_EQ(page->first[0].action, "auth.login");
  auto when = s().audit().List(Audits([](store::AuditQuery& q) { q.from = 1'700'000'000'000; q.to = 1'700'000'000'001; }));
  EXPECT_EQ(when->second, 4);
  EXPECT_EQ(s().audit().List(Audits([](store::AuditQuery& q) { q.from = 1'700'000'000'001; }))->second, 0);
}

TEST_P(RepositoryConformanceTest, ConcurrentWritersBuildOneUnbrokenChain) {
  std::int64_t id = Campaign();
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        if (t % 2) {
          ASSERT_TRUE(s().audit().Append(Audit("test.append", std::to_string(t * 100 + i))).Wait().ok());
        } else {
          Candidate c = ByNo(id, 80 + t);
          c.title = "第" + std::to_string(i) + "次";
          Status st = s().roster().UpdateCandidate(id, c, 10, Audit("candidate.update")).Wait();
          ASSERT_TRUE(st.ok() || st.code() == code::kConflict) << st.ToString();
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  auto all = AllAudit();
  ASSERT_GT(all.size(), 60u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].id, static_cast<std::int64_t>(i + 1)) << "ids without gaps";
    EXPECT_EQ(all[i].prev_hash, i ? all[i - 1].hash : "") << "entry " << all[i].id;
    EXPECT_EQ(all[i].hash, AuditHash(all[i])) << "entry " << all[i].id;
  }
}

// --- the writer --------------------------------------------------------------------------

TEST_P(RepositoryConformanceTest, AFailingWriteNeverTakesTheOthersOfItsBatchWithIt) {
  std::int64_t uid = AddUser(User("batch"));
  // Many writes queued at once share batches; every third one is refused (a taken name).
  std::vector<store::Pending<Result<std::int64_t>>> pending;
  for (int i = 0; i < 300; ++i) {
    std::string name = i % 3 == 0 ? "batch" : "user" + std::to_string(i);
    pending.push_back(s().users().Create(User(name), Audit("user.create")));
  }
  int ok = 0, refused = 0;
  for (auto& p : pending) {
    auto r = std::move(p).Wait();
    if (r.ok()) ++ok;
    else if (r.status().code() == code::kConflict) ++refused;
  }
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(refused, 100);
  EXPECT_EQ(s().users().List(Users([](store::UserQuery& q) { q.page_size = 100; }))->second, 201);
  EXPECT_EQ(s().users().Get(uid)->username, "batch");
  auto all = AllAudit();
  EXPECT_EQ(all.size(), 201u) << "one entry per committed write, none for the refused ones";
}

TEST_P(RepositoryConformanceTest, CloseCommitsWhatIsQueuedAndRefusesWhatComesLater) {
  std::vector<store::Pending<Result<std::int64_t>>> pending;
  for (int i = 0; i < 200; ++i) pending.push_back(s().users().Create(User("queued" + std::to_string(i)), Audit("user.create")));
  s().Close();
  for (auto& p : pending) EXPECT_TRUE(std::move(p).Wait().ok());
  auto late = s().users().Create(User("late"), Audit("user.create")).Wait();
  EXPECT_EQ(late.status().code(), code::kUnavailable);
  Reopen();
  EXPECT_EQ(s().users().List(Users([](store::UserQuery& q) { q.page_size = 100; }))->second, 200);
  EXPECT_EQ(s().users().FindByUsername("late").status().code(), code::kNotFound);
}

TEST_P(RepositoryConformanceTest, AnOutcomeCanBeTakenOnTheWritersThread) {
  std::promise<std::pair<Status, std::thread::id>> got;
  s().audit().Append(Audit("test.then")).Then([&](Status st) { got.set_value({st, std::this_thread::get_id()}); });
  auto [st, thread] = got.get_future().get();
  EXPECT_TRUE(st.ok());
  EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(AllAudit().back().action, "test.then") << "answered after the commit: readers see it";
}

TEST_P(RepositoryConformanceTest, WaitForGenerationWakesOnACatalogWrite) {
  std::int64_t id = Campaign();
  std::uint64_t g = s().Generation();
  std::thread writer([&] {
    Candidate c = ByNo(id, 97);
    c.title = "唤醒";
    ASSERT_TRUE(s().roster().UpdateCandidate(id, c, 5, Audit("candidate.update")).Wait().ok());
  });
  std::uint64_t moved = s().WaitForGeneration(g, 10'000);
  writer.join();
  EXPECT_NE(moved, g);
  // Without a write it waits out its timeout and returns the same generation.
  EXPECT_EQ(s().WaitForGeneration(s().Generation(), 50), s().Generation());
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests
