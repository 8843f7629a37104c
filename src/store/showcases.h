// Showcases in the store (core/showcase/showcase.h): each candidate's working copy and its
// submitted versions. The state moves inside the write — a save is refused while a
// submission waits, a decision only takes the version that waits — so two editors, or an
// editor and a reviewer, never pass each other. Every change appends its audit entry in the
// same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/showcase/showcase.h"
#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"

namespace ss::store {

struct ShowcaseRecord {
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  showcase::State state = showcase::State::kDraft;
  showcase::Content draft;        // the working copy
  int versions = 0;               // submitted so far
  int approved_version = 0;       // the public one, 0 for none
  std::string comment;            // the last decision's comment (a return's reasons)
  Millis updated_at = 0;          // of the working copy: a save names it to detect a lost update
  std::string updated_by;
  Millis decided_at = 0;
  std::string decided_by;
};

struct ShowcaseVersion {
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  int number = 0;                 // 1, 2, …
  showcase::Content content;
  Millis submitted_at = 0;
  std::string submitted_by;
  std::string decision;           // "", "approved", "returned"
  Millis decided_at = 0;
  std::string decided_by;
  std::string comment;
};

class ShowcaseRepository {
 public:
  virtual ~ShowcaseRepository() = default;
  // nullopt: nothing saved yet (an empty draft).
  virtual Result<std::optional<ShowcaseRecord>> Get(std::int64_t campaign, std::int64_t candidate) = 0;
  // The working copy replaced; state draft (an approved or returned one becomes a draft
  // again). kConflict when `expected_updated_at` is not the stored one (0: nothing stored
  // yet); showcase_not_editable while a submission waits.
  virtual Pending<Result<ShowcaseRecord>> SaveDraft(std::int64_t campaign, std::int64_t candidate,
                                                    const showcase::Content& content, Millis expected_updated_at,
                                                    const std::string& by, Millis now, const AuditEntry& audit) = 0;
  // The working copy becomes version N+1, waiting for review. Same conflicts as SaveDraft.
  virtual Pending<Result<ShowcaseRecord>> Submit(std::int64_t campaign, std::int64_t candidate, Millis expected_updated_at,
                                                 const std::string& by, Millis now, const AuditEntry& audit) = 0;
  // Decides version `version` (the one waiting): approved (public from now) or returned with
  // `comment`. showcase_not_submitted when none waits; kConflict when another version waits.
  virtual Pending<Result<ShowcaseRecord>> Decide(std::int64_t campaign, std::int64_t candidate, int version, bool approve,
                                                 const std::string& comment, const std::string& by, Millis now,
                                                 const AuditEntry& audit) = 0;
  // Every version, newest first.
  virtual Result<std::vector<ShowcaseVersion>> Versions(std::int64_t campaign, std::int64_t candidate) = 0;
  // The public version, nullopt when none was approved.
  virtual Result<std::optional<ShowcaseVersion>> Approved(std::int64_t campaign, std::int64_t candidate) = 0;
  // Every showcase of the campaign (the review queue filters it), by candidate.
  virtual Result<std::vector<ShowcaseRecord>> List(std::int64_t campaign) = 0;
};

}  // namespace ss::store
