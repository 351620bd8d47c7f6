//! Units: the tree of bodies that issue, carry out and report on a plan.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Extra, UnitId};

/// What kind of body a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam.
    NationalCommittee,
    /// A ministry (Bộ), e.g. the Ministry of Home Affairs since 2025.
    Ministry,
    /// The province itself (tỉnh): the root of a provincial tree.
    Province,
    /// The provincial committee for the advancement of women (Ban VSTBPN tỉnh).
    ProvincialCommittee,
    /// The committee's standing agency (cơ quan thường trực).
    StandingAgency,
    /// A department or sector of the province (sở, ban, ngành).
    Department,
    /// A mass organisation (đoàn thể): Women's Union, Youth Union...
    MassOrganisation,
    /// A district-level unit (huyện, thành phố thuộc tỉnh), until 30/6/2025.
    District,
    /// A commune or ward (xã, phường, thị trấn).
    Commune,
}

/// One body in the unit tree.
///
/// Units carry validity dates because Vietnam's map changes: Lai Châu's
/// districts end on 30/6/2025 and its 38 communes and wards begin on 1/7/2025.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The official administrative code where one exists, a slug otherwise.
    pub id: UnitId,
    /// Vietnamese name, with diacritics (compared after NFC normalisation).
    pub name: String,
    /// English name, where useful.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub kind: UnitKind,
    /// Official administrative code (Decision 124/2004/QĐ-TTg list), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The unit above this one now (or when the unit ended); `None` for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<UnitId>,
    /// Parents the unit had before a reform, oldest first: a commune that was
    /// under a district until 30/6/2025 and is under the province since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_parents: Vec<EarlierParent>,
    /// First day the unit exists; `None`: since before any plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<Date>,
    /// Last day the unit exists; `None`: still exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<Date>,
    /// Units this one replaced (a merged commune lists the old ones).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub successor_of: Vec<UnitId>,
    /// What to know about the unit (a spelling not yet checked against the resolution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A parent a unit had until a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EarlierParent {
    pub parent: UnitId,
    /// The last day this parent applied.
    pub until: Date,
}

impl Unit {
    /// The unit's parent on `day`.
    pub fn parent_on(&self, day: Date) -> Option<&UnitId> {
        self.earlier_parents.iter().find(|p| day <= p.until).map(|p| &p.parent).or(self.parent.as_ref())
    }
    /// Whether the unit exists on some day of `period`.
    pub fn valid_during(&self, period: &crate::calendar::Period) -> bool {
        self.valid_from.is_none_or(|f| f <= period.to) && self.valid_to.is_none_or(|t| period.from <= t)
    }

    /// Whether the unit exists on `day`.
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }
}
