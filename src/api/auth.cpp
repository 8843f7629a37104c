#include "api/auth.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

#include "api/body.h"
#include "core/password_policy.h"
#include "core/secrets.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

constexpr std::string_view kCookie = "ss_session";

std::string CookieValue(const http::Request& req, std::string_view name) {
  auto header = req[http::bhttp::field::cookie];
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

bool Secure(const Context& ctx, const AuthSettings& auth) {
  return auth.trust_proxy && ctx.request["X-Forwarded-Proto"] == "https";
}

std::string SessionCookie(const Context& ctx, const AuthSettings& auth, const std::string& token, Millis max_age) {
  std::string c = std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age / 1000);
  if (Secure(ctx, auth)) c += "; Secure";
  return c;
}

// Same-site check for state-changing requests: the Origin (or the Referer's origin) must be
// this host.
bool SameOrigin(const http::Request& req) {
  std::string_view host = req[http::bhttp::field::host];
  std::string_view origin = req[http::bhttp::field::origin];
  if (origin.empty()) {
    std::string_view referer = req[http::bhttp::field::referer];
    if (referer.empty()) return false;
    auto scheme_end = referer.find("://");
    if (scheme_end == std::string_view::npos) return false;
    auto path = referer.find('/', scheme_end + 3);
    origin = referer.substr(0, path);
  }
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  return !host.empty() && origin.substr(scheme_end + 3) == host;
}

bool Unsafe(http::bhttp::verb m) {
  return m != http::bhttp::verb::get && m != http::bhttp::verb::head && m != http::bhttp::verb::options;
}

// The signed-in user as GET /auth/me shows them, with the CSRF token for their writes.
json::object SessionJson(Services& s, const store::UserRecord& u, const std::string& csrf) {
  json::object o = UserJson(s, u);
  o["csrf_token"] = csrf;
  return o;
}

// Waits without holding a thread: the answer to a failed sign-in is held back.
asio::awaitable<void> Pause(Millis ms) {
  if (ms <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::use_awaitable);
}

struct LoginOutcome {
  Status status;                 // ok, or the refusal to send
  Millis delay = 0;              // before answering
  Millis retry_after = 0;        // for too_many_attempts
  store::UserRecord user;
  std::string token, csrf;
};

