// Online voting through the real server (issue 7): a phone proved with the file provider's
// code, votes with solved challenges, every rule and refusal, concurrency of one voter, and a
// SIGKILL in the middle of a vote load.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "core/voting/phone.h"
#include "core/voting/pow.h"
#include "harness.h"
#include "voter.h"
#include "store/store.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

std::string Code(const Response& r) { return r.body.empty() ? "" : std::string(r.Json().at("code").as_string()); }

std::int64_t Count(const json::value& tally, std::int64_t candidate) {
  for (const auto& g : tally.at("groups").as_array())
    for (const auto& c : g.at("candidates").as_array())
      if (c.at("id").as_int64() == candidate) return c.at("votes").as_int64();
  return -1;
}

// The demo database comes with its own voting history: tests count what they add to it.
std::int64_t Total(const Server& server) {
  return server.Connect().Get("/api/v1/campaigns/1/tally").Json().at("total").as_int64();
}

std::int64_t DistrictVotes(const json::value& tally, const std::string& code) {
  for (const auto& d : tally.at("districts").as_array())
    if (d.at("code").as_string() == code) return d.at("votes").as_int64();
  return -1;
}

TEST(VotingApi, APhoneVoterVotesWithinTheRules) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path), /*init=*/true, /*demo_votes=*/true);
  json::value before = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  ASSERT_GT(before.at("total").as_int64(), 10'000) << "init --demo casts a voting history";
  Voter v(server);
  ASSERT_TRUE(v.Prove("138 0013 8000"));
  auto me = v.Get("/api/v1/voters/me?campaign=1");
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Json().at("voter").at("phone_tail").as_string(), "8000");
  EXPECT_EQ(me.Json().at("campaign").at("votes_left").as_int64(), 3);

  auto first = v.Vote(97);
  ASSERT_EQ(first.status, 201u) << first.body;
  EXPECT_EQ(first.Json().at("candidate_id").as_int64(), 97);
  EXPECT_EQ(first.Json().at("votes_left").as_int64(), 2);
  std::string receipt(first.Json().at("receipt").as_string());
  EXPECT_EQ(receipt.size(), 26u);
  // Its place in the public log: after every demo vote, as a 32-byte leaf hash in hex.
  std::int64_t leaf_index = first.Json().at("leaf_index").as_int64();
  // The demo history (its brushing attempt's quarantines among it) is the log's first entries.
  EXPECT_GT(before.at("under_review").as_int64(), 0) << "the demo's brushing attempt waits for review";
  EXPECT_EQ(leaf_index, before.at("total").as_int64() + 2 * before.at("under_review").as_int64())
      << "each valid vote is one entry, each held vote two (the vote and its quarantine)";
  std::string leaf_hash(first.Json().at("leaf_hash").as_string());
  EXPECT_EQ(leaf_hash.size(), 64u);
  EXPECT_EQ(leaf_hash.find_first_not_of("0123456789abcdef"), std::string::npos);

  auto again = v.Vote(97);
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(Code(again), "already_voted_today");
  EXPECT_EQ(again.Json().at("message").as_string(), "今天已为该书记投过票");
  ASSERT_EQ(v.Vote(1).status, 201u);
  ASSERT_EQ(v.Vote(2).status, 201u);
  auto over = v.Vote(3);
  EXPECT_EQ(over.status, 429u);
  EXPECT_EQ(Code(over), "daily_quota");

  auto mine = v.Get("/api/v1/campaigns/1/votes/mine");
  ASSERT_EQ(mine.status, 200u);
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 3u);
  EXPECT_EQ(mine.Json().at("items").as_array()[0].at("candidate_name").as_string(), "钟庆梅");
  auto looked = server.Connect().Get("/api/v1/votes/receipts/" + receipt);
  ASSERT_EQ(looked.status, 200u) << looked.body;
  EXPECT_EQ(looked.Json().at("candidate_id").as_int64(), 97);
  EXPECT_EQ(looked.Json().at("leaf_index").as_int64(), leaf_index);
  EXPECT_EQ(looked.Json().at("leaf_hash").as_string(), leaf_hash);

  auto tally = server.Connect().Get("/api/v1/campaigns/1/tally");
  ASSERT_EQ(tally.status, 200u);
  json::value after = tally.Json();
  EXPECT_EQ(after.at("total").as_int64(), before.at("total").as_int64() + 3);
  EXPECT_EQ(Count(after, 97), Count(before, 97) + 1);
  EXPECT_EQ(Count(after, 3), Count(before, 3));
  // 钟庆梅 is in 海南区; 1 and 2 are not.
  EXPECT_EQ(DistrictVotes(after, "150303"), DistrictVotes(before, "150303") + 1);
}

