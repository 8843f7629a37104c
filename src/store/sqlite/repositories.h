// The SQLite repositories. Each holds the Database and implements one interface of
// store/store.h; sqlite_store.cpp puts them together.
#pragma once

#include "store/sqlite/database.h"
#include "store/store.h"

#include <map>
#include <mutex>
#include <unordered_map>

namespace ss::store::sqlite {

// Shared by the repositories, inside a write unit.
Status InsertCandidate(Connection& db, std::int64_t campaign, const Candidate& c, Millis now, std::int64_t* id);
// The award quotas of `config` (the stored one when null) against the active candidates'
// group sizes as they are in this transaction; kInvalid as ValidateQuotas says. With
// `before` (the sizes when the write began), only groups that shrank are checked.
Status CheckQuotas(Connection& db, std::int64_t campaign, const CampaignConfig* config,
                   const std::map<std::string, int>* before = nullptr);

class Campaigns final : public CampaignRepository {
 public:
  explicit Campaigns(Database& db) : db_(db) {}
  Result<std::vector<CampaignRecord>> List() override;
  Result<CampaignRecord> Get(std::int64_t id) override;
  Pending<Result<std::int64_t>> Create(const CampaignDocument& doc, PhaseKey phase, Millis now, const AuditEvent& audit) override;
  Pending<Status> SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, const PhaseSchedule& schedule, Millis now,
                           const AuditEvent& audit) override;
  Pending<Status> UpdateConfig(std::int64_t id, const CampaignConfig& config, Millis expected_updated_at, Millis now,
                      const AuditEvent& audit) override;

 private:
  Database& db_;
};

class Roster final : public RosterRepository {
 public:
  explicit Roster(Database& db) : db_(db) {}
  Result<std::vector<OrgUnit>> OrgUnits(std::int64_t campaign) override;
  Result<std::vector<Candidate>> Candidates(std::int64_t campaign) override;
  Result<Candidate> GetCandidate(std::int64_t campaign, std::int64_t id) override;
  Pending<Status> ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now, const AuditEvent& audit) override;
  Pending<Result<std::int64_t>> CreateCandidate(std::int64_t campaign, const Candidate& c, Millis now,
                                       const AuditEvent& audit) override;
  Pending<Status> UpdateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) override;
  Pending<Status> CreateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) override;
  Pending<Status> UpdateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) override;
  Pending<Status> ApplyOrgUnits(std::int64_t campaign, const OrgUnitPlan& plan, const AuditEvent& audit) override;

 private:
  Database& db_;
};

class Users final : public UserRepository {
 public:
  explicit Users(Database& db) : db_(db) {}
  Pending<Result<std::int64_t>> Create(const UserRecord& user, const AuditEvent& audit) override;
  Result<UserRecord> Get(std::int64_t id) override;
  Result<UserRecord> FindByUsername(const std::string& username) override;
  Result<std::pair<std::vector<UserRecord>, int>> List(const UserQuery& query) override;
  Pending<Status> Update(const UserRecord& user, Millis now, const AuditEvent& audit) override;
  Pending<Status> SetPassword(std::int64_t id, const std::string& hash, Millis now, const std::string& keep_session,
                     const AuditEvent& audit) override;
  Result<bool> IsKnownAddress(std::int64_t id, const std::string& ip) override;

 private:
  Database& db_;
};

class Sessions final : public SessionRepository {
 public:
  explicit Sessions(Database& db);
  // After the database is open: the writer folds the coalesced touches.
  void Attach();
  Pending<Status> Create(const SessionRecord& s) override;
  Pending<Status> SignIn(const store::SignIn& sign_in) override;
  Result<std::optional<SessionRecord>> Find(const std::string& token_hash) override;
  void Touch(const std::string& token_hash, Millis now) override;
  Pending<Status> Delete(const std::string& token_hash) override;
  Pending<Status> DeleteExpired(Millis idle_before, Millis created_before) override;

 private:
  Status FoldTouches(Connection& db);
  Database& db_;
  std::mutex touch_mu_;
  std::unordered_map<std::string, Millis> touches_;  // token hash → last seen, not yet written
};

class Throttle final : public ThrottleRepository {
 public:
  explicit Throttle(Database& db) : db_(db) {}
  Result<FailureCounter> Get(const std::string& key) override;
  Pending<Result<std::vector<FailureCounter>>> AddFailures(const std::vector<std::pair<std::string, int>>& keys,
                                                           Millis now, const ThrottlePolicy& policy) override;
  Pending<Status> Clear(const std::string& key) override;

