// A field app's check, on the JVM: validate a bundled Lai Châu report and
// print each finding the way an officer reads it, then the province's count
// of reports received.
//
//   tests/kotlin/run example   (builds the library and the bindings, then runs this)
import java.io.File
import vn.binhdang.*
import vn.binhdang.core.*

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." })
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val report = File(root, "examples/lai-chau-2024/reports/2024-6m-106.json").readText()
    val findings = validateReport(report, plan, asOf = "2025-01-15")
    println("Báo cáo 2024-6m-106.json: ${findings.size} phát hiện")
    for (f in findings) {
        val level = if (f.severity == Severity.ERROR) "Lỗi" else "Cảnh báo"
        // The code is an enum (`Code.SEX_SUM_MISMATCH`); its text is the documented code.
        println("  $level [${f.code}] tại ${f.path}: ${f.messageVi}")
    }
    val summary = aggregate(plan, listOf(report), "2025-01-15")
    val six = summary.periods.first { it.entry == "2024-6m" }
    val done = six.completeness
    println("Báo cáo 6 tháng (${six.period.from} – ${six.period.to}, hạn ${six.due}): " +
        "đã nhận ${done.received}/${done.expected} đơn vị, bị loại ${done.rejected.size}")
}
