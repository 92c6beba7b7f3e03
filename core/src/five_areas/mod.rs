//! Five Areas worksheet (Williams & Garland 2002; Connect 5 toolbox).
//!
//! A worksheet maps one difficult time across five areas: the situation, thoughts, feelings
//! (each rated 0–100), the body, and what the person did. Arrows between areas show the
//! vicious cycle; the person picks one area to start from and one small change to try, and
//! later reviews how it went. Breaking the cycle at any point can turn it the other way.
//!
//! Drafts, one story: a *guided* worksheet left half way is a flow draft, kept by the flow
//! engine (`save_flow_draft` / `resume_draft`), as for every tool. A worksheet filled in on a
//! *form* screen (`five_areas_create` / `five_areas_update` with `complete: false`) is stored
//! with status `Draft`: it needs something in just one area, and is finished later by an
//! update with `complete: true`. The guided flow always saves a complete worksheet.
//!
//! Lists (thoughts, feelings, links…) are stored as JSON in the worksheet row: a worksheet is
//! always read and written whole, and no query looks inside a list.

// These imports are also the shared prelude of the submodules (each starts `use super::*`).
use std::sync::OnceLock;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

use crate::chart::{ChartPoint, ChartSeries};
use crate::clock::{self, Moment};
use crate::error::{ApiResult, Error, Result};
use crate::flow::{
    Answer, Answers, ChoiceOption, FlowDef, InputKind, ScaleAnchor, StepSpec, SummaryParts,
    ToolInfo, ToolModule,
};
use crate::rules::{LONG_TEXT, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE five_areas_worksheets (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT,
    draft INTEGER NOT NULL CHECK (draft IN (0, 1)),
    situation TEXT,
    thoughts TEXT NOT NULL,
    feelings TEXT NOT NULL,
    physical TEXT NOT NULL,
    behaviour TEXT NOT NULL,
    links TEXT NOT NULL,
    change_area TEXT,
    change_text TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX five_areas_worksheets_date ON five_areas_worksheets(local_date);
CREATE INDEX five_areas_worksheets_time ON five_areas_worksheets(utc_ms);
CREATE TABLE five_areas_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    worksheet_id TEXT NOT NULL UNIQUE REFERENCES five_areas_worksheets(id) ON DELETE CASCADE,
    tried TEXT NOT NULL CHECK (tried IN ('yes', 'partly', 'no')),
    what_happened TEXT,
    rerated TEXT NOT NULL,
    next_step TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
";

pub(crate) const TOOL: &str = "five-areas";
pub(crate) const TOOL_REVIEW: &str = "five-areas-review";

/// Most items in the thoughts, body and behaviour lists.
const MAX_AREA_ITEMS: usize = 20;
/// Longest thought or other area item: a sentence or two.
const AREA_ITEM_MAX: usize = 300;
/// Most feelings on one worksheet: each asks for its own rating in the flow.
const MAX_FEELINGS: usize = 10;
/// Longest feeling name: a word or two.
const FEELING_NAME_MAX: usize = 60;
const TITLE_MAX: usize = 100;
/// Every ordered pair of different areas.
pub(crate) const MAX_LINKS: usize = 20;
/// How many worksheets the history chart covers.
const CHART_POINTS: u32 = 20;
const MAX_PAGE: u32 = 100;

// content: wording; rules: validation; store: SQL and view lists; flows: guided flows.
mod content;
mod flows;
mod rules;
mod store;

use content::*;
use rules::*;
use store::*;

pub use content::five_areas_guide;
pub(crate) use flows::MODULE;
#[allow(unused_imports)] // called by the today/week views
pub(crate) use store::{
    awaiting_review, check_stored, count_between, counts_by_day, finished_between, open_drafts,
};

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// The five areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FiveAreasArea {
    /// Life situation, relationships, practical resources and problems.
    Situation,
    Thoughts,
    Feelings,
    /// Physical feelings and symptoms.
    Physical,
    /// What the person does or stops doing.
    Behaviour,
}

impl FiveAreasArea {
    pub(crate) const ALL: [FiveAreasArea; 5] = [
        Self::Situation,
        Self::Thoughts,
        Self::Feelings,
        Self::Physical,
        Self::Behaviour,
    ];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Self::Situation => "situation",
            Self::Thoughts => "thoughts",
            Self::Feelings => "feelings",
            Self::Physical => "physical",
            Self::Behaviour => "behaviour",
        }
    }

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }
}

