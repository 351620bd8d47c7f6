//! The summary as people read it: a tidy CSV for pandas and Excel, and a
//! text table in Vietnamese or English for a terminal.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::aggregate::{Figure, PeriodSummary, ProgressStatus, Summary};
use crate::calendar::{format_vi_short, ReportKind, Timeliness};
use crate::catalog::{Catalog, Lookup};
use crate::model::{
    ActivityId, ActivityStatus, CellKey, Count, Date, Direction, FundingSourceId, IndicatorId, Plan, UnitId,
};
use crate::validate::Status;

/// The language of text output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Tiếng Việt (the default: the officers' language).
    #[default]
    Vi,
    En,
}

/// One row of the tidy figures table: a schedule entry, a unit, an indicator, a sex.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FigureRow {
    pub entry: String,
    pub kind: ReportKind,
    pub period_from: Date,
    pub period_to: Date,
    pub unit: UnitId,
    pub unit_name: String,
    pub indicator: IndicatorId,
    /// The cell of a breakdown beyond sex (dimension id → option or group
    /// code; in CSV and pandas, a column per dimension); empty: the
    /// indicator's own figure.
    #[serde(default, skip_serializing_if = "CellKey::is_empty")]
    pub by: CellKey,
    /// SDMX sex code: `F`, `M` or `_T` (total).
    pub sex: String,
    /// The count, or the percent/ratio/rate computed from numerator and denominator.
    pub value: Option<f64>,
    pub numerator: Option<Count>,
    pub denominator: Option<Count>,
    pub reports: u32,
    /// Withheld in a published summary: a small count of violence cases or
    /// victims, or a cell that would give one away. `value` is then empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
    /// The sum passed 2^53 − 1: `value` is empty, and an `overflow` finding
    /// of the summary names the figure.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
}

/// One expected unit's standing for one schedule entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CompletenessRow {
    pub entry: String,
    pub kind: ReportKind,
    pub unit: UnitId,
    pub unit_name: String,
    pub timeliness: Timeliness,
    /// Received, but rejected for an error.
    pub rejected: bool,
}

/// One indicator against one target year, for one schedule entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProgressRow {
    pub entry: String,
    pub indicator: IndicatorId,
    /// The unit whose own target this is (empty: the province's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitId>,
    pub name_vi: String,
    pub name_en: String,
    pub year: i32,
    pub target: f64,
    pub direction: Direction,
    pub value: Option<f64>,
    pub status: ProgressStatus,
    pub gap: Option<f64>,
    pub confirmed: bool,
    pub source: String,
}

/// Money of one funding source for one schedule entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FundingRow {
    pub entry: String,
    pub source: FundingSourceId,
    pub source_name: String,
    pub planned: Option<Count>,
    pub spent: Option<Count>,
    pub reports: u32,
}

/// How many units reported one status for one activity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActivityRow {
    pub entry: String,
    pub area: u32,
    pub activity: ActivityId,
    pub status: ActivityStatus,
    pub units: u32,
}

/// One row of an activity's outputs, added up over the province: the
/// activity, then the figure row (its `unit` is the root).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OutputRow {
    pub area: u32,
    pub activity: ActivityId,
    #[serde(flatten)]
    pub figure: FigureRow,
}

/// The summary as tidy tables: what pandas, Excel and a portal's grid read directly.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Tables (bảng tổng hợp)")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Tables {
    pub figures: Vec<FigureRow>,
    pub completeness: Vec<CompletenessRow>,
    pub progress: Vec<ProgressRow>,
    pub funding: Vec<FundingRow>,
    pub activities: Vec<ActivityRow>,
    /// Activities' outputs by indicator and sex.
    #[serde(default)]
    pub outputs: Vec<OutputRow>,
}

/// The figures table of [`tables`], made row by row as it is serialized (a
/// list of [`FigureRow`]s): a host that turns it into columns never holds
/// every row at once (793,440 rows, over 300 MB, for a country).
pub struct FigureRows<'a> {
    summary: &'a Summary,
    plan: &'a Plan,
}

impl<'a> FigureRows<'a> {
    pub fn new(summary: &'a Summary, plan: &'a Plan) -> FigureRows<'a> {
        FigureRows { summary, plan }
    }
    /// The rows, in the order of [`Tables::figures`].
    pub fn rows(&self) -> impl Iterator<Item = FigureRow> + 'a {
        let plan = self.plan;
        self.summary.periods.iter().flat_map(move |p| p.figures.iter().flat_map(move |f| figure_rows(p, f, plan)))
    }
}

impl Serialize for FigureRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.rows())
    }
}

fn unit_name(plan: &Plan, id: &UnitId) -> String {
    plan.unit(id).map(|u| u.name.clone()).unwrap_or_default()
}

