// The read API against the real server and the Wuhai demo campaign.
#include "harness.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

class ReadApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new Server(dir_->path);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  Response Get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    return server_->Connect().Get(target, headers);
  }
  // Expects a JSON error with `status` and `code` and a Chinese message.
  void ExpectError(const std::string& target, unsigned status, const std::string& code) {
    Response r = Get(target);
    EXPECT_EQ(r.status, status) << target << " → " << r.body;
    ASSERT_NE(r.Header("content-type").find("application/json"), std::string::npos) << target;
    auto j = r.Json().as_object();
    EXPECT_EQ(j.at("code").as_string(), code) << target;
    std::string message(j.at("message").as_string());
    EXPECT_FALSE(message.empty());
    EXPECT_GE(message.size(), 3u) << "a message, not a code";
  }
  std::int64_t Total(const std::string& query) {
    Response r = Get("/api/v1/campaigns/1/candidates" + query);
    EXPECT_EQ(r.status, 200u) << query << " → " << r.body;
    return r.Json().at("total").as_int64();
  }

  static TempDir* dir_;
  static Server* server_;
};
TempDir* ReadApi::dir_ = nullptr;
Server* ReadApi::server_ = nullptr;

TEST_F(ReadApi, HealthIsOk) {
  Response r = Get("/healthz");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.Json().at("status").as_string(), "ok");
}

TEST_F(ReadApi, CampaignListShowsTheDemoInItsVotingPhase) {
  Response r = Get("/api/v1/campaigns");
  ASSERT_EQ(r.status, 200u);
  auto j = r.Json().as_object();
  EXPECT_EQ(j.at("total").as_int64(), 1);
  auto c = j.at("items").as_array().at(0).as_object();
  EXPECT_EQ(c.at("id").as_int64(), 1);
  EXPECT_NE(std::string(c.at("name").as_string()).find("乌海市"), std::string::npos);
  EXPECT_EQ(c.at("phase").at("key").as_string(), "voting");
  EXPECT_EQ(c.at("phase").at("name").as_string(), "展播与线上投票");
}

TEST_F(ReadApi, CampaignDetailHasGroupsDistrictsPhasesAndRules) {
  Response r = Get("/api/v1/campaigns/1");
  ASSERT_EQ(r.status, 200u);
  auto j = r.Json().as_object();
  auto groups = j.at("groups").as_array();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].at("key").as_string(), "town_street");
  EXPECT_EQ(groups[0].at("candidates").as_int64(), 20);
  EXPECT_EQ(groups[1].at("candidates").as_int64(), 83);
  std::map<std::string, std::int64_t> by_district;
  for (const auto& d : j.at("districts").as_array())
    by_district[std::string(d.at("name").as_string())] = d.at("candidates").as_int64();
  EXPECT_EQ(by_district["海勃湾区"], 47);
  EXPECT_EQ(by_district["乌达区"], 39);
  EXPECT_EQ(by_district["海南区"], 17);
  auto phases = j.at("phases").as_array();
  ASSERT_EQ(phases.size(), 8u);
  int current = 0;
  for (const auto& p : phases) current += p.at("current").as_bool() ? 1 : 0;
  EXPECT_EQ(current, 1);
  EXPECT_TRUE(phases[3].at("current").as_bool());
  // The 2022 schedule is kept beside the moved one.
  EXPECT_EQ(phases[3].at("original_start").as_string(), "2022-04-20T16:00:00Z");
  EXPECT_EQ(j.at("rubric").as_array().size(), 5u);
  EXPECT_EQ(j.at("vote_policy").at("votes_per_voter_per_day").as_int64(), 3);
  EXPECT_DOUBLE_EQ(j.at("weights").at("work_performance").as_double(), 0.4);
  EXPECT_EQ(j.at("awards").at("village_community").as_array().size(), 4u);
  EXPECT_EQ(j.at("themes").at("street").as_array().size(), 6u);
}

