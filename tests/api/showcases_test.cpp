// Showcases over HTTP (api/showcases.h): a candidate writes, uploads the video, submits; the
// district admin returns it with a comment; the candidate fixes and resubmits; the organizer
// approves; the approved version is public. Every refusal on the way has its code, and in
// the voting phase only staff may correct, with a reason.
#include <gtest/gtest.h>

#include <set>

#include <thread>

#include "harness.h"
#include "uploader.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

const char* kBase = "/api/v1/campaigns/1/candidates/97/showcase";

json::object Content(const std::string& effect, const std::string& video = "") {
  json::object sections;
  for (const char* title : {"工作思路举措", "工作成效", "特色亮点", "为民服务办实事的经验做法", "下一步工作思路"})
    sections[title] = std::string(title) + "：" + effect + "，坚持党建引领，围绕群众急难愁盼问题办成实事二十余件。";
  return json::object{{"sections", sections}, {"themes", json::array{"领导基层社会治理", "促基层治理"}}, {"video", video},
                      {"photos", json::array{}}};
}

std::string Code(const Response& r) { return r.body.empty() ? "" : std::string(r.Json().at("code").as_string()); }

// Uploads a short generated clip for candidate 97 and waits for its transcode.
std::string UploadVideo(const fs::path& dir, Staff& staff) {
  fs::path clip = dir / "clip.mp4";
  std::string cmd = "ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=size=640x360:rate=25:duration=2 -f lavfi -i "
                    "sine=duration=2 -c:v libx264 -preset ultrafast -c:a aac -shortest " + clip.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  std::string bytes = ReadFile(clip);
  Uploader up(staff);
  Response created = up.Create(bytes.size(), Metadata(97, "宣讲.mp4"));
  std::string location = created.Header("location");
  EXPECT_EQ(up.Patch(location, 0, bytes).status, 204u);
  for (int i = 0; i < 300; ++i) {
    auto o = staff.Get(location).Json().as_object();
    if (o["processing"].is_object() && o["processing"].as_object()["state"].as_string() == "done") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return location.substr(location.rfind('/') + 1);
}

TEST(Showcases, WrittenReturnedFixedApprovedAndPublic) {
  TempDir dir;
  auto init = RunCommand({"init", "--db", (dir.path / "test.db").string(), "--demo", "--demo-phase", "showcase"});
  ASSERT_EQ(init.exit_code, 0) << init.out;
  Server server(dir.path, {}, /*init=*/false);
  auto accounts = server.Accounts();
  Staff zhong(server, "cand097", accounts.at("cand097"));
  Staff hainan(server, "hainan", accounts.at("hainan"));
  Staff wuda(server, "wuda", accounts.at("wuda"));
  Staff organizer(server, "organizer", accounts.at("organizer"));
  Staff judge(server, "judge1", accounts.at("judge1"));

  Response empty = zhong.Get(kBase);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  auto e = empty.Json().as_object();
  EXPECT_EQ(e["state"].as_string(), "draft");
  EXPECT_EQ(e["updated_at"].as_int64(), 0);
  EXPECT_EQ(e["form"].as_object()["sections"].as_array().size(), 5u);
  EXPECT_TRUE(e["in_edit_phase"].as_bool());
  EXPECT_TRUE(e["in_review_phase"].as_bool());
  EXPECT_FALSE(e["may_review"].as_bool());
  EXPECT_EQ(zhong.Get("/api/v1/campaigns/1/candidates/96/showcase").status, 403u);
  EXPECT_EQ(judge.Get(kBase).status, 403u);
  EXPECT_EQ(server.Connect().Get(kBase + std::string("/public")).status, 404u);

  // A draft with a town's theme is refused field by field and nothing is saved.
  json::object wrong = Content("初稿");
  wrong["themes"] = json::array{"乡村振兴"};
  Response refused = zhong.Put(kBase, json::object{{"content", wrong}, {"updated_at", 0}});
  EXPECT_EQ(refused.status, 422u);
  EXPECT_EQ(refused.Json().at("details").as_array()[0].as_object().at("field").as_string(), "themes[0]");
  EXPECT_EQ(zhong.Get(kBase).Json().as_object()["updated_at"].as_int64(), 0);

  Response first = zhong.Put(kBase, json::object{{"content", Content("初稿")}, {"updated_at", 0}});
  ASSERT_EQ(first.status, 200u) << first.body;
  std::int64_t t1 = first.Json().as_object()["updated_at"].as_int64();
  Response incomplete = zhong.Post(kBase + std::string("/submit"), json::object{{"updated_at", t1}});
  EXPECT_EQ(incomplete.status, 422u);
  EXPECT_EQ(Code(incomplete), "showcase_incomplete");  // no video yet

  std::string video = UploadVideo(dir.path, zhong);
  Response second = zhong.Put(kBase, json::object{{"content", Content("初稿", video)}, {"updated_at", t1}});
  ASSERT_EQ(second.status, 200u) << second.body;
  std::int64_t t2 = second.Json().as_object()["updated_at"].as_int64();
  EXPECT_EQ(second.Json().as_object()["video"].as_object()["state"].as_string(), "done");
  EXPECT_EQ(Code(zhong.Put(kBase, json::object{{"content", Content("旧页面")}, {"updated_at", t1}})), "conflict");
  // Another candidate's video cannot be named.
  json::object foreign = Content("x", "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(zhong.Put(kBase, json::object{{"content", foreign}, {"updated_at", t2}}).status, 422u);

  Response submitted = zhong.Post(kBase + std::string("/submit"), json::object{{"updated_at", t2}});
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  auto s1 = submitted.Json().as_object();
  EXPECT_EQ(s1["state"].as_string(), "submitted");
  EXPECT_EQ(s1["versions"].as_int64(), 1);
  EXPECT_EQ(Code(zhong.Put(kBase, json::object{{"content", Content("偷改")}, {"updated_at", s1["updated_at"].as_int64()}})),
            "showcase_not_editable");

  // The queue: 海南区 sees it, 乌达区 does not and may not decide.
  auto queue = hainan.Get("/api/v1/campaigns/1/showcases?state=submitted").Json().as_object();
  ASSERT_EQ(queue["total"].as_int64(), 1);
  EXPECT_EQ(queue["items"].as_array()[0].as_object()["name"].as_string(), "钟庆梅");
  EXPECT_EQ(wuda.Get("/api/v1/campaigns/1/showcases?state=submitted").Json().as_object()["total"].as_int64(), 0);
  EXPECT_EQ(wuda.Post(kBase + std::string("/decision"), json::object{{"version", 1}, {"decision", "approve"}}).status, 403u);
  EXPECT_EQ(zhong.Post(kBase + std::string("/decision"), json::object{{"version", 1}, {"decision", "approve"}}).status, 403u);
  Response no_comment = hainan.Post(kBase + std::string("/decision"), json::object{{"version", 1}, {"decision", "return"}});
  EXPECT_EQ(no_comment.status, 422u);
  Response returned = hainan.Post(kBase + std::string("/decision"),
                                  json::object{{"version", 1}, {"decision", "return"}, {"comment", "工作成效请补充具体数字"}});
  ASSERT_EQ(returned.status, 200u) << returned.body;
  auto seen = zhong.Get(kBase).Json().as_object();
  EXPECT_EQ(seen["state"].as_string(), "returned");
  EXPECT_EQ(seen["comment"].as_string(), "工作成效请补充具体数字");

  Response fixed = zhong.Put(kBase, json::object{{"content", Content("办成实事 23 件", video)}, {"updated_at", seen["updated_at"].as_int64()}});
  ASSERT_EQ(fixed.status, 200u);
  Response again = zhong.Post(kBase + std::string("/submit"), json::object{{"updated_at", fixed.Json().as_object()["updated_at"].as_int64()}});
  ASSERT_EQ(again.status, 200u);
  EXPECT_EQ(again.Json().as_object()["versions"].as_int64(), 2);
  EXPECT_EQ(Code(organizer.Post(kBase + std::string("/decision"), json::object{{"version", 1}, {"decision", "approve"}})), "conflict");
  Response approved = organizer.Post(kBase + std::string("/decision"), json::object{{"version", 2}, {"decision", "approve"}});
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.Json().as_object()["approved_version"].as_int64(), 2);

  auto versions = hainan.Get(kBase + std::string("/versions")).Json().as_object()["versions"].as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].as_object()["decision"].as_string(), "approved");
  EXPECT_EQ(versions[1].as_object()["comment"].as_string(), "工作成效请补充具体数字");

  Response pub = server.Connect().Get(kBase + std::string("/public"));
  ASSERT_EQ(pub.status, 200u) << pub.body;
  auto p = pub.Json().as_object();
  EXPECT_EQ(p["version"].as_int64(), 2);
  EXPECT_NE(std::string(p["content"].as_object()["sections"].as_object()["工作成效"].as_string()).find("23 件"), std::string::npos);
  EXPECT_EQ(p["video"].as_object()["result"].as_object()["height"].as_int64(), 360);
  EXPECT_EQ(p["candidate"].as_object()["name"].as_string(), "钟庆梅");

  // Edited again: a draft, while version 2 stays public.
  Response third = zhong.Put(kBase, json::object{{"content", Content("第三稿", video)}, {"updated_at", approved.Json().as_object()["updated_at"].as_int64()}});
  EXPECT_EQ(third.status, 200u);
  EXPECT_EQ(server.Connect().Get(kBase + std::string("/public")).Json().as_object()["version"].as_int64(), 2);

  // Every step is in the audit log against 钟庆梅.
  auto audit = organizer.Get("/api/v1/admin/audit?action=showcase.&page_size=50").Json().as_object();
  EXPECT_EQ(audit["total"].as_int64(), 8) << json::serialize(audit);  // 4 saves, 2 submissions, 2 decisions
}

