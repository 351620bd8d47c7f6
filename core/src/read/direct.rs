//! The fast path of reading a report: from JSON text straight to the typed
//! report, with no JSON tree in between.
//!
//! **Key decision: it reads only what the full reader would read without a
//! word, and gives up on anything else.** A field it does not know, text not
//! in NFC, a duplicate key, a `null` where a value is required, a value of
//! the wrong kind, a date that is not ISO, a limit reached, text that is not
//! JSON: each makes it stop, and the report is read again by the full reader
//! (`typed.rs`), which says what is wrong and where. So it never writes a
//! finding, and a report it reads is the one the full reader makes of the same
//! text with no finding (`direct_reads_what_the_full_reader_reads`, a
//! property test over well-formed and broken reports, and every conformance
//! vector). Most reports are well formed, so most pay for one parse into the
//! types they end in: a report's values are the bulk of a country's input.

use std::cell::Cell as Counter;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::Limits;
use crate::calendar::{Period, ReportKind};
use crate::model::{
    ActivityResult, ActivityStatus, AreaNarrative, Cell, CellKey, Count, Date, Extra, FundingLine, Report, SexSplit,
    ValueEntry, MAX_COUNT,
};
use crate::nfc::is_nfc;

/// The report in `text`, when the full reader would read it with no finding;
/// `None` when it must be read by the full reader.
pub(crate) fn report(text: &str, limits: &Limits) -> Option<Report> {
    let budget = Budget { nodes: Counter::new(0), limits };
    let mut de = serde_json::Deserializer::from_str(text);
    let report = Seed::<ReportSeed>::new(&budget, 1).deserialize(&mut de).ok()?;
    de.end().ok()?;
    let entries = report
        .values
        .len()
        .saturating_add(report.activities.iter().map(|a| a.outputs.len()).fold(0, usize::saturating_add));
    (entries <= limits.max_values).then_some(report)
}

/// What the full reader counts before it reads (`read::shape`): every JSON
/// value, at its depth.
struct Budget<'l> {
    nodes: Counter<usize>,
    limits: &'l Limits,
}

/// Giving up: the full reader will say why (never shown to anyone).
fn give_up<E: de::Error>() -> E {
    E::custom("read by the full reader")
}

impl Budget<'_> {
    /// One more value at `depth` (the root is at 1).
    fn node<E: de::Error>(&self, depth: usize) -> Result<(), E> {
        let n = self.nodes.get().saturating_add(1);
        self.nodes.set(n);
        if n > self.limits.max_nodes || depth > self.limits.max_depth || depth > super::PARSE_DEPTH {
            return Err(give_up());
        }
        Ok(())
    }
}

/// One kind of value the fast path reads.
trait Kind: Sized {
    type Out;
    fn read<'de, D: Deserializer<'de>>(seed: Seed<'_, Self>, d: D) -> Result<Self::Out, D::Error>;
}

/// Reading a `K` at a depth, within the budget.
struct Seed<'b, K> {
    budget: &'b Budget<'b>,
    depth: usize,
    kind: std::marker::PhantomData<K>,
}

impl<K> Clone for Seed<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<K> Copy for Seed<'_, K> {}

impl<'b, K> Seed<'b, K> {
    fn new(budget: &'b Budget<'b>, depth: usize) -> Self {
        Seed { budget, depth, kind: std::marker::PhantomData }
    }
    /// A value inside this one.
    fn inner<J>(self) -> Seed<'b, J> {
        Seed::new(self.budget, self.depth.saturating_add(1))
    }
}

impl<'de, K: Kind> DeserializeSeed<'de> for Seed<'_, K> {
    type Value = K::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Out, D::Error> {
        self.budget.node(self.depth)?;
        K::read(self, d)
    }
}

/// A visitor that takes nothing but what `accept` says (everything else gives up).
macro_rules! visitor {
    ($name:ident -> $out:ty { $($body:tt)* }) => {
        struct $name;
        impl<'de> Visitor<'de> for $name {
            type Value = $out;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(stringify!($name))
            }
            $($body)*
        }
    };
}

// --- scalars ---

