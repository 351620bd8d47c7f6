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
