//! A plan or report given as Python objects, as the bytes the core reads.
//!
//! **Key decision: convert, never judge** (as `bindings/wasm/native.js` does
//! for JavaScript). A `str` is JSON text and crosses as UTF-8; `bytes` (a
//! file's content) cross as they are. A dict (or any mapping) is written out
//! as JSON text here, in Rust, with no `json.dumps` and no Python-level walk:
//! the core's strict reader then reads it by exactly the rules of JSON text
//! from any runtime (whole numbers, 2^64, duplicate keys after NFC...), and
//! gives the same findings at the same JSON Pointers.
//!
//! What JSON cannot hold is written as the text the strict reader refuses at
//! its place, never dropped and never an exception: an infinite float as
//! `1e999` (the reader's `number_out_of_range`), a value of a type JSON has
//! no form for as a mark no JSON value starts with (`<type:Decimal>`, which
//! the reader names `unsupported_type`; `<cycle>`, as the JavaScript binding
//! writes a cycle). A
//! lone surrogate crosses as WTF-8, which the core's decoder names
//! (`lone_surrogate`). What a host means by "blank" is written as `null`
//! (not reported), as JavaScript's `JSON.stringify` writes `NaN`: `None`,
//! `float('nan')`, `pandas.NA` and `pandas.NaT`. numpy scalars are the
//! numbers they hold; a `datetime.date` is its ISO day, a moment (an aware
//! `datetime`, a `pandas.Timestamp` with a zone) its day in Vietnam, by the
//! core's clock rule.

use std::io::Write;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};

use crate::plan_cache;
use crate::records::{Plan, Report};

/// Nesting past this is not walked (the core refuses far less deep input).
const MAX_DEPTH: usize = 1000;

/// A plan or report as the bytes the core reads, or `TypeError` naming the
/// argument when it is no document at all (a number, a list where one
/// document goes).
pub fn document(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<u8>> {
    if let Ok(text) = value.cast::<PyString>() {
        return text_bytes(text);
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(plan) = value.cast::<Plan>() {
        return json(&*plan.get().inner);
    }
    if let Ok(report) = value.cast::<Report>() {
        return json(&report.get().inner);
    }
    if value.cast::<PyDict>().is_ok() || value.cast::<PyMapping>().is_ok() {
        let mut out = Vec::with_capacity(1024);
        let mut stack = Vec::new();
        write(value, &mut out, &mut stack)?;
        return Ok(out);
    }
    Err(PyTypeError::new_err(binhdang::api::wrong_argument(name, "document")))
}

/// A log of events (`kind` "events": a list of dicts) or a step ("step": a
/// dict), as JSON text, bytes, or plain values written out as a document is.
pub fn workflow(value: &Bound<'_, PyAny>, name: &str, kind: &str) -> PyResult<Vec<u8>> {
    if let Ok(text) = value.cast::<PyString>() {
        return text_bytes(text);
    }
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    let fits = match kind {
        "events" => value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok(),
        _ => value.cast::<PyDict>().is_ok() || value.cast::<PyMapping>().is_ok(),
    };
    if !fits {
        return Err(PyTypeError::new_err(binhdang::api::wrong_argument(name, kind)));
    }
    let mut out = Vec::with_capacity(1024);
    let mut stack = Vec::new();
    write(value, &mut out, &mut stack)?;
    Ok(out)
}

/// A plan as text: its bytes decoded by the core's rule (UTF-8, a BOM
/// allowed); what is not UTF-8 is the plan's reading error. A plan dict
/// is written out once per content (`plan_cache`).
pub fn plan_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    match converted(value)? {
        Some(c) => Ok(c.text.to_string()),
        None => uncached_plan_text(value),
    }
}

/// The core's checker of a plan given as text, bytes or a dict (a `Plan`
/// keeps its own): for a dict, kept with its text, so that a loop with the
/// same plan dict neither writes it out nor looks it up by its text again.
pub fn plan_checker(value: &Bound<'_, PyAny>) -> PyResult<Arc<binhdang::api::Checker>> {
    let py = value.py();
    // A `str` is looked up by its UTF-8 bytes, borrowed from the str itself:
    // no copy and no second decoding before the core compares it with the
    // plans it read last (the core decodes it, once, if it is new).
    if let Ok(text) = value.cast::<PyString>() {
        if let Ok(text) = text.to_cow() {
            return py.detach(|| binhdang::api::Checker::of(text.as_bytes())).map_err(|e| crate::err(py, e));
        }
    }
    let Some(c) = converted(value)? else {
        let text = uncached_plan_text(value)?;
        return py.detach(|| binhdang::api::Checker::of(&text)).map_err(|e| crate::err(py, e));
    };
    if let Some(checker) = c.checker.get() {
        return Ok(Arc::clone(checker));
    }
    let made = py.detach(|| binhdang::api::Checker::of(&*c.text)).map_err(|e| crate::err(py, e))?;
    Ok(Arc::clone(c.checker.get_or_init(|| made)))
}

/// What a plan dict was converted to: the last one of the same content, or
/// its text written now, right after its snapshot is taken, and kept; `None` for what cannot
/// be kept (then converted on every call).
fn converted(value: &Bound<'_, PyAny>) -> PyResult<Option<plan_cache::Converted>> {
    if let Some(c) = plan_cache::find(value) {
        return Ok(Some(c));
    }
    let Some(snapshot) = plan_cache::snapshot(value) else { return Ok(None) };
    let mut out = Vec::with_capacity(1024);
    write(value, &mut out, &mut Vec::new())?;
    match binhdang::read::decode(&out) {
        Ok(text) if snapshot.is(value) => Ok(Some(plan_cache::keep(snapshot, Arc::from(text)))),
        _ => Ok(None),
    }
}

fn uncached_plan_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let bytes = document(value, "plan")?;
    match binhdang::read::decode(&bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(f) => Err(crate::err(value.py(), binhdang::api::ApiError::Plan(vec![f]))),
    }
}