TEST(Showcases, InTheVotingPhaseOnlyStaffCorrectWithAReason) {
  TempDir dir;
  Server server(dir.path);  // the demo is in 展播与投票
  auto accounts = server.Accounts();
  Staff zhong(server, "cand097", accounts.at("cand097"));
  Staff hainan(server, "hainan", accounts.at("hainan"));
  Response candidate = zhong.Put(kBase, json::object{{"content", Content("改")}, {"updated_at", 0}});
  EXPECT_EQ(candidate.status, 409u);
  EXPECT_EQ(Code(candidate), "wrong_phase");
  Response no_reason = hainan.Put(kBase, json::object{{"content", Content("改")}, {"updated_at", 0}});
  EXPECT_EQ(no_reason.status, 422u);
  EXPECT_EQ(no_reason.Json().at("details").as_array()[0].as_object().at("field").as_string(), "reason");
  Response corrected = hainan.Put(kBase, json::object{{"content", Content("改")}, {"updated_at", 0}, {"reason", "更正错别字"}});
  EXPECT_EQ(corrected.status, 200u) << corrected.body;
  auto audit = hainan.Get("/api/v1/admin/audit?action=showcase.save").Json().as_object();
  ASSERT_EQ(audit["total"].as_int64(), 1);
  EXPECT_EQ(audit["items"].as_array()[0].as_object()["reason"].as_string(), "更正错别字");
}

