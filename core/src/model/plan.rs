//! The plan (kế hoạch): what a province will do in a year, and how units report on it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ActivityId, Date, Extra, FundingSourceId, Indicator, IndicatorId, Target, Unit, UnitId};
use crate::calendar::{Period, ScheduleEntry};
use crate::finding::RuleSettings;

/// The kind of a legal document a plan cites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalKind {
    /// Luật (law).
    Luat,
    /// Nghị quyết (resolution, of the Party or the Government).
    NghiQuyet,
    /// Nghị định (decree).
    NghiDinh,
    /// Quyết định (decision).
    QuyetDinh,
    /// Chỉ thị (directive).
    ChiThi,
    /// Kế hoạch (plan).
    KeHoach,
    /// Công văn (official letter).
    CongVan,
}

/// A legal basis (căn cứ) the plan cites.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LegalBasis {
    pub kind: LegalKind,
    /// The document's number as printed (`1415/KH-UBND`); absent where the plan cites it by name only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Who issued it (`UBND tỉnh Lai Châu`, `Chính phủ`).
    pub issuer: String,
    /// The date of issue, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Its title or subject, in Vietnamese.
    pub title: String,
    /// How sure we are of a number or date the plan itself does not print.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A time window inside the year (an action month).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Window {
    pub from: Date,
    pub to: Date,
    /// What the window is (`Tháng hành động quốc gia về phòng, chống bạo lực gia đình`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One activity (hoạt động) of a content area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Activity {
    /// Id within the plan: content area number, dot, activity number (`3.2`).
    pub id: ActivityId,
    /// What is to be done, in the plan's own words.
    pub description: String,
    /// The lead unit (đơn vị chủ trì).
    pub lead: UnitId,
    /// Cooperating units (đơn vị phối hợp).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<UnitId>,
    /// Programmes, projects or documents the activity carries out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<String>,
    /// When the activity takes place, if the plan says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Indicators that measure the activity's output.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorId>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A content area (nội dung) of section II.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContentArea {
    /// Its number in the plan (1 to 7 in the Lai Châu plan).
    pub number: u32,
    /// Its heading, in Vietnamese.
    pub title: String,
    /// Its heading in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub activities: Vec<Activity>,
}

/// A funding source (nguồn kinh phí) of section III.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FundingSource {
    pub id: FundingSourceId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
}

/// Who does what (section IV.1–2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    /// The units the duties fall on.
    pub units: Vec<UnitId>,
    /// The duties, one sentence each, in the plan's words.
    pub duties: Vec<String>,
}

/// The reporting regime (section IV.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reporting {
    /// The units that must report.
    pub units: Vec<UnitId>,
    /// What is due, for which period, by when.
    pub schedule: Vec<ScheduleEntry>,
    /// Indicators every report should carry; absent ones give `missing_required`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_indicators: Vec<IndicatorId>,
    /// Narrative sections every report must write, for each content area it
    /// writes on (and a report that writes on none must write on one);
    /// absent ones give `narrative_missing`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_sections: Vec<super::NarrativeSection>,
    /// The plan's own sentence on reporting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The unit that reviews the reports: it returns, accepts, locks and
    /// reopens them (the plan's standing agency, cơ quan thường trực). Left
    /// out: the plan's issuer. See docs/workflow.md.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<UnitId>,
}

impl Reporting {
    /// The schedule entry of `kind` whose period is exactly `period`.
    pub fn entry_for(&self, kind: crate::calendar::ReportKind, period: &Period) -> Option<&ScheduleEntry> {
        self.schedule.iter().find(|e| e.kind == kind && e.period == *period)
    }
}

/// The signer (section "TRƯỞNG BAN").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    pub name: String,
    /// Titles as printed, top first (`TRƯỞNG BAN`, `PHÓ CHỦ TỊCH UBND TỈNH`).
    pub titles: Vec<String>,
}

/// A local target a plan sets for an indicator, on top of the national ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanTarget {
    pub indicator: IndicatorId,
    /// A unit's own target (a district's, a commune's); left out: the
    /// province's. Progress is reported for each unit that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    #[serde(flatten)]
    pub target: Target,
}

