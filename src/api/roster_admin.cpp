#include "api/roster_admin.h"

#include "api/auth.h"
#include "api/body.h"
#include "api/committed.h"
#include "api/campaigns.h"
#include "api/render.h"
#include "core/directory.h"
#include "core/numbers.h"
#include "core/org_import.h"
#include "core/table.h"
#include "core/roster.h"
#include "core/roster_rules.h"
#include "report/xlsx.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

constexpr std::size_t kMaxImportRows = 5000;

// What the roster handlers read, all at once and consistent: the campaign, every unit and
// every candidate (disabled ones too).
struct RosterState {
  store::CampaignRecord record;
  OrgTree tree;
  std::vector<Candidate> candidates;
  PhaseKey phase = PhaseKey::kDraft;

  // What the core rules read.
  RosterSnapshot Snapshot() const { return {record.config, tree, candidates, phase}; }
  std::string DistrictOf(const std::string& unit_code) const { return Snapshot().DistrictOf(unit_code); }
  const Candidate* ById(std::int64_t id) const {
    for (const auto& c : candidates)
      if (c.id == id) return &c;
    return nullptr;
  }
};

Result<RosterState> LoadState(Services& s, std::int64_t campaign) {
  auto record = s.store.campaigns().Get(campaign);
  if (!record) return record.status();
  auto units = s.store.roster().OrgUnits(campaign);
  if (!units) return units.status();
  auto candidates = s.store.roster().Candidates(campaign);
  if (!candidates) return candidates.status();
  auto tree = OrgTree::Build(std::move(*units));
  if (!tree) return tree.status();
  RosterState st{std::move(*record), std::move(*tree), std::move(*candidates), PhaseKey::kDraft};
  st.phase = EffectivePhase(st.record.phase, st.record.config.schedule, NowMillis(), st.record.config.auto_advance);
  return st;
}

// The correction rule (core/roster_rules.h) as a form error.
void CheckCorrection(const RosterState& st, const std::optional<std::string>& reason, Fields& f) {
  if (auto e = ss::CheckCorrection(st.phase, st.record.config.schedule, reason)) f.Fail(std::move(e->field), std::move(e->message));
}

Status Forbidden(const std::string& what) { return Status(code::kForbidden, what); }

std::string CandidateAuditJson(const Candidate& c) {
  return json::serialize(json::object{{"no", c.no},         {"name", c.name},   {"gender", c.gender}, {"title", c.title},
                                      {"unit", c.unit},     {"group", c.group}, {"active", c.active}});
}

json::object UnitRowJson(const RosterState& st, const OrgUnit& u) {
  const OrgUnit* parent = st.tree.Parent(u);
  const OrgUnit* district = st.tree.District(u);
  json::object o{{"code", u.code}, {"name", u.name}, {"level", LevelKey(u.level)}, {"active", u.active}};
  o["parent"] = parent ? json::value(json::object{{"code", parent->code}, {"name", parent->name}}) : json::value(nullptr);
  o["district"] = district ? json::value(json::object{{"code", district->code}, {"name", district->name}}) : json::value(nullptr);
  o["candidate"] = nullptr;
  for (const auto& c : st.candidates)
    if (c.unit == u.code && c.active) o["candidate"] = json::object{{"id", c.id}, {"name", c.name}};
  return o;
}

json::object CandidateRowJson(const CampaignConfig& config, const Directory::Entry& e) {
  json::object o = CandidateJson(config, e, false);
  o["active"] = e.candidate->active;
  return o;
}

// The actor's district filter for lists: a district admin always gets their own.
Result<std::string> ListDistrict(const StaffSession& who, const Context& ctx) {
  std::string asked;
  if (auto it = ctx.query.find("district"); it != ctx.query.end()) asked = it->second;
  if (ScopeOf(who.actor.role, Permission::kReadRoster) == Scope::kAll) return asked;
  if (ScopeOf(who.actor.role, Permission::kReadRoster) == Scope::kNone) return Forbidden("没有查看名单的权限");
  if (!asked.empty() && asked != who.actor.district) return Forbidden("只能查看本区的数据");
  return who.actor.district;
}

