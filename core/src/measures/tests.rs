//! Tests of the measures API and flows against a real (in-memory) store.

use std::sync::Arc;

use super::*;
use crate::flow::{Answer, FlowProgress, FlowSummary, InputKind, ScaleAnchor, Step};
use crate::WellbeingError;
#[allow(unused_imports)]
use crate::{MeasureId, SafetyFlagCode, ToolGroup, ToolId, WayId};

fn store() -> Arc<WellbeingStore> {
    let c = WellbeingStore::open_in_memory().unwrap();
    set(&c, "2026-03-02T10:00:00Z");
    c
}

fn set(c: &WellbeingStore, rfc3339: &str) {
    let ms = chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis();
    c.set_fixed_time(ms, 0).unwrap();
}

fn input(measure: &str, answers: &[i32]) -> MeasureInput {
    MeasureInput {
        measure: MeasureId::parse(measure).unwrap(),
        answers: answers.to_vec(),
        date: None,
        time: None,
    }
}

fn take(c: &WellbeingStore, measure: &str, answers: &[i32]) -> MeasureResult {
    c.take_measure(input(measure, answers)).unwrap()
}

/// PHQ-9 answers with the given total made of items 1–8 and item 9 as given.
fn phq(rest: i32, item9: i32) -> Vec<i32> {
    let mut v = vec![0; 9];
    let mut left = rest;
    for x in v.iter_mut().take(8) {
        *x = left.min(3);
        left -= *x;
    }
    assert_eq!(left, 0);
    v[8] = item9;
    v
}

fn gad(total: i32) -> Vec<i32> {
    let mut v = vec![0; 7];
    let mut left = total;
    for x in v.iter_mut() {
        *x = left.min(3);
        left -= *x;
    }
    assert_eq!(left, 0);
    v
}

fn rows(c: &WellbeingStore) -> i64 {
    c.read(|c| Ok(c.query_row("SELECT count(*) FROM measures_results", [], |r| r.get(0))?))
        .unwrap()
}

