#!/usr/bin/env python3
"""Checks deploy/demo/units.csv and deploy/demo/reports.csv (the demo city).

Run from the repository root:  python3 tests/demo/demo_data_test.py
Exits non-zero on failure. Standard library only; the expected figures are
written out here independently of make_demo.py.
"""

import collections
import csv
import datetime
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "deploy", "demo")
UNITS_CSV = os.path.join(DEMO, "units.csv")
REPORTS_CSV = os.path.join(DEMO, "reports.csv")
REPORT_PROTO = os.path.join(ROOT, "proto", "gongkai", "v1", "report.proto")

PERIODS = ["2025-%02d" % m for m in range(1, 13)]
CATEGORIES = ["overview", "regulations", "plans", "work_updates", "personnel", "finance",
              "law_enforcement", "public_services", "other"]
KEY_DOMAINS = ["fiscal_budgets", "affordable_housing", "food_safety", "environment",
               "tendering", "work_safety_accidents", "land_expropriation", "prices_and_fees"]
CHANNELS = ["website", "weibo", "wechat", "gazette", "press_conferences", "other_media"]
STATUTORY = ["rules_issued", "rules_repealed", "normative_documents_issued",
             "normative_documents_repealed", "licensing_decisions", "penalty_decisions",
             "enforcement_decisions", "fees_collected_yuan"]
APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
APP_CHANNELS = ["in_person", "fax", "email", "online", "letter", "other"]
CASES = ["upheld", "corrected", "other", "pending", "total"]

# Pingxiang 2012 annual report (seeds/003_*.txt).
ITEMS_TOTAL = 41126
CATEGORY_TOTALS = {"overview": 1522, "regulations": 8349, "plans": 1110,
                   "work_updates": 23113, "personnel": 864, "finance": 905,
                   "law_enforcement": 370}
PUBLIC_SERVICES_AND_OTHER = 4893
KEY_DOMAINS_TOTAL = 6248
APPLICATIONS_TOTAL = 36
MAILBOX_RECEIVED = 2975
MAILBOX_REPLIED = 2822
GAZETTE_TOTAL = 186
GAZETTE_ISSUES = 6
PRESS_CONFERENCES = 19

CITY = "pingxiang-city"
TIER_COUNTS = {"MUNICIPAL": 1, "COUNTY": 5, "AGENCY": 20, "TOWNSHIP": 30}
COUNTIES = {"luxi-county", "anyuan-district", "xiangdong-district", "shangli-county",
            "lianhua-county"}
MISSING = {("lianhua-gaozhou-township", "2025-04"), ("lianhua-gaozhou-township", "2025-10"),
           ("statistics-bureau", "2025-08")}
ROW_COUNT = 56 * 12 - 3
BLANK = ("shangli-yangqi-township", "2025-07")
KEY_SLIP = ("anyuan-houbu-subdistrict", "2025-04")
CATEGORY_SLIPS = {("commerce-bureau", "2025-03"): +3, ("commerce-bureau", "2025-09"): -3}
OUTLIER = ("lianhua-county", "2025-06")
LATE = {  # (unit, period) -> day of the following month it was submitted
    ("lianhua-gaozhou-township", "2025-02"): 9, ("lianhua-gaozhou-township", "2025-05"): 7,
    ("lianhua-gaozhou-township", "2025-09"): 12, ("lianhua-gaozhou-township", "2025-11"): 6,
    ("xiangdong-guanghanzhai-township", "2025-01"): 8,
    ("xiangdong-guanghanzhai-township", "2025-06"): 10,
    ("xiangdong-guanghanzhai-township", "2025-10"): 7,
    ("water-resources-bureau", "2025-03"): 6, ("water-resources-bureau", "2025-07"): 9,
    ("water-resources-bureau", "2025-12"): 11,
    ("urban-management-bureau", "2025-04"): 6, ("urban-management-bureau", "2025-08"): 8,
    ("shangli-county", "2025-09"): 8,
}
DEADLINE_DAY = 5

