"""The province's consolidated report as a Word file, opened by real office
software: LibreOffice (headless) converts the Lai Châu 2024 document to PDF,
poppler's pdftotext reads its text and pdftoppm renders its first page."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import struct
import subprocess
import zlib
from typing import Any, Dict, List

import pytest

import binhdang
from test_excel import soffice
from vectors import binhdang_binary

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = ROOT / "examples" / "lai-chau-2024" / "reports"


def words(text: str) -> str:
    """Text with every run of blanks and dashes as one space: a PDF breaks
    lines where it likes, and pdftotext drops a dash that ends a line
    ("Việt -" then "Mông" reads "Việt Mông")."""
    return re.sub(r"[\s\-–]+", " ", text).strip()


def pdf_text(pdf: pathlib.Path) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "pdftotext is missing: tests/setup installs poppler-utils"
    return subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout.decode()


def png_pixels(path: pathlib.Path) -> List[int]:
    """The grey level of each pixel of an 8-bit PNG, grey or RGB (poppler's
    `pdftoppm -gray -png` writes either, by version): the mean of its channels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 1
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunk, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if chunk == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2, 6), (depth, colour)
            channels = {0: 1, 2: 3, 6: 4}[colour]
        elif chunk == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    pixels: List[int] = []
    stride = width * channels
    prev = [0] * stride
    for y in range(height):
        row = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, line = row[0], list(row[1:])
        out: List[int] = []
        for x, v in enumerate(line):
            a = out[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if kind == 1:
                v += a
            elif kind == 2:
                v += b
            elif kind == 3:
                v += (a + b) // 2
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                v += a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out.append(v & 0xFF)
        colours = min(channels, 3)
        pixels.extend(sum(out[i : i + colours]) // colours for i in range(0, stride, channels))
        prev = out
    return pixels


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    tmp = tmp_path_factory.mktemp("document")
    summary = binhdang.Summary(PLAN, REPORTS, "2025-01-15")
    path = tmp / "bao-cao.docx"
    summary.to_docx(path)
    out = soffice(tmp, path, "pdf")
    pdf = out / "bao-cao.pdf"
    return {"summary": summary, "pdf": pdf, "text": words(pdf_text(pdf)), "tmp": tmp}


def test_the_pdf_has_every_content_area_and_every_units_narrative(converted: Dict[str, Any]) -> None:
    text = converted["text"]
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    units = {u["id"]: u["name"] for u in plan["units"]}
    for area in plan["content_areas"]:
        assert words(f"{area['number']}. {area['title']}") in text, area["number"]
    narratives = converted["summary"].period("2024-annual").narratives
    assert len(narratives) == 17
    for n in narratives:
        assert words(units[n["unit"]]) in text
        for section in ("results", "shortcomings", "next_tasks", "recommendations"):
            if section in n:
                assert words(n[section]) in text, (n["unit"], n["area"], section)
    # The heading of Decree 30 and the closing.
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lai Châu, ngày 15 tháng 01 năm 2025",
                 "BÁO CÁO", "Nơi nhận:", "TRƯỞNG BAN", "Tổng Thanh Hải", "/BC-BVSTBPN"):
        assert words(line) in text, line


def test_the_appendix_figures_are_the_summarys(converted: Dict[str, Any]) -> None:
    text = converted["text"]
    appendix = text[text.index("PHỤ LỤC SỐ LIỆU"):]
    cols = converted["summary"].columns("figures")
    rows = [dict(zip(cols, values)) for values in zip(*cols.values())]
    root = converted["summary"].root
    province = [r for r in rows if r["entry"] == "2024-annual" and r["unit"] == root and r["value"] is not None]
    assert province
    for r in province:
        v = r["value"]
        shown = f"{int(v):,}".replace(",", ".") if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        assert shown in appendix, (r["indicator"], r["sex"], shown)
    # People reached in the province, by hand in core/tests/lai_chau.rs.
    for figure in ("26.100", "15.870", "41.970"):
        assert figure in appendix


def test_the_first_page_renders_with_ink(converted: Dict[str, Any]) -> None:
    exe = shutil.which("pdftoppm")
    assert exe, "pdftoppm is missing: tests/setup installs poppler-utils"
    prefix = converted["tmp"] / "page"
    subprocess.run([exe, "-f", "1", "-l", "1", "-r", "40", "-gray", "-png", str(converted["pdf"]), str(prefix)],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(converted["tmp"].glob("page*.png"))
    assert len(pages) == 1
    pixels = png_pixels(pages[0])
    dark = sum(1 for p in pixels if p < 128)
    assert 0.005 < dark / len(pixels) < 0.5, dark / len(pixels)


def test_html_and_the_cli_give_the_same_document(tmp_path: pathlib.Path) -> None:
    summary = binhdang.Summary(PLAN, REPORTS, "2025-01-15")
    html = summary.to_html()
    assert html.startswith("<!DOCTYPE html>")
    assert "Tham mưu quy hoạch 86 cán bộ nữ" in html
    six = summary.to_html("2024-6m")
    assert "6 tháng đầu năm 2024" in six
    with pytest.raises(KeyError):
        summary.to_html("2023-annual")
    out = tmp_path / "bao-cao.html"
    subprocess.run([binhdang_binary(), "aggregate", "--plan", str(PLAN), "--as-of", "2025-01-15", "--format", "html",
                    "--out", str(out), str(REPORTS)], check=True, capture_output=True, timeout=120)
    assert out.read_text(encoding="utf-8") == html
    docx = tmp_path / "bao-cao.docx"
    subprocess.run([binhdang_binary(), "aggregate", "--plan", str(PLAN), "--as-of", "2025-01-15", "--format", "docx",
                    "--out", str(docx), str(REPORTS)], check=True, capture_output=True, timeout=120)
    assert docx.read_bytes() == summary.to_docx_bytes()


def test_control_characters_in_a_narrative_still_make_a_word_file(tmp_path: pathlib.Path) -> None:
    """Text pasted from another program carries control characters (Excel
    keeps Word's manual line break U+000B as `_x000B_`; JSON escapes any of
    them). XML cannot hold them at all: the document leaves them out (a
    line or page break as a space), so Word can open the file."""
    import xml.etree.ElementTree as ET
    import zipfile

    report = json.loads((ROOT / "examples" / "lai-chau-2024" / "reports" / "2024-annual-111.json").read_text(encoding="utf-8"))
    report["narrative"] = [{"area": 1, "results": "Dòng một\u000bdòng hai\u0000\u001f hết."}]
    others = [p for p in sorted((ROOT / "examples" / "lai-chau-2024" / "reports").glob("*.json")) if p.name != "2024-annual-111.json"]
    summary = binhdang.aggregate(PLAN, [report, *others], "2025-01-15")
    path = tmp_path / "bao-cao.docx"
    summary.to_docx(path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    ET.fromstring(xml)  # well-formed: Word opens it
    assert "Dòng một dòng hai hết." in xml