/// A feeling and how strong it is, 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasFeeling {
    pub name: String,
    pub intensity: i32,
}

/// An arrow of the vicious cycle: `from_area` feeds `to_area`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasLink {
    pub from_area: FiveAreasArea,
    pub to_area: FiveAreasArea,
    pub note: Option<String>,
}

/// The one small change chosen, and the area it starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasChange {
    pub start_area: FiveAreasArea,
    pub change: String,
}

/// Whether the change was tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FiveAreasTried {
    Yes,
    Partly,
    No,
}

impl FiveAreasTried {
    const ALL: [FiveAreasTried; 3] = [Self::Yes, Self::Partly, Self::No];
    fn id(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partly => "partly",
            Self::No => "no",
        }
    }
    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// Where a worksheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FiveAreasStatus {
    /// Saved unfinished from a form; finish it with an update.
    Draft,
    /// Complete, with a change waiting to be reviewed.
    Complete,
    /// The change has been reviewed.
    Reviewed,
}

/// A feeling's rating before the change and at the review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasFeelingChange {
    pub name: String,
    pub before: i32,
    pub after: i32,
}

/// How the change went, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasReviewInput {
    pub tried: FiveAreasTried,
    pub what_happened: Option<String>,
    /// New ratings for some of the worksheet's feelings (by name); may be empty.
    pub rerated: Vec<FiveAreasFeeling>,
    pub next_step: Option<String>,
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasReview {
    pub tried: FiveAreasTried,
    pub tried_label: String,
    pub what_happened: Option<String>,
    pub rerated: Vec<FiveAreasFeelingChange>,
    pub next_step: Option<String>,
    /// "YYYY-MM-DD" and "HH:MM" of the review.
    pub date: String,
    pub time: String,
}

/// A worksheet to create or replace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasInput {
    /// Optional; otherwise the worksheet is named after its date.
    pub title: Option<String>,
    /// "YYYY-MM-DD" and "HH:MM" of the time mapped; now when left out (on update: unchanged).
    pub date: Option<String>,
    pub time: Option<String>,
    pub situation: Option<String>,
    pub thoughts: Vec<String>,
    pub feelings: Vec<FiveAreasFeeling>,
    pub physical: Vec<String>,
    pub behaviour: Vec<String>,
    pub links: Vec<FiveAreasLink>,
    pub change: Option<FiveAreasChange>,
    /// False saves a draft (needs one area filled); true requires the situation, a thought,
    /// a feeling and the change.
    pub complete: bool,
}

/// A stored worksheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasWorksheet {
    pub id: String,
    /// The title to show: the person's own or one made from the date.
    pub title: String,
    /// The person's own title, when given.
    pub custom_title: Option<String>,
    pub date: String,
    pub time: String,
    /// "Fri 20 Nov".
    pub date_label: String,
    pub status: FiveAreasStatus,
    pub status_label: String,
    pub situation: Option<String>,
    pub thoughts: Vec<String>,
    pub feelings: Vec<FiveAreasFeeling>,
    pub physical: Vec<String>,
    pub behaviour: Vec<String>,
    pub links: Vec<FiveAreasLink>,
    pub change: Option<FiveAreasChange>,
    pub review: Option<FiveAreasReview>,
}

/// A line of the history list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasListItem {
    pub id: String,
    pub title: String,
    pub date: String,
    pub date_label: String,
    pub status: FiveAreasStatus,
    pub status_label: String,
    pub change: Option<FiveAreasChange>,
    /// "Start with What I do: walk round the block".
    pub change_label: Option<String>,
    /// "anxious 80/100".
    pub strongest_feeling: Option<String>,
    /// "Tried it: Partly".
    pub review_label: Option<String>,
    pub awaiting_review: bool,
}

/// The history screen: past worksheets newest first, with the feelings chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasHistoryPage {
    pub items: Vec<FiveAreasListItem>,
    /// All worksheets, drafts included.
    pub total: u32,
    pub offset: u32,
    pub limit: u32,
    pub has_more: bool,
    pub drafts: u32,
    pub awaiting_review: u32,
    /// "strongest-feeling" (0–100) per finished worksheet and "after-change" at its review,
    /// over the last 20 finished worksheets, oldest first.
    pub charts: Vec<ChartSeries>,
    /// Shown when there is nothing yet.
    pub empty_text: Option<String>,
}

