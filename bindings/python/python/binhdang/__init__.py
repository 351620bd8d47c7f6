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

>>> import binhdang
>>> plan = binhdang.load_plan("examples/lai-chau-2024/plan.json")      # doctest: +SKIP
>>> findings = binhdang.validate_report(report, plan, as_of="2025-01-15")  # doctest: +SKIP
>>> [f.code for f in findings]                                          # doctest: +SKIP
['sex_sum_mismatch']
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import json as _json
import operator as _operator
import os as _os
import pathlib as _pathlib
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _binhdang as _native

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
    "parse_date",
    "parse_number",
    "schema",
    "schema_names",
    "set_language",
    "validate_report",
    "validate_reports",
]

__version__: str = _native.__version__

#: A plan or report: a dict, JSON text (``str``), a ``pathlib.Path`` to a JSON file, or an object from this package.
Input = Union[Mapping[str, Any], str, "_os.PathLike[str]", "_Record"]
#: Many reports: a list of them, or a folder whose ``.json`` files are read in name order.
Reports = Union[Iterable[Input], "_os.PathLike[str]"]
#: A date: ``datetime.date``, ``datetime`` or ``pandas.Timestamp`` (its day), ``"2025-01-15"``, ``"15/1/2025"`` or ``"ngày 15 tháng 1 năm 2025"``.
DateLike = Union[_dt.date, str]


class BinhdangError(ValueError):
    """What cannot be answered with findings.

    Raised for a plan that cannot be read, a date that is not a date, an
    unknown schema, or (by ``load_report``) a report that cannot be read.
    ``findings`` holds the findings that say where and why.
    """

    findings: List["Finding"]

    def __init__(self, message: str, findings: Optional[List["Finding"]] = None) -> None:
        super().__init__(message)
        self.findings = findings or []


def _call(fn: Any, *args: Any) -> Any:
    """Calls the native module and turns its error into ``BinhdangError`` with ``Finding`` objects."""
    try:
        return fn(*args)
    except _native.BinhdangError as e:
        message = str(e.args[0]) if e.args else str(e)
        raw = e.args[1] if len(e.args) > 1 else "[]"
        raise BinhdangError(message, [Finding(f) for f in _json.loads(raw)]) from None


def _text(value: Input, name: str = "plan") -> str:
    """JSON text of a plan or report given as a dict, JSON text, a path, or a record.

    A ``str`` is JSON text, never a path: a file is a ``pathlib.Path`` (or
    any ``os.PathLike``). Dicts go through ``json.dumps`` so that the
    engine's strict reader sees them exactly as it sees text from any other
    runtime.
    """
    if isinstance(value, _Record):
        return _json.dumps(value.to_dict(), ensure_ascii=False)
    if isinstance(value, _os.PathLike):
        if _os.path.isdir(value):
            raise TypeError(_native.wrong_argument(name, "document"))
        with open(value, encoding="utf-8") as f:
            return f.read()
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return _json.dumps(_plain(value), ensure_ascii=False, allow_nan=True)
    raise TypeError(_native.wrong_argument(name, "document"))


def _bytes(value: Input, name: str = "report") -> bytes:
    """A report as UTF-8 bytes. A file is passed as its bytes and lone
    surrogates (which a Python str may hold) as they are, so the engine
    answers with a ``malformed`` finding, never a Python exception."""
    if isinstance(value, _os.PathLike) and not _os.path.isdir(value):
        with open(value, "rb") as f:
            return f.read()
    return _text(value, name).encode("utf-8", "surrogatepass")


def _many(values: Any, name: str) -> List[Input]:
    """Reports given as a list, or as a folder (``pathlib.Path``) whose
    ``.json`` files are read in name order, as the command line does."""
    if isinstance(values, (str, bytes, Mapping, _Record)):
        raise TypeError(_native.wrong_argument(name, "reports"))
    if isinstance(values, _os.PathLike):
        if not _os.path.isdir(values):
            raise TypeError(_native.wrong_argument(name, "reports"))
        folder = _os.fspath(values)
        return [_pathlib.Path(folder, f) for f in sorted(_os.listdir(folder)) if f.endswith(".json")]
    return list(values)


