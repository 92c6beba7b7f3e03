// The Kotlin runner of the shared scenarios (tests/scenarios/*.json; format in
// tests/scenarios/README.md). It mirrors the Rust runner in tests/src/lib.rs: the same steps,
// the same subset matching, the same variables, so both languages are held to one behaviour.
//
// Calls are found by name through reflection on the generated `WellbeingStore` class (and its
// companion object for constructors, and the file facade for free functions), and arguments
// are built from JSON by parameter type, so a method added to the core is callable here
// without any Kotlin code.
package org.wellbeingcompanion.bindings

import java.io.File
import java.lang.reflect.InvocationTargetException
import java.nio.file.Files
import java.sql.DriverManager
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KType
import kotlin.reflect.full.companionObject
import kotlin.reflect.full.companionObjectInstance
import kotlin.reflect.full.isSubclassOf
import kotlin.reflect.full.memberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.full.primaryConstructor
import kotlin.reflect.jvm.kotlinFunction
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import uniffi.wellbeing.MeasureId
import uniffi.wellbeing.SafetyFlagCode
import uniffi.wellbeing.ToolGroup
import uniffi.wellbeing.ToolId
import uniffi.wellbeing.WayId
import uniffi.wellbeing.WellbeingStore
import uniffi.wellbeing.WellbeingException

/** A scenario step failed; the message says where and why. */
class ScenarioFailure(msg: String) : AssertionError(msg)

/**
 * The name of an enum value or a variant, as it arrives from Kotlin. Rust's serde form
 * spells the same thing `"very_low"` or `"next"`; names are compared without case or
 * underscores.
 */
data class Tag(val name: String)

/** Keys compare without case, underscores or dashes: `flowId` is `flow_id`. */
fun normKey(k: String): String = k.filter { it != '_' && it != '-' }.lowercase()

object ScenarioRunner {
    fun scenariosDir(): File = File(System.getProperty("wellbeing.scenarios.dir") ?: "../../tests/scenarios")

    fun scenarioFiles(): List<File> =
        (scenariosDir().listFiles { f -> f.name.endsWith(".json") } ?: emptyArray()).sortedBy { it.name }

    fun load(file: File): JsonObject = Json.parseToJsonElement(file.readText()).jsonObject

    /** Runs one scenario in a fresh temporary directory (`$dir`). */
    fun run(scenario: JsonObject) {
        val name = (scenario["name"] as? JsonPrimitive)?.content ?: "?"
        val dir = Files.createTempDirectory("scenario").toFile()
        val vars = linkedMapOf<String, JsonElement>("dir" to JsonPrimitive(dir.absolutePath))
        var current: WellbeingStore? = null
        try {
            val steps = scenario["steps"]?.jsonArray ?: throw ScenarioFailure("$name: no steps")
            steps.forEachIndexed { i, raw ->
                val step = substitute(raw, vars).jsonObject
                val repeat = (step["repeat"] as? JsonPrimitive)?.longOrNull ?: 1L
                repeat(repeat.toInt()) {
                    try {
                        current = runStep(step, current, vars)
                    } catch (e: ScenarioFailure) {
                        throw ScenarioFailure("$name step ${i + 1} (${describe(step)}): ${e.message}")
                    }
                }
            }
        } finally {
            current?.close()
            dir.deleteRecursively()
        }
    }

    private fun describe(step: JsonObject): String {
        for (k in listOf("call", "write_file", "mkdir", "sql", "close")) {
            val v = step[k] ?: continue
            return if (k == "call") v.jsonPrimitive.content else k
        }
        return "?"
    }

    private fun str(o: JsonElement?, k: String): String =
        ((o as? JsonObject)?.get(k) as? JsonPrimitive)?.content ?: throw ScenarioFailure("`$k` is required")

