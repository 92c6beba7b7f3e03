//! Reading and writing worksheets and reviews, and the lists the views draw.

use super::*;

pub(super) fn unreadable() -> Error {
    Error::unreadable("worksheet", "")
}

/// Writes a worksheet whole (new, or replacing the one with this id).
pub(super) fn write_sheet(
    tx: &Transaction,
    id: &str,
    when: Moment,
    now: Moment,
    s: &Sheet,
) -> Result<()> {
    let (thoughts, feelings) = (
        serde_json::to_string(&s.thoughts)?,
        serde_json::to_string(&s.feelings)?,
    );
    let (physical, behaviour, links) = (
        serde_json::to_string(&s.physical)?,
        serde_json::to_string(&s.behaviour)?,
        serde_json::to_string(&s.links)?,
    );
    let change_area = s.change.as_ref().map(|c| c.start_area.id());
    let change_text = s.change.as_ref().map(|c| c.change.clone());
    crate::store::write_record(
        tx,
        "five_areas_worksheets",
        id,
        &[
            ("title", &s.title),
            ("draft", &s.draft),
            ("situation", &s.situation),
            ("thoughts", &thoughts),
            ("feelings", &feelings),
            ("physical", &physical),
            ("behaviour", &behaviour),
            ("links", &links),
            ("change_area", &change_area),
            ("change_text", &change_text),
        ],
        when,
        now,
    )
}

pub(super) fn write_review(
    tx: &Transaction,
    worksheet: &str,
    now: Moment,
    r: &CheckedReview,
) -> Result<()> {
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

pub(super) fn json_list<T: serde::de::DeserializeOwned>(s: &str) -> Result<Vec<T>> {
    Ok(serde_json::from_str(s)?)
}

pub(super) fn change_from(
    area: Option<String>,
    text: Option<String>,
) -> Result<Option<FiveAreasChange>> {
    match (area, text) {
        (Some(a), Some(t)) => Ok(Some(FiveAreasChange {
            start_area: FiveAreasArea::from_id(&a).ok_or_else(unreadable)?,
            change: t,
        })),
        _ => Ok(None),
    }
}

pub(super) fn status_of(draft: bool, reviewed: bool) -> FiveAreasStatus {
    match (draft, reviewed) {
        (true, _) => FiveAreasStatus::Draft,
        (false, true) => FiveAreasStatus::Reviewed,
        (false, false) => FiveAreasStatus::Complete,
    }
}

pub(super) fn parse_stored_date(s: &str) -> Result<NaiveDate> {
    clock::parse_date("local_date", s).map_err(|_| unreadable())
}

/// Loads one worksheet with its review.
/// Reads every stored worksheet back as the app would (an import's check before commit).
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    crate::store::load_every(conn, "five_areas_worksheets", load)
}

