//! An example for every object of the plan and report schemas.
//!
//! Editors with JSON Schema support (VS Code) offer `examples` while a
//! person types a plan or a report, beside the field descriptions. The
//! examples are small real-looking values, taken from the Lai Châu 2024
//! plan and its reports where those have one. A definition keeps the same
//! example in every schema that uses it (the TypeScript generator needs one
//! definition per type). Tests check that each example is valid against the
//! subschema it sits in and that every object has one.

use serde_json::{json, Value};

/// `(schema, JSON Pointer, example)`; schema `*` is every schema with the pointer.
pub(super) fn all() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("plan", "", plan()),
        ("report", "", report()),
        // The workflow: what a host appends to its log, what it stores, what it asks.
        // One example per definition, the same in every schema that has it.
        (
            "*",
            "/$defs/ReportEvent",
            json!({
                "unit": "106",
                "entry": "2024-6m",
                "action": "return",
                "by": "so-ldtbxh",
                "date": "2024-06-06",
                "version": 1,
                "reason": "Số học viên tập huấn: tổng số 130 nhưng nữ 70 + nam 55 = 125. Đề nghị kiểm tra, sửa lại."
            }),
        ),
        (
            "*",
            "/$defs/Standing",
            json!({ "state": "submitted", "version": 2, "submitted": "2024-06-10", "date": "2024-06-10" }),
        ),
        (
            "step",
            "",
            json!({
                "unit": "106",
                "entry": "2024-6m",
                "action": "accept",
                "by": "so-ldtbxh",
                "date": "2024-06-12",
                "version": 2,
                "standing": { "state": "submitted", "version": 2, "submitted": "2024-06-10", "date": "2024-06-10" }
            }),
        ),
        // Report parts.
        (
            "*",
            "/$defs/ValueEntry",
            json!({ "indicator": "training_participants", "female": 156, "male": 98, "total": 254 }),
        ),
        ("*", "/$defs/SexSplit", json!({ "female": 3, "male": 2, "total": 5 })),
        // Breakdowns beyond sex.
        ("*", "/$defs/Cell", json!({ "by": { "ethnicity": "dtts" }, "female": 20, "male": 15, "total": 35 })),
        ("*", "/$defs/Cell/properties/by", json!({ "age": "0-15", "residence": "rural" })),
        (
            "*",
            "/$defs/Dimension",
            json!({
                "id": "age",
                "name_vi": "Nhóm tuổi",
                "name_en": "Age group",
                "options": [
                    { "code": "0-15", "name_vi": "Dưới 16 tuổi", "name_en": "Under 16", "from": 0, "to": 15 },
                    { "code": "16+", "name_vi": "Từ 16 tuổi trở lên", "name_en": "16 and over", "from": 16 }
                ]
            }),
        ),
        (
            "*",
            "/$defs/DimensionOption",
            json!({ "code": "0-15", "name_vi": "Dưới 16 tuổi", "name_en": "Under 16", "from": 0, "to": 15 }),
        ),
        (
            "*",
            "/$defs/OptionGroup",
            json!({ "code": "dtts", "name_vi": "Dân tộc thiểu số", "name_en": "Ethnic minorities", "members": ["02", "03"] }),
        ),
        ("*", "/$defs/Breakdown", json!({ "dimension": "ethnicity", "options": ["01", "dtts"] })),
        ("*", "/$defs/ActivityResult", json!({ "activity": "3.2", "status": "in_progress" })),
        (
            "*",
            "/$defs/FundingLine",
            json!({ "source": "ngan-sach-dia-phuong", "planned": 120_000_000, "spent": 48_000_000 }),
        ),
        (
            "*",
            "/$defs/AreaNarrative",
            json!({
                "area": 3,
                "results": "Tổ chức 27 cuộc truyền thông cho 7.270 lượt người.",
                "shortcomings": "Một số xã xa trung tâm chưa tổ chức được.",
                "next_tasks": "Đưa nội dung bình đẳng giới vào sinh hoạt định kỳ của các tổ dân phố.",
                "recommendations": "Đề nghị tỉnh hỗ trợ tài liệu song ngữ."
            }),
        ),
        ("*", "/$defs/Period", json!({ "from": "2023-12-15", "to": "2024-06-14" })),
        // Plan parts.
        (
            "*",
            "/$defs/LegalBasis",
            json!({
                "kind": "nghi_quyet",
                "number": "28/NQ-CP",
                "issuer": "Chính phủ",
                "date": "2021-03-03",
                "title": "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030"
            }),
        ),
        (
            "*",
            "/$defs/ContentArea",
            json!({
                "number": 1,
                "title": "Truyền thông",
                "title_en": "Communication",
                "activities": [activity()]
            }),
        ),
        ("*", "/$defs/Activity", activity()),
        ("*", "/$defs/Window", json!({ "from": "2024-03-01", "to": "2024-03-31", "name": "Tháng hành động" })),
        (
            "*",
            "/$defs/FundingSource",
            json!({ "id": "ngan-sach-dia-phuong", "name": "Ngân sách địa phương", "name_en": "Local budget" }),
        ),
        ("*", "/$defs/Role", json!({ "units": ["so-ldtbxh"], "duties": ["Cơ quan thường trực, chủ trì tổng hợp."] })),
        ("*", "/$defs/Reporting", reporting()),
        ("*", "/$defs/ScheduleEntry", schedule_entry()),
        ("*", "/$defs/Signer", json!({ "name": "Nguyễn Văn A", "titles": ["TRƯỞNG BAN"] })),
        ("*", "/$defs/Unit", district()),
        ("*", "/$defs/EarlierParent", json!({ "parent": "106", "until": "2025-06-30" })),
        ("*", "/$defs/Indicator", indicator()),
        ("*", "/$defs/Target", target()),
        ("*", "/$defs/PlanTarget", {
            let mut t = target();
            if let Some(map) = t.as_object_mut() {
                map.insert("indicator".into(), "nq28-mt1".into());
            }
            t
        }),
        // What an indicator measures: one example per kind (the order of `Measure`'s variants).
        ("*", "/$defs/Measure/oneOf/0", json!({ "type": "count" })),
        ("*", "/$defs/Measure/oneOf/1", json!({ "type": "percent" })),
        ("*", "/$defs/Measure/oneOf/2", json!({ "type": "ratio" })),
        ("*", "/$defs/Measure/oneOf/3", json!({ "type": "rate", "per": 100 })),
        ("*", "/$defs/Measure/oneOf/4", json!({ "type": "money" })),
        ("*", "/$defs/RuleSettings", rules()),
        ("*", "/$defs/RuleSettings/properties/severity", json!({ "outlier": "off", "late_submission": "error" })),
        ("*", "/$defs/RuleSettings/properties/acceptance_by_code", json!({ "breakdown_sum_mismatch": "value" })),
    ]
}

