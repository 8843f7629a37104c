#include "core/voting/otp.h"

#include "core/voting/refusals.h"

namespace ss::voting {

Status CheckSend(const OtpPolicy& p, const std::optional<OtpState>& s, Millis now, std::int64_t day,
                 Millis* retry_after_ms) {
  if (!s) return Status::Ok();
  if (s->day == day && s->sent_today >= p.per_phone_per_day) {
    return Refusal(kOtpLimit, "今天获取验证码已达 " + std::to_string(p.per_phone_per_day) + " 次，请明天再试");
  }
  Millis wait = s->sent_at + p.resend_after - now;
  if (wait > 0) {
    if (retry_after_ms) *retry_after_ms = wait;
    return Refusal(kOtpCooldown, "验证码发送太频繁，请 " + std::to_string((wait + 999) / 1000) + " 秒后再试");
  }
  return Status::Ok();
}

OtpState AfterSend(const OtpPolicy& p, const std::optional<OtpState>& s, Millis now, std::int64_t day,
                   std::string code_hash) {
  OtpState next;
  next.code_hash = std::move(code_hash);
  next.sent_at = now;
  next.expires_at = now + p.valid_for;
  next.attempts = 0;
  next.day = day;
  next.sent_today = (s && s->day == day ? s->sent_today : 0) + 1;
  return next;
}

OtpCheck CheckCode(const OtpPolicy& p, const std::optional<OtpState>& s, bool matches, Millis now) {
  if (!s || s->code_hash.empty()) return {Refusal(kOtpMissing), s.value_or(OtpState{})};
  OtpState next = *s;
  if (now > s->expires_at) {
    next.code_hash.clear();
    return {Refusal(kOtpExpired), next};
  }
  if (s->attempts >= p.max_attempts) {
    next.code_hash.clear();
    return {Refusal(kOtpAttempts), next};
  }
  if (matches) {
    next.code_hash.clear();  // used once
    return {Status::Ok(), next};
  }
  next.attempts += 1;
  int left = p.max_attempts - next.attempts;
  if (left <= 0) {
    next.code_hash.clear();
    return {Refusal(kOtpAttempts), next};
  }
  return {Refusal(kOtpWrong, "验证码不正确，还可再试 " + std::to_string(left) + " 次"), next};
}

}  // namespace ss::voting