/// A figure's rows, one per sex (SDMX `F`, `M`, `_T`); a part not reported has no row.
fn figure_rows(p: &PeriodSummary, f: &Figure, plan: &Plan) -> Vec<FigureRow> {
    let mut rows = Vec::new();
    let over = |part: &str| f.overflow.iter().any(|p| p == part || p.ends_with(&format!("/{part}")));
    // Looked up once for the figure's rows (one per sex).
    let name = unit_name(plan, &f.unit);
    let row = |sex: &str, value: Option<f64>, numerator: Option<Count>, denominator: Option<Count>| FigureRow {
        entry: p.entry.clone(),
        kind: p.kind,
        period_from: p.period.from,
        period_to: p.period.to,
        unit: f.unit.clone(),
        unit_name: name.clone(),
        indicator: f.indicator.clone(),
        by: f.by.clone(),
        sex: sex.to_string(),
        value,
        numerator,
        denominator,
        reports: f.reports,
        suppressed: false,
        overflow: false,
    };
    match (&f.numerator, &f.denominator) {
        (Some(n), Some(d)) => {
            for (sex, nv, dv) in [("F", n.female, d.female), ("M", n.male, d.male), ("_T", n.total, d.total)] {
                let value = match sex {
                    "_T" => f.value,
                    "F" => f.gender.as_ref().and_then(|g| g.female),
                    _ => f.gender.as_ref().and_then(|g| g.male),
                };
                let part = if sex == "_T" {
                    "total"
                } else if sex == "F" {
                    "female"
                } else {
                    "male"
                };
                if over(part) {
                    rows.push(FigureRow { overflow: true, ..row(sex, None, nv, dv) });
                } else if nv.is_some() || dv.is_some() || (sex == "_T" && value.is_some()) {
                    rows.push(row(sex, value, nv, dv));
                }
            }
        }
        _ => {
            for (sex, part, v) in
                [("F", "female", f.counts.female), ("M", "male", f.counts.male), ("_T", "total", f.counts.total)]
            {
                if let Some(v) = v {
                    rows.push(row(sex, Some(v.get() as f64), None, None));
                } else if over(part) {
                    rows.push(FigureRow { overflow: true, ..row(sex, None, None, None) });
                }
            }
            // A non-additive figure with only a stated value.
            if f.counts.total.is_none() && f.counts.female.is_none() && f.value.is_some() {
                rows.push(row("_T", f.value, None, None));
            }
        }
    }
    rows
}

/// The summary as tidy tables. Figures: one row per schedule entry, unit,
/// indicator and sex (SDMX `F`, `M`, `_T`); a part not reported has no row.
pub fn tables(summary: &Summary, plan: &Plan, catalog: &Catalog) -> Tables {
    let lookup = Lookup::new(plan, catalog);
    let mut t = Tables { figures: FigureRows::new(summary, plan).rows().collect(), ..Tables::default() };
    for p in &summary.periods {
        for area in &p.activities {
            for a in &area.activities {
                for f in &a.outputs {
                    t.outputs.extend(figure_rows(p, f, plan).into_iter().map(|figure| OutputRow {
                        area: area.area,
                        activity: a.activity.clone(),
                        figure,
                    }));
                }
            }
        }
        for (timeliness, units) in &p.completeness.units {
            for u in units {
                t.completeness.push(CompletenessRow {
                    entry: p.entry.clone(),
                    kind: p.kind,
                    unit: u.clone(),
                    unit_name: unit_name(plan, u),
                    timeliness: *timeliness,
                    rejected: p.completeness.rejected.contains(u),
                });
            }
        }
        for g in &p.progress {
            let ind = lookup.indicator(&g.indicator);
            t.progress.push(ProgressRow {
                entry: p.entry.clone(),
                indicator: g.indicator.clone(),
                unit: g.unit.clone(),
                name_vi: ind.map(|i| i.name_vi.clone()).unwrap_or_default(),
                name_en: ind.map(|i| i.name_en.clone()).unwrap_or_default(),
                year: g.year,
                target: g.target,
                direction: g.direction,
                value: g.value,
                status: g.status,
                gap: g.gap,
                confirmed: g.confirmed,
                source: g.source.clone(),
            });
        }
        for f in &p.funding {
            t.funding.push(FundingRow {
                entry: p.entry.clone(),
                source: f.source.clone(),
                source_name: plan
                    .funding_sources
                    .iter()
                    .find(|s| s.id == f.source)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                planned: f.planned,
                spent: f.spent,
                reports: f.reports,
            });
        }
        for area in &p.activities {
            for a in &area.activities {
                for (status, n) in &a.statuses {
                    t.activities.push(ActivityRow {
                        entry: p.entry.clone(),
                        area: area.area,
                        activity: a.activity.clone(),
                        status: *status,
                        units: *n,
                    });
                }
            }
        }
    }
    t
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "entry",
    "kind",
    "period_from",
    "period_to",
    "unit",
    "unit_name",
    "indicator",
    "sex",
    "value",
    "numerator",
    "denominator",
    "reports",
];