TEST(VotingApi, EveryRefusalHasItsCodeAndChangesNothing) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  Voter anon(server);
  EXPECT_EQ(Code(anon.Get("/api/v1/campaigns/1/votes/challenge")), "voter_unauthenticated");
  EXPECT_EQ(Code(anon.Post("/api/v1/campaigns/1/votes", json::object{{"candidate_id", 1}})), "voter_unauthenticated");
  EXPECT_EQ(Code(anon.Post("/api/v1/voters/otp", json::object{{"phone", "+1 415 555 0100"}})), "invalid_phone");

  std::int64_t total_before = Total(server);
  Voter v(server);
  ASSERT_TRUE(v.Prove("13900139000"));
  // Codes: a wrong one, a resend too soon.
  auto wrong = v.Post("/api/v1/voters/verify", json::object{{"phone", "13900139000"}, {"code", "000000"}});
  EXPECT_EQ(wrong.status, 400u) << "the proved code is used up: none left to compare";
  EXPECT_EQ(Code(wrong), "otp_missing");
  auto soon = v.Post("/api/v1/voters/otp", json::object{{"phone", "13900139000"}});
  EXPECT_EQ(soon.status, 429u);
  EXPECT_EQ(Code(soon), "otp_cooldown");
  EXPECT_GT(soon.Json().at("retry_after").as_int64(), 0);
  EXPECT_FALSE(soon.Header("retry-after").empty());
  Voter guesser(server);
  ASSERT_EQ(guesser.Post("/api/v1/voters/otp", json::object{{"phone", "13700137000"}}).status, 200u);
  std::string right = LastCode(server, "13700137000");
  std::string other = right == "111111" ? "222222" : "111111";
  auto bad = guesser.Post("/api/v1/voters/verify", json::object{{"phone", "13700137000"}, {"code", other}});
  EXPECT_EQ(bad.status, 401u);
  EXPECT_EQ(Code(bad), "otp_wrong");

  // Votes: unknown candidate, malformed, wrong answer, replayed, foreign, bad key, no origin.
  EXPECT_EQ(Code(v.Vote(999999)), "unknown_candidate");
  {
    Client raw = server.Connect();
    auto r = raw.Send(bhttp::verb::post, "/api/v1/campaigns/1/votes",
                      {{"Origin", "http://" + raw.host()}, {"Cookie", v.cookie()}, {"Content-Type", "application/json"}},
                      "{\"candidate_id\": 1,");
    EXPECT_EQ(r.status, 400u);
    EXPECT_EQ(Code(r), "bad_json");
    auto no_origin = raw.Send(bhttp::verb::post, "/api/v1/campaigns/1/votes",
                              {{"Cookie", v.cookie()}, {"Content-Type", "application/json"}}, "{}");
    EXPECT_EQ(no_origin.status, 403u);
  }
  json::object pow = v.Solved();
  json::object off = pow;
  off["number"] = pow.at("number").as_int64() + 1;
  EXPECT_EQ(Code(v.VoteWith(1, off)), "pow_invalid");
  json::object forged = pow;
  forged["signature"] = std::string(64, 'a');
  EXPECT_EQ(Code(v.VoteWith(1, forged)), "pow_invalid");
  EXPECT_EQ(Code(v.VoteWith(1, json::object{{"algorithm", "SHA-256"}})), "pow_invalid");
  EXPECT_EQ(Code(v.VoteWith(1, pow, "bad key with spaces")), "bad_idempotency_key");
  ASSERT_EQ(v.VoteWith(1, pow).status, 201u);
  auto replay = v.VoteWith(2, pow);
  EXPECT_EQ(replay.status, 409u);
  EXPECT_EQ(Code(replay), "pow_replayed");
  // Another voter's challenge is foreign to this one.
  Voter w(server);
  ASSERT_TRUE(w.Prove("13600136000"));
  EXPECT_EQ(Code(w.VoteWith(2, v.Solved())), "pow_invalid");
  // Nothing of the refusals counted: one vote in all.
  EXPECT_EQ(Total(server), total_before + 1);
  EXPECT_EQ(v.Get("/api/v1/voters/me?campaign=1").Json().at("campaign").at("votes_today").as_int64(), 1);
}

