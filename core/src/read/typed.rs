//! Typed reading: from a parsed JSON value to the model, with every problem
//! found in one pass.
//!
//! **Key decision: our own reader, not serde's.** serde stops at the first
//! problem and describes it in English text, which a reader would then have
//! to pick apart (a serde upgrade could silently change what officers read).
//! Here every field of every object is tried, each problem is a typed
//! [`Problem`] with the JSON Pointer of its place, and the messages are made
//! from the problem in `messages.rs`. A struct whose required field is
//! missing is still read field by field, so a plan written by hand shows all
//! of its gaps at once. No crate does all of this and keeps unknown fields
//! (`extra`) as they came: deserr stops at no unknown field it cannot deny,
//! eserde reports serde's text.

use serde::Serialize;
use serde_json::{Map, Value};

use super::Limits;
use crate::calendar::{Period, ReportKind, ScheduleEntry};
use crate::exchange::{Dhis2Element, Dhis2Mapping};
use crate::finding::{pointer, Code, Finding, Level, RuleSettings};
use crate::messages as msg;
use crate::model::{
    Activity, ActivityId, ActivityResult, ActivityStatus, Aggregation, AreaNarrative, Breakdown, Cell, CellKey,
    ContentArea, Count, Date, Dimension, DimensionOption, Direction, EarlierParent, Extra, FundingLine, FundingSource,
    FundingSourceId, Indicator, IndicatorId, LegalBasis, LegalKind, Measure, NarrativeSection, OptionGroup, Plan,
    PlanTarget, Report, Reporting, Role, SexSplit, Signer, Target, Temporal, Unit, UnitId, UnitKind, ValueEntry,
    Window, MAX_COUNT,
};

/// What kind of JSON value was found, or was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    WholeNumber,
    Number,
    Text,
    Date,
    List,
    Object,
}

impl Kind {
    pub fn of(v: &Value) -> Kind {
        match v {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_u64() || n.is_i64() => Kind::WholeNumber,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::Text,
            Value::Array(_) => Kind::List,
            Value::Object(_) => Kind::Object,
        }
    }
    /// The JSON Schema word for the kind, as findings carry it in `context`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "boolean",
            Kind::WholeNumber => "integer",
            Kind::Number => "number",
            Kind::Text => "string",
            Kind::Date => "date",
            Kind::List => "array",
            Kind::Object => "object",
        }
    }
}

