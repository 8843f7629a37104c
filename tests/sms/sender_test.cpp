#include "sms/sender.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "fake_gateway.h"

namespace ss::sms {
namespace {

namespace fs = std::filesystem;
using testing::FakeGateway;

fs::path FreshDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("shuangshai-sms-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

std::vector<std::string> Lines(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

Message Otp(std::string phone = "13800138000", std::string code = "493817") {
  Message m;
  m.phone = std::move(phone);
  m.code = std::move(code);
  m.text = OtpText(m.code, 5);
  return m;
}

Settings Http(const std::string& url) {
  Settings s;
  s.provider = Provider::kHttp;
  s.url = url;
  s.timeout_ms = 2000;
  s.retries = 2;
  s.backoff_ms = 20;  // the real 200 ms would only slow the tests
  return s;
}

std::unique_ptr<Sender> Make(const Settings& s) {
  auto sender = MakeSender(s);
  EXPECT_TRUE(sender.ok()) << sender.status().ToString();
  return sender.ok() ? std::move(sender).value() : nullptr;
}

TEST(FileSender, AppendsOneLinePerMessageAndCreatesItsFolder) {
  fs::path dir = FreshDir("file");
  Settings s;
  s.provider = Provider::kFile;
  s.file = (dir / "nested" / "sms.txt").string();
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  ASSERT_TRUE(sender->Send(Otp("13800138000", "493817")).ok());
  ASSERT_TRUE(sender->Send(Otp("15912345678", "000123")).ok());
  auto lines = Lines(s.file);
  ASSERT_EQ(lines.size(), 2u);
  // "2026-05-01T08:00:00Z" or "…:00.123Z", then the phone and the code (no std::regex: GCC 12
  // warns inside it under the sanitizers).
  auto tab = lines[0].find('\t');
  ASSERT_NE(tab, std::string::npos) << lines[0];
  std::string time = lines[0].substr(0, tab);
  EXPECT_TRUE((time.size() == 20 || time.size() == 24) && time[4] == '-' && time[10] == 'T' && time.back() == 'Z') << time;
  EXPECT_EQ(lines[0].substr(tab), "\t13800138000\t493817");
  EXPECT_TRUE(lines[1].ends_with("\t15912345678\t000123")) << lines[1];
  fs::remove_all(dir);
}

TEST(FileSender, ParallelSendsNeverInterleave) {
  fs::path dir = FreshDir("parallel");
  Settings s;
  s.provider = Provider::kFile;
  s.file = (dir / "sms.txt").string();
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&sender] {
      for (int i = 0; i < 50; ++i) EXPECT_TRUE(sender->Send(Otp()).ok());
    });
  for (auto& t : threads) t.join();
  auto lines = Lines(s.file);
  ASSERT_EQ(lines.size(), 200u);
  for (const auto& line : lines) EXPECT_TRUE(line.ends_with("\t13800138000\t493817")) << line;
  fs::remove_all(dir);
}

TEST(FileSender, AnUnwritablePlaceIsRefusedAtOnceInChinese) {
  fs::path dir = FreshDir("unwritable");
  fs::create_directories(dir);
  std::ofstream(dir / "a-file") << "x";
  Settings s;
  s.provider = Provider::kFile;
  s.file = (dir / "a-file" / "sms.txt").string();  // a folder that is a file: even root cannot
  auto sender = MakeSender(s);
  ASSERT_FALSE(sender.ok());
  EXPECT_NE(sender.status().message().find("短信验证码文件的目录"), std::string::npos) << sender.status().message();
  fs::remove_all(dir);
}

TEST(HttpSender, FillsTheTemplateEscapedForJsonAndSendsTheAuthHeader) {
  FakeGateway gateway({200});
  Settings s = Http(gateway.url("/v1/sms?account=ss"));
  s.body_template = R"({"mobile":"{phone}","content":"{text}","params":{"code":"{code}"}})";
  s.auth_header = "Authorization";
  s.auth_value = "Bearer t0ken";
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  Message m = Otp();
  m.text = "【双晒】验证码 \"493817\"\n\\ 勿告诉他人 {code}";  // quotes, a newline, a backslash, a placeholder
  Status st = sender->Send(m);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto reqs = gateway.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].method(), boost::beast::http::verb::post);
  EXPECT_EQ(reqs[0].target(), "/v1/sms?account=ss");
  EXPECT_EQ(reqs[0][boost::beast::http::field::authorization], "Bearer t0ken");
  EXPECT_EQ(reqs[0][boost::beast::http::field::content_type], "application/json");
  boost::json::value body = boost::json::parse(reqs[0].body());
  EXPECT_EQ(body.at("mobile").as_string(), "13800138000");
  EXPECT_EQ(body.at("content").as_string(), m.text) << "escaped, and a placeholder inside a value left alone";
  EXPECT_EQ(body.at("params").at("code").as_string(), "493817");
}

TEST(HttpSender, FormBodiesArePercentEncodedAndOtherTypesLeftAsTheyAre) {
  Settings s;
  s.content_type = "application/x-www-form-urlencoded; charset=utf-8";
  s.body_template = "to={phone}&msg={text}";
  Message m = Otp();
  m.text = "码 1&2=3";
  EXPECT_EQ(FillTemplate(s, m), "to=13800138000&msg=%E7%A0%81%201%262%3D3");
  s.content_type = "text/plain";
  s.body_template = "{phone} {code}";
  EXPECT_EQ(FillTemplate(s, m), "13800138000 493817");
}

