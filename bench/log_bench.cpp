// The public log's figures, in process: building the Merkle tree of 10 million entries, its
// memory, inclusion and consistency proofs at that size (produced and checked), and the
// check `shuangshai verify` runs over 1 million entries (decode, tally, tree, heads).
// Prints figures; never fails on a time. Usage: log_bench [entries=10000000] [verify_entries=1000000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/integrity/log_check.h"
#include "core/integrity/log_entry.h"
#include "core/integrity/merkle.h"
#include "core/integrity/tree_head.h"

namespace {
using Clock = std::chrono::steady_clock;
using namespace ss::integrity;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

long RssKiB() {
  std::ifstream in("/proc/self/status");
  std::string key;
  long value = 0;
  while (in >> key) {
    if (key == "VmRSS:") {
      in >> value;
      return value;
    }
    in.ignore(1 << 10, '\n');
  }
  return 0;
}

struct Spread {
  double mean_us, p50_us, p99_us, max_us;
};
Spread SpreadOf(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double u : us) sum += u;
  return {sum / static_cast<double>(us.size()), us[us.size() / 2], us[us.size() * 99 / 100], us.back()};
}

std::string Vote(std::int64_t i) {
  return EncodeVote(i + 1, 1, 1 + i % 103, std::string(32, static_cast<char>(i & 0xff)), 1'700'000'000'000 + i * 37);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10'000'000;
  const std::int64_t verify_n = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
  std::mt19937_64 rng(7);

  const long rss0 = RssKiB();
  auto t0 = Clock::now();
  MerkleTree tree;
  for (std::uint64_t i = 0; i < n; ++i) tree.Append(LeafHash(Vote(static_cast<std::int64_t>(i))));
  const double build = Since(t0);
  std::printf("tree of %llu entries: built in %.2f s (%.0f entries/s), %.0f MiB resident for the tree and its leaf-hash table (%.1f bytes/entry)\n",
              static_cast<unsigned long long>(n), build, static_cast<double>(n) / build,
              static_cast<double>(RssKiB() - rss0) / 1024.0, static_cast<double>(RssKiB() - rss0) * 1024.0 / static_cast<double>(n));

  constexpr int kProofs = 20'000;
  std::vector<double> make_us, check_us;
  std::size_t path_len = 0;
  // Published sizes: the latest (n) and earlier heads anywhere in the log.
  for (int i = 0; i < kProofs; ++i) {
    const std::uint64_t size = i % 2 == 0 ? n : 1 + rng() % n;
    const std::uint64_t index = rng() % size;
    const Hash leaf = LeafHash(Vote(static_cast<std::int64_t>(index)));
    // As the server answers one: the leaf found by its hash, then the root and the path.
    auto t = Clock::now();
    const auto found = tree.Find(leaf);
    const Hash root = tree.Root(size);
    auto proof = tree.InclusionProof(index, size);
    make_us.push_back(Since(t) * 1e6);
    if (found != index) {
      std::printf("leaf %llu not found by its hash\n", static_cast<unsigned long long>(index));
      return 1;
    }
    path_len += proof.size();
    t = Clock::now();
    bool ok = VerifyInclusion(leaf, index, size, proof, root);
    check_us.push_back(Since(t) * 1e6);
    if (!ok) {
      std::printf("inclusion proof failed at %llu of %llu\n", static_cast<unsigned long long>(index),
                  static_cast<unsigned long long>(size));
      return 1;
    }
  }
  Spread m = SpreadOf(make_us), c = SpreadOf(check_us);
  std::printf("inclusion proof (the leaf found by hash, root + path, %.1f hashes long on average) of %d: mean %.1f µs, p50 %.1f, p99 %.1f, max %.1f; "
              "checking it: mean %.1f µs, p99 %.1f\n",
              static_cast<double>(path_len) / kProofs, kProofs, m.mean_us, m.p50_us, m.p99_us, m.max_us, c.mean_us, c.p99_us);

  make_us.clear();
  check_us.clear();
  for (int i = 0; i < kProofs; ++i) {
    std::uint64_t a = 1 + rng() % n, b = 1 + rng() % n;
    if (a > b) std::swap(a, b);
    if (i % 2 == 0) b = n;
    auto t = Clock::now();
    const Hash ra = tree.Root(a), rb = tree.Root(b);
    auto proof = tree.ConsistencyProof(a, b);
    make_us.push_back(Since(t) * 1e6);
    t = Clock::now();
    bool ok = VerifyConsistency(a, b, ra, rb, proof);
    check_us.push_back(Since(t) * 1e6);
    if (!ok) {
      std::printf("consistency proof failed %llu → %llu\n", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
      return 1;
    }
  }
  m = SpreadOf(make_us);
  c = SpreadOf(check_us);
  std::printf("consistency proof (two roots + proof) of %d: mean %.1f µs, p50 %.1f, p99 %.1f, max %.1f; checking it: mean %.1f µs, p99 %.1f\n",
              kProofs, m.mean_us, m.p50_us, m.p99_us, m.max_us, c.mean_us, c.p99_us);

  // What verify does per entry and per head, without the reading (a head every 500 entries:
  // a sealer every 2 s at 250 votes/s).
  std::vector<std::string> entries;
  entries.reserve(static_cast<std::size_t>(verify_n));
  for (std::int64_t i = 0; i < verify_n; ++i) entries.push_back(Vote(i));
  auto key = *SigningKey::FromSeed(std::string(32, '\x09'));
  std::vector<TreeHead> heads;
  {
    MerkleTree t;
    for (std::int64_t i = 0; i < verify_n; ++i) {
      t.Append(LeafHash(entries[static_cast<std::size_t>(i)]));
      if ((i + 1) % 500 == 0 || i + 1 == verify_n) {
        TreeHead h{t.size(), 1'700'000'000'000 + i, t.Root(), {}};
        key.Sign(h);
        heads.push_back(h);
      }
    }
  }
  t0 = Clock::now();
  LogCheck check(1, key.public_key());
  for (std::int64_t i = 0; i < verify_n; ++i)
    if (!check.AddEntry(i, entries[static_cast<std::size_t>(i)]).ok()) return 1;
  const double entries_s = Since(t0);
  auto t1 = Clock::now();
  if (ss::Status s = check.CheckHeads(heads); !s.ok()) {
    std::printf("%s\n", s.message().c_str());
    return 1;
  }
  const double heads_s = Since(t1);
  std::printf("verify's check of %lld entries: %.2f s for the entries (%.0f/s), %.2f s for %zu heads (%.0f µs each); %.2f s in all\n",
              static_cast<long long>(verify_n), entries_s, static_cast<double>(verify_n) / entries_s, heads_s, heads.size(),
              heads_s * 1e6 / static_cast<double>(heads.size()), Since(t0));
  return 0;
}
