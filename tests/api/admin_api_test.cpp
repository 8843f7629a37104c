// The staff write API: settings, phase, roster edits and imports, exports.
#include "harness.h"

#include "core/time.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

std::set<std::string> Fields(const Response& r) {
  std::set<std::string> out;
  auto j = r.Json();
  if (!j.as_object().contains("details")) return out;
  for (const auto& d : j.at("details").as_array()) out.insert(std::string(d.at("field").as_string()));
  return out;
}

class AdminApi : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<Server>(dir_.path);
    auto accounts = server_->Accounts();
    org_ = std::make_unique<Staff>(*server_, "organizer", accounts.at("organizer"));
    hainan_ = std::make_unique<Staff>(*server_, "hainan", accounts.at("hainan"));
    ASSERT_TRUE(org_->ok() && hainan_->ok());
  }
  json::value Campaign() { return server_->Connect().Get("/api/v1/campaigns/1").Json(); }
  std::string Title(int cid) {
    return std::string(server_->Connect().Get("/api/v1/campaigns/1/candidates/" + std::to_string(cid)).Json().at("title").as_string());
  }
  static json::array Rows(std::initializer_list<std::vector<std::string>> rows) {
    json::array out;
    for (const auto& r : rows) out.push_back(json::array(r.begin(), r.end()));
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<Staff> org_, hainan_;
};

TEST_F(AdminApi, SettingsAreValidatedFieldByFieldAndNothingChangesOnError) {
  auto weights = Campaign().at("weights").as_object();
  weights["public_opinion"] = 0.5;  // the three no longer add up to 1
  json::array rubric = Campaign().at("rubric").as_array();
  rubric[2].as_object()["max"] = 25;  // 105 in all
  auto bad = org_->Put("/api/v1/campaigns/1/settings", json::object{{"weights", weights}, {"rubric", rubric}});
  ASSERT_EQ(bad.status, 422u) << bad.body;
  auto fields = Fields(bad);
  EXPECT_TRUE(fields.count("weights")) << bad.body;
  EXPECT_TRUE(fields.count("rubric")) << bad.body;
  EXPECT_DOUBLE_EQ(Campaign().at("weights").at("public_opinion").as_double(), 0.3);

  auto unknown = org_->Put("/api/v1/campaigns/1/settings", json::object{{"name", "改名"}});
  EXPECT_EQ(unknown.status, 422u);
  EXPECT_TRUE(Fields(unknown).count("name"));

  auto policy = Campaign().at("vote_policy").as_object();
  policy["votes_per_voter_per_day"] = 5;
  auto good = org_->Put("/api/v1/campaigns/1/settings", json::object{{"vote_policy", policy}});
  ASSERT_EQ(good.status, 200u) << good.body;
  EXPECT_EQ(Campaign().at("vote_policy").at("votes_per_voter_per_day").as_int64(), 5);
  // The original 2022 dates survive a settings save.
  EXPECT_EQ(Campaign().at("phases").at(3).at("original_start").as_string(), "2022-04-20T16:00:00Z");
  auto audit = org_->Get("/api/v1/admin/audit?action=campaign.settings").Json();
  ASSERT_EQ(audit.at("total").as_int64(), 1);
  EXPECT_EQ(audit.at("items").at(0).at("before").at("vote_policy").at("votes_per_voter_per_day").as_int64(), 3);
  EXPECT_EQ(audit.at("items").at(0).at("after").at("vote_policy").at("votes_per_voter_per_day").as_int64(), 5);
}

TEST_F(AdminApi, QuotasAboveTheGroupSizeAreRefused) {
  json::object awards = Campaign().at("awards").as_object();
  awards["town_street"].as_array()[3].as_object()["count"] = 40;
  auto r = org_->Put("/api/v1/campaigns/1/settings", json::object{{"awards", awards}});
  EXPECT_EQ(r.status, 422u);
  EXPECT_TRUE(Fields(r).count("awards.town_street")) << r.body;
  // The message names the group as people know it, not its key.
  std::string message(r.Json().at("details").at(0).at("message").as_string());
  std::string group;
  const json::value campaign = Campaign();
  for (const auto& g : campaign.at("groups").as_array())
    if (g.at("key").as_string() == "town_street") group = std::string(g.at("name").as_string());
  ASSERT_FALSE(group.empty());
  EXPECT_EQ(message.find("town_street"), std::string::npos) << message;
  EXPECT_NE(message.find(group), std::string::npos) << message;
}

