// Every conformance vector through the Kotlin binding on the JVM: the same
// findings and totals as Rust, read from the typed results (the core's own
// types, generated). Then what only a Kotlin host meets: a String with half a
// surrogate pair. Prints one line per failure and closes with "N passed, N
// failed". Vectors are read with Gson (Debian's libgoogle-gson-java).
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import com.google.gson.JsonPrimitive
import java.io.File
import kotlin.system.exitProcess
import vn.binhdang.*
import vn.binhdang.core.*

val root: File = File(System.getProperty("binhdang.root") ?: ".").canonicalFile

fun vectors(kind: String): List<Pair<String, JsonObject>> =
    File(root, "tests/conformance/$kind").listFiles { f -> f.name.endsWith(".json") }!!
        .sortedBy { it.name }
        .map { it.name to JsonParser.parseString(it.readText()).asJsonObject }

fun planText(v: JsonObject): String =
    if (v["plan"].isJsonPrimitive) File(root, v["plan"].asString).readText() else v["plan"].toString()

fun reportTexts(v: JsonObject): List<String> = when {
    v.has("report_text") -> listOf(v["report_text"].asString)
    v.has("report_text_repeat") -> {
        val r = v.getAsJsonObject("report_text_repeat")
        listOf(r["prefix"].asString + r["repeat"].asString.repeat(r["times"].asInt) + r["suffix"].asString)
    }
    v.has("report") -> listOf(v["report"].toString())
    else -> {
        val asText = v.getAsJsonArray("reports_as_text")
        v.getAsJsonArray("reports").mapIndexed { i, r ->
            if (asText != null && i < asText.size() && asText[i].asBoolean) r.asString else r.toString()
        }
    }
}

fun brief(findings: List<Finding>): JsonArray = JsonArray().apply {
    for (f in findings) add(JsonObject().apply {
        addProperty("code", f.code.toString())
        addProperty("severity", f.severity.name.lowercase())
        addProperty("path", f.path)
    })
}

/** The vector's limits over the defaults, as an app would set them (null: none given). */
fun limitsOf(v: JsonObject): Limits? = v.getAsJsonObject("limits")?.let { l ->
    val d = defaultLimits()
    fun get(name: String, default: ULong) = l[name]?.asLong?.toULong() ?: default
    d.copy(maxBytes = get("max_bytes", d.maxBytes), maxDepth = get("max_depth", d.maxDepth), maxValues = get("max_values", d.maxValues),
        maxReports = get("max_reports", d.maxReports), maxNodes = get("max_nodes", d.maxNodes), maxFindings = get("max_findings", d.maxFindings))
}

fun runValidate(v: JsonObject): JsonElement {
    val plan = planText(v)
    if (v["mode"]?.asString == "plan") return brief(checkPlan(plan))
    val earlier = v.getAsJsonObject("context")?.getAsJsonArray("earlier")?.map { it.toString() } ?: listOf()
    val asOf = v["as_of"].asString
    val texts = reportTexts(v)
    val limits = limitsOf(v)
    if (v["mode"]?.asString == "batch") {
        return JsonArray().apply {
            for (o in validateReports(texts, plan, asOf, earlier, limits)) add(JsonObject().apply {
                addProperty("status", o.status.name.lowercase())
                add("findings", brief(o.findings))
                o.supersededBy?.let { addProperty("superseded_by", it.toInt()) }
                if (o.leftOut.isNotEmpty()) add("left_out", j(o.leftOut))
            })
        }
    }
    return brief(validateReport(texts[0], plan, asOf, earlier, limits))
}

/** A typed result in its JSON form (snake_case names, enums as their JSON
 *  text), field by field, so that the vectors written for the JSON summary
 *  check the typed one: a field the Kotlin type lacked would fail them. */
fun j(x: Any?): JsonElement = when (x) {
    null -> JsonNull.INSTANCE
    is String -> JsonPrimitive(x)
    is Boolean -> JsonPrimitive(x)
    is Number -> JsonPrimitive(x)
    is ULong -> JsonPrimitive(java.math.BigInteger(x.toString()))
    is UInt -> JsonPrimitive(x.toLong())
    is Code -> JsonPrimitive(x.toString())
    is Enum<*> -> JsonPrimitive(x.name.lowercase())
    is java.time.LocalDate -> JsonPrimitive(x.toString())
    is List<*> -> JsonArray().apply { x.forEach { add(j(it)) } }
    is Map<*, *> -> JsonObject().apply { x.forEach { (k, v) -> add(j(k).asString, j(v)) } }
    is Finding -> obj("code" to x.code, "severity" to x.severity, "path" to x.path, "message_vi" to x.messageVi, "message_en" to x.messageEn, "context" to x.context)
    is JsonValue.Text -> JsonPrimitive(x.value)
    is JsonValue.Integer -> JsonPrimitive(x.value)
    is JsonValue.Unsigned -> j(x.value)
    is JsonValue.Number -> JsonPrimitive(x.value)
    is JsonValue.Bool -> JsonPrimitive(x.value)
    is JsonValue.Null -> JsonNull.INSTANCE
    is JsonValue.Array -> j(x.items)
    is JsonValue.Object -> j(x.fields)
    is Period -> obj("from" to x.from, "to" to x.to)
    is Outcome -> obj("index" to x.index, "source" to x.source, "unit" to x.unit, "kind" to x.kind, "period" to x.period,
        "submitted" to x.submitted, "status" to x.status, "superseded_by" to x.supersededBy, "findings" to x.findings,
        "left_out" to x.leftOut)
    is LeftOut -> obj("path" to x.path, "codes" to x.codes)
    is Parts -> obj("female" to x.female, "male" to x.male, "total" to x.total)
    is GenderMetrics -> obj("female" to x.female, "male" to x.male, "parity_index" to x.parityIndex, "gap" to x.gap)
    is Figure -> obj("unit" to x.unit, "indicator" to x.indicator, "by" to x.by, "counts" to x.counts, "numerator" to x.numerator,
        "denominator" to x.denominator, "value" to x.value, "gender" to x.gender, "reports" to x.reports, "overflow" to x.overflow)
    is Completeness -> obj("expected" to x.expected, "received" to x.received, "on_time" to x.onTime, "late" to x.late,
        "missing" to x.missing, "not_yet_due" to x.notYetDue, "units" to x.units, "rejected" to x.rejected, "states" to x.states)
    // The workflow's records leave out what is absent, as their JSON does, so that a vector's standing compares whole.
    is Standing -> lean("state" to x.state, "version" to x.version, "submitted" to x.submitted, "date" to x.date, "reason" to x.reason)
    is ReportStanding -> lean("unit" to x.unit, "entry" to x.entry).apply { for ((k, v) in j(x.standing).asJsonObject.entrySet()) add(k, v) }
    is ReportEvent -> lean("unit" to x.unit, "entry" to x.entry, "action" to x.action, "by" to x.by, "date" to x.date,
        "version" to x.version, "reason" to x.reason)
    is Progress -> obj("indicator" to x.indicator, "unit" to x.unit, "year" to x.year, "target" to x.target, "direction" to x.direction, "value" to x.value,
        "status" to x.status, "gap" to x.gap, "confirmed" to x.confirmed, "source" to x.source)
    is ActivityTally -> obj("activity" to x.activity, "statuses" to x.statuses, "outputs" to x.outputs)
    is AreaActivities -> obj("area" to x.area, "title" to x.title, "activities" to x.activities)
    is FundingTotal -> obj("source" to x.source, "planned" to x.planned, "spent" to x.spent, "reports" to x.reports)
    is PeriodSummary -> obj("entry" to x.entry, "kind" to x.kind, "period" to x.period, "due" to x.due, "completeness" to x.completeness,
        "figures" to x.figures, "progress" to x.progress, "activities" to x.activities, "funding" to x.funding)
    is Summary -> obj("plan" to x.plan, "as_of" to x.asOf, "root" to x.root, "periods" to x.periods, "accounting" to x.accounting,
        "findings" to x.findings)
    else -> throw IllegalArgumentException("no JSON form for ${x.javaClass}")
}

