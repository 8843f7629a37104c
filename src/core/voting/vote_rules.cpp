#include "core/voting/vote_rules.h"

#include <algorithm>
#include <cstdio>

#include "core/voting/refusals.h"

namespace ss::voting {

std::int64_t CampaignDay(Millis t, const TimeZone& tz) {
  Millis local = t + static_cast<Millis>(tz.offset_minutes) * 60'000;
  // Floor division: instants before 1970 still land on the right day.
  return local >= 0 ? local / kMillisPerDay : -((-local + kMillisPerDay - 1) / kMillisPerDay);
}

int LocalHour(Millis t, const TimeZone& tz) {
  Millis local = t + tz.offset_minutes * 60'000LL;
  Millis in_day = ((local % kMillisPerDay) + kMillisPerDay) % kMillisPerDay;
  return static_cast<int>(in_day / 3'600'000);
}

std::string FormatCampaignDay(std::int64_t day) { return FormatLocalDate(day * kMillisPerDay, TimeZone{"UTC", 0}); }

Status CheckVotingOpen(PhaseKey phase, const PhaseSchedule& schedule, const TimeZone& tz, Millis now) {
  const Phase* p = schedule.Find(PhaseKey::kVoting);
  bool in_dates = !p || (now >= p->start && now <= p->end);
  if (CheckAction(Action::kVote, phase).ok() && in_dates) return Status::Ok();
  if (!p) return Refusal(kVotingClosed);
  std::string message = "当前不在投票时间内（投票时间 ";
  message += FormatLocalDate(p->start, tz);
  message += " 至 ";
  message += FormatLocalDate(p->end, tz);
  message += "）";
  return Refusal(kVotingClosed, std::move(message));
}

Status CheckVote(const VotePolicy& policy, const VoterDay& today, std::int64_t candidate, const std::string& group) {
  auto same = std::count(today.candidates.begin(), today.candidates.end(), candidate);
  if (same >= policy.per_candidate_per_day) return Refusal(kAlreadyVotedToday);
  if (today.votes >= policy.votes_per_voter_per_day) {
    return Refusal(kDailyQuota, "今天的 " + std::to_string(policy.votes_per_voter_per_day) + " 票已用完，明天再来投票吧");
  }
  if (auto limit = policy.per_group.find(group); limit != policy.per_group.end()) {
    auto used = today.by_group.find(group);
    if (used != today.by_group.end() && used->second >= limit->second)
      return Refusal(kGroupQuota, "今天在本组的 " + std::to_string(limit->second) + " 票已用完");
  }
  return Status::Ok();
}

int VotesLeft(const VotePolicy& policy, const VoterDay& today) {
  return std::max(0, policy.votes_per_voter_per_day - today.votes);
}

Millis DailySnapshotAt(Millis now, const VotePolicy& policy, const TimeZone& tz) {
  Millis start = StartOfLocalDay(now, tz);
  Millis at = start + static_cast<Millis>(policy.snapshot_hour) * 3'600'000;
  return at <= now ? at : at - kMillisPerDay;
}

}  // namespace ss::voting
