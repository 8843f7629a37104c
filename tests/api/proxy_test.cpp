// Which address the server believes behind a proxy: the sign-in locks follow the address the
// trusted proxy saw, whatever the client writes into X-Forwarded-For itself.
#include <boost/json.hpp>

#include "harness.h"

namespace ss::testing {
namespace {

namespace json = boost::json;

Response Login(const Server& server, const std::string& password, const std::string& forwarded_for) {
  Client c = server.Connect();
  std::map<std::string, std::string> h{{"Origin", "http://" + c.host()}, {"Content-Type", "application/json"}};
  if (!forwarded_for.empty()) h["X-Forwarded-For"] = forwarded_for;
  return c.Send(bhttp::verb::post, "/api/v1/auth/login", h,
                json::serialize(json::object{{"username", "hainan"}, {"password", password}}));
}

TEST(Proxy, RotatingTheLeftOfXForwardedForDoesNotEscapeTheLock) {
  TempDir dir;
  std::ofstream(dir.path / "proxy.toml") << "[http]\ntrusted_proxies = [\"127.0.0.1\"]\n";
  Server server(dir.path, {"--config", (dir.path / "proxy.toml").string()});
  std::string password = server.Accounts().at("hainan");
  // nginx appends the address it saw (203.0.113.9) to whatever the client sent.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Login(server, "wrong-" + std::to_string(i), "6.6.6." + std::to_string(i) + ", 203.0.113.9").status, 401u);
  Response locked = Login(server, password, "7.7.7.7, 203.0.113.9");
  EXPECT_EQ(locked.status, 429u) << "the pair (hainan, 203.0.113.9) is locked, whatever is written on the left";
  // A victim's address written on the left does not lock the victim.
  EXPECT_EQ(Login(server, password, "203.0.113.9, 198.51.100.7").status, 200u);
}

TEST(Proxy, AnUntrustedPeerCannotChooseItsAddress) {
  TempDir dir;
  Server server(dir.path);  // no trusted proxies: the peer (127.0.0.1) is the client
  std::string password = server.Accounts().at("hainan");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Login(server, "wrong-" + std::to_string(i), "10.0.0." + std::to_string(i)).status, 401u);
  EXPECT_EQ(Login(server, password, "10.9.9.9").status, 429u) << "the header is ignored: all five came from 127.0.0.1";
}

}  // namespace
}  // namespace ss::testing
