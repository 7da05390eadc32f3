#include "cli/outbox.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"

namespace gongkai::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kSuffix[] = ".req";
constexpr char kReasonSuffix[] = ".txt";
constexpr char kTempPrefix[] = ".tmp-";
constexpr char kLockFile[] = ".lock";
constexpr size_t kMaxSourceBytes = 80;

absl::Status Errno(int error, absl::string_view what, absl::string_view path) {
  return absl::ErrnoToStatus(error, absl::StrCat(what, " ", path));
}

// The pushed file's name as it can stand in a file name: no '/' or control
// characters, at most kMaxSourceBytes, cut between UTF-8 characters.
std::string SafeSource(absl::string_view source) {
  std::string out = source.empty() ? "report" : std::string(source);
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || u < 0x20 || u == 0x7f) c = '_';
  }
  if (out.size() > kMaxSourceBytes) {
    size_t cut = kMaxSourceBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

// The queue number of an outbox or refused/ file name, or false for a name
// that is not one of ours (the lock, a temporary file, a user's note).
bool ParseSeq(absl::string_view name, uint64_t* seq) {
  size_t dash = name.find('-');
  if (dash == 0 || dash == absl::string_view::npos) return false;
  absl::string_view digits = name.substr(0, dash);
  if (!std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit)) return false;
  return absl::SimpleAtoi(digits, seq);
}

// Parses "000000000042-reports.csv-2.req" into an entry's name, seq, source
// and line; false for anything else.
bool ParseName(absl::string_view name, OutboxEntry* entry) {
  if (!ParseSeq(name, &entry->seq) || !absl::EndsWith(name, kSuffix)) return false;
  absl::string_view tag = name.substr(name.find('-') + 1);
  tag.remove_suffix(sizeof(kSuffix) - 1);
  size_t dash = tag.rfind('-');
  if (dash == absl::string_view::npos || !absl::SimpleAtoi(tag.substr(dash + 1), &entry->line)) {
    return false;
  }
  entry->name = std::string(name);
  entry->source = std::string(tag.substr(0, dash));
  return true;
}

absl::Status SyncDir(const std::string& dir) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno(errno, "cannot open", dir);
  int rc = fsync(fd);
  int error = errno;
  close(fd);
  if (rc != 0) return Errno(error, "cannot sync", dir);
  return absl::OkStatus();
}

// Writes `contents` to dir/name through dir/.tmp-name, synced before the
// rename, so dir/name is never seen half written. The caller syncs `dir` to
// make the rename itself durable.
absl::Status WriteAtomically(const std::string& dir, const std::string& name,
                             absl::string_view contents) {
  std::string temp = absl::StrCat(dir, "/", kTempPrefix, name);
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno(errno, "cannot create", temp);
  while (!contents.empty()) {
    ssize_t n = write(fd, contents.data(), contents.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      unlink(temp.c_str());
      return Errno(error, "cannot write", temp);
    }
    contents.remove_prefix(static_cast<size_t>(n));
  }
  if (fsync(fd) != 0) {
    int error = errno;
    close(fd);
    unlink(temp.c_str());
    return Errno(error, "cannot sync", temp);
  }
  close(fd);
  std::string path = absl::StrCat(dir, "/", name);
  if (rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    unlink(temp.c_str());
    return Errno(error, "cannot rename into", path);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadWhole(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno(errno, "cannot open", path);
  std::string out;
  char buf[8192];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      close(fd);
      return Errno(error, "cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

// The file names in `dir` (not subfolders).
absl::StatusOr<std::vector<std::string>> FileNames(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) names.push_back(it->path().filename().string());
  }
  if (ec) return absl::InternalError(absl::StrCat("cannot list ", dir, ": ", ec.message()));
  return names;
}

// Removes what a push that crashed while writing left behind in `dir`, and
// returns the largest queue number there (0 if none).
absl::StatusOr<uint64_t> Tidy(const std::string& dir) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<std::string> names, FileNames(dir));
  uint64_t max_seq = 0;
  for (const std::string& name : names) {
    uint64_t seq;
    if (absl::StartsWith(name, kTempPrefix)) {
      std::string path = absl::StrCat(dir, "/", name);
      if (unlink(path.c_str()) != 0 && errno != ENOENT) return Errno(errno, "cannot remove", path);
    } else if (ParseSeq(name, &seq)) {
      max_seq = std::max(max_seq, seq);
    }
  }
  return max_seq;
}

