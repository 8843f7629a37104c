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

// One phase whose dates an advance moves: as scheduled and as they become.
struct PhaseDateChange {
  PhaseKey key = PhaseKey::kDraft;
  std::string name;
  Millis start_was = 0, end_was = 0;
  Millis start = 0, end = 0;
};

// What advancing from `from` to `to` at `now` does to the dates, so that the phase in effect
// always lies within its own dates: the closing phase ends at now − 1 ms (unless it ended
// already) and the next one starts at `now`; a next phase whose end has passed too lasts to
// the end of today (in `tz`); earlier phases end before the closing one starts and later ones
// start after the next one ends, keeping their length where they can. The original dates stay.
struct PhaseAdvancePlan {
  PhaseSchedule schedule;                // the dates after the advance
  std::vector<PhaseDateChange> changes;  // only the phases whose dates move, in order
  int days_early = 0;  // calendar days (in tz) the closing phase ends before its scheduled end
  int days_late = 0;   // calendar days the next phase starts after its scheduled start
};
PhaseAdvancePlan PlanAdvance(const PhaseSchedule& schedule, PhaseKey from, PhaseKey to, Millis now,
                             const TimeZone& tz);

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
