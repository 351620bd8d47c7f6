//! What Kotlin and Swift see of the core types (the `uniffi` feature, for
//! `bindings/mobile`).
//!
//! **Key decision: one definition.** The records and enums of the core
//! (`Finding`, `Code`, `Summary`, `Tables`...) carry their uniffi derives
//! where they are defined, so the Kotlin and Swift types are generated from
//! them and cannot drift. This module holds only what uniffi has no form for:
//! the core's dates, counts, ids and sizes, its ordered maps, the JSON values
//! of a finding's context, and the JSON text a host passes in. How each looks
//! in Kotlin and Swift (a `java.time.LocalDate`, a `String`) is set in
//! `core/uniffi.toml`.

use std::collections::{BTreeMap, HashMap};

use crate::api::HostText;
use crate::calendar::Timeliness;
use crate::model::{ActivityId, ActivityStatus, Count, Date, FundingSourceId, IndicatorId, UnitId};
use crate::workflow::{ReportEvent, Standing};

type Error = uniffi::deps::anyhow::Error;

/// A calendar date, `YYYY-MM-DD` across the FFI (Kotlin: `java.time.LocalDate`).
pub type IsoDate = Date;

uniffi::custom_type!(IsoDate, String, {
    lower: |date| date.iso(),
    try_lift: |text| Ok(crate::calendar::parse_iso(&text)?),
});

uniffi::custom_type!(Count, u64, {
    lower: |count| count.get(),
    try_lift: |n| Count::new(n).ok_or_else(|| Error::msg(format!("past 2^53 - 1: {n}"))),
});

uniffi::custom_newtype!(UnitId, String);
uniffi::custom_newtype!(IndicatorId, String);
uniffi::custom_newtype!(ActivityId, String);
uniffi::custom_newtype!(FundingSourceId, String);

/// A size or a place in a list (a report's index in its batch, a limit):
/// Rust's `usize`, 64 bits across the FFI.
pub type Usize = usize;

uniffi::custom_type!(Usize, u64, {
    remote,
    lower: |n| u64::try_from(n).unwrap_or(u64::MAX),
    try_lift: |n| Ok(usize::try_from(n)?),
});

/// The values a finding involves, by name (`expected`, `actual`, `problem`...).
pub type Context = BTreeMap<String, serde_json::Value>;

uniffi::custom_type!(Context, HashMap<String, JsonValue>, {
    remote,
    lower: |map| map.into_iter().map(|(k, v)| (k, JsonValue::from(v))).collect(),
    try_lift: |map| Ok(map.into_iter().map(|(k, v)| (k, serde_json::Value::from(v))).collect()),
});

/// A cell's key (dimension id → option code): a map of strings.
pub type CellKey = crate::model::CellKey;