TEST_F(ReadApi, OrgUnitsAreATreeOf107) {
  Response r = Get("/api/v1/campaigns/1/org-units");
  ASSERT_EQ(r.status, 200u);
  auto j = r.Json().as_object();
  EXPECT_EQ(j.at("total").as_int64(), 107);
  auto root = j.at("root").as_object();
  EXPECT_EQ(root.at("name").as_string(), "乌海市");
  EXPECT_EQ(root.at("children").as_array().size(), 3u);
  std::function<int(const json::value&)> count = [&](const json::value& n) {
    int c = 1;
    for (const auto& ch : n.at("children").as_array()) c += count(ch);
    return c;
  };
  EXPECT_EQ(count(j.at("root")), 107);
}

TEST_F(ReadApi, CandidateListCountsAndFilters) {
  EXPECT_EQ(Total(""), 103);
  EXPECT_EQ(Total("?group=town_street"), 20);
  EXPECT_EQ(Total("?group=village_community"), 83);
  EXPECT_EQ(Total("?district=150303"), 17);
  EXPECT_EQ(Total("?district=150303&group=town_street"), 5);
  EXPECT_EQ(Total("?level=street"), Total("?group=town_street") - Total("?level=town"));
  EXPECT_EQ(Total("?q=%E6%96%B0%E6%A1%A5%E7%A4%BE%E5%8C%BA"), 1);  // 新桥社区
}

TEST_F(ReadApi, CandidateListItemsHaveTheDocumentedShape) {
  Response r = Get("/api/v1/campaigns/1/candidates?q=%E6%96%B0%E6%A1%A5%E7%A4%BE%E5%8C%BA");
  ASSERT_EQ(r.status, 200u);
  auto item = r.Json().at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("no").as_int64(), 97);
  EXPECT_EQ(item.at("name").as_string(), "钟庆梅");
  EXPECT_EQ(item.at("gender").as_string(), "男");
  EXPECT_EQ(item.at("title").as_string(), "社区党组织书记");
  EXPECT_EQ(item.at("group").as_string(), "village_community");
  EXPECT_EQ(item.at("unit").at("code").as_string(), "150303004001");
  EXPECT_EQ(item.at("unit").at("name").as_string(), "新桥社区");
  EXPECT_EQ(item.at("unit").at("level").as_string(), "community");
  EXPECT_EQ(item.at("district").at("code").as_string(), "150303");
  EXPECT_EQ(item.at("district").at("name").as_string(), "海南区");
}

TEST_F(ReadApi, PagesSplitTheListWithoutOverlap) {
  auto page = [&](int p) { return Get("/api/v1/campaigns/1/candidates?group=village_community&page_size=40&page=" + std::to_string(p)).Json(); };
  auto a = page(1), b = page(2), c = page(3), d = page(4);
  EXPECT_EQ(a.at("items").as_array().size(), 40u);
  EXPECT_EQ(b.at("items").as_array().size(), 40u);
  EXPECT_EQ(c.at("items").as_array().size(), 3u);
  EXPECT_EQ(d.at("items").as_array().size(), 0u);
  EXPECT_EQ(d.at("total").as_int64(), 83);
  std::set<std::int64_t> ids;
  for (const auto& p : {a, b, c})
    for (const auto& i : p.at("items").as_array()) ids.insert(i.at("id").as_int64());
  EXPECT_EQ(ids.size(), 83u);
}

TEST_F(ReadApi, CandidateDetailAddsParentAndThemes) {
  Response r = Get("/api/v1/campaigns/1/candidates/97");
  ASSERT_EQ(r.status, 200u);
  auto j = r.Json().as_object();
  EXPECT_EQ(j.at("name").as_string(), "钟庆梅");
  EXPECT_EQ(j.at("parent").at("name").as_string(), "拉僧仲街道");
  auto themes = j.at("themes").as_array();
  EXPECT_EQ(themes.size(), 11u);  // 8 for communities + 3 for all
  EXPECT_EQ(themes.back().as_string(), "促民族团结进步");
  Response town = Get("/api/v1/campaigns/1/candidates/1");
  EXPECT_TRUE(town.Json().at("parent").is_null());
}