def _limits(value: Optional[Mapping[str, int]]) -> Optional[str]:
    # The core reads and checks them (unknown names raise BinhdangError).
    return None if value is None else _json.dumps(dict(value))


#: Vietnam's time zone: a moment (an aware ``datetime``) is the day it is there.
_VIETNAM = _dt.timezone(_dt.timedelta(hours=7))


def _day(value: _dt.date) -> str:
    """A date, or a ``datetime``/``pandas.Timestamp`` as its day (in Vietnam when it is a moment)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_VIETNAM)
        return value.date().isoformat()
    return value.isoformat()


def _date(value: Optional[DateLike]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return _day(value)
    if isinstance(value, str):
        return value
    raise TypeError(_native.wrong_argument("as_of", "date"))


def _plain(value: Any) -> Any:
    """A dict or list from pandas or numpy as plain JSON data, type by type:
    numpy integers and floats as ``int`` and ``float``, ``NaN``, ``pd.NA`` and
    ``NaT`` (pandas' blanks) as ``None`` (not reported, as JavaScript's
    ``JSON.stringify`` makes ``NaN``), dates and timestamps as ISO days.
    Everything else is left for the engine's reader to judge."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if value != value else value
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, _dt.date):
        return _day(value)
    if hasattr(value, "__index__"):
        return _operator.index(value)
    if hasattr(value, "__float__") and type(value).__module__ == "numpy":
        return _plain(float(value))
    return value


class _Record:
    """A read-only view of one JSON object from the engine, with ``to_dict()``."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: Dict[str, Any] = dict(data)

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain JSON data (a deep copy)."""
        out: Dict[str, Any] = _json.loads(_json.dumps(self._data))
        return out

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Record) and type(other) is type(self) and self._data == other._data

    def __hash__(self) -> int:
        return hash(_json.dumps(self._data, sort_keys=True))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


def _table_html(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    head = "".join(f"<th>{_html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Finding(_Record):
    """One finding: a stable code, a severity, a JSON Pointer, a message in Vietnamese and English."""

    __slots__ = ()

    @property
    def code(self) -> str:
        """The stable code (``sex_sum_mismatch``)."""
        return str(self._data["code"])

    @property
    def severity(self) -> str:
        """``"error"`` or ``"warning"``."""
        return str(self._data["severity"])

    @property
    def path(self) -> str:
        """JSON Pointer (RFC 6901) to the field; ``""`` is the whole document."""
        return str(self._data["path"])

    @property
    def message_vi(self) -> str:
        return str(self._data["message_vi"])

    @property
    def message_en(self) -> str:
        return str(self._data["message_en"])

    @property
    def context(self) -> Dict[str, Any]:
        """The values involved: ``expected``, ``actual``, ``indicator``, ``limit``..."""
        return dict(self._data.get("context", {}))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.severity} {self.path or '/'}: {self.message_vi} [{self.code}]"


_FINDING_COLUMNS = ["code", "severity", "path", "message_vi", "message_en"]


class Findings(List[Finding]):
    """A list of findings that a notebook shows as a table."""

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self if f.is_error]

    def _repr_html_(self) -> str:
        return _table_html([f.to_dict() for f in self], _FINDING_COLUMNS)


class Outcome(_Record):
    """What happened to one report of a batch: used, superseded or rejected, with its findings."""

    __slots__ = ()

    @property
    def index(self) -> int:
        return int(self._data["index"])

    @property
    def unit(self) -> Optional[str]:
        return self._data.get("unit")

    @property
    def kind(self) -> Optional[str]:
        return self._data.get("kind")

    @property
    def status(self) -> str:
        """``"used"``, ``"superseded"`` or ``"rejected"``."""
        return str(self._data["status"])

    @property
    def superseded_by(self) -> Optional[int]:
        return self._data.get("superseded_by")

    @property
    def findings(self) -> Findings:
        return Findings(Finding(f) for f in self._data.get("findings", []))


