//! Excel forms (feature `excel`): a unit's report form generated from the
//! plan, and a filled form read back into a report.
//!
//! **Key decision: a filled form becomes the report's JSON, and the JSON
//! reader does the rest.** [`read_form`] turns the cells into the same JSON
//! value a portal would send and hands it to [`crate::read`], so a form
//! meets every rule a JSON report meets; the form only adds where each value
//! sat (`'Chỉ tiêu'!F12`), kept beside the report as JSON Pointer → cell and
//! put into each finding's context as `cell` by [`FormCells::place`].
//!
//! The form carries what reading it back needs on a hidden sheet
//! (`_binhdang`): the plan's number, the unit, the kind and period, the form's
//! version, and for every input row what it holds (indicator, breakdown cell,
//! part; activity; funding source). Nothing is guessed from the headings a
//! person sees, so a heading may be reworded without breaking old forms.
//!
//! Behind the `excel` feature of the core crate (the CLI, Python and the
//! npm package's workbook module enable it): rust_xlsxwriter writes,
//! calamine reads; the npm package's form module has neither.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read as _};

use calamine::{open_workbook_from_rs, DataRef, Reader, Xlsx};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Workbook, Worksheet, XlsxError};
use serde_json::{json, Map, Value};

use crate::breakdown::{self, Resolved};
use crate::catalog::{Catalog, Lookup};
use crate::finding::{pointer, Code, Finding};
use crate::messages as msg;
use crate::model::{ActivityStatus, CellKey, Date, Indicator, NarrativeSection, Plan, Report, UnitId};
use crate::read::{self, Limits, Read};
use crate::ScheduleEntry;

/// The version of the form's layout written on its hidden sheet; a reader
/// refuses a form newer than it knows. 2: the activities' outputs sheet (a
/// reader of version 1 would drop its rows unsaid, so it must refuse). 3:
/// the narrative sheet (Thuyết minh). Forms of earlier versions still read
/// (tests/conformance/excel holds some).
pub const FORM_VERSION: u64 = 3;
/// The hidden sheet's name, and the mark in its first cell.
const META: &str = "_binhdang";
const MARK: &str = "binhdang-form";

/// Rows of the heading on the indicator sheet; the column headings follow.
const HEAD_ROWS: u32 = 8;
/// The row (0-based) and column of the submission date's input cell.
const SUBMITTED_AT: (u32, u16) = (6, 2);

/// Why a form could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// The unit is not among the plan's reporting units.
    UnknownUnit(String),
    /// No schedule entry has this id.
    UnknownEntry(String),
    /// The workbook could not be written (rust_xlsxwriter refused it).
    Write,
}

impl FormError {
    /// What went wrong, in Vietnamese and English.
    pub fn message(&self) -> (String, String) {
        match self {
            FormError::UnknownUnit(u) => msg::excel_unknown_unit(u),
            FormError::UnknownEntry(e) => msg::excel_unknown_entry(e),
            FormError::Write => msg::excel_write_failed(),
        }
    }
}

impl From<XlsxError> for FormError {
    fn from(_: XlsxError) -> FormError {
        FormError::Write
    }
}

/// What an input row of the indicator sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Nữ, Nam, Tổng số of a count or money.
    Counts,
    /// The numerator (tử số) of a percent, ratio or rate, by sex.
    Numerator,
    /// The denominator (mẫu số), by sex.
    Denominator,
    /// The figure itself (survey figures, which do not add up).
    Stated,
}

impl Part {
    fn code(self) -> &'static str {
        match self {
            Part::Counts => "counts",
            Part::Numerator => "numerator",
            Part::Denominator => "denominator",
            Part::Stated => "stated",
        }
    }
    fn from_code(s: &str) -> Option<Part> {
        [Part::Counts, Part::Numerator, Part::Denominator, Part::Stated].into_iter().find(|p| p.code() == s)
    }
    fn parts(ind: &Indicator) -> Vec<Part> {
        match ind.value_fields() {
            ["stated"] => vec![Part::Stated],
            ["numerator", ..] => vec![Part::Numerator, Part::Denominator, Part::Stated],
            _ => vec![Part::Counts],
        }
    }
}

/// The indicators a unit reports for the plan, in order and once each: the
/// required ones, those of the plan's activities, the plan's own, then the
/// rest of the catalogue (the national targets a unit may report on).
fn form_indicators<'a>(plan: &'a Plan, lookup: &Lookup<'a>) -> Vec<&'a Indicator> {
    let mut seen = BTreeSet::new();
    let ids = plan
        .reporting
        .required_indicators
        .iter()
        .chain(plan.activities().flat_map(|(_, a)| a.indicators.iter()))
        .chain(plan.indicators.iter().map(|i| &i.id))
        .chain(lookup.catalog.indicators.iter().map(|i| &i.id));
    ids.filter(|id| seen.insert(id.as_str().to_string())).filter_map(|id| lookup.indicator(id)).collect()
}

/// The cells of an indicator's form rows: the whole, each option of each
/// breakdown (a group followed by its members), and (with two breakdowns or
/// more) every combination of their options.
fn form_cells(resolved: &[Resolved]) -> Vec<CellKey> {
    let mut out = vec![CellKey::new()];
    for r in resolved {
        for o in &r.options {
            out.push(CellKey::from([(r.dimension.id.clone(), (*o).to_string())]));
            // A group (the ethnic minorities) and then its members, each its own row.
            for m in r.dimension.group(o).map(|g| g.members.as_slice()).unwrap_or_default() {
                out.push(CellKey::from([(r.dimension.id.clone(), m.clone())]));
            }
        }
    }
    if resolved.len() > 1 {
        let mut combos = vec![CellKey::new()];
        for r in resolved {
            combos = combos
                .iter()
                .flat_map(|k| {
                    r.options.iter().map(move |o| {
                        let mut k = k.clone();
                        k.insert(r.dimension.id.clone(), (*o).to_string());
                        k
                    })
                })
                .collect();
        }
        out.extend(combos);
    }
    out
}

fn cell_label(key: &CellKey, resolved: &[Resolved]) -> String {
    if key.is_empty() {
        return msg::excel_part("all").0;
    }
    breakdown::cell_name(key, resolved)
}

/// A cell's name as Excel writes it: `F12`.
fn a1(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A cell's full reference: `'Chỉ tiêu'!F12`.
fn reference(sheet: &str, row: u32, col: u16) -> String {
    format!("'{}'!{}", sheet.replace('\'', "''"), a1(row, col))
}

struct Styles {
    bold: Format,
    wrap: Format,
    input: Format,
    date: Format,
    /// A cell a person writes text in (a note, a narrative section).
    text: Format,
}

fn styles() -> Styles {
    Styles {
        bold: Format::new().set_bold().set_text_wrap(),
        wrap: Format::new().set_text_wrap(),
        input: Format::new().set_unlocked().set_num_format("#,##0").set_background_color("#FFF9D6"),
        date: Format::new().set_unlocked().set_num_format("dd/mm/yyyy").set_background_color("#FFF9D6"),
        text: Format::new().set_unlocked().set_text_wrap().set_background_color("#FFF9D6"),
    }
}

fn headings(ws: &mut Worksheet, row: u32, keys: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, k) in (0u16..).zip(keys) {
        ws.write_string_with_format(row, c, msg::excel_column(k).0, bold)?;
    }
    Ok(())
}

/// A row's label with the part it holds when the indicator is a fraction
/// ("Tổng - Tử số").
fn part_label(label: String, ind: &Indicator, part: Part) -> String {
    if ind.measure.is_fraction() {
        format!("{label} - {}", msg::excel_part(part.code()).0)
    } else {
        label
    }
}

