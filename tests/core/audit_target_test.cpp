#include <gtest/gtest.h>

#include "core/audit.h"

namespace ss {
namespace {

TEST(AuditTargetTest, ParsesTheShapesTheServerWrites) {
  AuditTarget c = ParseAuditTarget("campaign:1/candidate:97");
  EXPECT_EQ(c.campaign, 1);
  EXPECT_EQ(c.kind, "candidate");
  EXPECT_EQ(c.key, "97");
  AuditTarget u = ParseAuditTarget("campaign:2/org_unit:150303001");
  EXPECT_EQ(u.campaign, 2);
  EXPECT_EQ(u.kind, "org_unit");
  EXPECT_EQ(u.key, "150303001");
  AuditTarget whole = ParseAuditTarget("campaign:3");
  EXPECT_EQ(whole.campaign, 3);
  EXPECT_EQ(whole.kind, "campaign");
  AuditTarget user = ParseAuditTarget("user:5");
  EXPECT_EQ(user.campaign, 0);
  EXPECT_EQ(user.kind, "user");
  EXPECT_EQ(user.key, "5");
  for (const char* odd : {"", "campaign:x/candidate:1", "nothing", "campaign:1/candidate:", ":5"}) {
    AuditTarget t = ParseAuditTarget(odd);
    EXPECT_EQ(t.kind, "") << odd;
    EXPECT_EQ(t.key, odd);
  }
}

TEST(AuditTargetTest, InWords) {
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1/candidate:97"), "钟庆梅"), "参评书记 编号 97 钟庆梅");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1/candidate:97"), ""), "参评书记 编号 97");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1/candidate:5"), "王五", "104"), "参评书记 编号 104 王五")
      << "the roster's number, not the id";
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1/org_unit:150303001"), "新桥社区"), "组织单位 150303001 新桥社区");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1"), "乌海市双晒"), "活动 乌海市双晒");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("user:5"), "hainan"), "用户 hainan");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("user:5"), ""), "用户 编号 5");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("campaign:1/ballot-batch:3"), ""), "投票码批次 编号 3");
  EXPECT_EQ(AuditTargetText(ParseAuditTarget("odd"), "x"), "odd");
}

}  // namespace
}  // namespace ss
