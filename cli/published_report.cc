#include "cli/published_report.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "cli/csv.h"
#include "model/annual_rows.h"

namespace gongkai::cli {
namespace {

enum class Section { kNone, kStatutory, kApplications, kOversight };

constexpr char kFees[] = "二、行政事业性收费 本年收费金额（万元）";
constexpr const char* kCaseKinds[3] = {"行政复议", "未经复议直接起诉", "复议后起诉"};
constexpr const char* kCaseColumns[5] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};

bool IsFigure(absl::string_view cell) {
  cell = absl::StripAsciiWhitespace(cell);
  if (cell.empty()) return false;
  double d;
  return absl::SimpleAtod(cell, &d) && (absl::ascii_isdigit(cell[0]) || cell[0] == '-');
}

// Drops spaces, quotes, numbering ("1．", "1.", "（一）", "一、") and a
// parenthesised remark, so that headings compare as words.
std::string Normalize(absl::string_view text) {
  std::string s = absl::StrReplaceAll(
      text, {{" ", ""}, {"\t", ""}, {"　", ""}, {"“", ""}, {"”", ""}, {"\"", ""}, {"'", ""}});
  for (;;) {
    absl::string_view v(s);
    size_t i = 0;
    while (i < v.size() && absl::ascii_isdigit(v[i])) ++i;
    if (i > 0) {
      v.remove_prefix(i);
      if (!absl::ConsumePrefix(&v, "．") && !absl::ConsumePrefix(&v, ".") &&
          !absl::ConsumePrefix(&v, "、")) {
        break;
      }
      s = std::string(v);
      continue;
    }
    bool changed = false;
    for (const char* num : {"一", "二", "三", "四", "五", "六", "七"}) {
      for (const char* open : {"（", "("}) {
        for (const char* close : {"）", ")"}) {
          std::string p = absl::StrCat(open, num, close);
          if (absl::ConsumePrefix(&v, p)) changed = true;
        }
      }
      if (absl::ConsumePrefix(&v, absl::StrCat(num, "、"))) changed = true;
    }
    if (!changed) break;
    s = std::string(v);
  }
  for (const char* open : {"（", "("}) {
    size_t at = s.find(open);
    if (at != std::string::npos && at > 0) s.resize(at);
  }
  return s;
}

// The table 三 row named by `label`, or nullptr.
const model::ApplicationRowSpec* FindRow(absl::string_view label) {
  std::string want = Normalize(label);
  if (want.empty()) return nullptr;
  const model::ApplicationRowSpec* contained = nullptr;
  for (const model::ApplicationRowSpec& spec : model::ApplicationRows()) {
    const std::string& name =
        !spec.reason.empty() ? spec.reason : (!spec.group.empty() ? spec.group : spec.section);
    std::string have = Normalize(name);
    if (have == want) return &spec;
    if (contained == nullptr && want.size() >= 6 &&
        (have.find(want) != std::string::npos || want.find(have) != std::string::npos)) {
      contained = &spec;
    }
  }
  return contained;
}

std::string Column(int c) {
  return c < model::kApplicantColumns ? model::kApplicantNames[c] : "总计";
}

absl::Status LineError(int line, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("第", line, "行：", why));
}

}  // namespace