 private:
  Database& db_;
};

class AuditLog final : public AuditRepository {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  Pending<Status> Append(const AuditEvent& event) override;
  Result<std::pair<std::vector<AuditEntry>, int>> List(const AuditQuery& query) override;
  Result<std::vector<AuditEntry>> All() override;

 private:
  Database& db_;
};

class Voters final : public VoterRepository {
 public:
  explicit Voters(Database& db) : db_(db) {}
  Result<std::optional<VoterRecord>> Get(std::int64_t id) override;
  Result<std::optional<voting::OtpState>> Otp(const std::string& phone_hash) override;
  Pending<Result<OtpOutcome>> IssueOtp(const std::string& phone_hash, const std::string& code_hash, Millis now,
                                       std::int64_t day, const voting::OtpPolicy& policy) override;
  Pending<Result<OtpOutcome>> VerifyOtp(const std::string& phone_hash, const std::string& code_hash,
                                        const std::string& phone_tail, Millis now,
                                        const voting::OtpPolicy& policy) override;

 private:
  Database& db_;
};

class Votes final : public VoteRepository {
 public:
  explicit Votes(Database& db) : db_(db) {}
  // Registers the writer epilogue that adds each batch's counts (before any write).
  void Attach();
  Pending<Result<CastOutcome>> Cast(const CastVote& vote) override;
  Result<voting::VoterDay> Today(std::int64_t campaign, std::int64_t voter, std::int64_t day) override;
  Result<std::vector<VoteRecord>> OfVoter(std::int64_t campaign, std::int64_t voter, std::int64_t day) override;
  Result<std::optional<VoteRecord>> ByReceipt(const std::string& receipt) override;
  Result<std::vector<VoteCount>> Counts(std::int64_t campaign) override;
  Result<std::map<std::int64_t, std::int64_t>> CountsBefore(std::int64_t campaign, std::int64_t day, int hour) override;

 private:
  struct HourKey {
    std::int64_t campaign, candidate, day;
    int hour;
    auto operator<=>(const HourKey&) const = default;
  };
  Status WriteCounts(Connection& db);

  Database& db_;
  std::map<HourKey, std::int64_t> pending_counts_;  // the writer thread's alone: this batch's votes
};

class BallotCodes final : public BallotCodeRepository {
 public:
  explicit BallotCodes(Database& db) : db_(db) {}
  Pending<Result<BallotBatch>> CreateBatch(const BallotBatch& batch, const std::vector<std::string>& codes,
                                           const AuditEvent& audit) override;
  Result<std::vector<BallotBatch>> Batches(std::int64_t campaign, const std::string& district) override;
  Result<std::optional<BallotBatch>> Batch(std::int64_t campaign, std::int64_t batch) override;
  Result<std::vector<BallotCode>> Codes(std::int64_t batch) override;
  Pending<Result<int>> Revoke(std::int64_t batch, const std::vector<std::int64_t>& ids, Millis now,
                              const AuditEvent& audit) override;
  Pending<Result<Redeemed>> Redeem(const std::string& code, Millis now) override;
  Result<std::optional<MemberCode>> OfVoter(std::int64_t voter) override;

 private:
  Database& db_;
};

// Voter `id`, read inside a unit or on a reader; nullopt when there is none.
std::optional<VoterRecord> VoterById(Connection& db, std::int64_t id, Status* error);

// The ballot code behind member voter `voter` (kind "member"), read inside a unit; nullopt
// for a phone voter.
std::optional<MemberCode> MemberCodeOf(Connection& db, std::int64_t voter, Status* error);

// The campaign's log size as the connection sees it; an entry appended at `index` (the size,
// inside the caller's write); a vote's entry.
std::int64_t LogSize(Connection& db, std::int64_t campaign, Status* error);
Result<LogLeaf> AppendEntryAt(Connection& db, std::int64_t campaign, std::int64_t index, std::string entry);
std::string VoteEntryBytes(std::int64_t vote_id, const CastVote& vote);
// Inside Cast's unit, after the vote's entry: its quarantine entry and its flag.
Status QuarantineVote(Connection& db, std::int64_t vote_id, const CastVote& vote);