TEST_F(AdminApi, PhaseMovesOneStepForwardOnly) {
  auto skip = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "tally"}});
  EXPECT_EQ(skip.status, 409u);
  EXPECT_EQ(skip.Json().at("code").as_string(), "wrong_phase");
  auto back = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "review"}});
  EXPECT_EQ(back.status, 409u);
  auto stale = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "review"}, {"to", "voting"}});
  EXPECT_EQ(stale.status, 409u);
  EXPECT_EQ(stale.Json().at("code").as_string(), "conflict");
  auto next = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "judging"}});
  ASSERT_EQ(next.status, 200u) << next.body;
  EXPECT_EQ(Campaign().at("phase").at("key").as_string(), "judging");
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns").Json().at("items").at(0).at("phase").at("key").as_string(), "judging");
}

// Advancing early: the dry run says how many days early and changes nothing; the advance
// itself closes voting now and opens judging now (both audited, the published dates kept),
// so the phase in effect lies within its dates.
TEST_F(AdminApi, AnEarlyAdvanceMovesTheDatesOfBothPhases) {
  auto before = Campaign();
  std::string voting_end(before.at("phases").at(3).at("end").as_string());
  std::string judging_start(before.at("phases").at(4).at("start").as_string());
  const TimeZone tz = HomeTimeZone();
  Millis now = NowMillis();
  ASSERT_GT(*ParseInstant(voting_end, tz), now) << "the demo is in its voting phase";

  auto bad = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "judging"}, {"dry_run", "yes"}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  EXPECT_TRUE(bad.Json().as_object().contains("code"));
  auto dry = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "judging"}, {"dry_run", true}});
  ASSERT_EQ(dry.status, 200u) << dry.body;
  auto plan = dry.Json().at("plan");
  Millis days = (StartOfLocalDay(*ParseInstant(voting_end, tz), tz) - StartOfLocalDay(now, tz)) / kMillisPerDay;
  EXPECT_EQ(plan.at("days_early").as_int64(), days);
  ASSERT_EQ(plan.at("changes").as_array().size(), 2u) << dry.body;
  EXPECT_EQ(plan.at("changes").at(0).at("key").as_string(), "voting");
  EXPECT_EQ(plan.at("changes").at(0).at("end_was").as_string(), voting_end);
  EXPECT_EQ(plan.at("changes").at(1).at("key").as_string(), "judging");
  EXPECT_EQ(Campaign().at("phase").at("key").as_string(), "voting") << "a dry run changes nothing";
  EXPECT_EQ(Campaign().at("phases").at(3).at("end").as_string(), voting_end);

  auto next = org_->Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "judging"}});
  ASSERT_EQ(next.status, 200u) << next.body;
  Millis after = NowMillis();
  auto c = Campaign();
  EXPECT_EQ(c.at("phase").at("key").as_string(), "judging");
  Millis voting_ends = *ParseInstant(c.at("phases").at(3).at("end").as_string(), tz);
  Millis judging_starts = *ParseInstant(c.at("phases").at(4).at("start").as_string(), tz);
  Millis judging_ends = *ParseInstant(c.at("phases").at(4).at("end").as_string(), tz);
  EXPECT_LT(voting_ends, after);
  EXPECT_GE(voting_ends, now - 1);
  EXPECT_EQ(judging_starts, voting_ends + 1);
  EXPECT_LE(judging_starts, after);
  EXPECT_GE(judging_ends, after);
  EXPECT_EQ(c.at("phases").at(3).at("original_end"), before.at("phases").at(3).at("original_end")) << "the published dates stay";
  EXPECT_EQ(c.at("phases").at(4).at("original_start"), before.at("phases").at(4).at("original_start"));
  EXPECT_NE(c.at("phases").at(4).at("start").as_string(), judging_start);

  auto audit = org_->Get("/api/v1/admin/audit?action=campaign.phase").Json().at("items").at(0);
  EXPECT_EQ(audit.at("before").at("phase").as_string(), "voting");
  EXPECT_EQ(audit.at("before").at("phases").at(0).at("end").as_string(), voting_end);
  EXPECT_EQ(audit.at("after").at("phases").at(0).at("end").as_string(), c.at("phases").at(3).at("end").as_string());
  EXPECT_EQ(audit.at("after").at("phases").at(1).at("start").as_string(), c.at("phases").at(4).at("start").as_string());
}

