#include "common/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace gongkai {
namespace {

using ::testing::ElementsAre;
using ::testing::MatchesRegex;

// Standard error sent to a file for the test's life.
class CapturedStderr {
 public:
  CapturedStderr() : path_(absl::StrCat(::testing::TempDir(), "/log_test_", getpid(), "_", n_++)) {
    FlushLog();
    fd_ = ::open(path_.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    saved_ = ::dup(STDERR_FILENO);
    ::dup2(fd_, STDERR_FILENO);
  }
  ~CapturedStderr() {
    FlushLog();
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  // The lines written so far, without the final empty one.
  std::vector<std::string> Lines() const {
    std::string all;
    int fd = ::open(path_.c_str(), O_RDONLY);
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) all.append(buf, n);
    ::close(fd);
    return absl::StrSplit(all, '\n', absl::SkipEmpty());
  }

 private:
  static inline int n_ = 0;
  std::string path_;
  int fd_ = -1, saved_ = -1;
};

std::string Text(const std::string& stamped) { return stamped.substr(stamped.find(' ') + 1); }

TEST(LogTest, LineIsStampedToTheMillisecondInUtc) {
  CapturedStderr err;
  LogLine("gongkai-supervisor: serving");
  ASSERT_EQ(err.Lines().size(), 1u);
  EXPECT_THAT(err.Lines()[0],
              MatchesRegex("20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\."
                           "[0-9][0-9][0-9]Z gongkai-supervisor: serving"));
}

TEST(LogTest, HeldLinesComeFirstSoOrderIsKept) {
  CapturedStderr err;
  LogLineSoon("rpc=GetLeagueTable 1");
  LogLineSoon("rpc=GetLeagueTable 2");
  LogLine("gongkai-supervisor: stopping on SIGTERM");
  std::vector<std::string> texts;
  for (const std::string& l : err.Lines()) texts.push_back(Text(l));
  EXPECT_THAT(texts, ElementsAre("rpc=GetLeagueTable 1", "rpc=GetLeagueTable 2",
                                 "gongkai-supervisor: stopping on SIGTERM"));
}

TEST(LogTest, HeldLinesAreWrittenWithoutAFlush) {
  CapturedStderr err;
  LogLineSoon("rpc=SubmitReport luxi-county 2025-03 -> OK");
  // Within the hold time (50 ms); a second is far beyond it.
  absl::Time end = absl::Now() + absl::Seconds(5);
  while (err.Lines().empty() && absl::Now() < end) absl::SleepFor(absl::Milliseconds(10));
  ASSERT_EQ(err.Lines().size(), 1u);
  EXPECT_EQ(Text(err.Lines()[0]), "rpc=SubmitReport luxi-county 2025-03 -> OK");
}

TEST(LogTest, LinesFromManyThreadsArriveWholeAndAll) {
  CapturedStderr err;
  constexpr int kThreads = 8, kLines = 3000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kLines; ++i) {
        // Every tenth line goes at once, the rest are held.
        std::string line = absl::StrCat("thread=", t, " line=", i, " padding=", std::string(40, 'x'));
        if (i % 10 == 0) LogLine(line); else LogLineSoon(line);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  FlushLog();
  std::vector<std::string> lines = err.Lines();
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kLines));
  std::vector<int> next(kThreads, 0);
  for (const std::string& l : lines) {
    int t = -1, i = -1;
    ASSERT_EQ(std::sscanf(Text(l).c_str(), "thread=%d line=%d", &t, &i), 2) << l;
    ASSERT_TRUE(absl::EndsWith(l, absl::StrCat(" padding=", std::string(40, 'x')))) << l;
    // Each thread's lines in the order it wrote them.
    ASSERT_EQ(i, next[t]) << l;
    ++next[t];
  }
}

}  // namespace
}  // namespace gongkai
