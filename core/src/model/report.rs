//! The report (báo cáo) a unit sends for one schedule entry.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ActivityId, Cell, Count, Date, Extra, FundingSourceId, IndicatorId, UnitId};
use crate::calendar::{Period, ReportKind};

/// Female, male and total of one quantity. Any part may be left out (not reported).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SexSplit {
    /// Nữ. Left out or null: not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub female: Option<Count>,
    /// Nam. Left out or null: not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub male: Option<Count>,
    /// Tổng số. Left out or null: not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Count>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl SexSplit {
    /// Whether nothing at all is reported.
    pub fn is_empty(&self) -> bool {
        self.female.is_none() && self.male.is_none() && self.total.is_none()
    }
    /// The total, stated or (when only the split is given) female + male.
    pub fn effective_total(&self) -> Option<Count> {
        match (self.total, self.female, self.male) {
            (Some(t), _, _) => Some(t),
            (None, Some(f), Some(m)) => f.checked_add(m),
            _ => None,
        }
    }
}

/// One indicator's value in a report.
///
/// Counts and money: `female`, `male`, `total`. Percents, ratios and rates:
/// `numerator` and `denominator`, each possibly split by sex, and optionally
/// the figure the unit `stated`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValueEntry {
    /// The indicator's id.
    pub indicator: IndicatorId,
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
    /// The percent, ratio or rate as the unit wrote it; checked against numerator ÷ denominator.
    /// For indicators that do not add up (survey figures), the value itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Breakdowns beyond sex: cells keyed by options of the indicator's
    /// dimensions, and any margins the unit states (see [`Cell`]). The
    /// value's own fields are the margin of every cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<Cell>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ValueEntry {
    /// The count part as a split (female, male, total).
    pub fn counts(&self) -> SexSplit {
        SexSplit { female: self.female, male: self.male, total: self.total, extra: Extra::new() }
    }
    /// Whether the entry reports nothing at all (no field, no cell with a figure).
    pub fn is_empty(&self) -> bool {
        self.own_is_empty() && self.cells.iter().all(Cell::is_empty)
    }
    /// Whether the entry's own fields (the margin of its cells) are all left out.
    pub fn own_is_empty(&self) -> bool {
        self.counts().is_empty()
            && self.numerator.as_ref().is_none_or(SexSplit::is_empty)
            && self.denominator.as_ref().is_none_or(SexSplit::is_empty)
            && self.stated.is_none()
    }
}

/// How far an activity has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ActivityStatus {
    /// Chưa triển khai.
    NotStarted,
    /// Đang triển khai.
    InProgress,
    /// Đã hoàn thành.
    Done,
    /// Không thực hiện (cancelled or dropped).
    Cancelled,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 4] =
        [ActivityStatus::NotStarted, ActivityStatus::InProgress, ActivityStatus::Done, ActivityStatus::Cancelled];
}

/// What a unit did on one activity of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityResult {
    pub activity: ActivityId,
    pub status: ActivityStatus,
    /// Output figures of this activity (classes held, people reached...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<ValueEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Money by source, in whole đồng.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundingLine {
    pub source: FundingSourceId,
    /// Dự toán (planned), whole đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Count>,
    /// Đã chi (spent), whole đồng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Count>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A section of a report's narrative, as the reporting outline has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum NarrativeSection {
    /// Kết quả đạt được.
    Results,
    /// Tồn tại, hạn chế và nguyên nhân.
    Shortcomings,
    /// Nhiệm vụ trọng tâm kỳ tới.
    NextTasks,
    /// Kiến nghị, đề xuất.
    Recommendations,
}

impl NarrativeSection {
    /// In the outline's order.
    pub const ALL: [NarrativeSection; 4] = [
        NarrativeSection::Results,
        NarrativeSection::Shortcomings,
        NarrativeSection::NextTasks,
        NarrativeSection::Recommendations,
    ];

    /// Its name in a report (`results`, `next_tasks`...), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            NarrativeSection::Results => "results",
            NarrativeSection::Shortcomings => "shortcomings",
            NarrativeSection::NextTasks => "next_tasks",
            NarrativeSection::Recommendations => "recommendations",
        }
    }
}

