// Staff accounts: list, create, update, reset password (admin: every role; organizer: judge
// and candidate accounts).
#include "api/users.h"

#include "api/auth.h"
#include "api/committed.h"
#include "api/body.h"
#include "api/campaigns.h"
#include "core/account_rules.h"
#include "core/password_policy.h"
#include "core/secrets.h"
#include "report/xlsx.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

std::string AuditUser(const store::UserRecord& u) {
  return json::serialize(json::object{{"username", u.username},
                                      {"display_name", u.display_name},
                                      {"role", RoleKey(u.role)},
                                      {"district", u.district},
                                      {"candidate_id", u.candidate_id},
                                      {"disabled", u.disabled}});
}

bool MayListUsers(const Actor& a) { return a.role == Role::kAdmin || a.role == Role::kOrganizer; }

// A district code known to some campaign's tree.
bool KnownDistrict(Services& s, const std::string& code) {
  auto all = s.catalog.LoadAll();
  if (!all) return false;
  for (const auto& v : **all) {
    const OrgUnit* u = v->directory->tree().Find(code);
    if (u && u->level == Level::kDistrict) return true;
  }
  return false;
}

bool KnownCandidate(Services& s, std::int64_t id) {
  auto all = s.catalog.LoadAll();
  if (!all) return false;
  for (const auto& v : **all)
    if (v->directory->ById(id)) return true;
  return false;
}

// Role-specific bindings: a district admin needs a district, a candidate a candidate record.
void CheckBindings(Services& s, Fields& f, Role role, const std::string& district, std::int64_t candidate) {
  auto district_known = [&s](std::string_view code) { return KnownDistrict(s, std::string(code)); };
  auto candidate_known = [&s](std::int64_t id) { return KnownCandidate(s, id); };
  switch (CheckAccountBinding(role, district, candidate, district_known, candidate_known)) {
    case AccountBinding::kOk: break;
    case AccountBinding::kNeedsDistrict: f.Fail("district_code", "区委组织部账号须选择所属区"); break;
    case AccountBinding::kNeedsCandidate: f.Fail("candidate_id", "参评书记账号须选择对应的参评人"); break;
  }
}

}  // namespace

http::Handler ListUsers(Services& s) {
  return StaffJson(s, {MayListUsers, "没有管理用户的权限"}, [&s](const StaffSession&, const Context& ctx, const json::object&) -> Result<json::value> {
    store::UserQuery q;
    if (auto it = ctx.query.find("q"); it != ctx.query.end()) q.q = it->second.substr(0, 64);
    if (auto it = ctx.query.find("role"); it != ctx.query.end() && !it->second.empty()) {
      if (!RoleFromKey(it->second)) return Status(code::kBadParam, "没有角色 " + it->second);
      q.role = it->second;
    }
    auto page = ParsePage(ctx.query);
    if (!page) return page.status();
    q.page = page->page;
    q.page_size = page->page_size;
    auto users = s.store.users().List(q);
    if (!users) return users.status();
    json::array items;
    for (const auto& u : users->first) items.push_back(UserJson(s, u));
    return json::value(json::object{{"items", std::move(items)}, {"total", users->second}});
  });
}

// The writes: checks on the blocking pool (they read the account and the catalog), Argon2 on
// the CPU pool, then one write awaited without a thread, then the answer.
http::Handler CreateUser(Services& s) {
  StaffCall call{MayListUsers, "没有管理用户的权限", /*reads_body=*/true, /*success_status=*/201};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    std::optional<std::string> password;
    auto decide = [&]() -> Result<store::UserRecord> {
      Fields f(body);
      auto username = f.String("username", true, 32);
      auto display = f.String("display_name", true, 64);
      auto role_key = f.String("role", true, 32);
      auto district = f.String("district_code", false, 32);
      auto candidate = f.Int("candidate_id", false, 1, INT64_MAX);
      password = f.String("password", true, 1000);
      if (username && !ValidUsername(*username)) f.Fail("username", std::string(kUsernameRule));
      // A plain Role and a flag: GCC 12 warns falsely about std::optional<Role> here.
      Role role = Role::kJudge;
      bool has_role = false;
      if (role_key) {
        if (auto r = RoleFromKey(*role_key)) role = *r, has_role = true;
        else f.Fail("role", "没有这个角色");
      }
      if (has_role && !MayManageRole(who.actor, role))
        return Status(code::kForbidden, "不能创建“" + std::string(RoleName(role)) + "”账号");
      if (password && username) {
        if (Status st = CheckPassword(*password, *username); !st.ok()) f.Fail("password", st.details()[0].message);
      }
      if (has_role) CheckBindings(s, f, role, district.value_or(""), candidate.value_or(0));
      if (Status st = f.Finish(); !st.ok()) return st;
      store::UserRecord u;
      u.username = username.value_or("");
      u.display_name = display.value_or("");
      u.role = role;
      if (u.role == Role::kDistrictAdmin) u.district = district.value_or("");
      if (u.role == Role::kCandidate) u.candidate_id = candidate.value_or(0);
      u.created_at = NowMillis();
      return u;
    };
    auto decided = co_await http::Offload(ctx.blocking, decide);
    if (!decided) co_return decided.status();
    store::UserRecord u = std::move(*decided);
    auto hash = [&] { return HashPassword(password.value_or("")); };
    u.password_hash = co_await http::Offload(s.passwords, hash);
    auto audit = AuditFor(who, ctx, s.auth, "user.create", "", u.district);
    audit.after = AuditUser(u);
    auto id = co_await Committed(s.store.users().Create(u, audit));
    if (!id) co_return id.status();
    u.id = *id;
    auto render = [&] { return json::value(UserJson(s, u)); };
    co_return co_await http::Offload(ctx.blocking, render);
  });
}

