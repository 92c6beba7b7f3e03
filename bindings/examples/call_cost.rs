//! The Rust half of the call-cost benchmark (`bindings/bench.sh` runs both halves and prints
//! the ratio): the same call timed directly in Rust, with no FFI in between.
//!
//!     cargo run --release -p wellbeing-ffi --example call_cost -- build <db>
//!     cargo run --release -p wellbeing-ffi --example call_cost -- time <db> [iterations]
//!
//! The database is the core benchmark's ten years of heavy use (`core/benches/support/
//! ten_years.rs`, shared so Rust, Kotlin and the criterion benchmark measure the same data);
//! the call is `today()`. Keep `measuredCall` in CallCostBenchmark.kt the same call.

use std::time::Instant;

use wellbeing_ffi::WellbeingStore;

#[path = "../../core/benches/support/ten_years.rs"]
mod ten_years;

fn measured_call(c: &WellbeingStore) -> usize {
    c.today().expect("today").five_ways.counts.len()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: call_cost build <db> | call_cost time <db> [iterations] | call_cost now";
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("build"), Some(db)) => {
            let t = Instant::now();
            let counts = ten_years::build(std::path::Path::new(db));
            eprintln!(
                "built {db} in {:.1} s: {counts:?}",
                t.elapsed().as_secs_f64()
            );
        }
        (Some("time"), Some(db)) => {
            let n: u32 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2000);
            let c = WellbeingStore::open(db.clone()).expect("open the benchmark database");
            c.set_fixed_time(ten_years::now_ms(), 0).expect("time");
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
        (Some("now"), _) => println!("{}", ten_years::now_ms()),
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