/// A plan for gender equality and the advancement of women (kế hoạch).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Plan (kế hoạch)")]
pub struct Plan {
    /// The plan's number as printed (`01/KH-BVSTBPN`); reports cite it.
    pub number: String,
    /// The issuing unit's id.
    pub issuer: UnitId,
    /// Where it was signed (`Lai Châu`).
    pub place: String,
    /// When it was signed.
    pub date: Date,
    /// The year the plan covers.
    pub year: i32,
    /// The title, in Vietnamese.
    pub title: String,
    /// Documents the plan carries out or cites.
    pub legal_bases: Vec<LegalBasis>,
    /// Section I: purposes and requirements.
    pub purposes: Vec<String>,
    /// Section II: content areas and their activities.
    pub content_areas: Vec<ContentArea>,
    /// Section III: funding sources.
    pub funding_sources: Vec<FundingSource>,
    /// Section IV.1–2: who implements what.
    pub roles: Vec<Role>,
    /// Section IV.3: who reports, when, on what.
    pub reporting: Reporting,
    /// Recipients (nơi nhận), as printed.
    pub recipients: Vec<String>,
    pub signer: Signer,
    /// The units the plan refers to: a tree (or several, over time) with validity dates.
    pub units: Vec<Unit>,
    /// Indicators of the plan's own, beside the built-in catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// Local targets for catalogue or plan indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<PlanTarget>,
    /// Dimensions of the plan's own (or replacing the catalogue's of the
    /// same id: the plan's age bands), for indicators' breakdowns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<super::Dimension>,
    /// How strictly reports are checked: severities and thresholds.
    #[serde(default, skip_serializing_if = "RuleSettings::is_default")]
    pub rules: RuleSettings,
    #[serde(flatten)]
    pub extra: Extra,
    /// Where each unit and indicator sits: derived, built on first use.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) index: PlanIndex,
}

/// Id → position in `Plan::units` and `Plan::indicators`, so that finding a
/// report's unit costs the same in a province of 50 units and a country of
/// 3,400 (a scan made aggregation grow with the square of the number of
/// communes). Derived data: plans compare equal whatever their index holds.
#[derive(Clone, Default)]
pub struct PlanIndex(std::sync::OnceLock<Places>);

#[derive(Clone, Debug, Default)]
struct Places {
    // Keyed by the ids' text: one map type for both, one copy of its code.
    units: std::collections::BTreeMap<String, usize>,
    indicators: std::collections::BTreeMap<String, usize>,
    /// Position in `Plan::reporting.units`: whether a unit is expected to
    /// report is asked of every report (a scan of a country's 3,300 ids).
    expected: std::collections::BTreeMap<String, usize>,
}

/// The first item of `list` whose id is `id`: at its place in `index` when
/// the list has not changed there since the index was built, else by a scan.
fn placed<'a, T>(
    index: &std::collections::BTreeMap<String, usize>,
    list: &'a [T],
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Option<&'a T> {
    match index.get(id).and_then(|i| list.get(*i)) {
        Some(x) if id_of(x) == id => Some(x),
        _ => list.iter().find(|x| id_of(x) == id),
    }
}

impl PartialEq for PlanIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for PlanIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanIndex")
    }
}

impl Plan {
    fn places(&self) -> &Places {
        self.index.0.get_or_init(|| {
            let mut p = Places::default();
            // The first of duplicate ids, as a scan would find it.
            for (i, u) in self.units.iter().enumerate() {
                p.units.entry(u.id.as_str().to_string()).or_insert(i);
            }
            for (i, x) in self.indicators.iter().enumerate() {
                p.indicators.entry(x.id.as_str().to_string()).or_insert(i);
            }
            for (i, u) in self.reporting.units.iter().enumerate() {
                p.expected.entry(u.as_str().to_string()).or_insert(i);
            }
            p
        })
    }

    // `units` and `indicators` are public and may change after the index is
    // built: a hit is checked, and a miss (rare: an id the plan does not
    // know) falls back to the scan.
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        placed(&self.places().units, &self.units, id.as_str(), |u| u.id.as_str())
    }

    /// Whether `id` is among the units expected to report
    /// (`reporting.units`).
    pub fn expects(&self, id: &UnitId) -> bool {
        placed(&self.places().expected, &self.reporting.units, id.as_str(), UnitId::as_str).is_some()
    }

    /// The plan's own indicator with `id`.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&Indicator> {
        placed(&self.places().indicators, &self.indicators, id.as_str(), |x| x.id.as_str())
    }
    /// The unit that reviews the reports: `reporting.reviewer`, or the issuer.
    pub fn reviewer(&self) -> &UnitId {
        self.reporting.reviewer.as_ref().unwrap_or(&self.issuer)
    }
    pub fn activities(&self) -> impl Iterator<Item = (&ContentArea, &Activity)> {
        self.content_areas.iter().flat_map(|a| a.activities.iter().map(move |x| (a, x)))
    }
    pub fn activity(&self, id: &ActivityId) -> Option<(&ContentArea, &Activity)> {
        self.activities().find(|(_, a)| &a.id == id)
    }
}
