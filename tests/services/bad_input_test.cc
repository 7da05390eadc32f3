// The bad-input catalogue over real gRPC: every case is a request a client
// could send, refused with the right code, a message and a
// google.rpc.BadRequest naming the field and the reason, and leaving nothing
// behind — no report, unit, finding, bulletin or case, no audit row, and an
// idempotency key still free. The cases are named in the tables below; the
// CLI's own catalogue (files, schemes) is tests/e2e/bad_input_cli.sh.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "common/utf8.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "model/field_path.h"
#include "storage/rocksdb_store.h"
#include "tests/services/bad_input_harness.h"
#include "tests/services/bulletin_harness.h"

namespace gongkai::services {
namespace {

using gongkai::testing::CleanRequest;
using gongkai::testing::MakeUnit;
using ::testing::HasSubstr;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// True for a key the supervisor accepts (printable ASCII, 1-128 bytes).
bool UsableKey(const std::string& key) {
  if (key.empty() || key.size() > 128 || absl::StrContains(key, kGbkMark)) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

// ---- SubmitReport ------------------------------------------------------------

struct BadReport {
  std::string name;
  // Spoils a clean report of luxi-county for 2025-03.
  std::function<void(v1::SubmitReportRequest*)> spoil;
  Refusal want;
};

// Shown by name in test listings.
void PrintTo(const BadReport& c, std::ostream* os) { *os << c.name; }

std::vector<BadReport> BadReports() {
  using R = v1::SubmitReportRequest;
  auto apps = [](R* r) { return r->mutable_report()->mutable_applications(); };
  return {
      // Counts.
      {"NegativeCount",
       [](R* r) {
         r->mutable_report()->mutable_proactive()->mutable_categories()->set_personnel(-4);
       },
       Invalid({"proactive.categories.personnel"}, "不能为负数")},
      {"NegativeExtra", [](R* r) { (*r->mutable_report()->mutable_extra())["commendations"] = -1; },
       Invalid({"extra.commendations"}, "不能为负数")},
      {"CountInt64Max",
       [](R* r) { r->mutable_report()->mutable_proactive()->set_items_total(kInt64Max); },
       Invalid({"proactive.items_total"}, "数值过大")},
      {"CountInt64MinIsNegativeNotLarge",
       [](R* r) { r->mutable_report()->mutable_interaction()->set_mailbox_received(kInt64Min); },
       Invalid({"interaction.mailbox_received"}, "不能为负数")},
      {"CountJustOverTenToTheTwelfth",
       [](R* r) {
         r->mutable_report()->mutable_consultations()->set_column_page_views(1'000'000'000'001);
       },
       Invalid({"consultations.column_page_views"}, "1000000000001")},
      {"SumOfTwoCountsWouldOverflow",
       [apps](R* r) {
         apps(r)->set_new_total(kInt64Max / 2 + 1);
         apps(r)->set_carried_over(kInt64Max / 2 + 1);
       },
       Invalid({"applications.carried_over", "applications.new_total"}, "数值过大")},
      {"ExtraInt64Max",
       [](R* r) { (*r->mutable_report()->mutable_extra())["training_sessions"] = kInt64Max; },
       Invalid({"extra.training_sessions"}, "数值过大")},
      // Balance identities (errors; parts against totals are only warnings).
      {"BalanceIdentityBrokenBy5",
       [apps](R* r) {
         apps(r)->set_new_total(1232);
         apps(r)->mutable_by_applicant()->set_natural_person(1232);
         apps(r)->mutable_received()->set_online(1232);
         apps(r)->mutable_results()->set_granted(1227);
         apps(r)->mutable_results()->set_total(1227);
         apps(r)->set_replied_on_time(1227);
       },
       Invalid({"applications.results.total"}, "相差 5")},
      {"RepliesDoNotAddUpToResults", [apps](R* r) { apps(r)->set_replied_on_time(2); },
       Invalid({"applications.replied_on_time"}, "应等于办理结果总计")},
      {"OnTimeInterpretationsExceedInterpretations",
       [](R* r) {
         r->mutable_report()->mutable_proactive()->set_interpretations(2);
         r->mutable_report()->mutable_proactive()->set_interpretations_on_time(5);
       },
       Invalid({"proactive.interpretations_on_time"}, "超过政策解读 2 件")},
      {"MailboxRepliesExceedMessages",
       [](R* r) { r->mutable_report()->mutable_interaction()->set_mailbox_replied(41); },
       Invalid({"interaction.mailbox_replied"}, "超过收到留言 40 件")},
      // The unit.
      {"UnknownUnit", [](R* r) { r->mutable_report()->set_unit_id("nowhere-county"); },
       Invalid({"unit_id"}, "未登记的报送单位“nowhere-county”")},
      {"InactiveUnit", [](R* r) { r->mutable_report()->set_unit_id("luxi-closed-town"); },
       Invalid({"unit_id"}, "已停用")},
      {"UnitIdWithCapitalsAndSpace", [](R* r) { r->mutable_report()->set_unit_id("Luxi County"); },
       Invalid({"unit_id"}, "2-64 个小写字母、数字或“-”")},
      {"UnitIdEmpty", [](R* r) { r->mutable_report()->clear_unit_id(); },
       Invalid({"unit_id"}, "报送单位不能为空")},
      // The period.
      {"PeriodMonth13", [](R* r) { r->mutable_report()->set_period("2012-13"); },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"PeriodMonthFirst", [](R* r) { r->mutable_report()->set_period("12-2012"); },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      {"PeriodMonth00", [](R* r) { r->mutable_report()->set_period("2025-00"); },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"PeriodEmpty", [](R* r) { r->mutable_report()->clear_period(); },
       Invalid({"period"}, "报告期不能为空")},
      {"PeriodNextMonth", [](R* r) { r->mutable_report()->set_period("2025-05"); },
       Invalid({"period"}, "尚未到来")},
      {"PeriodFarFuture", [](R* r) { r->mutable_report()->set_period("2999-12"); },
       Invalid({"period"}, "尚未到来")},
      {"PeriodBeforeTheRegulation", [](R* r) { r->mutable_report()->set_period("2008-04"); },
       Invalid({"period"}, "早于《政府信息公开条例》施行")},
      {"PeriodWithSlash", [](R* r) { r->mutable_report()->set_period("2025/03"); },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      {"PeriodFullWidthDigits", [](R* r) { r->mutable_report()->set_period("２０２５-03"); },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      // The idempotency key.
      {"IdempotencyKeyEmpty", [](R* r) { r->clear_idempotency_key(); },
       Invalid({"idempotency_key"}, "幂等键不能为空")},
      {"IdempotencyKey10KB", [](R* r) { r->set_idempotency_key(std::string(10 * 1024, 'k')); },
       Invalid({"idempotency_key"}, "幂等键超过 128 字节")},
      {"IdempotencyKeyWithSpace", [](R* r) { r->set_idempotency_key("march report"); },
       Invalid({"idempotency_key"}, "不含空格的可打印 ASCII")},
      // Extra indicators and text.
      {"UnknownExtraIndicator",
       [](R* r) { (*r->mutable_report()->mutable_extra())["volunteers"] = 3; },
       Invalid({"extra.volunteers"}, "不是考核方案中声明的自定义指标")},
      {"NoteOver2000Characters",
       [](R* r) {
         std::string note;
         for (int i = 0; i < 2001; ++i) note += "报";
         r->mutable_report()->set_note(note);
       },
       Invalid({"note"}, "备注超过 2000 个字符")},
      {"RecordedAtInTheFuture",
       [](R* r) {
         r->mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(
             absl::FromCivil(absl::CivilDay(2025, 4, 4), absl::FixedTimeZone(8 * 3600))));
       },
       Invalid({"recorded_at"}, "补录时间在未来")},
      {"RecordedAtBeforeThePeriod",
       [](R* r) {
         r->mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(
             absl::FromCivil(absl::CivilDay(2025, 2, 27), absl::FixedTimeZone(8 * 3600))));
       },
       Invalid({"recorded_at"}, "补录时间早于报告期 2025-03 开始")},
      // Text that is not UTF-8 (GBK), which protobuf refuses to parse.
      {"GbkUnitId", [](R* r) { r->mutable_report()->set_unit_id(absl::StrCat("luxi", kGbkMark)); },
       Invalid({"unit_id"}, "不是有效的 UTF-8 文本")},
      {"GbkPeriod", [](R* r) { r->mutable_report()->set_period(absl::StrCat("202", kGbkMark)); },
       Invalid({"period"}, "不是有效的 UTF-8 文本")},
      {"GbkNote", [](R* r) { r->mutable_report()->set_note(absl::StrCat("说明：", kGbkMark)); },
       Invalid({"note"}, "不是有效的 UTF-8 文本")},
      {"GbkIdempotencyKey", [](R* r) { r->set_idempotency_key(absl::StrCat("k-", kGbkMark)); },
       Invalid({"idempotency_key"}, "不是有效的 UTF-8 文本")},
      {"GbkExtraName", [](R* r) { (*r->mutable_report()->mutable_extra())[kGbkMark] = 1; },
       Invalid({"extra"}, "名称不是有效的 UTF-8 文本")},
      // Several at once: every violated field is listed.
      {"ThreeErrorsAtOnce",
       [](R* r) {
         r->mutable_report()->set_period("2025-13");
         r->mutable_report()->mutable_proactive()->mutable_categories()->set_plans(-1);
         (*r->mutable_report()->mutable_extra())["volunteers"] = 3;
       },
       Invalid({"period", "proactive.categories.plans", "extra.volunteers"},
               "不是考核方案中声明的自定义指标")},
  };
}

class BadReportTest : public BadInputTest, public ::testing::WithParamInterface<BadReport> {};

TEST_P(BadReportTest, IsRefusedAndLeavesNoTrace) {
  v1::SubmitReportRequest req =
      CleanRequest("luxi-county", "2025-03", 120, absl::StrCat("key-", GetParam().name));
  GetParam().spoil(&req);
  Snapshot before = Take();
  v1::SubmitReportResponse resp;
  grpc::Status s = absl::StrContains(req.SerializeAsString(), kGbkMark)
                       ? RawCall("/gongkai.v1.ReportingService/SubmitReport", req, &resp)
                       : Submit(req, &resp);
  ExpectRefusal(s, GetParam().want);
  EXPECT_EQ(Take(), before);

  // The key was not spent: the clean report with it is stored as version 1.
  std::string key = UsableKey(req.idempotency_key()) ? req.idempotency_key() : "retry-key";
  bool replayed = true;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, key), &resp, &replayed).ok());
  EXPECT_EQ(resp.version(), 1u);
  EXPECT_FALSE(replayed);
  // ...and adds the audit row the refusal did not.
  EXPECT_GT(Take().last_audit_seq, before.last_audit_seq);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadReportTest, ::testing::ValuesIn(BadReports()),
                         [](const auto& info) { return info.param.name; });

// ---- AdminService.RegisterUnit -------------------------------------------------

struct BadUnit {
  std::string name;
  // Spoils 宣风镇, a township of 芦溪县.
  std::function<void(v1::Unit*)> spoil;
  Refusal want;
};

// Shown by name in test listings.
void PrintTo(const BadUnit& c, std::ostream* os) { *os << c.name; }

std::vector<BadUnit> BadUnits() {
  return {
      {"TownshipUnderTownship", [](v1::Unit* u) { u->set_parent_id("luxi-yinhe-town"); },
       Invalid({"unit.parent_id"}, "乡镇街道（TOWNSHIP）的上级须为县区（COUNTY）")},
      {"TownshipUnderCityAgency", [](v1::Unit* u) { u->set_parent_id("city-finance"); },
       Invalid({"unit.parent_id"}, "“city-finance”是市直部门（AGENCY）")},
      {"TownshipUnderTheCity", [](v1::Unit* u) { u->set_parent_id("pingxiang-city"); },
       Invalid({"unit.parent_id"}, "的上级须为县区（COUNTY）")},
      {"CountyUnderCounty",
       [](v1::Unit* u) { *u = MakeUnit("shangli-county", "上栗县", v1::COUNTY, "luxi-county"); },
       Invalid({"unit.parent_id"}, "县区（COUNTY）的上级须为市政府（MUNICIPAL）")},
      {"AgencyUnderCounty",
       [](v1::Unit* u) { *u = MakeUnit("luxi-finance", "县财政局", v1::AGENCY, "luxi-county"); },
       Invalid({"unit.parent_id"}, "市直部门（AGENCY）的上级须为市政府（MUNICIPAL）")},
      {"MunicipalWithAParent",
       [](v1::Unit* u) {
         *u = MakeUnit("jiangxi-province", "江西省", v1::MUNICIPAL, "pingxiang-city");
       },
       Invalid({"unit.parent_id"}, "市级单位没有上级")},
      {"TownshipWithoutCounty", [](v1::Unit* u) { u->clear_parent_id(); },
       Invalid({"unit.parent_id"}, "乡镇街道须指明所属县区")},
      {"UnknownParent", [](v1::Unit* u) { u->set_parent_id("nowhere-county"); },
       Invalid({"unit.parent_id"}, "未登记的报送单位“nowhere-county”")},
      {"OwnParent", [](v1::Unit* u) { u->set_parent_id(u->unit_id()); },
       Invalid({"unit.parent_id"}, "单位不能是自己的上级")},
      {"UnitIdWithCapitals", [](v1::Unit* u) { u->set_unit_id("Luxi-Xuanfeng"); },
       Invalid({"unit.unit_id"}, "须为 2-64 个小写字母、数字或“-”")},
      {"UnitId65Characters", [](v1::Unit* u) { u->set_unit_id(std::string(65, 'x')); },
       Invalid({"unit.unit_id"}, "2-64 个小写字母")},
      {"UnitIdStartingWithDash", [](v1::Unit* u) { u->set_unit_id("-xuanfeng"); },
       Invalid({"unit.unit_id"}, "2-64 个小写字母")},
      {"NameEmpty", [](v1::Unit* u) { u->clear_name(); }, Invalid({"unit.name"}, "单位名称不能为空")},
      {"NameOver200Bytes",
       [](v1::Unit* u) {
         std::string name;
         for (int i = 0; i < 67; ++i) name += "镇";  // 201 bytes
         u->set_name(name);
       },
       Invalid({"unit.name"}, "单位名称超过 200 字节")},
      {"TierUnspecified", [](v1::Unit* u) { u->set_tier(v1::TIER_UNSPECIFIED); },
       Invalid({"unit.tier"}, "层级须为 MUNICIPAL")},
      {"TierUnknownNumber", [](v1::Unit* u) { u->set_tier(static_cast<v1::Tier>(99)); },
       Invalid({"unit.tier"}, "层级须为 MUNICIPAL")},
      {"GbkName", [](v1::Unit* u) { u->set_name(kGbkMark); },
       Invalid({"unit.name"}, "不是有效的 UTF-8 文本")},
      {"GbkUnitId", [](v1::Unit* u) { u->set_unit_id(absl::StrCat("xf", kGbkMark)); },
       Invalid({"unit.unit_id"}, "不是有效的 UTF-8 文本")},
      {"AlreadyRegistered",
       [](v1::Unit* u) { *u = MakeUnit("luxi-county", "芦溪", v1::COUNTY, "pingxiang-city"); },
       Refused(grpc::StatusCode::ALREADY_EXISTS, "单位“luxi-county”已登记")},
  };
}

class BadUnitTest : public BadInputTest, public ::testing::WithParamInterface<BadUnit> {};

TEST_P(BadUnitTest, IsRefusedAndTheRegisterIsUnchanged) {
  const v1::Unit clean = MakeUnit("luxi-xuanfeng-town", "宣风镇", v1::TOWNSHIP, "luxi-county");
  v1::RegisterUnitRequest req;
  *req.mutable_unit() = clean;
  GetParam().spoil(req.mutable_unit());
  Snapshot before = Take();
  v1::Unit out;
  grpc::Status s;
  if (absl::StrContains(req.SerializeAsString(), kGbkMark)) {
    s = RawCall("/gongkai.v1.AdminService/RegisterUnit", req, &out);
  } else {
    grpc::ClientContext ctx;
    s = admin_->RegisterUnit(&ctx, req, &out);
  }
  ExpectRefusal(s, GetParam().want);
  EXPECT_EQ(Take(), before);

  // The register still takes the clean unit.
  grpc::ClientContext ctx;
  v1::RegisterUnitRequest again;
  *again.mutable_unit() = clean;
  grpc::Status ok = admin_->RegisterUnit(&ctx, again, &out);
  EXPECT_TRUE(ok.ok()) << ok.error_message();
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadUnitTest, ::testing::ValuesIn(BadUnits()),
                         [](const auto& info) { return info.param.name; });

// ---- Other calls: findings, bulletins, cases, reads ----------------------------

struct BadCall {
  std::string name;
  std::function<grpc::Status(BadInputTest*)> call;
  Refusal want;
};

// A test that exposes the fixture's calls to the table.
class BadCallTest : public BadInputTest, public ::testing::WithParamInterface<BadCall> {
 public:
  grpc::Status Finding(const std::string& unit, const std::string& period, int kind,
                       const std::string& note) {
    v1::RecordFindingRequest req;
    req.set_unit_id(unit);
    req.set_period(period);
    req.set_kind(static_cast<v1::FindingKind>(kind));
    req.set_note(note);
    v1::Finding out;
    if (absl::StrContains(req.SerializeAsString(), kGbkMark)) {
      return RawCall("/gongkai.v1.SupervisionService/RecordFinding", req, &out);
    }
    grpc::ClientContext ctx;
    return supervision_->RecordFinding(&ctx, req, &out);
  }

