// `shuangshai verify` on a real campaign's log (issue 8 item 5): it passes on the demo's
// history and its own votes, and fails naming the place when any field of a stored entry or
// head is altered, when a head a witness saw is dropped, or when a published count is off.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <regex>

#include "core/integrity/merkle.h"
#include "harness.h"
#include "voter.h"

namespace ss::testing {
namespace {

// Runs one SQL statement with `blob` bound to ?1 (if any) on a closed database.
void Exec(const std::string& db, const std::string& sql, const std::string* blob = nullptr) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
  if (blob) sqlite3_bind_blob(st, 1, blob->data(), static_cast<int>(blob->size()), SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(h);
  EXPECT_EQ(sqlite3_changes(h), 1) << sql;
  sqlite3_finalize(st);
  sqlite3_close(h);
}

std::string ReadBlob(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW)
    out.assign(static_cast<const char*>(sqlite3_column_blob(st, 0)), static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

std::string Sha256LeafOf(const std::string& entry) { return integrity::ToBytes(integrity::LeafHash(entry)); }

class VerifyCommand : public ::testing::Test {
 protected:
  // One database with the demo's history, two votes of our own and at least two heads.
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    {
      Server server(dir_->path, VotingArgs(dir_->path), /*init=*/true, /*demo_votes=*/true);
      auto heads = [&server] {
        auto r = server.Connect().Get("/api/v1/campaigns/1/log/sth/history");
        return r.status == 200 ? r.Json().at("heads").as_array().size() : 0u;
      };
      ASSERT_TRUE(WaitUntil([&] { return heads() >= 1; }, std::chrono::milliseconds(15000)));
      Voter v(server);
      ASSERT_TRUE(v.Prove("13800138000"));
      ASSERT_EQ(v.Vote(97).status, 201u);
      ASSERT_EQ(v.Vote(1).status, 201u);
      ASSERT_TRUE(WaitUntil([&] { return heads() >= 2; }, std::chrono::milliseconds(15000)));
      db_ = server.db();
      // A witness of the heads, taken from the public routes while the server runs.
      auto r = RunCommand({"verify", "--url", "http://127.0.0.1:" + std::to_string(server.port()), "--campaign", "1",
                           "--witness", (dir_->path / "witness.txt").string()});
      ASSERT_EQ(r.exit_code, 0) << r.out;
      ASSERT_NE(r.out.find("校验通过"), std::string::npos) << r.out;
    }  // the server stops: its last heads are written
  }
  static void TearDownTestSuite() { delete dir_; }

  // A fresh copy of the database to alter.
  std::string Copy() {
    static int n = 0;
    fs::path to = dir_->path / ("copy" + std::to_string(++n) + ".db");
    fs::copy_file(db_, to, fs::copy_options::overwrite_existing);
    for (const char* side : {"-wal", "-shm"})
      if (fs::exists(db_ + side)) fs::copy_file(db_ + side, to.string() + side, fs::copy_options::overwrite_existing);
    return to.string();
  }
  CommandResult Verify(const std::string& db, bool witness = false) {
    std::vector<std::string> args{"verify", "--db", db, "--campaign", "1"};
    if (witness) {
      args.push_back("--witness");
      fs::path w = dir_->path / "witness-copy.txt";
      fs::copy_file(dir_->path / "witness.txt", w, fs::copy_options::overwrite_existing);
      args.push_back(w.string());
    }
    return RunCommand(args);
  }

  static TempDir* dir_;
  static std::string db_;
};
TempDir* VerifyCommand::dir_ = nullptr;
std::string VerifyCommand::db_;

TEST_F(VerifyCommand, PassesOnTheUntouchedLog) {
  auto r = Verify(Copy(), /*witness=*/true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("校验通过"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("公布的每位参评人的票数与日志相符"), std::string::npos) << r.out;
}

TEST_F(VerifyCommand, AnAlteredEntryIsNamedByEveryField) {
  // The entry of the 100th vote; each field of docs/log.md's layout in turn.
  const std::int64_t index = 100;
  struct Field {
    const char* name;
    std::size_t at;
  };
  for (Field f : {Field{"version", 0}, Field{"type", 1}, Field{"vote_id", 9}, Field{"campaign", 17},
                  Field{"candidate", 25}, Field{"voter", 40}, Field{"cast_at", 65}}) {
    std::string db = Copy();
    std::string entry = ReadBlob(db, "SELECT entry FROM log_entries WHERE campaign_id = 1 AND idx = " + std::to_string(index));
    ASSERT_EQ(entry.size(), 66u);
    entry[f.at] = static_cast<char>(entry[f.at] ^ 0x01);
    Exec(db, "UPDATE log_entries SET entry = ?1 WHERE campaign_id = 1 AND idx = " + std::to_string(index), &entry);
    auto r = Verify(db);
    EXPECT_EQ(r.exit_code, 1) << f.name << ": " << r.out;
    EXPECT_NE(r.out.find("日志第 100 条"), std::string::npos) << f.name << ": " << r.out;
  }
}

TEST_F(VerifyCommand, AnEntryAlteredWithItsHashIsFoundBetweenHeads) {
  std::string db = Copy();
  const std::string where = "WHERE campaign_id = 1 AND idx = 100";
  std::string entry = ReadBlob(db, "SELECT entry FROM log_entries " + where);
  entry[25] = static_cast<char>(entry[25] ^ 0x01);  // another candidate
  std::string hash = Sha256LeafOf(entry);
  Exec(db, "UPDATE log_entries SET entry = ?1 " + where, &entry);
  Exec(db, "UPDATE log_entries SET leaf_hash = ?1 " + where, &hash);
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("第 1 个树头"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("改动在第 0–"), std::string::npos) << r.out;
}

TEST_F(VerifyCommand, AnAlteredHeadIsNamedByEveryField) {
  for (const char* set : {"tree_size = tree_size - 1", "timestamp = timestamp + 1",
                          "root_hash = zeroblob(32)", "signature = zeroblob(64)"}) {
    std::string db = Copy();
    Exec(db, std::string("UPDATE tree_heads SET ") + set +
                 " WHERE campaign_id = 1 AND tree_size = (SELECT MAX(tree_size) FROM tree_heads WHERE campaign_id = 1)");
    auto r = Verify(db);
    EXPECT_EQ(r.exit_code, 1) << set << ": " << r.out;
    EXPECT_NE(r.out.find("个树头"), std::string::npos) << set << ": " << r.out;
    EXPECT_NE(r.out.find("签名不符"), std::string::npos) << set << ": " << r.out;
  }
}

TEST_F(VerifyCommand, ADroppedHeadIsCaughtByTheWitness) {
  std::string db = Copy();
  Exec(db, "DELETE FROM tree_heads WHERE campaign_id = 1 AND tree_size = (SELECT MIN(tree_size) FROM tree_heads WHERE campaign_id = 1)");
  auto r = Verify(db, /*witness=*/true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("已不在发布的历史中"), std::string::npos) << r.out;
}

TEST_F(VerifyCommand, ACountThatDiffersFromTheLogNamesTheCandidate) {
  std::string db = Copy();
  Exec(db, "UPDATE vote_counts SET n = n + 1 WHERE campaign_id = 1 AND candidate_id = 97 AND (day, hour) = "
           "(SELECT day, hour FROM vote_counts WHERE campaign_id = 1 AND candidate_id = 97 LIMIT 1)");
  auto r = Verify(db);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("参评人 97"), std::string::npos) << r.out;
}

TEST_F(VerifyCommand, UsageErrorsSayWhat) {
  auto none = RunCommand({"verify", "--campaign", "1"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.out.find("--url"), std::string::npos) << none.out;
  auto bad_url = RunCommand({"verify", "--url", "ftp://x", "--campaign", "1"});
  EXPECT_EQ(bad_url.exit_code, 2);
  EXPECT_NE(bad_url.out.find("http://"), std::string::npos) << bad_url.out;
  auto bad_key = RunCommand({"verify", "--db", Copy(), "--campaign", "1", "--public-key", "abc"});
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_NE(bad_key.out.find("--public-key"), std::string::npos) << bad_key.out;
  auto other_key = RunCommand({"verify", "--db", Copy(), "--campaign", "1", "--public-key", std::string(64, 'a')});
  EXPECT_EQ(other_key.exit_code, 1);
  EXPECT_NE(other_key.out.find("公钥"), std::string::npos) << other_key.out;
}

// The bar: verify passes on a campaign of 100,000 votes with reviewed flags, from the
// public routes while the server runs and from the database after it stopped.
TEST(VerifyAtScale, PassesOnAHundredThousandVotesWithReviewedFlags) {
  TempDir dir;
  auto init = RunCommand({"init", "--db", (dir.path / "test.db").string(), "--demo", "--demo-voters", "13000"});
  ASSERT_EQ(init.exit_code, 0) << init.out;
  Server server(dir.path, VotingArgs(dir.path), /*init=*/false);
  auto size = [&server]() -> std::int64_t {
    auto r = server.Connect().Get("/api/v1/campaigns/1/log/sth");
    return r.status == 200 ? r.Json().at("tree_size").as_int64() : 0;
  };
  // Nothing arrives now: the first head covers every entry init wrote.
  ASSERT_TRUE(WaitUntil([&] { return size() > 0; }, std::chrono::milliseconds(30000)));
  const std::int64_t first = size();

  // The demo's brushing attempt, reviewed: half confirmed (invalid), half released.
  auto accounts = server.Accounts();
  Staff organizer(server, "organizer", accounts.at("organizer"));
  ASSERT_TRUE(organizer.ok());
  auto flags = organizer.Get("/api/v1/campaigns/1/review/flags?page_size=100");
  ASSERT_EQ(flags.status, 200u) << flags.body;
  json::value flags_body = flags.Json();
  const auto& items = flags_body.at("items").as_array();
  ASSERT_GE(items.size(), 4u) << "the demo holds a brushing attempt for review";
  json::array invalidate, release;
  for (std::size_t i = 0; i < items.size(); ++i) (i % 2 ? release : invalidate).push_back(items[i].at("vote_id").as_int64());
  for (auto [ids, decision] : {std::pair{&invalidate, "invalidate"}, std::pair{&release, "release"}}) {
    auto r = organizer.Post("/api/v1/campaigns/1/review/decisions",
                            json::object{{"vote_ids", *ids}, {"decision", decision}, {"reason", "核查后的决定（测试）"}});
    ASSERT_EQ(r.status, 200u) << r.body;
  }
  const std::int64_t decided = static_cast<std::int64_t>(items.size());
  ASSERT_TRUE(WaitUntil([&] { return size() == first + decided; }, std::chrono::milliseconds(30000))) << size();

  auto counts = [](const std::string& out) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(out, m, std::regex("有效票 (\\d+)，审核中 (\\d+)，已作废 (\\d+)"))) << out;
    return m.size() == 4 ? std::array<long, 3>{std::stol(m[1]), std::stol(m[2]), std::stol(m[3])} : std::array<long, 3>{};
  };
  auto online = RunCommand({"verify", "--url", "http://127.0.0.1:" + std::to_string(server.port()), "--campaign", "1"});
  ASSERT_EQ(online.exit_code, 0) << online.out;
  EXPECT_NE(online.out.find("公布的每位参评人的票数与日志相符"), std::string::npos) << online.out;
  auto [valid, review, invalid] = counts(online.out);
  EXPECT_GE(valid + review + invalid, 100'000) << online.out;
  EXPECT_EQ(invalid, static_cast<long>(invalidate.size())) << online.out;
  server.Stop();
  auto offline = RunCommand({"verify", "--db", (dir.path / "test.db").string(), "--campaign", "1"});
  ASSERT_EQ(offline.exit_code, 0) << offline.out;
  EXPECT_EQ(counts(offline.out), (std::array<long, 3>{valid, review, invalid})) << offline.out;
}

}  // namespace
}  // namespace ss::testing

