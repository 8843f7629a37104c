#include "core/voting/spent_challenges.h"

#include <functional>
#include <string>

namespace ss::voting {

SpentChallenges::SpentChallenges(int sets_log2)
    : mask_((std::uint64_t{1} << sets_log2) - 1), sets_(new Set[std::size_t{1} << sets_log2]()) {}

std::uint64_t SpentChallenges::Fingerprint(std::string_view challenge) {
  std::uint64_t v = 0;
  std::size_t digits = 0;
  for (char c : challenge.substr(0, 16)) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) break;
    v = (v << 4) | static_cast<std::uint64_t>(d);
    ++digits;
  }
  // Not hex (never from this server): any stable hash will do.
  if (digits < 16) v = std::hash<std::string_view>{}(challenge);
  return v == 0 ? 1 : v;  // 0 marks an empty way
}

bool SpentChallenges::Spend(std::string_view challenge) {
  std::uint64_t fp = Fingerprint(challenge);
  std::uint64_t index = fp & mask_;
  std::lock_guard lock(stripes_[index % kStripes]);  // a set is always under the same stripe
  Set& set = sets_[index];
  for (std::uint64_t e : set.entries)
    if (e == fp) return false;
  set.entries[set.next] = fp;
  set.next = (set.next + 1) % kWays;
  return true;
}

void SpentChallenges::Unspend(std::string_view challenge) {
  std::uint64_t fp = Fingerprint(challenge);
  std::uint64_t index = fp & mask_;
  std::lock_guard lock(stripes_[index % kStripes]);
  for (std::uint64_t& e : sets_[index].entries)
    if (e == fp) e = 0;
}

}  // namespace ss::voting
