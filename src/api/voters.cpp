// Voter identity: a one-time SMS code proves a phone and starts a voter session (its own
// cookie, `ss_voter`, a signed token: core/voting/voter_session.h). The phone is kept only
// as a keyed hash and its last four digits.
#include <sodium.h>

#include "api/auth.h"
#include "api/committed.h"
#include "api/voting.h"
#include "api/voting_frame.h"
#include "core/voting/phone.h"
#include "core/voting/refusals.h"
#include "core/voting/vote_rules.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

std::string PhoneHash(const VotingServices& v, const std::string& phone) {
  return voting::HmacSha256Hex(v.key, "phone:" + phone);
}
std::string CodeHash(const VotingServices& v, const std::string& phone_hash, const std::string& code) {
  std::string data = "otp:";
  data += phone_hash;
  data += ':';
  data += code;
  return voting::HmacSha256Hex(v.key, data);
}

std::string NewCode() {
  (void)SecretsReady();
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", randombytes_uniform(1'000'000));
  return buf;
}

std::string VoterCookie(const Context& ctx, const Services& s, const std::string& token, Millis max_age) {
  std::string c = std::string(kVoterCookie);
  c += '=';
  c += token;
  c += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=";
  c += std::to_string(max_age / 1000);
  if (OverHttps(ctx, s.auth)) c += "; Secure";
  return c;
}

}  // namespace

Reply VoterSignedIn(Services& s, const Context& ctx, const voting::VoterClaim& claim, const json::object& body) {
  const VotingServices& v = *s.voting;
  http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, ctx.request.version()};
  res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.set(http::bhttp::field::set_cookie, VoterCookie(ctx, s, voting::SignVoterToken(v.key, claim), v.settings.session_ttl));
  res.keep_alive(ctx.request.keep_alive());
  res.body() = json::serialize(body);
  return http::MakeReply(std::move(res));
}

Status CrossSite() { return Status(code::kCsrf, "请求来源校验失败，请刷新页面后重试"); }

Result<json::object> VoterBody(const Context& ctx) {
  if (!FromThisSite(ctx.request)) return CrossSite();
  return Body(ctx);
}

http::Handler RequestOtp(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    VotingServices& v = *s.voting;
    auto body = VoterBody(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto raw = f.String("phone", true, 40);
    if (!raw) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kInvalidPhone));
    auto phone = voting::NormalizeMobile(*raw);
    if (!phone) co_return http::ErrorReply(ctx.request, phone.status());
    Millis now = NowMillis();
    std::string phone_hash = PhoneHash(v, *phone);
    const std::string ip = ClientAddress(ctx, s.auth);
    if (auto refused = Throttled(s, ctx, {"otp", phone_hash, RequestCookie(ctx.request, kDeviceCookie), ip}))
      co_return std::move(*refused);
    if (!v.otp_ips.Take(ip, v.settings.otp_per_ip_per_hour, now))
      co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kOtpLimit, "此网络获取验证码太频繁，请一小时后再试"));
    std::string code = NewCode();
    std::int64_t day = voting::CampaignDay(now, HomeTimeZone());
    auto issued = co_await Committed(s.store.voters().IssueOtp(phone_hash, CodeHash(v, phone_hash, code), now, day, v.settings.otp));
    if (!issued) co_return http::ErrorReply(ctx.request, issued.status());
    if (!issued->refusal.ok()) {
      json::object extra;
      if (issued->retry_after_ms > 0) extra["retry_after"] = (issued->retry_after_ms + 999) / 1000;
      co_return VotingError(ctx.request, issued->refusal, std::move(extra));
    }
    const std::string& to = *phone;
    auto send = [&v, &to, &code]() -> Status {
      if (!v.send_code) return voting::Refusal(voting::kSmsFailed, "短信服务未配置，无法发送验证码");
      return v.send_code(to, code);
    };
    Status sent = co_await http::Offload(ctx.blocking, send);
    if (!sent.ok()) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kSmsFailed));
    json::object o{{"phone_tail", voting::PhoneTail(*phone)},
                   {"expires_in", v.settings.otp.valid_for / 1000},
                   {"resend_after", v.settings.otp.resend_after / 1000}};
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler VerifyOtp(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    VotingServices& v = *s.voting;
    auto body = VoterBody(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto raw = f.String("phone", true, 40);
    auto code = f.String("code", true, 16);
    if (!raw) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kInvalidPhone));
    auto phone = voting::NormalizeMobile(*raw);
    if (!phone) co_return http::ErrorReply(ctx.request, phone.status());
    if (!code || code->size() != 6 || code->find_first_not_of("0123456789") != std::string::npos)
      co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "请输入短信中的 6 位数字验证码"));
    Millis now = NowMillis();
    std::string phone_hash = PhoneHash(v, *phone);
    auto checked = co_await Committed(
        s.store.voters().VerifyOtp(phone_hash, CodeHash(v, phone_hash, *code), voting::PhoneTail(*phone), now, v.settings.otp));
    if (!checked) co_return http::ErrorReply(ctx.request, checked.status());
    if (!checked->refusal.ok()) co_return VotingError(ctx.request, checked->refusal, {});
    const store::VoterRecord& voter = checked->voter;
    voting::VoterClaim claim{voter.id, voting::VoterKind::kPhone, now + v.settings.session_ttl,
                             voting::PhoneBucket(v.key, *phone)};
    co_return VoterSignedIn(s, ctx, claim, json::object{{"voter", VoterJson(voter)}});
  };
}

http::Handler VoterLogout(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    http::bhttp::response<http::bhttp::empty_body> res{http::bhttp::status::no_content, ctx.request.version()};
    res.set(http::bhttp::field::cache_control, "no-store");
    res.set(http::bhttp::field::set_cookie, VoterCookie(ctx, s, "", 0));
    res.keep_alive(ctx.request.keep_alive());
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler VoterMe(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto claim = VoterOf(s, ctx);
    if (!claim) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kVoterUnauthenticated));
    std::int64_t voter_id = claim->voter_id;
    auto get = [&s, voter_id] { return s.store.voters().Get(voter_id); };
    auto voter = co_await http::Offload(ctx.blocking, get);
    if (!voter) co_return http::ErrorReply(ctx.request, voter.status());
    if (!*voter) co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kVoterUnauthenticated));
    json::object o{{"voter", VoterJson(**voter)}};
    if (claim->kind == voting::VoterKind::kMember) {
      auto read = [&s, voter_id] { return s.store.ballot_codes().OfVoter(voter_id); };
      auto code = co_await http::Offload(ctx.blocking, read);
      if (!code) co_return http::ErrorReply(ctx.request, code.status());
      if (!*code || (*code)->code.state == voting::BallotCodeState::kRevoked)
        co_return http::ErrorReply(ctx.request, voting::Refusal(voting::kBallotCodeRevoked));
      o["voter"] = VoterJson(**voter, **code);
    }
    if (auto it = ctx.query.find("campaign"); it != ctx.query.end()) {
      auto id = ParsePositiveId(it->second);
      if (!id) co_return http::ErrorReply(ctx.request, Status(code::kBadParam, "活动编号须为正整数"));
      auto view = co_await ViewById(s, ctx, *id);
      if (!view) co_return http::ErrorReply(ctx.request, view.status());
      auto day = co_await VoterDayOf(s, ctx, **view, voter_id);
      if (!day) co_return http::ErrorReply(ctx.request, day.status());
      o["campaign"] = VoterDayJson(**view, day->first, day->second);
    }
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

}  // namespace ss::api
