//! The core beside bare SQLite doing the same work, on a month, a year and ten years of heavy
//! use with every table filled (`support/ten_years.rs`).
//!
//! The baselines are what a careful engineer would write by hand for the same screen: bare
//! rusqlite on an identical copy of the database (same file, same indexes, same pragmas),
//! cached statements, every query the core runs for that screen (its safety flags, received
//! handoffs, profile, the check-in's follow-ups and feelings, a year of check-in days for the
//! rhythm, plans with their intentions and reviews…), decoding the same rows into the same
//! information. What the baseline does not do is the core's own work above storage: typed
//! records, labels and wording, chart series, the safety notice's contacts.
//!
//! Three measurements, each saying what it is:
//! - **interleaved** (the tables this prints): core and baseline alternate call by call in
//!   one loop, so a noisy shared machine slows both alike; mean and median of each, ratio of
//!   medians; a scaling table over 1 month, 1 year and 10 years;
//! - **criterion** groups on the ten-year store (its own reports under target/criterion);
//! - **instructions** (`core/benches/callgrind.sh`): the same calls counted under
//!   `valgrind --tool=callgrind`, repeatable under load.
//!
//! Run: `cargo bench -p companion-core --bench core_vs_sqlite`.
//! `COMPANION_BENCH_ONLY=interleaved` skips criterion; `=build DIR` and `=callgrind DIR` are
//! the instruction count's two halves (see `callgrind.sh`).

#[path = "support/ten_years.rs"]
mod ten_years;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use companion_core::{FiveWaysInput, WellbeingStore};
use criterion::Criterion;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

/// The histories measured, in days.
const SIZES: [(&str, i64); 3] = [
    ("1 month", 30),
    ("1 year", 365),
    ("10 years", ten_years::DAYS),
];

// ---------------------------------------------------------------------------------------
// Databases
// ---------------------------------------------------------------------------------------

/// A store of `days` days in `dir`, built once per version of the generator (its source is
/// part of the name), so reruns measure rather than rebuild.
fn database(dir: &Path, days: i64) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("support/ten_years.rs").hash(&mut h);
    let path = dir.join(format!("history-{days}d-{:016x}.db", h.finish()));
    if !path.exists() {
        std::fs::create_dir_all(dir).unwrap();
        let part = dir.join(format!("building-{days}d-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&part);
        let t = Instant::now();
        let counts = ten_years::build_days(&part, days);
        std::fs::rename(&part, &path).unwrap();
        eprintln!("built {days} days in {:.1?}: {counts:?}", t.elapsed());
    }
    path
}

/// Every table of the store and its row count; panics if any table is empty, so the
/// benchmark cannot quietly measure a store with a part left out.
fn check_every_table_filled(path: &Path) -> Vec<(String, i64)> {
    let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let counts: Vec<(String, i64)> = names
        .into_iter()
        .map(|t| {
            let n = c
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect();
    let empty: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| *n == 0)
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(empty.is_empty(), "tables left empty: {empty:?}");
    counts
}

fn copy(src: &Path, dir: &Path, name: &str) -> PathBuf {
    let dst = dir.join(name);
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", dst.display()));
    }
    std::fs::copy(src, &dst).unwrap();
    dst
}

// ---------------------------------------------------------------------------------------
// The baseline: bare rusqlite, hand-written SQL
// ---------------------------------------------------------------------------------------

/// Opening as a careful app would: the checks that the file is a readable database of this
/// app at this version, WAL, the same pragmas as the core. No whole-file check (the core
/// runs one only after an unclean end, as this baseline would).
fn bare_open(path: &Path) -> Connection {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let (version, app): (i64, i64) = c
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(version > 0 && app != 0);
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    let _: String = c
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .unwrap();
    c.execute_batch(
        "PRAGMA journal_size_limit=4194304; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;
         PRAGMA secure_delete=ON; PRAGMA temp_store=2;",
    )
    .unwrap();
    c.set_prepared_statement_cache_capacity(64);
    c
}

/// Closing as the core does: SQLite's `PRAGMA optimize`, then the close (which checkpoints).
fn bare_close(c: Connection) {
    let _ = c.execute_batch("PRAGMA optimize");
    drop(c);
}

fn bare_log(c: &mut Connection, now_ms: i64, n: u64) {
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    tx.prepare_cached(
        "INSERT INTO five_ways_entries (id, what, note, utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, NULL, ?3, 0, ?4, '10:00', ?3, ?3)",
    )
    .unwrap()
    .execute(params![id, format!("Walked to the shop {n}"), now_ms, "2026-01-04"])
    .unwrap();
    tx.prepare_cached("INSERT INTO five_ways_entry_ways (entry_id, way) VALUES (?1, 'be-active')")
        .unwrap()
        .execute([&id])
        .unwrap();
    tx.commit().unwrap();
}

/// The days a screen needs, from "today".
#[derive(Clone)]
struct Days {
    today: NaiveDate,
    t: String,
    monday: String,
    sunday: String,
    fortnight_ago: String,
    year_ago: String,
    four_weeks_ago: String,
}

impl Days {
    fn new(today: &str) -> Days {
        let d = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let f = |x: NaiveDate| x.format("%Y-%m-%d").to_string();
        let monday = d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64);
        Days {
            today: d,
            t: today.to_string(),
            monday: f(monday),
            sunday: f(monday + chrono::Duration::days(6)),
            fortnight_ago: f(d - chrono::Duration::days(13)),
            year_ago: f(d - chrono::Duration::days(366)),
            four_weeks_ago: f(d - chrono::Duration::days(27)),
        }
    }
}

