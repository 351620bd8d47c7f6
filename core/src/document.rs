//! The province's consolidated report (báo cáo tổng hợp) as a document:
//! built from the plan and the summary of one schedule entry, then rendered
//! as HTML here, or as a Word file (`.docx`, feature `docx`, in
//! `docx.rs`).
//!
//! The document follows the layout of Vietnamese administrative documents
//! (Decree 30/2020/NĐ-CP): the issuing body and the national motto side by
//! side at the top, the number and symbol, place and date, the title, the
//! body, then the recipients (nơi nhận) and the signature block. The body
//! goes through the plan's content areas: for each, the activities' progress,
//! the figures and targets of the indicators its activities measure, and
//! what each unit wrote (named); then an appendix of data tables. Every word
//! comes from here (the document is in Vietnamese, as the province files it).

use serde::Serialize;

use crate::aggregate::{Narrative, PeriodSummary, Summary};
use crate::calendar::{format_vi_short, ReportKind, Timeliness};
use crate::catalog::{Catalog, Lookup};
use crate::messages as msg;
use crate::model::{CellKey, Count, IndicatorId, NarrativeSection, Plan, UnitId, UnitKind};
use crate::output::{group_digits, FigureRow, Lang, Tables};

/// The top of the document: the issuing body (left) and the national motto (right).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heading {
    /// The body above the issuer (`UBND TỈNH LAI CHÂU`), when it has one.
    pub above: Option<String>,
    /// The issuer, in capitals.
    pub issuer: String,
    /// `Số:      /BC-BVSTBPN`: the number left for the clerk to fill in.
    pub number: String,
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    pub nation: String,
    /// `Độc lập - Tự do - Hạnh phúc`.
    pub motto: String,
    /// `Lai Châu, ngày 15 tháng 01 năm 2025`.
    pub place_date: String,
}

/// One part of the body.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading: level 1 (`I. ...`, in capitals), 2 (`1. ...`) or 3 (`a) ...`).
    Heading { level: u8, text: String },
    /// A paragraph.
    Paragraph { text: String },
    /// A paragraph that starts with a label in italics (`Kết quả đạt được:`).
    Labelled { label: String, text: String },
    /// A unit's name, in bold, before what it wrote.
    Unit { name: String },
    /// A table: its heading row and rows; `numeric` marks columns aligned right.
    Table { head: Vec<String>, rows: Vec<Vec<String>>, numeric: Vec<bool> },
    /// A note in italics.
    Note { text: String },
}

/// The recipients and the signature block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Closing {
    /// `Nơi nhận:`.
    pub recipients_label: String,
    pub recipients: Vec<String>,
    /// The signer's titles as the plan prints them, top first (`TRƯỞNG BAN`).
    pub titles: Vec<String>,
    pub signer: String,
}

/// The consolidated report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub heading: Heading,
    /// `BÁO CÁO`, then the subject lines.
    pub title: Vec<String>,
    pub body: Vec<Block>,
    pub closing: Closing,
    /// The schedule entry the document reports on.
    pub entry: String,
}

/// Why a document cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// The summary has no schedule entry of that id (or none at all).
    NoEntry(String),
}

impl DocumentError {
    pub fn message(&self) -> (String, String) {
        match self {
            DocumentError::NoEntry(e) if e.is_empty() => {
                ("Bản tổng hợp không có kỳ báo cáo nào.".into(), "The summary has no schedule entry.".into())
            }
            DocumentError::NoEntry(e) => (
                format!("Bản tổng hợp không có kỳ báo cáo \"{e}\"."),
                format!("The summary has no schedule entry \"{e}\"."),
            ),
        }
    }
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().1)
    }
}

impl std::error::Error for DocumentError {}

/// The entry a document reports on when none is named: the last schedule
/// entry from which any report was received, or else the last one.
pub fn default_entry(summary: &Summary) -> Option<&str> {
    summary
        .periods
        .iter()
        .rev()
        .find(|p| p.completeness.received > 0)
        .or_else(|| summary.periods.last())
        .map(|p| p.entry.as_str())
}

