"""The Python package as a data team uses it."""
from __future__ import annotations

import datetime
import json
import pathlib
import pydoc

import pytest

import binhdang

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = sorted((ROOT / "examples" / "lai-chau-2024" / "reports").glob("*.json"))
BAD_106 = ROOT / "examples" / "lai-chau-2024" / "reports" / "2024-6m-106.json"


def test_inputs_may_be_a_path_a_dict_or_json_text() -> None:
    as_path = binhdang.validate_report(BAD_106, PLAN, as_of="2025-01-15")
    report = json.loads(BAD_106.read_text(encoding="utf-8"))
    as_dict = binhdang.validate_report(report, json.loads(PLAN.read_text(encoding="utf-8")), as_of=datetime.date(2025, 1, 15))
    as_text = binhdang.validate_report(json.dumps(report), PLAN, as_of="15/1/2025")
    assert as_path == as_dict == as_text
    f = as_path[0]
    assert (f.code, f.severity, f.path) == ("sex_sum_mismatch", "error", "/values/1/total")
    assert f.message_vi == "Tổng số (130) không bằng số nữ (70) cộng số nam (55)."
    assert f.context["expected"] == 125
    assert f.is_error and as_path.errors == [f]


def test_a_finding_is_never_an_exception() -> None:
    # Text that is not JSON, a huge number, infinity in a dict: findings, not exceptions.
    assert [f.code for f in binhdang.validate_report("báo cáo 6 tháng", PLAN, as_of="2025-01-15")] == ["malformed"]
    report = json.loads(BAD_106.read_text(encoding="utf-8"))
    report["values"][0]["total"] = 2**64
    assert binhdang.validate_report(report, PLAN, as_of="2025-01-15")[0].path == "/values/0/total"
    # NaN is pandas' blank: not reported, as JavaScript's JSON.stringify makes it; infinity is no number.
    report["values"][0]["total"] = float("nan")
    assert not [f for f in binhdang.validate_report(report, PLAN, as_of="2025-01-15") if f.code == "malformed"]
    report["values"][0]["total"] = float("inf")
    assert binhdang.validate_report(report, PLAN, as_of="2025-01-15")[0].path == "/values/0/total"


def test_errors_derive_from_value_error_with_findings() -> None:
    with pytest.raises(binhdang.BinhdangError) as e:
        binhdang.validate_report(BAD_106, '{"number": "01/KH"}', as_of="2025-01-15")
    assert isinstance(e.value, ValueError)
    assert e.value.findings and e.value.findings[0].code == "malformed"
    # Vietnamese unless the host asks for English; the findings carry both.
    assert str(e.value).startswith("Không đọc được kế hoạch:")
    binhdang.set_language("en")
    try:
        with pytest.raises(binhdang.BinhdangError, match="^The plan cannot be read:"):
            binhdang.validate_report(BAD_106, '{"number": "01/KH"}', as_of="2025-01-15")
        with pytest.raises(binhdang.BinhdangError, match="Unknown language"):
            binhdang.set_language("fr")
    finally:
        binhdang.set_language("vi")
    with pytest.raises(binhdang.BinhdangError):
        binhdang.validate_report(BAD_106, PLAN, as_of="30/2/2025")
    with pytest.raises(binhdang.BinhdangError) as e2:
        binhdang.load_report("{}")
    assert {f.path for f in e2.value.findings} >= {"/unit", "/plan"}
    with pytest.raises(TypeError):
        binhdang.validate_report(42, PLAN)  # type: ignore[arg-type]


def test_as_of_defaults_to_today() -> None:
    # Today is long after the 2024 due dates: the late report is still late, nothing is "future".
    codes = [f.code for f in binhdang.validate_report(REPORTS[2], PLAN)]
    assert "future_submission" not in codes


def test_batch_outcomes() -> None:
    outcomes = binhdang.validate_reports(REPORTS, PLAN, as_of="2025-01-15")
    assert len(outcomes) == len(REPORTS) == 19
    assert sorted({o.status for o in outcomes}) == ["rejected", "used"]
    assert sum(o.status == "rejected" for o in outcomes) == 4


