use super::*;
use crate::store::WellbeingStore;

fn daily(label: &str, from: &str, values: &[Option<f64>], min: f64, max: f64) -> ChartSeries {
    let start = NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
    SeriesParts {
        id: "s".into(),
        label: label.into(),
        axis_min: min,
        axis_max: max,
        points: values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let d = start + chrono::Duration::days(i as i64);
                ChartPoint {
                    date: d.format("%Y-%m-%d").to_string(),
                    label: format!("D{i}"),
                    value: *v,
                }
            })
            .collect(),
    }
    .finish()
}

#[test]
fn a_week_of_check_ins_reads_as_in_the_example() {
    let s = daily(
        "Check-ins",
        "2026-11-23",
        &[
            Some(4.0),
            Some(5.0),
            None,
            Some(8.0),
            None,
            Some(6.0),
            Some(7.0),
        ],
        1.0,
        10.0,
    );
    assert_eq!(
        s.description,
        "Check-ins, 23 to 29 November: 5 of 7 days recorded, latest 7, from 4 to 8, rising"
    );
}

#[test]
fn nothing_recorded_says_so() {
    let s = daily("Check-ins", "2026-11-23", &[None; 7], 1.0, 10.0);
    assert_eq!(
        s.description,
        "Check-ins, 23 to 29 November: nothing recorded yet"
    );
    let none = SeriesParts {
        id: "s".into(),
        label: "Check-ins".into(),
        axis_min: 0.0,
        axis_max: 10.0,
        points: vec![],
    }
    .finish();
    assert_eq!(none.description, "Check-ins: nothing recorded yet");
}

#[test]
fn falling_steady_and_a_single_value() {
    let falling = daily(
        "Mood",
        "2026-11-28",
        &[Some(9.0), Some(8.0), Some(3.0), Some(2.5)],
        0.0,
        10.0,
    );
    assert_eq!(
        falling.description,
        "Mood, 28 November to 1 December: 4 of 4 days recorded, latest 2.5, from 2.5 to 9, falling"
    );
    let steady = daily(
        "Mood",
        "2026-12-30",
        &[Some(5.0), Some(5.5), Some(5.0)],
        0.0,
        10.0,
    );
    assert_eq!(
        steady.description,
        "Mood, 30 December 2026 to 1 January 2027: 3 of 3 days recorded, latest 5, from 5 to 5.5, steady"
    );
    let same = daily(
        "Mood",
        "2026-11-02",
        &[Some(6.0), None, Some(6.0)],
        0.0,
        10.0,
    );
    assert_eq!(
        same.description,
        "Mood, 2 to 4 November: 2 of 3 days recorded, latest 6, all 6, steady"
    );
    let one = daily("Mood", "2026-11-02", &[None, Some(3.0)], 0.0, 10.0);
    assert_eq!(
        one.description,
        "Mood, 2 to 3 November: 1 of 2 days recorded, latest 3"
    );
}

#[test]
fn weeks_entries_and_categories_are_counted_as_what_they_are() {
    let weekly = SeriesParts {
        id: "w".into(),
        label: "Connect".into(),
        axis_min: 0.0,
        axis_max: 7.0,
        points: ["2026-11-02", "2026-11-09", "2026-11-16"]
            .iter()
            .zip([Some(1.0), None, Some(4.0)])
            .map(|(d, v)| ChartPoint {
                date: d.to_string(),
                label: String::new(),
                value: v,
            })
            .collect(),
    }
    .finish();
    assert_eq!(
        weekly.description,
        "Connect, 2 to 16 November: 2 of 3 weeks recorded, latest 4, from 1 to 4, rising"
    );
    let entries = SeriesParts {
        id: "e".into(),
        label: "Answers".into(),
        axis_min: 0.0,
        axis_max: 10.0,
        points: ["2026-11-02", "2026-11-03", "2026-11-10"]
            .iter()
            .zip([Some(2.0), Some(2.0), Some(2.0)])
            .map(|(d, v)| ChartPoint {
                date: d.to_string(),
                label: String::new(),
                value: v,
            })
            .collect(),
    }
    .finish();
    assert_eq!(
        entries.description,
        "Answers, 2 to 10 November: 3 of 3 entries recorded, latest 2, all 2, steady"
    );
    let balance = SeriesParts {
        id: "b".into(),
        label: "Five Ways".into(),
        axis_min: 0.0,
        axis_max: 5.0,
        points: [("Connect", 2.0), ("Give", 0.0)]
            .iter()
            .map(|(l, v)| ChartPoint {
                date: "2026-11-29".into(),
                label: l.to_string(),
                value: Some(*v),
            })
            .collect(),
    }
    .finish();
    assert_eq!(
        balance.description,
        "Five Ways, 29 November: Connect 2, Give 0"
    );
}

