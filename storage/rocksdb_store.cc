#include "storage/rocksdb_store.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "storage/key_codec.h"

namespace gongkai::storage {

namespace {

// What the memtables of all column families may hold together, and the
// block cache's size.
constexpr size_t kMemtableBudget = 64 << 20;
constexpr size_t kBlockCacheBytes = 16 << 20;

constexpr char kSchemaVersionKey[] = "schema_version";
constexpr char kSchemaVersion[] = "1";
constexpr char kDemoTokensKey[] = "demo_tokens";

// The one place where RocksDB's status becomes ours.
absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  std::string msg = absl::StrCat("storage: ", what, ": ", s.ToString());
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return absl::UnavailableError(msg);
  }
  if (s.IsIOError() || s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) {
    return absl::UnavailableError(msg);
  }
  return absl::InternalError(msg);
}

template <typename M>
absl::Status ParseValue(const rocksdb::Slice& value, M* out, absl::string_view what) {
  if (!out->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(absl::StrCat("storage: corrupt ", what, " record"));
  }
  return absl::OkStatus();
}

rocksdb::Slice AsSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
absl::string_view AsView(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

// The record of type M under `key` in `cf`, or nullopt. `what` names it in
// errors ("finding").
template <typename M>
absl::StatusOr<std::optional<M>> GetRecord(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                                           absl::string_view key, absl::string_view what) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf, AsSlice(key), &value);
  if (s.IsNotFound()) return std::optional<M>();
  if (!s.ok()) return FromRocks(s, absl::StrCat("read ", what));
  M record;
  absl::Status ps = ParseValue(value, &record, what);
  if (!ps.ok()) return ps;
  return std::optional<M>(std::move(record));
}

// Every record of type M in `cf` whose key starts with `prefix` (empty:
// all), in key order, skipping those whose key `keep` refuses. `what` names
// one in errors ("finding").
template <typename M>
absl::StatusOr<std::vector<M>> ScanRecords(
    rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, absl::string_view prefix,
    absl::string_view what,
    const std::function<absl::StatusOr<bool>(absl::string_view key)>& keep = nullptr) {
  std::vector<M> out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->Seek(AsSlice(prefix)); it->Valid() && it->key().starts_with(AsSlice(prefix));
       it->Next()) {
    if (keep) {
      absl::StatusOr<bool> kept = keep(AsView(it->key()));
      if (!kept.ok()) return kept.status();
      if (!*kept) continue;
    }
    absl::Status ps = ParseValue(it->value(), &out.emplace_back(), what);
    if (!ps.ok()) return ps;
  }
  if (!it->status().ok()) return FromRocks(it->status(), absl::StrCat("scan ", what, "s"));
  return out;
}

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// A length-delimited field's key and length (wire type 2).
void AppendLengthDelimited(int field, size_t length, std::string* out) {
  AppendVarint(static_cast<uint64_t>(field) << 3 | 2, out);
  AppendVarint(length, out);
}

// IdempotencyRecordOf(w) serialised into `out`, without first copying the
// submission's warnings into a response: the response's fields but the
// warnings, then each warning as field 5 (a message's fields may come in any
// order, and repeated ones are appended).
void EncodeIdempotency(const SubmissionWrite& w, std::string* out) {
  out->clear();
  if (w.idempotency.has_response()) {
    w.idempotency.SerializeToString(out);
    return;
  }
  const v1::Submission& sub = w.submission;
  v1::SubmitReportResponse head;
  head.set_unit_id(sub.report().unit_id());
  head.set_period(sub.report().period());
  head.set_version(sub.version());
  *head.mutable_submitted_at() = sub.submitted_at();
  head.set_days_late(sub.days_late());
  size_t response_size = head.ByteSizeLong();
  std::vector<size_t> sizes;
  sizes.reserve(sub.warnings_size());
  for (const v1::ValidationWarning& warning : sub.warnings()) {
    sizes.push_back(warning.ByteSizeLong());
    response_size += 1 + google::protobuf::io::CodedOutputStream::VarintSize64(sizes.back()) +
                     sizes.back();
  }
  config::v1::IdempotencyRecord record;
  record.set_fingerprint(w.idempotency.fingerprint());
  record.AppendToString(out);
  AppendLengthDelimited(config::v1::IdempotencyRecord::kResponseFieldNumber, response_size, out);
  head.AppendToString(out);
  for (int i = 0; i < sub.warnings_size(); ++i) {
    AppendLengthDelimited(v1::SubmitReportResponse::kWarningsFieldNumber, sizes[i], out);
    sub.warnings(i).AppendToString(out);
  }
}

}  // namespace