/// The input cells of one figure row: Nữ, Nam, Tổng số (Tổng số alone for
/// a figure not split by sex, and for the stated figure), each holding
/// `figure(field)` when there is one, validated as whole numbers (decimals
/// for the stated figure) from 0. The same on the indicator and the
/// outputs sheet.
fn figure_inputs(
    ws: &mut Worksheet,
    row: u32,
    (part, by_sex): (Part, bool),
    input: &Format,
    figure: impl Fn(&str) -> Option<f64>,
) -> Result<(), XlsxError> {
    let (first, rule) = match part {
        Part::Stated => (5, DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))),
        _ => (
            if by_sex { 3 } else { 5 },
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        ),
    };
    for c in first..=5 {
        let field = ["female", "male", "total"].get(usize::from(c) - 3).copied().unwrap_or("total");
        match figure(field) {
            Some(x) => ws.write_number_with_format(row, c, x, input)?,
            None => ws.write_blank(row, c, input)?,
        };
    }
    ws.add_data_validation(row, first, row, 5, &rule)?;
    Ok(())
}

/// One input row as the hidden sheet lists it (what [`lines`] reads back):
/// its sheet, its row (1-based, as a person reads it), what it holds, its
/// id, then the breakdown cell as JSON, the part, the activity and the
/// label, where the row has them.
fn meta(sheet: &str, row: u32, what: &str, id: &str, rest: [&str; 4]) -> [String; 8] {
    let [key, part, activity, label] = rest.map(str::to_string);
    [sheet.to_string(), (row + 1).to_string(), what.to_string(), id.to_string(), key, part, activity, label]
}

/// The report form of `unit` for the schedule entry `entry` as `.xlsx` bytes.
pub fn form(plan: &Plan, catalog: &Catalog, unit: &UnitId, entry: &str) -> Result<Vec<u8>, FormError> {
    form_with(plan, catalog, unit, entry, None)
}

/// An activity's output figure at a form row (the whole value; outputs
/// have no breakdown rows on the form).
fn output_of(done: &crate::model::ActivityResult, id: &str, part: Part, field: &str) -> Option<f64> {
    let v = done.outputs.iter().find(|v| v.indicator.as_str() == id)?;
    let split = match part {
        Part::Stated => return v.stated,
        Part::Counts => v.counts(),
        Part::Numerator => v.numerator.clone()?,
        Part::Denominator => v.denominator.clone()?,
    };
    let n = match field {
        "female" => split.female,
        "male" => split.male,
        _ => split.total,
    };
    n.map(|c| c.get() as f64)
}

/// A figure of a report at a form row: the value's own fields or a cell's.
fn figure_of(report: &Report, id: &str, key: &CellKey, part: Part, field: &str) -> Option<f64> {
    let v = report.values.iter().find(|v| v.indicator.as_str() == id)?;
    if part == Part::Stated {
        return if key.is_empty() { v.stated } else { None };
    }
    let (counts, numerator, denominator) = if key.is_empty() {
        (v.counts(), v.numerator.clone(), v.denominator.clone())
    } else {
        let c = v.cells.iter().find(|c| &c.by == key)?;
        (c.counts(), c.numerator.clone(), c.denominator.clone())
    };
    let split = match part {
        Part::Counts => counts,
        Part::Numerator => numerator?,
        Part::Denominator => denominator?,
        Part::Stated => return None,
    };
    let n = match field {
        "female" => split.female,
        "male" => split.male,
        _ => split.total,
    }?;
    Some(n.get() as f64)
}

