//! Validation of an answer and its storage.
//!
//! Tables: `scaling_scales` (one row per template + subject + range, alive only while it has
//! answers), `scaling_entries` (each answer with its range, value, note and the moment lived)
//! and `scaling_follow_ups` (each follow-up question as it was asked, with its answer).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::content::{self, Content, SubjectRule, Template};
use super::{
    FeelingWord, ScalingEntry, ScalingFollowUp, ScalingInput, ANCHOR_LABEL_MAX, FOLLOW_UP_MAX,
};
use crate::clock::{self, Moment};
use crate::error::{Error, Result};
use crate::validate;

pub(crate) const SCHEMA: &str = "
CREATE TABLE scaling_scales (
    id TEXT PRIMARY KEY NOT NULL,
    template TEXT NOT NULL,
    subject TEXT,
    subject_key TEXT NOT NULL,
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    min_label TEXT,
    max_label TEXT,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL,
    UNIQUE (template, subject_key, scale_min, scale_max)
);
CREATE TABLE scaling_entries (
    id TEXT PRIMARY KEY NOT NULL,
    scale_id TEXT NOT NULL REFERENCES scaling_scales(id) ON DELETE CASCADE,
    value INTEGER NOT NULL,
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    note TEXT,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL,
    CHECK (value BETWEEN scale_min AND scale_max)
);
CREATE INDEX scaling_entries_scale ON scaling_entries(scale_id, utc_ms);
CREATE INDEX scaling_entries_date ON scaling_entries(local_date);
CREATE INDEX scaling_entries_scale_day ON scaling_entries(scale_id, local_date, utc_ms);
CREATE TABLE scaling_follow_ups (
    entry_id TEXT NOT NULL REFERENCES scaling_entries(id) ON DELETE CASCADE,
    follow_up TEXT NOT NULL,
    position INTEGER NOT NULL,
    prompt TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (entry_id, follow_up)
);
CREATE TABLE scaling_entry_feelings (
    entry_id TEXT NOT NULL REFERENCES scaling_entries(id) ON DELETE CASCADE,
    feeling TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, feeling)
) WITHOUT ROWID;
";

/// Added in schema version 3 (the same table as in [`SCHEMA`]).
pub(crate) const FEELINGS_TABLE: &str = "
CREATE TABLE scaling_entry_feelings (
    entry_id TEXT NOT NULL REFERENCES scaling_entries(id) ON DELETE CASCADE,
    feeling TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, feeling)
) WITHOUT ROWID;
";

/// Added in schema version 3 (the same index as in [`SCHEMA`]).
pub(crate) const DAY_INDEX: &str =
    "CREATE INDEX scaling_entries_scale_day ON scaling_entries(scale_id, local_date, utc_ms);";

/// A scale as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScaleRow {
    pub id: String,
    pub template: String,
    pub subject: Option<String>,
    pub min: i32,
    pub max: i32,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
}

/// An answer reduced to what trends and charts need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Point {
    pub value: i32,
    pub date: NaiveDate,
    pub utc_ms: i64,
}

/// A validated answer, ready to store.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub template: &'static Template,
    pub subject: Option<String>,
    pub subject_key: String,
    pub min: i32,
    pub max: i32,
    pub value: i32,
    pub min_label: Option<String>,
    pub max_label: Option<String>,
    pub follow_ups: Vec<ScalingFollowUp>,
    pub note: Option<String>,
    /// Feeling word ids, checked against the list.
    pub feelings: Vec<String>,
}

/// What the app needs to read a stored scale: a template it knows, a range the template
/// allows, and answers on the scale's own range. An import refuses anything else rather
/// than store check-ins no screen can draw.
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    let c = content::content()?;
    let bad = || Error::unreadable("scale", "");
    let mut st =
        conn.prepare_cached("SELECT template, scale_min, scale_max FROM scaling_scales")?;
    let scales: Vec<(String, i32, i32)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, min, max) in scales {
        let t = c.template(&id).ok_or_else(bad)?;
        if max != c.max || !t.allowed_mins.contains(&min) {
            return Err(bad());
        }
    }
    let off_range: i64 = conn.query_row(
        "SELECT count(*) FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
         WHERE e.scale_min != s.scale_min OR e.scale_max != s.scale_max",
        [],
        |r| r.get(0),
    )?;
    if off_range > 0 {
        return Err(bad());
    }
    let mut st = conn.prepare_cached("SELECT DISTINCT feeling FROM scaling_entry_feelings")?;
    let words: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if words.iter().any(|w| c.feelings.label_of(w).is_none()) {
        return Err(bad());
    }
    Ok(())
}

