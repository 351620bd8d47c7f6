"""Every JSON file in examples/ validates against its checked-in schema,
with an independent validator (jsonschema, draft 2020-12)."""
from __future__ import annotations

import json
import pathlib
from typing import Any, Iterator, Tuple

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"


def load(path: Any) -> Any:
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = load(SCHEMAS / f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def example_files() -> Iterator[Tuple[str, pathlib.Path]]:
    """(schema name, file) for every JSON example: plans and reports."""
    for path in sorted((ROOT / "examples").rglob("*.json")):
        if path.name == "plan.json":
            yield "plan", path
        elif path.parent.name == "reports":
            yield "report", path


EXAMPLES = list(example_files())


def test_there_are_examples() -> None:
    kinds = [k for k, _ in EXAMPLES]
    assert kinds.count("plan") >= 1 and kinds.count("report") >= 12


@pytest.mark.parametrize("kind,path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for _, p in EXAMPLES])
def test_example_validates(kind: str, path: pathlib.Path) -> None:
    errors = sorted(validator(kind).iter_errors(load(path)), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_schema_rejects_what_the_library_rejects() -> None:
    """The schema is not a rubber stamp: a negative count or a bad date fails it too."""
    report = load(ROOT / "examples/lai-chau-2024/reports/2024-6m-105.json")
    v = validator("report")
    bad = json.loads(json.dumps(report))
    bad["values"][0]["total"] = -1
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(report))
    bad["submitted"] = "24/6/2024"
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps(report))
    bad["kind"] = "quarterly"
    assert not v.is_valid(bad)
    del bad["unit"]
    assert not v.is_valid(bad)


def test_catalog_schema_describes_the_builtin_catalogue() -> None:
    schema = load(SCHEMAS / "catalog.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "indicators" in schema["properties"]


def binhdang_binary() -> pathlib.Path:
    """The CLI that tests/run built with the Rust suites."""
    for profile in ("debug", "release"):
        exe = ROOT / "target" / profile / "binhdang"
        if exe.exists():
            return exe
    raise AssertionError("build the CLI first: cargo build (tests/run does)")


def test_summary_validates_against_its_schema() -> None:
    import subprocess

    out = subprocess.run(
        [str(binhdang_binary()), "aggregate", "--format", "json", "--as-of", "2025-01-15",
         "--plan", str(ROOT / "examples/lai-chau-2024/plan.json"), str(ROOT / "examples/lai-chau-2024/reports")],
        check=True, capture_output=True, text=True,
    )
    summary = json.loads(out.stdout)
    errors = list(validator("summary").iter_errors(summary))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert summary["periods"][1]["completeness"]["received"] == 11


def test_validation_output_findings_validate_against_the_finding_schema() -> None:
    import subprocess

    out = subprocess.run(
        [str(binhdang_binary()), "validate", "--format", "json", "--as-of", "2025-01-15",
         "--plan", str(ROOT / "examples/lai-chau-2024/plan.json"), str(ROOT / "examples/lai-chau-2024/reports")],
        capture_output=True, text=True,
    )
    assert out.returncode == 1  # the folder has reports with errors on purpose
    findings = [f for r in json.loads(out.stdout)["reports"] for f in r["findings"]]
    assert len(findings) == 6
    v = validator("finding")
    for f in findings:
        assert v.is_valid(f), f
