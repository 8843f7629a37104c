// Sign-in, sessions, CSRF, password guessing, and the audit log's hash chain, against the
// real server.
#include "harness.h"

namespace ss::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

Response Login(const Server& server, const std::string& user, const std::string& password,
               const std::string& forwarded_for = "") {
  Client c = server.Connect();
  std::map<std::string, std::string> h{{"Origin", "http://" + c.host()}, {"Content-Type", "application/json"}};
  if (!forwarded_for.empty()) h["X-Forwarded-For"] = forwarded_for;
  return c.Send(bhttp::verb::post, "/api/v1/auth/login", h,
                json::serialize(json::object{{"username", user}, {"password", password}}));
}

TEST(Sessions, LoginSetsAnHttpOnlyCookieAndMeAnswersWhoIsSignedIn) {
  TempDir dir;
  Server server(dir.path);
  auto accounts = server.Accounts();
  Staff hainan(server, "hainan", accounts.at("hainan"));
  ASSERT_TRUE(hainan.ok()) << hainan.login().body;
  std::string cookie = hainan.login().Header("set-cookie");
  EXPECT_TRUE(Contains(cookie, "HttpOnly"));
  EXPECT_TRUE(Contains(cookie, "SameSite=Lax"));
  EXPECT_FALSE(Contains(cookie, "Secure")) << "plain http";
  EXPECT_EQ(hainan.cookie().size(), std::string("ss_session=").size() + 43) << "256 random bits, base64url";
  auto me = hainan.Get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200u);
  auto user = me.Json();  // the user's fields, flat, plus the CSRF token
  EXPECT_EQ(user.at("username").as_string(), "hainan");
  EXPECT_FALSE(user.at("csrf_token").as_string().empty());
  EXPECT_EQ(user.at("role").as_string(), "district_admin");
  EXPECT_EQ(user.at("district").at("name").as_string(), "海南区");
  // The token is stored only as a hash.
  std::string db = server.db();
  FILE* p = popen(("sqlite3 '" + db + "' 'SELECT token_hash FROM sessions'").c_str(), "r");
  char buf[256] = {};
  std::string stored;
  while (fgets(buf, sizeof buf, p)) stored += buf;
  pclose(p);
  EXPECT_FALSE(Contains(stored, hainan.cookie().substr(11)));
  EXPECT_EQ(stored.size(), 65u) << "one SHA-256 in hex";
}