/// The figures table as CSV ([`tables`]): what pandas and Excel read directly.
/// An empty cell is "not reported", never 0.
pub fn to_csv(summary: &Summary, plan: &Plan, catalog: &Catalog) -> String {
    figures_csv(&tables(summary, plan, catalog).figures)
}

/// Figure rows as CSV; a withheld cell (see [`crate::publish`]) is empty and
/// marked in the `suppressed` column.
pub fn figures_csv(rows: &[FigureRow]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let cell = |c: Option<Count>| c.map(|c| c.to_string()).unwrap_or_default();
    let any_suppressed = rows.iter().any(|r| r.suppressed);
    let any_overflow = rows.iter().any(|r| r.overflow);
    // A column per dimension of breakdown beyond sex, after `indicator`, in
    // name order; empty in a row that is not such a cell.
    let dims: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.by.keys().map(String::as_str))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    let after = header.iter().position(|c| *c == "indicator").map_or(header.len(), |i| i + 1);
    header.splice(after..after, dims.iter().copied());
    if any_suppressed {
        header.push("suppressed");
    }
    if any_overflow {
        header.push("overflow");
    }
    // The writer only fails on I/O, and a Vec does not fail; fall back to empty text.
    let _ = w.write_record(&header);
    for r in rows {
        let mut record = vec![
            r.entry.clone(),
            serde_plain(&r.kind),
            r.period_from.iso(),
            r.period_to.iso(),
            r.unit.to_string(),
            r.unit_name.clone(),
            r.indicator.to_string(),
            r.sex.clone(),
            r.value.map(fmt_f64).unwrap_or_default(),
            cell(r.numerator),
            cell(r.denominator),
            r.reports.to_string(),
        ];
        record.splice(after..after, dims.iter().map(|d| r.by.get(*d).cloned().unwrap_or_default()));
        if any_suppressed {
            record.push(if r.suppressed { "true".into() } else { String::new() });
        }
        if any_overflow {
            record.push(if r.overflow { "true".into() } else { String::new() });
        }
        let _ = w.write_record(&record);
    }
    w.into_inner().ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default()
}

fn serde_plain<T: Serialize>(t: &T) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A float as text without noise: up to 4 decimals, no trailing zeros.
pub(crate) fn fmt_f64(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Groups digits the way each language does: 1.234.567 (vi), 1,234,567 (en).
pub fn group_digits(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn decimal(x: f64, lang: Lang) -> String {
    let s = format!("{x:.2}");
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

fn lpad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(width - n))
    }
}

struct Words {
    lang: Lang,
}

impl Words {
    fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
    fn date(&self, d: crate::model::Date) -> String {
        match self.lang {
            Lang::Vi => format_vi_short(d),
            Lang::En => d.iso(),
        }
    }
    fn count(&self, c: Option<Count>) -> String {
        c.map(|c| group_digits(c.get(), self.lang)).unwrap_or_else(|| "–".into())
    }
}

fn unit_names(plan: &Plan, ids: &[UnitId]) -> String {
    ids.iter().map(|u| plan.unit(u).map_or_else(|| u.to_string(), |x| x.name.clone())).collect::<Vec<_>>().join(", ")
}

/// The summary as a text table, for a terminal or an e-mail.
pub fn to_text(summary: &Summary, plan: &Plan, catalog: &Catalog, lang: Lang) -> String {
    let w = Words { lang };
    let lookup = Lookup::new(plan, catalog);
    let mut out = String::new();
    let line = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(
        &mut out,
        &format!(
            "{} — {} {} — {} {}",
            w.t("TỔNG HỢP", "SUMMARY"),
            w.t("Kế hoạch", "Plan"),
            summary.plan,
            w.t("tính đến ngày", "as of"),
            w.date(summary.as_of)
        ),
    );
    for p in &summary.periods {
        period_text(&mut out, &w, &lookup, plan, p, summary);
    }
    let (used, superseded, rejected) = summary.accounting.iter().fold((0, 0, 0), |(u, s, r), o| match o.status {
        Status::Used => (u + 1, s, r),
        Status::Superseded => (u, s + 1, r),
        Status::Rejected => (u, s, r + 1),
    });
    line(&mut out, "");
    line(
        &mut out,
        &format!(
            "{}: {} {} — {} {}, {} {}, {} {}.",
            w.t("Đối soát báo cáo", "Accounting"),
            summary.accounting.len(),
            w.t("báo cáo nhận được", "reports received"),
            used,
            w.t("được sử dụng", "used"),
            superseded,
            w.t("bị thay thế", "superseded"),
            rejected,
            w.t("bị loại do có lỗi", "rejected for errors"),
        ),
    );
    for f in &summary.findings {
        line(&mut out, &format!("  ! {}", w.t(&f.message_vi, &f.message_en)));
    }
    out
}

