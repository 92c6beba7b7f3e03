package org.wellbeingcompanion.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.sizeIn
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.toggleable
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Slider
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.mutableStateListOf
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.snapshots.SnapshotStateList
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.error
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import uniffi.wellbeing.Answer
import uniffi.wellbeing.InputKind
import uniffi.wellbeing.ShellText
import uniffi.wellbeing.Step
import kotlin.math.roundToInt

/** What the step screen can ask the holder to do; the screen itself only gathers the answer. */
interface StepActions {
    fun answer(answer: Answer)

    fun back()

    fun saveForLater()

    fun discard()
}

/**
 * The one screen that draws every step of every tool: the core's [Step] says what to ask and
 * how (its [InputKind], limits, help and any earlier answer); this screen only draws it and
 * hands the answer back. A tool the core adds needs no new screen.
 */
@Composable
fun StepScreen(
    step: Step,
    keeping: Keeping,
    problem: String?,
    words: ShellText,
    actions: StepActions,
) {
    // One answer-in-progress per step: a new step (or the same step offered again) starts afresh.
    val key = step.flowId + "/" + step.stepId + "/" + step.position
    val draft = remember(key) { AnswerDraft.from(step) }
    ScreenColumn(tag = "step-screen") {
        if (keeping == Keeping.ConversationOnly) ConversationBanner(words.conversationBanner)
        Words(step.title + " · " + step.position + "/" + step.total, style = MaterialTheme.typography.titleMedium)
        Words(step.prompt, Modifier.testTag("step-prompt"), style = MaterialTheme.typography.headlineSmall)
        step.help?.let { Words(it, Modifier.testTag("step-help"), style = MaterialTheme.typography.bodyLarge) }
        when (val input = step.input) {
            is InputKind.Scale -> ScaleInput(input, draft)
            is InputKind.Choice -> ChoiceInput(input, draft)
            is InputKind.Text -> TextInput(input, draft, step.prompt)
            is InputKind.TextList -> ListInput(input, draft)
            InputKind.Info -> Unit
        }
        if (problem != null) {
            Words(
                problem,
                Modifier.testTag("step-problem").semantics { error(problem) },
                style = MaterialTheme.typography.bodyLarge.copy(color = MaterialTheme.colorScheme.error),
            )
        }
        val answer = draft.answer(step.input)
        MainButton(
            text = if (step.input == InputKind.Info) words.continueLabel else words.next,
            tag = "step-next",
            enabled = answer != null,
            onClick = { answer?.let(actions::answer) },
        )
        if (step.optional) OtherButton(words.skip, "step-skip", { actions.answer(Answer.Skip) })
        if (step.canGoBack) OtherButton(words.back, "step-back", actions::back)
        if (keeping == Keeping.Stored) OtherButton(words.saveForLater, "step-save-draft", actions::saveForLater)
        OtherButton(words.discard, "step-discard", actions::discard)
    }
}

@Composable
fun ConversationBanner(text: String) {
    Card(
        modifier = Modifier.fillMaxWidth().testTag("conversation-banner"),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer),
    ) { Words(text, Modifier.padding(12.dp), style = MaterialTheme.typography.titleMedium) }
}

/** The answer being put together on one step, seeded from the step's earlier answer. */
class AnswerDraft private constructor(
    val scale: androidx.compose.runtime.MutableState<Int?>,
    val chosen: SnapshotStateList<String>,
    val text: androidx.compose.runtime.MutableState<String>,
    val items: SnapshotStateList<String>,
) {
    /** The answer to send, or null while there is nothing to send yet. */
    fun answer(input: InputKind): Answer? =
        when (input) {
            is InputKind.Scale -> scale.value?.let { Answer.Scale(it) }
            is InputKind.Choice -> if (chosen.isEmpty()) null else Answer.Choices(chosen.toList())
            is InputKind.Text -> if (text.value.isBlank()) null else Answer.Text(text.value)
            is InputKind.TextList -> items.filter { it.isNotBlank() }.let { if (it.isEmpty()) null else Answer.TextList(it) }
            InputKind.Info -> Answer.Continue
        }

    companion object {
        fun from(step: Step): AnswerDraft {
            val prev = step.previousAnswer
            val items = mutableStateListOf<String>()
            if (prev is Answer.TextList) items.addAll(prev.items)
            if (items.isEmpty()) items.add("")
            return AnswerDraft(
                scale = mutableStateOf((prev as? Answer.Scale)?.value),
                chosen = mutableStateListOf<String>().apply { if (prev is Answer.Choices) addAll(prev.ids) },
                text = mutableStateOf((prev as? Answer.Text)?.text ?: ""),
                items = items,
            )
        }
    }
}

/** How the step screen draws what the core asks. */
object StepScreenDefaults {
    /** A scale with at most this many steps between its ends is a row of buttons; a longer one (0-100) a slider. */
    const val CHIP_SCALE_SPAN = 10
}

