// The vote policy's rules (SPEC §5, issue 7 item 2), decided from what a voter has done today.
// Pure: the caller supplies "today" and the voter's day, the store re-checks the counts inside
// the write (so the rules hold exactly with two connections of one voter, or several nodes).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/campaign.h"
#include "core/phase.h"
#include "core/status.h"
#include "core/time.h"

namespace ss::voting {

// A campaign day: days since 1970-01-01 in the campaign's time zone. Votes per day and the
// daily snapshot count in these days.
std::int64_t CampaignDay(Millis t, const TimeZone& tz);
// The hour of the day (0–23) at instant t in the campaign's time zone: what the counts are kept by.
int LocalHour(Millis t, const TimeZone& tz);
// "2026-12-02" for a campaign day.
std::string FormatCampaignDay(std::int64_t day);

// What one voter has cast in one campaign on one day.
struct VoterDay {
  int votes = 0;
  std::vector<std::int64_t> candidates;    // each vote's candidate (repeats when allowed)
  std::map<std::string, int> by_group;     // votes per group key
};

// kVotingClosed unless the effective phase allows voting (CheckAction(kVote, phase)) and
// `now` is inside the voting phase's dates: an organizer who does not auto-advance still
// cannot have votes after the published end (or before the start).
Status CheckVotingOpen(PhaseKey effective_phase, const PhaseSchedule& schedule, const TimeZone& tz, Millis now);

// The per-voter rules for one more vote for `candidate` of `group`: kDailyQuota,
// kAlreadyVotedToday (per_candidate_per_day reached), kGroupQuota.
Status CheckVote(const VotePolicy& policy, const VoterDay& today, std::int64_t candidate, const std::string& group);

// Votes left today (never below 0).
int VotesLeft(const VotePolicy& policy, const VoterDay& today);

// The instant from which a `kDaily` tally shows counts: the latest snapshot hour (local) at
// or before `now`. Counts of votes cast before it are shown.
Millis DailySnapshotAt(Millis now, const VotePolicy& policy, const TimeZone& tz);

}  // namespace ss::voting
