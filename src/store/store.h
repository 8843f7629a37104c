// The storage interface: repositories that hide which database holds the data.
//
// Every method may be called from any thread. Reads block (disk and network I/O), so the
// server calls them off its I/O threads. Writes never block: each is queued for the store's
// one writer and returns a Pending (store/pending.h) that is answered after the write has
// committed durably, or was refused; a write either commits whole or changes nothing. Each
// write checks its own preconditions and invariants inside its transaction (revisions,
// constraints, quotas), so that they hold with several writers on a shared database too.
// Arguments are copied: nothing needs to outlive the call. Callers depend only on this
// header; OpenStore picks the implementation from the URL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/campaign.h"
#include "core/campaign_json.h"
#include "core/candidate.h"
#include "core/org.h"
#include "core/org_import.h"
#include "core/login_throttle.h"
#include "core/phase.h"
#include "core/policy.h"
#include "core/roster.h"
#include "core/status.h"
#include "core/time.h"
#include "store/pending.h"
#include "store/jobs.h"
#include "store/log.h"
#include "store/media.h"
#include "store/review.h"
#include "store/showcases.h"
#include "store/voting.h"

namespace ss::store {

// Administrative writes take the audit entry to append in the same transaction (the store
// fills in its id and hashes): a change and its trace commit together or not at all.
using AuditEvent = AuditEntry;

struct CampaignRecord {
  std::int64_t id = 0;
  CampaignConfig config;
  PhaseKey phase = PhaseKey::kDraft;  // as stored; see EffectivePhase for auto-advance
  Millis created_at = 0;
  Millis updated_at = 0;
};

class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;
  // All campaigns, newest first.
  virtual Result<std::vector<CampaignRecord>> List() = 0;
  // kNotFound when there is no such campaign.
  virtual Result<CampaignRecord> Get(std::int64_t id) = 0;
  // Stores a parsed (already valid) document: the campaign, its org units and candidates.
  virtual Pending<Result<std::int64_t>> Create(const CampaignDocument& doc, PhaseKey phase, Millis now,
                                      const AuditEvent& audit) = 0;
  // Moves the phase only if it is still `from` (kConflict otherwise), and with it the phases'
  // dates (PlanAdvance's schedule), inside the same write: the rest of the configuration is
  // the one stored at the time of the write.
  virtual Pending<Status> SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, const PhaseSchedule& schedule, Millis now,
                                   const AuditEvent& audit) = 0;
  // Replaces the configuration (already validated) if the campaign was last changed at
  // `expected_updated_at` (kConflict otherwise: someone else saved in between); kInvalid when
  // its award quotas do not fit the groups' sizes at the time of the write.
  virtual Pending<Status> UpdateConfig(std::int64_t id, const CampaignConfig& config, Millis expected_updated_at, Millis now,
                              const AuditEvent& audit) = 0;
};

class RosterRepository {
 public:
  virtual ~RosterRepository() = default;
  // In the order they were imported (parents before children). kNotFound for no campaign.
  virtual Result<std::vector<OrgUnit>> OrgUnits(std::int64_t campaign) = 0;
  // All candidates, inactive ones too, ordered by 序号.
  virtual Result<std::vector<Candidate>> Candidates(std::int64_t campaign) = 0;
  // kNotFound when the candidate is not in this campaign.
  virtual Result<Candidate> GetCandidate(std::int64_t campaign, std::int64_t id) = 0;
  // Applies a plan made by PlanRoster in one transaction. Every update must still be at the
  // revision it was planned on (kConflict otherwise); see UpdateCandidate for the invariants.
  virtual Pending<Status> ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now, const AuditEvent& audit) = 0;
  // kConflict for a taken 序号 or a unit that already has an active secretary; kInvalid when
  // the award quotas would no longer fit the groups' sizes.
  virtual Pending<Result<std::int64_t>> CreateCandidate(std::int64_t campaign, const Candidate& c, Millis now,
                                               const AuditEvent& audit) = 0;
  // Writes every field of `c` (by c.id) if the row is still at c.revision (kConflict
  // otherwise), with the same invariants as CreateCandidate.
  virtual Pending<Status> UpdateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) = 0;
  // kConflict for a taken code.
  virtual Pending<Status> CreateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) = 0;
  // Writes the name and the active flag (by code); kInvalid when it would disable a unit that
  // still has an active secretary.
  virtual Pending<Status> UpdateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) = 0;
  // Applies a plan made by PlanOrgUnits in one transaction.
  virtual Pending<Status> ApplyOrgUnits(std::int64_t campaign, const OrgUnitPlan& plan, const AuditEvent& audit) = 0;
};

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kJudge;
  std::string district;          // district code for district admins
  std::int64_t candidate_id = 0; // for candidate accounts
  std::string password_hash;     // Argon2id, in libsodium's string form
  bool disabled = false;
  Millis created_at = 0;
  Millis updated_at = 0;
  Millis last_login_at = 0;
  Millis password_changed_at = 0;
};