TEST(Sessions, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  TempDir dir;
  Server server(dir.path);
  Response unknown = Login(server, "no-such-user", "whatever-password");
  Response wrong = Login(server, "hainan", "whatever-password");
  EXPECT_EQ(unknown.status, 401u);
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST(Sessions, LogoutEndsTheSession) {
  TempDir dir;
  Server server(dir.path);
  Staff s(server, "organizer", server.Accounts().at("organizer"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s.Send(bhttp::verb::post, "/api/v1/auth/logout").status, 204u);
  EXPECT_EQ(s.Get("/api/v1/auth/me").status, 401u);
}

TEST(Sessions, ChangingThePasswordSignsOutEverywhereElse) {
  TempDir dir;
  Server server(dir.path);
  std::string old_password = server.Accounts().at("judge1");
  Staff laptop(server, "judge1", old_password);
  Staff phone(server, "judge1", old_password);
  ASSERT_TRUE(laptop.ok() && phone.ok());
  auto weak = laptop.Post("/api/v1/auth/password", json::object{{"old_password", old_password}, {"new_password", "123"}});
  EXPECT_EQ(weak.status, 422u);
  EXPECT_EQ(weak.Json().at("details").at(0).at("field").as_string(), "new_password");
  auto changed = laptop.Post("/api/v1/auth/password",
                             json::object{{"old_password", old_password}, {"new_password", "a-far-better-pass-2022"}});
  ASSERT_EQ(changed.status, 204u) << changed.body;
  EXPECT_EQ(laptop.Get("/api/v1/auth/me").status, 200u) << "the session that changed it stays";
  EXPECT_EQ(phone.Get("/api/v1/auth/me").status, 401u) << "every other session ends";
  EXPECT_EQ(Login(server, "judge1", old_password).status, 401u);
  EXPECT_EQ(Login(server, "judge1", "a-far-better-pass-2022").status, 200u);
}

TEST(Sessions, ADisabledAccountIsSignedOutAndCannotSignIn) {
  TempDir dir;
  Server server(dir.path);
  auto accounts = server.Accounts();
  Staff judge(server, "judge2", accounts.at("judge2"));
  Staff admin(server, "admin", accounts.at("admin"));
  ASSERT_TRUE(judge.ok() && admin.ok());
  ASSERT_EQ(admin.Patch("/api/v1/admin/users/7", json::object{{"disabled", true}}).status, 200u);
  EXPECT_EQ(judge.Get("/api/v1/auth/me").status, 401u);
  auto again = Login(server, "judge2", accounts.at("judge2"));
  EXPECT_EQ(again.status, 403u);
  EXPECT_EQ(again.Json().at("code").as_string(), "account_disabled");
  // An admin cannot lock themselves out.
  auto self = admin.Patch("/api/v1/admin/users/1", json::object{{"disabled", true}});
  EXPECT_EQ(self.status, 422u);
}

TEST(Csrf, WritesNeedTheTokenAndThisSitesOrigin) {
  TempDir dir;
  Server server(dir.path);
  Staff s(server, "organizer", server.Accounts().at("organizer"));
  ASSERT_TRUE(s.ok());
  std::string body = json::serialize(json::object{{"title", "社区党组织书记"}, {"reason", "职务名称更正"}});
  auto no_token = s.Send(bhttp::verb::patch, "/api/v1/campaigns/1/candidates/97", body, {{"X-CSRF-Token", ""}});
  EXPECT_EQ(no_token.status, 403u);
  EXPECT_EQ(no_token.Json().at("code").as_string(), "csrf");
  auto wrong_token = s.Send(bhttp::verb::patch, "/api/v1/campaigns/1/candidates/97", body, {{"X-CSRF-Token", "forged"}});
  EXPECT_EQ(wrong_token.status, 403u);
  auto other_site = s.Send(bhttp::verb::patch, "/api/v1/campaigns/1/candidates/97", body, {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other_site.status, 403u);
  EXPECT_EQ(s.Send(bhttp::verb::patch, "/api/v1/campaigns/1/candidates/97", body).status, 200u);
  // Reads need no token.
  EXPECT_EQ(s.Send(bhttp::verb::get, "/api/v1/auth/me", "", {{"X-CSRF-Token", ""}}).status, 200u);
}

TEST(Headers, TheContentSecurityPolicyAllowsNoInlineScript) {
  TempDir dir;
  Server server(dir.path);
  Response r = server.Connect().Get("/");
  std::string csp = r.Header("content-security-policy");
  EXPECT_TRUE(Contains(csp, "script-src 'self'"));
  EXPECT_FALSE(Contains(csp.substr(csp.find("script-src"), csp.find(';', csp.find("script-src")) - csp.find("script-src")),
                        "unsafe-inline"));
  EXPECT_TRUE(Contains(csp, "frame-ancestors 'none'"));
  EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
}

// Guessing from one address slows down, then that address is locked out of that account;
// the real user elsewhere still signs in. A spread-out attack locks the account, but not for
// addresses the user has signed in from before.
TEST(BruteForce, GuessingIsSlowedThenLockedWithoutLockingTheRealUserOut) {
  TempDir dir;
  std::ofstream(dir.path / "proxy.toml") << "[http]\ntrusted_proxies = [\"127.0.0.1\"]\n";
  Server server(dir.path, {"--config", (dir.path / "proxy.toml").string()});
  std::string password = server.Accounts().at("hainan");
  const std::string attacker = "203.0.113.9", user = "198.51.100.7";
  ASSERT_EQ(Login(server, "hainan", password, user).status, 200u) << "the user's usual address";

  std::vector<Clock::duration> took;
  for (int i = 0; i < 5; ++i) {
    auto started = Clock::now();
    Response r = Login(server, "hainan", "guess-number-" + std::to_string(i), attacker);
    took.push_back(Clock::now() - started);
    EXPECT_EQ(r.status, 401u) << i;
  }
  // The policy holds back the 4th failure by 0.5 s and the 5th by 1 s (lower bounds).
  EXPECT_GE(took[3], std::chrono::milliseconds(500));
  EXPECT_GE(took[4], std::chrono::milliseconds(1000));
  Response locked = Login(server, "hainan", password, attacker);
  EXPECT_EQ(locked.status, 429u) << "even the right password, from the guessing address";
  EXPECT_EQ(locked.Json().at("code").as_string(), "too_many_attempts");
  EXPECT_GT(locked.Json().at("retry_after").as_int64(), 0);
  EXPECT_FALSE(locked.Header("retry-after").empty());
  EXPECT_EQ(Login(server, "hainan", password, user).status, 200u) << "the real user is not locked out";

  // Spread over many addresses: each guesses a few times, 20 in all, in parallel.
  std::vector<std::thread> guessers;
  for (int i = 0; i < 20; ++i) {
    guessers.emplace_back([&, i] { Login(server, "hainan", "spread-guess", "192.0.2." + std::to_string(i % 10)); });
  }
  for (auto& t : guessers) t.join();
  Response new_place = Login(server, "hainan", password, "198.51.100.99");
  EXPECT_EQ(new_place.status, 429u) << "the account is locked for new addresses";
  EXPECT_EQ(Login(server, "hainan", password, user).status, 200u) << "but not for the user's known address";
}

TEST(Audit, EveryAdministrativeWriteLeavesAnEntryAndTamperingIsFound) {
  TempDir dir;
  Server server(dir.path);
  Staff org(server, "organizer", server.Accounts().at("organizer"));
  ASSERT_TRUE(org.ok());
  ASSERT_EQ(org.Patch("/api/v1/campaigns/1/candidates/97", json::object{{"title", "社区书记"}, {"reason", "职务名称更正"}}).status, 200u);
  auto list = org.Get("/api/v1/admin/audit?action=candidate.").Json();
  ASSERT_EQ(list.at("total").as_int64(), 1);
  auto e = list.at("items").at(0);
  EXPECT_EQ(e.at("actor").at("username").as_string(), "organizer");
  EXPECT_EQ(e.at("before").at("title").as_string(), "社区党组织书记");
  EXPECT_EQ(e.at("after").at("title").as_string(), "社区书记");
  EXPECT_EQ(e.at("reason").as_string(), "职务名称更正");
  EXPECT_FALSE(e.at("request_id").as_string().empty());
  std::int64_t id = e.at("id").as_int64();

  auto ok = RunCommand({"audit", "verify", "--db", server.db()});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  // The database itself refuses to change an entry…
  std::string db = server.db();
  EXPECT_NE(std::system(("sqlite3 '" + db + "' \"UPDATE audit_log SET reason = 'x' WHERE id = 1\" 2>/dev/null").c_str()), 0);
  // …so a tamperer drops the guard and changes one byte.
  std::string sql = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = replace(after, '社区书记', '社区书纪') WHERE id = " +
                    std::to_string(id) + ";";
  ASSERT_EQ(std::system(("sqlite3 '" + db + "' \"" + sql + "\"").c_str()), 0);
  auto broken = RunCommand({"audit", "verify", "--db", db});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_TRUE(Contains(broken.out, "第 " + std::to_string(id) + " 条")) << broken.out;
}

TEST(Users, OrganizersManageJudgesButNotAdmins) {
  TempDir dir;
  Server server(dir.path);
  Staff org(server, "organizer", server.Accounts().at("organizer"));
  ASSERT_TRUE(org.ok());
  auto admin = org.Post("/api/v1/admin/users", json::object{{"username", "boss"}, {"display_name", "x"}, {"role", "admin"},
                                                            {"password", "long-enough-pass-1"}});
  EXPECT_EQ(admin.status, 403u);
  auto bad = org.Post("/api/v1/admin/users", json::object{{"username", "j"}, {"display_name", ""}, {"role", "judge"},
                                                          {"password", "1234567890"}});
  ASSERT_EQ(bad.status, 422u);
  std::set<std::string> fields;
  auto details = bad.Json();
  for (const auto& d : details.at("details").as_array()) fields.insert(std::string(d.at("field").as_string()));
  EXPECT_TRUE(fields.count("username") && fields.count("display_name") && fields.count("password")) << bad.body;
  auto judge = org.Post("/api/v1/admin/users", json::object{{"username", "judge9"}, {"display_name", "评委九"}, {"role", "judge"},
                                                            {"password", "a-judges-password"}});
  ASSERT_EQ(judge.status, 201u) << judge.body;
  EXPECT_EQ(Login(server, "judge9", "a-judges-password").status, 200u);
  auto dup = org.Post("/api/v1/admin/users", json::object{{"username", "judge9"}, {"display_name", "评委九"}, {"role", "judge"},
                                                          {"password", "a-judges-password"}});
  EXPECT_EQ(dup.status, 409u);
}

TEST(Cli, UserCommandsReadThePasswordFromStdin) {
  TempDir dir;
  std::string db = (dir.path / "u.db").string();
  ASSERT_EQ(RunCommand({"init", "--db", db, "--demo"}).exit_code, 0);
  auto add = [&](const std::string& password, std::vector<std::string> args) {
    std::string cmd = "printf '%s\\n' '" + password + "' | " + std::string(SS_BINARY) + " user add --db '" + db + "'";
    for (const auto& a : args) cmd += " " + a;
    cmd += " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int rc = pclose(p);
    return std::pair{WEXITSTATUS(rc), out};
  };
  auto weak = add("short", {"--username", "dist2", "--role", "district_admin", "--district", "150301"});
  EXPECT_EQ(weak.first, 1);
  EXPECT_TRUE(Contains(weak.second, "至少")) << weak.second;
  auto no_district = add("long-enough-pass-9", {"--username", "dist2", "--role", "district_admin"});
  EXPECT_EQ(no_district.first, 2);
  auto good = add("long-enough-pass-9", {"--username", "dist2", "--role", "district_admin", "--district", "150301"});
  EXPECT_EQ(good.first, 0) << good.second;
  auto list = RunCommand({"user", "list", "--db", db});
  EXPECT_TRUE(Contains(list.out, "dist2")) << list.out;
  EXPECT_EQ(RunCommand({"user", "disable", "--db", db, "--username", "dist2"}).exit_code, 0);
  EXPECT_TRUE(Contains(RunCommand({"user", "list", "--db", db}).out, "已停用"));
  // The demo accounts file is private.
  auto st = fs::status(dir.path / "demo-accounts.txt").permissions();
  EXPECT_EQ(st & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

}  // namespace
}  // namespace ss::testing
