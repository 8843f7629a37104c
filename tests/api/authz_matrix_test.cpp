// The authorization matrix: every registered route × every role (and a district admin of
// another district), asserting allowed, 401, 403 (or 404 where existence must not leak).
// A route added to the server without a row here fails the test, so no route goes unchecked.
#include <set>

#include "api/catalog.h"
#include "api/routes.h"
#include "api/voting.h"
#include "harness.h"
#include "store/store.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

// Who is asking. "hainan" administers 海南区 (150303), where the targets below are;
// "wuda" administers 乌达区 and must be refused them.
const std::vector<std::string> kActors = {"anonymous", "admin", "organizer", "hainan", "wuda", "judge1", "cand097"};

struct Case {
  bhttp::verb method;
  std::string pattern;  // as registered
  std::string target;   // with sample parameters
  std::function<std::string(const std::string& actor)> body;  // JSON, or "" for none
  std::map<std::string, unsigned> expect;                      // actor → status
};

std::map<std::string, unsigned> Expect(unsigned anonymous, unsigned admin, unsigned organizer, unsigned hainan,
                                       unsigned wuda, unsigned judge, unsigned candidate) {
  return {{"anonymous", anonymous}, {"admin", admin}, {"organizer", organizer}, {"hainan", hainan},
          {"wuda", wuda},           {"judge1", judge}, {"cand097", candidate}};
}

std::function<std::string(const std::string&)> Body(json::value v) {
  return [v](const std::string&) { return json::serialize(v); };
}
std::function<std::string(const std::string&)> NoBody() {
  return [](const std::string&) { return std::string(); };
}