/// A plan as the home screen shows it: its week, intentions and review.
#[derive(Debug, Default)]
#[allow(dead_code)] // read through black_box
struct BarePlan {
    week_start: String,
    intentions: Vec<(String, String, Option<String>, Option<String>)>,
    review: Option<(String, Option<String>, Option<String>, String, String)>,
}

fn bare_plan(c: &Connection, id: Option<String>) -> Option<BarePlan> {
    let id = id?;
    let week_start = c
        .prepare_cached("SELECT week_start FROM five_ways_plans WHERE id = ?1")
        .unwrap()
        .query_row([&id], |r| r.get(0))
        .unwrap();
    let intentions = c
        .prepare_cached("SELECT id, text, way, outcome FROM five_ways_intentions WHERE plan_id = ?1 ORDER BY position")
        .unwrap()
        .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let review = c
        .prepare_cached("SELECT outcome, what_helped, what_got_in_the_way, local_date, local_time FROM five_ways_reviews WHERE plan_id = ?1")
        .unwrap()
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()
        .unwrap();
    Some(BarePlan {
        week_start,
        intentions,
        review,
    })
}

/// Everything the home screen shows, by hand.
#[derive(Debug, Default)]
#[allow(dead_code)] // read through black_box
struct BareToday {
    date_label: String,
    safety_flags: Vec<String>,
    profile: Option<(String, Option<String>)>,
    check_in: Option<(String, i64, i64, i64, Option<String>, String)>,
    check_in_label: String,
    follow_ups: Vec<(String, String, String)>,
    feelings: Vec<String>,
    week_series: Vec<(String, Option<i64>)>,
    last_seven_days: u32,
    run_days: u32,
    ways: Vec<(String, i64)>,
    entries_today: i64,
    this_week_plan: Option<BarePlan>,
    open_plan: Option<BarePlan>,
    has_safety_plan: bool,
}