fun obj(vararg fields: Pair<String, Any?>): JsonObject = JsonObject().apply { for ((k, v) in fields) add(k, j(v)) }

/** An object without the fields that are null. */
fun lean(vararg fields: Pair<String, Any?>): JsonObject = obj(*fields.filter { it.second != null }.toTypedArray())

/** The vector language's comparison: subsets for objects, element-wise for arrays, numbers within 1e-9. */
fun matches(expected: JsonElement, actual: JsonElement?, at: String, errors: MutableList<String>) {
    when {
        expected.isJsonObject -> {
            if (actual == null || !actual.isJsonObject) { errors.add("$at: expected an object, got $actual"); return }
            for ((k, ev) in expected.asJsonObject.entrySet()) matches(ev, actual.asJsonObject[k] ?: JsonNull.INSTANCE, "$at/$k", errors)
        }
        expected.isJsonArray -> {
            val e = expected.asJsonArray
            if (actual == null || !actual.isJsonArray || actual.asJsonArray.size() != e.size()) { errors.add("$at: expected $e, got $actual"); return }
            for (i in 0 until e.size()) matches(e[i], actual.asJsonArray[i], "$at/$i", errors)
        }
        expected.isJsonPrimitive && expected.asJsonPrimitive.isNumber -> {
            val a = actual?.takeIf { it.isJsonPrimitive && it.asJsonPrimitive.isNumber }?.asDouble
            val x = expected.asDouble
            if (a == null || Math.abs(x - a) > 1e-9 * maxOf(Math.abs(x), Math.abs(a), 1.0)) errors.add("$at: expected $x, got $actual")
        }
        else -> if (expected != actual) errors.add("$at: expected $expected, got $actual")
    }
}

/** `unit|indicator`, and for a cell of a breakdown `|dimension=code,...` (dimensions in name order). */
fun figureKey(f: JsonObject): String {
    val key = "${f["unit"].asString}|${f["indicator"].asString}"
    val by = f.getAsJsonObject("by")?.entrySet()?.sortedBy { it.key } ?: listOf()
    return if (by.isEmpty()) key else key + "|" + by.joinToString(",") { "${it.key}=${it.value.asString}" }
}

fun checkSummary(expected: JsonObject, summary: JsonObject): List<String> {
    val periods = JsonObject()
    for (p in summary.getAsJsonArray("periods")) {
        val q = p.asJsonObject.deepCopy()
        q.add("figures", JsonObject().apply { for (f in p.asJsonObject.getAsJsonArray("figures")) add(figureKey(f.asJsonObject), f) })
        q.add("progress", JsonObject().apply {
            for (g in p.asJsonObject.getAsJsonArray("progress")) {
                val key = "${g.asJsonObject["indicator"].asString}|${g.asJsonObject["year"].asInt}"
                val unit = g.asJsonObject["unit"]?.takeIf { !it.isJsonNull }?.asString
                add(if (unit == null) key else "$key|$unit", g)
            }
        })
        periods.add(q["entry"].asString, q)
    }
    val actual = summary.deepCopy().apply { add("periods", periods) }
    val exp = expected.deepCopy()
    val errors = mutableListOf<String>()
    exp.getAsJsonObject("periods")?.entrySet()?.forEach { (entry, p) ->
        p.asJsonObject.remove("absent")?.asJsonArray?.forEach { key ->
            if (periods.getAsJsonObject(entry).getAsJsonObject("figures").has(key.asString)) errors.add("/periods/$entry/figures/${key.asString}: expected no figure")
        }
    }
    matches(exp, actual, "", errors)
    return errors
}

/** A workflow vector's log as an app holds it: text as is, a file's text, or the list as JSON text. */
fun eventsText(v: JsonObject): String = when {
    v.has("events_text") -> v["events_text"].asString
    v["events"].isJsonPrimitive -> File(root, v["events"].asString).readText()
    else -> v["events"].toString()
}

/** A workflow vector through the binding, in the shape of its `expected`;
 *  compared as core/tests/workflow.rs and the Python runner compare. Returns the failures. */