std::vector<Case> Cases() {
  const auto all200 = Expect(200, 200, 200, 200, 200, 200, 200);
  const auto roster_read = Expect(401, 200, 200, 200, 200, 403, 403);  // wuda sees its own district
  const auto roster_write = Expect(401, 200, 200, 200, 403, 403, 403);
  const auto managers = Expect(401, 200, 200, 403, 403, 403, 403);
  json::array import_rows{json::array{"序号", "姓名", "性别", "职务", "单位代码"},
                          json::array{"97", "钟庆梅", "男", "社区党组织书记", "150303004001"}};
  int unit_serial = 0;
  return {
      {bhttp::verb::get, "/healthz", "/healthz", NoBody(), all200},
      {bhttp::verb::get, "/api/v1/campaigns", "/api/v1/campaigns", NoBody(), all200},
      {bhttp::verb::get, "/api/v1/campaigns/{id}", "/api/v1/campaigns/1", NoBody(), all200},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/org-units", "/api/v1/campaigns/1/org-units", NoBody(), all200},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/candidates", "/api/v1/campaigns/1/candidates", NoBody(), all200},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/candidates/{cid}", "/api/v1/campaigns/1/candidates/97", NoBody(), all200},
      // Voting: staff accounts are no voters (401 voter_unauthenticated for all); results and
      // receipt lookups are public.
      {bhttp::verb::post, "/api/v1/voters/otp", "/api/v1/voters/otp", Body(json::object{{"phone", "12345"}}),
       Expect(400, 400, 400, 400, 400, 400, 400)},
      {bhttp::verb::post, "/api/v1/voters/verify", "/api/v1/voters/verify",
       Body(json::object{{"phone", "13800138000"}, {"code", "000000"}}), Expect(400, 400, 400, 400, 400, 400, 400)},
      {bhttp::verb::post, "/api/v1/voters/logout", "/api/v1/voters/logout", NoBody(), Expect(204, 204, 204, 204, 204, 204, 204)},
      {bhttp::verb::get, "/api/v1/voters/me", "/api/v1/voters/me", NoBody(), Expect(401, 401, 401, 401, 401, 401, 401)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/votes/challenge", "/api/v1/campaigns/1/votes/challenge", NoBody(),
       Expect(401, 401, 401, 401, 401, 401, 401)},
      {bhttp::verb::post, "/api/v1/campaigns/{id}/votes", "/api/v1/campaigns/1/votes",
       Body(json::object{{"candidate_id", 97}}), Expect(401, 401, 401, 401, 401, 401, 401)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/votes/mine", "/api/v1/campaigns/1/votes/mine", NoBody(),
       Expect(401, 401, 401, 401, 401, 401, 401)},
      {bhttp::verb::get, "/api/v1/votes/receipts/{receipt}", "/api/v1/votes/receipts/0123456789ABCDEFGHJKMNPQRS",
       NoBody(), Expect(404, 404, 404, 404, 404, 404, 404)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/tally", "/api/v1/campaigns/1/tally", NoBody(), all200},
      {bhttp::verb::post, "/api/v1/voters/ballot-code", "/api/v1/voters/ballot-code", Body(json::object{{"code", "0000"}}),
       Expect(400, 400, 400, 400, 400, 400, 400)},
      // Ballot codes: batch 1 is the admin's, first in 海南区; wuda may not reach it.
      {bhttp::verb::post, "/api/v1/campaigns/{id}/ballot-batches", "/api/v1/campaigns/1/ballot-batches",
       Body(json::object{{"district", "150303"}, {"branch", "新桥社区党支部"}, {"count", 3}}),
       Expect(401, 201, 201, 201, 403, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/ballot-batches", "/api/v1/campaigns/1/ballot-batches", NoBody(),
       Expect(401, 200, 200, 200, 200, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/ballot-batches/{bid}/codes", "/api/v1/campaigns/1/ballot-batches/1/codes",
       NoBody(), roster_write},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/ballot-batches/{bid}/slips.pdf",
       "/api/v1/campaigns/1/ballot-batches/1/slips.pdf", NoBody(), roster_write},
      {bhttp::verb::post, "/api/v1/campaigns/{id}/ballot-batches/{bid}/revoke", "/api/v1/campaigns/1/ballot-batches/1/revoke",
       Body(json::object{{"code_ids", json::array{1}}, {"reason", "纸条遗失"}}), roster_write},
      // The review: organizers everywhere, district admins their own district (wuda's queue is
      // empty, 钟庆梅's flags are not its to see); vote 999999 is in no queue.
      {bhttp::verb::get, "/api/v1/campaigns/{id}/review", "/api/v1/campaigns/1/review", NoBody(),
       Expect(401, 200, 200, 200, 200, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/review/flags", "/api/v1/campaigns/1/review/flags?candidate=97", NoBody(),
       roster_write},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/review/candidates/{cid}/timeline",
       "/api/v1/campaigns/1/review/candidates/97/timeline", NoBody(), roster_write},
      {bhttp::verb::post, "/api/v1/campaigns/{id}/review/decisions", "/api/v1/campaigns/1/review/decisions",
       Body(json::object{{"vote_ids", json::array{999999}}, {"decision", "invalidate"}, {"reason", "确认刷票"}}),
       Expect(401, 404, 404, 404, 404, 403, 403)},
      // A wrong password for everyone: the route itself is open, the credentials are not.
      {bhttp::verb::post, "/api/v1/auth/login", "/api/v1/auth/login",
       [](const std::string& actor) {  // one name each: repeated failures on one name get locked
         return json::serialize(json::object{{"username", "nobody-" + actor}, {"password", "wrong-password-123"}});
       },
       Expect(401, 401, 401, 401, 401, 401, 401)},
      {bhttp::verb::get, "/api/v1/auth/me", "/api/v1/auth/me", NoBody(), Expect(401, 200, 200, 200, 200, 200, 200)},
      // The old password is wrong on purpose: allowed through, refused as invalid.
      {bhttp::verb::post, "/api/v1/auth/password", "/api/v1/auth/password",
       Body(json::object{{"old_password", "not-my-password"}, {"new_password", "a-much-better-one-42"}}),
       Expect(401, 422, 422, 422, 422, 422, 422)},
      {bhttp::verb::get, "/api/v1/admin/users", "/api/v1/admin/users", NoBody(), managers},
      {bhttp::verb::post, "/api/v1/admin/users", "/api/v1/admin/users",
       [](const std::string& actor) {
         return json::serialize(json::object{{"username", "judge-by-" + actor}, {"display_name", "新评委"},
                                             {"role", "judge"}, {"password", "judge-password-2022"}});
       },
       Expect(401, 201, 201, 403, 403, 403, 403)},
      {bhttp::verb::patch, "/api/v1/admin/users/{uid}", "/api/v1/admin/users/8",  // judge3
       Body(json::object{{"display_name", "评委三"}}), managers},
      {bhttp::verb::post, "/api/v1/admin/users/{uid}/password", "/api/v1/admin/users/8/password",
       Body(json::object{{"password", "a-new-password-for-3"}}), Expect(401, 204, 204, 403, 403, 403, 403)},
      {bhttp::verb::get, "/api/v1/admin/users/export.xlsx", "/api/v1/admin/users/export.xlsx", NoBody(), managers},
      {bhttp::verb::put, "/api/v1/campaigns/{id}/settings", "/api/v1/campaigns/1/settings", Body(json::object{}), managers},
      // voting → voting is not a step forward: allowed through, refused by the state machine.
      {bhttp::verb::post, "/api/v1/campaigns/{id}/phase", "/api/v1/campaigns/1/phase",
       Body(json::object{{"from", "voting"}, {"to", "voting"}}), Expect(401, 409, 409, 403, 403, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/admin/org-units", "/api/v1/campaigns/1/admin/org-units", NoBody(), roster_read},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/admin/org-units/export.xlsx",
       "/api/v1/campaigns/1/admin/org-units/export.xlsx", NoBody(), roster_read},
      {bhttp::verb::post, "/api/v1/campaigns/{id}/org-units", "/api/v1/campaigns/1/org-units",
       [unit_serial](const std::string& actor) mutable {
         std::string code = "150303004" + std::to_string(900 + static_cast<int>(std::hash<std::string>{}(actor) % 90)) +
                            std::to_string(unit_serial++);
         return json::serialize(json::object{{"code", code}, {"name", "测试社区"}, {"level", "community"},
                                             {"parent", "150303004"}, {"reason", "授权矩阵测试"}});
       },
       Expect(401, 201, 201, 201, 403, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/org-units/template.xlsx", "/api/v1/campaigns/1/org-units/template.xlsx",
       NoBody(), roster_read},
      // A 海南区 row renamed to its own name (nothing changes): 乌达区 gets it refused.
      {bhttp::verb::post, "/api/v1/campaigns/{id}/org-units/import", "/api/v1/campaigns/1/org-units/import",
       Body(json::object{{"rows", json::array{json::array{"单位代码", "单位名称", "层级", "上级单位代码"},
                                              json::array{"150303004001", "新桥社区", "社区", "150303004"}}},
                         {"dry_run", true}}),
       Expect(401, 200, 200, 200, 422, 403, 403)},
      {bhttp::verb::patch, "/api/v1/campaigns/{id}/org-units/{code}", "/api/v1/campaigns/1/org-units/150303004001",
       Body(json::object{{"name", "新桥社区"}, {"reason", "授权矩阵测试"}}), roster_write},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/admin/candidates", "/api/v1/campaigns/1/admin/candidates", NoBody(), roster_read},
      // The unit is taken: allowed through, refused as invalid; nothing is created.
      {bhttp::verb::post, "/api/v1/campaigns/{id}/candidates", "/api/v1/campaigns/1/candidates",
       Body(json::object{{"no", 999}, {"name", "测试"}, {"gender", "男"}, {"title", "社区党组织书记"},
                         {"unit", "150303004001"}, {"reason", "授权矩阵测试"}}),
       Expect(401, 422, 422, 422, 403, 403, 403)},
      {bhttp::verb::patch, "/api/v1/campaigns/{id}/candidates/{cid}", "/api/v1/campaigns/1/candidates/97",
       Body(json::object{{"title", "社区党组织书记"}, {"reason", "授权矩阵测试"}}), roster_write},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/roster/template.xlsx", "/api/v1/campaigns/1/roster/template.xlsx", NoBody(),
       Expect(401, 200, 200, 200, 200, 403, 403)},
      {bhttp::verb::get, "/api/v1/campaigns/{id}/roster/export.xlsx", "/api/v1/campaigns/1/roster/export.xlsx", NoBody(), roster_read},
      // A 海南区 row: 乌达区 gets its rows refused (422 naming them), outsiders 403.
      {bhttp::verb::post, "/api/v1/campaigns/{id}/roster/import", "/api/v1/campaigns/1/roster/import",
       Body(json::object{{"rows", import_rows}, {"dry_run", true}}), Expect(401, 200, 200, 200, 422, 403, 403)},
      {bhttp::verb::get, "/api/v1/admin/audit", "/api/v1/admin/audit", NoBody(), roster_read},
      {bhttp::verb::get, "/api/v1/admin/audit/export.xlsx", "/api/v1/admin/audit/export.xlsx", NoBody(), roster_read},
      // Last: signing out ends the session used above.
      {bhttp::verb::post, "/api/v1/auth/logout", "/api/v1/auth/logout", NoBody(), Expect(401, 204, 204, 204, 204, 204, 204)},
  };
}

std::set<std::string> RegisteredRoutes() {
  auto path = std::filesystem::temp_directory_path() / "shuangshai-authz-routes.db";
  std::filesystem::remove(path);
  auto store = store::OpenStore(path.string());
  EXPECT_TRUE(store.ok());
  api::Catalog catalog(**store);
  boost::asio::thread_pool cpu(1);
  api::Services services{**store, catalog, {}, cpu, cpu};
  api::VotingServices voting(**store);
  services.voting = &voting;
  http::Router router;
  api::RegisterRoutes(router, services);
  std::set<std::string> out;
  for (const auto& r : router.routes()) out.insert(std::string(bhttp::to_string(r.method)) + " " + r.pattern);
  return out;
}

TEST(AuthorizationMatrix, EveryRouteHasARow) {
  std::set<std::string> covered;
  for (const auto& c : Cases()) covered.insert(std::string(bhttp::to_string(c.method)) + " " + c.pattern);
  // A stream never ends, so a row cannot read its answer: voting_test.cpp reads its first
  // events as anonymous and as staff instead.
  covered.insert("GET /api/v1/campaigns/{id}/tally/stream");
  for (const auto& r : RegisteredRoutes()) EXPECT_TRUE(covered.count(r)) << r << " has no row in the matrix";
}

TEST(AuthorizationMatrix, EveryRouteTimesEveryRole) {
  TempDir dir;
  Server server(dir.path);
  auto accounts = server.Accounts();
  std::map<std::string, std::unique_ptr<Staff>> staff;
  for (const auto& actor : kActors) {
    if (actor == "anonymous") continue;
    staff[actor] = std::make_unique<Staff>(server, actor, accounts.at(actor));
    ASSERT_TRUE(staff[actor]->ok()) << actor << ": " << staff[actor]->login().body;
  }
  int checked = 0;
  for (auto& c : Cases()) {
    for (const auto& actor : kActors) {
      std::string body = c.body(actor);
      Response r;
      if (actor == "anonymous") {
        Client client = server.Connect();
        std::map<std::string, std::string> h{{"Origin", "http://" + client.host()}};
        if (!body.empty()) h["Content-Type"] = "application/json";
        r = client.Send(c.method, c.target, h, body);
      } else {
        r = staff[actor]->Send(c.method, c.target, body);
      }
      EXPECT_EQ(r.status, c.expect.at(actor))
          << bhttp::to_string(c.method) << " " << c.target << " as " << actor << " → " << r.body.substr(0, 300);
      if (r.status >= 400 && r.Header("content-type").find("json") != std::string::npos) {
        auto code = r.Json().at("code").as_string();
        if (r.status == 401) {
          EXPECT_TRUE(code == "unauthenticated" || code == "bad_credentials" || code == "voter_unauthenticated") << code;
        }
        if (r.status == 403) {
          EXPECT_EQ(code, "forbidden") << c.target << " as " << actor;
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Cases().size() * kActors.size()));
}

TEST(AuthorizationMatrix, ADistrictAdminSeesOnlyTheirDistrict) {
  TempDir dir;
  Server server(dir.path);
  auto accounts = server.Accounts();
  Staff wuda(server, "wuda", accounts.at("wuda"));
  ASSERT_TRUE(wuda.ok());
  auto list = wuda.Get("/api/v1/campaigns/1/admin/candidates?page_size=100").Json();
  EXPECT_EQ(list.at("total").as_int64(), 39);
  for (const auto& item : list.at("items").as_array()) EXPECT_EQ(item.at("district").at("code").as_string(), "150302");
  EXPECT_EQ(wuda.Get("/api/v1/campaigns/1/admin/candidates?district=150303").status, 403u);
  auto units = wuda.Get("/api/v1/campaigns/1/admin/org-units?page_size=100").Json();
  for (const auto& item : units.at("items").as_array()) EXPECT_EQ(item.at("district").at("code").as_string(), "150302");

  // The audit log shows them their own district's entries, not 海南区's.
  Staff hainan(server, "hainan", accounts.at("hainan"));
  ASSERT_EQ(hainan.Patch("/api/v1/campaigns/1/candidates/97", json::object{{"title", "社区党组织书记（海南）"}, {"reason", "职务名称更正"}}).status, 200u);
  auto audit = wuda.Get("/api/v1/admin/audit?page_size=100").Json();
  for (const auto& e : audit.at("items").as_array()) {
    bool theirs = e.at("district").as_string() == "150302" || e.at("actor").at("username").as_string() == "wuda";
    EXPECT_TRUE(theirs) << json::serialize(e);
  }
  auto hainan_audit = hainan.Get("/api/v1/admin/audit?action=candidate.update").Json();
  EXPECT_EQ(hainan_audit.at("total").as_int64(), 1);
}

}  // namespace
}  // namespace ss::testing
