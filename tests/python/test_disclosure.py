"""An attacker against published summaries, independent of the engine.

For random plans and reports (self-reporting parents, six-month and annual
periods over two years, targets, sensitive counts and percents of the
catalogue and of the plan), the package publishes its tables; the attacker
then works out, by linear programming (``scipy.optimize.linprog``), the least
and the greatest value of every withheld small cell (1 to the threshold − 1:
every primary cell), and of every small part that is never published (a
parent's own report, a second half-year), from:

- every published cell (counts, numerators, denominators);
- what the attacker knows of how the tables are made: each unit's own report
  adds to itself and to every unit above it, female + male = total in a report,
  an annual own figure of a flow is at least the six-month one, no count is
  negative.

The model is written here from the reports, not from the engine's relations:
the unknowns are every unit's own report (parent units included), and each
published or withheld cell is the sum of the own reports of its subtree.

It fails when such an interval is narrower than the protection level (the
plan's threshold), when a small count is published, when a percent is published
without its numerator and denominator, or when the progress of a withheld
province figure is published.

    BINHDANG_ATTACK_TABLES=100000 BINHDANG_ATTACK_SEED=7 \\
        target/py-venv/bin/python -m pytest -q tests/python/test_disclosure.py

runs the long attack (the suite runs 1,000 tables).
"""
from __future__ import annotations

import os
import random
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from scipy.optimize import linprog

import binhdang

THRESHOLD = 5
TABLES = int(os.environ.get("BINHDANG_ATTACK_TABLES", "1000"))
SEED = int(os.environ.get("BINHDANG_ATTACK_SEED", "15"))

# Sensitive indicators: the catalogue's count by sex and percent (a stock),
# and two of the plan's own (a flow count without a split, a flow percent by sex).
PLAN_INDICATORS: List[Dict[str, Any]] = [
    {
        "id": "gbv_reported",
        "name_vi": "Số vụ bạo lực trên cơ sở giới được tiếp nhận",
        "name_en": "Gender-based violence cases received",
        "measure": {"type": "count"},
        "by_sex": False,
        "aggregation": "sum",
        "temporal": "flow",
        "direction": "at_least",
        "unit_vi": "vụ",
        "unit_en": "cases",
        "source": "Kế hoạch",
        "sensitive": True,
    },
    {
        "id": "gbv_counselled",
        "name_vi": "Tỷ lệ nạn nhân được tư vấn",
        "name_en": "Share of victims counselled",
        "measure": {"type": "percent"},
        "by_sex": True,
        "aggregation": "ratio_of_sums",
        "temporal": "flow",
        "direction": "at_least",
        "unit_vi": "%",
        "unit_en": "%",
        "source": "Kế hoạch",
        "targets": [{"year": 2024, "value": 60.0, "source": "Kế hoạch", "confirmed": True}],
        "sensitive": True,
    },
]
# id → (fraction, split by sex, flow)
KINDS: Dict[str, Tuple[bool, bool, bool]] = {
    "victims_supported": (False, True, True),
    "nq28-mt3-2a": (True, False, False),
    "gbv_reported": (False, False, True),
    "gbv_counselled": (True, True, True),
}
SEXES = ("F", "M", "_T")


def entries(years: int) -> List[Dict[str, Any]]:
    out = []
    for y in range(2024, 2024 + years):
        out.append(
            {"id": f"{y}-6m", "kind": "six_month", "period": {"from": f"{y}-01-01", "to": f"{y}-06-30"}, "due": f"{y}-07-10"}
        )
        out.append(
            {"id": f"{y}-annual", "kind": "annual", "period": {"from": f"{y}-01-01", "to": f"{y}-12-31"}, "due": f"{y + 1}-01-15"}
        )
    return out


def small(rng: random.Random) -> int:
    # Mostly small counts (the cells to protect), some zeros, some large.
    r = rng.random()
    if r < 0.2:
        return 0
    if r < 0.75:
        return rng.randint(1, 4)
    return rng.randint(5, 30)


