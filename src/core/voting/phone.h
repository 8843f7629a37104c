// Voters' phone numbers: mainland China mobile numbers only (SPEC §5). A number is kept only
// as a keyed hash and its last four digits; the hash itself is made where the key is (api/).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ss::voting {

// "13800138000" from what people type: digits with spaces or dashes, optionally after +86,
// 86 or 0086. Eleven digits starting 13–19; anything else is kInvalidPhone.
Result<std::string> NormalizeMobile(std::string_view input);

// The last four digits, for display ("尾号 8000").
std::string PhoneTail(std::string_view normalized);

}  // namespace ss::voting
