//! The core beside bare SQLite doing the same work, on ten years of heavy use.
//!
//! Four operations, each timed twice: through the core's public API, and as a baseline that
//! does the same work with bare rusqlite and hand-written SQL on an identical copy of the
//! database (same pragmas, same indexes). The ratio is the price of the core's validation,
//! typed records and labels over raw storage. Run: `cargo bench -p companion-core`.

#[path = "support/ten_years.rs"]
mod ten_years;

use std::path::{Path, PathBuf};

use companion_core::{FiveWaysInput, WellbeingStore};
use std::hint::black_box;

use criterion::Criterion;
use rusqlite::{params, Connection, OpenFlags};

const GROUPS: [&str; 6] = [
    "durable_log_write",
    "today",
    "week",
    "history_year",
    "summary_4_weeks",
    "open",
];

fn copy(src: &Path, name: &str) -> PathBuf {
    let dst = src.with_file_name(name);
    std::fs::copy(src, &dst).unwrap();
    dst
}

/// The same settings the core uses, applied by hand.
fn bare_open(path: &Path) -> Connection {
    let c = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let _: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let ok: String = c
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    c.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let _: String = c
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .unwrap();
    c.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA temp_store=2;").unwrap();
    c
}

fn bare_log(c: &mut Connection, now_ms: i64, n: u64) {
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let id = uuid::Uuid::new_v4().to_string();
    tx.execute(
        "INSERT INTO five_ways_entries (id, what, note, utc_ms, utc_offset_min, local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, NULL, ?3, 0, '2026-01-04', '10:00', ?3, ?3)",
        params![id, format!("Walked to the shop {n}"), now_ms],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO five_ways_entry_ways (entry_id, way) VALUES (?1, 'be-active')",
        [&id],
    )
    .unwrap();
    tx.commit().unwrap();
}

