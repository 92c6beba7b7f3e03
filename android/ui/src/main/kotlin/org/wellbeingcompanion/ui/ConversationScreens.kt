package org.wellbeingcompanion.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.FlowSummary
import uniffi.wellbeing.HandoffPayload
import uniffi.wellbeing.MenuEntry
import uniffi.wellbeing.NavAction
import uniffi.wellbeing.QrMatrix
import uniffi.wellbeing.ShellText

/** Conversation mode's menu: the tools a practitioner can talk someone through, nothing stored. */
@Composable
fun ConversationScreen(
    menu: List<MenuEntry>,
    words: ShellText,
    onTool: (NavAction) -> Unit,
    onLeave: () -> Unit,
) {
    ScreenColumn(tag = "conversation-screen") {
        ConversationBanner(words.conversationBanner)
        for (entry in menu) Entry(entry, "conversation-") { onTool(entry.action) }
        OtherButton(words.done, "conversation-leave", onLeave)
    }
}

/**
 * The end of a conversation walk: the summary, and the core's QR code of it for the person to
 * scan into their own app. Nothing of it is kept on this device.
 */
@Composable
fun HandoffScreen(
    summary: FlowSummary,
    payload: HandoffPayload,
    words: ShellText,
    onDone: () -> Unit,
) {
    ScreenColumn(tag = "handoff-screen") {
        ConversationBanner(words.nothingStored)
        SafetyFirst(summary.safety)
        QrCode(payload.qr, description = summary.title)
        SummaryBody(summary)
        MainButton(words.done, "handoff-done", onDone)
    }
}

/**
 * Draws the core's [QrMatrix] module by module: dark on white whatever the theme (scanners need
 * it), with the quiet zone the core asks for.
 */
@Composable
fun QrCode(
    qr: QrMatrix,
    description: String,
) {
    Box(Modifier.fillMaxWidth().background(Color.White).padding(8.dp)) {
        Canvas(
            Modifier
                .fillMaxWidth()
                .aspectRatio(1f)
                .testTag("handoff-qr")
                .semantics { contentDescription = description },
        ) {
            val n = qr.size.toInt()
            val total = n + 2 * qr.quietZone.toInt()
            val cell = size.minDimension / total
            val origin = qr.quietZone.toInt() * cell
            drawRect(Color.White, size = size)
            for (row in 0 until n) {
                for (col in 0 until n) {
                    if (qr.modules[row * n + col]) {
                        drawRect(
                            Color.Black,
                            topLeft = Offset(origin + col * cell, origin + row * cell),
                            size = Size(cell + 0.5f, cell + 0.5f),
                        )
                    }
                }
            }
        }
    }
}
