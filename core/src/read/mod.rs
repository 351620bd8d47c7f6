//! Reading input: from text (or an already-parsed JSON value) to the typed
//! model, with a finding for every problem instead of an error or a panic.
//!
//! Three steps, each with its own job:
//! 1. a strict JSON parse that refuses duplicate keys and says where a
//!    syntax error or an out-of-range number sits, as a JSON Pointer;
//! 2. Unicode NFC normalisation of every string and key, with a
//!    `text_not_normalized` warning wherever the text changed;
//! 3. typed reading with serde. Report arrays (`values`, `activities`,
//!    `funding`) are read element by element, so one bad value gives one
//!    finding and the rest of the report is still checked.
//!
//! A report's text goes first through a fast path (`direct`, native builds):
//! straight from the text to the typed report, no tree, giving up on
//! anything the steps above would say a word about. Only then do they run,
//! so a well-formed report costs one parse (a third of the time of the
//! three steps) and a broken one is described exactly as before.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

#[cfg(not(target_arch = "wasm32"))]
mod direct;
pub(crate) mod typed;

pub use typed::{Kind, Problem};

use crate::finding::{pointer, Code, Finding};
use crate::messages as msg;
use crate::model::{Plan, Report};
use crate::nfc::{is_nfc, nfc};

/// Limits a host can set on the reports it reads. Past one, reading stops
/// with a `too_large` finding that names the limit, before the work the input
/// would cost (the text's size is checked before it is parsed). Every field
/// may be left out; what is left out keeps its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Limits {
    // Each limit is read as a u32: `usize` is 32 bits in WebAssembly, and a
    // host's limits must mean the same in every runtime (and in the schema).
    /// Bytes of one report's JSON text. Default 4 MiB: a report holds
    /// aggregate numbers, a few kilobytes; 4 MiB leaves room for long notes.
    #[serde(deserialize_with = "u32_limit")]
    pub max_bytes: usize,
    /// Levels of nesting. Default 32: a report or plan needs 6. The parser
    /// itself never goes past 128, so the stack is safe whatever the input.
    #[serde(deserialize_with = "u32_limit")]
    pub max_depth: usize,
    /// Value entries in one report (values and activity outputs). Default 10,000.
    #[serde(deserialize_with = "u32_limit")]
    pub max_values: usize,
    /// Reports in one batch or summary. Default 1,000,000.
    #[serde(deserialize_with = "u32_limit")]
    pub max_reports: usize,
    /// JSON values of any kind in one report or plan: every object, array,
    /// element and field counts, so no list (values, activities, outputs,
    /// funding lines, units, schedule entries...) escapes the bound. Default
    /// 200,000: a report of 10,000 values split by sex holds about 60,000; a
    /// plan of every commune in the country about 40,000.
    pub max_nodes: usize,
    /// Findings kept for one report or plan; past it, one closing
    /// `findings_truncated` finding says how many more there were. Default 1,000.
    pub max_findings: usize,
}

fn u32_limit<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    u32::deserialize(d).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024,
            max_depth: 32,
            max_values: 10_000,
            max_reports: 1_000_000,
            max_nodes: 200_000,
            max_findings: 1_000,
        }
    }
}

impl Limits {
    /// The names of the limits, as in JSON (for messages that list them).
    pub const NAMES: &'static [&'static str] =
        &["max_bytes", "max_depth", "max_values", "max_reports", "max_nodes", "max_findings"];

    /// Keeps the first `max_findings` of `findings` (already in the stable
    /// order) and closes with one `findings_truncated` finding for the rest.
    pub fn cap(&self, mut findings: Vec<Finding>) -> Vec<Finding> {
        // The reader may have counted some already: one closing count for all.
        let counted: u64 = findings
            .iter()
            .filter(|f| f.code == Code::FindingsTruncated)
            .filter_map(|f| f.context.get("omitted").and_then(Value::as_u64))
            .sum();
        findings.retain(|f| f.code != Code::FindingsTruncated);
        if findings.len() > self.max_findings || counted > 0 {
            let more = findings.len().saturating_sub(self.max_findings) as u64 + counted;
            findings.truncate(self.max_findings);
            findings.push(
                Finding::new(Code::FindingsTruncated, "", msg::findings_truncated(more))
                    .with("limit", self.max_findings as u64)
                    .with("omitted", more),
            );
        }
        findings
    }
}

fn too_large(path: &str, what: (&str, &str), limit: usize, actual: Option<usize>) -> Finding {
    let f = Finding::new(Code::TooLarge, path, msg::too_large(what.0, what.1, limit as u64, actual.map(|a| a as u64)))
        .with("limit", limit as u64)
        .with("limit_name", what.1);
    match actual {
        Some(a) => f.with("actual", a as u64),
        None => f,
    }
}

