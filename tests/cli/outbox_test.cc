// Tests for cli/outbox.h, on a real folder: queue order, what is on disk,
// removal, refusal, the lock (also against another process), and what the
// supervisor's answers mean.
#include "cli/outbox.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/utf8.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace gongkai::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

OutboxRow Row(const std::string& unit, const std::string& period, int line,
              const std::string& source = "reports.csv") {
  OutboxRow row;
  row.request.mutable_report()->set_unit_id(unit);
  row.request.mutable_report()->set_period(period);
  row.request.mutable_report()->mutable_applications()->set_new_total(line * 7);
  row.request.set_idempotency_key(absl::StrCat("push-", unit, "-", period));
  row.source = source;
  row.line = line;
  return row;
}

// The names of the files directly in `dir`, sorted.
std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> QueuedFiles(const std::string& dir) {
  std::vector<std::string> names;
  for (const std::string& n : FilesIn(dir)) {
    if (n != ".lock") names.push_back(n);
  }
  return names;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<int> Lines(const std::vector<OutboxEntry>& entries) {
  std::vector<int> lines;
  for (const OutboxEntry& e : entries) lines.push_back(e.line);
  return lines;
}

absl::StatusOr<std::vector<OutboxEntry>> ListAll(Outbox& outbox) {
  std::vector<std::string> unreadable;
  absl::StatusOr<std::vector<OutboxEntry>> entries = outbox.List(&unreadable);
  EXPECT_THAT(unreadable, IsEmpty());
  return entries;
}

TEST(OutboxDirTest, FlagThenEnvironmentThenXdgThenHome) {
  EXPECT_EQ(OutboxDirFrom("/flag", "/env", "/state", "/home/u"), "/flag");
  EXPECT_EQ(OutboxDirFrom("", "/env", "/state", "/home/u"), "/env");
  EXPECT_EQ(OutboxDirFrom("", "", "/state", "/home/u"), "/state/gongkai/outbox");
  EXPECT_EQ(OutboxDirFrom("", nullptr, nullptr, "/home/u"), "/home/u/.local/state/gongkai/outbox");
  // The XDG spec says to ignore a relative $XDG_STATE_HOME.
  EXPECT_EQ(OutboxDirFrom("", nullptr, "state", "/home/u"), "/home/u/.local/state/gongkai/outbox");
  EXPECT_EQ(OutboxDirFrom("", nullptr, nullptr, nullptr), "");
}

TEST(OutboxTest, OpenCreatesTheFolderAndRefused) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("state/gongkai/outbox");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
  EXPECT_TRUE(fs::is_directory(dir));
  EXPECT_TRUE(fs::is_directory(dir + "/refused"));
  EXPECT_EQ(outbox->refused_dir(), dir + "/refused");
}

TEST(OutboxTest, QueueWritesOneFilePerReportHoldingTheRequest) {
  testing::TempDir tmp;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox,
                       Outbox::Open(tmp.Sub("o"), absl::ZeroDuration()));
  OutboxRow a = Row("luxi-county", "2025-01", 2);
  OutboxRow b = Row("lianhua-county", "2025-01", 3);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> names, outbox->Queue({a, b}));
  EXPECT_THAT(names,
              ElementsAre("000000000001-reports.csv-2.req", "000000000002-reports.csv-3.req"));
  EXPECT_EQ(QueuedFiles(tmp.Sub("o")), names);

  // Each file is exactly the serialized request, key included, so a resend
  // is byte for byte what was queued.
  v1::SubmitReportRequest on_disk;
  ASSERT_TRUE(on_disk.ParseFromString(Slurp(tmp.Sub("o/" + names[1]))));
  EXPECT_EQ(on_disk.SerializeAsString(), b.request.SerializeAsString());
  EXPECT_EQ(on_disk.idempotency_key(), "push-lianhua-county-2025-01");
}

