// The rows and columns of the statutory annual report's table 三 (国办公开办函
// 〔2021〕30号), and where each comes from in a monthly report. Shared by the
// computation, the renderers and the check of a published report.
#ifndef GONGKAI_MODEL_ANNUAL_ROWS_H_
#define GONGKAI_MODEL_ANNUAL_ROWS_H_

#include <string>
#include <vector>

namespace gongkai::model {

// The six applicant columns before 总计, in the national order.
inline constexpr int kApplicantColumns = 6;
// Field names in ApplicantSplit and ApplicantColumns.
inline constexpr const char* kApplicantFields[kApplicantColumns] = {
    "natural_person",     "commercial_enterprise", "research_institution",
    "social_welfare_org", "legal_service_org",     "other_org"};
// Column headings as published.
inline constexpr const char* kApplicantNames[kApplicantColumns] = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};

// One row of table 三.
struct ApplicationRowSpec {
  // Stable key: "new", "carried_over", "results.granted", ...,
  // "results.total", "carried_forward".
  std::string key;
  // The row's first heading cell: "一、本年新收政府信息公开申请数量",
  // "三、本年度办理结果" for every result row.
  std::string section;
  // The second: "（三）不予公开" for its reasons; "（一）予以公开" for a result
  // row without reasons; empty for 一, 二 and 四.
  std::string group;
  // The third, for a reason: "1．属于国家秘密"; else empty.
  std::string reason;
  // How an inspector names it: "新收", "不予公开·属于国家秘密", "办理结果总计".
  std::string short_name;
  // The row's total in MonthlyReport ("applications.results.refused.state_secret").
  std::string total_path;
  // One applicant's figure in MonthlyReport, with "%s" for the applicant
  // field ("applications.applicant_columns.%s.results.refused.state_secret").
  std::string column_path;
};

// Every row, in the national order: 一 新收, 二 上年结转, 三 (一)-(七), 四 结转下年度.
const std::vector<ApplicationRowSpec>& ApplicationRows();

// The column path of `row` for applicant `column` (0-5).
std::string ApplicantPath(const ApplicationRowSpec& row, int column);

}  // namespace gongkai::model

#endif  // GONGKAI_MODEL_ANNUAL_ROWS_H_
