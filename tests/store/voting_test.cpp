// The store conformance suite for online voting (store/voting.h): one-time codes decided
// inside the write, votes whose rules hold exactly under concurrency (one voter on many
// connections), idempotency keys, single-use proofs of work, the counts and the keys. Every
// case runs against every backend (conformance.h).
#include <gtest/gtest.h>

#include "core/integrity/log_entry.h"

#include <atomic>
#include <set>
#include <thread>

#include "../core/demo.h"
#include "conformance.h"
#include "core/integrity/log_entry.h"
#include "core/voting/ballot_code.h"
#include "core/voting/receipt.h"
#include "core/voting/refusals.h"

#include <sodium.h>

namespace ss::tests {
namespace {

using store::OpenStore;
using store::Pending;
using store::Store;

class VotingConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    url_ = GetParam().fresh_url(scratch_.path);
    auto s = OpenStore(url_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto id = CreateCampaign(*store_, DemoDocument(), PhaseKey::kVoting, 1000);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    campaign_ = *id;
    auto list = store_->roster().Candidates(campaign_);
    ASSERT_TRUE(list.ok());
    candidates_ = *list;
  }
  Store& s() { return *store_; }

  std::int64_t Voter(const std::string& phone_hash) {
    voting::OtpPolicy p;
    auto issued = s().voters().IssueOtp(phone_hash, "code-hash", 1000, 1, p).Wait();
    EXPECT_TRUE(issued.ok() && issued->refusal.ok());
    auto v = s().voters().VerifyOtp(phone_hash, "code-hash", "0000", 2000, p).Wait();
    EXPECT_TRUE(v.ok() && v->refusal.ok());
    return v.ok() ? v->voter.id : 0;
  }

  store::CastVote Vote(std::int64_t voter, std::size_t candidate_index, std::int64_t day = 100) {
    const Candidate& c = candidates_.at(candidate_index);
    store::CastVote v;
    v.campaign_id = campaign_;
    v.candidate_id = c.id;
    v.group_key = candidate_index < 20 ? "town_street" : "village_community";
    v.voter_id = voter;
    v.day = day;
    v.hour = 9;
    v.cast_at = day * kMillisPerDay + 3'600'000;
    v.receipt = voting::NewReceiptSecret();
    v.pow = "pow-" + std::to_string(next_pow_++);
    v.ip = "10.0.0.1";
    v.log_voter = std::string(32, static_cast<char>('A' + voter % 26));
    return v;
  }

