//! Every sentence binhdang shows a person, in Vietnamese and in English.
//!
//! Kept in one place so that an officer who writes these reports can read
//! them all at once and correct a term. Terms follow DOMAIN.md's glossary:
//! báo cáo, chỉ tiêu, kỳ báo cáo, hạn nộp, nữ, nam, tổng số, tử số, mẫu số.

use crate::calendar::format_vi_short;
use crate::model::{Aggregation, Date, Dimension, Indicator, Measure, MAX_COUNT};
use crate::numbers::plain;
use crate::read::Kind;

type M = (String, String);

fn m(vi: String, en: String) -> M {
    (vi, en)
}

/// A kind of JSON value in words.
fn kind_words(k: Kind) -> (&'static str, &'static str) {
    match k {
        Kind::Null => ("giá trị rỗng", "null"),
        Kind::Bool => ("giá trị đúng/sai", "true or false"),
        Kind::WholeNumber => ("số nguyên", "a whole number"),
        Kind::Number => ("số", "a number"),
        Kind::Text => ("chuỗi ký tự", "text"),
        Kind::Date => ("ngày dạng NNNN-TT-NN (ví dụ 2024-06-05)", "a date YYYY-MM-DD (e.g. 2024-06-05)"),
        Kind::List => ("danh sách", "a list"),
        Kind::Object => ("đối tượng", "an object"),
    }
}

/// A whole number the Vietnamese way: 9.007.199.254.740.991.
fn int_vi(n: u64) -> String {
    crate::output::group_digits(n, crate::output::Lang::Vi)
}

/// A whole number the English way: 9,007,199,254,740,991.
fn int_en(n: u64) -> String {
    crate::output::group_digits(n, crate::output::Lang::En)
}

/// A number as typed, the Vietnamese way: a decimal comma (12,5), digits
/// grouped by dots (1.000.000).
fn typed_vi(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    match rest.parse::<u64>() {
        Ok(n) => format!("{sign}{}", int_vi(n)),
        Err(_) => text.replace('.', ","),
    }
}

pub fn not_csv() -> M {
    m(
        "Tệp danh sách đơn vị không đọc được dạng CSV (cần các cột \"id\", \"name\", \"kind\", \"parent\", \"valid_from\", \"valid_to\").".into(),
        "The units file cannot be read as CSV (columns id, name, kind, parent, valid_from, valid_to).".into(),
    )
}

pub fn empty_input() -> M {
    m("Dữ liệu trống: không có nội dung JSON.".into(), "Empty input: there is no JSON.".into())
}

pub fn not_json(line: usize, column: usize) -> M {
    m(
        format!("Dữ liệu không phải JSON hợp lệ (dòng {line}, cột {column})."),
        format!("Not valid JSON (line {line}, column {column})."),
    )
}

pub fn utf16() -> M {
    m(
        "Tệp được lưu dạng UTF-16, không phải UTF-8: hãy lưu lại với bảng mã UTF-8 (Unicode).".into(),
        "The file is UTF-16 text, not UTF-8: save it again as UTF-8.".into(),
    )
}

pub fn not_utf8(byte: usize) -> M {
    m(
        format!(
            "Dữ liệu không phải văn bản UTF-8 (lỗi mã hóa ở byte {byte}): hãy lưu lại với bảng mã UTF-8 (Unicode)."
        ),
        format!("The input is not UTF-8 text (bad encoding at byte {byte}): save it again as UTF-8."),
    )
}

pub fn lone_surrogate(byte: usize) -> M {
    m(
        format!("Văn bản chứa một nửa cặp ký tự Unicode thay thế, không phải ký tự hợp lệ (ở byte {byte})."),
        format!("The text holds half of a Unicode surrogate pair, which is not a character (at byte {byte})."),
    )
}

/// The same, written as a `\uD800` escape in JSON text.
pub fn lone_surrogate_escape() -> M {
    m(
        "Văn bản chứa một nửa cặp ký tự Unicode thay thế (dạng \\uD800), không phải ký tự hợp lệ.".into(),
        "The text holds half of a Unicode surrogate pair (as a \\uD800 escape), which is not a character.".into(),
    )
}

pub fn unreadable(reason: &str) -> M {
    match reason {
        "not_found" => m("Không tìm thấy tệp.".into(), "The file does not exist.".into()),
        "permission_denied" => m("Không có quyền đọc tệp.".into(), "Permission to read the file is denied.".into()),
        _ => m("Không đọc được tệp.".into(), "The file cannot be read.".into()),
    }
}

pub fn not_json_but_a_path(line: usize, column: usize) -> M {
    m(
        format!(
            "Dữ liệu không phải JSON hợp lệ (dòng {line}, cột {column}): đây có vẻ là đường dẫn tệp; hãy truyền chính tệp (trong Python: pathlib.Path), không phải chuỗi tên tệp."
        ),
        format!(
            "Not valid JSON (line {line}, column {column}): this looks like a file path; pass the file itself (in Python, a pathlib.Path), not its name as text."
        ),
    )
}

pub fn number_out_of_range() -> M {
    m("Số vượt quá phạm vi cho phép.".into(), "Number out of range.".into())
}

pub fn not_a_number() -> M {
    m(
        "NaN (không phải là số) không phải là giá trị JSON: bỏ trường này, hoặc để giá trị rỗng nếu không báo cáo."
            .into(),
        "NaN (not a number) is not a JSON value: leave the field out, or write null if it was not reported.".into(),
    )
}

pub fn big_integer() -> M {
    m(
        "Giá trị BigInt không phải là giá trị JSON: hãy ghi số dưới dạng số thường.".into(),
        "A BigInt is not a JSON value: give the number as a plain Number.".into(),
    )
}

pub fn cycle() -> M {
    m(
        "Giá trị này chứa chính nó (vòng lặp), JSON không biểu diễn được.".into(),
        "This value contains itself (a cycle), which JSON cannot hold.".into(),
    )
}

pub fn no_json_form(kind: &str) -> M {
    m(
        format!(
            "Giá trị kiểu {kind} không có dạng JSON: hãy ghi số, văn bản, true/false, null, danh sách hoặc đối tượng."
        ),
        format!("A value of type {kind} has no JSON form: give a number, text, true/false, null, a list or an object."),
    )
}

pub fn unreadable_value() -> M {
    m(
        "Không đọc được giá trị này: việc đọc nó gây ra lỗi.".into(),
        "This value could not be read: reading it raised an error.".into(),
    )
}

pub fn duplicate_key(key: &str) -> M {
    m(format!("Trường \"{key}\" xuất hiện hai lần."), format!("Field \"{key}\" appears twice."))
}

pub fn text_not_normalized(fixed: &str) -> M {
    let short: String = fixed.chars().take(40).collect();
    m(
        format!("Văn bản \"{short}\" chưa ở dạng Unicode dựng sẵn (NFC); đã chuẩn hóa."),
        format!("Text \"{short}\" is not in Unicode NFC; it was normalised."),
    )
}

pub fn not_an_object() -> M {
    m("Báo cáo phải là một đối tượng JSON.".into(), "A report must be a JSON object.".into())
}

pub fn negative(v: &str) -> M {
    m(
        format!("Số âm ({}) không hợp lệ: cần số nguyên từ 0 trở lên.", typed_vi(v)),
        format!("Negative number ({v}): a whole number from 0 is expected."),
    )
}

pub fn fraction(v: f64) -> M {
    m(format!("Giá trị {} phải là số nguyên.", decimal_vi(v)), format!("Value {} must be a whole number.", plain(v)))
}

pub fn too_big(v: &str, limit: u64) -> M {
    m(
        format!("Giá trị {} vượt quá giới hạn {}.", typed_vi(v), int_vi(limit)),
        format!("Value {v} is past the limit {limit}."),
    )
}

pub fn bad_date(v: &str, suggestion: Option<Date>) -> M {
    match suggestion {
        Some(d) => m(
            format!("\"{v}\" chưa đúng dạng ngày quy định: hãy ghi {} (năm-tháng-ngày).", d.iso()),
            format!("\"{v}\" is not in the required date form: write {} (year-month-day).", d.iso()),
        ),
        None => m(
            format!("\"{v}\" không phải ngày hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2024-06-05)."),
            format!("\"{v}\" is not a valid date (expected YYYY-MM-DD, e.g. 2024-06-05)."),
        ),
    }
}

pub fn missing_field(field: &str) -> M {
    m(format!("Thiếu trường bắt buộc \"{field}\"."), format!("Required field \"{field}\" is missing."))
}

pub fn not_a_typed_date(v: &str) -> M {
    m(
        format!("\"{v}\" không phải ngày hợp lệ: ghi dạng 4/12/2024, ngày 4 tháng 12 năm 2024 hoặc 2024-12-04."),
        format!("\"{v}\" is not a date: write 4/12/2024, ngày 4 tháng 12 năm 2024 or 2024-12-04."),
    )
}