fn period_text(out: &mut String, w: &Words, lookup: &Lookup, plan: &Plan, p: &PeriodSummary, summary: &Summary) {
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(String::new());
    line(format!(
        "== {} ({} {} – {}, {} {}) ==",
        w.t(p.kind.name_vi(), p.kind.name_en()).to_uppercase(),
        w.t("kỳ", "period"),
        w.date(p.period.from),
        w.date(p.period.to),
        w.t("hạn nộp", "due"),
        w.date(p.due)
    ));
    let c = &p.completeness;
    line(format!(
        "{}: {} {}/{} {}; {} {}, {} {}, {} {}, {} {}",
        w.t("Mức độ đầy đủ và tính kịp thời", "Completeness and timeliness"),
        w.t("đã nhận", "received"),
        c.received,
        c.expected,
        w.t("đơn vị", "units"),
        w.t("đúng hạn", "on time"),
        c.on_time,
        w.t("nộp muộn", "late"),
        c.late,
        w.t("chưa nộp", "missing"),
        c.missing,
        w.t("chưa đến hạn", "not yet due"),
        c.not_yet_due
    ));
    for t in [Timeliness::Late, Timeliness::Missing, Timeliness::NotYetDue] {
        if let Some(units) = c.units.get(&t).filter(|u| !u.is_empty()) {
            line(format!("  {}: {}", w.t(t.name_vi(), t.name_en()), unit_names(plan, units)));
        }
    }
    if !c.rejected.is_empty() {
        line(format!(
            "  {}: {}",
            w.t("Báo cáo bị loại do có lỗi", "Rejected for errors"),
            unit_names(plan, &c.rejected)
        ));
    }
    // The workflow's states, when the summary was given its events.
    if let Some(states) = &c.states {
        let counts: Vec<String> =
            states.iter().map(|(s, units)| format!("{} {}", w.t(s.name_vi(), s.name_en()), units.len())).collect();
        line(format!("{}: {}", w.t("Trạng thái báo cáo", "Report states"), counts.join("; ")));
        for (s, units) in states.iter().filter(|(_, u)| !u.is_empty()) {
            line(format!("  {}: {}", w.t(s.name_vi(), s.name_en()), unit_names(plan, units)));
        }
    }

    let root = summary.root.as_ref();
    // Catalogue order (national targets first, then outputs), the plan's own after.
    let rank = |id: &crate::model::IndicatorId| {
        lookup
            .catalog
            .indicators
            .iter()
            .position(|i| &i.id == id)
            .or_else(|| lookup.plan.indicators.iter().position(|i| &i.id == id).map(|n| n.saturating_add(1000)))
            .unwrap_or(usize::MAX)
    };
    let mut root_figures: Vec<(&Figure, &crate::model::Indicator)> = p
        .figures
        .iter()
        .filter(|f| Some(&f.unit) == root && f.by.is_empty())
        .filter_map(|f| lookup.indicator(&f.indicator).map(|i| (f, i)))
        .collect();
    root_figures.sort_by_key(|(f, _)| rank(&f.indicator));
    // The cells of a root figure's breakdowns, each with its label
    // ("└ Dân tộc: Dân tộc thiểu số"), in the figures' order.
    let cells_of = |f: &Figure| -> Vec<(&Figure, String)> {
        // In the order the dimensions list their options, groups after.
        let place = |c: &Figure| -> Vec<usize> {
            c.by.iter()
                .map(|(d, code)| {
                    lookup.dimension(d).map_or(usize::MAX, |dim| {
                        dim.options
                            .iter()
                            .map(|o| &o.code)
                            .chain(dim.groups.iter().map(|g| &g.code))
                            .position(|x| x == code)
                            .unwrap_or(usize::MAX)
                    })
                })
                .collect()
        };
        let mut cells: Vec<&Figure> =
            p.figures.iter().filter(|c| c.unit == f.unit && c.indicator == f.indicator && !c.by.is_empty()).collect();
        cells.sort_by_key(|c| (c.by.len(), c.by.keys().cloned().collect::<Vec<_>>(), place(c)));
        cells
            .into_iter()
            .map(|c| {
                let parts: Vec<String> =
                    c.by.iter()
                        .map(|(d, code)| match lookup.dimension(d) {
                            Some(dim) => format!(
                                "{}: {}",
                                w.t(&dim.name_vi, &dim.name_en),
                                dim.name_of(code, w.lang == Lang::Vi).unwrap_or(code)
                            ),
                            None => format!("{d}: {code}"),
                        })
                        .collect();
                (c, format!("  └ {}", parts.join(", ")))
            })
            .collect()
    };
    let (rates, counts): (Vec<_>, Vec<_>) = root_figures.into_iter().partition(|(_, i)| i.measure.is_fraction());
    if !counts.is_empty() {
        line(String::new());
        line(format!(
            "{}  {}  {}  {}  {}  {}",
            pad(w.t("Chỉ tiêu (toàn tỉnh)", "Indicator (province)"), 48),
            lpad(w.t("Nữ", "Female"), 9),
            lpad(w.t("Nam", "Male"), 9),
            lpad(w.t("Tổng số", "Total"), 13),
            lpad(w.t("Tỷ lệ nữ", "% female"), 9),
            lpad(w.t("Số BC", "Reports"), 7)
        ));
        let rows: Vec<(&Figure, String)> = counts
            .into_iter()
            .flat_map(|(f, ind)| std::iter::once((f, w.t(&ind.name_vi, &ind.name_en).to_string())).chain(cells_of(f)))
            .collect();
        for (f, label) in rows {
            // A part past 2^53 − 1 says so, rather than looking unreported.
            let cell = |c: Option<Count>, part: &str| {
                if f.overflow.iter().any(|p| p == part) {
                    w.t("tràn số", "overflow").to_string()
                } else {
                    w.count(c)
                }
            };
            let share = f
                .gender
                .as_ref()
                .and_then(|g| g.female)
                .map(|x| decimal(x, w.lang) + "%")
                .unwrap_or_else(|| "–".into());
            line(format!(
                "{}  {}  {}  {}  {}  {}",
                pad(&label, 48),
                lpad(&cell(f.counts.female, "female"), 9),
                lpad(&cell(f.counts.male, "male"), 9),
                lpad(&cell(f.counts.total, "total"), 13),
                lpad(&share, 9),
                lpad(&f.reports.to_string(), 7)
            ));
        }
    }
    if !rates.is_empty() {
        line(String::new());
        line(format!(
            "{}  {}  {}  {}  {}",
            pad(w.t("Tỷ lệ, tỷ số (toàn tỉnh)", "Rate or ratio (province)"), 48),
            lpad(w.t("Tử số", "Numerator"), 10),
            lpad(w.t("Mẫu số", "Denominator"), 11),
            lpad(w.t("Giá trị", "Value"), 20),
            lpad(w.t("Số BC", "Reports"), 7)
        ));
        let rows: Vec<(&Figure, &crate::model::Indicator, String)> = rates
            .into_iter()
            .flat_map(|(f, ind)| {
                std::iter::once((f, ind, w.t(&ind.name_vi, &ind.name_en).to_string()))
                    .chain(cells_of(f).into_iter().map(move |(c, label)| (c, ind, label)))
            })
            .collect();
        for (f, ind, label) in rows {
            let value = f
                .value
                .map(|v| format!("{} {}", decimal(v, w.lang), w.t(&ind.unit_vi, &ind.unit_en)))
                .unwrap_or_else(|| "–".into());
            line(format!(
                "{}  {}  {}  {}  {}",
                pad(&label, 48),
                lpad(&w.count(f.numerator.as_ref().and_then(|n| n.total)), 10),
                lpad(&w.count(f.denominator.as_ref().and_then(|d| d.total)), 11),
                lpad(&value, 20),
                lpad(&f.reports.to_string(), 7)
            ));
        }
    }

    let with_data: Vec<_> = p.progress.iter().filter(|g| g.status != ProgressStatus::NoData).collect();
    let no_data = p.progress.iter().filter(|g| g.status == ProgressStatus::NoData).count();
    if !p.progress.is_empty() {
        line(String::new());
        line(w.t("Tiến độ so với mục tiêu quốc gia:", "Progress against national targets:").to_string());
        for g in with_data {
            let Some(ind) = lookup.indicator(&g.indicator) else { continue };
            let dir = match (g.direction, w.lang) {
                (Direction::AtLeast, Lang::Vi) => "≥",
                (Direction::AtMost, Lang::Vi) => "≤",
                (Direction::Below, Lang::Vi) => "<",
                (Direction::AtLeast, Lang::En) => "≥",
                (Direction::AtMost, Lang::En) => "≤",
                (Direction::Below, Lang::En) => "<",
            };
            let status = match g.status {
                ProgressStatus::Achieved => w.t("ĐẠT", "ACHIEVED"),
                ProgressStatus::NotAchieved => w.t("CHƯA ĐẠT", "NOT ACHIEVED"),
                ProgressStatus::NoData => w.t("chưa có số liệu", "no data"),
                ProgressStatus::Withheld => w.t("không công bố", "withheld"),
            };
            let unconfirmed = if g.confirmed {
                ""
            } else {
                w.t(" (mục tiêu chưa được xác nhận)", " (target not confirmed)")
            };
            let unit = if ind.unit_en == "%" { "%" } else { "" };
            // A unit's own target names the unit.
            let name = match &g.unit {
                Some(u) => format!("{} — {}", w.t(&ind.name_vi, &ind.name_en), unit_name(plan, u)),
                None => w.t(&ind.name_vi, &ind.name_en).to_string(),
            };
            line(format!(
                "  {} {}: {}{} ({} {} {}{}) → {}{}",
                pad(&name, 52),
                g.year,
                g.value.map(|v| decimal(v, w.lang)).unwrap_or_default(),
                unit,
                w.t("mục tiêu", "target"),
                dir,
                decimal(g.target, w.lang),
                unit,
                status,
                unconfirmed
            ));
        }
        if no_data > 0 {
            let others = no_data < p.progress.len();
            line(format!(
                "  {} {}",
                no_data,
                match (others, w.lang) {
                    (true, Lang::Vi) => "mục tiêu khác chưa có số liệu trong kỳ này.",
                    (false, Lang::Vi) => "mục tiêu chưa có số liệu trong kỳ này.",
                    (true, Lang::En) => "other targets have no data in this period.",
                    (false, Lang::En) => "targets have no data in this period.",
                }
            ));
        }
    }

    line(String::new());
    line(
        w.t("Hoạt động theo nội dung (số đơn vị báo cáo):", "Activities by content area (units reporting):")
            .to_string(),
    );
    for area in &p.activities {
        let mut parts = Vec::new();
        let mut total = [0u32; 4];
        for a in &area.activities {
            for (i, s) in ActivityStatus::ALL.iter().enumerate() {
                if let (Some(slot), Some(n)) = (total.get_mut(i), a.statuses.get(s)) {
                    *slot = slot.saturating_add(*n);
                }
            }
        }
        for (i, s) in ActivityStatus::ALL.iter().enumerate() {
            let n = total.get(i).copied().unwrap_or(0);
            if n > 0 {
                let name = match s {
                    ActivityStatus::NotStarted => w.t("chưa triển khai", "not started"),
                    ActivityStatus::InProgress => w.t("đang triển khai", "in progress"),
                    ActivityStatus::Done => w.t("hoàn thành", "done"),
                    ActivityStatus::Cancelled => w.t("không thực hiện", "cancelled"),
                };
                parts.push(format!("{name} {n}"));
            }
        }
        let title = plan
            .content_areas
            .iter()
            .find(|a| a.number == area.area)
            .and_then(|a| if w.lang == Lang::En { a.title_en.clone() } else { None })
            .unwrap_or_else(|| area.title.clone());
        let summary =
            if parts.is_empty() { w.t("chưa có báo cáo", "no report").to_string() } else { parts.join(", ") };
        line(format!("  {}. {}: {}", area.area, pad(&title, 60), summary));
    }

    line(String::new());
    line(w.t("Kinh phí theo nguồn (đồng):", "Funding by source (VND):").to_string());
    for f in &p.funding {
        if f.reports == 0 {
            continue;
        }
        let src = plan.funding_sources.iter().find(|s| s.id == f.source);
        let name = src.map_or(f.source.to_string(), |s| match w.lang {
            Lang::En => s.name_en.clone().unwrap_or_else(|| s.name.clone()),
            Lang::Vi => s.name.clone(),
        });
        line(format!(
            "  {}  {} {}  {} {}",
            pad(&name, 36),
            w.t("dự toán", "planned"),
            lpad(&w.count(f.planned), 15),
            w.t("đã chi", "spent"),
            lpad(&w.count(f.spent), 15)
        ));
    }
}

