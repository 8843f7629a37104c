#include "cli/demo_votes.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <boost/json.hpp>

#include "core/client_address.h"
#include "core/detector/detector.h"
#include "core/voting/receipt.h"
#include "core/voting/vote_rules.h"
#include "core/voting/voter_session.h"
#include "core/secrets.h"

namespace ss::cli {

namespace {

// Yesterday 20:00 local (or today's first hour when voting began today), one vote every 24 s.
Status SeedBrushingAttempt(store::Store& store, std::int64_t campaign, const CampaignConfig& config, Millis now,
                           const std::string& key, DemoVotes& out) {
  const Phase* phase = config.schedule.Find(PhaseKey::kVoting);
  const TimeZone& tz = config.timezone;
  auto candidates = store.roster().Candidates(campaign);
  if (!candidates) return candidates.status();
  // A village secretary in the middle of the field: the one the farm is paid to lift.
  const Candidate* target = nullptr;
  for (const auto& c : *candidates)
    if (c.active && c.id == 42) target = &c;
  if (!target) return Status::Ok();
  const std::int64_t day = voting::CampaignDay(now, tz) - 1;
  Millis start = day * kMillisPerDay - static_cast<Millis>(tz.offset_minutes) * 60'000 + 20 * 3'600'000LL;
  constexpr int kSims = 30;
  if (start < phase->start || start + kSims * 24'000 >= now) return Status::Ok();

  voting::OtpPolicy p;
  detector::Detector screen;  // the server's defaults
  const auto device = std::uint64_t{0xFA12'0C0D'E5EE'D001};
  for (int i = 0; i < kSims; ++i) {
    const std::string phone = "demo-farm-" + std::to_string(i);
    if (auto r = store.voters().IssueOtp(phone, "demo", start - 60'000, 0, p).Wait(); !r) return r.status();
    auto verified = store.voters().VerifyOtp(phone, "demo", std::to_string(7000 + i), start - 60'000, p).Wait();
    if (!verified) return verified.status();
    if (!verified->refusal.ok()) return verified->refusal;
    const Millis at = start + i * 24'000;
    detector::VoteSignals sig;
    sig.at = at;
    sig.voter = verified->voter.id;
    sig.candidate = target->id;
    sig.ip = *IpAddress::Parse("10.88.7." + std::to_string(20 + i % 3));
    sig.device = device;
    sig.local_hour = voting::LocalHour(at, tz);
    sig.pow_work = 25'000;
    sig.pow_elapsed = 1'500;
    sig.user_agent = "Mozilla/5.0 (Linux; Android 12; V2118A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0 Mobile Safari/537.36";
    detector::Verdict verdict = screen.Assess(sig);
    store::CastVote v;
    v.campaign_id = campaign;
    v.candidate_id = target->id;
    v.group_key = target->group;
    v.voter_id = verified->voter.id;
    v.day = voting::CampaignDay(at, tz);
    v.hour = sig.local_hour;
    v.cast_at = at;
    v.receipt = voting::NewReceiptSecret();
    v.pow = "demo-farm-" + std::to_string(i);
    v.ip = sig.ip.ToString();
    v.policy = config.vote_policy;
    v.log_voter = voting::LogVoter(key, campaign, verified->voter.id);
    if (verdict.quarantine)
      v.quarantine = store::CastVote::Quarantine{verdict.score, boost::json::serialize(detector::VerdictJson(verdict))};
    auto cast = store.votes().Cast(v).Wait();
    if (!cast) return cast.status();
    ++out.farm_votes;
    out.quarantined += cast->quarantined;
  }
  out.farm_target = target->name;
  return Status::Ok();
}

}  // namespace

Result<DemoVotes> SeedDemoVotes(store::Store& store, std::int64_t campaign, const CampaignConfig& config, Millis now,
                                int voter_count) {
  const Phase* voting = config.schedule.Find(PhaseKey::kVoting);
  if (!voting || voting->start >= now) return DemoVotes{};
  auto candidates = store.roster().Candidates(campaign);
  if (!candidates) return candidates.status();
  std::vector<const Candidate*> active;
  for (const auto& c : *candidates)
    if (c.active) active.push_back(&c);
  if (active.empty()) return DemoVotes{};
  // The server's own key (made here on a fresh database): the log names demo voters as it names real ones.
  auto key = store.keys().Ensure("voting", RandomToken(), now).Wait();
  if (!key) return key.status();

  std::mt19937_64 rng(20220420);
  // Popularity: a few secretaries draw many votes (their video went round the group chats),
  // most a steady share.
  std::vector<double> weight;
  for (std::size_t i = 0; i < active.size(); ++i) weight.push_back(1.0 / std::pow(1.0 + static_cast<double>((i * 37) % active.size()), 0.8));
  std::discrete_distribution<std::size_t> pick(weight.begin(), weight.end());
  // Local hours: quiet at night, peaks at noon and in the evening.
  static constexpr double kHours[24] = {1, 0.5, 0.3, 0.2, 0.2, 0.5, 2, 4, 6, 6, 5, 6, 9, 8, 5, 5, 5, 6, 8, 12, 14, 13, 9, 4};
  std::discrete_distribution<int> hour(std::begin(kHours), std::end(kHours));

  std::vector<std::int64_t> voters;
  {
    voting::OtpPolicy p;
    std::vector<store::Pending<Result<store::VoterRepository::OtpOutcome>>> issued, verified;
    for (int i = 0; i < voter_count; ++i)
      issued.push_back(store.voters().IssueOtp("demo-voter-" + std::to_string(i), "demo", voting->start, 0, p));
    for (auto& f : issued)
      if (auto r = std::move(f).Wait(); !r) return r.status();
    for (int i = 0; i < voter_count; ++i)
      verified.push_back(store.voters().VerifyOtp("demo-voter-" + std::to_string(i), "demo",
                                                  std::to_string(1000 + i % 9000), voting->start, p));
    for (auto& f : verified) {
      auto r = std::move(f).Wait();
      if (!r) return r.status();
      if (!r->refusal.ok()) return r->refusal;
      voters.push_back(r->voter.id);
    }
  }

  DemoVotes out;
  out.voters = voter_count;
  const TimeZone& tz = config.timezone;
  std::int64_t first = voting::CampaignDay(voting->start, tz);
  std::int64_t today = voting::CampaignDay(now, tz);
  std::uniform_int_distribution<int> minute(0, 3'599'999);
  std::uniform_real_distribution<double> chance(0, 1);
  std::vector<store::Pending<Result<store::CastOutcome>>> pending;
  std::int64_t serial = 0;
  for (std::int64_t day = first; day <= today; ++day) {
    ++out.days;
    // Turnout grows as the campaign becomes known.
    double turnout = 0.08 + 0.25 * static_cast<double>(day - first) / static_cast<double>(std::max<std::int64_t>(1, today - first));
    for (std::int64_t voter : voters) {
      if (chance(rng) > turnout) continue;
      int n = 1 + static_cast<int>(chance(rng) * 3);  // 1–3 of the day's votes
      for (int k = 0; k < n; ++k) {
        int h = hour(rng);
        Millis at = day * kMillisPerDay - static_cast<Millis>(tz.offset_minutes) * 60'000 + h * 3'600'000LL + minute(rng);
        if (at >= now || at < voting->start) continue;
        const Candidate* c = active[pick(rng)];
        store::CastVote v;
        v.campaign_id = campaign;
        v.candidate_id = c->id;
        v.group_key = c->group;
        v.voter_id = voter;
        v.day = day;
        v.hour = h;
        v.cast_at = at;
        v.receipt = voting::NewReceiptSecret();
        v.pow = "demo-" + std::to_string(++serial);
        v.ip = "demo";
        v.policy = config.vote_policy;
        v.log_voter = voting::LogVoter(*key, campaign, voter);
        pending.push_back(store.votes().Cast(v));
      }
    }
  }
  for (auto& p : pending) {
    auto r = std::move(p).Wait();
    if (r) ++out.votes;  // a second pick of the same secretary that day is refused, as for anyone
  }
  if (Status s = SeedBrushingAttempt(store, campaign, config, now, *key, out); !s.ok()) return s;
  return out;
}

}  // namespace ss::cli
