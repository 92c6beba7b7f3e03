//! Thought record storage and the views built on it.

use super::*;

fn unreadable() -> Error {
    Error::unreadable("thought record", "")
}

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|_| unreadable())
}

/// Writes a thought record whole (new, or replacing the one with this id).
pub(super) fn write_record(
    tx: &Transaction,
    id: &str,
    when: Moment,
    now: Moment,
    r: &Checked,
) -> Result<()> {
    let (emotions, styles) = (
        serde_json::to_string(&r.emotions)?,
        serde_json::to_string(&r.styles)?,
    );
    let (evidence_for, evidence_against) = (
        serde_json::to_string(&r.evidence_for)?,
        serde_json::to_string(&r.evidence_against)?,
    );
    crate::store::write_record(
        tx,
        "thinking_styles_records",
        id,
        &[
            ("situation", &r.situation),
            ("emotions", &emotions),
            ("thought", &r.thought),
            ("styles", &styles),
            ("evidence_for", &evidence_for),
            ("evidence_against", &evidence_against),
            ("balanced_thought", &r.balanced_thought),
        ],
        when,
        now,
    )
}

/// The moment a record is stored at.
pub(super) fn existing(conn: &Connection, id: &str) -> Result<Moment> {
    let row: Option<(i64, i32, String, String)> = conn
        .query_row(
            "SELECT utc_ms, utc_offset_min, local_date, local_time
             FROM thinking_styles_records WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (utc_ms, offset_min, date, time) =
        row.ok_or_else(|| Error::not_found("thought record", id))?;
    let d = clock::parse_date("local_date", &date).map_err(|_| unreadable())?;
    let t = clock::parse_time("local_time", &time).map_err(|_| unreadable())?;
    Ok(Moment {
        utc_ms,
        offset_min,
        local: d.and_time(t),
    })
}

const COLUMNS: &str = "SELECT id, situation, emotions, thought, styles, evidence_for,
    evidence_against, balanced_thought, local_date, local_time FROM thinking_styles_records";
/// Newest first; same-instant records in the order written, newest first.
const NEWEST_FIRST: &str = " ORDER BY utc_ms DESC, created_utc_ms DESC, rowid DESC";

struct Row {
    id: String,
    situation: String,
    emotions: String,
    thought: String,
    styles: String,
    evidence_for: String,
    evidence_against: String,
    balanced_thought: Option<String>,
    date: String,
    time: String,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        situation: r.get(1)?,
        emotions: r.get(2)?,
        thought: r.get(3)?,
        styles: r.get(4)?,
        evidence_for: r.get(5)?,
        evidence_against: r.get(6)?,
        balanced_thought: r.get(7)?,
        date: r.get(8)?,
        time: r.get(9)?,
    })
}