/// A problem met while reading. Messages are made from it (`messages.rs`),
/// never from another library's text; `context.problem` carries its name.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A required field is absent (or `null`).
    MissingField(&'static str),
    /// A value of the wrong kind: text where a count goes.
    WrongType { expected: Kind, actual: Kind },
    /// A number with a fraction where a whole number goes.
    NotWhole(f64),
    /// A negative number where only 0 and up make sense.
    Negative(String),
    /// A whole number past what the field holds (2^53 − 1 for counts).
    TooBig { value: String, limit: u64 },
    /// Text that is not an ISO date; `suggestion` is the date it reads as
    /// when written the Vietnamese way (04/12/2024 → 2024-12-04).
    NotADate { text: String, suggestion: Option<Date> },
    /// A word that is not one of the allowed ones.
    UnknownWord { got: String, allowed: Vec<String> },
    /// A word given where an object `{"key": word}` goes: `"percent"` for `{"type": "percent"}`.
    WordForObject { got: String, key: &'static str },
    /// A field that a part of a plan without room for extra fields does not
    /// have: it is left out (a warning, `unknown_field`).
    IgnoredField(String),
    /// A field that a strict part (a period, the limits) does not have.
    RefusedField { field: String, allowed: Vec<&'static str> },
}

impl Problem {
    fn name(&self) -> &'static str {
        match self {
            Problem::MissingField(_) => "missing_field",
            Problem::WrongType { .. } => "wrong_type",
            Problem::NotWhole(_) => "not_whole",
            Problem::Negative(_) => "negative",
            Problem::TooBig { .. } => "too_big",
            Problem::NotADate { .. } => "not_a_date",
            Problem::UnknownWord { .. } => "unknown_word",
            Problem::WordForObject { .. } => "word_for_object",
            Problem::IgnoredField(_) => "ignored_field",
            Problem::RefusedField { .. } => "unknown_field",
        }
    }

    /// The finding for this problem at `path`.
    pub fn finding(self, path: String) -> Finding {
        let name = self.name();
        let f = match self {
            Problem::MissingField(field) => {
                Finding::new(Code::Malformed, path, msg::missing_field(field)).with("field", field)
            }
            Problem::WrongType { expected, actual } => {
                Finding::new(Code::Malformed, path, msg::wrong_type(expected, actual))
                    .with("expected", expected.as_str())
                    .with("actual", actual.as_str())
            }
            Problem::NotWhole(x) => Finding::new(Code::Malformed, path, msg::fraction(x)).with("actual", x),
            Problem::Negative(v) => Finding::new(Code::Malformed, path, msg::negative(&v)).with("actual", v),
            Problem::TooBig { value, limit } => Finding::new(Code::Malformed, path, msg::too_big(&value, limit))
                .with("actual", value)
                .with("limit", limit),
            Problem::NotADate { text, suggestion } => {
                let f = Finding::new(Code::Malformed, path, msg::bad_date(&text, suggestion)).with("actual", text);
                match suggestion {
                    Some(d) => f.with("suggestion", d.iso()),
                    None => f,
                }
            }
            Problem::UnknownWord { got, allowed } => {
                Finding::new(Code::Malformed, path, msg::unknown_word(&got, &allowed))
                    .with("actual", got)
                    .with("expected", allowed)
            }
            Problem::WordForObject { got, key } => Finding::new(Code::Malformed, path, msg::word_for_object(&got, key))
                .with("actual", got)
                .with("key", key),
            Problem::IgnoredField(field) => {
                Finding::new(Code::UnknownField, path, msg::ignored_field(&field)).with("field", field)
            }
            Problem::RefusedField { field, allowed } => {
                Finding::new(Code::Malformed, path, msg::refused_field(&field, &allowed))
                    .with("field", field)
                    .with("expected", allowed)
            }
        };
        f.with("problem", name)
    }
}

/// Where a value sits: a chain of segments up to the base pointer, turned
/// into a JSON Pointer only when a problem needs one (reading every value of
/// a country's reports must not build a string for each).
#[derive(Clone, Copy)]
pub(crate) enum Path<'p> {
    Base(&'p str),
    Index(&'p Path<'p>, usize),
    Key(&'p Path<'p>, &'p str),
}

impl Path<'_> {
    pub(crate) fn render(&self) -> String {
        match self {
            Path::Base(b) => (*b).to_string(),
            Path::Index(up, i) => pointer(&up.render(), i),
            Path::Key(up, k) => pointer(&up.render(), k),
        }
    }
}

/// The problems found so far, as findings: at most `max` of them kept, the
/// rest counted, so that a list of 200,000 unreadable values costs a counter,
/// not 200,000 findings in memory.
pub(crate) struct Cx {
    pub findings: Vec<Finding>,
    max: usize,
    omitted: usize,
}

impl Default for Cx {
    fn default() -> Cx {
        Cx::new(Vec::new(), Limits::default().max_findings)
    }
}

impl Cx {
    pub(crate) fn new(findings: Vec<Finding>, max: usize) -> Cx {
        Cx { findings, max, omitted: 0 }
    }
    pub(crate) fn problem(&mut self, at: &Path, p: Problem) {
        if self.findings.len() < self.max {
            self.findings.push(p.finding(at.render()));
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
    }
    /// The findings, closed by a `findings_truncated` for those not kept.
    pub(crate) fn finish(mut self) -> Vec<Finding> {
        if self.omitted > 0 {
            self.findings.push(
                Finding::new(Code::FindingsTruncated, "", msg::findings_truncated(self.omitted as u64))
                    .with("limit", self.max as u64)
                    .with("omitted", self.omitted as u64),
            );
        }
        self.findings
    }
    fn wrong(&mut self, at: &Path, expected: Kind, v: &Value) {
        self.problem(at, Problem::WrongType { expected, actual: Kind::of(v) });
    }
}

/// A type read from JSON with every problem recorded; `None` when it cannot be built.
pub(crate) trait FromJson: Sized {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Self>;
}

/// Reads a `T` at `base`, every problem as a finding.
pub(crate) fn read<T: FromJson>(v: &Value, base: &str, cx: &mut Cx) -> Option<T> {
    T::from_json(v, &Path::Base(base), cx)
}

/// One JSON object being read field by field.
pub(crate) struct Obj<'v, 'p> {
    map: &'v Map<String, Value>,
    at: Path<'p>,
    known: Known,
}

/// The fields asked for so far. Held on the stack: a `Vec` here was three
/// allocations for every value of every report (a tenth of reading a country).
struct Known {
    names: [&'static str; 24],
    len: usize,
    /// Past 24 fields (no type of the model has that many).
    more: Vec<&'static str>,
}

impl Known {
    fn new() -> Known {
        Known { names: [""; 24], len: 0, more: Vec::new() }
    }
    fn push(&mut self, key: &'static str) {
        match self.names.get_mut(self.len) {
            Some(slot) => {
                *slot = key;
                self.len += 1;
            }
            None => self.more.push(key),
        }
    }
    fn contains(&self, key: &str) -> bool {
        self.names.get(..self.len).unwrap_or_default().contains(&key) || self.more.contains(&key)
    }
    fn to_vec(&self) -> Vec<&'static str> {
        self.names.get(..self.len).unwrap_or_default().iter().chain(&self.more).copied().collect()
    }
}

impl<'v, 'p> Obj<'v, 'p> {
    /// The object at `at`, or a `wrong_type` problem.
    pub(crate) fn new(v: &'v Value, at: &Path<'p>, cx: &mut Cx) -> Option<Obj<'v, 'p>> {
        match v {
            Value::Object(map) => Some(Obj { map, at: *at, known: Known::new() }),
            other => {
                cx.wrong(at, Kind::Object, other);
                None
            }
        }
    }

    fn given(&mut self, key: &'static str) -> Option<&'v Value> {
        self.known.push(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field: absent or `null` is a `missing_field` problem.
    pub(crate) fn req<T: FromJson>(&mut self, key: &'static str, cx: &mut Cx) -> Option<T> {
        match self.given(key) {
            Some(v) => T::from_json(v, &Path::Key(&self.at, key), cx),
            None => {
                cx.problem(&Path::Key(&self.at, key), Problem::MissingField(key));
                None
            }
        }
    }

    /// An optional field: `Some(None)` when absent or `null`, `None` when unreadable.
    pub(crate) fn opt<T: FromJson>(&mut self, key: &'static str, cx: &mut Cx) -> Option<Option<T>> {
        match self.given(key) {
            Some(v) => T::from_json(v, &Path::Key(&self.at, key), cx).map(Some),
            None => Some(None),
        }
    }

    /// A field with a default for when it is absent. `null` is not absent
    /// here (the schema refuses it, as serde did): it is read as a value of
    /// the wrong kind.
    pub(crate) fn or<T: FromJson>(&mut self, key: &'static str, default: impl FnOnce() -> T, cx: &mut Cx) -> Option<T> {
        self.known.push(key);
        match self.map.get(key) {
            Some(v) => T::from_json(v, &Path::Key(&self.at, key), cx),
            None => Some(default()),
        }
    }

    /// A field whose default is `T::default()`.
    pub(crate) fn or_default<T: FromJson + Default>(&mut self, key: &'static str, cx: &mut Cx) -> Option<T> {
        self.or(key, T::default, cx)
    }

    /// The fields not asked for, kept as they came.
    pub(crate) fn extra(&self) -> Extra {
        // Inserted one by one, not collected: collecting into a map links
        // a sort of its entries (4 kB of WebAssembly), and these come in
        // order already.
        let mut extra = Extra::new();
        for (k, v) in self.map.iter().filter(|(k, _)| !self.known.contains(k)) {
            extra.insert(k.clone(), v.clone());
        }
        extra
    }

    /// For parts without room for extra fields: each unknown field is a
    /// warning that it is left out.
    pub(crate) fn ignore_rest(&self, cx: &mut Cx) {
        for k in self.map.keys().filter(|k| !self.known.contains(k)) {
            cx.problem(&Path::Key(&self.at, k), Problem::IgnoredField(k.clone()));
        }
    }

    /// For strict parts: each unknown field is `malformed`.
    pub(crate) fn refuse_rest(&self, cx: &mut Cx) -> Option<()> {
        let mut ok = true;
        for k in self.map.keys().filter(|k| !self.known.contains(k)) {
            cx.problem(
                &Path::Key(&self.at, k),
                Problem::RefusedField { field: k.clone(), allowed: self.known.to_vec() },
            );
            ok = false;
        }
        ok.then_some(())
    }
}

// --- values ---

impl FromJson for Value {
    fn from_json(v: &Value, _: &Path, _: &mut Cx) -> Option<Value> {
        Some(v.clone())
    }
}

impl FromJson for String {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                cx.wrong(at, Kind::Text, other);
                None
            }
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            other => {
                cx.wrong(at, Kind::Bool, other);
                None
            }
        }
    }
}

impl FromJson for f64 {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            other => {
                cx.wrong(at, Kind::Number, other);
                None
            }
        }
    }
}