TEST(OutboxTest, ListReturnsQueueOrderAcrossPushesAndReopening) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
    std::vector<OutboxRow> rows;
    for (int line = 2; line <= 12; ++line)
      rows.push_back(Row("u" + std::to_string(line), "2025-01", line, "first.csv"));
    ASSERT_OK(outbox->Queue(rows).status());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
  // A later push queues after everything already there, even with lower
  // line numbers and a name that sorts first.
  ASSERT_OK(
      outbox->Queue({Row("a", "2025-02", 1, "a.csv"), Row("b", "2025-02", 2, "a.csv")}).status());
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, ListAll(*outbox));
  EXPECT_THAT(Lines(entries), ElementsAre(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2));
  EXPECT_EQ(entries.front().source, "first.csv");
  EXPECT_EQ(entries.back().source, "a.csv");
  EXPECT_EQ(entries.back().request.report().unit_id(), "b");
  for (size_t i = 1; i < entries.size(); ++i) EXPECT_LT(entries[i - 1].seq, entries[i].seq);
}

TEST(OutboxTest, SourceIsMadeSafeForAFileName) {
  testing::TempDir tmp;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox,
                       Outbox::Open(tmp.Sub("o"), absl::ZeroDuration()));
  // 40 three-byte characters: 120 bytes, cut to at most 80 between characters.
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "县";
  ASSERT_OK(outbox
                ->Queue({Row("x", "2025-01", 4, "a/b-c.csv"), Row("y", "2025-01", 5, long_name),
                         Row("z", "2025-01", 6, "")})
                .status());
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, ListAll(*outbox));
  ASSERT_THAT(entries, SizeIs(3));
  EXPECT_EQ(entries[0].source, "a_b-c.csv");
  EXPECT_EQ(entries[0].line, 4);
  EXPECT_TRUE(IsUtf8(entries[1].source));
  EXPECT_EQ(entries[1].source.size(), 78u);
  EXPECT_EQ(entries[1].line, 5);
  EXPECT_EQ(entries[2].source, "report");
}

TEST(OutboxTest, RemoveTakesOnlyTheNamedReports) {
  testing::TempDir tmp;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox,
                       Outbox::Open(tmp.Sub("o"), absl::ZeroDuration()));
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> names,
      outbox->Queue({Row("a", "2025-01", 2), Row("b", "2025-01", 3), Row("c", "2025-01", 4)}));
  ASSERT_OK(outbox->Remove({names[0], names[2]}));
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, ListAll(*outbox));
  EXPECT_THAT(Lines(entries), ElementsAre(3));
  EXPECT_EQ(QueuedFiles(tmp.Sub("o")), std::vector<std::string>{names[1]});
  // Already gone (answered twice) is not an error.
  EXPECT_OK(outbox->Remove({names[0]}));
}

TEST(OutboxTest, RefuseMovesTheReportAsideWithItsReason) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  std::string refused_name;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> names,
                         outbox->Queue({Row("a", "2025-01", 2), Row("b", "2025-01", 3)}));
    refused_name = names[1];
    ASSERT_OK(outbox->Refuse(names[1], "message: balance identity broken\n"));
    ASSERT_OK(outbox->Remove({names[0]}));
    ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, ListAll(*outbox));
    EXPECT_THAT(entries, IsEmpty());
  }
  EXPECT_THAT(FilesIn(dir + "/refused"),
              ElementsAre("000000000002-reports.csv-3.req", "000000000002-reports.csv-3.txt"));
  EXPECT_EQ(Slurp(dir + "/refused/000000000002-reports.csv-3.txt"),
            "message: balance identity broken\n");
  v1::SubmitReportRequest kept;
  ASSERT_TRUE(kept.ParseFromString(Slurp(dir + "/refused/" + refused_name)));
  EXPECT_EQ(kept.report().unit_id(), "b");

  // The queue is empty now, but numbering goes on past refused/, so a later
  // refusal never overwrites this one.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> names, outbox->Queue({Row("c", "2025-01", 3)}));
  EXPECT_THAT(names, ElementsAre("000000000003-reports.csv-3.req"));
}