  grpc::Status Publish(const std::string& period, const std::string& correction = "") {
    v1::PublishBulletinRequest req;
    req.set_period(period);
    req.set_correction_reason(correction);
    v1::Bulletin out;
    if (absl::StrContains(req.SerializeAsString(), kGbkMark)) {
      return RawCall("/gongkai.v1.BulletinService/PublishBulletin", req, &out);
    }
    grpc::ClientContext ctx;
    return bulletins_->PublishBulletin(&ctx, req, &out);
  }

  // Any other call, its request sent raw (so it may hold GBK bytes).
  template <class Request, class Response>
  grpc::Status Raw(const std::string& method, const Request& req) {
    Response out;
    return RawCall(method, req, &out);
  }
};

template <class M>
M With(std::function<void(M*)> fill) {
  M m;
  fill(&m);
  return m;
}

// Shown by name in test listings.
void PrintTo(const BadCall& c, std::ostream* os) { *os << c.name; }

std::vector<BadCall> BadCalls() {
  using T = BadCallTest;
  const int kBrokenLink = v1::BROKEN_LINK;
  std::string long_note(2001, 'n');
  return {
      // Findings (SupervisionService.RecordFinding).
      {"FindingUnknownKind",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-03", 99, "");
       },
       Invalid({"kind"}, "本系统不认识该问题类型（收到 99）")},
      {"FindingWithoutKind",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-03", 0, "");
       },
       Invalid({"kind"}, "请选择问题类型")},
      {"FindingUnknownUnit",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("nowhere-county", "2025-03", kBrokenLink, "");
       },
       Invalid({"unit_id"}, "未登记的报送单位“nowhere-county”")},
      {"FindingFuturePeriod",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-05", kBrokenLink, "");
       },
       Invalid({"period"}, "尚未到来")},
      {"FindingPeriodMonth13",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-13", kBrokenLink, "");
       },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"FindingNoteOver2000Bytes",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-03", kBrokenLink, long_note);
       },
       Invalid({"note"}, "超过 2000 字节")},
      {"FindingGbkNote",
       [=](BadInputTest* t) {
         return static_cast<T*>(t)->Finding("luxi-county", "2025-03", kBrokenLink, kGbkMark);
       },
       Invalid({"note"}, "不是有效的 UTF-8 文本")},
      // Bulletins (BulletinService.PublishBulletin / GetBulletin).
      {"BulletinPeriodMonth13",
       [](BadInputTest* t) { return static_cast<T*>(t)->Publish("2025-13"); },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"BulletinPeriodWithSlash",
       [](BadInputTest* t) { return static_cast<T*>(t)->Publish("2025/03"); },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      {"BulletinPeriodEmpty", [](BadInputTest* t) { return static_cast<T*>(t)->Publish(""); },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      {"BulletinPeriodInTheFuture",
       [](BadInputTest* t) { return static_cast<T*>(t)->Publish("2025-05"); },
       Invalid({"period"}, "尚未到来")},
      {"BulletinGbkPeriod",
       [](BadInputTest* t) { return static_cast<T*>(t)->Publish(absl::StrCat("202", kGbkMark)); },
       Invalid({"period"}, "不是有效的 UTF-8 文本")},
      {"BulletinCorrectionReasonOver2000Bytes",
       [=](BadInputTest* t) { return static_cast<T*>(t)->Publish("2025-03", long_note); },
       Invalid({"correction_reason"}, "超过 2000 字节")},
      {"GetBulletinNamingNothing",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::GetBulletinRequest, v1::Bulletin>(
             "/gongkai.v1.BulletinService/GetBulletin", v1::GetBulletinRequest());
       },
       Invalid({"period"}, "请给出报告期，或年份与期号")},
      // Cases (no case exists: the arguments are checked first).
      {"CaseNoteEmpty",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::AddCaseNoteRequest, v1::Case>(
             "/gongkai.v1.BulletinService/AddCaseNote",
             With<v1::AddCaseNoteRequest>([](auto* r) { r->set_case_id("luxi-county/1"); }));
       },
       Invalid({"note"}, "备注不能为空")},
      {"CaseNoteGbk",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::AddCaseNoteRequest, v1::Case>(
             "/gongkai.v1.BulletinService/AddCaseNote", With<v1::AddCaseNoteRequest>([](auto* r) {
               r->set_case_id("luxi-county/1");
               r->set_note(kGbkMark);
             }));
       },
       Invalid({"note"}, "不是有效的 UTF-8 文本")},
      {"InterviewDateNotADate",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::RecordInterviewRequest, v1::Case>(
             "/gongkai.v1.BulletinService/RecordInterview",
             With<v1::RecordInterviewRequest>([](auto* r) {
               r->set_case_id("luxi-county/1");
               r->set_held_on("next Tuesday");
             }));
       },
       Invalid({"held_on"}, "不是日期（YYYY-MM-DD）")},
      // Reads.
      {"GetReportPeriodMonth13",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::GetReportRequest, v1::Submission>(
             "/gongkai.v1.ReportingService/GetReport", With<v1::GetReportRequest>([](auto* r) {
               r->set_unit_id("luxi-county");
               r->set_period("2012-13");
             }));
       },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"GetReportGbkUnitId",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::GetReportRequest, v1::Submission>(
             "/gongkai.v1.ReportingService/GetReport", With<v1::GetReportRequest>([](auto* r) {
               r->set_unit_id(absl::StrCat("luxi-", kGbkMark));
               r->set_period("2025-03");
             }));
       },
       Invalid({"unit_id"}, "不是有效的 UTF-8 文本")},
      {"HistoryFromPeriodMonthFirst",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::ListSubmissionsRequest, v1::ListSubmissionsResponse>(
             "/gongkai.v1.ReportingService/ListSubmissions",
             With<v1::ListSubmissionsRequest>([](auto* r) {
               r->set_unit_id("luxi-county");
               r->set_from_period("12-2012");
             }));
       },
       Invalid({"from_period"}, "不是 YYYY-MM 格式")},
      {"PeriodReportsMonth00",
       [](BadInputTest* t) {
         return static_cast<T*>(t)
             ->Raw<v1::ListPeriodReportsRequest, v1::ListPeriodReportsResponse>(
                 "/gongkai.v1.ReportingService/ListPeriodReports",
                 With<v1::ListPeriodReportsRequest>([](auto* r) { r->set_period("2025-00"); }));
       },
       Invalid({"period"}, "没有 01-12 的月份")},
      {"ReportingStatusEmptyPeriod",
       [](BadInputTest* t) {
         return static_cast<T*>(t)
             ->Raw<v1::GetReportingStatusRequest, v1::GetReportingStatusResponse>(
                 "/gongkai.v1.SupervisionService/GetReportingStatus",
                 v1::GetReportingStatusRequest());
       },
       Invalid({"period"}, "不是 YYYY-MM 格式")},
      {"ListUnitsGbkParent",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::ListUnitsRequest, v1::ListUnitsResponse>(
             "/gongkai.v1.AdminService/ListUnits",
             With<v1::ListUnitsRequest>([](auto* r) { r->set_parent_id(kGbkMark); }));
       },
       Invalid({"parent_id"}, "不是有效的 UTF-8 文本")},
      {"ListFindingsGbkUnit",
       [](BadInputTest* t) {
         return static_cast<T*>(t)->Raw<v1::ListFindingsRequest, v1::ListFindingsResponse>(
             "/gongkai.v1.SupervisionService/ListFindings",
             With<v1::ListFindingsRequest>([](auto* r) { r->set_unit_id(kGbkMark); }));
       },
       Invalid({"unit_id"}, "不是有效的 UTF-8 文本")},
      // Not a protobuf message at all.
      {"SubmitReportGarbageBytes",
       [](BadInputTest* t) {
         v1::SubmitReportResponse out;
         return static_cast<T*>(t)->RawBytesCall("/gongkai.v1.ReportingService/SubmitReport",
                                                 "\xff\xff\xff\xff", &out);
       },
       Invalid({}, "请求不是格式正确的 gongkai.v1.SubmitReportRequest")},
      {"RegisterUnitTruncatedMessage",
       [](BadInputTest* t) {
         v1::RegisterUnitRequest req;
         *req.mutable_unit() =
             MakeUnit("luxi-xuanfeng-town", "宣风镇", v1::TOWNSHIP, "luxi-county");
         std::string bytes = req.SerializeAsString();
         v1::Unit out;
         return static_cast<T*>(t)->RawBytesCall("/gongkai.v1.AdminService/RegisterUnit",
                                                 bytes.substr(0, bytes.size() - 3), &out);
       },
       Invalid({}, "请求不是格式正确的 gongkai.v1.RegisterUnitRequest")},
      {"ImportUnitsTooManyInOneCall",
       [](BadInputTest* t) {
         v1::ImportUnitsRequest req;
         for (int i = 0; i < 10001; ++i) {
           *req.add_units() = MakeUnit(absl::StrCat("luxi-t", i, "-town"), "镇", v1::TOWNSHIP,
                                       "luxi-county");
         }
         v1::ImportUnitsResponse out;
         return static_cast<T*>(t)->RawCall("/gongkai.v1.AdminService/ImportUnits", req, &out);
       },
       Invalid({"units"}, "共 10001 个单位；一次最多导入 10000 个")},
      {"RegisterUnitEmptyMessage",
       [](BadInputTest* t) {
         v1::Unit out;
         return static_cast<T*>(t)->RawBytesCall("/gongkai.v1.AdminService/RegisterUnit", "", &out);
       },
       Invalid({"unit.name", "unit.tier", "unit.unit_id"}, "单位名称不能为空")},
  };
}

