#include "api/auth.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

#include "api/body.h"
#include "api/committed.h"
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
  return DecideClient(ctx.remote, ctx.request["X-Forwarded-For"], ctx.request["X-Forwarded-Proto"], auth.trusted_proxies)
      .https;
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

std::string Minutes(Millis ms) { return std::to_string(std::max<Millis>(1, (ms + 59'999) / 60'000)); }

// What sign-in reads before the password is checked.
struct LoginFacts {
  Status status;  // not ok: refuse with it (locked, or the store failed)
  Millis retry_after = 0;
  std::optional<store::UserRecord> user;
};

LoginFacts ReadLoginFacts(Services& s, const std::string& username, const std::string& ip, Millis now) {
  auto& counters = s.store.throttle();
  LoginFacts out;
  auto account = counters.Get("account:" + username), pair = counters.Get("pair:" + username + "|" + ip),
       by_ip = counters.Get("ip:" + ip);
  if (!account || !pair || !by_ip) {
    out.status = Status(code::kUnavailable, "暂时无法登录，请稍后重试");
    return out;
  }
  auto user = s.store.users().FindByUsername(username);
  bool known_address = false;
  if (user) {
    auto known = s.store.users().IsKnownAddress(user->id, ip);
    known_address = known && *known;
    out.user = std::move(*user);
  }
  Millis locked_until = 0;
  if (IsLocked(*pair, now)) locked_until = pair->locked_until;
  if (IsLocked(*by_ip, now)) locked_until = std::max(locked_until, by_ip->locked_until);
  if (IsLocked(*account, now) && !known_address) locked_until = std::max(locked_until, account->locked_until);
  if (locked_until > now) {
    out.retry_after = locked_until - now;
    out.status = Status(code::kTooManyAttempts, "登录失败次数过多，请 " + Minutes(out.retry_after) + " 分钟后再试");
  }
  return out;
}

Reply TooManyAttempts(const Context& ctx, const Status& status, Millis retry_after) {
  json::object o = json::parse(http::ErrorBody(status)).as_object();
  Millis seconds = (retry_after + 999) / 1000;
  o["retry_after"] = seconds;
  http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::too_many_requests, ctx.request.version()};
  res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
  res.set(http::bhttp::field::retry_after, std::to_string(seconds));
  res.set(http::bhttp::field::cache_control, "no-store");
  res.keep_alive(ctx.request.keep_alive());
  res.body() = json::serialize(o);
  return http::MakeReply(std::move(res));
}

// Holds a place among the password checks in flight (Services::max_hashing).
struct HashingSlot {
  Services& s;
  bool taken;
  explicit HashingSlot(Services& services)
      : s(services), taken(s.hashing.fetch_add(1, std::memory_order_acq_rel) < s.max_hashing) {}
  ~HashingSlot() { s.hashing.fetch_sub(1, std::memory_order_acq_rel); }
};

}  // namespace

std::string ClientAddress(const Context& ctx, const AuthSettings& auth) {
  if (auth.trusted_proxies.empty()) return ctx.remote;
  return DecideClient(ctx.remote, ctx.request["X-Forwarded-For"], "", auth.trusted_proxies).address;
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

std::string RequestCookie(const http::Request& req, std::string_view name) { return CookieValue(req, name); }
bool FromThisSite(const http::Request& req) { return SameOrigin(req); }
bool OverHttps(const http::Context& ctx, const AuthSettings& auth) { return Secure(ctx, auth); }

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
      // Refused either way; the outcome of the delete changes nothing for this request, and
      // a session it fails to delete is swept at the next sign-in.
      (void)s.store.sessions().Delete(hash);
      return Status(code::kUnauthenticated, "登录已超时，请重新登录");
    }
    auto user = s.store.users().Get(rec.user_id);
    if (!user || user->disabled) return Status(code::kUnauthenticated, "账号已停用，请联系管理员");
    // Touch at most once a minute: the idle clock needs no finer grain. Touches are coalesced
    // by the store (written a few seconds later, together).
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

asio::awaitable<Result<json::object>> ReadJsonBody(Services& s, Context& ctx) {
  constexpr std::size_t kInline = 4 * 1024;  // a small form parses faster than a thread hop
  if (ctx.request.body().size() <= kInline) co_return Body(ctx);
  auto parse = [&ctx] { return Body(ctx); };
  co_return co_await http::Offload(s.cpu, parse);
}

