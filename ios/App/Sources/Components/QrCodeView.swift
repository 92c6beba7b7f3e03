import CompanionModels
import SwiftUI
import Wellbeing

/// The core's QR matrix drawn module by module, dark on a light quiet zone whatever the colour
/// scheme (a scanner needs the contrast), as large as the width allows.
struct QrCodeView: View {
    let matrix: QrMatrix
    let accessibilityText: String

    var body: some View {
        Canvas { context, canvas in
            let side = CGFloat(matrix.sideWithQuietZone)
            let module = min(canvas.width, canvas.height) / side
            let quiet = CGFloat(matrix.quietZone)
            context.fill(Path(CGRect(origin: .zero, size: canvas)), with: .color(.white))
            for row in 0..<Int(matrix.size) {
                for column in 0..<Int(matrix.size) where matrix.isDark(row: row, column: column) {
                    let rect = CGRect(x: (quiet + CGFloat(column)) * module, y: (quiet + CGFloat(row)) * module,
                                      width: module, height: module)
                    context.fill(Path(rect), with: .color(.black))
                }
            }
        }
        .aspectRatio(1, contentMode: .fit)
        .frame(maxWidth: 360)
        .accessibilityElement()
        .accessibilityLabel(Text(accessibilityText))
        .accessibilityAddTraits(.isImage)
        .accessibilityIdentifier("handoff-qr")
    }
}
