#include "api/settings.h"

#include "api/auth.h"
#include "api/body.h"
#include "api/committed.h"
#include "api/campaigns.h"
#include "api/render.h"
#include "core/campaign_json.h"
#include "core/settings_merge.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

Result<store::CampaignRecord> CampaignOf(Services& s, const Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return Status(code::kBadParam, "活动编号须为正整数");
  return s.store.campaigns().Get(*id);
}

bool MayEditSettings(const Actor& a) { return Allows(a, Permission::kEditSettings); }
bool MayAdvancePhase(const Actor& a) { return Allows(a, Permission::kAdvancePhase); }

}  // namespace

namespace {

// A settings or phase change: read and decide on the blocking pool, one write awaited without
// a thread (the store re-checks the quotas and the compare-and-set inside it), then the
// campaign as it now is.
struct CampaignChange {
  store::CampaignRecord record;
  CampaignConfig config;  // for settings
  PhaseKey to = PhaseKey::kDraft;  // for the phase
  store::AuditEvent audit;
};

asio::awaitable<Result<json::value>> Reload(Services& s, Context& ctx, std::int64_t id, Millis now) {
  auto load = [&]() -> Result<json::value> {
    auto fresh = s.catalog.Load(id);
    if (!fresh) return fresh.status();
    return json::value(CampaignDetailJson(**fresh, now));
  };
  co_return co_await http::Offload(ctx.blocking, load);
}

}  // namespace

http::Handler PutSettings(Services& s) {
  StaffCall call{MayEditSettings, "没有修改活动设置的权限", /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    auto decide = [&]() -> Result<CampaignChange> {
      auto record = CampaignOf(s, ctx);
      if (!record) return record.status();
      auto config = MergeSettings(record->config, body);
      if (!config) return config.status();
      auto candidates = s.store.roster().Candidates(record->id);
      if (!candidates) return candidates.status();
      if (Status q = ValidateQuotas(*config, GroupSizes(*candidates)); !q.ok()) return q;
      auto audit = AuditFor(who, ctx, s.auth, "campaign.settings", "campaign:" + std::to_string(record->id));
      audit.before = SettingsSectionsJson(record->config, body);
      audit.after = SettingsSectionsJson(*config, body);
      return CampaignChange{std::move(*record), std::move(*config), PhaseKey::kDraft, std::move(audit)};
    };
    auto change = co_await http::Offload(ctx.blocking, decide);
    if (!change) co_return change.status();
    Millis now = NowMillis();
    Status written = co_await Committed(
        s.store.campaigns().UpdateConfig(change->record.id, change->config, change->record.updated_at, now, change->audit));
    if (!written.ok()) co_return written;
    co_return co_await Reload(s, ctx, change->record.id, now);
  });
}

namespace {

json::object PhaseDatesJson(const PhaseAdvancePlan& plan, bool after) {
  json::array phases;
  for (const auto& c : plan.changes) {
    phases.push_back(json::object{{"key", PhaseKeyName(c.key)},
                                  {"name", c.name},
                                  {"start", FormatUtc(after ? c.start : c.start_was)},
                                  {"end", FormatUtc(after ? c.end : c.end_was)}});
  }
  return json::object{{"phases", std::move(phases)}};
}

// What the confirmation shows before the advance (dry_run): the days early or late and each
// phase whose dates move, as scheduled and as they become.
json::object AdvancePlanJson(PhaseKey from, PhaseKey to, const PhaseAdvancePlan& plan) {
  json::array changes;
  for (const auto& c : plan.changes) {
    changes.push_back(json::object{{"key", PhaseKeyName(c.key)},
                                   {"name", c.name},
                                   {"start_was", FormatUtc(c.start_was)},
                                   {"end_was", FormatUtc(c.end_was)},
                                   {"start", FormatUtc(c.start)},
                                   {"end", FormatUtc(c.end)}});
  }
  return json::object{{"from", PhaseKeyName(from)},
                      {"to", PhaseKeyName(to)},
                      {"days_early", plan.days_early},
                      {"days_late", plan.days_late},
                      {"changes", std::move(changes)}};
}

}  // namespace

http::Handler AdvancePhase(Services& s) {
  StaffCall call{MayAdvancePhase, "没有推进活动阶段的权限", /*reads_body=*/true};
  return StaffWrite(s, call, [&s](const StaffSession& who, Context& ctx, const json::object& body) -> asio::awaitable<Result<json::value>> {
    Millis now = NowMillis();
    bool dry_run = false;
    json::object change_plan;
    auto decide = [&]() -> Result<CampaignChange> {
      Fields f(body);
      auto from_key = f.String("from", true, 32);
      auto to_key = f.String("to", true, 32);
      dry_run = f.Bool("dry_run", false).value_or(false);
      auto from = from_key ? PhaseFromKey(*from_key) : std::nullopt;
      auto to = to_key ? PhaseFromKey(*to_key) : std::nullopt;
      if (from_key && !from) f.Fail("from", "没有这个阶段");
      if (to_key && !to) f.Fail("to", "没有这个阶段");
      if (Status st = f.Finish(); !st.ok()) return st;
      if (!from || !to) return Status(code::kBadParam, "须给出 from 和 to");
      const PhaseKey asked_from = from.value_or(PhaseKey::kDraft), asked_to = to.value_or(PhaseKey::kDraft);
      auto record = CampaignOf(s, ctx);
      if (!record) return record.status();
      PhaseKey current = EffectivePhase(record->phase, record->config.schedule, now, record->config.auto_advance);
      if (asked_from != current)
        return Status(code::kConflict, "活动当前阶段是“" + std::string(PhaseDefaultTitle(current)) + "”，请刷新后再操作");
      if (Status st = CheckAdvance(current, asked_to); !st.ok()) return st;
      PhaseAdvancePlan plan = PlanAdvance(record->config.schedule, current, asked_to, now, record->config.timezone);
      auto audit = AuditFor(who, ctx, s.auth, "campaign.phase", "campaign:" + std::to_string(record->id));
      json::object before = PhaseDatesJson(plan, false), after = PhaseDatesJson(plan, true);
      before["phase"] = PhaseKeyName(current);
      after["phase"] = PhaseKeyName(asked_to);
      audit.before = json::serialize(before);
      audit.after = json::serialize(after);
      CampaignConfig config = record->config;
      config.schedule = plan.schedule;
      change_plan = AdvancePlanJson(current, asked_to, plan);
      return CampaignChange{std::move(*record), std::move(config), asked_to, std::move(audit)};
    };
    auto change = co_await http::Offload(ctx.blocking, decide);
    if (!change) co_return change.status();
    if (dry_run) co_return json::value(json::object{{"dry_run", true}, {"plan", std::move(change_plan)}});
    Status written = co_await Committed(s.store.campaigns().SetPhase(change->record.id, change->record.phase, change->to,
                                                                     change->config.schedule, now, change->audit));
    if (!written.ok()) co_return written;
    co_return co_await Reload(s, ctx, change->record.id, now);
  });
}

}  // namespace ss::api
