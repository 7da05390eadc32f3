#include "storage/memory_store.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace gongkai::storage {
namespace {

config::v1::AuditRecord AuditOf(absl::string_view action, absl::string_view actor,
                                int64_t time_micros) {
  config::v1::AuditRecord a;
  a.set_action(std::string(action));
  a.set_submitter(std::string(actor));
  a.set_time_micros(time_micros);
  return a;
}

template <typename V>
std::optional<V> Found(const V* v) {
  return v == nullptr ? std::optional<V>() : std::optional<V>(*v);
}

template <typename M, typename K>
const typename M::mapped_type* Find(const M& map, const K& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

#define GONGKAI_MEMORY_STORE_WRITE_            \
  absl::MutexLock lock(&mu_);                  \
  if (!fail_writes_.ok()) return fail_writes_; \
  ++writes_

void MemoryStore::FailWrites(absl::Status status) {
  absl::MutexLock lock(&mu_);
  fail_writes_ = std::move(status);
}

uint64_t MemoryStore::writes() const {
  absl::MutexLock lock(&mu_);
  return writes_;
}

void MemoryStore::Audit(config::v1::AuditRecord audit) {
  audit.set_seq(audit_.size() + 1);
  audit_.push_back(std::move(audit));
}

absl::Status MemoryStore::PutUnit(const v1::Unit& unit, absl::string_view action,
                                  absl::string_view actor, int64_t time_micros) {
  return PutUnits(absl::MakeConstSpan(&unit, 1), action, actor, time_micros);
}

absl::Status MemoryStore::PutUnits(absl::Span<const v1::Unit> units, absl::string_view action,
                                   absl::string_view actor, int64_t time_micros) {
  if (units.empty()) return absl::OkStatus();
  GONGKAI_MEMORY_STORE_WRITE_;
  for (const v1::Unit& unit : units) {
    units_[unit.unit_id()] = unit;
    config::v1::AuditRecord a = AuditOf(action, actor, time_micros);
    a.set_unit_id(unit.unit_id());
    Audit(std::move(a));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Unit>> MemoryStore::GetUnit(absl::string_view unit_id) {
  absl::MutexLock lock(&mu_);
  return Found(Find(units_, std::string(unit_id)));
}

absl::StatusOr<std::vector<v1::Unit>> MemoryStore::ListUnits() {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Unit> out;
  for (const auto& [id, u] : units_) out.push_back(u);
  return out;
}

void MemoryStore::SetSyncDelay(absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  sync_delay_ = delay;
}

absl::Status MemoryStore::CommitSubmissions(absl::Span<const SubmissionWrite> writes) {
  if (writes.empty()) return absl::OkStatus();
  absl::Duration delay;
  {
    absl::MutexLock lock(&mu_);
    delay = sync_delay_;
  }
  absl::SleepFor(delay);
  GONGKAI_MEMORY_STORE_WRITE_;
  for (const SubmissionWrite& w : writes) {
    const v1::Submission& sub = w.submission;
    const std::string& unit = sub.report().unit_id();
    const std::string& period = sub.report().period();
    reports_[{period, unit}][sub.version()] = sub;
    if (!sub.idempotency_key().empty()) keys_[{unit, sub.idempotency_key()}] = IdempotencyRecordOf(w);
    config::v1::AuditRecord a =
        AuditOf("submit", sub.submitter(),
                sub.submitted_at().seconds() * 1000000 + sub.submitted_at().nanos() / 1000);
    a.set_unit_id(unit);
    a.set_period(period);
    a.set_version(sub.version());
    a.set_warnings(sub.warnings_size());
    a.set_idempotency_key(sub.idempotency_key());
    a.set_imported(sub.imported());
    Audit(std::move(a));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Submission>> MemoryStore::GetSubmission(absl::string_view unit_id,
                                                                         absl::string_view period,
                                                                         uint32_t version) {
  absl::MutexLock lock(&mu_);
  const auto* versions = Find(reports_, UnitPeriod(period, unit_id));
  if (versions == nullptr || versions->empty()) return std::optional<v1::Submission>();
  if (version == 0) return std::optional<v1::Submission>(versions->rbegin()->second);
  return Found(Find(*versions, version));
}

absl::StatusOr<uint32_t> MemoryStore::LatestVersion(absl::string_view unit_id,
                                                    absl::string_view period) {
  absl::MutexLock lock(&mu_);
  const auto* versions = Find(reports_, UnitPeriod(period, unit_id));
  return versions == nullptr || versions->empty() ? 0u : versions->rbegin()->first;
}

absl::StatusOr<std::vector<v1::Submission>> MemoryStore::ListUnitSubmissions(
    absl::string_view unit_id, absl::string_view from_period, absl::string_view to_period) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Submission> out;
  for (const auto& [key, versions] : reports_) {  // by period, then unit
    const auto& [period, unit] = key;
    if (unit != unit_id || period < from_period) continue;
    if (!to_period.empty() && period > to_period) continue;
    for (const auto& [v, sub] : versions) out.push_back(sub);
  }
  return out;
}

absl::StatusOr<std::vector<v1::Submission>> MemoryStore::ListPeriodLatest(
    absl::string_view period) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Submission> out;
  for (auto it = reports_.lower_bound({std::string(period), ""});
       it != reports_.end() && it->first.first == period; ++it) {
    if (!it->second.empty()) out.push_back(it->second.rbegin()->second);
  }
  return out;
}

absl::Status MemoryStore::ForEachPeriodLatest(
    absl::string_view period, const std::function<absl::Status(const v1::Submission&)>& fn) {
  absl::StatusOr<std::vector<v1::Submission>> latest = ListPeriodLatest(period);
  if (!latest.ok()) return latest.status();
  for (const v1::Submission& s : *latest) {
    if (absl::Status st = fn(s); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status MemoryStore::ForEachLatestSubmission(
    const std::function<absl::Status(const v1::Submission&)>& fn) {
  std::vector<v1::Submission> latest;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [key, versions] : reports_) {
      if (!versions.empty()) latest.push_back(versions.rbegin()->second);
    }
  }
  for (const v1::Submission& s : latest) {
    if (absl::Status st = fn(s); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status MemoryStore::ForEachIdempotencyKey(
    const std::function<void(absl::string_view unit_id, absl::string_view key)>& fn) {
  std::vector<UnitPeriod> keys;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [k, record] : keys_) keys.push_back(k);
  }
  for (const auto& [unit, key] : keys) fn(unit, key);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<config::v1::IdempotencyRecord>> MemoryStore::GetIdempotency(
    absl::string_view unit_id, absl::string_view key) {
  absl::MutexLock lock(&mu_);
  return Found(Find(keys_, UnitPeriod(unit_id, key)));
}

absl::Status MemoryStore::PutFinding(const v1::Finding& finding, uint32_t number,
                                     absl::string_view action, absl::string_view actor,
                                     int64_t time_micros) {
  GONGKAI_MEMORY_STORE_WRITE_;
  findings_[{finding.period(), finding.unit_id(), number}] = finding;
  config::v1::AuditRecord a = AuditOf(action, actor, time_micros);
  a.set_unit_id(finding.unit_id());
  a.set_period(finding.period());
  a.set_version(number);
  Audit(std::move(a));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Finding>> MemoryStore::GetFinding(absl::string_view period,
                                                                   absl::string_view unit_id,
                                                                   uint32_t number) {
  absl::MutexLock lock(&mu_);
  return Found(Find(findings_, std::make_tuple(std::string(period), std::string(unit_id), number)));
}

absl::StatusOr<std::vector<v1::Finding>> MemoryStore::ListFindings(absl::string_view period,
                                                                   absl::string_view unit_id) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Finding> out;
  for (const auto& [key, f] : findings_) {
    if (!period.empty() && std::get<0>(key) != period) continue;
    if (!unit_id.empty() && std::get<1>(key) != unit_id) continue;
    out.push_back(f);
  }
  return out;
}

absl::StatusOr<uint32_t> MemoryStore::LastFindingNumber(absl::string_view period,
                                                        absl::string_view unit_id) {
  absl::MutexLock lock(&mu_);
  uint32_t last = 0;
  for (const auto& [key, f] : findings_) {
    if (std::get<0>(key) == period && std::get<1>(key) == unit_id) last = std::get<2>(key);
  }
  return last;
}

absl::Status MemoryStore::CommitBulletin(const v1::Bulletin& bulletin,
                                         absl::Span<const CaseWrite> cases, absl::string_view actor,
                                         int64_t time_micros) {
  GONGKAI_MEMORY_STORE_WRITE_;
  bulletins_[{bulletin.year(), bulletin.number()}] = bulletin;
  for (const CaseWrite& c : cases) cases_[{c.value.unit_id(), c.number}] = c.value;
  config::v1::AuditRecord a = AuditOf("publish_bulletin", actor, time_micros);
  a.set_period(bulletin.period());
  a.set_version(bulletin.number());
  Audit(std::move(a));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Bulletin>> MemoryStore::GetBulletin(int32_t year,
                                                                     uint32_t number) {
  absl::MutexLock lock(&mu_);
  return Found(Find(bulletins_, std::make_pair(year, number)));
}

absl::StatusOr<std::vector<v1::Bulletin>> MemoryStore::ListBulletins(int32_t year) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Bulletin> out;
  for (const auto& [key, b] : bulletins_) {
    if (year == 0 || key.first == year) out.push_back(b);
  }
  return out;
}

absl::Status MemoryStore::PutCase(const CaseWrite& write, absl::string_view action,
                                  absl::string_view actor, int64_t time_micros) {
  GONGKAI_MEMORY_STORE_WRITE_;
  cases_[{write.value.unit_id(), write.number}] = write.value;
  config::v1::AuditRecord a = AuditOf(action, actor, time_micros);
  a.set_unit_id(write.value.unit_id());
  a.set_version(write.number);
  Audit(std::move(a));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<v1::Case>> MemoryStore::GetCase(absl::string_view unit_id,
                                                             uint32_t number) {
  absl::MutexLock lock(&mu_);
  return Found(Find(cases_, std::make_pair(std::string(unit_id), number)));
}

absl::StatusOr<std::vector<v1::Case>> MemoryStore::ListCases(absl::string_view unit_id) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::Case> out;
  for (const auto& [key, c] : cases_) {
    if (unit_id.empty() || key.first == unit_id) out.push_back(c);
  }
  return out;
}

absl::StatusOr<std::vector<config::v1::AuditRecord>> MemoryStore::ListAudit(uint64_t after_seq,
                                                                            size_t limit) {
  absl::MutexLock lock(&mu_);
  std::vector<config::v1::AuditRecord> out;
  for (size_t i = after_seq; i < audit_.size() && out.size() < limit; ++i) {
    out.push_back(audit_[i]);
  }
  return out;
}

absl::Status MemoryStore::PutOpeningStock(const v1::OpeningStock& stock, absl::string_view actor,
                                          int64_t time_micros) {
  GONGKAI_MEMORY_STORE_WRITE_;
  stocks_[{stock.year(), stock.unit_id()}] = stock;
  config::v1::AuditRecord a = AuditOf("set_opening_stock", actor, time_micros);
  a.set_unit_id(stock.unit_id());
  a.set_period(absl::StrCat(stock.year()));
  Audit(std::move(a));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::OpeningStock>> MemoryStore::ListOpeningStocks(int32_t year) {
  absl::MutexLock lock(&mu_);
  std::vector<v1::OpeningStock> out;
  for (const auto& [key, s] : stocks_) {
    if (key.first == year) out.push_back(s);
  }
  return out;
}

absl::StatusOr<std::optional<config::v1::DemoTokens>> MemoryStore::GetDemoTokens() {
  absl::MutexLock lock(&mu_);
  return demo_tokens_;
}

absl::Status MemoryStore::PutToken(const config::v1::StoredToken& token, absl::string_view action,
                                   absl::string_view actor, int64_t time_micros) {
  GONGKAI_MEMORY_STORE_WRITE_;
  tokens_[token.token_id()] = token;
  config::v1::AuditRecord a = AuditOf(action, actor, time_micros);
  a.set_unit_id(token.token().unit_id());
  a.set_token_id(token.token_id());
  a.set_token_holder(token.token().name());
  Audit(std::move(a));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<config::v1::StoredToken>> MemoryStore::ListTokens() {
  absl::MutexLock lock(&mu_);
  std::vector<config::v1::StoredToken> out;
  for (const auto& [id, token] : tokens_) out.push_back(token);
  return out;
}

absl::Status MemoryStore::PutTokenUses(absl::Span<const TokenUse> uses) {
  if (uses.empty()) return absl::OkStatus();
  GONGKAI_MEMORY_STORE_WRITE_;
  for (const TokenUse& use : uses) token_uses_[use.token_id] = use.time_micros;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<TokenUse>> MemoryStore::ListTokenUses() {
  absl::MutexLock lock(&mu_);
  std::vector<TokenUse> out;
  for (const auto& [id, micros] : token_uses_) out.push_back(TokenUse{id, micros});
  return out;
}

absl::StatusOr<BackupInfo> MemoryStore::Backup(const std::string& dir) {
  return absl::UnimplementedError(
      absl::StrCat("storage: the in-memory store keeps nothing to back up into ", dir));
}

#undef GONGKAI_MEMORY_STORE_WRITE_

}  // namespace gongkai::storage
