#include "core/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace ss {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int max, int& out) {
  if (s.empty() || s.size() > 3) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  char buf[46];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress a;
  unsigned char v4[4];
  if (inet_pton(AF_INET, buf, v4) == 1) {
    a.v4 = true;
    a.bytes[10] = a.bytes[11] = 0xff;
    std::memcpy(&a.bytes[12], v4, 4);
    return a;
  }
  if (inet_pton(AF_INET6, buf, a.bytes.data()) == 1) {
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    a.v4 = std::memcmp(a.bytes.data(), kMapped, 12) == 0;
    return a;
  }
  return std::nullopt;
}

IpAddress IpAddress::V4(std::uint32_t bits) {
  IpAddress a;
  a.v4 = true;
  a.bytes[10] = a.bytes[11] = 0xff;
  for (int i = 0; i < 4; ++i) a.bytes[12 + i] = static_cast<std::uint8_t>(bits >> (24 - 8 * i));
  return a;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN];
  if (v4) inet_ntop(AF_INET, &bytes[12], buf, sizeof buf);
  else inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<IpNetwork> IpNetwork::Parse(std::string_view text) {
  text = Trim(text);
  auto slash = text.find('/');
  auto base = IpAddress::Parse(text.substr(0, slash));
  if (!base) return std::nullopt;
  IpNetwork n{*base, base->v4 ? 32 : 128};
  if (slash != std::string_view::npos && !ParseInt(text.substr(slash + 1), base->v4 ? 32 : 128, n.prefix))
    return std::nullopt;
  return n;
}

bool IpNetwork::Contains(const IpAddress& a) const {
  if (a.v4 != base.v4) return false;
  int bits = base.v4 ? prefix + 96 : prefix;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a.bytes[static_cast<std::size_t>(i)] & mask) != (base.bytes[static_cast<std::size_t>(i)] & mask)) return false;
  }
  return true;
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto n = IpNetwork::Parse(entries[i]);
    if (!n) {
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on the chained operator+.
      std::string message = "“";
      message.append(entries[i]).append("”不是 IP 地址或网段（如 127.0.0.1、10.0.0.0/8、::1）");
      std::string field = "[";
      field.append(std::to_string(i)).append("]");
      errors.push_back({0, std::move(field), std::move(message)});
    }
    else out.networks_.push_back(*n);
  }
  if (!errors.empty()) return Status(code::kInvalid, "受信任的代理地址有误", std::move(errors));
  return out;
}

bool TrustedProxies::Contains(const IpAddress& a) const {
  for (const auto& n : networks_)
    if (n.Contains(a)) return true;
  return false;
}

ClientOrigin DecideClient(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                          const TrustedProxies& trusted) {
  ClientOrigin out;
  auto current = IpAddress::Parse(peer);
  out.address = current ? current->ToString() : std::string(peer);
  if (!current || !trusted.Contains(*current)) return out;
  // The first scheme is the one the client used at the outermost proxy.
  std::string_view proto = Trim(forwarded_proto.substr(0, forwarded_proto.find(',')));
  out.https = proto.size() == 5 && (proto[0] | 0x20) == 'h' && (proto[1] | 0x20) == 't' && (proto[2] | 0x20) == 't' &&
              (proto[3] | 0x20) == 'p' && (proto[4] | 0x20) == 's';
  // Walk left from the peer while the hop that wrote the entry is one of ours.
  std::string_view rest = forwarded_for;
  while (current && trusted.Contains(*current) && !Trim(rest).empty()) {
    auto comma = rest.rfind(',');
    std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    auto next = IpAddress::Parse(entry);
    if (!next) break;  // junk: believe no further than the last proxy
    current = next;
  }
  out.address = current->ToString();
  return out;
}

std::string SubnetOf(std::string_view address) {
  auto a = IpAddress::Parse(address);
  if (!a) return std::string(address);
  IpAddress base = *a;
  const std::size_t keep = a->v4 ? 15 : 8;  // the IPv4-mapped form's last byte goes; an IPv6 /64 keeps 8
  for (std::size_t i = keep; i < base.bytes.size(); ++i) base.bytes[i] = 0;
  return base.ToString() + (a->v4 ? "/24" : "/64");
}

}  // namespace ss
