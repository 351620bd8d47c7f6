//! The plans given last as dicts, kept by their content: a loop that passes
//! the same plan dict on every call writes it out as JSON (`input`) once,
//! not on every call (BENCHMARKS.md: the 40 kB Lai Châu plan cost 46 µs a
//! call to write, more than checking a report against it).
//!
//! **Key decision: same content, never same object.** A dict is mutable: a
//! cache by its identity would answer for a dict changed in place since.
//! Python's `==` is not enough either: `1 == 1.0 == True`, and
//! `{"a": 1} == {"a": True}`, but the JSON written (`1`, `1.0`, `true`) and
//! so what the core reads differ. So each entry keeps a *snapshot*: a copy
//! of the dict's containers (dicts, lists) sharing its leaves (`str`, `int`,
//! `float`, `bool`, `None`, which cannot change), and the next dict is
//! compared with it by exact type and value: mostly identity checks on the
//! shared leaves, the values compared only where the objects differ, a
//! float by its bits (`-0.0` is not `0.0`). Anything the writer treats
//! otherwise (a subclass, a mapping that is no dict, a `Decimal`, a date, a
//! key that is not a `str`, a cycle, nesting past [`DEPTH`]) is not kept:
//! it is written out on every call, as before. The text kept is written
//! from the snapshot, so it is the snapshot's content exactly.
//!
//! This decides only "the same input as last time"; what a plan means is
//! the core's ([`binhdang::api::Checker::of`] then finds it by its text).

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Plans kept (the core keeps as many by text), the least recently used dropped.
const KEPT: usize = 4;

/// Nesting past this is not kept (the core refuses a plan far less deep);
/// the snapshot and the comparison recurse no deeper.
const DEPTH: usize = 128;

/// What a plan dict was converted to: its JSON text and, once asked, the
/// core's checker of that text.
#[derive(Clone)]
pub struct Converted {
    pub text: Arc<str>,
    pub checker: Arc<OnceLock<Arc<binhdang::api::Checker>>>,
}

struct Entry {
    snapshot: Py<PyAny>,
    converted: Converted,
}

static RECENT: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// What `plan` was converted to when a plan kept has its content exactly.
/// Only compares: no Python code runs and nothing is allocated while the
/// lock is held.
pub fn find(plan: &Bound<'_, PyAny>) -> Option<Converted> {
    if !plan.is_exact_instance_of::<PyDict>() {
        return None;
    }
    let py = plan.py();
    let mut recent = RECENT.lock().unwrap_or_else(PoisonError::into_inner);
    let i = recent.iter().rposition(|e| same(plan, e.snapshot.bind(py)))?;
    let hit = recent.remove(i);
    let converted = hit.converted.clone();
    recent.push(hit);
    Some(converted)
}

/// A copy of `plan`'s containers sharing its leaves, when every value in it
/// can be kept (see the module's note); `None` otherwise.
pub fn snapshot<'py>(plan: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    if !plan.is_exact_instance_of::<PyDict>() {
        return Ok(None);
    }
    copy(plan, 0)
}

/// Keeps `snapshot` with the text written from it.
pub fn keep(snapshot: Bound<'_, PyAny>, text: Arc<str>) -> Converted {
    let converted = Converted { text, checker: Arc::new(OnceLock::new()) };
    let entry = Entry { snapshot: snapshot.unbind(), converted: converted.clone() };
    let dropped = {
        let mut recent = RECENT.lock().unwrap_or_else(PoisonError::into_inner);
        recent.push(entry);
        let over = recent.len().saturating_sub(KEPT);
        recent.drain(..over).collect::<Vec<_>>()
    };
    // Dropped (and so freed) only once the lock is released.
    drop(dropped);
    converted
}

fn copy<'py>(value: &Bound<'py, PyAny>, depth: usize) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = value.py();
    if value.is_none()
        || value.is_exact_instance_of::<PyString>()
        || value.is_exact_instance_of::<PyBool>()
        || value.is_exact_instance_of::<PyInt>()
        || value.is_exact_instance_of::<PyFloat>()
    {
        return Ok(Some(value.clone()));
    }
    if depth >= DEPTH {
        return Ok(None);
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        let out = PyDict::new(py);
        for (k, v) in dict.iter() {
            // The writer marks a key that is not a str: not kept.
            if !k.is_exact_instance_of::<PyString>() {
                return Ok(None);
            }
            let Some(v) = copy(&v, depth + 1)? else { return Ok(None) };
            out.set_item(k, v)?;
        }
        return Ok(Some(out.into_any()));
    }
    // A list and a tuple are both written as an array: kept as a list.
    let items: Vec<Bound<'py, PyAny>> = if let Ok(list) = value.cast_exact::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let Some(item) = copy(item, depth + 1)? else { return Ok(None) };
        out.push(item);
    }
    Ok(Some(PyList::new(py, out)?.into_any()))
}

/// Whether `value` is written as the same JSON as `kept` (a snapshot). The
/// recursion follows the snapshot, so it is no deeper than [`DEPTH`].
fn same(value: &Bound<'_, PyAny>, kept: &Bound<'_, PyAny>) -> bool {
    // A snapshot's containers are its own: only a shared leaf is identical.
    if value.is(kept) {
        return true;
    }
    if let Ok(kept) = kept.cast_exact::<PyDict>() {
        let Ok(dict) = value.cast_exact::<PyDict>() else { return false };
        // In order: the order of the keys is the order written.
        return dict.len() == kept.len()
            && dict.iter().zip(kept.iter()).all(|((k, v), (kk, kv))| same_leaf(&k, &kk) && same(&v, &kv));
    }
    if let Ok(kept) = kept.cast_exact::<PyList>() {
        return if let Ok(list) = value.cast_exact::<PyList>() {
            list.len() == kept.len() && list.iter().zip(kept.iter()).all(|(a, b)| same(&a, &b))
        } else if let Ok(tuple) = value.cast_exact::<PyTuple>() {
            tuple.len() == kept.len() && tuple.iter().zip(kept.iter()).all(|(a, b)| same(&a, &b))
        } else {
            false
        };
    }
    same_leaf(value, kept)
}

/// Two leaves of exactly the same type and value (`True` is not `1`, nor
/// `1` `1.0`; a str subclass is not a str). `bool` and `None` are single
/// objects, so only identity makes them the same.
fn same_leaf(value: &Bound<'_, PyAny>, kept: &Bound<'_, PyAny>) -> bool {
    if value.is(kept) {
        return true;
    }
    if value.get_type_ptr() != kept.get_type_ptr() {
        return false;
    }
    if let (Ok(a), Ok(b)) = (value.cast_exact::<PyFloat>(), kept.cast_exact::<PyFloat>()) {
        return a.value().to_bits() == b.value().to_bits();
    }
    // Exact str and int compare in C, by value, without running Python code.
    (kept.is_exact_instance_of::<PyString>() || kept.is_exact_instance_of::<PyInt>()) && value.eq(kept).unwrap_or(false)
}