TEST(VotingApi, ARetryWithItsIdempotencyKeyNeverCountsTwice) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  std::int64_t total_before = Total(server);
  Voter v(server);
  ASSERT_TRUE(v.Prove("13500135000"));
  json::object pow = v.Solved();
  auto first = v.VoteWith(5, pow, "attempt-1");
  ASSERT_EQ(first.status, 201u) << first.body;
  auto retry = v.VoteWith(5, pow, "attempt-1");
  ASSERT_EQ(retry.status, 200u) << retry.body;
  EXPECT_EQ(retry.Json().at("receipt"), first.Json().at("receipt"));
  EXPECT_EQ(retry.Json().at("vote_id"), first.Json().at("vote_id"));
  EXPECT_EQ(Total(server), total_before + 1);
}

TEST(VotingApi, NoVoteOutsideTheWindow) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  Voter v(server);
  ASSERT_TRUE(v.Prove("13400134000"));
  json::object pow = v.Solved();
  Staff org(server, "organizer", server.Accounts().at("organizer"));
  ASSERT_TRUE(org.ok());
  auto moved = org.Post("/api/v1/campaigns/1/phase", json::object{{"from", "voting"}, {"to", "judging"}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  auto closed = v.VoteWith(1, pow);
  EXPECT_EQ(closed.status, 409u);
  EXPECT_EQ(Code(closed), "voting_closed");
}

TEST(VotingApi, OneVoterOnManyConnectionsGetsExactlyTheQuota) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  auto before = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  const std::int64_t total_before = before.at("total").as_int64() + before.at("under_review").as_int64();
  Voter v(server);
  ASSERT_TRUE(v.Prove("13300133000"));
  // Solved ahead, then sent at once on 8 connections for 8 candidates.
  std::vector<json::object> pows;
  for (int i = 0; i < 8; ++i) pows.push_back(v.Solved());
  std::atomic<int> accepted{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Client c = server.Connect();
      json::object body{{"candidate_id", 10 + i}, {"pow", pows[static_cast<std::size_t>(i)]}};
      auto r = c.Send(bhttp::verb::post, "/api/v1/campaigns/1/votes",
                      {{"Origin", "http://" + c.host()}, {"Cookie", v.cookie()}, {"Content-Type", "application/json"}},
                      json::serialize(body));
      if (r.status == 201) ++accepted;
      else if (Code(r) == "daily_quota") ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 3);
  EXPECT_EQ(refused.load(), 5);
  // All three stored: counted, or held for review — the detector saw eight votes of one voter
  // arrive at once, and which of them the writer took first is a race.
  auto tally = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  EXPECT_EQ(tally.at("total").as_int64() + tally.at("under_review").as_int64(), total_before + 3);
}

// Reads a stream's bytes until `until` holds for them or 10 s pass.
std::string ReadStreamUntil(tcp::socket& s, const std::function<bool(const std::string&)>& until) {
  std::string got;
  char buf[4096];
  s.non_blocking(true);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!until(got) && std::chrono::steady_clock::now() < deadline) {
    boost::system::error_code ec;
    std::size_t n = s.read_some(asio::buffer(buf), ec);
    if (ec == asio::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    if (ec) break;
    got.append(buf, n);
  }
  return got;
}