TEST_P(BadCallTest, IsRefusedAndLeavesNoTrace) {
  Snapshot before = Take();
  ExpectRefusal(GetParam().call(this), GetParam().want);
  EXPECT_EQ(Take(), before);
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadCallTest, ::testing::ValuesIn(BadCalls()),
                         [](const auto& info) { return info.param.name; });

// ---- The transport: size, deadlines, streams ------------------------------------

TEST_F(BadInputTest, OversizedMessageIsRefusedBeforeItIsRead) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "big");
  req.mutable_report()->set_note(std::string(config_.max_message_bytes() + 1, 'x'));
  Snapshot before = Take();
  v1::SubmitReportResponse resp;
  grpc::Status s = Submit(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("larger than max"));
  EXPECT_EQ(Take(), before);
  bool replayed = true;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "big"), &resp, &replayed).ok());
  EXPECT_EQ(resp.version(), 1u);
  EXPECT_FALSE(replayed);
}

TEST_F(BadInputTest, ExpiredDeadlineStoresNothing) {
  Snapshot before = Take();
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() - absl::Seconds(1)));
  v1::SubmitReportResponse resp;
  grpc::Status s =
      reporting_->SubmitReport(&ctx, CleanRequest("luxi-county", "2025-03", 120, "late"), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << s.error_message();
  EXPECT_EQ(Take(), before);
  bool replayed = true;
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-03", 120, "late"), &resp, &replayed).ok());
  EXPECT_EQ(resp.version(), 1u);
  EXPECT_FALSE(replayed);
}

