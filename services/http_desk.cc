#include "services/http_desk.h"

#include <filesystem>
#include <functional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "common/file.h"
#include "common/log.h"
#include "common/temp_folder.h"
#include "core/annual_report_render.h"
#include "core/bulletin_render.h"
#include "common/utf8.h"
#include "core/errors.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "httplib.h"
#include "model/field_labels.h"
#include "model/messages.h"
#include "services/server_config.h"
#include "sheets/sheet.h"
#include "sheets/tables.h"

namespace gongkai::services {
namespace {

constexpr char kCookie[] = "gk_session";
constexpr char kCsrfHeader[] = "X-CSRF-Token";
constexpr char kJson[] = "application/json; charset=utf-8";
constexpr char kXlsx[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr char kCsv[] = "text/csv; charset=utf-8";

// The HTTP status of a canonical code (google.rpc.Code's documented mapping).
int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kInvalidArgument: return 400;
    case absl::StatusCode::kFailedPrecondition: return 400;
    case absl::StatusCode::kOutOfRange: return 400;
    case absl::StatusCode::kUnauthenticated: return 401;
    case absl::StatusCode::kPermissionDenied: return 403;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kAlreadyExists: return 409;
    case absl::StatusCode::kAborted: return 409;
    case absl::StatusCode::kResourceExhausted: return 429;
    case absl::StatusCode::kCancelled: return 499;
    case absl::StatusCode::kUnimplemented: return 501;
    case absl::StatusCode::kUnavailable: return 503;
    case absl::StatusCode::kDeadlineExceeded: return 504;
    default: return 500;
  }
}

std::string ToJson(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string out;
  // Our messages always print (no Any without its type, no invalid UTF-8 in
  // a stored record), so the status is not looked at.
  static_cast<void>(google::protobuf::util::MessageToJsonString(m, &out, options));
  return out;
}

// {"code":"PERMISSION_DENIED","status":403,"message":"...","field_violations":
// [{"field":"...","description":"..."}]}: the gRPC code and message, and the
// field reasons a gRPC client reads from google.rpc.BadRequest.
std::string ErrorJson(const absl::Status& status) {
  google::protobuf::Struct body;
  auto& f = *body.mutable_fields();
  f["code"].set_string_value(absl::StatusCodeToString(status.code()));
  f["status"].set_number_value(HttpStatusOf(status.code()));
  f["message"].set_string_value(std::string(status.message()));
  google::protobuf::ListValue* list = f["field_violations"].mutable_list_value();
  for (const v1::FieldError& e : core::FieldErrorsOf(status)) {
    auto& v = *list->add_values()->mutable_struct_value()->mutable_fields();
    v["field"].set_string_value(e.field());
    v["description"].set_string_value(e.description());
  }
  std::string out;
  static_cast<void>(google::protobuf::util::MessageToJsonString(body, &out));
  return out;
}

// The language of the request being answered on this thread (its
// Accept-Language), set by Routes::Add before each handler: cpp-httplib
// answers a request on one thread from start to end.
thread_local model::Lang request_lang = model::Lang::kZh;

// A file that could not be written (disk, libxlsxwriter) as a person reads
// it: the catalogue's lead, then the technical detail.
absl::Status ExportFailed(const absl::Status& status) {
  return core::Internal(status, "export.failed");
}

absl::StatusCode Fail(httplib::Response& res, const absl::Status& status) {
  res.status = HttpStatusOf(status.code());
  res.set_content(ErrorJson(core::InLanguage(status, request_lang)), kJson);
  return status.code();
}

// The value of cookie `name` in the request, or "".
std::string CookieOf(const httplib::Request& req, absl::string_view name) {
  std::string header = req.get_header_value("Cookie");
  for (absl::string_view part : absl::StrSplit(header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
      return std::string(part);
    }
  }
  return "";
}

// Fills `request` from the query parameters and the path's named captures,
// through the proto's JSON mapping: each value as the JSON string of its
// field (enums by name, case-insensitive; numbers as text).
// INVALID_ARGUMENT naming a parameter the request has no field for, or a
// value its field cannot take.
absl::Status FromParams(const std::vector<std::pair<std::string, std::string>>& params,
                        google::protobuf::Message* request) {
  const google::protobuf::Descriptor* d = request->GetDescriptor();
  std::vector<v1::FieldError> errors;
  for (const auto& [name, raw] : params) {
    const google::protobuf::FieldDescriptor* field = d->FindFieldByName(name);
    if (field == nullptr || field->is_repeated() ||
        field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      std::vector<std::string> names;
      for (int i = 0; i < d->field_count(); ++i) names.push_back(d->field(i)->name());
      core::AddRuleError(&errors, name, "query.unknown", {{"names", absl::StrJoin(names, ", ")}});
      continue;
    }
    std::string value = raw;
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_ENUM) {
      value = absl::AsciiStrToUpper(value);
    }
    google::protobuf::Struct one;
    (*one.mutable_fields())[name].set_string_value(value);
    std::string json;
    static_cast<void>(google::protobuf::util::MessageToJsonString(one, &json));
    std::unique_ptr<google::protobuf::Message> part(request->New());
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false;
    if (!google::protobuf::util::JsonStringToMessage(json, part.get(), options).ok()) {
      core::AddRuleError(&errors, name, "query.invalid",
                         {{"value", TruncateUtf8(raw, 80)}, {"name", field->name()}});
      continue;
    }
    request->MergeFrom(*part);
  }
  if (!errors.empty()) return core::FieldErrorsStatus("query.refused", {}, errors);
  return absl::OkStatus();
}