/// The wording of one area, for a form-style worksheet screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasAreaInfo {
    pub area: FiveAreasArea,
    pub name: String,
    pub full_name: String,
    pub prompt: String,
    pub help: String,
    pub change_idea: String,
}

/// All the wording a form-style worksheet screen needs (shells hold no tool text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FiveAreasGuide {
    pub title: String,
    pub intro: String,
    pub areas: Vec<FiveAreasAreaInfo>,
    pub intensity_anchors: Vec<ScaleAnchor>,
    pub links_help: String,
    pub start_help: String,
    pub change_help: String,
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// Stores a new worksheet (complete, or a draft when `complete` is false).
    pub fn five_areas_create(&self, worksheet: FiveAreasInput) -> ApiResult<FiveAreasWorksheet> {
        let sheet = check_sheet(&worksheet)?;
        let now = self.now();
        let when =
            Moment::from_local_parts(now, worksheet.date.as_deref(), worksheet.time.as_deref())?;
        let id = validate::new_id();
        Ok(self.write(|tx| {
            write_sheet(tx, &id, when, now, &sheet)?;
            load(tx, &id)
        })?)
    }

    /// Replaces a worksheet's content. Its date and time stay unless given. A reviewed
    /// worksheet cannot go back to being a draft; its review is kept.
    pub fn five_areas_update(
        &self,
        id: String,
        worksheet: FiveAreasInput,
    ) -> ApiResult<FiveAreasWorksheet> {
        let id = validate::id_arg("worksheet", &id)?;
        let sheet = check_sheet(&worksheet)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let (stored, reviewed) = existing(tx, &id)?;
            if reviewed && sheet.draft {
                return Err(Error::out_of_order(
                    "a reviewed worksheet cannot go back to being a draft",
                ));
            }
            let when = if worksheet.date.is_none() && worksheet.time.is_none() {
                stored
            } else {
                Moment::from_local_parts(now, worksheet.date.as_deref(), worksheet.time.as_deref())?
            };
            write_sheet(tx, &id, when, now, &sheet)?;
            load(tx, &id)
        })?)
    }

    /// One worksheet with its review.
    pub fn five_areas_get(&self, id: String) -> ApiResult<FiveAreasWorksheet> {
        let id = validate::id_arg("worksheet", &id)?;
        Ok(self.read(|c| load(c, &id))?)
    }

    /// Deletes a worksheet and its review for good.
    pub fn five_areas_delete(&self, id: String) -> ApiResult<()> {
        let id = validate::id_arg("worksheet", &id)?;
        let n = self.write(|tx| {
            Ok(tx.execute("DELETE FROM five_areas_worksheets WHERE id = ?1", [&id])?)
        })?;
        if n == 0 {
            return Err(Error::not_found("worksheet", &id).into());
        }
        Ok(())
    }

    /// Past worksheets, newest first, `limit` (1–100) from `offset`, with the chart.
    pub fn five_areas_history(&self, offset: u32, limit: u32) -> ApiResult<FiveAreasHistoryPage> {
        validate::in_range("limit", limit as i64, 1, MAX_PAGE as i64)?;
        Ok(self.read(|c| history(c, offset, limit))?)
    }

    /// Records how the chosen change went (replacing an earlier review). The worksheet must
    /// be complete.
    pub fn five_areas_review(
        &self,
        id: String,
        review: FiveAreasReviewInput,
    ) -> ApiResult<FiveAreasWorksheet> {
        let id = validate::id_arg("worksheet", &id)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let w = load(tx, &id)?;
            reviewable(&w)?;
            let r = check_review(&w.feelings, &review)?;
            write_review(tx, &id, now, &r)?;
            load(tx, &id)
        })?)
    }
}

fn reviewable(w: &FiveAreasWorksheet) -> Result<()> {
    if w.status == FiveAreasStatus::Draft || w.change.is_none() {
        return Err(Error::out_of_order(
            "only a finished worksheet with a chosen change can be reviewed",
        ));
    }
    Ok(())
}

/// Reads for the records list, kept out of the exported surface.
impl WellbeingStore {
    /// The newest `limit` worksheets as list lines: the page alone, without the history
    /// page's counts and chart, which read every worksheet.
    pub(crate) fn newest_five_areas(&self, limit: u32) -> Result<Vec<FiveAreasListItem>> {
        self.read(|c| list_items(c, "", limit, 0))
    }
}

#[cfg(test)]
pub(crate) mod tests;
