// Tests for cli/report_reader.h: ReadReportsCsv.
#include "cli/report_reader.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
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
using report_reader_testing::KeyOf;
using report_reader_testing::kHeader;
using report_reader_testing::kPanjinRow;
using report_reader_testing::Lines;
using report_reader_testing::ReadOne;

// --- ReadReportsCsv: figures -------------------------------------------------

TEST(ReportReaderTest, CsvApplicantColumnsLandInTheirColumn) {
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsCsv("unit_id,period,applications.new_total,"
                     "applications.by_applicant.natural_person,"
                     "applications.carried_over,"
                     "applications.applicant_columns.natural_person.carried_over,"
                     "applications.applicant_columns.natural_person.results.refused.state_secret,"
                     "applications.applicant_columns.other_org.carried_forward\n"
                     "luxi-county,2025-03,4,4,2,2,1,0\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 1u);
  const v1::Applications& a = result.rows[0].request.report().applications();
  ASSERT_TRUE(a.has_applicant_columns());
  EXPECT_EQ(a.applicant_columns().natural_person().carried_over(), 2);
  EXPECT_EQ(a.applicant_columns().natural_person().results().refused().state_secret(), 1);
  EXPECT_EQ(a.applicant_columns().other_org().carried_forward(), 0);
}

TEST(ReportReaderTest, CsvFiguresLandInTheirFields) {
  ASSERT_OK_AND_ASSIGN(ReadResult result, ReadReportsCsv(absl::StrCat(kHeader, kPanjinRow)));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].line, 2);
  const v1::MonthlyReport& r = result.rows[0].request.report();
  EXPECT_EQ(r.unit_id(), "panjin-counties");
  EXPECT_EQ(r.period(), "2008-12");
  EXPECT_EQ(r.proactive().items_total(), 7684);
  EXPECT_EQ(r.applications().new_total(), 803);
  EXPECT_EQ(r.applications().received().online(), 161);
  EXPECT_EQ(r.applications().received().letter(), 81);
  EXPECT_EQ(r.applications().received().in_person(), 562);
  EXPECT_EQ(r.applications().received().fax(), 0);
  EXPECT_EQ(r.applications().received().email(), 0);
  ASSERT_EQ(r.extra().count("training_sessions"), 1u);
  EXPECT_EQ(r.extra().at("training_sessions"), 2);
  EXPECT_EQ(r.extra().size(), 1u);
  EXPECT_FALSE(result.rows[0].request.has_recorded_at());
  EXPECT_THAT(result.rows[0].request.idempotency_key(), StartsWith("push-"));
}

TEST(ReportReaderTest, CsvColumnsInAnyOrder) {
  v1::SubmitReportRequest req = ReadOne(
      "applications.received.online,period,extra.training_sessions,unit_id\n"
      "161,2008-12,3,panjin-counties\n");
  EXPECT_EQ(req.report().unit_id(), "panjin-counties");
  EXPECT_EQ(req.report().period(), "2008-12");
  EXPECT_EQ(req.report().applications().received().online(), 161);
  EXPECT_EQ(req.report().extra().at("training_sessions"), 3);
}

TEST(ReportReaderTest, CsvEmptyCellsStayZero) {
  v1::SubmitReportRequest req =
      ReadOne(absl::StrCat(kHeader, "shangli-yangqi-township,2025-07,,803,,,,\n"));
  const v1::MonthlyReport& r = req.report();
  EXPECT_EQ(r.unit_id(), "shangli-yangqi-township");
  EXPECT_EQ(r.period(), "2025-07");
  EXPECT_EQ(r.proactive().items_total(), 0);
  EXPECT_EQ(r.applications().new_total(), 803);
  EXPECT_EQ(r.applications().received().online(), 0);
  EXPECT_EQ(r.applications().received().letter(), 0);
  EXPECT_EQ(r.applications().received().in_person(), 0);
  EXPECT_EQ(r.extra().count("training_sessions"), 0u);
}

TEST(ReportReaderTest, CsvCellsAreTrimmed) {
  v1::SubmitReportRequest req =
      ReadOne(absl::StrCat(kHeader, " panjin-counties , 2008-12 ,7684, 803 ,161,81,562,2\n"));
  EXPECT_EQ(req.report().unit_id(), "panjin-counties");
  EXPECT_EQ(req.report().period(), "2008-12");
  EXPECT_EQ(req.report().applications().new_total(), 803);
}

TEST(ReportReaderTest, CsvThousandsSeparatorsRead) {
  v1::SubmitReportRequest req = ReadOne(
      "unit_id,period,proactive.items_total,applications.new_total,statutory.fees_collected_yuan\n"
      "pingxiang-city,2012-12,\"41,126\",\"1,234\",\"1,234,567\"\n");
  EXPECT_EQ(req.report().proactive().items_total(), 41126);
  EXPECT_EQ(req.report().applications().new_total(), 1234);
  EXPECT_EQ(req.report().statutory().fees_collected_yuan(), 1234567);
}