/// Many documents: a list or tuple (the Python layer turns a folder into
/// the list of its files); anything else is `TypeError` naming the argument.
pub fn documents(values: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Vec<Vec<u8>>> {
    let Some(values) = values else { return Ok(Vec::new()) };
    batch(values, name)?.iter().map(|item| document(item, name)).collect()
}

/// The items of a batch of documents: a list or tuple (None: none), or
/// `TypeError` naming `name`.
fn batch<'py>(values: &Bound<'py, PyAny>, name: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if values.is_none() {
        Ok(Vec::new())
    } else if let Ok(list) = values.cast::<PyList>() {
        Ok(list.iter().collect())
    } else if let Ok(tuple) = values.cast::<PyTuple>() {
        Ok(tuple.iter().collect())
    } else {
        Err(PyTypeError::new_err(binhdang::api::wrong_argument(name, "reports")))
    }
}

/// The reports of a batch (a list or tuple of documents; None: none) handed
/// to the core as they are written out: each is written here, under the
/// GIL, while the core reads the ones before it on a second thread
/// (`read::OverlappedReports`); `finish` it with the GIL released.
/// `TypeError` naming `name` as [`documents`] raises it.
pub fn read_reports(
    values: &Bound<'_, PyAny>,
    name: &str,
    limits: &binhdang::read::Limits,
) -> PyResult<binhdang::read::OverlappedReports> {
    let items = batch(values, name)?;
    let mut reading = binhdang::read::OverlappedReports::new(items.len(), limits);
    for item in &items {
        reading.push(document(item, name)?);
    }
    Ok(reading)
}

/// Limits as JSON text for the core to read and check (`None`: the defaults).
pub fn limits_text(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) if v.cast::<PyDict>().is_ok() || v.cast::<PyMapping>().is_ok() => {
            let mut out = Vec::new();
            write(v, &mut out, &mut Vec::new())?;
            Ok(Some(String::from_utf8_lossy(&out).into_owned()))
        }
        Some(_) => Err(PyTypeError::new_err(binhdang::api::wrong_argument("limits", "options"))),
    }
}

/// A date argument (`as_of`) as the text the core reads: a `str` as typed,
/// a `datetime.date` as its ISO day, a moment as its day in Vietnam.
pub fn date_text(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    date_text_named(value, "as_of")
}

/// [`date_text`] for an argument of another name, which its error names.
pub fn date_text_named(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(text.to_cow()?.into_owned()));
    }
    if value.cast::<PyDate>().is_ok() && !is_blank(value)? {
        return Ok(Some(day(value)?));
    }
    Err(PyTypeError::new_err(binhdang::api::wrong_argument(name, "date")))
}