// A 1 ms deadline may pass before or after the report is durable. Either way
// the outcome is consistent: refused and absent, with the key free; or
// stored, readable, and the retry answered as a replay of version 1.
TEST_F(BadInputTest, OneMillisecondDeadlineIsConsistent) {
  int expired = 0, stored_anyway = 0;
  for (int month = 1; month <= 12; ++month) {
    std::string period = absl::StrFormat("2024-%02d", month);
    std::string key = absl::StrCat("hurry-", month);
    SCOPED_TRACE(period);
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Milliseconds(1)));
    v1::SubmitReportResponse resp;
    grpc::Status s =
        reporting_->SubmitReport(&ctx, CleanRequest("luxi-county", period, 120, key), &resp);
    ASSERT_TRUE(s.ok() || s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)
        << s.error_code() << " " << s.error_message();
    if (!s.ok()) ++expired;
    // Let a commit still under way land before looking.
    supervisor_->Shutdown();
    supervisor_.reset();
    ASSERT_OK_AND_ASSIGN(supervisor_, Supervisor::Start(config_, &clock_));
    channel_ = gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kAdminToken);
    reporting_ = v1::ReportingService::NewStub(channel_);
    grpc::ClientContext get_ctx;
    v1::GetReportRequest get;
    get.set_unit_id("luxi-county");
    get.set_period(period);
    v1::Submission stored;
    grpc::Status found = reporting_->GetReport(&get_ctx, get, &stored);
    ASSERT_TRUE(found.ok() || found.error_code() == grpc::StatusCode::NOT_FOUND);
    if (s.ok()) {
      ASSERT_TRUE(found.ok()) << "acknowledged but not stored";
    } else if (found.ok()) {
      ++stored_anyway;
    }
    bool replayed = false;
    v1::SubmitReportResponse again;
    ASSERT_TRUE(Submit(CleanRequest("luxi-county", period, 120, key), &again, &replayed).ok());
    EXPECT_EQ(again.version(), 1u);
    EXPECT_EQ(replayed, found.ok()) << "stored: " << found.ok();
  }
  // Not an assertion (timing decides), but worth seeing in the log.
  std::printf("1 ms deadline: %d of 12 expired, %d of them stored anyway\n", expired,
              stored_anyway);
}

