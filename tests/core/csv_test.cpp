#include "core/csv.h"

#include <gtest/gtest.h>

#include "demo.h"

namespace ss {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> MustParse(std::string_view text) {
  auto r = ParseCsv(text);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<CsvRecord>{};
}

TEST(CsvTest, PlainFieldsWithLf) {
  auto recs = MustParse("序号,姓名\n1,张立\n2,范杰\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fields, (Fields{"序号", "姓名"}));
  EXPECT_EQ(recs[1].fields, (Fields{"1", "张立"}));
  EXPECT_EQ(recs[2].fields, (Fields{"2", "范杰"}));
  EXPECT_EQ(recs[2].line, 3);
}

TEST(CsvTest, CrlfLineEndsAreNotPartOfFields) {
  auto recs = MustParse("a,b\r\nc,d\r\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "b"}));
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(recs[1].line, 2);
}

TEST(CsvTest, LastRecordWithoutLineEnd) {
  auto recs = MustParse("a,b\r\nc,d");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
}

TEST(CsvTest, EmptyFieldsAreKept) {
  auto recs = MustParse("a,,c,\n");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{"a", "", "c", ""}));
}

TEST(CsvTest, QuotedFieldsWithCommasAndEscapedQuotes) {
  auto recs = MustParse(R"(1,"镇党委书记,兼镇长","他说""好""",""
)");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].fields, (Fields{"1", "镇党委书记,兼镇长", "他说\"好\"", ""}));
}

TEST(CsvTest, MultiLineQuotedFieldKeepsItsStartLine) {
  auto recs = MustParse("h1,h2\r\n1,\"第一行\r\n第二行\r\n第三行\"\r\n2,x\r\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[1].fields, (Fields{"1", "第一行\r\n第二行\r\n第三行"}));
  EXPECT_EQ(recs[2].line, 5);  // after a record spanning lines 2–4
  EXPECT_EQ(recs[2].fields, (Fields{"2", "x"}));
}

TEST(CsvTest, ByteOrderMarkIsSkipped) {
  auto recs = MustParse("\xEF\xBB\xBF序号,姓名\r\n1,张立\r\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].fields[0], "序号");
  EXPECT_EQ(recs[0].line, 1);
}

TEST(CsvTest, BlankLinesAreSkippedButCountForLineNumbers) {
  auto recs = MustParse("a,b\n\n\r\nc,d\n\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].fields, (Fields{"c", "d"}));
  EXPECT_EQ(recs[1].line, 4);
}

TEST(CsvTest, AQuotedEmptyFieldIsNotABlankLine) {
  auto recs = MustParse("a\n\"\"\nb\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[1].fields, (Fields{""}));
}

TEST(CsvTest, EmptyText) {
  EXPECT_TRUE(MustParse("").empty());
  EXPECT_TRUE(MustParse("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(MustParse("\r\n\n").empty());
}

TEST(CsvTest, UnterminatedQuoteNamesTheLineItStarts) {
  auto r = ParseCsv("a,b\n1,2\n3,\"没有结束\n4,5\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code::kInvalid);
  ASSERT_EQ(r.status().details().size(), 1u);
  EXPECT_EQ(r.status().details()[0].line, 3);
}

TEST(CsvTest, StrayQuoteInsideAnUnquotedField) {
  auto r = ParseCsv("a,b\n1,张\"立\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code::kInvalid);
  ASSERT_EQ(r.status().details().size(), 1u);
  EXPECT_EQ(r.status().details()[0].line, 2);
}

TEST(CsvTest, TextAfterAClosingQuote) {
  auto r = ParseCsv("a,b\n\n1,\"张\"立\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code::kInvalid);
  ASSERT_EQ(r.status().details().size(), 1u);
  EXPECT_EQ(r.status().details()[0].line, 3);
}

TEST(CsvTest, GbkTextIsRejectedWithAUtf8Hint) {
  // "序号" in GBK, as an older Excel saves a CSV.
  auto r = ParseCsv("\xD0\xF2\xBA\xC5,\xD0\xD5\xC3\xFB\r\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code::kInvalid);
  EXPECT_NE(r.status().message().find("UTF-8"), std::string::npos) << r.status().message();
}

TEST(Utf8Test, ValidAndInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("乌海市"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));      // U+1F600, four bytes
  EXPECT_FALSE(IsValidUtf8("\xE4\xB9"));             // truncated 乌
  EXPECT_FALSE(IsValidUtf8("abc\xE4"));              // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));             // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));         // a surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));     // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));                 // a lone continuation byte
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(CsvTest, DemoRosterFile) {
  auto recs = MustParse(tests::DemoRosterCsvText());
  ASSERT_EQ(recs.size(), 104u);  // header and 103 candidates
  EXPECT_EQ(recs[0].fields.size(), 9u);
  EXPECT_EQ(recs[0].fields[0], "编号");
  EXPECT_EQ(recs[103].line, 104);
  EXPECT_EQ(recs[103].fields[0], "103");
}

}  // namespace
}  // namespace ss