/// One report's findings as text: a heading naming the file, the unit and
/// the kind, then one line per finding.
pub fn findings_text(label: &str, outcome: &crate::validate::Outcome, plan: &Plan, lang: Lang) -> String {
    let w = Words { lang };
    let errors = outcome.findings.iter().filter(|f| f.is_error()).count();
    let warnings = outcome.findings.len().saturating_sub(errors);
    let unit = outcome.unit.as_ref().map(|u| plan.unit(u).map_or_else(|| u.to_string(), |x| x.name.clone()));
    let kind = outcome.kind.map(|k| w.t(k.name_vi(), k.name_en()).to_string());
    let what = [unit, kind].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let verdict = match (errors, warnings) {
        (0, 0) => w.t("hợp lệ", "valid").to_string(),
        (e, 0) => format!("{e} {}", w.t("lỗi", if e == 1 { "error" } else { "errors" })),
        (0, n) => format!("{n} {}", w.t("cảnh báo", if n == 1 { "warning" } else { "warnings" })),
        (e, n) => format!(
            "{e} {}, {n} {}",
            w.t("lỗi", if e == 1 { "error" } else { "errors" }),
            w.t("cảnh báo", if n == 1 { "warning" } else { "warnings" })
        ),
    };
    let status = match outcome.status {
        Status::Used if !outcome.left_out.is_empty() => {
            let paths: Vec<&str> = outcome.left_out.iter().map(|l| l.path.as_str()).collect();
            format!(" — {} {}", w.t("dùng trong tổng hợp, trừ", "used in the summary, except"), paths.join(", "))
        }
        Status::Used => String::new(),
        Status::Superseded => format!(" — {}", w.t("đã bị báo cáo nộp sau thay thế", "superseded by a later report")),
        Status::Rejected => format!(" — {}", w.t("bị loại khỏi tổng hợp", "left out of the summary")),
    };
    let mut out = if what.is_empty() {
        format!("{label}: {verdict}{status}\n")
    } else {
        format!("{label} ({what}): {verdict}{status}\n")
    };
    for f in &outcome.findings {
        let sev = match f.severity {
            crate::Severity::Error => w.t("lỗi", "error"),
            crate::Severity::Warning => w.t("cảnh báo", "warning"),
        };
        let path = if f.path.is_empty() { "/" } else { f.path.as_str() };
        // From an Excel form, the cell a person fills in says more than the pointer.
        #[cfg(feature = "excel")]
        let path = f.context.get("cell").and_then(serde_json::Value::as_str).unwrap_or(path);
        out.push_str(&format!(
            "  {}  {}  {}  [{}]\n",
            pad(sev, 8),
            pad(path, 26),
            w.t(&f.message_vi, &f.message_en),
            f.code
        ));
    }
    out
}