// The pid the holder of the lock wrote into it, for the "in use" message.
std::string LockHolder(int fd) {
  char buf[32] = {};
  ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return "another process";
  return absl::StrCat("pid ", absl::StripAsciiWhitespace(absl::string_view(buf, n)));
}

}  // namespace

std::string OutboxDirFrom(absl::string_view flag, const char* gongkai_outbox,
                          const char* xdg_state_home, const char* home) {
  if (!flag.empty()) return std::string(flag);
  if (gongkai_outbox != nullptr && *gongkai_outbox != '\0') return gongkai_outbox;
  // The XDG spec says a relative $XDG_STATE_HOME is invalid and to be ignored.
  if (xdg_state_home != nullptr && xdg_state_home[0] == '/') {
    return absl::StrCat(xdg_state_home, "/gongkai/outbox");
  }
  if (home != nullptr && *home != '\0') return absl::StrCat(home, "/.local/state/gongkai/outbox");
  return "";
}

bool IsRefusal(int code) {
  switch (static_cast<absl::StatusCode>(code)) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kUnimplemented:
      return true;
    default:
      return false;
  }
}

bool IsTransient(int code) {
  switch (static_cast<absl::StatusCode>(code)) {
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
      return true;
    default:
      return false;
  }
}

Verdict VerdictOf(const v1::BatchItemResult& result) {
  if (result.has_accepted()) return Verdict::kAccepted;
  // Only a code that blames the report itself may take it out of the queue;
  // UNAUTHENTICATED, a code this client does not know, or no code at all
  // keeps it, since dropping a report is the one mistake that cannot be undone.
  if (IsRefusal(result.error_code())) return Verdict::kRefused;
  // RESOURCE_EXHAUSTED naming a field is a limit of the report's own (the
  // versions a month may hold), not an overloaded supervisor: resending
  // cannot help.
  if (result.error_code() == static_cast<int>(absl::StatusCode::kResourceExhausted) &&
      result.field_errors_size() > 0) {
    return Verdict::kRefused;
  }
  return Verdict::kKeep;
}

std::string RefusalText(const OutboxEntry& entry, const v1::BatchItemResult& result,
                        absl::Time when) {
  static const absl::TimeZone kCity = absl::FixedTimeZone(8 * 3600);
  std::string text =
      absl::StrCat("report: ", entry.request.report().unit_id(), " ",
                   entry.request.report().period(), "\n", "from: ", entry.source, " line ",
                   entry.line, "\n", "idempotency_key: ", entry.request.idempotency_key(), "\n",
                   "refused: ", absl::FormatTime("%Y-%m-%d %H:%M:%S %z", when, kCity), " ",
                   absl::StatusCodeToString(static_cast<absl::StatusCode>(result.error_code())),
                   "\n", "message: ", result.error_message(), "\n");
  for (const v1::FieldError& e : result.field_errors()) {
    absl::StrAppend(&text, "field ", e.field(), ": ", e.description(), "\n");
  }
  return text;
}

absl::Duration RetryDelay(int attempt, double jitter) {
  constexpr absl::Duration kFirst = absl::Milliseconds(500);
  constexpr absl::Duration kLongest = absl::Seconds(30);
  // 0.5 s * 2^6 is past the cap already; stopping there keeps the shift sane.
  absl::Duration base = std::min(kFirst * (int64_t{1} << std::min(attempt, 6)), kLongest);
  return base * (0.5 + jitter / 2);
}

