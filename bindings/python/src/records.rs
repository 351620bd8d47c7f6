//! The results as Python objects: each class holds the core's own value and
//! converts a field to Python only when it is asked for (with `pythonize`,
//! from the core's serde form: the same names and values as the JSON
//! schemas). No field is copied by hand into a mirror type; an attribute is
//! a read of the core value, and `to_dict()` is the whole value as plain
//! Python data.
//!
//! A summary keeps the plan and catalogue it was made with, so its tables,
//! text and CSV are made from the core values directly (nothing is read
//! again), and a table crosses into pandas as columns, not a dict per row.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

use crate::{err, input};

/// A core value as plain Python data.
pub fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// The serde name of a unit variant or newtype (a code, a status, a date).
fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

fn field<'py, T: Serialize>(py: Python<'py>, value: &T, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    let value = serde_json::to_value(value).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    value.get(key).map(|v| to_py(py, v)).transpose()
}

fn hash_of<T: Serialize>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_string(value).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// The methods every record has: `to_dict()`, `record["field"]`,
/// `record.get("field", default)`, equality and a hash (by value), `repr`.
macro_rules! record {
    ($ty:ident, $s:ident => $inner:expr; $($extra:tt)*) => {
        #[pymethods]
        impl $ty {
            $($extra)*

            /// The whole value as plain Python data (dicts, lists, str, int,
            /// float, bool, None): a fresh copy, with the field names of the JSON schemas.
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let $s = self;
                to_py(py, $inner)
            }

            fn __getitem__<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyAny>> {
                let $s = self;
                field(py, $inner, key)?.ok_or_else(|| PyKeyError::new_err(key.to_string()))
            }

            /// A field of the JSON form, or `default` when it is absent.
            #[pyo3(signature = (key, default=None))]
            fn get<'py>(
                &self,
                py: Python<'py>,
                key: &str,
                default: Option<Bound<'py, PyAny>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let $s = self;
                Ok(match field(py, $inner, key)? {
                    Some(v) => v,
                    None => default.unwrap_or_else(|| py.None().into_bound(py)),
                })
            }

            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                let Ok(other) = other.cast::<$ty>() else { return false };
                let mine = { let $s = self; $inner };
                let theirs = { let $s = other.get(); $inner };
                mine == theirs
            }

            fn __hash__(&self) -> u64 {
                let $s = self;
                hash_of($inner)
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let $s = self;
                let text = $s.brief(py)?;
                Ok(format!("{}({})", stringify!($ty), text))
            }
        }
    };
}

/// The repr of a small record: its plain data.
fn repr_of<T: Serialize>(py: Python<'_>, value: &T) -> PyResult<String> {
    Ok(to_py(py, value)?.repr()?.to_cow()?.into_owned())
}

/// One finding: a stable code, a severity, a JSON Pointer, a message in
/// Vietnamese and English, and the values involved.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Finding {
    pub inner: binhdang::Finding,
}

impl Finding {
    fn brief(&self, py: Python<'_>) -> PyResult<String> {
        repr_of(py, &self.inner)
    }
}

/// The list type findings are given in: `binhdang.Findings` (a `list` that a
/// notebook shows as a table) once the package has said so, else `list`.
static FINDINGS_TYPE: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// The package's list type for findings (set once, at its import).
#[pyfunction]
pub fn _set_findings_type(py: Python<'_>, cls: Bound<'_, PyAny>) -> PyResult<()> {
    let subclass = cls.cast::<pyo3::types::PyType>().is_ok_and(|t| t.is_subclass_of::<PyList>().unwrap_or(false));
    if !subclass {
        return Err(PyTypeError::new_err("findings: a subclass of list"));
    }
    // The first setting stays (the package is imported once).
    let _ = FINDINGS_TYPE.set(py, cls.unbind());
    Ok(())
}

/// Findings as a list of `Finding`, in the package's list type.
pub fn findings<'py>(py: Python<'py>, items: &[binhdang::Finding]) -> PyResult<Bound<'py, PyAny>> {
    let objects = items.iter().map(|f| Bound::new(py, Finding { inner: f.clone() })).collect::<PyResult<Vec<_>>>()?;
    let list = PyList::new(py, objects)?;
    match FINDINGS_TYPE.get(py) {
        Some(cls) => cls.bind(py).call1((list,)),
        None => Ok(list.into_any()),
    }
}