TEST_F(ReadApi, BadParametersGet400WithACode) {
  ExpectError("/api/v1/campaigns/1/candidates?page=-1", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?page=abc", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?page_size=100000", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?page_size=0", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?group=nope", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?district=999999", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates?level=city", 400, "bad_param");
  ExpectError("/api/v1/campaigns/abc/candidates", 400, "bad_param");
  ExpectError("/api/v1/campaigns/1/candidates/x1", 400, "bad_param");
  ExpectError("/api/v1/campaigns/-3", 400, "bad_param");
  ExpectError("/api/v1/campaigns/99999999999999999999", 400, "bad_param");
}

TEST_F(ReadApi, MissingThingsGet404) {
  ExpectError("/api/v1/campaigns/999", 404, "not_found");
  ExpectError("/api/v1/campaigns/999/candidates", 404, "not_found");
  ExpectError("/api/v1/campaigns/1/candidates/9999", 404, "not_found");
  ExpectError("/api/v1/nothing-here", 404, "not_found");
}

TEST_F(ReadApi, WrongMethodGets405WithAllow) {
  Response r = server_->Connect().Send(bhttp::verb::delete_, "/api/v1/campaigns/1");
  EXPECT_EQ(r.status, 405u);
  EXPECT_EQ(r.Json().at("code").as_string(), "method_not_allowed");
}

TEST_F(ReadApi, OversizedBodyGets413AndChangesNothing) {
  Response r = server_->Connect().Send(bhttp::verb::post, "/upload-anything", {}, std::string(200 * 1024, 'x'));
  EXPECT_EQ(r.status, 413u);
  EXPECT_EQ(r.Json().at("code").as_string(), "payload_too_large");
  EXPECT_EQ(Total(""), 103);
}

TEST_F(ReadApi, MalformedRequestGets400) {
  Client c = server_->Connect();
  Response r = c.Raw("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.Json().at("code").as_string(), "bad_param");
}

TEST_F(ReadApi, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client c = server_->Connect();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.Get("/healthz").status, 200u);
  EXPECT_EQ(c.Get("/api/v1/campaigns/1/candidates?page_size=1").Json().at("total").as_int64(), 103);
}

// Public reads may be kept by a shared cache for a few seconds and are revalidated by a
// strong ETag; a 304 carries no body. JSON carries no CSP (it is not a document).
TEST_F(ReadApi, PublicReadsHaveAStrongETagAndAnswer304WhenItMatches) {
  for (std::string target : {"/api/v1/campaigns/1", "/api/v1/campaigns/1/candidates?page_size=5",
                             "/api/v1/campaigns", "/api/v1/campaigns/1/org-units"}) {
    Response r = Get(target);
    ASSERT_EQ(r.status, 200u) << target;
    EXPECT_EQ(r.Header("cache-control"), "public, max-age=0, s-maxage=5") << target;
    EXPECT_TRUE(r.Header("content-security-policy").empty()) << target;
    std::string etag = r.Header("etag");
    ASSERT_GE(etag.size(), 3u) << target;
    EXPECT_EQ(etag.front(), '"') << "strong, not W/: " << target;
    Response again = Get(target, {{"If-None-Match", "\"other\", " + etag}});
    EXPECT_EQ(again.status, 304u) << target;
    EXPECT_TRUE(again.body.empty()) << target;
    EXPECT_EQ(again.Header("etag"), etag) << target;
    EXPECT_EQ(Get(target, {{"If-None-Match", "\"other\""}}).status, 200u) << target;
  }
  // Another page is another representation.
  EXPECT_NE(Get("/api/v1/campaigns/1/candidates?page=2").Header("etag"),
            Get("/api/v1/campaigns/1/candidates?page=1").Header("etag"));
}

TEST_F(ReadApi, EveryResponseCarriesSecurityHeaders) {
  Response r = Get("/api/v1/campaigns");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_FALSE(r.Header("referrer-policy").empty());
  EXPECT_EQ(r.Header("cache-control"), "public, max-age=0, s-maxage=5");
}

}  // namespace
}  // namespace ss::testing
