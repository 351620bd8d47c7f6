"""Makes the filled workbooks of the Excel vectors: a unit's form, generated
by binhdang, filled with openpyxl the way a person fills it (an independent
library writes every cell). Run from the repository root with the test venv:

    target/py-venv/bin/python tests/conformance/excel/make.py

The workbooks are checked in: a form already sent out must keep reading the
same way, so they are not remade by the tests. The vectors' `expected` are
written by hand beside them (see tests/conformance/README.md, `excel/`)."""
from __future__ import annotations

import datetime
import io
import pathlib

import openpyxl

import binhdang

ROOT = pathlib.Path(__file__).resolve().parents[3]
HERE = ROOT / "tests" / "conformance" / "excel"
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
VALUES = "Chỉ tiêu"


def form(unit: str, entry: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(binhdang.report_form(PLAN, unit, entry)))


def row(ws: openpyxl.worksheet.worksheet.Worksheet, indicator: str, label: str = "Tổng") -> int:
    for r in ws.iter_rows(min_row=1):
        if r[0].value == indicator and r[2].value == label:
            return int(r[0].row)
    raise KeyError((indicator, label))


def wrong_total_and_text_number() -> None:
    """Huyện Nậm Nhùn's annual form: a total that is not female + male, and a
    count typed as text with a thousands dot."""
    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2500  # 1220 + 1190 is 2410
    r = row(ws, "training_participants")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = "1.234", 70, 1304  # typed as text, the Vietnamese way
    ws[f"F{row(ws, 'communication_events')}"] = 12
    ws[f"F{row(ws, 'training_classes')}"] = 0  # a zero is reported
    wb.save(HERE / "01-wrong-total-and-text-number.xlsx")


def messy() -> None:
    """What people do to a spreadsheet: the date typed as text, a breakdown
    whose cells miss their total, a word where a number goes, a blank left
    blank, a row hidden, label cells merged, a sheet of their own."""
    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = "2/12/2024"
    r = row(ws, "victims_supported")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 3, 1, 4
    for label, n in (("Nhóm tuổi: Dưới 16 tuổi", 1), ("Nhóm tuổi: Từ 16 đến 59 tuổi", 1),
                     ("Nhóm tuổi: Từ 60 tuổi trở lên", 1)):
        ws[f"F{row(ws, 'victims_supported', label)}"] = n  # 1 + 1 + 1 is not 4
    ws.row_dimensions[row(ws, "victims_supported", "Khu vực: Thành thị")].hidden = True
    ws[f"F{row(ws, 'inspections')}"] = "mười"  # a word: the value is left out, with its cell
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = "600", "590", "1.190"  # text: one plain, one with a dot
    ws.merge_cells(f"A{row(ws, 'training_classes')}:B{row(ws, 'training_classes')}")
    ws[f"F{row(ws, 'training_classes')}"] = 4
    wb.create_sheet("Ghi chú của tôi")["A1"] = "số liệu tạm tính, chờ xã gửi"
    wb.save(HERE / "02-messy.xlsx")


def not_a_form() -> None:
    """A workbook of a unit's own making, not a binhdang form."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws.append(["Chỉ tiêu", "Nữ", "Nam", "Tổng"])
    ws.append(["Số lượt người được truyền thông", 1220, 1190, 2410])
    wb.save(HERE / "03-not-a-form.xlsx")


def corrupt() -> None:
    """The first workbook cut off halfway, as a failed download leaves it."""
    whole = (HERE / "01-wrong-total-and-text-number.xlsx").read_bytes()
    (HERE / "04-cut-off.xlsx").write_bytes(whole[: len(whole) // 2])


def unpacks_a_thousandfold() -> None:
    """A zip bomb: the first workbook with a part of 40 MB of spaces, which
    deflate packs into some 40 kB."""
    import zipfile

    src = zipfile.ZipFile(HERE / "01-wrong-total-and-text-number.xlsx")
    with zipfile.ZipFile(HERE / "06-unpacks-a-thousandfold.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item.filename, src.read(item.filename))
        z.writestr("xl/padding.xml", b" " * 40_000_000)


def understates_its_sizes() -> None:
    """A zip bomb whose directory lies: the first workbook's sheet padded
    with 40 MB of spaces inside its rows (still XML a reader must read
    through), its declared size patched down to 5,000 bytes in the local
    header and in the directory."""
    import struct
    import zipfile

    name = "xl/worksheets/sheet1.xml"
    src = zipfile.ZipFile(HERE / "01-wrong-total-and-text-number.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == name:
                at = data.index(b"<sheetData>") + len(b"<sheetData>")
                data = data[:at] + b" " * 40_000_000 + data[at:]
            z.writestr(item.filename, data)
    b = bytearray(out.getvalue())
    # (signature, offset of the name's length, of the name, of the unpacked size)
    for sig, at_len, at_name, at_size in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        i = b.find(sig)
        while i >= 0:
            (n,) = struct.unpack_from("<H", b, i + at_len)
            if bytes(b[i + at_name:i + at_name + n]) == name.encode():
                struct.pack_into("<I", b, i + at_size, 5000)
            i = b.find(sig, i + 4)
    (HERE / "07-understates-its-sizes.xlsx").write_bytes(bytes(b))


def shared_string_past_the_list() -> None:
    """A damaged form whose text cells name shared strings past the list
    (string 999999 of some hundred): a reader that indexes without checking
    panics, and in WebAssembly a panic is a trap."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(binhdang.report_form(PLAN, "112", "2024-annual")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(t="s"[^>]*><v>)[0-9]+(</v>)', rb"\g<1>999999\g<2>", data)
            z.writestr(item.filename, data)
    (HERE / "08-shared-string-past-the-list.xlsx").write_bytes(out.getvalue())


