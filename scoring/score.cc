#include "scoring/score.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "model/field_labels.h"
#include "model/field_path.h"
#include "model/figure_reader.h"
#include "model/labels.h"
#include "scoring/scheme.h"

namespace gongkai::scoring {
namespace {

using config::v1::Indicator;
using config::v1::Scheme;

// Points are summed in hundredths so that the lines add up to the total
// exactly.
int64_t Cents(double points) { return std::llround(points * 100); }
double FromCents(int64_t cents) { return static_cast<double>(cents) / 100; }

std::string Pts(double points) {
  std::string s = absl::StrFormat("%.2f", points);
  // "10.00" reads better as "10", "2.50" as "2.5".
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

int64_t Figure(const v1::MonthlyReport& report, const std::string& path) {
  // Resolving a path walks descriptors; a league table reads the same few
  // paths for every unit, so each thread keeps what it resolved.
  // Looked up by the string's address (a scheme's strings stay put while it
  // scores), checked against the text in case the address was reused.
  struct Resolved {
    std::string text;
    model::FieldPath path;
  };
  thread_local absl::flat_hash_map<const std::string*, Resolved> resolved;
  auto it = resolved.find(&path);
  if (it == resolved.end() || it->second.text != path) {
    // Schemes come and go (tests, fuzzing): keep the cache small.
    if (resolved.size() > 1024) resolved.clear();
    // The scheme was checked, so the path exists.
    it = resolved.insert_or_assign(&path, Resolved{path, *model::FieldPath::ParseReadable(path)})
             .first;
  }
  return it->second.path.Get(report);
}

int64_t QuotaFor(const google::protobuf::RepeatedPtrField<config::v1::TierQuota>& quotas,
                 v1::Tier tier) {
  for (const auto& q : quotas) {
    if (q.tier() == tier) return q.quota();
  }
  return 0;
}

// How many occurrences `count` finds, and how they read.
struct Counted {
  int64_t n = 0;
  std::string what;
};

// The figures of the report and the quota one indicator reads, read before
// it is evaluated (so that a compiled scheme reads them its own faster way).
struct Read {
  int64_t a = 0;      // the rule's field; a ratio's numerator
  int64_t b = 0;      // a ratio's denominator
  int64_t quota = 0;  // the tier's quota, for quota and over-quota rules
};

// `say` false: only the number, no text (a league table shows none).
// `figure`: the counted field's figure, when it counts a field.
Counted Count(const config::v1::Occurrences& count, const MonthInput& input, bool say,
              int64_t figure) {
  Counted c;
  switch (count.source_case()) {
    case config::v1::Occurrences::kField:
      if (input.submission == nullptr) break;
      c.n = figure;
      if (say) c.what = absl::StrCat(model::LabelOf(count.field()), " ", c.n);
      break;
    case config::v1::Occurrences::kWarnings: {
      if (input.submission == nullptr) break;
      c.n = input.submission->warnings_size();
      if (!say) break;
      std::vector<std::string> fields;
      for (const auto& w : input.submission->warnings()) fields.push_back(w.field());
      c.what = absl::StrCat("填报不规范 (校验警告) ", c.n, " 条",
                            fields.empty() ? "" : absl::StrCat(": ", absl::StrJoin(fields, ", ")));
      break;
    }
    case config::v1::Occurrences::kFindings: {
      const auto& kinds = count.findings().kinds();
      std::vector<std::string> named;
      for (const v1::Finding& f : input.findings) {
        bool counted =
            kinds.empty() || std::find(kinds.begin(), kinds.end(), f.kind()) != kinds.end();
        if (!counted) continue;
        ++c.n;
        if (!say) continue;
        named.push_back(f.note().empty()
                            ? std::string(model::FindingKindName(f.kind()))
                            : absl::StrCat(model::FindingKindName(f.kind()), "「", f.note(), "」"));
      }
      if (!say) break;
      c.what = absl::StrCat("督查问题 ", c.n, " 个",
                            named.empty() ? "" : absl::StrCat(": ", absl::StrJoin(named, "; ")));
      break;
    }
    default:
      break;
  }
  return c;
}

// `won`, and the text `say` makes into *why unless `why` is null: a
// league table needs the points only, and the text costs more than them.
template <typename Text>
double Say(std::string* why, double won, const Text& say) {
  if (why != nullptr) *why = say();
  return won;
}

// Scores one scored or bonus indicator: points won, and why into *why
// unless it is null.
// `read`: its figures.
double Evaluate(const Indicator& ind, const MonthInput& input, const Read& read,
                std::string* why) {
  const v1::Submission& sub = *input.submission;
  const double full = ind.points();
  switch (ind.rule_case()) {
    case Indicator::kTimeliness: {
      int days = sub.first_days_late();
      // An imported time is the office's record, not the supervisor's clock:
      // the reason says so.
      const char* imported = sub.first_imported() ? "（按导入记录的报送时间）" : "";
      if (days <= 0) return Say(why, full, [&] { return absl::StrCat("按期报送", imported); });
      double lost = std::min(full, ind.timeliness().points_per_day_late() * days);
      return Say(why, full - lost, [&] {
        return absl::StrCat("逾期报送 ", days, " 天, 每天扣 ",
                            Pts(ind.timeliness().points_per_day_late()), " 分, 扣 ", Pts(lost),
                            " 分", imported);
      });
    }
    case Indicator::kQuota: {
      const auto& rule = ind.quota();
      int64_t value = read.a;
      int64_t quota = read.quota;
      auto seen = [&] {
        return absl::StrCat(model::LabelOf(rule.field()), " ", value, " (标准 ", quota, ")");
      };
      if (rule.under_quota_deduction() > 0 || rule.blank_deduction() > 0) {
        double lost = value == 0      ? rule.blank_deduction()
                      : value < quota ? rule.under_quota_deduction()
                                      : 0;
        lost = std::min(full, lost);
        if (lost == 0) return Say(why, full, [&] { return absl::StrCat(seen(), ", 达标"); });
        return Say(why, full - lost, [&] {
          return absl::StrCat(seen(), value == 0 ? ", 空白月, 扣 " : ", 未达标, 扣 ", Pts(lost),
                              " 分");
        });
      }
      if (value >= quota) return Say(why, full, [&] { return absl::StrCat(seen(), ", 达标"); });
      double won = full * static_cast<double>(std::max<int64_t>(value, 0)) / quota;
      return Say(why, won,
                 [&] { return absl::StrCat(seen(), ", 按完成比例得 ", Pts(won), " 分"); });
    }
    case Indicator::kRatio: {
      const auto& rule = ind.ratio();
      int64_t num = read.a;
      int64_t den = read.b;
      if (den == 0) {
        bool full_points = rule.when_zero() == config::v1::RatioRule::FULL_POINTS;
        return Say(why, full_points ? full : 0, [&] {
          return absl::StrCat(model::LabelOf(rule.denominator()), " 为 0, ",
                              full_points ? "无应办事项, 得满分" : "不得分");
        });
      }
      double ratio = static_cast<double>(num) / static_cast<double>(den);
      double share = std::clamp((ratio - rule.floor()) / (rule.target() - rule.floor()), 0.0, 1.0);
      double won = full * share;
      return Say(why, won, [&] {
        return absl::StrFormat("%d / %d = %.1f%% (目标 %.0f%%, 下限 %.0f%%), 得 %s 分", num, den,
                               ratio * 100, rule.target() * 100, rule.floor() * 100, Pts(won));
      });
    }
    case Indicator::kDeduction: {
      Counted c = Count(ind.deduction().count(), input, why != nullptr, read.a);
      if (c.n <= 0) return Say(why, full, [&] { return absl::StrCat(c.what, ", 不扣分"); });
      double lost = std::min(full, ind.deduction().points_each() * static_cast<double>(c.n));
      return Say(why, full - lost, [&] {
        return absl::StrCat(c.what, ", 每个扣 ", Pts(ind.deduction().points_each()), " 分, 扣 ",
                            Pts(lost), " 分");
      });
    }
    case Indicator::kBonus: {
      const auto& rule = ind.bonus();
      if (rule.condition_case() == config::v1::BonusRule::kOverQuota) {
        int64_t value = read.a;
        int64_t quota = read.quota;
        double bar = quota * rule.over_quota().factor();
        if (static_cast<double>(value) > bar) {
          return Say(why, full, [&] {
            return absl::StrCat(model::LabelOf(rule.over_quota().field()), " ", value, " 超过标准 ",
                                quota, " 的 ", Pts(rule.over_quota().factor() * 100 - 100),
                                "%, 加 ", Pts(full), " 分");
          });
        }
        return Say(why, 0, [&] {
          return absl::StrCat(model::LabelOf(rule.over_quota().field()), " ", value,
                              ", 未超额, 不加分");
        });
      }
      int64_t n = read.a;
      double won =
          std::min(full, rule.points_each() * static_cast<double>(std::max<int64_t>(n, 0)));
      if (won <= 0) {
        return Say(why, 0,
                   [&] { return absl::StrCat(model::LabelOf(rule.field()), " 0, 不加分"); });
      }
      return Say(why, won, [&] {
        return absl::StrCat(model::LabelOf(rule.field()), " ", n, ", 每个加 ",
                            Pts(rule.points_each()), " 分, 加 ", Pts(won), " 分");
      });
    }
    default:
      return Say(why, 0, [] { return std::string(); });
  }
}

v1::ScoreLine* AddLine(v1::MonthScore* out, std::string id, std::string name, int64_t cents,
                       double possible, std::string reason) {
  v1::ScoreLine* line = out->add_lines();
  line->set_indicator_id(std::move(id));
  line->set_name(std::move(name));
  line->set_points(FromCents(cents));
  line->set_possible(possible);
  line->set_reason(std::move(reason));
  return line;
}

}  // namespace

std::string GradeOf(double score, const Scheme& scheme) {
  int i = GradeIndex(score, scheme);
  return i < 0 ? "" : scheme.grades(i).name();
}

namespace {

// Reads each indicator's figures as it goes, by field path: for one month's
// breakdown, or a total now and then.
class PathPlan {
 public:
  explicit PathPlan(const Scheme& scheme) : scheme_(scheme) {}

