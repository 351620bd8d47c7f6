//! The native module `binhdang._binhdang`: text in, text out.
//!
//! **Key decision: this crate only converts.** Plans and reports arrive as
//! JSON text (the Python layer turns dicts and paths into text, so hostile
//! input meets the same strict reader as in every other runtime), results
//! leave as JSON text, and `ApiError` becomes `BinhdangError` with its
//! findings. Every rule, sum and sentence is in the core crate.

use binhdang::api::{self, ApiError};
use binhdang::output::{self, Lang};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
// Reports cross as UTF-8 bytes (the Python layer encodes with
// "surrogatepass"), so that a lone surrogate in a host string reaches the
// core's reader and becomes a finding, as in every other runtime.
use pyo3::pybacked::PyBackedBytes;

create_exception!(
    _binhdang,
    BinhdangError,
    PyValueError,
    "What cannot be answered with findings: a plan that cannot be read, a date that is not a date, an unknown schema. `args[1]` holds the findings as JSON text."
);

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| BinhdangError::new_err((e.to_string(), "[]".to_string())))
}

fn err(e: ApiError) -> PyErr {
    let findings = serde_json::to_string(e.findings()).unwrap_or_else(|_| "[]".into());
    BinhdangError::new_err((e.to_string(), findings))
}

fn as_of(text: Option<&str>) -> PyResult<binhdang::Date> {
    api::date_or_today(text).map_err(err)
}

fn limits(text: Option<&str>) -> PyResult<binhdang::read::Limits> {
    api::limits(text).map_err(err)
}

fn lang(text: &str) -> PyResult<Lang> {
    api::lang(text).map_err(err)
}

/// A plan read once, to check many reports against.
#[pyclass(frozen, module = "binhdang._binhdang")]
struct Checker {
    inner: api::Checker,
}

#[pymethods]
impl Checker {
    #[new]
    fn new(plan: &str) -> PyResult<Self> {
        Ok(Checker { inner: api::Checker::new(plan).map_err(err)? })
    }

    /// Validates one report (JSON text); the findings as JSON text.
    #[pyo3(signature = (report, as_of_date=None, earlier=Vec::new(), limits_json=None))]
    fn validate_report(
        &self,
        report: PyBackedBytes,
        as_of_date: Option<&str>,
        earlier: Vec<PyBackedBytes>,
        limits_json: Option<&str>,
    ) -> PyResult<String> {
        to_json(&self.inner.validate_report(report, as_of(as_of_date)?, &earlier, &limits(limits_json)?))
    }
}

/// Validates one report against a plan read once per text (the core keeps
/// the last few): a loop over reports with the same plan reads it once.
#[pyfunction]
#[pyo3(signature = (plan, report, as_of_date=None, earlier=Vec::new(), limits_json=None))]
fn validate_report(
    plan: &str,
    report: PyBackedBytes,
    as_of_date: Option<&str>,
    earlier: Vec<PyBackedBytes>,
    limits_json: Option<&str>,
) -> PyResult<String> {
    to_json(&api::validate_report(plan, &report, as_of(as_of_date)?, &earlier, &limits(limits_json)?).map_err(err)?)
}

/// Validates many reports together. Returns one outcome per report, as JSON text.
#[pyfunction]
#[pyo3(signature = (plan, reports, as_of_date=None, earlier=Vec::new(), limits_json=None))]
fn validate_reports(
    plan: &str,
    reports: Vec<PyBackedBytes>,
    as_of_date: Option<&str>,
    earlier: Vec<PyBackedBytes>,
    limits_json: Option<&str>,
) -> PyResult<String> {
    to_json(&api::validate_reports(plan, &reports, as_of(as_of_date)?, &earlier, &limits(limits_json)?).map_err(err)?)
}

/// Adds up reports into the province's summary, as JSON text.
#[pyfunction]
#[pyo3(signature = (plan, reports, as_of_date, limits_json=None))]
fn aggregate(plan: &str, reports: Vec<PyBackedBytes>, as_of_date: &str, limits_json: Option<&str>) -> PyResult<String> {
    to_json(&api::aggregate(plan, &reports, as_of(Some(as_of_date))?, &limits(limits_json)?).map_err(err)?)
}

/// The summary's tidy tables (figures, completeness, progress, funding, activities), as JSON text.
#[pyfunction]
fn summary_tables(plan: &str, summary: &str) -> PyResult<String> {
    let plan = api::load_plan(plan).map_err(err)?;
    let summary =
        serde_json::from_str(summary).map_err(|e| BinhdangError::new_err((e.to_string(), "[]".to_string())))?;
    to_json(&output::tables(&summary, &plan, &binhdang::Catalog::builtin()))
}

