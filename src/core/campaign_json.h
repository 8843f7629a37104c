// The campaign document: the JSON file an organizer imports to create a campaign (the Wuhai
// fixture is one), holding the configuration, the org units and the candidates.
//
// Parsing checks everything a campaign needs before anything is stored: types and required
// keys, the configuration rules, the org tree, every candidate, uniqueness and award quotas.
// All problems are reported at once, each with its JSON path.
//
// Dates: a phase's "start"/"end" is a calendar date in the campaign's time zone ("end" means
// the end of that day) or an ISO 8601 instant. "original_start"/"original_end" keep the
// schedule as first published; they default to start/end.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/campaign.h"
#include "core/candidate.h"
#include "core/org.h"
#include "core/status.h"

namespace ss {

struct CampaignDocument {
  CampaignConfig config;
  std::vector<OrgUnit> units;
  std::vector<Candidate> candidates;
};

// kBadJson for malformed JSON; kInvalid with FieldErrors for everything else.
Result<CampaignDocument> ParseCampaignDocument(std::string_view json);

// The configuration alone, as stored with a campaign (same keys as the document, instants in
// full ISO form so nothing is lost). ConfigFromJson(ConfigToJson(c)) == c.
std::string ConfigToJson(const CampaignConfig& config);
boost::json::object ConfigToJsonObject(const CampaignConfig& config);
Result<CampaignConfig> ConfigFromJson(std::string_view json);

}  // namespace ss