  ScratchDir scratch_;
  std::string url_;
  std::unique_ptr<Store> store_;
  std::int64_t campaign_ = 0;
  std::vector<Candidate> candidates_;
  std::atomic<int> next_pow_{0};
};

TEST_P(VotingConformanceTest, ACodeIsIssuedWithACooldownAndVerifiedOnce) {
  voting::OtpPolicy p;
  auto first = s().voters().IssueOtp("ph", "h1", 1000, 1, p).Wait();
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->refusal.ok());
  auto again = s().voters().IssueOtp("ph", "h2", 11'000, 1, p).Wait();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->refusal.code(), voting::kOtpCooldown);
  EXPECT_EQ(again->retry_after_ms, 50'000);
  // The refused send did not replace the code.
  auto state = s().voters().Otp("ph");
  ASSERT_TRUE(state.ok() && *state);
  EXPECT_EQ((*state)->code_hash, "h1");
  EXPECT_EQ((*state)->sent_today, 1);

  auto wrong = s().voters().VerifyOtp("ph", "nope", "8000", 2000, p).Wait();
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->refusal.code(), voting::kOtpWrong);
  // The wrong attempt was counted (the unit committed while refusing).
  EXPECT_EQ((*s().voters().Otp("ph"))->attempts, 1);
  auto right = s().voters().VerifyOtp("ph", "h1", "8000", 3000, p).Wait();
  ASSERT_TRUE(right.ok());
  ASSERT_TRUE(right->refusal.ok()) << right->refusal.message();
  EXPECT_GT(right->voter.id, 0);
  EXPECT_EQ(right->voter.phone_tail, "8000");
  EXPECT_EQ(right->voter.kind, "phone");
  auto reused = s().voters().VerifyOtp("ph", "h1", "8000", 4000, p).Wait();
  EXPECT_EQ(reused->refusal.code(), voting::kOtpMissing);
  auto got = s().voters().Get(right->voter.id);
  ASSERT_TRUE(got.ok() && *got);
  EXPECT_EQ((*got)->phone_hash, "ph");
  EXPECT_FALSE(*s().voters().Get(right->voter.id + 1000));
  // The same phone verified again is the same voter.
  ASSERT_TRUE(s().voters().IssueOtp("ph", "h3", 100'000, 1, p).Wait()->refusal.ok());
  EXPECT_EQ(s().voters().VerifyOtp("ph", "h3", "8000", 101'000, p).Wait()->voter.id, right->voter.id);
}

TEST_P(VotingConformanceTest, ParallelGuessesAreAllCounted) {
  voting::OtpPolicy p;
  ASSERT_TRUE(s().voters().IssueOtp("ph", "right", 1000, 1, p).Wait()->refusal.ok());
  std::vector<Pending<Result<store::VoterRepository::OtpOutcome>>> guesses;
  for (int i = 0; i < 20; ++i) guesses.push_back(s().voters().VerifyOtp("ph", "guess" + std::to_string(i), "0000", 2000, p));
  int wrong = 0, exhausted = 0;
  for (auto& g : guesses) {
    auto r = std::move(g).Wait();
    ASSERT_TRUE(r.ok());
    if (r->refusal.code() == voting::kOtpWrong) ++wrong;
    if (r->refusal.code() == voting::kOtpAttempts || r->refusal.code() == voting::kOtpMissing) ++exhausted;
  }
  EXPECT_EQ(wrong, 4);
  EXPECT_EQ(exhausted, 16);
  EXPECT_EQ(s().voters().VerifyOtp("ph", "right", "0000", 3000, p).Wait()->refusal.code(), voting::kOtpMissing)
      << "five wrong guesses use the code up";
}

TEST_P(VotingConformanceTest, AVoteIsStoredWithItsReceiptAndCounted) {
  std::int64_t voter = Voter("a");
  auto v = Vote(voter, 0);
  auto r = s().votes().Cast(v).Wait();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->replayed);
  EXPECT_EQ(r->votes_today, 1);
  EXPECT_GT(r->vote.id, 0);
  EXPECT_EQ(r->vote.receipt.size(), 26u);
  EXPECT_TRUE(r->vote.receipt.ends_with(v.receipt)) << "the id, then the random part";
  auto found = s().votes().ByReceipt(r->vote.receipt);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->candidate_id, v.candidate_id);
  EXPECT_EQ((*found)->voter_id, voter);
  EXPECT_EQ((*found)->cast_at, v.cast_at);
  EXPECT_FALSE(*s().votes().ByReceipt(voting::NewReceiptSecret()));
  // The right id with another random part finds nothing.
  EXPECT_FALSE(*s().votes().ByReceipt(voting::ReceiptOf(r->vote.id, voting::NewReceiptSecret())));
  auto today = s().votes().Today(campaign_, voter, 100);
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(today->votes, 1);
  EXPECT_EQ(today->candidates, std::vector<std::int64_t>{v.candidate_id});
  EXPECT_EQ(today->by_group.at("town_street"), 1);
  EXPECT_EQ(s().votes().Today(campaign_, voter, 101)->votes, 0);
  auto counts = s().votes().Counts(campaign_);
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].candidate_id, v.candidate_id);
  EXPECT_EQ((*counts)[0].day, 100);
  EXPECT_EQ((*counts)[0].hour, 9);
  EXPECT_EQ((*counts)[0].n, 1);
  EXPECT_EQ(s().votes().OfVoter(campaign_, voter, 100)->size(), 1u);
}

TEST_P(VotingConformanceTest, TheRulesAreCheckedInsideTheWrite) {
  std::int64_t voter = Voter("a");
  ASSERT_TRUE(s().votes().Cast(Vote(voter, 0)).Wait().ok());
  EXPECT_EQ(s().votes().Cast(Vote(voter, 0)).Wait().status().code(), voting::kAlreadyVotedToday);
  ASSERT_TRUE(s().votes().Cast(Vote(voter, 1)).Wait().ok());
  ASSERT_TRUE(s().votes().Cast(Vote(voter, 2)).Wait().ok());
  EXPECT_EQ(s().votes().Cast(Vote(voter, 3)).Wait().status().code(), voting::kDailyQuota);
  // A new day, a new quota; the same candidate again.
  ASSERT_TRUE(s().votes().Cast(Vote(voter, 0, 101)).Wait().ok());
  // Group limits.
  std::int64_t other = Voter("b");
  auto limited = Vote(other, 30);
  limited.policy.per_group["village_community"] = 1;
  ASSERT_TRUE(s().votes().Cast(limited).Wait().ok());
  auto second = Vote(other, 31);
  second.policy.per_group["village_community"] = 1;
  EXPECT_EQ(s().votes().Cast(second).Wait().status().code(), voting::kGroupQuota);
  // A refused vote left nothing behind.
  EXPECT_EQ(s().votes().Today(campaign_, voter, 100)->votes, 3);
  EXPECT_EQ(s().votes().Today(campaign_, other, 100)->votes, 1);
}

TEST_P(VotingConformanceTest, AProofOfWorkIsAcceptedOnce) {
  std::int64_t voter = Voter("a");
  auto v = Vote(voter, 0);
  ASSERT_TRUE(s().votes().Cast(v).Wait().ok());
  auto replay = Vote(voter, 1);
  replay.pow = v.pow;
  EXPECT_EQ(s().votes().Cast(replay).Wait().status().code(), voting::kPowReplayed);
  // Per voter: a challenge names its voter (core/voting/pow.h), so the API refuses another
  // voter's as foreign before it reaches the store.
  auto other = Vote(Voter("b"), 1);
  other.pow = v.pow;
  EXPECT_TRUE(s().votes().Cast(other).Wait().ok());
}

TEST_P(VotingConformanceTest, AnIdempotencyKeyNeverCountsTwice) {
  std::int64_t voter = Voter("a");
  auto v = Vote(voter, 0);
  v.idempotency_key = "retry-1";
  auto first = s().votes().Cast(v).Wait();
  ASSERT_TRUE(first.ok());
  auto again = Vote(voter, 0);  // a new challenge and receipt: the client retried
  again.idempotency_key = "retry-1";
  auto second = s().votes().Cast(again).Wait();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->vote.id, first->vote.id);
  EXPECT_EQ(second->vote.receipt, first->vote.receipt);
  EXPECT_EQ(second->votes_today, 1);
  EXPECT_EQ(s().votes().Counts(campaign_)->at(0).n, 1);
  // The key is the voter's own: another voter with the same key votes.
  auto foreign = Vote(Voter("b"), 0);
  foreign.idempotency_key = "retry-1";
  auto third = s().votes().Cast(foreign).Wait();
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->replayed);
}

