//! Stored results: the raw answers kept, everything shown rebuilt from them on reading.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::clock::{self, Moment};
use crate::error::{Error, Result};
use crate::ids::Profile;
use crate::profile::load_or_adult;
use crate::validate;

use super::content::{content, Content};
use super::describe::*;
use super::scoring::{self, Kind, Score};
use super::types::*;

pub(crate) const SCHEMA: &str = "
CREATE TABLE measures_results (
    id TEXT PRIMARY KEY NOT NULL,
    measure TEXT NOT NULL,
    answers TEXT NOT NULL,
    total INTEGER,
    metric REAL,
    band TEXT,
    flags TEXT NOT NULL,
    utc_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    local_date TEXT NOT NULL,
    local_time TEXT NOT NULL,
    created_utc_ms INTEGER NOT NULL,
    updated_utc_ms INTEGER NOT NULL
);
CREATE INDEX measures_results_by_measure ON measures_results(measure, utc_ms);
CREATE INDEX measures_results_by_date ON measures_results(local_date);
";

/// Most results a history page returns at once.
pub(super) const MAX_PAGE: u32 = 100;
/// Most administrations drawn in a history chart (a year of weekly results).
pub(super) const CHART_POINTS: usize = 52;

/// Writes a scored administration; returns its id.
pub(super) fn insert(tx: &Transaction, now: &Moment, at: &Moment, s: &Score) -> Result<String> {
    let id = validate::new_id();
    let flags: Vec<&str> = if s.item9 {
        vec![scoring::PHQ9_ITEM9_FLAG]
    } else {
        vec![]
    };
    tx.execute(
        "INSERT INTO measures_results (id, measure, answers, total, metric, band, flags,
            utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            s.kind.id(),
            serde_json::to_string(&s.answers)?,
            s.total,
            s.metric,
            s.band,
            serde_json::to_string(&flags)?,
            at.utc_ms,
            at.offset_min,
            at.date_string(),
            at.time_string(),
            now.utc_ms,
        ],
    )?;
    Ok(id)
}

pub(super) const COLUMNS: &str =
    "id, measure, answers, utc_ms, utc_offset_min, local_date, local_time";

pub(super) struct StoredRow {
    pub(super) id: String,
    pub(super) measure: String,
    pub(super) answers: String,
    pub(super) utc_ms: i64,
    pub(super) offset_min: i32,
    pub(super) date: String,
    pub(super) time: String,
}

pub(super) fn stored_row(r: &Row) -> rusqlite::Result<StoredRow> {
    Ok(StoredRow {
        id: r.get(0)?,
        measure: r.get(1)?,
        answers: r.get(2)?,
        utc_ms: r.get(3)?,
        offset_min: r.get(4)?,
        date: r.get(5)?,
        time: r.get(6)?,
    })
}

/// Whether a stored result raises the PHQ-9 item 9 flag, scored again from its answers
/// exactly as [`from_row`] scores them (an unreadable row is refused the same way).
pub(super) fn raises_item9(measure: &str, answers: &str) -> Result<bool> {
    let kind = Kind::from_id(measure).ok_or_else(|| Error::unreadable("measure result", ""))?;
    let answers: Vec<i32> = serde_json::from_str(answers)?;
    let s = scoring::score(kind, &answers).map_err(|_| Error::unreadable("measure result", ""))?;
    Ok(s.item9)
}

/// Rebuilds a full result from a stored row (scored again from its answers), its safety
/// notice as `profile` sees it.
pub(super) fn from_row(c: &Content, profile: Profile, row: StoredRow) -> Result<MeasureResult> {
    let kind =
        Kind::from_id(&row.measure).ok_or_else(|| Error::unreadable("measure result", ""))?;
    let answers: Vec<i32> = serde_json::from_str(&row.answers)?;
    let s = scoring::score(kind, &answers).map_err(|_| Error::unreadable("measure result", ""))?;
    let date = clock::parse_date("local_date", &row.date)?;
    let time = clock::parse_time("local_time", &row.time)?;
    let at = Moment {
        utc_ms: row.utc_ms,
        offset_min: row.offset_min,
        local: date.and_time(time),
    };
    result_of(c, &s, row.id, &at, profile)
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<MeasureResult>> {
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM measures_results WHERE id = ?1"),
            [id],
            stored_row,
        )
        .optional()?;
    row.map(|r| from_row(content()?, load_or_adult(conn), r))
        .transpose()
}

/// Results of `kind`, newest first. Results taken in the same millisecond keep the order
/// they were stored in (`rowid`), never the random order of their uuids.
pub(super) fn newest_first(
    conn: &Connection,
    kind: Kind,
    offset: u32,
    limit: u32,
) -> Result<Vec<MeasureResult>> {
    let c = content()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM measures_results WHERE measure = ?1
         ORDER BY utc_ms DESC, created_utc_ms DESC, rowid DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = st.query_map(params![kind.id(), limit, offset], stored_row)?;
    let profile = load_or_adult(conn);
    let mut out = vec![];
    for r in rows {
        out.push(from_row(c, profile, r?)?);
    }
    Ok(out)
}

/// Reads every stored result back as the app would (scored again from its answers): an
/// import calls it before committing, so a row the app could not show is refused.
///
/// The stored total, metric, band and flags are derived from the answers; reports and
/// queries read them directly, so a hand-edited backup must not be able to store ones the
/// answers do not give (a forged flag, or a band that hides one).
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    let c = content()?;
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, total, metric, band, flags FROM measures_results"
    ))?;
    let rows = st.query_map([], |r| {
        Ok((
            stored_row(r)?,
            r.get::<_, Option<i64>>(7)?,
            r.get::<_, Option<f64>>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    for r in rows {
        let (row, total, metric, band, flags) = r?;
        let kind =
            Kind::from_id(&row.measure).ok_or_else(|| Error::unreadable("measure result", ""))?;
        let answers: Vec<i32> = serde_json::from_str(&row.answers)
            .map_err(|_| Error::unreadable("measure result", ""))?;
        let s =
            scoring::score(kind, &answers).map_err(|_| Error::unreadable("measure result", ""))?;
        let stored_flags: Vec<String> =
            serde_json::from_str(&flags).map_err(|_| Error::unreadable("measure result", ""))?;
        let want_flags: Vec<&str> = if s.item9 {
            vec![scoring::PHQ9_ITEM9_FLAG]
        } else {
            vec![]
        };
        let metric_same = match (metric, s.metric) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            _ => false,
        };
        if total != s.total.map(i64::from)
            || !metric_same
            || band.as_deref() != s.band
            || stored_flags != want_flags
        {
            return Err(Error::unreadable("measure result", ""));
        }
        from_row(c, Profile::Adult, row)?;
    }
    Ok(())
}

/// The earliest result of `kind` on or after `since` (local date), if any.
pub(super) fn first_since(
    conn: &Connection,
    kind: Kind,
    since: Option<&str>,
) -> Result<Option<MeasureResult>> {
    let row = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM measures_results WHERE measure = ?1 AND local_date >= ?2
                 ORDER BY utc_ms ASC, created_utc_ms ASC, rowid ASC LIMIT 1"
            ),
            params![kind.id(), since.unwrap_or("")],
            stored_row,
        )
        .optional()?;
    row.map(|r| from_row(content()?, load_or_adult(conn), r))
        .transpose()
}

pub(super) fn count(conn: &Connection, kind: Kind) -> Result<u32> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM measures_results WHERE measure = ?1",
        [kind.id()],
        |r| r.get(0),
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}