absl::StatusOr<PublishedReport> ParsePublishedReport(absl::string_view csv) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(csv);
  if (!rows.ok()) return rows.status();
  PublishedReport out;
  Section section = Section::kNone;
  for (const CsvRow& row : *rows) {
    std::vector<std::string> labels, figures;
    for (const std::string& raw : row.cells) {
      std::string cell(absl::StripAsciiWhitespace(raw));
      if (IsFigure(cell)) {
        figures.push_back(cell);
      } else if (!cell.empty()) {
        if (!figures.empty()) {
          return LineError(row.line, absl::StrCat("“", cell, "”不是数字"));
        }
        labels.push_back(cell);
      }
    }
    std::string first = labels.empty() ? "" : labels.front();
    if (first.find("主动公开政府信息情况") != std::string::npos) {
      section = Section::kStatutory;
      continue;
    }
    if (first.find("收到和处理政府信息公开申请情况") != std::string::npos) {
      section = Section::kApplications;
      continue;
    }
    if (first.find("行政复议、行政诉讼情况") != std::string::npos) {
      section = Section::kOversight;
      continue;
    }
    if (figures.empty()) continue;  // a heading row
    switch (section) {
      case Section::kNone:
        return LineError(row.line, "数字出现在表格标题之前（应先有“二、主动公开政府信息情况”等标题行）");
      case Section::kStatutory: {
        std::string what = labels.empty() ? "" : Normalize(labels.back());
        if (what == "规章" || what == "行政规范性文件") {
          const char* cols[3] = {"本年制发件数", "本年废止件数", "现行有效件数"};
          if (figures.size() < 2 || figures.size() > 3) {
            return LineError(row.line, absl::StrCat(what, "应有2或3个数字，实有", figures.size(), "个"));
          }
          for (size_t i = 0; i < figures.size(); ++i) {
            out.figures[absl::StrCat("二、", what, " ", cols[i])] = figures[i];
          }
        } else if (what == "行政许可" || what == "行政处罚" || what == "行政强制") {
          out.figures[absl::StrCat("二、", what, " 本年处理决定数量")] = figures.back();
        } else if (what == "行政事业性收费") {
          out.figures[kFees] = figures.back();
        } else {
          return LineError(row.line, absl::StrCat("表二中无法识别的行“", what, "”"));
        }
        break;
      }
      case Section::kApplications: {
        const model::ApplicationRowSpec* spec =
            labels.empty() ? nullptr : FindRow(labels.back());
        if (spec == nullptr) {
          return LineError(row.line, absl::StrCat("表三中无法识别的行“",
                                                  labels.empty() ? "" : labels.back(), "”"));
        }
        if (figures.size() != model::kApplicantColumns + 1) {
          return LineError(row.line, absl::StrCat("表三“", spec->short_name,
                                                  "”应有7个数字（六类申请人及总计），实有",
                                                  figures.size(), "个"));
        }
        for (int c = 0; c <= model::kApplicantColumns; ++c) {
          out.figures[absl::StrCat("三、", spec->short_name, " ", Column(c))] = figures[c];
        }
        break;
      }
      case Section::kOversight:
        if (figures.size() != 15) {
          return LineError(row.line, absl::StrCat("表四应有15个数字，实有", figures.size(), "个"));
        }
        for (int k = 0; k < 3; ++k) {
          for (int c = 0; c < 5; ++c) {
            out.figures[absl::StrCat("四、", kCaseKinds[k], " ", kCaseColumns[c])] =
                figures[k * 5 + c];
          }
        }
        break;
    }
  }
  if (out.figures.empty()) {
    return absl::InvalidArgumentError("文件中没有找到表二、表三或表四的数字");
  }
  return out;
}

