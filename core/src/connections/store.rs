//! Reading and writing maps, plans and reviews, and the lists the views draw.

use super::*;
use crate::ids::ToolId;

fn unreadable(what: &str, id: &str) -> Error {
    Error::unreadable(what, id)
}

pub(super) const NEWEST_FIRST: &str = " ORDER BY utc_ms DESC, created_utc_ms DESC, rowid DESC";

pub(super) fn insert_map(
    tx: &Transaction,
    id: &str,
    when: Moment,
    now: Moment,
    items: &[Item],
) -> Result<()> {
    tx.execute(
        "INSERT INTO connections_maps (id, utc_ms, utc_offset_min, local_date, local_time,
            created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id,
            when.utc_ms,
            when.offset_min,
            when.date_string(),
            when.time_string(),
            now.utc_ms
        ],
    )?;
    let mut st = tx.prepare_cached(
        "INSERT INTO connections_items (id, map_id, position, name, kind, ring, feel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, it) in items.iter().enumerate() {
        st.execute(params![
            validate::new_id(),
            id,
            i as i64,
            it.name,
            it.kind.id(),
            it.ring.id(),
            it.feel.id()
        ])?;
    }
    Ok(())
}

/// The stored connections of a map, in their order.
pub(super) fn load_items(conn: &Connection, map_id: &str) -> Result<Vec<Item>> {
    let mut st = conn.prepare_cached(
        "SELECT name, kind, ring, feel FROM connections_items WHERE map_id = ?1 ORDER BY position",
    )?;
    let rows = st.query_map([map_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (name, kind, ring, feel) = row?;
        let bad = || unreadable("map", map_id);
        out.push(Item {
            name,
            kind: ConnectionKind::from_id(&kind).ok_or_else(bad)?,
            ring: ConnectionRing::from_id(&ring).ok_or_else(bad)?,
            feel: ConnectionFeel::from_id(&feel).ok_or_else(bad)?,
        });
    }
    Ok(out)
}

/// The map's record from its validated parts (also used for maps drawn without storing).
pub(super) fn map_record(
    c: &Content,
    id: &str,
    date: &str,
    time: &str,
    items: &[Item],
) -> Result<ConnectionsMap> {
    let d = clock::parse_date("date", date)?;
    let mut out_items = vec![];
    for (i, it) in items.iter().enumerate() {
        out_items.push(ConnectionsItem {
            position: i as u32,
            name: it.name.clone(),
            kind: it.kind,
            kind_label: c.kind(it.kind)?.label.clone(),
            ring: it.ring,
            ring_label: c.ring(it.ring)?.label.clone(),
            feel: it.feel,
            feel_label: c.feel(it.feel)?.label.clone(),
            feel_symbol: c.symbol(it.feel)?,
        });
    }
    let mut ring_counts = vec![];
    for &r in ConnectionRing::ALL {
        ring_counts.push(ConnectionsRingCount {
            ring: r,
            label: c.ring(r)?.label.clone(),
            count: items.iter().filter(|i| i.ring == r).count() as u32,
        });
    }
    let mut kind_counts = vec![];
    for &k in ConnectionKind::ALL {
        kind_counts.push(ConnectionsKindCount {
            kind: k,
            label: c.kind(k)?.label.clone(),
            count: items.iter().filter(|i| i.kind == k).count() as u32,
        });
    }
    Ok(ConnectionsMap {
        id: id.to_string(),
        date: date.to_string(),
        time: time.to_string(),
        date_label: clock::short_label(d),
        title: c.label("map_title", &[("date", &clock::short_label(d))])?,
        headline: c.headline(items.len())?,
        items: out_items,
        ring_counts,
        kind_counts,
    })
}

pub(super) fn load_map(conn: &Connection, id: &str) -> Result<ConnectionsMap> {
    let c = content()?;
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT local_date, local_time FROM connections_maps WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (date, time) = row.ok_or_else(|| Error::not_found("map", id))?;
    let items = load_items(conn, id)?;
    // A stored map keeps the rules a new one must: a backup cannot bring in one the app
    // would refuse to make.
    let inputs: Vec<ConnectionInput> = items
        .iter()
        .map(|i| ConnectionInput {
            name: i.name.clone(),
            kind: i.kind,
            ring: i.ring,
            feel: i.feel,
        })
        .collect();
    check_map(&inputs).map_err(|_| unreadable("map", id))?;
    map_record(c, id, &date, &time, &items).map_err(|e| match e {
        Error::Invalid { .. } => unreadable("map", id),
        other => other,
    })
}

/// The ids of the newest maps, newest first. Every query for the newest rows here names the
/// time index: once `PRAGMA optimize` has given SQLite statistics it reads and sorts the whole
/// table instead (the order's tie-breaking columns are not in the index), a thousand maps
/// after ten years, for the two it needs.
pub(super) fn newest_map_ids(conn: &Connection, limit: u32, offset: u32) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id FROM connections_maps INDEXED BY connections_maps_time{NEWEST_FIRST} LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = st.query_map(params![limit, offset], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ids of the newest maps dated on or before `to`, newest first.
pub(super) fn maps_until(conn: &Connection, to: &str, limit: u32) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id FROM connections_maps INDEXED BY connections_maps_time
         WHERE local_date <= ?1{NEWEST_FIRST} LIMIT ?2"
    ))?;
    let rows = st.query_map(params![to, limit], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn list_item(c: &Content, m: &ConnectionsMap) -> Result<ConnectionsListItem> {
    let counts: Vec<u32> = m.ring_counts.iter().map(|r| r.count).collect();
    let rings = c.ring_counts(&[counts[0], counts[1], counts[2]])?;
    Ok(ConnectionsListItem {
        id: m.id.clone(),
        date: m.date.clone(),
        date_label: m.date_label.clone(),
        title: m.title.clone(),
        count: m.items.len() as u32,
        line: c.label(
            "list_line",
            &[("count", &m.items.len().to_string()), ("rings", &rings)],
        )?,
    })
}

pub(super) fn count_maps(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM connections_maps", [], |r| r.get(0))?)
}

pub(super) fn history(
    conn: &Connection,
    offset: u32,
    limit: u32,
) -> Result<ConnectionsHistoryPage> {
    let c = content()?;
    let mut items = vec![];
    for id in newest_map_ids(conn, limit, offset)? {
        items.push(list_item(c, &load_map(conn, &id)?)?);
    }
    let total = count_maps(conn)?;
    Ok(ConnectionsHistoryPage {
        has_more: (offset as u64 + items.len() as u64) < total as u64,
        items,
        total,
        offset,
        limit,
        empty_text: (total == 0)
            .then(|| c.label("empty_maps", &[]))
            .transpose()?,
    })
}

pub(super) fn view(conn: &Connection, today: NaiveDate) -> Result<ConnectionsView> {
    let c = content()?;
    let ids = newest_map_ids(conn, 10, 0)?;
    let mut maps = vec![];
    let mut loaded = vec![];
    for id in &ids {
        let m = load_map(conn, id)?;
        maps.push(list_item(c, &m)?);
        loaded.push(m);
    }
    let latest = loaded.first().cloned();
    let layout = match &latest {
        Some(m) => Some(layout::of_map(m, layout::Labels::Names)?),
        None => None,
    };
    let change = match (loaded.get(1), loaded.first()) {
        (Some(before), Some(now)) => Some(change::between(before, now)?),
        _ => None,
    };
    let plan = match newest_plan_id(conn, None)? {
        Some(id) => Some(load_plan(conn, &id, today)?),
        None => None,
    };
    Ok(ConnectionsView {
        title: c.label("history_label", &[])?,
        empty_text: latest
            .is_none()
            .then(|| c.label("empty_maps", &[]))
            .transpose()?,
        latest,
        layout,
        change,
        plan,
        maps,
    })
}

// ---------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------

pub(super) fn insert_plan(tx: &Transaction, id: &str, now: Moment, p: &Plan) -> Result<()> {
    let support: Vec<&str> = p.support.iter().map(|s| s.id()).collect();
    tx.execute(
        "INSERT INTO connections_plans (id, interests, strengths, opportunities, chosen, step,
            support, support_from, review_on, utc_ms, utc_offset_min, local_date, local_time,
            created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?10, ?10)",
        params![
            id,
            serde_json::to_string(&p.interests)?,
            serde_json::to_string(&p.strengths)?,
            serde_json::to_string(&p.opportunities)?,
            p.chosen,
            p.step,
            serde_json::to_string(&support)?,
            p.support_from,
            clock::fmt_date(p.review_on),
            now.utc_ms,
            now.offset_min,
            now.date_string(),
            now.time_string(),
        ],
    )?;
    Ok(())
}