EXPECTED_FIELDS = (
    ["proactive.items_total"]
    + ["proactive.categories." + c for c in CATEGORIES]
    + ["proactive.key_domains." + k for k in KEY_DOMAINS]
    + ["proactive.interpretations", "proactive.interpretations_on_time"]
    + ["proactive.channels." + c for c in CHANNELS]
    + ["statutory." + s for s in STATUTORY]
    + ["applications.new_total"]
    + ["applications.by_applicant." + a for a in APPLICANTS]
    + ["applications.received." + c for c in APP_CHANNELS]
    + ["applications.carried_over", "applications.results.granted",
       "applications.results.partly_granted", "applications.results.refused.total",
       "applications.results.cannot_provide.total",
       "applications.results.not_processed.total", "applications.results.other.total",
       "applications.results.total", "applications.carried_forward",
       "applications.replied_on_time", "applications.replied_overdue",
       "applications.processing_fees_yuan"]
    + ["applications.applicant_columns.%s.%s" % (a, f) for a in APPLICANTS
       for f in ["carried_over", "results.granted", "results.total", "carried_forward"]]
    + ["consultations.online", "consultations.phone", "consultations.in_person",
       "consultations.column_page_views"]
    + ["oversight.reconsideration." + c for c in CASES]
    + ["oversight.litigation_direct." + c for c in CASES]
    + ["oversight.complaints"]
    + ["interaction.mailbox_received", "interaction.mailbox_replied",
       "interaction.npc_suggestions_answered", "interaction.cppcc_proposals_answered"]
)


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return raw, rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], rows[1:]


def v(row, field):
    """A count: empty cell means 0."""
    cell = row[field]
    return int(cell) if cell != "" else 0