fun runWorkflow(v: JsonObject): List<String> {
    val plan = planText(v)
    val asOf = v["as_of"].asString
    val expected = v["expected"].asJsonObject
    if (v["mode"].asString == "aggregate") {
        val summary = aggregate(plan, reportTexts(v), asOf, events = eventsText(v))
        // The summary's findings whole (brief), the rest as a subset.
        val errors = checkSummary(expected.deepCopy().apply { remove("findings") }, j(summary).asJsonObject).toMutableList()
        if (brief(summary.findings) != expected["findings"]) errors.add("findings ${brief(summary.findings)}")
        return errors
    }
    val got = if (v["mode"].asString == "replay") {
        val r = replay(plan, eventsText(v), asOf)
        JsonObject().apply { add("standings", j(r.standings)); add("refused", j(r.refused)); add("findings", brief(r.findings)) }
    } else {
        val step = if (v.has("step_text")) v["step_text"].asString else v["step"].toString()
        when (val d = transition(plan, step, asOf)) {
            is Decision.Allowed -> obj("standing" to d.transition.standing, "event" to d.transition.event)
            is Decision.Refused -> JsonObject().apply { add("findings", brief(d.findings)) }
        }
    }
    return if (got == expected) listOf() else listOf("expected $expected\n  got      $got")
}

/** Every report the project holds as JSON: the bundled ones and the vectors'. */
fun allReportTexts(): List<String> {
    val bundled = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.endsWith(".json") }!!
        .sortedBy { it.name }.map { it.readText() }
    val fromVectors = (vectors("validate") + vectors("aggregate")).flatMap { (_, v) ->
        val one = v["report"]?.takeIf { it.isJsonObject }?.let { listOf(it) } ?: listOf()
        one + (v.getAsJsonArray("reports")?.filter { it.isJsonObject } ?: listOf())
    }.map { it.toString() }
    return bundled + fromVectors
}

/** A report Kotlin (Gson) serialises and Rust reads back is the same report,
 *  and every key given with a value is kept, in NFC. Returns the failures. */
fun roundTrip(): Pair<Int, List<String>> {
    var checked = 0
    val errors = mutableListOf<String>()
    for (text in allReportTexts()) {
        val first = try { loadReport(text) } catch (e: BinhdangException.Report) { continue }
        // Through the app's own JSON: parsed into a tree, written back out by Gson.
        val tree = JsonParser.parseString(first)
        val again = loadReport(com.google.gson.Gson().toJson(tree))
        if (JsonParser.parseString(again) != tree) errors.add("changed: $text")
        val kept = tree.asJsonObject
        for ((k, value) in JsonParser.parseString(text).asJsonObject.entrySet()) {
            val given = !value.isJsonNull && !(value.isJsonArray && value.asJsonArray.isEmpty)
            if (given && !kept.has(java.text.Normalizer.normalize(k, java.text.Normalizer.Form.NFC))) errors.add("lost $k: $text")
        }
        checked++
    }
    // The largest count a report holds, 2^53 - 1, as an unsigned Kotlin number.
    val big = 9007199254740991uL
    val r = JsonParser.parseString(allReportTexts()[0]).asJsonObject
    r.getAsJsonArray("values")[0].asJsonObject.apply { remove("female"); remove("male"); addProperty("total", big.toLong()) }
    val back = JsonParser.parseString(loadReport(r.toString())).asJsonObject
    if (back.getAsJsonArray("values")[0].asJsonObject["total"].asString.toULong() != big) errors.add("2^53 - 1 changed")
    return checked to errors
}

/** An exchange/ vector's check of SDMX-CSV text (tests/conformance/README.md). */
fun checkSdmx(expected: JsonObject, text: String): List<String> {
    val lines = text.lines().filter { it.isNotEmpty() }
    val header = lines[0].split(",")
    val errors = mutableListOf<String>()
    if (header != expected.getAsJsonArray("header").map { it.asString }) errors.add("header $header")
    val fixed = setOf("STRUCTURE", "STRUCTURE_ID", "ACTION", "REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX",
        "OBS_VALUE", "UNIT_MEASURE", "SERIES", "OBS_STATUS", "REPORTS")
    val observations = mutableMapOf<String, Map<String, String>>()
    for (line in lines.drop(1)) {
        val row = header.zip(line.split(",")).toMap()
        var key = listOf("REF_AREA", "INDICATOR", "TIME_PERIOD", "SEX").joinToString("|") { row[it] ?: "" }
        for (c in header.sorted()) if (c !in fixed && row[c] != "_T") key += "|${c.lowercase()}=${row[c]}"
        observations[key] = row
    }
    for ((key, want) in expected.getAsJsonObject("observations").entrySet()) {
        val got = observations[key]
        if (got == null) { errors.add("no observation $key"); continue }
        for ((c, value) in want.asJsonObject.entrySet()) if (got[c] != value.asString) errors.add("$key $c: ${got[c]}")
    }
    for (key in expected.getAsJsonArray("absent").map { it.asString }) if (key in observations) errors.add("$key must be absent")
    return errors
}

