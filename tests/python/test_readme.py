"""Every Python block of the READMEs runs, from the repository root, and a
line written `expression  # literal` must give that literal: examples cannot rot."""
from __future__ import annotations

import ast
import os
import pathlib
import re
from typing import Any, Dict, List, Tuple

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
READMES = [ROOT / "README.md", ROOT / "bindings" / "python" / "README.md"]


def blocks() -> List[Tuple[str, str]]:
    out = []
    for readme in READMES:
        for i, code in enumerate(re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)):
            out.append((f"{readme.relative_to(ROOT)}#{i}", code))
    return out


BLOCKS = blocks()


def test_there_are_blocks() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("name,code", BLOCKS, ids=[n for n, _ in BLOCKS])
def test_readme_block_runs(name: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    scope: Dict[str, Any] = {}
    for line in code.splitlines():
        source, _, comment = line.partition("  #")
        expected: Any = None
        has_expected = False
        if comment.strip():
            try:
                expected = ast.literal_eval(comment.strip())
                has_expected = True
            except (ValueError, SyntaxError):
                pass
        if not source.strip():
            continue
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError:
            exec(source, scope)  # a statement
            continue
        value = eval(compile(tree, name, "eval"), scope)
        if has_expected:
            assert value == expected, f"{name}: {source.strip()} gave {value!r}, the README says {expected!r}"
