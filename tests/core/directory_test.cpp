#include "core/directory.h"

#include <gtest/gtest.h>

#include <memory>

#include "demo.h"

namespace ss {
namespace {

using tests::DemoDocument;

// The demo campaign as the store would hand it over: candidates with ids.
std::unique_ptr<Directory> MakeDirectory(std::vector<Candidate> candidates) {
  auto doc = DemoDocument();
  auto tree = OrgTree::Build(doc.units);
  EXPECT_TRUE(tree.ok()) << tree.status().ToString();
  return std::make_unique<Directory>(doc.config, std::move(*tree), std::move(candidates));
}

std::vector<Candidate> StoredCandidates() {
  auto list = DemoDocument().candidates;
  for (auto& c : list) c.id = 5000 + c.no;
  return list;
}

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeDirectory(StoredCandidates()); }

  CandidateQuery Query(const std::map<std::string, std::string>& params) const {
    auto q = dir_->ParseQuery(params);
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? *q : CandidateQuery{};
  }

  std::vector<int> Nos(const Directory::Page& page) const {
    std::vector<int> out;
    for (const auto* e : page.items) out.push_back(e->candidate->no);
    return out;
  }

  std::unique_ptr<Directory> dir_;
};

TEST_F(DirectoryTest, AllActiveCandidatesOrderedByNo) {
  ASSERT_EQ(dir_->entries().size(), 103u);
  for (std::size_t i = 0; i < dir_->entries().size(); ++i)
    EXPECT_EQ(dir_->entries()[i].candidate->no, static_cast<int>(i + 1));
  auto page = dir_->Find(Query({}));
  EXPECT_EQ(page.total, 103);
  EXPECT_EQ(page.items.size(), 20u);  // the default page size
  EXPECT_EQ(page.items.front()->candidate->no, 1);
}

TEST_F(DirectoryTest, EntryCarriesUnitParentDistrictAndGroup) {
  const auto* e = dir_->ById(5097);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->candidate->name, "钟庆梅");
  EXPECT_EQ(e->unit->name, "新桥社区");
  ASSERT_NE(e->parent, nullptr);
  EXPECT_EQ(e->parent->name, "拉僧仲街道");
  EXPECT_EQ(e->district->name, "海南区");
  ASSERT_NE(e->group, nullptr);
  EXPECT_EQ(e->group->key, "village_community");

  const auto* town = dir_->ById(5001);  // 张立, 千里山镇: a town has no grassroots parent
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(town->parent, nullptr);
  EXPECT_EQ(town->district->name, "海勃湾区");
  EXPECT_EQ(dir_->ById(42), nullptr);
}

TEST_F(DirectoryTest, FilterByDistrict) {
  auto page = dir_->Find(Query({{"district", "150303"}, {"page_size", "100"}}));
  EXPECT_EQ(page.total, 17);
  ASSERT_EQ(page.items.size(), 17u);
  for (const auto* e : page.items) EXPECT_EQ(e->district->code, "150303");
}

TEST_F(DirectoryTest, FilterByGroup) {
  EXPECT_EQ(dir_->Find(Query({{"group", "town_street"}})).total, 20);
  EXPECT_EQ(dir_->Find(Query({{"group", "village_community"}})).total, 83);
  EXPECT_EQ(dir_->CountInGroup("town_street"), 20);
  EXPECT_EQ(dir_->CountInGroup("village_community"), 83);
}

TEST_F(DirectoryTest, FilterByLevel) {
  EXPECT_EQ(dir_->Find(Query({{"level", "town"}})).total, 5);
  EXPECT_EQ(dir_->Find(Query({{"level", "street"}})).total, 15);
  EXPECT_EQ(dir_->Find(Query({{"level", "village"}})).total, 13);
  EXPECT_EQ(dir_->Find(Query({{"level", "community"}})).total, 70);
}

TEST_F(DirectoryTest, FiltersCombine) {
  auto page = dir_->Find(Query({{"district", "150303"}, {"group", "town_street"}}));
  EXPECT_EQ(page.total, 5);
  page = dir_->Find(Query({{"district", "150303"}, {"level", "town"}}));
  EXPECT_EQ(page.total, 3);  // 拉僧庙镇, 公乌素镇, 巴音陶亥镇
}

