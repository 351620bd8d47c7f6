//! A plan a person can start from: `binhdang new-plan` writes a complete,
//! valid plan for a province and year, which the standing agency then edits.
//!
//! It holds what every provincial plan shares: the seven content areas of
//! the national guidance (as the Lai Châu 2024 plan has them), the legal
//! bases, the reporting regime with its usual due dates (six-month report by
//! 5 June, annual by 5 December; periods per Decree 09/2019/NĐ-CP), the
//! national targets from the catalogue, the funding sources, and the units
//! given as CSV. What only the province knows (activities, its own targets,
//! the signer) it leaves for the officer, with a placeholder where the
//! format needs one.

use serde_json::{json, Value};

use crate::calendar::ScheduleEntry;
use crate::catalog::Catalog;
use crate::finding::Finding;
use crate::model::{
    ContentArea, Date, FundingSource, FundingSourceId, LegalBasis, LegalKind, Plan, PlanTarget, Reporting, Role,
    Signer, Unit, UnitId, UnitKind,
};

/// What a new plan is for.
#[derive(Clone, Debug)]
pub struct Spec {
    /// The province's name without "tỉnh" (`Lai Châu`).
    pub province: String,
    /// The province's official code (`12`): the id of the root unit.
    pub code: String,
    /// The year the plan covers.
    pub year: i32,
    /// The units; the province, its committee and the standing agency are
    /// added when not among them.
    pub units: Vec<Unit>,
}

/// The seven content areas of the national guidance, as the Lai Châu plan
/// words them ("tỉnh" where it names itself).
const AREAS: [(&str, &str); 7] = [
    (
        "Tăng cường phối hợp liên ngành nhằm thực hiện tốt công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ trên địa bàn tỉnh",
        "Inter-agency coordination for gender equality and the advancement of women",
    ),
    (
        "Tham mưu với cấp ủy, chính quyền cùng cấp các giải pháp nhằm nâng cao chất lượng công tác cán bộ nữ",
        "Women cadres: advising on leadership, training and planning",
    ),
    (
        "Triển khai Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030 và hoạt động vì sự tiến bộ của phụ nữ trên địa bàn tỉnh",
        "Carrying out the national strategy 2021–2030 and communication",
    ),
    ("Tiếp tục triển khai có hiệu quả các nhiệm vụ thường xuyên của Ban vì sự tiến bộ của phụ nữ tỉnh", "The committee's regular work"),
    (
        "Tổ chức triển khai các chương trình, đề án nhằm thúc đẩy bình đẳng giới, vì sự tiến bộ của phụ nữ và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        "Programmes and projects",
    ),
    ("Nâng cao năng lực và hiệu quả quản lý nhà nước về bình đẳng giới", "State-management capacity"),
    ("Thực hiện công tác kiểm tra công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ", "Inspection"),
];

const FUNDING: [(&str, &str, &str); 6] = [
    ("ngan-sach-dia-phuong", "Ngân sách địa phương", "Local budget"),
    ("ctmtqg", "Chương trình mục tiêu quốc gia", "National target programmes"),
    ("kinh-phi-bo-sung", "Kinh phí bổ sung", "Supplementary funding"),
    ("tai-tro-vien-tro", "Nguồn tài trợ, viện trợ", "Sponsorship and aid"),
    ("huy-dong-xa-hoi", "Huy động từ xã hội và cộng đồng", "Social mobilisation"),
    ("nguon-hop-phap-khac", "Các nguồn hợp pháp khác", "Other lawful sources"),
];

fn basis(kind: LegalKind, number: &str, issuer: &str, date: (i32, u32, u32), title: &str) -> LegalBasis {
    LegalBasis {
        kind,
        number: Some(number.to_string()),
        issuer: issuer.to_string(),
        date: Date::from_ymd(date.0, date.1, date.2),
        title: title.to_string(),
        note: None,
        extra: Default::default(),
    }
}