struct RocksDbStore::Handles {
  std::vector<rocksdb::ColumnFamilyHandle*> all;
  rocksdb::ColumnFamilyHandle* units = nullptr;
  rocksdb::ColumnFamilyHandle* reports = nullptr;
  rocksdb::ColumnFamilyHandle* report_index = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency = nullptr;
  rocksdb::ColumnFamilyHandle* audit = nullptr;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* findings = nullptr;
  rocksdb::ColumnFamilyHandle* bulletins = nullptr;
  rocksdb::ColumnFamilyHandle* cases = nullptr;
};

absl::StatusOr<std::unique_ptr<RocksDbStore>> RocksDbStore::Open(const std::string& path) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  // The WAL, not the memtable flush, makes writes durable; keep recovery strict.
  options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;

  // Memory stays flat however much is stored: the memtables of every column
  // family share one budget (reaching it flushes the largest), instead of
  // each holding up to 64 MiB twice over; blocks, indexes and filters are
  // read through one bounded cache.
  options.db_write_buffer_size = kMemtableBudget;
  rocksdb::ColumnFamilyOptions cf_options(options);
  cf_options.write_buffer_size = kMemtableBudget / 2;
  rocksdb::BlockBasedTableOptions table;
  table.block_size = 16 * 1024;
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  const std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName,
                                          kUnitsCf,
                                          kReportsCf,
                                          kReportIndexCf,
                                          kIdempotencyCf,
                                          kAuditCf,
                                          kMetaCf,
                                          kFindingsCf,
                                          kBulletinsCf,
                                          kCasesCf};
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) descriptors.emplace_back(name, cf_options);

  auto handles = std::make_unique<Handles>();
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, descriptors, &handles->all, &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("cannot open ", path));
  std::unique_ptr<rocksdb::DB> db(raw);
  handles->units = handles->all[1];
  handles->reports = handles->all[2];
  handles->report_index = handles->all[3];
  handles->idempotency = handles->all[4];
  handles->audit = handles->all[5];
  handles->meta = handles->all[6];
  handles->findings = handles->all[7];
  handles->bulletins = handles->all[8];
  handles->cases = handles->all[9];

  std::string version;
  s = db->Get(rocksdb::ReadOptions(), handles->meta, kSchemaVersionKey, &version);
  if (s.IsNotFound()) {
    rocksdb::WriteOptions wo;
    wo.sync = true;
    s = db->Put(wo, handles->meta, kSchemaVersionKey, kSchemaVersion);
    if (!s.ok()) return FromRocks(s, "write schema version");
  } else if (!s.ok()) {
    return FromRocks(s, "read schema version");
  } else if (version != kSchemaVersion) {
    for (auto* h : handles->all) db->DestroyColumnFamilyHandle(h);
    return absl::FailedPreconditionError(absl::StrCat(
        "storage: ", path, " has schema version ", version, "; this build reads ", kSchemaVersion));
  }

  uint64_t last_seq = 0;
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles->audit));
    it->SeekToLast();
    if (it->Valid()) last_seq = DecodeAuditKey(AsView(it->key()));
    if (!it->status().ok()) return FromRocks(it->status(), "scan audit");
  }
  return std::unique_ptr<RocksDbStore>(
      new RocksDbStore(std::move(db), std::move(handles), last_seq));
}

RocksDbStore::RocksDbStore(std::unique_ptr<rocksdb::DB> db, std::unique_ptr<Handles> cfs,
                           uint64_t last_audit_seq)
    : db_(std::move(db)), cfs_(std::move(cfs)), next_audit_seq_(last_audit_seq + 1) {}

RocksDbStore::~RocksDbStore() {
  for (auto* h : cfs_->all) db_->DestroyColumnFamilyHandle(h);
  // Close explicitly so a failure to flush is not silent in the destructor;
  // there is no caller left to tell, and the WAL already holds every write.
  db_->Close().PermitUncheckedError();
}