/// What `today()` reads, as hand-written queries.
fn bare_today(
    c: &Connection,
    today: &str,
    week_start: &str,
    week_ago: &str,
    fortnight_ago: &str,
) -> usize {
    let mut n = 0;
    let checkin = "FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id WHERE s.template = 'checkin'";
    n += c
        .prepare_cached(&format!("SELECT e.value, e.local_time, e.note {checkin} AND e.local_date = ?1 ORDER BY e.utc_ms DESC LIMIT 1"))
        .unwrap()
        .query_map([today], |r| r.get::<_, i64>(0))
        .unwrap()
        .count();
    n += c
        .prepare_cached(&format!("SELECT e.local_date, e.value {checkin} AND e.local_date BETWEEN ?1 AND ?2 ORDER BY e.utc_ms"))
        .unwrap()
        .query_map([week_ago, today], |r| r.get::<_, i64>(1))
        .unwrap()
        .count();
    n += c
        .prepare_cached(
            "SELECT w.way, count(*) FROM five_ways_entries e JOIN five_ways_entry_ways w ON w.entry_id = e.id
             WHERE e.local_date BETWEEN ?1 AND ?2 GROUP BY w.way",
        )
        .unwrap()
        .query_map([week_start, today], |r| r.get::<_, i64>(1))
        .unwrap()
        .count();
    n += c
        .query_row(
            "SELECT count(*) FROM five_ways_entries WHERE local_date = ?1",
            [today],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;
    n += c
        .prepare_cached(
            "SELECT p.id FROM five_ways_plans p LEFT JOIN five_ways_reviews r ON r.plan_id = p.id
             WHERE p.week_start = ?1 OR (p.week_start < ?1 AND r.id IS NULL) ORDER BY p.week_start DESC LIMIT 2",
        )
        .unwrap()
        .query_map([week_start], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    n += c
        .query_row("SELECT EXISTS (SELECT 1 FROM safety_plan_items)", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap() as usize;
    n += c
        .prepare_cached(
            "SELECT w.id, w.title, w.change_text FROM five_areas_worksheets w LEFT JOIN five_areas_reviews r ON r.worksheet_id = w.id
             WHERE w.draft = 0 AND w.change_text IS NOT NULL AND r.id IS NULL ORDER BY w.utc_ms DESC LIMIT 5",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    for m in ["phq9", "gad7", "ons4", "swemwbs"] {
        n += c
            .prepare_cached("SELECT answers, total, band, flags, local_date FROM measures_results WHERE measure = ?1 ORDER BY utc_ms DESC LIMIT 1")
            .unwrap()
            .query_map([m], |r| r.get::<_, String>(0))
            .unwrap()
            .count();
    }
    n += c
        .prepare_cached("SELECT flags FROM measures_results WHERE local_date BETWEEN ?1 AND ?2")
        .unwrap()
        .query_map([fortnight_ago, today], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    n += c
        .prepare_cached(
            "SELECT id, tool, answers, updated_local FROM flow_drafts ORDER BY updated_utc_ms DESC",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .count();
    n
}

/// The week view's reads, hand-written: each day's check-ins, the Five Ways per way, the
/// thought records and measure results of the week.
fn bare_week(c: &Connection, monday: &str, sunday: &str) -> usize {
    let mut n = 0;
    for sql in [
        "SELECT e.local_date, e.value FROM scaling_entries e JOIN scaling_scales s ON s.id = e.scale_id
         WHERE s.template = 'checkin' AND e.local_date BETWEEN ?1 AND ?2 ORDER BY e.utc_ms",
        "SELECT e.local_date, w.way FROM five_ways_entries e JOIN five_ways_entry_ways w ON w.entry_id = e.id
         WHERE e.local_date BETWEEN ?1 AND ?2",
        "SELECT local_date, 0 FROM thinking_styles_records WHERE local_date BETWEEN ?1 AND ?2",
        "SELECT local_date, answers FROM measures_results WHERE local_date BETWEEN ?1 AND ?2",
        "SELECT local_date, 0 FROM five_areas_worksheets WHERE local_date BETWEEN ?1 AND ?2",
    ] {
        n += c
            .prepare_cached(sql)
            .unwrap()
            .query_map([monday, sunday], |r| r.get::<_, String>(0))
            .unwrap()
            .count();
    }
    n
}

/// The appointment summary's reads for a period, hand-written, plus the one durable insert
/// that records it was made (as the core does): rendering is the core's own extra work.
fn bare_summary(c: &mut Connection, from: &str, to: &str, n: u64) -> usize {
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
    ] {
        rows += c
            .prepare_cached(sql)
            .unwrap()
            .query_map([from, to], |r| r.get::<_, String>(0))
            .unwrap()
            .count();
    }
    let tx = c
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "INSERT INTO report_history (id, from_date, to_date, full_text, utc_ms, utc_offset_min,
            local_date, local_time, created_utc_ms, updated_utc_ms)
         VALUES (?1, ?2, ?3, 0, 0, 0, ?3, '12:00', 0, 0)",
        rusqlite::params![format!("bare-{n}"), from, to],
    )
    .unwrap();
    tx.commit().unwrap();
    rows
}

/// A year of Five Ways by week and way, as hand-written SQL plus bucketing.
fn bare_history(c: &Connection, from: &str, to: &str) -> usize {
    let mut weeks: std::collections::BTreeMap<String, [u32; 5]> = Default::default();
    let mut st = c
        .prepare_cached(
            "SELECT date(e.local_date, 'weekday 0', '-6 days'), w.way FROM five_ways_entries e
             JOIN five_ways_entry_ways w ON w.entry_id = e.id WHERE e.local_date BETWEEN ?1 AND ?2",
        )
        .unwrap();
    let rows = st
        .query_map([from, to], |r| {
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

fn benches(c: &mut Criterion, db: &Path) {
    let now = ten_years::now_ms();
    // Reads run on pristine copies; writes on copies of their own, so the thousands of
    // entries the write benchmark adds do not change what the reads measure.
    let core_db = copy(db, "core.db");
    let bare_db = copy(db, "bare.db");
    let core = WellbeingStore::open(core_db.display().to_string()).unwrap();
    core.set_fixed_time(now, 0).unwrap();
    let bare = bare_open(&bare_db);
    let core_w = WellbeingStore::open(copy(db, "core-write.db").display().to_string()).unwrap();
    core_w.set_fixed_time(now, 0).unwrap();
    let mut bare_w = bare_open(&copy(db, "bare-write.db"));
    let today = core.today_date();
    let d = chrono::NaiveDate::parse_from_str(&today, "%Y-%m-%d").unwrap();
    let f = |x: chrono::NaiveDate| x.format("%Y-%m-%d").to_string();
    let monday =
        f(d - chrono::Duration::days(chrono::Datelike::weekday(&d).num_days_from_monday() as i64));
    let (week_ago, fortnight_ago, year_ago) = (
        f(d - chrono::Duration::days(6)),
        f(d - chrono::Duration::days(13)),
        f(d - chrono::Duration::days(364)),
    );

    let mut g = c.benchmark_group("durable_log_write");
    let mut n = 0u64;
    g.bench_function("core", |b| {
        b.iter(|| {
            n += 1;
            core_w
                .five_ways_log(FiveWaysInput {
                    what: format!("Walked to the shop {n}"),
                    ways: vec![companion_core::WayId::BeActive],
                    note: None,
                    date: None,
                    time: None,
                })
                .unwrap()
        })
    });
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| {
            n += 1;
            bare_log(&mut bare_w, now, n)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("today");
    g.bench_function("core", |b| b.iter(|| black_box(core.today().unwrap())));
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| {
            black_box(bare_today(
                &bare,
                &today,
                &monday,
                &week_ago,
                &fortnight_ago,
            ))
        })
    });
    g.finish();

    let sunday = f(
        chrono::NaiveDate::parse_from_str(&monday, "%Y-%m-%d").unwrap() + chrono::Duration::days(6),
    );
    let mut g = c.benchmark_group("week");
    g.bench_function("core", |b| b.iter(|| black_box(core.week(None).unwrap())));
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| black_box(bare_week(&bare, &monday, &sunday)))
    });
    g.finish();

    // Four weeks of a ten-year store; each made summary is recorded (a durable write), on
    // copies of their own.
    let four_weeks_ago = f(d - chrono::Duration::days(27));
    let core_s = WellbeingStore::open(copy(db, "core-summary.db").display().to_string()).unwrap();
    core_s.set_fixed_time(now, 0).unwrap();
    let mut bare_s = bare_open(&copy(db, "bare-summary.db"));
    let mut m = 0u64;
    let mut g = c.benchmark_group("summary_4_weeks");
    g.bench_function("core", |b| {
        b.iter(|| {
            black_box(
                core_s
                    .appointment_summary(Some(four_weeks_ago.clone()), Some(today.clone()), false)
                    .unwrap(),
            )
        })
    });
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| {
            m += 1;
            black_box(bare_summary(&mut bare_s, &four_weeks_ago, &today, m))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("history_year");
    g.bench_function("core", |b| {
        b.iter(|| black_box(core.five_ways_history(None, 52).unwrap()))
    });
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| black_box(bare_history(&bare, &year_ago, &today)))
    });
    g.finish();

    let mut g = c.benchmark_group("open");
    let core_path = core_db.display().to_string();
    g.bench_function("core", |b| {
        b.iter(|| drop(black_box(WellbeingStore::open(core_path.clone()).unwrap())))
    });
    g.bench_function("bare_sqlite", |b| {
        b.iter(|| drop(black_box(bare_open(&bare_db))))
    });
    g.finish();
}

/// Reads criterion's saved estimates and prints core / bare ratios.
fn print_ratios(criterion_dir: &Path) {
    let mean = |group: &str, id: &str| -> Option<f64> {
        let p = criterion_dir
            .join(group)
            .join(id)
            .join("new/estimates.json");
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
        v["mean"]["point_estimate"].as_f64()
    };
    println!(
        "\n{:<20} {:>14} {:>14} {:>8}",
        "operation", "core", "bare sqlite", "ratio"
    );
    for g in GROUPS {
        if let (Some(a), Some(b)) = (mean(g, "core"), mean(g, "bare_sqlite")) {
            println!(
                "{g:<20} {:>14} {:>14} {:>7.2}x",
                fmt_ns(a),
                fmt_ns(b),
                a / b
            );
        }
    }
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.1} µs", ns / 1e3)
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ten-years.db");
    let t = std::time::Instant::now();
    let counts = ten_years::build(&db);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "ten-year database: {counts:?}, {:.1} MiB, built in {:.1?}",
        size as f64 / 1048576.0,
        t.elapsed()
    );
    benches(&mut c, &db);
    c.final_summary();
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    print_ratios(&target.join("criterion"));
}
