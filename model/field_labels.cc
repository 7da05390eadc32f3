#include "model/field_labels.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gongkai/v1/report.pb.h"

namespace gongkai::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;

// The label of each field of the report's messages ("Message.field"); a
// figure's label joins the labels of its path after the top-level part.
const absl::flat_hash_map<std::string, std::string>& SegmentLabels() {
  static const auto* labels = new absl::flat_hash_map<std::string, std::string>{
      {"MonthlyReport.proactive", "主动公开"},
      {"MonthlyReport.statutory", "法定主动公开事项"},
      {"MonthlyReport.applications", "依申请公开"},
      {"MonthlyReport.consultations", "咨询"},
      {"MonthlyReport.oversight", "复议诉讼申诉"},
      {"MonthlyReport.interaction", "政民互动"},

      {"ProactiveDisclosure.items_total", "主动公开信息总数"},
      {"ProactiveDisclosure.categories", "按类别"},
      {"ProactiveDisclosure.key_domains", "重点领域"},
      {"ProactiveDisclosure.interpretations", "政策解读数"},
      {"ProactiveDisclosure.interpretations_on_time", "3个工作日内解读数"},
      {"ProactiveDisclosure.channels", "公开渠道"},

      {"DisclosureCategories.overview", "概况信息"},
      {"DisclosureCategories.regulations", "法规文件"},
      {"DisclosureCategories.plans", "发展规划"},
      {"DisclosureCategories.work_updates", "工作动态"},
      {"DisclosureCategories.personnel", "人事信息"},
      {"DisclosureCategories.finance", "财经信息"},
      {"DisclosureCategories.law_enforcement", "行政执法"},
      {"DisclosureCategories.public_services", "公共服务"},
      {"DisclosureCategories.other", "其他"},

      {"KeyDomains.fiscal_budgets", "财政预决算"},
      {"KeyDomains.affordable_housing", "保障性住房"},
      {"KeyDomains.food_safety", "食品安全"},
      {"KeyDomains.environment", "环境保护"},
      {"KeyDomains.tendering", "招投标"},
      {"KeyDomains.work_safety_accidents", "生产安全事故"},
      {"KeyDomains.land_expropriation", "征地拆迁"},
      {"KeyDomains.prices_and_fees", "价格和收费"},

      {"DisclosureChannels.website", "政府网站"},
      {"DisclosureChannels.weibo", "政务微博"},
      {"DisclosureChannels.wechat", "政务微信"},
      {"DisclosureChannels.gazette", "政府公报"},
      {"DisclosureChannels.press_conferences", "新闻发布会"},
      {"DisclosureChannels.other_media", "其他媒体"},

      {"StatutoryItems.rules_issued", "规章制发件数"},
      {"StatutoryItems.rules_repealed", "规章废止件数"},
      {"StatutoryItems.normative_documents_issued", "规范性文件制发件数"},
      {"StatutoryItems.normative_documents_repealed", "规范性文件废止件数"},
      {"StatutoryItems.licensing_decisions", "行政许可决定数"},
      {"StatutoryItems.penalty_decisions", "行政处罚决定数"},
      {"StatutoryItems.enforcement_decisions", "行政强制决定数"},
      {"StatutoryItems.fees_collected_yuan", "行政事业性收费(元)"},

      {"ApplicantSplit.natural_person", "自然人"},
      {"ApplicantSplit.commercial_enterprise", "商业企业"},
      {"ApplicantSplit.research_institution", "科研机构"},
      {"ApplicantSplit.social_welfare_org", "社会公益组织"},
      {"ApplicantSplit.legal_service_org", "法律服务机构"},
      {"ApplicantSplit.other_org", "其他组织"},

      {"ApplicationChannels.in_person", "当面"},
      {"ApplicationChannels.fax", "传真"},
      {"ApplicationChannels.email", "电子邮件"},
      {"ApplicationChannels.online", "网上"},
      {"ApplicationChannels.letter", "信函"},
      {"ApplicationChannels.other", "其他形式"},

      {"Applications.new_total", "本期新收"},
      {"Applications.by_applicant", "新收按申请人"},
      {"Applications.received", "新收按渠道"},
      {"Applications.carried_over", "上期结转"},
      {"Applications.results", "办理结果"},
      {"Applications.carried_forward", "结转下期"},
      {"Applications.replied_on_time", "按期答复"},
      {"Applications.replied_overdue", "逾期答复"},
      {"Applications.processing_fees_yuan", "信息处理费(元)"},
      {"Applications.applicant_columns", "按申请人"},

      {"ApplicationResults.granted", "予以公开"},
      {"ApplicationResults.partly_granted", "部分公开"},
      {"ApplicationResults.refused", "不予公开"},
      {"ApplicationResults.cannot_provide", "无法提供"},
      {"ApplicationResults.not_processed", "不予处理"},
      {"ApplicationResults.other", "其他处理"},
      {"ApplicationResults.total", "总计"},

      {"RefusedResults.total", "小计"},
      {"RefusedResults.state_secret", "国家秘密"},
      {"RefusedResults.prohibited_by_law", "法律行政法规禁止"},
      {"RefusedResults.endangers_safety_stability", "危及三安全一稳定"},
      {"RefusedResults.third_party_rights", "保护第三方合法权益"},
      {"RefusedResults.internal_affairs", "三类内部事务信息"},
      {"RefusedResults.process_information", "四类过程性信息"},
      {"RefusedResults.enforcement_files", "行政执法案卷"},
      {"RefusedResults.query_matters", "行政查询事项"},

      {"CannotProvideResults.total", "小计"},
      {"CannotProvideResults.not_held", "本机关不掌握"},
      {"CannotProvideResults.needs_creation", "需另行制作"},
      {"CannotProvideResults.unclear_after_correction", "补正后仍不明确"},

      {"NotProcessedResults.total", "小计"},
      {"NotProcessedResults.petition_complaint", "信访举报投诉"},
      {"NotProcessedResults.repeated", "重复申请"},
      {"NotProcessedResults.publications", "要求提供公开出版物"},
      {"NotProcessedResults.mass_repeated", "无正当理由大量反复申请"},
      {"NotProcessedResults.confirm_or_reissue", "要求确认或重新出具"},

      {"OtherResults.total", "小计"},
      {"OtherResults.overdue_correction", "逾期不补正"},
      {"OtherResults.overdue_fee", "逾期未缴费"},
      {"OtherResults.other", "其他"},

      {"ApplicantColumn.carried_over", "上期结转"},
      {"ApplicantColumn.results", "办理结果"},
      {"ApplicantColumn.carried_forward", "结转下期"},

      {"ApplicantColumns.natural_person", "自然人"},
      {"ApplicantColumns.commercial_enterprise", "商业企业"},
      {"ApplicantColumns.research_institution", "科研机构"},
      {"ApplicantColumns.social_welfare_org", "社会公益组织"},
      {"ApplicantColumns.legal_service_org", "法律服务机构"},
      {"ApplicantColumns.other_org", "其他组织"},

      {"Consultations.online", "网上咨询(人次)"},
      {"Consultations.phone", "电话咨询(人次)"},
      {"Consultations.in_person", "当面咨询(人次)"},
      {"Consultations.column_page_views", "公开专栏访问量"},

      {"OversightCases.upheld", "结果维持"},
      {"OversightCases.corrected", "结果纠正"},
      {"OversightCases.other", "其他结果"},
      {"OversightCases.pending", "尚未审结"},
      {"OversightCases.total", "总计"},

      {"Oversight.reconsideration", "行政复议"},
      {"Oversight.litigation_direct", "未经复议直接起诉"},
      {"Oversight.litigation_after_reconsideration", "复议后起诉"},
      {"Oversight.complaints", "申诉"},

      {"Interaction.mailbox_received", "信箱留言收到"},
      {"Interaction.mailbox_replied", "信箱留言已回复"},
      {"Interaction.npc_suggestions_answered", "人大代表建议公开答复"},
      {"Interaction.cppcc_proposals_answered", "政协提案公开答复"},
  };
  return *labels;
}

