// Rate limits on the voting routes through the real server (issue 8 item 1): per identity
// first, then device, address and subnet, each refusal a 429 with Retry-After that names the
// kind of key; X-Forwarded-For believed from the trusted proxy only; and a vote itself never
// refused for the address it comes from.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.h"
#include "voter.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

// A server behind a trusted proxy at 127.0.0.1 with the [limits] given.
std::vector<std::string> LimitArgs(const fs::path& dir, const std::string& limits) {
  fs::path config = dir / "limits.toml";
  std::ofstream(config) << "[voting]\npow_maxnumber = 200\notp_per_ip_per_hour = 100000\n"
                           "[http]\ntrusted_proxies = [\"127.0.0.1\"]\n"
                           "[limits]\n"
                        << limits;
  return {"--config", config.string()};
}

Response Challenge(const Server& server, const Voter& v, const std::string& forwarded_for, const std::string& device = "") {
  std::map<std::string, std::string> h{{"User-Agent", kPhoneAgent}};
  std::string cookies = v.Cookies();
  if (!device.empty()) cookies += "; ss_device=" + device;
  h["Cookie"] = cookies;
  if (!forwarded_for.empty()) h["X-Forwarded-For"] = forwarded_for;
  return server.Connect().Get("/api/v1/campaigns/1/votes/challenge", h);
}

std::string Field(const Response& r, const char* name) {
  auto j = r.Json();
  const auto* v = j.as_object().if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

TEST(RateLimits, AVoterIsCountedByIdentityAndANeighbourOnTheSameAddressIsNot) {
  TempDir dir;
  Server server(dir.path, LimitArgs(dir.path, "identity_burst = 3\nidentity_per_minute = 1\n"));
  Voter a(server), b(server);
  ASSERT_TRUE(a.Prove("13900139001"));
  ASSERT_TRUE(b.Prove("13900139002"));
  json::object solved = a.Solved();  // 1
  for (int i = 0; i < 2; ++i) EXPECT_EQ(Challenge(server, a, "").status, 200u);  // 2, 3
  Response refused = Challenge(server, a, "");
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(Field(refused, "code"), "rate_limited");
  EXPECT_EQ(Field(refused, "limit"), "identity");
  int retry = std::atoi(refused.Header("retry-after").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 60) << "one token a minute";
  EXPECT_EQ(refused.Json().at("retry_after").as_int64(), retry);
  EXPECT_NE(Field(refused, "message").find("秒后再试"), std::string::npos) << refused.body;
  // Another voter behind the same address is not held up by the first one's buckets.
  EXPECT_EQ(Challenge(server, b, "").status, 200u);
  // The vote route has buckets of its own: the challenge solved before still makes a vote.
  EXPECT_EQ(a.VoteWith(97, solved).status, 201u);
}

TEST(RateLimits, AnAddressAndItsSubnetAreCountedAsTheTrustedProxySawThem) {
  TempDir dir;
  Server server(dir.path, LimitArgs(dir.path, "ip_burst = 2\nip_per_minute = 1\nsubnet_burst = 4\nsubnet_per_minute = 1\n"));
  Voter a(server), b(server);  // their codes come from 127.0.0.1 itself: 2 of its otp tokens
  ASSERT_TRUE(a.Prove("13900139011"));
  ASSERT_TRUE(b.Prove("13900139012"));
  // nginx appends what it saw: the client's own left-hand entries are not believed.
  EXPECT_EQ(Challenge(server, a, "6.6.6.1, 203.0.113.5").status, 200u);
  EXPECT_EQ(Challenge(server, a, "6.6.6.2, 203.0.113.5").status, 200u);
  Response refused = Challenge(server, a, "6.6.6.3, 203.0.113.5");
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(Field(refused, "limit"), "ip");
  EXPECT_NE(Field(refused, "message").find("网络"), std::string::npos) << refused.body;
  // Another address of the same /24 has its own bucket, but shares the subnet's 4 tokens:
  // two were spent above (the refused request charged nothing beyond its address).
  EXPECT_EQ(Challenge(server, b, "203.0.113.6").status, 200u);
  EXPECT_EQ(Challenge(server, b, "203.0.113.7").status, 200u);
  Response subnet = Challenge(server, b, "203.0.113.8");
  ASSERT_EQ(subnet.status, 429u) << subnet.body;
  EXPECT_EQ(Field(subnet, "limit"), "subnet");
  EXPECT_EQ(Challenge(server, b, "198.51.100.1").status, 200u) << "another subnet";
}

TEST(RateLimits, ACodeRequestIsCountedByAddressAndPhonesOnOneDeviceShareItsBucket) {
  TempDir dir;
  Server server(dir.path, LimitArgs(dir.path, "ip_burst = 2\nip_per_minute = 1\ndevice_burst = 2\ndevice_per_minute = 1\n"));
  Client c = server.Connect();
  auto otp = [&](const std::string& phone, const std::string& forwarded_for) {
    return c.Send(bhttp::verb::post, "/api/v1/voters/otp",
                  {{"Origin", "http://" + c.host()}, {"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}},
                  json::serialize(json::object{{"phone", phone}}));
  };
  EXPECT_EQ(otp("13900139021", "203.0.113.20").status, 200u);
  EXPECT_EQ(otp("13900139022", "203.0.113.20").status, 200u);
  Response refused = otp("13900139023", "203.0.113.20");
  ASSERT_EQ(refused.status, 429u) << refused.body;
  EXPECT_EQ(Field(refused, "code"), "rate_limited");
  EXPECT_EQ(Field(refused, "limit"), "ip");
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_EQ(otp("13900139023", "203.0.113.21").status, 200u) << "the refusal sent no code and spent no cooldown";

  // Three phones proved on one device (each from its own address): the device's two tokens
  // go to the first two challenges, whoever asks.
  Voter v1(server), v2(server);
  ASSERT_TRUE(v1.Prove("13900139031"));
  ASSERT_TRUE(v2.Prove("13900139032"));
  const std::string device = "0123456789abcdef0123456789abcdef";
  EXPECT_EQ(Challenge(server, v1, "203.0.113.31", device).status, 200u);
  EXPECT_EQ(Challenge(server, v2, "203.0.113.32", device).status, 200u);
  Response shared = Challenge(server, v1, "203.0.113.33", device);
  ASSERT_EQ(shared.status, 429u) << shared.body;
  EXPECT_EQ(Field(shared, "limit"), "device");
  // A cookie we did not hand out is not a device: it cannot pick fresh buckets at will.
  EXPECT_EQ(Challenge(server, v2, "203.0.113.34", "made-up").status, 200u);
}

TEST(RateLimits, CanBeTurnedOffAndBadSettingsAreRefusedAtStart) {
  TempDir dir;
  fs::path config = dir.path / "bad.toml";
  std::ofstream(config) << "[limits]\nip_burst = 0\n";
  auto r = RunCommand({"serve", "--db", (dir.path / "x.db").string(), "--config", config.string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("limits.ip_burst"), std::string::npos) << r.out;
  std::ofstream(config) << "[limits]\nidentity_per_hour = 3\n";
  r = RunCommand({"serve", "--db", (dir.path / "x.db").string(), "--config", config.string()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("limits.identity_per_hour"), std::string::npos) << r.out;

  Server server(dir.path, LimitArgs(dir.path, "enabled = false\nidentity_burst = 1\nidentity_per_minute = 1\n"));
  Voter v(server);
  ASSERT_TRUE(v.Prove("13900139041"));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Challenge(server, v, "").status, 200u);
}

}  // namespace
}  // namespace ss::testing