http::Handler UpdateUser(Services& s) {
  StaffCall call{MayListUsers, "没有管理用户的权限", /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    struct Change {
      store::UserRecord next;
      store::AuditEvent audit;
    };
    auto decide = [&]() -> Result<Change> {
      auto uid = ParseId(ctx.Param("uid"));
      if (!uid) return Status(code::kBadParam, "用户编号须为正整数");
      Fields f(body);
      auto display = f.String("display_name", false, 64);
      auto disabled = f.Bool("disabled", false);
      auto district = f.String("district_code", false, 32);
      auto current = s.store.users().Get(*uid);
      if (!current) return current.status();
      if (!MayManageRole(who.actor, current->role))
        return Status(code::kForbidden, "不能修改“" + std::string(RoleName(current->role)) + "”账号");
      if (disabled && *disabled && current->id == who.user.id) f.Fail("disabled", "不能停用自己的账号");
      store::UserRecord next = *current;
      if (display) next.display_name = *display;
      if (disabled) next.disabled = *disabled;
      if (district && current->role == Role::kDistrictAdmin) next.district = *district;
      CheckBindings(s, f, next.role, next.district, next.candidate_id);
      if (Status st = f.Finish(); !st.ok()) return st;
      auto audit = AuditFor(who, ctx, s.auth, "user.update", "user:" + std::to_string(next.id), next.district);
      audit.before = AuditUser(*current);
      audit.after = AuditUser(next);
      return Change{std::move(next), std::move(audit)};
    };
    auto change = co_await http::Offload(ctx.blocking, decide);
    if (!change) co_return change.status();
    Status written = co_await Committed(s.store.users().Update(change->next, NowMillis(), change->audit));
    if (!written.ok()) co_return written;
    auto render = [&] { return json::value(UserJson(s, change->next)); };
    co_return co_await http::Offload(ctx.blocking, render);
  });
}

http::Handler ResetPassword(Services& s) {
  StaffCall call{MayListUsers, "没有管理用户的权限", /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    std::string password;
    auto decide = [&]() -> Result<store::UserRecord> {
      auto uid = ParseId(ctx.Param("uid"));
      if (!uid) return Status(code::kBadParam, "用户编号须为正整数");
      Fields f(body);
      auto given = f.String("password", true, 1000);
      if (Status st = f.Finish(); !st.ok()) return st;
      auto current = s.store.users().Get(*uid);
      if (!current) return current.status();
      if (!MayManageRole(who.actor, current->role))
        return Status(code::kForbidden, "不能修改“" + std::string(RoleName(current->role)) + "”账号");
      if (Status st = CheckPassword(*given, current->username); !st.ok()) return st;
      password = *given;
      return std::move(*current);
    };
    auto current = co_await http::Offload(ctx.blocking, decide);
    if (!current) co_return current.status();
    auto hash = [&] { return HashPassword(password); };
    std::string hashed = co_await http::Offload(s.passwords, hash);
    auto audit = AuditFor(who, ctx, s.auth, "user.reset_password", "user:" + std::to_string(current->id), current->district);
    Status written = co_await Committed(s.store.users().SetPassword(current->id, hashed, NowMillis(), "", audit));
    if (!written.ok()) co_return written;
    co_return json::value(nullptr);  // 204
  });
}

http::Handler ExportUsers(Services& s) {
  return StaffFile(s, {MayListUsers, "没有管理用户的权限"}, [&s](const StaffSession&, const Context& ctx) -> Result<Download> {
    store::UserQuery q;
    if (auto it = ctx.query.find("q"); it != ctx.query.end()) q.q = it->second.substr(0, 64);
    if (auto it = ctx.query.find("role"); it != ctx.query.end() && !it->second.empty()) {
      if (!RoleFromKey(it->second)) return Status(code::kBadParam, "没有角色 " + it->second);
      q.role = it->second;
    }
    q.page_size = 100000;
    auto users = s.store.users().List(q);
    if (!users) return users.status();
    const TimeZone tz = HomeTimeZone();
    report::Sheet sheet{"用户", {"编号", "用户名", "姓名/单位", "角色", "所属区", "参评人", "状态", "创建时间", "最近登录"}, {},
                        {8, 16, 20, 14, 12, 16, 8, 20, 20}};
    for (const auto& u : users->first) {
      json::object j = UserJson(s, u);
      std::string district = j["district"].is_object() ? std::string(j["district"].at("name").as_string()) : "";
      std::string candidate = j["candidate"].is_object() ? std::string(j["candidate"].at("name").as_string()) : "";
      sheet.rows.push_back({static_cast<double>(u.id), u.username, u.display_name, std::string(RoleName(u.role)), district,
                            candidate, u.disabled ? "已停用" : "正常", FormatLocalDateTime(u.created_at, tz),
                            u.last_login_at ? FormatLocalDateTime(u.last_login_at, tz) : ""});
    }
    auto bytes = report::WriteXlsx({sheet});
    if (!bytes) return bytes.status();
    return Download{std::move(*bytes), report::kXlsxType, report::ExportFileName("", "用户", NowMillis(), tz)};
  });
}

}  // namespace ss::api
