#include "planner/type_storage.h"

#include <gtest/gtest.h>

#include "stdlib/abi_types.h"

namespace sluice {
namespace {

TEST(TypeStorage, ScalarTypes) {
  EXPECT_EQ(storageOf(*DataType::boolean()), Storage::Bool);
  EXPECT_EQ(storageOf(*DataType::null()), Storage::Bool);
  EXPECT_EQ(storageOf(*DataType::integer()), Storage::I32);
  EXPECT_EQ(storageOf(*DataType::date()), Storage::I32);
  EXPECT_EQ(storageOf(*DataType::bigint()), Storage::I64);
  EXPECT_EQ(storageOf(*DataType::timestamp()), Storage::I64);
  EXPECT_EQ(storageOf(*DataType::doubleType()), Storage::F64);
  EXPECT_EQ(storageOf(*DataType::string()), Storage::View);
}

TEST(TypeStorage, DecimalsUpToEighteenDigitsAreLongs) {
  EXPECT_EQ(storageOf(*DataType::decimal(18, 2)), Storage::I64);
  EXPECT_EQ(storageOf(*DataType::decimal(19, 2)), Storage::I128);
  EXPECT_EQ(storageSize(*DataType::decimal(10, 2)), 8u);
  EXPECT_EQ(storageSize(*DataType::decimal(30, 2)), 16u);
}

TEST(TypeStorage, SizesMatchTheCTypes) {
  EXPECT_EQ(storageSize(Storage::Bool), sizeof(uint8_t));
  EXPECT_EQ(storageSize(Storage::I16), sizeof(int16_t));
  EXPECT_EQ(storageSize(Storage::F32), sizeof(float));
  EXPECT_EQ(storageSize(Storage::I128), sizeof(__int128));
  EXPECT_EQ(storageSize(Storage::View), sizeof(StringView));
  EXPECT_EQ(storageSize(*DataType::arrayOf(DataType::integer())), sizeof(void*));
}

}  // namespace
}  // namespace sluice