class Review final : public ReviewRepository {
 public:
  explicit Review(Database& db) : db_(db) {}
  Result<std::vector<FlagCounts>> Counts(std::int64_t campaign) override;
  Result<std::vector<Flag>> Flags(std::int64_t campaign, std::int64_t candidate, std::optional<FlagState> state, int limit,
                                  int offset) override;
  Pending<Result<Decided>> Decide(const Decision& decision, const AuditEntry& audit) override;

 private:
  Database& db_;
};

class Log final : public LogRepository {
 public:
  explicit Log(Database& db) : db_(db) {}
  Pending<Result<LogLeaf>> Append(std::int64_t campaign, const std::string& entry) override;
  Result<std::int64_t> Size(std::int64_t campaign) override;
  Result<std::vector<LogLeaf>> Entries(std::int64_t campaign, std::int64_t start, std::int64_t end) override;
  Status LeafHashes(std::int64_t campaign, std::int64_t start, std::int64_t end, std::vector<std::string>& out) override;
  Pending<Status> PublishHead(const TreeHeadRecord& head) override;
  Result<std::optional<TreeHeadRecord>> LatestHead(std::int64_t campaign) override;
  Result<std::optional<TreeHeadRecord>> HeadOfSize(std::int64_t campaign, std::int64_t tree_size) override;
  Result<std::vector<TreeHeadRecord>> Heads(std::int64_t campaign, Millis from, Millis to, int limit) override;

 private:
  Database& db_;
};

class Uploads final : public UploadRepository {
 public:
  explicit Uploads(Database& db) : db_(db) {}
  Pending<Status> Create(const UploadRecord& upload) override;
  Result<std::optional<UploadRecord>> Get(const std::string& id) override;
  Pending<Result<UploadRecord>> Advance(const std::string& id, std::int64_t from, std::int64_t to, Millis now,
                                        Millis expires_at) override;
  Pending<Status> Delete(const std::string& id) override;
  Result<std::vector<UploadRecord>> Expired(Millis now, int limit) override;

 private:
  Database& db_;
};

class Jobs final : public JobRepository {
 public:
  explicit Jobs(Database& db) : db_(db) {}
  Pending<Result<JobRecord>> Enqueue(const std::string& kind, const std::string& subject, int max_attempts,
                                     Millis now) override;
  Pending<Result<std::optional<JobRecord>>> Claim(const std::string& kind, Millis now) override;
  Pending<Status> SetProgress(std::int64_t id, int progress, Millis now) override;
  Pending<Status> Finish(std::int64_t id, const std::string& result, Millis now) override;
  Pending<Status> Fail(std::int64_t id, const std::string& error, bool retry, Millis retry_at, Millis now) override;
  Pending<Result<int>> Recover(Millis now) override;
  Result<std::optional<JobRecord>> Find(const std::string& kind, const std::string& subject) override;

 private:
  Database& db_;
};

class Showcases final : public ShowcaseRepository {
 public:
  explicit Showcases(Database& db) : db_(db) {}
  Result<std::optional<ShowcaseRecord>> Get(std::int64_t campaign, std::int64_t candidate) override;
  Pending<Result<ShowcaseRecord>> SaveDraft(std::int64_t campaign, std::int64_t candidate, const showcase::Content& content,
                                            Millis expected_updated_at, const std::string& by, Millis now,
                                            const AuditEntry& audit) override;
  Pending<Result<ShowcaseRecord>> Submit(std::int64_t campaign, std::int64_t candidate, Millis expected_updated_at,
                                         const std::string& by, Millis now, const AuditEntry& audit) override;
  Pending<Result<ShowcaseRecord>> Decide(std::int64_t campaign, std::int64_t candidate, int version, bool approve,
                                         const std::string& comment, const std::string& by, Millis now,
                                         const AuditEntry& audit) override;
  Result<std::vector<ShowcaseVersion>> Versions(std::int64_t campaign, std::int64_t candidate) override;
  Result<std::optional<ShowcaseVersion>> Approved(std::int64_t campaign, std::int64_t candidate) override;
  Result<std::vector<ShowcaseRecord>> List(std::int64_t campaign) override;

 private:
  Database& db_;
};

class Keys final : public KeyRepository {
 public:
  explicit Keys(Database& db) : db_(db) {}
  Pending<Result<std::string>> Ensure(const std::string& name, const std::string& fresh, Millis now) override;

 private:
  Database& db_;
};

}  // namespace ss::store::sqlite