fn record(c: &Content, r: Row) -> Result<ThoughtRecord> {
    let d = clock::parse_date("local_date", &r.date).map_err(|_| unreadable())?;
    let ids: Vec<String> = json(&r.styles)?;
    // A style dropped from a later catalogue is left out rather than failing the record.
    let styles = ids
        .iter()
        .filter_map(|id| c.style(id))
        .map(|s| ThoughtRecordStyle {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    Ok(ThoughtRecord {
        id: r.id,
        date_label: clock::short_label(d),
        date: r.date,
        time: r.time,
        situation: r.situation,
        emotions: json(&r.emotions)?,
        thought: r.thought,
        styles,
        evidence_for: json(&r.evidence_for)?,
        evidence_against: json(&r.evidence_against)?,
        balanced_thought: r.balanced_thought,
    })
}

/// Reads every stored thought record back as the app would (an import's check before commit).
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    crate::store::load_every(conn, "thinking_styles_records", load)
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<ThoughtRecord> {
    let c = content()?;
    let r = conn
        .query_row(&format!("{COLUMNS} WHERE id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("thought record", id))?;
    record(c, r)
}

fn page(conn: &Connection, offset: u32, limit: u32) -> Result<Vec<ThoughtRecord>> {
    let c = content()?;
    // The time index named: analysed, SQLite's planner would read every record and sort
    // (3,572 VM steps for a page of twenty after 500 records, 1,172 after 85).
    let mut st = conn.prepare_cached(&format!(
        "{COLUMNS} INDEXED BY thinking_styles_records_time{NEWEST_FIRST} LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = st.query_map(params![limit, offset], row)?;
    let mut out = vec![];
    for r in rows {
        out.push(record(c, r?)?);
    }
    Ok(out)
}

/// Thought records dated `from..=to` (local dates), newest first, as list lines: all of them,
/// through the date index.
pub(crate) fn items_between(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<ThoughtRecordListItem>> {
    let c = content()?;
    let mut st = conn.prepare_cached(&format!(
        "{COLUMNS} WHERE local_date BETWEEN ?1 AND ?2{NEWEST_FIRST}"
    ))?;
    let rows = st.query_map(params![from, to], row)?;
    let mut out = vec![];
    for r in rows {
        out.push(list_item(c, record(c, r?)?));
    }
    Ok(out)
}

pub(super) fn list_records(
    conn: &Connection,
    offset: u32,
    limit: u32,
) -> Result<Vec<ThoughtRecord>> {
    page(conn, offset, limit)
}

/// The feeling that was strongest before; the first of equals, so the person's order breaks
/// ties.
pub(super) fn strongest(emotions: &[ThoughtRecordEmotion]) -> Option<&ThoughtRecordEmotion> {
    emotions.iter().rev().max_by_key(|e| e.intensity)
}

/// A page of records as list lines, newest first.
pub(super) fn items(
    conn: &Connection,
    c: &Content,
    offset: u32,
    limit: u32,
) -> Result<Vec<ThoughtRecordListItem>> {
    Ok(page(conn, offset, limit)?
        .into_iter()
        .map(|r| list_item(c, r))
        .collect())
}

fn list_item(c: &Content, r: ThoughtRecord) -> ThoughtRecordListItem {
    let strongest = strongest(&r.emotions).cloned();
    let change = strongest
        .as_ref()
        .and_then(|e| e.rerated.map(|after| after - e.intensity));
    ThoughtRecordListItem {
        emotion_lines: r.emotions.iter().map(|e| c.emotion_line(e)).collect(),
        style_names: r.styles.iter().map(|s| s.name.clone()).collect(),
        has_balanced_thought: r.balanced_thought.is_some(),
        id: r.id,
        date: r.date,
        time: r.time,
        date_label: r.date_label,
        thought: r.thought,
        emotions: r.emotions,
        strongest,
        change,
    }
}

fn count(conn: &Connection) -> Result<u32> {
    Ok(
        conn.query_row("SELECT count(*) FROM thinking_styles_records", [], |r| {
            r.get(0)
        })?,
    )
}

fn charts(conn: &Connection, c: &Content) -> Result<Vec<ChartSeries>> {
    let mut recent = page(conn, 0, CHART_POINTS)?;
    recent.reverse();
    let (mut before, mut after, mut change) = (vec![], vec![], vec![]);
    for r in &recent {
        let s = strongest(&r.emotions);
        let point = |value: Option<i32>| ChartPoint {
            date: r.date.clone(),
            label: r.date_label.clone(),
            value: value.map(f64::from),
        };
        before.push(point(s.map(|e| e.intensity)));
        after.push(point(s.and_then(|e| e.rerated)));
        change.push(point(s.and_then(|e| e.rerated.map(|a| a - e.intensity))));
    }
    let series = |id: &str, label: &str, min: f64, points| {
        crate::chart::SeriesParts {
            id: id.into(),
            label: label.into(),
            axis_min: min,
            axis_max: 100.0,
            points,
        }
        .finish()
    };
    Ok(vec![
        series("before", &c.labels.chart_before, 0.0, before),
        series("after", &c.labels.chart_after, 0.0, after),
        series("change", &c.labels.chart_change, -100.0, change),
    ])
}

pub(super) fn history(
    conn: &Connection,
    offset: u32,
    limit: u32,
) -> Result<ThoughtRecordHistoryPage> {
    let c = content()?;
    let items = items(conn, c, offset, limit)?;
    let total = count(conn)?;
    Ok(ThoughtRecordHistoryPage {
        has_more: (offset as u64 + items.len() as u64) < total as u64,
        items,
        total,
        offset,
        limit,
        charts: charts(conn, c)?,
        empty_text: (total == 0).then(|| c.labels.empty_history.clone()),
    })
}

/// How many are dated each day of `from..=to` (local dates; days with none left out), for
/// the week view: one grouped read for the whole week.
pub(crate) fn counts_by_day(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, u32)>> {
    let mut st = conn.prepare_cached(
        "SELECT local_date, count(*) FROM thinking_styles_records
         WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date",
    )?;
    let rows = st.query_map(params![clock::fmt_date(from), clock::fmt_date(to)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many thought records are dated `from..=to`, by local date (for the week view).
#[allow(dead_code)] // called by the today/week views
pub(crate) fn count_between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM thinking_styles_records WHERE local_date BETWEEN ?1 AND ?2",
        params![clock::fmt_date(from), clock::fmt_date(to)],
        |r| r.get(0),
    )?)
}

/// The newest thought record as a list line, if any (for the today view).
#[allow(dead_code)] // called by the today/week views
pub(crate) fn latest(conn: &Connection) -> Result<Option<ThoughtRecordListItem>> {
    let c = content()?;
    Ok(page(conn, 0, 1)?.pop().map(|r| list_item(c, r)))
}
