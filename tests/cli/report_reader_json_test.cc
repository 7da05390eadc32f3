// Tests for cli/report_reader.h: ReadReportsJson.
#include "cli/report_reader.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/report_reader_fixture.h"
#include "tests/testing/status_matchers.h"

namespace gongkai::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;
using report_reader_testing::Lines;

// --- ReadReportsJson ---------------------------------------------------------

TEST(ReportReaderTest, JsonLinesSnakeCaseAndLowerCamel) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson(
          "{\"unit_id\":\"panjin-counties\",\"period\":\"2008-12\",\"applications\":"
          "{\"new_total\":803,\"received\":{\"online\":161,\"letter\":81,\"in_person\":562}}}\n"
          "\n"
          "{\"unitId\":\"luxi-county\",\"period\":\"2025-01\",\"applications\":"
          "{\"newTotal\":\"36\",\"received\":{\"inPerson\":2,\"online\":34}},"
          "\"extra\":{\"training_sessions\":2},\"note\":\"无\"}\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_THAT(Lines(result), ElementsAre(1, 3));
  ASSERT_EQ(result.rows.size(), 2u);

  const v1::MonthlyReport& panjin = result.rows[0].request.report();
  EXPECT_EQ(panjin.unit_id(), "panjin-counties");
  EXPECT_EQ(panjin.period(), "2008-12");
  EXPECT_EQ(panjin.applications().new_total(), 803);
  EXPECT_EQ(panjin.applications().received().online(), 161);
  EXPECT_EQ(panjin.applications().received().letter(), 81);
  EXPECT_EQ(panjin.applications().received().in_person(), 562);

  const v1::MonthlyReport& luxi = result.rows[1].request.report();
  EXPECT_EQ(luxi.unit_id(), "luxi-county");
  EXPECT_EQ(luxi.applications().new_total(), 36);
  EXPECT_EQ(luxi.applications().received().in_person(), 2);
  EXPECT_EQ(luxi.applications().received().online(), 34);
  EXPECT_EQ(luxi.extra().at("training_sessions"), 2);
  EXPECT_EQ(luxi.note(), "无");

  for (const ReportRow& row : result.rows) {
    EXPECT_THAT(row.request.idempotency_key(), StartsWith("push-"));
  }
  EXPECT_NE(result.rows[0].request.idempotency_key(), result.rows[1].request.idempotency_key());
}

TEST(ReportReaderTest, JsonApplicantColumns) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson("{\"unit_id\":\"luxi-county\",\"period\":\"2025-03\",\"applications\":"
                      "{\"applicant_columns\":{\"natural_person\":{\"carried_over\":2,"
                      "\"results\":{\"granted\":1,\"total\":1}},"
                      "\"legalServiceOrg\":{\"carriedForward\":\"3\"}}}}\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 1u);
  const v1::ApplicantColumns& c =
      result.rows[0].request.report().applications().applicant_columns();
  EXPECT_EQ(c.natural_person().carried_over(), 2);
  EXPECT_EQ(c.natural_person().results().granted(), 1);
  EXPECT_EQ(c.legal_service_org().carried_forward(), 3);
}

TEST(ReportReaderTest, JsonCrlfLines) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsJson("{\"unit_id\":\"a1\",\"period\":\"2025-01\"}\r\n"
                                       "{\"unit_id\":\"a2\",\"period\":\"2025-01\"}\r\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_THAT(Lines(result), ElementsAre(1, 2));
}

TEST(ReportReaderTest, JsonSubmitReportRequestObject) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson(
          "{\"report\":{\"unit_id\":\"panjin-counties\",\"period\":\"2008-12\","
          "\"applications\":{\"new_total\":803}},\"idempotency_key\":\"panjin-2008\","
          "\"recorded_at\":\"2009-03-31T02:00:00Z\"}\n"
          "{\"report\":{\"unitId\":\"luxi-county\",\"period\":\"2025-01\"},"
          "\"idempotencyKey\":\"luxi-2025-01\"}\n"
          "{\"report\":{\"unit_id\":\"anyuan-district\",\"period\":\"2025-01\"}}\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 3u);
  EXPECT_EQ(result.rows[0].request.report().unit_id(), "panjin-counties");
  EXPECT_EQ(result.rows[0].request.report().applications().new_total(), 803);
  EXPECT_EQ(result.rows[0].request.idempotency_key(), "panjin-2008");
  EXPECT_EQ(result.rows[0].request.recorded_at().seconds(), 1238464800);
  EXPECT_EQ(result.rows[1].request.report().unit_id(), "luxi-county");
  EXPECT_EQ(result.rows[1].request.idempotency_key(), "luxi-2025-01");
  // No key given: one is derived.
  EXPECT_THAT(result.rows[2].request.idempotency_key(), StartsWith("push-"));
}