/// The same form filled with a report's figures (a report returned for
/// correction, or a test's): what reading it back gives is the report.
pub fn form_with(
    plan: &Plan,
    catalog: &Catalog,
    unit: &UnitId,
    entry: &str,
    report: Option<&Report>,
) -> Result<Vec<u8>, FormError> {
    if !plan.expects(unit) {
        return Err(FormError::UnknownUnit(unit.as_str().to_string()));
    }
    let entry: &ScheduleEntry = plan
        .reporting
        .schedule
        .iter()
        .find(|e| e.id == entry)
        .ok_or_else(|| FormError::UnknownEntry(entry.to_string()))?;
    let lookup = Lookup::new(plan, catalog);
    let st = styles();
    let mut wb = Workbook::new();
    // The hidden sheet's lines, one per input row.
    let mut lines: Vec<[String; 8]> = Vec::new();

    // The indicators.
    let values_name = msg::excel_sheet("values").0;
    let ws = wb.add_worksheet();
    ws.set_name(&values_name)?;
    let unit_name =
        plan.unit(unit).map_or_else(|| unit.as_str().to_string(), |u| format!("{} ({})", u.name, unit.as_str()));
    let heading = msg::excel_form_heading(&plan.number, &plan.place, &unit_name, entry.kind, &entry.period, entry.due);
    for (r, (vi, _)) in (0u32..).zip(heading.iter()) {
        let f = if r == 0 { &st.bold } else { &Format::new() };
        ws.write_string_with_format(r, 0, vi, f)?;
    }
    match report.and_then(|r| {
        rust_xlsxwriter::ExcelDateTime::from_ymd(
            u16::try_from(r.submitted.year()).ok()?,
            u8::try_from(r.submitted.month()).ok()?,
            u8::try_from(r.submitted.day()).ok()?,
        )
        .ok()
    }) {
        Some(d) => ws.write_datetime_with_format(SUBMITTED_AT.0, SUBMITTED_AT.1, &d, &st.date)?,
        None => ws.write_blank(SUBMITTED_AT.0, SUBMITTED_AT.1, &st.date)?,
    };
    let whole = DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0));
    let date = DataValidation::new()
        .allow_date(DataValidationRule::GreaterThanOrEqualTo(rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?));
    ws.add_data_validation(SUBMITTED_AT.0, SUBMITTED_AT.1, SUBMITTED_AT.0, SUBMITTED_AT.1, &date)?;
    headings(ws, HEAD_ROWS, &["indicator_id", "indicator", "cell", "female", "male", "total", "unit_of"], &st.bold)?;
    let mut row = HEAD_ROWS + 1;
    for ind in form_indicators(plan, &lookup) {
        let resolved = breakdown::resolve(&lookup, ind);
        let by_sex = ind.value_fields().contains(&"female");
        for key in form_cells(&resolved) {
            // A cell has no stated figure: only the whole has one.
            for part in Part::parts(ind).into_iter().filter(|p| key.is_empty() || *p != Part::Stated) {
                let label = part_label(cell_label(&key, &resolved), ind, part);
                ws.write_string(row, 0, ind.id.as_str())?;
                ws.write_string_with_format(row, 1, &ind.name_vi, &st.wrap)?;
                ws.write_string_with_format(row, 2, &label, &st.wrap)?;
                ws.write_string(row, 6, &ind.unit_vi)?;
                figure_inputs(ws, row, (part, by_sex), &st.input, |field| {
                    report.and_then(|r| figure_of(r, ind.id.as_str(), &key, part, field))
                })?;
                let key_json = serde_json::to_string(&key).unwrap_or_default();
                lines.push(meta(&values_name, row, "value", ind.id.as_str(), [&key_json, part.code(), "", &label]));
                row += 1;
            }
        }
    }
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 48)?;
    ws.set_column_width(2, 28)?;
    for c in 3..=5 {
        ws.set_column_width(c, 14)?;
    }
    ws.set_freeze_panes(HEAD_ROWS + 1, 3)?;
    ws.protect();

    // The activities: the unit's own (led or joined), or all when it has none.
    let activities_name = msg::excel_sheet("activities").0;
    let ws = wb.add_worksheet();
    ws.set_name(&activities_name)?;
    headings(ws, 0, &["activity_id", "activity", "status", "note"], &st.bold)?;
    let own: Vec<_> = plan.activities().filter(|(_, a)| &a.lead == unit || a.cooperating.contains(unit)).collect();
    let listed = if own.is_empty() { plan.activities().collect() } else { own };
    let statuses: Vec<String> = ActivityStatus::ALL.iter().map(|s| msg::activity_status(*s).0).collect();
    let list = DataValidation::new().allow_list_strings(&statuses)?;
    for (r, (_, a)) in (1u32..).zip(&listed) {
        ws.write_string(r, 0, a.id.as_str())?;
        ws.write_string_with_format(r, 1, &a.description, &st.wrap)?;
        match report.and_then(|x| x.activities.iter().find(|y| y.activity == a.id)) {
            Some(done) => {
                ws.write_string_with_format(r, 2, msg::activity_status(done.status).0, &st.input)?;
                match &done.note {
                    Some(n) => ws.write_string_with_format(r, 3, n, &st.text)?,
                    None => ws.write_blank(r, 3, &st.text)?,
                };
            }
            None => {
                ws.write_blank(r, 2, &st.input)?;
                ws.write_blank(r, 3, &st.text)?;
            }
        }
        lines.push(meta(&activities_name, r, "activity", a.id.as_str(), [""; 4]));
    }
    if !listed.is_empty() {
        ws.add_data_validation(1, 2, listed.len() as u32, 2, &list)?;
    }
    ws.set_column_width(1, 60)?;
    ws.set_column_width(2, 20)?;
    ws.set_column_width(3, 30)?;
    ws.protect();

    // The activities' own figures (outputs): a row for each indicator the
    // plan links to each listed activity, by sex as on the indicator sheet.
    let with_outputs: Vec<_> = listed.iter().filter(|(_, a)| !a.indicators.is_empty()).collect();
    if !with_outputs.is_empty() {
        let outputs_name = msg::excel_sheet("outputs").0;
        let ws = wb.add_worksheet();
        ws.set_name(&outputs_name)?;
        headings(ws, 0, &["activity_id", "indicator_id", "indicator", "female", "male", "total", "unit_of"], &st.bold)?;
        let mut row = 1u32;
        for (_, a) in with_outputs {
            let done = report.and_then(|x| x.activities.iter().find(|y| y.activity == a.id));
            for ind in a.indicators.iter().filter_map(|id| lookup.indicator(id)) {
                let by_sex = ind.value_fields().contains(&"female");
                for part in Part::parts(ind) {
                    let label = part_label(ind.name_vi.clone(), ind, part);
                    ws.write_string(row, 0, a.id.as_str())?;
                    ws.write_string(row, 1, ind.id.as_str())?;
                    ws.write_string_with_format(row, 2, &label, &st.wrap)?;
                    ws.write_string(row, 6, &ind.unit_vi)?;
                    figure_inputs(ws, row, (part, by_sex), &st.input, |field| {
                        done.and_then(|d| output_of(d, ind.id.as_str(), part, field))
                    })?;
                    let line = ["{}", part.code(), a.id.as_str(), &label];
                    lines.push(meta(&outputs_name, row, "output", ind.id.as_str(), line));
                    row += 1;
                }
            }
        }
        ws.set_column_width(2, 48)?;
        for c in 3..=5 {
            ws.set_column_width(c, 14)?;
        }
        ws.set_freeze_panes(1, 3)?;
        ws.protect();
    }

    // The funding.
    let funding_name = msg::excel_sheet("funding").0;
    let ws = wb.add_worksheet();
    ws.set_name(&funding_name)?;
    headings(ws, 0, &["source_id", "source", "planned", "spent"], &st.bold)?;
    for (r, s) in (1u32..).zip(&plan.funding_sources) {
        ws.write_string(r, 0, s.id.as_str())?;
        ws.write_string_with_format(r, 1, &s.name, &st.wrap)?;
        let line = report.and_then(|x| x.funding.iter().find(|l| l.source == s.id));
        for (c, n) in [(2u16, line.and_then(|l| l.planned)), (3, line.and_then(|l| l.spent))] {
            match n {
                Some(n) => ws.write_number_with_format(r, c, n.get() as f64, &st.input)?,
                None => ws.write_blank(r, c, &st.input)?,
            };
        }
        lines.push(meta(&funding_name, r, "funding", s.id.as_str(), [""; 4]));
    }
    if !plan.funding_sources.is_empty() {
        ws.add_data_validation(1, 2, plan.funding_sources.len() as u32, 3, &whole)?;
    }
    ws.set_column_width(1, 45)?;
    ws.set_column_width(2, 18)?;
    ws.set_column_width(3, 18)?;
    ws.protect();

    // The narrative (form version 3): for each content area of the plan,
    // the outline's four sections as text, which the province's
    // consolidated report quotes under the unit's name.
    let narrative_name = msg::excel_sheet("narrative").0;
    let ws = wb.add_worksheet();
    ws.set_name(&narrative_name)?;
    headings(ws, 0, &["area_id", "area"], &st.bold)?;
    for (c, s) in (2u16..).zip(NarrativeSection::ALL) {
        ws.write_string_with_format(0, c, msg::narrative_section(s).0, &st.bold)?;
    }
    for (r, area) in (1u32..).zip(&plan.content_areas) {
        ws.write_string(r, 0, area.number.to_string())?;
        ws.write_string_with_format(r, 1, &area.title, &st.wrap)?;
        let written = report.and_then(|x| x.narrative.iter().find(|n| n.area == area.number));
        for (c, s) in (2u16..).zip(NarrativeSection::ALL) {
            match written.and_then(|n| n.section(s)) {
                Some(text) => ws.write_string_with_format(r, c, text, &st.text)?,
                None => ws.write_blank(r, c, &st.text)?,
            };
        }
        lines.push(meta(&narrative_name, r, "narrative", &area.number.to_string(), [""; 4]));
    }
    ws.set_column_width(1, 30)?;
    for c in 2..=5 {
        ws.set_column_width(c, 45)?;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.protect();

    // What reading it back needs.
    let ws = wb.add_worksheet();
    ws.set_name(META)?;
    let head: [(&str, String); 8] = [
        (MARK, FORM_VERSION.to_string()),
        ("plan", plan.number.clone()),
        ("unit", unit.as_str().to_string()),
        (
            "kind",
            serde_json::to_value(entry.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        ),
        ("from", entry.period.from.iso()),
        ("to", entry.period.to.iso()),
        ("entry", entry.id.clone()),
        ("submitted", reference(&values_name, SUBMITTED_AT.0, SUBMITTED_AT.1)),
    ];
    for (r, (k, v)) in (0u32..).zip(head.iter()) {
        ws.write_string(r, 0, *k)?;
        ws.write_string(r, 1, v)?;
    }
    for (r, line) in (10u32..).zip(&lines) {
        for (c, text) in (0u16..).zip(line) {
            ws.write_string(r, c, text)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(wb.save_to_buffer()?)
}

/// Where each value of a report read from a form sat: JSON Pointer → cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormCells(BTreeMap<String, String>);

impl FormCells {
    /// The cell of a pointer: the longest pointer recorded that starts it
    /// (`/values/3/total` → the total's cell; `/values/3/cells/0` → its first cell).
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        let mut p = path;
        while !p.is_empty() {
            if let Some(c) = self.0.get(p) {
                return Some(c);
            }
            p = p.rfind('/').and_then(|i| p.get(..i)).unwrap_or_default();
        }
        None
    }
    /// Names the cell in the context of every finding that points into a value (`cell`).
    pub fn place(&self, findings: &mut [Finding]) {
        crate::finding::place_cells(&self.0, findings);
    }
    /// Every pointer and its cell, in pointer order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }
}

/// A form read back: the report (or the findings that say why not), and
/// where each value sat.
#[derive(Clone, Debug)]
pub struct FormRead {
    pub read: Read<Report>,
    pub cells: FormCells,
}

fn failed(f: Finding) -> FormRead {
    FormRead { read: Read { value: None, findings: vec![f], source: None }, cells: FormCells::default() }
}

fn malformed(problem: &str, message: (String, String)) -> Finding {
    Finding::new(Code::Malformed, "", message).with("problem", problem)
}

fn too_large(limit: usize, actual: usize, names: (&str, &str, &str)) -> Finding {
    Finding::new(Code::TooLarge, "", msg::too_large(names.0, names.1, limit as u64, Some(actual as u64)))
        .with("limit", limit as u64)
        .with("limit_name", names.2)
        .with("actual", actual as u64)
}

/// A cell's content as what a person meant: a number, text, or nothing.
#[derive(Clone, Debug, PartialEq)]
enum Typed {
    Number(f64),
    Text(String),
    Date(f64),
    Bool(bool),
}

fn typed(d: &DataRef) -> Option<Typed> {
    match d {
        DataRef::Int(i) => Some(Typed::Number(*i as f64)),
        DataRef::Float(x) => Some(Typed::Number(*x)),
        DataRef::String(s) => Some(Typed::Text(s.clone())),
        DataRef::SharedString(s) => Some(Typed::Text((*s).to_string())),
        DataRef::Bool(b) => Some(Typed::Bool(*b)),
        DataRef::DateTime(t) => Some(Typed::Date(t.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(Typed::Text(s.clone())),
        DataRef::Error(e) => Some(Typed::Text(e.to_string())),
        DataRef::Empty => None,
    }
    .filter(|t| !matches!(t, Typed::Text(s) if s.trim().is_empty()))
}

/// A figure as JSON: numbers as they are; text read the Vietnamese way
/// ("1.234" → 1234), or left as text for the reader to refuse.
fn figure(t: &Typed) -> Value {
    figure_noted(t).0
}

/// [`figure`], and the text with what it was read as when a person typed a
/// number as text with a dot or a comma ("1.234"): the reading depends on
/// the Vietnamese convention, so the cell gets a `number_as_text` warning.
fn figure_noted(t: &Typed) -> (Value, Note) {
    let v = figure_plain(t);
    let note = match t {
        Typed::Text(s) if v.is_number() && s.contains(['.', ',']) => Some((s.trim().to_string(), v.clone())),
        _ => None,
    };
    (v, note)
}

fn figure_plain(t: &Typed) -> Value {
    let number = |x: f64| {
        if x.fract() == 0.0 && x.abs() <= crate::model::MAX_COUNT as f64 {
            json!(x as i64)
        } else {
            serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
        }
    };
    match t {
        Typed::Number(x) | Typed::Date(x) => number(*x),
        Typed::Text(s) => crate::numbers::parse_vi(s).map_or_else(|_| Value::String(s.trim().to_string()), number),
        Typed::Bool(b) => Value::Bool(*b),
    }
}

/// An Excel date serial as a day (1900 date system: day 0 is 30/12/1899).
fn serial_date(x: f64) -> Option<Date> {
    let base = Date::from_ymd(1899, 12, 30)?;
    let days = x.floor();
    if !(0.0..=2_958_465.0).contains(&days) {
        return None;
    }
    base.0.checked_add_days(chrono::Days::new(days as u64)).map(Date)
}

/// The sheets of a workbook as cells, every sheet read through its cell
/// stream (never a dense range: a cell at XFD1048576 costs one cell), with
/// at most `max_cells` non-empty cells in all.
struct Sheets {
    cells: BTreeMap<(String, u32, u16), Typed>,
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Sheets, Finding> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| malformed("not_a_workbook", msg::excel_not_a_workbook()))?;
    let names: Vec<String> = wb.sheet_names();
    if !names.iter().any(|n| n == META) {
        return Err(malformed("not_a_form", msg::excel_not_a_form()));
    }
    let mut cells = BTreeMap::new();
    let max_cells = limits.max_nodes;
    // Text counts as what the workbook unpacks to: a shared string is
    // stored once but copied into every cell that names it, so a small file
    // whose cells all name one long string would otherwise grow without
    // bound (500 cells naming a 4 MB string: 2 GB).
    let most_text = limits.max_bytes.saturating_mul(UNPACKED_PER_BYTE);
    let mut text = 0usize;
    for name in names {
        // calamine's errors are typed: a reference past the grid is named
        // (the sheet, not the whole file, is what a person can look at).
        let unreadable = |e: calamine::XlsxError| match e {
            calamine::XlsxError::RowNumberOverflow | calamine::XlsxError::ColumnNumberOverflow => {
                malformed("cell_outside_grid", msg::excel_cell_outside_grid(&name)).with("sheet", name.as_str())
            }
            _ => malformed("not_a_workbook", msg::excel_not_a_workbook()),
        };
        let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) => return Err(unreadable(e)),
            };
            let (r, c) = cell.get_position();
            if let (Some(t), Ok(c)) = (typed(cell.get_value()), u16::try_from(c)) {
                if let Typed::Text(s) = &t {
                    text = text.saturating_add(s.len());
                    if text > most_text {
                        return Err(too_large(
                            most_text,
                            text,
                            ("kích thước khi giải nén", "size unpacked", "max_bytes"),
                        ));
                    }
                }
                cells.insert((name.clone(), r, c), t);
                if cells.len() > max_cells {
                    return Err(too_large(
                        max_cells,
                        cells.len(),
                        ("số ô có dữ liệu", "number of cells with data", "max_nodes"),
                    ));
                }
            }
        }
    }
    Ok(Sheets { cells })
}