absl::Status RocksDbStore::WriteWithAudit(rocksdb::ColumnFamilyHandle* cf, const std::string& key,
                                          const std::string& value, config::v1::AuditRecord audit) {
  rocksdb::WriteBatch batch;
  rocksdb::Status s = batch.Put(cf, key, value);
  audit.set_seq(next_audit_seq_.fetch_add(1));
  if (s.ok()) s = batch.Put(cfs_->audit, AuditKey(audit.seq()), audit.SerializeAsString());
  if (!s.ok()) return FromRocks(s, "batch");
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Write(wo, &batch), absl::StrCat("write ", audit.action()));
}

absl::Status RocksDbStore::PutUnit(const v1::Unit& unit, absl::string_view action,
                                   absl::string_view actor, int64_t time_micros) {
  return PutUnits(absl::MakeConstSpan(&unit, 1), action, actor, time_micros);
}

absl::Status RocksDbStore::PutUnits(absl::Span<const v1::Unit> units, absl::string_view action,
                                    absl::string_view actor, int64_t time_micros) {
  if (units.empty()) return absl::OkStatus();
  rocksdb::WriteBatch batch;
  uint64_t seq = next_audit_seq_.fetch_add(units.size());
  for (const v1::Unit& unit : units) {
    config::v1::AuditRecord audit;
    audit.set_seq(seq++);
    audit.set_action(std::string(action));
    audit.set_unit_id(unit.unit_id());
    audit.set_submitter(std::string(actor));
    audit.set_time_micros(time_micros);
    rocksdb::Status s = batch.Put(cfs_->units, unit.unit_id(), unit.SerializeAsString());
    if (s.ok()) s = batch.Put(cfs_->audit, AuditKey(audit.seq()), audit.SerializeAsString());
    if (!s.ok()) return FromRocks(s, "batch");
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Write(wo, &batch), absl::StrCat("write ", action));
}

absl::Status RocksDbStore::PutFinding(const v1::Finding& finding, uint32_t number,
                                      absl::string_view action, absl::string_view actor,
                                      int64_t time_micros) {
  config::v1::AuditRecord audit;
  audit.set_action(std::string(action));
  audit.set_unit_id(finding.unit_id());
  audit.set_period(finding.period());
  audit.set_version(number);
  audit.set_submitter(std::string(actor));
  audit.set_time_micros(time_micros);
  return WriteWithAudit(cfs_->findings, FindingKey(finding.period(), finding.unit_id(), number),
                        finding.SerializeAsString(), std::move(audit));
}

absl::StatusOr<std::optional<v1::Finding>> RocksDbStore::GetFinding(absl::string_view period,
                                                                    absl::string_view unit_id,
                                                                    uint32_t number) {
  return GetRecord<v1::Finding>(db_.get(), cfs_->findings, FindingKey(period, unit_id, number),
                                "finding");
}

absl::StatusOr<std::vector<v1::Finding>> RocksDbStore::ListFindings(absl::string_view period,
                                                                    absl::string_view unit_id) {
  std::string prefix = period.empty() ? "" : PeriodPrefix(period);
  if (!period.empty() && !unit_id.empty()) prefix = PeriodUnitPrefix(period, unit_id);
  if (unit_id.empty() || !period.empty()) {
    return ScanRecords<v1::Finding>(db_.get(), cfs_->findings, prefix, "finding");
  }
  // One unit over every period: the unit is the key's second part.
  return ScanRecords<v1::Finding>(db_.get(), cfs_->findings, prefix, "finding",
                                  [unit_id](absl::string_view key) -> absl::StatusOr<bool> {
                                    ReportKeyParts parts;
                                    if (!DecodeFindingKey(key, &parts)) {
                                      return absl::DataLossError("storage: corrupt finding key");
                                    }
                                    return parts.second == unit_id;
                                  });
}