// Spreadsheet rows → records; row 1 is the header. Numbers become their text, blank rows go.
Result<std::vector<CsvRecord>> SheetRecords(const json::array& rows) {
  std::vector<CsvRecord> records;
  int line = 0;
  for (const auto& row : rows) {
    ++line;
    if (!row.is_array()) return Status(code::kInvalid, "第 " + std::to_string(line) + " 行格式错误", {{line, "", "应为单元格数组"}});
    CsvRecord rec{line, {}};
    for (const auto& cell : row.as_array()) {
      if (cell.is_string()) rec.fields.emplace_back(cell.as_string());
      else if (cell.is_int64()) rec.fields.push_back(std::to_string(cell.as_int64()));
      else if (cell.is_uint64()) rec.fields.push_back(std::to_string(cell.as_uint64()));
      else if (auto whole = cell.is_double() ? IntegralDouble(cell.as_double()) : std::nullopt)
        rec.fields.push_back(std::to_string(*whole));
      else if (cell.is_null()) rec.fields.emplace_back();
      else rec.fields.push_back(json::serialize(cell));
    }
    bool blank = true;
    for (const auto& v : rec.fields) blank = blank && v.empty();
    if (!blank) records.push_back(std::move(rec));
  }
  return records;
}

// An import request: {rows: [[header…], [cells…], …], dry_run, reason}.
struct ImportRequest {
  std::vector<CsvRecord> records;
  bool dry_run = false;
  std::optional<std::string> reason;
};

Result<ImportRequest> ReadImport(Fields& f, const json::object& body) {
  ImportRequest out;
  out.dry_run = f.Bool("dry_run", false).value_or(false);
  out.reason = f.String("reason", false, 500);
  const json::value* rows = body.if_contains("rows");
  if (!rows || !rows->is_array() || rows->as_array().empty()) f.Fail("rows", "没有可导入的行（第一行应为表头）");
  else if (rows->as_array().size() > kMaxImportRows + 1) f.Fail("rows", "一次最多导入 " + std::to_string(kMaxImportRows) + " 行");
  if (Status bad = f.Finish(); !bad.ok()) return bad;
  auto records = SheetRecords(rows->as_array());
  if (!records) return records.status();
  out.records = std::move(*records);
  return out;
}

// What every import does once its rows are planned: a correction reason when anything would
// change, the counts to answer with, and — unless it is a dry run or nothing changes — the
// audit entry to apply the change with (the caller adds before/after and applies).
struct ImportStep {
  json::object counts;
  std::optional<store::AuditEvent> apply;
};

Result<ImportStep> DecideImport(Services& s, const StaffSession& who, const Context& ctx, const RosterState& st,
                                Fields& f, const ImportRequest& request, std::string action, std::size_t inserts,
                                std::size_t updates, int unchanged) {
  bool changes = inserts + updates > 0;
  if (changes) {
    CheckCorrection(st, request.reason, f);
    if (Status bad = f.Finish(); !bad.ok()) return bad;
  }
  ImportStep step{json::object{{"inserts", inserts}, {"updates", updates}, {"unchanged", unchanged}, {"dry_run", request.dry_run}},
                  std::nullopt};
  if (request.dry_run || !changes) return step;
  step.apply = AuditFor(who, ctx, s.auth, std::move(action), "campaign:" + std::to_string(st.record.id),
                        who.actor.role == Role::kDistrictAdmin ? who.actor.district : "");
  step.apply->reason = request.reason.value_or("");
  return step;
}

// What a roster read does once the caller is known and the roster is loaded: the whole
// reply. `district` is the caller's district filter (always their own for a district admin).
using RosterView = std::function<Result<Reply>(const StaffSession& who, const Context& ctx, RosterState& st,
                                               const std::string& district)>;

// The frame every roster read shares: signed in, allowed to see some roster, the district
// filter, the campaign; the roster is loaded on the blocking pool, then `work` runs on the
// CPU pool with it.
http::Handler RosterRead(Services& s, RosterView work) {
  return [&s, work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    auto district = ListDistrict(*who, ctx);
    if (!district) co_return http::ErrorReply(ctx.request, district.status());
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    const std::int64_t campaign = (*view)->record.id;
    auto load = [&] { return LoadState(s, campaign); };
    auto st = co_await http::Offload(ctx.blocking, load);
    if (!st) co_return http::ErrorReply(ctx.request, st.status());
    // Lists are filtered and workbooks built on the CPU pool, away from the reads.
    auto shape = [&] { return work(*who, ctx, *st, *district); };
    auto reply = co_await http::Offload(s.cpu, shape);
    if (!reply) co_return http::ErrorReply(ctx.request, reply.status());
    co_return std::move(*reply);
  };
}

