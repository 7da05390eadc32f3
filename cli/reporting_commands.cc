// The reporting commands: push, get, history, units, reports.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/encoding.h"
#include "cli/outbox.h"
#include "cli/report_reader.h"
#include "cli/supervision_format.h"
#include "cli/table.h"
#include "common/period.h"
#include "common/status_macros.h"
#include "gongkai/v1/admin.grpc.pb.h"
#include "gongkai/v1/reporting.grpc.pb.h"
#include "model/field_path.h"
#include "model/labels.h"

namespace gongkai::cli {
namespace {

void PrintSubmission(const v1::Submission& s) {
  std::printf("%s %s  version %u  submitted %s%s by %s%s\n", s.report().unit_id().c_str(),
              s.report().period().c_str(), s.version(), LocalTime(s.submitted_at()).c_str(),
              s.imported() ? " (导入 imported)" : "", s.submitter().c_str(),
              s.days_late() > 0 ? absl::StrCat("  (", s.days_late(), " days late)").c_str() : "");
  for (const v1::ValidationWarning& w : s.warnings()) {
    std::printf("  warning %s: %s\n", w.field().c_str(), w.message().c_str());
  }
  Table table({"指标", "数值"});
  table.AlignRight(1);
  for (const model::FieldPath& p : model::AllFigurePaths()) {
    int64_t v = p.Get(s.report());
    if (v != 0) table.AddRow({p.path(), absl::StrCat(v)});
  }
  std::map<std::string, int64_t> extra(s.report().extra().begin(), s.report().extra().end());
  for (const auto& [name, v] : extra) table.AddRow({absl::StrCat("extra.", name), absl::StrCat(v)});
  std::printf("%s", table.Render().c_str());
  if (!s.report().note().empty()) std::printf("note: %s\n", s.report().note().c_str());
}

int ImportUnits(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "gongkai: %s\n", std::string(text.status().message()).c_str());
    return kExitUsage;
  }
  std::vector<RowError> errors;
  absl::StatusOr<std::vector<v1::Unit>> units = ReadUnitsCsv(*text, &errors);
  if (!units.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", path.c_str(),
                 std::string(units.status().message()).c_str());
    return kExitRefused;
  }
  for (const RowError& e : errors) {
    std::printf("line %d: %s%s%s\n", e.line, e.field.c_str(), e.field.empty() ? "" : ": ",
                e.reason.c_str());
  }
  auto stub = v1::AdminService::NewStub(Channel());
  int added = 0, unchanged = 0, refused = static_cast<int>(errors.size());
  // In calls of kImportChunk units, each written in one synced batch; a
  // unit's parent may stand earlier in the same file.
  constexpr int kImportChunk = 5000;
  for (size_t first = 0; first < units->size(); first += kImportChunk) {
    const size_t end = std::min(units->size(), first + kImportChunk);
    v1::ImportUnitsRequest req;
    for (size_t i = first; i < end; ++i) *req.add_units() = (*units)[i];
    v1::ImportUnitsResponse resp;
    auto ctx = Context();
    grpc::Status status = stub->ImportUnits(ctx.get(), req, &resp);
    if (!status.ok()) return Report(status, "units import");
    added += static_cast<int>(resp.added());
    unchanged += static_cast<int>(resp.unchanged());
    refused += static_cast<int>(resp.refused());
    for (const v1::UnitImportResult& r : resp.results()) {
      if (r.outcome() != v1::UnitImportResult::REFUSED) continue;
      std::printf("%s: %s\n", r.unit_id().c_str(), r.error_message().c_str());
    }
  }
  std::printf("%s: %s\n", path.c_str(),
              Text("cli.units.tally", {{"added", absl::StrCat(added)},
                                       {"unchanged", absl::StrCat(unchanged)},
                                       {"refused", absl::StrCat(refused)}})
                  .c_str());
  return refused == 0 ? kExitOk : kExitRefused;
}

}  // namespace

absl::StatusOr<std::vector<v1::Unit>> FetchUnits(v1::Tier tier, const std::string& parent) {
  auto stub = v1::AdminService::NewStub(Channel());
  v1::ListUnitsRequest req;
  req.set_tier(tier);
  req.set_parent_id(parent);
  v1::ListUnitsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListUnits(ctx.get(), req, &resp);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  return std::vector<v1::Unit>(resp.units().begin(), resp.units().end());
}

