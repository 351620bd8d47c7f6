//! The plans given last as dicts, kept by their content: a loop that passes
//! the same plan dict on every call writes it out as JSON (`input`) once,
//! not on every call (BENCHMARKS.md: the 40 kB Lai Châu plan cost 46 µs a
//! call to write, more than checking a report against it).
//!
//! **Key decision: same content, never same object.** A dict is mutable: a
//! cache by its identity would answer for a dict changed in place since.
//! Python's `==` is not enough either: `1 == 1.0 == True`, and
//! `{"a": 1} == {"a": True}`, but the JSON written (`1`, `1.0`, `true`) and
//! so what the core reads differ. So each entry keeps a *snapshot*: the
//! dict's shape (its containers' sizes, in order) and its leaves (keys,
//! `str`, `int`, `float`, `bool`, `None`: objects that cannot change, held
//! so that none is freed and its address reused), and the next dict is
//! compared with it by exact type and value: mostly address checks on the
//! shared leaves, the values compared only where the objects differ, a
//! float by its bits (`-0.0` is not `0.0`). Anything the writer treats
//! otherwise (a subclass, a mapping that is no dict, a `Decimal`, a date, a
//! key that is not a `str`, a cycle, nesting past [`DEPTH`]) is not kept:
//! it is written out on every call, as before. The text is kept only when
//! the dict, once written, is still the snapshot's content.
//!
//! This decides only "the same input as last time"; what a plan means is
//! the core's ([`binhdang::api::Checker::of`] then finds it by its text).

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Plans kept (the core keeps as many by text), the least recently used dropped.
const KEPT: usize = 4;

/// Nesting past this is not kept (the core refuses a plan far less deep);
/// taking a snapshot and comparing with one recurse no deeper.
const DEPTH: usize = 128;

/// What a plan dict was converted to: its JSON text and, once asked, the
/// core's checker of that text.
#[derive(Clone)]
pub struct Converted {
    pub text: Arc<str>,
    pub checker: Arc<OnceLock<Arc<binhdang::api::Checker>>>,
}

/// One step of a snapshot, in the order the writer writes: a dict of `n`
/// items (each a key, then its value), a list or tuple of `n` items, or a
/// leaf (its address, then its index in [`Snapshot::leaves`], which holds
/// it; a key is a leaf too).
#[derive(Clone, Copy)]
enum Node {
    Dict(usize),
    List(usize),
    Leaf(usize, usize),
}

#[derive(Default)]
pub struct Snapshot {
    nodes: Vec<Node>,
    leaves: Vec<Py<PyAny>>,
}

impl Snapshot {
    /// Whether `plan` is written as the same JSON as the plan of this snapshot.
    pub fn is(&self, plan: &Bound<'_, PyAny>) -> bool {
        let mut at = 0;
        same(plan, self, &mut at) && at == self.nodes.len()
    }
}

struct Entry {
    snapshot: Snapshot,
    converted: Converted,
}

static RECENT: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// What `plan` was converted to when a plan kept has its content exactly.
/// Only compares: no Python code runs and nothing is allocated on Python's
/// heap while the lock is held.
pub fn find(plan: &Bound<'_, PyAny>) -> Option<Converted> {
    if !plan.is_exact_instance_of::<PyDict>() {
        return None;
    }
    let mut recent = RECENT.lock().unwrap_or_else(PoisonError::into_inner);
    let i = recent.iter().rposition(|e| e.snapshot.is(plan))?;
    let hit = recent.remove(i);
    let converted = hit.converted.clone();
    recent.push(hit);
    Some(converted)
}

/// The snapshot of `plan` when every value in it can be kept (see the
/// module's note); `None` otherwise.
pub fn snapshot(plan: &Bound<'_, PyAny>) -> Option<Snapshot> {
    if !plan.is_exact_instance_of::<PyDict>() {
        return None;
    }
    let mut out = Snapshot::default();
    take(plan, 0, &mut out).then_some(out)
}

