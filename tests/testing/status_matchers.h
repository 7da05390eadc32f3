// Test helpers for absl::Status and absl::StatusOr.
#ifndef GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_
#define GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"

#define GONGKAI_TESTING_CONCAT_INNER_(a, b) a##b
#define GONGKAI_TESTING_CONCAT_(a, b) GONGKAI_TESTING_CONCAT_INNER_(a, b)

#define EXPECT_OK(expr) EXPECT_TRUE((expr).ok()) << (expr)
#define ASSERT_OK(expr) ASSERT_TRUE((expr).ok()) << (expr)

// lhs = value of a StatusOr expression, failing the test if it is an error.
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL_(GONGKAI_TESTING_CONCAT_(statusor_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status();           \
  lhs = std::move(tmp).value()

#endif  // GONGKAI_TESTS_TESTING_STATUS_MATCHERS_H_