TEST(ReportReaderTest, CsvMisplacedSeparatorsRefused) {
  for (const char* cell : {"12,34", "1,2345", ",234", "1234,", "1,,234", "1.234"}) {
    SCOPED_TRACE(cell);
    ASSERT_OK_AND_ASSIGN(ReadResult result,
                         ReadReportsCsv(absl::StrCat("unit_id,period,applications.new_total\n"
                                                     "luxi-county,2025-01,\"",
                                                     cell, "\"\n")));
    EXPECT_THAT(result.rows, IsEmpty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].line, 2);
    EXPECT_EQ(result.errors[0].field, "applications.new_total");
    EXPECT_THAT(result.errors[0].reason, HasSubstr(cell));
  }
}

TEST(ReportReaderTest, CsvNegativeFigurePassesThroughForTheServerToRefuse) {
  v1::SubmitReportRequest req =
      ReadOne("unit_id,period,applications.new_total\nluxi-county,2025-01,-5\n");
  EXPECT_EQ(req.report().applications().new_total(), -5);
}

TEST(ReportReaderTest, CsvNonNumberIsARowErrorAndOtherRowsStillCome) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv(absl::StrCat(kHeader,
                                                   kPanjinRow,
                                                   "luxi-county,2025-01,30,36,三十四,0,2,\n",
                                                   "anyuan-district,2025-01,12,1,1,,,\n")));
  EXPECT_THAT(Lines(result), ElementsAre(2, 4));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 3);
  EXPECT_EQ(result.errors[0].field, "applications.received.online");
  EXPECT_THAT(result.errors[0].reason, HasSubstr("三十四"));
  EXPECT_EQ(result.rows[1].request.report().unit_id(), "anyuan-district");
  EXPECT_EQ(result.rows[1].request.report().applications().received().online(), 1);
}

TEST(ReportReaderTest, CsvEveryBadCellOfARowIsReported) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv(absl::StrCat(kHeader, "luxi-county,2025-01,12.5,n/a,1,1,1,1\n")));
  EXPECT_THAT(result.rows, IsEmpty());
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].field, "proactive.items_total");
  EXPECT_THAT(result.errors[0].reason, HasSubstr("12.5"));
  EXPECT_EQ(result.errors[1].field, "applications.new_total");
  EXPECT_THAT(result.errors[1].reason, HasSubstr("n/a"));
  for (const RowError& e : result.errors) EXPECT_EQ(e.line, 2);
}

TEST(ReportReaderTest, CsvWrongCellCountIsARowError) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv(absl::StrCat(kHeader,
                                                   "luxi-county,2025-01,30,36\n",   // too few
                                                   kPanjinRow,
                                                   "anyuan-district,2025-01,1,2,3,4,5,6,7\n")));
  EXPECT_THAT(Lines(result), ElementsAre(3));
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[0].field, "");
  EXPECT_THAT(result.errors[0].reason, HasSubstr("4"));
  EXPECT_THAT(result.errors[0].reason, HasSubstr("8"));
  EXPECT_EQ(result.errors[1].line, 4);
  EXPECT_EQ(result.errors[1].field, "");
  EXPECT_THAT(result.errors[1].reason, HasSubstr("9"));
}

TEST(ReportReaderTest, CsvRowLinesCountQuotedNewlines) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv("unit_id,period,note,applications.new_total\n"
                                      "luxi-county,2025-01,\"第一行\n第二行\",1\n"
                                      "anyuan-district,2025-01,,x\n"));
  EXPECT_THAT(Lines(result), ElementsAre(2));
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 4);
}

TEST(ReportReaderTest, CsvHeaderOnlyHasNoRows) {
  ASSERT_OK_AND_ASSIGN(ReadResult result, ReadReportsCsv(kHeader));
  EXPECT_THAT(result.rows, IsEmpty());
  EXPECT_THAT(result.errors, IsEmpty());
}

