//! The built-in catalogue: national targets and the usual output indicators.
//!
//! Every target carries the document that sets it (Resolution 28/NQ-CP,
//! Decisions 2282/QĐ-TTg and 1790/QĐ-TTg) and a `confirmed` flag: `false` where the value was
//! seen only in a secondary source, so a user knows which targets still need
//! the official text. The milestone MT5.2 (gender content in curricula from
//! 2025) is a yes/no and is left out: it cannot be added up or compared.
//!
//! Written as Rust rather than loaded from a file, so that building the
//! catalogue cannot fail at run time; and as a table of constants read by
//! one loop, because code of its own for each indicator was 7.7 kB of
//! every WebAssembly module (0.9 kB gzipped).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Aggregation, Direction, Extra, Indicator, IndicatorId, Measure, Target, Temporal};

/// The indicators binhdang knows without a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Catalogue of indicators (danh mục chỉ tiêu)")]
pub struct Catalog {
    /// Every indicator, national targets first, then output indicators.
    pub indicators: Vec<Indicator>,
    /// The dimensions values can be broken down by beyond sex (age group,
    /// ethnicity, residence, administrative level); a plan adds its own.
    #[serde(default)]
    pub dimensions: Vec<crate::model::Dimension>,
}

const NQ28: &str = "Nghị quyết 28/NQ-CP ngày 03/3/2021 (Chiến lược quốc gia về bình đẳng giới 2021–2030)";
const QD2282: &str = "Quyết định 2282/QĐ-TTg ngày 31/12/2020";
const QD1790: &str = "Quyết định 1790/QĐ-TTg ngày 23/10/2021";
const OUTPUT: &str = "Chỉ tiêu đầu ra của kế hoạch năm về bình đẳng giới và vì sự tiến bộ của phụ nữ";

/// A target as the table writes it: its year is its place in the
/// indicator's pair (2025, then 2030), its source its indicator's.
#[derive(Clone, Copy)]
struct T {
    value: f64,
    confirmed: bool,
    approximate: bool,
    direction: Option<Direction>,
    note: Option<&'static str>,
}

const fn target(value: f64, confirmed: bool) -> T {
    T { value, confirmed, approximate: false, direction: None, note: None }
}

/// One indicator of the catalogue, as constants.
#[derive(Clone, Copy)]
struct Def {
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    measure: Measure,
    by_sex: bool,
    aggregation: Aggregation,
    temporal: Temporal,
    direction: Direction,
    unit: (&'static str, &'static str),
    source: &'static str,
    sdg: Option<&'static str>,
    /// The 2025 and 2030 targets, in that order, where it has them.
    targets: Option<[T; 2]>,
    sensitive: bool,
    /// Breakdowns a unit may give (not required: a plan that needs them
    /// defines the indicator with required ones).
    breakdowns: &'static [&'static str],
}

// One line per target in the catalogue reads better than a builder here.
#[allow(clippy::too_many_arguments)]
const fn percent(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    direction: Direction,
    source: &'static str,
    t2025: f64,
    t2030: f64,
    confirmed: bool,
) -> Def {
    Def {
        id,
        vi,
        en,
        measure: Measure::Percent,
        by_sex: false,
        aggregation: Aggregation::RatioOfSums,
        temporal: Temporal::Stock,
        direction,
        unit: ("%", "%"),
        source,
        sdg: None,
        targets: Some([target(t2025, confirmed), target(t2030, confirmed)]),
        sensitive: false,
        breakdowns: &[],
    }
}

const fn output(
    id: &'static str,
    vi: &'static str,
    en: &'static str,
    by_sex: bool,
    unit: (&'static str, &'static str),
) -> Def {
    Def {
        id,
        vi,
        en,
        measure: Measure::Count,
        by_sex,
        aggregation: Aggregation::Sum,
        temporal: Temporal::Flow,
        direction: Direction::AtLeast,
        unit,
        source: OUTPUT,
        sdg: None,
        targets: None,
        sensitive: false,
        breakdowns: &[],
    }
}