std::string ReportFormJson() {
  google::protobuf::Struct body;
  auto& f = *body.mutable_fields();
  auto* sections = f["sections"].mutable_list_value();
  for (const model::FormSection& section : model::FormSections()) {
    auto& fields = *sections->add_values()->mutable_struct_value()->mutable_fields();
    fields["id"].set_string_value(section.id);
    fields["title"].set_string_value(section.title);
  }
  auto* list = f["fields"].mutable_list_value();
  for (const model::FormField& field : model::TemplateFields()) {
    auto& fields = *list->add_values()->mutable_struct_value()->mutable_fields();
    fields["path"].set_string_value(field.path);
    fields["label"].set_string_value(field.label);
    fields["section"].set_string_value(field.section);
  }
  std::string out;
  static_cast<void>(google::protobuf::util::MessageToJsonString(body, &out));
  return out;
}

// The annual report for the desk's page: {"title", "complete", "status",
// "notes": [...],
// "tables": [{"title", "columns": [{"header", "decimals"}], "rows": [[cell]],
// "note"}]}, a cell a number or text, from core::AnnualReportTables.
std::string AnnualTablesJson(const v1::AnnualReport& r) {
  google::protobuf::Struct body;
  auto& f = *body.mutable_fields();
  f["title"].set_string_value(r.title());
  f["complete"].set_bool_value(r.complete());
  f["status"].set_string_value(core::AnnualReportStatus(r));
  for (const std::string& n : core::AnnualReportNotes(r)) {
    f["notes"].mutable_list_value()->add_values()->set_string_value(n);
  }
  google::protobuf::ListValue* tables = f["tables"].mutable_list_value();
  for (const core::AnnualTable& t : core::AnnualReportTables(r)) {
    auto& tf = *tables->add_values()->mutable_struct_value()->mutable_fields();
    tf["title"].set_string_value(t.title);
    tf["note"].set_string_value(t.note);
    google::protobuf::ListValue* columns = tf["columns"].mutable_list_value();
    for (const sheets::Column& c : t.columns) {
      auto& cf = *columns->add_values()->mutable_struct_value()->mutable_fields();
      cf["header"].set_string_value(c.header);
      cf["decimals"].set_number_value(c.decimals);
    }
    google::protobuf::ListValue* rows = tf["rows"].mutable_list_value();
    for (const std::vector<sheets::Cell>& row : t.rows) {
      google::protobuf::ListValue* cells = rows->add_values()->mutable_list_value();
      for (const sheets::Cell& cell : row) {
        if (const double* d = std::get_if<double>(&cell)) {
          cells->add_values()->set_number_value(*d);
        } else {
          cells->add_values()->set_string_value(std::get<std::string>(cell));
        }
      }
    }
  }
  std::string out;
  static_cast<void>(google::protobuf::util::MessageToJsonString(body, &out));
  return out;
}

std::string SessionJson(const Session& s) {
  google::protobuf::Struct body;
  auto& f = *body.mutable_fields();
  f["name"].set_string_value(s.caller.name);
  f["role"].set_string_value(config::v1::Role_Name(s.caller.role));
  f["unit_id"].set_string_value(s.caller.unit_id);
  f["csrf_token"].set_string_value(s.csrf_token);
  f["expires_at"].set_string_value(absl::FormatTime(absl::RFC3339_sec, s.expires,
                                                    absl::UTCTimeZone()));
  std::string out;
  static_cast<void>(google::protobuf::util::MessageToJsonString(body, &out));
  return out;
}

}  // namespace

// The routes. Each handler returns the canonical code it answered with, for
// the metrics and the log.
class HttpDesk::Routes {
 public:
  using Handler = std::function<absl::StatusCode(const httplib::Request&, httplib::Response&)>;

  Routes(httplib::Server* server, Sessions* sessions, DeskParts parts, std::string web_root,
         bool tls)
      : server_(server), sessions_(sessions), parts_(parts), web_root_(std::move(web_root)),
        tls_(tls) {}

  void AddAll();

 private:
  // Registers `handler` for `method` and `pattern`, timed and counted as
  // `name` ("GET /api/v1/league").
  void Add(absl::string_view method, const std::string& pattern, std::string name,
           Handler handler);

