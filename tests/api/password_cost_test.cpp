// The cheap test password cost (SHUANGSHAI_TEST_FAST_PASSWORDS=1, set by the harness for
// every process it starts) against the production cost: a server without it refuses the
// hashes a test database holds.
#include "harness.h"

namespace ss::testing {
namespace {

TEST(PasswordCost, TheTestCostIsAnnouncedAndABadValueStopsTheBinary) {
  auto fast = RunCommand({"version"});
  EXPECT_EQ(fast.exit_code, 0) << fast.out;
  EXPECT_NE(fast.out.find("SHUANGSHAI_TEST_FAST_PASSWORDS=1"), std::string::npos) << fast.out;
  auto production = RunCommand({"version"}, {"SHUANGSHAI_TEST_FAST_PASSWORDS=0"});
  EXPECT_EQ(production.exit_code, 0) << production.out;
  EXPECT_EQ(production.out.find("SHUANGSHAI_TEST_FAST_PASSWORDS"), std::string::npos) << production.out;
  auto bad = RunCommand({"version"}, {"SHUANGSHAI_TEST_FAST_PASSWORDS=yes"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_NE(bad.out.find("SHUANGSHAI_TEST_FAST_PASSWORDS"), std::string::npos) << bad.out;
}

TEST(PasswordCost, AProductionServerRefusesTheAccountsOfATestDatabase) {
  TempDir dir;
  std::string db = (dir.path / "test.db").string();
  auto init = RunCommand({"init", "--db", db, "--demo"});  // test cost
  ASSERT_EQ(init.exit_code, 0) << init.out;
  std::map<std::string, std::string> accounts;
  {
    Server test_server(dir.path, {}, /*init=*/false);
    accounts = test_server.Accounts();
    ASSERT_TRUE(accounts.count("hainan"));
    EXPECT_TRUE(Staff(test_server, "hainan", accounts["hainan"]).ok()) << "a test server signs in";
  }
  ASSERT_EQ(setenv("SHUANGSHAI_TEST_FAST_PASSWORDS", "0", 1), 0);
  Server production(dir.path, {}, /*init=*/false);
  ASSERT_EQ(setenv("SHUANGSHAI_TEST_FAST_PASSWORDS", "1", 1), 0);
  Staff refused(production, "hainan", accounts["hainan"]);
  EXPECT_FALSE(refused.ok()) << "the right password, but a hash weaker than production's";
  EXPECT_EQ(refused.login().status, 401u) << refused.login().body;
}

}  // namespace
}  // namespace ss::testing
