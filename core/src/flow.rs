//! Guided flows: every tool can be walked through one step at a time.
//!
//! A tool describes itself as a [`FlowDef`]: given the answers so far it names the next
//! [`StepSpec`] (or none, when complete), builds a summary, and saves. The engine here does
//! the rest for every tool alike: validates each answer against the step's input kind,
//! keeps the answers, goes back, completes, saves or discards, and keeps drafts. So a new
//! tool needs no shell code: one step screen per shell draws every flow.
//!
//! Drafts survive. On a store opened on a file, every answered step (and every "back") of an
//! open flow is written to `flow_drafts` in the same call, keyed by the flow id, so a phone
//! that kills the app in the background loses nothing: any flow call with an id that is not
//! in memory loads it from the table, at the same step, with the same answers and the same
//! "back" history. A flow with nothing answered yet is not written (opening a tool and
//! leaving is not a draft). Conversation mode (`open_in_memory`) writes nothing: its flows
//! live in memory only, and each step says so (`Persistence::ConversationOnly`).
//!
//! Memory holds at most `MAX_OPEN_FLOWS` flows. Stored flows may be dropped from memory (they
//! load again); flows held only in memory never are: past the limit, starting one more fails
//! with `RuleCode::TooManyOpenFlows`, which the person sees, instead of a walk-through
//! silently vanishing.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::error::{ApiResult, Error, Result};
use crate::ids::{SafetyFlagCode, ToolGroup, ToolId};
use crate::safety::{Audience, SafetyNotice};
use crate::validate::{self, RuleCode, MAX_OPEN_FLOWS};
use crate::WellbeingStore;

pub(crate) const SCHEMA: &str = "
CREATE TABLE flow_drafts (
    id TEXT PRIMARY KEY NOT NULL,
    tool TEXT NOT NULL,
    subject_id TEXT,
    answers TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL,
    updated_local TEXT NOT NULL
);
";

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

/// One option of a choice step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ChoiceOption {
    pub id: String,
    pub label: String,
    pub help: Option<String>,
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

/// Something a shell must show before anything else (support options first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyFlag {
    /// Why it was raised.
    pub code: SafetyFlagCode,
    pub title: String,
    pub detail: String,
    /// True when the shell should open "Help now" (crisis contacts) straight away.
    pub show_help_now: bool,
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

/// The tools whose saved records can be changed by walking them again. The measures are
/// not among them: a score is what was answered on the day, so it is deleted, never edited.
pub(crate) fn editable(tool: ToolId) -> bool {
    matches!(
        tool,
        ToolId::Checkin
            | ToolId::ScaleImportance
            | ToolId::ScaleConfidence
            | ToolId::ScaleReadiness
            | ToolId::ScaleSolutionFocused
            | ToolId::ScaleCustom
            | ToolId::FiveWaysLog
    )
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

/// Every module that offers flows. Add a module here to make its tools walkable.
fn modules() -> Vec<ToolModule> {
    vec![
        crate::five_ways::MODULE,
        crate::scaling::tool_module(),
        crate::five_areas::MODULE,
        crate::thinking_styles::MODULE,
        crate::measures::MODULE,
        crate::safety::MODULE,
        crate::connections::MODULE,
    ]
}

pub(crate) fn all_tools() -> Vec<ToolInfo> {
    modules().iter().flat_map(|m| (m.tools)()).collect()
}

fn make_flow(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    now: Moment,
) -> Result<Box<dyn FlowDef>> {
    let tool = validate::id_arg("tool", tool)?;
    for m in modules() {
        if let Some(def) = (m.make)(&tool, subject, conn, now)? {
            return Ok(def);
        }
    }
    Err(Error::not_found("tool", tool))
}

// ---------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------

pub(crate) struct Session {
    def: Box<dyn FlowDef>,
    answers: Answers,
    /// Answers undone with "back", offered again as the previous answer.
    undone: Vec<(String, Answer)>,
    /// The good items of a list answer refused for one bad item, offered again on that step.
    kept: Option<(String, Answer)>,
    /// True once the flow has a row in `flow_drafts` (the row's id is the flow id).
    stored: bool,
    /// Local "YYYY-MM-DD HH:MM" and UTC ms of the last answer or back.
    updated: String,
    updated_ms: i64,
    touched: u64,
}

/// What `flow_drafts.answers` holds: the answers and the "back" history. Drafts written
/// before the history was kept are a bare list of answers, read as one with no history.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum DraftState {
    Now {
        answers: Answers,
        undone: Vec<(String, Answer)>,
    },
    Before(Answers),
}

#[derive(Default)]
pub(crate) struct Sessions {
    open: HashMap<String, Session>,
    counter: u64,
}

impl Sessions {
    /// Keeps `s` in memory. Past the limit, the least recently used *stored* flow is dropped
    /// (it loads again from its row); if every open flow lives in memory only, nothing is
    /// dropped and the caller is told.
    fn insert(&mut self, id: String, mut s: Session) -> Result<()> {
        self.counter += 1;
        s.touched = self.counter;
        if self.open.len() >= MAX_OPEN_FLOWS && !self.open.contains_key(&id) {
            let oldest_stored = self
                .open
                .iter()
                .filter(|(_, s)| s.stored)
                .min_by_key(|(_, s)| s.touched)
                .map(|(k, _)| k.clone());
            match oldest_stored {
                Some(k) => {
                    self.open.remove(&k);
                }
                None => {
                    return Err(Error::invalid_limit(
                        "flow",
                        RuleCode::TooManyOpenFlows,
                        MAX_OPEN_FLOWS as i64,
                    ))
                }
            }
        }
        self.open.insert(id, s);
        Ok(())
    }
}

