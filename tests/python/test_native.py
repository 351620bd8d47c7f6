"""The native module as a data team meets it: Python values read by the
rules of JSON text, results as the core's own values, tables into pandas as
columns, and a package that installs from a wheel."""
from __future__ import annotations

import datetime
import decimal
import importlib.metadata
import json
import os
import pathlib
import subprocess
import sys
from typing import Any, Dict, List, Tuple

import pytest

import binhdang
from binhdang import _binhdang as native
from vectors import plan_text, report_texts, vectors

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = sorted((ROOT / "examples" / "lai-chau-2024" / "reports").glob("*.json"))
BAD_106 = ROOT / "examples" / "lai-chau-2024" / "reports" / "2024-6m-106.json"
AS_OF = "2025-01-15"


def found(report: Any) -> List[Tuple[str, str, Any]]:
    return [(f.code, f.path, f.context.get("problem")) for f in binhdang.validate_report(report, PLAN, as_of=AS_OF)]


def with_total(value: Any) -> Dict[str, Any]:
    report: Dict[str, Any] = json.loads(BAD_106.read_text(encoding="utf-8"))
    report["values"][0]["total"] = value
    return report


def test_a_dict_is_read_as_its_json_text_is() -> None:
    """Every report of the vectors, given as a dict, gives exactly the
    findings (code, path, messages, context) of its JSON text (compact, as
    JSON.stringify and serde_json write it: a dict's size in bytes, for
    ``max_bytes``, is that text's)."""
    checked = 0
    for _, v in vectors("validate"):
        if not isinstance(v.get("report"), dict):
            continue
        plan = v["plan"] if isinstance(v["plan"], dict) else json.loads((ROOT / v["plan"]).read_text(encoding="utf-8"))
        text = json.dumps(v["report"], ensure_ascii=False, separators=(",", ":"))
        as_text = native.validate_report(text, json.dumps(plan), as_of=v["as_of"], limits=v.get("limits"))
        as_dict = native.validate_report(v["report"], plan, as_of=v["as_of"], limits=v.get("limits"))
        assert [f.to_dict() for f in as_dict] == [f.to_dict() for f in as_text], v["description"]
        checked += 1
    assert checked >= 40


def test_pandas_blanks_are_not_reported() -> None:
    import pandas as pd

    left_out = with_total(None)
    del left_out["values"][0]["total"]
    expected = found(left_out)
    for blank in [None, float("nan"), pd.NA, pd.NaT]:
        assert found(with_total(blank)) == expected, blank


def test_numbers_read_as_json_numbers() -> None:
    import numpy as np

    whole = found(with_total(342))
    assert found(with_total(342.0)) == whole  # a float64 count column
    for same in [np.int64(342), np.int32(342), np.float64(342.0), np.float32(342.0)]:
        assert found(with_total(same)) == whole, repr(same)
    assert ("malformed", "/values/0/total", "not_whole") in found(with_total(4.5))
    assert found(with_total(np.bool_(True))) == found(with_total(True))
    # What no JSON number holds: out of range at its place, as text 1e999 is.
    for huge in [float("inf"), -float("inf"), 10**400]:
        assert found(with_total(huge)) == [("malformed", "/values/0/total", "number_out_of_range")], huge
    assert found(with_total(2**64)) == found(json.dumps(with_total(2**64)))


def test_what_json_cannot_hold_is_a_finding_at_its_place() -> None:
    for strange, kind in [(decimal.Decimal("4"), "Decimal"), ({1, 2}, "set"), ({1: "x"}, "int key"), (object(), "object")]:
        report = with_total(strange)
        assert found(report) == [("malformed", "/values/0/total", "unsupported_type")], strange
        finding = binhdang.validate_report(report, PLAN, as_of=AS_OF)[0]
        assert finding.context["type"] == kind and kind in finding.message_en and "line" not in finding.context
    cyclic = with_total(3)
    cyclic["values"][0]["again"] = cyclic["values"][0]
    assert found(cyclic) == [("malformed", "/values/0/again", "cycle")]


def test_dates_and_moments_are_days() -> None:
    import pandas as pd

    report = json.loads(BAD_106.read_text(encoding="utf-8"))
    as_text = found(report)
    assert report["submitted"] == "2024-06-04"
    for day in [datetime.date(2024, 6, 4), pd.Timestamp("2024-06-04"), datetime.datetime(2024, 6, 4, 9, 30)]:
        assert found(dict(report, submitted=day)) == as_text, day
    # 20:00 UTC on the 3rd is already the 4th in Vietnam.
    moment = datetime.datetime(2024, 6, 3, 20, tzinfo=datetime.timezone.utc)
    assert found(dict(report, submitted=moment)) == as_text
    assert binhdang.aggregate(PLAN, [BAD_106], as_of=pd.Timestamp("2025-01-14 20:00", tz="UTC")).as_of == "2025-01-15"