impl Sheets {
    /// Every row that holds a cell, once, by sheet and row.
    fn rows(&self) -> Vec<(String, u32)> {
        let mut out: Vec<(String, u32)> = self.cells.keys().map(|(s, r, _)| (s.clone(), *r)).collect();
        out.dedup();
        out
    }
    fn get(&self, sheet: &str, row: u32, col: u16) -> Option<&Typed> {
        self.cells.get(&(sheet.to_string(), row, col))
    }
    fn text(&self, sheet: &str, row: u32, col: u16) -> Option<String> {
        match self.get(sheet, row, col)? {
            Typed::Text(s) => Some(s.clone()),
            Typed::Number(x) => Some(crate::numbers::plain(*x)),
            _ => None,
        }
    }
    /// What a person wrote in a text cell (a note, a narrative section),
    /// whatever the spreadsheet made of it: "15/3" that Excel turned into a
    /// date is that day as written in Vietnam, TRUE is TRUE; nothing typed
    /// is dropped.
    fn written(&self, sheet: &str, row: u32, col: u16) -> Option<String> {
        match self.get(sheet, row, col)? {
            Typed::Date(x) => {
                // A serial's fraction is the time of day: "14:30" typed
                // alone is 0.604..., a day and a time both.
                let minutes = ((x.fract() * 1440.0).round() as u32).min(1439);
                let time = format!("{}:{:02}", minutes / 60, minutes % 60);
                let day = serial_date(x.floor()).map(crate::calendar::format_vi_short);
                Some(match day {
                    _ if *x >= 0.0 && *x < 1.0 => time,
                    Some(d) if minutes > 0 => format!("{d} {time}"),
                    Some(d) => d,
                    None => crate::numbers::plain(*x),
                })
            }
            Typed::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
            _ => self.text(sheet, row, col),
        }
    }
}

/// One input row of the form, as its hidden sheet lists it.
struct Line {
    sheet: String,
    row: u32,
    what: String,
    id: String,
    key: CellKey,
    part: Option<Part>,
    /// The activity an output row belongs to.
    activity: Option<String>,
    /// What the row's label cell (column C) said when the form was made
    /// (forms of version 2; none in version 1).
    label: Option<String>,
}