/// A whole number from `min` to `max`. A number with no fraction written as
/// a float (`342.0`, `1e2`: what a spreadsheet or pandas gives) is whole.
fn whole(v: &Value, at: &Path, cx: &mut Cx, min: i128, max: u64) -> Option<i128> {
    let Value::Number(n) = v else {
        cx.wrong(at, Kind::WholeNumber, v);
        return None;
    };
    let shown = n.to_string();
    let value = if let Some(u) = n.as_u64() {
        i128::from(u)
    } else if let Some(i) = n.as_i64() {
        i128::from(i)
    } else {
        let x = n.as_f64().unwrap_or(f64::NAN);
        if x.fract() != 0.0 || !x.is_finite() {
            cx.problem(at, if x < 0.0 { Problem::Negative(shown) } else { Problem::NotWhole(x) });
            return None;
        }
        if x < -1e30 {
            cx.problem(at, Problem::Negative(shown));
            return None;
        }
        if x > 1e30 {
            cx.problem(at, Problem::TooBig { value: shown, limit: max });
            return None;
        }
        // Exact: |x| < 1e30 with no fraction fits an i128.
        x as i128
    };
    if value < min {
        cx.problem(at, Problem::Negative(shown));
        None
    } else if value > i128::from(max) {
        cx.problem(at, Problem::TooBig { value: shown, limit: max });
        None
    } else {
        Some(value)
    }
}

