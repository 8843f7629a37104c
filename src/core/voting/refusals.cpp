#include "core/voting/refusals.h"

#include <string>

#include "core/refusal_table.h"

namespace ss::voting {
namespace {
constexpr KnownRefusal kKnown[] = {
    {kInvalidPhone, 400, "请输入正确的 11 位中国大陆手机号"},
    {kOtpCooldown, 429, "验证码发送太频繁，请稍后再试"},
    {kOtpLimit, 429, "今天获取验证码的次数已达上限，请明天再试"},
    {kOtpMissing, 400, "请先获取验证码"},
    {kOtpWrong, 401, "验证码不正确"},
    {kOtpExpired, 401, "验证码已过期，请重新获取"},
    {kOtpAttempts, 429, "验证码输错次数过多，请重新获取"},
    {kSmsFailed, 503, "短信发送失败，请稍后重试"},
    {kVoterUnauthenticated, 401, "请先验证手机号或投票码后再投票"},
    {kVotingClosed, 409, "当前不在投票时间内"},
    {kUnknownCandidate, 404, "本活动中没有这位参评书记"},
    {kDailyQuota, 429, "今天的票数已用完，明天再来投票吧"},
    {kAlreadyVotedToday, 409, "今天已为该书记投过票"},
    {kGroupQuota, 429, "今天在本组的票数已用完"},
    {kPowInvalid, 400, "安全验证未通过，请重试"},
    {kPowExpired, 400, "安全验证已过期，请重试"},
    {kPowReplayed, 409, "这次安全验证已用过，请重试"},
    {kBadIdempotencyKey, 400, "Idempotency-Key 须为 1–64 个字母、数字、-、_"},
    {kBallotCodeMalformed, 400, "投票码应为 12 位字母和数字，请核对纸条上的投票码"},
    {kBallotCodeUnknown, 401, "没有这个投票码，请核对纸条上的投票码"},
    {kBallotCodeRevoked, 403, "此投票码已作废，请联系所在党支部"},
    {kBallotCodeLimit, 429, "此网络输错投票码次数过多，请一小时后再试"},
    {kBallotCodeElsewhere, 403, "此投票码不属于本活动"},
    {kRateLimited, 429, "操作太频繁，请稍后再试"},
};
const KnownRefusal* Find(std::string_view code) { return FindRefusal(kKnown, code); }
}  // namespace

Status Refusal(const char* code) {
  const KnownRefusal* k = Find(code);
  return Status(code, k ? k->message : "投票请求被拒绝");
}

Status Refusal(const char* code, std::string message) { return Status(code, std::move(message)); }

unsigned HttpStatusOf(std::string_view code) {
  const KnownRefusal* k = Find(code);
  return k ? k->http : 0;
}

}  // namespace ss::voting
