//! The reporting calendar: kinds of report, covered periods, due dates,
//! timeliness, and dates written the Vietnamese way.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::Date;

/// The kind of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportKind {
    /// Báo cáo 6 tháng.
    SixMonth,
    /// Báo cáo năm.
    Annual,
    /// Báo cáo đột xuất (on request).
    AdHoc,
}

impl ReportKind {
    pub fn name_vi(self) -> &'static str {
        match self {
            ReportKind::SixMonth => "báo cáo 6 tháng",
            ReportKind::Annual => "báo cáo năm",
            ReportKind::AdHoc => "báo cáo đột xuất",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            ReportKind::SixMonth => "six-month report",
            ReportKind::Annual => "annual report",
            ReportKind::AdHoc => "ad-hoc report",
        }
    }
}

/// The days a report's data covers (kỳ báo cáo), both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Period {
    /// First day covered.
    pub from: Date,
    /// Last day covered (the data cut-off, thời gian chốt số liệu).
    pub to: Date,
}

impl Period {
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
    pub fn overlaps(&self, other: &Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }
    /// The period of `kind` for `year` under Decree 09/2019/NĐ-CP, Art. 12:
    /// six-month 15/12 of the year before to 14/6; annual 15/12 of the year
    /// before to 14/12. Plans may set their own; these are defaults.
    pub fn decree_09(kind: ReportKind, year: i32) -> Option<Period> {
        let from = Date::from_ymd(year.checked_sub(1)?, 12, 15)?;
        let to = match kind {
            ReportKind::SixMonth => Date::from_ymd(year, 6, 14)?,
            ReportKind::Annual => Date::from_ymd(year, 12, 14)?,
            ReportKind::AdHoc => return None,
        };
        Some(Period { from, to })
    }
}

/// One entry of a plan's reporting schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScheduleEntry {
    /// Id within the plan (`2024-6m`).
    pub id: String,
    pub kind: ReportKind,
    /// The period the data covers.
    pub period: Period,
    /// Hạn nộp: a report is on time when submitted on or before this day.
    pub due: Date,
    /// Where the period comes from (`Nghị định 09/2019/NĐ-CP, Điều 12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

impl ScheduleEntry {
    /// The six-month and annual entries for `year` with Decree 09 periods and
    /// the given due dates (month, day) in that year.
    pub fn decree_09_defaults(year: i32, six_month_due: (u32, u32), annual_due: (u32, u32)) -> Vec<ScheduleEntry> {
        let mut out = Vec::new();
        for (kind, (m, d), suffix) in
            [(ReportKind::SixMonth, six_month_due, "6m"), (ReportKind::Annual, annual_due, "annual")]
        {
            if let (Some(period), Some(due)) = (Period::decree_09(kind, year), Date::from_ymd(year, m, d)) {
                out.push(ScheduleEntry {
                    id: format!("{year}-{suffix}"),
                    kind,
                    period,
                    due,
                    basis: Some("Nghị định 09/2019/NĐ-CP, Điều 12".into()),
                });
            }
        }
        out
    }
}

/// Where an expected report stands at a given date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Timeliness {
    /// Đúng hạn: received on or before the due date.
    OnTime,
    /// Nộp muộn: received after the due date.
    Late,
    /// Chưa nộp, quá hạn: nothing received and the due date has passed.
    Missing,
    /// Chưa đến hạn: nothing received yet, and the due date has not passed.
    NotYetDue,
}

impl Timeliness {
    /// Timeliness of a report due on `due`, submitted on `submitted` (if at all), seen on `as_of`.
    ///
    /// A report dated after `as_of` has not been received as of that date.
    pub fn at(due: Date, submitted: Option<Date>, as_of: Date) -> Timeliness {
        match submitted.filter(|s| *s <= as_of) {
            Some(s) if s <= due => Timeliness::OnTime,
            Some(_) => Timeliness::Late,
            None if as_of > due => Timeliness::Missing,
            None => Timeliness::NotYetDue,
        }
    }
    pub fn name_vi(self) -> &'static str {
        match self {
            Timeliness::OnTime => "đúng hạn",
            Timeliness::Late => "nộp muộn",
            Timeliness::Missing => "chưa nộp (quá hạn)",
            Timeliness::NotYetDue => "chưa đến hạn",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Timeliness::OnTime => "on time",
            Timeliness::Late => "late",
            Timeliness::Missing => "missing",
            Timeliness::NotYetDue => "not yet due",
        }
    }
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date in a known form: {0:?} (use 2024-04-24, 24/4/2024 or \"ngày 24 tháng 4 năm 2024\")")]
    Form(String),
    #[error("no such day: {0:?}")]
    NoSuchDay(String),
}

/// Reads `YYYY-MM-DD` strictly (the JSON form).
pub fn parse_iso(s: &str) -> Result<Date, DateError> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => ymd(s, y, m, d),
        _ => Err(DateError::Form(s.to_string())),
    }
}

fn number<T: std::str::FromStr>(whole: &str, part: &str) -> Result<T, DateError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Form(whole.to_string()));
    }
    part.parse().map_err(|_| DateError::Form(whole.to_string()))
}