// A batch used to end at a report that did not parse, answering OK for the
// reports before it and silently dropping the rest.
TEST_F(BadInputTest, BatchRefusesAnUnreadableReportAndTakesTheRest) {
  v1::SubmitReportRequest gbk = CleanRequest("luxi-yinhe-town", "2025-02", 40, "b2");
  gbk.mutable_report()->set_note(kGbkMark);
  std::vector<std::string> bytes = {
      CleanRequest("luxi-yinhe-town", "2025-01", 40, "b1").SerializeAsString(),
      absl::StrReplaceAll(gbk.SerializeAsString(), {{kGbkMark, "\xC6\xBC\xCF\xE7"}}),
      CleanRequest("luxi-yinhe-town", "2025-03", 40, "b3").SerializeAsString()};
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel_);
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  auto call = stub.PrepareCall(&ctx, "/gongkai.v1.ReportingService/SubmitBatch", &cq);
  void* tag;
  bool ok;
  auto step = [&](intptr_t want) {
    ASSERT_TRUE(cq.Next(&tag, &ok));
    ASSERT_EQ(reinterpret_cast<intptr_t>(tag), want);
    ASSERT_TRUE(ok);
  };
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  for (const std::string& b : bytes) {
    grpc::Slice slice(b);
    grpc::ByteBuffer buffer(&slice, 1);
    call->Write(buffer, reinterpret_cast<void*>(2));
    step(2);
  }
  call->WritesDone(reinterpret_cast<void*>(3));
  step(3);
  grpc::ByteBuffer answer;
  call->Read(&answer, reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  step(5);
  ASSERT_TRUE(status.ok()) << status.error_message();
  grpc::Slice out;
  ASSERT_TRUE(answer.DumpToSingleSlice(&out).ok());
  v1::SubmitBatchResponse resp;
  ASSERT_TRUE(resp.ParseFromArray(out.begin(), static_cast<int>(out.size())));
  ASSERT_EQ(resp.results_size(), 3);
  EXPECT_EQ(resp.accepted(), 2u);
  EXPECT_EQ(resp.refused(), 1u);
  EXPECT_TRUE(resp.results(0).has_accepted());
  EXPECT_EQ(resp.results(1).error_code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(resp.results(1).field_errors_size(), 1);
  EXPECT_EQ(resp.results(1).field_errors(0).field(), "note");
  EXPECT_THAT(resp.results(1).field_errors(0).description(), HasSubstr("不是有效的 UTF-8 文本"));
  EXPECT_TRUE(resp.results(2).has_accepted());
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }

  grpc::ClientContext lctx;
  v1::ListSubmissionsRequest list;
  list.set_unit_id("luxi-yinhe-town");
  v1::ListSubmissionsResponse subs;
  ASSERT_TRUE(reporting_->ListSubmissions(&lctx, list, &subs).ok());
  ASSERT_EQ(subs.submissions_size(), 2);
  EXPECT_EQ(subs.submissions(0).report().period(), "2025-01");
  EXPECT_EQ(subs.submissions(1).report().period(), "2025-03");
}

