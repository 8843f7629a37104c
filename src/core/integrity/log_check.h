// What `shuangshai verify` checks, with no I/O: fed a campaign's published heads and its
// entries in order, LogCheck recomputes the tree and the tally and names the first thing that
// does not fit — an entry that does not follow, a head whose signature fails, whose root
// differs from the entries' (naming the entries between it and the last good head), a history
// out of order, a head a witness saw before that is now missing or different, a candidate
// whose published count differs from the log's.
//
// Heads are checked against the tree the entries build, which implies their consistency:
// a later head whose root recomputes from the same entries extends every earlier one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/integrity/log_entry.h"
#include "core/integrity/merkle.h"
#include "core/integrity/tree_head.h"
#include "core/status.h"

namespace ss::integrity {

class LogCheck {
 public:
  LogCheck(std::int64_t campaign, std::string public_key) : tally_(campaign), public_key_(std::move(public_key)) {}

  // The entry at `index` (the next one: 0, 1, 2…), as published.
  Status AddEntry(std::int64_t index, std::string_view bytes);
  // The same when the source also keeps each entry's leaf hash (the database does): a stored
  // hash that is not SHA-256(0x00 ‖ entry) names the entry at once.
  Status AddEntry(std::int64_t index, std::string_view bytes, std::string_view stored_leaf_hash);

  // Every published head, in the order published (after all entries). The last head must
  // cover every entry: entries no head covers would be votes nobody can prove yet.
  Status CheckHeads(const std::vector<TreeHead>& heads);
  // Heads a witness kept from an earlier run: each must still be published, byte for byte.
  Status CheckWitnessed(const std::vector<TreeHead>& published, const std::vector<TreeHead>& witnessed) const;
  // The per-candidate valid counts the server publishes against the log's.
  Status CheckTally(const std::map<std::int64_t, std::int64_t>& published_valid) const;

  const MerkleTree& tree() const { return tree_; }
  const LogTally& tally() const { return tally_; }

 private:
  MerkleTree tree_;
  LogTally tally_;
  std::string public_key_;
};

}  // namespace ss::integrity