def test_every_entry_point_reads_dicts_alike() -> None:
    dicts = [json.loads(p.read_text(encoding="utf-8")) for p in REPORTS]
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    by_dict = binhdang.validate_reports(dicts, plan, as_of=AS_OF)
    by_path = binhdang.validate_reports(REPORTS, PLAN, as_of=AS_OF)
    assert by_dict == by_path
    assert binhdang.aggregate(plan, dicts, AS_OF) == binhdang.aggregate(PLAN, REPORTS, AS_OF)
    checker = binhdang.Checker(plan)
    assert checker.validate_report(dicts[5], as_of=AS_OF, context=dicts[:3]) == binhdang.validate_report(
        REPORTS[5], PLAN, as_of=AS_OF, context=REPORTS[:3]
    )
    # Objects the package returned go back in as they are.
    plan_object = binhdang.load_plan(PLAN)
    assert binhdang.validate_report(binhdang.load_report(BAD_106), plan_object, as_of=AS_OF) == found_objects()
    assert binhdang.Checker(plan_object).validate_report(BAD_106, as_of=AS_OF) == found_objects()
    assert binhdang.aggregate(plan_object, REPORTS, AS_OF) == binhdang.aggregate(PLAN, REPORTS, AS_OF)


def test_a_large_batch_reads_as_its_text() -> None:
    # A batch past one chunk (16) is written out here while a second thread
    # reads it: the outcomes are those of the same reports as JSON text, in
    # their places, with broken reports and reports past max_reports among them.
    dicts: List[Any] = [json.loads(p.read_text(encoding="utf-8")) for p in REPORTS] * 3
    dicts[7] = dict(dicts[7], submitted=float("inf"))
    dicts[20] = {"unit": 106, "values": "none"}
    texts = [json.dumps(d, separators=(",", ":"), ensure_ascii=False) for d in dicts]
    texts[7] = texts[7].replace("Infinity", "1e999")
    limits = {"max_reports": 50}
    by_dict = binhdang.validate_reports(dicts, PLAN, as_of=AS_OF, limits=limits)
    assert by_dict == binhdang.validate_reports(texts, PLAN, as_of=AS_OF, limits=limits)
    assert [o.index for o in by_dict] == list(range(len(dicts)))
    assert [(f.code, f.path, f.context["problem"]) for f in by_dict[7].findings] == [
        ("malformed", "/submitted", "number_out_of_range")
    ]
    assert all(o.status == "rejected" for o in by_dict[50:])
    # A document that is none stops the batch with its TypeError; nothing hangs.
    with pytest.raises(TypeError, match="^reports: "):
        binhdang.validate_reports(dicts[:30] + [42] + dicts, PLAN, as_of=AS_OF)
    with pytest.raises(TypeError, match="^reports: "):
        binhdang.aggregate(PLAN, dicts[:30] + [42], AS_OF)


def found_objects() -> List[binhdang.Finding]:
    return binhdang.validate_report(BAD_106, PLAN, as_of=AS_OF)


