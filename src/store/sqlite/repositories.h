// The SQLite repositories. Each holds the Database and implements one interface of
// store/store.h; sqlite_store.cpp puts them together.
#pragma once

#include "store/sqlite/database.h"
#include "store/store.h"

namespace ss::store::sqlite {

class Campaigns final : public CampaignRepository {
 public:
  explicit Campaigns(Database& db) : db_(db) {}
  Result<std::vector<CampaignRecord>> List() override;
  Result<CampaignRecord> Get(std::int64_t id) override;
  Result<std::int64_t> Create(const CampaignDocument& doc, PhaseKey phase, Millis now, const AuditEvent& audit) override;
  Status SetPhase(std::int64_t id, PhaseKey from, PhaseKey to, Millis now, const AuditEvent& audit) override;
  Status UpdateConfig(std::int64_t id, const CampaignConfig& config, Millis expected_updated_at, Millis now,
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
  Status ApplyRoster(std::int64_t campaign, const RosterPlan& plan, Millis now, const AuditEvent& audit) override;
  Result<std::int64_t> CreateCandidate(std::int64_t campaign, const Candidate& c, Millis now,
                                       const AuditEvent& audit) override;
  Status UpdateCandidate(std::int64_t campaign, const Candidate& c, Millis now, const AuditEvent& audit) override;
  Status CreateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) override;
  Status UpdateOrgUnit(std::int64_t campaign, const OrgUnit& unit, const AuditEvent& audit) override;
  Status ApplyOrgUnits(std::int64_t campaign, const OrgUnitPlan& plan, const AuditEvent& audit) override;

 private:
  Database& db_;
};

class Users final : public UserRepository {
 public:
  explicit Users(Database& db) : db_(db) {}
  Result<std::int64_t> Create(const UserRecord& user, const AuditEvent& audit) override;
  Result<UserRecord> Get(std::int64_t id) override;
  Result<UserRecord> FindByUsername(const std::string& username) override;
  Result<std::pair<std::vector<UserRecord>, int>> List(const UserQuery& query) override;
  Status Update(const UserRecord& user, Millis now, const AuditEvent& audit) override;
  Status SetPassword(std::int64_t id, const std::string& hash, Millis now, const std::string& keep_session,
                     const AuditEvent& audit) override;
  Status RecordLogin(std::int64_t id, const std::string& ip, Millis now, const AuditEvent& audit) override;
  Result<bool> IsKnownAddress(std::int64_t id, const std::string& ip) override;

 private:
  Database& db_;
};

class Sessions final : public SessionRepository {
 public:
  explicit Sessions(Database& db) : db_(db) {}
  Status Create(const SessionRecord& s) override;
  Result<std::optional<SessionRecord>> Find(const std::string& token_hash) override;
  Status Touch(const std::string& token_hash, Millis now) override;
  Status Delete(const std::string& token_hash) override;
  Status DeleteExpired(Millis idle_before, Millis created_before) override;

 private:
  Database& db_;
};

class Throttle final : public ThrottleRepository {
 public:
  explicit Throttle(Database& db) : db_(db) {}
  Result<FailureCounter> Get(const std::string& key) override;
  Result<FailureCounter> AddFailure(const std::string& key, Millis now, int lock_after,
                                    const ThrottlePolicy& policy) override;
  Status Clear(const std::string& key) override;

 private:
  Database& db_;
};

class AuditLog final : public AuditRepository {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  Status Append(const AuditEvent& event) override;
  Result<std::pair<std::vector<AuditEntry>, int>> List(const AuditQuery& query) override;
  Result<std::vector<AuditEntry>> All() override;

 private:
  Database& db_;
};

}  // namespace ss::store::sqlite
