// init, import and export: the data sub-commands.
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "cli/console.h"
#include "cli/config.h"
#include "cli/demo_showcases.h"
#include "cli/demo_votes.h"
#include "cli/text_file.h"
#include "core/campaign_json.h"
#include "core/roster.h"
#include "store/store.h"

namespace ss::embedded {
std::string_view DemoCampaignJson();
}

namespace ss::cli {
namespace {

// The demo keeps the 2022 schedule as its original dates, and moves the working dates so
// that the campaign is in the middle of `phase` today (it began `days_in` days ago).
void MoveInto(CampaignConfig& config, PhaseKey phase, int days_in, Millis now) {
  const Phase* p = config.schedule.Find(phase);
  if (!p) return;
  Millis today = StartOfLocalDay(now, config.timezone);
  Millis target_start = today - days_in * kMillisPerDay;
  config.schedule.Shift(target_start - p->start);
}

void PrintSummary(const CampaignDocument& doc, std::int64_t id) {
  auto sizes = GroupSizes(doc.candidates);
  std::cout << "已创建活动 " << id << "：" << doc.config.name << "\n"
            << "  组织单位 " << doc.units.size() << " 个，参评书记 " << doc.candidates.size() << " 人";
  for (const auto& g : doc.config.groups) std::cout << "；" << g.name << " " << sizes[g.key] << " 人";
  std::cout << "\n";
}

}  // namespace

int Init(const InitOptions& options) {
  auto store = OpenOrReport(options.db);
  if (!store) return 1;
  std::cout << "数据库已就绪：" << options.db << "（结构版本 " << store->SchemaVersion() << "）\n";
  if (!options.demo) return 0;

  auto existing = store->campaigns().List();
  if (!existing) {
    PrintError(existing.status());
    return 1;
  }
  auto doc = ParseCampaignDocument(embedded::DemoCampaignJson());
  if (!doc) {  // the embedded file is checked by the tests; this is a build defect
    PrintError(doc.status());
    return 1;
  }
  for (const auto& c : *existing) {
    if (c.config.name == doc->config.name) {
      std::cout << "演示活动已存在（编号 " << c.id << "），未重复创建\n";
      return 0;
    }
  }
  Millis now = NowMillis();
  bool showcase = options.demo_phase == "showcase";
  if (!showcase && options.demo_phase != "voting") {
    std::cerr << "--demo-phase 应为 showcase（材料提交）或 voting（展播与投票），而不是“" << options.demo_phase << "”\n";
    return 2;
  }
  MoveInto(doc->config, showcase ? PhaseKey::kShowcase : PhaseKey::kVoting, showcase ? 5 : 20, now);
  auto id = store->campaigns().Create(*doc, doc->config.schedule.ScheduledAt(now), now,
                                     ConsoleAudit("campaign.create", "", "{\"demo\":true}")).Wait();
  if (!id) {
    PrintError(id.status());
    return 1;
  }
  PrintSummary(*doc, *id);
  if (Status s = CreateDemoAccounts(*store, options.db, *id); !s.ok()) {
    PrintError(s);
    return 1;
  }
  if (!showcase && options.demo_showcases > 0) {
    auto shown = SeedDemoShowcases(*store, *id, doc->config, DefaultMediaDir(options.db), options.demo_showcases, now);
    if (shown) std::cout << "演示展示材料：" << *shown << " 位书记的展示材料（含宣讲视频）已审核通过，在其书记页面可以看到\n";
    else std::cout << "演示展示材料未创建：" << shown.status().message() << "\n";
  }
  if (!options.demo_votes || showcase) return 0;  // no votes before voting opens
  auto votes = SeedDemoVotes(*store, *id, doc->config, now, options.demo_voters);
  if (!votes) {
    PrintError(votes.status());
    return 1;
  }
  std::cout << "演示投票：" << votes->voters << " 位模拟选民在 " << votes->days << " 天里投了 " << votes->votes
            << " 票（与真实投票同一写入路径）\n";
  if (votes->farm_votes > 0)
    std::cout << "演示刷票：一台手机上的 " << votes->farm_votes << " 个号码给" << votes->farm_target << "投票，"
              << votes->quarantined << " 票被识别并隔离，等待审核（后台“选票审核”）\n";
  return 0;
}

Result<bool> IsDemoData(store::Store& store) {
  auto campaigns = store.campaigns().List();
  if (!campaigns) return campaigns.status();
  auto doc = ParseCampaignDocument(embedded::DemoCampaignJson());
  if (!doc) return doc.status();
  if (campaigns->empty()) return false;
  for (const auto& c : *campaigns)
    if (c.config.name != doc->config.name) return false;
  return true;
}

int ImportCampaign(const std::string& db, const std::string& file) {
  auto text = ReadText(file);
  if (!text) {
    PrintError(text.status());
    return 1;
  }
  auto doc = ParseCampaignDocument(*text);
  if (!doc) {
    std::cerr << file << "：";
    PrintError(doc.status());
    std::cerr << "未导入任何数据。\n";
    return 1;
  }
  auto store = OpenOrReport(db);
  if (!store) return 1;
  Millis now = NowMillis();
  auto id = store->campaigns().Create(*doc, doc->config.schedule.ScheduledAt(now), now,
                                      ConsoleAudit("campaign.create", "", "{\"file\":" + boost::json::serialize(boost::json::value(file)) + "}"))
                .Wait();
  if (!id) {
    PrintError(id.status());
    return 1;
  }
  PrintSummary(*doc, *id);
  return 0;
}

int ImportRoster(const std::string& db, std::int64_t campaign, const std::string& file) {
  auto text = ReadText(file);
  if (!text) {
    PrintError(text.status());
    return 1;
  }
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto record = store->campaigns().Get(campaign);
  if (!record) {
    PrintError(record.status());
    return 1;
  }
  auto units = store->roster().OrgUnits(campaign);
  auto existing = store->roster().Candidates(campaign);
  if (!units || !existing) {
    PrintError(!units ? units.status() : existing.status());
    return 1;
  }
  auto tree = OrgTree::Build(std::move(*units));
  if (!tree) {
    PrintError(tree.status());
    return 1;
  }
  auto rows = ParseRosterCsv(*text, *tree, record->config);
  if (!rows) {
    std::cerr << file << "：";
    PrintError(rows.status());
    return 1;
  }
  auto plan = PlanRoster(*existing, *rows, record->config);
  if (!plan) {
    std::cerr << file << "：";
    PrintError(plan.status());
    return 1;
  }
  std::string summary = "{\"file\":" + boost::json::serialize(boost::json::value(file)) + ",\"inserts\":" +
                        std::to_string(plan->inserts.size()) + ",\"updates\":" + std::to_string(plan->updates.size()) + "}";
  auto audit = ConsoleAudit("roster.import", "campaign:" + std::to_string(campaign), summary);
  if (Status s = store->roster().ApplyRoster(campaign, *plan, NowMillis(), audit).Wait(); !s.ok()) {
    PrintError(s);
    return 1;
  }
  std::cout << "名单已导入：新增 " << plan->inserts.size() << " 人，更新 " << plan->updates.size() << " 人，未变 "
            << plan->unchanged << " 人\n";
  return 0;
}

int ExportRoster(const std::string& db, std::int64_t campaign, const std::string& out) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto record = store->campaigns().Get(campaign);
  auto units = store->roster().OrgUnits(campaign);
  auto candidates = store->roster().Candidates(campaign);
  if (!record || !units || !candidates) {
    PrintError(!record ? record.status() : !units ? units.status() : candidates.status());
    return 1;
  }
  auto tree = OrgTree::Build(std::move(*units));
  if (!tree) {
    PrintError(tree.status());
    return 1;
  }
  std::string csv = RosterToCsv(*candidates, *tree, record->config);
  if (out.empty() || out == "-") {
    std::cout << csv;
    return 0;
  }
  std::ofstream f(out, std::ios::binary);
  f << csv;
  if (!f.flush()) {
    PrintError(Status(code::kUnavailable, "无法写入 " + out));
    return 1;
  }
  std::cout << "已导出 " << candidates->size() << " 人到 " << out << "\n";
  return 0;
}

}  // namespace ss::cli