  // Calls f(indicator, read) for every indicator of `veto` kind or not that
  // applies to the input's tier, in the scheme's order. Figures are read only
  // from a submission.
  template <typename F>
  void ForEach(const MonthInput& input, bool veto, F f) const {
    for (const Indicator& ind : scheme_.indicators()) {
      if (!AppliesTo(ind, input.tier) || (ind.rule_case() == Indicator::kVeto) != veto) continue;
      f(ind, ReadOf(ind, input));
    }
  }

 private:
  static Read ReadOf(const Indicator& ind, const MonthInput& input) {
    Read read;
    if (input.submission == nullptr) return read;
    const v1::MonthlyReport& report = input.submission->report();
    switch (ind.rule_case()) {
      case Indicator::kQuota:
        read.a = Figure(report, ind.quota().field());
        read.quota = QuotaFor(ind.quota().quotas(), input.tier);
        break;
      case Indicator::kRatio:
        read.a = Figure(report, ind.ratio().numerator());
        read.b = Figure(report, ind.ratio().denominator());
        break;
      case Indicator::kDeduction:
        if (ind.deduction().count().source_case() == config::v1::Occurrences::kField) {
          read.a = Figure(report, ind.deduction().count().field());
        }
        break;
      case Indicator::kVeto:
        if (ind.veto().count().source_case() == config::v1::Occurrences::kField) {
          read.a = Figure(report, ind.veto().count().field());
        }
        break;
      case Indicator::kBonus:
        if (ind.bonus().condition_case() == config::v1::BonusRule::kOverQuota) {
          read.a = Figure(report, ind.bonus().over_quota().field());
          read.quota = QuotaFor(ind.bonus().over_quota().quotas(), input.tier);
        } else {
          read.a = Figure(report, ind.bonus().field());
        }
        break;
      default:
        break;
    }
    return read;
  }

