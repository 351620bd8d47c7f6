//! Breakdowns beyond sex (phân tổ): dimensions with coded options, how an
//! indicator is broken down, and the cells a value carries.
//!
//! Sex keeps its short form (`female`, `male`, `total` on every value and
//! cell); every other dimension (age group, ethnicity, residence,
//! administrative level, or one a plan adds) is a list of options, some of
//! which may be grouped (each ethnic group into "ethnic minorities"). A cell
//! is keyed by one option (or group) of some of the indicator's dimensions;
//! a cell keyed by fewer dimensions than another is its margin, and the
//! value's own fields are the margin of everything.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Count, Extra, SexSplit};

/// A cell's key: dimension id → option (or group) code.
pub type CellKey = BTreeMap<String, String>;

/// One option of a dimension (an age band, an ethnic group, urban).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DimensionOption {
    /// The code cells use (`01`, `lt16`, `urban`).
    pub code: String,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
    /// Age bands: the first age in the band, in whole years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    /// Age bands: the last age in the band, in whole years (inclusive); left
    /// out: and over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    /// `false` where the code was seen only in a secondary source: check the official list.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub confirmed: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Options added up under one code (the ethnic minorities: every group but Kinh).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OptionGroup {
    /// The group's code, used in cells as an option's is (`dtts`).
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// The codes of the options it adds up.
    pub members: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A dimension values can be broken down by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Dimension {
    /// Stable id, used in cells (`age`, `ethnicity`, `residence`, `level`).
    pub id: String,
    pub name_vi: String,
    pub name_en: String,
    /// The options, each counted once: a cell of every option adds up to the whole.
    pub options: Vec<DimensionOption>,
    /// Groups of options, which cells may use as margins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<OptionGroup>,
    /// Where the codes come from (a decision, a form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Dimension {
    /// The option or group with this code.
    pub fn knows(&self, code: &str) -> bool {
        self.options.iter().any(|o| o.code == code) || self.groups.iter().any(|g| g.code == code)
    }
    /// The group with this code.
    pub fn group(&self, code: &str) -> Option<&OptionGroup> {
        self.groups.iter().find(|g| g.code == code)
    }
    /// The name of an option or group in a language (`vi` or `en`).
    pub fn name_of(&self, code: &str, vi: bool) -> Option<&str> {
        self.options
            .iter()
            .map(|o| (&o.code, &o.name_vi, &o.name_en))
            .chain(self.groups.iter().map(|g| (&g.code, &g.name_vi, &g.name_en)))
            .find(|(c, _, _)| c.as_str() == code)
            .map(|(_, v, e)| if vi { v.as_str() } else { e.as_str() })
    }
}

/// How an indicator is broken down along one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Breakdown {
    /// The dimension's id.
    pub dimension: String,
    /// The options (or groups) a complete breakdown has, which add up to the
    /// whole; left out: every option of the dimension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Whether a report must give it (`breakdown_missing`, `breakdown_incomplete`).
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub required: bool,
}

/// One cell of a value broken down: its key, and the value's own fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// Dimension id → option or group code (`{"age": "0-15", "residence": "rural"}`).
    pub by: CellKey,
    /// Nữ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub female: Option<Count>,
    /// Nam.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub male: Option<Count>,
    /// Tổng số.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
    /// Tử số, for percents, ratios and rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<SexSplit>,
    /// Mẫu số, for percents, ratios and rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<SexSplit>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Cell {
    /// The count part as a split (female, male, total).
    pub fn counts(&self) -> SexSplit {
        SexSplit { female: self.female, male: self.male, total: self.total, extra: Extra::new() }
    }
    /// Whether the cell reports nothing at all.
    pub fn is_empty(&self) -> bool {
        self.counts().is_empty()
            && self.numerator.as_ref().is_none_or(SexSplit::is_empty)
            && self.denominator.as_ref().is_none_or(SexSplit::is_empty)
    }
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_yes(b: &bool) -> bool {
    *b
}
