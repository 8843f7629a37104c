// Voters, one-time codes, votes and keys on SQLite (store/voting.h).
#include <algorithm>

#include "core/secrets.h"
#include "core/voting/receipt.h"
#include "core/voting/refusals.h"
#include "store/sqlite/repositories.h"

namespace ss::store::sqlite {
namespace {

std::optional<voting::OtpState> ReadOtp(Connection& db, const std::string& phone_hash, Status* error) {
  auto q = db.Prepare(
      "SELECT code_hash, sent_at, expires_at, attempts, day, sent_today FROM voter_otps WHERE phone_hash = ?");
  q->Bind(1, phone_hash);
  std::optional<voting::OtpState> out;
  if (q->Step()) {
    voting::OtpState s;
    s.code_hash = q->Text(0);
    s.sent_at = q->Int(1);
    s.expires_at = q->Int(2);
    s.attempts = static_cast<int>(q->Int(3));
    s.day = q->Int(4);
    s.sent_today = static_cast<int>(q->Int(5));
    out = std::move(s);
  }
  *error = q->error();
  return out;
}

Status WriteOtp(Connection& db, const std::string& phone_hash, const voting::OtpState& s) {
  auto q = db.Prepare(
      "INSERT INTO voter_otps(phone_hash, code_hash, sent_at, expires_at, attempts, day, sent_today)"
      " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(phone_hash) DO UPDATE SET code_hash = excluded.code_hash,"
      " sent_at = excluded.sent_at, expires_at = excluded.expires_at, attempts = excluded.attempts,"
      " day = excluded.day, sent_today = excluded.sent_today");
  q->Bind(1, phone_hash).Bind(2, s.code_hash).Bind(3, s.sent_at).Bind(4, s.expires_at).Bind(5, s.attempts);
  q->Bind(6, s.day).Bind(7, s.sent_today);
  q->Step();
  return q->error();
}

VoterRecord ReadVoter(Statement& q) {
  return VoterRecord{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4)};
}

// A vote with its leaf: "SELECT" kVoteFrom "WHERE …" (the votes as v).
constexpr const char* kVoteFrom =
    " v.id, v.campaign_id, v.candidate_id, v.voter_id, v.group_key, v.day, v.cast_at, v.receipt_secret,"
    " v.leaf_index, l.leaf_hash FROM votes v"
    " LEFT JOIN log_entries l ON l.campaign_id = v.campaign_id AND l.idx = v.leaf_index ";

VoteRecord ReadVote(Statement& q) {
  return VoteRecord{q.Int(0), q.Int(1), q.Int(2), q.Int(3), q.Text(4), q.Int(5), q.Int(6),
                    voting::ReceiptOf(q.Int(0), q.Text(7)), q.IsNull(8) ? -1 : q.Int(8), q.Text(9)};
}

voting::VoterDay ReadDay(Connection& db, std::int64_t campaign, std::int64_t voter, std::int64_t day, Status* error) {
  voting::VoterDay d;
  auto q = db.Prepare("SELECT candidate_id, group_key FROM votes WHERE campaign_id = ? AND voter_id = ? AND day = ?");
  q->Bind(1, campaign).Bind(2, voter).Bind(3, day);
  while (q->Step()) {
    d.votes += 1;
    d.candidates.push_back(q->Int(0));
    d.by_group[q->Text(1)] += 1;
  }
  *error = q->error();
  return d;
}

}  // namespace

std::optional<VoterRecord> VoterById(Connection& db, std::int64_t id, Status* error) {
  auto q = db.Prepare("SELECT id, phone_hash, phone_tail, kind, created_at FROM voters WHERE id = ?");
  q->Bind(1, id);
  std::optional<VoterRecord> out;
  if (q->Step()) out = ReadVoter(*q);
  *error = q->error();
  return out;
}

Result<std::optional<VoterRecord>> Voters::Get(std::int64_t id) {
  auto db = db_.Read();
  Status error;
  auto out = VoterById(*db, id, &error);
  if (!error.ok()) return error;
  return out;
}

