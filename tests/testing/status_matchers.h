// Test helpers for absl::Status and absl::StatusOr.
#ifndef GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_
#define GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

#define GONGKAI_TESTING_CONCAT_INNER_(a, b) a##b
#define GONGKAI_TESTING_CONCAT_(a, b) GONGKAI_TESTING_CONCAT_INNER_(a, b)

namespace gongkai::testing_internal {

inline const absl::Status& AsStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// For EXPECT_OK and ASSERT_OK: `value` was evaluated once, by gtest.
template <typename T>
::testing::AssertionResult IsOk(const char* text, const T& value) {
  const absl::Status& status = AsStatus(value);
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << text << " is not OK: " << status;
}

}  // namespace gongkai::testing_internal

// The expression (an absl::Status or StatusOr) is evaluated once: a failed
// write is not written again to print its message.
#define EXPECT_OK(expr) EXPECT_PRED_FORMAT1(::gongkai::testing_internal::IsOk, expr)
#define ASSERT_OK(expr) ASSERT_PRED_FORMAT1(::gongkai::testing_internal::IsOk, expr)

// lhs = value of a StatusOr expression, failing the test if it is an error.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(GONGKAI_TESTING_CONCAT_(statusor_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();           \
  lhs = std::move(tmp).value()

#endif  // GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_