namespace {

// What every staff frame checks first: signed in, allowed at all, the body read.
struct Admitted {
  StaffSession who;
  json::object body;
};

asio::awaitable<Result<Admitted>> Admit(Services& s, const StaffCall& call, Context& ctx) {
  auto who = co_await RequireStaff(s, ctx);
  if (!who) co_return who.status();
  if (!call.allowed(who->actor)) co_return Status(code::kForbidden, call.refusal);
  Admitted out{std::move(*who), {}};
  if (call.reads_body) {
    auto parsed = co_await ReadJsonBody(s, ctx);
    if (!parsed) co_return parsed.status();
    out.body = std::move(*parsed);
  }
  co_return out;
}

Reply Answer(const Context& ctx, const StaffCall& call, const Result<json::value>& result) {
  if (!result) return http::ErrorReply(ctx.request, result.status());
  if (result->is_null()) return http::NoContent(ctx.request);
  return http::JsonReply(ctx.request, json::serialize(*result), call.success_status);
}

}  // namespace

http::Handler StaffJson(Services& s, StaffCall call, StaffWork work) {
  return [&s, call = std::move(call), work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto in = co_await Admit(s, call, ctx);
    if (!in) co_return http::ErrorReply(ctx.request, in.status());
    auto run = [&] { return work(in->who, ctx, in->body); };
    auto result = co_await http::Offload(ctx.blocking, run);
    co_return Answer(ctx, call, result);
  };
}

http::Handler StaffWrite(Services& s, StaffCall call, StaffTask task) {
  return [&s, call = std::move(call), task = std::move(task)](Context& ctx) -> asio::awaitable<Reply> {
    auto in = co_await Admit(s, call, ctx);
    if (!in) co_return http::ErrorReply(ctx.request, in.status());
    Result<json::value> result = co_await task(in->who, ctx, in->body);
    co_return Answer(ctx, call, result);
  };
}

http::Handler StaffFile(Services& s, StaffCall call, StaffDownload work) {
  return [&s, call = std::move(call), work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    if (!call.allowed(who->actor)) co_return http::ErrorReply(ctx.request, Status(code::kForbidden, call.refusal));
    // Building a workbook burns CPU: the CPU pool, not the read pool.
    auto file = co_await http::Offload(s.cpu, [&] { return work(*who, ctx); });
    if (!file) co_return http::ErrorReply(ctx.request, file.status());
    co_return http::FileReply(ctx.request, std::move(file->bytes), file->content_type, file->filename);
  };
}