Result<std::optional<voting::OtpState>> Voters::Otp(const std::string& phone_hash) {
  auto db = db_.Read();
  Status error;
  auto s = ReadOtp(*db, phone_hash, &error);
  if (!error.ok()) return error;
  return s;
}

Pending<Result<VoterRepository::OtpOutcome>> Voters::IssueOtp(const std::string& phone_hash,
                                                              const std::string& code_hash, Millis now,
                                                              std::int64_t day, const voting::OtpPolicy& policy) {
  return db_.Write([phone_hash, code_hash, now, day, policy](Connection& db) -> Result<OtpOutcome> {
    Status error;
    auto state = ReadOtp(db, phone_hash, &error);
    if (!error.ok()) return error;
    OtpOutcome out;
    out.refusal = voting::CheckSend(policy, state, now, day, &out.retry_after_ms);
    if (!out.refusal.ok()) return out;
    if (Status s = WriteOtp(db, phone_hash, voting::AfterSend(policy, state, now, day, code_hash)); !s.ok()) return s;
    return out;
  });
}

Pending<Result<VoterRepository::OtpOutcome>> Voters::VerifyOtp(const std::string& phone_hash,
                                                               const std::string& code_hash,
                                                               const std::string& phone_tail, Millis now,
                                                               const voting::OtpPolicy& policy) {
  return db_.Write([phone_hash, code_hash, phone_tail, now, policy](Connection& db) -> Result<OtpOutcome> {
    Status error;
    auto state = ReadOtp(db, phone_hash, &error);
    if (!error.ok()) return error;
    bool matches = state && !state->code_hash.empty() && SecretsEqual(state->code_hash, code_hash);
    auto check = voting::CheckCode(policy, state, matches, now);
    // The attempt is written whatever the answer: the unit commits and carries the refusal.
    if (state) {
      if (Status s = WriteOtp(db, phone_hash, check.next); !s.ok()) return s;
    }
    OtpOutcome out;
    out.refusal = check.status;
    if (!out.refusal.ok()) return out;
    {
      auto q = db.Prepare(
          "INSERT INTO voters(phone_hash, phone_tail, kind, created_at) VALUES (?, ?, 'phone', ?)"
          " ON CONFLICT(phone_hash) DO NOTHING");
      q->Bind(1, phone_hash).Bind(2, phone_tail).Bind(3, now);
      q->Step();
      if (!q->error().ok()) return q->error();
    }
    auto q = db.Prepare("SELECT id, phone_hash, phone_tail, kind, created_at FROM voters WHERE phone_hash = ?");
    q->Bind(1, phone_hash);
    if (!q->Step()) return q->error().ok() ? Status(code::kInternal, "选民记录写入失败") : q->error();
    out.voter = ReadVoter(*q);
    return out;
  });
}

void Votes::Attach() {
  db_.writer().AddEpilogue({[this](Connection& db) { return WriteCounts(db); }, [this] { pending_counts_.clear(); }});
}

// The batch's votes per candidate and hour, added to vote_counts in the batch's transaction.
Status Votes::WriteCounts(Connection& db) {
  if (pending_counts_.empty()) return Status();
  auto c = db.Prepare(
      "INSERT INTO vote_counts(campaign_id, candidate_id, day, hour, n) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT(campaign_id, candidate_id, day, hour) DO UPDATE SET n = n + excluded.n");
  Status out;
  for (const auto& [key, n] : pending_counts_) {
    c->Reset();
    c->Bind(1, key.campaign).Bind(2, key.candidate).Bind(3, key.day).Bind(4, key.hour).Bind(5, n);
    c->Step();
    if (!c->error().ok()) {
      out = c->error();
      break;
    }
  }
  pending_counts_.clear();
  return out;
}

