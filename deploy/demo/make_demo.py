#!/usr/bin/env python3
"""Generate the Gongkai demo city: deploy/demo/units.csv and deploy/demo/reports.csv.

The demo city is a fictional Pingxiang (萍乡市) reporting monthly for 2025 with the
yearly figures of Pingxiang's real 2012 annual report (seeds/003_*.txt): 41126
items published proactively (概况 1522, 法规文件 8349, 发展规划 1110, 工作动态 23113,
人事 864, 财经 905, 行政执法 370, 公共服务及其他 4893), 6248 items in the eight key
domains, 36 applications (all online, all granted and answered on time), 2975
mailbox messages of which 2822 answered, 6 issues of 萍乡政报 carrying 186
documents, 19 press conferences, and no reconsideration or litigation. The yearly
sums over all rows of reports.csv equal these figures exactly.

Units: 1 MUNICIPAL (pingxiang-city), 5 COUNTY, 20 AGENCY, 30 TOWNSHIP (6 per county).
Rows: one per unit per month 2025-01..2025-12, except three missing reports:
  lianhua-gaozhou-township 2025-04 and 2025-10, statistics-bureau 2025-08.
Blank month (reported, every figure empty = 0): shangli-yangqi-township 2025-07.
lianhua-gaozhou-township also leaves the oversight.* cells empty in every row.

Deliberate filing slips (the test asserts exactly these, and nothing else):
  1. anyuan-houbu-subdistrict 2025-04 (TOWNSHIP): the eight key domains add up to
     items_total + 4 (key-domain items exceed all items published).
  2. commerce-bureau 2025-03 (AGENCY): the nine categories add up to items_total + 3;
     commerce-bureau 2025-09: they add up to items_total - 3 (yearly category totals
     still match).
  3. lianhua-county 2025-06 (COUNTY): items_total jumps to 356 from 64 in 2025-05
     (more than 5x the previous month; a backlog uploaded after a staff change).
Late reports (deadline: end of the 5th of the next month):
  lianhua-gaozhou-township 2025-02, 2025-05, 2025-09, 2025-11;
  xiangdong-guanghanzhai-township 2025-01, 2025-06, 2025-10;
  water-resources-bureau 2025-03, 2025-07, 2025-12;
  urban-management-bureau 2025-04, 2025-08;
  shangli-county 2025-09 (once, 3 days late: 2025-10-08).

Deterministic: random.Random(2012), integer apportionment (largest remainder);
rerunning writes byte-identical files. Standard library only.

Usage: python3 deploy/demo/make_demo.py [--out DIR]   (default: this script's folder)
"""

import argparse
import csv
import io
import os
import random

YEAR = 2025
MONTHS = list(range(1, 13))
PERIODS = ["%04d-%02d" % (YEAR, m) for m in MONTHS]

# ---------------------------------------------------------------- yearly totals
ITEMS_TOTAL = 41126
CATEGORY_TOTALS = {  # work_updates is computed per row as the remainder
    "overview": 1522,
    "regulations": 8349,
    "plans": 1110,
    "work_updates": 23113,
    "personnel": 864,
    "finance": 905,
    "law_enforcement": 370,
    "public_services": 3268,  # public_services + other = 4893
    "other": 1625,
}
KEY_DOMAINS_TOTAL = 6248
APPLICATIONS_TOTAL = 36
MAILBOX_RECEIVED = 2975
MAILBOX_REPLIED = 2822
GAZETTE_BY_MONTH = {2: 28, 4: 33, 6: 30, 8: 35, 10: 29, 12: 31}  # 6 issues, 186 docs
PRESS_BY_MONTH = [1, 2, 1, 2, 1, 2, 1, 2, 2, 1, 2, 2]  # 19 conferences

CATEGORIES = ["overview", "regulations", "plans", "work_updates", "personnel",
              "finance", "law_enforcement", "public_services", "other"]
KEY_DOMAINS = ["fiscal_budgets", "affordable_housing", "food_safety", "environment",
               "tendering", "work_safety_accidents", "land_expropriation",
               "prices_and_fees"]