class Completeness(_Record):
    """Expected, received, on time, late, missing and not-yet-due units of one schedule entry."""

    __slots__ = ()

    @property
    def expected(self) -> int:
        return int(self._data["expected"])

    @property
    def received(self) -> int:
        return int(self._data["received"])

    @property
    def on_time(self) -> int:
        return int(self._data["on_time"])

    @property
    def late(self) -> int:
        return int(self._data["late"])

    @property
    def missing(self) -> int:
        return int(self._data["missing"])

    @property
    def not_yet_due(self) -> int:
        return int(self._data["not_yet_due"])

    @property
    def units(self) -> Dict[str, List[str]]:
        """Unit ids by timeliness: ``on_time``, ``late``, ``missing``, ``not_yet_due``."""
        return {k: list(v) for k, v in self._data["units"].items()}

    @property
    def rejected(self) -> List[str]:
        return list(self._data.get("rejected", []))


class PeriodSummary(_Record):
    """The summary of one schedule entry (the six-month or the annual report)."""

    __slots__ = ()

    @property
    def entry(self) -> str:
        return str(self._data["entry"])

    @property
    def kind(self) -> str:
        return str(self._data["kind"])

    @property
    def completeness(self) -> Completeness:
        return Completeness(self._data["completeness"])

    @property
    def figures(self) -> List[Dict[str, Any]]:
        return list(self._data["figures"])

    @property
    def progress(self) -> List[Dict[str, Any]]:
        return list(self._data["progress"])

    def figure(self, unit: str, indicator: str) -> Optional[Dict[str, Any]]:
        """The figure of ``unit`` for ``indicator``, or None."""
        for f in self._data["figures"]:
            if f["unit"] == unit and f["indicator"] == indicator:
                return dict(f)
        return None


class Summary(_Record):
    """The province's summary: one ``PeriodSummary`` per schedule entry, and the accounting."""

    __slots__ = ("_plan_text",)

    def __init__(self, data: Mapping[str, Any], plan_text: str) -> None:
        super().__init__(data)
        self._plan_text = plan_text

    @property
    def as_of(self) -> str:
        return str(self._data["as_of"])

    @property
    def periods(self) -> List[PeriodSummary]:
        return [PeriodSummary(p) for p in self._data["periods"]]

    def period(self, entry: str) -> PeriodSummary:
        """The summary of a schedule entry by id (``"2024-annual"``)."""
        for p in self._data["periods"]:
            if p["entry"] == entry:
                return PeriodSummary(p)
        raise KeyError(entry)

    @property
    def completeness(self) -> Dict[str, Completeness]:
        """Completeness by schedule entry id."""
        return {p["entry"]: Completeness(p["completeness"]) for p in self._data["periods"]}

    @property
    def accounting(self) -> List[Outcome]:
        """Every input report, in input order: used, superseded (by which) or rejected (with findings)."""
        return [Outcome(o) for o in self._data["accounting"]]

    @property
    def findings(self) -> Findings:
        """Findings of the aggregation itself (``overflow``)."""
        return Findings(Finding(f) for f in self._data.get("findings", []))

    def tables(self) -> Dict[str, List[Dict[str, Any]]]:
        """Tidy rows: ``figures``, ``completeness``, ``progress``, ``funding``, ``activities``."""
        out: Dict[str, List[Dict[str, Any]]] = _json.loads(
            _call(_native.summary_tables, self._plan_text, _json.dumps(self._data))
        )
        return out

    def published_tables(self) -> Dict[str, List[Dict[str, Any]]]:
        """The tables as they may be published: small counts of sensitive
        indicators (victims, cases of violence), and every cell from which one
        could be worked out, are withheld (``value`` empty, ``suppressed`` true);
        progress rows of a withheld province figure have status ``withheld``."""
        out: Dict[str, List[Dict[str, Any]]] = _json.loads(
            _call(_native.published_tables, self._plan_text, _json.dumps(self._data))
        )
        return out

    def to_pandas(self, table: str = "figures") -> Any:
        """A tidy pandas DataFrame of one table (default ``figures``: one row per
        schedule entry, unit, indicator and sex). Needs pandas (``pip install binhdang[pandas]``)."""
        import pandas as pd

        rows = self.tables()[table]
        return pd.DataFrame.from_records(rows)

    def to_csv(self) -> str:
        """The figures table as CSV text."""
        return str(_call(_native.summary_csv, self._plan_text, _json.dumps(self._data)))

    def text(self, lang: str = "vi") -> str:
        """The summary as a text table, in Vietnamese (``"vi"``) or English (``"en"``)."""
        return str(_call(_native.summary_text, self._plan_text, _json.dumps(self._data), lang))

    def _repr_html_(self) -> str:
        # The engine's own text table (every sentence comes from the core), then
        # the targets with data as a table.
        t = self.tables()
        parts = [f"<pre>{_html.escape(self.text())}</pre>"]
        progress = [r for r in t["progress"] if r["status"] not in ("no_data", "withheld")]
        if progress:
            parts.append(_table_html(progress, ["entry", "indicator", "year", "value", "target", "status", "gap"]))
        return "".join(parts)