pub(crate) fn template(c: &'static Content, id: &str) -> Result<&'static Template> {
    c.template(id.trim())
        .ok_or_else(|| Error::invalid("template", crate::rules::RuleCode::NotOnList))
}

/// The bottom of the scale: the template's first allowed one unless another allowed one is asked for.
pub(crate) fn check_min(t: &Template, asked: Option<i32>) -> Result<i32> {
    let first = t.allowed_mins.first().copied().unwrap_or(0);
    match asked {
        None => Ok(first),
        Some(m) if t.allowed_mins.contains(&m) => Ok(m),
        Some(_) => Err(Error::invalid(
            "scale_min",
            crate::rules::RuleCode::NotOnList,
        )),
    }
}

/// Tidies a subject so it reads well inside the question: a leading "to " is dropped (the
/// question already says "to") and so is closing punctuation. Custom questions are kept as
/// written.
pub(crate) fn tidy_subject(c: &Content, t: &Template, s: String) -> String {
    if t.id == "custom" {
        return s;
    }
    let mut out = s.as_str();
    for p in &c.subject_strip_prefixes {
        if out.len() > p.len()
            && out.is_char_boundary(p.len())
            && out[..p.len()].eq_ignore_ascii_case(p)
        {
            out = out[p.len()..].trim_start();
        }
    }
    out.trim_end_matches(['.', '?', '!', ' ']).to_string()
}

/// How answers are grouped: the same words whatever the case or spacing.
fn subject_key(s: Option<&str>) -> String {
    s.map(|s| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
    .unwrap_or_default()
}

/// Checks every rule of an answer. Errors name the field and the rule, never the words.
pub(crate) fn prepare(c: &'static Content, input: &ScalingInput) -> Result<Prepared> {
    let t = template(c, &input.template)?;
    let min = check_min(t, input.scale_min)?;
    let max = c.max;
    let value = validate::in_range("value", input.value as i64, min as i64, max as i64)? as i32;
    let subject = match t.subject {
        SubjectRule::None => {
            if validate::optional_text("subject", input.subject.as_deref(), usize::MAX, false)?
                .is_some()
            {
                return Err(Error::invalid(
                    "subject",
                    crate::rules::RuleCode::NotApplicable,
                ));
            }
            None
        }
        SubjectRule::Required => Some(validate::required_text(
            "subject",
            input.subject.as_deref().unwrap_or_default(),
            crate::rules::SHORT_TEXT,
            false,
        )?),
        SubjectRule::Optional => validate::optional_text(
            "subject",
            input.subject.as_deref(),
            crate::rules::SHORT_TEXT,
            false,
        )?,
    };
    let subject = match subject.map(|s| tidy_subject(c, t, s)) {
        Some(s) if s.is_empty() => {
            return Err(Error::invalid("subject", crate::rules::RuleCode::Required))
        }
        other => other,
    };
    let (min_label, max_label) = if t.id == "custom" {
        (
            validate::optional_text(
                "min_label",
                input.min_label.as_deref(),
                ANCHOR_LABEL_MAX,
                false,
            )?,
            validate::optional_text(
                "max_label",
                input.max_label.as_deref(),
                ANCHOR_LABEL_MAX,
                false,
            )?,
        )
    } else {
        for (field, v) in [
            ("min_label", &input.min_label),
            ("max_label", &input.max_label),
        ] {
            if v.as_deref().is_some_and(|s| !s.trim().is_empty()) {
                return Err(Error::invalid(field, crate::rules::RuleCode::NotApplicable));
            }
        }
        (None, None)
    };
    let offered = content::follow_ups(c, t, value, min, max);
    let mut seen: Vec<&str> = vec![];
    for a in &input.follow_ups {
        let id = a.follow_up_id.trim();
        if !offered.iter().any(|f| f.id == id) {
            return Err(Error::invalid(
                "follow_ups",
                crate::rules::RuleCode::NotApplicable,
            ));
        }
        if seen.contains(&id) {
            return Err(Error::invalid(
                "follow_ups",
                crate::rules::RuleCode::Duplicate,
            ));
        }
        seen.push(id);
    }
    let mut follow_ups = vec![];
    for f in offered {
        let given = input
            .follow_ups
            .iter()
            .find(|a| a.follow_up_id.trim() == f.id);
        if let Some(a) = given {
            if let Some(answer) =
                validate::optional_text("follow_ups", Some(&a.answer), FOLLOW_UP_MAX, true)?
            {
                follow_ups.push(ScalingFollowUp {
                    follow_up_id: f.id,
                    prompt: f.prompt,
                    answer,
                });
            }
        }
    }
    let note =
        validate::optional_text("note", input.note.as_deref(), crate::rules::LONG_TEXT, true)?;
    let feelings = check_feelings(c, t, &input.feelings)?;
    Ok(Prepared {
        template: t,
        subject_key: subject_key(subject.as_deref()),
        subject,
        min,
        max,
        value,
        min_label,
        max_label,
        follow_ups,
        note,
        feelings,
    })
}

/// Feeling words: only where the template asks for them, each from the list, no repeats,
/// at most the content's limit. A bad one is named by its position.
fn check_feelings(c: &Content, t: &Template, given: &[String]) -> Result<Vec<String>> {
    if given.is_empty() {
        return Ok(vec![]);
    }
    if !t.asks_feelings {
        return Err(Error::invalid(
            "feelings",
            crate::rules::RuleCode::NotApplicable,
        ));
    }
    let max = c.feelings.max_selected as usize;
    if given.len() > max {
        return Err(Error::invalid_limit(
            "feelings",
            crate::rules::RuleCode::TooManyItems,
            max as i64,
        ));
    }
    let mut out: Vec<String> = vec![];
    for (i, w) in given.iter().enumerate() {
        let id = w.trim();
        let at = |rule| Error::invalid("feelings", rule).at_item(i);
        if c.feelings.label_of(id).is_none() {
            return Err(at(crate::rules::RuleCode::NotOnList));
        }
        if out.iter().any(|o| o == id) {
            return Err(at(crate::rules::RuleCode::Duplicate));
        }
        out.push(id.to_string());
    }
    Ok(out)
}

/// The scale an answer belongs to, created on first use. Its display words and (for custom
/// scales) labels follow the latest answer.
fn scale_for(tx: &Transaction, p: &Prepared, now: Moment) -> Result<String> {
    let found: Option<String> = tx
        .query_row(
            "SELECT id FROM scaling_scales
             WHERE template = ?1 AND subject_key = ?2 AND scale_min = ?3 AND scale_max = ?4",
            params![p.template.id, p.subject_key, p.min, p.max],
            |r| r.get(0),
        )
        .optional()?;
    match found {
        Some(id) => {
            tx.execute(
                "UPDATE scaling_scales SET subject = ?2,
                    min_label = COALESCE(?3, min_label), max_label = COALESCE(?4, max_label),
                    updated_utc_ms = ?5 WHERE id = ?1",
                params![id, p.subject, p.min_label, p.max_label, now.utc_ms],
            )?;
            Ok(id)
        }
        None => {
            let id = validate::new_id();
            tx.execute(
                "INSERT INTO scaling_scales (id, template, subject, subject_key, scale_min,
                    scale_max, min_label, max_label, created_utc_ms, updated_utc_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    id,
                    p.template.id,
                    p.subject,
                    p.subject_key,
                    p.min,
                    p.max,
                    p.min_label,
                    p.max_label,
                    now.utc_ms
                ],
            )?;
            Ok(id)
        }
    }
}

fn write_follow_ups(tx: &Transaction, entry_id: &str, p: &Prepared) -> Result<()> {
    tx.execute(
        "DELETE FROM scaling_follow_ups WHERE entry_id = ?1",
        [entry_id],
    )?;
    for (i, f) in p.follow_ups.iter().enumerate() {
        tx.execute(
            "INSERT INTO scaling_follow_ups (entry_id, follow_up, position, prompt, answer)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![entry_id, f.follow_up_id, i as i64, f.prompt, f.answer],
        )?;
    }
    Ok(())
}

fn write_feelings(tx: &Transaction, entry_id: &str, p: &Prepared) -> Result<()> {
    tx.execute(
        "DELETE FROM scaling_entry_feelings WHERE entry_id = ?1",
        [entry_id],
    )?;
    let mut st = tx.prepare_cached(
        "INSERT INTO scaling_entry_feelings (entry_id, feeling, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, f) in p.feelings.iter().enumerate() {
        st.execute(params![entry_id, f, i as i64])?;
    }
    Ok(())
}

/// Drops a scale that has no answers left, so its words do not outlive them.
fn prune_scale(tx: &Transaction, scale_id: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM scaling_scales WHERE id = ?1
         AND NOT EXISTS (SELECT 1 FROM scaling_entries WHERE scale_id = ?1)",
        [scale_id],
    )?;
    Ok(())
}