def rows_moved() -> None:
    """A form whose rows a person moved: people reached and the count of
    communication events swapped (cut and pasted), the training rows
    sorted to the end. Each row is found by what it shows (its id and
    label), so every figure is read from the row it was typed on."""
    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2410
    ws[f"F{row(ws, 'communication_events')}"] = 12
    r = row(ws, "training_participants")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 80, 70, 150

    def swap(a: int, b: int) -> None:
        for col in "ABCDEFG":
            ws[f"{col}{a}"].value, ws[f"{col}{b}"].value = ws[f"{col}{b}"].value, ws[f"{col}{a}"].value

    swap(row(ws, "people_reached"), row(ws, "communication_events"))
    swap(row(ws, "training_participants"), ws.max_row)
    wb.save(HERE / "09-rows-moved.xlsx")


def row_deleted() -> None:
    """A form with a row deleted (the training participants', after it was
    filled) and the rows below moved up: the deleted row's figures cannot be
    read, and the reader says which row; every other row is still found."""
    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2410
    ws[f"F{row(ws, 'inspections')}"] = 3
    r = row(ws, "training_participants")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 80, 70, 150
    ws.delete_rows(r)
    wb.save(HERE / "10-row-deleted.xlsx")


def _with_sheet_edited(name: str, edit) -> None:
    """Huyện Nậm Nhùn's annual form with people reached filled in, its
    indicator sheet's XML changed by `edit` (as a tool other than a
    spreadsheet program would change it)."""
    import zipfile

    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2410
    filled = io.BytesIO()
    wb.save(filled)
    src = zipfile.ZipFile(filled)
    # openpyxl writes the sheets in order: the indicator sheet is the first.
    assert wb.sheetnames[0] == VALUES
    sheet = "xl/worksheets/sheet1.xml"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == sheet:
                data = edit(data, r)
            z.writestr(item.filename, data)
    (HERE / name).write_bytes(out.getvalue())


def cell_outside_grid() -> None:
    """A filled form whose cell F (people reached, total) is addressed with
    ten letters: past column XFD, and past what a u32 holds (calamine 0.38
    overflowed on it and panicked: a trap in WebAssembly)."""
    def edit(data: bytes, r: int) -> bytes:
        old = f'r="F{r}"'.encode()
        assert data.count(old) == 1
        return data.replace(old, f'r="AAAAAAAAAF{r}"'.encode())
    _with_sheet_edited("11-cell-outside-the-grid.xlsx", edit)


def dimension_backwards() -> None:
    """A filled form whose indicator sheet declares its dimension backwards
    (`G139:A1`): calamine 0.38 underflowed on it; it reads as if right."""
    import re

    def edit(data: bytes, r: int) -> bytes:
        data, n = re.subn(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="G139:A1"/>', data)
        assert n == 1
        return data
    _with_sheet_edited("12-dimension-backwards.xlsx", edit)


def narrative() -> None:
    """A form of a plan that requires the results and the shortcomings of
    each content area (tests/conformance/plans/narrative.json), its
    narrative sheet filled as an officer fills it: area 1 both sections (the
    results over two lines), area 2 its results only. The text reads back
    as typed; the missing section is a warning at its cell."""
    plan = ROOT / "tests" / "conformance" / "plans" / "narrative.json"
    wb = openpyxl.load_workbook(io.BytesIO(binhdang.report_form(plan, "105", "2024-annual")))
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2025, 1, 10)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 60, 40, 100
    ws = wb["Thuyết minh"]
    assert ws["A2"].value == "1" and ws["A3"].value == "2"
    ws["C2"] = "Tổ chức 4 buổi truyền thông về bình đẳng giới.\nThu hút 100 người tham dự, 60 nữ."
    ws["D2"] = "Kinh phí còn hạn chế; một số thôn ở xa chưa được tuyên truyền."
    ws["C3"] = "Tổ chức 1 lớp tập huấn kỹ năng phòng, chống bạo lực gia đình."
    wb.save(HERE / "13-narrative.xlsx")


def row_copied() -> None:
    """A filled row pasted again below the last one, other figures typed in
    the copy, the original left where it was: the original is read, and the
    copy is a malformed finding (row_copied) at its row, not dropped unsaid."""
    wb = form("112", "2024-annual")
    ws = wb[VALUES]
    ws["C7"] = datetime.date(2024, 12, 2)
    r = row(ws, "people_reached")
    ws[f"D{r}"], ws[f"E{r}"], ws[f"F{r}"] = 1220, 1190, 2410
    copy = ws.max_row + 1
    for col in "ABCDEFG":
        ws[f"{col}{copy}"] = ws[f"{col}{r}"].value
    ws[f"D{copy}"], ws[f"E{copy}"], ws[f"F{copy}"] = 30, 20, 50
    wb.save(HERE / "14-row-copied.xlsx")


if __name__ == "__main__":
    wrong_total_and_text_number()
    messy()
    not_a_form()
    corrupt()
    unpacks_a_thousandfold()
    understates_its_sizes()
    shared_string_past_the_list()
    rows_moved()
    row_deleted()
    cell_outside_grid()
    dimension_backwards()
    narrative()
    row_copied()