class Plan(_Record):
    """A plan (kế hoạch), as read and normalised by the engine."""

    __slots__ = ()

    @property
    def number(self) -> str:
        return str(self._data["number"])

    @property
    def year(self) -> int:
        return int(self._data["year"])

    @property
    def title(self) -> str:
        return str(self._data["title"])


class Report(_Record):
    """A report (báo cáo), as read and normalised by the engine."""

    __slots__ = ()

    @property
    def unit(self) -> str:
        return str(self._data["unit"])

    @property
    def kind(self) -> str:
        return str(self._data["kind"])


class Catalog(_Record):
    """The built-in catalogue of indicators and national targets."""

    __slots__ = ()

    @property
    def indicators(self) -> List[Dict[str, Any]]:
        return list(self._data["indicators"])


def load_plan(plan: Input) -> Plan:
    """Reads a plan (dict, JSON text or path).

    Raises ``BinhdangError`` with the findings when the plan cannot be read.
    """
    return Plan(_json.loads(_call(_native.load_plan, _text(plan))))


def load_report(report: Input) -> Report:
    """Reads a report (dict, JSON text or path).

    Raises ``BinhdangError`` with the findings when the report cannot be read;
    to get findings instead of an exception, use ``validate_report``.
    """
    return Report(_json.loads(_call(_native.load_report, _bytes(report))))


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
    code). Never raises for anything in the report.
    """
    earlier = [_bytes(r, "context") for r in _many(context or [], "context")]
    raw = _call(_native.validate_report, _text(plan), _bytes(report), _date(as_of), earlier, _limits(limits))
    return Findings(Finding(f) for f in _json.loads(raw))


class Checker:
    """A plan read once, to validate many reports one at a time (reading the
    plan costs far more than checking a report). ``validate_report`` takes
    the same arguments as the module's, without the plan."""

    def __init__(self, plan: Input) -> None:
        self._native = _call(_native.Checker, _text(plan))

    def validate_report(
        self,
        report: Input,
        *,
        as_of: Optional[DateLike] = None,
        context: Optional[Reports] = None,
        limits: Optional[Mapping[str, int]] = None,
    ) -> Findings:
        earlier = [_bytes(r, "context") for r in _many(context or [], "context")]
        raw = _call(self._native.validate_report, _bytes(report), _date(as_of), earlier, _limits(limits))
        return Findings(Finding(f) for f in _json.loads(raw))


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
    texts = [_bytes(r, "reports") for r in _many(reports, "reports")]
    earlier = [_bytes(r, "context") for r in _many(context or [], "context")]
    raw = _call(_native.validate_reports, _text(plan), texts, _date(as_of), earlier, _limits(limits))
    return [Outcome(o) for o in _json.loads(raw)]


