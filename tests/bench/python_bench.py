"""binhdang in Python against what a data team would use instead, on the same
generated reports in the same run (see BENCHMARKS.md).

    python tests/bench/python_bench.py target/bench/country OUT.json

1. Validation: binhdang's full validation of every report (shape, every rule,
   duplicates across reports) against `jsonschema` and `fastjsonschema`
   checking only the shape, with the same schema file.
2. Aggregation: `binhdang.aggregate` end to end against a pandas pipeline
   (json_normalize, drop reports whose totals do not add up, groupby, ratios
   of sums), both from the same dicts; the totals are checked equal. Then
   the summary's figures as a DataFrame (`to_pandas()`), and the peak memory
   of a fresh process that does both from the folder.
3. One report at a time: a plain `binhdang.validate_report(report, plan)`
   loop over the bundled Lai Châu reports (reports as dicts; the plan as a
   dict, then as the `Plan` that `load_plan` returns) and the same with a
   `Checker`, against `jsonschema` checking the shape only.

Each figure is the best of several runs (time.perf_counter).
"""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List

import fastjsonschema
import jsonschema
import pandas as pd

import binhdang

AS_OF = "2026-12-20"


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pandas_totals(reports: List[Dict[str, Any]], plan: Dict[str, Any]) -> pd.DataFrame:
    """What an analyst writes today: flatten, drop reports that do not add up,
    sum by province and nationally, percent as a ratio of sums."""
    parent = {u["id"]: u.get("parent") for u in plan["units"]}
    rows = pd.json_normalize(reports, record_path="values", meta=["unit", "kind"])
    counts = rows[rows["female"].notna()]
    bad = counts[counts["total"] != counts["female"] + counts["male"]]
    bad_keys = set(zip(bad["unit"], bad["kind"]))
    rows = rows[[k not in bad_keys for k in zip(rows["unit"], rows["kind"])]]
    rows = rows.assign(province=rows["unit"].map(parent))
    cols = [c for c in rows.columns if c.split(".")[-1] in ("female", "male", "total")]
    by_province = rows.groupby(["kind", "province", "indicator"])[cols].sum(min_count=1).reset_index()
    national = rows.groupby(["kind", "indicator"])[cols].sum(min_count=1).reset_index()
    national["province"] = next(u["id"] for u in plan["units"] if not u.get("parent"))
    out = pd.concat([by_province, national], ignore_index=True)
    out["percent"] = out["numerator.total"] / out["denominator.total"] * 100
    return out


def binhdang_totals(summary: binhdang.Summary) -> Dict[tuple, Dict[str, Any]]:
    out = {}
    for p in summary.to_dict()["periods"]:
        for f in p["figures"]:
            out[(p["kind"], f["unit"], f["indicator"])] = f
    return out


def check_equal(frame: pd.DataFrame, figures: Dict[tuple, Dict[str, Any]]) -> int:
    """Every province and national figure of pandas equals binhdang's."""
    checked = 0
    for row in frame.to_dict("records"):
        f = figures[(row["kind"], row["province"], row["indicator"])]
        if "numerator" in f and f["numerator"]:
            for part in ("female", "male", "total"):
                assert f["numerator"][part] == row[f"numerator.{part}"], (row, f)
                assert f["denominator"][part] == row[f"denominator.{part}"], (row, f)
            assert abs(f["value"] - row["percent"]) < 1e-9, (row, f)
        else:
            for part in ("female", "male", "total"):
                assert f["counts"][part] == row[part], (row, f)
        checked += 1
    return checked


def main() -> None:
    data = pathlib.Path(sys.argv[1])
    plan = json.loads((data / "plan.json").read_text(encoding="utf-8"))
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "reports").glob("*.json"))]
    values = sum(len(r["values"]) for r in reports)
    schema = binhdang.schema("report")
    results: Dict[str, Any] = {"reports": len(reports), "values": values}

    # 1. Validation.
    validator = jsonschema.Draft202012Validator(schema)
    fast = fastjsonschema.compile(schema)

    def run_fast() -> int:
        bad = 0
        for r in reports:
            try:
                fast(r)
            except fastjsonschema.JsonSchemaException:
                bad += 1
        return bad

    outcomes = binhdang.validate_reports(reports, plan, as_of=AS_OF)
    results["rejected"] = sum(o.status == "rejected" for o in outcomes)
    assert run_fast() == 0 and all(validator.is_valid(r) for r in reports[:50]), "the shape checkers accept the reports"
    results["validate_binhdang_s"] = best(lambda: binhdang.validate_reports(reports, plan, as_of=AS_OF), 5)
    results["validate_fastjsonschema_s"] = best(run_fast, 5)
    results["validate_jsonschema_s"] = best(lambda: [list(validator.iter_errors(r)) for r in reports], 2)

    # 2. Aggregation, checked equal first.
    summary = binhdang.aggregate(plan, reports, AS_OF)
    results["figures_checked_equal"] = check_equal(pandas_totals(reports, plan), binhdang_totals(summary))
    results["aggregate_binhdang_s"] = best(lambda: binhdang.aggregate(plan, reports, AS_OF), 5)
    results["aggregate_pandas_s"] = best(lambda: pandas_totals(reports, plan), 5)
    results["to_pandas_s"] = best(lambda: summary.to_pandas(), 3)
    results["to_pandas_rows"] = len(summary.to_pandas())
    # Peak memory of what an analyst runs, in a process of its own.
    # (VmHWM, the process's own high-water mark: getrusage's ru_maxrss would
    # count this process's memory, which the child had before its exec.)
    script = (
        "import sys, binhdang, pathlib; d = pathlib.Path(sys.argv[1]); "
        f"binhdang.aggregate(d / 'plan.json', d / 'reports', {AS_OF!r}).to_pandas(); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
    )
    peak_kb = subprocess.run([sys.executable, "-c", script, str(data)], check=True, capture_output=True, text=True).stdout
    results["aggregate_to_pandas_peak_mb"] = int(peak_kb) / 1024

    # 3. One report at a time, against jsonschema (the bundled reports).
    lai_chau = pathlib.Path(__file__).resolve().parents[2] / "examples" / "lai-chau-2024"
    form_plan = json.loads((lai_chau / "plan.json").read_text(encoding="utf-8"))
    forms = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((lai_chau / "reports").glob("*.json"))]
    checker = binhdang.Checker(form_plan)
    per = 20 * len(forms)
    results["form_validate_report_us"] = best(lambda: [binhdang.validate_report(r, form_plan, as_of="2025-01-15") for _ in range(20) for r in forms], 5) / per * 1e6
    form_plan_text = (lai_chau / "plan.json").read_text(encoding="utf-8")
    results["form_validate_report_text_us"] = best(lambda: [binhdang.validate_report(r, form_plan_text, as_of="2025-01-15") for _ in range(20) for r in forms], 5) / per * 1e6
    plan_object = binhdang.load_plan(form_plan)
    results["form_validate_report_plan_us"] = best(lambda: [binhdang.validate_report(r, plan_object, as_of="2025-01-15") for _ in range(20) for r in forms], 5) / per * 1e6
    results["form_checker_us"] = best(lambda: [checker.validate_report(r, as_of="2025-01-15") for _ in range(20) for r in forms], 5) / per * 1e6
    results["form_jsonschema_us"] = best(lambda: [list(validator.iter_errors(r)) for _ in range(20) for r in forms], 3) / per * 1e6

    pathlib.Path(sys.argv[2]).write_text(json.dumps(results, indent=1) + "\n")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
