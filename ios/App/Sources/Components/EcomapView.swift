import CompanionModels
import SwiftUI
import Wellbeing

/// My connections drawn from the core's layout as it is: the rings, the person at the centre,
/// each connection's marker where the core placed it (the core keeps them apart, so nothing
/// is moved here) with its label and feel symbol under it. The drawing is scaled to the width
/// it gets; VoiceOver hears the core's description of the whole map instead of the shapes.
struct EcomapView: View {
    let layout: EcomapLayout

    var body: some View {
        GeometryReader { geometry in
            let geometryOfMap = EcomapGeometry(layout: layout, width: geometry.size.width)
            ZStack(alignment: .topLeading) {
                Canvas { context, _ in
                    let centre = geometryOfMap.point(layout.centre)
                    for ring in layout.rings {
                        let r = geometryOfMap.length(ring.radius)
                        context.stroke(Path(ellipseIn: CGRect(x: centre.x - r, y: centre.y - r, width: 2 * r, height: 2 * r)),
                                       with: .color(.secondary), lineWidth: 1.5)
                    }
                    let cr = geometryOfMap.length(layout.centreRadius)
                    context.fill(Path(ellipseIn: CGRect(x: centre.x - cr, y: centre.y - cr, width: 2 * cr, height: 2 * cr)),
                                 with: .color(.accentColor))
                    for node in layout.nodes {
                        let at = geometryOfMap.point(node.marker)
                        let mr = geometryOfMap.length(node.markerRadius)
                        context.fill(Path(ellipseIn: CGRect(x: at.x - mr, y: at.y - mr, width: 2 * mr, height: 2 * mr)),
                                     with: .color(FeelColour.of(node.feel)))
                    }
                }
                ForEach(Array(layout.nodes.enumerated()), id: \.offset) { _, node in
                    let width = geometryOfMap.length(node.boxWidth)
                    // Just under its marker, whatever the text size: never over it.
                    Text(verbatim: [node.label, node.feelSymbol].joined(separator: " "))
                        .font(.caption2)
                        .lineLimit(1)
                        .minimumScaleFactor(0.6)
                        .multilineTextAlignment(.center)
                        .frame(width: width)
                        .position(x: geometryOfMap.length(node.labelAt.x),
                                  y: geometryOfMap.length(node.marker.y + node.markerRadius) + geometryOfMap.labelGap)
                }
                Text(layout.centreLabel)
                    .font(.caption.weight(.semibold))
                    .foregroundStyle(.white)
                    .lineLimit(1)
                    .minimumScaleFactor(0.5)
                    .frame(width: geometryOfMap.length(layout.centreRadius * 2))
                    .position(geometryOfMap.point(layout.centre))
            }
        }
        .aspectRatio(layout.width / layout.height, contentMode: .fit)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(Text(layout.description))
        .accessibilityAddTraits(.isImage)
        .accessibilityIdentifier("ecomap")
    }
}

/// Helpful, mixed and draining told apart by more than colour: each label carries the core's
/// feel symbol, and the legend names them.
enum FeelColour {
    static func of(_ feel: ConnectionFeel) -> Color {
        switch feel {
        case .helpful: return .green
        case .mixed: return .orange
        case .draining: return .red
        }
    }
}

/// The latest map, its legend and the change since the map before, above the records; or
/// the core's words for when there is no map yet.
struct ConnectionsPart: View {
    let view: ConnectionsView

    var body: some View {
        VStack(alignment: .leading, spacing: 10) {
            if let layout = view.layout {
                Text(layout.title).font(.headline).accessibilityAddTraits(.isHeader)
                EcomapView(layout: layout)
                ForEach(Array(layout.legend.enumerated()), id: \.offset) { _, item in
                    Label {
                        Text(item.line)
                    } icon: {
                        Circle().fill(FeelColour.of(item.feel)).frame(width: 10, height: 10)
                    }
                    .font(.footnote)
                }
                .accessibilityIdentifier("ecomap-legend")
                if let change = view.change {
                    Text(change.title).font(.subheadline.weight(.semibold))
                    Text(change.headline).accessibilityIdentifier("connections-change")
                    ForEach(Array(change.lines.enumerated()), id: \.offset) { _, line in
                        Text(line).font(.footnote)
                    }
                }
            } else if let empty = view.emptyText {
                Text(empty).foregroundStyle(.secondary)
            }
        }
    }
}