pub fn not_a_typed_number(v: &str) -> M {
    m(
        format!("\"{v}\" không phải số: ghi dạng 1.234 hoặc 75,5."),
        format!("\"{v}\" is not a number: write it as 1.234 (thousands) or 75,5 (decimal comma)."),
    )
}

pub fn ambiguous_number(v: &str) -> M {
    m(
        format!(
            "\"{v}\" được ghi theo kiểu tiếng Anh (dấu phẩy phân cách hàng nghìn): hãy ghi dấu chấm phân cách hàng nghìn và dấu phẩy thập phân, ví dụ 1.234,5."
        ),
        format!("\"{v}\" is written the English way: in Vietnamese dots group thousands and the comma is decimal (1.234,5)."),
    )
}

pub fn unknown_word(got: &str, allowed: &[String]) -> M {
    let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
    m(
        format!("Giá trị \"{got}\" không hợp lệ; chỉ nhận một trong các giá trị: {list}."),
        format!("Value \"{got}\" is not allowed; expected one of: {list}."),
    )
}

pub fn word_for_object(got: &str, key: &str) -> M {
    m(
        format!("Cần ghi dạng đối tượng {{\"{key}\": \"{got}\"}}, không phải chuỗi \"{got}\"."),
        format!("Write the object {{\"{key}\": \"{got}\"}}, not the text \"{got}\"."),
    )
}

pub fn ignored_field(field: &str) -> M {
    m(
        format!("Trường \"{field}\" không có trong mẫu và không được sử dụng."),
        format!("Field \"{field}\" is not in the format and is not used."),
    )
}

pub fn refused_field(field: &str, allowed: &[&str]) -> M {
    let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
    m(
        format!("Trường \"{field}\" không hợp lệ ở đây; chỉ nhận: {list}."),
        format!("Field \"{field}\" is not allowed here; expected: {list}."),
    )
}

pub fn wrong_type(expected: Kind, actual: Kind) -> M {
    let (ev, ee) = kind_words(expected);
    let (av, ae) = kind_words(actual);
    m(format!("Sai kiểu dữ liệu: cần {ev}, nhận được {av}."), format!("Wrong type: expected {ee}, got {ae}."))
}

// --- validation ---

pub fn unknown_field(field: &str) -> M {
    m(
        format!("Trường \"{field}\" không có trong mẫu báo cáo; giá trị vẫn được giữ nguyên."),
        format!("Field \"{field}\" is not in the schema; its value is kept."),
    )
}

pub fn plan_mismatch(got: &str, expected: &str) -> M {
    m(
        format!("Báo cáo ghi số kế hoạch \"{got}\", không phải kế hoạch \"{expected}\"."),
        format!("The report cites plan \"{got}\", not plan \"{expected}\"."),
    )
}

pub fn sex_sum_mismatch(what_vi: &str, what_en: &str, total: u64, female: u64, male: u64) -> M {
    m(
        format!(
            "{what_vi}Tổng số ({}) không bằng số nữ ({}) cộng số nam ({}).",
            int_vi(total),
            int_vi(female),
            int_vi(male)
        ),
        format!("{what_en}Total ({}) is not female ({}) + male ({}).", int_en(total), int_en(female), int_en(male)),
    )
}

pub fn part_exceeds_total(total: u64, part_vi: &str, part_en: &str, part: u64) -> M {
    m(
        format!("Số {part_vi} ({}) lớn hơn tổng số ({}).", int_vi(part), int_vi(total)),
        format!("The {part_en} count ({}) is greater than the total ({}).", int_en(part), int_en(total)),
    )
}

pub fn numerator_exceeds_denominator(ind: &Indicator, num: u64, den: u64) -> M {
    m(
        format!(
            "Chỉ tiêu \"{}\": tử số ({}) lớn hơn mẫu số ({}), tỷ lệ vượt 100%.",
            ind.name_vi,
            int_vi(num),
            int_vi(den)
        ),
        format!(
            "Indicator \"{}\": the numerator ({}) is greater than the denominator ({}), over 100%.",
            ind.name_en,
            int_en(num),
            int_en(den)
        ),
    )
}

pub fn zero_denominator(ind: &Indicator, num: u64) -> M {
    m(
        format!("Chỉ tiêu \"{}\": mẫu số bằng 0 trong khi tử số là {}.", ind.name_vi, int_vi(num)),
        format!("Indicator \"{}\": the denominator is 0 while the numerator is {}.", ind.name_en, int_en(num)),
    )
}

pub fn stated_percent_mismatch(ind: &Indicator, stated: f64, computed: f64, tolerance: f64) -> M {
    // Two decimals by rounding, not `{:.2}`: the exact-digits formatter is
    // heavy in WebAssembly, and the shortest form of a rounded number reads the same.
    let computed = (computed * 100.0).round() / 100.0;
    m(
        format!(
            "Chỉ tiêu \"{}\": giá trị ghi trong báo cáo ({}) khác giá trị tính từ tử số và mẫu số ({}) quá {} điểm.",
            ind.name_vi,
            decimal_vi(stated),
            decimal_vi(computed),
            decimal_vi(tolerance)
        ),
        format!(
            "Indicator \"{}\": the stated figure ({}) differs from numerator ÷ denominator ({}) by more than {} points.",
            ind.name_en,
            plain(stated),
            plain(computed),
            plain(tolerance)
        ),
    )
}

pub fn unknown_indicator(id: &str) -> M {
    m(
        format!("Chỉ tiêu \"{id}\" không có trong kế hoạch hoặc danh mục chỉ tiêu."),
        format!("Indicator \"{id}\" is not in the plan or the catalogue."),
    )
}

pub fn unknown_unit(id: &str) -> M {
    m(
        format!("Đơn vị báo cáo \"{id}\" không có trong danh sách đơn vị của kế hoạch."),
        format!("Reporting unit \"{id}\" is not among the plan's units."),
    )
}

pub fn unit_not_valid(id: &str, name: &str, from: Option<Date>, to: Option<Date>) -> M {
    let span_vi = match (from, to) {
        (Some(f), Some(t)) => format!("từ {} đến {}", format_vi_short(f), format_vi_short(t)),
        (Some(f), None) => format!("từ {}", format_vi_short(f)),
        (None, Some(t)) => format!("đến {}", format_vi_short(t)),
        (None, None) => String::new(),
    };
    let span_en = match (from, to) {
        (Some(f), Some(t)) => format!("from {f} to {t}"),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => String::new(),
    };
    m(
        format!("Đơn vị \"{name}\" ({id}) chỉ tồn tại {span_vi}, không trùng kỳ báo cáo."),
        format!("Unit \"{name}\" ({id}) exists only {span_en}, outside the reporting period."),
    )
}

pub fn unknown_activity(id: &str) -> M {
    m(format!("Hoạt động \"{id}\" không có trong kế hoạch."), format!("Activity \"{id}\" is not in the plan."))
}

pub fn unknown_content_area(area: u32, last: Option<u32>) -> M {
    match last {
        Some(n) => m(
            format!("Nội dung số {area} không có trong kế hoạch (kế hoạch có các nội dung từ 1 đến {n})."),
            format!("Content area {area} is not in the plan (its content areas are 1 to {n})."),
        ),
        None => m(
            format!("Nội dung số {area} không có trong kế hoạch (kế hoạch không có nội dung nào)."),
            format!("Content area {area} is not in the plan (the plan has no content areas)."),
        ),
    }
}

/// A Word file that could not be written (the zip writer failed).
pub fn docx_failed(detail: &str) -> M {
    m(format!("Không ghi được tệp Word: {detail}"), format!("The Word file could not be written: {detail}"))
}

/// A narrative section's heading, as the outline prints it.
pub fn narrative_section(s: crate::model::NarrativeSection) -> (&'static str, &'static str) {
    use crate::model::NarrativeSection as S;
    match s {
        S::Results => ("Kết quả đạt được", "Results achieved"),
        S::Shortcomings => ("Tồn tại, hạn chế và nguyên nhân", "Shortcomings and their causes"),
        S::NextTasks => ("Nhiệm vụ trọng tâm kỳ tới", "Tasks for the next period"),
        S::Recommendations => ("Kiến nghị, đề xuất", "Recommendations"),
    }
}

pub fn narrative_missing(section: crate::model::NarrativeSection, area: Option<u32>) -> M {
    let (vi, en) = narrative_section(section);
    match area {
        Some(a) => m(
            format!("Phần \"{vi}\" của nội dung số {a} chưa được viết; kế hoạch yêu cầu phần này."),
            format!("The section \"{en}\" of content area {a} is not written; the plan requires it."),
        ),
        None => m(
            format!("Báo cáo chưa có phần \"{vi}\" cho nội dung nào của kế hoạch; kế hoạch yêu cầu phần này."),
            format!("The report has no section \"{en}\" on any content area of the plan; the plan requires it."),
        ),
    }
}

