//! Guided flows: every tool can be walked through one step at a time.
//!
//! A tool describes itself as a [`FlowDef`]: given the answers so far it names the next
//! [`StepSpec`] (or none, when complete), builds a summary, and saves. The engine here does
//! the rest for every tool alike: validates each answer against the step's input kind,
//! keeps the answers, goes back, completes, saves or discards, and keeps drafts. So a new
//! tool needs no shell code: one step screen per shell draws every flow.
//!
//! Flows live in memory until saved; nothing is written unless the person chooses to
//! (conversation mode). A draft is the flow's answers, written on request and resumed later.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::error::{ApiResult, Error, Result};
use crate::ids::{SafetyFlagCode, ToolGroup, ToolId};
use crate::validate;
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

/// How many flows may be open at once; the oldest untouched one is dropped past this, so an
/// abandoned walk-through cannot grow memory without bound.
const MAX_OPEN_FLOWS: usize = 64;

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
    /// The earlier answer to this step when the person came back to it.
    pub previous_answer: Option<Answer>,
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

/// A stored draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DraftInfo {
    pub id: String,
    pub tool: ToolId,
    pub title: String,
    pub answered: u32,
    /// Local date and time last saved, "YYYY-MM-DD HH:MM".
    pub updated: String,
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
    draft_id: Option<String>,
    touched: u64,
}

#[derive(Default)]
pub(crate) struct Sessions {
    open: HashMap<String, Session>,
    counter: u64,
}

impl Sessions {
    fn insert(&mut self, id: String, mut s: Session) {
        self.counter += 1;
        s.touched = self.counter;
        if self.open.len() >= MAX_OPEN_FLOWS {
            if let Some(oldest) = self
                .open
                .iter()
                .min_by_key(|(_, s)| s.touched)
                .map(|(k, _)| k.clone())
            {
                self.open.remove(&oldest);
            }
        }
        self.open.insert(id, s);
    }
    fn get(&mut self, id: &str) -> Result<&mut Session> {
        self.counter += 1;
        let c = self.counter;
        let id = validate::id_arg("flow", id)?;
        let s = self
            .open
            .get_mut(&id)
            .ok_or_else(|| Error::not_found("flow", id))?;
        s.touched = c;
        Ok(s)
    }
}