impl FromJson for Count {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Count> {
        whole(v, at, cx, 0, MAX_COUNT).and_then(|n| u64::try_from(n).ok()).and_then(Count::new)
    }
}

impl FromJson for u64 {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<u64> {
        whole(v, at, cx, 0, MAX_COUNT).and_then(|n| u64::try_from(n).ok())
    }
}

/// Limits: `usize` is 32 bits in WebAssembly, and a host's limits must mean
/// the same in every runtime (and in the schema), so they stop at 2^32 − 1.
impl FromJson for usize {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<usize> {
        whole(v, at, cx, 0, u64::from(u32::MAX)).and_then(|n| usize::try_from(n).ok())
    }
}

impl FromJson for u32 {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<u32> {
        whole(v, at, cx, 0, u64::from(u32::MAX)).and_then(|n| u32::try_from(n).ok())
    }
}

impl FromJson for i32 {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<i32> {
        // The full range, as the schema says (a year no plan has is for the plan check to judge).
        whole(v, at, cx, i128::from(i32::MIN), i32::MAX as u64).and_then(|n| i32::try_from(n).ok())
    }
}

impl FromJson for Date {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Date> {
        match v {
            Value::String(s) => match crate::calendar::parse_iso(s) {
                Ok(d) => Some(d),
                Err(_) => {
                    // 04/12/2024 or "ngày 4 tháng 12 năm 2024": say which ISO date it would be.
                    let suggestion = crate::calendar::parse_vi(s).ok();
                    cx.problem(at, Problem::NotADate { text: s.clone(), suggestion });
                    None
                }
            },
            other => {
                cx.wrong(at, Kind::Date, other);
                None
            }
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Vec<T>> {
        let Value::Array(items) = v else {
            cx.wrong(at, Kind::List, v);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match T::from_json(item, &Path::Index(at, i), cx) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// A list read element by element, keeping the readable ones: what a report
/// does with its values, so that one bad value leaves the others checked.
/// The elements kept, and their places in the input.
pub(crate) fn lenient_list<T: FromJson>(v: &Value, at: &Path, cx: &mut Cx) -> (Vec<T>, Vec<usize>, bool) {
    let Value::Array(items) = v else {
        cx.wrong(at, Kind::List, v);
        return (Vec::new(), Vec::new(), true);
    };
    let (mut out, mut kept, mut lost) = (Vec::new(), Vec::new(), false);
    for (i, item) in items.iter().enumerate() {
        match T::from_json(item, &Path::Index(at, i), cx) {
            Some(x) => {
                out.push(x);
                kept.push(i);
            }
            None => lost = true,
        }
    }
    (out, kept, lost)
}

macro_rules! ids {
    ($($t:ident),*) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<$t> {
                String::from_json(v, at, cx).map($t)
            }
        }
    )*};
}
ids!(UnitId, IndicatorId, ActivityId, FundingSourceId);

/// A word of an enum given as text, checked against the words of `all`.
pub(crate) fn word<T: Serialize + Copy>(v: &Value, at: &Path, cx: &mut Cx, all: &[T]) -> Option<T> {
    let name = |x: &T| serde_json::to_value(x).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    match v {
        Value::String(s) => match all.iter().find(|x| name(x) == *s) {
            Some(x) => Some(*x),
            None => {
                cx.problem(at, Problem::UnknownWord { got: s.clone(), allowed: all.iter().map(name).collect() });
                None
            }
        },
        other => {
            cx.wrong(at, Kind::Text, other);
            None
        }
    }
}

macro_rules! words {
    ($($t:ty => [$($v:expr),* $(,)?]);* $(;)?) => {$(
        impl FromJson for $t {
            fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<$t> {
                word(v, at, cx, &[$($v),*])
            }
        }
    )*};
}

words! {
    ReportKind => [ReportKind::SixMonth, ReportKind::Annual, ReportKind::AdHoc];
    NarrativeSection => [NarrativeSection::Results, NarrativeSection::Shortcomings, NarrativeSection::NextTasks, NarrativeSection::Recommendations];
    ActivityStatus => [ActivityStatus::NotStarted, ActivityStatus::InProgress, ActivityStatus::Done, ActivityStatus::Cancelled];
    LegalKind => [LegalKind::Luat, LegalKind::NghiQuyet, LegalKind::NghiDinh, LegalKind::QuyetDinh, LegalKind::ChiThi, LegalKind::KeHoach, LegalKind::CongVan];
    UnitKind => [UnitKind::NationalCommittee, UnitKind::Ministry, UnitKind::Province, UnitKind::ProvincialCommittee, UnitKind::StandingAgency, UnitKind::Department, UnitKind::MassOrganisation, UnitKind::District, UnitKind::Commune];
    Aggregation => [Aggregation::Sum, Aggregation::RatioOfSums, Aggregation::NotAdditive];
    Temporal => [Temporal::Flow, Temporal::Stock];
    Direction => [Direction::AtLeast, Direction::AtMost, Direction::Below];
    Level => [Level::Error, Level::Warning, Level::Off];
    crate::finding::Acceptance => [crate::finding::Acceptance::Report, crate::finding::Acceptance::Value];
}

impl FromJson for Code {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Code> {
        word(v, at, cx, Code::ALL)
    }
}

impl FromJson for Measure {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Measure> {
        const TYPES: [&str; 5] = ["count", "percent", "ratio", "rate", "money"];
        if let Value::String(s) = v {
            if TYPES.contains(&s.as_str()) {
                cx.problem(at, Problem::WordForObject { got: s.clone(), key: "type" });
                return None;
            }
        }
        let mut o = Obj::new(v, at, cx)?;
        let kind: String = o.req("type", cx)?;
        let measure = match kind.as_str() {
            "count" => Some(Measure::Count),
            "percent" => Some(Measure::Percent),
            "ratio" => Some(Measure::Ratio),
            "money" => Some(Measure::Money),
            "rate" => o.req::<u64>("per", cx).map(|per| Measure::Rate { per }),
            other => {
                let allowed = TYPES.iter().map(|t| (*t).to_string()).collect();
                cx.problem(&Path::Key(at, "type"), Problem::UnknownWord { got: other.to_string(), allowed });
                None
            }
        };
        o.ignore_rest(cx);
        measure
    }
}

/// A map keyed by finding codes (`rules.severity`, `rules.acceptance_by_code`).
impl<T: FromJson> FromJson for std::collections::BTreeMap<Code, T> {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Self> {
        let Value::Object(map) = v else {
            cx.wrong(at, Kind::Object, v);
            return None;
        };
        let mut out = std::collections::BTreeMap::new();
        let mut ok = true;
        for (k, level) in map {
            let here = Path::Key(at, k);
            match (Code::from_json(&Value::String(k.clone()), &here, cx), T::from_json(level, &here, cx)) {
                (Some(c), Some(l)) => {
                    out.insert(c, l);
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }
}

// --- the plan ---

/// Builds a struct once every field has been tried, so that each field's
/// problems are recorded before a missing one stops the whole.
macro_rules! all {
    ($t:ident { $($f:ident),* $(,)? } $(, $($rest:tt)*)?) => {{
        Some($t { $($f: $f?,)* $($($rest)*)? })
    }};
}

impl FromJson for Plan {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Plan> {
        let mut o = Obj::new(v, at, cx)?;
        let number = o.req("number", cx);
        let issuer = o.req("issuer", cx);
        let place = o.req("place", cx);
        let date = o.req("date", cx);
        let year = o.req("year", cx);
        let title = o.req("title", cx);
        let legal_bases = o.req("legal_bases", cx);
        let purposes = o.req("purposes", cx);
        let content_areas = o.req("content_areas", cx);
        let funding_sources = o.req("funding_sources", cx);
        let roles = o.req("roles", cx);
        let reporting = o.req("reporting", cx);
        let recipients = o.req("recipients", cx);
        let signer = o.req("signer", cx);
        let units = o.req("units", cx);
        let indicators = o.or_default("indicators", cx);
        let targets = o.or_default("targets", cx);
        let dimensions = o.or_default("dimensions", cx);
        let rules = o.or_default("rules", cx);
        let extra = o.extra();
        all!(Plan { number, issuer, place, date, year, title, legal_bases, purposes, content_areas, funding_sources, roles,
            reporting, recipients, signer, units, indicators, targets, dimensions, rules }, extra, index: Default::default())
    }
}

impl FromJson for LegalBasis {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<LegalBasis> {
        let mut o = Obj::new(v, at, cx)?;
        let kind = o.req("kind", cx);
        let number = o.opt("number", cx);
        let issuer = o.req("issuer", cx);
        let date = o.opt("date", cx);
        let title = o.req("title", cx);
        let note = o.opt("note", cx);
        let extra = o.extra();
        all!(LegalBasis { kind, number, issuer, date, title, note }, extra)
    }
}

impl FromJson for Window {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Window> {
        let mut o = Obj::new(v, at, cx)?;
        let from = o.req("from", cx);
        let to = o.req("to", cx);
        let name = o.opt("name", cx);
        o.ignore_rest(cx);
        all!(Window { from, to, name })
    }
}

impl FromJson for Activity {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Activity> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let description = o.req("description", cx);
        let lead = o.req("lead", cx);
        let cooperating = o.or_default("cooperating", cx);
        let programmes = o.or_default("programmes", cx);
        let window = o.opt("window", cx);
        let indicators = o.or_default("indicators", cx);
        let extra = o.extra();
        all!(Activity { id, description, lead, cooperating, programmes, window, indicators }, extra)
    }
}

impl FromJson for ContentArea {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<ContentArea> {
        let mut o = Obj::new(v, at, cx)?;
        let number = o.req("number", cx);
        let title = o.req("title", cx);
        let title_en = o.opt("title_en", cx);
        let activities = o.req("activities", cx);
        o.ignore_rest(cx);
        all!(ContentArea { number, title, title_en, activities })
    }
}

impl FromJson for FundingSource {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<FundingSource> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let name = o.req("name", cx);
        let name_en = o.opt("name_en", cx);
        o.ignore_rest(cx);
        all!(FundingSource { id, name, name_en })
    }
}

impl FromJson for Role {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Role> {
        let mut o = Obj::new(v, at, cx)?;
        let units = o.req("units", cx);
        let duties = o.req("duties", cx);
        o.ignore_rest(cx);
        all!(Role { units, duties })
    }
}

impl FromJson for Reporting {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Reporting> {
        let mut o = Obj::new(v, at, cx)?;
        let units = o.req("units", cx);
        let schedule = o.req("schedule", cx);
        let required_indicators = o.or_default("required_indicators", cx);
        let required_sections = o.or_default("required_sections", cx);
        let text = o.opt("text", cx);
        let reviewer = o.opt("reviewer", cx);
        o.ignore_rest(cx);
        all!(Reporting { units, schedule, required_indicators, required_sections, text, reviewer })
    }
}

impl FromJson for ScheduleEntry {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<ScheduleEntry> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let kind = o.req("kind", cx);
        let period = o.req("period", cx);
        let due = o.req("due", cx);
        let basis = o.opt("basis", cx);
        o.ignore_rest(cx);
        all!(ScheduleEntry { id, kind, period, due, basis })
    }
}

impl FromJson for Period {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Period> {
        let mut o = Obj::new(v, at, cx)?;
        let from = o.req("from", cx);
        let to = o.req("to", cx);
        // A period is two dates and nothing else: a typo ("form") must not pass.
        let strict = o.refuse_rest(cx);
        strict?;
        all!(Period { from, to })
    }
}

impl FromJson for Signer {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Signer> {
        let mut o = Obj::new(v, at, cx)?;
        let name = o.req("name", cx);
        let titles = o.req("titles", cx);
        o.ignore_rest(cx);
        all!(Signer { name, titles })
    }
}

/// A target's fields, from an object that may hold others (a plan's target names its indicator).
fn target_fields(o: &mut Obj, cx: &mut Cx) -> Option<Target> {
    let year = o.req("year", cx);
    let value = o.req("value", cx);
    let direction = o.opt("direction", cx);
    let approximate = o.or("approximate", || false, cx);
    let source = o.req("source", cx);
    let confirmed = o.req("confirmed", cx);
    let note = o.opt("note", cx);
    all!(Target { year, value, direction, approximate, source, confirmed, note })
}

impl FromJson for Target {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Target> {
        let mut o = Obj::new(v, at, cx)?;
        let t = target_fields(&mut o, cx);
        o.ignore_rest(cx);
        t
    }
}

impl FromJson for PlanTarget {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<PlanTarget> {
        let mut o = Obj::new(v, at, cx)?;
        let indicator = o.req("indicator", cx);
        let unit = o.opt("unit", cx);
        let target = target_fields(&mut o, cx);
        o.ignore_rest(cx);
        all!(PlanTarget { indicator, unit, target })
    }
}

impl FromJson for Indicator {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Indicator> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let name_vi = o.req("name_vi", cx);
        let name_en = o.req("name_en", cx);
        let measure = o.req("measure", cx);
        let by_sex = o.req("by_sex", cx);
        let aggregation = o.req("aggregation", cx);
        let temporal = o.req("temporal", cx);
        let direction = o.req("direction", cx);
        let unit_vi = o.req("unit_vi", cx);
        let unit_en = o.req("unit_en", cx);
        let targets = o.or_default("targets", cx);
        let source = o.req("source", cx);
        let sdg_series = o.opt("sdg_series", cx);
        let sensitive = o.or("sensitive", || false, cx);
        let breakdowns = o.or_default("breakdowns", cx);
        let extra = o.extra();
        all!(
            Indicator {
                id,
                name_vi,
                name_en,
                measure,
                by_sex,
                aggregation,
                temporal,
                direction,
                unit_vi,
                unit_en,
                targets,
                source,
                sdg_series,
                sensitive,
                breakdowns
            },
            extra
        )
    }
}

impl FromJson for Unit {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Unit> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let name = o.req("name", cx);
        let name_en = o.opt("name_en", cx);
        let kind = o.req("kind", cx);
        let code = o.opt("code", cx);
        let parent = o.opt("parent", cx);
        let earlier_parents = o.or_default("earlier_parents", cx);
        let valid_from = o.opt("valid_from", cx);
        let valid_to = o.opt("valid_to", cx);
        let successor_of = o.or_default("successor_of", cx);
        let note = o.opt("note", cx);
        let extra = o.extra();
        all!(
            Unit { id, name, name_en, kind, code, parent, earlier_parents, valid_from, valid_to, successor_of, note },
            extra
        )
    }
}