def test_summary_objects_and_accounting() -> None:
    s = binhdang.aggregate(PLAN, REPORTS, "2025-01-15")
    c = s.completeness["2024-annual"]
    assert (c.expected, c.received, c.on_time, c.late, c.missing) == (15, 11, 10, 1, 4)
    assert c.units["late"] == ["111"]
    fig = s.period("2024-annual").figure("12", "people_reached")
    assert fig is not None and fig["counts"] == {"female": 26100, "male": 15870, "total": 41970}
    assert [o.status for o in s.accounting].count("used") == 15
    assert s.to_dict()["plan"] == "01/KH-BVSTBPN"


def test_to_pandas_is_tidy() -> None:
    pd = pytest.importorskip("pandas")
    s = binhdang.aggregate(PLAN, REPORTS, "2025-01-15")
    df = s.to_pandas()
    # A column per dimension of the example's breakdowns, after `indicator`, as in the CSV.
    assert list(df.columns) == ["entry", "kind", "period_from", "period_to", "unit", "unit_name", "indicator", "age",
                                "ethnicity", "sex", "value", "numerator", "denominator", "reports"]
    row = df[(df.entry == "2024-annual") & (df.unit == "12") & (df.indicator == "people_reached") & (df.sex == "F")]
    assert row.value.item() == 26100
    assert not df.duplicated(["entry", "unit", "indicator", "age", "ethnicity", "sex"]).any()
    comp = s.to_pandas("completeness")
    assert set(comp.timeliness) == {"on_time", "late", "missing"}
    assert comp[comp.rejected].unit.tolist() == ["106", "108", "109", "112"]
    progress = s.to_pandas("progress")
    mt1 = progress[(progress.entry == "2024-annual") & (progress.indicator == "nq28-mt1") & (progress.year == 2025)]
    assert mt1.status.item() == "not_achieved" and abs(mt1.value.item() - 56.25) < 1e-9
    # The CSV is the same table.
    from io import StringIO
    assert len(pd.read_csv(StringIO(s.to_csv()))) == len(df)


def test_findings_frame() -> None:
    pytest.importorskip("pandas")
    outcomes = binhdang.validate_reports(REPORTS, PLAN, as_of="2025-01-15")
    df = binhdang.findings_frame(outcomes, labels=[p.name for p in REPORTS])
    assert len(df) == 8
    assert set(df.code) == {"sex_sum_mismatch", "late_submission", "period_mismatch", "unknown_indicator",
                            "numerator_exceeds_denominator", "breakdown_sum_mismatch"}
    assert df[df.code == "sex_sum_mismatch"].report.item() == "2024-6m-106.json"
    single = binhdang.findings_frame(binhdang.validate_report(BAD_106, PLAN, as_of="2025-01-15"))
    assert list(single.columns) == ["code", "severity", "path", "message_vi", "message_en", "context"]


def test_notebook_html() -> None:
    s = binhdang.aggregate(PLAN, REPORTS, "2025-01-15")
    html = s._repr_html_()
    assert "<table>" in html and "đã nhận 11/15 đơn vị" in html
    f = binhdang.validate_report(BAD_106, PLAN, as_of="2025-01-15")
    assert "sex_sum_mismatch" in f._repr_html_()
    assert "Tổng số (130)" in s.text() + f._repr_html_()
    assert "received 11/15 units" in s.text("en")


def test_catalog_schema_and_plan_checks() -> None:
    cat = binhdang.catalog()
    mt51 = next(i for i in cat.indicators if i["id"] == "nq28-mt5-1")
    assert mt51["targets"][0]["confirmed"] is False
    assert binhdang.schema("report")["$schema"].endswith("2020-12/schema")
    assert binhdang.schema_names() == [
        "plan", "report", "catalog", "finding", "summary", "tables", "limits", "events", "step", "transition", "replay"
    ]
    with pytest.raises(binhdang.BinhdangError):
        binhdang.schema("nope")
    assert [f.code for f in binhdang.check_plan(PLAN)] == ["plan_due_before_period_end"] * 2
    plan = binhdang.load_plan(PLAN)
    assert plan.number == "01/KH-BVSTBPN" and plan.year == 2024
    report = binhdang.load_report(BAD_106)
    assert report.unit == "106" and binhdang.load_report(report.to_dict()) == report


def test_help_reads_like_documentation() -> None:
    for fn in [binhdang.validate_report, binhdang.validate_reports, binhdang.aggregate, binhdang.load_plan,
               binhdang.load_report, binhdang.schema, binhdang.catalog, binhdang.findings_frame, binhdang.check_plan]:
        text = pydoc.plain(pydoc.render_doc(fn))
        assert fn.__doc__ and len(fn.__doc__.split()) >= 8, fn.__name__
        assert fn.__name__ in text