def test_wrong_kinds_raise_type_error_naming_the_argument() -> None:
    with pytest.raises(TypeError, match="^report: "):
        native.validate_report(42, PLAN.read_text(encoding="utf-8"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^plan: "):
        native.check_plan(["not", "a", "plan"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^reports: "):
        native.validate_reports({"unit": "1"}, PLAN.read_text(encoding="utf-8"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^as_of: "):
        binhdang.validate_report(BAD_106, PLAN, as_of=20250115)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^limits: "):
        binhdang.validate_report(BAD_106, PLAN, limits=5)  # type: ignore[arg-type]


def test_every_field_of_the_core_is_an_attribute() -> None:
    """The classes are the core's values: each field of the JSON schemas is an
    attribute with the same value as in ``to_dict()``."""
    summary_schema = binhdang.schema("summary")
    summary = binhdang.aggregate(PLAN, REPORTS, AS_OF)
    outcome = next(o for o in summary.accounting if o.status == "rejected")
    samples: List[Tuple[Any, Dict[str, Any]]] = [
        (summary, summary_schema),
        (summary.periods[1], summary_schema["$defs"]["PeriodSummary"]),
        (outcome, summary_schema["$defs"]["Outcome"]),
        (summary.completeness["2024-annual"], summary_schema["$defs"]["Completeness"]),
        (outcome.findings[0], binhdang.schema("finding")),
    ]
    for obj, schema in samples:
        fields = set(schema["properties"])
        assert fields <= set(dir(type(obj))), (type(obj).__name__, fields - set(dir(type(obj))))
        data = obj.to_dict()
        for name in fields & set(data):
            value = getattr(obj, name)
            plain = value.to_dict() if hasattr(value, "to_dict") else value
            if isinstance(plain, list):
                plain = [x.to_dict() if hasattr(x, "to_dict") else x for x in plain]
            if isinstance(plain, dict):
                plain = {k: x.to_dict() if hasattr(x, "to_dict") else x for k, x in plain.items()}
            if name == "completeness" and isinstance(obj, binhdang.Summary):
                continue  # by entry here, per period in the JSON form
            assert plain == data[name], (type(obj).__name__, name)


def test_tables_as_columns_are_the_tables_rows() -> None:
    """What pandas gets as columns is, row for row, the core's tables (and
    the published ones), for the bundled reports and every aggregate vector."""
    cases = [(binhdang.aggregate(PLAN, REPORTS, AS_OF), "lai-chau")]
    for name, v in vectors("aggregate") + vectors("publish"):
        plan = json.loads((ROOT / v["plan"]).read_text(encoding="utf-8")) if isinstance(v["plan"], str) else v["plan"]
        cases.append((binhdang.aggregate(plan, report_texts(v), v["as_of"]), name))
    names = set(binhdang.schema("tables")["properties"])
    for summary, label in cases:
        for published in (False, True):
            tables = summary.published_tables() if published else summary.tables()
            assert set(tables) == names
            for table, rows in tables.items():
                columns = summary.columns(table, published)
                lengths = {len(c) for c in columns.values()}
                assert lengths <= {len(rows)}, (label, table)
                back = [{k: c[i] for k, c in columns.items() if c[i] is not None} for i in range(len(rows))]
                # A figure's cell of a breakdown (`by`) is a column per dimension.
                flat = [{**{k: x for k, x in r.items() if x is not None and k != "by"}, **r.get("by", {})} for r in rows]
                assert back == flat, (label, table, published)
    with pytest.raises(KeyError):
        cases[0][0].columns("nope")


def test_to_pandas_reads_columns() -> None:
    pd = pytest.importorskip("pandas")
    summary = binhdang.aggregate(PLAN, REPORTS, AS_OF)
    for table in binhdang.schema("tables")["properties"]:
        rows = summary.tables()[table]
        frame = summary.to_pandas(table)
        # A figure's cell (`by`) is a column per dimension, after `indicator`.
        names: List[str] = []
        for r in rows:
            names.extend(k for k in r if k != "by" and k not in names)
        if "indicator" in names:
            at = names.index("indicator") + 1
            names[at:at] = sorted({d for x in rows for d in x.get("by", {})})
        flat = [{**{k: x for k, x in r.items() if k != "by"}, **r.get("by", {})} for r in rows]
        expected = pd.DataFrame.from_records(flat, columns=names)
        assert list(frame.columns) == list(expected.columns), table
        assert frame.fillna(-1).to_dict("records") == expected.fillna(-1).to_dict("records"), table
    published = summary.to_pandas("figures", published=True)
    assert len(published) == len(summary.published_tables()["figures"])


@pytest.mark.parametrize("with_pyarrow", [True, False])
@pytest.mark.parametrize("infer_string", [None, False])
def test_to_pandas_is_the_frame_of_its_columns(
    with_pyarrow: bool, infer_string: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With pyarrow the columns cross as Arrow buffers, without as lists: the
    # frame is pandas' own of the lists either way, dtypes included, for
    # every table of the bundled summary and of the aggregation vectors
    # (breakdowns, withheld cells, empty tables); also with pandas' string
    # inference turned off.
    pd = pytest.importorskip("pandas")
    if with_pyarrow:
        pytest.importorskip("pyarrow")
    else:
        monkeypatch.setitem(sys.modules, "pyarrow", None)
    if infer_string is None:
        check_frames(pd, with_pyarrow)
        return
    try:
        pd.get_option("future.infer_string")
    except (KeyError, pd.errors.OptionError):
        pytest.skip("this pandas has no future.infer_string")
    with pd.option_context("future.infer_string", infer_string):
        check_frames(pd, False)


def check_frames(pd: Any, arrow_expected: bool) -> None:
    summaries = [binhdang.aggregate(PLAN, REPORTS, AS_OF)]
    summaries += [binhdang.aggregate(plan_text(v), report_texts(v), v["as_of"]) for _, v in vectors("aggregate")]
    kinds = {c[0] for c in summaries[0]._arrow_columns("figures").values() if isinstance(c, tuple)}
    assert kinds == {"text", "float", "int"}
    if arrow_expected:
        # The Arrow path is the one taken here (pyarrow 19 or later).
        import pyarrow

        assert binhdang._arrow_agrees(pd, pyarrow)
    for summary in summaries:
        for table in binhdang.schema("tables")["properties"]:
            for published in (False, True):
                frame = summary.to_pandas(table, published=published)
                pd.testing.assert_frame_equal(frame, pd.DataFrame(summary.columns(table, published)))


def test_errors_carry_findings_as_objects() -> None:
    with pytest.raises(binhdang.BinhdangError) as raised:
        binhdang.load_plan('{"number": 1}')
    assert isinstance(raised.value, ValueError) and raised.value.findings
    assert all(isinstance(f, binhdang.Finding) for f in raised.value.findings)
    assert binhdang.BinhdangError("from Python").findings == []


def test_every_list_of_findings_is_a_findings() -> None:
    summary = binhdang.aggregate(PLAN, REPORTS, AS_OF)
    rejected = next(o for o in summary.accounting if o.status == "rejected")
    lists: List[Any] = [rejected.findings, summary.findings, binhdang.validate_report(BAD_106, PLAN, as_of=AS_OF),
                        binhdang.check_plan(PLAN), binhdang.validate_reports([BAD_106], PLAN, as_of=AS_OF)[0].findings]
    with pytest.raises(binhdang.BinhdangError) as raised:
        binhdang.load_report("{}")
    lists.append(raised.value.findings)
    for found in lists:
        assert type(found) is binhdang.Findings and all(isinstance(f, binhdang.Finding) for f in found)
    shown = rejected.findings
    assert isinstance(shown, binhdang.Findings) and "<table>" in shown._repr_html_() and shown.errors == shown


def test_records_compare_and_hash_by_value() -> None:
    a, b = binhdang.validate_report(BAD_106, PLAN, as_of=AS_OF), binhdang.validate_report(BAD_106, PLAN, as_of=AS_OF)
    assert a == b and a[0] is not b[0] and hash(a[0]) == hash(b[0]) and len({a[0], b[0]}) == 1
    assert a[0]["code"] == a[0].code and a[0].get("nope", 7) == 7
    with pytest.raises(KeyError):
        a[0]["nope"]
    assert a[0].to_dict() == json.loads(json.dumps(a[0].to_dict()))


@pytest.mark.skipif(os.environ.get("BINHDANG_PIP_INSTALL") != "1", reason="CI installs the wheel (tests/setup)")
def test_the_installed_package_is_the_abi3_wheel() -> None:
    dist = importlib.metadata.distribution("binhdang")
    wheel = dist.read_text("WHEEL") or ""
    assert "Tag: cp310-abi3-" in wheel, wheel
    files = {str(f) for f in dist.files or []}
    assert {"binhdang/__init__.py", "binhdang/_binhdang.pyi", "binhdang/py.typed"} <= files
    assert not [f for f in files if f.endswith(".pth")], "an editable install, not the wheel"
    assert pathlib.Path(native.__file__).resolve().parent != ROOT / "bindings" / "python" / "python" / "binhdang"


def test_a_source_build_without_rust_stops_with_a_clear_message(tmp_path: pathlib.Path) -> None:
    """No cargo on the PATH: the build says what to do, and downloads no toolchain."""
    bin_dir = pathlib.Path(sys.executable).parent
    assert (bin_dir / "maturin").exists(), "the test venv has maturin (tests/requirements.txt)"
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path),
         str(ROOT / "bindings" / "python")],
        capture_output=True, text=True, env=env, timeout=300,
    )
    said = out.stdout + out.stderr
    assert out.returncode != 0, said
    assert "building from source needs Rust" in said and "no `cargo` is on the PATH" in said, said
    assert "installing into a temporary directory" not in said, said
    assert not list(tmp_path.glob("*.whl"))
