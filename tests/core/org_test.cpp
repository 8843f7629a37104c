#include "core/org.h"

#include <gtest/gtest.h>

#include <set>

#include "demo.h"

namespace ss {
namespace {

using tests::DemoDocument;
using tests::HasField;

// A minimal valid tree: city, one district, one town with a village, one street with a community.
std::vector<OrgUnit> SmallTree() {
  return {
      {"150300", "乌海市", Level::kCity, ""},
      {"150303", "海南区", Level::kDistrict, "150300"},
      {"150303001", "拉僧庙镇", Level::kTown, "150303"},
      {"150303001001", "某村", Level::kVillage, "150303001"},
      {"150303004", "拉僧仲街道", Level::kStreet, "150303"},
      {"150303004001", "新桥社区", Level::kCommunity, "150303004"},
  };
}

TEST(LevelTest, KeysAndNames) {
  EXPECT_EQ(LevelKey(Level::kCommunity), "community");
  EXPECT_EQ(LevelName(Level::kStreet), "街道");
  EXPECT_EQ(LevelFromKey("town"), Level::kTown);
  EXPECT_FALSE(LevelFromKey("province").has_value());
  EXPECT_TRUE(IsGrassrootsLevel(Level::kVillage));
  EXPECT_TRUE(IsGrassrootsLevel(Level::kTown));
  EXPECT_FALSE(IsGrassrootsLevel(Level::kDistrict));
  EXPECT_FALSE(IsGrassrootsLevel(Level::kCity));
}

TEST(OrgTreeTest, BuildsTheWuhaiTree) {
  auto tree = OrgTree::Build(DemoDocument().units);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(tree->size(), 107u);
  ASSERT_NE(tree->Root(), nullptr);
  EXPECT_EQ(tree->Root()->name, "乌海市");
  std::vector<std::string> districts;
  for (std::size_t i : tree->ChildIndexes(*tree->Root())) districts.push_back(tree->units()[i].name);
  EXPECT_EQ(districts, (std::vector<std::string>{"海勃湾区", "乌达区", "海南区"}));
}

TEST(OrgTreeTest, ParentAndDistrictLookups) {
  auto tree = OrgTree::Build(DemoDocument().units);
  ASSERT_TRUE(tree.ok());
  const OrgUnit* xinqiao = tree->Find("150303004001");
  ASSERT_NE(xinqiao, nullptr);
  EXPECT_EQ(xinqiao->name, "新桥社区");
  EXPECT_EQ(xinqiao->level, Level::kCommunity);
  ASSERT_NE(tree->Parent(*xinqiao), nullptr);
  EXPECT_EQ(tree->Parent(*xinqiao)->name, "拉僧仲街道");
  ASSERT_NE(tree->District(*xinqiao), nullptr);
  EXPECT_EQ(tree->District(*xinqiao)->code, "150303");

  const OrgUnit* town = tree->Find("150301001");
  ASSERT_NE(town, nullptr);
  EXPECT_EQ(tree->District(*town)->name, "海勃湾区");

  const OrgUnit* district = tree->Find("150302");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(tree->District(*district), district);  // a district is its own district

  EXPECT_EQ(tree->District(*tree->Root()), nullptr);
  EXPECT_EQ(tree->Parent(*tree->Root()), nullptr);
  EXPECT_EQ(tree->Find("999999"), nullptr);
}

TEST(OrgTreeTest, ChildrenInTheOrderGiven) {
  auto tree = OrgTree::Build(SmallTree());
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  const OrgUnit* district = tree->Find("150303");
  std::vector<std::string> children;
  for (std::size_t i : tree->ChildIndexes(*district)) children.push_back(tree->units()[i].code);
  EXPECT_EQ(children, (std::vector<std::string>{"150303001", "150303004"}));
}

TEST(OrgTreeTest, DuplicateCode) {
  auto units = SmallTree();
  units.push_back({"150303001001", "另一个村", Level::kVillage, "150303001"});
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), code::kInvalid);
  EXPECT_TRUE(HasField(tree.status(), "org_units[6].code")) << tree.status().ToString();
}

TEST(OrgTreeTest, MalformedCode) {
  auto units = SmallTree();
  units[3].code = "150303 001";
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units[3].code")) << tree.status().ToString();
}

TEST(OrgTreeTest, MissingParent) {
  auto units = SmallTree();
  units[3].parent = "150303009";
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), code::kInvalid);
  EXPECT_TRUE(HasField(tree.status(), "org_units[3].parent")) << tree.status().ToString();
}

TEST(OrgTreeTest, EmptyParentOfANonCityUnit) {
  auto units = SmallTree();
  units[2].parent = "";
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units[2].parent")) << tree.status().ToString();
}

TEST(OrgTreeTest, WrongParentLevel) {
  {
    auto units = SmallTree();
    units[3].parent = "150303";  // a village directly under a district
    auto tree = OrgTree::Build(units);
    ASSERT_FALSE(tree.ok());
    EXPECT_TRUE(HasField(tree.status(), "org_units[3].parent")) << tree.status().ToString();
  }
  {
    auto units = SmallTree();
    units[2].parent = "150300";  // a town directly under the city
    auto tree = OrgTree::Build(units);
    ASSERT_FALSE(tree.ok());
    EXPECT_TRUE(HasField(tree.status(), "org_units[2].parent")) << tree.status().ToString();
  }
  {
    auto units = SmallTree();
    units[5].parent = "150303001001";  // a community under a village
    auto tree = OrgTree::Build(units);
    ASSERT_FALSE(tree.ok());
    EXPECT_TRUE(HasField(tree.status(), "org_units[5].parent")) << tree.status().ToString();
  }
}

TEST(OrgTreeTest, TwoCities) {
  auto units = SmallTree();
  units.push_back({"150200", "包头市", Level::kCity, ""});
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units")) << tree.status().ToString();
}

TEST(OrgTreeTest, NoCity) {
  auto units = SmallTree();
  units.erase(units.begin());
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units")) << tree.status().ToString();
}

TEST(OrgTreeTest, CityWithAParent) {
  auto units = SmallTree();
  units[0].parent = "150303";
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units[0].parent")) << tree.status().ToString();
}

TEST(OrgTreeTest, EmptyName) {
  auto units = SmallTree();
  units[4].name = "";
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_TRUE(HasField(tree.status(), "org_units[4].name")) << tree.status().ToString();
}

TEST(OrgTreeTest, ReportsEveryProblemAtOnce) {
  auto units = SmallTree();
  units[1].name = "";
  units[3].parent = "nowhere";
  units.push_back({"150303004", "重复街道", Level::kStreet, "150303"});
  auto tree = OrgTree::Build(units);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().details().size(), 3u) << tree.status().ToString();
  EXPECT_TRUE(HasField(tree.status(), "org_units[1].name"));
  EXPECT_TRUE(HasField(tree.status(), "org_units[3].parent"));
  EXPECT_TRUE(HasField(tree.status(), "org_units[6].code"));
}

}  // namespace
}  // namespace ss
