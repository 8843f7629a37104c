// The phases of a campaign (SPEC §3) as a state machine with dates:
//
//   draft → showcase → review → voting → judging → tally → publicity → final → archived
//
// A campaign stores the phase it is in; the organizer advances it one step at a time, or it
// advances on time when the next phase's start has passed (auto-advance). It never goes back:
// a change after a phase has closed is an audited correction, not a phase change.
// Every action names the phases it is allowed in, and CheckAction is the one guard for all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace ss {

enum class PhaseKey { kDraft, kShowcase, kReview, kVoting, kJudging, kTally, kPublicity, kFinal, kArchived };
inline constexpr int kPhaseCount = 9;

std::string_view PhaseKeyName(PhaseKey key);        // "voting"
std::string_view PhaseDefaultTitle(PhaseKey key);   // "展播与投票"
std::optional<PhaseKey> PhaseFromKey(std::string_view key);

struct Phase {
  PhaseKey key = PhaseKey::kDraft;
  std::string name;                 // the campaign's own title, e.g. "展播与线上投票"
  Millis start = 0;                 // first instant of the phase
  Millis end = 0;                   // last instant of the phase (inclusive)
  Millis original_start = 0;        // the schedule as first published (kept when dates move)
  Millis original_end = 0;
};

class PhaseSchedule {
 public:
  PhaseSchedule() = default;
  explicit PhaseSchedule(std::vector<Phase> phases) : phases_(std::move(phases)) {}

  // Every phase from draft to final once, in order, each start ≤ end, no overlap.
  // `archived` has no dates and must not be listed. Field paths are "phases[i].…".
  Status Validate() const;

  const std::vector<Phase>& phases() const { return phases_; }
  std::vector<Phase>& mutable_phases() { return phases_; }
  const Phase* Find(PhaseKey key) const;

  // The latest phase whose start has passed at `now`, or draft before the first start.
  PhaseKey ScheduledAt(Millis now) const;

  // Moves every phase by `delta` (the original dates stay).
  void Shift(Millis delta);

 private:
  std::vector<Phase> phases_;
};

// What the stored phase becomes at `now` with auto-advance on: the later of the stored
// phase and the scheduled one. Without auto-advance it is the stored phase.
PhaseKey EffectivePhase(PhaseKey stored, const PhaseSchedule& schedule, Millis now,
                        bool auto_advance);

// The organizer moves the campaign from `from` to `to`: only one step forward.
Status CheckAdvance(PhaseKey from, PhaseKey to);

// The things people do, each allowed only in some phases.
enum class Action {
  kEditShowcase,    // candidates write their showcase and posts
  kReviewShowcase,  // organizers approve or return showcases
  kVote,            // online votes
  kRate,            // rating forms (online and paper tallies)
  kScore,           // judges score
  kEnterEvaluation, // organizers enter 综合评价
  kObject,          // the public files objections during 公示
  kEditRoster,      // organizers change candidates and org units
};

// kWrongPhase with a Chinese message naming the action and the phase, or ok.
Status CheckAction(Action action, PhaseKey current);

}  // namespace ss
