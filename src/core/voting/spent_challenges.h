// The challenges accepted lately, so that a replay is refused before it reaches the writer.
// The store's unique constraint on (voter, challenge) is what guarantees a challenge counts
// once; this is the cheap front guard, and its memory is fixed whatever the vote rate: a
// set-associative table of 64-bit fingerprints (the challenge's first 16 hex digits — it is
// a SHA-256 output, so they are uniform) where a new entry pushes out the oldest of its set.
// A replay of a challenge pushed out is refused by the constraint instead. Expiry needs no
// bookkeeping: an expired challenge is refused before it gets here.
//
// Thread-safe; 8 MiB at the default size, touched as it fills.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

namespace ss::voting {

class SpentChallenges {
 public:
  explicit SpentChallenges(int sets_log2 = 18);  // 2^18 sets × 4 ways = about a million entries
  // False when `challenge` was spent already (and is still remembered).
  bool Spend(std::string_view challenge);
  // Its vote was refused: it may be tried again.
  void Unspend(std::string_view challenge);
  static std::uint64_t Fingerprint(std::string_view challenge);

 private:
  static constexpr int kWays = 4;
  struct Set {
    std::uint64_t entries[kWays] = {};  // 0: empty
    std::uint32_t next = 0;             // the way to replace next (round robin: the oldest)
  };
  std::uint64_t mask_;
  std::unique_ptr<Set[]> sets_;
  static constexpr int kStripes = 64;
  std::mutex stripes_[kStripes];
};

}  // namespace ss::voting