std::string Minutes(Millis ms) { return std::to_string(std::max<Millis>(1, (ms + 59'999) / 60'000)); }

// The whole sign-in decision, on the blocking pool: counters, the Argon2 check, the session.
LoginOutcome DecideLogin(Services& s, const std::string& username, const std::string& password, const std::string& ip,
                         const std::string& user_agent, const std::string& request_id) {
  const ThrottlePolicy& p = s.auth.throttle;
  auto& counters = s.store.throttle();
  const std::string account_key = "account:" + username, pair_key = "pair:" + username + "|" + ip, ip_key = "ip:" + ip;
  Millis now = NowMillis();
  LoginOutcome out;
  auto account = counters.Get(account_key), pair = counters.Get(pair_key), by_ip = counters.Get(ip_key);
  if (!account || !pair || !by_ip) {
    out.status = Status(code::kUnavailable, "暂时无法登录，请稍后重试");
    return out;
  }
  auto user = s.store.users().FindByUsername(username);
  bool known_address = false;
  if (user) {
    auto known = s.store.users().IsKnownAddress(user->id, ip);
    known_address = known && *known;
  }
  Millis locked_until = 0;
  if (IsLocked(*pair, now)) locked_until = pair->locked_until;
  if (IsLocked(*by_ip, now)) locked_until = std::max(locked_until, by_ip->locked_until);
  if (IsLocked(*account, now) && !known_address) locked_until = std::max(locked_until, account->locked_until);
  if (locked_until > now) {
    out.retry_after = locked_until - now;
    out.status = Status(code::kTooManyAttempts, "登录失败次数过多，请 " + Minutes(out.retry_after) + " 分钟后再试");
    return out;
  }

  bool good = false;
  if (user) good = VerifyPassword(user->password_hash, password);
  else VerifyNothing(password);  // same work, same time, for an unknown name

  if (!good) {
    auto a = counters.AddFailure(account_key, now, p.account_lock_after, p);
    auto b = counters.AddFailure(pair_key, now, p.pair_lock_after, p);
    auto c = counters.AddFailure(ip_key, now, p.ip_lock_after, p);
    int failures = std::max(a ? a->failures : 0, b ? b->failures : 0);
    out.delay = DelayAfter(failures, p);
    spdlog::warn("登录失败：用户名 {}，地址 {}，连续失败 {} 次", username, ip, failures);
    out.status = Status(code::kBadCredentials, "用户名或密码错误");
    return out;
  }
  if (user->disabled) {
    out.status = Status(code::kAccountDisabled, "该账号已停用，请联系管理员");
    return out;
  }
  counters.Clear(account_key);
  counters.Clear(pair_key);

  // Sign-ins are rare enough to sweep expired sessions on each one.
  s.store.sessions().DeleteExpired(now - s.auth.session_idle, now - s.auth.session_max);
  out.user = *user;
  out.token = RandomToken();
  out.csrf = RandomToken();
  store::SessionRecord session{TokenHash(out.token), user->id, out.csrf, now, now, ip, user_agent.substr(0, 300)};
  if (Status st = s.store.sessions().Create(session); !st.ok()) {
    out.status = st;
    return out;
  }
  store::AuditEvent e;
  e.at = now;
  e.actor_id = user->id;
  e.actor = user->username;
  e.role = std::string(RoleKey(user->role));
  e.action = "auth.login";
  e.target = "user:" + std::to_string(user->id);
  e.district = user->district;
  e.ip = ip;
  e.request_id = request_id;
  if (Status st = s.store.users().RecordLogin(user->id, ip, now, e); !st.ok()) out.status = st;
  out.user.last_login_at = now;
  return out;
}

}  // namespace

std::string ClientAddress(const Context& ctx, const AuthSettings& auth) {
  if (auth.trust_proxy) {
    std::string_view fwd = ctx.request["X-Forwarded-For"];
    if (!fwd.empty()) {
      std::string_view first = fwd.substr(0, fwd.find(','));
      while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
      while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
      if (!first.empty() && first.size() < 64) return std::string(first);
    }
  }
  return ctx.remote;
}

store::AuditEvent AuditFor(const StaffSession& who, const Context& ctx, const AuthSettings& auth, std::string action,
                           std::string target, std::string district) {
  store::AuditEvent e;
  e.at = NowMillis();
  e.actor_id = who.user.id;
  e.actor = who.user.username;
  e.role = std::string(RoleKey(who.user.role));
  e.action = std::move(action);
  e.target = std::move(target);
  e.district = std::move(district);
  e.ip = ClientAddress(ctx, auth);
  e.request_id = ctx.request_id;
  return e;
}

json::object UserJson(Services& s, const store::UserRecord& u) {
  json::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"role", RoleKey(u.role)},
                 {"role_name", RoleName(u.role)},
                 {"disabled", u.disabled},
                 {"created_at", FormatUtc(u.created_at)},
                 {"last_login_at", u.last_login_at ? json::value(FormatUtc(u.last_login_at)) : json::value(nullptr)}};
  o["district"] = nullptr;
  o["candidate"] = nullptr;
  auto all = s.catalog.FreshAll();
  if (!all) {
    auto loaded = s.catalog.LoadAll();  // callers are on the blocking pool or accept a store read
    if (loaded) all = *loaded;
  }
  if (all) {
    for (const auto& view : *all) {
      if (!u.district.empty() && o["district"].is_null()) {
        if (const OrgUnit* d = view->directory->tree().Find(u.district))
          o["district"] = json::object{{"code", d->code}, {"name", d->name}};
      }
      if (u.candidate_id && o["candidate"].is_null()) {
        if (const auto* e = view->directory->ById(u.candidate_id))
          o["candidate"] = json::object{{"id", u.candidate_id}, {"name", e->candidate->name}, {"campaign_id", view->record.id}};
      }
    }
  }
  if (!u.district.empty() && o["district"].is_null()) o["district"] = json::object{{"code", u.district}, {"name", u.district}};
  return o;
}