pub(super) fn write_review(
    tx: &Transaction,
    plan_id: &str,
    now: Moment,
    r: &CheckedReview,
) -> Result<()> {
    tx.execute(
        "INSERT INTO connections_reviews (id, plan_id, outcome, what_happened, met, next_step,
            utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?7, ?7)
         ON CONFLICT(plan_id) DO UPDATE SET outcome = excluded.outcome,
            what_happened = excluded.what_happened, met = excluded.met,
            next_step = excluded.next_step, utc_ms = excluded.utc_ms,
            utc_offset_min = excluded.utc_offset_min, local_date = excluded.local_date,
            local_time = excluded.local_time, updated_utc_ms = excluded.updated_utc_ms",
        params![
            validate::new_id(),
            plan_id,
            r.outcome.id(),
            r.what_happened,
            serde_json::to_string(&r.met)?,
            r.next_step,
            now.utc_ms,
            now.offset_min,
            now.date_string(),
            now.time_string(),
        ],
    )?;
    Ok(())
}

fn json_list(s: &str, what: &str, id: &str) -> Result<Vec<String>> {
    serde_json::from_str(s).map_err(|_| unreadable(what, id))
}

pub(super) fn status_of(
    review_on: NaiveDate,
    reviewed: bool,
    today: NaiveDate,
) -> ConnectionsPlanStatus {
    if reviewed {
        ConnectionsPlanStatus::Reviewed
    } else if review_on <= today {
        ConnectionsPlanStatus::Due
    } else {
        ConnectionsPlanStatus::Open
    }
}

