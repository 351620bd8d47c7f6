"""A plan given as a dict is written out once per content, not per call
(bindings/python/src/plan_cache.rs): a dict changed in place since, even to
a value Python finds equal (``1 == 1.0 == True``), gives the findings of its
new content, exactly as a fresh copy of it does."""
from __future__ import annotations

import copy
import json
import pathlib
from typing import Any, Callable, Dict, List, Tuple

import pytest

import binhdang

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "lai-chau-2024" / "reports").glob("*.json"))]
AS_OF = "2025-01-15"


class Text(str):
    """A str subclass: written as the text it holds, never kept as a str is."""


def plan() -> Dict[str, Any]:
    loaded: Dict[str, Any] = json.loads(PLAN.read_text(encoding="utf-8"))
    return loaded


def outcome(call: Callable[[], Any]) -> Any:
    """What a call gives, comparable: its findings, or the error it raised."""
    try:
        result = call()
    except binhdang.BinhdangError as e:
        return ("error", str(e), [f.to_dict() for f in e.findings])
    if isinstance(result, list):
        return [f.to_dict() if hasattr(f, "to_dict") else f for f in result]
    return result.to_dict() if hasattr(result, "to_dict") else result


def every_entry_point(p: Any) -> List[Any]:
    """The plan through each API that takes one."""
    return [
        outcome(lambda: [binhdang.validate_report(r, p, as_of=AS_OF) for r in REPORTS]),
        outcome(lambda: [o.findings for o in binhdang.validate_reports(REPORTS, p, as_of=AS_OF)]),
        outcome(lambda: [binhdang.Checker(p).validate_report(r, as_of=AS_OF) for r in REPORTS]),
        outcome(lambda: binhdang.load_plan(p)),
        outcome(lambda: binhdang.check_plan(p)),
        outcome(lambda: binhdang.aggregate(p, REPORTS, AS_OF)),
    ]


def due_earlier(p: Dict[str, Any]) -> None:
    p["reporting"]["schedule"][0]["due"] = "2024-05-01"


def unit_dropped(p: Dict[str, Any]) -> None:
    p["reporting"]["units"].remove("106")


def unit_added(p: Dict[str, Any]) -> None:
    p["reporting"]["units"].append("999")


def true_as_one(p: Dict[str, Any]) -> None:
    p["indicators"][0]["by_sex"] = 1


def year_as_float(p: Dict[str, Any]) -> None:
    p["year"] = 2024.0


def number_as_float(p: Dict[str, Any]) -> None:
    p["content_areas"][0]["number"] = 1.0


def key_removed(p: Dict[str, Any]) -> None:
    del p["reporting"]["required_indicators"]


def key_added(p: Dict[str, Any]) -> None:
    p["reporting"]["extra"] = True


def keys_reordered(p: Dict[str, Any]) -> None:
    first = p.pop("number")
    p["number"] = first


def str_subclass(p: Dict[str, Any]) -> None:
    p["number"] = Text(p["number"])


def id_as_subclass(p: Dict[str, Any]) -> None:
    p["indicators"][0]["id"] = Text(p["indicators"][0]["id"])


def list_as_tuple(p: Dict[str, Any]) -> None:
    p["reporting"]["units"] = tuple(p["reporting"]["units"])


MUTATIONS: List[Tuple[Callable[[Dict[str, Any]], None], bool]] = [
    # (mutation, whether the findings must change)
    (due_earlier, True),
    (unit_dropped, True),
    (unit_added, False),
    (true_as_one, True),
    (year_as_float, False),
    (number_as_float, False),
    (key_removed, True),
    (key_added, False),
    (keys_reordered, False),
    (str_subclass, False),
    (id_as_subclass, False),
    (list_as_tuple, False),
]


@pytest.mark.parametrize("mutate,changes", MUTATIONS, ids=[m.__name__ for m, _ in MUTATIONS])
def test_a_plan_dict_changed_in_place_gives_its_new_content(mutate: Callable[[Dict[str, Any]], None], changes: bool) -> None:
    """The same dict object, used, changed in place, used again: the second
    answer is a fresh copy's, for every API that takes a plan."""
    p = plan()
    before = every_entry_point(p)
    assert every_entry_point(p) == before  # the same content, kept: the same answers
    mutate(p)
    after = every_entry_point(p)
    assert after == every_entry_point(copy.deepcopy(p))
    if changes:
        assert after != before
    # And back: the earlier content, given again, gives its answers again.
    assert every_entry_point(plan()) == before


def test_a_value_python_finds_equal_is_not_the_same_plan() -> None:
    """``True == 1`` and ``1 == 1.0``, but ``true``, ``1`` and ``1.0`` are
    read differently: each, swapped in place, answers as its own text does."""
    p = plan()
    for value in [True, 1, 1.0, True, 1.0, 1]:
        p["indicators"][0]["by_sex"] = value
        text = json.dumps(p, ensure_ascii=False)
        assert outcome(lambda: binhdang.check_plan(p)) == outcome(lambda: binhdang.check_plan(text)), repr(value)
    for value in [0.0, -0.0, 0.0]:
        p["year"] = value
        text = json.dumps(p, ensure_ascii=False)
        assert outcome(lambda: binhdang.check_plan(p)) == outcome(lambda: binhdang.check_plan(text)), repr(value)


def test_a_nested_list_changed_in_place_is_seen() -> None:
    p = plan()
    report = next(r for r in REPORTS if r["unit"] == "105")
    assert not binhdang.validate_report(report, p, as_of=AS_OF).errors
    p["reporting"]["units"].remove("105")
    p["units"] = [u for u in p["units"] if u["id"] != "105"]
    fresh = outcome(lambda: binhdang.validate_report(report, copy.deepcopy(p), as_of=AS_OF))
    assert outcome(lambda: binhdang.validate_report(report, p, as_of=AS_OF)) == fresh
    assert fresh != outcome(lambda: binhdang.validate_report(report, plan(), as_of=AS_OF))


def test_what_is_not_kept_is_written_out_as_before() -> None:
    """A plan nested past what is kept, or holding itself, is written out on
    every call: the core's findings, no crash."""
    deep: Any = 1
    for _ in range(500):
        deep = [deep]
    p = plan()
    p["extra"] = deep
    text = json.dumps(p, ensure_ascii=False)
    assert outcome(lambda: binhdang.check_plan(p)) == outcome(lambda: binhdang.check_plan(text))
    cycle = plan()
    cycle["extra"] = [cycle]
    first = outcome(lambda: binhdang.check_plan(cycle))
    assert outcome(lambda: binhdang.check_plan(cycle)) == first
    assert first != outcome(lambda: binhdang.check_plan(plan()))