asio::awaitable<Result<StaffSession>> RequireStaff(Services& s, Context& ctx) {
  std::string token = CookieValue(ctx.request, kCookie);
  if (token.empty() || token.size() > 100) co_return Status(code::kUnauthenticated, "请先登录");
  const std::string hash = TokenHash(token);
  auto lookup = [&s, &hash]() -> Result<StaffSession> {
    auto session = s.store.sessions().Find(hash);
    if (!session) return session.status();
    if (!*session) return Status(code::kUnauthenticated, "登录已失效，请重新登录");
    Millis now = NowMillis();
    const auto& rec = **session;
    if (now - rec.last_seen_at > s.auth.session_idle || now - rec.created_at > s.auth.session_max) {
      s.store.sessions().Delete(hash);
      return Status(code::kUnauthenticated, "登录已超时，请重新登录");
    }
    auto user = s.store.users().Get(rec.user_id);
    if (!user || user->disabled) return Status(code::kUnauthenticated, "账号已停用，请联系管理员");
    // Touch at most once a minute: the idle clock needs no finer grain, the disk no more writes.
    if (now - rec.last_seen_at > 60'000) s.store.sessions().Touch(hash, now);
    StaffSession out;
    out.user = *user;
    out.actor = Actor{user->id, user->username, user->role, user->district, user->candidate_id};
    out.token_hash = hash;
    out.csrf_token = rec.csrf_token;
    return out;
  };
  auto found = co_await http::Offload(ctx.blocking, lookup);
  if (!found) co_return found;
  if (Unsafe(ctx.request.method())) {
    std::string_view sent = ctx.request["X-CSRF-Token"];
    if (sent.empty() || !SecretsEqual(sent, found->csrf_token) || !SameOrigin(ctx.request))
      co_return Status(code::kCsrf, "请求来源校验失败，请刷新页面后重试");
  }
  co_return found;
}

http::Handler StaffJson(Services& s, StaffCall call, StaffWork work) {
  return [&s, call = std::move(call), work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    if (!call.allowed(who->actor)) co_return http::ErrorReply(ctx.request, Status(code::kForbidden, call.refusal));
    json::object body;
    if (call.reads_body) {
      auto parsed = Body(ctx);
      if (!parsed) co_return http::ErrorReply(ctx.request, parsed.status());
      body = std::move(*parsed);
    }
    auto result = co_await http::Offload(ctx.blocking, [&] { return work(*who, ctx, body); });
    if (!result) co_return http::ErrorReply(ctx.request, result.status());
    if (result->is_null()) co_return http::NoContent(ctx.request);
    co_return http::JsonReply(ctx.request, json::serialize(*result), call.success_status);
  };
}

http::Handler StaffFile(Services& s, StaffCall call, StaffDownload work) {
  return [&s, call = std::move(call), work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    if (!call.allowed(who->actor)) co_return http::ErrorReply(ctx.request, Status(code::kForbidden, call.refusal));
    auto file = co_await http::Offload(ctx.blocking, [&] { return work(*who, ctx); });
    if (!file) co_return http::ErrorReply(ctx.request, file.status());
    co_return http::FileReply(ctx.request, std::move(file->bytes), file->content_type, file->filename);
  };
}

http::Handler Login(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto body = Body(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto username = f.String("username", true, 64);
    auto password = f.String("password", true, 128);
    if (Status st = f.Finish("请输入用户名和密码"); !st.ok()) co_return http::ErrorReply(ctx.request, st);
    if (!SameOrigin(ctx.request)) co_return http::ErrorReply(ctx.request, Status(code::kCsrf, "请求来源校验失败，请从本站登录页登录"));
    std::string ip = ClientAddress(ctx, s.auth);
    std::string ua(ctx.request[http::bhttp::field::user_agent]);
    auto outcome = co_await http::Offload(ctx.blocking, [&] { return DecideLogin(s, *username, *password, ip, ua, ctx.request_id); });
    co_await Pause(outcome.delay);
    if (!outcome.status.ok()) {
      if (outcome.status.code() == code::kTooManyAttempts) {
        json::object o = json::parse(http::ErrorBody(outcome.status)).as_object();
        Millis seconds = (outcome.retry_after + 999) / 1000;
        o["retry_after"] = seconds;
        http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::too_many_requests, ctx.request.version()};
        res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
        res.set(http::bhttp::field::retry_after, std::to_string(seconds));
        res.set(http::bhttp::field::cache_control, "no-store");
        res.keep_alive(ctx.request.keep_alive());
        res.body() = json::serialize(o);
        co_return http::MakeReply(std::move(res));
      }
      co_return http::ErrorReply(ctx.request, outcome.status);
    }
    json::object o = co_await http::Offload(ctx.blocking, [&] { return SessionJson(s, outcome.user, outcome.csrf); });
    http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, ctx.request.version()};
    res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "no-store");
    res.set(http::bhttp::field::set_cookie, SessionCookie(ctx, s.auth, outcome.token, s.auth.session_max));
    res.keep_alive(ctx.request.keep_alive());
    res.body() = json::serialize(o);
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler Logout(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    co_await http::Offload(ctx.blocking, [&] {
      s.store.sessions().Delete(who->token_hash);
      return s.store.audit().Append(AuditFor(*who, ctx, s.auth, "auth.logout", "user:" + std::to_string(who->user.id),
                                             who->user.district));
    });
    http::bhttp::response<http::bhttp::empty_body> res{http::bhttp::status::no_content, ctx.request.version()};
    res.set(http::bhttp::field::set_cookie, SessionCookie(ctx, s.auth, "", 0));
    res.set(http::bhttp::field::cache_control, "no-store");
    res.keep_alive(ctx.request.keep_alive());
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler Me(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    json::object o = co_await http::Offload(ctx.blocking, [&] { return SessionJson(s, who->user, who->csrf_token); });
    co_return http::JsonReply(ctx.request, json::serialize(o));
  };
}

