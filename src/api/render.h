// JSON shapes of the read API (docs/openapi.yaml describes them).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "api/catalog.h"

namespace ss::api {

boost::json::object PhaseJson(const Phase& phase);
// {"id","name","phase":{…}} for the campaign list.
boost::json::object CampaignSummaryJson(const CampaignView& view, Millis now);
// The campaign with groups, districts, phases, themes and rules. It depends on the time only
// through the effective phase, so the catalog renders it once per phase (DetailAt).
boost::json::object CampaignDetailJson(const CampaignView& view, Millis now);
boost::json::object CampaignDetailJsonAt(const CampaignView& view, PhaseKey current);
// One candidate as a list item; with `detail`, also "parent" and "themes".
boost::json::object CandidateJson(const CampaignConfig& config, const Directory::Entry& entry, bool detail);
std::string OrgTreeJson(const OrgTree& tree);

}  // namespace ss::api