TEST(ReportReaderTest, CsvExcelUtf8FileReads) {
  // What Excel writes for "CSV UTF-8": a byte-order mark and CRLF.
  ASSERT_OK_AND_ASSIGN(
      ReadResult result,
      ReadReportsCsv("\xEF\xBB\xBFunit_id,period,applications.new_total\r\n"
                     "panjin-counties,2008-12,803\r\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(result.rows[0].request.report().unit_id(), "panjin-counties");
  EXPECT_EQ(result.rows[0].request.report().applications().new_total(), 803);
}

// --- ReadReportsCsv: header problems refuse the file -------------------------

TEST(ReportReaderTest, CsvUnknownFieldPathRefusesTheFile) {
  absl::StatusOr<ReadResult> result = ReadReportsCsv(
      "unit_id,period,applications.new_total,applications.recieved.online\n"
      "panjin-counties,2008-12,803,161\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("column 4"));
  EXPECT_THAT(result.status().message(), HasSubstr("applications.recieved.online"));
}

TEST(ReportReaderTest, CsvGroupOfFiguresAsAColumnRefusesTheFile) {
  absl::StatusOr<ReadResult> result =
      ReadReportsCsv("unit_id,period,applications.received\nluxi-county,2025-01,3\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("column 3"));
  EXPECT_THAT(result.status().message(), HasSubstr("applications.received"));
}

TEST(ReportReaderTest, CsvDuplicateColumnRefusesTheFile) {
  absl::StatusOr<ReadResult> result = ReadReportsCsv(
      "unit_id,period,applications.new_total,applications.new_total\n"
      "panjin-counties,2008-12,803,803\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("applications.new_total"));
  EXPECT_THAT(result.status().message(), HasSubstr("twice"));
}

TEST(ReportReaderTest, CsvMissingUnitIdOrPeriodRefusesTheFile) {
  absl::StatusOr<ReadResult> no_unit =
      ReadReportsCsv("period,applications.new_total\n2008-12,803\n");
  ASSERT_FALSE(no_unit.ok());
  EXPECT_EQ(no_unit.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_unit.status().message(), HasSubstr("unit_id"));

  absl::StatusOr<ReadResult> no_period =
      ReadReportsCsv("unit_id,applications.new_total\npanjin-counties,803\n");
  ASSERT_FALSE(no_period.ok());
  EXPECT_EQ(no_period.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_period.status().message(), HasSubstr("period"));
}

TEST(ReportReaderTest, CsvEmptyFileRefused) {
  for (const char* text : {"", "\n\n", "\xEF\xBB\xBF"}) {
    absl::StatusOr<ReadResult> result = ReadReportsCsv(text);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(result.status().message(), HasSubstr("empty"));
  }
}

TEST(ReportReaderTest, CsvUnnamedColumnRefusesTheFile) {
  absl::StatusOr<ReadResult> result =
      ReadReportsCsv("unit_id,period,,applications.new_total\nluxi-county,2025-01,,1\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("column 3"));
}

TEST(ReportReaderTest, CsvGbkFileRefusedNamingTheLine) {
  absl::StatusOr<ReadResult> result = ReadReportsCsv(
      "unit_id,period,note\n"
      "luxi-county,2025-01,\n"
      "pingxiang-city,2025-01,\xC6\xBC\xCF\xE7\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("line 3"));
  EXPECT_THAT(result.status().message(), HasSubstr("not UTF-8"));
}

// --- ReadReportsCsv: submitted_at --------------------------------------------

TEST(ReportReaderTest, CsvSubmittedAtRfc3339) {
  v1::SubmitReportRequest req = ReadOne(
      "unit_id,period,submitted_at\n"
      "agriculture-rural-affairs-bureau,2025-01,2025-02-05T17:45:00+08:00\n");
  ASSERT_TRUE(req.has_recorded_at());
  EXPECT_EQ(req.recorded_at().seconds(), 1738748700);  // 2025-02-05T09:45:00Z

  req = ReadOne("unit_id,period,submitted_at\nluxi-county,2025-01,2025-02-04T02:23:00Z\n");
  EXPECT_EQ(req.recorded_at().seconds(), 1738635780);
}

TEST(ReportReaderTest, CsvSubmittedAtLocalTimeIsUtcPlus8) {
  v1::SubmitReportRequest req =
      ReadOne("unit_id,period,submitted_at\nluxi-county,2025-01,2025-02-04 10:23\n");
  ASSERT_TRUE(req.has_recorded_at());
  EXPECT_EQ(req.recorded_at().seconds(), 1738635780);  // 2025-02-04T02:23:00Z

  req = ReadOne("unit_id,period,submitted_at\nluxi-county,2025-01,2025-02-04 10:23:45\n");
  EXPECT_EQ(req.recorded_at().seconds(), 1738635825);  // 2025-02-04T02:23:45Z
}

TEST(ReportReaderTest, CsvEmptySubmittedAtLeavesRecordedAtUnset) {
  v1::SubmitReportRequest req =
      ReadOne("unit_id,period,submitted_at,applications.new_total\nluxi-county,2025-01,,1\n");
  EXPECT_FALSE(req.has_recorded_at());
}

TEST(ReportReaderTest, CsvBadSubmittedAtIsARowError) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv("unit_id,period,submitted_at\n"
                                      "luxi-county,2025-01,yesterday\n"
                                      "anyuan-district,2025-01,2025-02-04 10:23\n"
                                      "shangli-county,2025-01,2025-02-30 10:23\n"
                                      "lianhua-county,2025-01,2025/02/04 10:23\n"));
  EXPECT_THAT(Lines(result), ElementsAre(3));
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[1].line, 4);
  EXPECT_EQ(result.errors[2].line, 5);
  for (const RowError& e : result.errors) {
    EXPECT_EQ(e.field, "submitted_at");
    EXPECT_FALSE(e.reason.empty());
  }
}

// --- ReadReportsCsv: idempotency keys ----------------------------------------

TEST(ReportReaderTest, CsvIdempotencyKeyColumnIsUsed) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv("unit_id,period,idempotency_key,applications.new_total\n"
                                      "panjin-counties,2008-12,panjin-2008-v1,803\n"
                                      "luxi-county,2025-01,,36\n"));
  EXPECT_THAT(result.errors, IsEmpty());
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0].request.idempotency_key(), "panjin-2008-v1");
  // An empty key cell falls back to a derived key.
  EXPECT_THAT(result.rows[1].request.idempotency_key(), StartsWith("push-"));
}

