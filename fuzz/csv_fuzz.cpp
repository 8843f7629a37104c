// libFuzzer target: the CSV reader and the roster checks on arbitrary bytes. Any crash,
// sanitizer report or broken invariant is a bug.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/campaign_json.h"
#include "core/csv.h"
#include "core/roster.h"
#include "fuzz/demo.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto records = ss::ParseCsv(text);
  if (records) {
    int last_line = 0;
    for (const auto& r : *records) {
      if (r.line < last_line) std::abort();  // records come in file order
      last_line = r.line;
    }
  }
  static const ss::CampaignDocument demo = ss::fuzz::Demo();
  static const ss::OrgTree tree = *ss::OrgTree::Build(demo.units);
  auto rows = ss::ParseRosterCsv(text, tree, demo.config);
  if (rows) {
    // Every accepted row names a unit of the tree and a group.
    for (const auto& r : *rows)
      if (!tree.Find(r.candidate.unit) || r.candidate.group.empty()) std::abort();
    (void)ss::PlanRoster(demo.candidates, *rows, demo.config);
  }
  return 0;
}