  // A JSON read for a signed-in caller: the query (and the path captures
  // named in `captures`) fill a Req, `call` answers it.
  template <typename Req, typename Resp>
  void Read(const std::string& pattern, std::string name, std::vector<std::string> captures,
            absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const);

  // A JSON write for a signed-in caller with the session's CSRF token: the
  // body is the Req in the proto's JSON mapping.
  template <typename Req, typename Resp>
  void Write(const std::string& pattern, std::string name,
             absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const);

  // A file to download: its bytes and their type.
  struct File {
    std::string bytes;
    std::string type;
  };

  // `pattern`.FORMAT for each of `formats`: the read's answer as
  // render(answer, FORMAT) -> absl::StatusOr<File> makes it, an attachment
  // named after `file_stem` and the request's parameters. The same access
  // as the read.
  template <typename Req, typename Resp, typename Render>
  void Files(const std::string& pattern, std::string name,
             absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const,
             const std::vector<std::string>& formats, Render render, std::string file_stem);

  // Sets `file` as the answer, an attachment named after `file_stem` and
  // the request's parameters.
  static void Attach(const std::string& file_stem,
                     const std::vector<std::pair<std::string, std::string>>& params,
                     const std::string& ext, File file, httplib::Response& res);
  // `sheet` as a file of `format` (xlsx or csv).
  static absl::StatusOr<File> SheetFile(const sheets::Sheet& sheet, const std::string& format);
  // Rows an export reads or makes into its sheet at a time.
  static constexpr uint32_t kRowsAPart = 10000;
  // A file of `format` written a part at a time through sheets::SheetWriter:
  // `next(&part)` makes the next part (the first one the head: the sheet's
  // name, headers and first rows) and says whether there was one; an error
  // from it ends the file.
  static absl::StatusOr<File> FileInParts(
      const std::string& format, const std::function<absl::StatusOr<bool>(sheets::Sheet*)>& next);
  // `pattern`.xlsx and .csv of the league: a page asked for, or the whole
  // table read 10,000 rows at a time and written as it is read, so that a
  // national table (297,000 rows) is never held whole; if a score changes
  // while it is read, it is read again from the top (at most three times,
  // then at once).
  void LeagueExport(const std::string& pattern, std::string name);
  absl::StatusOr<File> LeagueFile(const core::Caller& caller, v1::GetLeagueTableRequest request,
                                  const std::string& format) const;

  // `pattern`.xlsx and `pattern`.csv: the read's answer as a sheet for
  // Excel; one of `kRowsAPart` rows or more is made into the sheet's rows
  // and written a part at a time (FileInParts), `rows` being its rows.
  template <typename Req, typename Resp, typename Row>
  void Export(const std::string& pattern, std::string name,
              absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const,
              sheets::Sheet (*to_sheet)(const Resp&),
              google::protobuf::RepeatedPtrField<Row>* (Resp::*rows)(), std::string file_stem);

  // The session of the request's cookie, or UNAUTHENTICATED.
  absl::StatusOr<Session> SessionOf(const httplib::Request& req) const;
  // The session, checked for a state-changing request: its CSRF token in
  // X-CSRF-Token, and a JSON body (which no cross-site form can send).
  absl::StatusOr<Session> WriterOf(const httplib::Request& req) const;

  // Serves a file of the web root with its type, or 404.
  absl::StatusCode ServeFile(const std::string& relative, httplib::Response& res) const;

  void Pages();
  void SignIn();
  void Api();

  httplib::Server* const server_;
  Sessions* const sessions_;
  const DeskParts parts_;
  const std::string web_root_;
  const bool tls_;
};

void HttpDesk::Routes::Add(absl::string_view method, const std::string& pattern, std::string name,
                 Handler handler) {
  auto timed = [this, name, handler](const httplib::Request& req, httplib::Response& res) {
    absl::Time start = absl::Now();
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    request_lang = model::LangOf(req.get_header_value("Accept-Language"));
    absl::StatusCode code = handler(req, res);
    absl::Duration took = absl::Now() - start;
    parts_.metrics->Count("http", name, code, took);
    if (parts_.log_requests) {
      LogLineSoon(absl::StrFormat("http=%s path=%s peer=%s -> %d %s %.1fms", name, req.path,
                              req.remote_addr, res.status, absl::StatusCodeToString(code),
                              absl::ToDoubleMilliseconds(took)));
    }
  };
  if (method == "GET") {
    server_->Get(pattern, timed);
  } else {
    server_->Post(pattern, timed);
  }
}

absl::StatusOr<Session> HttpDesk::Routes::SessionOf(const httplib::Request& req) const {
  absl::StatusOr<Session> session = sessions_->Find(CookieOf(req, kCookie));
  if (!session.ok()) return session.status();
  // A session lives no longer than its token: once the token is revoked,
  // the session is closed on its next request.
  if (absl::Status admitted = parts_.auth->StillAdmitted(session->caller); !admitted.ok()) {
    sessions_->Close(session->id);
    return admitted;
  }
  return session;
}