impl FromJson for EarlierParent {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<EarlierParent> {
        let mut o = Obj::new(v, at, cx)?;
        let parent = o.req("parent", cx);
        let until = o.req("until", cx);
        o.ignore_rest(cx);
        all!(EarlierParent { parent, until })
    }
}

impl FromJson for RuleSettings {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<RuleSettings> {
        let d = RuleSettings::default();
        let mut o = Obj::new(v, at, cx)?;
        let severity = o.or_default("severity", cx);
        let outlier_factor = o.or("outlier_factor", || d.outlier_factor, cx);
        let outlier_min = o.or("outlier_min", || d.outlier_min, cx);
        let percent_tolerance = o.or("percent_tolerance", || d.percent_tolerance, cx);
        let small_cells = o.or("small_cells", || d.small_cells, cx);
        let acceptance = o.or("acceptance", || d.acceptance, cx);
        let acceptance_by_code = o.or_default("acceptance_by_code", cx);
        o.ignore_rest(cx);
        all!(RuleSettings {
            severity,
            outlier_factor,
            outlier_min,
            percent_tolerance,
            small_cells,
            acceptance,
            acceptance_by_code
        })
    }
}

impl FromJson for Limits {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Limits> {
        let d = Limits::default();
        let mut o = Obj::new(v, at, cx)?;
        let max_bytes = o.or("max_bytes", || d.max_bytes, cx);
        let max_depth = o.or("max_depth", || d.max_depth, cx);
        let max_values = o.or("max_values", || d.max_values, cx);
        let max_reports = o.or("max_reports", || d.max_reports, cx);
        let max_nodes = o.or("max_nodes", || d.max_nodes, cx);
        let max_findings = o.or("max_findings", || d.max_findings, cx);
        // A misspelt limit must not leave the default silently in force.
        let strict = o.refuse_rest(cx);
        strict?;
        all!(Limits { max_bytes, max_depth, max_values, max_reports, max_nodes, max_findings })
    }
}

