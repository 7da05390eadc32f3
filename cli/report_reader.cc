#include "cli/report_reader.h"

#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/struct.pb.h"
#include "absl/time/time.h"
#include "cli/csv.h"
#include "common/utf8.h"
#include "model/field_labels.h"
#include "google/protobuf/util/json_util.h"
#include "model/field_path.h"
#include "model/fingerprint.h"

namespace gongkai::cli {
namespace {

constexpr char kUnitId[] = "unit_id";
constexpr char kPeriod[] = "period";
constexpr char kSubmittedAt[] = "submitted_at";
constexpr char kKey[] = "idempotency_key";
constexpr char kNote[] = "note";

// The Chinese headers of the columns that are not figures (the template's).
// A figure's Chinese header comes from the field catalogue
// (model/field_labels.h).
const char* CanonicalColumn(absl::string_view name) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"单位代码", kUnitId}, {"报告期", kPeriod}, {"填报说明", kNote}, {"报送时间", kSubmittedAt}};
  for (const auto& [chinese, canonical] : kNames) {
    if (name == chinese || name == canonical) return canonical;
  }
  if (name == kKey) return kKey;
  return nullptr;
}

// Label columns a spreadsheet may carry for people; push ignores them.
bool IsLabelColumn(absl::string_view name) {
  for (const char* label : {"单位名称", "name", "序号", "填报人", "联系电话"}) {
    if (name == label) return true;
  }
  return false;
}

// True if the row names no column: a title or section row above the header.
bool HasUnitIdColumn(const CsvRow& row) {
  for (const std::string& cell : row.cells) {
    if (CanonicalColumn(absl::StripAsciiWhitespace(cell)) == kUnitId) return true;
  }
  return false;
}

// "1234", "-5", or "1,234,567" (a spreadsheet's thousands separators).
std::optional<int64_t> ParseFigure(absl::string_view cell) {
  std::string text(absl::StripAsciiWhitespace(cell));
  if (text.find(',') != std::string::npos) {
    std::vector<absl::string_view> groups = absl::StrSplit(absl::StripPrefix(text, "-"), ',');
    if (groups.front().empty() || groups.front().size() > 3) return std::nullopt;
    for (size_t i = 1; i < groups.size(); ++i) {
      if (groups[i].size() != 3) return std::nullopt;
    }
    text = absl::StrReplaceAll(text, {{",", ""}});
  }
  int64_t v;
  if (text.empty() || !absl::SimpleAtoi(text, &v)) return std::nullopt;
  if (text.find_first_not_of("-+0123456789") != std::string::npos) return std::nullopt;
  return v;
}

std::optional<absl::Time> ParseTime(absl::string_view cell, std::string* err) {
  std::string text(absl::StripAsciiWhitespace(cell));
  absl::Time t;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, err)) return t;
  static const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);
  for (const char* format : {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"}) {
    if (absl::ParseTime(format, text, kCity, &t, err)) return t;
  }
  *err = "not a time: write 2025-02-04T10:23:00+08:00 or 2025-02-04 10:23";
  return std::nullopt;
}

void FinishRequest(v1::SubmitReportRequest* request) {
  if (request->idempotency_key().empty()) {
    request->set_idempotency_key(absl::StrCat("push-", model::Fingerprint(*request)));
  }
}

}  // namespace

absl::StatusOr<ReadResult> ReadReportsCsv(absl::string_view text) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(text);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("the file is empty: no header line");
  // The template's section row stands above its header.
  size_t header_index = 0;
  if (rows->size() > 1 && !HasUnitIdColumn((*rows)[0]) && HasUnitIdColumn((*rows)[1])) {
    header_index = 1;
  }
  const CsvRow& header = (*rows)[header_index];

  // What each column means: `name` is the canonical one (unit_id, a field
  // path...), empty for a label column.
  struct Column {
    std::string name;
    std::optional<model::FieldPath> figure;
  };
  std::vector<Column> columns;
  absl::flat_hash_map<std::string, int> seen;
  for (size_t i = 0; i < header.cells.size(); ++i) {
    std::string written(absl::StripAsciiWhitespace(header.cells[i]));
    if (written.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", header.line, ": column ", i + 1,
                                                     " has no name"));
    }
    Column c{written, std::nullopt};
    if (IsLabelColumn(written)) {
      c.name.clear();
    } else if (const char* canonical = CanonicalColumn(written)) {
      c.name = canonical;
    } else {
      std::optional<model::FieldPath> figure = model::FigureOfHeader(written);
      if (!figure.has_value()) {
        absl::Status why = model::FieldPath::Parse(written).status();
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", header.line, ": column ", i + 1, ": \"", written,
            "\" is neither a column of the template (中文表头) nor a field path: ", why.message()));
      }
      c.name = figure->path();
      c.figure = *std::move(figure);
    }
    if (!c.name.empty() && !seen.emplace(c.name, i).second) {
      return absl::InvalidArgumentError(absl::StrCat("line ", header.line, ": column \"", written,
                                                     "\" appears twice"));
    }
    columns.push_back(std::move(c));
  }
  for (const char* required : {kUnitId, kPeriod}) {
    if (!seen.contains(required)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", header.line, ": the header has no \"", required, "\" column"));
    }
  }
  const size_t unit_column = seen[kUnitId];

  ReadResult out;
  out.header_line = header.line;
  if (header_index > 0) out.skipped.push_back(header.line);
  for (size_t r = header_index + 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    // The template's second header row (field paths, for machines) and its
    // hint rows ("# 上月 ..."), which are not reports.
    if (!row.cells.empty()) {
      absl::string_view first = absl::StripAsciiWhitespace(row.cells[0]);
      if (absl::StartsWith(first, "#") ||
          (unit_column < row.cells.size() &&
           absl::StripAsciiWhitespace(row.cells[unit_column]) == kUnitId)) {
        out.skipped.push_back(row.line);
        continue;
      }
    }
    if (row.cells.size() != columns.size()) {
      out.errors.push_back({row.line, "",
                            absl::StrCat("has ", row.cells.size(), " cells, the header has ",
                                         columns.size())});
      continue;
    }
    ReportRow report_row;
    report_row.line = row.line;
    v1::SubmitReportRequest& req = report_row.request;
    bool ok = true;
    for (size_t i = 0; i < columns.size(); ++i) {
      const Column& col = columns[i];
      absl::string_view cell = absl::StripAsciiWhitespace(row.cells[i]);
      if (col.name.empty()) continue;  // a label column
      if (col.figure.has_value()) {
        if (cell.empty()) continue;
        std::optional<int64_t> v = ParseFigure(cell);
        if (!v.has_value()) {
          out.errors.push_back({row.line, col.name,
                                absl::StrCat("\"", cell, "\" is not a whole number")});
          ok = false;
          continue;
        }
        // A written 0 and an empty cell mean the same; leaving both unset
        // keeps the derived idempotency key the same too.
        if (*v != 0) col.figure->Set(req.mutable_report(), *v);
      } else if (col.name == kUnitId) {
        req.mutable_report()->set_unit_id(std::string(cell));
      } else if (col.name == kPeriod) {
        req.mutable_report()->set_period(std::string(cell));
      } else if (col.name == kNote) {
        req.mutable_report()->set_note(std::string(cell));
      } else if (col.name == kKey) {
        req.set_idempotency_key(std::string(cell));
      } else if (col.name == kSubmittedAt && !cell.empty()) {
        std::string err;
        std::optional<absl::Time> t = ParseTime(cell, &err);
        if (!t.has_value()) {
          out.errors.push_back({row.line, col.name, err});
          ok = false;
          continue;
        }
        req.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(*t));
      }
    }
    if (!ok) continue;
    FinishRequest(&req);
    out.rows.push_back(std::move(report_row));
  }
  return out;
}