fn unit(id: &str, name: String, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: UnitId::from(id),
        name,
        name_en: None,
        kind,
        code: None,
        parent: parent.map(UnitId::from),
        earlier_parents: Vec::new(),
        valid_from: None,
        valid_to: None,
        successor_of: Vec::new(),
        note: None,
        extra: Default::default(),
    }
}

/// A complete plan skeleton that passes the plan check (warnings at most).
pub fn new_plan(spec: &Spec, catalog: &Catalog) -> Plan {
    let p = &spec.province;
    let mut units = spec.units.clone();
    let has = |kind: UnitKind, units: &[Unit]| units.iter().find(|u| u.kind == kind).map(|u| u.id.clone());
    let root = has(UnitKind::Province, &units).unwrap_or_else(|| {
        units.insert(0, unit(&spec.code, format!("Tỉnh {p}"), UnitKind::Province, None));
        UnitId(spec.code.clone())
    });
    let committee = has(UnitKind::ProvincialCommittee, &units).unwrap_or_else(|| {
        let name = format!("Ban vì sự tiến bộ của phụ nữ tỉnh {p}");
        units.push(unit("ban-vstbpn", name, UnitKind::ProvincialCommittee, Some(root.as_str())));
        UnitId::from("ban-vstbpn")
    });
    let standing = has(UnitKind::StandingAgency, &units).unwrap_or_else(|| {
        // Since 1 March 2025 gender equality is the Ministry of Home Affairs',
        // and so the provincial Sở Nội vụ's; before, the Sở LĐTBXH's.
        let (id, name) = if spec.year >= 2025 {
            ("so-noi-vu", format!("Sở Nội vụ tỉnh {p}"))
        } else {
            ("so-ldtbxh", format!("Sở Lao động – Thương binh và Xã hội tỉnh {p}"))
        };
        units.push(unit(id, name, UnitKind::StandingAgency, Some(root.as_str())));
        UnitId::from(id)
    });
    // Every unit that carries the plan out reports: all but the province and its committee.
    let reporting: Vec<UnitId> = units
        .iter()
        .filter(|u| !matches!(u.kind, UnitKind::Province | UnitKind::ProvincialCommittee))
        .filter(|u| !matches!(u.kind, UnitKind::NationalCommittee | UnitKind::Ministry))
        .map(|u| u.id.clone())
        .collect();
    let targets: Vec<PlanTarget> = catalog
        .indicators
        .iter()
        .flat_map(|i| {
            i.targets.iter().map(move |t| PlanTarget { indicator: i.id.clone(), unit: None, target: t.clone() })
        })
        .collect();
    Plan {
        number: "01/KH-BVSTBPN".into(),
        issuer: committee.clone(),
        place: p.clone(),
        date: Date::from_ymd(spec.year, 1, 1).unwrap_or(Date(chrono::NaiveDate::MIN)),
        year: spec.year,
        title: format!(
            "Kế hoạch thực hiện công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ tỉnh {p} năm {}",
            spec.year
        ),
        legal_bases: vec![
            basis(LegalKind::Luat, "73/2006/QH11", "Quốc hội", (2006, 11, 29), "Luật Bình đẳng giới"),
            basis(
                LegalKind::NghiDinh,
                "70/2008/NĐ-CP",
                "Chính phủ",
                (2008, 6, 4),
                "Quy định chi tiết thi hành một số điều của Luật Bình đẳng giới",
            ),
            basis(
                LegalKind::NghiQuyet,
                "28/NQ-CP",
                "Chính phủ",
                (2021, 3, 3),
                "Ban hành Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030",
            ),
            basis(
                LegalKind::QuyetDinh,
                "2282/QĐ-TTg",
                "Thủ tướng Chính phủ",
                (2020, 12, 31),
                "Phê duyệt Chương trình tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn 2021 - 2030",
            ),
        ],
        purposes: vec![
            format!("Tăng cường sự lãnh đạo, chỉ đạo và sự phối hợp của các sở, ban, ngành, đoàn thể, địa phương đối với công tác bình đẳng giới và hoạt động vì sự tiến bộ của phụ nữ trên địa bàn tỉnh {p}."),
            "Thực hiện các mục tiêu của Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 – 2030; phòng ngừa, ứng phó với bạo lực trên cơ sở giới.".into(),
            "Các hoạt động bảo đảm thiết thực, hiệu quả, phù hợp với tình hình thực tiễn tại địa phương.".into(),
        ],
        content_areas: AREAS
            .iter()
            .zip(1u32..)
            .map(|((vi, en), number)| ContentArea {
                number,
                title: (*vi).to_string(),
                title_en: Some((*en).to_string()),
                activities: Vec::new(),
            })
            .collect(),
        funding_sources: FUNDING
            .iter()
            .map(|(id, vi, en)| FundingSource {
                id: FundingSourceId::from(*id),
                name: (*vi).to_string(),
                name_en: Some((*en).to_string()),
            })
            .collect(),
        roles: vec![
            Role {
                units: vec![standing.clone()],
                duties: vec![
                    "Chủ trì, hướng dẫn, theo dõi, đôn đốc thực hiện kế hoạch; tổng hợp báo cáo gửi Ban vì sự tiến bộ của phụ nữ tỉnh.".into(),
                ],
            },
            Role {
                units: reporting.iter().filter(|u| **u != standing).cloned().collect(),
                duties: vec!["Triển khai các hoạt động được giao và báo cáo kết quả theo quy định.".into()],
            },
        ],
        reporting: Reporting {
            units: reporting,
            schedule: ScheduleEntry::decree_09_defaults(spec.year, (6, 5), (12, 5)),
            required_indicators: Vec::new(),
            required_sections: Vec::new(),
            text: Some(
                "Báo cáo 6 tháng gửi trước ngày 5/6, báo cáo năm gửi trước ngày 5/12 về cơ quan thường trực để tổng hợp."
                    .into(),
            ),
            reviewer: Some(standing.clone()),
        },
        recipients: vec![
            "Ủy ban Quốc gia vì sự tiến bộ của phụ nữ Việt Nam".into(),
            format!("UBND tỉnh {p}"),
            "Các sở, ban, ngành, đoàn thể tỉnh".into(),
            "Lưu: VT.".into(),
        ],
        signer: Signer { name: "(họ và tên)".into(), titles: vec!["TRƯỞNG BAN".into()] },
        units,
        indicators: Vec::new(),
        targets,
        dimensions: Vec::new(),
        rules: Default::default(),
        extra: Default::default(),
        index: Default::default(),
    }
}