// What a roster write decided, with the roster loaded: the write it queued (none for a dry
// run or a change that changes nothing) and the answer to give once that write committed —
// with the id it created, if any.
struct RosterStep {
  std::optional<store::Pending<Result<std::int64_t>>> write;
  std::function<Result<json::object>(std::int64_t created)> answer;
};

RosterStep AnswerNow(json::object o) {
  return RosterStep{std::nullopt, [o = std::move(o)](std::int64_t) -> Result<json::object> { return o; }};
}

// A write that creates nothing, as the step's write.
store::Pending<Result<std::int64_t>> NothingCreated(store::Pending<Status> p) {
  return store::Map<Result<std::int64_t>>(std::move(p), [](Status st) -> Result<std::int64_t> {
    if (!st.ok()) return st;
    return std::int64_t{0};
  });
}

// What a roster write does once the caller is known and the roster is loaded. Runs on the
// CPU pool (imports plan thousands of rows); queues its write, never waits for it.
using RosterWork = std::function<Result<RosterStep>(const StaffSession& who, const Context& ctx, RosterState& st,
                                                    const json::object& body)>;

// The frame every roster write shares: signed in, allowed to edit some roster at all, the
// campaign and a JSON body; the roster is loaded on the blocking pool, `work` decides on the
// CPU pool, the write is awaited without holding a thread, and the answer is made on the
// blocking pool (it may read the roster again).
http::Handler RosterWrite(Services& s, unsigned success_status, RosterWork work) {
  return [&s, success_status, work = std::move(work)](Context& ctx) -> asio::awaitable<Reply> {
    auto who = co_await RequireStaff(s, ctx);
    if (!who) co_return http::ErrorReply(ctx.request, who.status());
    if (ScopeOf(who->actor.role, Permission::kEditRoster) == Scope::kNone)
      co_return http::ErrorReply(ctx.request, Forbidden("没有修改名单的权限"));
    auto view = co_await View(s, ctx);
    if (!view) co_return http::ErrorReply(ctx.request, view.status());
    auto body = co_await ReadJsonBody(s, ctx);
    if (!body) co_return http::ErrorReply(ctx.request, body.status());
    const std::int64_t campaign = (*view)->record.id;
    auto load = [&] { return LoadState(s, campaign); };
    auto st = co_await http::Offload(ctx.blocking, load);
    if (!st) co_return http::ErrorReply(ctx.request, st.status());
    auto decide = [&] { return work(*who, ctx, *st, *body); };
    auto step = co_await http::Offload(s.cpu, decide);
    if (!step) co_return http::ErrorReply(ctx.request, step.status());
    std::int64_t created = 0;
    if (step->write) {
      auto written = co_await Committed(std::move(*step->write));
      if (!written) co_return http::ErrorReply(ctx.request, written.status());
      created = *written;
    }
    auto answer = [&] { return step->answer(created); };
    auto result = co_await http::Offload(ctx.blocking, answer);
    if (!result) co_return http::ErrorReply(ctx.request, result.status());
    co_return http::JsonReply(ctx.request, json::serialize(*result), success_status);
  };
}

std::vector<std::vector<report::Cell>> RosterRows(const RosterState& st, const std::vector<const Candidate*>& list) {
  std::vector<std::vector<report::Cell>> rows;
  for (const Candidate* c : list) {
    const OrgUnit* u = st.tree.Find(c->unit);
    const OrgUnit* p = u ? st.tree.Parent(*u) : nullptr;
    const OrgUnit* d = u ? st.tree.District(*u) : nullptr;
    const Group* g = st.record.config.FindGroup(c->group);
    rows.push_back({static_cast<double>(c->no), c->name, c->gender, c->title, c->unit, u ? u->name : "",
                    p ? p->name : "", d ? d->name : "", g ? g->name : c->group});
  }
  return rows;
}

report::Sheet RosterSheet(std::vector<std::vector<report::Cell>> rows) {
  report::Sheet sheet{"名单", {}, std::move(rows), {8, 10, 6, 18, 16, 14, 14, 10, 22}};
  for (const char* col : kRosterColumns) sheet.header.push_back(col);
  return sheet;
}

}  // namespace

