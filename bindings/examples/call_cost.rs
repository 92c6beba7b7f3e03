//! The Rust half of the call-cost benchmark (`bindings/bench.sh` runs both halves and prints
//! the ratio): the same call timed directly in Rust, with no FFI in between.
//!
//!     cargo run --release -p wellbeing-ffi --example call_cost -- build <db>
//!     cargo run --release -p wellbeing-ffi --example call_cost -- time <db> [iterations]
//!
//! HOOKS for the core lead, marked `HOOK` below: `build_ten_year_database` and
//! `measured_call`. Replace their bodies with the core's ten-year builder and `today()` when
//! they land, and make the same change to `measuredCall` in
//! bindings/kotlin/src/test/kotlin/org/wellbeingcompanion/bindings/CallCostBenchmark.kt.

use std::time::Instant;

use wellbeing_ffi::{Companion, ScalingInput};

/// 2026-03-29 09:10 UTC: "now" for the benchmark store, fixed so every run sees the same data.
const NOW_UTC_MS: i64 = 1_774_775_400_000;

/// HOOK: fills `path` with ten years of a person's data. Stand-in until the core's builder
/// lands: one daily check-in per day for 3,650 days, through the public API.
fn build_ten_year_database(path: &str) -> Result<(), String> {
    let c = Companion::open(path.to_string()).map_err(|e| e.to_string())?;
    c.set_fixed_time(NOW_UTC_MS, 0).map_err(|e| e.to_string())?;
    let today = chrono_free_days_before("2026-03-29", 3650);
    for (i, date) in today.into_iter().enumerate() {
        c.scaling_record(ScalingInput {
            template: "checkin".into(),
            subject: None,
            scale_min: None,
            value: (i % 11) as i32,
            follow_ups: vec![],
            note: None,
            min_label: None,
            max_label: None,
            date: Some(date),
            time: Some("08:30".into()),
        })
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// HOOK: the call being timed. `today_date()` until the core's `today()` view lands.
fn measured_call(c: &Companion) -> usize {
    c.today_date().len()
}

/// The `n` dates before `end` ("YYYY-MM-DD"), oldest first, without a date library.
fn chrono_free_days_before(end: &str, n: i64) -> Vec<String> {
    let p: Vec<i64> = end.split('-').map(|x| x.parse().unwrap_or(1)).collect();
    let days = days_from_civil(p[0], p[1], p[2]);
    (1..=n).rev().map(|k| civil_from_days(days - k)).collect()
}

// Howard Hinnant's civil-date algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}
fn civil_from_days(z: i64) -> String {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: call_cost build <db> | call_cost time <db> [iterations]";
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("build"), Some(db)) => {
            let t = Instant::now();
            build_ten_year_database(db).expect("build the benchmark database");
            eprintln!("built {db} in {:.1} s", t.elapsed().as_secs_f64());
        }
        (Some("time"), Some(db)) => {
            let n: u32 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2000);
            let c = Companion::open(db.clone()).expect("open the benchmark database");
            c.set_fixed_time(NOW_UTC_MS, 0).expect("time");
            let mut sink = 0;
            for _ in 0..n / 10 {
                sink += measured_call(&c); // warm-up
            }
            let t = Instant::now();
            for _ in 0..n {
                sink += measured_call(&c);
            }
            let ns = t.elapsed().as_nanos() as f64 / n as f64;
            println!("rust_ns_per_call={ns:.0}");
            std::hint::black_box(sink);
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
