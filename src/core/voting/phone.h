// Voters' phone numbers: mainland China mobile numbers only (SPEC §5). A number is kept only
// as a keyed hash and its last four digits; the hash itself is made where the key is (api/).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::voting {

// "13800138000" from what people type: digits with spaces or dashes, optionally after +86,
// 86 or 0086. Eleven digits starting 13–19; anything else is kInvalidPhone.
Result<std::string> NormalizeMobile(std::string_view input);

// The last four digits, for display ("尾号 8000").
std::string PhoneTail(std::string_view normalized);

// Which run of numbers a phone belongs to: the hundred that differ from it only in the last
// two digits (SIM cards bought in a batch), as 64 bits of HMAC-SHA256(key, "phone-bucket:"
// and the first nine digits); never 0. Made once, when the number is proved, and carried in
// the voter's session: the detector compares buckets, and no number is ever kept for it.
std::uint64_t PhoneBucket(std::string_view key, std::string_view normalized);

}  // namespace ss::voting
