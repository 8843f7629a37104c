#include "api/settings.h"

#include "api/auth.h"
#include "api/body.h"
#include "api/campaigns.h"
#include "api/render.h"
#include "core/campaign_json.h"

namespace ss::api {
namespace json = boost::json;
namespace asio = boost::asio;
using http::Context;
using http::Reply;

namespace {

// The settings a form may replace; everything else in the configuration stays.
constexpr std::string_view kSections[] = {"phases", "auto_advance", "vote_policy", "rubric", "weights", "awards"};

// The current configuration with the body's sections put in. A phase keeps its original
// dates (the schedule as first published) unless the body gives them.
Result<CampaignConfig> Merge(const CampaignConfig& current, const json::object& body) {
  json::object merged = json::parse(ConfigToJson(current)).as_object();
  std::vector<FieldError> unknown;
  for (const auto& [key, value] : body) {
    bool known = false;
    for (auto s : kSections) known |= key == s;
    if (key == "updated_at") continue;
    if (!known) unknown.push_back({0, std::string(key), "不能在这里修改"});
    else merged[key] = value;
  }
  if (!unknown.empty()) return Status(code::kInvalid, "提交的内容有误", std::move(unknown));
  if (body.contains("phases") && body.at("phases").is_array()) {
    for (auto& p : merged["phases"].as_array()) {
      if (!p.is_object()) continue;
      auto& o = p.as_object();
      const json::value* key = o.if_contains("key");
      if (!key || !key->is_string()) continue;
      auto phase_key = PhaseFromKey(key->as_string());
      const Phase* old = phase_key ? current.schedule.Find(*phase_key) : nullptr;
      if (!old) continue;
      if (!o.contains("original_start")) o["original_start"] = FormatUtc(old->original_start);
      if (!o.contains("original_end")) o["original_end"] = FormatUtc(old->original_end);
    }
  }
  auto config = ConfigFromJson(json::serialize(merged));
  if (!config) return config.status();
  std::vector<FieldError> errors;
  AppendDetails(errors, Validate(*config));
  if (!errors.empty()) return Status(code::kInvalid, "活动设置有误", std::move(errors));
  return config;
}

std::string SectionsJson(const CampaignConfig& c, const json::object& body) {
  json::object all = json::parse(ConfigToJson(c)).as_object();
  json::object out;
  for (const auto& [key, _] : body)
    if (all.contains(key)) out[key] = all[key];
  return json::serialize(out);
}

}  // namespace

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
    auto config = Merge(record->config, body);
    if (!config) return config.status();
    auto candidates = s.store.roster().Candidates(record->id);
    if (!candidates) return candidates.status();
    if (Status q = ValidateQuotas(*config, GroupSizes(*candidates)); !q.ok()) return q;
    auto audit = AuditFor(who, ctx, s.auth, "campaign.settings", "campaign:" + std::to_string(record->id));
    audit.before = SectionsJson(record->config, body);
    audit.after = SectionsJson(*config, body);
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