TEST(ReportReaderTest, CsvDerivedKeyIsStableForIdenticalRows) {
  ASSERT_OK_AND_ASSIGN(ReadResult result,
                       ReadReportsCsv(absl::StrCat(kHeader, kPanjinRow, "\n", kPanjinRow)));
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_THAT(Lines(result), ElementsAre(2, 4));
  const std::string& key = result.rows[0].request.idempotency_key();
  EXPECT_THAT(key, StartsWith("push-"));
  EXPECT_GT(key.size(), 5u);
  EXPECT_EQ(result.rows[1].request.idempotency_key(), key);
  // The same row in another file (another read) gets the same key too.
  EXPECT_EQ(KeyOf(absl::StrCat(kHeader, kPanjinRow)), key);
  // The key is derived from the figures, not the spelling of the cells.
  EXPECT_EQ(KeyOf(absl::StrCat(kHeader, "panjin-counties,2008-12,\"7,684\",803,161,81,562,2\n")),
            key);
}

TEST(ReportReaderTest, CsvDerivedKeyChangesWithAnyFigure) {
  const std::string base = KeyOf(absl::StrCat(kHeader, kPanjinRow));
  std::vector<std::string> variants = {
      "panjin-counties,2008-12,7684,803,161,81,562,3\n",   // extra
      "panjin-counties,2008-12,7684,803,161,81,561,2\n",   // in_person
      "panjin-counties,2008-12,7684,803,162,81,562,2\n",   // online
      "panjin-counties,2008-12,7684,804,161,81,562,2\n",   // new_total
      "panjin-counties,2008-12,7685,803,161,81,562,2\n",   // items_total
      "panjin-counties,2008-11,7684,803,161,81,562,2\n",   // period
      "panjin-county,2008-12,7684,803,161,81,562,2\n",     // unit
  };
  std::vector<std::string> keys = {base};
  for (const std::string& row : variants) {
    SCOPED_TRACE(row);
    std::string key = KeyOf(absl::StrCat(kHeader, row));
    EXPECT_THAT(key, StartsWith("push-"));
    for (const std::string& other : keys) EXPECT_NE(key, other);
    keys.push_back(key);
  }
}

TEST(ReportReaderTest, CsvDerivedKeyChangesWithRecordedAtAndNote) {
  const std::string header = "unit_id,period,submitted_at,note,applications.new_total\n";
  std::string a = KeyOf(header + "luxi-county,2025-01,2025-02-04 10:23,,36\n");
  std::string b = KeyOf(header + "luxi-county,2025-01,2025-02-04 10:24,,36\n");
  std::string c = KeyOf(header + "luxi-county,2025-01,2025-02-04 10:23,更正,36\n");
  EXPECT_NE(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(b, c);
}

TEST(ReportReaderTest, CsvNoteKeepsChineseText) {
  v1::SubmitReportRequest req = ReadOne(
      "unit_id,period,note,applications.new_total\n"
      "lianhua-county,2025-06,\"本月集中清理历史文件，主动公开数量较多（356条）\",0\n");
  EXPECT_EQ(req.report().note(), "本月集中清理历史文件，主动公开数量较多（356条）");
  EXPECT_EQ(req.report().unit_id(), "lianhua-county");
}

TEST(ReportReaderTest, CsvWrittenZeroAndEmptyCellGiveTheSameKey) {
  v1::SubmitReportRequest written = ReadOne(absl::StrCat(kHeader, "luxi-county,2025-01,120,0,0,0,0,0\n"));
  v1::SubmitReportRequest empty = ReadOne(absl::StrCat(kHeader, "luxi-county,2025-01,120,,,,,\n"));
  EXPECT_EQ(written.idempotency_key(), empty.idempotency_key());
}

}  // namespace
}  // namespace gongkai::cli
