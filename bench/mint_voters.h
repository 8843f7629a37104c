// What bench/vote_mint and bench/cast_bench share: `count` voters made through the store as
// verified phones would make them ("<prefix>-<i>"), their ids in order. A re-run on the same
// database finds them made already and gets the same ids.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace ss::bench {

inline std::vector<std::int64_t> MintVoters(store::Store& store, const std::string& prefix, int count) {
  voting::OtpPolicy p;
  Millis now = NowMillis();
  std::vector<store::Pending<Result<store::VoterRepository::OtpOutcome>>> issued, verified;
  for (int i = 0; i < count; ++i) issued.push_back(store.voters().IssueOtp(prefix + "-" + std::to_string(i), "b", now, 0, p));
  for (auto& f : issued) (void)std::move(f).Wait();  // a re-run finds them issued already: fine
  for (int i = 0; i < count; ++i)
    verified.push_back(store.voters().VerifyOtp(prefix + "-" + std::to_string(i), "b", "0000", now, p));
  std::vector<std::int64_t> ids;
  for (auto& f : verified) {
    auto r = std::move(f).Wait();
    if (r && r->refusal.ok()) ids.push_back(r->voter.id);
  }
  return ids;
}

}  // namespace ss::bench