TEST_F(AdminApi, TheAuditLogNamesItsObjectsInWords) {
  auto ok = hainan_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"title", "社区党委书记"}, {"reason", "职务名称更正"}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  auto item = org_->Get("/api/v1/admin/audit?action=candidate.update").Json().at("items").at(0);
  EXPECT_EQ(item.at("target").as_string(), "campaign:1/candidate:97");
  EXPECT_EQ(item.at("target_text").as_string(), "参评书记 编号 97 钟庆梅");
  auto settings = org_->Put("/api/v1/campaigns/1/settings", json::object{{"auto_advance", true}});
  ASSERT_EQ(settings.status, 200u) << settings.body;
  auto campaign = org_->Get("/api/v1/admin/audit?action=campaign.settings").Json().at("items").at(0);
  EXPECT_EQ(campaign.at("target_text").as_string(), "活动 " + std::string(Campaign().at("name").as_string()));
}

TEST_F(AdminApi, ADistrictAdminEditsTheirCandidatesWithAReasonAfterReview) {
  auto no_reason = hainan_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"title", "社区党委书记"}});
  EXPECT_EQ(no_reason.status, 422u);
  EXPECT_TRUE(Fields(no_reason).count("reason"));
  EXPECT_EQ(Title(97), "社区党组织书记");
  auto bad = hainan_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"gender", "未知"}, {"reason", "性别更正"}});
  EXPECT_EQ(bad.status, 422u);
  EXPECT_TRUE(Fields(bad).count("gender")) << bad.body;
  auto ok = hainan_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"title", "社区党委书记"}, {"reason", "职务名称更正"}});
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(Title(97), "社区党委书记") << "the public page shows the edit at once";
  // Moving a 海南区 candidate into 乌达区 is refused too.
  auto move = hainan_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"unit", "150302001001"}, {"reason", "调整单位"}});
  EXPECT_EQ(move.status, 403u);
}

