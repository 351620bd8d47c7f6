"""Every conformance vector through the Python package: the same findings
and totals as Rust."""
from __future__ import annotations

import json
import pathlib
from typing import Any, Dict

import pytest

import binhdang
from vectors import ROOT, brief, check_sdmx, check_summary, matches, plan_text, report_texts, vectors

VALIDATE = vectors("validate")
AGGREGATE = vectors("aggregate")
PARSE = vectors("parse")
PUBLISH = vectors("publish")
NATIVE = vectors("native")
EXCEL = vectors("excel")
EXCHANGE = vectors("exchange")


def run_validate(v: Dict[str, Any]) -> Any:
    if v.get("mode") == "plan":
        return brief([f.to_dict() for f in binhdang.check_plan(plan_text(v))])
    plan = plan_text(v)
    earlier = [json.dumps(r, ensure_ascii=False) for r in v.get("context", {}).get("earlier", [])]
    texts = report_texts(v)
    if v.get("mode") == "batch":
        out = []
        for o in binhdang.validate_reports(texts, plan, as_of=v["as_of"], context=earlier, limits=v.get("limits")):
            x: Dict[str, Any] = {"status": o.status, "findings": brief([f.to_dict() for f in o.findings])}
            if o.superseded_by is not None:
                x["superseded_by"] = o.superseded_by
            if o.left_out:
                x["left_out"] = o.left_out
            out.append(x)
        return out
    found = binhdang.validate_report(texts[0], plan, as_of=v["as_of"], context=earlier, limits=v.get("limits"))
    return brief([f.to_dict() for f in found])


@pytest.mark.parametrize("name,v", VALIDATE, ids=[n for n, _ in VALIDATE])
def test_validate_vector(name: str, v: Dict[str, Any]) -> None:
    assert run_validate(v) == v["expected"], v["description"]


@pytest.mark.parametrize("name,v", AGGREGATE, ids=[n for n, _ in AGGREGATE])
def test_aggregate_vector(name: str, v: Dict[str, Any]) -> None:
    summary = binhdang.aggregate(plan_text(v), report_texts(v), v["as_of"])
    assert check_summary(v["expected"], summary.to_dict()) == [], v["description"]


@pytest.mark.parametrize("name,v", PARSE, ids=[n for n, _ in PARSE])
def test_parse_vector(name: str, v: Dict[str, Any]) -> None:
    for case in v["cases"]:
        got: Dict[str, Any]
        try:
            if v["kind"] == "date":
                got = {"expected": binhdang.parse_date(case["input"]).isoformat()}
            else:
                got = {"expected": binhdang.parse_number(case["input"])}
        except binhdang.BinhdangError as e:
            got = {"finding": {"code": e.findings[0].code, "problem": e.findings[0].context["problem"]}}
        want = {k: x for k, x in case.items() if k != "input"}
        if isinstance(want.get("expected"), float):
            assert got.get("expected") == pytest.approx(want["expected"]), case
        else:
            assert got == want, case


def test_limits_that_are_not_limits_raise() -> None:
    v = VALIDATE[0][1]
    with pytest.raises(binhdang.BinhdangError, match="max_size") as raised:
        binhdang.validate_report(report_texts(v)[0], plan_text(v), limits={"max_size": 5})
    assert raised.value.findings[0].path == "/max_size"


def test_there_are_enough_vectors() -> None:
    assert len(VALIDATE) >= 60 and len(AGGREGATE) >= 20


@pytest.mark.parametrize("name,v", PUBLISH, ids=[n for n, _ in PUBLISH])
def test_publish_vector(name: str, v: Dict[str, Any]) -> None:
    rows = binhdang.aggregate(plan_text(v), report_texts(v), v["as_of"]).published_tables()["figures"]

    def key(r: Dict[str, Any]) -> str:
        return f"{r['entry']}|{r['unit']}|{r['indicator']}|{r['sex']}"

    withheld = sorted(key(r) for r in rows if r.get("suppressed"))
    published = {key(r): r["value"] for r in rows if not r.get("suppressed")}
    assert withheld == v["expected"]["withheld"], v["description"]
    for cell, value in v["expected"]["published"].items():
        assert published.get(cell) == value, cell


WORKFLOW = vectors("workflow")


def _events(v: Dict[str, Any]) -> Any:
    """The log as a host holds it: text as is, a file as a path, a list as a list of dicts."""
    if "events_text" in v:
        return v["events_text"]
    if isinstance(v["events"], str):
        return pathlib.Path(ROOT, v["events"])
    return v["events"]