absl::StatusOr<std::string> ResolveUnit(const std::string& text) {
  // Unit ids are [a-z0-9-]; anything else is taken for a name.
  if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                           std::string::npos) {
    return text;
  }
  GONGKAI_ASSIGN_OR_RETURN(std::vector<v1::Unit> units, FetchUnits(v1::TIER_UNSPECIFIED, ""));
  std::vector<const v1::Unit*> named;
  for (const v1::Unit& u : units) {
    if (u.name() == text) named.push_back(&u);
  }
  if (named.size() == 1) return named.front()->unit_id();
  if (named.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "没有名为 \"", text, "\" 的单位 (no unit of that name within your reach; "
        "`gongkai units` lists them)"));
  }
  std::string candidates;
  for (const v1::Unit* u : named) {
    absl::StrAppend(&candidates, candidates.empty() ? "" : ", ", u->unit_id(), " (", u->name(),
                    ")");
  }
  return absl::InvalidArgumentError(absl::StrCat("单位名称 \"", text, "\" 不唯一, 请用单位代码: ",
                                                 candidates));
}

// ---- push ----------------------------------------------------------------

namespace {

// "line 2 (luxi-county 2025-06)": where a row of the pushed file stands.
std::string RowWhere(int line, const v1::SubmitReportRequest& request) {
  return absl::StrCat("line ", line, " (", request.report().unit_id(), " ",
                      request.report().period(), ")");
}

// The lines a refused row prints, for a push and a check alike: one per
// refused field, else the refusal's message.
void PrintRefusal(const std::string& where, absl::string_view message,
                  const google::protobuf::RepeatedPtrField<v1::FieldError>& errors) {
  if (errors.empty()) {
    std::printf("%s: %s\n", where.c_str(),
                Text("cli.push.refused", {{"detail", std::string(message)}}).c_str());
  }
  for (const v1::FieldError& e : errors) {
    std::printf("%s: %s: %s\n", where.c_str(), e.field().c_str(), e.description().c_str());
  }
}

void PrintWarnings(const std::string& where,
                   const google::protobuf::RepeatedPtrField<v1::ValidationWarning>& warnings) {
  for (const v1::ValidationWarning& w : warnings) {
    std::printf("%s: %s\n", where.c_str(),
                Text("cli.push.warning", {{"field", w.field()}, {"detail", w.message()}}).c_str());
  }
}

// Prints the rows `read` could not read, as push always has; returns how many.
int PrintUnreadable(const ReadResult& read) {
  for (const RowError& e : read.errors) {
    std::printf("line %d: %s%s%s\n", e.line, e.field.c_str(), e.field.empty() ? "" : ": ",
                e.reason.c_str());
  }
  return static_cast<int>(read.errors.size());
}

// What a push did with one group of reports: this push's file, or what
// earlier pushes left in the outbox.
struct Tally {
  int accepted = 0;  // stored, or answered as a replay of a stored report
  int with_warnings = 0;
  int refused = 0;      // refused by the supervisor or, for the file, unreadable rows
  int moved_aside = 0;  // of `refused`, those moved to refused/
  int kept = 0;         // still in the outbox after the last attempt
};

// The outcome of one pass over the outbox.
struct PassResult {
  absl::Status outbox_error;  // the outbox could not be read: nothing was sent
  grpc::Status status;        // of the first stream that failed; OK if every stream answered
  int answered = 0;           // reports accepted or refused
  int kept = 0;               // reports left in the outbox
  std::string why;            // why the last kept report was not taken
};

// Sends the reports in an outbox and settles every answer: removed when
// accepted, moved to refused/ when refused for good (printed either way),
// kept otherwise.
class OutboxSender {
 public:
  // `mine`: the files this push queued from its file; their rows are named
  // as "line N" and counted in mine(), the others in earlier().
  // `unreadable_rows`: the file's rows that could not be read, counted as
  // refused in mine().
  OutboxSender(Outbox* outbox, absl::flat_hash_set<std::string> mine, int unreadable_rows)
      : outbox_(outbox), mine_names_(std::move(mine)) {
    mine_.refused = unreadable_rows;
  }