fun main() {
    var passed = 0
    var failed = 0
    val (checked, errors) = roundTrip()
    if (checked >= 60 && errors.isEmpty()) passed++ else { failed++; println("FAIL round trip ($checked reports): ${errors.take(3)}") }
    for ((name, v) in vectors("validate")) {
        val got = try { runValidate(v) } catch (e: Exception) { JsonParser.parseString("\"${e.javaClass.simpleName}\"") }
        if (got == v["expected"]) passed++ else { failed++; println("FAIL validate $name\n  expected ${v["expected"]}\n  got      $got") }
    }
    for ((name, v) in vectors("aggregate")) {
        val summary = aggregate(planText(v), reportTexts(v), v["as_of"].asString)
        val errors = checkSummary(v.getAsJsonObject("expected"), j(summary).asJsonObject).toMutableList()
        if (summary.accounting.size != v.getAsJsonArray("reports").size()) errors.add("accounting size")
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL aggregate $name: ${errors.joinToString("; ")}") }
    }
    // Values a host builds, as the text of a host that hands text (a cycle has none).
    val native = vectors("native").filter { (_, v) -> v.has("report_text") }
    for ((name, v) in native) {
        val found = validateReport(v["report_text"].asString, planText(v), v["as_of"].asString)
        val want = v.getAsJsonArray("expected")
        val got = JsonArray().apply {
            for ((i, f) in found.withIndex()) add(JsonObject().apply {
                addProperty("code", f.code.toString())
                addProperty("severity", f.severity.name.lowercase())
                addProperty("path", f.path)
                if (i < want.size() && want[i].asJsonObject.has("problem")) add("problem", j(f.context["problem"]))
            })
        }
        if (got == want) passed++ else { failed++; println("FAIL native $name\n  expected $want\n  got      $got") }
    }
    if (native.size >= 5) passed++ else { failed++; println("FAIL native: only ${native.size} vectors with text") }
    // Publication: the same cells withheld, the same values published.
    for ((name, v) in vectors("publish")) {
        val rows = publishedTables(planText(v), reportTexts(v), v["as_of"].asString).figures
        fun key(r: FigureRow) = "${r.entry}|${r.unit}|${r.indicator}|${r.sex}"
        val withheld = rows.filter { it.suppressed }.map(::key).sorted()
        val expected = v.getAsJsonObject("expected")
        val errors = mutableListOf<String>()
        if (withheld != expected.getAsJsonArray("withheld").map { it.asString }) errors.add("withheld $withheld")
        val published = rows.filter { !it.suppressed }.associate { key(it) to it.value }
        for ((cell, value) in expected.getAsJsonObject("published").entrySet()) {
            if (published[cell] != value.asDouble) errors.add("$cell = ${published[cell]}")
        }
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL publish $name: $errors") }
    }
    // SDMX-CSV: the same observations, the same withheld ones.
    val exchange = vectors("exchange")
    for ((name, v) in exchange) {
        val text = sdmxCsv(planText(v), reportTexts(v), v["as_of"].asString, publish = v["publish"].asBoolean)
        val errors = checkSdmx(v.getAsJsonObject("expected"), text)
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL exchange $name: $errors") }
    }
    if (exchange.size >= 2) passed++ else { failed++; println("FAIL exchange: only ${exchange.size} vectors") }
    // The life of a report: replayed logs, single steps, summaries given a log.
    val workflow = vectors("workflow")
    for ((name, v) in workflow) {
        val errors = try { runWorkflow(v) } catch (e: Exception) { listOf("$e") }
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL workflow $name: ${errors.joinToString("; ")}") }
    }
    if (workflow.size >= 30 && workflow.map { it.second["mode"].asString }.toSet() == setOf("replay", "transition", "aggregate")) passed++
    else { failed++; println("FAIL workflow: ${workflow.size} vectors, not every mode") }
    // Typed text: the value, or the finding's code and problem.
    for ((name, v) in vectors("parse")) {
        val errors = mutableListOf<String>()
        for (c in v.getAsJsonArray("cases").map { it.asJsonObject }) {
            val input = c["input"].asString
            val got = JsonObject()
            try {
                if (v["kind"].asString == "date") got.addProperty("expected", parseDate(input).toString())
                else got.addProperty("expected", parseNumber(input))
            } catch (e: BinhdangException.Parse) {
                val f = e.findings[0]
                got.add("finding", JsonObject().apply { addProperty("code", f.code.toString()); add("problem", j(f.context["problem"])) })
            }
            val want = c.deepCopy().apply { remove("input") }
            val errs = mutableListOf<String>()
            matches(want, got, input, errs)
            errors.addAll(errs)
        }
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL parse $name: $errors") }
    }
    // A Checker (the plan read once) answers like validateReport on every report vector.
    var same = 0
    for ((name, v) in vectors("validate").filter { (_, v) -> v["mode"] == null && v.has("report") && !v.has("context") }) {
        val checker = Checker(planText(v))
        val text = reportTexts(v)[0]
        if (checker.validateReport(text, v["as_of"].asString) == validateReport(text, planText(v), v["as_of"].asString)) same++
        else { failed++; println("FAIL checker $name") }
    }
    if (same >= 40) passed++ else { failed++; println("FAIL checker: only $same vectors") }
    // Typed errors for what cannot be a finding.
    try { validateReport("{}", "{", "2025-01-15"); failed++; println("FAIL: no exception for an unreadable plan") }
    catch (e: BinhdangException.Plan) { if (e.findings.isNotEmpty() && e.findings[0].code == Code.MALFORMED) passed++ else failed++ }
    try { validateReport("{}", planText(vectors("validate")[0].second), "30/2/2025"); failed++ }
    catch (e: BinhdangException.Date) { passed++ }
    // Error messages follow the language the app chose: Vietnamese unless told.
    try { validateReport("{}", "{", "2025-01-15") } catch (e: BinhdangException.Plan) {
        if (e.detail.startsWith("Không đọc được kế hoạch")) passed++ else { failed++; println("FAIL vi message: ${e.detail}") }
    }
    setLanguage("en")
    try { validateReport("{}", "{", "2025-01-15") } catch (e: BinhdangException.Plan) {
        if (e.detail.startsWith("The plan cannot be read")) passed++ else { failed++; println("FAIL en message: ${e.detail}") }
    }
    setLanguage("vi")
    // Filled Excel forms: the workbook's bytes validated, with each finding's cell; the report as read.
    val excel = vectors("excel")
    for ((name, v) in excel) {
        val errors = try { runExcel(v) } catch (e: Exception) { listOf("$e") }
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL excel $name: ${errors.joinToString("; ")}") }
    }
    if (excel.size >= 7 && excel.any { it.second["values"].isJsonNull } && excel.any { it.second.has("limits") }) passed++
    else { failed++; println("FAIL excel: ${excel.size} vectors, not every kind") }
    for ((name, errors) in surrogates() + typed() + lifeOfAReport() + excelForms()) {
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL $name: $errors") }
    }
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}

/** The code and `context.problem` of each finding. */
fun problems(findings: List<Finding>): List<Pair<Code, JsonValue?>> = findings.map { it.code to it.context["problem"] }

/** A Kotlin String may hold half of a surrogate pair (a JSON escape decoded
 *  by the app, text cut in the middle of an emoji). Passed as a plan or a
 *  report it is a `malformed` finding (`lone_surrogate`), as in Python and
 *  Node, never an exception; `byte` is where it sits in the UTF-8 text (as
 *  Python's "surrogatepass" counts). Each case: its name and its failures. */