/// What a unit wrote on one content area of the plan: the outline's
/// sections, as text. A section left out (or only blanks) is not written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AreaNarrative {
    /// The content area's number in the plan (`1` to `7` in the Lai Châu plan).
    pub area: u32,
    /// Kết quả đạt được.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
    /// Tồn tại, hạn chế và nguyên nhân.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortcomings: Option<String>,
    /// Nhiệm vụ trọng tâm kỳ tới.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tasks: Option<String>,
    /// Kiến nghị, đề xuất.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendations: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AreaNarrative {
    /// A section's text, when it has more than blanks.
    pub fn section(&self, s: NarrativeSection) -> Option<&str> {
        let text = match s {
            NarrativeSection::Results => &self.results,
            NarrativeSection::Shortcomings => &self.shortcomings,
            NarrativeSection::NextTasks => &self.next_tasks,
            NarrativeSection::Recommendations => &self.recommendations,
        };
        text.as_deref().filter(|t| !t.trim().is_empty())
    }
}

/// A unit's report (báo cáo) for one schedule entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Report (báo cáo)")]
pub struct Report {
    /// The number of the plan reported on (`01/KH-BVSTBPN`).
    pub plan: String,
    /// The reporting unit's id.
    pub unit: UnitId,
    pub kind: ReportKind,
    /// The period the data covers (kỳ báo cáo).
    pub period: Period,
    /// Ngày nộp: the date the report was sent.
    pub submitted: Date,
    // The reader takes `null` for these three lists as it takes a list left
    // out (see `read::report_from_value_with`), so the schema accepts it too.
    /// Indicator values: aggregate numbers only, never a person's data.
    #[serde(default)]
    #[schemars(with = "Option<Vec<ValueEntry>>")]
    pub values: Vec<ValueEntry>,
    /// What was done on the plan's activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<ActivityResult>>")]
    pub activities: Vec<ActivityResult>,
    /// Money by source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<FundingLine>>")]
    pub funding: Vec<FundingLine>,
    /// Free text: difficulties, proposals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What the unit wrote on the plan's content areas, by the outline's
    /// sections (docs/reports.md, "Narrative"): what the province's
    /// consolidated report quotes, named by unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Option<Vec<AreaNarrative>>")]
    pub narrative: Vec<AreaNarrative>,
    #[serde(flatten)]
    pub extra: Extra,
    /// Where the elements stood in the input, when the reader left unreadable
    /// ones out. Not part of the JSON form.
    #[serde(skip)]
    pub positions: Positions,
}

/// Where a report's array elements stood in the input.
///
/// The reader leaves an unreadable value out of the typed report (it has its
/// own `malformed` finding); the positions keep every later finding pointing
/// at the field the person typed, not at a shifted index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Positions {
    /// For each typed element of `values`, its index in the input; empty: the same index.
    pub values: Vec<usize>,
    pub activities: Vec<usize>,
    pub funding: Vec<usize>,
    /// Some values could not be read, so absence proves nothing (no `missing_required`).
    pub values_incomplete: bool,
    /// For a report read from an Excel form: JSON Pointer → the cell it came
    /// from (`'Chỉ tiêu'!F12`); every finding gets its cell from here. Only
    /// with the `excel` feature: the WebAssembly module does not carry it.
    #[cfg(feature = "excel")]
    pub cells: std::collections::BTreeMap<String, String>,
}

impl Positions {
    fn at(list: &[usize], i: usize) -> usize {
        list.get(i).copied().unwrap_or(i)
    }
    pub fn value(&self, i: usize) -> usize {
        Positions::at(&self.values, i)
    }
    pub fn activity(&self, i: usize) -> usize {
        Positions::at(&self.activities, i)
    }
    pub fn funding(&self, i: usize) -> usize {
        Positions::at(&self.funding, i)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::NarrativeSection;

    /// `code()` is the name serde reads and writes, for every section.
    #[test]
    fn a_section_s_code_is_its_serde_name() {
        for s in NarrativeSection::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }
}