fn bare_today(c: &Connection, d: &Days) -> BareToday {
    let mut v = BareToday {
        date_label: d.today.format("%A %-d %B").to_string(),
        ..Default::default()
    };
    // Safety first: PHQ-9 item 9 in the last fortnight, from the stored answers, and the
    // flags of summaries received in that time.
    let mut st = c
        .prepare_cached("SELECT measure, answers FROM measures_results WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms DESC")
        .unwrap();
    let rows = st
        .query_map([&d.fortnight_ago, &d.t], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap();
    for row in rows {
        let (m, answers) = row.unwrap();
        let a: Vec<i32> = serde_json::from_str(&answers).unwrap();
        if m == "phq9" && a.get(8).copied().unwrap_or(0) > 0 && v.safety_flags.is_empty() {
            v.safety_flags.push("phq9-item9".into());
        }
    }
    let mut st = c
        .prepare_cached("SELECT summary FROM handoff_received WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms, id")
        .unwrap();
    for s in st
        .query_map([&d.fortnight_ago, &d.t], |r| r.get::<_, String>(0))
        .unwrap()
    {
        let s: serde_json::Value = serde_json::from_str(&s.unwrap()).unwrap();
        for f in s["flags"].as_array().into_iter().flatten() {
            let code = f["code"].as_str().unwrap_or_default().to_string();
            if !v.safety_flags.contains(&code) {
                v.safety_flags.push(code);
            }
        }
    }
    v.profile = c
        .prepare_cached("SELECT kind, age_band FROM profile_settings WHERE id = 1")
        .unwrap()
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .unwrap();
    // Today's latest check-in with its scale, follow-ups and feelings.
    v.check_in = c
        .prepare_cached(
            "SELECT e.id, e.value, s.scale_min, s.scale_max, e.note, e.local_time
             FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
             WHERE s.template = 'checkin' AND e.local_date = ?1
             ORDER BY e.utc_ms DESC, e.rowid DESC LIMIT 1",
        )
        .unwrap()
        .query_row([&d.t], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()
        .unwrap();
    if let Some((id, value, min, max, ..)) = &v.check_in {
        v.follow_ups = c
            .prepare_cached("SELECT follow_up, prompt, answer FROM scaling_follow_ups WHERE entry_id = ?1 ORDER BY position")
            .unwrap()
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        v.feelings = c
            .prepare_cached(
                "SELECT feeling FROM scaling_entry_feelings WHERE entry_id = ?1 ORDER BY position",
            )
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        v.check_in_label = format!("{value} on a scale of {min} to {max}");
        if !v.feelings.is_empty() {
            v.check_in_label = format!("{} · {}", v.check_in_label, v.feelings.join(", "));
        }
    } else {
        v.check_in_label = "Not checked in yet today".into();
    }
    // The check-in days walked back from today through the scale-and-day index (the
    // answer's row read only for the week's chart), stopped once the week is behind and the
    // run is over (a gap of more than one missed day), a year at most: the rhythm and the
    // week's chart, each day's latest answer.
    let ids: Vec<String> = c
        .prepare_cached("SELECT id FROM scaling_scales WHERE template = 'checkin'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let week_from = d.today - chrono::Duration::days(6);
    let week_from_s = week_from.format("%Y-%m-%d").to_string();
    let mut st = c
        .prepare_cached(
            "SELECT local_date, CASE WHEN local_date >= ?4 THEN value END FROM scaling_entries
             WHERE scale_id = ?1 AND local_date BETWEEN ?2 AND ?3
             ORDER BY local_date DESC, utc_ms DESC, rowid DESC",
        )
        .unwrap();
    let mut days: Vec<NaiveDate> = vec![];
    let mut week: Vec<(NaiveDate, i64)> = vec![];
    let mut run_over = false;
    for id in &ids {
        let mut rows = st
            .query(params![id, &d.year_ago, &d.t, &week_from_s])
            .unwrap();
        let mut last_text = String::new();
        while let Some(r) = rows.next().unwrap() {
            let text = r.get_ref(0).unwrap().as_str().unwrap();
            let date = if text == last_text {
                *days.last().unwrap()
            } else {
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
                let newer = days.last().copied().unwrap_or(d.today);
                if (newer - date).num_days() > 2 {
                    run_over = true;
                }
                last_text.clear();
                last_text.push_str(text);
                days.push(date);
                date
            };
            if let Some(value) = r.get::<_, Option<i64>>(1).unwrap() {
                // Newest first: the first answer seen for a day is its latest.
                if week.last().map(|w| w.0) != Some(date) {
                    week.push((date, value));
                }
            }
            if run_over && date < week_from {
                break;
            }
        }
    }
    week.reverse();
    for i in 0..7 {
        let day = week_from + chrono::Duration::days(i);
        let value = week
            .binary_search_by_key(&day, |(d, _)| *d)
            .ok()
            .map(|i| week[i].1);
        v.week_series
            .push((day.format("%Y-%m-%d").to_string(), value));
    }
    v.last_seven_days = days.iter().filter(|x| **x >= week_from).count() as u32;
    if let Some(&latest) = days.first() {
        if (d.today - latest).num_days() <= 2 {
            let mut first = latest;
            for x in days.iter().skip(1) {
                if (first - *x).num_days() > 2 {
                    break;
                }
                first = *x;
            }
            v.run_days = ((latest - first).num_days() + 1) as u32;
        }
    }
    // This week's Five Ways, today's entries, the plans, the safety plan.
    v.ways = c
        .prepare_cached(
            "SELECT w.way, count(*) FROM five_ways_entry_ways w JOIN five_ways_entries e ON e.id = w.entry_id
             WHERE e.local_date BETWEEN ?1 AND ?2 GROUP BY w.way",
        )
        .unwrap()
        .query_map([&d.monday, &d.t], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    v.entries_today = c
        .prepare_cached("SELECT count(*) FROM five_ways_entries WHERE local_date = ?1")
        .unwrap()
        .query_row([&d.t], |r| r.get(0))
        .unwrap();
    let this_week: Option<String> = c
        .prepare_cached("SELECT id FROM five_ways_plans WHERE week_start = ?1")
        .unwrap()
        .query_row([&d.monday], |r| r.get(0))
        .optional()
        .unwrap();
    v.this_week_plan = bare_plan(c, this_week);
    let last_sunday = (NaiveDate::parse_from_str(&d.monday, "%Y-%m-%d").unwrap()
        - chrono::Duration::days(1))
    .format("%Y-%m-%d")
    .to_string();
    let open: Option<String> = c
        .prepare_cached(
            "SELECT p.id FROM five_ways_plans p WHERE p.week_start <= ?1
             AND NOT EXISTS (SELECT 1 FROM five_ways_reviews r WHERE r.plan_id = p.id)
             ORDER BY p.week_start DESC LIMIT 1",
        )
        .unwrap()
        .query_row([&last_sunday], |r| r.get(0))
        .optional()
        .unwrap();
    v.open_plan = bare_plan(c, open);
    v.has_safety_plan = c
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM safety_plan_items)")
        .unwrap()
        .query_row([], |r| r.get(0))
        .unwrap();
    v
}

/// The week screen by hand: each day's check-in, entries and ways, measures with their
/// scores, worksheets and thought records, this week's plan, the profile.
#[allow(clippy::type_complexity)]
fn bare_week(c: &Connection, d: &Days) -> usize {
    let mut n = 0;
    let mut checkins: Vec<(String, i64)> = vec![];
    for row in c
        .prepare_cached(
            "SELECT e.local_date, e.value FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
             WHERE s.template = 'checkin' AND e.local_date BETWEEN ?1 AND ?2 ORDER BY e.utc_ms, e.rowid",
        )
        .unwrap()
        .query_map([&d.monday, &d.sunday], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
    {
        let (date, value) = row.unwrap();
        match checkins.last_mut() {
            Some(last) if last.0 == date => last.1 = value,
            _ => checkins.push((date, value)),
        }
    }
    n += checkins.len();
    let entries: Vec<(String, String, Option<String>, String, String, Option<String>)> = c
        .prepare_cached(
            "SELECT e.id, e.what, e.note, e.local_date, e.local_time,
                    (SELECT group_concat(w.way, ',') FROM five_ways_entry_ways w WHERE w.entry_id = e.id)
             FROM five_ways_entries e WHERE e.local_date BETWEEN ?1 AND ?2
             ORDER BY e.local_date, e.local_time, e.created_utc_ms, e.id",
        )
        .unwrap()
        .query_map([&d.monday, &d.sunday], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    n += entries.len();
    let plan: Option<String> = c
        .prepare_cached("SELECT id FROM five_ways_plans WHERE week_start = ?1")
        .unwrap()
        .query_row([&d.monday], |r| r.get(0))
        .optional()
        .unwrap();
    n += bare_plan(c, plan).map_or(0, |p| p.intentions.len());
    for sql in [
        "SELECT local_date, count(*) FROM five_areas_worksheets WHERE draft = 0 AND local_date BETWEEN ?1 AND ?2 GROUP BY local_date",
        "SELECT local_date, count(*) FROM thinking_styles_records WHERE local_date BETWEEN ?1 AND ?2 GROUP BY local_date",
    ] {
        n += c
            .prepare_cached(sql)
            .unwrap()
            .query_map([&d.monday, &d.sunday], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .unwrap()
            .count();
    }
    // Measures: scored from their answers, as the core keeps only answers as the truth.
    let mut st = c
        .prepare_cached(
            "SELECT id, measure, answers, utc_ms, local_date, local_time FROM measures_results
             WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms, created_utc_ms, rowid",
        )
        .unwrap();
    for row in st
        .query_map([&d.monday, &d.sunday], |r| {
            Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .unwrap()
    {
        let (m, answers) = row.unwrap();
        let a: Vec<i32> = serde_json::from_str(&answers).unwrap();
        let total: i32 = a.iter().sum();
        n += (total + i32::from(m == "phq9" && a.get(8).copied().unwrap_or(0) > 0)) as usize;
    }
    let _: Option<(String, Option<String>)> = c
        .prepare_cached("SELECT kind, age_band FROM profile_settings WHERE id = 1")
        .unwrap()
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .unwrap();
    n
}

/// The appointment summary's reads for a period by hand, and the durable insert recording
/// that it was made. Rendering (HTML with charts, and the text version) is the core's own
/// extra work, not done here.
fn bare_summary(c: &mut Connection, d: &Days, n: u64) -> usize {
    let mut rows = 0;
    for sql in [
        "SELECT e.local_date, e.value FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
         WHERE s.template = 'checkin' AND e.local_date BETWEEN ?1 AND ?2 ORDER BY e.utc_ms",
        "SELECT e.local_date, w.way FROM five_ways_entries e JOIN five_ways_entry_ways w ON w.entry_id = e.id
         WHERE e.local_date BETWEEN ?1 AND ?2",
        "SELECT measure, answers FROM measures_results WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms",
        "SELECT w.id, w.title FROM five_areas_worksheets w LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id
         WHERE w.draft = 0 AND w.local_date BETWEEN ?1 AND ?2 ORDER BY w.utc_ms DESC",
        "SELECT id, styles FROM thinking_styles_records WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms DESC",
        "SELECT e.scale_id, e.value FROM scaling_entries e WHERE e.local_date BETWEEN ?1 AND ?2",
        "SELECT id, summary FROM handoff_received WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms, id",
        "SELECT id, local_date FROM connections_maps WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms",
        "SELECT id, local_date FROM connections_plans WHERE local_date BETWEEN ?1 AND ?2 ORDER BY utc_ms",
    ] {
        rows += c
            .prepare_cached(sql)
            .unwrap()
            .query_map([&d.four_weeks_ago, &d.t], |r| r.get::<_, String>(0))
            .unwrap()
            .count();
    }
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.prepare_cached(
        "INSERT INTO report_history (id, from_date, to_date, full_text, utc_ms, utc_offset_min,
            local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, 0, 0, 0, ?3, '12:00', 0, 0)",
    )
    .unwrap()
    .execute(params![format!("bare-{n}"), &d.four_weeks_ago, &d.t])
    .unwrap();
    tx.commit().unwrap();
    rows
}

/// A year of Five Ways by week and way, hand-written SQL plus bucketing.
fn bare_history(c: &Connection, d: &Days) -> usize {
    let mut weeks: std::collections::BTreeMap<String, [u32; 5]> = Default::default();
    let mut st = c
        .prepare_cached(
            "SELECT date(e.local_date, 'weekday 0', '-6 days'), w.way FROM five_ways_entries e
             JOIN five_ways_entry_ways w ON w.entry_id = e.id WHERE e.local_date BETWEEN ?1 AND ?2",
        )
        .unwrap();
    let from = (d.today - chrono::Duration::days(364))
        .format("%Y-%m-%d")
        .to_string();
    let rows = st
        .query_map([&from, &d.t], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .unwrap();
    for row in rows {
        let (week, way) = row.unwrap();
        let i = [
            "connect",
            "be-active",
            "take-notice",
            "keep-learning",
            "give",
        ]
        .iter()
        .position(|w| *w == way)
        .unwrap_or(0);
        weeks.entry(week).or_default()[i] += 1;
    }
    weeks.len()
}

// ---------------------------------------------------------------------------------------
// The interleaved loop
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Stats {
    mean: f64,
    median: f64,
}

fn stats(mut ns: Vec<f64>) -> Stats {
    ns.sort_by(f64::total_cmp);
    let mean = ns.iter().sum::<f64>() / ns.len() as f64;
    let m = ns.len() / 2;
    let median = if ns.len() % 2 == 0 {
        (ns[m - 1] + ns[m]) / 2.0
    } else {
        ns[m]
    };
    Stats { mean, median }
}

/// Runs core and baseline alternately (which goes first alternates too) until `budget` is
/// spent or `max_rounds` are done; each closure returns the time of its measured part.
fn interleaved(
    budget: Duration,
    max_rounds: usize,
    mut core: impl FnMut() -> Duration,
    mut bare: impl FnMut() -> Duration,
) -> (Stats, Stats, usize) {
    // Warm both (statement caches, content parsed once, pages in the OS cache).
    for _ in 0..3 {
        core();
        bare();
    }
    let (mut a, mut b) = (vec![], vec![]);
    let start = Instant::now();
    let mut round = 0;
    while round < max_rounds && (round < 10 || start.elapsed() < budget) {
        if round % 2 == 0 {
            a.push(core().as_nanos() as f64);
            b.push(bare().as_nanos() as f64);
        } else {
            b.push(bare().as_nanos() as f64);
            a.push(core().as_nanos() as f64);
        }
        round += 1;
    }
    (stats(a), stats(b), round)
}

fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let t = Instant::now();
    black_box(f());
    t.elapsed()
}

#[derive(Clone, Copy)]
struct Row {
    op: &'static str,
    size: &'static str,
    core: Stats,
    bare: Stats,
    rounds: usize,
}

/// Every operation on one store, interleaved.
fn measure_size(size: &'static str, db: &Path, work: &Path, budget: Duration) -> Vec<Row> {
    let now = ten_years::now_ms();
    let tag = size.replace(' ', "");
    let core_db = copy(db, work, &format!("core-{tag}.db"));
    let bare_db = copy(db, work, &format!("bare-{tag}.db"));
    let core = WellbeingStore::open(core_db.display().to_string()).unwrap();
    core.set_fixed_time(now, 0).unwrap();
    let mut bare = bare_open(&bare_db);
    let d = Days::new(&core.today_date());
    let mut rows = vec![];
    let mut push = |op, (core, bare, rounds)| {
        rows.push(Row {
            op,
            size,
            core,
            bare,
            rounds,
        })
    };
    push(
        "today()",
        interleaved(
            budget,
            5000,
            || timed(|| core.today().unwrap()),
            || timed(|| bare_today(&bare, &d)),
        ),
    );
    push(
        "week()",
        interleaved(
            budget,
            5000,
            || timed(|| core.week(None).unwrap()),
            || timed(|| bare_week(&bare, &d)),
        ),
    );
    push(
        "Five Ways year page",
        interleaved(
            budget,
            5000,
            || timed(|| core.five_ways_history(None, 52).unwrap()),
            || timed(|| bare_history(&bare, &d)),
        ),
    );
    let n = std::cell::Cell::new(0u64);
    let next = || {
        n.set(n.get() + 1);
        n.get()
    };
    push(
        "summary, 4 weeks",
        interleaved(
            budget,
            400,
            || {
                timed(|| {
                    core.appointment_summary(
                        Some(d.four_weeks_ago.clone()),
                        Some(d.t.clone()),
                        false,
                    )
                    .unwrap()
                })
            },
            || {
                let k = next();
                timed(|| bare_summary(&mut bare, &d, k))
            },
        ),
    );
    push(
        "durable write",
        interleaved(
            budget,
            400,
            || {
                let k = next();
                timed(|| {
                    core.five_ways_log(FiveWaysInput {
                        what: format!("Walked to the shop {k}"),
                        ways: vec![companion_core::WayId::BeActive],
                        note: None,
                        date: None,
                        time: None,
                    })
                    .unwrap()
                })
            },
            || {
                let k = next();
                timed(|| bare_log(&mut bare, now, k))
            },
        ),
    );
    drop(core);
    bare_close(bare);
    let (cp, bp) = (core_db.display().to_string(), bare_db.clone());
    // Open alone (the close, with its checkpoint, timed apart), then open and first view.
    push(
        "open",
        interleaved(
            budget,
            400,
            || {
                let t = Instant::now();
                let s = WellbeingStore::open(cp.clone()).unwrap();
                let e = t.elapsed();
                drop(s);
                e
            },
            || {
                let t = Instant::now();
                let c = bare_open(&bp);
                let e = t.elapsed();
                bare_close(c);
                e
            },
        ),
    );
    push(
        "close",
        interleaved(
            budget,
            400,
            || {
                let s = WellbeingStore::open(cp.clone()).unwrap();
                timed(|| drop(s))
            },
            || {
                let c = bare_open(&bp);
                timed(|| bare_close(c))
            },
        ),
    );
    push(
        "open + first today()",
        interleaved(
            budget,
            400,
            || {
                let t = Instant::now();
                let s = WellbeingStore::open(cp.clone()).unwrap();
                s.set_fixed_time(now, 0).unwrap();
                black_box(s.today().unwrap());
                let e = t.elapsed();
                drop(s);
                e
            },
            || {
                let t = Instant::now();
                let c = bare_open(&bp);
                black_box(bare_today(&c, &d));
                let e = t.elapsed();
                bare_close(c);
                e
            },
        ),
    );
    rows
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.0} µs", ns / 1e3)
    }
}

fn print_rows(title: &str, rows: &[Row]) {
    println!("\n{title}");
    println!(
        "| operation | history | core mean | core median | bare mean | bare median | ratio (medians) | rounds |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {:.2}× | {} |",
            r.op,
            r.size,
            fmt_ns(r.core.mean),
            fmt_ns(r.core.median),
            fmt_ns(r.bare.mean),
            fmt_ns(r.bare.median),
            r.core.median / r.bare.median,
            r.rounds
        );
    }
}

fn print_scaling(all: &[Row]) {
    println!("\nScaling (core median, bare median in brackets):");
    print!("| operation |");
    for (s, _) in SIZES {
        print!(" {s} |");
    }
    println!("\n|---|{}", "---|".repeat(SIZES.len()));
    let mut ops: Vec<&str> = vec![];
    for r in all {
        if !ops.contains(&r.op) {
            ops.push(r.op);
        }
    }
    for op in ops {
        print!("| {op} |");
        for (s, _) in SIZES {
            match all.iter().find(|r| r.op == op && r.size == s) {
                Some(r) => print!(" {} ({}) |", fmt_ns(r.core.median), fmt_ns(r.bare.median)),
                None => print!(" – |"),
            }
        }
        println!();
    }
}

// ---------------------------------------------------------------------------------------
// Criterion, on the ten-year store
// ---------------------------------------------------------------------------------------

fn criterion_groups(c: &mut Criterion, db: &Path, work: &Path) {
    let now = ten_years::now_ms();
    let core = WellbeingStore::open(copy(db, work, "crit-core.db").display().to_string()).unwrap();
    core.set_fixed_time(now, 0).unwrap();
    let bare = bare_open(&copy(db, work, "crit-bare.db"));
    let d = Days::new(&core.today_date());
    let mut g = c.benchmark_group("today");
    g.bench_function("core", |b| b.iter(|| black_box(core.today().unwrap())));
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| black_box(bare_today(&bare, &d)))
    });
    g.finish();
    let mut g = c.benchmark_group("week");
    g.bench_function("core", |b| b.iter(|| black_box(core.week(None).unwrap())));
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| black_box(bare_week(&bare, &d)))
    });
    g.finish();
    let mut g = c.benchmark_group("history_year");
    g.bench_function("core", |b| {
        b.iter(|| black_box(core.five_ways_history(None, 52).unwrap()))
    });
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| black_box(bare_history(&bare, &d)))
    });
    g.finish();
}

