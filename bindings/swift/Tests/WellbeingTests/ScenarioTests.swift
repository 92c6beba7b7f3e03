// The Swift runner of the shared scenarios (tests/scenarios/*.json, format in
// tests/scenarios/README.md), mirroring tests/src/lib.rs and the Kotlin ScenarioRunner.
//
// macOS only, and NOT run on the Linux machine where everything else is verified. Swift
// cannot call a method by name, so `call` below has one line per call the scenarios use: a
// scenario using a new call fails with "add it to ScenarioTests.call", and that line is the
// only Swift work. Results are read generically through Mirror, so new types need no code.
import Foundation
import XCTest
@testable import Wellbeing

struct ScenarioFailure: Error, CustomStringConvertible { let description: String }

/// The name of an enum case; compared with serde's tags ignoring case and underscores.
struct Tag { let name: String }

func normKey(_ k: String) -> String { k.filter { $0 != "_" && $0 != "-" }.lowercased() }

/// A Swift case name in kebab case (`fiveWaysLog` is "five-ways-log"): the core's `ids` tests
/// hold every text id to that rule, so ids are matched exactly, never by a near neighbour.
func kebab(_ v: Any) -> String {
    var out = ""
    for ch in String(describing: v) {
        if ch.isUppercase { out += "-" + ch.lowercased() } else { out.append(ch) }
    }
    return out
}

/// The value in `all` whose id is `id`. Swift cannot list a generated enum's cases, so the
/// lists come from the core (`listTools()`, `listMeasures()`, `fiveWaysGuide()`).
func pick<T>(_ all: [T], _ id: String, _ what: String) throws -> T {
    guard let v = all.first(where: { kebab($0) == id }) else {
        throw ScenarioFailure(description: "no \(what) with id \(id)")
    }
    return v
}

/// The flag codes. This switch stops compiling when the core adds one, so the list cannot
/// fall behind.
func flagCodes() -> [SafetyFlagCode] {
    let all: [SafetyFlagCode] = [.phq9Item9, .scalingLowest]
    for c in all { switch c { case .phq9Item9, .scalingLowest: break } }
    return all
}

