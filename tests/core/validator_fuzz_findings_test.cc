// Tests for core/validator.h for what tests/fuzz/validator_fuzzer found.
#include "core/validator.h"

#include <limits>

#include "absl/time/time.h"
#include "tests/core/validator_fixture.h"

namespace gongkai::core {
namespace {

using validator_testing::CleanReport;
using validator_testing::Context;
using validator_testing::Describe;
using validator_testing::Validate;

// Reporting::Submit validates an imported record at its recorded_at even when
// it refuses recorded_at for being in the future. A mistyped one millions of
// years out (10^15 seconds) wrapped days_late to a negative count, against
// "0 if on time" and with no LATE warning for a report that is late.
TEST(ValidatorFuzzFindingsTest, DaysLateDoesNotWrapForATimeMillionsOfYearsOut) {
  ValidationContext ctx = Context();
  ctx.submitted_at = absl::FromUnixSeconds(1'000'000'000'000'000);
  ValidationResult r = Validate(CleanReport(), ctx);
  ASSERT_TRUE(r.ok()) << Describe(r);
  EXPECT_EQ(r.days_late, std::numeric_limits<int>::max());
  ASSERT_EQ(r.warnings.size(), 1u) << Describe(r);
  EXPECT_EQ(r.warnings[0].code(), kWarnLate);
}

TEST(ValidatorFuzzFindingsTest, DaysLateAtTheEndOfTime) {
  ValidationContext ctx = Context();
  ctx.submitted_at = absl::InfiniteFuture();
  ValidationResult r = Validate(CleanReport(), ctx);
  ASSERT_TRUE(r.ok()) << Describe(r);
  EXPECT_EQ(r.days_late, std::numeric_limits<int>::max());
}

}  // namespace
}  // namespace gongkai::core