absl::StatusOr<uint32_t> RocksDbStore::LastFindingNumber(absl::string_view period,
                                                         absl::string_view unit_id) {
  std::string prefix = PeriodUnitPrefix(period, unit_id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_->findings));
  it->SeekForPrev(prefix + std::string(4, '\xff'));
  if (!it->status().ok()) return FromRocks(it->status(), "seek findings");
  if (!it->Valid() || !it->key().starts_with(prefix)) return 0u;
  ReportKeyParts parts;
  if (!DecodeFindingKey(AsView(it->key()), &parts)) {
    return absl::DataLossError("storage: corrupt finding key");
  }
  return parts.version;
}

absl::Status RocksDbStore::CommitBulletin(const v1::Bulletin& bulletin,
                                          absl::Span<const CaseWrite> cases,
                                          absl::string_view actor, int64_t time_micros) {
  rocksdb::WriteBatch batch;
  rocksdb::Status s = batch.Put(cfs_->bulletins, BulletinKey(bulletin.year(), bulletin.number()),
                                bulletin.SerializeAsString());
  for (const CaseWrite& c : cases) {
    if (s.ok()) {
      s = batch.Put(cfs_->cases, CaseKey(c.value.unit_id(), c.number), c.value.SerializeAsString());
    }
  }
  config::v1::AuditRecord audit;
  audit.set_seq(next_audit_seq_.fetch_add(1));
  audit.set_action("publish_bulletin");
  audit.set_period(bulletin.period());
  audit.set_version(bulletin.number());
  audit.set_submitter(std::string(actor));
  audit.set_time_micros(time_micros);
  if (s.ok()) s = batch.Put(cfs_->audit, AuditKey(audit.seq()), audit.SerializeAsString());
  if (!s.ok()) return FromRocks(s, "batch");
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Write(wo, &batch), "publish bulletin");
}

absl::StatusOr<std::optional<v1::Bulletin>> RocksDbStore::GetBulletin(int32_t year,
                                                                      uint32_t number) {
  return GetRecord<v1::Bulletin>(db_.get(), cfs_->bulletins, BulletinKey(year, number), "bulletin");
}

absl::StatusOr<std::vector<v1::Bulletin>> RocksDbStore::ListBulletins(int32_t year) {
  const std::string prefix = year == 0 ? "" : BulletinKey(year, 0).substr(0, 4);
  return ScanRecords<v1::Bulletin>(db_.get(), cfs_->bulletins, prefix, "bulletin");
}

absl::Status RocksDbStore::PutCase(const CaseWrite& write, absl::string_view action,
                                   absl::string_view actor, int64_t time_micros) {
  config::v1::AuditRecord audit;
  audit.set_action(std::string(action));
  audit.set_unit_id(write.value.unit_id());
  audit.set_version(write.number);
  audit.set_submitter(std::string(actor));
  audit.set_time_micros(time_micros);
  return WriteWithAudit(cfs_->cases, CaseKey(write.value.unit_id(), write.number),
                        write.value.SerializeAsString(), std::move(audit));
}

absl::StatusOr<std::optional<v1::Case>> RocksDbStore::GetCase(absl::string_view unit_id,
                                                              uint32_t number) {
  return GetRecord<v1::Case>(db_.get(), cfs_->cases, CaseKey(unit_id, number), "case");
}

absl::StatusOr<std::optional<config::v1::DemoTokens>> RocksDbStore::GetDemoTokens() {
  return GetRecord<config::v1::DemoTokens>(db_.get(), cfs_->meta, kDemoTokensKey, "demo tokens");
}

absl::Status RocksDbStore::PutToken(const config::v1::StoredToken& token,
                                     absl::string_view action, absl::string_view actor,
                                     int64_t time_micros) {
  config::v1::AuditRecord audit;
  audit.set_action(std::string(action));
  audit.set_unit_id(token.token().unit_id());
  audit.set_submitter(std::string(actor));
  audit.set_time_micros(time_micros);
  audit.set_token_id(token.token_id());
  audit.set_token_holder(token.token().name());
  return WriteWithAudit(cfs_->meta, TokenKey(token.token_id()), token.SerializeAsString(),
                        std::move(audit));
}

absl::StatusOr<std::vector<config::v1::StoredToken>> RocksDbStore::ListTokens() {
  return ScanRecords<config::v1::StoredToken>(db_.get(), cfs_->meta, TokenPrefix(),
                                              "stored token");
}

