// Shared by the tests of cli/report_reader.h: a CSV header and a real row, and
// readers of the lines and keys of what was read.
#ifndef GONGKAI_TESTS_CLI_REPORT_READER_FIXTURE_H_
#define GONGKAI_TESTS_CLI_REPORT_READER_FIXTURE_H_

#include "cli/report_reader.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace gongkai::cli::report_reader_testing {

// The header of most CSV tests below.
inline constexpr char kHeader[] =
    "unit_id,period,proactive.items_total,applications.new_total,"
    "applications.received.online,applications.received.letter,"
    "applications.received.in_person,extra.training_sessions\n";

// Panjin's counties in 2008 (盘锦市2008年度政府信息公开工作报告): 803 applications,
// 161 online, 81 by letter, 241 + 321 = 562 in person.
inline constexpr char kPanjinRow[] = "panjin-counties,2008-12,7684,803,161,81,562,2\n";

inline std::vector<int> Lines(const ReadResult& result) {
  std::vector<int> lines;
  for (const ReportRow& row : result.rows) lines.push_back(row.line);
  return lines;
}

// Reads a CSV that must be readable, with exactly one row and no errors.
inline v1::SubmitReportRequest ReadOne(const std::string& csv) {
  absl::StatusOr<ReadResult> result = ReadReportsCsv(csv);
  EXPECT_TRUE(result.ok()) << result.status();
  if (!result.ok()) return {};
  for (const RowError& e : result->errors) {
    ADD_FAILURE() << "line " << e.line << " [" << e.field << "]: " << e.reason;
  }
  EXPECT_EQ(result->rows.size(), 1u);
  if (result->rows.empty()) return {};
  return result->rows[0].request;
}

inline std::string KeyOf(const std::string& csv) { return ReadOne(csv).idempotency_key(); }

}  // namespace gongkai::cli::report_reader_testing

#endif  // GONGKAI_TESTS_CLI_REPORT_READER_FIXTURE_H_