pub(super) fn load(conn: &Connection, id: &str) -> Result<FiveAreasWorksheet> {
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
pub(super) fn existing(conn: &Connection, id: &str) -> Result<(Moment, bool)> {
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
pub(super) const ITEM_COLUMNS: &str = "SELECT w.id, w.title, w.draft, w.local_date, w.feelings,
    w.change_area, w.change_text, r.tried
    FROM five_areas_worksheets w LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id";
/// The same columns read down the time index, for pages in `NEWEST_FIRST` order. Once
/// `PRAGMA optimize` has analysed a store SQLite's planner prefers reading every worksheet
/// and sorting them to walking the index and stopping at the page's end (7,884 VM steps for
/// twenty rows after 500 worksheets, 2,132 after 85): named, a page costs the same at any
/// length of history.
const ITEM_COLUMNS_BY_TIME: &str = "SELECT w.id, w.title, w.draft, w.local_date, w.feelings,
    w.change_area, w.change_text, r.tried
    FROM five_areas_worksheets w INDEXED BY five_areas_worksheets_time
    LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id";
pub(super) const NEWEST_FIRST: &str =
    " ORDER BY w.utc_ms DESC, w.created_utc_ms DESC, w.rowid DESC";

pub(super) struct ItemRow {
    pub(super) id: String,
    pub(super) title: Option<String>,
    pub(super) draft: bool,
    pub(super) date: String,
    pub(super) feelings: String,
    pub(super) change_area: Option<String>,
    pub(super) change_text: Option<String>,
    pub(super) tried: Option<String>,
}

pub(super) fn item_row(r: &Row) -> rusqlite::Result<ItemRow> {
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

pub(super) fn strongest(feelings: &[FiveAreasFeeling]) -> Option<&FiveAreasFeeling> {
    // The first of equals wins, so the person's own order breaks ties.
    feelings.iter().rev().max_by_key(|f| f.intensity)
}

pub(super) fn list_item(c: &Content, row: ItemRow) -> Result<FiveAreasListItem> {
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

pub(super) fn list_items(
    conn: &Connection,
    filter: &str,
    limit: u32,
    offset: u32,
) -> Result<Vec<FiveAreasListItem>> {
    let c = content()?;
    // `filter` is one of this module's constant clauses; values are always bound.
    // Drafts and those awaiting review are few among many: walking the time index to find
    // them costs a lookup per worksheet more than SQLite's own plan (2,413 VM steps against
    // 2,011 for none found among 400), so only the unfiltered page names it.
    let from = if filter.is_empty() {
        ITEM_COLUMNS_BY_TIME
    } else {
        ITEM_COLUMNS
    };
    let sql = format!("{from} {filter}{NEWEST_FIRST} LIMIT ?1 OFFSET ?2");
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![limit, offset], item_row)?;
    let mut out = vec![];
    for row in rows {
        out.push(list_item(c, row?)?);
    }
    Ok(out)
}

/// Finished worksheets dated `from..=to` (local dates), newest first: every one of them, read
/// through the date index, so a summary of four weeks costs the same after ten years.
pub(crate) fn finished_between(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<FiveAreasListItem>> {
    let c = content()?;
    let sql = format!(
        "{ITEM_COLUMNS} WHERE w.draft = 0 AND w.local_date BETWEEN ?1 AND ?2{NEWEST_FIRST}"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![from, to], item_row)?;
    let mut out = vec![];
    for row in rows {
        out.push(list_item(c, row?)?);
    }
    Ok(out)
}

pub(super) const WHERE_DRAFT: &str = "WHERE w.draft = 1";
pub(super) const WHERE_AWAITING: &str =
    "WHERE w.draft = 0 AND w.change_text IS NOT NULL AND r.worksheet_id IS NULL";

pub(super) fn count(conn: &Connection, filter: &str) -> Result<u32> {
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

/// How many are dated each day of `from..=to` (local dates; days with none left out), for
/// the week view: one grouped read for the whole week.
pub(crate) fn counts_by_day(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, u32)>> {
    let mut st = conn.prepare_cached(
        "SELECT local_date, count(*) FROM five_areas_worksheets
         WHERE draft = 0 AND local_date BETWEEN ?1 AND ?2 GROUP BY local_date",
    )?;
    let rows = st.query_map(params![clock::fmt_date(from), clock::fmt_date(to)], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

pub(super) fn charts(conn: &Connection, c: &Content) -> Result<Vec<ChartSeries>> {
    let mut st = conn.prepare_cached(
        "SELECT w.local_date, w.feelings, r.rerated
         FROM five_areas_worksheets w INDEXED BY five_areas_worksheets_time
         LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id
         WHERE w.draft = 0 ORDER BY w.utc_ms DESC, w.created_utc_ms DESC, w.rowid DESC LIMIT ?1",
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
    let series = |id: &str, label: &str, points| {
        crate::chart::SeriesParts {
            id: id.into(),
            label: label.into(),
            axis_min: 0.0,
            axis_max: 100.0,
            points,
        }
        .finish()
    };
    Ok(vec![
        series("strongest-feeling", &c.labels.chart_before, before),
        series("after-change", &c.labels.chart_after, after),
    ])
}

pub(super) fn history(conn: &Connection, offset: u32, limit: u32) -> Result<FiveAreasHistoryPage> {
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