    /** Runs a step; returns the store open after it. */
    private fun runStep(step: JsonObject, current: WellbeingStore?, vars: MutableMap<String, JsonElement>): WellbeingStore? {
        step["write_file"]?.let { File(str(it, "path")).writeText(str(it, "text")); return current }
        step["mkdir"]?.let { File(it.jsonPrimitive.content).mkdirs(); return current }
        step["sql"]?.let { q ->
            DriverManager.getConnection("jdbc:sqlite:" + str(q, "path")).use { conn ->
                q.jsonObject["statements"]?.jsonArray?.forEach { s -> conn.createStatement().use { it.execute(s.jsonPrimitive.content) } }
            }
            return current
        }
        if (step.containsKey("close")) { current?.close(); return null }
        val name = (step["call"] as? JsonPrimitive)?.content
            ?: throw ScenarioFailure("a step needs `call` (or write_file, mkdir, sql, close)")
        val args = step["args"] as? JsonObject ?: JsonObject(emptyMap())

        var next = current
        val result: Result<Any?> = when (val ctor = constructor(name)) {
            null -> {
                val fn = function(name)
                if (fn != null) invoke(fn, null, args)
                else {
                    val c = current ?: throw ScenarioFailure("no store is open: open one first")
                    val m = method(name) ?: throw ScenarioFailure("unknown call `$name`")
                    invoke(m, c, args)
                }
            }
            else -> invoke(ctor, WellbeingStore::class.companionObjectInstance, args).onSuccess {
                current?.close()
                next = it as WellbeingStore
            }.map { null }
        }
        val expectError = step["expect_error"]
        result.fold(
            onSuccess = { value ->
                if (expectError != null) throw ScenarioFailure("expected an error, got ${render(toTree(value))}")
                val tree = (step["find"] as? JsonObject)?.let { find(it, toTree(value)) } ?: toTree(value)
                step["expect"]?.let { matches(it, tree, "result") }
                (step["capture"] as? JsonObject)?.forEach { (v, path) ->
                    val got = lookup(tree, path.jsonPrimitive.content)
                        ?: throw ScenarioFailure("capture: no `${path.jsonPrimitive.content}` in ${render(tree)}")
                    vars[v] = toJson(got.value)
                }
            },
            onFailure = { e ->
                if (e !is WellbeingException) throw e
                if (expectError == null) throw ScenarioFailure("unexpected error ${e::class.simpleName}: ${e.message}")
                matches(expectError, toTree(e), "error")
            },
        )
        return next
    }

    // ---- finding calls ------------------------------------------------------------------

    private fun camel(snake: String): String =
        snake.split('_').mapIndexed { i, p -> if (i == 0) p else p.replaceFirstChar { it.uppercase() } }.joinToString("")

    fun method(name: String): KFunction<*>? =
        WellbeingStore::class.memberFunctions.firstOrNull { it.name == camel(name) }

    fun constructor(name: String): KFunction<*>? =
        WellbeingStore::class.companionObject?.memberFunctions?.firstOrNull { it.name == camel(name) }

    /** Exported free functions live on the file facade of the generated `wellbeing.kt`. */
    fun function(name: String): KFunction<*>? {
        val facade = runCatching { Class.forName("uniffi.wellbeing.WellbeingKt") }.getOrNull() ?: return null
        return facade.methods
            .filter { it.name.substringBefore('-') == camel(name) && java.lang.reflect.Modifier.isStatic(it.modifiers) }
            .firstNotNullOfOrNull { runCatching { it.kotlinFunction }.getOrNull() }
    }

    private fun invoke(fn: KFunction<*>, receiver: Any?, args: JsonObject): Result<Any?> {
        val params = fn.parameters.associateWith { p ->
            if (p.kind != kotlin.reflect.KParameter.Kind.VALUE) receiver
            else {
                val key = args.keys.firstOrNull { normKey(it) == normKey(p.name!!) }
                val json = key?.let { args[it] } ?: JsonNull
                try {
                    fromJson(json, p.type)
                } catch (e: ScenarioFailure) {
                    throw ScenarioFailure("argument `${p.name}`: ${e.message}")
                }
            }
        }
        return try {
            Result.success(fn.callBy(params))
        } catch (e: InvocationTargetException) {
            Result.failure(e.targetException)
        }
    }

    // ---- JSON to Kotlin values ----------------------------------------------------------

    /** The closed sets whose JSON form is a stable kebab-case id ("five-ways-log", "phq9-item9"). */
    private val idEnums: Set<KClass<*>> =
        setOf(ToolId::class, ToolGroup::class, MeasureId::class, WayId::class, SafetyFlagCode::class)

    /**
     * Each value of an id enum by its serde id. The id is the Kotlin name in kebab case
     * (`FIVE_WAYS_LOG` is "five-ways-log"): the core's `ids` tests hold every id to that rule,
     * so the table is built from the entries and never written out by hand. Matching is exact,
     * so a scenario with a misspelt id fails instead of finding a near neighbour.
     */
    fun kebabIds(cls: KClass<*>): Map<String, Any> =
        cls.java.enumConstants.associateBy { kebab(it as Enum<*>) }