record!(Finding, s => &s.inner;
    /// The stable code (`sex_sum_mismatch`).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// `"error"` or `"warning"`.
    #[getter]
    fn severity(&self) -> String {
        name(&self.inner.severity)
    }
    /// JSON Pointer (RFC 6901) to the field; `""` is the whole document.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    #[getter]
    fn message_vi(&self) -> &str {
        &self.inner.message_vi
    }
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }
    /// The values involved: `expected`, `actual`, `indicator`, `limit`...
    #[getter]
    fn context<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.context)
    }
    #[getter]
    fn is_error(&self) -> bool {
        self.inner.is_error()
    }
    fn __str__(&self) -> String {
        let path = if self.inner.path.is_empty() { "/" } else { &self.inner.path };
        format!("{} {}: {} [{}]", name(&self.inner.severity), path, self.inner.message_vi, self.inner.code.as_str())
    }
);

/// What happened to one report of a batch: used, superseded or rejected, with its findings.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Outcome {
    pub inner: binhdang::validate::Outcome,
}

impl Outcome {
    fn brief(&self, py: Python<'_>) -> PyResult<String> {
        repr_of(py, &self.inner)
    }
}

pub fn outcomes<'py>(py: Python<'py>, items: Vec<binhdang::validate::Outcome>) -> PyResult<Bound<'py, PyList>> {
    let objects = items.into_iter().map(|o| Bound::new(py, Outcome { inner: o })).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

record!(Outcome, s => &s.inner;
    /// Its place in the input, from 0.
    #[getter]
    fn index(&self) -> usize {
        self.inner.index
    }
    /// Where it came from, when the host said.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }
    /// The reporting unit, when the report could be read that far.
    #[getter]
    fn unit(&self) -> Option<String> {
        self.inner.unit.as_ref().map(name)
    }
    /// `"six_month"` or `"annual"`, when the report could be read that far.
    #[getter]
    fn kind(&self) -> Option<String> {
        self.inner.kind.as_ref().map(name)
    }
    /// `{"from": ..., "to": ...}`, when the report could be read that far.
    #[getter]
    fn period<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.period)
    }
    /// The date it was sent (ISO), when the report could be read that far.
    #[getter]
    fn submitted(&self) -> Option<String> {
        self.inner.submitted.map(binhdang::Date::iso)
    }
    /// `"used"`, `"superseded"` or `"rejected"`.
    #[getter]
    fn status(&self) -> String {
        name(&self.inner.status)
    }
    /// The index of the report that replaced this one.
    #[getter]
    fn superseded_by(&self) -> Option<usize> {
        self.inner.superseded_by
    }
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        findings(py, &self.inner.findings)
    }
    /// The values a used report's errors left out of the summary (a plan's
    /// `rules.acceptance`: `value`): `[{"path": "/values/1", "codes": [...]}]`.
    #[getter]
    fn left_out<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.left_out)
    }
);

/// Expected, received, on time, late, missing and not-yet-due units of one schedule entry.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Completeness {
    pub inner: binhdang::aggregate::Completeness,
}

impl Completeness {
    fn brief(&self, py: Python<'_>) -> PyResult<String> {
        repr_of(py, &self.inner)
    }
}

record!(Completeness, s => &s.inner;
    #[getter]
    fn expected(&self) -> u32 {
        self.inner.expected
    }
    #[getter]
    fn received(&self) -> u32 {
        self.inner.received
    }
    #[getter]
    fn on_time(&self) -> u32 {
        self.inner.on_time
    }
    #[getter]
    fn late(&self) -> u32 {
        self.inner.late
    }
    #[getter]
    fn missing(&self) -> u32 {
        self.inner.missing
    }
    #[getter]
    fn not_yet_due(&self) -> u32 {
        self.inner.not_yet_due
    }
    /// Unit ids by timeliness: `on_time`, `late`, `missing`, `not_yet_due`.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.units)
    }
    /// Units whose report was received but rejected for an error.
    #[getter]
    fn rejected<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.rejected)
    }
    /// The expected units by their report's state in the workflow, when the
    /// summary was given the workflow's events; None otherwise.
    #[getter]
    fn states<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.states)
    }
);