  const Scheme& scheme_;
};

// The month's total in hundredths; with `out`, every line that makes it up
// (their points add up to the total exactly). `plan` reads the figures.
template <typename Plan>
int64_t Total(const MonthInput& input, const Scheme& scheme, const Plan& plan,
              v1::MonthScore* out) {
  const bool say = out != nullptr;
  int64_t total = 0;
  int64_t bonus = 0;
  if (input.submission == nullptr && say) {
    AddLine(out, "missing", "未报送", 0, 0, "本月未报送月度报表, 得 0 分");
  }
  if (input.submission != nullptr) {
    plan.ForEach(input, /*veto=*/false, [&](const Indicator& ind, const Read& read) {
      std::string reason;
      int64_t cents = Cents(Evaluate(ind, input, read, say ? &reason : nullptr));
      if (say) AddLine(out, ind.id(), ind.name(), cents, ind.points(), std::move(reason));
      total += cents;
      if (ind.rule_case() == Indicator::kBonus) bonus += cents;
    });
  }
  int64_t bonus_cap = Cents(scheme.bonus_cap());
  if (bonus > bonus_cap) {
    if (say) {
      AddLine(out, "bonus_cap", "加分封顶", bonus_cap - bonus, 0,
              absl::StrCat("加分合计 ", Pts(FromCents(bonus)), " 分, 封顶 ",
                           Pts(scheme.bonus_cap()), " 分"));
    }
    total += bonus_cap - bonus;
  }
  if (total > 10000 || total < 0) {
    int64_t clamped = std::clamp<int64_t>(total, 0, 10000);
    if (say) {
      AddLine(out, "clamp", "得分区间", clamped - total, 0,
              absl::StrCat("合计 ", Pts(FromCents(total)), " 分, 月度得分限于 0-100 分"));
    }
    total = clamped;
  }
  // Vetoes: the lowest cap among those that fire takes the total down; each
  // firing veto gets a line so the unit sees every reason (a unit that did
  // not report too, for its findings).
  std::vector<std::pair<const Indicator*, Counted>> fired;
  plan.ForEach(input, /*veto=*/true, [&](const Indicator& ind, const Read& read) {
    Counted c = Count(ind.veto().count(), input, say, read.a);
    if (c.n > 0) fired.emplace_back(&ind, std::move(c));
  });
  std::stable_sort(fired.begin(), fired.end(), [](const auto& a, const auto& b) {
    return a.first->veto().cap() < b.first->veto().cap();
  });
  for (auto& [ind, c] : fired) {
    int64_t cap = Cents(ind->veto().cap());
    int64_t cut = std::max<int64_t>(0, total - cap);
    if (say) {
      AddLine(out, absl::StrCat("veto:", ind->id()), ind->name(), -cut, 0,
              absl::StrCat(
                  "单项否决: ", c.what, ", 本月",
                  cap == 0 ? "计 0 分" : absl::StrCat("最高 ", Pts(ind->veto().cap()), " 分")));
    }
    total -= cut;
  }
  return total;
}

// One indicator of a tier, compiled.
struct Step {
  const Indicator* indicator = nullptr;
  int a = -1;  // the reader's slot of Read::a's figure, if the rule reads one
  int b = -1;  // of Read::b's
  int64_t quota = 0;
};

}  // namespace

// Each tier's indicators in the scheme's order, with their figures resolved
// and their quotas looked up.
struct CompiledScheme::Plan {
  // Steps by tier number, the vetoes apart.
  std::vector<std::vector<Step>> rules, vetoes;
  model::FigureReader figures;
};

namespace {

// A compiled plan with one report's figures read.
class ReadPlan {
 public:
  ReadPlan(const std::vector<std::vector<Step>>& rules,
           const std::vector<std::vector<Step>>& vetoes, const int64_t* figures)
      : rules_(rules), vetoes_(vetoes), figures_(figures) {}

