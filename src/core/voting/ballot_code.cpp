#include "core/voting/ballot_code.h"

#include <sodium.h>

#include <unordered_set>

#include "core/csv.h"
#include "core/roster_rules.h"
#include "core/secrets.h"

namespace ss::voting {
namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
static_assert(kAlphabet.size() == 32);
}  // namespace

std::string_view BallotCodeStateKey(BallotCodeState s) {
  switch (s) {
    case BallotCodeState::kUnused: return "unused";
    case BallotCodeState::kRedeemed: return "redeemed";
    case BallotCodeState::kRevoked: return "revoked";
  }
  return "unused";
}

std::optional<BallotCodeState> BallotCodeStateFromKey(std::string_view key) {
  for (auto s : {BallotCodeState::kUnused, BallotCodeState::kRedeemed, BallotCodeState::kRevoked})
    if (BallotCodeStateKey(s) == key) return s;
  return std::nullopt;
}

std::string NewBallotCode() {
  (void)SecretsReady();
  unsigned char bytes[kBallotCodeChars];
  randombytes_buf(bytes, sizeof bytes);
  std::string out(kBallotCodeChars, 'A');
  for (std::size_t i = 0; i < kBallotCodeChars; ++i) out[i] = kAlphabet[bytes[i] & 31];
  return out;
}

std::vector<std::string> NewBallotCodes(int count) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  while (static_cast<int>(out.size()) < count) {
    std::string c = NewBallotCode();
    if (seen.insert(c).second) out.push_back(std::move(c));
  }
  return out;
}

std::optional<std::string> NormalizeBallotCode(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (kAlphabet.find(ch) == std::string_view::npos) return std::nullopt;
    out += ch;
    if (out.size() > kBallotCodeChars) return std::nullopt;
  }
  if (out.size() != kBallotCodeChars) return std::nullopt;
  return out;
}

Status CheckBatchRequest(std::string_view branch, long long count) {
  std::vector<FieldError> errors;
  bool control = false;
  for (unsigned char ch : branch) control = control || ch < 0x20 || ch == 0x7f;
  if (branch.empty()) errors.push_back({0, "branch", "请填写党支部名称"});
  else if (!IsValidUtf8(branch)) errors.push_back({0, "branch", "党支部名称不是有效的文字"});
  else if (Utf8Chars(branch) > kMaxBranchChars) errors.push_back({0, "branch", "党支部名称最多 60 个字"});
  else if (control) errors.push_back({0, "branch", "党支部名称不能含有换行等控制字符"});
  if (count < 1 || count > kMaxBatchCodes) errors.push_back({0, "count", "数量须为 1–10000"});
  if (errors.empty()) return Status();
  std::string first = errors.front().message;  // copied before the move: arguments have no order
  return Status(code::kInvalid, std::move(first), std::move(errors));
}

}  // namespace ss::voting