/// The deepest nesting of a value and how many values it holds in all
/// (iterative: no recursion on input).
fn shape(value: &Value) -> (usize, usize) {
    let (mut deepest, mut nodes) = (0, 0usize);
    let mut stack = vec![(value, 1usize)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        nodes = nodes.saturating_add(1);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|x| (x, d.saturating_add(1)))),
            Value::Object(map) => stack.extend(map.values().map(|x| (x, d.saturating_add(1)))),
            _ => {}
        }
    }
    (deepest, nodes)
}

/// The `too_large` finding for a document deeper or bigger than `limits`
/// allow (`max_depth` as given: plans are allowed deeper than reports).
fn past_shape(value: &Value, max_depth: usize, limits: &Limits) -> Option<Finding> {
    let (d, nodes) = shape(value);
    if d > max_depth {
        Some(too_large("", ("độ sâu lồng nhau", "nesting depth"), max_depth, Some(d)))
    } else if nodes > limits.max_nodes {
        Some(too_large("", ("số giá trị trong dữ liệu", "number of JSON values"), limits.max_nodes, Some(nodes)))
    } else {
        None
    }
}

/// What reading gave: the typed value when it could be built, and the findings.
#[derive(Clone, Debug)]
pub struct Read<T> {
    pub value: Option<T>,
    pub findings: Vec<Finding>,
    /// Where the input came from (a file name in the CLI), carried into the
    /// accounting so that every entry can be matched to what the user gave.
    pub source: Option<String>,
}

impl<T> Read<T> {
    fn failed(f: Finding) -> Read<T> {
        Read { value: None, findings: vec![f], source: None }
    }
    /// The same, naming where the input came from.
    pub fn from_source(mut self, source: impl Into<String>) -> Read<T> {
        self.source = Some(source.into());
        self
    }
}

/// Why the strict parse stopped, when it was our own rule (serde_json's
/// own errors are told apart by their category and place, never their text).
#[derive(Clone, Debug)]
enum Stop {
    DuplicateKey(String),
    TooDeep,
}

/// Nesting the parser goes to at most, whatever the host's limits: the stack
/// stays safe, and the limit is ours to report (serde_json's own is 128).
const PARSE_DEPTH: usize = 120;

/// A JSON value with duplicate keys refused at parse time (serde_json keeps
/// the last silently); why it stopped goes to `stop`, and where to `failed_at`.
#[derive(Clone, Copy)]
struct Strict<'s> {
    stop: &'s RefCell<Option<Stop>>,
    /// The place of the value where the parse failed (each segment: an
    /// index or a key), innermost first: each value an error leaves adds
    /// where it is in its parent, so the happy path tracks nothing (a third
    /// of the time of a parse that did).
    failed_at: &'s RefCell<Vec<String>>,
    depth: usize,
}

impl<'s> Strict<'s> {
    fn fail<E: de::Error>(&self, why: Stop) -> E {
        *self.stop.borrow_mut() = Some(why);
        E::custom("stopped by binhdang's strict reader")
    }
    fn deeper<E: de::Error>(self) -> Result<Strict<'s>, E> {
        let depth = self.depth.saturating_add(1);
        if depth > PARSE_DEPTH {
            return Err(self.fail(Stop::TooDeep));
        }
        Ok(Strict { depth, ..self })
    }
    /// The pointer of the place the parse failed at.
    fn failed_pointer(&self) -> String {
        self.failed_at.borrow().iter().rev().fold(String::new(), |out, segment| pointer(&out, segment))
    }
}

/// The whole document.
impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A value of a list (by its index) or of an object (by its key). An error
/// that comes back from it names its place; one before it is read (a comma
/// or colon missing) is the place of the list or object, as serde's path
/// trackers say it.
struct At<'s, 'p> {
    strict: Strict<'s>,
    place: &'p dyn fmt::Display,
}