http::Handler AdminOrgUnits(Services& s) {
  return RosterRead(s, [](const StaffSession&, const Context& ctx, RosterState& st, const std::string& district) -> Result<Reply> {
    std::string level, q;
    if (auto it = ctx.query.find("level"); it != ctx.query.end()) level = it->second;
    if (auto it = ctx.query.find("q"); it != ctx.query.end()) q = it->second;
    auto page = ParsePage(ctx.query);
    if (!page) return page.status();
    if (!level.empty() && !LevelFromKey(level)) return Status(code::kBadParam, "没有层级 " + level);
    json::array items;
    int total = 0;
    std::size_t first = static_cast<std::size_t>(page->page - 1) * page->page_size;
    for (const auto& u : st.tree.units()) {
      const OrgUnit* d = st.tree.District(u);
      if (!district.empty() && (!d || d->code != district)) continue;
      if (!level.empty() && LevelKey(u.level) != level) continue;
      if (!q.empty() && u.name.find(q) == std::string::npos && u.code.find(q) == std::string::npos) continue;
      if (static_cast<std::size_t>(total) >= first && items.size() < static_cast<std::size_t>(page->page_size))
        items.push_back(UnitRowJson(st, u));
      ++total;
    }
    return http::JsonReply(ctx.request, json::serialize(json::object{{"items", std::move(items)}, {"total", total}}));
  });
}

namespace {
// "海南区_参评名单_2026-12-03.xlsx" for a district's rows, "全市_…" for the whole campaign's;
// the day in the campaign's time zone.
std::string ExportName(const RosterState& st, const std::string& district, std::string_view what) {
  const OrgUnit* d = district.empty() ? nullptr : st.tree.Find(district);
  return report::ExportFileName(d ? d->name : district.empty() ? "全市" : district, what, NowMillis(), st.record.config.timezone);
}
}  // namespace

http::Handler ExportOrgUnits(Services& s) {
  return RosterRead(s, [](const StaffSession&, const Context& ctx, RosterState& st, const std::string& district) -> Result<Reply> {
    std::string level;
    if (auto it = ctx.query.find("level"); it != ctx.query.end()) level = it->second;
    if (!level.empty() && !LevelFromKey(level)) return Status(code::kBadParam, "没有层级 " + level);
    report::Sheet sheet{"组织单位", {"单位代码", "单位名称", "层级", "上级单位代码", "上级单位", "所属区", "参评书记", "状态"}, {},
                        {16, 16, 8, 16, 16, 10, 10, 8}};
    for (const auto& u : st.tree.units()) {
      const OrgUnit* d = st.tree.District(u);
      if (!district.empty() && (!d || d->code != district)) continue;
      if (!level.empty() && LevelKey(u.level) != level) continue;
      const OrgUnit* p = st.tree.Parent(u);
      std::string secretary;
      for (const auto& c : st.candidates)
        if (c.unit == u.code && c.active) secretary = c.name;
      sheet.rows.push_back({u.code, u.name, std::string(LevelName(u.level)), p ? p->code : "", p ? p->name : "",
                            d ? d->name : "", secretary, u.active ? "启用" : "停用"});
    }
    auto bytes = report::WriteXlsx({sheet});
    if (!bytes) return bytes.status();
    return http::FileReply(ctx.request, std::move(*bytes), report::kXlsxType, ExportName(st, district, "组织单位"));
  });
}

http::Handler OrgUnitTemplate(Services& s) {
  return RosterRead(s, [](const StaffSession& who, const Context& ctx, RosterState& st, const std::string&) -> Result<Reply> {
    report::Sheet sheet{"组织单位", {}, {}, {16, 16, 8, 16, 16, 10}};
    for (const char* col : kOrgUnitColumns) sheet.header.push_back(col);
    // One example: the first village or community the caller may edit.
    for (const auto& u : st.tree.units()) {
      const OrgUnit* p = st.tree.Parent(u);
      const OrgUnit* d = st.tree.District(u);
      if ((u.level != Level::kVillage && u.level != Level::kCommunity) || !p || !d) continue;
      if (!Allows(who.actor, Permission::kEditRoster, d->code)) continue;
      sheet.rows.push_back({u.code, u.name, std::string(LevelName(u.level)), p->code, p->name, d->name});
      break;
    }
    report::Sheet help{"说明", {"填写说明"}, {}, {100}};
    for (const char* line : {"第一行是表头，请不要修改或删除。每一行填写一个组织单位（镇、街道、村或社区）。",
                             "单位代码：在本活动中唯一。已有的代码只更新单位名称，新的代码新增单位。",
                             "层级：填写“镇”“街道”“村”或“社区”。村、社区的上级是镇或街道；镇、街道的上级是区。",
                             "上级单位代码：上级单位的代码，可以是本表中新增的单位。",
                             "上级单位、所属区可以不填；如果填写，须与上级单位代码一致。",
                             "导入前系统会逐行检查，有任何一行出错时不会导入任何数据。"})
      help.rows.push_back({std::string(line)});
    auto bytes = report::WriteXlsx({sheet, help});
    if (!bytes) return bytes.status();
    return http::FileReply(ctx.request, std::move(*bytes), report::kXlsxType, "组织单位导入模板.xlsx");
  });
}