TEST_P(VotingConformanceTest, OneVoterOnManyConnectionsGetsExactlyTheQuota) {
  std::int64_t voter = Voter("a");
  // 40 votes at once for 20 candidates (two each): 3 may pass, each for another candidate.
  std::vector<Pending<Result<store::CastOutcome>>> pending;
  std::vector<std::thread> threads;
  std::mutex mu;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto p = s().votes().Cast(Vote(voter, static_cast<std::size_t>((t * 10 + i) % 20)));
        std::lock_guard lock(mu);
        pending.push_back(std::move(p));
      }
    });
  }
  for (auto& t : threads) t.join();
  int accepted = 0;
  std::set<std::int64_t> candidates;
  for (auto& p : pending) {
    auto r = std::move(p).Wait();
    if (r.ok()) {
      ++accepted;
      candidates.insert(r->vote.candidate_id);
    } else {
      EXPECT_TRUE(r.status().code() == voting::kDailyQuota || r.status().code() == voting::kAlreadyVotedToday)
          << r.status().ToString();
    }
  }
  EXPECT_EQ(accepted, 3);
  EXPECT_EQ(candidates.size(), 3u);
  std::int64_t counted = 0;
  auto counts = s().votes().Counts(campaign_);
  ASSERT_TRUE(counts.ok());
  for (const auto& c : *counts) counted += c.n;
  EXPECT_EQ(counted, 3);
}

