//! Unhelpful thinking styles (Connect 5; CBT thinking traps) and the thought record.
//!
//! Three parts, each usable alone:
//! - the **catalogue** of fifteen styles, each with balancing questions
//!   ([`thinking_styles`]);
//! - **prompts**: [`suggest_thinking_styles`] reads a thought and says which styles it
//!   *might* show and which words suggested them. Pure, no storage: a shell can call it as the
//!   person types. The rules are content data (see `suggest.rs`);
//! - the **thought record**: situation, feelings rated 0–100, the thought, the styles noticed,
//!   evidence for and against, a balanced thought and the feelings rated again. Stored, with
//!   a history page, and walked through by the guided flow `thought-record`.
//!
//! A record is read and written whole, so its lists (feelings, styles, evidence) are JSON in
//! its row: no query looks inside them.
//!
//! The balanced thought is optional in a record (someone may save what they noticed and come
//! back later) but asked for in the guided flow, where finding it is the point.

// These imports are also the shared prelude of the submodules (each starts `use super::*`).
use std::sync::OnceLock;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{self, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::flow::{
    Answer, Answers, ChoiceOption, FlowDef, InputKind, ScaleAnchor, StepSpec, SummaryParts,
    ToolInfo, ToolModule,
};
use crate::rules::{LONG_TEXT, MAX_LIST_ITEMS};
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE thinking_styles_records (
    id TEXT PRIMARY KEY NOT NULL,
    situation TEXT NOT NULL,
    emotions TEXT NOT NULL,
    thought TEXT NOT NULL,
    styles TEXT NOT NULL,
    evidence_for TEXT NOT NULL,
    evidence_against TEXT NOT NULL,
    balanced_thought TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX thinking_styles_records_date ON thinking_styles_records(local_date);
CREATE INDEX thinking_styles_records_time ON thinking_styles_records(utc_ms);
";

pub(crate) const TOOL: &str = "thought-record";

/// Most feelings on one record: each asks for its own rating in the flow.
const MAX_EMOTIONS: usize = 10;
/// Longest feeling name: a word or two.
const EMOTION_NAME_MAX: usize = 60;
/// Longest piece of evidence: a sentence or two.
const EVIDENCE_MAX: usize = 500;
/// How many records the history chart covers.
const CHART_POINTS: u32 = 20;
const MAX_PAGE: u32 = 100;

// content: wording and catalogue; suggest: prompts; store: SQL and views; flows: guided flow.
mod content;
mod flows;
mod store;
mod suggest;

use content::*;
use store::*;

pub(crate) use flows::MODULE;
#[allow(unused_imports)] // called by the today/week views
pub(crate) use store::{check_stored, count_between, counts_by_day, items_between, latest};

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

crate::content::words_record! {
    /// One unhelpful thinking style of the catalogue.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[cfg_attr(feature = "ffi", derive(uniffi::Record))]
    pub struct ThinkingStyle {
        /// Stable id, e.g. "mind-reading".
        pub id: String,
        pub name: String,
        /// Other names people may know it by.
        pub aliases: Vec<String>,
        pub description: String,
        pub example: String,
        /// Questions that help step back from the thought (two or more).
        pub balancing_questions: Vec<String>,
        /// Source keys (CONTENT.md), e.g. "T1".
        pub sources: Vec<String>,
    }
}

/// Words of a thought that suggested a style. Offsets are into the thought as given,
/// start inclusive, end exclusive: `start`/`end` count Unicode characters (Rust `chars`),
/// `start_utf16`/`end_utf16` count UTF-16 units (Kotlin and Swift `NSString` indices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThinkingStyleMatch {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub start_utf16: u32,
    pub end_utf16: u32,
}

/// A style a thought might show. Never a verdict: `wording` says "might".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThinkingStyleSuggestion {
    pub style_id: String,
    pub style_name: String,
    /// How much in the words points this way (for ordering; higher is more).
    pub strength: u32,
    /// The words that suggested it, in text order.
    pub matches: Vec<ThinkingStyleMatch>,
    /// "This might be an example of mind reading (“they think I”) — you could ask
    /// yourself: …".
    pub wording: String,
    pub balancing_questions: Vec<String>,
}

/// A feeling on a thought record: how strong before (0–100) and, optionally, after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecordEmotion {
    pub name: String,
    pub intensity: i32,
    /// Rated again after the balanced thought, 0–100.
    pub rerated: Option<i32>,
}