TEST(VotingApi, TheTallyStreamSendsTheCountsThatMove) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  std::string req = "GET /api/v1/campaigns/1/tally/stream HTTP/1.1\r\nHost: x\r\n\r\n";
  asio::write(s, asio::buffer(req));
  std::string head = ReadStreamUntil(s, [](const std::string& g) { return g.find("\"changed\"") != std::string::npos; });
  EXPECT_NE(head.find("HTTP/1.1 200 OK"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(head.find("retry: 3000"), std::string::npos);
  json::value before = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  std::string was = "{\"id\":97,\"votes\":" + std::to_string(Count(before, 97)) + "}";
  EXPECT_NE(head.find(was), std::string::npos) << "the first event has every candidate";
  Voter v(server);
  ASSERT_TRUE(v.Prove("13200132000"));
  ASSERT_EQ(v.Vote(97).status, 201u);
  std::string now = "{\"id\":97,\"votes\":" + std::to_string(Count(before, 97) + 1) + "}";
  std::string next = ReadStreamUntil(s, [&now](const std::string& g) { return g.find(now) != std::string::npos; });
  EXPECT_NE(next.find("\"total\":" + std::to_string(before.at("total").as_int64() + 1)), std::string::npos) << next;
  EXPECT_EQ(next.find("{\"id\":1,"), std::string::npos) << "only what moved";
  // The server stops while the stream is open: it ends it and exits cleanly.
  EXPECT_EQ(server.Stop(), 0);
}

// Votes are answered only after they are durable: a SIGKILL in the middle of a load loses
// none that got a receipt, and the counts after the restart are the database's.
TEST(VotingApi, AKillInTheMiddleOfAVoteLoadLosesNoReceipt) {
  TempDir dir;
  auto args = VotingArgs(dir.path);
  std::vector<std::string> receipts;
  std::mutex mu;
  std::int64_t history = 0;
  {
    Server server(dir.path, args);
    history = Total(server);
    // 60 voters proved first, each with 3 solved challenges.
    std::vector<std::unique_ptr<Voter>> voters;
    std::vector<std::vector<json::object>> pows;
    for (int i = 0; i < 60; ++i) {
      voters.push_back(std::make_unique<Voter>(server));
      // Numbers a hundred apart: a run in one hundred would be held for review (phone_run).
      ASSERT_TRUE(voters.back()->Prove("152" + std::to_string(10000000 + 100 * i)));
      std::vector<json::object> p;
      for (int k = 0; k < 3; ++k) p.push_back(voters.back()->Solved());
      pows.push_back(std::move(p));
    }
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
      threads.emplace_back([&, t] {
        while (!go) std::this_thread::yield();
        for (int i = t; i < 60; i += 6) {
          for (int k = 0; k < 3; ++k) {
            try {
              Client c = server.Connect();
              json::object body{{"candidate_id", 1 + (i + k) % 103}, {"pow", pows[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)]}};
              auto r = c.Send(bhttp::verb::post, "/api/v1/campaigns/1/votes",
                              {{"Origin", "http://" + c.host()}, {"Cookie", voters[static_cast<std::size_t>(i)]->cookie()},
                               {"Content-Type", "application/json"}},
                              json::serialize(body));
              if (r.status == 201) {
                std::lock_guard lock(mu);
                receipts.push_back(std::string(r.Json().at("receipt").as_string()));
              }
            } catch (const std::exception&) {
              return;  // the server is gone
            }
          }
        }
      });
    }
    go = true;
    // Kill once some votes are in, while others are on their way.
    EXPECT_TRUE(WaitUntil([&] {
      std::lock_guard lock(mu);
      return receipts.size() >= 30;
    }, std::chrono::milliseconds(60'000)));
    server.Kill();
    for (auto& t : threads) t.join();
  }
  ASSERT_GE(receipts.size(), 30u);
  // Restarted on the same database: every receipt is there, once; the tally is the table's.
  Server again(dir.path, args, /*init=*/false);
  std::set<std::string> unique(receipts.begin(), receipts.end());
  EXPECT_EQ(unique.size(), receipts.size());
  for (const auto& r : receipts) {
    auto got = again.Connect().Get("/api/v1/votes/receipts/" + r);
    EXPECT_EQ(got.status, 200u) << r << " got a receipt but is not stored";
  }
  auto tally = again.Connect().Get("/api/v1/campaigns/1/tally");
  ASSERT_EQ(tally.status, 200u);
  std::int64_t total = tally.Json().at("total").as_int64();
  // Some may be stored with their answer cut off by the kill; none is counted twice.
  EXPECT_GE(total - history, static_cast<std::int64_t>(receipts.size()));
  EXPECT_LE(total - history, 180);
  auto store = store::OpenStore(again.db());
  ASSERT_TRUE(store.ok());
  std::int64_t counted = 0;
  auto counts = (*store)->votes().Counts(1);
  ASSERT_TRUE(counts.ok());
  for (const auto& c : *counts) counted += c.n;
  EXPECT_EQ(counted, total);
}

TEST(VotingApi, ManyListenersShareOneFeedAndALateOneStartsFromEveryCount) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  asio::io_context ioc;
  auto open = [&] {
    auto s = std::make_unique<tcp::socket>(ioc);
    s->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
    std::string req = "GET /api/v1/campaigns/1/tally/stream HTTP/1.1\r\nHost: x\r\n\r\n";
    asio::write(*s, asio::buffer(req));
    return s;
  };
  std::vector<std::unique_ptr<tcp::socket>> listeners;
  for (int i = 0; i < 40; ++i) listeners.push_back(open());
  for (auto& l : listeners) ReadStreamUntil(*l, [](const std::string& g) { return g.find("\"changed\"") != std::string::npos; });
  json::value before = server.Connect().Get("/api/v1/campaigns/1/tally").Json();
  Voter v(server);
  ASSERT_TRUE(v.Prove("13300133000"));
  ASSERT_EQ(v.Vote(97).status, 201u);
  ASSERT_EQ(v.Vote(1).status, 201u);
  std::string c97 = "{\"id\":97,\"votes\":" + std::to_string(Count(before, 97) + 1) + "}";
  std::string c1 = "{\"id\":1,\"votes\":" + std::to_string(Count(before, 1) + 1) + "}";
  for (auto& l : listeners) {
    std::string got = ReadStreamUntil(
        *l, [&](const std::string& g) { return g.find(c97) != std::string::npos && g.find(c1) != std::string::npos; });
    EXPECT_NE(got.find(c97), std::string::npos);
    EXPECT_NE(got.find(c1), std::string::npos);
  }
  // One who comes later gets every count as it is now, not only what moves next.
  auto late = open();
  std::string first = ReadStreamUntil(*late, [](const std::string& g) { return g.find("\"changed\"") != std::string::npos; });
  EXPECT_NE(first.find(c97), std::string::npos) << first.substr(0, 400);
  EXPECT_NE(first.find(c1), std::string::npos);
  EXPECT_NE(first.find("{\"id\":2,\"votes\":" + std::to_string(Count(before, 2)) + "}"), std::string::npos)
      << "candidates that did not move are in it too";
  EXPECT_EQ(server.Stop(), 0) << "41 open streams end at shutdown";
}

// Party members' ballot codes: a district admin makes and prints a batch for a branch of
// their district; a member signs in with a code and votes; a revoked code does neither.
std::vector<std::string> CodesOf(Staff& staff, std::int64_t batch) {
  auto r = staff.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(batch) + "/codes");
  EXPECT_EQ(r.status, 200u) << r.body;
  std::vector<std::string> out;
  json::value listed = r.Json();
  for (const auto& c : listed.at("items").as_array()) out.emplace_back(c.at("code").as_string());
  return out;
}