TEST_F(DirectoryTest, FilterByUnitTakesEverythingUnderIt) {
  // 拉僧仲街道: its own secretary and those of its communities, 新桥社区 (97) among them.
  auto street = dir_->Find(Query({{"unit", "150303004"}, {"page_size", "100"}}));
  EXPECT_EQ(street.total, 5);
  bool has97 = false;
  for (const auto* e : street.items) {
    EXPECT_TRUE(e->unit->code == "150303004" || (e->parent && e->parent->code == "150303004")) << e->unit->name;
    has97 |= e->candidate->no == 97;
  }
  EXPECT_TRUE(has97);
  EXPECT_EQ(Nos(dir_->Find(Query({{"unit", "150303004001"}}))), std::vector<int>{97}) << "one community";
  EXPECT_EQ(dir_->Find(Query({{"unit", "150303"}})).total, 17) << "a district: as its district filter";
  EXPECT_EQ(dir_->Find(Query({{"unit", "150300"}})).total, 103) << "the city: everyone";
  EXPECT_EQ(dir_->Find(Query({{"unit", "150303004"}, {"district", "150301"}})).total, 0) << "filters combine";
  auto unknown = dir_->ParseQuery({{"unit", "999"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), code::kBadParam);
}

TEST_F(DirectoryTest, SearchByUnitName) {
  auto page = dir_->Find(Query({{"q", "新桥社区"}}));
  EXPECT_EQ(page.total, 1);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0]->candidate->name, "钟庆梅");
  EXPECT_EQ(page.items[0]->candidate->no, 97);
}

TEST_F(DirectoryTest, SearchByName) {
  EXPECT_EQ(Nos(dir_->Find(Query({{"q", "钟"}}))), (std::vector<int>{62, 97, 98}));
  EXPECT_EQ(Nos(dir_->Find(Query({{"q", "钟庆梅"}}))), (std::vector<int>{97}));
}

TEST_F(DirectoryTest, SearchWordsMustAllMatch) {
  EXPECT_EQ(Nos(dir_->Find(Query({{"q", "钟 新桥"}}))), (std::vector<int>{97}));
  EXPECT_EQ(Nos(dir_->Find(Query({{"q", "  张\t镇  "}}))), (std::vector<int>{1}));  // 张立, 千里山镇
  EXPECT_EQ(dir_->Find(Query({{"q", "钟 绿洲"}})).total, 0);
}

TEST_F(DirectoryTest, SearchByNo) {
  EXPECT_EQ(Nos(dir_->Find(Query({{"q", "97"}}))), (std::vector<int>{97}));
  EXPECT_EQ(dir_->Find(Query({{"q", "9"}})).total, 1);  // = 序号, not a substring of 97
}

TEST_F(DirectoryTest, SearchNameWithLatinLetters) {
  auto list = StoredCandidates();
  list[0].name = "Bater";  // a Mongolian name written in Latin letters
  auto dir = MakeDirectory(list);
  auto q = dir->ParseQuery({{"q", "Bater"}});
  ASSERT_TRUE(q.ok());
  auto page = dir->Find(*q);
  EXPECT_EQ(page.total, 1) << "searching the exact name \"Bater\" finds nothing";
}

TEST_F(DirectoryTest, Pagination) {
  auto page = dir_->Find(Query({{"group", "village_community"}, {"page", "2"}, {"page_size", "20"}}));
  EXPECT_EQ(page.total, 83);
  ASSERT_EQ(page.items.size(), 20u);
  EXPECT_EQ(Nos(page), (std::vector<int>{25, 26, 28, 29, 30, 31, 32, 33, 35, 36, 37, 38, 39, 40, 42,
                                         43, 44, 45, 46, 47}));
  auto last = dir_->Find(Query({{"group", "village_community"}, {"page", "5"}, {"page_size", "20"}}));
  EXPECT_EQ(last.total, 83);
  EXPECT_EQ(last.items.size(), 3u);
  auto beyond = dir_->Find(Query({{"group", "village_community"}, {"page", "9"}, {"page_size", "20"}}));
  EXPECT_EQ(beyond.total, 83);
  EXPECT_TRUE(beyond.items.empty());
}