Pending<Result<CastOutcome>> Votes::Cast(const CastVote& v) {
  return db_.Write([this, v](Connection& db) -> Result<CastOutcome> {
    if (!v.idempotency_key.empty()) {
      auto q = db.Prepare(std::string("SELECT") + kVoteFrom + "WHERE v.voter_id = ? AND v.idem_key = ?");
      q->Bind(1, v.voter_id).Bind(2, v.idempotency_key);
      if (q->Step()) {
        CastOutcome out{ReadVote(*q), true, 0};
        Status error;
        out.votes_today = ReadDay(db, out.vote.campaign_id, v.voter_id, out.vote.day, &error).votes;
        if (!error.ok()) return error;
        return out;
      }
      if (!q->error().ok()) return q->error();
    }
    Status error;
    if (v.member) {
      // Read in the unit, so that a vote after the revocation's commit is refused on every node.
      auto member = MemberCodeOf(db, v.voter_id, &error);
      if (!error.ok()) return error;
      if (!member || member->code.state == voting::BallotCodeState::kRevoked)
        return voting::Refusal(voting::kBallotCodeRevoked);
      if (member->campaign_id != v.campaign_id) return voting::Refusal(voting::kBallotCodeElsewhere);
    }
    voting::VoterDay today = ReadDay(db, v.campaign_id, v.voter_id, v.day, &error);
    if (!error.ok()) return error;
    if (Status s = voting::CheckVote(v.policy, today, v.candidate_id, v.group_key); !s.ok()) return s;
    // A replayed challenge is refused by the unique index on (voter, challenge) below: no
    // look-up of its own (the server refuses most replays from memory before they get here).
    int candidate_seq = 1 + static_cast<int>(std::count(today.candidates.begin(), today.candidates.end(), v.candidate_id));
    auto g = today.by_group.find(v.group_key);
    int group_seq = 1 + (g == today.by_group.end() ? 0 : g->second);
    std::int64_t leaf_index = LogSize(db, v.campaign_id, &error);
    if (!error.ok()) return error;
    auto q = db.Prepare(
        "INSERT INTO votes(campaign_id, candidate_id, group_key, voter_id, day, day_seq, candidate_seq, group_seq,"
        " cast_at, receipt_secret, idem_key, pow, ip, leaf_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->Bind(1, v.campaign_id).Bind(2, v.candidate_id).Bind(3, v.group_key).Bind(4, v.voter_id).Bind(5, v.day);
    q->Bind(6, today.votes + 1).Bind(7, candidate_seq).Bind(8, group_seq).Bind(9, v.cast_at).Bind(10, v.receipt);
    if (v.idempotency_key.empty()) q->BindNull(11);
    else q->Bind(11, v.idempotency_key);
    q->Bind(12, v.pow).Bind(13, v.ip).Bind(14, leaf_index);
    q->Step();
    if (!q->error().ok()) {
      // Another writer took the same place first (several nodes): the constraint that
      // refused it names the rule.
      const std::string& m = q->error().message();
      if (m.find("UNIQUE") != std::string::npos) {
        if (m.find("votes.pow") != std::string::npos) return voting::Refusal(voting::kPowReplayed);
        if (m.find("candidate_seq") != std::string::npos) return voting::Refusal(voting::kAlreadyVotedToday);
        if (m.find("group_seq") != std::string::npos) return voting::Refusal(voting::kGroupQuota);
        if (m.find("day_seq") != std::string::npos) return voting::Refusal(voting::kDailyQuota);
      }
      return q->error();
    }
    CastOutcome out;
    std::int64_t id = db.LastInsertId();
    out.vote = VoteRecord{id, v.campaign_id, v.candidate_id, v.voter_id, v.group_key, v.day, v.cast_at,
                          voting::ReceiptOf(id, v.receipt), leaf_index, {}};
    // The vote's leaf, in the same unit: the log holds every stored vote and nothing else.
    auto leaf = AppendEntryAt(db, v.campaign_id, leaf_index, VoteEntryBytes(id, v));
    if (!leaf) return leaf.status();
    out.vote.leaf_hash = std::move(leaf->leaf_hash);
    out.votes_today = today.votes + 1;
    if (v.quarantine) {
      // Logged as a vote, then as quarantined; flagged; not counted as valid.
      if (Status s = QuarantineVote(db, id, v); !s.ok()) return s;
      out.quarantined = true;
      return out;
    }
    // Last, when nothing of the unit can fail any more: its count goes with the batch.
    pending_counts_[HourKey{v.campaign_id, v.candidate_id, v.day, v.hour}] += 1;
    return out;
  });
}

Result<voting::VoterDay> Votes::Today(std::int64_t campaign, std::int64_t voter, std::int64_t day) {
  auto db = db_.Read();
  Status error;
  auto d = ReadDay(*db, campaign, voter, day, &error);
  if (!error.ok()) return error;
  return d;
}

Result<std::vector<VoteRecord>> Votes::OfVoter(std::int64_t campaign, std::int64_t voter, std::int64_t day) {
  auto db = db_.Read();
  auto q = db->Prepare(std::string("SELECT") + kVoteFrom +
                       "WHERE v.campaign_id = ? AND v.voter_id = ? AND v.day = ? ORDER BY v.id");
  q->Bind(1, campaign).Bind(2, voter).Bind(3, day);
  std::vector<VoteRecord> out;
  while (q->Step()) out.push_back(ReadVote(*q));
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::optional<VoteRecord>> Votes::ByReceipt(const std::string& receipt) {
  auto db = db_.Read();
  auto parts = voting::SplitReceipt(receipt);
  if (!parts) return std::optional<VoteRecord>();
  auto q = db->Prepare(std::string("SELECT") + kVoteFrom + "WHERE v.id = ?");
  q->Bind(1, parts->id);
  std::optional<VoteRecord> out;
  if (q->Step() && SecretsEqual(q->Text(7), parts->secret)) out = ReadVote(*q);
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::vector<VoteCount>> Votes::Counts(std::int64_t campaign) {
  auto db = db_.Read();
  auto q = db->Prepare("SELECT candidate_id, day, hour, n FROM vote_counts WHERE campaign_id = ?");
  q->Bind(1, campaign);
  std::vector<VoteCount> out;
  while (q->Step()) out.push_back(VoteCount{q->Int(0), q->Int(1), static_cast<int>(q->Int(2)), q->Int(3)});
  if (!q->error().ok()) return q->error();
  return out;
}

Result<std::map<std::int64_t, std::int64_t>> Votes::CountsBefore(std::int64_t campaign, std::int64_t day, int hour) {
  auto db = db_.Read();
  auto q = db->Prepare(
      "SELECT candidate_id, SUM(n) FROM vote_counts WHERE campaign_id = ? AND (day < ? OR (day = ? AND hour < ?))"
      " GROUP BY candidate_id");
  q->Bind(1, campaign).Bind(2, day).Bind(3, day).Bind(4, hour);
  std::map<std::int64_t, std::int64_t> out;
  while (q->Step()) out[q->Int(0)] = q->Int(1);
  if (!q->error().ok()) return q->error();
  return out;
}

Pending<Result<std::string>> Keys::Ensure(const std::string& name, const std::string& fresh, Millis now) {
  return db_.Write([name, fresh, now](Connection& db) -> Result<std::string> {
    {
      auto q = db.Prepare("INSERT INTO server_keys(name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING");
      q->Bind(1, name).Bind(2, fresh).Bind(3, now);
      q->Step();
      if (!q->error().ok()) return q->error();
    }
    auto q = db.Prepare("SELECT secret FROM server_keys WHERE name = ?");
    q->Bind(1, name);
    if (!q->Step()) return q->error().ok() ? Status(code::kInternal, "密钥写入失败") : q->error();
    return q->Text(0);
  });
}

}  // namespace ss::store::sqlite
