// The settings form of a campaign (PUT …/settings): which sections a form may replace and
// how the result is put together, as a pure function of the current configuration and the
// request body.
//
// A body may replace only the sections in kSettingsSections (plus "updated_at", which the
// caller uses for optimistic locking and is ignored here); any other key is refused with a
// field error. A phase the body lists keeps its original dates (the schedule as first
// published) unless the body gives them. The merged configuration must pass Validate();
// award quotas against the roster are the caller's to check (they need the candidates).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/campaign.h"
#include "core/status.h"

namespace ss {

// The settings a form may replace; everything else in the configuration stays.
inline constexpr std::string_view kSettingsSections[] = {"phases", "auto_advance", "vote_policy",
                                                         "rubric", "weights",      "awards"};

// `current` with the body's sections put in. kInvalid "提交的内容有误" naming unknown keys,
// ConfigFromJson's failure for a malformed section, kInvalid "活动设置有误" for a
// configuration that breaks its rules.
Result<CampaignConfig> MergeSettings(const CampaignConfig& current, const boost::json::object& body);

// The sections the body named, as they stand in `config` (for the audit's before/after).
std::string SettingsSectionsJson(const CampaignConfig& config, const boost::json::object& body);

}  // namespace ss