fun surrogates(): List<Pair<String, List<String>>> {
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val report = File(root, "examples/lai-chau-2024/reports/2024-6m-106.json").readText()
    val lone = listOf(JsonValue.Text("lone_surrogate"))
    val out = mutableListOf<Pair<String, List<String>>>()
    for ((label, half) in listOf("high" to "\uD800", "low" to "\uDC00")) {
        // Put into the notes as the character itself, not as a JSON escape.
        val bad = report.replaceFirst("{", "{\"notes\": \"Khó khăn $half\", ")
        val at = bad.indexOf(half)
        val errors = mutableListOf<String>()
        val found = validateReport(bad, plan, "2025-01-15")
        if (found.map { it.code } != listOf(Code.MALFORMED) || found[0].context["problem"] != lone[0]) errors.add("validateReport: ${problems(found)}")
        val byte = bad.substring(0, at).toByteArray(Charsets.UTF_8).size.toLong()
        if (found.firstOrNull()?.context?.get("byte") != JsonValue.Integer(byte)) errors.add("byte ${found.firstOrNull()?.context?.get("byte")}, not $byte")
        if (problems(Checker(plan).validateReport(bad, "2025-01-15")) != problems(found)) errors.add("Checker")
        val outcomes = validateReports(listOf(bad, report), plan, "2025-01-15")
        if (outcomes[0].status != ReportStatus.REJECTED || problems(outcomes[0].findings).map { it.second } != lone) errors.add("batch: ${outcomes[0]}")
        if (outcomes[1].findings.any { it.context["problem"] == lone[0] }) errors.add("the good report of the batch")
        val summary = aggregate(plan, listOf(bad), "2025-01-15")
        if (summary.accounting.single().status != ReportStatus.REJECTED) errors.add("aggregate: ${summary.accounting}")
        try { loadReport(bad); errors.add("loadReport: no exception") }
        catch (e: BinhdangException.Report) { if (problems(e.findings).map { it.second } != lone) errors.add("loadReport: ${problems(e.findings)}") }
        // As a plan: the plan check says so; a check against it cannot start.
        val badPlan = plan.replaceFirst("{", "{\"notes\": \"$half\", ")
        if (problems(checkPlan(badPlan)).map { it.second } != lone) errors.add("checkPlan: ${problems(checkPlan(badPlan))}")
        try { Checker(badPlan); errors.add("Checker: no exception") }
        catch (e: BinhdangException.Plan) { if (problems(e.findings).map { it.second } != lone) errors.add("Checker plan: ${problems(e.findings)}") }
        try { validateReport(report, badPlan, "2025-01-15"); errors.add("validateReport: no exception for the plan") }
        catch (e: BinhdangException.Plan) { if (problems(e.findings).map { it.second } != lone) errors.add("plan: ${problems(e.findings)}") }
        // As an earlier report: left out, as an unreadable earlier report is.
        if (validateReport(report, plan, "2025-01-15", listOf(bad)) != validateReport(report, plan, "2025-01-15")) errors.add("earlier")
        out.add("lone $label surrogate" to errors)
    }
    // A whole pair (an emoji) is a character like any other: kept as it came.
    val emoji = report.replaceFirst("{", "{\"notes\": \"Đạt 😀\", ")
    val kept = JsonParser.parseString(loadReport(emoji)).asJsonObject["notes"].asString
    out.add("surrogate pair" to if (kept == "Đạt 😀") listOf() else listOf("notes came back as $kept"))
    return out
}

/** What the typed results carry that the hand-written copies lost: the code
 *  as an enum, the context as typed values, a progress row's direction and
 *  source, dates as LocalDate. */
fun typed(): List<Pair<String, List<String>>> {
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val reports = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }.map { it.readText() }
    val errors = mutableListOf<String>()
    val summary = aggregate(plan, reports, "2025-01-15")
    if (summary.asOf != java.time.LocalDate.of(2025, 1, 15)) errors.add("asOf ${summary.asOf}")
    val progress = summary.periods.flatMap { it.progress }
    if (progress.isEmpty() || progress.any { it.source.isBlank() }) errors.add("progress rows without a source")
    if (tables(plan, reports, "2025-01-15").figures.any { it.unitName.isBlank() }) errors.add("a figure row without its unit's name")
    // Every code the core has, with its text, in the core's order: the schema's list.
    val codes = JsonParser.parseString(schema("finding")).asJsonObject.getAsJsonObject("\$defs").getAsJsonObject("Code")
        .getAsJsonArray("oneOf").map { it.asJsonObject["const"].asString }
    if (Code.entries.map { it.toString() } != codes) errors.add("codes ${Code.entries} against the schema's $codes")
    // Context values keep their JSON kind: the numbers of a sum that does not add up are whole numbers.
    val v = vectors("validate").map { it.second }.first { v -> v.has("report") && v["expected"].toString().contains("sex_sum_mismatch") }
    val sum = validateReport(reportTexts(v)[0], planText(v), v["as_of"].asString).firstOrNull { it.code == Code.SEX_SUM_MISMATCH }
    if (sum == null || sum.context.values.none { it is JsonValue.Integer }) errors.add("sex_sum_mismatch context: ${sum?.context}")
    // The entry points' package copies no type: its only type of data is the error.
    val entry = File(root, "target/mobile/kotlin/vn/binhdang/binhdang_ffi.kt").readText()
    val own = Regex("^(?:public |internal )?(?:data|enum|sealed) class (\\w+)", RegexOption.MULTILINE).findAll(entry).map { it.groupValues[1] }.toList()
    if (own != listOf("BinhdangException")) errors.add("vn.binhdang defines $own")
    return listOf("typed results" to errors)
}

/** The workflow as an app drives it: each step's JSON built with the app's
 *  own JSON library (Gson here, org.json on Android), the stored standing
 *  put in as `standing.toJson()`, each event appended as `event.toJson()`;
 *  and what only a Kotlin host meets. Each case: its name and its failures. */
