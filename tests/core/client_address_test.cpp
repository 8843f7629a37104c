// Which address a request comes from behind proxies (core/client_address.h).
#include "core/client_address.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

TrustedProxies Trust(std::vector<std::string> entries) {
  auto t = TrustedProxies::Parse(entries);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : TrustedProxies{};
}

std::string Client(std::string_view peer, std::string_view xff, const TrustedProxies& t) {
  return DecideClient(peer, xff, "", t).address;
}

TEST(ClientAddress, WithoutTrustedProxiesThePeerIsTheClient) {
  TrustedProxies none;
  EXPECT_EQ(Client("203.0.113.9", "1.2.3.4", none), "203.0.113.9");
  EXPECT_FALSE(DecideClient("203.0.113.9", "", "https", none).https);
}

TEST(ClientAddress, AnUntrustedPeerCarryingTheHeaderIsItselfTheClient) {
  auto t = Trust({"127.0.0.1"});
  EXPECT_EQ(Client("198.51.100.7", "127.0.0.1, 10.0.0.1", t), "198.51.100.7");
  EXPECT_FALSE(DecideClient("198.51.100.7", "", "https", t).https);
}

TEST(ClientAddress, OneProxyAppendsTheRealAddressOnTheRight) {
  auto t = Trust({"127.0.0.1"});
  EXPECT_EQ(Client("127.0.0.1", "203.0.113.9", t), "203.0.113.9");
  // A client that writes its own header gets the address nginx saw, not what it wrote.
  EXPECT_EQ(Client("127.0.0.1", "6.6.6.6, 203.0.113.9", t), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", "1.1.1.1,2.2.2.2,  203.0.113.9 ", t), "203.0.113.9");
}

TEST(ClientAddress, TwoAndThreeProxies) {
  auto t = Trust({"127.0.0.1", "10.0.0.0/8"});
  // CDN edge 10.1.2.3 → nginx on loopback.
  EXPECT_EQ(Client("127.0.0.1", "203.0.113.9, 10.1.2.3", t), "203.0.113.9");
  EXPECT_EQ(Client("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.9.9.9, 10.1.2.3", t), "203.0.113.9");
  // A spoofed trusted-looking entry left of the real client is never reached.
  EXPECT_EQ(Client("127.0.0.1", "10.0.0.5, 203.0.113.9, 10.1.2.3", t), "203.0.113.9");
}

TEST(ClientAddress, EveryHopTrustedMeansTheLeftmostIsTheClient) {
  auto t = Trust({"10.0.0.0/8"});
  EXPECT_EQ(Client("10.0.0.1", "10.0.0.9, 10.0.0.2", t), "10.0.0.9");
  EXPECT_EQ(Client("10.0.0.1", "", t), "10.0.0.1");
}

TEST(ClientAddress, Ipv6AndMappedAddresses) {
  auto t = Trust({"::1", "2001:db8::/32"});
  EXPECT_EQ(Client("::1", "2409:8a00::1234", t), "2409:8a00::1234");
  EXPECT_EQ(Client("::1", "203.0.113.9, 2001:db8::7", t), "203.0.113.9");
  auto v4 = Trust({"127.0.0.0/8"});
  EXPECT_EQ(Client("::ffff:127.0.0.1", "203.0.113.9", v4), "203.0.113.9") << "a dual-stack socket's IPv4 peer";
  EXPECT_EQ(Client("::ffff:203.0.113.9", "", v4), "203.0.113.9");
}

TEST(ClientAddress, JunkStopsTheWalkAtTheLastBelievedHop) {
  auto t = Trust({"127.0.0.1", "10.0.0.0/8"});
  EXPECT_EQ(Client("127.0.0.1", "203.0.113.9, not-an-ip", t), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", "203.0.113.9, unknown, 10.0.0.3", t), "10.0.0.3");
  EXPECT_EQ(Client("127.0.0.1", "[2001:db8::1]:443", t), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", "203.0.113.9:5555", t), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", ",,,", t), "127.0.0.1");
  EXPECT_EQ(Client("127.0.0.1", std::string(5000, 'x'), t), "127.0.0.1");
}

TEST(ClientAddress, ForwardedProtoOnlyFromATrustedPeer) {
  auto t = Trust({"127.0.0.1"});
  EXPECT_TRUE(DecideClient("127.0.0.1", "203.0.113.9", "https", t).https);
  EXPECT_TRUE(DecideClient("127.0.0.1", "203.0.113.9", "HTTPS, http", t).https);
  EXPECT_FALSE(DecideClient("127.0.0.1", "203.0.113.9", "http", t).https);
  EXPECT_FALSE(DecideClient("127.0.0.1", "203.0.113.9", "httpsx", t).https);
  EXPECT_FALSE(DecideClient("203.0.113.9", "", "https", t).https);
}

TEST(ClientAddress, TrustedProxiesParseNetworksAndNameTheBadOnes) {
  auto t = TrustedProxies::Parse({"127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"});
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->Contains(*IpAddress::Parse("10.255.0.1")));
  EXPECT_FALSE(t->Contains(*IpAddress::Parse("11.0.0.1")));
  EXPECT_TRUE(t->Contains(*IpAddress::Parse("fd12::1")));
  EXPECT_FALSE(t->Contains(*IpAddress::Parse("fe80::1")));
  auto bad = TrustedProxies::Parse({"127.0.0.1", "10.0.0.0/33", "nginx", "::/129", ""});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.status().details().size(), 4u);
  EXPECT_EQ(bad.status().details()[0].field, "[1]");
  EXPECT_EQ(bad.status().details()[1].field, "[2]");
  auto all = TrustedProxies::Parse({"0.0.0.0/0"});
  EXPECT_TRUE(all->Contains(*IpAddress::Parse("8.8.8.8")));
  EXPECT_FALSE(all->Contains(*IpAddress::Parse("::1"))) << "an IPv4 network holds no IPv6 address";
}

}  // namespace
}  // namespace ss

namespace ss {
namespace {

TEST(SubnetOf, GroupsByA24OrA64) {
  EXPECT_EQ(SubnetOf("192.0.2.77"), "192.0.2.0/24");
  EXPECT_EQ(SubnetOf("::ffff:10.1.2.3"), "10.1.2.0/24");
  EXPECT_EQ(SubnetOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(SubnetOf("not an address"), "not an address");
}

}  // namespace
}  // namespace ss