http::Handler ImportOrgUnits(Services& s) {
  return RosterWrite(s, 200, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    Fields f(body);
    auto request = ReadImport(f, body);
    if (!request) return request.status();
    auto plan = PlanOrgImport(st.tree, who.actor, request->records);
    if (!plan) return plan.status();
    auto step = DecideImport(s, who, ctx, st, f, *request, "org_unit.import", plan->inserts.size(), plan->updates.size(),
                             plan->unchanged);
    if (!step) return step.status();
    if (!step->apply) return AnswerNow(step->counts);
    auto unit_json = [](const OrgUnit& u) {
      return json::object{{"code", u.code}, {"name", u.name}, {"level", LevelKey(u.level)}, {"parent", u.parent}};
    };
    json::array before, after_json;
    for (const auto& u : plan->updates) {
      if (const OrgUnit* old = st.tree.Find(u.code)) before.push_back(unit_json(*old));
      after_json.push_back(unit_json(u));
    }
    for (const auto& u : plan->inserts) after_json.push_back(unit_json(u));
    step->apply->before = json::serialize(before);
    step->apply->after = json::serialize(after_json);
    return RosterStep{NothingCreated(s.store.roster().ApplyOrgUnits(st.record.id, *plan, *step->apply)),
                      [counts = step->counts](std::int64_t) -> Result<json::object> { return counts; }};
  });
}

http::Handler CreateOrgUnit(Services& s) {
  return RosterWrite(s, 201, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    Fields f(body);
    OrgUnit u;
    u.code = f.String("code", true, 32).value_or("");
    u.name = f.String("name", true, 128).value_or("");
    u.parent = f.String("parent", true, 32).value_or("");
    auto level = f.String("level", true, 16);
    auto reason = f.String("reason", false, 500);
    if (level) {
      auto l = LevelFromKey(*level);
      if (!l || !IsGrassrootsLevel(*l)) f.Fail("level", "只能新增镇、街道、村或社区");
      else u.level = *l;
    }
    const OrgUnit* parent = st.tree.Find(u.parent);
    if (!u.parent.empty() && !parent) f.Fail("parent", "上级单位 " + u.parent + " 不存在");
    std::string district = parent ? st.DistrictOf(parent->code) : "";
    if (parent && !Allows(who.actor, Permission::kEditRoster, district)) return Forbidden("只能在本区新增单位");
    CheckCorrection(st, reason, f);
    if (Status bad = f.Finish(); !bad.ok()) return bad;
    // The tree with the new unit must still hold together (levels, codes).
    std::vector<OrgUnit> units = st.tree.units();
    units.push_back(u);
    auto tree = OrgTree::Build(std::move(units));
    if (!tree) {
      std::vector<FieldError> errors;
      for (const auto& d : tree.status().details()) {
        std::string field = d.field.substr(d.field.rfind('.') + 1);
        errors.push_back({0, field, d.message});
      }
      return Status(code::kInvalid, "单位信息有误", std::move(errors));
    }
    auto audit = AuditFor(who, ctx, s.auth, "org_unit.create",
                          "campaign:" + std::to_string(st.record.id) + "/org_unit:" + u.code, district);
    audit.reason = reason.value_or("");
    audit.after = json::serialize(json::object{{"code", u.code}, {"name", u.name}, {"level", LevelKey(u.level)}, {"parent", u.parent}});
    auto write = NothingCreated(s.store.roster().CreateOrgUnit(st.record.id, u, audit));
    st.tree = std::move(*tree);
    return RosterStep{std::move(write), [&st, code = u.code](std::int64_t) -> Result<json::object> {
                        return UnitRowJson(st, *st.tree.Find(code));
                      }};
  });
}