TEST_F(AdminApi, DisablingACandidateTakesThemOffThePublicList) {
  auto r = org_->Patch("/api/v1/campaigns/1/candidates/97", json::object{{"active", false}, {"reason", "因工作调动退出"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.Json().at("active").as_bool());
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/candidates").Json().at("total").as_int64(), 102);
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/candidates/97").status, 404u);
  auto staff_list = org_->Get("/api/v1/campaigns/1/admin/candidates?status=disabled").Json();
  EXPECT_EQ(staff_list.at("total").as_int64(), 1);
}

TEST_F(AdminApi, ImportWithABadRowImportsNothingThenTheFixedOneImports) {
  auto rows = Rows({{"序号", "姓名", "性别", "职务", "单位代码", "单位"},
                    {"97", "钟庆梅", "男", "社区党组织书记（连任）", "150303004001", "新桥社区"},
                    {"98", "钟宏", "未知", "社区党组织书记", "150303004002", ""}});
  auto bad = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", true}, {"reason", "换届后更新"}});
  ASSERT_EQ(bad.status, 422u) << bad.body;
  auto d = bad.Json().at("details").at(0);
  EXPECT_EQ(d.at("line").as_int64(), 3);
  EXPECT_EQ(d.at("field").as_string(), "性别");
  rows[2].as_array()[2] = "女";
  auto dry = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", true}, {"reason", "换届后更新"}});
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_EQ(dry.Json().at("updates").as_int64(), 1);
  EXPECT_EQ(dry.Json().at("unchanged").as_int64(), 1);
  EXPECT_EQ(Title(97), "社区党组织书记") << "a dry run changes nothing";
  auto no_reason = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", false}});
  EXPECT_EQ(no_reason.status, 422u);
  EXPECT_TRUE(Fields(no_reason).count("reason"));
  auto real = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", false}, {"reason", "换届后更新"}});
  ASSERT_EQ(real.status, 200u) << real.body;
  EXPECT_EQ(Title(97), "社区党组织书记（连任）");
}

TEST_F(AdminApi, ADistrictAdminCannotImportAnotherDistrictsRows) {
  auto rows = Rows({{"序号", "姓名", "性别", "职务", "单位代码"}, {"53", "杨秀永", "男", "社区书记", "150302002001"}});
  auto r = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", false}, {"reason", "换届后更新"}});
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(r.Json().at("details").at(0).at("field").as_string(), "单位代码");
  EXPECT_EQ(r.Json().at("details").at(0).at("line").as_int64(), 2);
}

// A row with a bad 性别 and a row of another district are reported together, not in two rounds.
TEST_F(AdminApi, AnImportReportsEveryRowsProblemsInOnePass) {
  auto rows = Rows({{"序号", "姓名", "性别", "职务", "单位代码"},
                    {"98", "钟宏", "未知", "社区党组织书记", "150303004002"},
                    {"53", "杨秀永", "男", "社区书记", "150302002001"}});
  auto r = hainan_->Post("/api/v1/campaigns/1/roster/import", json::object{{"rows", rows}, {"dry_run", true}, {"reason", "换届后更新"}});
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(r.Json().at("code").as_string(), "invalid");
  std::set<std::pair<std::int64_t, std::string>> seen;
  const json::value answer = r.Json();
  for (const auto& d : answer.at("details").as_array())
    seen.insert({d.at("line").as_int64(), std::string(d.at("field").as_string())});
  EXPECT_TRUE(seen.count({2, "性别"})) << r.body;
  EXPECT_TRUE(seen.count({3, "单位代码"})) << r.body;
  EXPECT_NE(std::string(r.Json().at("message").as_string()).find("超出本区"), std::string::npos) << r.body;
}

TEST_F(AdminApi, ExportsAreRealWorkbooks) {
  for (const char* path : {"/api/v1/campaigns/1/roster/template.xlsx", "/api/v1/campaigns/1/roster/export.xlsx",
                           "/api/v1/admin/audit/export.xlsx", "/api/v1/admin/users/export.xlsx",
                           "/api/v1/campaigns/1/admin/org-units/export.xlsx"}) {
    auto r = org_->Get(path);
    ASSERT_EQ(r.status, 200u) << path;
    EXPECT_EQ(r.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(r.body.substr(0, 2), "PK") << "a zip container";
    EXPECT_NE(r.Header("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  }
  // The district admin's export holds their 17.
  auto mine = hainan_->Get("/api/v1/campaigns/1/roster/export.xlsx");
  auto all = org_->Get("/api/v1/campaigns/1/roster/export.xlsx");
  EXPECT_LT(mine.body.size(), all.body.size());
  // Each named for whom and which day (Beijing time), as saved in a downloads folder.
  auto saved_as = [](const Response& r) {
    std::string d = r.Header("content-disposition");
    std::string encoded = d.substr(d.find("UTF-8''") + 7), out;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
      if (encoded[i] == '%' && i + 2 < encoded.size()) {
        out += static_cast<char>(std::stoi(encoded.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += encoded[i];
      }
    }
    return out;
  };
  const std::string today = FormatLocalDate(NowMillis(), HomeTimeZone());
  EXPECT_EQ(saved_as(mine), "海南区_参评名单_" + today + ".xlsx");
  EXPECT_EQ(saved_as(all), "全市_参评名单_" + today + ".xlsx");
  EXPECT_EQ(saved_as(hainan_->Get("/api/v1/campaigns/1/admin/org-units/export.xlsx")), "海南区_组织单位_" + today + ".xlsx");
  EXPECT_EQ(saved_as(org_->Get("/api/v1/admin/audit/export.xlsx")), "审计日志_" + today + ".xlsx");
}

TEST_F(AdminApi, OrgUnitsCanBeAddedUnderTheRightParentOnly) {
  auto wrong = hainan_->Post("/api/v1/campaigns/1/org-units",
                             json::object{{"code", "150303004099"}, {"name", "新社区"}, {"level", "community"},
                                          {"parent", "150303004001"}, {"reason", "新设社区"}});
  EXPECT_EQ(wrong.status, 422u) << "a community under a community";
  auto ok = hainan_->Post("/api/v1/campaigns/1/org-units",
                          json::object{{"code", "150303004099"}, {"name", "新社区"}, {"level", "community"},
                                       {"parent", "150303004"}, {"reason", "新设社区"}});
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/org-units").Json().at("total").as_int64(), 108);
  auto candidate = hainan_->Post("/api/v1/campaigns/1/candidates",
                                 json::object{{"no", 104}, {"name", "新书记"}, {"gender", "女"}, {"title", "社区党组织书记"},
                                              {"unit", "150303004099"}, {"reason", "新设社区补充参评人"}});
  ASSERT_EQ(candidate.status, 201u) << candidate.body;
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/candidates?district=150303").Json().at("total").as_int64(), 18);
}

TEST_F(AdminApi, OrgUnitsImportAddsAndRenamesAllOrNothing) {
  auto rows = Rows({{"单位代码", "单位名称", "层级", "上级单位代码", "上级单位"},
                    {"150303004090", "幸福社区", "社区", "150303004", "拉僧仲街道"},
                    {"150303004001", "新桥社区（更名）", "社区", "150303004", ""},
                    {"150303004091", "和谐社区", "县", "150303004", ""}});
  auto bad = hainan_->Post("/api/v1/campaigns/1/org-units/import", json::object{{"rows", rows}, {"dry_run", true}, {"reason", "新设社区"}});
  ASSERT_EQ(bad.status, 422u) << bad.body;
  EXPECT_EQ(bad.Json().at("details").at(0).at("line").as_int64(), 4);
  EXPECT_EQ(bad.Json().at("details").at(0).at("field").as_string(), "层级");
  rows[3].as_array()[2] = "社区";
  auto dry = hainan_->Post("/api/v1/campaigns/1/org-units/import", json::object{{"rows", rows}, {"dry_run", true}, {"reason", "新设社区"}});
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_EQ(dry.Json().at("inserts").as_int64(), 2);
  EXPECT_EQ(dry.Json().at("updates").as_int64(), 1);
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/org-units").Json().at("total").as_int64(), 107) << "a dry run changes nothing";
  auto done = hainan_->Post("/api/v1/campaigns/1/org-units/import", json::object{{"rows", rows}, {"dry_run", false}, {"reason", "新设社区"}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/org-units").Json().at("total").as_int64(), 109);
  EXPECT_EQ(server_->Connect().Get("/api/v1/campaigns/1/candidates/97").Json().at("unit").at("name").as_string(), "新桥社区（更名）");
  // Another district's street is out of reach.
  auto foreign = hainan_->Post("/api/v1/campaigns/1/org-units/import",
                               json::object{{"rows", Rows({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                                           {"150302002099", "外区社区", "社区", "150302002"}})},
                                            {"dry_run", true}, {"reason", "新设社区"}});
  EXPECT_EQ(foreign.status, 422u);
  EXPECT_EQ(foreign.Json().at("details").at(0).at("line").as_int64(), 2);
  // A wrong level and another district's row in one file: both in one answer.
  auto both = hainan_->Post("/api/v1/campaigns/1/org-units/import",
                            json::object{{"rows", Rows({{"单位代码", "单位名称", "层级", "上级单位代码"},
                                                        {"150303004092", "团结社区", "县", "150303004"},
                                                        {"150302002099", "外区社区", "社区", "150302002"}})},
                                         {"dry_run", true}, {"reason", "新设社区"}});
  ASSERT_EQ(both.status, 422u) << both.body;
  EXPECT_EQ(both.Json().at("message").as_string(), "单位表有 2 处错误（其中 1 处超出本区），未导入任何数据");
  EXPECT_EQ(both.Json().at("details").at(0).at("field").as_string(), "层级");
  EXPECT_EQ(both.Json().at("details").at(1).at("line").as_int64(), 3);
}

}  // namespace
}  // namespace ss::testing