/// An object of any keys, each value a `T` (a DHIS2 mapping's tables).
pub(crate) struct StringMap<T>(pub std::collections::BTreeMap<String, T>);

impl<T: FromJson> FromJson for StringMap<T> {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Self> {
        let Value::Object(map) = v else {
            cx.wrong(at, Kind::Object, v);
            return None;
        };
        let mut out = std::collections::BTreeMap::new();
        let mut ok = true;
        for (k, x) in map {
            match T::from_json(x, &Path::Key(at, k), cx) {
                Some(t) => {
                    out.insert(k.clone(), t);
                }
                None => ok = false,
            }
        }
        ok.then_some(StringMap(out))
    }
}

impl FromJson for Dhis2Mapping {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Self> {
        let mut o = Obj::new(v, at, cx)?;
        let data_set = o.opt("data_set", cx);
        let periods = o.req::<StringMap<String>>("periods", cx).map(|m| m.0);
        let org_units = o.req::<StringMap<String>>("org_units", cx).map(|m| m.0);
        let data_elements = o.req::<StringMap<Dhis2Element>>("data_elements", cx).map(|m| m.0);
        // A misspelt table must not leave figures silently unmapped.
        let strict = o.refuse_rest(cx);
        strict?;
        all!(Dhis2Mapping { data_set, periods, org_units, data_elements })
    }
}