http::Handler ChangePassword(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    auto body = Body(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto old_password = f.String("old_password", true, 128);
    auto new_password = f.String("new_password", true, 1000);
    if (Status st = f.Finish(); !st.ok()) co_return http::ErrorReply(ctx.request, st);
    if (Status st = CheckPassword(*new_password, who->user.username, "new_password"); !st.ok())
      co_return http::ErrorReply(ctx.request, st);
    Status result = co_await http::Offload(ctx.blocking, [&]() -> Status {
      if (!VerifyPassword(who->user.password_hash, *old_password))
        return Status(code::kInvalid, "原密码不正确", {{0, "old_password", "原密码不正确"}});
      // Every other session ends; this one stays signed in.
      return s.store.users().SetPassword(who->user.id, HashPassword(*new_password), NowMillis(), who->token_hash,
                                         AuditFor(*who, ctx, s.auth, "auth.password", "user:" + std::to_string(who->user.id),
                                                  who->user.district));
    });
    if (!result.ok()) co_return http::ErrorReply(ctx.request, result);
    http::bhttp::response<http::bhttp::empty_body> res{http::bhttp::status::no_content, ctx.request.version()};
    res.keep_alive(ctx.request.keep_alive());
    co_return http::MakeReply(std::move(res));
  };
}

}  // namespace ss::api
