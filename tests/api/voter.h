// A voter through the real server for the API tests: a phone proved with the file
// provider's code, challenges solved, votes cast.
#pragma once

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/voting/phone.h"
#include "core/voting/pow.h"
#include "harness.h"

namespace ss::testing {

namespace json = boost::json;

// The server with a cheap proof of work and room for many code requests from 127.0.0.1.
inline std::vector<std::string> VotingArgs(const fs::path& dir) {
  fs::path config = dir / "voting.toml";
  std::ofstream(config) << "[voting]\npow_maxnumber = 200\notp_per_ip_per_hour = 100000\n";
  return {"--config", config.string()};
}

// The code the file provider wrote last for `phone` (sms.txt beside the database).
inline std::string LastCode(const Server& server, const std::string& phone) {
  std::ifstream in(fs::path(server.db()).parent_path() / "sms.txt");
  std::string line, code;
  while (std::getline(in, line)) {
    auto t1 = line.find('\t'), t2 = line.rfind('\t');
    if (t1 != std::string::npos && line.substr(t1 + 1, t2 - t1 - 1) == phone) code = line.substr(t2 + 1);
  }
  return code;
}

// What WeChat's browser on an iPhone says it is: a voter the detector has no reason to doubt
// (a client with no User-Agent at all is one signal of a script).
inline constexpr const char* kPhoneAgent =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
    "MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN";

class Voter {
 public:
  Voter(const Server& server) : server_(server), client_(server.Connect()), origin_("http://" + client_.host()) {}

  Response Post(const std::string& target, const json::value& body, std::map<std::string, std::string> h = {}) {
    h.emplace("Origin", origin_);
    h.emplace("Content-Type", "application/json");
    h.emplace("User-Agent", kPhoneAgent);
    if (!Cookies().empty()) h.emplace("Cookie", Cookies());
    return client_.Send(bhttp::verb::post, target, h, json::serialize(body));
  }
  Response Get(const std::string& target) {
    std::map<std::string, std::string> h{{"User-Agent", kPhoneAgent}};
    if (!Cookies().empty()) h.emplace("Cookie", Cookies());
    return client_.Get(target, h);
  }
  // Asks for a code, reads it from the file and verifies it: a signed-in voter.
  bool Prove(const std::string& phone) {
    Response sent = Post("/api/v1/voters/otp", json::object{{"phone", phone}});
    if (sent.status != 200) {
      ADD_FAILURE() << sent.body;
      return false;
    }
    // The file names the number as stored: normalized (13800138000, whatever was typed).
    Response r = Post("/api/v1/voters/verify",
                      json::object{{"phone", phone}, {"code", LastCode(server_, *voting::NormalizeMobile(phone))}});
    if (r.status != 200) {
      ADD_FAILURE() << r.body;
      return false;
    }
    std::string c = r.Header("set-cookie");
    cookie_ = c.substr(0, c.find(';'));
    return true;
  }
  // Signs in with a party member's ballot code; the session on success.
  Response UseCode(const std::string& code) {
    Response r = Post("/api/v1/voters/ballot-code", json::object{{"code", code}});
    if (r.status == 200) {
      std::string c = r.Header("set-cookie");
      cookie_ = c.substr(0, c.find(';'));
    }
    return r;
  }
  // A challenge, solved.
  json::object Solved() {
    Response r = Get("/api/v1/campaigns/1/votes/challenge");
    EXPECT_EQ(r.status, 200u) << r.body;
    json::object c = r.Json().as_object();
    voting::PowChallenge pc;
    pc.challenge = std::string(c.at("challenge").as_string());
    pc.salt = std::string(c.at("salt").as_string());
    pc.maxnumber = c.at("maxnumber").as_int64();
    c["number"] = voting::SolveChallenge(pc);
    c.erase("maxnumber");
    return c;
  }
  Response Vote(std::int64_t candidate, const std::string& idem = "") {
    return VoteWith(candidate, Solved(), idem);
  }
  Response VoteWith(std::int64_t candidate, const json::object& pow, const std::string& idem = "") {
    std::map<std::string, std::string> h;
    if (!idem.empty()) h["Idempotency-Key"] = idem;
    return Post("/api/v1/campaigns/1/votes", json::object{{"candidate_id", candidate}, {"pow", pow}}, h);
  }
  const std::string& cookie() const { return cookie_; }
  // The device cookie the server hands out with a challenge, as a phone would keep it: a
  // farm of SIM cards in one phone shares it.
  void UseDevice(const std::string& device) { device_ = device; }
  std::string Cookies() const {
    if (device_.empty()) return cookie_;
    return cookie_.empty() ? "ss_device=" + device_ : cookie_ + "; ss_device=" + device_;
  }

 private:
  const Server& server_;
  Client client_;
  std::string origin_;
  std::string cookie_;
  std::string device_;
};

}  // namespace ss::testing