/// The summary's tables as they may be published (small counts of sensitive
/// indicators and every cell that would give one away withheld), as JSON text.
#[pyfunction]
fn published_tables(plan: &str, summary: &str) -> PyResult<String> {
    let plan = api::load_plan(plan).map_err(err)?;
    let summary =
        serde_json::from_str(summary).map_err(|e| BinhdangError::new_err((e.to_string(), "[]".to_string())))?;
    to_json(&binhdang::publish::published_tables(&summary, &plan, &binhdang::Catalog::builtin()))
}

/// The summary as a text table in `lang` ("vi" or "en").
#[pyfunction]
fn summary_text(plan: &str, summary: &str, lang_code: &str) -> PyResult<String> {
    let plan = api::load_plan(plan).map_err(err)?;
    let summary =
        serde_json::from_str(summary).map_err(|e| BinhdangError::new_err((e.to_string(), "[]".to_string())))?;
    Ok(output::to_text(&summary, &plan, &binhdang::Catalog::builtin(), lang(lang_code)?))
}

/// The summary's figures as CSV text.
#[pyfunction]
fn summary_csv(plan: &str, summary: &str) -> PyResult<String> {
    let plan = api::load_plan(plan).map_err(err)?;
    let summary =
        serde_json::from_str(summary).map_err(|e| BinhdangError::new_err((e.to_string(), "[]".to_string())))?;
    Ok(output::to_csv(&summary, &plan, &binhdang::Catalog::builtin()))
}

/// Checks a plan itself. Returns the findings as JSON text.
#[pyfunction]
fn check_plan(plan: &str) -> PyResult<String> {
    to_json(&api::check_plan(plan))
}

/// Reads a plan; the plan as normalised JSON text, or BinhdangError.
#[pyfunction]
fn load_plan(plan: &str) -> PyResult<String> {
    to_json(&api::load_plan(plan).map_err(err)?)
}

/// Reads a report; the report as normalised JSON text, or BinhdangError with its findings.
#[pyfunction]
fn load_report(report: PyBackedBytes) -> PyResult<String> {
    to_json(&api::load_report(report).map_err(err)?)
}

/// A JSON Schema by name, as JSON text.
#[pyfunction]
fn schema(name: &str) -> PyResult<String> {
    to_json(&api::schema(name).map_err(err)?)
}

/// The names of the published schemas.
#[pyfunction]
fn schema_names() -> Vec<String> {
    binhdang::schema::NAMES.iter().map(|s| (*s).to_string()).collect()
}

/// The built-in catalogue, as JSON text.
#[pyfunction]
fn catalog() -> PyResult<String> {
    to_json(&binhdang::Catalog::builtin())
}

/// A new plan for a province and year, as JSON text; `units_csv`: the units as CSV.
#[pyfunction]
#[pyo3(signature = (province, code, year, units_csv=None))]
fn new_plan(province: &str, code: &str, year: i32, units_csv: Option<&str>) -> PyResult<String> {
    to_json(&api::new_plan(province, code, year, units_csv.map(api::Units::Csv)).map_err(err)?)
}

/// What a person typed in a date field, as YYYY-MM-DD; BinhdangError otherwise.
#[pyfunction]
fn parse_date(text: &str) -> PyResult<String> {
    Ok(api::parse_date(text).map_err(err)?.iso())
}

/// What a person typed in a number field, as a number; BinhdangError otherwise.
#[pyfunction]
fn parse_number(text: &str) -> PyResult<f64> {
    api::parse_number(text).map_err(err)
}

/// The language of BinhdangError's message: "vi" (the default) or "en".
#[pyfunction]
fn set_language(code: &str) -> PyResult<()> {
    api::set_language(lang(code)?);
    Ok(())
}

/// The message of a TypeError for an argument of the wrong kind (`document`,
/// `reports` or `date`), in the language errors speak.
#[pyfunction]
fn wrong_argument(name: &str, kind: &str) -> String {
    api::wrong_argument(name, kind)
}

/// Today's date in Vietnam (UTC+7), YYYY-MM-DD.
#[pyfunction]
fn today() -> PyResult<String> {
    Ok(as_of(None)?.iso())
}

#[pymodule]
fn _binhdang(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BinhdangError", m.py().get_type::<BinhdangError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Checker>()?;
    for f in [
        wrap_pyfunction!(validate_report, m)?,
        wrap_pyfunction!(validate_reports, m)?,
        wrap_pyfunction!(aggregate, m)?,
        wrap_pyfunction!(summary_tables, m)?,
        wrap_pyfunction!(published_tables, m)?,
        wrap_pyfunction!(summary_text, m)?,
        wrap_pyfunction!(summary_csv, m)?,
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
    ] {
        m.add_function(f)?;
    }
    Ok(())
}