fun lifeOfAReport(): List<Pair<String, List<String>>> {
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val out = mutableListOf<Pair<String, List<String>>>()
    fun step(action: String, by: String, date: String, reason: String? = null, standing: Standing? = null): String =
        JsonObject().apply {
            addProperty("unit", "106"); addProperty("entry", "2024-6m"); addProperty("action", action)
            addProperty("by", by); addProperty("date", date); reason?.let { addProperty("reason", it) }
            standing?.let { add("standing", JsonParser.parseString(it.toJson())) }
        }.toString()

    // Submitted, returned with a reason, resubmitted, accepted: each step from the standing the last one gave.
    run {
        val errors = mutableListOf<String>()
        val reason = "Số học viên: tổng 130 nhưng nữ 70 + nam 55 = 125. \"Sửa lại\"."
        var standing: Standing? = null
        val log = mutableListOf<ReportEvent>()
        val states = mutableListOf<Pair<ReportState, UInt>>()
        for ((action, by, date) in listOf(Triple("submit", "106", "2024-06-04"), Triple("return", "so-ldtbxh", "2024-06-06"),
                Triple("submit", "106", "2024-06-10"), Triple("accept", "so-ldtbxh", "2024-06-12"))) {
            when (val d = transition(plan, step(action, by, date, if (action == "return") reason else null, standing), "2024-06-30")) {
                is Decision.Allowed -> { standing = d.transition.standing; log.add(d.transition.event); states.add(standing!!.state to standing!!.version) }
                is Decision.Refused -> errors.add("$action refused: ${problems(d.findings)}")
            }
            if (action == "return" && (standing?.reason != reason || log.last().reason != reason)) errors.add("the reason did not stay: $standing")
        }
        val want = listOf(ReportState.SUBMITTED to 1u, ReportState.RETURNED to 1u, ReportState.SUBMITTED to 2u, ReportState.ACCEPTED to 2u)
        if (states != want) errors.add("states $states")
        if (log.map { it.action } != listOf(Action.SUBMIT, Action.RETURN, Action.SUBMIT, Action.ACCEPT)) errors.add("actions ${log.map { it.action }}")
        if (standing?.submitted != java.time.LocalDate.of(2024, 6, 10)) errors.add("version 2 submitted ${standing?.submitted}")
        // The log the app kept replays to the same standing, today as on the day.
        val text = log.joinToString(",", "[", "]") { it.toJson() }
        for (r in listOf(replay(plan, text, "2024-06-30"), replay(plan, text))) {
            if (r.findings.isNotEmpty() || r.refused.isNotEmpty() || r.events != 4u) errors.add("replay: ${r.refused} ${problems(r.findings)}")
            if (r.standings.singleOrNull() != ReportStanding("106", "2024-6m", standing!!)) errors.add("replayed ${r.standings}")
        }
        out.add("submitted, returned with a reason, resubmitted" to errors)
    }
    // A refused step says why, in both languages, and changes nothing the app holds.
    run {
        val errors = mutableListOf<String>()
        val submitted = (transition(plan, step("submit", "106", "2024-06-04"), "2024-06-30") as Decision.Allowed).transition.standing
        when (val d = transition(plan, step("return", "so-ldtbxh", "2024-06-06", "  ", submitted), "2024-06-30")) {
            is Decision.Allowed -> errors.add("returned without a reason")
            is Decision.Refused -> {
                val f = d.findings.singleOrNull()
                if (f?.code != Code.REASON_REQUIRED || f.path != "/reason" || f.messageVi.isBlank() || f.messageEn.isBlank()) errors.add("${d.findings}")
            }
        }
        when (val d = transition(plan, step("submit", "so-y-te", "2024-06-04"), "2024-06-30")) {
            is Decision.Allowed -> errors.add("a unit submitted another unit's report")
            is Decision.Refused -> if (d.findings.map { it.code to it.path } != listOf(Code.NOT_PERMITTED to "/by")) errors.add("${problems(d.findings)}")
        }
        out.add("a refused step" to errors)
    }
    // Half a surrogate pair in a log or a step is a finding, as in a report; in the plan, the typed error.
    run {
        val errors = mutableListOf<String>()
        val lone = JsonValue.Text("lone_surrogate")
        when (val d = transition(plan, step("submit", "106", "2024-06-04", "Sửa \uD800"), "2024-06-30")) {
            is Decision.Allowed -> errors.add("a step with a lone surrogate was allowed")
            is Decision.Refused -> if (problems(d.findings) != listOf(Code.MALFORMED to lone)) errors.add("step: ${problems(d.findings)}")
        }
        val log = "[{\"unit\": \"106\", \"entry\": \"2024-6m\", \"action\": \"submit\", \"by\": \"106\", \"date\": \"2024-06-04\", \"version\": 1, \"reason\": \"\uDC00\"}]"
        val r = replay(plan, log, "2024-06-30")
        if (problems(r.findings) != listOf(Code.MALFORMED to lone) || r.standings.isNotEmpty()) errors.add("replay: ${problems(r.findings)} ${r.standings}")
        val reports = listOf(File(root, "examples/lai-chau-2024/reports/2024-6m-106.json").readText())
        val summary = aggregate(plan, reports, "2024-06-30", events = log)
        val atEvents = summary.findings.filter { it.path.startsWith("/events") }
        if (problems(atEvents) != listOf(Code.MALFORMED to lone)) errors.add("aggregate: ${problems(summary.findings)}")
        val badPlan = plan.replaceFirst("{", "{\"notes\": \"\uD800\", ")
        try { replay(badPlan, "[]", "2024-06-30"); errors.add("replay: no exception for the plan") }
        catch (e: BinhdangException.Plan) { if (problems(e.findings) != listOf(Code.MALFORMED to lone)) errors.add("plan: ${problems(e.findings)}") }
        out.add("lone surrogates in the workflow" to errors)
    }
    // What cannot be a finding is the binding's typed error.
    run {
        val errors = mutableListOf<String>()
        try { transition(plan, step("submit", "106", "2024-06-04"), "30/2/2024"); errors.add("transition: no exception for 30/2") }
        catch (e: BinhdangException.Date) { }
        try { replay("{", "[]", "2024-06-30"); errors.add("replay: no exception for an unreadable plan") }
        catch (e: BinhdangException.Plan) { if (e.findings.firstOrNull()?.code != Code.MALFORMED) errors.add("replay plan: ${e.findings}") }
        try { aggregate("{", listOf(), "2024-06-30", events = "[]"); errors.add("aggregate: no exception for an unreadable plan") }
        catch (e: BinhdangException.Plan) { }
        try { transition(plan, step("submit", "106", "2024-06-04"), "2024-06-30", defaultLimits().copy(maxBytes = 10uL)).let {
            if (it !is Decision.Refused || it.findings.map { f -> f.code } != listOf(Code.TOO_LARGE)) errors.add("limits: $it") } }
        catch (e: BinhdangException) { errors.add("limits: $e") }
        out.add("typed errors of the workflow" to errors)
    }
    // A summary without a log is what it always was: no states.
    run {
        val reports = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.startsWith("2024-6m-") }!!.map { it.readText() }
        val without = aggregate(plan, reports, "2024-06-30").periods.first { it.entry == "2024-6m" }.completeness
        val with = aggregate(plan, reports, "2024-06-30", events = File(root, "examples/lai-chau-2024/workflow/events.json").readText())
            .periods.first { it.entry == "2024-6m" }.completeness
        val errors = mutableListOf<String>()
        if (without.states != null) errors.add("states without a log: ${without.states}")
        if (with.copy(states = null) != without) errors.add("the log changed more than the states")
        if (with.states?.values?.sumOf { it.size }?.toUInt() != with.expected) errors.add("states ${with.states} for ${with.expected} units")
        out.add("states only with a log" to errors)
    }
    return out
}