// ---------------------------------------------------------------------------------------
// Instruction counts (run under callgrind by callgrind.sh)
// ---------------------------------------------------------------------------------------

macro_rules! counted {
    ($name:ident, $arg:ty, |$a:ident| $body:expr) => {
        #[inline(never)]
        fn $name($a: $arg, n: usize) {
            for _ in 0..n {
                black_box($body);
            }
        }
    };
}

counted!(cg_core_today, &WellbeingStore, |s| s.today().unwrap());
counted!(cg_core_week, &WellbeingStore, |s| s.week(None).unwrap());
counted!(cg_core_history, &WellbeingStore, |s| s
    .five_ways_history(None, 52)
    .unwrap());
counted!(cg_bare_today, (&Connection, &Days), |a| bare_today(
    a.0, a.1
));
counted!(cg_bare_week, (&Connection, &Days), |a| bare_week(a.0, a.1));
counted!(cg_bare_history, (&Connection, &Days), |a| bare_history(
    a.0, a.1
));

#[inline(never)]
fn cg_core_summary(s: &WellbeingStore, d: &Days, n: usize) {
    for _ in 0..n {
        black_box(
            s.appointment_summary(Some(d.four_weeks_ago.clone()), Some(d.t.clone()), false)
                .unwrap(),
        );
    }
}
#[inline(never)]
fn cg_bare_summary(c: &mut Connection, d: &Days, n: usize) {
    // Every recorded summary needs its own id, across the warm-up and the counted calls.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1_000_000);
    for _ in 0..n {
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        black_box(bare_summary(c, d, id));
    }
}
#[inline(never)]
fn cg_core_open(p: &str, n: usize) {
    for _ in 0..n {
        black_box(WellbeingStore::open(p.to_string()).unwrap());
    }
}
#[inline(never)]
fn cg_bare_open(p: &Path, n: usize) {
    for _ in 0..n {
        bare_close(black_box(bare_open(p)));
    }
}

