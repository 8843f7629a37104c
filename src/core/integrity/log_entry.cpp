#include "core/integrity/log_entry.h"

namespace ss::integrity {
namespace {

constexpr std::size_t kVoteSize = 2 + 8 + 8 + 8 + 32 + 8;
constexpr std::size_t kDecisionSize = 2 + 8 + 8 + 8;

void PutU64(std::string& out, std::int64_t v) {
  const auto x = static_cast<std::uint64_t>(v);
  for (int i = 7; i >= 0; --i) out += static_cast<char>((x >> (8 * i)) & 0xff);
}

std::int64_t GetU64(std::string_view in, std::size_t at) {
  std::uint64_t x = 0;
  for (std::size_t i = 0; i < 8; ++i) x = (x << 8) | static_cast<unsigned char>(in[at + i]);
  return static_cast<std::int64_t>(x);
}

Status Refuse(std::int64_t index, const std::string& why) {
  return Status(code::kInvalid, "日志第 " + std::to_string(index) + " 条：" + why);
}

}  // namespace

std::string EncodeVote(std::int64_t vote_id, std::int64_t campaign, std::int64_t candidate,
                       std::string_view voter, std::int64_t cast_at) {
  std::string out;
  out.reserve(kVoteSize);
  out += static_cast<char>(kEntryVersion);
  out += static_cast<char>(EntryType::kVote);
  PutU64(out, vote_id);
  PutU64(out, campaign);
  PutU64(out, candidate);
  // The pseudonym is always 32 bytes; pad or cut so that the entry's length never varies.
  std::string v(voter.substr(0, 32));
  v.resize(32, '\0');
  out += v;
  PutU64(out, cast_at);
  return out;
}

std::string EncodeDecision(EntryType type, std::int64_t vote_id, std::int64_t campaign, std::int64_t at) {
  std::string out;
  out.reserve(kDecisionSize);
  out += static_cast<char>(kEntryVersion);
  out += static_cast<char>(type);
  PutU64(out, vote_id);
  PutU64(out, campaign);
  PutU64(out, at);
  return out;
}

std::string Encode(const LogEntry& e) {
  if (e.type == EntryType::kVote) return EncodeVote(e.vote_id, e.campaign, e.candidate, e.voter, e.at);
  return EncodeDecision(e.type, e.vote_id, e.campaign, e.at);
}

std::optional<LogEntry> Decode(std::string_view b) {
  if (b.size() < 2 || static_cast<unsigned char>(b[0]) != kEntryVersion) return std::nullopt;
  LogEntry e;
  const auto type = static_cast<unsigned char>(b[1]);
  switch (type) {
    case static_cast<unsigned char>(EntryType::kVote):
      if (b.size() != kVoteSize) return std::nullopt;
      e.type = EntryType::kVote;
      e.vote_id = GetU64(b, 2);
      e.campaign = GetU64(b, 10);
      e.candidate = GetU64(b, 18);
      e.voter = std::string(b.substr(26, 32));
      e.at = GetU64(b, 58);
      return e;
    case static_cast<unsigned char>(EntryType::kQuarantine):
    case static_cast<unsigned char>(EntryType::kRelease):
    case static_cast<unsigned char>(EntryType::kInvalidate):
      if (b.size() != kDecisionSize) return std::nullopt;
      e.type = static_cast<EntryType>(type);
      e.vote_id = GetU64(b, 2);
      e.campaign = GetU64(b, 10);
      e.at = GetU64(b, 18);
      return e;
    default:
      return std::nullopt;
  }
}

const char* EntryTypeName(EntryType t) {
  switch (t) {
    case EntryType::kVote: return "vote";
    case EntryType::kQuarantine: return "quarantine";
    case EntryType::kRelease: return "release";
    case EntryType::kInvalidate: return "invalidate";
  }
  return "unknown";
}

Status LogTally::Apply(std::int64_t index, std::string_view bytes) {
  auto e = Decode(bytes);
  if (!e) return Refuse(index, "格式不正确（版本、类型或长度不符）");
  if (e->campaign != campaign_) {
    return Refuse(index, "属于活动 " + std::to_string(e->campaign) + "，不属于活动 " + std::to_string(campaign_));
  }
  const std::string vote = "选票 " + std::to_string(e->vote_id);
  auto it = votes_.find(e->vote_id);
  if (e->type == EntryType::kVote) {
    if (it != votes_.end()) return Refuse(index, vote + " 重复出现");
    votes_.emplace(e->vote_id, Vote{e->candidate, State::kValid});
    ++by_candidate_[e->candidate].valid;
    ++entries_;
    return Status::Ok();
  }
  if (it == votes_.end()) return Refuse(index, vote + " 此前未出现，不能" + EntryTypeName(e->type));
  Vote& v = it->second;
  Counts& c = by_candidate_[v.candidate];
  switch (e->type) {
    case EntryType::kQuarantine:
      if (v.state != State::kValid) return Refuse(index, vote + " 不是有效票，不能隔离");
      v.state = State::kReview;
      --c.valid;
      ++c.review;
      break;
    case EntryType::kRelease:
      if (v.state != State::kReview) return Refuse(index, vote + " 不在审核中，不能放行");
      v.state = State::kValid;
      --c.review;
      ++c.valid;
      break;
    case EntryType::kInvalidate:
      if (v.state == State::kInvalid) return Refuse(index, vote + " 已作废，不能再次作废");
      (v.state == State::kValid ? c.valid : c.review) -= 1;
      v.state = State::kInvalid;
      ++c.invalid;
      break;
    case EntryType::kVote:
      break;
  }
  ++entries_;
  return Status::Ok();
}

LogTally::Counts LogTally::total() const {
  Counts t;
  for (const auto& [_, c] : by_candidate_) {
    t.valid += c.valid;
    t.review += c.review;
    t.invalid += c.invalid;
  }
  return t;
}

}  // namespace ss::integrity