def random_case(rng: random.Random) -> Tuple[Dict[str, Any], List[Dict[str, Any]], Dict[str, Optional[str]], List[str]]:
    """A plan, its reports, the unit tree and the sensitive indicators used."""
    units: List[Dict[str, Any]] = [{"id": "p", "name": "Tỉnh", "kind": "province"}]
    parent: Dict[str, Optional[str]] = {"p": None}
    reporting: List[str] = []
    for d in range(rng.choice([1, 1, 2])):
        did = f"d{d}"
        units.append({"id": did, "name": f"Huyện {d}", "kind": "district", "parent": "p"})
        parent[did] = "p"
        communes = rng.randint(0, 2)
        for c in range(communes):
            cid = f"c{d}{c}"
            units.append({"id": cid, "name": f"Xã {d}{c}", "kind": "commune", "parent": did})
            parent[cid] = did
            reporting.append(cid)
        # Self-reporting parents: a district with communes that reports its own cases.
        if communes == 0 or rng.random() < 0.6:
            reporting.append(did)
    if rng.random() < 0.3:
        reporting.append("p")
    schedule = entries(rng.choice([1, 1, 1, 2]))
    indicators = rng.sample(sorted(KINDS), rng.choice([1, 1, 2]))
    plan = {
        "number": "15/KH-ATTACK",
        "issuer": "p",
        "place": "Tỉnh",
        "date": "2024-01-10",
        "year": 2024,
        "title": "Kế hoạch thử",
        "legal_bases": [],
        "purposes": ["Thử."],
        "content_areas": [],
        "funding_sources": [],
        "roles": [],
        "reporting": {"units": reporting, "schedule": schedule},
        "recipients": [],
        "signer": {"name": "A", "titles": ["B"]},
        "units": units,
        "indicators": PLAN_INDICATORS,
    }
    reports = []
    for u in reporting:
        first_half: Dict[str, Dict[str, int]] = {}
        for e in schedule:
            if rng.random() < 0.15:
                continue
            values = []
            for ind in indicators:
                if rng.random() < 0.1:
                    continue
                fraction, by_sex, flow = KINDS[ind]
                year = e["id"][:4]
                # A flow's annual own figure is at least its six-month one.
                base = first_half.get(f"{year}/{ind}", {}) if flow and e["kind"] == "annual" else {}
                parts = {}
                for name in ("num", "den") if fraction else ("count",):
                    for sex in ("F", "M") if by_sex else ("_T",):
                        parts[f"{name}/{sex}"] = base.get(f"{name}/{sex}", 0) + small(rng)
                if fraction:
                    for sex in ("F", "M") if by_sex else ("_T",):
                        extra = parts[f"den/{sex}"] - base.get(f"den/{sex}", 0)
                        parts[f"num/{sex}"] = min(parts[f"num/{sex}"], base.get(f"num/{sex}", 0) + extra)
                if e["kind"] == "six_month":
                    first_half[f"{year}/{ind}"] = parts

                def split(name: str) -> Dict[str, int]:
                    if by_sex:
                        f, m = parts[f"{name}/F"], parts[f"{name}/M"]
                        return {"female": f, "male": m, "total": f + m}
                    return {"total": parts[f"{name}/_T"]}

                entry: Dict[str, Any] = {"indicator": ind}
                if fraction:
                    entry["numerator"] = split("num")
                    entry["denominator"] = split("den")
                else:
                    entry.update(split("count"))
                values.append(entry)
            reports.append(
                {
                    "plan": plan["number"],
                    "unit": u,
                    "kind": e["kind"],
                    "period": e["period"],
                    "submitted": e["due"],
                    "values": values,
                }
            )
    return plan, reports, parent, indicators