TEST(OutboxTest, OpenRemovesTemporaryFilesAndListSkipsOtherFiles) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  fs::create_directories(dir + "/refused");
  std::ofstream(dir + "/.tmp-000000000007-reports.csv-2.req") << "half written";
  std::ofstream(dir + "/refused/.tmp-000000000007-reports.csv-2.txt") << "half written";
  std::ofstream(dir + "/notes.txt") << "the user's own note";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
  EXPECT_THAT(QueuedFiles(dir), ElementsAre("notes.txt"));
  EXPECT_THAT(FilesIn(dir + "/refused"), IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, ListAll(*outbox));
  EXPECT_THAT(entries, IsEmpty());
}

TEST(OutboxTest, AnUnreadableFileIsMovedAsideNotSent) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> outbox, Outbox::Open(dir, absl::ZeroDuration()));
  ASSERT_OK(outbox->Queue({Row("a", "2025-01", 2)}).status());
  // Bytes that are no SubmitReportRequest: a field tag with wire type 7.
  std::ofstream(dir + "/000000000009-hand.csv-4.req") << "\x0f\x0f\x0f";
  std::vector<std::string> unreadable;
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxEntry> entries, outbox->List(&unreadable));
  EXPECT_THAT(Lines(entries), ElementsAre(2));
  EXPECT_THAT(unreadable, ElementsAre("000000000009-hand.csv-4.req"));
  EXPECT_THAT(Slurp(dir + "/refused/000000000009-hand.csv-4.txt"),
              HasSubstr("not a gongkai.v1.SubmitReportRequest"));
  EXPECT_TRUE(fs::exists(dir + "/refused/000000000009-hand.csv-4.req"));
}

TEST(OutboxLockTest, ASecondOpenWaitsThenFailsNamingTheHolder) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Outbox> first, Outbox::Open(dir, absl::ZeroDuration()));
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<Outbox>> second = Outbox::Open(dir, absl::Milliseconds(300));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(300));
  ASSERT_TRUE(absl::IsUnavailable(second.status())) << second.status();
  EXPECT_THAT(std::string(second.status().message()),
              HasSubstr(absl::StrCat("in use by another gongkai push (pid ", getpid(), ")")));
  first.reset();
  EXPECT_OK(Outbox::Open(dir, absl::ZeroDuration()).status());
}

TEST(OutboxLockTest, AProcessHoldingTheLockExcludesOthersUntilItIsKilled) {
  testing::TempDir tmp;
  std::string dir = tmp.Sub("o");
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    absl::StatusOr<std::unique_ptr<Outbox>> held = Outbox::Open(dir, absl::ZeroDuration());
    char c = held.ok() ? 'y' : 'n';
    (void)!write(ready[1], &c, 1);
    pause();  // until killed, as a push killed mid-stream would be
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  absl::StatusOr<std::unique_ptr<Outbox>> blocked = Outbox::Open(dir, absl::Milliseconds(100));
  EXPECT_TRUE(absl::IsUnavailable(blocked.status())) << blocked.status();
  EXPECT_THAT(std::string(blocked.status().message()), HasSubstr(absl::StrCat("pid ", child)));
  kill(child, SIGKILL);
  int status;
  waitpid(child, &status, 0);
  close(ready[0]);
  close(ready[1]);
  // The kernel dropped the dead holder's lock: no stale lock file to clear.
  EXPECT_OK(Outbox::Open(dir, absl::Seconds(5)).status());
}

v1::BatchItemResult Refusal(absl::StatusCode code) {
  v1::BatchItemResult r;
  r.set_error_code(static_cast<int>(code));
  r.set_error_message("no");
  return r;
}