def proto_messages(path):
    """message name -> {field name: type} for the flat messages of a .proto file."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"//[^\n]*", "", f.read())
    messages = {}
    for name, body in re.findall(r"message\s+(\w+)\s*\{(.*?)\}", text, re.S):
        fields = {}
        for ftype, fname in re.findall(r"(map<[^>]*>|[\w.]+)\s+(\w+)\s*=\s*\d+\s*;", body):
            fields[fname] = ftype
        messages[name] = fields
    return messages


class DemoData(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.units_raw, cls.units_header, cls.units, _ = read_csv(UNITS_CSV)
        cls.reports_raw, cls.header, cls.rows, cls.cells = read_csv(REPORTS_CSV)
        cls.unit = {u["unit_id"]: u for u in cls.units}
        cls.by_unit = collections.defaultdict(dict)
        for r in cls.rows:
            cls.by_unit[r["unit_id"]][r["period"]] = r

    def key(self, r):
        return (r["unit_id"], r["period"])

    def total(self, field):
        return sum(v(r, field) for r in self.rows)

    # ------------------------------------------------------------ file format
    def test_encoding_and_line_ends(self):
        for raw in (self.units_raw, self.reports_raw):
            self.assertFalse(raw.startswith(b"\xef\xbb\xbf"), "BOM")
            self.assertNotIn(b"\r", raw)
            self.assertTrue(raw.endswith(b"\n"))
            raw.decode("utf-8")

    def test_headers(self):
        self.assertEqual(self.units_header, ["unit_id", "name", "tier", "parent_id"])
        self.assertEqual(self.header, ["unit_id", "period", "submitted_at"] + EXPECTED_FIELDS)
        self.assertEqual(len(set(self.header)), len(self.header))
        for cells in self.cells:
            self.assertEqual(len(cells), len(self.header))

    def test_columns_are_int64_fields_of_monthly_report(self):
        messages = proto_messages(REPORT_PROTO)
        self.assertIn("MonthlyReport", messages)
        for path in self.header[3:]:
            msg = "MonthlyReport"
            parts = path.split(".")
            for i, part in enumerate(parts):
                self.assertIn(part, messages[msg], "%s: no field %s in %s" % (path, part, msg))
                ftype = messages[msg][part]
                if i < len(parts) - 1:
                    self.assertIn(ftype, messages, "%s: %s is not a message" % (path, part))
                    msg = ftype
                else:
                    self.assertEqual(ftype, "int64", path)
        # every field under the listed messages is present
        for prefix, msg in [("proactive.categories.", "DisclosureCategories"),
                            ("proactive.key_domains.", "KeyDomains"),
                            ("proactive.channels.", "DisclosureChannels"),
                            ("statutory.", "StatutoryItems"),
                            ("applications.by_applicant.", "ApplicantSplit"),
                            ("applications.received.", "ApplicationChannels"),
                            ("consultations.", "Consultations"),
                            ("oversight.reconsideration.", "OversightCases"),
                            ("oversight.litigation_direct.", "OversightCases"),
                            ("interaction.", "Interaction")]:
            for f in messages[msg]:
                self.assertIn(prefix + f, self.header)

    def test_cells_are_non_negative_integers(self):
        for r in self.rows:
            for f in EXPECTED_FIELDS:
                self.assertRegex(r[f], r"^(0|[1-9][0-9]*)?$", "%s %s" % (self.key(r), f))

    # ------------------------------------------------------------------ units
    def test_units(self):
        ids = [u["unit_id"] for u in self.units]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(len(ids), 56)
        counts = collections.Counter(u["tier"] for u in self.units)
        self.assertEqual(dict(counts), TIER_COUNTS)
        for u in self.units:
            self.assertRegex(u["unit_id"], r"^[a-z0-9-]{2,64}$")
            self.assertTrue(u["name"].strip())
            self.assertTrue(re.search(r"[\u4e00-\u9fff]", u["name"]), u["name"])
        self.assertEqual(self.unit[CITY]["tier"], "MUNICIPAL")
        self.assertEqual(self.unit[CITY]["parent_id"], "")
        self.assertEqual({u["unit_id"] for u in self.units if u["tier"] == "COUNTY"}, COUNTIES)

    def test_parents(self):
        townships_per_county = collections.Counter()
        for u in self.units:
            tier, parent = u["tier"], u["parent_id"]
            if tier == "MUNICIPAL":
                self.assertEqual(parent, "")
                continue
            self.assertIn(parent, self.unit, u["unit_id"])
            want = "COUNTY" if tier == "TOWNSHIP" else "MUNICIPAL"
            self.assertEqual(self.unit[parent]["tier"], want, u["unit_id"])
            if tier == "TOWNSHIP":
                townships_per_county[parent] += 1
        self.assertEqual(dict(townships_per_county), {c: 6 for c in COUNTIES})

    # ------------------------------------------------------------- row layout
    def test_rows_and_periods(self):
        self.assertEqual(len(self.rows), ROW_COUNT)
        keys = [self.key(r) for r in self.rows]
        self.assertEqual(len(keys), len(set(keys)))
        self.assertEqual([(r["period"], r["unit_id"]) for r in self.rows],
                         sorted((r["period"], r["unit_id"]) for r in self.rows))
        self.assertEqual(sorted({r["period"] for r in self.rows}), PERIODS)
        for r in self.rows:
            self.assertIn(r["unit_id"], self.unit)
        missing = {(u, p) for u in self.unit for p in PERIODS} - set(keys)
        self.assertEqual(missing, MISSING)

    def test_submitted_at_and_lateness(self):
        late = {}
        for r in self.rows:
            s = r["submitted_at"]
            self.assertRegex(s, r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")
            t = datetime.datetime.fromisoformat(s)
            self.assertEqual(t.utcoffset(), datetime.timedelta(hours=8))
            y, m = map(int, r["period"].split("-"))
            ny, nm = (y, m + 1) if m < 12 else (y + 1, 1)
            self.assertEqual((t.year, t.month), (ny, nm), self.key(r))
            if t.day > DEADLINE_DAY:
                late[self.key(r)] = t.day
        self.assertEqual(late, LATE)
        habitual = collections.Counter(u for u, _ in LATE if u != "shangli-county")
        self.assertTrue(3 <= len(habitual) <= 4)
        for u, p in LATE:
            self.assertTrue(6 <= LATE[(u, p)] <= 12)
        county_late = {k: d for k, d in late.items() if self.unit[k[0]]["tier"] == "COUNTY"}
        self.assertEqual(county_late, {("shangli-county", "2025-09"): DEADLINE_DAY + 3})

    # --------------------------------------------------------- yearly totals
    def test_proactive_totals(self):
        self.assertEqual(self.total("proactive.items_total"), ITEMS_TOTAL)
        for c, want in CATEGORY_TOTALS.items():
            self.assertEqual(self.total("proactive.categories." + c), want, c)
        self.assertEqual(self.total("proactive.categories.public_services")
                         + self.total("proactive.categories.other"), PUBLIC_SERVICES_AND_OTHER)
        self.assertEqual(sum(self.total("proactive.key_domains." + k) for k in KEY_DOMAINS),
                         KEY_DOMAINS_TOTAL)

    def test_channels(self):
        gazette = {r["period"]: v(r, "proactive.channels.gazette")
                   for r in self.rows if v(r, "proactive.channels.gazette")}
        self.assertEqual(self.total("proactive.channels.gazette"), GAZETTE_TOTAL)
        self.assertEqual(len(gazette), GAZETTE_ISSUES)
        self.assertEqual(self.total("proactive.channels.press_conferences"), PRESS_CONFERENCES)
        for r in self.rows:
            if r["unit_id"] != CITY:
                self.assertEqual(v(r, "proactive.channels.gazette"), 0)
                self.assertEqual(v(r, "proactive.channels.press_conferences"), 0)
            items = v(r, "proactive.items_total")
            site = v(r, "proactive.channels.website")
            self.assertTrue(items - 3 <= site <= items, self.key(r))
            self.assertLessEqual(v(r, "proactive.channels.weibo"), items)
            self.assertLessEqual(v(r, "proactive.channels.wechat"), items)
        self.assertGreater(self.total("proactive.channels.weibo"), 0)
        self.assertGreater(self.total("proactive.channels.wechat"), 0)

    def test_applications(self):
        self.assertEqual(self.total("applications.new_total"), APPLICATIONS_TOTAL)
        self.assertEqual(self.total("applications.received.online"), APPLICATIONS_TOTAL)
        self.assertEqual(self.total("applications.results.granted"), APPLICATIONS_TOTAL)
        self.assertEqual(self.total("applications.results.total"), APPLICATIONS_TOTAL)
        self.assertEqual(self.total("applications.replied_on_time"), APPLICATIONS_TOTAL)
        for f in ["replied_overdue", "processing_fees_yuan", "results.partly_granted",
                  "results.refused.total", "results.cannot_provide.total",
                  "results.not_processed.total", "results.other.total"]:
            self.assertEqual(self.total("applications." + f), 0, f)
        for c in APP_CHANNELS:
            if c != "online":
                self.assertEqual(self.total("applications.received." + c), 0, c)
        carried = 0
        for r in self.rows:
            k = self.key(r)
            new = v(r, "applications.new_total")
            res = v(r, "applications.results.total")
            self.assertEqual(sum(v(r, "applications.by_applicant." + a) for a in APPLICANTS),
                             new, k)
            self.assertEqual(sum(v(r, "applications.received." + c) for c in APP_CHANNELS),
                             new, k)
            self.assertEqual(new + v(r, "applications.carried_over"),
                             res + v(r, "applications.carried_forward"), k)
            self.assertEqual(v(r, "applications.replied_on_time")
                             + v(r, "applications.replied_overdue"), res, k)
            self.assertEqual(v(r, "applications.results.granted"), res, k)
            # Every row after 本期新收 is split by applicant, adds up to its
            # total and balances in every column.
            for f in ["carried_over", "results.granted", "results.total", "carried_forward"]:
                self.assertEqual(sum(v(r, "applications.applicant_columns.%s.%s" % (a, f))
                                     for a in APPLICANTS),
                                 v(r, "applications." + f), (k, f))
            for a in APPLICANTS:
                col = "applications.applicant_columns.%s." % a
                self.assertEqual(v(r, "applications.by_applicant." + a)
                                 + v(r, col + "carried_over"),
                                 v(r, col + "results.total") + v(r, col + "carried_forward"),
                                 (k, a))
            if r["period"] == "2025-12":
                self.assertEqual(v(r, "applications.carried_forward"), 0, k)
            if r["period"] == "2025-01":
                self.assertEqual(v(r, "applications.carried_over"), 0, k)
            carried += v(r, "applications.carried_forward")
        self.assertGreater(carried, 0, "some applications must be carried to next month")
        for u, months in self.by_unit.items():
            for a, b in zip(PERIODS, PERIODS[1:]):
                fwd = v(months[a], "applications.carried_forward") if a in months else 0
                over = v(months[b], "applications.carried_over") if b in months else 0
                self.assertEqual(fwd, over, (u, a, b))
        by_tier = collections.Counter()
        for r in self.rows:
            by_tier[self.unit[r["unit_id"]]["tier"]] += v(r, "applications.new_total")
        self.assertEqual(by_tier["TOWNSHIP"], 0)
        self.assertGreater(by_tier["MUNICIPAL"] + by_tier["COUNTY"], APPLICATIONS_TOTAL // 2)

    def test_mailbox_and_interaction(self):
        self.assertEqual(self.total("interaction.mailbox_received"), MAILBOX_RECEIVED)
        self.assertEqual(self.total("interaction.mailbox_replied"), MAILBOX_REPLIED)
        city_and_counties = 0
        for r in self.rows:
            self.assertLessEqual(v(r, "interaction.mailbox_replied"),
                                 v(r, "interaction.mailbox_received"), self.key(r))
            if self.unit[r["unit_id"]]["tier"] in ("MUNICIPAL", "COUNTY"):
                city_and_counties += v(r, "interaction.mailbox_received")
        self.assertGreater(city_and_counties, MAILBOX_RECEIVED * 3 // 4)

    def test_interpretations_and_statutory(self):
        for r in self.rows:
            self.assertLessEqual(v(r, "proactive.interpretations_on_time"),
                                 v(r, "proactive.interpretations"), self.key(r))
        for r in self.by_unit[CITY].values():
            self.assertGreater(v(r, "proactive.interpretations"), 0)
        self.assertGreater(self.total("statutory.licensing_decisions"), 0)
        self.assertGreater(self.total("statutory.penalty_decisions"), 0)
        self.assertGreater(self.total("statutory.fees_collected_yuan"), 0)

    def test_oversight_all_zero(self):
        fields = [f for f in EXPECTED_FIELDS if f.startswith("oversight.")]
        self.assertEqual(len(fields), 11)
        for f in fields:
            self.assertEqual(self.total(f), 0, f)

    # ---------------------------------------------------- per-row consistency
    def test_township_volumes_and_blank_month(self):
        blank = [self.key(r) for r in self.rows
                 if all(v(r, f) == 0 for f in EXPECTED_FIELDS)]
        self.assertEqual(blank, [BLANK])
        self.assertEqual(self.unit[BLANK[0]]["tier"], "TOWNSHIP")
        for r in self.rows:
            items = v(r, "proactive.items_total")
            tier = self.unit[r["unit_id"]]["tier"]
            if tier == "TOWNSHIP" and self.key(r) != BLANK:
                self.assertTrue(10 <= items <= 60, self.key(r))
            if tier != "TOWNSHIP":
                self.assertGreater(items, 0, self.key(r))
        # a few weak townships are often under the quota of 40
        weak = [u for u, months in self.by_unit.items()
                if self.unit[u]["tier"] == "TOWNSHIP"
                and sum(v(r, "proactive.items_total") < 40 for r in months.values()) >= 6]
        self.assertTrue(2 <= len(weak) <= 6, weak)

    def test_category_sums_and_slip_2(self):
        off = {}
        for r in self.rows:
            d = (sum(v(r, "proactive.categories." + c) for c in CATEGORIES)
                 - v(r, "proactive.items_total"))
            if d:
                off[self.key(r)] = d
        self.assertEqual(off, CATEGORY_SLIPS)
        (u1, p1), (u2, p2) = sorted(CATEGORY_SLIPS)
        self.assertEqual(u1, u2)
        self.assertEqual(self.unit[u1]["tier"], "AGENCY")
        self.assertLess(p1, p2)
        self.assertEqual(CATEGORY_SLIPS[(u1, p1)], +3)
        self.assertEqual(CATEGORY_SLIPS[(u2, p2)], -3)

    def test_key_domains_and_slip_1(self):
        over = []
        for r in self.rows:
            s = sum(v(r, "proactive.key_domains." + k) for k in KEY_DOMAINS)
            if s > v(r, "proactive.items_total"):
                over.append(self.key(r))
        self.assertEqual(over, [KEY_SLIP])
        self.assertEqual(self.unit[KEY_SLIP[0]]["tier"], "TOWNSHIP")

    def test_outlier_slip_3(self):
        jumps = []
        for u, months in self.by_unit.items():
            for a, b in zip(PERIODS, PERIODS[1:]):
                if a in months and b in months:
                    prev = v(months[a], "proactive.items_total")
                    cur = v(months[b], "proactive.items_total")
                    if cur >= 300 and cur > 5 * prev:
                        jumps.append((u, b))
        self.assertEqual(jumps, [OUTLIER])
        self.assertEqual(self.unit[OUTLIER[0]]["tier"], "COUNTY")
        # the outlier row is otherwise well formed
        r = self.by_unit[OUTLIER[0]][OUTLIER[1]]
        self.assertEqual(sum(v(r, "proactive.categories." + c) for c in CATEGORIES),
                         v(r, "proactive.items_total"))

    # ------------------------------------------------------------ determinism
    def test_regeneration_is_byte_identical(self):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, os.path.join(DEMO, "make_demo.py"), "--out", tmp],
                           check=True, stdout=subprocess.DEVNULL)
            for name in ("units.csv", "reports.csv"):
                with open(os.path.join(tmp, name), "rb") as f:
                    fresh = f.read()
                with open(os.path.join(DEMO, name), "rb") as f:
                    self.assertEqual(fresh, f.read(), name + " differs from a fresh run")


if __name__ == "__main__":
    unittest.main()
