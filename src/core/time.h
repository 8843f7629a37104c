// Time in Shuangshai: instants are Unix milliseconds in UTC (Millis); calendar dates of a
// campaign are read in the campaign's time zone.
//
// Only zones with a fixed offset are supported (every zone in use in China is one:
// Asia/Shanghai is UTC+8 all year), so no tz database is needed. A zone is named by an
// IANA name from a short known list or by an explicit offset "+08:00".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ss {

using Millis = std::int64_t;
inline constexpr Millis kMillisPerDay = 86'400'000;

struct TimeZone {
  std::string name;         // as configured, e.g. "Asia/Shanghai"
  int offset_minutes = 0;   // east of UTC
};

// The city's own zone, Asia/Shanghai (UTC+8): the default of a new campaign's configuration
// and the zone of what belongs to no campaign (user and audit exports). The one place it is
// written down; a campaign's own dates use the zone in its configuration.
inline TimeZone HomeTimeZone() { return TimeZone{"Asia/Shanghai", 480}; }

// "Asia/Shanghai", "UTC", "+08:00", "-05:30"; nullopt for anything else.
std::optional<TimeZone> ParseTimeZone(std::string_view name);

// Days since 1970-01-01 for a proleptic Gregorian date; nullopt when the date does not exist.
std::optional<std::int64_t> DaysFromCivil(int year, int month, int day);

// "YYYY-MM-DD" → the instant that day starts in `tz`.
std::optional<Millis> ParseLocalDate(std::string_view date, const TimeZone& tz);

// "YYYY-MM-DD" (start of day in tz) or "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)".
std::optional<Millis> ParseInstant(std::string_view text, const TimeZone& tz);

// ISO 8601 UTC: "2022-04-20T16:00:00Z", with ".999" when the milliseconds are not zero.
std::string FormatUtc(Millis t);

// An HTTP date (RFC 9110 IMF-fixdate), always GMT: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string FormatHttpDate(Millis t);

// The local calendar date of an instant in tz: "2022-04-21".
std::string FormatLocalDate(Millis t, const TimeZone& tz);

// The local date and time of an instant in tz, as spreadsheets show it: "2022-04-21 09:30:00".
std::string FormatLocalDateTime(Millis t, const TimeZone& tz);

// The instant the local day containing `t` starts.
Millis StartOfLocalDay(Millis t, const TimeZone& tz);

// Wall clock now.
Millis NowMillis();

}  // namespace ss