impl Def {
    fn build(&self) -> Indicator {
        let target = |(year, t): (i32, &T)| Target {
            year,
            value: t.value,
            direction: t.direction,
            approximate: t.approximate,
            source: self.source.to_string(),
            confirmed: t.confirmed,
            note: t.note.map(str::to_string),
        };
        Indicator {
            id: IndicatorId(self.id.to_string()),
            name_vi: self.vi.to_string(),
            name_en: self.en.to_string(),
            measure: self.measure,
            by_sex: self.by_sex,
            aggregation: self.aggregation,
            temporal: self.temporal,
            direction: self.direction,
            unit_vi: self.unit.0.to_string(),
            unit_en: self.unit.1.to_string(),
            targets: self
                .targets
                .iter()
                .flat_map(|[t2025, t2030]| [(2025, t2025), (2030, t2030)])
                .map(target)
                .collect(),
            source: self.source.to_string(),
            sdg_series: self.sdg.map(str::to_string),
            sensitive: self.sensitive,
            breakdowns: self
                .breakdowns
                .iter()
                .map(|d| crate::model::Breakdown { dimension: d.to_string(), options: Vec::new(), required: false })
                .collect(),
            extra: Extra::new(),
        }
    }
    const fn sdg(self, code: &'static str) -> Def {
        Def { sdg: Some(code), ..self }
    }
    const fn optional_breakdowns(self, dimensions: &'static [&'static str]) -> Def {
        Def { breakdowns: dimensions, ..self }
    }
    /// Counts of victims or cases: see [`Indicator::sensitive`].
    const fn sensitive(self) -> Def {
        Def { sensitive: true, ..self }
    }
    const fn by_sex(self) -> Def {
        Def { by_sex: true, ..self }
    }
    /// The target of `year` changed.
    const fn with_target(self, year: Year, change: Change) -> Def {
        let Some([t2025, t2030]) = self.targets else { return self };
        let targets = match year {
            Year::Y2025 => [change.apply(t2025), t2030],
            Year::Y2030 => [t2025, change.apply(t2030)],
        };
        Def { targets: Some(targets), ..self }
    }
}

/// The two years of the national targets.
#[derive(Clone, Copy)]
enum Year {
    Y2025,
    Y2030,
}

