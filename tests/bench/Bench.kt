// One validation through the Kotlin binding on the JVM, timed the same way
// as the same call in Rust (criterion's form/api_validate_report and
// form/checker): see BENCHMARKS.md.
//   tests/kotlin/run bench OUT.json
import java.io.File
import vn.binhdang.*

/** Mean microseconds per call: the best of five rounds of `n` calls, after a warm-up. */
fun perCall(n: Int, f: () -> Unit): Double {
    repeat(n / 5) { f() }
    var best = Double.MAX_VALUE
    repeat(5) {
        val t = System.nanoTime()
        repeat(n) { f() }
        best = minOf(best, (System.nanoTime() - t) / 1000.0 / n)
    }
    return best
}

fun main(args: Array<String>) {
    val root = File(System.getProperty("binhdang.root") ?: ".")
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val form = File(root, "examples/lai-chau-2024/reports/2024-6m-106.json").readText()
    val checker = Checker(plan)
    val codes = checker.validateReport(form, "2024-06-04").map { it.code.toString() }
    check(codes == listOf("sex_sum_mismatch")) { "unexpected findings $codes" }
    val apiUs = perCall(2000) { validateReport(form, plan, "2024-06-04") }
    val checkerUs = perCall(20000) { checker.validateReport(form, "2024-06-04") }
    // A call that does nothing (the version string): what one crossing of
    // uniffi's JNA costs, before any work.
    val versionUs = perCall(20000) { version() }
    val json = """{"jvm": "${System.getProperty("java.version")}", "api_validate_report_us": $apiUs, "checker_us": $checkerUs, "version_us": $versionUs}"""
    File(args[1]).writeText(json + "\n")
    println(json)
}
