package org.wellbeingcompanion.ui

import androidx.compose.material3.LocalTextStyle
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontWeight

/** Every text on every screen goes through here, so none can clip unnoticed. */
@Composable
fun Words(
    text: String,
    modifier: Modifier = Modifier,
    style: TextStyle = LocalTextStyle.current,
    bold: Boolean = false,
) {
    val reporter = LocalOverflowReporter.current
    Text(
        text = text,
        modifier = modifier,
        style = if (bold) style.copy(fontWeight = FontWeight.Bold) else style,
        softWrap = true,
        onTextLayout = { layout -> if (layout.hasVisualOverflow) reporter.overflowed(text) },
    )
}

/**
 * Told of every text that did not fit the space it was given. The app leaves it silent; the
 * screenshot tests install one that fails the test, so clipped words (at 200% font scale, say)
 * are found by a build and not by a person who can no longer read a button.
 */
fun interface OverflowReporter {
    fun overflowed(text: String)
}

val LocalOverflowReporter = staticCompositionLocalOf { OverflowReporter { } }
