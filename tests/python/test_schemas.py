"""The checked-in schemas in an independent validator (jsonschema, draft
2020-12, with its format checker): every schema is a valid schema, every
bundled and vector plan and report validates, every example validates
against its own subschema, and the schema agrees with binhdang's reader on
what can be read (docs/schemas.md lists what a schema cannot say)."""
from __future__ import annotations

import json
import pathlib
import copy
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import jsonschema
import pytest

import binhdang
from vectors import binhdang_binary, vectors

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
NAMES = ["plan", "report", "catalog", "finding", "summary", "tables", "limits"]


def load(path: Any) -> Any:
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def validator(name: str, pointer: str = "") -> jsonschema.Draft202012Validator:
    """The schema `name`, or its subschema at `pointer` (with the root's `$defs` to resolve refs)."""
    schema = load(SCHEMAS / f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    if pointer:
        schema = {"$defs": schema["$defs"], "$ref": f"#{pointer}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_a_valid_2020_12_schema_with_a_versioned_id(name: str) -> None:
    schema = load(SCHEMAS / f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"https://binhdang.vn/schemas/v1/{name}.schema.json"
    assert schema["title"] and schema["description"]
    assert binhdang.schema(name) == schema


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
    assert len(findings) == 8
    v = validator("finding")
    for f in findings:
        assert v.is_valid(f), f


# ---- Every plan and report binhdang ships or tests with.


def documents() -> List[Tuple[str, str, Any]]:
    """(label, "plan" | "report", value) for every JSON plan and report."""
    out: List[Tuple[str, str, Any]] = []
    for kind, path in EXAMPLES:
        out.append((str(path.relative_to(ROOT)), kind, load(path)))
    for name, plan in vectors("plans"):
        out.append((f"plans/{name}", "plan", plan))
    for folder in ("validate", "aggregate"):
        for name, v in vectors(folder):
            if isinstance(v["plan"], dict):
                out.append((f"{folder}/{name} plan", "plan", v["plan"]))
            if "report" in v:
                out.append((f"{folder}/{name} report", "report", v["report"]))
            as_text = v.get("reports_as_text", [])
            for i, r in enumerate(v.get("reports", [])):
                if not (i < len(as_text) and as_text[i]):
                    out.append((f"{folder}/{name} reports/{i}", "report", r))
            for i, r in enumerate(v.get("context", {}).get("earlier", [])):
                out.append((f"{folder}/{name} earlier/{i}", "report", r))
    return out


DOCUMENTS = documents()
VALIDATORS = {kind: validator(kind) for kind in ("plan", "report", "limits")}
SMALL = binhdang.Checker(ROOT / "tests/conformance/plans/small.json")


def reader(kind: str, value: Any) -> Tuple[str, List[str]]:
    """What binhdang's reader says: ("clean" | "too_large" | "malformed", malformed paths)."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        if kind == "plan":
            binhdang.load_plan(text)
        elif kind == "limits":
            SMALL.validate_report("{}", as_of="2024-12-31", limits=value)
        else:
            binhdang.load_report(text)
        return "clean", []
    except binhdang.BinhdangError as e:
        codes = {f.code for f in e.findings}
        if "too_large" in codes:
            return "too_large", []
        if kind == "limits":
            return "malformed", []  # limits the core cannot read come back as a message only
        paths = [f.path for f in e.findings if f.code == "malformed"]
        assert paths, e.findings
        return "malformed", paths


def escape(key: Any) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def pointer(path: Any) -> str:
    return "".join(f"/{escape(k)}" for k in path)


def within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer + "/")


def explains(error: jsonschema.ValidationError, path: str) -> bool:
    """Whether a schema error is about the place of the reader's finding at
    `path`: the same place, or one inside the other (the reader refuses a
    whole target where the schema names its field). A missing field: the
    reader points at the field, the schema at its parent."""
    at = pointer(error.absolute_path)
    places = [at]
    if error.validator == "required" and isinstance(error.instance, dict):
        places = [f"{at}/{escape(k)}" for k in error.validator_value if k not in error.instance]
    return any(within(p, path) or within(path, p) for p in places)


def agreement(kind: str, value: Any, tally: Dict[str, int]) -> Optional[str]:
    """Compares the reader and the schema on one document: a disagreement as text, or None."""
    verdict, paths = reader(kind, value)
    errors = list(VALIDATORS[kind].iter_errors(value))
    tally[verdict] = tally.get(verdict, 0) + 1
    if verdict == "too_large":
        return None  # limits are the host's, not the contract's
    if verdict == "clean":
        return None if not errors else f"the reader reads it, the schema refuses: {[(pointer(e.absolute_path), e.message) for e in errors[:3]]}"
    if not errors:
        return f"the reader finds it malformed at {paths}, the schema accepts it"
    unexplained = [p for p in paths if not any(explains(e, p) for e in errors)]
    if unexplained:
        return f"malformed at {unexplained} for the reader; the schema says {[(pointer(e.absolute_path), e.message) for e in errors[:3]]}"
    return None


def test_there_are_documents_of_both_kinds() -> None:
    kinds = [k for _, k, _ in DOCUMENTS]
    assert kinds.count("plan") >= 10 and kinds.count("report") >= 150


def test_every_bundled_and_vector_document_the_schema_and_the_reader_agree() -> None:
    tally: Dict[str, int] = {}
    disagreements = []
    for label, kind, value in DOCUMENTS:
        d = agreement(kind, value, tally)
        if d:
            disagreements.append(f"{label}: {d}")
    assert disagreements == []
    assert tally["malformed"] >= 16 and tally["clean"] >= 150, tally


def test_the_vectors_malformed_findings_are_the_readers() -> None:
    """The agreement leans on the reader: check it against the hand-made vectors where they overlap."""
    for name, v in vectors("validate"):
        if "report" not in v or v.get("mode") == "plan" or "limits" in v:
            continue
        expected = [x["path"] for x in v["expected"] if x["code"] == "malformed"]
        verdict, paths = reader("report", v["report"])
        assert sorted(paths if verdict == "malformed" else []) == sorted(expected), name


# ---- Mutations: every place of a plan and a report made wrong in each way a
# schema can express, then given to both.


def places(doc: Any) -> List[Tuple[str, List[Any]]]:
    """(JSON Pointer, path as keys) of every value in `doc` but the document itself."""
    out: List[Tuple[str, List[Any]]] = []

    def walk(x: Any, keys: List[Any]) -> None:
        if keys:
            out.append((pointer(keys), keys))
        if isinstance(x, list):
            for i, v in enumerate(x):
                walk(v, keys + [i])
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(v, keys + [k])

    walk(doc, [])
    return out


_REMOVE = object()


def replaced(doc: Any, keys: List[Any], swap: Any) -> Any:
    copy_ = copy.deepcopy(doc)
    parent = copy_
    for k in keys[:-1]:
        parent = parent[k]
    if swap is _REMOVE:
        del parent[keys[-1]]
    else:
        parent[keys[-1]] = swap
    return copy_


def mutations(doc: Any) -> Iterator[Tuple[str, Any]]:
    """Each place made wrong in each way, at its first occurrence only
    (`/units/3/name` is `/units/0/name` again): linear in the document's shape."""
    seen = set()
    for at, keys in places(doc):
        shape = tuple("*" if isinstance(k, int) else k for k in keys)
        if shape in seen:
            continue
        seen.add(shape)
        parent = doc
        for k in keys[:-1]:
            parent = parent[k]
        x = parent[keys[-1]]
        swaps: List[Any] = [None, "text", True, {}, []]
        if isinstance(x, dict):
            swaps.append(list(x.values()))  # serde would fill a struct by position
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            # 2^32 − 1 and 2^32: the edge of Rust's usize in WebAssembly (the limits).
            swaps += [-1, 2.5, 2**53, 2**53 - 1, 2**32 - 1, 2**32, 0]
        if isinstance(x, str):
            swaps += [5, ""]
            if len(x) == 10 and x[4] == "-" and x[7] == "-":
                swaps += ["2024-02-30", "5/6/2024", "2024-6-5", "20240605"]
        for swap in swaps:
            yield f"{at} = {json.dumps(swap)}", replaced(doc, keys, swap)
        if isinstance(parent, dict):
            yield f"{at} removed", replaced(doc, keys, _REMOVE)


def example(name: str, definition: Optional[str] = None) -> Any:
    """The schema's example (of `definition`)."""
    schema = load(SCHEMAS / f"{name}.schema.json")
    return copy.deepcopy((schema["$defs"][definition] if definition else schema)["examples"][0])


def full_plan() -> Any:
    """A plan with every optional part filled in, from the schema's examples."""
    plan = example("plan")
    indicator = example("plan", "Indicator")
    indicator.update(measure={"type": "rate", "per": 100000}, sdg_series="SH_STA_MORT", targets=[example("plan", "Target")])
    plan["indicators"] = [indicator]
    plan["targets"] = [dict(example("plan", "PlanTarget"), approximate=True, direction="at_most", note="khoảng")]
    plan["rules"] = dict(example("plan", "RuleSettings"), outlier_factor=3, outlier_min=20)
    plan["legal_bases"][0].update(date="2021-03-03", note="ngày ban hành")
    plan["content_areas"][0]["title_en"] = "Communication"
    plan["content_areas"][0]["activities"][0].update(window=example("plan", "Window"), programmes=["Đề án 938"])
    plan["funding_sources"][0]["name_en"] = "Local budget"
    plan["reporting"]["text"] = "Báo cáo 6 tháng trước ngày 10/7."
    district = next(u for u in plan["units"] if u["id"] == "105")
    district.update(name_en="Lai Chau city", note="x", valid_from="2004-10-01", valid_to="2025-06-30",
                    successor_of=["106"], earlier_parents=[example("plan", "EarlierParent")])
    return plan


def full_report() -> Any:
    """A report with every optional part filled in, from the schema's examples."""
    report = example("report")
    report["notes"] = "Khó khăn: kinh phí."
    report["values"].append({
        "indicator": "nq28-mt1",
        "numerator": {"female": 3, "male": 2, "total": 5},
        "denominator": {"female": 4, "male": 3, "total": 7},
        "stated": 71.4,
        "note": "x",
    })
    report["activities"][0].update(note="x", outputs=[{"indicator": "communication_events", "total": 3}])
    return report


BASES = [
    ("report", "examples/lai-chau-2024/reports/2024-annual-105.json", lambda: load(ROOT / "examples/lai-chau-2024/reports/2024-annual-105.json")),
    ("report", "every part of a report", full_report),
    ("plan", "tests/conformance/plans/reform.json", lambda: load(ROOT / "tests/conformance/plans/reform.json")),
    # (The bundled plan's mutations run in Node only: jsonschema takes half a minute over them.)
    ("plan", "every part of a plan", full_plan),
    ("limits", "limits", lambda: {"max_bytes": 4194304, "max_depth": 32, "max_values": 10000, "max_reports": 1000000}),
]


@pytest.mark.parametrize("kind,source,make", BASES, ids=[b[1] for b in BASES])
def test_mutations_the_schema_and_the_reader_agree(kind: str, source: str, make: Callable[[], Any]) -> None:
    base = make()
    assert reader(kind, base) == ("clean", []), "the base reads"
    tally: Dict[str, int] = {}
    disagreements = []
    for what, doc in mutations(base):
        d = agreement(kind, doc, tally)
        if d:
            disagreements.append(f"{what}: {d}")
    assert disagreements == []
    assert tally.get("malformed", 0) > 0 and tally.get("clean", 0) > 0, tally


def test_a_whole_number_written_with_a_point_is_whole_to_both() -> None:
    """JSON Schema's integers are numbers with no fraction, so 4.0 is one; the
    reader agrees (what pandas or a spreadsheet writes for a count), and both
    refuse 4.5."""
    report = load(ROOT / "examples/lai-chau-2024/reports/2024-6m-105.json")
    report["values"][0]["total"] = 4.0
    assert reader("report", report)[0] != "malformed"
    assert VALIDATORS["report"].is_valid(report)
    report["values"][0]["total"] = 4.5
    assert reader("report", report) == ("malformed", ["/values/0/total"])
    assert not VALIDATORS["report"].is_valid(report)
    plan = load(ROOT / "tests/conformance/plans/small.json")
    plan["year"] = 2024.0
    assert reader("plan", plan)[0] != "malformed"
    assert VALIDATORS["plan"].is_valid(plan)


# ---- Examples.


def schema_examples() -> Iterator[Tuple[str, str, Any]]:
    """(schema, JSON Pointer, example) for every example in every schema."""

    def walk(name: str, x: Any, at: str) -> Iterator[Tuple[str, str, Any]]:
        if isinstance(x, list):
            for i, v in enumerate(x):
                yield from walk(name, v, f"{at}/{i}")
        elif isinstance(x, dict):
            for example in x.get("examples", []):
                yield name, at, example
            for k, v in x.items():
                if k not in ("examples", "const", "enum", "default"):
                    yield from walk(name, v, f"{at}/{escape(k)}")

    for name in NAMES:
        yield from walk(name, load(SCHEMAS / f"{name}.schema.json"), "")


SCHEMA_EXAMPLES = list(schema_examples())


def test_every_object_of_the_plan_and_report_has_an_example() -> None:
    assert len(SCHEMA_EXAMPLES) >= 29
    with_examples = {(n, at) for n, at, _ in SCHEMA_EXAMPLES}
    for name in ("plan", "report"):
        for at, keys in [("", [])] + places(load(SCHEMAS / f"{name}.schema.json")):
            node = load(SCHEMAS / f"{name}.schema.json")
            for k in keys:
                node = node[k]
            if isinstance(node, dict) and node.get("type") == "object" and "examples" not in keys and "const" not in keys:
                assert (name, at) in with_examples, f"{name}#{at}"


@pytest.mark.parametrize("name,at,example", SCHEMA_EXAMPLES, ids=[f"{n}#{a}" for n, a, _ in SCHEMA_EXAMPLES])
def test_example_is_valid_against_its_own_subschema(name: str, at: str, example: Any) -> None:
    errors = list(validator(name, at).iter_errors(example))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
