// A graceful stop under write load: every write that was answered 200 is in the database
// after the stop, nothing else is answered but a clean refusal, and the server exits 0.
#include <boost/json.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "harness.h"
#include "store/store.h"

namespace ss::testing {
namespace {

TEST(Shutdown, StopUnderWriteLoadLosesNoAcknowledgedWrite) {
  TempDir dir;
  Server server(dir.path);
  auto accounts = server.Accounts();
  Staff admin(server, "admin", accounts["admin"]);
  ASSERT_TRUE(admin.ok()) << admin.login().body;
  auto list = admin.Get("/api/v1/campaigns/1/admin/candidates?page_size=20");
  ASSERT_EQ(list.status, 200) << list.body;
  std::vector<std::int64_t> ids;
  const boost::json::value listed = list.Json();
  for (const auto& item : listed.at("items").as_array()) ids.push_back(item.at("id").as_int64());
  ASSERT_GE(ids.size(), 6u);

  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::string> unexpected;
  std::atomic<int> answered{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 6; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string title = "停机测试-" + std::to_string(t) + "-" + std::to_string(i);
        Response r;
        try {
          r = admin.Patch("/api/v1/campaigns/1/candidates/" + std::to_string(ids[static_cast<std::size_t>(t)]),
                          boost::json::object{{"title", title}, {"reason", "停机测试的更正原因"}});
        } catch (const std::exception&) {
          return;  // the server stopped accepting or closed the connection: never answered
        }
        std::lock_guard lock(mu);
        if (r.status == 200) {
          acknowledged.insert(title);
          ++answered;
        } else if (r.status != 503) {
          unexpected.push_back(std::to_string(r.status) + " " + r.body);
          return;
        } else {
          return;
        }
      }
    });
  }
  // Stop once writes are flowing.
  for (int i = 0; i < 2000 && answered.load() < 30; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_GE(answered.load(), 30);
  EXPECT_EQ(server.Stop(), 0);
  for (auto& w : writers) w.join();
  EXPECT_TRUE(unexpected.empty()) << unexpected.front();

  auto store = store::OpenStore(server.db());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto all = (*store)->audit().All();
  ASSERT_TRUE(all.ok());
  std::set<std::string> stored;
  for (const auto& e : *all) {
    if (e.action != "candidate.update") continue;
    auto after = boost::json::parse(e.after).as_object();
    stored.insert(std::string(after.at("title").as_string()));
  }
  int missing = 0;
  for (const auto& title : acknowledged) missing += !stored.count(title);
  EXPECT_EQ(missing, 0) << "of " << acknowledged.size() << " acknowledged writes";
  // The audit chain is whole after the stop.
  for (std::size_t i = 1; i < all->size(); ++i) ASSERT_EQ((*all)[i].prev_hash, (*all)[i - 1].hash);
}

}  // namespace
}  // namespace ss::testing