/// A count, as the full reader's `whole` takes one: 0 to 2^53 − 1, a float
/// with no fraction too (`342.0`, what a spreadsheet writes).
struct CountKind;
visitor!(CountVisitor -> Count {
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Count, E> {
        Count::new(n).ok_or_else(give_up)
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Count, E> {
        if x.is_finite() && x.fract() == 0.0 && (0.0..=MAX_COUNT as f64).contains(&x) {
            // Exact: a whole float up to 2^53 − 1.
            Count::new(x as u64).ok_or_else(give_up)
        } else {
            Err(give_up())
        }
    }
});
impl Kind for CountKind {
    type Out = Count;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<Count, D::Error> {
        d.deserialize_any(CountVisitor)
    }
}

/// A whole number that fits a `u32` (a content area's number).
struct U32Kind;
visitor!(U32Visitor -> u32 {
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<u32, E> {
        u32::try_from(n).map_err(|_| give_up())
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<u32, E> {
        if x.is_finite() && x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
            Ok(x as u32)
        } else {
            Err(give_up())
        }
    }
});
impl Kind for U32Kind {
    type Out = u32;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<u32, D::Error> {
        d.deserialize_any(U32Visitor)
    }
}

/// Any number, as a float (`serde_json::Number::as_f64`).
struct F64Kind;
visitor!(F64Visitor -> f64 {
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<f64, E> {
        Ok(n as f64)
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<f64, E> {
        Ok(n as f64)
    }
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<f64, E> {
        Ok(x)
    }
});
impl Kind for F64Kind {
    type Out = f64;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<f64, D::Error> {
        d.deserialize_any(F64Visitor)
    }
}

/// Text already in NFC (text that is not gets a warning: the full reader's).
struct TextKind;
visitor!(TextVisitor -> String {
    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        if is_nfc(s) { Ok(s.to_string()) } else { Err(give_up()) }
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
        if is_nfc(&s) { Ok(s) } else { Err(give_up()) }
    }
});
/// A key as text in NFC (keys are not values: the budget does not count them).
struct KeyText;
impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}
impl Kind for TextKind {
    type Out = String;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<String, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

/// An ISO date.
struct DateKind;
visitor!(DateVisitor -> Date {
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
        crate::calendar::parse_iso(s).map_err(|_| give_up())
    }
});
impl Kind for DateKind {
    type Out = Date;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<Date, D::Error> {
        d.deserialize_str(DateVisitor)
    }
}

/// A word of an enum, by the name serde gives it (as the full reader's `word`).
struct WordKind<T>(std::marker::PhantomData<T>);
struct WordVisitor<T>(std::marker::PhantomData<T>);
impl<'de, T: for<'a> Deserialize<'a>> Visitor<'de> for WordVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a word")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        let word: de::value::StrDeserializer<'_, de::value::Error> = s.into_deserializer();
        T::deserialize(word).map_err(|_| give_up())
    }
}
impl<T: for<'a> Deserialize<'a>> Kind for WordKind<T> {
    type Out = T;
    fn read<'de, D: Deserializer<'de>>(_: Seed<'_, Self>, d: D) -> Result<T, D::Error> {
        d.deserialize_str(WordVisitor(std::marker::PhantomData))
    }
}

// --- containers ---

/// `null` or a `K`: an optional field, `null` as if left out.
struct Opt<K>(std::marker::PhantomData<K>);
struct OptVisitor<'b, K>(Seed<'b, K>);
impl<'de, K: Kind> Visitor<'de> for OptVisitor<'_, K> {
    type Value = Option<K::Out>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        // The budget counted this value already, as the `Opt`.
        K::read(self.0, d).map(Some)
    }
}
impl<K: Kind> Kind for Opt<K> {
    type Out = Option<K::Out>;
    fn read<'de, D: Deserializer<'de>>(seed: Seed<'_, Self>, d: D) -> Result<Self::Out, D::Error> {
        d.deserialize_option(OptVisitor(Seed::<K>::new(seed.budget, seed.depth)))
    }
}

/// A list of `K`.
struct List<K>(std::marker::PhantomData<K>);
struct ListVisitor<'b, K>(Seed<'b, K>);
impl<'de, K: Kind> Visitor<'de> for ListVisitor<'_, K> {
    type Value = Vec<K::Out>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(x) = seq.next_element_seed(self.0)? {
            out.push(x);
        }
        // A list grown by doubling ends with up to half its room unused (a
        // report of 40 values holds room for 64), and a batch keeps every
        // report's values: a copy of the exact size gives that memory back
        // under any allocator (a shrinking realloc may keep the room).
        if out.capacity() - out.len() > out.len() / 4 {
            let mut exact = Vec::with_capacity(out.len());
            exact.append(&mut out);
            return Ok(exact);
        }
        Ok(out)
    }
}
impl<K: Kind> Kind for List<K> {
    type Out = Vec<K::Out>;
    fn read<'de, D: Deserializer<'de>>(seed: Seed<'_, Self>, d: D) -> Result<Self::Out, D::Error> {
        d.deserialize_seq(ListVisitor(seed.inner::<K>()))
    }
}