TEST_P(VotingConformanceTest, CountsBeforeAnHour) {
  std::int64_t a = Voter("a"), b = Voter("b");
  auto early = Vote(a, 0, 100);
  early.hour = 8;
  auto late = Vote(b, 0, 100);
  late.hour = 12;
  auto other = Vote(b, 1, 99);
  other.hour = 23;
  for (auto* v : {&early, &late, &other}) ASSERT_TRUE(s().votes().Cast(*v).Wait().ok());
  auto before = s().votes().CountsBefore(campaign_, 100, 9);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->size(), 2u);
  EXPECT_EQ(before->at(early.candidate_id), 1);
  EXPECT_EQ(before->at(other.candidate_id), 1) << "the day before counts whole";
  EXPECT_EQ(s().votes().CountsBefore(campaign_, 100, 13)->at(early.candidate_id), 2);
  EXPECT_EQ(s().votes().CountsBefore(campaign_, 100, 12)->at(early.candidate_id), 1) << "hour 12 is not before 12";
  EXPECT_TRUE(s().votes().CountsBefore(campaign_, 99, 0)->empty());
}

TEST_P(VotingConformanceTest, TheHourlyCountsOfABatchAreStoredWithItsVotes) {
  // Many voters at once, so that the writer folds many votes into one batch.
  std::vector<std::int64_t> voters;
  for (int i = 0; i < 60; ++i) voters.push_back(Voter("batch-" + std::to_string(i)));
  std::vector<Pending<Result<store::CastOutcome>>> pending;
  for (std::int64_t voter : voters) {
    pending.push_back(s().votes().Cast(Vote(voter, 0)));
    auto first = Vote(voter, 2), replay = Vote(voter, 3);
    first.pow = replay.pow = "pow-used-twice-by-" + std::to_string(voter);
    pending.push_back(s().votes().Cast(first));
    pending.push_back(s().votes().Cast(replay));  // refused by the constraint: its count must not stay
  }
  int ok = 0, refused = 0;
  for (auto& p : pending) {
    auto r = std::move(p).Wait();
    if (r.ok()) ++ok;
    else {
      EXPECT_EQ(r.status().code(), voting::kPowReplayed);
      ++refused;
    }
  }
  EXPECT_EQ(ok, 120);
  EXPECT_EQ(refused, 60);
  auto counts = s().votes().Counts(campaign_);
  ASSERT_TRUE(counts.ok());
  std::int64_t total = 0;
  for (const auto& c : *counts) total += c.n;
  EXPECT_EQ(total, 120) << "one count per stored vote, none for a refused one";
}

TEST_P(VotingConformanceTest, AKeyIsMadeOnceAndSharedAfterwards) {
  auto first = s().keys().Ensure("voting", "secret-1", 1000).Wait();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "secret-1");
  auto second = s().keys().Ensure("voting", "secret-2", 2000).Wait();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, "secret-1");
  EXPECT_EQ(*s().keys().Ensure("other", "x", 3000).Wait(), "x");
}

store::BallotBatch Batch(std::int64_t campaign, const std::string& district, const std::string& branch) {
  store::BallotBatch b;
  b.campaign_id = campaign;
  b.district = district;
  b.branch = branch;
  b.created_at = 5000;
  b.created_by = "org";
  return b;
}

