// The demo campaign for fuzz targets that need a real org tree and configuration.
#pragma once

#include <fstream>
#include <sstream>

#include "core/campaign_json.h"

namespace ss::fuzz {

inline CampaignDocument Demo() {
  std::ifstream in(std::string(SS_SOURCE_DIR) + "/data/demo/wuhai-2022.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseCampaignDocument(ss.str()).value();
}

}  // namespace ss::fuzz