CHANNELS = ["website", "weibo", "wechat", "gazette", "press_conferences", "other_media"]
STATUTORY = ["rules_issued", "rules_repealed", "normative_documents_issued",
             "normative_documents_repealed", "licensing_decisions", "penalty_decisions",
             "enforcement_decisions", "fees_collected_yuan"]
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
APP_CHANNELS = ["in_person", "fax", "email", "online", "letter", "other"]
OVERSIGHT_CASES = ["upheld", "corrected", "other", "pending", "total"]
# The rows after 本期新收 split by applicant (table 三's columns).
APPLICANT_COLUMN_FIELDS = ["carried_over", "results.granted", "results.total",
                           "carried_forward"]

FIELDS = (
    ["proactive.items_total"]
    + ["proactive.categories." + c for c in CATEGORIES]
    + ["proactive.key_domains." + k for k in KEY_DOMAINS]
    + ["proactive.interpretations", "proactive.interpretations_on_time"]
    + ["proactive.channels." + c for c in CHANNELS]
    + ["statutory." + s for s in STATUTORY]
    + ["applications.new_total"]
    + ["applications.by_applicant." + a for a in APPLICANTS]
    + ["applications.received." + c for c in APP_CHANNELS]
    + ["applications.carried_over",
       "applications.results.granted",
       "applications.results.partly_granted",
       "applications.results.refused.total",
       "applications.results.cannot_provide.total",
       "applications.results.not_processed.total",
       "applications.results.other.total",
       "applications.results.total",
       "applications.carried_forward",
       "applications.replied_on_time",
       "applications.replied_overdue",
       "applications.processing_fees_yuan"]
    + ["applications.applicant_columns.%s.%s" % (a, f) for a in APPLICANTS
       for f in APPLICANT_COLUMN_FIELDS]
    + ["consultations.online", "consultations.phone", "consultations.in_person",
       "consultations.column_page_views"]
    + ["oversight.reconsideration." + c for c in OVERSIGHT_CASES]
    + ["oversight.litigation_direct." + c for c in OVERSIGHT_CASES]
    + ["oversight.complaints"]
    + ["interaction.mailbox_received", "interaction.mailbox_replied",
       "interaction.npc_suggestions_answered", "interaction.cppcc_proposals_answered"]
)
HEADER = ["unit_id", "period", "submitted_at"] + FIELDS

# ---------------------------------------------------------------------- units
CITY = "pingxiang-city"
COUNTIES = [  # unit_id, name, size weight
    ("luxi-county", "芦溪县", 1.15),
    ("anyuan-district", "安源区", 1.25),
    ("xiangdong-district", "湘东区", 1.0),
    ("shangli-county", "上栗县", 0.95),
    ("lianhua-county", "莲花县", 0.8),
]
AGENCIES = [  # unit_id, name, size weight
    ("development-reform-commission", "市发展改革委", 55),
    ("finance-bureau", "市财政局", 60),
    ("education-bureau", "市教育局", 55),
    ("public-security-bureau", "市公安局", 45),
    ("civil-affairs-bureau", "市民政局", 45),
    ("human-resources-social-security-bureau", "市人社局", 50),
    ("natural-resources-bureau", "市自然资源局", 45),
    ("ecology-environment-bureau", "市生态环境局", 45),
    ("housing-urban-rural-development-bureau", "市住建局", 50),
    ("transport-bureau", "市交通运输局", 40),
    ("agriculture-rural-affairs-bureau", "市农业农村局", 40),
    ("commerce-bureau", "市商务局", 35),
    ("health-commission", "市卫健委", 55),
    ("market-regulation-bureau", "市市场监管局", 55),
    ("emergency-management-bureau", "市应急管理局", 35),
    ("audit-bureau", "市审计局", 22),
    ("statistics-bureau", "市统计局", 25),
    ("healthcare-security-bureau", "市医保局", 35),
    ("urban-management-bureau", "市城管局", 30),
    ("water-resources-bureau", "市水利局", 28),
]
TOWNSHIPS = {  # county -> [(unit_id, name)]
    "luxi-county": [
        ("luxi-luxi-town", "芦溪镇"), ("luxi-xuanfeng-town", "宣风镇"),
        ("luxi-yinhe-town", "银河镇"), ("luxi-shangbu-town", "上埠镇"),
        ("luxi-nankeng-town", "南坑镇"), ("luxi-yuannan-township", "源南乡")],
    "anyuan-district": [
        ("anyuan-bayi-subdistrict", "八一街道"), ("anyuan-dongda-subdistrict", "东大街道"),
        ("anyuan-fenghuang-subdistrict", "凤凰街道"), ("anyuan-houbu-subdistrict", "后埠街道"),
        ("anyuan-anyuan-town", "安源镇"), ("anyuan-qingshan-town", "青山镇")],
    "xiangdong-district": [
        ("xiangdong-xiangdong-town", "湘东镇"),
        ("xiangdong-xiashankou-subdistrict", "峡山口街道"),
        ("xiangdong-heyao-town", "荷尧镇"), ("xiangdong-laoguan-town", "老关镇"),
        ("xiangdong-mashan-town", "麻山镇"),
        ("xiangdong-guanghanzhai-township", "广寒寨乡")],
    "shangli-county": [
        ("shangli-shangli-town", "上栗镇"), ("shangli-tongmu-town", "桐木镇"),
        ("shangli-jinshan-town", "金山镇"), ("shangli-futian-town", "福田镇"),
        ("shangli-penggao-town", "彭高镇"), ("shangli-yangqi-township", "杨岐乡")],
    "lianhua-county": [
        ("lianhua-qinting-town", "琴亭镇"), ("lianhua-lukou-town", "路口镇"),
        ("lianhua-liangfang-town", "良坊镇"), ("lianhua-fanglou-town", "坊楼镇"),
        ("lianhua-shenquan-township", "神泉乡"),
        ("lianhua-gaozhou-township", "高洲乡")],
}
WEAK_TOWNSHIPS = ["luxi-yuannan-township", "xiangdong-guanghanzhai-township",
                  "shangli-yangqi-township", "lianhua-gaozhou-township"]

