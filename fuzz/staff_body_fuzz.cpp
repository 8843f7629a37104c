// libFuzzer target: the JSON request bodies of the staff API. Arbitrary bytes go through
// Body() and Fields the way the candidate, import and settings handlers read them, and then
// through the core decisions those handlers call (DecideCandidate, the district scope of
// imports, MergeSettings), as an organizer and as a district admin, in a roster phase and
// after it. A refusal must carry a code and a message; nothing may crash or overflow.
#include <boost/asio/thread_pool.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/body.h"
#include "core/numbers.h"
#include "core/roster_rules.h"
#include "core/settings_merge.h"
#include "demo.h"

namespace {
namespace json = boost::json;
using namespace ss;

void Expect(bool ok) {
  if (!ok) std::abort();
}
void ExpectExplained(const Status& s) { Expect(!s.ok() && !s.code().empty() && !s.message().empty()); }

struct Fixture {
  CampaignDocument doc = fuzz::Demo();
  OrgTree tree = OrgTree::Build(doc.units).value();
  std::vector<Candidate> candidates = [this] {
    auto list = doc.candidates;
    for (std::size_t i = 0; i < list.size(); ++i) list[i].id = static_cast<std::int64_t>(i + 1);
    return list;
  }();
  boost::asio::thread_pool pool{1};
};

// The form of SaveCandidate: the same keys, limits and order.
void SaveForm(const Fixture& fx, const json::object& body, const ss::Candidate* current, const Actor& actor, PhaseKey phase) {
  std::vector<FieldError> form_errors;
  CandidateChange change = api::ReadCandidateForm(body, !current, form_errors);
  RosterSnapshot roster{fx.doc.config, fx.tree, fx.candidates, phase};
  auto next = DecideCandidate(roster, actor, current, change, std::move(form_errors));
  if (!next) return ExpectExplained(next.status());
  Expect(next->no >= 1 && next->no <= 999999);
  Expect(fx.tree.Find(next->unit) != nullptr);
  Expect(!current || next->id == current->id);
}

// The rows of an import, read as SheetRecords reads them (numbers to their text).
void Import(const Fixture& fx, const json::object& body, const Actor& actor) {
  const json::value* rows = body.if_contains("rows");
  if (!rows || !rows->is_array()) return;
  std::vector<CsvRecord> records;
  int line = 0;
  for (const auto& row : rows->as_array()) {
    ++line;
    if (!row.is_array()) return;
    CsvRecord rec{line, {}};
    for (const auto& cell : row.as_array()) {
      if (cell.is_string()) rec.fields.emplace_back(cell.as_string());
      else if (cell.is_int64()) rec.fields.push_back(std::to_string(cell.as_int64()));
      else if (auto whole = cell.is_double() ? IntegralDouble(cell.as_double()) : std::nullopt)
        rec.fields.push_back(std::to_string(*whole));
      else rec.fields.push_back(json::serialize(cell));
    }
    records.push_back(std::move(rec));
  }
  Status org = OutOfDistrict(OrgRowsOutOfDistrict(fx.tree, actor, records), "单位表");
  if (!org.ok()) ExpectExplained(org);
  auto parsed = ParseRosterRecords(records, fx.tree, fx.doc.config);
  if (!parsed) return ExpectExplained(parsed.status());
  RosterSnapshot roster{fx.doc.config, fx.tree, fx.candidates, PhaseKey::kDraft};
  Status out = OutOfDistrict(RosterRowsOutOfDistrict(roster, actor, *parsed), "名单");
  if (!out.ok()) ExpectExplained(out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fx;
  http::Request request;
  request.body().assign(reinterpret_cast<const char*>(data), size);
  http::Context ctx{request, {}, {}, "", "", fx.pool};
  auto body = api::Body(ctx);
  if (!body) {
    ExpectExplained(body.status());
    return 0;
  }
  const Actor organizer{1, "organizer", Role::kOrganizer, "", 0};
  const Actor district{2, "dist", Role::kDistrictAdmin, "150301", 0};
  for (const Actor* actor : {&organizer, &district}) {
    for (PhaseKey phase : {PhaseKey::kDraft, PhaseKey::kVoting}) {
      SaveForm(fx, *body, nullptr, *actor, phase);
      SaveForm(fx, *body, &fx.candidates.front(), *actor, phase);
    }
    Import(fx, *body, *actor);
  }
  auto merged = MergeSettings(fx.doc.config, *body);
  if (merged) Expect(Validate(*merged).ok());
  else ExpectExplained(merged.status());
  return 0;
}