impl<'de> DeserializeSeed<'de> for At<'_, '_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self.strict).inspect_err(|_| self.strict.failed_at.borrow_mut().push(self.place.to_string()))
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Value, E> {
        // serde_json never gives a float that is not finite.
        Ok(Number::from_f64(x).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut out = Vec::new();
        loop {
            let index = out.len();
            match seq.next_element_seed(At { strict: inner, place: &index })? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let v = map.next_value_seed(At { strict: inner, place: &key })?;
            if out.contains_key(&key) {
                return Err(self.fail(Stop::DuplicateKey(key)));
            }
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Parses JSON text strictly: duplicate keys, syntax errors, numbers out of
/// range and nesting past 120 levels each give a finding with the place as a
/// JSON Pointer.
pub fn parse_json(text: &str) -> Result<Value, Finding> {
    let stop = RefCell::new(None);
    let failed_at = RefCell::new(Vec::new());
    let seed = Strict { stop: &stop, failed_at: &failed_at, depth: 0 };
    let mut de = serde_json::Deserializer::from_str(text);
    match seed.deserialize(&mut de) {
        Ok(v) => match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(describe_json_error(text, "", &e, None)),
        },
        Err(e) => {
            let why = stop.borrow_mut().take();
            Err(describe_json_error(text, &seed.failed_pointer(), &e, why))
        }
    }
}

fn describe_json_error(text: &str, path: &str, e: &serde_json::Error, why: Option<Stop>) -> Finding {
    let (line, column) = (e.line(), e.column());
    match why {
        Some(Stop::DuplicateKey(key)) => Finding::new(Code::Malformed, pointer(path, &key), msg::duplicate_key(&key))
            .with("key", key.as_str())
            .with("problem", "duplicate_key"),
        // The place is deep down; the whole document is what is wrong.
        Some(Stop::TooDeep) => too_large("", ("độ sâu lồng nhau", "nesting depth"), PARSE_DEPTH, None),
        None if e.is_eof() && text.trim().is_empty() => Finding::new(Code::Malformed, "", msg::empty_input())
            .with("problem", "empty")
            .with("line", line)
            .with("column", column),
        // Values a host's serializer writes where JSON has none: Python's
        // json.dumps writes NaN and Infinity; the JavaScript binding writes
        // a value JSON cannot hold as JavaScript spells it, or a mark for
        // one with no spelling (bindings/wasm/native.js). Where each is is
        // the path; the line and column would point into the host's text.
        None => match Spelled::at(text, line, column) {
            Some(Spelled::NaN) => {
                Finding::new(Code::Malformed, path, msg::not_a_number()).with("problem", "not_a_number")
            }
            Some(Spelled::Infinity) => {
                Finding::new(Code::Malformed, path, msg::number_out_of_range()).with("problem", "number_out_of_range")
            }
            Some(Spelled::BigInt) => {
                Finding::new(Code::Malformed, path, msg::big_integer()).with("problem", "big_integer")
            }
            Some(Spelled::Cycle) => Finding::new(Code::Malformed, path, msg::cycle()).with("problem", "cycle"),
            Some(Spelled::Threw) => {
                Finding::new(Code::Malformed, path, msg::unreadable_value()).with("problem", "unreadable_value")
            }
            Some(Spelled::LoneSurrogate) => {
                Finding::new(Code::Malformed, path, msg::lone_surrogate_escape()).with("problem", "lone_surrogate")
            }
            Some(Spelled::HostType(kind)) => Finding::new(Code::Malformed, path, msg::no_json_form(&kind))
                .with("problem", "unsupported_type")
                .with("type", kind),
            None => syntax(text, path, line, column).with("line", line).with("column", column),
        },
    }
}

/// A value that JSON cannot hold, as a host wrote it, where the parser stopped.
enum Spelled {
    NaN,
    Infinity,
    BigInt,
    Cycle,
    Threw,
    /// `\uD800` with no partner: JSON.stringify writes one so.
    LoneSurrogate,
    /// A host value of a type JSON has no form for (a Python `Decimal` or
    /// `set`, a key that is not text), written `<type:NAME>` by the
    /// binding (bindings/python/src/input.rs).
    HostType(String),
}

impl Spelled {
    /// What the text holds at `line`:`column` (1-based; the parser counts
    /// the column in bytes).
    fn at(text: &str, line: usize, column: usize) -> Option<Spelled> {
        let row = text.lines().nth(line.saturating_sub(1))?.as_bytes();
        // The parser stops on the last digit of the escape of half a pair,
        // on the character after a first half, or at the end of the escape
        // after a first half that is not a second half.
        let upto = row.get(..column.min(row.len()))?;
        let ends_with = |skip: usize, first_half: bool| -> bool {
            let end = upto.len().saturating_sub(skip);
            let Some(e) = upto.get(end.saturating_sub(6)..end) else { return false };
            let second = if first_half { b'8'..=b'b' } else { b'8'..=b'f' };
            matches!(e, [b'\\', b'u', b'd' | b'D', x, _, _] if second.contains(&x.to_ascii_lowercase()))
        };
        if ends_with(0, false) || ends_with(1, true) || ends_with(6, true) {
            return Some(Spelled::LoneSurrogate);
        }
        let from = row.get(column.saturating_sub(1)..)?;
        if let Some(rest) = from.strip_prefix(b"<type:") {
            let end = rest.iter().position(|&b| b == b'>')?;
            return Some(Spelled::HostType(String::from_utf8_lossy(rest.get(..end)?).into_owned()));
        }
        let from = from.strip_prefix(b"-").unwrap_or(from);
        [
            (&b"NaN"[..], Spelled::NaN),
            (b"Infinity", Spelled::Infinity),
            (b"BigInt(", Spelled::BigInt),
            (b"<cycle>", Spelled::Cycle),
            (b"<threw>", Spelled::Threw),
        ]
        .into_iter()
        .find(|(spelling, _)| from.starts_with(spelling))
        .map(|(_, s)| s)
    }
}

/// Any other syntax error.
fn syntax(text: &str, path: &str, line: usize, column: usize) -> Finding {
    match () {
        _ if number_before(text, line, column) => {
            Finding::new(Code::Malformed, path, msg::number_out_of_range()).with("problem", "number_out_of_range")
        }
        // A file's name where its content belongs: say so (a host passes files as files).
        _ if looks_like_a_path(text) => {
            Finding::new(Code::Malformed, path, msg::not_json_but_a_path(line, column)).with("problem", "not_json")
        }
        _ => Finding::new(Code::Malformed, path, msg::not_json(line, column)).with("problem", "not_json"),
    }
}

/// Whether a text that is not JSON is one line that names a JSON file.
fn looks_like_a_path(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && !t.contains('\n')
        && !t.starts_with(['{', '[', '"'])
        && (t.ends_with(".json") || t.contains('/') || t.contains('\\'))
}

/// Whether the text just before `line`:`column` (where the parser stopped;
/// the column counts bytes) is a number: a syntax error there is a number
/// no runtime can hold (1e400).
fn number_before(text: &str, line: usize, column: usize) -> bool {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else { return false };
    let upto = row.as_bytes().get(..column.min(row.len())).unwrap_or_default();
    let token: Vec<u8> = upto
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
        .copied()
        .collect();
    token.iter().any(u8::is_ascii_digit) && token.iter().any(|c| matches!(c, b'e' | b'E'))
        || token.iter().filter(|c| c.is_ascii_digit()).count() > 300
}

/// Normalises every string and key to NFC in place; a `text_not_normalized`
/// warning for each place that changed.
pub fn normalize(value: &mut Value, path: &str, findings: &mut Vec<Finding>) {
    normalize_at(value, &typed::Path::Base(path), findings);
}

/// [`normalize`] with the place as a chain of segments, written out as a
/// pointer only for a warning (not for every value of a country's reports).
fn normalize_at(value: &mut Value, at: &typed::Path, findings: &mut Vec<Finding>) {
    match value {
        Value::String(s) => {
            if !is_nfc(s) {
                let fixed = nfc(s);
                findings.push(
                    Finding::new(Code::TextNotNormalized, at.render(), msg::text_not_normalized(&fixed))
                        .with("normalized", fixed.as_str()),
                );
                *s = fixed;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                normalize_at(item, &typed::Path::Index(at, i), findings);
            }
        }
        Value::Object(map) => {
            if map.keys().any(|k| !is_nfc(k)) {
                let old = std::mem::take(map);
                for (k, v) in old {
                    let key = if is_nfc(&k) {
                        k
                    } else {
                        let fixed = nfc(&k);
                        findings.push(
                            Finding::new(
                                Code::TextNotNormalized,
                                pointer(&at.render(), &fixed),
                                msg::text_not_normalized(&fixed),
                            )
                            .with("normalized", fixed.as_str()),
                        );
                        fixed
                    };
                    map.insert(key, v);
                }
            }
            for (k, v) in map.iter_mut() {
                normalize_at(v, &typed::Path::Key(at, k), findings);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn parse_then<T>(text: &str, then: impl FnOnce(Value) -> Read<T>) -> Read<T> {
    match parse_json(text) {
        Ok(v) => then(v),
        Err(f) => Read::failed(f),
    }
}

/// Reads a report from JSON text, within the default [`Limits`].
pub fn report_from_str(text: &str) -> Read<Report> {
    report_from_str_with(text, &Limits::default())
}

/// Reads a report from JSON text within `limits`.
pub fn report_from_str_with(text: &str, limits: &Limits) -> Read<Report> {
    // Most reports are well formed: read straight into the types, and only
    // when that gives up read by the tree, which says what is wrong. (The
    // WebAssembly build keeps the one reader, for size.)
    #[cfg(not(target_arch = "wasm32"))]
    if text.len() <= limits.max_bytes {
        if let Some(report) = direct::report(text, limits) {
            return Read { value: Some(report), findings: Vec::new(), source: None };
        }
    }
    report_from_str_full(text, limits)
}

/// The report in `text` as the full reader alone reads it (no fast path):
/// what `report_from_str_with` falls back to, and what the fuzz target
/// compares its fast path with. Not a supported interface.
#[doc(hidden)]
pub fn report_from_str_full(text: &str, limits: &Limits) -> Read<Report> {
    if text.len() > limits.max_bytes {
        let f = too_large("", ("kích thước (byte)", "size in bytes"), limits.max_bytes, Some(text.len()));
        return Read::failed(f);
    }
    parse_then(text, |v| report_from_value_with(v, limits))
}

/// Reads a report from bytes as they came from a file or a host within
/// `limits`: UTF-8 (a byte-order mark is allowed). Text in another encoding
/// (UTF-16 from a Windows editor, a legacy Vietnamese code page) is a
/// `malformed` finding that says what to do, never a lost file.
///
/// With the `excel` feature, bytes that are an `.xlsx` workbook (a zip) are
/// read as a filled report form ([`crate::excel::read_form`]).
pub fn report_from_bytes_with(bytes: &[u8], limits: &Limits) -> Read<Report> {
    #[cfg(feature = "excel")]
    if crate::excel::is_workbook(bytes) {
        return crate::excel::read_form(bytes, limits).read;
    }
    if bytes.len() > limits.max_bytes {
        let f = too_large("", ("kích thước (byte)", "size in bytes"), limits.max_bytes, Some(bytes.len()));
        return Read::failed(f);
    }
    match decode(bytes) {
        Ok(text) => report_from_str_with(text, limits),
        Err(f) => Read::failed(f),
    }
}

/// Bytes as UTF-8 text, or the finding that says why they are not.
pub fn decode(bytes: &[u8]) -> Result<&str, Finding> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Finding::new(Code::Malformed, "", msg::utf16())
            .with("problem", "encoding")
            .with("encoding", "UTF-16"));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        // A host string with half of a surrogate pair (Python and JavaScript
        // allow one) arrives as 0xED 0xA0..0xBF: say so, not "not UTF-8".
        let surrogate = bytes.get(at) == Some(&0xED) && bytes.get(at + 1).is_some_and(|b| (0xA0..=0xBF).contains(b));
        let m = if surrogate { msg::lone_surrogate(at) } else { msg::not_utf8(at) };
        Finding::new(Code::Malformed, "", m)
            .with("problem", if surrogate { "lone_surrogate" } else { "encoding" })
            .with("byte", at)
    })
}

/// A file that could not be opened, as a rejected input (still accounted for).
pub fn unreadable(kind: std::io::ErrorKind) -> Read<Report> {
    let reason = match kind {
        std::io::ErrorKind::NotFound => "not_found",
        std::io::ErrorKind::PermissionDenied => "permission_denied",
        _ => "io",
    };
    Read::failed(Finding::new(Code::Malformed, "", msg::unreadable(reason)).with("problem", reason))
}

/// Reads the reports of a batch from JSON text within `limits`: past
/// `max_reports`, each further report gets a `too_large` finding unread, so
/// it is still accounted for (rejected) and nothing disappears.
pub fn reports_from_strs<S: AsRef<[u8]>>(texts: &[S], limits: &Limits) -> Vec<Read<Report>> {
    texts.iter().enumerate().map(|(i, t)| read_in_batch(i, texts.len(), t.as_ref(), limits)).collect()
}

/// [`reports_from_strs`] for a host that makes each report's bytes itself,
/// such as Python writing a dict out as JSON text. The host [`push`]es each
/// report's bytes as it makes them, and a second thread reads them as they
/// arrive, in chunks of 16. [`finish`] then reads the rest on the calling
/// thread too. Making the bytes and reading them so share two cores, and the host
/// can release its own lock (Python's GIL) for `finish` alone.
///
/// The reports read are those of [`reports_from_strs`] on the same bytes, in
/// the same order. A report's reading depends on nothing but its bytes, its
/// place and the count, never on which thread reads it or when. Where no
/// thread can be started (WebAssembly), or the batch is one chunk, each
/// report is read as it is pushed.
///
/// [`push`]: OverlappedReports::push
/// [`finish`]: OverlappedReports::finish
pub struct OverlappedReports {
    n: usize,
    pushed: usize,
    limits: Limits,
    send: Option<std::sync::mpsc::Sender<Chunk>>,
    queue: std::sync::Arc<std::sync::Mutex<std::sync::mpsc::Receiver<Chunk>>>,
    /// Reports pushed, not yet sent: they go in chunks, since waking the
    /// other thread costs more than reading a small report.
    pending: Chunk,
    worker: Option<std::thread::JoinHandle<Placed>>,
    /// Read on the calling thread (all of them when there is no worker).
    done: Placed,
}

impl OverlappedReports {
    /// A batch of `n` reports, read within `limits` (past `max_reports`,
    /// each further report is refused unread, as by [`reports_from_strs`]).
    pub fn new(n: usize, limits: &Limits) -> Self {
        let (send, receive) = std::sync::mpsc::channel();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(receive));
        let limits = *limits;
        let theirs = std::sync::Arc::clone(&queue);
        // A batch of one chunk is read where it is made: a thread would cost
        // more than it saves.
        let worker = (n > CHUNK)
            .then(|| std::thread::Builder::new().name("binhdang-read".into()).spawn(move || drain(&theirs, n, &limits)))
            .and_then(Result::ok);
        let send = worker.is_some().then_some(send);
        OverlappedReports { n, pushed: 0, limits, send, queue, pending: Vec::new(), worker, done: Vec::new() }
    }

    /// The next report's bytes.
    pub fn push(&mut self, bytes: Vec<u8>) {
        let i = self.pushed;
        self.pushed += 1;
        if self.send.is_none() {
            self.done.push((i, read_in_batch(i, self.n, &bytes, &self.limits)));
            return;
        }
        self.pending.push((i, bytes));
        if self.pending.len() >= CHUNK {
            self.flush();
        }
    }

    /// Sends the reports pending to be read.
    fn flush(&mut self) {
        let chunk = std::mem::take(&mut self.pending);
        let Some(send) = &self.send else { return };
        // `queue` holds the receiving end, so a send cannot fail; were it
        // to, the reports are read here.
        if let Err(std::sync::mpsc::SendError(back)) = send.send(chunk) {
            let (n, limits) = (self.n, self.limits);
            self.done.extend(back.into_iter().map(|(i, bytes)| (i, read_in_batch(i, n, &bytes, &limits))));
        }
    }

    /// The reports pushed, read, in the order they were pushed.
    pub fn finish(mut self) -> Vec<Read<Report>> {
        // `n` counted the batch for `max_reports`' finding.
        debug_assert_eq!(self.pushed, self.n, "a batch of {} reports had {} pushed", self.n, self.pushed);
        self.flush();
        self.send = None;
        let mut out = std::mem::take(&mut self.done);
        out.extend(drain(&self.queue, self.n, &self.limits));
        if let Some(worker) = self.worker.take() {
            out.extend(worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        // Each place was read exactly once, by one of the two threads.
        out.sort_unstable_by_key(|(i, _)| *i);
        out.into_iter().map(|(_, r)| r).collect()
    }
}

impl Drop for OverlappedReports {
    /// A batch given up (the host failed to make a report's bytes): the
    /// queue is closed and emptied unread, and the worker ends once the
    /// chunk it may be reading is read.
    fn drop(&mut self) {
        self.send = None;
        if let Ok(queue) = self.queue.lock() {
            while queue.try_recv().is_ok() {}
        }
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Reports of a batch by their place, sent to be read together.
type Chunk = Vec<(usize, Vec<u8>)>;

/// Reports read, by their place in the batch.
type Placed = Vec<(usize, Read<Report>)>;

/// Reports sent together to be read.
const CHUNK: usize = 16;

/// Takes the next reports from the queue and reads them, until the queue is
/// closed and empty.
fn drain(queue: &std::sync::Mutex<std::sync::mpsc::Receiver<Chunk>>, n: usize, limits: &Limits) -> Placed {
    let mut out = Vec::new();
    loop {
        // A lock poisoned by a panic of the other reader: that panic is
        // raised when its thread is joined.
        let next = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => break,
        };
        let Ok(chunk) = next else { break };
        out.extend(chunk.into_iter().map(|(i, bytes)| (i, read_in_batch(i, n, &bytes, limits))));
    }
    out
}

/// The `i`-th of `n` reports of a batch, read as [`reports_from_strs`] reads it.
fn read_in_batch(i: usize, n: usize, bytes: &[u8], limits: &Limits) -> Read<Report> {
    past_max_reports(i, n, limits).unwrap_or_else(|| report_from_bytes_with(bytes, limits))
}

/// For the `i`-th of `n` reports of a batch: past `max_reports`, the report
/// as rejected with `too_large`, to be taken without reading it at all (a
/// host with reports in files need not open them); `None` when it is to be read.
pub fn past_max_reports(i: usize, n: usize, limits: &Limits) -> Option<Read<Report>> {
    (i >= limits.max_reports).then(|| {
        let f = too_large("", ("số báo cáo", "number of reports"), limits.max_reports, Some(n));
        Read::failed(f)
    })
}

/// Reads a report from a parsed JSON value (normalising its text to NFC), within the default [`Limits`].
pub fn report_from_value(value: Value) -> Read<Report> {
    report_from_value_with(value, &Limits::default())
}

/// Reads a report from a parsed JSON value within `limits`.
pub fn report_from_value_with(mut value: Value, limits: &Limits) -> Read<Report> {
    if let Some(f) = past_shape(&value, limits.max_depth, limits) {
        return Read::failed(f);
    }
    let entries = value.get("values").and_then(Value::as_array).map_or(0, Vec::len).saturating_add(
        value
            .get("activities")
            .and_then(Value::as_array)
            .map_or(0, |a| a.iter().filter_map(|x| x.get("outputs").and_then(Value::as_array)).map(Vec::len).sum()),
    );
    if entries > limits.max_values {
        let f = too_large("/values", ("số dòng số liệu", "number of values"), limits.max_values, Some(entries));
        return Read::failed(f);
    }
    let mut findings = Vec::new();
    normalize(&mut value, "", &mut findings);
    if !value.is_object() {
        findings
            .push(Finding::new(Code::Malformed, "", msg::not_an_object()).with("actual", Kind::of(&value).as_str()));
        return Read { value: None, findings, source: None };
    }
    let mut cx = typed::Cx::new(findings, limits.max_findings);
    let report = typed::read::<Report>(&value, "", &mut cx);
    Read { value: report, findings: cx.finish(), source: None }
}

/// Reads a plan from JSON text, within the default [`Limits`].
pub fn plan_from_str(text: &str) -> Read<Plan> {
    plan_from_str_with(text, &Limits::default())
}

/// Reads a plan from JSON text within `limits` (its size, its number of
/// values; its nesting may go to 64 whatever `max_depth` says).
pub fn plan_from_str_with(text: &str, limits: &Limits) -> Read<Plan> {
    if text.len() > limits.max_bytes {
        let f = too_large("", ("kích thước (byte)", "size in bytes"), limits.max_bytes, Some(text.len()));
        return Read::failed(f);
    }
    parse_then(text, |v| plan_from_value_with(v, limits))
}

/// Reads a plan from a parsed JSON value, within the default [`Limits`].
pub fn plan_from_value(value: Value) -> Read<Plan> {
    plan_from_value_with(value, &Limits::default())
}

/// Reads a plan from a parsed JSON value within `limits`. A plan is written
/// once by the province, so the first problem stops the reading (with its pointer).
pub fn plan_from_value_with(mut value: Value, limits: &Limits) -> Read<Plan> {
    // A plan is deeper than a report (units, areas, activities), never this deep.
    if let Some(f) = past_shape(&value, 64, limits) {
        return Read::failed(f);
    }
    let mut findings = Vec::new();
    normalize(&mut value, "", &mut findings);
    let mut cx = typed::Cx::new(findings, limits.max_findings);
    let plan = typed::read::<Plan>(&value, "", &mut cx);
    let mut findings = cx.finish();
    crate::finding::sort(&mut findings);
    Read { value: plan, findings: limits.cap(findings), source: None }
}

/// A document of another reader of the crate (the workflow's events and
/// requests) up to its typed reading, by the steps a report goes through: its
/// size, the strict parse, its depth and number of values within `limits`,
/// then NFC (with `text_not_normalized` warnings). `Err` when it stops there.
pub(crate) fn document(text: &str, limits: &Limits) -> Result<(Value, Vec<Finding>), Finding> {
    if text.len() > limits.max_bytes {
        return Err(too_large("", ("kích thước (byte)", "size in bytes"), limits.max_bytes, Some(text.len())));
    }
    let mut value = parse_json(text)?;
    if let Some(f) = past_shape(&value, limits.max_depth, limits) {
        return Err(f);
    }
    let mut findings = Vec::new();
    normalize(&mut value, "", &mut findings);
    Ok((value, findings))
}

/// A fresh collector of reading problems, for other readers of the crate (CSV units).
pub(crate) fn typed_cx() -> typed::Cx {
    typed::Cx::default()
}

/// Reads a `T` from a JSON value at `base`, every problem into `cx`.
pub(crate) fn read_typed<T: typed::FromJson>(value: &Value, base: &str, cx: &mut typed::Cx) -> Option<T> {
    typed::read(value, base, cx)
}

/// Reads the host's limits from JSON text (`{"max_bytes": 100000}`; a
/// field left out keeps its default); the findings when they are not limits.
pub fn limits_from_str(text: &str) -> Result<Limits, Vec<Finding>> {
    let value = parse_json(text).map_err(|f| vec![f])?;
    let mut cx = typed::Cx::default();
    let limits = typed::read::<Limits>(&value, "", &mut cx);
    limits.ok_or_else(|| cx.finish())
}

/// Reads a host's DHIS2 mapping from JSON text (docs/exchange.md); the
/// findings when it is not one (an unknown field is refused, not ignored).
pub fn dhis2_mapping_from_str(text: &str) -> Result<crate::exchange::Dhis2Mapping, Vec<Finding>> {
    let value = parse_json(text).map_err(|f| vec![f])?;
    let mut cx = typed::Cx::default();
    let mapping = typed::read::<crate::exchange::Dhis2Mapping>(&value, "", &mut cx);
    mapping.ok_or_else(|| cx.finish())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Small JSON documents: objects (unique keys), lists and scalars, a
    /// few levels deep.
    fn a_document() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (0u64..1000).prop_map(Value::from),
            "[a-z~/é]{0,4}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z~/]{0,3}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Text broken in one place (cut short, a character taken out or
        /// put in) is refused at the place a path tracker names: the
        /// strict parser tracks its place only on the way out of an error.
        #[test]
        fn a_syntax_error_is_placed_as_a_path_tracker_places_it(
            doc in a_document(), at in any::<prop::sample::Index>(), how in 0..3u8, put in prop::sample::select(vec![',', ':', '{', '}', '[', ']', '"', 'x', '1', ' ']),
        ) {
            let text = doc.to_string();
            let i = at.index(text.len() + 1);
            prop_assume!(text.is_char_boundary(i));
            let broken = match how {
                0 => text.get(..i).unwrap_or_default().to_string(),
                1 => {
                    let mut t = text.clone();
                    if i < t.len() { t.remove(i); }
                    t
                }
                _ => {
                    let mut t = text.clone();
                    t.insert(i, put);
                    t
                }
            };
            let mut de = serde_json::Deserializer::from_str(&broken);
            let tracked: Result<Value, _> = serde_path_to_error::deserialize(&mut de);
            let theirs = tracked.map_err(|e| {
                let mut out = String::new();
                for seg in e.path().iter() {
                    match seg {
                        serde_path_to_error::Segment::Seq { index } => out = pointer(&out, index),
                        serde_path_to_error::Segment::Map { key } => out = pointer(&out, key),
                        _ => {}
                    }
                }
                out
            });
            match (parse_json(&broken), theirs) {
                // A key taken out or put in may make two keys one: ours refuses it, serde_json keeps the last.
                (Err(f), _) if f.context.get("problem").and_then(Value::as_str) == Some("duplicate_key") => {}
                (Err(f), Err(path)) => prop_assert_eq!(f.path, path, "{}", broken),
                // Text left after the value: not the tracker's to place.
                (Err(f), Ok(_)) => prop_assert_eq!(f.path, "", "{}", broken),
                (Ok(_), Err(path)) => prop_assert!(false, "{broken}: refused at {path} by serde_json alone"),
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            }
        }
    }

    fn problem(text: &str) -> (String, String) {
        let f = &report_from_str(text).findings[0];
        (f.path.clone(), f.context["problem"].as_str().unwrap_or_default().to_string())
    }

    #[test]
    fn values_json_cannot_hold_are_named_after_vietnamese_text() {
        // The parser counts columns in bytes: "Lai Châu" is 9 bytes, 8 characters.
        let p = |rest: &str| problem(&format!(r#"{{"place": "Lai Châu", "name": "Tổng hợp", "x": {rest}}}"#));
        assert_eq!(p("NaN"), ("/x".into(), "not_a_number".into()));
        assert_eq!(p("-Infinity"), ("/x".into(), "number_out_of_range".into()));
        assert_eq!(p("1e400"), ("/x".into(), "number_out_of_range".into()));
        assert_eq!(p("BigInt(7)"), ("/x".into(), "big_integer".into()));
        assert_eq!(p("[1, <cycle>]"), ("/x/1".into(), "cycle".into()));
        assert_eq!(p("<threw>"), ("/x".into(), "unreadable_value".into()));
        assert_eq!(p("[<type:Decimal>]"), ("/x/0".into(), "unsupported_type".into()));
        assert_eq!(p(r#""a\udc00""#), ("/x".into(), "lone_surrogate".into()));
        assert_eq!(p(r#""a\ud800b""#), ("/x".into(), "lone_surrogate".into()));
        assert_eq!(p(r#""a\ud800\u0041""#), ("/x".into(), "lone_surrogate".into()));
        // A whole pair followed by a syntax error is a syntax error.
        assert_eq!(p(r#""\ud83d\ude00", x"#), ("".into(), "not_json".into()));
        assert_eq!(p("nan"), ("/x".into(), "not_json".into()));
    }
}