fn ymd(whole: &str, y: &str, m: &str, d: &str) -> Result<Date, DateError> {
    let (y, m, d) = (number::<i32>(whole, y)?, number::<u32>(whole, m)?, number::<u32>(whole, d)?);
    Date::from_ymd(y, m, d).ok_or_else(|| DateError::NoSuchDay(whole.to_string()))
}

/// Reads a date as officers write it: `2024-04-24`, `24/4/2024`, `24/04/2024`,
/// `24-4-2024`, `24.4.2024`, or `ngày 24 tháng 4 năm 2024` (any case, extra
/// spaces allowed).
pub fn parse_vi(s: &str) -> Result<Date, DateError> {
    let t = s.trim();
    if t.split('-').next().is_some_and(|y| y.len() == 4) {
        return parse_iso(t);
    }
    // 24/4/2024, and the same with dashes or dots, as forms and spreadsheets write it.
    if let Some(sep) = ['/', '-', '.'].into_iter().find(|c| t.contains(*c)) {
        let parts: Vec<&str> = t.split(sep).collect();
        return match parts.as_slice() {
            [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => ymd(s, y, m, d),
            _ => Err(DateError::Form(s.to_string())),
        };
    }
    let nfc = crate::nfc::nfc(t);
    let words: Vec<&str> = nfc.split_whitespace().collect();
    // The three words as officers write them, in any case. Matching them
    // directly keeps Unicode's case tables out of the WebAssembly module.
    let is = |w: &str, forms: [&str; 3]| forms.contains(&w);
    match words.as_slice() {
        [a, d, b, m, c, y]
            if is(a, ["ngày", "Ngày", "NGÀY"])
                && is(b, ["tháng", "Tháng", "THÁNG"])
                && is(c, ["năm", "Năm", "NĂM"]) =>
        {
            ymd(s, y, m, d)
        }
        _ => Err(DateError::Form(s.to_string())),
    }
}

/// `ngày 24 tháng 4 năm 2024`, as a Vietnamese document prints a date.
pub fn format_vi_long(d: Date) -> String {
    format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
}

/// `24/4/2024`, the short Vietnamese form.
pub fn format_vi_short(d: Date) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        Date::from_ymd(y, m, dd).unwrap()
    }

    #[test]
    fn vietnamese_dates_print_and_read_back() {
        let day = d(2024, 4, 24);
        assert_eq!(format_vi_long(day), "ngày 24 tháng 4 năm 2024");
        assert_eq!(format_vi_short(day), "24/4/2024");
        for s in ["ngày 24 tháng 4 năm 2024", "Ngày 24 tháng 04 năm 2024", "24/4/2024", "24/04/2024", "2024-04-24"]
        {
            assert_eq!(parse_vi(s), Ok(day), "{s}");
        }
        // The seed prints the same kind of date with a leading zero: 04/6/2008.
        assert_eq!(parse_vi("04/6/2008"), Ok(d(2008, 6, 4)));
    }

    #[test]
    fn impossible_and_odd_dates_are_refused() {
        assert!(matches!(parse_vi("30/2/2024"), Err(DateError::NoSuchDay(_))));
        assert!(matches!(parse_iso("2023-02-29"), Err(DateError::NoSuchDay(_))));
        assert_eq!(parse_iso("2024-02-29"), Ok(d(2024, 2, 29)));
        for s in ["", "24.4.24", "2024-4-24", "ngày 24 tháng tư năm 2024", "+2024-04-24", "24/4/24"] {
            assert!(parse_vi(s).is_err(), "{s}");
        }
    }

    #[test]
    fn decree_09_periods() {
        let six = Period::decree_09(ReportKind::SixMonth, 2024).unwrap();
        assert_eq!((six.from, six.to), (d(2023, 12, 15), d(2024, 6, 14)));
        let year = Period::decree_09(ReportKind::Annual, 2024).unwrap();
        assert_eq!((year.from, year.to), (d(2023, 12, 15), d(2024, 12, 14)));
        assert_eq!(Period::decree_09(ReportKind::AdHoc, 2024), None);
        let entries = ScheduleEntry::decree_09_defaults(2024, (6, 5), (12, 5));
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].due, d(2024, 6, 5));
        assert_eq!(entries[1].due, d(2024, 12, 5));
    }

    #[test]
    fn timeliness_at_a_date() {
        let due = d(2024, 6, 5);
        assert_eq!(Timeliness::at(due, Some(d(2024, 6, 5)), d(2024, 7, 1)), Timeliness::OnTime);
        assert_eq!(Timeliness::at(due, Some(d(2024, 6, 6)), d(2024, 7, 1)), Timeliness::Late);
        assert_eq!(Timeliness::at(due, None, d(2024, 6, 6)), Timeliness::Missing);
        assert_eq!(Timeliness::at(due, None, d(2024, 6, 5)), Timeliness::NotYetDue);
        // Sent after the summary's date: not yet received as of that date.
        assert_eq!(Timeliness::at(due, Some(d(2024, 6, 20)), d(2024, 6, 10)), Timeliness::Missing);
    }
}