/// Each operation `N` times, core and baseline, on the stores in `dir` (built beforehand by
/// `build`, outside valgrind). The counts are read by callgrind.sh.
fn callgrind(dir: &Path) {
    const N: usize = 20;
    for (size, days) in SIZES {
        let db = database(dir, days);
        let work = dir.join("work");
        std::fs::create_dir_all(&work).unwrap();
        let tag = size.replace(' ', "");
        let cp = copy(&db, &work, &format!("cg-core-{tag}.db"));
        let bp = copy(&db, &work, &format!("cg-bare-{tag}.db"));
        let core = WellbeingStore::open(cp.display().to_string()).unwrap();
        core.set_fixed_time(ten_years::now_ms(), 0).unwrap();
        let mut bare = bare_open(&bp);
        // Opened on copies no other handle holds, as an app opens its store: a file another
        // connection has open carries a write-ahead log, which the core takes for a crash and
        // checks whole.
        let op = copy(&db, &work, &format!("cg-open-core-{tag}.db"));
        let ob = copy(&db, &work, &format!("cg-open-bare-{tag}.db"));
        let d = Days::new(&core.today_date());
        // One of each first: statements prepared, content parsed.
        cg_core_today(&core, 1);
        cg_bare_today((&bare, &d), 1);
        cg_core_week(&core, 1);
        cg_bare_week((&bare, &d), 1);
        cg_core_history(&core, 1);
        cg_bare_history((&bare, &d), 1);
        cg_core_summary(&core, &d, 1);
        cg_bare_summary(&mut bare, &d, 1);
        // The measured calls, marked by size so callgrind.sh can tell them apart.
        match days {
            30 => counted_month(&core, &mut bare, &d, &op, &ob, N),
            365 => counted_year(&core, &mut bare, &d, &op, &ob, N),
            _ => counted_decade(&core, &mut bare, &d, &op, &ob, N),
        }
    }
}