/// Units from CSV text with the header `id,name,kind,parent,valid_from,valid_to`
/// (the last three may be empty; `kind` as in the plan: `district`,
/// `commune`...), read by the same rules as a plan's units: every problem
/// of every row is a finding, its pointer `/<row>/<field>` counting rows from 0.
pub fn units_from_csv(text: &str) -> Result<Vec<Unit>, Vec<Finding>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else {
            let f = Finding::new(crate::Code::Malformed, "", crate::messages::not_csv()).with("problem", "not_csv");
            return Err(vec![f]);
        };
        let mut row = serde_json::Map::new();
        for (k, v) in header.iter().zip(record.iter()) {
            if !v.is_empty() {
                row.insert(k.clone(), Value::String(v.to_string()));
            }
        }
        rows.push(Value::Object(row));
    }
    units_from_json(&json!(rows))
}

/// Units given as a JSON list of unit objects (a portal's form), read by the
/// same rules as a plan's units.
pub fn units_from_json(value: &Value) -> Result<Vec<Unit>, Vec<Finding>> {
    let mut cx = crate::read::typed_cx();
    let units = crate::read::read_typed::<Vec<Unit>>(value, "", &mut cx);
    let findings = cx.finish();
    match units {
        Some(u) if !findings.iter().any(Finding::is_error) => Ok(u),
        _ => Err(findings),
    }
}