/// The closing line of a validation run.
pub fn validation_totals(reports: usize, with_errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã kiểm tra {reports} báo cáo: {with_errors} báo cáo có lỗi, {warnings} cảnh báo."),
        Lang::En => format!("Checked {reports} reports: {with_errors} with errors, {warnings} warnings."),
    }
}

/// A file or folder that could not be read, in one line.
pub fn cannot_read(path: &str, detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Không đọc được {path}: {detail}"),
        Lang::En => format!("Cannot read {path}: {detail}"),
    }
}

/// A plan that could not be read, in one line per finding.
pub fn plan_unreadable(path: &str, findings: &[crate::Finding], lang: Lang) -> String {
    let w = Words { lang };
    let mut out = format!("{} {path}:\n", w.t("Không đọc được kế hoạch", "Cannot read the plan"));
    for f in findings {
        let at = if f.path.is_empty() { "/" } else { f.path.as_str() };
        out.push_str(&format!("  {at}: {}\n", w.t(&f.message_vi, &f.message_en)));
    }
    out
}

/// `--publish` asked of the text table: only tables are published.
pub fn publish_needs_tables(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Chỉ bảng số liệu mới được công bố: dùng --publish với --format csv hoặc --format json.".into(),
        Lang::En => "Only tables are published: use --publish with --format csv or --format json.".into(),
    }
}

