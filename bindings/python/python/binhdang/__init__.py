"""binhdang: validate and add up the gender-equality reports of a Vietnamese province.

The engine is the Rust crate ``binhdang``; this package hands it your plans and
reports and gives back typed results. Every rule, sum and sentence comes from
the engine, so a notebook gets the same findings and totals as the portal, the
field app and the command line.

Plans and reports may be given as a dict, as JSON text (a ``str`` is always
JSON text), or as a ``pathlib.Path`` to a JSON file; many reports as a list
or as a folder ``Path``. Findings are data, never exceptions: ``BinhdangError`` is raised only
for what cannot be answered with findings (a plan that cannot be read, a date
that is not a date).

The results (``Finding``, ``Outcome``, ``Summary``...) are the engine's own
values, made Python objects in the native module ``binhdang._binhdang``; this
module adds only what is Python's: paths and folders, pandas, and the HTML a
notebook shows.

>>> import pathlib, binhdang
>>> plan = binhdang.load_plan(pathlib.Path("examples/lai-chau-2024/plan.json"))  # doctest: +SKIP
>>> report = pathlib.Path("examples/lai-chau-2024/reports/2024-6m-106.json")    # doctest: +SKIP
>>> [f.code for f in binhdang.validate_report(report, plan, as_of="2025-01-15")]  # doctest: +SKIP
['sex_sum_mismatch']
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import os as _os
import pathlib as _pathlib
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, cast

from . import _binhdang as _native
from ._binhdang import (
    BinhdangError,
    Catalog,
    Completeness,
    Finding,
    Outcome,
    PeriodSummary,
    Plan,
    Report,
)

__all__ = [
    "BinhdangError",
    "Checker",
    "Catalog",
    "Completeness",
    "Finding",
    "Findings",
    "Outcome",
    "PeriodSummary",
    "Plan",
    "Report",
    "Summary",
    "aggregate",
    "catalog",
    "check_plan",
    "findings_frame",
    "load_plan",
    "load_report",
    "new_plan",
    "read_workbook",
    "report_form",
    "parse_date",
    "parse_number",
    "replay",
    "schema",
    "schema_names",
    "set_language",
    "transition",
    "validate_report",
    "validate_reports",
]

__version__: str = _native.__version__

#: A plan or report: a dict, JSON text (``str``), a file's ``bytes``, a ``pathlib.Path`` to a JSON file, or a ``Plan``/``Report``.
Input = Union[Mapping[str, Any], str, bytes, "_os.PathLike[str]", Plan, Report]
#: Many reports: a list of them, or a folder whose ``.json`` files are read in name order.
Reports = Union[Iterable[Input], "_os.PathLike[str]"]
#: A date: ``datetime.date``, ``datetime`` or ``pandas.Timestamp`` (its day; a moment's day in Vietnam), ``"2025-01-15"``, ``"15/1/2025"`` or ``"ngày 15 tháng 1 năm 2025"``.
DateLike = Union[_dt.date, str]


def _doc(value: Any, name: str) -> Any:
    """A file (``os.PathLike``) as its bytes; anything else as given, for the
    native module to read or refuse (a ``str`` is JSON text, never a path)."""
    if isinstance(value, _os.PathLike):
        if _os.path.isdir(value):
            raise TypeError(_native.wrong_argument(name, "document"))
        with open(value, "rb") as f:
            return f.read()
    return value


def _many(values: Any, name: str) -> List[Any]:
    """Reports given as a list (or any iterable), or as a folder
    (``pathlib.Path``) whose ``.json`` and ``.xlsx`` files (filled report
    forms) are read in name order, as the command line does."""
    if values is None:
        return []
    if isinstance(values, _os.PathLike):
        if not _os.path.isdir(values):
            raise TypeError(_native.wrong_argument(name, "reports"))
        folder = _os.fspath(values)
        return [_doc(_pathlib.Path(folder, f), name) for f in sorted(_os.listdir(folder)) if f.endswith((".json", ".xlsx"))]
    if isinstance(values, (str, bytes, Mapping, Plan, Report)):
        raise TypeError(_native.wrong_argument(name, "reports"))
    return [_doc(v, name) for v in values]


def _table_html(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    head = "".join(f"<th>{_html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_FINDING_COLUMNS = ["code", "severity", "path", "message_vi", "message_en"]


class Findings(List[Finding]):
    """A list of findings that a notebook shows as a table."""

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self if f.is_error]

    def _repr_html_(self) -> str:
        return _table_html([{c: getattr(f, c) for c in _FINDING_COLUMNS} for f in self], _FINDING_COLUMNS)


# Every list of findings the native module gives (a report's, an outcome's,
# a summary's, an error's) is a ``Findings``.
_native._set_findings_type(Findings)


#: A log of workflow events: a list of dicts, JSON text, a file's ``bytes`` or a ``pathlib.Path``.
Events = Union[Sequence[Mapping[str, Any]], str, bytes, "_os.PathLike[str]"]


def _arrow_agrees(pd: Any, pa: Any) -> bool:
    """Whether pyarrow turns a column of texts into the dtype pandas itself
    gives a list of texts. pyarrow follows pandas' string dtype from version
    19; an older one, or pandas' ``future.infer_string`` set against its
    default, may not, and ``to_pandas`` then takes the lists."""
    made = pa.array(["a", None], pa.large_string()).to_pandas()
    return bool(made.dtype == pd.Series(["a", None]).dtype)


def _arrow_column(pa: Any, column: Any) -> Any:
    """A column of ``Summary._arrow_columns`` for pandas: Arrow buffers as a
    pandas column by pyarrow's own conversion, a list as it is."""
    if isinstance(column, list):
        return column
    kind, n, nulls, validity, values, data = column
    types = {"text": pa.large_string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    buffers = [None if validity is None else pa.py_buffer(validity), pa.py_buffer(values)]
    if data is not None:
        buffers.append(pa.py_buffer(data))
    return pa.Array.from_buffers(types[kind], n, buffers, null_count=nulls).to_pandas()


class Summary(_native.Summary):
    """The province's summary: one ``PeriodSummary`` per schedule entry, and
    the accounting of every report. Made by ``aggregate``; it shows itself in
    a notebook, and ``to_pandas`` gives a table as a DataFrame."""

    def __new__(
        cls,
        plan: Input,
        reports: Reports,
        as_of: DateLike,
        *,
        events: Optional[Events] = None,
        limits: Optional[Mapping[str, int]] = None,
    ) -> "Summary":
        log = None if events is None else _doc(events, "events")
        return super().__new__(cls, _doc(plan, "plan"), _many(reports, "reports"), as_of, events=log, limits=limits)

    def to_pandas(self, table: str = "figures", *, published: bool = False) -> Any:
        """A tidy pandas DataFrame of one table (default ``figures``: one row per
        schedule entry, unit, indicator and sex; also ``completeness``,
        ``progress``, ``funding``, ``activities``, ``outputs``). ``published``:
        the table as it may be published (see ``published_tables``). Needs
        pandas (``pip install binhdang[pandas]``); with pyarrow, the columns
        cross as Arrow buffers, with no Python object per cell. The frame is
        the same either way: ``pandas.DataFrame(summary.columns(table))``."""
        import pandas as pd

        try:
            import pyarrow as pa
        except ImportError:
            pa = None
        if pa is None or not _arrow_agrees(pd, pa):
            return pd.DataFrame(self.columns(table, published))
        return pd.DataFrame({name: _arrow_column(pa, c) for name, c in self._arrow_columns(table, published).items()})

    def to_excel(self, path: Union[str, "_os.PathLike[str]"], *, published: bool = False) -> None:
        """Writes the summary as an Excel workbook: a sheet per schedule entry
        (figures by unit, indicator, cell and sex), completeness, progress,
        funding and the accounting. ``published``: the published tables (small
        counts of violence withheld), without the accounting."""
        with open(path, "wb") as f:
            f.write(self.to_excel_bytes(published))

    def to_parquet(
        self, path: Union[str, "_os.PathLike[str]"], table: str = "figures", *, published: bool = False
    ) -> None:
        """Writes one table (``figures``, ``completeness``, ``progress``,
        ``funding``, ``activities``, ``outputs``) as a Parquet file, for DuckDB,
        Spark or ``pandas.read_parquet``: the columns of ``columns(table)``."""
        data = self.to_parquet_bytes(table, published)
        with open(path, "wb") as f:
            f.write(data)

    def upward(
        self, national: Input, *, entry: str, submitted: DateLike
    ) -> Tuple[Report, List[Dict[str, Any]]]:
        """The province's report to the national level (docs/upward.md): a
        ``Report`` of the national plan (dict, JSON text, path or ``Plan``)
        for its schedule entry ``entry`` (``"2024-annual"``), sent on
        ``submitted``, with the province-wide figures the national plan asks
        for; and the figures that do not go up, each a dict with its
        ``reason``. Raises ``BinhdangError`` when the national plan has no
        such entry, this summary no period of the same days, or the
        province is not a unit of the national plan."""
        report, not_sent = super().upward(_doc(national, "national"), entry=entry, submitted=submitted)
        return report, not_sent

    def to_docx(
        self, path: Union[str, "_os.PathLike[str]"], entry: Optional[str] = None, *, published: bool = False
    ) -> None:
        """Writes the province's consolidated report of one schedule entry
        (default: the last with reports received) as a Word file, in the
        layout of Vietnamese administrative documents: for each content area
        of the plan, the activities' progress, its figures and targets, and
        what each unit wrote; then the data appendix. ``published``: small
        counts of violence withheld. ``to_html`` gives the same as HTML."""
        data = self.to_docx_bytes(entry, published)
        with open(path, "wb") as f:
            f.write(data)

    def _repr_html_(self) -> str:
        # The engine's own text table (every sentence comes from the core), then
        # the targets with data as a table.
        cols = self.columns("progress")
        rows = [dict(zip(cols, r)) for r in zip(*cols.values())]
        parts = [f"<pre>{_html.escape(self.text())}</pre>"]
        progress = [r for r in rows if r["status"] not in ("no_data", "withheld")]
        if progress:
            parts.append(_table_html(progress, ["entry", "indicator", "year", "value", "target", "status", "gap"]))
        return "".join(parts)


class Checker(_native.Checker):
    """A plan read once, to validate many reports one at a time (reading the
    plan costs far more than checking a report). ``validate_report`` takes
    the same arguments as the module's, without the plan."""

    def __new__(cls, plan: Input) -> "Checker":
        return super().__new__(cls, _doc(plan, "plan"))

    def validate_report(
        self,
        report: Input,
        *,
        as_of: Optional[DateLike] = None,
        context: Optional[Reports] = None,
        limits: Optional[Mapping[str, int]] = None,
    ) -> Findings:
        """Validates one report against the plan; the findings, as ``binhdang.validate_report`` gives them."""
        found = super().validate_report(_doc(report, "report"), as_of=as_of, context=_many(context, "context"), limits=limits)
        return cast(Findings, found)


def load_plan(plan: Input) -> Plan:
    """Reads a plan (dict, JSON text or path).

    Raises ``BinhdangError`` with the findings when the plan cannot be read.
    """
    return _native.load_plan(_doc(plan, "plan"))


def load_report(report: Input) -> Report:
    """Reads a report (dict, JSON text or path).

    Raises ``BinhdangError`` with the findings when the report cannot be read;
    to get findings instead of an exception, use ``validate_report``.
    """
    return _native.load_report(_doc(report, "report"))


def read_workbook(
    data: Union[bytes, "_os.PathLike[str]"], *, limits: Optional[Mapping[str, int]] = None
) -> Tuple[Optional[Report], Findings]:
    """Reads a filled report form (``.xlsx`` bytes or a path): the report, or
    None when it cannot be used, and the findings of reading it, each naming
    its cell in ``context["cell"]`` (``'Chỉ tiêu'!F12``). ``validate_report``
    and ``aggregate`` take a form's bytes or path as they take JSON, with the
    cells in every finding."""
    raw = _doc(data, "data")
    report, found = _native.read_workbook(raw, limits=limits)
    return report, cast(Findings, found)


def report_form(
    plan: Input, unit: str, entry: str, path: Optional[Union[str, "_os.PathLike[str]"]] = None
) -> bytes:
    """A unit's report form for one schedule entry of the plan (its id, as
    ``2024-annual``) as ``.xlsx`` bytes, also written to ``path`` when given."""
    data = _native.form(_doc(plan, "plan"), unit, entry)
    if path is not None:
        with open(path, "wb") as f:
            f.write(data)
    return data


def validate_report(
    report: Input,
    plan: Input,
    *,
    as_of: Optional[DateLike] = None,
    context: Optional[Reports] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> Findings:
    """Validates one report against a plan and the built-in catalogue.

    ``as_of``: the date of the check (default: today in Vietnam).
    ``context``: earlier reports to compare with (the same unit's six-month
    report, its previous year) for the ``annual_below_six_month`` and
    ``outlier`` rules. ``limits``: what the reader accepts, e.g.
    ``{"max_bytes": 100_000}`` (see ``schema("limits")``; left out: the
    defaults). Returns the findings in the stable order (by path, then
    code). Never raises for anything in the report. The plan is read once
    per content: a loop with the same plan does not read it again.
    """
    found = _native.validate_report(
        _doc(report, "report"), _doc(plan, "plan"), as_of=as_of, context=_many(context, "context"), limits=limits
    )
    return cast(Findings, found)


def replay(
    plan: Input,
    events: Events,
    *,
    as_of: Optional[DateLike] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> Dict[str, Any]:
    """Replays a log of workflow events (docs/workflow.md) against a plan.

    Returns a dict: ``standings`` (each report with an event applied: unit,
    entry, state, version, dates, reason), ``events`` (how many the log
    holds), ``refused`` (the indexes of events not applied) and ``findings``
    (why: each path starts with its event's index, ``/3/by``). ``as_of``:
    the date of the check (default: today in Vietnam); no event may be later.
    """
    return _native.replay(_doc(plan, "plan"), _doc(events, "events"), as_of=as_of, limits=limits)


def transition(
    plan: Input,
    step: Union[Mapping[str, Any], str, bytes],
    *,
    as_of: Optional[DateLike] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> Dict[str, Any]:
    """Decides one step of a report's life (submit, return, accept, lock,
    reopen): the step names the unit, the schedule entry, the action, who
    acts, the date, a reason where one is needed, and the standing the host
    stored. Returns ``{"standing", "event", "findings"}`` when it is allowed
    (append ``event`` to the log), or ``{"findings"}`` saying why not.
    """
    return _native.transition(_doc(plan, "plan"), step, as_of=as_of, limits=limits)


def validate_reports(
    reports: Reports,
    plan: Input,
    *,
    as_of: Optional[DateLike] = None,
    context: Optional[Reports] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> List[Outcome]:
    """Validates many reports together: duplicates across reports (the later
    submission supersedes), annual against six-month, outliers against the
    previous period. Returns one ``Outcome`` per report, in input order.
    ``limits`` as in ``validate_report``; past ``max_reports``, a report is
    rejected unread with ``too_large``."""
    return _native.validate_reports(
        _many(reports, "reports"), _doc(plan, "plan"), as_of=as_of, context=_many(context, "context"), limits=limits
    )


def aggregate(
    plan: Input,
    reports: Reports,
    as_of: DateLike,
    *,
    events: Optional[Events] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> Summary:
    """Adds up reports into the province's summary at ``as_of``.

    One summary per schedule entry (six-month and annual never mix), over the
    unit tree valid in that period; sums in exact integers, percents as ratios
    of sums. Every report is accounted for as used, superseded or rejected.
    ``events``: the workflow's log (as ``replay`` takes it); the completeness
    then says which reports are returned, accepted or locked, and the
    summary's findings where the log and the reports disagree.
    ``limits`` as in ``validate_reports``.
    """
    return Summary(plan, reports, as_of, events=events, limits=limits)


def check_plan(plan: Input) -> Findings:
    """Checks a plan itself: references, ids, the schedule, the unit tree (``plan_*`` codes)."""
    return cast(Findings, _native.check_plan(_doc(plan, "plan")))


def schema(name: str) -> Dict[str, Any]:
    """A JSON Schema (draft 2020-12) by name: one of ``schema_names()`` (``plan``, ``report``, ... ``limits``)."""
    return _native.schema(name)


def schema_names() -> List[str]:
    """The names ``schema`` accepts."""
    return _native.schema_names()


def new_plan(province: str, code: str, year: int, units: Optional[Union[str, "_os.PathLike[str]"]] = None) -> Plan:
    """A new plan for a province and year, ready to edit: the seven content
    areas, the reporting regime with its usual dates, the national targets,
    and the units (CSV text, or a path to a CSV file, with the columns
    ``id,name,kind,parent,valid_from,valid_to``). It passes ``check_plan``.

    Raises ``BinhdangError`` with the findings when the units cannot be read.
    """
    if isinstance(units, _os.PathLike):
        with open(units, encoding="utf-8") as f:
            units = f.read()
    return _native.new_plan(province, code, year, units)


def set_language(code: str) -> None:
    """The language of ``BinhdangError``'s message for the whole program:
    ``"vi"`` (the default) or ``"en"``. Findings always carry both."""
    _native.set_language(code)


def parse_date(text: str) -> _dt.date:
    """What a person typed in a date field, as a date: ``"4/12/2024"``,
    ``"04-12-2024"``, ``"ngày 4 tháng 12 năm 2024"`` or ``"2024-12-04"``.

    Raises ``BinhdangError`` with the finding when it is not a date.
    """
    return _native.parse_date(text)


def parse_number(text: str) -> Union[int, float]:
    """What a person typed in a number field, as a number: ``"1.234"`` and
    ``"1 234"`` are 1234, ``"75,5"`` is 75.5 (an ``int`` when whole).

    Raises ``BinhdangError`` with the finding when it is not a number.
    """
    return _native.parse_number(text)


def catalog() -> Catalog:
    """The built-in catalogue: national targets with their sources and ``confirmed`` flags, and output indicators."""
    return _native.catalog()


def findings_frame(items: Union[Iterable[Finding], Iterable[Outcome]], labels: Optional[Sequence[str]] = None) -> Any:
    """A tidy pandas DataFrame of findings: one row per finding.

    ``items``: findings, or batch outcomes (then each row carries the
    report's ``index``, ``status`` and, when ``labels`` are given, its label).
    Needs pandas.
    """
    import pandas as pd

    given: List[Any] = list(items)
    rows: List[Dict[str, Any]] = []
    batch = any(isinstance(i, Outcome) for i in given)
    for item in given:
        if isinstance(item, Outcome):
            for f in item.findings:
                row: Dict[str, Any] = {"index": item.index, "status": item.status}
                if labels is not None:
                    row["report"] = labels[item.index]
                row.update({c: getattr(f, c) for c in _FINDING_COLUMNS})
                row["context"] = _json.dumps(f.context, ensure_ascii=False)
                rows.append(row)
        else:
            row = {c: getattr(item, c) for c in _FINDING_COLUMNS}
            row["context"] = _json.dumps(item.context, ensure_ascii=False)
            rows.append(row)
    lead = ["index", "status"] + (["report"] if labels is not None else []) if batch else []
    return pd.DataFrame.from_records(rows, columns=lead + _FINDING_COLUMNS + ["context"])