/// Writes an answer's own row whole (new, or replacing the one with this id).
fn write_entry(
    tx: &Transaction,
    id: &str,
    scale_id: &str,
    p: &Prepared,
    at: Moment,
    now: Moment,
) -> Result<()> {
    crate::store::write_record(
        tx,
        "scaling_entries",
        id,
        &[
            ("scale_id", &scale_id),
            ("value", &p.value),
            ("scale_min", &p.min),
            ("scale_max", &p.max),
            ("note", &p.note),
        ],
        at,
        now,
    )
}

pub(crate) fn insert(tx: &Transaction, p: &Prepared, at: Moment, now: Moment) -> Result<String> {
    let scale_id = scale_for(tx, p, now)?;
    let id = validate::new_id();
    write_entry(tx, &id, &scale_id, p, at, now)?;
    write_follow_ups(tx, &id, p)?;
    write_feelings(tx, &id, p)?;
    Ok(id)
}

/// The moment an answer was lived (for edits that keep it).
pub(crate) fn entry_time(conn: &Connection, id: &str) -> Result<Moment> {
    let row: Option<(i64, i32, String, String)> = conn
        .query_row(
            "SELECT utc_ms, utc_offset_min, local_date, local_time FROM scaling_entries WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (utc_ms, offset_min, date, time) =
        row.ok_or_else(|| Error::not_found("scaling entry", id))?;
    let local = clock::parse_date("date", &date)?.and_time(clock::parse_time("time", &time)?);
    Ok(Moment {
        utc_ms,
        offset_min,
        local,
    })
}

pub(crate) fn update(
    tx: &Transaction,
    id: &str,
    p: &Prepared,
    at: Moment,
    now: Moment,
) -> Result<()> {
    let old_scale: String = tx
        .query_row(
            "SELECT scale_id FROM scaling_entries WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("scaling entry", id))?;
    let scale_id = scale_for(tx, p, now)?;
    write_entry(tx, id, &scale_id, p, at, now)?;
    write_follow_ups(tx, id, p)?;
    write_feelings(tx, id, p)?;
    if old_scale != scale_id {
        prune_scale(tx, &old_scale)?;
    }
    Ok(())
}

pub(crate) fn delete(tx: &Transaction, id: &str) -> Result<()> {
    let scale: String = tx
        .query_row(
            "SELECT scale_id FROM scaling_entries WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("scaling entry", id))?;
    tx.execute("DELETE FROM scaling_entries WHERE id = ?1", [id])?;
    prune_scale(tx, &scale)
}

const SCALE_COLUMNS: &str = "id, template, subject, scale_min, scale_max, min_label, max_label";

fn scale_row(r: &Row) -> rusqlite::Result<ScaleRow> {
    Ok(ScaleRow {
        id: r.get(0)?,
        template: r.get(1)?,
        subject: r.get(2)?,
        min: r.get(3)?,
        max: r.get(4)?,
        min_label: r.get(5)?,
        max_label: r.get(6)?,
    })
}

pub(crate) fn load_scale(conn: &Connection, id: &str) -> Result<ScaleRow> {
    conn.query_row(
        &format!("SELECT {SCALE_COLUMNS} FROM scaling_scales WHERE id = ?1"),
        [id],
        scale_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("scale", id))
}

pub(crate) fn all_scales(conn: &Connection) -> Result<Vec<ScaleRow>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {SCALE_COLUMNS} FROM scaling_scales ORDER BY created_utc_ms, id"
    ))?;
    let rows = st.query_map([], scale_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The shape of the check-in scale (it has no subject and a fixed range), for charts drawn
/// before any check-in exists.
pub(crate) fn check_in_scale_shape(c: &Content) -> ScaleRow {
    ScaleRow {
        id: String::new(),
        template: "checkin".into(),
        subject: None,
        min: c
            .template("checkin")
            .and_then(|t| t.allowed_mins.first().copied())
            .unwrap_or(0),
        max: c.max,
        min_label: None,
        max_label: None,
    }
}

fn point_rows(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Point>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(params, |r| {
        Ok((
            r.get::<_, i32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (value, date, utc_ms) = row?;
        out.push(Point {
            value,
            date: clock::parse_date("date", &date)?,
            utc_ms,
        });
    }
    Ok(out)
}

/// Every answer of a scale, oldest first. Answers at the same instant keep the order they
/// were written in (rowid), so "latest" is never a coin toss.
pub(crate) fn points(conn: &Connection, scale_id: &str) -> Result<Vec<Point>> {
    point_rows(
        conn,
        "SELECT value, local_date, utc_ms FROM scaling_entries WHERE scale_id = ?1
         ORDER BY utc_ms, rowid",
        [scale_id],
    )
}

/// The home screen's read of the check-in days: each day from `today` back to `from`, newest
/// first, handed to `walk` until it says older days can change nothing, and the answers of
/// the days from `values_from` on (the week's chart), oldest first.
///
/// The scale-and-day index is read backwards and only its date and time are used: a stored
/// answer's row is looked up only for the chart's days (`CASE`, which SQLite evaluates
/// lazily). Reading every answer of the year with its value, and sorting them, made the home
/// screen's cost grow with the year's check-ins many times faster.
pub(crate) fn check_in_days_back(
    conn: &Connection,
    from: &str,
    today: &str,
    values_from: &str,
    walk: &mut super::rhythm::NewestFirst,
) -> Result<Vec<Point>> {
    let ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM scaling_scales WHERE template = 'checkin'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT local_date, CASE WHEN local_date >= ?4 THEN value END, utc_ms, rowid
         FROM scaling_entries WHERE scale_id = ?1 AND local_date BETWEEN ?2 AND ?3
         ORDER BY local_date DESC, utc_ms DESC, rowid DESC",
    )?;
    // One check-in scale in practice; should a change of range ever have made a second,
    // their days are merged before the walk (each read whole: nothing to stop at).
    let one = ids.len() == 1;
    let mut days: Vec<NaiveDate> = vec![];
    let mut points: Vec<(Point, i64)> = vec![];
    'scales: for id in &ids {
        let mut rows = st.query(params![id, from, today, values_from])?;
        let mut last: Option<(String, NaiveDate)> = None;
        while let Some(r) = rows.next()? {
            let text = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let date = match &last {
                Some((t, d)) if t == text => *d,
                _ => {
                    let d = clock::parse_date("date", text)?;
                    last = Some((text.to_owned(), d));
                    if one && !walk.push(d) {
                        break 'scales;
                    }
                    days.push(d);
                    d
                }
            };
            if let Some(value) = r.get::<_, Option<i32>>(1)? {
                let utc_ms = r.get(2)?;
                points.push((
                    Point {
                        value,
                        date,
                        utc_ms,
                    },
                    r.get(3)?,
                ));
            }
        }
    }
    if !one {
        days.sort_unstable_by(|a, b| b.cmp(a));
        for d in days {
            if !walk.push(d) {
                break;
            }
        }
    }
    points.sort_by_key(|(p, rowid)| (p.utc_ms, *rowid));
    Ok(points.into_iter().map(|(p, _)| p).collect())
}

/// Check-in answers with a local date in `from..=to`, oldest first.
pub(crate) fn check_in_points(conn: &Connection, from: &str, to: &str) -> Result<Vec<Point>> {
    point_rows(
        conn,
        "SELECT e.value, e.local_date, e.utc_ms FROM scaling_entries e
         JOIN scaling_scales s ON s.id = e.scale_id
         WHERE s.template = 'checkin' AND e.local_date BETWEEN ?1 AND ?2
         ORDER BY e.utc_ms, e.rowid",
        [from, to],
    )
}

const ENTRY_COLUMNS: &str = "e.id, e.scale_id, e.value, e.scale_min, e.scale_max, e.note, \
     e.local_date, e.local_time";

struct EntryRow {
    id: String,
    scale_id: String,
    value: i32,
    min: i32,
    max: i32,
    note: Option<String>,
    date: String,
    time: String,
}

fn entry_row(r: &Row) -> rusqlite::Result<EntryRow> {
    Ok(EntryRow {
        id: r.get(0)?,
        scale_id: r.get(1)?,
        value: r.get(2)?,
        min: r.get(3)?,
        max: r.get(4)?,
        note: r.get(5)?,
        date: r.get(6)?,
        time: r.get(7)?,
    })
}

/// Everything a shell shows for one scale: its title, question and anchors. A template no
/// longer in the content (an older app's data) still shows, under its id.
pub(crate) fn scale_texts(
    c: &Content,
    s: &ScaleRow,
) -> (String, String, Vec<crate::flow::ScaleAnchor>) {
    match c.template(&s.template) {
        Some(t) => (
            t.title.clone(),
            content::question(t, s.subject.as_deref(), s.min, s.max),
            content::anchors(
                t,
                s.min,
                s.max,
                s.min_label.as_deref(),
                s.max_label.as_deref(),
            ),
        ),
        None => (
            s.template.clone(),
            s.subject.clone().unwrap_or_default(),
            vec![],
        ),
    }
}

fn build_entry(
    conn: &Connection,
    c: &Content,
    scale: &ScaleRow,
    e: EntryRow,
) -> Result<ScalingEntry> {
    let mut st = conn.prepare_cached(
        "SELECT follow_up, prompt, answer FROM scaling_follow_ups WHERE entry_id = ?1
         ORDER BY position",
    )?;
    let follow_ups = st
        .query_map([&e.id], |r| {
            Ok(ScalingFollowUp {
                follow_up_id: r.get(0)?,
                prompt: r.get(1)?,
                answer: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached(
        "SELECT feeling FROM scaling_entry_feelings WHERE entry_id = ?1 ORDER BY position",
    )?;
    let feelings = st
        .query_map([&e.id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|id| {
            let label = c.feelings.label_of(&id)?.to_string();
            Some(FeelingWord { id, label })
        })
        .collect();
    let (title, question, anchors) = scale_texts(c, scale);
    let date = clock::parse_date("date", &e.date)?;
    Ok(ScalingEntry {
        value_label: value_phrase(c, e.value, e.min, e.max),
        date_label: format!("{}, {}", clock::short_label(date), e.time),
        id: e.id,
        scale_id: e.scale_id,
        template: scale.template.clone(),
        title,
        subject: scale.subject.clone(),
        question,
        value: e.value,
        scale_min: e.min,
        scale_max: e.max,
        anchors,
        follow_ups,
        note: e.note,
        feelings,
        date: e.date,
        time: e.time,
    })
}

/// "6 on a scale of 0 to 10".
pub(crate) fn value_phrase(c: &Content, n: i32, min: i32, max: i32) -> String {
    content::fill(&c.summary.value_phrase, &content::number_vars(n, min, max))
}

pub(crate) fn load_entry(conn: &Connection, c: &Content, id: &str) -> Result<ScalingEntry> {
    let e = conn
        .query_row(
            &format!("SELECT {ENTRY_COLUMNS} FROM scaling_entries e WHERE e.id = ?1"),
            [id],
            entry_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("scaling entry", id))?;
    let scale = load_scale(conn, &e.scale_id)?;
    build_entry(conn, c, &scale, e)
}

/// A page of a scale's answers, newest first.
pub(crate) fn page(
    conn: &Connection,
    c: &Content,
    scale_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<ScalingEntry>> {
    entries_of(
        conn,
        c,
        scale_id,
        "ORDER BY e.utc_ms DESC, e.rowid DESC LIMIT ?2 OFFSET ?3",
        params![scale_id, limit, offset],
    )
}

/// The scales other than the daily check-in answered on local dates `from..=to`, the one
/// answered last first (the order `scaling_scales` lists them in), each with its title and
/// those answers: the appointment summary's scales. The scales are found from the period's
/// answers (the day index), so neither scales answered only before it nor their history are
/// read: the summary of four weeks costs the same after ten years as after one month. The
/// join's order and index are named: with the statistics `PRAGMA optimize` leaves, SQLite
/// would rather walk every scale ever made and probe each one's answers.
pub(crate) fn scales_between(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, ScaleRow, Vec<ScalingEntry>)>> {
    let c = content::content()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {SCALE_COLUMNS} FROM (SELECT DISTINCT e.scale_id AS answered
             FROM scaling_entries e INDEXED BY scaling_entries_date
             WHERE e.local_date BETWEEN ?1 AND ?2) p
         CROSS JOIN scaling_scales s ON s.id = p.answered
         WHERE s.template <> 'checkin'
         ORDER BY (SELECT max(e.utc_ms) FROM scaling_entries e WHERE e.scale_id = s.id) DESC,
             s.created_utc_ms, s.id"
    ))?;
    let scales = st
        .query_map([from, to], scale_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    scales
        .into_iter()
        .map(|s| {
            let entries = entries_between(conn, &s.id, from, to)?;
            Ok((scale_texts(c, &s).0, s, entries))
        })
        .collect()
}

/// Every answer of a scale dated `from..=to` (local dates), oldest first, through the
/// scale-and-day index.
pub(crate) fn entries_between(
    conn: &Connection,
    scale_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<ScalingEntry>> {
    entries_of(
        conn,
        content::content()?,
        scale_id,
        "AND e.local_date BETWEEN ?2 AND ?3 ORDER BY e.utc_ms, e.rowid",
        params![scale_id, from, to],
    )
}

/// The answers of scale `?1` that `tail` (one of this module's constant clauses) selects.
fn entries_of(
    conn: &Connection,
    c: &Content,
    scale_id: &str,
    tail: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<ScalingEntry>> {
    let scale = load_scale(conn, scale_id)?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM scaling_entries e WHERE e.scale_id = ?1 {tail}"
    ))?;
    let rows = st
        .query_map(args, entry_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|e| build_entry(conn, c, &scale, e))
        .collect()
}

/// The latest check-in with local date `date`.
pub(crate) fn latest_check_in_on(
    conn: &Connection,
    c: &Content,
    date: &str,
) -> Result<Option<ScalingEntry>> {
    // The entry and its scale in one cached read (the home screen asks on every call).
    let mut st = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS}, s.id, s.template, s.subject, s.scale_min, s.scale_max,
                s.min_label, s.max_label
         FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
         WHERE s.template = 'checkin' AND e.local_date = ?1
         ORDER BY e.utc_ms DESC, e.rowid DESC LIMIT 1"
    ))?;
    let found = st
        .query_row([date], |r| {
            Ok((
                entry_row(r)?,
                ScaleRow {
                    id: r.get(8)?,
                    template: r.get(9)?,
                    subject: r.get(10)?,
                    min: r.get(11)?,
                    max: r.get(12)?,
                    min_label: r.get(13)?,
                    max_label: r.get(14)?,
                },
            ))
        })
        .optional()?;
    found
        .map(|(e, scale)| build_entry(conn, c, &scale, e))
        .transpose()
}