    private fun kebab(e: Enum<*>): String = e.name.lowercase().replace('_', '-')

    fun fromJson(j: JsonElement, type: KType): Any? {
        if (j is JsonNull) {
            if (type.isMarkedNullable) return null
            throw ScenarioFailure("null given for $type")
        }
        val cls = type.classifier as? KClass<*> ?: throw ScenarioFailure("cannot build $type")
        fun prim(): JsonPrimitive = j as? JsonPrimitive ?: throw ScenarioFailure("expected a value for $type, got $j")
        fun long(): Long = prim().longOrNull ?: throw ScenarioFailure("expected a whole number for $type, got $j")
        return when (cls) {
            String::class -> prim().content
            Boolean::class -> prim().booleanOrNull ?: throw ScenarioFailure("expected true/false, got $j")
            Int::class -> long().toInt()
            Long::class -> long()
            Short::class -> long().toShort()
            Byte::class -> long().toByte()
            UInt::class -> long().toUInt()
            ULong::class -> long().toULong()
            UShort::class -> long().toUShort()
            UByte::class -> long().toUByte()
            Double::class -> prim().doubleOrNull ?: throw ScenarioFailure("expected a number, got $j")
            Float::class -> (prim().doubleOrNull ?: throw ScenarioFailure("expected a number, got $j")).toFloat()
            List::class -> {
                val t = type.arguments[0].type!!
                j.jsonArray.map { fromJson(it, t) }
            }
            Map::class -> {
                val (kt, vt) = type.arguments.map { it.type!! }
                j.jsonObject.entries.associate { (k, v) -> fromJson(JsonPrimitive(k), kt) to fromJson(v, vt) }
            }
            else -> when {
                cls.java.isEnum && cls in idEnums -> kebabIds(cls)[prim().content]
                    ?: throw ScenarioFailure("no ${cls.simpleName} with id ${prim().content}")
                cls.java.isEnum -> cls.java.enumConstants.firstOrNull { normKey((it as Enum<*>).name) == normKey(prim().content) }
                    ?: throw ScenarioFailure("no ${cls.simpleName} named ${prim().content}")
                cls.isSealed -> variant(j, cls)
                else -> record(j, cls)
            }
        }
    }

    private fun record(j: JsonElement, cls: KClass<*>): Any {
        val obj = j as? JsonObject ?: throw ScenarioFailure("expected an object for ${cls.simpleName}, got $j")
        cls.objectInstance?.let { return it }
        val ctor = cls.primaryConstructor ?: throw ScenarioFailure("cannot build ${cls.simpleName}")
        val args = ctor.parameters.associateWith { p ->
            val key = obj.keys.firstOrNull { normKey(it) == normKey(p.name!!) }
            fromJson(key?.let { obj[it] } ?: JsonNull, p.type)
        }
        return ctor.callBy(args)!!
    }

    /**
     * A sealed-class value (a uniffi enum with data). The JSON may name the variant the way
     * serde does: a plain string (`"skip"`), an object with a tag field (`{"kind": "scale",
     * "value": 3}`, whatever the tag key is called), or an outer key (`{"Scale": {...}}`).
     */
    private fun variant(j: JsonElement, cls: KClass<*>): Any {
        val subs = cls.sealedSubclasses
        fun sub(n: String) = subs.firstOrNull { normKey(it.simpleName!!) == normKey(n) }
        if (j is JsonPrimitive) {
            val s = sub(j.content) ?: throw ScenarioFailure("no ${cls.simpleName} variant ${j.content}")
            return s.objectInstance ?: record(JsonObject(emptyMap()), s)
        }
        val obj = j.jsonObject
        for ((k, v) in obj) {
            val s = (v as? JsonPrimitive)?.takeIf { it.isString }?.let { sub(it.content) } ?: continue
            return s.objectInstance ?: record(JsonObject(obj - k), s)
        }
        if (obj.size == 1) {
            val (k, v) = obj.entries.first()
            sub(k)?.let { return it.objectInstance ?: record(v, it) }
        }
        throw ScenarioFailure("cannot tell which ${cls.simpleName} variant $j is")
    }

    // ---- Kotlin values to a comparable tree ---------------------------------------------