pub fn unknown_funding_source(id: &str) -> M {
    m(
        format!("Nguồn kinh phí \"{id}\" không có trong kế hoạch."),
        format!("Funding source \"{id}\" is not in the plan."),
    )
}

pub fn unit_not_expected(name: &str) -> M {
    m(
        format!("Kế hoạch không yêu cầu đơn vị \"{name}\" báo cáo."),
        format!("The plan does not ask \"{name}\" to report."),
    )
}

pub fn period_mismatch(
    kind_vi: &str,
    kind_en: &str,
    got_from: Date,
    got_to: Date,
    expected: Option<(Date, Date)>,
) -> M {
    match expected {
        Some((f, t)) => m(
            format!(
                "Kỳ báo cáo {} – {} không khớp với {kind_vi} của kế hoạch ({} – {}).",
                format_vi_short(got_from),
                format_vi_short(got_to),
                format_vi_short(f),
                format_vi_short(t)
            ),
            format!("Reporting period {got_from} – {got_to} does not match the plan's {kind_en} ({f} – {t})."),
        ),
        None => m(
            format!("Kế hoạch không có {kind_vi} cho kỳ {} – {}.", format_vi_short(got_from), format_vi_short(got_to)),
            format!("The plan has no {kind_en} for the period {got_from} – {got_to}."),
        ),
    }
}

pub fn duplicate_value(ind: &str, first: usize) -> M {
    m(
        format!("Chỉ tiêu \"{ind}\" được báo cáo hai lần (lần đầu ở dòng số liệu thứ {}).", first.saturating_add(1)),
        format!("Indicator \"{ind}\" is reported twice (first in value {}).", first.saturating_add(1)),
    )
}

/// A content area written on twice in one narrative.
pub fn duplicate_content_area(area: u32, first: usize) -> M {
    let n = first.saturating_add(1);
    m(
        format!("Nội dung số {area} được thuyết minh hai lần (lần đầu ở mục thứ {n}): mỗi nội dung chỉ ghi một lần, nếu không báo cáo tổng hợp sẽ trích dẫn cả hai."),
        format!("Content area {area} is written on twice (first as entry {n}): each is written once, or the consolidated report would quote both."),
    )
}

pub fn missing_required(ind: &str, name_vi: &str, name_en: &str) -> M {
    let (vi, en) = if name_vi.is_empty() { (ind, ind) } else { (name_vi, name_en) };
    m(
        format!("Chưa báo cáo số liệu chỉ tiêu bắt buộc \"{vi}\"."),
        format!("Required indicator \"{en}\" is not reported."),
    )
}

pub fn sex_breakdown_required(name_vi: &str, name_en: &str) -> M {
    m(
        format!("Chỉ tiêu \"{name_vi}\" phải tách số nữ và số nam, không chỉ ghi tổng số."),
        format!("Indicator \"{name_en}\" needs female and male counts, not only a total."),
    )
}

/// A value's field as the form labels it.
fn field_words(field: &str) -> (&str, &str) {
    match field {
        "female" => ("số nữ", "the female count"),
        "male" => ("số nam", "the male count"),
        "total" => ("tổng số", "the total"),
        "numerator" => ("tử số", "a numerator"),
        "denominator" => ("mẫu số", "a denominator"),
        "stated" => ("giá trị ghi trong báo cáo", "a stated figure"),
        "planned" => ("dự toán", "the planned amount"),
        "spent" => ("đã chi", "the amount spent"),
        other => (other, other),
    }
}

fn measure_words(ind: &Indicator) -> (&'static str, &'static str) {
    if ind.aggregation == Aggregation::NotAdditive {
        return ("chỉ tiêu không cộng dồn giữa các đơn vị", "a figure that is not added up across units");
    }
    match ind.measure {
        Measure::Count => ("chỉ tiêu đếm số lượng", "a count"),
        Measure::Money => ("chỉ tiêu về số tiền", "a sum of money"),
        Measure::Percent => ("chỉ tiêu tỷ lệ phần trăm", "a percent"),
        Measure::Ratio => ("chỉ tiêu tỷ số", "a ratio"),
        Measure::Rate { .. } => ("chỉ tiêu tỷ suất", "a rate"),
    }
}

fn list_words(fields: &[&str]) -> (String, String) {
    let vi: Vec<&str> = fields.iter().map(|f| field_words(f).0).collect();
    let en: Vec<&str> = fields.iter().map(|f| field_words(f).1).collect();
    (vi.join(", "), en.join(", "))
}

pub fn field_not_for_measure(ind: &Indicator, field: &str, allowed: &[&str]) -> M {
    let (fv, fe) = field_words(field);
    let (mv, me) = measure_words(ind);
    let (av, ae) = list_words(allowed);
    m(
        format!("Chỉ tiêu \"{}\" là {mv}: không ghi {fv}, chỉ ghi {av}.", ind.name_vi),
        format!("Indicator \"{}\" is {me}: it takes {ae}, not {fe}.", ind.name_en),
    )
}

pub fn numerator_denominator_required(ind: &Indicator, missing: &str) -> M {
    let (fv, fe) = field_words(missing);
    let (mv, me) = measure_words(ind);
    m(
        format!("Chỉ tiêu \"{}\" là {mv}: cần ghi cả tử số và mẫu số để tổng hợp; còn thiếu {fv}.", ind.name_vi),
        format!(
            "Indicator \"{}\" is {me}: both its numerator and denominator are needed to add it up; {fe} is missing.",
            ind.name_en
        ),
    )
}

pub fn field_not_used(field: &str, (where_vi, where_en): (&str, &str)) -> M {
    m(
        format!("Trường \"{field}\" có số liệu nhưng không thuộc mẫu {where_vi}: số liệu này sẽ không được tổng hợp."),
        format!("Field \"{field}\" holds a number but is not part of {where_en}: it would not be added up."),
    )
}

pub fn late_submission(submitted: Date, due: Date, days: i64) -> M {
    m(
        format!("Nộp muộn {days} ngày: ngày nộp {}, hạn nộp {}.", format_vi_short(submitted), format_vi_short(due)),
        format!("Submitted {days} days late: on {submitted}, due {due}."),
    )
}

pub fn submitted_before_period_end(submitted: Date, end: Date) -> M {
    m(
        format!("Ngày nộp ({}) trước khi kết thúc kỳ báo cáo ({}).", format_vi_short(submitted), format_vi_short(end)),
        format!("Submitted on {submitted}, before the reporting period ends ({end})."),
    )
}

pub fn annual_below_six_month(ind: &Indicator, annual: u64, six: u64) -> M {
    m(
        format!(
            "Chỉ tiêu \"{}\": số liệu cả năm ({}) thấp hơn số liệu 6 tháng ({}) của cùng đơn vị.",
            ind.name_vi,
            int_vi(annual),
            int_vi(six)
        ),
        format!(
            "Indicator \"{}\": the annual value ({}) is below the same unit's six-month value ({}).",
            ind.name_en,
            int_en(annual),
            int_en(six)
        ),
    )
}

pub fn outlier(ind: &Indicator, value: u64, previous: u64, factor: f64) -> M {
    m(
        format!(
            "Chỉ tiêu \"{}\": số liệu {} chênh lệch bất thường so với kỳ trước ({}), gấp hoặc kém hơn {} lần.",
            ind.name_vi,
            int_vi(value),
            int_vi(previous),
            decimal_vi(factor)
        ),
        format!(
            "Indicator \"{}\": the value {} is far from the previous period's ({}), by more than {} times.",
            ind.name_en,
            int_en(value),
            int_en(previous),
            plain(factor)
        ),
    )
}

pub fn duplicate_report(unit: &str, superseded_by: usize) -> M {
    m(
        format!(
            "Đơn vị \"{unit}\" đã nộp nhiều báo cáo cho cùng kỳ; báo cáo thứ {} (nộp sau) được sử dụng.",
            superseded_by.saturating_add(1)
        ),
        format!(
            "Unit \"{unit}\" sent more than one report for the same period; report {} (sent later) is used.",
            superseded_by.saturating_add(1)
        ),
    )
}

pub fn implicit_total_overflow(what_vi: &str, what_en: &str, female: u64, male: u64) -> M {
    m(
        format!(
            "{what_vi}Số nữ ({}) cộng số nam ({}) vượt quá giới hạn {}: không thể tính tổng số.",
            int_vi(female),
            int_vi(male),
            int_vi(MAX_COUNT)
        ),
        format!(
            "{what_en}Female ({}) + male ({}) passes the limit {}: there is no total.",
            int_en(female),
            int_en(male),
            int_en(MAX_COUNT)
        ),
    )
}