impl FromJson for Dhis2Element {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Self> {
        let mut o = Obj::new(v, at, cx)?;
        let data_element = o.req("data_element", cx);
        let category_option_combos = o.req::<StringMap<String>>("category_option_combos", cx).map(|m| m.0);
        let strict = o.refuse_rest(cx);
        strict?;
        all!(Dhis2Element { data_element, category_option_combos })
    }
}

// --- the report ---

impl FromJson for SexSplit {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<SexSplit> {
        let mut o = Obj::new(v, at, cx)?;
        let female = o.opt("female", cx);
        let male = o.opt("male", cx);
        let total = o.opt("total", cx);
        let extra = o.extra();
        all!(SexSplit { female, male, total }, extra)
    }
}

impl FromJson for ValueEntry {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<ValueEntry> {
        let mut o = Obj::new(v, at, cx)?;
        let indicator = o.req("indicator", cx);
        let female = o.opt("female", cx);
        let male = o.opt("male", cx);
        let total = o.opt("total", cx);
        let numerator = o.opt("numerator", cx);
        let denominator = o.opt("denominator", cx);
        let stated = o.opt("stated", cx);
        let note = o.opt("note", cx);
        let cells = o.or_default("cells", cx);
        let extra = o.extra();
        all!(ValueEntry { indicator, female, male, total, numerator, denominator, stated, note, cells }, extra)
    }
}

impl FromJson for Cell {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Cell> {
        let mut o = Obj::new(v, at, cx)?;
        let by = o.req("by", cx);
        let female = o.opt("female", cx);
        let male = o.opt("male", cx);
        let total = o.opt("total", cx);
        let numerator = o.opt("numerator", cx);
        let denominator = o.opt("denominator", cx);
        let extra = o.extra();
        all!(Cell { by, female, male, total, numerator, denominator }, extra)
    }
}