fn lines(s: &Sheets) -> Option<Vec<Line>> {
    let mut out = Vec::new();
    for r in 10u32.. {
        let Some(sheet) = s.text(META, r, 0) else { break };
        let row: u32 = s.text(META, r, 1)?.parse().ok()?;
        let what = s.text(META, r, 2)?;
        let id = s.text(META, r, 3)?;
        let key = match s.text(META, r, 4) {
            Some(k) => serde_json::from_str(&k).ok()?,
            None => CellKey::new(),
        };
        let part = s.text(META, r, 5).and_then(|p| Part::from_code(&p));
        let activity = s.text(META, r, 6);
        let label = s.text(META, r, 7);
        out.push(Line { sheet, row: row.checked_sub(1)?, what, id, key, part, activity, label });
    }
    Some(out)
}

/// What a row of the form shows of itself: the texts of its columns A, B
/// and C, as the form wrote them.
type RowId = (String, Option<String>, Option<String>);

/// The identity a line's row must show: the id in column A (for an
/// output, the activity in A and the indicator in B), and the label in C
/// where the hidden sheet kept it.
fn identity(l: &Line) -> RowId {
    match l.what.as_str() {
        "output" => (l.activity.clone().unwrap_or_default(), Some(l.id.clone()), l.label.clone()),
        _ => (l.id.clone(), None, l.label.clone()),
    }
}

/// Finds each line's row where a person may have moved it (sorted the
/// sheet, cut and pasted rows): a row that no longer shows its identity is
/// looked for by identity on its sheet, once, through an index. A line
/// whose row is nowhere, or not one row only, is dropped with a
/// `malformed` finding (`row_not_found`), so no figure is read from the
/// wrong row and none is lost unsaid.
fn relocate(sheets: &Sheets, lines: Vec<Line>) -> (Vec<Line>, Vec<Finding>) {
    let shows = |sheet: &str, row: u32, id: &RowId| {
        sheets.text(sheet, row, 0).as_deref() == Some(id.0.as_str())
            && id.1.as_ref().is_none_or(|b| sheets.text(sheet, row, 1).as_deref() == Some(b.as_str()))
            && id.2.as_ref().is_none_or(|c| sheets.text(sheet, row, 2).as_deref() == Some(c.as_str()))
    };
    let mut index: Option<BTreeMap<(String, RowId), Vec<u32>>> = None;
    let mut kept = Vec::new();
    let mut findings = Vec::new();
    for mut l in lines {
        let id = identity(&l);
        if shows(&l.sheet, l.row, &id) {
            kept.push(l);
            continue;
        }
        let index = index.get_or_insert_with(|| row_index(sheets));
        match index.get(&(l.sheet.clone(), id.clone())).map(Vec::as_slice) {
            Some([row]) => {
                l.row = *row;
                kept.push(l);
            }
            _ => findings.push(
                malformed("row_not_found", msg::excel_row_not_found(&l.sheet, l.row + 1, &l.id, l.label.as_deref()))
                    .with("cell", reference(&l.sheet, l.row, 0))
                    .with("id", l.id.as_str()),
            ),
        }
    }
    // A row that shows a line's identity but is not the row read for it (a
    // row pasted again while the original stayed where it was): what is
    // typed on it is not read, so the reader says so rather than drop it.
    let index = index.get_or_insert_with(|| row_index(sheets));
    let read: BTreeSet<(&str, u32)> = kept.iter().map(|l| (l.sheet.as_str(), l.row)).collect();
    let mut told: BTreeSet<(&str, u32)> = BTreeSet::new();
    for l in &kept {
        let Some(rows) = index.get(&(l.sheet.clone(), identity(l))) else { continue };
        let inputs: &[u16] = match l.what.as_str() {
            "value" | "output" => &[3, 4, 5],
            "narrative" => &[2, 3, 4, 5],
            _ => &[2, 3],
        };
        for &r in rows {
            let at = (l.sheet.as_str(), r);
            if read.contains(&at) || told.contains(&at) || !inputs.iter().any(|c| sheets.get(&l.sheet, r, *c).is_some())
            {
                continue;
            }
            told.insert(at);
            findings.push(
                malformed("row_copied", msg::excel_row_copied(&l.sheet, r + 1, &l.id, l.row + 1))
                    .with("cell", reference(&l.sheet, r, 0))
                    .with("id", l.id.as_str()),
            );
        }
    }
    (kept, findings)
}

/// Every row of every sheet by what it shows: (A, B, C), and (A) alone,
/// (A, B) and (A, C) for older forms and rows that keep no label.
fn row_index(sheets: &Sheets) -> BTreeMap<(String, RowId), Vec<u32>> {
    let mut m: BTreeMap<(String, RowId), Vec<u32>> = BTreeMap::new();
    for (sheet, row) in sheets.rows() {
        let a = sheets.text(&sheet, row, 0).unwrap_or_default();
        let b = sheets.text(&sheet, row, 1);
        let c = sheets.text(&sheet, row, 2);
        // Once per distinct key: with B or C empty two of these are the
        // same key, and a row listed twice under its own identity was never
        // "one row" (a sorted sheet lost rows).
        let keys: BTreeSet<RowId> = [
            (a.clone(), None, None),
            (a.clone(), b.clone(), None),
            (a.clone(), None, c.clone()),
            (a.clone(), b.clone(), c.clone()),
        ]
        .into_iter()
        .collect();
        for key in keys {
            m.entry((sheet.clone(), key)).or_default().push(row);
        }
    }
    m
}

/// How many bytes a workbook's parts may unpack to for each byte of
/// `limits.max_bytes` (4 MiB by default, so 32 MiB): a form unpacks to about
/// six times its file (a Lai Châu form: 21,368 bytes, 125,565 unpacked).
pub const UNPACKED_PER_BYTE: usize = 8;

/// What a workbook's parts unpack to, when it is more than `most`: first
/// the sizes its zip directory declares (nothing unpacked), then the parts
/// themselves streamed into a small buffer, stopping past `most` (a form
/// unpacks in a millisecond; a bomb costs at most `most` bytes of work and
/// no memory). The zip reader itself stops a part at its declared size, so
/// a directory that understates a part makes it unreadable (calamine then
/// says `not_a_workbook`); this count does not depend on that. None when
/// the parts fit, or when it is not a zip.
fn unpacked_past(bytes: &[u8], most: usize) -> Option<usize> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let most = most as u64;
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        declared = declared.saturating_add(archive.by_index_raw(i).map_or(0, |f| f.size()));
    }
    if declared > most {
        return Some(usize::try_from(declared).unwrap_or(usize::MAX));
    }
    let mut seen: u64 = 0;
    for i in 0..archive.len() {
        // A part that cannot be opened or unpacked (encrypted, damaged) is
        // left to calamine, which answers for the workbook as a whole.
        let Ok(mut part) = archive.by_index(i) else { continue };
        // Counted as it comes (an error partway still counts what came).
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n @ 1..) = part.read(&mut buf) {
            seen = seen.saturating_add(n as u64);
            if seen > most {
                return Some(usize::try_from(seen).unwrap_or(usize::MAX));
            }
        }
    }
    None
}

/// A number a person typed as text, and what it was read as ([`figure_noted`]).
type Note = Option<(String, Value)>;

/// A value being built: the indicator, its own fields, its cells' fields.
type Entry = (String, Map<String, Value>, Vec<(CellKey, Map<String, Value>)>);

/// Figures typed on a sheet's rows, grouped into values: one entry per
/// indicator in the form's order (its breakdown cells after), and where each
/// figure sat, before the entries with nothing typed are left out.
struct Gathered {
    values: Vec<Entry>,
    /// (value, cell of the value, field path, the cell's reference, text read as a number)
    figures: Vec<(usize, Option<usize>, String, String, Note)>,
    /// (value, cell of the value, the input cells of its first row)
    rows: Vec<(usize, Option<usize>, String)>,
}