    /**
     * Kotlin value -> Map/List/String/Number/Boolean/Tag/null. Records become maps of their
     * constructor properties; enum variants add `$variant`; unsigned numbers become Long.
     */
    fun toTree(v: Any?): Any? = when (v) {
        null, is String, is Boolean -> v
        is Int, is Long, is Short, is Byte -> (v as Number).toLong()
        is Double, is Float -> (v as Number).toDouble()
        is UInt -> v.toLong()
        is ULong -> v.toLong()
        is UShort -> v.toLong()
        is UByte -> v.toLong()
        is Unit -> null
        // An id enum goes back to JSON (a captured `$tool`) as the same id it came in as.
        is Enum<*> -> Tag(if (v::class in idEnums) kebab(v) else v.name)
        is List<*> -> v.map { toTree(it) }
        is ByteArray -> v.map { it.toLong() }
        is Map<*, *> -> v.entries.associate { (k, x) -> k.toString() to toTree(x) }
        else -> {
            val cls = v::class
            val out = linkedMapOf<String, Any?>()
            val sealedParent = cls.supertypes.mapNotNull { it.classifier as? KClass<*> }.firstOrNull { it.isSealed }
            if (sealedParent != null) out["\$variant"] = Tag(cls.simpleName!!)
            val names = cls.primaryConstructor?.parameters?.mapNotNull { it.name } ?: emptyList()
            for (p in cls.memberProperties.filter { it.name in names }.sortedBy { names.indexOf(it.name) }) {
                out[p.name] = toTree(p.getter.call(v))
            }
            out
        }
    }

    fun toJson(t: Any?): JsonElement = when (t) {
        null -> JsonNull
        is String -> JsonPrimitive(t)
        is Boolean -> JsonPrimitive(t)
        is Number -> JsonPrimitive(t)
        // An enum captured for a later call is written as its kebab-case id, as the core
        // writes ToolId and the other closed sets in JSON ("FiveAreasReview" -> "five-areas-review").
        is Tag -> JsonPrimitive(kebab(t.name))
        is List<*> -> JsonArray(t.map { toJson(it) })
        is Map<*, *> -> JsonObject(t.entries.associate { (k, v) -> k.toString() to toJson(v) })
        else -> JsonPrimitive(t.toString())
    }

    fun render(t: Any?): String = toJson(t).toString()

    fun kebab(name: String): String =
        name.replace(Regex("([a-z0-9])([A-Z])"), "$1-$2").replace('_', '-').lowercase()

    /** The value at a dotted path; `""` is the value itself. Wrapped so null can be found. */
    fun lookup(t: Any?, path: String): Found? {
        var cur = t
        for (part in path.split('.').filter { it.isNotEmpty() }) {
            cur = when (cur) {
                is Map<*, *> -> {
                    val k = cur.keys.firstOrNull { normKey(it.toString()) == normKey(part) } ?: return null
                    cur[k]
                }
                is List<*> -> cur.getOrNull(part.toIntOrNull() ?: return null) ?: return null
                else -> return null
            }
        }
        return Found(cur)
    }

    class Found(val value: Any?)

    /** Every value at a dotted path where `*` stands for each element of a list or map. */
    fun lookupAll(t: Any?, path: String): List<Any?> {
        var cur = listOf(t)
        for (part in path.split('.').filter { it.isNotEmpty() }) {
            cur = cur.flatMap { v ->
                when {
                    part == "*" && v is List<*> -> v
                    part == "*" && v is Map<*, *> -> v.filterKeys { it != "\$variant" }.values.toList()
                    else -> lookup(v, part)?.let { listOf(it.value) } ?: emptyList()
                }
            }
        }
        return cur
    }

    /** A step's `find` (same as the Rust runner): the first value at `in` matching `where`. */
    fun find(f: JsonObject, tree: Any?): Any? {
        val path = str(f, "in")
        val want = f["where"] ?: throw ScenarioFailure("`find` needs `where`")
        return lookupAll(tree, path).firstOrNull { runCatching { matches(want, it, "find") }.isSuccess }
            ?: throw ScenarioFailure("find: nothing at `$path` matches $want in ${render(tree)}")
    }

    // ---- variables ----------------------------------------------------------------------