absl::StatusOr<Session> HttpDesk::Routes::WriterOf(const httplib::Request& req) const {
  absl::StatusOr<Session> session = SessionOf(req);
  if (!session.ok()) return session.status();
  std::string csrf = req.get_header_value(kCsrfHeader);
  if (csrf.empty()) {
    return core::RefuseField(absl::StatusCode::kPermissionDenied, kCsrfHeader, "csrf.missing");
  }
  if (!SameSecret(csrf, session->csrf_token)) {
    return core::RefuseField(absl::StatusCode::kPermissionDenied, kCsrfHeader, "csrf.wrong");
  }
  if (!absl::StartsWith(req.get_header_value("Content-Type"), "application/json")) {
    return core::RefuseField(absl::StatusCode::kInvalidArgument, "Content-Type", "http.json");
  }
  return session;
}

template <typename Req, typename Resp>
void HttpDesk::Routes::Read(const std::string& pattern, std::string name,
                  std::vector<std::string> captures,
                  absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const) {
  Add("GET", pattern, std::move(name),
      [this, captures, call](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        for (size_t i = 0; i < captures.size() && i + 1 < req.matches.size(); ++i) {
          params.emplace_back(captures[i], req.matches[i + 1].str());
        }
        Req request;
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        absl::StatusOr<Resp> out = (parts_.calls->*call)(session->caller, request);
        if (!out.ok()) return Fail(res, out.status());
        res.set_content(ToJson(*out), kJson);
        return absl::StatusCode::kOk;
      });
}

template <typename Req, typename Resp>
void HttpDesk::Routes::Write(const std::string& pattern, std::string name,
                   absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const) {
  Add("POST", pattern, std::move(name),
      [this, call](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = WriterOf(req);
        if (!session.ok()) return Fail(res, session.status());
        Req request;
        google::protobuf::util::JsonParseOptions options;
        options.ignore_unknown_fields = false;
        auto parsed = google::protobuf::util::JsonStringToMessage(req.body, &request, options);
        if (!parsed.ok()) {
          return Fail(res, core::RefuseField(absl::StatusCode::kInvalidArgument, "body", "http.body",
                                             {{"message", Req::descriptor()->name()},
                                              {"detail", parsed.ToString()}}));
        }
        absl::StatusOr<Resp> out = (parts_.calls->*call)(session->caller, request);
        if (!out.ok()) return Fail(res, out.status());
        res.set_content(ToJson(*out), kJson);
        return absl::StatusCode::kOk;
      });
}

template <typename Req, typename Resp, typename Render>
void HttpDesk::Routes::Files(
    const std::string& pattern, std::string name,
    absl::StatusOr<Resp> (Calls::*call)(const core::Caller&, const Req&) const,
    const std::vector<std::string>& formats, Render render, std::string file_stem) {
  const std::string alternatives = absl::StrJoin(formats, "|");
  Add("GET", absl::StrCat(pattern, R"(\.()", alternatives, ")"),
      absl::StrCat(name, ".", alternatives),
      [this, call, render, file_stem](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        Req request;
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        absl::StatusOr<Resp> out = (parts_.calls->*call)(session->caller, request);
        if (!out.ok()) return Fail(res, out.status());
        const std::string ext = req.matches[1].str();
        absl::StatusOr<File> file = render(*std::move(out), ext);
        if (!file.ok()) return Fail(res, file.status());
        Attach(file_stem, params, ext, *std::move(file), res);
        return absl::StatusCode::kOk;
      });
}

void HttpDesk::Routes::Attach(const std::string& file_stem,
                              const std::vector<std::pair<std::string, std::string>>& params,
                              const std::string& ext, File file, httplib::Response& res) {
  // An ASCII file name from the request's own (checked) parameters.
  std::string stem = file_stem;
  for (const auto& [k, v] : params) absl::StrAppend(&stem, "-", v);
  for (char& c : stem) {
    if (!absl::ascii_isalnum(c) && c != '-') c = '_';
  }
  res.set_header("Content-Disposition",
                 absl::StrCat("attachment; filename=\"", stem, ".", ext, "\""));
  res.set_content(std::move(file.bytes), file.type);
}

absl::StatusOr<HttpDesk::Routes::File> HttpDesk::Routes::SheetFile(const sheets::Sheet& sheet,
                                                                   const std::string& format) {
  if (format == "csv") return File{sheets::ToCsv(sheet), kCsv};
  absl::StatusOr<std::string> xlsx = sheets::ToXlsx(sheet);
  if (!xlsx.ok()) return ExportFailed(xlsx.status());
  return File{*std::move(xlsx), kXlsx};
}