http::Handler UpdateOrgUnit(Services& s) {
  return RosterWrite(s, 200, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    const OrgUnit* current = st.tree.Find(ctx.Param("code"));
    if (!current) return Status(code::kNotFound, "没有代码为 " + ctx.Param("code") + " 的单位");
    std::string district = st.DistrictOf(current->code);
    if (!Allows(who.actor, Permission::kEditRoster, district)) return Forbidden("只能修改本区的单位");
    if (!IsGrassrootsLevel(current->level)) return Forbidden("市、区级单位只能由系统管理员在活动文件中修改");
    Fields f(body);
    OrgUnit next = *current;
    if (auto name = f.String("name", false, 128)) next.name = *name;
    if (auto active = f.Bool("active", false)) next.active = *active;
    auto reason = f.String("reason", false, 500);
    if (next.name.empty()) f.Fail("name", "不能为空");
    if (!next.active) {
      for (const auto& c : st.candidates)
        if (c.unit == next.code && c.active) f.Fail("active", "该单位还有参评书记 " + c.name + "，请先停用或调整参评人");
    }
    CheckCorrection(st, reason, f);
    if (Status bad = f.Finish(); !bad.ok()) return bad;
    auto audit = AuditFor(who, ctx, s.auth, "org_unit.update",
                          "campaign:" + std::to_string(st.record.id) + "/org_unit:" + next.code, district);
    audit.reason = reason.value_or("");
    audit.before = json::serialize(json::object{{"name", current->name}, {"active", current->active}});
    audit.after = json::serialize(json::object{{"name", next.name}, {"active", next.active}});
    return RosterStep{NothingCreated(s.store.roster().UpdateOrgUnit(st.record.id, next, audit)),
                      [&s, id = st.record.id, code = next.code](std::int64_t) -> Result<json::object> {
                        auto fresh = LoadState(s, id);
                        if (!fresh) return fresh.status();
                        return UnitRowJson(*fresh, *fresh->tree.Find(code));
                      }};
  });
}

http::Handler AdminCandidates(Services& s) {
  return RosterRead(s, [](const StaffSession&, const Context& ctx, RosterState& st, const std::string& district) -> Result<Reply> {
    Directory dir(st.record.config, std::move(st.tree), std::move(st.candidates), /*include_inactive=*/true);
    auto params = ctx.query;
    params["district"] = district;
    auto query = dir.ParseQuery(params);
    if (!query) return query.status();
    auto page = dir.Find(*query);
    json::array items;
    for (const auto* e : page.items) items.push_back(CandidateRowJson(dir.config(), *e));
    return http::JsonReply(ctx.request, json::serialize(json::object{{"items", std::move(items)}, {"total", page.total}}));
  });
}

namespace {

// Create and update share the decision (DecideCandidate: the district, the tree and
// configuration, one active secretary per unit, the phase, the quotas); then one write.
Result<RosterStep> SaveCandidate(Services& s, const StaffSession& who, const Context& ctx, RosterState& st,
                                 const json::object& body, const Candidate* current) {
  std::vector<FieldError> form_errors;
  CandidateChange change = ReadCandidateForm(body, !current, form_errors);
  auto decided = DecideCandidate(st.Snapshot(), who.actor, current, change, std::move(form_errors));
  if (!decided) return decided.status();
  Candidate next = std::move(*decided);
  const std::optional<std::string>& reason = change.reason;
  std::string district = st.DistrictOf(next.unit);

  Millis now = NowMillis();
  std::string target = "campaign:" + std::to_string(st.record.id) + "/candidate:";
  auto audit = AuditFor(who, ctx, s.auth, current ? "candidate.update" : "candidate.create",
                        current ? target + std::to_string(current->id) : "", district);
  audit.reason = reason.value_or("");
  if (current) audit.before = CandidateAuditJson(*current);
  audit.after = CandidateAuditJson(next);
  auto write = current ? NothingCreated(s.store.roster().UpdateCandidate(st.record.id, next, now, audit))
                       : s.store.roster().CreateCandidate(st.record.id, next, now, audit);
  return RosterStep{std::move(write), [&st, next](std::int64_t created) mutable -> Result<json::object> {
                      if (created) next.id = created;
                      std::vector<Candidate> one{next};
                      Directory dir(st.record.config, st.tree, one, true);
                      return CandidateRowJson(dir.config(), dir.entries().front());
                    }};
}

}  // namespace