class Attack:
    """The attacker's linear model of one indicator over every schedule entry."""

    def __init__(self, reports: Sequence[Dict[str, Any]], parent: Dict[str, Optional[str]], indicator: str) -> None:
        fraction, by_sex, _ = KINDS[indicator]
        self.names = ("num", "den") if fraction else ("count",)
        self.var: Dict[Tuple[str, str, str, str], int] = {}  # (entry kind/period, unit, part, sex) → column
        self.own: Dict[Tuple[str, str, str, str], int] = {}  # true own values
        for r in reports:
            key = r["period"]["to"]
            for v in r["values"]:
                if v["indicator"] != indicator:
                    continue
                for name in self.names:
                    src = v if name == "count" else v["numerator" if name == "num" else "denominator"]
                    for sex, field in (("F", "female"), ("M", "male"), ("_T", "total")):
                        if field in src:
                            self.var[(key, r["unit"], name, sex)] = len(self.var)
                            self.own[(key, r["unit"], name, sex)] = src[field]
        self.parent = parent
        self.eq: List[Tuple[np.ndarray, float]] = []
        self.ub: List[Tuple[np.ndarray, float]] = []
        n = len(self.var)
        for (key, u, name, sex), j in self.var.items():
            if sex == "_T" and (key, u, name, "F") in self.var:
                row = np.zeros(n)
                row[j] = 1.0
                row[self.var[(key, u, name, "F")]] -= 1.0
                row[self.var[(key, u, name, "M")]] -= 1.0
                self.eq.append((row, 0.0))
        # Flows: annual own ≥ six-month own (where true: the attacker knows the data's shape).
        if KINDS[indicator][2]:
            for (key, u, name, sex), j in self.var.items():
                if key.endswith("-06-30"):
                    annual = (key[:4] + "-12-31", u, name, sex)
                    if annual in self.var and self.own[annual] >= self.own[(key, u, name, sex)]:
                        row = np.zeros(n)
                        row[j] = 1.0
                        row[self.var[annual]] = -1.0
                        self.ub.append((row, 0.0))

    def subtree(self, unit: str) -> List[str]:
        out = [u for u in self.parent if self._under(u, unit)]
        return out

    def _under(self, u: Optional[str], top: str) -> bool:
        while u is not None:
            if u == top:
                return True
            u = self.parent[u]
        return False

    def cell(self, key: str, unit: str, name: str, sex: str) -> Tuple[np.ndarray, float]:
        """A cell as a linear form of the own reports, and its true value."""
        row = np.zeros(len(self.var))
        value = 0.0
        for u in self.subtree(unit):
            k = (key, u, name, sex)
            if k in self.var:
                row[self.var[k]] = 1.0
                value += self.own[k]
        return row, value

    def _bound(self, objective: np.ndarray, sign: float) -> float:
        """The least (sign 1) or greatest (sign −1) value of a linear form."""
        res = linprog(
            sign * objective,
            A_ub=np.array([r for r, _ in self.ub]) if self.ub else None,
            b_ub=np.array([b for _, b in self.ub]) if self.ub else None,
            A_eq=np.array([r for r, _ in self.eq]) if self.eq else None,
            b_eq=np.array([b for _, b in self.eq]) if self.eq else None,
            bounds=(0, None),
            method="highs",
        )
        if res.status == 3:  # unbounded
            return -sign * float("inf")
        assert res.status == 0, res.message
        return float(sign * res.fun)

    def width_at_least(self, objective: np.ndarray, truth: float, level: float) -> Tuple[bool, float, float]:
        """Whether the attacker's interval of a form is at least ``level`` wide.
        The interval holds the true value, so an upper bound ``level`` above it
        settles the question with one linear program instead of two."""
        hi = self._bound(objective, -1.0)
        if hi - truth >= level - 1e-6:
            return True, truth, hi
        lo = self._bound(objective, 1.0)
        return hi - lo >= level - 1e-6, lo, hi