pub fn overflow(ind: &str) -> M {
    m(
        format!("Chỉ tiêu \"{ind}\": tổng vượt quá giới hạn {}, không thể cộng.", int_vi(MAX_COUNT)),
        format!("Indicator \"{ind}\": the sum passes the limit {} and cannot be added.", int_en(MAX_COUNT)),
    )
}

// --- plan checks ---

pub fn plan_unknown_unit(id: &str) -> M {
    m(
        format!("Kế hoạch nhắc đến đơn vị \"{id}\" nhưng không khai báo đơn vị này."),
        format!("The plan refers to unit \"{id}\" but does not define it."),
    )
}

pub fn plan_unknown_indicator(id: &str) -> M {
    m(
        format!("Kế hoạch nhắc đến chỉ tiêu \"{id}\" không có trong kế hoạch hoặc danh mục."),
        format!("The plan refers to indicator \"{id}\", which is neither in the plan nor in the catalogue."),
    )
}

pub fn plan_target_unknown_indicator(id: &str) -> M {
    m(
        format!("Kế hoạch đặt chỉ tiêu đề ra cho \"{id}\" nhưng chỉ tiêu này không tồn tại."),
        format!("The plan sets a target for \"{id}\", which does not exist."),
    )
}

pub fn plan_duplicate_id(what_vi: &str, what_en: &str, id: &str) -> M {
    m(format!("Mã {what_vi} \"{id}\" bị trùng."), format!("Duplicate {what_en} id \"{id}\"."))
}

pub fn plan_invalid_period(from: Date, to: Date) -> M {
    m(
        format!("Kỳ báo cáo kết thúc ({}) trước khi bắt đầu ({}).", format_vi_short(to), format_vi_short(from)),
        format!("The period ends ({to}) before it starts ({from})."),
    )
}

pub fn plan_due_before_period_start(due: Date, from: Date) -> M {
    m(
        format!("Hạn nộp ({}) trước ngày bắt đầu kỳ báo cáo ({}).", format_vi_short(due), format_vi_short(from)),
        format!("The due date ({due}) is before the period starts ({from})."),
    )
}

pub fn plan_due_before_period_end(due: Date, to: Date) -> M {
    m(
        format!(
            "Hạn nộp ({}) trước ngày chốt số liệu ({}): số liệu cuối kỳ sẽ là số ước tính.",
            format_vi_short(due),
            format_vi_short(to)
        ),
        format!("The due date ({due}) is before the data cut-off ({to}): end-of-period figures will be estimates."),
    )
}

pub fn plan_overlapping_windows(a: &str, b: &str) -> M {
    m(
        format!("Kỳ báo cáo \"{a}\" và \"{b}\" cùng loại nhưng chồng lấn nhau."),
        format!("Schedule entries \"{a}\" and \"{b}\" are of the same kind and overlap."),
    )
}

pub fn plan_unit_cycle(id: &str) -> M {
    m(format!("Đơn vị \"{id}\" có quan hệ cấp trên lặp vòng."), format!("Unit \"{id}\" has a parent chain that loops."))
}

pub fn submitted_before_period_start(submitted: Date, start: Date) -> M {
    m(
        format!(
            "Ngày nộp ({}) trước khi kỳ báo cáo bắt đầu ({}): không thể có báo cáo cho kỳ chưa bắt đầu.",
            format_vi_short(submitted),
            format_vi_short(start)
        ),
        format!("Submitted on {submitted}, before the reporting period starts ({start}): this cannot be true."),
    )
}

pub fn value_out_of_range(ind: &Indicator, stated: f64, low: f64, high: Option<f64>) -> M {
    let shown = decimal_vi(stated);
    match high {
        Some(h) => m(
            format!(
                "Chỉ tiêu \"{}\": giá trị {shown} nằm ngoài khoảng {} đến {}.",
                ind.name_vi,
                decimal_vi(low),
                decimal_vi(h)
            ),
            format!(
                "Indicator \"{}\": the value {} is outside {} to {}.",
                ind.name_en,
                plain(stated),
                plain(low),
                plain(h)
            ),
        ),
        None => m(
            format!("Chỉ tiêu \"{}\": giá trị {shown} không được nhỏ hơn {}.", ind.name_vi, decimal_vi(low)),
            format!("Indicator \"{}\": the value {} is below {}.", ind.name_en, plain(stated), plain(low)),
        ),
    }
}

/// A number the Vietnamese way: a decimal comma (75,5).
fn decimal_vi(x: f64) -> String {
    plain(x).replace('.', ",")
}

pub fn future_submission(submitted: Date, as_of: Date) -> M {
    m(
        format!("Ngày nộp ({}) sau ngày kiểm tra ({}).", format_vi_short(submitted), format_vi_short(as_of)),
        format!("The submission date ({submitted}) is after the date of the check ({as_of})."),
    )
}

pub fn findings_truncated(more: u64) -> M {
    m(
        format!("Còn {more} phát hiện khác không được liệt kê (vượt giới hạn số phát hiện cho một báo cáo)."),
        format!("{more} more findings are not listed (past the limit on findings for one input)."),
    )
}

pub fn too_large(what_vi: &str, what_en: &str, limit: u64, actual: Option<u64>) -> M {
    match actual {
        Some(a) => m(
            format!("Dữ liệu vượt giới hạn {what_vi}: {} (tối đa {}).", int_vi(a), int_vi(limit)),
            format!("The input passes the limit on {what_en}: {} (at most {}).", int_en(a), int_en(limit)),
        ),
        None => m(
            format!("Dữ liệu vượt giới hạn {what_vi} (tối đa {}).", int_vi(limit)),
            format!("The input passes the limit on {what_en} (at most {}).", int_en(limit)),
        ),
    }
}

/// What an `ApiError` says; `first_vi`/`first_en`: its first finding with its place.
pub fn api_error(e: &crate::api::ApiError, first_vi: &str, first_en: &str) -> M {
    use crate::api::ApiError;
    match e {
        ApiError::Plan(_) => {
            m(format!("Không đọc được kế hoạch: {first_vi}"), format!("The plan cannot be read: {first_en}"))
        }
        ApiError::Report(_) => {
            m(format!("Không đọc được báo cáo: {first_vi}"), format!("The report cannot be read: {first_en}"))
        }
        ApiError::Limits(_) => {
            let names = crate::read::Limits::NAMES.join(", ");
            m(
                format!("Giới hạn không hợp lệ: {first_vi} (các trường: {names}; số nguyên không âm)."),
                format!("Invalid limits: {first_en} (fields: {names}; whole numbers)."),
            )
        }
        ApiError::Parse(_) => m(first_vi.to_string(), first_en.to_string()),
        ApiError::Date(text) => m(
            format!("Ngày không hợp lệ: \"{text}\" (dùng 2025-01-15, 15/1/2025 hoặc \"ngày 15 tháng 1 năm 2025\")."),
            format!("Not a date: \"{text}\" (use 2025-01-15, 15/1/2025 or \"ngày 15 tháng 1 năm 2025\")."),
        ),
        ApiError::Form((vi, en)) => m(vi.clone(), en.clone()),
        ApiError::Mapping(_) => m(
            format!("Không đọc được tệp ánh xạ DHIS2: {first_vi}"),
            format!("The DHIS2 mapping cannot be read: {first_en}"),
        ),
        ApiError::Language(code) => m(
            format!("Ngôn ngữ không hợp lệ: \"{code}\" (chỉ có \"vi\" hoặc \"en\")."),
            format!("Unknown language \"{code}\" (\"vi\" or \"en\")."),
        ),
        ApiError::Schema(name) => {
            // Written out rather than joined: the WebAssembly module is smaller.
            let names = "plan, report, catalog, finding, summary, tables, limits, events, step, transition, replay";
            m(
                format!("Không có lược đồ \"{name}\"; chỉ có: {names}"),
                format!("Unknown schema \"{name}\"; one of: {names}"),
            )
        }
    }
}

/// An argument of a binding's function that is not of a kind it takes.
pub fn wrong_argument(name: &str, expected: (&str, &str)) -> M {
    m(format!("{name}: cần {}.", expected.0), format!("{name}: expected {}.", expected.1))
}

/// A function of a module the page has not loaded yet (the JavaScript
/// package's province and workbook modules): `init` is the call that loads it.
pub fn module_not_loaded(init: &str) -> M {
    m(
        format!("Mô-đun của hàm này chưa được tải: hãy gọi \"await {init}()\" trước."),
        format!("This function's module is not loaded: call \"await {init}()\" first."),
    )
}

/// An option a binding's function does not have.
pub fn unknown_option(name: &str, allowed: &[&str]) -> M {
    let list = allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ");
    m(
        format!("Tùy chọn \"{name}\" không có; chỉ có: {list}."),
        format!("There is no option \"{name}\"; the options are: {list}."),
    )
}

