//! The native module `binhdang._binhdang`: Python objects in, Python objects out.
//!
//! **Key decision: this crate only converts.** A plan or report may be JSON
//! text (`str`), a file's `bytes`, a dict, or an object this module returned;
//! a dict is written out as JSON text in Rust (`input`), so it meets the
//! core's strict reader by the same rules as text from any runtime. Results
//! are classes that hold the core's own values and convert a field to Python
//! when it is read (`records`); tables cross as columns (`columns`).
//! `ApiError` becomes `BinhdangError` with its findings. Every rule, sum and
//! sentence is in the core crate; paths, folders, pandas and notebook HTML
//! are the pure-Python layer's (`binhdang/__init__.py`).

/// mimalloc for the module's own memory (Python's objects stay with
/// Python's allocator). A batch's reports are read on two threads and freed
/// on the other's; with glibc's malloc, reading on two threads was no
/// faster than on one (`validate_reports` of the country sample as texts:
/// 172 ms against 124 ms with mimalloc, measured one after the other).
/// Its v2 line (the `v2` feature): v3 keeps freed pages for a second before
/// giving them back, and a summary's `to_pandas` frees and takes memory in
/// less, so the country's aggregate-and-DataFrame peaked at 586–670 MB with
/// v3 and 464–481 MB with v2, validation as fast (tests/bench/python_steps.py).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use binhdang::api::{self, ApiError};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDate, PyList};

mod columns;
mod input;
mod plan_cache;
mod records;

use records::{to_py, Catalog, Completeness, Finding, Outcome, PeriodSummary, Plan, Report, Summary};

create_exception!(
    _binhdang,
    BinhdangError,
    PyValueError,
    "What cannot be answered with findings: a plan that cannot be read, a date that is not a date, an unknown schema. `findings` says where and why."
);

/// The core's error as `BinhdangError`: its message in the language errors
/// speak, and its findings as `Finding` objects in `findings`.
pub(crate) fn err(py: Python<'_>, e: ApiError) -> PyErr {
    let error = BinhdangError::new_err(e.to_string());
    let found = records::findings(py, e.findings());
    match found.and_then(|list| error.value(py).setattr("findings", list)) {
        Ok(()) => error,
        Err(other) => other,
    }
}

fn date(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<binhdang::Date> {
    let text = input::date_text(value)?;
    api::date_or_today(text.as_deref()).map_err(|e| err(py, e))
}

fn read_limits(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<binhdang::read::Limits> {
    let text = input::limits_text(value)?;
    api::limits(text.as_deref()).map_err(|e| err(py, e))
}

/// A plan read once, to check many reports against.
#[pyclass(frozen, subclass, module = "binhdang._binhdang")]
struct Checker {
    inner: std::sync::Arc<api::Checker>,
}

#[pymethods]
impl Checker {
    #[new]
    fn new(py: Python<'_>, plan: &Bound<'_, PyAny>) -> PyResult<Self> {
        if let Ok(plan) = plan.cast::<Plan>() {
            let checker = plan.get().checker().map_err(|e| err(py, e))?;
            return Ok(Checker { inner: std::sync::Arc::new(checker.clone()) });
        }
        Ok(Checker { inner: input::plan_checker(plan)? })
    }

    /// Validates one report; its findings, in the stable order.
    #[pyo3(signature = (report, *, as_of=None, context=None, limits=None))]
    fn validate_report<'py>(
        &self,
        py: Python<'py>,
        report: &Bound<'py, PyAny>,
        as_of: Option<&Bound<'py, PyAny>>,
        context: Option<&Bound<'py, PyAny>>,
        limits: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = input::document(report, "report")?;
        let earlier = input::documents(context, "context")?;
        let (date, limits) = (date(py, as_of)?, read_limits(py, limits)?);
        let found = py.detach(|| self.inner.validate_report(&report, date, &earlier, &limits));
        records::findings(py, &found)
    }
}

/// Validates one report against a plan read once per content (the core keeps
/// the last few texts, `plan_cache` the last few dicts): a loop over reports
/// with the same plan reads it once.
#[pyfunction]
#[pyo3(signature = (report, plan, *, as_of=None, context=None, limits=None))]
fn validate_report<'py>(
    py: Python<'py>,
    report: &Bound<'py, PyAny>,
    plan: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    context: Option<&Bound<'py, PyAny>>,
    limits: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let report = input::document(report, "report")?;
    let earlier = input::documents(context, "context")?;
    let (date, limits) = (date(py, as_of)?, read_limits(py, limits)?);
    // A `Plan` the package returned keeps its checker: read once, ever.
    if let Ok(plan) = plan.cast::<Plan>() {
        let checker = plan.get().checker().map_err(|e| err(py, e))?;
        let found = py.detach(|| checker.validate_report(&report, date, &earlier, &limits));
        return records::findings(py, &found);
    }
    let checker = input::plan_checker(plan)?;
    let found = py.detach(|| checker.validate_report(&report, date, &earlier, &limits));
    records::findings(py, &found)
}