TEST_F(DirectoryTest, InactiveCandidatesAreLeftOut) {
  auto list = StoredCandidates();
  list[96].active = false;  // 97 钟庆梅
  auto dir = MakeDirectory(list);
  EXPECT_EQ(dir->entries().size(), 102u);
  EXPECT_EQ(dir->ById(5097), nullptr);
  auto q = dir->ParseQuery({{"q", "新桥社区"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(dir->Find(*q).total, 0);
  EXPECT_EQ(dir->CountInGroup("village_community"), 82);
}

TEST_F(DirectoryTest, ParseQueryDefaultsAndValues) {
  auto q = Query({{"page", "3"}, {"page_size", "100"}, {"group", "town_street"}, {"district", "150301"},
                  {"level", "street"}, {"q", "街道"}});
  EXPECT_EQ(q.page, 3);
  EXPECT_EQ(q.page_size, 100);
  EXPECT_EQ(q.group, "town_street");
  EXPECT_EQ(q.district, "150301");
  EXPECT_EQ(q.level, "street");
  EXPECT_EQ(q.q, "街道");
  auto defaults = Query({{"page", ""}, {"page_size", ""}});
  EXPECT_EQ(defaults.page, 1);
  EXPECT_EQ(defaults.page_size, 20);
}

TEST_F(DirectoryTest, ParseQueryRejectsBadPages) {
  for (const char* page : {"-1", "0", "abc", "1.5", "2x"}) {
    auto q = dir_->ParseQuery({{"page", page}});
    ASSERT_FALSE(q.ok()) << "page=" << page;
    EXPECT_EQ(q.status().code(), code::kBadParam);
    EXPECT_NE(q.status().message().find("page"), std::string::npos) << q.status().message();
  }
}

TEST_F(DirectoryTest, ParseQueryRejectsBadPageSizes) {
  for (const char* size : {"0", "101", "-5", "twenty"}) {
    auto q = dir_->ParseQuery({{"page_size", size}});
    ASSERT_FALSE(q.ok()) << "page_size=" << size;
    EXPECT_EQ(q.status().code(), code::kBadParam);
    EXPECT_NE(q.status().message().find("page_size"), std::string::npos) << q.status().message();
  }
  EXPECT_TRUE(dir_->ParseQuery({{"page_size", "1"}}).ok());
}

TEST_F(DirectoryTest, ParseQueryRejectsUnknownGroupDistrictAndLevel) {
  auto group = dir_->ParseQuery({{"group", "county"}});
  ASSERT_FALSE(group.ok());
  EXPECT_EQ(group.status().code(), code::kBadParam);
  EXPECT_NE(group.status().message().find("county"), std::string::npos) << group.status().message();

  auto district = dir_->ParseQuery({{"district", "150399"}});
  ASSERT_FALSE(district.ok());
  EXPECT_EQ(district.status().code(), code::kBadParam);

  auto town = dir_->ParseQuery({{"district", "150303001"}});  // 拉僧庙镇 is a town, not a district
  ASSERT_FALSE(town.ok());
  EXPECT_EQ(town.status().code(), code::kBadParam);

  auto city = dir_->ParseQuery({{"district", "150300"}});
  EXPECT_FALSE(city.ok());

  auto level = dir_->ParseQuery({{"level", "district"}});
  ASSERT_FALSE(level.ok());
  EXPECT_EQ(level.status().code(), code::kBadParam);
  EXPECT_FALSE(dir_->ParseQuery({{"level", "province"}}).ok());
}

TEST_F(DirectoryTest, ParseQuerySearchTextLimit) {
  EXPECT_TRUE(dir_->ParseQuery({{"q", std::string(100, 'a')}}).ok());
  auto ascii = dir_->ParseQuery({{"q", std::string(101, 'a')}});
  ASSERT_FALSE(ascii.ok());
  EXPECT_EQ(ascii.status().code(), code::kBadParam);
  std::string chinese;
  for (int i = 0; i < 34; ++i) chinese += "社";  // 34 characters, 102 bytes
  auto wide = dir_->ParseQuery({{"q", chinese}});
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().code(), code::kBadParam);
}

TEST_F(DirectoryTest, CountByDistrict) {
  auto counts = dir_->CountByDistrict();
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[0].district->name, "海勃湾区");
  EXPECT_EQ(counts[0].candidates, 47);
  EXPECT_EQ(counts[1].district->name, "乌达区");
  EXPECT_EQ(counts[1].candidates, 39);
  EXPECT_EQ(counts[2].district->name, "海南区");
  EXPECT_EQ(counts[2].candidates, 17);
  EXPECT_EQ(counts[0].by_group, (std::map<std::string, int>{{"town_street", 7}, {"village_community", 40}}));
  EXPECT_EQ(counts[1].by_group, (std::map<std::string, int>{{"town_street", 8}, {"village_community", 31}}));
  EXPECT_EQ(counts[2].by_group, (std::map<std::string, int>{{"town_street", 5}, {"village_community", 12}}));
}

TEST_F(DirectoryTest, CountByDistrictListsDistrictsWithoutCandidates) {
  auto list = StoredCandidates();
  std::erase_if(list, [](const Candidate& c) { return c.unit.rfind("150303", 0) == 0; });
  auto dir = MakeDirectory(list);
  auto counts = dir->CountByDistrict();
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_EQ(counts[2].district->code, "150303");
  EXPECT_EQ(counts[2].candidates, 0);
  EXPECT_EQ(counts[2].by_group, (std::map<std::string, int>{{"town_street", 0}, {"village_community", 0}}));
}

}  // namespace
}  // namespace ss