/// A key of one of `names`, by its place; an unknown key (kept in `extra`
/// and warned about by the full reader) gives up. Keys are compared as they
/// lie in the text: no string is made for them.
struct Key(&'static [&'static str]);
impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}
impl Visitor<'_> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a known field")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<usize, E> {
        self.0.iter().position(|n| *n == s).ok_or_else(give_up)
    }
}

/// The fields of one object as they come: each known field once (a second
/// one gives up: the full parse refuses duplicate keys).
struct Fields {
    seen: u32,
}
impl Fields {
    fn first<E: de::Error>(&mut self, i: usize) -> Result<(), E> {
        let bit = 1u32.checked_shl(u32::try_from(i).map_err(|_| give_up())?).ok_or_else(give_up)?;
        if self.seen & bit != 0 {
            return Err(give_up());
        }
        self.seen |= bit;
        Ok(())
    }
}

/// An object read field by field into a struct `$out` by `$kind`.
macro_rules! object {
    ($kind:ident -> $out:ty, $fields:expr, |$seed:ident, $map:ident, $field:ident| $body:block) => {
        struct $kind;
        impl Kind for $kind {
            type Out = $out;
            fn read<'de, D: Deserializer<'de>>(seed: Seed<'_, Self>, d: D) -> Result<$out, D::Error> {
                struct V<'b>(Seed<'b, $kind>);
                impl<'de> Visitor<'de> for V<'_> {
                    type Value = $out;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<$out, A::Error> {
                        let $seed = self.0;
                        let mut fields = Fields { seen: 0 };
                        let mut $field = |map: &mut A| -> Result<Option<usize>, A::Error> {
                            let Some(i) = map.next_key_seed(Key($fields))? else { return Ok(None) };
                            fields.first(i)?;
                            Ok(Some(i))
                        };
                        $body
                    }
                }
                d.deserialize_map(V(seed))
            }
        }
    };
}

/// Female, male, total: each optional.
fn split_field<'de, A: MapAccess<'de>, K>(
    map: &mut A,
    seed: Seed<'_, K>,
    slot: &mut Option<Count>,
) -> Result<(), A::Error> {
    *slot = map.next_value_seed(seed.inner::<Opt<CountKind>>())?;
    Ok(())
}

object!(SplitKind -> SexSplit, &["female", "male", "total"], |seed, map, field| {
    let mut s = SexSplit::default();
    while let Some(i) = field(&mut map)? {
        match i {
            0 => split_field(&mut map, seed, &mut s.female)?,
            1 => split_field(&mut map, seed, &mut s.male)?,
            _ => split_field(&mut map, seed, &mut s.total)?,
        }
    }
    Ok(s)
});

