#include "report/slips.h"

#include <gtest/gtest.h>

#include "output.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

// Under LeakSanitizer (make asan): fontconfig keeps its configuration for the process, and
// cairo 1.16 loses ≈ 2 KiB a PDF inside cairo_surface_finish (the font subsets; the same
// without our metadata or layouts). Nothing of ours: every object we make is freed.
// The libraries have no frame pointers: only the slow unwinder reaches cairo_surface_finish.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\nleak:cairo_surface_finish\n"; }
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

namespace ss::report {
namespace {

namespace fs = std::filesystem;

SlipSheet Sheet(int n) {
  SlipSheet s;
  s.campaign_name = "乌海市2022年镇(街道)、村(社区)党组织书记“晒党建、晒成绩”活动";
  s.branch = "新桥社区第一党支部";
  s.url_base = "https://vote.example.cn/v/1";
  for (int i = 0; i < n; ++i) {
    char code[32];
    std::snprintf(code, sizeof code, "K7QX%04dM3PZ", i);
    s.codes.push_back(code);
  }
  return s;
}

// poppler-utils is a test dependency (scripts/install-deps.sh test).
bool HavePoppler() { return std::system("command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null") == 0; }


fs::path Save(const std::string& pdf, const std::string& name) {
  fs::path path = fs::temp_directory_path() / ("shuangshai-" + name + "-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

int Pages(const fs::path& pdf) {
  std::string info = Output("pdfinfo '" + pdf.string() + "'");
  auto at = info.find("Pages:");
  if (at == std::string::npos) return -1;
  return std::stoi(info.substr(at + 6));  // stoi skips the spaces
}

TEST(Slips, GroupsCodesInFoursAndBuildsTheUrl) {
  EXPECT_EQ(GroupedCode("ABCDEFGHJKLM"), "ABCD-EFGH-JKLM");
  EXPECT_EQ(GroupedCode("ABCDEF"), "ABCD-EF");
  EXPECT_EQ(GroupedCode("ABCD"), "ABCD");
  EXPECT_EQ(SlipUrl("https://vote.example.cn/v/1", "ABCD"), "https://vote.example.cn/v/1?code=ABCD");
  EXPECT_EQ(SlipUrl("https://vote.example.cn/v?c=1", "ABCD"), "https://vote.example.cn/v?c=1&code=ABCD");
}

TEST(Slips, APdfWithOnePagePerTenSlipsAndItsTextExtractable) {
  ASSERT_TRUE(HavePoppler()) << "pdfinfo/pdftotext missing: scripts/install-deps.sh test installs poppler-utils";
  for (int n : {1, 10, 23}) {
    SlipSheet sheet = Sheet(n);
    auto pdf = BallotSlipsPdf(sheet);
    ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
    ASSERT_TRUE(pdf->starts_with("%PDF-"));
    fs::path file = Save(*pdf, "slips");
    EXPECT_EQ(Pages(file), (n + 9) / 10) << n << " slips";
    std::string text = Output("pdftotext -enc UTF-8 '" + file.string() + "' -");
    // Chinese comes back out: the CJK font is embedded with its Unicode map.
    EXPECT_NE(text.find(sheet.branch), std::string::npos) << text.substr(0, 2000);
    EXPECT_NE(text.find("仅可使用一次"), std::string::npos);
    EXPECT_NE(text.find("乌海市"), std::string::npos);
    for (const auto& c : sheet.codes) EXPECT_NE(text.find(GroupedCode(c)), std::string::npos) << c;
    std::string fonts = Output("pdffonts '" + file.string() + "'");
    EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
    EXPECT_NE(fonts.find("NotoSansMonoCJK"), std::string::npos) << fonts;
    fs::remove(file);
  }
}

TEST(Slips, EachQrCodeOpensTheVotingPageWithItsCode) {
  ASSERT_EQ(std::system("command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null"), 0)
      << "pdftoppm/zbarimg missing: scripts/install-deps.sh test installs poppler-utils and zbar-tools";
  SlipSheet sheet = Sheet(10);
  auto pdf = BallotSlipsPdf(sheet);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  fs::path file = Save(*pdf, "qr");
  fs::path png = file;
  png.replace_extension();
  // 150 dpi: what an office printer gives at the least.
  ASSERT_EQ(std::system(("pdftoppm -r 150 -singlefile -png '" + file.string() + "' '" + png.string() + "'").c_str()), 0);
  std::string decoded = Output("zbarimg -q --raw '" + png.string() + ".png' 2>/dev/null");
  std::vector<std::string> urls;
  for (std::size_t at = 0, nl; (nl = decoded.find('\n', at)) != std::string::npos; at = nl + 1) urls.push_back(decoded.substr(at, nl - at));
  std::vector<std::string> want;
  for (const auto& c : sheet.codes) want.push_back(SlipUrl(sheet.url_base, c));
  std::sort(urls.begin(), urls.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(urls, want);
  fs::remove(file);
  fs::remove(png.string() + ".png");
}

TEST(Slips, LongNamesAndCodesStillFit) {
  ASSERT_TRUE(HavePoppler());
  SlipSheet sheet = Sheet(2);
  sheet.campaign_name = std::string(3, 'x') + "乌海市二〇二二年镇（街道）、村（社区）党组织书记“晒党建、晒成绩”活动暨基层党建工作述职评议考核";
  sheet.branch = "海勃湾区新华街道新桥社区党委第一党支部（退休党员）";
  sheet.codes = {"ABCDEFGHJKLMNPQRSTUVWXYZ23456789", "A"};  // 32 characters: the code is set smaller
  auto pdf = BallotSlipsPdf(sheet);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  fs::path file = Save(*pdf, "long");
  std::string text = Output("pdftotext -enc UTF-8 '" + file.string() + "' -");
  EXPECT_NE(text.find("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"), std::string::npos) << text;
  fs::remove(file);
}

TEST(Slips, BadSheetsAreRefused) {
  SlipSheet none = Sheet(0);
  EXPECT_EQ(BallotSlipsPdf(none).status().code(), code::kBadParam);
  SlipSheet bad = Sheet(3);
  bad.codes[1] = "AB CD";
  auto r = BallotSlipsPdf(bad);
  ASSERT_EQ(r.status().code(), code::kBadParam);
  EXPECT_EQ(r.status().details().at(0).field, "codes[1]");
  SlipSheet many = Sheet(1);
  many.codes.resize(kMaxSlips + 1, "ABCD");
  EXPECT_EQ(BallotSlipsPdf(many).status().code(), code::kBadParam);
  SlipSheet no_url = Sheet(1);
  no_url.url_base.clear();
  EXPECT_EQ(BallotSlipsPdf(no_url).status().code(), code::kBadParam);
}

TEST(Slips, ParallelCallsAreSafe) {
  // As on the CPU pool: several sheets at once, each thread with its own font map.
  std::vector<std::thread> threads;
  std::vector<std::size_t> sizes(4);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &sizes] {
      auto pdf = BallotSlipsPdf(Sheet(30));
      EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
      if (pdf.ok()) sizes[static_cast<std::size_t>(t)] = pdf->size();
    });
  for (auto& t : threads) t.join();
  for (std::size_t s : sizes) EXPECT_GT(s, 10'000u);
}

}  // namespace
}  // namespace ss::report