/// What [`Def::with_target`] changes in a target.
#[derive(Clone, Copy)]
enum Change {
    Approximate,
    Direction(Direction),
    Note(&'static str),
}

impl Change {
    const fn apply(self, t: T) -> T {
        match self {
            Change::Approximate => T { approximate: true, ..t },
            Change::Direction(d) => T { direction: Some(d), ..t },
            Change::Note(note) => T { note: Some(note), ..t },
        }
    }
}

/// The catalogue's indicators: national targets first, then output indicators.
static DEFS: &[Def] = {
    use Direction::*;
    &[
        percent("nq28-mt1", "Tỷ lệ cơ quan quản lý nhà nước, chính quyền địa phương các cấp có lãnh đạo chủ chốt là nữ", "Share of state-management agencies and local governments with a woman among key leaders", AtLeast, NQ28, 60.0, 75.0, true),
        percent("nq28-mt2-1", "Tỷ lệ lao động nữ làm công hưởng lương", "Share of employed women who are wage workers", AtLeast, NQ28, 50.0, 60.0, true)
            .with_target(Year::Y2030, Change::Approximate),
        percent("nq28-mt2-2", "Tỷ lệ lao động nữ làm việc trong khu vực nông nghiệp trong tổng số lao động nữ có việc làm", "Share of employed women working in agriculture", Below, NQ28, 30.0, 25.0, true),
        percent("nq28-mt2-3", "Tỷ lệ nữ giám đốc/chủ doanh nghiệp, hợp tác xã", "Share of enterprise and cooperative directors or owners who are women", AtLeast, NQ28, 27.0, 30.0, true),
        Def {
            id: "nq28-mt3-1",
            vi: "Số giờ trung bình làm công việc nội trợ và chăm sóc không được trả công của phụ nữ so với nam giới",
            en: "Women's unpaid housework and care hours as a multiple of men's",
            measure: Measure::Ratio,
            by_sex: false,
            aggregation: Aggregation::NotAdditive,
            temporal: Temporal::Stock,
            direction: AtMost,
            unit: ("lần", "times"),
            source: NQ28,
            sdg: Some("SL_DOM_TSPD"),
            targets: Some([target(1.7, true), target(1.4, true)]),
            sensitive: false,
            breakdowns: &[],
        },
        percent("nq28-mt3-2a", "Tỷ lệ nạn nhân bị bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện được tiếp cận ít nhất một trong các dịch vụ hỗ trợ cơ bản", "Share of detected victims of domestic or gender-based violence who reach at least one basic support service", AtLeast, NQ28, 80.0, 90.0, true).sensitive(),
        percent("nq28-mt3-2b", "Tỷ lệ người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện (không bị truy cứu trách nhiệm hình sự) được tư vấn tại cơ sở tư vấn", "Share of detected perpetrators, not prosecuted, who receive counselling", AtLeast, NQ28, 50.0, 70.0, true).sensitive(),
        percent("nq28-mt3-3", "Tỷ lệ nạn nhân bị mua bán trở về có nhu cầu được hỗ trợ và tiếp cận các dịch vụ hỗ trợ, tái hòa nhập cộng đồng", "Share of returned trafficking victims in need who receive support and reintegration services", AtLeast, NQ28, 100.0, 100.0, true).sensitive(),
        percent("nq28-mt3-4", "Tỷ lệ cơ sở trợ giúp xã hội công lập tổ chức triển khai các hoạt động hỗ trợ, tư vấn, phòng ngừa, ứng phó với bạo lực trên cơ sở giới", "Share of public social-assistance facilities running GBV support, prevention and response", AtLeast, NQ28, 70.0, 100.0, true),
        Def {
            id: "nq28-mt4-1",
            vi: "Tỷ số giới tính khi sinh",
            en: "Sex ratio at birth",
            measure: Measure::Rate { per: 100 },
            by_sex: false,
            aggregation: Aggregation::RatioOfSums,
            temporal: Temporal::Flow,
            direction: AtMost,
            unit: ("bé trai/100 bé gái", "boys per 100 girls"),
            source: NQ28,
            sdg: None,
            targets: Some([target(111.0, true), target(109.0, true)]),
            sensitive: false,
            breakdowns: &[],
        }
        .with_target(Year::Y2025, Change::Note("Values confirmed; the exact verb (\"dưới\" or \"không vượt quá\") is not confirmed against the official text."))
        .with_target(Year::Y2030, Change::Note("Values confirmed; the exact verb (\"dưới\" or \"không vượt quá\") is not confirmed against the official text.")),
        Def {
            id: "nq28-mt4-2",
            vi: "Tỷ số tử vong mẹ trên 100.000 trẻ đẻ sống",
            en: "Maternal mortality ratio per 100,000 live births",
            measure: Measure::Rate { per: 100_000 },
            by_sex: false,
            aggregation: Aggregation::RatioOfSums,
            temporal: Temporal::Flow,
            direction: AtMost,
            unit: ("/100.000 trẻ đẻ sống", "per 100,000 live births"),
            source: NQ28,
            sdg: Some("SH_STA_MMR"),
            targets: Some([target(42.0, true), target(42.0, true)]),
            sensitive: false,
            breakdowns: &[],
        }
        .with_target(Year::Y2030, Change::Direction(Below)),
        percent("nq28-mt5-1", "Tỷ lệ hoàn thành cấp tiểu học của trẻ em trai và trẻ em gái người dân tộc thiểu số", "Primary completion rate of ethnic-minority boys and girls", AtLeast, NQ28, 90.0, 99.0, false)
            .by_sex()
            .sdg("SE_TOT_CPLR")
            .with_target(Year::Y2030, Change::Approximate),
        percent("nq28-mt6-1", "Tỷ lệ dân số được tiếp cận kiến thức cơ bản về bình đẳng giới", "Share of the population reached with basic knowledge of gender equality", AtLeast, NQ28, 60.0, 80.0, true)
            .by_sex()
            .with_target(Year::Y2025, Change::Note("Formula (reached ÷ population × 100) from Công văn 2792/LĐTBXH-BĐG of 20/8/2021.")),
        percent("qd2282-quy-hoach", "Tỷ lệ nữ trong quy hoạch các chức danh lãnh đạo, quản lý", "Share of women in the leadership planning pool", AtLeast, QD2282, 40.0, 50.0, true),
        percent("qd2282-dao-tao", "Tỷ lệ nữ trong diện quy hoạch được đào tạo, bồi dưỡng", "Share of women in the planning pool who are trained", AtLeast, QD2282, 75.0, 90.0, true),
        Def {
            id: "qd1790-truyen-thong-phap-luat",
            vi: "Số lần truyền thông, phổ biến pháp luật về bình đẳng giới trong năm của mỗi cơ quan, đơn vị",
            en: "Communication sessions on gender-equality law held by each agency in the year",
            measure: Measure::Count,
            by_sex: false,
            aggregation: Aggregation::NotAdditive,
            temporal: Temporal::Flow,
            direction: AtLeast,
            unit: ("lần", "sessions"),
            source: QD1790,
            sdg: None,
            targets: Some([target(2.0, true), target(2.0, true)]),
            sensitive: false,
            breakdowns: &[],
        }
        .with_target(Year::Y2025, Change::Note("Per agency and per year: each unit is held to it, not the sum."))
        .with_target(Year::Y2030, Change::Note("Per agency and per year: each unit is held to it, not the sum.")),
        percent("qd1790-thang-hanh-dong", "Tỷ lệ bộ, ngành, địa phương xây dựng kế hoạch và tổ chức Tháng hành động vì bình đẳng giới hằng năm", "Share of ministries, sectors and localities that plan and run the action month every year", AtLeast, QD1790, 100.0, 100.0, true),
        percent("qd1790-huong-uoc", "Tỷ lệ hương ước, quy ước được thông qua không có nội dung phân biệt đối xử về giới", "Share of community rules passed without gender discrimination", AtLeast, QD1790, 95.0, 100.0, true),
        percent("qd1790-bao-chi", "Tỷ lệ cơ quan báo chí áp dụng bộ chỉ số đánh giá mức độ nhạy cảm giới trong truyền thông", "Share of media agencies using the gender-in-media indicators", AtLeast, QD1790, 70.0, 90.0, true)
            .with_target(Year::Y2025, Change::Note("Pilot stage in 2025.")),
        output("training_classes", "Số lớp tập huấn, bồi dưỡng đã tổ chức", "Training classes held", false, ("lớp", "classes")),
        output("training_participants", "Số lượt người tham gia tập huấn, bồi dưỡng", "Training participants", true, ("lượt người", "people")),
        output("communication_events", "Số cuộc truyền thông, tuyên truyền đã tổ chức", "Communication events held", false, ("cuộc", "events")),
        output("people_reached", "Số lượt người được truyền thông, tuyên truyền", "People reached by communication", true, ("lượt người", "people")),
        output("inspections", "Số cuộc kiểm tra công tác bình đẳng giới", "Inspections of gender-equality work", false, ("cuộc", "inspections")),
        output("violence_cases_handled", "Số vụ bạo lực đối với phụ nữ và trẻ em gái được phát hiện, xử lý", "Cases of violence against women and girls detected and handled", false, ("vụ", "cases")).sensitive().optional_breakdowns(&["residence"]),
        output("victims_supported", "Số nạn nhân bị bạo lực được hỗ trợ", "Victims of violence supported", true, ("người", "people")).sensitive().optional_breakdowns(&["age", "residence"]),
        Def { measure: Measure::Money, ..output("funds_spent", "Kinh phí đã chi cho hoạt động bình đẳng giới", "Money spent on gender-equality work", false, ("đồng", "VND")) },
    ]
};

impl Catalog {
    /// The built-in catalogue.
    pub fn builtin() -> Catalog {
        Catalog { indicators: DEFS.iter().map(Def::build).collect(), dimensions: crate::dimensions::builtin() }
    }

