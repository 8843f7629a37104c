// The Merkle tree against RFC 6962's reference vectors (the certificate-transparency test
// data), against a direct transcription of the RFC's definitions for every size up to 70, and
// against tampering; the log entries' encoding and the tally they determine; signed heads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/integrity/log_check.h"
#include "core/integrity/log_entry.h"
#include "core/integrity/merkle.h"
#include "core/integrity/tree_head.h"

namespace ss::integrity {
namespace {

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

const std::vector<std::string> kLeaves = {
    "", Unhex("00"), Unhex("10"), Unhex("2021"), Unhex("3031"), Unhex("40414243"),
    Unhex("5051525354555657"), Unhex("606162636465666768696a6b6c6d6e6f")};

const char* kRoots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

MerkleTree TreeOf(std::size_t n) {
  MerkleTree t;
  for (std::size_t i = 0; i < n; ++i) t.Append(LeafHash(i < kLeaves.size() ? kLeaves[i] : std::to_string(i)));
  return t;
}

std::vector<std::string> Hexes(const std::vector<Hash>& proof) {
  std::vector<std::string> out;
  for (const Hash& h : proof) out.push_back(ToHex(h));
  return out;
}

// RFC 6962 §2.1, written out as the RFC says it, over leaf hashes.
Hash NaiveRoot(const std::vector<Hash>& d) {
  if (d.empty()) return EmptyRoot();
  if (d.size() == 1) return d[0];
  std::size_t k = 1;
  while (k * 2 < d.size()) k *= 2;
  return NodeHash(NaiveRoot({d.begin(), d.begin() + k}), NaiveRoot({d.begin() + k, d.end()}));
}
std::vector<Hash> NaivePath(std::size_t m, const std::vector<Hash>& d) {
  if (d.size() <= 1) return {};
  std::size_t k = 1;
  while (k * 2 < d.size()) k *= 2;
  std::vector<Hash> out;
  if (m < k) {
    out = NaivePath(m, {d.begin(), d.begin() + k});
    out.push_back(NaiveRoot({d.begin() + k, d.end()}));
  } else {
    out = NaivePath(m - k, {d.begin() + k, d.end()});
    out.push_back(NaiveRoot({d.begin(), d.begin() + k}));
  }
  return out;
}
std::vector<Hash> NaiveSubProof(std::size_t m, const std::vector<Hash>& d, bool b) {
  if (m == d.size()) return b ? std::vector<Hash>{} : std::vector<Hash>{NaiveRoot(d)};
  std::size_t k = 1;
  while (k * 2 < d.size()) k *= 2;
  std::vector<Hash> out;
  if (m <= k) {
    out = NaiveSubProof(m, {d.begin(), d.begin() + k}, b);
    out.push_back(NaiveRoot({d.begin() + k, d.end()}));
  } else {
    out = NaiveSubProof(m - k, {d.begin() + k, d.end()}, false);
    out.push_back(NaiveRoot({d.begin(), d.begin() + k}));
  }
  return out;
}

TEST(Merkle, RootsMatchTheReferenceVectors) {
  MerkleTree t = TreeOf(8);
  for (std::size_t n = 0; n <= 8; ++n) EXPECT_EQ(ToHex(t.Root(n)), kRoots[n]) << "size " << n;
  EXPECT_EQ(ToHex(TreeOf(0).Root()), kRoots[0]);
}

TEST(Merkle, ProofsMatchTheReferenceVectors) {
  MerkleTree t = TreeOf(8);
  EXPECT_EQ(Hexes(t.InclusionProof(0, 8)),
            (std::vector<std::string>{"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                                      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}));
  EXPECT_TRUE(t.InclusionProof(0, 1).empty());
  EXPECT_EQ(Hexes(t.ConsistencyProof(1, 8)), Hexes(t.InclusionProof(0, 8)));
  EXPECT_EQ(Hexes(t.ConsistencyProof(6, 8)),
            (std::vector<std::string>{"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                                      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                                      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
  EXPECT_EQ(Hexes(t.ConsistencyProof(2, 5)),
            (std::vector<std::string>{"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                                      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}));
  EXPECT_TRUE(t.ConsistencyProof(1, 1).empty());
}

TEST(Merkle, EverySizeAgreesWithTheDefinitionAndVerifies) {
  constexpr std::size_t kMax = 70;
  MerkleTree t = TreeOf(kMax);
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < kMax; ++i) leaves.push_back(LeafHash(i < kLeaves.size() ? kLeaves[i] : std::to_string(i)));
  for (std::size_t n = 1; n <= kMax; ++n) {
    std::vector<Hash> d(leaves.begin(), leaves.begin() + n);
    const Hash root = t.Root(n);
    ASSERT_EQ(root, NaiveRoot(d)) << "size " << n;
    for (std::size_t i = 0; i < n; ++i) {
      auto proof = t.InclusionProof(i, n);
      ASSERT_EQ(proof, NaivePath(i, d)) << i << " in " << n;
      ASSERT_TRUE(VerifyInclusion(leaves[i], i, n, proof, root)) << i << " in " << n;
    }
    for (std::size_t m = 1; m <= n; ++m) {
      auto proof = t.ConsistencyProof(m, n);
      ASSERT_EQ(proof, m == n ? std::vector<Hash>{} : NaiveSubProof(m, d, true)) << m << " → " << n;
      ASSERT_TRUE(VerifyConsistency(m, n, t.Root(m), root, proof)) << m << " → " << n;
    }
  }
}

TEST(Merkle, TamperedProofsFail) {
  MerkleTree t = TreeOf(13);
  const Hash root = t.Root();
  auto proof = t.InclusionProof(5, 13);
  Hash leaf = LeafHash(kLeaves[5]);
  EXPECT_TRUE(VerifyInclusion(leaf, 5, 13, proof, root));
  EXPECT_FALSE(VerifyInclusion(leaf, 4, 13, proof, root));    // another place
  EXPECT_FALSE(VerifyInclusion(leaf, 5, 8, proof, root));     // a size whose path is shorter
  EXPECT_FALSE(VerifyInclusion(leaf, 13, 13, proof, root));   // beyond the tree
  EXPECT_FALSE(VerifyInclusion(LeafHash("x"), 5, 13, proof, root));
  for (std::size_t i = 0; i < proof.size(); ++i) {
    auto bad = proof;
    bad[i][7] ^= 1;
    EXPECT_FALSE(VerifyInclusion(leaf, 5, 13, bad, root)) << "element " << i;
  }
  auto shorter = proof;
  shorter.pop_back();
  EXPECT_FALSE(VerifyInclusion(leaf, 5, 13, shorter, root));
  auto longer = proof;
  longer.push_back(root);
  EXPECT_FALSE(VerifyInclusion(leaf, 5, 13, longer, root));

  auto cons = t.ConsistencyProof(6, 13);
  EXPECT_TRUE(VerifyConsistency(6, 13, t.Root(6), root, cons));
  EXPECT_FALSE(VerifyConsistency(6, 13, t.Root(5), root, cons));
  EXPECT_FALSE(VerifyConsistency(6, 13, t.Root(6), t.Root(12), cons));
  EXPECT_FALSE(VerifyConsistency(7, 13, t.Root(7), root, cons));
  EXPECT_FALSE(VerifyConsistency(6, 13, t.Root(6), root, {}));
  auto bad = cons;
  bad[0][0] ^= 0x80;
  EXPECT_FALSE(VerifyConsistency(6, 13, t.Root(6), root, bad));
  EXPECT_FALSE(VerifyConsistency(13, 6, root, t.Root(6), cons));
  EXPECT_TRUE(VerifyConsistency(13, 13, root, root, {}));
  EXPECT_FALSE(VerifyConsistency(13, 13, root, t.Root(12), {}));
}

TEST(Merkle, FindsALeafByItsHashThroughEveryGrowth) {
  MerkleTree t;
  EXPECT_FALSE(t.Find(LeafHash("x"))) << "an empty tree";
  const int n = 5000;  // past several growths of the table (1024, 2048, … slots)
  for (int i = 0; i < n; ++i) t.Append(LeafHash("entry " + std::to_string(i)));
  for (int i = 0; i < n; i += 7) {
    auto found = t.Find(LeafHash("entry " + std::to_string(i)));
    ASSERT_TRUE(found) << i;
    EXPECT_EQ(*found, static_cast<std::uint64_t>(i));
  }
  EXPECT_FALSE(t.Find(LeafHash("entry 5000")));
  EXPECT_FALSE(t.Find(LeafHash("")));
  // The same entry twice: the first index, also after the table has grown past both.
  MerkleTree d;
  d.Append(LeafHash("a"));
  d.Append(LeafHash("twice"));
  d.Append(LeafHash("twice"));
  for (int i = 0; i < 3000; ++i) d.Append(LeafHash("filler " + std::to_string(i)));
  EXPECT_EQ(d.Find(LeafHash("twice")), std::optional<std::uint64_t>(1));
}

TEST(Merkle, HexRoundTripsAndRefusesNonsense) {
  Hash h = LeafHash("abc");
  EXPECT_EQ(FromHex(ToHex(h)), h);
  EXPECT_EQ(FromBytes(ToBytes(h)), h);
  EXPECT_FALSE(FromHex("zz"));
  EXPECT_FALSE(FromHex(std::string(64, 'g')));
  EXPECT_FALSE(FromBytes("short"));
}

const std::string kVoter(32, '\x7a');

TEST(LogEntry, VoteBytesAreAsDocumented) {
  std::string e = EncodeVote(0x0102030405060708, 1, 97, kVoter, 1700000000123);
  ASSERT_EQ(e.size(), 66u);
  EXPECT_EQ(e.substr(0, 2), Unhex("0101"));
  EXPECT_EQ(e.substr(2, 8), Unhex("0102030405060708"));
  EXPECT_EQ(e.substr(10, 8), Unhex("0000000000000001"));
  EXPECT_EQ(e.substr(18, 8), Unhex("0000000000000061"));
  EXPECT_EQ(e.substr(26, 32), kVoter);
  EXPECT_EQ(e.substr(58, 8), Unhex("0000018bcfe5687b"));
  auto d = Decode(e);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->type, EntryType::kVote);
  EXPECT_EQ(d->vote_id, 0x0102030405060708);
  EXPECT_EQ(d->candidate, 97);
  EXPECT_EQ(d->voter, kVoter);
  EXPECT_EQ(d->at, 1700000000123);
  EXPECT_EQ(Encode(*d), e);
}

TEST(LogEntry, DecisionsRoundTripAndNonsenseIsRefused) {
  for (EntryType t : {EntryType::kQuarantine, EntryType::kRelease, EntryType::kInvalidate}) {
    std::string e = EncodeDecision(t, 42, 3, 1700000000000);
    ASSERT_EQ(e.size(), 26u);
    auto d = Decode(e);
    ASSERT_TRUE(d) << EntryTypeName(t);
    EXPECT_EQ(d->type, t);
    EXPECT_EQ(d->vote_id, 42);
    EXPECT_EQ(d->campaign, 3);
    EXPECT_EQ(Encode(*d), e);
  }
  std::string vote = EncodeVote(1, 1, 2, kVoter, 5);
  EXPECT_FALSE(Decode(""));
  EXPECT_FALSE(Decode(vote.substr(0, 65)));
  EXPECT_FALSE(Decode(vote + "x"));
  std::string v2 = vote;
  v2[0] = 2;  // an unknown version
  EXPECT_FALSE(Decode(v2));
  std::string t9 = vote;
  t9[1] = 9;  // an unknown type
  EXPECT_FALSE(Decode(t9));
  EXPECT_FALSE(Decode(EncodeDecision(EntryType::kRelease, 1, 1, 1).substr(0, 25)));
}

TEST(LogTally, FoldsVotesAndDecisions) {
  LogTally t(1);
  std::int64_t i = 0;
  ASSERT_TRUE(t.Apply(i++, EncodeVote(10, 1, 97, kVoter, 1)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeVote(11, 1, 97, kVoter, 2)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeVote(12, 1, 98, kVoter, 3)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeDecision(EntryType::kQuarantine, 11, 1, 4)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeVote(13, 1, 98, kVoter, 5)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeDecision(EntryType::kQuarantine, 13, 1, 6)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeDecision(EntryType::kRelease, 13, 1, 7)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeDecision(EntryType::kInvalidate, 11, 1, 8)).ok());
  ASSERT_TRUE(t.Apply(i++, EncodeDecision(EntryType::kInvalidate, 12, 1, 9)).ok());
  EXPECT_EQ(t.by_candidate().at(97).valid, 1);
  EXPECT_EQ(t.by_candidate().at(97).invalid, 1);
  EXPECT_EQ(t.by_candidate().at(98).valid, 1);
  EXPECT_EQ(t.by_candidate().at(98).invalid, 1);
  EXPECT_EQ(t.total().valid, 2);
  EXPECT_EQ(t.total().review, 0);
  EXPECT_EQ(t.entries(), 9);
}

TEST(LogTally, RefusesEntriesThatDoNotFollowNamingTheIndex) {
  LogTally t(1);
  ASSERT_TRUE(t.Apply(0, EncodeVote(10, 1, 97, kVoter, 1)).ok());
  auto expect_refused = [&t](std::int64_t index, const std::string& e, const char* words) {
    Status s = t.Apply(index, e);
    EXPECT_EQ(s.code(), code::kInvalid) << words;
    EXPECT_NE(s.message().find("第 " + std::to_string(index) + " 条"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(words), std::string::npos) << s.message();
  };
  expect_refused(1, EncodeVote(10, 1, 98, kVoter, 2), "重复");
  expect_refused(2, EncodeVote(11, 2, 97, kVoter, 2), "不属于活动 1");
  expect_refused(3, EncodeDecision(EntryType::kRelease, 10, 1, 3), "不在审核中");
  expect_refused(4, EncodeDecision(EntryType::kQuarantine, 99, 1, 3), "未出现");
  expect_refused(5, "junk", "格式不正确");
  ASSERT_TRUE(t.Apply(6, EncodeDecision(EntryType::kInvalidate, 10, 1, 4)).ok());
  expect_refused(7, EncodeDecision(EntryType::kInvalidate, 10, 1, 5), "已作废");
  expect_refused(8, EncodeDecision(EntryType::kQuarantine, 10, 1, 5), "不是有效票");
  EXPECT_EQ(t.total().valid, 0);
  EXPECT_EQ(t.total().invalid, 1);
}

TEST(TreeHead, SignedBytesAreRfc6962sTreeHeadSignature) {
  Hash root = *FromHex(kRoots[8]);
  std::string b = TreeHeadSignatureBytes(8, 0x0102030405060708, root);
  ASSERT_EQ(b.size(), 50u);
  EXPECT_EQ(b.substr(0, 2), Unhex("0001"));
  EXPECT_EQ(b.substr(2, 8), Unhex("0102030405060708"));
  EXPECT_EQ(b.substr(10, 8), Unhex("0000000000000008"));
  EXPECT_EQ(b.substr(18), ToBytes(root));
}

TEST(TreeHead, SignsAndVerifiesAndRefusesAnyChange) {
  auto key = SigningKey::FromSeed(std::string(32, '\x01'));
  ASSERT_TRUE(key);
  EXPECT_EQ(key->public_key().size(), 32u);
  EXPECT_FALSE(SigningKey::FromSeed("short"));
  TreeHead h{8, 1700000000000, *FromHex(kRoots[8]), {}};
  key->Sign(h);
  ASSERT_EQ(h.signature.size(), 64u);
  EXPECT_TRUE(VerifyTreeHead(h, key->public_key()));
  TreeHead other = h;
  other.tree_size = 9;
  EXPECT_FALSE(VerifyTreeHead(other, key->public_key()));
  other = h;
  other.timestamp += 1;
  EXPECT_FALSE(VerifyTreeHead(other, key->public_key()));
  other = h;
  other.root[31] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other, key->public_key()));
  other = h;
  other.signature[0] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other, key->public_key()));
  auto stranger = SigningKey::FromSeed(std::string(32, '\x02'));
  EXPECT_FALSE(VerifyTreeHead(h, stranger->public_key()));
  EXPECT_FALSE(VerifyTreeHead(h, "short"));
}

}  // namespace
}  // namespace ss::integrity

namespace ss::integrity {
namespace {

struct CheckedLog {
  SigningKey key = *SigningKey::FromSeed(std::string(32, '\x05'));
  std::vector<std::string> entries;
  std::vector<TreeHead> heads;
  CheckedLog() {
    MerkleTree t;
    for (int i = 0; i < 30; ++i) {
      entries.push_back(EncodeVote(i + 1, 1, 90 + i % 3, std::string(32, 'v'), 1000 + i));
      t.Append(LeafHash(entries.back()));
      if (i % 10 == 9) {
        TreeHead h{t.size(), 5000 + i, t.Root(), {}};
        key.Sign(h);
        heads.push_back(h);
      }
    }
  }
  LogCheck Fed() const {
    LogCheck c(1, key.public_key());
    for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_TRUE(c.AddEntry(static_cast<std::int64_t>(i), entries[i]).ok());
    return c;
  }
};

TEST(LogCheck, PassesAndNamesReorderedMissingAndUncoveredHeads) {
  CheckedLog log;
  LogCheck c = log.Fed();
  EXPECT_TRUE(c.CheckHeads(log.heads).ok());
  EXPECT_TRUE(c.CheckWitnessed(log.heads, {log.heads[0], log.heads[2]}).ok());
  EXPECT_TRUE(c.CheckTally({{90, 10}, {91, 10}, {92, 10}}).ok());

  auto swapped = log.heads;
  std::swap(swapped[0], swapped[1]);
  Status s = c.CheckHeads(swapped);
  EXPECT_NE(s.message().find("第 2 个树头"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("顺序不对"), std::string::npos) << s.message();

  auto dropped = log.heads;
  dropped.erase(dropped.begin() + 1);
  EXPECT_TRUE(c.CheckHeads(dropped).ok()) << "a drop alone leaves a consistent history";
  s = c.CheckWitnessed(dropped, log.heads);
  EXPECT_NE(s.message().find("大小 20"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("已不在"), std::string::npos) << s.message();

  auto last_missing = log.heads;
  last_missing.pop_back();
  s = c.CheckHeads(last_missing);
  EXPECT_NE(s.message().find("最新树头只覆盖 20 条"), std::string::npos) << s.message();

  s = c.CheckTally({{90, 10}, {91, 11}, {92, 10}});
  EXPECT_NE(s.message().find("参评人 91"), std::string::npos) << s.message();
  s = c.CheckTally({{90, 10}, {91, 10}});
  EXPECT_NE(s.message().find("参评人 92"), std::string::npos) << s.message();
}

TEST(LogCheck, AnEntryOutOfPlaceOrAlteredIsNamed) {
  CheckedLog log;
  LogCheck c(1, log.key.public_key());
  ASSERT_TRUE(c.AddEntry(0, log.entries[0]).ok());
  Status s = c.AddEntry(2, log.entries[2]);
  EXPECT_NE(s.message().find("应为第 1 条"), std::string::npos) << s.message();
  s = c.AddEntry(1, log.entries[1], ToBytes(LeafHash("other")));
  EXPECT_NE(s.message().find("日志第 1 条"), std::string::npos) << s.message();

  // An entry altered consistently everywhere: the first head over it names the range.
  CheckedLog altered;
  altered.entries[15] = EncodeVote(16, 1, 99, std::string(32, 'v'), 1015);
  LogCheck d = altered.Fed();
  s = d.CheckHeads(altered.heads);
  EXPECT_NE(s.message().find("第 2 个树头"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 10–19 条之间"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace ss::integrity