/// Checks `answer` against the step and returns it normalised (texts trimmed).
pub(crate) fn validate_answer(step: &StepSpec, answer: &Answer) -> Result<Answer> {
    let field = step.id.as_str();
    let kind_err = || Error::invalid(field, RuleCode::WrongKind);
    match (&step.input, answer) {
        (_, Answer::Skip) if step.optional => Ok(Answer::Skip),
        (InputKind::Info, Answer::Continue) => Ok(Answer::Continue),
        (_, Answer::Skip) => Err(Error::invalid(field, RuleCode::Required)),
        (InputKind::Scale { min, max, .. }, Answer::Scale { value }) => {
            validate::in_range(field, *value as i64, *min as i64, *max as i64)?;
            Ok(answer.clone())
        }
        (
            InputKind::Choice {
                choices,
                multiple,
                min_selected,
                max_selected,
            },
            Answer::Choices { ids },
        ) => {
            for (n, id) in ids.iter().enumerate() {
                if !choices.iter().any(|c| &c.id == id) {
                    return Err(Error::invalid(field, RuleCode::NotOnList).at_item(n));
                }
                if ids[..n].contains(id) {
                    return Err(Error::invalid(field, RuleCode::Duplicate).at_item(n));
                }
            }
            let n = ids.len() as u32;
            if !*multiple && n != 1 {
                return Err(if n == 0 {
                    Error::invalid(field, RuleCode::Required)
                } else {
                    Error::invalid_limit(field, RuleCode::TooManyItems, 1)
                });
            }
            if *multiple && n < *min_selected {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooFewItems,
                    *min_selected as i64,
                ));
            }
            if *multiple && n > *max_selected {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooManyItems,
                    *max_selected as i64,
                ));
            }
            Ok(answer.clone())
        }
        (
            InputKind::Text {
                multiline,
                max_chars,
            },
            Answer::Text { text },
        ) => {
            if text.trim().is_empty() && step.optional {
                return Ok(Answer::Skip);
            }
            let t = validate::required_text(field, text, *max_chars as usize, *multiline)?;
            Ok(Answer::Text { text: t })
        }
        (
            InputKind::TextList {
                max_items,
                max_chars,
            },
            Answer::TextList { items },
        ) => {
            // Blank items are dropped, but a bad item is reported at its place in the list
            // as the person gave it, so the shell can point at it.
            if items.iter().filter(|i| !i.trim().is_empty()).count() > *max_items as usize {
                return Err(Error::invalid_limit(
                    field,
                    RuleCode::TooManyItems,
                    *max_items as i64,
                ));
            }
            let mut kept = vec![];
            for (n, item) in items.iter().enumerate() {
                if item.trim().is_empty() {
                    continue;
                }
                kept.push(
                    validate::required_text(field, item, *max_chars as usize, false)
                        .map_err(|e| e.at_item(n))?,
                );
            }
            if kept.is_empty() && !step.optional {
                return Err(Error::invalid_limit(field, RuleCode::TooFewItems, 1));
            }
            Ok(if kept.is_empty() {
                Answer::Skip
            } else {
                Answer::TextList { items: kept }
            })
        }
        (InputKind::Scale { .. }, _)
        | (InputKind::Choice { .. }, _)
        | (InputKind::Text { .. }, _)
        | (InputKind::TextList { .. }, _)
        | (InputKind::Info, _) => Err(kind_err()),
    }
}

/// The items of a refused list answer that pass the item rules: offered again so one bad
/// item does not cost the person the good ones.
fn good_items(step: &StepSpec, answer: &Answer) -> Option<Answer> {
    match (&step.input, answer) {
        (
            InputKind::TextList {
                max_items,
                max_chars,
            },
            Answer::TextList { items },
        ) => {
            let items = validate::good_items(items, *max_items as usize, *max_chars as usize);
            (!items.is_empty()).then_some(Answer::TextList { items })
        }
        _ => None,
    }
}

