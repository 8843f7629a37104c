// A secretary's share poster: a PNG of 750 × 1334 pixels (a phone's screen: what people save
// and forward to their group chats) with the campaign's name, the secretary's number and name
// in large type, the unit and district, a line of the showcase, and a QR code of the share
// link with what it does ("微信扫码，观看展示、为TA投票"). Cairo + Pango (Noto Sans CJK) +
// libqrencode, as the slips. CPU-bound (≈ 20 ms): call it on the CPU pool.
#pragma once

#include <string>

#include "core/status.h"

namespace ss::report {

struct SharePoster {
  std::string campaign_name;
  std::string number_and_name;  // "编号 97 钟庆梅"
  std::string subtitle;         // "海南区 · 新桥社区 · 社区党组织书记"
  std::string excerpt;          // a line of the showcase, may be empty
  std::string url;              // what the QR code opens: the share link
};

inline constexpr const char* kPngType = "image/png";
inline constexpr int kPosterWidth = 750, kPosterHeight = 1334;

// The PNG's bytes; kUnavailable when the CJK font is missing, kBadParam for a URL too long.
Result<std::string> SharePosterPng(const SharePoster& poster);

}  // namespace ss::report
