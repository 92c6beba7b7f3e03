//! Writes the ten-year benchmark database to the path given: `cargo run --release -p
//! companion-core --example ten_year_db -- /tmp/ten-years.db [DAYS]` (DAYS: a shorter
//! history ending on the same day). Prints the "now" instant the
//! benchmarks use (ms since 1970 UTC) so other languages can fix their clock to it.

#[path = "../benches/support/ten_years.rs"]
mod ten_years;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ten_year_db PATH");
        std::process::exit(2);
    };
    let path = std::path::PathBuf::from(path);
    if path.exists() {
        eprintln!("ten_year_db: {} already exists", path.display());
        std::process::exit(2);
    }
    let counts = match std::env::args().nth(2).map(|d| d.parse::<i64>()) {
        Some(Ok(days)) if (1..=ten_years::DAYS).contains(&days) => {
            ten_years::build_days(&path, days)
        }
        Some(_) => {
            eprintln!("ten_year_db: DAYS is 1 to {}", ten_years::DAYS);
            std::process::exit(2);
        }
        None => ten_years::build(&path),
    };
    eprintln!("{counts:?}");
    println!("{}", ten_years::now_ms());
}
