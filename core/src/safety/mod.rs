//! Safety: "Help now" and the person's own safety plan. The crisis contacts and the safety
//! notice it shows are the safety net below every tool ([`crate::crisis`]).
//!
//! The safety plan follows the six steps of Stanley & Brown's Safety Planning Intervention
//! (warning signs; things I can do alone; people and places that distract; people I can ask
//! for help; professionals and services; making the environment safe), plus reasons for
//! living as the Stay Alive app adds. Each section is a short list the person edits. There is
//! one plan per store.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::crisis::content::{content, Content};
use crate::crisis::{crisis_contacts, CrisisContact};
use crate::error::{ApiResult, Error, Result};
use crate::flow::{
    Answer, Answers, FlowDef, InputKind, StepSpec, SummaryParts, ToolInfo, ToolModule,
};
use crate::ids::{SafetyPlanSectionKind, ToolGroup, ToolId};
use crate::rules::{MAX_LIST_ITEMS, SHORT_TEXT};
use crate::store::WellbeingStore;
use crate::validate;

mod without_store;
pub use without_store::help_now_without_store;

pub(crate) const SCHEMA: &str = "
CREATE TABLE safety_plans (
    id TEXT PRIMARY KEY NOT NULL,
    -- one plan per store: a second row cannot be inserted
    singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE TABLE safety_plan_items (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES safety_plans(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (plan_id, section, position)
);
";

/// Tool id of the guided safety-plan flow.
pub(crate) const TOOL_PLAN: &str = "safety-plan";

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

/// One section of the plan with its wording and the person's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanSection {
    pub section: SafetyPlanSectionKind,
    pub title: String,
    pub prompt: String,
    pub help: String,
    pub items: Vec<String>,
}

/// The whole plan: always every section, in order (empty lists when nothing is written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlan {
    pub title: String,
    pub sections: Vec<SafetyPlanSection>,
    /// "YYYY-MM-DD" of the last change; `None` when no plan has been saved.
    pub updated: Option<String>,
    pub is_empty: bool,
}

/// A whole plan to store: each list replaces that section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanInput {
    pub warning_signs: Vec<String>,
    pub coping_strategies: Vec<String>,
    pub social_distractions: Vec<String>,
    pub people_to_ask: Vec<String>,
    pub professionals: Vec<String>,
    pub safe_environment: Vec<String>,
    pub reasons_for_living: Vec<String>,
}

impl SafetyPlanInput {
    fn section(&self, kind: SafetyPlanSectionKind) -> &[String] {
        use SafetyPlanSectionKind::*;
        match kind {
            WarningSigns => &self.warning_signs,
            CopingStrategies => &self.coping_strategies,
            SocialDistractions => &self.social_distractions,
            PeopleToAsk => &self.people_to_ask,
            Professionals => &self.professionals,
            SafeEnvironment => &self.safe_environment,
            ReasonsForLiving => &self.reasons_for_living,
        }
    }
}

/// The "Help now" screen: crisis contacts first, then the person's plan when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyHelpNow {
    pub title: String,
    pub intro: String,
    pub contacts: Vec<CrisisContact>,
    pub plan_heading: String,
    /// The plan, or `None` when none is written or the store could not be read.
    pub plan: Option<SafetyPlan>,
    /// Shown instead of the plan when there is none, or when it could not be read (then it
    /// says so, rather than "not written", which would be untrue).
    pub no_plan_text: Option<String>,
    /// Why the plan is or is not shown, so a shell can offer "write a plan" only when that
    /// is the truth.
    pub plan_status: PlanStatus,
    /// Heading of the grounding exercise shown beside the contacts.
    pub grounding_heading: String,
    /// A short slow-breathing exercise, one step per line: something to do right now while
    /// deciding whom to call.
    pub grounding: Vec<String>,
}

/// What happened to the safety plan on the "Help now" screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// The plan was read and has something in it.
    Shown,
    /// The store was read and no plan is written.
    NotWritten,
    /// The store is there but could not be read (corrupt, locked, from a newer version, or
    /// not ours): the plan may exist, so "not written" must not be said.
    Unreadable,
    /// There is no store (no path given, or no file at the path).
    NoStore,
}

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

/// Each section with its items, in plan order.
type SectionItems = Vec<(SafetyPlanSectionKind, Vec<String>)>;

