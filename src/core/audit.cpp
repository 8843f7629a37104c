#include "core/audit.h"

#include <sodium.h>

#include "core/numbers.h"

namespace ss {
namespace {

void Put(crypto_hash_sha256_state& st, const std::string& field) {
  std::uint64_t n = field.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * (7 - i)));
  crypto_hash_sha256_update(&st, len, sizeof len);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(field.data()), field.size());
}

struct KindName {
  std::string_view kind;
  std::string_view words;
};
constexpr KindName kKinds[] = {
    {"campaign", "活动"},          {"candidate", "参评书记"}, {"org_unit", "组织单位"},
    {"user", "用户"},              {"ballot-batch", "投票码批次"},
};

}  // namespace

AuditTarget ParseAuditTarget(std::string_view target) {
  AuditTarget t;
  std::string_view rest = target;
  constexpr std::string_view kCampaign = "campaign:";
  if (rest.substr(0, kCampaign.size()) == kCampaign) {
    const auto slash = rest.find('/');
    std::string_view id = rest.substr(kCampaign.size(), slash == std::string_view::npos ? std::string_view::npos
                                                                                       : slash - kCampaign.size());
    auto parsed = ParsePositiveId(id);
    if (!parsed) return AuditTarget{0, "", std::string(target)};
    t.campaign = *parsed;
    if (slash == std::string_view::npos) return AuditTarget{t.campaign, "campaign", std::string(id)};
    rest = rest.substr(slash + 1);
  }
  auto colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return AuditTarget{0, "", std::string(target)};
  t.kind = std::string(rest.substr(0, colon));
  t.key = std::string(rest.substr(colon + 1));
  return t;
}

std::string AuditTargetText(const AuditTarget& target, std::string_view name, std::string_view number) {
  std::string_view words;
  for (const auto& k : kKinds)
    if (k.kind == target.kind) words = k.words;
  if (words.empty()) return target.key;
  std::string out(words);
  if (target.kind == "candidate" && !number.empty()) out += " 编号 " + std::string(number);
  else if (target.kind == "candidate" || target.kind == "ballot-batch") out += " 编号 " + target.key;
  else if (target.kind == "org_unit") out += " " + target.key;
  if (!name.empty()) {
    out += ' ';
    out += name;
  } else if (target.kind == "user" || target.kind == "campaign") {
    out += " 编号 " + target.key;
  }
  return out;
}

std::string AuditHash(const AuditEntry& e) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  for (const std::string& f :
       {e.prev_hash, std::to_string(e.id), std::to_string(e.at), std::to_string(e.actor_id), e.actor, e.role, e.action,
        e.target, e.district, e.before, e.after, e.reason, e.ip, e.request_id}) {
    Put(st, f);
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::optional<std::int64_t> FirstBrokenEntry(const std::vector<AuditEntry>& entries) {
  std::string prev;
  std::int64_t expected_id = 1;  // a missing first entry is a break too
  for (const auto& e : entries) {
    if (e.id != expected_id || e.prev_hash != prev || AuditHash(e) != e.hash) return e.id;
    prev = e.hash;
    ++expected_id;
  }
  return std::nullopt;
}

}  // namespace ss