absl::Status RocksDbStore::PutTokenUses(absl::Span<const TokenUse> uses) {
  if (uses.empty()) return absl::OkStatus();
  rocksdb::WriteBatch batch;
  for (const TokenUse& use : uses) {
    rocksdb::Status s =
        batch.Put(cfs_->meta, TokenUseKey(use.token_id), absl::StrCat(use.time_micros));
    if (!s.ok()) return FromRocks(s, "batch");
  }
  // Unsynced on purpose: the WAL still holds it unless the machine itself
  // fails, and a lost "last used" time admits no one.
  return FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "write token uses");
}

absl::StatusOr<std::vector<TokenUse>> RocksDbStore::ListTokenUses() {
  std::vector<TokenUse> out;
  const std::string prefix = TokenUsePrefix();
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_->meta));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    TokenUse use;
    use.token_id = std::string(AsView(it->key()).substr(prefix.size()));
    if (!absl::SimpleAtoi(AsView(it->value()), &use.time_micros)) {
      return absl::DataLossError(
          absl::StrCat("storage: token use of ", use.token_id, " is not a number"));
    }
    out.push_back(std::move(use));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan token uses");
  return out;
}

absl::Status RocksDbStore::PutOpeningStock(const v1::OpeningStock& stock, absl::string_view actor,
                                           int64_t time_micros) {
  config::v1::AuditRecord audit;
  audit.set_action("set_opening_stock");
  audit.set_unit_id(stock.unit_id());
  audit.set_period(absl::StrCat(stock.year()));
  audit.set_submitter(std::string(actor));
  audit.set_time_micros(time_micros);
  return WriteWithAudit(cfs_->meta, OpeningStockKey(stock.year(), stock.unit_id()),
                        stock.SerializeAsString(), std::move(audit));
}

absl::StatusOr<std::vector<v1::OpeningStock>> RocksDbStore::ListOpeningStocks(int32_t year) {
  return ScanRecords<v1::OpeningStock>(db_.get(), cfs_->meta, OpeningStockPrefix(year),
                                       "opening stock");
}

absl::StatusOr<std::vector<v1::Case>> RocksDbStore::ListCases(absl::string_view unit_id) {
  const std::string prefix = unit_id.empty() ? "" : UnitPrefix(unit_id);
  return ScanRecords<v1::Case>(db_.get(), cfs_->cases, prefix, "case");
}

absl::StatusOr<std::optional<v1::Unit>> RocksDbStore::GetUnit(absl::string_view unit_id) {
  return GetRecord<v1::Unit>(db_.get(), cfs_->units, unit_id, "unit");
}

absl::StatusOr<std::vector<v1::Unit>> RocksDbStore::ListUnits() {
  return ScanRecords<v1::Unit>(db_.get(), cfs_->units, "", "unit");
}

absl::Status RocksDbStore::CommitSubmissions(absl::Span<const SubmissionWrite> writes) {
  if (writes.empty()) return absl::OkStatus();
  // About what a report's four rows take, so that a large batch is not
  // copied as it grows.
  rocksdb::WriteBatch batch(writes.size() * 512);
  uint64_t seq = next_audit_seq_.fetch_add(writes.size());
  std::string buffer;
  for (const SubmissionWrite& w : writes) {
    const v1::Submission& sub = w.submission;
    const std::string& unit = sub.report().unit_id();
    const std::string& period = sub.report().period();
    sub.SerializeToString(&buffer);
    rocksdb::Status s = batch.Put(cfs_->reports, ReportKey(period, unit, sub.version()), buffer);
    if (s.ok()) s = batch.Put(cfs_->report_index, ReportIndexKey(unit, period, sub.version()), "");
    if (s.ok() && !sub.idempotency_key().empty()) {
      EncodeIdempotency(w, &buffer);
      s = batch.Put(cfs_->idempotency, IdempotencyKey(unit, sub.idempotency_key()), buffer);
    }
    config::v1::AuditRecord audit;
    audit.set_seq(seq++);
    audit.set_action("submit");
    audit.set_unit_id(unit);
    audit.set_period(period);
    audit.set_version(sub.version());
    audit.set_submitter(sub.submitter());
    audit.set_time_micros(sub.submitted_at().seconds() * 1000000 +
                          sub.submitted_at().nanos() / 1000);
    audit.set_warnings(sub.warnings_size());
    audit.set_idempotency_key(sub.idempotency_key());
    audit.set_imported(sub.imported());
    if (s.ok()) s = batch.Put(cfs_->audit, AuditKey(audit.seq()), audit.SerializeAsString());
    if (!s.ok()) return FromRocks(s, "batch");
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Write(wo, &batch), "commit submissions");
}

