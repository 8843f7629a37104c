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

}  // namespace
}  // namespace ss::cli