struct UserQuery {
  std::string q;      // in username or display name
  std::string role;   // role key or ""
  int page = 1;
  int page_size = 20;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // kConflict when the username is taken.
  virtual Pending<Result<std::int64_t>> Create(const UserRecord& user, const AuditEvent& audit) = 0;
  virtual Result<UserRecord> Get(std::int64_t id) = 0;
  // kNotFound for no such user.
  virtual Result<UserRecord> FindByUsername(const std::string& username) = 0;
  virtual Result<std::pair<std::vector<UserRecord>, int>> List(const UserQuery& query) = 0;
  // Writes display name, role, district, candidate, disabled (by id); disabling ends the
  // user's sessions.
  virtual Pending<Status> Update(const UserRecord& user, Millis now, const AuditEvent& audit) = 0;
  // Sets a new password hash and ends every session of the user except `keep_session`
  // (a token hash, or "" to end them all).
  virtual Pending<Status> SetPassword(std::int64_t id, const std::string& hash, Millis now, const std::string& keep_session,
                             const AuditEvent& audit) = 0;
  virtual Result<bool> IsKnownAddress(std::int64_t id, const std::string& ip) = 0;
};

struct SessionRecord {
  std::string token_hash;  // the token itself is never stored
  std::int64_t user_id = 0;
  std::string csrf_token;
  Millis created_at = 0;
  Millis last_seen_at = 0;
  std::string ip;
  std::string user_agent;
};

// Everything a successful sign-in writes, as one write: the session, the user's last sign-in
// and known address, the failure counters it clears, the sweep of expired sessions, the
// audit entry.
struct SignIn {
  SessionRecord session;
  std::vector<std::string> clear_counters;  // throttle keys
  Millis idle_before = 0, created_before = 0;  // sessions to sweep (see DeleteExpired)
  AuditEvent audit;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Pending<Status> Create(const SessionRecord& session) = 0;
  // kNotFound when session.user_id is no user.
  virtual Pending<Status> SignIn(const SignIn& sign_in) = 0;
  // nullopt when there is no such session. A touch not yet written shows in last_seen_at.
  virtual Result<std::optional<SessionRecord>> Find(const std::string& token_hash) = 0;
  // Coalesced bookkeeping, not a durable write: touches are written together a few seconds
  // later, and a crash loses at most those (a session then looks idle a little earlier).
  virtual void Touch(const std::string& token_hash, Millis now) = 0;
  virtual Pending<Status> Delete(const std::string& token_hash) = 0;
  // Sessions idle since before `idle_before` or created before `created_before`.
  virtual Pending<Status> DeleteExpired(Millis idle_before, Millis created_before) = 0;
};

// Failure counters for sign-in throttling, by key ("account:…", "pair:…", "ip:…").
class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;
  virtual Result<FailureCounter> Get(const std::string& key) = 0;
  // Counts one failure on each key atomically (AfterFailure inside the write, each key with
  // its own lock threshold), so that parallel guesses are all counted; returns the counters
  // after it, in the order of `keys`.
  virtual Pending<Result<std::vector<FailureCounter>>> AddFailures(
      const std::vector<std::pair<std::string, int>>& keys_and_lock_after, Millis now, const ThrottlePolicy& policy) = 0;
  virtual Pending<Status> Clear(const std::string& key) = 0;
};

struct AuditQuery {
  std::string actor;     // username
  std::string action;    // exact, or a prefix ending in '.' ("candidate.")
  std::string target;    // whole segments: "candidate:97" finds campaign:1/candidate:97, not …:970
  std::string district;  // when set, only entries of this district (district admins)
  std::int64_t actor_id = 0;  // with district: also the caller's own entries
  Millis from = 0, to = 0;    // 0 = open
  int page = 1;
  int page_size = 20;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends an entry on its own (sign-out, and actions that change no other data).
  virtual Pending<Status> Append(const AuditEvent& event) = 0;
  // Newest first, with the total.
  virtual Result<std::pair<std::vector<AuditEntry>, int>> List(const AuditQuery& query) = 0;
  // Every entry in id order, for verification.
  virtual Result<std::vector<AuditEntry>> All() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual CampaignRepository& campaigns() = 0;
  virtual RosterRepository& roster() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ThrottleRepository& throttle() = 0;
  virtual AuditRepository& audit() = 0;
  virtual VoterRepository& voters() = 0;
  virtual VoteRepository& votes() = 0;
  virtual KeyRepository& keys() = 0;
  virtual BallotCodeRepository& ballot_codes() = 0;
  virtual LogRepository& log() = 0;
  virtual ReviewRepository& review() = 0;
  virtual UploadRepository& uploads() = 0;
  virtual JobRepository& jobs() = 0;
  virtual ShowcaseRepository& showcases() = 0;

  // Changes whenever campaign, org unit or candidate data was committed, by this process or
  // another one (the latter is noticed within about a second); sessions, sign-in counters,
  // accounts and the audit log do not move it. Read caches compare it to decide when to rebuild.
  virtual std::uint64_t Generation() = 0;
  // Blocks until Generation() differs from `seen` or `timeout` has passed; returns it. A write
  // of this process has moved it by the time the write is answered.
  virtual std::uint64_t WaitForGeneration(std::uint64_t seen, Millis timeout) = 0;

  // Commits and answers every write already queued, refuses later ones (kUnavailable), and
  // stops the writer. Called before the server's threads go; the destructor calls it too.
  virtual void Close() = 0;

  // The schema version the database is at.
  virtual int SchemaVersion() = 0;
};

struct StoreOptions {
  int readers = 4;  // pooled read connections
};

// `url` is "sqlite:PATH" or a plain file path. Creates the database when missing and applies
// pending migrations. kUnavailable with a message naming the path when it cannot be opened
// or written; "schema_too_new" when the database was written by a newer Shuangshai.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace ss::store