/// `aggregate --format xlsx` without `--out`: a workbook is not for a terminal.
pub fn xlsx_needs_out(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Sổ tính Excel phải ghi ra tệp: dùng --format xlsx với --out tên-tệp.xlsx.".into(),
        Lang::En => "An Excel workbook goes to a file: use --format xlsx with --out name.xlsx.".into(),
    }
}

/// `aggregate --format docx` without `--out`: a Word file is not for a terminal.
pub fn docx_needs_out(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Tệp Word phải ghi ra tệp: dùng --format docx với --out tên-tệp.docx.".into(),
        Lang::En => "A Word file goes to a file: use --format docx with --out name.docx.".into(),
    }
}

/// `--entry` with a format that is not the consolidated report.
pub fn entry_needs_document(lang: Lang) -> String {
    match lang {
        Lang::Vi => "--entry chỉ dùng với báo cáo tổng hợp: --format docx hoặc --format html.".into(),
        Lang::En => "--entry goes only with the consolidated report: --format docx or --format html.".into(),
    }
}

/// `aggregate --format parquet` without `--out`: one file per table, in a folder.
pub fn parquet_needs_out(lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            "Parquet ghi mỗi bảng thành một tệp trong một thư mục: dùng --format parquet với --out tên-thư-mục.".into()
        }
        Lang::En => "Parquet writes one file per table into a folder: use --format parquet with --out folder.".into(),
    }
}

/// `aggregate --format dhis2` without `--dhis2-mapping`: the identifiers are the instance's.
pub fn dhis2_needs_mapping(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Xuất sang DHIS2 cần tệp ánh xạ mã (đơn vị, chỉ tiêu, kỳ) của hệ thống DHIS2: dùng --format dhis2 với --dhis2-mapping tệp.json (xem docs/exchange.md).".into(),
        Lang::En => "A DHIS2 export needs the instance's mapping of units, indicators and periods: use --format dhis2 with --dhis2-mapping file.json (see docs/exchange.md).".into(),
    }
}

/// A DHIS2 mapping that could not be read, in one line per finding.
pub fn mapping_unreadable(path: &str, findings: &[crate::Finding], lang: Lang) -> String {
    let w = Words { lang };
    let mut out = format!("{} {path}:\n", w.t("Không đọc được tệp ánh xạ DHIS2", "Cannot read the DHIS2 mapping"));
    for f in findings {
        let at = if f.path.is_empty() { "/" } else { f.path.as_str() };
        out.push_str(&format!("  {at}: {}\n", w.t(&f.message_vi, &f.message_en)));
    }
    out
}