def _report_texts() -> list[str]:
    """Every readable report the project holds: the bundled ones and the vectors'."""
    from vectors import vectors

    texts = [p.read_text(encoding="utf-8") for p in REPORTS]
    for _, v in vectors("validate") + vectors("aggregate"):
        for r in ([v["report"]] if isinstance(v.get("report"), dict) else []) + [x for x in v.get("reports", []) if isinstance(x, dict)]:
            texts.append(json.dumps(r, ensure_ascii=False))
    return texts


def test_round_trip_through_python_loses_nothing() -> None:
    """A report Python serialises and Rust reads back is the same report: every
    field the person typed (unknown ones included) survives, twice over."""
    checked = 0
    for text in _report_texts():
        try:
            first = binhdang.load_report(text)
        except binhdang.BinhdangError:
            continue  # unreadable on purpose (a vector's mistake)
        again = binhdang.load_report(json.dumps(first.to_dict(), ensure_ascii=False))
        assert again == first
        original = json.loads(text)
        kept = first.to_dict()
        # Nothing given is lost: every key with a value is still there (null
        # means not reported), its text in NFC, as the reader normalises it.
        import unicodedata

        for key, value in original.items():
            if value is not None and value != []:
                assert unicodedata.normalize("NFC", key) in kept, key
        checked += 1
    assert checked >= 60


def test_a_checker_reads_the_plan_once_and_answers_like_validate_report() -> None:
    plan = ROOT / "examples/lai-chau-2024/plan.json"
    checker = binhdang.Checker(plan)
    for path in REPORTS:
        expected = binhdang.validate_report(path, plan, as_of="2025-01-15")
        assert [f.to_dict() for f in checker.validate_report(path, as_of="2025-01-15")] == [f.to_dict() for f in expected]
    with pytest.raises(binhdang.BinhdangError):
        binhdang.Checker("{")


def test_a_new_plan_passes_check_plan(tmp_path: pathlib.Path) -> None:
    plan = binhdang.new_plan("Điện Biên", "11", 2025)
    assert not [f for f in binhdang.check_plan(plan) if f.is_error]
    units = tmp_path / "units.csv"
    units.write_text("id,name,kind,parent\nso-y-te,Sở Y tế,department,\nxa-a,Xã A,commune,11\n", encoding="utf-8")
    plan = binhdang.new_plan("Điện Biên", "11", 2025, units=units)
    assert "xa-a" in plan["reporting"]["units"]
    assert not [f for f in binhdang.check_plan(plan) if f.is_error]
    with pytest.raises(binhdang.BinhdangError) as raised:
        binhdang.new_plan("Điện Biên", "11", 2025, units="id,name,kind\nx,X,xa\n")
    assert [f.path for f in raised.value.findings] == ["/0/kind"]


def test_typed_dates_and_numbers() -> None:
    assert binhdang.parse_date("ngày 4 tháng 12 năm 2024") == datetime.date(2024, 12, 4)
    assert binhdang.parse_number("1.234") == 1234 and isinstance(binhdang.parse_number("1.234"), int)
    assert binhdang.parse_number("75,5") == 75.5
    with pytest.raises(binhdang.BinhdangError) as raised:
        binhdang.parse_number("1,234.5")
    assert raised.value.findings[0].context["problem"] == "ambiguous_number"


def test_a_lone_surrogate_in_a_host_string_is_a_finding() -> None:
    report = json.loads(BAD_106.read_text(encoding="utf-8"))
    report["notes"] = "Khó khăn \ud800"
    found = binhdang.validate_report(report, PLAN, as_of="2025-01-15")
    assert [(f.code, f.path, f.context["problem"]) for f in found] == [("malformed", "/notes", "lone_surrogate")]
    outcomes = binhdang.validate_reports([report, BAD_106], PLAN, as_of="2025-01-15")
    assert [o.status for o in outcomes] == ["rejected", "rejected"]


