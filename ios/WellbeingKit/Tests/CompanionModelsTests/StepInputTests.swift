import Foundation
import XCTest
@testable import CompanionModels
import Wellbeing

final class StepInputTests: XCTestCase {
    func testASingleChoiceReplacesAndAMultipleChoiceToggles() {
        var input = StepInput()
        input.choose("a", multiple: false)
        input.choose("b", multiple: false)
        XCTAssertEqual(input.selected, ["b"])
        input.choose("a", multiple: true)
        input.choose("c", multiple: true)
        input.choose("b", multiple: true)
        XCTAssertEqual(input.selected, ["a", "c"])
    }

    func testTheAnswerIsWhatWasTypedUnchanged() {
        var input = StepInput()
        input.text = "  two spaces  "
        XCTAssertEqual(input.answer(for: .text(multiline: false, maxChars: 200)), .text(text: "  two spaces  "))
        input.items = ["one"]
        input.pendingItem = "two"
        XCTAssertEqual(input.answer(for: .textList(maxItems: 30, maxChars: 200)), .textList(items: ["one", "two"]))
        input.addPendingItem()
        XCTAssertEqual(input.items, ["one", "two"])
        XCTAssertEqual(input.pendingItem, "")
        XCTAssertEqual(input.answer(for: .info), .continue)
    }

    func testAnUntouchedScaleIsSentAsASkipForTheCoreToJudge() {
        var input = StepInput()
        let scale = InputKind.scale(min: 0, max: 10, anchors: [])
        XCTAssertEqual(input.answer(for: scale), .skip)
        input.scale = 0
        XCTAssertEqual(input.answer(for: scale), .scale(value: 0))
    }

    func testQrModulesAreReadRowByRowAndLightOutsideTheCode() {
        let qr = QrMatrix(size: 2, modules: [true, false, false, true], version: 1, ecLevel: "M", quietZone: 4)
        XCTAssertTrue(qr.isDark(row: 0, column: 0))
        XCTAssertFalse(qr.isDark(row: 0, column: 1))
        XCTAssertFalse(qr.isDark(row: 1, column: 0))
        XCTAssertTrue(qr.isDark(row: 1, column: 1))
        XCTAssertFalse(qr.isDark(row: -1, column: 0))
        XCTAssertFalse(qr.isDark(row: 2, column: 1))
        XCTAssertEqual(qr.sideWithQuietZone, 10)
    }
}