absl::StatusOr<std::optional<v1::Submission>> RocksDbStore::GetSubmission(absl::string_view unit_id,
                                                                          absl::string_view period,
                                                                          uint32_t version) {
  std::string value;
  if (version != 0) {
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_->reports,
                                 ReportKey(period, unit_id, version), &value);
    if (s.IsNotFound()) return std::optional<v1::Submission>();
    if (!s.ok()) return FromRocks(s, "read report");
  } else {
    std::string prefix = PeriodUnitPrefix(period, unit_id);
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_->reports));
    it->Seek(prefix);  // inverted versions: the latest comes first
    if (!it->status().ok()) return FromRocks(it->status(), "seek report");
    if (!it->Valid() || !it->key().starts_with(prefix)) return std::optional<v1::Submission>();
    value = it->value().ToString();
  }
  v1::Submission sub;
  absl::Status ps = ParseValue(value, &sub, "report");
  if (!ps.ok()) return ps;
  return std::optional<v1::Submission>(std::move(sub));
}

absl::StatusOr<uint32_t> RocksDbStore::LatestVersion(absl::string_view unit_id,
                                                     absl::string_view period) {
  std::string prefix = UnitPrefix(unit_id).append(period.data(), period.size()).append(1, '\0');
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cfs_->report_index));
  it->Seek(prefix);
  if (!it->status().ok()) return FromRocks(it->status(), "seek report index");
  if (!it->Valid() || !it->key().starts_with(prefix)) return 0u;
  ReportKeyParts parts;
  if (!DecodeReportKey(AsView(it->key()), &parts)) {
    return absl::DataLossError("storage: corrupt report index key");
  }
  return parts.version;
}

absl::StatusOr<std::vector<v1::Submission>> RocksDbStore::ListUnitSubmissions(
    absl::string_view unit_id, absl::string_view from_period, absl::string_view to_period) {
  std::vector<v1::Submission> out;
  std::string prefix = UnitPrefix(unit_id);
  std::string start = prefix;
  start.append(from_period.data(), from_period.size());
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cfs_->report_index));
  std::vector<ReportKeyParts> keys;
  for (it->Seek(start); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    ReportKeyParts parts;
    if (!DecodeReportKey(AsView(it->key()), &parts)) {
      return absl::DataLossError("storage: corrupt report index key");
    }
    if (!to_period.empty() && parts.second > to_period) break;
    keys.push_back(std::move(parts));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan report index");
  // The index lists versions newest first within a period; answer oldest first.
  std::stable_sort(keys.begin(), keys.end(), [](const ReportKeyParts& a, const ReportKeyParts& b) {
    return a.second != b.second ? a.second < b.second : a.version < b.version;
  });
  for (const ReportKeyParts& k : keys) {
    std::string value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_->reports,
                                 ReportKey(k.second, unit_id, k.version), &value);
    if (!s.ok()) return FromRocks(s, "read report");
    absl::Status ps = ParseValue(value, &out.emplace_back(), "report");
    if (!ps.ok()) return ps;
  }
  return out;
}

