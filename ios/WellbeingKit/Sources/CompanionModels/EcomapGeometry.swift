import CoreGraphics
import Foundation
import Wellbeing

/// The core's My connections layout in screen points: the core lays the map out in its own
/// units (`width` × `height`, markers and label boxes placed so none overlap); the shell only
/// scales it to the width it is given, so every marker stays where the core put it.
public struct EcomapGeometry: Sendable {
    /// Screen points per layout unit.
    public let scale: Double
    /// Space between a marker and the label under it, in points.
    public let labelGap: CGFloat = 2

    public init(layout: EcomapLayout, width: Double) {
        scale = layout.width > 0 ? width / layout.width : 0
    }

    public func point(_ p: EcomapPoint) -> CGPoint {
        CGPoint(x: p.x * scale, y: p.y * scale)
    }

    public func length(_ value: Double) -> CGFloat {
        CGFloat(value * scale)
    }
}
