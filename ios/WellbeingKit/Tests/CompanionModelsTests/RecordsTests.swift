import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

/// Records (change, delete after the core's question) and My connections' map, against the
/// real core.
@MainActor
final class RecordsTests: XCTestCase {
    /// Home's records entry for `tool`, opened: the screen on top is its records.
    private func openRecords(_ app: AppModel, _ tool: ToolId) async throws -> RecordsModel {
        let item = try XCTUnwrap(entry(app) { $0 == .history(tool: tool) }, "home has \(tool)'s records")
        await app.open(item.action, title: item.label)
        guard case let .history(records, _)? = app.path.last else {
            XCTFail("no records screen: \(app.path)")
            throw CancellationError()
        }
        await records.load()
        return records
    }

    func testASavedCheckInIsListedChangedInPlaceAndThenDeletedAfterTheQuestion() async throws {
        let app = try await openApp(try temporaryLocation())
        let store = try XCTUnwrap(app.store)
        _ = try store.scalingCheckIn(value: 4, note: nil)
        let records = try await openRecords(app, .checkin)
        let list = try XCTUnwrap(records.list)
        XCTAssertEqual(list.rows.count, 1)
        XCTAssertNotNil(list.editLabel, "the core lets a check-in be changed")
        let row = list.rows[0]

        // Change: the same walk-through, its first step filled in with what was saved.
        await app.edit(row, in: records)
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow for the change") }
        XCTAssertEqual(flow.input.scale, 4, "the saved answer is offered again")
        flow.input.scale = 8
        await flow.next()
        for _ in 0..<20 where flow.summary == nil {
            if flow.step?.optional == true { await flow.skip() } else { await flow.next() }
        }
        await flow.save()
        guard case let .saved(recordId)? = flow.outcome else { return XCTFail("not saved: \(String(describing: flow.notice))") }
        XCTAssertEqual(recordId, row.id, "changed in place, not added")
        await app.flowFinished(flow)
        guard case .history? = app.path.last else { return XCTFail("back to the records") }
        await records.load()
        XCTAssertEqual(records.list?.rows.count, 1)
        XCTAssertEqual(try store.scalingEntry(entryId: row.id).value, 8)

        // Delete: asked first; "no" keeps it, "yes" removes it and says so in the core's words.
        records.askDelete(row)
        XCTAssertEqual(records.confirming, row)
        records.keep()
        XCTAssertNil(records.confirming)
        XCTAssertEqual(records.list?.rows.count, 1, "kept")
        records.askDelete(row)
        await records.confirmDelete(row)
        XCTAssertNil(records.confirming)
        XCTAssertEqual(records.list?.rows.count, 0)
        XCTAssertEqual(records.said, list.deletedText)
        XCTAssertNil(try store.scalingCheckInToday())
    }

    func testAMeasureIsDeletedButNeverOfferedToChange() async throws {
        let app = try await openApp(try temporaryLocation())
        await app.open(.startTool(tool: .gad7, subjectId: nil), title: "")
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow") }
        await walkToSummary(flow)
        await flow.save()
        await app.flowFinished(flow)
        let records = RecordsModel(store: try XCTUnwrap(app.store), tool: .gad7)
        await records.load()
        let row = try XCTUnwrap(records.list?.rows.first)
        XCTAssertNil(records.list?.editLabel)
        let edited = await records.edit(row)
        XCTAssertNil(edited, "a score is what was answered on the day")
        records.askDelete(row)
        await records.confirmDelete(row)
        XCTAssertEqual(try app.store?.measureHistory(measure: .gad7, offset: 0, limit: 10).results.count, 0)
    }

    func testMyConnectionsRecordsComeWithTheMapTheCoreLaidOut() async throws {
        let app = try await openApp(try temporaryLocation())
        let store = try XCTUnwrap(app.store)
        let empty = try await openRecords(app, .connectionsMap)
        XCTAssertNil(empty.connections?.layout)
        XCTAssertNotNil(empty.connections?.emptyText, "the core's words for no map yet")

        _ = try store.connectionsMapCreate(map: ConnectionsMapInput(date: nil, connections: [
            ConnectionInput(name: "Sam", kind: .friend, ring: .close, feel: .helpful),
            ConnectionInput(name: "Walking group", kind: .group, ring: .furtherOut, feel: .mixed),
        ]))
        _ = try store.connectionsMapCreate(map: ConnectionsMapInput(date: nil, connections: [
            ConnectionInput(name: "Sam", kind: .friend, ring: .close, feel: .helpful),
            ConnectionInput(name: "Walking group", kind: .group, ring: .inBetween, feel: .helpful),
            ConnectionInput(name: "Library", kind: .place, ring: .furtherOut, feel: .helpful),
        ]))
        await empty.load()
        let layout = try XCTUnwrap(empty.connections?.layout)
        XCTAssertEqual(layout.nodes.map(\.label).sorted(), ["Library", "Sam", "Walking group"])
        XCTAssertFalse(layout.rings.isEmpty)
        XCTAssertFalse(layout.legend.isEmpty)
        XCTAssertFalse(layout.description.isEmpty, "VoiceOver hears the core's description")
        XCTAssertNotNil(empty.connections?.change, "the change since the map before")
        XCTAssertEqual(empty.list?.rows.count, 2)

        // Scaled to the screen, every marker stays where the core put it, in proportion.
        let half = EcomapGeometry(layout: layout, width: layout.width / 2)
        for node in layout.nodes {
            let at = half.point(node.marker)
            XCTAssertEqual(Double(at.x), node.marker.x / 2, accuracy: 1e-9)
            XCTAssertEqual(Double(at.y), node.marker.y / 2, accuracy: 1e-9)
            XCTAssertEqual(Double(half.length(node.markerRadius)), node.markerRadius / 2, accuracy: 1e-9)
        }
        XCTAssertEqual(Double(half.point(layout.centre).x), layout.centre.x / 2, accuracy: 1e-9)
    }
}
