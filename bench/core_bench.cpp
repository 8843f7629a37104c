// In-process figures for the candidate list: the directory query and the page assembly the
// handler does, without HTTP. Run: build/bench/core_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "api/render.h"
#include "core/campaign_json.h"
#include "core/directory.h"

namespace {

ss::CampaignDocument Demo() {
  std::ifstream in(std::string(SS_SOURCE_DIR) + "/data/demo/wuhai-2022.json");
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = ss::ParseCampaignDocument(ss.str());
  if (!doc) std::abort();
  std::int64_t id = 1;
  for (auto& c : doc->candidates) c.id = id++;
  return std::move(*doc);
}

void BM_ParseDemoDocument(benchmark::State& state) {
  std::ifstream in(std::string(SS_SOURCE_DIR) + "/data/demo/wuhai-2022.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  for (auto _ : state) benchmark::DoNotOptimize(ss::ParseCampaignDocument(text));
}
BENCHMARK(BM_ParseDemoDocument);

void BM_DirectoryFind(benchmark::State& state, std::map<std::string, std::string> params) {
  auto doc = Demo();
  auto tree = ss::OrgTree::Build(doc.units);
  ss::Directory dir(doc.config, std::move(*tree), doc.candidates);
  for (auto _ : state) {
    auto q = dir.ParseQuery(params);
    benchmark::DoNotOptimize(dir.Find(*q));
  }
}
BENCHMARK_CAPTURE(BM_DirectoryFind, first_page, {});
BENCHMARK_CAPTURE(BM_DirectoryFind, district_and_search, {{"district", "150303"}, {"q", "社区"}});

}  // namespace

BENCHMARK_MAIN();