/// The kinds of argument the bindings name in those errors.
pub const A_LIST_OF_REPORTS: (&str, &str) =
    ("danh sách báo cáo (mảng), kể cả khi chỉ có một báo cáo", "a list (array) of reports, even of one");
pub const A_DATE: (&str, &str) = (
    "ngày: chuỗi như \"2025-01-15\" hoặc \"15/1/2025\", hoặc đối tượng ngày (Date, datetime)",
    "a date: text such as \"2025-01-15\" or \"15/1/2025\", or a date object (Date, datetime)",
);
pub const OPTIONS: (&str, &str) = ("đối tượng tùy chọn", "an options object");
pub const A_LOG_OF_EVENTS: (&str, &str) = (
    "nhật ký sự kiện: danh sách (mảng) sự kiện, văn bản JSON hoặc đường dẫn tới một tệp (trong Python: pathlib.Path)",
    "a log of events: a list (array) of events, JSON text, or a path to a file (in Python, a pathlib.Path)",
);
pub const A_STEP: (&str, &str) =
    ("một bước của quy trình: đối tượng hoặc văn bản JSON", "a step of the workflow: an object or JSON text");
pub const A_DOCUMENT: (&str, &str) = (
    "một kế hoạch hoặc báo cáo: đối tượng, văn bản JSON hoặc đường dẫn tới một tệp (trong Python: pathlib.Path)",
    "a plan or report: an object, JSON text, or the path of one file (in Python, a pathlib.Path)",
);
pub const A_FILE: (&str, &str) = (
    "nội dung một tệp (báo cáo .xlsx hoặc .json): các byte (Uint8Array hoặc ArrayBuffer; trong Python: bytes)",
    "the contents of a file (an .xlsx or .json report): bytes (a Uint8Array or an ArrayBuffer; in Python, bytes)",
);
pub const A_TEXT: (&str, &str) = ("văn bản (chuỗi)", "text (a string)");
pub const A_BOOLEAN: (&str, &str) = ("true hoặc false", "true or false");
pub const REPORTS_OR_FOLDER: (&str, &str) = (
    "danh sách báo cáo, hoặc một thư mục (trong Python: pathlib.Path) chứa các tệp .json",
    "a list of reports, or a folder (in Python, a pathlib.Path) of .json files",
);

// --- the workflow: a report's life (docs/workflow.md) ---

use crate::workflow::{Action, State};

/// "A or B or C" in each language, each word in its own language's form.
fn either(words: &[(&str, &str)]) -> (String, String) {
    let vi: Vec<&str> = words.iter().map(|w| w.0).collect();
    let en: Vec<&str> = words.iter().map(|w| w.1).collect();
    (vi.join(" hoặc "), en.join(" or "))
}

pub fn transition_not_allowed(state: State, action: Action, allowed: &[Action]) -> M {
    let (av, ae) = either(&allowed.iter().map(|a| (a.verb_vi(), a.past_en())).collect::<Vec<_>>());
    let frozen = action == Action::Submit && matches!(state, State::Accepted | State::Locked);
    let (fv, fe) = if frozen {
        (
            " Phiên bản đã duyệt không được sửa: cơ quan thường trực mở lại báo cáo thì đơn vị mới nộp được phiên bản mới.",
            " An accepted version is frozen: the standing agency reopens the report before a new version is submitted.",
        )
    } else {
        ("", "")
    };
    m(
        format!(
            "Báo cáo đang ở trạng thái \"{}\": không thể {}, chỉ có thể {av}.{fv}",
            state.name_vi(),
            action.verb_vi()
        ),
        format!("The report is {}: it cannot be {}, only {ae}.{fe}", state.phrase_en(), action.past_en()),
    )
}

pub fn unknown_actor(id: &str) -> M {
    m(
        format!("Đơn vị \"{id}\" không có trong danh sách đơn vị của kế hoạch."),
        format!("Unit \"{id}\" is not among the plan's units."),
    )
}

pub fn not_permitted_submit(unit: &str, by: &str) -> M {
    m(
        format!("Chỉ đơn vị \"{unit}\" được nộp báo cáo của mình; \"{by}\" không nộp thay được."),
        format!("Only \"{unit}\" submits its own report; \"{by}\" cannot submit it."),
    )
}

pub fn not_permitted_review(action: Action, reviewer: &str, by: &str) -> M {
    m(
        format!(
            "Chỉ cơ quan thường trực \"{reviewer}\" được {} báo cáo; \"{by}\" không có quyền này.",
            action.verb_vi()
        ),
        format!("Only the standing agency \"{reviewer}\" may {} a report; \"{by}\" may not.", action.verb_en()),
    )
}

pub fn reason_required(action: Action) -> M {
    m(
        format!("Cần ghi lý do khi {} báo cáo.", action.verb_vi()),
        format!("A reason is required to {} a report.", action.verb_en()),
    )
}

pub fn version_mismatch(action: Action, current: u32, expected: Option<u32>, actual: u32) -> M {
    match (action, expected) {
        (Action::Submit, Some(e)) => m(
            format!("Phiên bản nộp mới phải là phiên bản {e} (phiên bản hiện hành là {current}), không phải {actual}."),
            format!("A new version is version {e} (the current one is {current}), not {actual}."),
        ),
        (Action::Submit, None) => m(
            format!("Không còn số phiên bản nào sau phiên bản {current}."),
            format!("No version number is left after version {current}."),
        ),
        _ => m(
            format!(
                "Phiên bản hiện hành là phiên bản {current}, không phải {actual}: đơn vị có thể đã nộp phiên bản mới hơn phiên bản đã xem."
            ),
            format!("The current version is {current}, not {actual}: a newer version may have been submitted since."),
        ),
    }
}

pub fn date_before_previous(date: Date, previous: Date) -> M {
    m(
        format!(
            "Ngày {} trước ngày chuyển trạng thái gần nhất của báo cáo ({}): ngày không được lùi lại.",
            format_vi_short(date),
            format_vi_short(previous)
        ),
        format!("The date {date} is before the report's last change ({previous}): dates never go backwards."),
    )
}

pub fn future_event(date: Date, as_of: Date) -> M {
    m(
        format!("Ngày {} sau ngày kiểm tra ({}).", format_vi_short(date), format_vi_short(as_of)),
        format!("The date {date} is after the date of the check ({as_of})."),
    )
}

pub fn correction_same_day(version: u32, date: Date) -> M {
    m(
        format!(
            "Phiên bản {version} được nộp cùng ngày ({}) với phiên bản mà nó sửa: các báo cáo được phân biệt theo ngày nộp, nên phiên bản sửa được nộp từ ngày hôm sau.",
            format_vi_short(date)
        ),
        format!(
            "Version {version} is submitted on the same day ({date}) as the version it corrects: reports are told apart by their submission dates, so a correction is submitted on a later day."
        ),
    )
}

pub fn unknown_entry(entry: &str) -> M {
    m(format!("Kế hoạch không có kỳ báo cáo \"{entry}\"."), format!("The plan has no schedule entry \"{entry}\"."))
}

pub fn report_not_asked(name: &str, entry: &str) -> M {
    m(
        format!("Kế hoạch không yêu cầu đơn vị \"{name}\" báo cáo, nên đơn vị không có báo cáo \"{entry}\"."),
        format!("The plan does not ask \"{name}\" to report, so it has no \"{entry}\" report."),
    )
}

pub fn report_unit_not_valid(name: &str, entry: &str, from: Date, to: Date) -> M {
    m(
        format!(
            "Đơn vị \"{name}\" không tồn tại trong kỳ báo cáo \"{entry}\" ({} – {}).",
            format_vi_short(from),
            format_vi_short(to)
        ),
        format!("Unit \"{name}\" does not exist during the schedule entry \"{entry}\" ({from} – {to})."),
    )
}

/// A field of a report's standing in words.
fn standing_field(field: &str) -> (&str, &str) {
    match field {
        "submitted" => ("ngày nộp", "submission date"),
        "date" => ("ngày chuyển trạng thái", "date of a change"),
        "reason" => ("lý do", "reason"),
        other => (other, other),
    }
}