uniffi::custom_type!(CellKey, HashMap<String, String>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// The units of a schedule entry by where their report stands.
pub type UnitsByTimeliness = BTreeMap<Timeliness, Vec<UnitId>>;

uniffi::custom_type!(UnitsByTimeliness, HashMap<Timeliness, Vec<UnitId>>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// The expected units of a schedule entry by the state of their report.
pub type UnitsByState = BTreeMap<crate::workflow::State, Vec<UnitId>>;

uniffi::custom_type!(UnitsByState, HashMap<crate::workflow::State, Vec<UnitId>>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// How many units reported each status of an activity.
pub type StatusCounts = BTreeMap<ActivityStatus, u32>;

uniffi::custom_type!(StatusCounts, HashMap<ActivityStatus, u32>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// JSON text (a plan, a report) as a host holds it. Across the FFI: the
/// UTF-16 code units of the host's string, little-endian, so that half of a
/// surrogate pair reaches the reader and becomes a `malformed` finding
/// (uniffi's own strings refuse it in Kotlin). Kotlin and Swift see a `String`.
pub type JsonText = HostText;

uniffi::custom_type!(JsonText, Vec<u8>, {
    lower: |text| text.utf16().into_iter().flat_map(u16::to_le_bytes).collect(),
    try_lift: |bytes| {
        let units = bytes.chunks_exact(2);
        if !units.remainder().is_empty() {
            return Err(Error::msg("UTF-16 text of an odd number of bytes"));
        }
        Ok(HostText::from_utf16(units.map(|u| <[u8; 2]>::try_from(u).map_or(0xFFFD, u16::from_le_bytes))))
    },
});

/// A filled Excel form as read (the `excel` feature; `readWorkbook`): the
/// report as JSON text, as `loadReport` gives it (`null` when no report can
/// be used), and the findings of reading it, each naming its cell
/// (`context["cell"]`, `'Chỉ tiêu'!F12`). The form across the FFI of the
/// core's `Read<Report>`, whose report has no uniffi form (a report crosses
/// as JSON text everywhere).
#[cfg(feature = "excel")]
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct FilledForm {
    pub report: Option<String>,
    pub findings: Vec<crate::Finding>,
}

/// What a host stores of the workflow, as JSON text: a standing goes into
/// the next step (`"standing": ...`), an event is appended to the log that
/// `replay` and `aggregate` read. The core's own JSON form (serde), so the
/// host writes no field by hand.
#[uniffi::export]
impl Standing {
    /// The standing as JSON text, as a step's `standing` takes it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[uniffi::export]
impl ReportEvent {
    /// The event as JSON text: one entry of the log.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A JSON value, as a finding's context holds them.
#[derive(Clone, Debug, PartialEq, uniffi::Enum)]
pub enum JsonValue {
    Null,
    Bool {
        value: bool,
    },
    /// A whole number: every count, index, limit and byte offset.
    Integer {
        value: i64,
    },
    /// A whole number past 2^63 − 1 (a sum that overflowed can be one).
    Unsigned {
        value: u64,
    },
    /// Any other number (a percent, a ratio): one written with a fraction or an exponent.
    Number {
        value: f64,
    },
    Text {
        value: String,
    },
    Array {
        items: Vec<JsonValue>,
    },
    Object {
        fields: HashMap<String, JsonValue>,
    },
}

impl From<serde_json::Value> for JsonValue {
    fn from(value: serde_json::Value) -> JsonValue {
        use serde_json::Value;
        match value {
            Value::Null => JsonValue::Null,
            Value::Bool(value) => JsonValue::Bool { value },
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(value), _) => JsonValue::Integer { value },
                (None, Some(value)) => JsonValue::Unsigned { value },
                (None, None) => JsonValue::Number { value: n.as_f64().unwrap_or(f64::NAN) },
            },
            Value::String(value) => JsonValue::Text { value },
            Value::Array(items) => JsonValue::Array { items: items.into_iter().map(JsonValue::from).collect() },
            Value::Object(map) => {
                JsonValue::Object { fields: map.into_iter().map(|(k, v)| (k, JsonValue::from(v))).collect() }
            }
        }
    }
}

impl From<JsonValue> for serde_json::Value {
    fn from(value: JsonValue) -> serde_json::Value {
        use serde_json::Value;
        match value {
            JsonValue::Null => Value::Null,
            JsonValue::Bool { value } => Value::Bool(value),
            JsonValue::Integer { value } => value.into(),
            JsonValue::Unsigned { value } => value.into(),
            // JSON has no NaN or infinity: null, as serde_json writes them.
            JsonValue::Number { value } => serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number),
            JsonValue::Text { value } => Value::String(value),
            JsonValue::Array { items } => Value::Array(items.into_iter().map(Value::from).collect()),
            JsonValue::Object { fields } => {
                // In name order, as serde_json keeps an object.
                let sorted: BTreeMap<String, JsonValue> = fields.into_iter().collect();
                Value::Object(sorted.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn a_json_value_crosses_and_comes_back_the_same() {
        let v: serde_json::Value = serde_json::json!({
            "problem": "lone_surrogate", "byte": 12, "big": u64::MAX, "share": 0.25,
            "neg": -3, "ok": true, "none": null, "list": [1, "a", [2.5]], "nested": {"b": 1, "a": 2}
        });
        let back = serde_json::Value::from(JsonValue::from(v.clone()));
        assert_eq!(back, v);
        assert_eq!(JsonValue::from(serde_json::json!(u64::MAX)), JsonValue::Unsigned { value: u64::MAX });
        assert_eq!(JsonValue::from(serde_json::json!(5.0)), JsonValue::Number { value: 5.0 });
    }
}
