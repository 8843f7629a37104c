#include "core/settings_merge.h"

#include <boost/json.hpp>

#include "core/campaign_json.h"

namespace ss {
namespace json = boost::json;

Result<CampaignConfig> MergeSettings(const CampaignConfig& current, const json::object& body) {
  json::object merged = json::parse(ConfigToJson(current)).as_object();
  std::vector<FieldError> unknown;
  for (const auto& [key, value] : body) {
    bool known = false;
    for (auto s : kSettingsSections) known |= key == s;
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

std::string SettingsSectionsJson(const CampaignConfig& config, const json::object& body) {
  json::object all = json::parse(ConfigToJson(config)).as_object();
  json::object out;
  for (const auto& [key, _] : body)
    if (all.contains(key)) out[key] = all[key];
  return json::serialize(out);
}

}  // namespace ss
