"""The conformance vectors and their comparison, for the Python runners.

The same rules as core/tests/common/mod.rs: expected objects are subsets of
the actual ones, arrays match element by element, numbers within 1e-9.
"""
from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, Iterator, List, Tuple

ROOT = pathlib.Path(__file__).resolve().parents[2]


def binhdang_binary() -> pathlib.Path:
    """The CLI that tests/run built with the Rust suites."""
    for profile in ("debug", "release"):
        exe = ROOT / "target" / profile / "binhdang"
        if exe.exists():
            return exe
    raise AssertionError("build the CLI first: cargo build (tests/run does)")
CONFORMANCE = ROOT / "tests" / "conformance"


def vectors(kind: str) -> List[Tuple[str, Dict[str, Any]]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted((CONFORMANCE / kind).glob("*.json"))]


def plan_text(v: Dict[str, Any]) -> str:
    if isinstance(v["plan"], str):
        return (ROOT / v["plan"]).read_text(encoding="utf-8")
    return json.dumps(v["plan"], ensure_ascii=False)


def report_texts(v: Dict[str, Any]) -> List[str]:
    """Each report of a vector as the text the engine reads."""
    if "report_text" in v:
        return [v["report_text"]]
    if "report_text_repeat" in v:
        r = v["report_text_repeat"]
        return [r["prefix"] + r["repeat"] * r["times"] + r["suffix"]]
    if "report" in v:
        return [json.dumps(v["report"], ensure_ascii=False)]
    as_text = v.get("reports_as_text", [])
    return [r if i < len(as_text) and as_text[i] else json.dumps(r, ensure_ascii=False) for i, r in enumerate(v["reports"])]


def brief(findings: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [{"code": f["code"], "severity": f["severity"], "path": f["path"]} for f in findings]


def matches(expected: Any, actual: Any, at: str = "") -> Iterator[str]:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            yield f"{at}: expected an object, got {actual!r}"
            return
        for k, ev in expected.items():
            yield from matches(ev, actual.get(k), f"{at}/{k}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            yield f"{at}: expected {expected!r}, got {actual!r}"
            return
        for i, (ev, av) in enumerate(zip(expected, actual)):
            yield from matches(ev, av, f"{at}/{i}")
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if not isinstance(actual, (int, float)) or isinstance(actual, bool) or abs(expected - actual) > 1e-9 * max(abs(expected), abs(actual), 1.0):
            yield f"{at}: expected {expected!r}, got {actual!r}"
    elif expected != actual:
        yield f"{at}: expected {expected!r}, got {actual!r}"


def figure_key(f: Dict[str, Any]) -> str:
    """``unit|indicator``, and for a cell of a breakdown ``|dimension=code,...`` (dimensions in name order)."""
    key = f"{f['unit']}|{f['indicator']}"
    if f.get("by"):
        key += "|" + ",".join(f"{d}={c}" for d, c in sorted(f["by"].items()))
    return key


def keyed(summary: Dict[str, Any]) -> Dict[str, Any]:
    s = dict(summary)
    periods = {}
    for p in summary["periods"]:
        p = dict(p)
        p["figures"] = {figure_key(f): f for f in p["figures"]}
        p["progress"] = {f"{g['indicator']}|{g['year']}" + (f"|{g['unit']}" if "unit" in g else ""): g for g in p["progress"]}
        periods[p["entry"]] = p
    s["periods"] = periods
    return s


def check_summary(expected: Dict[str, Any], summary: Dict[str, Any]) -> List[str]:
    actual = keyed(summary)
    expected = json.loads(json.dumps(expected))
    errors = []
    for entry, p in expected.get("periods", {}).items():
        for key in p.pop("absent", []):
            if key in actual["periods"][entry]["figures"]:
                errors.append(f"/periods/{entry}/figures/{key}: expected no figure")
    errors.extend(matches(expected, actual))
    return errors


def check_sdmx(expected: Dict[str, Any], text: str) -> List[str]:
    """An exchange/ vector's check of SDMX-CSV text (tests/conformance/README.md)."""
    lines = text.splitlines()
    header = lines[0].split(",")
    errors = [] if header == expected["header"] else [f"header: {header}"]
    fixed = {"STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX",
             "OBS_VALUE", "UNIT_MEASURE", "SERIES", "OBS_STATUS", "REPORTS"}
    observations = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(",")))
        key = "|".join(row[c] for c in ("REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX"))
        key += "".join(f"|{c.lower()}={v}" for c, v in sorted(row.items()) if c not in fixed and v != "_T")
        observations[key] = row
    for key, want in expected["observations"].items():
        got = observations.get(key)
        if got is None:
            errors.append(f"no observation {key}")
            continue
        errors += [f"{key} {c}: expected {v!r}, got {got.get(c)!r}" for c, v in want.items() if got.get(c) != v]
    errors += [f"{key} must be absent" for key in expected["absent"] if key in observations]
    return errors