/// A cell's key: dimension id → option code, both texts in NFC.
struct KeyKind;
impl Kind for KeyKind {
    type Out = CellKey;
    fn read<'de, D: Deserializer<'de>>(seed: Seed<'_, Self>, d: D) -> Result<CellKey, D::Error> {
        struct V<'b>(Seed<'b, KeyKind>);
        impl<'de> Visitor<'de> for V<'_> {
            type Value = CellKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CellKey, A::Error> {
                let mut out = CellKey::new();
                while let Some(k) = map.next_key_seed(KeyText)? {
                    let code = map.next_value_seed(self.0.inner::<TextKind>())?;
                    if out.insert(k, code).is_some() {
                        return Err(give_up());
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(seed))
    }
}

object!(CellKind -> Cell, &["by", "female", "male", "total", "numerator", "denominator"], |seed, map, field| {
    let mut by = None;
    let (mut female, mut male, mut total, mut numerator, mut denominator) = (None, None, None, None, None);
    while let Some(i) = field(&mut map)? {
        match i {
            0 => by = Some(map.next_value_seed(seed.inner::<KeyKind>())?),
            1 => split_field(&mut map, seed, &mut female)?,
            2 => split_field(&mut map, seed, &mut male)?,
            3 => split_field(&mut map, seed, &mut total)?,
            4 => numerator = map.next_value_seed(seed.inner::<Opt<SplitKind>>())?,
            _ => denominator = map.next_value_seed(seed.inner::<Opt<SplitKind>>())?,
        }
    }
    let by = by.ok_or_else(give_up)?;
    Ok(Cell { by, female, male, total, numerator, denominator, extra: Extra::new() })
});

object!(ValueKind -> ValueEntry, &["indicator", "female", "male", "total", "numerator", "denominator", "stated", "note", "cells"], |seed, map, field| {
    let mut indicator = None;
    let mut v = ValueEntry::default();
    while let Some(i) = field(&mut map)? {
        match i {
            0 => indicator = Some(map.next_value_seed(seed.inner::<TextKind>())?),
            1 => split_field(&mut map, seed, &mut v.female)?,
            2 => split_field(&mut map, seed, &mut v.male)?,
            3 => split_field(&mut map, seed, &mut v.total)?,
            4 => v.numerator = map.next_value_seed(seed.inner::<Opt<SplitKind>>())?,
            5 => v.denominator = map.next_value_seed(seed.inner::<Opt<SplitKind>>())?,
            6 => v.stated = map.next_value_seed(seed.inner::<Opt<F64Kind>>())?,
            7 => v.note = map.next_value_seed(seed.inner::<Opt<TextKind>>())?,
            // `null` is no list here (the full reader says so).
            _ => v.cells = map.next_value_seed(seed.inner::<List<CellKind>>())?,
        }
    }
    v.indicator = crate::model::IndicatorId(indicator.ok_or_else(give_up)?);
    Ok(v)
});

object!(ActivityKind -> ActivityResult, &["activity", "status", "outputs", "note"], |seed, map, field| {
    let (mut activity, mut status, mut outputs, mut note) = (None, None, Vec::new(), None);
    while let Some(i) = field(&mut map)? {
        match i {
            0 => activity = Some(map.next_value_seed(seed.inner::<TextKind>())?),
            1 => status = Some(map.next_value_seed(seed.inner::<WordKind<ActivityStatus>>())?),
            2 => outputs = map.next_value_seed(seed.inner::<List<ValueKind>>())?,
            _ => note = map.next_value_seed(seed.inner::<Opt<TextKind>>())?,
        }
    }
    Ok(ActivityResult {
        activity: crate::model::ActivityId(activity.ok_or_else(give_up)?),
        status: status.ok_or_else(give_up)?,
        outputs,
        note,
        extra: Extra::new(),
    })
});

object!(FundingKind -> FundingLine, &["source", "planned", "spent"], |seed, map, field| {
    let (mut source, mut planned, mut spent) = (None, None, None);
    while let Some(i) = field(&mut map)? {
        match i {
            0 => source = Some(map.next_value_seed(seed.inner::<TextKind>())?),
            1 => split_field(&mut map, seed, &mut planned)?,
            _ => split_field(&mut map, seed, &mut spent)?,
        }
    }
    let source = crate::model::FundingSourceId(source.ok_or_else(give_up)?);
    Ok(FundingLine { source, planned, spent, extra: Extra::new() })
});

object!(NarrativeKind -> AreaNarrative, &["area", "results", "shortcomings", "next_tasks", "recommendations"], |seed, map, field| {
    let mut area = None;
    let mut n = AreaNarrative::default();
    while let Some(i) = field(&mut map)? {
        let text = seed.inner::<Opt<TextKind>>();
        match i {
            0 => area = Some(map.next_value_seed(seed.inner::<U32Kind>())?),
            1 => n.results = map.next_value_seed(text)?,
            2 => n.shortcomings = map.next_value_seed(text)?,
            3 => n.next_tasks = map.next_value_seed(text)?,
            _ => n.recommendations = map.next_value_seed(text)?,
        }
    }
    n.area = area.ok_or_else(give_up)?;
    Ok(n)
});

object!(PeriodKind -> Period, &["from", "to"], |seed, map, field| {
    let (mut from, mut to) = (None, None);
    while let Some(i) = field(&mut map)? {
        match i {
            0 => from = Some(map.next_value_seed(seed.inner::<DateKind>())?),
            _ => to = Some(map.next_value_seed(seed.inner::<DateKind>())?),
        }
    }
    Ok(Period { from: from.ok_or_else(give_up)?, to: to.ok_or_else(give_up)? })
});

object!(ReportSeed -> Report, &["plan", "unit", "kind", "period", "submitted", "values", "activities", "funding", "notes", "narrative"], |seed, map, field| {
    let (mut plan, mut unit, mut kind, mut period, mut submitted) = (None, None, None, None, None);
    let (mut values, mut activities, mut funding, mut notes, mut narrative) = (None, None, None, None, None);
    while let Some(i) = field(&mut map)? {
        match i {
            0 => plan = Some(map.next_value_seed(seed.inner::<TextKind>())?),
            1 => unit = Some(map.next_value_seed(seed.inner::<TextKind>())?),
            2 => kind = Some(map.next_value_seed(seed.inner::<WordKind<ReportKind>>())?),
            3 => period = Some(map.next_value_seed(seed.inner::<PeriodKind>())?),
            4 => submitted = Some(map.next_value_seed(seed.inner::<DateKind>())?),
            // `null` lists are lists left out, as the full reader takes them.
            5 => values = map.next_value_seed(seed.inner::<Opt<List<ValueKind>>>())?,
            6 => activities = map.next_value_seed(seed.inner::<Opt<List<ActivityKind>>>())?,
            7 => funding = map.next_value_seed(seed.inner::<Opt<List<FundingKind>>>())?,
            8 => notes = map.next_value_seed(seed.inner::<Opt<TextKind>>())?,
            _ => narrative = map.next_value_seed(seed.inner::<Opt<List<NarrativeKind>>>())?,
        }
    }
    Ok(Report {
        plan: plan.ok_or_else(give_up)?,
        unit: crate::model::UnitId(unit.ok_or_else(give_up)?),
        kind: kind.ok_or_else(give_up)?,
        period: period.ok_or_else(give_up)?,
        submitted: submitted.ok_or_else(give_up)?,
        values: values.unwrap_or_default(),
        activities: activities.unwrap_or_default(),
        funding: funding.unwrap_or_default(),
        notes,
        narrative: narrative.unwrap_or_default(),
        extra: Extra::new(),
        positions: crate::model::Positions::default(),
    })
});

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    use super::*;

