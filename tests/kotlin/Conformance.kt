// Every conformance vector through the Kotlin binding on the JVM: the same
// findings and totals as Rust. Prints one line per failure and closes with
// "N passed, N failed". Vectors are read with Gson (Debian's libgoogle-gson-java).
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonParser
import java.io.File
import kotlin.system.exitProcess
import vn.binhdang.*

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
        addProperty("code", f.code)
        addProperty("severity", f.severity.name.lowercase())
        addProperty("path", f.path)
    })
}

fun runValidate(v: JsonObject): JsonElement {
    val plan = planText(v)
    if (v["mode"]?.asString == "plan") return brief(checkPlan(plan))
    val earlier = v.getAsJsonObject("context")?.getAsJsonArray("earlier")?.map { it.toString() } ?: listOf()
    val asOf = v["as_of"].asString
    val texts = reportTexts(v)
    // The vector's limits over the defaults, as an app would set them.
    val limits = v.getAsJsonObject("limits")?.let { l ->
        val d = defaultLimits()
        fun get(name: String, default: ULong) = l[name]?.asLong?.toULong() ?: default
        Limits(get("max_bytes", d.maxBytes), get("max_depth", d.maxDepth), get("max_values", d.maxValues), get("max_reports", d.maxReports),
            get("max_nodes", d.maxNodes), get("max_findings", d.maxFindings))
    }
    if (v["mode"]?.asString == "batch") {
        return JsonArray().apply {
            for (o in validateReports(texts, plan, asOf, earlier, limits)) add(JsonObject().apply {
                addProperty("status", o.status.name.lowercase())
                add("findings", brief(o.findings))
                o.supersededBy?.let { addProperty("superseded_by", it.toInt()) }
            })
        }
    }
    return brief(validateReport(texts[0], plan, asOf, earlier, limits))
}

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

fun checkSummary(expected: JsonObject, summary: JsonObject): List<String> {
    val periods = JsonObject()
    for (p in summary.getAsJsonArray("periods")) {
        val q = p.asJsonObject.deepCopy()
        q.add("figures", JsonObject().apply { for (f in p.asJsonObject.getAsJsonArray("figures")) add("${f.asJsonObject["unit"].asString}|${f.asJsonObject["indicator"].asString}", f) })
        q.add("progress", JsonObject().apply { for (g in p.asJsonObject.getAsJsonArray("progress")) add("${g.asJsonObject["indicator"].asString}|${g.asJsonObject["year"].asInt}", g) })
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
        val errors = checkSummary(v.getAsJsonObject("expected"), JsonParser.parseString(summary.json).asJsonObject).toMutableList()
        // The typed summary agrees with its JSON: one period per schedule entry, every report accounted for.
        if (summary.periods.size != JsonParser.parseString(summary.json).asJsonObject.getAsJsonArray("periods").size()) errors.add("typed periods")
        if (summary.accounting.size != v.getAsJsonArray("reports").size()) errors.add("accounting size")
        if (errors.isEmpty()) passed++ else { failed++; println("FAIL aggregate $name: ${errors.joinToString("; ")}") }
    }
    // Publication: the same cells withheld, the same values published.
    for ((name, v) in vectors("publish")) {
        val rows = publishedFigures(planText(v), reportTexts(v), v["as_of"].asString)
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
    // Typed text: the value, or the finding's code and problem.
    for ((name, v) in vectors("parse")) {
        val errors = mutableListOf<String>()
        for (c in v.getAsJsonArray("cases").map { it.asJsonObject }) {
            val input = c["input"].asString
            val got = JsonObject()
            try {
                if (v["kind"].asString == "date") got.addProperty("expected", parseDate(input))
                else got.addProperty("expected", parseNumber(input))
            } catch (e: BinhdangException.Parse) {
                val f = e.findings[0]
                val problem = JsonParser.parseString(f.contextJson).asJsonObject["problem"].asString
                got.add("finding", JsonObject().apply { addProperty("code", f.code); addProperty("problem", problem) })
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
    catch (e: BinhdangException.Plan) { if (e.findings.isNotEmpty() && e.findings[0].code == "malformed") passed++ else failed++ }
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
    println("$passed passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
