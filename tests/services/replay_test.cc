// A retry is told from a different request by the SHA-256 of its figures
// (model/fingerprint.h), over real gRPC: the same idempotency key with one
// figure changed is refused as a reused key, never answered as a replay of
// what was stored, and nothing more is stored.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/bad_input_harness.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using ::testing::HasSubstr;

TEST_F(BadInputTest, OneFigureDifferentIsNeverAReplay) {
  v1::SubmitReportResponse first;
  bool replayed = true;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "march"), &first, &replayed).ok());
  EXPECT_FALSE(replayed);
  const Snapshot stored = Take();

  // The same report with one figure more or less, and with two figures
  // swapped, under the same key.
  std::vector<v1::SubmitReportRequest> others;
  others.push_back(CleanRequest("luxi-county", "2025-03", 121, "march"));
  others.push_back(CleanRequest("luxi-county", "2025-03", 119, "march"));
  v1::SubmitReportRequest swapped = CleanRequest("luxi-county", "2025-03", 120, "march");
  swapped.mutable_report()->mutable_interaction()->set_mailbox_received(41);
  others.push_back(swapped);
  for (const v1::SubmitReportRequest& other : others) {
    v1::SubmitReportResponse resp;
    replayed = true;
    grpc::Status s = Submit(other, &resp, &replayed);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
    EXPECT_THAT(s.error_message(), HasSubstr("已用于另一组数据"));
    EXPECT_FALSE(replayed);
  }
  EXPECT_EQ(Take(), stored);

  // The very same request is the retry it is.
  v1::SubmitReportResponse again;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "march"), &again, &replayed).ok());
  EXPECT_TRUE(replayed);
  EXPECT_EQ(again.version(), first.version());
}

}  // namespace
}  // namespace gongkai::services