/// What is wrong with a standing a host passed: `problem` is `draft_version`
/// (a draft with a version), `not_in_draft` (a draft with a date or reason),
/// `no_version`, `missing` (a field the state needs), `submitted_after_date`
/// or `date_not_submitted` (a report awaiting review last changed on another day).
pub fn standing_inconsistent(
    state: State,
    field: &str,
    problem: &str,
    submitted: Option<Date>,
    date: Option<Date>,
) -> M {
    let (sv, se) = (state.name_vi(), state.phrase_en());
    let (fv, fe) = standing_field(field);
    let vi_date = |d: Option<Date>| d.map(format_vi_short).unwrap_or_default();
    let en_date = |d: Option<Date>| d.map(|d| d.iso()).unwrap_or_default();
    match problem {
        "draft_version" => m(
            "Báo cáo chưa nộp (nháp) chưa có phiên bản nào: số phiên bản phải là 0.".into(),
            "A draft has no version yet: its version is 0.".into(),
        ),
        "not_in_draft" => m(format!("Báo cáo chưa nộp (nháp) không có {fv}."), format!("A draft has no {fe}.")),
        "no_version" => m(
            format!("Báo cáo ở trạng thái \"{sv}\" phải có số phiên bản từ 1 trở lên."),
            format!("A report that is {se} has a version from 1 up."),
        ),
        "submitted_after_date" => m(
            format!(
                "Ngày nộp phiên bản hiện hành ({}) sau ngày chuyển trạng thái gần nhất ({}).",
                vi_date(submitted),
                vi_date(date)
            ),
            format!(
                "The current version's submission date ({}) is after the last change ({}).",
                en_date(submitted),
                en_date(date)
            ),
        ),
        "date_not_submitted" => m(
            format!(
                "Báo cáo ở trạng thái \"{sv}\" có ngày chuyển trạng thái gần nhất là ngày nộp ({}), không phải {}.",
                vi_date(submitted),
                vi_date(date)
            ),
            format!(
                "A report that is {se} was last changed on its submission date ({}), not on {}.",
                en_date(submitted),
                en_date(date)
            ),
        ),
        _ => m(format!("Báo cáo ở trạng thái \"{sv}\" phải có {fv}."), format!("A report that is {se} has a {fe}.")),
    }
}

/// The summary and the workflow disagree on one unit's report: `workflow`
/// is the current version and its submission date, `used` the submission
/// date of the report the summary settled on.
pub fn state_mismatch(name: &str, entry: &str, workflow: Option<(u32, Date)>, used: Option<Date>) -> M {
    match (workflow, used) {
        (Some((v, s)), Some(u)) => m(
            format!(
                "Tổng hợp dùng báo cáo \"{entry}\" của \"{name}\" nộp ngày {}, nhưng phiên bản hiện hành (phiên bản {v}) được nộp ngày {}.",
                format_vi_short(u),
                format_vi_short(s)
            ),
            format!(
                "The summary uses the \"{entry}\" report of \"{name}\" submitted on {u}, but its current version (version {v}) was submitted on {s}."
            ),
        ),
        (Some((v, s)), None) => m(
            format!(
                "Tổng hợp không có báo cáo \"{entry}\" của \"{name}\" nộp ngày {} (phiên bản hiện hành, phiên bản {v}).",
                format_vi_short(s)
            ),
            format!("The summary has no \"{entry}\" report of \"{name}\" submitted on {s} (its current version, version {v})."),
        ),
        (None, u) => m(
            format!(
                "Tổng hợp dùng báo cáo \"{entry}\" của \"{name}\" nộp ngày {}, nhưng báo cáo này chưa được nộp theo quy trình duyệt.",
                u.map(format_vi_short).unwrap_or_default()
            ),
            format!(
                "The summary uses the \"{entry}\" report of \"{name}\" submitted on {}, but the workflow has no submission of it.",
                u.map(|d| d.iso()).unwrap_or_default()
            ),
        ),
    }
}

// --- breakdowns beyond sex ---
// A dimension's name is quoted as the plan writes it, as an indicator's is:
// lowercasing it mid-sentence linked Unicode's case tables into the form
// module (7.8 kB of its gzipped size).

pub fn unknown_dimension(dimension: &str, ind: &Indicator) -> M {
    m(
        format!("Chỉ tiêu \"{}\" không phân tổ theo \"{dimension}\".", ind.name_vi),
        format!("Indicator \"{}\" is not broken down by \"{dimension}\".", ind.name_en),
    )
}

pub fn unknown_dimension_option(code: &str, dim: &Dimension) -> M {
    m(
        format!("\"{code}\" không phải là mã của phân tổ \"{}\" ({}).", dim.name_vi, codes(dim)),
        format!("\"{code}\" is not a code of the breakdown \"{}\" ({}).", dim.name_en, codes(dim)),
    )
}

/// The first codes of a dimension, for a message (the 54 ethnic groups are too many to list).
fn codes(dim: &Dimension) -> String {
    let all: Vec<&str> =
        dim.options.iter().map(|o| o.code.as_str()).chain(dim.groups.iter().map(|g| g.code.as_str())).collect();
    if all.len() <= 8 {
        all.join(", ")
    } else {
        let (head, tail) = (all.iter().take(4), all.iter().skip(all.len().saturating_sub(2)));
        format!("{}, …, {}", head.copied().collect::<Vec<_>>().join(", "), tail.copied().collect::<Vec<_>>().join(", "))
    }
}

pub fn duplicate_cell(first: usize) -> M {
    m(
        format!("Ô này trùng phân tổ với ô thứ {} của cùng chỉ tiêu.", first + 1),
        format!("This cell has the same key as cell {} of the same value.", first + 1),
    )
}

/// `complete`: every option of the breakdown has its cell (they must equal
/// the margin); otherwise some have (they must not exceed it).
pub fn breakdown_sum_mismatch(dim: &Dimension, margin: u64, sum: u64, complete: bool) -> M {
    if complete {
        m(
            format!(
                "Các ô theo \"{}\" cộng lại được {}, khác với {} đã ghi.",
                dim.name_vi,
                int_vi(sum),
                int_vi(margin)
            ),
            format!("The cells by \"{}\" add up to {}, not the {} stated.", dim.name_en, int_en(sum), int_en(margin)),
        )
    } else {
        m(
            format!(
                "Các ô đã ghi theo \"{}\" cộng lại được {}, lớn hơn {} đã ghi.",
                dim.name_vi,
                int_vi(sum),
                int_vi(margin)
            ),
            format!(
                "The cells given by \"{}\" add up to {}, more than the {} stated.",
                dim.name_en,
                int_en(sum),
                int_en(margin)
            ),
        )
    }
}

pub fn breakdown_missing(ind: &Indicator, dim: &Dimension) -> M {
    m(
        format!("Chỉ tiêu \"{}\" phải được phân tổ theo \"{}\".", ind.name_vi, dim.name_vi),
        format!("Indicator \"{}\" must be broken down by \"{}\".", ind.name_en, dim.name_en),
    )
}

pub fn breakdown_incomplete(dim: &Dimension, missing: &[&str]) -> M {
    let names =
        |vi: bool| -> String { missing.iter().map(|c| dim.name_of(c, vi).unwrap_or(c)).collect::<Vec<_>>().join(", ") };
    m(
        format!("Phân tổ theo \"{}\" còn thiếu: {}.", dim.name_vi, names(true)),
        format!("The breakdown by \"{}\" leaves out: {}.", dim.name_en, names(false)),
    )
}

pub fn plan_unknown_dimension(id: &str) -> M {
    m(
        format!("Phân tổ \"{id}\" không có trong kế hoạch hoặc danh mục."),
        format!("Dimension \"{id}\" is not in the plan or the catalogue."),
    )
}

pub fn plan_bands_overlap(a: &str, b: &str, age: u32) -> M {
    m(
        format!("Nhóm \"{a}\" và nhóm \"{b}\" cùng chứa tuổi {age}: một người sẽ được đếm hai lần."),
        format!("Bands \"{a}\" and \"{b}\" both hold age {age}: a person would be counted twice."),
    )
}

pub fn plan_bands_gap(a: &str, b: &str, from: u32, to: u32) -> M {
    let (vi, en) = if from == to {
        (format!("tuổi {from}"), format!("age {from} is"))
    } else {
        (format!("tuổi từ {from} đến {to}"), format!("ages {from} to {to} are"))
    };
    m(
        format!("Giữa nhóm \"{a}\" và nhóm \"{b}\", {vi} không thuộc nhóm nào."),
        format!("Between bands \"{a}\" and \"{b}\", {en} in no band."),
    )
}

pub fn plan_option_rolls_up_twice(code: &str) -> M {
    m(
        format!("Mã \"{code}\" thuộc hai nhóm (hoặc hai lần một nhóm): sẽ bị cộng hai lần."),
        format!("Code \"{code}\" is in two groups (or twice in one): it would be added up twice."),
    )
}

pub fn duplicate_cell_of_value() -> M {
    m(
        "Ô không phân tổ theo gì (\"by\" rỗng) trùng với chính giá trị của chỉ tiêu: ghi số đó ở giá trị.".to_string(),
        "A cell keyed by nothing (empty \"by\") is the value itself: give that figure on the value.".to_string(),
    )
}

// Excel forms (feature `excel`): the workbook's own words (the form is in
// Vietnamese; the English is for hosts that show it) and what reading one says.

