// The life of a report between a district's app and the province, on the JVM:
// Huyện Tam Đường submits its six-month report, Sở LĐTBXH returns it with a
// reason, the district corrects it and submits again, and the province's
// summary shows where every unit's report stands. binhdang decides each step;
// the app stores the report's standing and the log of events (docs/workflow.md).
//
//   tests/kotlin/run example   (builds the library and the bindings, then runs this)
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import vn.binhdang.*
import vn.binhdang.core.*

/** What the app keeps of one report: where it stands (null: a draft) and the log, each event as JSON. */
class StoredReport(val unit: String, val entry: String) {
    var standing: Standing? = null
    val log = mutableListOf<String>()
    fun logJson(): String = log.joinToString(",", "[", "]")
}

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "." })
    val dir = File(root, "examples/lai-chau-2024")
    val plan = File(dir, "plan.json").readText()
    val v1 = File(dir, "reports/2024-6m-106.json").readText()
    val v2 = File(dir, "workflow/2024-6m-106-v2.json").readText()
    val report = StoredReport(unit = "106", entry = "2024-6m")

    // One step: who does what, on which day, and why, with the standing the app stored.
    // The JSON is built with the app's JSON library (Gson here; org.json's JSONObject on Android).
    fun act(action: String, by: String, date: String, reason: String? = null): Boolean {
        val step = JsonObject().apply {
            addProperty("unit", report.unit)
            addProperty("entry", report.entry)
            addProperty("action", action)
            addProperty("by", by)
            addProperty("date", date)
            reason?.let { addProperty("reason", it) }
            report.standing?.let { add("standing", JsonParser.parseString(it.toJson())) }
        }
        return when (val decision = transition(plan, step.toString(), asOf = date)) {
            is Decision.Allowed -> {
                val (standing, event) = decision.transition
                report.standing = standing
                report.log.add(event.toJson())
                println("$date  $by $action → ${standing.state}, phiên bản ${standing.version}" +
                    (standing.reason?.let { " — lý do: $it" } ?: ""))
                true
            }
            is Decision.Refused -> {
                for (f in decision.findings) println("$date  $by $action: không được — ${f.messageVi} [${f.code}]")
                false
            }
        }
    }

    // 4/6: the district submits version 1.
    check(act("submit", by = "106", date = "2024-06-04"))
    // 6/6: Sở LĐTBXH checks it, finds that women + men do not make the total,
    // and returns it; a return without a reason is refused.
    val wrong = validateReport(v1, plan, asOf = "2024-06-06").first { it.code == Code.SEX_SUM_MISMATCH }
    check(!act("return", by = "so-ldtbxh", date = "2024-06-06"))
    check(act("return", by = "so-ldtbxh", date = "2024-06-06", reason = wrong.messageVi))
    // The district cannot accept its own report, and sees why.
    check(!act("accept", by = "106", date = "2024-06-07"))
    // 10/6: the corrected report passes the check, and is submitted as version 2.
    check(validateReport(v2, plan, asOf = "2024-06-10").none { it.severity == Severity.ERROR })
    check(act("submit", by = "106", date = "2024-06-10"))

    // The log replays to the standing the app holds (what a server does with the log it receives).
    val replayed = replay(plan, report.logJson(), asOf = "2024-06-30")
    check(replayed.findings.isEmpty() && replayed.standings.single().standing == report.standing)

    // The province's summary of both versions with the log: version 2 is used,
    // and each expected unit is under its report's state.
    val summary = aggregate(plan, listOf(v1, v2), asOf = "2024-06-30", events = report.logJson())
    check(summary.findings.none { it.code == Code.STATE_MISMATCH })
    val six = summary.periods.first { it.entry == "2024-6m" }
    for ((state, units) in six.completeness.states.orEmpty().filter { it.value.isNotEmpty() }) {
        println("$state: ${units.size} đơn vị" + if (units.size < 3) " (${units.joinToString()})" else "")
    }
    println("Báo cáo của Tam Đường trong tổng hợp: " +
        summary.accounting.joinToString { "nộp ${it.submitted} — ${it.status}" })
}