void HttpDesk::Routes::LeagueExport(const std::string& pattern, std::string name) {
  Add("GET", absl::StrCat(pattern, R"(\.(xlsx|csv))"), absl::StrCat(name, ".xlsx|csv"),
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        v1::GetLeagueTableRequest request;
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        const std::string ext = req.matches[1].str();
        absl::StatusOr<File> file = LeagueFile(session->caller, request, ext);
        if (!file.ok()) return Fail(res, file.status());
        Attach("league", params, ext, *std::move(file), res);
        return absl::StatusCode::kOk;
      });
}

absl::StatusOr<HttpDesk::Routes::File> HttpDesk::Routes::FileInParts(
    const std::string& format, const std::function<absl::StatusOr<bool>(sheets::Sheet*)>& next) {
  TempFolder folder("gongkai-export-");
  if (folder.path().empty()) {
    return ExportFailed(absl::InternalError("cannot make a temporary folder for an export"));
  }
  const std::string path = folder.Sub(absl::StrCat("export.", format));
  sheets::Sheet part;
  absl::StatusOr<bool> more = next(&part);
  if (!more.ok()) return more.status();
  absl::StatusOr<std::unique_ptr<sheets::SheetWriter>> writer = sheets::SheetWriter::Create(
      format == "csv" ? sheets::SheetWriter::Format::kCsv : sheets::SheetWriter::Format::kXlsx,
      path, part);
  if (!writer.ok()) return ExportFailed(writer.status());
  while (*more) {
    part.rows.clear();
    more = next(&part);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (absl::Status s = (*writer)->Append(part); !s.ok()) return ExportFailed(s);
  }
  if (absl::Status s = (*writer)->Close(); !s.ok()) return ExportFailed(s);
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return ExportFailed(bytes.status());
  return File{*std::move(bytes), format == "csv" ? kCsv : kXlsx};
}

absl::StatusOr<HttpDesk::Routes::File> HttpDesk::Routes::LeagueFile(
    const core::Caller& caller, v1::GetLeagueTableRequest request,
    const std::string& format) const {
  if (request.page_size() != 0 || !request.page_token().empty() || !request.unit_id().empty()) {
    // A page asked for: that page.
    absl::StatusOr<v1::LeagueTable> page = parts_.calls->League(caller, request);
    if (!page.ok()) return page.status();
    return SheetFile(sheets::LeagueSheet(*page), format);
  }
  // The whole table, a page at a time, each written as it is read.
  constexpr int kReads = 3;
  for (int attempt = 0; attempt < kReads; ++attempt) {
    request.set_page_size(kRowsAPart);
    request.clear_page_token();
    bool first = true, last = false, changed = false;
    uint64_t first_generation = 0;
    absl::StatusOr<File> file =
        FileInParts(format, [&](sheets::Sheet* part) -> absl::StatusOr<bool> {
          if (last) return false;
          uint64_t generation = 0;
          absl::StatusOr<v1::LeagueTable> page =
              parts_.calls->LeaguePage(caller, request, &generation);
          if (!page.ok()) return page.status();
          if (first) {
            first = false;
            first_generation = generation;
          } else if (generation != first_generation) {
            // A score changed while the table was read: its pages would not
            // be of one table. Read it again from the top.
            changed = true;
            return absl::AbortedError("the league table changed while it was read");
          }
          *part = sheets::LeagueSheet(*page);
          last = page->next_page_token().empty();
          request.set_page_token(page->next_page_token());
          return true;
        });
    if (!changed) return file;
  }
  // Scores kept changing: the table read at once, as one state.
  request.set_page_size(0);
  request.clear_page_token();
  absl::StatusOr<v1::LeagueTable> whole = parts_.calls->League(caller, request);
  if (!whole.ok()) return whole.status();
  return SheetFile(sheets::LeagueSheet(*whole), format);
}

template <typename Req, typename Resp, typename Row>
void HttpDesk::Routes::Export(const std::string& pattern, std::string name,
                              absl::StatusOr<Resp> (Calls::*call)(const core::Caller&,
                                                                  const Req&) const,
                              sheets::Sheet (*to_sheet)(const Resp&),
                              google::protobuf::RepeatedPtrField<Row>* (Resp::*rows)(),
                              std::string file_stem) {
  Files(pattern, std::move(name), call, {"xlsx", "csv"},
        [to_sheet, rows](Resp out, const std::string& format) -> absl::StatusOr<File> {
          if ((out.*rows)()->size() < static_cast<int>(kRowsAPart)) {
            return SheetFile(to_sheet(out), format);
          }
          // A national table: its rows made into the sheet's a part at a
          // time, never all at once.
          google::protobuf::RepeatedPtrField<Row> all;
          all.Swap((out.*rows)());
          int next = 0;
          return FileInParts(format, [&](sheets::Sheet* part) -> absl::StatusOr<bool> {
            if (next > 0 && next >= all.size()) return false;
            google::protobuf::RepeatedPtrField<Row>* chunk = (out.*rows)();
            chunk->Clear();
            const int end = std::min(all.size(), next + static_cast<int>(kRowsAPart));
            for (; next < end; ++next) *chunk->Add() = std::move(*all.Mutable(next));
            *part = to_sheet(out);
            return true;
          });
        },
        std::move(file_stem));
}

