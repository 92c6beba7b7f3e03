import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

@MainActor
final class ReminderTests: XCTestCase {
    func testScheduledNotificationsAreTheCoresRemindersAndATapOpensTheirAction() async throws {
        let scheduler = RecordingScheduler()
        let app = try await openApp(try temporaryLocation(), scheduler: scheduler)
        let store = try XCTUnwrap(app.store)
        var settings = try store.reminderSettings()
        settings.checkInTime = "08:30"
        _ = try store.setReminderSettings(settings: settings)
        await scheduler.addForeign("someone.else")

        await app.rescheduleReminders()

        let upcoming = try store.upcomingReminders(days: ReminderDelivery.daysAhead)
        XCTAssertFalse(upcoming.isEmpty)
        let pending = await scheduler.pending
        XCTAssertNotNil(pending["someone.else"], "other notifications are left alone")
        for reminder in upcoming {
            let request = try XCTUnwrap(pending[ReminderDelivery.identifierPrefix + reminder.id])
            XCTAssertEqual(request.title, reminder.title)
            XCTAssertEqual(request.body, reminder.body)
            XCTAssertEqual(request.fireDate.timeIntervalSince1970 * 1000, Double(reminder.atUtcMs), accuracy: 1)
            let tools = store.listTools().map(\.id)
            XCTAssertEqual(ReminderDelivery.action(from: request.userInfo, tools: tools)?.action, reminder.action)
        }

        // Turning the check-in off and rescheduling drops it.
        settings.checkInTime = nil
        _ = try store.setReminderSettings(settings: settings)
        await app.rescheduleReminders()
        let after = await scheduler.pending.keys.filter { $0.hasPrefix(ReminderDelivery.identifierPrefix) }
        XCTAssertEqual(after.count, try store.upcomingReminders(days: ReminderDelivery.daysAhead).count)
    }

    func testATappedReminderOpensItsScreen() async throws {
        let app = try await openApp(try temporaryLocation())
        let info = NavActionCoding.encode(.startTool(tool: .gad7, subjectId: nil))
        app.openReminder(userInfo: info)
        for _ in 0..<100 where app.path.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        guard case let .flow(flow)? = app.path.last else { return XCTFail("nothing opened") }
        XCTAssertEqual(flow.step?.tool, .gad7)
    }

    func testEveryActionSurvivesTheTripThroughANotification() throws {
        let store = try WellbeingStore.openInMemory()
        let tools = store.listTools().map(\.id)
        XCTAssertFalse(tools.isEmpty)
        var actions: [NavAction] = [.helpNow, .week, .appointmentSummary, .conversation, .openSafetyPlan, .settings,
                                    .resumeFlow(flowId: "f-1"), .startTool(tool: tools[0], subjectId: "s-1")]
        for tool in tools {
            actions.append(.startTool(tool: tool, subjectId: nil))
            actions.append(.history(tool: tool))
        }
        for action in actions {
            XCTAssertEqual(NavActionCoding.decode(NavActionCoding.encode(action), tools: tools), action)
        }
        XCTAssertNil(NavActionCoding.decode(["action": "nothing"], tools: tools))
        XCTAssertNil(NavActionCoding.decode(["action": "startTool", "tool": "unknown"], tools: tools))
    }
}

@MainActor
final class SettingsModelTests: XCTestCase {
    func testPickingATimeTurnsTheCheckInReminderOnAndOffTurnsItOff() async throws {
        let scheduler = RecordingScheduler()
        let app = try await openApp(try temporaryLocation(), scheduler: scheduler)
        let settings = SettingsModel(app: app)
        await settings.load()
        let picked = try XCTUnwrap(ReminderClock.date(from: "07:45"))
        await settings.setCheckInTime(picked)
        XCTAssertEqual(settings.settings?.checkInTime, "07:45")
        XCTAssertTrue(settings.upcoming.contains { $0.kind == .checkIn })
        let scheduled = await scheduler.pending.keys.filter { $0.hasPrefix(ReminderDelivery.identifierPrefix) }
        XCTAssertEqual(scheduled.count, settings.upcoming.count)

        await settings.setCheckInTime(nil)
        XCTAssertNil(settings.settings?.checkInTime)
        XCTAssertFalse(settings.upcoming.contains { $0.kind == .checkIn })
    }

    func testTheClockReadsAndWritesTheCoresLocalTimes() throws {
        let date = try XCTUnwrap(ReminderClock.date(from: "21:05"))
        XCTAssertEqual(ReminderClock.text(from: date), "21:05")
        XCTAssertNil(ReminderClock.date(from: "not a time"))
    }
}