// The labels of each part of `path`, from the top-level part; a part
// without a label keeps its field name (a test keeps the table complete).
std::vector<std::string> PartLabels(absl::string_view path) {
  std::vector<std::string> out;
  const Descriptor* message = v1::MonthlyReport::descriptor();
  for (absl::string_view part : absl::StrSplit(path, '.')) {
    const FieldDescriptor* field =
        message == nullptr ? nullptr : message->FindFieldByName(std::string(part));
    std::string key = absl::StrCat(message == nullptr ? "" : message->name(), ".", part);
    auto it = SegmentLabels().find(key);
    out.push_back(it == SegmentLabels().end() ? std::string(part) : it->second);
    message = field == nullptr ? nullptr : field->message_type();
  }
  return out;
}

std::string SectionOf(absl::string_view path) {
  if (absl::StartsWith(path, "proactive.interpretations")) return "interpretation";
  if (absl::StartsWith(path, "proactive.") || absl::StartsWith(path, "statutory.")) {
    return "proactive";
  }
  if (absl::StartsWith(path, "applications.")) return "applications";
  if (absl::StartsWith(path, "oversight.")) return "oversight";
  return "mailbox";  // interaction, consultations
}

}  // namespace

const std::vector<FormSection>& FormSections() {
  static const auto* sections = new std::vector<FormSection>{
      {"proactive", "主动公开"},      {"interpretation", "政策解读"},
      {"applications", "依申请公开"}, {"oversight", "监督"},
      {"mailbox", "信箱"},
  };
  return *sections;
}