@Composable
private fun ScaleInput(
    input: InputKind.Scale,
    draft: AnswerDraft,
) {
    if (input.max - input.min <= StepScreenDefaults.CHIP_SCALE_SPAN) ScaleChips(input, draft) else ScaleSlider(input, draft)
    // The anchors say what the ends (and any middle points) of the scale mean.
    Column(Modifier.testTag("scale-anchors"), verticalArrangement = Arrangement.spacedBy(4.dp)) {
        for (anchor in input.anchors) {
            Words(anchor.value.toString() + " — " + anchor.label, style = MaterialTheme.typography.bodyLarge)
        }
    }
}

@Composable
private fun ScaleSlider(
    input: InputKind.Scale,
    draft: AnswerDraft,
) {
    val value = draft.scale.value
    Words(value?.toString() ?: "–", Modifier.testTag("scale-value"), style = MaterialTheme.typography.headlineMedium)
    Slider(
        value = (value ?: input.min).toFloat(),
        onValueChange = { draft.scale.value = it.roundToInt().coerceIn(input.min, input.max) },
        valueRange = input.min.toFloat()..input.max.toFloat(),
        steps = (input.max - input.min - 1).coerceAtLeast(0),
        modifier = Modifier.fillMaxWidth().heightIn(min = 56.dp).testTag("scale-slider"),
    )
}

@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun ScaleChips(
    input: InputKind.Scale,
    draft: AnswerDraft,
) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        for (value in input.min..input.max) {
            val anchor = input.anchors.firstOrNull { it.value == value }
            FilterChip(
                selected = draft.scale.value == value,
                onClick = { draft.scale.value = value },
                label = { Words(value.toString(), style = MaterialTheme.typography.titleLarge) },
                modifier =
                    Modifier
                        .sizeIn(minWidth = 56.dp, minHeight = 56.dp)
                        .testTag("scale-$value")
                        .semantics { if (anchor != null) contentDescription = "$value, ${anchor.label}" },
            )
        }
    }
}

@Composable
private fun ChoiceInput(
    input: InputKind.Choice,
    draft: AnswerDraft,
) {
    Column(verticalArrangement = Arrangement.spacedBy(6.dp)) {
        for (option in input.choices) {
            val on = option.id in draft.chosen
            val rowModifier =
                if (input.multiple) {
                    Modifier.toggleable(value = on, role = Role.Checkbox, onValueChange = {
                        if (on) {
                            draft.chosen.remove(option.id)
                        } else if (draft.chosen.size < input.maxSelected.toInt()) {
                            draft.chosen.add(option.id)
                        }
                    })
                } else {
                    Modifier.selectable(selected = on, role = Role.RadioButton, onClick = {
                        draft.chosen.clear()
                        draft.chosen.add(option.id)
                    })
                }
            Row(
                modifier =
                    Modifier
                        .fillMaxWidth()
                        .heightIn(min = 56.dp)
                        .testTag("choice-" + option.id)
                        .then(rowModifier),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                if (input.multiple) Checkbox(checked = on, onCheckedChange = null) else RadioButton(selected = on, onClick = null)
                Column(Modifier.padding(start = 12.dp)) {
                    Words(option.label, style = MaterialTheme.typography.bodyLarge)
                    option.help?.let { Words(it, style = MaterialTheme.typography.bodyMedium) }
                }
            }
        }
    }
}

@Composable
private fun TextInput(
    input: InputKind.Text,
    draft: AnswerDraft,
    prompt: String,
) {
    val max = input.maxChars.toInt()
    OutlinedTextField(
        value = draft.text.value,
        onValueChange = { draft.text.value = it.take(max) },
        singleLine = !input.multiline,
        minLines = if (input.multiline) 4 else 1,
        textStyle = MaterialTheme.typography.bodyLarge,
        modifier = Modifier.fillMaxWidth().testTag("text-input").semantics { contentDescription = prompt },
        supportingText = {
            Words(
                draft.text.value.length
                    .toString() + " / " + max,
                Modifier.testTag("text-count"),
            )
        },
    )
}

@Composable
private fun ListInput(
    input: InputKind.TextList,
    draft: AnswerDraft,
) {
    val max = input.maxChars.toInt()
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        draft.items.forEachIndexed { i, item ->
            Row(verticalAlignment = Alignment.CenterVertically) {
                OutlinedTextField(
                    value = item,
                    onValueChange = { draft.items[i] = it.take(max) },
                    singleLine = true,
                    textStyle = MaterialTheme.typography.bodyLarge,
                    modifier = Modifier.weight(1f).testTag("list-item-$i"),
                )
                if (draft.items.size > 1) {
                    TextButton(onClick = { draft.items.removeAt(i) }, modifier = Modifier.testTag("list-remove-$i")) {
                        Words("−")
                    }
                }
            }
        }
        if (draft.items.size < input.maxItems.toInt()) {
            OtherButton("+", "list-add", { draft.items.add("") })
        }
        Words(draft.items.size.toString() + " / " + input.maxItems, Modifier.testTag("list-count"))
    }
}