/// Day and month of a date the way Decree 30 prints them: with a leading
/// zero below 10 for days, below 3 for months.
fn decree_date(d: crate::model::Date) -> String {
    let day = if d.day() < 10 { format!("0{}", d.day()) } else { d.day().to_string() };
    let month = if d.month() < 3 { format!("0{}", d.month()) } else { d.month().to_string() };
    format!("ngày {day} tháng {month} năm {}", d.year())
}

/// A number the Vietnamese way: whole numbers grouped (1.234), others with
/// a decimal comma and at most two decimals (37,45).
pub fn number_vi(x: f64) -> String {
    if x.fract() == 0.0 && x.is_finite() && x.abs() < 9.0e15 {
        let s = group_digits(x.abs() as u64, Lang::Vi);
        return if x < 0.0 { format!("-{s}") } else { s };
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

fn count_vi(c: Option<Count>) -> String {
    c.map(|c| group_digits(c.get(), Lang::Vi)).unwrap_or_default()
}

/// The period in words: `năm 2024`, `6 tháng đầu năm 2024`.
fn period_words(p: &PeriodSummary, year: i32) -> String {
    match p.kind {
        ReportKind::Annual => format!("năm {year}"),
        ReportKind::SixMonth => format!("6 tháng đầu năm {year}"),
        ReportKind::AdHoc => format!("kỳ từ {} đến {}", format_vi_short(p.period.from), format_vi_short(p.period.to)),
    }
}

/// The symbol after the kind of document in the plan's number:
/// `01/KH-BVSTBPN` → `BVSTBPN`.
fn symbol(number: &str) -> String {
    let after_slash = number.rsplit('/').next().unwrap_or(number);
    after_slash.split_once('-').map_or("", |(_, s)| s).trim().to_string()
}

fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

fn unit_name(plan: &Plan, id: &UnitId) -> String {
    plan.unit(id).map_or_else(|| id.as_str().to_string(), |u| u.name.clone())
}

fn names(plan: &Plan, ids: &[UnitId]) -> String {
    ids.iter().map(|u| unit_name(plan, u)).collect::<Vec<_>>().join(", ")
}

fn heading(plan: &Plan, summary: &Summary) -> Heading {
    let issuer = plan.unit(&plan.issuer);
    // A body under the province is headed by the province's People's Committee.
    let above = issuer.and_then(|u| u.parent.as_ref()).and_then(|p| plan.unit(p)).map(|p| {
        if p.kind == UnitKind::Province {
            format!("UBND {}", upper(&p.name))
        } else {
            upper(&p.name)
        }
    });
    let sym = symbol(&plan.number);
    Heading {
        above,
        issuer: upper(&issuer.map_or_else(|| plan.issuer.as_str().to_string(), |u| u.name.clone())),
        number: if sym.is_empty() { "Số:        /BC".to_string() } else { format!("Số:        /BC-{sym}") },
        nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date: format!("{}, {}", plan.place, decree_date(summary.as_of)),
    }
}

/// The label of a figure's cell of a breakdown (`Nhóm tuổi: 0-15`); empty for the figure itself.
fn cell_label(lookup: &Lookup, indicator: &IndicatorId, key: &CellKey) -> String {
    if key.is_empty() {
        return String::new();
    }
    let resolved = lookup.indicator(indicator).map(|i| crate::breakdown::resolve(lookup, i)).unwrap_or_default();
    crate::breakdown::cell_name(key, &resolved)
}

/// One line of figures: a unit, an indicator and a cell, by sex.
struct Line<'t> {
    row: &'t FigureRow,
    female: String,
    male: String,
    total: String,
}

/// The figure rows of an entry grouped by unit, indicator and cell, in the
/// tables' order; a withheld value shows as `x`.
fn lines<'t>(rows: impl Iterator<Item = &'t FigureRow>) -> Vec<Line<'t>> {
    let mut out: Vec<Line> = Vec::new();
    for r in rows {
        let shown = if r.suppressed {
            "x".to_string()
        } else if r.overflow {
            "!".to_string()
        } else {
            r.value.map(number_vi).unwrap_or_default()
        };
        let i =
            match out.iter().position(|l| l.row.unit == r.unit && l.row.indicator == r.indicator && l.row.by == r.by) {
                Some(i) => i,
                None => {
                    out.push(Line { row: r, female: String::new(), male: String::new(), total: String::new() });
                    out.len() - 1
                }
            };
        if let Some(l) = out.get_mut(i) {
            match r.sex.as_str() {
                "F" => l.female = shown,
                "M" => l.male = shown,
                _ => l.total = shown,
            }
        }
    }
    out
}