  // Sends every queued report, oldest first, in streams of --batch_size,
  // over a new channel (so a supervisor that came back is found at once,
  // not after the old channel's reconnect backoff). Stops at the first
  // stream that fails: its reports, and those after it, stay queued.
  PassResult Pass() {
    PassResult result;
    mine_.kept = earlier_.kept = 0;
    std::vector<std::string> unreadable;
    absl::StatusOr<std::vector<OutboxEntry>> entries = outbox_->List(&unreadable);
    for (const std::string& name : unreadable) {
      std::printf("%s: %s\n", name.c_str(),
                  Text("cli.outbox.unreadable", {{"dir", outbox_->refused_dir()}}).c_str());
      ++earlier_.refused;
      ++earlier_.moved_aside;
    }
    if (!entries.ok()) {
      result.outbox_error = entries.status();
      return result;
    }
    auto stub = v1::ReportingService::NewStub(Channel());
    size_t batch = static_cast<size_t>(std::max(1, absl::GetFlag(FLAGS_batch_size)));
    for (size_t start = 0; start < entries->size(); start += batch) {
      size_t end = std::min(entries->size(), start + batch);
      std::vector<bool> answered(end - start, false);
      if (result.status.ok()) {
        result.status = SendBatch(*stub, *entries, start, end, &answered, &result);
      }
      for (size_t i = start; i < end; ++i) {
        if (answered[i - start]) continue;
        ++result.kept;
        ++TallyOf((*entries)[i]).kept;
      }
    }
    if (!result.status.ok()) result.why = result.status.error_message();
    return result;
  }

  const Tally& mine() const { return mine_; }
  const Tally& earlier() const { return earlier_; }

 private:
  grpc::Status SendBatch(v1::ReportingService::Stub& stub, const std::vector<OutboxEntry>& entries,
                         size_t start, size_t end, std::vector<bool>* answered,
                         PassResult* result) {
    auto ctx = Context(absl::Minutes(5));
    v1::SubmitBatchResponse response;
    auto writer = stub.SubmitBatch(ctx.get(), &response);
    for (size_t i = start; i < end; ++i) {
      if (!writer->Write(entries[i].request)) break;
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) return status;
    std::vector<std::string> accepted;
    for (const v1::BatchItemResult& r : response.results()) {
      if (r.index() >= end - start || (*answered)[r.index()]) continue;
      const OutboxEntry& entry = entries[start + r.index()];
      switch (VerdictOf(r)) {
        case Verdict::kAccepted:
          accepted.push_back(entry.name);
          Accepted(entry, r);
          break;
        case Verdict::kRefused:
          Refused(entry, r);
          break;
        case Verdict::kKeep:
          result->why =
              absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(r.error_code())),
                           ": ", r.error_message());
          continue;
      }
      (*answered)[r.index()] = true;
      ++result->answered;
    }
    absl::Status removed = outbox_->Remove(accepted);
    if (!removed.ok()) {
      std::fprintf(stderr,
                   "gongkai: %s; the accepted reports left in the outbox will be sent again and "
                   "answered as replays\n",
                   std::string(removed.message()).c_str());
    }
    return grpc::Status::OK;
  }

  void Accepted(const OutboxEntry& entry, const v1::BatchItemResult& r) {
    Tally& tally = TallyOf(entry);
    ++tally.accepted;
    if (r.accepted().warnings_size() > 0) ++tally.with_warnings;
    if (r.replayed()) {
      std::printf("%s: %s\n", Where(entry).c_str(),
                  Text("cli.push.replayed", {{"version", absl::StrCat(r.accepted().version())}})
                      .c_str());
      return;
    }
    PrintWarnings(Where(entry), r.accepted().warnings());
  }

  void Refused(const OutboxEntry& entry, const v1::BatchItemResult& r) {
    Tally& tally = TallyOf(entry);
    ++tally.refused;
    PrintRefusal(Where(entry), r.error_message(), r.field_errors());
    absl::Status moved = outbox_->Refuse(entry.name, RefusalText(entry, r, absl::Now()));
    if (moved.ok()) {
      ++tally.moved_aside;
    } else {
      std::fprintf(stderr, "gongkai: %s; %s stays in the outbox and will be sent again\n",
                   std::string(moved.message()).c_str(), entry.name.c_str());
    }
  }

  bool IsMine(const OutboxEntry& entry) const { return mine_names_.contains(entry.name); }
  Tally& TallyOf(const OutboxEntry& entry) { return IsMine(entry) ? mine_ : earlier_; }

  // "line 2 (luxi-county 2025-06)" for this push's file, as push always
  // said; "reports.csv line 2 (...)" for a report an earlier push queued.
  std::string Where(const OutboxEntry& entry) const {
    return absl::StrCat(IsMine(entry) ? "" : absl::StrCat(entry.source, " "),
                        RowWhere(entry.line, entry.request));
  }

  Outbox* const outbox_;
  const absl::flat_hash_set<std::string> mine_names_;
  Tally mine_;
  Tally earlier_;
};

