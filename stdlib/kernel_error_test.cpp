#include "stdlib/kernel_error.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(QuoteBytesForError, KeepsTextEscapesControlAndInvalidBytes) {
  EXPECT_EQ(quoteBytesForError("plain {\"a\":1}"), "plain {\"a\":1}");
  EXPECT_EQ(quoteBytesForError("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");  // valid UTF-8 stays
  EXPECT_EQ(quoteBytesForError(std::string("a\0b\n\x7f", 5)), "a\\x00b\\x0a\\x7f");
  EXPECT_EQ(quoteBytesForError("\xff\xc3(\xe2\x82"), "\\xff\\xc3(\\xe2\\x82");  // broken
  EXPECT_EQ(quoteBytesForError("\xc0\xaf\xed\xa0\x80"),
            "\\xc0\\xaf\\xed\\xa0\\x80");  // overlong, surrogate
}

TEST(QuoteBytesForError, CutsLongTextWithItsLength) {
  EXPECT_EQ(quoteBytesForError(std::string(10, 'x'), 10), std::string(10, 'x'));
  EXPECT_EQ(quoteBytesForError(std::string(11, 'x'), 10), std::string(10, 'x') + "... (11 bytes)");
  // A character is never split at the cut.
  EXPECT_EQ(quoteBytesForError("abc\xe2\x82\xac", 4), "abc... (6 bytes)");
  EXPECT_EQ(quoteBytesForError(std::string(300, 'y')).size(), 200u + 15u);
}

TEST(KernelError, SubjectTravelsWithTheFirstError) {
  takeKernelError();
  const char text[] = "bad";
  raiseKernelErrorAbout("first", text);
  raiseKernelErrorAbout("second", text + 1);
  EXPECT_EQ(kernelErrorSubject(), text);
  EXPECT_EQ(takeKernelError().value_or(""), "first");
  EXPECT_EQ(kernelErrorSubject(), nullptr);
  raiseKernelError("plain");
  EXPECT_EQ(kernelErrorSubject(), nullptr);
  takeKernelError();
}

}  // namespace
}  // namespace sluice
