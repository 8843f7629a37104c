#include "store/sqlite/sqlite_store.h"

#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

class SqliteStore final : public Store {
 public:
  SqliteStore() : campaigns_(db_), roster_(db_), users_(db_), sessions_(db_), throttle_(db_), audit_(db_),
                  voters_(db_), votes_(db_), keys_(db_), ballot_codes_(db_), log_(db_), review_(db_), uploads_(db_), jobs_(db_), showcases_(db_) {}

  // The writer's last batch folds the sessions' touches: it must run while they exist.
  ~SqliteStore() override { db_.Close(); }

  CampaignRepository& campaigns() override { return campaigns_; }
  RosterRepository& roster() override { return roster_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  ThrottleRepository& throttle() override { return throttle_; }
  AuditRepository& audit() override { return audit_; }
  VoterRepository& voters() override { return voters_; }
  VoteRepository& votes() override { return votes_; }
  KeyRepository& keys() override { return keys_; }
  BallotCodeRepository& ballot_codes() override { return ballot_codes_; }
  LogRepository& log() override { return log_; }
  ReviewRepository& review() override { return review_; }
  UploadRepository& uploads() override { return uploads_; }
  JobRepository& jobs() override { return jobs_; }
  ShowcaseRepository& showcases() override { return showcases_; }

  std::uint64_t Generation() override { return db_.generation(); }
  std::uint64_t WaitForGeneration(std::uint64_t seen, Millis timeout) override {
    return db_.WaitForGeneration(seen, std::chrono::milliseconds(timeout));
  }
  void Close() override { db_.Close(); }

  int SchemaVersion() override {
    auto db = db_.Read();
    auto q = db->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return q->Step() ? static_cast<int>(q->Int(0)) : 0;
  }

  Status Open(const std::string& path, const StoreOptions& options) {
    if (Status s = db_.Open(path, options.readers); !s.ok()) return s;
    sessions_.Attach();
    votes_.Attach();
    return Status::Ok();
  }

 private:
  Database db_;
  Campaigns campaigns_;
  Roster roster_;
  Users users_;
  Sessions sessions_;
  Throttle throttle_;
  AuditLog audit_;
  Voters voters_;
  Votes votes_;
  Keys keys_;
  BallotCodes ballot_codes_;
  Log log_;
  Review review_;
  Uploads uploads_;
  Jobs jobs_;
  Showcases showcases_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  auto store = std::make_unique<SqliteStore>();
  if (Status s = store->Open(path, options); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ss::store::sqlite
