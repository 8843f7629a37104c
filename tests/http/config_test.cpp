#include "cli/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace ss::cli {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string WriteToml(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("shuangshai-config-" + std::to_string(std::hash<std::string>{}(text)) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

ConfigFlags WithFile(const std::string& file) {
  ConfigFlags f;
  f.config_file = file;
  return f;
}

std::string FirstField(const Status& s) { return s.details().empty() ? "" : s.details()[0].field; }

TEST(Config, DefaultsAreUsable) {
  auto c = LoadConfig({}, Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
}

TEST(Config, FileThenEnvironmentThenFlags) {
  std::string file = WriteToml("[server]\nport = 9000\nthreads = 3\n[database]\npath = \"/tmp/from-file.db\"\n");
  auto from_file = LoadConfig(WithFile(file), Env({}));
  ASSERT_TRUE(from_file.ok());
  EXPECT_EQ(from_file->port, 9000);
  EXPECT_EQ(from_file->threads, 3);
  EXPECT_EQ(from_file->db, "/tmp/from-file.db");

  auto from_env = LoadConfig(WithFile(file), Env({{"SHUANGSHAI_PORT", "9100"}, {"SHUANGSHAI_DB", "/tmp/env.db"}}));
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->port, 9100);
  EXPECT_EQ(from_env->db, "/tmp/env.db");
  EXPECT_EQ(from_env->threads, 3);

  ConfigFlags flags = WithFile(file);
  flags.port = 9200;
  auto from_flags = LoadConfig(flags, Env({{"SHUANGSHAI_PORT", "9100"}}));
  ASSERT_TRUE(from_flags.ok());
  EXPECT_EQ(from_flags->port, 9200);

  auto env_file = LoadConfig({}, Env({{"SHUANGSHAI_CONFIG", file}}));
  ASSERT_TRUE(env_file.ok());
  EXPECT_EQ(env_file->port, 9000);
}

TEST(Config, EveryProblemNamesItsKey) {
  ConfigFlags port;
  port.port = 70000;
  EXPECT_EQ(FirstField(LoadConfig(port, Env({})).status()), "server.port");
  ConfigFlags threads;
  threads.threads = 0;
  EXPECT_EQ(FirstField(LoadConfig(threads, Env({})).status()), "server.threads");
  EXPECT_EQ(FirstField(LoadConfig({}, Env({{"SHUANGSHAI_THREADS", "many"}})).status()), "server.threads");
  EXPECT_EQ(FirstField(LoadConfig({}, Env({{"SHUANGSHAI_LOG_LEVEL", "verbose"}})).status()), "log.level");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[server]\nport = true\n")), Env({})).status()), "server.port");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[sever]\nport = 1\n")), Env({})).status()), "sever");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[server]\nprot = 1\n")), Env({})).status()), "server.prot");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[server]\nidle_timeout_seconds = 0\n")), Env({})).status()),
            "server.idle_timeout_seconds");
  auto missing = LoadConfig(WithFile("/no/such/file.toml"), Env({}));
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(FirstField(missing.status()).find("/no/such/file.toml"), std::string::npos);
}

TEST(Config, TrustedProxiesAreAddressesOrNetworksAndReplaceTheOldBoolean) {
  auto ok = LoadConfig(WithFile(WriteToml("[http]\ntrusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\", \"::1\"]\n")), Env({}));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "10.0.0.0/8", "::1"}));
  EXPECT_TRUE(LoadConfig({}, Env({}))->trusted_proxies.empty()) << "no proxy is trusted by default";
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[http]\ntrusted_proxies = [\"127.0.0.1\", \"nginx\"]\n")), Env({})).status()),
            "http.trusted_proxies[1]");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[http]\ntrusted_proxies = \"127.0.0.1\"\n")), Env({})).status()),
            "http.trusted_proxies");
  auto old = LoadConfig(WithFile(WriteToml("[auth]\ntrust_proxy = true\n")), Env({}));
  EXPECT_EQ(FirstField(old.status()), "auth.trust_proxy");
  EXPECT_NE(old.status().ToString().find("trusted_proxies"), std::string::npos) << old.status().ToString();
}

TEST(Config, SmsSectionIsReadAndChecked) {
  EXPECT_EQ(LoadConfig({}, Env({}))->sms.provider, sms::Provider::kNone) << "no provider unless [sms] names one";
  EXPECT_EQ(LoadConfig({}, Env({{"SHUANGSHAI_DB", "/tmp/x/ss.db"}}))->sms.file, "/tmp/x/sms.txt") << "beside the database";
  auto http = LoadConfig(WithFile(WriteToml("[sms]\nprovider = \"http\"\nurl = \"https://sms.example.com/v1/send\"\n"
                                            "body_template = '{\"to\":\"{phone}\",\"msg\":\"{text}\"}'\n"
                                            "content_type = \"application/json; charset=utf-8\"\n"
                                            "auth_header = \"Authorization\"\nauth_value = \"Bearer from-file\"\n"
                                            "timeout_ms = 3000\nretries = 1\n")),
                         Env({}));
  ASSERT_TRUE(http.ok()) << http.status().ToString();
  EXPECT_EQ(http->sms.provider, sms::Provider::kHttp);
  EXPECT_EQ(http->sms.url, "https://sms.example.com/v1/send");
  EXPECT_EQ(http->sms.body_template, R"({"to":"{phone}","msg":"{text}"})");
  EXPECT_EQ(http->sms.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(http->sms.auth_header, "Authorization");
  EXPECT_EQ(http->sms.auth_value, "Bearer from-file");
  EXPECT_EQ(http->sms.timeout_ms, 3000);
  EXPECT_EQ(http->sms.retries, 1);

  auto file = LoadConfig(WithFile(WriteToml("[sms]\nprovider = \"file\"\nfile = \"/tmp/codes.txt\"\n")), Env({}));
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->sms.provider, sms::Provider::kFile);
  EXPECT_EQ(file->sms.file, "/tmp/codes.txt");
}