// ---- RecordInterview on a case with an interview pending -----------------------

struct BadInterview {
  std::string name;
  std::string held_on;
  std::string note;
  Refusal want;
};

// Shown by name in test listings.
void PrintTo(const BadInterview& c, std::ostream* os) { *os << c.name; }

std::vector<BadInterview> BadInterviews() {
  return {
      {"February30", "2025-02-30", "", Invalid({"held_on"}, "不是日期")},
      {"Month13", "2025-13-01", "", Invalid({"held_on"}, "不是日期")},
      {"WithoutLeadingZeros", "2025-4-15", "", Invalid({"held_on"}, "不是日期")},
      {"WithoutDashes", "20250415", "", Invalid({"held_on"}, "不是日期")},
      {"WithATime", "2025-04-15T10:00", "", Invalid({"held_on"}, "不是日期")},
      {"Empty", "", "", Invalid({"held_on"}, "不是日期")},
      {"Tomorrow", "2025-04-17", "", Invalid({"held_on"}, "尚未到来")},
      {"BeforeItWasDecided", "2025-04-07", "",
       Invalid({"held_on"}, "早于决定约谈的时间（2025-04-08）")},
      {"NoteOver2000Bytes", "2025-04-15", std::string(2001, 'n'),
       Invalid({"note"}, "超过 2000 字节")},
      {"GbkDate", absl::StrCat("2025-04-", kGbkMark), "", Invalid({"held_on"}, "不是有效的 UTF-8 文本")},
  };
}

// 莲花县 misses three months; the third bulletin decides an interview (约谈).
class BadInterviewTest : public BulletinHarness,
                         public ::testing::WithParamInterface<BadInterview> {
 protected:
  void SetUp() override {
    Start();
    RegisterCounties();
    for (int month = 1; month <= 3; ++month) {
      std::string period = absl::StrFormat("2025-%02d", month);
      clock_.Set(CityTime(2025, month + 1, 3, 10, 0));
      for (const char* unit : {"luxi-county", "anyuan-district", "shangli-county"}) {
        Submit(unit, period);
      }
      clock_.Set(CityTime(2025, month + 1, 8));
      MustPublish(period);
    }
    ASSERT_TRUE(GetCase("lianhua-county/1").counters().interview_pending());
    clock_.Set(CityTime(2025, 4, 16));
  }
};