TEST(ReportReaderTest, JsonArrayOfReportsUsesPositions) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson(
          "[\n"
          "  {\"unit_id\": \"panjin-counties\", \"period\": \"2008-12\",\n"
          "   \"applications\": {\"new_total\": 803, \"received\": {\"online\": 161}}},\n"
          "  {\"unitId\": \"luxi-county\", \"period\": \"2025-01\", \"note\": \"芦溪县\"}\n"
          "]\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  EXPECT_THAT(Lines(result), ElementsAre(1, 2));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0].request.report().unit_id(), "panjin-counties");
  EXPECT_EQ(result.rows[0].request.report().applications().new_total(), 803);
  EXPECT_EQ(result.rows[0].request.report().applications().received().online(), 161);
  EXPECT_EQ(result.rows[1].request.report().unit_id(), "luxi-county");
  EXPECT_EQ(result.rows[1].request.report().note(), "芦溪县");
  EXPECT_THAT(result.rows[1].request.idempotency_key(), StartsWith("push-"));
}

TEST(ReportReaderTest, JsonArrayElementThatIsNotAReportIsARowError) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsJson("[{\"unit_id\":\"a1\",\"period\":\"2025-01\"},"
                                       "{\"unit_id\":\"a2\",\"bogus\":1},"
                                       "{\"unit_id\":\"a3\",\"period\":\"2025-01\"}]"));
  EXPECT_THAT(Lines(result), ElementsAre(1, 3));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 2);
}

TEST(ReportReaderTest, JsonMalformedArrayRefusesTheFile) {
  absl::StatusOr<ReadResult> result =
      ReadReportsJson("[{\"unit_id\":\"a1\",\"period\":\"2025-01\"},");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReportReaderTest, JsonMalformedLineIsARowErrorAndOthersStillCome) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson("{\"unit_id\":\"panjin-counties\",\"period\":\"2008-12\"}\n"
                      "{\"unit_id\":\"luxi-county\",\"period\":\n"
                      "{\"unit_id\":\"anyuan-district\",\"period\":\"2025-01\"}\n"
                      "{\"unit_id\":\"shangli-county\",\"aplications\":{}}\n"
                      "{\"unit_id\":\"lianhua-county\",\"period\":\"2025-01\","
                      "\"applications\":{\"new_total\":\"many\"}}\n"));
  EXPECT_THAT(Lines(result), ElementsAre(1, 3));
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[1].line, 4);
  EXPECT_EQ(result.errors[2].line, 5);
  for (const RowError& e : result.errors) EXPECT_FALSE(e.reason.empty());
}

TEST(ReportReaderTest, JsonReportWhoseTextSaysReportIsStillAReport) {
  // A MonthlyReport that merely contains the word "report" as a value (or as
  // an extra indicator's name) is not a SubmitReportRequest.
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsJson("{\"unit_id\":\"luxi-county\",\"period\":\"2025-01\",\"note\":\"report\"}\n"
                      "{\"unit_id\":\"anyuan-district\",\"period\":\"2025-01\","
                      "\"extra\":{\"report\":1}}\n"));
  for (const RowError& e : result.errors) {
    ADD_FAILURE() << "line " << e.line << ": " << e.reason;
  }
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0].request.report().note(), "report");
  EXPECT_EQ(result.rows[1].request.report().extra().at("report"), 1);
}

TEST(ReportReaderTest, JsonWithByteOrderMarkReadsItsFirstRecord) {
  absl::StatusOr<ReadResult> lines = ReadReportsJson(
      "\xEF\xBB\xBF{\"unit_id\":\"luxi-county\",\"period\":\"2025-01\"}\n");
  ASSERT_OK(lines.status());
  EXPECT_THAT(lines->errors, IsEmpty());
  ASSERT_EQ(lines->rows.size(), 1u);
  EXPECT_EQ(lines->rows[0].request.report().unit_id(), "luxi-county");
  absl::StatusOr<ReadResult> array = ReadReportsJson(
      "\xEF\xBB\xBF[{\"unit_id\":\"luxi-county\",\"period\":\"2025-01\"}]");
  ASSERT_OK(array.status());
  EXPECT_EQ(array->rows.size(), 1u);
}

TEST(ReportReaderTest, JsonNotUtf8Refused) {
  absl::StatusOr<ReadResult> result =
      ReadReportsJson("{\"unit_id\":\"pingxiang-city\",\"note\":\"\xC6\xBC\xCF\xE7\"}\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("UTF-8"));
}

TEST(ReportReaderTest, JsonEmptyTextHasNoRows) {
  ASSERT_OK_AND_ASSIGN(ReadResult result, ReadReportsJson("\n \n"));
  EXPECT_THAT(result.rows, IsEmpty());
  EXPECT_THAT(result.errors, IsEmpty());
}

}  // namespace
}  // namespace gongkai::cli
