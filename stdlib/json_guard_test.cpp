// from_json with a pushed filter (JsonReadSpec::guardField): which records are rejected, and
// that accepted ones read exactly as without the guard.
#include <gtest/gtest.h>

#include <string>

#include "stdlib/json_schema.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"

namespace sluice::stdlib {
namespace {

NestedType scalar(NestedKind k) {
  NestedType t;
  t.kind = k;
  return t;
}

class JsonGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    takeKernelError();
    spec_.type.kind = NestedKind::Struct;
    spec_.type.fieldNames = {"ad", "e", "t"};
    spec_.type.children = {scalar(NestedKind::String), scalar(NestedKind::String),
                           scalar(NestedKind::Long)};
    spec_.guardField = 1;
    spec_.guardValue = "view";
  }
  // The struct read, or nullptr; `rejected_` says whether the guard rejected it.
  const StructData* read(std::string_view text) {
    rejected_ = false;
    return static_cast<const StructData*>(readJson(spec_, text, arena_, &rejected_));
  }
  JsonReadSpec spec_;
  StringArena arena_;
  bool rejected_ = false;
};

TEST_F(JsonGuardTest, AcceptedRecordsReadEveryField) {
  const StructData* s = read(R"({"ad":"a1","e":"view","t":7,"x":[1]})");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(rejected_);
  EXPECT_EQ(s->fields[0].as<StringView>().view(), "a1");
  EXPECT_EQ(s->fields[1].as<StringView>().view(), "view");
  EXPECT_EQ(s->fields[2].as<int64_t>(), 7);
}

TEST_F(JsonGuardTest, RejectsOtherValuesMissingNullAndMalformed) {
  for (const char* text :
       {R"({"ad":"a1","e":"click","t":7})", R"({"ad":"a1","t":7})", R"({"e":null,"t":7})",
        R"({"e":"view","t":7)", R"({"e":"view"} x)", "null", "[1]", "", R"({"e":"views"})"}) {
    EXPECT_EQ(read(text), nullptr) << text;
    EXPECT_TRUE(rejected_) << text;
  }
  EXPECT_FALSE(takeKernelError()) << "PERMISSIVE: no error";
}

TEST_F(JsonGuardTest, TheLastDuplicateDecides) {
  // Rejected at the first "e", then a duplicate passes: the skipped field is read after all.
  const StructData* s = read(R"({"e":"click","t":3,"ad":"a2","e":"view"})");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(rejected_);
  EXPECT_EQ(s->fields[0].as<StringView>().view(), "a2");
  EXPECT_EQ(s->fields[2].as<int64_t>(), 3);
  EXPECT_EQ(read(R"({"e":"view","t":4,"e":"click"})"), nullptr);
  EXPECT_TRUE(rejected_);
}

TEST_F(JsonGuardTest, ComparesTheUnescapedValue) {
  const StructData* s = read(R"({"e":"vi\u0065w","t":6})");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(rejected_);
  EXPECT_EQ(s->fields[2].as<int64_t>(), 6);
}

TEST_F(JsonGuardTest, LenientRecordsGoThroughTheSlowPath) {
  spec_.parse.allowSingleQuotes = true;
  const StructData* s = read("{'e':'view','t':5}");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(rejected_);
  EXPECT_EQ(s->fields[2].as<int64_t>(), 5);
  EXPECT_EQ(read("{'e':'click','t':5}"), nullptr);
  EXPECT_TRUE(rejected_);
}

}  // namespace
}  // namespace sluice::stdlib
