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
from typing import Any, Dict, List, Optional

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
    for name, label in (("api_validate_report", "`api::validate_report` (the plan as text each call: read once per text)"), ("checker", "`Checker::validate_report` (plan read once)"), ("parse_only", "serde_json parse of the form only")):
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
            out.append(f"| `binhdang.validate_report(report, plan)`, plan a dict (compared with the last few each call; written out and read once per content) | {t(py['form_validate_report_us'] / 1e6)} | {ratio(js, py['form_validate_report_us'] / 1e6)} |")
            if "form_validate_report_text_us" in py:
                out.append(f"| `binhdang.validate_report(report, plan)`, plan as JSON text (read once per content) | {t(py['form_validate_report_text_us'] / 1e6)} | {ratio(js, py['form_validate_report_text_us'] / 1e6)} |")
            out.append(f"| `binhdang.validate_report(report, plan)`, plan from `load_plan` (read once) | {t(py['form_validate_report_plan_us'] / 1e6)} | {ratio(js, py['form_validate_report_plan_us'] / 1e6)} |")
            out.append(f"| `Checker(plan).validate_report(report)` | {t(py['form_checker_us'] / 1e6)} | {ratio(js, py['form_checker_us'] / 1e6)} |")

    node = load(results, "node.json")
    if node:
        out += ["", f"### Node {node['node']}: one form per call (`tests/bench/run node`)", ""]
        out += ["| call | per call | ÷ ajv |", "|---|---|---|"]
        ajv = node["ajv_us"] / 1e6
        out.append(f"| ajv, shape only (formats on) | {t(ajv)} | 1.0× |")
        out.append(f"| `new Checker(plan).validateReport(form)`, everything | {t(node['checker_us'] / 1e6)} | {ratio(node['checker_us'] / 1e6, ajv)} |")
        if "checker_text_us" in node:
            out.append(f"| the same, the form as JSON text | {t(node['checker_text_us'] / 1e6)} | {ratio(node['checker_text_us'] / 1e6, ajv)} |")
        out.append(f"| `validateReport(form, plan)`, reads the plan each call | {t(node['validate_report_us'] / 1e6)} | {ratio(node['validate_report_us'] / 1e6, ajv)} |")
        brotli = f", {node['wasm_brotli_bytes']:,} brotli (quality 11)" if "wasm_brotli_bytes" in node else ""
        out += ["", f"Form module: {node['wasm_bytes']:,} bytes raw, {node['wasm_gzip_bytes']:,} gzipped (zlib level 9){brotli}."]

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
        for key, bench, label in (("api_validate_report_us", "api_validate_report", "validateReport (the plan as text each call)"), ("checker_us", "checker", "Checker.validateReport")):
            k, r = kt[key] / 1e6, crit(f"form/{bench}")
            out.append(f"| {label} | {t(k)} | {t(r)} | {ratio(k, r)} |")
        if "version_us" in kt:
            out.append(f"| version() (a call that does nothing) | {t(kt['version_us'] / 1e6)} | | |")

    cli = load(results, "cli.json")
    if cli:
        out += ["", "### The CLI on the country (`tests/bench/run rust`)", ""]
        out += ["| input read | peak memory | peak ÷ input | time |", "|---|---|---|---|"]
        out.append(f"| {cli['input_bytes'] / 1e6:.1f} MB | {cli['peak_kb'] / 1024:.0f} MB | {cli['peak_kb'] * 1024 / cli['input_bytes']:.1f}× | {t(cli['seconds'])} |")

    out += ["", "### Goals (issue 20), from this run", ""] + goals(results)
    print("\n".join(out))