# ------------------------------------------------------------ scripted events
MISSING = {("lianhua-gaozhou-township", 4), ("lianhua-gaozhou-township", 10),
           ("statistics-bureau", 8)}
BLANK = ("shangli-yangqi-township", 7)
BLANK_OVERSIGHT_UNIT = "lianhua-gaozhou-township"
KEY_SLIP = ("anyuan-houbu-subdistrict", 4, 4)        # unit, month, excess
CATEGORY_SLIPS = {("commerce-bureau", 3): +3, ("commerce-bureau", 9): -3}
OUTLIER = ("lianhua-county", 6, 64, 356)             # unit, month, previous, value
LATE = {  # (unit, period month) -> day of the next month
    ("lianhua-gaozhou-township", 2): 9, ("lianhua-gaozhou-township", 5): 7,
    ("lianhua-gaozhou-township", 9): 12, ("lianhua-gaozhou-township", 11): 6,
    ("xiangdong-guanghanzhai-township", 1): 8, ("xiangdong-guanghanzhai-township", 6): 10,
    ("xiangdong-guanghanzhai-township", 10): 7,
    ("water-resources-bureau", 3): 6, ("water-resources-bureau", 7): 9,
    ("water-resources-bureau", 12): 11,
    ("urban-management-bureau", 4): 6, ("urban-management-bureau", 8): 8,
    ("shangli-county", 9): 8,
}
DEADLINE_DAY = 5

# Applications (36, all online): unit -> count; enterprises file a few of them.
APPLICATIONS = [
    (CITY, 10), ("luxi-county", 4), ("anyuan-district", 5), ("xiangdong-district", 3),
    ("shangli-county", 3), ("lianhua-county", 2), ("natural-resources-bureau", 3),
    ("housing-urban-rural-development-bureau", 2), ("civil-affairs-bureau", 2),
    ("ecology-environment-bureau", 1), ("development-reform-commission", 1),
]
ENTERPRISE_APPLICANTS = {(CITY, 3), ("natural-resources-bureau", 1),
                         ("development-reform-commission", 0)}  # (unit, index)

SEASON = [0.9, 0.8, 1.05, 1.0, 1.0, 1.05, 1.0, 0.95, 1.0, 0.9, 1.05, 1.2]

# Proactive items budgets per tier (sum = ITEMS_TOTAL).
TIER_ITEMS = {"MUNICIPAL": 4936, "COUNTY": 11500, "AGENCY": 9500, "TOWNSHIP": 15190}

