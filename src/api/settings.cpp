#include "api/settings.h"

#include "api/auth.h"
#include "api/body.h"
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

http::Handler PutSettings(Services& s) {
  StaffCall call{MayEditSettings, "没有修改活动设置的权限", /*reads_body=*/true};
  return StaffJson(s, call, [&s](const StaffSession& who, const Context& ctx, const json::object& body) -> Result<json::value> {
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
    Millis now = NowMillis();
    if (Status st = s.store.campaigns().UpdateConfig(record->id, *config, record->updated_at, now, audit).Wait(); !st.ok())
      return st;
    auto fresh = s.catalog.Load(record->id);
    if (!fresh) return fresh.status();
    return json::value(CampaignDetailJson(**fresh, now));
  });
}

http::Handler AdvancePhase(Services& s) {
  StaffCall call{MayAdvancePhase, "没有推进活动阶段的权限", /*reads_body=*/true};
  return StaffJson(s, call, [&s](const StaffSession& who, const Context& ctx, const json::object& body) -> Result<json::value> {
    Fields f(body);
    auto from_key = f.String("from", true, 32);
    auto to_key = f.String("to", true, 32);
    auto from = from_key ? PhaseFromKey(*from_key) : std::nullopt;
    auto to = to_key ? PhaseFromKey(*to_key) : std::nullopt;
    if (from_key && !from) f.Fail("from", "没有这个阶段");
    if (to_key && !to) f.Fail("to", "没有这个阶段");
    if (Status st = f.Finish(); !st.ok()) return st;
    if (!from || !to) return Status(code::kBadParam, "须给出 from 和 to");
    const PhaseKey asked_from = from.value_or(PhaseKey::kDraft), asked_to = to.value_or(PhaseKey::kDraft);
    auto record = CampaignOf(s, ctx);
    if (!record) return record.status();
    Millis now = NowMillis();
    PhaseKey current = EffectivePhase(record->phase, record->config.schedule, now, record->config.auto_advance);
    if (asked_from != current)
      return Status(code::kConflict, "活动当前阶段是“" + std::string(PhaseDefaultTitle(current)) + "”，请刷新后再操作");
    if (Status st = CheckAdvance(current, asked_to); !st.ok()) return st;
    auto audit = AuditFor(who, ctx, s.auth, "campaign.phase", "campaign:" + std::to_string(record->id));
    audit.before = json::serialize(json::object{{"phase", PhaseKeyName(current)}});
    audit.after = json::serialize(json::object{{"phase", PhaseKeyName(asked_to)}});
    if (Status st = s.store.campaigns().SetPhase(record->id, record->phase, asked_to, now, audit).Wait(); !st.ok()) return st;
    auto fresh = s.catalog.Load(record->id);
    if (!fresh) return fresh.status();
    return json::value(CampaignDetailJson(**fresh, now));
  });
}

}  // namespace ss::api
