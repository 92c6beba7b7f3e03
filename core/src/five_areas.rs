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
use crate::validate::{self, LONG_TEXT, SHORT_TEXT};
use crate::Companion;

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
const MAX_LINKS: usize = 20;
/// How many worksheets the history chart covers.
const CHART_POINTS: u32 = 20;
const MAX_PAGE: u32 = 100;

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
// Content
// ---------------------------------------------------------------------------------------

// `source` fields document where wording comes from; only the content test reads them.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct Content {
    sources: std::collections::BTreeMap<String, String>,
    tool: ToolText,
    review_tool: ToolText,
    default_title: String,
    intro: StepText,
    areas: Vec<AreaText>,
    intensity: IntensityText,
    links: LinksText,
    start: StepText,
    change: StepText,
    title_step: StepText,
    review: ReviewText,
    tried: Vec<TriedText>,
    status_labels: StatusLabels,
    labels: Labels,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct ToolText {
    title: String,
    summary: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct StepText {
    prompt: String,
    help: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct AreaText {
    id: FiveAreasArea,
    name: String,
    full_name: String,
    prompt: String,
    help: String,
    change_idea: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct IntensityText {
    prompt: String,
    help: String,
    anchors: Vec<ScaleAnchor>,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct LinksText {
    prompt: String,
    help: String,
    arrow: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct ReviewText {
    tried_prompt: String,
    tried_help: String,
    what_happened_prompt: String,
    what_happened_help: String,
    rerate_prompt: String,
    rerate_help: String,
    next_step_prompt: String,
    next_step_help: String,
    source: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct TriedText {
    id: FiveAreasTried,
    label: String,
    advice: String,
    source: String,
}

#[derive(Debug, Deserialize)]
struct StatusLabels {
    draft: String,
    complete: String,
    reviewed: String,
}

#[derive(Debug, Deserialize)]
struct Labels {
    summary_headline: String,
    change_line: String,
    strongest_feeling: String,
    review_line: String,
    none: String,
    links: String,
    feeling_change: String,
    chart_before: String,
    chart_after: String,
    empty_history: String,
    advice: String,
}

/// One entry per language folder; the first is the default. A second language is one more
/// line here and one more folder, with no other code change.
const LOCALES: &[(&str, &str)] = &[("en-GB", include_str!("../content/en-GB/five_areas.json"))];

fn content() -> Result<&'static Content> {
    static CONTENT: OnceLock<Option<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(|| serde_json::from_str(LOCALES.first()?.1).ok())
        .as_ref()
        .ok_or_else(|| Error::state("five areas content could not be read"))
}

impl Content {
    fn area(&self, a: FiveAreasArea) -> Result<&AreaText> {
        self.areas
            .iter()
            .find(|t| t.id == a)
            .ok_or_else(|| Error::state("five areas content is missing an area"))
    }
    fn area_name(&self, a: FiveAreasArea) -> String {
        self.area(a)
            .map(|t| t.name.clone())
            .unwrap_or_else(|_| a.id().to_string())
    }
    fn tried(&self, t: FiveAreasTried) -> Result<&TriedText> {
        self.tried
            .iter()
            .find(|x| x.id == t)
            .ok_or_else(|| Error::state("five areas content is missing an answer"))
    }
    fn status_label(&self, s: FiveAreasStatus) -> String {
        match s {
            FiveAreasStatus::Draft => &self.status_labels.draft,
            FiveAreasStatus::Complete => &self.status_labels.complete,
            FiveAreasStatus::Reviewed => &self.status_labels.reviewed,
        }
        .clone()
    }
    fn arrow(&self, from: FiveAreasArea, to: FiveAreasArea) -> String {
        self.links
            .arrow
            .replace("{from}", &self.area_name(from))
            .replace("{to}", &self.area_name(to))
    }
    fn change_line(&self, c: &FiveAreasChange) -> String {
        self.labels
            .change_line
            .replace("{area}", &self.area_name(c.start_area))
            .replace("{change}", &c.change)
    }
    fn feeling_line(&self, f: &FiveAreasFeeling) -> String {
        self.labels
            .strongest_feeling
            .replace("{feeling}", &f.name)
            .replace("{intensity}", &f.intensity.to_string())
    }
    fn title_for(&self, custom: Option<&str>, date: NaiveDate) -> String {
        match custom {
            Some(t) => t.to_string(),
            None => self
                .default_title
                .replace("{date}", &clock::short_label(date)),
        }
    }
}

/// The wording of the Five Areas worksheet for a form-style screen.
#[cfg_attr(feature = "ffi", uniffi::export)]
pub fn five_areas_guide() -> ApiResult<FiveAreasGuide> {
    let c = content()?;
    Ok(FiveAreasGuide {
        title: c.tool.title.clone(),
        intro: c.intro.help.clone(),
        areas: c
            .areas
            .iter()
            .map(|a| FiveAreasAreaInfo {
                area: a.id,
                name: a.name.clone(),
                full_name: a.full_name.clone(),
                prompt: a.prompt.clone(),
                help: a.help.clone(),
                change_idea: a.change_idea.clone(),
            })
            .collect(),
        intensity_anchors: c.intensity.anchors.clone(),
        links_help: c.links.help.clone(),
        start_help: c.start.help.clone(),
        change_help: c.change.help.clone(),
    })
}

// ---------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------

/// A worksheet's content after validation.
#[derive(Debug, Clone, PartialEq)]
struct Sheet {
    title: Option<String>,
    situation: Option<String>,
    thoughts: Vec<String>,
    feelings: Vec<FiveAreasFeeling>,
    physical: Vec<String>,
    behaviour: Vec<String>,
    links: Vec<FiveAreasLink>,
    change: Option<FiveAreasChange>,
    draft: bool,
}

impl Sheet {
    fn has(&self, area: FiveAreasArea) -> bool {
        match area {
            FiveAreasArea::Situation => self.situation.is_some(),
            FiveAreasArea::Thoughts => !self.thoughts.is_empty(),
            FiveAreasArea::Feelings => !self.feelings.is_empty(),
            FiveAreasArea::Physical => !self.physical.is_empty(),
            FiveAreasArea::Behaviour => !self.behaviour.is_empty(),
        }
    }
}

fn area_list(field: &str, items: &[String]) -> Result<Vec<String>> {
    validate::text_list(field, items, MAX_AREA_ITEMS, AREA_ITEM_MAX)
}

fn feeling_names(names: &[String]) -> Result<Vec<String>> {
    let names = validate::text_list("feelings", names, MAX_FEELINGS, FEELING_NAME_MAX)?;
    let mut seen: Vec<String> = vec![];
    for n in &names {
        let key = n.to_lowercase();
        if seen.contains(&key) {
            return Err(Error::invalid("feelings", "has the same feeling twice"));
        }
        seen.push(key);
    }
    Ok(names)
}

fn intensity(field: &str, v: i32) -> Result<i32> {
    validate::in_range(field, v as i64, 0, 100)?;
    Ok(v)
}

/// Checks a worksheet: every text and list within its limits, feelings named once and rated
/// 0–100, arrows joining two different areas that both have something in them, each arrow
/// once; a draft needs one area filled, a complete worksheet the situation, a thought, a
/// feeling and the change.
fn check_sheet(input: &FiveAreasInput) -> Result<Sheet> {
    let title = validate::optional_text("title", input.title.as_deref(), TITLE_MAX, false)?;
    let situation =
        validate::optional_text("situation", input.situation.as_deref(), LONG_TEXT, true)?;
    let thoughts = area_list("thoughts", &input.thoughts)?;
    let names: Vec<String> = input.feelings.iter().map(|f| f.name.clone()).collect();
    let names = feeling_names(&names)?;
    let feelings = names
        .into_iter()
        .zip(&input.feelings)
        .map(|(name, f)| {
            Ok(FiveAreasFeeling {
                name,
                intensity: intensity("feelings", f.intensity)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let physical = area_list("physical", &input.physical)?;
    let behaviour = area_list("behaviour", &input.behaviour)?;
    let change = match &input.change {
        None => None,
        Some(c) => Some(FiveAreasChange {
            start_area: c.start_area,
            change: validate::required_text("change", &c.change, SHORT_TEXT, false)?,
        }),
    };
    let mut sheet = Sheet {
        title,
        situation,
        thoughts,
        feelings,
        physical,
        behaviour,
        links: vec![],
        change,
        draft: !input.complete,
    };
    if input.links.len() > MAX_LINKS {
        return Err(Error::invalid(
            "links",
            format!("must have at most {MAX_LINKS} arrows"),
        ));
    }
    for l in &input.links {
        if l.from_area == l.to_area {
            return Err(Error::invalid("links", "must join two different areas"));
        }
        if !sheet.has(l.from_area) || !sheet.has(l.to_area) {
            return Err(Error::invalid(
                "links",
                "must join areas that have something written in them",
            ));
        }
        if sheet
            .links
            .iter()
            .any(|k| k.from_area == l.from_area && k.to_area == l.to_area)
        {
            return Err(Error::invalid("links", "has the same arrow twice"));
        }
        sheet.links.push(FiveAreasLink {
            from_area: l.from_area,
            to_area: l.to_area,
            note: validate::optional_text("links", l.note.as_deref(), SHORT_TEXT, false)?,
        });
    }
    if sheet.draft {
        if !FiveAreasArea::ALL.into_iter().any(|a| sheet.has(a)) && sheet.change.is_none() {
            return Err(Error::invalid(
                "worksheet",
                "needs something in at least one area",
            ));
        }
    } else {
        for (area, field) in [
            (FiveAreasArea::Situation, "situation"),
            (FiveAreasArea::Thoughts, "thoughts"),
            (FiveAreasArea::Feelings, "feelings"),
        ] {
            if !sheet.has(area) {
                return Err(Error::invalid(field, "is needed to complete the worksheet"));
            }
        }
        if sheet.change.is_none() {
            return Err(Error::invalid(
                "change",
                "is needed to complete the worksheet",
            ));
        }
    }
    Ok(sheet)
}

/// A review after validation.
struct CheckedReview {
    tried: FiveAreasTried,
    what_happened: Option<String>,
    rerated: Vec<FiveAreasFeelingChange>,
    next_step: Option<String>,
}

/// Checks a review against its worksheet: re-rated feelings must be on the worksheet (by
/// name, ignoring case), each once, rated 0–100.
fn check_review(
    feelings: &[FiveAreasFeeling],
    input: &FiveAreasReviewInput,
) -> Result<CheckedReview> {
    let what_happened = validate::optional_text(
        "what_happened",
        input.what_happened.as_deref(),
        LONG_TEXT,
        true,
    )?;
    let next_step =
        validate::optional_text("next_step", input.next_step.as_deref(), SHORT_TEXT, false)?;
    if input.rerated.len() > feelings.len() {
        return Err(Error::invalid(
            "rerated",
            "has more ratings than the worksheet has feelings",
        ));
    }
    let mut rerated: Vec<FiveAreasFeelingChange> = vec![];
    for r in &input.rerated {
        let name = r.name.trim().to_lowercase();
        let Some(f) = feelings.iter().find(|f| f.name.to_lowercase() == name) else {
            return Err(Error::invalid(
                "rerated",
                "must name a feeling on the worksheet",
            ));
        };
        if rerated.iter().any(|x| x.name == f.name) {
            return Err(Error::invalid("rerated", "has the same feeling twice"));
        }
        rerated.push(FiveAreasFeelingChange {
            name: f.name.clone(),
            before: f.intensity,
            after: intensity("rerated", r.intensity)?,
        });
    }
    Ok(CheckedReview {
        tried: input.tried,
        what_happened,
        rerated,
        next_step,
    })
}

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

fn unreadable() -> Error {
    Error::state("a stored worksheet could not be read")
}

fn insert_sheet(tx: &Transaction, id: &str, when: Moment, now: Moment, s: &Sheet) -> Result<()> {
    tx.execute(
        "INSERT INTO five_areas_worksheets (id, title, draft, situation, thoughts, feelings,
            physical, behaviour, links, change_area, change_text, utc_ms, utc_offset_min,
            local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        params![
            id,
            s.title,
            s.draft,
            s.situation,
            serde_json::to_string(&s.thoughts)?,
            serde_json::to_string(&s.feelings)?,
            serde_json::to_string(&s.physical)?,
            serde_json::to_string(&s.behaviour)?,
            serde_json::to_string(&s.links)?,
            s.change.as_ref().map(|c| c.start_area.id()),
            s.change.as_ref().map(|c| c.change.clone()),
            when.utc_ms,
            when.offset_min,
            when.date_string(),
            when.time_string(),
            now.utc_ms,
        ],
    )?;
    Ok(())
}

fn update_sheet(tx: &Transaction, id: &str, when: Moment, now: Moment, s: &Sheet) -> Result<()> {
    tx.execute(
        "UPDATE five_areas_worksheets SET title = ?2, draft = ?3, situation = ?4, thoughts = ?5,
            feelings = ?6, physical = ?7, behaviour = ?8, links = ?9, change_area = ?10,
            change_text = ?11, utc_ms = ?12, utc_offset_min = ?13, local_date = ?14,
            local_time = ?15, updated_utc_ms = ?16
         WHERE id = ?1",
        params![
            id,
            s.title,
            s.draft,
            s.situation,
            serde_json::to_string(&s.thoughts)?,
            serde_json::to_string(&s.feelings)?,
            serde_json::to_string(&s.physical)?,
            serde_json::to_string(&s.behaviour)?,
            serde_json::to_string(&s.links)?,
            s.change.as_ref().map(|c| c.start_area.id()),
            s.change.as_ref().map(|c| c.change.clone()),
            when.utc_ms,
            when.offset_min,
            when.date_string(),
            when.time_string(),
            now.utc_ms,
        ],
    )?;
    Ok(())
}

fn write_review(tx: &Transaction, worksheet: &str, now: Moment, r: &CheckedReview) -> Result<()> {
    tx.execute(
        "INSERT INTO five_areas_reviews (id, worksheet_id, tried, what_happened, rerated,
            next_step, utc_ms, utc_offset_min, local_date, local_time, created_utc_ms,
            updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7, ?7)
         ON CONFLICT(worksheet_id) DO UPDATE SET tried = excluded.tried,
            what_happened = excluded.what_happened, rerated = excluded.rerated,
            next_step = excluded.next_step, utc_ms = excluded.utc_ms,
            utc_offset_min = excluded.utc_offset_min, local_date = excluded.local_date,
            local_time = excluded.local_time, updated_utc_ms = excluded.updated_utc_ms",
        params![
            validate::new_id(),
            worksheet,
            r.tried.id(),
            r.what_happened,
            serde_json::to_string(&r.rerated)?,
            r.next_step,
            now.utc_ms,
            now.offset_min,
            now.date_string(),
            now.time_string(),
        ],
    )?;
    Ok(())
}

fn json_list<T: serde::de::DeserializeOwned>(s: &str) -> Result<Vec<T>> {
    Ok(serde_json::from_str(s)?)
}

fn change_from(area: Option<String>, text: Option<String>) -> Result<Option<FiveAreasChange>> {
    match (area, text) {
        (Some(a), Some(t)) => Ok(Some(FiveAreasChange {
            start_area: FiveAreasArea::from_id(&a).ok_or_else(unreadable)?,
            change: t,
        })),
        _ => Ok(None),
    }
}

fn status_of(draft: bool, reviewed: bool) -> FiveAreasStatus {
    match (draft, reviewed) {
        (true, _) => FiveAreasStatus::Draft,
        (false, true) => FiveAreasStatus::Reviewed,
        (false, false) => FiveAreasStatus::Complete,
    }
}

fn parse_stored_date(s: &str) -> Result<NaiveDate> {
    clock::parse_date("local_date", s).map_err(|_| unreadable())
}

/// Loads one worksheet with its review.
fn load(conn: &Connection, id: &str) -> Result<FiveAreasWorksheet> {
    let c = content()?;
    type RowData = (
        Option<String>,
        bool,
        Option<String>,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
    );
    let row: Option<RowData> = conn
        .query_row(
            "SELECT title, draft, situation, thoughts, feelings, physical, behaviour, links,
                change_area, change_text, local_date, local_time
             FROM five_areas_worksheets WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            },
        )
        .optional()?;
    let Some((
        title,
        draft,
        situation,
        thoughts,
        feelings,
        physical,
        behaviour,
        links,
        change_area,
        change_text,
        date,
        time,
    )) = row
    else {
        return Err(Error::not_found("worksheet", id));
    };
    let review = conn
        .query_row(
            "SELECT tried, what_happened, rerated, next_step, local_date, local_time
             FROM five_areas_reviews WHERE worksheet_id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    let review = match review {
        None => None,
        Some((tried, what_happened, rerated, next_step, rdate, rtime)) => {
            let tried = FiveAreasTried::from_id(&tried).ok_or_else(unreadable)?;
            Some(FiveAreasReview {
                tried,
                tried_label: c.tried(tried)?.label.clone(),
                what_happened,
                rerated: json_list(&rerated)?,
                next_step,
                date: rdate,
                time: rtime,
            })
        }
    };
    let d = parse_stored_date(&date)?;
    let status = status_of(draft, review.is_some());
    Ok(FiveAreasWorksheet {
        id: id.to_string(),
        title: c.title_for(title.as_deref(), d),
        custom_title: title,
        date_label: clock::short_label(d),
        date,
        time,
        status,
        status_label: c.status_label(status),
        situation,
        thoughts: json_list(&thoughts)?,
        feelings: json_list(&feelings)?,
        physical: json_list(&physical)?,
        behaviour: json_list(&behaviour)?,
        links: json_list(&links)?,
        change: change_from(change_area, change_text)?,
        review,
    })
}

/// The moment a worksheet is stored at, and whether it has a review.
fn existing(conn: &Connection, id: &str) -> Result<(Moment, bool)> {
    let row: Option<(i64, i32, String, String, bool)> = conn
        .query_row(
            "SELECT w.utc_ms, w.utc_offset_min, w.local_date, w.local_time,
                EXISTS (SELECT 1 FROM five_areas_reviews r WHERE r.worksheet_id = w.id)
             FROM five_areas_worksheets w WHERE w.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (utc_ms, offset_min, date, time, reviewed) =
        row.ok_or_else(|| Error::not_found("worksheet", id))?;
    let d = parse_stored_date(&date)?;
    let t = clock::parse_time("local_time", &time).map_err(|_| unreadable())?;
    Ok((
        Moment {
            utc_ms,
            offset_min,
            local: d.and_time(t),
        },
        reviewed,
    ))
}

/// The columns a list line needs, in this order.
const ITEM_COLUMNS: &str = "SELECT w.id, w.title, w.draft, w.local_date, w.feelings,
    w.change_area, w.change_text, r.tried
    FROM five_areas_worksheets w LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id";
const NEWEST_FIRST: &str = " ORDER BY w.utc_ms DESC, w.created_utc_ms DESC, w.id";

struct ItemRow {
    id: String,
    title: Option<String>,
    draft: bool,
    date: String,
    feelings: String,
    change_area: Option<String>,
    change_text: Option<String>,
    tried: Option<String>,
}

fn item_row(r: &Row) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: r.get(0)?,
        title: r.get(1)?,
        draft: r.get(2)?,
        date: r.get(3)?,
        feelings: r.get(4)?,
        change_area: r.get(5)?,
        change_text: r.get(6)?,
        tried: r.get(7)?,
    })
}

fn strongest(feelings: &[FiveAreasFeeling]) -> Option<&FiveAreasFeeling> {
    // The first of equals wins, so the person's own order breaks ties.
    feelings.iter().rev().max_by_key(|f| f.intensity)
}

fn list_item(c: &Content, row: ItemRow) -> Result<FiveAreasListItem> {
    let d = parse_stored_date(&row.date)?;
    let feelings: Vec<FiveAreasFeeling> = json_list(&row.feelings)?;
    let tried = match &row.tried {
        Some(t) => Some(FiveAreasTried::from_id(t).ok_or_else(unreadable)?),
        None => None,
    };
    let status = status_of(row.draft, tried.is_some());
    let change = change_from(row.change_area, row.change_text)?;
    let review_label = match tried {
        Some(t) => Some(c.labels.review_line.replace("{tried}", &c.tried(t)?.label)),
        None => None,
    };
    Ok(FiveAreasListItem {
        title: c.title_for(row.title.as_deref(), d),
        id: row.id,
        date_label: clock::short_label(d),
        date: row.date,
        status,
        status_label: c.status_label(status),
        change_label: change.as_ref().map(|ch| c.change_line(ch)),
        awaiting_review: status == FiveAreasStatus::Complete && change.is_some(),
        change,
        strongest_feeling: strongest(&feelings).map(|f| c.feeling_line(f)),
        review_label,
    })
}

fn list_items(
    conn: &Connection,
    filter: &str,
    limit: u32,
    offset: u32,
) -> Result<Vec<FiveAreasListItem>> {
    let c = content()?;
    // `filter` is one of this module's constant clauses; values are always bound.
    let sql = format!("{ITEM_COLUMNS} {filter}{NEWEST_FIRST} LIMIT ?1 OFFSET ?2");
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params![limit, offset], item_row)?;
    let mut out = vec![];
    for row in rows {
        out.push(list_item(c, row?)?);
    }
    Ok(out)
}

const WHERE_DRAFT: &str = "WHERE w.draft = 1";
const WHERE_AWAITING: &str =
    "WHERE w.draft = 0 AND w.change_text IS NOT NULL AND r.worksheet_id IS NULL";

fn count(conn: &Connection, filter: &str) -> Result<u32> {
    let sql = format!(
        "SELECT count(*) FROM five_areas_worksheets w
         LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id {filter}"
    );
    Ok(conn.query_row(&sql, [], |r| r.get(0))?)
}

/// Worksheets saved unfinished from a form, newest first (for the today view).
#[allow(dead_code)] // called by the today/week views
pub(crate) fn open_drafts(conn: &Connection, limit: u32) -> Result<Vec<FiveAreasListItem>> {
    list_items(conn, WHERE_DRAFT, limit, 0)
}

/// Finished worksheets whose small change has not been reviewed yet, newest first (for the
/// today view: "how did it go?").
#[allow(dead_code)] // called by the today/week views
pub(crate) fn awaiting_review(conn: &Connection, limit: u32) -> Result<Vec<FiveAreasListItem>> {
    list_items(conn, WHERE_AWAITING, limit, 0)
}

/// How many finished worksheets are dated `from..=to` (for the week view).
#[allow(dead_code)] // called by the today/week views
pub(crate) fn count_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM five_areas_worksheets
         WHERE draft = 0 AND local_date BETWEEN ?1 AND ?2",
        params![clock::fmt_date(from), clock::fmt_date(to)],
        |r| r.get(0),
    )?)
}

fn charts(conn: &Connection, c: &Content) -> Result<Vec<ChartSeries>> {
    let mut st = conn.prepare(
        "SELECT w.local_date, w.feelings, r.rerated FROM five_areas_worksheets w
         LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id
         WHERE w.draft = 0 ORDER BY w.utc_ms DESC, w.created_utc_ms DESC, w.id LIMIT ?1",
    )?;
    let rows = st.query_map([CHART_POINTS], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut before = vec![];
    let mut after = vec![];
    for row in rows {
        let (date, feelings, rerated) = row?;
        let d = parse_stored_date(&date)?;
        let feelings: Vec<FiveAreasFeeling> = json_list(&feelings)?;
        let rerated: Vec<FiveAreasFeelingChange> = match rerated {
            Some(r) => json_list(&r)?,
            None => vec![],
        };
        let point = |value: Option<f64>| ChartPoint {
            date: date.clone(),
            label: clock::short_label(d),
            value,
        };
        before.push(point(strongest(&feelings).map(|f| f.intensity as f64)));
        after.push(point(rerated.iter().map(|r| r.after).max().map(f64::from)));
    }
    before.reverse();
    after.reverse();
    let series = |id: &str, label: &str, points| ChartSeries {
        id: id.into(),
        label: label.into(),
        axis_min: 0.0,
        axis_max: 100.0,
        points,
    };
    Ok(vec![
        series("strongest-feeling", &c.labels.chart_before, before),
        series("after-change", &c.labels.chart_after, after),
    ])
}

fn history(conn: &Connection, offset: u32, limit: u32) -> Result<FiveAreasHistoryPage> {
    let c = content()?;
    let items = list_items(conn, "", limit, offset)?;
    let total = count(conn, "")?;
    Ok(FiveAreasHistoryPage {
        has_more: (offset as u64 + items.len() as u64) < total as u64,
        items,
        total,
        offset,
        limit,
        drafts: count(conn, WHERE_DRAFT)?,
        awaiting_review: count(conn, WHERE_AWAITING)?,
        charts: charts(conn, c)?,
        empty_text: (total == 0).then(|| c.labels.empty_history.clone()),
    })
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

#[cfg_attr(feature = "ffi", uniffi::export)]
impl Companion {
    /// Stores a new worksheet (complete, or a draft when `complete` is false).
    pub fn five_areas_create(&self, worksheet: FiveAreasInput) -> ApiResult<FiveAreasWorksheet> {
        let sheet = check_sheet(&worksheet)?;
        let now = self.now();
        let when =
            Moment::from_local_parts(now, worksheet.date.as_deref(), worksheet.time.as_deref())?;
        let id = validate::new_id();
        Ok(self.write(|tx| {
            insert_sheet(tx, &id, when, now, &sheet)?;
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
                return Err(Error::state(
                    "a reviewed worksheet cannot go back to being a draft",
                ));
            }
            let when = if worksheet.date.is_none() && worksheet.time.is_none() {
                stored
            } else {
                Moment::from_local_parts(now, worksheet.date.as_deref(), worksheet.time.as_deref())?
            };
            update_sheet(tx, &id, when, now, &sheet)?;
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
        return Err(Error::state(
            "only a finished worksheet with a chosen change can be reviewed",
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Guided flows
// ---------------------------------------------------------------------------------------

const S_INTRO: &str = "intro";
const S_LINKS: &str = "links";
const S_START: &str = "start";
const S_CHANGE: &str = "change";
const S_TITLE: &str = "title";

fn intensity_step(i: usize) -> String {
    format!("intensity-{}", i + 1)
}

fn scale(c: &Content) -> InputKind {
    InputKind::Scale {
        min: 0,
        max: 100,
        anchors: c.intensity.anchors.clone(),
    }
}

fn area_list_input() -> InputKind {
    InputKind::TextList {
        max_items: MAX_AREA_ITEMS as u32,
        max_chars: AREA_ITEM_MAX as u32,
    }
}

fn link_id(from: FiveAreasArea, to: FiveAreasArea) -> String {
    format!("{}>{}", from.id(), to.id())
}

fn parse_link_id(id: &str) -> Option<(FiveAreasArea, FiveAreasArea)> {
    let (a, b) = id.split_once('>')?;
    Some((FiveAreasArea::from_id(a)?, FiveAreasArea::from_id(b)?))
}

/// Walks a new worksheet: intro, situation, thoughts, feelings (a list, then a 0–100 rating
/// for each), body, behaviour, arrows, start area, the change, and an optional title.
struct WorksheetFlow;

impl WorksheetFlow {
    /// The worksheet the answers so far describe (complete once the flow is).
    fn sheet(a: &Answers) -> Result<Sheet> {
        let names = a.items(FiveAreasArea::Feelings.id());
        let feelings = names
            .iter()
            .enumerate()
            .map(|(i, n)| FiveAreasFeeling {
                name: n.clone(),
                intensity: a.scale(&intensity_step(i)).unwrap_or(0),
            })
            .collect();
        let links = a
            .choices(S_LINKS)
            .iter()
            .filter_map(|id| parse_link_id(id))
            .map(|(from_area, to_area)| FiveAreasLink {
                from_area,
                to_area,
                note: None,
            })
            .collect();
        let change = match (
            a.choice(S_START).and_then(FiveAreasArea::from_id),
            a.text(S_CHANGE),
        ) {
            (Some(start_area), Some(t)) => Some(FiveAreasChange {
                start_area,
                change: t.to_string(),
            }),
            _ => None,
        };
        check_sheet(&FiveAreasInput {
            title: a.text(S_TITLE).map(str::to_string),
            situation: a.text(FiveAreasArea::Situation.id()).map(str::to_string),
            thoughts: a.items(FiveAreasArea::Thoughts.id()).to_vec(),
            feelings,
            physical: a.items(FiveAreasArea::Physical.id()).to_vec(),
            behaviour: a.items(FiveAreasArea::Behaviour.id()).to_vec(),
            links,
            change,
            complete: true,
            ..Default::default()
        })
    }

    /// The areas answered so far, in order (the arrows may only join these).
    fn filled(a: &Answers) -> Vec<FiveAreasArea> {
        FiveAreasArea::ALL
            .into_iter()
            .filter(|area| match area {
                FiveAreasArea::Situation => a.text(area.id()).is_some(),
                _ => !a.items(area.id()).is_empty(),
            })
            .collect()
    }

    fn area_step(c: &Content, area: FiveAreasArea, input: InputKind) -> Result<StepSpec> {
        let t = c.area(area)?;
        Ok(StepSpec::new(area.id(), &t.prompt, input).help(&t.help))
    }
}

impl FlowDef for WorksheetFlow {
    fn tool(&self) -> &str {
        TOOL
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.tool.title.clone())
            .unwrap_or_else(|_| TOOL.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        use FiveAreasArea::*;
        if !a.has(S_INTRO) {
            return Ok(Some(
                StepSpec::new(S_INTRO, &c.intro.prompt, InputKind::Info).help(&c.intro.help),
            ));
        }
        if !a.has(Situation.id()) {
            let input = InputKind::Text {
                multiline: true,
                max_chars: LONG_TEXT as u32,
            };
            return Ok(Some(Self::area_step(c, Situation, input)?));
        }
        if !a.has(Thoughts.id()) {
            return Ok(Some(Self::area_step(c, Thoughts, area_list_input())?));
        }
        if !a.has(Feelings.id()) {
            let input = InputKind::TextList {
                max_items: MAX_FEELINGS as u32,
                max_chars: FEELING_NAME_MAX as u32,
            };
            return Ok(Some(Self::area_step(c, Feelings, input)?));
        }
        for (i, name) in a.items(Feelings.id()).iter().enumerate() {
            let id = intensity_step(i);
            if !a.has(&id) {
                return Ok(Some(
                    StepSpec::new(id, c.intensity.prompt.replace("{feeling}", name), scale(c))
                        .help(&c.intensity.help),
                ));
            }
        }
        for area in [Physical, Behaviour] {
            if !a.has(area.id()) {
                return Ok(Some(
                    Self::area_step(c, area, area_list_input())?.optional(),
                ));
            }
        }
        if !a.has(S_LINKS) {
            let filled = Self::filled(a);
            let mut choices = vec![];
            for &from in &filled {
                for &to in &filled {
                    if from != to {
                        choices.push(ChoiceOption {
                            id: link_id(from, to),
                            label: c.arrow(from, to),
                            help: None,
                        });
                    }
                }
            }
            let n = choices.len() as u32;
            return Ok(Some(
                StepSpec::new(
                    S_LINKS,
                    &c.links.prompt,
                    InputKind::Choice {
                        choices,
                        multiple: true,
                        min_selected: 1,
                        max_selected: n,
                    },
                )
                .help(&c.links.help)
                .optional(),
            ));
        }
        if !a.has(S_START) {
            let choices = c
                .areas
                .iter()
                .map(|t| ChoiceOption {
                    id: t.id.id().into(),
                    label: t.name.clone(),
                    help: Some(t.change_idea.clone()),
                })
                .collect();
            return Ok(Some(
                StepSpec::new(
                    S_START,
                    &c.start.prompt,
                    InputKind::Choice {
                        choices,
                        multiple: false,
                        min_selected: 1,
                        max_selected: 1,
                    },
                )
                .help(&c.start.help),
            ));
        }
        if !a.has(S_CHANGE) {
            let area = a
                .choice(S_START)
                .and_then(FiveAreasArea::from_id)
                .ok_or_else(|| Error::state("the start area is missing"))?;
            let help = format!("{}\n\n{}", c.change.help, c.area(area)?.change_idea);
            return Ok(Some(
                StepSpec::new(
                    S_CHANGE,
                    &c.change.prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(help),
            ));
        }
        if !a.has(S_TITLE) {
            return Ok(Some(
                StepSpec::new(
                    S_TITLE,
                    &c.title_step.prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: TITLE_MAX as u32,
                    },
                )
                .help(&c.title_step.help)
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, a: &Answers) -> u32 {
        // intro, 5 areas, links, start, change, title, plus a rating per feeling (at least
        // one before the feelings are named).
        10 + a.items(FiveAreasArea::Feelings.id()).len().max(1) as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (true, Answer::TextList { items }) =
            (step.id == FiveAreasArea::Feelings.id(), answer)
        {
            feeling_names(items)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let s = Self::sheet(a)?;
        let none = || c.labels.none.clone();
        let join = |v: &[String]| if v.is_empty() { none() } else { v.join("; ") };
        let mut p = SummaryParts::default();
        if let Some(ch) = &s.change {
            p.headline = Some(
                c.labels
                    .summary_headline
                    .replace("{area}", &c.area_name(ch.start_area)),
            );
        }
        use FiveAreasArea::*;
        p.item(
            c.area_name(Situation),
            s.situation.clone().unwrap_or_else(none),
        );
        p.item(c.area_name(Thoughts), join(&s.thoughts));
        let feelings: Vec<String> = s.feelings.iter().map(|f| c.feeling_line(f)).collect();
        p.item(c.area_name(Feelings), join(&feelings));
        p.item(c.area_name(Physical), join(&s.physical));
        p.item(c.area_name(Behaviour), join(&s.behaviour));
        let arrows: Vec<String> = s
            .links
            .iter()
            .map(|l| c.arrow(l.from_area, l.to_area))
            .collect();
        p.item(&c.labels.links, join(&arrows));
        if let Some(ch) = &s.change {
            p.item(&c.change.prompt, c.change_line(ch));
        }
        p.advice.push(c.labels.advice.clone());
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let sheet = Self::sheet(a)?;
        let id = validate::new_id();
        insert_sheet(tx, &id, now, now, &sheet)?;
        Ok(id)
    }
}

/// Reviews the change of one worksheet: tried?, what happened, a new rating per feeling
/// (each optional), and the next step.
struct ReviewFlow {
    worksheet_id: String,
    change: FiveAreasChange,
    feelings: Vec<FiveAreasFeeling>,
}

const S_TRIED: &str = "tried";
const S_HAPPENED: &str = "what-happened";
const S_NEXT: &str = "next-step";

fn rerate_step(i: usize) -> String {
    format!("rerate-{}", i + 1)
}

impl ReviewFlow {
    fn review(&self, a: &Answers) -> Result<CheckedReview> {
        let tried = a
            .choice(S_TRIED)
            .and_then(FiveAreasTried::from_id)
            .ok_or_else(|| Error::state("the review is not complete"))?;
        let rerated = self
            .feelings
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                a.scale(&rerate_step(i)).map(|v| FiveAreasFeeling {
                    name: f.name.clone(),
                    intensity: v,
                })
            })
            .collect();
        check_review(
            &self.feelings,
            &FiveAreasReviewInput {
                tried,
                what_happened: a.text(S_HAPPENED).map(str::to_string),
                rerated,
                next_step: a.text(S_NEXT).map(str::to_string),
            },
        )
    }
}

impl FlowDef for ReviewFlow {
    fn tool(&self) -> &str {
        TOOL_REVIEW
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.review_tool.title.clone())
            .unwrap_or_else(|_| TOOL_REVIEW.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        let r = &c.review;
        if !a.has(S_TRIED) {
            let choices = c
                .tried
                .iter()
                .map(|t| ChoiceOption {
                    id: t.id.id().into(),
                    label: t.label.clone(),
                    help: None,
                })
                .collect();
            return Ok(Some(
                StepSpec::new(
                    S_TRIED,
                    r.tried_prompt.replace("{change}", &self.change.change),
                    InputKind::Choice {
                        choices,
                        multiple: false,
                        min_selected: 1,
                        max_selected: 1,
                    },
                )
                .help(&r.tried_help),
            ));
        }
        if !a.has(S_HAPPENED) {
            return Ok(Some(
                StepSpec::new(
                    S_HAPPENED,
                    &r.what_happened_prompt,
                    InputKind::Text {
                        multiline: true,
                        max_chars: LONG_TEXT as u32,
                    },
                )
                .help(&r.what_happened_help)
                .optional(),
            ));
        }
        for (i, f) in self.feelings.iter().enumerate() {
            let id = rerate_step(i);
            if !a.has(&id) {
                let prompt = r
                    .rerate_prompt
                    .replace("{feeling}", &f.name)
                    .replace("{before}", &f.intensity.to_string());
                return Ok(Some(
                    StepSpec::new(id, prompt, scale(c))
                        .help(&r.rerate_help)
                        .optional(),
                ));
            }
        }
        if !a.has(S_NEXT) {
            return Ok(Some(
                StepSpec::new(
                    S_NEXT,
                    &r.next_step_prompt,
                    InputKind::Text {
                        multiline: false,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(&r.next_step_help)
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        3 + self.feelings.len() as u32
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let r = self.review(a)?;
        let tried = c.tried(r.tried)?;
        let mut p = SummaryParts {
            headline: Some(c.labels.review_line.replace("{tried}", &tried.label)),
            ..Default::default()
        };
        p.item(&c.change.prompt, c.change_line(&self.change));
        p.item(
            &c.review.what_happened_prompt,
            r.what_happened
                .clone()
                .unwrap_or_else(|| c.labels.none.clone()),
        );
        for f in &r.rerated {
            p.item(
                c.area_name(FiveAreasArea::Feelings),
                c.labels
                    .feeling_change
                    .replace("{feeling}", &f.name)
                    .replace("{before}", &f.before.to_string())
                    .replace("{after}", &f.after.to_string()),
            );
        }
        if let Some(n) = &r.next_step {
            p.item(&c.review.next_step_prompt, n);
        }
        p.advice.push(tried.advice.clone());
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        // Re-read: the worksheet may have been changed or deleted while the flow was open.
        let w = load(tx, &self.worksheet_id)?;
        reviewable(&w)?;
        let r = self.review(a)?;
        // Ratings of feelings renamed meanwhile cannot be matched: keep the rest.
        let kept: Vec<FiveAreasFeeling> = r
            .rerated
            .iter()
            .filter(|x| w.feelings.iter().any(|f| f.name == x.name))
            .map(|x| FiveAreasFeeling {
                name: x.name.clone(),
                intensity: x.after,
            })
            .collect();
        let r = check_review(
            &w.feelings,
            &FiveAreasReviewInput {
                tried: r.tried,
                what_happened: r.what_happened,
                rerated: kept,
                next_step: r.next_step,
            },
        )?;
        write_review(tx, &self.worksheet_id, now, &r)?;
        Ok(self.worksheet_id.clone())
    }

    fn subject_id(&self) -> Option<String> {
        Some(self.worksheet_id.clone())
    }
}

fn tools() -> Vec<ToolInfo> {
    let Ok(c) = content() else {
        return vec![];
    };
    vec![
        ToolInfo {
            id: TOOL.into(),
            title: c.tool.title.clone(),
            summary: c.tool.summary.clone(),
            group: "five-areas".into(),
            needs_subject: false,
        },
        ToolInfo {
            id: TOOL_REVIEW.into(),
            title: c.review_tool.title.clone(),
            summary: c.review_tool.summary.clone(),
            group: "five-areas".into(),
            needs_subject: true,
        },
    ]
}

fn make(
    tool: &str,
    subject: Option<&str>,
    conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    match tool {
        TOOL => Ok(Some(Box::new(WorksheetFlow))),
        TOOL_REVIEW => {
            let subject =
                subject.ok_or_else(|| Error::invalid("subject_id", "is needed for this tool"))?;
            let id = validate::id_arg("worksheet", subject)?;
            let w = load(conn, &id)?;
            reviewable(&w)?;
            let change = w
                .change
                .ok_or_else(|| Error::state("no change to review"))?;
            Ok(Some(Box::new(ReviewFlow {
                worksheet_id: id,
                change,
                feelings: w.feelings,
            })))
        }
        _ => Ok(None),
    }
}

/// The Five Areas flows, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };

#[cfg(test)]
mod tests;
