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

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use unicode_normalization::{is_nfc, UnicodeNormalization};

mod value_de;

use crate::finding::{escape_segment, pointer, Code, Finding};
use crate::messages as msg;
use crate::model::{Plan, Report, ERR_TAG};

/// Limits a host can set on the reports it reads. Past one, reading stops
/// with a `too_large` finding that names the limit, before the work the input
/// would cost (the text's size is checked before it is parsed). Every field
/// may be left out; what is left out keeps its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
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
}

fn u32_limit<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    u32::deserialize(d).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 4 * 1024 * 1024, max_depth: 32, max_values: 10_000, max_reports: 1_000_000 }
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

/// The deepest nesting of a value (iterative: no recursion on input).
fn depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(value, 1usize)];
    while let Some((v, d)) = stack.pop() {
        deepest = deepest.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|x| (x, d.saturating_add(1)))),
            Value::Object(map) => stack.extend(map.values().map(|x| (x, d.saturating_add(1)))),
            _ => {}
        }
    }
    deepest
}

/// What reading gave: the typed value when it could be built, and the findings.
#[derive(Clone, Debug)]
pub struct Read<T> {
    pub value: Option<T>,
    pub findings: Vec<Finding>,
}

/// A JSON value with duplicate keys refused at parse time (serde_json keeps the last silently).
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Strict, E> {
        Ok(Strict(Value::Bool(b)))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(n.into())))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Strict, E> {
        Ok(Strict(Value::Number(n.into())))
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Strict, E> {
        Number::from_f64(x).map(|n| Strict(Value::Number(n))).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Strict, E> {
        Ok(Strict(Value::String(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Strict, E> {
        Ok(Strict(Value::String(s)))
    }
    fn visit_unit<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Strict, E> {
        Ok(Strict(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Strict(Value::Array(out)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(v) = map.next_value()?;
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("{ERR_TAG}duplicate_key:{key}")));
            }
            out.insert(key, v);
        }
        Ok(Strict(Value::Object(out)))
    }
}

/// Parses JSON text strictly: duplicate keys, syntax errors, numbers out of
/// range and nesting past 128 levels each give a `malformed` finding with the
/// place as a JSON Pointer.
pub fn parse_json(text: &str) -> Result<Value, Finding> {
    // Most input is fine: parse without tracking the path (a third faster),
    // and only when that fails parse again to say where. The WebAssembly
    // build keeps one parser, for size: it checks one form at a time.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(Strict(v)) = Strict::deserialize(&mut de) {
            if de.end().is_ok() {
                return Ok(v);
            }
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Strict>(&mut de) {
        Ok(Strict(v)) => match de.end() {
            Ok(()) => Ok(v),
            Err(e) => Err(describe_json_error("", &e)),
        },
        Err(e) => {
            let path = to_pointer(e.path());
            let inner = e.into_inner();
            Err(describe_json_error(&path, &inner))
        }
    }
}

fn describe_json_error(path: &str, e: &serde_json::Error) -> Finding {
    let text = e.to_string();
    if let Some(rest) = text.strip_prefix(ERR_TAG).and_then(|t| t.strip_prefix("duplicate_key:")) {
        let key = rest.split(" at line").next().unwrap_or(rest);
        return Finding::new(Code::Malformed, pointer(path, key), msg::duplicate_key(key)).with("key", key);
    }
    let (line, column) = (e.line(), e.column());
    let base = if text.contains("recursion limit exceeded") {
        // The place is 128 levels down; the whole document is what is wrong.
        return too_large("", ("độ sâu lồng nhau", "nesting depth"), 128, None);
    } else if text.contains("number out of range") {
        Finding::new(Code::Malformed, path, msg::number_out_of_range())
    } else if e.is_eof() && line <= 1 && column == 0 {
        Finding::new(Code::Malformed, "", msg::empty_input())
    } else {
        Finding::new(Code::Malformed, path, msg::not_json(line, column))
    };
    base.with("line", line).with("column", column).with("detail", text)
}

/// Normalises every string and key to NFC in place; a `text_not_normalized`
/// warning for each place that changed.
pub fn normalize(value: &mut Value, path: &str, findings: &mut Vec<Finding>) {
    match value {
        Value::String(s) => {
            if !is_nfc(s) {
                let fixed: String = s.nfc().collect();
                findings.push(
                    Finding::new(Code::TextNotNormalized, path, msg::text_not_normalized(&fixed))
                        .with("normalized", fixed.as_str()),
                );
                *s = fixed;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                normalize(item, &pointer(path, i), findings);
            }
        }
        Value::Object(map) => {
            if map.keys().any(|k| !is_nfc(k)) {
                let old = std::mem::take(map);
                for (k, v) in old {
                    let key = if is_nfc(&k) {
                        k
                    } else {
                        let fixed: String = k.nfc().collect();
                        findings.push(
                            Finding::new(
                                Code::TextNotNormalized,
                                pointer(path, &fixed),
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
                normalize(v, &pointer(path, k), findings);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out = pointer(&out, index),
            Segment::Map { key } => out = format!("{out}/{}", escape_segment(key)),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Turns a reading error into a `malformed` finding at its place.
fn describe_type_error(e: value_de::Error) -> Finding {
    let path = e.path.unwrap_or_default();
    let text = e.message;
    if let Some(tagged) = text.strip_prefix(ERR_TAG) {
        let (kind, value) = tagged.split_once(':').unwrap_or((tagged, ""));
        let m = match kind {
            "negative" => msg::negative(value),
            "fraction" => msg::fraction(value),
            "too_big" => msg::too_big(value),
            "bad_date" => msg::bad_date(value),
            _ => msg::wrong_type(value, "?"),
        };
        return Finding::new(Code::Malformed, path, m).with("actual", value);
    }
    if let Some(field) = between(&text, "missing field `", "`") {
        return Finding::new(Code::Malformed, pointer(&path, field), msg::missing_field(field)).with("field", field);
    }
    if let Some(got) = between(&text, "unknown variant `", "`") {
        let allowed = text.split_once("expected ").map(|(_, r)| r.replace('`', "")).unwrap_or_default();
        return Finding::new(Code::Malformed, path, msg::unknown_variant(got, &allowed))
            .with("actual", got)
            .with("expected", allowed);
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return Finding::new(Code::Malformed, path, msg::wrong_type(got, expected))
            .with("actual", got)
            .with("expected", expected);
    }
    Finding::new(Code::Malformed, path, msg::invalid_value(&text)).with("detail", text)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = text.split_once(start)?.1;
    Some(rest.split_once(end)?.0)
}

/// Reads a `T` from a value; a `malformed` finding (with a pointer under `base`) if it cannot.
pub fn typed<T: DeserializeOwned>(value: &Value, base: &str) -> Result<T, Finding> {
    value_de::from_value(value, base).map_err(describe_type_error)
}

fn parse_then<T>(text: &str, then: impl FnOnce(Value) -> Read<T>) -> Read<T> {
    match parse_json(text) {
        Ok(v) => then(v),
        Err(f) => Read { value: None, findings: vec![f] },
    }
}

/// Reads a report from JSON text, within the default [`Limits`].
pub fn report_from_str(text: &str) -> Read<Report> {
    report_from_str_with(text, &Limits::default())
}

/// Reads a report from JSON text within `limits`.
pub fn report_from_str_with(text: &str, limits: &Limits) -> Read<Report> {
    if text.len() > limits.max_bytes {
        let f = too_large("", ("kích thước (byte)", "size in bytes"), limits.max_bytes, Some(text.len()));
        return Read { value: None, findings: vec![f] };
    }
    parse_then(text, |v| report_from_value_with(v, limits))
}

/// Reads the reports of a batch from JSON text within `limits`: past
/// `max_reports`, each further report gets a `too_large` finding unread, so
/// it is still accounted for (rejected) and nothing disappears.
pub fn reports_from_strs<S: AsRef<str>>(texts: &[S], limits: &Limits) -> Vec<Read<Report>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            past_max_reports(i, texts.len(), limits).unwrap_or_else(|| report_from_str_with(t.as_ref(), limits))
        })
        .collect()
}

/// For the `i`-th of `n` reports of a batch: past `max_reports`, the report
/// as rejected with `too_large`, to be taken without reading it at all (a
/// host with reports in files need not open them); `None` when it is to be read.
pub fn past_max_reports(i: usize, n: usize, limits: &Limits) -> Option<Read<Report>> {
    (i >= limits.max_reports).then(|| {
        let f = too_large("", ("số báo cáo", "number of reports"), limits.max_reports, Some(n));
        Read { value: None, findings: vec![f] }
    })
}

/// Reads a report from a parsed JSON value (normalising its text to NFC), within the default [`Limits`].
pub fn report_from_value(value: Value) -> Read<Report> {
    report_from_value_with(value, &Limits::default())
}

/// Reads a report from a parsed JSON value within `limits`.
pub fn report_from_value_with(mut value: Value, limits: &Limits) -> Read<Report> {
    let d = depth(&value);
    if d > limits.max_depth {
        let f = too_large("", ("độ sâu lồng nhau", "nesting depth"), limits.max_depth, Some(d));
        return Read { value: None, findings: vec![f] };
    }
    let entries = value.get("values").and_then(Value::as_array).map_or(0, Vec::len).saturating_add(
        value
            .get("activities")
            .and_then(Value::as_array)
            .map_or(0, |a| a.iter().filter_map(|x| x.get("outputs").and_then(Value::as_array)).map(Vec::len).sum()),
    );
    if entries > limits.max_values {
        let f = too_large("/values", ("số dòng số liệu", "number of values"), limits.max_values, Some(entries));
        return Read { value: None, findings: vec![f] };
    }
    let mut findings = Vec::new();
    normalize(&mut value, "", &mut findings);
    let Value::Object(mut obj) = value else {
        findings.push(Finding::new(Code::Malformed, "", msg::not_an_object()).with("actual", kind_of(&value)));
        return Read { value: None, findings };
    };
    // Arrays element by element; a bad element is dropped from the typed
    // report (its finding says where it was) and stays in the caller's input.
    let mut arrays = Map::new();
    let mut positions = crate::model::Positions::default();
    for field in ["values", "activities", "funding"] {
        let mut kept = Vec::new();
        // Whether something under this field could not be read.
        let mut lost = false;
        match obj.remove(field) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                let mut good = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let at = pointer(&pointer("", field), i);
                    match check_element(field, &item, &at) {
                        Ok(()) => {
                            good.push(item);
                            kept.push(i);
                        }
                        Err(f) => {
                            findings.push(f);
                            lost = true;
                        }
                    }
                }
                arrays.insert(field.to_string(), Value::Array(good));
            }
            Some(other) => {
                findings.push(
                    Finding::new(Code::Malformed, pointer("", field), msg::wrong_type(kind_of(&other), "a sequence"))
                        .with("actual", kind_of(&other))
                        .with("expected", "array"),
                );
                lost = true;
            }
        }
        // Only after a dropped element do positions differ from indexes.
        let kept = if lost { kept } else { Vec::new() };
        match field {
            "values" => {
                positions.values_incomplete = lost;
                positions.values = kept;
            }
            "activities" => positions.activities = kept,
            _ => positions.funding = kept,
        }
    }
    // Each header field on its own, so that every bad one gets its finding.
    let mut header_ok = true;
    for (field, required) in HEADER {
        let at = pointer("", field);
        let found = match obj.get(*field) {
            None | Some(Value::Null) if *required => {
                Some(Finding::new(Code::Malformed, at, msg::missing_field(field)).with("field", *field))
            }
            None | Some(Value::Null) => None,
            Some(v) => check_header(field, v, &at).err(),
        };
        if let Some(f) = found {
            findings.push(f);
            header_ok = false;
        }
    }
    let report = if header_ok {
        match typed::<Report>(&Value::Object(obj), "") {
            Ok(r) => Some(r),
            Err(f) => {
                findings.push(f);
                None
            }
        }
    } else {
        None
    };
    let report = report.map(|mut r| {
        // Put the checked arrays back; every element there reads.
        if let Some(v) = arrays.get("values") {
            r.values = typed(v, "/values").unwrap_or_default();
        }
        if let Some(v) = arrays.get("activities") {
            r.activities = typed(v, "/activities").unwrap_or_default();
        }
        if let Some(v) = arrays.get("funding") {
            r.funding = typed(v, "/funding").unwrap_or_default();
        }
        r.positions = positions;
        r
    });
    Read { value: report, findings }
}

/// The report's top-level fields other than its arrays, and whether each is required.
const HEADER: &[(&str, bool)] =
    &[("plan", true), ("unit", true), ("kind", true), ("period", true), ("submitted", true), ("notes", false)];

fn check_header(field: &str, v: &Value, at: &str) -> Result<(), Finding> {
    match field {
        "kind" => typed::<crate::calendar::ReportKind>(v, at).map(drop),
        "period" => typed::<crate::calendar::Period>(v, at).map(drop),
        "submitted" => typed::<crate::model::Date>(v, at).map(drop),
        _ => typed::<String>(v, at).map(drop),
    }
}

fn check_element(field: &str, item: &Value, at: &str) -> Result<(), Finding> {
    match field {
        "values" => typed::<crate::model::ValueEntry>(item, at).map(drop),
        "activities" => typed::<crate::model::ActivityResult>(item, at).map(drop),
        _ => typed::<crate::model::FundingLine>(item, at).map(drop),
    }
}

/// Reads a plan from JSON text.
pub fn plan_from_str(text: &str) -> Read<Plan> {
    parse_then(text, plan_from_value)
}

/// Reads a plan from a parsed JSON value. A plan is written once by the
/// province, so the first problem stops the reading (with its pointer).
pub fn plan_from_value(mut value: Value) -> Read<Plan> {
    // A plan is deeper than a report (units, areas, activities), never this deep.
    let d = depth(&value);
    if d > 64 {
        let f = too_large("", ("độ sâu lồng nhau", "nesting depth"), 64, Some(d));
        return Read { value: None, findings: vec![f] };
    }
    let mut findings = Vec::new();
    normalize(&mut value, "", &mut findings);
    match typed::<Plan>(&value, "") {
        Ok(p) => Read { value: Some(p), findings },
        Err(f) => {
            findings.push(f);
            Read { value: None, findings }
        }
    }
}

pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
