"""Excel forms with real office software: a generated form filled with
openpyxl as a person would, read back through the CLI and Python; the form
and the summary workbook opened by LibreOffice (headless)."""
from __future__ import annotations

import csv
import datetime
import io
import json
import pathlib
import shutil
import subprocess
from typing import Any, Dict, List, Tuple

import openpyxl
import pytest

import binhdang
from vectors import binhdang_binary

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = ROOT / "examples" / "lai-chau-2024" / "reports"
VALUES = "Chỉ tiêu"


def soffice(tmp: pathlib.Path, source: pathlib.Path, to: str) -> pathlib.Path:
    """LibreOffice headless converts `source` into tmp/out (its own profile, so runs never share a lock)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is missing: tests/setup installs libreoffice-calc"
    out = tmp / "out"
    subprocess.run(
        [exe, f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return out


def row_of(ws: Any, indicator: str, cell: str = "Tổng") -> int:
    for row in ws.iter_rows(min_row=1):
        if row[0].value == indicator and row[2].value == cell:
            return int(row[0].row)
    raise AssertionError(f"no row for {indicator} / {cell}")


def filled_form(tmp: pathlib.Path) -> Tuple[pathlib.Path, Dict[str, int]]:
    """Huyện Nậm Nhùn's annual form, filled as a person would: a wrong total,
    a number typed as text the Vietnamese way, a blank, a zero, a formula, a
    word where a number goes, an extra sheet of their own."""
    path = tmp / "112.xlsx"
    binhdang.report_form(PLAN, "112", "2024-annual", path)
    wb = openpyxl.load_workbook(path)
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    rows = {k: row_of(ws, k) for k in ("people_reached", "training_participants", "training_classes",
                                       "communication_events", "inspections", "victims_supported")}
    r = rows["people_reached"]
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2500  # 1220 + 1190 is 2410
    r = rows["training_participants"]
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = "1.234", 70, "1.304"  # typed as text, with a thousands dot
    ws[f"F{rows['training_classes']}"] = 0  # zero: reported
    # communication_events left blank: not reported.
    ws[f"F{rows['inspections']}"] = "=1+2"  # a formula
    ws[f"F{rows['victims_supported']}"] = "mười"  # a word
    acts = wb["Hoạt động"]
    acts["C2"] = "Đã hoàn thành"
    money = wb["Kinh phí"]
    money["C3"], money["D3"] = "250.000.000", 231000000
    wb.create_sheet("Ghi chú của tôi")["A1"] = "số liệu tạm tính"
    wb.save(path)
    return path, rows


def cli_findings(path: pathlib.Path) -> List[Dict[str, Any]]:
    out = subprocess.run(
        [str(binhdang_binary()), "validate", "--format", "json", "--as-of", "2025-01-15", "--plan", str(PLAN),
         str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode in (0, 1), out.stderr
    return list(json.loads(out.stdout)["reports"][0]["findings"])


def test_a_form_filled_with_openpyxl_reads_back_with_its_cells(tmp_path: pathlib.Path) -> None:
    path, rows = filled_form(tmp_path)
    # The word in a count is read as the reader reads a JSON string there: that
    # value is left out with a finding at its cell; the rest is read.
    report, found = binhdang.read_workbook(path)
    assert report is not None and "victims_supported" not in [v["indicator"] for v in report["values"]]
    word = [f for f in found if f.code == "malformed"]
    assert word and word[0].context["cell"] == f"'{VALUES}'!F{rows['victims_supported']}", found
    # The same through the CLI.
    cli = cli_findings(path)
    assert [f["context"].get("cell") for f in cli if f["code"] == "malformed"] == [word[0].context["cell"]]

    # Without the word: the report, and the rules' findings point at their cells.
    wb = openpyxl.load_workbook(path)
    wb[VALUES][f"F{rows['victims_supported']}"] = None
    wb.save(path)
    report, found = binhdang.read_workbook(path)
    assert report is not None and not found.errors, found
    values = {v["indicator"]: v for v in report["values"]}
    assert values["training_participants"]["female"] == 1234 and values["training_participants"]["total"] == 1304
    assert values["training_classes"]["total"] == 0  # a zero is reported
    assert "communication_events" not in values  # a blank is not
    assert "inspections" not in values  # openpyxl saves a formula without its value: nothing to read
    assert report["funding"][0]["planned"] == 250_000_000
    assert report["activities"][0]["status"] == "done"

    wrong = f"'{VALUES}'!F{rows['people_reached']}"
    for findings in (
        [f.to_dict() for f in binhdang.validate_report(path, PLAN, as_of="2025-01-15")],
        cli_findings(path),
    ):
        sums = [f for f in findings if f["code"] == "sex_sum_mismatch"]
        assert [f["context"]["cell"] for f in sums] == [wrong], findings
        assert sums[0]["message_vi"] == "Tổng số (2.500) không bằng số nữ (1.220) cộng số nam (1.190)."
        # Every finding that points into a value names its cell.
        assert all("cell" in f["context"] for f in findings if f["path"].startswith("/values/")), findings


def test_libreoffice_saves_a_formula_s_value_and_keeps_the_form(tmp_path: pathlib.Path) -> None:
    path, rows = filled_form(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb[VALUES][f"F{rows['victims_supported']}"] = None
    wb.save(path)
    # LibreOffice opens the form, computes =1+2 and saves the workbook again, as a person's office would.
    saved = soffice(tmp_path, path, "xlsx") / "112.xlsx"
    report, found = binhdang.read_workbook(saved)
    assert report is not None, found
    values = {v["indicator"]: v for v in report["values"]}
    assert values["inspections"]["total"] == 3
    assert values["training_participants"]["female"] == 1234
    assert values["people_reached"]["total"] == 2500


def test_libreoffice_opens_the_form(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "form.xlsx"
    binhdang.report_form(PLAN, "112", "2024-annual", path)
    out = soffice(tmp_path, path, "csv:Text - txt - csv (StarCalc):44,34,76,1")
    text = (out / "form.csv").read_text(encoding="utf-8")
    assert "Tỉnh: Lai Châu" in text and "Hạn nộp: 5/12/2024" in text, text[:500]
    assert "Số lượt người được truyền thông, tuyên truyền" in text


def test_the_summary_workbook_in_libreoffice_matches_the_summary(tmp_path: pathlib.Path) -> None:
    summary = binhdang.Summary(PLAN, REPORTS, "2025-01-15")
    path = tmp_path / "summary.xlsx"
    summary.to_excel(path)
    # Every sheet to its own CSV (token 12: -1), values as stored (not as shown).
    out = soffice(tmp_path, path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
    for entry in ("2024-6m", "2024-annual"):
        with open(out / f"summary-{entry}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0][:3] == ["Đơn vị", "Tên đơn vị", "Mã chỉ tiêu"]
        got = {}
        for r in rows[1:]:
            if r[4] != "Tổng":
                continue
            for sex, text in zip(("F", "M", "_T"), r[5:8]):
                if text:
                    got[(r[0], r[2], sex)] = float(binhdang.parse_number(text))  # 71,4: LibreOffice writes the Vietnamese way
        cols = summary.columns("figures")
        # The whole of each figure (a breakdown's cells have their dimension's column set).
        dims = [k for k in cols if k in ("age", "ethnicity", "residence", "level")]
        want = {}
        for row in (dict(zip(cols, values)) for values in zip(*cols.values())):
            if row["entry"] == entry and row["value"] is not None and not any(row[d] for d in dims):
                want[(row["unit"], row["indicator"], row["sex"])] = float(row["value"])
        assert want and got.keys() == want.keys(), sorted(set(got) ^ set(want))[:10]
        for k, v in want.items():
            assert got[k] == pytest.approx(v), k


def test_a_workbook_that_unpacks_a_thousandfold_is_refused_unpacked(tmp_path: pathlib.Path) -> None:
    # A zip bomb: a real form whose worksheet is padded to 40 MB of spaces,
    # which deflate packs into some 40 kB. The zip's directory says so, and
    # the form is refused as too large before anything is unpacked.
    import io
    import zipfile

    form = binhdang.report_form(PLAN, "112", "2024-annual")
    src = zipfile.ZipFile(io.BytesIO(form))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item.filename, src.read(item.filename))
        z.writestr("xl/padding.xml", b" " * 40_000_000)
    bomb = out.getvalue()
    assert len(bomb) < 200_000
    report, found = binhdang.read_workbook(bomb)
    assert report is None
    assert [(f.code, f.context["limit_name"]) for f in found] == [("too_large", "max_bytes")]
    assert found[0].context["actual"] > 40_000_000 and found[0].context["limit"] == 8 * 4 * 1024 * 1024
    # The same form without the padding is read (an empty form: what it lacks, not its size).
    assert "too_large" not in [f.code for f in binhdang.read_workbook(form)[1]]


def test_what_a_person_writes_in_a_text_cell_is_kept_whatever_excel_made_of_it(tmp_path: pathlib.Path) -> None:
    """The narrative sheet and the activities' notes are text, but a
    spreadsheet turns "15/3" into a date and 12 into a number: each reads
    back as written (the day the Vietnamese way), none is dropped."""
    plan = ROOT / "tests" / "conformance" / "plans" / "narrative.json"
    wb = openpyxl.load_workbook(io.BytesIO(binhdang.report_form(plan, "105", "2024-annual")))
    wb[VALUES]["C7"] = datetime.date(2025, 1, 10)
    ws = wb["Thuyết minh"]
    ws["C2"], ws["D2"], ws["E2"], ws["F2"] = datetime.date(2025, 3, 15), 12, True, "Đề nghị bổ sung kinh phí."
    wb["Hoạt động"]["C2"], wb["Hoạt động"]["D2"] = "Đã hoàn thành", datetime.date(2024, 5, 1)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    report, findings = binhdang.read_workbook(path.read_bytes())
    assert report is not None, findings
    data = report.to_dict()
    assert data["narrative"] == [
        {"area": 1, "results": "15/3/2025", "shortcomings": "12", "next_tasks": "TRUE", "recommendations": "Đề nghị bổ sung kinh phí."}
    ]
    assert data["activities"] == [{"activity": "1.1", "status": "done", "note": "1/5/2024"}]


def test_sorted_rows_whose_first_input_is_empty_are_found(tmp_path: pathlib.Path) -> None:
    """Rows are found by their id when moved; a row whose column C (the
    narrative's results, the funding's planned) is empty was indexed twice
    under its own id and never found: a sorted sheet lost what was typed."""
    wb = openpyxl.load_workbook(io.BytesIO(binhdang.report_form(PLAN, "112", "2024-annual")))
    wb[VALUES]["C7"] = datetime.date(2024, 12, 2)
    ws = wb["Thuyết minh"]
    ws["C2"], ws["D3"] = "Kết quả của nội dung 1.", "Tồn tại của nội dung 2."
    for sheet in (ws, wb["Kinh phí"]):
        if sheet.title == "Kinh phí":
            sheet["D2"] = 5_000_000  # spent only: C (planned) empty
        two, three = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
        for j, v in enumerate(three, 1):
            sheet.cell(2, j).value = v
        for j, v in enumerate(two, 1):
            sheet.cell(3, j).value = v
    path = tmp_path / "sorted.xlsx"
    wb.save(path)
    report, findings = binhdang.read_workbook(path.read_bytes())
    assert report is not None and not [f for f in findings if f.severity == "error"], findings
    data = report.to_dict()
    assert data["narrative"] == [{"area": 1, "results": "Kết quả của nội dung 1."}, {"area": 2, "shortcomings": "Tồn tại của nội dung 2."}]
    assert [f["spent"] for f in data["funding"]] == [5_000_000]
    found = binhdang.validate_report(path.read_bytes(), PLAN, as_of="2025-01-15")
    assert not [f for f in found if f.code == "malformed"], found


def test_a_form_s_report_is_held_to_max_bytes_as_its_json_would_be(tmp_path: pathlib.Path) -> None:
    """Five narrative cells of 32,000 characters (a cell holds at most
    32,767): a few tens of kB of file (the text compresses), 240 kB of
    report; under a 150 kB limit it is too large, as the same report as
    JSON text would be."""
    wb = openpyxl.load_workbook(io.BytesIO(binhdang.report_form(PLAN, "112", "2024-annual")))
    wb[VALUES]["C7"] = datetime.date(2024, 12, 2)
    for r in range(2, 7):
        wb["Thuyết minh"][f"C{r}"] = "Kết quả. " * 3_600
    path = tmp_path / "long.xlsx"
    wb.save(path)
    assert path.stat().st_size < 150_000
    report, findings = binhdang.read_workbook(path.read_bytes(), limits={"max_bytes": 150_000})
    assert report is None and [(f.code, f.context["limit_name"]) for f in findings] == [("too_large", "max_bytes")], findings
    report, findings = binhdang.read_workbook(path.read_bytes())
    assert report is not None and len(report.to_dict()["narrative"]) == 5


def test_narrative_findings_name_their_cells(tmp_path: pathlib.Path) -> None:
    """Nothing written where a plan requires sections: the finding names the
    sheet's input cells; a time typed alone reads as that time."""
    plan = ROOT / "tests" / "conformance" / "plans" / "narrative.json"
    wb = openpyxl.load_workbook(io.BytesIO(binhdang.report_form(plan, "105", "2024-annual")))
    wb[VALUES]["C7"] = datetime.date(2025, 1, 10)
    path = tmp_path / "empty.xlsx"
    wb.save(path)
    found = binhdang.validate_report(path.read_bytes(), plan, as_of="2025-01-15")
    missing = [f for f in found if f.code == "narrative_missing"]
    assert missing and {f.context["cell"] for f in missing} == {"'Thuyết minh'!C2:F3"}, missing
    wb["Thuyết minh"]["C2"] = datetime.time(14, 30)
    wb.save(path)
    report, _ = binhdang.read_workbook(path.read_bytes())
    assert report is not None and report.to_dict()["narrative"] == [{"area": 1, "results": "14:30"}]
