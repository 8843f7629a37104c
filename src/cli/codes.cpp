// codes sub-commands: party members' ballot codes at the server's console (the same store
// writes and rules as the console's 投票码 page).
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/console.h"
#include "core/voting/ballot_code.h"
#include "report/slips.h"
#include "store/store.h"

namespace ss::cli {
namespace {

// The campaign's district with `code`, or — when the campaign has one district only and
// none is named — that one. Prints why not.
std::optional<OrgUnit> PickDistrict(store::Store& store, std::int64_t campaign, const std::string& code) {
  auto units = store.roster().OrgUnits(campaign);
  if (!units) {
    PrintError(units.status());
    return std::nullopt;
  }
  std::vector<OrgUnit> districts;
  for (const auto& u : *units)
    if (u.level == Level::kDistrict) districts.push_back(u);
  for (const auto& d : districts)
    if (d.code == code) return d;
  if (code.empty() && districts.size() == 1) return districts.front();
  std::cerr << "错误：" << (code.empty() ? "请用 --district 指定区代码" : "--district：本活动中没有区 " + code) << "。本活动的区：";
  for (const auto& d : districts) std::cerr << " " << d.code << "（" << d.name << "）";
  std::cerr << "\n";
  return std::nullopt;
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return Status(code::kUnavailable, "无法写入文件 " + path);
  return Status();
}

}  // namespace

int CodesGenerate(const CodesOptions& o) {
  if (Status s = voting::CheckBatchRequest(o.branch, o.count); !s.ok()) {
    for (const auto& d : s.details()) std::cerr << "错误：--" << d.field << "：" << d.message << "\n";
    return 2;
  }
  auto store = OpenOrReport(o.db);
  if (!store) return 1;
  auto campaign = store->campaigns().Get(o.campaign);
  if (!campaign) {
    PrintError(campaign.status());
    return 1;
  }
  auto district = PickDistrict(*store, o.campaign, o.district);
  if (!district) return 2;
  store::BallotBatch batch;
  batch.campaign_id = o.campaign;
  batch.district = district->code;
  batch.branch = o.branch;
  batch.created_at = NowMillis();
  batch.created_by = "console";
  auto codes = voting::NewBallotCodes(o.count);
  auto audit = ConsoleAudit("ballot_batch.create", "", "{\"count\":" + std::to_string(o.count) + "}");
  audit.district = district->code;
  auto created = store->ballot_codes().CreateBatch(batch, codes, audit).Wait();
  if (!created) {
    PrintError(created.status());
    return 1;
  }
  std::cerr << "已为 " << district->name << " " << o.branch << " 生成 " << codes.size() << " 个投票码（批次 " << created->id
            << "）\n";
  if (!o.pdf.empty()) {
    report::SlipSheet sheet{campaign->config.name, o.branch, o.url + "/c/" + std::to_string(o.campaign) + "/sign-in", codes};
    auto pdf = report::BallotSlipsPdf(sheet);
    if (!pdf) {
      PrintError(pdf.status());
      return 1;
    }
    if (Status s = WriteFile(o.pdf, *pdf); !s.ok()) {
      PrintError(s);
      return 1;
    }
    std::cerr << "二维码纸条已写入 " << o.pdf << "（" << (codes.size() + report::kSlipsPerPage - 1) / report::kSlipsPerPage
              << " 页 A4）\n";
  } else {
    for (const auto& c : codes) std::cout << report::GroupedCode(c) << "\n";
  }
  return 0;
}

int CodesList(const std::string& db, std::int64_t campaign) {
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto batches = store->ballot_codes().Batches(campaign, "");
  if (!batches) {
    PrintError(batches.status());
    return 1;
  }
  std::cout << "批次\t区\t党支部\t数量\t未使用\t已使用\t已作废\t生成时间\t生成人\n";
  for (const auto& b : *batches)
    std::cout << b.id << "\t" << b.district << "\t" << b.branch << "\t" << b.count << "\t" << b.unused() << "\t" << b.redeemed
              << "\t" << b.revoked << "\t" << FormatUtc(b.created_at) << "\t" << b.created_by << "\n";
  std::cout << "共 " << batches->size() << " 个批次\n";
  return 0;
}

int CodesRevoke(const std::string& db, std::int64_t campaign, std::int64_t batch_id, const std::string& reason) {
  if (reason.size() < 2) {
    std::cerr << "错误：--reason：请写明作废原因\n";
    return 2;
  }
  auto store = OpenOrReport(db);
  if (!store) return 1;
  auto batch = store->ballot_codes().Batch(campaign, batch_id);
  if (!batch) {
    PrintError(batch.status());
    return 1;
  }
  if (!*batch) {
    std::cerr << "错误：--batch：活动 " << campaign << " 中没有批次 " << batch_id << "\n";
    return 1;
  }
  auto audit = ConsoleAudit("ballot_code.revoke",
                            "campaign:" + std::to_string(campaign) + "/ballot-batch:" + std::to_string(batch_id));
  audit.district = (*batch)->district;
  audit.reason = reason;
  auto revoked = store->ballot_codes().Revoke(batch_id, {}, NowMillis(), audit).Wait();
  if (!revoked) {
    PrintError(revoked.status());
    return 1;
  }
  std::cout << "已作废批次 " << batch_id << " 中 " << *revoked << " 个未使用的投票码\n";
  return 0;
}

}  // namespace ss::cli