absl::StatusOr<ReadResult> ReadReportsJson(absl::string_view text) {
  if (absl::StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // as Notepad writes
  if (!IsUtf8(text)) {
    int line = 1;
    for (absl::string_view l : absl::StrSplit(text, '\n')) {
      if (!IsUtf8(l)) break;
      ++line;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "line ", line,
        ": not UTF-8 text (a GBK/GB2312 file? convert it: iconv -f GBK -t UTF-8 IN.json > "
        "OUT.json)"));
  }
  std::vector<std::pair<int, std::string>> objects;  // (line, json)
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (absl::StartsWith(trimmed, "[")) {
    google::protobuf::ListValue list;
    auto status = google::protobuf::util::JsonStringToMessage(std::string(trimmed), &list);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("not a JSON array: ", status.ToString()));
    }
    for (int i = 0; i < list.values_size(); ++i) {
      std::string json;
      // Re-encoding one element keeps the parser's field checks per record.
      if (!google::protobuf::util::MessageToJsonString(list.values(i), &json).ok()) continue;
      objects.emplace_back(i + 1, std::move(json));
    }
  } else {
    int line = 0;
    for (absl::string_view l : absl::StrSplit(text, '\n')) {
      ++line;
      if (absl::StripAsciiWhitespace(l).empty()) continue;
      objects.emplace_back(line, std::string(l));
    }
  }
  ReadResult out;
  google::protobuf::util::JsonParseOptions options;
  for (auto& [line, json] : objects) {
    ReportRow row;
    row.line = line;
    v1::SubmitReportRequest& req = row.request;
    // A SubmitReportRequest wraps the report under a top-level "report" key.
    google::protobuf::Struct top;
    bool as_request = google::protobuf::util::JsonStringToMessage(json, &top).ok() &&
                      top.fields().contains("report");
    auto status = as_request
                      ? google::protobuf::util::JsonStringToMessage(json, &req, options)
                      : google::protobuf::util::JsonStringToMessage(json, req.mutable_report(), options);
    if (!status.ok()) {
      out.errors.push_back({line, "", status.ToString()});
      continue;
    }
    FinishRequest(&req);
    out.rows.push_back(std::move(row));
  }
  return out;
}

absl::StatusOr<std::vector<v1::Unit>> ReadUnitsCsv(absl::string_view text,
                                                   std::vector<RowError>* errors) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(text);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError("the file is empty: no header line");
  const std::vector<std::string> want = {"unit_id", "name", "tier", "parent_id"};
  if (rows->front().cells != want) {
    return absl::InvalidArgumentError(
        "line 1: the header must be exactly unit_id,name,tier,parent_id");
  }
  std::vector<v1::Unit> units;
  for (size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (row.cells.size() != 4) {
      errors->push_back({row.line, "", absl::StrCat("has ", row.cells.size(),
                                                    " cells, the header has 4")});
      continue;
    }
    v1::Unit u;
    u.set_unit_id(std::string(absl::StripAsciiWhitespace(row.cells[0])));
    u.set_name(std::string(absl::StripAsciiWhitespace(row.cells[1])));
    v1::Tier tier;
    std::string tier_name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(row.cells[2]));
    if (!v1::Tier_Parse(tier_name, &tier) || tier == v1::TIER_UNSPECIFIED) {
      errors->push_back({row.line, "tier", absl::StrCat("\"", row.cells[2],
                                                        "\" is not MUNICIPAL, AGENCY, COUNTY or TOWNSHIP")});
      continue;
    }
    u.set_tier(tier);
    u.set_parent_id(std::string(absl::StripAsciiWhitespace(row.cells[3])));
    units.push_back(std::move(u));
  }
  return units;
}

}  // namespace gongkai::cli