// Passes over the outbox until it is empty, a stream fails for a reason
// waiting cannot cure, or `retry_for` would pass before the next attempt.
// Waits RetryDelay between attempts, starting over after an attempt that
// settled something.
PassResult PassUntilEmpty(OutboxSender* sender, absl::Duration retry_for) {
  absl::Time deadline = absl::Now() + retry_for;
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  for (int attempt = 0;;) {
    PassResult result = sender->Pass();
    if (!result.outbox_error.ok() || result.kept == 0) return result;
    if (!result.status.ok() && !IsTransient(result.status.error_code())) return result;
    absl::Duration delay = RetryDelay(attempt, jitter(rng));
    if (absl::Now() + delay > deadline) return result;
    std::fprintf(stderr, "gongkai: %d reports waiting (%s); trying again in %.1f s\n", result.kept,
                 result.why.c_str(), absl::ToDoubleSeconds(delay));
    absl::SleepFor(delay);
    attempt = result.answered > 0 ? 0 : attempt + 1;
  }
}

// "PATH: 118 accepted (17 with warnings), 2 refused (see DIR/refused), 0
// left in the outbox".
void PrintTally(const std::string& what, const Tally& t, const Outbox& outbox) {
  std::printf(
      "%s: %s\n", what.c_str(),
      Text(t.moved_aside > 0 ? "cli.push.tally_aside" : "cli.push.tally",
           {{"accepted", absl::StrCat(t.accepted)},
            {"warned", absl::StrCat(t.with_warnings)},
            {"refused", absl::StrCat(t.refused)},
            {"dir", outbox.refused_dir()},
            {"kept", absl::StrCat(t.kept)}})
          .c_str());
}

// The command that sends what is left, with the flags that found it.
std::string ResumeCommand(const std::string& dir) {
  std::string command = "gongkai push --resume";
  if (!absl::GetFlag(FLAGS_outbox).empty()) absl::StrAppend(&command, " --outbox ", dir);
  if (!absl::GetFlag(FLAGS_server).empty()) {
    absl::StrAppend(&command, " --server ", ServerAddress());
  }
  return command;
}

// Says why reports are left and returns the exit code: kExitUnreachable when
// trying again later may work, kExitRefused when something must be fixed
// first (a stream refused as a whole, e.g. for want of a valid token).
int ReportKept(const PassResult& result, const std::string& dir) {
  const std::map<std::string, std::string> params = {{"kept", absl::StrCat(result.kept)},
                                                      {"dir", dir},
                                                      {"command", ResumeCommand(dir)},
                                                      {"server", ServerAddress()},
                                                      {"detail", result.why}};
  if (!result.status.ok() && !IsTransient(result.status.error_code())) {
    Report(result.status, "push");
    std::fprintf(stderr, "gongkai: %s\n", Text("cli.push.kept_until_fixed", params).c_str());
    return kExitRefused;
  }
  std::fprintf(stderr, "gongkai: %s\n",
               Text(result.status.ok() ? "cli.push.kept_partly" : "cli.push.kept_unreachable",
                    params)
                   .c_str());
  return kExitUnreachable;
}