// init --demo-showcases: approved showcases whose video went through the real transcoder,
// spread over the districts, public at once.
TEST(Showcases, TheDemoHasApprovedShowcasesWithPlayableVideos) {
  TempDir dir;
  auto init = RunCommand({"init", "--db", (dir.path / "test.db").string(), "--demo", "--no-demo-votes", "--demo-showcases", "3"});
  ASSERT_EQ(init.exit_code, 0) << init.out;
  EXPECT_NE(init.out.find("演示展示材料：3 位书记"), std::string::npos) << init.out;
  Server server(dir.path, {}, /*init=*/false);
  Staff organizer(server, "organizer", server.Accounts().at("organizer"));
  Response queue = organizer.Get("/api/v1/campaigns/1/showcases?state=approved");
  ASSERT_EQ(queue.status, 200u) << queue.body;
  auto items = queue.Json().at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  std::set<std::string> districts;
  for (const auto& i : items) districts.insert(std::string(i.at("district").as_string()));
  EXPECT_EQ(districts.size(), 3u) << "one in each district";
  Client c = server.Connect();
  auto id = items[0].at("candidate_id").as_int64();
  Response shown = c.Get("/api/v1/campaigns/1/candidates/" + std::to_string(id) + "/showcase/public");
  ASSERT_EQ(shown.status, 200u) << shown.body;
  auto video = shown.Json().at("video").as_object();
  ASSERT_EQ(video.at("state").as_string(), "done") << boost::json::serialize(video);
  std::string url(video.at("result").at("video").as_string());
  Response file = c.Get(url, {{"Range", "bytes=0-99"}});
  EXPECT_EQ(file.status, 206u);
  EXPECT_EQ(c.Get(std::string(video.at("result").at("poster").as_string())).status, 200u);
  EXPECT_EQ(shown.Json().at("content").at("sections").as_object().size(), 5u);

  // The same three as feeds: JSON Feed 1.1 and RSS 2.0, absolute links on the request's host.
  Response feed = c.Get("/api/v1/campaigns/1/feed.json");
  ASSERT_EQ(feed.status, 200u) << feed.body;
  EXPECT_EQ(feed.Header("content-type"), "application/feed+json; charset=utf-8");
  auto f = feed.Json().as_object();
  EXPECT_EQ(f.at("version").as_string(), "https://jsonfeed.org/version/1.1");
  ASSERT_EQ(f.at("items").as_array().size(), 3u);
  auto first = f.at("items").at(0).as_object();
  EXPECT_EQ(std::string(first.at("url").as_string()).rfind("http://127.0.0.1:", 0), 0u) << first.at("url");
  std::string attachment(first.at("attachments").at(0).at("url").as_string());
  EXPECT_EQ(c.Get(attachment.substr(attachment.find("/media/")), {{"Range", "bytes=0-9"}}).status, 206u);
  EXPECT_NE(std::string(first.at("content_text").as_string()).find("【工作思路举措】"), std::string::npos);
  Response rss = c.Get("/api/v1/campaigns/1/feed.xml");
  ASSERT_EQ(rss.status, 200u);
  EXPECT_EQ(rss.Header("content-type"), "application/rss+xml; charset=utf-8");
  std::size_t rss_items = 0;
  for (std::size_t p = rss.body.find("<item>"); p != std::string::npos; p = rss.body.find("<item>", p + 1)) ++rss_items;
  EXPECT_EQ(rss_items, 3u);
  EXPECT_NE(rss.body.find("type=\"video/mp4\""), std::string::npos);
  EXPECT_EQ(c.Get("/api/v1/campaigns/1/feed.json", {{"If-None-Match", feed.Header("etag")}}).status, 304u);
  EXPECT_EQ(c.Get("/api/v1/campaigns/9/feed.xml").status, 404u);

  // The share card a chat app reads, and the player other sites may frame (only it).
  const std::string who = std::to_string(id);
  Response card = c.Get("/share/c/1/candidates/" + who);
  ASSERT_EQ(card.status, 200u) << card.body;
  EXPECT_EQ(card.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(card.body.find("<meta property=\"og:image\" content=\"http://127.0.0.1:"), std::string::npos) << card.body;
  EXPECT_NE(card.body.find("poster.jpg"), std::string::npos);
  EXPECT_NE(card.body.find("/c/1/candidates/" + who + "\">"), std::string::npos);
  EXPECT_NE(card.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  Response player = c.Get("/embed/c/1/candidates/" + who);
  ASSERT_EQ(player.status, 200u);
  EXPECT_NE(player.body.find("<video controls playsinline preload=\"none\""), std::string::npos);
  EXPECT_NE(player.Header("content-security-policy").find("frame-ancestors *"), std::string::npos);
  EXPECT_EQ(player.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  // Someone without a public showcase still has a card, without a picture.
  Response plain = c.Get("/share/c/1/candidates/97");
  ASSERT_EQ(plain.status, 200u);
  EXPECT_EQ(plain.body.find("og:image"), std::string::npos);
  EXPECT_EQ(c.Get("/share/c/1/candidates/9999").status, 404u);
  Response poster = c.Get("/share/c/1/candidates/" + who + "/poster.png");
  ASSERT_EQ(poster.status, 200u) << poster.body;
  EXPECT_EQ(poster.Header("content-type"), "image/png");
  EXPECT_EQ(poster.body.substr(1, 3), "PNG");
  EXPECT_TRUE(c.Get("/share/c/1/candidates/" + who + "/poster.png").body == poster.body) << "the same poster again";
}

}  // namespace
}  // namespace ss::testing