fn indicator_name(lookup: &Lookup, id: &IndicatorId) -> (String, String) {
    lookup
        .indicator(id)
        .map_or_else(|| (id.as_str().to_string(), String::new()), |i| (i.name_vi.clone(), i.unit_vi.clone()))
}

fn figures_table(lookup: &Lookup, lines: &[Line], with_unit: bool) -> Block {
    let mut head = vec!["TT".to_string()];
    if with_unit {
        head.push("Đơn vị".into());
    }
    head.extend(["Chỉ tiêu", "Phân tổ", "Đơn vị tính", "Nữ", "Nam", "Tổng số / Giá trị"].map(String::from));
    let mut numeric = vec![true];
    if with_unit {
        numeric.push(false);
    }
    numeric.extend([false, false, false, true, true, true]);
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let (name, unit) = indicator_name(lookup, &l.row.indicator);
            let mut row = vec![(i + 1).to_string()];
            if with_unit {
                row.push(l.row.unit_name.clone());
            }
            row.extend([
                name,
                cell_label(lookup, &l.row.indicator, &l.row.by),
                unit,
                l.female.clone(),
                l.male.clone(),
                l.total.clone(),
            ]);
            row
        })
        .collect();
    Block::Table { head, rows, numeric }
}

fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"].get(n).copied().unwrap_or("IX")
}

/// What the units wrote on one area: each unit named, then its sections.
fn narrative_blocks(plan: &Plan, narratives: &[&Narrative], body: &mut Vec<Block>) {
    for n in narratives {
        body.push(Block::Unit { name: unit_name(plan, &n.unit) });
        for s in NarrativeSection::ALL {
            if let Some(text) = n.section(s) {
                body.push(Block::Labelled { label: msg::narrative_section(s).0.to_string(), text: text.to_string() });
            }
        }
    }
}

