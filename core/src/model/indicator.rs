//! Indicators (chỉ tiêu): what is measured, how it adds up, and its targets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Extra, IndicatorId};

/// What an indicator measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Measure {
    /// A number of people, events or cases: reported as female, male, total.
    Count,
    /// A percent: numerator ÷ denominator × 100.
    Percent,
    /// A ratio: numerator ÷ denominator (women's care hours over men's).
    Ratio,
    /// A rate per `per`: numerator ÷ denominator × per (deaths per 100,000 births).
    Rate {
        /// The base of the rate: 100 for boys per 100 girls, 100000 for maternal deaths.
        #[serde(deserialize_with = "crate::model::exact_u64")]
        per: u64,
    },
    /// A sum of money in whole đồng (VND).
    Money,
}

impl Measure {
    /// Whether values come as numerator and denominator.
    pub fn is_fraction(self) -> bool {
        matches!(self, Measure::Percent | Measure::Ratio | Measure::Rate { .. })
    }
    /// The smallest and (if any) largest figure this measure can take: a
    /// percent 0–100, anything else from 0 up.
    pub fn range(self) -> (f64, Option<f64>) {
        match self {
            Measure::Percent => (0.0, Some(100.0)),
            Measure::Count | Measure::Money | Measure::Ratio | Measure::Rate { .. } => (0.0, None),
        }
    }
    /// The factor that turns numerator ÷ denominator into the stated figure.
    pub fn scale(self) -> f64 {
        match self {
            Measure::Percent => 100.0,
            Measure::Rate { per } => per as f64,
            Measure::Ratio | Measure::Count | Measure::Money => 1.0,
        }
    }
}

/// How values of units add up to their parent's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Counts and money: the parent's value is the sum of its children's.
    Sum,
    /// Percents, ratios, rates: numerators and denominators are summed, then
    /// divided. Never the mean of the children's percents.
    RatioOfSums,
    /// Survey figures and the like: not added up across units.
    NotAdditive,
}

/// Whether a value adds up over time or is a level at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Temporal {
    /// Adds up over the period (classes held): an annual value is at least the six-month one.
    Flow,
    /// A level at a date (share of women leaders): the latest value in a period stands.
    Stock,
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Direction {
    /// Achieved when the value is at least the target (≥).
    AtLeast,
    /// Achieved when the value is at most the target (≤).
    AtMost,
    /// Achieved when the value is strictly below the target (<).
    Below,
}

impl Direction {
    /// Whether `value` meets `target` in this direction.
    pub fn achieved(self, value: f64, target: f64) -> bool {
        match self {
            Direction::AtLeast => value >= target,
            Direction::AtMost => value <= target,
            Direction::Below => value < target,
        }
    }
}

/// A target value for one year, with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The year by which the target applies (2025, 2030).
    pub year: i32,
    /// The target value, in the indicator's own unit (percent points, times, per N).
    pub value: f64,
    /// When this year's target points the other way from the indicator's
    /// usual direction ("below 42" after "42 at most").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The source says "about" (khoảng) this value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// The legal document that sets the target (`28/NQ-CP`).
    pub source: String,
    /// `false` where the value was seen only in a secondary source: check the official text.
    pub confirmed: bool,
    /// What to know about the value (wording not confirmed, applies per agency...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An indicator (chỉ tiêu).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// Stable id, used in reports (`nq28-mt1`, `training_participants`).
    pub id: IndicatorId,
    /// Vietnamese name, as on the officers' forms.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    #[serde(deserialize_with = "crate::model::object_only")]
    pub measure: Measure,
    /// Whether values must be split into female and male.
    pub by_sex: bool,
    pub aggregation: Aggregation,
    pub temporal: Temporal,
    pub direction: Direction,
    /// What one unit of the value is, in Vietnamese (`%`, `người`, `đồng`).
    pub unit_vi: String,
    /// The same in English (`%`, `people`, `VND`).
    pub unit_en: String,
    /// Targets by year, with their sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// Where the indicator is defined (a decision, a guidance letter, or the plan).
    pub source: String,
    /// UN SDG series code, where one matches (`IC_GEN_MGTL`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdg_series: Option<String>,
    /// Counts that may name a person (victims, cases of violence): a
    /// published summary withholds their small counts and every cell that
    /// would give one away.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sensitive: bool,
    /// Breakdowns beyond sex: the dimensions (of the plan or the catalogue)
    /// a value of this indicator is broken down by, in cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<super::Breakdown>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Indicator {
    /// The fields a value of this indicator takes (in a report's `values` or
    /// an activity's `outputs`); any other field with a number in it is a
    /// `field_not_for_measure` finding, since it would reach no total.
    ///
    /// - not additive (survey figures): `stated` only;
    /// - percents, ratios, rates: `numerator`, `denominator` (and `stated`, checked against them);
    /// - money: `total`, and `female`/`male` only when the indicator is split by sex;
    /// - counts: `female`, `male`, `total`.
    pub fn value_fields(&self) -> &'static [&'static str] {
        if self.aggregation == Aggregation::NotAdditive {
            &["stated"]
        } else if self.measure.is_fraction() {
            &["numerator", "denominator", "stated"]
        } else if self.measure == Measure::Money && !self.by_sex {
            &["total"]
        } else {
            &["female", "male", "total"]
        }
    }

    /// The target for `year`, if the indicator has one.
    pub fn target(&self, year: i32) -> Option<&Target> {
        self.targets.iter().find(|t| t.year == year)
    }
}
