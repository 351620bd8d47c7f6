//! The dimensions binhdang knows without a plan: age group, ethnicity,
//! residence and administrative level (sex is the short form on every value).
//! A plan's dimension of the same id replaces one of these (its own age bands).

use crate::model::{Dimension, DimensionOption, Extra, OptionGroup};

/// Biểu 02/BC-H of the culture ministry's family-violence statistics
/// (Thông tư 07/2017/TT-BVHTTDL, replacing Thông tư 23/2011/TT-BVHTTDL):
/// victims and perpetrators by age (under 16; 60 and over) and by urban /
/// rural. Whether the form changed after Law 13/2022/QH15 is not confirmed.
const FORM_02: &str = "Biểu 02/BC-H, Thông tư 07/2017/TT-BVHTTDL";
/// Danh mục các dân tộc Việt Nam, Quyết định 1019/QĐ-TCTK ngày 12/11/2008
/// của Tổng cục Thống kê (the list the 2009 and 2019 censuses use; it
/// reorders the 1979 list of Quyết định 121-TCTK/PPCĐ).
const QD1019: &str = "Quyết định 1019/QĐ-TCTK ngày 12/11/2008 (Danh mục các dân tộc Việt Nam)";

fn option(code: &str, vi: &str, en: &str) -> DimensionOption {
    DimensionOption {
        code: code.to_string(),
        name_vi: vi.to_string(),
        name_en: en.to_string(),
        from: None,
        to: None,
        confirmed: true,
        extra: Extra::new(),
    }
}

fn band(code: &str, vi: &str, en: &str, from: u32, to: Option<u32>) -> DimensionOption {
    DimensionOption { from: Some(from), to, ..option(code, vi, en) }
}

fn dimension(id: &str, vi: &str, en: &str, options: Vec<DimensionOption>, source: Option<&str>) -> Dimension {
    Dimension {
        id: id.to_string(),
        name_vi: vi.to_string(),
        name_en: en.to_string(),
        options,
        groups: Vec::new(),
        source: source.map(str::to_string),
        extra: Extra::new(),
    }
}

/// The 54 groups by their codes. Codes 01–20 were checked against the
/// decision's list as the statistics office and a national standard's annex
/// (QCVN 109) print it; 21–54 follow the census order as recalled and are
/// marked unconfirmed until checked against the official text.
const ETHNIC_GROUPS: [(&str, &str, &str); 54] = [
    ("01", "Kinh", "Kinh"),
    ("02", "Tày", "Tay"),
    ("03", "Thái", "Thai"),
    ("04", "Mường", "Muong"),
    ("05", "Khmer", "Khmer"),
    ("06", "Hoa", "Hoa"),
    ("07", "Nùng", "Nung"),
    ("08", "Mông", "Hmong"),
    ("09", "Dao", "Dao"),
    ("10", "Gia Rai", "Gia Rai"),
    ("11", "Ê Đê", "E De"),
    ("12", "Ba Na", "Ba Na"),
    ("13", "Sán Chay", "San Chay"),
    ("14", "Chăm", "Cham"),
    ("15", "Cơ Ho", "Co Ho"),
    ("16", "Xơ Đăng", "Xo Dang"),
    ("17", "Sán Dìu", "San Diu"),
    ("18", "Hrê", "Hre"),
    ("19", "Ra Glai", "Ra Glai"),
    ("20", "Mnông", "Mnong"),
    ("21", "Thổ", "Tho"),
    ("22", "Xtiêng", "Xtieng"),
    ("23", "Khơ Mú", "Kho Mu"),
    ("24", "Bru - Vân Kiều", "Bru - Van Kieu"),
    ("25", "Cơ Tu", "Co Tu"),
    ("26", "Giáy", "Giay"),
    ("27", "Tà Ôi", "Ta Oi"),
    ("28", "Mạ", "Ma"),
    ("29", "Giẻ Triêng", "Gie Trieng"),
    ("30", "Co", "Co"),
    ("31", "Chơ Ro", "Cho Ro"),
    ("32", "Xinh Mun", "Xinh Mun"),
    ("33", "Hà Nhì", "Ha Nhi"),
    ("34", "Chu Ru", "Chu Ru"),
    ("35", "Lào", "Lao"),
    ("36", "La Chí", "La Chi"),
    ("37", "Kháng", "Khang"),
    ("38", "Phù Lá", "Phu La"),
    ("39", "La Hủ", "La Hu"),
    ("40", "La Ha", "La Ha"),
    ("41", "Pà Thẻn", "Pa Then"),
    ("42", "Lự", "Lu"),
    ("43", "Ngái", "Ngai"),
    ("44", "Chứt", "Chut"),
    ("45", "Lô Lô", "Lo Lo"),
    ("46", "Mảng", "Mang"),
    ("47", "Cơ Lao", "Co Lao"),
    ("48", "Bố Y", "Bo Y"),
    ("49", "Cống", "Cong"),
    ("50", "Si La", "Si La"),
    ("51", "Pu Péo", "Pu Peo"),
    ("52", "Rơ Măm", "Ro Mam"),
    ("53", "Brâu", "Brau"),
    ("54", "Ơ Đu", "O Du"),
];

/// The built-in dimensions, in a fixed order.
pub fn builtin() -> Vec<Dimension> {
    let mut age = dimension(
        "age",
        "Nhóm tuổi",
        "Age group",
        vec![
            band("0-15", "Dưới 16 tuổi", "Under 16", 0, Some(15)),
            band("16-59", "Từ 16 đến 59 tuổi", "16 to 59", 16, Some(59)),
            band("60+", "Từ 60 tuổi trở lên", "60 and over", 60, None),
        ],
        Some(FORM_02),
    );
    age.groups = Vec::new();
    let mut ethnicity = dimension(
        "ethnicity",
        "Dân tộc",
        "Ethnic group",
        ETHNIC_GROUPS
            .iter()
            .map(|(code, vi, en)| DimensionOption { confirmed: code <= &"20", ..option(code, vi, en) })
            .collect(),
        Some(QD1019),
    );
    ethnicity.groups = vec![OptionGroup {
        code: "dtts".to_string(),
        name_vi: "Dân tộc thiểu số".to_string(),
        name_en: "Ethnic minorities".to_string(),
        members: ETHNIC_GROUPS.iter().skip(1).map(|(code, _, _)| code.to_string()).collect(),
        extra: Extra::new(),
    }];
    let residence = dimension(
        "residence",
        "Khu vực",
        "Residence",
        vec![option("urban", "Thành thị", "Urban"), option("rural", "Nông thôn", "Rural")],
        Some(FORM_02),
    );
    let level = dimension(
        "level",
        "Cấp hành chính",
        "Administrative level",
        vec![
            option("province", "Cấp tỉnh", "Province"),
            option("district", "Cấp huyện", "District"),
            option("commune", "Cấp xã", "Commune"),
        ],
        None,
    );
    vec![age, ethnicity, residence, level]
}
