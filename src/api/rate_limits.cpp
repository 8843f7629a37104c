// Rate limits on the voting routes (issue 8 item 1): the request's keys taken from the
// limiter in order identity, device, address, subnet; the first bucket that is empty refuses.
#include "api/voting_frame.h"
#include "core/client_address.h"
#include "core/voting/refusals.h"

#include <algorithm>

namespace ss::api {
namespace json = boost::json;
using detector::KeyKind;

namespace {

// Ours are 32 lowercase hex digits (api/votes.cpp); anything else is a client's invention and
// would only let it pick fresh buckets at will, or fill the table with long keys.
bool OurDeviceCookie(std::string_view v) {
  return v.size() == 32 && v.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

const char* KindName(KeyKind k) {
  switch (k) {
    case KeyKind::kIdentity: return "identity";
    case KeyKind::kDevice: return "device";
    case KeyKind::kIp: return "ip";
    case KeyKind::kSubnet: return "subnet";
  }
  return "identity";
}

std::string Message(KeyKind k, Millis seconds) {
  std::string wait = seconds >= 120 ? std::to_string((seconds + 59) / 60) + " 分钟" : std::to_string(seconds) + " 秒";
  switch (k) {
    case KeyKind::kIdentity: return "您的操作太频繁，请 " + wait + "后再试";
    case KeyKind::kDevice: return "这台设备上的操作太频繁，请 " + wait + "后再试";
    case KeyKind::kIp:
    case KeyKind::kSubnet: return "您所在的网络此刻使用的人太多，请 " + wait + "后再试";
  }
  return "操作太频繁，请稍后再试";
}

}  // namespace

std::optional<http::Reply> Throttled(Services& s, const http::Context& ctx, const LimitKeys& keys) {
  if (!s.voting || !s.voting->limiter) return std::nullopt;
  detector::RateLimiter& limiter = *s.voting->limiter;
  const std::pair<KeyKind, std::string_view> order[] = {
      {KeyKind::kIdentity, keys.identity},
      {KeyKind::kDevice, OurDeviceCookie(keys.device) ? std::string_view(keys.device) : std::string_view()},
      {KeyKind::kIp, keys.ip},
  };
  Millis now = NowMillis();
  auto take = [&](KeyKind kind, std::string_view key) -> std::optional<http::Reply> {
    if (key.empty()) return std::nullopt;
    std::string full(keys.route);
    full += '|';
    full += key;
    detector::Admission a = limiter.Take(kind, full, now);
    if (a.allowed) return std::nullopt;
    // A bucket that can never hold one (a rule of capacity 0) says "an hour", not "never".
    Millis seconds = a.retry_after == INT64_MAX ? 3600 : std::max<Millis>(1, (a.retry_after + 999) / 1000);
    json::object extra{{"retry_after", seconds}, {"limit", KindName(kind)}};
    return VotingError(ctx.request, voting::Refusal(voting::kRateLimited, Message(kind, seconds)), std::move(extra));
  };
  for (const auto& [kind, key] : order)
    if (auto refused = take(kind, key)) return refused;
  return keys.ip.empty() ? std::nullopt : take(KeyKind::kSubnet, SubnetOf(keys.ip));
}

}  // namespace ss::api
