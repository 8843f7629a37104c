// Quarantined votes and their review (issue 8 items 2–3). A vote the detector scores above
// the campaign's threshold is stored, logged and flagged in the vote's own unit
// (CastVote::quarantine) and counted apart: never in the valid counts until an organizer
// releases it, never dropped. A decision (release or invalidate, with a reason) appends its
// log entry, moves the counts and writes the audit entry in one unit, for any number of
// flags at once; all or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"

namespace ss::store {

enum class FlagState { kReview, kReleased, kInvalidated };
const char* FlagStateKey(FlagState s);  // "review", "released", "invalidated"
std::optional<FlagState> ParseFlagState(std::string_view key);

struct Flag {
  std::int64_t vote_id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  Millis cast_at = 0;
  std::int64_t day = 0;
  int hour = 0;
  double score = 0;
  std::string evidence;  // JSON: the signals, their values and thresholds (core/detector)
  std::string ip;
  FlagState state = FlagState::kReview;
  Millis decided_at = 0;
  std::string decided_by;
  std::string reason;
};

// Per candidate: how many flags stand in each state.
struct FlagCounts {
  std::int64_t candidate_id = 0;
  std::int64_t review = 0;
  std::int64_t released = 0;
  std::int64_t invalidated = 0;
};

struct Decision {
  std::int64_t campaign_id = 0;
  std::vector<std::int64_t> vote_ids;
  bool release = false;  // false: invalidate
  std::string reason;
  std::string by;        // username
  Millis at = 0;
  // When not empty, only votes for these candidates may be decided (a district admin's own
  // district): another is refused with kForbidden inside the unit.
  std::vector<std::int64_t> only_candidates;
};

// What a decision moved, for the live tally (after the commit).
struct Decided {
  struct Moved {
    std::int64_t candidate_id = 0;
    std::int64_t day = 0;
    int hour = 0;
  };
  std::vector<Moved> votes;  // one per decided vote
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;
  virtual Result<std::vector<FlagCounts>> Counts(std::int64_t campaign) = 0;
  // Flags of one candidate (0: all), in one state (nullopt: any), oldest first, a page.
  virtual Result<std::vector<Flag>> Flags(std::int64_t campaign, std::int64_t candidate, std::optional<FlagState> state,
                                          int limit, int offset) = 0;
  // kConflict naming the first vote that is not under review in that campaign.
  virtual Pending<Result<Decided>> Decide(const Decision& decision, const AuditEntry& audit) = 0;
};

}  // namespace ss::store