/** A finding as an Excel vector states it: code, severity, path, and from
 *  its context `cell`, `problem` and `limit_name` where it has them. */
fun excelBrief(findings: List<Finding>): JsonArray = JsonArray().apply {
    for (f in findings) add(JsonObject().apply {
        addProperty("code", f.code.toString())
        addProperty("severity", f.severity.name.lowercase())
        addProperty("path", f.path)
        for (k in listOf("cell", "problem", "limit_name")) f.context[k]?.let { add(k, j(it)) }
    })
}

/** An Excel vector: the workbook's bytes (as an app holds a file it was
 *  sent) validated against the plan, by the function and by a Checker; the
 *  report `readWorkbook` gives, its values compared as a subset. Returns the failures. */
fun runExcel(v: JsonObject): List<String> {
    val errors = mutableListOf<String>()
    val bytes = File(root, v["workbook"].asString).readBytes()
    val plan = planText(v)
    val limits = limitsOf(v)
    val found = validateWorkbook(bytes, plan, v["as_of"].asString, limits = limits)
    if (excelBrief(found) != v["expected"]) errors.add("expected ${v["expected"]}\n  got      ${excelBrief(found)}")
    if (Checker(plan).validateWorkbook(bytes, v["as_of"].asString, limits = limits) != found) errors.add("Checker.validateWorkbook differs")
    val read = readWorkbook(bytes, limits)
    if (v["values"].isJsonNull) {
        if (read.report != null) errors.add("a report was read: ${read.report}")
        if (read.findings.none { it.severity == Severity.ERROR }) errors.add("unreadable without an error: ${excelBrief(read.findings)}")
    } else if (read.report == null) {
        errors.add("no report: ${excelBrief(read.findings)}")
    } else {
        val byId = JsonObject().apply {
            for (x in JsonParser.parseString(read.report).asJsonObject.getAsJsonArray("values")) add(x.asJsonObject["indicator"].asString, x)
        }
        matches(v["values"], byId, "/values", errors)
        if (v.has("narrative")) {
            val got = JsonParser.parseString(read.report).asJsonObject["narrative"] ?: JsonArray()
            if (got != v["narrative"]) errors.add("narrative: expected ${v["narrative"]}\n  got      $got")
        }
    }
    // What reading finds, validating finds too, at the same cells.
    val inRead = excelBrief(read.findings).toSet()
    if (!excelBrief(found).toSet().containsAll(inRead)) errors.add("readWorkbook found ${excelBrief(read.findings)}, not among validateWorkbook's")
    return errors
}

/** The rows of one sheet of an `.xlsx` (java.util.zip: the sheet found by
 *  its name in the workbook and its relationships), to count what a
 *  summary workbook holds without an Excel library. Null: no such sheet. */
