#include "api/audit.h"

#include "api/auth.h"
#include "api/body.h"
#include "report/xlsx.h"

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
    for (const auto& e : page->first) {
      items.push_back(json::object{{"id", e.id},
                                   {"at", FormatUtc(e.at)},
                                   {"actor", json::object{{"id", e.actor_id}, {"username", e.actor}}},
                                   {"role", e.role},
                                   {"action", e.action},
                                   {"target", e.target},
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
                        {"编号", "时间（北京时间）", "操作人", "角色", "操作", "对象", "所属区", "原值", "新值", "原因", "IP", "请求编号", "哈希"},
                        {},
                        {8, 20, 14, 14, 18, 30, 10, 40, 40, 20, 16, 22, 66}};
    for (const auto& e : page->first) {
      sheet.rows.push_back({static_cast<double>(e.id), FormatLocalDateTime(e.at, HomeTimeZone()), e.actor, e.role, e.action, e.target, e.district,
                            e.before, e.after, e.reason, e.ip, e.request_id, e.hash});
    }
    auto bytes = report::WriteXlsx({sheet});
    if (!bytes) return bytes.status();
    return Download{std::move(*bytes), report::kXlsxType, "审计日志.xlsx"};
  });
}

}  // namespace ss::api