@pytest.mark.parametrize("name,v", WORKFLOW, ids=[n for n, _ in WORKFLOW])
def test_workflow_vector(name: str, v: Dict[str, Any]) -> None:
    if v["mode"] == "aggregate":
        summary = binhdang.aggregate(plan_text(v), report_texts(v), v["as_of"], events=_events(v)).to_dict()
        # The summary's findings are compared whole (brief), the rest as a subset.
        expected = {k: x for k, x in v["expected"].items() if k != "findings"}
        assert check_summary(expected, summary) == [], v["description"]
        assert brief(summary.get("findings", [])) == v["expected"]["findings"], v["description"]
        return
    if v["mode"] == "replay":
        r = binhdang.replay(plan_text(v), _events(v), as_of=v["as_of"])
        got = {"standings": r["standings"], "refused": r["refused"] if "refused" in r else [],
               "findings": brief([f.to_dict() for f in r["findings"]])}
    else:
        step = v["step_text"] if "step_text" in v else v["step"]
        t = binhdang.transition(plan_text(v), step, as_of=v["as_of"])
        got = ({"standing": t["standing"], "event": t["event"]} if "event" in t
               else {"findings": brief([f.to_dict() for f in t["findings"]])})
    assert got == v["expected"], v["description"]


def test_workflow_arguments_of_the_wrong_kind_raise() -> None:
    plan = plan_text(WORKFLOW[0][1])
    with pytest.raises(TypeError, match="events"):
        binhdang.replay(plan, {"unit": "106"}, as_of="2024-12-31")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="step"):
        binhdang.transition(plan, [1, 2], as_of="2024-12-31")  # type: ignore[arg-type]
    with pytest.raises(binhdang.BinhdangError):
        binhdang.replay("{", [], as_of="2024-12-31")
    with pytest.raises(TypeError, match="events"):
        binhdang.aggregate(plan, [], "2024-12-31", events={"unit": "106"})  # type: ignore[arg-type]


def native(value: Any, holder: Any = None) -> Any:
    """A vector's report as a Python host holds it: each ``{"$native": ...}``
    mark made the Python value it names."""
    if isinstance(value, dict) and "$native" in value:
        kind = value["$native"]
        if kind == "float":
            return float(value["value"])
        if kind == "infinity":
            return float("inf") * value["sign"]
        if kind == "big_integer":
            return int(value["digits"])
        if kind == "cycle":
            return holder
        if kind == "lone_surrogate":
            return value["text"] + "\ud800"
        raise KeyError(kind)
    if isinstance(value, dict):
        out: Dict[str, Any] = {}
        for k, x in value.items():
            out[k] = native(x, out)
        return out
    if isinstance(value, list):
        return [native(x, holder) for x in value]
    return value


@pytest.mark.parametrize("name,v", NATIVE, ids=[n for n, _ in NATIVE])
def test_native_vector(name: str, v: Dict[str, Any]) -> None:
    found = binhdang.validate_report(native(v["report"]), plan_text(v), as_of=v["as_of"])
    got = [
        {"code": f.code, "severity": f.severity, "path": f.path, **({"problem": f.context.get("problem")} if "problem" in w else {})}
        for f, w in zip(found, v["expected"] + [{}] * len(found))
    ]
    assert got == v["expected"], v["description"]


def excel_brief(findings: Any) -> Any:
    """A finding as an Excel vector states it: with its cell, problem and limit name."""
    out = []
    for f in findings:
        b = {"code": f.code, "severity": f.severity, "path": f.path}
        b.update({k: f.context[k] for k in ("cell", "problem", "limit_name") if k in f.context})
        out.append(b)
    return out


@pytest.mark.parametrize("name,v", EXCEL, ids=[n for n, _ in EXCEL])
def test_excel_vector(name: str, v: Dict[str, Any]) -> None:
    # The workbook as the bytes an upload gives, not as a path.
    data = (ROOT / v["workbook"]).read_bytes()
    found = binhdang.validate_report(data, pathlib.Path(ROOT / v["plan"]), as_of=v["as_of"], limits=v.get("limits"))
    assert excel_brief(found) == v["expected"], v["description"]
    report, _ = binhdang.read_workbook(data, limits=v.get("limits"))
    if v["values"] is None:
        assert report is None
    else:
        assert report is not None
        by_id = {x["indicator"]: x for x in report.to_dict()["values"]}
        assert list(matches(v["values"], by_id)) == [], v["description"]
        if "narrative" in v:
            assert report.to_dict().get("narrative", []) == v["narrative"], v["description"]


@pytest.mark.parametrize("name,v", EXCHANGE, ids=[n for n, _ in EXCHANGE])
def test_exchange_vector(name: str, v: Dict[str, Any]) -> None:
    summary = binhdang.aggregate(plan_text(v), report_texts(v), v["as_of"])
    assert check_sdmx(v["expected"], summary.to_sdmx_csv(published=v["publish"])) == [], v["description"]
