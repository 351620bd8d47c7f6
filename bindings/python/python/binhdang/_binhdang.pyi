# Type stubs of the native module. Checked against the built module by
# mypy.stubtest in tests/run (python suite).
from typing import List, Optional, final

__version__: str
__all__ = [
    "BinhdangError",
    "Checker",
    "__version__",
    "aggregate",
    "catalog",
    "check_plan",
    "load_plan",
    "load_report",
    "schema",
    "schema_names",
    "summary_csv",
    "summary_tables",
    "summary_text",
    "today",
    "validate_reports",
]

class BinhdangError(ValueError): ...

@final
class Checker:
    def __new__(cls, plan: str) -> "Checker": ...
    def validate_report(
        self, report: str, as_of_date: Optional[str] = None, earlier: List[str] = ..., limits_json: Optional[str] = None
    ) -> str: ...

def validate_reports(
    plan: str,
    reports: List[str],
    as_of_date: Optional[str] = None,
    earlier: List[str] = ...,
    limits_json: Optional[str] = None,
) -> str: ...
def aggregate(plan: str, reports: List[str], as_of_date: str, limits_json: Optional[str] = None) -> str: ...
def summary_tables(plan: str, summary: str) -> str: ...
def summary_text(plan: str, summary: str, lang_code: str) -> str: ...
def summary_csv(plan: str, summary: str) -> str: ...
def check_plan(plan: str) -> str: ...
def load_plan(plan: str) -> str: ...
def load_report(report: str) -> str: ...
def schema(name: str) -> str: ...
def schema_names() -> List[str]: ...
def catalog() -> str: ...
def today() -> str: ...
