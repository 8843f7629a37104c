// The storage interface of online voting (issue 7): voters and their one-time codes, votes,
// the counts, and the server's keys. Same contract as store.h: reads block, writes are queued
// for the one writer and answered after the commit, and every rule of a write is checked
// inside its transaction — the vote rules by core/voting/vote_rules.h on what the transaction
// sees, so that they hold exactly for one voter on two connections. On SQLite the one writer
// makes that exact (the daily quota and each challenge's single use are unique constraints
// as well); on PostgreSQL, where several nodes write, every rule is a constraint too.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/campaign.h"
#include "core/status.h"
#include "core/time.h"
#include "core/audit.h"
#include "core/voting/ballot_code.h"
#include "core/voting/otp.h"
#include "core/voting/vote_rules.h"
#include "store/pending.h"

namespace ss::store {

struct VoterRecord {
  std::int64_t id = 0;
  std::string phone_hash;  // keyed hash of the number ("member:<id>" for a ballot code)
  std::string phone_tail;  // last four digits, for display
  std::string kind;        // "phone" | "member"
  Millis created_at = 0;
};

class VoterRepository {
 public:
  virtual ~VoterRepository() = default;
  virtual Result<std::optional<VoterRecord>> Get(std::int64_t id) = 0;
  virtual Result<std::optional<voting::OtpState>> Otp(const std::string& phone_hash) = 0;
  // What a code request or a code entry came to. The write commits either way (a wrong
  // code's attempt must count); `refusal` says whether the voter was refused and why.
  struct OtpOutcome {
    Status refusal;             // ok: sent, or verified
    Millis retry_after_ms = 0;  // with kOtpCooldown
    VoterRecord voter;          // after a verified code
  };
  // Sends are decided inside the write (voting::CheckSend, then AfterSend): two requests at
  // once cannot both pass the cooldown. Refusals: kOtpCooldown, kOtpLimit.
  virtual Pending<Result<OtpOutcome>> IssueOtp(const std::string& phone_hash, const std::string& code_hash, Millis now,
                                               std::int64_t day, const voting::OtpPolicy& policy) = 0;
  // A code entered: compared with the stored hash, counted and decided (voting::CheckCode)
  // inside the write, so parallel guesses are all counted; on success the voter (created the
  // first time). Refusals: kOtpMissing, kOtpExpired, kOtpAttempts, kOtpWrong.
  virtual Pending<Result<OtpOutcome>> VerifyOtp(const std::string& phone_hash, const std::string& code_hash,
                                                const std::string& phone_tail, Millis now,
                                                const voting::OtpPolicy& policy) = 0;
};

struct VoteRecord {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  std::int64_t voter_id = 0;
  std::string group_key;
  std::int64_t day = 0;
  Millis cast_at = 0;
  std::string receipt;
  std::int64_t leaf_index = -1;  // its entry in the campaign's log (-1: cast before the log)
  std::string leaf_hash;         // that entry's leaf hash, 32 bytes
};

struct CastVote {
  std::int64_t campaign_id = 0;
  std::int64_t candidate_id = 0;
  std::string group_key;
  std::int64_t voter_id = 0;
  std::int64_t day = 0;    // voting::CampaignDay(cast_at, tz)
  int hour = 0;            // local hour of cast_at, for the counts
  Millis cast_at = 0;
  std::string receipt;     // its random part, voting::NewReceiptSecret(); the store adds the id
  std::string idempotency_key;  // empty: none
  std::string pow;         // the solved challenge (hex); accepted once per voter (it names its voter)
  std::string ip;
  VotePolicy policy;
  bool member = false;     // a ballot code's voter: refused once the code is revoked, or in another campaign
  std::string log_voter;   // the voter as the public log names them: 32 bytes, keyed per campaign
  // Set when the detector's score passed the campaign's threshold: the vote is stored and
  // logged, followed by its quarantine entry, flagged, and not counted as valid.
  struct Quarantine {
    double score = 0;
    std::string evidence;  // JSON
  };
  std::optional<Quarantine> quarantine;
};

struct CastOutcome {
  VoteRecord vote;
  bool replayed = false;  // the same Idempotency-Key came before: this is that vote
  int votes_today = 0;    // the voter's votes in this campaign today, this one included
  bool quarantined = false;  // flagged for review: not counted as valid
};

struct VoteCount {
  std::int64_t candidate_id = 0;
  std::int64_t day = 0;
  int hour = 0;
  std::int64_t n = 0;
};

class VoteRepository {
 public:
  virtual ~VoteRepository() = default;
  // One vote, with its rules decided inside the write on the voter's day as stored:
  // kAlreadyVotedToday, kDailyQuota, kGroupQuota, kPowReplayed (and for a member,
  // kBallotCodeRevoked, kBallotCodeElsewhere); a repeated Idempotency-Key
  // is no new vote but the earlier one (replayed = true), whatever the rules say now. The
  // vote's entry goes into the campaign's log (store/log.h) in the same unit.
  virtual Pending<Result<CastOutcome>> Cast(const CastVote& vote) = 0;
  // What a voter has cast in a campaign on a day.
  virtual Result<voting::VoterDay> Today(std::int64_t campaign, std::int64_t voter, std::int64_t day) = 0;
  virtual Result<std::vector<VoteRecord>> OfVoter(std::int64_t campaign, std::int64_t voter, std::int64_t day) = 0;
  virtual Result<std::optional<VoteRecord>> ByReceipt(const std::string& receipt) = 0;
  // The counts per candidate and local hour (what the in-memory tally is rebuilt from).
  virtual Result<std::vector<VoteCount>> Counts(std::int64_t campaign) = 0;
  // Votes per candidate cast before local hour `hour` of campaign day `day` (the daily
  // snapshot, taken at a whole hour): from the hourly counts, not the votes.
  virtual Result<std::map<std::int64_t, std::int64_t>> CountsBefore(std::int64_t campaign, std::int64_t day, int hour) = 0;
};

// A batch of ballot codes made at once for one party branch.
struct BallotBatch {
  std::int64_t id = 0;
  std::int64_t campaign_id = 0;
  std::string district;   // the district unit's code
  std::string branch;     // 党支部
  int count = 0;
  int redeemed = 0;       // codes that started a member session (revoked ones not counted)
  int revoked = 0;
  Millis created_at = 0;
  std::string created_by; // username
  int unused() const { return count - redeemed - revoked; }
};

struct BallotCode {
  std::int64_t id = 0;
  std::int64_t batch_id = 0;
  std::string code;
  voting::BallotCodeState state = voting::BallotCodeState::kUnused;
  Millis redeemed_at = 0;  // 0: not yet
  Millis revoked_at = 0;
  std::int64_t voter_id = 0;
};

// A member's code as the voting path sees it.
struct MemberCode {
  BallotCode code;
  std::int64_t campaign_id = 0;
  std::string district;
  std::string branch;
};

// The codes are stored as they are printed: the slips of a batch can be printed again, by
// staff allowed to see them (each print is audited). 60 random bits each: a code can be
// guessed no more than a password, and whoever reads the database could change votes anyway.
class BallotCodeRepository {
 public:
  virtual ~BallotCodeRepository() = default;
  // Stores a batch and its codes (fresh, distinct: voting::NewBallotCodes) with its audit
  // entry, whose target the store completes with the batch's id. kConflict if a code exists
  // already (2^-60 a pair: ask again).
  virtual Pending<Result<BallotBatch>> CreateBatch(const BallotBatch& batch, const std::vector<std::string>& codes,
                                                   const AuditEntry& audit) = 0;
  // A campaign's batches, newest first; `district` empty: all districts.
  virtual Result<std::vector<BallotBatch>> Batches(std::int64_t campaign, const std::string& district) = 0;
  virtual Result<std::optional<BallotBatch>> Batch(std::int64_t campaign, std::int64_t batch) = 0;
  // A batch's codes in the order they were made.
  virtual Result<std::vector<BallotCode>> Codes(std::int64_t batch) = 0;
  // Revokes the batch's codes among `ids` that are not yet revoked (ids empty: every unused
  // one), with the audit entry; how many it revoked. kNotFound for an id outside the batch.
  virtual Pending<Result<int>> Revoke(std::int64_t batch, const std::vector<std::int64_t>& ids, Millis now,
                                      const AuditEntry& audit) = 0;
  // A member signs in with a code: its voter (made the first time, kind "member"), the same
  // voter every later time. Refusals: kBallotCodeUnknown, kBallotCodeRevoked.
  struct Redeemed {
    Status refusal;
    VoterRecord voter;
    MemberCode member;
  };
  virtual Pending<Result<Redeemed>> Redeem(const std::string& code, Millis now) = 0;
  // The code behind a member voter, if any.
  virtual Result<std::optional<MemberCode>> OfVoter(std::int64_t voter) = 0;
};

class KeyRepository {
 public:
  virtual ~KeyRepository() = default;
  // The secret stored under `name`; the first call stores `fresh` (random, from the caller)
  // and every later one, on any node, gets that same one.
  virtual Pending<Result<std::string>> Ensure(const std::string& name, const std::string& fresh, Millis now) = 0;
};

}  // namespace ss::store