fn plan_id(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, local_date FROM safety_plans WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The plan's id, creating the plan if needed, and marks it changed now.
fn touch_plan(tx: &Transaction, now: Moment) -> Result<String> {
    if let Some((id, _)) = plan_id(tx)? {
        tx.execute(
            "UPDATE safety_plans SET utc_ms = ?2, utc_offset_min = ?3, local_date = ?4,
                local_time = ?5, updated_utc_ms = ?2 WHERE id = ?1",
            params![
                id,
                now.utc_ms,
                now.offset_min,
                now.date_string(),
                now.time_string()
            ],
        )?;
        return Ok(id);
    }
    let id = validate::new_id();
    tx.execute(
        "INSERT INTO safety_plans (id, utc_ms, utc_offset_min, local_date, local_time,
            created_utc_ms, updated_utc_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?2, ?2)",
        params![
            id,
            now.utc_ms,
            now.offset_min,
            now.date_string(),
            now.time_string()
        ],
    )?;
    Ok(id)
}

fn write_section(
    tx: &Transaction,
    plan: &str,
    kind: SafetyPlanSectionKind,
    items: &[String],
) -> Result<()> {
    tx.execute(
        "DELETE FROM safety_plan_items WHERE plan_id = ?1 AND section = ?2",
        params![plan, kind.id()],
    )?;
    let mut st = tx.prepare_cached(
        "INSERT INTO safety_plan_items (id, plan_id, section, position, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, text) in items.iter().enumerate() {
        st.execute(params![validate::new_id(), plan, kind.id(), i as i64, text])?;
    }
    Ok(())
}

/// The stored items of every section (empty lists when none), and the date last changed.
fn read_items(conn: &Connection) -> Result<(SectionItems, Option<String>)> {
    let mut out: SectionItems = SafetyPlanSectionKind::ALL
        .into_iter()
        .map(|k| (k, vec![]))
        .collect();
    let Some((id, date)) = plan_id(conn)? else {
        return Ok((out, None));
    };
    let mut st = conn.prepare_cached(
        "SELECT section, text FROM safety_plan_items WHERE plan_id = ?1 ORDER BY section, position",
    )?;
    let rows = st.query_map([&id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (section, text) = row?;
        // A section this build does not know (written by a later version) is left alone.
        if let Some(kind) = SafetyPlanSectionKind::from_id(&section) {
            if let Some((_, items)) = out.iter_mut().find(|(k, _)| *k == kind) {
                items.push(text);
            }
        }
    }
    Ok((out, Some(date)))
}

fn build_plan(c: &Content, items: SectionItems, updated: Option<String>) -> SafetyPlan {
    let is_empty = items.iter().all(|(_, i)| i.is_empty());
    let sections = items
        .into_iter()
        .map(|(kind, items)| {
            let text = c.sections.iter().find(|s| s.id == kind);
            SafetyPlanSection {
                section: kind,
                title: text.map(|t| t.title.clone()).unwrap_or_default(),
                prompt: text.map(|t| t.prompt.clone()).unwrap_or_default(),
                help: text.map(|t| t.help.clone()).unwrap_or_default(),
                items,
            }
        })
        .collect();
    SafetyPlan {
        title: c.plan.title.clone(),
        sections,
        updated,
        is_empty,
    }
}

pub(crate) fn load_plan(conn: &Connection) -> Result<SafetyPlan> {
    let (items, updated) = read_items(conn)?;
    Ok(build_plan(content()?, items, updated))
}

/// True when the person has written anything in a safety plan (for the today view: offer
/// to write one, or show it one tap from "Help now").
#[allow(dead_code)] // called by the today view
pub(crate) fn has_plan(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM safety_plan_items)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Validates one section's list: every item a single line of at most 200 characters, at
/// most 30 items, no item twice (ignoring case).
fn check_section(kind: SafetyPlanSectionKind, items: &[String]) -> Result<Vec<String>> {
    let field = kind.id();
    let items = validate::text_list(field, items, MAX_LIST_ITEMS, SHORT_TEXT)?;
    let mut seen: Vec<String> = Vec::with_capacity(items.len());
    for i in &items {
        let key = i.to_lowercase();
        if seen.contains(&key) {
            return Err(Error::invalid(field, crate::rules::RuleCode::Duplicate));
        }
        seen.push(key);
    }
    Ok(items)
}

/// Every stored item must sit in a section this build knows and keep the rules the plan's
/// form keeps (one line, short, at most so many to a section): the plan is read with unknown
/// sections left out, so an import must refuse them rather than store items nobody sees.
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT section, text FROM safety_plan_items ORDER BY plan_id, section, position",
    )?;
    let rows: Vec<(String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_section: Vec<(SafetyPlanSectionKind, Vec<String>)> = vec![];
    for (section, text) in rows {
        let kind = SafetyPlanSectionKind::from_id(&section)
            .ok_or_else(|| Error::unreadable("safety plan item", ""))?;
        match by_section.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, items)) => items.push(text),
            None => by_section.push((kind, vec![text])),
        }
    }
    for (kind, items) in &by_section {
        let clean = check_section(*kind, items)?;
        if clean != *items {
            return Err(Error::unreadable("safety plan item", ""));
        }
    }
    Ok(())
}

