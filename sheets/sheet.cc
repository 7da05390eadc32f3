#include "sheets/sheet.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/file.h"
#include "xlsxwriter.h"

namespace gongkai::sheets {
namespace {

std::string CsvField(const Cell& cell, int decimals) {
  if (const double* d = std::get_if<double>(&cell)) return absl::StrFormat("%.*f", decimals, *d);
  const std::string& s = std::get<std::string>(cell);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

}  // namespace

std::string ToCsv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  for (const std::vector<Cell>& row : sheet.rows_above) {
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(row[i], 0));
    }
    out += "\r\n";
  }
  for (size_t i = 0; i < sheet.columns.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(sheet.columns[i].header, 0));
  }
  out += "\r\n";
  for (const std::vector<Cell>& row : sheet.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      int decimals = i < sheet.columns.size() ? sheet.columns[i].decimals : 0;
      absl::StrAppend(&out, i == 0 ? "" : ",", CsvField(row[i], decimals));
    }
    out += "\r\n";
  }
  return out;
}

absl::Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path) {
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_bg_color(header, 0xEEF0F3);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  for (const Sheet& sheet : sheets) {
    lxw_worksheet* ws =
        workbook_add_worksheet(book, sheet.name.empty() ? nullptr : sheet.name.c_str());
    if (ws == nullptr) {
      workbook_close(book);
      return absl::InternalError(absl::StrCat("bad or repeated worksheet name ", sheet.name));
    }
    std::vector<lxw_format*> number_formats;
    for (const Column& c : sheet.columns) {
      lxw_format* f = workbook_add_format(book);
      std::string pattern =
          c.decimals > 0 ? absl::StrCat("0.", std::string(c.decimals, '0')) : "0";
      format_set_num_format(f, pattern.c_str());
      number_formats.push_back(f);
    }
    const lxw_row_t top = static_cast<lxw_row_t>(sheet.rows_above.size());
    for (lxw_row_t r = 0; r < top; ++r) {
      const std::vector<Cell>& above = sheet.rows_above[r];
      for (size_t i = 0; i < above.size(); ++i) {
        const std::string* text = std::get_if<std::string>(&above[i]);
        if (text == nullptr || text->empty()) continue;
        size_t end = i + 1;
        while (end < above.size() && std::holds_alternative<std::string>(above[end]) &&
               std::get<std::string>(above[end]).empty()) {
          ++end;
        }
        if (end - i > 1) {
          worksheet_merge_range(ws, r, static_cast<lxw_col_t>(i), r,
                                static_cast<lxw_col_t>(end - 1), text->c_str(), header);
        } else {
          worksheet_write_string(ws, r, static_cast<lxw_col_t>(i), text->c_str(), header);
        }
      }
    }
    for (size_t i = 0; i < sheet.columns.size(); ++i) {
      lxw_col_t col = static_cast<lxw_col_t>(i);
      worksheet_set_column(ws, col, col, sheet.columns[i].width, nullptr);
      worksheet_write_string(ws, top, col, sheet.columns[i].header.c_str(), header);
    }
    worksheet_freeze_panes(ws, top + 1, 0);
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      lxw_row_t row = static_cast<lxw_row_t>(top + r + 1);
      for (size_t i = 0; i < sheet.rows[r].size(); ++i) {
        lxw_col_t col = static_cast<lxw_col_t>(i);
        const Cell& cell = sheet.rows[r][i];
        if (const double* d = std::get_if<double>(&cell)) {
          worksheet_write_number(ws, row, col, *d,
                                 i < number_formats.size() ? number_formats[i] : nullptr);
        } else {
          worksheet_write_string(ws, row, col, std::get<std::string>(cell).c_str(), nullptr);
        }
      }
    }
    for (const Comment& c : sheet.comments) {
      worksheet_write_comment(ws, static_cast<lxw_row_t>(top + c.row + 1),
                              static_cast<lxw_col_t>(c.column), c.text.c_str());
    }
  }
  lxw_error err = workbook_close(book);
  if (err != LXW_NO_ERROR) {
    return absl::InternalError(absl::StrCat("writing ", path, ": ", lxw_strerror(err)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ToXlsx(const std::vector<Sheet>& sheets) {
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "gongkai-xlsx-XXXXXX").string();
  if (mkdtemp(dir_template.data()) == nullptr) {
    return absl::InternalError("cannot make a temporary folder for an .xlsx file");
  }
  std::string path = dir_template + "/sheet.xlsx";
  absl::Status written = WriteXlsx(sheets, path);
  absl::StatusOr<std::string> bytes =
      written.ok() ? ReadFile(path) : absl::StatusOr<std::string>(written);
  std::error_code ec;
  std::filesystem::remove_all(dir_template, ec);
  return bytes;
}

}  // namespace gongkai::sheets