pub(super) fn load_plan(conn: &Connection, id: &str, today: NaiveDate) -> Result<ConnectionsPlan> {
    let c = content()?;
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT interests, strengths, opportunities, chosen, step, support, support_from,
                review_on, local_date FROM connections_plans WHERE id = ?1",
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
                ))
            },
        )
        .optional()?;
    let (interests, strengths, opportunities, chosen, step, support, support_from, review_on, date) =
        row.ok_or_else(|| Error::not_found("plan", id))?;
    let bad = || unreadable("plan", id);
    let support_ids = json_list(&support, "plan", id)?;
    let mut support = vec![];
    for s in &support_ids {
        support.push(ConnectionsSupport::from_id(s).ok_or_else(bad)?);
    }
    let review_day = clock::parse_date("review_on", &review_on).map_err(|_| bad())?;
    let d = clock::parse_date("date", &date).map_err(|_| bad())?;
    let review = conn
        .query_row(
            "SELECT outcome, what_happened, met, next_step, local_date, local_time
             FROM connections_reviews WHERE plan_id = ?1",
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
        Some((outcome, what_happened, met, next_step, rdate, rtime)) => {
            let outcome = ConnectionsOutcome::from_id(&outcome).ok_or_else(bad)?;
            Some(ConnectionsReview {
                outcome,
                outcome_label: c.outcome(outcome)?.label.clone(),
                headline: c.label(
                    "review_headline",
                    &[("outcome", &c.outcome(outcome)?.label)],
                )?,
                what_happened,
                met: json_list(&met, "plan", id)?,
                next_step,
                date: rdate,
                time: rtime,
            })
        }
    };
    let status = status_of(review_day, review.is_some(), today);
    let mut support_labels = vec![];
    for s in &support {
        support_labels.push(c.support(*s)?.label.clone());
    }
    Ok(ConnectionsPlan {
        id: id.to_string(),
        date_label: clock::short_label(d),
        date,
        interests: json_list(&interests, "plan", id)?,
        strengths: json_list(&strengths, "plan", id)?,
        opportunities: json_list(&opportunities, "plan", id)?,
        chosen,
        headline: c.label("plan_headline", &[("step", &step)])?,
        step,
        support,
        support_labels,
        support_from,
        review_on_label: c.label("review_on", &[("date", &clock::short_label(review_day))])?,
        review_on,
        status_label: c.label(
            match status {
                ConnectionsPlanStatus::Open => "status_open",
                ConnectionsPlanStatus::Due => "status_due",
                ConnectionsPlanStatus::Reviewed => "status_reviewed",
            },
            &[],
        )?,
        status,
        review,
    })
}

