// The public log through the real server (issue 8 item 4): the sealer's signed heads, the
// entries they cover, inclusion proofs for a receipt, consistency between heads, and a clear
// 4xx for every question the log cannot answer.
#include <gtest/gtest.h>

#include "core/integrity/log_entry.h"
#include "core/integrity/merkle.h"
#include "core/integrity/tree_head.h"
#include "harness.h"
#include "voter.h"

namespace ss::testing {
namespace {

using namespace ss::integrity;

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

std::vector<Hash> Hashes(const json::value& list) {
  std::vector<Hash> out;
  for (const auto& h : list.as_array()) out.push_back(*FromHex(h.as_string()));
  return out;
}

TreeHead HeadOf(const json::value& j) {
  TreeHead h;
  h.tree_size = static_cast<std::uint64_t>(j.at("tree_size").as_int64());
  h.timestamp = j.at("timestamp").as_int64();
  h.root = *FromHex(j.at("root_hash").as_string());
  h.signature = Unhex(j.at("signature").as_string());
  return h;
}

// The latest head once it covers at least `size` entries (the sealer signs every 2 s).
json::value HeadCovering(const Server& server, std::int64_t size) {
  json::value head;
  bool covered = WaitUntil(
      [&] {
        auto r = server.Connect().Get("/api/v1/campaigns/1/log/sth");
        if (r.status != 200) return false;
        head = r.Json();
        return head.at("tree_size").as_int64() >= size;
      },
      std::chrono::milliseconds(15000));
  EXPECT_TRUE(covered) << "no head covers " << size << " entries";
  return head;
}

std::string Code(const Response& r) { return r.body.empty() ? "" : std::string(r.Json().at("code").as_string()); }

TEST(LogApi, HeadsProofsAndEntriesAgreeWithTheVotes) {
  TempDir dir;
  Server server(dir.path, VotingArgs(dir.path), /*init=*/true, /*demo_votes=*/true);
  std::int64_t demo_total = server.Connect().Get("/api/v1/campaigns/1/tally").Json().at("total").as_int64();
  ASSERT_GT(demo_total, 0);

  json::value first = HeadCovering(server, demo_total);
  const std::string public_key = Unhex(first.at("public_key").as_string());
  TreeHead first_head = HeadOf(first);
  EXPECT_TRUE(VerifyTreeHead(first_head, public_key)) << "the head verifies under its public key";

  // Every entry, in pages: the root recomputes and the log's tally is the published one.
  MerkleTree tree;
  LogTally tally(1);
  Client c = server.Connect();
  for (std::int64_t start = 0; start < static_cast<std::int64_t>(first_head.tree_size);) {
    auto page = c.Get("/api/v1/campaigns/1/log/entries?start=" + std::to_string(start) + "&end=" +
                      std::to_string(first_head.tree_size));
    ASSERT_EQ(page.status, 200u) << page.body;
    const json::value body = page.Json();
    const auto& entries = body.at("entries").as_array();
    ASSERT_FALSE(entries.empty());
    ASSERT_LE(entries.size(), 1000u) << "pages are bounded";
    for (const auto& e : entries) {
      ASSERT_EQ(e.at("index").as_int64(), start);
      std::string bytes = Unhex(e.at("leaf_input").as_string());
      tree.Append(LeafHash(bytes));
      ASSERT_TRUE(tally.Apply(start, bytes).ok());
      ++start;
    }
  }
  EXPECT_EQ(tree.Root(first_head.tree_size), first_head.root);
  EXPECT_EQ(tally.total().valid, demo_total);

  // A new vote: its receipt's leaf is provably in the next head, which extends the first.
  Voter v(server);
  ASSERT_TRUE(v.Prove("13800138000"));
  auto vote = v.Vote(97);
  ASSERT_EQ(vote.status, 201u) << vote.body;
  std::int64_t index = vote.Json().at("leaf_index").as_int64();
  std::string leaf_hex(vote.Json().at("leaf_hash").as_string());
  json::value latest = HeadCovering(server, index + 1);
  TreeHead head = HeadOf(latest);
  EXPECT_TRUE(VerifyTreeHead(head, public_key));
  EXPECT_GT(head.timestamp, first_head.timestamp);
  auto proof = c.Get("/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=" + leaf_hex + "&tree_size=" +
                     std::to_string(head.tree_size));
  ASSERT_EQ(proof.status, 200u) << proof.body;
  EXPECT_EQ(proof.Json().at("leaf_index").as_int64(), index);
  EXPECT_TRUE(VerifyInclusion(*FromHex(leaf_hex), static_cast<std::uint64_t>(index), head.tree_size,
                              Hashes(proof.Json().at("audit_path")), head.root));
  auto cons = c.Get("/api/v1/campaigns/1/log/proof/consistency?first=" + std::to_string(first_head.tree_size) +
                    "&second=" + std::to_string(head.tree_size));
  ASSERT_EQ(cons.status, 200u) << cons.body;
  EXPECT_TRUE(VerifyConsistency(first_head.tree_size, head.tree_size, first_head.root, head.root,
                                Hashes(cons.Json().at("proof"))));

  // The history holds both heads, oldest first, with growing times and sizes.
  auto history = c.Get("/api/v1/campaigns/1/log/sth/history");
  ASSERT_EQ(history.status, 200u) << history.body;
  const json::value history_body = history.Json();
  const auto& heads = history_body.at("heads").as_array();
  ASSERT_GE(heads.size(), 2u);
  for (std::size_t i = 1; i < heads.size(); ++i) {
    EXPECT_GT(heads[i].at("timestamp").as_int64(), heads[i - 1].at("timestamp").as_int64());
    EXPECT_GT(heads[i].at("tree_size").as_int64(), heads[i - 1].at("tree_size").as_int64());
    EXPECT_TRUE(VerifyTreeHead(HeadOf(heads[i]), public_key));
  }
  auto from_latest = c.Get("/api/v1/campaigns/1/log/sth/history?from=" + std::to_string(head.timestamp));
  ASSERT_EQ(from_latest.status, 200u);
  EXPECT_EQ(from_latest.Json().at("heads").as_array().size(), 1u);

  // What the log cannot answer: a clear 4xx each.
  const std::string size = std::to_string(head.tree_size);
  struct Case {
    std::string target;
    unsigned status;
    const char* code;
  };
  std::vector<Case> cases = {
      {"/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=" + leaf_hex + "&tree_size=" + std::to_string(head.tree_size + 5), 404, "not_found"},
      {"/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=xyz&tree_size=" + size, 400, "bad_param"},
      {"/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=" + std::string(64, '0') + "&tree_size=" + size, 404, "not_found"},
      {"/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=" + leaf_hex + "&tree_size=" + std::to_string(first_head.tree_size), 404, "not_found"},
      {"/api/v1/campaigns/1/log/proof/inclusion?leaf_hash=" + leaf_hex, 400, "bad_param"},
      {"/api/v1/campaigns/1/log/proof/consistency?first=" + size + "&second=" + std::to_string(first_head.tree_size), 400, "bad_param"},
      {"/api/v1/campaigns/1/log/proof/consistency?first=0&second=" + size, 400, "bad_param"},
      {"/api/v1/campaigns/1/log/proof/consistency?first=3&second=" + size, 404, "not_found"},
      {"/api/v1/campaigns/1/log/entries?start=" + size + "0&end=" + size + "1", 400, "bad_param"},
      {"/api/v1/campaigns/1/log/entries?start=5&end=5", 400, "bad_param"},
      {"/api/v1/campaigns/1/log/entries?start=-1&end=5", 400, "bad_param"},
      {"/api/v1/campaigns/1/log/sth/history?from=9&to=3", 400, "bad_param"},
      {"/api/v1/campaigns/999/log/sth", 404, "not_found"},
  };
  for (const auto& k : cases) {
    auto r = c.Get(k.target);
    EXPECT_EQ(r.status, k.status) << k.target << " → " << r.body;
    EXPECT_EQ(Code(r), k.code) << k.target;
    EXPECT_FALSE(r.Json().at("message").as_string().empty());
  }
}

}  // namespace
}  // namespace ss::testing