def aggregate(
    plan: Input, reports: Reports, as_of: DateLike, *, limits: Optional[Mapping[str, int]] = None
) -> Summary:
    """Adds up reports into the province's summary at ``as_of``.

    One summary per schedule entry (six-month and annual never mix), over the
    unit tree valid in that period; sums in exact integers, percents as ratios
    of sums. Every report is accounted for as used, superseded or rejected.
    ``limits`` as in ``validate_reports``.
    """
    plan_text = _text(plan)
    texts = [_bytes(r, "reports") for r in _many(reports, "reports")]
    raw = _call(_native.aggregate, plan_text, texts, _date(as_of), _limits(limits))
    return Summary(_json.loads(raw), plan_text)


def check_plan(plan: Input) -> Findings:
    """Checks a plan itself: references, ids, the schedule, the unit tree (``plan_*`` codes)."""
    return Findings(Finding(f) for f in _json.loads(_call(_native.check_plan, _text(plan))))


def schema(name: str) -> Dict[str, Any]:
    """A JSON Schema (draft 2020-12) by name: one of ``schema_names()`` (``plan``, ``report``, ... ``limits``)."""
    out: Dict[str, Any] = _json.loads(_call(_native.schema, name))
    return out


def schema_names() -> List[str]:
    """The names ``schema`` accepts."""
    return list(_native.schema_names())


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
    return Plan(_json.loads(_call(_native.new_plan, province, code, year, units)))


def set_language(code: str) -> None:
    """The language of ``BinhdangError``'s message for the whole program:
    ``"vi"`` (the default) or ``"en"``. Findings always carry both."""
    _call(_native.set_language, code)


def parse_date(text: str) -> _dt.date:
    """What a person typed in a date field, as a date: ``"4/12/2024"``,
    ``"04-12-2024"``, ``"ngày 4 tháng 12 năm 2024"`` or ``"2024-12-04"``.

    Raises ``BinhdangError`` with the finding when it is not a date.
    """
    return _dt.date.fromisoformat(str(_call(_native.parse_date, text)))


def parse_number(text: str) -> Union[int, float]:
    """What a person typed in a number field, as a number: ``"1.234"`` and
    ``"1 234"`` are 1234, ``"75,5"`` is 75.5 (an ``int`` when whole).

    Raises ``BinhdangError`` with the finding when it is not a number.
    """
    value = float(_call(_native.parse_number, text))
    return int(value) if value.is_integer() else value


def catalog() -> Catalog:
    """The built-in catalogue: national targets with their sources and ``confirmed`` flags, and output indicators."""
    return Catalog(_json.loads(_native.catalog()))


def findings_frame(items: Union[Iterable[Finding], Iterable[Outcome]], labels: Optional[Sequence[str]] = None) -> Any:
    """A tidy pandas DataFrame of findings: one row per finding.

    ``items``: findings, or batch outcomes (then each row carries the
    report's ``index``, ``status`` and, when ``labels`` are given, its label).
    Needs pandas.
    """
    import pandas as pd

    rows: List[Dict[str, Any]] = []
    for item in items:
        if isinstance(item, Outcome):
            for f in item.findings:
                row: Dict[str, Any] = {"index": item.index, "status": item.status}
                if labels is not None:
                    row["report"] = labels[item.index]
                row.update({c: f.get(c) for c in _FINDING_COLUMNS})
                row["context"] = _json.dumps(f.context, ensure_ascii=False)
                rows.append(row)
        else:
            row = {c: item.get(c) for c in _FINDING_COLUMNS}
            row["context"] = _json.dumps(item.context, ensure_ascii=False)
            rows.append(row)
    batch = any(isinstance(i, Outcome) for i in items) if isinstance(items, list) else bool(rows and "index" in rows[0])
    lead = ["index", "status"] + (["report"] if labels is not None else []) if batch else []
    return pd.DataFrame.from_records(rows, columns=lead + _FINDING_COLUMNS + ["context"])
