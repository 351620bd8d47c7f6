"""The summary in other systems' formats: SDMX-CSV read back by an
independent SDMX library (pysdmx), and DHIS2 dataValueSets through a
host's mapping. Both hold exactly the figures of the tidy table."""
from __future__ import annotations

import datetime
import json
import pathlib
import subprocess
from typing import Any, Dict, List, Tuple

import pytest
from pysdmx.io import get_datasets

import binhdang
from vectors import binhdang_binary

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "examples" / "lai-chau-2024" / "plan.json"
REPORTS = ROOT / "examples" / "lai-chau-2024" / "reports"
DIMS = ("age", "ethnicity", "residence", "level")


@pytest.fixture(scope="module")
def summary() -> binhdang.Summary:
    return binhdang.Summary(PLAN, REPORTS, "2025-01-15")


def rows(summary: binhdang.Summary, published: bool = False) -> List[Dict[str, Any]]:
    cols = summary.columns("figures", published=published)
    return [dict(zip(cols, values)) for values in zip(*cols.values())]


def sdmx(tmp: pathlib.Path, text: str) -> Any:
    path = tmp / "figures.csv"
    path.write_text(text, encoding="utf-8")
    (dataset,) = get_datasets(str(path))
    assert dataset.short_urn == "Dataflow=BINHDANG:DF_GENDER_EQUALITY(1.0)"
    return dataset.data


def key(row: Dict[str, Any], columns: List[str]) -> Tuple[str, ...]:
    return tuple(str(row[c]) for c in columns)


def period(r: Dict[str, Any]) -> str:
    """The SDMX time range a figure's period is (the Vietnamese six months
    from 15 December, or the year): written out here from the dates."""
    start = datetime.date.fromisoformat(str(r["period_from"]))
    end = datetime.date.fromisoformat(str(r["period_to"])) + datetime.timedelta(days=1)
    months = (end.year - start.year) * 12 + end.month - start.month
    assert end.day == start.day, r
    return f"{start.isoformat()}/P{months // 12}Y" if months % 12 == 0 else f"{start.isoformat()}/P{months}M"


def test_sdmx_csv_is_read_by_pysdmx_with_every_figure(tmp_path: pathlib.Path, summary: binhdang.Summary) -> None:
    data = sdmx(tmp_path, summary.to_sdmx_csv())
    dims = [d.upper() for d in DIMS if d.upper() in data.columns]
    assert dims == ["AGE", "ETHNICITY"]  # the example's breakdowns
    got = {key(r, ["REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX", *dims]): r for r in data.to_dict("records")}
    want = rows(summary)
    assert len(got) == len(want) == len(data)
    for r in want:
        k = (str(r["unit"]), str(r["indicator"]), period(r), str(r["sex"]),
             *[str(r[d.lower()] or "_T") for d in dims])
        obs = got[k]
        if r["value"] is None:
            assert obs["OBS_VALUE"] in ("", "NaN") or obs["OBS_VALUE"] != obs["OBS_VALUE"], k
        else:
            assert float(obs["OBS_VALUE"]) == pytest.approx(float(r["value"]), abs=1e-4), k
        assert int(obs["REPORTS"]) == r["reports"]
    # The six months from 15 December and the year: exact ranges, not calendar halves.
    assert set(data["TIME_PERIOD"]) == {"2023-12-15/P6M", "2023-12-15/P1Y"}


def test_published_sdmx_csv_withholds_what_publication_withholds(tmp_path: pathlib.Path, summary: binhdang.Summary) -> None:
    data = sdmx(tmp_path, summary.to_sdmx_csv(published=True))
    withheld = data[data["OBS_STATUS"] == "C"]
    published = rows(summary, published=True)
    assert len(withheld) == sum(1 for r in published if r.get("suppressed")) > 0
    # A withheld observation carries no value at all.
    assert all(str(v) in ("", "NaN", "nan") for v in withheld["OBS_VALUE"])
    assert set(withheld["INDICATOR"]) <= {"victims_supported", "violence_cases_handled", "nq28-mt3-2a", "nq28-mt3-3"}


