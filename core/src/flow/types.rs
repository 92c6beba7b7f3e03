//! What every tool and every shell share about a flow: the steps, the answers, the summary,
//! and the [`FlowDef`] a tool implements to be walked.

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::crisis::{SafetyFlag, SafetyNotice};
use crate::error::Result;
use crate::ids::{ToolGroup, ToolId};

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// A tool that can be walked through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ToolInfo {
    /// What to pass to `start_flow`.
    pub id: ToolId,
    pub title: String,
    /// One line saying what it is for.
    pub summary: String,
    /// The menu group it is listed under.
    pub group: ToolGroup,
    /// True when the flow needs a `subject_id` (the record it reviews) to start.
    pub needs_subject: bool,
}

/// A labelled point on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScaleAnchor {
    pub value: i32,
    pub label: String,
}

crate::content::words_record! {
    /// One option of a choice step.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct ChoiceOption {
        pub id: String,
        pub label: String,
        pub help: Option<String>,
    }
}

/// What a step asks for, with everything a shell needs to draw the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputKind {
    /// A whole number from `min` to `max`; `anchors` label some points (always both ends).
    Scale {
        min: i32,
        max: i32,
        anchors: Vec<ScaleAnchor>,
    },
    /// Pick from `choices`: exactly one when `multiple` is false, otherwise between
    /// `min_selected` and `max_selected`.
    Choice {
        choices: Vec<ChoiceOption>,
        multiple: bool,
        min_selected: u32,
        max_selected: u32,
    },
    /// Free text of at most `max_chars` characters.
    Text { multiline: bool, max_chars: u32 },
    /// A list of short texts (each at most `max_chars`), at most `max_items` of them.
    TextList { max_items: u32, max_chars: u32 },
    /// Nothing to enter: the prompt and help are information; answer with `Continue`.
    Info,
}

/// An answer to a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    Scale {
        value: i32,
    },
    Choices {
        ids: Vec<String>,
    },
    Text {
        text: String,
    },
    TextList {
        items: Vec<String>,
    },
    /// Leave an optional step blank.
    Skip,
    /// Move past an information step.
    Continue,
}

/// The step to draw now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Step {
    pub flow_id: String,
    pub tool: ToolId,
    /// The tool's title, for the screen's heading.
    pub title: String,
    /// Stable id of the step within the tool, e.g. "item-9", "situation".
    pub step_id: String,
    /// 1-based position of this step.
    pub position: u32,
    /// How many steps the flow has as answered so far (it can grow when a branch opens).
    pub total: u32,
    pub prompt: String,
    pub help: Option<String>,
    pub input: InputKind,
    /// True when `Skip` is accepted.
    pub optional: bool,
    pub can_go_back: bool,
    /// The earlier answer to this step when the person came back to it, or the good items
    /// of a list answer that was refused for one bad item.
    pub previous_answer: Option<Answer>,
    /// Whether answers are written as they are given (a file store) or kept in memory only
    /// (conversation mode: the shell shows that nothing is stored).
    pub persistence: Persistence,
    /// What a screen reader says for the control: the prompt, the kind of input and its
    /// range or limits, e.g. "How are you feeling today? Scale from 0, Very low, to 10, Very good".
    pub accessibility_label: String,
    /// How to operate the control, e.g. "Swipe up or down to change the number".
    pub accessibility_hint: String,
}

/// Where a flow's answers live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "kebab-case")]
pub enum Persistence {
    /// Written at each answer: survives the app being killed.
    Stored,
    /// Conversation mode: in memory only, gone when the app closes.
    ConversationOnly,
}

/// A line of a completed summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SummaryItem {
    pub label: String,
    pub value: String,
}

/// What a completed flow produced, ready to show, save or hand to the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FlowSummary {
    /// Support first: present whenever `flags` is not empty; a shell draws it before anything
    /// else. Made from the flags each time a summary is returned, never stored or handed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safety: Option<SafetyNotice>,
    pub flow_id: String,
    pub tool: ToolId,
    pub title: String,
    /// The one-line result, e.g. "Total 12 of 27: moderate range".
    pub headline: Option<String>,
    pub items: Vec<SummaryItem>,
    pub flags: Vec<SafetyFlag>,
    /// Suggestions for next steps (never diagnostic).
    pub advice: Vec<String>,
    /// The whole summary as plain text, to print or take away.
    pub text: String,
}

/// Where a flow is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FlowProgress {
    Next { step: Step },
    Complete { summary: FlowSummary },
}

/// A saved flow: the stored record's id and the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SavedFlow {
    pub tool: ToolId,
    pub record_id: String,
    pub summary: FlowSummary,
}

