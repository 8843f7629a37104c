// Party members' ballot codes on SQLite (store/voting.h: BallotCodeRepository).
#include <string>

#include "core/voting/refusals.h"
#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

// Batches with their codes' states counted: one pass over the batch's codes (≤ 10,000).
constexpr const char* kBatchSelect =
    "SELECT b.id, b.campaign_id, b.district, b.branch, b.count, b.created_at, b.created_by,"
    " (SELECT COUNT(*) FROM ballot_codes c WHERE c.batch_id = b.id AND c.revoked_at IS NULL AND c.voter_id IS NOT NULL),"
    " (SELECT COUNT(*) FROM ballot_codes c WHERE c.batch_id = b.id AND c.revoked_at IS NOT NULL)"
    " FROM ballot_batches b";

BallotBatch ReadBatch(Statement& q) {
  BallotBatch b;
  b.id = q.Int(0);
  b.campaign_id = q.Int(1);
  b.district = q.Text(2);
  b.branch = q.Text(3);
  b.count = static_cast<int>(q.Int(4));
  b.created_at = q.Int(5);
  b.created_by = q.Text(6);
  b.redeemed = static_cast<int>(q.Int(7));
  b.revoked = static_cast<int>(q.Int(8));
  return b;
}

constexpr const char* kCodeColumns = "c.id, c.batch_id, c.code, c.voter_id, c.redeemed_at, c.revoked_at";

BallotCode ReadCode(Statement& q, int at = 0) {
  BallotCode c;
  c.id = q.Int(at);
  c.batch_id = q.Int(at + 1);
  c.code = q.Text(at + 2);
  c.voter_id = q.IsNull(at + 3) ? 0 : q.Int(at + 3);
  c.redeemed_at = q.IsNull(at + 4) ? 0 : q.Int(at + 4);
  c.revoked_at = q.IsNull(at + 5) ? 0 : q.Int(at + 5);
  c.state = c.revoked_at ? voting::BallotCodeState::kRevoked
            : c.voter_id ? voting::BallotCodeState::kRedeemed
                         : voting::BallotCodeState::kUnused;
  return c;
}

std::optional<MemberCode> ReadMember(Statement& q) {
  if (!q.Step()) return std::nullopt;
  MemberCode m;
  m.code = ReadCode(q);
  m.campaign_id = q.Int(6);
  m.district = q.Text(7);
  m.branch = q.Text(8);
  return m;
}

constexpr const char* kMemberSelect =
    "SELECT c.id, c.batch_id, c.code, c.voter_id, c.redeemed_at, c.revoked_at, b.campaign_id, b.district, b.branch"
    " FROM ballot_codes c JOIN ballot_batches b ON b.id = c.batch_id";

std::optional<BallotBatch> ReadOneBatch(Connection& db, std::int64_t campaign, std::int64_t batch, Status* error) {
  auto q = db.Prepare(std::string(kBatchSelect) + " WHERE b.campaign_id = ? AND b.id = ?");
  q->Bind(1, campaign).Bind(2, batch);
  std::optional<BallotBatch> out;
  if (q->Step()) out = ReadBatch(*q);
  *error = q->error();
  return out;
}

}  // namespace

std::optional<MemberCode> MemberCodeOf(Connection& db, std::int64_t voter, Status* error) {
  auto q = db.Prepare(std::string(kMemberSelect) + " WHERE c.voter_id = ?");
  q->Bind(1, voter);
  auto out = ReadMember(*q);
  *error = q->error();
  return out;
}

Pending<Result<BallotBatch>> BallotCodes::CreateBatch(const BallotBatch& batch, const std::vector<std::string>& codes,
                                                      const AuditEvent& audit) {
  return db_.Write([batch, codes, audit](Connection& db) -> Result<BallotBatch> {
    auto q = db.Prepare(
        "INSERT INTO ballot_batches(campaign_id, district, branch, count, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)");
    q->Bind(1, batch.campaign_id).Bind(2, batch.district).Bind(3, batch.branch).Bind(4, static_cast<std::int64_t>(codes.size()));
    q->Bind(5, batch.created_at).Bind(6, batch.created_by);
    q->Step();
    if (!q->error().ok()) return q->error();
    BallotBatch out = batch;
    out.id = db.LastInsertId();
    out.count = static_cast<int>(codes.size());
    out.redeemed = out.revoked = 0;
    auto insert = db.Prepare("INSERT INTO ballot_codes(batch_id, code) VALUES (?, ?)");
    for (const auto& code : codes) {
      insert->Reset();
      insert->Bind(1, out.id).Bind(2, code);
      insert->Step();
      if (!insert->error().ok()) {
        if (insert->error().code() == code::kConflict) return Status(code::kConflict, "生成的投票码与已有的重复，请重新生成");
        return insert->error();
      }
    }
    AuditEvent e = audit;
    e.target = "campaign:" + std::to_string(batch.campaign_id) + "/ballot-batch:" + std::to_string(out.id);
    if (Status s = AppendAudit(db, e); !s.ok()) return s;
    return out;
  });
}

