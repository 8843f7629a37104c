// user and audit sub-commands, and the demo accounts made by `init --demo`.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/console.h"
#include "core/account_rules.h"
#include "core/password_policy.h"
#include "core/secrets.h"
#include "store/store.h"

namespace ss::cli {
namespace {

// One line from standard input, without the line end (the password is never an argument,
// so it stays out of the shell history and the process list).
std::optional<std::string> ReadPassword() {
  if (isatty(STDIN_FILENO)) std::cerr << "请输入密码：" << std::flush;
  std::string line;
  if (!std::getline(std::cin, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A district code from any campaign's org tree.
bool DistrictExists(store::Store& store, const std::string& code) {
  auto campaigns = store.campaigns().List();
  if (!campaigns) return false;
  for (const auto& c : *campaigns) {
    auto units = store.roster().OrgUnits(c.id);
    if (!units) continue;
    for (const auto& u : *units)
      if (u.code == code && u.level == Level::kDistrict) return true;
  }
  return false;
}

bool CandidateExists(store::Store& store, std::int64_t id) {
  auto campaigns = store.campaigns().List();
  if (!campaigns) return false;
  for (const auto& c : *campaigns)
    if (store.roster().GetCandidate(c.id, id)) return true;
  return false;
}

}  // namespace

int UserAdd(const UserAddOptions& o) {
  // The same username rule as the API, so the console cannot make an account the API refuses.
  if (!ValidUsername(o.username)) {
    std::cerr << "错误：--username " << kUsernameRule << "\n";
    return 2;
  }
  auto role = RoleFromKey(o.role);
  if (!role) {
    std::cerr << "错误：--role 须为 admin、organizer、district_admin、judge 或 candidate\n";
    return 2;
  }
  auto store = OpenOrReport(o.db);
  if (!store) return 1;
  auto district_exists = [&](std::string_view code) { return DistrictExists(*store, std::string(code)); };
  auto candidate_exists = [&](std::int64_t id) { return CandidateExists(*store, id); };
  switch (CheckAccountBinding(*role, o.district, o.candidate, district_exists, candidate_exists)) {
    case AccountBinding::kOk: break;
    case AccountBinding::kNeedsDistrict:
      std::cerr << "错误：区委组织部账号须用 --district 指定一个存在的区代码\n";
      return 2;
    case AccountBinding::kNeedsCandidate:
      std::cerr << "错误：参评书记账号须用 --candidate 指定一个存在的参评人编号\n";
      return 2;
  }
  auto password = ReadPassword();
  if (!password) {
    std::cerr << "错误：没有从标准输入读到密码\n";
    return 2;
  }
  if (Status s = CheckPassword(*password, o.username); !s.ok()) {
    PrintError(s);
    return 1;
  }
  store::UserRecord u;
  u.username = o.username;
  u.display_name = o.display_name.empty() ? o.username : o.display_name;
  u.role = *role;
  if (*role == Role::kDistrictAdmin) u.district = o.district;
  if (*role == Role::kCandidate) u.candidate_id = o.candidate;
  u.password_hash = HashPassword(*password);
  u.created_at = NowMillis();
  auto id = store->users().Create(u, ConsoleAudit("user.create", "")).Wait();
  if (!id) {
    PrintError(id.status());
    return 1;
  }
  std::cout << "已创建用户 " << u.username << "（" << RoleName(u.role) << "，编号 " << *id << "）\n";
  return 0;
}

int UserList(const std::string& db) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  store::UserQuery q;
  q.page_size = 100000;
  auto page = store->users().List(q);
  if (!page) {
    PrintError(page.status());
    return 1;
  }
  std::cout << "编号\t用户名\t姓名\t角色\t区\t参评人\t状态\t最近登录\n";
  for (const auto& u : page->first) {
    std::cout << u.id << "\t" << u.username << "\t" << u.display_name << "\t" << RoleName(u.role) << "\t"
              << (u.district.empty() ? "-" : u.district) << "\t" << (u.candidate_id ? std::to_string(u.candidate_id) : "-")
              << "\t" << (u.disabled ? "已停用" : "正常") << "\t"
              << (u.last_login_at ? FormatUtc(u.last_login_at) : "-") << "\n";
  }
  std::cout << "共 " << page->second << " 个用户\n";
  return 0;
}

int UserSetDisabled(const std::string& db, const std::string& username, bool disabled) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto u = store->users().FindByUsername(username);
  if (!u) {
    PrintError(u.status());
    return 1;
  }
  store::UserRecord next = *u;
  next.disabled = disabled;
  auto e = ConsoleAudit("user.update", "user:" + std::to_string(u->id));
  e.before = std::string("{\"disabled\":") + (u->disabled ? "true" : "false") + "}";
  e.after = std::string("{\"disabled\":") + (disabled ? "true" : "false") + "}";
  if (Status s = store->users().Update(next, NowMillis(), e).Wait(); !s.ok()) {
    PrintError(s);
    return 1;
  }
  std::cout << "用户 " << username << (disabled ? " 已停用，并已退出所有登录" : " 已启用") << "\n";
  return 0;
}

int UserResetPassword(const std::string& db, const std::string& username) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto u = store->users().FindByUsername(username);
  if (!u) {
    PrintError(u.status());
    return 1;
  }
  auto password = ReadPassword();
  if (!password) {
    std::cerr << "错误：没有从标准输入读到密码\n";
    return 2;
  }
  if (Status s = CheckPassword(*password, username); !s.ok()) {
    PrintError(s);
    return 1;
  }
  if (Status s = store->users().SetPassword(u->id, HashPassword(*password), NowMillis(), "",
                                            ConsoleAudit("user.reset_password", "user:" + std::to_string(u->id))).Wait();
      !s.ok()) {
    PrintError(s);
    return 1;
  }
  std::cout << "用户 " << username << " 的密码已重置，原有登录均已失效\n";
  return 0;
}

int AuditVerify(const std::string& db) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto all = store->audit().All();
  if (!all) {
    PrintError(all.status());
    return 1;
  }
  if (auto broken = FirstBrokenEntry(*all)) {
    std::cerr << "审计日志已被改动：第 " << *broken << " 条记录与哈希链不符（从这一条起的记录不可信）\n";
    return 1;
  }
  std::cout << "审计日志完整：共 " << all->size() << " 条，哈希链校验通过";
  if (!all->empty()) std::cout << "（最新哈希 " << all->back().hash.substr(0, 16) << "…）";
  std::cout << "\n";
  return 0;
}

