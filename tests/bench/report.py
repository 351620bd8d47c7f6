"""The tables of BENCHMARKS.md from one run of tests/bench/run: criterion's
estimates and the JSON each runtime wrote, with the ratios.

    python3 tests/bench/report.py target/bench/results > summary.md
"""
from __future__ import annotations

import datetime
import json
import os
import pathlib
import platform
import sys
from typing import Any, Dict, Optional

ROOT = pathlib.Path(__file__).resolve().parents[2]
CRITERION = ROOT / "target" / "criterion"


def crit(bench: str) -> Optional[float]:
    """Criterion's mean estimate for `group/name[/input]`, in seconds."""
    p = CRITERION / bench / "new" / "estimates.json"
    if not p.exists():
        return None
    return float(json.loads(p.read_text())["mean"]["point_estimate"]) / 1e9


def load(results: pathlib.Path, name: str) -> Optional[Dict[str, Any]]:
    p = results / name
    return json.loads(p.read_text()) if p.exists() else None


def t(seconds: Optional[float]) -> str:
    if seconds is None:
        return "–"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def ratio(a: Optional[float], b: Optional[float]) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}×"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}"


def main() -> None:
    results = pathlib.Path(sys.argv[1])
    out = [f"Run of {datetime.date.today().isoformat()} on {machine()}.", ""]

    out += ["### Rust: reading, validating, aggregating (`tests/bench/run rust`)", ""]
    out += ["| input | values | parse only (serde_json) | read | validate | aggregate | aggregate ÷ parse |", "|---|---|---|---|---|---|---|"]
    sizes = {"province": 3_920, "country": 264_000}
    for scale, n in sizes.items():
        p, r, v, a = (crit(f"{scale}/{x}") for x in ("parse_only", "read", "validate", "aggregate"))
        out.append(f"| {scale} | {n:,} | {t(p)} | {t(r)} | {t(v)} | {t(a)} | {ratio(a, p)} |")
    out += ["", "Growth of `aggregate` (read, validate, add up) with the number of values:", ""]
    out += ["| values | aggregate | per value | parse only | aggregate ÷ parse |", "|---|---|---|---|---|"]
    for n in (10_000, 100_000, 1_000_000):
        a, p = crit(f"growth/aggregate/{n}"), crit(f"growth/parse_only/{n}")
        per = "–" if a is None else f"{a / n * 1e6:.2f} µs"
        out.append(f"| {n:,} | {t(a)} | {per} | {t(p)} | {ratio(a, p)} |")
    out += ["", "One form (a Lai Châu report of four values):", ""]
    out += ["| call | time |", "|---|---|"]
    for name, label in (("api_validate_report", "`api::validate_report` (reads the plan too)"), ("checker", "`Checker::validate_report` (plan read once)"), ("parse_only", "serde_json parse of the form only")):
        out.append(f"| {label} | {t(crit(f'form/{name}'))} |")

    for scale in ("province", "country"):
        py = load(results, f"python-{scale}.json")
        if not py:
            continue
        out += ["", f"### Python, {scale} ({py['reports']:,} reports, {py['values']:,} values; `tests/bench/run python`)", ""]
        out += ["| job | binhdang | peer | peer ÷ binhdang |", "|---|---|---|---|"]
        b = py["validate_binhdang_s"]
        out.append(f"| validation: binhdang (everything) vs `fastjsonschema` (shape only) | {t(b)} | {t(py['validate_fastjsonschema_s'])} | {ratio(py['validate_fastjsonschema_s'], b)} |")
        out.append(f"| validation: binhdang (everything) vs `jsonschema` (shape only) | {t(b)} | {t(py['validate_jsonschema_s'])} | {ratio(py['validate_jsonschema_s'], b)} |")
        out.append(f"| aggregation: binhdang vs a pandas pipeline, {py['figures_checked_equal']:,} figures checked equal | {t(py['aggregate_binhdang_s'])} | {t(py['aggregate_pandas_s'])} | {ratio(py['aggregate_pandas_s'], py['aggregate_binhdang_s'])} |")
        if "to_pandas_s" in py:
            end = py["aggregate_binhdang_s"] + py["to_pandas_s"]
            out.append(f"| aggregation and `to_pandas()` ({py['to_pandas_rows']:,} rows) vs the pandas pipeline | {t(end)} | {t(py['aggregate_pandas_s'])} | {ratio(py['aggregate_pandas_s'], end)} |")
            out.append(f"| peak memory of a process that aggregates the folder and calls `to_pandas()` | {py['aggregate_to_pandas_peak_mb']:,.0f} MB | | |")
        if "form_validate_report_us" in py and scale == "country":
            js = py["form_jsonschema_us"] / 1e6
            out += ["", "One Lai Châu report at a time, each report a dict (the same in every run):", ""]
            out += ["| call | per call | `jsonschema` ÷ binhdang |", "|---|---|---|"]
            out.append(f"| `jsonschema`, shape only | {t(js)} | 1.0× |")
            out.append(f"| `binhdang.validate_report(report, plan)`, plan a dict (written out each call, read once per content) | {t(py['form_validate_report_us'] / 1e6)} | {ratio(js, py['form_validate_report_us'] / 1e6)} |")
            out.append(f"| `binhdang.validate_report(report, plan)`, plan from `load_plan` (read once) | {t(py['form_validate_report_plan_us'] / 1e6)} | {ratio(js, py['form_validate_report_plan_us'] / 1e6)} |")
            out.append(f"| `Checker(plan).validate_report(report)` | {t(py['form_checker_us'] / 1e6)} | {ratio(js, py['form_checker_us'] / 1e6)} |")

    node = load(results, "node.json")
    if node:
        out += ["", f"### Node {node['node']}: one form per call (`tests/bench/run node`)", ""]
        out += ["| call | per call | ÷ ajv |", "|---|---|---|"]
        ajv = node["ajv_us"] / 1e6
        out.append(f"| ajv, shape only (formats on) | {t(ajv)} | 1.0× |")
        out.append(f"| `new Checker(plan).validateReport(form)`, everything | {t(node['checker_us'] / 1e6)} | {ratio(node['checker_us'] / 1e6, ajv)} |")
        out.append(f"| `validateReport(form, plan)`, reads the plan each call | {t(node['validate_report_us'] / 1e6)} | {ratio(node['validate_report_us'] / 1e6, ajv)} |")
        out += ["", f"Module: {node['wasm_bytes']:,} bytes raw, {node['wasm_gzip_bytes']:,} gzipped (zlib level 9)."]

    fc = load(results, "first-check.json")
    if fc:
        out += ["", f"### The portal form's first check on a slow network, Chromium {fc['chromium']} (`tests/bench/run first-check`)", ""]
        out += ["| network (DevTools preset) | served | first check (median of " + str(fc["runs"]) + ") | requests | bytes before it | of which the form module |", "|---|---|---|---|---|---|"]
        for c in fc["cases"]:
            served = c["encoding"] + ("" if c.get("preload", True) else ", no preload links")
            out.append(f"| {c['preset']} | {served} | {c['first_check_ms'] / 1000:.1f} s | {c['requests_before_first_check']} | {c['bytes_before_first_check']:,} | {c['wasm_bytes']:,} |")

    kt = load(results, "kotlin.json")
    if kt:
        out += ["", f"### Kotlin on the JVM {kt['jvm']} against Rust: one form (`tests/bench/run kotlin`)", ""]
        out += ["| call | Kotlin (binding) | Rust | Kotlin ÷ Rust |", "|---|---|---|---|"]
        for key, bench, label in (("api_validate_report_us", "api_validate_report", "validateReport (reads the plan too)"), ("checker_us", "checker", "Checker.validateReport")):
            k, r = kt[key] / 1e6, crit(f"form/{bench}")
            out.append(f"| {label} | {t(k)} | {t(r)} | {ratio(k, r)} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
