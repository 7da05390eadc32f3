#include "storage/key_codec.h"

#include "absl/strings/str_cat.h"

namespace gongkai::storage {
namespace {

constexpr char kSep = '\0';

void AppendBig32(uint32_t v, std::string* out) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((v >> shift) & 0xFF));
  }
}

uint32_t ReadBig32(absl::string_view s) {
  uint32_t v = 0;
  for (char c : s) v = (v << 8) | static_cast<unsigned char>(c);
  return v;
}

std::string Two(absl::string_view a, absl::string_view b) {
  std::string k;
  k.reserve(a.size() + b.size() + 2);
  k.append(a.data(), a.size());
  k.push_back(kSep);
  k.append(b.data(), b.size());
  k.push_back(kSep);
  return k;
}

}  // namespace

std::string PeriodPrefix(absl::string_view period) {
  return absl::StrCat(period, absl::string_view(&kSep, 1));
}

std::string PeriodUnitPrefix(absl::string_view period, absl::string_view unit_id) {
  return Two(period, unit_id);
}

std::string ReportKey(absl::string_view period, absl::string_view unit_id,
                      uint32_t version) {
  std::string k = Two(period, unit_id);
  AppendBig32(~version, &k);
  return k;
}

std::string FindingKey(absl::string_view period, absl::string_view unit_id, uint32_t number) {
  std::string k = Two(period, unit_id);
  AppendBig32(number, &k);
  return k;
}

std::string BulletinKey(int32_t year, uint32_t number) {
  std::string k;
  AppendBig32(static_cast<uint32_t>(year), &k);
  AppendBig32(number, &k);
  return k;
}

std::string OpeningStockPrefix(int32_t year) {
  std::string k("opening_stock", 13);
  k.push_back('\0');
  AppendBig32(static_cast<uint32_t>(year), &k);
  return k;
}

std::string OpeningStockKey(int32_t year, absl::string_view unit_id) {
  std::string k = OpeningStockPrefix(year);
  k.append(unit_id.data(), unit_id.size());
  return k;
}

std::string TokenPrefix() { return std::string("token\0", 6); }

std::string TokenKey(absl::string_view token_id) {
  return absl::StrCat(TokenPrefix(), token_id);
}

std::string TokenUsePrefix() { return std::string("token_used\0", 11); }

std::string TokenUseKey(absl::string_view token_id) {
  return absl::StrCat(TokenUsePrefix(), token_id);
}

std::string CaseKey(absl::string_view unit_id, uint32_t number) {
  std::string k = UnitPrefix(unit_id);
  AppendBig32(number, &k);
  return k;
}

std::string UnitPrefix(absl::string_view unit_id) {
  return absl::StrCat(unit_id, absl::string_view(&kSep, 1));
}

std::string ReportIndexKey(absl::string_view unit_id, absl::string_view period,
                           uint32_t version) {
  std::string k = Two(unit_id, period);
  AppendBig32(~version, &k);
  return k;
}

std::string IdempotencyKey(absl::string_view unit_id, absl::string_view key) {
  return absl::StrCat(unit_id, absl::string_view(&kSep, 1), key);
}

std::string AuditKey(uint64_t seq) {
  std::string k;
  AppendBig32(static_cast<uint32_t>(seq >> 32), &k);
  AppendBig32(static_cast<uint32_t>(seq), &k);
  return k;
}

bool DecodeReportKey(absl::string_view key, ReportKeyParts* out) {
  if (key.size() < 6) return false;
  absl::string_view head = key.substr(0, key.size() - 4);
  if (head.back() != kSep) return false;
  head.remove_suffix(1);
  size_t sep = head.find(kSep);
  if (sep == absl::string_view::npos) return false;
  out->first = std::string(head.substr(0, sep));
  out->second = std::string(head.substr(sep + 1));
  out->version = ~ReadBig32(key.substr(key.size() - 4));
  return true;
}

bool DecodeFindingKey(absl::string_view key, ReportKeyParts* out) {
  if (!DecodeReportKey(key, out)) return false;
  out->version = ~out->version;  // findings keep their number as is
  return true;
}

uint64_t DecodeAuditKey(absl::string_view key) {
  if (key.size() != 8) return 0;
  return (static_cast<uint64_t>(ReadBig32(key.substr(0, 4))) << 32) |
         ReadBig32(key.substr(4, 4));
}

}  // namespace gongkai::storage
