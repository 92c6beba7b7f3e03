//! The plan's storage: one plan per store, each section a short list in order.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::clock::Moment;
use crate::crisis::content::{content, Content};
use crate::error::{Error, Result};
use crate::ids::SafetyPlanSectionKind;
use crate::rules::{MAX_LIST_ITEMS, SHORT_TEXT};
use crate::validate;

use super::types::*;

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

/// Each section with its items, in plan order.
pub(super) type SectionItems = Vec<(SafetyPlanSectionKind, Vec<String>)>;

pub(super) fn plan_id(conn: &Connection) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, local_date FROM safety_plans WHERE singleton = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The plan's id, creating the plan if needed, and marks it changed now.
pub(super) fn touch_plan(tx: &Transaction, now: Moment) -> Result<String> {
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

pub(super) fn write_section(
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
pub(super) fn read_items(conn: &Connection) -> Result<(SectionItems, Option<String>)> {
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

pub(super) fn build_plan(c: &Content, items: SectionItems, updated: Option<String>) -> SafetyPlan {
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
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM safety_plan_items)")?
        .query_row([], |r| r.get(0))?)
}

/// Validates one section's list: every item a single line of at most 200 characters, at
/// most 30 items, no item twice (ignoring case).
pub(super) fn check_section(kind: SafetyPlanSectionKind, items: &[String]) -> Result<Vec<String>> {
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