/// A thought record to create or replace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecordInput {
    /// "YYYY-MM-DD" and "HH:MM" it happened; now when left out (on update: unchanged).
    pub date: Option<String>,
    pub time: Option<String>,
    pub situation: String,
    /// One to ten, each named once.
    pub emotions: Vec<ThoughtRecordEmotion>,
    pub thought: String,
    /// Catalogue ids of the styles noticed, each once; may be empty.
    pub styles: Vec<String>,
    pub evidence_for: Vec<String>,
    pub evidence_against: Vec<String>,
    pub balanced_thought: Option<String>,
}

/// A style noticed on a record, with its name to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecordStyle {
    pub id: String,
    pub name: String,
}

/// A stored thought record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecord {
    pub id: String,
    pub date: String,
    pub time: String,
    /// "Fri 20 Nov".
    pub date_label: String,
    pub situation: String,
    pub emotions: Vec<ThoughtRecordEmotion>,
    pub thought: String,
    pub styles: Vec<ThoughtRecordStyle>,
    pub evidence_for: Vec<String>,
    pub evidence_against: Vec<String>,
    pub balanced_thought: Option<String>,
}

/// A line of the history list, made for drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecordListItem {
    pub id: String,
    pub date: String,
    pub time: String,
    pub date_label: String,
    pub thought: String,
    pub style_names: Vec<String>,
    pub emotions: Vec<ThoughtRecordEmotion>,
    /// "anxious 80 → 40" per feeling, in the person's order.
    pub emotion_lines: Vec<String>,
    /// The feeling that was strongest before (first of equals).
    pub strongest: Option<ThoughtRecordEmotion>,
    /// after − before for that feeling, when rated again (negative: it eased).
    pub change: Option<i32>,
    pub has_balanced_thought: bool,
}

/// The history screen: records newest first, with the before/after chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ThoughtRecordHistoryPage {
    pub items: Vec<ThoughtRecordListItem>,
    pub total: u32,
    pub offset: u32,
    pub limit: u32,
    pub has_more: bool,
    /// Over the last 20 records, oldest first: "before" (strongest feeling, 0–100), "after"
    /// (that feeling rated again, 0–100, empty when not rated) and "change" (after − before,
    /// −100–100).
    pub charts: Vec<ChartSeries>,
    /// Shown when there is nothing yet.
    pub empty_text: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

/// The catalogue of unhelpful thinking styles, in the order to show them.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn thinking_styles() -> Vec<ThinkingStyle> {
    content()
        .map(|c| c.styles.iter().map(public_style).collect())
        .unwrap_or_default()
}

/// Styles `thought` might show, strongest first, each with the words that suggested it.
/// Empty when nothing stands out. Pure: nothing is stored, any text is safe to pass, and only
/// the first 10,000 characters are read.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn suggest_thinking_styles(thought: String) -> Vec<ThinkingStyleSuggestion> {
    suggest::suggest(&thought)
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Stores a new thought record.
    pub fn thought_record_create(&self, record: ThoughtRecordInput) -> ApiResult<ThoughtRecord> {
        let r = check_record(&record)?;
        let now = self.now();
        let when = Moment::from_local_parts(now, record.date.as_deref(), record.time.as_deref())?;
        let id = validate::new_id();
        Ok(self.write(|tx| {
            write_record(tx, &id, when, now, &r)?;
            load(tx, &id)
        })?)
    }

    /// Replaces a record's content. Its date and time stay unless given.
    pub fn thought_record_update(
        &self,
        id: String,
        record: ThoughtRecordInput,
    ) -> ApiResult<ThoughtRecord> {
        let id = validate::id_arg("thought record", &id)?;
        let r = check_record(&record)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let stored = existing(tx, &id)?;
            let when = if record.date.is_none() && record.time.is_none() {
                stored
            } else {
                Moment::from_local_parts(now, record.date.as_deref(), record.time.as_deref())?
            };
            write_record(tx, &id, when, now, &r)?;
            load(tx, &id)
        })?)
    }

    /// One thought record.
    pub fn thought_record_get(&self, id: String) -> ApiResult<ThoughtRecord> {
        let id = validate::id_arg("thought record", &id)?;
        Ok(self.read(|c| load(c, &id))?)
    }

    /// Deletes a thought record for good.
    pub fn thought_record_delete(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("thought record", &id)?;
        let n = self.write(|tx| {
            Ok(tx.execute("DELETE FROM thinking_styles_records WHERE id = ?1", [&id])?)
        })?;
        if n == 0 {
            return Err(Error::not_found("thought record", &id).into());
        }
        Ok(())
    }

    /// Whole records, newest first, `limit` (1–100) from `offset`.
    pub fn thought_records(&self, offset: u32, limit: u32) -> ApiResult<Vec<ThoughtRecord>> {
        validate::in_range("limit", limit as i64, 1, MAX_PAGE as i64)?;
        Ok(self.read(|c| list_records(c, offset, limit))?)
    }

    /// The history page: list lines newest first, `limit` (1–100) from `offset`, and the
    /// before/after chart.
    pub fn thought_record_history(
        &self,
        offset: u32,
        limit: u32,
    ) -> ApiResult<ThoughtRecordHistoryPage> {
        validate::in_range("limit", limit as i64, 1, MAX_PAGE as i64)?;
        Ok(self.read(|c| history(c, offset, limit))?)
    }
}

