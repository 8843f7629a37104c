// The pure rules behind accounts: the authorization table, the password policy, the
// sign-in throttle, the audit hash chain and the secrets helpers.
#include <gtest/gtest.h>

#include <chrono>

#include "core/audit.h"
#include "core/login_throttle.h"
#include "core/password_policy.h"
#include "core/policy.h"
#include "core/secrets.h"

namespace ss {
namespace {

Actor As(Role role, std::string district = "") { return Actor{1, "u", role, std::move(district), 0}; }

TEST(Policy, TheTableAsDocumented) {
  for (Permission p : {Permission::kManageUsers, Permission::kEditSettings, Permission::kAdvancePhase,
                       Permission::kReadRoster, Permission::kEditRoster, Permission::kReadAudit}) {
    EXPECT_TRUE(Allows(As(Role::kAdmin), p, "150303"));
    EXPECT_TRUE(Allows(As(Role::kOrganizer), p, "150303"));
    EXPECT_FALSE(Allows(As(Role::kJudge), p, "150303"));
    EXPECT_FALSE(Allows(As(Role::kCandidate), p, "150303"));
  }
  Actor hainan = As(Role::kDistrictAdmin, "150303");
  EXPECT_TRUE(Allows(hainan, Permission::kEditRoster, "150303"));
  EXPECT_FALSE(Allows(hainan, Permission::kEditRoster, "150302"));
  EXPECT_FALSE(Allows(hainan, Permission::kEditRoster, "")) << "city-wide things are not theirs";
  EXPECT_FALSE(Allows(hainan, Permission::kEditSettings));
  EXPECT_FALSE(Allows(hainan, Permission::kManageUsers));
  EXPECT_FALSE(Allows(As(Role::kDistrictAdmin, ""), Permission::kReadRoster, "")) << "unbound district admin";
}

TEST(Policy, OrganizersManageOnlyJudgeAndCandidateAccounts) {
  EXPECT_TRUE(MayManageRole(As(Role::kOrganizer), Role::kJudge));
  EXPECT_TRUE(MayManageRole(As(Role::kOrganizer), Role::kCandidate));
  EXPECT_FALSE(MayManageRole(As(Role::kOrganizer), Role::kAdmin));
  EXPECT_FALSE(MayManageRole(As(Role::kOrganizer), Role::kDistrictAdmin));
  EXPECT_TRUE(MayManageRole(As(Role::kAdmin), Role::kAdmin));
  EXPECT_FALSE(MayManageRole(As(Role::kDistrictAdmin, "150303"), Role::kJudge));
}

TEST(Policy, RoleKeysRoundTrip) {
  for (Role r : {Role::kAdmin, Role::kOrganizer, Role::kDistrictAdmin, Role::kJudge, Role::kCandidate})
    EXPECT_EQ(RoleFromKey(RoleKey(r)), r);
  EXPECT_FALSE(RoleFromKey("superuser"));
}

TEST(PasswordPolicy, RefusesShortNumericCommonAndUsernamePasswords) {
  EXPECT_FALSE(CheckPassword("short1", "hainan").ok());
  EXPECT_FALSE(CheckPassword("12345678901", "hainan").ok());
  EXPECT_FALSE(CheckPassword("my-Hainan-password", "hainan").ok()) << "contains the username, any case";
  EXPECT_FALSE(CheckPassword("password123", "x").ok());
  EXPECT_FALSE(CheckPassword("aaaaaaaaaaaa", "x").ok());
  EXPECT_FALSE(CheckPassword(std::string(129, 'k'), "x").ok());
  EXPECT_TRUE(CheckPassword("乌海市晒党建晒成绩活动", "x").ok()) << "10 Chinese characters count as 10";
  EXPECT_TRUE(CheckPassword("correct horse battery", "hainan").ok());
  Status s = CheckPassword("123", "u", "new_password");
  ASSERT_EQ(s.details().size(), 1u);
  EXPECT_EQ(s.details()[0].field, "new_password");
}

TEST(Throttle, DelaysGrowThenCap) {
  ThrottlePolicy p;
  EXPECT_EQ(DelayAfter(1, p), 0);
  EXPECT_EQ(DelayAfter(3, p), 0);
  EXPECT_EQ(DelayAfter(4, p), 500);
  EXPECT_EQ(DelayAfter(5, p), 1000);
  EXPECT_EQ(DelayAfter(6, p), 2000);
  EXPECT_EQ(DelayAfter(50, p), p.max_delay);
}

TEST(Throttle, LocksAtTheLimitAndUnlocksByItself) {
  ThrottlePolicy p;
  FailureCounter c;
  Millis t = 1'000'000;
  for (int i = 0; i < 4; ++i) c = AfterFailure(c, t + i, 5, p);
  EXPECT_FALSE(IsLocked(c, t + 10));
  c = AfterFailure(c, t + 10, 5, p);
  EXPECT_TRUE(IsLocked(c, t + 11));
  EXPECT_TRUE(IsLocked(c, t + 10 + p.lock_for - 1));
  EXPECT_FALSE(IsLocked(c, t + 10 + p.lock_for));
  EXPECT_EQ(ActiveFailures(c, t + 10 + p.lock_for, p), 0) << "a served lock starts the count afresh";
  c = AfterFailure(c, t + 10 + p.lock_for, 5, p);
  EXPECT_EQ(c.failures, 1);
  EXPECT_FALSE(IsLocked(c, t + 10 + p.lock_for + 1));
}

TEST(Throttle, OldFailuresAreForgotten) {
  ThrottlePolicy p;
  FailureCounter c;
  c = AfterFailure(c, 0, 5, p);
  c = AfterFailure(c, 1, 5, p);
  EXPECT_EQ(ActiveFailures(c, p.forget_after, p), 2);
  EXPECT_EQ(ActiveFailures(c, 1 + p.forget_after, p), 0);
}

std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.id = i;
    e.at = 1000 * i;
    e.actor = "organizer";
    e.action = "candidate.update";
    e.target = "campaign:1/candidate:" + std::to_string(i);
    e.after = "{\"title\":\"社区书记\"}";
    e.prev_hash = prev;
    e.hash = AuditHash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

TEST(AuditChain, AnIntactChainVerifies) {
  EXPECT_FALSE(FirstBrokenEntry(Chain(5)));
  EXPECT_FALSE(FirstBrokenEntry({}));
  EXPECT_EQ(Chain(1)[0].hash.size(), 64u);
}

TEST(AuditChain, ChangingAnyFieldBreaksItThere) {
  auto chain = Chain(5);
  chain[2].after = "{\"title\":\"社区书纪\"}";
  EXPECT_EQ(FirstBrokenEntry(chain), 3);
  chain = Chain(5);
  chain[3].ip = "10.0.0.1";
  EXPECT_EQ(FirstBrokenEntry(chain), 4);
}

TEST(AuditChain, RemovingOrReorderingBreaksIt) {
  auto chain = Chain(5);
  chain.erase(chain.begin() + 1);
  EXPECT_EQ(FirstBrokenEntry(chain), 3);
  chain = Chain(5);
  chain.erase(chain.begin());
  EXPECT_EQ(FirstBrokenEntry(chain), 2) << "the first entry missing";
  chain = Chain(5);
  std::swap(chain[1], chain[2]);
  EXPECT_EQ(FirstBrokenEntry(chain), 3);
}

TEST(AuditChain, FieldsCannotBeShiftedIntoEachOther) {
  AuditEntry a = Chain(1)[0], b = a;
  a.actor = "ab";
  a.role = "c";
  b.actor = "a";
  b.role = "bc";
  EXPECT_NE(AuditHash(a), AuditHash(b));
}

TEST(Secrets, TokensAreLongRandomAndHashedStably) {
  std::string t1 = RandomToken(), t2 = RandomToken();
  EXPECT_EQ(t1.size(), 43u);
  EXPECT_NE(t1, t2);
  EXPECT_EQ(TokenHash(t1), TokenHash(t1));
  EXPECT_NE(TokenHash(t1), TokenHash(t2));
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
  EXPECT_FALSE(SecretsEqual("abc", "abcd"));
}

TEST(Secrets, PasswordHashesVerifyOnlyTheirPassword) {
  std::string h = HashPassword("correct horse battery");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(h, "correct horse battery!"));
  EXPECT_NE(HashPassword("correct horse battery"), h) << "salted";
}

// Sets the password cost for one test and restores the production cost after it.
struct CostFor {
  explicit CostFor(PasswordCost c) { SetPasswordCost(c); }
  ~CostFor() { SetPasswordCost(PasswordCost::kProduction); }
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from << " in " << s;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(Secrets, TheTestCostIsCheapAndProductionRefusesItsHashes) {
  std::string weak;
  {
    CostFor test(PasswordCost::kTestFast);
    weak = HashPassword("correct horse battery");
    EXPECT_NE(weak.find("$m=8,t=1,"), std::string::npos) << weak;
    EXPECT_TRUE(VerifyPassword(weak, "correct horse battery"));
    EXPECT_FALSE(VerifyPassword(weak, "correct horse battery!"));
    EXPECT_FALSE(MeetsProductionCost(weak));
  }
  ASSERT_EQ(CurrentPasswordCost(), PasswordCost::kProduction);
  EXPECT_FALSE(VerifyPassword(weak, "correct horse battery")) << "a test database never signs in in production";
  std::string strong = HashPassword("correct horse battery");
  EXPECT_NE(strong.find("$m=65536,t=2,"), std::string::npos) << strong;
  EXPECT_TRUE(MeetsProductionCost(strong));
  EXPECT_TRUE(VerifyPassword(strong, "correct horse battery"));
  {
    CostFor test(PasswordCost::kTestFast);
    EXPECT_TRUE(VerifyPassword(strong, "correct horse battery")) << "tests still read production hashes";
  }
}

TEST(Secrets, OnlyArgon2idWithTheProductionPassesAndMemoryMeetsTheProductionCost) {
  std::string strong = HashPassword("x");
  ASSERT_TRUE(MeetsProductionCost(strong));
  EXPECT_FALSE(MeetsProductionCost(Replace(strong, "t=2,", "t=1,"))) << "fewer passes";
  EXPECT_FALSE(MeetsProductionCost(Replace(strong, "m=65536,", "m=65535,"))) << "less memory";
  EXPECT_FALSE(MeetsProductionCost(Replace(strong, "m=65536,", "m=,")));
  EXPECT_FALSE(MeetsProductionCost(Replace(strong, "m=65536,", "m=65536x,")));
  EXPECT_FALSE(MeetsProductionCost(Replace(strong, "$argon2id$", "$argon2i$"))) << "another algorithm";
  EXPECT_TRUE(MeetsProductionCost(Replace(strong, "t=2,", "t=3,"))) << "more passes are fine";
  EXPECT_FALSE(MeetsProductionCost(""));
  EXPECT_FALSE(MeetsProductionCost("$argon2id$v=19$"));
  EXPECT_FALSE(VerifyPassword(Replace(strong, "t=2,", "t=1,"), "x"));
}

TEST(Secrets, TheDummyVerificationCostsWhatARealOneCosts) {
  using Clock = std::chrono::steady_clock;
  auto time = [](auto f) {
    f();  // the first call makes the dummy hash
    auto start = Clock::now();
    for (int i = 0; i < 3; ++i) f();
    return Clock::now() - start;
  };
  auto production_nothing = time([] { VerifyNothing("guess"); });
  std::string strong = HashPassword("x");
  auto production_real = time([&] { VerifyPassword(strong, "guess"); });
  CostFor test(PasswordCost::kTestFast);
  auto fast_nothing = time([] { VerifyNothing("guess"); });
  EXPECT_LT(fast_nothing * 10, production_nothing) << "at the test cost the dummy work is cheap too";
  EXPECT_GT(production_nothing * 3, production_real) << "and at the production cost it is as dear as a real one";
}

}  // namespace
}  // namespace ss

namespace ss {
namespace {
TEST(ShowcasePolicy, WhoMayEditWhichShowcase) {
  Actor organizer{1, "org", Role::kOrganizer, "", 0};
  Actor hainan{2, "hn", Role::kDistrictAdmin, "150303", 0};
  Actor own{3, "zhong", Role::kCandidate, "", 97};
  Actor judge{4, "judge", Role::kJudge, "", 0};
  EXPECT_TRUE(MayEditShowcase(organizer, 53, "150304"));
  EXPECT_TRUE(MayEditShowcase(hainan, 97, "150303"));
  EXPECT_FALSE(MayEditShowcase(hainan, 53, "150304"));
  EXPECT_TRUE(MayEditShowcase(own, 97, "150303"));
  EXPECT_FALSE(MayEditShowcase(own, 96, "150303"));
  EXPECT_FALSE(MayEditShowcase(judge, 97, "150303"));
  Actor unbound{5, "nobody", Role::kCandidate, "", 0};
  EXPECT_FALSE(MayEditShowcase(unbound, 0, ""));
}
}  // namespace
}  // namespace ss