macro_rules! per_size {
    ($name:ident, $tag:literal) => {
        #[inline(never)]
        fn $name(
            core: &WellbeingStore,
            bare: &mut Connection,
            d: &Days,
            cp: &Path,
            bp: &Path,
            n: usize,
        ) {
            // Distinct bodies, so the three are never folded into one function.
            black_box($tag);
            cg_core_today(core, n);
            cg_bare_today((bare, d), n);
            cg_core_week(core, n);
            cg_bare_week((bare, d), n);
            cg_core_history(core, n);
            cg_bare_history((bare, d), n);
            cg_core_summary(core, d, n / 4);
            cg_bare_summary(bare, d, n / 4);
            cg_core_open(&cp.display().to_string(), n / 4);
            cg_bare_open(bp, n / 4);
        }
    };
}
per_size!(counted_month, 30);
per_size!(counted_year, 365);
per_size!(counted_decade, 3652);

// ---------------------------------------------------------------------------------------

fn main() {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let only = std::env::var("COMPANION_BENCH_ONLY").unwrap_or_default();
    let mut words = only.split_whitespace();
    match (words.next(), words.next()) {
        (Some("build"), Some(dir)) => {
            for (_, days) in SIZES {
                database(Path::new(dir), days);
            }
            return;
        }
        (Some("callgrind"), Some(dir)) => return callgrind(Path::new(dir)),
        _ => {}
    }
    // The folder callgrind.sh uses too (target/tmp/bench-stores): stores built once for both.
    let dir = target.join("bench-stores");
    let work = tempfile::tempdir().unwrap();
    let mut all = vec![];
    let budget = Duration::from_millis(
        std::env::var("COMPANION_BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000),
    );
    for (size, days) in SIZES {
        let db = database(&dir, days);
        let tables = check_every_table_filled(&db);
        let bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        println!(
            "{size}: {:.1} MiB, {} tables all filled, {} rows",
            bytes as f64 / 1048576.0,
            tables.len(),
            tables.iter().map(|(_, n)| n).sum::<i64>()
        );
        if days == ten_years::DAYS {
            for (t, n) in &tables {
                print!("{t} {n} · ");
            }
            println!();
        }
        all.extend(measure_size(size, &db, work.path(), budget));
    }
    let ten: Vec<Row> = all
        .iter()
        .filter(|r| r.size == "10 years")
        .copied()
        .collect();
    print_rows("Interleaved, ten years (wall clock):", &ten);
    print_scaling(&all);
    if only != "interleaved" {
        let mut c = Criterion::default().configure_from_args();
        criterion_groups(&mut c, &database(&dir, ten_years::DAYS), work.path());
        c.final_summary();
    }
}
