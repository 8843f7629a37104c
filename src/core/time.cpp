#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace ss {
namespace {

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Howard Hinnant's civil_from_days.
void CivilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::optional<int> ParseOffset(std::string_view s) {
  // "+HH:MM" or "-HH:MM"
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (!ParseDigits(s.substr(1, 2), h) || !ParseDigits(s.substr(4, 2), m)) return std::nullopt;
  if (h > 14 || m > 59) return std::nullopt;
  int total = h * 60 + m;
  return s[0] == '-' ? -total : total;
}

}  // namespace

std::optional<TimeZone> ParseTimeZone(std::string_view name) {
  struct Known {
    std::string_view name;
    int offset;
  };
  // Zones without daylight saving time that a Chinese deployment may name.
  static constexpr Known kKnown[] = {
      {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480}, {"Asia/Harbin", 480},
      {"Asia/Hong_Kong", 480}, {"Asia/Macau", 480},    {"Asia/Taipei", 480},
      {"Asia/Urumqi", 360},    {"PRC", 480},           {"UTC", 0},
      {"Etc/UTC", 0},
  };
  for (const auto& k : kKnown) {
    if (k.name == name) return TimeZone{std::string(name), k.offset};
  }
  if (auto off = ParseOffset(name)) return TimeZone{std::string(name), *off};
  return std::nullopt;
}

std::optional<std::int64_t> DaysFromCivil(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int dim = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > dim) return std::nullopt;
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Millis> ParseLocalDate(std::string_view s, const TimeZone& tz) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(s.substr(0, 4), y) || !ParseDigits(s.substr(5, 2), m) ||
      !ParseDigits(s.substr(8, 2), d))
    return std::nullopt;
  auto days = DaysFromCivil(y, m, d);
  if (!days) return std::nullopt;
  return *days * kMillisPerDay - Millis{tz.offset_minutes} * 60'000;
}

std::optional<Millis> ParseInstant(std::string_view s, const TimeZone& tz) {
  if (s.size() == 10) return ParseLocalDate(s, tz);
  // YYYY-MM-DDTHH:MM:SS
  if (s.size() < 20 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  TimeZone utc{"UTC", 0};
  auto day = ParseLocalDate(s.substr(0, 10), utc);
  int hh = 0, mm = 0, ss = 0;
  if (!day || !ParseDigits(s.substr(11, 2), hh) || !ParseDigits(s.substr(14, 2), mm) ||
      !ParseDigits(s.substr(17, 2), ss) || hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  std::string_view rest = s.substr(19);
  int ms = 0;
  if (!rest.empty() && rest[0] == '.') {
    size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    std::string_view frac = rest.substr(1, n - 1);
    if (frac.empty() || frac.size() > 9) return std::nullopt;
    std::string f(frac);
    f.resize(3, '0');
    ParseDigits(f, ms);
    rest = rest.substr(n);
  }
  int offset = 0;
  if (rest == "Z") {
    offset = 0;
  } else if (auto off = ParseOffset(rest)) {
    offset = *off;
  } else {
    return std::nullopt;
  }
  return *day + (hh * 3600 + mm * 60 + ss) * Millis{1000} + ms - Millis{offset} * 60'000;
}

std::string FormatHttpDate(Millis t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // day 0 was a Thursday
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::int64_t days = FloorDiv(t, kMillisPerDay);
  std::int64_t rem = (t - days * kMillisPerDay) / 1000;
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[((days % 7) + 7) % 7], d, kMonths[m - 1], y,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  return buf;
}

std::string FormatUtc(Millis t) {
  std::int64_t days = FloorDiv(t, kMillisPerDay);
  std::int64_t rem = (t - days * kMillisPerDay) / 1000;
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  int ms = static_cast<int>(t - days * kMillisPerDay - rem * 1000);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
                        static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                        static_cast<int>(rem % 60));
  // Milliseconds only when there are some: phase ends are the last millisecond of a day.
  if (ms != 0) n += std::snprintf(buf + n, sizeof buf - n, ".%03d", ms);
  std::snprintf(buf + n, sizeof buf - n, "Z");
  return buf;
}

std::string FormatLocalDate(Millis t, const TimeZone& tz) {
  std::int64_t days = FloorDiv(t + Millis{tz.offset_minutes} * 60'000, kMillisPerDay);
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string FormatLocalDateTime(Millis t, const TimeZone& tz) {
  std::string iso = FormatUtc(t + Millis{tz.offset_minutes} * 60'000);
  return iso.substr(0, 10) + " " + iso.substr(11, 8);
}

Millis StartOfLocalDay(Millis t, const TimeZone& tz) {
  Millis off = Millis{tz.offset_minutes} * 60'000;
  return FloorDiv(t + off, kMillisPerDay) * kMillisPerDay - off;
}

Millis NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace ss