absl::StatusCode HttpDesk::Routes::ServeFile(const std::string& relative, httplib::Response& res) const {
  absl::StatusOr<std::string> body = ReadFile(absl::StrCat(web_root_, "/", relative));
  if (!body.ok()) {
    return Fail(res, core::Refuse(absl::StatusCode::kNotFound, "http.no_file",
                                  {{"file", relative}, {"root", web_root_}}));
  }
  std::string type = "application/octet-stream";
  if (absl::EndsWith(relative, ".html")) type = "text/html; charset=utf-8";
  if (absl::EndsWith(relative, ".js")) type = "text/javascript; charset=utf-8";
  if (absl::EndsWith(relative, ".css")) type = "text/css; charset=utf-8";
  res.set_content(*std::move(body), type);
  return absl::StatusCode::kOk;
}

void HttpDesk::Routes::Pages() {
  // Pages hold no data (they fetch it), but a page opened without a session
  // goes to the sign-in page first.
  auto page = [this](std::string file) {
    return [this, file](const httplib::Request& req, httplib::Response& res) {
      if (!SessionOf(req).ok()) {
        res.status = 303;
        res.set_header("Location", absl::StrCat("/signin.html?next=", httplib::detail::encode_query_param(req.target)));
        return absl::StatusCode::kUnauthenticated;
      }
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
      return ServeFile(absl::StrCat("pages/", file), res);
    };
  };
  Add("GET", "/", "GET /", page("index.html"));
  Add("GET", R"(/(index|unit|entry|bulletins|annual|annual_report)\.html)", "GET /page",
      [page](const httplib::Request& req, httplib::Response& res) {
        return page(absl::StrCat(req.matches[1].str(), ".html"))(req, res);
      });
  Add("GET", "/signin.html", "GET /signin.html",
      [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Security-Policy", "default-src 'self'");
        return ServeFile("pages/signin.html", res);
      });
  Add("GET", R"(/assets/([a-z_]+\.(js|css)))", "GET /assets",
      [this](const httplib::Request& req, httplib::Response& res) {
        return ServeFile(absl::StrCat("pages/", req.matches[1].str()), res);
      });
  Add("GET", "/vendor/echarts.min.js", "GET /vendor/echarts.min.js",
      [this](const httplib::Request&, httplib::Response& res) {
        return ServeFile("node_modules/echarts/dist/echarts.min.js", res);
      });
  Add("GET", "/healthz", "GET /healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain; charset=utf-8");
    return absl::StatusCode::kOk;
  });
  Add("GET", "/metrics", "GET /metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(parts_.metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
    return absl::StatusCode::kOk;
  });
}

void HttpDesk::Routes::SignIn() {
  // Sign-in takes a JSON body: a cross-site form cannot send one, so no
  // other site can sign a browser in under its own token.
  Add("POST", "/api/v1/signin", "POST /api/v1/signin",
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!absl::StartsWith(req.get_header_value("Content-Type"), "application/json")) {
          return Fail(res, core::RefuseField(absl::StatusCode::kInvalidArgument, "Content-Type",
                                             "signin.json"));
        }
        google::protobuf::Struct body;
        if (!google::protobuf::util::JsonStringToMessage(req.body, &body).ok() ||
            !body.fields().contains("token") || !body.fields().at("token").has_string_value()) {
          return Fail(res, core::RefuseField(absl::StatusCode::kInvalidArgument, "token",
                                             "signin.token"));
        }
        absl::StatusOr<core::Caller> caller =
            parts_.auth->ForToken(body.fields().at("token").string_value());
        if (!caller.ok()) return Fail(res, caller.status());
        Session s = sessions_->Open(*caller);
        res.set_header("Set-Cookie",
                       absl::StrCat(kCookie, "=", s.id, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                                    absl::ToInt64Seconds(sessions_->lifetime()),
                                    tls_ ? "; Secure" : ""));
        res.set_content(SessionJson(s), kJson);
        return absl::StatusCode::kOk;
      });
  Add("GET", "/api/v1/session", "GET /api/v1/session",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> s = SessionOf(req);
        if (!s.ok()) return Fail(res, s.status());
        res.set_content(SessionJson(*s), kJson);
        return absl::StatusCode::kOk;
      });
  Add("POST", "/api/v1/signout", "POST /api/v1/signout",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> s = WriterOf(req);
        if (!s.ok()) return Fail(res, s.status());
        sessions_->Close(s->id);
        res.set_header("Set-Cookie", absl::StrCat(kCookie, "=; Path=/; HttpOnly; SameSite=Strict; "
                                                           "Max-Age=0",
                                                  tls_ ? "; Secure" : ""));
        res.set_content("{}", kJson);
        return absl::StatusCode::kOk;
      });
}