/// A summary with what it was made from: its tables and text need the plan and catalogue.
pub struct Aggregated {
    pub plan: binhdang::Plan,
    pub catalog: binhdang::Catalog,
    pub summary: binhdang::aggregate::Summary,
}

/// The summary of one schedule entry (the six-month or the annual report).
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct PeriodSummary {
    data: Arc<Aggregated>,
    index: usize,
}

impl PeriodSummary {
    fn core(&self) -> Option<&binhdang::aggregate::PeriodSummary> {
        self.data.summary.periods.get(self.index)
    }
    fn must(&self) -> PyResult<&binhdang::aggregate::PeriodSummary> {
        self.core().ok_or_else(|| PyKeyError::new_err(self.index))
    }
    fn brief(&self, _py: Python<'_>) -> PyResult<String> {
        let p = self.must()?;
        Ok(format!("entry={:?}, kind={:?}, figures={}", p.entry, name(&p.kind), p.figures.len()))
    }
}

record!(PeriodSummary, s => &s.core();
    /// The schedule entry's id (`"2024-annual"`).
    #[getter]
    fn entry(&self) -> PyResult<&str> {
        Ok(&self.must()?.entry)
    }
    /// `"six_month"` or `"annual"`.
    #[getter]
    fn kind(&self) -> PyResult<String> {
        Ok(name(&self.must()?.kind))
    }
    /// `{"from": ..., "to": ...}` (ISO dates).
    #[getter]
    fn period<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.period)
    }
    /// The due date (ISO).
    #[getter]
    fn due(&self) -> PyResult<String> {
        Ok(self.must()?.due.iso())
    }
    #[getter]
    fn completeness(&self) -> PyResult<Completeness> {
        Ok(Completeness { inner: self.must()?.completeness.clone() })
    }
    /// Every unit with data in its subtree, by unit then indicator (dicts).
    #[getter]
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.figures)
    }
    /// Every target year of every indicator with a target, at the root (dicts).
    #[getter]
    fn progress<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.progress)
    }
    #[getter]
    fn activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.activities)
    }
    #[getter]
    fn funding<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.funding)
    }
    /// What the units wrote on each content area (dicts: `area`, `unit`,
    /// and the sections written), by area, then by the plan's reporting units.
    #[getter]
    fn narratives<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.must()?.narratives)
    }
    /// The figure of `unit` for `indicator` (a dict), or None.
    fn figure<'py>(&self, py: Python<'py>, unit: &str, indicator: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.must()?
            .figures
            .iter()
            .find(|f| f.unit.as_str() == unit && f.indicator.as_str() == indicator)
            .map(|f| to_py(py, f))
            .transpose()
    }
);

/// The province's summary: one `PeriodSummary` per schedule entry, and the
/// accounting of every report. `Summary(plan, reports, as_of, limits=None)`
/// adds the reports up, as `binhdang.aggregate` does.
#[pyclass(frozen, subclass, module = "binhdang._binhdang")]
pub struct Summary {
    data: Arc<Aggregated>,
}

impl Summary {
    fn brief(&self, _py: Python<'_>) -> PyResult<String> {
        let s = &self.data.summary;
        Ok(format!(
            "plan={:?}, as_of={:?}, periods={}, reports={}",
            s.plan,
            s.as_of.iso(),
            s.periods.len(),
            s.accounting.len()
        ))
    }
    fn document(&self, py: Python<'_>, entry: Option<&str>, published: bool) -> PyResult<binhdang::document::Document> {
        let d = &self.data;
        py.detach(|| binhdang::document::consolidated(&d.plan, &d.catalog, &d.summary, entry, published))
            .map_err(|e| PyKeyError::new_err(binhdang::api::say(e.message())))
    }
    /// One table as columns of `shape`. The figures (most of the rows) are
    /// made as they cross, never all held at once; the published figures
    /// need the whole table first (to decide what to withhold), and the
    /// other tables are small.
    fn columns_as<'py>(
        &self,
        py: Python<'py>,
        table: &str,
        published: bool,
        shape: crate::columns::Shape,
    ) -> PyResult<Bound<'py, PyDict>> {
        if table == "figures" && !published {
            let d = &self.data;
            return crate::columns::rows(py, &binhdang::output::FigureRows::new(&d.summary, &d.plan), shape);
        }
        let tables = py.detach(|| self.tables_of(published));
        crate::columns::table(py, &tables, table, shape)?.ok_or_else(|| PyKeyError::new_err(table.to_string()))
    }
    fn tables_of(&self, published: bool) -> binhdang::output::Tables {
        let d = &self.data;
        binhdang::publish::tables_as(&d.summary, &d.plan, &d.catalog, published)
    }
}

