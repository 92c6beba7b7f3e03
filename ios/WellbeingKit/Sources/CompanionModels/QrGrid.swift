import Foundation
import Wellbeing

/// Reading the core's QR matrix for drawing: the core encodes the payload and lays out the
/// modules; the shell only paints them with the quiet zone the core asks for.
extension QrMatrix {
    /// Modules per side including the quiet zone on both sides.
    public var sideWithQuietZone: Int { Int(size) + 2 * Int(quietZone) }

    /// Whether the module at `row`, `column` is dark; both count from the top-left corner of
    /// the code itself (not the quiet zone). Outside the code it is light.
    public func isDark(row: Int, column: Int) -> Bool {
        let side = Int(size)
        guard (0..<side).contains(row), (0..<side).contains(column) else { return false }
        let index = row * side + column
        return modules.indices.contains(index) && modules[index]
    }
}