TEST_P(BadInterviewTest, IsRefusedAndTheCaseIsUnchanged) {
  const BadInterview& c = GetParam();
  v1::Case before = GetCase("lianhua-county/1");
  v1::Case out;
  grpc::Status s;
  if (absl::StrContains(c.held_on, kGbkMark)) {
    v1::RecordInterviewRequest req;
    req.set_case_id("lianhua-county/1");
    req.set_held_on(c.held_on);
    s = RawUnaryCall(
        gongkai::testing::TokenChannel(supervisor_->port(), gongkai::testing::kOfficeToken),
        "/gongkai.v1.BulletinService/RecordInterview", WithGbk(req.SerializeAsString()), &out);
  } else {
    s = RecordInterview("lianhua-county/1", c.held_on, c.note, &out);
  }
  ExpectRefusal(s, c.want);
  v1::Case after = GetCase("lianhua-county/1");
  EXPECT_EQ(after.ShortDebugString(), before.ShortDebugString());
  EXPECT_TRUE(after.counters().interview_pending());
  // The interview can still be recorded properly.
  grpc::Status held = RecordInterview("lianhua-county/1", "2025-04-15", "市纪委约谈", &out);
  ASSERT_TRUE(held.ok()) << held.error_message();
  EXPECT_FALSE(out.counters().interview_pending());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInterviewTest, ::testing::ValuesIn(BadInterviews()),
                         [](const auto& info) { return info.param.name; });

// ---- Who may say when a report was first submitted -----------------------------

// luxi-county's report for 2024-02, sent on 2025-04-03 (thirteen months
// late), claiming to have been recorded on 2024-03-03.
v1::SubmitReportRequest Backdated(const std::string& key) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2024-02", 120, key);
  req.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2024, 3, 3), absl::FixedTimeZone(8 * 3600))));
  return req;
}

TEST_F(BadInputTest, UnitTokenCannotBackdateItsReport) {
  const Refusal want{grpc::StatusCode::PERMISSION_DENIED,
                     {"recorded_at"},
                     "仅管理员令牌可补录历史报表"};
  auto luxi = ReportingAs(kLuxiToken);
  Snapshot before = Take();
  {
    grpc::ClientContext ctx;
    v1::SubmitReportResponse resp;
    grpc::Status s = luxi->SubmitReport(&ctx, Backdated("backdated"), &resp);
    ExpectRefusal(s, want);
    EXPECT_THAT(s.error_message(), HasSubstr("luxi-county 的单位令牌（luxi-clerk）"));
  }
  EXPECT_EQ(Take(), before);
  // Nor through a batch.
  {
    grpc::ClientContext ctx;
    v1::SubmitBatchResponse batch;
    auto writer = luxi->SubmitBatch(&ctx, &batch);
    ASSERT_TRUE(writer->Write(Backdated("backdated-batch")));
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(batch.results_size(), 1);
    EXPECT_EQ(batch.results(0).error_code(), grpc::StatusCode::PERMISSION_DENIED);
    EXPECT_THAT(batch.results(0).error_message(), HasSubstr("recorded_at: " + want.reason));
    ASSERT_EQ(batch.results(0).field_errors_size(), 1);
    EXPECT_EQ(batch.results(0).field_errors(0).field(), "recorded_at");
    EXPECT_EQ(batch.accepted(), 0u);
  }
  EXPECT_EQ(Take(), before);

  // Without recorded_at the report takes the supervisor's clock: late.
  v1::SubmitReportRequest live = Backdated("backdated");
  live.clear_recorded_at();
  grpc::ClientContext ctx;
  v1::SubmitReportResponse resp;
  ASSERT_TRUE(luxi->SubmitReport(&ctx, live, &resp).ok());
  EXPECT_GT(resp.days_late(), 300);
}

TEST_F(BadInputTest, AdminImportIsMarkedImported) {
  v1::SubmitReportResponse resp;
  ASSERT_TRUE(Submit(Backdated("imported"), &resp).ok());
  EXPECT_EQ(resp.days_late(), 0);
  {
    grpc::ClientContext ctx;
    v1::GetReportRequest req;
    req.set_unit_id("luxi-county");
    req.set_period("2024-02");
    v1::Submission sub;
    ASSERT_TRUE(reporting_->GetReport(&ctx, req, &sub).ok());
    EXPECT_TRUE(sub.imported());
    EXPECT_TRUE(sub.first_imported());
  }
  {
    grpc::ClientContext ctx;
    v1::GetScoreRequest req;
    req.set_unit_id("luxi-county");
    req.set_period("2024-02");
    v1::MonthScore score;
    ASSERT_TRUE(supervision_->GetScore(&ctx, req, &score).ok());
    bool said = false;
    for (const v1::ScoreLine& line : score.lines()) {
      said = said || absl::StrContains(line.reason(), "按导入记录的报送时间");
    }
    EXPECT_TRUE(said) << score.ShortDebugString();
  }
  // A live correction is not imported, but the month's timeliness still is.
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2024-02", 121, "corrected"), &resp).ok());
  {
    grpc::ClientContext ctx;
    v1::GetReportRequest req;
    req.set_unit_id("luxi-county");
    req.set_period("2024-02");
    v1::Submission sub;
    ASSERT_TRUE(reporting_->GetReport(&ctx, req, &sub).ok());
    EXPECT_FALSE(sub.imported());
    EXPECT_TRUE(sub.first_imported());
  }
  // The audit row says so too.
  supervisor_->Shutdown();
  supervisor_.reset();
  ASSERT_OK_AND_ASSIGN(auto store, storage::RocksDbStore::Open(config_.data_dir()));
  ASSERT_OK_AND_ASSIGN(auto audit, store->ListAudit(0, 1000));
  std::vector<bool> imported;
  for (const config::v1::AuditRecord& row : audit) {
    if (row.action() == "submit") imported.push_back(row.imported());
  }
  EXPECT_EQ(imported, (std::vector<bool>{true, false}));
}

// ---- A refusal listing every field still fits in the trailers -----------------