def test_a_str_is_json_text_never_a_path(tmp_path: pathlib.Path) -> None:
    # A mistyped or even a real path given as str is text that is not JSON: a
    # finding whose message says to pass the file as a Path; nothing is opened.
    for text in [str(BAD_106), "examples/khong-co.json"]:
        found = binhdang.validate_report(text, PLAN, as_of="2025-01-15")
        assert [f.code for f in found] == ["malformed"]
        assert "Path" in found[0].message_en, found[0].message_en
    # A folder Path is the list of its .json files, in name order, as the CLI reads it.
    folder = PLAN.parent / "reports"
    outcomes = binhdang.validate_reports(folder, PLAN, as_of="2025-01-15")
    assert len(outcomes) == len(REPORTS) == 19
    # A single report or a str where a list goes is a TypeError naming the argument.
    for wrong in [str(folder), BAD_106, json.loads(BAD_106.read_text(encoding="utf-8"))]:
        with pytest.raises(TypeError, match="^reports: "):
            binhdang.aggregate(PLAN, wrong, as_of="2025-01-15")
    with pytest.raises(TypeError, match="^report: "):
        binhdang.validate_report(42, PLAN)  # type: ignore[arg-type]
    # A file in UTF-16 is a finding too, not a UnicodeDecodeError.
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes(BAD_106.read_text(encoding="utf-8").encode("utf-16"))
    assert binhdang.validate_report(utf16, PLAN, as_of="2025-01-15")[0].context["encoding"] == "UTF-16"


def test_rows_from_pandas_are_read_as_a_data_team_has_them() -> None:
    """A count column with a blank is float64 (342.0 and NaN); ids and dates
    come as numpy and pandas types. They read as whole numbers, blanks as not
    reported, dates as days, with no exception."""
    import numpy as np
    import pandas as pd

    report = json.loads(BAD_106.read_text(encoding="utf-8"))
    frame = pd.DataFrame([{"indicator": v["indicator"], "female": v.get("female"), "male": v.get("male"), "total": v.get("total")} for v in report["values"]])
    assert frame["female"].dtype == np.float64  # a blank made the column float
    from_pandas = dict(report, values=frame.to_dict("records"), submitted=pd.Timestamp(report["submitted"]))
    from_pandas["values"][0]["note_count"] = pd.NA
    found = binhdang.validate_report(from_pandas, PLAN, as_of=pd.Timestamp("2025-01-15 23:00"))
    assert [(f.code, f.path) for f in found] == [("unknown_field", "/values/0/note_count"), ("sex_sum_mismatch", "/values/1/total")]
    # numpy scalars are numbers; a fraction is still not a count.
    from_pandas["values"][0] = {"indicator": "training_classes", "total": np.int64(4)}
    assert not [f for f in binhdang.validate_report(from_pandas, PLAN, as_of="2025-01-15") if f.code == "malformed"]
    from_pandas["values"][0] = {"indicator": "training_classes", "total": np.float64(4.5)}
    assert [f.path for f in binhdang.validate_report(from_pandas, PLAN, as_of="2025-01-15") if f.code == "malformed"] == ["/values/0/total"]
    # as_of as a moment: its day in Vietnam (23:00 UTC on the 14th is the 15th there).
    moment = datetime.datetime(2025, 1, 14, 23, tzinfo=datetime.timezone.utc)
    assert binhdang.aggregate(PLAN, [BAD_106], as_of=moment).as_of == "2025-01-15"
    with pytest.raises(TypeError, match="^as_of: "):
        binhdang.aggregate(PLAN, [BAD_106], as_of=20250115)  # type: ignore[arg-type]


def test_a_breakdown_is_a_column_per_dimension_in_pandas() -> None:
    # Cells of a breakdown beyond sex come out tidy: one column per dimension
    # (the option codes), empty in the indicator's own rows, as in the CSV.
    v = json.loads((ROOT / "tests/conformance/aggregate/026-cells-added-up.json").read_text(encoding="utf-8"))
    plan = ROOT / v["plan"]
    summary = binhdang.aggregate(plan, v["reports"], v["as_of"])
    df = summary.to_pandas()
    province = df[(df.unit == "12") & (df.indicator == "ethnic_participants")]
    table = province.pivot_table(index="ethnicity", columns="sex", values="value")
    assert table.loc["dtts"].to_dict() == {"F": 25.0, "M": 19.0, "_T": 44.0}
    assert table.loc["01"].to_dict() == {"F": 12.0, "M": 6.0, "_T": 18.0}
    own = province[province.ethnicity.isna()]
    assert sorted(own.value) == [25.0, 37.0, 62.0]
    assert "by" not in df.columns
    header = summary.to_csv().splitlines()[0].split(",")
    assert header.index("ethnicity") == header.index("indicator") + 1