/// Writes the examples of schema `name` into it.
pub(super) fn add(name: &str, schema: &mut Value) {
    for (which, pointer, example) in all() {
        if which != "*" && which != name {
            continue;
        }
        if let Some(map) = schema.pointer_mut(pointer).and_then(Value::as_object_mut) {
            map.insert("examples".into(), json!([example]));
        }
    }
}

fn activity() -> Value {
    json!({
        "id": "1.1",
        "description": "Truyền thông về bình đẳng giới",
        "lead": "so-ldtbxh",
        "cooperating": ["hoi-lhpn-tinh"],
        "indicators": ["communication_events", "people_reached"]
    })
}

fn schedule_entry() -> Value {
    json!({
        "id": "2024-6m",
        "kind": "six_month",
        "period": { "from": "2024-01-01", "to": "2024-06-30" },
        "due": "2024-07-10",
        "basis": "Nghị định 09/2019/NĐ-CP, Điều 12"
    })
}

fn reporting() -> Value {
    json!({
        "units": ["105", "106"],
        "schedule": [schedule_entry()],
        "required_indicators": ["people_reached"],
        "reviewer": "so-ldtbxh"
    })
}

fn district() -> Value {
    json!({ "id": "105", "name": "Thành phố Lai Châu", "kind": "district", "code": "105", "parent": "12" })
}