/// The consolidated report of `entry` (see [`default_entry`] when the host
/// names none). `published`: the figures as they may be published (small
/// counts of violence withheld, shown as `x`).
pub fn consolidated(
    plan: &Plan,
    catalog: &Catalog,
    summary: &Summary,
    entry: Option<&str>,
    published: bool,
) -> Result<Document, DocumentError> {
    let wanted = entry.or_else(|| default_entry(summary)).unwrap_or_default();
    let p =
        summary.periods.iter().find(|p| p.entry == wanted).ok_or_else(|| DocumentError::NoEntry(wanted.to_string()))?;
    let lookup = Lookup::new(plan, catalog);
    let all: Tables = crate::publish::tables_as(summary, plan, catalog, published);
    let figures: Vec<&FigureRow> = all.figures.iter().filter(|r| r.entry == p.entry).collect();
    let root = summary.root.clone();
    let issuer_name = unit_name(plan, &plan.issuer);
    let when = period_words(p, plan.year);
    let c = &p.completeness;
    let mut body = Vec::new();

    body.push(Block::Paragraph {
        text: format!(
            "Thực hiện Kế hoạch số {} {} của {} ({}), trên cơ sở báo cáo của các đơn vị, {} tổng hợp kết quả thực hiện {} như sau:",
            plan.number,
            decree_date(plan.date),
            issuer_name,
            plan.title,
            issuer_name,
            when
        ),
    });

    // I. Completeness and timeliness.
    body.push(Block::Heading { level: 1, text: format!("{}. TÌNH HÌNH BÁO CÁO CỦA CÁC ĐƠN VỊ", roman(0)) });
    body.push(Block::Paragraph {
        text: format!(
            "Kỳ báo cáo từ ngày {} đến ngày {}, hạn gửi báo cáo ngày {}. Số đơn vị phải báo cáo: {}; đã nhận: {} ({} đúng hạn, {} nộp muộn); chưa gửi: {}; chưa đến hạn: {}.",
            format_vi_short(p.period.from),
            format_vi_short(p.period.to),
            format_vi_short(p.due),
            c.expected,
            c.received,
            c.on_time,
            c.late,
            c.missing,
            c.not_yet_due
        ),
    });
    for (t, label) in [
        (Timeliness::OnTime, "Đơn vị gửi đúng hạn"),
        (Timeliness::Late, "Đơn vị gửi muộn"),
        (Timeliness::Missing, "Đơn vị chưa gửi báo cáo"),
        (Timeliness::NotYetDue, "Đơn vị chưa đến hạn gửi"),
    ] {
        if let Some(units) = c.units.get(&t).filter(|u| !u.is_empty()) {
            body.push(Block::Labelled { label: label.into(), text: format!("{}.", names(plan, units)) });
        }
    }
    if !c.rejected.is_empty() {
        body.push(Block::Labelled {
            label: "Báo cáo có lỗi, chưa đưa vào tổng hợp".into(),
            text: format!("{}.", names(plan, &c.rejected)),
        });
    }

    // II. Each content area.
    body.push(Block::Heading {
        level: 1, text: format!("{}. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA KẾ HOẠCH", roman(1))
    });
    for area in &plan.content_areas {
        body.push(Block::Heading { level: 2, text: format!("{}. {}", area.number, area.title) });
        let mut letter = 'a';
        let mut sub = |body: &mut Vec<Block>, text: &str| {
            body.push(Block::Heading { level: 3, text: format!("{letter}) {text}") });
            letter = char::from_u32(letter as u32 + 1).unwrap_or('z');
        };
        // Activities: how many units reported each status.
        sub(&mut body, "Tiến độ các hoạt động");
        let tallies = p.activities.iter().find(|a| a.area == area.number);
        for a in &area.activities {
            let tally = tallies.and_then(|t| t.activities.iter().find(|x| x.activity == a.id));
            let said = tally
                .map(|t| {
                    t.statuses
                        .iter()
                        .filter(|(_, n)| **n > 0)
                        .map(|(s, n)| format!("{n} đơn vị {}", msg::activity_status(*s).0.to_lowercase()))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "chưa có đơn vị nào báo cáo".into());
            body.push(Block::Labelled { label: format!("Hoạt động {}", a.id.as_str()), text: format!("{said}.") });
        }
        // Figures and targets of the indicators the area's activities measure.
        let mut ids: Vec<&IndicatorId> = Vec::new();
        for a in &area.activities {
            for i in &a.indicators {
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
        if !ids.is_empty() {
            sub(&mut body, "Số liệu toàn tỉnh");
            let here = lines(
                figures.iter().copied().filter(|r| Some(&r.unit) == root.as_ref() && ids.contains(&&r.indicator)),
            );
            if here.is_empty() {
                body.push(Block::Paragraph {
                    text: "Chưa có số liệu của các chỉ tiêu thuộc nội dung này.".into()
                });
            } else {
                body.push(figures_table(&lookup, &here, false));
            }
            for g in
                all.progress.iter().filter(|g| g.entry == p.entry && g.unit.is_none() && ids.contains(&&g.indicator))
            {
                body.push(Block::Labelled {
                    label: format!("{} (mục tiêu năm {})", g.name_vi, g.year),
                    text: format!(
                        "kết quả {}, mục tiêu {}: {}.",
                        g.value.map_or_else(|| "chưa có".to_string(), number_vi),
                        number_vi(g.target),
                        msg::progress_status(g.status).0.to_lowercase()
                    ),
                });
            }
        }
        sub(&mut body, "Báo cáo của các đơn vị");
        let said: Vec<&Narrative> = p.narratives.iter().filter(|n| n.area == area.number).collect();
        if said.is_empty() {
            body.push(Block::Paragraph { text: "Chưa có đơn vị nào viết về nội dung này.".into() });
        }
        narrative_blocks(plan, &said, &mut body);
    }
    // A narrative on an area the plan does not have (a plan that lowered
    // `unknown_content_area` to a warning) is still shown, never dropped.
    let stray: Vec<&Narrative> =
        p.narratives.iter().filter(|n| !plan.content_areas.iter().any(|a| a.number == n.area)).collect();
    if !stray.is_empty() {
        body.push(Block::Heading { level: 2, text: "Nội dung không có trong kế hoạch".into() });
        for n in stray {
            body.push(Block::Note { text: format!("Nội dung số {}", n.area) });
            narrative_blocks(plan, &[n], &mut body);
        }
    }

    // The appendix: the data tables.
    body.push(Block::Heading { level: 1, text: "PHỤ LỤC SỐ LIỆU".into() });
    body.push(Block::Heading { level: 2, text: "Biểu 1. Số liệu tổng hợp toàn tỉnh".into() });
    let province = lines(figures.iter().copied().filter(|r| Some(&r.unit) == root.as_ref()));
    body.push(figures_table(&lookup, &province, false));
    body.push(Block::Heading { level: 2, text: "Biểu 2. Số liệu của từng đơn vị".into() });
    let units = lines(figures.iter().copied().filter(|r| Some(&r.unit) != root.as_ref()));
    body.push(figures_table(&lookup, &units, true));
    body.push(Block::Heading { level: 2, text: "Biểu 3. Tiến độ thực hiện các mục tiêu".into() });
    let progress: Vec<Vec<String>> = all
        .progress
        .iter()
        .filter(|g| g.entry == p.entry)
        .enumerate()
        .map(|(i, g)| {
            vec![
                (i + 1).to_string(),
                g.name_vi.clone(),
                g.unit.as_ref().map_or_else(|| "Toàn tỉnh".to_string(), |u| unit_name(plan, u)),
                g.year.to_string(),
                number_vi(g.target),
                g.value.map(number_vi).unwrap_or_default(),
                msg::progress_status(g.status).0,
            ]
        })
        .collect();
    body.push(Block::Table {
        head: ["TT", "Chỉ tiêu", "Phạm vi", "Năm mục tiêu", "Mục tiêu", "Kết quả", "Đánh giá"]
            .map(String::from)
            .to_vec(),
        rows: progress,
        numeric: vec![true, false, false, true, true, true, false],
    });
    body.push(Block::Heading { level: 2, text: "Biểu 4. Kinh phí thực hiện (đồng)".into() });
    let funding: Vec<Vec<String>> = all
        .funding
        .iter()
        .filter(|f| f.entry == p.entry)
        .enumerate()
        .map(|(i, f)| vec![(i + 1).to_string(), f.source_name.clone(), count_vi(f.planned), count_vi(f.spent)])
        .collect();
    body.push(Block::Table {
        head: ["TT", "Nguồn kinh phí", "Dự toán", "Đã chi"].map(String::from).to_vec(),
        rows: funding,
        numeric: vec![true, false, true, true],
    });
    body.push(Block::Heading { level: 2, text: "Biểu 5. Tình hình gửi báo cáo".into() });
    let standing: Vec<Vec<String>> = all
        .completeness
        .iter()
        .filter(|r| r.entry == p.entry)
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.unit_name.clone(),
                r.timeliness.name_vi().to_string(),
                if r.rejected { "Có lỗi, chưa tổng hợp".into() } else { String::new() },
            ]
        })
        .collect();
    body.push(Block::Table {
        head: ["TT", "Đơn vị", "Tình trạng", "Ghi chú"].map(String::from).to_vec(),
        rows: standing,
        numeric: vec![true, false, false, false],
    });
    if published {
        body.push(Block::Note {
            text: "Ghi chú: x là số liệu không công bố (số nhỏ về bạo lực có thể làm lộ danh tính nạn nhân).".into(),
        });
    }

    Ok(Document {
        heading: heading(plan, summary),
        title: vec![
            "BÁO CÁO".into(),
            format!("Kết quả thực hiện Kế hoạch số {} {}", plan.number, decree_date(plan.date)),
            when,
        ],
        body,
        closing: Closing {
            recipients_label: "Nơi nhận:".into(),
            recipients: plan.recipients.clone(),
            titles: plan.signer.titles.clone(),
            signer: plan.signer.name.clone(),
        },
        entry: p.entry.clone(),
    })
}

