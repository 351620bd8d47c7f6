"""Up a level (docs/upward.md): the province's summary as its report to the
national plan, through the Python package; the same report the CLI wrote
into examples/national-2024, and the national summary made of such reports."""
from __future__ import annotations

import datetime
import json
import pathlib

import pytest

import binhdang

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROVINCE = ROOT / "examples" / "lai-chau-2024"
NATIONAL = ROOT / "examples" / "national-2024"


def test_the_report_upward_is_the_one_the_cli_made() -> None:
    summary = binhdang.aggregate(PROVINCE / "plan.json", PROVINCE / "reports", as_of="2024-12-18")
    report, not_sent = summary.upward(NATIONAL / "plan.json", entry="2024-annual", submitted=datetime.date(2024, 12, 19))
    assert isinstance(report, binhdang.Report)
    kept = json.loads((NATIONAL / "reports" / "2024-annual-12.json").read_text(encoding="utf-8"))
    assert report.to_dict() == kept
    assert [(n["item"], n["reason"]) for n in not_sent] == [
        ("du-an-8-tap-huan", "not_asked"),
        ("inspections", "not_asked"),
        ("training_classes", "not_asked"),
    ]
    # The report goes wherever a report goes: the national check finds nothing.
    assert list(binhdang.validate_report(report, NATIONAL / "plan.json", as_of="2024-12-20")) == []


def test_a_national_plan_object_and_text_serve_as_well() -> None:
    summary = binhdang.aggregate(PROVINCE / "plan.json", PROVINCE / "reports", as_of="2024-06-18")
    plan = binhdang.load_plan(NATIONAL / "plan.json")
    text = (NATIONAL / "plan.json").read_text(encoding="utf-8")
    a, _ = summary.upward(plan, entry="2024-6m", submitted="2024-06-19")
    b, _ = summary.upward(text, entry="2024-6m", submitted="19/6/2024")
    kept = json.loads((NATIONAL / "reports" / "2024-6m-12.json").read_text(encoding="utf-8"))
    assert a.to_dict() == b.to_dict() == kept


def test_what_cannot_go_up_raises_and_says_why() -> None:
    summary = binhdang.aggregate(PROVINCE / "plan.json", PROVINCE / "reports", as_of="2024-12-18")
    binhdang.set_language("en")
    try:
        with pytest.raises(binhdang.BinhdangError, match='"2024-q3" is not in the national plan'):
            summary.upward(NATIONAL / "plan.json", entry="2024-q3", submitted="2024-12-19")
        with pytest.raises(TypeError, match="submitted"):
            summary.upward(NATIONAL / "plan.json", entry="2024-annual", submitted=20241219)  # type: ignore[arg-type]
    finally:
        binhdang.set_language("vi")


def test_the_national_summary_and_its_strategy_appendix() -> None:
    national = binhdang.aggregate(NATIONAL / "plan.json", NATIONAL / "reports", as_of="2025-01-15")
    rows = [r for r in national.tables()["progress"] if r["entry"] == "2024-annual" and r["status"] != "no_data"]
    mt1 = next(r for r in rows if r["indicator"] == "nq28-mt1" and r["year"] == 2025)
    assert mt1["value"] == pytest.approx(303 / 518 * 100)
    assert mt1["status"] == "not_achieved"
    assert mt1["source"].startswith("Nghị quyết 28/NQ-CP")
