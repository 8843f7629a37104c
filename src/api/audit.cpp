#include "api/audit.h"

#include "api/auth.h"
#include "api/body.h"
#include "core/audit.h"
#include "core/numbers.h"
#include "report/xlsx.h"

#include <map>

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

json::value JsonOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(text) : v;
}

// The query from the request, narrowed to the caller's scope.
Result<store::AuditQuery> QueryFor(const StaffSession& who, const Context& ctx, bool paged) {
  store::AuditQuery q;
  switch (ScopeOf(who.actor.role, Permission::kReadAudit)) {
    case Scope::kNone: return Status(code::kForbidden, "没有查看审计日志的权限");
    case Scope::kOwnDistrict:
      q.district = who.actor.district;
      q.actor_id = who.actor.user_id;
      break;
    case Scope::kAll: break;
  }
  auto get = [&](const char* k) -> std::string {
    auto it = ctx.query.find(k);
    return it == ctx.query.end() ? "" : it->second.substr(0, 100);
  };
  q.actor = get("actor");
  q.action = get("action");
  q.target = get("target");
  for (auto [key, field] : {std::pair{"from", &q.from}, {"to", &q.to}}) {
    std::string v = get(key);
    if (v.empty()) continue;
    auto t = ParseInstant(v, HomeTimeZone());
    if (!t) return Status(code::kBadParam, std::string(key) + " 应为日期（YYYY-MM-DD）或 ISO 8601 时间");
    // A bare date as "to" means up to the end of that day.
    *field = (v.size() == 10 && std::string_view(key) == "to") ? *t + kMillisPerDay : *t;
  }
  if (paged) {
    auto page = ParsePage(ctx.query);
    if (!page) return page.status();
    q.page = page->page;
    q.page_size = page->page_size;
  } else {
    q.page = 1;
    q.page_size = 100000;
  }
  return q;
}

// What each entry's target is called now, in words ("参评书记 编号 97 钟庆梅"): the page's
// campaigns, their candidates and units, and users are read once each.
std::vector<std::string> TargetTexts(Services& s, const std::vector<AuditEntry>& entries) {
  struct Names {
    std::string campaign;
    std::map<std::string, std::string> candidates, units;
    std::map<std::string, std::string> numbers;  // candidate id → 编号
  };
  std::map<std::int64_t, Names> campaigns;
  std::map<std::string, std::string> users;
  auto campaign_names = [&](std::int64_t id) -> const Names& {
    auto it = campaigns.find(id);
    if (it != campaigns.end()) return it->second;
    Names n;
    if (auto c = s.store.campaigns().Get(id)) n.campaign = c->config.name;
    if (auto list = s.store.roster().Candidates(id))
      for (const auto& c : *list) {
        n.candidates[std::to_string(c.id)] = c.name;
        n.numbers[std::to_string(c.id)] = std::to_string(c.no);
      }
    if (auto list = s.store.roster().OrgUnits(id))
      for (const auto& u : *list) n.units[u.code] = u.name;
    return campaigns.emplace(id, std::move(n)).first->second;
  };
  auto find = [](const std::map<std::string, std::string>& m, const std::string& k) -> std::string {
    auto it = m.find(k);
    return it == m.end() ? "" : it->second;
  };
  std::vector<std::string> out;
  for (const auto& e : entries) {
    AuditTarget t = ParseAuditTarget(e.target);
    std::string name, number;
    if (t.kind == "campaign" || t.kind == "candidate" || t.kind == "org_unit") {
      const Names& n = campaign_names(t.campaign);
      name = t.kind == "campaign" ? n.campaign : find(t.kind == "candidate" ? n.candidates : n.units, t.key);
      if (t.kind == "candidate") number = find(n.numbers, t.key);
    } else if (t.kind == "user") {
      auto it = users.find(t.key);
      if (it == users.end()) {
        std::string username;
        if (auto id = ParsePositiveId(t.key))
          if (auto u = s.store.users().Get(*id)) username = u->username;
        it = users.emplace(t.key, std::move(username)).first;
      }
      name = it->second;
    }
    out.push_back(e.target.empty() ? "" : AuditTargetText(t, name, number));
  }
  return out;
}

bool MayReadAudit(const Actor& a) { return ScopeOf(a.role, Permission::kReadAudit) != Scope::kNone; }

}  // namespace

http::Handler ListAudit(Services& s) {
  StaffCall call{MayReadAudit, "没有查看审计日志的权限"};
  return StaffJson(s, call, [&s](const StaffSession& who, const Context& ctx, const json::object&) -> Result<json::value> {
    auto q = QueryFor(who, ctx, true);
    if (!q) return q.status();
    auto page = s.store.audit().List(*q);
    if (!page) return page.status();
    json::array items;
    std::vector<std::string> texts = TargetTexts(s, page->first);
    for (std::size_t i = 0; i < page->first.size(); ++i) {
      const auto& e = page->first[i];
      items.push_back(json::object{{"id", e.id},
                                   {"at", FormatUtc(e.at)},
                                   {"actor", json::object{{"id", e.actor_id}, {"username", e.actor}}},
                                   {"role", e.role},
                                   {"action", e.action},
                                   {"target", e.target},
                                   {"target_text", texts[i]},
                                   {"district", e.district},
                                   {"before", JsonOrNull(e.before)},
                                   {"after", JsonOrNull(e.after)},
                                   {"reason", e.reason},
                                   {"ip", e.ip},
                                   {"request_id", e.request_id}});
    }
    return json::value(json::object{{"items", std::move(items)}, {"total", page->second}});
  });
}

http::Handler ExportAudit(Services& s) {
  StaffCall call{MayReadAudit, "没有查看审计日志的权限"};
  return StaffFile(s, call, [&s](const StaffSession& who, const Context& ctx) -> Result<Download> {
    auto q = QueryFor(who, ctx, false);
    if (!q) return q.status();
    auto page = s.store.audit().List(*q);
    if (!page) return page.status();
    report::Sheet sheet{"审计日志",
                        {"编号", "时间（北京时间）", "操作人", "角色", "操作", "对象", "对象标识", "所属区", "原值", "新值", "原因", "IP", "请求编号", "哈希"},
                        {},
                        {8, 20, 14, 14, 18, 30, 30, 10, 40, 40, 20, 16, 22, 66}};
    std::vector<std::string> texts = TargetTexts(s, page->first);
    for (std::size_t i = 0; i < page->first.size(); ++i) {
      const auto& e = page->first[i];
      sheet.rows.push_back({static_cast<double>(e.id), FormatLocalDateTime(e.at, HomeTimeZone()), e.actor, e.role, e.action, texts[i], e.target, e.district,
                            e.before, e.after, e.reason, e.ip, e.request_id, e.hash});
    }
    auto bytes = report::WriteXlsx({sheet});
    if (!bytes) return bytes.status();
    return Download{std::move(*bytes), report::kXlsxType, report::ExportFileName("", "审计日志", NowMillis(), HomeTimeZone())};
  });
}

}  // namespace ss::api