TEST_P(VotingConformanceTest, ABallotBatchIsStoredWithItsCodesAndAudited) {
  auto codes = voting::NewBallotCodes(30);
  store::AuditEvent audit;
  audit.action = "ballot_batch.create";
  auto made = s().ballot_codes().CreateBatch(Batch(campaign_, "150303", "新桥社区党支部"), codes, audit).Wait();
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_GT(made->id, 0);
  EXPECT_EQ(made->count, 30);
  EXPECT_EQ(made->unused(), 30);
  auto other = s().ballot_codes().CreateBatch(Batch(campaign_, "150302", "乌达区某党支部"), voting::NewBallotCodes(2), audit).Wait();
  ASSERT_TRUE(other.ok());

  auto all = s().ballot_codes().Batches(campaign_, "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().id, other->id) << "newest first";
  auto hainan = s().ballot_codes().Batches(campaign_, "150303");
  ASSERT_EQ(hainan->size(), 1u);
  EXPECT_EQ(hainan->front().branch, "新桥社区党支部");
  EXPECT_EQ(hainan->front().created_by, "org");

  auto stored = s().ballot_codes().Codes(made->id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 30u);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ((*stored)[i].code, codes[i]) << "in the order made";
    EXPECT_EQ((*stored)[i].state, voting::BallotCodeState::kUnused);
  }
  auto log = s().audit().All();
  ASSERT_TRUE(log.ok());
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(log->back().target, "campaign:" + std::to_string(campaign_) + "/ballot-batch:" + std::to_string(other->id));

  // A code that exists already refuses the whole batch.
  auto again = s().ballot_codes().CreateBatch(Batch(campaign_, "150303", "重复"), {codes[3]}, audit).Wait();
  EXPECT_EQ(again.status().code(), code::kConflict);
  EXPECT_EQ(s().ballot_codes().Batches(campaign_, "")->size(), 2u) << "nothing of it stays";
  EXPECT_FALSE(s().ballot_codes().Batch(campaign_ + 1, made->id)->has_value()) << "another campaign's batch is not found";
}

TEST_P(VotingConformanceTest, ABallotCodeStartsTheSameMemberEveryTimeUntilRevoked) {
  auto codes = voting::NewBallotCodes(3);
  auto made = s().ballot_codes().CreateBatch(Batch(campaign_, "150303", "支部"), codes, {}).Wait();
  ASSERT_TRUE(made.ok());
  auto first = s().ballot_codes().Redeem(codes[0], 6000).Wait();
  ASSERT_TRUE(first.ok() && first->refusal.ok()) << first.status().ToString();
  EXPECT_EQ(first->voter.kind, "member");
  EXPECT_EQ(first->voter.phone_tail, codes[0].substr(8));
  EXPECT_EQ(first->member.branch, "支部");
  EXPECT_EQ(first->member.campaign_id, campaign_);
  auto second = s().ballot_codes().Redeem(codes[0], 7000).Wait();
  ASSERT_TRUE(second.ok() && second->refusal.ok());
  EXPECT_EQ(second->voter.id, first->voter.id) << "the same member on another phone";
  EXPECT_EQ(s().ballot_codes().Redeem("ZZZZZZZZZZZZ", 7000).Wait()->refusal.code(), voting::kBallotCodeUnknown);

  auto member = s().ballot_codes().OfVoter(first->voter.id);
  ASSERT_TRUE(member.ok() && member->has_value());
  EXPECT_EQ((*member)->code.state, voting::BallotCodeState::kRedeemed);
  EXPECT_EQ((*member)->code.redeemed_at, 6000);
  EXPECT_FALSE(s().ballot_codes().OfVoter(first->voter.id + 1000)->has_value());
  auto batch = s().ballot_codes().Batch(campaign_, made->id);
  EXPECT_EQ((*batch)->redeemed, 1);
  EXPECT_EQ((*batch)->unused(), 2);

  // A member votes under the same rules, in this campaign only.
  store::CastVote vote = Vote(first->voter.id, 0);
  vote.member = true;
  auto cast = s().votes().Cast(vote).Wait();
  ASSERT_TRUE(cast.ok()) << cast.status().ToString();

  // Revoking every unused one leaves the redeemed one; naming it revokes it too.
  auto unused = s().ballot_codes().Revoke(made->id, {}, 8000, {}).Wait();
  ASSERT_TRUE(unused.ok());
  EXPECT_EQ(*unused, 2);
  EXPECT_EQ(s().ballot_codes().Redeem(codes[1], 8100).Wait()->refusal.code(), voting::kBallotCodeRevoked);
  EXPECT_TRUE(s().ballot_codes().Redeem(codes[0], 8100).Wait()->refusal.ok());
  auto stored = s().ballot_codes().Codes(made->id);
  std::int64_t redeemed_id = (*stored)[0].id;
  auto named = s().ballot_codes().Revoke(made->id, {redeemed_id, (*stored)[1].id}, 9000, {}).Wait();
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(*named, 1) << "the one revoked already is not counted again";
  EXPECT_EQ(s().ballot_codes().Redeem(codes[0], 9100).Wait()->refusal.code(), voting::kBallotCodeRevoked);
  store::CastVote later = Vote(first->voter.id, 1);
  later.member = true;
  EXPECT_EQ(s().votes().Cast(later).Wait().status().code(), voting::kBallotCodeRevoked) << "a revoked code votes no more";
  EXPECT_EQ(s().votes().Today(campaign_, first->voter.id, 100)->votes, 1) << "the vote cast before stays";
  EXPECT_EQ(s().ballot_codes().Revoke(made->id, {redeemed_id + 999}, 9000, {}).Wait().status().code(), code::kNotFound);
  batch = s().ballot_codes().Batch(campaign_, made->id);
  EXPECT_EQ((*batch)->revoked, 3);
  EXPECT_EQ((*batch)->redeemed, 0);
  EXPECT_EQ((*batch)->unused(), 0);
}

