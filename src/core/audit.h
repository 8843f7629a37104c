// The audit log's entries and their hash chain (SPEC §8): every administrative write appends
// an entry, and each entry's hash covers its content and the previous entry's hash, so that
// changing, removing or reordering any entry breaks the chain from there on.
//
//   hash = SHA-256( prev_hash ‖ len‖id ‖ len‖at ‖ len‖actor_id ‖ … ‖ len‖request_id ), hex
//
// Every field is length-prefixed, so no two different entries serialize the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace ss {

struct AuditEntry {
  std::int64_t id = 0;        // 1, 2, 3… in the order written
  Millis at = 0;
  std::int64_t actor_id = 0;  // 0 for the system or the command line
  std::string actor;          // username at the time
  std::string role;           // role key at the time
  std::string action;         // "candidate.update"
  std::string target;         // "campaign:1/candidate:97"
  std::string district;       // district code the target belongs to, or ""
  std::string before;         // JSON or ""
  std::string after;          // JSON or ""
  std::string reason;         // 更正原因, or ""
  std::string ip;
  std::string request_id;
  std::string prev_hash;      // "" for the first entry
  std::string hash;
};

// What an entry's target names: "campaign:1/candidate:97" → campaign 1, kind "candidate",
// key "97"; "user:5" → campaign 0, kind "user", key "5"; "campaign:1" → kind "campaign".
// Unknown shapes give kind "" and the text as key.
struct AuditTarget {
  std::int64_t campaign = 0;
  std::string kind;
  std::string key;
};
AuditTarget ParseAuditTarget(std::string_view target);

// The target in words, with what it is called now (`name`, "" when it is not known):
// "参评书记 编号 97 钟庆梅", "组织单位 150303 海南区", "用户 hainan", "活动 乌海市…".
// A candidate's 编号 is `number`, its number in the roster, which need not be the id its
// target names; without one the id is shown.
std::string AuditTargetText(const AuditTarget& target, std::string_view name, std::string_view number = "");

// The hash of `e` chained to `e.prev_hash` (e.hash is ignored).
std::string AuditHash(const AuditEntry& e);

// Ok when every entry's prev_hash is its predecessor's hash and every hash recomputes; else
// the id of the first entry that does not fit.
std::optional<std::int64_t> FirstBrokenEntry(const std::vector<AuditEntry>& entries);

}  // namespace ss