  template <typename F>
  void ForEach(const MonthInput& input, bool veto, F f) const {
    for (const Step& s : (veto ? vetoes_ : rules_)[input.tier]) {
      Read read;
      if (figures_ != nullptr) {
        if (s.a >= 0) read.a = figures_[s.a];
        if (s.b >= 0) read.b = figures_[s.b];
        read.quota = s.quota;
      }
      f(*s.indicator, read);
    }
  }

 private:
  const std::vector<std::vector<Step>>& rules_;
  const std::vector<std::vector<Step>>& vetoes_;
  const int64_t* figures_;  // nullptr: no report
};

}  // namespace

CompiledScheme::CompiledScheme(const Scheme& scheme)
    : scheme_(&scheme) {
  auto plan = std::make_shared<Plan>();
  const int tiers = v1::Tier_MAX + 1;
  plan->rules.resize(tiers);
  plan->vetoes.resize(tiers);
  for (int t = 0; t < tiers; ++t) {
    const auto tier = static_cast<v1::Tier>(t);
    for (const Indicator& ind : scheme.indicators()) {
      if (!AppliesTo(ind, tier)) continue;
      Step step;
      step.indicator = &ind;
      const config::v1::Occurrences* count = nullptr;
      switch (ind.rule_case()) {
        case Indicator::kQuota:
          step.a = plan->figures.Add(ind.quota().field());
          step.quota = QuotaFor(ind.quota().quotas(), tier);
          break;
        case Indicator::kRatio:
          step.a = plan->figures.Add(ind.ratio().numerator());
          step.b = plan->figures.Add(ind.ratio().denominator());
          break;
        case Indicator::kDeduction:
          count = &ind.deduction().count();
          break;
        case Indicator::kVeto:
          count = &ind.veto().count();
          break;
        case Indicator::kBonus:
          if (ind.bonus().condition_case() == config::v1::BonusRule::kOverQuota) {
            step.a = plan->figures.Add(ind.bonus().over_quota().field());
            step.quota = QuotaFor(ind.bonus().over_quota().quotas(), tier);
          } else {
            step.a = plan->figures.Add(ind.bonus().field());
          }
          break;
        default:
          break;
      }
      if (count != nullptr && count->source_case() == config::v1::Occurrences::kField) {
        step.a = plan->figures.Add(count->field());
      }
      (ind.rule_case() == Indicator::kVeto ? plan->vetoes : plan->rules)[t].push_back(step);
    }
  }
  plan_ = std::move(plan);
}

int GradeIndex(double score, const Scheme& scheme) {
  for (int i = 0; i < scheme.grades_size(); ++i) {
    if (score >= scheme.grades(i).min_score()) return i;
  }
  return scheme.grades_size() - 1;
}

MonthTotal ScoreMonthTotal(const MonthInput& input, const Scheme& scheme) {
  MonthTotal t;
  t.cents = Total(input, scheme, PathPlan(scheme), nullptr);
  t.grade = GradeIndex(FromCents(t.cents), scheme);
  return t;
}

MonthTotal ScoreMonthTotal(const MonthInput& input, const CompiledScheme& scheme) {
  if (input.tier < 0 || input.tier > v1::Tier_MAX) {
    return ScoreMonthTotal(input, scheme.scheme());
  }
  const CompiledScheme::Plan& plan = *scheme.plan_;
  absl::InlinedVector<int64_t, 32> figures(plan.figures.size());
  if (input.submission != nullptr) plan.figures.Read(input.submission->report(), figures.data());
  MonthTotal t;
  t.cents = Total(input, scheme.scheme(),
                  ReadPlan(plan.rules, plan.vetoes,
                           input.submission == nullptr ? nullptr : figures.data()),
                  nullptr);
  t.grade = GradeIndex(FromCents(t.cents), scheme.scheme());
  return t;
}

v1::MonthScore ScoreMonth(const MonthInput& input, const Scheme& scheme) {
  v1::MonthScore out;
  out.set_unit_id(input.unit_id);
  out.set_period(input.period);
  out.set_tier(input.tier);
  out.set_scheme_id(scheme.id());
  out.set_reported(input.submission != nullptr);
  if (input.submission != nullptr) out.set_version(input.submission->version());
  out.set_total(FromCents(Total(input, scheme, PathPlan(scheme), &out)));
  out.set_grade(GradeOf(out.total(), scheme));
  return out;
}

}  // namespace gongkai::scoring