TEST_P(VotingConformanceTest, AMemberCodeVotesOnlyInItsCampaign) {
  auto other = CreateCampaign(*store_, DemoDocument(), PhaseKey::kVoting, 1000);
  ASSERT_TRUE(other.ok());
  auto codes = voting::NewBallotCodes(1);
  ASSERT_TRUE(s().ballot_codes().CreateBatch(Batch(*other, "150303", "支部"), codes, {}).Wait().ok());
  auto member = s().ballot_codes().Redeem(codes[0], 6000).Wait();
  ASSERT_TRUE(member.ok() && member->refusal.ok());
  store::CastVote vote = Vote(member->voter.id, 0);  // in campaign_, not *other
  vote.member = true;
  EXPECT_EQ(s().votes().Cast(vote).Wait().status().code(), voting::kBallotCodeElsewhere);
}

// ---- the log (store/log.h) ---------------------------------------------------------------

std::string LeafHashOf(const std::string& entry) {
  std::string prefixed = std::string(1, '\0') + entry;
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(prefixed.data()),
                     prefixed.size());
  return out;
}

TEST_P(VotingConformanceTest, EveryStoredVoteAndNothingElseIsALeafInOrder) {
  std::int64_t a = Voter("a"), b = Voter("b");
  std::vector<store::CastOutcome> stored;
  for (std::size_t i = 0; i < 3; ++i) stored.push_back(*s().votes().Cast(Vote(a, i)).Wait());
  EXPECT_EQ(s().votes().Cast(Vote(a, 3)).Wait().status().code(), voting::kDailyQuota);  // no leaf
  auto keyed = Vote(b, 0);
  keyed.idempotency_key = "k";
  stored.push_back(*s().votes().Cast(keyed).Wait());
  auto retry = Vote(b, 0);
  retry.idempotency_key = "k";
  auto replayed = s().votes().Cast(retry).Wait();
  ASSERT_TRUE(replayed.ok() && replayed->replayed);
  EXPECT_EQ(replayed->vote.leaf_index, stored.back().vote.leaf_index) << "a retry is the same leaf";
  EXPECT_EQ(replayed->vote.leaf_hash, stored.back().vote.leaf_hash);

  ASSERT_EQ(*s().log().Size(campaign_), 4);
  auto entries = s().log().Entries(campaign_, 0, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& e = (*entries)[i];
    EXPECT_EQ(e.index, static_cast<std::int64_t>(i));
    EXPECT_EQ(e.leaf_hash, LeafHashOf(e.entry)) << "leaf hash = SHA-256(0x00 || entry)";
    EXPECT_EQ(stored[i].vote.leaf_index, e.index);
    EXPECT_EQ(stored[i].vote.leaf_hash, e.leaf_hash);
  }
  // Receipts read back carry their leaf.
  auto found = s().votes().ByReceipt(stored[1].vote.receipt);
  ASSERT_TRUE(found.ok() && *found);
  EXPECT_EQ((*found)->leaf_index, 1);
  EXPECT_EQ((*found)->leaf_hash, (*entries)[1].leaf_hash);
  EXPECT_EQ(s().votes().OfVoter(campaign_, a, 100)->at(2).leaf_index, 2);
  std::vector<std::string> hashes;
  ASSERT_TRUE(s().log().LeafHashes(campaign_, 1, 3, hashes).ok());
  EXPECT_EQ(hashes, (std::vector<std::string>{(*entries)[1].leaf_hash, (*entries)[2].leaf_hash}));
  EXPECT_TRUE(s().log().Entries(campaign_, 4, 10)->empty());
}

