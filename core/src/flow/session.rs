//! The engine: an open flow (its answers, its "back" history, the draft row it is kept in),
//! and the bounded set of open flows a store holds in memory.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::crisis::Audience;
use crate::error::{Error, Result};
use crate::ids::Profile;
use crate::rules::{RuleCode, MAX_OPEN_FLOWS};

use super::check::{accessibility, good_items, validate_answer};
use super::types::{
    Answer, Answers, DraftInfo, FlowDef, FlowProgress, FlowSummary, Persistence, Step, StepSpec,
    SummaryParts,
};

/// The table open flows are kept in between calls (and app restarts).
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

pub(crate) struct Session {
    pub(crate) def: Box<dyn FlowDef>,
    pub(crate) answers: Answers,
    /// Answers undone with "back", offered again as the previous answer.
    pub(crate) undone: Vec<(String, Answer)>,
    /// The good items of a list answer refused for one bad item, offered again on that step.
    pub(crate) kept: Option<(String, Answer)>,
    /// True once the flow has a row in `flow_drafts` (the row's id is the flow id).
    pub(crate) stored: bool,
    /// Local "YYYY-MM-DD HH:MM" and UTC ms of the last answer or back.
    pub(crate) updated: String,
    pub(crate) updated_ms: i64,
    pub(crate) touched: u64,
}

/// What `flow_drafts.answers` holds: the answers and the "back" history. Drafts written
/// before the history was kept are a bare list of answers, read as one with no history.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum DraftState {
    Now {
        answers: Answers,
        undone: Vec<(String, Answer)>,
    },
    Before(Answers),
}

#[derive(Default)]
pub(crate) struct Sessions {
    pub(crate) open: HashMap<String, Session>,
    pub(crate) counter: u64,
}

impl Sessions {
    /// Keeps `s` in memory. Past the limit, the least recently used *stored* flow is dropped
    /// (it loads again from its row); if every open flow lives in memory only, nothing is
    /// dropped and the caller is told.
    pub(crate) fn insert(&mut self, id: String, mut s: Session) -> Result<()> {
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

/// A summary's plain text (to print, keep or hand over), drawn from its title and parts.
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

impl FlowSummary {
    /// Draws `text` again from the summary's own fields, after a layer above the flow engine
    /// changed them (the young people's title, the school's lines, a summary unpacked from a
    /// handoff code), so the text never says other than the fields.
    pub(crate) fn redraw_text(&mut self) {
        let parts = SummaryParts {
            headline: self.headline.clone(),
            items: self.items.clone(),
            flags: self.flags.clone(),
            advice: self.advice.clone(),
        };
        self.text = render_text(&self.title, &parts);
    }
}

impl Session {
    pub(crate) fn step(
        &self,
        flow_id: &str,
        spec: StepSpec,
        persistence: Persistence,
    ) -> Result<Step> {
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

    pub(crate) fn progress(
        &self,
        flow_id: &str,
        persistence: Persistence,
        profile: Profile,
    ) -> Result<FlowProgress> {
        match self.def.next_step(&self.answers)? {
            Some(spec) => Ok(FlowProgress::Next {
                step: self.step(flow_id, spec, persistence)?,
            }),
            None => Ok(FlowProgress::Complete {
                summary: self.summary(flow_id, persistence, profile)?,
            }),
        }
    }

    /// The summary of the answers so far; its safety notice as `profile` sees it.
    pub(crate) fn summary(
        &self,
        flow_id: &str,
        persistence: Persistence,
        profile: Profile,
    ) -> Result<FlowSummary> {
        let parts = self.def.summary(&self.answers)?;
        let title = self.def.title();
        // In conversation mode a staff member is with the person: the notice guides them too.
        let audience = match persistence {
            Persistence::Stored => Audience::Person,
            Persistence::ConversationOnly => Audience::Staff,
        };
        Ok(FlowSummary {
            safety: crate::crisis::notice_for(&parts.flags, audience, profile),
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

    pub(crate) fn answer(&mut self, answer: &Answer) -> Result<()> {
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

    pub(crate) fn back(&mut self) -> Result<()> {
        let last = self
            .answers
            .0
            .pop()
            .ok_or_else(|| Error::out_of_order("this is the first step"))?;
        self.kept = None;
        self.undone.push(last);
        Ok(())
    }

    pub(crate) fn info(&self, flow_id: &str, persistence: Persistence) -> DraftInfo {
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