Status CreateDemoAccounts(store::Store& store, const std::string& db_path, std::int64_t campaign) {
  struct Demo {
    const char* username;
    const char* name;
    Role role;
    const char* district;
    int candidate_no;
  };
  const Demo demos[] = {
      {"admin", "系统管理员", Role::kAdmin, "", 0},
      {"organizer", "市委组织部", Role::kOrganizer, "", 0},
      {"haibowan", "海勃湾区委组织部", Role::kDistrictAdmin, "150301", 0},
      {"wuda", "乌达区委组织部", Role::kDistrictAdmin, "150302", 0},
      {"hainan", "海南区委组织部", Role::kDistrictAdmin, "150303", 0},
      {"judge1", "评委一", Role::kJudge, "", 0},
      {"judge2", "评委二", Role::kJudge, "", 0},
      {"judge3", "评委三", Role::kJudge, "", 0},
      {"cand001", "张立（参评书记）", Role::kCandidate, "", 1},
      {"cand097", "钟庆梅（参评书记）", Role::kCandidate, "", 97},
  };
  auto candidates = store.roster().Candidates(campaign);
  if (!candidates) return candidates.status();
  std::filesystem::path file = std::filesystem::path(db_path).parent_path() / "demo-accounts.txt";
  std::ostringstream table;
  table << "用户名\t密码\t角色\t说明\n";
  for (const auto& d : demos) {
    if (store.users().FindByUsername(d.username)) continue;  // kept from an earlier run
    store::UserRecord u;
    u.username = d.username;
    u.display_name = d.name;
    u.role = d.role;
    u.district = d.district;
    for (const auto& c : *candidates)
      if (d.candidate_no && c.no == d.candidate_no) u.candidate_id = c.id;
    // 16 random URL-safe characters: passes the policy, easy to type once.
    std::string password = RandomToken().substr(0, 16);
    u.password_hash = HashPassword(password);
    u.created_at = NowMillis();
    auto id = store.users().Create(u, ConsoleAudit("user.create", "")).Wait();
    if (!id) return id.status();
    table << d.username << "\t" << password << "\t" << RoleName(d.role) << "\t" << d.name << "\n";
  }
  {
    // Readable by the owner only: it holds passwords.
    mode_t old = umask(077);
    std::ofstream out(file, std::ios::trunc);
    out << table.str();
    umask(old);
    if (!out) return Status(code::kUnavailable, "无法写入 " + file.string());
  }
  chmod(file.c_str(), 0600);
  std::cout << "\n演示账号（只显示这一次，也已保存到 " << file.string() << "，仅本人可读）：\n" << table.str();
  return Status::Ok();
}

}  // namespace ss::cli
