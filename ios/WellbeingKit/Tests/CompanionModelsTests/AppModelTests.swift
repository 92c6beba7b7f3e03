import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

/// The view models against the real core (macOS, `swift test`): what the screens draw comes
/// from the core, and what the person does reaches it.
@MainActor
final class AppModelTests: XCTestCase {
    func testTheStoreFileIsKeptOutOfBackupInItsOwnFolder() async throws {
        let location = try temporaryLocation()
        let app = try await openApp(location)
        XCTAssertEqual(app.store?.databasePath(), location.fileURL.path)
        for url in [location.directory, location.fileURL] {
            let values = try url.resourceValues(forKeys: [.isExcludedFromBackupKey])
            XCTAssertEqual(values.isExcludedFromBackup, true, url.path)
        }
    }

    func testHomeIsTheCoresNavigationModelWithHelpNowAndStableKeys() async throws {
        let app = try await openApp(try temporaryLocation())
        let home = try XCTUnwrap(app.home)
        XCTAssertEqual(home.helpNow.action, .helpNow)
        XCTAssertFalse(home.sections.isEmpty)
        XCTAssertNil(home.safety)
        let keys = home.sections.flatMap(\.entries).map(\.key)
        XCTAssertEqual(Set(keys).count, keys.count, "menu keys are unique")
        XCTAssertNotNil(entry(app) { if case .startTool = $0 { return true }; return false })
    }

    func testAToolEntryOpensItsFlowOnTheStack() async throws {
        let app = try await openApp(try temporaryLocation())
        let start = try XCTUnwrap(entry(app) { $0 == .startTool(tool: .checkin, subjectId: nil) })
        await app.open(start.action, title: start.label)
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow opened: \(app.path)") }
        let step = try XCTUnwrap(flow.step)
        XCTAssertEqual(step.tool, .checkin)
        XCTAssertEqual(step.persistence, .stored)
        XCTAssertFalse(step.accessibilityLabel.isEmpty)
    }

    func testACheckInWalkedAndSavedIsTheCoresRecordAndHomeMovesOn() async throws {
        let app = try await openApp(try temporaryLocation())
        let before = try XCTUnwrap(app.home?.today.checkInLabel)
        await app.open(.startTool(tool: .checkin, subjectId: nil), title: "")
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow") }
        await walkToSummary(flow)
        await flow.save()
        guard case let .saved(recordId)? = flow.outcome else { return XCTFail("not saved: \(String(describing: flow.notice))") }
        XCTAssertFalse(recordId.isEmpty)
        await app.flowFinished(flow)
        XCTAssertTrue(app.path.isEmpty)
        XCTAssertNotNil(try app.store?.scalingCheckInToday())
        XCTAssertNotEqual(app.home?.today.checkInLabel, before)
    }

    func testDiscardLeavesNothingBehind() async throws {
        let app = try await openApp(try temporaryLocation())
        await app.open(.startTool(tool: .checkin, subjectId: nil), title: "")
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow") }
        fillPlainly(flow)
        await flow.next()
        await flow.discard()
        XCTAssertEqual(flow.outcome, .discarded)
        XCTAssertEqual(try app.store?.listDrafts().count, 0)
        XCTAssertNil(try app.store?.scalingCheckInToday())
    }

    func testAnAnswerTheCoreRefusesKeepsTheStepTheInputAndTheCoresReason() async throws {
        let app = try await openApp(try temporaryLocation())
        await app.open(.startTool(tool: .checkin, subjectId: nil), title: "")
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow") }
        fillPlainly(flow)
        await flow.next()
        let step = try XCTUnwrap(flow.step)
        guard case let .text(_, maxChars) = step.input else { return XCTFail("the check-in's second step is its note") }
        let tooLong = String(repeating: "a", count: Int(maxChars) + 1)
        flow.input.text = tooLong
        await flow.next()
        guard case let .field(rule, reason, _)? = flow.notice else { return XCTFail("no field error: \(String(describing: flow.notice))") }
        XCTAssertEqual(rule, .tooLong)
        XCTAssertFalse(reason.contains(tooLong), "the reason never repeats the person's words")
        XCTAssertEqual(flow.step?.stepId, step.stepId)
        XCTAssertEqual(flow.input.text, tooLong)
    }