fn invalid_field<T: std::fmt::Debug>(r: ApiResult<T>) -> String {
    match r {
        Err(WellbeingError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn is_not_found<T: std::fmt::Debug>(r: ApiResult<T>) {
    assert!(
        matches!(r, Err(WellbeingError::NotFound { .. })),
        "expected NotFound, got {r:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Taking and reading
// ---------------------------------------------------------------------------------------

#[test]
fn phq9_is_scored_worded_and_stored() {
    let c = store();
    let r = take(&c, "phq9", &phq(12, 0));
    assert_eq!(r.measure, MeasureId::Phq9);
    assert_eq!(r.total, Some(12));
    assert_eq!(r.total_max, Some(27));
    assert_eq!(r.band.as_deref(), Some("moderate"));
    assert_eq!(
        r.headline,
        "Your score is 12 out of 27, which is in the moderate range."
    );
    assert!(r.flags.is_empty());
    assert!(r.advice.iter().any(|a| a.contains("GP")));
    assert_eq!((r.date.as_str(), r.time.as_str()), ("2026-03-02", "10:00"));
    let all = format!("{} {}", r.headline, r.advice.join(" ")).to_lowercase();
    for banned in [
        "you have depression",
        "you have anxiety",
        "you are depressed",
    ] {
        assert!(!all.contains(banned));
    }
    assert_eq!(c.measure_result(r.id.clone()).unwrap(), r);
    // The stored row keeps the scored columns for queries and exports.
    let (total, band, flags): (i64, String, String) = c
        .read(|c| {
            Ok(c.query_row(
                "SELECT total, band, flags FROM measures_results WHERE id = ?1",
                [&r.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .unwrap();
    assert_eq!(
        (total, band.as_str(), flags.as_str()),
        (12, "moderate", "[]")
    );
}

#[test]
fn item9_sets_the_safety_flag_whatever_the_total() {
    let c = store();
    for v in 1..=3 {
        for rest in [0, 24] {
            let r = take(&c, "phq9", &phq(rest, v));
            assert_eq!(r.flags.len(), 1, "item 9 = {v}, rest {rest}");
            let f = &r.flags[0];
            assert_eq!(f.code, SafetyFlagCode::Phq9Item9);
            assert!(f.show_help_now);
            assert!(!f.title.is_empty() && !f.detail.is_empty());
            // Still there when read back, and recorded in the row.
            assert_eq!(c.measure_result(r.id.clone()).unwrap().flags, r.flags);
            let stored: String = c
                .read(|c| {
                    Ok(c.query_row(
                        "SELECT flags FROM measures_results WHERE id = ?1",
                        [&r.id],
                        |r| r.get(0),
                    )?)
                })
                .unwrap();
            assert_eq!(stored, "[\"phq9-item9\"]");
        }
    }
    // Total 1, all of it item 9: minimal range, still flagged.
    let r = take(&c, "phq9", &phq(0, 1));
    assert_eq!((r.total, r.band.as_deref()), (Some(1), Some("minimal")));
    assert_eq!(r.flags[0].code, SafetyFlagCode::Phq9Item9);
    // Total 27 (item 9 is then 3): flagged.
    assert_eq!(take(&c, "phq9", &[3; 9]).flags.len(), 1);
    // Item 9 at 0 with the highest total it allows (24): no flag.
    let r = take(&c, "phq9", &phq(24, 0));
    assert_eq!((r.total, r.flags.len()), (Some(24), 0));
    // GAD-7 never carries it, even at its maximum.
    assert!(take(&c, "gad7", &[3; 7]).flags.is_empty());
}

#[test]
fn ons4_keeps_items_apart() {
    let c = store();
    let r = take(&c, "ons4", &[7, 5, 9, 6]);
    assert_eq!(r.total, None);
    assert_eq!(r.band, None);
    assert!(r.headline.contains("never added up"));
    let bands: Vec<(&str, i32, &str)> = r
        .subscores
        .iter()
        .map(|s| (s.item_id.as_str(), s.value, s.band.as_str()))
        .collect();
    assert_eq!(
        bands,
        [
            ("satisfaction", 7, "high"),
            ("worthwhile", 5, "medium"),
            ("happy", 9, "very-high"),
            ("anxious", 6, "high"),
        ]
    );
    assert_eq!(r.subscores[0].text, "7 out of 10, in the high range");
}

#[test]
fn swemwbs_gives_a_metric_score_without_bands() {
    let c = store();
    let r = take(&c, "swemwbs", &[4, 4, 4, 4, 4, 3, 3]);
    assert_eq!(r.total, Some(26));
    assert_eq!(r.metric, Some(23.21));
    assert_eq!(r.score_text, "23.21");
    assert_eq!(r.band, None);
    assert!(r.headline.contains("23.21"));
    assert!(r.advice.iter().any(|a| a.contains("no clinical bands")));
    assert!(r.advice.iter().any(|a| a.contains("medium confidence")));
    let r = take(&c, "swemwbs", &[1; 7]);
    assert_eq!(r.score_text, "7.00");
}

#[test]
fn invalid_inputs_are_refused_and_store_nothing() {
    let c = store();
    assert_eq!(
        invalid_field(c.take_measure(input("phq9", &[0; 8]))),
        "answers"
    );
    assert_eq!(
        invalid_field(c.take_measure(input("phq9", &[0; 10]))),
        "answers"
    );
    assert_eq!(invalid_field(c.take_measure(input("phq9", &[]))), "answers");
    assert_eq!(
        invalid_field(c.take_measure(input("gad7", &[0; 9]))),
        "answers"
    );
    let mut bad = vec![0; 9];
    bad[8] = 4;
    assert_eq!(
        invalid_field(c.take_measure(input("phq9", &bad))),
        "answers[9]"
    );
    bad[8] = -1;
    assert_eq!(
        invalid_field(c.take_measure(input("phq9", &bad))),
        "answers[9]"
    );
    assert_eq!(
        invalid_field(c.take_measure(input("ons4", &[0, 11, 0, 0]))),
        "answers[2]"
    );
    assert_eq!(
        invalid_field(c.take_measure(input("swemwbs", &[0, 1, 1, 1, 1, 1, 1]))),
        "answers[1]"
    );
    let dated = |d: &str, t: Option<&str>| MeasureInput {
        date: Some(d.into()),
        time: t.map(str::to_string),
        ..input("gad7", &[0; 7])
    };
    assert_eq!(
        invalid_field(c.take_measure(dated("2026-03-03", None))),
        "date"
    );
    assert_eq!(
        invalid_field(c.take_measure(dated("2026-02-30", None))),
        "date"
    );
    assert_eq!(
        invalid_field(c.take_measure(dated("2 March", None))),
        "date"
    );
    assert_eq!(
        invalid_field(c.take_measure(dated("2026-03-01", Some("24:10")))),
        "time"
    );
    assert_eq!(rows(&c), 0);
    // A past administration with its own date and time is fine.
    let r = c.take_measure(dated("2026-02-20", Some("09:30"))).unwrap();
    assert_eq!((r.date.as_str(), r.time.as_str()), ("2026-02-20", "09:30"));
}

#[test]
fn unknown_and_malformed_ids_are_not_found() {
    let c = store();
    is_not_found(c.measure_result(validate::new_id()));
    is_not_found(c.measure_result("../../etc".into()));
    is_not_found(c.measure_result("".into()));
    is_not_found(c.delete_measure_result(validate::new_id()));
}

#[test]
fn delete_is_real() {
    let c = store();
    let keep = take(&c, "gad7", &gad(5));
    let r = take(&c, "gad7", &gad(9));
    c.delete_measure_result(r.id.clone()).unwrap();
    is_not_found(c.measure_result(r.id.clone()));
    is_not_found(c.delete_measure_result(r.id));
    assert_eq!(rows(&c), 1);
    assert!(c.measure_result(keep.id).is_ok());
}

#[test]
fn damaged_rows_give_errors_not_panics() {
    let c = store();
    let r = take(&c, "phq9", &phq(3, 0));
    c.write(|tx| {
        Ok(tx.execute(
            "UPDATE measures_results SET answers = '[1,2' WHERE id = ?1",
            [&r.id],
        )?)
    })
    .unwrap();
    assert!(c.measure_result(r.id.clone()).is_err());
    c.write(|tx| {
        Ok(tx.execute(
            "UPDATE measures_results SET answers = '[9,9,9,9,9,9,9,9,9]' WHERE id = ?1",
            [&r.id],
        )?)
    })
    .unwrap();
    assert!(matches!(
        c.measure_result(r.id.clone()),
        Err(WellbeingError::UnreadableRecord { .. })
    ));
    c.write(|tx| {
        Ok(tx.execute(
            "UPDATE measures_results SET measure = 'x' WHERE id = ?1",
            [&r.id],
        )?)
    })
    .unwrap();
    assert!(c.measure_history(MeasureId::Phq9, 0, 10).is_ok());
    assert!(c.measure_result(r.id).is_err());
}

// ---------------------------------------------------------------------------------------
// Info and history
// ---------------------------------------------------------------------------------------

#[test]
fn measure_info_carries_wording_bands_and_licence() {
    let c = store();
    let all = c.list_measures().unwrap();
    let ids: Vec<&str> = all.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["phq9", "gad7", "ons4", "swemwbs"]);
    let phq = &all[0];
    assert_eq!(phq.items.len(), 9);
    assert_eq!(
        (phq.total_min, phq.total_max, phq.summed),
        (Some(0), Some(27), true)
    );
    assert_eq!(phq.bands.len(), 5);
    assert_eq!(phq.bands[3].label, "moderately severe");
    assert_eq!(phq.cadence_days, 7);
    let ons = &all[2];
    assert!(!ons.summed && ons.total_max.is_none());
    assert_eq!(ons.bands.len(), 16, "four bands for each of four items");
    assert_eq!(
        ons.bands
            .iter()
            .filter(|b| b.applies_to == "anxious")
            .map(|b| (b.id.as_str(), b.min, b.max))
            .collect::<Vec<_>>(),
        [
            ("very-low", 0, 1),
            ("low", 2, 3),
            ("medium", 4, 5),
            ("high", 6, 10)
        ]
    );
    let sw = &all[3];
    assert!(sw.bands.is_empty());
    assert!(sw
        .copyright
        .as_deref()
        .unwrap()
        .contains("© NHS Health Scotland"));
    assert!(sw.registration.is_some());
    assert_eq!(c.measure_info(MeasureId::Gad7).unwrap(), all[1]);
}

#[test]
fn history_is_newest_first_paged_and_charted() {
    let c = store();
    let mut ids = vec![];
    for (day, total) in [(2, 20), (9, 16), (16, 12), (23, 9), (30, 4)] {
        set(&c, &format!("2026-03-{day:02}T10:00:00Z"));
        ids.push(take(&c, "phq9", &phq(total, 0)).id);
    }
    take(&c, "gad7", &gad(3));
    let p = c.measure_history(MeasureId::Phq9, 0, 2).unwrap();
    assert_eq!(p.total_count, 5);
    assert!(p.has_more);
    assert_eq!(
        p.results.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
        [ids[4].clone(), ids[3].clone()]
    );
    let p2 = c.measure_history(MeasureId::Phq9, 4, 2).unwrap();
    assert_eq!(p2.results.len(), 1);
    assert!(!p2.has_more);
    assert_eq!(p2.results[0].id, ids[0]);
    assert!(c
        .measure_history(MeasureId::Phq9, 10, 2)
        .unwrap()
        .results
        .is_empty());
    // The chart runs oldest to newest over every result, not just the page.
    assert_eq!(p.chart.len(), 1);
    let s = &p.chart[0];
    assert_eq!(
        (s.id.as_str(), s.axis_min, s.axis_max),
        ("total", 0.0, 27.0)
    );
    let values: Vec<Option<f64>> = s.points.iter().map(|p| p.value).collect();
    assert_eq!(
        values,
        [Some(20.0), Some(16.0), Some(12.0), Some(9.0), Some(4.0)]
    );
    assert_eq!(s.points[0].date, "2026-03-02");
    assert_eq!(s.points[0].label, "Mon 2 Mar");
    let lines: Vec<(f64, &str)> = p
        .thresholds
        .iter()
        .map(|t| (t.value, t.kind.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (5.0, "band"),
            (10.0, "band"),
            (15.0, "band"),
            (20.0, "band"),
            (10.0, "caseness")
        ]
    );
    assert_eq!(p.bands.len(), 5);
    assert!(p.notes.iter().any(|n| n.contains("GP")));
    assert_eq!(
        invalid_field(c.measure_history(MeasureId::Phq9, 0, 0)),
        "limit"
    );
    assert_eq!(
        invalid_field(c.measure_history(MeasureId::Phq9, 0, 101)),
        "limit"
    );
    let g = c.measure_history(MeasureId::Gad7, 0, 100).unwrap();
    assert_eq!(g.total_count, 1);
    assert!(g
        .thresholds
        .iter()
        .any(|t| t.kind == "caseness" && t.value == 8.0));
}

#[test]
fn ons4_and_swemwbs_history_charts() {
    let c = store();
    take(&c, "ons4", &[7, 8, 6, 2]);
    take(&c, "swemwbs", &[3; 7]);
    let p = c.measure_history(MeasureId::Ons4, 0, 10).unwrap();
    let ids: Vec<&str> = p.chart.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["satisfaction", "worthwhile", "happy", "anxious"]);
    assert_eq!(p.chart[3].points[0].value, Some(2.0));
    assert!(p
        .thresholds
        .iter()
        .any(|t| t.series_id == "anxious" && t.value == 6.0));
    let p = c.measure_history(MeasureId::Swemwbs, 0, 10).unwrap();
    assert_eq!(p.chart[0].id, "metric");
    assert_eq!(p.chart[0].points[0].value, Some(19.25));
    assert!(p.bands.is_empty());
    assert!(p.notes.iter().any(|n| n.contains("no clinical bands")));
    let refs: Vec<(f64, &str)> = p
        .thresholds
        .iter()
        .map(|t| (t.value, t.confidence.as_str()))
        .collect();
    assert_eq!(refs, [(23.7, "M"), (23.2, "M")]);
    assert!(p.thresholds.iter().all(|t| t.kind == "reference"));
}

// ---------------------------------------------------------------------------------------
// Change
// ---------------------------------------------------------------------------------------

#[test]
fn change_between_two_stored_results() {
    let c = store();
    let a = take(&c, "phq9", &phq(15, 0));
    set(&c, "2026-03-30T10:00:00Z");
    let b = take(&c, "phq9", &phq(9, 0));
    let ch = c.measure_change(a.id.clone(), b.id.clone()).unwrap();
    assert_eq!((ch.start_total, ch.end_total, ch.difference), (15, 9, -6));
    assert!(ch.reliable_improvement && !ch.reliable_deterioration);
    assert_eq!(ch.recovery, MeasureRecoveryStatus::Recovered);
    assert!(ch.reliable_recovery);
    assert_eq!(ch.start_result_id.as_deref(), Some(a.id.as_str()));
    assert_eq!(ch.end_date.as_deref(), Some("2026-03-30"));
    assert_eq!(ch.lines.len(), 3);
    assert!(ch.lines[0].contains("went down by 6"));
    // Given the other way round, the earlier one is still the start.
    assert_eq!(c.measure_change(b.id.clone(), a.id.clone()).unwrap(), ch);
    // Refusals.
    assert_eq!(
        invalid_field(c.measure_change(a.id.clone(), a.id.clone())),
        "second_result_id"
    );
    let g = take(&c, "gad7", &gad(8));
    assert_eq!(
        invalid_field(c.measure_change(a.id.clone(), g.id.clone())),
        "second_result_id"
    );
    let o1 = take(&c, "ons4", &[1, 1, 1, 1]);
    let o2 = take(&c, "ons4", &[2, 2, 2, 2]);
    assert_eq!(invalid_field(c.measure_change(o1.id, o2.id)), "measure");
    is_not_found(c.measure_change(a.id, validate::new_id()));
}

#[test]
fn progress_is_first_vs_latest_and_since_limits_the_start() {
    let c = store();
    assert_eq!(c.measure_progress(MeasureId::Phq9, None).unwrap(), None);
    take(&c, "phq9", &phq(8, 0));
    assert_eq!(c.measure_progress(MeasureId::Phq9, None).unwrap(), None);
    set(&c, "2026-03-09T10:00:00Z");
    take(&c, "phq9", &phq(14, 0));
    set(&c, "2026-03-16T10:00:00Z");
    take(&c, "phq9", &phq(12, 0));
    let p = c.measure_progress(MeasureId::Phq9, None).unwrap().unwrap();
    // 8 → 12: not a case at the start, so excluded from recovery.
    assert_eq!((p.start_total, p.end_total), (8, 12));
    assert_eq!(p.recovery, MeasureRecoveryStatus::ExcludedNotAtCaseness);
    assert!(p.lines[1].contains("does not apply"));
    let p = c
        .measure_progress(MeasureId::Phq9, Some("2026-03-05".into()))
        .unwrap()
        .unwrap();
    assert_eq!((p.start_total, p.end_total), (14, 12));
    assert_eq!(p.recovery, MeasureRecoveryStatus::NotRecovered);
    assert_eq!(p.direction, MeasureChangeDirection::NoReliableChange);
    assert_eq!(
        invalid_field(c.measure_progress(MeasureId::Phq9, Some("March".into()))),
        "since"
    );
    assert_eq!(
        invalid_field(c.measure_progress(MeasureId::Ons4, None)),
        "measure"
    );
    assert_eq!(
        invalid_field(c.measure_progress(MeasureId::Swemwbs, None)),
        "measure"
    );
}

#[test]
fn paired_progress_uses_either_measure_for_caseness() {
    let c = store();
    assert_eq!(c.paired_measure_progress(None).unwrap(), None);
    take(&c, "phq9", &phq(9, 0));
    take(&c, "gad7", &gad(12));
    set(&c, "2026-04-20T10:00:00Z");
    take(&c, "phq9", &phq(8, 0));
    assert_eq!(
        c.paired_measure_progress(None).unwrap(),
        None,
        "GAD-7 has one"
    );
    take(&c, "gad7", &gad(7));
    let p = c.paired_measure_progress(None).unwrap().unwrap();
    assert!(p.caseness_at_start && !p.caseness_at_end);
    assert_eq!(p.recovery, MeasureRecoveryStatus::Recovered);
    assert!(p.reliable_improvement, "GAD-7 fell by 5, PHQ-9 steady");
    assert!(p.reliable_recovery);
    assert_eq!(p.rule_confidence, "L");
    assert!(p.notes[0].contains("low confidence"));
    assert_eq!(
        p.phq9.recovery,
        MeasureRecoveryStatus::ExcludedNotAtCaseness
    );
    assert_eq!(p.gad7.recovery, MeasureRecoveryStatus::Recovered);
}

#[test]
fn pure_change_calls_follow_every_published_edge() {
    use MeasureChangeDirection::*;
    let ch = |m: &str, a, b| assess_measure_change(MeasureId::parse(m).unwrap(), a, b).unwrap();
    // Caseness edges.
    assert!(!ch("phq9", 9, 0).caseness_at_start);
    assert!(ch("phq9", 10, 0).caseness_at_start);
    assert!(!ch("gad7", 7, 0).caseness_at_start);
    assert!(ch("gad7", 8, 0).caseness_at_start);
    // Reliable change edges: 5 vs 6, 3 vs 4, both directions.
    assert_eq!(ch("phq9", 20, 15).direction, NoReliableChange);
    assert_eq!(ch("phq9", 20, 14).direction, ReliableImprovement);
    assert_eq!(ch("phq9", 5, 10).direction, NoReliableChange);
    assert_eq!(ch("phq9", 5, 11).direction, ReliableDeterioration);
    assert_eq!(ch("gad7", 12, 9).direction, NoReliableChange);
    assert_eq!(ch("gad7", 12, 8).direction, ReliableImprovement);
    assert_eq!(ch("gad7", 4, 7).direction, NoReliableChange);
    assert_eq!(ch("gad7", 4, 8).direction, ReliableDeterioration);
    let d = ch("gad7", 4, 8);
    assert!(d.reliable_deterioration && d.lines[0].contains("went up by 4"));
    // Not at caseness at the start: excluded from recovery.
    let x = ch("phq9", 9, 2);
    assert_eq!(x.recovery, MeasureRecoveryStatus::ExcludedNotAtCaseness);
    assert!(x.reliable_improvement && !x.reliable_recovery);
    assert_eq!(
        invalid_field(assess_measure_change(MeasureId::Phq9, 28, 1)),
        "start_total"
    );
    assert_eq!(
        invalid_field(assess_measure_change(MeasureId::Gad7, 1, 22)),
        "end_total"
    );
    assert_eq!(
        invalid_field(assess_measure_change(MeasureId::Ons4, 1, 2)),
        "measure"
    );
    let p = assess_paired_change(16, 10, 6, 10).unwrap();
    assert!(!p.reliable_improvement, "GAD-7 deteriorated reliably");
    assert!(
        assess_paired_change(16, 10, 6, 9)
            .unwrap()
            .reliable_improvement
    );
    assert_eq!(
        invalid_field(assess_paired_change(0, 0, 0, 22)),
        "end_total"
    );
}

// ---------------------------------------------------------------------------------------
// Due and view helpers
// ---------------------------------------------------------------------------------------

#[test]
fn due_follows_cadence_in_local_days() {
    let c = store();
    assert!(c.measure_is_due("phq9").unwrap(), "never taken");
    take(&c, "phq9", &phq(5, 0));
    take(&c, "swemwbs", &[3; 7]);
    assert!(!c.measure_is_due("phq9").unwrap());
    set(&c, "2026-03-08T23:00:00Z"); // 6 days later
    assert!(!c.measure_is_due("phq9").unwrap());
    set(&c, "2026-03-09T00:30:00Z"); // 7 days later (local date)
    assert!(c.measure_is_due("phq9").unwrap());
    assert!(!c.measure_is_due("swemwbs").unwrap(), "fortnightly");
    // An offset that moves the local date back a day makes it 6 days again.
    c.set_fixed_time(
        chrono::DateTime::parse_from_rfc3339("2026-03-09T00:30:00Z")
            .unwrap()
            .timestamp_millis(),
        -60,
    )
    .unwrap();
    assert!(!c.measure_is_due("phq9").unwrap());
    set(&c, "2026-03-16T09:00:00Z");
    assert!(c.measure_is_due("swemwbs").unwrap());
    let o = c.measures_overview().unwrap();
    let phq9 = &o[0];
    assert_eq!(phq9.measure, MeasureId::Phq9);
    assert!(phq9.due);
    assert_eq!(phq9.days_since_last, Some(14));
    assert_eq!(phq9.next_due_date.as_deref(), Some("2026-03-09"));
    assert_eq!(phq9.latest.as_ref().unwrap().total, Some(5));
    let gad7 = &o[1];
    assert!(gad7.due && gad7.latest.is_none() && gad7.next_due_date.is_none());
    assert!(c.measure_is_due("nope").is_err());
}

#[test]
fn view_helpers_latest_and_between() {
    let c = store();
    assert_eq!(c.measure_latest("gad7").unwrap(), None);
    take(&c, "gad7", &gad(3));
    set(&c, "2026-03-04T10:00:00Z");
    let second = take(&c, "gad7", &gad(6));
    take(&c, "phq9", &phq(2, 0));
    assert_eq!(c.measure_latest("gad7").unwrap().unwrap().id, second.id);
    let d = |s: &str| clock::parse_date("d", s).unwrap();
    let week = c
        .measure_results_between(d("2026-03-03"), d("2026-03-08"), crate::ids::Profile::Adult)
        .unwrap();
    let got: Vec<(&str, Option<i32>)> =
        week.iter().map(|r| (r.measure.as_str(), r.total)).collect();
    assert_eq!(got, [("gad7", Some(6)), ("phq9", Some(2))]);
}

// ---------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------

fn step(p: FlowProgress) -> Step {
    match p {
        FlowProgress::Next { step } => step,
        other => panic!("expected a step, got {other:?}"),
    }
}

/// Walks a measure's flow with `answers`; returns the flow id and the summary.
fn walk(c: &WellbeingStore, tool: &str, answers: &[i32]) -> (String, FlowSummary, Vec<Step>) {
    let first = step(c.start_flow(ToolId::parse(tool).unwrap(), None).unwrap());
    let id = first.flow_id.clone();
    assert_eq!(first.step_id, "intro");
    assert_eq!(first.input, InputKind::Info);
    assert_eq!(first.total as usize, answers.len() + 1);
    let mut steps = vec![first];
    let mut p = c.answer_flow(id.clone(), Answer::Continue).unwrap();
    for v in answers {
        let s = step(p);
        steps.push(s);
        p = c
            .answer_flow(id.clone(), Answer::Scale { value: *v })
            .unwrap();
    }
    match p {
        FlowProgress::Complete { summary } => (id, summary, steps),
        other => panic!("expected complete, got {other:?}"),
    }
}

#[test]
fn measures_are_listed_as_tools() {
    let c = store();
    let tools: Vec<(String, String)> = c
        .list_tools()
        .into_iter()
        .filter(|t| t.group == ToolGroup::Measures)
        .map(|t| (t.id.as_str().to_string(), t.title))
        .collect();
    assert_eq!(
        tools,
        [
            ("phq9".into(), "PHQ-9".into()),
            ("gad7".into(), "GAD-7".into()),
            ("ons4".into(), "ONS4".into()),
            ("swemwbs".into(), "SWEMWBS".into()),
        ]
    );
    assert_eq!(
        invalid_field(c.start_flow(ToolId::Phq9, Some(validate::new_id()))),
        "subject_id"
    );
}

#[test]
fn every_flow_saved_and_discarded() {
    let cases: [(&str, Vec<i32>); 4] = [
        ("phq9", phq(10, 0)),
        ("gad7", gad(8)),
        ("ons4", vec![6, 7, 8, 3]),
        ("swemwbs", vec![3, 3, 4, 4, 3, 3, 3]),
    ];
    for (tool, answers) in cases {
        let c = store();
        let info = c.measure_info(MeasureId::parse(tool).unwrap()).unwrap();
        // Saved.
        let (id, summary, steps) = walk(&c, tool, &answers);
        assert!(summary.headline.is_some(), "{tool}");
        assert!(summary.advice.iter().any(|a| a.contains("GP")), "{tool}");
        assert!(summary.flags.is_empty(), "{tool}");
        // Steps: instructions, licence, then each item with its anchors.
        assert_eq!(steps[0].prompt, info.instructions);
        assert!(steps[0].help.as_deref().unwrap().contains(&info.licence));
        for (s, item) in steps[1..].iter().zip(&info.items) {
            assert_eq!(s.step_id, item.id);
            assert_eq!(s.prompt, item.text);
            assert_eq!(s.help.as_deref(), Some(info.stem.as_str()));
            assert_eq!(
                s.input,
                InputKind::Scale {
                    min: info.answer_min,
                    max: info.answer_max,
                    anchors: item.anchors.clone()
                }
            );
        }
        let saved = c.save_flow(id).unwrap();
        assert_eq!(saved.tool.as_str(), tool);
        let r = c.measure_result(saved.record_id).unwrap();
        assert_eq!(r.answers, answers);
        assert_eq!(Some(r.headline), summary.headline);
        assert_eq!(rows(&c), 1);
        // Discarded: nothing stored.
        let (id, _, _) = walk(&c, tool, &answers);
        c.discard_flow(id.clone()).unwrap();
        assert_eq!(rows(&c), 1, "{tool}");
        is_not_found(c.save_flow(id));
    }
}

#[test]
fn flow_summaries_per_measure() {
    let c = store();
    let (_, s, _) = walk(&c, "phq9", &phq(10, 0));
    assert_eq!(
        s.headline.as_deref(),
        Some("Your score is 10 out of 27, which is in the moderate range.")
    );
    assert_eq!(s.items.len(), 9);
    assert_eq!(s.items[0].value, "3 – Nearly every day");
    let (_, s, _) = walk(&c, "ons4", &[6, 7, 8, 3]);
    assert_eq!(s.items.len(), 4);
    assert_eq!(s.items[3].label, "Anxiety yesterday");
    assert_eq!(s.items[3].value, "3 out of 10, in the low range");
    let (_, s, steps) = walk(&c, "swemwbs", &[3; 7]);
    assert!(s.headline.as_deref().unwrap().contains("19.25"));
    let help = steps[0].help.as_deref().unwrap();
    assert!(help.starts_with(
        "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland"
    ));
    let ons_steps = walk(&c, "ons4", &[0; 4]).2;
    assert_eq!(
        ons_steps[4].input,
        InputKind::Scale {
            min: 0,
            max: 10,
            anchors: vec![
                ScaleAnchor {
                    value: 0,
                    label: "Not at all anxious".into()
                },
                ScaleAnchor {
                    value: 10,
                    label: "Completely anxious".into()
                }
            ]
        }
    );
}

#[test]
fn phq9_flow_puts_the_item9_flag_first() {
    let c = store();
    let (id, s, _) = walk(&c, "phq9", &phq(0, 1));
    assert_eq!(s.flags.len(), 1);
    assert_eq!(s.flags[0].code, SafetyFlagCode::Phq9Item9);
    assert!(s.flags[0].show_help_now);
    // In the plain text the flag comes straight after the title, before the score.
    let mut lines = s.text.lines().skip(2);
    let first = lines.next().unwrap();
    assert!(first.starts_with("! "), "{first}");
    assert!(first.contains(&s.flags[0].title));
    let flag_at = s.text.find(&s.flags[0].detail).unwrap();
    let headline_at = s.text.find(s.headline.as_deref().unwrap()).unwrap();
    assert!(flag_at < headline_at);
    // Discarding still showed it; saving keeps it on the stored result.
    let saved = c.save_flow(id).unwrap();
    let r = c.measure_result(saved.record_id).unwrap();
    assert_eq!(r.flags, s.flags);
}

#[test]
fn flow_refuses_out_of_range_answers_and_goes_back() {
    let c = store();
    let first = step(c.start_flow(ToolId::Gad7, None).unwrap());
    let id = first.flow_id;
    assert!(c
        .answer_flow(id.clone(), Answer::Scale { value: 0 })
        .is_err());
    c.answer_flow(id.clone(), Answer::Continue).unwrap();
    for bad in [-1, 4] {
        assert_eq!(
            invalid_field(c.answer_flow(id.clone(), Answer::Scale { value: bad })),
            "item-1"
        );
    }
    assert!(c.answer_flow(id.clone(), Answer::Skip).is_err());
    c.answer_flow(id.clone(), Answer::Scale { value: 2 })
        .unwrap();
    let back = step(c.flow_back(id.clone()).unwrap());
    assert_eq!(back.step_id, "item-1");
    assert_eq!(back.previous_answer, Some(Answer::Scale { value: 2 }));
    // A draft of a measure resumes where it was left.
    c.answer_flow(id.clone(), Answer::Scale { value: 1 })
        .unwrap();
    let draft = c.save_flow_draft(id.clone()).unwrap();
    let resumed = step(c.resume_flow(draft.flow_id).unwrap());
    assert_eq!((resumed.step_id.as_str(), resumed.position), ("item-2", 3));
    assert_eq!(resumed.flow_id, id, "resuming carries on the same flow");
    c.discard_flow(id).unwrap();
    assert_eq!(rows(&c), 0);
}

#[test]
fn item9_summary_leads_with_the_notice_and_guides_staff_only_in_conversation_mode() {
    // Conversation mode (nothing stored): the staff member gets guidance with the notice.
    let talk = store();
    let (_, summary, _) = walk(&talk, "phq9", &phq(3, 1));
    let n = summary
        .safety
        .expect("a flagged summary carries the notice");
    assert!(n.urgent);
    assert_eq!(n.flags, summary.flags);
    assert!(n.staff_guidance.is_some_and(|g| !g.steps.is_empty()));
    assert!(
        summary.text.starts_with("PHQ-9\n=====\n! "),
        "the flag leads the text too"
    );

    // The person's own store: the same notice, no staff guidance; the saved result as well.
    let dir = tempfile::tempdir().unwrap();
    let own = WellbeingStore::open(dir.path().join("p.db").display().to_string()).unwrap();
    let (id, summary, _) = walk(&own, "phq9", &phq(3, 1));
    let n = summary.safety.clone().unwrap();
    assert_eq!(n.staff_guidance, None);
    let saved = own.save_flow(id).unwrap();
    assert_eq!(saved.summary.safety, Some(n.clone()));
    let r = own.measure_result(saved.record_id).unwrap();
    assert_eq!(r.safety.map(|m| m.flags), Some(n.flags));

    // Item 9 at 0: no notice, whatever the total.
    let (_, summary, _) = walk(&own, "phq9", &phq(24, 0));
    assert_eq!(summary.safety, None);
    assert!(take(&own, "gad7", &gad(21)).safety.is_none());
}