Result<std::vector<BallotBatch>> BallotCodes::Batches(std::int64_t campaign, const std::string& district) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string(kBatchSelect) + " WHERE b.campaign_id = ? AND (? = '' OR b.district = ?) ORDER BY b.id DESC");
  q->Bind(1, campaign).Bind(2, district).Bind(3, district);
  std::vector<BallotBatch> out;
  while (q->Step()) out.push_back(ReadBatch(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::optional<BallotBatch>> BallotCodes::Batch(std::int64_t campaign, std::int64_t batch) {
  auto db = db_.Read();
  Status error;
  auto out = ReadOneBatch(*db, campaign, batch, &error);
  if (!error.ok()) return error;
  return out;
}

Result<std::vector<BallotCode>> BallotCodes::Codes(std::int64_t batch) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT ") + kCodeColumns + " FROM ballot_codes c WHERE c.batch_id = ? ORDER BY c.id");
  q->Bind(1, batch);
  std::vector<BallotCode> out;
  while (q->Step()) out.push_back(ReadCode(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

Pending<Result<int>> BallotCodes::Revoke(std::int64_t batch, const std::vector<std::int64_t>& ids, Millis now,
                                         const AuditEvent& audit) {
  return db_.Write([batch, ids, now, audit](Connection& db) -> Result<int> {
    int revoked = 0;
    if (ids.empty()) {
      auto q = db.Prepare(
          "UPDATE ballot_codes SET revoked_at = ? WHERE batch_id = ? AND revoked_at IS NULL AND voter_id IS NULL");
      q->Bind(1, now).Bind(2, batch);
      q->Step();
      if (!q->error().ok()) return q->error();
      revoked = db.Changes();
    } else {
      auto find = db.Prepare("SELECT revoked_at IS NULL FROM ballot_codes WHERE id = ? AND batch_id = ?");
      auto update = db.Prepare("UPDATE ballot_codes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
      for (std::int64_t id : ids) {
        find->Reset();
        find->Bind(1, id).Bind(2, batch);
        if (!find->Step()) {
          if (!find->error().ok()) return find->error();
          return Status(code::kNotFound, "本批次中没有编号为 " + std::to_string(id) + " 的投票码");
        }
        if (find->Int(0) == 0) continue;  // revoked already
        update->Reset();
        update->Bind(1, now).Bind(2, id);
        update->Step();
        if (!update->error().ok()) return update->error();
        revoked += db.Changes();
      }
    }
    if (revoked > 0) {
      AuditEvent e = audit;
      e.after = "{\"revoked\":" + std::to_string(revoked) + "}";
      if (Status s = AppendAudit(db, e); !s.ok()) return s;
    }
    return revoked;
  });
}

Pending<Result<BallotCodeRepository::Redeemed>> BallotCodes::Redeem(const std::string& code, Millis now) {
  return db_.Write([code, now](Connection& db) -> Result<Redeemed> {
    Redeemed out;
    auto q = db.Prepare(std::string(kMemberSelect) + " WHERE c.code = ?");
    q->Bind(1, code);
    auto member = ReadMember(*q);
    if (!q->error().ok()) return q->error();
    if (!member) {
      out.refusal = voting::Refusal(voting::kBallotCodeUnknown);
      return out;
    }
    if (member->code.state == voting::BallotCodeState::kRevoked) {
      out.refusal = voting::Refusal(voting::kBallotCodeRevoked);
      return out;
    }
    if (member->code.voter_id == 0) {
      auto v = db.Prepare("INSERT INTO voters(phone_hash, phone_tail, kind, created_at) VALUES (?, ?, 'member', ?)");
      v->Bind(1, "member:" + std::to_string(member->code.id)).Bind(2, code.substr(code.size() - 4)).Bind(3, now);
      v->Step();
      if (!v->error().ok()) return v->error();
      member->code.voter_id = db.LastInsertId();
      member->code.redeemed_at = now;
      member->code.state = voting::BallotCodeState::kRedeemed;
      auto u = db.Prepare("UPDATE ballot_codes SET voter_id = ?, redeemed_at = ? WHERE id = ?");
      u->Bind(1, member->code.voter_id).Bind(2, now).Bind(3, member->code.id);
      u->Step();
      if (!u->error().ok()) return u->error();
    }
    Status error;
    auto voter = VoterById(db, member->code.voter_id, &error);
    if (!error.ok()) return error;
    if (!voter) return Status(code::kInternal, "党员选民记录缺失");
    out.voter = std::move(*voter);
    out.member = std::move(*member);
    return out;
  });
}

Result<std::optional<MemberCode>> BallotCodes::OfVoter(std::int64_t voter) {
  auto db = db_.Read();
  Status error;
  auto out = MemberCodeOf(*db, voter, &error);
  if (!error.ok()) return error;
  return out;
}

}  // namespace ss::store::sqlite
