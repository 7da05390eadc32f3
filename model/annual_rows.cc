#include "model/annual_rows.h"

#include "absl/strings/str_replace.h"

namespace gongkai::model {
namespace {

constexpr char kResults[] = "三、本年度办理结果";

ApplicationRowSpec Result(std::string key, std::string group, std::string reason,
                          std::string short_name) {
  ApplicationRowSpec r;
  r.section = kResults;
  r.group = std::move(group);
  r.reason = std::move(reason);
  r.short_name = std::move(short_name);
  r.total_path = "applications." + key;
  r.column_path = "applications.applicant_columns.%s." + key;
  r.key = std::move(key);
  return r;
}

struct Reason {
  const char* field;
  const char* text;
};

// The reasons of one outcome, numbered 1．2．... as published.
void AddGroup(const char* prefix, const char* heading, const char* short_group,
              std::initializer_list<Reason> reasons, std::vector<ApplicationRowSpec>* rows) {
  int n = 1;
  for (const Reason& r : reasons) {
    rows->push_back(Result(std::string("results.") + prefix + "." + r.field, heading,
                           std::to_string(n++) + "．" + r.text,
                           std::string(short_group) + "·" + r.text));
  }
}

std::vector<ApplicationRowSpec>* MakeRows() {
  auto* rows = new std::vector<ApplicationRowSpec>();
  rows->push_back({"new", "一、本年新收政府信息公开申请数量", "", "", "新收",
                   "applications.new_total", "applications.by_applicant.%s"});
  rows->push_back({"carried_over", "二、上年结转政府信息公开申请数量", "", "", "上年结转",
                   "applications.carried_over",
                   "applications.applicant_columns.%s.carried_over"});
  rows->push_back(Result("results.granted", "（一）予以公开", "", "予以公开"));
  rows->push_back(Result("results.partly_granted",
                         "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "",
                         "部分公开"));
  AddGroup("refused", "（三）不予公开", "不予公开",
           {{"state_secret", "属于国家秘密"},
            {"prohibited_by_law", "其他法律行政法规禁止公开"},
            {"endangers_safety_stability", "危及“三安全一稳定”"},
            {"third_party_rights", "保护第三方合法权益"},
            {"internal_affairs", "属于三类内部事务信息"},
            {"process_information", "属于四类过程性信息"},
            {"enforcement_files", "属于行政执法案卷"},
            {"query_matters", "属于行政查询事项"}},
           rows);
  AddGroup("cannot_provide", "（四）无法提供", "无法提供",
           {{"not_held", "本机关不掌握相关政府信息"},
            {"needs_creation", "没有现成信息需要另行制作"},
            {"unclear_after_correction", "补正后申请内容仍不明确"}},
           rows);
  AddGroup("not_processed", "（五）不予处理", "不予处理",
           {{"petition_complaint", "信访举报投诉类申请"},
            {"repeated", "重复申请"},
            {"publications", "要求提供公开出版物"},
            {"mass_repeated", "无正当理由大量反复申请"},
            {"confirm_or_reissue", "要求行政机关确认或重新出具已获取信息"}},
           rows);
  AddGroup("other", "（六）其他处理", "其他处理",
           {{"overdue_correction",
             "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
            {"overdue_fee",
             "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
            {"other", "其他"}},
           rows);
  rows->push_back(Result("results.total", "（七）总计", "", "办理结果总计"));
  rows->push_back({"carried_forward", "四、结转下年度继续办理", "", "", "结转下年度",
                   "applications.carried_forward",
                   "applications.applicant_columns.%s.carried_forward"});
  return rows;
}

}  // namespace

const std::vector<ApplicationRowSpec>& ApplicationRows() {
  static const std::vector<ApplicationRowSpec>* rows = MakeRows();
  return *rows;
}

std::string ApplicantPath(const ApplicationRowSpec& row, int column) {
  return absl::StrReplaceAll(row.column_path, {{"%s", kApplicantFields[column]}});
}

}  // namespace gongkai::model