pub fn excel_not_a_workbook() -> M {
    m(
        "Tệp không phải sổ tính Excel (.xlsx) đọc được.".into(),
        "The file is not a readable Excel workbook (.xlsx).".into(),
    )
}

/// A cell reference past Excel's grid (column XFD, row 1,048,576): no
/// spreadsheet program writes one, so the file was made or damaged by hand.
pub fn excel_cell_outside_grid(sheet: &str) -> M {
    m(
        format!(
            "Trang \"{sheet}\" có ô ghi địa chỉ nằm ngoài bảng tính Excel (quá cột XFD hoặc quá dòng 1.048.576): tệp bị hỏng hoặc bị sửa không phải bằng Excel. Hãy điền lại vào biểu mẫu gốc."
        ),
        format!(
            "Sheet \"{sheet}\" has a cell whose address is outside Excel's grid (past column XFD or row 1,048,576): the file is damaged or was edited by something other than a spreadsheet program. Fill in the original form again."
        ),
    )
}

pub fn excel_number_as_text(text: &str, read: f64) -> M {
    let short: String = text.trim().chars().take(40).collect();
    // Digits without grouping: "1.234" read as 1.234 would say nothing.
    let (vi, en) = if read.fract() == 0.0 && read.abs() < 9.007_199_254_740_992e15 {
        ((read as i64).to_string(), (read as i64).to_string())
    } else {
        (decimal_vi(read), plain(read))
    };
    m(
        format!(
            "Ô này chứa chữ \"{short}\" chứ không phải số; đã đọc là {vi} theo cách viết Việt Nam (dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập phân). Nếu không đúng ý, hãy sửa lại ô."
        ),
        format!(
            "The cell holds the text \"{short}\", not a number; it was read as {en} the Vietnamese way (a dot between thousands, a comma before decimals). If that is not what was meant, correct the cell."
        ),
    )
}

pub fn excel_row_not_found(sheet: &str, row: u32, id: &str, label: Option<&str>) -> M {
    let (lv, le) =
        label.map_or((String::new(), String::new()), |l| (format!(", dòng \"{l}\""), format!(", row \"{l}\"")));
    m(
        format!(
            "Dòng {row} của trang \"{sheet}\" không còn là dòng của \"{id}\"{lv} như khi biểu mẫu được tạo (dòng đã bị di chuyển, xóa hoặc sửa mã), và không tìm thấy đúng một dòng như thế ở chỗ khác trong trang: những gì ghi trên dòng này chưa được đọc. Hãy điền lại vào biểu mẫu gốc."
        ),
        format!(
            "Row {row} of sheet \"{sheet}\" is no longer the row of \"{id}\"{le} it was when the form was made (moved, deleted or its id changed), and no single such row is elsewhere on the sheet: what was written on it was not read. Fill in the original form again."
        ),
    )
}

pub fn excel_row_copied(sheet: &str, row: u32, id: &str, original: u32) -> M {
    m(
        format!(
            "Dòng {row} của trang \"{sheet}\" lặp lại dòng của \"{id}\" (dòng {original}, là dòng được đọc): những gì ghi trên dòng {row} chưa được đọc. Hãy ghi vào dòng {original}, hoặc xóa dòng thừa."
        ),
        format!(
            "Row {row} of sheet \"{sheet}\" repeats the row of \"{id}\" (row {original}, the one read): what was written on row {row} was not read. Write it on row {original}, or delete the extra row."
        ),
    )
}

pub fn excel_not_a_form() -> M {
    m(
        "Sổ tính không phải biểu mẫu báo cáo do binhdang tạo (thiếu trang ẩn \"_binhdang\" hoặc trang này bị sửa).".into(),
        "The workbook is not a report form made by binhdang (its hidden sheet \"_binhdang\" is missing or was changed)."
            .into(),
    )
}

pub fn excel_form_version(found: u64, known: u64) -> M {
    m(
        format!("Biểu mẫu phiên bản {found} mới hơn phiên bản chương trình đọc được ({known})."),
        format!("The form is version {found}, newer than this program reads ({known})."),
    )
}

pub fn excel_unknown_unit(unit: &str) -> M {
    m(
        format!("Đơn vị \"{unit}\" không có trong danh sách đơn vị báo cáo của kế hoạch."),
        format!("Unit \"{unit}\" is not among the plan's reporting units."),
    )
}

pub fn excel_unknown_entry(entry: &str) -> M {
    m(
        format!("Kỳ báo cáo \"{entry}\" không có trong lịch báo cáo của kế hoạch."),
        format!("Schedule entry \"{entry}\" is not in the plan's reporting schedule."),
    )
}

pub fn excel_write_failed() -> M {
    m("Không ghi được sổ tính Excel.".into(), "The Excel workbook could not be written.".into())
}

/// The heading of a report form: title, province, unit, kind, period, due date.
pub fn excel_form_heading(
    plan: &str,
    province: &str,
    unit: &str,
    kind: crate::ReportKind,
    period: &crate::Period,
    due: Date,
) -> [M; 6] {
    [
        m(
            format!("BIỂU MẪU {} - KẾ HOẠCH {plan}", kind.name_vi().to_uppercase()),
            format!("{} FORM - PLAN {plan}", kind.name_en().to_uppercase()),
        ),
        m(format!("Tỉnh: {province}"), format!("Province: {province}")),
        m(format!("Đơn vị báo cáo: {unit}"), format!("Reporting unit: {unit}")),
        m(
            format!("Kỳ báo cáo: từ {} đến {}", format_vi_short(period.from), format_vi_short(period.to)),
            format!("Period: {} to {}", period.from.iso(), period.to.iso()),
        ),
        m(format!("Hạn nộp: {}", format_vi_short(due)), format!("Due: {}", due.iso())),
        m("Ngày nộp (ngày/tháng/năm):".into(), "Submitted (day/month/year):".into()),
    ]
}

/// Sheet names of the form and of the summary workbook.
pub fn excel_sheet(name: &str) -> M {
    match name {
        "values" => m("Chỉ tiêu".into(), "Indicators".into()),
        "activities" => m("Hoạt động".into(), "Activities".into()),
        "outputs" => m("Kết quả hoạt động".into(), "Activity outputs".into()),
        "funding" => m("Kinh phí".into(), "Funding".into()),
        "narrative" => m("Thuyết minh".into(), "Narrative".into()),
        "completeness" => m("Tình hình nộp".into(), "Completeness".into()),
        "progress" => m("Tiến độ".into(), "Progress".into()),
        "accounting" => m("Đối chiếu".into(), "Accounting".into()),
        other => m(other.into(), other.into()),
    }
}

/// Column headings, by the column's key.
pub fn excel_column(key: &str) -> M {
    let (vi, en) = match key {
        "indicator_id" => ("Mã chỉ tiêu", "Indicator id"),
        "indicator" => ("Chỉ tiêu", "Indicator"),
        "cell" => ("Phân tổ", "Breakdown"),
        "female" => ("Nữ", "Female"),
        "male" => ("Nam", "Male"),
        "total" => ("Tổng số", "Total"),
        "unit_of" => ("Đơn vị tính", "Unit"),
        "activity_id" => ("Mã hoạt động", "Activity id"),
        "area_id" => ("Số nội dung", "Content area no."),
        "area" => ("Nội dung", "Content area"),
        "activity" => ("Hoạt động", "Activity"),
        "status" => ("Trạng thái", "Status"),
        "note" => ("Ghi chú", "Note"),
        "source_id" => ("Mã nguồn", "Source id"),
        "source" => ("Nguồn kinh phí", "Funding source"),
        "planned" => ("Dự toán (đồng)", "Planned (VND)"),
        "spent" => ("Đã chi (đồng)", "Spent (VND)"),
        "entry" => ("Kỳ báo cáo", "Schedule entry"),
        "unit" => ("Đơn vị", "Unit"),
        "unit_name" => ("Tên đơn vị", "Unit name"),
        "value" => ("Giá trị", "Value"),
        "target" => ("Chỉ tiêu kế hoạch", "Target"),
        "achieved" => ("Đạt", "Achieved"),
        "state" => ("Tình trạng", "State"),
        "file" => ("Tệp", "File"),
        "code" => ("Mã phát hiện", "Finding code"),
        "message" => ("Nội dung", "Message"),
        other => (other, other),
    };
    m(vi.into(), en.into())
}

/// What a row of a fraction indicator holds, or the whole of a breakdown.
pub fn excel_part(part: &str) -> M {
    let (vi, en) = match part {
        "numerator" => ("Tử số", "Numerator"),
        "denominator" => ("Mẫu số", "Denominator"),
        "stated" => ("Giá trị", "Value"),
        _ => ("Tổng", "All"),
    };
    m(vi.into(), en.into())
}

