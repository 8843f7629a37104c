// Vote receipts: what a voter keeps to look their vote up (and, with the integrity issue, to
// ask for its inclusion proof). 26 characters of Crockford base32 (no I, L, O, U: easy to read
// aloud and to copy from a phone): 8 for the vote's id, then 18 random ones (90 bits), so that
// no one can guess another voter's receipt. The id part lets the store find the vote by its
// primary key: no index over random strings, which would dirty a page per vote in every batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ss::voting {

// The random part of a new receipt (18 characters).
std::string NewReceiptSecret();
// The receipt of vote `id` with `secret`.
std::string ReceiptOf(std::int64_t id, std::string_view secret);
// A receipt's vote id and random part; nullopt unless it is 26 characters of the alphabet.
struct ReceiptParts {
  std::int64_t id = 0;
  std::string secret;
};
std::optional<ReceiptParts> SplitReceipt(std::string_view receipt);
bool LooksLikeReceipt(std::string_view s);

}  // namespace ss::voting