/// What reading the plan gave, for [`help_now_from`].
pub(crate) enum PlanRead {
    Read(SafetyPlan),
    Unreadable,
    NoStore,
}

/// The "Help now" screen from whatever could be read: the one place its fields are filled, for
/// both the store's `help_now()` and [`help_now_without_store`].
pub(crate) fn help_now_from(read: PlanRead) -> SafetyHelpNow {
    let contacts = crisis_contacts();
    let text = content().ok();
    let (plan, plan_status) = match read {
        PlanRead::Read(p) if !p.is_empty => (Some(p), PlanStatus::Shown),
        PlanRead::Read(_) => (None, PlanStatus::NotWritten),
        PlanRead::Unreadable => (None, PlanStatus::Unreadable),
        PlanRead::NoStore => (None, PlanStatus::NoStore),
    };
    let Some(c) = text else {
        // Only if the content file were broken: plain words so the screen still works.
        return SafetyHelpNow {
            title: "Help now".to_string(),
            intro: "If your life is in danger, call 999 or go to A&E now.".to_string(),
            contacts,
            plan_heading: "Your safety plan".to_string(),
            plan,
            no_plan_text: None,
            plan_status,
            grounding_heading: String::new(),
            grounding: vec![],
        };
    };
    let t = &c.help_now;
    let no_plan_text = match plan_status {
        PlanStatus::Shown => None,
        PlanStatus::NotWritten | PlanStatus::NoStore => Some(t.no_plan.clone()),
        PlanStatus::Unreadable => Some(t.plan_unreadable.clone()),
    };
    SafetyHelpNow {
        title: t.title.clone(),
        intro: t.intro.clone(),
        contacts,
        plan_heading: t.plan_heading.clone(),
        plan,
        no_plan_text,
        plan_status,
        grounding_heading: c.grounding.heading.clone(),
        grounding: c.grounding.steps.clone(),
    }
}

// ---------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// UK crisis contacts (the same list as the free function [`crisis_contacts`]).
    pub fn crisis_contacts(&self) -> Vec<CrisisContact> {
        crisis_contacts()
    }

    /// The "Help now" screen. Never fails: if the store cannot be read the contacts are still
    /// returned, without the plan and with `plan_status` `Unreadable`.
    pub fn help_now(&self) -> ApiResult<SafetyHelpNow> {
        let read = match self.read(load_plan) {
            Ok(p) => PlanRead::Read(p),
            Err(_) => PlanRead::Unreadable,
        };
        Ok(help_now_from(read))
    }

    /// The person's safety plan; every section is present, empty when nothing is written.
    pub fn safety_plan(&self) -> ApiResult<SafetyPlan> {
        Ok(self.read(load_plan)?)
    }

    /// Replaces one section's list (an empty list clears it) and returns the plan.
    pub fn safety_plan_set_section(
        &self,
        section: SafetyPlanSectionKind,
        items: Vec<String>,
    ) -> ApiResult<SafetyPlan> {
        let items = check_section(section, &items)?;
        let now = self.now();
        Ok(self.write(|tx| {
            let id = touch_plan(tx, now)?;
            write_section(tx, &id, section, &items)?;
            load_plan(tx)
        })?)
    }

    /// Replaces the whole plan. Nothing is written unless every section is valid.
    pub fn safety_plan_update(&self, plan: SafetyPlanInput) -> ApiResult<SafetyPlan> {
        let mut checked = Vec::with_capacity(SafetyPlanSectionKind::ALL.len());
        for kind in SafetyPlanSectionKind::ALL {
            checked.push((kind, check_section(kind, plan.section(kind))?));
        }
        let now = self.now();
        Ok(self.write(|tx| {
            let id = touch_plan(tx, now)?;
            for (kind, items) in &checked {
                write_section(tx, &id, *kind, items)?;
            }
            load_plan(tx)
        })?)
    }

    /// Deletes the plan and all its items (a real delete) and returns the empty plan.
    pub fn safety_plan_delete(&self) -> ApiResult<SafetyPlan> {
        Ok(self.write(|tx| {
            tx.execute("DELETE FROM safety_plans", [])?;
            load_plan(tx)
        })?)
    }
}