TEST(HttpSender, RetriesA5xxAndSucceeds) {
  FakeGateway gateway({500, 200});
  auto sender = Make(Http(gateway.url()));
  ASSERT_TRUE(sender);
  Status st = sender->Send(Otp());
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(gateway.requests().size(), 2u);
}

TEST(HttpSender, GivesUpAfterItsRetriesNamingTheGatewaysStatus) {
  FakeGateway gateway({503});
  auto sender = Make(Http(gateway.url()));
  ASSERT_TRUE(sender);
  Status st = sender->Send(Otp());
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(gateway.requests().size(), 3u) << "the first attempt and 2 retries";
  EXPECT_NE(st.message().find("HTTP 503"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("共尝试 3 次"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("493817"), std::string::npos) << "the code is never in a message";
}

TEST(HttpSender, A4xxIsNotRetriedAndIsReported) {
  FakeGateway gateway({400, 200});
  auto sender = Make(Http(gateway.url()));
  ASSERT_TRUE(sender);
  Status st = sender->Send(Otp());
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), code::kUnavailable);
  EXPECT_EQ(gateway.requests().size(), 1u);
  EXPECT_NE(st.message().find("拒绝了请求：HTTP 400"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("493817"), std::string::npos);
}

TEST(HttpSender, AGatewayThatNeverAnswersIsReportedWithinTheTimeout) {
  FakeGateway gateway({FakeGateway::kHang});
  Settings s = Http(gateway.url());
  s.timeout_ms = 400;
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  auto start = std::chrono::steady_clock::now();
  Status st = sender->Send(Otp());
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("400 毫秒内没有回答"), std::string::npos) << st.message();
  EXPECT_GE(took, 380);
  EXPECT_LT(took, 400 + 600) << "not retried: the gateway may have taken the message";
  EXPECT_EQ(gateway.requests().size(), 1u);
}

TEST(HttpSender, NoGatewayListeningIsAConnectionErrorRetried) {
  unsigned short port = 0;
  {
    FakeGateway closed({200});
    port = closed.port();
  }  // nothing listens there any more
  Settings s = Http("http://127.0.0.1:" + std::to_string(port) + "/send");
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  Status st = sender->Send(Otp());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("无法连接短信网关 127.0.0.1:" + std::to_string(port)), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("共尝试 3 次"), std::string::npos) << st.message();
}

TEST(HttpSender, HttpsToAPlainGatewayFailsInTheHandshake) {
  FakeGateway gateway({200});
  Settings s = Http("https://127.0.0.1:" + std::to_string(gateway.port()) + "/send");
  s.retries = 0;
  auto sender = Make(s);
  ASSERT_TRUE(sender);
  Status st = sender->Send(Otp());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("短信网关 127.0.0.1"), std::string::npos) << st.message();
  EXPECT_TRUE(gateway.requests().empty()) << "nothing was sent in the clear";
}

TEST(Settings, TheFileProviderOnlyForTheDemoOrDev) {
  Settings file;
  file.provider = Provider::kFile;
  EXPECT_TRUE(CheckSmsAllowed(file, true).ok());
  Status refused = CheckSmsAllowed(file, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.details().at(0).field, "sms.provider");
  EXPECT_NE(refused.message().find("--dev"), std::string::npos);
  Settings http = Http("https://sms.example.com/send");
  EXPECT_TRUE(CheckSmsAllowed(http, false).ok());
  EXPECT_TRUE(CheckSmsAllowed(Settings{}, false).ok());
}

TEST(Settings, ServeDefaultsToTheFileOnlyForTheDemoOrDev) {
  auto demo = SettingsForServe(Settings{}, true);
  ASSERT_TRUE(demo.ok());
  EXPECT_EQ(demo->provider, Provider::kFile);
  auto production = SettingsForServe(Settings{}, false);
  ASSERT_TRUE(production.ok());
  EXPECT_EQ(production->provider, Provider::kNone);
  Settings file;
  file.provider = Provider::kFile;
  EXPECT_FALSE(SettingsForServe(file, false).ok());
  EXPECT_FALSE(MakeSender(Settings{}).ok()) << "no provider, no sender";
}

TEST(Settings, BadValuesNameTheirKeys) {
  auto fields = [](const Settings& s) {
    std::vector<std::string> out;
    Status checked = CheckSettings(s);  // held: details() of a temporary would dangle
    for (const auto& d : checked.details()) out.push_back(d.field);
    return out;
  };
  Settings s = Http("");
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.url"});
  s.url = "ftp://sms.example.com/";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.url"});
  s.url = "https://user:pw@sms.example.com/";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.url"});
  s = Http("https://sms.example.com/send");
  EXPECT_TRUE(fields(s).empty());
  s.body_template = R"({"phone":"{phone}"})";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.body_template"}) << "no code, no text: nothing to read";
  s = Http("https://sms.example.com/send");
  s.auth_header = "Bad Header:";
  s.auth_value = "x";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.auth_header"});
  s.auth_header = "X-Api-Key";
  s.auth_value = "a\r\nInjected: 1";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.auth_value"});
  s.auth_value = "";
  EXPECT_EQ(fields(s), std::vector<std::string>{"sms.auth_value"});
  s = Http("https://sms.example.com/send");
  s.timeout_ms = 50;
  s.retries = 11;
  EXPECT_EQ(fields(s), (std::vector<std::string>{"sms.timeout_ms", "sms.retries"}));
}

}  // namespace
}  // namespace ss::sms
