import Foundation
import Wellbeing

/// A screen on the navigation stack. Each comes from one of the core's `NavAction`s (see
/// `AppModel.open`); the title is the label of the menu entry that opened it, so the shell
/// never names a screen itself.
public enum Route: Hashable {
    case flow(FlowModel)
    case week(title: String)
    /// A tool's records (change, delete) with its charts, and My connections' map.
    case history(RecordsModel, title: String)
    case appointmentSummary(title: String)
    case conversation(ConversationModel)
    case safetyPlan(title: String)
    case settings(title: String)
}