fn json<T: serde::Serialize>(value: &T) -> PyResult<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| PyTypeError::new_err(e.to_string()))
}

/// A `str` as UTF-8; one with a lone surrogate as WTF-8, for the core's
/// decoder to name (`str.encode("utf-8", "surrogatepass")`).
fn text_bytes(text: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    match text.to_cow() {
        Ok(s) => Ok(s.as_bytes().to_vec()),
        Err(_) => {
            let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
        }
    }
}

/// pandas' blanks: `pandas.NA` and `pandas.NaT` (by their types' names, so
/// that pandas need not be imported).
fn is_blank(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = value.get_type();
    let name = ty.name()?;
    let name = name.to_cow()?;
    Ok(matches!(&*name, "NAType" | "NaTType"))
}

/// A date as its ISO day; a moment (a `datetime` with a zone) as its day in
/// Vietnam, by the core's rule for the host's clock.
fn day(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.cast::<PyDateTime>().is_ok() && !value.getattr("tzinfo")?.is_none() {
        let seconds: f64 = value.call_method0("timestamp")?.extract()?;
        // Whole seconds toward the past: 23:59:59.5 is still that day.
        #[allow(clippy::cast_possible_truncation)]
        let seconds = seconds.floor() as i64;
        return Ok(binhdang::api::today(seconds).iso());
    }
    let (y, m, d): (i32, u32, u32) =
        (value.getattr("year")?.extract()?, value.getattr("month")?.extract()?, value.getattr("day")?.extract()?);
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// Writes `value` as JSON text into `out`; `stack`: the containers being
/// written, to mark a cycle instead of going round it.
fn write(value: &Bound<'_, PyAny>, out: &mut Vec<u8>, stack: &mut Vec<usize>) -> PyResult<()> {
    if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(s) = value.cast::<PyString>() {
        string(s, out)?;
    } else if let Ok(b) = value.cast::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if let Ok(i) = value.cast::<PyInt>() {
        int(i, out)?;
    } else if let Ok(f) = value.cast::<PyFloat>() {
        float(f.value(), out);
    } else if let Ok(dict) = value.cast::<PyDict>() {
        container(value, out, stack, |out, stack| object(dict.iter(), out, stack))?;
    } else if let Ok(list) = value.cast::<PyList>() {
        container(value, out, stack, |out, stack| array(list.iter(), out, stack))?;
    } else if let Ok(tuple) = value.cast::<PyTuple>() {
        container(value, out, stack, |out, stack| array(tuple.iter(), out, stack))?;
    } else if is_blank(value)? {
        out.extend_from_slice(b"null");
    } else if value.cast::<PyDate>().is_ok() {
        let text = day(value)?;
        serde_json::to_writer(&mut *out, &text).map_err(|e| PyTypeError::new_err(e.to_string()))?;
    } else if let Ok(mapping) = value.cast::<PyMapping>() {
        let items = mapping.items()?.iter().map(|kv| kv.extract()).collect::<PyResult<Vec<_>>>()?;
        container(value, out, stack, |out, stack| object(items.into_iter(), out, stack))?;
    } else {
        scalar(value, out)?;
    }
    Ok(())
}

/// A numpy scalar as the number it holds; anything else as the mark of its type.
fn scalar(value: &Bound<'_, PyAny>, out: &mut Vec<u8>) -> PyResult<()> {
    let ty = value.get_type();
    let numpy = ty.module().is_ok_and(|m| m.to_cow().is_ok_and(|m| m == "numpy"));
    if numpy {
        let name = ty.name()?;
        if name.to_cow()?.starts_with("bool") {
            out.extend_from_slice(if value.is_truthy()? { b"true" } else { b"false" });
            return Ok(());
        }
        if value.hasattr("__index__")? {
            let i = value.call_method0("__index__")?;
            return int(i.cast::<PyInt>()?, out);
        }
        if value.hasattr("__float__")? {
            float(value.call_method0("__float__")?.extract()?, out);
            return Ok(());
        }
    }
    let name = ty.name()?;
    write!(out, "<type:{}>", name.to_cow()?).map_err(|e| PyTypeError::new_err(e.to_string()))
}

fn container(
    value: &Bound<'_, PyAny>,
    out: &mut Vec<u8>,
    stack: &mut Vec<usize>,
    body: impl FnOnce(&mut Vec<u8>, &mut Vec<usize>) -> PyResult<()>,
) -> PyResult<()> {
    let id = value.as_ptr() as usize;
    if stack.contains(&id) {
        out.extend_from_slice(b"<cycle>");
        return Ok(());
    }
    if stack.len() >= MAX_DEPTH {
        out.extend_from_slice(b"<too deep>");
        return Ok(());
    }
    stack.push(id);
    let result = body(out, stack);
    stack.pop();
    result
}

fn object<'py>(
    items: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    out: &mut Vec<u8>,
    stack: &mut Vec<usize>,
) -> PyResult<()> {
    out.push(b'{');
    for (i, (key, value)) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match key.cast::<PyString>() {
            Ok(k) => string(k, out)?,
            // JSON keys are text: a key of another type is written as its
            // mark, where the reader stops with a finding at this object.
            Err(_) => {
                let ty = key.get_type();
                let name = ty.name()?;
                write!(out, "<type:{} key>", name.to_cow()?).map_err(|e| PyTypeError::new_err(e.to_string()))?;
            }
        }
        out.push(b':');
        write(&value, out, stack)?;
    }
    out.push(b'}');
    Ok(())
}

fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    out: &mut Vec<u8>,
    stack: &mut Vec<usize>,
) -> PyResult<()> {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(&item, out, stack)?;
    }
    out.push(b']');
    Ok(())
}

/// A string as JSON; a lone surrogate in it as its `\uD800` escape, as
/// JavaScript's `JSON.stringify` writes one, so that the core's reader names
/// it (`lone_surrogate`) at the string's JSON Pointer, as in every runtime.
fn string(s: &Bound<'_, PyString>, out: &mut Vec<u8>) -> PyResult<()> {
    match s.to_cow() {
        Ok(text) => serde_json::to_writer(&mut *out, &*text).map_err(|e| PyTypeError::new_err(e.to_string())),
        Err(_) => {
            // WTF-8: a surrogate is the three bytes ED A0..BF xx.
            let bytes = text_bytes(s)?;
            let fail = |e: std::io::Error| PyTypeError::new_err(e.to_string());
            out.push(b'"');
            let mut rest = &bytes[..];
            while let Some((&b, tail)) = rest.split_first() {
                rest = tail;
                match (b, tail) {
                    (0xED, &[hi, lo, ..]) if hi >= 0xA0 => {
                        let unit = (u32::from(hi & 0x3F) << 6) | u32::from(lo & 0x3F) | 0xD000;
                        write!(out, "\\u{unit:04x}").map_err(fail)?;
                        rest = tail.get(2..).unwrap_or_default();
                    }
                    (b'"', _) => out.extend_from_slice(b"\\\""),
                    (b'\\', _) => out.extend_from_slice(b"\\\\"),
                    (0..=0x1f, _) => write!(out, "\\u{b:04x}").map_err(fail)?,
                    _ => out.push(b),
                }
            }
            out.push(b'"');
            Ok(())
        }
    }
}

/// A whole number as its digits, however large: the reader decides (past
/// 2^64 a float, as from any JSON text; past a float's range, out of range).
fn int(i: &Bound<'_, PyInt>, out: &mut Vec<u8>) -> PyResult<()> {
    // serde_json's writer for the common sizes: a country's reports hold
    // hundreds of thousands of counts, and `write!` formats far slower.
    let written = if let Ok(n) = i.extract::<i64>() {
        serde_json::to_writer(&mut *out, &n)
    } else if let Ok(n) = i.extract::<u64>() {
        serde_json::to_writer(&mut *out, &n)
    } else {
        out.extend_from_slice(i.str()?.to_cow()?.as_bytes());
        Ok(())
    };
    written.map_err(|e| PyTypeError::new_err(e.to_string()))
}

/// A float as JSON writes it (342.0 stays 342.0: the reader takes a whole
/// float as a count); NaN (pandas' blank) as null; an infinity as 1e999,
/// which the reader refuses as out of range at its place.
fn float(x: f64, out: &mut Vec<u8>) {
    if x.is_nan() {
        out.extend_from_slice(b"null");
    } else if x == f64::INFINITY {
        out.extend_from_slice(b"1e999");
    } else if x == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e999");
    } else {
        // The shortest text that reads back as `x` (serde_json's own writer;
        // writing into a Vec cannot fail).
        let _ = serde_json::to_writer(&mut *out, &x);
    }
}