/// The screen-reader label and hint of a step, from content templates per input kind.
fn accessibility(spec: &StepSpec) -> Result<(String, String)> {
    let t = validate::step_text()?;
    let prompt = spec.prompt.trim();
    let (label, hint) = match &spec.input {
        InputKind::Scale { min, max, anchors } => {
            let label_of = |v: i32| anchors.iter().find(|a| a.value == v).map(|a| &a.label);
            let label = match (label_of(*min), label_of(*max)) {
                (Some(lo), Some(hi)) => t
                    .scale_label
                    .replace("{min_label}", lo)
                    .replace("{max_label}", hi),
                _ => t.scale_label_plain.clone(),
            };
            (
                label
                    .replace("{min}", &min.to_string())
                    .replace("{max}", &max.to_string()),
                t.scale_hint.clone(),
            )
        }
        InputKind::Choice {
            choices,
            multiple,
            max_selected,
            ..
        } => (
            if *multiple {
                t.choice_many_label
                    .replace("{max}", &max_selected.to_string())
            } else {
                t.choice_one_label.clone()
            }
            .replace("{count}", &choices.len().to_string()),
            t.choice_hint.clone(),
        ),
        InputKind::Text { max_chars, .. } => (
            t.text_label.replace("{max}", &max_chars.to_string()),
            t.text_hint.clone(),
        ),
        InputKind::TextList { max_items, .. } => (
            t.list_label.replace("{max}", &max_items.to_string()),
            t.list_hint.clone(),
        ),
        InputKind::Info => (t.info_label.clone(), t.info_hint.clone()),
    };
    // The prompt is read first; it runs into the rest as a sentence.
    let prompt = if prompt.ends_with(['?', '.', '!', ':']) || prompt.is_empty() {
        prompt.to_string()
    } else {
        format!("{prompt}.")
    };
    let mut label = label.replace("{prompt}", &prompt).trim().to_string();
    if spec.optional {
        label.push_str(&t.optional_suffix);
    }
    Ok((label, hint))
}

pub(crate) fn render_text(title: &str, p: &SummaryParts) -> String {
    let mut out = String::new();
    out.push_str(title);
    out.push('\n');
    out.push_str(&"=".repeat(title.chars().count()));
    out.push('\n');
    for f in &p.flags {
        out.push_str(&format!("! {}: {}\n", f.title, f.detail));
    }
    if let Some(h) = &p.headline {
        out.push_str(h);
        out.push('\n');
    }
    if !p.items.is_empty() {
        out.push('\n');
    }
    for i in &p.items {
        out.push_str(&format!("{}: {}\n", i.label, i.value));
    }
    if !p.advice.is_empty() {
        out.push('\n');
        for a in &p.advice {
            out.push_str(&format!("- {a}\n"));
        }
    }
    out
}

impl Session {
    fn step(&self, flow_id: &str, spec: StepSpec, persistence: Persistence) -> Result<Step> {
        let previous_answer = self
            .kept
            .as_ref()
            .filter(|(id, _)| *id == spec.id)
            .or_else(|| self.undone.last().filter(|(id, _)| *id == spec.id))
            .map(|(_, a)| a.clone());
        let position = self.answers.len() as u32 + 1;
        let (accessibility_label, accessibility_hint) = accessibility(&spec)?;
        Ok(Step {
            flow_id: flow_id.to_string(),
            tool: self.def.tool(),
            title: self.def.title(),
            step_id: spec.id,
            position,
            total: self.def.total_steps(&self.answers).max(position),
            prompt: spec.prompt,
            help: spec.help,
            input: spec.input,
            optional: spec.optional,
            can_go_back: !self.answers.0.is_empty(),
            previous_answer,
            persistence,
            accessibility_label,
            accessibility_hint,
        })
    }

    fn progress(&self, flow_id: &str, persistence: Persistence) -> Result<FlowProgress> {
        match self.def.next_step(&self.answers)? {
            Some(spec) => Ok(FlowProgress::Next {
                step: self.step(flow_id, spec, persistence)?,
            }),
            None => Ok(FlowProgress::Complete {
                summary: self.summary(flow_id, persistence)?,
            }),
        }
    }

    fn summary(&self, flow_id: &str, persistence: Persistence) -> Result<FlowSummary> {
        let parts = self.def.summary(&self.answers)?;
        let title = self.def.title();
        // In conversation mode a staff member is with the person: the notice guides them too.
        let audience = match persistence {
            Persistence::Stored => Audience::Person,
            Persistence::ConversationOnly => Audience::Staff,
        };
        Ok(FlowSummary {
            safety: crate::safety::notice(&parts.flags, audience),
            flow_id: flow_id.to_string(),
            tool: self.def.tool(),
            text: render_text(&title, &parts),
            title,
            headline: parts.headline,
            items: parts.items,
            flags: parts.flags,
            advice: parts.advice,
        })
    }

    fn answer(&mut self, answer: &Answer) -> Result<()> {
        let spec = self
            .def
            .next_step(&self.answers)?
            .ok_or_else(|| Error::out_of_order("this flow is complete: save or discard it"))?;
        let checked = validate_answer(&spec, answer).and_then(|normal| {
            self.def
                .check(&spec, &normal, &self.answers)
                .map(|_| normal)
        });
        let normal = match checked {
            Ok(n) => n,
            Err(e) => {
                if matches!(e, Error::Invalid { .. }) {
                    if let Some(good) = good_items(&spec, answer) {
                        self.kept = Some((spec.id.clone(), good));
                    }
                }
                return Err(e);
            }
        };
        self.kept = None;
        if self
            .undone
            .last()
            .map(|(id, _)| id == &spec.id)
            .unwrap_or(false)
        {
            self.undone.pop();
        } else {
            self.undone.clear();
        }
        self.answers.0.push((spec.id, normal));
        Ok(())
    }

    fn back(&mut self) -> Result<()> {
        let last = self
            .answers
            .0
            .pop()
            .ok_or_else(|| Error::out_of_order("this is the first step"))?;
        self.kept = None;
        self.undone.push(last);
        Ok(())
    }