// ---------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------

/// A record's content after validation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Checked {
    pub(super) situation: String,
    pub(super) emotions: Vec<ThoughtRecordEmotion>,
    pub(super) thought: String,
    pub(super) styles: Vec<String>,
    pub(super) evidence_for: Vec<String>,
    pub(super) evidence_against: Vec<String>,
    pub(super) balanced_thought: Option<String>,
}

/// Feeling names: one to ten, each a word or two on one line, no name twice (ignoring case).
pub(super) fn emotion_names(names: &[String]) -> Result<Vec<String>> {
    let names = validate::text_list("emotions", names, MAX_EMOTIONS, EMOTION_NAME_MAX)?;
    if names.is_empty() {
        return Err(Error::invalid(
            "emotions",
            crate::rules::RuleCode::TooFewItems,
        ));
    }
    let mut seen: Vec<String> = vec![];
    for n in &names {
        let key = n.to_lowercase();
        if seen.contains(&key) {
            return Err(Error::invalid(
                "emotions",
                crate::rules::RuleCode::Duplicate,
            ));
        }
        seen.push(key);
    }
    Ok(names)
}

fn intensity(field: &str, v: i32) -> Result<i32> {
    validate::in_range(field, v as i64, 0, 100)?;
    Ok(v)
}

/// Style ids: each in the catalogue, each once.
pub(super) fn style_ids(ids: &[String]) -> Result<Vec<String>> {
    let c = content()?;
    let mut out: Vec<String> = vec![];
    for id in ids {
        let id = id.trim();
        if c.style(id).is_none() {
            return Err(Error::invalid("styles", crate::rules::RuleCode::NotOnList));
        }
        if out.iter().any(|s| s == id) {
            return Err(Error::invalid("styles", crate::rules::RuleCode::Duplicate));
        }
        out.push(id.to_string());
    }
    Ok(out)
}

pub(super) fn evidence(field: &str, items: &[String]) -> Result<Vec<String>> {
    validate::text_list(field, items, MAX_LIST_ITEMS, EVIDENCE_MAX)
}

/// Checks every field of a record.
pub(super) fn check_record(input: &ThoughtRecordInput) -> Result<Checked> {
    let situation = validate::required_text("situation", &input.situation, LONG_TEXT, true)?;
    let names: Vec<String> = input.emotions.iter().map(|e| e.name.clone()).collect();
    let names = emotion_names(&names)?;
    let emotions = names
        .into_iter()
        .zip(&input.emotions)
        .map(|(name, e)| {
            Ok(ThoughtRecordEmotion {
                name,
                intensity: intensity("emotions", e.intensity)?,
                rerated: e.rerated.map(|v| intensity("rerated", v)).transpose()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let thought = validate::required_text("thought", &input.thought, LONG_TEXT, true)?;
    Ok(Checked {
        situation,
        emotions,
        thought,
        styles: style_ids(&input.styles)?,
        evidence_for: evidence("evidence_for", &input.evidence_for)?,
        evidence_against: evidence("evidence_against", &input.evidence_against)?,
        balanced_thought: validate::optional_text(
            "balanced_thought",
            input.balanced_thought.as_deref(),
            LONG_TEXT,
            true,
        )?,
    })
}

/// Reads for the records list, kept out of the exported surface.
impl WellbeingStore {
    /// The newest `limit` records as list lines: the page alone, without the history
    /// page's count and charts.
    pub(crate) fn newest_thought_records(&self, limit: u32) -> Result<Vec<ThoughtRecordListItem>> {
        let c = content()?;
        self.read(|conn| items(conn, c, 0, limit))
    }
}

#[cfg(test)]
pub(crate) mod tests;