    fun substitute(j: JsonElement, vars: Map<String, JsonElement>): JsonElement = when (j) {
        is JsonPrimitive -> if (!j.isString) j else {
            val s = j.content
            val whole = if (s.startsWith("$")) vars[s.substring(1)] else null
            whole ?: run {
                var out = s
                for (n in vars.keys.sortedByDescending { it.length }) {
                    val v = vars[n]!!
                    val text = if (v is JsonPrimitive) v.content else v.toString()
                    out = out.replace("$$n", text)
                }
                JsonPrimitive(out)
            }
        }
        is JsonArray -> JsonArray(j.map { substitute(it, vars) })
        is JsonObject -> JsonObject(j.mapValues { substitute(it.value, vars) })
        else -> j
    }

    // ---- matching (same rules as tests/src/lib.rs `matches`) ----------------------------

    fun matches(want: JsonElement, got: Any?, at: String) {
        fun fail(why: String): Nothing = throw ScenarioFailure("at $at: $why")
        if (want is JsonObject && want.size == 1 && want.keys.first().startsWith("$")) {
            return matcher(want.keys.first(), want.values.first(), got, at)
        }
        when {
            want is JsonObject && got is Map<*, *> -> for ((k, wv) in want) {
                val gk = got.keys.firstOrNull { normKey(it.toString()) == normKey(k) && it != "\$variant" }
                when {
                    gk != null -> matches(wv, got[gk], "$at.$k")
                    wv is JsonNull -> {}
                    // serde's enum tag (`"state": "next"`, `"error": "not_found"`) names the
                    // Kotlin variant, whatever the tag key is called.
                    got["\$variant"] is Tag && wv is JsonPrimitive && wv.isString &&
                        normKey(wv.content) == normKey((got["\$variant"] as Tag).name) -> {}
                    else -> fail("missing `$k` in ${render(got)}")
                }
            }
            want is JsonArray && got is List<*> -> {
                if (want.size != got.size) fail("expected ${want.size} elements, got ${got.size}: ${render(got)}")
                want.forEachIndexed { i, wv -> matches(wv, got[i], "$at[$i]") }
            }
            want is JsonNull -> if (got != null) fail("expected null, got ${render(got)}")
            want is JsonPrimitive && want.isString && got is Tag ->
                if (normKey(want.content) != normKey(got.name)) fail("expected ${want.content}, got ${got.name}")
            want is JsonPrimitive && want.isString -> if (got != want.content) fail("expected $want, got ${render(got)}")
            want is JsonPrimitive && want.booleanOrNull != null -> if (got != want.booleanOrNull) fail("expected $want, got ${render(got)}")
            want is JsonPrimitive && want.doubleOrNull != null ->
                if (got !is Number || got.toDouble() != want.doubleOrNull) fail("expected $want, got ${render(got)}")
            else -> fail("expected $want, got ${render(got)}")
        }
    }

    private fun matcher(k: String, arg: JsonElement, got: Any?, at: String) {
        fun fail(why: String): Nothing = throw ScenarioFailure("at $at: $why")
        val a = arg as? JsonPrimitive
        val num = (got as? Number)?.toDouble()
        when (k) {
            "\$len" -> {
                val n = when (got) {
                    is List<*> -> got.size
                    is String -> got.codePointCount(0, got.length)
                    is Map<*, *> -> got.keys.count { it != "\$variant" }
                    else -> fail("\$len of ${render(got)}")
                }
                if (n.toLong() != a?.longOrNull) fail("expected length $arg, got $n: ${render(got)}")
            }
            "\$contains" -> if (got !is String || !got.contains(a!!.content)) fail("expected text containing $arg, got ${render(got)}")
            "\$includes" -> {
                if (got !is List<*>) fail("\$includes needs a list, got ${render(got)}")
                for (wv in arg.jsonArray) {
                    if (got.none { runCatching { matches(wv, it, at) }.isSuccess }) fail("no element matches $wv in ${render(got)}")
                }
            }
            "\$not_null" -> if (got == null) fail("expected a value, got null")
            "\$absent_or_null" -> if (got != null) fail("expected null, got ${render(got)}")
            "\$approx" -> {
                val w = a!!.doubleOrNull!!
                if (num == null || Math.abs(w - num) > 1e-6 * maxOf(Math.abs(w), 1.0)) fail("expected about $arg, got ${render(got)}")
            }
            "\$gte" -> if (num == null || num < a!!.doubleOrNull!!) fail("expected >= $arg, got ${render(got)}")
            "\$lte" -> if (num == null || num > a!!.doubleOrNull!!) fail("expected <= $arg, got ${render(got)}")
            else -> fail("unknown matcher $k")
        }
    }
}