TEST_P(VotingConformanceTest, AReviewEntryTakesTheNextIndexAndLogsAreCampaignsOwn) {
  ASSERT_TRUE(s().votes().Cast(Vote(Voter("a"), 0)).Wait().ok());
  auto review = s().log().Append(campaign_, "review entry").Wait();
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  EXPECT_EQ(review->index, 1);
  EXPECT_EQ(review->leaf_hash, LeafHashOf("review entry"));
  auto other = CreateCampaign(s(), DemoDocument(), PhaseKey::kVoting, 1000);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*s().log().Size(*other), 0);
  EXPECT_EQ(s().log().Append(*other, "x").Wait()->index, 0);
  EXPECT_EQ(*s().log().Size(campaign_), 2);
}

TEST_P(VotingConformanceTest, PublishedHeadsAreKeptOncePerSize) {
  auto head = [this](std::int64_t size, Millis at) {
    return store::TreeHeadRecord{campaign_, size, at, std::string(32, static_cast<char>(size)), std::string(64, 's')};
  };
  EXPECT_FALSE(*s().log().LatestHead(campaign_));
  ASSERT_TRUE(s().log().PublishHead(head(3, 1000)).Wait().ok());
  ASSERT_TRUE(s().log().PublishHead(head(7, 2000)).Wait().ok());
  ASSERT_TRUE(s().log().PublishHead(head(9, 3000)).Wait().ok());
  EXPECT_EQ(s().log().PublishHead(head(7, 4000)).Wait().code(), code::kConflict);
  auto latest = s().log().LatestHead(campaign_);
  ASSERT_TRUE(latest.ok() && *latest);
  EXPECT_EQ((*latest)->tree_size, 9);
  EXPECT_EQ((*latest)->root_hash, std::string(32, static_cast<char>(9)));
  EXPECT_EQ((*latest)->signature, std::string(64, 's'));
  EXPECT_EQ((*s().log().HeadOfSize(campaign_, 7))->timestamp, 2000);
  EXPECT_FALSE(*s().log().HeadOfSize(campaign_, 8));
  auto range = s().log().Heads(campaign_, 1500, 3000, 100);
  ASSERT_TRUE(range.ok());
  ASSERT_EQ(range->size(), 2u);
  EXPECT_EQ((*range)[0].tree_size, 7);
  EXPECT_EQ((*range)[1].tree_size, 9);
  EXPECT_EQ(s().log().Heads(campaign_, 0, 0, 2)->size(), 2u);
}