fun sheetRows(xlsx: ByteArray, sheet: String): Int? {
    val parts = mutableMapOf<String, String>()
    java.util.zip.ZipInputStream(xlsx.inputStream()).use { zip ->
        while (true) {
            val e = zip.nextEntry ?: break
            parts[e.name] = zip.readBytes().toString(Charsets.UTF_8)
        }
    }
    val id = Regex("""<sheet [^>]*name="${Regex.escape(sheet)}"[^>]*r:id="(\w+)"""").find(parts["xl/workbook.xml"]!!)?.groupValues?.get(1) ?: return null
    val target = Regex("""<Relationship [^>]*Id="$id"[^>]*Target="([^"]+)"""").find(parts["xl/_rels/workbook.xml.rels"]!!)!!.groupValues[1]
    return Regex("<row ").findAll(parts["xl/" + target.removePrefix("/xl/")]!!).count()
}

/** The shared strings of an `.xlsx`, as XML text. */
fun sharedStrings(xlsx: ByteArray): String = java.util.zip.ZipInputStream(xlsx.inputStream()).use { zip ->
    generateSequence { zip.nextEntry }.firstOrNull { it.name == "xl/sharedStrings.xml" }?.let { zip.readBytes().toString(Charsets.UTF_8) } ?: ""
}

/** The Excel forms as a field app meets them: a unit's form made, saved and
 *  read back; the typed error of a form that cannot be made; the summary as
 *  a workbook. Each case: its name and its failures. */
fun excelForms(): List<Pair<String, List<String>>> {
    val plan = File(root, "examples/lai-chau-2024/plan.json").readText()
    val out = mutableListOf<Pair<String, List<String>>>()
    // Huyện Nậm Nhùn's annual form, as sent out: an .xlsx that reads back with the one thing a report cannot lack and
    // nobody has typed yet, the submission date, at its cell (`C7`); so no report, and validating it says the same.
    run {
        val errors = mutableListOf<String>()
        val form = reportForm(plan, "112", "2024-annual")
        if (!form.copyOfRange(0, 4).contentEquals(byteArrayOf(0x50, 0x4B, 3, 4))) errors.add("not a zip: ${form.take(4)}")
        val read = readWorkbook(form)
        val want = JsonParser.parseString(
            """[{"code": "malformed", "severity": "error", "path": "/submitted", "cell": "'Chỉ tiêu'!C7", "problem": "missing_field"}]""")
        if (read.report != null || excelBrief(read.findings) != want) errors.add("read: ${excelBrief(read.findings)} ${read.report}")
        if (read.findings.any { it.messageVi.isBlank() || it.messageEn.isBlank() }) errors.add("a finding without its messages")
        val found = validateWorkbook(form, plan, "2025-01-15")
        if (excelBrief(found) != want) errors.add("validated: ${excelBrief(found)}")
        // Another unit's form is that unit's: the same finding, and a form of its own.
        if (readWorkbook(reportForm(plan, "106", "2024-6m")).findings != read.findings) errors.add("Tam Đường's six-month form reads otherwise")
        if (reportForm(plan, "106", "2024-6m").contentEquals(form)) errors.add("two units, one form")
        out.add("a form made and read back" to errors)
    }
    // A form that cannot be made is the typed error, in the app's language; an unreadable plan is the plan's.
    run {
        val errors = mutableListOf<String>()
        try { reportForm(plan, "999", "2024-annual"); errors.add("no exception for unit 999") }
        catch (e: BinhdangException.Form) { if (e.detail != "Đơn vị \"999\" không có trong danh sách đơn vị báo cáo của kế hoạch.") errors.add("vi: ${e.detail}") }
        try { reportForm(plan, "112", "2030-annual"); errors.add("no exception for entry 2030-annual") }
        catch (e: BinhdangException.Form) { if (!e.detail.contains("2030-annual")) errors.add("entry: ${e.detail}") }
        setLanguage("en")
        try { reportForm(plan, "999", "2024-annual") }
        catch (e: BinhdangException.Form) { if (e.detail != "Unit \"999\" is not among the plan's reporting units.") errors.add("en: ${e.detail}") }
        finally { setLanguage("vi") }
        try { reportForm("{", "112", "2024-annual"); errors.add("no exception for an unreadable plan") }
        catch (e: BinhdangException.Plan) { if (e.findings.firstOrNull()?.code != Code.MALFORMED) errors.add("plan: ${e.findings}") }
        try { summaryWorkbook(plan, listOf(), "30/2/2025"); errors.add("no exception for 30/2/2025") }
        catch (e: BinhdangException.Date) { }
        out.add("typed errors of the forms" to errors)
    }
    // Bytes that are no workbook read as a finding, never an exception.
    run {
        val read = readWorkbook("{}".toByteArray())
        val errors = if (read.report == null && problems(read.findings) == listOf(Code.MALFORMED to JsonValue.Text("not_a_workbook"))) listOf()
        else listOf("${excelBrief(read.findings)} ${read.report}")
        out.add("not a workbook" to errors)
    }
    // The summary of the bundled reports as a workbook: the accounting sheet has a row for each report (one per finding
    // of a report with findings), as aggregate() accounts for them; a filled form among them is accounted for with its
    // cells; published, there is no accounting sheet.
    run {
        val errors = mutableListOf<String>()
        val files = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
        val xlsx = summaryWorkbook(plan, files.map { it.readBytes() }, "2025-01-15")
        if (!xlsx.copyOfRange(0, 4).contentEquals(byteArrayOf(0x50, 0x4B, 3, 4))) errors.add("not a zip: ${xlsx.take(4)}")
        val summary = aggregate(plan, files.map { it.readText() }, "2025-01-15")
        if (summary.accounting.size != files.size) errors.add("aggregate accounts for ${summary.accounting.size} of ${files.size} reports")
        val want = summary.accounting.sumOf { maxOf(1, it.findings.size) }
        val rows = sheetRows(xlsx, "Đối chiếu")
        if (rows != want + 1) errors.add("accounting sheet: $rows rows, not a heading and $want")
        for (entry in summary.periods.map { it.entry }) if ((sheetRows(xlsx, entry) ?: 0) < 2) errors.add("no figures for $entry")
        val filled = File(root, "tests/conformance/excel/01-wrong-total-and-text-number.xlsx")
        if (filled.exists()) {
            val withForm = summaryWorkbook(plan, files.map { it.readBytes() } + listOf(filled.readBytes()), "2025-01-15")
            if ((sheetRows(withForm, "Đối chiếu") ?: 0) <= want + 1) errors.add("the filled form is not accounted for")
            if (!sharedStrings(withForm).contains("Chỉ tiêu&apos;!F11") && !sharedStrings(withForm).contains("Chỉ tiêu'!F11")) errors.add("no cell in the accounting")
        } else errors.add("no filled form to add up")
        val published = summaryWorkbook(plan, files.map { it.readBytes() }, "2025-01-15", publish = true)
        if (sheetRows(published, "Đối chiếu") != null) errors.add("an accounting sheet in the published workbook")
        if (sheetRows(published, "2024-annual") != sheetRows(xlsx, "2024-annual")) errors.add("published figures: other rows")
        out.add("the summary as a workbook" to errors)
    }
    // The province's consolidated report: a Word file whose document part holds every content area and a unit's
    // narrative, the same document as HTML, and an entry the summary lacks refused with BinhdangException.Form.
    run {
        val errors = mutableListOf<String>()
        val files = File(root, "examples/lai-chau-2024/reports").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
        val docx = consolidatedReport(plan, files.map { it.readBytes() }, "2025-01-15")
        if (!docx.copyOfRange(0, 4).contentEquals(byteArrayOf(0x50, 0x4B, 3, 4))) errors.add("not a zip: ${docx.take(4)}")
        val xml = java.util.zip.ZipInputStream(docx.inputStream()).use { zip ->
            generateSequence { zip.nextEntry }.firstOrNull { it.name == "word/document.xml" }?.let { zip.readBytes().toString(Charsets.UTF_8) } ?: ""
        }
        val planJson = com.google.gson.JsonParser.parseString(plan).asJsonObject
        for (area in planJson.getAsJsonArray("content_areas")) {
            val title = area.asJsonObject["title"].asString
            if (!xml.contains(title)) errors.add("no content area \"$title\" in the Word file")
        }
        if (!xml.contains("Tham mưu quy hoạch 86 cán bộ nữ")) errors.add("no narrative of Sở Nội vụ in the Word file")
        val html = consolidatedReportHtml(plan, files.map { it.readBytes() }, "2025-01-15", entry = "2024-6m")
        if (!html.startsWith("<!DOCTYPE html>") || !html.contains("6 tháng đầu năm 2024")) errors.add("HTML: ${html.take(80)}")
        try { consolidatedReport(plan, files.map { it.readBytes() }, "2025-01-15", entry = "2023-annual"); errors.add("no exception for an unknown entry") }
        catch (e: BinhdangException.Form) { if (!e.message.orEmpty().contains("2023-annual")) errors.add("message: ${e.message}") }
        out.add("the consolidated report" to errors)
    }
    return out
}