/// Keeps `snapshot` with the text written from its plan.
pub fn keep(snapshot: Snapshot, text: Arc<str>) -> Converted {
    let converted = Converted { text, checker: Arc::new(OnceLock::new()) };
    let entry = Entry { snapshot, converted: converted.clone() };
    let dropped = {
        let mut recent = RECENT.lock().unwrap_or_else(PoisonError::into_inner);
        recent.push(entry);
        let over = recent.len().saturating_sub(KEPT);
        recent.drain(..over).collect::<Vec<_>>()
    };
    // Dropped (and so its leaves released) only once the lock is released.
    drop(dropped);
    converted
}

fn is_leaf(value: &Bound<'_, PyAny>) -> bool {
    value.is_none()
        || value.is_exact_instance_of::<PyString>()
        || value.is_exact_instance_of::<PyBool>()
        || value.is_exact_instance_of::<PyInt>()
        || value.is_exact_instance_of::<PyFloat>()
}

fn leaf(value: &Bound<'_, PyAny>, out: &mut Snapshot) {
    out.nodes.push(Node::Leaf(value.as_ptr() as usize, out.leaves.len()));
    out.leaves.push(value.clone().unbind());
}

fn take(value: &Bound<'_, PyAny>, depth: usize, out: &mut Snapshot) -> bool {
    if is_leaf(value) {
        leaf(value, out);
        return true;
    }
    if depth >= DEPTH {
        return false;
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        out.nodes.push(Node::Dict(dict.len()));
        // The writer marks a key that is not a str: not kept.
        return dict.iter().all(|(k, v)| {
            k.is_exact_instance_of::<PyString>() && {
                leaf(&k, out);
                take(&v, depth + 1, out)
            }
        });
    }
    // A list and a tuple are both written as an array.
    if let Ok(list) = value.cast_exact::<PyList>() {
        out.nodes.push(Node::List(list.len()));
        return list.iter().all(|item| take(&item, depth + 1, out));
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        out.nodes.push(Node::List(tuple.len()));
        return tuple.iter().all(|item| take(&item, depth + 1, out));
    }
    false
}

/// Whether `value` is written as the same JSON as the snapshot's nodes from
/// `at` on (`at` moves past them). The recursion follows the snapshot, so
/// it is no deeper than [`DEPTH`].
fn same(value: &Bound<'_, PyAny>, kept: &Snapshot, at: &mut usize) -> bool {
    let Some(&node) = kept.nodes.get(*at) else { return false };
    *at += 1;
    match node {
        // The same object (the usual case: a leaf the snapshot shares).
        Node::Leaf(address, _) if value.as_ptr() as usize == address => true,
        Node::Leaf(_, i) => kept.leaves.get(i).is_some_and(|k| same_leaf(value, k.bind(value.py()))),
        Node::Dict(n) => value.cast_exact::<PyDict>().is_ok_and(|dict| {
            // In order: the order of the keys is the order written.
            dict.len() == n && dict.iter().all(|(k, v)| same(&k, kept, at) && same(&v, kept, at))
        }),
        Node::List(n) => {
            if let Ok(list) = value.cast_exact::<PyList>() {
                list.len() == n && list.iter().all(|item| same(&item, kept, at))
            } else if let Ok(tuple) = value.cast_exact::<PyTuple>() {
                tuple.len() == n && tuple.iter().all(|item| same(&item, kept, at))
            } else {
                false
            }
        }
    }
}

/// Two leaves of exactly the same type and value (`True` is not `1`, nor
/// `1` `1.0`; a str subclass is not a str). `bool` and `None` are single
/// objects, so only identity makes them the same.
fn same_leaf(value: &Bound<'_, PyAny>, kept: &Bound<'_, PyAny>) -> bool {
    if value.get_type_ptr() != kept.get_type_ptr() {
        return false;
    }
    if let (Ok(a), Ok(b)) = (value.cast_exact::<PyFloat>(), kept.cast_exact::<PyFloat>()) {
        return a.value().to_bits() == b.value().to_bits();
    }
    // Exact str and int compare in C, by value, without running Python code.
    (kept.is_exact_instance_of::<PyString>() || kept.is_exact_instance_of::<PyInt>()) && value.eq(kept).unwrap_or(false)
}