// Opens the outbox, saying so when another push holds it and waiting up to
// --retry_for for it.
absl::StatusOr<std::unique_ptr<Outbox>> OpenOutbox(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<Outbox>> outbox = Outbox::Open(dir, absl::ZeroDuration());
  if (!absl::IsUnavailable(outbox.status())) return outbox;
  std::fprintf(stderr, "gongkai: %s; waiting for it to finish\n",
               std::string(outbox.status().message()).c_str());
  return Outbox::Open(dir, absl::GetFlag(FLAGS_retry_for));
}

// The reports of the file to push; nullopt once it has said why the file
// cannot be pushed, with the exit code in `exit_code`.
std::optional<ReadResult> ReadPushFile(const std::string& path, int* exit_code) {
  auto fail = [exit_code](int code) -> std::optional<ReadResult> {
    *exit_code = code;
    return std::nullopt;
  };
  absl::StatusOr<std::string> text = ReadFile(path);
  if (!text.ok()) {
    std::fprintf(stderr, "gongkai: %s\n", std::string(text.status().message()).c_str());
    return fail(kExitUsage);
  }
  if (absl::EndsWithIgnoreCase(path, ".xlsx") || absl::EndsWithIgnoreCase(path, ".xls")) {
    std::fprintf(stderr,
                 "gongkai: %s: push reads CSV and JSON, not Excel workbooks; in Excel save the "
                 "sheet as \"CSV UTF-8\" (or CSV) and push that file\n",
                 path.c_str());
    return fail(kExitUsage);
  }
  // Chinese Excel saves "CSV" in GBK: converted, and said so.
  absl::StatusOr<Decoded> decoded = ToUtf8(*std::move(text));
  if (!decoded.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", path.c_str(),
                 std::string(decoded.status().message()).c_str());
    return fail(kExitRefused);
  }
  if (decoded->converted) {
    std::printf("%s: %s\n", path.c_str(), Text("cli.push.gbk").c_str());
  }
  bool json = absl::EndsWithIgnoreCase(path, ".json") || absl::EndsWithIgnoreCase(path, ".jsonl");
  absl::StatusOr<ReadResult> read =
      json ? ReadReportsJson(decoded->text) : ReadReportsCsv(decoded->text);
  if (!read.ok()) {
    std::fprintf(stderr, "gongkai: %s: %s\n", path.c_str(),
                 std::string(read.status().message()).c_str());
    return fail(kExitRefused);
  }
  // A header and nothing else is most likely an export of the wrong
  // sheet; succeeding quietly would let the office believe it reported.
  if (read->rows.empty() && read->errors.empty()) {
    std::fprintf(stderr, "gongkai: %s: the file holds no reports; nothing was sent\n",
                 path.c_str());
    return fail(kExitRefused);
  }
  return *std::move(read);
}

// push --check FILE: asks ValidateReport about every row and prints what a
// push would (the same refusal and warning lines) and the score each month
// would get. Stores nothing, queues nothing.
int CheckPush(const std::string& path) {
  int exit_code = kExitOk;
  std::optional<ReadResult> read = ReadPushFile(path, &exit_code);
  if (!read.has_value()) return exit_code;
  int refused = PrintUnreadable(*read);
  int valid = 0, with_warnings = 0;
  auto stub = v1::ReportingService::NewStub(Channel());
  for (const ReportRow& row : read->rows) {
    std::string where = RowWhere(row.line, row.request);
    v1::ValidateReportResponse answer;
    auto ctx = Context();
    grpc::Status status = stub->ValidateReport(ctx.get(), row.request, &answer);
    if (!status.ok()) {
      if (IsTransient(status.error_code())) return Report(status, "push --check");
      ++refused;
      PrintRefusal(where, status.error_message(), {});
      continue;
    }
    if (!answer.valid()) {
      ++refused;
      PrintRefusal(where, "", answer.errors());
      continue;
    }
    ++valid;
    if (answer.warnings_size() > 0) ++with_warnings;
    PrintWarnings(where, answer.warnings());
    if (answer.has_score()) {
      std::printf("%s: %s\n", where.c_str(),
                  Text("cli.check.scored", {{"version", absl::StrCat(answer.version())},
                                            {"score", absl::StrFormat("%.2f", answer.score().total())},
                                            {"grade", answer.score().grade()}})
                      .c_str());
    } else {
      std::printf("%s: %s\n", where.c_str(),
                  Text("cli.check.version", {{"version", absl::StrCat(answer.version())}}).c_str());
    }
  }
  std::printf("%s: %s\n", path.c_str(),
              Text("cli.check.tally", {{"valid", absl::StrCat(valid)},
                                       {"warned", absl::StrCat(with_warnings)},
                                       {"refused", absl::StrCat(refused)}})
                  .c_str());
  return refused == 0 ? kExitOk : kExitRefused;
}

}  // namespace

