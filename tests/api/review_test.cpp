// The detector and the review through the real server (issue 8 items 2–3): a farm of SIM
// cards in one phone gets quarantined with its evidence, counted apart in the public tally,
// and an organizer (or the district's admin, for its own candidates only) confirms some and
// releases the rest with reasons; the counts and the log follow.
#include <gtest/gtest.h>

#include "core/integrity/log_entry.h"
#include "harness.h"
#include "voter.h"

namespace ss::testing {
namespace {


std::int64_t VotesOf(const json::value& tally, std::int64_t candidate, const char* field) {
  for (const auto& g : tally.at("groups").as_array())
    for (const auto& c : g.at("candidates").as_array())
      if (c.at("id").as_int64() == candidate) return c.at(field).as_int64();
  return -1;
}

TEST(ReviewApi, AFarmOnOneDeviceIsQuarantinedThenReviewed) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  const std::int64_t kCandidate = 97;  // 钟庆梅, 海南区
  // Ten "phones" that are one device: ten numbers in a row, one cookie.
  std::vector<std::int64_t> quarantined_votes;
  int counted = 0;
  for (int i = 0; i < 10; ++i) {
    Voter v(server);
    v.UseDevice("farm-device-0001");
    ASSERT_TRUE(v.Prove("1380013" + std::to_string(9000 + i)));
    auto r = v.Vote(kCandidate);
    ASSERT_EQ(r.status, 201u) << r.body;  // a quarantined vote gets its receipt like any other
    ++counted;
  }
  auto tally = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  const std::int64_t review = VotesOf(tally, kCandidate, "under_review");
  const std::int64_t valid = VotesOf(tally, kCandidate, "votes");
  EXPECT_GE(review, 5) << "the later phones of the farm are held for review";
  EXPECT_EQ(valid + review, counted) << "no vote is dropped";
  EXPECT_EQ(tally.at("under_review").as_int64(), review);

  auto accounts = server.Accounts();
  Staff organizer(server, "organizer", accounts.at("organizer"));
  Staff hainan(server, "hainan", accounts.at("hainan"));
  ASSERT_TRUE(organizer.ok() && hainan.ok());