record!(Summary, s => &s.data.summary;
    #[new]
    #[pyo3(signature = (plan, reports, as_of, *, events=None, limits=None))]
    fn new(
        py: Python<'_>,
        plan: &Bound<'_, PyAny>,
        reports: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        events: Option<&Bound<'_, PyAny>>,
        limits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let plan = input::plan_text(plan)?;
        let as_of = input::date_text(Some(as_of))?;
        let events = events.map(|e| input::workflow(e, "events", "events")).transpose()?;
        let limits = input::limits_text(limits)?;
        let as_of = binhdang::api::date_or_today(as_of.as_deref()).map_err(|e| err(py, e))?;
        let limits = binhdang::api::limits(limits.as_deref()).map_err(|e| err(py, e))?;
        let reports = input::read_reports(reports, "reports", &limits)?;
        let made =
            py.detach(|| binhdang::api::summarise_read(&plan, reports.finish(), events.as_deref(), as_of, &limits));
        let (plan, catalog, summary) = made.map_err(|e| err(py, e))?;
        Ok(Summary { data: Arc::new(Aggregated { plan, catalog, summary }) })
    }
    /// The plan's number.
    #[getter]
    fn plan(&self) -> &str {
        &self.data.summary.plan
    }
    /// The date the summary is made at (ISO).
    #[getter]
    fn as_of(&self) -> String {
        self.data.summary.as_of.iso()
    }
    /// The root of the unit tree (the province).
    #[getter]
    fn root(&self) -> Option<String> {
        self.data.summary.root.as_ref().map(name)
    }
    #[getter]
    fn periods(&self) -> Vec<PeriodSummary> {
        (0..self.data.summary.periods.len()).map(|index| PeriodSummary { data: Arc::clone(&self.data), index }).collect()
    }
    /// The summary of a schedule entry by id (`"2024-annual"`); KeyError when there is none.
    fn period(&self, entry: &str) -> PyResult<PeriodSummary> {
        self.data
            .summary
            .periods
            .iter()
            .position(|p| p.entry == entry)
            .map(|index| PeriodSummary { data: Arc::clone(&self.data), index })
            .ok_or_else(|| PyKeyError::new_err(entry.to_string()))
    }
    /// Completeness by schedule entry id.
    #[getter]
    fn completeness<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for p in &self.data.summary.periods {
            out.set_item(&p.entry, Completeness { inner: p.completeness.clone() })?;
        }
        Ok(out)
    }
    /// Every input report, in input order: used, superseded (by which) or rejected (with findings).
    #[getter]
    fn accounting<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        outcomes(py, self.data.summary.accounting.clone())
    }
    /// Findings of the aggregation itself (`overflow`).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        findings(py, &self.data.summary.findings)
    }
    /// Tidy rows: `figures`, `completeness`, `progress`, `funding`, `activities`, `outputs`.
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let tables = py.detach(|| self.tables_of(false));
        to_py(py, &tables)
    }
    /// The tables as they may be published: small counts of sensitive
    /// indicators (victims, cases of violence), and every cell from which one
    /// could be worked out, are withheld (`value` empty, `suppressed` true);
    /// progress rows of a withheld province figure have status `withheld`.
    fn published_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let tables = py.detach(|| self.tables_of(true));
        to_py(py, &tables)
    }
    /// One table as columns: `{column: [value, ...]}`, what
    /// `pandas.DataFrame` takes without a dict per row. A column that only
    /// some rows have holds None in the others. KeyError for an unknown table.
    #[pyo3(signature = (table, published=false))]
    fn columns<'py>(&self, py: Python<'py>, table: &str, published: bool) -> PyResult<Bound<'py, PyDict>> {
        self.columns_as(py, table, published, crate::columns::Shape::Lists)
    }
    /// One table's columns as Arrow buffers where a column is of one kind
    /// (see `columns::Shape::Arrow`), for `to_pandas` with pyarrow.
    #[pyo3(signature = (table, published=false))]
    fn _arrow_columns<'py>(&self, py: Python<'py>, table: &str, published: bool) -> PyResult<Bound<'py, PyDict>> {
        self.columns_as(py, table, published, crate::columns::Shape::Arrow)
    }
    /// The summary as an Excel workbook (`.xlsx` bytes): a sheet per
    /// schedule entry, completeness, progress, funding, accounting.
    /// `published`: the published tables, and no accounting.
    #[pyo3(signature = (published=false))]
    fn to_excel_bytes<'py>(&self, py: Python<'py>, published: bool) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let d = &self.data;
        let bytes = py
            .detach(|| binhdang::excel::summary_workbook(&d.summary, &d.plan, &d.catalog, published))
            .map_err(|e| crate::form_err(&e))?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    /// The figures as SDMX-CSV 2.0 text (docs/exchange.md); `published`:
    /// the published figures (withheld ones empty, `OBS_STATUS` `C`).
    #[pyo3(signature = (published=false))]
    fn to_sdmx_csv(&self, py: Python<'_>, published: bool) -> String {
        let d = &self.data;
        py.detach(|| binhdang::exchange::sdmx_csv(&self.tables_of(published).figures, &d.plan, &d.catalog))
    }
    /// The figures as a DHIS2 `dataValueSets` payload through the host's
    /// mapping (JSON text), with the figures it could not carry:
    /// `{"data_value_set": {...}, "left_out": [...]}`.
    #[pyo3(signature = (mapping, published=false))]
    fn to_dhis2<'py>(&self, py: Python<'py>, mapping: &str, published: bool) -> PyResult<Bound<'py, PyAny>> {
        let mapping = binhdang::api::dhis2_mapping(mapping).map_err(|e| err(py, e))?;
        let export = py.detach(|| binhdang::exchange::dhis2(&self.tables_of(published).figures, &mapping));
        to_py(py, &export)
    }
    /// One table (`figures`, `completeness`, `progress`, `funding`,
    /// `activities`, `outputs`) as a Parquet file's bytes: the columns of
    /// `columns(table)`. KeyError for an unknown table.
    #[pyo3(signature = (table="figures", published=false))]
    fn to_parquet_bytes<'py>(
        &self,
        py: Python<'py>,
        table: &str,
        published: bool,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let made = py.detach(|| binhdang::columnar::parquet(&self.tables_of(published), table));
        let bytes = made
            .ok_or_else(|| PyKeyError::new_err(table.to_string()))?
            .map_err(|e| crate::BinhdangError::new_err(e.to_string()))?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    /// The province's report to the national level (docs/upward.md): a
    /// report of the national plan `national` for its schedule entry
    /// `entry`, sent on `submitted`, and the list of figures that do not go
    /// up, each with its reason (dicts). `BinhdangError` when the national
    /// plan has no such entry, the summary no period of its days, or the
    /// province is not one of the national plan's units.
    #[pyo3(signature = (national, *, entry, submitted))]
    fn upward<'py>(
        &self,
        py: Python<'py>,
        national: &Bound<'py, PyAny>,
        entry: &str,
        submitted: &Bound<'py, PyAny>,
    ) -> PyResult<(Report, Bound<'py, PyAny>)> {
        let national = match national.cast::<Plan>() {
            Ok(p) => Arc::clone(&p.get().inner),
            Err(_) => Arc::new(binhdang::api::load_plan(&input::plan_text(national)?).map_err(|e| err(py, e))?),
        };
        let submitted = input::date_text_named(Some(submitted), "submitted")?.unwrap_or_default();
        let submitted = binhdang::api::date(&submitted).map_err(|e| err(py, e))?;
        let d = &self.data;
        let made = py.detach(|| {
            binhdang::upward::report_upward(&d.plan, &d.catalog, &d.summary, &national, entry, submitted)
        });
        let up = made.map_err(|e| crate::BinhdangError::new_err(binhdang::api::say(e.message())))?;
        Ok((Report { inner: up.report }, to_py(py, &up.not_sent)?))
    }
    /// The province's consolidated report of one schedule entry (default:
    /// the last with reports received) as a Word file's bytes (`.docx`),
    /// in the layout of Decree 30/2020/NĐ-CP. KeyError for an entry the
    /// summary does not have.
    #[pyo3(signature = (entry=None, published=false))]
    fn to_docx_bytes<'py>(
        &self,
        py: Python<'py>,
        entry: Option<&str>,
        published: bool,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let doc = self.document(py, entry, published)?;
        let bytes =
            py.detach(|| binhdang::docx::to_docx(&doc)).map_err(|e| crate::BinhdangError::new_err(e.to_string()))?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    /// The consolidated report as one HTML page (text).
    #[pyo3(signature = (entry=None, published=false))]
    fn to_html(&self, py: Python<'_>, entry: Option<&str>, published: bool) -> PyResult<String> {
        let doc = self.document(py, entry, published)?;
        Ok(binhdang::document::to_html(&doc))
    }
    /// The figures table as CSV text.
    fn to_csv(&self) -> String {
        let d = &self.data;
        binhdang::output::to_csv(&d.summary, &d.plan, &d.catalog)
    }
    /// The summary as a text table, in Vietnamese (`"vi"`) or English (`"en"`).
    #[pyo3(signature = (lang="vi"))]
    fn text(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let lang = binhdang::api::lang(lang).map_err(|e| err(py, e))?;
        let d = &self.data;
        Ok(binhdang::output::to_text(&d.summary, &d.plan, &d.catalog, lang))
    }
);