    fn info(&self, flow_id: &str, persistence: Persistence) -> DraftInfo {
        DraftInfo {
            flow_id: flow_id.to_string(),
            tool: self.def.tool(),
            title: self.def.title(),
            answered: self.answers.len() as u32,
            updated: self.updated.clone(),
            persistence,
        }
    }
}

fn draft_title(tool: ToolId) -> String {
    all_tools()
        .into_iter()
        .find(|t| t.id == tool)
        .map(|t| t.title)
        .unwrap_or_else(|| tool.to_string())
}

fn stamp(now: Moment) -> String {
    format!("{} {}", now.date_string(), now.time_string())
}

impl WellbeingStore {
    fn persistence(&self) -> Persistence {
        if self.path.is_some() {
            Persistence::Stored
        } else {
            Persistence::ConversationOnly
        }
    }

    /// Who a safety notice speaks to: in conversation mode a staff member is with the person.
    pub(crate) fn audience(&self) -> Audience {
        match self.persistence() {
            Persistence::Stored => Audience::Person,
            Persistence::ConversationOnly => Audience::Staff,
        }
    }

    /// The open flow `flow_id`, loaded from its row when it is not in memory.
    fn loaded<'a>(&self, sessions: &'a mut Sessions, flow_id: &str) -> Result<&'a mut Session> {
        let id = validate::id_arg("flow", flow_id)?;
        if !sessions.open.contains_key(&id) {
            let session = self.load(&id)?;
            sessions.insert(id.clone(), session)?;
        }
        sessions.counter += 1;
        let c = sessions.counter;
        let s = sessions
            .open
            .get_mut(&id)
            .ok_or_else(|| Error::not_found("flow", &id))?;
        s.touched = c;
        Ok(s)
    }

    /// Rebuilds a flow from its row, replaying the answers through the same checks as live
    /// ones: content may have changed since; replay stops at the first that no longer fits.
    fn load(&self, id: &str) -> Result<Session> {
        if self.path.is_none() {
            return Err(Error::not_found("flow", id));
        }
        let now = self.now();
        let (def, state, updated, updated_ms) = self.read(|c| {
            let row: Option<(String, Option<String>, String, String, i64)> = c
                .query_row(
                    "SELECT tool, subject_id, answers, updated_local, updated_utc_ms
                     FROM flow_drafts WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .optional()?;
            let (tool, subject, json, updated, updated_ms) =
                row.ok_or_else(|| Error::not_found("flow", id))?;
            let state: DraftState =
                serde_json::from_str(&json).map_err(|_| Error::unreadable("draft", id))?;
            Ok((
                make_flow(&tool, subject.as_deref(), c, now)?,
                state,
                updated,
                updated_ms,
            ))
        })?;
        let (answers, undone) = match state {
            DraftState::Now { answers, undone } => (answers, undone),
            DraftState::Before(answers) => (answers, vec![]),
        };
        let mut s = Session {
            def,
            answers: Answers::default(),
            undone: vec![],
            kept: None,
            stored: true,
            updated,
            updated_ms,
            touched: 0,
        };
        let wanted = answers.len();
        for (_, a) in answers.0 {
            if s.answer(&a).is_err() {
                break;
            }
        }
        if s.answers.len() == wanted {
            s.undone = undone;
        }
        Ok(s)
    }

    /// Writes the flow's state to its row (file stores only), in one transaction.
    fn persist(&self, flow_id: &str, s: &Session) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        let json = serde_json::to_string(&DraftState::Now {
            answers: s.answers.clone(),
            undone: s.undone.clone(),
        })?;
        let tool = s.def.tool().to_string();
        let subject = s.def.subject_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO flow_drafts (id, tool, subject_id, answers, created_utc_ms, updated_utc_ms, updated_local)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET answers = excluded.answers,
                    updated_utc_ms = excluded.updated_utc_ms, updated_local = excluded.updated_local",
                params![flow_id, tool, subject, json, s.updated_ms, s.updated],
            )?;
            Ok(())
        })
    }

    /// Runs `change` on the open flow and writes the result at once; if the write fails the
    /// flow is put back as it was, so memory never runs ahead of the file.
    fn change(
        &self,
        flow_id: &str,
        change: impl FnOnce(&mut Session) -> Result<()>,
    ) -> Result<FlowProgress> {
        let now = self.now();
        let persistence = self.persistence();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, flow_id)?;
        let before = (
            s.answers.clone(),
            s.undone.clone(),
            s.updated.clone(),
            s.updated_ms,
        );
        change(s)?;
        s.updated = stamp(now);
        s.updated_ms = now.utc_ms;
        if let Err(e) = self.persist(flow_id, s) {
            (s.answers, s.undone, s.updated, s.updated_ms) = before;
            return Err(e);
        }
        s.stored = persistence == Persistence::Stored;
        s.progress(flow_id, persistence)
    }

    fn begin(&self, def: Box<dyn FlowDef>) -> Result<(String, FlowProgress)> {
        self.begin_with(def, vec![])
    }

    /// Starts a flow with `undone` as its "back" history: the answers offered again, the
    /// next one to offer last.
    fn begin_with(
        &self,
        def: Box<dyn FlowDef>,
        undone: Vec<(String, Answer)>,
    ) -> Result<(String, FlowProgress)> {
        let now = self.now();
        let flow_id = validate::new_id();
        let session = Session {
            def,
            answers: Answers::default(),
            undone,
            kept: None,
            stored: false,
            updated: stamp(now),
            updated_ms: now.utc_ms,
            touched: 0,
        };
        let progress = session.progress(&flow_id, self.persistence())?;
        self.flows().insert(flow_id.clone(), session)?;
        Ok((flow_id, progress))
    }
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Every tool that can be walked through, in menu order.
    pub fn list_tools(&self) -> Vec<ToolInfo> {
        all_tools()
    }

    /// Starts walking through `tool`. Tools that review a record take its id as `subject_id`.
    /// Fails with `InvalidInput { rule: TooManyOpenFlows, limit }` when that many flows are
    /// open in memory only.
    pub fn start_flow(&self, tool: ToolId, subject_id: Option<String>) -> ApiResult<FlowProgress> {
        let now = self.now();
        let def = self.read(|c| make_flow(tool.as_str(), subject_id.as_deref(), c, now))?;
        Ok(self.begin(def)?.1)
    }

    /// Changes a saved record by walking its tool again, each step offering the stored answer
    /// as `previous_answer` (a shell shows it filled in); saving replaces the record, keeping
    /// the moment it was lived, and returns the same `record_id`. Like any flow it is a draft
    /// until saved, and discarding leaves the record as it was. Tools whose records are not
    /// edited (the measures, worksheets) refuse with `InvalidInput { rule: NotApplicable }`.
    pub fn edit_record(&self, tool: ToolId, record_id: String) -> ApiResult<FlowProgress> {
        let id = validate::id_arg("record", &record_id)?;
        if !editable(tool) {
            return Err(Error::invalid("tool", RuleCode::NotApplicable).into());
        }
        let now = self.now();
        let subject = format!("{EDIT_PREFIX}{id}");
        let def = self.read(|c| make_flow(tool.as_str(), Some(&subject), c, now))?;
        let mut prefill = def.prefill();
        prefill.reverse();
        Ok(self.begin_with(def, prefill)?.1)
    }

    /// Answers the current step; on a file store the answer is written before this returns.
    /// An invalid answer returns an error and leaves the flow where it was (a list answer
    /// with one bad item keeps its good items as the step's `previous_answer`).
    pub fn answer_flow(&self, flow_id: String, answer: Answer) -> ApiResult<FlowProgress> {
        Ok(self.change(&flow_id, |s| s.answer(&answer))?)
    }

    /// Goes back one step, offering the earlier answer again (written at once, like answers).
    pub fn flow_back(&self, flow_id: String) -> ApiResult<FlowProgress> {
        Ok(self.change(&flow_id, Session::back)?)
    }

    /// The flow's current step or, when complete, its summary.
    pub fn flow_progress(&self, flow_id: String) -> ApiResult<FlowProgress> {
        let persistence = self.persistence();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        Ok(s.progress(&flow_id, persistence)?)
    }

    /// Carries on with an open flow (a draft from `list_drafts`, even after the app was
    /// killed) at the step where it was left.
    pub fn resume_flow(&self, flow_id: String) -> ApiResult<FlowProgress> {
        self.flow_progress(flow_id)
    }

    /// Stores a complete flow's result and closes the flow; its draft row goes in the same
    /// transaction.
    pub fn save_flow(&self, flow_id: String) -> ApiResult<SavedFlow> {
        let now = self.now();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        if s.def.next_step(&s.answers)?.is_some() {
            return Err(Error::out_of_order("this flow is not complete yet").into());
        }
        let summary = s.summary(&flow_id, self.persistence())?;
        let record_id = self.write(|tx| {
            let id = s.def.save(tx, now, &s.answers)?;
            tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&flow_id])?;
            Ok(id)
        })?;
        let tool = s.def.tool();
        sessions.open.remove(&flow_id);
        Ok(SavedFlow {
            tool,
            record_id,
            summary,
        })
    }

    /// Closes a flow storing nothing, and deletes its draft: discarding means letting it go.
    pub fn discard_flow(&self, flow_id: String) -> ApiResult<()> {
        let id = validate::id_arg("flow", &flow_id)?;
        let mut sessions = self.flows();
        let in_memory = sessions.open.remove(&id).is_some();
        let on_file = if self.path.is_some() {
            self.write(|tx| Ok(tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&id])?))?
        } else {
            0
        };
        if !in_memory && on_file == 0 {
            return Err(Error::not_found("flow", &id).into());
        }
        Ok(())
    }

    /// "Save for later": makes sure the flow is kept as a draft, even with nothing answered
    /// yet, and says how it stands. Answers are written as they are given anyway; in
    /// conversation mode the draft lives until the app closes.
    pub fn save_flow_draft(&self, flow_id: String) -> ApiResult<DraftInfo> {
        let persistence = self.persistence();
        let mut sessions = self.flows();
        let s = self.loaded(&mut sessions, &flow_id)?;
        if !s.stored {
            self.persist(&flow_id, s)?;
            s.stored = persistence == Persistence::Stored;
        }
        Ok(s.info(&flow_id, persistence))
    }

    /// Open flows to carry on with, most recent first: every stored draft, and in
    /// conversation mode the flows with answers held in memory.
    pub fn list_drafts(&self) -> ApiResult<Vec<DraftInfo>> {
        let persistence = self.persistence();
        let sessions = self.flows();
        let mut out: Vec<(i64, DraftInfo)> = if persistence == Persistence::Stored {
            self.read(|c| {
                let mut st = c.prepare_cached(
                    "SELECT id, tool, answers, updated_local, updated_utc_ms FROM flow_drafts",
                )?;
                let rows = st.query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                    ))
                })?;
                let mut out = vec![];
                for row in rows {
                    let (flow_id, tool, json, updated, ms) = row?;
                    // A draft of a tool this build does not offer cannot be resumed: it is
                    // left in place (a later build may know it) and not listed.
                    let Some(tool) = ToolId::parse(&tool) else {
                        continue;
                    };
                    let answered = match serde_json::from_str::<DraftState>(&json) {
                        Ok(DraftState::Now { answers, .. }) | Ok(DraftState::Before(answers)) => {
                            answers.len() as u32
                        }
                        Err(_) => 0,
                    };
                    out.push((
                        ms,
                        DraftInfo {
                            flow_id,
                            title: draft_title(tool),
                            tool,
                            answered,
                            updated,
                            persistence,
                        },
                    ));
                }
                Ok(out)
            })?
        } else {
            sessions
                .open
                .iter()
                .filter(|(_, s)| s.answers.len() > 0)
                .map(|(id, s)| (s.updated_ms, s.info(id, persistence)))
                .collect()
        };
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.flow_id.cmp(&b.1.flow_id)));
        Ok(out.into_iter().map(|(_, d)| d).collect())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A two-question flow used to test the engine alone.
    struct Tiny;
    impl FlowDef for Tiny {
        fn tool(&self) -> ToolId {
            ToolId::Checkin
        }
        fn title(&self) -> String {
            "Tiny".into()
        }
        fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
            Ok(if !a.has("mood") {
                Some(StepSpec::new(
                    "mood",
                    "How are you?",
                    InputKind::Scale {
                        min: 0,
                        max: 10,
                        anchors: vec![],
                    },
                ))
            } else if !a.has("why") {
                Some(
                    StepSpec::new(
                        "why",
                        "Why?",
                        InputKind::Text {
                            multiline: false,
                            max_chars: 20,
                        },
                    )
                    .optional(),
                )
            } else {
                None
            })
        }
        fn total_steps(&self, _: &Answers) -> u32 {
            2
        }
        fn summary(&self, a: &Answers) -> Result<SummaryParts> {
            let mut p = SummaryParts {
                headline: Some(format!("Mood {}", a.scale("mood").unwrap_or(-1))),
                ..Default::default()
            };
            p.item("Why", a.text("why").unwrap_or("-"));
            Ok(p)
        }
        fn save(&self, tx: &Transaction, _: Moment, a: &Answers) -> Result<String> {
            tx.execute("CREATE TABLE IF NOT EXISTS tiny(v INTEGER)", [])?;
            tx.execute("INSERT INTO tiny VALUES (?1)", [a.scale("mood")])?;
            Ok("saved".into())
        }
    }

    fn start_tiny(c: &WellbeingStore) -> (String, FlowProgress) {
        c.begin(Box::new(Tiny)).unwrap()
    }

    fn step(p: FlowProgress) -> Step {
        match p {
            FlowProgress::Next { step } => step,
            other => panic!("expected a step, got {other:?}"),
        }
    }

    #[test]
    fn walk_back_and_complete() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, p) = start_tiny(&c);
        let s = step(p);
        assert_eq!(
            (s.step_id.as_str(), s.position, s.total, s.can_go_back),
            ("mood", 1, 2, false)
        );
        let s = step(
            c.answer_flow(id.clone(), Answer::Scale { value: 7 })
                .unwrap(),
        );
        assert_eq!(s.step_id, "why");
        assert!(s.can_go_back && s.optional);
        // Back offers the earlier answer again.
        let s = step(c.flow_back(id.clone()).unwrap());
        assert_eq!(s.step_id, "mood");
        assert_eq!(s.previous_answer, Some(Answer::Scale { value: 7 }));
        assert!(matches!(
            c.flow_back(id.clone()),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        c.answer_flow(id.clone(), Answer::Scale { value: 4 })
            .unwrap();
        match c
            .answer_flow(
                id.clone(),
                Answer::Text {
                    text: "  tired ".into(),
                },
            )
            .unwrap()
        {
            FlowProgress::Complete { summary } => {
                assert_eq!(summary.headline.as_deref(), Some("Mood 4"));
                assert_eq!(summary.items[0].value, "tired");
                assert!(summary.text.contains("Why: tired"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            c.answer_flow(id.clone(), Answer::Skip),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        let saved = c.save_flow(id.clone()).unwrap();
        assert_eq!(saved.record_id, "saved");
        let n: i64 = c
            .read(|c| Ok(c.query_row("SELECT v FROM tiny", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 4);
        assert!(matches!(
            c.flow_progress(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn invalid_answers_leave_the_flow_in_place() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, _) = start_tiny(&c);
        for bad in [
            Answer::Scale { value: 11 },
            Answer::Scale { value: -1 },
            Answer::Skip,
            Answer::Text { text: "x".into() },
            Answer::Continue,
        ] {
            match c.answer_flow(id.clone(), bad.clone()) {
                Err(WellbeingError::InvalidInput { field, .. }) => assert_eq!(field, "mood"),
                other => panic!("{bad:?} gave {other:?}"),
            }
            assert_eq!(step(c.flow_progress(id.clone()).unwrap()).step_id, "mood");
        }
        c.answer_flow(id.clone(), Answer::Scale { value: 0 })
            .unwrap();
        assert!(c
            .answer_flow(
                id.clone(),
                Answer::Text {
                    text: "x".repeat(21)
                }
            )
            .is_err());
        // A blank optional text is a skip.
        assert!(matches!(
            c.answer_flow(id.clone(), Answer::Text { text: "   ".into() })
                .unwrap(),
            FlowProgress::Complete { .. }
        ));
        assert!(matches!(
            c.save_flow("nope".into()),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn discard_stores_nothing() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let (id, _) = start_tiny(&c);
        c.answer_flow(id.clone(), Answer::Scale { value: 3 })
            .unwrap();
        assert!(matches!(
            c.save_flow(id.clone()),
            Err(WellbeingError::OutOfOrder { .. })
        ));
        c.discard_flow(id.clone()).unwrap();
        let exists: i64 = c
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name='tiny'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(exists, 0);
        assert!(matches!(
            c.discard_flow(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn choice_rules() {
        let choices = vec![
            ChoiceOption {
                id: "a".into(),
                label: "A".into(),
                help: None,
            },
            ChoiceOption {
                id: "b".into(),
                label: "B".into(),
                help: None,
            },
            ChoiceOption {
                id: "c".into(),
                label: "C".into(),
                help: None,
            },
        ];
        let single = StepSpec::new(
            "s",
            "?",
            InputKind::Choice {
                choices: choices.clone(),
                multiple: false,
                min_selected: 1,
                max_selected: 1,
            },
        );
        let multi = StepSpec::new(
            "m",
            "?",
            InputKind::Choice {
                choices,
                multiple: true,
                min_selected: 1,
                max_selected: 2,
            },
        );
        let ids = |v: &[&str]| Answer::Choices {
            ids: v.iter().map(|s| s.to_string()).collect(),
        };
        assert!(validate_answer(&single, &ids(&["a"])).is_ok());
        assert!(validate_answer(&single, &ids(&["a", "b"])).is_err());
        assert!(validate_answer(&single, &ids(&["z"])).is_err());
        assert!(validate_answer(&single, &ids(&[])).is_err());
        assert!(validate_answer(&multi, &ids(&["a", "b"])).is_ok());
        assert!(validate_answer(&multi, &ids(&["a", "a"])).is_err());
        assert!(validate_answer(&multi, &ids(&["a", "b", "c"])).is_err());
        let list = StepSpec::new(
            "l",
            "?",
            InputKind::TextList {
                max_items: 2,
                max_chars: 5,
            },
        );
        assert_eq!(
            validate_answer(
                &list,
                &Answer::TextList {
                    items: vec![" x ".into(), "".into()]
                }
            )
            .unwrap(),
            Answer::TextList {
                items: vec!["x".into()]
            }
        );
        assert!(validate_answer(&list, &Answer::TextList { items: vec![] }).is_err());
        assert!(validate_answer(
            &list,
            &Answer::TextList {
                items: vec!["a".into(), "b".into(), "c".into()]
            }
        )
        .is_err());
    }

    #[test]
    fn flows_only_in_memory_are_bounded_by_an_error_never_dropped() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let first = start_tiny(&c).0;
        for _ in 1..MAX_OPEN_FLOWS {
            start_tiny(&c);
        }
        match c.begin(Box::new(Tiny)) {
            Err(Error::Invalid { rule, limit, .. }) => {
                assert_eq!(rule, RuleCode::TooManyOpenFlows);
                assert_eq!(limit, Some(MAX_OPEN_FLOWS as i64));
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        // The first is still there, and closing one makes room.
        assert!(c.flow_progress(first.clone()).is_ok());
        c.discard_flow(first).unwrap();
        assert!(c.begin(Box::new(Tiny)).is_ok());
    }

    fn file_store(dir: &tempfile::TempDir) -> std::sync::Arc<WellbeingStore> {
        WellbeingStore::open(dir.path().join("p.db").display().to_string()).unwrap()
    }

    #[test]
    fn answers_and_back_survive_dropping_the_handle() {
        let dir = tempfile::tempdir().unwrap();
        let c = file_store(&dir);
        let s = step(c.start_flow("five-areas".into(), None).unwrap());
        assert_eq!(s.persistence, Persistence::Stored);
        let id = s.flow_id.clone();
        // Nothing answered: nothing stored.
        assert!(c.list_drafts().unwrap().is_empty());
        c.answer_flow(id.clone(), Answer::Continue).unwrap();
        c.answer_flow(
            id.clone(),
            Answer::Text {
                text: "Argument with my sister".into(),
            },
        )
        .unwrap();
        let at = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["She hates me".into()],
                },
            )
            .unwrap(),
        );
        // Back once: the thoughts are offered again.
        let back = step(c.flow_back(id.clone()).unwrap());
        assert_eq!(back.step_id, "thoughts");
        drop(c);

        let c = file_store(&dir);
        let drafts = c.list_drafts().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(
            (drafts[0].flow_id.as_str(), drafts[0].answered),
            (id.as_str(), 2)
        );
        let again = step(c.resume_flow(id.clone()).unwrap());
        assert_eq!(again, back, "same step, same answers, same back history");
        // Answering the same again carries on where the first walk was.
        let next = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["She hates me".into()],
                },
            )
            .unwrap(),
        );
        assert_eq!(
            (next.step_id.as_str(), next.position),
            (at.step_id.as_str(), at.position)
        );
        // Discarding deletes the row.
        drop(c);
        let c = file_store(&dir);
        c.discard_flow(id.clone()).unwrap();
        assert!(c.list_drafts().unwrap().is_empty());
        assert!(matches!(
            c.resume_flow(id),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    #[test]
    fn saving_deletes_the_draft_and_stored_flows_reload_past_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let c = file_store(&dir);
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        let id = s.flow_id;
        c.answer_flow(id.clone(), Answer::Scale { value: 6 })
            .unwrap();
        // Fill the cache with stored flows: the first is dropped from memory, never lost.
        for _ in 0..MAX_OPEN_FLOWS + 3 {
            let o = step(c.start_flow("checkin".into(), None).unwrap());
            c.answer_flow(o.flow_id, Answer::Scale { value: 1 })
                .unwrap();
        }
        assert!(c.flows().open.len() <= MAX_OPEN_FLOWS);
        let s = step(c.resume_flow(id.clone()).unwrap());
        assert_eq!((s.step_id.as_str(), s.position), ("note", 2));
        c.answer_flow(id.clone(), Answer::Skip).unwrap();
        c.answer_flow(id.clone(), Answer::Skip).unwrap(); // feeling words
        c.save_flow(id.clone()).unwrap();
        assert!(c.list_drafts().unwrap().iter().all(|d| d.flow_id != id));
        assert_eq!(c.list_drafts().unwrap().len(), MAX_OPEN_FLOWS + 3);
    }

    #[test]
    fn conversation_mode_writes_no_draft_but_lists_open_flows() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        assert_eq!(s.persistence, Persistence::ConversationOnly);
        c.answer_flow(s.flow_id.clone(), Answer::Scale { value: 3 })
            .unwrap();
        let rows: i64 = c
            .read(|c| Ok(c.query_row("SELECT count(*) FROM flow_drafts", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(rows, 0);
        let d = c.list_drafts().unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].flow_id.as_str(), d[0].persistence),
            (s.flow_id.as_str(), Persistence::ConversationOnly)
        );
    }

    #[test]
    fn a_bad_list_item_is_named_and_the_good_ones_are_offered_again() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("five-areas".into(), None).unwrap());
        let id = s.flow_id;
        c.answer_flow(id.clone(), Answer::Continue).unwrap();
        c.answer_flow(
            id.clone(),
            Answer::Text {
                text: "At work".into(),
            },
        )
        .unwrap();
        let feelings = step(
            c.answer_flow(
                id.clone(),
                Answer::TextList {
                    items: vec!["I will fail".into()],
                },
            )
            .unwrap(),
        );
        let InputKind::TextList { max_chars, .. } = feelings.input else {
            panic!("{feelings:?}")
        };
        let max = max_chars as usize;
        let r = c.answer_flow(
            id.clone(),
            Answer::TextList {
                items: vec![
                    "scared".into(),
                    "".into(),
                    "x".repeat(max + 1),
                    " tired ".into(),
                ],
            },
        );
        match r {
            Err(WellbeingError::InvalidInput {
                field,
                rule,
                limit,
                item_index,
                reason,
            }) => {
                assert_eq!(field, "feelings");
                assert_eq!(
                    (rule, limit, item_index),
                    (RuleCode::TooLong, Some(max as i64), Some(2))
                );
                assert!(
                    reason.contains(&max.to_string()) && !reason.contains('x'),
                    "{reason}"
                );
            }
            other => panic!("{other:?}"),
        }
        let again = step(c.flow_progress(id).unwrap());
        assert_eq!(again.step_id, "feelings");
        assert_eq!(
            again.previous_answer,
            Some(Answer::TextList {
                items: vec!["scared".into(), "tired".into()]
            })
        );
    }

    #[test]
    fn steps_carry_their_accessible_label_and_hint() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let s = step(c.start_flow("checkin".into(), None).unwrap());
        assert!(
            s.accessibility_label.starts_with(s.prompt.trim()),
            "{}",
            s.accessibility_label
        );
        assert!(
            s.accessibility_label.contains("from 0, Very low, to 10"),
            "{}",
            s.accessibility_label
        );
        assert_eq!(
            s.accessibility_hint,
            "Swipe up or down to change the number"
        );
        let s = step(
            c.answer_flow(s.flow_id, Answer::Scale { value: 5 })
                .unwrap(),
        );
        assert!(
            s.accessibility_label.contains("4000 characters"),
            "{}",
            s.accessibility_label
        );
        assert!(
            s.accessibility_label.ends_with("optional"),
            "{}",
            s.accessibility_label
        );
        assert!(!s.accessibility_hint.contains('{'));
    }

    use crate::WellbeingError;
}
