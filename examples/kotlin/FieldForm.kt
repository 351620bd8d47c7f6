// Excel forms in an offline field app, on the JVM (docs/excel.md): the app
// makes Huyện Nậm Nhùn's annual form and saves it for the unit to fill in
// Excel; the filled form comes back and the app checks it before it goes to
// the province, naming each mistake's cell; the province's summary of every
// report, the filled form with them, is a workbook too.
//
//   tests/kotlin/run example   (builds the library and the bindings, then runs this)
import java.io.File
import vn.binhdang.*
import vn.binhdang.core.*

/** Where a finding points a person: the cell of the form (`'Chỉ tiêu'!F11`), or the report's JSON Pointer. */
fun place(f: Finding): String = (f.context["cell"] as? JsonValue.Text)?.value ?: f.path

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." })
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val storage = kotlin.io.path.createTempDirectory("binhdang-field").toFile() // the app's own files

    // The form for unit 112 and the schedule entry 2024-annual, saved to share (e-mail, Zalo, a USB stick).
    val form = File(storage, "112-2024-annual.xlsx").apply { writeBytes(reportForm(plan, unit = "112", entry = "2024-annual")) }
    println("Đã lưu biểu mẫu ${form.name} (${form.length() / 1024} kB)")
    // Sent back unfilled, it says what is missing, and where.
    for (f in readWorkbook(form.readBytes()).findings) println("  Biểu mẫu trống: ${place(f)} — ${f.messageVi}")
    // A unit the plan does not have gets no form: the error says why, in Vietnamese unless the app chose English.
    try {
        reportForm(plan, unit = "999", entry = "2024-annual")
    } catch (e: BinhdangException.Form) {
        println("Không tạo được biểu mẫu: ${e.detail}")
    }

    // The unit filled the form and sent it back (filled with openpyxl: a conformance vector).
    val filled = File(root, "tests/conformance/excel/01-wrong-total-and-text-number.xlsx").readBytes()
    val checker = Checker(plan) // the plan read once, for every form that comes in
    val findings = checker.validateWorkbook(filled, asOf = "2025-01-15")
    println("Biểu mẫu đã điền: ${findings.size} phát hiện")
    for (f in findings) {
        val level = if (f.severity == Severity.ERROR) "Lỗi" else "Cảnh báo"
        println("  $level tại ${place(f)}: ${f.messageVi}")
    }
    // What the form says, as the report's JSON (what the app stores and sends on).
    val read = readWorkbook(filled)
    val report = checkNotNull(read.report) { "the filled form reads as a report" }
    File(storage, "112-2024-annual.json").writeText(report)
    println("Đọc được báo cáo của đơn vị 112: ${report.length} ký tự JSON")

    // The province adds up the bundled reports and the filled form, and shares the summary as a workbook.
    val reports = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.endsWith(".json") }!!
        .sortedBy { it.name }.map { it.readBytes() } + listOf(filled)
    val summary = File(storage, "tong-hop-2024.xlsx").apply { writeBytes(summaryWorkbook(plan, reports, asOf = "2025-01-15")) }
    val published = summaryWorkbook(plan, reports, asOf = "2025-01-15", publish = true)
    println("Tổng hợp ${reports.size} báo cáo: ${summary.name} (${summary.length() / 1024} kB), " +
        "bản công bố ${published.size / 1024} kB")
    storage.deleteRecursively()
}