TEST_P(VotingConformanceTest, AQuarantinedVoteIsLoggedFlaggedAndCountedApartUntilDecided) {
  std::int64_t a = Voter("a"), b = Voter("b");
  auto honest = s().votes().Cast(Vote(a, 0)).Wait();
  ASSERT_TRUE(honest.ok());
  EXPECT_FALSE(honest->quarantined);
  std::vector<std::int64_t> flagged;
  for (std::size_t i = 0; i < 3; ++i) {
    auto v = Vote(b, i);
    v.quarantine = store::CastVote::Quarantine{0.91, R"({"signals":[{"name":"regular_gaps"}]})"};
    auto out = s().votes().Cast(v).Wait();
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_TRUE(out->quarantined);
    flagged.push_back(out->vote.id);
  }
  // The log: the honest vote, then each flagged vote followed by its quarantine.
  auto entries = s().log().Entries(campaign_, 0, 100);
  ASSERT_EQ(entries->size(), 7u);
  integrity::LogTally tally(campaign_);
  for (const auto& e : *entries) ASSERT_TRUE(tally.Apply(e.index, e.entry).ok());
  EXPECT_EQ(tally.total().valid, 1);
  EXPECT_EQ(tally.total().review, 3);
  // The counts hold the valid vote only; the flags the three.
  auto counted = [this] {
    auto rows = s().votes().Counts(campaign_);
    std::int64_t n = 0;
    for (const auto& c : *rows) n += c.n;
    return n;
  };
  EXPECT_EQ(counted(), 1);
  auto counts = s().review().Counts(campaign_);
  ASSERT_TRUE(counts.ok());
  std::int64_t review = 0;
  for (const auto& c : *counts) review += c.review;
  EXPECT_EQ(review, 3);
  auto queue = s().review().Flags(campaign_, 0, store::FlagState::kReview, 100, 0);
  ASSERT_EQ(queue->size(), 3u);
  EXPECT_DOUBLE_EQ((*queue)[0].score, 0.91);
  EXPECT_NE((*queue)[0].evidence.find("regular_gaps"), std::string::npos);
  EXPECT_EQ(s().review().Flags(campaign_, candidates_.at(1).id, std::nullopt, 100, 0)->size(), 1u);
  // The quarantined votes used the voter's quota all the same.
  EXPECT_EQ(s().votes().Cast(Vote(b, 3)).Wait().status().code(), voting::kDailyQuota);

  // Release one, invalidate two; a second decision about the same vote is refused whole.
  AuditEntry audit;
  audit.action = "vote_flag.decide";
  audit.actor = "organizer";
  auto released = s().review().Decide(store::Decision{campaign_, {flagged[0]}, true, "同一家庭", "organizer", 5000, {}}, audit).Wait();
  ASSERT_TRUE(released.ok()) << released.status().ToString();
  ASSERT_EQ(released->votes.size(), 1u);
  EXPECT_EQ(released->votes[0].candidate_id, candidates_.at(0).id);
  EXPECT_EQ(released->votes[0].hour, 9);
  auto again = s().review().Decide(store::Decision{campaign_, {flagged[1], flagged[0]}, false, "脚本", "organizer", 6000, {}}, audit).Wait();
  EXPECT_EQ(again.status().code(), code::kConflict);
  EXPECT_EQ(s().review().Flags(campaign_, 0, store::FlagState::kReview, 100, 0)->size(), 2u) << "all or nothing";
  EXPECT_EQ(s().review().Decide(store::Decision{campaign_, {flagged[1]}, false, "x", "o", 1, {candidates_.at(5).id}}, audit)
                .Wait().status().code(),
            code::kForbidden) << "another district's candidate";
  EXPECT_EQ(s().review().Decide(store::Decision{campaign_, {999999}, false, "x", "o", 1, {}}, audit).Wait().status().code(),
            code::kNotFound);
  ASSERT_TRUE(s().review().Decide(store::Decision{campaign_, {flagged[1], flagged[2]}, false, "脚本", "organizer", 7000, {}}, audit).Wait().ok());

  entries = s().log().Entries(campaign_, 0, 100);
  ASSERT_EQ(entries->size(), 10u);
  integrity::LogTally after(campaign_);
  for (const auto& e : *entries) ASSERT_TRUE(after.Apply(e.index, e.entry).ok());
  EXPECT_EQ(after.total().valid, 2);
  EXPECT_EQ(after.total().review, 0);
  EXPECT_EQ(after.total().invalid, 2);
  EXPECT_EQ(counted(), 2) << "the released vote is counted, the invalidated ones are not";
  auto done = s().review().Flags(campaign_, 0, store::FlagState::kInvalidated, 100, 0);
  ASSERT_EQ(done->size(), 2u);
  EXPECT_EQ((*done)[0].reason, "脚本");
  EXPECT_EQ((*done)[0].decided_by, "organizer");
  EXPECT_EQ((*done)[0].decided_at, 7000);
  // Both decisions were audited (the refused one was not).
  store::AuditQuery query;
  query.action = "vote_flag.decide";
  auto audited = s().audit().List(query);
  ASSERT_TRUE(audited.ok());
  EXPECT_EQ(audited->second, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, VotingConformanceTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace ss::tests