int Push(const std::vector<std::string>& args) {
  if (const std::string check = absl::GetFlag(FLAGS_check); !check.empty()) {
    if (!args.empty() || absl::GetFlag(FLAGS_resume)) {
      return Usage("gongkai push --check FILE.csv|FILE.json");
    }
    return CheckPush(check);
  }
  bool resume = absl::GetFlag(FLAGS_resume);
  if (resume ? !args.empty() : args.size() != 1) {
    std::fprintf(stderr, "usage: gongkai push FILE.csv|FILE.json | gongkai push --resume\n");
    return kExitUsage;
  }
  // The file's rows, read before the outbox is touched: a file that cannot
  // be read queues nothing.
  std::vector<OutboxRow> rows;
  int unreadable_rows = 0;
  if (!resume) {
    const std::string& path = args[0];
    int exit_code = kExitOk;
    std::optional<ReadResult> read = ReadPushFile(path, &exit_code);
    if (!read.has_value()) return exit_code;
    unreadable_rows = PrintUnreadable(*read);
    std::string source = std::filesystem::path(path).filename().string();
    for (ReportRow& row : read->rows) {
      rows.push_back(OutboxRow{std::move(row.request), source, row.line});
    }
  }

  std::string dir = OutboxDirFrom(absl::GetFlag(FLAGS_outbox), std::getenv("GONGKAI_OUTBOX"),
                                  std::getenv("XDG_STATE_HOME"), std::getenv("HOME"));
  if (dir.empty()) {
    std::fprintf(stderr, "gongkai: no outbox folder: give --outbox DIR or set $GONGKAI_OUTBOX\n");
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<Outbox>> outbox = OpenOutbox(dir);
  if (!outbox.ok()) {
    std::fprintf(stderr, "gongkai: %s; nothing was sent\n",
                 std::string(outbox.status().message()).c_str());
    return absl::IsUnavailable(outbox.status()) ? kExitUnreachable : kExitUsage;
  }
  absl::StatusOr<std::vector<std::string>> queued = (*outbox)->Queue(rows);
  if (!queued.ok()) {
    std::fprintf(stderr, "gongkai: %s; nothing was queued or sent\n",
                 std::string(queued.status().message()).c_str());
    return kExitUsage;
  }

  OutboxSender sender(outbox->get(),
                      absl::flat_hash_set<std::string>(queued->begin(), queued->end()),
                      unreadable_rows);
  // A plain push tries once and leaves the waiting to --resume, so a script
  // pushing to a supervisor that is down learns it at once.
  PassResult result =
      resume ? PassUntilEmpty(&sender, absl::GetFlag(FLAGS_retry_for)) : sender.Pass();
  if (!result.outbox_error.ok()) {
    std::fprintf(stderr, "gongkai: %s\n", std::string(result.outbox_error.message()).c_str());
    return kExitUsage;
  }
  const Tally& earlier = sender.earlier();
  const Tally& mine = sender.mine();
  bool had_earlier = earlier.accepted + earlier.refused + earlier.kept > 0;
  if (resume && !had_earlier) {
    std::printf("%s\n", Text("cli.outbox.empty", {{"dir", dir}}).c_str());
    return kExitOk;
  }
  if (had_earlier) {
    PrintTally(resume ? Text("cli.outbox.named", {{"dir", dir}}) : Text("cli.outbox.earlier"), earlier,
               **outbox);
  }
  if (!resume) PrintTally(args[0], mine, **outbox);
  if (result.kept > 0) return ReportKept(result, dir);
  return earlier.refused + mine.refused == 0 ? kExitOk : kExitRefused;
}

// ---- get / history ---------------------------------------------------------

int Get(const std::vector<std::string>& args) {
  uint32_t version = 0;
  if (args.size() < 2 || args.size() > 3 ||
      (args.size() == 3 && !absl::SimpleAtoi(args[2], &version))) {
    std::fprintf(stderr, "usage: gongkai get UNIT PERIOD [VERSION]\n");
    return kExitUsage;
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::GetReportRequest req;
  req.set_unit_id(args[0]);
  req.set_period(args[1]);
  req.set_version(version);
  v1::Submission sub;
  auto ctx = Context();
  grpc::Status status = stub->GetReport(ctx.get(), req, &sub);
  if (!status.ok()) return Report(status, "get");
  if (Json()) {
    std::printf("%s\n", PrintJson(sub).c_str());
  } else {
    PrintSubmission(sub);
  }
  return kExitOk;
}

int History(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "usage: gongkai history UNIT\n");
    return kExitUsage;
  }
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::ListSubmissionsRequest req;
  req.set_unit_id(args[0]);
  v1::ListSubmissionsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListSubmissions(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, "history");
  if (Json()) {
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"月份", "版本", "提交时间", "提交人", "逾期天数", "警告"});
  table.AlignRight(1);
  table.AlignRight(4);
  table.AlignRight(5);
  for (const v1::Submission& s : resp.submissions()) {
    table.AddRow({s.report().period(), absl::StrCat(s.version()),
                  absl::StrCat(LocalTime(s.submitted_at()), s.imported() ? " 导入" : ""),
                  s.submitter(), absl::StrCat(s.days_late()), absl::StrCat(s.warnings_size())});
  }
  std::printf("%s", table.Render().c_str());
  return kExitOk;
}

