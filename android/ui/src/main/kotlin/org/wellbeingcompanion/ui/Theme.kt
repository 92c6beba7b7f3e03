package org.wellbeingcompanion.ui

import androidx.compose.material3.ColorScheme
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.material3.darkColorScheme
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.sp

/*
 * Large, clear type: people may be reading this tired, upset or in poor light, so body text
 * starts at 20sp (Material's default is 16sp) and every size is in sp, so the system font scale
 * (up to 200%) enlarges it. Layouts scroll and wrap instead of clipping.
 */
private val companionType =
    Typography(
        headlineMedium = TextStyle(fontSize = 30.sp, lineHeight = 38.sp, fontWeight = FontWeight.SemiBold),
        headlineSmall = TextStyle(fontSize = 26.sp, lineHeight = 34.sp, fontWeight = FontWeight.SemiBold),
        titleLarge = TextStyle(fontSize = 24.sp, lineHeight = 32.sp, fontWeight = FontWeight.SemiBold),
        titleMedium = TextStyle(fontSize = 21.sp, lineHeight = 28.sp, fontWeight = FontWeight.Medium),
        bodyLarge = TextStyle(fontSize = 20.sp, lineHeight = 28.sp),
        bodyMedium = TextStyle(fontSize = 18.sp, lineHeight = 26.sp),
        labelLarge = TextStyle(fontSize = 19.sp, lineHeight = 24.sp, fontWeight = FontWeight.Medium),
    )

// Calm greens and blues with contrast well above WCAG AA for text on both schemes.
private val lightScheme: ColorScheme =
    lightColorScheme(
        primary = Color(0xFF1F5F4A),
        onPrimary = Color.White,
        primaryContainer = Color(0xFFCDEBDD),
        onPrimaryContainer = Color(0xFF0B2B20),
        secondaryContainer = Color(0xFFDCE6F5),
        onSecondaryContainer = Color(0xFF142235),
        errorContainer = Color(0xFFFFE1DC),
        onErrorContainer = Color(0xFF5C0F05),
        background = Color(0xFFFBFCFA),
        surface = Color(0xFFFBFCFA),
    )

private val darkScheme: ColorScheme =
    darkColorScheme(
        primary = Color(0xFF9CD6BE),
        onPrimary = Color(0xFF00382A),
        primaryContainer = Color(0xFF1E4D3D),
        onPrimaryContainer = Color(0xFFD5F3E5),
        secondaryContainer = Color(0xFF2A3A50),
        onSecondaryContainer = Color(0xFFDCE6F5),
        errorContainer = Color(0xFF6E1C12),
        onErrorContainer = Color(0xFFFFDAD4),
        background = Color(0xFF101412),
        surface = Color(0xFF101412),
    )

/** The app's theme; [dark] follows the system setting on Android (isSystemInDarkTheme). */
@Composable
fun CompanionTheme(
    dark: Boolean,
    content: @Composable () -> Unit,
) {
    MaterialTheme(colorScheme = if (dark) darkScheme else lightScheme, typography = companionType, content = content)
}