/// A date argument that could not be read.
/// The CLI's `sample --scale` that is neither a scale nor a number.
pub fn bad_scale_argument(text: &str) -> String {
    format!("Quy mô không hợp lệ / not a scale: \"{text}\" (province, country, or a number of values such as 100000).")
}

/// What `binhdang sample` wrote.
pub fn sample_written(dir: &str, reports: usize, values: usize) -> String {
    format!("{dir}: plan.json, {reports} reports, {values} values")
}

/// The CLI's `--limits` that cannot be read.
pub fn bad_limits_argument(findings: &[crate::Finding], lang: Lang) -> String {
    let w = Words { lang };
    let detail = findings.iter().map(|f| w.t(&f.message_vi, &f.message_en).to_string()).collect::<Vec<_>>().join(" ");
    let names = crate::read::Limits::NAMES.join(", ");
    match lang {
        Lang::Vi => format!("Giới hạn không hợp lệ: {detail} (các trường: {names}; số nguyên không âm)."),
        Lang::En => format!("Invalid limits: {detail} (fields: {names}; whole numbers)."),
    }
}

pub fn bad_date_argument(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("Ngày không hợp lệ: \"{text}\" (dùng 2025-01-15, 15/1/2025 hoặc \"ngày 15 tháng 1 năm 2025\").")
        }
        Lang::En => format!("Not a date: \"{text}\" (use 2025-01-15, 15/1/2025 or \"ngày 15 tháng 1 năm 2025\")."),
    }
}

/// What the demo suggests next.
pub fn next_steps(lang: Lang) -> String {
    match lang {
        Lang::Vi => "\
Thử tiếp:
  binhdang validate --plan examples/lai-chau-2024/plan.json examples/lai-chau-2024/reports
  binhdang aggregate --plan examples/lai-chau-2024/plan.json --as-of 15/1/2025 --format csv examples/lai-chau-2024/reports
  binhdang catalog          (các mục tiêu quốc gia, nguồn và mức độ xác nhận)
  binhdang schema report    (JSON Schema của báo cáo)
  binhdang demo --lang en   (in English)
"
        .to_string(),
        Lang::En => "\
Try next:
  binhdang validate --plan examples/lai-chau-2024/plan.json examples/lai-chau-2024/reports
  binhdang aggregate --plan examples/lai-chau-2024/plan.json --as-of 2025-01-15 --format csv examples/lai-chau-2024/reports
  binhdang catalog          (national targets, their sources and whether they are confirmed)
  binhdang schema report    (the report's JSON Schema)
  binhdang demo             (in Vietnamese)
"
        .to_string(),
    }
}

/// The demo's opening lines.
pub fn demo_heading(plan: &Plan, reports: usize, as_of: crate::model::Date, lang: Lang) -> String {
    let w = Words { lang };
    format!(
        "{} {} — {}\n{} {} {}, {} {}.\n",
        w.t("Kế hoạch", "Plan"),
        plan.number,
        plan.title,
        w.t("Kiểm tra và tổng hợp", "Checking and adding up"),
        reports,
        w.t("báo cáo mẫu kèm theo", "bundled sample reports"),
        w.t("tính đến ngày", "as of"),
        w.date(as_of)
    )
}

/// The built-in catalogue as text: every target with its source and whether it is confirmed.
pub fn catalog_text(catalog: &Catalog, lang: Lang) -> String {
    let w = Words { lang };
    let mut out = String::new();
    for i in &catalog.indicators {
        out.push_str(&format!("{}  {}  [{}]\n", i.id, w.t(&i.name_vi, &i.name_en), w.t(&i.unit_vi, &i.unit_en)));
        for t in &i.targets {
            let dir = match t.direction.unwrap_or(i.direction) {
                Direction::AtLeast => "≥",
                Direction::AtMost => "≤",
                Direction::Below => "<",
            };
            let approx = if t.approximate { w.t(" (khoảng)", " (about)") } else { "" };
            let flag = if t.confirmed { "" } else { w.t("  CHƯA XÁC NHẬN", "  UNCONFIRMED") };
            out.push_str(&format!("    {}: {dir} {}{approx} — {}{flag}\n", t.year, decimal(t.value, lang), t.source));
            if let Some(n) = &t.note {
                out.push_str(&format!("          {n}\n"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_per_language() {
        assert_eq!(group_digits(1_234_567, Lang::Vi), "1.234.567");
        assert_eq!(group_digits(1_234_567, Lang::En), "1,234,567");
        assert_eq!(group_digits(999, Lang::Vi), "999");
        assert_eq!(group_digits(0, Lang::Vi), "0");
        assert_eq!(fmt_f64(56.25), "56.25");
        assert_eq!(fmt_f64(2.0), "2");
    }
}