/// An open flow with answers: a draft to carry on with `resume_flow(flow_id)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DraftInfo {
    /// The flow's id, stable across restarts. Never shown to the person.
    pub flow_id: String,
    pub tool: ToolId,
    pub title: String,
    pub answered: u32,
    /// Local date and time last saved, "YYYY-MM-DD HH:MM".
    pub updated: String,
    pub persistence: Persistence,
}

// ---------------------------------------------------------------------------------------
// What a tool implements
// ---------------------------------------------------------------------------------------

/// A step as a tool describes it; the engine adds position, ids and navigation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StepSpec {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub input: InputKind,
    pub optional: bool,
}

impl StepSpec {
    pub fn new(id: impl Into<String>, prompt: impl Into<String>, input: InputKind) -> Self {
        StepSpec {
            id: id.into(),
            prompt: prompt.into(),
            help: None,
            input,
            optional: false,
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// The tool-specific part of a summary; the engine adds ids, title and the plain text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SummaryParts {
    pub headline: Option<String>,
    pub items: Vec<SummaryItem>,
    pub flags: Vec<SafetyFlag>,
    pub advice: Vec<String>,
}

impl SummaryParts {
    pub fn item(&mut self, label: impl Into<String>, value: impl Into<String>) {
        self.items.push(SummaryItem {
            label: label.into(),
            value: value.into(),
        });
    }
}

/// The answers given so far, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Answers(pub Vec<(String, Answer)>);

impl Answers {
    pub fn get(&self, step: &str) -> Option<&Answer> {
        self.0.iter().find(|(id, _)| id == step).map(|(_, a)| a)
    }
    pub fn has(&self, step: &str) -> bool {
        self.get(step).is_some()
    }
    pub fn scale(&self, step: &str) -> Option<i32> {
        match self.get(step) {
            Some(Answer::Scale { value }) => Some(*value),
            _ => None,
        }
    }
    pub fn text(&self, step: &str) -> Option<&str> {
        match self.get(step) {
            Some(Answer::Text { text }) => Some(text.as_str()),
            _ => None,
        }
    }
    pub fn choices(&self, step: &str) -> &[String] {
        match self.get(step) {
            Some(Answer::Choices { ids }) => ids,
            _ => &[],
        }
    }
    pub fn choice(&self, step: &str) -> Option<&str> {
        self.choices(step).first().map(String::as_str)
    }
    pub fn items(&self, step: &str) -> &[String] {
        match self.get(step) {
            Some(Answer::TextList { items }) => items,
            _ => &[],
        }
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// A tool's guided flow. Implementations are plain data plus rules: no I/O except in
/// `save`, which runs inside the engine's transaction.
pub(crate) trait FlowDef: Send {
    /// The tool this flow belongs to.
    fn tool(&self) -> ToolId;
    fn title(&self) -> String;
    /// The next step to ask given the answers so far, or `None` when complete.
    fn next_step(&self, answers: &Answers) -> Result<Option<StepSpec>>;
    /// How many steps the flow will have, as far as the answers so far tell.
    fn total_steps(&self, answers: &Answers) -> u32;
    /// Rules beyond the input kind (cross-field checks). The answer is already normalised.
    fn check(&self, _step: &StepSpec, _answer: &Answer, _answers: &Answers) -> Result<()> {
        Ok(())
    }
    /// The summary of a complete flow.
    fn summary(&self, answers: &Answers) -> Result<SummaryParts>;
    /// Writes the result; returns the id of the main record written.
    fn save(&self, tx: &Transaction, now: Moment, answers: &Answers) -> Result<String>;
    /// The record this flow reviews or edits, if any (kept with drafts).
    fn subject_id(&self) -> Option<String> {
        None
    }
    /// When editing a stored record: its answers, step by step in the order they are asked,
    /// offered again as each step's `previous_answer` (an optional step left empty is `Skip`).
    fn prefill(&self) -> Vec<(String, Answer)> {
        vec![]
    }
}

/// The subject id of a flow that edits the stored record `id`: kept in the draft's subject,
/// so a killed app resumes the edit of the same record.
pub(crate) const EDIT_PREFIX: &str = "edit:";

/// The record id when `subject` names an edit.
pub(crate) fn edit_target(subject: Option<&str>) -> Option<&str> {
    subject.and_then(|s| s.strip_prefix(EDIT_PREFIX))
}

/// A tool module's entry points: its list of tools, and a constructor that returns `None`
/// for tool ids that are not its own.
pub(crate) struct ToolModule {
    pub tools: fn() -> Vec<ToolInfo>,
    pub make: fn(
        tool: &str,
        subject: Option<&str>,
        conn: &Connection,
        now: Moment,
    ) -> Result<Option<Box<dyn FlowDef>>>,
}
