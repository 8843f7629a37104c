// Ballot-code slips: a party branch's one-time codes as a PDF to print, cut and hand out.
//
// A4 portrait, 2 × 5 slips a page inside dashed cut lines. Each slip shows the campaign name
// (wrapped), the branch, the code in large monospace type grouped for reading
// (ABCD-EFGH-JKLM), a QR code of url_base?code=CODE and how to use it. Cairo (PDF) + Pango
// with Noto Sans CJK (Debian fonts-noto-cjk, embedded as subsets, so the text stays
// searchable); QR codes by libqrencode.
// CPU-bound: call it on the CPU pool (≈ 25 ms a sheet plus 0.3–0.5 ms a slip). Calls may
// run in parallel: each has its own surface, layouts and Pango font map (fontconfig's
// configuration, shared, is thread-safe).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ss::report {

struct SlipSheet {
  std::string campaign_name;
  std::string branch;    // the 党支部 the codes belong to
  std::string url_base;  // the voting page; the QR code opens url_base?code=CODE
  std::vector<std::string> codes;
};

inline constexpr int kSlipsPerPage = 10;
inline constexpr std::size_t kMaxSlips = 10'000;  // 1000 pages, a few seconds of one core
inline constexpr const char* kPdfType = "application/pdf";

// The PDF's bytes. bad_param for no codes, too many, or a code that is not letters and
// digits (it goes into a URL and is read aloud); unavailable when the CJK font is missing.
Result<std::string> BallotSlipsPdf(const SlipSheet& sheet);

// "ABCDEFGHJKLM" → "ABCD-EFGH-JKLM": groups of four, as printed on the slip.
std::string GroupedCode(std::string_view code);

// What a slip's QR code holds: url_base + "?code=" + code ("&code=" when url_base has a query).
std::string SlipUrl(std::string_view url_base, std::string_view code);

}  // namespace ss::report
