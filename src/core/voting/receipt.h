// Vote receipts: what a voter keeps to look their vote up (and, with the integrity issue, to
// ask for its inclusion proof). 26 characters of Crockford base32 (no I, L, O, U: easy to read
// aloud and to copy from a phone) carrying 130 random bits, so that no one can guess another
// voter's receipt.
#pragma once

#include <string>
#include <string_view>

namespace ss::voting {

std::string NewReceipt();
// 26 characters of the alphabet.
bool LooksLikeReceipt(std::string_view s);

}  // namespace ss::voting