/// Validates many reports together. One `Outcome` per report, in input order.
#[pyfunction]
#[pyo3(signature = (reports, plan, *, as_of=None, context=None, limits=None))]
fn validate_reports<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
    plan: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    context: Option<&Bound<'py, PyAny>>,
    limits: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = input::plan_text(plan)?;
    let earlier = input::documents(context, "context")?;
    let (date, limits) = (date(py, as_of)?, read_limits(py, limits)?);
    let reports = input::read_reports(reports, "reports", &limits)?;
    let out = py
        .detach(|| api::validate_read_reports(&plan, reports.finish(), date, &earlier, &limits))
        .map_err(|e| err(py, e))?;
    records::outcomes(py, out)
}

/// Checks a plan itself: its reading findings, then the `plan_*` checks.
#[pyfunction]
fn check_plan<'py>(py: Python<'py>, plan: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let plan = input::plan_text(plan)?;
    let found = py.detach(|| api::check_plan(&plan));
    records::findings(py, &found)
}

/// A result of the workflow as a dict, its findings as `Finding` objects.
fn with_findings<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
    findings: &[binhdang::Finding],
) -> PyResult<Bound<'py, PyAny>> {
    let out = to_py(py, value)?;
    out.set_item("findings", records::findings(py, findings)?)?;
    Ok(out)
}

/// Replays a log of workflow events against a plan: a dict with
/// `standings`, `events`, `refused` and `findings` (docs/workflow.md).
#[pyfunction]
#[pyo3(signature = (plan, events, *, as_of=None, limits=None))]
fn replay<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    events: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    limits: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let plan = input::plan_text(plan)?;
    let events = input::workflow(events, "events", "events")?;
    let (date, limits) = (date(py, as_of)?, read_limits(py, limits)?);
    let replayed = py.detach(|| api::replay(&plan, events, date, &limits)).map_err(|e| err(py, e))?;
    with_findings(py, &replayed, &replayed.findings)
}

/// Decides one step of a report's life: a dict with the new `standing` and
/// the `event` to append to the log when it is allowed, or only the
/// `findings` that say why not.
#[pyfunction]
#[pyo3(signature = (plan, step, *, as_of=None, limits=None))]
fn transition<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    step: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    limits: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let plan = input::plan_text(plan)?;
    let step = input::workflow(step, "step", "step")?;
    let (date, limits) = (date(py, as_of)?, read_limits(py, limits)?);
    let decided = py.detach(|| api::transition(&plan, step, date, &limits)).map_err(|e| err(py, e))?;
    with_findings(py, &decided, decided.findings())
}

/// Reads a plan; `BinhdangError` with the findings when it cannot be read.
#[pyfunction]
fn load_plan(py: Python<'_>, plan: &Bound<'_, PyAny>) -> PyResult<Plan> {
    let text = input::plan_text(plan)?;
    let plan = api::load_plan(&text).map_err(|e| err(py, e))?;
    Ok(Plan::new(plan))
}

/// Reads a report; `BinhdangError` with its findings when it cannot be read.
#[pyfunction]
fn load_report(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<Report> {
    let bytes = input::document(report, "report")?;
    Ok(Report { inner: api::load_report(bytes).map_err(|e| err(py, e))? })
}

/// The core's error of the Excel code as `BinhdangError`, in the language errors speak.
pub(crate) fn form_err(e: &binhdang::excel::FormError) -> PyErr {
    BinhdangError::new_err(api::say(e.message()))
}

/// A filled Excel form (`.xlsx` bytes) read as a report: the report (None
/// when it cannot be used) and the findings of reading it, each naming its cell.
#[pyfunction]
#[pyo3(signature = (data, *, limits=None))]
fn read_workbook<'py>(
    py: Python<'py>,
    data: &[u8],
    limits: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Option<Report>, Bound<'py, PyAny>)> {
    let limits = read_limits(py, limits)?;
    let form = py.detach(|| binhdang::excel::read_form(data, &limits));
    Ok((form.read.value.map(|inner| Report { inner }), records::findings(py, &form.read.findings)?))
}

/// A unit's report form for one schedule entry of the plan, as `.xlsx` bytes.
#[pyfunction]
fn form<'py>(py: Python<'py>, plan: &Bound<'py, PyAny>, unit: &str, entry: &str) -> PyResult<Bound<'py, PyBytes>> {
    let plan = match plan.cast::<Plan>() {
        Ok(p) => p.get().inner.clone(),
        Err(_) => std::sync::Arc::new(api::load_plan(&input::plan_text(plan)?).map_err(|e| err(py, e))?),
    };
    let unit = binhdang::UnitId::from(unit);
    let bytes = py
        .detach(|| binhdang::excel::form(&plan, &binhdang::Catalog::builtin(), &unit, entry))
        .map_err(|e| form_err(&e))?;
    Ok(PyBytes::new(py, &bytes))
}