#[test]
fn templates_are_all_used_and_sourced() {
    let raw: serde_json::Value =
        serde_json::from_str(include_str!("../../content/en-GB/charts.json")).unwrap();
    let source = raw["source"].as_str().unwrap();
    assert!(raw["sources"].get(source).is_some());
    assert_eq!(text().unwrap().months.len(), 12);
}

/// No series reaches a shell without a description: the core never writes a `ChartSeries`
/// out by hand, only through `SeriesParts::finish`.
#[test]
fn every_series_is_built_through_finish() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                // The chart module itself (the struct, `finish` and these tests) may name it.
                let is_chart =
                    p.ends_with("chart.rs") || p.parent().is_some_and(|d| d.ends_with("chart"));
                for (i, line) in text.lines().enumerate() {
                    let t = line.trim_start();
                    let literal = t.contains("ChartSeries {")
                        && !t.contains("-> ChartSeries {")
                        && !t.contains("&ChartSeries {")
                        && !t.starts_with("//");
                    if literal && !is_chart {
                        out.push(format!("{}:{}", p.display(), i + 1));
                    }
                }
            }
        }
    }
    let mut found = vec![];
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(found.is_empty(), "ChartSeries written by hand: {found:?}");
}

fn store_on(day_ms: i64) -> std::sync::Arc<WellbeingStore> {
    let s = WellbeingStore::open_in_memory().unwrap();
    s.set_fixed_time(day_ms, 0).unwrap();
    s
}

const FRI_20_NOV: i64 = 1_795_168_800_000;
const DAY: i64 = 86_400_000;

fn assert_described(s: &ChartSeries) {
    assert!(
        s.description.starts_with(&s.label),
        "{:?} does not start with its label {:?}",
        s.description,
        s.label
    );
    assert!(s.description.len() > s.label.len());
}

#[test]
fn today_and_week_describe_their_check_in_charts() {
    let s = store_on(FRI_20_NOV);
    let empty = s.today().unwrap().check_in_week;
    assert_described(&empty);
    assert!(
        empty.description.ends_with("nothing recorded yet"),
        "{}",
        empty.description
    );

    for (day, value) in [(0, 4), (2, 6), (3, 8)] {
        s.set_fixed_time(FRI_20_NOV + day * DAY, 0).unwrap();
        s.scaling_check_in(value, None).unwrap();
    }
    let t = s.today().unwrap().check_in_week;
    assert_described(&t);
    let recorded = t.points.iter().filter(|p| p.value.is_some()).count();
    assert!(
        t.description
            .contains(&format!("{recorded} of {} days recorded", t.points.len())),
        "{}",
        t.description
    );
    assert!(t.description.contains("latest 8"), "{}", t.description);
    assert!(t.description.contains("rising"), "{}", t.description);

    let w = s.week(None).unwrap().check_in_series;
    assert_described(&w);
    assert!(w.description.contains("latest 8"), "{}", w.description);
}

#[test]
fn history_pages_describe_their_charts() {
    let s = store_on(FRI_20_NOV);
    s.scaling_check_in(5, None).unwrap();
    let mut all: Vec<ChartSeries> = vec![];
    all.extend(s.thought_record_history(0, 10).unwrap().charts);
    all.extend(s.five_areas_history(0, 10).unwrap().charts);
    all.extend(s.five_ways_history(None, 4).unwrap().series);
    assert!(!all.is_empty());
    for series in &all {
        assert_described(series);
        assert!(
            series.description.ends_with("nothing recorded yet"),
            "{}",
            series.description
        );
    }
}
