// Fuzzes the readers of the files a county office pushes with `gongkai`: the
// input is the raw bytes of a file, read as CSV (cli::ParseCsv, then
// ReadReportsCsv and ReadUnitsCsv) and, since `gongkai push` also takes JSON,
// by ReadReportsJson.
//
// Beyond not crashing: a refused file says why; CSV rows written back out
// (every cell quoted) parse to the same cells; every data row of a reports or
// units file either comes out as a row or is named by a row error, never
// both and never dropped; an empty cell reads as 0 and a plain number as
// itself; reading is deterministic (the derived idempotency keys too).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "cli/csv.h"
#include "cli/report_reader.h"
#include "google/protobuf/util/message_differencer.h"
#include "model/field_path.h"
#include "tests/fuzz/fuzz_check.h"

namespace gongkai::fuzz {
namespace {

using cli::CsvRow;

std::string Quoted(const std::vector<CsvRow>& rows) {
  std::string out;
  for (const CsvRow& row : rows) {
    std::vector<std::string> cells;
    for (const std::string& c : row.cells) {
      cells.push_back(absl::StrCat("\"", absl::StrReplaceAll(c, {{"\"", "\"\""}}), "\""));
    }
    absl::StrAppend(&out, absl::StrJoin(cells, ","), "\n");
  }
  return out;
}

std::string Show(absl::string_view text) { return absl::CHexEscape(text.substr(0, 400)); }

void CheckParseCsv(absl::string_view text) {
  absl::StatusOr<std::vector<CsvRow>> rows = cli::ParseCsv(text);
  if (!rows.ok()) {
    FUZZ_CHECK(rows.status().code() == absl::StatusCode::kInvalidArgument, Show(text));
    FUZZ_CHECK(!rows.status().message().empty(), Show(text));
    return;
  }
  size_t lines = 1 + std::count(text.begin(), text.end(), '\n');
  int last = 0;
  for (const CsvRow& row : *rows) {
    FUZZ_CHECK(row.line > last && static_cast<size_t>(row.line) <= lines,
               absl::StrCat("row at line ", row.line, " after ", last, ": ", Show(text)));
    last = row.line;
  }
  std::string again_text = Quoted(*rows);
  absl::StatusOr<std::vector<CsvRow>> again = cli::ParseCsv(again_text);
  FUZZ_CHECK(again.ok(), absl::StrCat(again.status().ToString(), ": ", Show(again_text)));
  FUZZ_CHECK(again->size() == rows->size(), Show(text));
  for (size_t i = 0; i < rows->size(); ++i) {
    FUZZ_CHECK((*again)[i].cells == (*rows)[i].cells,
               absl::StrCat("row ", i, " of ", Show(text), "\nwritten back as ", Show(again_text)));
  }
}

// The data rows' lines, as ParseCsv finds them.
std::vector<int> DataLines(absl::string_view text) {
  std::vector<int> lines;
  absl::StatusOr<std::vector<CsvRow>> rows = cli::ParseCsv(text);
  for (size_t i = 1; rows.ok() && i < rows->size(); ++i) lines.push_back((*rows)[i].line);
  return lines;
}

// Every data row is either read, refused or (reports) skipped as a row of
// the template that holds no report, once.
void CheckAccounted(absl::string_view text, const std::vector<int>& read,
                    const std::vector<cli::RowError>& errors,
                    const std::vector<int>& skipped = {}) {
  std::set<int> read_lines(read.begin(), read.end());
  std::set<int> skipped_lines(skipped.begin(), skipped.end());
  FUZZ_CHECK(skipped_lines.size() == skipped.size(), Show(text));
  for (int line : skipped) {
    FUZZ_CHECK(!read_lines.count(line), absl::StrCat("line ", line, ": ", Show(text)));
  }
  FUZZ_CHECK(read_lines.size() == read.size(), Show(text));
  std::set<int> error_lines;
  for (const cli::RowError& e : errors) {
    FUZZ_CHECK(!e.reason.empty(), Show(text));
    FUZZ_CHECK(!read_lines.count(e.line), absl::StrCat("line ", e.line, ": ", Show(text)));
    FUZZ_CHECK(!skipped_lines.count(e.line), absl::StrCat("line ", e.line, ": ", Show(text)));
    error_lines.insert(e.line);
  }
  std::set<int> all = read_lines;
  all.insert(error_lines.begin(), error_lines.end());
  all.insert(skipped_lines.begin(), skipped_lines.end());
  std::vector<int> want = DataLines(text);
  FUZZ_CHECK(std::set<int>(want.begin(), want.end()) == all && want.size() == all.size(),
             absl::StrCat(want.size(), " data rows, ", read.size(), " read, ",
                          error_lines.size(), " refused, ", skipped.size(), " skipped: ",
                          Show(text)));
}

void CheckReportsCsv(absl::string_view text) {
  absl::StatusOr<cli::ReadResult> result = cli::ReadReportsCsv(text);
  if (!result.ok()) {
    FUZZ_CHECK(result.status().code() == absl::StatusCode::kInvalidArgument, Show(text));
    FUZZ_CHECK(!result.status().message().empty(), Show(text));
    return;
  }
  std::vector<int> read;
  for (const cli::ReportRow& row : result->rows) {
    read.push_back(row.line);
    FUZZ_CHECK(!row.request.idempotency_key().empty(), Show(text));
  }
  CheckAccounted(text, read, result->errors, result->skipped);

  // Cells read back from the report: empty is 0, a plain number is itself.
  std::vector<CsvRow> rows = *cli::ParseCsv(text);
  const CsvRow* header_row = &rows.front();
  for (const CsvRow& row : rows) {
    if (row.line == result->header_line) header_row = &row;
  }
  const CsvRow& header = *header_row;
  size_t next = 0;
  for (size_t r = 1; r < rows.size() && next < result->rows.size(); ++r) {
    if (rows[r].line != result->rows[next].line) continue;
    const v1::MonthlyReport& report = result->rows[next++].request.report();
    for (size_t i = 0; i < header.cells.size(); ++i) {
      absl::StatusOr<model::FieldPath> path =
          model::FieldPath::Parse(absl::StripAsciiWhitespace(header.cells[i]));
      if (!path.ok()) continue;
      absl::string_view cell = absl::StripAsciiWhitespace(rows[r].cells[i]);
      int64_t want;
      if (cell.empty()) {
        want = 0;
      } else if (cell.find_first_not_of("0123456789") == absl::string_view::npos &&
                 absl::SimpleAtoi(cell, &want)) {
      } else {
        continue;
      }
      FUZZ_CHECK(path->Get(report) == want,
                 absl::StrCat(path->path(), " read as ", path->Get(report), " from \"", cell,
                              "\": ", Show(text)));
    }
  }

  absl::StatusOr<cli::ReadResult> again = cli::ReadReportsCsv(text);
  FUZZ_CHECK(again.ok() && again->rows.size() == result->rows.size(), Show(text));
  for (size_t i = 0; i < again->rows.size(); ++i) {
    // Equals, not bytes: a map's serialized order may differ between two
    // equal messages (extra.* columns land in a map).
    FUZZ_CHECK(google::protobuf::util::MessageDifferencer::Equals(again->rows[i].request,
                                                                  result->rows[i].request),
               Show(text));
  }
}

void CheckUnitsCsv(absl::string_view text) {
  std::vector<cli::RowError> errors;
  absl::StatusOr<std::vector<v1::Unit>> units = cli::ReadUnitsCsv(text, &errors);
  if (!units.ok()) {
    FUZZ_CHECK(!units.status().message().empty(), Show(text));
    return;
  }
  // Units carry no line, but every data row is either a unit or an error.
  std::set<int> error_lines;
  for (const cli::RowError& e : errors) {
    FUZZ_CHECK(!e.reason.empty(), Show(text));
    error_lines.insert(e.line);
  }
  FUZZ_CHECK(error_lines.size() == errors.size(), Show(text));
  FUZZ_CHECK(units->size() + errors.size() == DataLines(text).size(), Show(text));
  for (const v1::Unit& u : *units) FUZZ_CHECK(u.tier() != v1::TIER_UNSPECIFIED, Show(text));
}

void CheckReportsJson(absl::string_view text) {
  absl::StatusOr<cli::ReadResult> result = cli::ReadReportsJson(text);
  if (!result.ok()) {
    FUZZ_CHECK(!result.status().message().empty(), Show(text));
    return;
  }
  for (const cli::ReportRow& row : result->rows) {
    FUZZ_CHECK(!row.request.idempotency_key().empty(), Show(text));
  }
  for (const cli::RowError& e : result->errors) FUZZ_CHECK(!e.reason.empty(), Show(text));
}

}  // namespace
}  // namespace gongkai::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  gongkai::fuzz::CheckParseCsv(text);
  gongkai::fuzz::CheckReportsCsv(text);
  gongkai::fuzz::CheckUnitsCsv(text);
  gongkai::fuzz::CheckReportsJson(text);
  return 0;
}