    pub fn get(&self, id: &IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| &i.id == id)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_a_source_and_ids_are_unique() {
        let c = Catalog::builtin();
        let mut ids: Vec<_> = c.indicators.iter().map(|i| i.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), c.indicators.len());
        for i in &c.indicators {
            for t in &i.targets {
                assert!(!t.source.is_empty(), "{}", i.id);
            }
        }
    }

    #[test]
    fn facts_md_values_and_flags() {
        let c = Catalog::builtin();
        let get = |id: &str| c.get(&IndicatorId::from(id)).unwrap();
        assert_eq!(get("nq28-mt1").target(2025).unwrap().value, 60.0);
        assert_eq!(get("nq28-mt1").target(2030).unwrap().value, 75.0);
        assert_eq!(get("nq28-mt2-2").direction, Direction::Below);
        assert_eq!(get("nq28-mt4-2").target(2030).unwrap().direction, Some(Direction::Below));
        assert!(get("nq28-mt2-1").target(2030).unwrap().approximate);
        // MT5.1 is seen only in an English summary: not confirmed.
        assert!(!get("nq28-mt5-1").target(2025).unwrap().confirmed);
        assert_eq!(get("nq28-mt4-2").measure, Measure::Rate { per: 100_000 });
        assert_eq!(get("qd2282-quy-hoach").target(2025).unwrap().value, 40.0);
        assert_eq!(get("qd1790-huong-uoc").target(2025).unwrap().value, 95.0);
        assert!(get("training_participants").by_sex);
        assert_eq!(get("funds_spent").measure, Measure::Money);
        // A change to one year's target leaves the other's as it was.
        let note = |id: &str, year| get(id).target(year).unwrap().note.clone();
        assert_eq!(note("qd1790-bao-chi", 2025).as_deref(), Some("Pilot stage in 2025."));
        assert_eq!(note("qd1790-bao-chi", 2030), None);
        assert!(!get("nq28-mt2-1").target(2025).unwrap().approximate);
        assert_eq!(get("nq28-mt4-2").target(2025).unwrap().direction, None);
        assert!(note("nq28-mt4-1", 2025).is_some() && note("nq28-mt4-1", 2030).is_some());
    }

