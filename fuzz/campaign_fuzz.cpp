// libFuzzer target: the campaign document parser. What it accepts must be a valid campaign
// whose configuration survives the storage round trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/campaign_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = ss::ParseCampaignDocument(text);
  if (!doc) {
    if (doc.status().code().empty() || doc.status().message().empty()) std::abort();
    return 0;
  }
  if (!ss::Validate(doc->config).ok()) std::abort();
  auto again = ss::ConfigFromJson(ss::ConfigToJson(doc->config));
  if (!again || ss::ConfigToJson(*again) != ss::ConfigToJson(doc->config)) std::abort();
  return 0;
}
