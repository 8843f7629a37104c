#include "core/detector/config.h"

#include <boost/json.hpp>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace ss::detector {
namespace json = boost::json;
namespace {

struct NamedRule {
  const char* name;
  SignalRule DetectorConfig::*rule;
};
// The signal names, also used as the evidence's names (detector.cpp).
constexpr NamedRule kRules[] = {
    {"voter_velocity", &DetectorConfig::voter_velocity}, {"device_velocity", &DetectorConfig::device_velocity},
    {"ip_velocity", &DetectorConfig::ip_velocity},       {"subnet_velocity", &DetectorConfig::subnet_velocity},
    {"pow_too_fast", &DetectorConfig::pow_too_fast},     {"page_too_quick", &DetectorConfig::page_too_quick},
    {"hints_mismatch", &DetectorConfig::hints_mismatch}, {"shared_device", &DetectorConfig::shared_device},
    {"phone_run", &DetectorConfig::phone_run},           {"odd_hour", &DetectorConfig::odd_hour},
    {"burst", &DetectorConfig::burst},                   {"subnet_share", &DetectorConfig::subnet_share},
    {"device_share", &DetectorConfig::device_share},     {"regular_gaps", &DetectorConfig::regular_gaps},
};

std::string Shortest(double d) {
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof buf, d).ptr;
  return std::string(buf, end);
}

// A number at `path` inside [low, high]; anything else is one field error and leaves `out` alone.
bool ReadNumber(const json::value& v, const std::string& path, double low, double high, double& out,
                std::vector<FieldError>& errors) {
  if (!v.is_number()) {
    errors.push_back({0, path, "应为数字"});
    return false;
  }
  double d = v.to_number<double>();
  if (!(d >= low && d <= high)) {
    errors.push_back({0, path, "应在 " + Shortest(low) + " 到 " + Shortest(high) + " 之间"});
    return false;
  }
  out = d;
  return true;
}

void ReadRule(const json::value& v, const std::string& path, SignalRule& rule, std::vector<FieldError>& errors) {
  if (!v.is_object()) {
    errors.push_back({0, path, "应为对象，如 {\"weight\": 0.5, \"threshold\": 4}"});
    return;
  }
  for (const auto& [key, value] : v.get_object()) {
    std::string at = path + "." + std::string(key);
    if (key == "weight") ReadNumber(value, at, 0, 1, rule.weight, errors);
    else if (key == "threshold") ReadNumber(value, at, 0, 1e12, rule.threshold, errors);
    else errors.push_back({0, at, "未知的项（可用：weight、threshold）"});
  }
}

}  // namespace

Result<DetectorConfig> ParseDetectorConfig(const json::value& v) {
  DetectorConfig c;
  std::vector<FieldError> errors;
  if (!v.is_object()) return Status(code::kInvalid, "检测器配置有误", {{0, "", "应为对象"}});
  for (const auto& [k, value] : v.get_object()) {
    std::string key(k);
    double d = 0;
    // Windows are given in seconds or hours and kept in ms.
    auto window = [&](double unit_ms, double max) {
      if (ReadNumber(value, key, 1, max, d, errors)) return static_cast<Millis>(d * unit_ms);
      return Millis{-1};
    };
    if (key == "quarantine_at") {
      ReadNumber(value, key, 0.01, 1, c.quarantine_at, errors);
    } else if (key == "signals") {
      if (!value.is_object()) {
        errors.push_back({0, key, "应为对象"});
        continue;
      }
      for (const auto& [name, rule] : value.get_object()) {
        const NamedRule* found = nullptr;
        for (const auto& r : kRules)
          if (name == r.name) found = &r;
        std::string at = "signals." + std::string(name);
        if (found) ReadRule(rule, at, c.*(found->rule), errors);
        else errors.push_back({0, at, "未知的信号"});
      }
    } else if (key == "velocity_window_seconds") {
      if (Millis w = window(1000, 86'400); w > 0) c.velocity_window = w;
    } else if (key == "crowd_window_hours") {
      if (Millis w = window(3'600'000, 24 * 60); w > 0) c.crowd_window = w;
    } else if (key == "bucket_window_hours") {
      if (Millis w = window(3'600'000, 24 * 60); w > 0) c.bucket_window = w;
    } else if (key == "stream_window_seconds") {
      if (Millis w = window(1000, 86'400); w > 0) c.stream_window = w;
    } else if (key == "share_min_votes") {
      if (ReadNumber(value, key, 1, 1000, d, errors)) c.share_min_votes = static_cast<int>(d);
    } else if (key == "share_lift") {
      ReadNumber(value, key, 1, 1000, c.share_lift, errors);
    } else if (key == "burst_ratio") {
      ReadNumber(value, key, 1, 1000, c.burst_ratio, errors);
    } else if (key == "gaps_min") {
      if (ReadNumber(value, key, 2, 1000, d, errors)) c.gaps_min = static_cast<int>(d);
    } else if (key == "baseline_floor") {
      ReadNumber(value, key, 0.01, 1e6, c.baseline_floor, errors);
    } else if (key == "baseline_alpha") {
      ReadNumber(value, key, 0.0001, 1, c.baseline_alpha, errors);
    } else {
      errors.push_back({0, key, "未知的项"});
    }
  }
  // A crowd is counted among the last 8 voters a key has seen (detector.h), so a higher
  // threshold could never fire.
  for (const char* name : {"shared_device", "phone_run"}) {
    const SignalRule& r = std::string_view(name) == "shared_device" ? c.shared_device : c.phone_run;
    if (r.threshold > 8) errors.push_back({0, std::string("signals.") + name + ".threshold", "不能大于 8"});
  }
  if (!errors.empty()) return Status(code::kInvalid, "检测器配置有误", std::move(errors));
  return c;
}

}  // namespace ss::detector