// ---- units -------------------------------------------------------------------

int Units(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "import") {
    if (args.size() != 2) {
      std::fprintf(stderr, "usage: gongkai units import FILE.csv\n");
      return kExitUsage;
    }
    return ImportUnits(args[1]);
  }
  if (!args.empty()) {
    std::fprintf(stderr, "usage: gongkai units [--tier T] [--parent UNIT] | units import FILE\n");
    return kExitUsage;
  }
  v1::Tier tier;
  if (!ParseTierFlag(&tier)) {
    std::fprintf(stderr, "gongkai: --tier must be municipal, agency, county or township\n");
    return kExitUsage;
  }
  absl::StatusOr<std::vector<v1::Unit>> units = FetchUnits(tier, absl::GetFlag(FLAGS_parent));
  if (!units.ok()) return Report(units.status(), "units");
  if (Json()) {
    v1::ListUnitsResponse resp;
    for (const auto& u : *units) *resp.add_units() = u;
    std::printf("%s\n", PrintJson(resp).c_str());
    return kExitOk;
  }
  Table table({"单位代码", "名称", "层级", "上级"});
  for (const v1::Unit& u : *units) {
    table.AddRow({u.unit_id(), u.name() + (u.inactive() ? "（已停用）" : ""),
                  model::TierName(u.tier()), u.parent_id()});
  }
  std::printf("%s%s\n", table.Render().c_str(),
              Text("cli.list.units", {{"n", absl::StrCat(units->size())}}).c_str());
  return kExitOk;
}

// ---- reports -----------------------------------------------------------------

int Reports(const std::vector<std::string>& args) {
  std::string period =
      args.empty() ? PeriodOf(absl::Now(), CityZone()).Previous().ToString() : args[0];
  if (args.size() > 1 || !ValidPeriod(period)) {
    std::fprintf(stderr, "usage: gongkai reports [YYYY-MM]  (default: last month)\n");
    return kExitUsage;
  }
  return PrintPeriodReports(period, "reports");
}

int PrintPeriodReports(const std::string& period, absl::string_view what) {
  auto stub = v1::ReportingService::NewStub(Channel());
  v1::ListPeriodReportsRequest req;
  req.set_period(period);
  v1::ListPeriodReportsResponse resp;
  auto ctx = Context();
  grpc::Status status = stub->ListPeriodReports(ctx.get(), req, &resp);
  if (!status.ok()) return Report(status, what);
  std::printf("%s\n", PrintJson(resp).c_str());
  return kExitOk;
}

}  // namespace gongkai::cli