def attack(plan: Dict[str, Any], reports: List[Dict[str, Any]], parent: Dict[str, Optional[str]], indicators: List[str]) -> int:
    """Publishes and attacks one case; the number of cells checked."""
    summary = binhdang.aggregate(plan, reports, "2026-03-01")
    assert all(o.status == "used" for o in summary.accounting), [o.findings for o in summary.accounting]
    published = summary.published_tables()
    entry_end = {e["id"]: e["period"]["to"] for e in plan["reporting"]["schedule"]}
    checked = 0
    for ind in indicators:
        fraction, _, _ = KINDS[ind]
        a = Attack(reports, parent, ind)
        rows = [r for r in published["figures"] if r["indicator"] == ind]
        targets: List[Tuple[str, np.ndarray, float]] = []
        for r in rows:
            key = entry_end[r["entry"]]
            for name, column in (("num", "numerator"), ("den", "denominator")) if fraction else (("count", "value"),):
                form, truth = a.cell(key, r["unit"], name, r["sex"])
                shown = r.get(column)
                what = f"{r['entry']} {r['unit']} {ind} {name} {r['sex']} = {truth}"
                if shown is None:
                    assert r.get("suppressed"), what
                    # A primary cell: a small count. (A complementary cell,
                    # withheld to cover one, gets no interval of its own.)
                    if 1 <= truth < THRESHOLD:
                        targets.append((what, form, truth))
                else:
                    assert shown == truth, what
                    assert not 1 <= truth < THRESHOLD, f"published: {what}"
                    a.eq.append((form, float(truth)))
            if fraction and r.get("value") is not None:
                assert r.get("numerator") is not None and r.get("denominator") is not None, r
        # What is never published but must not be given away: own reports of
        # parents and second halves of flows, when small.
        for (key, u, name, sex), j in a.var.items():
            truth = a.own[(key, u, name, sex)]
            if any(parent[c] == u for c in parent) and 1 <= truth < THRESHOLD:
                form = np.zeros(len(a.var))
                form[j] = 1.0
                targets.append((f"own {key} {u} {ind} {name} {sex} = {truth}", form, truth))
            if KINDS[ind][2] and key.endswith("-12-31"):
                six = (key[:4] + "-06-30", u, name, sex)
                half = truth - a.own.get(six, 0)
                if six in a.var and 1 <= half < THRESHOLD:
                    form = np.zeros(len(a.var))
                    form[j] = 1.0
                    form[a.var[six]] = -1.0
                    targets.append((f"own second half {key} {u} {ind} {name} {sex} = {half}", form, half))
        for what, form, truth in targets:
            wide, lo, hi = a.width_at_least(form, truth, THRESHOLD)
            assert truth <= hi + 1e-6, f"{what}: the attacker's model is wrong (at most {hi})"
            assert wide, f"{what} is narrowed to [{lo}, {hi}]"
            checked += 1
        # Progress: the province's figure of a withheld root is withheld.
        root_hidden = {r["entry"] for r in rows if r["unit"] == "p" and r["sex"] == "_T" and r.get("suppressed")}
        for g in published["progress"]:
            if g["indicator"] == ind and g["entry"] in root_hidden:
                assert g["value"] is None and g["status"] == "withheld", g
    return checked


def test_no_withheld_cell_can_be_narrowed() -> None:
    rng = random.Random(SEED)
    start = time.monotonic()
    cells = 0
    for _ in range(TABLES):
        cells += attack(*random_case(rng))
    took = time.monotonic() - start
    print(f"attacker: {TABLES} tables, {cells} small withheld or never-published cells checked, {took:.1f} s")
    # The cases must reach the cells they are meant to attack.
    assert cells > TABLES


def test_self_reporting_parent_is_protected() -> None:
    # The leak of the old rule: a district reports 2 victims itself beside two communes.
    parent: Dict[str, Optional[str]] = {"p": None, "d0": "p", "c00": "d0", "c01": "d0"}
    plan, _, _, _ = random_case(random.Random(1))
    plan["units"] = [
        {"id": "p", "name": "Tỉnh", "kind": "province"},
        {"id": "d0", "name": "Huyện", "kind": "district", "parent": "p"},
        {"id": "c00", "name": "Xã 1", "kind": "commune", "parent": "d0"},
        {"id": "c01", "name": "Xã 2", "kind": "commune", "parent": "d0"},
    ]
    plan["reporting"] = {"units": ["d0", "c00", "c01"], "schedule": entries(1)[1:]}
    counts = {"d0": (2, 0), "c00": (3, 9), "c01": (10, 8)}
    reports = [
        {
            "plan": plan["number"],
            "unit": u,
            "kind": "annual",
            "period": {"from": "2024-01-01", "to": "2024-12-31"},
            "submitted": "2025-01-10",
            "values": [{"indicator": "victims_supported", "female": f, "male": m, "total": f + m}],
        }
        for u, (f, m) in counts.items()
    ]
    assert attack(plan, reports, parent, ["victims_supported"]) >= 3


def test_publication_does_not_depend_on_report_order() -> None:
    rng = random.Random(SEED + 1)
    for _ in range(50):
        plan, reports, _, _ = random_case(rng)
        shuffled = list(reports)
        rng.shuffle(shuffled)
        first = binhdang.aggregate(plan, reports, "2026-03-01").published_tables()
        again = binhdang.aggregate(plan, shuffled, "2026-03-01").published_tables()
        assert first == again