void HttpDesk::Routes::Api() {
  constexpr char kUnit[] = R"(([a-z0-9][a-z0-9_-]*))";
  // The entry form's layout: its sections and figures with their Chinese
  // labels, from the field catalogue (model/field_labels.h).
  Add("GET", "/api/v1/report-form", "GET /api/v1/report-form",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> s = SessionOf(req);
        if (!s.ok()) return Fail(res, s.status());
        res.set_content(ReportFormJson(), kJson);
        return absl::StatusCode::kOk;
      });
  Read("/api/v1/status", "GET /api/v1/status", {}, &Calls::ReportingStatus);
  Read("/api/v1/league", "GET /api/v1/league", {}, &Calls::League);
  Read("/api/v1/annual", "GET /api/v1/annual", {}, &Calls::Annual);
  Read("/api/v1/units", "GET /api/v1/units", {}, &Calls::ListUnits);
  Read(absl::StrCat("/api/v1/units/", kUnit, "/score"), "GET /api/v1/units/:unit/score",
       {"unit_id"}, &Calls::Score);
  Read(absl::StrCat("/api/v1/units/", kUnit, "/months"), "GET /api/v1/units/:unit/months",
       {"unit_id"}, &Calls::Months);
  Read(absl::StrCat("/api/v1/units/", kUnit, "/reports"), "GET /api/v1/units/:unit/reports",
       {"unit_id"}, &Calls::ListSubmissions);
  Read("/api/v1/findings", "GET /api/v1/findings", {}, &Calls::ListFindings);
  Read("/api/v1/bulletins", "GET /api/v1/bulletins", {}, &Calls::ListBulletins);
  Read("/api/v1/bulletin", "GET /api/v1/bulletin", {}, &Calls::GetBulletin);
  Read("/api/v1/cases", "GET /api/v1/cases", {}, &Calls::ListCases);
  Read("/api/v1/case", "GET /api/v1/case", {}, &Calls::GetCase);
  // Checking a report is a POST of the report in JSON, with the session's
  // CSRF token like any write, though it stores nothing.
  Write("/api/v1/reports/validate", "POST /api/v1/reports/validate", &Calls::ValidateReport);
  Write("/api/v1/reports", "POST /api/v1/reports", &Calls::SubmitReport);
  Write("/api/v1/findings", "POST /api/v1/findings", &Calls::RecordFinding);
  Write("/api/v1/findings/rectify", "POST /api/v1/findings/rectify", &Calls::RectifyFinding);
  Write("/api/v1/bulletins", "POST /api/v1/bulletins", &Calls::PublishBulletin);
  Write("/api/v1/cases/note", "POST /api/v1/cases/note", &Calls::AddCaseNote);
  Write("/api/v1/cases/interview", "POST /api/v1/cases/interview", &Calls::RecordInterview);
  LeagueExport("/api/v1/league", "GET /api/v1/league");
  Export("/api/v1/status", "GET /api/v1/status", &Calls::ReportingStatus, &sheets::StatusSheet,
         &v1::GetReportingStatusResponse::mutable_units, "status");
  Export("/api/v1/annual", "GET /api/v1/annual", &Calls::Annual, &sheets::AnnualSheet,
         &v1::AnnualAssessment::mutable_rows, "annual");
  // The statutory annual report: its tables for the page, and the report to
  // download as printable HTML, Markdown, JSON or a workbook.
  Add("GET", "/api/v1/annual-report/tables", "GET /api/v1/annual-report/tables",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        v1::GetAnnualReportRequest request;
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        absl::StatusOr<v1::AnnualReport> r = parts_.calls->AnnualReport(session->caller, request);
        if (!r.ok()) return Fail(res, r.status());
        res.set_content(AnnualTablesJson(*r), kJson);
        return absl::StatusCode::kOk;
      });
  Files("/api/v1/annual-report", "GET /api/v1/annual-report", &Calls::AnnualReport,
        {"html", "md", "json", "xlsx"},
        [](const v1::AnnualReport& r, const std::string& format) -> absl::StatusOr<File> {
          if (format == "html") {
            return File{core::AnnualReportHtml(r), "text/html; charset=utf-8"};
          }
          if (format == "md") {
            return File{core::AnnualReportMarkdown(r), "text/markdown; charset=utf-8"};
          }
          if (format == "json") {
            absl::StatusOr<std::string> json = core::AnnualReportJson(r);
            if (!json.ok()) return json.status();
            return File{*std::move(json), kJson};
          }
          absl::StatusOr<std::string> xlsx = sheets::ToXlsx(core::AnnualReportSheets(r));
          if (!xlsx.ok()) return ExportFailed(xlsx.status());
          return File{*std::move(xlsx), kXlsx};
        },
        "annual-report");
  // The bulletin's tables for Excel, a worksheet each.
  Add("GET", "/api/v1/bulletin.xlsx", "GET /api/v1/bulletin.xlsx",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        v1::GetBulletinRequest request;
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        absl::StatusOr<v1::Bulletin> b = parts_.calls->GetBulletin(session->caller, request);
        if (!b.ok()) return Fail(res, b.status());
        absl::StatusOr<std::string> xlsx = sheets::ToXlsx(sheets::BulletinSheets(*b));
        if (!xlsx.ok()) return Fail(res, ExportFailed(xlsx.status()));
        res.set_header("Content-Disposition",
                       absl::StrCat("attachment; filename=\"bulletin-", b->year(), "-",
                                    b->number(), ".xlsx\""));
        res.set_content(*std::move(xlsx), kXlsx);
        return absl::StatusCode::kOk;
      });
  // The bulletin as published: the printable HTML of core/bulletin_render.
  Add("GET", "/api/v1/bulletin.html", "GET /api/v1/bulletin.html",
      [this](const httplib::Request& req, httplib::Response& res) {
        absl::StatusOr<Session> session = SessionOf(req);
        if (!session.ok()) return Fail(res, session.status());
        v1::GetBulletinRequest request;
        std::vector<std::pair<std::string, std::string>> params(req.params.begin(),
                                                                req.params.end());
        if (absl::Status s = FromParams(params, &request); !s.ok()) return Fail(res, s);
        absl::StatusOr<v1::Bulletin> b = parts_.calls->GetBulletin(session->caller, request);
        if (!b.ok()) return Fail(res, b.status());
        res.set_content(core::BulletinHtml(*b), "text/html; charset=utf-8");
        return absl::StatusCode::kOk;
      });
}