/// Checks `answer` against the step and returns it normalised (texts trimmed).
pub(crate) fn validate_answer(step: &StepSpec, answer: &Answer) -> Result<Answer> {
    let field = step.id.as_str();
    let kind_err = |want: &str| Error::invalid(field, format!("expects {want}"));
    match (&step.input, answer) {
        (_, Answer::Skip) if step.optional => Ok(Answer::Skip),
        (InputKind::Info, Answer::Continue) => Ok(Answer::Continue),
        (_, Answer::Skip) => Err(Error::invalid(field, "is required")),
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
            for id in ids {
                if !choices.iter().any(|c| &c.id == id) {
                    return Err(Error::invalid(
                        field,
                        "has a choice that is not on the list",
                    ));
                }
            }
            let mut seen = ids.clone();
            seen.sort();
            seen.dedup();
            if seen.len() != ids.len() {
                return Err(Error::invalid(field, "has the same choice twice"));
            }
            let n = ids.len() as u32;
            if !*multiple && n != 1 {
                return Err(Error::invalid(field, "needs exactly one choice"));
            }
            if *multiple && (n < *min_selected || n > *max_selected) {
                return Err(Error::invalid(
                    field,
                    format!("needs between {min_selected} and {max_selected} choices"),
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
            let kept: Vec<String> = items
                .iter()
                .filter(|i| !i.trim().is_empty())
                .cloned()
                .collect();
            let items =
                validate::text_list(field, &kept, *max_items as usize, *max_chars as usize)?;
            if items.is_empty() && !step.optional {
                return Err(Error::invalid(field, "needs at least one item"));
            }
            Ok(if items.is_empty() {
                Answer::Skip
            } else {
                Answer::TextList { items }
            })
        }
        (InputKind::Scale { .. }, _) => Err(kind_err("a number on the scale")),
        (InputKind::Choice { .. }, _) => Err(kind_err("a choice")),
        (InputKind::Text { .. }, _) => Err(kind_err("text")),
        (InputKind::TextList { .. }, _) => Err(kind_err("a list")),
        (InputKind::Info, _) => Err(kind_err("continue")),
    }
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
    fn step(&self, flow_id: &str, spec: StepSpec) -> Step {
        let previous_answer = self
            .undone
            .last()
            .filter(|(id, _)| *id == spec.id)
            .map(|(_, a)| a.clone());
        let position = self.answers.len() as u32 + 1;
        Step {
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
        }
    }

    fn progress(&self, flow_id: &str) -> Result<FlowProgress> {
        match self.def.next_step(&self.answers)? {
            Some(spec) => Ok(FlowProgress::Next {
                step: self.step(flow_id, spec),
            }),
            None => Ok(FlowProgress::Complete {
                summary: self.summary(flow_id)?,
            }),
        }
    }

    fn summary(&self, flow_id: &str) -> Result<FlowSummary> {
        let parts = self.def.summary(&self.answers)?;
        let title = self.def.title();
        Ok(FlowSummary {
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
            .ok_or_else(|| Error::state("this flow is complete: save or discard it"))?;
        let normal = validate_answer(&spec, answer)?;
        self.def.check(&spec, &normal, &self.answers)?;
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
}

fn draft_title(tool: ToolId) -> String {
    all_tools()
        .into_iter()
        .find(|t| t.id == tool)
        .map(|t| t.title)
        .unwrap_or_else(|| tool.to_string())
}

impl WellbeingStore {
    fn session<T>(&self, flow_id: &str, f: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        let mut sessions = self.flows();
        let s = sessions.get(flow_id)?;
        f(s)
    }

    fn begin(
        &self,
        def: Box<dyn FlowDef>,
        answers: Answers,
        draft_id: Option<String>,
    ) -> Result<(String, FlowProgress)> {
        let flow_id = validate::new_id();
        let mut session = Session {
            def,
            answers: Answers::default(),
            undone: vec![],
            draft_id,
            touched: 0,
        };
        // Replay through the same checks as live answers: content may have changed since a
        // draft was saved; replay stops at the first answer that no longer fits.
        for (_, a) in answers.0 {
            if session.answer(&a).is_err() {
                break;
            }
        }
        let progress = session.progress(&flow_id)?;
        self.flows().insert(flow_id.clone(), session);
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
    pub fn start_flow(&self, tool: ToolId, subject_id: Option<String>) -> ApiResult<FlowProgress> {
        let now = self.now();
        let def = self.read(|c| make_flow(tool.as_str(), subject_id.as_deref(), c, now))?;
        Ok(self.begin(def, Answers::default(), None)?.1)
    }

    /// Answers the current step. An invalid answer returns an error and leaves the flow
    /// where it was.
    pub fn answer_flow(&self, flow_id: String, answer: Answer) -> ApiResult<FlowProgress> {
        Ok(self.session(&flow_id, |s| {
            s.answer(&answer)?;
            s.progress(&flow_id)
        })?)
    }

    /// Goes back one step, offering the earlier answer again.
    pub fn flow_back(&self, flow_id: String) -> ApiResult<FlowProgress> {
        Ok(self.session(&flow_id, |s| {
            let last = s
                .answers
                .0
                .pop()
                .ok_or_else(|| Error::state("this is the first step"))?;
            s.undone.push(last);
            s.progress(&flow_id)
        })?)
    }

    /// The flow's current step or, when complete, its summary.
    pub fn flow_progress(&self, flow_id: String) -> ApiResult<FlowProgress> {
        Ok(self.session(&flow_id, |s| s.progress(&flow_id))?)
    }

    /// Stores a complete flow's result and closes the flow (and any draft it came from).
    pub fn save_flow(&self, flow_id: String) -> ApiResult<SavedFlow> {
        let now = self.now();
        let mut sessions = self.flows();
        let s = sessions.get(&flow_id)?;
        if s.def.next_step(&s.answers)?.is_some() {
            return Err(Error::state("this flow is not complete yet").into());
        }
        let summary = s.summary(&flow_id)?;
        let record_id = self.write(|tx| {
            let id = s.def.save(tx, now, &s.answers)?;
            if let Some(d) = &s.draft_id {
                tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [d])?;
            }
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

    /// Closes a flow storing nothing. A draft it was resumed from is deleted too: discarding
    /// means letting it go.
    pub fn discard_flow(&self, flow_id: String) -> ApiResult<()> {
        let mut sessions = self.flows();
        let id = validate::id_arg("flow", &flow_id)?;
        let s = sessions
            .open
            .remove(&id)
            .ok_or_else(|| Error::not_found("flow", &id))?;
        if let Some(d) = s.draft_id {
            self.write(|tx| Ok(tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&d])?))?;
        }
        Ok(())
    }

    /// Writes the flow's answers so far as a draft (updating its draft if it has one). The
    /// flow stays open.
    pub fn save_flow_draft(&self, flow_id: String) -> ApiResult<DraftInfo> {
        let now = self.now();
        let mut sessions = self.flows();
        let s = sessions.get(&flow_id)?;
        let json = serde_json::to_string(&s.answers).map_err(Error::from)?;
        let id = s.draft_id.clone().unwrap_or_else(validate::new_id);
        let updated = format!("{} {}", now.date_string(), now.time_string());
        let tool = s.def.tool();
        let subject = s.def.subject_id();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO flow_drafts (id, tool, subject_id, answers, created_utc_ms, updated_utc_ms, updated_local)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)
                 ON CONFLICT(id) DO UPDATE SET answers = excluded.answers,
                    updated_utc_ms = excluded.updated_utc_ms, updated_local = excluded.updated_local",
                params![id, tool.as_str(), subject, json, now.utc_ms, updated],
            )?;
            Ok(())
        })?;
        s.draft_id = Some(id.clone());
        Ok(DraftInfo {
            id,
            title: s.def.title(),
            tool,
            answered: s.answers.len() as u32,
            updated,
        })
    }

    /// Stored drafts, most recently saved first.
    pub fn list_drafts(&self) -> ApiResult<Vec<DraftInfo>> {
        Ok(self.read(|c| {
            let mut st = c.prepare("SELECT id, tool, answers, updated_local FROM flow_drafts ORDER BY updated_utc_ms DESC, id")?;
            let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?;
            let mut out = vec![];
            for row in rows {
                let (id, tool, answers, updated) = row?;
                // A draft of a tool this build does not offer cannot be resumed: it is left
                // in place (a later build may know it) and not listed.
                let Some(tool) = ToolId::parse(&tool) else { continue };
                let answered = serde_json::from_str::<Answers>(&answers).map(|a| a.len() as u32).unwrap_or(0);
                out.push(DraftInfo { id, title: draft_title(tool), tool, answered, updated });
            }
            Ok(out)
        })?)
    }

    /// Reopens a draft as a live flow at the step where it was left.
    pub fn resume_draft(&self, draft_id: String) -> ApiResult<FlowProgress> {
        let now = self.now();
        let id = validate::id_arg("draft", &draft_id)?;
        let (def, answers) = self.read(|c| {
            let row: Option<(String, Option<String>, String)> = c
                .query_row(
                    "SELECT tool, subject_id, answers FROM flow_drafts WHERE id = ?1",
                    [&id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (tool, subject, answers) = row.ok_or_else(|| Error::not_found("draft", &id))?;
            let answers: Answers = serde_json::from_str(&answers)?;
            Ok((make_flow(&tool, subject.as_deref(), c, now)?, answers))
        })?;
        Ok(self.begin(def, answers, Some(id))?.1)
    }

    /// Deletes a stored draft.
    pub fn delete_draft(&self, draft_id: String) -> ApiResult<()> {
        let id = validate::id_arg("draft", &draft_id)?;
        let n = self.write(|tx| Ok(tx.execute("DELETE FROM flow_drafts WHERE id = ?1", [&id])?))?;
        if n == 0 {
            return Err(Error::not_found("draft", &id).into());
        }
        Ok(())
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
        c.begin(Box::new(Tiny), Answers::default(), None).unwrap()
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
            Err(WellbeingError::InvalidState { .. })
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
            Err(WellbeingError::InvalidState { .. })
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
            Err(WellbeingError::InvalidState { .. })
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
    fn open_flows_are_bounded() {
        let c = WellbeingStore::open_in_memory().unwrap();
        let first = start_tiny(&c).0;
        for _ in 0..MAX_OPEN_FLOWS {
            start_tiny(&c);
        }
        assert!(matches!(
            c.flow_progress(first),
            Err(WellbeingError::NotFound { .. })
        ));
    }

    use crate::WellbeingError;
}
