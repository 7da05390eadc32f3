// Two macros for propagating absl::Status, which Debian's Abseil (20220623)
// does not ship.
#ifndef GONGKAI_COMMON_STATUS_MACROS_H_
#define GONGKAI_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
#define GONGKAI_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::absl::Status gongkai_status_ = (expr);           \
    if (!gongkai_status_.ok()) return gongkai_status_; \
  } while (0)

#define GONGKAI_CONCAT_INNER_(a, b) a##b
#define GONGKAI_CONCAT_(a, b) GONGKAI_CONCAT_INNER_(a, b)

// `lhs` = the value of `expr` (an absl::StatusOr<T>), or returns its status.
#define GONGKAI_ASSIGN_OR_RETURN(lhs, expr) \
  GONGKAI_ASSIGN_OR_RETURN_IMPL_(GONGKAI_CONCAT_(gongkai_or_, __LINE__), lhs, expr)
#define GONGKAI_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()

#endif  // GONGKAI_COMMON_STATUS_MACROS_H_