TEST(Config, RateLimitsHaveDefaultsAndEachKeyIsChecked) {
  auto d = LoadConfig(ConfigFlags{}, Env({}));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->limits_enabled);
  EXPECT_EQ(d->identity_limit.burst, 10);
  EXPECT_EQ(d->ip_limit.per_minute, 1200);
  auto c = LoadConfig(WithFile(WriteToml("[limits]\nenabled = false\nsubnet_burst = 50\nsubnet_per_minute = 5\n")), Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->limits_enabled);
  EXPECT_EQ(c->subnet_limit.burst, 50);
  EXPECT_EQ(c->subnet_limit.per_minute, 5);
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[limits]\ndevice_per_minute = 0\n")), Env({})).status()), "limits.device_per_minute");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[limits]\nip_burst = \"many\"\n")), Env({})).status()), "limits.ip_burst");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[limits]\nper_hour = 3\n")), Env({})).status()), "limits.per_hour");
}

TEST(Config, MediaSettingsAreReadAndChecked) {
  auto c = LoadConfig(WithFile(WriteToml("[media]\ndir = \"/srv/media\"\nmax_video_mb = 512\ntranscode_jobs = 2\n")), Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->media_dir, "/srv/media");
  EXPECT_EQ(c->max_video_mb, 512);
  EXPECT_EQ(c->transcode_jobs, 2);
  EXPECT_EQ(c->upload_expiry_seconds, 86400);
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[media]\nmax_video_mb = 0\n")), Env({})).status()), "media.max_video_mb");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[media]\ntranscode_jobs = 99\n")), Env({})).status()), "media.transcode_jobs");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(WriteToml("[media]\nffmpeg = \"x\"\n")), Env({})).status()), "media.ffmpeg");
  // Unset, it lies beside the database.
  auto d = LoadConfig(WithFile(WriteToml("[database]\npath = \"/data/ss.db\"\n")), Env({}));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->media_dir, "/data/media");
}

TEST(Config, TheExampleFileLoads) {
  auto c = LoadConfig(WithFile(SS_SOURCE_DIR "/docs/shuangshai.example.toml"), Env({}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 8080);
  // And its [sms] example, uncommented, is a working gateway set-up.
  std::ifstream in(SS_SOURCE_DIR "/docs/shuangshai.example.toml");
  std::string text, line;
  bool in_sms = false;
  while (std::getline(in, line)) {
    if (line.starts_with("[")) in_sms = line == "[sms]";
    if (in_sms && line.starts_with("# ") && line.find(" = ") != std::string::npos && !line.starts_with("# provider = \"file\"") &&
        !line.starts_with("# file ="))
      line = line.substr(2);
    text += line + "\n";
  }
  auto sms = LoadConfig(WithFile(WriteToml(text)), Env({{"SHUANGSHAI_SMS_AUTH_VALUE", "Bearer x"}}));
  ASSERT_TRUE(sms.ok()) << sms.status().ToString() << "\n" << text;
  EXPECT_EQ(sms->sms.provider, sms::Provider::kHttp);
  EXPECT_EQ(sms->sms.auth_value, "Bearer x") << "the environment wins over the file";
}

TEST(Config, SmsSecretMayComeFromTheEnvironment) {
  std::string toml = WriteToml("[sms]\nprovider = \"http\"\nurl = \"http://127.0.0.1:9/send\"\nauth_header = \"X-Api-Key\"\n");
  EXPECT_EQ(FirstField(LoadConfig(WithFile(toml), Env({})).status()), "sms.auth_value") << "a header without its value";
  auto c = LoadConfig(WithFile(toml), Env({{"SHUANGSHAI_SMS_AUTH_VALUE", "from-env"}}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->sms.auth_value, "from-env");
}

TEST(Config, SmsProblemsNameTheirKeys) {
  auto field = [](const std::string& toml) { return FirstField(LoadConfig(WithFile(WriteToml(toml)), Env({})).status()); };
  EXPECT_EQ(field("[sms]\nprovider = \"aliyun\"\n"), "sms.provider");
  EXPECT_EQ(field("[sms]\nprovider = 1\n"), "sms.provider");
  EXPECT_EQ(field("[sms]\nprovider = \"http\"\n"), "sms.url") << "http needs a gateway";
  EXPECT_EQ(field("[sms]\nprovider = \"http\"\nurl = \"sms.example.com/send\"\n"), "sms.url");
  EXPECT_EQ(field("[sms]\nprovider = \"http\"\nurl = \"http://sms.example.com/\"\nbody_template = \"{phone}\"\n"),
            "sms.body_template");
  EXPECT_EQ(field("[sms]\nprovider = \"http\"\nurl = \"http://sms.example.com/\"\ntimeout_ms = 0\n"), "sms.timeout_ms");
  EXPECT_EQ(field("[sms]\ntimeout_ms = \"5s\"\n"), "sms.timeout_ms");
  EXPECT_EQ(field("[sms]\nretries = -1\n"), "sms.retries");
  EXPECT_EQ(field("[sms]\nprovider = \"file\"\nfile = \"\"\n"), "sms.file");
  EXPECT_EQ(field("[sms]\nprovder = \"http\"\n"), "sms.provder");
  auto bad = LoadConfig(WithFile(WriteToml("[sms]\nprovider = \"aliyun\"\n")), Env({}));
  EXPECT_NE(bad.status().ToString().find("\"http\""), std::string::npos) << bad.status().ToString();
}

}  // namespace
}  // namespace ss::cli