void HttpDesk::Routes::AddAll() {
  Pages();
  SignIn();
  Api();
}

absl::StatusOr<std::unique_ptr<HttpDesk>> HttpDesk::Start(const config::v1::ServerConfig& config,
                                                         DeskParts parts) {
  const config::v1::Http& http = config.http();
  const config::v1::Tls& tls = config.tls();
  std::unique_ptr<httplib::Server> server;
  if (!tls.cert_file().empty()) {
    for (const std::string& f : {tls.cert_file(), tls.key_file(), tls.client_ca_file()}) {
      if (!f.empty() && !std::filesystem::exists(f)) {
        return absl::NotFoundError(absl::StrCat("tls: ", f, " cannot be read"));
      }
    }
    // With a client CA, the HTTP port insists on a client certificate.
    auto ssl = std::make_unique<httplib::SSLServer>(
        tls.cert_file().c_str(), tls.key_file().c_str(),
        tls.client_ca_file().empty() ? nullptr : tls.client_ca_file().c_str());
    if (!ssl->is_valid()) {
      return absl::InvalidArgumentError(
          "tls: the certificate and key do not make a valid TLS server for the HTTP port");
    }
    server = std::move(ssl);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  server->new_task_queue = [] { return new httplib::ThreadPool(16); };
  server->set_keep_alive_max_count(1000);
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle
  // and the client's delayed ACK hold each answer back about 40 ms.
  server->set_tcp_nodelay(true);
  server->set_payload_max_length(config.max_message_bytes());
  auto sessions =
      std::make_unique<Sessions>(parts.clock, absl::Hours(http.session_hours()));
  auto routes = std::make_unique<Routes>(server.get(), sessions.get(), parts, http.web_root(),
                                         !tls.cert_file().empty());
  routes->AddAll();

  const std::string& address = http.listen_address();
  size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError(absl::StrCat("http.listen_address ", address,
                                                   " is not host:port"));
  }
  std::string host = address.substr(0, colon);
  if (absl::StartsWith(host, "[")) host = host.substr(1, host.size() - 2);
  if (port == 0) {
    port = server->bind_to_any_port(host);
  } else if (!server->bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", address, " for HTTP (address in use, or not an address of this machine)"));
  }
  std::unique_ptr<HttpDesk> desk(
      new HttpDesk(std::move(server), std::move(sessions), std::move(routes), port));
  desk->thread_ = std::thread([d = desk.get()] { d->server_->listen_after_bind(); });
  // stop() is a no-op until the loop runs: wait for it, so Stop() works.
  while (!desk->server_->is_running()) absl::SleepFor(absl::Milliseconds(1));
  return desk;
}

HttpDesk::HttpDesk(std::unique_ptr<httplib::Server> server, std::unique_ptr<Sessions> sessions,
                   std::unique_ptr<Routes> routes, int port)
    : server_(std::move(server)), sessions_(std::move(sessions)), routes_(std::move(routes)),
      port_(port) {}

HttpDesk::~HttpDesk() { Stop(); }

void HttpDesk::Stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace gongkai::services