/// An activity's status as a person picks it on the form.
pub fn activity_status(s: crate::model::ActivityStatus) -> M {
    use crate::model::ActivityStatus as S;
    let (vi, en) = match s {
        S::NotStarted => ("Chưa triển khai", "Not started"),
        S::InProgress => ("Đang triển khai", "In progress"),
        S::Done => ("Đã hoàn thành", "Done"),
        S::Cancelled => ("Không thực hiện", "Cancelled"),
    };
    m(vi.into(), en.into())
}

/// A target's standing in a summary workbook.
pub fn progress_status(s: crate::aggregate::ProgressStatus) -> M {
    use crate::aggregate::ProgressStatus as P;
    let (vi, en) = match s {
        P::Achieved => ("Đạt", "Achieved"),
        P::NotAchieved => ("Chưa đạt", "Not achieved"),
        P::NoData => ("Chưa có số liệu", "No data"),
        P::Withheld => ("Không công bố", "Withheld"),
    };
    m(vi.into(), en.into())
}

/// A report's standing in the accounting of a summary workbook.
pub fn report_status(s: crate::validate::Status) -> M {
    use crate::validate::Status as S;
    let (vi, en) = match s {
        S::Used => ("Dùng trong tổng hợp", "Used"),
        S::Superseded => ("Đã bị thay thế", "Superseded"),
        S::Rejected => ("Bị loại", "Rejected"),
    };
    m(vi.into(), en.into())
}

/// Yes or no in a workbook's cell.
pub fn yes_no(b: bool) -> M {
    if b {
        m("Có".into(), "Yes".into())
    } else {
        m("Không".into(), "No".into())
    }
}

/// The national schedule entry a report upward is for is not in the national plan.
pub fn upward_unknown_entry(entry: &str) -> M {
    m(
        format!("Kỳ báo cáo \"{entry}\" không có trong lịch báo cáo của kế hoạch cấp trên."),
        format!("Schedule entry \"{entry}\" is not in the national plan's reporting schedule."),
    )
}

/// The province's summary has no period matching the national entry.
pub fn upward_no_matching_period(
    entry: &str,
    kind: crate::ReportKind,
    period: &crate::Period,
    have: &[(String, crate::Period)],
) -> M {
    let list_vi = have
        .iter()
        .map(|(e, p)| format!("{e} ({} – {})", format_vi_short(p.from), format_vi_short(p.to)))
        .collect::<Vec<_>>()
        .join(", ");
    let list_en = have.iter().map(|(e, p)| format!("{e} ({} – {})", p.from, p.to)).collect::<Vec<_>>().join(", ");
    m(
        format!(
            "Bản tổng hợp của tỉnh không có {} cho kỳ {} – {} mà kỳ \"{entry}\" của kế hoạch cấp trên yêu cầu; bản tổng hợp có: {}.",
            kind.name_vi(),
            format_vi_short(period.from),
            format_vi_short(period.to),
            if list_vi.is_empty() { "không kỳ nào".to_string() } else { list_vi }
        ),
        format!(
            "The province's summary has no {} for {} – {}, the period of the national entry \"{entry}\"; it has: {}.",
            kind.name_en(),
            period.from,
            period.to,
            if list_en.is_empty() { "none".to_string() } else { list_en }
        ),
    )
}

/// The province's plan has no root unit to report as.
pub fn upward_no_root() -> M {
    m(
        "Kế hoạch của tỉnh không có đơn vị gốc (đơn vị không có đơn vị cấp trên) để báo cáo lên cấp trên.".into(),
        "The province's plan has no root unit (a unit without a parent) to report upward as.".into(),
    )
}

/// The province is not a unit of the national plan.
pub fn upward_not_a_national_unit(code: &str) -> M {
    m(
        format!("Tỉnh mã \"{code}\" không phải là đơn vị của kế hoạch cấp trên."),
        format!("The province with code \"{code}\" is not a unit of the national plan."),
    )
}

/// The summary was made with another plan.
pub fn upward_other_plan(summary: &str, plan: &str) -> M {
    m(
        format!("Bản tổng hợp được lập theo kế hoạch {summary}, không phải kế hoạch {plan} đã cho."),
        format!("The summary was made with plan {summary}, not with the plan given ({plan})."),
    )
}

/// The note of a report upward: whose reports the province's figures add up.
pub fn upward_note(plan: &crate::Plan, as_of: Date, p: &crate::aggregate::PeriodSummary) -> M {
    use crate::Timeliness as T;
    let c = &p.completeness;
    let names = |ids: &[crate::UnitId]| {
        ids.iter()
            .map(|u| plan.unit(u).map_or_else(|| u.to_string(), |x| x.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let group = |t: T| c.units.get(&t).map(|v| names(v)).unwrap_or_default();
    let used = c.received.saturating_sub(u32::try_from(c.rejected.len()).unwrap_or(u32::MAX));
    let mut vi = format!(
        "Số liệu tổng hợp theo Kế hoạch {} đến ngày {}, từ báo cáo của {used}/{} đơn vị.",
        plan.number,
        format_vi_short(as_of),
        c.expected
    );
    let mut en = format!(
        "Figures added up under plan {} as of {as_of}, from the reports of {used} of {} units.",
        plan.number, c.expected
    );
    let (missing, not_due, rejected) = (group(T::Missing), group(T::NotYetDue), names(&c.rejected));
    if !missing.is_empty() {
        vi.push_str(&format!(" Chưa nhận báo cáo: {missing}."));
        en.push_str(&format!(" No report from: {missing}."));
    }
    if !not_due.is_empty() {
        vi.push_str(&format!(" Chưa đến hạn: {not_due}."));
        en.push_str(&format!(" Not yet due: {not_due}."));
    }
    if !rejected.is_empty() {
        vi.push_str(&format!(" Báo cáo bị loại vì có lỗi: {rejected}."));
        en.push_str(&format!(" Rejected for errors: {rejected}."));
    }
    m(vi, en)
}

/// A figure the report upward does not carry, and why.
pub fn upward_not_sent(n: &crate::upward::NotSent) -> M {
    use crate::upward::Reason as R;
    let what = if n.by.is_empty() {
        format!("\"{}\"", n.item)
    } else {
        format!("\"{}\" ({})", n.item, crate::aggregate::key_text(&n.by))
    };
    let codes = n.codes.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
    let (vi, en) = match n.reason {
        R::NotAsked => (
            "kế hoạch cấp trên không yêu cầu chỉ tiêu này; số liệu ở lại cấp tỉnh".to_string(),
            "the national plan does not ask for this indicator; the figure stays with the province".to_string(),
        ),
        R::DefinitionDiffers => (
            "kế hoạch cấp trên định nghĩa chỉ tiêu này khác (cách đo hoặc cách cộng), số liệu không cộng được với các tỉnh khác".to_string(),
            "the national plan defines this indicator otherwise (measure or aggregation): it would not add up with other provinces'".to_string(),
        ),
        R::NotAdditive => (
            format!("chỉ tiêu không cộng dồn giữa các đơn vị; đây là số liệu riêng của đơn vị \"{}\", không phải của tỉnh", n.unit),
            format!("not added up across units: it is unit \"{}\"'s own figure, not the province's", n.unit),
        ),
        R::BreakdownNotAsked => (
            "kế hoạch cấp trên không phân tổ chỉ tiêu này theo ô này".to_string(),
            "the national plan does not break this indicator down by this cell".to_string(),
        ),
        R::CellsIncomplete => (
            "các ô phân tổ không cộng lại bằng tổng (có đơn vị chỉ báo cáo tổng); chỉ gửi số tổng".to_string(),
            "the cells do not add up to the whole (some units gave the whole only); only the whole goes up".to_string(),
        ),
        R::Refused => (
            format!("kế hoạch cấp trên sẽ không nhận giá trị này (lỗi: {codes})"),
            format!("the national check would refuse this value (errors: {codes})"),
        ),
        R::Overflow => (
            "tổng vượt quá 2^53 − 1, không có số chính xác để gửi".to_string(),
            "the sum passed 2^53 − 1: there is no exact figure to send".to_string(),
        ),
        R::FundingSourceNotAsked => (
            "kế hoạch cấp trên không có nguồn kinh phí này".to_string(),
            "the national plan has no such funding source".to_string(),
        ),
        R::ActivityOutput => (
            format!(
                "kết quả đầu ra của hoạt động {} thuộc kế hoạch của tỉnh, không thuộc kế hoạch cấp trên",
                n.activity.as_deref().unwrap_or("")
            ),
            format!(
                "an output of activity {}, which is the province's plan's, not the national plan's",
                n.activity.as_deref().unwrap_or("")
            ),
        ),
    };
    m(format!("Không gửi {what}: {vi}."), format!("Not sent: {what}: {en}."))
}