def mapping(summary: binhdang.Summary) -> Dict[str, Any]:
    """A DHIS2 instance's identifiers (11-character uids) for two indicators,
    every unit and both periods; the other indicators are not mapped."""
    units = sorted({str(r["unit"]) for r in rows(summary)})

    def uid(prefix: str, n: str) -> str:
        return (prefix + n).ljust(11, "x")[:11]

    return {
        "data_set": "BdgLaiChau1",
        "periods": {"2024-6m": "2024S1", "2024-annual": "2024"},
        "org_units": {u: uid("OU", u) for u in units},
        "data_elements": {
            "people_reached": {"data_element": "DEpeopleRch",
                               "category_option_combos": {"F": "COCfemale01", "M": "COCmale0001", "_T": "COCtotal001"}},
            "training_classes": {"data_element": "DEtrainCls1", "category_option_combos": {"_T": "COCtotal001"}},
        },
    }


def test_dhis2_carries_the_mapped_figures_and_names_the_rest(summary: binhdang.Summary) -> None:
    m = mapping(summary)
    export = summary.to_dhis2(json.dumps(m))
    body = export["data_value_set"]
    assert body["dataSet"] == "BdgLaiChau1"
    values = body["dataValues"]
    # The Web API's field names, and values as text.
    assert values and set(values[0]) == {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"}
    assert all(isinstance(v["value"], str) for v in values)
    want = {(m["org_units"][str(r["unit"])], {"2024-6m": "2024S1", "2024-annual": "2024"}[r["entry"]],
             m["data_elements"][r["indicator"]]["data_element"],
             m["data_elements"][r["indicator"]]["category_option_combos"][r["sex"]]): r["value"]
            for r in rows(summary) if r["indicator"] in m["data_elements"] and not any(r.get(d) for d in DIMS)
            and r["value"] is not None}
    got = {(v["orgUnit"], v["period"], v["dataElement"], v["categoryOptionCombo"]): float(v["value"]) for v in values}
    assert got == pytest.approx(want)
    # Every other figure with a value is listed with its reason: nothing dropped unsaid.
    carried = len(values)
    listed = export["left_out"]
    with_value = sum(1 for r in rows(summary) if r["value"] is not None)
    assert carried + len(listed) == with_value
    assert {x["reason"] for x in listed} == {"data_element"}


def test_a_mapping_with_a_misspelt_table_raises_and_says_where(summary: binhdang.Summary) -> None:
    m = mapping(summary)
    m["org_unit"] = m.pop("org_units")
    with pytest.raises(binhdang.BinhdangError) as e:
        summary.to_dhis2(json.dumps(m))
    paths = sorted(f.path for f in e.value.findings)
    assert paths == ["/org_unit", "/org_units"], paths
    assert "ánh xạ DHIS2" in str(e.value)


def test_published_dhis2_leaves_withheld_figures_out_with_their_reason(summary: binhdang.Summary) -> None:
    m = mapping(summary)
    m["data_elements"]["victims_supported"] = {"data_element": "DEvictimsSu",
                                               "category_option_combos": {"F": "COCfemale01", "M": "COCmale0001",
                                                                          "_T": "COCtotal001"}}
    export = summary.to_dhis2(json.dumps(m), published=True)
    reasons = {(x["indicator"], x["reason"]) for x in export["left_out"]}
    assert ("victims_supported", "suppressed") in reasons
    # No withheld figure reaches DHIS2.
    withheld = {(str(r["unit"]), r["entry"], r["sex"]) for r in rows(summary, published=True)
                if r["indicator"] == "victims_supported" and r.get("suppressed") and not any(r.get(d) for d in DIMS)}
    sent = {(v["orgUnit"], v["period"], v["categoryOptionCombo"]) for v in export["data_value_set"]["dataValues"]
            if v["dataElement"] == "DEvictimsSu"}
    ou = {m["org_units"][u]: u for u in m["org_units"]}
    period = {"2024S1": "2024-6m", "2024": "2024-annual"}
    sex = {"COCfemale01": "F", "COCmale0001": "M", "COCtotal001": "_T"}
    assert not {(ou[o], period[p], sex[c]) for o, p, c in sent} & withheld


def test_the_cli_writes_the_same_sdmx_csv_and_dhis2(tmp_path: pathlib.Path, summary: binhdang.Summary) -> None:
    base = [str(binhdang_binary()), "aggregate", "--plan", str(PLAN), "--as-of", "2025-01-15"]
    out = subprocess.run([*base, "--format", "sdmx-csv", str(REPORTS)], capture_output=True, text=True, check=True)
    assert out.stdout == summary.to_sdmx_csv()
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(mapping(summary)), encoding="utf-8")
    out = subprocess.run([*base, "--format", "dhis2", "--dhis2-mapping", str(path), str(REPORTS)],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == summary.to_dhis2(path.read_text(encoding="utf-8"))
    # Without a mapping: exit 2, and the officer is told what to give.
    out = subprocess.run([*base, "--format", "dhis2", str(REPORTS)], capture_output=True, text=True)
    assert out.returncode == 2 and "--dhis2-mapping" in out.stderr and "ánh xạ" in out.stderr


def test_parquet_tables_read_by_duckdb_match_the_columns(tmp_path: pathlib.Path, summary: binhdang.Summary) -> None:
    import duckdb

    for table in ("figures", "completeness", "progress", "funding", "activities", "outputs"):
        path = tmp_path / f"{table}.parquet"
        summary.to_parquet(path, table)
        cols = summary.columns(table)
        rel = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
        assert rel is not None  # duckdb 2 types sql() as Optional (None for a statement with no result)
        if not cols:
            # A table without rows (the example's activities report no
            # outputs) still has its columns, from the row type.
            assert rel.fetchall() == [] and {"entry", "unit", "indicator", "value"} <= set(rel.columns), table
            continue
        assert rel.columns == list(cols), table
        got = rel.fetchall()
        want = list(zip(*cols.values()))
        assert len(got) == len(want), table
        for g, w in zip(got, want):
            for a, b in zip(g, w):
                if isinstance(b, float):
                    assert a == pytest.approx(b), table
                elif b is None:
                    assert a is None, table
                else:
                    assert str(a) == str(b) or a == b, (table, a, b)
    with pytest.raises(KeyError):
        summary.to_parquet(tmp_path / "x.parquet", "figurse")


def test_the_cli_writes_a_folder_of_parquet_a_warehouse_queries(tmp_path: pathlib.Path, summary: binhdang.Summary) -> None:
    import duckdb

    out = tmp_path / "lai-chau-2024"
    subprocess.run([str(binhdang_binary()), "aggregate", "--plan", str(PLAN), "--as-of", "2025-01-15",
                    "--format", "parquet", "--out", str(out), str(REPORTS)], check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{t}.parquet" for t in ("figures", "completeness", "progress", "funding", "activities", "outputs"))
    # The query an analyst runs over years of such folders: people reached by sex, province-wide.
    query = duckdb.sql(f"""
        SELECT entry, sex, value FROM read_parquet('{out}/figures.parquet')
        WHERE indicator = 'people_reached' AND unit = '12' ORDER BY entry, sex""")
    assert query is not None
    rows = query.fetchall()
    want = sorted((r["entry"], r["sex"], r["value"]) for r in rows_of(summary)
                  if r["indicator"] == "people_reached" and r["unit"] == "12")
    assert rows == want and rows


def rows_of(summary: binhdang.Summary) -> List[Dict[str, Any]]:
    return rows(summary)