/// A JSON Schema (draft 2020-12) by name, as a dict.
#[pyfunction]
fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &api::schema(name).map_err(|e| err(py, e))?)
}

/// The names `schema` accepts.
#[pyfunction]
fn schema_names() -> Vec<&'static str> {
    binhdang::schema::NAMES.to_vec()
}

/// The built-in catalogue.
#[pyfunction]
fn catalog() -> Catalog {
    Catalog { inner: binhdang::Catalog::builtin() }
}

/// A new plan for a province and year; `units_csv`: the units as CSV text.
#[pyfunction]
#[pyo3(signature = (province, code, year, units_csv=None))]
fn new_plan(py: Python<'_>, province: &str, code: &str, year: i32, units_csv: Option<&str>) -> PyResult<Plan> {
    let plan = api::new_plan(province, code, year, units_csv.map(api::Units::Csv)).map_err(|e| err(py, e))?;
    Ok(Plan::new(plan))
}

/// What a person typed in a date field, as a `datetime.date`; `BinhdangError` otherwise.
#[pyfunction]
fn parse_date<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDate>> {
    use chrono::Datelike;
    let d = api::parse_date(text).map_err(|e| err(py, e))?;
    let (month, day) = (u8::try_from(d.0.month()), u8::try_from(d.0.day()));
    match (month, day) {
        (Ok(month), Ok(day)) => PyDate::new(py, d.0.year(), month, day),
        _ => Err(PyValueError::new_err(d.iso())),
    }
}

/// What a person typed in a number field: an `int` when it is whole, else a
/// `float`; `BinhdangError` otherwise.
#[pyfunction]
fn parse_number<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let x = api::parse_number(text).map_err(|e| err(py, e))?;
    #[allow(clippy::cast_possible_truncation)]
    if x.fract() == 0.0 && x.abs() < 9.2e18 {
        return Ok((x as i64).into_pyobject(py)?.into_any());
    }
    Ok(x.into_pyobject(py)?.into_any())
}

/// The language of `BinhdangError`'s message: `"vi"` (the default) or `"en"`.
#[pyfunction]
fn set_language(py: Python<'_>, code: &str) -> PyResult<()> {
    api::set_language(api::lang(code).map_err(|e| err(py, e))?);
    Ok(())
}

/// The message of a TypeError for an argument of the wrong kind (`document`,
/// `reports`, `date` or `options`), in the language errors speak.
#[pyfunction]
fn wrong_argument(name: &str, kind: &str) -> String {
    api::wrong_argument(name, kind)
}

/// Today's date in Vietnam (UTC+7), YYYY-MM-DD.
#[pyfunction]
fn today(py: Python<'_>) -> PyResult<String> {
    Ok(date(py, None)?.iso())
}

#[pymodule]
fn _binhdang(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BinhdangError", m.py().get_type::<BinhdangError>())?;
    // An error raised by Python code has no findings until it is given some.
    m.py().get_type::<BinhdangError>().setattr("findings", PyList::empty(m.py()))?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Checker>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Outcome>()?;
    m.add_class::<Completeness>()?;
    m.add_class::<PeriodSummary>()?;
    m.add_class::<Summary>()?;
    m.add_class::<Plan>()?;
    m.add_class::<Report>()?;
    m.add_class::<Catalog>()?;
    for f in [
        wrap_pyfunction!(validate_report, m)?,
        wrap_pyfunction!(validate_reports, m)?,
        wrap_pyfunction!(check_plan, m)?,
        wrap_pyfunction!(load_plan, m)?,
        wrap_pyfunction!(load_report, m)?,
        wrap_pyfunction!(schema, m)?,
        wrap_pyfunction!(schema_names, m)?,
        wrap_pyfunction!(catalog, m)?,
        wrap_pyfunction!(today, m)?,
        wrap_pyfunction!(parse_date, m)?,
        wrap_pyfunction!(new_plan, m)?,
        wrap_pyfunction!(set_language, m)?,
        wrap_pyfunction!(wrong_argument, m)?,
        wrap_pyfunction!(parse_number, m)?,
        wrap_pyfunction!(replay, m)?,
        wrap_pyfunction!(read_workbook, m)?,
        wrap_pyfunction!(form, m)?,
        wrap_pyfunction!(transition, m)?,
        wrap_pyfunction!(records::_set_findings_type, m)?,
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