final class ScenarioTests: XCTestCase {
    func testSharedScenarios() throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["WELLBEING_SCENARIOS_DIR"] ?? "../../tests/scenarios")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        XCTAssertFalse(files.isEmpty)
        for f in files {
            let s = try JSONSerialization.jsonObject(with: Data(contentsOf: f)) as! [String: Any]
            do { try run(s) } catch { XCTFail("\(f.lastPathComponent): \(error)") }
        }
    }

    func run(_ scenario: [String: Any]) throws {
        let name = scenario["name"] as? String ?? "?"
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        var vars: [String: Any] = ["dir": tmp.path]
        var current: WellbeingStore?
        for (i, raw) in (scenario["steps"] as! [Any]).enumerated() {
            let step = substitute(raw, vars) as! [String: Any]
            for _ in 0..<((step["repeat"] as? Int) ?? 1) {
                do { try runStep(step, &current, &vars) } catch {
                    throw ScenarioFailure(description: "\(name) step \(i + 1): \(error)")
                }
            }
        }
    }

    func runStep(_ step: [String: Any], _ current: inout WellbeingStore?, _ vars: inout [String: Any]) throws {
        if let w = step["write_file"] as? [String: Any] {
            try (w["text"] as! String).write(toFile: w["path"] as! String, atomically: true, encoding: .utf8); return
        }
        if let p = step["mkdir"] as? String { try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true); return }
        if let q = step["sql"] as? [String: Any] {
            // sqlite3 ships with macOS; the store is closed while it runs.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            p.arguments = [q["path"] as! String, (q["statements"] as! [String]).joined(separator: ";\n")]
            try p.run(); p.waitUntilExit(); return
        }
        if step["close"] != nil { current = nil; return }
        let name = step["call"] as! String
        let args = Args(step["args"] as? [String: Any] ?? [:])
        var result: Any?
        do {
            if name == "open" { current = try WellbeingStore.open(path: args.str("path")) }
            else if name == "open_in_memory" { current = try WellbeingStore.openInMemory() }
            else if name == "open_encrypted" { current = try WellbeingStore.openEncrypted(path: args.str("path"), key: try args.storeKey("key")) }
            else if name == "store_encryption" { result = storeEncryption(path: args.str("path")) }
            else {
                guard let c = current else { throw ScenarioFailure(description: "no store is open") }
                result = try call(name, args, c)
            }
        } catch let e as WellbeingError {
            guard let want = step["expect_error"] else { throw ScenarioFailure(description: "unexpected error \(e)") }
            try matches(want, tree(e), "error"); return
        }
        if step["expect_error"] != nil { throw ScenarioFailure(description: "expected an error, got \(String(describing: result))") }
        let t = tree(result)
        if let want = step["expect"] { try matches(want, t, "result") }
        for (v, path) in step["capture"] as? [String: String] ?? [:] {
            guard let got = lookup(t, path) else { throw ScenarioFailure(description: "capture: no \(path)") }
            vars[v] = plain(got)
        }
    }

    /// One line per call the scenarios use (Swift has no call-by-name).
    func call(_ name: String, _ a: Args, _ c: WellbeingStore) throws -> Any? {
        switch name {
        case "set_fixed_time": return try c.setFixedTime(utcMs: a.i64("utc_ms"), offsetMinutes: Int32(a.i64("offset_minutes")))
        case "today_date": return c.todayDate()
        case "database_path": return c.databasePath()
        case "schema_version": return c.schemaVersion()
        case "save_copy": return try c.saveCopy(path: a.str("path"))
        case "list_tools": return c.listTools()
        case "list_drafts": return try c.listDrafts()
        case "resume_flow": return try c.resumeFlow(flowId: a.str("flow_id"))
        case "home": return try c.home()
        case "shell_text": return shellText()
        case "edit_limits": return editLimits()
        case "diagnostics": return diagnostics()
        case "records": return try c.records(tool: pick(c.listTools().map(\.id), a.id("tool"), "tool"), limit: UInt32(a.i64("limit")))
        case "delete_record": return try c.deleteRecord(tool: pick(c.listTools().map(\.id), a.id("tool"), "tool"), recordId: a.str("record_id"))
        case "edit_record": return try c.editRecord(tool: pick(c.listTools().map(\.id), a.id("tool"), "tool"), recordId: a.str("record_id"))
        case "start_flow": return try c.startFlow(tool: pick(c.listTools().map(\.id), a.id("tool"), "tool"), subjectId: a.optStr("subject_id"))
        case "answer_flow": return try c.answerFlow(flowId: a.str("flow_id"), answer: a.answer("answer"))
        case "flow_back": return try c.flowBack(flowId: a.str("flow_id"))
        case "flow_progress": return try c.flowProgress(flowId: a.str("flow_id"))
        case "save_flow": return try c.saveFlow(flowId: a.str("flow_id"))
        case "discard_flow": return try c.discardFlow(flowId: a.str("flow_id"))
        case "save_flow_draft": return try c.saveFlowDraft(flowId: a.str("flow_id"))
        case "resume_draft": return try c.resumeDraft(draftId: a.str("draft_id"))
        case "delete_draft": return try c.deleteDraft(draftId: a.str("draft_id"))
        case "scaling_check_in_today": return try c.scalingCheckInToday()
        case "scaling_entry": return try c.scalingEntry(entryId: a.str("entry_id"))
        case "scaling_scales": return try c.scalingScales()
        case "measure_result": return try c.measureResult(resultId: a.str("result_id"))
        case "measure_history": return try c.measureHistory(measure: pick(c.listMeasures().map(\.id), a.id("measure"), "measure"), offset: UInt32(a.i64("offset")), limit: UInt32(a.i64("limit")))
        case "delete_measure_result": return try c.deleteMeasureResult(resultId: a.str("result_id"))
        case "help_now": return try c.helpNow()
        case "crisis_contacts": return c.crisisContacts()
        case "five_ways_entry": return try c.fiveWaysEntry(entryId: a.str("entry_id"))
        case "five_ways_entries_for_day": return try c.fiveWaysEntriesForDay(date: a.str("date"))
        case "five_ways_week": return try c.fiveWaysWeek(date: a.optStr("date"))
        case "five_ways_delete": return try c.fiveWaysDelete(entryId: a.str("entry_id"))
        case "five_ways_plan_for_week": return try c.fiveWaysPlanForWeek(date: a.optStr("date"))
        case "five_ways_plan": return try c.fiveWaysPlan(planId: a.str("plan_id"))
        case "five_areas_get": return try c.fiveAreasGet(id: a.str("id"))
        case "five_areas_history": return try c.fiveAreasHistory(offset: UInt32(a.i64("offset")), limit: UInt32(a.i64("limit")))
        case "safety_plan": return try c.safetyPlan()
        case "thought_record_get": return try c.thoughtRecordGet(id: a.str("id"))
        case "thought_records": return try c.thoughtRecords(offset: UInt32(a.i64("offset")), limit: UInt32(a.i64("limit")))
        case "thought_record_delete": return try c.thoughtRecordDelete(id: a.str("id"))
        case "safety_plan_set_section": return try c.safetyPlanSetSection(section: a.section("section"), items: a.get("items") as? [String] ?? [])
        case "today": return try c.today()
        case "week": return try c.week(date: a.optStr("date"))
        case "scaling_check_in": return try c.scalingCheckIn(value: Int32(a.i64("value")), note: a.optStr("note"))
        case "five_ways_log": return try c.fiveWaysLog(input: a.fiveWaysInput("input", ways: c.fiveWaysGuide().map(\.id)))
        case "take_measure": return try c.takeMeasure(input: a.measureInput("input", measures: c.listMeasures().map(\.id)))
        case "export_backup": return try c.exportBackup()
        case "import_backup": return try c.importBackup(json: a.str("json"))
        case "handoff_payload": return try c.handoffPayload(summary: a.flowSummary("summary", tools: c.listTools().map(\.id)))
        case "import_handoff": return try c.importHandoff(text: a.str("text"))
        case "list_received_handoffs": return try c.listReceivedHandoffs()
        case "connections_layout": return try c.connectionsLayout(mapId: a.str("map_id"))
        case "connections_change": return try c.connectionsChange(fromId: a.str("from_id"), toId: a.str("to_id"))
        case "connections_view": return try c.connectionsView()
        case "connections_map_get": return try c.connectionsMapGet(id: a.str("id"))
        case "connections_plan_get": return try c.connectionsPlanGet(id: a.str("id"))
        case "is_encrypted": return c.isEncrypted()
        case "change_store_key": return try c.changeStoreKey(newKey: a.get("new_key") is [String: Any] ? try a.storeKey("new_key") : nil)
        case "export_sealed_backup": return try c.exportSealedBackup(passphrase: a.str("passphrase"))
        case "import_sealed_backup": return try c.importSealedBackup(text: a.str("text"), passphrase: a.str("passphrase"))
        case "lock_state": return try c.lockState()
        case "set_lock_settings":
            let i = a.obj("input")
            return try c.setLockSettings(input: LockSettingsInput(enabled: i.bool("enabled"), backgroundMinutes: UInt32(i.i64("background_minutes")), newPasscode: i.optStr("new_passcode"), biometricAllowed: i.bool("biometric_allowed")))
        case "app_went_to_background": c.appWentToBackground(); return nil
        case "app_came_to_foreground": return try c.appCameToForeground()
        case "unlock_with_passcode": return try c.unlockWithPasscode(passcode: a.str("passcode"))
        case "unlock_with_key": return try c.unlockWithKey(key: try a.storeKey("key"))
        case "appointment_summary": return try c.appointmentSummary(from: a.optStr("from"), to: a.optStr("to"), includeFullText: a.bool("include_full_text"))
        default: throw ScenarioFailure(description: "call `\(name)` is not mapped: add it to ScenarioTests.call")
        }
    }

    struct Args {
        let m: [String: Any]
        init(_ m: [String: Any]) { self.m = m }
        func get(_ k: String) -> Any? { m.first { normKey($0.key) == normKey(k) }?.value }
        func str(_ k: String) -> String { get(k) as? String ?? "" }
        func optStr(_ k: String) -> String? { get(k) as? String }
        func i64(_ k: String) -> Int64 { (get(k) as? NSNumber)?.int64Value ?? 0 }
        func bool(_ k: String) -> Bool { (get(k) as? Bool) ?? ((get(k) as? NSNumber)?.boolValue ?? false) }
        func obj(_ k: String) -> Args { Args(get(k) as? [String: Any] ?? [:]) }
        func strs(_ k: String) -> [String] { get(k) as? [String] ?? [] }
        /// An id as written in a scenario ("phq9") or captured from a result (`{"$variant": "phq9"}`).
        func id(_ k: String) -> String {
            if let s = get(k) as? String { return s }
            return kebab((get(k) as? [String: Any])?["$variant"] ?? "")
        }
        func ints(_ k: String) -> [Int32] { (get(k) as? [NSNumber] ?? []).map { Int32($0.intValue) } }
        func fiveWaysInput(_ k: String, ways all: [WayId]) throws -> FiveWaysInput {
            let o = obj(k)
            let ways = try o.strs("ways").map { try pick(all, $0, "way") }
            return FiveWaysInput(what: o.str("what"), ways: ways, note: o.optStr("note"), date: o.optStr("date"), time: o.optStr("time"))
        }
        func measureInput(_ k: String, measures all: [MeasureId]) throws -> MeasureInput {
            let o = obj(k)
            return MeasureInput(measure: try pick(all, o.id("measure"), "measure"), answers: o.ints("answers"), date: o.optStr("date"), time: o.optStr("time"))
        }
        /// A summary captured from an earlier step (its keys as the tree has them).
        func flowSummary(_ k: String, tools: [ToolId]) throws -> FlowSummary {
            let o = obj(k)
            let items = (o.get("items") as? [[String: Any]] ?? []).map { Args($0) }.map { SummaryItem(label: $0.str("label"), value: $0.str("value")) }
            let flags = try (o.get("flags") as? [[String: Any]] ?? []).map { Args($0) }.map {
                SafetyFlag(code: try pick(flagCodes(), $0.id("code"), "flag code"), title: $0.str("title"), detail: $0.str("detail"), showHelpNow: $0.bool("show_help_now"))
            }
            // The safety notice is view, never carried: the core makes it again from `flags`.
            return FlowSummary(safety: nil, flowId: o.str("flow_id"), tool: try pick(tools, o.id("tool"), "tool"), title: o.str("title"), headline: o.optStr("headline"),
                               items: items, flags: flags, advice: o.strs("advice"), text: o.str("text"))
        }
        func section(_ k: String) throws -> SafetyPlanSectionKind {
            let all: [SafetyPlanSectionKind] = [.warningSigns, .copingStrategies, .socialDistractions, .peopleToAsk, .professionals, .safeEnvironment, .reasonsForLiving]
            guard let s = all.first(where: { normKey(String(describing: $0)) == normKey(str(k)) }) else {
                throw ScenarioFailure(description: "unknown section \(str(k))")
            }
            return s
        }
        func storeKey(_ k: String) throws -> StoreKey {
            let o = get(k) as? [String: Any] ?? [:]
            switch normKey(o["kind"] as? String ?? "") {
            case "passphrase": return .passphrase(passphrase: o["passphrase"] as? String ?? "")
            case "raw": return .raw(bytes: Data((o["bytes"] as? [NSNumber] ?? []).map { $0.uint8Value }))
            default: throw ScenarioFailure(description: "unknown key \(o)")
            }
        }
        func answer(_ k: String) throws -> Answer {
            let o = get(k) as? [String: Any] ?? [:]
            switch normKey(o["kind"] as? String ?? "") {
            case "scale": return .scale(value: Int32((o["value"] as? NSNumber)?.intValue ?? 0))
            case "choices": return .choices(ids: o["ids"] as? [String] ?? [])
            case "text": return .text(text: o["text"] as? String ?? "")
            case "textlist": return .textList(items: o["items"] as? [String] ?? [])
            case "skip": return .skip
            case "continue": return .continue
            default: throw ScenarioFailure(description: "unknown answer \(o)")
            }
        }
    }

    // ---- values to a comparable tree (Mirror) -------------------------------------------

    func tree(_ v: Any?) -> Any? {
        guard let v = v else { return nil }
        let m = Mirror(reflecting: v)
        if m.displayStyle == .optional { return m.children.first.flatMap { tree($0.value) } }
        switch v {
        case let s as String: return s
        case let b as Bool: return b
        case let n as Int32: return Double(n)
        case let n as Int64: return Double(n)
        case let n as UInt32: return Double(n)
        case let n as UInt64: return Double(n)
        case let n as Int: return Double(n)
        case let n as Double: return n
        case let n as Float: return Double(n)
        case is Void: return nil
        default: break
        }
        switch m.displayStyle {
        case .collection?: return m.children.map { tree($0.value) }
        case .struct?, .class?:
            var out: [String: Any?] = [:]
            for ch in m.children { if let l = ch.label { out[l] = tree(ch.value) } }
            return out
        case .enum?:
            guard let ch = m.children.first else { return ["$variant": Tag(name: String(describing: v))] as [String: Any?] }
            var out: [String: Any?] = ["$variant": Tag(name: ch.label ?? "")]
            for f in Mirror(reflecting: ch.value).children { if let l = f.label { out[l] = tree(f.value) } }
            return out
        default: return String(describing: v)
        }
    }

    func plain(_ t: Any?) -> Any {
        switch t {
        case nil: return NSNull()
        case let tag as Tag: return tag.name
        case let l as [Any?]: return l.map { plain($0) }
        case let d as [String: Any?]: return d.mapValues { plain($0) }
        default: return t!
        }
    }

    func lookup(_ t: Any?, _ path: String) -> Any?? {
        var cur = t
        for part in path.split(separator: ".").map(String.init) {
            if let d = cur as? [String: Any?], let k = d.keys.first(where: { normKey($0) == normKey(part) }) { cur = d[k]! }
            else if let l = cur as? [Any?], let i = Int(part), i < l.count { cur = l[i] }
            else { return nil }
        }
        return .some(cur)
    }

    func substitute(_ j: Any, _ vars: [String: Any]) -> Any {
        if let s = j as? String {
            if s.hasPrefix("$"), let v = vars[String(s.dropFirst())] { return v }
            var out = s
            for n in vars.keys.sorted(by: { $0.count > $1.count }) { out = out.replacingOccurrences(of: "$" + n, with: "\(vars[n]!)") }
            return out
        }
        if let l = j as? [Any] { return l.map { substitute($0, vars) } }
        if let d = j as? [String: Any] { return d.mapValues { substitute($0, vars) } }
        return j
    }

    // ---- matching (same rules as the Rust and Kotlin runners) ---------------------------

    func matches(_ want: Any, _ got: Any?, _ at: String) throws {
        func fail(_ why: String) -> ScenarioFailure { ScenarioFailure(description: "at \(at): \(why)") }
        if let w = want as? [String: Any], w.count == 1, let k = w.keys.first, k.hasPrefix("$") {
            let arg = w[k]!
            switch k {
            case "$len":
                let n = (got as? [Any?])?.count ?? (got as? String)?.count ?? -1
                if n != (arg as? Int) { throw fail("expected length \(arg), got \(n)") }
            case "$contains": if !((got as? String)?.contains(arg as! String) ?? false) { throw fail("expected text containing \(arg)") }
            case "$includes":
                guard let g = got as? [Any?] else { throw fail("$includes needs a list") }
                for wv in arg as! [Any] where !g.contains(where: { (try? matches(wv, $0, at)) != nil }) { throw fail("no element matches \(wv)") }
            case "$not_null": if got == nil { throw fail("expected a value") }
            case "$absent_or_null": if got != nil { throw fail("expected null") }
            case "$approx": if abs(((got as? Double) ?? .nan) - (arg as! NSNumber).doubleValue) > 1e-6 { throw fail("expected about \(arg)") }
            case "$gte": if !(((got as? Double) ?? -.infinity) >= (arg as! NSNumber).doubleValue) { throw fail("expected >= \(arg)") }
            case "$lte": if !(((got as? Double) ?? .infinity) <= (arg as! NSNumber).doubleValue) { throw fail("expected <= \(arg)") }
            default: throw fail("unknown matcher \(k)")
            }
            return
        }
        switch (want, got) {
        case (let w as [String: Any], let g as [String: Any?]):
            for (k, wv) in w {
                if let gk = g.keys.first(where: { normKey($0) == normKey(k) && $0 != "$variant" }) { try matches(wv, g[gk]!, "\(at).\(k)") }
                else if wv is NSNull { continue }
                else if let tag = g["$variant"] as? Tag, let s = wv as? String, normKey(s) == normKey(tag.name) { continue }
                else { throw fail("missing \(k)") }
            }
        case (let w as [Any], let g as [Any?]):
            if w.count != g.count { throw fail("expected \(w.count) elements, got \(g.count)") }
            for (i, wv) in w.enumerated() { try matches(wv, g[i], "\(at)[\(i)]") }
        case (is NSNull, nil): return
        case (let w as String, let g as Tag): if normKey(w) != normKey(g.name) { throw fail("expected \(w), got \(g.name)") }
        case (let w as String, let g as String): if w != g { throw fail("expected \(w), got \(g)") }
        case (let w as NSNumber, let g as Bool): if w.boolValue != g { throw fail("expected \(w)") }
        case (let w as NSNumber, let g as Double): if w.doubleValue != g { throw fail("expected \(w), got \(g)") }
        default: throw fail("expected \(want), got \(String(describing: got))")
        }
    }
}