/// Text made safe for HTML: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The document as one HTML page (UTF-8, Times New Roman, A4 margins of
/// Decree 30 when printed).
pub fn to_html(doc: &Document) -> String {
    let e = escape_html;
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!("<title>{}</title>\n", e(&doc.title.join(" "))));
    h.push_str(
        "<style>\n@page { size: A4; margin: 20mm 15mm 20mm 30mm; }\n\
         body { font-family: \"Times New Roman\", Times, serif; font-size: 14pt; line-height: 1.3; max-width: 165mm; margin: auto; }\n\
         .top { width: 100%; border-collapse: collapse; } .top td { text-align: center; vertical-align: top; border: none; }\n\
         .b { font-weight: bold; } .u { text-decoration: underline; } .i { font-style: italic; }\n\
         .title { text-align: center; font-weight: bold; margin: 1em 0; }\n\
         p { text-align: justify; text-indent: 1cm; margin: 0.3em 0; }\n\
         table.data { border-collapse: collapse; width: 100%; font-size: 12pt; margin: 0.5em 0; }\n\
         table.data th, table.data td { border: 1px solid #000; padding: 2px 4px; }\n\
         td.n { text-align: right; } h1, h2, h3 { font-size: 14pt; } h3 { font-style: italic; }\n\
         .end { width: 100%; margin-top: 1.5em; } .end td { vertical-align: top; border: none; }\n\
         .to { font-size: 11pt; } .sign { text-align: center; font-weight: bold; }\n</style>\n</head>\n<body>\n",
    );
    let hd = &doc.heading;
    h.push_str("<table class=\"top\"><tr><td>");
    if let Some(a) = &hd.above {
        h.push_str(&format!("<div>{}</div>", e(a)));
    }
    h.push_str(&format!("<div class=\"b u\">{}</div><div>{}</div></td>", e(&hd.issuer), e(&hd.number)));
    h.push_str(&format!(
        "<td><div class=\"b\">{}</div><div class=\"b u\">{}</div><div class=\"i\">{}</div></td></tr></table>\n",
        e(&hd.nation),
        e(&hd.motto),
        e(&hd.place_date)
    ));
    h.push_str("<div class=\"title\">");
    h.push_str(&doc.title.iter().map(|t| e(t)).collect::<Vec<_>>().join("<br>"));
    h.push_str("</div>\n");
    for b in &doc.body {
        match b {
            Block::Heading { level, text } => {
                let l = (*level).clamp(1, 3);
                h.push_str(&format!("<h{l}>{}</h{l}>\n", e(text)));
            }
            Block::Paragraph { text } => h.push_str(&format!("<p>{}</p>\n", e(text))),
            Block::Labelled { label, text } => {
                h.push_str(&format!("<p><span class=\"i\">{}:</span> {}</p>\n", e(label), e(text)))
            }
            Block::Unit { name } => h.push_str(&format!("<p class=\"b\">{}</p>\n", e(name))),
            Block::Note { text } => h.push_str(&format!("<p class=\"i\">{}</p>\n", e(text))),
            Block::Table { head, rows, numeric } => {
                h.push_str("<table class=\"data\"><thead><tr>");
                for c in head {
                    h.push_str(&format!("<th>{}</th>", e(c)));
                }
                h.push_str("</tr></thead><tbody>\n");
                for r in rows {
                    h.push_str("<tr>");
                    for (i, c) in r.iter().enumerate() {
                        let n = numeric.get(i).copied().unwrap_or(false);
                        h.push_str(&format!("<td{}>{}</td>", if n { " class=\"n\"" } else { "" }, e(c)));
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
        }
    }
    let c = &doc.closing;
    h.push_str("<table class=\"end\"><tr><td class=\"to\">");
    h.push_str(&format!("<div class=\"b i\">{}</div>", e(&c.recipients_label)));
    for r in &c.recipients {
        h.push_str(&format!("<div>- {};</div>", e(r)));
    }
    h.push_str("</td><td class=\"sign\">");
    for t in &c.titles {
        h.push_str(&format!("<div>{}</div>", e(t)));
    }
    h.push_str(&format!("<div style=\"margin-top: 5em\">{}</div></td></tr></table>\n", e(&c.signer)));
    h.push_str("</body>\n</html>\n");
    h
}