/// A plan (kế hoạch), as read and normalised by the engine. It can be given
/// wherever a plan goes; checking reports against it reads it once, on the
/// first check, however many follow.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Plan {
    pub inner: Arc<binhdang::Plan>,
    checker: std::sync::OnceLock<binhdang::api::Checker>,
}

impl Plan {
    pub fn new(plan: binhdang::Plan) -> Plan {
        Plan { inner: Arc::new(plan), checker: std::sync::OnceLock::new() }
    }

    /// The plan's checker, made on first use (from the plan's own JSON form,
    /// which the core reads as it reads any plan).
    pub fn checker(&self) -> Result<&binhdang::api::Checker, binhdang::api::ApiError> {
        if let Some(c) = self.checker.get() {
            return Ok(c);
        }
        let text = serde_json::to_string(&*self.inner).unwrap_or_default();
        let made = binhdang::api::Checker::new(&text)?;
        Ok(self.checker.get_or_init(|| made))
    }

    fn brief(&self, _py: Python<'_>) -> PyResult<String> {
        Ok(format!("number={:?}, year={}", self.inner.number, self.inner.year))
    }
}

record!(Plan, s => &*s.inner;
    /// The plan's number as printed (`01/KH-BVSTBPN`).
    #[getter]
    fn number(&self) -> &str {
        &self.inner.number
    }
    #[getter]
    fn year(&self) -> i32 {
        self.inner.year
    }
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }
);

/// A report (báo cáo), as read and normalised by the engine. It can be given
/// wherever a report goes.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Report {
    pub inner: binhdang::Report,
}

impl Report {
    fn brief(&self, _py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "unit={:?}, kind={:?}, values={}",
            name(&self.inner.unit),
            name(&self.inner.kind),
            self.inner.values.len()
        ))
    }
}

record!(Report, s => &s.inner;
    /// The reporting unit's id.
    #[getter]
    fn unit(&self) -> String {
        name(&self.inner.unit)
    }
    /// `"six_month"` or `"annual"`.
    #[getter]
    fn kind(&self) -> String {
        name(&self.inner.kind)
    }
);

/// The built-in catalogue of indicators and national targets.
#[pyclass(frozen, module = "binhdang._binhdang")]
pub struct Catalog {
    pub inner: binhdang::Catalog,
}

impl Catalog {
    fn brief(&self, _py: Python<'_>) -> PyResult<String> {
        Ok(format!("indicators={}", self.inner.indicators.len()))
    }
}

record!(Catalog, s => &s.inner;
    /// Every indicator (dicts), national targets first, then output indicators.
    #[getter]
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.indicators)
    }
);
