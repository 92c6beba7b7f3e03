package org.wellbeingcompanion.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.BoxWithConstraints
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.offset
import androidx.compose.foundation.layout.width
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.ConnectionFeel
import uniffi.wellbeing.ConnectionsView
import uniffi.wellbeing.EcomapLayout

/**
 * My connections drawn from the core's layout as it is: the rings, the person at the centre,
 * each connection at the place the core gave it (nothing overlaps there, so nothing is moved
 * here). The drawing is scaled to the screen's width; a screen reader hears the core's own
 * description of every ring instead of the shapes.
 */
@Composable
fun EcomapDrawing(layout: EcomapLayout) {
    val ringColour = MaterialTheme.colorScheme.outline
    val centreColour = MaterialTheme.colorScheme.primary
    val onSurface = MaterialTheme.colorScheme.onSurface
    BoxWithConstraints(
        Modifier
            .fillMaxWidth()
            .aspectRatio((layout.width / layout.height).toFloat())
            .testTag("ecomap")
            .clearAndSetSemantics { contentDescription = layout.description },
    ) {
        val scale = maxWidth.value / layout.width.toFloat()
        Canvas(Modifier.fillMaxSize()) {
            val px = size.width / layout.width.toFloat()
            val centre = Offset(layout.centre.x.toFloat() * px, layout.centre.y.toFloat() * px)
            for (ring in layout.rings) {
                drawCircle(ringColour, ring.radius.toFloat() * px, centre, style = Stroke(width = 2.dp.toPx()))
            }
            drawCircle(centreColour, layout.centreRadius.toFloat() * px, centre)
            for (node in layout.nodes) {
                drawCircle(
                    feelColour(node.feel),
                    node.markerRadius.toFloat() * px,
                    Offset(node.marker.x.toFloat() * px, node.marker.y.toFloat() * px),
                )
            }
        }
        val labelStyle = MaterialTheme.typography.labelMedium
        for (node in layout.nodes) {
            val w = node.boxWidth * scale
            Box(
                Modifier
                    .offset(
                        x = (node.labelAt.x * scale - w / 2).dp,
                        // Just under its marker, whatever the font size: never over it.
                        y = ((node.marker.y + node.markerRadius) * scale + 1).dp,
                    ).width(w.dp),
            ) {
                Text(
                    node.label + " " + node.feelSymbol,
                    style = labelStyle,
                    color = onSurface,
                    textAlign = TextAlign.Center,
                    maxLines = 1,
                    modifier = Modifier.fillMaxWidth(),
                )
            }
        }
        val centreW = layout.centreRadius * 2 * scale
        Box(
            Modifier
                .offset(
                    x = (layout.centre.x * scale - centreW / 2).dp,
                    y = (layout.centre.y * scale - 10).dp,
                ).width(centreW.dp),
        ) {
            Text(
                layout.centreLabel,
                style = labelStyle,
                color = MaterialTheme.colorScheme.onPrimary,
                textAlign = TextAlign.Center,
                modifier = Modifier.fillMaxWidth(),
            )
        }
    }
}

/** Helpful, mixed and draining told apart by more than colour: the label carries the symbol. */
private fun feelColour(feel: ConnectionFeel): Color =
    when (feel) {
        ConnectionFeel.HELPFUL -> HelpfulGreen
        ConnectionFeel.MIXED -> MixedAmber
        ConnectionFeel.DRAINING -> DrainingRed
    }

private val HelpfulGreen = Color(0xFF2E7D32)
private val MixedAmber = Color(0xFFF9A825)
private val DrainingRed = Color(0xFFC62828)

/** The latest map, its legend and the change since the map before, above the records list. */
@Composable
fun ConnectionsPart(view: ConnectionsView) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        val layout = view.layout
        if (layout == null) {
            view.emptyText?.let { Words(it, Modifier.testTag("connections-empty")) }
            return@Column
        }
        Words(layout.title, style = MaterialTheme.typography.titleMedium)
        EcomapDrawing(layout)
        Words(layout.legend.joinToString("   ") { it.line }, Modifier.testTag("ecomap-legend"), style = MaterialTheme.typography.bodyMedium)
        view.change?.let { change ->
            Words(change.title, style = MaterialTheme.typography.titleMedium)
            Words(change.headline, Modifier.testTag("connections-change"))
        }
    }
}
