"""The example notebook runs top to bottom, so it cannot rot."""
from __future__ import annotations

import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "python" / "lai-chau-2024.ipynb"


def test_notebook_runs_top_to_bottom(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("matplotlib")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    # The findings table, the summary's HTML, the completeness pivot, and the chart.
    assert "2024-6m-106.json" in text + html and "Tổng số (130)" in text + html
    assert "đã nhận 11/15 đơn vị" in html
    assert any("image/png" in o.get("data", {}) for o in outputs), "the progress chart"
    assert "Counter({'used': 15, 'rejected': 4})" in text
    # The breakdown of Project 8 trainees: the ethnic minorities' row, by sex
    # (73 + 43 + 111 women in the annual reports).
    assert "dtts" in html and "227" in html
    # Keep a copy of the executed notebook to look at.
    nbformat.write(nb, str(tmp_path / "executed.ipynb"))