    /// The full reader alone (the tree, then the typed reading).
    fn full(text: &str, limits: &Limits) -> crate::read::Read<Report> {
        crate::read::parse_then(text, |v| crate::read::report_from_value_with(v, limits))
    }

    /// What the direct reader reads, the full reader reads the same, with no
    /// finding; and the full reader's finding-free reports are what it reads
    /// (`taken`: whether it took the text, for the caller to count).
    fn same(text: &str, limits: &Limits) -> bool {
        let slow = full(text, limits);
        match report(text, limits) {
            Some(fast) => {
                assert!(
                    slow.findings.is_empty(),
                    "direct read a text the full reader has findings for: {text}\n{:?}",
                    slow.findings
                );
                assert_eq!(Some(&fast), slow.value.as_ref(), "{text}");
                true
            }
            None => false,
        }
    }

    fn reports_of_vectors() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance");
        let mut out = Vec::new();
        for dir in std::fs::read_dir(&root).unwrap() {
            let dir = dir.unwrap().path();
            if !dir.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&dir).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_none_or(|e| e != "json") {
                    continue;
                }
                let v: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
                for key in ["report", "report_text"] {
                    match v.get(key) {
                        Some(Value::String(s)) => out.push(s.clone()),
                        Some(r @ Value::Object(_)) => out.push(r.to_string()),
                        _ => {}
                    }
                }
                for key in ["reports", "reports_as_text"] {
                    for r in v.get(key).and_then(Value::as_array).into_iter().flatten() {
                        out.push(r.as_str().map_or_else(|| r.to_string(), str::to_string));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_vector_s_report_reads_the_same_both_ways() {
        let texts = reports_of_vectors();
        let limits = Limits::default();
        let taken = texts.iter().filter(|t| same(t, &limits)).count();
        // Most vectors are about a problem; the clean ones go the fast way.
        assert!(texts.len() > 150 && taken > 40, "{taken} of {} read directly", texts.len());
    }

    #[test]
    fn generated_reports_all_go_the_fast_way() {
        let s = crate::sample::generate(crate::sample::Scale::Province);
        for t in &s.reports {
            assert!(same(t, &Limits::default()), "gave up on a generated report");
        }
    }

    #[test]
    fn limits_hold_on_the_fast_way_too() {
        let s = crate::sample::generate(crate::sample::Scale::Province);
        let t = &s.reports[0];
        let slow = full(t, &Limits::default());
        let r = slow.value.unwrap();
        let nodes = |n| Limits { max_nodes: n, ..Limits::default() };
        let values = Limits { max_values: r.values.len() - 1, ..Limits::default() };
        let depth = Limits { max_depth: 3, ..Limits::default() };
        for limits in [nodes(10), values, depth] {
            assert!(report(t, &limits).is_none());
            assert!(!full(t, &limits).findings.is_empty());
        }
    }

    /// A clean report, then one change a person or a host could make.
    fn mutated() -> impl Strategy<Value = String> {
        let base = json!({
            "plan": "01/KH-BVSTBPN", "unit": "105", "kind": "six_month",
            "period": {"from": "2023-12-15", "to": "2024-06-14"}, "submitted": "2024-06-04",
            "values": [
                {"indicator": "a", "female": 1, "male": 2, "total": 3},
                {"indicator": "p", "numerator": {"female": 1, "total": 2}, "denominator": {"total": 4}, "stated": 50.0, "note": "x"},
                {"indicator": "c", "total": 5, "cells": [{"by": {"age": "0-15"}, "total": 5}]}
            ],
            "activities": [{"activity": "3.2", "status": "done", "outputs": [{"indicator": "o", "total": 1}], "note": "n"}],
            "funding": [{"source": "nsdp", "planned": 10, "spent": 5}],
            "notes": "ghi chú", "narrative": [{"area": 1, "results": "Kết quả"}]
        });
        // Places in the report and what to put there.
        let places: Vec<&'static str> = vec![
            "",
            "/plan",
            "/unit",
            "/kind",
            "/period",
            "/period/from",
            "/submitted",
            "/values",
            "/values/0",
            "/values/0/female",
            "/values/0/indicator",
            "/values/1/numerator",
            "/values/1/numerator/female",
            "/values/1/stated",
            "/values/1/note",
            "/values/2/cells",
            "/values/2/cells/0/by",
            "/values/2/cells/0/by/age",
            "/activities",
            "/activities/0/status",
            "/activities/0/outputs",
            "/activities/0/outputs/0/total",
            "/funding/0/planned",
            "/notes",
            "/narrative",
            "/narrative/0/area",
            "/narrative/0/results",
        ];
        let things = vec![
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(1.5),
            json!(7.0),
            json!(1e300),
            json!(9007199254740992u64),
            json!("text"),
            json!("Ca\u{0300}"),
            json!("2024-13-01"),
            json!("04/06/2024"),
            json!([]),
            json!({}),
            json!({"extra": 1}),
            json!("annual"),
            json!("cancelled"),
        ];
        (proptest::sample::select(places), proptest::sample::select(things), any::<bool>()).prop_map(
            move |(at, thing, add)| {
                let mut r = base.clone();
                if add && !at.is_empty() {
                    // A field that is not in the model, beside the place.
                    if let Some(Value::Object(m)) = r.pointer_mut(at.rsplit_once('/').map_or("", |x| x.0)) {
                        m.insert("lạ".to_string(), thing);
                    }
                } else if let Some(slot) = r.pointer_mut(at) {
                    *slot = thing;
                }
                r.to_string()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn direct_reads_what_the_full_reader_reads(text in mutated()) {
            same(&text, &Limits::default());
        }

        /// Text cut anywhere, or with a character doubled: whatever the direct
        /// reader takes, the full reader takes the same.
        #[test]
        fn broken_text_is_never_taken_differently(cut in 0usize..400, dup in any::<bool>()) {
            let s = crate::sample::generate(crate::sample::Scale::Values(40));
            let t = &s.reports[0];
            let at = cut.min(t.len());
            let text = if dup && t.is_char_boundary(at) {
                let (a, b) = t.split_at(at);
                format!("{a}{}{b}", b.chars().next().map(String::from).unwrap_or_default())
            } else {
                t.get(..at).unwrap_or(t).to_string()
            };
            same(&text, &Limits::default());
        }
    }
}
