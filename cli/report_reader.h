// Reads monthly reports and units from the files a county office pushes:
// CSV whose header names field paths, or JSON (one report per line, or an
// array), in the proto's JSON mapping.
#ifndef GONGKAI_CLI_REPORT_READER_H_
#define GONGKAI_CLI_REPORT_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gongkai/v1/reporting.pb.h"
#include "gongkai/v1/unit.pb.h"

namespace gongkai::cli {

// A row that could not be read, kept so the other rows still go.
struct RowError {
  int line = 0;        // 1-based line (JSON array: the record's position)
  std::string field;   // column or field path; empty for the whole row
  std::string reason;
};

// A readable row, ready to send.
struct ReportRow {
  int line = 0;
  v1::SubmitReportRequest request;  // idempotency_key filled in
};

struct ReadResult {
  std::vector<ReportRow> rows;
  std::vector<RowError> errors;
  // CSV: the line of the header (2 below the template's section row), and
  // the lines after the first that hold no report (that header, the
  // template's field-path row and hint rows). Every other line is a row or
  // an error.
  int header_line = 1;
  std::vector<int> skipped;
};

// Reads a reports CSV. Header columns: unit_id, period (both required),
// optional submitted_at (RFC 3339, or "YYYY-MM-DD HH:MM[:SS]" in UTC+8, for
// importing history), idempotency_key, note, and any figure path such as
// "applications.received.online" or "extra.NAME". Empty cells are 0.
// INVALID_ARGUMENT for a file that cannot be read at all (bad header, not
// UTF-8); per-row problems are RowErrors. Rows without an idempotency_key get
// one derived from their content, so pushing the same row again stores
// nothing new.
absl::StatusOr<ReadResult> ReadReportsCsv(absl::string_view text);

// Reads reports from JSON: one MonthlyReport object per line (JSON Lines), or
// one array of them. An object may also be a SubmitReportRequest (with
// "report", "idempotency_key", "recorded_at").
absl::StatusOr<ReadResult> ReadReportsJson(absl::string_view text);

// Reads a units CSV: unit_id,name,tier,parent_id (tier MUNICIPAL, AGENCY,
// COUNTY or TOWNSHIP).
absl::StatusOr<std::vector<v1::Unit>> ReadUnitsCsv(absl::string_view text,
                                                   std::vector<RowError>* errors);

}  // namespace gongkai::cli

#endif  // GONGKAI_CLI_REPORT_READER_H_