absl::StatusOr<std::unique_ptr<Outbox>> Outbox::Open(const std::string& dir, absl::Duration wait) {
  std::string refused = dir + "/refused";
  std::error_code ec;
  fs::create_directories(refused, ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot create ", refused, ": ", ec.message()));
  std::string lock_path = absl::StrCat(dir, "/", kLockFile);
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno(errno, "cannot open", lock_path);
  absl::Time deadline = absl::Now() + wait;
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      close(fd);
      return Errno(error, "cannot lock", lock_path);
    }
    if (absl::Now() >= deadline) {
      std::string holder = LockHolder(fd);
      close(fd);
      return absl::UnavailableError(
          absl::StrCat("the outbox ", dir, " is in use by another gongkai push (", holder, ")"));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  // Only for the message another push prints while it waits; the lock itself
  // is the flock, which the kernel drops if this process dies.
  std::string pid = absl::StrCat(getpid(), "\n");
  if (ftruncate(fd, 0) != 0 || pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    int error = errno;
    close(fd);
    return Errno(error, "cannot write", lock_path);
  }
  absl::StatusOr<uint64_t> queued = Tidy(dir);
  absl::StatusOr<uint64_t> refused_max = queued.ok() ? Tidy(refused) : queued;
  if (!refused_max.ok()) {
    close(fd);
    return refused_max.status();
  }
  // Numbers are unique across the queue and refused/, so moving a refused
  // report never overwrites an older one.
  return std::unique_ptr<Outbox>(new Outbox(dir, fd, std::max(*queued, *refused_max) + 1));
}

Outbox::~Outbox() { close(lock_fd_); }

absl::StatusOr<std::vector<std::string>> Outbox::Queue(const std::vector<OutboxRow>& rows) {
  std::vector<std::string> names;
  names.reserve(rows.size());
  absl::Status status;
  for (const OutboxRow& row : rows) {
    std::string name =
        absl::StrFormat("%012d-%s-%d%s", next_seq_, SafeSource(row.source), row.line, kSuffix);
    status = WriteAtomically(dir_, name, row.request.SerializeAsString());
    if (!status.ok()) break;
    ++next_seq_;
    names.push_back(std::move(name));
  }
  if (status.ok()) status = SyncDir(dir_);
  if (status.ok()) return names;
  for (const std::string& name : names) {
    // Best effort: a row left behind is only sent again, and answered as a
    // replay; the error the caller sees is the write that failed.
    unlink(absl::StrCat(dir_, "/", name).c_str());
  }
  return status;
}

absl::StatusOr<std::vector<OutboxEntry>> Outbox::List(std::vector<std::string>* unreadable) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<std::string> names, FileNames(dir_));
  std::vector<OutboxEntry> entries;
  for (const std::string& name : names) {
    OutboxEntry entry;
    if (!ParseName(name, &entry)) continue;
    GONGKAI_ASSIGN_OR_RETURN(std::string bytes, ReadWhole(absl::StrCat(dir_, "/", name)));
    if (!entry.request.ParseFromString(bytes)) {
      GONGKAI_RETURN_IF_ERROR(Refuse(
          name, absl::StrCat("from: ", entry.source, " line ", entry.line, "\n",
                             "unreadable: the file is not a gongkai.v1.SubmitReportRequest (",
                             bytes.size(), " bytes); it was never sent\n")));
      unreadable->push_back(name);
      continue;
    }
    entries.push_back(std::move(entry));
  }
  std::sort(entries.begin(), entries.end(), [](const OutboxEntry& a, const OutboxEntry& b) {
    return a.seq != b.seq ? a.seq < b.seq : a.name < b.name;
  });
  return entries;
}

absl::Status Outbox::Remove(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    std::string path = absl::StrCat(dir_, "/", name);
    if (unlink(path.c_str()) != 0 && errno != ENOENT) return Errno(errno, "cannot remove", path);
  }
  return SyncDir(dir_);
}

absl::Status Outbox::Refuse(const std::string& name, absl::string_view reason) {
  std::string refused = refused_dir();
  std::string stem(absl::StripSuffix(name, kSuffix));
  GONGKAI_RETURN_IF_ERROR(WriteAtomically(refused, stem + kReasonSuffix, reason));
  std::string from = absl::StrCat(dir_, "/", name);
  std::string to = absl::StrCat(refused, "/", name);
  if (rename(from.c_str(), to.c_str()) != 0) return Errno(errno, "cannot move", from);
  GONGKAI_RETURN_IF_ERROR(SyncDir(refused));
  return SyncDir(dir_);
}

}  // namespace gongkai::cli