std::map<std::string, std::string> FiguresOf(const v1::AnnualReport& r) {
  std::map<std::string, std::string> f;
  const v1::StatutoryTable& s = r.statutory();
  for (auto [name, row] : {std::pair{"规章", &s.rules()},
                           std::pair{"行政规范性文件", &s.normative_documents()}}) {
    f[absl::StrCat("二、", name, " 本年制发件数")] = absl::StrCat(row->issued());
    f[absl::StrCat("二、", name, " 本年废止件数")] = absl::StrCat(row->repealed());
    if (row->in_force_known()) {
      f[absl::StrCat("二、", name, " 现行有效件数")] = absl::StrCat(row->in_force());
    }
  }
  f["二、行政许可 本年处理决定数量"] = absl::StrCat(s.licensing_decisions());
  f["二、行政处罚 本年处理决定数量"] = absl::StrCat(s.penalty_decisions());
  f["二、行政强制 本年处理决定数量"] = absl::StrCat(s.enforcement_decisions());
  f[kFees] = absl::StrFormat("%.4f", s.fees_collected_yuan() / 10000.0);
  const auto& specs = model::ApplicationRows();
  for (int i = 0; i < r.applications().rows_size() && i < static_cast<int>(specs.size()); ++i) {
    const v1::ApplicantRow& row = r.applications().rows(i);
    if (row.split_known() && row.by_applicant_size() == model::kApplicantColumns) {
      for (int c = 0; c < model::kApplicantColumns; ++c) {
        f[absl::StrCat("三、", specs[i].short_name, " ", Column(c))] =
            absl::StrCat(row.by_applicant(c));
      }
    }
    f[absl::StrCat("三、", specs[i].short_name, " 总计")] = absl::StrCat(row.total());
  }
  const v1::OversightTable& o = r.oversight();
  const v1::OversightCases* cases[3] = {&o.reconsideration(), &o.litigation_direct(),
                                        &o.litigation_after_reconsideration()};
  for (int k = 0; k < 3; ++k) {
    int64_t v[5] = {cases[k]->upheld(), cases[k]->corrected(), cases[k]->other(),
                    cases[k]->pending(), cases[k]->total()};
    for (int c = 0; c < 5; ++c) {
      f[absl::StrCat("四、", kCaseKinds[k], " ", kCaseColumns[c])] = absl::StrCat(v[c]);
    }
  }
  return f;
}

std::vector<Discrepancy> CompareWithMonths(const v1::AnnualReport& generated,
                                           const PublishedReport& published) {
  std::map<std::string, std::string> ours = FiguresOf(generated);
  // Table order: the generated names in the order the tables print them.
  std::vector<std::string> order;
  {
    for (const char* name : {"规章", "行政规范性文件"}) {
      for (const char* col : {"本年制发件数", "本年废止件数", "现行有效件数"}) {
        order.push_back(absl::StrCat("二、", name, " ", col));
      }
    }
    for (const char* name : {"行政许可", "行政处罚", "行政强制"}) {
      order.push_back(absl::StrCat("二、", name, " 本年处理决定数量"));
    }
    order.push_back(kFees);
    for (const model::ApplicationRowSpec& spec : model::ApplicationRows()) {
      for (int c = 0; c <= model::kApplicantColumns; ++c) {
        order.push_back(absl::StrCat("三、", spec.short_name, " ", Column(c)));
      }
    }
    for (const char* kind : kCaseKinds) {
      for (const char* col : kCaseColumns) order.push_back(absl::StrCat("四、", kind, " ", col));
    }
  }
  std::vector<Discrepancy> out;
  for (const std::string& name : order) {
    auto p = published.figures.find(name);
    if (p == published.figures.end()) continue;
    Discrepancy d;
    d.figure = name;
    d.published = p->second;
    auto g = ours.find(name);
    if (g == ours.end()) {
      if (absl::StrContains(name, "现行有效件数")) {
        d.text = absl::StrCat(name, "：报告 ", p->second, "，年初现行有效件数未录入，无法核对");
      } else {
        d.text = absl::StrCat(name, "：报告 ", p->second, "，月报未按申请人分列，无法核对");
      }
      out.push_back(std::move(d));
      continue;
    }
    std::string mine = g->second;
    bool same;
    if (name == kFees) {
      // Compare at the published precision.
      size_t dot = p->second.find('.');
      int decimals = dot == std::string::npos ? 0 : static_cast<int>(p->second.size() - dot - 1);
      double wan = generated.statutory().fees_collected_yuan() / 10000.0;
      double pub = 0;
      (void)absl::SimpleAtod(p->second, &pub);  // IsFigure accepted it
      double scale = std::pow(10.0, decimals);
      same = std::llround(wan * scale) == std::llround(pub * scale);
      mine = absl::StrFormat("%.*f", decimals, wan);
    } else {
      int64_t a = 0, b = 0;
      same = absl::SimpleAtoi(p->second, &a) && absl::SimpleAtoi(mine, &b) && a == b;
    }
    if (same) continue;
    d.computed = mine;
    d.text = absl::StrCat(name, "：报告 ", p->second, "，月报合计 ", mine);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace gongkai::cli