std::string LabelOf(absl::string_view path) {
  std::string shared;
  bool any = false;
  const std::string prefix = absl::StrCat(path, ".");
  for (const CatalogueEntry& e : FieldCatalogue()) {
    if (e.path == path) return e.label;
    if (!absl::StartsWith(e.path, prefix) || !e.in_template) continue;
    // The label's part before its last "·" names the group.
    const size_t dot = e.label.rfind("·");
    const std::string head = dot == std::string::npos ? e.label : e.label.substr(0, dot);
    if (!any) {
      shared = head;
      any = true;
    } else if (shared != head) {
      shared.clear();
    }
  }
  return shared.empty() ? std::string(path) : shared;
}

const std::vector<CatalogueEntry>& FieldCatalogue() {
  static const auto* entries = [] {
    auto* out = new std::vector<CatalogueEntry>();
    for (const FieldPath& p : AllFigurePaths()) {
      std::vector<std::string> parts = PartLabels(p.path());
      CatalogueEntry e;
      e.path = p.path();
      e.label = parts.size() == 1
                    ? parts[0]
                    : absl::StrJoin(std::vector<std::string>(parts.begin() + 1, parts.end()), "·");
      e.section = SectionOf(p.path());
      e.in_template = !absl::StartsWith(p.path(), "applications.applicant_columns.");
      out->push_back(std::move(e));
    }
    return out;
  }();
  return *entries;
}

std::vector<FormField> TemplateFields() {
  std::vector<FormField> out;
  for (const FormSection& s : FormSections()) {
    for (const CatalogueEntry& e : FieldCatalogue()) {
      if (e.in_template && e.section == s.id) out.push_back(e);
    }
  }
  return out;
}

std::optional<FieldPath> FigureOfHeader(absl::string_view header) {
  static const auto* by_label = [] {
    auto* out = new absl::flat_hash_map<std::string, std::string>();
    for (const CatalogueEntry& e : FieldCatalogue()) {
      (*out)[e.label] = e.path;
      (*out)[absl::StrCat(PartLabels(e.path).front(), "·", e.label)] = e.path;
    }
    return out;
  }();
  if (auto it = by_label->find(header); it != by_label->end()) {
    return FieldPath::Parse(it->second).value();
  }
  absl::StatusOr<FieldPath> path = FieldPath::Parse(header);
  if (path.ok()) return *std::move(path);
  return std::nullopt;
}

}  // namespace gongkai::model