/// The figures of `lines` (rows of values, or of one activity's outputs).
fn gather(sheets: &Sheets, lines: &[&Line]) -> Gathered {
    let mut values: Vec<Entry> = Vec::new();
    let mut figures = Vec::new();
    let mut rows: Vec<(usize, Option<usize>, String)> = Vec::new();
    for l in lines {
        let Some(part) = l.part else { continue };
        let i = match values.iter().position(|(id, _, _)| id == &l.id) {
            Some(i) => i,
            None => {
                values.push((l.id.clone(), Map::new(), Vec::new()));
                values.len() - 1
            }
        };
        let cols: &[(u16, &str)] =
            if part == Part::Stated { &[(5, "stated")] } else { &[(3, "female"), (4, "male"), (5, "total")] };
        let mut any = false;
        for (col, field) in cols {
            let Some(t) = sheets.get(&l.sheet, l.row, *col) else { continue };
            let Some((_, own, cell_list)) = values.get_mut(i) else { continue };
            let target: &mut Map<String, Value> = if l.key.is_empty() {
                own
            } else {
                let j = match cell_list.iter().position(|(k, _)| k == &l.key) {
                    Some(j) => j,
                    None => {
                        cell_list.push((l.key.clone(), Map::new()));
                        cell_list.len() - 1
                    }
                };
                match cell_list.get_mut(j) {
                    Some((_, m)) => m,
                    None => continue,
                }
            };
            let (read, note) = figure_noted(t);
            let path = match part {
                Part::Numerator | Part::Denominator => {
                    let split = target.entry(part.code()).or_insert_with(|| json!({}));
                    if let Some(o) = split.as_object_mut() {
                        o.insert((*field).to_string(), read);
                    }
                    format!("{}/{field}", part.code())
                }
                Part::Counts | Part::Stated => {
                    target.insert((*field).to_string(), read);
                    (*field).to_string()
                }
            };
            let j = (!l.key.is_empty())
                .then(|| values.get(i).and_then(|(_, _, cl)| cl.iter().position(|(k, _)| k == &l.key)))
                .flatten();
            figures.push((i, j, path, reference(&l.sheet, l.row, *col), note));
            any = true;
        }
        // A finding about the whole value or cell (a split required, a
        // breakdown incomplete) names the input cells of its first row.
        if any {
            let j = (!l.key.is_empty())
                .then(|| values.get(i).and_then(|(_, _, cl)| cl.iter().position(|(k, _)| k == &l.key)))
                .flatten();
            let first = cols.first().map_or(5, |c| c.0);
            let last = cols.last().map_or(5, |c| c.0);
            let range = if first == last {
                reference(&l.sheet, l.row, first)
            } else {
                format!("{}:{}", reference(&l.sheet, l.row, first), a1(l.row, last))
            };
            if !rows.iter().any(|(a, b, _)| *a == i && *b == j) {
                rows.push((i, j, range));
            }
        }
    }
    Gathered { values, figures, rows }
}

impl Gathered {
    /// Nothing typed on any of the rows.
    fn is_empty(&self) -> bool {
        self.values.iter().all(|(_, own, cells)| own.is_empty() && cells.is_empty())
    }

    /// The entries as JSON under `base` (`/values`, `/activities/2/outputs`):
    /// indicators with nothing typed are left out and the pointers follow the
    /// entries kept; each figure's cell goes into `cells`, each number read
    /// from text into `notes`.
    fn place(
        self,
        base: &str,
        cells: &mut BTreeMap<String, String>,
        notes: &mut Vec<(String, (String, Value))>,
    ) -> Vec<Value> {
        let mut kept = Vec::new();
        let mut index_of = BTreeMap::new();
        for (i, (id, own, cell_list)) in self.values.into_iter().enumerate() {
            if own.is_empty() && cell_list.is_empty() {
                continue;
            }
            let mut entry = Map::new();
            entry.insert("indicator".into(), json!(id));
            entry.extend(own);
            if !cell_list.is_empty() {
                let list: Vec<Value> = cell_list
                    .into_iter()
                    .map(|(k, m)| {
                        let mut c = Map::new();
                        c.insert("by".into(), json!(k));
                        c.extend(m);
                        Value::Object(c)
                    })
                    .collect();
                entry.insert("cells".into(), Value::Array(list));
            }
            index_of.insert(i, kept.len());
            kept.push(Value::Object(entry));
        }
        let at = |i: usize, j: Option<usize>| {
            let k = index_of.get(&i)?;
            let value = pointer(base, k);
            Some(match j {
                Some(j) => pointer(&pointer(&value, "cells"), j),
                None => value,
            })
        };
        for (i, j, range) in self.rows {
            if let Some(p) = at(i, j) {
                cells.insert(p, range);
            }
        }
        for (i, j, path, cell, note) in self.figures {
            let Some(p) = at(i, j) else { continue };
            let p = format!("{p}/{path}");
            if let Some(n) = note {
                notes.push((p.clone(), n));
            }
            cells.insert(p, cell);
        }
        kept
    }
}

