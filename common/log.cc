#include "common/log.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace gongkai {
namespace {

constexpr size_t kHoldAtMost = 64 * 1024;
constexpr absl::Duration kHoldFor = absl::Milliseconds(50);

// "2026-11-23T09:00:00.123Z <line>\n"; the date and time to the second are
// formatted once a second per thread.
std::string Stamped(absl::string_view line) {
  const int64_t ms = absl::ToUnixMillis(absl::Now());
  thread_local int64_t second = -1;
  thread_local std::string to_second;
  if (ms / 1000 != second) {
    second = ms / 1000;
    to_second = absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(second),
                                 absl::UTCTimeZone());
  }
  return absl::StrCat(to_second, ".", absl::Dec(ms % 1000, absl::kZeroPad3), "Z ", line, "\n");
}

void WriteAll(const std::string& out) {
  // A failed log write has nowhere better to be reported.
  ssize_t unused = ::write(STDERR_FILENO, out.data(), out.size());
  (void)unused;
}

// The lines held for one write. Never destroyed (a detached thread writes
// them until the process ends), so it is created once and leaked.
class Held {
 public:
  static Held& Get() {
    static Held* const held = [] {
      auto* h = new Held;
      std::thread([h] { h->WriteEvery(); }).detach();
      std::atexit([] { FlushLog(); });
      return h;
    }();
    return *held;
  }

  void Add(std::string line) {
    bool full;
    {
      absl::MutexLock lock(&held_mu_);
      absl::StrAppend(&held_, line);
      full = held_.size() >= kHoldAtMost;
    }
    if (full) Flush();
  }

  // Writes what is held, then `then` if any; the write lock keeps the order.
  void Flush(const std::string& then = "") {
    absl::MutexLock write_lock(&write_mu_);
    std::string out;
    {
      absl::MutexLock lock(&held_mu_);
      out.swap(held_);
    }
    out += then;
    if (!out.empty()) WriteAll(out);
  }

 private:
  void WriteEvery() {
    // Signals are for the threads that wait for them (the supervisor's main).
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    for (;;) {
      absl::SleepFor(kHoldFor);
      Flush();
    }
  }

  absl::Mutex write_mu_ ABSL_ACQUIRED_BEFORE(held_mu_);
  absl::Mutex held_mu_;
  std::string held_ ABSL_GUARDED_BY(held_mu_);
};

}  // namespace

void LogLine(absl::string_view line) { Held::Get().Flush(Stamped(line)); }

void LogLineSoon(absl::string_view line) { Held::Get().Add(Stamped(line)); }

void FlushLog() { Held::Get().Flush(); }

}  // namespace gongkai
