// The time to render a branch's ballot-code slips as PDF (report/slips.h), on one core.
// Usage: slips_bench [COUNT] [OUT.pdf]   (default 500 slips; OUT keeps the file to look at)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "report/slips.h"

int main(int argc, char** argv) {
  int count = argc > 1 ? std::atoi(argv[1]) : 500;
  ss::report::SlipSheet sheet;
  sheet.campaign_name = "乌海市2022年镇(街道)、村(社区)党组织书记“晒党建、晒成绩”活动";
  sheet.branch = "海勃湾区新华街道新桥社区第一党支部";
  sheet.url_base = "https://shuangshai.example.cn/vote/1";
  const char* alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  unsigned seed = 12345;
  for (int i = 0; i < count; ++i) {
    std::string code;
    for (int k = 0; k < 12; ++k) {
      seed = seed * 1103515245u + 12345u;
      code += alphabet[(seed >> 16) % 32];
    }
    sheet.codes.push_back(code);
  }
  // The first call also loads the fonts into this thread's font map; reported apart.
  auto t0 = std::chrono::steady_clock::now();
  auto warm = ss::report::BallotSlipsPdf(ss::report::SlipSheet{sheet.campaign_name, sheet.branch, sheet.url_base, {sheet.codes[0]}});
  auto t1 = std::chrono::steady_clock::now();
  auto pdf = ss::report::BallotSlipsPdf(sheet);
  auto t2 = std::chrono::steady_clock::now();
  if (!warm || !pdf) {
    std::fprintf(stderr, "%s\n", (!warm ? warm : pdf).status().ToString().c_str());
    return 1;
  }
  auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("slips: %d slips (%d pages) in %.0f ms (%.2f ms a slip), %zu KiB; first call with font loading %.0f ms\n", count,
              (count + ss::report::kSlipsPerPage - 1) / ss::report::kSlipsPerPage, ms(t2 - t1), ms(t2 - t1) / count, pdf->size() / 1024,
              ms(t1 - t0));
  if (argc > 2) std::ofstream(argv[2], std::ios::binary) << *pdf;
  return 0;
}