/// Reads a filled form: the report through the JSON reader (every rule of a
/// JSON report applies), and where each value sat. A workbook that is not
/// a form, corrupt or past `limits` gives a `malformed` or `too_large`
/// finding.
pub fn read_form(bytes: &[u8], limits: &Limits) -> FormRead {
    if bytes.len() > limits.max_bytes {
        return failed(too_large(limits.max_bytes, bytes.len(), ("kích thước", "size in bytes", "max_bytes")));
    }
    // A workbook is a zip: a small file whose parts unpack a thousandfold
    // (a zip bomb) is refused from its directory, before anything is unpacked.
    let most = limits.max_bytes.saturating_mul(UNPACKED_PER_BYTE);
    if let Some(unpacked) = unpacked_past(bytes, most) {
        return failed(too_large(most, unpacked, ("kích thước khi giải nén", "size unpacked", "max_bytes")));
    }
    // calamine indexes its tables without checking them on some damaged
    // files (a shared string's number past the list): such a panic is a
    // workbook that cannot be read, not the host's crash.
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(bytes, limits)));
    let sheets = match loaded {
        Ok(Ok(s)) => s,
        Ok(Err(f)) => return failed(f),
        Err(_) => return failed(malformed("not_a_workbook", msg::excel_not_a_workbook())),
    };
    if sheets.text(META, 0, 0).as_deref() != Some(MARK) {
        return failed(malformed("not_a_form", msg::excel_not_a_form()));
    }
    let version = sheets.text(META, 0, 1).and_then(|v| v.parse::<u64>().ok());
    match version {
        Some(v) if v <= FORM_VERSION => {}
        Some(v) => {
            return failed(malformed("form_version", msg::excel_form_version(v, FORM_VERSION)).with("version", v))
        }
        None => return failed(malformed("not_a_form", msg::excel_not_a_form())),
    }
    let Some(lines) = lines(&sheets) else {
        return failed(malformed("not_a_form", msg::excel_not_a_form()));
    };
    let (lines, moved) = relocate(&sheets, lines);
    let head = |r: u32| sheets.text(META, r, 1).unwrap_or_default();
    let mut cells = BTreeMap::new();
    let mut doc = Map::new();
    doc.insert("plan".into(), json!(head(1)));
    doc.insert("unit".into(), json!(head(2)));
    doc.insert("kind".into(), json!(head(3)));
    doc.insert("period".into(), json!({"from": head(4), "to": head(5)}));
    // The submission date: a date cell, or text typed the Vietnamese way.
    let values_name = msg::excel_sheet("values").0;
    cells.insert("/submitted".to_string(), reference(&values_name, SUBMITTED_AT.0, SUBMITTED_AT.1));
    if let Some(t) = sheets.get(&values_name, SUBMITTED_AT.0, SUBMITTED_AT.1) {
        let v = match t {
            Typed::Date(x) | Typed::Number(x) => serial_date(*x).map_or(json!(x), |d| json!(d.iso())),
            Typed::Text(s) => crate::api::parse_date(s).map_or_else(|_| json!(s.trim()), |d| json!(d.iso())),
            Typed::Bool(b) => json!(b),
        };
        doc.insert("submitted".into(), v);
    }

    // Values: one entry per indicator, in the form's order; its cells after.
    let value_lines: Vec<&Line> = lines.iter().filter(|l| l.what == "value").collect();
    let mut notes: Vec<(String, (String, Value))> = Vec::new();
    let values = gather(&sheets, &value_lines).place("/values", &mut cells, &mut notes);
    doc.insert("values".into(), Value::Array(values));

    // Activities: a status picked (or typed), a note, and the activity's
    // own figures (its outputs) from the outputs sheet.
    let mut activities = Vec::new();
    for l in lines.iter().filter(|l| l.what == "activity") {
        let status = sheets.get(&l.sheet, l.row, 2);
        let note = sheets.written(&l.sheet, l.row, 3);
        let output_lines: Vec<&Line> =
            lines.iter().filter(|o| o.what == "output" && o.activity.as_deref() == Some(l.id.as_str())).collect();
        let outputs = gather(&sheets, &output_lines);
        // An activity with nothing typed is not reported; one with figures
        // but no status is, and the reader says the status is missing.
        if status.is_none() && note.is_none() && outputs.is_empty() {
            continue;
        }
        let at = pointer("/activities", activities.len());
        let mut a = Map::new();
        a.insert("activity".into(), json!(l.id));
        let outputs = outputs.place(&pointer(&at, "outputs"), &mut cells, &mut notes);
        if !outputs.is_empty() {
            a.insert("outputs".into(), Value::Array(outputs));
        }
        if let Some(t) = status {
            let text = match t {
                Typed::Text(s) => s.trim().to_string(),
                other => figure(other).to_string(),
            };
            let code = ActivityStatus::ALL
                .iter()
                .find(|s| {
                    let (vi, en) = msg::activity_status(**s);
                    let code = serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_lowercase));
                    [Some(vi.to_lowercase()), Some(en.to_lowercase()), code].contains(&Some(text.to_lowercase()))
                })
                .and_then(|s| serde_json::to_value(s).ok());
            a.insert("status".into(), code.unwrap_or(Value::String(text)));
            cells.insert(pointer(&at, "status"), reference(&l.sheet, l.row, 2));
        }
        if let Some(n) = note {
            a.insert("note".into(), json!(n));
            cells.insert(pointer(&at, "note"), reference(&l.sheet, l.row, 3));
        }
        cells.insert(at, reference(&l.sheet, l.row, 2));
        activities.push(Value::Object(a));
    }
    doc.insert("activities".into(), Value::Array(activities));

    // Funding: planned and spent by source.
    let mut funding = Vec::new();
    for l in lines.iter().filter(|l| l.what == "funding") {
        let planned = sheets.get(&l.sheet, l.row, 2);
        let spent = sheets.get(&l.sheet, l.row, 3);
        if planned.is_none() && spent.is_none() {
            continue;
        }
        let at = pointer("/funding", funding.len());
        let mut f = Map::new();
        f.insert("source".into(), json!(l.id));
        for (t, field, col) in [(planned, "planned", 2u16), (spent, "spent", 3)] {
            if let Some(t) = t {
                let (read, note) = figure_noted(t);
                f.insert(field.into(), read);
                if let Some(n) = note {
                    notes.push((pointer(&at, field), n));
                }
                cells.insert(pointer(&at, field), reference(&l.sheet, l.row, col));
            }
        }
        cells.insert(at, reference(&l.sheet, l.row, 2));
        funding.push(Value::Object(f));
    }
    doc.insert("funding".into(), Value::Array(funding));

    // Narrative: the sections written for each content area (forms of
    // version 3; earlier forms have no such rows).
    let mut narrative = Vec::new();
    let narrative_lines: Vec<&Line> = lines.iter().filter(|l| l.what == "narrative").collect();
    // A finding about the narrative as a whole (a plan's required sections
    // and nothing written) points at the sheet's input cells.
    if let (Some(first), Some(last)) = (narrative_lines.first(), narrative_lines.last()) {
        let (top, bottom) = (first.row.min(last.row), first.row.max(last.row));
        cells.insert("/narrative".into(), format!("{}:{}", reference(&first.sheet, top, 2), a1(bottom, 5)));
    }
    for l in narrative_lines {
        let at = pointer("/narrative", narrative.len());
        let mut n = Map::new();
        let mut places = Vec::new();
        for (c, s) in (2u16..).zip(NarrativeSection::ALL) {
            let field = s.code();
            // Every section's cell, written or not: a section the plan
            // requires and nobody wrote is pointed at where it goes.
            places.push((pointer(&at, field), reference(&l.sheet, l.row, c)));
            if let Some(text) = sheets.written(&l.sheet, l.row, c) {
                n.insert(field.into(), json!(text));
            }
        }
        if n.is_empty() {
            continue;
        }
        cells.extend(places);
        // The area's number is in column A.
        cells.insert(pointer(&at, "area"), reference(&l.sheet, l.row, 0));
        // The area as the number the plan gives it (the hidden sheet's text).
        let area = l.id.parse::<u64>().map_or_else(|_| json!(l.id), |a| json!(a));
        n.insert("area".into(), area);
        cells.insert(at, reference(&l.sheet, l.row, 2));
        narrative.push(Value::Object(n));
    }
    if !narrative.is_empty() {
        doc.insert("narrative".into(), Value::Array(narrative));
    }

    // The report the form holds, held to `max_bytes` as its JSON text would
    // be: a form's text may be far larger than its file (cells naming one
    // shared string), and a filled form gets the findings its JSON would.
    let doc = Value::Object(doc);
    let size = serde_json::to_vec(&doc).map_or(usize::MAX, |v| v.len());
    if size > limits.max_bytes {
        return failed(too_large(
            limits.max_bytes,
            size,
            ("kích thước của báo cáo đọc từ biểu mẫu", "size of the report read from the form", "max_bytes"),
        ));
    }
    let cells = FormCells(cells);
    let mut read = read::report_from_value_with(doc, limits);
    // A number read from text is worth a look only where the reader kept it
    // (a report that cannot be read has its own findings to show).
    // Rows not found: their figures were not read, and the report says so.
    read.findings.extend(moved);
    if read.value.is_some() {
        for (at, (text, x)) in notes {
            read.findings.push(
                Finding::new(Code::NumberAsText, at, msg::excel_number_as_text(&text, x.as_f64().unwrap_or_default()))
                    .with("text", text.as_str())
                    .with("read", x),
            );
        }
        crate::finding::sort(&mut read.findings);
    }
    cells.place(&mut read.findings);
    // The report keeps its cells, so that validation's findings name them too.
    if let Some(r) = &mut read.value {
        r.positions.cells = cells.0.clone();
    }
    FormRead { read, cells }
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\\`.
fn sheet_name(s: &str) -> String {
    s.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect()
}

/// Counts the Vietnamese way whatever the reader's locale: 1.234.567.
const VI_COUNT: &str = "[$-42A]#,##0";
/// Percents, ratios and rates: 37,4.
const VI_DECIMAL: &str = "[$-42A]#,##0.0##";

/// The summary as a workbook: a sheet per schedule entry (figures by unit,
/// indicator, breakdown cell and sex), then completeness, progress, funding
/// and (unless `publish`) the accounting of every report with its findings.
/// With `publish`, the tables are those of [`crate::publish`]: small counts
/// of violence withheld (an empty cell), and no accounting, whose messages
/// quote the figures.
pub fn summary_workbook(
    summary: &crate::aggregate::Summary,
    plan: &Plan,
    catalog: &Catalog,
    publish: bool,
) -> Result<Vec<u8>, FormError> {
    let tables = crate::publish::tables_as(summary, plan, catalog, publish);
    let lookup = Lookup::new(plan, catalog);
    let bold = Format::new().set_bold().set_text_wrap();
    let count = Format::new().set_num_format(VI_COUNT);
    let decimal = Format::new().set_num_format(VI_DECIMAL);
    let mut wb = Workbook::new();

    // Figures: one sheet per schedule entry, one row per unit, indicator and cell.
    let mut entries: Vec<&str> = Vec::new();
    for r in &tables.figures {
        if !entries.contains(&r.entry.as_str()) {
            entries.push(&r.entry);
        }
    }
    for entry in entries {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(entry))?;
        headings(ws, 0, &["unit", "unit_name", "indicator_id", "indicator", "cell", "female", "male", "total"], &bold)?;
        let mut rows: Vec<(&crate::output::FigureRow, [Option<f64>; 3])> = Vec::new();
        for r in tables.figures.iter().filter(|r| r.entry == entry) {
            let i = match rows.iter().position(|(x, _)| x.unit == r.unit && x.indicator == r.indicator && x.by == r.by)
            {
                Some(i) => i,
                None => {
                    rows.push((r, [None; 3]));
                    rows.len() - 1
                }
            };
            let slot = match r.sex.as_str() {
                "F" => 0,
                "M" => 1,
                _ => 2,
            };
            if let Some((_, v)) = rows.get_mut(i) {
                if let Some(x) = v.get_mut(slot) {
                    *x = if r.suppressed { None } else { r.value };
                }
            }
        }
        for (row, (r, v)) in (1u32..).zip(&rows) {
            let ind = lookup.indicator(&r.indicator);
            let resolved = ind.map(|i| breakdown::resolve(&lookup, i)).unwrap_or_default();
            ws.write_string(row, 0, r.unit.as_str())?;
            ws.write_string(row, 1, &r.unit_name)?;
            ws.write_string(row, 2, r.indicator.as_str())?;
            ws.write_string(row, 3, ind.map_or("", |i| i.name_vi.as_str()))?;
            ws.write_string(row, 4, cell_label(&r.by, &resolved))?;
            let fmt =
                if ind.is_some_and(|i| i.measure.is_fraction() || i.aggregation == crate::Aggregation::NotAdditive) {
                    &decimal
                } else {
                    &count
                };
            for (c, x) in (5u16..).zip(v) {
                if let Some(x) = x {
                    ws.write_number_with_format(row, c, *x, fmt)?;
                }
            }
        }
        ws.set_column_width(1, 28)?;
        ws.set_column_width(3, 48)?;
        ws.set_column_width(4, 24)?;
        ws.set_freeze_panes(1, 0)?;
    }

    // Completeness and timeliness.
    let ws = wb.add_worksheet();
    ws.set_name(msg::excel_sheet("completeness").0)?;
    headings(ws, 0, &["entry", "unit", "unit_name", "state", "status"], &bold)?;
    for (row, r) in (1u32..).zip(&tables.completeness) {
        ws.write_string(row, 0, &r.entry)?;
        ws.write_string(row, 1, r.unit.as_str())?;
        ws.write_string(row, 2, &r.unit_name)?;
        ws.write_string(row, 3, r.timeliness.name_vi())?;
        ws.write_string(
            row,
            4,
            msg::report_status(if r.rejected {
                crate::validate::Status::Rejected
            } else {
                crate::validate::Status::Used
            })
            .0,
        )?;
    }
    ws.set_column_width(2, 28)?;

    // Progress against targets.
    let ws = wb.add_worksheet();
    ws.set_name(msg::excel_sheet("progress").0)?;
    headings(ws, 0, &["entry", "indicator_id", "indicator", "unit", "target", "value", "achieved"], &bold)?;
    for (row, r) in (1u32..).zip(&tables.progress) {
        ws.write_string(row, 0, &r.entry)?;
        ws.write_string(row, 1, r.indicator.as_str())?;
        ws.write_string(row, 2, format!("{} ({})", r.name_vi, r.year))?;
        ws.write_string(row, 3, r.unit.as_ref().map_or("", |u| u.as_str()))?;
        ws.write_number_with_format(row, 4, r.target, &decimal)?;
        if let Some(v) = r.value {
            ws.write_number_with_format(row, 5, v, &decimal)?;
        }
        ws.write_string(row, 6, msg::progress_status(r.status).0)?;
    }
    ws.set_column_width(2, 48)?;

    // Funding by source.
    let ws = wb.add_worksheet();
    ws.set_name(msg::excel_sheet("funding").0)?;
    headings(ws, 0, &["entry", "source_id", "source", "planned", "spent"], &bold)?;
    for (row, r) in (1u32..).zip(&tables.funding) {
        ws.write_string(row, 0, &r.entry)?;
        ws.write_string(row, 1, r.source.as_str())?;
        ws.write_string(row, 2, &r.source_name)?;
        for (c, n) in [(3u16, r.planned), (4, r.spent)] {
            if let Some(n) = n {
                ws.write_number_with_format(row, c, n.get() as f64, &count)?;
            }
        }
    }
    ws.set_column_width(2, 40)?;
    ws.set_column_width(3, 18)?;
    ws.set_column_width(4, 18)?;

    // The accounting: every report, its standing and its findings.
    if !publish {
        let ws = wb.add_worksheet();
        ws.set_name(msg::excel_sheet("accounting").0)?;
        headings(ws, 0, &["file", "unit", "status", "code", "cell", "message"], &bold)?;
        let mut row = 1u32;
        for o in &summary.accounting {
            let status = msg::report_status(o.status).0;
            let first = std::iter::once(None).filter(|_| o.findings.is_empty());
            for f in first.chain(o.findings.iter().map(Some)) {
                ws.write_string(row, 0, o.source.as_deref().unwrap_or_default())?;
                ws.write_string(row, 1, o.unit.as_ref().map_or("", |u| u.as_str()))?;
                ws.write_string(row, 2, &status)?;
                if let Some(f) = f {
                    let place = f.context.get("cell").and_then(Value::as_str).unwrap_or(f.path.as_str());
                    ws.write_string(row, 3, f.code.as_str())?;
                    ws.write_string(row, 4, place)?;
                    ws.write_string(row, 5, &f.message_vi)?;
                }
                row += 1;
            }
        }
        ws.set_column_width(0, 30)?;
        ws.set_column_width(5, 80)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Whether bytes look like an `.xlsx` workbook (a zip file), for hosts that
/// take JSON and workbooks alike.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 5), "F12");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(reference("Chỉ tiêu", 6, 2), "'Chỉ tiêu'!C7");
    }

    #[test]
    fn pointers_find_their_cell() {
        let cells = FormCells(BTreeMap::from([
            ("/values/0/total".to_string(), "'Chỉ tiêu'!F10".to_string()),
            ("/funding/0".to_string(), "'Kinh phí'!C2".to_string()),
        ]));
        assert_eq!(cells.cell_of("/values/0/total"), Some("'Chỉ tiêu'!F10"));
        assert_eq!(cells.cell_of("/funding/0/source"), Some("'Kinh phí'!C2"));
        assert_eq!(cells.cell_of("/values/1"), None);
        assert_eq!(cells.cell_of(""), None);
    }

    #[test]
    fn serials_are_days_from_1899() {
        assert_eq!(serial_date(45632.0).map(Date::iso).as_deref(), Some("2024-12-06"));
        assert_eq!(serial_date(-1.0), None);
    }

    #[test]
    fn text_figures_read_the_vietnamese_way() {
        assert_eq!(figure(&Typed::Text("1.234".into())), json!(1234));
        assert_eq!(figure(&Typed::Text(" 12 ".into())), json!(12));
        assert_eq!(figure(&Typed::Text("mười".into())), json!("mười"));
        assert_eq!(figure(&Typed::Number(7.0)), json!(7));
        assert_eq!(figure(&Typed::Number(7.5)), json!(7.5));
    }
}
