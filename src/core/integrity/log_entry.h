// The entries of a campaign's public log and what they mean for the count (docs/log.md gives
// every byte). Four kinds: a vote as it was accepted, and the review's three decisions about
// a vote — quarantined (counted apart), released (counted as valid again), invalidated (never
// counted). A vote is logged whatever the detector says; its quarantine follows as an entry
// of its own, in the same commit. So the log alone determines the valid tally: LogTally folds
// the entries in order and refuses any that do not follow from the ones before.
//
// All integers are big-endian, as in RFC 6962's TLS encoding; the voter is the 32-byte
// pseudonym voting::LogVoter keys per campaign, never a phone number.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace ss::integrity {

inline constexpr unsigned char kEntryVersion = 1;

enum class EntryType : unsigned char {
  kVote = 1,
  kQuarantine = 2,
  kRelease = 3,
  kInvalidate = 4,
};

struct LogEntry {
  EntryType type = EntryType::kVote;
  std::int64_t vote_id = 0;
  std::int64_t campaign = 0;
  std::int64_t candidate = 0;  // votes only
  std::string voter;           // votes only: 32 bytes
  std::int64_t at = 0;         // ms since the epoch: when the vote was cast or the decision made
};

std::string EncodeVote(std::int64_t vote_id, std::int64_t campaign, std::int64_t candidate,
                       std::string_view voter, std::int64_t cast_at);
std::string EncodeDecision(EntryType type, std::int64_t vote_id, std::int64_t campaign, std::int64_t at);
std::string Encode(const LogEntry& e);
// nullopt unless `bytes` is exactly one well-formed entry of a known version and type.
std::optional<LogEntry> Decode(std::string_view bytes);
const char* EntryTypeName(EntryType t);  // "vote", "quarantine", "release", "invalidate"

// The count that a campaign's log determines, folded entry by entry.
class LogTally {
 public:
  struct Counts {
    std::int64_t valid = 0;
    std::int64_t review = 0;   // quarantined, not yet decided
    std::int64_t invalid = 0;
  };

  explicit LogTally(std::int64_t campaign) : campaign_(campaign) {}

  // Folds the entry at `index`; kInvalid naming the index and the reason when the entry is
  // malformed, of another campaign, repeats a vote, or decides about a vote it cannot (an
  // unknown one, a release of a vote not under review, a second invalidation).
  Status Apply(std::int64_t index, std::string_view bytes);

  const std::map<std::int64_t, Counts>& by_candidate() const { return by_candidate_; }
  Counts total() const;
  std::int64_t entries() const { return entries_; }

 private:
  enum class State : unsigned char { kValid, kReview, kInvalid };
  struct Vote {
    std::int64_t candidate;
    State state;
  };
  std::int64_t campaign_;
  std::int64_t entries_ = 0;
  std::unordered_map<std::int64_t, Vote> votes_;
  std::map<std::int64_t, Counts> by_candidate_;
};

}  // namespace ss::integrity