# Per-tier category shares (work_updates takes the rest of each row).
TIER_CATEGORY_SHARES = {
    "MUNICIPAL": {"overview": .02, "regulations": .35, "plans": .05, "personnel": .03,
                  "finance": .03, "law_enforcement": .002, "public_services": .08,
                  "other": .04},
    "COUNTY": {"overview": .03, "regulations": .22, "plans": .03, "personnel": .02,
               "finance": .025, "law_enforcement": .006, "public_services": .08,
               "other": .035},
    "AGENCY": {"overview": .03, "regulations": .22, "plans": .03, "personnel": .02,
               "finance": .025, "law_enforcement": .01, "public_services": .10,
               "other": .04},
    "TOWNSHIP": {"overview": .06, "regulations": .09, "plans": .01, "personnel": .02,
                 "finance": .015, "law_enforcement": .004, "public_services": .06,
                 "other": .04},
}
ENFORCING_AGENCIES = {"public-security-bureau", "market-regulation-bureau",
                      "urban-management-bureau", "ecology-environment-bureau",
                      "transport-bureau", "emergency-management-bureau",
                      "agriculture-rural-affairs-bureau", "natural-resources-bureau"}

DEFAULT_DOMAIN_WEIGHTS = [1, .6, .6, 1, 1.2, .6, .8, .6]
DOMAIN_WEIGHTS = {  # agency -> (share of its items in key domains, weights)
    "finance-bureau": (.35, [6, .2, .1, .2, 1, .1, .2, .5]),
    "housing-urban-rural-development-bureau": (.4, [.5, 5, .1, .3, 2, .5, .8, .3]),
    "market-regulation-bureau": (.35, [.3, .1, 4, .2, .3, .3, .1, 2]),
    "ecology-environment-bureau": (.4, [.3, .1, .1, 6, .4, .3, .2, .2]),
    "natural-resources-bureau": (.4, [.3, .3, .1, .5, 1, .1, 5, .3]),
    "emergency-management-bureau": (.35, [.2, .1, .2, .3, .2, 6, .1, .1]),
    "development-reform-commission": (.3, [.6, .2, .1, .4, 2, .1, .2, 3]),
    "health-commission": (.15, [.5, .1, 1.5, .3, 1, .2, .1, .8]),
    "agriculture-rural-affairs-bureau": (.15, [.5, .1, 1.5, .6, 1, .2, .5, .3]),
    "transport-bureau": (.2, [.5, .1, .1, .3, 3, 1, .3, .5]),
    "audit-bureau": (.2, [3, .2, .1, .2, 1, .1, .2, .2]),
    "water-resources-bureau": (.2, [.5, .1, .1, 2, 2, .3, .3, .3]),
    "civil-affairs-bureau": (.1, [1, .3, .1, .1, .3, .1, .1, .2]),
}

# Agency statutory ranges: licensing, penalty, enforcement, fees (yuan, lo-hi)
AGENCY_STATUTORY = {
    "market-regulation-bureau": ((320, 620), (20, 60), (0, 5), (2000, 10000)),
    "public-security-bureau": ((200, 420), (120, 300), (5, 20), (60000, 160000)),
    "transport-bureau": ((60, 150), (20, 60), (0, 3), (5000, 20000)),
    "health-commission": ((50, 150), (2, 10), (0, 1), (1000, 5000)),
    "housing-urban-rural-development-bureau": ((40, 80), (0, 4), (0, 1), (10000, 40000)),
    "natural-resources-bureau": ((20, 50), (1, 8), (0, 2), (80000, 220000)),
    "urban-management-bureau": ((20, 50), (10, 40), (1, 6), (0, 0)),
    "ecology-environment-bureau": ((10, 30), (2, 10), (0, 3), (0, 0)),
    "agriculture-rural-affairs-bureau": ((10, 40), (1, 5), (0, 1), (0, 0)),
    "development-reform-commission": ((10, 30), (0, 1), (0, 0), (0, 0)),
    "human-resources-social-security-bureau": ((10, 30), (0, 2), (0, 0), (0, 0)),
    "education-bureau": ((5, 20), (0, 1), (0, 0), (0, 0)),
    "commerce-bureau": ((5, 20), (0, 2), (0, 0), (0, 0)),
    "emergency-management-bureau": ((5, 15), (2, 8), (0, 2), (0, 0)),
    "water-resources-bureau": ((5, 15), (0, 2), (0, 1), (0, 0)),
    "civil-affairs-bureau": ((5, 15), (0, 1), (0, 0), (0, 0)),
    "healthcare-security-bureau": ((2, 10), (1, 6), (0, 0), (0, 0)),
}
WEIBO_AGENCIES = {"public-security-bureau", "market-regulation-bureau", "health-commission",
                  "education-bureau", "emergency-management-bureau",
                  "ecology-environment-bureau", "transport-bureau",
                  "urban-management-bureau"}
