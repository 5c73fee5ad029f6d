#include "stdlib/sequence_temporal.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

int64_t day(int y, int m, int d) {
  return daysFromCivil(y, m, d);
}

TEST(SequenceTemporal, MonthStepsAreFromTheStartOnTheCalendar) {
  SequenceStep month;
  month.months = 1;
  const auto xs = temporalSequence(day(2020, 1, 31), day(2020, 4, 30), month, true, Zone::utc());
  ASSERT_EQ(xs.size(), 4u);
  EXPECT_EQ(xs[1], day(2020, 2, 29));
  EXPECT_EQ(xs[2], day(2020, 3, 31));
  EXPECT_EQ(xs[3], day(2020, 4, 30));
}

TEST(SequenceTemporal, DayTimeStepsOverDatesSplitIntoDays) {
  SequenceStep step;
  step.kind = SequenceStepKind::DayTime;
  step.micros = kMicrosPerDay * 3 / 2;  // 1.5 days: Jan 1, Jan 2 (noon), Jan 4
  const auto xs = temporalSequence(day(2021, 1, 1), day(2021, 1, 5), step, true, Zone::utc());
  EXPECT_EQ(xs, (std::vector<int64_t>{day(2021, 1, 1), day(2021, 1, 2), day(2021, 1, 4)}));
  step.micros = 3600000000LL;
  step.typeName = "interval hour";
  try {
    temporalSequence(day(2021, 1, 1), day(2021, 1, 5), step, true, Zone::utc());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "sequence step must be an interval hour of day granularity if start and end "
                 "values are dates");
  }
}

TEST(SequenceTemporal, BoundariesTheStepCannotReachAreSparksError) {
  SequenceStep back;
  back.months = -1;
  back.kind = SequenceStepKind::YearMonth;
  try {
    temporalSequence(0, 31, back, true, Zone::utc());
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "Illegal sequence boundaries: 0 to 2678400000000 by -1");
  }
  SequenceStep calendar;
  calendar.months = -1;
  EXPECT_THROW(temporalSequence(0, 31, calendar, false, Zone::utc()), std::invalid_argument);
  // A zero step reaches only its own start.
  SequenceStep zero;
  zero.kind = SequenceStepKind::DayTime;
  EXPECT_EQ(temporalSequence(5, 5, zero, false, Zone::utc()).size(), 1u);
}

TEST(SequenceTemporal, TimestampsDescendWithANegativeStep) {
  SequenceStep step;
  step.kind = SequenceStepKind::DayTime;
  step.micros = -20 * 60000000LL;
  const auto xs = temporalSequence(3600000000LL, 0, step, false, Zone::utc());
  EXPECT_EQ(xs, (std::vector<int64_t>{3600000000LL, 2400000000LL, 1200000000LL, 0}));
}

}  // namespace
}  // namespace sluice::stdlib