    func testAFlowLeftOpenIsOfferedOnHomeAfterARestartAndResumesAtTheSameStep() async throws {
        let location = try temporaryLocation()
        var app: AppModel? = try await openApp(location)
        await app!.open(.startTool(tool: .phq9, subjectId: nil), title: "")
        guard case let .flow(flow)? = app!.path.last else { return XCTFail("no flow") }
        fillPlainly(flow)
        await flow.next()
        fillPlainly(flow)
        await flow.next()
        let position = try XCTUnwrap(flow.step?.position)
        let flowId = flow.id
        app = nil

        let again = try await openApp(location)
        let resume = try XCTUnwrap(entry(again) { $0 == .resumeFlow(flowId: flowId) }, "home offers the open flow")
        await again.open(resume.action, title: resume.label)
        guard case let .flow(resumed)? = again.path.last else { return XCTFail("not resumed") }
        XCTAssertEqual(resumed.step?.position, position)
        XCTAssertEqual(resumed.id, flowId)
    }

    func testAnItem9AnswerPutsTheSafetyNoticeOnTheSummaryAndOnHome() async throws {
        let app = try await openApp(try temporaryLocation())
        await app.open(.startTool(tool: .phq9, subjectId: nil), title: "")
        guard case let .flow(flow)? = app.path.last else { return XCTFail("no flow") }
        // Every item at its highest point, item 9 included.
        await walkToSummary(flow, scale: { _, max in max })
        let safety = try XCTUnwrap(flow.summary?.safety, "the summary carries the notice")
        XCTAssertFalse(safety.contacts.isEmpty)
        XCTAssertTrue(safety.flags.contains { $0.code == .phq9Item9 })
        await flow.save()
        await app.flowFinished(flow)
        XCTAssertNotNil(app.home?.safety)
        XCTAssertEqual(app.home?.sections.first?.kind, .support)
    }

    func testAStoreThatCannotBeOpenedLeavesHelpNow() async throws {
        let location = try temporaryLocation()
        // A folder where the store file should be: nothing can open it as a database.
        try FileManager.default.createDirectory(at: location.fileURL, withIntermediateDirectories: true)
        let app = AppModel(location: location, notifications: RecordingScheduler())
        await app.start()
        XCTAssertEqual(app.phase, .storeUnavailable)
        let help = try XCTUnwrap(app.helpNowWithoutStoreView)
        XCTAssertFalse(help.contacts.isEmpty)
        XCTAssertFalse(help.contacts.flatMap(\.ways).isEmpty)
        await app.open(.helpNow, title: "")
        XCTAssertTrue(app.showingHelpNow, "Help now opens without a store")
    }

    func testHelpNowWithAStoreShowsThePersonsPlan() async throws {
        let app = try await openApp(try temporaryLocation())
        _ = try app.store?.safetyPlanSetSection(section: .reasonsForLiving, items: ["My dog"])
        let help = await app.helpNow()
        XCTAssertEqual(help.planStatus, .shown)
        XCTAssertTrue(help.plan?.sections.flatMap(\.items).contains("My dog") ?? false)
    }

    func testConversationModeRunsOnItsOwnStoreAndHandsOverAQrCode() async throws {
        let app = try await openApp(try temporaryLocation())
        await app.open(.conversation, title: "")
        guard case let .conversation(conversation)? = app.path.last else { return XCTFail("no conversation") }
        XCTAssertFalse(conversation.banner.isEmpty)
        let first = try XCTUnwrap(conversation.menu.first { if case .startTool = $0.action { return true }; return false })
        await conversation.open(first.action)
        let flow = try XCTUnwrap(conversation.flow)
        XCTAssertTrue(flow.isConversationOnly)
        await walkToSummary(flow)
        await flow.makeHandoff()
        let qr = try XCTUnwrap(flow.handoff?.qr)
        XCTAssertEqual(qr.modules.count, Int(qr.size) * Int(qr.size))
        XCTAssertTrue(qr.modules.contains(true))
        XCTAssertEqual(try app.store?.listDrafts().count, 0, "nothing reached the person's store")
    }

    func testEveryEntryOnHomeOpensWithoutAnError() async throws {
        let app = try await openApp(try temporaryLocation())
        for item in app.home?.sections.flatMap(\.entries) ?? [] {
            await app.open(item.action, title: item.label)
            XCTAssertNil(app.notice, "\(item.key) \(item.action)")
            app.path.removeAll()
            app.showingHelpNow = false
        }
    }
}