/// The newest plan (made on or before `until`, when given): walked newest first along the
/// time index and stopped at the first that fits (see [`newest_map_ids`]).
pub(super) fn newest_plan_id(conn: &Connection, until: Option<&str>) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id FROM connections_plans INDEXED BY connections_plans_time
                 WHERE ?1 IS NULL OR local_date <= ?1{NEWEST_FIRST} LIMIT 1"
            ),
            [until],
            |r| r.get(0),
        )
        .optional()?)
}

/// The newest plan not looked back on yet.
pub(super) fn open_plan_id(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT id FROM connections_plans p INDEXED BY connections_plans_time WHERE NOT EXISTS
                    (SELECT 1 FROM connections_reviews r WHERE r.plan_id = p.id){NEWEST_FIRST} LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Reads every stored map and plan back as the app would (an import's check before commit).
pub(crate) fn check_stored(conn: &Connection) -> Result<()> {
    crate::store::load_every(conn, "connections_maps", load_map)?;
    let today = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");
    crate::store::load_every(conn, "connections_plans", |c, id| load_plan(c, id, today))
}

/// Something of this tool that is due or open, for the home screen.
pub(crate) struct Due {
    pub label: String,
    pub detail: Option<String>,
    /// True when it is due now (a "Due now" badge), false when merely open.
    pub due_now: bool,
    pub tool: ToolId,
    pub subject_id: String,
}

/// The plan waiting to be looked back on (due or not yet), and mapping again when the last
/// map is [`REMAP_AFTER_DAYS`] old.
pub(crate) fn due(conn: &Connection, today: NaiveDate) -> Result<Vec<Due>> {
    let c = content()?;
    let mut out = vec![];
    if let Some(id) = open_plan_id(conn)? {
        let p = load_plan(conn, &id, today)?;
        out.push(Due {
            label: c.label("plan_due_title", &[])?,
            detail: Some(c.label("plan_due_detail", &[("step", &p.step)])?),
            due_now: p.status == ConnectionsPlanStatus::Due,
            tool: ToolId::ConnectionsReview,
            subject_id: id,
        });
    }
    if let Some(id) = newest_map_ids(conn, 1, 0)?.into_iter().next() {
        let m = load_map(conn, &id)?;
        let d = clock::parse_date("date", &m.date)?;
        if today - d >= Duration::days(REMAP_AFTER_DAYS) {
            out.push(Due {
                label: c.label("remap_due_title", &[])?,
                detail: Some(c.label("remap_due_detail", &[("date", &m.date_label)])?),
                due_now: true,
                tool: ToolId::ConnectionsRemap,
                subject_id: id,
            });
        }
    }
    Ok(out)
}