  // The queue, the evidence and the chart's data.
  auto queue = organizer.Get("/api/v1/campaigns/1/review");
  ASSERT_EQ(queue.status, 200u) << queue.body;
  ASSERT_EQ(queue.Json().at("waiting").as_int64(), review);
  EXPECT_EQ(queue.Json().at("items").as_array()[0].at("candidate_id").as_int64(), kCandidate);
  EXPECT_EQ(queue.Json().at("items").as_array()[0].at("name").as_string(), "钟庆梅");
  auto flags = hainan.Get("/api/v1/campaigns/1/review/flags?candidate=97&page_size=100");
  ASSERT_EQ(flags.status, 200u) << flags.body;
  json::value flags_body = flags.Json();
  const auto& items = flags_body.at("items").as_array();
  ASSERT_EQ(static_cast<std::int64_t>(items.size()), review);
  bool shared_device = false;
  for (const auto& e : items[0].at("evidence").at("evidence").as_array())
    shared_device |= e.at("signal").as_string() == "shared_device";
  EXPECT_TRUE(shared_device) << flags.body;
  EXPECT_EQ(items[0].at("subnet").as_string(), "127.0.0.0/24");
  auto timeline = organizer.Get("/api/v1/campaigns/1/review/candidates/97/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  std::int64_t flagged_in_hours = 0;
  json::value timeline_body = timeline.Json();
  for (const auto& h : timeline_body.at("hours").as_array()) flagged_in_hours += h.at("flagged").as_int64();
  EXPECT_EQ(flagged_in_hours, review);
  EXPECT_EQ(timeline_body.at("signals").as_array()[0].at("votes").as_int64(), review);

  // Another district's admin reaches none of them.
  Staff wuda(server, "wuda", accounts.at("wuda"));
  ASSERT_TRUE(wuda.ok());
  EXPECT_EQ(wuda.Get("/api/v1/campaigns/1/review/flags?candidate=97").status, 403u);
  EXPECT_EQ(wuda.Get("/api/v1/campaigns/1/review").Json().at("waiting").as_int64(), 0);
  std::vector<std::int64_t> ids;
  for (const auto& f : items) ids.push_back(f.at("vote_id").as_int64());
  json::array confirm_ids, release_ids;
  for (std::size_t i = 0; i < ids.size(); ++i) (i + 1 < ids.size() ? confirm_ids : release_ids).push_back(ids[i]);
  auto refused = wuda.Post("/api/v1/campaigns/1/review/decisions",
                           json::object{{"vote_ids", confirm_ids}, {"decision", "invalidate"}, {"reason", "越权尝试"}});
  EXPECT_EQ(refused.status, 403u) << refused.body;

  // Bad requests name their field and change nothing.
  auto bad = organizer.Post("/api/v1/campaigns/1/review/decisions",
                            json::object{{"vote_ids", json::array{}}, {"decision", "maybe"}, {"reason", ""}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  std::set<std::string> fields;
  json::value refusal = bad.Json();
  for (const auto& d : refusal.at("details").as_array()) fields.insert(std::string(d.at("field").as_string()));
  EXPECT_EQ(fields, (std::set<std::string>{"vote_ids", "decision", "reason"}));

  // The district admin confirms all but one as brushing; the organizer releases the last.
  auto confirmed = hainan.Post("/api/v1/campaigns/1/review/decisions",
                               json::object{{"vote_ids", confirm_ids}, {"decision", "invalidate"}, {"reason", "同一设备十个号码连号，确认刷票"}});
  ASSERT_EQ(confirmed.status, 200u) << confirmed.body;
  EXPECT_EQ(confirmed.Json().at("decided").as_int64(), static_cast<std::int64_t>(confirm_ids.size()));
  auto twice = organizer.Post("/api/v1/campaigns/1/review/decisions",
                              json::object{{"vote_ids", confirm_ids}, {"decision", "release"}, {"reason", "再审"}});
  EXPECT_EQ(twice.status, 409u) << twice.body;
  auto released = organizer.Post("/api/v1/campaigns/1/review/decisions",
                                 json::object{{"vote_ids", release_ids}, {"decision", "release"}, {"reason", "经电话核实为本人投票"}});
  ASSERT_EQ(released.status, 200u) << released.body;

  // The public counts moved as decided.
  auto after = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  EXPECT_EQ(VotesOf(after, kCandidate, "votes"), valid + 1);
  EXPECT_EQ(VotesOf(after, kCandidate, "under_review"), 0);
  EXPECT_EQ(organizer.Get("/api/v1/campaigns/1/review").Json().at("waiting").as_int64(), 0);
  auto done = organizer.Get("/api/v1/campaigns/1/review/flags?candidate=97&state=invalidated&page_size=100");
  json::value done_body = done.Json();
  ASSERT_EQ(done_body.at("items").as_array().size(), confirm_ids.size());
  EXPECT_EQ(done_body.at("items").as_array()[0].at("reason").as_string(), "同一设备十个号码连号，确认刷票");
  EXPECT_EQ(done_body.at("items").as_array()[0].at("decided_by").as_string(), "hainan");

  // The log agrees: its tally has the same valid count and nothing under review.
  integrity::LogTally log(1);
  Client c = server.Connect();
  auto entries = c.Get("/api/v1/campaigns/1/log/entries?start=0&end=1000");
  ASSERT_EQ(entries.status, 200u);
  json::value entries_body = entries.Json();
  for (const auto& e : entries_body.at("entries").as_array()) {
    std::string hex(e.at("leaf_input").as_string()), bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    ASSERT_TRUE(log.Apply(e.at("index").as_int64(), bytes).ok());
  }
  EXPECT_EQ(log.by_candidate().at(kCandidate).valid, valid + 1);
  EXPECT_EQ(log.by_candidate().at(kCandidate).review, 0);
  EXPECT_EQ(log.by_candidate().at(kCandidate).invalid, static_cast<std::int64_t>(confirm_ids.size()));

  // And verify, from the public routes, agrees once a head covers the decisions.
  const auto size = static_cast<std::int64_t>(entries_body.at("entries").as_array().size());
  ASSERT_TRUE(WaitUntil(
      [&] {
        auto sth = server.Connect().Get("/api/v1/campaigns/1/log/sth");
        return sth.status == 200 && sth.Json().at("tree_size").as_int64() >= size;
      },
      std::chrono::milliseconds(15000)));
  auto verified = RunCommand({"verify", "--url", "http://127.0.0.1:" + std::to_string(server.port()), "--campaign", "1"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("已作废 " + std::to_string(confirm_ids.size())), std::string::npos) << verified.out;

  // Both decisions are in the audit log, with their reasons.
  auto audit = organizer.Get("/api/v1/admin/audit?action=vote_flag.");
  ASSERT_EQ(audit.status, 200u) << audit.body;
  EXPECT_EQ(audit.Json().at("total").as_int64(), 2) << audit.body;
}

// Phones proved one after another from a run of numbers (a batch of SIM cards), each on its
// own device: only the keyed buckets made at verification tie them together, and the fourth
// on is held for review with phone_run as evidence. Numbers as close but in other hundreds
// are not tied.
TEST(ReviewApi, ARunOfNumbersIsTiedByItsBucketsNotByTheNumbers) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  auto vote_as = [&](const std::string& phone, std::int64_t candidate, int n, std::int64_t page_ms) {
    Voter v(server);
    char device[33];
    std::snprintf(device, sizeof device, "%032x", n);
    v.UseDevice(device);
    EXPECT_TRUE(v.Prove(phone));
    auto r = v.Post("/api/v1/campaigns/1/votes", json::object{{"candidate_id", candidate}, {"pow", v.Solved()}, {"page_ms", page_ms}});
    EXPECT_EQ(r.status, 201u) << r.body;
  };
  // Neighbours in other hundreds: 13800138000, 13800138100, …
  for (int i = 0; i < 7; ++i) vote_as("13800" + std::to_string(138000 + 100 * i), 1, i + 1, 60'000);
  auto tally = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  EXPECT_EQ(VotesOf(tally, 1, "under_review"), 0) << "seven buckets of one each";
  // A run: 13900139050 … 13900139056, one hundred.
  for (int i = 0; i < 7; ++i) vote_as("139001390" + std::to_string(50 + i), 97, 100 + i, 60'000);
  tally = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  EXPECT_EQ(VotesOf(tally, 97, "under_review"), 4) << "from the fourth voter of a bucket on (the threshold, 4)";

  auto accounts = server.Accounts();
  Staff organizer(server, "organizer", accounts.at("organizer"));
  ASSERT_TRUE(organizer.ok());
  auto flags = organizer.Get("/api/v1/campaigns/1/review/flags?candidate=97&page_size=100");
  ASSERT_EQ(flags.status, 200u) << flags.body;
  json::value body = flags.Json();
  ASSERT_EQ(body.at("items").as_array().size(), 4u) << flags.body;
  for (const auto& item : body.at("items").as_array()) {
    bool run = false;
    for (const auto& e : item.at("evidence").at("evidence").as_array()) run |= e.at("signal").as_string() == "phone_run";
    EXPECT_TRUE(run) << flags.body;
  }

  // What the page says of its load time must be a duration, or the vote is refused.
  Voter quick(server);
  ASSERT_TRUE(quick.Prove("13700137777"));
  auto bad = quick.Post("/api/v1/campaigns/1/votes", json::object{{"candidate_id", 2}, {"pow", quick.Solved()}, {"page_ms", -5}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  EXPECT_NE(bad.body.find("page_ms"), std::string::npos) << bad.body;
}

}  // namespace
}  // namespace ss::testing