http::Handler CreateCandidate(Services& s) {
  return RosterWrite(s, 201, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    return SaveCandidate(s, who, ctx, st, body, nullptr);
  });
}

http::Handler UpdateCandidate(Services& s) {
  return RosterWrite(s, 200, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    auto cid = ParseId(ctx.Param("cid"));
    if (!cid) return Status(code::kBadParam, "参评人编号须为正整数");
    const Candidate* current = st.ById(*cid);
    if (!current) return Status(code::kNotFound, "本活动中没有编号为 " + std::to_string(*cid) + " 的参评人");
    return SaveCandidate(s, who, ctx, st, body, current);
  });
}

http::Handler RosterTemplate(Services& s) {
  return RosterRead(s, [](const StaffSession& who, const Context& ctx, RosterState& st, const std::string&) -> Result<Reply> {
    // One example row: the first candidate the caller may edit.
    std::vector<const Candidate*> example;
    for (const auto& c : st.candidates) {
      if (Allows(who.actor, Permission::kEditRoster, st.DistrictOf(c.unit))) {
        example.push_back(&c);
        break;
      }
    }
    report::Sheet help{"说明", {"填写说明"}, {}, {100}};
    for (const char* line : {"第一行是表头，请不要修改或删除。每一行填写一位参评书记。",
                             "编号：正整数，在本活动中唯一。已有的编号会更新该参评人，新的编号会新增参评人。",
                             "性别：填写“男”或“女”。", "单位代码：组织单位的代码（可在“组织单位”页面查询）。",
                             "单位、上级单位、所属区、组别可以不填；如果填写，须与单位代码一致。",
                             "导入前系统会逐行检查，有任何一行出错时不会导入任何数据。"})
      help.rows.push_back({std::string(line)});
    auto bytes = report::WriteXlsx({RosterSheet(RosterRows(st, example)), help});
    if (!bytes) return bytes.status();
    return http::FileReply(ctx.request, std::move(*bytes), report::kXlsxType, "参评名单导入模板.xlsx");
  });
}

http::Handler RosterExport(Services& s) {
  return RosterRead(s, [](const StaffSession&, const Context& ctx, RosterState& st, const std::string& district) -> Result<Reply> {
    std::string group;
    if (auto it = ctx.query.find("group"); it != ctx.query.end()) group = it->second;
    std::vector<const Candidate*> list;
    for (const auto& c : st.candidates) {
      if (!c.active) continue;
      if (!district.empty() && st.DistrictOf(c.unit) != district) continue;
      if (!group.empty() && c.group != group) continue;
      list.push_back(&c);
    }
    auto bytes = report::WriteXlsx({RosterSheet(RosterRows(st, list))});
    if (!bytes) return bytes.status();
    return http::FileReply(ctx.request, std::move(*bytes), report::kXlsxType, ExportName(st, district, "参评名单"));
  });
}

http::Handler RosterImport(Services& s) {
  return RosterWrite(s, 200, [&s](const StaffSession& who, const Context& ctx, RosterState& st, const json::object& body) -> Result<RosterStep> {
    Fields f(body);
    auto request = ReadImport(f, body);
    if (!request) return request.status();
    auto plan = PlanRosterImport(st.Snapshot(), who.actor, request->records);
    if (!plan) return plan.status();
    auto step = DecideImport(s, who, ctx, st, f, *request, "roster.import", plan->inserts.size(), plan->updates.size(),
                             plan->unchanged);
    if (!step) return step.status();
    if (!step->apply) return AnswerNow(step->counts);
    json::array before, after;
    for (const auto& u : plan->updates) {
      if (const Candidate* old = st.ById(u.id)) before.push_back(json::parse(CandidateAuditJson(*old)));
      after.push_back(json::parse(CandidateAuditJson(u)));
    }
    for (const auto& c : plan->inserts) after.push_back(json::parse(CandidateAuditJson(c)));
    step->apply->before = json::serialize(before);
    step->apply->after = json::serialize(after);
    return RosterStep{NothingCreated(s.store.roster().ApplyRoster(st.record.id, *plan, NowMillis(), *step->apply)),
                      [counts = step->counts](std::int64_t) -> Result<json::object> { return counts; }};
  });
}

}  // namespace ss::api
