//! Small value types shared by plans and reports: dates, counts, ids.
//!
//! The reader (`crate::read`) reads them with typed problems; their serde
//! `Deserialize` serves Rust hosts that hold already checked JSON.

use std::borrow::Cow;
use std::fmt;
use std::num::NonZeroU64;

use chrono::{Datelike, NaiveDate};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// The largest count or amount binhdang accepts: 2^53 − 1.
///
/// Every runtime that binhdang serves (JavaScript above all) represents this
/// integer exactly, so the same report gives the same totals everywhere.
pub const MAX_COUNT: u64 = 9_007_199_254_740_991;

/// A calendar date, written `YYYY-MM-DD` in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Builds a date, or `None` when it does not exist (30 February).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u32 {
        self.0.month()
    }
    pub fn day(self) -> u32 {
        self.0.day()
    }
    /// The calendar day at `unix_seconds` in a time zone `offset_hours` east
    /// of UTC (Vietnam: 7). Hosts pass their clock; the library reads none.
    pub fn from_unix_seconds(unix_seconds: i64, offset_hours: i64) -> Option<Date> {
        let days = unix_seconds.checked_add(offset_hours.checked_mul(3600)?)?.div_euclid(86_400);
        NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::try_days(days)?).map(Date)
    }
    /// ISO form, as in JSON: `2024-04-24`.
    pub fn iso(self) -> String {
        // Plain formatting rather than chrono's strftime engine, which would
        // weigh on the WebAssembly module for one fixed pattern.
        format!("{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Digits written in place: a country's tables hold millions of dates,
        // and `iso` allocates and formats each.
        let (y, m, d) = (self.year(), self.month(), self.day());
        let Some(y) = u32::try_from(y).ok().filter(|y| *y <= 9999) else { return s.serialize_str(&self.iso()) };
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ];
        match std::str::from_utf8(&text) {
            Ok(text) => s.serialize_str(text),
            Err(_) => s.serialize_str(&self.iso()),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                crate::calendar::parse_iso(s).map_err(|_| E::custom(format!("not a date YYYY-MM-DD: {s}")))
            }
        }
        d.deserialize_str(V)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD (ISO 8601)."
        })
    }
}

/// A whole number of people, events, cases or đồng, from 0 to 2^53 − 1.
///
/// Counts are never fractions and never negative; a value that is not
/// reported is left out (or `null`), never written as 0.
///
/// Held as the count plus one, which never is zero: an `Option<Count>`
/// then takes 8 bytes instead of 16, and a report's values, a summary's
/// figures and the sums behind them hold several of them each (a third
/// of a country's values in memory). The order is the counts' order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(NonZeroU64);

impl Count {
    pub const ZERO: Count = Count(NonZeroU64::MIN);
    /// A count, or `None` past [`MAX_COUNT`].
    pub fn new(n: u64) -> Option<Count> {
        // MAX_COUNT + 1 cannot wrap, and n + 1 is never zero.
        if n <= MAX_COUNT {
            NonZeroU64::new(n + 1).map(Count)
        } else {
            None
        }
    }
    pub fn get(self) -> u64 {
        self.0.get() - 1
    }
    /// Exact addition; `None` instead of passing [`MAX_COUNT`].
    pub fn checked_add(self, other: Count) -> Option<Count> {
        self.get().checked_add(other.get()).and_then(Count::new)
    }
}

impl Default for Count {
    fn default() -> Count {
        Count::ZERO
    }
}

impl fmt::Debug for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Count").field(&self.get()).finish()
    }
}

/// Reads a whole number from 0 to [`MAX_COUNT`] as a count is read. For
/// the numbers of a plan that Rust holds as `u64` (a rate's base, rule
/// thresholds): past 2^53 − 1 JavaScript would read another number, so
/// they stop where counts stop, as the schemas say.
pub(crate) fn exact_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Count::deserialize(d).map(Count::get)
}

/// Reads a `T` only from a JSON object. serde fills an internally tagged
/// enum from an array too (`"measure": ["rate", 100000]`, tag first), which
/// no person means and the JSON Schemas refuse.
pub(crate) fn object_only<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("object")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.get())
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.get())
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number from 0")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Count, E> {
                Count::new(n).ok_or_else(|| E::custom(format!("past 2^53 - 1: {n}")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Count, E> {
                match u64::try_from(n) {
                    Ok(n) => self.visit_u64(n),
                    Err(_) => Err(E::custom(format!("negative: {n}"))),
                }
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Count, E> {
                if x < 0.0 {
                    Err(E::custom(format!("negative: {x}")))
                } else if x.fract() == 0.0 && x > MAX_COUNT as f64 {
                    Err(E::custom(format!("past 2^53 - 1: {x}")))
                } else {
                    Err(E::custom(format!("not a whole number: {x}")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Count {
    fn schema_name() -> Cow<'static, str> {
        "Count".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_COUNT,
            "description": "A whole number (people, events, cases, or đồng), 0 to 2^53 − 1. Left out or null means not reported; 0 is a reported zero."
        })
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

id_type!(
    /// A unit's id: its official administrative code where it has one
    /// (province `12`, district `105`), a slug otherwise (`so-ldtbxh`).
    UnitId
);
id_type!(
    /// An indicator's id, from the built-in catalogue (`nq28-mt1`) or the plan.
    IndicatorId
);
id_type!(
    /// An activity's id within its plan (`3.2`).
    ActivityId
);
id_type!(
    /// A funding source's id within its plan (`ngan-sach-dia-phuong`).
    FundingSourceId
);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use proptest::prelude::*;

    use super::{Count, Date, MAX_COUNT};

    proptest! {
        /// A date is written as its ISO form, in place or not: years with
        /// fewer digits, past 9999 and before year 0 included.
        #[test]
        fn a_date_is_written_as_its_iso_form(year in -20_000i32..20_000, month in 1u32..=12, day in 1u32..=31) {
            if let Some(date) = Date::from_ymd(year, month, day) {
                prop_assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{}\"", date.iso()));
            }
        }
    }

    proptest! {
        /// A count held as itself plus one reads back, orders, reads from
        /// JSON and writes as the number it is, to 2^53 − 1 and not past it.
        #[test]
        fn a_count_is_the_number_it_holds(a in prop_oneof![0..1000u64, (MAX_COUNT - 1000)..=u64::MAX], b in 0..=MAX_COUNT) {
            let count = Count::new(a);
            prop_assert_eq!(count.is_some(), a <= MAX_COUNT);
            prop_assert_eq!(serde_json::from_str::<Count>(&a.to_string()).ok(), count);
            let (Some(x), Some(y)) = (count, Count::new(b)) else { return Ok(()) };
            prop_assert_eq!(x.get(), a);
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.checked_add(y).map(Count::get), a.checked_add(b).filter(|s| *s <= MAX_COUNT));
            prop_assert_eq!(serde_json::to_string(&x).unwrap(), a.to_string());
            prop_assert_eq!(format!("{x}"), a.to_string());
        }
    }

    #[test]
    fn an_unreported_count_takes_no_room_of_its_own() {
        assert_eq!(std::mem::size_of::<Option<Count>>(), 8);
        assert_eq!(Count::default(), Count::ZERO);
        assert_eq!(Count::ZERO.get(), 0);
    }

    #[test]
    fn common_dates_are_written_in_place() {
        let date = Date::from_ymd(2024, 6, 5).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2024-06-05\"");
        assert_eq!(serde_json::to_string(&Date::from_ymd(7, 1, 31).unwrap()).unwrap(), "\"0007-01-31\"");
    }
}