absl::StatusOr<std::vector<v1::Submission>> RocksDbStore::ListPeriodLatest(
    absl::string_view period) {
  std::vector<v1::Submission> out;
  absl::Status s = ForEachPeriodLatest(period, [&out](const v1::Submission& sub) {
    out.push_back(sub);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status RocksDbStore::ForEachPeriodLatest(
    absl::string_view period, const std::function<absl::Status(const v1::Submission&)>& fn) {
  return ForEachLatestReport(PeriodPrefix(period), /*fill_cache=*/true, fn);
}

absl::Status RocksDbStore::ForEachLatestSubmission(
    const std::function<absl::Status(const v1::Submission&)>& fn) {
  // One pass over everything: keep the cache for reads.
  return ForEachLatestReport("", /*fill_cache=*/false, fn);
}

absl::Status RocksDbStore::ForEachLatestReport(
    const std::string& prefix, bool fill_cache,
    const std::function<absl::Status(const v1::Submission&)>& fn) {
  rocksdb::ReadOptions ro;
  ro.fill_cache = fill_cache;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_->reports));
  v1::Submission sub;
  ReportKeyParts parts;
  it->Seek(prefix);
  while (it->Valid() && it->key().starts_with(prefix)) {
    const absl::string_view key = AsView(it->key());
    if (!DecodeReportKey(key, &parts)) return absl::DataLossError("storage: corrupt report key");
    // The first key of each (period, unit) is its latest version.
    absl::Status ps = ParseValue(it->value(), &sub, "report");
    if (!ps.ok()) return ps;
    if (absl::Status s = fn(sub); !s.ok()) return s;
    // Past the older versions: the next (period, unit) starts after its
    // prefix + 0xFFFFFFFF, which no version key reaches.
    const std::string unit_prefix(key.substr(0, key.size() - 4));
    it->Seek(unit_prefix + std::string(4, '\xff'));
    if (it->Valid() && it->key().starts_with(unit_prefix)) it->Next();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan reports");
  return absl::OkStatus();
}

absl::Status RocksDbStore::ForEachIdempotencyKey(
    const std::function<void(absl::string_view unit_id, absl::string_view key)>& fn) {
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, cfs_->idempotency));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    absl::string_view key = AsView(it->key());
    size_t sep = key.find('\0');
    if (sep == absl::string_view::npos) return absl::DataLossError("storage: corrupt key record");
    fn(key.substr(0, sep), key.substr(sep + 1));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan idempotency keys");
  return absl::OkStatus();
}

absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> RocksDbStore::GetIdempotency(
    absl::string_view unit_id, absl::string_view key) {
  return GetRecord<config::v1::IdempotencyRecord>(db_.get(), cfs_->idempotency,
                                                  IdempotencyKey(unit_id, key), "idempotency key");
}

uint64_t RocksDbStore::EstimatedReports() const {
  uint64_t keys = 0;
  db_->GetIntProperty(cfs_->reports, rocksdb::DB::Properties::kEstimateNumKeys, &keys);
  return keys;
}

uint64_t RocksDbStore::ApproximateBytes() const {
  uint64_t total = 0;
  for (rocksdb::ColumnFamilyHandle* cf : cfs_->all) {
    uint64_t v = 0;
    if (db_->GetIntProperty(cf, rocksdb::DB::Properties::kTotalSstFilesSize, &v)) total += v;
    if (db_->GetIntProperty(cf, rocksdb::DB::Properties::kSizeAllMemTables, &v)) total += v;
  }
  return total;
}

RocksDbStore::MemoryUse RocksDbStore::Memory() const {
  MemoryUse use;
  for (rocksdb::ColumnFamilyHandle* cf : cfs_->all) {
    uint64_t v = 0;
    if (db_->GetIntProperty(cf, rocksdb::DB::Properties::kCurSizeAllMemTables, &v)) {
      use.memtables += v;
    }
    if (db_->GetIntProperty(cf, rocksdb::DB::Properties::kEstimateTableReadersMem, &v)) {
      use.table_readers += v;
    }
  }
  // Every column family reads through the same cache.
  db_->GetIntProperty(cfs_->reports, rocksdb::DB::Properties::kBlockCacheUsage, &use.block_cache);
  return use;
}

absl::StatusOr<BackupInfo> RocksDbStore::Backup(const std::string& dir) {
  return CreateBackup(db_.get(), dir);
}

absl::StatusOr<std::vector<config::v1::AuditRecord>> RocksDbStore::ListAudit(uint64_t after_seq,
                                                                             size_t limit) {
  std::vector<config::v1::AuditRecord> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_->audit));
  for (it->Seek(AuditKey(after_seq + 1)); it->Valid() && out.size() < limit; it->Next()) {
    absl::Status ps = ParseValue(it->value(), &out.emplace_back(), "audit");
    if (!ps.ok()) return ps;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "scan audit");
  return out;
}

}  // namespace gongkai::storage