    #[test]
    fn targets_are_for_2025_then_2030_from_their_indicators_source() {
        for i in &Catalog::builtin().indicators {
            let years: Vec<i32> = i.targets.iter().map(|t| t.year).collect();
            assert!(years.is_empty() || years == [2025, 2030], "{}: {years:?}", i.id);
            assert!(i.targets.iter().all(|t| t.source == i.source), "{}", i.id);
        }
    }
}

/// Looks indicators up in a plan first, then in a catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Lookup<'a> {
    pub plan: &'a crate::model::Plan,
    pub catalog: &'a Catalog,
}

impl<'a> Lookup<'a> {
    pub fn new(plan: &'a crate::model::Plan, catalog: &'a Catalog) -> Self {
        Lookup { plan, catalog }
    }
    /// The indicator with `id`, the plan's own definition winning.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&'a Indicator> {
        self.plan.indicator(id).or_else(|| self.catalog.get(id))
    }
    /// The dimension with `id`, the plan's own definition winning.
    pub fn dimension(&self, id: &str) -> Option<&'a crate::model::Dimension> {
        self.plan.dimensions.iter().find(|d| d.id == id).or_else(|| self.catalog.dimensions.iter().find(|d| d.id == id))
    }
    /// The target for `id` in `year`: the plan's own first, then the indicator's.
    pub fn target(&self, id: &IndicatorId, year: i32) -> Option<&'a Target> {
        self.plan
            .targets
            .iter()
            .find(|t| &t.indicator == id && t.target.year == year && t.unit.is_none())
            .map(|t| &t.target)
            .or_else(|| self.indicator(id).and_then(|i| i.target(year)))
    }
}
