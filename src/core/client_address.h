// Which address a request comes from, behind reverse proxies (nginx, a CDN).
//
// X-Forwarded-For is written by the client first and appended to by each proxy
// ($proxy_add_x_forwarded_for puts the address it saw on the right), so only its right end
// can be believed, and only as far as it was written by proxies we trust. The client is the
// rightmost address that is not a trusted proxy, walking left from the connection's own peer;
// the header is ignored unless the peer itself is a trusted proxy. X-Forwarded-Proto is
// believed under the same condition. One function decides it for every route.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ss {

// An IPv4 or IPv6 address, IPv4 also as its IPv4-mapped IPv6 form for comparisons.
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;

  // "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"; surrounding spaces and a "[…]" or a
  // ":port" (IPv4) are not accepted here: nullopt.
  static std::optional<IpAddress> Parse(std::string_view text);
  // The IPv4 address with these 32 bits (0xC0000201 is 192.0.2.1).
  static IpAddress V4(std::uint32_t bits);
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

// A network: "10.0.0.0/8", "2001:db8::/32", or one address (a /32 or /128).
struct IpNetwork {
  IpAddress base;
  int prefix = 0;  // bits, counted on the IPv4 form for IPv4 networks

  static std::optional<IpNetwork> Parse(std::string_view text);
  bool Contains(const IpAddress& a) const;
};

class TrustedProxies {
 public:
  TrustedProxies() = default;  // none: the peer is the client
  // kInvalid naming each entry that is not an address or a network (field "[i]").
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);
  bool Contains(const IpAddress& a) const;
  bool empty() const { return networks_.empty(); }

 private:
  std::vector<IpNetwork> networks_;
};

// The subnet an address belongs to, as rate limits and the review group them: its /24 for
// IPv4 ("192.0.2.0/24"), its /64 for IPv6 ("2001:db8:1:2::/64"); text that is no address
// is given back as it is.
std::string SubnetOf(std::string_view address);

struct ClientOrigin {
  std::string address;  // the client's address as text (the peer's when nothing is believed)
  bool https = false;   // X-Forwarded-Proto: https from a trusted proxy
};

// `peer` is the connection's remote address; `forwarded_for` and `forwarded_proto` are the
// headers as received ("" when absent). Junk entries stop the walk: the last believed
// address is the client.
ClientOrigin DecideClient(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                          const TrustedProxies& trusted);

}  // namespace ss