/// A cell's key: an object of strings (dimension id → option code).
impl FromJson for CellKey {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<CellKey> {
        let Value::Object(map) = v else {
            cx.wrong(at, Kind::Object, v);
            return None;
        };
        let mut out = CellKey::new();
        let mut ok = true;
        for (k, x) in map {
            match String::from_json(x, &Path::Key(at, k), cx) {
                Some(code) => {
                    out.insert(k.clone(), code);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

impl FromJson for Dimension {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Dimension> {
        let mut o = Obj::new(v, at, cx)?;
        let id = o.req("id", cx);
        let name_vi = o.req("name_vi", cx);
        let name_en = o.req("name_en", cx);
        let options = o.req("options", cx);
        let groups = o.or_default("groups", cx);
        let source = o.opt("source", cx);
        let extra = o.extra();
        all!(Dimension { id, name_vi, name_en, options, groups, source }, extra)
    }
}

impl FromJson for DimensionOption {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<DimensionOption> {
        let mut o = Obj::new(v, at, cx)?;
        let code = o.req("code", cx);
        let name_vi = o.req("name_vi", cx);
        let name_en = o.req("name_en", cx);
        let from = o.opt("from", cx);
        let to = o.opt("to", cx);
        let confirmed = o.or("confirmed", || true, cx);
        let extra = o.extra();
        all!(DimensionOption { code, name_vi, name_en, from, to, confirmed }, extra)
    }
}

impl FromJson for OptionGroup {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<OptionGroup> {
        let mut o = Obj::new(v, at, cx)?;
        let code = o.req("code", cx);
        let name_vi = o.req("name_vi", cx);
        let name_en = o.req("name_en", cx);
        let members = o.req("members", cx);
        let extra = o.extra();
        all!(OptionGroup { code, name_vi, name_en, members }, extra)
    }
}

impl FromJson for Breakdown {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Breakdown> {
        let mut o = Obj::new(v, at, cx)?;
        let dimension = o.req("dimension", cx);
        let options = o.or_default("options", cx);
        let required = o.or("required", || true, cx);
        o.ignore_rest(cx);
        all!(Breakdown { dimension, options, required })
    }
}

impl FromJson for ActivityResult {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<ActivityResult> {
        let mut o = Obj::new(v, at, cx)?;
        let activity = o.req("activity", cx);
        let status = o.req("status", cx);
        let outputs = o.or_default("outputs", cx);
        let note = o.opt("note", cx);
        let extra = o.extra();
        all!(ActivityResult { activity, status, outputs, note }, extra)
    }
}

impl FromJson for AreaNarrative {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<AreaNarrative> {
        let mut o = Obj::new(v, at, cx)?;
        let area = o.req("area", cx);
        let results = o.opt("results", cx);
        let shortcomings = o.opt("shortcomings", cx);
        let next_tasks = o.opt("next_tasks", cx);
        let recommendations = o.opt("recommendations", cx);
        let extra = o.extra();
        all!(AreaNarrative { area, results, shortcomings, next_tasks, recommendations }, extra)
    }
}

impl FromJson for FundingLine {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<FundingLine> {
        let mut o = Obj::new(v, at, cx)?;
        let source = o.req("source", cx);
        let planned = o.opt("planned", cx);
        let spent = o.opt("spent", cx);
        let extra = o.extra();
        all!(FundingLine { source, planned, spent }, extra)
    }
}

/// A report: its header fields, and its lists read element by element (one
/// bad value leaves the others to be checked, and their places are kept).
impl FromJson for Report {
    fn from_json(v: &Value, at: &Path, cx: &mut Cx) -> Option<Report> {
        let mut o = Obj::new(v, at, cx)?;
        let plan = o.req("plan", cx);
        let unit = o.req("unit", cx);
        let kind = o.req("kind", cx);
        let period = o.req("period", cx);
        let submitted = o.req("submitted", cx);
        let notes = o.opt("notes", cx);
        // `null` is a narrative left out, as for the lists below.
        let narrative = o.opt::<Vec<AreaNarrative>>("narrative", cx).map(Option::unwrap_or_default);
        let mut positions = crate::model::Positions::default();
        let values = o.given("values").map(|v| lenient_list::<ValueEntry>(v, &Path::Key(at, "values"), cx));
        let (values, kept, lost) = values.unwrap_or_default();
        // Only after a dropped element do positions differ from indexes.
        positions.values = if lost { kept } else { Vec::new() };
        positions.values_incomplete = lost;
        let activities =
            o.given("activities").map(|v| lenient_list::<ActivityResult>(v, &Path::Key(at, "activities"), cx));
        let (activities, kept, lost) = activities.unwrap_or_default();
        positions.activities = if lost { kept } else { Vec::new() };
        let funding = o.given("funding").map(|v| lenient_list::<FundingLine>(v, &Path::Key(at, "funding"), cx));
        let (funding, kept, lost) = funding.unwrap_or_default();
        positions.funding = if lost { kept } else { Vec::new() };
        let extra = o.extra();
        all!(
            Report { plan, unit, kind, period, submitted, notes, narrative },
            values,
            activities,
            funding,
            extra,
            positions
        )
    }
}
