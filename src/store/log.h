// The storage of the verifiable log (issue 8, docs/log.md): one append-only log per campaign
// whose n-th entry is the n-th leaf of the campaign's Merkle tree, and the signed tree heads
// published over it. Entries are appended inside the write whose change they record — a
// vote's leaf in the vote's own unit (VoteRepository::Cast) — so that the log and the votes
// commit together or not at all. Indexes are dense from 0 and follow commit order: on SQLite
// the one writer appends; on PostgreSQL each append will take the campaign's log-size row
// under its lock, which orders commits the same way.
//
// Hashes and signatures are raw bytes here (32 and 64); hex is the API's business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"

namespace ss::store {

struct LogLeaf {
  std::int64_t index = 0;
  std::string entry;      // the canonical bytes (core/integrity/log_entry.h)
  std::string leaf_hash;  // SHA-256(0x00 ‖ entry)
};

struct TreeHeadRecord {
  std::int64_t campaign_id = 0;
  std::int64_t tree_size = 0;
  Millis timestamp = 0;
  std::string root_hash;  // 32 bytes
  std::string signature;  // Ed25519 over RFC 6962's TreeHeadSignature, 64 bytes
};

class LogRepository {
 public:
  virtual ~LogRepository() = default;
  // Appends one entry (a review's quarantine, release or invalidation) on its own; its index.
  virtual Pending<Result<LogLeaf>> Append(std::int64_t campaign, const std::string& entry) = 0;
  // How many entries the campaign's log holds.
  virtual Result<std::int64_t> Size(std::int64_t campaign) = 0;
  // Entries [start, end) in order (end is clipped to the size).
  virtual Result<std::vector<LogLeaf>> Entries(std::int64_t campaign, std::int64_t start, std::int64_t end) = 0;
  // Only the leaf hashes of [start, end), appended to `out` (what the in-memory tree reads).
  virtual Status LeafHashes(std::int64_t campaign, std::int64_t start, std::int64_t end,
                            std::vector<std::string>& out) = 0;
  // (By leaf hash, an entry is found in memory: api::LogTrees, integrity::MerkleTree::Find.)

  // Keeps a head the sealer signed. kConflict when one of that size is kept already (the
  // sealer publishes a size once).
  virtual Pending<Status> PublishHead(const TreeHeadRecord& head) = 0;
  virtual Result<std::optional<TreeHeadRecord>> LatestHead(std::int64_t campaign) = 0;
  virtual Result<std::optional<TreeHeadRecord>> HeadOfSize(std::int64_t campaign, std::int64_t tree_size) = 0;
  // Published heads with from ≤ timestamp ≤ to (0: open), oldest first, at most `limit`.
  virtual Result<std::vector<TreeHeadRecord>> Heads(std::int64_t campaign, Millis from, Millis to, int limit) = 0;
};

}  // namespace ss::store