// Sign-in: the counters and the account are read on the blocking pool, the password is
// checked on the CPU pool, and the outcome is one write (the failure counters, or the
// session with everything a sign-in records), awaited without holding a thread.
http::Handler Login(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto body = Body(ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    Fields f(*body);
    auto username = f.String("username", true, 64);
    auto password = f.String("password", true, 128);
    if (Status st = f.Finish("请输入用户名和密码"); !st.ok()) co_return http::ErrorReply(ctx.request, st);
    if (!SameOrigin(ctx.request)) co_return http::ErrorReply(ctx.request, Status(code::kCsrf, "请求来源校验失败，请从本站登录页登录"));
    const std::string ip = ClientAddress(ctx, s.auth);
    const Millis now = NowMillis();
    auto read = [&] { return ReadLoginFacts(s, *username, ip, now); };
    LoginFacts facts = co_await http::Offload(ctx.blocking, read);
    if (facts.status.code() == code::kTooManyAttempts) co_return TooManyAttempts(ctx, facts.status, facts.retry_after);
    if (!facts.status.ok()) co_return http::ErrorReply(ctx.request, facts.status);

    HashingSlot slot(s);
    if (!slot.taken) {
      // Held back like a failure, so a flood's connections cannot loop on the refusal.
      co_await Pause(1000);
      co_return http::ErrorReply(ctx.request, Status(code::kUnavailable, "登录的人太多，请稍后再试"));
    }
    auto check = [&] {
      if (facts.user) return VerifyPassword(facts.user->password_hash, *password);
      VerifyNothing(*password);  // same work, same time, for an unknown name
      return false;
    };
    bool good = co_await http::Offload(s.passwords, check);

    const ThrottlePolicy& p = s.auth.throttle;
    const std::string account_key = "account:" + *username, pair_key = "pair:" + *username + "|" + ip;
    if (!good) {
      const std::vector<std::pair<std::string, int>> keys = {
          {account_key, p.account_lock_after}, {pair_key, p.pair_lock_after}, {"ip:" + ip, p.ip_lock_after}};
      auto counted = co_await Committed(s.store.throttle().AddFailures(keys, now, p));
      int failures = counted ? std::max((*counted)[0].failures, (*counted)[1].failures) : 0;
      spdlog::warn("登录失败：用户名 {}，地址 {}，连续失败 {} 次", *username, ip, failures);
      co_await Pause(DelayAfter(failures, p));
      co_return http::ErrorReply(ctx.request, Status(code::kBadCredentials, "用户名或密码错误"));
    }
    const store::UserRecord& user = *facts.user;
    if (user.disabled) co_return http::ErrorReply(ctx.request, Status(code::kAccountDisabled, "该账号已停用，请联系管理员"));

    const std::string token = RandomToken(), csrf = RandomToken();
    store::SignIn in;
    in.session = store::SessionRecord{TokenHash(token), user.id, csrf, now, now, ip,
                                      std::string(ctx.request[http::bhttp::field::user_agent].substr(0, 300))};
    in.clear_counters = {account_key, pair_key};
    // Sign-ins are rare enough to sweep expired sessions on each one.
    in.idle_before = now - s.auth.session_idle;
    in.created_before = now - s.auth.session_max;
    in.audit.at = now;
    in.audit.actor_id = user.id;
    in.audit.actor = user.username;
    in.audit.role = std::string(RoleKey(user.role));
    in.audit.action = "auth.login";
    in.audit.target = "user:" + std::to_string(user.id);
    in.audit.district = user.district;
    in.audit.ip = ip;
    in.audit.request_id = ctx.request_id;
    Status signed_in = co_await Committed(s.store.sessions().SignIn(in));
    if (!signed_in.ok()) co_return http::ErrorReply(ctx.request, signed_in);

    store::UserRecord shown = user;
    shown.last_login_at = now;
    auto render = [&] { return SessionJson(s, shown, csrf); };
    json::object o = co_await http::Offload(ctx.blocking, render);
    http::bhttp::response<http::bhttp::string_body> res{http::bhttp::status::ok, ctx.request.version()};
    res.set(http::bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(http::bhttp::field::cache_control, "no-store");
    res.set(http::bhttp::field::set_cookie, SessionCookie(ctx, s.auth, token, s.auth.session_max));
    res.keep_alive(ctx.request.keep_alive());
    res.body() = json::serialize(o);
    co_return http::MakeReply(std::move(res));
  };
}

http::Handler Logout(Services& s) {
  return [&s](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    Status ended = co_await Committed(s.store.sessions().Delete(who->token_hash));
    if (!ended.ok()) co_return http::ErrorReply(ctx.request, ended);
    Status logged = co_await Committed(s.store.audit().Append(
        AuditFor(*who, ctx, s.auth, "auth.logout", "user:" + std::to_string(who->user.id), who->user.district)));
    if (!logged.ok()) co_return http::ErrorReply(ctx.request, logged);
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
    auto rehash = [&]() -> std::optional<std::string> {
      if (!VerifyPassword(who->user.password_hash, *old_password)) return std::nullopt;
      return HashPassword(*new_password);
    };
    std::optional<std::string> hash = co_await http::Offload(s.passwords, rehash);
    if (!hash)
      co_return http::ErrorReply(ctx.request, Status(code::kInvalid, "原密码不正确", {{0, "old_password", "原密码不正确"}}));
    // Every other session ends; this one stays signed in.
    Status result = co_await Committed(s.store.users().SetPassword(
        who->user.id, *hash, NowMillis(), who->token_hash,
        AuditFor(*who, ctx, s.auth, "auth.password", "user:" + std::to_string(who->user.id), who->user.district)));
    if (!result.ok()) co_return http::ErrorReply(ctx.request, result);
    http::bhttp::response<http::bhttp::empty_body> res{http::bhttp::status::no_content, ctx.request.version()};
    res.keep_alive(ctx.request.keep_alive());
    co_return http::MakeReply(std::move(res));
  };
}

std::string SiteOrigin(const http::Context& ctx, const AuthSettings& auth, const std::string& public_url) {
  if (!public_url.empty()) return public_url;
  std::string host(ctx.request[http::bhttp::field::host]);
  return (OverHttps(ctx, auth) ? "https://" : "http://") + (host.empty() ? std::string("127.0.0.1") : host);
}

}  // namespace ss::api