MAILBOX_AGENCIES = {"public-security-bureau": 1.5,
                    "human-resources-social-security-bureau": 1.3,
                    "housing-urban-rural-development-bureau": 1.2,
                    "market-regulation-bureau": 1.0, "healthcare-security-bureau": 1.0,
                    "urban-management-bureau": 1.2, "education-bureau": 0.8}
MAILBOX_BY_TIER = {"MUNICIPAL": 1640, "COUNTY": 1095, "AGENCY": 240}


# ------------------------------------------------------------------- helpers
def largest_remainder(total, weights, scale=10**6):
    """Split integer total by weights; the parts add up to total exactly."""
    iw = [max(0, int(round(w * scale))) for w in weights]
    wsum = sum(iw)
    if total == 0:
        return [0] * len(weights)
    if wsum == 0:
        raise ValueError("no weight to carry %d" % total)
    parts = [total * w // wsum for w in iw]
    rems = [total * w % wsum for w in iw]
    left = total - sum(parts)
    order = sorted(range(len(iw)), key=lambda i: (-rems[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def apportion_bounded(total, weights, lo, hi):
    """Largest remainder, then move single units so every part is in [lo, hi]."""
    parts = largest_remainder(total, weights)
    wsum = float(sum(weights))
    target = [total * w / wsum for w in weights]
    pool = 0
    for i, p in enumerate(parts):
        if p > hi[i]:
            pool += p - hi[i]
            parts[i] = hi[i]
        elif p < lo[i]:
            pool -= lo[i] - p
            parts[i] = lo[i]
    while pool > 0:
        cand = [i for i in range(len(parts)) if parts[i] < hi[i]]
        if not cand:
            raise ValueError("bounds too tight")
        i = max(cand, key=lambda k: (target[k] - parts[k], -k))
        parts[i] += 1
        pool -= 1
    while pool < 0:
        cand = [i for i in range(len(parts)) if parts[i] > lo[i]]
        if not cand:
            raise ValueError("bounds too tight")
        i = max(cand, key=lambda k: (parts[k] - target[k], -k))
        parts[i] -= 1
        pool += 1
    assert sum(parts) == total
    return parts


def build_units():
    units = [(CITY, "萍乡市人民政府办公室", "MUNICIPAL", "")]
    for uid, name, _ in COUNTIES:
        units.append((uid, name, "COUNTY", CITY))
    for uid, name, _ in AGENCIES:
        units.append((uid, name, "AGENCY", CITY))
    for cid, _, _ in COUNTIES:
        for uid, name in TOWNSHIPS[cid]:
            units.append((uid, name, "TOWNSHIP", cid))
    return units


def generate():
    rng = random.Random(2012)
    units = build_units()
    tier_of = {u[0]: u[2] for u in units}

    # The reports that exist, in output order (period, unit_id).
    keys = [(m, uid) for m in MONTHS for uid in sorted(tier_of)
            if (uid, m) not in MISSING]
    index = {k: i for i, k in enumerate(keys)}
    n = len(keys)
    rows = [dict.fromkeys(FIELDS, 0) for _ in range(n)]

    def unit_rows(uid):
        return [index[(m, uid)] for m in MONTHS if (m, uid) in index]

    # ---- items_total, per tier, with fixed rows for the outlier and the blank month
    size = {CITY: 1.0}
    size.update({uid: w for uid, _, w in COUNTIES})
    size.update({uid: w for uid, _, w in AGENCIES})
    for cid, _, _ in COUNTIES:
        for uid, _ in TOWNSHIPS[cid]:
            size[uid] = (22 + 6 * rng.random()) if uid in WEAK_TOWNSHIPS \
                else (40 + 12 * rng.random())
    bounds = {"MUNICIPAL": (300, 600), "COUNTY": (110, 290), "AGENCY": (12, 120),
              "TOWNSHIP": (30, 60)}
    fixed = {index[(BLANK[1], BLANK[0])]: 0,
             index[(OUTLIER[1] - 1, OUTLIER[0])]: OUTLIER[2],
             index[(OUTLIER[1], OUTLIER[0])]: OUTLIER[3]}
    items = [0] * n
    for tier, budget in TIER_ITEMS.items():
        idx = [i for i, (m, uid) in enumerate(keys) if tier_of[uid] == tier and i not in fixed]
        budget -= sum(v for i, v in fixed.items() if tier_of[keys[i][1]] == tier)
        weights, lo, hi = [], [], []
        for i in idx:
            m, uid = keys[i]
            weights.append(size[uid] * SEASON[m - 1] * (0.85 + 0.3 * rng.random()))
            a, b = bounds[tier]
            if uid in WEAK_TOWNSHIPS:
                a, b = 10, 45
            lo.append(a)
            hi.append(b)
        for i, v in zip(idx, apportion_bounded(budget, weights, lo, hi)):
            items[i] = v
    for i, v in fixed.items():
        items[i] = v
    assert sum(items) == ITEMS_TOTAL

    # ---- categories: each non-slack category apportioned over all rows; work_updates
    # is the remainder of the row's category sum (items_total, or +-3 on the slips).
    cat_sum = list(items)
    for (uid, m), delta in CATEGORY_SLIPS.items():
        cat_sum[index[(m, uid)]] += delta
    assert sum(cat_sum) == ITEMS_TOTAL
    cats = {c: [0] * n for c in CATEGORIES}
    for c in CATEGORIES:
        if c == "work_updates":
            continue
        weights = []
        for i, (m, uid) in enumerate(keys):
            share = TIER_CATEGORY_SHARES[tier_of[uid]][c]
            if c == "law_enforcement" and uid in ENFORCING_AGENCIES:
                share = .04
            weights.append(cat_sum[i] * share * (0.7 + 0.6 * rng.random()))
        cats[c] = largest_remainder(CATEGORY_TOTALS[c], weights)
    slack_cols = [c for c in CATEGORIES if c != "work_updates"]
    wu = [cat_sum[i] - sum(cats[c][i] for c in slack_cols) for i in range(n)]
    # Repair: a row whose work_updates went negative hands single items of a
    # category to the row with the most work_updates (column totals unchanged).
    for i in range(n):
        while wu[i] < 0 or (wu[i] < cat_sum[i] * 0.3 and cat_sum[i] > 0):
            c = max(slack_cols, key=lambda k: (cats[k][i], k))
            if cats[c][i] == 0:
                break
            same = [k for k in range(n) if tier_of[keys[k][1]] == tier_of[keys[i][1]]]
            j = max(same, key=lambda k: (wu[k] - cat_sum[k] * 0.3, -k))
            if wu[j] - cat_sum[j] * 0.3 < 1:
                raise ValueError("cannot repair categories of row %d" % i)
            cats[c][i] -= 1
            cats[c][j] += 1
            wu[i] += 1
            wu[j] -= 1
    assert min(wu) >= 0
    cats["work_updates"] = wu
    for c in CATEGORIES:
        assert sum(cats[c]) == CATEGORY_TOTALS[c], c

    # ---- key domains
    key_slip_i = index[(KEY_SLIP[1], KEY_SLIP[0])]
    key_fixed = items[key_slip_i] + KEY_SLIP[2]
    idx = [i for i in range(n) if i != key_slip_i]
    weights, lo, hi = [], [], []
    for i in idx:
        m, uid = keys[i]
        tier = tier_of[uid]
        if uid in DOMAIN_WEIGHTS:
            share = DOMAIN_WEIGHTS[uid][0]
        else:
            share = {"MUNICIPAL": .2, "COUNTY": .2, "AGENCY": .06, "TOWNSHIP": .1}[tier]
        weights.append(items[i] * share * (0.8 + 0.4 * rng.random()))
        lo.append(0)
        hi.append(int(items[i] * 0.6))
    key_total = [0] * n
    for i, v in zip(idx, apportion_bounded(KEY_DOMAINS_TOTAL - key_fixed, weights, lo, hi)):
        key_total[i] = v
    key_total[key_slip_i] = key_fixed
    keyd = {k: [0] * n for k in KEY_DOMAINS}
    for i, (m, uid) in enumerate(keys):
        base = DOMAIN_WEIGHTS.get(uid, (0, DEFAULT_DOMAIN_WEIGHTS))[1]
        w = [b * (0.5 + rng.random()) for b in base]
        for k, v in zip(KEY_DOMAINS, largest_remainder(key_total[i], w)):
            keyd[k][i] = v

    for i in range(n):
        r = rows[i]
        r["proactive.items_total"] = items[i]
        for c in CATEGORIES:
            r["proactive.categories." + c] = cats[c][i]
        for k in KEY_DOMAINS:
            r["proactive.key_domains." + k] = keyd[k][i]

    # ---- interpretations, channels, statutory items, consultations, NPC/CPPCC
    for i, (m, uid) in enumerate(keys):
        if (uid, m) == BLANK:
            continue  # the blank month: nothing reported at all
        r = rows[i]
        tier = tier_of[uid]
        it = items[i]
        u = rng.random
        if tier == "MUNICIPAL":
            interp = rng.randint(3, 8)
        elif tier == "COUNTY":
            interp = rng.randint(1, 4)
        elif tier == "AGENCY":
            interp = rng.randint(0, 3)
        else:
            interp = 0
        late_interp = 1 if interp > 0 and u() < 0.25 else 0
        r["proactive.interpretations"] = interp
        r["proactive.interpretations_on_time"] = interp - late_interp

        if tier in ("MUNICIPAL", "COUNTY") and (uid, m) != (OUTLIER[0], OUTLIER[1]):
            website = it - rng.randint(0, 2)
        else:
            website = it
        if tier == "MUNICIPAL":
            weibo, wechat, other_media = .25 + .15 * u(), .3 + .15 * u(), .05 + .07 * u()
        elif tier == "COUNTY":
            weibo, wechat, other_media = .15 + .15 * u(), .25 + .15 * u(), .03 + .05 * u()
        elif tier == "AGENCY":
            weibo = (.1 + .2 * u()) if uid in WEIBO_AGENCIES else 0
            wechat, other_media = .15 + .2 * u(), .05 * u()
        else:
            weibo, wechat, other_media = 0, .15 * u(), 0
        r["proactive.channels.website"] = max(0, website)
        r["proactive.channels.weibo"] = int(it * weibo)
        r["proactive.channels.wechat"] = int(it * wechat)
        r["proactive.channels.other_media"] = int(it * other_media)
        if uid == CITY:
            r["proactive.channels.gazette"] = GAZETTE_BY_MONTH.get(m, 0)
            r["proactive.channels.press_conferences"] = PRESS_BY_MONTH[m - 1]

        s = {k: 0 for k in STATUTORY}
        if uid == CITY:
            s["rules_issued"] = 1 if m in (5, 11) else 0
            s["rules_repealed"] = 1 if m == 12 else 0
            s["normative_documents_issued"] = rng.randint(1, 4)
            s["normative_documents_repealed"] = rng.randint(3, 8) if m == 12 else 0
        elif tier == "COUNTY":
            s["normative_documents_issued"] = rng.randint(0, 3)
            s["normative_documents_repealed"] = rng.randint(1, 4) if m == 12 else 0
            s["licensing_decisions"] = rng.randint(120, 320)
            s["penalty_decisions"] = rng.randint(10, 50)
            s["enforcement_decisions"] = rng.randint(0, 4)
            s["fees_collected_yuan"] = rng.randint(2000, 9000) * 10
        elif tier == "AGENCY":
            s["normative_documents_issued"] = 1 if u() < 0.3 else 0
            if uid in AGENCY_STATUTORY:
                lic, pen, enf, fee = AGENCY_STATUTORY[uid]
                s["licensing_decisions"] = rng.randint(*lic)
                s["penalty_decisions"] = rng.randint(*pen)
                s["enforcement_decisions"] = rng.randint(*enf)
                s["fees_collected_yuan"] = rng.randint(fee[0] // 10, fee[1] // 10) * 10
        else:
            s["penalty_decisions"] = rng.randint(0, 2)
        for k in STATUTORY:
            r["statutory." + k] = s[k]

        cons = {"MUNICIPAL": ((40, 90), (60, 140), (10, 30), (18000, 36000)),
                "COUNTY": ((10, 40), (20, 60), (5, 20), (4000, 12000)),
                "AGENCY": ((2, 15), (5, 25), (0, 8), (800, 4000)),
                "TOWNSHIP": ((0, 3), (0, 8), (0, 5), (150, 900))}[tier]
        for name, (a, b) in zip(["online", "phone", "in_person", "column_page_views"], cons):
            r["consultations." + name] = rng.randint(a, b)

        if tier == "AGENCY" and 6 <= m <= 9:
            r["interaction.npc_suggestions_answered"] = rng.randint(0, 4)
            r["interaction.cppcc_proposals_answered"] = rng.randint(0, 5)
        elif tier == "COUNTY" and 5 <= m <= 8:
            r["interaction.npc_suggestions_answered"] = rng.randint(0, 3)
            r["interaction.cppcc_proposals_answered"] = rng.randint(0, 3)
        elif uid == CITY and 6 <= m <= 8:
            r["interaction.npc_suggestions_answered"] = rng.randint(0, 2)
            r["interaction.cppcc_proposals_answered"] = rng.randint(0, 2)

    # ---- mailbox: received by tier, then the unanswered spread by received
    received = [0] * n
    for tier, budget in MAILBOX_BY_TIER.items():
        idx, weights = [], []
        for i, (m, uid) in enumerate(keys):
            if tier_of[uid] != tier:
                continue
            if tier == "AGENCY" and uid not in MAILBOX_AGENCIES:
                continue
            if tier == "MUNICIPAL":
                w = 1.0
            elif tier == "COUNTY":
                w = size[uid]
            else:
                w = MAILBOX_AGENCIES[uid]
            idx.append(i)
            weights.append(w * (0.75 + 0.5 * rng.random()))
        for i, v in zip(idx, largest_remainder(budget, weights)):
            received[i] = v
    unanswered = apportion_bounded(MAILBOX_RECEIVED - MAILBOX_REPLIED,
                                   [float(v) for v in received], [0] * n, received)
    for i in range(n):
        rows[i]["interaction.mailbox_received"] = received[i]
        rows[i]["interaction.mailbox_replied"] = received[i] - unanswered[i]

    # ---- applications: each has an arrival month and a reply month (same or next)
    app_count = 0
    for uid, count in APPLICATIONS:
        for k in range(count):
            arrive = rng.randint(1, 12)
            reply = arrive + 1 if (app_count % 4 == 1 and arrive < 12) else arrive
            app_count += 1
            ra = rows[index[(arrive, uid)]]
            ra["applications.new_total"] += 1
            ra["applications.received.online"] += 1
            who = "commercial_enterprise" if (uid, k) in ENTERPRISE_APPLICANTS \
                else "natural_person"
            ra["applications.by_applicant." + who] += 1
            col = "applications.applicant_columns." + who + "."
            rr = rows[index[(reply, uid)]]
            rr["applications.results.granted"] += 1
            rr["applications.results.total"] += 1
            rr[col + "results.granted"] += 1
            rr[col + "results.total"] += 1
            rr["applications.replied_on_time"] += 1
            for mm in range(arrive, reply):
                rows[index[(mm, uid)]]["applications.carried_forward"] += 1
                rows[index[(mm + 1, uid)]]["applications.carried_over"] += 1
                rows[index[(mm, uid)]][col + "carried_forward"] += 1
                rows[index[(mm + 1, uid)]][col + "carried_over"] += 1
    assert app_count == APPLICATIONS_TOTAL

    # ---- submitted_at
    stamps = []
    for i, (m, uid) in enumerate(keys):
        day = LATE.get((uid, m))
        if day is None:
            day = rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5])
        minute = rng.randint(8 * 60 + 30, 17 * 60 + 50)
        y, mo = (YEAR, m + 1) if m < 12 else (YEAR + 1, 1)
        stamps.append("%04d-%02d-%02dT%02d:%02d:00+08:00" % (y, mo, day, minute // 60,
                                                            minute % 60))

    # ---- render
    def cell(uid, m, field, value):
        if (uid, m) == BLANK:
            return ""
        if uid == BLANK_OVERSIGHT_UNIT and field.startswith("oversight."):
            return ""
        return str(value)

    blank_i = index[(BLANK[1], BLANK[0])]
    assert all(v == 0 for v in rows[blank_i].values())
    out_rows = []
    for i, (m, uid) in enumerate(keys):
        out_rows.append([uid, PERIODS[m - 1], stamps[i]]
                        + [cell(uid, m, f, rows[i][f]) for f in FIELDS])
    return units, out_rows


def to_csv(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=here, help="output directory (default: %(default)s)")
    args = ap.parse_args()
    units, rows = generate()
    os.makedirs(args.out, exist_ok=True)
    files = {
        "units.csv": to_csv(["unit_id", "name", "tier", "parent_id"], units),
        "reports.csv": to_csv(HEADER, rows),
    }
    for name, data in files.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
    print("wrote %d units and %d reports to %s" % (len(units), len(rows), args.out))


if __name__ == "__main__":
    main()