// ---------------------------------------------------------------------------------------
// Guided flow
// ---------------------------------------------------------------------------------------

/// Walks the sections in order. The engine offers `previous_answer` only for steps undone
/// with "back" and a tool cannot seed it, so the current items are shown in each step's help
/// instead, and `Skip` keeps a section as it is; a list answer replaces the section.
struct PlanFlow {
    current: SectionItems,
}

const INTRO: &str = "intro";

impl PlanFlow {
    fn current(&self, kind: SafetyPlanSectionKind) -> &[String] {
        self.current
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, i)| i.as_slice())
            .unwrap_or(&[])
    }

    /// The section's items after the flow: the answer if one was given, else as they were.
    fn result(&self, kind: SafetyPlanSectionKind, a: &Answers) -> Vec<String> {
        match a.get(kind.id()) {
            Some(Answer::TextList { items }) => items.clone(),
            _ => self.current(kind).to_vec(),
        }
    }
}

impl FlowDef for PlanFlow {
    fn tool(&self) -> ToolId {
        ToolId::SafetyPlan
    }

    fn title(&self) -> String {
        content()
            .map(|c| c.plan.title.clone())
            .unwrap_or_else(|_| TOOL_PLAN.into())
    }

    fn next_step(&self, a: &Answers) -> Result<Option<StepSpec>> {
        let c = content()?;
        if !a.has(INTRO) {
            return Ok(Some(
                StepSpec::new(INTRO, &c.plan.intro_prompt, InputKind::Info)
                    .help(&c.plan.intro_help),
            ));
        }
        for s in &c.sections {
            if a.has(s.id.id()) {
                continue;
            }
            let current = self.current(s.id);
            let extra = if current.is_empty() {
                c.plan.empty_help.clone()
            } else {
                c.plan.keep_help.replace("{items}", &current.join("; "))
            };
            return Ok(Some(
                StepSpec::new(
                    s.id.id(),
                    &s.prompt,
                    InputKind::TextList {
                        max_items: MAX_LIST_ITEMS as u32,
                        max_chars: SHORT_TEXT as u32,
                    },
                )
                .help(format!("{}\n\n{}", s.help, extra))
                .optional(),
            ));
        }
        Ok(None)
    }

    fn total_steps(&self, _: &Answers) -> u32 {
        1 + SafetyPlanSectionKind::ALL.len() as u32
    }

    fn check(&self, step: &StepSpec, answer: &Answer, _: &Answers) -> Result<()> {
        if let (Some(kind), Answer::TextList { items }) =
            (SafetyPlanSectionKind::from_id(&step.id), answer)
        {
            check_section(kind, items)?;
        }
        Ok(())
    }

    fn summary(&self, a: &Answers) -> Result<SummaryParts> {
        let c = content()?;
        let mut p = SummaryParts {
            headline: Some(c.plan.headline.clone()),
            advice: c.plan.advice.clone(),
            ..Default::default()
        };
        for s in &c.sections {
            let items = self.result(s.id, a);
            let value = if items.is_empty() {
                c.plan.empty_section.clone()
            } else {
                items.join("; ")
            };
            p.item(&s.title, value);
        }
        Ok(p)
    }

    fn save(&self, tx: &Transaction, now: Moment, a: &Answers) -> Result<String> {
        let id = touch_plan(tx, now)?;
        for kind in SafetyPlanSectionKind::ALL {
            if let Some(Answer::TextList { items }) = a.get(kind.id()) {
                write_section(tx, &id, kind, items)?;
            }
        }
        Ok(id)
    }
}

fn tools() -> Vec<ToolInfo> {
    let (title, summary) = content()
        .map(|c| (c.plan.title.clone(), c.plan.summary.clone()))
        .unwrap_or_else(|_| (TOOL_PLAN.into(), String::new()));
    vec![ToolInfo {
        id: ToolId::SafetyPlan,
        title,
        summary,
        group: ToolGroup::Safety,
        needs_subject: false,
    }]
}

fn make(
    tool: &str,
    _subject: Option<&str>,
    conn: &Connection,
    _now: Moment,
) -> Result<Option<Box<dyn FlowDef>>> {
    if tool != TOOL_PLAN {
        return Ok(None);
    }
    let (current, _) = read_items(conn)?;
    Ok(Some(Box::new(PlanFlow { current })))
}

/// The safety module's flows, for `flow::modules()`.
pub(crate) const MODULE: ToolModule = ToolModule { tools, make };

#[cfg(test)]
mod tests;
