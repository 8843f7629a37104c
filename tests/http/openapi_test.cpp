// Every route the server registers is in docs/openapi.yaml, and every documented route is
// registered: the document is the contract, so it may not drift from the code.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "api/catalog.h"
#include "api/log.h"
#include "api/media.h"
#include "api/routes.h"
#include "api/voting.h"
#include "store/store.h"

namespace ss {
namespace {

// "GET /api/v1/campaigns/{id}" for each operation under `paths:`.
std::set<std::string> DocumentedRoutes() {
  std::ifstream in(std::string(SS_SOURCE_DIR) + "/docs/openapi.yaml");
  std::set<std::string> out;
  std::string line, path;
  bool in_paths = false;
  std::regex path_re(R"(^  (/[^:]*):\s*$)");
  std::regex method_re(R"(^    (get|post|put|patch|delete|head|options):\s*$)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ') in_paths = false;
    if (!in_paths) continue;
    if (std::regex_match(line, m, path_re)) path = m[1];
    else if (std::regex_match(line, m, method_re)) {
      std::string method = m[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}

std::set<std::string> RegisteredRoutes() {
  auto dir = std::filesystem::temp_directory_path() / "shuangshai-openapi-test.db";
  std::filesystem::remove(dir);
  auto store = store::OpenStore(dir.string());
  EXPECT_TRUE(store.ok());
  api::Catalog catalog(**store);
  boost::asio::thread_pool cpu(1);
  api::Services services{**store, catalog, {}, cpu, cpu};
  api::VotingServices voting(**store);
  services.voting = &voting;
  api::LogTrees log(**store, *integrity::SigningKey::FromSeed(std::string(32, '\x01')));
  services.log = &log;
  api::MediaServices media(media::UploadFiles(std::filesystem::temp_directory_path() / "shuangshai-openapi-uploads"));
  services.media = &media;
  http::Router router;
  api::RegisterRoutes(router, services);
  std::set<std::string> out;
  for (const auto& r : router.routes()) out.insert(std::string(http::bhttp::to_string(r.method)) + " " + r.pattern);
  return out;
}

TEST(OpenApi, DocumentMatchesTheRegisteredRoutes) {
  auto documented = DocumentedRoutes();
  auto registered = RegisteredRoutes();
  ASSERT_GE(registered.size(), 6u);
  for (const auto& r : registered) EXPECT_TRUE(documented.count(r)) << r << " is registered but not in docs/openapi.yaml";
  for (const auto& d : documented) EXPECT_TRUE(registered.count(d)) << d << " is documented but not registered";
}

}  // namespace
}  // namespace ss