fn target() -> Value {
    json!({
        "year": 2025,
        "value": 60.0,
        "source": "Nghị quyết 28/NQ-CP ngày 03/3/2021",
        "confirmed": true
    })
}

fn indicator() -> Value {
    json!({
        "id": "tap-huan-can-bo-xa",
        "name_vi": "Số lượt cán bộ xã được tập huấn về bình đẳng giới",
        "name_en": "Commune officials trained on gender equality",
        "measure": { "type": "count" },
        "by_sex": true,
        "aggregation": "sum",
        "temporal": "flow",
        "direction": "at_least",
        "unit_vi": "lượt người",
        "unit_en": "people",
        "source": "Kế hoạch 01/KH-BVSTBPN"
    })
}

fn rules() -> Value {
    json!({ "percent_tolerance": 0.05, "small_cells": 5, "severity": { "outlier": "off" } })
}

/// A whole plan, as small as a valid one gets: one activity, one district.
fn plan() -> Value {
    json!({
        "number": "02/KH-THU",
        "issuer": "ban",
        "place": "Lai Châu",
        "date": "2024-01-10",
        "year": 2024,
        "title": "Kế hoạch thực hiện công tác bình đẳng giới năm 2024",
        "legal_bases": [{ "kind": "nghi_quyet", "number": "28/NQ-CP", "issuer": "Chính phủ", "title": "Chiến lược quốc gia về bình đẳng giới giai đoạn 2021 - 2030" }],
        "purposes": ["Thúc đẩy bình đẳng giới trên địa bàn tỉnh."],
        "content_areas": [{ "number": 1, "title": "Truyền thông", "activities": [activity()] }],
        "funding_sources": [{ "id": "ngan-sach-dia-phuong", "name": "Ngân sách địa phương" }],
        "roles": [{ "units": ["so-ldtbxh"], "duties": ["Chủ trì."] }],
        "reporting": reporting(),
        "recipients": ["Lưu: VT"],
        "signer": { "name": "Nguyễn Văn A", "titles": ["TRƯỞNG BAN"] },
        "units": [
            { "id": "12", "name": "Tỉnh Lai Châu", "kind": "province", "code": "12" },
            { "id": "ban", "name": "Ban VSTBPN tỉnh", "kind": "provincial_committee", "parent": "12" },
            { "id": "so-ldtbxh", "name": "Sở Lao động - Thương binh và Xã hội", "kind": "standing_agency", "parent": "12" },
            { "id": "hoi-lhpn-tinh", "name": "Hội Liên hiệp Phụ nữ tỉnh", "kind": "mass_organisation", "parent": "12" },
            district(),
            { "id": "106", "name": "Huyện Tam Đường", "kind": "district", "code": "106", "parent": "12" }
        ]
    })
}

/// A six-month report on the plan above, as a district sends it.
fn report() -> Value {
    json!({
        "plan": "02/KH-THU",
        "unit": "105",
        "kind": "six_month",
        "period": { "from": "2024-01-01", "to": "2024-06-30" },
        "submitted": "2024-07-05",
        "values": [
            { "indicator": "communication_events", "total": 12 },
            { "indicator": "people_reached", "female": 1830, "male": 1410, "total": 3240 },
            { "indicator": "nq28-mt1", "numerator": { "total": 5 }, "denominator": { "total": 7 } }
        ],
        "activities": [{ "activity": "1.1", "status": "in_progress" }],
        "funding": [{ "source": "ngan-sach-dia-phuong", "planned": 120_000_000, "spent": 48_000_000 }]
    })
}