TEST(VerdictTest, AcceptedRemovesRefusalsMoveAsideEverythingElseStays) {
  v1::BatchItemResult accepted;
  accepted.mutable_accepted()->set_version(1);
  EXPECT_EQ(VerdictOf(accepted), Verdict::kAccepted);
  for (absl::StatusCode code :
       {absl::StatusCode::kInvalidArgument, absl::StatusCode::kPermissionDenied,
        absl::StatusCode::kNotFound, absl::StatusCode::kFailedPrecondition,
        absl::StatusCode::kAlreadyExists, absl::StatusCode::kOutOfRange,
        absl::StatusCode::kUnimplemented}) {
    EXPECT_EQ(VerdictOf(Refusal(code)), Verdict::kRefused) << code;
    EXPECT_FALSE(IsTransient(static_cast<int>(code))) << code;
  }
  for (absl::StatusCode code : {absl::StatusCode::kUnavailable, absl::StatusCode::kDeadlineExceeded,
                                absl::StatusCode::kResourceExhausted, absl::StatusCode::kAborted,
                                absl::StatusCode::kInternal, absl::StatusCode::kUnknown,
                                absl::StatusCode::kCancelled, absl::StatusCode::kDataLoss}) {
    EXPECT_EQ(VerdictOf(Refusal(code)), Verdict::kKeep) << code;
    EXPECT_TRUE(IsTransient(static_cast<int>(code))) << code;
  }
  // Neither transient nor the report's fault: kept, never dropped.
  EXPECT_EQ(VerdictOf(Refusal(absl::StatusCode::kUnauthenticated)), Verdict::kKeep);
  EXPECT_EQ(VerdictOf(Refusal(static_cast<absl::StatusCode>(99))), Verdict::kKeep);
  EXPECT_EQ(VerdictOf(v1::BatchItemResult()), Verdict::kKeep);
}

TEST(RefusalTextTest, NamesTheReportItsOriginTheCodeAndEveryField) {
  OutboxEntry entry;
  OutboxRow row = Row("pingxiang-city", "2026-01", 2, "mixed.csv");
  entry.request = row.request;
  entry.source = "mixed.csv";
  entry.line = 2;
  v1::BatchItemResult r = Refusal(absl::StatusCode::kInvalidArgument);
  r.set_error_message("2 figures are wrong");
  v1::FieldError* e = r.add_field_errors();
  e->set_field("applications.results.total");
  e->set_description("balance identity broken");
  e = r.add_field_errors();
  e->set_field("applications.new_total");
  e->set_description("must not be negative");
  absl::Time when =
      absl::FromCivil(absl::CivilSecond(2026, 2, 3, 9, 15, 0), absl::FixedTimeZone(8 * 3600));
  EXPECT_EQ(RefusalText(entry, r, when),
            "report: pingxiang-city 2026-01\n"
            "from: mixed.csv line 2\n"
            "idempotency_key: push-pingxiang-city-2026-01\n"
            "refused: 2026-02-03 09:15:00 +0800 INVALID_ARGUMENT\n"
            "message: 2 figures are wrong\n"
            "field applications.results.total: balance identity broken\n"
            "field applications.new_total: must not be negative\n");
}

TEST(RetryDelayTest, DoublesFromHalfASecondUpToThirtyWithJitter) {
  EXPECT_EQ(RetryDelay(0, 1.0), absl::Milliseconds(500));
  EXPECT_EQ(RetryDelay(0, 0.0), absl::Milliseconds(250));
  EXPECT_EQ(RetryDelay(1, 1.0), absl::Seconds(1));
  EXPECT_EQ(RetryDelay(2, 1.0), absl::Seconds(2));
  EXPECT_EQ(RetryDelay(5, 1.0), absl::Seconds(16));
  EXPECT_EQ(RetryDelay(6, 1.0), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(1000, 1.0), absl::Seconds(30));
  EXPECT_EQ(RetryDelay(1000, 0.0), absl::Seconds(15));
  for (int attempt = 0; attempt < 20; ++attempt) {
    EXPECT_LE(RetryDelay(attempt, 0.5), RetryDelay(attempt + 1, 0.5));
  }
}

}  // namespace
}  // namespace gongkai::cli
