//! Screens made for drawing: the week, the history page and the home-screen glance. All
//! bucketing is by the stored local date, so DST changes and travel never move an entry.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use super::{
    content, entries, plans, way_ref, week_label, FiveWaysDay, FiveWaysGlance, FiveWaysHistoryPage,
    FiveWaysHistoryWeek, FiveWaysIdea, FiveWaysPlan, FiveWaysPlanStatus, FiveWaysWayCount,
    FiveWaysWayRef, FiveWaysWeek,
};
use crate::chart::ChartPoint;
use crate::clock::{fmt_date, parse_date, short_label, week_start};
use crate::error::{ApiResult, Error, Result};
use crate::ids::WayId;
use crate::store::WellbeingStore;
use crate::validate;

/// Most weeks on one history page (two years).
const MAX_HISTORY_WEEKS: u32 = 104;
/// The history chart's axis shows at least this many entries a week, so one entry does not
/// fill the whole height.
const MIN_AXIS_MAX: f64 = 5.0;

fn counts_from(per_way: &HashMap<String, u32>) -> Vec<FiveWaysWayCount> {
    WayId::ALL
        .iter()
        .map(|&id| FiveWaysWayCount {
            way_id: id,
            title: content::way_title(id),
            count: per_way.get(id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

fn untouched_of(counts: &[FiveWaysWayCount]) -> Vec<FiveWaysWayRef> {
    counts
        .iter()
        .filter(|c| c.count == 0)
        .map(|c| way_ref(c.way_id))
        .collect()
}

/// Entries per way from `from` to `to` (local dates).
pub(crate) fn way_counts(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<FiveWaysWayCount>> {
    let mut st = conn.prepare_cached(
        "SELECT w.way, count(*) FROM five_ways_entry_ways w
         JOIN five_ways_entries e ON e.id = w.entry_id
         WHERE e.local_date BETWEEN ?1 AND ?2 GROUP BY w.way",
    )?;
    let per_way = st
        .query_map(params![fmt_date(from), fmt_date(to)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(counts_from(&per_way))
}

/// Entries per way and in total from `from` to `to` (local dates).
pub(crate) fn tally(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<FiveWaysWayCount>, u32)> {
    let counts = way_counts(conn, from, to)?;
    let total: u32 = conn
        .prepare_cached(
            "SELECT count(*) FROM five_ways_entries WHERE local_date BETWEEN ?1 AND ?2",
        )?
        .query_row(params![fmt_date(from), fmt_date(to)], |r| r.get(0))?;
    Ok((counts, total))
}

/// The week containing `date`, seen on `today`.
pub(crate) fn week_view(
    conn: &Connection,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<FiveWaysWeek> {
    let monday = week_start(date);
    let sunday = monday + Duration::days(6);
    let all = entries::between(conn, monday, sunday)?;
    let mut per_way: HashMap<String, u32> = HashMap::new();
    let mut days = Vec::with_capacity(7);
    for n in 0..7 {
        let d = monday + Duration::days(n);
        let ds = fmt_date(d);
        let day_entries: Vec<_> = all.iter().filter(|e| e.date == ds).cloned().collect();
        let ways_touched = WayId::ALL
            .iter()
            .filter(|w| day_entries.iter().any(|e| e.ways.contains(w)))
            .map(|&w| way_ref(w))
            .collect();
        for e in &day_entries {
            for w in &e.ways {
                *per_way.entry(w.as_str().to_string()).or_default() += 1;
            }
        }
        days.push(FiveWaysDay {
            date: ds,
            label: short_label(d),
            is_today: d == today,
            is_future: d > today,
            ways_touched,
            entries: day_entries,
        });
    }
    let counts = counts_from(&per_way);
    Ok(FiveWaysWeek {
        week_start: fmt_date(monday),
        week_end: fmt_date(sunday),
        label: week_label(monday),
        is_current_week: monday == week_start(today),
        untouched: untouched_of(&counts),
        counts,
        total_entries: all.len() as u32,
        days,
        plan: plans::for_week(conn, monday, today)?,
    })
}

/// Something to try next, the same all day for the same state: an idea from a way not yet
/// touched this week if there is one (else from any way), rotating through the pool by date.
#[allow(dead_code)] // called by the today() view
pub(crate) fn suggested_idea(conn: &Connection, today: NaiveDate) -> Result<FiveWaysIdea> {
    let (counts, _) = tally(conn, week_start(today), today)?;
    Ok(pick_idea(&untouched_of(&counts), today)?.clone())
}

pub(crate) fn pick_idea(
    untouched: &[FiveWaysWayRef],
    today: NaiveDate,
) -> Result<&'static FiveWaysIdea> {
    let pool: Vec<&FiveWaysIdea> = content::all_ideas()
        .filter(|i| untouched.is_empty() || untouched.iter().any(|u| u.id == i.way_id))
        .collect();
    if pool.is_empty() {
        return Err(Error::content_bug("no ideas are available"));
    }
    let day = today.num_days_from_ce().unsigned_abs() as usize;
    Ok(pool[day % pool.len()])
}

/// The most recent past week's plan still waiting for a review.
pub(crate) fn open_plan(conn: &Connection, today: NaiveDate) -> Result<Option<FiveWaysPlan>> {
    plans::awaiting_review(conn, today, true)
}

/// This week so far, for the home screen.
pub(crate) fn glance(conn: &Connection, today: NaiveDate) -> Result<FiveWaysGlance> {
    let monday = week_start(today);
    let counts = way_counts(conn, monday, today)?;
    let entries_today: u32 = conn
        .prepare_cached("SELECT count(*) FROM five_ways_entries WHERE local_date = ?1")?
        .query_row([fmt_date(today)], |r| r.get(0))?;
    let untouched = untouched_of(&counts);
    Ok(FiveWaysGlance {
        week_start: fmt_date(monday),
        suggestion: pick_idea(&untouched, today)?.clone(),
        counts,
        untouched,
        entries_today,
        this_week_plan: plans::for_week(conn, monday, today)?,
        open_plan: open_plan(conn, today)?,
    })
}

/// The Monday of the oldest week with anything recorded.
/// Entries per way and in all, by the Monday of their local date, from `from` to `to`.
#[allow(clippy::type_complexity)]
fn tally_by_week(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(HashMap<String, HashMap<String, u32>>, HashMap<String, u32>)> {
    let range = params![fmt_date(from), fmt_date(to)];
    let week_of = |d: &str| parse_date("stored date", d).map(|d| fmt_date(week_start(d)));
    let mut per_way: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT e.local_date, w.way, count(*) FROM five_ways_entry_ways w
         JOIN five_ways_entries e ON e.id = w.entry_id
         WHERE e.local_date BETWEEN ?1 AND ?2 GROUP BY e.local_date, w.way",
    )?;
    let rows = st.query_map(range, |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    for row in rows {
        let (date, way, n) = row?;
        *per_way
            .entry(week_of(&date)?)
            .or_default()
            .entry(way)
            .or_default() += n;
    }
    let mut totals: HashMap<String, u32> = HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT local_date, count(*) FROM five_ways_entries WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date",
    )?;
    let rows = st.query_map(range, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    for row in rows {
        let (date, n) = row?;
        *totals.entry(week_of(&date)?).or_default() += n;
    }
    Ok((per_way, totals))
}

/// The weeks from `from` to `to` (Mondays) that have a plan.
fn planned_weeks(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<std::collections::HashSet<String>> {
    let mut st = conn.prepare_cached(
        "SELECT week_start FROM five_ways_plans WHERE week_start BETWEEN ?1 AND ?2",
    )?;
    let weeks = st
        .query_map(params![fmt_date(from), fmt_date(to)], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(weeks)
}

fn earliest_week(conn: &Connection) -> Result<Option<NaiveDate>> {
    let first: Option<String> = conn
        .query_row(
            "SELECT min(d) FROM (SELECT min(local_date) AS d FROM five_ways_entries
                                 UNION ALL SELECT min(week_start) FROM five_ways_plans)",
            [],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    first
        .map(|s| parse_date("stored date", &s).map(week_start))
        .transpose()
}

/// A page of weeks, newest first, from the week before `before`'s week (or this week) back
/// to the first week with anything recorded.
pub(crate) fn history(
    conn: &Connection,
    before: Option<NaiveDate>,
    limit: u32,
    today: NaiveDate,
) -> Result<FiveWaysHistoryPage> {
    let this = week_start(today);
    let start = match before {
        None => this,
        Some(d) => (week_start(d) - Duration::days(7)).min(this),
    };
    let earliest = earliest_week(conn)?.unwrap_or(this).min(this);
    let mut mondays = Vec::new();
    let mut monday = start;
    while monday >= earliest && mondays.len() < limit as usize {
        mondays.push(monday);
        monday -= Duration::days(7);
    }
    // One grouped pass over the whole span rather than queries per week: a year's page is
    // two queries, not a hundred.
    let oldest = mondays.last().copied().unwrap_or(start);
    let (per_way, totals) = tally_by_week(conn, oldest, start + Duration::days(6))?;
    let planned = planned_weeks(conn, oldest, start)?;
    let none = HashMap::new();
    let mut weeks = Vec::with_capacity(mondays.len());
    for m in &mondays {
        let key = fmt_date(*m);
        let counts = counts_from(per_way.get(&key).unwrap_or(&none));
        let plan_status: Option<FiveWaysPlanStatus> = if planned.contains(&key) {
            plans::for_week(conn, *m, today)?.map(|p| p.status)
        } else {
            None
        };
        weeks.push(FiveWaysHistoryWeek {
            week_start: key.clone(),
            label: week_label(*m),
            is_current_week: *m == this,
            ways_touched: counts.iter().filter(|c| c.count > 0).count() as u32,
            counts,
            total_entries: totals.get(&key).copied().unwrap_or(0),
            plan_status,
        });
    }
    let next_before = match weeks.last() {
        Some(w) if monday >= earliest => Some(w.week_start.clone()),
        _ => None,
    };
    let top = weeks
        .iter()
        .flat_map(|w| w.counts.iter().map(|c| c.count))
        .max()
        .unwrap_or(0) as f64;
    let series = WayId::ALL
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            crate::chart::SeriesParts {
                id: format!("five-ways-{id}"),
                label: content::way_title(id),
                axis_min: 0.0,
                axis_max: top.max(MIN_AXIS_MAX),
                points: weeks
                    .iter()
                    .rev()
                    .map(|w| {
                        let monday = parse_date("week", &w.week_start).unwrap_or(today);
                        ChartPoint {
                            date: w.week_start.clone(),
                            label: monday.format("%-d %b").to_string(),
                            // A week with nothing logged is a gap, not a zero.
                            value: (w.total_entries > 0).then(|| w.counts[i].count as f64),
                        }
                    })
                    .collect(),
            }
            .finish()
        })
        .collect();
    Ok(FiveWaysHistoryPage {
        weeks,
        series,
        next_before,
    })
}

#[cfg_attr(feature = "ffi", uniffi::export)]
impl WellbeingStore {
    /// The Monday-to-Sunday week containing `date` (default today).
    pub fn five_ways_week(&self, date: Option<String>) -> ApiResult<FiveWaysWeek> {
        let today = self.now().date();
        let d = match date {
            Some(s) => parse_date("date", &s)?,
            None => today,
        };
        Ok(self.read(|c| week_view(c, d, today))?)
    }

    /// A page of weeks, newest first, with counts per way and one chart series per way.
    /// `before`: the `next_before` of the previous page (None for the first page).
    /// `limit`: 1 to 104 weeks.
    pub fn five_ways_history(
        &self,
        before: Option<String>,
        limit: u32,
    ) -> ApiResult<FiveWaysHistoryPage> {
        validate::in_range("limit", limit as i64, 1, MAX_HISTORY_WEEKS as i64)?;
        let before = before.map(|s| parse_date("before", &s)).transpose()?;
        let today = self.now().date();
        Ok(self.read(|c| history(c, before, limit, today))?)
    }

    /// This week so far at a glance: counts, untouched ways, a suggestion, the plans.
    pub fn five_ways_glance(&self) -> ApiResult<FiveWaysGlance> {
        let today = self.now().date();
        Ok(self.read(|c| glance(c, today))?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{at, ms};
    use super::super::{FiveWaysInput, FiveWaysIntentionInput, FiveWaysPlanInput};
    use super::*;
    use crate::WellbeingError;

    fn log(c: &WellbeingStore, what: &str, ways: &[&str], date: &str, time: &str) {
        c.five_ways_log(FiveWaysInput {
            what: what.into(),
            ways: ways.iter().map(|s| WayId::parse(s).unwrap()).collect(),
            note: None,
            date: Some(date.into()),
            time: Some(time.into()),
        })
        .unwrap();
    }

    fn plan(c: &WellbeingStore, week_of: Option<&str>) -> FiveWaysPlan {
        c.five_ways_set_plan(FiveWaysPlanInput {
            week_of: week_of.map(Into::into),
            intentions: vec![FiveWaysIntentionInput {
                text: "Walk".into(),
                way: Some(WayId::BeActive),
            }],
        })
        .unwrap()
    }

    fn count(v: &[FiveWaysWayCount], id: &str) -> u32 {
        v.iter().find(|c| c.way_id.as_str() == id).unwrap().count
    }

    #[test]
    fn week_view_is_monday_to_sunday_with_flags_and_counts() {
        // Wednesday 18 Nov 2026, 21:00 GMT.
        let c = at("2026-11-18T21:00:00Z", 0);
        log(&c, "Called Mum", &["connect"], "2026-11-16", "19:00");
        log(
            &c,
            "Walk with Sam",
            &["connect", "be-active"],
            "2026-11-16",
            "08:00",
        );
        log(
            &c,
            "Noticed the frost",
            &["take-notice"],
            "2026-11-18",
            "07:30",
        );
        log(&c, "Last week", &["give"], "2026-11-15", "10:00");
        let p = plan(&c, None);
        let w = c.five_ways_week(None).unwrap();
        assert_eq!(
            (w.week_start.as_str(), w.week_end.as_str()),
            ("2026-11-16", "2026-11-22")
        );
        assert_eq!(w.label, "16–22 Nov 2026");
        assert!(w.is_current_week);
        let labels: Vec<&str> = w.days.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Mon 16 Nov",
                "Tue 17 Nov",
                "Wed 18 Nov",
                "Thu 19 Nov",
                "Fri 20 Nov",
                "Sat 21 Nov",
                "Sun 22 Nov"
            ]
        );
        let flags: Vec<(bool, bool)> = w.days.iter().map(|d| (d.is_today, d.is_future)).collect();
        assert_eq!(flags[2], (true, false));
        assert_eq!(flags[1], (false, false));
        assert_eq!(flags[3], (false, true));
        let mon = &w.days[0];
        assert_eq!(
            mon.entries
                .iter()
                .map(|e| e.what.as_str())
                .collect::<Vec<_>>(),
            ["Walk with Sam", "Called Mum"]
        );
        assert_eq!(
            mon.ways_touched
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["connect", "be-active"]
        );
        assert_eq!(count(&w.counts, "connect"), 2);
        assert_eq!(count(&w.counts, "be-active"), 1);
        assert_eq!(count(&w.counts, "give"), 0);
        assert_eq!(w.total_entries, 3);
        let untouched: Vec<&str> = w.untouched.iter().map(|u| u.title.as_str()).collect();
        assert_eq!(untouched, ["Keep learning", "Give"]);
        assert_eq!(w.plan.map(|p| p.id), Some(p.id));
        // Another week by any date in it.
        let last = c.five_ways_week(Some("2026-11-09".into())).unwrap();
        assert_eq!(last.week_start, "2026-11-09");
        assert!(!last.is_current_week && last.days.iter().all(|d| !d.is_future && !d.is_today));
        assert_eq!(last.total_entries, 1);
        assert!(last.plan.is_none());
        assert!(matches!(
            c.five_ways_week(Some("2026-02-29".into())),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }

    #[test]
    fn week_across_the_clocks_going_back_keeps_local_days() {
        // Clocks go back at 02:00 BST on Sun 25 Oct 2026. Entries logged live at 23:30
        // local on the Saturday (BST) and on the Sunday (GMT).
        let c = at("2026-10-24T22:30:00Z", 60);
        c.five_ways_log(FiveWaysInput {
            what: "Sat late".into(),
            ways: vec![WayId::Give],
            note: None,
            date: None,
            time: None,
        })
        .unwrap();
        c.set_fixed_time(ms("2026-10-25T23:30:00Z"), 0).unwrap();
        c.five_ways_log(FiveWaysInput {
            what: "Sun late".into(),
            ways: vec![WayId::Connect],
            note: None,
            date: None,
            time: None,
        })
        .unwrap();
        // Viewed on the Monday from a zone behind UTC: still Sat and Sun of that week.
        c.set_fixed_time(ms("2026-10-26T15:00:00Z"), -300).unwrap();
        let w = c.five_ways_week(Some("2026-10-24".into())).unwrap();
        assert_eq!(w.week_start, "2026-10-19");
        assert_eq!(w.days[5].entries[0].what, "Sat late");
        assert_eq!(w.days[5].entries[0].time, "23:30");
        assert_eq!(w.days[6].entries[0].what, "Sun late");
        assert_eq!(w.days[6].entries[0].time, "23:30");
        assert!(c
            .five_ways_week(None)
            .unwrap()
            .days
            .iter()
            .all(|d| d.entries.is_empty()));
    }

    #[test]
    fn suggestion_prefers_untouched_ways_and_rotates_by_date() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let today = c.now().date();
        for w in ["connect", "be-active", "take-notice", "keep-learning"] {
            log(&c, "x", &[w], "2026-11-17", "10:00");
        }
        let s = c.read(|c| suggested_idea(c, today)).unwrap();
        assert_eq!(s.way_id, WayId::Give);
        assert_eq!(
            s,
            c.read(|c| suggested_idea(c, today)).unwrap(),
            "same day, same idea"
        );
        let tomorrow = c
            .read(|c| suggested_idea(c, today + Duration::days(1)))
            .unwrap();
        assert_eq!(tomorrow.way_id, WayId::Give);
        assert_ne!(tomorrow.id, s.id, "rotates by date");
        // Once all five are touched, the pool is every idea of every way.
        log(&c, "y", &["give"], "2026-11-18", "09:00");
        let all = c.read(|c| suggested_idea(c, today)).unwrap();
        assert_eq!(&all, pick_idea(&[], today).unwrap());
        let ways: std::collections::HashSet<WayId> = (0..content::all_ideas().count() as i64)
            .map(|n| pick_idea(&[], today + Duration::days(n)).unwrap().way_id)
            .collect();
        assert_eq!(ways.len(), 5);
        // Last week's entries do not count for this week.
        let fresh = at("2026-11-23T12:00:00Z", 0);
        log(&fresh, "old", &["give"], "2026-11-22", "10:00");
        let today = fresh.now().date();
        assert_eq!(
            fresh
                .read(|c| tally(c, week_start(today), today))
                .unwrap()
                .1,
            0
        );
    }

    #[test]
    fn glance_has_counts_today_and_plans() {
        let c = at("2026-11-09T12:00:00Z", 0);
        let old = plan(&c, None);
        c.set_fixed_time(ms("2026-11-18T12:00:00Z"), 0).unwrap();
        let current = plan(&c, None);
        log(&c, "a", &["connect", "give"], "2026-11-18", "09:00");
        log(&c, "b", &["connect"], "2026-11-16", "09:00");
        let g = c.five_ways_glance().unwrap();
        assert_eq!(g.week_start, "2026-11-16");
        assert_eq!(count(&g.counts, "connect"), 2);
        assert_eq!(g.entries_today, 1);
        assert_eq!(g.untouched.len(), 3);
        assert!(g.untouched.iter().any(|u| u.id == g.suggestion.way_id));
        assert_eq!(g.this_week_plan.map(|p| p.id), Some(current.id));
        let open = g.open_plan.unwrap();
        assert_eq!(
            (open.id, open.status),
            (old.id.clone(), FiveWaysPlanStatus::Open)
        );
        let today = c.now().date();
        assert_eq!(
            c.read(|c| open_plan(c, today)).unwrap().map(|p| p.id),
            Some(old.id)
        );
    }

    #[test]
    fn history_counts_match_a_tally_of_each_week() {
        // Twenty weeks of entries (some with two ways), across the October clock change.
        let c = at("2026-11-18T12:00:00Z", 0);
        let ways = [
            "connect",
            "be-active",
            "take-notice",
            "keep-learning",
            "give",
        ];
        let first = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        for i in 0..140i64 {
            if i % 3 == 1 {
                continue;
            }
            let d = fmt_date(first + Duration::days(i));
            let w = ways[(i % 5) as usize];
            let both = [w, "give"];
            let chosen: &[&str] = if i % 4 == 0 && w != "give" {
                &both
            } else {
                &both[..1]
            };
            log(&c, "x", chosen, &d, "09:00");
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let page = c.read(|conn| history(conn, None, 30, today)).unwrap();
        assert!(page.weeks.len() >= 20);
        for w in &page.weeks {
            let monday = parse_date("t", &w.week_start).unwrap();
            let (counts, total) = c
                .read(|conn| tally(conn, monday, monday + Duration::days(6)))
                .unwrap();
            assert_eq!(
                (&w.counts, w.total_entries),
                (&counts, total),
                "week of {}",
                w.week_start
            );
        }
    }

    #[test]
    fn history_pages_newest_first_with_series() {
        // Today: Wed 18 Nov 2026. Entries in weeks of 2, 9 (none) and 16 Nov; plan 9 Nov.
        let c = at("2026-11-11T12:00:00Z", 0);
        plan(&c, None);
        c.set_fixed_time(ms("2026-11-18T12:00:00Z"), 0).unwrap();
        log(&c, "a", &["connect", "give"], "2026-11-03", "09:00");
        log(&c, "b", &["connect"], "2026-11-04", "09:00");
        log(&c, "c", &["take-notice"], "2026-11-17", "09:00");
        let p = c.five_ways_history(None, 2).unwrap();
        let starts: Vec<&str> = p.weeks.iter().map(|w| w.week_start.as_str()).collect();
        assert_eq!(starts, ["2026-11-16", "2026-11-09"]);
        assert!(p.weeks[0].is_current_week);
        assert_eq!(p.weeks[0].total_entries, 1);
        assert_eq!(p.weeks[1].total_entries, 0);
        assert_eq!(p.weeks[1].plan_status, Some(FiveWaysPlanStatus::Open));
        assert_eq!(p.next_before.as_deref(), Some("2026-11-09"));
        assert_eq!(p.series.len(), 5);
        let notice = &p.series[2];
        assert_eq!(notice.id, "five-ways-take-notice");
        assert_eq!(notice.label, "Take notice");
        // Oldest first; the empty week is a gap.
        let vals: Vec<Option<f64>> = notice.points.iter().map(|pt| pt.value).collect();
        assert_eq!(vals, [None, Some(1.0)]);
        assert_eq!(notice.points[1].label, "16 Nov");
        assert_eq!(p.series[0].points[1].value, Some(0.0));
        assert_eq!(notice.axis_max, MIN_AXIS_MAX);
        let p2 = c.five_ways_history(p.next_before.clone(), 2).unwrap();
        let w = &p2.weeks[0];
        assert_eq!(w.week_start, "2026-11-02");
        assert_eq!(
            (
                count(&w.counts, "connect"),
                count(&w.counts, "give"),
                w.total_entries,
                w.ways_touched
            ),
            (2, 1, 2, 2)
        );
        assert_eq!(p2.weeks.len(), 1);
        assert_eq!(p2.next_before, None);
        assert_eq!(p2.series[0].points[0].value, Some(2.0));
        // Nothing older.
        let p3 = c.five_ways_history(Some("2026-11-02".into()), 2).unwrap();
        assert!(p3.weeks.is_empty() && p3.next_before.is_none());
    }

    #[test]
    fn history_of_an_empty_store_is_this_week_and_limits_are_checked() {
        let c = at("2026-11-18T12:00:00Z", 0);
        let p = c.five_ways_history(None, 10).unwrap();
        assert_eq!(p.weeks.len(), 1);
        assert_eq!(p.weeks[0].total_entries, 0);
        assert_eq!(p.next_before, None);
        for bad in [0, 105] {
            assert!(matches!(
                c.five_ways_history(None, bad),
                Err(WellbeingError::InvalidInput { .. })
            ));
        }
        assert!(matches!(
            c.five_ways_history(Some("2026-11-31".into()), 5),
            Err(WellbeingError::InvalidInput { .. })
        ));
    }
}