// Every figure negative: more violated fields than a refusal lists. It used
// to come back as RESOURCE_EXHAUSTED ("received initial metadata size exceeds
// limit"), which a client reads as retryable.
TEST_F(BadInputTest, EveryFigureNegativeIsARefusalThatFits) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "all-negative");
  for (const model::FieldPath& p : model::AllFigurePaths()) p.Set(req.mutable_report(), -1);
  ASSERT_GT(model::AllFigurePaths().size(), 32u);
  Snapshot before = Take();
  v1::SubmitReportResponse resp;
  grpc::Status s = Submit(req, &resp);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("不能为负数"));
  EXPECT_THAT(s.error_message(),
              ::testing::MatchesRegex(".*; 另有 [0-9]+ 处未列出（共 [0-9]+ 处.*"));
  EXPECT_LE(s.error_message().size(), 1200u);
  EXPECT_LE(s.error_details().size(), 2600u);
  std::map<std::string, std::string> violations = Violations(s);
  EXPECT_GE(violations.size(), 10u);
  EXPECT_LE(violations.size(), 20u);
  int negative = 0;
  for (const auto& [field, description] : violations) {
    negative += absl::StrContains(description, "不能为负数");
    EXPECT_THAT(s.error_message(), HasSubstr(absl::StrCat(field, ": ", description)));
  }
  EXPECT_GE(negative, 10) << s.error_message();
  // Cut on character boundaries: the Chinese text stays whole UTF-8.
  EXPECT_TRUE(IsUtf8(s.error_message()));
  for (const auto& [field, description] : violations) EXPECT_TRUE(IsUtf8(description)) << field;
  EXPECT_EQ(Take(), before);
}

// ---- Chinese first, English when asked ------------------------------------------

// The refusal's message and BadRequest speak Chinese, with a
// google.rpc.LocalizedMessage (zh-CN) beside them; a caller sending
// accept-language: en gets them in English (locale en).
TEST_F(BadInputTest, RefusalsAreChineseWithEnglishOnRequest) {
  v1::SubmitReportRequest req = CleanRequest("luxi-county", "2025-03", 120, "lang");
  req.mutable_report()->mutable_applications()->set_carried_over(7);
  for (const char* lang : {"", "zh-CN,zh;q=0.9", "en", "en-US,en;q=0.8"}) {
    SCOPED_TRACE(lang);
    const bool en = lang[0] == 'e';
    grpc::ClientContext ctx;
    if (lang[0] != '\0') ctx.AddMetadata("accept-language", lang);
    v1::SubmitReportResponse resp;
    grpc::Status s = reporting_->SubmitReport(&ctx, req, &resp);
    ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    const std::string balance = en ? "balance identity broken: new " : "勾稽关系不平：本期新收 ";
    EXPECT_THAT(s.error_message(), HasSubstr(en ? "report of luxi-county for 2025-03 refused"
                                                : "luxi-county 2025-03 的报表未被接收"));
    EXPECT_THAT(s.error_message(), HasSubstr("applications.results.total: " + balance));
    EXPECT_THAT(Violations(s)["applications.results.total"], HasSubstr(balance));
    google::rpc::Status details;
    ASSERT_TRUE(details.ParseFromString(s.error_details()));
    int localized = 0;
    for (const auto& any : details.details()) {
      EXPECT_FALSE(absl::StartsWith(any.type_url(), "gongkai.internal")) << any.type_url();
      google::rpc::LocalizedMessage m;
      if (!any.UnpackTo(&m)) continue;
      ++localized;
      EXPECT_EQ(m.locale(), en ? "en" : "zh-CN");
      EXPECT_EQ(m.message(), s.error_message());
    }
    EXPECT_EQ(localized, 1);
  }
}

// A refusal that quotes a huge value (a 100 KB unit id, which a unit token
// may not reach) is cut, not lost in the transport.
TEST_F(BadInputTest, HugeQuotedValuesAreCutInRefusals) {
  auto luxi = ReportingAs(kLuxiToken);
  for (bool as_unit : {false, true}) {
    SCOPED_TRACE(as_unit ? "unit token" : "admin token");
    v1::SubmitReportRequest req =
        CleanRequest(std::string(100 * 1024, 'x'), "2025-03", 120, "huge-id");
    Snapshot before = Take();
    grpc::ClientContext ctx;
    v1::SubmitReportResponse resp;
    grpc::Status s = (as_unit ? luxi : reporting_)->SubmitReport(&ctx, req, &resp);
    EXPECT_EQ(s.error_code(),
              as_unit ? grpc::StatusCode::PERMISSION_DENIED : grpc::StatusCode::INVALID_ARGUMENT)
        << s.error_message().substr(0, 300);
    EXPECT_LE(s.error_message().size(), 1200u);
    EXPECT_THAT(s.error_message(), HasSubstr("xxx…"));
    EXPECT_EQ(Take(), before);
  }
}

// ---- Versions per unit and month ------------------------------------------------

// A flood of corrections stops at validation.max_versions_per_month (50 by
// default), for the admin's imports too.
TEST_F(BadInputTest, FiftyFirstVersionOfAMonthIsRefused) {
  ASSERT_EQ(config_.validation().max_versions_per_month(), 50u);
  {
    grpc::ClientContext ctx;
    v1::SubmitBatchResponse batch;
    auto writer = reporting_->SubmitBatch(&ctx, &batch);
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(writer->Write(
          CleanRequest("luxi-county", "2025-03", 100 + i, absl::StrCat("flood-", i))));
    }
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(batch.accepted(), 50u);
  }
  const Refusal want{grpc::StatusCode::RESOURCE_EXHAUSTED,
                     {"period"},
                     "luxi-county 的 2025-03 报表已有 50 个版本，达到每单位每月上限"
                     "（validation.max_versions_per_month = 50）；本次未保存"};
  Snapshot before = Take();
  v1::SubmitReportRequest imported = CleanRequest("luxi-county", "2025-03", 200, "flood-import");
  imported.mutable_recorded_at()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2025, 4, 2), absl::FixedTimeZone(8 * 3600))));
  v1::SubmitReportResponse resp;
  ExpectRefusal(Submit(imported, &resp), want);
  EXPECT_EQ(Take(), before);
  // The county's own token, through a batch: the same.
  {
    auto luxi = ReportingAs(kLuxiToken);
    grpc::ClientContext ctx;
    v1::SubmitBatchResponse batch;
    auto writer = luxi->SubmitBatch(&ctx, &batch);
    ASSERT_TRUE(writer->Write(CleanRequest("luxi-county", "2025-03", 201, "flood-51")));
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(batch.results_size(), 1);
    EXPECT_EQ(batch.results(0).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    EXPECT_THAT(batch.results(0).error_message(), HasSubstr(want.reason));
  }
  EXPECT_EQ(Take(), before);
  // Another month is not affected.
  ASSERT_TRUE(Submit(CleanRequest("luxi-county", "2025-02", 100, "flood-feb"), &resp).ok());
}

}  // namespace
}  // namespace gongkai::services