TEST(VotingApi, ADistrictAdminMakesPrintsAndRevokesTheirBranchsCodes) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path));
  auto accounts = server.Accounts();
  Staff hainan(server, "hainan", accounts.at("hainan"));
  Staff organizer(server, "organizer", accounts.at("organizer"));
  ASSERT_TRUE(hainan.ok() && organizer.ok());

  // The district may be left out: a district admin's own is taken.
  auto made = hainan.Post("/api/v1/campaigns/1/ballot-batches", json::object{{"branch", "新桥社区党支部"}, {"count", 12}});
  ASSERT_EQ(made.status, 201u) << made.body;
  json::value batch = made.Json();
  EXPECT_EQ(batch.at("district").as_string(), "150303");
  EXPECT_EQ(batch.at("district_name").as_string(), "海南区");
  EXPECT_EQ(batch.at("count").as_int64(), 12);
  EXPECT_EQ(batch.at("unused").as_int64(), 12);
  EXPECT_EQ(batch.at("created_by").as_string(), "hainan");
  std::int64_t id = batch.at("id").as_int64();
  auto wuda_batch = organizer.Post("/api/v1/campaigns/1/ballot-batches",
                                   json::object{{"district", "150302"}, {"branch", "乌达区某党支部"}, {"count", 2}});
  ASSERT_EQ(wuda_batch.status, 201u) << wuda_batch.body;

  // Bad requests name their field and make nothing.
  auto bad = hainan.Post("/api/v1/campaigns/1/ballot-batches", json::object{{"branch", ""}, {"count", 0}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  std::set<std::string> fields;
  json::value refused = bad.Json();
  for (const auto& d : refused.at("details").as_array()) fields.insert(std::string(d.at("field").as_string()));
  EXPECT_TRUE(fields.count("branch") && fields.count("count")) << bad.body;
  EXPECT_EQ(hainan.Post("/api/v1/campaigns/1/ballot-batches", json::object{{"branch", "支部"}, {"count", 10001}}).status, 422u);
  auto unknown = organizer.Post("/api/v1/campaigns/1/ballot-batches",
                                json::object{{"district", "150303004"}, {"branch", "支部"}, {"count", 1}});
  EXPECT_EQ(unknown.status, 422u) << "a town is no district: " << unknown.body;
  auto foreign = hainan.Post("/api/v1/campaigns/1/ballot-batches",
                             json::object{{"district", "150302"}, {"branch", "支部"}, {"count", 1}});
  EXPECT_EQ(foreign.status, 403u) << foreign.body;

  // Each sees what is theirs.
  auto mine = hainan.Get("/api/v1/campaigns/1/ballot-batches").Json();
  ASSERT_EQ(mine.at("total").as_int64(), 1) << "not 乌达区's";
  EXPECT_EQ(mine.at("items").as_array()[0].at("id").as_int64(), id);
  EXPECT_EQ(organizer.Get("/api/v1/campaigns/1/ballot-batches").Json().at("total").as_int64(), 2);
  std::int64_t wuda_id = wuda_batch.Json().at("id").as_int64();
  EXPECT_EQ(hainan.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(wuda_id) + "/codes").status, 403u);
  EXPECT_EQ(hainan.Get("/api/v1/campaigns/1/ballot-batches/999/codes").status, 404u);
  auto codes = CodesOf(hainan, id);
  ASSERT_EQ(codes.size(), 12u);

  // The slips: a PDF, and the print is in the audit log.
  auto pdf = hainan.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(id) + "/slips.pdf");
  ASSERT_EQ(pdf.status, 200u) << pdf.body.substr(0, 200);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.Header("content-disposition").find(".pdf"), std::string::npos);
  auto printed = organizer.Get("/api/v1/admin/audit?action=ballot_batch.print").Json();
  ASSERT_EQ(printed.at("total").as_int64(), 1) << json::serialize(printed);

  // Revoking: a reason is needed; the named codes, then every unused one.
  auto rows = hainan.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(id) + "/codes").Json();
  std::int64_t first_id = rows.at("items").as_array()[0].at("id").as_int64();
  std::string revoke = "/api/v1/campaigns/1/ballot-batches/" + std::to_string(id) + "/revoke";
  EXPECT_EQ(hainan.Post(revoke, json::object{{"code_ids", json::array{first_id}}}).status, 422u) << "no reason";
  EXPECT_EQ(hainan.Post(revoke, json::object{{"reason", "纸条遗失"}}).status, 422u) << "nothing chosen";
  EXPECT_EQ(hainan.Post(revoke, json::object{{"code_ids", json::array{first_id + 100}}, {"reason", "纸条遗失"}}).status, 404u);
  auto one = hainan.Post(revoke, json::object{{"code_ids", json::array{first_id}}, {"reason", "纸条遗失"}});
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_EQ(one.Json().at("revoked").as_int64(), 1);
  EXPECT_EQ(one.Json().at("batch").at("unused").as_int64(), 11);

  // A member signs in with a code as it is typed, and votes.
  Voter member(server);
  EXPECT_EQ(Code(member.UseCode(codes[0])), "ballot_code_revoked");
  EXPECT_EQ(Code(member.UseCode("ABC")), "ballot_code_malformed");
  EXPECT_EQ(Code(member.UseCode("ZZZZ-ZZZZ-ZZZZ")), "ballot_code_unknown");
  std::string typed = codes[1].substr(0, 4) + "-" + codes[1].substr(4, 4) + " " + codes[1].substr(8);
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto in = member.UseCode(typed);
  ASSERT_EQ(in.status, 200u) << in.body;
  EXPECT_EQ(in.Json().at("voter").at("kind").as_string(), "member");
  EXPECT_EQ(in.Json().at("voter").at("branch").as_string(), "新桥社区党支部");
  auto me = member.Get("/api/v1/voters/me?campaign=1");
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.Json().at("voter").at("branch").as_string(), "新桥社区党支部");
  EXPECT_EQ(me.Json().at("campaign").at("votes_left").as_int64(), 3);
  ASSERT_EQ(member.Vote(97).status, 201u);
  EXPECT_EQ(Code(member.Vote(97)), "already_voted_today") << "the same rules as a phone";
  Voter again(server);
  ASSERT_EQ(again.UseCode(codes[1]).status, 200u);
  EXPECT_EQ(again.Get("/api/v1/voters/me?campaign=1").Json().at("campaign").at("votes_left").as_int64(), 2)
      << "the same member on another phone";
  auto state = hainan.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(id) + "/codes").Json();
  EXPECT_EQ(state.at("items").as_array()[1].at("state").as_string(), "redeemed");

  // Every unused one revoked: the redeemed one stays, until it is named.
  auto rest = hainan.Post(revoke, json::object{{"all_unused", true}, {"reason", "会议结束，收回未发放的纸条"}});
  ASSERT_EQ(rest.status, 200u) << rest.body;
  EXPECT_EQ(rest.Json().at("revoked").as_int64(), 10);
  EXPECT_EQ(rest.Json().at("batch").at("redeemed").as_int64(), 1);
  EXPECT_EQ(hainan.Get("/api/v1/campaigns/1/ballot-batches/" + std::to_string(id) + "/slips.pdf").status, 409u)
      << "nothing left to print";
  ASSERT_EQ(member.Vote(1).status, 201u);
  std::int64_t member_code_id = state.at("items").as_array()[1].at("id").as_int64();
  ASSERT_EQ(hainan.Post(revoke, json::object{{"code_ids", json::array{member_code_id}}, {"reason", "党员已调离"}}).status, 200u);
  EXPECT_EQ(Code(member.Vote(2)), "ballot_code_revoked");
  EXPECT_EQ(Code(member.Get("/api/v1/voters/me")), "ballot_code_revoked");
  auto revokes = organizer.Get("/api/v1/admin/audit?action=ballot_code.revoke").Json();
  EXPECT_EQ(revokes.at("total").as_int64(), 3);
}

TEST(VotingApi, WrongBallotCodesFromOneAddressAreLimited) {
  TempDir dir;
  fs::path config = dir.path / "codes.toml";
  std::ofstream(config) << "[voting]\npow_maxnumber = 200\nwrong_codes_per_ip_per_hour = 3\n";
  Server server(dir.path, {"--config", config.string()});
  Voter guesser(server);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Code(guesser.UseCode("ZZZZZZZZZZZ" + std::string(1, "ABC"[i]))), "ballot_code_unknown");
  auto limited = guesser.UseCode("ZZZZZZZZZZZD");
  EXPECT_EQ(limited.status, 429u);
  EXPECT_EQ(Code(limited), "ballot_code_limit");
}

}  // namespace
}  // namespace ss::testing
