// Validate a bundled Lai Châu report from Swift, the way a field app does.
//   swift run binhdang-example /path/to/binhdang
import Foundation
import Binhdang

let root = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? ".")
let plan = try String(contentsOf: root.appendingPathComponent("examples/lai-chau-2024/plan.json"), encoding: .utf8)
let report = try String(contentsOf: root.appendingPathComponent("examples/lai-chau-2024/reports/2024-6m-106.json"), encoding: .utf8)

do {
    let findings = try validateReport(report: report, plan: plan, asOf: "2025-01-15")
    for f in findings {
        // `f.code` is an enum (`.sexSumMismatch`); its description is the documented code.
        print("\(f.severity == .error ? "Lỗi" : "Cảnh báo") [\(f.code)] tại \(f.path): \(f.messageVi)")
    }
} catch let BinhdangError.Plan(detail, findings) {
    print("Không đọc được kế hoạch: \(detail) (\(findings.count) phát hiện)")
}

// The life of a report: Tam Đường submits, Sở LĐTBXH returns it with a reason,
// Tam Đường submits a correction. binhdang decides each step; the app stores
// the standing (put into the next step as JSON) and the log of events.
var standing: Standing? = nil
var log: [String] = []
func act(_ step: String) throws {
    switch try transition(plan: plan, step: step, asOf: "2024-06-30") {
    case .allowed(let t):
        standing = t.standing
        log.append(t.event.toJson())
        print("\(t.event.action) → \(t.standing.state), phiên bản \(t.standing.version)")
    case .refused(let findings):
        print("Không được: \(findings.map { $0.messageVi })")
    }
}
try act(#"{"unit": "106", "entry": "2024-6m", "action": "submit", "by": "106", "date": "2024-06-04"}"#)
try act(#"{"unit": "106", "entry": "2024-6m", "action": "return", "by": "so-ldtbxh", "date": "2024-06-06", "reason": "Nữ 70 + nam 55 = 125, không phải 130.", "standing": \#(standing!.toJson())}"#)
try act(#"{"unit": "106", "entry": "2024-6m", "action": "submit", "by": "106", "date": "2024-06-10", "standing": \#(standing!.toJson())}"#)
let replayed = try replay(plan: plan, events: "[" + log.joined(separator: ",") + "]", asOf: "2024-06-30")
print("Nhật ký cho cùng trạng thái: \(replayed.standings.first?.standing == standing)")

// Excel forms: Huyện Nậm Nhùn's annual form saved to share, and a filled
// form checked as it comes back, each finding naming its cell.
let form = try reportForm(plan: plan, unit: "112", entry: "2024-annual")
try form.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("112-2024-annual.xlsx"))
let filled = try Data(contentsOf: root.appendingPathComponent("tests/conformance/excel/01-wrong-total-and-text-number.xlsx"))
for f in try validateWorkbook(workbook: filled, plan: plan, asOf: "2025-01-15") {
    if case .text(value: let cell)? = f.context["cell"] {
        print("\(cell): \(f.messageVi)")
    }
}
do {
    _ = try reportForm(plan: plan, unit: "999", entry: "2024-annual")
} catch let BinhdangError.Form(detail) {
    print("Không tạo được biểu mẫu: \(detail)")
}