def goals(results: pathlib.Path) -> List[str]:
    """Each goal of the speed issue against the figures of this run: met,
    not met, or not measured (a part of the run that did not run)."""
    rows = ["| measure | goal | this run | |", "|---|---|---|---|"]

    def row(measure: str, goal: str, value: Optional[float], shown: str, met: bool) -> None:
        verdict = "not measured" if value is None else ("met" if met else "**not met**")
        rows.append(f"| {measure} | {goal} | {shown if value is not None else '–'} | {verdict} |")

    country = load(results, "python-country.json") or {}
    js, plain = country.get("form_jsonschema_us"), country.get("form_validate_report_us")
    r = js / plain if js and plain else None
    row("Python plain `validate_report(report, plan dict)` loop vs `jsonschema` shape-only, bundled reports", "≥ 30×", r, f"{r:.1f}×" if r else "", bool(r and r >= 30))
    fast, ours = country.get("validate_fastjsonschema_s"), country.get("validate_binhdang_s")
    r = fast / ours if fast and ours else None
    row("Python batch validation vs `fastjsonschema`, country", "≥ 5×", r, f"{r:.1f}×" if r else "", bool(r and r >= 5))
    if country.get("to_pandas_s") is not None:
        end = country["aggregate_binhdang_s"] + country["to_pandas_s"]
        r, peak = country["aggregate_pandas_s"] / end, country["aggregate_to_pandas_peak_mb"]
        row("Python aggregate → DataFrame vs the pandas pipeline, country; peak memory", "≥ 2×; ≤ 300 MB", r, f"{r:.1f}×; {peak:,.0f} MB", r >= 2 and peak <= 300)
    else:
        row("Python aggregate → DataFrame vs the pandas pipeline, country; peak memory", "≥ 2×; ≤ 300 MB", None, "", False)
    a, p = crit("country/aggregate"), crit("country/parse_only")
    r = a / p if a and p else None
    row("Rust aggregate (read, validate, add up) ÷ parse only, country", "≤ 1.5×", r, f"{r:.1f}×" if r else "", bool(r and r <= 1.5))
    a, b = crit("growth/aggregate/1000000"), crit("growth/aggregate/10000")
    r = a / b if a and b else None
    row("growth, 10 thousand → 1 million values (100× the data)", "≤ 110×", r, f"{r:.0f}×" if r else "", bool(r and r <= 110))
    cli = load(results, "cli.json")
    r = cli["peak_kb"] * 1024 / cli["input_bytes"] if cli else None
    row("CLI country aggregation, peak memory ÷ input", "≤ 4×", r, f"{r:.1f}×" if r else "", bool(r and r <= 4))
    node = load(results, "node.json") or {}
    gz, br = node.get("wasm_gzip_bytes"), node.get("wasm_brotli_bytes")
    row("WebAssembly form module, gzipped; brotli", "≤ 150 kB", gz, f"{gz / 1e3:.1f} kB; {br / 1e3:.1f} kB" if gz and br else "", bool(gz and br and gz <= 150_000 and br <= 150_000))
    fc = load(results, "first-check.json") or {}
    slow = [c for c in fc.get("cases", []) if c["preset"] == "400 ms, 50 kB/s" and c.get("preload", True)]
    best_ms = min((c["first_check_ms"] for c in slow), default=None)
    row("first check on slow 3G (400 ms, 50 kB/s), Chromium, no bundler", "≤ 4 s", best_ms, f"{best_ms / 1000:.1f} s (" + ", ".join(f"{c['encoding']} {c['first_check_ms'] / 1000:.1f} s" for c in slow) + ")" if best_ms else "", bool(best_ms and best_ms <= 4000))
    us = node.get("checker_us")
    row("keystroke check with a `Checker`, Node", "≤ 20 µs", us, f"{us:.1f} µs" if us else "", bool(us and us <= 20))
    kt = load(results, "kotlin.json") or {}
    k, rs = kt.get("checker_us"), crit("form/checker")
    r = k / 1e6 / rs if k and rs else None
    row("Kotlin `Checker` call ÷ Rust", "≤ 2×", r, f"{r:.1f}×" if r else "", bool(r and r <= 2))
    return rows


if __name__ == "__main__":
    main()
